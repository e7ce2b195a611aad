import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf, idempotencyOf } from '@server/platform/http/app';
import { idParam, problemResponses } from '@shared/api/common';
import {
  contractInput,
  contractSchema,
  customerPriceInput,
  customerPriceSchema,
  discountInput,
  discountSchema,
  priceListInput,
  priceListSchema,
  priceQuery,
  priceResultSchema,
} from '@shared/api/pricing';
import type { ContractService } from './contracts.service';
import type { PricingService } from './pricing.service';

const errors = problemResponses;
const childParams = z.object({ id: z.string().uuid(), childId: z.string().uuid() });
const list = <T extends z.ZodTypeAny>(item: T) => z.object({ data: z.array(item), nextCursor: z.null() });

export const pricingRoutes =
  (svc: PricingService, contracts: ContractService): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/prices/resolve',
      {
        config: { permission: 'customers:read' },
        schema: {
          tags: ['pricing'],
          summary: 'The price of a product for a customer, quantity and date — and the rule that applied',
          querystring: priceQuery,
          response: { 200: priceResultSchema, ...errors },
        },
      },
      async (req) => svc.resolve(ctxOf(req), req.query),
    );

    // customer-specific prices (API.md: POST /customers/{id}/prices)
    app.get(
      '/customers/:id/prices',
      {
        config: { permission: 'customers:read' },
        schema: { tags: ['pricing'], params: idParam, response: { 200: list(customerPriceSchema), ...errors } },
      },
      async (req) => ({ data: await svc.listCustomerPrices(ctxOf(req), req.params.id), nextCursor: null }),
    );
    app.post(
      '/customers/:id/prices',
      {
        config: { permission: 'customers:write' },
        schema: {
          tags: ['pricing'],
          summary: 'Add an agreed price per sales unit',
          params: idParam,
          body: customerPriceInput,
          response: { 201: customerPriceSchema, ...errors },
        },
      },
      async (req, reply) => {
        const r = await svc.addCustomerPrice(ctxOf(req), req.params.id, req.body, idempotencyOf(req));
        return reply.status(r.status).send(r.body);
      },
    );
    app.delete(
      '/customers/:id/prices/:childId',
      {
        config: { permission: 'customers:write' },
        schema: { tags: ['pricing'], params: childParams, response: { 204: z.null(), ...errors } },
      },
      async (req, reply) => {
        await svc.deleteCustomerPrice(ctxOf(req), req.params.id, req.params.childId);
        return reply.status(204).send(null);
      },
    );

    // discounts by product, family or order
    app.get(
      '/customers/:id/discounts',
      {
        config: { permission: 'customers:read' },
        schema: { tags: ['pricing'], params: idParam, response: { 200: list(discountSchema), ...errors } },
      },
      async (req) => ({ data: await svc.listDiscounts(ctxOf(req), req.params.id), nextCursor: null }),
    );
    app.post(
      '/customers/:id/discounts',
      {
        config: { permission: 'customers:write' },
        schema: {
          tags: ['pricing'],
          params: idParam,
          body: discountInput,
          response: { 201: discountSchema, ...errors },
        },
      },
      async (req, reply) => {
        const r = await svc.addDiscount(ctxOf(req), req.params.id, req.body, idempotencyOf(req));
        return reply.status(r.status).send(r.body);
      },
    );
    app.delete(
      '/customers/:id/discounts/:childId',
      {
        config: { permission: 'customers:write' },
        schema: { tags: ['pricing'], params: childParams, response: { 204: z.null(), ...errors } },
      },
      async (req, reply) => {
        await svc.deleteDiscount(ctxOf(req), req.params.id, req.params.childId);
        return reply.status(204).send(null);
      },
    );

    // price lists
    app.get(
      '/price-lists',
      {
        config: { permission: 'products:read' },
        schema: { tags: ['pricing'], response: { 200: list(priceListSchema), ...errors } },
      },
      async (req) => ({ data: await svc.listPriceLists(ctxOf(req)), nextCursor: null }),
    );
    app.get(
      '/price-lists/:id',
      {
        config: { permission: 'products:read' },
        schema: { tags: ['pricing'], params: idParam, response: { 200: priceListSchema, ...errors } },
      },
      async (req) => svc.getPriceList(ctxOf(req), req.params.id),
    );
    app.post(
      '/price-lists',
      {
        config: { permission: 'products:write' },
        schema: {
          tags: ['pricing'],
          summary: 'Create a price list with its items (quantity breaks)',
          body: priceListInput,
          response: { 201: priceListSchema, ...errors },
        },
      },
      async (req, reply) => {
        const r = await svc.savePriceList(ctxOf(req), null, req.body, true, idempotencyOf(req));
        return reply.status(r.status).send(r.body);
      },
    );
    app.put(
      '/price-lists/:id',
      {
        config: { permission: 'products:write' },
        schema: {
          tags: ['pricing'],
          summary: 'Replace a price list and its items',
          params: idParam,
          body: priceListInput,
          response: { 200: priceListSchema, ...errors },
        },
      },
      async (req) => (await svc.savePriceList(ctxOf(req), req.params.id, req.body, true, null)).body,
    );

    // contracts
    app.get(
      '/contracts',
      {
        config: { permission: 'customers:read' },
        schema: {
          tags: ['contracts'],
          querystring: z.object({
            customerId: z.string().uuid().optional(),
            renewalDue: z
              .enum(['true', 'false'])
              .transform((s) => s === 'true')
              .optional(),
            status: z.enum(['upcoming', 'active', 'expired', 'terminated']).optional(),
          }),
          response: { 200: list(contractSchema), ...errors },
        },
      },
      async (req) => ({ data: await contracts.list(ctxOf(req), req.query), nextCursor: null }),
    );
    app.get(
      '/contracts/:id',
      {
        config: { permission: 'customers:read' },
        schema: { tags: ['contracts'], params: idParam, response: { 200: contractSchema, ...errors } },
      },
      async (req) => contracts.get(ctxOf(req), req.params.id),
    );
    app.post(
      '/contracts',
      {
        config: { permission: 'customers:write' },
        schema: {
          tags: ['contracts'],
          summary: 'Create a sales contract (framework agreement)',
          body: contractInput,
          response: { 201: contractSchema, ...errors },
        },
      },
      async (req, reply) => {
        const r = await contracts.create(ctxOf(req), req.body, idempotencyOf(req));
        return reply.status(r.status).send(r.body);
      },
    );
    app.put(
      '/contracts/:id',
      {
        config: { permission: 'customers:write' },
        schema: {
          tags: ['contracts'],
          params: idParam,
          body: contractInput,
          response: { 200: contractSchema, ...errors },
        },
      },
      async (req) => contracts.update(ctxOf(req), req.params.id, req.body),
    );
    app.post(
      '/contracts/:id/terminate',
      {
        config: { permission: 'customers:write' },
        schema: { tags: ['contracts'], params: idParam, response: { 200: contractSchema, ...errors } },
      },
      async (req) => contracts.terminate(ctxOf(req), req.params.id),
    );
  };
