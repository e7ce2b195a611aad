import { describe, expect, it } from 'vitest';
import { formatMoney, needsUnicodeFont } from '@server/platform/pdf/pdf';
import { dec, sum } from '@shared/decimal';
import { extractPdfText, openPdf, plainSpaces as plain } from '../../../../test/support/pdf-text';
import {
  deliveredQuantity,
  parcelLabelsDocDefinition,
  parcelQrPayload,
  pickingOrder,
  proformaLineValue,
  proformaTotals,
  renderDeliveryNotePdf,
  renderParcelLabelsPdf,
  renderPickingListPdf,
  renderProformaPdf,
} from './delivery.pdf';
import { foreignDeliveryPdfData, longDeliveryPdfData, sampleDeliveryPdfData, sampleSscc } from './delivery.pdf.fixture';

/** Positions of `needles` in `text`, each searched after the previous one (-1 when out of order or missing). */
function inOrder(text: string, needles: string[]): number[] {
  let from = 0;
  return needles.map((n) => {
    const at = text.indexOf(n, from);
    if (at >= 0) from = at + n.length;
    return at;
  });
}

const count = (text: string, needle: string) => text.split(needle).length - 1;

// ---------------------------------------------------------------------------------------------------------------
// Code 128 decoding of the bwip-js SVG (ISO/IEC 15417 symbol patterns: bar/space widths in modules), to prove that
// the label's barcode is GS1-128 (Start C, FNC1) carrying AI 00 and the SSCC, with a valid symbol check character.
// ---------------------------------------------------------------------------------------------------------------
const CODE128 = (
  '212222 222122 222221 121223 121322 131222 122213 122312 132212 221213 221312 231212 112232 122132 122231 113222 ' +
  '123122 123221 223211 221132 221231 213212 223112 312131 311222 321122 321221 312212 322112 322211 212123 212321 ' +
  '232121 111323 131123 131321 112313 132113 132311 211313 231113 231311 112133 112331 132131 113123 113321 133121 ' +
  '313121 211331 231131 213113 213311 213131 311123 311321 331121 312113 312311 332111 314111 221411 431111 111224 ' +
  '111422 121124 121421 141122 141221 112214 112412 122114 122411 142112 142211 241211 221114 413111 241112 134111 ' +
  '111242 121142 121241 114212 124112 124211 411212 421112 421211 212141 214121 412121 111143 111341 131141 114113 ' +
  '114311 411113 411311 113141 114131 311141 411131 211412 211214 211232 2331112'
).split(' ');
const START_C = 105;
const FNC1 = 102;
const STOP = 106;

/** The data of a Code 128 set C symbol drawn by bwip-js (vertical bars as stroked lines), FNC1 written "<FNC1>". */
function decodeCode128C(svg: string): string {
  const bars: { start: number; end: number }[] = [];
  for (const m of svg.matchAll(/stroke-width="([\d.]+)" d="([^"]+)"/g)) {
    const width = Number(m[1]);
    for (const x of m[2]!.matchAll(/M([\d.]+) [\d.]+L/g)) {
      bars.push({ start: Number(x[1]) - width / 2, end: Number(x[1]) + width / 2 });
    }
  }
  bars.sort((a, b) => a.start - b.start);
  const widths: number[] = [];
  bars.forEach((bar, i) => {
    if (i > 0) widths.push(bar.start - bars[i - 1]!.end);
    widths.push(bar.end - bar.start);
  });
  const module = Math.min(...widths);
  const modules = widths.map((w) => Math.round(w / module));
  if ((modules.length - 7) % 6 !== 0) throw new Error(`Not a Code 128 symbol: ${modules.length} elements`);
  const values: number[] = [];
  for (let i = 0; i < modules.length; i += 6) {
    const pattern = modules.slice(i, i + (i + 7 === modules.length ? 7 : 6)).join('');
    const value = CODE128.indexOf(pattern);
    if (value < 0) throw new Error(`Unknown Code 128 pattern ${pattern}`);
    values.push(value);
    if (pattern.length === 7) break;
  }
  expect(values[0]).toBe(START_C);
  expect(values.at(-1)).toBe(STOP);
  const data = values.slice(1, -2);
  const check = values.at(-2)!;
  expect((START_C + data.reduce((acc, v, i) => acc + v * (i + 1), 0)) % 103).toBe(check);
  return data.map((v) => (v === FNC1 ? '<FNC1>' : String(v).padStart(2, '0'))).join('');
}

/** The SVG strings of a pdfmake content node, in document order. */
function svgsOf(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(svgsOf);
  if (node && typeof node === 'object') {
    return Object.entries(node).flatMap(([k, v]) => (k === 'svg' && typeof v === 'string' ? [v] : svgsOf(v)));
  }
  return [];
}

