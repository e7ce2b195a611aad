import { sql } from 'drizzle-orm';
import { boolean, check, index, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { day, qty, ts } from '@server/platform/db/columns';

export const warehouses = pgTable(
  'warehouses',
  {
    companyId: uuid('company_id').notNull(),
    id: uuid('id').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    address: jsonb('address'),
    isDefault: boolean('is_default').notNull().default(false),
    active: boolean('active').notNull().default(true),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.id] }), uniqueIndex('warehouses_code_uq').on(t.companyId, t.code)],
);

/** The balance per warehouse and product, kept in step with the ledger; reservations are taken by a guarded UPDATE. */
export const stockLevels = pgTable(
  'stock_levels',
  {
    companyId: uuid('company_id').notNull(),
    warehouseId: uuid('warehouse_id').notNull(),
    productId: uuid('product_id').notNull(),
    onHand: qty('on_hand').notNull().default('0'),
    reserved: qty('reserved').notNull().default('0'),
    /** Where the product sits in the warehouse (aisle-rack-level, e.g. "A-03-2"): picking lists go by it. */
    location: text('location'),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.warehouseId, t.productId] }),
    index('stock_levels_product_idx').on(t.companyId, t.productId),
    check('stock_reserved_within_on_hand', sql`${t.reserved} >= 0 and ${t.reserved} <= ${t.onHand}`),
  ],
);

/** The stock ledger: every movement, signed, with its reason and the document it comes from. Never updated. */
export const stockMoves = pgTable(
  'stock_moves',
  {
    companyId: uuid('company_id').notNull(),
    id: uuid('id').notNull(),
    warehouseId: uuid('warehouse_id').notNull(),
    productId: uuid('product_id').notNull(),
    kind: text('kind').notNull(),
    quantity: qty('quantity').notNull(),
    reason: text('reason'),
    reference: jsonb('reference'),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    index('stock_moves_product_idx').on(t.companyId, t.productId, t.createdAt),
  ],
);

/** Quantities held for a document line (an order line) until it ships or is cancelled. */
export const stockReservations = pgTable(
  'stock_reservations',
  {
    companyId: uuid('company_id').notNull(),
    id: uuid('id').notNull(),
    warehouseId: uuid('warehouse_id').notNull(),
    productId: uuid('product_id').notNull(),
    quantity: qty('quantity').notNull(),
    sourceType: text('source_type').notNull(),
    sourceId: uuid('source_id').notNull(),
    sourceLineId: uuid('source_line_id'),
    status: text('status').notNull().default('active'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    index('stock_reservations_source_idx').on(t.companyId, t.sourceType, t.sourceId),
  ],
);

/** Supply on its way (purchase orders, production orders): what available-to-promise counts on, by date. */
export const expectedReceipts = pgTable(
  'stock_expected_receipts',
  {
    companyId: uuid('company_id').notNull(),
    id: uuid('id').notNull(),
    warehouseId: uuid('warehouse_id').notNull(),
    productId: uuid('product_id').notNull(),
    quantity: qty('quantity').notNull(),
    expectedDate: day('expected_date').notNull(),
    reference: text('reference'),
    /** open | received | cancelled */
    status: text('status').notNull().default('open'),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    index('stock_expected_product_idx').on(t.companyId, t.productId, t.status, t.expectedDate),
  ],
);
