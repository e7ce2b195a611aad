/**
 * From the invoice's rows to the neutral `EInvoiceDocument` the PDF, Factur-X, UBL and CII are made of. The seller,
 * the customer, the legal mentions and the payment terms text are frozen on the invoice at issue; a draft gets
 * them computed now (its preview).
 */
import type { EInvoiceDocument, EInvoiceNote, EInvoiceSeller } from '@server/modules/einvoice';
import type { Company } from '@shared/api/companies';
import type { InvoiceSettings } from '@shared/api/invoices';
import { dec, toMoneyString } from '@shared/decimal';
import type { PaymentTerms } from '@shared/payment-terms';
import { legalNotes, paymentTermsText, vatExemption } from './domain/mentions';
import type { invoiceAllowanceCharges, invoiceLines, invoices } from './invoicing.schema';

export type InvoiceRow = typeof invoices.$inferSelect;
export type InvoiceLineRow = typeof invoiceLines.$inferSelect;
export type AllowanceChargeRow = typeof invoiceAllowanceCharges.$inferSelect;

/** The customer as invoiced (frozen on the invoice). */
export type CustomerSnapshot = {
  code: string;
  name: string;
  siren: string | null;
  siret: string | null;
  vatNumber: string | null;
  countryCode: string;
  language: string;
  gln: string | null;
  email: string | null;
  billingAddress: { line1: string; line2?: string | null; postalCode: string; city: string; countryCode: string };
  paymentMethod: string;
  invoicingFormat: string;
};

export type SellerSnapshot = EInvoiceSeller & { iban: string | null; bic: string | null };

export function sellerSnapshot(c: Company): SellerSnapshot {
  return {
    name: c.name,
    siren: c.siren,
    vatNumber: c.vatNumber,
    address: c.address,
    email: c.email,
    phone: c.phone,
    legalForm: c.legalForm,
    shareCapital: c.shareCapital,
    rcsCity: c.rcsCity,
    iban: c.iban,
    bic: c.bic,
  };
}

export const docLang = (customer: CustomerSnapshot): 'fr' | 'en' => (customer.language === 'fr' ? 'fr' : 'en');

export type DocumentFacts = {
  invoice: InvoiceRow;
  lines: InvoiceLineRow[];
  allowancesCharges: AllowanceChargeRow[];
  seller: SellerSnapshot;
  settings: InvoiceSettings;
  /** BG-3: credit note → the invoice corrected; final invoice → the down payments deducted. */
  precedingInvoices: { number: string; issueDate: string }[];
  /** Delivery notes invoiced, with the day they left. */
  deliveryNotes: { number: string; date: string }[];
  orderNumbers: string[];
  /** Issue date and number to print on a draft preview. */
  draftIssueDate: string;
};

const typeCodeOf = (inv: InvoiceRow): '380' | '381' | '386' =>
  inv.type === 'credit_note' ? '381' : inv.purpose === 'down_payment' ? '386' : '380';

/** The legal mentions and the BT-20 text, as they are frozen at issue. */
export function mentionsFor(
  facts: Omit<DocumentFacts, 'draftIssueDate'>,
  dueDate: string | null,
): { notes: EInvoiceNote[]; paymentTermsText: string } {
  const inv = facts.invoice;
  const customer = inv.customer as CustomerSnapshot;
  const lang = docLang(customer);
  const notes = legalNotes(
    {
      typeCode: typeCodeOf(inv),
      vatRegime: inv.vatRegime as never,
      operationCategory: inv.operationCategory as never,
      vatOnDebits: facts.settings.vatOnDebits,
      latePenaltyRate: facts.settings.latePenaltyRate,
      recoveryIndemnity: facts.settings.recoveryIndemnity,
      earlyPaymentDiscount: facts.settings.earlyPaymentDiscount ?? null,
      precedingInvoices: facts.precedingInvoices,
      deliveryNotes: facts.deliveryNotes,
      creditReason: inv.reason,
      seller: {
        legalForm: facts.seller.legalForm,
        shareCapital: facts.seller.shareCapital,
        rcsCity: facts.seller.rcsCity,
        siren: facts.seller.siren ?? '',
        name: facts.seller.name,
      },
    },
    lang,
  );
  if (inv.note) notes.push({ subjectCode: 'AAI', text: inv.note });
  const text = paymentTermsText(
    {
      terms: inv.paymentTerms as PaymentTerms,
      dueDate,
      latePenaltyRate: facts.settings.latePenaltyRate,
      recoveryIndemnity: facts.settings.recoveryIndemnity,
      earlyPaymentDiscount: facts.settings.earlyPaymentDiscount ?? null,
    },
    lang,
  );
  return { notes, paymentTermsText: text };
}