/** How many numbers of path data (moves, lines, curves…) pdf.js reads on a page: QR modules are paths. */
async function pathDataSize(pdf: Buffer, pageNumber: number): Promise<number> {
  const { OPS } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await openPdf(pdf);
  const ops = await (await doc.getPage(pageNumber)).getOperatorList();
  await doc.destroy();
  const size = (x: unknown): number => {
    if (ArrayBuffer.isView(x)) return (x as Float32Array).length;
    if (Array.isArray(x)) return x.reduce((n: number, y) => n + size(y), 0);
    return 0;
  };
  return ops.fnArray.reduce((n, fn, i) => (fn === OPS.constructPath ? n + size(ops.argsArray[i]) : n), 0);
}

const FR = sampleDeliveryPdfData();
const EN_FOREIGN = foreignDeliveryPdfData();
const LEGAL_FR = 'SAS au capital de 150 000 € — RCS Besançon 732 829 320 — N° TVA FR44732829320';
const LEGAL_EN = 'SAS with a share capital of €150,000 — RCS Besançon 732 829 320 — VAT No. FR44732829320';

describe('delivery documents — fixture', () => {
  it('has valid SSCCs and the quantities the documents print', () => {
    expect(FR.parcels.map((p) => p.sscc)).toEqual(['337601230000000018', '337601230000000025', '337601230000000032']);
    expect(FR.lines.map(deliveredQuantity)).toEqual(['100.000', '36', '3', '10', '3']);
    const line = { ...FR.lines[0]!, shippedQuantity: null };
    expect(deliveredQuantity(line)).toBe('100.000'); // picked
    expect(deliveredQuantity({ ...line, pickedQuantity: null, quantity: '90' })).toBe('90'); // planned
  });

  it('orders picking lines by location (natural order, unknown last), then SKU', () => {
    const base = FR.lines[0]!;
    const lines = [
      { ...base, position: 1, location: 'A-10', sku: 'X' },
      { ...base, position: 2, location: null, sku: 'A' },
      { ...base, position: 3, location: 'A-2', sku: 'Z' },
      { ...base, position: 4, location: 'A-2', sku: 'B' },
      { ...base, position: 5, location: 'B-1', sku: 'A' },
    ];
    expect(pickingOrder(lines).map((l) => l.position)).toEqual([4, 3, 1, 5, 2]);
  });
});

