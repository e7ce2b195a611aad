/**
 * The invoice PDF (« facture », « avoir », « facture d'acompte ») in the customer's language, rendered from the
 * neutral `EInvoiceDocument` (DOMAIN.md §2): it formats, it never computes an amount.
 * Carries every mandatory mention: number and issue date, due date as a real date, seller identity (SIREN, VAT
 * number, and the legal form, share capital and RCS in the footer), buyer with its SIREN and VAT number, billing and
 * delivery addresses, PO number and our order, delivery notes, the corrected invoice of a credit note, the delivery
 * date or period, the lines (our and the customer's codes, quantity and unit, unit price HT, discount, VAT rate, net
 * HT), document allowances and charges, the VAT breakdown per category and rate with the exemption texts, totals HT /
 * TVA / TTC, the VAT total in EUR for a foreign-currency invoice, the amount payable, the payment details and every
 * note of the document (the legal mentions built by `domain/mentions.ts`).
 * A draft carries a « BROUILLON — sans valeur légale » watermark and no number. Same look as the order
 * acknowledgement and the delivery documents; the shared blocks come from `@server/platform/pdf/document-parts`.
 */
import type { EInvoiceAddress, EInvoiceDocument, EInvoiceLine } from '@server/modules/einvoice';
import {
  addressBox,
  addressLines,
  COMMON_LABELS,
  continuationHeader,
  labelValueRows,
  legalFooter,
  linesLayout,
  noLines,
  PAGE_MARGINS,
  partyIdentifiers,
  PDF_COLORS as C,
  sellerBlock,
  summaryLayout,
  unitLabel,
  vatRateLabel,
  type PdfCompany,
} from '@server/platform/pdf/document-parts';
import {
  formatDate,
  formatDecimal,
  formatIban,
  formatMoney,
  formatPercent,
  formatQuantity,
  NBSP,
  renderPdf,
  type Column,
  type Content,
  type PdfLang,
  type TableCell,
  type TDocumentDefinitions,
} from '@server/platform/pdf/pdf';
import { dec, isDecimalString } from '@shared/decimal';
import { parseIsoDate } from '@shared/dates';

export type InvoicePdfOptions = {
  /** A draft: « BROUILLON — sans valeur légale » watermark, no number. */
  draft?: boolean;
  /** Embed every font (Roboto instead of the standard Helvetica): needed for PDF/A-3 (Factur-X). */
  embedFonts?: boolean;
};

