import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf, idempotencyOf } from '@server/platform/http/app';
import { notFound } from '@server/platform/errors';
import { idParam, problemResponses } from '@shared/api/common';
import {
  productReferenceInput,
  productReferenceSchema,
  ruleEvaluationInput,
  ruleEvaluationSchema,
  ruleInputSchema,
  ruleSchema,
} from '@shared/api/rules';
import type { CustomerRuleService } from './customers.rules';

const errors = problemResponses;
const childParams = z.object({ id: z.string().uuid(), childId: z.string().uuid() });

export const customerRuleRoutes =
  (svc: CustomerRuleService): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/customers/:id/rules',
      {
        config: { permission: 'customers:read' },
        schema: {
          tags: ['customer rules'],
          params: idParam,
          response: { 200: z.object({ data: z.array(ruleSchema), nextCursor: z.null() }), ...errors },
        },
      },
      async (req) => ({ data: await svc.list(ctxOf(req), req.params.id), nextCursor: null }),
    );
    app.post(
      '/customers/:id/rules',
      {
        config: { permission: 'customers:write' },
        schema: {
          tags: ['customer rules'],
          summary:
            'Add a constraint or preference (delivery window, closing period, minimum, packaging, documents, reference format…)',
          params: idParam,
          body: ruleInputSchema,
          response: { 201: ruleSchema, ...errors },
        },
      },
      async (req, reply) => {
        const r = await svc.create(ctxOf(req), req.params.id, req.body, idempotencyOf(req));
        return reply.status(r.status).send(r.body);
      },
    );
    app.put(
      '/customers/:id/rules/:childId',
      {
        config: { permission: 'customers:write' },
        schema: {
          tags: ['customer rules'],
          params: childParams,
          body: ruleInputSchema,
          response: { 200: ruleSchema, ...errors },
        },
      },
      async (req) => svc.update(ctxOf(req), req.params.id, req.params.childId, req.body),
    );
    app.delete(
      '/customers/:id/rules/:childId',
      {
        config: { permission: 'customers:write' },
        schema: { tags: ['customer rules'], params: childParams, response: { 204: z.null(), ...errors } },
      },
      async (req, reply) => {
        await svc.remove(ctxOf(req), req.params.id, req.params.childId);
        return reply.status(204).send(null);
      },
    );
    app.post(
      '/customers/:id/rules/evaluate',
      {
        config: { permission: 'customers:read' },
        schema: {
          tags: ['customer rules'],
          summary:
            'Evaluate the customer’s rules against an order or delivery context: findings and the next allowed delivery date',
          params: idParam,
          body: ruleEvaluationInput,
          response: { 200: ruleEvaluationSchema, ...errors },
        },
      },
      async (req) => svc.evaluate(ctxOf(req), req.params.id, req.body as never),
    );

    app.get(
      '/customers/:id/product-references',
      {
        config: { permission: 'customers:read' },
        schema: {
          tags: ['customer rules'],
          params: idParam,
          response: { 200: z.object({ data: z.array(productReferenceSchema), nextCursor: z.null() }), ...errors },
        },
      },
      async (req) => ({ data: await svc.listReferences(ctxOf(req), req.params.id), nextCursor: null }),
    );
    app.post(
      '/customers/:id/product-references',
      {
        config: { permission: 'customers:write' },
        schema: {
          tags: ['customer rules'],
          summary: 'Add or replace the customer’s own article numbers',
          params: idParam,
          body: productReferenceInput,
          response: { 201: z.object({ count: z.number() }), ...errors },
        },
      },
      async (req, reply) => {
        const r = await svc.addReferences(ctxOf(req), req.params.id, req.body.references as never, idempotencyOf(req));
        return reply.status(r.status).send(r.body);
      },
    );
    app.delete(
      '/customers/:id/product-references/:childId',
      {
        config: { permission: 'customers:write' },
        schema: { tags: ['customer rules'], params: childParams, response: { 204: z.null(), ...errors } },
      },
      async (req, reply) => {
        await svc.removeReference(ctxOf(req), req.params.id, req.params.childId);
        return reply.status(204).send(null);
      },
    );
    app.get(
      '/customers/:id/resolve-product',
      {
        config: { permission: 'customers:read' },
        schema: {
          tags: ['customer rules'],
          summary: 'Which of our products a customer code means (cross-reference, prefix rule, SKU, GTIN)',
          params: idParam,
          querystring: z.object({ code: z.string().trim().min(1).max(60) }),
          response: {
            200: z.object({ productId: z.string(), sku: z.string(), name: z.string(), via: z.string() }),
            ...errors,
          },
        },
      },
      async (req) => {
        const found = await svc.resolve(ctxOf(req), req.params.id, req.query.code);
        if (!found) throw notFound();
        return found;
      },
    );
  };
