/**
 * Reads back the e-invoices Relais produces (CII / Factur-X XML, UBL Invoice and CreditNote) into the few facts a
 * round-trip check needs: identity, parties' names, lines, VAT breakdown and totals. Amounts stay the decimal strings
 * of the XML. Not a general-purpose EN 16931 reader (no BG-24 attachments, no tax representative, no payee…).
 */
import { XMLParser } from 'fast-xml-parser';
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFRawStream,
  PDFString,
  decodePDFRawStream,
} from 'pdf-lib';
import { currencyDecimals, toMoneyString } from '@shared/decimal';
import { FACTURX_FILENAME } from './facturx';
import type { EInvoiceVatGroup, ParsedEInvoice } from './model';
import { UBL_NOTE_SEPARATOR } from './ubl';

/** Elements that may repeat in the documents Relais writes: always parsed as arrays. */
const REPEATED = new Set([
  // CII
  'IncludedNote',
  'IncludedSupplyChainTradeLineItem',
  'ApplicableTradeTax',
  'SpecifiedTradeAllowanceCharge',
  'TaxTotalAmount',
  'InvoiceReferencedDocument',
  'SpecifiedTradeSettlementPaymentMeans',
  'GlobalID',
  // UBL
  'Note',
  'InvoiceLine',
  'CreditNoteLine',
  'TaxTotal',
  'TaxSubtotal',
  'AllowanceCharge',
  'BillingReference',
  'PartyIdentification',
  'PaymentMeans',
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  isArray: (name) => REPEATED.has(name),
});

type Node = Record<string, unknown>;

function obj(v: unknown): Node | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Node) : undefined;
}

/** Child at a path of element names (first item of arrays). */
function at(node: unknown, ...path: string[]): unknown {
  let cur: unknown = node;
  for (const key of path) {
    if (Array.isArray(cur)) cur = cur[0];
    const o = obj(cur);
    if (!o) return undefined;
    cur = o[key];
  }
  return cur;
}

