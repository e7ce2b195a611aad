/**
 * Building blocks shared by the business documents (order acknowledgement, and the next ones): the house palette
 * and table layouts, seller and address blocks, unit and VAT labels, the VAT breakdown and totals block, and the
 * footer carrying the seller's legal identity with page numbers. Same look as the quote (quote.pdf.ts).
 */
import {
  countryName,
  formatIban,
  formatMoney,
  formatPercent,
  formatSiren,
  NBSP,
  type Column,
  type Content,
  type CustomTableLayout,
  type PdfLang,
  type TableCell,
} from './pdf';
import { isDecimalString } from '@shared/decimal';

export type PostalAddress = {
  line1: string;
  line2?: string | null;
  postalCode: string;
  city: string;
  countryCode: string;
};

/** The seller as printed on its documents (header and legal footer). */
export type PdfCompany = {
  name: string;
  legalForm: string;
  shareCapital: string | null;
  siren: string;
  rcsCity: string | null;
  vatNumber: string | null;
  address: PostalAddress;
  email: string | null;
  phone: string | null;
  iban: string | null;
  bic: string | null;
};

export type PdfTotals = {
  net: string;
  vat: string;
  gross: string;
  vatBreakdown: { vatCategory: string; vatRate: string; taxableAmount: string; taxAmount: string }[];
};

/** Words every document shares. */
export const COMMON_LABELS = {
  fr: {
    siren: 'SIREN',
    vat: 'N° TVA',
    vatCols: ['Taux TVA', 'Base HT', 'Montant TVA'],
    totalNet: 'Total HT',
    totalVat: 'Total TVA',
    totalGross: 'Total TTC',
    page: (x: number, y: number) => `Page ${x} / ${y}`,
    capital: (c: string) => `au capital de ${c}`,
    rcs: (city: string) => `RCS ${city}`,
    tel: 'Tél.',
    colon: `${NBSP}:`,
  },
  en: {
    siren: 'SIREN',
    vat: 'VAT No.',
    vatCols: ['VAT rate', 'Taxable amount', 'VAT amount'],
    totalNet: 'Total excl. VAT',
    totalVat: 'Total VAT',
    totalGross: 'Total incl. VAT',
    page: (x: number, y: number) => `Page ${x} / ${y}`,
    capital: (c: string) => `with a share capital of ${c}`,
    rcs: (city: string) => `RCS ${city}`,
    tel: 'Tel.',
    colon: ':',
  },
} as const;

export const PDF_COLORS = {
  accent: '#1f3a5f',
  accentLight: '#e8eef5',
  text: '#1f2328',
  muted: '#5f6b7a',
  rule: '#c9d1da',
  hairline: '#e3e7ec',
  /** Highlight of what needs the reader's attention (differences, backorders). */
  warning: '#8a4b00',
  warningLight: '#fdf1dc',
  warningRule: '#e0a040',
} as const;
const C = PDF_COLORS;

/** A4 margins (left, top, right, bottom); the bottom one leaves room for the legal footer. */
export const PAGE_MARGINS: [number, number, number, number] = [40, 42, 40, 64];

/** Lines table: filled header, hairlines between rows, no vertical rules. */
export const linesLayout: CustomTableLayout = {
  hLineWidth: (i, node) => (i === 0 || i === node.table.body.length ? 0.8 : i === 1 ? 0 : 0.5),
  vLineWidth: () => 0,
  hLineColor: (i, node) => (i === 0 || i === node.table.body.length ? C.rule : C.hairline),
  fillColor: (row) => (row === 0 ? C.accent : null),
  paddingLeft: (i) => (i === 0 ? 4 : 3),
  paddingRight: (i, node) => (i === (node.table.widths?.length ?? 0) - 1 ? 4 : 3),
  paddingTop: () => 4,
  paddingBottom: () => 4,
};

/** Small summary tables (VAT breakdown, totals). */
export const summaryLayout: CustomTableLayout = {
  hLineWidth: (i, node) => (i === 0 || i === node.table.body.length ? 0.8 : 0.5),
  vLineWidth: () => 0,
  hLineColor: (i, node) => (i === 0 || i === node.table.body.length ? C.rule : C.hairline),
  paddingLeft: () => 5,
  paddingRight: () => 5,
  paddingTop: () => 3,
  paddingBottom: () => 3,
};

/** A bordered box (addresses, signature). */
export const boxLayout: CustomTableLayout = {
  hLineWidth: () => 0.8,
  vLineWidth: () => 0.8,
  hLineColor: () => C.rule,
  vLineColor: () => C.rule,
  paddingLeft: () => 10,
  paddingRight: () => 10,
  paddingTop: () => 8,
  paddingBottom: () => 8,
};

/** Label / value grids without rules. */
export const noLines: CustomTableLayout = {
  hLineWidth: () => 0,
  vLineWidth: () => 0,
  paddingLeft: () => 0,
  paddingRight: () => 8,
  paddingTop: () => 1,
  paddingBottom: () => 1,
};

