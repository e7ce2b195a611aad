import { z } from 'zod';
import { currencyCode, decimalString, isoDate, issue, optionalText, requiredText } from './common';

/** Receivables (#8): payments and their allocations (lettrage), bank statements and matching, aging. */

const money = decimalString({ maxDecimals: 2 });
const positiveMoney = money.refine((s) => /[1-9]/.test(s), issue('must_be_positive'));

export const paymentMethods = ['transfer', 'direct_debit', 'cheque', 'card', 'lcr', 'cash', 'other'] as const;

export const allocationInput = z.object({ invoiceId: z.string().uuid(), amount: positiveMoney });

/** POST /payments (API.md): no allocations → oldest due first, the rest stays unallocated credit. */
export const paymentCreate = z.object({
  customerId: z.string().uuid(),
  amount: positiveMoney,
  date: isoDate,
  reference: requiredText(140),
  currency: currencyCode.optional(),
  method: z.enum(paymentMethods).default('transfer'),
  allocations: z.array(allocationInput).max(500).optional(),
  /** A small difference written off with the allocations (bank fees, rounding), under the company threshold. */
  writeOff: z.object({ invoiceId: z.string().uuid(), amount: positiveMoney, reason: requiredText(200) }).optional(),
  note: optionalText(1000),
});
export type PaymentCreate = z.infer<typeof paymentCreate>;

/** POST /payments/{id}/allocations: allocate (part of) what is left unallocated. */
export const allocateInput = z.object({ allocations: z.array(allocationInput).min(1).max(500) });

export const allocationSchema = z.object({
  id: z.string(),
  invoiceId: z.string(),
  invoiceNumber: z.string().nullable(),
  /** payment: cash on an invoice; offset: a credit note used against invoices; write_off: a small difference. */
  kind: z.enum(['payment', 'write_off', 'offset']),
  amount: z.string(),
  reason: z.string().nullable(),
  createdAt: z.string(),
});

export const paymentSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  amount: z.string(),
  currency: z.string(),
  date: z.string(),
  reference: z.string(),
  method: z.string(),
  source: z.enum(['manual', 'bank']),
  bankLineId: z.string().nullable(),
  allocated: z.string(),
  unallocated: z.string(),
  allocations: z.array(allocationSchema),
  note: z.string().nullable(),
  createdAt: z.string(),
});
export type Payment = z.infer<typeof paymentSchema>;

export const paymentListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().optional(),
  customerId: z.string().uuid().optional(),
  unallocated: z.enum(['true', 'false']).optional(),
});

// ── Open items and aging ────────────────────────────────────────────────────────────────────────────────────
export const openItemSchema = z.object({
  id: z.string(),
  number: z.string(),
  type: z.enum(['invoice', 'credit_note']),
  customerId: z.string(),
  customerName: z.string(),
  customerReference: z.string().nullable(),
  issueDate: z.string(),
  dueDate: z.string().nullable(),
  currency: z.string(),
  gross: z.string(),
  amountDue: z.string(),
  daysOverdue: z.number(),
});
export type OpenItem = z.infer<typeof openItemSchema>;

export const agingQuery = z.object({
  asOf: isoDate.optional(),
  customerId: z.string().uuid().optional(),
  portfolioUserId: z.string().uuid().optional(),
});

const buckets = {
  notDue: z.string(),
  d1_30: z.string(),
  d31_60: z.string(),
  d61_90: z.string(),
  over90: z.string(),
  total: z.string(),
};
export const agingSchema = z.object({
  asOf: z.string(),
  currency: z.string(),
  data: z.array(
    z.object({
      customerId: z.string(),
      customerCode: z.string(),
      customerName: z.string(),
      ...buckets,
      unallocatedCredit: z.string(),
    }),
  ),
  totals: z.object(buckets),
  /** Accounting-method DSO over the 90 days before asOf (DOMAIN.md §11). */
  dso: z.string().nullable(),
});
export type Aging = z.infer<typeof agingSchema>;

// ── Bank statements ─────────────────────────────────────────────────────────────────────────────────────────
/** POST /bank-statements(/preview): the file as text (CFONB, CSV) or base64 (any). */
export const bankFileInput = z
  .object({
    fileName: requiredText(255),
    content: z.string().max(20_000_000).optional(),
    contentBase64: z.string().max(30_000_000).optional(),
  })
  .refine((b) => !!b.content !== !!b.contentBase64, issue('content_or_base64'));

export const bankLineStatuses = ['unmatched', 'suggested', 'matched', 'ignored'] as const;

export const matchSuggestionSchema = z.object({
  customerId: z.string().nullable(),
  customerName: z.string().nullable(),
  allocations: z.array(z.object({ invoiceId: z.string(), invoiceNumber: z.string(), amount: z.string() })),
  unallocated: z.string(),
  writeOff: z.object({ invoiceId: z.string(), amount: z.string(), reason: z.string() }).nullable(),
  confidence: z.string(),
  reasons: z.array(z.string()),
});

