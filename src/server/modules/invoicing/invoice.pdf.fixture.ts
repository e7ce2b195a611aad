/**
 * Invoice documents for the PDF tests and for looking at the PDF by hand: a domestic invoice of goods (the DOMAIN.md
 * §3.2 worked example, two delivery notes, a different delivery address), its credit note, an intra-EU supply (K)
 * and a US-dollar invoice to an English-speaking customer (VAT total in EUR). Amounts are consistent (EN 16931).
 */
import type { EInvoiceDocument, EInvoiceSeller } from '@server/modules/einvoice';
import type { PaymentTerms } from '@shared/payment-terms';
import { legalNotes, paymentTermsText, vatExemption, type LegalNotesInput } from './domain/mentions';

export const fixtureSeller: EInvoiceSeller = {
  name: 'Relais Démo',
  legalForm: 'SAS',
  shareCapital: '50000',
  rcsCity: 'Lyon',
  siren: '123456782',
  siret: '12345678200017',
  vatNumber: 'FR11123456782',
  address: { line1: '12 rue de la République', postalCode: '69002', city: 'Lyon', countryCode: 'FR' },
  email: 'facturation@relais-demo.fr',
  phone: '04 72 00 00 00',
};

const settings = {
  latePenaltyRate: '12.15',
  recoveryIndemnity: '40.00',
  earlyPaymentDiscount: null,
  vatOnDebits: false,
};

function notesFor(
  doc: Pick<EInvoiceDocument, 'typeCode' | 'language' | 'operationCategory' | 'deliveryNotes' | 'precedingInvoices'>,
  vatRegime: LegalNotesInput['vatRegime'],
  creditReason: string | null = null,
) {
  return legalNotes(
    {
      typeCode: doc.typeCode,
      vatRegime,
      operationCategory: doc.operationCategory,
      ...settings,
      precedingInvoices: doc.precedingInvoices,
      deliveryNotes: doc.deliveryNotes,
      creditReason,
      seller: fixtureSeller,
    },
    doc.language,
  );
}

function termsText(terms: PaymentTerms, dueDate: string | null, lang: 'fr' | 'en'): string {
  return paymentTermsText({ terms, dueDate, ...settings }, lang);
}

const EOM45: PaymentTerms = { basis: 'end_of_month', days: 45, dayOfMonth: null };
const NET30: PaymentTerms = { basis: 'invoice_date', days: 30, dayOfMonth: null };

/** Domestic invoice of goods in French: the DOMAIN.md §3.2 worked example, periodic (two delivery notes). */
export function sampleInvoiceDocument(): EInvoiceDocument {
  const base = {
    typeCode: '380' as const,
    language: 'fr' as const,
    operationCategory: 'goods' as const,
    deliveryNotes: [
      { number: 'BL-2026-00012', date: '2026-01-08' },
      { number: 'BL-2026-00019', date: '2026-01-13' },
    ],
    precedingInvoices: [],
  };
  return {
    ...base,
    number: 'FA-2026-00042',
    issueDate: '2026-01-15',
    dueDate: '2026-03-31',
    currency: 'EUR',
    vatAccounting: null,
    buyerReference: 'PO-77812',
    purchaseOrderReference: 'PO-77812',
    salesOrderReference: 'CMD-2026-00007',
    despatchAdviceReference: 'BL-2026-00012',
    notes: notesFor(base, 'domestic'),
    seller: fixtureSeller,
    buyer: {
      name: 'Quincaillerie Martin',
      siren: '908123458',
      vatNumber: 'FR62908123458',
      address: { line1: '4 avenue Jean Jaurès', postalCode: '38000', city: 'Grenoble', countryCode: 'FR' },
      email: 'compta@quincaillerie-martin.fr',
    },
    delivery: {
      name: 'Quincaillerie Martin — entrepôt',
      address: {
        line1: 'ZI des Îles, 18 rue Gustave Eiffel',
        postalCode: '38130',
        city: 'Échirolles',
        countryCode: 'FR',
      },
    },
    deliveryDate: '2026-01-13',
    invoicingPeriod: { start: '2026-01-01', end: '2026-01-15' },
    vatOnDebits: false,
    payment: {
      meansCode: '58',
      remittanceInformation: 'FA-2026-00042',
      iban: 'FR7630006000011234567890189',
      bic: 'AGRIFRPPXXX',
    },
    paymentTermsText: termsText(EOM45, '2026-03-31', 'fr'),
    lines: [
      {
        id: '1',
        sku: 'VIS-4X30',
        buyerItemId: 'QM-55012',
        gtin: '3760123450019',
        name: 'Vis à bois 4 × 30 mm, boîte de 200',
        quantity: '10',
        unitCode: 'XBX',
        unitPrice: '12.345',
        discountPercent: null,
        allowanceBaseAmount: null,
        allowanceAmount: null,
        netAmount: '123.45',
        vatCategory: 'S',
        vatRate: '20.00',
        note: 'BL-2026-00012 du 08/01/2026',
      },
      {
        id: '2',
        sku: 'CHEV-6',
        buyerItemId: null,
        name: 'Chevilles nylon 6 mm',
        description: 'Sachet de 100',
        quantity: '3',
        unitCode: 'C62',
        unitPrice: '19.99',
        discountPercent: '10.00',
        allowanceBaseAmount: '59.97',
        allowanceAmount: '6.00',
        netAmount: '53.97',
        vatCategory: 'S',
        vatRate: '20.00',
        note: 'BL-2026-00012 du 08/01/2026',
      },
      {
        id: '3',
        sku: 'CAFE-1KG',
        buyerItemId: 'QM-90001',
        name: 'Café en grains 1 kg',
        quantity: '7',
        unitCode: 'C62',
        unitPrice: '4.15',
        discountPercent: null,
        allowanceBaseAmount: null,
        allowanceAmount: null,
        netAmount: '29.05',
        vatCategory: 'S',
        vatRate: '5.50',
        note: 'BL-2026-00019 du 13/01/2026',
      },
    ],
    allowancesCharges: [
      {
        kind: 'allowance',
        amount: '10.00',
        vatCategory: 'S',
        vatRate: '20.00',
        reason: 'Remise fidélité',
        reasonCode: '95',
      },
      {
        kind: 'charge',
        amount: '15.00',
        vatCategory: 'S',
        vatRate: '20.00',
        reason: 'Frais de port',
        reasonCode: 'FC',
      },
    ],
    vatBreakdown: [
      { vatCategory: 'S', vatRate: '20.00', taxableAmount: '182.42', taxAmount: '36.48' },
      { vatCategory: 'S', vatRate: '5.50', taxableAmount: '29.05', taxAmount: '1.60' },
    ],
    totals: {
      lineTotal: '206.47',
      allowanceTotal: '10.00',
      chargeTotal: '15.00',
      net: '211.47',
      vat: '38.08',
      gross: '249.55',
      prepaid: '0.00',
      payable: '249.55',
    },
  };
}

