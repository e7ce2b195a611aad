import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  customType,
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
import { day, ts } from '@server/platform/db/columns';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});
const amount = (name: string) => numeric(name, { precision: 18, scale: 2 });

/** Money received from a customer (by hand or from a bank statement line). Never deleted: allocations move. */
export const payments = pgTable(
  'payments',
  {
    companyId: uuid('company_id').notNull(),
    id: uuid('id').notNull(),
    customerId: uuid('customer_id').notNull(),
    amount: amount('amount').notNull(),
    currency: text('currency').notNull(),
    paymentDate: day('payment_date').notNull(),
    reference: text('reference').notNull(),
    method: text('method').notNull().default('transfer'),
    /** manual | bank */
    source: text('source').notNull().default('manual'),
    bankLineId: uuid('bank_line_id'),
    /** Σ allocations of kind payment (not write-offs): amount − allocated = unallocated credit. */
    allocated: amount('allocated').notNull().default('0'),
    note: text('note'),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    index('payments_customer_idx').on(t.companyId, t.customerId, t.paymentDate),
    uniqueIndex('payments_bank_line_uq').on(t.companyId, t.bankLineId),
    check('payments_allocated', sql`${t.amount} > 0 and ${t.allocated} >= 0 and ${t.allocated} <= ${t.amount}`),
  ],
);

/** What settles an invoice: part of a payment, or a small difference written off (with its reason). */
export const paymentAllocations = pgTable(
  'payment_allocations',
  {
    companyId: uuid('company_id').notNull(),
    id: uuid('id').notNull(),
    paymentId: uuid('payment_id').notNull(),
    invoiceId: uuid('invoice_id').notNull(),
    /** payment | write_off */
    kind: text('kind').notNull().default('payment'),
    amount: amount('amount').notNull(),
    reason: text('reason'),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    index('payment_allocations_payment_idx').on(t.companyId, t.paymentId),
    index('payment_allocations_invoice_idx').on(t.companyId, t.invoiceId),
    foreignKey({ columns: [t.companyId, t.paymentId], foreignColumns: [payments.companyId, payments.id] }),
    check('payment_allocations_amount', sql`${t.amount} > 0`),
  ],
);

/** An imported bank statement: its identity, balances and the exact bytes of the file it came from. */
export const bankStatements = pgTable(
  'bank_statements',
  {
    companyId: uuid('company_id').notNull(),
    id: uuid('id').notNull(),
    key: text('key').notNull(),
    format: text('format').notNull(),
    account: text('account'),
    currency: text('currency').notNull(),
    fromDate: day('from_date').notNull(),
    toDate: day('to_date').notNull(),
    openingBalance: amount('opening_balance').notNull(),
    closingBalance: amount('closing_balance').notNull(),
    fileName: text('file_name').notNull(),
    fileSha256: text('file_sha256').notNull(),
    file: bytea('file').notNull(),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.id] }), uniqueIndex('bank_statements_key_uq').on(t.companyId, t.key)],
);

