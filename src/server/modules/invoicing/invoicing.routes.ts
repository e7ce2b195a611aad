import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Runner } from '@server/platform/db/runner';
import { ctxOf, idempotencyOf } from '@server/platform/http/app';
import { idParam, isoDate, page, problemResponses } from '@shared/api/common';
import {
  creditNoteCreate,
  documentFormats,
  exchangeRateInput,
  exchangeRateSchema,
  invoiceCreate,
  invoiceIssue,
  invoiceListQuery,
  invoicePatch,
  invoiceSchema,
  invoiceSettingsPatch,
  invoiceSettingsSchema,
  invoicingRunCreate,
  invoicingRunSchema,
  lifecycleEventInput,
  lifecycleEventSchema,
} from '@shared/api/invoices';
import { documentFor } from './invoicing.documents';
import type { InvoicingRuns } from './invoicing.runs';
import type { InvoicingService } from './invoicing.service';

const errors = problemResponses;
const tags = ['invoicing'];

export const invoicingRoutes =
  (svc: InvoicingService, runs: InvoicingRuns, run: Runner): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/invoices',
      {
        config: { permission: 'invoices:read' },
        schema: {
          tags,
          summary:
            'Invoices and credit notes (filters: status, type, customerId, orderId, deliveryId, runId, q, from, to)',
          querystring: invoiceListQuery,
          response: { 200: page(invoiceSchema), ...errors },
        },
      },
      async (req) => svc.list(ctxOf(req), req.query),
    );
    app.post(
      '/invoices',
      {
        config: { permission: 'invoices:write' },
        schema: {
          tags,
          summary:
            'A draft invoice from shipped deliveries, or from an order (lines and quantities, or a down payment) (accepts Idempotency-Key)',
          body: invoiceCreate,
          response: { 201: invoiceSchema, ...errors },
        },
      },
      async (req, reply) => {
        const r = await svc.create(ctxOf(req), req.body, idempotencyOf(req));
        return reply.status(r.status).send(r.body);
      },
    );
    app.get(
      '/invoices/:id',
      {
        config: { permission: 'invoices:read' },
        schema: {
          tags,
          summary: 'One invoice or credit note',
          params: idParam,
          response: { 200: invoiceSchema, ...errors },
        },
      },
      async (req) => svc.get(ctxOf(req), req.params.id),
    );
    app.patch(
      '/invoices/:id',
      {
        config: { permission: 'invoices:write' },
        schema: {
          tags,
          summary: 'Change a draft (note, document allowances and charges); an issued invoice never changes',
          params: idParam,
          body: invoicePatch,
          response: { 200: invoiceSchema, ...errors },
        },
      },
      async (req) => svc.patch(ctxOf(req), req.params.id, req.body),
    );
    app.delete(
      '/invoices/:id',
      {
        config: { permission: 'invoices:write' },
        schema: {
          tags,
          summary: 'Discard a draft (it stays, cancelled)',
          params: idParam,
          response: { 204: z.null(), ...errors },
        },
      },
      async (req, reply) => {
        await svc.discard(ctxOf(req), req.params.id);
        return reply.status(204).send(null);
      },
    );
    app.post(
      '/invoices/:id/issue',
      {
        config: { permission: 'invoices:write' },
        schema: {
          tags,
          summary: 'Issue: the legal number from the gapless per-company sequence, issue and due dates; then immutable',
          params: idParam,
          body: invoiceIssue.default({ send: false }),
          response: { 200: invoiceSchema, ...errors },
        },
      },
      async (req) => svc.issue(ctxOf(req), req.params.id, req.body),
    );
    app.post(
      '/invoices/:id/send',
      {
        config: { permission: 'invoices:write' },
        schema: {
          tags,
          summary: 'E-mail the archived documents to the customer (through the outbox)',
          params: idParam,
          response: { 202: z.object({ queued: z.literal(true) }), ...errors },
        },
      },
      async (req, reply) => {
        await svc.send(ctxOf(req), req.params.id);
        return reply.status(202).send({ queued: true as const });
      },
    );
    app.post(
      '/invoices/:id/credit-notes',
      {
        config: { permission: 'invoices:write' },
        schema: {
          tags,
          summary:
            'An issued credit note: the whole invoice, lines and quantities, an amount, or a return (accepts Idempotency-Key)',
          params: idParam,
          body: creditNoteCreate,
          response: { 201: invoiceSchema, ...errors },
        },
      },
      async (req, reply) => {
        const r = await svc.creditNote(ctxOf(req), req.params.id, req.body, idempotencyOf(req));
        return reply.status(r.status).send(r.body);
      },
    );

    // ── documents ──
    const docRoute = (path: string, format: (typeof documentFormats)[number], summary: string, inline: boolean) =>
      app.get(
        path,
        {
          config: { permission: 'invoices:read' },
          schema: { tags, summary, params: idParam },
        },
        async (req, reply) => {
          const f = await documentFor(run, svc, ctxOf(req), req.params.id, format);
          return reply
            .header('content-type', f.contentType)
            .header('x-content-sha256', f.sha256)
            .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename="${f.fileName}"`)
            .send(f.content);
        },
      );
    docRoute('/invoices/:id/pdf', 'pdf', 'The invoice PDF (a draft: a watermarked preview)', true);
    docRoute('/invoices/:id/facturx', 'facturx', 'Factur-X (PDF/A-3 with factur-x.xml, profile EN 16931)', false);
    docRoute('/invoices/:id/ubl', 'ubl', 'UBL 2.1 (Peppol BIS Billing 3.0)', false);
    docRoute('/invoices/:id/cii', 'cii', 'UN/CEFACT CII (EN 16931)', false);
    app.get(
      '/invoices/:id/documents/:format',
      {
        config: { permission: 'invoices:read' },
        schema: {
          tags,
          summary: 'The archived bytes of a document, exactly as made at issue (header X-Content-SHA256)',
          params: idParam.extend({ format: z.enum(documentFormats) }),
        },
      },
      async (req, reply) => {
        const f = await documentFor(run, svc, ctxOf(req), req.params.id, req.params.format);
        return reply
          .header('content-type', f.contentType)
          .header('x-content-sha256', f.sha256)
          .header('content-disposition', `attachment; filename="${f.fileName}"`)
          .send(f.content);
      },
    );

    // ── e-invoicing lifecycle ──
    app.get(
      '/invoices/:id/lifecycle',
      {
        config: { permission: 'invoices:read' },
        schema: {
          tags,
          summary: 'E-invoicing lifecycle statuses of the reform (200 deposited … 213 rejected), oldest first',
          params: idParam,
          response: { 200: z.object({ data: z.array(lifecycleEventSchema) }), ...errors },
        },
      },
      async (req) => ({ data: await svc.lifecycle(ctxOf(req), req.params.id) }),
    );
    app.post(
      '/invoices/:id/lifecycle',
      {
        config: { permission: 'invoices:write' },
        schema: {
          tags,
          summary: 'Record a lifecycle status (code 200–214) with its date',
          params: idParam,
          body: lifecycleEventInput,
          response: { 201: lifecycleEventSchema, ...errors },
        },
      },
      async (req, reply) => reply.status(201).send(await svc.addLifecycle(ctxOf(req), req.params.id, req.body)),
    );
    app.get(
      '/einvoice-lifecycle/export',
      {
        config: { permission: 'invoices:read' },
        schema: {
          tags,
          summary: 'Lifecycle statuses as CSV (number;code;status;occurredAt;source;note)',
          querystring: z.object({ from: isoDate.optional(), to: isoDate.optional() }),
        },
      },
      async (req, reply) => {
        const csv = await svc.exportLifecycle(ctxOf(req), req.query.from, req.query.to);
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="statuts-factures.csv"')
          .send(csv);
      },
    );
    app.post(
      '/einvoice-lifecycle/import',
      {
        config: { permission: 'invoices:write' },
        schema: {
          tags,
          summary: 'Import lifecycle statuses from a platform (CSV number;code;occurredAt;note)',
          body: z.object({ csv: z.string().max(2_000_000) }),
          response: {
            200: z.object({
              imported: z.number(),
              errors: z.array(
                z.object({ line: z.number(), code: z.string(), message: z.string(), content: z.string() }),
              ),
            }),
            ...errors,
          },
        },
      },
      async (req) => svc.importLifecycle(ctxOf(req), req.body.csv),
    );

    // ── invoicing runs ──
    app.get(
      '/invoicing/due',
      {
        config: { permission: 'invoices:read' },
        schema: {
          tags,
          summary: 'What an invoicing run up to this date would invoice, per customer',
          querystring: z.object({ upToDate: isoDate.optional(), customerId: z.string().uuid().optional() }),
          response: {
            200: z.object({
              data: z.array(
                z.object({
                  customerId: z.string(),
                  customerName: z.string(),
                  mode: z.string(),
                  deliveryCount: z.number(),
                  invoiceCount: z.number(),
                  amounts: z.array(z.object({ currency: z.string(), net: z.string() })),
                }),
              ),
              deliveryCount: z.number(),
              customerCount: z.number(),
              invoiceCount: z.number(),
            }),
            ...errors,
          },
        },
      },
      async (req) => runs.due(ctxOf(req), req.query.upToDate ?? svc.today(), req.query.customerId),
    );
    app.post(
      '/invoicing-runs',
      {
        config: { permission: 'invoices:write' },
        schema: {
          tags,
          summary:
            'Invoice every shipped, uninvoiced delivery up to a date, grouped per customer as its settings say (accepts Idempotency-Key; background: 202 and poll)',
          body: invoicingRunCreate,
          response: { 201: invoicingRunSchema, 202: invoicingRunSchema, ...errors },
        },
      },
      async (req, reply) => {
        const r = await runs.start(ctxOf(req), req.body, idempotencyOf(req));
        return reply.status(r.status).send(r.body);
      },
    );
    app.get(
      '/invoicing-runs',
      {
        config: { permission: 'invoices:read' },
        schema: {
          tags,
          summary: 'Invoicing runs, newest first',
          querystring: z.object({
            limit: z.coerce.number().int().min(1).max(100).default(20),
            cursor: z.string().optional(),
          }),
          response: { 200: page(invoicingRunSchema), ...errors },
        },
      },
      async (req) => runs.list(ctxOf(req), req.query),
    );
    app.get(
      '/invoicing-runs/:id',
      {
        config: { permission: 'invoices:read' },
        schema: {
          tags,
          summary: 'One run: progress, invoices, errors',
          params: idParam,
          response: { 200: invoicingRunSchema, ...errors },
        },
      },
      async (req) => runs.get(ctxOf(req), req.params.id),
    );

    // ── exchange rates and settings ──
    app.get(
      '/exchange-rates',
      {
        config: { permission: 'invoices:read' },
        schema: {
          tags,
          summary: 'Exchange rates (EUR per unit)',
          response: { 200: z.object({ data: z.array(exchangeRateSchema) }), ...errors },
        },
      },
      async (req) => ({ data: await svc.exchangeRates(ctxOf(req)) }),
    );
    app.put(
      '/exchange-rates',
      {
        config: { permission: 'invoices:write' },
        schema: {
          tags,
          summary: 'Set the rate of a currency on a date',
          body: exchangeRateInput,
          response: { 200: exchangeRateSchema, ...errors },
        },
      },
      async (req) => svc.setExchangeRate(ctxOf(req), req.body),
    );
    app.get(
      '/invoice-settings',
      {
        config: { permission: 'invoices:read' },
        schema: {
          tags,
          summary: 'Invoicing settings of the company',
          response: { 200: invoiceSettingsSchema, ...errors },
        },
      },
      async (req) => svc.settings(ctxOf(req)),
    );
    app.patch(
      '/invoice-settings',
      {
        config: { permission: 'invoices:write' },
        schema: {
          tags,
          summary:
            'Change the invoicing settings (penalty rate, indemnity, discount, VAT on debits, series, payment means)',
          body: invoiceSettingsPatch,
          response: { 200: invoiceSettingsSchema, ...errors },
        },
      },
      async (req) => svc.setSettings(ctxOf(req), req.body),
    );
  };
