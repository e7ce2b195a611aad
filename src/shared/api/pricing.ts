import { z } from 'zod';
import { currencyCode, decimalString, isoDate, issue, optionalText, requiredText } from './common';

const price = decimalString({ maxDecimals: 4 });
const qty = decimalString({ maxDecimals: 3 }).refine((s) => /[1-9]/.test(s), issue('must_be_positive'));
/** 0 < percent ≤ 100, decided on the string (no float). */
const percentInRange = (s: string) => {
  const [int = '', frac = ''] = s.split('.');
  const i = int.replace(/^0+(?=\d)/, '');
  if (!/[1-9]/.test(s)) return false;
  if (i.length < 3) return true;
  return i === '100' && !/[1-9]/.test(frac);
};
const percent = decimalString({ maxDecimals: 2 }).refine(percentInRange, issue('invalid_percent'));
const validity = {
  validFrom: isoDate.nullish().transform((s) => s ?? null),
  validTo: isoDate.nullish().transform((s) => s ?? null),
};
const validityCheck = (v: { validFrom: string | null; validTo: string | null }, ctx: z.RefinementCtx) => {
  if (v.validFrom && v.validTo && v.validTo < v.validFrom)
    ctx.addIssue({ code: 'custom', path: ['validTo'], params: { code: 'date_range_inverted' }, input: v });
};
const productRef = {
  sku: z.string().trim().min(1).max(60).optional(),
  productId: z.string().uuid().optional(),
};
const oneProduct = (v: { sku?: string | undefined; productId?: string | undefined }, ctx: z.RefinementCtx) => {
  if (!!v.sku === !!v.productId)
    ctx.addIssue({ code: 'custom', path: ['sku'], params: { code: 'sku_or_product_id' }, input: v });
};

/** POST /customers/{id}/prices — an agreed price per sales unit. */
export const customerPriceInput = z
  .object({ ...productRef, unitPrice: price, minQuantity: qty.default('1'), ...validity, note: optionalText(500) })
  .superRefine((v, ctx) => {
    oneProduct(v, ctx);
    validityCheck(v, ctx);
  });
export const customerPriceSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  productId: z.string(),
  sku: z.string(),
  productName: z.string(),
  unitPrice: z.string(),
  minQuantity: z.string(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  note: z.string().nullable(),
});

export const discountInput = z
  .object({
    scope: z.enum(['product', 'category', 'order']),
    ...productRef,
    category: optionalText(100),
    percent,
    minOrderAmount: decimalString({ maxDecimals: 2 })
      .nullish()
      .transform((s) => s ?? null),
    ...validity,
    note: optionalText(500),
  })
  .superRefine((v, ctx) => {
    validityCheck(v, ctx);
    if (v.scope === 'product') oneProduct(v, ctx);
    if (v.scope === 'category' && !v.category)
      ctx.addIssue({ code: 'custom', path: ['category'], params: { code: 'required' }, input: v });
  });
export const discountSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  scope: z.string(),
  productId: z.string().nullable(),
  sku: z.string().nullable(),
  category: z.string().nullable(),
  percent: z.string(),
  minOrderAmount: z.string().nullable(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  note: z.string().nullable(),
});

export const priceListInput = z
  .object({
    code: z.string().trim().min(1).max(40),
    name: requiredText(200),
    currency: currencyCode.default('EUR'),
    kind: z.enum(['standard', 'promotion']).default('standard'),
    priority: z.number().int().min(-1000).max(1000).default(0),
    ...validity,
    active: z.boolean().default(true),
    items: z
      .array(z.object({ ...productRef, minQuantity: qty.default('1'), unitPrice: price }).superRefine(oneProduct))
      .max(100_000)
      .default([]),
  })
  .superRefine(validityCheck);
export type PriceListInput = z.infer<typeof priceListInput>;
export const priceListSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  currency: z.string(),
  kind: z.string(),
  priority: z.number(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  active: z.boolean(),
  itemCount: z.number(),
  items: z
    .array(
      z.object({
        id: z.string(),
        productId: z.string(),
        sku: z.string(),
        productName: z.string(),
        minQuantity: z.string(),
        unitPrice: z.string(),
      }),
    )
    .optional(),
});

export const contractInput = z
  .object({
    customerId: z.string().uuid(),
    number: z.string().trim().min(1).max(40).optional(),
    title: requiredText(200),
    validFrom: isoDate,
    validTo: isoDate,
    renewalDate: isoDate.nullish().transform((s) => s ?? null),
    alertDays: z.number().int().min(0).max(365).default(60),
    note: optionalText(2000),
    lines: z
      .array(
        z
          .object({
            ...productRef,
            unitPrice: price,
            minQuantity: qty.default('1'),
            committedQuantity: qty.nullish().transform((s) => s ?? null),
          })
          .superRefine(oneProduct),
      )
      .max(5000)
      .default([]),
  })
  .superRefine((v, ctx) => {
    if (v.validTo < v.validFrom)
      ctx.addIssue({ code: 'custom', path: ['validTo'], params: { code: 'date_range_inverted' }, input: v });
  });
export type ContractInput = z.infer<typeof contractInput>;
export const contractSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  number: z.string(),
  title: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
  renewalDate: z.string().nullable(),
  alertDays: z.number(),
  status: z.enum(['upcoming', 'active', 'expired', 'terminated']),
  renewalDue: z.boolean(),
  note: z.string().nullable(),
  lines: z.array(
    z.object({
      id: z.string(),
      productId: z.string(),
      sku: z.string(),
      productName: z.string(),
      unitPrice: z.string(),
      minQuantity: z.string(),
      committedQuantity: z.string().nullable(),
      consumedQuantity: z.string(),
      consumptionRate: z.string().nullable(),
    }),
  ),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Contract = z.infer<typeof contractSchema>;

export const priceQuery = z.object({
  customerId: z.string().uuid().optional(),
  productId: z.string().uuid().optional(),
  sku: z.string().max(60).optional(),
  quantity: qty.default('1'),
  date: isoDate.optional(),
  currency: currencyCode.optional(),
});
export const priceResultSchema = z.object({
  productId: z.string(),
  sku: z.string(),
  customerId: z.string().nullable(),
  quantity: z.string(),
  date: z.string(),
  currency: z.string(),
  unitPrice: z.string(),
  discountPercent: z.string(),
  netUnitPrice: z.string(),
  source: z.object({
    type: z.string(),
    id: z.string().nullable(),
    label: z.string(),
    validTo: z.string().nullable(),
    minQuantity: z.string().nullable(),
  }),
  explanation: z.string(),
  steps: z.array(z.object({ code: z.string(), message: z.string() })),
});
export type PriceResultDto = z.infer<typeof priceResultSchema>;
