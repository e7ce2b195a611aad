/**
 * Sample data for the delivery documents (picking list, delivery note, parcel labels, pro forma), for tests and
 * previews: a shipped French delivery of two orders, five lines (one short-shipped, one with a reliquat left) and
 * three parcels with valid SSCCs. `foreignDeliveryPdfData()` ships the same goods to Germany, in English.
 */
import { gs1CheckDigit } from '@shared/identifiers';
import type { DeliveryPdfData } from './delivery.pdf';

/** A valid SSCC: extension digit 3, GS1 company prefix 3760123, 9-digit serial, check digit. */
export function sampleSscc(serial: number): string {
  const data = `33760123${String(serial).padStart(9, '0')}`;
  return data + String(gs1CheckDigit(data));
}

type Line = DeliveryPdfData['lines'][number];

const LINES: Line[] = [
  {
    position: 1,
    orderNumber: 'CMD-2026-00042',
    customerReference: 'PO-7781',
    sku: 'CAB-0142',
    customerProductCode: 'HL-CAB-3G25',
    description: 'Câble électrique rigide 3G2,5 mm² — couronne',
    unit: 'MTR',
    gtin: null,
    location: 'B-02-10',
    orderedQuantity: '120.500',
    quantity: '100.000',
    pickedQuantity: '100.000',
    shippedQuantity: '100.000',
    remainingQuantity: '20.500',
    shortReason: null,
    weightKg: '0.095',
    hsCode: '85444995',
    originCountry: 'FR',
    unitPrice: '1.8450',
    currency: 'EUR',
  },
  {
    position: 2,
    orderNumber: 'CMD-2026-00042',
    customerReference: 'PO-7781',
    sku: 'DISJ-16A',
    customerProductCode: 'DISJ-16A', // same as ours: not repeated
    description: 'Disjoncteur différentiel 16 A, façade crème',
    unit: 'C62',
    gtin: '3760123450010',
    location: 'A-01-02',
    orderedQuantity: '40',
    quantity: '40',
    pickedQuantity: '36',
    shippedQuantity: '36',
    remainingQuantity: '4',
    shortReason: 'Rupture de stock fournisseur',
    weightKg: '0.250',
    hsCode: '85362010',
    originCountry: 'DE',
    unitPrice: '38.6100',
    currency: 'EUR',
  },
  {
    position: 3,
    orderNumber: 'CMD-2026-00045',
    customerReference: null,
    sku: 'GAIN-20',
    customerProductCode: null,
    description: 'Gaine ICTA Ø 20 mm, bobine de 100 m',
    unit: 'XPK',
    gtin: null,
    location: null,
    orderedQuantity: '3',
    quantity: '3',
    pickedQuantity: '3',
    shippedQuantity: '3',
    remainingQuantity: '0',
    shortReason: null,
    weightKg: '2.400',
    hsCode: '39172310',
    originCountry: 'IT',
    unitPrice: '27.5000',
    currency: 'EUR',
  },
  {
    position: 4,
    orderNumber: 'CMD-2026-00045',
    customerReference: null,
    sku: 'VIS-6X40',
    customerProductCode: 'HL-VIS-640',
    description: 'Vis à bois tête fraisée 6 × 40 mm, boîte de 200',
    unit: 'XBX',
    gtin: '3760123450027',
    location: 'A-01-10',
    orderedQuantity: '10',
    quantity: '10',
    pickedQuantity: '10',
    shippedQuantity: '10',
    remainingQuantity: '0',
    shortReason: null,
    weightKg: '1.120',
    hsCode: '73181200',
    originCountry: 'FR',
    unitPrice: '12.9000',
    currency: 'EUR',
  },
  {
    position: 5,
    orderNumber: 'CMD-2026-00042',
    customerReference: 'PO-7781',
    sku: 'BORN-4',
    customerProductCode: null,
    description: 'Borne de connexion 4 entrées',
    unit: 'C62',
    gtin: null,
    location: 'A-01-02',
    orderedQuantity: '3',
    quantity: '3',
    pickedQuantity: '3',
    shippedQuantity: '3',
    remainingQuantity: '0',
    shortReason: null,
    weightKg: '0.012',
    hsCode: '85369010',
    originCountry: 'FR',
    unitPrice: '1.1150', // 3 × 1.115 = 3.345 → 3.35 (floats give 3.3449999… → 3.34)
    currency: 'EUR',
  },
];