describe('picking list PDF', () => {
  const cases = [
    {
      lang: 'fr',
      data: () => {
        const d = sampleDeliveryPdfData();
        d.labels.qrCode = true;
        return d;
      },
      expected: [
        'BON DE PRÉPARATION',
        'N° BL-2026-00012',
        "Date d'expédition : 03/12/2026",
        'Livraison prévue : 04/12/2026 à 08:00',
        'Entrepôt : BES — Entrepôt de Besançon',
        'Client : C00042 — Société Hôtelière du Lac',
        'Commandes : CMD-2026-00042 du 23/11/2026 — votre commande n° PO-7781 CMD-2026-00045 du 25/11/2026',
        'Transporteur : Transports Mazet',
        'Service : Messagerie',
        'Adresse de livraison Hôtel du Lac — réserve technique 2 route de Sévrier Quai de livraison B 74320 Sévrier',
        'Observations Livraison en façade, accès par la cour.',
        'Conditionnement Palette filmée, hauteur 1,20 m maximum ; étiquette SSCC sur deux faces.',
        'Étiqueter chaque colis avec son étiquette SSCC (GS1-128).',
        'Le client demande un QR code sur chaque étiquette.',
        'Emplacement Réf. Désignation Commande Unité À préparer Préparé',
        'A-01-02 DISJ-16A EAN 3760123450010 Disjoncteur différentiel 16 A, façade crème CMD-2026-00042 pièce 40',
        'B-02-10 CAB-0142 Câble électrique rigide 3G2,5 mm² — couronne Votre réf. : HL-CAB-3G25 CMD-2026-00042 m 100',
        'non affecté GAIN-20',
        'Colis N° Type (colis / palette) Poids brut (kg) SSCC / observations',
        '1 colis 12,4 kg (00) 337601230000000018',
        '3 palette 38,2 kg (00) 337601230000000032 4 5 6 7',
        'Poids net estimé : 37,936 kg',
        'Préparé par :',
        'Contrôlé par :',
        'Document interne — Électricité Générale du Jura — Bon de préparation BL-2026-00012 Page 1 / 1',
      ],
      absent: ['Votre réf. : DISJ-16A', 'Bon de livraison', 'Réserves'],
      order: ['A-01-02 BORN-4', 'A-01-02 DISJ-16A', 'A-01-10 VIS-6X40', 'B-02-10 CAB-0142', 'non affecté GAIN-20'],
      title: 'Bon de préparation BL-2026-00012',
    },
    {
      lang: 'en',
      data: foreignDeliveryPdfData,
      expected: [
        'PICKING LIST',
        'No. BL-2026-00012',
        'Dispatch date: 03 Dec 2026',
        'Planned delivery: 04 Dec 2026 at 08:00',
        'Warehouse: BES — Entrepôt de Besançon',
        'Customer: C00077 — Elektro Schwaben GmbH',
        'Orders: CMD-2026-00042 of 23 Nov 2026 — your order no. PO-7781 CMD-2026-00045 of 25 Nov 2026',
        'Carrier: Transports Mazet',
        'Delivery address Elektro Schwaben — Lager Esslingen Hafenstraße 4 73728 Esslingen am Neckar GERMANY',
        'Packaging Label every parcel with its SSCC label (GS1-128).',
        'Location Ref. Description Order Unit To pick Picked',
        'Your ref.: HL-VIS-640',
        'unassigned GAIN-20',
        'Parcels No. Type (parcel / pallet) Gross weight (kg) SSCC / remarks',
        '2 parcel 9.85 kg (00) 337601230000000025',
        'Estimated net weight: 37.936 kg',
        'Picked by:',
        'Checked by:',
        'Internal document — Électricité Générale du Jura — Picking list BL-2026-00012 Page 1 / 1',
      ],
      absent: ['QR code', 'Emplacement', 'Conditionnement'],
      order: ['A-01-02 BORN-4', 'A-01-02 DISJ-16A', 'A-01-10 VIS-6X40', 'B-02-10 CAB-0142', 'unassigned GAIN-20'],
      title: 'Picking list BL-2026-00012',
    },
  ] as const;

  it.each(cases)(
    'renders the $lang picking list, sorted by location',
    async ({ data, expected, absent, order, title }) => {
      const pdf = await renderPickingListPdf(data());
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const { pages, text, info } = await extractPdfText(pdf);
      expect(pages).toHaveLength(1);
      for (const s of expected) expect(text).toContain(s);
      for (const s of absent) expect(text).not.toContain(s);
      expect(inOrder(text, [...order])).not.toContain(-1);
      expect(text).not.toMatch(/\ufffd/);
      expect(info).toMatchObject({ Title: title, Author: 'Électricité Générale du Jura' });
    },
  );

  it('prints no packaging block nor parcels rows when there is nothing to say', async () => {
    const d = sampleDeliveryPdfData();
    d.packagingNotes = null;
    d.labels = { sscc: false, qrCode: false };
    d.delivery.notes = null;
    d.parcels = [];
    d.lines[0]!.weightKg = null;
    const { text } = await extractPdfText(await renderPickingListPdf(d));
    for (const s of ['Conditionnement', 'Observations', '(00)', 'Poids net estimé']) expect(text).not.toContain(s);
    expect(text).toContain('SSCC / observations 1 2 3 4 Préparé par'); // blank rows to fill in
  });
});

