import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatIban,
  formatMoney,
  formatPercent,
  formatQuantity,
  formatSiren,
  needsUnicodeFont,
} from '@server/platform/pdf/pdf';
import { dec, sum, toMoneyString } from '@shared/decimal';
import { quoteDocDefinition, renderQuotePdf, unitLabel, type QuotePdfData } from './quote.pdf';

const NBSP = '\u00a0';
const require = createRequire(import.meta.url);
const STANDARD_FONT_DATA = join(dirname(require.resolve('pdfjs-dist/package.json')), 'standard_fonts') + '/';

type Extracted = { pages: string[]; text: string; info: Record<string, unknown> };

/** Text of every page (pdf.js), with runs of whitespace (including U+00A0) collapsed to one plain space. */
async function extract(pdf: Buffer): Promise<Extracted> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({
    data: new Uint8Array(pdf),
    standardFontDataUrl: STANDARD_FONT_DATA,
    verbosity: 0,
  }).promise;
  const pages: string[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const content = await (await doc.getPage(p)).getTextContent();
    const raw = content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : ' ') : '')).join('');
    pages.push(raw.replace(/\s+/g, ' ').trim());
  }
  const { info } = await doc.getMetadata();
  await doc.destroy();
  return { pages, text: pages.join('\n'), info: info as Record<string, unknown> };
}

const PRODUCTS = [
  { sku: 'CAB-0142', description: 'Câble électrique rigide 3G2,5 mm² — couronne', unit: 'MTR', unitPrice: '1.8450' },
  { sku: 'DISJ-16A', description: 'Disjoncteur différentiel 16 A, façade crème', unit: 'C62', unitPrice: '42.9000' },
  { sku: 'GAIN-20', description: 'Gaine ICTA Ø 20 mm, bobine de 100 m', unit: 'XPK', unitPrice: '27.5000' },
  {
    sku: 'POSE-H',
    description: 'Main-d’œuvre : pose et mise en service à Besançon',
    unit: 'HUR',
    unitPrice: '58.0000',
  },
];

function makeQuote(lineCount: number): QuotePdfData {
  const lines: QuotePdfData['lines'] = [];
  for (let i = 0; i < lineCount; i++) {
    const p = PRODUCTS[i % PRODUCTS.length]!;
    const quantity = i === 0 ? '120.500' : String(1 + (i % 7));
    const discountPercent = i % 3 === 1 ? '10.00' : '0.00';
    const net = toMoneyString(dec(quantity).times(p.unitPrice).times(dec(100).minus(discountPercent).div(100)));
    lines.push({
      sku: p.sku,
      description: lineCount > PRODUCTS.length ? `${p.description} (lot ${i + 1})` : p.description,
      quantity,
      unit: p.unit,
      unitPrice: p.unitPrice,
      discountPercent,
      netAmount: net,
      vatRate: '20.00',
    });
  }
  const net = toMoneyString(sum(lines.map((l) => l.netAmount)));
  const vat = toMoneyString(dec(net).times('0.2'));
  return {
    company: {
      name: 'Électricité Générale du Jura',
      legalForm: 'SAS',
      shareCapital: '150000',
      siren: '732829320',
      rcsCity: 'Besançon',
      vatNumber: 'FR44732829320',
      address: {
        line1: '12 rue des Forgerons',
        line2: 'ZA de la Fraîche',
        postalCode: '25000',
        city: 'Besançon',
        countryCode: 'FR',
      },
      email: 'devis@egj.fr',
      phone: '03 81 00 00 00',
      iban: 'FR7630006000011234567890189',
      bic: 'AGRIFRPP',
    },
    customer: {
      code: 'C00042',
      name: 'Société Hôtelière du Lac',
      siren: '552100554',
      vatNumber: 'FR03552100554',
      billingAddress: { line1: '3 quai de la Gare', postalCode: '74000', city: 'Annecy', countryCode: 'FR' },
    },
    quote: {
      number: 'D2026-00042',
      issueDate: '2026-11-23',
      validUntil: '2026-12-23',
      customerReference: 'DA-7781',
      currency: 'EUR',
      notes:
        'Livraison en façade, accès par la cour, main-d’œuvre comprise. Délai : 3 semaines à réception de l’accord.',
      paymentTermsText: '30 jours fin de mois, par virement',
      tender: { reference: 'AO-2026-17', deadline: '2026-12-15' },
      contactName: 'Mme Françoise Bérard',
    },
    lines,
    totals: {
      net,
      vat,
      gross: toMoneyString(dec(net).plus(vat)),
      vatBreakdown: [{ vatCategory: 'S', vatRate: '20.00', taxableAmount: net, taxAmount: vat }],
    },
  };
}

