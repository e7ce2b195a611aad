import { z } from 'zod';
import { decimalString, email, isoDate, issue, optionalText } from './common';

const qty = decimalString({ maxDecimals: 3 }).refine((s) => /[1-9]/.test(s), issue('must_be_positive'));

export const quoteLineInput = z
  .object({
    sku: z.string().trim().min(1).max(60).optional(),
    productId: z.string().uuid().optional(),
    quantity: qty,
    /** Omitted: the price from the pricing function. Given and different: overrideReason is required. */
    unitPrice: decimalString({ maxDecimals: 4 }).optional(),
    discountPercent: decimalString({ maxDecimals: 2 }).optional(),
    overrideReason: optionalText(500),
    description: optionalText(500),
  })
  .superRefine((v, ctx) => {
    if (!!v.sku === !!v.productId)
      ctx.addIssue({ code: 'custom', path: ['sku'], params: { code: 'sku_or_product_id' }, input: v });
  });

export const quoteInput = z.object({
  customerId: z.string().uuid(),
  shipToId: z
    .string()
    .uuid()
    .nullish()
    .transform((s) => s ?? null),
  contactName: optionalText(200),
  contactEmail: email.nullish().transform((s) => s || null),
  issueDate: isoDate.optional(),
  validUntil: isoDate.optional(),
  customerReference: optionalText(100),
  tender: z
    .object({ reference: z.string().trim().min(1).max(100), deadline: isoDate.nullish().transform((s) => s ?? null) })
    .nullish()
    .transform((t) => t ?? null),
  notes: optionalText(4000),
  lines: z.array(quoteLineInput).min(1).max(1000),
});
export type QuoteInput = z.infer<typeof quoteInput>;
export const quotePatch = quoteInput.omit({ customerId: true }).partial();

export const quoteSchema = z.object({
  id: z.string(),
  number: z.string(),
  status: z.enum(['draft', 'sent', 'accepted', 'refused', 'expired', 'cancelled', 'converted']),
  customerId: z.string(),
  customerName: z.string(),
  shipToId: z.string().nullable(),
  contactName: z.string().nullable(),
  contactEmail: z.string().nullable(),
  currency: z.string(),
  language: z.string(),
  issueDate: z.string(),
  validUntil: z.string(),
  customerReference: z.string().nullable(),
  tender: z.object({ reference: z.string(), deadline: z.string().nullable() }).nullable(),
  notes: z.string().nullable(),
  lines: z.array(
    z.object({
      id: z.string(),
      productId: z.string(),
      sku: z.string(),
      description: z.string(),
      quantity: z.string(),
      unit: z.string(),
      unitPrice: z.string(),
      discountPercent: z.string(),
      netAmount: z.string(),
      vatCategory: z.string(),
      vatRate: z.string(),
      suggestedUnitPrice: z.string().nullable(),
      priceSource: z.unknown().nullable(),
      overrideReason: z.string().nullable(),
    }),
  ),
  totals: z.object({ net: z.string(), vat: z.string(), gross: z.string() }),
  vatBreakdown: z.array(
    z.object({ vatCategory: z.string(), vatRate: z.string(), taxableAmount: z.string(), taxAmount: z.string() }),
  ),
  attachments: z.array(
    z.object({ id: z.string(), filename: z.string(), contentType: z.string(), size: z.number(), sha256: z.string() }),
  ),
  allowedCommands: z.array(z.string()),
  orderId: z.string().nullable(),
  sentAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  refusalReason: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Quote = z.infer<typeof quoteSchema>;
