import {
  boolean,
  foreignKey,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { ts, day, money4, qty } from '@server/platform/db/columns';

/** Price lists per currency and validity; promotion lists compete only when lower. */
export const priceLists = pgTable(
  'price_lists',
  {
    companyId: uuid('company_id').notNull(),
    id: uuid('id').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    currency: text('currency').notNull(),
    kind: text('kind').notNull().default('standard'),
    priority: integer('priority').notNull().default(0),
    validFrom: day('valid_from'),
    validTo: day('valid_to'),
    active: boolean('active').notNull().default(true),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.id] }), uniqueIndex('price_lists_code_uq').on(t.companyId, t.code)],
);

/** One price per product and quantity break. */
export const priceListItems = pgTable(
  'price_list_items',
  {
    companyId: uuid('company_id').notNull(),
    id: uuid('id').notNull(),
    priceListId: uuid('price_list_id').notNull(),
    productId: uuid('product_id').notNull(),
    minQuantity: qty('min_quantity').notNull().default('1'),
    unitPrice: money4('unit_price').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    uniqueIndex('price_list_items_uq').on(t.companyId, t.priceListId, t.productId, t.minQuantity),
    index('price_list_items_product_idx').on(t.companyId, t.productId),
    foreignKey({
      columns: [t.companyId, t.priceListId],
      foreignColumns: [priceLists.companyId, priceLists.id],
    }).onDelete('cascade'),
  ],
);

/** An agreed price for one customer and product (per sales unit), with an optional quantity break and validity. */
export const customerPrices = pgTable(
  'customer_prices',
  {
    companyId: uuid('company_id').notNull(),
    id: uuid('id').notNull(),
    customerId: uuid('customer_id').notNull(),
    productId: uuid('product_id').notNull(),
    minQuantity: qty('min_quantity').notNull().default('1'),
    unitPrice: money4('unit_price').notNull(),
    validFrom: day('valid_from'),
    validTo: day('valid_to'),
    note: text('note'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    index('customer_prices_idx').on(t.companyId, t.customerId, t.productId),
  ],
);

/** Discounts for a customer: on a product, a product family (category) or the whole order. */
export const customerDiscounts = pgTable(
  'customer_discounts',
  {
    companyId: uuid('company_id').notNull(),
    id: uuid('id').notNull(),
    customerId: uuid('customer_id').notNull(),
    scope: text('scope').notNull(),
    productId: uuid('product_id'),
    category: text('category'),
    percent: numeric('percent', { precision: 5, scale: 2 }).notNull(),
    minOrderAmount: numeric('min_order_amount', { precision: 18, scale: 2 }),
    validFrom: day('valid_from'),
    validTo: day('valid_to'),
    note: text('note'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.id] }), index('customer_discounts_idx').on(t.companyId, t.customerId)],
);

/** Sales contracts (framework agreements): negotiated prices, committed volumes, renewal. */
export const contracts = pgTable(
  'contracts',
  {
    companyId: uuid('company_id').notNull(),
    id: uuid('id').notNull(),
    customerId: uuid('customer_id').notNull(),
    number: text('number').notNull(),
    title: text('title').notNull(),
    validFrom: day('valid_from').notNull(),
    validTo: day('valid_to').notNull(),
    renewalDate: day('renewal_date'),
    alertDays: integer('alert_days').notNull().default(60),
    status: text('status').notNull().default('active'),
    note: text('note'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    uniqueIndex('contracts_number_uq').on(t.companyId, t.number),
    index('contracts_customer_idx').on(t.companyId, t.customerId),
  ],
);

export const contractLines = pgTable(
  'contract_lines',
  {
    companyId: uuid('company_id').notNull(),
    id: uuid('id').notNull(),
    contractId: uuid('contract_id').notNull(),
    productId: uuid('product_id').notNull(),
    unitPrice: money4('unit_price').notNull(),
    minQuantity: qty('min_quantity').notNull().default('1'),
    committedQuantity: qty('committed_quantity'),
    consumedQuantity: qty('consumed_quantity').notNull().default('0'),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    index('contract_lines_contract_idx').on(t.companyId, t.contractId),
    index('contract_lines_product_idx').on(t.companyId, t.productId),
    foreignKey({ columns: [t.companyId, t.contractId], foreignColumns: [contracts.companyId, contracts.id] }).onDelete(
      'cascade',
    ),
  ],
);
