import { z } from 'zod';
import {
  addressSchema,
  currencyCode,
  decimalString,
  isoDate,
  issue,
  listQuery,
  optionalText,
  requiredText,
} from './common';

/** Invoicing (#7): invoices, credit notes, invoicing runs, e-invoice lifecycle, exchange rates, settings. */

const qty = decimalString({ maxDecimals: 3 });
const positiveQty = qty.refine((s) => /[1-9]/.test(s), issue('must_be_positive'));
const money = decimalString({ maxDecimals: 2 });
const positiveMoney = money.refine((s) => /[1-9]/.test(s), issue('must_be_positive'));

export const invoiceTypes = ['invoice', 'credit_note'] as const;
export type InvoiceType = (typeof invoiceTypes)[number];
/** standard: goods or services; down_payment: an advance (acompte) to deduct later from the final invoice. */
export const invoicePurposes = ['standard', 'down_payment'] as const;
export type InvoicePurpose = (typeof invoicePurposes)[number];
/** draft (no number, editable, deletable) → issued (numbered, immutable). A draft may be discarded (cancelled). */
export const invoiceStatuses = ['draft', 'issued', 'cancelled'] as const;
export type InvoiceStatus = (typeof invoiceStatuses)[number];
/** How VAT applies, decided from the customer's country and VAT number and the kind of operation. */
export const vatRegimes = ['domestic', 'intra_eu', 'export', 'reverse_charge'] as const;
export type VatRegime = (typeof vatRegimes)[number];
export const operationCategories = ['goods', 'services', 'mixed'] as const;
export const documentFormats = ['pdf', 'facturx', 'ubl', 'cii'] as const;
export type DocumentFormat = (typeof documentFormats)[number];

/**
 * E-invoicing lifecycle statuses of the 2026 reform (DOMAIN.md §10): code → key. Mandatory for the PPF: 200
 * deposited, 213 rejected, 210 refused, 212 collected (encaissée).
 */
export const lifecycleStatuses = {
  '200': 'deposited',
  '201': 'issued_by_platform',
  '202': 'received_by_platform',
  '203': 'made_available',
  '204': 'taken_over',
  '205': 'approved',
  '206': 'partially_approved',
  '207': 'disputed',
  '208': 'suspended',
  '209': 'completed',
  '210': 'refused',
  '211': 'payment_sent',
  '212': 'collected',
  '213': 'rejected',
  '214': 'endorsed',
} as const;
export type LifecycleCode = keyof typeof lifecycleStatuses;
export const lifecycleCodes = Object.keys(lifecycleStatuses) as LifecycleCode[];

// ── Creating ────────────────────────────────────────────────────────────────────────────────────────────────
export const allowanceChargeInput = z.object({
  kind: z.enum(['allowance', 'charge']),
  amount: positiveMoney,
  /** Defaults to the VAT of the invoice's main rate. */
  vatCategory: z.string().trim().toUpperCase().optional(),
  vatRate: decimalString({ maxDecimals: 2 }).optional(),
  reason: requiredText(200),
  reasonCode: optionalText(10),
});
export type AllowanceChargeInput = z.infer<typeof allowanceChargeInput>;

/**
 * POST /invoices: from shipped deliveries (goods), or from an order (services, milestones) with the lines and
 * quantities to invoice, or a down payment on an order (a percent or an amount), or free lines for a customer.
 */
