import { describe, expect, it } from 'vitest';
import type { PaymentTerms } from '@shared/payment-terms';
import {
  legalNotes,
  mentionDate,
  mentionEuros,
  mentionRate,
  paymentTermsText,
  vatExemption,
  type LegalNotesInput,
  type MentionLang,
  type VatRegime,
} from './mentions';

describe('vatExemption', () => {
  it.each<[VatRegime, MentionLang, ReturnType<typeof vatExemption>]>([
    ['domestic', 'fr', { category: 'S', reason: null, code: null }],
    ['domestic', 'en', { category: 'S', reason: null, code: null }],
    ['intra_eu', 'fr', { category: 'K', reason: 'Exonération de TVA, article 262 ter I du CGI', code: 'VATEX-EU-IC' }],
    [
      'intra_eu',
      'en',
      {
        category: 'K',
        reason: 'VAT exempt intra-Community supply, article 262 ter I of the French Tax Code (CGI)',
        code: 'VATEX-EU-IC',
      },
    ],
    [
      'export',
      'fr',
      { category: 'G', reason: 'Exportation exonérée de TVA – article 262 I du CGI', code: 'VATEX-EU-G' },
    ],
    [
      'export',
      'en',
      {
        category: 'G',
        reason: 'Export exempt from VAT – article 262 I of the French Tax Code (CGI)',
        code: 'VATEX-EU-G',
      },
    ],
    ['reverse_charge', 'fr', { category: 'AE', reason: 'Autoliquidation', code: 'VATEX-EU-AE' }],
    ['reverse_charge', 'en', { category: 'AE', reason: 'Reverse charge', code: 'VATEX-EU-AE' }],
  ])('%s (%s)', (regime, lang, expected) => {
    expect(vatExemption(regime, lang)).toEqual(expected);
  });
});

describe('formatting', () => {
  it.each<[string, MentionLang, string]>([
    ['12.15', 'fr', '12,15 %'],
    ['12.15', 'en', '12.15%'],
    ['10.00', 'fr', '10 %'],
    ['7.8600', 'fr', '7,86 %'],
    ['12.5', 'en', '12.5%'],
  ])('rate %s (%s) → %s', (rate, lang, expected) => {
    expect(mentionRate(rate, lang)).toBe(expected);
  });

  it.each<[string, MentionLang, string]>([
    ['40.00', 'fr', '40 €'],
    ['40', 'en', '€40'],
    ['40.5', 'fr', '40,50 €'],
    ['40.50', 'en', '€40.50'],
    ['50000', 'fr', '50 000 €'],
    ['1250000.00', 'en', '€1,250,000'],
  ])('euros %s (%s) → %s', (amount, lang, expected) => {
    expect(mentionEuros(amount, lang)).toBe(expected);
  });

  it.each<[string, MentionLang, string]>([
    ['2026-03-31', 'fr', '31/03/2026'],
    ['2026-03-31', 'en', '31 Mar 2026'],
    ['2026-01-05', 'fr', '05/01/2026'],
  ])('date %s (%s) → %s', (date, lang, expected) => {
    expect(mentionDate(date, lang)).toBe(expected);
  });
});

const seller: LegalNotesInput['seller'] = {
  name: 'Relais Démo',
  legalForm: 'SAS',
  shareCapital: '50000',
  rcsCity: 'Lyon',
  siren: '123456789',
};

function input(overrides: Partial<LegalNotesInput> = {}): LegalNotesInput {
  return {
    typeCode: '380',
    vatRegime: 'domestic',
    operationCategory: 'goods',
    vatOnDebits: false,
    latePenaltyRate: '12.15',
    recoveryIndemnity: '40.00',
    earlyPaymentDiscount: null,
    precedingInvoices: [],
    deliveryNotes: [],
    creditReason: null,
    seller,
    ...overrides,
  };
}

const FR_PMT =
  "En cas de retard de paiement, pénalités au taux annuel de 12,15 %, exigibles dès le lendemain de la date d'échéance " +
  "sans qu'un rappel soit nécessaire (art. L441-10 C. com.).";
const FR_PMD =
  'Indemnité forfaitaire pour frais de recouvrement en cas de retard de paiement : 40 € (art. L441-10 et D441-5 C. com.).';
const EN_PMT =
  'Late payment: penalties at the annual rate of 12.15%, due from the day after the due date without any reminder ' +
  'being necessary (art. L441-10 French Commercial Code).';
const EN_PMD =
  'Fixed indemnity for recovery costs in case of late payment: €40 (art. L441-10 and D441-5 French Commercial Code).';

