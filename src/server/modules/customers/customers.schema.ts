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
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { Address, InvoicingPreferences, PaymentTermsValue, ProductCodeRule } from '@shared/api/customers';
import { ts } from '@server/platform/db/columns';

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
    salesRepId: uuid('sales_rep_id'),
    paymentMethod: text('payment_method').notNull().default('transfer'),
    invoicing: jsonb('invoicing')
      .$type<InvoicingPreferences>()
      .notNull()
      .default({ mode: 'per_delivery', format: 'facturx', channel: 'email', email: null, paperCopies: 0 }),
    defaultIncoterm: text('default_incoterm'),
    incotermPlace: text('incoterm_place'),
    defaultCarrier: text('default_carrier'),
    priceListId: uuid('price_list_id'),
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
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    contactEmail: text('contact_email'),
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

/** Customer constraints and preferences as structured rules (one home; evaluated by domain/rules.ts). */
export const customerRules = pgTable(
  'customer_rules',
  {
    companyId: uuid('company_id').notNull(),
    id: uuid('id').notNull(),
    customerId: uuid('customer_id').notNull(),
    shipToId: uuid('ship_to_id'),
    kind: text('kind').notNull(),
    severity: text('severity').notNull(),
    params: jsonb('params').$type<Record<string, unknown>>().notNull(),
    note: text('note'),
    active: boolean('active').notNull().default(true),
    position: integer('position').notNull().default(0),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    index('customer_rules_customer_idx').on(t.companyId, t.customerId),
    foreignKey({ columns: [t.companyId, t.customerId], foreignColumns: [customers.companyId, customers.id] }).onDelete(
      'cascade',
    ),
  ],
);

/** The customer's own article numbers (cross-reference table). */
export const customerProductRefs = pgTable(
  'customer_product_refs',
  {
    companyId: uuid('company_id').notNull(),
    id: uuid('id').notNull(),
    customerId: uuid('customer_id').notNull(),
    customerCode: text('customer_code').notNull(),
    productId: uuid('product_id').notNull(),
    description: text('description'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    uniqueIndex('customer_refs_code_uq').on(t.companyId, t.customerId, sql`upper(${t.customerCode})`),
    foreignKey({ columns: [t.companyId, t.customerId], foreignColumns: [customers.companyId, customers.id] }).onDelete(
      'cascade',
    ),
  ],
);
