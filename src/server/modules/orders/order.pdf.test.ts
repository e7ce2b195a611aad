import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatMoney, needsUnicodeFont } from '@server/platform/pdf/pdf';
import { dec, sum, toMoneyString } from '@shared/decimal';
import { orderAckDocDefinition, renderOrderAckPdf, type OrderAckPdfData } from './order.pdf';

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

/** The same formatting as the document, with the U+00A0 spaces turned into the plain spaces of the extracted text. */
const plain = (s: string) => s.replace(/\u00a0/g, ' ');

type Line = OrderAckPdfData['lines'][number];
type LineInput = Omit<Line, 'netAmount' | 'vatRate'>;

const LINES: LineInput[] = [
  {
    sku: 'CAB-0142',
    customerProductCode: 'HL-CAB-3G25',
    description: 'Câble électrique rigide 3G2,5 mm² — couronne',
    quantity: '120.500',
    unit: 'MTR',
    unitPrice: '1.8450',
    discountPercent: '0.00',
    requestedDeliveryDate: '2026-12-01',
    promisedDeliveryDate: '2026-12-04',
    backorderQuantity: '20.500',
    differences: ['Date demandée non tenable : livraison au plus tôt le 04/12/2026'],
  },
  {
    sku: 'DISJ-16A',
    customerProductCode: 'DISJ-16A', // same as ours: not repeated
    description: 'Disjoncteur différentiel 16 A, façade crème',
    quantity: '40',
    unit: 'C62',
    unitPrice: '42.9000',
    discountPercent: '10.00',
    requestedDeliveryDate: '2026-12-01',
    promisedDeliveryDate: '2026-12-01',
    backorderQuantity: '0',
    differences: ['Prix différent du tarif convenu'],
  },
  {
    sku: 'GAIN-20',
    customerProductCode: null,
    description: 'Gaine ICTA Ø 20 mm, bobine de 100 m',
    quantity: '3',
    unit: 'XPK',
    unitPrice: '27.5000',
    discountPercent: '0.00',
    requestedDeliveryDate: null,
    promisedDeliveryDate: null, // falls back to the order's promised date
    backorderQuantity: '0.000',
    differences: [],
  },
];

function withAmounts(l: LineInput): Line {
  const net = dec(l.quantity).times(l.unitPrice).times(dec(100).minus(l.discountPercent).div(100));
  return { ...l, netAmount: toMoneyString(net), vatRate: '20.00' };
}

function makeOrder(lines: LineInput[]): OrderAckPdfData {
  const withNet = lines.map(withAmounts);
  const net = toMoneyString(sum(withNet.map((l) => l.netAmount)));
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
      email: 'adv@egj.fr',
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
    shipTo: {
      name: 'Hôtel du Lac — réserve technique',
      address: {
        line1: '2 route de Sévrier',
        line2: 'Quai de livraison B',
        postalCode: '74320',
        city: 'Sévrier',
        countryCode: 'FR',
      },
    },
    order: {
      number: 'CMD-2026-00042',
      orderDate: '2026-11-23',
      customerReference: 'PO-7781',
      requestedDeliveryDate: '2026-12-01',
      promisedDeliveryDate: '2026-12-04',
      currency: 'EUR',
      paymentTermsText: '30 jours fin de mois, par virement',
      incoterm: 'DAP Chartres (Incoterms 2020)',
      notes: 'Livraison en façade, accès par la cour. Prévenir M. Roussel 24 h avant.',
      version: 1,
      amendmentReason: null,
    },
    lines: withNet,
    totals: {
      net,
      vat,
      gross: toMoneyString(dec(net).plus(vat)),
      vatBreakdown: [{ vatCategory: 'S', vatRate: '20.00', taxableAmount: net, taxAmount: vat }],
    },
  };
}

function makeLongOrder(count: number): OrderAckPdfData {
  const lines: LineInput[] = [];
  for (let i = 0; i < count; i++) {
    const base = LINES[i % LINES.length]!;
    lines.push({ ...base, description: `${base.description} (lot ${i + 1})`, quantity: String(1 + (i % 7)) });
  }
  return makeOrder(lines);
}

function amended(o: OrderAckPdfData): OrderAckPdfData {
  const copy = structuredClone(o);
  copy.order.version = 2;
  copy.order.amendmentReason = 'Report de la date de livraison à la demande du client';
  return copy;
}

const order = makeOrder(LINES);