describe('delivery note PDF', () => {
  it('renders the French delivery note with every mention of DOMAIN.md §1', async () => {
    const { pages, text, info } = await extractPdfText(await renderDeliveryNotePdf(FR));
    expect(pages).toHaveLength(1);
    const expected = [
      'BON DE LIVRAISON',
      'N° BL-2026-00012',
      'Date : 03/12/2026',
      "Date d'expédition : 03/12/2026 à 15:05", // 14:05 UTC = 15:05 in Paris
      'Livraison prévue : 04/12/2026 à 08:00',
      // Seller and customer identity, ship-to.
      'Électricité Générale du Jura 12 rue des Forgerons ZA de la Fraîche 25000 Besançon',
      'Client — adresse de facturation Société Hôtelière du Lac 3 quai de la Gare 74000 Annecy',
      'SIREN 552 100 554 · N° TVA FR03552100554',
      'Adresse de livraison Hôtel du Lac — réserve technique 2 route de Sévrier Quai de livraison B 74320 Sévrier',
      'Code client : C00042',
      // Orders and POs.
      'Commandes : CMD-2026-00042 du 23/11/2026 — votre commande n° PO-7781 CMD-2026-00045 du 25/11/2026',
      // Carrier, tracking, Incoterm.
      'Transporteur : Transports Mazet',
      'Service : Messagerie',
      'N° de suivi : MZ123456789FR https://suivi.mazet.example/?n=MZ123456789FR',
      'Incoterm : DAP Sévrier (Incoterms 2020)',
      // Lines: order / PO, our code, the customer's, designation, ordered / delivered / reliquat, short reason.
      'Commande Réf. Désignation Unité Commandé Livré Reliquat Poids net',
      'CMD-2026-00042 votre cde PO-7781 CAB-0142 Câble électrique rigide 3G2,5 mm² — couronne Votre réf. : HL-CAB-3G25 m 120,5 100 20,5 9,5 kg',
      'DISJ-16A EAN 3760123450010 Disjoncteur différentiel 16 A, façade crème Motif de l’écart : Rupture de stock fournisseur pièce 40 36 4 9 kg',
      'CMD-2026-00045 GAIN-20 Gaine ICTA Ø 20 mm, bobine de 100 m paquet 3 3 0 7,2 kg',
      'Votre réf. : HL-VIS-640',
      // Parcels, weights, SSCC.
      'Colis N° Type Poids brut SSCC',
      '1 colis 12,4 kg (00) 337601230000000018',
      '2 colis 9,85 kg (00) 337601230000000025',
      '3 palette 38,2 kg (00) 337601230000000032',
      'Nombre de colis : 3',
      'Poids net total : 36,936 kg',
      'Poids brut total : 60,45 kg',
      'Observations Livraison en façade',
      // Signature, date and reservations.
      'Réception par le client',
      'Réserves à la livraison (nature et quantité des avaries ou manquants) :',
      'Date de réception :',
      'Nom du signataire :',
      'Signature et cachet :',
      'art. L133-3 du Code de commerce',
      LEGAL_FR,
      'Page 1 / 1',
    ];
    for (const s of expected) expect(text).toContain(s);
    // Domestic shipment: no customs block; the customer's code equal to ours is not repeated.
    for (const s of ['Identifiants douaniers', 'EORI', 'Code SH', 'Origine', 'Votre réf. : DISJ-16A', 'ANNULÉ']) {
      expect(text).not.toContain(s);
    }
    expect(inOrder(text, ['CAB-0142', 'DISJ-16A', 'GAIN-20', 'VIS-6X40', 'BORN-4'])).not.toContain(-1);
    expect(text).not.toMatch(/\ufffd/);
    expect(info).toMatchObject({
      Title: 'Bon de livraison BL-2026-00012',
      Subject: 'Bon de livraison BL-2026-00012 — Société Hôtelière du Lac',
      Keywords: 'Bon de livraison, BL-2026-00012, CMD-2026-00042, PO-7781, CMD-2026-00045, C00042',
    });
  });

  it('renders the English delivery note of a cross-border shipment with EORI, VAT, HS codes and origins', async () => {
    const { pages, text } = await extractPdfText(await renderDeliveryNotePdf(EN_FOREIGN));
    expect(pages).toHaveLength(1);
    const expected = [
      'DELIVERY NOTE',
      'No. BL-2026-00012',
      'Date: 03 Dec 2026',
      'Dispatch date: 03 Dec 2026 at 15:05',
      'Planned delivery: 04 Dec 2026 at 08:00',
      '25000 Besançon FRANCE',
      'Customer code: C00077',
      'Orders: CMD-2026-00042 of 23 Nov 2026 — your order no. PO-7781 CMD-2026-00045 of 25 Nov 2026',
      'Carrier: Transports Mazet',
      'Tracking no.: MZ123456789FR',
      'Incoterm: FCA Besançon (Incoterms 2020)',
      'Customs identifiers Shipper EORI: FR73282932000074 Shipper VAT No.: FR44732829320 Consignee EORI: DE4711234567890 Consignee VAT No.: DE136695976',
      'Customer — billing address Elektro Schwaben GmbH Königstraße 10 70173 Stuttgart GERMANY VAT No. DE136695976 · EORI DE4711234567890',
      'Delivery address Elektro Schwaben — Lager Esslingen Hafenstraße 4 73728 Esslingen am Neckar GERMANY',
      'Order Ref. Description Unit Ordered Delivered Backorder Net weight',
      'CMD-2026-00042 your PO PO-7781 CAB-0142 Câble électrique rigide 3G2,5 mm² — couronne Your ref.: HL-CAB-3G25 HS code: 85444995 · Origin: France (FR) m 120.5 100 20.5 9.5 kg',
      'Reason for shortfall: Rupture de stock fournisseur HS code: 85362010 · Origin: Germany (DE) pc 40 36 4 9 kg',
      'HS code: 39172310 · Origin: Italy (IT) pack 3 3 0 7.2 kg',
      'Parcels No. Type Gross weight SSCC 1 parcel 12.4 kg (00) 337601230000000018',
      '3 pallet 38.2 kg (00) 337601230000000032',
      'Number of parcels: 3',
      'Total net weight: 36.936 kg',
      'Total gross weight: 60.45 kg',
      'Receipt by the customer',
      'Reservations on delivery (nature and quantity of damage or shortage):',
      'Date of receipt:',
      'Name of signatory:',
      'Signature and stamp:',
      LEGAL_EN,
      'Page 1 / 1',
    ];
    for (const s of expected) expect(text).toContain(s);
    // L133-3 only governs domestic carriage.
    for (const s of ['L133-3', 'Bon de livraison', 'Réserves']) expect(text).not.toContain(s);
  });

  it('prints planned or picked quantities before shipping, and leaves out what is unknown', async () => {
    const d = sampleDeliveryPdfData();
    d.delivery.status = 'planned';
    d.delivery.shippedAt = null;
    d.delivery.plannedTime = null;
    d.delivery.trackingNumber = null;
    d.delivery.trackingUrl = null;
    d.delivery.incoterm = null;
    d.delivery.carrierName = null;
    d.delivery.carrierService = null;
    d.delivery.notes = null;
    d.shipTo = null;
    d.showCustomerCodes = false;
    d.lines = d.lines.map((l) => ({ ...l, shippedQuantity: null }));
    d.lines[0]!.pickedQuantity = null; // still planned: 100
    d.lines[1]!.pickedQuantity = '38'; // picked: 38
    d.lines[2]!.weightKg = null; // no total net weight
    d.parcels[0]!.weightKg = null; // no total gross weight
    const { text } = await extractPdfText(await renderDeliveryNotePdf(d));
    expect(text).toContain("Date d'expédition : 03/12/2026 Livraison prévue : 04/12/2026");
    expect(text).toContain('couronne m 120,5 100 20,5 9,5 kg');
    expect(text).toContain('pièce 40 38 4 9,5 kg');
    expect(text).toContain('paquet 3 3 0 —');
    expect(text).toContain("Adresse de livraison Identique à l'adresse de facturation");
    expect(text).toContain('1 colis — (00) 337601230000000018');
    expect(text).toContain('Nombre de colis : 3');
    for (const s of [
      'à 15:05',
      'N° de suivi',
      'Incoterm',
      'Transporteur',
      'Observations',
      'Votre réf.',
      'Poids net total',
      'Poids brut total',
    ]) {
      expect(text).not.toContain(s);
    }
  });

  it.each([
    ['fr', 'ANNULÉ'],
    ['en', 'CANCELLED'],
  ] as const)('marks a cancelled delivery (%s)', async (lang, mark) => {
    const d = sampleDeliveryPdfData();
    d.lang = lang;
    d.delivery.status = 'cancelled';
    const { text } = await extractPdfText(await renderDeliveryNotePdf(d));
    expect(text).toContain(mark);
  });

  it('is deterministic and switches to the Unicode font for a Polish ship-to', async () => {
    expect((await renderDeliveryNotePdf(FR)).equals(await renderDeliveryNotePdf(FR))).toBe(true);
    const d = sampleDeliveryPdfData();
    d.shipTo = {
      name: 'Łódzkie Zakłady Energetyczne Sp. z o.o.',
      address: { line1: 'ul. Piotrkowska 12', postalCode: '90-001', city: 'Łódź', countryCode: 'PL' },
    };
    const { text } = await extractPdfText(await renderDeliveryNotePdf(d));
    expect(text).toContain('Łódzkie Zakłady Energetyczne Sp. z o.o. ul. Piotrkowska 12 90-001 Łódź POLOGNE');
    expect(text).toContain('Identifiants douaniers EORI expéditeur : FR73282932000074');
    expect(text).toContain('Code SH : 85444995 · Origine : France (FR)');
  });
});

