import { boolean, index, integer, numeric, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { ts } from '@server/platform/db/columns';

export const products = pgTable(
  'products',
  {
    companyId: uuid('company_id').notNull(),
    id: uuid('id').notNull(),
    sku: text('sku').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    category: text('category'),
    unit: text('unit').notNull().default('C62'),
    unitPrice: numeric('unit_price', { precision: 18, scale: 4 }).notNull(),
    vatCategory: text('vat_category').notNull().default('S'),
    vatRate: numeric('vat_rate', { precision: 5, scale: 2 }).notNull(),
    gtin: text('gtin'),
    packSize: numeric('pack_size', { precision: 18, scale: 3 }),
    packName: text('pack_name'),
    packGtin: text('pack_gtin'),
    stockTracked: boolean('stock_tracked').notNull().default(true),
    active: boolean('active').notNull().default(true),
    weightKg: numeric('weight_kg', { precision: 12, scale: 3 }),
    leadTimeDays: integer('lead_time_days'),
    minOrderQuantity: numeric('min_order_quantity', { precision: 18, scale: 3 }),
    orderMultiple: numeric('order_multiple', { precision: 18, scale: 3 }),
    hsCode: text('hs_code'),
    originCountry: text('origin_country'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    uniqueIndex('products_sku_uq').on(t.companyId, t.sku),
    index('products_name_idx').on(t.companyId, t.name, t.id),
    index('products_gtin_idx').on(t.companyId, t.gtin),
  ],
);
