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
import { day, money4, qty, ts } from '@server/platform/db/columns';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});
const amount = (name: string) => numeric(name, { precision: 18, scale: 2 });

/**
 * Invoices and credit notes. A draft has no number and can change or be discarded; issuing assigns the number
 * from the (company, series) counter and freezes the row: a trigger refuses any later change except the
 * columns that follow the invoice's life (amount due, lifecycle status, sending) — see migration 0013.
 */
export const invoices = pgTable(
  'invoices',
  {
    companyId: uuid('company_id').notNull(),
    id: uuid('id').notNull(),
    /** invoice | credit_note */
    type: text('type').notNull(),
    /** standard | down_payment */
    purpose: text('purpose').notNull().default('standard'),
    /** draft | issued | cancelled (a discarded draft) */
    status: text('status').notNull().default('draft'),
    /** The number series (e.g. FA-2026), set at issue; `number` is unique per company. */
    series: text('series'),
    number: text('number'),
    issueDate: day('issue_date'),
    dueDate: day('due_date'),
    customerId: uuid('customer_id').notNull(),
    /** The customer as invoiced (name, code, SIREN, VAT, addresses, e-mail, language): frozen at issue. */
    customer: jsonb('customer').notNull(),
    /** The seller (our company) as it was at issue. */
    seller: jsonb('seller'),
    /** Deliver-to name and address (the ship-to of the deliveries). */
    deliveryAddress: jsonb('delivery_address'),
    customerReference: text('customer_reference'),
    orderIds: jsonb('order_ids').$type<string[]>().notNull().default([]),
    deliveryIds: jsonb('delivery_ids').$type<string[]>().notNull().default([]),
    currency: text('currency').notNull(),
    exchangeRate: numeric('exchange_rate', { precision: 18, scale: 8 }),
    vatTotalEur: amount('vat_total_eur'),
    /** domestic | intra_eu | export | reverse_charge */
    vatRegime: text('vat_regime').notNull(),
    /** goods | services | mixed */
    operationCategory: text('operation_category').notNull(),
    paymentTerms: jsonb('payment_terms').notNull(),
    deliveryDate: day('delivery_date'),
    periodStart: day('period_start'),
    periodEnd: day('period_end'),
    lineTotal: amount('line_total').notNull().default('0'),
    allowanceTotal: amount('allowance_total').notNull().default('0'),
    chargeTotal: amount('charge_total').notNull().default('0'),
    net: amount('net').notNull().default('0'),
    vat: amount('vat').notNull().default('0'),
    gross: amount('gross').notNull().default('0'),
    vatBreakdown: jsonb('vat_breakdown').notNull().default([]),
    /** What is left to pay: gross − payments − credit notes (a credit note: what is left to refund or offset). */
    amountDue: amount('amount_due').notNull().default('0'),
    /** Credit notes: the invoice corrected. */
    precedingInvoiceId: uuid('preceding_invoice_id'),
    /** Credit notes: from a return, and whether the credited quantities may be invoiced again. */
    returnId: uuid('return_id'),
    reinvoice: boolean('reinvoice').notNull().default(false),
    reason: text('reason'),
    note: text('note'),
    /** The legal mentions and the payment terms text as printed (frozen at issue). */
    notes: jsonb('notes').notNull().default([]),
    paymentTermsText: text('payment_terms_text'),
    runId: uuid('run_id'),
    lifecycleCode: text('lifecycle_code'),
    lifecycleAt: ts('lifecycle_at'),
    sentAt: ts('sent_at'),
    issuedAt: ts('issued_at'),
    issuedBy: uuid('issued_by'),
    createdBy: uuid('created_by'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    uniqueIndex('invoices_number_uq').on(t.companyId, t.number),
    index('invoices_customer_idx').on(t.companyId, t.customerId, t.issueDate),
    index('invoices_status_idx').on(t.companyId, t.status, t.issueDate),
    index('invoices_series_idx').on(t.companyId, t.series, t.issueDate),
    index('invoices_preceding_idx').on(t.companyId, t.precedingInvoiceId),
    index('invoices_run_idx').on(t.companyId, t.runId),
    check(
      'invoices_issued_numbered',
      sql`${t.status} <> 'issued' or (${t.number} is not null and ${t.issueDate} is not null)`,
    ),
  ],
);

export const invoiceLines = pgTable(
  'invoice_lines',
  {
    companyId: uuid('company_id').notNull(),
    id: uuid('id').notNull(),
    invoiceId: uuid('invoice_id').notNull(),
    position: integer('position').notNull(),
    productId: uuid('product_id'),
    sku: text('sku').notNull(),
    name: text('name').notNull(),
    customerProductCode: text('customer_product_code'),
    gtin: text('gtin'),
    /** Negative for a down-payment deduction line. */
    quantity: qty('quantity').notNull(),
    unit: text('unit').notNull(),
    unitPrice: money4('unit_price').notNull(),
    discountPercent: numeric('discount_percent', { precision: 7, scale: 4 }),
    netAmount: amount('net_amount').notNull(),
    vatCategory: text('vat_category').notNull(),
    vatRate: numeric('vat_rate', { precision: 5, scale: 2 }).notNull(),
    /** goods | services: the operation category of the line. */
    nature: text('nature').notNull().default('goods'),
    orderId: uuid('order_id'),
    orderLineId: uuid('order_line_id'),
    deliveryId: uuid('delivery_id'),
    deliveryLineId: uuid('delivery_line_id'),
    downPaymentInvoiceId: uuid('down_payment_invoice_id'),
    creditedLineId: uuid('credited_line_id'),
    returnLineId: uuid('return_line_id'),
    /** Invoice lines: quantity credited by credit notes so far (moves after issue: allowed by the trigger). */
    creditedQuantity: qty('credited_quantity').notNull().default('0'),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    index('invoice_lines_invoice_idx').on(t.companyId, t.invoiceId, t.position),
    index('invoice_lines_order_line_idx').on(t.companyId, t.orderLineId),
    index('invoice_lines_delivery_line_idx').on(t.companyId, t.deliveryLineId),
    index('invoice_lines_down_payment_idx').on(t.companyId, t.downPaymentInvoiceId),
    foreignKey({ columns: [t.companyId, t.invoiceId], foreignColumns: [invoices.companyId, invoices.id] }),
  ],
);

export const invoiceAllowanceCharges = pgTable(
  'invoice_allowance_charges',
  {
    companyId: uuid('company_id').notNull(),
    id: uuid('id').notNull(),
    invoiceId: uuid('invoice_id').notNull(),
    position: integer('position').notNull(),
    kind: text('kind').notNull(),
    amount: amount('amount').notNull(),
    vatCategory: text('vat_category').notNull(),
    vatRate: numeric('vat_rate', { precision: 5, scale: 2 }).notNull(),
    reason: text('reason').notNull(),
    reasonCode: text('reason_code'),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    index('invoice_allowance_charges_invoice_idx').on(t.companyId, t.invoiceId, t.position),
    foreignKey({ columns: [t.companyId, t.invoiceId], foreignColumns: [invoices.companyId, invoices.id] }),
    check('invoice_allowance_charges_kind', sql`${t.kind} in ('allowance', 'charge')`),
  ],
);

/** The exact bytes of every document made for an issued invoice (PDF, Factur-X, UBL, CII) with their SHA-256. */
export const invoiceDocuments = pgTable(
  'invoice_documents',
  {
    companyId: uuid('company_id').notNull(),
    invoiceId: uuid('invoice_id').notNull(),
    format: text('format').notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    sha256: text('sha256').notNull(),
    size: integer('size').notNull(),
    content: bytea('content').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.invoiceId, t.format] }),
    foreignKey({ columns: [t.companyId, t.invoiceId], foreignColumns: [invoices.companyId, invoices.id] }),
  ],
);

