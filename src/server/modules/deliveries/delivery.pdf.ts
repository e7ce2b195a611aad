/**
 * The documents of a delivery (DOMAIN.md §1, §7, §8.4, §13.4), in the customer's language:
 * - picking list (« bon de préparation », internal): lines sorted by warehouse location then SKU, quantity to pick
 *   and an empty box to write the picked quantity in, packaging instructions, parcels to fill in;
 * - delivery note (« bon de livraison », BL), the proof of delivery: seller and customer identity, ship-to, order
 *   and PO references, our and the customer's product codes, quantities ordered / delivered / left (reliquat) with
 *   the reason of a short shipment, parcels with weight and SSCC, carrier and tracking, Incoterm, customs identifiers
 *   (EORI, VAT, HS code, origin) when the goods leave the seller's country, and the box for the consignee's
 *   signature and reservations;
 * - parcel labels: one A6 page per parcel with the GS1-128 barcode of its SSCC (AI 00) and, when the customer
 *   asks for it, a QR code;
 * - pro forma invoice (not an invoice: own numbering `PF-` + BL number, no VAT) giving the customs value of the
 *   goods shipped, with HS codes, origins and weights.
 * Same look as the order acknowledgement; the shared blocks come from `@server/platform/pdf/document-parts`.
 */
import { toSVG } from 'bwip-js/node';
import {
  addressBox,
  addressLines,
  boxLayout,
  COMMON_LABELS,
  continuationHeader,
  isForeign,
  labelValueRows,
  legalFooter,
  linesLayout,
  noLines,
  PAGE_MARGINS,
  partyIdentifiers,
  PDF_COLORS as C,
  sellerBlock,
  summaryLayout,
  unitLabel,
  type PdfCompany,
  type PostalAddress,
} from '@server/platform/pdf/document-parts';
import {
  countryName,
  formatDate,
  formatDecimal,
  formatMoney,
  formatQuantity,
  NBSP,
  renderPdf,
  type Column,
  type Content,
  type PdfLang,
  type TableCell,
  type TDocumentDefinitions,
} from '@server/platform/pdf/pdf';
import { currencyDecimals, dec, isDecimalString, roundHalfUp, sum, type Decimal } from '@shared/decimal';
import { parseIsoDate } from '@shared/dates';
import { isValidSscc } from '@shared/identifiers';

export type DeliveryPdfData = {
  /** The customer's language. */
  lang: 'fr' | 'en';
  company: PdfCompany & { eori: string | null };
  customer: {
    code: string;
    name: string;
    siren: string | null;
    vatNumber: string | null;
    eori: string | null;
    billingAddress: PostalAddress;
  };
  shipTo: { name: string; address: PostalAddress } | null;
  warehouse: { code: string; name: string; address: PostalAddress | null };
  delivery: {
    /** BL-2026-00012 */
    number: string;
    status: 'planned' | 'picked' | 'shipped' | 'delivered' | 'cancelled';
    /** ISO date the goods reach the customer, and 'HH:MM' or null. */
    plannedDate: string;
    plannedTime: string | null;
    /** ISO date the goods leave. */
    shipDate: string;
    /** ISO timestamp of the goods issue, null until shipped. */
    shippedAt: string | null;
    carrierName: string | null;
    carrierService: string | null;
    trackingNumber: string | null;
    trackingUrl: string | null;
    /** Incoterms 2020 rule code (DAP…) and named place. */
    incoterm: string | null;
    incotermPlace: string | null;
    notes: string | null;
    orders: { number: string; customerReference: string | null; orderDate: string }[];
  };
  lines: {
    position: number;
    orderNumber: string;
    customerReference: string | null;
    sku: string;
    customerProductCode: string | null;
    description: string;
    unit: string;
    gtin: string | null;
    /** Warehouse location (bin) for the picking list; null when unknown. */
    location: string | null;
    orderedQuantity: string;
    /** Planned. */
    quantity: string;
    pickedQuantity: string | null;
    shippedQuantity: string | null;
    /** Reliquat left on the order line. */
    remainingQuantity: string;
    shortReason: string | null;
    /** Unit net weight. */
    weightKg: string | null;
    hsCode: string | null;
    originCountry: string | null;
    /** For the pro forma. */
    unitPrice: string;
    currency: string;
  }[];
  /** `weightKg`: gross weight of the parcel or pallet; `sscc`: 18 digits, or '' when none was allocated. */
  parcels: { position: number; kind: 'parcel' | 'pallet'; weightKg: string | null; sscc: string }[];
  /** The customer's packaging rule asks for SSCC labels / a QR code. */
  labels: { sscc: boolean; qrCode: boolean };
  /** The customer's product code rule: print their codes beside ours. */
  showCustomerCodes: boolean;
  /** The customer's packaging instructions (picking list), already in the document language. */
  packagingNotes?: string | null;
  /** Reason for export on the pro forma (« Vente », « Échantillons gratuits »…); "Sale" / « Vente » when absent. */
  exportReason?: string | null;
};

type Data = DeliveryPdfData;
type Line = Data['lines'][number];
type Parcel = Data['parcels'][number];

