import ExcelJS from 'exceljs';
import { DomainError } from '@server/platform/errors';
import { formatIsoDate } from '@shared/dates';
import { Decimal } from '@shared/decimal';

/**
 * Reading an uploaded file into a header and rows of cells, whatever its origin: CSV from Excel "Enregistrer sous"
 * (Windows-1252, `;`), from LibreOffice or another system (UTF-8 with or without BOM, `,` or tab, quoted fields),
 * or an .xlsx workbook (first sheet; numbers, dates, rich text, formulas with their cached results, hyperlinks).
 */

/** One cell: its text, and what Excel said it was (numbers arrive as exact decimal strings, dates as yyyy-mm-dd). */
export type RawCell = { v: string; t: 'text' | 'number' | 'date' | 'bool' | 'error' };
export type RawRow = { row: number; cells: (RawCell | null)[] };
export type ParsedFile = { format: 'csv' | 'xlsx'; headerRow: number; headers: string[]; rows: RawRow[] };

export const MAX_ROWS = 100_000;

const isZip = (b: Buffer) => b.length > 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const isOle = (b: Buffer) => b.length > 8 && b.readUInt32BE(0) === 0xd0cf11e0;

export async function parseFile(filename: string, data: Buffer): Promise<ParsedFile> {
  const ext = filename.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? '';
  if (isZip(data)) return parseXlsx(data);
  // An .xls (BIFF, OLE container) or any other binary we cannot read.
  if (isOle(data) || ['xls', 'xlsm', 'xlsb', 'ods', 'numbers'].includes(ext))
    throw new DomainError('unsupported_file', 422, [{ path: 'file', code: 'unsupported_file' }]);
  if (ext === 'xlsx') throw new DomainError('unreadable_file', 422, [{ path: 'file', code: 'unreadable_file' }]);
  return parseCsv(decodeText(data));
}

// ---------------------------------------------------------------------------------------------------------- CSV

/** UTF-8 (BOM stripped) when the bytes are valid UTF-8, UTF-16 with a BOM, else Windows-1252 (Excel's "CSV"). */
export function decodeText(buf: Buffer): string {
  if (buf[0] === 0xff && buf[1] === 0xfe) return new TextDecoder('utf-16le').decode(buf.subarray(2));
  if (buf[0] === 0xfe && buf[1] === 0xff) return new TextDecoder('utf-16be').decode(buf.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return decodeWindows1252(buf);
  }
}

/** Windows-1252 bytes 0x80–0x9F (€, ’, œ, …, –, —); the other bytes are Latin-1. */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/**
 * Windows-1252, decoded by hand: Node 20's TextDecoder('windows-1252') decodes it as Latin-1 (0x80 → U+0080
 * instead of €), which would lose the euro sign, curly apostrophes and "œ" of French spreadsheets.
 */
export function decodeWindows1252(buf: Uint8Array): string {
  const parts: string[] = [];
  const units = new Uint16Array(8192);
  for (let start = 0; start < buf.length; start += units.length) {
    const end = Math.min(buf.length, start + units.length);
    for (let i = start; i < end; i++) {
      const b = buf[i]!;
      units[i - start] = b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : b;
    }
    parts.push(String.fromCharCode(...units.subarray(0, end - start)));
  }
  return parts.join('');
}

/** `;`, `,` or tab: the one that appears most in the header line, outside quotes (`;` on a tie, as Excel FR). */
export function detectSeparator(text: string): string {
  const counts: Record<string, number> = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch in counts) counts[ch]!++;
  }
  const best = Object.entries(counts).sort((a, b) => b[1] - a[1])[0]!;
  return best[1] > 0 ? best[0] : ';';
}

/** RFC 4180 records: quoted fields with "" escapes and line breaks, CRLF, LF or CR line ends. */
export function csvRecords(text: string, sep: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  const n = text.length;
  while (i < n) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field.trim() === '') {
      quoted = true;
      field = '';
      i++;
    } else if (ch === sep) {
      row.push(field);
      field = '';
      i++;
    } else if (ch === '\n' || ch === '\r') {
      row.push(field);
      out.push(row);
      row = [];
      field = '';
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += ch;
      i++;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    out.push(row);
  }
  return out;
}