describe('parcel labels PDF', () => {
  it.each([
    { lang: 'fr', data: sampleDeliveryPdfData },
    { lang: 'en', data: foreignDeliveryPdfData },
  ] as const)('prints one A6 label per parcel ($lang)', async ({ lang, data }) => {
    const d = data();
    const pdf = await renderParcelLabelsPdf(d);
    const { pages, text } = await extractPdfText(pdf);
    expect(pages).toHaveLength(d.parcels.length);
    const doc = await openPdf(pdf);
    const [, , width, height] = (await doc.getPage(1)).view;
    await doc.destroy();
    expect([Math.round(width!), Math.round(height!)]).toEqual([298, 420]); // A6: 105 × 148 mm
    // The human-readable SSCC, once per parcel, on its own label.
    expect(count(text, '(00) ')).toBe(d.parcels.length);
    d.parcels.forEach((p, i) => {
      expect(count(text, `(00) ${p.sscc}`)).toBe(1);
      expect(pages[i]).toContain(`(00) ${p.sscc}`);
    });
    const t =
      lang === 'fr'
        ? {
            common: [
              'EXPÉDITEUR Électricité Générale du Jura 12 rue des Forgerons ZA de la Fraîche 25000 Besançon',
              'TRANSPORTEUR Transports Mazet Messagerie',
              'DESTINATAIRE Hôtel du Lac — réserve technique 2 route de Sévrier Quai de livraison B 74320 Sévrier',
              'Bon de livraison : BL-2026-00012',
              'Commandes : CMD-2026-00042, CMD-2026-00045',
              'Vos commandes : PO-7781',
            ],
            parcels: ['Colis 1 / 3 colis', 'Colis 2 / 3 colis', 'Colis 3 / 3 palette'],
            weights: ['Poids brut : 12,4 kg', 'Poids brut : 9,85 kg', 'Poids brut : 38,2 kg'],
          }
        : {
            common: [
              'FROM Électricité Générale du Jura 12 rue des Forgerons ZA de la Fraîche 25000 Besançon FRANCE',
              'CARRIER Transports Mazet',
              'TO Elektro Schwaben — Lager Esslingen Hafenstraße 4 73728 Esslingen am Neckar GERMANY',
              'Delivery note: BL-2026-00012',
              'Orders: CMD-2026-00042, CMD-2026-00045',
              'Your orders: PO-7781',
            ],
            parcels: ['Parcel 1 / 3 parcel', 'Parcel 2 / 3 parcel', 'Parcel 3 / 3 pallet'],
            weights: ['Gross weight: 12.4 kg', 'Gross weight: 9.85 kg', 'Gross weight: 38.2 kg'],
          };
    pages.forEach((page, i) => {
      for (const s of t.common) expect(page).toContain(s);
      expect(page).toContain(t.parcels[i]);
      expect(page).toContain(t.weights[i]);
    });
  });

  it('encodes (00) + SSCC in a GS1-128 barcode on every label', () => {
    const d = sampleDeliveryPdfData();
    const labels = parcelLabelsDocDefinition(d).content as unknown[];
    expect(labels).toHaveLength(3);
    labels.forEach((label, i) => {
      const svgs = svgsOf(label);
      expect(svgs).toHaveLength(1); // no QR code unless asked
      expect(decodeCode128C(svgs[0]!)).toBe(`<FNC1>00${d.parcels[i]!.sscc}`);
    });
  });

  it('adds a QR code with the SSCC, BL number and POs only when the customer asks for it', async () => {
    const without = sampleDeliveryPdfData();
    const withQr = sampleDeliveryPdfData();
    withQr.labels.qrCode = true;

    const labels = parcelLabelsDocDefinition(withQr).content as unknown[];
    labels.forEach((label) => {
      const svgs = svgsOf(label);
      expect(svgs).toHaveLength(2);
      expect(svgs.filter((s) => s.includes('stroke-width'))).toHaveLength(1); // the GS1-128 barcode
    });
    expect(JSON.parse(parcelQrPayload(withQr, withQr.parcels[1]!))).toEqual({
      sscc: '337601230000000025',
      deliveryNote: 'BL-2026-00012',
      parcel: '2/3',
      orders: ['CMD-2026-00042', 'CMD-2026-00045'],
      po: ['PO-7781'],
      shipTo: 'Hôtel du Lac — réserve technique',
    });

    // In the PDF: a QR code of ~30 × 30 modules is hundreds of path points more on every label.
    const [a, b] = await Promise.all([renderParcelLabelsPdf(without), renderParcelLabelsPdf(withQr)]);
    for (const page of [1, 2, 3]) {
      const [plainPaths, qrPaths] = [await pathDataSize(a, page), await pathDataSize(b, page)];
      expect(plainPaths).toBeGreaterThan(0); // the barcode
      expect(qrPaths - plainPaths).toBeGreaterThan(1000);
    }
    expect(b.length - a.length).toBeGreaterThan(3 * 500);
    expect((await extractPdfText(b)).pages).toHaveLength(3);
  });

  it('prints one page per parcel for many parcels, and refuses bad input', async () => {
    const d = sampleDeliveryPdfData();
    d.parcels = Array.from({ length: 12 }, (_, i) => ({
      position: 12 - i, // printed in position order
      kind: 'parcel' as const,
      weightKg: `${i + 1}.5`,
      sscc: sampleSscc(100 + i),
    }));
    d.shipTo = {
      name: 'Łódzkie Zakłady Energetyczne Sp. z o.o.',
      address: { line1: 'ul. Piotrkowska 12', postalCode: '90-001', city: 'Łódź', countryCode: 'PL' },
    };
    expect(needsUnicodeFont(parcelLabelsDocDefinition(d))).toBe(true);
    const { pages } = await extractPdfText(await renderParcelLabelsPdf(d));
    expect(pages).toHaveLength(12);
    expect(pages[0]).toContain(`Colis 1 / 12`);
    expect(pages[0]).toContain(`(00) ${sampleSscc(111)}`);
    expect(pages[11]).toContain(`(00) ${sampleSscc(100)}`);
    expect(pages[0]).toContain('90-001 Łódź POLOGNE');

    // A parcel without SSCC (the customer asks for none): a plain label, without barcode.
    const noSscc = sampleDeliveryPdfData();
    noSscc.labels.sscc = false;
    noSscc.parcels[1]!.sscc = '';
    const plainLabels = await extractPdfText(await renderParcelLabelsPdf(noSscc));
    expect(plainLabels.pages).toHaveLength(3);
    expect(plainLabels.pages[1]).toContain('Colis 2 / 3');
    expect(plainLabels.pages[1]).not.toContain('SSCC');
    expect(count(plainLabels.text, '(00) ')).toBe(2);
    expect(svgsOf((parcelLabelsDocDefinition(noSscc).content as unknown[])[1])).toHaveLength(0);
    const bl = await extractPdfText(await renderDeliveryNotePdf(noSscc));
    expect(bl.text).toContain('2 colis 9,85 kg — 3 palette');

    const bad = sampleDeliveryPdfData();
    bad.parcels[1]!.sscc = '337601230000000026'; // wrong check digit
    await expect(renderParcelLabelsPdf(bad)).rejects.toThrow(/Invalid SSCC/);
    bad.parcels = [];
    await expect(renderParcelLabelsPdf(bad)).rejects.toThrow(/no parcel/);
  });
});

