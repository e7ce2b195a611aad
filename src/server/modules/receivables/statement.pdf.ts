/**
 * The customer statement of account (« relevé de compte », #8) in the customer's language: what is open on the
 * customer's account on a date. Seller and customer identity, the open invoices and credit notes (number, type,
 * issue and due dates, the customer's PO reference, amount TTC, paid, left to pay, days overdue highlighted), the
 * aged balance (non échu, 1–30, 31–60, 61–90, > 90 jours), the payments received with what is still unallocated,
 * the summary down to the balance, the payment details (IBAN / BIC) and the legal footer.
 *
 * It formats, it never decides: items, payments, aging, unallocated credit and balance come computed by the caller
 * (the receivables service). The only arithmetic is display sums with `@shared/decimal` (open invoices, open credit
 * notes, overdue total). Credit notes are printed negative whatever the sign they come with.
 * Same look as the invoice and the delivery documents (`@server/platform/pdf/document-parts`); same input, same
 * bytes (the PDF is dated from `asOf`).
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
  summaryLayout,
  type PdfCompany,
  type PostalAddress,
} from '@server/platform/pdf/document-parts';
import {
  formatDate,
  formatIban,
  formatMoney,
  NBSP,
  renderPdf,
  type Column,
  type Content,
  type PdfLang,
  type PdfMetadata,
  type TableCell,
  type TDocumentDefinitions,
} from '@server/platform/pdf/pdf';
import { dec, sum, type Decimal } from '@shared/decimal';
import { parseIsoDate } from '@shared/dates';

export type StatementPdfData = {
  company: PdfCompany;
  customer: {
    code: string;
    name: string;
    siren: string | null;
    vatNumber: string | null;
    billingAddress: PostalAddress;
  };
  /** ISO date the statement is drawn up at. */
  asOf: string;
  currency: string;
  /** Open invoices and credit notes as of the date, oldest due first. */
  items: {
    type: 'invoice' | 'credit_note';
    number: string;
    issueDate: string;
    dueDate: string | null;
    customerReference: string | null;
    gross: string;
    paid: string;
    amountDue: string;
    daysOverdue: number;
  }[];
  /** Payments received in the period shown (latest first), with what is still unallocated. */
  payments: { date: string; reference: string; amount: string; unallocated: string }[];
  aging: { notDue: string; d1_30: string; d31_60: string; d61_90: string; over90: string; total: string };
  unallocatedCredit: string;
  /** Balance = open invoices − open credit notes − unallocated credit. */
  balance: string;
};

