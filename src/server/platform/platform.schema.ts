import { sql } from 'drizzle-orm';
import {
  bigserial,
  customType,
  boolean,
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
import { ts } from './db/columns';

/** bytea as a Node Buffer on both drivers. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/** A company is the tenant: the legal entity that sells and invoices. Its id is the company_id of every business row. */
export const companies = pgTable('companies', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  legalForm: text('legal_form').notNull().default('SAS'),
  shareCapital: numeric('share_capital', { precision: 18, scale: 2 }),
  siren: text('siren').notNull(),
  rcsCity: text('rcs_city'),
  vatNumber: text('vat_number'),
  address: jsonb('address').notNull(),
  iban: text('iban'),
  bic: text('bic'),
  currency: text('currency').notNull().default('EUR'),
  email: text('email'),
  phone: text('phone'),
  /** EORI number for customs (FR + SIRET), printed on export documents. */
  eori: text('eori'),
  /** GS1 company prefix (7–10 digits) and SSCC extension digit: the base of our logistic unit numbers. */
  gs1CompanyPrefix: text('gs1_company_prefix'),
  ssccExtensionDigit: integer('sscc_extension_digit').notNull().default(0),
  /** Order promise and validation settings (calendar, lead times, credit hold): see modules/orders/domain/calendar.ts. */
  orderSettings: jsonb('order_settings').notNull().default({}),
  /** Invoicing settings (penalty rate, indemnity, discount text, VAT on debits, series): @shared/api/invoices. */
  invoiceSettings: jsonb('invoice_settings').notNull().default({}),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    locale: text('locale').notNull().default('fr'),
    /** Platform administrator: may create companies. */
    isAdmin: boolean('is_admin').notNull().default(false),
    isActive: boolean('is_active').notNull().default(true),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('users_email_uq').on(sql`lower(${t.email})`)],
);

/** Membership of a user in a company, with the roles the user holds there. */
export const companyUsers = pgTable(
  'company_users',
  {
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    roles: text('roles').array().notNull(),
    isDefault: boolean('is_default').notNull().default(false),
    absent: boolean('absent').notNull().default(false),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.userId] }), index('company_users_user_idx').on(t.userId)],
);

/** Browser sessions: the cookie holds a random token, the table its SHA-256. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    csrfToken: text('csrf_token').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    expiresAt: ts('expires_at').notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Bearer tokens for integrations. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    name: text('name').notNull().default('api'),
    createdAt: ts('created_at').notNull().defaultNow(),
    expiresAt: ts('expires_at').notNull(),
    lastUsedAt: ts('last_used_at'),
  },
  (t) => [index('api_tokens_user_idx').on(t.userId)],
);

/** Idempotency keys: the first response to a creating POST, replayed for the same key and body. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    companyId: uuid('company_id').notNull(),
    key: text('key').notNull(),
    userId: uuid('user_id').notNull(),
    method: text('method').notNull(),
    path: text('path').notNull(),
    requestHash: text('request_hash').notNull(),
    statusCode: integer('status_code').notNull(),
    response: jsonb('response').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.key] })],
);

/** The audit trail, written by database triggers on every audited table (see audit/audit.ts). */
export const auditLog = pgTable(
  'audit_log',
  {
    companyId: uuid('company_id').notNull(),
    id: bigserial('id', { mode: 'number' }).notNull(),
    entityType: text('entity_type').notNull(),
    entityId: uuid('entity_id').notNull(),
    parentType: text('parent_type'),
    parentId: uuid('parent_id'),
    action: text('action').notNull(),
    actorId: uuid('actor_id'),
    requestId: text('request_id'),
    at: ts('at').notNull().defaultNow(),
    changes: jsonb('changes'),
    snapshot: jsonb('snapshot'),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    index('audit_entity_idx').on(t.companyId, t.entityType, t.entityId, t.id),
    index('audit_parent_idx').on(t.companyId, t.parentType, t.parentId, t.id),
  ],
);

/** Transactional outbox: side effects and scheduled jobs, written in the business transaction. */
export const outbox = pgTable(
  'outbox',
  {
    companyId: uuid('company_id').notNull(),
    id: uuid('id').notNull(),
    topic: text('topic').notNull(),
    payload: jsonb('payload').notNull(),
    dedupeKey: text('dedupe_key'),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    runAt: ts('run_at').notNull().defaultNow(),
    lockedUntil: ts('locked_until'),
    lastError: text('last_error'),
    createdAt: ts('created_at').notNull().defaultNow(),
    processedAt: ts('processed_at'),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    uniqueIndex('outbox_dedupe_uq').on(t.companyId, t.dedupeKey),
    index('outbox_due_idx')
      .on(t.runAt)
      .where(sql`status = 'pending'`),
  ],
);

/** Every e-mail Relais sends: kept whether SMTP is configured or not (the dev mailbox shows them). */
export const mailMessages = pgTable(
  'mail_messages',
  {
    companyId: uuid('company_id').notNull(),
    id: uuid('id').notNull(),
    to: text('to').array().notNull(),
    cc: text('cc')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html'),
    attachments: jsonb('attachments')
      .notNull()
      .default(sql`'[]'::jsonb`),
    related: jsonb('related'),
    status: text('status').notNull().default('pending'),
    error: text('error'),
    messageId: text('message_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
    sentAt: ts('sent_at'),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.id] }), index('mail_created_idx').on(t.companyId, t.createdAt)],
);

/** Per-company counters for document numbers; the row lock is held until commit, so numbers are gapless. */
export const numberSequences = pgTable(
  'number_sequences',
  {
    companyId: uuid('company_id').notNull(),
    series: text('series').notNull(),
    lastValue: integer('last_value').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.series] })],
);

/** Files attached to any record (a tender's documents, a claim's photos…): exact bytes and their SHA-256. */
export const attachments = pgTable(
  'attachments',
  {
    companyId: uuid('company_id').notNull(),
    id: uuid('id').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: uuid('entity_id').notNull(),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    data: bytea('data').notNull(),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    index('attachments_entity_idx').on(t.companyId, t.entityType, t.entityId),
  ],
);