/** The same formatting as the document, with the U+00A0 spaces turned into the plain spaces of the extracted text. */
const plain = (s: string) => s.replace(/\u00a0/g, ' ');

describe('PDF formatting helpers', () => {
  it('formats money from decimal strings without floats', () => {
    expect(formatMoney('1234.5', 'EUR', 'fr')).toBe(`1${NBSP}234,50${NBSP}€`);
    expect(formatMoney('1234.5', 'EUR', 'en')).toBe('€1,234.50');
    expect(formatMoney('-1234567.005', 'EUR', 'fr')).toBe(`-1${NBSP}234${NBSP}567,01${NBSP}€`);
    expect(formatMoney('-0.001', 'EUR', 'en')).toBe('€0.00');
    expect(formatMoney('0.1234', 'EUR', 'fr', { maxDecimals: 4 })).toBe(`0,1234${NBSP}€`);
    expect(formatMoney('12.5000', 'EUR', 'fr', { maxDecimals: 4 })).toBe(`12,50${NBSP}€`);
    expect(formatMoney('9007199254740993.10', 'EUR', 'en')).toBe('€9,007,199,254,740,993.10');
    expect(formatMoney('1500', 'CHF', 'en')).toBe(`CHF${NBSP}1,500.00`);
    expect(formatMoney('1500', 'XOF', 'fr')).toBe(`1${NBSP}500${NBSP}XOF`);
  });

  it('formats quantities, percentages, dates and identifiers', () => {
    expect(formatQuantity('2.5', 'fr')).toBe('2,5');
    expect(formatQuantity('2.500', 'en')).toBe('2.5');
    expect(formatQuantity('12000.000', 'fr')).toBe(`12${NBSP}000`);
    expect(formatPercent('20.00', 'fr')).toBe(`20${NBSP}%`);
    expect(formatPercent('5.50', 'en')).toBe('5.5%');
    expect(formatDate('2026-11-23', 'fr')).toBe('23/11/2026');
    expect(formatDate('2026-11-23', 'en')).toBe('23 Nov 2026');
    expect(() => formatDate('2026-02-30', 'fr')).toThrow(RangeError);
    expect(formatSiren('732829320')).toBe(`732${NBSP}829${NBSP}320`);
    expect(formatIban('FR7630006000011234567890189')).toBe(
      plain('FR76 3000 6000 0112 3456 7890 189').replace(/ /g, NBSP),
    );
    expect(unitLabel('C62', 'fr')).toBe('pièce');
    expect(unitLabel('XBX', 'en')).toBe('box');
    expect(unitLabel('ZZZ', 'fr')).toBe('ZZZ');
  });
});

