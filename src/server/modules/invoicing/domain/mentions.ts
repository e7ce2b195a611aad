/**
 * French legal mentions of invoices and credit notes (DOMAIN.md §2, §4), in the customer's language (fr / en):
 * the VAT exemption text and code of each VAT regime (BT-120 / BT-121), the invoice notes (BT-22 with their UNCL 4451
 * subject codes) and the payment terms text (BT-20). Pure: no I/O, no clock; every figure (penalty rate, indemnity)
 * comes from the caller's configuration.
 *
 * Texts use plain spaces (they also go into the e-invoice XML); the PDF makes the spaces before « % », « € », « : »
 * non-breaking when it prints them. Dates: fr 31/03/2026, en 31 Mar 2026 (as on the PDF).
 */
import type { EInvoiceNote } from '@server/modules/einvoice';
import { isDecimalString, roundHalfUp } from '@shared/decimal';
import { parseIsoDate } from '@shared/dates';
import { describeTerms, type PaymentTerms } from '@shared/payment-terms';

export type MentionLang = 'fr' | 'en';
export type VatRegime = 'domestic' | 'intra_eu' | 'export' | 'reverse_charge';
export type OperationCategory = 'goods' | 'services' | 'mixed';

/**
 * VAT category of a regime with its exemption reason and code. Category 'S' (domestic) means "keep the product's own
 * category and rate": no exemption text then.
 */
export type VatExemption = { category: 'S' | 'K' | 'G' | 'AE'; reason: string | null; code: string | null };

const EXEMPTIONS: Record<
  Exclude<VatRegime, 'domestic'>,
  { category: 'K' | 'G' | 'AE'; code: string } & Record<MentionLang, string>
> = {
  intra_eu: {
    category: 'K',
    code: 'VATEX-EU-IC',
    fr: 'Exonération de TVA, article 262 ter I du CGI',
    en: 'VAT exempt intra-Community supply, article 262 ter I of the French Tax Code (CGI)',
  },
  export: {
    category: 'G',
    code: 'VATEX-EU-G',
    fr: 'Exportation exonérée de TVA – article 262 I du CGI',
    en: 'Export exempt from VAT – article 262 I of the French Tax Code (CGI)',
  },
  reverse_charge: {
    category: 'AE',
    code: 'VATEX-EU-AE',
    fr: 'Autoliquidation',
    en: 'Reverse charge',
  },
};

/** The VAT category, exemption reason (BT-120) and exemption reason code (BT-121) of a VAT regime. */
export function vatExemption(regime: VatRegime, lang: MentionLang): VatExemption {
  if (regime === 'domestic') return { category: 'S', reason: null, code: null };
  const e = EXEMPTIONS[regime];
  return { category: e.category, reason: e[lang], code: e.code };
}

export type LegalNotesInput = {
  /** 380 invoice, 381 credit note, 386 down-payment invoice. */
  typeCode: '380' | '381' | '386';
  vatRegime: VatRegime;
  operationCategory: OperationCategory;
  vatOnDebits: boolean;
  /** Annual late-payment penalty rate in percent, e.g. "12.15". */
  latePenaltyRate: string;
  /** Fixed recovery indemnity in euros, e.g. "40.00". */
  recoveryIndemnity: string;
  /** Early-payment discount conditions as configured (free text); null: no discount. */
  earlyPaymentDiscount: string | null;
  /** Credit note: the invoice(s) it corrects; final invoice: the down-payment invoices it deducts. ISO dates. */
  precedingInvoices: { number: string; issueDate: string }[];
  /** Delivery notes invoiced (a periodic invoice lists them all). ISO dates. */
  deliveryNotes: { number: string; date: string }[];
  /** Credit note: why it is issued. */
  creditReason: string | null;
  seller: {
    legalForm: string;
    /** Share capital in euros as a decimal string ("50000") or as printed; null when not applicable. */
    shareCapital: string | null;
    rcsCity: string | null;
    siren: string | null;
    name: string;
  };
};

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** 'YYYY-MM-DD' → fr "31/03/2026", en "31 Mar 2026". */
export function mentionDate(isoDate: string, lang: MentionLang): string {
  const d = parseIsoDate(isoDate); // validates
  const day = String(d.getUTCDate()).padStart(2, '0');
  if (lang === 'fr') return `${day}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${isoDate.slice(0, 4)}`;
  return `${day} ${MONTHS_EN[d.getUTCMonth()]} ${isoDate.slice(0, 4)}`;
}

/**
 * A decimal string with grouped thousands (fr "1 234,5" with a plain space, en "1,234.5"), at most `maxDecimals`
 * (half-up), trailing zeros dropped unless `keepDecimals` and the value is not whole.
 */
