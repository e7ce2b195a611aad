import { z } from 'zod';
import { decimalString, email, isoDate, issue, optionalText, requiredText } from './common';

const qty = decimalString({ maxDecimals: 3 }).refine((s) => /[1-9]/.test(s), issue('must_be_positive'));

export const orderStatuses = [
  'draft',
  'to_validate',
  'confirmed',
  'partially_delivered',
  'delivered',
  'partially_invoiced',
  'invoiced',
  'closed',
  'cancelled',
  'on_hold',
] as const;
export type OrderStatus = (typeof orderStatuses)[number];
export const orderSources = ['manual', 'api', 'import', 'quote', 'intake', 'edi'] as const;

/** One way to name the product: our id, our SKU, or the customer's own code (translated by the customer's rule). */
export const orderLineInput = z
  .object({
    /** Existing line to keep or change (PATCH only); omitted: a new line. */
    id: z.string().uuid().optional(),
    productId: z.string().uuid().optional(),
    sku: z.string().trim().min(1).max(60).optional(),
    customerProductCode: z.string().trim().min(1).max(80).optional(),
    quantity: qty,
    /** Omitted: from the customer's price conditions. Given and different: a `price_differs` finding. */
    unitPrice: decimalString({ maxDecimals: 4 }).optional(),
    discountPercent: decimalString({ maxDecimals: 2 }).optional(),
    requestedDeliveryDate: isoDate.nullish().transform((s) => s ?? null),
    description: optionalText(500),
    buyerLineId: optionalText(35),
  })
  .superRefine((v, ctx) => {
    const n = [v.productId, v.sku, v.customerProductCode].filter(Boolean).length;
    if (n !== 1 && !(n === 0 && v.id))
      ctx.addIssue({ code: 'custom', path: ['sku'], params: { code: 'one_product_reference' }, input: v });
    if (v.discountPercent !== undefined && Number(v.discountPercent) > 100)
      ctx.addIssue({ code: 'custom', path: ['discountPercent'], params: { code: 'max_100' }, input: v });
  });
export type OrderLineInput = z.infer<typeof orderLineInput>;

export const orderInput = z.object({
  customerId: z.string().uuid(),
  customerReference: optionalText(100),
  shipToId: z
    .string()
    .uuid()
    .nullish()
    .transform((s) => s ?? null),
  requestedDeliveryDate: isoDate.nullish().transform((s) => s ?? null),
  orderDate: isoDate.optional(),
  currency: z
    .string()
    .trim()
    .transform((s) => s.toUpperCase())
    .refine((s) => /^[A-Z]{3}$/.test(s), issue('invalid_currency'))
    .optional(),
  contactEmail: email.nullish().transform((s) => s || null),
  notes: optionalText(4000),
  source: z.enum(orderSources).optional(),
  lines: z.array(orderLineInput).min(1).max(1000),
});
export type OrderInput = z.infer<typeof orderInput>;

/** Changes to an order. After confirmation they keep a version and re-run the pipeline. */
export const orderPatch = z.object({
  customerReference: optionalText(100).optional(),
  shipToId: z.string().uuid().nullable().optional(),
  requestedDeliveryDate: isoDate.nullable().optional(),
  contactEmail: email.nullable().optional(),
  notes: optionalText(4000).optional(),
  /** The full new list: lines with an `id` are kept (and changed), others are added, missing ones removed. */
  lines: z.array(orderLineInput).min(1).max(1000).optional(),
  /** Why (kept with the version when the order was already confirmed). */
  reason: optionalText(500).optional(),
});
export type OrderPatch = z.infer<typeof orderPatch>;

export const confirmInput = z.object({ overrideReason: optionalText(500).optional() }).default({});
export const reasonInput = z.object({ reason: requiredText(500) });
export const sendAckInput = z
  .object({ to: z.array(email).max(20).optional(), message: optionalText(4000).optional() })
  .default({});