/** A shipped French delivery, in French (every optional datum filled in). Returns a fresh copy. */
export function sampleDeliveryPdfData(): DeliveryPdfData {
  return structuredClone({
    lang: 'fr',
    company: {
      name: 'Électricité Générale du Jura',
      legalForm: 'SAS',
      shareCapital: '150000',
      siren: '732829320',
      rcsCity: 'Besançon',
      vatNumber: 'FR44732829320',
      eori: 'FR73282932000074',
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
      eori: null,
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
    warehouse: {
      code: 'BES',
      name: 'Entrepôt de Besançon',
      address: { line1: '8 rue de la Logistique', postalCode: '25220', city: 'Chalezeule', countryCode: 'FR' },
    },
    delivery: {
      number: 'BL-2026-00012',
      status: 'shipped',
      plannedDate: '2026-12-04',
      plannedTime: '08:00',
      shipDate: '2026-12-03',
      shippedAt: '2026-12-03T14:05:00.000Z',
      carrierName: 'Transports Mazet',
      carrierService: 'Messagerie',
      trackingNumber: 'MZ123456789FR',
      trackingUrl: 'https://suivi.mazet.example/?n=MZ123456789FR',
      incoterm: 'DAP',
      incotermPlace: 'Sévrier',
      notes: 'Livraison en façade, accès par la cour. Prévenir M. Roussel 24 h avant.',
      orders: [
        { number: 'CMD-2026-00042', customerReference: 'PO-7781', orderDate: '2026-11-23' },
        { number: 'CMD-2026-00045', customerReference: null, orderDate: '2026-11-25' },
      ],
    },
    lines: LINES,
    parcels: [
      { position: 1, kind: 'parcel', weightKg: '12.400', sscc: sampleSscc(1) },
      { position: 2, kind: 'parcel', weightKg: '9.850', sscc: sampleSscc(2) },
      { position: 3, kind: 'pallet', weightKg: '38.200', sscc: sampleSscc(3) },
    ],
    labels: { sscc: true, qrCode: false },
    showCustomerCodes: true,
    packagingNotes: 'Palette filmée, hauteur 1,20 m maximum ; étiquette SSCC sur deux faces.',
    exportReason: null,
  } satisfies DeliveryPdfData);
}

/** The same goods shipped to a German customer (EU, English): EORI and VAT numbers, HS codes and origins. */
export function foreignDeliveryPdfData(): DeliveryPdfData {
  const d = sampleDeliveryPdfData();
  d.lang = 'en';
  d.customer = {
    code: 'C00077',
    name: 'Elektro Schwaben GmbH',
    siren: null,
    vatNumber: 'DE136695976',
    eori: 'DE4711234567890',
    billingAddress: { line1: 'Königstraße 10', postalCode: '70173', city: 'Stuttgart', countryCode: 'DE' },
  };
  d.shipTo = {
    name: 'Elektro Schwaben — Lager Esslingen',
    address: { line1: 'Hafenstraße 4', postalCode: '73728', city: 'Esslingen am Neckar', countryCode: 'DE' },
  };
  d.delivery.incoterm = 'FCA';
  d.delivery.incotermPlace = 'Besançon';
  d.packagingNotes = null;
  return d;
}

/** A delivery of `count` lines (for pagination), each in its own location. */
export function longDeliveryPdfData(count: number): DeliveryPdfData {
  const d = sampleDeliveryPdfData();
  const base = d.lines;
  d.lines = Array.from({ length: count }, (_, i) => {
    const b = base[i % base.length]!;
    return {
      ...b,
      position: i + 1,
      sku: `${b.sku}-${String(i + 1).padStart(2, '0')}`,
      description: `${b.description} (lot ${i + 1})`,
      // Reverse order of positions, so sorting by location is visible.
      location: `R-${String(count - i).padStart(3, '0')}`,
    };
  });
  return d;
}