function number(value: string, lang: MentionLang, maxDecimals: number, keepDecimals: boolean): string {
  if (!isDecimalString(value)) return value;
  const d = roundHalfUp(value, maxDecimals);
  let fixed = d.abs().toFixed(maxDecimals);
  const whole = d.isInteger();
  if (whole) fixed = fixed.split('.')[0]!;
  else if (!keepDecimals) fixed = fixed.replace(/\.?0+$/, '');
  const [int = '0', frac] = fixed.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'fr' ? ' ' : ',');
  return `${d.isNegative() && !d.isZero() ? '-' : ''}${grouped}${frac ? (lang === 'fr' ? ',' : '.') + frac : ''}`;
}

/** Rate in percent: fr "12,15 %", en "12.15%". */
export function mentionRate(rate: string, lang: MentionLang): string {
  const n = number(rate, lang, 4, false);
  return lang === 'fr' ? `${n} %` : `${n}%`;
}

/** Amount in euros, without cents when whole: fr "40 €", "40,50 €"; en "€40", "€40.50". */
export function mentionEuros(amount: string, lang: MentionLang): string {
  const n = number(amount, lang, 2, true);
  return lang === 'fr' ? `${n} €` : `€${n}`;
}

/** SIREN in groups of three with plain spaces. */
function siren(s: string): string {
  const digits = s.replace(/\s/g, '');
  return /^\d{9}$/.test(digits) ? digits.replace(/(\d{3})(\d{3})(\d{3})/, '$1 $2 $3') : s;
}

const OPERATION_CATEGORIES: Record<OperationCategory, Record<MentionLang, string>> = {
  goods: { fr: 'livraison de biens', en: 'supply of goods' },
  services: { fr: 'prestation de services', en: 'supply of services' },
  mixed: {
    fr: 'mixte (livraison de biens et prestation de services)',
    en: 'mixed (supply of goods and supply of services)',
  },
};

const T = {
  fr: {
    invoiceRef: (n: string, d: string) => `N° ${n} du ${d}`,
    creditNote: (refs: string[]) => `Avoir sur ${refs.length > 1 ? 'factures' : 'facture'} ${list(refs, 'fr')}`,
    creditReason: 'Motif : ',
    downPayments: (refs: string[]) =>
      `Acomptes déduits : ${refs.length > 1 ? "factures d'acompte" : "facture d'acompte"} ${list(refs, 'fr')}`,
    deliveryNotes: (n: number) => `${n > 1 ? 'Bons de livraison' : 'Bon de livraison'} : `,
    deliveryNote: (n: string, d: string) => `${n} du ${d}`,
    operation: (c: string) => `Catégorie d'opération : ${c}`,
    vatOnDebits: "Option pour le paiement de la taxe d'après les débits",
    penalties: (rate: string) =>
      `En cas de retard de paiement, pénalités au taux annuel de ${rate}, exigibles dès le lendemain de la date ` +
      `d'échéance sans qu'un rappel soit nécessaire (art. L441-10 C. com.).`,
    indemnity: (amount: string) =>
      `Indemnité forfaitaire pour frais de recouvrement en cas de retard de paiement : ${amount} ` +
      `(art. L441-10 et D441-5 C. com.).`,
    discountWord: /escompte/i,
    discount: (text: string) => `Escompte pour paiement anticipé : ${text}`,
    noDiscount: "Pas d'escompte pour paiement anticipé",
    capital: (c: string) => `au capital de ${c}`,
  },
  en: {
    invoiceRef: (n: string, d: string) => `No. ${n} of ${d}`,
    creditNote: (refs: string[]) => `Credit note for ${refs.length > 1 ? 'invoices' : 'invoice'} ${list(refs, 'en')}`,
    creditReason: 'Reason: ',
    downPayments: (refs: string[]) =>
      `Down payments deducted: ${refs.length > 1 ? 'down-payment invoices' : 'down-payment invoice'} ${list(refs, 'en')}`,
    deliveryNotes: (n: number) => `${n > 1 ? 'Delivery notes' : 'Delivery note'}: `,
    deliveryNote: (n: string, d: string) => `${n} of ${d}`,
    operation: (c: string) => `Operation category: ${c}`,
    vatOnDebits: 'Option for the payment of VAT on debits',
    penalties: (rate: string) =>
      `Late payment: penalties at the annual rate of ${rate}, due from the day after the due date without any ` +
      `reminder being necessary (art. L441-10 French Commercial Code).`,
    indemnity: (amount: string) =>
      `Fixed indemnity for recovery costs in case of late payment: ${amount} ` +
      `(art. L441-10 and D441-5 French Commercial Code).`,
    discountWord: /escompte|discount/i,
    discount: (text: string) => `Early payment discount: ${text}`,
    noDiscount: 'No discount for early payment',
    capital: (c: string) => `with a share capital of ${c}`,
  },
} as const;

