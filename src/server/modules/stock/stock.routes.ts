import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf, idempotencyOf } from '@server/platform/http/app';
import { decimalString, idParam, isoDate, issue, problemResponses, requiredText } from '@shared/api/common';
import type { StockService } from './stock.service';

const errors = problemResponses;
const productRef = { productId: z.string().uuid().optional(), sku: z.string().trim().min(1).max(60).optional() };
const oneProduct = (v: { productId?: string | undefined; sku?: string | undefined }, ctx: z.RefinementCtx) => {
  if (!!v.sku === !!v.productId)
    ctx.addIssue({ code: 'custom', path: ['sku'], params: { code: 'sku_or_product_id' }, input: v });
};
const positive = decimalString({ maxDecimals: 3 }).refine((s) => /[1-9]/.test(s), issue('must_be_positive'));
const expectedSchema = z.object({
  id: z.string(),
  warehouseId: z.string(),
  productId: z.string(),
  sku: z.string(),
  quantity: z.string(),
  expectedDate: z.string(),
  reference: z.string().nullable(),
  status: z.string(),
  createdAt: z.string(),
});
const levelSchema = z.object({
  warehouseId: z.string(),
  warehouseCode: z.string(),
  warehouseName: z.string(),
  productId: z.string(),
  onHand: z.string(),
  reserved: z.string(),
  available: z.string(),
  location: z.string().nullable(),
});

