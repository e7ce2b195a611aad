import { describe, expect, it } from 'vitest';
import { PDF_COLORS } from '@server/platform/pdf/document-parts';
import { daysBetween } from '@shared/dates';
import { dec, sum } from '@shared/decimal';
import { extractPdfText, plainSpaces as plain } from '../../../../test/support/pdf-text';
import { agingBucket } from './domain/aging';
import { renderStatementPdf, statementDocDefinition, type StatementPdfData } from './statement.pdf';
import { emptyStatementPdfData, sampleStatementPdfData } from './statement.pdf.fixture';

const text = async (pdf: Buffer) => (await extractPdfText(pdf)).text;

/** Every expected string that the text lacks (an empty list is the success). */
const missing = (haystack: string, needles: string[]) => needles.filter((n) => !haystack.includes(plain(n)));

/** Every table cell / text node of a document definition with a string `text`. */
function textNodes(node: unknown, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(node)) node.forEach((n) => textNodes(n, out));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (typeof o.text === 'string') out.push(o);
    Object.values(o).forEach((v) => textNodes(v, out));
  }
  return out;
}

describe('renderStatementPdf — French customer (fr)', () => {
  it('prints the seller, the customer, every open item, the aging, the balance and the payment details', async () => {
    const t = await text(await renderStatementPdf(sampleStatementPdfData(), 'fr'));
    expect(
      missing(t, [
        'RELEVÉ DE COMPTE',
        'Au 31/03/2026',
        'Code client : C00042',
        // Seller and customer.
        'Relais Démo 12 rue de la République 69002 Lyon',
        'SIREN 123 456 782 · N° TVA FR11123456782',
        'Client Quincaillerie Martin 4 avenue Jean Jaurès 38000 Grenoble SIREN 908 123 458 · N° TVA FR62908123458',
        'Solde dû : 7 062,71 € dont factures échues : 3 868,35 €',
        // Open items, oldest due first: number, type, dates, PO ref, TTC, paid, left to pay, days overdue.
        'N° Type Date Échéance Votre réf. Montant TTC Réglé Reste dû Retard (j)',
        'FA-2025-00318 Facture 10/11/2025 10/12/2025 PO-77102 1 860,00 € 600,00 € 1 260,00 € 111',
        'FA-2026-00012 Facture 08/01/2026 07/02/2026 PO-77455 2 458,80 € 0,00 € 2 458,80 € 52',
        'FA-2026-00057 Facture 05/02/2026 07/03/2026 PO-77812 249,55 € 100,00 € 149,55 € 24',
        // The credit note reduces the balance: printed negative, no due date, no days overdue.
        'AV-2026-00006 Avoir 18/03/2026 — RET-2026-014 -318,00 € 0,00 € -318,00 €',
        'FA-2026-00088 Facture 12/03/2026 30/04/2026 3 912,36 € 0,00 € 3 912,36 € —',
        // Aged balance.
        'Balance âgée Non échu 1–30 jours 31–60 jours 61–90 jours > 90 jours Total',
        '3 912,36 € 149,55 € 2 458,80 € 0,00 € 1 260,00 € 7 780,71 €',
        // Payments received, with the unallocated part.
        'Règlements reçus Date Référence Montant Non imputé',
        '20/03/2026 VIR QUINCAILLERIE MARTIN 200326 400,00 € 400,00 €',
        '25/02/2026 CHQ 8834512 700,00 € 0,00 €',
        // Summary down to the balance.
        'Factures ouvertes 7 780,71 € Avoirs à imputer -318,00 € Crédit non imputé -400,00 € Solde dû 7 062,71 €',
        // Payment details and closing.
        'Bénéficiaire : Relais Démo',
        'IBAN : FR76 3000 6000 0112 3456 7890 189',
        'BIC : AGRIFRPPXXX',
        "Merci d'indiquer les numéros de facture en référence de votre virement.",
        "Sauf erreur ou omission de notre part, le solde de votre compte au 31/03/2026 s'élève à 7 062,71 € en notre faveur.",
        'contactez-nous : compta@relais-demo.fr · Tél. 04 72 00 00 00.',
        // Legal footer.
        'Relais Démo — SAS au capital de 50 000 € — RCS Lyon 123 456 782 — N° TVA FR11123456782',
        'IBAN FR76 3000 6000 0112 3456 7890 189 — BIC AGRIFRPPXXX',
        'Page 1 / 1',
      ]),
    ).toEqual([]);
    expect(t).not.toContain('Aucune facture ouverte');
  });

  it('highlights the days overdue (the oldest bucket filled), nothing for items not due and credit notes', () => {
    const nodes = textNodes(statementDocDefinition(sampleStatementPdfData(), 'fr').content);
    const cell = (s: string) => nodes.find((n) => n.text === s);
    expect(cell('111')).toMatchObject({ bold: true, color: PDF_COLORS.warning, fillColor: PDF_COLORS.warningLight });
    for (const days of ['52', '24']) {
      expect(cell(days)).toMatchObject({ bold: true, color: PDF_COLORS.warning });
      expect(cell(days)).not.toHaveProperty('fillColor');
    }
    // The due dates passed are in the warning colour too; the one to come is not.
    expect(cell('10/12/2025')).toMatchObject({ color: PDF_COLORS.warning });
    expect(cell('30/04/2026')).not.toHaveProperty('color');
  });
});

