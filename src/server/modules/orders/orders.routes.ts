import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf, idempotencyOf } from '@server/platform/http/app';
import { DomainError } from '@server/platform/errors';
import { idParam, isoDate, optionalText, problemResponses } from '@shared/api/common';
import {
  confirmInput,
  orderBookSchema,
  orderInput,
  orderListQuery,
  orderPatch,
  orderSchema,
  orderVersionSchema,
  reasonInput,
  sendAckInput,
  timelineEntrySchema,
} from '@shared/api/orders';
import { orderBookWorkbook } from './orders.export';
import { orderImportPreviewSchema, orderImportResultSchema, type ImportFile } from './orders.import';
import type { OrderService } from './orders.service';

const errors = problemResponses;

/** The `file` part of a multipart upload (the other parts are read and ignored). */
async function uploadedFile(req: FastifyRequest): Promise<ImportFile> {
  if (!req.isMultipart())
    throw new DomainError('multipart_required', 415, [{ path: 'file', code: 'multipart_required' }]);
  let file: ImportFile | null = null;
  for await (const part of req.parts()) {
    if (part.type !== 'file') continue;
    const data = await part.toBuffer();
    if (part.fieldname === 'file') file = { filename: part.filename || 'commandes.csv', data };
  }
  if (!file || file.data.length === 0)
    throw new DomainError('validation_failed', 422, [{ path: 'file', code: 'file_required' }]);
  return file;
}

