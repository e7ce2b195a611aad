/**
 * OASIS UBL 2.1 `Invoice` (type codes 380, 386) or `CreditNote` (381), Peppol BIS Billing 3.0, from the neutral
 * `EInvoiceDocument`. Only formats (see `cii.ts` for the shared rules). Peppol specifics:
 * - one document-level note only (PEPPOL-EN16931-R002): the notes are joined with line breaks, each prefixed with
 *   its UNCL 4451 subject code as `#PMT#text` (the usual EN 16931 UBL convention for BT-21);
 * - seller and buyer electronic addresses are mandatory (R010/R020): `electronicAddress` (SIREN 0002, GLN 0088,
 *   VAT-number schemes 99xx; the e-mail scheme EM is not in the Peppol list and fails CL008);
 * - BT-6 + BT-111: a second `cac:TaxTotal` with only the VAT total in the accounting currency (R053/R054);
 * - the credit note's due date (BT-9) goes to `cac:PaymentMeans/cbc:PaymentDueDate` (UBL 2.1 CreditNote has no
 *   cbc:DueDate).
 */
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import {
  electronicAddress,
  isoDate,
  leaf,
  lineDiscountReason,
  newXmlDocument,
  NO_RATE_CATEGORIES,
  num,
  sellerLegalInformation,
} from './cii';
import type { EInvoiceAddress, EInvoiceDocument, EInvoiceLine, EInvoiceParty } from './model';

export const UBL_NS = {
  invoice: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
  creditNote: 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2',
  cac: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
  cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
} as const;

export const PEPPOL_CUSTOMIZATION_ID = 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0';
export const PEPPOL_PROFILE_ID = 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0';

/** Separator of the notes joined into the single Peppol note. */
export const UBL_NOTE_SEPARATOR = '\n';

/** The BT-22 notes as the single UBL note: `#CODE#text` lines (no prefix when a note has no subject code). */
export function joinUblNotes(doc: EInvoiceDocument): string | null {
  const parts = doc.notes
    .filter((n) => n.text.trim() !== '')
    .map((n) => (n.subjectCode ? `#${n.subjectCode}#${n.text.trim()}` : n.text.trim()));
  return parts.length ? parts.join(UBL_NOTE_SEPARATOR) : null;
}

function amount(parent: XMLBuilder, name: string, value: string, currency: string, what: string): void {
  parent.ele(name, { currencyID: currency }).txt(num(value, what));
}

function postalAddress(parent: XMLBuilder, name: string, a: EInvoiceAddress): void {
  const el = parent.ele(name);
  leaf(el, 'cbc:StreetName', a.line1);
  leaf(el, 'cbc:AdditionalStreetName', a.line2);
  leaf(el, 'cbc:CityName', a.city);
  leaf(el, 'cbc:PostalZone', a.postalCode);
  leaf(el.ele('cac:Country'), 'cbc:IdentificationCode', a.countryCode.toUpperCase());
}

function party(parent: XMLBuilder, name: string, p: EInvoiceParty, legalForm: string | null): void {
  const el = parent.ele(name).ele('cac:Party');
  const endpoint = electronicAddress(p);
  if (endpoint) leaf(el, 'cbc:EndpointID', endpoint.value, { schemeID: endpoint.scheme });
  if (p.siret) leaf(el.ele('cac:PartyIdentification'), 'cbc:ID', p.siret, { schemeID: '0009' });
  if (p.gln) leaf(el.ele('cac:PartyIdentification'), 'cbc:ID', p.gln, { schemeID: '0088' });
  postalAddress(el, 'cac:PostalAddress', p.address);
  if (p.vatNumber) {
    const tax = el.ele('cac:PartyTaxScheme');
    leaf(tax, 'cbc:CompanyID', p.vatNumber);
    leaf(tax.ele('cac:TaxScheme'), 'cbc:ID', 'VAT');
  }
  const legal = el.ele('cac:PartyLegalEntity');
  leaf(legal, 'cbc:RegistrationName', p.name);
  leaf(legal, 'cbc:CompanyID', p.siren, { schemeID: '0002' });
  leaf(legal, 'cbc:CompanyLegalForm', legalForm);
  if (p.contactName || p.phone || p.email) {
    const contact = el.ele('cac:Contact');
    leaf(contact, 'cbc:Name', p.contactName);
    leaf(contact, 'cbc:Telephone', p.phone);
    leaf(contact, 'cbc:ElectronicMail', p.email);
  }
}

function taxCategory(
  parent: XMLBuilder,
  name: string,
  category: string,
  rate: string,
  exemption?: {
    code?: string | null;
    reason?: string | null;
  },
): void {
  const el = parent.ele(name);
  leaf(el, 'cbc:ID', category);
  if (!NO_RATE_CATEGORIES.has(category)) leaf(el, 'cbc:Percent', num(rate, 'VAT rate'));
  leaf(el, 'cbc:TaxExemptionReasonCode', exemption?.code);
  leaf(el, 'cbc:TaxExemptionReason', exemption?.reason);
  leaf(el.ele('cac:TaxScheme'), 'cbc:ID', 'VAT');
}