/** Credit note in French for 2 boxes of the invoice's line 2 returned. */
export function sampleCreditNoteDocument(): EInvoiceDocument {
  const invoice = sampleInvoiceDocument();
  const base = {
    typeCode: '381' as const,
    language: 'fr' as const,
    operationCategory: 'goods' as const,
    deliveryNotes: [],
    precedingInvoices: [{ number: invoice.number, issueDate: invoice.issueDate }],
  };
  return {
    ...invoice,
    ...base,
    number: 'AV-2026-00003',
    issueDate: '2026-02-02',
    dueDate: null,
    despatchAdviceReference: null,
    notes: notesFor(base, 'domestic', 'Retour de marchandise endommagée'),
    delivery: null,
    deliveryDate: '2026-01-13',
    invoicingPeriod: null,
    payment: { ...invoice.payment, remittanceInformation: 'AV-2026-00003' },
    paymentTermsText: termsText(EOM45, null, 'fr'),
    lines: [
      {
        ...invoice.lines[1]!,
        id: '1',
        quantity: '2',
        allowanceBaseAmount: '39.98',
        allowanceAmount: '4.00',
        netAmount: '35.98',
        note: null,
      },
    ],
    allowancesCharges: [],
    vatBreakdown: [{ vatCategory: 'S', vatRate: '20.00', taxableAmount: '35.98', taxAmount: '7.20' }],
    totals: {
      lineTotal: '35.98',
      allowanceTotal: '0.00',
      chargeTotal: '0.00',
      net: '35.98',
      vat: '7.20',
      gross: '43.18',
      prepaid: '0.00',
      payable: '43.18',
    },
  };
}