const L = {
  fr: {
    titles: { '380': 'FACTURE', '381': 'AVOIR', '386': "FACTURE D'ACOMPTE" },
    names: { '380': 'Facture', '381': 'Avoir', '386': "Facture d'acompte" },
    number: 'N°',
    draft: 'Brouillon — non numéroté',
    draftName: 'brouillon',
    watermark: 'BROUILLON — sans valeur légale',
    issueDate: "Date d'émission",
    dueDate: 'Échéance',
    sellerIds: 'Vendeur',
    billing: 'Client — adresse de facturation',
    shipTo: 'Adresse de livraison',
    references: 'Références',
    yourOrder: 'Votre commande n°',
    buyerReference: 'Votre référence',
    ourOrder: 'Notre commande',
    deliveryNotes: (n: number) => (n > 1 ? 'Bons de livraison' : 'Bon de livraison'),
    ref: (n: string, d: string) => `${n} du ${d}`,
    correctedInvoice: (n: number) => (n > 1 ? 'Factures concernées' : 'Facture concernée'),
    downPayments: 'Acomptes déduits',
    currency: 'Devise',
    delivery: 'Livraison',
    deliveryDate: 'Date de livraison',
    period: 'Période de facturation',
    periodValue: (a: string, b: string) => `du ${a} au ${b}`,
    cols: ['Réf.', 'Désignation', 'Qté', 'Unité', 'PU HT', 'Remise', 'TVA', 'Total HT'],
    yourCode: 'Votre code article',
    allowancesCharges: 'Remises et frais',
    acCols: ['Motif', 'TVA', 'Montant HT'],
    lineTotal: 'Total des lignes HT',
    allowanceTotal: 'Remises',
    chargeTotal: 'Frais',
    prepaid: 'Déjà réglé',
    payable: 'Net à payer',
    credited: "Montant de l'avoir",
    vatInEur: 'Total TVA en EUR',
    exchangeRate: (cur: string, rate: string) => `Taux de change${NBSP}: 1 ${cur} = ${rate} EUR`,
    payment: 'Règlement',
    means: 'Mode de règlement',
    remittance: 'Référence à rappeler',
    terms: 'Conditions de paiement',
    mentions: 'Mentions',
    continued: 'suite',
  },
  en: {
    titles: { '380': 'INVOICE', '381': 'CREDIT NOTE', '386': 'DOWN-PAYMENT INVOICE' },
    names: { '380': 'Invoice', '381': 'Credit note', '386': 'Down-payment invoice' },
    number: 'No.',
    draft: 'Draft — not numbered',
    draftName: 'draft',
    watermark: 'DRAFT — no legal value',
    issueDate: 'Issue date',
    dueDate: 'Due date',
    sellerIds: 'Seller',
    billing: 'Customer — billing address',
    shipTo: 'Delivery address',
    references: 'References',
    yourOrder: 'Your order no.',
    buyerReference: 'Your reference',
    ourOrder: 'Our order',
    deliveryNotes: (n: number) => (n > 1 ? 'Delivery notes' : 'Delivery note'),
    ref: (n: string, d: string) => `${n} of ${d}`,
    correctedInvoice: (n: number) => (n > 1 ? 'Invoices corrected' : 'Invoice corrected'),
    downPayments: 'Down payments deducted',
    currency: 'Currency',
    delivery: 'Delivery',
    deliveryDate: 'Delivery date',
    period: 'Invoicing period',
    periodValue: (a: string, b: string) => `${a} to ${b}`,
    cols: ['Ref.', 'Description', 'Qty', 'Unit', 'Unit price', 'Disc.', 'VAT', 'Net amount'],
    yourCode: 'Your item code',
    allowancesCharges: 'Allowances and charges',
    acCols: ['Reason', 'VAT', 'Amount excl. VAT'],
    lineTotal: 'Lines total excl. VAT',
    allowanceTotal: 'Allowances',
    chargeTotal: 'Charges',
    prepaid: 'Already paid',
    payable: 'Amount due',
    credited: 'Amount credited',
    vatInEur: 'Total VAT in EUR',
    exchangeRate: (cur: string, rate: string) => `Exchange rate: 1 ${cur} = ${rate} EUR`,
    payment: 'Payment',
    means: 'Payment method',
    remittance: 'Payment reference',
    terms: 'Payment terms',
    mentions: 'Notes',
    continued: 'continued',
  },
} as const;

/** UNCL 4461 payment means. */
const PAYMENT_MEANS: Record<string, Record<PdfLang, string>> = {
  '10': { fr: 'Espèces', en: 'Cash' },
  '20': { fr: 'Chèque', en: 'Cheque' },
  '30': { fr: 'Virement', en: 'Credit transfer' },
  '31': { fr: 'Virement', en: 'Credit transfer' },
  '42': { fr: 'Virement bancaire', en: 'Bank transfer' },
  '48': { fr: 'Carte bancaire', en: 'Bank card' },
  '49': { fr: 'Prélèvement', en: 'Direct debit' },
  '57': { fr: 'Virement permanent', en: 'Standing order' },
  '58': { fr: 'Virement SEPA', en: 'SEPA credit transfer' },
  '59': { fr: 'Prélèvement SEPA', en: 'SEPA direct debit' },
};

/** French typography for texts built with plain spaces (the notes): no line break before « % € : ; ? ! » nor inside
 * « 1 000 », « N° 12 ». */
function typeset(text: string): string {
  return text
    .replace(/ (?=[%€:;?!»])/g, NBSP)
    .replace(/« /g, `«${NBSP}`)
    .replace(/(\d) (?=\d{3}(?!\d))/g, `$1${NBSP}`)
    .replace(/N° /g, `N°${NBSP}`);
}

/** The seller as the shared document parts print it (header and legal footer). */
function company(doc: EInvoiceDocument): PdfCompany {
  const s = doc.seller;
  return {
    name: s.name,
    legalForm: s.legalForm,
    shareCapital: s.shareCapital,
    siren: s.siren ?? '',
    rcsCity: s.rcsCity,
    vatNumber: s.vatNumber,
    address: s.address,
    email: s.email ?? null,
    phone: s.phone ?? null,
    iban: doc.payment.iban,
    bic: doc.payment.bic,
  };
}