describe('renderStatementPdf — English', () => {
  it('prints the English labels and formats', async () => {
    const t = await text(await renderStatementPdf(sampleStatementPdfData(), 'en'));
    expect(
      missing(t, [
        'STATEMENT OF ACCOUNT',
        'As of 31 Mar 2026',
        'Customer code: C00042',
        'Customer Quincaillerie Martin',
        'SIREN 908 123 458 · VAT No. FR62908123458',
        'Balance due: €7,062.71 of which overdue invoices: €3,868.35',
        'Open invoices and credit notes',
        'No. Type Date Due date Your ref. Amount incl. VAT Paid Left to pay Days overdue',
        'FA-2025-00318 Invoice 10 Nov 2025 10 Dec 2025 PO-77102 €1,860.00 €600.00 €1,260.00 111',
        'FA-2026-00012 Invoice 08 Jan 2026 07 Feb 2026 PO-77455 €2,458.80 €0.00 €2,458.80 52',
        'FA-2026-00057 Invoice 05 Feb 2026 07 Mar 2026 PO-77812 €249.55 €100.00 €149.55 24',
        'AV-2026-00006 Credit note 18 Mar 2026 — RET-2026-014 -€318.00 €0.00 -€318.00',
        'FA-2026-00088 Invoice 12 Mar 2026 30 Apr 2026 €3,912.36 €0.00 €3,912.36',
        'Aged balance Not due 1–30 days 31–60 days 61–90 days > 90 days Total',
        '€3,912.36 €149.55 €2,458.80 €0.00 €1,260.00 €7,780.71',
        'Payments received Date Reference Amount Unallocated',
        'Open invoices €7,780.71 Open credit notes -€318.00 Unallocated credit -€400.00 Balance due €7,062.71',
        'Payee: Relais Démo',
        'IBAN: FR76 3000 6000 0112 3456 7890 189',
        'BIC: AGRIFRPPXXX',
        'Please quote the invoice numbers as the reference of your transfer.',
        'Unless we are mistaken, the balance of your account as of 31 Mar 2026 is €7,062.71 in our favour.',
        'SAS with a share capital of €50,000 — RCS Lyon 123 456 782 — VAT No. FR11123456782',
        'Page 1 / 1',
      ]),
    ).toEqual([]);
    expect(t).not.toMatch(/Relevé|Facture |Solde|Échéance/);
  });
});

describe('renderStatementPdf — determinism and metadata', () => {
  it('gives the same bytes for the same input, dated from asOf', async () => {
    const a = await renderStatementPdf(sampleStatementPdfData(), 'fr');
    const b = await renderStatementPdf(sampleStatementPdfData(), 'fr');
    expect(a.equals(b)).toBe(true);
    const en = await renderStatementPdf(sampleStatementPdfData(), 'en');
    expect(en.equals(a)).toBe(false);
    expect(en.equals(await renderStatementPdf(sampleStatementPdfData(), 'en'))).toBe(true);

    const { info } = await extractPdfText(a);
    expect(info.Title).toBe('Relevé de compte C00042 au 31/03/2026');
    expect(info.Author).toBe('Relais Démo');
    expect(String(info.CreationDate)).toMatch(/^D:20260331/);
    expect((await extractPdfText(en)).info.Title).toBe('Statement of account C00042 as of 31 Mar 2026');
  });
});

