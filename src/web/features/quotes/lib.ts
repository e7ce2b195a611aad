import { addDays, daysBetween, isIsoDate } from '@shared/dates';
import { dec, isDecimalString } from '@shared/decimal';
import { decimalToInput, normalizeDecimalInput } from '@web/lib/format';

/** Today's calendar date in the browser's time zone, as `YYYY-MM-DD`. */
export function todayIso(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

export function plusDays(date: string, days: number): string {
  return isIsoDate(date) ? addDays(date, days) : date;
}

/** Calendar days from today to `date` (negative when past), or null when `date` is not an ISO date. */
export function daysFromToday(date: string | null | undefined, today = todayIso()): number | null {
  if (!date || !isIsoDate(date)) return null;
  return daysBetween(today, date);
}

/** "18.9000" → "18,90" (fr) / "18.90" (en): an API decimal shown in an input, trailing zeros trimmed to `min`. */
export function decimalToTrimmedInput(value: string | null | undefined, lang: string, min = 2): string {
  if (value === null || value === undefined || value === '') return '';
  const [int = '', frac = ''] = value.split('.');
  let f = frac;
  while (f.length > min && f.endsWith('0')) f = f.slice(0, -1);
  return decimalToInput(f ? `${int}.${f}` : int, lang);
}

/** What a person typed, as an API decimal string, or null when it is not a (non-negative) decimal. */
export function inputToDecimal(input: string | null | undefined): string | null {
  if (input === null || input === undefined) return null;
  const s = normalizeDecimalInput(input);
  if (!s) return null;
  return isDecimalString(s) && !s.startsWith('-') ? s : null;
}

/** Equality of two decimal strings by value ("18.9" = "18.9000"); false when either is not a decimal. */
export function sameDecimal(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b || !isDecimalString(a) || !isDecimalString(b)) return false;
  return dec(a).eq(dec(b));
}

export function isPositiveDecimal(s: string | null): s is string {
  return !!s && /[1-9]/.test(s);
}

/** Max number of fraction digits of a decimal string. */
export function fractionDigits(s: string): number {
  return s.split('.')[1]?.length ?? 0;
}

/** Consumption percentage ("0.4250" or "42.5") → a 0–100 number for a progress bar (display only). */
export function rateToPercent(rate: string | null | undefined): number | null {
  if (rate === null || rate === undefined || !isDecimalString(rate)) return null;
  const d = dec(rate);
  // The API gives a ratio (0–1, possibly above 1 when over-consumed).
  const pct = d.times(100).toDecimalPlaces(1);
  return Math.min(100, Math.max(0, pct.toNumber()));
}

/** The ratio as a percentage string for display ("0.425" → "42.5"). */
export function rateToPercentString(rate: string | null | undefined): string | null {
  if (rate === null || rate === undefined || !isDecimalString(rate)) return null;
  return dec(rate).times(100).toDecimalPlaces(1).toFixed();
}