const sameAddress = (a: EInvoiceAddress, b: EInvoiceAddress) =>
  [a.line1, a.line2 ?? '', a.postalCode, a.city, a.countryCode.toUpperCase()].join('\n').toLowerCase() ===
  [b.line1, b.line2 ?? '', b.postalCode, b.city, b.countryCode.toUpperCase()].join('\n').toLowerCase();

const isNonZero = (v: string | null | undefined): v is string => !!v && isDecimalString(v) && !dec(v).isZero();

function documentName(doc: EInvoiceDocument, lang: PdfLang, draft: boolean): string {
  const name = L[lang].names[doc.typeCode];
  return draft ? `${name} (${L[lang].draftName})` : `${name} ${doc.number}`;
}

/** Build the pdfmake definition of an invoice (exported for tests; `renderInvoicePdf` renders it). */
export function invoiceDocDefinition(doc: EInvoiceDocument, opts: InvoicePdfOptions = {}): TDocumentDefinitions {
  const lang: PdfLang = doc.language;
  const t = L[lang];
  const colon = COMMON_LABELS[lang].colon;
  const draft = !!opts.draft;
  const cur = doc.currency;
  const money = (v: string) => formatMoney(v, cur, lang);
  const date = (iso: string) => formatDate(iso, lang);
  const seller = company(doc);
  const foreign = doc.buyer.address.countryCode.toUpperCase() !== doc.seller.address.countryCode.toUpperCase();
  const isCredit = doc.typeCode === '381';

  // --- Seller and title ----------------------------------------------------------------------------------------
  const sellerIds = partyIdentifiers(doc.seller, lang);
  const sellerColumn: Column = {
    width: '*',
    stack: [
      sellerBlock(seller, foreign, lang),
      ...(sellerIds.length
        ? [{ text: sellerIds.join('  ·  '), fontSize: 7.5, color: C.muted, margin: [0, 3, 0, 0] } satisfies Content]
        : []),
    ],
  };
  const titleRows: [string, string][] = [[t.issueDate, date(doc.issueDate)]];
  if (doc.dueDate) titleRows.push([t.dueDate, date(doc.dueDate)]);
  const title: Column = {
    width: 'auto',
    stack: [
      {
        text: t.titles[doc.typeCode],
        fontSize: 17,
        bold: true,
        color: C.accent,
        alignment: 'right',
        characterSpacing: 0.8,
        noWrap: true,
      },
      draft
        ? { text: t.draft, fontSize: 11, bold: true, color: C.warning, alignment: 'right', margin: [0, 3, 0, 0] }
        : {
            text: `${t.number}${NBSP}${doc.number}`,
            fontSize: 11,
            bold: true,
            alignment: 'right',
            margin: [0, 3, 0, 0],
          },
      ...titleRows.map(([label, value], i): Content => ({
        text: `${label}${colon} ${value}`,
        alignment: 'right',
        ...(i === 1 ? { bold: true, color: C.text } : { color: C.muted }),
      })),
    ],
  };

  // --- References, delivery, customer and delivery addresses --------------------------------------------------
  const refs: [string, string][] = [];
  if (doc.purchaseOrderReference) refs.push([t.yourOrder, doc.purchaseOrderReference]);
  if (doc.buyerReference && doc.buyerReference !== doc.purchaseOrderReference) {
    refs.push([t.buyerReference, doc.buyerReference]);
  }
  if (doc.salesOrderReference) refs.push([t.ourOrder, doc.salesOrderReference]);
  const deliveryNotes = doc.deliveryNotes.length
    ? doc.deliveryNotes
    : doc.despatchAdviceReference
      ? [{ number: doc.despatchAdviceReference, date: null }]
      : [];
  if (deliveryNotes.length) {
    refs.push([
      t.deliveryNotes(deliveryNotes.length),
      deliveryNotes.map((n) => (n.date ? t.ref(n.number, date(n.date)) : n.number)).join('\n'),
    ]);
  }
  if (doc.precedingInvoices.length && doc.typeCode !== '386') {
    refs.push([
      isCredit ? t.correctedInvoice(doc.precedingInvoices.length) : t.downPayments,
      doc.precedingInvoices.map((p) => t.ref(p.number, date(p.issueDate))).join('\n'),
    ]);
  }
  if (cur.toUpperCase() !== 'EUR') refs.push([t.currency, cur.toUpperCase()]);

  const delivery: [string, string][] = [];
  if (doc.deliveryDate) delivery.push([t.deliveryDate, date(doc.deliveryDate)]);
  if (doc.invoicingPeriod) {
    delivery.push([t.period, t.periodValue(date(doc.invoicingPeriod.start), date(doc.invoicingPeriod.end))]);
  }

  const leftBody: TableCell[][] = [];
  if (refs.length) {
    leftBody.push([{ text: t.references, style: 'sectionTitle', colSpan: 2, margin: [0, 0, 0, 2] }, {}]);
    leftBody.push(...labelValueRows(refs, lang));
  }
  if (delivery.length) {
    leftBody.push([
      { text: t.delivery, style: 'sectionTitle', colSpan: 2, margin: [0, refs.length ? 10 : 0, 0, 2] },
      {},
    ]);
    leftBody.push(...labelValueRows(delivery, lang));
  }
  const left: Column = leftBody.length
    ? { width: '*', table: { widths: ['auto', '*'], body: leftBody }, layout: noLines }
    : { width: '*', text: '' };

  const billing = addressBox(
    t.billing,
    doc.buyer.name,
    addressLines(doc.buyer.address, foreign, lang),
    partyIdentifiers(doc.buyer, lang),
  );
  const shipToAddress = doc.delivery?.address ?? null;
  const shipToName = doc.delivery?.name ?? null;
  const showShipTo =
    !!shipToAddress &&
    (!sameAddress(shipToAddress, doc.buyer.address) || (!!shipToName && shipToName !== doc.buyer.name));
  const right: Column = {
    width: 250,
    stack: [
      billing,
      ...(showShipTo && shipToAddress
        ? [
            {
              stack: [
                addressBox(
                  t.shipTo,
                  shipToName,
                  addressLines(
                    shipToAddress,
                    shipToAddress.countryCode.toUpperCase() !== doc.seller.address.countryCode.toUpperCase(),
                    lang,
                  ),
                ),
              ],
              margin: [0, 8, 0, 0],
            } satisfies Content,
          ]
        : []),
    ],
  };

  // --- Lines ---------------------------------------------------------------------------------------------------
  const head: TableCell[] = t.cols.map((label, i) => ({
    text: label,
    bold: true,
    color: 'white',
    fontSize: 7.5,
    alignment: i === 0 || i === 1 || i === 3 ? 'left' : 'right',
  }));
  const lineRow = (line: EInvoiceLine): TableCell[] => {
    const designation: Content[] = [{ text: line.name }];
    if (line.description) designation.push({ text: line.description, fontSize: 7.5, color: C.muted });
    if (line.buyerItemId && line.buyerItemId !== line.sku) {
      designation.push({ text: `${t.yourCode}${colon} ${line.buyerItemId}`, fontSize: 7.5, color: C.muted });
    }
    if (line.note) designation.push({ text: typeset(line.note), fontSize: 7, color: C.muted });
    const category = line.vatCategory.toUpperCase();
    return [
      { text: line.sku, fontSize: 7.5, color: C.muted },
      { stack: designation },
      { text: formatQuantity(line.quantity, lang), alignment: 'right', noWrap: true },
      { text: unitLabel(line.unitCode, lang), color: C.muted },
      { text: formatMoney(line.unitPrice, cur, lang, { maxDecimals: 4 }), alignment: 'right', noWrap: true },
      {
        text: isNonZero(line.discountPercent) ? formatPercent(line.discountPercent, lang) : '',
        alignment: 'right',
        noWrap: true,
      },
      {
        alignment: 'right',
        color: C.muted,
        stack: [
          { text: formatPercent(line.vatRate, lang), noWrap: true },
          ...(category !== 'S' ? [{ text: category, fontSize: 6.5 } satisfies Content] : []),
        ],
      },
      { text: money(line.netAmount), alignment: 'right', noWrap: true },
    ];
  };
  const linesTable: Content = {
    table: {
      headerRows: 1,
      dontBreakRows: true,
      widths: [52, '*', 34, 32, 56, 32, 30, 62],
      body: [head, ...doc.lines.map(lineRow)],
    },
    layout: linesLayout,
    fontSize: 8,
    margin: [0, 16, 0, 0],
  };

  // --- Document allowances and charges ------------------------------------------------------------------------
  const allowancesCharges: Content[] = doc.allowancesCharges.length
    ? [
        {
          unbreakable: true,
          margin: [0, 12, 0, 0],
          stack: [
            { text: t.allowancesCharges, style: 'sectionTitle', margin: [0, 0, 0, 3] },
            {
              table: {
                widths: ['*', 'auto', 80],
                body: [
                  t.acCols.map((label, i): TableCell => ({
                    text: label,
                    bold: true,
                    fontSize: 7.5,
                    color: C.muted,
                    alignment: i === 0 ? 'left' : 'right',
                  })),
                  ...doc.allowancesCharges.map((ac): TableCell[] => [
                    { text: ac.reason },
                    { text: vatRateLabel(ac.vatCategory, ac.vatRate, lang), alignment: 'right', color: C.muted },
                    {
                      text: money(ac.kind === 'allowance' ? dec(ac.amount).neg().toFixed() : ac.amount),
                      alignment: 'right',
                      noWrap: true,
                    },
                  ]),
                ],
              },
              layout: summaryLayout,
              fontSize: 8.5,
            },
          ],
        },
      ]
    : [];

  // --- VAT breakdown and totals ---------------------------------------------------------------------------------
  const vatBody: TableCell[][] = [
    COMMON_LABELS[lang].vatCols.map((label, i): TableCell => ({
      text: label,
      bold: true,
      fontSize: 7.5,
      color: C.muted,
      alignment: i === 0 ? 'left' : 'right',
    })),
  ];
  for (const g of doc.vatBreakdown) {
    vatBody.push([
      { text: vatRateLabel(g.vatCategory, g.vatRate, lang) },
      { text: money(g.taxableAmount), alignment: 'right', noWrap: true },
      { text: money(g.taxAmount), alignment: 'right', noWrap: true },
    ]);
    if (g.exemptionReason) {
      vatBody.push([
        {
          text: typeset(g.exemptionReason) + (g.exemptionReasonCode ? ` (${g.exemptionReasonCode})` : ''),
          colSpan: 3,
          italics: true,
          fontSize: 7.5,
          color: C.muted,
        },
        {},
        {},
      ]);
    }
  }

  const totalRow = (label: string, value: string, strong = false): TableCell[] =>
    strong
      ? [
          { text: label, bold: true, color: 'white', fillColor: C.accent, fontSize: 10.5 },
          {
            text: value,
            bold: true,
            color: 'white',
            fillColor: C.accent,
            fontSize: 10.5,
            alignment: 'right',
            noWrap: true,
          },
        ]
      : [{ text: label }, { text: value, alignment: 'right', noWrap: true }];
  const tt = doc.totals;
  const totalsBody: TableCell[][] = [];
  if (isNonZero(tt.allowanceTotal) || isNonZero(tt.chargeTotal)) {
    totalsBody.push(totalRow(t.lineTotal, money(tt.lineTotal)));
    if (isNonZero(tt.allowanceTotal)) {
      totalsBody.push(totalRow(t.allowanceTotal, money(dec(tt.allowanceTotal).neg().toFixed())));
    }
    if (isNonZero(tt.chargeTotal)) totalsBody.push(totalRow(t.chargeTotal, money(tt.chargeTotal)));
  }
  totalsBody.push(totalRow(COMMON_LABELS[lang].totalNet, money(tt.net)));
  totalsBody.push(totalRow(COMMON_LABELS[lang].totalVat, money(tt.vat)));
  totalsBody.push([
    { text: COMMON_LABELS[lang].totalGross, bold: true },
    { text: money(tt.gross), bold: true, alignment: 'right', noWrap: true },
  ]);
  if (isNonZero(tt.prepaid)) totalsBody.push(totalRow(t.prepaid, money(dec(tt.prepaid).neg().toFixed())));
  totalsBody.push(totalRow(isCredit ? t.credited : t.payable, money(tt.payable), true));
  const eur: Content[] = doc.vatAccounting
    ? [
        {
          margin: [0, 6, 0, 0],
          table: {
            widths: ['*', 'auto'],
            body: [
              totalRow(t.vatInEur, formatMoney(doc.vatAccounting.vatTotal, doc.vatAccounting.currency, lang)),
              [
                {
                  text: t.exchangeRate(cur.toUpperCase(), formatDecimal(doc.vatAccounting.exchangeRate, lang, 0, 6)),
                  colSpan: 2,
                  fontSize: 7.5,
                  color: C.muted,
                },
                {},
              ],
            ],
          },
          layout: summaryLayout,
          fontSize: 9,
        },
      ]
    : [];
  const vatAndTotals: Content = {
    unbreakable: true,
    margin: [0, 14, 0, 0],
    columns: [
      { width: 270, table: { widths: ['*', 'auto', 'auto'], body: vatBody }, layout: summaryLayout, fontSize: 8.5 },
      { width: '*', text: '' },
      {
        width: 210,
        stack: [{ table: { widths: ['*', 'auto'], body: totalsBody }, layout: summaryLayout, fontSize: 9.5 }, ...eur],
      },
    ],
  };

  // --- Payment ---------------------------------------------------------------------------------------------------
  const paymentRows: [string, string][] = [];
  if (!isCredit) {
    if (doc.dueDate) paymentRows.push([t.dueDate, date(doc.dueDate)]);
    const means = PAYMENT_MEANS[doc.payment.meansCode]?.[lang];
    if (means) paymentRows.push([t.means, means]);
    if (doc.payment.iban) paymentRows.push(['IBAN', formatIban(doc.payment.iban)]);
    if (doc.payment.bic) paymentRows.push(['BIC', doc.payment.bic]);
    if (!draft && doc.payment.remittanceInformation)
      paymentRows.push([t.remittance, doc.payment.remittanceInformation]);
  }
  const payment: Column = {
    width: 235,
    stack: [
      { text: isCredit ? t.terms : t.payment, style: 'sectionTitle', margin: [0, 0, 0, 3] },
      ...(paymentRows.length
        ? [
            {
              table: { widths: ['auto', '*'], body: labelValueRows(paymentRows, lang, { noWrapLabels: true }) },
              layout: noLines,
            } satisfies Content,
          ]
        : []),
      ...(doc.paymentTermsText
        ? [
            {
              text: typeset(doc.paymentTermsText),
              fontSize: 7.5,
              color: C.muted,
              margin: [0, paymentRows.length ? 5 : 0, 0, 0],
            } satisfies Content,
          ]
        : []),
    ],
  };

  // --- Notes (legal mentions) -----------------------------------------------------------------------------------
  const notes: Column = {
    width: '*',
    stack: doc.notes.length
      ? [
          { text: t.mentions, style: 'sectionTitle', margin: [0, 0, 0, 3] },
          ...doc.notes.map((n): Content => ({ text: typeset(n.text), margin: [0, 0, 0, 2] })),
        ]
      : [],
    fontSize: 7.2,
    lineHeight: 1.15,
  };

  return {
    pageSize: 'A4',
    pageMargins: PAGE_MARGINS,
    header: continuationHeader(
      doc.seller.name,
      `${draft ? `${t.names[doc.typeCode]} — ${t.draft}` : `${t.names[doc.typeCode]} — ${t.number}${NBSP}${doc.number}`} (${t.continued})`,
    ),
    footer: legalFooter(seller, lang),
    ...(draft ? { watermark: { text: t.watermark, color: C.warning, opacity: 0.12, bold: true } } : {}),
    defaultStyle: { fontSize: 9, color: C.text, lineHeight: 1.15 },
    styles: { sectionTitle: { fontSize: 8, bold: true, color: C.accent } },
    content: [
      { columns: [sellerColumn, title], columnGap: 20 },
      { margin: [0, 18, 0, 0], columns: [left, right], columnGap: 20 },
      linesTable,
      ...allowancesCharges,
      vatAndTotals,
      { unbreakable: true, margin: [0, 18, 0, 0], columns: [payment, notes], columnGap: 24 },
    ],
  };
}

/** Render an invoice, credit note or down-payment invoice to PDF bytes (A4; same document and options → same bytes). */
export async function renderInvoicePdf(doc: EInvoiceDocument, opts: InvoicePdfOptions = {}): Promise<Buffer> {
  const lang: PdfLang = doc.language;
  const draft = !!opts.draft;
  const name = documentName(doc, lang, draft);
  return renderPdf(
    invoiceDocDefinition(doc, opts),
    {
      title: name,
      author: doc.seller.name,
      subject: `${name} — ${doc.buyer.name}`,
      keywords: [
        L[lang].names[doc.typeCode],
        draft ? null : doc.number,
        doc.purchaseOrderReference,
        doc.salesOrderReference,
      ]
        .filter((x): x is string => !!x)
        .join(', '),
      creationDate: parseIsoDate(doc.issueDate),
      lang,
    },
    { embedFonts: !!opts.embedFonts },
  );
}