export const findingSchema = z.object({
  code: z.string(),
  severity: z.enum(['info', 'warning', 'blocking']),
  message: z.string(),
  path: z.string(),
  lineId: z.string().nullable(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  note: z.string().nullable(),
});
export type OrderFinding = z.infer<typeof findingSchema>;

export const orderLineSchema = z.object({
  id: z.string(),
  position: z.number(),
  productId: z.string(),
  sku: z.string(),
  description: z.string(),
  customerProductCode: z.string().nullable(),
  quantity: z.string(),
  unit: z.string(),
  unitPrice: z.string(),
  discountPercent: z.string(),
  netAmount: z.string(),
  vatCategory: z.string(),
  vatRate: z.string(),
  expectedUnitPrice: z.string().nullable(),
  expectedDiscountPercent: z.string().nullable(),
  priceSource: z.unknown().nullable(),
  requestedDeliveryDate: z.string().nullable(),
  promisedShipDate: z.string().nullable(),
  promisedDeliveryDate: z.string().nullable(),
  reservedQuantity: z.string(),
  backorderQuantity: z.string(),
  deliveredQuantity: z.string(),
  invoicedQuantity: z.string(),
  cancelledQuantity: z.string(),
  /** ordered − delivered − cancelled (DOMAIN.md §1) */
  remainingQuantity: z.string(),
  buyerLineId: z.string().nullable(),
});
export type OrderLine = z.infer<typeof orderLineSchema>;

export const orderSchema = z.object({
  id: z.string(),
  number: z.string(),
  status: z.enum(orderStatuses),
  source: z.string(),
  customerId: z.string(),
  customerCode: z.string(),
  customerName: z.string(),
  customerReference: z.string().nullable(),
  shipToId: z.string().nullable(),
  orderDate: z.string(),
  requestedDeliveryDate: z.string().nullable(),
  promisedDeliveryDate: z.string().nullable(),
  currency: z.string(),
  language: z.string(),
  contactEmail: z.string().nullable(),
  notes: z.string().nullable(),
  quoteId: z.string().nullable(),
  lines: z.array(orderLineSchema),
  totals: z.object({ net: z.string(), vat: z.string(), gross: z.string() }),
  vatBreakdown: z.array(
    z.object({ vatCategory: z.string(), vatRate: z.string(), taxableAmount: z.string(), taxAmount: z.string() }),
  ),
  findings: z.array(findingSchema),
  /** True while a blocking finding stands (and no override was given). */
  blocked: z.boolean(),
  override: z.object({ reason: z.string(), by: z.string().nullable(), at: z.string() }).nullable(),
  holdReason: z.string().nullable(),
  cancelReason: z.string().nullable(),
  late: z.boolean(),
  allowedCommands: z.array(z.string()),
  confirmedAt: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Order = z.infer<typeof orderSchema>;

/** Order book filters (GET /orders and GET /order-book/lines). */
export const orderListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
  q: z.string().trim().max(200).optional(),
  /** One status or several, comma-separated; `open` = every status still to deliver. */
  status: z.string().max(200).optional(),
  customerId: z.string().uuid().optional(),
  customerReference: z.string().trim().max(100).optional(),
  portfolioUserId: z.string().uuid().optional(),
  productId: z.string().uuid().optional(),
  late: z.enum(['true', 'false']).optional(),
  atRisk: z.enum(['true', 'false']).optional(),
  promisedFrom: isoDate.optional(),
  promisedTo: isoDate.optional(),
});
export type OrderListQuery = z.infer<typeof orderListQuery>;

export const orderBookLineSchema = z.object({
  orderId: z.string(),
  orderNumber: z.string(),
  status: z.string(),
  customerId: z.string(),
  customerCode: z.string(),
  customerName: z.string(),
  customerReference: z.string().nullable(),
  lineId: z.string(),
  productId: z.string(),
  sku: z.string(),
  description: z.string(),
  quantity: z.string(),
  remainingQuantity: z.string(),
  backorderQuantity: z.string(),
  unit: z.string(),
  openNet: z.string(),
  currency: z.string(),
  requestedDeliveryDate: z.string().nullable(),
  promisedDeliveryDate: z.string().nullable(),
  late: z.boolean(),
  atRisk: z.boolean(),
});
export type OrderBookLine = z.infer<typeof orderBookLineSchema>;

export const orderBookSchema = z.object({
  data: z.array(orderBookLineSchema),
  nextCursor: z.string().nullable(),
  totals: z.object({
    lines: z.number(),
    orders: z.number(),
    openNet: z.string(),
    late: z.number(),
    atRisk: z.number(),
  }),
});

export const orderVersionSchema = z.object({
  version: z.number(),
  reason: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  snapshot: z.unknown(),
});

export const timelineEntrySchema = z.object({
  at: z.string(),
  kind: z.enum(['audit', 'mail', 'version']),
  title: z.string(),
  actor: z.string().nullable(),
  detail: z.unknown().nullable(),
});