describe('pro forma invoice PDF', () => {
  it('computes line values and totals in decimal arithmetic', () => {
    expect(FR.lines.map(proformaLineValue)).toEqual(['184.50', '1389.96', '82.50', '129.00', '3.35']);
    // 3 × 1.115 = 3.345 → 3.35 (half-up); with binary floats it is 3.3449999… → 3.34.
    expect((3 * 1.115).toFixed(2)).toBe('3.34');
    expect(proformaTotals(FR)).toEqual([{ currency: 'EUR', total: '1789.31' }]);
    const expectedTotal = sum(FR.lines.map((l) => dec(deliveredQuantity(l)).times(l.unitPrice).toDecimalPlaces(2)));
    expect(expectedTotal.toFixed(2)).toBe('1789.31');
  });

  it.each([
    {
      lang: 'fr',
      data: sampleDeliveryPdfData,
      expected: [
        'FACTURE PRO FORMA',
        'N° PF-BL-2026-00012',
        'Date : 03/12/2026',
        'Bon de livraison : BL-2026-00012',
        'Document sans valeur fiscale – ne constitue pas une facture',
        "Motif de l'exportation : Vente",
        'Devise : EUR',
        'Incoterm : DAP Sévrier (Incoterms 2020)',
        'Identifiants douaniers EORI expéditeur : FR73282932000074 N° TVA expéditeur : FR44732829320 EORI destinataire : — N° TVA destinataire : FR03552100554',
        'Acheteur Société Hôtelière du Lac',
        'Destinataire Hôtel du Lac — réserve technique',
        'Réf. Désignation Code SH Origine Qté Unité Poids net PU HT Valeur HT',
        'CAB-0142 Câble électrique rigide 3G2,5 mm² — couronne Votre réf. : HL-CAB-3G25 85444995 FR 100 m 9,5 kg 1,845 € 184,50 €',
        '85362010 DE 36 pièce 9 kg 38,61 € 1 389,96 €',
        '39172310 IT 3 paquet 7,2 kg 27,50 € 82,50 €',
        '73181200 FR 10 boîte 11,2 kg 12,90 € 129,00 €',
        '85369010 FR 3 pièce 0,036 kg 1,115 € 3,35 €',
        'Poids net total 36,936 kg',
        'Poids brut total 60,45 kg',
        'Nombre de colis 3',
        'Valeur totale HT (EUR) 1 789,31 €',
        'Date, signature et cachet',
        LEGAL_FR,
      ],
      absent: ['Facture n°', 'TVA 20', 'Total TTC'],
      title: 'Facture pro forma PF-BL-2026-00012',
    },
    {
      lang: 'en',
      data: () => {
        const d = foreignDeliveryPdfData();
        d.exportReason = 'Free samples, no commercial value';
        return d;
      },
      expected: [
        'PRO FORMA INVOICE',
        'No. PF-BL-2026-00012',
        'Date: 03 Dec 2026',
        'Delivery note: BL-2026-00012',
        'Document of no fiscal value – this is not an invoice',
        'Reason for export: Free samples, no commercial value',
        'Currency: EUR',
        'Incoterm: FCA Besançon (Incoterms 2020)',
        'Customs identifiers Shipper EORI: FR73282932000074 Shipper VAT No.: FR44732829320 Consignee EORI: DE4711234567890 Consignee VAT No.: DE136695976',
        'Buyer Elektro Schwaben GmbH Königstraße 10 70173 Stuttgart GERMANY VAT No. DE136695976 · EORI DE4711234567890',
        'Consignee Elektro Schwaben — Lager Esslingen Hafenstraße 4 73728 Esslingen am Neckar GERMANY',
        'Ref. Description HS code Origin Qty Unit Net weight Unit price Value',
        '85444995 FR 100 m 9.5 kg €1.845 €184.50',
        '85362010 DE 36 pc 9 kg €38.61 €1,389.96',
        '85369010 FR 3 pc 0.036 kg €1.115 €3.35',
        'Total net weight 36.936 kg',
        'Total gross weight 60.45 kg',
        'Total value excl. VAT (EUR) €1,789.31',
        'Date, signature and stamp',
        LEGAL_EN,
      ],
      absent: ['Reason for export: Sale', 'Invoice no.', 'Total incl. VAT'],
      title: 'Pro forma invoice PF-BL-2026-00012',
    },
  ] as const)(
    'renders the $lang pro forma, which says it is not an invoice',
    async ({ data, expected, absent, title }) => {
      const d = data();
      const { pages, text, info } = await extractPdfText(await renderProformaPdf(d));
      expect(pages).toHaveLength(1);
      for (const s of expected) expect(text).toContain(s);
      for (const s of absent) expect(text).not.toContain(s);
      expect(text).toContain(plain(formatMoney(proformaTotals(d)[0]!.total, 'EUR', d.lang)));
      expect(info).toMatchObject({ Title: title });
    },
  );

  it('totals each currency on its own and values picked or planned quantities before shipping', async () => {
    const d = sampleDeliveryPdfData();
    d.lines = d.lines.map((l) => ({ ...l, shippedQuantity: null }));
    d.lines[0]!.pickedQuantity = null; // planned 100
    d.lines[1]!.pickedQuantity = '38'; // 38 × 38.61 = 1467.18
    d.lines[4]!.currency = 'USD';
    expect(proformaTotals(d)).toEqual([
      { currency: 'EUR', total: '1863.18' }, // 184.50 + 1467.18 + 82.50 + 129.00
      { currency: 'USD', total: '3.35' },
    ]);
    const { text } = await extractPdfText(await renderProformaPdf(d));
    expect(text).toContain('Devise : EUR, USD');
    expect(text).toContain('Valeur totale HT (EUR) 1 863,18 €');
    expect(text).toContain('Valeur totale HT (USD) 3,35 $US');
  });
});

