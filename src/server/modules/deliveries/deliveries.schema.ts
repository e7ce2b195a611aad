import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { day, qty, ts } from '@server/platform/db/columns';

/** Carriers with their calendar (cut-off, working days) and transit times per zone. */
export const carriers = pgTable(
  'carriers',
  {
    companyId: uuid('company_id').notNull(),
    id: uuid('id').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    services: jsonb('services').$type<string[]>().notNull().default([]),
    cutoffTime: text('cutoff_time'),
    workingWeekdays: jsonb('working_weekdays').$type<number[]>().notNull().default([1, 2, 3, 4, 5]),
    nonWorkingDates: jsonb('non_working_dates').$type<string[]>().notNull().default([]),
    transitTimes: jsonb('transit_times')
      .$type<{ countryCode: string; postalPrefix: string | null; days: number }[]>()
      .notNull()
      .default([]),
    defaultTransitDays: integer('default_transit_days').notNull().default(1),
    trackingUrlTemplate: text('tracking_url_template'),
    email: text('email'),
    active: boolean('active').notNull().default(true),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.id] }), uniqueIndex('carriers_code_uq').on(t.companyId, t.code)],
);

/** A delivery (bon de livraison): lines of one or several orders of one customer and ship-to. */
export const deliveries = pgTable(
  'deliveries',
  {
    companyId: uuid('company_id').notNull(),
    id: uuid('id').notNull(),
    number: text('number').notNull(),
    customerId: uuid('customer_id').notNull(),
    shipToId: uuid('ship_to_id'),
    /** The ship-to as it was when planned (name + address). */
    shipTo: jsonb('ship_to'),
    language: text('language').notNull(),
    warehouseId: uuid('warehouse_id').notNull(),
    /** planned | picked | shipped | delivered | cancelled */
    status: text('status').notNull().default('planned'),
    /** The day the goods reach the customer. */
    plannedDate: day('planned_date').notNull(),
    plannedTime: text('planned_time'),
    /** The day the goods leave (planned − transit). */
    shipDate: day('ship_date').notNull(),
    carrierId: uuid('carrier_id'),
    carrierService: text('carrier_service'),
    trackingNumber: text('tracking_number'),
    incoterm: text('incoterm'),
    incotermPlace: text('incoterm_place'),
    notes: text('notes'),
    findings: jsonb('findings').notNull().default([]),
    pickedAt: ts('picked_at'),
    shippedAt: ts('shipped_at'),
    notifiedAt: ts('notified_at'),
    deliveredOn: day('delivered_on'),
    podSignatory: text('pod_signatory'),
    podNote: text('pod_note'),
    podInternational: boolean('pod_international'),
    protestDeadline: day('protest_deadline'),
    followUpTaskId: uuid('follow_up_task_id'),
    cancelReason: text('cancel_reason'),
    createdBy: uuid('created_by'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    uniqueIndex('deliveries_number_uq').on(t.companyId, t.number),
    index('deliveries_status_idx').on(t.companyId, t.status, t.shipDate),
    index('deliveries_customer_idx').on(t.companyId, t.customerId, t.plannedDate),
  ],
);

export const deliveryLines = pgTable(
  'delivery_lines',
  {
    companyId: uuid('company_id').notNull(),
    id: uuid('id').notNull(),
    deliveryId: uuid('delivery_id').notNull(),
    position: integer('position').notNull(),
    orderId: uuid('order_id').notNull(),
    orderLineId: uuid('order_line_id').notNull(),
    productId: uuid('product_id').notNull(),
    sku: text('sku').notNull(),
    description: text('description').notNull(),
    customerProductCode: text('customer_product_code'),
    unit: text('unit').notNull(),
    quantity: qty('quantity').notNull(),
    pickedQuantity: qty('picked_quantity'),
    shippedQuantity: qty('shipped_quantity'),
    shortReason: text('short_reason'),
    shortAction: text('short_action'),
    damagedQuantity: qty('damaged_quantity').notNull().default('0'),
    missingQuantity: qty('missing_quantity').notNull().default('0'),
    reservationNote: text('reservation_note'),
    returnedQuantity: qty('returned_quantity').notNull().default('0'),
    /** Invoiced from this line (invoicing, #7). */
    invoicedQuantity: qty('invoiced_quantity').notNull().default('0'),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    index('delivery_lines_delivery_idx').on(t.companyId, t.deliveryId, t.position),
    index('delivery_lines_order_line_idx').on(t.companyId, t.orderLineId),
    index('delivery_lines_order_idx').on(t.companyId, t.orderId),
    foreignKey({
      columns: [t.companyId, t.deliveryId],
      foreignColumns: [deliveries.companyId, deliveries.id],
    }).onDelete('cascade'),
    check(
      'delivery_lines_quantities',
      sql`${t.quantity} >= 0 and coalesce(${t.pickedQuantity}, 0) >= 0 and coalesce(${t.shippedQuantity}, 0) >= 0
          and ${t.returnedQuantity} >= 0 and ${t.returnedQuantity} <= coalesce(${t.shippedQuantity}, 0)`,
    ),
  ],
);

/** Parcels and pallets, each with its SSCC (GS1 logistic unit), allocated at picking. */
export const deliveryParcels = pgTable(
  'delivery_parcels',
  {
    companyId: uuid('company_id').notNull(),
    id: uuid('id').notNull(),
    deliveryId: uuid('delivery_id').notNull(),
    position: integer('position').notNull(),
    kind: text('kind').notNull().default('parcel'),
    weightKg: numeric('weight_kg', { precision: 12, scale: 3 }),
    sscc: text('sscc'),
    contents: jsonb('contents').$type<{ deliveryLineId: string; quantity: string }[]>().notNull().default([]),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    index('delivery_parcels_delivery_idx').on(t.companyId, t.deliveryId, t.position),
    uniqueIndex('delivery_parcels_sscc_uq').on(t.companyId, t.sscc),
    foreignKey({
      columns: [t.companyId, t.deliveryId],
      foreignColumns: [deliveries.companyId, deliveries.id],
    }).onDelete('cascade'),
  ],
);

/** Goods coming back against delivery lines; restocked or scrapped; credited by invoicing. */
export const deliveryReturns = pgTable(
  'delivery_returns',
  {
    companyId: uuid('company_id').notNull(),
    id: uuid('id').notNull(),
    number: text('number').notNull(),
    deliveryId: uuid('delivery_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    receivedOn: day('received_on').notNull(),
    note: text('note'),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    uniqueIndex('delivery_returns_number_uq').on(t.companyId, t.number),
    index('delivery_returns_delivery_idx').on(t.companyId, t.deliveryId),
    index('delivery_returns_customer_idx').on(t.companyId, t.customerId),
  ],
);

export const deliveryReturnLines = pgTable(
  'delivery_return_lines',
  {
    companyId: uuid('company_id').notNull(),
    id: uuid('id').notNull(),
    returnId: uuid('return_id').notNull(),
    deliveryLineId: uuid('delivery_line_id').notNull(),
    orderLineId: uuid('order_line_id').notNull(),
    productId: uuid('product_id').notNull(),
    quantity: qty('quantity').notNull(),
    reason: text('reason').notNull(),
    condition: text('condition').notNull(),
    disposition: text('disposition').notNull(),
    creditedQuantity: qty('credited_quantity').notNull().default('0'),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    index('delivery_return_lines_return_idx').on(t.companyId, t.returnId),
    foreignKey({
      columns: [t.companyId, t.returnId],
      foreignColumns: [deliveryReturns.companyId, deliveryReturns.id],
    }).onDelete('cascade'),
    check('delivery_return_lines_quantity', sql`${t.quantity} > 0 and ${t.creditedQuantity} <= ${t.quantity}`),
  ],
);
