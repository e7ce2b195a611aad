/**
 * UN/CEFACT Cross Industry Invoice D16B (`rsm:CrossIndustryInvoice`), Factur-X / ZUGFeRD profile EN16931
 * (guideline `urn:cen.eu:en16931:2017`), from the neutral `EInvoiceDocument`.
 *
 * The writer only formats: every amount, rate and quantity is copied as the decimal string the model holds (checked
 * to be one), dates become format 102 (YYYYMMDD). Element order follows the Factur-X 1.09 EN16931 XSD.
 * Mapping notes:
 * - French legal mentions: `doc.notes` → `ram:IncludedNote` (Content + UNCL 4451 SubjectCode); the seller's legal
 *   form / share capital / RCS → BT-33 (`ram:Description` of the seller); exemption texts and codes → BT-120/121 in
 *   the VAT breakdown.
 * - A line discount (`discountPercent`) is an EN 16931 line allowance (BT-136/137/138, reason code 95); the item net
 *   price BT-146 is the model's `unitPrice` (no price-level discount).
 * - BT-23 business process: the French "cadre de facturation" B1 / S1 / M1 from `operationCategory` (unconfirmed
 *   French CTC value, see DOMAIN §10).
 * - BT-8: code 5 (invoice date) on every VAT breakdown when the seller opted for VAT on debits.
 * - BT-34 / BT-49 electronic addresses: see `electronicAddress`.
 */
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import { isDecimalString } from '@shared/decimal';
import type { EInvoiceAddress, EInvoiceDocument, EInvoiceLine, EInvoiceParty, EInvoiceSeller } from './model';

export const CII_NS = {
  rsm: 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100',
  ram: 'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100',
  qdt: 'urn:un:unece:uncefact:data:standard:QualifiedDataType:100',
  udt: 'urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100',
} as const;

/** BT-24 specification identifier of the Factur-X EN16931 profile. */
export const FACTURX_EN16931_GUIDELINE = 'urn:cen.eu:en16931:2017';

// ---------------------------------------------------------------------------------------------------------------
// Helpers shared with the UBL writer
// ---------------------------------------------------------------------------------------------------------------

/** A fresh XML document; characters XML 1.0 cannot carry (control characters) are dropped. */
export function newXmlDocument(): XMLBuilder {
  return create({ version: '1.0', encoding: 'UTF-8', invalidCharReplacement: '' });
}

/** Append `<name>text</name>` unless the value is null, undefined or blank (Peppol R008: no empty elements). */
export function leaf(
  parent: XMLBuilder,
  name: string,
  value: string | null | undefined,
  attrs?: Record<string, string>,
): void {
  if (value === null || value === undefined) return;
  const text = value.trim();
  if (text === '') return;
  parent.ele(name, attrs ?? {}).txt(text);
}