const L = {
  fr: {
    title: 'RELEVÉ DE COMPTE',
    name: 'Relevé de compte',
    asOf: (d: string) => `Au ${d}`,
    at: (d: string) => `au ${d}`,
    customerCode: 'Code client',
    currency: 'Devise',
    customer: 'Client',
    intro: (d: string) =>
      `Veuillez trouver ci-dessous le détail des factures et avoirs restant ouverts sur votre compte au ${d}.`,
    overdue: 'dont factures échues',
    openItems: 'Factures et avoirs ouverts',
    cols: ['N°', 'Type', 'Date', 'Échéance', 'Votre réf.', 'Montant TTC', 'Réglé', 'Reste dû', 'Retard (j)'],
    types: { invoice: 'Facture', credit_note: 'Avoir' },
    noItems: (d: string) => `Aucune facture ouverte au ${d}.`,
    aging: 'Balance âgée',
    agingCols: ['Non échu', '1–30 jours', '31–60 jours', '61–90 jours', `>${NBSP}90 jours`, 'Total'],
    payments: 'Règlements reçus',
    paymentCols: ['Date', 'Référence', 'Montant', 'Non imputé'],
    openInvoices: 'Factures ouvertes',
    openCredits: 'Avoirs à imputer',
    unallocated: 'Crédit non imputé',
    balanceDue: 'Solde dû',
    balanceCredit: 'Solde en votre faveur',
    balanceZero: 'Solde',
    payment: 'Règlement',
    holder: 'Bénéficiaire',
    transferReference: "Merci d'indiquer les numéros de facture en référence de votre virement.",
    closingDue: (d: string, amount: string) =>
      `Sauf erreur ou omission de notre part, le solde de votre compte au ${d} s'élève à ${amount} en notre faveur. ` +
      'Si votre règlement nous est parvenu entre-temps, nous vous remercions de ne pas tenir compte de ce relevé.',
    closingCredit: (d: string, amount: string) =>
      `Sauf erreur ou omission de notre part, votre compte présente au ${d} un solde de ${amount} en votre faveur.`,
    closingZero: (d: string) => `Sauf erreur ou omission de notre part, votre compte est soldé au ${d}.`,
    contact: 'Pour toute question sur ce relevé, contactez-nous',
    thanks: "Nous vous remercions de votre confiance et vous prions d'agréer nos salutations distinguées.",
    continued: 'suite',
  },
  en: {
    title: 'STATEMENT OF ACCOUNT',
    name: 'Statement of account',
    asOf: (d: string) => `As of ${d}`,
    at: (d: string) => `as of ${d}`,
    customerCode: 'Customer code',
    currency: 'Currency',
    customer: 'Customer',
    intro: (d: string) => `Please find below the invoices and credit notes still open on your account as of ${d}.`,
    overdue: 'of which overdue invoices',
    openItems: 'Open invoices and credit notes',
    cols: ['No.', 'Type', 'Date', 'Due date', 'Your ref.', 'Amount incl. VAT', 'Paid', 'Left to pay', 'Days overdue'],
    types: { invoice: 'Invoice', credit_note: 'Credit note' },
    noItems: (d: string) => `No open invoice as of ${d}.`,
    aging: 'Aged balance',
    agingCols: ['Not due', '1–30 days', '31–60 days', '61–90 days', `>${NBSP}90 days`, 'Total'],
    payments: 'Payments received',
    paymentCols: ['Date', 'Reference', 'Amount', 'Unallocated'],
    openInvoices: 'Open invoices',
    openCredits: 'Open credit notes',
    unallocated: 'Unallocated credit',
    balanceDue: 'Balance due',
    balanceCredit: 'Balance in your favour',
    balanceZero: 'Balance',
    payment: 'Payment',
    holder: 'Payee',
    transferReference: 'Please quote the invoice numbers as the reference of your transfer.',
    closingDue: (d: string, amount: string) =>
      `Unless we are mistaken, the balance of your account as of ${d} is ${amount} in our favour. ` +
      'If your payment has reached us in the meantime, please disregard this statement.',
    closingCredit: (d: string, amount: string) =>
      `Unless we are mistaken, your account shows a balance of ${amount} in your favour as of ${d}.`,
    closingZero: (d: string) => `Unless we are mistaken, nothing is due on your account as of ${d}.`,
    contact: 'For any question about this statement, please contact us',
    thanks: 'Thank you for your business.',
    continued: 'continued',
  },
} as const;

/** Days overdue above which the cell is also filled (the oldest bucket). */
const LONG_OVERDUE_DAYS = 90;

/** A credit note reduces the balance: printed negative, whatever the sign it is given with. */
const signed = (type: StatementPdfData['items'][number]['type'], value: string): string =>
  type === 'credit_note' ? dec(value).abs().neg().toFixed() : value;

const neg = (v: Decimal | string): string => dec(v).abs().neg().toFixed();

function statementName(d: StatementPdfData, lang: PdfLang): string {
  return `${L[lang].name} ${d.customer.code} ${L[lang].at(formatDate(d.asOf, lang))}`;
}

