import { z } from 'zod';
import { decimalString, isoDate, issue, optionalText, patchOf, requiredText } from './common';

/** Deliveries (#6): planning, picking, goods issue, delivery note, proof of delivery, returns, carriers. */

const qty = decimalString({ maxDecimals: 3 });
const positiveQty = qty.refine((s) => /[1-9]/.test(s), issue('must_be_positive'));
const time = z
  .string()
  .trim()
  .refine((s) => /^([01]\d|2[0-3]):[0-5]\d$/.test(s), issue('invalid_time'));
const weekdays = z.array(z.number().int().min(1).max(7)).max(7);

export const incoterms = ['EXW', 'FCA', 'CPT', 'CIP', 'DAP', 'DPU', 'DDP', 'FAS', 'FOB', 'CFR', 'CIF'] as const;
export const deliveryStatuses = ['planned', 'picked', 'shipped', 'delivered', 'cancelled'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];
/** What happens to a quantity planned but not picked: it stays open on the order (reliquat) or is cancelled there. */
export const shortActions = ['backorder', 'cancel'] as const;
export const parcelKinds = ['parcel', 'pallet'] as const;
export const returnConditions = ['resellable', 'damaged'] as const;
export const returnDispositions = ['restock', 'scrap'] as const;

// ── Carriers ────────────────────────────────────────────────────────────────────────────────────────────────
/** Transit time for a zone: a country (ISO alpha-2) and optionally the start of the postal code ("28", "75"). */
export const transitZone = z.object({
  countryCode: z
    .string()
    .trim()
    .transform((s) => s.toUpperCase())
    .refine((s) => /^[A-Z]{2}$/.test(s), issue('invalid_country')),
  postalPrefix: optionalText(10),
  days: z.number().int().min(0).max(60),
});
export type TransitZone = z.infer<typeof transitZone>;

export const carrierInput = z.object({
  code: requiredText(30),
  name: requiredText(200),
  /** Services offered ("Messagerie", "Express 13h", "Affrètement"…). */
  services: z.array(requiredText(100)).max(30).default([]),
  /** Pick-up cut-off: goods ready after it leave the next working day. 'HH:MM', null = none. */
  cutoffTime: time.nullish().transform((s) => s ?? null),
  /** ISO weekdays the carrier picks up and delivers (1 = Monday). */
  workingWeekdays: weekdays.default([1, 2, 3, 4, 5]),
  /** Days without service (besides French public holidays), e.g. "2026-12-26". */
  nonWorkingDates: z.array(isoDate).max(400).default([]),
  /** Transit working days per zone; the most specific match wins (country + longest postal prefix). */
  transitTimes: z.array(transitZone).max(200).default([]),
  /** When no zone matches. */
  defaultTransitDays: z.number().int().min(0).max(60).default(1),
  /** Tracking link with `{tracking}` where the number goes, e.g. https://track.example/?n={tracking} */
  trackingUrlTemplate: optionalText(500),
  email: optionalText(254),
  active: z.boolean().default(true),
});
export type CarrierInput = z.infer<typeof carrierInput>;
/** Only the fields sent change (no defaults re-applied). */
export const carrierPatch = patchOf(carrierInput);