describe('pagination of a 60-line delivery', () => {
  const long = longDeliveryPdfData(60);
  const docs = [
    {
      name: 'picking list',
      render: renderPickingListPdf,
      header: 'Emplacement Réf. Désignation Commande Unité À préparer Préparé',
      continued: 'Bon de préparation — N° BL-2026-00012 (suite)',
      last: 'Poids net estimé',
    },
    {
      name: 'delivery note',
      render: renderDeliveryNotePdf,
      header: 'Commande Réf. Désignation Unité Commandé Livré Reliquat Poids net',
      continued: 'Bon de livraison — N° BL-2026-00012 (suite)',
      last: 'Réserves à la livraison',
    },
    {
      name: 'pro forma',
      render: renderProformaPdf,
      header: 'Réf. Désignation Code SH Origine Qté Unité Poids net PU HT Valeur HT',
      continued: 'Facture pro forma — N° PF-BL-2026-00012 (suite)',
      last: 'Valeur totale HT (EUR)',
    },
  ] as const;

  it.each(docs)('paginates the $name with the table header repeated', async ({ render, header, continued, last }) => {
    const { pages, text } = await extractPdfText(await render(long));
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const line of long.lines) expect(count(text, `${line.description} `)).toBe(1);
    pages.forEach((page, i) => {
      if (page.includes('(lot ')) expect(page).toContain(header);
      expect(page).toContain(`Page ${i + 1} / ${pages.length}`);
      if (i > 0) expect(page).toContain(continued);
    });
    expect(pages.at(-1)).toContain(last);
  });

  it('walks the 60 locations in order on the picking list', async () => {
    const { text } = await extractPdfText(await renderPickingListPdf(long));
    const locations = Array.from({ length: 60 }, (_, i) => `R-${String(i + 1).padStart(3, '0')} `);
    expect(inOrder(text, locations)).not.toContain(-1);
    // R-001 is the last line of the delivery (position 60).
    expect(text).toContain(`R-001 ${long.lines[59]!.sku}`);
  });

  it('keeps the legal footer on every page of the delivery note', async () => {
    const { pages } = await extractPdfText(await renderDeliveryNotePdf(long));
    for (const page of pages) expect(page).toContain(LEGAL_FR);
  });
});
