/**
 * The quote (devis) as a French supplier sends it: seller and customer identity, detailed lines, VAT breakdown,
 * totals HT / TVA / TTC, validity, payment terms, reference to the general terms of sale, "Bon pour accord"
 * signature box, and the seller's legal identity with page numbers in the footer of every page.
 */
import {
  countryName,
  formatDate,
  formatIban,
  formatMoney,
  formatPercent,
  formatQuantity,
  formatSiren,
  NBSP,
  renderPdf,
  type Column,
  type Content,
  type CustomTableLayout,
  type PdfLang,
  type TableCell,
  type TDocumentDefinitions,
} from '@server/platform/pdf/pdf';
import { dec, isDecimalString } from '@shared/decimal';
import { parseIsoDate } from '@shared/dates';

type PostalAddress = { line1: string; line2?: string | null; postalCode: string; city: string; countryCode: string };

export type QuotePdfData = {
  company: {
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
  customer: {
    code: string;
    name: string;
    siren: string | null;
    vatNumber: string | null;
    billingAddress: PostalAddress;
  };
  quote: {
    number: string;
    issueDate: string;
    validUntil: string;
    customerReference: string | null;
    currency: string;
    notes: string | null;
    paymentTermsText: string;
    tender: { reference: string; deadline: string | null } | null;
    contactName: string | null;
  };
  lines: {
    sku: string;
    description: string;
    quantity: string;
    unit: string;
    unitPrice: string;
    discountPercent: string;
    netAmount: string;
    vatRate: string;
  }[];
  totals: {
    net: string;
    vat: string;
    gross: string;
    vatBreakdown: { vatCategory: string; vatRate: string; taxableAmount: string; taxAmount: string }[];
  };
};

export type QuotePdfOptions = {
  /** PDF creation date (metadata); defaults to the issue date at 00:00 UTC so the bytes depend only on the data. */
  creationDate?: Date;
};

const L = {
  fr: {
    title: 'DEVIS',
    docName: 'Devis',
    number: 'N°',
    issueDate: 'Date',
    validUntil: "Valable jusqu'au",
    customerCode: 'Code client',
    yourReference: 'Votre référence',
    customer: 'Client',
    attention: "À l'attention de",
    siren: 'SIREN',
    vat: 'N° TVA',
    tender: (ref: string, deadline: string | null) =>
      `Appel d'offres n°${NBSP}${ref}${deadline ? ` — date limite${NBSP}: ${deadline}` : ''}`,
    cols: ['Réf.', 'Désignation', 'Qté', 'Unité', 'PU HT', 'Remise', 'Total HT', 'TVA'],
    vatCols: ['Taux TVA', 'Base HT', 'Montant TVA'],
    totalNet: 'Total HT',
    totalVat: 'Total TVA',
    totalGross: 'Total TTC',
    notes: 'Observations',
    conditions: 'Conditions',
    validity: (d: string) => `Devis valable jusqu'au ${d}.`,
    payment: 'Conditions de paiement',
    cgv: "Nos conditions générales de vente s'appliquent.",
    approval: 'Bon pour accord',
    approvalHint: 'Mention « Bon pour accord », date, nom, signature et cachet du client',
    date: 'Date',
    signatory: 'Nom et qualité',
    signature: 'Signature et cachet',
    continued: 'suite',
    page: (x: number, y: number) => `Page ${x} / ${y}`,
    capital: (c: string) => `au capital de ${c}`,
    rcs: (city: string) => `RCS ${city}`,
    tel: 'Tél.',
    colon: `${NBSP}:`,
  },
  en: {
    title: 'QUOTATION',
    docName: 'Quotation',
    number: 'No.',
    issueDate: 'Date',
    validUntil: 'Valid until',
    customerCode: 'Customer code',
    yourReference: 'Your reference',
    customer: 'Customer',
    attention: 'Attn',
    siren: 'SIREN',
    vat: 'VAT No.',
    tender: (ref: string, deadline: string | null) =>
      `Tender No. ${ref}${deadline ? ` — submission deadline: ${deadline}` : ''}`,
    cols: ['Ref.', 'Description', 'Qty', 'Unit', 'Unit price', 'Disc.', 'Net amount', 'VAT'],
    vatCols: ['VAT rate', 'Taxable amount', 'VAT amount'],
    totalNet: 'Total excl. VAT',
    totalVat: 'Total VAT',
    totalGross: 'Total incl. VAT',
    notes: 'Notes',
    conditions: 'Terms',
    validity: (d: string) => `This quotation is valid until ${d}.`,
    payment: 'Payment terms',
    cgv: 'Our general terms and conditions of sale apply.',
    approval: 'Accepted for order',
    approvalHint: "Customer's date, name, signature and company stamp",
    date: 'Date',
    signatory: 'Name and title',
    signature: 'Signature and stamp',
    continued: 'continued',
    page: (x: number, y: number) => `Page ${x} / ${y}`,
    capital: (c: string) => `with a share capital of ${c}`,
    rcs: (city: string) => `RCS ${city}`,
    tel: 'Tel.',
    colon: ':',
  },
} as const;

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

const C = {
  accent: '#1f3a5f',
  accentLight: '#e8eef5',
  text: '#1f2328',
  muted: '#5f6b7a',
  rule: '#c9d1da',
  hairline: '#e3e7ec',
};

const PAGE_MARGINS: [number, number, number, number] = [40, 42, 40, 64];

/** Lines table: filled header, hairlines between rows, no vertical rules. */
const linesLayout: CustomTableLayout = {
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
const summaryLayout: CustomTableLayout = {
  hLineWidth: (i, node) => (i === 0 || i === node.table.body.length ? 0.8 : 0.5),
  vLineWidth: () => 0,
  hLineColor: (i, node) => (i === 0 || i === node.table.body.length ? C.rule : C.hairline),
  paddingLeft: () => 5,
  paddingRight: () => 5,
  paddingTop: () => 3,
  paddingBottom: () => 3,
};

/** A bordered box (customer address, signature). */
const boxLayout: CustomTableLayout = {
  hLineWidth: () => 0.8,
  vLineWidth: () => 0.8,
  hLineColor: () => C.rule,
  vLineColor: () => C.rule,
  paddingLeft: () => 10,
  paddingRight: () => 10,
  paddingTop: () => 8,
  paddingBottom: () => 8,
};

const noLines: CustomTableLayout = {
  hLineWidth: () => 0,
  vLineWidth: () => 0,
  paddingLeft: () => 0,
  paddingRight: () => 8,
  paddingTop: () => 1,
  paddingBottom: () => 1,
};

function addressLines(a: PostalAddress, showCountry: boolean, lang: PdfLang): string[] {
  const lines = [a.line1];
  if (a.line2) lines.push(a.line2);
  lines.push(`${a.postalCode} ${a.city}`.trim());
  if (showCountry) lines.push(countryName(a.countryCode, lang).toUpperCase());
  return lines;
}

/** "10000" → "10 000 €" (no ",00" on a round share capital); other values printed as given. */
function shareCapitalText(capital: string, lang: PdfLang): string {
  if (!isDecimalString(capital)) return capital;
  return formatMoney(capital, 'EUR', lang, { maxDecimals: 2 }).replace(/[,.]00(?=\D*$)/, '');
}

function vatRateLabel(category: string, rate: string, lang: PdfLang): string {
  const name = VAT_CATEGORY_LABELS[category.toUpperCase()]?.[lang];
  const pct = formatPercent(rate, lang);
  return name ? `${pct} (${name})` : pct;
}

function legalFooterLines(d: QuotePdfData, lang: PdfLang): string[] {
  const t = L[lang];
  const c = d.company;
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

function labelValueRows(rows: [string, string][], lang: PdfLang): TableCell[][] {
  return rows.map(([label, value]) => [
    { text: `${label}${L[lang].colon}`, color: C.muted },
    { text: value, bold: true },
  ]);
}

/** Build the pdfmake definition of a quote (exported for tests and previews; `renderQuotePdf` renders it). */
export function quoteDocDefinition(d: QuotePdfData, lang: PdfLang): TDocumentDefinitions {
  const t = L[lang];
  const cur = d.quote.currency;
  const money = (v: string) => formatMoney(v, cur, lang);
  const international =
    d.customer.billingAddress.countryCode.toUpperCase() !== d.company.address.countryCode.toUpperCase();

  // --- Seller identity and document title -------------------------------------------------------------------
  const contact = [d.company.phone ? `${t.tel} ${d.company.phone}` : null, d.company.email].filter(
    (x): x is string => !!x,
  );
  const seller: Column = {
    lineHeight: 1.25,
    stack: [
      { text: d.company.name, fontSize: 15, bold: true, color: C.accent, margin: [0, 0, 0, 3] },
      ...addressLines(d.company.address, international, lang).map((line) => ({ text: line })),
      ...(contact.length
        ? [{ text: contact.join('  ·  '), color: C.muted, margin: [0, 2, 0, 0] } satisfies Content]
        : []),
    ],
  };
  const title: Column = {
    width: 'auto',
    stack: [
      { text: t.title, fontSize: 22, bold: true, color: C.accent, alignment: 'right', characterSpacing: 1 },
      {
        text: `${t.number}${NBSP}${d.quote.number}`,
        fontSize: 11,
        bold: true,
        alignment: 'right',
        margin: [0, 2, 0, 0],
      },
      { text: `${t.issueDate}${t.colon} ${formatDate(d.quote.issueDate, lang)}`, alignment: 'right', color: C.muted },
    ],
  };

  // --- Quote details and customer ------------------------------------------------------------------------------
  const details: [string, string][] = [
    [t.validUntil, formatDate(d.quote.validUntil, lang)],
    [t.customerCode, d.customer.code],
  ];
  if (d.quote.customerReference) details.push([t.yourReference, d.quote.customerReference]);

  const customerIds = [
    d.customer.siren ? `${t.siren} ${formatSiren(d.customer.siren)}` : null,
    d.customer.vatNumber ? `${t.vat} ${d.customer.vatNumber}` : null,
  ].filter((x): x is string => !!x);
  const customerBox: Column = {
    width: 250,
    table: {
      widths: ['*'],
      body: [
        [
          {
            lineHeight: 1.2,
            stack: [
              { text: t.customer, fontSize: 8, bold: true, color: C.accent },
              { text: d.customer.name, fontSize: 11, bold: true, margin: [0, 3, 0, 1] },
              ...(d.quote.contactName ? [{ text: `${t.attention}${t.colon} ${d.quote.contactName}` }] : []),
              ...addressLines(d.customer.billingAddress, international, lang).map((line) => ({ text: line })),
              ...(customerIds.length
                ? [
                    {
                      text: customerIds.join('  ·  '),
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

  const tender: Content[] = d.quote.tender
    ? [
        {
          table: {
            widths: ['*'],
            body: [
              [
                {
                  text: t.tender(
                    d.quote.tender.reference,
                    d.quote.tender.deadline ? formatDate(d.quote.tender.deadline, lang) : null,
                  ),
                  bold: true,
                  color: C.accent,
                  fillColor: C.accentLight,
                  margin: [4, 2, 4, 2],
                },
              ],
            ],
          },
          layout: 'noBorders',
          margin: [0, 12, 0, 0],
        },
      ]
    : [];

  // --- Lines -------------------------------------------------------------------------------------------------
  const head: TableCell[] = t.cols.map((label, i) => ({
    text: label,
    bold: true,
    color: 'white',
    fontSize: 8,
    alignment: i === 0 || i === 1 || i === 3 ? 'left' : 'right',
  }));
  const body: TableCell[][] = [head];
  for (const line of d.lines) {
    const discounted = isDecimalString(line.discountPercent) && !dec(line.discountPercent).isZero();
    body.push([
      { text: line.sku, fontSize: 7.5, color: C.muted },
      { text: line.description },
      { text: formatQuantity(line.quantity, lang), alignment: 'right', noWrap: true },
      { text: unitLabel(line.unit, lang), color: C.muted },
      { text: formatMoney(line.unitPrice, cur, lang, { maxDecimals: 4 }), alignment: 'right', noWrap: true },
      { text: discounted ? formatPercent(line.discountPercent, lang) : '', alignment: 'right', noWrap: true },
      { text: money(line.netAmount), alignment: 'right', noWrap: true },
      { text: formatPercent(line.vatRate, lang), alignment: 'right', noWrap: true, color: C.muted },
    ]);
  }
  const linesTable: Content = {
    table: {
      headerRows: 1,
      dontBreakRows: true,
      widths: [50, '*', 36, 34, 54, 34, 60, 30],
      body,
    },
    layout: linesLayout,
    fontSize: 8.5,
    margin: [0, 16, 0, 0],
  };

  // --- VAT breakdown and totals ----------------------------------------------------------------------------
  const vatBody: TableCell[][] = [
    t.vatCols.map((label, i) => ({
      text: label,
      bold: true,
      fontSize: 7.5,
      color: C.muted,
      alignment: i === 0 ? 'left' : 'right',
    })),
    ...d.totals.vatBreakdown.map((b): TableCell[] => [
      { text: vatRateLabel(b.vatCategory, b.vatRate, lang) },
      { text: money(b.taxableAmount), alignment: 'right' },
      { text: money(b.taxAmount), alignment: 'right' },
    ]),
  ];
  const totalsBody: TableCell[][] = [
    [{ text: t.totalNet }, { text: money(d.totals.net), alignment: 'right', noWrap: true }],
    [{ text: t.totalVat }, { text: money(d.totals.vat), alignment: 'right', noWrap: true }],
    [
      { text: t.totalGross, bold: true, color: 'white', fillColor: C.accent, fontSize: 10.5 },
      {
        text: money(d.totals.gross),
        bold: true,
        color: 'white',
        fillColor: C.accent,
        fontSize: 10.5,
        alignment: 'right',
        noWrap: true,
      },
    ],
  ];
  const summary: Content = {
    unbreakable: true,
    margin: [0, 14, 0, 0],
    columns: [
      { width: 260, table: { widths: ['*', 'auto', 'auto'], body: vatBody }, layout: summaryLayout, fontSize: 8.5 },
      { width: '*', text: '' },
      { width: 200, table: { widths: ['*', 'auto'], body: totalsBody }, layout: summaryLayout, fontSize: 9.5 },
    ],
  };

  // --- Notes, conditions and acceptance -------------------------------------------------------------------
  const notes: Content[] = d.quote.notes
    ? [
        {
          unbreakable: true,
          margin: [0, 16, 0, 0],
          stack: [
            { text: t.notes, style: 'sectionTitle' },
            { text: d.quote.notes, margin: [0, 4, 0, 0] },
          ],
        },
      ]
    : [];

  const conditions: Column = {
    width: '*',
    stack: [
      { text: t.conditions, style: 'sectionTitle' },
      { text: t.validity(formatDate(d.quote.validUntil, lang)), bold: true, margin: [0, 4, 0, 3] },
      { text: [{ text: `${t.payment}${t.colon} `, color: C.muted }, d.quote.paymentTermsText], margin: [0, 0, 0, 3] },
      { text: t.cgv },
    ],
  };
  const field = (label: string, height: number): TableCell[] => [
    { text: `${label}${t.colon}`, color: C.muted, fontSize: 8, margin: [0, 0, 0, height] },
  ];
  const approval: Column = {
    width: 230,
    table: {
      widths: ['*'],
      body: [
        [
          {
            stack: [
              { text: t.approval, bold: true, fontSize: 10, color: C.accent },
              { text: t.approvalHint, fontSize: 7, color: C.muted, italics: true, margin: [0, 1, 0, 8] },
              {
                table: { widths: ['*'], body: [field(t.date, 4), field(t.signatory, 4), field(t.signature, 44)] },
                layout: noLines,
              },
            ],
          },
        ],
      ],
    },
    layout: boxLayout,
  };
  const closing: Content = {
    unbreakable: true,
    margin: [0, 18, 0, 0],
    columns: [conditions, { width: 20, text: '' }, approval],
  };

  // --- Page furniture --------------------------------------------------------------------------------------
  const footerLines = legalFooterLines(d, lang);
  const footer = (page: number, pages: number): Content => ({
    margin: [PAGE_MARGINS[0], 14, PAGE_MARGINS[2], 0],
    columns: [
      {
        width: '*',
        stack: footerLines.map((line) => ({ text: line })),
        fontSize: 6.8,
        color: C.muted,
        lineHeight: 1.25,
      },
      { width: 70, text: t.page(page, pages), alignment: 'right', fontSize: 7.5, color: C.muted, margin: [0, 3, 0, 0] },
    ],
  });
  const header = (page: number): Content | null =>
    page > 1
      ? {
          margin: [PAGE_MARGINS[0], 18, PAGE_MARGINS[2], 0],
          columns: [
            { text: d.company.name, bold: true, color: C.accent },
            {
              text: `${t.docName} ${t.number}${NBSP}${d.quote.number} (${t.continued})`,
              alignment: 'right',
              color: C.muted,
            },
          ],
          fontSize: 7.5,
        }
      : null;

  return {
    pageSize: 'A4',
    pageMargins: PAGE_MARGINS,
    header,
    footer,
    defaultStyle: { fontSize: 9, color: C.text, lineHeight: 1.15 },
    styles: {
      sectionTitle: { fontSize: 8, bold: true, color: C.accent },
    },
    content: [
      { columns: [seller, title], columnGap: 20 },
      {
        margin: [0, 22, 0, 0],
        columns: [
          { width: '*', table: { widths: ['auto', '*'], body: labelValueRows(details, lang) }, layout: noLines },
          customerBox,
        ],
        columnGap: 20,
      },
      ...tender,
      linesTable,
      summary,
      ...notes,
      closing,
    ],
  };
}

/** Render a quote to PDF bytes (A4; same data and language → same bytes). */
export async function renderQuotePdf(
  data: QuotePdfData,
  lang: PdfLang,
  options: QuotePdfOptions = {},
): Promise<Buffer> {
  const t = L[lang];
  return renderPdf(quoteDocDefinition(data, lang), {
    title: `${t.docName} ${data.quote.number}`,
    author: data.company.name,
    subject: `${t.docName} ${data.quote.number} — ${data.customer.name}`,
    keywords: [t.docName, data.quote.number, data.customer.code].join(', '),
    creationDate: options.creationDate ?? parseIsoDate(data.quote.issueDate),
    lang,
  });
}
