import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idempotencyOf } from '@server/platform/http/app';
import { idParam, problemSchema } from '@shared/api/common';
import { companyCreateSchema, companyPatchSchema, companySchema } from '@shared/api/companies';
import type { CompanyService } from './companies.service';

const errors = { 401: problemSchema, 403: problemSchema, 404: problemSchema, 422: problemSchema };

export const companyRoutes =
  (svc: CompanyService): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/companies',
      {
        config: { company: false },
        schema: {
          tags: ['companies'],
          response: { 200: z.object({ data: z.array(companySchema), nextCursor: z.null() }) },
        },
      },
      async (req) => ({ data: await svc.list(req.principal!), nextCursor: null }),
    );
    app.post(
      '/companies',
      {
        config: { company: false },
        schema: {
          tags: ['companies'],
          summary: 'Create a company (platform admin); its creator becomes its admin',
          body: companyCreateSchema,
          response: { 201: companySchema, ...errors },
        },
      },
      async (req, reply) => {
        const r = await svc.create(req.principal!, req.body, idempotencyOf(req), req.id, req.lang);
        return reply.status(r.status).send(r.body);
      },
    );
    app.get(
      '/companies/:id',
      {
        config: { company: false },
        schema: { tags: ['companies'], params: idParam, response: { 200: companySchema, ...errors } },
      },
      async (req) => svc.get(req.principal!, req.params.id),
    );
    app.patch(
      '/companies/:id',
      {
        config: { company: false },
        schema: {
          tags: ['companies'],
          params: idParam,
          body: companyPatchSchema,
          response: { 200: companySchema, ...errors },
        },
      },
      async (req) => svc.update(req.principal!, req.params.id, req.body, req.id, req.lang),
    );
  };