/** pdfmake definition of the statement of account (exported for tests; `renderStatementPdf` renders it). */
export function statementDocDefinition(d: StatementPdfData, lang: PdfLang): TDocumentDefinitions {
  const t = L[lang];
  const colon = COMMON_LABELS[lang].colon;
  const cur = d.currency;
  const money = (v: string | Decimal) => formatMoney(typeof v === 'string' ? v : v.toFixed(), cur, lang);
  const date = (iso: string) => formatDate(iso, lang);
  const asOf = date(d.asOf);
  const foreign = isForeign(d.customer.billingAddress, d.company);

  const invoices = d.items.filter((i) => i.type === 'invoice');
  const credits = d.items.filter((i) => i.type === 'credit_note');
  const openInvoices = sum(invoices.map((i) => i.amountDue));
  const openCredits = sum(credits.map((i) => dec(i.amountDue).abs()));
  const overdue = sum([d.aging.d1_30, d.aging.d31_60, d.aging.d61_90, d.aging.over90]);
  const balance = dec(d.balance);
  const balanceLabel = balance.gt(0) ? t.balanceDue : balance.lt(0) ? t.balanceCredit : t.balanceZero;
  const balanceText = money(balance.abs());

  // --- Seller and title ----------------------------------------------------------------------------------------
  const sellerIds = partyIdentifiers(d.company, lang);
  const sellerColumn: Column = {
    width: '*',
    stack: [
      sellerBlock(d.company, foreign, lang),
      ...(sellerIds.length
        ? [{ text: sellerIds.join('  ·  '), fontSize: 7.5, color: C.muted, margin: [0, 3, 0, 0] } satisfies Content]
        : []),
    ],
  };
  const titleRows: [string, string][] = [[t.customerCode, d.customer.code]];
  if (cur.toUpperCase() !== 'EUR') titleRows.push([t.currency, cur.toUpperCase()]);
  const title: Column = {
    width: 'auto',
    stack: [
      {
        text: t.title,
        fontSize: 17,
        bold: true,
        color: C.accent,
        alignment: 'right',
        characterSpacing: 0.8,
        noWrap: true,
      },
      { text: t.asOf(asOf), fontSize: 11, bold: true, alignment: 'right', margin: [0, 3, 0, 0] },
      ...titleRows.map(([label, value]): Content => ({
        text: `${label}${colon} ${value}`,
        alignment: 'right',
        color: C.muted,
      })),
    ],
  };

  // --- Introduction and key figures, customer ------------------------------------------------------------------
  const keyFigures: TableCell[][] = [
    [
      { text: `${balanceLabel}${colon}`, color: C.muted, noWrap: true, margin: [0, 1.5, 0, 0] },
      { text: balanceText, bold: true, fontSize: 11, color: C.accent, noWrap: true },
    ],
  ];
  if (overdue.gt(0)) {
    keyFigures.push([
      { text: `${t.overdue}${colon}`, color: C.muted, noWrap: true },
      { text: money(overdue), bold: true, color: C.warning, noWrap: true },
    ]);
  }
  const left: Column = {
    width: '*',
    stack: [
      { text: t.intro(asOf), margin: [0, 0, 0, 8] },
      { table: { widths: ['auto', '*'], body: keyFigures }, layout: noLines },
    ],
  };
  const customerBox = addressBox(
    t.customer,
    d.customer.name,
    addressLines(d.customer.billingAddress, foreign, lang),
    partyIdentifiers(d.customer, lang),
  );

  // --- Open items ----------------------------------------------------------------------------------------------
  const RIGHT_FROM = 5;
  const head: TableCell[] = t.cols.map((label, i) => ({
    text: label,
    bold: true,
    color: 'white',
    fontSize: 7.5,
    alignment: i >= RIGHT_FROM ? 'right' : 'left',
  }));
  const itemRows: TableCell[][] = d.items.map((item): TableCell[] => {
    const late = item.type === 'invoice' && item.daysOverdue > 0;
    return [
      { text: item.number, bold: true, noWrap: true },
      { text: t.types[item.type], color: C.muted },
      { text: date(item.issueDate), noWrap: true },
      { text: item.dueDate ? date(item.dueDate) : '—', noWrap: true, ...(late ? { color: C.warning } : {}) },
      { text: item.customerReference ?? '', color: C.muted },
      { text: money(signed(item.type, item.gross)), alignment: 'right', noWrap: true },
      { text: money(signed(item.type, item.paid)), alignment: 'right', noWrap: true, color: C.muted },
      { text: money(signed(item.type, item.amountDue)), alignment: 'right', noWrap: true, bold: true },
      late
        ? {
            text: String(item.daysOverdue),
            alignment: 'right',
            bold: true,
            color: C.warning,
            ...(item.daysOverdue > LONG_OVERDUE_DAYS ? { fillColor: C.warningLight } : {}),
          }
        : { text: item.type === 'invoice' ? '—' : '', alignment: 'right', color: C.muted },
    ];
  });
  const emptyRow: TableCell[] = [
    {
      text: t.noItems(asOf),
      colSpan: t.cols.length,
      italics: true,
      color: C.muted,
      alignment: 'center',
      margin: [0, 6, 0, 6],
    },
    ...t.cols.slice(1).map((): TableCell => ({})),
  ];
  const itemsBlock: Content = {
    stack: [
      { text: t.openItems, style: 'sectionTitle', margin: [0, 0, 0, 3] },
      {
        table: {
          headerRows: 1,
          dontBreakRows: true,
          widths: [66, 42, 46, 46, '*', 62, 56, 62, 36],
          body: [head, ...(itemRows.length ? itemRows : [emptyRow])],
        },
        layout: linesLayout,
        fontSize: 8,
      },
    ],
    margin: [0, 16, 0, 0],
  };

  // --- Aged balance --------------------------------------------------------------------------------------------
  const a = d.aging;
  const buckets = [a.notDue, a.d1_30, a.d31_60, a.d61_90, a.over90];
  const agingBlock: Content = {
    unbreakable: true,
    margin: [0, 14, 0, 0],
    stack: [
      { text: t.aging, style: 'sectionTitle', margin: [0, 0, 0, 3] },
      {
        table: {
          widths: ['*', '*', '*', '*', '*', '*'],
          body: [
            t.agingCols.map((label, i): TableCell => ({
              text: label,
              bold: true,
              fontSize: 7.5,
              color: i === 5 ? C.accent : C.muted,
              alignment: 'right',
            })),
            [
              ...buckets.map((v, i): TableCell => {
                const late = i > 0 && dec(v).gt(0);
                return {
                  text: money(v),
                  alignment: 'right',
                  noWrap: true,
                  ...(late ? { color: C.warning, bold: true } : {}),
                  ...(late && i === buckets.length - 1 ? { fillColor: C.warningLight } : {}),
                };
              }),
              { text: money(a.total), alignment: 'right', noWrap: true, bold: true },
            ],
          ],
        },
        layout: summaryLayout,
        fontSize: 9,
      },
    ],
  };

  // --- Payments received and summary ---------------------------------------------------------------------------
  const paymentsColumn: Column = d.payments.length
    ? {
        width: '*',
        stack: [
          { text: t.payments, style: 'sectionTitle', margin: [0, 0, 0, 3] },
          {
            table: {
              widths: ['auto', '*', 'auto', 'auto'],
              body: [
                t.paymentCols.map((label, i): TableCell => ({
                  text: label,
                  bold: true,
                  fontSize: 7.5,
                  color: C.muted,
                  alignment: i >= 2 ? 'right' : 'left',
                })),
                ...d.payments.map((p): TableCell[] => {
                  const open = dec(p.unallocated).gt(0);
                  return [
                    { text: date(p.date), noWrap: true },
                    { text: p.reference, color: C.muted },
                    { text: money(p.amount), alignment: 'right', noWrap: true },
                    {
                      text: money(p.unallocated),
                      alignment: 'right',
                      noWrap: true,
                      ...(open ? { bold: true, color: C.accent } : { color: C.muted }),
                    },
                  ];
                }),
              ],
            },
            layout: summaryLayout,
            fontSize: 8.5,
          },
        ],
      }
    : { width: '*', text: '' };

  const summaryRow = (label: string, value: string): TableCell[] => [
    { text: label },
    { text: value, alignment: 'right', noWrap: true },
  ];
  const summaryBody: TableCell[][] = [summaryRow(t.openInvoices, money(openInvoices))];
  if (credits.length) summaryBody.push(summaryRow(t.openCredits, money(neg(openCredits))));
  if (!dec(d.unallocatedCredit).isZero()) summaryBody.push(summaryRow(t.unallocated, money(neg(d.unallocatedCredit))));
  summaryBody.push([
    { text: balanceLabel, bold: true, color: 'white', fillColor: C.accent, fontSize: 10.5 },
    {
      text: balanceText,
      bold: true,
      color: 'white',
      fillColor: C.accent,
      fontSize: 10.5,
      alignment: 'right',
      noWrap: true,
    },
  ]);
  const summaryBlock: Content = {
    unbreakable: true,
    margin: [0, 14, 0, 0],
    columns: [
      paymentsColumn,
      {
        width: 210,
        stack: [
          { text: ' ', style: 'sectionTitle', margin: [0, 0, 0, 3] },
          { table: { widths: ['*', 'auto'], body: summaryBody }, layout: summaryLayout, fontSize: 9.5 },
        ],
      },
    ],
    columnGap: 24,
  };

  // --- Payment details and closing ----------------------------------------------------------------------------
  const bankRows: [string, string][] = [];
  if (d.company.iban) {
    bankRows.push([t.holder, d.company.name]);
    bankRows.push(['IBAN', formatIban(d.company.iban)]);
  }
  if (d.company.bic) bankRows.push(['BIC', d.company.bic]);
  const paymentColumn: Column = {
    width: 250,
    stack: bankRows.length
      ? [
          { text: t.payment, style: 'sectionTitle', margin: [0, 0, 0, 3] },
          {
            table: { widths: ['auto', '*'], body: labelValueRows(bankRows, lang, { noWrapLabels: true }) },
            layout: noLines,
          },
          { text: t.transferReference, bold: true, fontSize: 8, margin: [0, 5, 0, 0] },
        ]
      : [],
  };
  const contact = [d.company.email, d.company.phone ? `${COMMON_LABELS[lang].tel} ${d.company.phone}` : null].filter(
    (x): x is string => !!x,
  );
  const closingText = balance.gt(0)
    ? t.closingDue(asOf, balanceText)
    : balance.lt(0)
      ? t.closingCredit(asOf, balanceText)
      : t.closingZero(asOf);
  const closing: Column = {
    width: '*',
    stack: [
      { text: closingText },
      ...(contact.length
        ? [{ text: `${t.contact}${colon} ${contact.join(' · ')}.`, margin: [0, 4, 0, 0] } satisfies Content]
        : []),
      { text: t.thanks, margin: [0, 4, 0, 0] },
    ],
    fontSize: 8.5,
    color: C.text,
  };

  return {
    pageSize: 'A4',
    pageMargins: PAGE_MARGINS,
    header: continuationHeader(d.company.name, `${statementName(d, lang)} (${t.continued})`),
    footer: legalFooter(d.company, lang),
    defaultStyle: { fontSize: 9, color: C.text, lineHeight: 1.15 },
    styles: { sectionTitle: { fontSize: 8, bold: true, color: C.accent } },
    content: [
      { columns: [sellerColumn, title], columnGap: 20 },
      { margin: [0, 18, 0, 0], columns: [left, customerBox], columnGap: 20 },
      itemsBlock,
      agingBlock,
      summaryBlock,
      { unbreakable: true, margin: [0, 18, 0, 0], columns: [paymentColumn, closing], columnGap: 24 },
    ],
  };
}

function metadata(d: StatementPdfData, lang: PdfLang): PdfMetadata {
  const name = statementName(d, lang);
  return {
    title: name,
    author: d.company.name,
    subject: `${name} — ${d.customer.name}`,
    keywords: [L[lang].name, d.customer.code, ...d.items.map((i) => i.number)].join(', '),
    creationDate: parseIsoDate(d.asOf),
    lang,
  };
}

/** Render the statement of account to PDF bytes (A4; same data and language → same bytes, dated from `asOf`). */
export async function renderStatementPdf(data: StatementPdfData, lang: 'fr' | 'en'): Promise<Buffer> {
  return renderPdf(statementDocDefinition(data, lang), metadata(data, lang));
}