export const orderRoutes =
  (svc: OrderService): FastifyPluginAsyncZod =>
  async (app) => {
    // Order import: multipart only in this sub-context (the other order routes stay JSON).
    await app.register(async (sub) => {
      await sub.register(multipart, { limits: { fileSize: 20 * 1024 * 1024, files: 1, fields: 10, parts: 12 } });
      sub.post(
        '/orders/imports/preview',
        {
          config: { permission: 'orders:read' },
          schema: {
            tags: ['orders'],
            summary:
              'Read a .csv or .xlsx file of orders (multipart `file`; one row per line, rows with the same customer and reference form one order) and check every row, without writing anything',
            consumes: ['multipart/form-data'],
            response: { 200: orderImportPreviewSchema, ...errors },
          },
        },
        async (req) => svc.imports.preview(ctxOf(req), await uploadedFile(req)),
      );
      sub.post(
        '/orders/imports',
        {
          config: { permission: 'orders:write' },
          schema: {
            tags: ['orders'],
            summary:
              'Create all the orders of a .csv or .xlsx file (multipart `file`) in one transaction with source `import`, or none: 422 naming `rows.<row>.<column>` when a row is in error (accepts Idempotency-Key; the file content is the body)',
            consumes: ['multipart/form-data'],
            response: { 201: orderImportResultSchema, ...errors },
          },
        },
        async (req, reply) => {
          const file = await uploadedFile(req);
          const r = await svc.imports.commit(ctxOf(req), file, idempotencyOf(req));
          return reply.status(r.status).send(r.body);
        },
      );
    });

    app.get(
      '/orders',
      {
        config: { permission: 'orders:read' },
        schema: {
          tags: ['orders'],
          summary: 'Orders, newest first; filters status (comma-separated, or `open`), customer, reference, portfolio…',
          querystring: orderListQuery,
          response: { 200: z.object({ data: z.array(orderSchema), nextCursor: z.string().nullable() }), ...errors },
        },
      },
      async (req) => svc.list(ctxOf(req), req.query),
    );
    app.post(
      '/orders',
      {
        config: { permission: 'orders:write' },
        schema: {
          tags: ['orders'],
          summary:
            'Register a customer order: priced from the customer’s conditions, promised, checked by the validation pipeline (accepts Idempotency-Key)',
          body: orderInput,
          response: { 201: orderSchema, ...errors },
        },
      },
      async (req, reply) => {
        const r = await svc.create(ctxOf(req), req.body, idempotencyOf(req));
        return reply.status(r.status).send(r.body);
      },
    );
    app.post(
      '/orders/preview',
      {
        config: { permission: 'orders:read' },
        schema: {
          tags: ['orders'],
          summary: 'What the order would be (prices, promised dates, findings) without saving anything',
          body: orderInput,
          response: { 200: orderSchema, ...errors },
        },
      },
      async (req) => svc.preview(ctxOf(req), req.body),
    );
    app.get(
      '/orders/:id',
      {
        config: { permission: 'orders:read' },
        schema: { tags: ['orders'], params: idParam, response: { 200: orderSchema, ...errors } },
      },
      async (req) => svc.get(ctxOf(req), req.params.id),
    );
    app.patch(
      '/orders/:id',
      {
        config: { permission: 'orders:write' },
        schema: {
          tags: ['orders'],
          summary:
            'Change an order (lines, dates, references). A confirmed order keeps its previous version, is checked again and re-acknowledged',
          params: idParam,
          body: orderPatch,
          response: { 200: orderSchema, ...errors },
        },
      },
      async (req) => svc.update(ctxOf(req), req.params.id, req.body),
    );
    app.post(
      '/orders/:id/validate',
      {
        config: { permission: 'orders:write' },
        schema: {
          tags: ['orders'],
          summary: 'Run the validation pipeline again with today’s facts',
          params: idParam,
          response: { 200: orderSchema, ...errors },
        },
      },
      async (req) => svc.validate(ctxOf(req), req.params.id),
    );
    app.post(
      '/orders/:id/confirm',
      {
        config: { permission: 'orders:write' },
        schema: {
          tags: ['orders'],
          summary:
            'Confirm: reserves stock, records backorders, sends the acknowledgement. 409 `order_blocked` while a blocking finding stands, unless a user allowed to override gives a reason',
          params: idParam,
          body: confirmInput,
          response: { 200: orderSchema, ...errors },
        },
      },
      async (req) => svc.confirm(ctxOf(req), req.params.id, req.body?.overrideReason),
    );
    app.post(
      '/orders/:id/cancel',
      {
        config: { permission: 'orders:write' },
        schema: {
          tags: ['orders'],
          summary: 'Cancel with a reason (releases reservations); refused once something is delivered',
          params: idParam,
          body: reasonInput,
          response: { 200: orderSchema, ...errors },
        },
      },
      async (req) => svc.cancel(ctxOf(req), req.params.id, req.body.reason),
    );
    app.post(
      '/orders/:id/hold',
      {
        config: { permission: 'orders:write' },
        schema: {
          tags: ['orders'],
          summary: 'Put on hold with a reason',
          params: idParam,
          body: reasonInput,
          response: { 200: orderSchema, ...errors },
        },
      },
      async (req) => svc.hold(ctxOf(req), req.params.id, req.body.reason),
    );
    app.post(
      '/orders/:id/release',
      {
        config: { permission: 'orders:write' },
        schema: {
          tags: ['orders'],
          summary: 'Release a hold: back to the status the order had',
          params: idParam,
          response: { 200: orderSchema, ...errors },
        },
      },
      async (req) => svc.release(ctxOf(req), req.params.id),
    );
    app.get(
      '/orders/:id/acknowledgement.pdf',
      {
        config: { permission: 'orders:read' },
        schema: {
          tags: ['orders'],
          summary: 'The order acknowledgement (ARC) as PDF, in the customer’s language unless lang is given',
          params: idParam,
          querystring: z.object({ lang: z.enum(['fr', 'en']).optional() }),
        },
      },
      async (req, reply) => {
        const { order, pdf } = await svc.ackPdf(ctxOf(req), req.params.id, req.query.lang);
        return reply
          .type('application/pdf')
          .header('content-disposition', `inline; filename="ARC-${order.number}.pdf"`)
          .send(pdf);
      },
    );
    app.post(
      '/orders/:id/acknowledgement/send',
      {
        config: { permission: 'orders:write' },
        schema: {
          tags: ['orders'],
          summary: 'E-mail the acknowledgement (again) to the buyer or to the addresses given, through the outbox',
          params: idParam,
          body: sendAckInput,
          response: { 200: orderSchema, ...errors },
        },
      },
      async (req) => svc.resendAck(ctxOf(req), req.params.id, req.body ?? {}),
    );
    app.get(
      '/orders/:id/versions',
      {
        config: { permission: 'orders:read' },
        schema: {
          tags: ['orders'],
          summary: 'The order as it was before each change made after confirmation',
          params: idParam,
          response: { 200: z.object({ data: z.array(orderVersionSchema) }), ...errors },
        },
      },
      async (req) => ({ data: await svc.versions(ctxOf(req), req.params.id) }),
    );
    app.get(
      '/orders/:id/timeline',
      {
        config: { permission: 'orders:read' },
        schema: {
          tags: ['orders'],
          summary: 'Audit trail, e-mails sent and versions of the order, newest first',
          params: idParam,
          response: { 200: z.object({ data: z.array(timelineEntrySchema) }), ...errors },
        },
      },
      async (req) => ({ data: await svc.timeline(ctxOf(req), req.params.id) }),
    );
    app.post(
      '/quotes/:id/convert',
      {
        config: { permission: 'orders:write' },
        schema: {
          tags: ['orders', 'quotes'],
          summary: 'Turn an accepted quote into an order (its lines and prices); the quote becomes converted',
          params: idParam,
          body: z
            .object({
              customerReference: optionalText(100).optional(),
              requestedDeliveryDate: isoDate.nullish(),
            })
            .default({}),
          response: { 201: orderSchema, ...errors },
        },
      },
      async (req, reply) => {
        const r = await svc.fromQuote(ctxOf(req), req.params.id, req.body ?? {}, idempotencyOf(req));
        return reply.status(r.status).send(r.body);
      },
    );
    app.get(
      '/order-book/lines',
      {
        config: { permission: 'orders:read' },
        schema: {
          tags: ['orders'],
          summary:
            'The order book: open lines left to deliver, oldest promise first, with totals of everything matching (late, at risk, open value)',
          querystring: orderListQuery,
          response: { 200: orderBookSchema, ...errors },
        },
      },
      async (req) => svc.book(ctxOf(req), req.query),
    );
    app.get(
      '/order-book/export.xlsx',
      {
        config: { permission: 'orders:read' },
        schema: {
          tags: ['orders'],
          summary: 'The order book (same filters) as an Excel workbook',
          querystring: orderListQuery,
        },
      },
      async (req, reply) => {
        const ctx = ctxOf(req);
        const book = await svc.book(ctx, { ...req.query, all: true });
        const buf = await orderBookWorkbook(book, ctx.lang);
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', 'attachment; filename="carnet-de-commandes.xlsx"')
          .send(buf);
      },
    );
  };