export const invoiceCreate = z
  .object({
    deliveryIds: z.array(z.string().uuid()).min(1).max(500).optional(),
    orderId: z.string().uuid().optional(),
    /** With orderId: the order lines to invoice and how much (omitted: everything not yet invoiced). */
    lines: z
      .array(z.object({ orderLineId: z.string().uuid(), quantity: positiveQty }))
      .max(500)
      .optional(),
    /** With orderId: a down-payment invoice for this percent of the order's net, or this net amount. */
    downPayment: z
      .object({
        percent: decimalString({ maxDecimals: 2 }).optional(),
        amount: positiveMoney.optional(),
      })
      .refine((d) => !!d.percent !== !!d.amount, issue('percent_or_amount'))
      .optional(),
    /**
     * Late-payment penalties of an issued invoice (DOMAIN.md §4): interest at the company rate from the due date to
     * `asOf` (default today) on what is left to pay, and the fixed recovery indemnity; outside the VAT scope.
     */
    latePenalties: z.object({ invoiceId: z.string().uuid(), asOf: isoDate.optional() }).optional(),
    /** Down-payment invoices (issued) deducted from this final invoice; default: every one of the order's. */
    deductDownPayments: z.boolean().default(true),
    allowancesCharges: z.array(allowanceChargeInput).max(20).default([]),
    note: optionalText(1000),
  })
  .superRefine((b, ctx) => {
    if (!b.deliveryIds && !b.orderId && !b.latePenalties)
      ctx.addIssue({ code: 'custom', path: ['deliveryIds'], params: { code: 'deliveries_or_order' }, input: b });
    if (b.deliveryIds && b.orderId)
      ctx.addIssue({ code: 'custom', path: ['orderId'], params: { code: 'deliveries_or_order' }, input: b });
    if (b.downPayment && !b.orderId)
      ctx.addIssue({ code: 'custom', path: ['downPayment'], params: { code: 'order_required' }, input: b });
  });
export type InvoiceCreate = z.infer<typeof invoiceCreate>;

/** PATCH /invoices/{id}: a draft only. */
export const invoicePatch = z.object({
  note: optionalText(1000),
  allowancesCharges: z.array(allowanceChargeInput).max(20).optional(),
});

/** POST /invoices/{id}/issue: the issue date defaults to today (never before the last issued of the series). */
export const invoiceIssue = z.object({ issueDate: isoDate.optional(), send: z.boolean().default(false) });

/** POST /invoices/{id}/credit-notes: the whole invoice, some lines and quantities, an amount, or a return. */
export const creditNoteCreate = z
  .object({
    reason: requiredText(500),
    lines: z
      .array(z.object({ invoiceLineId: z.string().uuid(), quantity: positiveQty }))
      .min(1)
      .max(500)
      .optional(),
    /** A commercial gesture: this net amount at the given VAT (default: the invoice's main rate). */
    amount: positiveMoney.optional(),
    vatCategory: z.string().trim().toUpperCase().optional(),
    vatRate: decimalString({ maxDecimals: 2 }).optional(),
    /** Credit what came back on this return (its lines, at the invoiced prices). */
    returnId: z.string().uuid().optional(),
    /** Cancel and re-invoice: the credited quantities go back to the deliveries and the order, to invoice again. */
    reinvoice: z.boolean().default(false),
    send: z.boolean().default(false),
  })
  .superRefine((b, ctx) => {
    const ways = [b.lines, b.amount, b.returnId].filter((x) => x !== undefined).length;
    if (ways > 1) ctx.addIssue({ code: 'custom', path: ['amount'], params: { code: 'one_way_only' }, input: b });
  });
export type CreditNoteCreate = z.infer<typeof creditNoteCreate>;