export const stockRoutes =
  (svc: StockService): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/stock',
      {
        config: { permission: 'products:read' },
        schema: {
          tags: ['stock'],
          summary: 'On hand, reserved and available per warehouse',
          querystring: z.object({ productId: z.string().uuid().optional(), warehouseId: z.string().uuid().optional() }),
          response: { 200: z.object({ data: z.array(levelSchema), nextCursor: z.null() }), ...errors },
        },
      },
      async (req) => ({ data: await svc.levels(ctxOf(req), req.query), nextCursor: null }),
    );
    app.post(
      '/stock/receipts',
      {
        config: { permission: 'stock:write' },
        schema: {
          tags: ['stock'],
          summary: 'Goods received: adds stock (default warehouse when none is given); accepts Idempotency-Key',
          body: z.object({
            warehouseId: z.string().uuid().nullish(),
            reference: z.string().trim().max(100).nullish(),
            lines: z
              .array(z.object({ ...productRef, quantity: positive }).superRefine(oneProduct))
              .min(1)
              .max(5000),
          }),
          response: {
            201: z.object({
              warehouseId: z.string(),
              lines: z.array(z.object({ productId: z.string(), sku: z.string(), quantity: z.string() })),
            }),
            ...errors,
          },
        },
      },
      async (req, reply) => {
        const r = await svc.receive(ctxOf(req), req.body, idempotencyOf(req));
        return reply.status(r.status).send(r.body);
      },
    );
    app.post(
      '/stock/adjustments',
      {
        config: { permission: 'stock:write' },
        schema: {
          tags: ['stock'],
          summary: 'Correct the stock (inventory count, breakage…) by a signed quantity, with a reason',
          body: z
            .object({
              ...productRef,
              warehouseId: z.string().uuid().nullish(),
              quantity: decimalString({ maxDecimals: 3, allowNegative: true }).refine(
                (s) => /[1-9]/.test(s),
                issue('must_not_be_zero'),
              ),
              reason: requiredText(500),
            })
            .superRefine(oneProduct),
          response: { 200: z.object({ data: z.array(levelSchema) }), ...errors },
        },
      },
      async (req) => ({ data: await svc.adjust(ctxOf(req), req.body) }),
    );
    app.put(
      '/stock/locations',
      {
        config: { permission: 'stock:write' },
        schema: {
          tags: ['stock'],
          summary: 'Set the bin location of a product in a warehouse (null clears it); picking lists are sorted by it',
          body: z
            .object({
              ...productRef,
              warehouseId: z.string().uuid().nullish(),
              location: z
                .string()
                .trim()
                .max(40)
                .nullable()
                .transform((s) => s || null),
            })
            .superRefine(oneProduct),
          response: { 200: z.object({ data: z.array(levelSchema) }), ...errors },
        },
      },
      async (req) => ({ data: await svc.setLocation(ctxOf(req), req.body) }),
    );
    app.get(
      '/stock/moves',
      {
        config: { permission: 'products:read' },
        schema: {
          tags: ['stock'],
          summary: 'The stock movements of a product, latest first',
          querystring: z.object({
            productId: z.string().uuid(),
            limit: z.coerce.number().int().min(1).max(500).default(100),
          }),
        },
      },
      async (req) => ({ data: await svc.moves(ctxOf(req), req.query.productId, req.query.limit), nextCursor: null }),
    );
    app.get('/warehouses', { config: { permission: 'products:read' }, schema: { tags: ['stock'] } }, async (req) => ({
      data: (await svc.listWarehouses(ctxOf(req))).map((w) => ({
        id: w.id,
        code: w.code,
        name: w.name,
        isDefault: w.isDefault,
        active: w.active,
      })),
      nextCursor: null,
    }));
    app.post(
      '/warehouses',
      {
        config: { permission: 'stock:write' },
        schema: {
          tags: ['stock'],
          body: z.object({
            code: z.string().trim().min(1).max(20),
            name: requiredText(200),
            isDefault: z.boolean().default(false),
          }),
        },
      },
      async (req, reply) => {
        const r = await svc.createWarehouse(ctxOf(req), req.body, idempotencyOf(req));
        return reply.status(r.status).send(r.body);
      },
    );
    app.get(
      '/stock/expected-receipts',
      {
        config: { permission: 'products:read' },
        schema: {
          tags: ['stock'],
          summary: 'Supply on its way (purchase or production orders), by expected date',
          querystring: z.object({
            productId: z.string().uuid().optional(),
            status: z.enum(['open', 'received', 'cancelled']).optional(),
          }),
          response: { 200: z.object({ data: z.array(expectedSchema), nextCursor: z.null() }), ...errors },
        },
      },
      async (req) => ({ data: await svc.listExpectedReceipts(ctxOf(req), req.query), nextCursor: null }),
    );
    app.post(
      '/stock/expected-receipts',
      {
        config: { permission: 'stock:write' },
        schema: {
          tags: ['stock'],
          summary: 'Announce an expected receipt: available-to-promise counts on it from its date',
          body: z
            .object({
              ...productRef,
              warehouseId: z.string().uuid().nullish(),
              quantity: positive,
              expectedDate: isoDate,
              reference: z.string().trim().max(100).nullish(),
            })
            .superRefine(oneProduct),
          response: { 201: expectedSchema, ...errors },
        },
      },
      async (req, reply) => {
        const r = await svc.addExpectedReceipt(ctxOf(req), req.body, idempotencyOf(req));
        return reply.status(r.status).send(r.body);
      },
    );
    app.post(
      '/stock/expected-receipts/:id/receive',
      {
        config: { permission: 'stock:write' },
        schema: {
          tags: ['stock'],
          summary: 'The expected goods arrived: books the receipt (its quantity, or the one given)',
          params: idParam,
          body: z.object({ quantity: positive.optional() }).default({}),
          response: { 200: expectedSchema, ...errors },
        },
      },
      async (req) => svc.closeExpectedReceipt(ctxOf(req), req.params.id, 'receive', req.body.quantity),
    );
    app.post(
      '/stock/expected-receipts/:id/cancel',
      {
        config: { permission: 'stock:write' },
        schema: { tags: ['stock'], params: idParam, response: { 200: expectedSchema, ...errors } },
      },
      async (req) => svc.closeExpectedReceipt(ctxOf(req), req.params.id, 'cancel'),
    );
  };
