import { z } from 'zod';

/** Attach a stable error code to a refinement; the server turns it into a translated message. */
export const issue = (code: string, extra: Record<string, unknown> = {}) => ({ params: { code, ...extra } });

export const decimalString = (opts: { maxDecimals?: number; min?: string; allowNegative?: boolean } = {}) =>
  z
    .string()
    .trim()
    .refine(
      (s) => (opts.allowNegative ? /^-?\d{1,15}(\.\d+)?$/ : /^\d{1,15}(\.\d+)?$/).test(s),
      issue('invalid_decimal'),
    )
    .refine(
      (s) => opts.maxDecimals === undefined || (s.split('.')[1]?.length ?? 0) <= opts.maxDecimals,
      issue('too_many_decimals', { max: opts.maxDecimals }),
    );

export const countryCode = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .refine((s) => /^[A-Z]{2}$/.test(s), issue('invalid_country'));

export const currencyCode = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .refine((s) => /^[A-Z]{3}$/.test(s), issue('invalid_currency'));

export const isoDate = z
  .string()
  .refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), issue('invalid_date'));

export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((s) => (s ? s : null));

export const requiredText = (max: number) => z.string().trim().min(1).max(max);

export const email = z
  .string()
  .trim()
  .max(254)
  .refine((s) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s), issue('invalid_email'));

export const addressSchema = z
  .object({
    line1: requiredText(200),
    line2: optionalText(200),
    postalCode: requiredText(20),
    city: requiredText(100),
    countryCode,
  })
  .superRefine((a, ctx) => {
    if (a.countryCode === 'FR' && !/^\d{5}$/.test(a.postalCode))
      ctx.addIssue({ code: 'custom', path: ['postalCode'], params: { code: 'invalid_postal_code_fr' }, input: a });
  });
export type Address = z.infer<typeof addressSchema>;

export const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
  q: z.string().trim().max(200).optional(),
  sort: z.string().max(40).optional(),
});

export const idParam = z.object({ id: z.string().uuid() });

export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  detail: z.string().optional(),
  code: z.string(),
  errors: z.array(z.object({ path: z.string(), code: z.string(), message: z.string() })).optional(),
  /** A refused delivery date: the first date that would be accepted. */
  nextValidDate: z.string().optional(),
});

/** The problem+json answers every authenticated route may give, for the OpenAPI document. */
export const problemResponses = {
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
  422: problemSchema,
};

export const page = <T extends z.ZodTypeAny>(item: T) =>
  z.object({ data: z.array(item), nextCursor: z.string().nullable(), total: z.number().int().optional() });

/**
 * The PATCH form of a create schema: every field optional and WITHOUT its default (Zod 4 applies defaults inside
 * `.partial()`, which would silently reset omitted fields).
 */
export function patchOf<S extends z.ZodRawShape>(base: z.ZodObject<S>) {
  const shape = Object.fromEntries(
    Object.entries(base.shape).map(([k, v]) => {
      const field = v instanceof z.ZodDefault ? (v.unwrap() as z.ZodType) : (v as z.ZodType);
      return [k, field.optional()];
    }),
  ) as unknown as { [K in keyof S]: z.ZodOptional<S[K] extends z.ZodDefault<infer I> ? I : S[K]> };
  return z.object(shape);
}
