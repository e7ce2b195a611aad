import type { TFunction } from 'i18next';
import { dec, isDecimalString } from '@shared/decimal';
import { decimalToInput, normalizeDecimalInput } from '@web/lib/format';

export { todayIso } from '../quotes/lib';

/** Compares two API decimal strings by value (-1, 0, 1); anything unreadable counts as 0. */
export function cmpQty(a: string | null | undefined, b: string | null | undefined): number {
  const x = a && isDecimalString(a) ? dec(a) : dec(0);
  const y = b && isDecimalString(b) ? dec(b) : dec(0);
  return x.cmp(y);
}

export const isPositive = (s: string | null | undefined) => cmpQty(s, '0') > 0;

/** The smaller of two quantities, as it was given (no reformatting). */
export function minQty(a: string, b: string): string {
  return cmpQty(a, b) <= 0 ? a : b;
}

/** a + b as a quantity string. */
export function addQty(a: string | null | undefined, b: string | null | undefined): string {
  const x = a && isDecimalString(a) ? dec(a) : dec(0);
  const y = b && isDecimalString(b) ? dec(b) : dec(0);
  return x.plus(y).toFixed();
}

/** a − b as a quantity string (never below zero). */
export function subQty(a: string | null | undefined, b: string | null | undefined): string {
  const x = a && isDecimalString(a) ? dec(a) : dec(0);
  const y = b && isDecimalString(b) ? dec(b) : dec(0);
  const r = x.minus(y);
  return r.isNegative() ? '0' : r.toFixed();
}

/** "12.500" → "12,5" (fr): an API quantity put in an input, trailing zeros trimmed. */
export function qtyToInput(value: string | null | undefined, lang: string): string {
  if (value === null || value === undefined || value === '') return '';
  const [int = '', frac = ''] = value.split('.');
  const f = frac.replace(/0+$/, '');
  return decimalToInput(f ? `${int}.${f}` : int, lang);
}

/**
 * What a person typed in a quantity field: the API decimal string (3 decimals at most, zero allowed) or an error
 * message. Empty is zero when `emptyIsZero`.
 */
export function parseQty(input: string, t: TFunction, emptyIsZero = false): { value?: string; error?: string } {
  const raw = normalizeDecimalInput(input);
  if (!raw) return emptyIsZero ? { value: '0' } : { error: t('validation.required') };
  if (!/^\d{1,15}(\.\d{1,3})?$/.test(raw)) return { error: t('deliveries.errors.quantity') };
  return { value: raw };
}

/** An SSCC as printed under its barcode: the application identifier then the 18 digits (null: none yet). */
export function formatSscc(sscc: string | null): string | null {
  return sscc ? `(00) ${sscc}` : null;
}

/** The tracking link of a carrier's template for a tracking number. */
export function trackingLink(template: string | null | undefined, tracking: string | null | undefined): string | null {
  if (!template || !tracking) return null;
  return template.replace('{tracking}', encodeURIComponent(tracking));
}
