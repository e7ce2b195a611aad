/**
 * The order acknowledgement (ARC, « accusé de réception de commande ») a French supplier sends back to confirm a
 * customer's purchase order: our order number and the customer's PO number, seller, billing and delivery
 * addresses, the confirmed lines with the promised date of each, the quantity left on backorder (reliquat) and the
 * differences from the customer's PO, VAT breakdown and totals HT / TVA / TTC, requested vs promised delivery,
 * Incoterm, payment terms, and the seller's legal identity with page numbers in the footer of every page.
 * A second and later version is an amended acknowledgement (« ARC modificatif ») that supersedes the previous one.
 * Same look as the quote (quote.pdf.ts); the shared blocks come from `@server/platform/pdf/document-parts`.
 */
import {
  addressBox,
  addressLines,
  COMMON_LABELS,
  continuationHeader,
  isForeign,
  labelValueRows,
  legalFooter,
  linesLayout,
  noLines,
  PAGE_MARGINS,
  partyIdentifiers,
  PDF_COLORS as C,
  sellerBlock,
  unitLabel,
  vatAndTotals,
  type PdfCompany,
  type PdfTotals,
  type PostalAddress,
} from '@server/platform/pdf/document-parts';
import {
  formatDate,
  formatMoney,
  formatPercent,
  formatQuantity,
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

export type OrderAckPdfData = {
  company: PdfCompany;
  customer: {
    code: string;
    name: string;
    siren: string | null;
    vatNumber: string | null;
    billingAddress: PostalAddress;
  };
  shipTo: { name: string; address: PostalAddress } | null;
  order: {
    /** Our order number, e.g. CMD-2026-00042. */
    number: string;
    /** ISO date. */
    orderDate: string;
    /** The customer's PO number. */
    customerReference: string | null;
    requestedDeliveryDate: string | null;
    promisedDeliveryDate: string | null;
    currency: string;
    /** Already in the document language. */
    paymentTermsText: string;
    /** e.g. "DAP Chartres (Incoterms 2020)". */
    incoterm: string | null;
    notes: string | null;
    /** 1 for the first acknowledgement; > 1 → titled as an amended acknowledgement (« ARC modificatif n° 2 »). */
    version: number;
    amendmentReason: string | null;
  };
  lines: {
    sku: string;
    customerProductCode: string | null;
    description: string;
    quantity: string;
    unit: string;
    unitPrice: string;
    discountPercent: string;
    netAmount: string;
    vatRate: string;
    requestedDeliveryDate: string | null;
    promisedDeliveryDate: string | null;
    /** Part of `quantity` not available now and delivered later (reliquat); "0" when none. */
    backorderQuantity: string;
    /** Differences from the customer's PO, already in words (« Prix différent du tarif convenu »). */
    differences: string[];
  }[];
  totals: PdfTotals;
};

const L = {
  fr: {
    title: ['ACCUSÉ DE RÉCEPTION', 'DE COMMANDE'],
    docName: 'Accusé de réception de commande',
    shortName: 'ARC',
    amended: (v: number) => `ARC modificatif n°${NBSP}${v}`,
    supersedes: 'Cet accusé de réception annule et remplace le précédent.',
    amendmentReason: 'Motif de la modification',
    number: 'N°',
    orderDate: 'Date de commande',
    yourOrder: 'Votre commande n°',
    customerCode: 'Code client',
    billing: 'Client — adresse de facturation',
    shipTo: 'Adresse de livraison',
    sameAsBilling: "Identique à l'adresse de facturation",
    delivery: 'Livraison',
    requested: 'Date souhaitée',
    promised: 'Date confirmée',
    toBeConfirmed: 'à confirmer',
    incoterm: 'Incoterm',
    cols: ['Réf.', 'Désignation', 'Qté', 'Unité', 'PU HT', 'Remise', 'Total HT', 'TVA', 'Livraison prévue'],
    yourCode: 'Votre code article',
    backorder: (q: string) => `dont ${q} en reliquat`,
    lineRequested: (d: string) => `dem. ${d}`,
    notes: 'Observations',
    conditions: 'Conditions',
    payment: 'Conditions de paiement',
    cgv: "Nos conditions générales de vente s'appliquent.",
    thanks: 'Nous vous remercions de votre commande, que nous confirmons aux conditions ci-dessus.',
    continued: 'suite',
  },
  en: {
    title: ['ORDER ACKNOWLEDGEMENT'],
    docName: 'Order acknowledgement',
    shortName: 'Order acknowledgement',
    amended: (v: number) => `Amended acknowledgement no. ${v}`,
    supersedes: 'This acknowledgement supersedes the previous one.',
    amendmentReason: 'Reason for the amendment',
    number: 'No.',
    orderDate: 'Order date',
    yourOrder: 'Your order no.',
    customerCode: 'Customer code',
    billing: 'Customer — billing address',
    shipTo: 'Delivery address',
    sameAsBilling: 'Same as billing address',
    delivery: 'Delivery',
    requested: 'Requested date',
    promised: 'Promised date',
    toBeConfirmed: 'to be confirmed',
    incoterm: 'Incoterm',
    cols: ['Ref.', 'Description', 'Qty', 'Unit', 'Unit price', 'Disc.', 'Net amount', 'VAT', 'Promised date'],
    yourCode: 'Your item code',
    backorder: (q: string) => `of which ${q} backordered`,
    lineRequested: (d: string) => `req. ${d}`,
    notes: 'Notes',
    conditions: 'Terms',
    payment: 'Payment terms',
    cgv: 'Our general terms and conditions of sale apply.',
    thanks: 'Thank you for your order, which we confirm on the terms set out above.',
    continued: 'continued',
  },
} as const;

/** Differences from the customer's PO: tinted band with a rule on the left, under the line's designation. */
const differencesLayout: CustomTableLayout = {
  hLineWidth: () => 0,
  vLineWidth: (i) => (i === 0 ? 1.5 : 0),
  vLineColor: () => C.warningRule,
  fillColor: () => C.warningLight,
  paddingLeft: () => 4,
  paddingRight: () => 3,
  paddingTop: () => 1.5,
  paddingBottom: () => 1.5,
};

const isPositive = (q: string) => isDecimalString(q) && dec(q).gt(0);

/** "ARC modificatif n° 2" from the second version on, the document name before. */
function documentLabel(d: OrderAckPdfData, lang: PdfLang): string {
  return d.order.version > 1 ? L[lang].amended(d.order.version) : L[lang].docName;
}

/** Build the pdfmake definition of an order acknowledgement (exported for tests; `renderOrderAckPdf` renders it). */
export function orderAckDocDefinition(d: OrderAckPdfData, lang: PdfLang): TDocumentDefinitions {
  const t = L[lang];
  const colon = COMMON_LABELS[lang].colon;
  const cur = d.order.currency;
  const date = (iso: string) => formatDate(iso, lang);
  const amended = d.order.version > 1;

  // --- Seller identity and document title -------------------------------------------------------------------
  const title: Column = {
    width: 'auto',
    stack: [
      // One text per line, never wrapped: the seller's block gives way instead.
      ...t.title.map((line): Content => ({
        text: line,
        fontSize: 17,
        bold: true,
        color: C.accent,
        alignment: 'right',
        characterSpacing: 0.8,
        lineHeight: 1.05,
        noWrap: true,
      })),
      ...(amended
        ? [
            {
              text: t.amended(d.order.version),
              fontSize: 11,
              bold: true,
              color: C.warning,
              alignment: 'right',
              margin: [0, 3, 0, 0],
            } satisfies Content,
          ]
        : []),
      {
        text: `${t.number}${NBSP}${d.order.number}`,
        fontSize: 11,
        bold: true,
        alignment: 'right',
        margin: [0, 3, 0, 0],
      },
      { text: `${t.orderDate}${colon} ${date(d.order.orderDate)}`, alignment: 'right', color: C.muted },
    ],
  };

  const amendment: Content[] = amended
    ? [
        {
          table: {
            widths: ['*'],
            body: [
              [
                {
                  fillColor: C.warningLight,
                  margin: [4, 2, 4, 2],
                  stack: [
                    ...(d.order.amendmentReason
                      ? [
                          {
                            text: [
                              { text: `${t.amendmentReason}${colon} `, bold: true, color: C.warning },
                              d.order.amendmentReason,
                            ],
                          } satisfies Content,
                        ]
                      : []),
                    { text: t.supersedes, italics: true, color: C.warning },
                  ],
                },
              ],
            ],
          },
          layout: 'noBorders',
          margin: [0, 12, 0, 0],
        },
      ]
    : [];

  // --- References, delivery terms, customer and delivery addresses -------------------------------------------
  const details: [string, string][] = [];
  if (d.order.customerReference) details.push([t.yourOrder, d.order.customerReference]);
  details.push([t.customerCode, d.customer.code]);

  const delivery: [string, string][] = [];
  if (d.order.requestedDeliveryDate) delivery.push([t.requested, date(d.order.requestedDeliveryDate)]);
  delivery.push([t.promised, d.order.promisedDeliveryDate ? date(d.order.promisedDeliveryDate) : t.toBeConfirmed]);
  if (d.order.incoterm) delivery.push([t.incoterm, d.order.incoterm]);

  // One grid, so that the labels of both groups line up.
  const left: Column = {
    width: '*',
    table: {
      widths: ['auto', '*'],
      body: [
        ...labelValueRows(details, lang),
        [{ text: t.delivery, style: 'sectionTitle', colSpan: 2, margin: [0, 12, 0, 2] }, {}],
        ...labelValueRows(delivery, lang),
      ],
    },
    layout: noLines,
  };
  const billing = addressBox(
    t.billing,
    d.customer.name,
    addressLines(d.customer.billingAddress, isForeign(d.customer.billingAddress, d.company), lang),
    partyIdentifiers(d.customer, lang),
  );
  const shipTo = d.shipTo
    ? addressBox(t.shipTo, d.shipTo.name, addressLines(d.shipTo.address, isForeign(d.shipTo.address, d.company), lang))
    : addressBox(t.shipTo, null, [t.sameAsBilling]);
  const right: Column = { width: 250, stack: [billing, { stack: [shipTo], margin: [0, 8, 0, 0] }] };

  // --- Lines -------------------------------------------------------------------------------------------------
  const head: TableCell[] = t.cols.map((label, i) => ({
    text: label,
    bold: true,
    color: 'white',
    fontSize: 7.5,
    alignment: i === 0 || i === 1 || i === 3 ? 'left' : 'right',
  }));
  const body: TableCell[][] = [head];
  for (const line of d.lines) {
    const discounted = isDecimalString(line.discountPercent) && !dec(line.discountPercent).isZero();
    const customerCode =
      line.customerProductCode && line.customerProductCode !== line.sku ? line.customerProductCode : null;
    const promised = line.promisedDeliveryDate ?? d.order.promisedDeliveryDate;
    const requested = line.requestedDeliveryDate;
    const late = !!promised && !!requested && promised > requested;

    const designation: Content[] = [{ text: line.description }];
    if (customerCode) {
      designation.push({ text: `${t.yourCode}${colon} ${customerCode}`, fontSize: 7.5, color: C.muted });
    }
    if (isPositive(line.backorderQuantity)) {
      designation.push({
        text: t.backorder(formatQuantity(line.backorderQuantity, lang)),
        bold: true,
        fontSize: 7.5,
        color: C.warning,
        margin: [0, 1, 0, 0],
      });
    }
    if (line.differences.length) {
      designation.push({
        table: { widths: ['*'], body: line.differences.map((text): TableCell[] => [{ text }]) },
        layout: differencesLayout,
        fontSize: 7.5,
        color: C.warning,
        margin: [0, 3, 0, 1],
      });
    }

    body.push([
      { text: line.sku, fontSize: 7.5, color: C.muted },
      { stack: designation },
      { text: formatQuantity(line.quantity, lang), alignment: 'right', noWrap: true },
      { text: unitLabel(line.unit, lang), color: C.muted },
      { text: formatMoney(line.unitPrice, cur, lang, { maxDecimals: 4 }), alignment: 'right', noWrap: true },
      { text: discounted ? formatPercent(line.discountPercent, lang) : '', alignment: 'right', noWrap: true },
      { text: formatMoney(line.netAmount, cur, lang), alignment: 'right', noWrap: true },
      { text: formatPercent(line.vatRate, lang), alignment: 'right', noWrap: true, color: C.muted },
      {
        alignment: 'right',
        stack: [
          promised
            ? { text: date(promised), noWrap: true, bold: late, color: late ? C.warning : C.text }
            : { text: t.toBeConfirmed, italics: true, color: C.muted },
          ...(requested && requested !== promised
            ? [
                {
                  text: t.lineRequested(date(requested)),
                  noWrap: true,
                  fontSize: 6.5,
                  color: C.muted,
                } satisfies Content,
              ]
            : []),
        ],
      },
    ]);
  }
  const linesTable: Content = {
    table: {
      headerRows: 1,
      dontBreakRows: true,
      widths: [50, '*', 32, 32, 54, 28, 62, 24, 48],
      body,
    },
    layout: linesLayout,
    fontSize: 8,
    margin: [0, 16, 0, 0],
  };

  // --- Notes, conditions and confirmation -------------------------------------------------------------------
  const notes: Content[] = d.order.notes
    ? [
        {
          unbreakable: true,
          margin: [0, 16, 0, 0],
          stack: [
            { text: t.notes, style: 'sectionTitle' },
            { text: d.order.notes, margin: [0, 4, 0, 0] },
          ],
        },
      ]
    : [];
  const closing: Content = {
    unbreakable: true,
    margin: [0, 18, 0, 0],
    stack: [
      { text: t.conditions, style: 'sectionTitle' },
      {
        text: [{ text: `${t.payment}${colon} `, color: C.muted }, d.order.paymentTermsText],
        margin: [0, 4, 0, 3],
      },
      ...(d.order.incoterm
        ? [
            {
              text: [{ text: `${t.incoterm}${colon} `, color: C.muted }, d.order.incoterm],
              margin: [0, 0, 0, 3],
            } satisfies Content,
          ]
        : []),
      { text: t.cgv },
      { text: t.thanks, bold: true, color: C.accent, margin: [0, 12, 0, 0] },
    ],
  };

  return {
    pageSize: 'A4',
    pageMargins: PAGE_MARGINS,
    header: continuationHeader(
      d.company.name,
      `${amended ? t.amended(d.order.version) : t.shortName} — ${t.number}${NBSP}${d.order.number} (${t.continued})`,
    ),
    footer: legalFooter(d.company, lang),
    defaultStyle: { fontSize: 9, color: C.text, lineHeight: 1.15 },
    styles: {
      sectionTitle: { fontSize: 8, bold: true, color: C.accent },
    },
    content: [
      {
        columns: [sellerBlock(d.company, isForeign(d.customer.billingAddress, d.company), lang), title],
        columnGap: 20,
      },
      ...amendment,
      { margin: [0, 18, 0, 0], columns: [left, right], columnGap: 20 },
      linesTable,
      vatAndTotals(d.totals, cur, lang),
      ...notes,
      closing,
    ],
  };
}

/** Render an order acknowledgement to PDF bytes (A4; same data and language → same bytes). */
export async function renderOrderAckPdf(data: OrderAckPdfData, lang: PdfLang): Promise<Buffer> {
  const label = documentLabel(data, lang);
  return renderPdf(orderAckDocDefinition(data, lang), {
    title: `${label} ${data.order.number}`,
    author: data.company.name,
    subject: `${label} ${data.order.number} — ${data.customer.name}`,
    keywords: [L[lang].docName, data.order.number, data.order.customerReference, data.customer.code]
      .filter((x): x is string => !!x)
      .join(', '),
    creationDate: parseIsoDate(data.order.orderDate),
    lang,
  });
}
