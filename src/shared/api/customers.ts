import { z } from 'zod';
import { isValidGln, isValidSiren, isValidSiret, validateVatNumber } from '../identifiers';
import {
  addressSchema,
  patchOf,
  countryCode,
  currencyCode,
  decimalString,
  email,
  issue,
  optionalText,
  requiredText,
} from './common';

export type { Address } from './common';

export const paymentTermsSchema = z
  .object({
    basis: z.enum(['invoice_date', 'end_of_month', 'end_of_month_then_days']),
    days: z.number().int().min(0).max(365),
    dayOfMonth: z.number().int().min(1).max(31).nullable().default(null),
  })
  .superRefine((t, ctx) => {
    if (t.dayOfMonth !== null && t.basis !== 'end_of_month')
      ctx.addIssue({
        code: 'custom',
        path: ['dayOfMonth'],
        params: { code: 'day_of_month_needs_end_of_month' },
        input: t,
      });
  });
export type PaymentTermsValue = z.infer<typeof paymentTermsSchema>;

export const paymentMethods = ['transfer', 'direct_debit', 'cheque', 'card', 'lcr'] as const;
export const incoterms = ['EXW', 'FCA', 'CPT', 'CIP', 'DAP', 'DPU', 'DDP', 'FAS', 'FOB', 'CFR', 'CIF'] as const;
export const invoicingModes = ['per_delivery', 'weekly', 'monthly'] as const;
export const einvoiceFormats = ['facturx', 'ubl', 'cii', 'pdf'] as const;
export const einvoiceChannels = ['email', 'peppol', 'pdp', 'chorus_pro', 'paper'] as const;

/** How the customer wants to be invoiced: one invoice per delivery or grouped, format, channel, paper copies. */
export const invoicingSchema = z.object({
  mode: z.enum(invoicingModes).default('per_delivery'),
  format: z.enum(einvoiceFormats).default('facturx'),
  channel: z.enum(einvoiceChannels).default('email'),
  email: email.nullish().transform((s) => s || null),
  paperCopies: z.number().int().min(0).max(10).default(0),
});
export type InvoicingPreferences = z.infer<typeof invoicingSchema>;

export const productCodeRuleSchema = z
  .object({
    type: z.enum(['own_sku', 'prefix', 'cross_reference', 'gtin']),
    prefix: z.string().trim().min(1).max(20).nullish(),
  })
  .superRefine((r, ctx) => {
    if (r.type === 'prefix' && !r.prefix)
      ctx.addIssue({ code: 'custom', path: ['prefix'], params: { code: 'required' }, input: r });
  });
export type ProductCodeRule = z.infer<typeof productCodeRuleSchema>;

const gln = z
  .string()
  .trim()
  .refine((s) => s === '' || isValidGln(s), issue('invalid_gln'))
  .nullish()
  .transform((s) => s || null);

export const shipToInput = z.object({
  id: z.string().uuid().optional(),
  code: requiredText(40),
  name: requiredText(200),
  isDefault: z.boolean().default(false),
  gln,
  address: addressSchema,
  contactName: optionalText(200),
  contactPhone: optionalText(40),
  contactEmail: email.nullish().transform((s) => s || null),
  deliveryWeekdays: z
    .array(z.number().int().min(1).max(7))
    .max(7)
    .refine((a) => new Set(a).size === a.length, issue('duplicate_value'))
    .nullish()
    .transform((a) => (a && a.length ? [...a].sort() : null)),
  constraints: z.array(z.string().trim().min(1).max(500)).max(50).default([]),
});

export const contactRoles = ['buyer', 'accounts_payable', 'logistics', 'sales', 'other'] as const;
export const contactInput = z.object({
  id: z.string().uuid().optional(),
  name: requiredText(200),
  role: z.enum(contactRoles),
  email: email.nullish().transform((s) => s || null),
  phone: optionalText(40),
});

export const customerLanguages = ['fr', 'en', 'de', 'es', 'it', 'nl'] as const;

const customerBase = z.object({
  code: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .refine((s) => /^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(s), issue('invalid_code')),
  name: requiredText(200),
  siren: z
    .string()
    .transform((s) => s.replace(/\s/g, ''))
    .refine((s) => s === '' || isValidSiren(s), issue('invalid_siren'))
    .nullish()
    .transform((s) => s || null),
  siret: z
    .string()
    .transform((s) => s.replace(/\s/g, ''))
    .refine((s) => s === '' || isValidSiret(s), issue('invalid_siret'))
    .nullish()
    .transform((s) => s || null),
  vatNumber: z
    .string()
    .transform((s) => s.replace(/[\s.-]/g, '').toUpperCase())
    .superRefine((s, ctx) => {
      if (s === '') return;
      const r = validateVatNumber(s);
      if (!r.ok) ctx.addIssue({ code: 'custom', params: { code: r.code }, input: s });
    })
    .nullish()
    .transform((s) => s || null),
  countryCode: countryCode.default('FR'),
  currency: currencyCode.default('EUR'),
  language: z.enum(customerLanguages).default('fr'),
  gln,
  paymentTerms: paymentTermsSchema.default({ basis: 'invoice_date', days: 30, dayOfMonth: null }),
  creditLimit: decimalString({ maxDecimals: 2 })
    .nullish()
    .transform((s) => s ?? null),
  requiresPoNumber: z.boolean().default(false),
  billingAddress: addressSchema,
  shipTos: z.array(shipToInput).max(200).default([]),
  contacts: z.array(contactInput).max(100).default([]),
  productCodeRule: productCodeRuleSchema.default({ type: 'own_sku' }),
  accountManagerId: z
    .string()
    .uuid()
    .nullish()
    .transform((s) => s ?? null),
  backupManagerId: z
    .string()
    .uuid()
    .nullish()
    .transform((s) => s ?? null),
  salesRepId: z
    .string()
    .uuid()
    .nullish()
    .transform((s) => s ?? null),
  paymentMethod: z.enum(paymentMethods).default('transfer'),
  invoicing: invoicingSchema.default({
    mode: 'per_delivery',
    format: 'facturx',
    channel: 'email',
    email: null,
    paperCopies: 0,
  }),
  defaultIncoterm: z
    .enum(incoterms)
    .nullish()
    .transform((s) => s ?? null),
  incotermPlace: optionalText(100),
  defaultCarrier: optionalText(100),
  priceListId: z
    .string()
    .uuid()
    .nullish()
    .transform((s) => s ?? null),
});