const L = {
  fr: {
    number: 'N°',
    pickingTitle: ['BON DE PRÉPARATION'],
    pickingName: 'Bon de préparation',
    noteTitle: ['BON DE LIVRAISON'],
    noteName: 'Bon de livraison',
    proformaTitle: ['FACTURE PRO FORMA'],
    proformaName: 'Facture pro forma',
    labelsName: 'Étiquettes colis',
    notInvoice: 'Document sans valeur fiscale – ne constitue pas une facture',
    continued: 'suite',
    cancelled: 'ANNULÉ',
    internal: 'Document interne',
    date: 'Date',
    deliveryNote: 'Bon de livraison',
    shipDate: "Date d'expédition",
    shippedAt: (date: string, time: string) => `${date} à ${time}`,
    plannedDelivery: 'Livraison prévue',
    at: (date: string, time: string) => `${date} à ${time}`,
    warehouse: 'Entrepôt',
    customerCode: 'Code client',
    customer: 'Client',
    orders: 'Commande',
    ordersPlural: 'Commandes',
    orderRef: (number: string, date: string, po: string | null) =>
      po ? `${number} du ${date} — votre commande n°${NBSP}${po}` : `${number} du ${date}`,
    carrier: 'Transporteur',
    service: 'Service',
    tracking: 'N° de suivi',
    incoterm: 'Incoterm',
    incotermText: (rule: string, place: string | null) => `${rule}${place ? ` ${place}` : ''} (Incoterms 2020)`,
    billing: 'Client — adresse de facturation',
    shipTo: 'Adresse de livraison',
    shipToSame: "Identique à l'adresse de facturation",
    consignee: 'Destinataire',
    buyer: 'Acheteur',
    eori: 'EORI',
    customs: 'Identifiants douaniers',
    sellerEori: 'EORI expéditeur',
    sellerVat: 'N° TVA expéditeur',
    buyerEori: 'EORI destinataire',
    buyerVat: 'N° TVA destinataire',
    pickCols: ['Emplacement', 'Réf.', 'Désignation', 'Commande', 'Unité', 'À préparer', 'Préparé'],
    noLocation: 'non affecté',
    noteCols: ['Commande', 'Réf.', 'Désignation', 'Unité', 'Commandé', 'Livré', 'Reliquat', 'Poids net'],
    yourCode: 'Votre réf.',
    yourOrder: 'votre cde',
    gtin: 'EAN',
    short: 'Motif de l’écart',
    hsOrigin: (hs: string | null, origin: string | null) =>
      [hs ? `Code SH${NBSP}: ${hs}` : null, origin ? `Origine${NBSP}: ${origin}` : null].filter(Boolean).join(' · '),
    notes: 'Observations',
    packaging: 'Conditionnement',
    labelSscc: 'Étiqueter chaque colis avec son étiquette SSCC (GS1-128).',
    labelQr: 'Le client demande un QR code sur chaque étiquette.',
    parcels: 'Colis',
    parcelCols: ['N°', 'Type', 'Poids brut', 'SSCC'],
    parcelFillCols: ['N°', 'Type (colis / palette)', 'Poids brut (kg)', 'SSCC / observations'],
    kind: { parcel: 'colis', pallet: 'palette' },
    parcelCount: 'Nombre de colis',
    netWeight: 'Poids net total',
    netWeightEstimated: 'Poids net estimé',
    grossWeight: 'Poids brut total',
    preparedBy: 'Préparé par',
    checkedBy: 'Contrôlé par',
    receipt: 'Réception par le client',
    reservations: 'Réserves à la livraison (nature et quantité des avaries ou manquants)',
    receivedOn: 'Date de réception',
    signatory: 'Nom du signataire',
    signature: 'Signature et cachet',
    l1333:
      'En cas d’avarie ou de manquant, formulez des réserves précises sur ce bon et confirmez-les au transporteur ' +
      'par lettre recommandée dans les trois jours, jours fériés non compris, qui suivent la réception ' +
      '(art. L133-3 du Code de commerce).',
    from: 'Expéditeur',
    to: 'Destinataire',
    parcelOf: (n: number, total: number) => `Colis ${n} / ${total}`,
    weight: 'Poids brut',
    yourOrders: 'Vos commandes',
    reason: "Motif de l'exportation",
    defaultReason: 'Vente',
    currency: 'Devise',
    pfCols: ['Réf.', 'Désignation', 'Code SH', 'Origine', 'Qté', 'Unité', 'Poids net', 'PU HT', 'Valeur HT'],
    total: (cur: string) => `Valeur totale HT (${cur})`,
    pfDeclaration:
      'Valeurs hors taxes, déclarées pour les besoins de la douane. Nous certifions que les informations de ' +
      'cette facture pro forma sont exactes et que les marchandises sont de l’origine indiquée.',
    pfSignature: 'Date, signature et cachet',
  },
  en: {
    number: 'No.',
    pickingTitle: ['PICKING LIST'],
    pickingName: 'Picking list',
    noteTitle: ['DELIVERY NOTE'],
    noteName: 'Delivery note',
    proformaTitle: ['PRO FORMA INVOICE'],
    proformaName: 'Pro forma invoice',
    labelsName: 'Parcel labels',
    notInvoice: 'Document of no fiscal value – this is not an invoice',
    continued: 'continued',
    cancelled: 'CANCELLED',
    internal: 'Internal document',
    date: 'Date',
    deliveryNote: 'Delivery note',
    shipDate: 'Dispatch date',
    shippedAt: (date: string, time: string) => `${date} at ${time}`,
    plannedDelivery: 'Planned delivery',
    at: (date: string, time: string) => `${date} at ${time}`,
    warehouse: 'Warehouse',
    customerCode: 'Customer code',
    customer: 'Customer',
    orders: 'Order',
    ordersPlural: 'Orders',
    orderRef: (number: string, date: string, po: string | null) =>
      po ? `${number} of ${date} — your order no. ${po}` : `${number} of ${date}`,
    carrier: 'Carrier',
    service: 'Service',
    tracking: 'Tracking no.',
    incoterm: 'Incoterm',
    incotermText: (rule: string, place: string | null) => `${rule}${place ? ` ${place}` : ''} (Incoterms 2020)`,
    billing: 'Customer — billing address',
    shipTo: 'Delivery address',
    shipToSame: 'Same as billing address',
    consignee: 'Consignee',
    buyer: 'Buyer',
    eori: 'EORI',
    customs: 'Customs identifiers',
    sellerEori: 'Shipper EORI',
    sellerVat: 'Shipper VAT No.',
    buyerEori: 'Consignee EORI',
    buyerVat: 'Consignee VAT No.',
    pickCols: ['Location', 'Ref.', 'Description', 'Order', 'Unit', 'To pick', 'Picked'],
    noLocation: 'unassigned',
    noteCols: ['Order', 'Ref.', 'Description', 'Unit', 'Ordered', 'Delivered', 'Backorder', 'Net weight'],
    yourCode: 'Your ref.',
    yourOrder: 'your PO',
    gtin: 'EAN',
    short: 'Reason for shortfall',
    hsOrigin: (hs: string | null, origin: string | null) =>
      [hs ? `HS code: ${hs}` : null, origin ? `Origin: ${origin}` : null].filter(Boolean).join(' · '),
    notes: 'Notes',
    packaging: 'Packaging',
    labelSscc: 'Label every parcel with its SSCC label (GS1-128).',
    labelQr: 'The customer asks for a QR code on every label.',
    parcels: 'Parcels',
    parcelCols: ['No.', 'Type', 'Gross weight', 'SSCC'],
    parcelFillCols: ['No.', 'Type (parcel / pallet)', 'Gross weight (kg)', 'SSCC / remarks'],
    kind: { parcel: 'parcel', pallet: 'pallet' },
    parcelCount: 'Number of parcels',
    netWeight: 'Total net weight',
    netWeightEstimated: 'Estimated net weight',
    grossWeight: 'Total gross weight',
    preparedBy: 'Picked by',
    checkedBy: 'Checked by',
    receipt: 'Receipt by the customer',
    reservations: 'Reservations on delivery (nature and quantity of damage or shortage)',
    receivedOn: 'Date of receipt',
    signatory: 'Name of signatory',
    signature: 'Signature and stamp',
    l1333:
      'In case of damage or shortage, write precise reservations on this note and confirm them to the carrier by ' +
      'registered letter within three days, public holidays excluded, after receipt (art. L133-3 of the French ' +
      'Commercial Code).',
    from: 'From',
    to: 'To',
    parcelOf: (n: number, total: number) => `Parcel ${n} / ${total}`,
    weight: 'Gross weight',
    yourOrders: 'Your orders',
    reason: 'Reason for export',
    defaultReason: 'Sale',
    currency: 'Currency',
    pfCols: ['Ref.', 'Description', 'HS code', 'Origin', 'Qty', 'Unit', 'Net weight', 'Unit price', 'Value'],
    total: (cur: string) => `Total value excl. VAT (${cur})`,
    pfDeclaration:
      'Values excluding taxes, declared for customs purposes. We certify that the information on this pro forma ' +
      'invoice is true and correct and that the goods are of the origin shown.',
    pfSignature: 'Date, signature and stamp',
  },
} as const;