/** One booked line of a statement, with its stable key (nothing imported twice) and its matching state. */
export const bankLines = pgTable(
  'bank_lines',
  {
    companyId: uuid('company_id').notNull(),
    id: uuid('id').notNull(),
    statementId: uuid('statement_id').notNull(),
    key: text('key').notNull(),
    lineNumber: integer('line_number').notNull(),
    bookingDate: day('booking_date').notNull(),
    valueDate: day('value_date'),
    amount: amount('amount').notNull(),
    currency: text('currency').notNull(),
    label: text('label').notNull(),
    remittance: jsonb('remittance').$type<string[]>().notNull().default([]),
    structuredReference: text('structured_reference'),
    endToEndId: text('end_to_end_id'),
    payerName: text('payer_name'),
    payerIban: text('payer_iban'),
    bankReference: text('bank_reference'),
    bankTransactionCode: text('bank_transaction_code'),
    booked: boolean('booked').notNull().default(true),
    reversal: boolean('reversal').notNull().default(false),
    /** unmatched | suggested | matched | ignored */
    status: text('status').notNull().default('unmatched'),
    suggestion: jsonb('suggestion'),
    paymentId: uuid('payment_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    uniqueIndex('bank_lines_key_uq').on(t.companyId, t.key),
    index('bank_lines_status_idx').on(t.companyId, t.status, t.bookingDate),
    index('bank_lines_statement_idx').on(t.companyId, t.statementId, t.lineNumber),
    foreignKey({
      columns: [t.companyId, t.statementId],
      foreignColumns: [bankStatements.companyId, bankStatements.id],
    }),
  ],
);

/** IBANs a customer paid from: learned from matched bank lines, used to recognise the payer next time. */
export const customerBankAccounts = pgTable(
  'customer_bank_accounts',
  {
    companyId: uuid('company_id').notNull(),
    id: uuid('id').notNull(),
    customerId: uuid('customer_id').notNull(),
    iban: text('iban').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    uniqueIndex('customer_bank_accounts_iban_uq').on(t.companyId, t.iban),
    index('customer_bank_accounts_customer_idx').on(t.companyId, t.customerId),
  ],
);

/** A dunning run: the reminders due on a date, proposed for review, then sent in one go. */
export const dunningRuns = pgTable(
  'dunning_runs',
  {
    companyId: uuid('company_id').notNull(),
    id: uuid('id').notNull(),
    asOf: day('as_of').notNull(),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.id] }), index('dunning_runs_as_of_idx').on(t.companyId, t.asOf)],
);

/** One reminder to a customer (its invoices at their levels), proposed then sent (or cancelled). */
export const dunningLetters = pgTable(
  'dunning_letters',
  {
    companyId: uuid('company_id').notNull(),
    id: uuid('id').notNull(),
    runId: uuid('run_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    currency: text('currency').notNull(),
    level: integer('level').notNull(),
    levelName: text('level_name').notNull(),
    channel: text('channel').notNull(),
    email: text('email'),
    language: text('language').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    items: jsonb('items').notNull(),
    total: amount('total').notNull(),
    /** proposed | sent | cancelled */
    status: text('status').notNull().default('proposed'),
    mailId: uuid('mail_id'),
    sentAt: ts('sent_at'),
    sentBy: uuid('sent_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    index('dunning_letters_run_idx').on(t.companyId, t.runId),
    index('dunning_letters_customer_idx').on(t.companyId, t.customerId, t.createdAt),
  ],
);

/** The level each invoice was reminded at, by which letter: the history, and the next level's floor. */
export const invoiceDunning = pgTable(
  'invoice_dunning',
  {
    companyId: uuid('company_id').notNull(),
    id: uuid('id').notNull(),
    invoiceId: uuid('invoice_id').notNull(),
    letterId: uuid('letter_id').notNull(),
    level: integer('level').notNull(),
    sentAt: ts('sent_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    index('invoice_dunning_invoice_idx').on(t.companyId, t.invoiceId, t.level),
  ],
);

/** A customer on credit hold released by an authorised person until a date, with the reason (audited). */
export const creditReleases = pgTable(
  'credit_releases',
  {
    companyId: uuid('company_id').notNull(),
    id: uuid('id').notNull(),
    customerId: uuid('customer_id').notNull(),
    reason: text('reason').notNull(),
    validUntil: day('valid_until').notNull(),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    index('credit_releases_customer_idx').on(t.companyId, t.customerId, t.validUntil),
  ],
);

/** Follow-up of a customer's account: a call note or a promise to pay, with a follow-up date (and its task). */
export const receivableNotes = pgTable(
  'receivable_notes',
  {
    companyId: uuid('company_id').notNull(),
    id: uuid('id').notNull(),
    customerId: uuid('customer_id').notNull(),
    invoiceId: uuid('invoice_id'),
    /** call | promise | note */
    kind: text('kind').notNull(),
    note: text('note').notNull(),
    promisedDate: day('promised_date'),
    promisedAmount: amount('promised_amount'),
    followUpDate: day('follow_up_date'),
    taskId: uuid('task_id'),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    index('receivable_notes_customer_idx').on(t.companyId, t.customerId, t.createdAt),
  ],
);
