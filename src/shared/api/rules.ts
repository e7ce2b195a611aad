import { z } from 'zod';
import { decimalString, isoDate, issue, optionalText } from './common';

export const ruleKinds = [
  'delivery_window',
  'closing_period',
  'min_order_amount',
  'min_order_quantity',
  'packaging',
  'required_documents',
  'invoice_reference',
  'appointment',
  'note',
] as const;
export type RuleKind = (typeof ruleKinds)[number];
export const severities = ['info', 'warning', 'blocking'] as const;
export const requiredDocuments = [
  'delivery_note',
  'packing_list',
  'certificate_of_conformity',
  'invoice_copy',
  'safety_data_sheet',
  'customs_documents',
] as const;

/** How strict each kind of rule is unless the user says otherwise. */
export const defaultSeverity: Record<RuleKind, (typeof severities)[number]> = {
  delivery_window: 'blocking',
  closing_period: 'blocking',
  min_order_amount: 'warning',
  min_order_quantity: 'warning',
  packaging: 'info',
  required_documents: 'info',
  invoice_reference: 'blocking',
  appointment: 'info',
  note: 'info',
};

const time = z.string().refine((s) => /^([01]\d|2[0-3]):[0-5]\d$/.test(s), issue('invalid_time'));
const weekdays = z
  .array(z.number().int().min(1).max(7))
  .max(7)
  .refine((a) => new Set(a).size === a.length, issue('duplicate_value'))
  .nullish()
  .transform((a) => (a && a.length ? [...a].sort() : null));

const positive = (s: string) => /[1-9]/.test(s);

export const ruleParamsSchemas = {
  delivery_window: z
    .object({ weekdays, from: time, to: time })
    .refine((p) => p.from < p.to, { path: ['to'], ...issue('time_range_inverted') }),
  closing_period: z
    .object({ from: isoDate, to: isoDate, label: optionalText(200) })
    .refine((p) => p.from <= p.to, { path: ['to'], ...issue('date_range_inverted') }),
  min_order_amount: z.object({ amount: decimalString({ maxDecimals: 2 }).refine(positive, issue('must_be_positive')) }),
  min_order_quantity: z.object({
    quantity: decimalString({ maxDecimals: 3 }).refine(positive, issue('must_be_positive')),
  }),
  packaging: z.object({
    sscc: z.boolean().default(false),
    qrCode: z.boolean().default(false),
    palletType: optionalText(60),
    maxPalletHeightCm: z
      .number()
      .int()
      .min(1)
      .max(500)
      .nullish()
      .transform((n) => n ?? null),
    instructions: optionalText(1000),
  }),
  required_documents: z.object({
    documents: z.array(z.enum(requiredDocuments)).min(1).max(requiredDocuments.length),
    copies: z.number().int().min(1).max(10).default(1),
  }),
  invoice_reference: z.object({
    poRequired: z.boolean().default(true),
    pattern: z
      .string()
      .max(200)
      .refine((s) => {
        try {
          new RegExp(s);
          return true;
        } catch {
          return false;
        }
      }, issue('invalid_pattern'))
      .nullish()
      .transform((s) => s || null),
    example: optionalText(100),
  }),
  appointment: z.object({ hoursBefore: z.number().int().min(0).max(720), contact: optionalText(200) }),
  note: z.object({ text: z.string().trim().min(1).max(2000) }),
} satisfies Record<RuleKind, z.ZodType>;

const ruleBase = {
  shipToId: z
    .string()
    .uuid()
    .nullish()
    .transform((s) => s ?? null),
  severity: z.enum(severities).optional(),
  note: optionalText(2000),
  active: z.boolean().default(true),
};

/** A customer rule: a kind, its parameters, a severity and a free-text note beside it. */
export const ruleInputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('delivery_window'), params: ruleParamsSchemas.delivery_window, ...ruleBase }),
  z.object({ kind: z.literal('closing_period'), params: ruleParamsSchemas.closing_period, ...ruleBase }),
  z.object({ kind: z.literal('min_order_amount'), params: ruleParamsSchemas.min_order_amount, ...ruleBase }),
  z.object({ kind: z.literal('min_order_quantity'), params: ruleParamsSchemas.min_order_quantity, ...ruleBase }),
  z.object({ kind: z.literal('packaging'), params: ruleParamsSchemas.packaging, ...ruleBase }),
  z.object({ kind: z.literal('required_documents'), params: ruleParamsSchemas.required_documents, ...ruleBase }),
  z.object({ kind: z.literal('invoice_reference'), params: ruleParamsSchemas.invoice_reference, ...ruleBase }),
  z.object({ kind: z.literal('appointment'), params: ruleParamsSchemas.appointment, ...ruleBase }),
  z.object({ kind: z.literal('note'), params: ruleParamsSchemas.note, ...ruleBase }),
]);
export type RuleInput = z.infer<typeof ruleInputSchema>;

export const ruleSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  kind: z.string(),
  shipToId: z.string().nullable(),
  severity: z.enum(severities),
  params: z.record(z.string(), z.unknown()),
  note: z.string().nullable(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Rule = z.infer<typeof ruleSchema>;

export const ruleEvaluationInput = z.object({
  shipToId: z.string().uuid().nullish(),
  deliveryDate: isoDate.nullish(),
  deliveryTime: time.nullish(),
  orderAmount: decimalString({ maxDecimals: 2 }).nullish(),
  orderQuantity: decimalString({ maxDecimals: 3 }).nullish(),
  customerReference: z.string().max(100).nullish(),
});

export const findingSchema = z.object({
  code: z.string(),
  severity: z.enum(severities),
  message: z.string(),
  path: z.string(),
  ruleId: z.string().nullable(),
  note: z.string().nullable(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type Finding = z.infer<typeof findingSchema>;

export const ruleEvaluationSchema = z.object({
  findings: z.array(findingSchema),
  nextAllowedDeliveryDate: z.string().nullable(),
});

export const productReferenceInput = z.object({
  references: z
    .array(
      z
        .object({
          customerCode: z.string().trim().min(1).max(60),
          sku: z.string().trim().min(1).max(60).optional(),
          productId: z.string().uuid().optional(),
          description: optionalText(300),
        })
        .refine((r) => !!r.sku !== !!r.productId, { path: ['sku'], ...issue('sku_or_product_id') }),
    )
    .min(1)
    .max(5000),
});
export const productReferenceSchema = z.object({
  id: z.string(),
  customerCode: z.string(),
  productId: z.string(),
  sku: z.string(),
  productName: z.string(),
  description: z.string().nullable(),
});