describe('order acknowledgement PDF', () => {
  it('computes the fixture amounts', () => {
    // 120.5 m × 1.845 € = 222.32 €; 40 pièces × 42.90 € − 10 % = 1 544.40 €; 3 paquets × 27.50 € = 82.50 €.
    expect(order.lines.map((l) => l.netAmount)).toEqual(['222.32', '1544.40', '82.50']);
    expect(order.totals).toMatchObject({ net: '1849.22', vat: '369.84', gross: '2219.06' });
  });

  const cases = [
    {
      lang: 'fr',
      expected: [
        'ACCUSÉ DE RÉCEPTION DE COMMANDE',
        'N° CMD-2026-00042',
        'Date de commande : 23/11/2026',
        'Votre commande n° : PO-7781',
        'Code client : C00042',
        'Électricité Générale du Jura',
        'Client — adresse de facturation Société Hôtelière du Lac 3 quai de la Gare 74000 Annecy',
        'SIREN 552 100 554 · N° TVA FR03552100554',
        'Adresse de livraison Hôtel du Lac — réserve technique 2 route de Sévrier Quai de livraison B 74320 Sévrier',
        'Date souhaitée : 01/12/2026',
        'Date confirmée : 04/12/2026',
        'Incoterm : DAP Chartres (Incoterms 2020)',
        'Réf. Désignation Qté Unité PU HT Remise Total HT TVA Livraison prévue',
        'CAB-0142 Câble électrique rigide 3G2,5 mm² — couronne Votre code article : HL-CAB-3G25 dont 20,5 en reliquat',
        'dont 20,5 en reliquat',
        'Date demandée non tenable : livraison au plus tôt le 04/12/2026',
        '120,5 m 1,845 € 222,32 € 20 % 04/12/2026 dem. 01/12/2026',
        'Prix différent du tarif convenu 40 pièce 42,90 € 10 % 1 544,40 € 20 % 01/12/2026',
        '3 paquet 27,50 € 82,50 € 20 % 04/12/2026',
        '20 % 1 849,22 € 369,84 €',
        'Total HT 1 849,22 €',
        'Total TVA 369,84 €',
        'Total TTC 2 219,06 €',
        'Observations Livraison en façade',
        'Conditions de paiement : 30 jours fin de mois, par virement',
        "Nos conditions générales de vente s'appliquent.",
        'Nous vous remercions de votre commande, que nous confirmons aux conditions ci-dessus.',
        'SAS au capital de 150 000 € — RCS Besançon 732 829 320 — N° TVA FR44732829320',
        'IBAN FR76 3000 6000 0112 3456 7890 189 — BIC AGRIFRPP',
        'Page 1 / 1',
      ],
      absent: ['Votre code article : DISJ-16A', 'ARC modificatif', 'annule et remplace', 'en reliquat 40', 'dont 0'],
      info: {
        Title: 'Accusé de réception de commande CMD-2026-00042',
        Subject: 'Accusé de réception de commande CMD-2026-00042 — Société Hôtelière du Lac',
        Keywords: 'Accusé de réception de commande, CMD-2026-00042, PO-7781, C00042',
      },
    },
    {
      lang: 'en',
      expected: [
        'ORDER ACKNOWLEDGEMENT',
        'No. CMD-2026-00042',
        'Order date: 23 Nov 2026',
        'Your order no.: PO-7781',
        'Customer — billing address Société Hôtelière du Lac',
        'Delivery address Hôtel du Lac — réserve technique',
        'Requested date: 01 Dec 2026',
        'Promised date: 04 Dec 2026',
        'Ref. Description Qty Unit Unit price Disc. Net amount VAT Promised date',
        'CAB-0142 Câble électrique rigide 3G2,5 mm² — couronne Your item code: HL-CAB-3G25 of which 20.5 backordered',
        'of which 20.5 backordered',
        'Prix différent du tarif convenu',
        '120.5 m €1.845 €222.32 20% 04 Dec 2026 req. 01 Dec 2026',
        '40 pc €42.90 10% €1,544.40 20% 01 Dec 2026',
        'Total excl. VAT €1,849.22',
        'Total VAT €369.84',
        'Total incl. VAT €2,219.06',
        'Payment terms: 30 jours fin de mois, par virement',
        'Incoterm: DAP Chartres (Incoterms 2020)',
        'Thank you for your order, which we confirm on the terms set out above.',
        'SAS with a share capital of €150,000 — RCS Besançon 732 829 320 — VAT No. FR44732829320',
        'Page 1 / 1',
      ],
      absent: ['Accusé de réception', 'Amended', 'supersedes'],
      info: {
        Title: 'Order acknowledgement CMD-2026-00042',
        Subject: 'Order acknowledgement CMD-2026-00042 — Société Hôtelière du Lac',
        Keywords: 'Order acknowledgement, CMD-2026-00042, PO-7781, C00042',
      },
    },
  ] as const;

  it.each(cases)('renders the $lang acknowledgement with every mention', async ({ lang, expected, absent, info }) => {
    const pdf = await renderOrderAckPdf(order, lang);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const extracted = await extract(pdf);
    expect(extracted.pages).toHaveLength(1);
    for (const s of expected) expect(extracted.text).toContain(s);
    for (const s of absent) expect(extracted.text).not.toContain(s);
    // The document formatters give exactly what is printed.
    expect(extracted.text).toContain(plain(formatMoney(order.totals.gross, 'EUR', lang)));
    expect(extracted.text).not.toMatch(/[\ufffd]/);
    expect(extracted.info).toMatchObject({ ...info, Author: 'Électricité Générale du Jura' });
  });

  it.each([
    {
      lang: 'fr',
      expected: [
        'ACCUSÉ DE RÉCEPTION DE COMMANDE ARC modificatif n° 2 N° CMD-2026-00042',
        'Motif de la modification : Report de la date de livraison à la demande du client',
        'Cet accusé de réception annule et remplace le précédent.',
      ],
      title: 'ARC modificatif n° 2 CMD-2026-00042',
    },
    {
      lang: 'en',
      expected: [
        'ORDER ACKNOWLEDGEMENT Amended acknowledgement no. 2 No. CMD-2026-00042',
        'Reason for the amendment: Report de la date de livraison à la demande du client',
        'This acknowledgement supersedes the previous one.',
      ],
      title: 'Amended acknowledgement no. 2 CMD-2026-00042',
    },
  ] as const)('titles version 2 as an amended acknowledgement ($lang)', async ({ lang, expected, title }) => {
    const { text, info } = await extract(await renderOrderAckPdf(amended(order), lang));
    for (const s of expected) expect(text).toContain(s);
    expect(plain(String(info.Title))).toBe(title);
  });

  it('prints an amended acknowledgement without a reason, and the missing delivery data', async () => {
    const o = amended(order);
    o.order.amendmentReason = null;
    o.order.promisedDeliveryDate = null;
    o.order.requestedDeliveryDate = null;
    o.order.incoterm = null;
    o.order.customerReference = null;
    o.order.notes = null;
    o.shipTo = null;
    o.lines = o.lines.map((l) => ({ ...l, promisedDeliveryDate: null }));
    const { text } = await extract(await renderOrderAckPdf(o, 'fr'));
    expect(text).toContain('ARC modificatif n° 2');
    expect(text).toContain('Cet accusé de réception annule et remplace le précédent.');
    expect(text).not.toContain('Motif');
    expect(text).toContain('Date confirmée : à confirmer');
    expect(text).toContain("Adresse de livraison Identique à l'adresse de facturation");
    expect(text).toContain('82,50 € 20 % à confirmer');
    for (const s of ['Date souhaitée', 'Incoterm', 'Votre commande', 'Observations']) expect(text).not.toContain(s);
  });

  it.each(['fr', 'en'] as const)(
    'paginates a 60-line acknowledgement (%s) with header and footer on every page',
    async (lang) => {
      const long = makeLongOrder(60);
      const { pages, text } = await extract(await renderOrderAckPdf(long, lang));
      expect(pages.length).toBeGreaterThanOrEqual(2);
      for (const line of long.lines) expect(text).toContain(line.description);
      const [designation, total, continued] =
        lang === 'fr'
          ? ['Désignation', 'Total TTC', 'ARC — N° CMD-2026-00042 (suite)']
          : ['Description', 'Total incl. VAT', 'Order acknowledgement — No. CMD-2026-00042 (continued)'];
      pages.forEach((page, i) => {
        if (page.includes('(lot ')) expect(page).toContain(designation); // table header repeated with the lines
        expect(page).toContain(`Page ${i + 1} / ${pages.length}`);
        expect(page).toContain('RCS Besançon 732 829 320');
        expect(page).toContain('FR44732829320');
        if (i > 0) expect(page).toContain(continued);
      });
      expect(pages.at(-1)).toContain(`${total} ${plain(formatMoney(long.totals.gross, 'EUR', lang))}`);
      expect(pages.at(-1)).toContain(
        lang === 'fr' ? 'que nous confirmons aux conditions ci-dessus' : 'which we confirm',
      );
    },
  );

  it('is deterministic: same data, same bytes', async () => {
    const a = await renderOrderAckPdf(order, 'fr');
    const b = await renderOrderAckPdf(order, 'fr');
    expect(a.equals(b)).toBe(true);
  });

  it('prints the country of a foreign delivery address and switches to the Unicode font when needed', async () => {
    expect(needsUnicodeFont(orderAckDocDefinition(order, 'fr'))).toBe(false);
    const o = structuredClone(order);
    o.shipTo = {
      name: 'Łódzkie Zakłady Energetyczne Sp. z o.o.',
      address: { line1: 'ul. Piotrkowska 12', postalCode: '90-001', city: 'Łódź', countryCode: 'PL' },
    };
    expect(needsUnicodeFont(orderAckDocDefinition(o, 'fr'))).toBe(true);
    const { text } = await extract(await renderOrderAckPdf(o, 'fr'));
    expect(text).toContain('Łódzkie Zakłady Energetyczne Sp. z o.o.');
    expect(text).toContain('90-001 Łódź POLOGNE');
    expect(text).not.toContain('FRANCE');
    expect(text).toContain('Total TTC 2 219,06 €');
  });
});