// ---------------------------------------------------------------------------------------------------------------
// Data helpers (decimal strings only)
// ---------------------------------------------------------------------------------------------------------------

/** Quantity on the delivery note and the pro forma: shipped, else picked, else planned. */
export function deliveredQuantity(line: Line): string {
  return line.shippedQuantity ?? line.pickedQuantity ?? line.quantity;
}

/** Net weight of a line for a quantity (unit net weight × quantity), null when the unit weight is unknown. */
function lineWeight(line: Line, quantity: string): Decimal | null {
  return line.weightKg && isDecimalString(line.weightKg) ? dec(line.weightKg).times(quantity) : null;
}

/** Sum of weights, null when there is none or one is unknown (an incomplete total would mislead customs). */
function totalOf(weights: (Decimal | string | null)[]): Decimal | null {
  if (!weights.length || weights.some((w) => w === null)) return null;
  return sum(weights as (Decimal | string)[]);
}

const kg = (w: Decimal | string, lang: PdfLang) => `${formatDecimal(dec(w).toFixed(), lang, 0, 3)}${NBSP}kg`;

/** Value of a pro forma line: delivered quantity × unit price, rounded half-up to the currency's minor units. */
export function proformaLineValue(line: Line): string {
  const decimals = currencyDecimals(line.currency);
  return roundHalfUp(dec(deliveredQuantity(line)).times(line.unitPrice), decimals).toFixed(decimals);
}

/** Pro forma totals per currency (sum of the rounded line values), in order of first appearance. */
export function proformaTotals(d: Data): { currency: string; total: string }[] {
  const totals = new Map<string, Decimal>();
  for (const line of d.lines) {
    const cur = line.currency.trim().toUpperCase();
    totals.set(cur, (totals.get(cur) ?? dec(0)).plus(proformaLineValue(line)));
  }
  return [...totals].map(([currency, total]) => ({ currency, total: total.toFixed(currencyDecimals(currency)) }));
}

/** The pro forma's own number (never from the invoice sequence). */
export function proformaNumber(d: Data): string {
  return `PF-${d.delivery.number}`;
}

const PARIS_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const PARIS_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Paris',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The document's date: the day of the goods issue (Paris time) once shipped, else the planned ship date. */
function documentDate(d: Data): string {
  return d.delivery.shippedAt ? PARIS_DAY.format(new Date(d.delivery.shippedAt)) : d.delivery.shipDate;
}

/** The goods' destination: the ship-to, else the billing address. */
function destination(d: Data): { name: string; address: PostalAddress } {
  return d.shipTo ?? { name: d.customer.name, address: d.customer.billingAddress };
}

/** The goods leave the seller's country: customs identifiers, HS codes and origins are printed. */
function crossBorder(d: Data): boolean {
  return isForeign(destination(d).address, d.company);
}

/** Lines in the picking order: by location (natural order, unknown last), then SKU, then position. */
const collator = new Intl.Collator('en', { numeric: true });
export function pickingOrder(lines: Line[]): Line[] {
  return [...lines].sort(
    (a, b) =>
      (a.location === null ? 1 : 0) - (b.location === null ? 1 : 0) ||
      collator.compare(a.location ?? '', b.location ?? '') ||
      collator.compare(a.sku, b.sku) ||
      a.position - b.position,
  );
}

const byPosition = <T extends { position: number }>(xs: T[]): T[] => [...xs].sort((a, b) => a.position - b.position);

/** The customer's code of a line when it is printed (rule on, known, different from ours). */
function customerCode(d: Data, line: Line): string | null {
  return d.showCustomerCodes && line.customerProductCode && line.customerProductCode !== line.sku
    ? line.customerProductCode
    : null;
}

/** Human-readable interpretation of an SSCC barcode: "(00) 337601230000000018"; "—" when the parcel has none. */
export function ssccText(sscc: string): string {
  return sscc ? `(00)${NBSP}${sscc}` : '—';
}

/** What the QR code of a parcel label holds (JSON): SSCC, BL number, parcel n/N, our orders and the POs. */
export function parcelQrPayload(d: Data, parcel: Parcel): string {
  const parcels = byPosition(d.parcels);
  return JSON.stringify({
    sscc: parcel.sscc || null,
    deliveryNote: d.delivery.number,
    parcel: `${parcels.findIndex((p) => p.position === parcel.position) + 1}/${parcels.length}`,
    orders: d.delivery.orders.map((o) => o.number),
    po: d.delivery.orders.map((o) => o.customerReference).filter((x): x is string => !!x),
    shipTo: destination(d).name,
  });
}

function assertSscc(sscc: string): void {
  if (!isValidSscc(sscc)) throw new RangeError(`Invalid SSCC: ${JSON.stringify(sscc)}`);
}

/** GS1-128 barcode of (00) + SSCC, as SVG (bwip-js). */
function gs1128Svg(sscc: string): string {
  assertSscc(sscc);
  return toSVG({ bcid: 'gs1-128', text: `(00)${sscc}`, height: 25, scale: 2, includetext: false });
}