export function toEInvoiceDocument(facts: DocumentFacts): EInvoiceDocument {
  const inv = facts.invoice;
  const customer = inv.customer as CustomerSnapshot;
  const lang = docLang(customer);
  const issued = inv.status === 'issued';
  const issueDate = inv.issueDate ?? facts.draftIssueDate;
  const frozen =
    issued && inv.paymentTermsText !== null
      ? { notes: inv.notes as EInvoiceNote[], paymentTermsText: inv.paymentTermsText }
      : mentionsFor(facts, inv.dueDate);
  const delivery = inv.deliveryAddress as { name: string | null; address: CustomerSnapshot['billingAddress'] } | null;
  const vatBreakdown = (
    inv.vatBreakdown as { vatCategory: string; vatRate: string; taxableAmount: string; taxAmount: string }[]
  ).map((g) => {
    const regime =
      g.vatCategory === 'K'
        ? 'intra_eu'
        : g.vatCategory === 'G'
          ? 'export'
          : g.vatCategory === 'AE'
            ? 'reverse_charge'
            : null;
    const ex = regime ? vatExemption(regime, lang) : null;
    if (g.vatCategory === 'E')
      // Late-payment penalties and the recovery indemnity are outside the VAT scope (damages, not a supply).
      return {
        ...g,
        exemptionReason:
          lang === 'fr'
            ? 'Hors champ de la TVA : indemnités de retard (pas de livraison ni de prestation)'
            : 'Outside the scope of VAT: late-payment compensation (no supply)',
        exemptionReasonCode: null,
      };
    return { ...g, exemptionReason: ex?.reason ?? null, exemptionReasonCode: ex?.code ?? null };
  });
  const gross = dec(inv.gross);
  return {
    typeCode: typeCodeOf(inv),
    number: inv.number ?? (lang === 'fr' ? 'BROUILLON' : 'DRAFT'),
    issueDate,
    dueDate: inv.type === 'credit_note' ? null : inv.dueDate,
    currency: inv.currency,
    vatAccounting:
      inv.currency !== 'EUR' && inv.exchangeRate
        ? { currency: 'EUR', vatTotal: inv.vatTotalEur ?? '0.00', exchangeRate: inv.exchangeRate }
        : null,
    language: lang,
    buyerReference: inv.customerReference ?? customer.code,
    purchaseOrderReference: inv.customerReference,
    salesOrderReference: facts.orderNumbers[0] ?? null,
    despatchAdviceReference: facts.deliveryNotes[0]?.number ?? null,
    deliveryNotes: facts.deliveryNotes,
    precedingInvoices: facts.precedingInvoices,
    notes: frozen.notes,
    seller: {
      name: facts.seller.name,
      siren: facts.seller.siren,
      vatNumber: facts.seller.vatNumber,
      address: facts.seller.address,
      email: facts.seller.email ?? null,
      phone: facts.seller.phone ?? null,
      legalForm: facts.seller.legalForm,
      shareCapital: facts.seller.shareCapital,
      rcsCity: facts.seller.rcsCity,
    },
    buyer: {
      name: customer.name,
      siren: customer.siren,
      siret: customer.siret,
      vatNumber: customer.vatNumber,
      gln: customer.gln,
      address: customer.billingAddress,
      email: customer.email,
    },
    delivery: delivery ? { name: delivery.name, address: delivery.address } : null,
    deliveryDate: inv.deliveryDate,
    invoicingPeriod: inv.periodStart && inv.periodEnd ? { start: inv.periodStart, end: inv.periodEnd } : null,
    operationCategory: inv.operationCategory as 'goods' | 'services' | 'mixed',
    vatOnDebits: facts.settings.vatOnDebits,
    payment: {
      // A credit transfer needs the account (BR-61): without our IBAN the means is "not defined" (UNCL 4461: 1).
      meansCode:
        ['30', '58'].includes(facts.settings.paymentMeansCode) && !facts.seller.iban
          ? '1'
          : facts.settings.paymentMeansCode,
      remittanceInformation: inv.number ?? '',
      iban: facts.seller.iban,
      bic: facts.seller.bic,
    },
    paymentTermsText: frozen.paymentTermsText,
    lines: facts.lines.map((l, i) => {
      const grossAmount = toMoneyString(dec(l.quantity).times(l.unitPrice), 2);
      const pct = l.discountPercent && !dec(l.discountPercent).isZero() ? toPercent(l.discountPercent) : null;
      return {
        id: String(i + 1),
        sku: l.sku,
        buyerItemId: l.customerProductCode,
        gtin: l.gtin,
        name: l.name,
        quantity: dec(l.quantity).toFixed(),
        unitCode: l.unit,
        unitPrice: dec(l.unitPrice).toFixed(),
        discountPercent: pct,
        allowanceBaseAmount: pct ? grossAmount : null,
        allowanceAmount: pct ? toMoneyString(dec(grossAmount).minus(l.netAmount), 2) : null,
        netAmount: toMoneyString(l.netAmount, 2),
        vatCategory: l.vatCategory,
        vatRate: dec(l.vatRate).toFixed(2),
        orderLineReference: null,
        note: null,
      };
    }),
    allowancesCharges: facts.allowancesCharges.map((a) => ({
      kind: a.kind as 'allowance' | 'charge',
      amount: toMoneyString(a.amount, 2),
      vatCategory: a.vatCategory,
      vatRate: dec(a.vatRate).toFixed(2),
      reason: a.reason,
      reasonCode: a.reasonCode,
    })),
    vatBreakdown,
    totals: {
      lineTotal: toMoneyString(inv.lineTotal, 2),
      allowanceTotal: toMoneyString(inv.allowanceTotal, 2),
      chargeTotal: toMoneyString(inv.chargeTotal, 2),
      net: toMoneyString(inv.net, 2),
      vat: toMoneyString(inv.vat, 2),
      gross: toMoneyString(gross, 2),
      prepaid: '0.00',
      payable: toMoneyString(gross, 2),
    },
  };
}

const toPercent = (s: string) => {
  const d = dec(s);
  return d.decimalPlaces() <= 2 ? d.toFixed(2) : d.toFixed();
};
