import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError } from '@server/platform/errors';
import { ctxOf, idempotencyOf } from '@server/platform/http/app';
import { email, idParam, problemResponses } from '@shared/api/common';
import { quoteInput, quotePatch, quoteSchema } from '@shared/api/quotes';
import type { QuoteService } from './quotes.service';

const errors = problemResponses;
const attachmentSchema = z.object({
  id: z.string(),
  filename: z.string(),
  contentType: z.string(),
  size: z.number(),
  sha256: z.string(),
});

export const quoteRoutes =
  (svc: QuoteService): FastifyPluginAsyncZod =>
  async (app) => {
    await app.register(multipart, { limits: { fileSize: 20 * 1024 * 1024, files: 1 } });

    app.get(
      '/quotes',
      {
        config: { permission: 'customers:read' },
        schema: {
          tags: ['quotes'],
          querystring: z.object({
            status: z.enum(['draft', 'sent', 'accepted', 'refused', 'expired', 'cancelled', 'converted']).optional(),
            customerId: z.string().uuid().optional(),
            q: z.string().trim().max(100).optional(),
            limit: z.coerce.number().int().min(1).max(500).default(50),
            cursor: z.string().uuid().optional(),
          }),
          response: { 200: z.object({ data: z.array(quoteSchema), nextCursor: z.string().nullable() }), ...errors },
        },
      },
      async (req) => svc.list(ctxOf(req), req.query),
    );
    app.post(
      '/quotes',
      {
        config: { permission: 'customers:write' },
        schema: {
          tags: ['quotes'],
          summary:
            'Create a quote (or a tender answer): prices come from the pricing function unless overridden with a reason',
          body: quoteInput,
          response: { 201: quoteSchema, ...errors },
        },
      },
      async (req, reply) => {
        const r = await svc.create(ctxOf(req), req.body, idempotencyOf(req));
        return reply.status(r.status).send(r.body);
      },
    );
    app.get(
      '/quotes/:id',
      {
        config: { permission: 'customers:read' },
        schema: { tags: ['quotes'], params: idParam, response: { 200: quoteSchema, ...errors } },
      },
      async (req) => svc.get(ctxOf(req), req.params.id),
    );
    app.patch(
      '/quotes/:id',
      {
        config: { permission: 'customers:write' },
        schema: {
          tags: ['quotes'],
          summary: 'Change a draft quote',
          params: idParam,
          body: quotePatch,
          response: { 200: quoteSchema, ...errors },
        },
      },
      async (req) => svc.update(ctxOf(req), req.params.id, req.body),
    );
    app.get(
      '/quotes/:id/pdf',
      {
        config: { permission: 'customers:read' },
        schema: {
          tags: ['quotes'],
          summary: 'The quote as PDF (customer’s language unless lang is given)',
          params: idParam,
          querystring: z.object({ lang: z.enum(['fr', 'en']).optional() }),
        },
      },
      async (req, reply) => {
        const { quote, pdf } = await svc.pdf(ctxOf(req), req.params.id, req.query.lang);
        return reply
          .type('application/pdf')
          .header('content-disposition', `inline; filename="${quote.number}.pdf"`)
          .send(pdf);
      },
    );
    app.post(
      '/quotes/:id/send',
      {
        config: { permission: 'customers:write' },
        schema: {
          tags: ['quotes'],
          summary: 'E-mail the PDF to the customer (through the outbox) and mark the quote sent',
          params: idParam,
          body: z.object({ to: z.array(email).max(10).optional(), message: z.string().max(4000).nullish() }),
          response: { 200: quoteSchema, ...errors },
        },
      },
      async (req) => svc.send(ctxOf(req), req.params.id, req.body),
    );
    for (const command of ['accept', 'cancel', 'reopen'] as const)
      app.post(
        `/quotes/:id/${command}`,
        {
          config: { permission: 'customers:write' },
          schema: { tags: ['quotes'], params: idParam, response: { 200: quoteSchema, ...errors } },
        },
        async (req) => svc[command](ctxOf(req), req.params.id),
      );
    app.post(
      '/quotes/:id/refuse',
      {
        config: { permission: 'customers:write' },
        schema: {
          tags: ['quotes'],
          params: idParam,
          body: z.object({ reason: z.string().trim().min(1).max(1000) }),
          response: { 200: quoteSchema, ...errors },
        },
      },
      async (req) => svc.refuse(ctxOf(req), req.params.id, req.body.reason),
    );
    app.post(
      '/quotes/:id/attachments',
      {
        config: { permission: 'customers:write' },
        schema: {
          tags: ['quotes'],
          summary: 'Attach a file (multipart field "file"), e.g. tender documents',
          params: idParam,
          response: { 201: attachmentSchema, ...errors },
        },
      },
      async (req, reply) => {
        const file = req.isMultipart() ? await req.file() : undefined;
        if (!file) throw new DomainError('validation_failed', 422, [{ path: 'file', code: 'required' }]);
        const data = await file.toBuffer();
        const saved = await svc.addAttachment(ctxOf(req), req.params.id, {
          filename: file.filename,
          contentType: file.mimetype,
          data,
        });
        return reply.status(201).send(saved);
      },
    );
    app.get(
      '/quotes/:id/attachments/:attachmentId',
      {
        config: { permission: 'customers:read' },
        schema: { tags: ['quotes'], params: z.object({ id: z.string().uuid(), attachmentId: z.string().uuid() }) },
      },
      async (req, reply) => {
        const a = await svc.getAttachment(ctxOf(req), req.params.id, req.params.attachmentId);
        return reply
          .type(a.contentType)
          .header('content-disposition', `attachment; filename="${encodeURIComponent(a.filename)}"`)
          .header('x-content-sha256', a.sha256)
          .send(a.data);
      },
    );
  };