type CustomerBase = z.infer<typeof customerBase>;

/** Rules that involve several fields; run on create and on the merged record of a PATCH. */
export function customerCrossChecks(c: CustomerBase, ctx: z.RefinementCtx) {
  const add = (path: (string | number)[], code: string) =>
    ctx.addIssue({ code: 'custom', path, params: { code }, input: c });
  if (c.countryCode === 'FR' && !c.siren) add(['siren'], 'siren_required_fr');
  if (c.siret && c.siren && !c.siret.startsWith(c.siren)) add(['siret'], 'siret_siren_mismatch');
  if (c.vatNumber) {
    const vatCountry = c.vatNumber.slice(0, 2) === 'EL' ? 'GR' : c.vatNumber.slice(0, 2);
    if (vatCountry !== c.countryCode && c.vatNumber.slice(0, 2) !== 'XI') add(['vatNumber'], 'vat_country_mismatch');
    else if (c.countryCode === 'FR' && c.siren && c.vatNumber.slice(4) !== c.siren)
      add(['vatNumber'], 'vat_siren_mismatch');
  }
  const defaults = c.shipTos.filter((s) => s.isDefault).length;
  if (defaults > 1) add(['shipTos'], 'several_default_ship_tos');
  const codes = new Set<string>();
  c.shipTos.forEach((s, i) => {
    if (codes.has(s.code.toUpperCase())) add(['shipTos', i, 'code'], 'duplicate_value');
    codes.add(s.code.toUpperCase());
  });
  if (c.backupManagerId && c.backupManagerId === c.accountManagerId) add(['backupManagerId'], 'backup_same_as_manager');
}

export const customerCreateSchema = customerBase.superRefine(customerCrossChecks);
export type CustomerCreate = z.infer<typeof customerCreateSchema>;
export const customerPatchSchema = patchOf(customerBase);
export type CustomerPatch = z.infer<typeof customerPatchSchema>;

const addressOut = z.object({
  line1: z.string(),
  line2: z.string().nullable().optional(),
  postalCode: z.string(),
  city: z.string(),
  countryCode: z.string(),
});

export const customerSchema = z.object({
  id: z.string().uuid(),
  code: z.string(),
  name: z.string(),
  siren: z.string().nullable(),
  siret: z.string().nullable(),
  vatNumber: z.string().nullable(),
  countryCode: z.string(),
  currency: z.string(),
  language: z.string(),
  gln: z.string().nullable(),
  paymentTerms: z.object({ basis: z.string(), days: z.number(), dayOfMonth: z.number().nullable() }),
  creditLimit: z.string().nullable(),
  requiresPoNumber: z.boolean(),
  billingAddress: addressOut,
  shipTos: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      name: z.string(),
      isDefault: z.boolean(),
      gln: z.string().nullable(),
      address: addressOut,
      contactName: z.string().nullable(),
      contactPhone: z.string().nullable(),
      contactEmail: z.string().nullable(),
      deliveryWeekdays: z.array(z.number()).nullable(),
      constraints: z.array(z.string()),
    }),
  ),
  contacts: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      role: z.string(),
      email: z.string().nullable(),
      phone: z.string().nullable(),
    }),
  ),
  productCodeRule: z.object({
    type: z.enum(['own_sku', 'prefix', 'cross_reference', 'gtin']),
    prefix: z.string().nullable().optional(),
  }),
  accountManagerId: z.string().nullable(),
  backupManagerId: z.string().nullable(),
  salesRepId: z.string().nullable(),
  paymentMethod: z.string(),
  invoicing: z.object({
    mode: z.string(),
    format: z.string(),
    channel: z.string(),
    email: z.string().nullable(),
    paperCopies: z.number(),
  }),
  defaultIncoterm: z.string().nullable(),
  incotermPlace: z.string().nullable(),
  defaultCarrier: z.string().nullable(),
  priceListId: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Customer = z.infer<typeof customerSchema>;

export const customerListQuery = z.object({
  countryCode: z.string().trim().max(2).optional(),
  accountManagerId: z.string().uuid().optional(),
  /** `me`: my portfolio — customers I manage, and those of absent colleagues whose backup I am. */
  portfolio: z.enum(['me']).optional(),
});
export const customerSortFields = ['code', 'name', 'city', 'countryCode', 'createdAt'] as const;