describe('quote PDF', () => {
  const short = makeQuote(3);
  const long = makeQuote(60);

  it('renders a French 3-line quote with every mention of a devis', async () => {
    const pdf = await renderQuotePdf(short, 'fr');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const { pages, text, info } = await extract(pdf);

    expect(pages).toHaveLength(1);
    expect(text).toContain('DEVIS');
    expect(text).toContain('N° D2026-00042');
    expect(text).toContain('Électricité Générale du Jura');
    expect(text).toContain('Société Hôtelière du Lac');
    expect(text).toContain("À l'attention de : Mme Françoise Bérard");
    expect(text).toContain('Votre référence : DA-7781');
    expect(text).toContain("Appel d'offres n° AO-2026-17 — date limite : 15/12/2026");
    for (const h of ['Réf.', 'Désignation', 'Qté', 'Unité', 'PU HT', 'Remise', 'Total HT', 'TVA'])
      expect(text).toContain(h);
    for (const line of short.lines) expect(text).toContain(line.description);
    // 120.5 m × 1.845 € = 222.32 €; 2 pièces × 42.90 € − 10 % = 77.22 €; 3 paquets × 27.50 € = 82.50 €.
    expect(text).toContain('120,5 m 1,845 € 222,32 € 20 %');
    expect(text).toContain('2 pièce 42,90 € 10 % 77,22 € 20 %');
    expect(text).toContain('3 paquet 27,50 € 82,50 € 20 %');
    expect(short.totals).toMatchObject({ net: '382.04', vat: '76.41', gross: '458.45' });
    expect(text).toContain('Total HT 382,04 €');
    expect(text).toContain('Total TVA 76,41 €');
    expect(text).toContain('Total TTC 458,45 €');
    expect(text).toContain('20 % 382,04 € 76,41 €');
    expect(text).toContain("Devis valable jusqu'au 23/12/2026.");
    expect(text).toContain('Conditions de paiement : 30 jours fin de mois, par virement');
    expect(text).toContain("Nos conditions générales de vente s'appliquent.");
    expect(text).toContain('Bon pour accord');
    expect(text).toContain('Livraison en façade');
    // Footer: legal identity of the seller and page numbering.
    expect(text).toContain('SAS au capital de 150 000 € — RCS Besançon 732 829 320 — N° TVA FR44732829320');
    expect(text).toContain('IBAN FR76 3000 6000 0112 3456 7890 189 — BIC AGRIFRPP');
    expect(text).toContain('Page 1 / 1');
    // Accents and € survive (no mojibake, no replacement characters).
    for (const ch of ['é', 'è', 'à', 'ç', 'ô', 'Ø', 'œ', '€', '²', '’', '—']) expect(text).toContain(ch);
    expect(text).not.toMatch(/[\ufffd]/);

    expect(info.Title).toBe('Devis D2026-00042');
    expect(info.Author).toBe('Électricité Générale du Jura');
    expect(info.Subject).toBe('Devis D2026-00042 — Société Hôtelière du Lac');
  });

  it('renders the English version', async () => {
    const { pages, text } = await extract(await renderQuotePdf(short, 'en'));
    expect(pages).toHaveLength(1);
    expect(text).toContain('QUOTATION');
    expect(text).toContain('No. D2026-00042');
    expect(text).toContain('Société Hôtelière du Lac');
    expect(text).toContain('Tender No. AO-2026-17 — submission deadline: 15 Dec 2026');
    for (const line of short.lines) expect(text).toContain(line.description);
    expect(text).toContain('120.5 m €1.845 €222.32');
    expect(text).toContain('2 pc €42.90 10% €77.22 20%');
    expect(text).toContain('Total excl. VAT €382.04');
    expect(text).toContain('Total incl. VAT €458.45');
    expect(text).toContain('This quotation is valid until 23 Dec 2026.');
    expect(text).toContain('Payment terms: 30 jours fin de mois, par virement');
    expect(text).toContain('Our general terms and conditions of sale apply.');
    expect(text).toContain('SAS with a share capital of €150,000 — RCS Besançon 732 829 320 — VAT No. FR44732829320');
    expect(text).toContain('Page 1 / 1');
  });

  it.each(['fr', 'en'] as const)(
    'paginates a 60-line quote (%s) with header and footer on every page',
    async (lang) => {
      const { pages, text } = await extract(await renderQuotePdf(long, lang));
      expect(pages.length).toBeGreaterThan(1);
      for (const line of long.lines) expect(text).toContain(line.description);
      const [designation, total] = lang === 'fr' ? ['Désignation', 'Total TTC'] : ['Description', 'Total incl. VAT'];
      pages.forEach((page, i) => {
        expect(page).toContain(designation); // table header repeated
        expect(page).toContain(`Page ${i + 1} / ${pages.length}`);
        expect(page).toContain('732 829 320');
        expect(page).toContain('FR44732829320');
        if (i > 0) expect(page).toContain('D2026-00042');
      });
      expect(pages.at(-1)).toContain(`${total} ${plain(formatMoney(long.totals.gross, 'EUR', lang))}`);
      expect(text).toContain(plain(formatMoney(long.totals.net, 'EUR', lang)));
    },
  );

  it('is deterministic: same data, same bytes', async () => {
    const a = await renderQuotePdf(short, 'fr');
    const b = await renderQuotePdf(short, 'fr');
    expect(a.equals(b)).toBe(true);
  });

  it('switches to the embedded Unicode font when a text is outside WinAnsi', async () => {
    expect(needsUnicodeFont(quoteDocDefinition(short, 'fr'))).toBe(false);
    const polish = structuredClone(short);
    polish.customer.name = 'Łódzkie Zakłady Energetyczne Sp. z o.o.';
    polish.customer.billingAddress = {
      line1: 'ul. Piotrkowska 12',
      postalCode: '90-001',
      city: 'Łódź',
      countryCode: 'PL',
    };
    expect(needsUnicodeFont(quoteDocDefinition(polish, 'fr'))).toBe(true);
    const { text } = await extract(await renderQuotePdf(polish, 'fr'));
    expect(text).toContain('Łódzkie Zakłady Energetyczne Sp. z o.o.');
    expect(text).toContain('90-001 Łódź');
    expect(text).toContain('POLOGNE');
    expect(text).toContain('Total TTC 458,45 €');
    expect(text).toContain('Désignation');
  });
});
