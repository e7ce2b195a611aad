import multipart from '@fastify/multipart';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '@server/platform/http/app';
import { DomainError } from '@server/platform/errors';
import { idParam, page, problemSchema } from '@shared/api/common';
import {
  commitBody,
  importDetailSchema,
  importKindSchema,
  importPreviewSchema,
  importSummarySchema,
  uploadQuery,
} from './imports.api';
import type { ImportKind } from './imports.columns';
import type { ImportService } from './imports.service';

const errors = {
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
  413: problemSchema,
  415: problemSchema,
  422: problemSchema,
};
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const FILE_SIZE = 50 * 1024 * 1024;

/**
 * Imports: the permission depends on the kind (customers:write, products:write; customers:write for customer
 * prices), so the service checks it once the kind is known; the routes only require a signed-in member.
 */
export const importRoutes =
  (svc: ImportService): FastifyPluginAsyncZod =>
  async (app) => {
    await app.register(multipart, { limits: { fileSize: FILE_SIZE, files: 1, fields: 10, parts: 12 } });

    app.post(
      '/imports',
      {
        schema: {
          tags: ['imports'],
          summary:
            'Upload a .csv or .xlsx file (multipart: `file`, and `kind` = customers|products|customer_prices as a field or in the query): every row is validated and the batch stored for preview; nothing is written yet',
          consumes: ['multipart/form-data'],
          querystring: uploadQuery,
          response: { 201: importPreviewSchema, ...errors },
        },
      },
      async (req, reply) => {
        if (!req.isMultipart())
          throw new DomainError('multipart_required', 415, [{ path: 'file', code: 'multipart_required' }]);
        let file: { filename: string; data: Buffer } | null = null;
        const fields: Record<string, string> = {};
        for await (const part of req.parts()) {
          if (part.type === 'file') {
            const data = await part.toBuffer();
            if (part.fieldname === 'file') file = { filename: part.filename || 'import', data };
          } else if (typeof part.value === 'string') fields[part.fieldname] = part.value;
        }
        const kind = importKindSchema.safeParse(req.query.kind ?? fields.kind);
        if (!kind.success)
          throw new DomainError('validation_failed', 422, [
            { path: 'kind', code: fields.kind || req.query.kind ? 'invalid_value' : 'required' },
          ]);
        if (!file || file.data.length === 0)
          throw new DomainError('validation_failed', 422, [{ path: 'file', code: 'file_required' }]);
        const body = await svc.preview(ctxOf(req), { kind: kind.data, filename: file.filename, data: file.data });
        return reply.status(201).send(body);
      },
    );

    app.post(
      '/imports/:id/commit',
      {
        schema: {
          tags: ['imports'],
          summary:
            'Write a previewed batch (as a background job; poll GET /imports/{id}). all_or_nothing: refused with 409 import_has_errors if any row has an error, then one transaction; valid_only: the valid rows, 500 per transaction',
          params: idParam,
          body: commitBody,
          response: { 202: z.object({ id: z.string().uuid(), status: z.literal('committing') }), ...errors },
        },
      },
      async (req, reply) => reply.status(202).send(await svc.commit(ctxOf(req), req.params.id, req.body.mode)),
    );

    app.get(
      '/imports/:id',
      {
        schema: {
          tags: ['imports'],
          summary: 'A batch: status, totals, progress (processedRows of validRows), result, errors, preview',
          params: idParam,
          response: { 200: importDetailSchema, ...errors },
        },
      },
      async (req) => svc.get(ctxOf(req), req.params.id),
    );

    app.get(
      '/imports',
      {
        schema: {
          tags: ['imports'],
          summary: 'Recent imports first',
          querystring: z.object({
            limit: z.coerce.number().int().min(1).max(100).default(20),
            cursor: z.string().max(500).optional(),
          }),
          response: { 200: page(importSummarySchema), ...errors },
        },
      },
      async (req) => svc.list(ctxOf(req), req.query),
    );

    const exportRoute = (path: string, kind: ImportKind, permission: 'customers:read' | 'products:read') =>
      app.get(
        `/exports/${path}.xlsx`,
        {
          config: { permission },
          schema: {
            tags: ['imports'],
            summary: `Excel export of ${kind.replace('_', ' ')}: the columns the import reads (headers after Accept-Language)`,
            produces: [XLSX],
          },
        },
        async (req, reply: FastifyReply) => {
          const data = await svc.export(ctxOf(req), kind);
          const day = new Date().toISOString().slice(0, 10);
          return reply
            .header('content-type', XLSX)
            .header('content-disposition', `attachment; filename="relais-${path}-${day}.xlsx"`)
            .header('cache-control', 'no-store')
            .send(data);
        },
      );
    exportRoute('customers', 'customers', 'customers:read');
    exportRoute('products', 'products', 'products:read');
    exportRoute('customer-prices', 'customer_prices', 'customers:read');
  };
