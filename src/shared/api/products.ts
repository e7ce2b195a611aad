import { z } from 'zod';
import { isValidGtin } from '../identifiers';
import { decimalString, issue, optionalText, patchOf, requiredText } from './common';

export const vatCategories = ['S', 'Z', 'E', 'AE', 'K', 'G', 'O'] as const;
/** UN/ECE Recommendation 20 codes offered in the UI (any valid code is accepted by the API). */
export const commonUnits = [
  'C62',
  'KGM',
  'GRM',
  'TNE',
  'MTR',
  'MTK',
  'MTQ',
  'LTR',
  'HUR',
  'DAY',
  'XBX',
  'XPK',
  'XPA',
  'SET',
] as const;

const gtin = z
  .string()
  .trim()
  .refine((s) => s === '' || isValidGtin(s), issue('invalid_gtin'))
  .nullish()
  .transform((s) => s || null);

/** A non-negative decimal string is positive when it has a non-zero digit (no float conversion). */
const isPositive = (s: string) => /[1-9]/.test(s);
const qty = decimalString({ maxDecimals: 3 }).refine(isPositive, issue('must_be_positive'));

const productBase = z.object({
  sku: z
    .string()
    .trim()
    .min(1)
    .max(60)
    .refine((s) => /^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(s), issue('invalid_code')),
  name: requiredText(300),
  nameEn: optionalText(300),
  category: optionalText(100),
  unit: z
    .string()
    .trim()
    .transform((s) => s.toUpperCase())
    .refine((s) => /^[A-Z0-9]{2,3}$/.test(s), issue('invalid_unit'))
    .default('C62'),
  unitPrice: decimalString({ maxDecimals: 4 }),
  vatCategory: z.enum(vatCategories).default('S'),
  vatRate: decimalString({ maxDecimals: 2 }).default('20.00'),
  gtin,
  packSize: qty.nullish().transform((s) => s ?? null),
  packName: optionalText(60),
  packGtin: gtin,
  stockTracked: z.boolean().default(true),
  active: z.boolean().default(true),
  weightKg: decimalString({ maxDecimals: 3 })
    .nullish()
    .transform((s) => s ?? null),
  leadTimeDays: z
    .number()
    .int()
    .min(0)
    .max(3650)
    .nullish()
    .transform((n) => n ?? null),
  minOrderQuantity: qty.nullish().transform((s) => s ?? null),
  orderMultiple: qty.nullish().transform((s) => s ?? null),
  hsCode: z
    .string()
    .trim()
    .refine((s) => s === '' || /^\d{6,10}$/.test(s), issue('invalid_hs_code'))
    .nullish()
    .transform((s) => s || null),
  originCountry: z
    .string()
    .trim()
    .transform((s) => s.toUpperCase())
    .refine((s) => s === '' || /^[A-Z]{2}$/.test(s), issue('invalid_country'))
    .nullish()
    .transform((s) => s || null),
});
type ProductBase = z.infer<typeof productBase>;

export function productCrossChecks(p: ProductBase, ctx: z.RefinementCtx) {
  const add = (path: string[], code: string) => ctx.addIssue({ code: 'custom', path, params: { code }, input: p });
  if (p.vatCategory === 'S' && !isPositive(p.vatRate)) add(['vatRate'], 'vat_rate_required_standard');
  if (p.vatCategory !== 'S' && isPositive(p.vatRate)) add(['vatRate'], 'vat_rate_must_be_zero');
  if (p.packGtin && !p.packSize) add(['packSize'], 'required');
}

export const productCreateSchema = productBase.superRefine(productCrossChecks);
export type ProductCreate = z.infer<typeof productCreateSchema>;
export const productPatchSchema = patchOf(productBase);
export type ProductPatch = z.infer<typeof productPatchSchema>;

export const productSchema = z.object({
  id: z.string().uuid(),
  sku: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  category: z.string().nullable(),
  unit: z.string(),
  unitPrice: z.string(),
  vatCategory: z.string(),
  vatRate: z.string(),
  gtin: z.string().nullable(),
  packSize: z.string().nullable(),
  packName: z.string().nullable(),
  packGtin: z.string().nullable(),
  stockTracked: z.boolean(),
  active: z.boolean(),
  weightKg: z.string().nullable(),
  leadTimeDays: z.number().nullable(),
  minOrderQuantity: z.string().nullable(),
  orderMultiple: z.string().nullable(),
  hsCode: z.string().nullable(),
  originCountry: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Product = z.infer<typeof productSchema>;
export const productSortFields = ['sku', 'name', 'category', 'unitPrice', 'createdAt'] as const;
