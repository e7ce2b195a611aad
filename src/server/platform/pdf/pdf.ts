/**
 * Shared PDF layer: one pdfmake instance configured once per process, deterministic rendering, and the fr/en
 * formatting of amounts, quantities and dates used by every business document (quotes, orders, invoices…).
 *
 * Fonts: the 14 standard PDF fonts (Helvetica) need no font file and no embedding — the fast path. They only
 * encode Windows-1252 (WinAnsi: French accents, €, œ, «», –, — are fine); a document containing any other
 * character (a Polish or Romanian customer name, Greek, Cyrillic…) is rendered with the Roboto TTF that pdfmake
 * ships in its package (embedded and subset). The choice is made per document, automatically.
 *
 * Amounts never go through JavaScript numbers: the formatters take decimal strings and use `@shared/decimal`.
 */
import { createRequire } from 'node:module';
import type { DynamicContent, TDocumentDefinitions, TFontDictionary } from 'pdfmake/interfaces';
import { currencyDecimals, dec, roundHalfUp } from '@shared/decimal';
import { parseIsoDate } from '@shared/dates';

export type PdfLang = 'fr' | 'en';
export type { Column, Content, CustomTableLayout, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';

/** Document information dictionary; `creationDate` is fixed by the caller so the same input gives the same bytes. */
export type PdfMetadata = {
  title: string;
  author: string;
  subject: string;
  keywords?: string;
  creationDate: Date;
  lang?: PdfLang;
};

/** Non-breaking space (U+00A0): French thousands separator and space before € / %. U+202F (the typographic narrow
 * no-break space) is in neither Helvetica's WinAnsi encoding nor Roboto, so it is not used. */
export const NBSP = '\u00a0';

type PdfMakeApi = typeof import('pdfmake');
const requireCjs = createRequire(import.meta.url);

const STANDARD_FAMILY = 'Helvetica';
const UNICODE_FAMILY = 'Roboto';
const STANDARD_FONT_FILES = ['Helvetica', 'Helvetica-Bold', 'Helvetica-Oblique', 'Helvetica-BoldOblique'];
const ROBOTO_FILES = {
  normal: 'Roboto-Regular.ttf',
  bold: 'Roboto-Medium.ttf',
  italics: 'Roboto-Italic.ttf',
  bolditalics: 'Roboto-MediumItalic.ttf',
} as const;

let engine: PdfMakeApi | null = null;

/** The pdfmake singleton, configured on first use: fonts, no network access, local files limited to the fonts. */
function pdfEngine(): PdfMakeApi {
  if (engine) return engine;
  const pdfmake = requireCjs('pdfmake') as PdfMakeApi;
  const roboto = Object.fromEntries(
    Object.entries(ROBOTO_FILES).map(([style, file]) => [style, requireCjs.resolve(`pdfmake/fonts/Roboto/${file}`)]),
  ) as Record<keyof typeof ROBOTO_FILES, string>;
  const fonts: TFontDictionary = {
    [STANDARD_FAMILY]: {
      normal: STANDARD_FONT_FILES[0]!,
      bold: STANDARD_FONT_FILES[1]!,
      italics: STANDARD_FONT_FILES[2]!,
      bolditalics: STANDARD_FONT_FILES[3]!,
    },
    [UNICODE_FAMILY]: roboto,
  };
  const allowedFiles = new Set([...STANDARD_FONT_FILES, ...Object.values(roboto)]);
  pdfmake.setFonts(fonts);
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((path) => allowedFiles.has(path));
  shareStandardFontMetrics();
  shareEmbeddedFonts();
  engine = pdfmake;
  return engine;
}

type AfmTables = { attributes: object; glyphWidths: object; boundingBoxes: object; kernPairs: object };
type AfmFontProto = { parse(this: AfmTables, contents: string): void };

/**
 * pdfkit reads and parses the AFM metrics of every standard font again for every document (a third of the time
 * of a one-page document). The parsed tables are read-only, so parse each font once per process and share them.
 * Relies on pdfkit's internal `AFMFont.prototype.parse`; if a pdfkit upgrade changes it, this does nothing and
 * rendering stays correct, only slower.
 */
function shareStandardFontMetrics(): void {
  try {
    const PDFKit = createRequire(requireCjs.resolve('pdfmake'))('pdfkit') as new (o: object) => {
      font(name: string): { _font?: { font?: { constructor?: { prototype?: AfmFontProto } } } };
    };
    const proto = new PDFKit({ autoFirstPage: false }).font('Helvetica')._font?.font?.constructor?.prototype;
    if (!proto || typeof proto.parse !== 'function' || (proto.parse as { shared?: true }).shared) return;
    const parse = proto.parse;
    const cache = new Map<string, AfmTables>();
    const shared = function (this: AfmTables, contents: string): void {
      const hit = cache.get(contents);
      if (hit) {
        Object.assign(this, hit);
        return;
      }
      parse.call(this, contents);
      const { attributes, glyphWidths, boundingBoxes, kernPairs } = this;
      cache.set(contents, { attributes, glyphWidths, boundingBoxes, kernPairs });
    };
    proto.parse = Object.assign(shared, { shared: true as const });
  } catch {
    // Optimisation only.
  }
}

type FontkitFont = object;
type PdfKitDoc = {
  _font: {
    font?: FontkitFont;
    name?: string;
    constructor: new (doc: PdfKitDoc, font: FontkitFont, id: string) => PdfKitDoc['_font'];
  };
  _fontCount: number;
  _fontFamilies: Record<string, PdfKitDoc['_font']>;
  _fontSource: unknown;
  _fontFamily: unknown;
  fontSize(size: number): unknown;
};
type FontMethod = (this: PdfKitDoc, src: unknown, family?: unknown, size?: unknown) => PdfKitDoc;

/**
 * pdfkit parses a TrueType file again (fontkit) for every document that uses it: with the embedded Roboto of
 * Factur-X invoices that is half the rendering time. The parsed font is read-only once built (each document makes
 * its own subset of it), so parse each file once per process and give every document a new `EmbeddedFont` over the
 * shared parse. Relies on pdfkit's internal `font()` bookkeeping; if an upgrade changes it, the first document's
 * font has no `font` field and this falls back to pdfkit's own path (correct, only slower).
 */
function shareEmbeddedFonts(): void {
  try {
    const PdfmakeDocument = (
      requireCjs('pdfmake/js/PDFDocument.js') as { default: { prototype: { font: FontMethod } } }
    ).default;
    const proto = PdfmakeDocument.prototype;
    if ((proto.font as { shared?: true }).shared) return;
    const original = proto.font;
    const parsed = new Map<string, { font: FontkitFont; Ctor: PdfKitDoc['_font']['constructor'] }>();
    const shared: FontMethod = function (src, family, size) {
      if (typeof src !== 'string' || !src.endsWith('.ttf') || typeof family === 'number' || this._fontFamilies[src])
        return original.call(this, src, family, size);
      const hit = parsed.get(src);
      if (!hit) {
        const out = original.call(this, src, family, size);
        if (this._font.font) parsed.set(src, { font: this._font.font, Ctor: this._font.constructor });
        return out;
      }
      this._fontSource = src;
      this._fontFamily = family;
      if (typeof size === 'number') this.fontSize(size);
      const f = new hit.Ctor(this, hit.font, `F${++this._fontCount}`);
      this._font = f;
      this._fontFamilies[src] = f;
      if (f.name && !this._fontFamilies[f.name]) this._fontFamilies[f.name] = f;
      return this;
    };
    proto.font = Object.assign(shared, { shared: true as const });
  } catch {
    // Optimisation only.
  }
}

// Characters Helvetica can show: ASCII, Latin-1 and the Windows-1252 additions (€, œ, Œ, Š, Ž, Ÿ, quotes, dashes…).
const NOT_WIN_ANSI =
  /[^\t\n\r\x20-\x7e\xa0-\xff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]/;

/** True when some text of the document cannot be written with the standard (WinAnsi) fonts. */
export function needsUnicodeFont(docDefinition: TDocumentDefinitions): boolean {
  if (NOT_WIN_ANSI.test(JSON.stringify(docDefinition))) return true;
  // Page headers and footers are functions: sample them (their text only varies with page numbers).
  const sample = { width: 595.28, height: 841.89, orientation: 'portrait' as const };
  for (const part of [docDefinition.header, docDefinition.footer]) {
    if (typeof part === 'function' && NOT_WIN_ANSI.test(JSON.stringify((part as DynamicContent)(1, 1, sample) ?? ''))) {
      return true;
    }
  }
  return false;
}

/** `embedFonts`: always use the embedded Roboto family, so that every font is embedded (PDF/A, Factur-X). */
export type RenderPdfOptions = { embedFonts?: boolean };

/**
 * Render a document definition to PDF bytes. The definition is consumed (pdfmake annotates it while laying it out):
 * build a fresh one for every call. Do not set `font` in it: the family is chosen here (see the file comment).
 * Output is deterministic: same definition and metadata, same bytes.
 */
export async function renderPdf(
  docDefinition: TDocumentDefinitions,
  meta: PdfMetadata,
  options: RenderPdfOptions = {},
): Promise<Buffer> {
  const pdfmake = pdfEngine();
  const font = options.embedFonts || needsUnicodeFont(docDefinition) ? UNICODE_FAMILY : STANDARD_FAMILY;
  const definition: TDocumentDefinitions = {
    pageSize: 'A4',
    ...docDefinition,
    defaultStyle: { ...docDefinition.defaultStyle, font },
    language: meta.lang === 'en' ? 'en-GB' : 'fr-FR',
    info: {
      title: meta.title,
      author: meta.author,
      subject: meta.subject,
      ...(meta.keywords ? { keywords: meta.keywords } : {}),
      creator: 'Relais',
      producer: 'Relais (pdfmake)',
      creationDate: meta.creationDate,
      modDate: meta.creationDate,
    },
  };
  return pdfmake.createPdf(definition).getBuffer();
}

// ---------------------------------------------------------------------------------------------------------------
// Formatting (fr / en) from decimal strings — no float arithmetic.
// ---------------------------------------------------------------------------------------------------------------

type Separators = { group: string; decimal: string };
const SEPARATORS: Record<PdfLang, Separators> = {
  fr: { group: NBSP, decimal: ',' },
  en: { group: ',', decimal: '.' },
};

/**
 * Format a decimal string with grouped thousands, rounded half-up to `maxDecimals` and showing at least
 * `minDecimals` (trailing zeros beyond that are dropped): ('1234.5', fr, 2, 2) → "1 234,50", ('2.500', fr, 0, 3) → "2,5".
 */
export function formatDecimal(value: string, lang: PdfLang, minDecimals: number, maxDecimals = minDecimals): string {
  if (maxDecimals < minDecimals) throw new RangeError('maxDecimals < minDecimals');
  let rounded = roundHalfUp(dec(value), maxDecimals);
  if (rounded.isZero()) rounded = rounded.abs();
  const fixed = rounded.toFixed(maxDecimals);
  const negative = fixed.startsWith('-');
  const [intPart = '0', rawFrac = ''] = (negative ? fixed.slice(1) : fixed).split('.');
  let frac = rawFrac;
  while (frac.length > minDecimals && frac.endsWith('0')) frac = frac.slice(0, -1);
  const { group, decimal } = SEPARATORS[lang];
  const grouped = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  return `${negative ? '-' : ''}${grouped}${frac ? decimal + frac : ''}`;
}

const CURRENCY_SYMBOLS: Record<PdfLang, Record<string, string>> = {
  fr: { EUR: '€', GBP: '£', USD: '$US', JPY: '¥' },
  en: { EUR: '€', GBP: '£', USD: '$', JPY: '¥' },
};

/**
 * Amount with its currency: `formatMoney('1234.5', 'EUR', 'fr')` → "1 234,50 €" (U+00A0 spaces),
 * en → "€1,234.50". Rounded half-up to the currency's minor units; `maxDecimals` keeps more significant digits
 * (unit prices with 4 decimals: '0.1234' → "0,1234 €", '12.5000' → "12,50 €").
 */
export function formatMoney(
  amount: string,
  currency: string,
  lang: PdfLang,
  opts: { maxDecimals?: number } = {},
): string {
  const code = currency.trim().toUpperCase();
  const minDecimals = currencyDecimals(code);
  const number = formatDecimal(amount, lang, minDecimals, Math.max(minDecimals, opts.maxDecimals ?? minDecimals));
  const symbol = CURRENCY_SYMBOLS[lang][code];
  if (lang === 'fr') return `${number}${NBSP}${symbol ?? code}`;
  const negative = number.startsWith('-');
  const abs = negative ? number.slice(1) : number;
  return `${negative ? '-' : ''}${symbol ?? code + NBSP}${abs}`;
}

/** Quantity without useless trailing zeros: fr '2.500' → "2,5", '1000' → "1 000"; en "2.5", "1,000". */
export function formatQuantity(quantity: string, lang: PdfLang): string {
  return formatDecimal(quantity, lang, 0, 6);
}

/** Percentage: fr '20.00' → "20 %", '5.5' → "5,5 %"; en "20%", "5.5%". */
export function formatPercent(percent: string, lang: PdfLang): string {
  const n = formatDecimal(percent, lang, 0, 4);
  return lang === 'fr' ? `${n}${NBSP}%` : `${n}%`;
}

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Calendar date 'YYYY-MM-DD' → fr "23/11/2026", en "23 Nov 2026". */
export function formatDate(isoDate: string, lang: PdfLang): string {
  const d = parseIsoDate(isoDate); // validates
  const day = String(d.getUTCDate()).padStart(2, '0');
  if (lang === 'fr') return `${day}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${isoDate.slice(0, 4)}`;
  return `${day} ${MONTHS_EN[d.getUTCMonth()]} ${isoDate.slice(0, 4)}`;
}

/** SIREN in groups of three: "123 456 789" (other values unchanged). */
export function formatSiren(siren: string): string {
  const digits = siren.replace(/\s/g, '');
  return /^\d{9}$/.test(digits) ? digits.replace(/(\d{3})(\d{3})(\d{3})/, `$1${NBSP}$2${NBSP}$3`) : siren;
}

/** IBAN in groups of four, as printed on paper: "FR76 3000 6000 0112 3456 7890 189". */
export function formatIban(iban: string): string {
  return iban
    .replace(/\s/g, '')
    .toUpperCase()
    .replace(/(.{4})(?=.)/g, `$1${NBSP}`);
}

const regionNames: Partial<Record<PdfLang, Intl.DisplayNames>> = {};

/** Country name of an ISO 3166 alpha-2 code in the document language ("Allemagne" / "Germany"); the code if unknown. */
export function countryName(code: string, lang: PdfLang): string {
  const names = (regionNames[lang] ??= new Intl.DisplayNames([lang], { type: 'region', fallback: 'code' }));
  try {
    return names.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}