/** Intra-EU supply of goods (category K) to a Belgian company, in French. */
export function intraEuInvoiceDocument(): EInvoiceDocument {
  const base = {
    typeCode: '380' as const,
    language: 'fr' as const,
    operationCategory: 'goods' as const,
    deliveryNotes: [{ number: 'BL-2026-00025', date: '2026-02-10' }],
    precedingInvoices: [],
  };
  const k = vatExemption('intra_eu', 'fr');
  return {
    ...base,
    number: 'FA-2026-00057',
    issueDate: '2026-02-11',
    dueDate: '2026-03-13',
    currency: 'EUR',
    vatAccounting: null,
    buyerReference: null,
    purchaseOrderReference: 'BE-PO-2026-118',
    salesOrderReference: 'CMD-2026-00031',
    despatchAdviceReference: 'BL-2026-00025',
    notes: notesFor(base, 'intra_eu'),
    seller: fixtureSeller,
    buyer: {
      name: 'Brico Wallonie SRL',
      siren: null,
      vatNumber: 'BE0477472701',
      address: { line1: 'Rue de Namur 45', postalCode: '5000', city: 'Namur', countryCode: 'BE' },
    },
    delivery: {
      name: 'Brico Wallonie SRL',
      address: { line1: 'Rue de Namur 45', postalCode: '5000', city: 'Namur', countryCode: 'BE' },
    },
    deliveryDate: '2026-02-10',
    invoicingPeriod: null,
    vatOnDebits: false,
    payment: {
      meansCode: '58',
      remittanceInformation: 'FA-2026-00057',
      iban: 'FR7630006000011234567890189',
      bic: 'AGRIFRPPXXX',
    },
    paymentTermsText: termsText(NET30, '2026-03-13', 'fr'),
    lines: [
      {
        id: '1',
        sku: 'VIS-4X30',
        name: 'Vis à bois 4 × 30 mm, boîte de 200',
        quantity: '100',
        unitCode: 'XBX',
        unitPrice: '3.50',
        discountPercent: null,
        allowanceBaseAmount: null,
        allowanceAmount: null,
        netAmount: '350.00',
        vatCategory: 'K',
        vatRate: '0.00',
      },
      {
        id: '2',
        sku: 'CLOU-VRAC',
        name: 'Clous acier en vrac',
        quantity: '20',
        unitCode: 'KGM',
        unitPrice: '12.75',
        discountPercent: null,
        allowanceBaseAmount: null,
        allowanceAmount: null,
        netAmount: '255.00',
        vatCategory: 'K',
        vatRate: '0.00',
      },
    ],
    allowancesCharges: [
      {
        kind: 'charge',
        amount: '25.00',
        vatCategory: 'K',
        vatRate: '0.00',
        reason: 'Frais de transport',
        reasonCode: 'FC',
      },
    ],
    vatBreakdown: [
      {
        vatCategory: 'K',
        vatRate: '0.00',
        taxableAmount: '630.00',
        taxAmount: '0.00',
        exemptionReason: k.reason,
        exemptionReasonCode: k.code,
      },
    ],
    totals: {
      lineTotal: '605.00',
      allowanceTotal: '0.00',
      chargeTotal: '25.00',
      net: '630.00',
      vat: '0.00',
      gross: '630.00',
      prepaid: '0.00',
      payable: '630.00',
    },
  };
}

/** Invoice in US dollars to the French subsidiary of a US group, in English: VAT total in EUR (BT-6 / BT-111). */
export function usdInvoiceDocument(): EInvoiceDocument {
  const base = {
    typeCode: '380' as const,
    language: 'en' as const,
    operationCategory: 'mixed' as const,
    deliveryNotes: [{ number: 'BL-2026-00031', date: '2026-03-04' }],
    precedingInvoices: [],
  };
  return {
    ...base,
    number: 'FA-2026-00064',
    issueDate: '2026-03-05',
    dueDate: '2026-04-04',
    currency: 'USD',
    vatAccounting: { currency: 'EUR', vatTotal: '539.45', exchangeRate: '0.9215' },
    buyerReference: 'ACME-REQ-5521',
    purchaseOrderReference: '4500012345',
    salesOrderReference: 'CMD-2026-00044',
    despatchAdviceReference: 'BL-2026-00031',
    notes: notesFor(base, 'domestic'),
    seller: fixtureSeller,
    buyer: {
      name: 'Acme Tools France SAS',
      siren: '441203775',
      vatNumber: 'FR68441203775',
      address: { line1: '200 quai de Jemmapes', postalCode: '75010', city: 'Paris', countryCode: 'FR' },
    },
    delivery: null,
    deliveryDate: '2026-03-04',
    invoicingPeriod: null,
    vatOnDebits: false,
    payment: {
      meansCode: '30',
      remittanceInformation: 'FA-2026-00064',
      iban: 'FR7630006000011234567890189',
      bic: 'AGRIFRPPXXX',
    },
    paymentTermsText: termsText(NET30, '2026-04-04', 'en'),
    lines: [
      {
        id: '1',
        sku: 'PERC-18V',
        buyerItemId: 'AT-0091',
        name: 'Cordless hammer drill 18 V',
        quantity: '2',
        unitCode: 'C62',
        unitPrice: '1250.00',
        discountPercent: null,
        allowanceBaseAmount: null,
        allowanceAmount: null,
        netAmount: '2500.00',
        vatCategory: 'S',
        vatRate: '20.00',
      },
      {
        id: '2',
        sku: 'INSTALL-H',
        name: 'On-site installation',
        quantity: '5',
        unitCode: 'HUR',
        unitPrice: '89.90',
        discountPercent: '5.00',
        allowanceBaseAmount: '449.50',
        allowanceAmount: '22.48',
        netAmount: '427.02',
        vatCategory: 'S',
        vatRate: '20.00',
      },
    ],
    allowancesCharges: [],
    vatBreakdown: [{ vatCategory: 'S', vatRate: '20.00', taxableAmount: '2927.02', taxAmount: '585.40' }],
    totals: {
      lineTotal: '2927.02',
      allowanceTotal: '0.00',
      chargeTotal: '0.00',
      net: '2927.02',
      vat: '585.40',
      gross: '3512.42',
      prepaid: '0.00',
      payable: '3512.42',
    },
  };
}