export function parseCsv(text: string): ParsedFile {
  const records = csvRecords(text, detectSeparator(text));
  const rows: RawRow[] = records.map((r, i) => ({
    row: i + 1,
    cells: r.map((v) => (v.trim() === '' ? null : { v, t: 'text' as const })),
  }));
  return withHeader('csv', rows);
}

// --------------------------------------------------------------------------------------------------------- XLSX

/** An Excel number as an exact decimal string: Excel keeps 15 significant digits, so do we (12.3 → "12.3"). */
export function numberText(n: number): string {
  if (Number.isSafeInteger(n)) return String(n);
  if (!Number.isFinite(n)) return String(n);
  return new Decimal(n.toPrecision(15)).toFixed();
}

type CellLike = { value: ExcelJS.CellValue; numFmt?: string };

export function cellOf(cell: CellLike): RawCell | null {
  const value = cell.value;
  const percent = typeof cell.numFmt === 'string' && cell.numFmt.includes('%');
  return convert(value, percent);
}

function convert(value: ExcelJS.CellValue, percent: boolean): RawCell | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') {
    // "20 %" typed in Excel is 0.2 shown as a percentage: read what the user sees.
    const text = percent ? new Decimal(numberText(value)).times(100).toFixed() : numberText(value);
    return { v: text, t: 'number' };
  }
  if (typeof value === 'string') return value.trim() === '' ? null : { v: value, t: 'text' };
  if (typeof value === 'boolean') return { v: value ? 'true' : 'false', t: 'bool' };
  if (value instanceof Date) {
    try {
      return { v: formatIsoDate(value), t: 'date' };
    } catch {
      return { v: '', t: 'error' };
    }
  }
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) {
      const text = value.richText.map((r) => r.text).join('');
      return text.trim() === '' ? null : { v: text, t: 'text' };
    }
    if ('error' in value) return { v: String(value.error), t: 'error' };
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as { result?: unknown }).result;
      if (result !== null && typeof result === 'object' && !(result instanceof Date) && 'error' in result)
        return { v: String((result as { error: unknown }).error), t: 'error' };
      return convert(result as ExcelJS.CellValue, percent);
    }
    if ('text' in value) {
      const t = (value as { text: unknown }).text;
      if (typeof t === 'string') return t.trim() === '' ? null : { v: t, t: 'text' };
      if (t && typeof t === 'object' && 'richText' in t) return convert(t as ExcelJS.CellValue, percent);
    }
  }
  return { v: String(value), t: 'text' };
}

export async function parseXlsx(data: Buffer): Promise<ParsedFile> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw new DomainError('unreadable_file', 422, [{ path: 'file', code: 'unreadable_file' }]);
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new DomainError('empty_file', 422, [{ path: 'file', code: 'empty_file' }]);
  const rows: RawRow[] = [];
  ws.eachRow({ includeEmpty: false }, (r, rowNumber) => {
    const cells: (RawCell | null)[] = [];
    r.eachCell({ includeEmpty: false }, (c, col) => {
      cells[col - 1] = cellOf(c);
    });
    for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
    rows.push({ row: rowNumber, cells });
  });
  return withHeader('xlsx', rows);
}

// --------------------------------------------------------------------------------------------------------------

/** The first non-empty row is the header; empty rows after it are dropped (their numbers are kept for the others). */
function withHeader(format: ParsedFile['format'], all: RawRow[]): ParsedFile {
  const nonEmpty = all.filter((r) => r.cells.some((c) => c !== null && c.v.trim() !== ''));
  const [head, ...rows] = nonEmpty;
  if (!head || rows.length === 0) throw new DomainError('empty_file', 422, [{ path: 'file', code: 'empty_file' }]);
  if (rows.length > MAX_ROWS)
    throw new DomainError('too_many_rows', 422, [{ path: 'file', code: 'too_many_rows', params: { max: MAX_ROWS } }], {
      max: MAX_ROWS,
    });
  const headers = head.cells.map((c) => (c ? c.v.trim() : ''));
  return { format, headerRow: head.row, headers, rows };
}
