import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { ctxOf, idempotencyOf } from '@server/platform/http/app';
import { idParam, listQuery, page, problemResponses } from '@shared/api/common';
import { customerCreateSchema, customerListQuery, customerPatchSchema, customerSchema } from '@shared/api/customers';
import type { CustomerService } from './customers.service';

const errors = problemResponses;

export const customerRoutes =
  (svc: CustomerService): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/customers',
      {
        config: { permission: 'customers:read' },
        schema: {
          tags: ['customers'],
          summary: 'List customers (search with q, sort=code|name|city|countryCode|createdAt, - for descending)',
          querystring: listQuery.extend(customerListQuery.shape),
          response: { 200: page(customerSchema), ...errors },
        },
      },
      async (req) => svc.list(ctxOf(req), req.query),
    );

    app.post(
      '/customers',
      {
        config: { permission: 'customers:write' },
        schema: {
          tags: ['customers'],
          summary: 'Create a customer (accepts Idempotency-Key)',
          body: customerCreateSchema,
          response: { 201: customerSchema, ...errors },
        },
      },
      async (req, reply) => {
        const r = await svc.create(ctxOf(req), req.body, idempotencyOf(req));
        return reply.status(r.status).send(r.body);
      },
    );

    app.get(
      '/customers/:id',
      {
        config: { permission: 'customers:read' },
        schema: { tags: ['customers'], params: idParam, response: { 200: customerSchema, ...errors } },
      },
      async (req) => svc.get(ctxOf(req), req.params.id),
    );

    app.patch(
      '/customers/:id',
      {
        config: { permission: 'customers:write' },
        schema: {
          tags: ['customers'],
          summary: 'Change a customer (fields given replace the current ones; shipTos/contacts replace the lists)',
          params: idParam,
          body: customerPatchSchema,
          response: { 200: customerSchema, ...errors },
        },
      },
      async (req) => svc.update(ctxOf(req), req.params.id, req.body),
    );
  };