describe('legalNotes', () => {
  it('domestic invoice of goods, in French: exactly the mandatory notes, in order', () => {
    expect(legalNotes(input(), 'fr')).toEqual([
      { subjectCode: 'AAI', text: "Catégorie d'opération : livraison de biens" },
      { subjectCode: 'PMT', text: FR_PMT },
      { subjectCode: 'PMD', text: FR_PMD },
      { subjectCode: 'AAB', text: "Pas d'escompte pour paiement anticipé" },
      { subjectCode: 'ABL', text: 'Relais Démo SAS au capital de 50 000 € – RCS Lyon 123 456 789' },
    ]);
  });

  it('domestic invoice of goods, in English', () => {
    expect(legalNotes(input(), 'en')).toEqual([
      { subjectCode: 'AAI', text: 'Operation category: supply of goods' },
      { subjectCode: 'PMT', text: EN_PMT },
      { subjectCode: 'PMD', text: EN_PMD },
      { subjectCode: 'AAB', text: 'No discount for early payment' },
      { subjectCode: 'ABL', text: 'Relais Démo SAS with a share capital of €50,000 – RCS Lyon 123 456 789' },
    ]);
  });

  it.each<[VatRegime, MentionLang, string | null]>([
    ['domestic', 'fr', null],
    ['intra_eu', 'fr', 'Exonération de TVA, article 262 ter I du CGI'],
    ['intra_eu', 'en', 'VAT exempt intra-Community supply, article 262 ter I of the French Tax Code (CGI)'],
    ['export', 'fr', 'Exportation exonérée de TVA – article 262 I du CGI'],
    ['export', 'en', 'Export exempt from VAT – article 262 I of the French Tax Code (CGI)'],
    ['reverse_charge', 'fr', 'Autoliquidation'],
    ['reverse_charge', 'en', 'Reverse charge'],
  ])('%s (%s): exemption note %s', (vatRegime, lang, expected) => {
    const reg = legalNotes(input({ vatRegime }), lang).filter((n) => n.subjectCode === 'REG');
    expect(reg).toEqual(expected ? [{ subjectCode: 'REG', text: expected }] : []);
  });

  it.each<['goods' | 'services' | 'mixed', MentionLang, string]>([
    ['goods', 'fr', "Catégorie d'opération : livraison de biens"],
    ['services', 'fr', "Catégorie d'opération : prestation de services"],
    ['mixed', 'fr', "Catégorie d'opération : mixte (livraison de biens et prestation de services)"],
    ['goods', 'en', 'Operation category: supply of goods'],
    ['services', 'en', 'Operation category: supply of services'],
    ['mixed', 'en', 'Operation category: mixed (supply of goods and supply of services)'],
  ])('operation category %s (%s)', (operationCategory, lang, expected) => {
    expect(legalNotes(input({ operationCategory }), lang)).toContainEqual({ subjectCode: 'AAI', text: expected });
  });

  it.each<[MentionLang, string]>([
    ['fr', "Option pour le paiement de la taxe d'après les débits"],
    ['en', 'Option for the payment of VAT on debits'],
  ])('VAT on debits (%s)', (lang, expected) => {
    expect(legalNotes(input({ vatOnDebits: true }), lang)).toContainEqual({ subjectCode: 'TXD', text: expected });
    expect(legalNotes(input({ vatOnDebits: false }), lang).some((n) => n.subjectCode === 'TXD')).toBe(false);
  });

  it.each<[string, string, MentionLang, string, string]>([
    ['7.86', '40.00', 'fr', 'au taux annuel de 7,86 %,', ': 40 € ('],
    ['10', '40', 'fr', 'au taux annuel de 10 %,', ': 40 € ('],
    ['12.15', '45.50', 'fr', 'au taux annuel de 12,15 %,', ': 45,50 € ('],
    ['7.86', '40.00', 'en', 'at the annual rate of 7.86%,', ': €40 ('],
  ])('penalty rate %s and indemnity %s (%s)', (latePenaltyRate, recoveryIndemnity, lang, rate, amount) => {
    const notes = legalNotes(input({ latePenaltyRate, recoveryIndemnity }), lang);
    expect(notes.find((n) => n.subjectCode === 'PMT')?.text).toContain(rate);
    expect(notes.find((n) => n.subjectCode === 'PMD')?.text).toContain(amount);
  });

  it.each<[string | null, MentionLang, string]>([
    [null, 'fr', "Pas d'escompte pour paiement anticipé"],
    ['  ', 'fr', "Pas d'escompte pour paiement anticipé"],
    [null, 'en', 'No discount for early payment'],
    ['2 % si paiement sous 10 jours', 'fr', 'Escompte pour paiement anticipé : 2 % si paiement sous 10 jours'],
    ['Escompte de 1 % pour paiement à 8 jours', 'fr', 'Escompte de 1 % pour paiement à 8 jours'],
    ['2% if paid within 10 days', 'en', 'Early payment discount: 2% if paid within 10 days'],
    ['1% discount if paid within 8 days', 'en', '1% discount if paid within 8 days'],
  ])('early-payment discount %j (%s)', (earlyPaymentDiscount, lang, expected) => {
    expect(legalNotes(input({ earlyPaymentDiscount }), lang)).toContainEqual({ subjectCode: 'AAB', text: expected });
  });

  it.each<[Partial<LegalNotesInput['seller']>, MentionLang, string]>([
    [{ shareCapital: '1000000.00' }, 'fr', 'Relais Démo SAS au capital de 1 000 000 € – RCS Lyon 123 456 789'],
    [{ shareCapital: null }, 'fr', 'Relais Démo SAS – RCS Lyon 123 456 789'],
    [{ rcsCity: null, legalForm: 'EI', shareCapital: null }, 'fr', 'Relais Démo EI – SIREN 123 456 789'],
    [{ shareCapital: '37000.50' }, 'en', 'Relais Démo SAS with a share capital of €37,000.50 – RCS Lyon 123 456 789'],
  ])('seller legal info %j (%s)', (s, lang, expected) => {
    expect(legalNotes(input({ seller: { ...seller, ...s } }), lang)).toContainEqual({
      subjectCode: 'ABL',
      text: expected,
    });
  });

  it.each<[MentionLang, LegalNotesInput['precedingInvoices'], string | null, string]>([
    [
      'fr',
      [{ number: 'FA-2026-00012', issueDate: '2026-01-15' }],
      'Retour de marchandise',
      'Avoir sur facture N° FA-2026-00012 du 15/01/2026 – Motif : Retour de marchandise',
    ],
    [
      'en',
      [{ number: 'FA-2026-00012', issueDate: '2026-01-15' }],
      'Goods returned',
      'Credit note for invoice No. FA-2026-00012 of 15 Jan 2026 – Reason: Goods returned',
    ],
    [
      'fr',
      [{ number: 'FA-2026-00012', issueDate: '2026-01-15' }],
      null,
      'Avoir sur facture N° FA-2026-00012 du 15/01/2026',
    ],
    [
      'fr',
      [
        { number: 'FA-2026-00012', issueDate: '2026-01-15' },
        { number: 'FA-2026-00020', issueDate: '2026-02-03' },
      ],
      'Geste commercial',
      'Avoir sur factures N° FA-2026-00012 du 15/01/2026 et N° FA-2026-00020 du 03/02/2026 – Motif : Geste commercial',
    ],
  ])('credit note reference (%s)', (lang, precedingInvoices, creditReason, expected) => {
    const notes = legalNotes(input({ typeCode: '381', precedingInvoices, creditReason }), lang);
    expect(notes[0]).toEqual({ subjectCode: 'AAI', text: expected });
    // A credit note keeps the other mandatory mentions.
    expect(notes.map((n) => n.subjectCode)).toEqual(['AAI', 'AAI', 'PMT', 'PMD', 'AAB', 'ABL']);
  });

  it.each<[MentionLang, string]>([
    ['fr', "Acomptes déduits : factures d'acompte N° FA-2026-00003 du 10/01/2026 et N° FA-2026-00007 du 20/01/2026"],
    [
      'en',
      'Down payments deducted: down-payment invoices No. FA-2026-00003 of 10 Jan 2026 and No. FA-2026-00007 of 20 Jan 2026',
    ],
  ])('final invoice deducting down payments (%s)', (lang, expected) => {
    const precedingInvoices = [
      { number: 'FA-2026-00003', issueDate: '2026-01-10' },
      { number: 'FA-2026-00007', issueDate: '2026-01-20' },
    ];
    expect(legalNotes(input({ precedingInvoices }), lang)[0]).toEqual({ subjectCode: 'AAI', text: expected });
    // A down-payment invoice never lists preceding invoices.
    expect(legalNotes(input({ typeCode: '386', precedingInvoices }), 'fr')[0]?.text).toMatch(/^Catégorie/);
  });

  it.each<[MentionLang, LegalNotesInput['deliveryNotes'], string]>([
    ['fr', [{ number: 'BL-2026-00012', date: '2026-03-02' }], 'Bon de livraison : BL-2026-00012 du 02/03/2026'],
    [
      'fr',
      [
        { number: 'BL-2026-00012', date: '2026-03-02' },
        { number: 'BL-2026-00019', date: '2026-03-09' },
        { number: 'BL-2026-00031', date: '2026-03-23' },
      ],
      'Bons de livraison : BL-2026-00012 du 02/03/2026, BL-2026-00019 du 09/03/2026, BL-2026-00031 du 23/03/2026',
    ],
    [
      'en',
      [
        { number: 'BL-2026-00012', date: '2026-03-02' },
        { number: 'BL-2026-00019', date: '2026-03-09' },
      ],
      'Delivery notes: BL-2026-00012 of 02 Mar 2026, BL-2026-00019 of 09 Mar 2026',
    ],
  ])('periodic invoice lists its delivery notes (%s)', (lang, deliveryNotes, expected) => {
    expect(legalNotes(input({ deliveryNotes }), lang)[0]).toEqual({ subjectCode: 'AAI', text: expected });
  });

  it('full intra-EU credit note on services with VAT on debits: every note, in order', () => {
    const notes = legalNotes(
      input({
        typeCode: '381',
        vatRegime: 'intra_eu',
        operationCategory: 'mixed',
        vatOnDebits: true,
        precedingInvoices: [{ number: 'FA-2026-00012', issueDate: '2026-01-15' }],
        deliveryNotes: [{ number: 'BL-2026-00005', date: '2026-01-14' }],
        creditReason: 'Erreur de prix',
      }),
      'fr',
    );
    expect(notes.map((n) => n.subjectCode)).toEqual(['AAI', 'AAI', 'AAI', 'TXD', 'REG', 'PMT', 'PMD', 'AAB', 'ABL']);
  });
});

