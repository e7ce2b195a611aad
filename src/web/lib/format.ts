/**
 * Display helpers. Money and quantities are decimal strings from the API: they are formatted by string
 * manipulation only (never converted to JS numbers), so "12345678901234.5678" displays exactly.
 */

export type UiLanguage = 'fr' | 'en';

export const intlLocale = (lang: string): string => (lang.startsWith('en') ? 'en-GB' : 'fr-FR');

interface Separators {
  group: string;
  decimal: string;
}

const sepCache = new Map<string, Separators>();

function separators(lang: string): Separators {
  const locale = intlLocale(lang);
  const cached = sepCache.get(locale);
  if (cached) return cached;
  // A literal sample only used to discover the locale's separators.
  const parts = new Intl.NumberFormat(locale, { minimumFractionDigits: 1 }).formatToParts(12345.5);
  const s = {
    group: parts.find((p) => p.type === 'group')?.value ?? ' ',
    decimal: parts.find((p) => p.type === 'decimal')?.value ?? ',',
  };
  sepCache.set(locale, s);
  return s;
}

interface ParsedDecimal {
  negative: boolean;
  int: string;
  frac: string;
}

const DECIMAL_RE = /^([+-])?(\d*)(?:\.(\d*))?$/;

export function parseDecimal(value: string): ParsedDecimal | null {
  const m = DECIMAL_RE.exec(value.trim());
  if (!m) return null;
  const intRaw = m[2] ?? '';
  const fracRaw = m[3] ?? '';
  if (intRaw === '' && fracRaw === '') return null;
  const int = intRaw.replace(/^0+(?=\d)/, '') || '0';
  const negative = m[1] === '-' && /[1-9]/.test(int + fracRaw);
  return { negative, int, frac: fracRaw };
}

/** Pads to `min` fraction digits and strips trailing zeros beyond it. */
function shapeFraction(frac: string, min: number): string {
  let f = frac;
  while (f.length > min && f.endsWith('0')) f = f.slice(0, -1);
  return f.padEnd(min, '0');
}

function groupInt(int: string, group: string): string {
  let out = '';
  for (let i = 0; i < int.length; i++) {
    if (i > 0 && (int.length - i) % 3 === 0) out += group;
    out += int[i];
  }
  return out;
}

export interface DecimalFormatOptions {
  /** Minimum number of fraction digits (padding with zeros). Trailing zeros beyond it are trimmed. */
  minFraction?: number;
}

/** "1234.5" → "1 234,5" (fr) / "1,234.5" (en). Returns the input unchanged when it is not a decimal. */
export function formatDecimal(value: string | null | undefined, lang: string, opts: DecimalFormatOptions = {}): string {
  if (value === null || value === undefined || value === '') return '';
  const p = parseDecimal(value);
  if (!p) return value;
  const { group, decimal } = separators(lang);
  const frac = shapeFraction(p.frac, opts.minFraction ?? 0);
  return `${p.negative ? '-' : ''}${groupInt(p.int, group)}${frac ? decimal + frac : ''}`;
}

const currencyTemplateCache = new Map<
  string,
  { pos: Intl.NumberFormatPart[]; neg: Intl.NumberFormatPart[]; digits: number }
>();

function currencyTemplate(lang: string, currency: string) {
  const key = `${intlLocale(lang)}|${currency}`;
  const cached = currencyTemplateCache.get(key);
  if (cached) return cached;
  let nf: Intl.NumberFormat;
  try {
    nf = new Intl.NumberFormat(intlLocale(lang), { style: 'currency', currency });
  } catch {
    nf = new Intl.NumberFormat(intlLocale(lang), { style: 'currency', currency: 'EUR' });
  }
  const t = {
    pos: nf.formatToParts(1),
    neg: nf.formatToParts(-1),
    digits: nf.resolvedOptions().minimumFractionDigits ?? 2,
  };
  currencyTemplateCache.set(key, t);
  return t;
}

