import { sql } from 'drizzle-orm';
import {
  boolean,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { Address, PaymentTermsValue, ProductCodeRule } from '@shared/api/customers';

const ts = (name: string) => timestamp(name, { withTimezone: true });

export const customers = pgTable(
  'customers',
  {
    companyId: uuid('company_id').notNull(),
    id: uuid('id').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    siren: text('siren'),
    siret: text('siret'),
    vatNumber: text('vat_number'),
    countryCode: text('country_code').notNull(),
    currency: text('currency').notNull().default('EUR'),
    language: text('language').notNull().default('fr'),
    gln: text('gln'),
    paymentTerms: jsonb('payment_terms').$type<PaymentTermsValue>().notNull(),
    creditLimit: numeric('credit_limit', { precision: 18, scale: 2 }),
    requiresPoNumber: boolean('requires_po_number').notNull().default(false),
    billingAddress: jsonb('billing_address').$type<Address>().notNull(),
    productCodeRule: jsonb('product_code_rule').$type<ProductCodeRule>().notNull(),
    accountManagerId: uuid('account_manager_id'),
    backupManagerId: uuid('backup_manager_id'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    uniqueIndex('customers_code_uq').on(t.companyId, t.code),
    index('customers_name_idx').on(t.companyId, t.name, t.id),
    index('customers_siren_idx').on(t.companyId, t.siren),
  ],
);

export const customerShipTos = pgTable(
  'customer_ship_tos',
  {
    companyId: uuid('company_id').notNull(),
    id: uuid('id').notNull(),
    customerId: uuid('customer_id').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    isDefault: boolean('is_default').notNull().default(false),
    gln: text('gln'),
    address: jsonb('address').$type<Address>().notNull(),
    deliveryWeekdays: integer('delivery_weekdays').array(),
    constraints: text('constraints')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    uniqueIndex('ship_tos_code_uq').on(t.companyId, t.customerId, t.code),
    foreignKey({ columns: [t.companyId, t.customerId], foreignColumns: [customers.companyId, customers.id] }).onDelete(
      'cascade',
    ),
  ],
);

export const customerContacts = pgTable(
  'customer_contacts',
  {
    companyId: uuid('company_id').notNull(),
    id: uuid('id').notNull(),
    customerId: uuid('customer_id').notNull(),
    name: text('name').notNull(),
    role: text('role').notNull(),
    email: text('email'),
    phone: text('phone'),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    index('contacts_customer_idx').on(t.companyId, t.customerId),
    index('contacts_email_idx').on(t.companyId, sql`lower(${t.email})`),
    foreignKey({ columns: [t.companyId, t.customerId], foreignColumns: [customers.companyId, customers.id] }).onDelete(
      'cascade',
    ),
  ],
);