function list(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

/** Text content of an element (with or without attributes). */
function text(v: unknown): string | null {
  if (Array.isArray(v)) return text(v[0]);
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  const o = obj(v);
  if (o && '#text' in o) return text(o['#text']);
  return null;
}

function attr(v: unknown, name: string): string | null {
  const o = obj(Array.isArray(v) ? v[0] : v);
  const a = o?.[`@_${name}`];
  return typeof a === 'string' ? a : null;
}

function required(v: string | null, what: string): string {
  if (v === null || v === '') throw new Error(`E-invoice parse: missing ${what}`);
  return v;
}

/** Format 102 `YYYYMMDD` → ISO `YYYY-MM-DD`. */
function from102(v: string | null): string | null {
  if (!v) return null;
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(v.trim());
  return m ? `${m[1]}-${m[2]}-${m[3]}` : v;
}

const NOTE_PREFIX = /^#([A-Z]{3})#/;

function parseCii(root: Node): ParsedEInvoice {
  const header = at(root, 'ExchangedDocument');
  const tx = at(root, 'SupplyChainTradeTransaction');
  const agreement = at(tx, 'ApplicableHeaderTradeAgreement');
  const settlement = at(tx, 'ApplicableHeaderTradeSettlement');
  const sums = at(settlement, 'SpecifiedTradeSettlementHeaderMonetarySummation');
  const currency = required(text(at(settlement, 'InvoiceCurrencyCode')), 'InvoiceCurrencyCode');
  const zero = toMoneyString(0, currencyDecimals(currency));
  const taxCurrency = text(at(settlement, 'TaxCurrencyCode'));
  const taxTotals = list(at(sums, 'TaxTotalAmount'));
  const taxIn = (cur: string): string | null =>
    text(taxTotals.find((t) => attr(t, 'currencyID') === cur) ?? (taxTotals.length === 1 ? taxTotals[0] : undefined));

  const lines = list(at(tx, 'IncludedSupplyChainTradeLineItem')).map((item) => {
    const tax = at(item, 'SpecifiedLineTradeSettlement', 'ApplicableTradeTax');
    return {
      id: required(text(at(item, 'AssociatedDocumentLineDocument', 'LineID')), 'LineID'),
      quantity: required(text(at(item, 'SpecifiedLineTradeDelivery', 'BilledQuantity')), 'BilledQuantity'),
      netAmount: required(
        text(
          at(item, 'SpecifiedLineTradeSettlement', 'SpecifiedTradeSettlementLineMonetarySummation', 'LineTotalAmount'),
        ),
        'line LineTotalAmount',
      ),
      vatCategory: required(text(at(tax, 'CategoryCode')), 'line CategoryCode'),
      vatRate: text(at(tax, 'RateApplicablePercent')) ?? '',
      name: text(at(item, 'SpecifiedTradeProduct', 'Name')) ?? '',
    };
  });

  const vatBreakdown: EInvoiceVatGroup[] = list(at(settlement, 'ApplicableTradeTax')).map((t) => ({
    vatCategory: required(text(at(t, 'CategoryCode')), 'CategoryCode'),
    vatRate: text(at(t, 'RateApplicablePercent')) ?? '',
    taxableAmount: required(text(at(t, 'BasisAmount')), 'BasisAmount'),
    taxAmount: required(text(at(t, 'CalculatedAmount')), 'CalculatedAmount'),
    exemptionReason: text(at(t, 'ExemptionReason')),
    exemptionReasonCode: text(at(t, 'ExemptionReasonCode')),
  }));

  return {
    format: 'cii',
    typeCode: required(text(at(header, 'TypeCode')), 'TypeCode'),
    number: required(text(at(header, 'ID')), 'ID'),
    issueDate: required(from102(text(at(header, 'IssueDateTime', 'DateTimeString'))), 'IssueDateTime'),
    currency,
    sellerName: required(text(at(agreement, 'SellerTradeParty', 'Name')), 'seller name'),
    buyerName: required(text(at(agreement, 'BuyerTradeParty', 'Name')), 'buyer name'),
    lineCount: lines.length,
    lines,
    vatBreakdown,
    totals: {
      lineTotal: required(text(at(sums, 'LineTotalAmount')), 'LineTotalAmount'),
      allowanceTotal: text(at(sums, 'AllowanceTotalAmount')) ?? zero,
      chargeTotal: text(at(sums, 'ChargeTotalAmount')) ?? zero,
      net: required(text(at(sums, 'TaxBasisTotalAmount')), 'TaxBasisTotalAmount'),
      vat: taxIn(currency) ?? zero,
      gross: required(text(at(sums, 'GrandTotalAmount')), 'GrandTotalAmount'),
      prepaid: text(at(sums, 'TotalPrepaidAmount')) ?? zero,
      payable: required(text(at(sums, 'DuePayableAmount')), 'DuePayableAmount'),
    },
    dueDate: from102(text(at(settlement, 'SpecifiedTradePaymentTerms', 'DueDateDateTime', 'DateTimeString'))),
    buyerReference: text(at(agreement, 'BuyerReference')),
    purchaseOrderReference: text(at(agreement, 'BuyerOrderReferencedDocument', 'IssuerAssignedID')),
    sellerVatNumber: text(at(agreement, 'SellerTradeParty', 'SpecifiedTaxRegistration', 'ID')),
    buyerVatNumber: text(at(agreement, 'BuyerTradeParty', 'SpecifiedTaxRegistration', 'ID')),
    precedingInvoices: list(at(settlement, 'InvoiceReferencedDocument')).map((r) => ({
      number: required(text(at(r, 'IssuerAssignedID')), 'preceding invoice number'),
      issueDate: from102(text(at(r, 'FormattedIssueDateTime', 'DateTimeString'))),
    })),
    vatAccounting:
      taxCurrency && taxCurrency !== currency
        ? { currency: taxCurrency, vatTotal: required(taxIn(taxCurrency), 'TaxTotalAmount in tax currency') }
        : null,
    notes: list(at(header, 'IncludedNote')).map((n) => ({
      subjectCode: text(at(n, 'SubjectCode')),
      text: text(at(n, 'Content')) ?? '',
    })),
  };
}

function parseUbl(root: Node, creditNote: boolean): ParsedEInvoice {
  const currency = required(text(root['DocumentCurrencyCode']), 'DocumentCurrencyCode');
  const zero = toMoneyString(0, currencyDecimals(currency));
  const taxTotals = list(root['TaxTotal']);
  const withSubtotals = taxTotals.find((t) => list(at(t, 'TaxSubtotal')).length > 0) ?? taxTotals[0];
  const other = taxTotals.find((t) => t !== withSubtotals);
  const sums = root['LegalMonetaryTotal'];
  const supplier = at(root, 'AccountingSupplierParty', 'Party');
  const customer = at(root, 'AccountingCustomerParty', 'Party');
  const partyName = (p: unknown): string | null =>
    text(at(p, 'PartyLegalEntity', 'RegistrationName')) ?? text(at(p, 'PartyName', 'Name'));

  const lines = list(root[creditNote ? 'CreditNoteLine' : 'InvoiceLine']).map((l) => {
    const tax = at(l, 'Item', 'ClassifiedTaxCategory');
    return {
      id: required(text(at(l, 'ID')), 'line ID'),
      quantity: required(text(at(l, creditNote ? 'CreditedQuantity' : 'InvoicedQuantity')), 'line quantity'),
      netAmount: required(text(at(l, 'LineExtensionAmount')), 'line LineExtensionAmount'),
      vatCategory: required(text(at(tax, 'ID')), 'line tax category'),
      vatRate: text(at(tax, 'Percent')) ?? '',
      name: text(at(l, 'Item', 'Name')) ?? '',
    };
  });

  const vatBreakdown: EInvoiceVatGroup[] = list(at(withSubtotals, 'TaxSubtotal')).map((s) => ({
    vatCategory: required(text(at(s, 'TaxCategory', 'ID')), 'TaxCategory ID'),
    vatRate: text(at(s, 'TaxCategory', 'Percent')) ?? '',
    taxableAmount: required(text(at(s, 'TaxableAmount')), 'TaxableAmount'),
    taxAmount: required(text(at(s, 'TaxAmount')), 'TaxAmount'),
    exemptionReason: text(at(s, 'TaxCategory', 'TaxExemptionReason')),
    exemptionReasonCode: text(at(s, 'TaxCategory', 'TaxExemptionReasonCode')),
  }));

  const noteText = list(root['Note'])
    .map((n) => text(n) ?? '')
    .join(UBL_NOTE_SEPARATOR);
  const notes = noteText
    .split(UBL_NOTE_SEPARATOR)
    .filter((n) => n.trim() !== '')
    .map((n) => {
      const m = NOTE_PREFIX.exec(n);
      return m ? { subjectCode: m[1]!, text: n.slice(m[0].length) } : { subjectCode: null, text: n };
    });
  const taxCurrency = text(root['TaxCurrencyCode']);

  return {
    format: 'ubl',
    typeCode: required(text(root[creditNote ? 'CreditNoteTypeCode' : 'InvoiceTypeCode']), 'type code'),
    number: required(text(root['ID']), 'ID'),
    issueDate: required(text(root['IssueDate']), 'IssueDate'),
    currency,
    sellerName: required(partyName(supplier), 'seller name'),
    buyerName: required(partyName(customer), 'buyer name'),
    lineCount: lines.length,
    lines,
    vatBreakdown,
    totals: {
      lineTotal: required(text(at(sums, 'LineExtensionAmount')), 'LineExtensionAmount'),
      allowanceTotal: text(at(sums, 'AllowanceTotalAmount')) ?? zero,
      chargeTotal: text(at(sums, 'ChargeTotalAmount')) ?? zero,
      net: required(text(at(sums, 'TaxExclusiveAmount')), 'TaxExclusiveAmount'),
      vat: text(at(withSubtotals, 'TaxAmount')) ?? zero,
      gross: required(text(at(sums, 'TaxInclusiveAmount')), 'TaxInclusiveAmount'),
      prepaid: text(at(sums, 'PrepaidAmount')) ?? zero,
      payable: required(text(at(sums, 'PayableAmount')), 'PayableAmount'),
    },
    dueDate: text(root['DueDate']) ?? text(at(root, 'PaymentMeans', 'PaymentDueDate')),
    buyerReference: text(root['BuyerReference']),
    purchaseOrderReference: text(at(root, 'OrderReference', 'ID')),
    sellerVatNumber: text(at(supplier, 'PartyTaxScheme', 'CompanyID')),
    buyerVatNumber: text(at(customer, 'PartyTaxScheme', 'CompanyID')),
    precedingInvoices: list(root['BillingReference']).map((r) => ({
      number: required(text(at(r, 'InvoiceDocumentReference', 'ID')), 'preceding invoice number'),
      issueDate: text(at(r, 'InvoiceDocumentReference', 'IssueDate')),
    })),
    vatAccounting:
      taxCurrency && other
        ? {
            currency: attr(at(other, 'TaxAmount'), 'currencyID') ?? taxCurrency,
            vatTotal: text(at(other, 'TaxAmount')) ?? '',
          }
        : null,
    notes,
  };
}

/** Parse a CII (Factur-X) or UBL Invoice / CreditNote XML written by Relais. */
export function parseEInvoice(xml: string): ParsedEInvoice {
  const parsed = parser.parse(xml) as Node;
  const cii = obj(parsed['CrossIndustryInvoice']);
  if (cii) return parseCii(cii);
  const invoice = obj(parsed['Invoice']);
  if (invoice) return parseUbl(invoice, false);
  const creditNote = obj(parsed['CreditNote']);
  if (creditNote) return parseUbl(creditNote, true);
  throw new Error(`E-invoice parse: not a CII CrossIndustryInvoice nor a UBL Invoice/CreditNote`);
}

function pdfText(v: unknown): string | null {
  return v instanceof PDFString || v instanceof PDFHexString ? v.decodeText() : null;
}

/** The embedded `factur-x.xml` of a Factur-X PDF (from the EmbeddedFiles name tree or the catalog /AF array). */
export async function extractFacturXml(pdf: Uint8Array): Promise<string> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false, ignoreEncryption: true });
  const specs: PDFDict[] = [];
  const walk = (node: unknown, depth: number): void => {
    if (!(node instanceof PDFDict) || depth > 32) return;
    const kids = node.lookup(PDFName.of('Kids'));
    if (kids instanceof PDFArray) for (let i = 0; i < kids.size(); i++) walk(kids.lookup(i), depth + 1);
    const names = node.lookup(PDFName.of('Names'));
    if (names instanceof PDFArray) {
      for (let i = 1; i < names.size(); i += 2) {
        const spec = names.lookup(i);
        if (spec instanceof PDFDict) specs.push(spec);
      }
    }
  };
  const nameDict = doc.catalog.lookup(PDFName.of('Names'));
  if (nameDict instanceof PDFDict) walk(nameDict.lookup(PDFName.of('EmbeddedFiles')), 0);
  const af = doc.catalog.lookup(PDFName.of('AF'));
  if (af instanceof PDFArray) {
    for (let i = 0; i < af.size(); i++) {
      const spec = af.lookup(i);
      if (spec instanceof PDFDict) specs.push(spec);
    }
  }
  const fileName = (spec: PDFDict): string | null =>
    pdfText(spec.lookup(PDFName.of('UF'))) ?? pdfText(spec.lookup(PDFName.of('F')));
  const spec = specs.find((s) => fileName(s)?.toLowerCase() === FACTURX_FILENAME);
  if (!spec) throw new Error(`E-invoice: no ${FACTURX_FILENAME} embedded in the PDF`);
  const ef = spec.lookup(PDFName.of('EF'));
  const stream = ef instanceof PDFDict ? (ef.lookup(PDFName.of('F')) ?? ef.lookup(PDFName.of('UF'))) : undefined;
  if (!(stream instanceof PDFRawStream)) throw new Error(`E-invoice: ${FACTURX_FILENAME} has no readable stream`);
  return new TextDecoder('utf-8').decode(decodePDFRawStream(stream).decode());
}