/** The value if it is a decimal string (amount, quantity, rate); throws otherwise: writers never invent amounts. */
export function num(value: string, what: string): string {
  if (!isDecimalString(value))
    throw new TypeError(`E-invoice: ${what} is not a decimal string: ${JSON.stringify(value)}`);
  return value;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Checks an ISO date `YYYY-MM-DD` and returns it. */
export function isoDate(value: string, what: string): string {
  if (!ISO_DATE.test(value)) throw new TypeError(`E-invoice: ${what} is not an ISO date: ${JSON.stringify(value)}`);
  return value;
}

/** ISO `YYYY-MM-DD` → UN/CEFACT format 102 `YYYYMMDD`. */
export function date102(value: string, what: string): string {
  return isoDate(value, what).replace(/-/g, '');
}

/** VAT categories whose breakdown carries no rate (BR-O-05…: "not subject to VAT"). */
export const NO_RATE_CATEGORIES: ReadonlySet<string> = new Set(['O']);

/** EAS VAT-number schemes (CEF code list "Electronic Address Scheme") by ISO country prefix of the VAT number. */
const VAT_EAS: Readonly<Record<string, string>> = {
  AD: '9922',
  AL: '9923',
  AT: '9914',
  BA: '9924',
  BE: '9925',
  BG: '9926',
  CH: '9927',
  CY: '9928',
  CZ: '9929',
  DE: '9930',
  EE: '9931',
  GB: '9932',
  EL: '9933',
  HR: '9934',
  HU: '9910',
  IE: '9935',
  LI: '9936',
  LT: '9937',
  LU: '9938',
  LV: '9939',
  MC: '9940',
  ME: '9941',
  MK: '9942',
  MT: '9943',
  NL: '9944',
  PL: '9945',
  PT: '9946',
  RO: '9947',
  RS: '9948',
  SI: '9949',
  SK: '9950',
  SM: '9951',
  TR: '9952',
  VA: '9953',
  ES: '9920',
  FR: '9957',
};

/**
 * BT-34 / BT-49 electronic address (scheme = EAS code): the party's explicit `electronicAddress`, else its SIREN
 * (0002), else its GLN (0088), else its VAT number under its country's EAS VAT scheme, else its e-mail (EM; valid
 * in EN 16931, not in Peppol BIS whose EAS list has no EM). Null when none is known.
 */
export function electronicAddress(party: EInvoiceParty): { scheme: string; value: string } | null {
  const explicit = party.electronicAddress;
  if (explicit && explicit.scheme.trim() && explicit.value.trim()) return explicit;
  if (party.siren) return { scheme: '0002', value: party.siren };
  if (party.gln) return { scheme: '0088', value: party.gln };
  const vat = party.vatNumber?.trim();
  const vatScheme = vat ? VAT_EAS[vat.slice(0, 2).toUpperCase()] : undefined;
  if (vat && vatScheme) return { scheme: vatScheme, value: vat };
  if (party.email) return { scheme: 'EM', value: party.email };
  return null;
}

/** French formatting of a decimal string for text mentions: "50000.00" → "50 000,00" (narrow spaces avoided). */
function frenchNumber(value: string): string {
  const [int, frac] = value.split('.');
  const grouped = (int ?? '').replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return frac && !/^0+$/.test(frac) ? `${grouped},${frac}` : grouped;
}

function spacedSiren(siren: string): string {
  return /^\d{9}$/.test(siren) ? `${siren.slice(0, 3)} ${siren.slice(3, 6)} ${siren.slice(6)}` : siren;
}

/**
 * BT-33 seller additional legal information, the French company mentions (C. com. R123-237/238): legal form, share
 * capital, RCS city and SIREN, e.g. "SAS au capital de 50 000 € - RCS Lyon 732 829 320".
 */
export function sellerLegalInformation(seller: EInvoiceSeller): string {
  const parts = [seller.legalForm.trim()];
  if (seller.shareCapital && isDecimalString(seller.shareCapital)) {
    parts[0] = `${parts[0]} au capital de ${frenchNumber(seller.shareCapital)} €`;
  }
  if (seller.rcsCity) parts.push(`RCS ${seller.rcsCity}${seller.siren ? ` ${spacedSiren(seller.siren)}` : ''}`);
  else if (seller.siren) parts.push(`SIREN ${spacedSiren(seller.siren)}`);
  return parts.filter((p) => p !== '').join(' - ');
}

/** Text of the line allowance made from the model's line discount. */
export function lineDiscountReason(doc: EInvoiceDocument): string {
  return doc.language === 'en' ? 'Discount' : 'Remise';
}

/** BT-23 French "cadre de facturation" (unconfirmed values, DOMAIN §10). */
export function businessProcess(doc: EInvoiceDocument): string {
  return doc.operationCategory === 'goods' ? 'B1' : doc.operationCategory === 'services' ? 'S1' : 'M1';
}

// ---------------------------------------------------------------------------------------------------------------
// CII
// ---------------------------------------------------------------------------------------------------------------

function dateTime(parent: XMLBuilder, name: string, iso: string, what: string): void {
  parent.ele(name).ele('udt:DateTimeString', { format: '102' }).txt(date102(iso, what));
}

function address(parent: XMLBuilder, a: EInvoiceAddress): void {
  const el = parent.ele('ram:PostalTradeAddress');
  leaf(el, 'ram:PostcodeCode', a.postalCode);
  leaf(el, 'ram:LineOne', a.line1);
  leaf(el, 'ram:LineTwo', a.line2);
  leaf(el, 'ram:CityName', a.city);
  leaf(el, 'ram:CountryID', a.countryCode.toUpperCase());
}

function tradeParty(parent: XMLBuilder, name: string, party: EInvoiceParty, legalInfo: string | null): void {
  const el = parent.ele(name);
  if (party.siret) leaf(el, 'ram:GlobalID', party.siret, { schemeID: '0009' });
  if (party.gln) leaf(el, 'ram:GlobalID', party.gln, { schemeID: '0088' });
  leaf(el, 'ram:Name', party.name);
  leaf(el, 'ram:Description', legalInfo);
  if (party.siren) el.ele('ram:SpecifiedLegalOrganization').ele('ram:ID', { schemeID: '0002' }).txt(party.siren);
  if (party.contactName || party.phone || party.email) {
    const contact = el.ele('ram:DefinedTradeContact');
    leaf(contact, 'ram:PersonName', party.contactName);
    if (party.phone) leaf(contact.ele('ram:TelephoneUniversalCommunication'), 'ram:CompleteNumber', party.phone);
    if (party.email) leaf(contact.ele('ram:EmailURIUniversalCommunication'), 'ram:URIID', party.email);
  }
  address(el, party.address);
  const endpoint = electronicAddress(party);
  if (endpoint)
    el.ele('ram:URIUniversalCommunication').ele('ram:URIID', { schemeID: endpoint.scheme }).txt(endpoint.value);
  if (party.vatNumber) el.ele('ram:SpecifiedTaxRegistration').ele('ram:ID', { schemeID: 'VA' }).txt(party.vatNumber);
}

function lineItem(parent: XMLBuilder, doc: EInvoiceDocument, line: EInvoiceLine): void {
  const item = parent.ele('ram:IncludedSupplyChainTradeLineItem');
  const docLine = item.ele('ram:AssociatedDocumentLineDocument');
  leaf(docLine, 'ram:LineID', line.id);
  if (line.note?.trim()) leaf(docLine.ele('ram:IncludedNote'), 'ram:Content', line.note);

  const product = item.ele('ram:SpecifiedTradeProduct');
  leaf(product, 'ram:GlobalID', line.gtin, { schemeID: '0160' });
  leaf(product, 'ram:SellerAssignedID', line.sku);
  leaf(product, 'ram:BuyerAssignedID', line.buyerItemId);
  leaf(product, 'ram:Name', line.name);
  leaf(product, 'ram:Description', line.description);

  const agreement = item.ele('ram:SpecifiedLineTradeAgreement');
  if (line.orderLineReference?.trim()) {
    leaf(agreement.ele('ram:BuyerOrderReferencedDocument'), 'ram:LineID', line.orderLineReference);
  }
  leaf(agreement.ele('ram:NetPriceProductTradePrice'), 'ram:ChargeAmount', num(line.unitPrice, 'unit price'));

  item
    .ele('ram:SpecifiedLineTradeDelivery')
    .ele('ram:BilledQuantity', { unitCode: line.unitCode })
    .txt(num(line.quantity, 'quantity'));

  const settlement = item.ele('ram:SpecifiedLineTradeSettlement');
  const tax = settlement.ele('ram:ApplicableTradeTax');
  leaf(tax, 'ram:TypeCode', 'VAT');
  leaf(tax, 'ram:CategoryCode', line.vatCategory);
  if (!NO_RATE_CATEGORIES.has(line.vatCategory)) leaf(tax, 'ram:RateApplicablePercent', num(line.vatRate, 'VAT rate'));
  if (line.allowanceAmount !== null && line.allowanceAmount !== undefined) {
    const ac = settlement.ele('ram:SpecifiedTradeAllowanceCharge');
    ac.ele('ram:ChargeIndicator').ele('udt:Indicator').txt('false');
    if (line.discountPercent !== null && line.allowanceBaseAmount !== null) {
      leaf(ac, 'ram:CalculationPercent', num(line.discountPercent, 'discount percent'));
      leaf(ac, 'ram:BasisAmount', num(line.allowanceBaseAmount, 'allowance base'));
    }
    leaf(ac, 'ram:ActualAmount', num(line.allowanceAmount, 'line allowance'));
    leaf(ac, 'ram:ReasonCode', '95');
    leaf(ac, 'ram:Reason', lineDiscountReason(doc));
  }
  leaf(
    settlement.ele('ram:SpecifiedTradeSettlementLineMonetarySummation'),
    'ram:LineTotalAmount',
    num(line.netAmount, 'line net amount'),
  );
}

/** The CII D16B XML (Factur-X EN16931 profile) of the document, UTF-8, pretty-printed. */
export function toCii(doc: EInvoiceDocument): string {
  const root = newXmlDocument().ele('rsm:CrossIndustryInvoice', {
    'xmlns:rsm': CII_NS.rsm,
    'xmlns:ram': CII_NS.ram,
    'xmlns:qdt': CII_NS.qdt,
    'xmlns:udt': CII_NS.udt,
  });

  const context = root.ele('rsm:ExchangedDocumentContext');
  leaf(context.ele('ram:BusinessProcessSpecifiedDocumentContextParameter'), 'ram:ID', businessProcess(doc));
  leaf(context.ele('ram:GuidelineSpecifiedDocumentContextParameter'), 'ram:ID', FACTURX_EN16931_GUIDELINE);

  const header = root.ele('rsm:ExchangedDocument');
  leaf(header, 'ram:ID', doc.number);
  leaf(header, 'ram:TypeCode', doc.typeCode);
  dateTime(header, 'ram:IssueDateTime', doc.issueDate, 'issue date');
  for (const note of doc.notes) {
    if (!note.text.trim()) continue;
    const n = header.ele('ram:IncludedNote');
    leaf(n, 'ram:Content', note.text);
    leaf(n, 'ram:SubjectCode', note.subjectCode);
  }

  const transaction = root.ele('rsm:SupplyChainTradeTransaction');
  for (const line of doc.lines) lineItem(transaction, doc, line);

  // BG-4 / BG-7 and references
  const agreement = transaction.ele('ram:ApplicableHeaderTradeAgreement');
  leaf(agreement, 'ram:BuyerReference', doc.buyerReference ?? doc.purchaseOrderReference);
  tradeParty(agreement, 'ram:SellerTradeParty', doc.seller, sellerLegalInformation(doc.seller));
  tradeParty(agreement, 'ram:BuyerTradeParty', doc.buyer, null);
  if (doc.salesOrderReference?.trim()) {
    leaf(agreement.ele('ram:SellerOrderReferencedDocument'), 'ram:IssuerAssignedID', doc.salesOrderReference);
  }
  if (doc.purchaseOrderReference?.trim()) {
    leaf(agreement.ele('ram:BuyerOrderReferencedDocument'), 'ram:IssuerAssignedID', doc.purchaseOrderReference);
  }

  // BG-13 delivery
  const delivery = transaction.ele('ram:ApplicableHeaderTradeDelivery');
  if (doc.delivery && (doc.delivery.name || doc.delivery.address || doc.delivery.gln)) {
    const shipTo = delivery.ele('ram:ShipToTradeParty');
    leaf(shipTo, 'ram:GlobalID', doc.delivery.gln, { schemeID: '0088' });
    leaf(shipTo, 'ram:Name', doc.delivery.name);
    if (doc.delivery.address) address(shipTo, doc.delivery.address);
  }
  if (doc.deliveryDate) {
    dateTime(
      delivery.ele('ram:ActualDeliverySupplyChainEvent'),
      'ram:OccurrenceDateTime',
      doc.deliveryDate,
      'delivery date',
    );
  }
  if (doc.despatchAdviceReference?.trim()) {
    leaf(delivery.ele('ram:DespatchAdviceReferencedDocument'), 'ram:IssuerAssignedID', doc.despatchAdviceReference);
  }

  // Settlement
  const settlement = transaction.ele('ram:ApplicableHeaderTradeSettlement');
  leaf(settlement, 'ram:PaymentReference', doc.payment.remittanceInformation);
  if (doc.vatAccounting) leaf(settlement, 'ram:TaxCurrencyCode', doc.vatAccounting.currency);
  leaf(settlement, 'ram:InvoiceCurrencyCode', doc.currency);

  const means = settlement.ele('ram:SpecifiedTradeSettlementPaymentMeans');
  leaf(means, 'ram:TypeCode', doc.payment.meansCode);
  if (doc.payment.iban) leaf(means.ele('ram:PayeePartyCreditorFinancialAccount'), 'ram:IBANID', doc.payment.iban);
  if (doc.payment.bic) leaf(means.ele('ram:PayeeSpecifiedCreditorFinancialInstitution'), 'ram:BICID', doc.payment.bic);

  for (const g of doc.vatBreakdown) {
    const tax = settlement.ele('ram:ApplicableTradeTax');
    leaf(tax, 'ram:CalculatedAmount', num(g.taxAmount, 'VAT amount'));
    leaf(tax, 'ram:TypeCode', 'VAT');
    leaf(tax, 'ram:ExemptionReason', g.exemptionReason);
    leaf(tax, 'ram:BasisAmount', num(g.taxableAmount, 'VAT taxable amount'));
    leaf(tax, 'ram:CategoryCode', g.vatCategory);
    leaf(tax, 'ram:ExemptionReasonCode', g.exemptionReasonCode);
    if (doc.vatOnDebits) leaf(tax, 'ram:DueDateTypeCode', '5');
    if (!NO_RATE_CATEGORIES.has(g.vatCategory)) leaf(tax, 'ram:RateApplicablePercent', num(g.vatRate, 'VAT rate'));
  }

  if (doc.invoicingPeriod) {
    const period = settlement.ele('ram:BillingSpecifiedPeriod');
    dateTime(period, 'ram:StartDateTime', doc.invoicingPeriod.start, 'invoicing period start');
    dateTime(period, 'ram:EndDateTime', doc.invoicingPeriod.end, 'invoicing period end');
  }

  for (const ac of doc.allowancesCharges) {
    const el = settlement.ele('ram:SpecifiedTradeAllowanceCharge');
    el.ele('ram:ChargeIndicator')
      .ele('udt:Indicator')
      .txt(ac.kind === 'charge' ? 'true' : 'false');
    leaf(el, 'ram:ActualAmount', num(ac.amount, 'allowance/charge amount'));
    leaf(el, 'ram:ReasonCode', ac.reasonCode);
    leaf(el, 'ram:Reason', ac.reason);
    const tax = el.ele('ram:CategoryTradeTax');
    leaf(tax, 'ram:TypeCode', 'VAT');
    leaf(tax, 'ram:CategoryCode', ac.vatCategory);
    if (!NO_RATE_CATEGORIES.has(ac.vatCategory)) leaf(tax, 'ram:RateApplicablePercent', num(ac.vatRate, 'VAT rate'));
  }

  if (doc.paymentTermsText.trim() || doc.dueDate) {
    const terms = settlement.ele('ram:SpecifiedTradePaymentTerms');
    leaf(terms, 'ram:Description', doc.paymentTermsText);
    if (doc.dueDate) dateTime(terms, 'ram:DueDateDateTime', doc.dueDate, 'due date');
  }

  const t = doc.totals;
  const sums = settlement.ele('ram:SpecifiedTradeSettlementHeaderMonetarySummation');
  leaf(sums, 'ram:LineTotalAmount', num(t.lineTotal, 'line total'));
  if (doc.allowancesCharges.some((a) => a.kind === 'charge')) {
    leaf(sums, 'ram:ChargeTotalAmount', num(t.chargeTotal, 'charge total'));
  }
  if (doc.allowancesCharges.some((a) => a.kind === 'allowance')) {
    leaf(sums, 'ram:AllowanceTotalAmount', num(t.allowanceTotal, 'allowance total'));
  }
  leaf(sums, 'ram:TaxBasisTotalAmount', num(t.net, 'net total'));
  leaf(sums, 'ram:TaxTotalAmount', num(t.vat, 'VAT total'), { currencyID: doc.currency });
  if (doc.vatAccounting) {
    leaf(sums, 'ram:TaxTotalAmount', num(doc.vatAccounting.vatTotal, 'VAT total in accounting currency'), {
      currencyID: doc.vatAccounting.currency,
    });
  }
  leaf(sums, 'ram:GrandTotalAmount', num(t.gross, 'gross total'));
  if (!/^-?0(\.0+)?$/.test(num(t.prepaid, 'prepaid amount'))) leaf(sums, 'ram:TotalPrepaidAmount', t.prepaid);
  leaf(sums, 'ram:DuePayableAmount', num(t.payable, 'payable amount'));

  for (const p of doc.precedingInvoices) {
    const ref = settlement.ele('ram:InvoiceReferencedDocument');
    leaf(ref, 'ram:IssuerAssignedID', p.number);
    ref
      .ele('ram:FormattedIssueDateTime')
      .ele('qdt:DateTimeString', { format: '102' })
      .txt(date102(p.issueDate, 'preceding invoice date'));
  }

  return root.end({ prettyPrint: true });
}
