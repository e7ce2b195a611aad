import { isIsoDate } from '@shared/dates';
import type { ColumnDef } from './imports.columns';
import { normalizeHeader } from './imports.columns';
import type { RawCell } from './imports.parse';

/**
 * From a cell to the value the API schemas expect — decimal strings with a dot, ISO dates, booleans, integers — or
 * an error code for the cell. No float arithmetic: numbers stay strings from the file to the database.
 */
export type CellResult = { value: unknown } | { error: string };

const SPACES = /[\s\u00a0\u202f\u2009']/g;

/** "1 234,50" → "1234.50", "1.234,5" → "1234.5", "1,234.50" → "1234.50", "12 €" → "12", "5,5 %" → "5.5". */
export function normalizeDecimal(input: string): string {
  let s = input
    .replace(SPACES, '')
    .replace(/(€|eur|%)$/i, '')
    .replace(/^\+/, '');
  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  if (lastComma >= 0 && lastDot >= 0) {
    // both: the last one separates the decimals, the other groups thousands
    s = lastComma > lastDot ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, '');
  } else if (lastComma >= 0) {
    // "1234,50" (French decimals) — "1,234,567" (several commas) only groups thousands
    s = s.indexOf(',') === lastComma ? s.replace(',', '.') : s.replace(/,/g, '');
  } else if (lastDot >= 0 && s.indexOf('.') !== lastDot) {
    s = s.replace(/\./g, '');
  }
  if (/^-?\d*\.\d+$/.test(s) && s.replace('-', '').startsWith('.')) s = s.replace('.', '0.');
  return s;
}

const TRUE = new Set(['oui', 'o', 'yes', 'y', 'true', 'vrai', '1', 'x', 'actif', 'active']);
const FALSE = new Set(['non', 'n', 'no', 'false', 'faux', '0', 'inactif', 'inactive']);

/** Days from Excel's epoch (1899-12-30, which absorbs its 1900 leap-year bug) to yyyy-mm-dd. */
function excelSerialToIso(serial: number): string | null {
  if (!Number.isInteger(serial) || serial < 1 || serial > 2_958_465) return null;
  const d = new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000);
  return d.toISOString().slice(0, 10);
}

export function normalizeDate(cell: RawCell): string | null {
  if (cell.t === 'date') return cell.v;
  const s = cell.v.trim();
  if (cell.t === 'number') return /^\d+$/.test(s) ? excelSerialToIso(Number(s)) : null;
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(s);
  let iso: string | null = null;
  if (m) iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(s);
  if (m) {
    const year = m[3]!.length === 2 ? `20${m[3]}` : m[3]!;
    iso = `${year}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  }
  return iso && isIsoDate(iso) ? iso : null;
}

/**
 * The value of a cell for its column. An empty cell is `null` (the field is cleared), or `undefined` for columns
 * whose empty cell keeps the current value or the default (unit, VAT, currency…).
 */
export function cellValue(col: ColumnDef, cell: RawCell | null | undefined): CellResult {
  if (!cell || cell.v.trim() === '') return { value: col.emptyKeeps ? undefined : null };
  if (cell.t === 'error') return { error: 'invalid_value' };
  const text = cell.v.trim();
  switch (col.type) {
    case 'decimal':
      return { value: cell.t === 'number' ? text : normalizeDecimal(text) };
    case 'integer': {
      const s = cell.t === 'number' ? text : normalizeDecimal(text);
      if (!/^-?\d+$/.test(s) || !Number.isSafeInteger(Number(s))) return { error: 'invalid_integer' };
      return { value: Number(s) };
    }
    case 'boolean': {
      const k = normalizeHeader(text);
      if (TRUE.has(k)) return { value: true };
      if (FALSE.has(k)) return { value: false };
      return { error: 'invalid_boolean' };
    }
    case 'date': {
      const iso = normalizeDate(cell);
      return iso ? { value: iso } : { error: 'invalid_date' };
    }
    case 'code': {
      // a number cell: Excel dropped the leading zeros of a postal code or SIREN typed as a number
      if (cell.t === 'number' && col.pad && /^\d+$/.test(text)) return { value: text.padStart(col.pad, '0') };
      return { value: text };
    }
    case 'text': {
      const mapped = col.values?.[normalizeHeader(text)];
      return { value: mapped ?? text };
    }
  }
}