/** "A, B and C" / « A, B et C ». */
function list(items: string[], lang: MentionLang): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${lang === 'fr' ? 'et' : 'and'} ${items.at(-1)!}`;
}

/** Seller's legal identity: « Relais SAS au capital de 50 000 € – RCS Lyon 123 456 789 ». */
function sellerLegalInfo(s: LegalNotesInput['seller'], lang: MentionLang): string {
  const form = s.shareCapital
    ? `${s.legalForm} ${T[lang].capital(isDecimalString(s.shareCapital) ? mentionEuros(s.shareCapital, lang) : s.shareCapital)}`
    : s.legalForm;
  const parts = [`${s.name} ${form}`.trim()];
  if (s.siren) parts.push(s.rcsCity ? `RCS ${s.rcsCity} ${siren(s.siren)}` : `SIREN ${siren(s.siren)}`);
  return parts.join(' – ');
}

/** Early-payment discount mention: the configured text (prefixed unless it names the discount itself) or « Pas
 * d'escompte pour paiement anticipé ». */
function discountText(conditions: string | null, lang: MentionLang): string {
  const t = T[lang];
  const text = conditions?.trim();
  if (!text) return t.noDiscount;
  return t.discountWord.test(text) ? text : t.discount(text);
}

/**
 * The legal notes (BT-22) of an invoice, a credit note or a down-payment invoice, in this order: references (credit
 * note → corrected invoice and reason; final invoice → down payments deducted), delivery notes, operation category,
 * VAT on debits option, VAT exemption (K / G / AE), late-payment penalties, recovery indemnity, early-payment
 * discount, seller's legal identity.
 */
export function legalNotes(input: LegalNotesInput, lang: MentionLang): EInvoiceNote[] {
  const t = T[lang];
  const notes: EInvoiceNote[] = [];
  const refs = input.precedingInvoices.map((p) => t.invoiceRef(p.number, mentionDate(p.issueDate, lang)));

  if (input.typeCode === '381') {
    const reason = input.creditReason?.trim() ? `${t.creditReason}${input.creditReason.trim()}` : null;
    const text = [refs.length ? t.creditNote(refs) : null, reason].filter((x): x is string => !!x).join(' – ');
    if (text) notes.push({ subjectCode: 'AAI', text });
  } else if (input.typeCode === '380' && refs.length) {
    notes.push({ subjectCode: 'AAI', text: t.downPayments(refs) });
  }
  if (input.deliveryNotes.length) {
    const items = input.deliveryNotes.map((n) => t.deliveryNote(n.number, mentionDate(n.date, lang)));
    notes.push({ subjectCode: 'AAI', text: `${t.deliveryNotes(items.length)}${items.join(', ')}` });
  }
  notes.push({ subjectCode: 'AAI', text: t.operation(OPERATION_CATEGORIES[input.operationCategory][lang]) });
  if (input.vatOnDebits) notes.push({ subjectCode: 'TXD', text: t.vatOnDebits });
  const exemption = vatExemption(input.vatRegime, lang);
  if (exemption.reason) notes.push({ subjectCode: 'REG', text: exemption.reason });
  notes.push({ subjectCode: 'PMT', text: t.penalties(mentionRate(input.latePenaltyRate, lang)) });
  notes.push({ subjectCode: 'PMD', text: t.indemnity(mentionEuros(input.recoveryIndemnity, lang)) });
  notes.push({ subjectCode: 'AAB', text: discountText(input.earlyPaymentDiscount, lang) });
  notes.push({ subjectCode: 'ABL', text: sellerLegalInfo(input.seller, lang) });
  return notes;
}

export type PaymentTermsTextInput = {
  terms: PaymentTerms;
  /** ISO due date; null on a credit note. */
  dueDate: string | null;
  latePenaltyRate: string;
  recoveryIndemnity: string;
  /** Early-payment discount conditions (free text); null or absent: « Pas d'escompte pour paiement anticipé ». */
  earlyPaymentDiscount?: string | null;
};

/**
 * BT-20 payment terms: « Paiement : 30 jours fin de mois. Échéance : 31/03/2026. Pénalités de retard : 12,15 % l'an.
 * Indemnité forfaitaire pour frais de recouvrement : 40 €. Pas d'escompte pour paiement anticipé. » — the due date as
 * a real date (L441-10).
 */
export function paymentTermsText(input: PaymentTermsTextInput, lang: MentionLang): string {
  const label = describeTerms(input.terms, lang);
  const rate = mentionRate(input.latePenaltyRate, lang);
  const indemnity = mentionEuros(input.recoveryIndemnity, lang);
  const discount = `${discountText(input.earlyPaymentDiscount ?? null, lang).replace(/\.$/, '')}.`;
  const parts =
    lang === 'fr'
      ? [
          `Paiement : ${label}.`,
          input.dueDate ? `Échéance : ${mentionDate(input.dueDate, lang)}.` : null,
          `Pénalités de retard : ${rate} l'an.`,
          `Indemnité forfaitaire pour frais de recouvrement : ${indemnity}.`,
          discount,
        ]
      : [
          `Payment: ${label}.`,
          input.dueDate ? `Due date: ${mentionDate(input.dueDate, lang)}.` : null,
          `Late payment penalties: ${rate} per annum.`,
          `Fixed recovery indemnity: ${indemnity}.`,
          discount,
        ];
  return parts.filter((x): x is string => !!x).join(' ');
}
