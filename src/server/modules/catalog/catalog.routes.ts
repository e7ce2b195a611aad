import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf, idempotencyOf } from '@server/platform/http/app';
import { idParam, listQuery, page, problemResponses } from '@shared/api/common';
import { productCreateSchema, productPatchSchema, productSchema } from '@shared/api/products';
import type { CatalogService } from './catalog.service';

const errors = problemResponses;
const boolQuery = z.enum(['true', 'false']).transform((s) => s === 'true');

export const catalogRoutes =
  (svc: CatalogService): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/products',
      {
        config: { permission: 'products:read' },
        schema: {
          tags: ['products'],
          summary: 'List products (search q on SKU, name, GTIN; sort=sku|name|category|unitPrice|createdAt)',
          querystring: listQuery.extend({ category: z.string().max(100).optional(), active: boolQuery.optional() }),
          response: { 200: page(productSchema), ...errors },
        },
      },
      async (req) => svc.list(ctxOf(req), req.query),
    );
    app.get(
      '/products/categories',
      {
        config: { permission: 'products:read' },
        schema: { tags: ['products'], response: { 200: z.object({ data: z.array(z.string()) }) } },
      },
      async (req) => ({ data: await svc.categories(ctxOf(req)) }),
    );
    app.post(
      '/products',
      {
        config: { permission: 'products:write' },
        schema: {
          tags: ['products'],
          summary: 'Create a product (accepts Idempotency-Key)',
          body: productCreateSchema,
          response: { 201: productSchema, ...errors },
        },
      },
      async (req, reply) => {
        const r = await svc.create(ctxOf(req), req.body, idempotencyOf(req));
        return reply.status(r.status).send(r.body);
      },
    );
    app.get(
      '/products/:id',
      {
        config: { permission: 'products:read' },
        schema: { tags: ['products'], params: idParam, response: { 200: productSchema, ...errors } },
      },
      async (req) => svc.get(ctxOf(req), req.params.id),
    );
    app.patch(
      '/products/:id',
      {
        config: { permission: 'products:write' },
        schema: {
          tags: ['products'],
          params: idParam,
          body: productPatchSchema,
          response: { 200: productSchema, ...errors },
        },
      },
      async (req) => svc.update(ctxOf(req), req.params.id, req.body),
    );
  };
