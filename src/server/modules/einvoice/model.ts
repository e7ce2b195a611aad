/**
 * The neutral invoice document: everything an issued invoice or credit note says, already computed, in the terms
 * of EN 16931 (business terms BT-x / groups BG-x). The invoicing module builds it from its rows; the CII, UBL and
 * Factur-X writers and the PDF renderer only format it, they never compute an amount.
 *
 * Amounts are decimal strings with the currency's decimals ("123.45"), quantities decimal strings ("2.5"),
 * rates with 2 decimals ("20.00"), dates ISO `YYYY-MM-DD`. No JavaScript number ever holds an amount.
 */

export type EInvoiceAddress = {
  line1: string;
  line2?: string | null;
  postalCode: string;
  city: string;
  /** ISO 3166-1 alpha-2 */
  countryCode: string;
};

export type EInvoiceParty = {
  /** BT-27 / BT-44 */
  name: string;
  /** SIREN (9 digits), legal registration identifier BT-30 / BT-47 with scheme 0002. */
  siren: string | null;
  /** SIRET (14 digits), when known: party identifier (scheme 0009). */
  siret?: string | null;
  /** BT-31 / BT-48, starts with the ISO country code (EL for Greece). */
  vatNumber: string | null;
  /** GLN (13 digits), party identifier with scheme 0088. */
  gln?: string | null;
  address: EInvoiceAddress;
  /** Electronic address BT-34 / BT-49 (e-mail, scheme EM) when no other is known. */
  email?: string | null;
  /**
   * Explicit electronic address BT-34 / BT-49 with its EAS scheme (e.g. the French directory address, scheme 0225,
   * or a Peppol participant id). When absent the writers derive it: SIREN (0002), else GLN (0088), else the VAT
   * number (EAS 99xx VAT scheme of its country), else the e-mail (EM; not accepted by Peppol BIS).
   */
  electronicAddress?: { scheme: string; value: string } | null;
  phone?: string | null;
  contactName?: string | null;
};

export type EInvoiceSeller = EInvoiceParty & {
  /** Legal form, share capital and RCS city: French mandatory mentions (BT-33 seller additional legal info). */
  legalForm: string;
  shareCapital: string | null;
  rcsCity: string | null;
};

export type EInvoiceLine = {
  /** BT-126, "1", "2"… */
  id: string;
  /** BT-155 seller item id (our SKU). */
  sku: string;
  /** BT-156 buyer's item id (the customer's own code), when known. */
  buyerItemId?: string | null;
  /** BT-157 standard item id (GTIN, scheme 0160). */
  gtin?: string | null;
  /** BT-153 */
  name: string;
  /** BT-154 */
  description?: string | null;
  /** BT-129: negative on an invoice for a deduction (down payment already invoiced). */
  quantity: string;
  /** BT-130, UN/ECE Rec. 20 (C62, KGM, HUR…) */
  unitCode: string;
  /** BT-148 item gross price (before the line discount), up to 4 decimals. */
  unitPrice: string;
  /** Line discount percent (BT-138), null when none. */
  discountPercent: string | null;
  /** BT-137 base of the line allowance = round(quantity × unitPrice); null when no discount. */
  allowanceBaseAmount: string | null;
  /** BT-136 line allowance amount; null when no discount. */
  allowanceAmount: string | null;
  /** BT-131 line net amount = quantity × unitPrice − allowance, rounded. */
  netAmount: string;
  /** BT-151 (UNCL 5305) and BT-152 */
  vatCategory: string;
  vatRate: string;
  /** BT-132 the buyer's order line reference, when known. */
  orderLineReference?: string | null;
  /** BT-127 line note, e.g. "BL-2026-00012 du 12/11/2026". */
  note?: string | null;
};

export type EInvoiceAllowanceCharge = {
  kind: 'allowance' | 'charge';
  /** BT-92 / BT-99 */
  amount: string;
  vatCategory: string;
  vatRate: string;
  /** BT-97 / BT-104 */
  reason: string;
  /** BT-98 (UNCL 5189, e.g. "95" discount) / BT-105 (UNCL 7161, e.g. "FC" freight). */
  reasonCode?: string | null;
};

export type EInvoiceVatGroup = {
  /** BT-118, BT-119 */
  vatCategory: string;
  vatRate: string;
  /** BT-116 */
  taxableAmount: string;
  /** BT-117 */
  taxAmount: string;
  /** BT-120 exemption reason text (K, G, AE, E). */
  exemptionReason?: string | null;
  /** BT-121 exemption reason code (VATEX-EU-IC, VATEX-EU-G, VATEX-EU-AE…). */
  exemptionReasonCode?: string | null;
};

/** BT-21 subject codes (UNCL 4451) used by the French mentions: PMT penalties, PMD indemnity, AAB discount,
 * REG regulatory info, ABL legal info, TXD tax declaration, AAI general. */
export type EInvoiceNote = { subjectCode?: 'PMT' | 'PMD' | 'AAB' | 'REG' | 'ABL' | 'TXD' | 'AAI' | null; text: string };