/** "1234.50" → "1 234,50 €" (fr) / "€1,234.50" (en). */
export function formatMoney(value: string | null | undefined, lang: string, currency = 'EUR'): string {
  if (value === null || value === undefined || value === '') return '';
  const p = parseDecimal(value);
  if (!p) return value;
  const { group, decimal } = separators(lang);
  const tpl = currencyTemplate(lang, currency);
  const frac = shapeFraction(p.frac, tpl.digits);
  const intStr = groupInt(p.int, group);
  const parts = p.negative ? tpl.neg : tpl.pos;
  const hasFractionSlot = parts.some((x) => x.type === 'fraction');
  let out = '';
  for (const part of parts) {
    switch (part.type) {
      case 'integer':
        out += intStr + (!hasFractionSlot && frac ? decimal + frac : '');
        break;
      case 'group':
        break;
      case 'decimal':
        if (frac) out += decimal;
        break;
      case 'fraction':
        out += frac;
        break;
      default:
        out += part.value;
    }
  }
  return out;
}

/** "20.00" → "20 %" (fr) / "20%" (en). */
export function formatPercent(value: string | null | undefined, lang: string): string {
  if (value === null || value === undefined || value === '') return '';
  const n = formatDecimal(value, lang);
  return lang.startsWith('en') ? `${n}%` : `${n}\u202f%`;
}

/**
 * Normalises what a person typed into a decimal field into the API's decimal string:
 * "1 234,50" → "1234.50". No float conversion.
 */
export function normalizeDecimalInput(input: string): string {
  return input.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
}

export function isDecimalString(s: string, maxDecimals?: number): boolean {
  if (!/^\d{1,15}(\.\d+)?$/.test(s)) return false;
  if (maxDecimals === undefined) return true;
  return (s.split('.')[1]?.length ?? 0) <= maxDecimals;
}

/** Shows an API decimal in an input the way the user types it (comma in French). */
export function decimalToInput(value: string | null | undefined, lang: string): string {
  if (value === null || value === undefined) return '';
  return lang.startsWith('en') ? value : value.replace('.', ',');
}

function toDate(iso: string): Date | null {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

export function formatDateTime(iso: string | null | undefined, lang: string): string {
  if (!iso) return '';
  const d = toDate(iso);
  if (!d) return iso;
  return new Intl.DateTimeFormat(intlLocale(lang), { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

export function formatDate(iso: string | null | undefined, lang: string): string {
  if (!iso) return '';
  // A plain ISO date ("2026-11-22") is a calendar day: format it in UTC so it does not shift.
  const plain = /^\d{4}-\d{2}-\d{2}$/.test(iso);
  const d = toDate(plain ? `${iso}T00:00:00Z` : iso);
  if (!d) return iso;
  return new Intl.DateTimeFormat(intlLocale(lang), {
    dateStyle: 'medium',
    ...(plain ? { timeZone: 'UTC' } : {}),
  }).format(d);
}

export function formatRelative(iso: string, lang: string, now = Date.now()): string {
  const d = toDate(iso);
  if (!d) return iso;
  const diffSec = Math.round((d.getTime() - now) / 1000);
  const rtf = new Intl.RelativeTimeFormat(intlLocale(lang), { numeric: 'auto' });
  const abs = Math.abs(diffSec);
  if (abs < 60) return rtf.format(diffSec, 'second');
  if (abs < 3600) return rtf.format(Math.round(diffSec / 60), 'minute');
  if (abs < 86400) return rtf.format(Math.round(diffSec / 3600), 'hour');
  if (abs < 86400 * 30) return rtf.format(Math.round(diffSec / 86400), 'day');
  return formatDate(iso, lang);
}

const regionNamesCache = new Map<string, Intl.DisplayNames>();

export function countryName(code: string | null | undefined, lang: string): string {
  if (!code) return '';
  const locale = intlLocale(lang);
  let dn = regionNamesCache.get(locale);
  if (!dn) {
    dn = new Intl.DisplayNames([locale], { type: 'region' });
    regionNamesCache.set(locale, dn);
  }
  try {
    return dn.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}