describe('paymentTermsText', () => {
  const eom45: PaymentTerms = { basis: 'end_of_month', days: 45, dayOfMonth: null };
  it.each<[PaymentTerms, string | null, MentionLang, string]>([
    [
      eom45,
      '2026-03-31',
      'fr',
      "Paiement : 45 jours fin de mois. Échéance : 31/03/2026. Pénalités de retard : 12,15 % l'an. " +
        "Indemnité forfaitaire pour frais de recouvrement : 40 €. Pas d'escompte pour paiement anticipé.",
    ],
    [
      eom45,
      '2026-03-31',
      'en',
      'Payment: 45 days end of month. Due date: 31 Mar 2026. Late payment penalties: 12.15% per annum. ' +
        'Fixed recovery indemnity: €40. No discount for early payment.',
    ],
    [
      { basis: 'invoice_date', days: 0, dayOfMonth: null },
      '2026-01-15',
      'fr',
      "Paiement : comptant. Échéance : 15/01/2026. Pénalités de retard : 12,15 % l'an. " +
        "Indemnité forfaitaire pour frais de recouvrement : 40 €. Pas d'escompte pour paiement anticipé.",
    ],
    [
      { basis: 'end_of_month', days: 30, dayOfMonth: 10 },
      null,
      'fr',
      "Paiement : 30 jours fin de mois le 10. Pénalités de retard : 12,15 % l'an. " +
        "Indemnité forfaitaire pour frais de recouvrement : 40 €. Pas d'escompte pour paiement anticipé.",
    ],
  ])('%j due %s (%s)', (terms, dueDate, lang, expected) => {
    expect(paymentTermsText({ terms, dueDate, latePenaltyRate: '12.15', recoveryIndemnity: '40.00' }, lang)).toBe(
      expected,
    );
  });

  it.each<[string | null, MentionLang, string]>([
    [null, 'fr', "Pas d'escompte pour paiement anticipé."],
    ['2 % si paiement sous 10 jours', 'fr', 'Escompte pour paiement anticipé : 2 % si paiement sous 10 jours.'],
    ['Escompte de 1 % à 8 jours.', 'fr', 'Escompte de 1 % à 8 jours.'],
    ['2% if paid within 10 days', 'en', 'Early payment discount: 2% if paid within 10 days.'],
  ])('early-payment discount %j (%s) closes the text', (earlyPaymentDiscount, lang, expected) => {
    const text = paymentTermsText(
      { terms: eom45, dueDate: '2026-03-31', latePenaltyRate: '7.86', recoveryIndemnity: '40', earlyPaymentDiscount },
      lang,
    );
    expect(text.endsWith(` ${expected}`)).toBe(true);
    expect(text).toContain(
      lang === 'fr' ? "Pénalités de retard : 7,86 % l'an." : 'Late payment penalties: 7.86% per annum.',
    );
  });
});