/** UN/ECE Recommendation 20 unit codes → short labels; other codes are printed as they are. */
const UNIT_LABELS: Record<string, { fr: string; en: string }> = {
  C62: { fr: 'pièce', en: 'pc' },
  H87: { fr: 'pièce', en: 'pc' },
  KGM: { fr: 'kg', en: 'kg' },
  GRM: { fr: 'g', en: 'g' },
  TNE: { fr: 't', en: 't' },
  MTR: { fr: 'm', en: 'm' },
  MTK: { fr: 'm²', en: 'm²' },
  MTQ: { fr: 'm³', en: 'm³' },
  LTR: { fr: 'l', en: 'l' },
  HUR: { fr: 'h', en: 'h' },
  DAY: { fr: 'jour', en: 'day' },
  XBX: { fr: 'boîte', en: 'box' },
  XPK: { fr: 'paquet', en: 'pack' },
  XPA: { fr: 'paquet', en: 'packet' },
  XCT: { fr: 'carton', en: 'carton' },
  XPX: { fr: 'palette', en: 'pallet' },
  SET: { fr: 'lot', en: 'set' },
};

export function unitLabel(code: string, lang: PdfLang): string {
  return UNIT_LABELS[code.toUpperCase()]?.[lang] ?? code;
}

/** UNTDID 5305 VAT categories other than S (standard rate) get their name next to the rate. */
const VAT_CATEGORY_LABELS: Record<string, { fr: string; en: string }> = {
  Z: { fr: 'taux zéro', en: 'zero rated' },
  E: { fr: 'exonéré', en: 'exempt' },
  AE: { fr: 'autoliquidation', en: 'reverse charge' },
  K: { fr: 'livraison intracommunautaire', en: 'intra-EU supply' },
  G: { fr: 'exportation', en: 'export' },
  O: { fr: 'hors champ', en: 'outside scope' },
};

export function vatRateLabel(category: string, rate: string, lang: PdfLang): string {
  const name = VAT_CATEGORY_LABELS[category.toUpperCase()]?.[lang];
  const pct = formatPercent(rate, lang);
  return name ? `${pct} (${name})` : pct;
}

/** Address lines as printed; the country (in capitals, in the document language) only when `showCountry`. */
export function addressLines(a: PostalAddress, showCountry: boolean, lang: PdfLang): string[] {
  const lines = [a.line1];
  if (a.line2) lines.push(a.line2);
  lines.push(`${a.postalCode} ${a.city}`.trim());
  if (showCountry) lines.push(countryName(a.countryCode, lang).toUpperCase());
  return lines;
}

/** True when an address is in another country than the seller's (its country is then printed). */
export function isForeign(a: PostalAddress, company: PdfCompany): boolean {
  return a.countryCode.toUpperCase() !== company.address.countryCode.toUpperCase();
}

/** "10000" → "10 000 €" (no ",00" on a round share capital); other values printed as given. */
export function shareCapitalText(capital: string, lang: PdfLang): string {
  if (!isDecimalString(capital)) return capital;
  return formatMoney(capital, 'EUR', lang, { maxDecimals: 2 }).replace(/[,.]00(?=\D*$)/, '');
}

/** Legal identity of the seller (form, capital, RCS/SIREN, VAT number) and bank details, one string per line. */
export function legalFooterLines(c: PdfCompany, lang: PdfLang): string[] {
  const t = COMMON_LABELS[lang];
  const identity = [
    c.shareCapital ? `${c.legalForm} ${t.capital(shareCapitalText(c.shareCapital, lang))}` : c.legalForm,
  ];
  identity.push(c.rcsCity ? `${t.rcs(c.rcsCity)} ${formatSiren(c.siren)}` : `${t.siren} ${formatSiren(c.siren)}`);
  if (c.vatNumber) identity.push(`${t.vat} ${c.vatNumber}`);
  const lines = [`${c.name} — ${identity.join(' — ')}`];
  const bank = [c.iban ? `IBAN ${formatIban(c.iban)}` : null, c.bic ? `BIC ${c.bic}` : null].filter(
    (x): x is string => !!x,
  );
  if (bank.length) lines.push(bank.join(' — '));
  return lines;
}

/** pdfmake `footer` function: the seller's legal identity on the left, "Page x / y" on the right. */
export function legalFooter(c: PdfCompany, lang: PdfLang): (page: number, pages: number) => Content {
  const lines = legalFooterLines(c, lang);
  return (page, pages) => ({
    margin: [PAGE_MARGINS[0], 14, PAGE_MARGINS[2], 0],
    columns: [
      {
        width: '*',
        stack: lines.map((line) => ({ text: line })),
        fontSize: 6.8,
        color: C.muted,
        lineHeight: 1.25,
      },
      {
        width: 70,
        text: COMMON_LABELS[lang].page(page, pages),
        alignment: 'right',
        fontSize: 7.5,
        color: C.muted,
        margin: [0, 3, 0, 0],
      },
    ],
  });
}