function qrSvg(text: string): string {
  return toSVG({ bcid: 'qrcode', text, scale: 2 });
}

// ---------------------------------------------------------------------------------------------------------------
// Blocks shared by the delivery documents
// ---------------------------------------------------------------------------------------------------------------

/** "Label : value" rows with the labels kept on one line. */
const labelRows = (pairs: [string, string][], lang: PdfLang): TableCell[][] =>
  labelValueRows(pairs, lang, { noWrapLabels: true });

const tableHead = (labels: readonly string[], rightFrom: number, rightTo = labels.length - 1): TableCell[] =>
  labels.map((label, i) => ({
    text: label,
    bold: true,
    color: 'white',
    fontSize: 7.5,
    alignment: i >= rightFrom && i <= rightTo ? 'right' : 'left',
  }));

/** Document title, number and dates on the right of the seller's block. */
function titleColumn(title: readonly string[], number: string, lang: PdfLang, rows: [string, string][]): Column {
  const colon = COMMON_LABELS[lang].colon;
  return {
    width: 'auto',
    stack: [
      ...title.map((line): Content => ({
        text: line,
        fontSize: 17,
        bold: true,
        color: C.accent,
        alignment: 'right',
        characterSpacing: 0.8,
        noWrap: true,
      })),
      {
        text: `${L[lang].number}${NBSP}${number}`,
        fontSize: 11,
        bold: true,
        alignment: 'right',
        margin: [0, 3, 0, 0],
      },
      ...rows.map(([label, value]): Content => ({
        text: `${label}${colon} ${value}`,
        alignment: 'right',
        color: C.muted,
      })),
    ],
  };
}

function orderLines(d: Data, lang: PdfLang): string[] {
  return d.delivery.orders.map((o) => L[lang].orderRef(o.number, formatDate(o.orderDate, lang), o.customerReference));
}

/** "Commande(s) : …" rows, then carrier, service, tracking and Incoterm when known. */
function referenceRows(d: Data, lang: PdfLang, withTracking: boolean): TableCell[][] {
  const t = L[lang];
  const colon = COMMON_LABELS[lang].colon;
  const rows: TableCell[][] = [];
  const orders = orderLines(d, lang);
  orders.forEach((text, i) => {
    rows.push([
      { text: i === 0 ? `${orders.length > 1 ? t.ordersPlural : t.orders}${colon}` : '', color: C.muted },
      { text, bold: true },
    ]);
  });
  const pairs: [string, string][] = [];
  if (d.delivery.carrierName) pairs.push([t.carrier, d.delivery.carrierName]);
  if (d.delivery.carrierService) pairs.push([t.service, d.delivery.carrierService]);
  rows.push(...labelRows(pairs, lang));
  if (withTracking && d.delivery.trackingNumber) {
    rows.push([
      { text: `${t.tracking}${colon}`, color: C.muted },
      {
        stack: [
          {
            text: d.delivery.trackingNumber,
            bold: true,
            ...(d.delivery.trackingUrl ? { link: d.delivery.trackingUrl } : {}),
          },
          ...(d.delivery.trackingUrl
            ? [{ text: d.delivery.trackingUrl, fontSize: 6.5, color: C.muted } satisfies Content]
            : []),
        ],
      },
    ]);
  }
  if (d.delivery.incoterm) {
    rows.push(...labelRows([[t.incoterm, t.incotermText(d.delivery.incoterm, d.delivery.incotermPlace)]], lang));
  }
  return rows;
}

function shipToBox(d: Data, lang: PdfLang, caption: string): Column {
  const t = L[lang];
  return d.shipTo
    ? addressBox(caption, d.shipTo.name, addressLines(d.shipTo.address, isForeign(d.shipTo.address, d.company), lang))
    : addressBox(caption, null, [t.shipToSame]);
}

function customerBox(d: Data, lang: PdfLang, caption: string, withEori: boolean): Column {
  const ids = partyIdentifiers(d.customer, lang);
  if (withEori && d.customer.eori) ids.push(`${L[lang].eori} ${d.customer.eori}`);
  return addressBox(
    caption,
    d.customer.name,
    addressLines(d.customer.billingAddress, isForeign(d.customer.billingAddress, d.company), lang),
    ids,
  );
}

/** Seller and buyer EORI / VAT numbers (cross-border shipments), under a section title, for a `noLines` grid. */
function customsRows(d: Data, lang: PdfLang): TableCell[][] {
  const t = L[lang];
  const dash = '—';
  return [
    [{ text: t.customs, style: 'sectionTitle', colSpan: 2, margin: [0, 10, 0, 2] }, {}],
    ...labelRows(
      [
        [t.sellerEori, d.company.eori ?? dash],
        [t.sellerVat, d.company.vatNumber ?? dash],
        [t.buyerEori, d.customer.eori ?? dash],
        [t.buyerVat, d.customer.vatNumber ?? dash],
      ],
      lang,
    ),
  ];
}

function notesBlock(title: string, text: string): Content {
  return {
    unbreakable: true,
    margin: [0, 12, 0, 0],
    stack: [
      { text: title, style: 'sectionTitle' },
      { text, margin: [0, 3, 0, 0] },
    ],
  };
}

/** Parcels: number, kind, gross weight and SSCC, then the count and the totals. */
function parcelsBlock(d: Data, lang: PdfLang, netWeight: Decimal | null, netLabel: string): Content {
  const t = L[lang];
  const parcels = byPosition(d.parcels);
  const body: TableCell[][] = [
    tableHead(t.parcelCols, 2, 2),
    ...parcels.map((p, i): TableCell[] => [
      { text: String(i + 1) },
      { text: t.kind[p.kind] },
      { text: p.weightKg ? kg(p.weightKg, lang) : '—', alignment: 'right', noWrap: true },
      { text: ssccText(p.sscc), noWrap: true },
    ]),
  ];
  const gross = totalOf(parcels.map((p) => p.weightKg));
  const totals: [string, string][] = [[t.parcelCount, String(parcels.length)]];
  if (netWeight) totals.push([netLabel, kg(netWeight, lang)]);
  if (gross) totals.push([t.grossWeight, kg(gross, lang)]);
  return {
    unbreakable: true,
    margin: [0, 14, 0, 0],
    columns: [
      {
        width: 300,
        stack: [
          { text: t.parcels, style: 'sectionTitle', margin: [0, 0, 0, 3] },
          ...(parcels.length
            ? [
                {
                  table: { headerRows: 1, widths: [18, 44, 60, '*'], body },
                  layout: linesLayout,
                  fontSize: 8,
                } satisfies Content,
              ]
            : []),
        ],
      },
      { width: '*', text: '' },
      {
        width: 190,
        margin: [0, 14, 0, 0],
        table: { widths: ['*', 'auto'], body: labelRows(totals, lang) },
        layout: summaryLayout,
        fontSize: 8.5,
      },
    ],
  };
}

