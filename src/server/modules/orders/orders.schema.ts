import { sql } from 'drizzle-orm';
import {
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
import { day, money4, qty, ts } from '@server/platform/db/columns';

/** A customer order: the header, its totals and the findings of the last validation run. */
export const orders = pgTable(
  'orders',
  {
    companyId: uuid('company_id').notNull(),
    id: uuid('id').notNull(),
    number: text('number').notNull(),
    customerId: uuid('customer_id').notNull(),
    customerReference: text('customer_reference'),
    shipToId: uuid('ship_to_id'),
    requestedDeliveryDate: day('requested_delivery_date'),
    promisedDeliveryDate: day('promised_delivery_date'),
    orderDate: day('order_date').notNull(),
    currency: text('currency').notNull(),
    language: text('language').notNull(),
    status: text('status').notNull().default('draft'),
    /** manual | api | import | quote | intake */
    source: text('source').notNull().default('api'),
    quoteId: uuid('quote_id'),
    contactEmail: text('contact_email'),
    notes: text('notes'),
    net: numeric('net', { precision: 18, scale: 2 }).notNull(),
    vat: numeric('vat', { precision: 18, scale: 2 }).notNull(),
    gross: numeric('gross', { precision: 18, scale: 2 }).notNull(),
    vatBreakdown: jsonb('vat_breakdown').notNull(),
    findings: jsonb('findings').notNull().default([]),
    overrideReason: text('override_reason'),
    overriddenBy: uuid('overridden_by'),
    overriddenAt: ts('overridden_at'),
    holdReason: text('hold_reason'),
    /** The status to go back to when a hold is released. */
    statusBeforeHold: text('status_before_hold'),
    cancelReason: text('cancel_reason'),
    confirmedAt: ts('confirmed_at'),
    acknowledgedAt: ts('acknowledged_at'),
    createdBy: uuid('created_by'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    uniqueIndex('orders_number_uq').on(t.companyId, t.number),
    index('orders_customer_idx').on(t.companyId, t.customerId, t.customerReference),
    index('orders_status_idx').on(t.companyId, t.status, t.promisedDeliveryDate),
  ],
);

export const orderLines = pgTable(
  'order_lines',
  {
    companyId: uuid('company_id').notNull(),
    id: uuid('id').notNull(),
    orderId: uuid('order_id').notNull(),
    position: integer('position').notNull(),
    productId: uuid('product_id').notNull(),
    sku: text('sku').notNull(),
    description: text('description').notNull(),
    customerProductCode: text('customer_product_code'),
    quantity: qty('quantity').notNull(),
    unit: text('unit').notNull(),
    unitPrice: money4('unit_price').notNull(),
    discountPercent: numeric('discount_percent', { precision: 5, scale: 2 }).notNull().default('0'),
    netAmount: numeric('net_amount', { precision: 18, scale: 2 }).notNull(),
    vatCategory: text('vat_category').notNull(),
    vatRate: numeric('vat_rate', { precision: 5, scale: 2 }).notNull(),
    /** What the customer's price conditions say (null: no price found). */
    expectedUnitPrice: money4('expected_unit_price'),
    expectedDiscountPercent: numeric('expected_discount_percent', { precision: 5, scale: 2 }),
    priceSource: jsonb('price_source'),
    requestedDeliveryDate: day('requested_delivery_date'),
    promisedShipDate: day('promised_ship_date'),
    promisedDeliveryDate: day('promised_delivery_date'),
    warehouseId: uuid('warehouse_id'),
    reservedQuantity: qty('reserved_quantity').notNull().default('0'),
    backorderQuantity: qty('backorder_quantity').notNull().default('0'),
    deliveredQuantity: qty('delivered_quantity').notNull().default('0'),
    invoicedQuantity: qty('invoiced_quantity').notNull().default('0'),
    cancelledQuantity: qty('cancelled_quantity').notNull().default('0'),
    /** The buyer's line number, kept for the answers (ORDRSP, Order-X). */
    buyerLineId: text('buyer_line_id'),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    index('order_lines_order_idx').on(t.companyId, t.orderId, t.position),
    index('order_lines_product_idx').on(t.companyId, t.productId),
    foreignKey({ columns: [t.companyId, t.orderId], foreignColumns: [orders.companyId, orders.id] }).onDelete(
      'cascade',
    ),
    check(
      'order_lines_quantities',
      sql`${t.quantity} > 0 and ${t.deliveredQuantity} >= 0 and ${t.reservedQuantity} >= 0`,
    ),
  ],
);

/** The order as it was before each change made after confirmation (version history). */
export const orderVersions = pgTable(
  'order_versions',
  {
    companyId: uuid('company_id').notNull(),
    id: uuid('id').notNull(),
    orderId: uuid('order_id').notNull(),
    version: integer('version').notNull(),
    reason: text('reason'),
    snapshot: jsonb('snapshot').notNull(),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    uniqueIndex('order_versions_uq').on(t.companyId, t.orderId, t.version),
  ],
);