export const carrierSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  services: z.array(z.string()),
  cutoffTime: z.string().nullable(),
  workingWeekdays: z.array(z.number()),
  nonWorkingDates: z.array(z.string()),
  transitTimes: z.array(z.object({ countryCode: z.string(), postalPrefix: z.string().nullable(), days: z.number() })),
  defaultTransitDays: z.number(),
  trackingUrlTemplate: z.string().nullable(),
  email: z.string().nullable(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Carrier = z.infer<typeof carrierSchema>;

// ── Planning rules ──────────────────────────────────────────────────────────────────────────────────────────
/** A reason a planned date is refused or worth knowing (customer rules, carrier calendar, our calendar). */
export const planningFindingSchema = z.object({
  code: z.string(),
  severity: z.enum(['info', 'warning', 'blocking']),
  message: z.string(),
  path: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  note: z.string().nullable(),
});
export type PlanningFinding = z.infer<typeof planningFindingSchema>;

export const checkDateInput = z.object({
  customerId: z.string().uuid(),
  shipToId: z.string().uuid().nullish(),
  carrierId: z.string().uuid().nullish(),
  /** The day the goods reach the customer. */
  plannedDate: isoDate,
  plannedTime: time.nullish(),
});
export type CheckDateInput = z.infer<typeof checkDateInput>;

export const checkDateResultSchema = z.object({
  plannedDate: z.string(),
  allowed: z.boolean(),
  /** The day the goods leave (planned date − the carrier's transit working days). */
  shipDate: z.string().nullable(),
  transitDays: z.number(),
  findings: z.array(planningFindingSchema),
  /** The first date from the planned date on that breaks no blocking rule (null when none within 90 days). */
  nextValidDate: z.string().nullable(),
});
export type CheckDateResult = z.infer<typeof checkDateResultSchema>;

/** A confirmed order line with something left to plan (planning screen, left side). */
export const planningLineSchema = z.object({
  orderId: z.string(),
  orderNumber: z.string(),
  orderStatus: z.string(),
  customerId: z.string(),
  customerCode: z.string(),
  customerName: z.string(),
  customerReference: z.string().nullable(),
  shipToId: z.string().nullable(),
  shipToName: z.string().nullable(),
  shipToCity: z.string().nullable(),
  orderLineId: z.string(),
  productId: z.string(),
  sku: z.string(),
  description: z.string(),
  unit: z.string(),
  orderedQuantity: z.string(),
  deliveredQuantity: z.string(),
  /** In deliveries planned or picked, not shipped yet. */
  plannedQuantity: z.string(),
  /** ordered − delivered − cancelled − planned */
  toPlanQuantity: z.string(),
  /** What could ship now: reserved for the line (not yet planned) + free stock, capped at toPlan. */
  availableQuantity: z.string(),
  promisedShipDate: z.string().nullable(),
  promisedDeliveryDate: z.string().nullable(),
  late: z.boolean(),
  atRisk: z.boolean(),
});
export type PlanningLine = z.infer<typeof planningLineSchema>;

export const planningQuery = z.object({
  /** Promised delivery dates up to (default: 14 days from today); late lines always included. */
  to: isoDate.optional(),
  customerId: z.string().uuid().optional(),
  shipToId: z.string().uuid().optional(),
  carrierId: z.string().uuid().optional(),
  /** Only this order's lines. */
  orderId: z.string().uuid().optional(),
  q: z.string().trim().max(200).optional(),
});

// ── Deliveries ──────────────────────────────────────────────────────────────────────────────────────────────
export const deliveryInput = z
  .object({
    /** One order (API.md) … */
    orderId: z.string().uuid().optional(),
    /** … or several orders of the same customer and ship-to. */
    orderIds: z.array(z.string().uuid()).min(1).max(100).optional(),
    /** Omitted: every open line of the order(s) for what is available now. */
    lines: z
      .array(z.object({ orderLineId: z.string().uuid(), quantity: positiveQty }))
      .min(1)
      .max(1000)
      .optional(),
    /** The day the goods reach the customer; omitted: the first valid date from the promised one (or tomorrow). */
    plannedDate: isoDate.optional(),
    plannedTime: time.nullish().transform((s) => s ?? null),
    carrierId: z
      .string()
      .uuid()
      .nullish()
      .transform((s) => s ?? null),
    carrierService: optionalText(100),
    warehouseId: z.string().uuid().optional(),
    incoterm: z
      .enum(incoterms)
      .nullish()
      .transform((s) => s ?? null),
    incotermPlace: optionalText(200),
    notes: optionalText(2000),
  })
  .superRefine((v, ctx) => {
    if (!v.orderId && !v.orderIds)
      ctx.addIssue({ code: 'custom', path: ['orderId'], params: { code: 'required' }, input: v });
  });
export type DeliveryInput = z.infer<typeof deliveryInput>;

export const deliveryPatch = z.object({
  plannedDate: isoDate.optional(),
  plannedTime: time.nullable().optional(),
  carrierId: z.string().uuid().nullable().optional(),
  carrierService: optionalText(100).optional(),
  trackingNumber: optionalText(100).optional(),
  incoterm: z.enum(incoterms).nullable().optional(),
  incotermPlace: optionalText(200).optional(),
  notes: optionalText(2000).optional(),
  /** New planned quantities (planned deliveries only); 0 removes the line. */
  lines: z
    .array(z.object({ id: z.string().uuid(), quantity: qty }))
    .max(1000)
    .optional(),
});
export type DeliveryPatch = z.infer<typeof deliveryPatch>;

export const parcelInput = z.object({
  kind: z.enum(parcelKinds).default('parcel'),
  weightKg: decimalString({ maxDecimals: 3 })
    .nullish()
    .transform((s) => s ?? null),
  /** What the parcel holds (optional; the delivery note lists parcels either way). */
  contents: z
    .array(z.object({ deliveryLineId: z.string().uuid(), quantity: positiveQty }))
    .max(1000)
    .default([]),
});

export const pickInput = z.object({
  /** Lines not listed are picked as planned. */
  lines: z
    .array(
      z.object({
        deliveryLineId: z.string().uuid(),
        pickedQuantity: qty,
        /** Required when less than planned is picked. */
        shortReason: optionalText(300),
        /** What becomes of the difference: stays open on the order (reliquat) or is cancelled there (short shipment). */
        shortAction: z.enum(shortActions).default('backorder'),
      }),
    )
    .max(1000)
    .default([]),
  /** Omitted or empty: one parcel. Each parcel gets its SSCC. */
  parcels: z.array(parcelInput).max(500).default([]),
});
export type PickInput = z.infer<typeof pickInput>;

export const shipInput = z
  .object({
    trackingNumber: optionalText(100).optional(),
    /** Default: now. */
    shippedAt: z.string().datetime({ offset: true }).optional(),
    /** Send the shipping notice to the customer (default true). */
    notify: z.boolean().default(true),
  })
  .default({ notify: true });

export const podInput = z.object({
  /** Date the customer received the goods. */
  deliveredOn: isoDate,
  signatory: requiredText(200),
  note: optionalText(2000),
  /** Carrier reservations (réserves): precise quantities damaged or missing per line. */
  reservations: z
    .array(
      z.object({
        deliveryLineId: z.string().uuid(),
        damagedQuantity: qty.default('0'),
        missingQuantity: qty.default('0'),
        note: requiredText(500),
      }),
    )
    .max(1000)
    .default([]),
  /** International transport (CMR) rather than domestic (L133-3). */
  international: z.boolean().optional(),
});
export type PodInput = z.infer<typeof podInput>;

export const cancelDeliveryInput = z.object({ reason: requiredText(500) });
export const notifyInput = z.object({ to: z.array(z.string().email()).max(20).optional() }).default({});

export const deliveryLineSchema = z.object({
  id: z.string(),
  position: z.number(),
  orderId: z.string(),
  orderNumber: z.string(),
  customerReference: z.string().nullable(),
  orderLineId: z.string(),
  productId: z.string(),
  sku: z.string(),
  description: z.string(),
  customerProductCode: z.string().nullable(),
  unit: z.string(),
  orderedQuantity: z.string(),
  /** Planned on this delivery. */
  quantity: z.string(),
  pickedQuantity: z.string().nullable(),
  shippedQuantity: z.string().nullable(),
  shortReason: z.string().nullable(),
  shortAction: z.string().nullable(),
  /** Left on the order line after this delivery (ordered − delivered − cancelled), the reliquat. */
  remainingQuantity: z.string(),
  damagedQuantity: z.string(),
  missingQuantity: z.string(),
  reservationNote: z.string().nullable(),
  returnedQuantity: z.string(),
  promisedDeliveryDate: z.string().nullable(),
  weightKg: z.string().nullable(),
  hsCode: z.string().nullable(),
  originCountry: z.string().nullable(),
});
export type DeliveryLine = z.infer<typeof deliveryLineSchema>;

export const parcelSchema = z.object({
  id: z.string(),
  position: z.number(),
  kind: z.enum(parcelKinds),
  weightKg: z.string().nullable(),
  /** 18 digits; null when the company has no GS1 company prefix set (Settings → Company). */
  sscc: z.string().nullable(),
  contents: z.array(z.object({ deliveryLineId: z.string(), quantity: z.string() })),
});

export const deliverySchema = z.object({
  id: z.string(),
  number: z.string(),
  status: z.enum(deliveryStatuses),
  customerId: z.string(),
  customerCode: z.string(),
  customerName: z.string(),
  language: z.string(),
  shipToId: z.string().nullable(),
  shipToName: z.string().nullable(),
  shipToAddress: z
    .object({
      line1: z.string(),
      line2: z.string().nullable().optional(),
      postalCode: z.string(),
      city: z.string(),
      countryCode: z.string(),
    })
    .nullable(),
  warehouseId: z.string(),
  plannedDate: z.string(),
  plannedTime: z.string().nullable(),
  shipDate: z.string(),
  expectedDeliveryDate: z.string(),
  carrierId: z.string().nullable(),
  carrierName: z.string().nullable(),
  carrierService: z.string().nullable(),
  trackingNumber: z.string().nullable(),
  trackingUrl: z.string().nullable(),
  incoterm: z.string().nullable(),
  incotermPlace: z.string().nullable(),
  notes: z.string().nullable(),
  orders: z.array(z.object({ id: z.string(), number: z.string(), customerReference: z.string().nullable() })),
  lines: z.array(deliveryLineSchema),
  parcels: z.array(parcelSchema),
  totalWeightKg: z.string().nullable(),
  /** Non-blocking findings of the planned date (warnings the planner accepted) and the customer's packaging rules. */
  findings: z.array(planningFindingSchema),
  /** The customer's rules ask for SSCC labels / a QR code on them. */
  labels: z.object({ sscc: z.boolean(), qrCode: z.boolean() }),
  pickedAt: z.string().nullable(),
  shippedAt: z.string().nullable(),
  notifiedAt: z.string().nullable(),
  proofOfDelivery: z
    .object({
      deliveredOn: z.string(),
      signatory: z.string(),
      note: z.string().nullable(),
      withReservations: z.boolean(),
      international: z.boolean(),
      /** Last day to send the carrier a reasoned protest (L133-3: 3 days, public holidays not counted). */
      protestDeadline: z.string().nullable(),
      followUpTaskId: z.string().nullable(),
    })
    .nullable(),
  cancelReason: z.string().nullable(),
  /** On time (delivered on or before the promised date of every line) and in full (every line's ordered quantity). */
  otif: z.object({ onTime: z.boolean(), inFull: z.boolean(), reference: z.literal('promised') }).nullable(),
  allowedCommands: z.array(z.string()),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Delivery = z.infer<typeof deliverySchema>;

export const deliveryListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
  q: z.string().trim().max(200).optional(),
  /** One status or several, comma-separated. */
  status: z.string().max(200).optional(),
  customerId: z.string().uuid().optional(),
  orderId: z.string().uuid().optional(),
  carrierId: z.string().uuid().optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export type DeliveryListQuery = z.infer<typeof deliveryListQuery>;

// ── Returns ─────────────────────────────────────────────────────────────────────────────────────────────────
export const returnInput = z.object({
  receivedOn: isoDate.optional(),
  note: optionalText(2000),
  lines: z
    .array(
      z.object({
        deliveryLineId: z.string().uuid(),
        quantity: positiveQty,
        reason: requiredText(300),
        condition: z.enum(returnConditions),
        /** restock: back into available stock; scrap: recorded, not restocked. */
        disposition: z.enum(returnDispositions),
      }),
    )
    .min(1)
    .max(1000),
});
export type ReturnInput = z.infer<typeof returnInput>;

export const returnSchema = z.object({
  id: z.string(),
  number: z.string(),
  deliveryId: z.string(),
  deliveryNumber: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  receivedOn: z.string(),
  note: z.string().nullable(),
  lines: z.array(
    z.object({
      id: z.string(),
      deliveryLineId: z.string(),
      orderLineId: z.string(),
      productId: z.string(),
      sku: z.string(),
      description: z.string(),
      quantity: z.string(),
      reason: z.string(),
      condition: z.enum(returnConditions),
      disposition: z.enum(returnDispositions),
      /** Credited so far (invoicing, #7). */
      creditedQuantity: z.string(),
    }),
  ),
  createdAt: z.string(),
});
export type DeliveryReturn = z.infer<typeof returnSchema>;

// ── OTIF ────────────────────────────────────────────────────────────────────────────────────────────────────
export const otifQuery = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  customerId: z.string().uuid().optional(),
});
const otifFigures = z.object({
  /** Order lines whose promised delivery date falls in the period. */
  linesDue: z.number(),
  linesOnTime: z.number(),
  linesInFull: z.number(),
  linesOnTimeInFull: z.number(),
  /** Fractions as decimal strings ("0.9500"); null when nothing was due. */
  otif: z.string().nullable(),
  onTimeRate: z.string().nullable(),
  /** Quantity delivered ÷ quantity ordered (taux de service quantitatif). */
  fillRate: z.string().nullable(),
});
export const otifSchema = z.object({
  from: z.string(),
  to: z.string(),
  /** OTIF against the promised date (OTDC), per order line. */
  reference: z.literal('promised'),
  grain: z.literal('order_line'),
  total: otifFigures,
  customers: z.array(
    otifFigures.extend({ customerId: z.string(), customerCode: z.string(), customerName: z.string() }),
  ),
});
export type Otif = z.infer<typeof otifSchema>;