/** pdfmake `header` function: nothing on page 1, then the seller's name and `continuation` (document and number). */
export function continuationHeader(companyName: string, continuation: string): (page: number) => Content | null {
  return (page) =>
    page > 1
      ? {
          margin: [PAGE_MARGINS[0], 18, PAGE_MARGINS[2], 0],
          columns: [
            { text: companyName, bold: true, color: C.accent },
            { text: continuation, alignment: 'right', color: C.muted },
          ],
          fontSize: 7.5,
        }
      : null;
}

/** Seller block of the first page: name, address (country when `showCountry`), phone and e-mail. */
export function sellerBlock(c: PdfCompany, showCountry: boolean, lang: PdfLang): Column {
  const contact = [c.phone ? `${COMMON_LABELS[lang].tel} ${c.phone}` : null, c.email].filter((x): x is string => !!x);
  return {
    lineHeight: 1.25,
    stack: [
      { text: c.name, fontSize: 15, bold: true, color: C.accent, margin: [0, 0, 0, 3] },
      ...addressLines(c.address, showCountry, lang).map((line) => ({ text: line })),
      ...(contact.length
        ? [{ text: contact.join('  ·  '), color: C.muted, margin: [0, 2, 0, 0] } satisfies Content]
        : []),
    ],
  };
}

/** A bordered address box: small accent caption, name in bold, address lines, then small muted identifiers. */
export function addressBox(
  caption: string,
  name: string | null,
  lines: string[],
  identifiers: string[] = [],
  width: number = 250,
): Column {
  return {
    width,
    table: {
      widths: ['*'],
      body: [
        [
          {
            lineHeight: 1.2,
            stack: [
              { text: caption, fontSize: 8, bold: true, color: C.accent },
              ...(name ? [{ text: name, fontSize: 11, bold: true, margin: [0, 3, 0, 1] } satisfies Content] : []),
              ...lines.map(
                (line, i) => ({ text: line, margin: [0, !name && i === 0 ? 3 : 0, 0, 0] }) satisfies Content,
              ),
              ...(identifiers.length
                ? [
                    {
                      text: identifiers.join('  ·  '),
                      fontSize: 7.5,
                      color: C.muted,
                      margin: [0, 4, 0, 0],
                    } satisfies Content,
                  ]
                : []),
            ],
          },
        ],
      ],
    },
    layout: boxLayout,
  };
}

/** SIREN and VAT number of a customer, for the small line under its address. */
export function partyIdentifiers(p: { siren: string | null; vatNumber: string | null }, lang: PdfLang): string[] {
  const t = COMMON_LABELS[lang];
  return [p.siren ? `${t.siren} ${formatSiren(p.siren)}` : null, p.vatNumber ? `${t.vat} ${p.vatNumber}` : null].filter(
    (x): x is string => !!x,
  );
}

/** "Label : value" rows (muted label, bold value) for a `noLines` table; `noWrapLabels` keeps labels on one line. */
export function labelValueRows(
  rows: [string, string][],
  lang: PdfLang,
  opts: { noWrapLabels?: boolean } = {},
): TableCell[][] {
  return rows.map(([label, value]) => [
    { text: `${label}${COMMON_LABELS[lang].colon}`, color: C.muted, ...(opts.noWrapLabels ? { noWrap: true } : {}) },
    { text: value, bold: true },
  ]);
}

/** VAT breakdown (left) and totals HT / TVA / TTC (right), kept together on one page. */
export function vatAndTotals(totals: PdfTotals, currency: string, lang: PdfLang): Content {
  const t = COMMON_LABELS[lang];
  const money = (v: string) => formatMoney(v, currency, lang);
  const vatBody: TableCell[][] = [
    t.vatCols.map((label, i) => ({
      text: label,
      bold: true,
      fontSize: 7.5,
      color: C.muted,
      alignment: i === 0 ? 'left' : 'right',
    })),
    ...totals.vatBreakdown.map((b): TableCell[] => [
      { text: vatRateLabel(b.vatCategory, b.vatRate, lang) },
      { text: money(b.taxableAmount), alignment: 'right' },
      { text: money(b.taxAmount), alignment: 'right' },
    ]),
  ];
  const totalsBody: TableCell[][] = [
    [{ text: t.totalNet }, { text: money(totals.net), alignment: 'right', noWrap: true }],
    [{ text: t.totalVat }, { text: money(totals.vat), alignment: 'right', noWrap: true }],
    [
      { text: t.totalGross, bold: true, color: 'white', fillColor: C.accent, fontSize: 10.5 },
      {
        text: money(totals.gross),
        bold: true,
        color: 'white',
        fillColor: C.accent,
        fontSize: 10.5,
        alignment: 'right',
        noWrap: true,
      },
    ],
  ];
  return {
    unbreakable: true,
    margin: [0, 14, 0, 0],
    columns: [
      { width: 260, table: { widths: ['*', 'auto', 'auto'], body: vatBody }, layout: summaryLayout, fontSize: 8.5 },
      { width: '*', text: '' },
      { width: 200, table: { widths: ['*', 'auto'], body: totalsBody }, layout: summaryLayout, fontSize: 9.5 },
    ],
  };
}