export const bankLineSchema = z.object({
  id: z.string(),
  statementId: z.string(),
  lineNumber: z.number(),
  bookingDate: z.string(),
  valueDate: z.string().nullable(),
  amount: z.string(),
  currency: z.string(),
  label: z.string(),
  remittance: z.array(z.string()),
  structuredReference: z.string().nullable(),
  payerName: z.string().nullable(),
  payerIban: z.string().nullable(),
  bankReference: z.string().nullable(),
  booked: z.boolean(),
  reversal: z.boolean(),
  status: z.enum(bankLineStatuses),
  suggestion: matchSuggestionSchema.nullable(),
  paymentId: z.string().nullable(),
});
export type BankLine = z.infer<typeof bankLineSchema>;

export const bankStatementSchema = z.object({
  id: z.string().nullable(),
  format: z.string(),
  account: z.string().nullable(),
  currency: z.string(),
  fromDate: z.string(),
  toDate: z.string(),
  openingBalance: z.string(),
  closingBalance: z.string(),
  lineCount: z.number(),
  creditCount: z.number(),
  /** Lines already imported by an earlier statement (nothing imported twice). */
  duplicateLines: z.number(),
  alreadyImported: z.boolean(),
  fileName: z.string(),
  sha256: z.string(),
  importedAt: z.string().nullable(),
});
export type BankStatement = z.infer<typeof bankStatementSchema>;

export const bankImportResult = z.object({
  statements: z.array(bankStatementSchema),
  lines: z.array(bankLineSchema),
});

export const bankLineQuery = z.object({
  status: z.string().optional(),
  statementId: z.string().uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().optional(),
});

/** POST /bank-lines/{id}/match: what a person decided (or the suggestion, as it stands). */
export const bankLineMatch = z.object({
  customerId: z.string().uuid(),
  allocations: z.array(allocationInput).max(500).default([]),
  writeOff: z.object({ invoiceId: z.string().uuid(), amount: positiveMoney, reason: requiredText(200) }).optional(),
});

/** POST /bank-lines/accept: accept the suggestions of these lines as they stand, in one go. */
export const bankLinesAccept = z.object({ lineIds: z.array(z.string().uuid()).min(1).max(1000) });

// ── Dunning (relances) ──────────────────────────────────────────────────────────────────────────────────────
export const dunningRunCreate = z.object({ asOf: isoDate.optional() });

export const dunningLetterSchema = z.object({
  id: z.string(),
  runId: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  currency: z.string(),
  level: z.number(),
  levelName: z.string(),
  channel: z.string(),
  email: z.string().nullable(),
  subject: z.string(),
  body: z.string(),
  items: z.array(
    z.object({
      invoiceId: z.string(),
      number: z.string(),
      dueDate: z.string(),
      amountDue: z.string(),
      level: z.number(),
      daysOverdue: z.number(),
      interest: z.string().nullable(),
      indemnity: z.string().nullable(),
    }),
  ),
  total: z.string(),
  status: z.enum(['proposed', 'sent', 'cancelled']),
  sentAt: z.string().nullable(),
  createdAt: z.string(),
});
export type DunningLetter = z.infer<typeof dunningLetterSchema>;

export const dunningRunSchema = z.object({
  id: z.string(),
  asOf: z.string(),
  letters: z.array(dunningLetterSchema),
  createdAt: z.string(),
});
export type DunningRun = z.infer<typeof dunningRunSchema>;

/** POST /dunning-runs/{id}/send: the letters to send (default: every proposed one); the others stay proposed. */
export const dunningSend = z.object({ letterIds: z.array(z.string().uuid()).max(1000).optional() });

// ── Credit hold ─────────────────────────────────────────────────────────────────────────────────────────────
export const creditStatusSchema = z.object({
  customerId: z.string(),
  onHold: z.boolean(),
  blocked: z.boolean(),
  reasons: z.array(z.object({ code: z.string(), params: z.record(z.string(), z.unknown()) })),
  creditLimit: z.string().nullable(),
  exposure: z.string(),
  openInvoices: z.string(),
  committedOrders: z.string(),
  unallocatedPayments: z.string(),
  oldestOverdueDays: z.number().nullable(),
  overdueDaysLimit: z.number(),
  release: z
    .object({ reason: z.string(), validUntil: z.string(), createdBy: z.string().nullable(), createdAt: z.string() })
    .nullable(),
});
export type CreditStatus = z.infer<typeof creditStatusSchema>;
export const creditReleaseInput = z.object({ reason: requiredText(500), validUntil: isoDate.optional() });

// ── Follow-up notes: calls, promises to pay ─────────────────────────────────────────────────────────────────
export const receivableNoteInput = z.object({
  kind: z.enum(['call', 'promise', 'note']),
  note: requiredText(2000),
  invoiceId: z.string().uuid().optional(),
  promisedDate: isoDate.optional(),
  promisedAmount: positiveMoney.optional(),
  /** A task « Relancer … » for the author on that date (default: the day after a promised date). */
  followUpDate: isoDate.optional(),
});
export const receivableNoteSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  invoiceId: z.string().nullable(),
  kind: z.enum(['call', 'promise', 'note']),
  note: z.string(),
  promisedDate: z.string().nullable(),
  promisedAmount: z.string().nullable(),
  followUpDate: z.string().nullable(),
  taskId: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
export type ReceivableNote = z.infer<typeof receivableNoteSchema>;
