import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EInvoiceDocument } from '@server/modules/einvoice';
import { extractPdfText, plainSpaces as plain } from '../../../../test/support/pdf-text';
import { renderInvoicePdf } from './invoice.pdf';
import {
  intraEuInvoiceDocument,
  sampleCreditNoteDocument,
  sampleInvoiceDocument,
  usdInvoiceDocument,
} from './invoice.pdf.fixture';

const text = async (pdf: Buffer) => (await extractPdfText(pdf)).text;

/** Every expected string that the text lacks (an empty list is the success). */
const missing = (haystack: string, needles: string[]) => needles.filter((n) => !haystack.includes(plain(n)));

const dir = mkdtempSync(join(tmpdir(), 'relais-invoice-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** pdffonts (poppler-utils) rows of a PDF: font name and its `emb` column. */
function pdfFonts(pdf: Buffer, name: string): { name: string; embedded: boolean }[] {
  const file = join(dir, name);
  writeFileSync(file, pdf);
  const out = execFileSync('pdffonts', [file], { encoding: 'utf8' });
  return out
    .split('\n')
    .slice(2)
    .filter((line) => line.trim())
    .map((line) => {
      // name, type (may contain spaces), encoding, emb, sub, uni, object, generation: read from the right.
      const cols = line.trim().split(/\s+/);
      return { name: cols[0]!, embedded: cols.at(-5) === 'yes' };
    });
}

describe('renderInvoicePdf — domestic invoice (fr)', () => {
  it('prints every mandatory mention', async () => {
    const doc = sampleInvoiceDocument();
    const t = await text(await renderInvoicePdf(doc));
    expect(
      missing(t, [
        'FACTURE',
        'N° FA-2026-00042',
        "Date d'émission : 15/01/2026",
        'Échéance : 31/03/2026',
        // Seller: identity, SIREN and VAT number; legal form, capital and RCS in the footer.
        'Relais Démo',
        'SIREN 123 456 782',
        'N° TVA FR11123456782',
        'SAS au capital de 50 000 € — RCS Lyon 123 456 782',
        // Buyer, with its SIREN and VAT number; delivery address (different).
        'Client — adresse de facturation',
        'Quincaillerie Martin',
        '4 avenue Jean Jaurès 38000 Grenoble',
        'SIREN 908 123 458',
        'N° TVA FR62908123458',
        'Adresse de livraison',
        'ZI des Îles, 18 rue Gustave Eiffel 38130 Échirolles',
        // References and delivery.
        'Votre commande n° : PO-77812',
        'Notre commande : CMD-2026-00007',
        'Bons de livraison : BL-2026-00012 du 08/01/2026 BL-2026-00019 du 13/01/2026',
        'Date de livraison : 13/01/2026',
        'Période de facturation : du 01/01/2026 au 15/01/2026',
        // Lines: codes, designation, quantity and unit, unit price, discount, VAT rate, net.
        'VIS-4X30 Vis à bois 4 × 30 mm, boîte de 200 Votre code article : QM-55012',
        '10 boîte 12,345 € 20 % 123,45 €',
        'CHEV-6 Chevilles nylon 6 mm Sachet de 100',
        '3 pièce 19,99 € 10 % 20 % 53,97 €',
        '7 pièce 4,15 € 5,5 % 29,05 €',
        // Document allowances and charges, VAT breakdown, totals.
        'Remise fidélité 20 % -10,00 €',
        'Frais de port 20 % 15,00 €',
        '20 % 182,42 € 36,48 €',
        '5,5 % 29,05 € 1,60 €',
        'Total des lignes HT 206,47 €',
        'Total HT 211,47 €',
        'Total TVA 38,08 €',
        'Total TTC 249,55 €',
        'Net à payer 249,55 €',
        // Payment.
        'Mode de règlement : Virement SEPA',
        'IBAN : FR76 3000 6000 0112 3456 7890 189',
        'BIC : AGRIFRPPXXX',
        'Référence à rappeler : FA-2026-00042',
        "Paiement : 45 jours fin de mois. Échéance : 31/03/2026. Pénalités de retard : 12,15 % l'an.",
        // Legal notes.
        'Bons de livraison : BL-2026-00012 du 08/01/2026, BL-2026-00019 du 13/01/2026',
        "Catégorie d'opération : livraison de biens",
        'En cas de retard de paiement, pénalités au taux annuel de 12,15 %',
        'Indemnité forfaitaire pour frais de recouvrement en cas de retard de paiement : 40 €',
        "Pas d'escompte pour paiement anticipé",
        'Page 1 / 1',
      ]),
    ).toEqual([]);
    // No exemption text on a domestic taxed invoice, no draft mark.
    expect(t).not.toContain('Exonération');
    expect(t).not.toContain('BROUILLON');
  });

  it('is deterministic, dated from the issue date, with the number in the metadata', async () => {
    const a = await renderInvoicePdf(sampleInvoiceDocument());
    const b = await renderInvoicePdf(sampleInvoiceDocument());
    expect(a.equals(b)).toBe(true);
    const { info } = await extractPdfText(a);
    expect(info.Title).toBe('Facture FA-2026-00042');
    expect(String(info.CreationDate)).toMatch(/^D:20260115/);
    expect(info.Author).toBe('Relais Démo');
  });

  it('continues on further pages with the number in the header', async () => {
    const doc = sampleInvoiceDocument();
    doc.lines = Array.from({ length: 45 }, (_, i) => ({ ...doc.lines[i % 3]!, id: String(i + 1) }));
    const { pages } = await extractPdfText(await renderInvoicePdf(doc));
    expect(pages.length).toBeGreaterThan(1);
    expect(pages[1]).toContain(plain('Facture — N° FA-2026-00042 (suite)'));
    expect(pages.at(-1)).toContain(`Page ${pages.length} / ${pages.length}`);
  });
});

describe('renderInvoicePdf — VAT regimes, credit notes, currencies, languages', () => {
  it('intra-EU supply (K): exemption text and code, both VAT numbers, buyer country', async () => {
    const t = await text(await renderInvoicePdf(intraEuInvoiceDocument()));
    expect(
      missing(t, [
        'FACTURE',
        'N° FA-2026-00057',
        '0 % (livraison intracommunautaire) 630,00 € 0,00 €',
        'Exonération de TVA, article 262 ter I du CGI (VATEX-EU-IC)',
        'N° TVA FR11123456782',
        'N° TVA BE0477472701',
        'Rue de Namur 45 5000 Namur BELGIQUE',
        'Frais de transport 0 % (livraison intracommunautaire) 25,00 €',
        'Total TVA 0,00 €',
        'Net à payer 630,00 €',
        'Bon de livraison : BL-2026-00025 du 10/02/2026',
      ]),
    ).toEqual([]);
  });

  it('credit note: title, reference to the corrected invoice with its date, reason, amount credited', async () => {
    const t = await text(await renderInvoicePdf(sampleCreditNoteDocument()));
    expect(
      missing(t, [
        'AVOIR',
        'N° AV-2026-00003',
        "Date d'émission : 02/02/2026",
        'Facture concernée : FA-2026-00042 du 15/01/2026',
        'Avoir sur facture N° FA-2026-00042 du 15/01/2026 – Motif : Retour de marchandise endommagée',
        'Total TTC 43,18 €',
        "Montant de l'avoir 43,18 €",
        'En cas de retard de paiement, pénalités au taux annuel de 12,15 %',
        'SIREN 908 123 458',
      ]),
    ).toEqual([]);
    expect(t).not.toContain('FACTURE ');
    expect(t).not.toContain('Net à payer');
    expect(t).not.toContain('Référence à rappeler');
  });

  it('down-payment invoice title', async () => {
    const doc: EInvoiceDocument = { ...sampleInvoiceDocument(), typeCode: '386' };
    expect(await text(await renderInvoicePdf(doc))).toContain("FACTURE D'ACOMPTE");
    const en = await text(await renderInvoicePdf({ ...usdInvoiceDocument(), typeCode: '386' }));
    expect(en).toContain('DOWN-PAYMENT INVOICE');
  });

  it('USD invoice to an English-speaking customer: English labels, amounts in USD, VAT total in EUR', async () => {
    const t = await text(await renderInvoicePdf(usdInvoiceDocument()));
    expect(
      missing(t, [
        'INVOICE',
        'No. FA-2026-00064',
        'Issue date: 05 Mar 2026',
        'Due date: 04 Apr 2026',
        'Customer — billing address',
        'Acme Tools France SAS',
        'SIREN 441 203 775',
        'VAT No. FR68441203775',
        'Your order no.: 4500012345',
        'Your reference: ACME-REQ-5521',
        'Our order: CMD-2026-00044',
        'Delivery note: BL-2026-00031 of 04 Mar 2026',
        'Currency: USD',
        '2 pc $1,250.00 20% $2,500.00',
        '5 h $89.90 5% 20% $427.02',
        'Total excl. VAT $2,927.02',
        'Total VAT $585.40',
        'Total incl. VAT $3,512.42',
        'Amount due $3,512.42',
        'Total VAT in EUR €539.45',
        'Exchange rate: 1 USD = 0.9215 EUR',
        'Payment method: Credit transfer',
        'Payment reference: FA-2026-00064',
        'Late payment: penalties at the annual rate of 12.15%',
        'Fixed indemnity for recovery costs in case of late payment: €40',
        'No discount for early payment',
        'Operation category: mixed (supply of goods and supply of services)',
        'SAS with a share capital of €50,000 — RCS Lyon 123 456 782',
      ]),
    ).toEqual([]);
    for (const french of ['FACTURE', 'Échéance', 'Total TTC', 'Net à payer', 'Pénalités'])
      expect(t).not.toContain(french);
  });
});

describe('renderInvoicePdf — draft', () => {
  it('prints the watermark and no number (fr)', async () => {
    const pdf = await renderInvoicePdf(sampleInvoiceDocument(), { draft: true });
    const { text: t, info } = await extractPdfText(pdf);
    expect(t).toContain(plain('BROUILLON — sans valeur légale'));
    expect(t).toContain('Brouillon — non numéroté');
    expect(t).not.toContain('FA-2026-00042');
    expect(info.Title).toBe('Facture (brouillon)');
    expect(String(info.Keywords)).not.toContain('FA-2026-00042');
  });

  it('prints DRAFT (en)', async () => {
    const t = await text(await renderInvoicePdf(usdInvoiceDocument(), { draft: true }));
    expect(t).toContain('DRAFT — no legal value');
    expect(t).not.toContain('FA-2026-00064');
  });
});

describe('renderInvoicePdf — embedded fonts (PDF/A-3, Factur-X)', () => {
  it('embeds every font with embedFonts, bold and italics included', async () => {
    for (const [name, doc, draft] of [
      ['k.pdf', intraEuInvoiceDocument(), false],
      ['usd-draft.pdf', usdInvoiceDocument(), true],
    ] as const) {
      const pdf = await renderInvoicePdf(doc, { embedFonts: true, draft });
      const fonts = pdfFonts(pdf, name);
      expect(fonts.length).toBeGreaterThan(1);
      expect(fonts.filter((f) => !f.embedded)).toEqual([]);
      expect(fonts.every((f) => f.name.includes('Roboto'))).toBe(true);
    }
    // The text is the same as with the standard fonts.
    const embedded = await text(await renderInvoicePdf(intraEuInvoiceDocument(), { embedFonts: true }));
    expect(embedded).toContain('Exonération de TVA, article 262 ter I du CGI');
  });

  it('uses the standard, non-embedded Helvetica by default (the check above is meaningful)', async () => {
    const fonts = pdfFonts(await renderInvoicePdf(sampleInvoiceDocument()), 'standard.pdf');
    expect(fonts.some((f) => f.name.startsWith('Helvetica') && !f.embedded)).toBe(true);
  });
});