function invoiceLine(parent: XMLBuilder, doc: EInvoiceDocument, line: EInvoiceLine, creditNote: boolean): void {
  const el = parent.ele(creditNote ? 'cac:CreditNoteLine' : 'cac:InvoiceLine');
  leaf(el, 'cbc:ID', line.id);
  leaf(el, 'cbc:Note', line.note);
  el.ele(creditNote ? 'cbc:CreditedQuantity' : 'cbc:InvoicedQuantity', { unitCode: line.unitCode }).txt(
    num(line.quantity, 'quantity'),
  );
  amount(el, 'cbc:LineExtensionAmount', line.netAmount, doc.currency, 'line net amount');
  if (line.orderLineReference?.trim()) leaf(el.ele('cac:OrderLineReference'), 'cbc:LineID', line.orderLineReference);
  if (line.allowanceAmount !== null && line.allowanceAmount !== undefined) {
    const ac = el.ele('cac:AllowanceCharge');
    leaf(ac, 'cbc:ChargeIndicator', 'false');
    leaf(ac, 'cbc:AllowanceChargeReasonCode', '95');
    leaf(ac, 'cbc:AllowanceChargeReason', lineDiscountReason(doc));
    const withBase = line.discountPercent !== null && line.allowanceBaseAmount !== null;
    if (withBase) leaf(ac, 'cbc:MultiplierFactorNumeric', num(line.discountPercent!, 'discount percent'));
    amount(ac, 'cbc:Amount', line.allowanceAmount, doc.currency, 'line allowance');
    if (withBase) amount(ac, 'cbc:BaseAmount', line.allowanceBaseAmount!, doc.currency, 'allowance base');
  }
  const item = el.ele('cac:Item');
  leaf(item, 'cbc:Description', line.description);
  leaf(item, 'cbc:Name', line.name);
  if (line.buyerItemId?.trim()) leaf(item.ele('cac:BuyersItemIdentification'), 'cbc:ID', line.buyerItemId);
  if (line.sku.trim()) leaf(item.ele('cac:SellersItemIdentification'), 'cbc:ID', line.sku);
  if (line.gtin?.trim()) leaf(item.ele('cac:StandardItemIdentification'), 'cbc:ID', line.gtin, { schemeID: '0160' });
  taxCategory(item, 'cac:ClassifiedTaxCategory', line.vatCategory, line.vatRate);
  amount(el.ele('cac:Price'), 'cbc:PriceAmount', line.unitPrice, doc.currency, 'unit price');
}

