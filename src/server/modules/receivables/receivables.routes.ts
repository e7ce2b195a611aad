import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf, idempotencyOf } from '@server/platform/http/app';
import { idParam, page, problemResponses } from '@shared/api/common';
import {
  agingQuery,
  agingSchema,
  allocateInput,
  bankFileInput,
  bankImportResult,
  bankLineMatch,
  bankLineQuery,
  bankLineSchema,
  bankLinesAccept,
  bankStatementSchema,
  creditReleaseInput,
  creditStatusSchema,
  dunningLetterSchema,
  dunningRunCreate,
  dunningRunSchema,
  dunningSend,
  openItemSchema,
  paymentCreate,
  paymentListQuery,
  paymentSchema,
  receivableNoteInput,
  receivableNoteSchema,
} from '@shared/api/receivables';
import type { Dunning } from './receivables.dunning';
import { agingWorkbook } from './receivables.export';
import type { ReceivablesService } from './receivables.service';

const errors = problemResponses;
const tags = ['receivables'];
const fileOf = (b: { content?: string | undefined; contentBase64?: string | undefined }) =>
  b.contentBase64 !== undefined ? Buffer.from(b.contentBase64, 'base64') : Buffer.from(b.content ?? '', 'utf8');

export const receivablesRoutes =
  (svc: ReceivablesService, dunning: Dunning): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/receivables/aging/export.xlsx',
      {
        config: { permission: 'invoices:read' },
        schema: { tags, summary: 'The aging balance (same filters) as an Excel workbook', querystring: agingQuery },
      },
      async (req, reply) => {
        const ctx = ctxOf(req);
        const buf = await agingWorkbook(await svc.aging(ctx, req.query), ctx.lang);
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', 'attachment; filename="balance-agee.xlsx"')
          .send(buf);
      },
    );

    app.get(
      '/customers/:id/statement.pdf',
      {
        config: { permission: 'invoices:read' },
        schema: {
          tags,
          summary: 'Statement of account (relevé de compte) as of today, in the customer’s language',
          params: idParam,
        },
      },
      async (req, reply) => {
        const r = await svc.statementPdf(ctxOf(req), req.params.id);
        return reply
          .header('content-type', 'application/pdf')
          .header('content-disposition', `inline; filename="${r.fileName}"`)
          .send(r.pdf);
      },
    );

    // ── follow-up notes ──
    app.get(
      '/customers/:id/receivable-notes',
      {
        config: { permission: 'invoices:read' },
        schema: {
          tags,
          summary: 'Call notes and promises to pay of a customer, newest first',
          params: idParam,
          response: { 200: z.object({ data: z.array(receivableNoteSchema) }), ...errors },
        },
      },
      async (req) => ({ data: await svc.notes(ctxOf(req), req.params.id) }),
    );
    app.post(
      '/customers/:id/receivable-notes',
      {
        config: { permission: 'invoices:write' },
        schema: {
          tags,
          summary: 'Record a call or a promise to pay; a follow-up date puts a task in the author’s list',
          params: idParam,
          body: receivableNoteInput,
          response: { 201: receivableNoteSchema, ...errors },
        },
      },
      async (req, reply) => reply.status(201).send(await svc.addNote(ctxOf(req), req.params.id, req.body)),
    );

    // ── credit hold ──
    app.get(
      '/customers/:id/credit-status',
      {
        config: { permission: 'customers:read' },
        schema: {
          tags,
          summary: 'Credit position: exposure, limit, overdue; on hold or not, and the release in force',
          params: idParam,
          response: { 200: creditStatusSchema, ...errors },
        },
      },
      async (req) => svc.creditStatus(ctxOf(req), req.params.id),
    );
    app.post(
      '/customers/:id/credit-release',
      {
        config: { permission: 'orders:override' },
        schema: {
          tags,
          summary: 'Let the deliveries of a customer on credit hold go until a date (default a week), with the reason',
          params: idParam,
          body: creditReleaseInput,
          response: { 200: creditStatusSchema, ...errors },
        },
      },
      async (req) => svc.releaseHold(ctxOf(req), req.params.id, req.body),
    );

    // ── dunning ──
    app.post(
      '/dunning-runs',
      {
        config: { permission: 'invoices:write' },
        schema: {
          tags,
          summary: 'Propose the reminders due on a date, one per customer at its highest level (nothing is sent yet)',
          body: dunningRunCreate,
          response: { 201: dunningRunSchema, ...errors },
        },
      },
      async (req, reply) => reply.status(201).send(await dunning.propose(ctxOf(req), req.body.asOf)),
    );
    app.get(
      '/dunning-runs',
      {
        config: { permission: 'invoices:read' },
        schema: {
          tags,
          summary: 'Dunning runs, newest first',
          querystring: z.object({
            limit: z.coerce.number().int().min(1).max(100).default(20),
            cursor: z.string().optional(),
          }),
          response: { 200: page(dunningRunSchema), ...errors },
        },
      },
      async (req) => dunning.list(ctxOf(req), req.query),
    );
    app.get(
      '/dunning-runs/:id',
      {
        config: { permission: 'invoices:read' },
        schema: {
          tags,
          summary: 'One dunning run and its letters',
          params: idParam,
          response: { 200: dunningRunSchema, ...errors },
        },
      },
      async (req) => dunning.get(ctxOf(req), req.params.id),
    );
    app.post(
      '/dunning-runs/:id/send',
      {
        config: { permission: 'invoices:write' },
        schema: {
          tags,
          summary:
            'Send the chosen proposed letters (default all) through the outbox; each invoice’s level is recorded',
          params: idParam,
          body: dunningSend,
          response: { 200: dunningRunSchema, ...errors },
        },
      },
      async (req) => dunning.send(ctxOf(req), req.params.id, req.body.letterIds),
    );
    app.post(
      '/dunning-letters/:id/cancel',
      {
        config: { permission: 'invoices:write' },
        schema: {
          tags,
          summary: 'Do not send this proposed letter',
          params: idParam,
          response: { 200: dunningLetterSchema, ...errors },
        },
      },
      async (req) => dunning.cancel(ctxOf(req), req.params.id),
    );
    app.get(
      '/dunning-letters',
      {
        config: { permission: 'invoices:read' },
        schema: {
          tags,
          summary: 'Reminders of a customer or about an invoice, newest first',
          querystring: z.object({ customerId: z.string().uuid().optional(), invoiceId: z.string().uuid().optional() }),
          response: { 200: z.object({ data: z.array(dunningLetterSchema) }), ...errors },
        },
      },
      async (req) => ({ data: await dunning.history(ctxOf(req), req.query) }),
    );

    app.post(
      '/payments',
      {
        config: { permission: 'invoices:write' },
        schema: {
          tags,
          summary:
            'Record a payment; without allocations it settles the oldest due invoices first, the rest stays unallocated credit (accepts Idempotency-Key)',
          body: paymentCreate,
          response: { 201: paymentSchema, ...errors },
        },
      },
      async (req, reply) => {
        const r = await svc.createPayment(ctxOf(req), req.body, idempotencyOf(req));
        return reply.status(r.status).send(r.body);
      },
    );
    app.get(
      '/payments',
      {
        config: { permission: 'invoices:read' },
        schema: {
          tags,
          summary: 'Payments, newest first',
          querystring: paymentListQuery,
          response: { 200: page(paymentSchema), ...errors },
        },
      },
      async (req) => svc.listPayments(ctxOf(req), req.query),
    );
    app.get(
      '/payments/:id',
      {
        config: { permission: 'invoices:read' },
        schema: {
          tags,
          summary: 'One payment and its allocations',
          params: idParam,
          response: { 200: paymentSchema, ...errors },
        },
      },
      async (req) => svc.getPayment(ctxOf(req), req.params.id),
    );
    app.post(
      '/payments/:id/allocations',
      {
        config: { permission: 'invoices:write' },
        schema: {
          tags,
          summary: 'Allocate what a payment has left to invoices of its customer',
          params: idParam,
          body: allocateInput,
          response: { 200: paymentSchema, ...errors },
        },
      },
      async (req) => svc.allocate(ctxOf(req), req.params.id, req.body.allocations),
    );
    app.get(
      '/receivables/open-items',
      {
        config: { permission: 'invoices:read' },
        schema: {
          tags,
          summary: 'Open invoices and credit notes (what is left to pay or to offset), oldest due first',
          querystring: z.object({ customerId: z.string().uuid().optional() }),
          response: { 200: z.object({ data: z.array(openItemSchema) }), ...errors },
        },
      },
      async (req) => ({ data: await svc.openItems(ctxOf(req), req.query) }),
    );
    app.get(
      '/receivables/aging',
      {
        config: { permission: 'invoices:read' },
        schema: {
          tags,
          summary: 'Aging per customer as of a date: not due, 1–30, 31–60, 61–90, over 90 days; DSO',
          querystring: agingQuery,
          response: { 200: agingSchema, ...errors },
        },
      },
      async (req) => svc.aging(ctxOf(req), req.query),
    );

    // ── bank statements ──
    app.post(
      '/bank-statements/preview',
      {
        config: { permission: 'invoices:write' },
        bodyLimit: 32 * 1024 * 1024,
        schema: {
          tags,
          summary: 'Read a statement file (CAMT.053, CFONB 120, CSV) without importing: statements, lines, duplicates',
          body: bankFileInput,
          response: { 200: z.object({ statements: z.array(bankStatementSchema) }), ...errors },
        },
      },
      async (req) => ({ statements: await svc.previewStatement(ctxOf(req), req.body.fileName, fileOf(req.body)) }),
    );
    app.post(
      '/bank-statements',
      {
        config: { permission: 'invoices:write' },
        bodyLimit: 32 * 1024 * 1024,
        schema: {
          tags,
          summary:
            'Import a statement file: nothing twice (statement and line identities); matching suggested per line',
          body: bankFileInput,
          response: { 201: bankImportResult, ...errors },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await svc.importStatement(ctxOf(req), req.body.fileName, fileOf(req.body))),
    );
    app.get(
      '/bank-lines',
      {
        config: { permission: 'invoices:read' },
        schema: {
          tags,
          summary: 'Statement lines (filters: status unmatched|suggested|matched|ignored, statementId)',
          querystring: bankLineQuery,
          response: { 200: page(bankLineSchema), ...errors },
        },
      },
      async (req) => svc.listLines(ctxOf(req), req.query),
    );
    app.post(
      '/bank-lines/refresh-suggestions',
      {
        config: { permission: 'invoices:write' },
        schema: {
          tags,
          summary: 'Recompute the suggestions of the lines still open',
          response: { 200: z.object({ refreshed: z.number() }), ...errors },
        },
      },
      async (req) => svc.refreshSuggestions(ctxOf(req)),
    );
    app.post(
      '/bank-lines/accept',
      {
        config: { permission: 'invoices:write' },
        schema: {
          tags,
          summary: 'Accept the suggested matches of these lines in one go (each line on its own)',
          body: bankLinesAccept,
          response: {
            200: z.object({
              results: z.array(
                z.object({ lineId: z.string(), paymentId: z.string().nullable(), code: z.string().nullable() }),
              ),
            }),
            ...errors,
          },
        },
      },
      async (req) => svc.acceptSuggestions(ctxOf(req), req.body.lineIds),
    );
    app.post(
      '/bank-lines/:id/match',
      {
        config: { permission: 'invoices:write' },
        schema: {
          tags,
          summary: 'Match a line to a customer and invoices as a person decided: it becomes a payment',
          params: idParam,
          body: bankLineMatch,
          response: { 200: paymentSchema, ...errors },
        },
      },
      async (req) => svc.matchLine(ctxOf(req), req.params.id, req.body),
    );
    app.post(
      '/bank-lines/:id/ignore',
      {
        config: { permission: 'invoices:write' },
        schema: {
          tags,
          summary: 'Not a customer payment: set aside',
          params: idParam,
          response: { 200: bankLineSchema, ...errors },
        },
      },
      async (req) => svc.ignoreLine(ctxOf(req), req.params.id),
    );
  };