describe('renderStatementPdf — other situations', () => {
  it('says so when nothing is open (fr and en)', async () => {
    const fr = await text(await renderStatementPdf(emptyStatementPdfData(), 'fr'));
    expect(
      missing(fr, [
        'RELEVÉ DE COMPTE',
        'Aucune facture ouverte au 31/03/2026.',
        '0,00 € 0,00 € 0,00 € 0,00 € 0,00 € 0,00 €',
        'Factures ouvertes 0,00 € Solde 0,00 €',
        'Sauf erreur ou omission de notre part, votre compte est soldé au 31/03/2026.',
        'IBAN : FR76 3000 6000 0112 3456 7890 189',
      ]),
    ).toEqual([]);
    expect(fr).not.toMatch(/FA-20|Règlements reçus|Avoirs à imputer|Crédit non imputé|échues/);
    const en = await text(await renderStatementPdf(emptyStatementPdfData(), 'en'));
    expect(missing(en, ['No open invoice as of 31 Mar 2026.', 'nothing is due on your account'])).toEqual([]);
  });

  it('shows a credit balance in the customer’s favour', async () => {
    const d: StatementPdfData = {
      ...emptyStatementPdfData(),
      items: [sampleStatementPdfData().items.find((i) => i.type === 'credit_note')!],
      unallocatedCredit: '150.00',
      balance: '-468.00',
    };
    const t = await text(await renderStatementPdf(d, 'fr'));
    expect(
      missing(t, [
        'AV-2026-00006 Avoir 18/03/2026 — RET-2026-014 -318,00 € 0,00 € -318,00 €',
        'Factures ouvertes 0,00 € Avoirs à imputer -318,00 € Crédit non imputé -150,00 € Solde en votre faveur 468,00 €',
        'votre compte présente au 31/03/2026 un solde de 468,00 € en votre faveur.',
      ]),
    ).toEqual([]);
    expect(t).not.toContain('Aucune facture ouverte');
  });

  it('continues on further pages with the table header and a continuation header', async () => {
    const d = sampleStatementPdfData();
    const first = d.items[0]!;
    d.items = Array.from({ length: 60 }, (_, i) => ({ ...first, number: `FA-2025-${String(i + 1).padStart(5, '0')}` }));
    const { pages } = await extractPdfText(await renderStatementPdf(d, 'fr'));
    expect(pages.length).toBeGreaterThan(1);
    expect(pages[1]).toContain('Relevé de compte C00042 au 31/03/2026 (suite)');
    expect(pages[1]).toContain('N° Type Date Échéance');
    expect(pages.join('\n')).toContain('FA-2025-00060');
    expect(pages.at(-1)).toContain(`Page ${pages.length} / ${pages.length}`);
  });

  it('renders names outside Windows-1252 (embedded Unicode font)', async () => {
    const d = sampleStatementPdfData();
    d.customer.name = 'Łódzka Hurtownia Żelaza';
    d.customer.billingAddress = { line1: 'ul. Piotrkowska 12', postalCode: '90-001', city: 'Łódź', countryCode: 'PL' };
    const t = await text(await renderStatementPdf(d, 'en'));
    expect(missing(t, ['Łódzka Hurtownia Żelaza', '90-001 Łódź POLAND', 'STATEMENT OF ACCOUNT'])).toEqual([]);
  });
});

describe('statement fixture', () => {
  it('is consistent: aging from the items, balance = open invoices − open credit notes − unallocated credit', () => {
    const d = sampleStatementPdfData();
    const invoices = d.items.filter((i) => i.type === 'invoice');
    const credits = d.items.filter((i) => i.type === 'credit_note');
    expect(invoices).toHaveLength(4);
    expect(credits).toHaveLength(1);
    for (const i of d.items) expect(dec(i.gross).minus(i.paid).eq(i.amountDue)).toBe(true);
    for (const i of invoices) expect(i.daysOverdue).toBe(Math.max(0, daysBetween(i.dueDate!, d.asOf)));
    const key = { not_due: 'notDue', d1_30: 'd1_30', d31_60: 'd31_60', d61_90: 'd61_90', over_90: 'over90' } as const;
    for (const [bucket, field] of Object.entries(key)) {
      const inBucket = invoices.filter((i) => agingBucket(i.dueDate, d.asOf) === bucket);
      expect(sum(inBucket.map((i) => i.amountDue)).eq(d.aging[field]), bucket).toBe(true);
    }
    expect(sum(invoices.map((i) => i.amountDue)).eq(d.aging.total)).toBe(true);
    expect(sum(d.payments.map((p) => p.unallocated)).eq(d.unallocatedCredit)).toBe(true);
    const balance = dec(d.aging.total)
      .minus(sum(credits.map((i) => i.amountDue)))
      .minus(d.unallocatedCredit);
    expect(balance.eq(d.balance)).toBe(true);
  });
});