/** The UBL 2.1 XML (Peppol BIS Billing 3.0) of the document: `CreditNote` for 381, `Invoice` otherwise. */
export function toUbl(doc: EInvoiceDocument): string {
  const creditNote = doc.typeCode === '381';
  const root = newXmlDocument().ele(creditNote ? 'CreditNote' : 'Invoice', {
    xmlns: creditNote ? UBL_NS.creditNote : UBL_NS.invoice,
    'xmlns:cac': UBL_NS.cac,
    'xmlns:cbc': UBL_NS.cbc,
  });
  const cur = doc.currency;

  leaf(root, 'cbc:CustomizationID', PEPPOL_CUSTOMIZATION_ID);
  leaf(root, 'cbc:ProfileID', PEPPOL_PROFILE_ID);
  leaf(root, 'cbc:ID', doc.number);
  leaf(root, 'cbc:IssueDate', isoDate(doc.issueDate, 'issue date'));
  if (!creditNote && doc.dueDate) leaf(root, 'cbc:DueDate', isoDate(doc.dueDate, 'due date'));
  leaf(root, creditNote ? 'cbc:CreditNoteTypeCode' : 'cbc:InvoiceTypeCode', doc.typeCode);
  leaf(root, 'cbc:Note', joinUblNotes(doc));
  leaf(root, 'cbc:DocumentCurrencyCode', cur);
  if (doc.vatAccounting) leaf(root, 'cbc:TaxCurrencyCode', doc.vatAccounting.currency);
  leaf(root, 'cbc:BuyerReference', doc.buyerReference ?? doc.purchaseOrderReference);

  if (doc.invoicingPeriod || doc.vatOnDebits) {
    const period = root.ele('cac:InvoicePeriod');
    if (doc.invoicingPeriod) {
      leaf(period, 'cbc:StartDate', isoDate(doc.invoicingPeriod.start, 'invoicing period start'));
      leaf(period, 'cbc:EndDate', isoDate(doc.invoicingPeriod.end, 'invoicing period end'));
    }
    // BT-8 (UNCL 2005): 3 = invoice document issue date, i.e. VAT on debits.
    if (doc.vatOnDebits) leaf(period, 'cbc:DescriptionCode', '3');
  }
  if (doc.purchaseOrderReference?.trim() || doc.salesOrderReference?.trim()) {
    const order = root.ele('cac:OrderReference');
    // BT-13 is mandatory in UBL when BT-14 is given: "NA" per the EN 16931 UBL binding.
    leaf(order, 'cbc:ID', doc.purchaseOrderReference?.trim() ? doc.purchaseOrderReference : 'NA');
    leaf(order, 'cbc:SalesOrderID', doc.salesOrderReference);
  }
  for (const p of doc.precedingInvoices) {
    const ref = root.ele('cac:BillingReference').ele('cac:InvoiceDocumentReference');
    leaf(ref, 'cbc:ID', p.number);
    leaf(ref, 'cbc:IssueDate', isoDate(p.issueDate, 'preceding invoice date'));
  }
  if (doc.despatchAdviceReference?.trim()) {
    leaf(root.ele('cac:DespatchDocumentReference'), 'cbc:ID', doc.despatchAdviceReference);
  }

  party(root, 'cac:AccountingSupplierParty', doc.seller, sellerLegalInformation(doc.seller));
  party(root, 'cac:AccountingCustomerParty', doc.buyer, null);

  const d = doc.delivery;
  if (doc.deliveryDate || (d && (d.name || d.address || d.gln))) {
    const delivery = root.ele('cac:Delivery');
    if (doc.deliveryDate) leaf(delivery, 'cbc:ActualDeliveryDate', isoDate(doc.deliveryDate, 'delivery date'));
    if (d && (d.address || d.gln)) {
      const location = delivery.ele('cac:DeliveryLocation');
      leaf(location, 'cbc:ID', d.gln, { schemeID: '0088' });
      if (d.address) postalAddress(location, 'cac:Address', d.address);
    }
    if (d?.name?.trim()) leaf(delivery.ele('cac:DeliveryParty').ele('cac:PartyName'), 'cbc:Name', d.name);
  }

  const means = root.ele('cac:PaymentMeans');
  leaf(means, 'cbc:PaymentMeansCode', doc.payment.meansCode);
  if (creditNote && doc.dueDate) leaf(means, 'cbc:PaymentDueDate', isoDate(doc.dueDate, 'due date'));
  leaf(means, 'cbc:PaymentID', doc.payment.remittanceInformation);
  if (doc.payment.iban) {
    const account = means.ele('cac:PayeeFinancialAccount');
    leaf(account, 'cbc:ID', doc.payment.iban);
    if (doc.payment.bic) leaf(account.ele('cac:FinancialInstitutionBranch'), 'cbc:ID', doc.payment.bic);
  }
  if (doc.paymentTermsText.trim()) leaf(root.ele('cac:PaymentTerms'), 'cbc:Note', doc.paymentTermsText);

  for (const ac of doc.allowancesCharges) {
    const el = root.ele('cac:AllowanceCharge');
    leaf(el, 'cbc:ChargeIndicator', ac.kind === 'charge' ? 'true' : 'false');
    leaf(el, 'cbc:AllowanceChargeReasonCode', ac.reasonCode);
    leaf(el, 'cbc:AllowanceChargeReason', ac.reason);
    amount(el, 'cbc:Amount', ac.amount, cur, 'allowance/charge amount');
    taxCategory(el, 'cac:TaxCategory', ac.vatCategory, ac.vatRate);
  }

  const taxTotal = root.ele('cac:TaxTotal');
  amount(taxTotal, 'cbc:TaxAmount', doc.totals.vat, cur, 'VAT total');
  for (const g of doc.vatBreakdown) {
    const sub = taxTotal.ele('cac:TaxSubtotal');
    amount(sub, 'cbc:TaxableAmount', g.taxableAmount, cur, 'VAT taxable amount');
    amount(sub, 'cbc:TaxAmount', g.taxAmount, cur, 'VAT amount');
    taxCategory(sub, 'cac:TaxCategory', g.vatCategory, g.vatRate, {
      code: g.exemptionReasonCode,
      reason: g.exemptionReason,
    });
  }
  if (doc.vatAccounting) {
    amount(
      root.ele('cac:TaxTotal'),
      'cbc:TaxAmount',
      doc.vatAccounting.vatTotal,
      doc.vatAccounting.currency,
      'VAT total in accounting currency',
    );
  }

  const t = doc.totals;
  const sums = root.ele('cac:LegalMonetaryTotal');
  amount(sums, 'cbc:LineExtensionAmount', t.lineTotal, cur, 'line total');
  amount(sums, 'cbc:TaxExclusiveAmount', t.net, cur, 'net total');
  amount(sums, 'cbc:TaxInclusiveAmount', t.gross, cur, 'gross total');
  if (doc.allowancesCharges.some((a) => a.kind === 'allowance')) {
    amount(sums, 'cbc:AllowanceTotalAmount', t.allowanceTotal, cur, 'allowance total');
  }
  if (doc.allowancesCharges.some((a) => a.kind === 'charge')) {
    amount(sums, 'cbc:ChargeTotalAmount', t.chargeTotal, cur, 'charge total');
  }
  if (!/^-?0(\.0+)?$/.test(num(t.prepaid, 'prepaid amount')))
    amount(sums, 'cbc:PrepaidAmount', t.prepaid, cur, 'prepaid');
  amount(sums, 'cbc:PayableAmount', t.payable, cur, 'payable amount');

  for (const line of doc.lines) invoiceLine(root, doc, line, creditNote);

  return root.end({ prettyPrint: true });
}
