import { z } from 'zod';
import { isValidBic, isValidIban, isValidSiren, validateVatNumber } from '../identifiers';
import {
  addressSchema,
  currencyCode,
  decimalString,
  email,
  issue,
  optionalText,
  patchOf,
  requiredText,
} from './common';

const companyBase = z.object({
  name: requiredText(200),
  legalForm: requiredText(40).default('SAS'),
  shareCapital: decimalString({ maxDecimals: 2 })
    .nullish()
    .transform((s) => s ?? null),
  siren: z
    .string()
    .transform((s) => s.replace(/\s/g, ''))
    .refine((s) => isValidSiren(s), issue('invalid_siren')),
  rcsCity: optionalText(100),
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
  address: addressSchema,
  iban: z
    .string()
    .transform((s) => s.replace(/\s/g, '').toUpperCase())
    .refine((s) => s === '' || isValidIban(s), issue('invalid_iban'))
    .nullish()
    .transform((s) => s || null),
  bic: z
    .string()
    .transform((s) => s.replace(/\s/g, '').toUpperCase())
    .refine((s) => s === '' || isValidBic(s), issue('invalid_bic'))
    .nullish()
    .transform((s) => s || null),
  currency: currencyCode.default('EUR'),
  email: email.nullish().transform((s) => s || null),
  phone: optionalText(40),
  /** EORI for customs: FR + SIRET (14 digits), or another EU prefix + national number. */
  eori: z
    .string()
    .transform((s) => s.replace(/\s/g, '').toUpperCase())
    .refine((s) => s === '' || /^[A-Z]{2}[0-9A-Z]{1,15}$/.test(s), issue('invalid_eori'))
    .refine((s) => !s.startsWith('FR') || /^FR\d{14}$/.test(s) || /^FR\d{9}$/.test(s), issue('invalid_eori'))
    .nullish()
    .transform((s) => s || null),
  /** GS1 company prefix (7–10 digits) used to build SSCCs. */
  gs1CompanyPrefix: z
    .string()
    .trim()
    .refine((s) => s === '' || /^\d{7,10}$/.test(s), issue('invalid_gs1_prefix'))
    .nullish()
    .transform((s) => s || null),
  ssccExtensionDigit: z.number().int().min(0).max(9).default(0),
});

export const companyCreateSchema = companyBase.superRefine((c, ctx) => {
  if (c.vatNumber?.startsWith('FR') && c.vatNumber.slice(4) !== c.siren)
    ctx.addIssue({ code: 'custom', path: ['vatNumber'], params: { code: 'vat_siren_mismatch' }, input: c });
});
export type CompanyCreate = z.infer<typeof companyCreateSchema>;
export const companyPatchSchema = patchOf(companyBase);

export const companySchema = z.object({
  id: z.string(),
  name: z.string(),
  legalForm: z.string(),
  shareCapital: z.string().nullable(),
  siren: z.string(),
  rcsCity: z.string().nullable(),
  vatNumber: z.string().nullable(),
  address: z.object({
    line1: z.string(),
    line2: z.string().nullable().optional(),
    postalCode: z.string(),
    city: z.string(),
    countryCode: z.string(),
  }),
  iban: z.string().nullable(),
  bic: z.string().nullable(),
  currency: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  eori: z.string().nullable(),
  gs1CompanyPrefix: z.string().nullable(),
  ssccExtensionDigit: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Company = z.infer<typeof companySchema>;