const documentStyles = {
  sectionTitle: { fontSize: 8, bold: true, color: C.accent },
};

function watermark(d: Data, lang: PdfLang): Pick<TDocumentDefinitions, 'watermark'> {
  return d.delivery.status === 'cancelled'
    ? { watermark: { text: L[lang].cancelled, color: C.warning, opacity: 0.15, bold: true } }
    : {};
}

/** Header of every document: seller on the left, title column on the right. */
function headerColumns(d: Data, lang: PdfLang, title: Column): Content {
  return { columns: [sellerBlock(d.company, crossBorder(d), lang), title], columnGap: 20 };
}

function metadata(d: Data, name: string, number: string) {
  return {
    title: `${name} ${number}`,
    author: d.company.name,
    subject: `${name} ${number} — ${d.customer.name}`,
    keywords: [
      name,
      number,
      d.delivery.number,
      ...d.delivery.orders.flatMap((o) => [o.number, o.customerReference]),
      d.customer.code,
    ]
      .filter((x, i, all): x is string => !!x && all.indexOf(x) === i)
      .join(', '),
    creationDate: parseIsoDate(documentDate(d)),
    lang: d.lang,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Picking list
// ---------------------------------------------------------------------------------------------------------------

/** pdfmake definition of the picking list (exported for tests; `renderPickingListPdf` renders it). */
export function pickingListDocDefinition(d: Data): TDocumentDefinitions {
  const lang = d.lang;
  const t = L[lang];
  const colon = COMMON_LABELS[lang].colon;
  const date = (iso: string) => formatDate(iso, lang);
  const planned = d.delivery.plannedTime
    ? t.at(date(d.delivery.plannedDate), d.delivery.plannedTime)
    : date(d.delivery.plannedDate);

  const title = titleColumn(t.pickingTitle, d.delivery.number, lang, [
    [t.shipDate, date(d.delivery.shipDate)],
    [t.plannedDelivery, planned],
  ]);
  const left: Column = {
    width: '*',
    table: {
      widths: ['auto', '*'],
      body: [
        ...labelRows(
          [
            [t.warehouse, `${d.warehouse.code} — ${d.warehouse.name}`],
            [t.customer, `${d.customer.code} — ${d.customer.name}`],
          ],
          lang,
        ),
        ...referenceRows(d, lang, false),
      ],
    },
    layout: noLines,
  };
  const dest = destination(d);
  const right = addressBox(t.shipTo, dest.name, addressLines(dest.address, isForeign(dest.address, d.company), lang));

  // A fresh node per row: pdfmake annotates the nodes it lays out.
  const emptyBox = (): TableCell => ({
    canvas: [{ type: 'rect', x: 4, y: 0, w: 40, h: 13, lineWidth: 0.8, lineColor: C.muted }],
  });
  const body: TableCell[][] = [tableHead(t.pickCols, 5)];
  for (const line of pickingOrder(d.lines)) {
    const code = customerCode(d, line);
    body.push([
      line.location
        ? { text: line.location, bold: true, fontSize: 9.5, noWrap: true }
        : { text: t.noLocation, italics: true, color: C.muted },
      {
        stack: [
          { text: line.sku, bold: true },
          ...(line.gtin ? [{ text: `${t.gtin} ${line.gtin}`, fontSize: 6.5, color: C.muted } satisfies Content] : []),
        ],
      },
      {
        stack: [
          { text: line.description },
          ...(code ? [{ text: `${t.yourCode}${colon} ${code}`, fontSize: 7, color: C.muted } satisfies Content] : []),
        ],
      },
      { text: line.orderNumber, fontSize: 7.5, color: C.muted },
      { text: unitLabel(line.unit, lang), color: C.muted },
      { text: formatQuantity(line.quantity, lang), alignment: 'right', bold: true, fontSize: 10, noWrap: true },
      emptyBox(),
    ]);
  }
  const linesTable: Content = {
    table: { headerRows: 1, dontBreakRows: true, widths: [62, 66, '*', 66, 30, 46, 48], body },
    layout: linesLayout,
    fontSize: 8,
    margin: [0, 16, 0, 0],
  };

  const instructions: string[] = [];
  if (d.packagingNotes) instructions.push(d.packagingNotes);
  if (d.labels.sscc) instructions.push(t.labelSscc);
  if (d.labels.qrCode) instructions.push(t.labelQr);

  // Parcels: the ones already known, then blank rows to fill in.
  const parcels = byPosition(d.parcels);
  const fillBody: TableCell[][] = [
    tableHead(t.parcelFillCols, 99),
    ...parcels.map((p, i): TableCell[] => [
      { text: String(i + 1) },
      { text: t.kind[p.kind] },
      { text: p.weightKg ? kg(p.weightKg, lang) : '' },
      { text: ssccText(p.sscc), fontSize: 7, color: C.muted },
    ]),
    ...Array.from({ length: 4 }, (_, i): TableCell[] => [
      { text: String(parcels.length + i + 1), color: C.muted },
      { text: '' },
      { text: '' },
      { text: '' },
    ]),
  ];
  const estimated = totalOf(d.lines.map((l) => lineWeight(l, l.quantity)));
  const parcelsBox: Content = {
    unbreakable: true,
    margin: [0, 14, 0, 0],
    stack: [
      { text: t.parcels, style: 'sectionTitle', margin: [0, 0, 0, 3] },
      {
        table: { headerRows: 1, widths: [24, 110, 90, '*'], heights: 16, body: fillBody },
        layout: linesLayout,
        fontSize: 8,
      },
      ...(estimated
        ? [
            {
              text: [{ text: `${t.netWeightEstimated}${colon} `, color: C.muted }, { text: kg(estimated, lang) }],
              margin: [0, 4, 0, 0],
            } satisfies Content,
          ]
        : []),
      {
        margin: [0, 14, 0, 0],
        columns: [
          { width: 'auto', text: `${t.preparedBy}${colon} ……………………………` },
          { width: 'auto', text: `${t.date}${colon} …… / …… / ………` },
          { width: '*', text: `${t.checkedBy}${colon} ……………………………`, alignment: 'right' },
        ],
        columnGap: 14,
      },
    ],
  };

  const footer = (page: number, pages: number): Content => ({
    margin: [PAGE_MARGINS[0], 20, PAGE_MARGINS[2], 0],
    columns: [
      { text: `${t.internal} — ${d.company.name} — ${t.pickingName} ${d.delivery.number}` },
      { text: COMMON_LABELS[lang].page(page, pages), alignment: 'right', width: 70 },
    ],
    fontSize: 7.5,
    color: C.muted,
  });

  return {
    pageSize: 'A4',
    pageMargins: PAGE_MARGINS,
    header: continuationHeader(
      d.company.name,
      `${t.pickingName} — ${t.number}${NBSP}${d.delivery.number} (${t.continued})`,
    ),
    footer,
    ...watermark(d, lang),
    defaultStyle: { fontSize: 9, color: C.text, lineHeight: 1.15 },
    styles: documentStyles,
    content: [
      headerColumns(d, lang, title),
      { margin: [0, 18, 0, 0], columns: [left, right], columnGap: 20 },
      ...(d.delivery.notes ? [notesBlock(t.notes, d.delivery.notes)] : []),
      ...(instructions.length
        ? [
            {
              unbreakable: true,
              margin: [0, 10, 0, 0],
              stack: [
                { text: t.packaging, style: 'sectionTitle' },
                { ul: instructions, margin: [0, 3, 0, 0] },
              ],
            } satisfies Content,
          ]
        : []),
      linesTable,
      parcelsBox,
    ],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Delivery note
// ---------------------------------------------------------------------------------------------------------------

/** pdfmake definition of the delivery note (exported for tests; `renderDeliveryNotePdf` renders it). */
export function deliveryNoteDocDefinition(d: Data): TDocumentDefinitions {
  const lang = d.lang;
  const t = L[lang];
  const colon = COMMON_LABELS[lang].colon;
  const date = (iso: string) => formatDate(iso, lang);
  const foreign = crossBorder(d);

  const shipped = d.delivery.shippedAt
    ? t.shippedAt(date(documentDate(d)), PARIS_TIME.format(new Date(d.delivery.shippedAt)))
    : date(d.delivery.shipDate);
  const planned = d.delivery.plannedTime
    ? t.at(date(d.delivery.plannedDate), d.delivery.plannedTime)
    : date(d.delivery.plannedDate);
  const title = titleColumn(t.noteTitle, d.delivery.number, lang, [
    [t.date, date(documentDate(d))],
    [t.shipDate, shipped],
    [t.plannedDelivery, planned],
  ]);

  const left: Column = {
    width: '*',
    table: {
      widths: ['auto', '*'],
      body: [
        ...labelRows([[t.customerCode, d.customer.code]], lang),
        ...referenceRows(d, lang, true),
        ...(foreign ? customsRows(d, lang) : []),
      ],
    },
    layout: noLines,
  };
  const right: Column = {
    width: 250,
    stack: [customerBox(d, lang, t.billing, foreign), { stack: [shipToBox(d, lang, t.shipTo)], margin: [0, 8, 0, 0] }],
  };

  // Lines, in the order of the delivery.
  const body: TableCell[][] = [tableHead(t.noteCols, 4)];
  const weights: (Decimal | null)[] = [];
  for (const line of byPosition(d.lines)) {
    const delivered = deliveredQuantity(line);
    const weight = lineWeight(line, delivered);
    weights.push(weight);
    const code = customerCode(d, line);
    const remaining = isDecimalString(line.remainingQuantity) && dec(line.remainingQuantity).gt(0);
    const designation: Content[] = [{ text: line.description }];
    if (code) designation.push({ text: `${t.yourCode}${colon} ${code}`, fontSize: 7.5, color: C.muted });
    if (line.shortReason) {
      designation.push({
        text: `${t.short}${colon} ${line.shortReason}`,
        bold: true,
        fontSize: 7.5,
        color: C.warning,
        margin: [0, 1, 0, 0],
      });
    }
    if (foreign && (line.hsCode || line.originCountry)) {
      designation.push({
        text: t.hsOrigin(
          line.hsCode,
          line.originCountry ? `${countryName(line.originCountry, lang)} (${line.originCountry})` : null,
        ),
        fontSize: 7,
        color: C.muted,
      });
    }
    body.push([
      {
        stack: [
          { text: line.orderNumber, fontSize: 7.5 },
          ...(line.customerReference
            ? [{ text: `${t.yourOrder} ${line.customerReference}`, fontSize: 6.5, color: C.muted } satisfies Content]
            : []),
        ],
      },
      {
        stack: [
          { text: line.sku, fontSize: 7.5 },
          ...(line.gtin ? [{ text: `${t.gtin} ${line.gtin}`, fontSize: 6.5, color: C.muted } satisfies Content] : []),
        ],
      },
      { stack: designation },
      { text: unitLabel(line.unit, lang), color: C.muted },
      { text: formatQuantity(line.orderedQuantity, lang), alignment: 'right', noWrap: true, color: C.muted },
      { text: formatQuantity(delivered, lang), alignment: 'right', noWrap: true, bold: true },
      {
        text: formatQuantity(line.remainingQuantity, lang),
        alignment: 'right',
        noWrap: true,
        ...(remaining ? { bold: true, color: C.warning } : { color: C.muted }),
      },
      { text: weight ? kg(weight, lang) : '—', alignment: 'right', noWrap: true },
    ]);
  }
  const linesTable: Content = {
    table: { headerRows: 1, dontBreakRows: true, widths: [62, 64, '*', 30, 42, 42, 42, 46], body },
    layout: linesLayout,
    fontSize: 8,
    margin: [0, 16, 0, 0],
  };

  const field = (label: string, height: number): TableCell[] => [
    { text: `${label}${colon}`, color: C.muted, fontSize: 8, margin: [0, 0, 0, height] },
  ];
  const receipt: Content = {
    unbreakable: true,
    margin: [0, 16, 0, 0],
    table: {
      widths: ['*'],
      body: [
        [
          {
            stack: [
              { text: t.receipt, bold: true, fontSize: 10, color: C.accent, margin: [0, 0, 0, 6] },
              {
                columns: [
                  {
                    width: '*',
                    stack: [
                      { text: `${t.reservations}${colon}`, color: C.muted, fontSize: 8 },
                      ...Array.from({ length: 4 }, (): Content => ({
                        canvas: [
                          {
                            type: 'line',
                            x1: 0,
                            y1: 14,
                            x2: 270,
                            y2: 14,
                            lineWidth: 0.5,
                            lineColor: C.rule,
                            dash: { length: 2 },
                          },
                        ],
                      })),
                    ],
                  },
                  {
                    width: 170,
                    table: {
                      widths: ['*'],
                      body: [field(t.receivedOn, 6), field(t.signatory, 6), field(t.signature, 30)],
                    },
                    layout: noLines,
                  },
                ],
                columnGap: 16,
              },
              ...(foreign
                ? []
                : [
                    {
                      text: t.l1333,
                      fontSize: 6.8,
                      italics: true,
                      color: C.muted,
                      margin: [0, 8, 0, 0],
                    } satisfies Content,
                  ]),
            ],
          },
        ],
      ],
    },
    layout: boxLayout,
  };

  return {
    pageSize: 'A4',
    pageMargins: PAGE_MARGINS,
    header: continuationHeader(
      d.company.name,
      `${t.noteName} — ${t.number}${NBSP}${d.delivery.number} (${t.continued})`,
    ),
    footer: legalFooter(d.company, lang),
    ...watermark(d, lang),
    defaultStyle: { fontSize: 9, color: C.text, lineHeight: 1.15 },
    styles: documentStyles,
    content: [
      headerColumns(d, lang, title),
      { margin: [0, 18, 0, 0], columns: [left, right], columnGap: 20 },
      linesTable,
      parcelsBlock(d, lang, totalOf(weights), t.netWeight),
      ...(d.delivery.notes ? [notesBlock(t.notes, d.delivery.notes)] : []),
      receipt,
    ],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Parcel labels
// ---------------------------------------------------------------------------------------------------------------

/** A6 page size in points (105 × 148 mm). */
const A6 = { width: 297.64, height: 419.53 };
const LABEL_MARGIN = 12;

const labelLayout = {
  hLineWidth: () => 1,
  vLineWidth: () => 1,
  hLineColor: () => '#000000',
  vLineColor: () => '#000000',
  paddingLeft: () => 6,
  paddingRight: () => 6,
  paddingTop: () => 5,
  paddingBottom: () => 5,
};

/** pdfmake definition of the parcel labels: one A6 page per parcel (exported for tests). */
export function parcelLabelsDocDefinition(d: Data): TDocumentDefinitions {
  const lang = d.lang;
  const t = L[lang];
  const parcels = byPosition(d.parcels);
  if (!parcels.length) throw new RangeError(`Delivery ${d.delivery.number} has no parcel to label`);
  const dest = destination(d);
  const destLines = addressLines(dest.address, isForeign(dest.address, d.company), lang);
  const from = [d.company.name, ...addressLines(d.company.address, isForeign(dest.address, d.company), lang)];
  const pos = d.delivery.orders.map((o) => o.customerReference).filter((x): x is string => !!x);
  const small = (label: string): Content => ({ text: label.toUpperCase(), fontSize: 6, bold: true, color: C.muted });
  const width = A6.width - 2 * LABEL_MARGIN;

  const content: Content[] = parcels.map((parcel, i): Content => {
    const info: TableCell[][] = labelRows(
      [
        [t.deliveryNote, d.delivery.number],
        [d.delivery.orders.length > 1 ? t.ordersPlural : t.orders, d.delivery.orders.map((o) => o.number).join(', ')],
        ...(pos.length ? ([[t.yourOrders, pos.join(', ')]] as [string, string][]) : []),
        [t.weight, parcel.weightKg ? kg(parcel.weightKg, lang) : '—'],
      ],
      lang,
    );
    const infoColumns: Column[] = [
      {
        width: '*',
        stack: [
          { text: t.parcelOf(i + 1, parcels.length), fontSize: 15, bold: true, margin: [0, 0, 0, 1] },
          { text: t.kind[parcel.kind], fontSize: 8, color: C.muted, margin: [0, 0, 0, 3] },
          { table: { widths: ['auto', '*'], body: info }, layout: noLines, fontSize: 7.5 },
        ],
      },
    ];
    if (d.labels.qrCode) infoColumns.push({ width: 72, svg: qrSvg(parcelQrPayload(d, parcel)) });
    const rows: TableCell[][] = [
      [
        {
          columns: [
            {
              width: '*',
              stack: [small(t.from), ...from.map((line) => ({ text: line }))],
              fontSize: 7,
              lineHeight: 1.1,
            },
            {
              width: 'auto',
              stack: [
                small(t.carrier),
                { text: d.delivery.carrierName ?? '—', bold: true, fontSize: 9 },
                ...(d.delivery.carrierService
                  ? [{ text: d.delivery.carrierService, fontSize: 7 } satisfies Content]
                  : []),
              ],
            },
          ],
          columnGap: 6,
        },
      ],
      [
        {
          stack: [
            small(t.to),
            { text: dest.name, fontSize: 12, bold: true, margin: [0, 2, 0, 1] },
            ...destLines.map((line, j) => ({
              text: line,
              fontSize: 10.5,
              bold: j === destLines.length - 1 && destLines.length > 2 && isForeign(dest.address, d.company),
            })),
          ],
          lineHeight: 1.1,
        },
      ],
      [{ columns: infoColumns, columnGap: 6 }],
    ];
    // The GS1 logistic label part, when the parcel has an SSCC (a wrong one is refused, never printed).
    if (parcel.sscc) {
      rows.push([
        {
          stack: [
            small('SSCC'),
            { svg: gs1128Svg(parcel.sscc), width: width - 50, alignment: 'center', margin: [0, 4, 0, 3] },
            { text: ssccText(parcel.sscc), fontSize: 11, bold: true, alignment: 'center', characterSpacing: 0.5 },
          ],
        },
      ]);
    }
    return {
      ...(i > 0 ? { pageBreak: 'before' as const } : {}),
      table: { widths: ['*'], body: rows, dontBreakRows: true },
      layout: labelLayout,
      unbreakable: true,
    };
  });

  return {
    pageSize: 'A6',
    pageMargins: [LABEL_MARGIN, LABEL_MARGIN, LABEL_MARGIN, LABEL_MARGIN],
    ...watermark(d, lang),
    defaultStyle: { fontSize: 8, color: '#000000', lineHeight: 1.1 },
    content,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Pro forma invoice
// ---------------------------------------------------------------------------------------------------------------

/** pdfmake definition of the pro forma invoice (exported for tests; `renderProformaPdf` renders it). */
export function proformaDocDefinition(d: Data): TDocumentDefinitions {
  const lang = d.lang;
  const t = L[lang];
  const colon = COMMON_LABELS[lang].colon;
  const date = (iso: string) => formatDate(iso, lang);
  const number = proformaNumber(d);
  const totals = proformaTotals(d);

  const title = titleColumn(t.proformaTitle, number, lang, [
    [t.date, date(documentDate(d))],
    [t.deliveryNote, d.delivery.number],
  ]);
  const notInvoice: Content = {
    margin: [0, 12, 0, 0],
    table: {
      widths: ['*'],
      body: [
        [
          {
            text: t.notInvoice,
            bold: true,
            fontSize: 10,
            color: C.warning,
            fillColor: C.warningLight,
            alignment: 'center',
            margin: [0, 3, 0, 3],
          },
        ],
      ],
    },
    layout: 'noBorders',
  };

  const refs: [string, string][] = [
    [t.customerCode, d.customer.code],
    [t.reason, d.exportReason || t.defaultReason],
    [t.currency, totals.map((x) => x.currency).join(', ')],
  ];
  const left: Column = {
    width: '*',
    table: {
      widths: ['auto', '*'],
      body: [...labelRows(refs, lang), ...referenceRows(d, lang, false), ...customsRows(d, lang)],
    },
    layout: noLines,
  };
  const right: Column = {
    width: 250,
    stack: [customerBox(d, lang, t.buyer, true), { stack: [shipToBox(d, lang, t.consignee)], margin: [0, 8, 0, 0] }],
  };

  const body: TableCell[][] = [tableHead(t.pfCols, 4)];
  const weights: (Decimal | null)[] = [];
  for (const line of byPosition(d.lines)) {
    const qty = deliveredQuantity(line);
    const weight = lineWeight(line, qty);
    weights.push(weight);
    const code = customerCode(d, line);
    body.push([
      { text: line.sku, fontSize: 7 },
      {
        stack: [
          { text: line.description },
          ...(code ? [{ text: `${t.yourCode}${colon} ${code}`, fontSize: 6.5, color: C.muted } satisfies Content] : []),
        ],
      },
      { text: line.hsCode ?? '—', noWrap: true },
      { text: line.originCountry ?? '—', noWrap: true },
      { text: formatQuantity(qty, lang), alignment: 'right', noWrap: true },
      { text: unitLabel(line.unit, lang), color: C.muted, alignment: 'right' },
      { text: weight ? kg(weight, lang) : '—', alignment: 'right', noWrap: true },
      {
        text: formatMoney(line.unitPrice, line.currency, lang, { maxDecimals: 4 }),
        alignment: 'right',
        noWrap: true,
      },
      { text: formatMoney(proformaLineValue(line), line.currency, lang), alignment: 'right', noWrap: true },
    ]);
  }
  const linesTable: Content = {
    table: { headerRows: 1, dontBreakRows: true, widths: [52, '*', 42, 30, 34, 28, 44, 50, 58], body },
    layout: linesLayout,
    fontSize: 7.5,
    margin: [0, 16, 0, 0],
  };

  const net = totalOf(weights);
  const gross = totalOf(d.parcels.map((p) => p.weightKg));
  const summary: TableCell[][] = [];
  const plainRow = (label: string, value: string): TableCell[] => [
    { text: label },
    { text: value, alignment: 'right', noWrap: true },
  ];
  if (net) summary.push(plainRow(t.netWeight, kg(net, lang)));
  if (gross) summary.push(plainRow(t.grossWeight, kg(gross, lang)));
  if (d.parcels.length) summary.push(plainRow(t.parcelCount, String(d.parcels.length)));
  for (const x of totals) {
    summary.push([
      { text: t.total(x.currency), bold: true, color: 'white', fillColor: C.accent },
      {
        text: formatMoney(x.total, x.currency, lang),
        bold: true,
        color: 'white',
        fillColor: C.accent,
        fontSize: 10.5,
        alignment: 'right',
        noWrap: true,
      },
    ]);
  }
  const closing: Content = {
    unbreakable: true,
    margin: [0, 14, 0, 0],
    columns: [
      {
        width: '*',
        stack: [
          { text: t.pfDeclaration, fontSize: 7.5, color: C.muted },
          { text: `${t.pfSignature}${colon}`, fontSize: 8, color: C.muted, margin: [0, 10, 0, 40] },
        ],
      },
      { width: 20, text: '' },
      { width: 220, table: { widths: ['*', 'auto'], body: summary }, layout: summaryLayout, fontSize: 9 },
    ],
  };

  return {
    pageSize: 'A4',
    pageMargins: PAGE_MARGINS,
    header: continuationHeader(d.company.name, `${t.proformaName} — ${t.number}${NBSP}${number} (${t.continued})`),
    footer: legalFooter(d.company, lang),
    ...watermark(d, lang),
    defaultStyle: { fontSize: 9, color: C.text, lineHeight: 1.15 },
    styles: documentStyles,
    content: [
      headerColumns(d, lang, title),
      notInvoice,
      { margin: [0, 14, 0, 0], columns: [left, right], columnGap: 20 },
      linesTable,
      closing,
    ],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Rendering
// ---------------------------------------------------------------------------------------------------------------

/** Picking list (« bon de préparation »), A4, in the customer's language. */
export async function renderPickingListPdf(d: DeliveryPdfData): Promise<Buffer> {
  return renderPdf(pickingListDocDefinition(d), metadata(d, L[d.lang].pickingName, d.delivery.number));
}

/** Delivery note (« bon de livraison »), A4, in the customer's language. */
export async function renderDeliveryNotePdf(d: DeliveryPdfData): Promise<Buffer> {
  return renderPdf(deliveryNoteDocDefinition(d), metadata(d, L[d.lang].noteName, d.delivery.number));
}

/** Parcel labels, one A6 page per parcel (GS1-128 SSCC barcode, QR code when the customer asks for it). */
export async function renderParcelLabelsPdf(d: DeliveryPdfData): Promise<Buffer> {
  return renderPdf(parcelLabelsDocDefinition(d), metadata(d, L[d.lang].labelsName, d.delivery.number));
}

/** Pro forma invoice (not an invoice; numbered `PF-` + BL number), A4, in the customer's language. */
export async function renderProformaPdf(d: DeliveryPdfData): Promise<Buffer> {
  return renderPdf(proformaDocDefinition(d), metadata(d, L[d.lang].proformaName, proformaNumber(d)));
}