export type EInvoiceDocument = {
  /**
   * BT-3 UNCL 1001: 380 commercial invoice, 381 credit note, 386 prepayment (down-payment) invoice.
   */
  typeCode: '380' | '381' | '386';
  /** BT-1 */
  number: string;
  /** BT-2 */
  issueDate: string;
  /** BT-9 (invoices; optional on credit notes). */
  dueDate: string | null;
  /** BT-5 document currency. */
  currency: string;
  /**
   * BT-6 VAT accounting currency ("EUR") when the document currency is not EUR, with BT-111 the VAT total in it
   * (BR-53) and the rate used (document currency → EUR: 1 unit = rate EUR... see exchangeRate).
   */
  vatAccounting: { currency: string; vatTotal: string; exchangeRate: string } | null;
  /** Language of the customer (fr / en): the PDF's and the notes' language. */
  language: 'fr' | 'en';
  /** BT-10 buyer reference (the customer's reference for routing); falls back to the PO number. */
  buyerReference: string | null;
  /** BT-13 purchase order reference (the customer's PO number). */
  purchaseOrderReference: string | null;
  /** BT-14 sales order reference (our order number). */
  salesOrderReference: string | null;
  /** BT-16 despatch advice reference (one delivery note number; all of them are listed in a note / on the PDF). */
  despatchAdviceReference: string | null;
  /** All delivery notes invoiced (periodic invoices list them: DOMAIN §1). */
  deliveryNotes: { number: string; date: string }[];
  /** BG-3 preceding invoices (credit note: the invoice it corrects; final invoice: the down payments deducted). */
  precedingInvoices: { number: string; issueDate: string }[];
  /** BT-22 notes, the French legal mentions among them. */
  notes: EInvoiceNote[];
  seller: EInvoiceSeller;
  buyer: EInvoiceParty;
  /** BG-13 deliver-to: name and address when known (mandatory for K: BR-IC-12 country). */
  delivery: { name: string | null; address: EInvoiceAddress | null; gln?: string | null } | null;
  /** BT-72 actual delivery date (or the last one of a periodic invoice). */
  deliveryDate: string | null;
  /** BG-14 invoicing period (periodic invoices). */
  invoicingPeriod: { start: string; end: string } | null;
  /** "goods" / "services" / "mixed": the 2026 operation category mention. */
  operationCategory: 'goods' | 'services' | 'mixed';
  /** The seller opted for VAT on debits (2026 mention). */
  vatOnDebits: boolean;
  /** BG-16 payment instructions: BT-81 means code (UNCL 4461: 30 credit transfer, 58 SEPA transfer, 59 SEPA
   * direct debit, 20 cheque, 48 card), BT-83 remittance information, BT-84 IBAN, BT-86 BIC. */
  payment: { meansCode: string; remittanceInformation: string; iban: string | null; bic: string | null };
  /** BT-20 payment terms as text: the terms, the due date, penalties, indemnity, discount. */
  paymentTermsText: string;
  lines: EInvoiceLine[];
  allowancesCharges: EInvoiceAllowanceCharge[];
  vatBreakdown: EInvoiceVatGroup[];
  totals: {
    /** BT-106 */
    lineTotal: string;
    /** BT-107 */
    allowanceTotal: string;
    /** BT-108 */
    chargeTotal: string;
    /** BT-109 */
    net: string;
    /** BT-110 */
    vat: string;
    /** BT-112 */
    gross: string;
    /** BT-113 amount already paid (0.00 unless a prepayment was received and is not deducted as a line). */
    prepaid: string;
    /** BT-115 */
    payable: string;
  };
};

/** The result of reading back an e-invoice Relais produced (round-trip check). */
export type ParsedEInvoice = {
  format: 'cii' | 'ubl';
  typeCode: string;
  number: string;
  issueDate: string;
  currency: string;
  sellerName: string;
  buyerName: string;
  lineCount: number;
  lines: {
    id: string;
    quantity: string;
    netAmount: string;
    vatCategory: string;
    vatRate: string;
    /** BT-153 */
    name?: string;
  }[];
  vatBreakdown: EInvoiceVatGroup[];
  totals: EInvoiceDocument['totals'];
  /** BT-9 (CII: payment terms; UBL Invoice: cbc:DueDate; UBL CreditNote: PaymentMeans/PaymentDueDate). */
  dueDate?: string | null;
  /** BT-10, BT-13 */
  buyerReference?: string | null;
  purchaseOrderReference?: string | null;
  /** BT-31 / BT-48 */
  sellerVatNumber?: string | null;
  buyerVatNumber?: string | null;
  /** BG-3 */
  precedingInvoices?: { number: string; issueDate: string | null }[];
  /** BT-6 and BT-111 */
  vatAccounting?: { currency: string; vatTotal: string } | null;
  /** BT-22 texts (UBL: the single Peppol note split back on its subject-code prefixes). */
  notes?: { subjectCode: string | null; text: string }[];
};