export const invoiceListQuery = listQuery.extend({
  status: z.string().optional(),
  type: z.enum(invoiceTypes).optional(),
  customerId: z.string().uuid().optional(),
  orderId: z.string().uuid().optional(),
  deliveryId: z.string().uuid().optional(),
  runId: z.string().uuid().optional(),
  q: z.string().trim().max(100).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export type InvoiceListQuery = z.infer<typeof invoiceListQuery>;

// ── Reading ─────────────────────────────────────────────────────────────────────────────────────────────────
export const invoiceLineSchema = z.object({
  id: z.string(),
  position: z.number(),
  productId: z.string().nullable(),
  sku: z.string(),
  name: z.string(),
  customerProductCode: z.string().nullable(),
  quantity: z.string(),
  unit: z.string(),
  unitPrice: z.string(),
  discountPercent: z.string().nullable(),
  netAmount: z.string(),
  vatCategory: z.string(),
  vatRate: z.string(),
  orderId: z.string().nullable(),
  orderNumber: z.string().nullable(),
  orderLineId: z.string().nullable(),
  deliveryId: z.string().nullable(),
  deliveryNumber: z.string().nullable(),
  deliveryLineId: z.string().nullable(),
  /** A deduction line: the down-payment invoice it deducts. */
  downPaymentInvoiceId: z.string().nullable(),
  /** A credit-note line: the invoice line it credits. */
  creditedLineId: z.string().nullable(),
  /** On an invoice line: how much of it credit notes have credited already. */
  creditedQuantity: z.string(),
});
export type InvoiceLine = z.infer<typeof invoiceLineSchema>;

const vatGroup = z.object({
  vatCategory: z.string(),
  vatRate: z.string(),
  taxableAmount: z.string(),
  taxAmount: z.string(),
  exemptionReason: z.string().nullable().optional(),
  exemptionReasonCode: z.string().nullable().optional(),
});

export const lifecycleEventSchema = z.object({
  id: z.string(),
  code: z.string(),
  status: z.string(),
  label: z.string(),
  occurredAt: z.string(),
  note: z.string().nullable(),
  source: z.string(),
  createdAt: z.string(),
});
export type LifecycleEvent = z.infer<typeof lifecycleEventSchema>;

export const archivedDocumentSchema = z.object({
  format: z.enum(documentFormats),
  fileName: z.string(),
  sha256: z.string(),
  size: z.number(),
  createdAt: z.string(),
});
export type ArchivedDocument = z.infer<typeof archivedDocumentSchema>;

export const invoiceSchema = z.object({
  id: z.string(),
  number: z.string().nullable(),
  type: z.enum(invoiceTypes),
  purpose: z.enum(invoicePurposes),
  status: z.enum(invoiceStatuses),
  issueDate: z.string().nullable(),
  dueDate: z.string().nullable(),
  customerId: z.string(),
  customerCode: z.string(),
  customerName: z.string(),
  billingAddress: addressSchema.nullable(),
  deliveryAddress: addressSchema.nullable(),
  customerReference: z.string().nullable(),
  orderIds: z.array(z.string()),
  orderNumbers: z.array(z.string()),
  deliveryIds: z.array(z.string()),
  deliveryNumbers: z.array(z.string()),
  currency: z.string(),
  /** EUR per unit of `currency` when it is not EUR (VAT shown in EUR). */
  exchangeRate: z.string().nullable(),
  vatTotalEur: z.string().nullable(),
  vatRegime: z.enum(vatRegimes),
  operationCategory: z.enum(operationCategories),
  paymentTerms: z.object({ basis: z.string(), days: z.number(), dayOfMonth: z.number().nullable() }),
  paymentTermsLabel: z.string(),
  deliveryDate: z.string().nullable(),
  periodStart: z.string().nullable(),
  periodEnd: z.string().nullable(),
  lines: z.array(invoiceLineSchema),
  allowancesCharges: z.array(
    z.object({
      kind: z.enum(['allowance', 'charge']),
      amount: z.string(),
      vatCategory: z.string(),
      vatRate: z.string(),
      reason: z.string(),
      reasonCode: z.string().nullable(),
    }),
  ),
  totals: z.object({
    lineTotal: z.string(),
    allowanceTotal: z.string(),
    chargeTotal: z.string(),
    net: z.string(),
    vat: z.string(),
    gross: z.string(),
  }),
  vatBreakdown: z.array(vatGroup),
  /** Gross minus what payments and credit notes settled (payments: #8). */
  amountDue: z.string(),
  /** Credit notes: the invoice corrected. */
  precedingInvoiceId: z.string().nullable(),
  precedingInvoiceNumber: z.string().nullable(),
  /** Invoices: the credit notes issued against it. */
  creditNotes: z.array(z.object({ id: z.string(), number: z.string().nullable(), gross: z.string() })),
  reason: z.string().nullable(),
  note: z.string().nullable(),
  /** The latest e-invoicing lifecycle status (code and key), null before any. */
  lifecycleStatus: z.object({ code: z.string(), status: z.string(), label: z.string() }).nullable(),
  documents: z.array(archivedDocumentSchema),
  sentAt: z.string().nullable(),
  runId: z.string().nullable(),
  issuedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Invoice = z.infer<typeof invoiceSchema>;

// ── Invoicing runs ──────────────────────────────────────────────────────────────────────────────────────────
export const invoicingRunCreate = z.object({
  /** Invoice everything shipped up to this date (default today). */
  upToDate: isoDate.optional(),
  customerId: z.string().uuid().optional(),
  /** Issue the invoices at once (numbers, documents); otherwise they wait as drafts. */
  issue: z.boolean().default(false),
  /** Send the issued invoices by e-mail as the customers' settings say. */
  send: z.boolean().default(false),
  /** Answer 202 at once and run in the background (the UI polls GET /invoicing-runs/{id}). */
  background: z.boolean().default(false),
});
export type InvoicingRunCreate = z.infer<typeof invoicingRunCreate>;

export const invoicingRunSchema = z.object({
  id: z.string(),
  status: z.enum(['running', 'done', 'failed']),
  upToDate: z.string(),
  customerId: z.string().nullable(),
  issue: z.boolean(),
  send: z.boolean(),
  /** Groups (invoices to make) found, and how many are done so far: the progress bar. */
  total: z.number(),
  processed: z.number(),
  invoiceCount: z.number(),
  deliveryCount: z.number(),
  net: z.string(),
  gross: z.string(),
  /** Per currency when several. */
  totalsByCurrency: z.array(z.object({ currency: z.string(), net: z.string(), gross: z.string(), count: z.number() })),
  errors: z.array(
    z.object({ customerId: z.string(), customerName: z.string(), code: z.string(), message: z.string() }),
  ),
  invoices: z.array(
    z.object({
      id: z.string(),
      number: z.string().nullable(),
      status: z.string(),
      customerId: z.string(),
      customerName: z.string(),
      currency: z.string(),
      net: z.string(),
      gross: z.string(),
      deliveryCount: z.number(),
    }),
  ),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  createdBy: z.string().nullable(),
});
export type InvoicingRun = z.infer<typeof invoicingRunSchema>;

// ── Lifecycle, exchange rates, settings ─────────────────────────────────────────────────────────────────────
export const lifecycleEventInput = z.object({
  code: z.enum(lifecycleCodes as [LifecycleCode, ...LifecycleCode[]]),
  /** RFC 3339 instant or ISO date; default now. */
  occurredAt: z.string().trim().max(40).optional(),
  note: optionalText(1000),
});

export const exchangeRateInput = z.object({
  currency: currencyCode.refine((c) => c !== 'EUR', issue('not_eur')),
  date: isoDate,
  /** EUR for one unit of the currency, e.g. USD → "0.9234". */
  rate: decimalString({ maxDecimals: 8 }).refine((s) => /[1-9]/.test(s), issue('must_be_positive')),
});
export const exchangeRateSchema = z.object({ currency: z.string(), date: z.string(), rate: z.string() });

/** Company invoicing settings (companies.invoice_settings). */
export const invoiceSettingsSchema = z.object({
  /** Late-payment penalty annual rate in percent (default ECB rate + 10 points = 12.15). */
  latePenaltyRate: decimalString({ maxDecimals: 2 }).default('12.15'),
  recoveryIndemnity: decimalString({ maxDecimals: 2 }).default('40.00'),
  /** Early-payment discount text; null prints "Pas d'escompte pour paiement anticipé". */
  earlyPaymentDiscount: optionalText(300),
  /** Option pour le paiement de la TVA d'après les débits. */
  vatOnDebits: z.boolean().default(false),
  /** Series prefixes: invoices FA-YYYY-NNNNN, credit notes AV-YYYY-NNNNN. */
  invoicePrefix: z
    .string()
    .trim()
    .regex(/^[A-Z0-9]{1,6}$/)
    .default('FA'),
  creditNotePrefix: z
    .string()
    .trim()
    .regex(/^[A-Z0-9]{1,6}$/)
    .default('AV'),
  /** Payment means code UNCL 4461 (30 transfer, 58 SEPA transfer, 49 direct debit, 20 cheque). */
  paymentMeansCode: z.enum(['30', '58', '49', '59', '20', '48']).default('58'),
  /** Receivables: differences up to this amount may be written off when matching (bank fees, rounding). */
  writeOffThreshold: decimalString({ maxDecimals: 2 }).default('1.00'),
  /** Dunning ladder (DOMAIN.md §5): levels with their delay from the due date; null = the default ladder. */
  dunningLevels: z
    .array(
      z.object({
        level: z.number().int().min(0).max(9),
        name: requiredText(60),
        offsetDays: z.number().int().min(-60).max(365),
        channel: z.enum(['email', 'letter']),
        includesPenalties: z.boolean(),
        formalNotice: z.boolean(),
      }),
    )
    .min(1)
    .max(10)
    .nullish()
    .transform((x) => x ?? null),
});
export type InvoiceSettings = z.infer<typeof invoiceSettingsSchema>;
export const invoiceSettingsPatch = invoiceSettingsSchema.partial();