/** E-invoicing lifecycle statuses (reform codes 200–214) of an invoice, with their dates and where they came from. */
export const invoiceLifecycleEvents = pgTable(
  'invoice_lifecycle_events',
  {
    companyId: uuid('company_id').notNull(),
    id: uuid('id').notNull(),
    invoiceId: uuid('invoice_id').notNull(),
    code: text('code').notNull(),
    occurredAt: ts('occurred_at').notNull(),
    note: text('note'),
    /** manual | import | platform | system */
    source: text('source').notNull(),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    index('invoice_lifecycle_invoice_idx').on(t.companyId, t.invoiceId, t.occurredAt),
    uniqueIndex('invoice_lifecycle_uq').on(t.companyId, t.invoiceId, t.code, t.occurredAt),
    foreignKey({ columns: [t.companyId, t.invoiceId], foreignColumns: [invoices.companyId, invoices.id] }),
  ],
);

/** Month-end invoicing runs: what was due, progress, the invoices made and the errors per customer. */
export const invoicingRuns = pgTable(
  'invoicing_runs',
  {
    companyId: uuid('company_id').notNull(),
    id: uuid('id').notNull(),
    status: text('status').notNull().default('running'),
    upToDate: day('up_to_date').notNull(),
    customerId: uuid('customer_id'),
    issue: boolean('issue').notNull().default(false),
    send: boolean('send').notNull().default(false),
    total: integer('total').notNull().default(0),
    processed: integer('processed').notNull().default(0),
    errors: jsonb('errors').notNull().default([]),
    startedAt: ts('started_at').notNull().defaultNow(),
    finishedAt: ts('finished_at'),
    createdBy: uuid('created_by'),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    index('invoicing_runs_started_idx').on(t.companyId, t.startedAt),
  ],
);

/** EUR for one unit of a foreign currency on a date (VAT is shown in EUR on foreign-currency invoices). */
export const exchangeRates = pgTable(
  'exchange_rates',
  {
    companyId: uuid('company_id').notNull(),
    id: uuid('id').notNull(),
    currency: text('currency').notNull(),
    rateDate: day('rate_date').notNull(),
    rate: numeric('rate', { precision: 18, scale: 8 }).notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    uniqueIndex('exchange_rates_uq').on(t.companyId, t.currency, t.rateDate),
  ],
);
