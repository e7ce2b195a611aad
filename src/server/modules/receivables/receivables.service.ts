/**
 * Receivables (#8): payments and their allocations (lettrage), bank statement import with matching suggestions,
 * open items and aging. One command = one transaction; an invoice's `amount_due` moves only here (payments,
 * write-offs) and in invoicing (credit notes).
 */
import { and, asc, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Queryable, Tx } from '@server/platform/db/connection';
import { rows } from '@server/platform/db/connection';
import type { Ctx, Idempotency, Runner } from '@server/platform/db/runner';
import { DomainError, notFound } from '@server/platform/errors';
import { companyOrderSettings, findCompany } from '@server/modules/companies';
import { findCustomer, portfolioCustomerIds } from '@server/modules/customers';
import { COMMITTED_STATUSES, orderSettingsOf } from '@server/modules/orders';
import { raiseTask } from '@server/modules/tasks';
import { invoiceSettingsOf, parisToday } from '@server/modules/invoicing';
import { addDays, daysBetween } from '@shared/dates';
import { dec, sum, toMoneyString } from '@shared/decimal';
import type {
  Aging,
  BankLine,
  BankStatement,
  OpenItem,
  Payment,
  PaymentCreate,
  ReceivableNote,
} from '@shared/api/receivables';
import { agingBucket, dsoAccounting } from './domain/aging';
import { renderStatementPdf } from './statement.pdf';
import { BankFileError, parseBankFile, type BankLine as ParsedLine } from './domain/bank/statement';
import { creditExposure, creditHoldReasons } from './domain/credit';
import { allocateOldestFirst, suggestMatch, type MatchSuggestion } from './domain/matching';
import {
  bankLines,
  bankStatements,
  creditReleases,
  customerBankAccounts,
  paymentAllocations,
  payments,
  receivableNotes,
} from './receivables.schema';

type Clock = () => Date;
const money = (x: Parameters<typeof toMoneyString>[0]) => toMoneyString(x, 2);
const unprocessable = (path: string, code: string, params: Record<string, unknown> = {}) =>
  new DomainError('validation_failed', 422, [{ path, code, params }]);

type InvoiceRow = {
  id: string;
  number: string;
  type: 'invoice' | 'credit_note';
  customer_id: string;
  customer_name: string;
  customer_reference: string | null;
  issue_date: string;
  due_date: string | null;
  currency: string;
  gross: string;
  amount_due: string;
};

/** Issued invoices and credit notes with something left (invoices: to pay; credit notes: to offset or refund). */
export async function openInvoiceRows(
  q: Queryable,
  companyId: string,
  f: { customerId?: string | undefined; customerIds?: string[]; ids?: string[] } = {},
): Promise<InvoiceRow[]> {
  const list = (ids: string[]) =>
    sql.join(
      ids.map((x) => sql`${x}`),
      sql`, `,
    );
  if (f.customerIds && !f.customerIds.length) return [];
  if (f.ids && !f.ids.length) return [];
  return rows<InvoiceRow>(
    q,
    sql`select id, number, type, customer_id, customer->>'name' as customer_name, customer_reference,
               issue_date::text as issue_date, due_date::text as due_date, currency, gross::text as gross,
               amount_due::text as amount_due
        from invoices
        where company_id = ${companyId} and status = 'issued' and amount_due > 0
          ${f.customerId ? sql`and customer_id = ${f.customerId}` : sql``}
          ${f.customerIds ? sql`and customer_id in (${list(f.customerIds)})` : sql``}
          ${f.ids ? sql`and id in (${list(f.ids)})` : sql``}
        order by coalesce(due_date, issue_date), issue_date, number`,
  );
}

/** Credit exposure for the order pipeline (ReceivablesPort): open invoices and the overdue ones. */
export async function receivablesOf(q: Queryable, companyId: string, customerId: string, today: string) {
  const open = (await openInvoiceRows(q, companyId, { customerId })).filter((r) => r.type === 'invoice');
  const overdue = open.filter((r) => r.due_date && r.due_date < today);
  return {
    openAmount: money(sum(open.map((r) => r.amount_due))),
    overdueCount: overdue.length,
    overdueAmount: money(sum(overdue.map((r) => r.amount_due))),
    maxOverdueDays: Math.max(0, ...overdue.map((r) => daysBetween(r.due_date!, today))),
  };
}

export type CreditStatus = {
  customerId: string;
  onHold: boolean;
  /** The hold applies (on hold and no release in force). */
  blocked: boolean;
  reasons: { code: string; params: Record<string, unknown> }[];
  creditLimit: string | null;
  exposure: string;
  openInvoices: string;
  committedOrders: string;
  unallocatedPayments: string;
  oldestOverdueDays: number | null;
  overdueDaysLimit: number;
  release: { reason: string; validUntil: string; createdBy: string | null; createdAt: string } | null;
};

/**
 * A customer's credit position (DOMAIN.md §6): exposure = committed orders + open invoices − unallocated payments,
 * against the credit limit; an invoice overdue beyond the company's delay (order settings `creditHoldOverdueDays`)
 * holds too. A release by an authorised person lifts the hold until its date.
 */
export async function creditStatusOf(
  q: Queryable,
  companyId: string,
  customerId: string,
  today: string,
): Promise<CreditStatus | null> {
  const customer = await findCustomer(q, companyId, customerId);
  if (!customer) return null;
  const settings = orderSettingsOf(await companyOrderSettings(q, companyId));
  const [orders] = await rows<{ total: string | null }>(
    q,
    sql`select sum(gross)::text as total from orders where company_id = ${companyId} and customer_id = ${customerId}
        and status in (${sql.join(
          COMMITTED_STATUSES.map((x) => sql`${x}`),
          sql`, `,
        )})`,
  );
  const [pay] = await rows<{ credit: string | null }>(
    q,
    sql`select sum(amount - allocated)::text as credit from payments where company_id = ${companyId} and customer_id = ${customerId}`,
  );
  const open = await receivablesOf(q, companyId, customerId, today);
  const exposure = creditExposure({
    openInvoicesTtc: open.openAmount,
    deliveredNotInvoicedTtc: '0',
    openOrdersTtc: orders?.total ?? '0',
    unallocatedPayments: pay?.credit ?? '0',
  });
  const oldest = open.overdueCount ? open.maxOverdueDays : null;
  const reasons = creditHoldReasons({
    creditLimit: customer.creditLimit,
    exposure,
    oldestOverdueDays: oldest,
    overdueDaysLimit: settings.creditHoldOverdueDays,
  });
  const [release] = await q
    .select()
    .from(creditReleases)
    .where(
      and(
        eq(creditReleases.companyId, companyId),
        eq(creditReleases.customerId, customerId),
        sql`${creditReleases.validUntil} >= ${today}`,
      ),
    )
    .orderBy(desc(creditReleases.createdAt))
    .limit(1);
  return {
    customerId,
    onHold: reasons.length > 0,
    blocked: reasons.length > 0 && !release,
    reasons,
    creditLimit: customer.creditLimit,
    exposure,
    openInvoices: open.openAmount,
    committedOrders: money(orders?.total ?? '0'),
    unallocatedPayments: money(pay?.credit ?? '0'),
    oldestOverdueDays: oldest,
    overdueDaysLimit: settings.creditHoldOverdueDays,
    release: release
      ? {
          reason: release.reason,
          validUntil: release.validUntil,
          createdBy: release.createdBy,
          createdAt: new Date(release.createdAt).toISOString(),
        }
      : null,
  };
}

function noteDto(n: typeof receivableNotes.$inferSelect): ReceivableNote {
  return {
    id: n.id,
    customerId: n.customerId,
    invoiceId: n.invoiceId,
    kind: n.kind as ReceivableNote['kind'],
    note: n.note,
    promisedDate: n.promisedDate,
    promisedAmount: n.promisedAmount ? money(n.promisedAmount) : null,
    followUpDate: n.followUpDate,
    taskId: n.taskId,
    createdBy: n.createdBy,
    createdAt: new Date(n.createdAt).toISOString(),
  };
}

/** An open invoice row as the matching rules read it. */
function toMatchItem(r: InvoiceRow) {
  return {
    id: r.id,
    number: r.number,
    type: r.type,
    customerId: r.customer_id,
    customerReference: r.customer_reference,
    issueDate: r.issue_date,
    dueDate: r.due_date,
    amountDue: r.amount_due,
    currency: r.currency,
  };
}

function toOpenItem(r: InvoiceRow, today: string): OpenItem {
  return {
    id: r.id,
    number: r.number,
    type: r.type,
    customerId: r.customer_id,
    customerName: r.customer_name,
    customerReference: r.customer_reference,
    issueDate: r.issue_date,
    dueDate: r.due_date,
    currency: r.currency,
    gross: money(r.gross),
    amountDue: money(r.amount_due),
    daysOverdue: r.due_date && r.due_date < today ? daysBetween(r.due_date, today) : 0,
  };
}

export function createReceivablesService(deps: { run: Runner; clock?: Clock }) {
  const { run } = deps;
  const clock = deps.clock ?? (() => new Date());
  const today = () => parisToday(clock());

  /** Settles invoices from a payment (and writes off a small difference): invoice rows locked in id order. */
  async function allocateIn(
    tx: Tx,
    ctx: Ctx,
    payment: typeof payments.$inferSelect,
    allocations: { invoiceId: string; amount: string }[],
    writeOff?: { invoiceId: string; amount: string; reason: string },
  ) {
    const ids = [
      ...new Set([...allocations.map((a) => a.invoiceId), ...(writeOff ? [writeOff.invoiceId] : [])]),
    ].sort();
    if (!ids.length) return;
    const locked = await rows<{
      id: string;
      customer_id: string;
      type: string;
      status: string;
      currency: string;
      amount_due: string;
    }>(
      tx,
      sql`select id, customer_id, type, status, currency, amount_due::text as amount_due from invoices
          where company_id = ${ctx.companyId} and id in (${sql.join(
            ids.map((x) => sql`${x}`),
            sql`, `,
          )}) order by id for update`,
    );
    const due = new Map(locked.map((r) => [r.id, dec(r.amount_due)]));
    const typeOf = (id: string) => locked.find((r) => r.id === id)?.type;
    const check = (invoiceId: string, amount: string, path: string, writeOffOnly = false) => {
      const inv = locked.find((r) => r.id === invoiceId);
      if (!inv) throw unprocessable(`${path}.invoiceId`, 'not_found');
      if (inv.customer_id !== payment.customerId) throw unprocessable(`${path}.invoiceId`, 'other_customer');
      if (inv.status !== 'issued' || (writeOffOnly && inv.type !== 'invoice'))
        throw unprocessable(`${path}.invoiceId`, 'not_payable');
      if (inv.currency !== payment.currency) throw unprocessable(`${path}.invoiceId`, 'other_currency');
      const left = due.get(invoiceId)!;
      if (dec(amount).gt(left)) throw unprocessable(`${path}.amount`, 'exceeds_amount_due', { amountDue: money(left) });
      due.set(invoiceId, left.minus(amount));
    };
    allocations.forEach((a, i) => check(a.invoiceId, a.amount, `allocations.${i}`));
    // A credit note in the allocations is offset against the invoices: it brings money, the payment pays the rest.
    const invoicesTotal = sum(allocations.filter((a) => typeOf(a.invoiceId) === 'invoice').map((a) => a.amount));
    const offsetsTotal = sum(allocations.filter((a) => typeOf(a.invoiceId) === 'credit_note').map((a) => a.amount));
    const total = invoicesTotal.minus(offsetsTotal);
    if (total.lt(0)) throw unprocessable('allocations', 'offset_exceeds_invoices');
    if (dec(payment.allocated).plus(total).gt(payment.amount))
      throw unprocessable('allocations', 'exceeds_payment', {
        unallocated: money(dec(payment.amount).minus(payment.allocated)),
      });
    if (writeOff) {
      const settings = await invoiceSettingsOf(tx, ctx.companyId);
      if (dec(writeOff.amount).gt(settings.writeOffThreshold))
        throw unprocessable('writeOff.amount', 'write_off_above_threshold', { threshold: settings.writeOffThreshold });
      check(writeOff.invoiceId, writeOff.amount, 'writeOff', true);
    }
    const rowsToInsert = [
      ...allocations.map((a) => ({
        invoiceId: a.invoiceId,
        amount: a.amount,
        kind: typeOf(a.invoiceId) === 'credit_note' ? 'offset' : 'payment',
        reason: null as string | null,
      })),
      ...(writeOff
        ? [{ invoiceId: writeOff.invoiceId, amount: writeOff.amount, kind: 'write_off', reason: writeOff.reason }]
        : []),
    ];
    await tx.insert(paymentAllocations).values(
      rowsToInsert.map((a) => ({
        companyId: ctx.companyId,
        id: uuidv7(),
        paymentId: payment.id,
        invoiceId: a.invoiceId,
        kind: a.kind,
        amount: money(a.amount),
        reason: a.reason,
        createdBy: ctx.userId,
      })),
    );
    for (const [id, left] of due)
      await tx.execute(
        sql`update invoices set amount_due = ${money(left)}, updated_at = now()
            where company_id = ${ctx.companyId} and id = ${id}`,
      );
    await tx
      .update(payments)
      .set({ allocated: money(dec(payment.allocated).plus(total)) })
      .where(and(eq(payments.companyId, ctx.companyId), eq(payments.id, payment.id)));
  }

  async function paymentDtos(q: Queryable, companyId: string, ids: string[]): Promise<Payment[]> {
    if (!ids.length) return [];
    const ps = await q
      .select()
      .from(payments)
      .where(and(eq(payments.companyId, companyId), inArray(payments.id, ids)));
    if (!ps.length) return [];
    const als = await rows<{
      id: string;
      payment_id: string;
      invoice_id: string;
      number: string | null;
      kind: 'payment' | 'write_off' | 'offset';
      amount: string;
      reason: string | null;
      created_at: Date | string;
    }>(
      q,
      sql`select a.id, a.payment_id, a.invoice_id, i.number, a.kind, a.amount::text as amount, a.reason, a.created_at
          from payment_allocations a left join invoices i on i.company_id = a.company_id and i.id = a.invoice_id
          where a.company_id = ${companyId} and a.payment_id in (${sql.join(
            ids.map((x) => sql`${x}`),
            sql`, `,
          )}) order by a.created_at, a.id`,
    );
    const names = await rows<{ id: string; name: string }>(
      q,
      sql`select id, name from customers where company_id = ${companyId} and id in (${sql.join(
        [...new Set(ps.map((p) => p.customerId))].map((x) => sql`${x}`),
        sql`, `,
      )})`,
    );
    const byId = new Map(ps.map((p) => [p.id, p]));
    return ids
      .map((id) => byId.get(id))
      .filter((p): p is typeof payments.$inferSelect => !!p)
      .map((p) => ({
        id: p.id,
        customerId: p.customerId,
        customerName: names.find((n) => n.id === p.customerId)?.name ?? '',
        amount: money(p.amount),
        currency: p.currency,
        date: p.paymentDate,
        reference: p.reference,
        method: p.method,
        source: p.source as 'manual' | 'bank',
        bankLineId: p.bankLineId,
        allocated: money(p.allocated),
        unallocated: money(dec(p.amount).minus(p.allocated)),
        allocations: als
          .filter((a) => a.payment_id === p.id)
          .map((a) => ({
            id: a.id,
            invoiceId: a.invoice_id,
            invoiceNumber: a.number,
            kind: a.kind,
            amount: money(a.amount),
            reason: a.reason,
            createdAt: new Date(a.created_at).toISOString(),
          })),
        note: p.note,
        createdAt: new Date(p.createdAt).toISOString(),
      }));
  }

  /** Records a payment and settles invoices with it: as given, else oldest due first. */
  async function paymentIn(
    tx: Tx,
    ctx: Ctx,
    body: PaymentCreate & { source?: 'manual' | 'bank'; bankLineId?: string | null },
  ): Promise<string> {
    const customer = await findCustomer(tx, ctx.companyId, body.customerId);
    if (!customer) throw unprocessable('customerId', 'unknown_customer');
    const id = uuidv7();
    const [p] = await tx
      .insert(payments)
      .values({
        companyId: ctx.companyId,
        id,
        customerId: customer.id,
        amount: money(body.amount),
        currency: body.currency ?? customer.currency,
        paymentDate: body.date,
        reference: body.reference,
        method: body.method,
        source: body.source ?? 'manual',
        bankLineId: body.bankLineId ?? null,
        note: body.note ?? null,
        createdBy: ctx.userId,
      })
      .returning();
    let allocations = body.allocations;
    if (!allocations) {
      const open = (await openInvoiceRows(tx, ctx.companyId, { customerId: customer.id })).filter(
        (r) => r.type === 'invoice' && r.currency === p!.currency,
      );
      allocations = allocateOldestFirst(body.amount, open.map(toMatchItem)).allocations.map((a) => ({
        invoiceId: a.itemId,
        amount: a.amount,
      }));
    }
    await allocateIn(tx, ctx, p!, allocations, body.writeOff);
    return id;
  }

  // ── bank statements ──
  type Parsed = ReturnType<typeof parseBankFile>;
  function parse(fileName: string, content: Buffer): Parsed {
    try {
      return parseBankFile(content, fileName);
    } catch (e) {
      if (e instanceof BankFileError)
        throw new DomainError(
          'bank_file_invalid',
          422,
          [{ path: e.line ? `file:${e.line}` : 'file', code: e.code, params: { ...e.params, line: e.line } }],
          { detail: e.message },
        );
      throw e;
    }
  }

  async function statementPreview(q: Queryable, companyId: string, parsed: Parsed, fileName: string) {
    const out: BankStatement[] = [];
    for (const s of parsed.statements) {
      const [existing] = await q
        .select({ id: bankStatements.id, createdAt: bankStatements.createdAt })
        .from(bankStatements)
        .where(and(eq(bankStatements.companyId, companyId), eq(bankStatements.key, s.key)));
      const keys = s.lines.map((l) => l.key);
      const dup = keys.length
        ? await rows<{ n: number }>(
            q,
            sql`select count(*)::int as n from bank_lines where company_id = ${companyId} and key in (${sql.join(
              keys.map((k) => sql`${k}`),
              sql`, `,
            )})`,
          )
        : [{ n: 0 }];
      out.push({
        id: existing?.id ?? null,
        format: s.format,
        account: s.accountIban ?? s.accountNumber,
        currency: s.currency,
        fromDate: s.fromDate,
        toDate: s.toDate,
        openingBalance: money(s.openingBalance),
        closingBalance: money(s.closingBalance),
        lineCount: s.lines.length,
        creditCount: s.lines.filter((l) => dec(l.amount).gt(0)).length,
        duplicateLines: dup[0]?.n ?? 0,
        alreadyImported: !!existing,
        fileName,
        sha256: parsed.sha256,
        importedAt: existing ? new Date(existing.createdAt).toISOString() : null,
      });
    }
    return out;
  }

  /** What matching reads (open items, customers with their learned IBANs, the threshold): once per import. */
  async function matchingFacts(q: Queryable, companyId: string) {
    const open = await openInvoiceRows(q, companyId);
    const customers = await rows<{ id: string; code: string; name: string; ibans: string[] | null }>(
      q,
      sql`select c.id, c.code, c.name,
                 (select array_agg(b.iban) from customer_bank_accounts b where b.company_id = c.company_id and b.customer_id = c.id) as ibans
          from customers c where c.company_id = ${companyId}`,
    );
    const settings = await invoiceSettingsOf(q, companyId);
    return { open, items: open.map(toMatchItem), customers, settings };
  }

  /** The matching suggestion of a bank line against the company's open items and known customers. */
  function suggestFor(
    facts: Awaited<ReturnType<typeof matchingFacts>>,
    line: ParsedLine | typeof bankLines.$inferSelect,
  ) {
    const { open, items, customers, settings } = facts;
    const remittance = (line.remittance ?? []) as string[];
    const s: MatchSuggestion = suggestMatch(
      {
        amount: dec(line.amount).abs().toFixed(2),
        currency: line.currency,
        date: line.bookingDate,
        texts: [line.label, ...remittance],
        structuredReference: line.structuredReference ?? null,
        payerName: line.payerName ?? null,
        payerIban: line.payerIban ?? null,
      },
      items,
      customers.map((c) => ({ id: c.id, code: c.code, name: c.name, ibans: c.ibans ?? [] })),
      { writeOffThreshold: settings.writeOffThreshold },
    );
    return {
      customerId: s.customerId,
      customerName: customers.find((c) => c.id === s.customerId)?.name ?? null,
      allocations: s.allocations.map((a) => ({
        invoiceId: a.itemId,
        invoiceNumber: open.find((r) => r.id === a.itemId)?.number ?? '',
        amount: money(a.amount),
      })),
      unallocated: money(s.unallocated),
      writeOff: s.writeOff
        ? { invoiceId: s.writeOff.itemId, amount: money(s.writeOff.amount), reason: s.writeOff.reason }
        : null,
      confidence: s.confidence,
      reasons: s.reasons,
    };
  }

  function lineDto(l: typeof bankLines.$inferSelect): BankLine {
    return {
      id: l.id,
      statementId: l.statementId,
      lineNumber: l.lineNumber,
      bookingDate: l.bookingDate,
      valueDate: l.valueDate,
      amount: money(l.amount),
      currency: l.currency,
      label: l.label,
      remittance: l.remittance,
      structuredReference: l.structuredReference,
      payerName: l.payerName,
      payerIban: l.payerIban,
      bankReference: l.bankReference,
      booked: l.booked,
      reversal: l.reversal,
      status: l.status as BankLine['status'],
      suggestion: (l.suggestion as BankLine['suggestion']) ?? null,
      paymentId: l.paymentId,
    };
  }

  /** A bank line becomes a payment of this customer with these allocations; the payer's IBAN is learned. */
  async function matchIn(
    tx: Tx,
    ctx: Ctx,
    lineId: string,
    body: {
      customerId: string;
      allocations: { invoiceId: string; amount: string }[];
      writeOff?: { invoiceId: string; amount: string; reason: string } | undefined;
    },
  ) {
    const [line] = await tx
      .select()
      .from(bankLines)
      .where(and(eq(bankLines.companyId, ctx.companyId), eq(bankLines.id, lineId)))
      .for('update');
    if (!line) throw notFound();
    if (line.status === 'matched') throw new DomainError('bank_line_matched', 409);
    if (!dec(line.amount).gt(0) || !line.booked || line.reversal)
      throw new DomainError('bank_line_not_receivable', 409);
    const paymentId = await paymentIn(tx, ctx, {
      customerId: body.customerId,
      amount: money(line.amount),
      currency: line.currency,
      date: line.bookingDate,
      reference: (line.bankReference ?? line.label).slice(0, 140) || line.label.slice(0, 140),
      method: 'transfer',
      allocations: body.allocations,
      writeOff: body.writeOff,
      note: null,
      source: 'bank',
      bankLineId: line.id,
    });
    await tx
      .update(bankLines)
      .set({ status: 'matched', paymentId, updatedAt: clock() })
      .where(and(eq(bankLines.companyId, ctx.companyId), eq(bankLines.id, lineId)));
    if (line.payerIban)
      await tx
        .insert(customerBankAccounts)
        .values({ companyId: ctx.companyId, id: uuidv7(), customerId: body.customerId, iban: line.payerIban })
        .onConflictDoNothing();
    return paymentId;
  }

  return {
    today,

    async creditStatus(ctx: Ctx, customerId: string) {
      const s = await run.read((db) => creditStatusOf(db, ctx.companyId, customerId, today()));
      if (!s) throw notFound();
      return s;
    },

    /** An authorised person lets the deliveries of a customer on hold go, until a date (audited, with the reason). */
    async releaseHold(ctx: Ctx, customerId: string, body: { reason: string; validUntil?: string | undefined }) {
      return run.run(ctx, async (tx) => {
        const customer = await findCustomer(tx, ctx.companyId, customerId);
        if (!customer) throw notFound();
        const until = body.validUntil ?? addDays(today(), 7);
        if (until < today()) throw unprocessable('validUntil', 'date_in_past');
        await tx.insert(creditReleases).values({
          companyId: ctx.companyId,
          id: uuidv7(),
          customerId,
          reason: body.reason,
          validUntil: until,
          createdBy: ctx.userId,
        });
        return (await creditStatusOf(tx, ctx.companyId, customerId, today()))!;
      });
    },

    /** A call note or a promise to pay; a follow-up date raises a task for its author that day. */
    async addNote(
      ctx: Ctx,
      customerId: string,
      body: {
        kind: 'call' | 'promise' | 'note';
        note: string;
        invoiceId?: string | undefined;
        promisedDate?: string | undefined;
        promisedAmount?: string | undefined;
        followUpDate?: string | undefined;
      },
    ) {
      return run.run(ctx, async (tx) => {
        const customer = await findCustomer(tx, ctx.companyId, customerId);
        if (!customer) throw notFound();
        if (body.kind === 'promise' && !body.promisedDate) throw unprocessable('promisedDate', 'required');
        const followUp = body.followUpDate ?? (body.promisedDate ? addDays(body.promisedDate, 1) : null);
        const id = uuidv7();
        let taskId: string | null = null;
        if (followUp && ctx.userId) {
          const lang = ctx.lang;
          const title =
            body.kind === 'promise'
              ? lang === 'fr'
                ? `Vérifier le règlement promis par ${customer.name}${body.promisedAmount ? ` (${body.promisedAmount} ${customer.currency})` : ''}`
                : `Check the payment promised by ${customer.name}${body.promisedAmount ? ` (${body.promisedAmount} ${customer.currency})` : ''}`
              : lang === 'fr'
                ? `Relancer ${customer.name}`
                : `Follow up with ${customer.name}`;
          taskId = (
            await raiseTask(tx, ctx, {
              kind: 'receivables_follow_up',
              title,
              description: body.note,
              assigneeId: ctx.userId,
              dueDate: followUp,
              related: { type: 'customer', id: customerId },
              dedupeKey: `receivable_note:${id}`,
            })
          ).id;
        }
        const [row] = await tx
          .insert(receivableNotes)
          .values({
            companyId: ctx.companyId,
            id,
            customerId,
            invoiceId: body.invoiceId ?? null,
            kind: body.kind,
            note: body.note,
            promisedDate: body.promisedDate ?? null,
            promisedAmount: body.promisedAmount ? money(body.promisedAmount) : null,
            followUpDate: followUp,
            taskId,
            createdBy: ctx.userId,
          })
          .returning();
        return noteDto(row!);
      });
    },

    async notes(ctx: Ctx, customerId: string) {
      const found = await run.read((db) =>
        db
          .select()
          .from(receivableNotes)
          .where(and(eq(receivableNotes.companyId, ctx.companyId), eq(receivableNotes.customerId, customerId)))
          .orderBy(desc(receivableNotes.createdAt)),
      );
      return found.map(noteDto);
    },

    /** The statement of account (relevé de compte) of a customer as of today, in the customer's language. */
    async statementPdf(ctx: Ctx, customerId: string) {
      const asOf = today();
      const { data, customer } = await run.read(async (db) => {
        const customer = await findCustomer(db, ctx.companyId, customerId);
        if (!customer) throw notFound();
        const company = await findCompany(db, ctx.companyId);
        if (!company) throw notFound();
        const open = await openInvoiceRows(db, ctx.companyId, { customerId });
        const ps = await db
          .select()
          .from(payments)
          .where(
            and(
              eq(payments.companyId, ctx.companyId),
              eq(payments.customerId, customerId),
              sql`${payments.paymentDate} > ${addDays(asOf, -90)}`,
            ),
          )
          .orderBy(desc(payments.paymentDate), desc(payments.id));
        return { data: { company, open, ps }, customer };
      });
      const aging = await this.aging(ctx, { asOf, customerId });
      const row = aging.data[0];
      const invoicesOpen = sum(data.open.filter((r) => r.type === 'invoice').map((r) => r.amount_due));
      const creditsOpen = sum(data.open.filter((r) => r.type === 'credit_note').map((r) => r.amount_due));
      const unallocated = row?.unallocatedCredit ?? '0.00';
      const lang = customer.language === 'fr' ? 'fr' : 'en';
      const pdf = await renderStatementPdf(
        {
          company: data.company,
          customer: {
            code: customer.code,
            name: customer.name,
            siren: customer.siren,
            vatNumber: customer.vatNumber,
            billingAddress: customer.billingAddress,
          },
          asOf,
          currency: customer.currency,
          items: data.open.map((r) => ({
            type: r.type,
            number: r.number,
            issueDate: r.issue_date,
            dueDate: r.due_date,
            customerReference: r.customer_reference,
            gross: money(r.gross),
            paid: money(dec(r.gross).minus(r.amount_due)),
            amountDue: money(r.amount_due),
            daysOverdue: r.type === 'invoice' && r.due_date && r.due_date < asOf ? daysBetween(r.due_date, asOf) : 0,
          })),
          payments: data.ps.map((p) => ({
            date: p.paymentDate,
            reference: p.reference,
            amount: money(p.amount),
            unallocated: money(dec(p.amount).minus(p.allocated)),
          })),
          aging: row
            ? {
                notDue: row.notDue,
                d1_30: row.d1_30,
                d31_60: row.d31_60,
                d61_90: row.d61_90,
                over90: row.over90,
                total: row.total,
              }
            : { notDue: '0.00', d1_30: '0.00', d31_60: '0.00', d61_90: '0.00', over90: '0.00', total: '0.00' },
          unallocatedCredit: unallocated,
          balance: money(invoicesOpen.minus(creditsOpen).minus(unallocated)),
        },
        lang,
      );
      return { pdf, fileName: `releve-${customer.code}-${asOf}.pdf` };
    },

    async openItems(ctx: Ctx, f: { customerId?: string | undefined }) {
      const r = await run.read((db) => openInvoiceRows(db, ctx.companyId, f));
      return r.map((x) => toOpenItem(x, today()));
    },

    async createPayment(ctx: Ctx, body: PaymentCreate, idem: Idempotency | null) {
      return run.runIdempotent(ctx, idem, 201, async (tx) => {
        const id = await paymentIn(tx, ctx, body);
        return (await paymentDtos(tx, ctx.companyId, [id]))[0]!;
      });
    },

    async allocate(ctx: Ctx, id: string, allocations: { invoiceId: string; amount: string }[]) {
      return run.run(ctx, async (tx) => {
        const [p] = await tx
          .select()
          .from(payments)
          .where(and(eq(payments.companyId, ctx.companyId), eq(payments.id, id)))
          .for('update');
        if (!p) throw notFound();
        await allocateIn(tx, ctx, p, allocations);
        return (await paymentDtos(tx, ctx.companyId, [id]))[0]!;
      });
    },

    async getPayment(ctx: Ctx, id: string) {
      const [p] = await run.read((db) => paymentDtos(db, ctx.companyId, [id]));
      if (!p) throw notFound();
      return p;
    },

    async listPayments(
      ctx: Ctx,
      f: {
        limit: number;
        cursor?: string | undefined;
        customerId?: string | undefined;
        unallocated?: string | undefined;
      },
    ) {
      return run.read(async (db) => {
        const found = await db
          .select({ id: payments.id })
          .from(payments)
          .where(
            and(
              eq(payments.companyId, ctx.companyId),
              f.customerId ? eq(payments.customerId, f.customerId) : undefined,
              f.unallocated === 'true' ? sql`${payments.allocated} < ${payments.amount}` : undefined,
              f.cursor ? lt(payments.id, f.cursor) : undefined,
            ),
          )
          .orderBy(desc(payments.id))
          .limit(f.limit + 1);
        const page = found.slice(0, f.limit);
        return {
          data: await paymentDtos(
            db,
            ctx.companyId,
            page.map((r) => r.id),
          ),
          nextCursor: found.length > f.limit ? page[page.length - 1]!.id : null,
        };
      });
    },

    /**
     * Aging as of a date: each invoice issued by then, minus what payments dated by then and credit notes issued by
     * then settled, in buckets of days past due; unallocated credit per customer; accounting-method DSO over 90 days.
     */
    async aging(
      ctx: Ctx,
      f: { asOf?: string | undefined; customerId?: string | undefined; portfolioUserId?: string | undefined },
    ): Promise<Aging> {
      const asOf = f.asOf ?? today();
      return run.read(async (db) => {
        const portfolio = f.portfolioUserId ? await portfolioCustomerIds(db, ctx.companyId, f.portfolioUserId) : null;
        const found = await rows<{
          id: string;
          customer_id: string;
          code: string;
          name: string;
          currency: string;
          due_date: string | null;
          open: string;
        }>(
          db,
          sql`select i.id, i.customer_id, c.code, c.name, i.currency, i.due_date::text as due_date,
                     (i.gross
                      - coalesce((select sum(a.amount) from payment_allocations a join payments p
                                   on p.company_id = a.company_id and p.id = a.payment_id
                                  where a.company_id = i.company_id and a.invoice_id = i.id and p.payment_date <= ${asOf}::date), 0)
                      - coalesce((select sum(cn.gross) from invoices cn where cn.company_id = i.company_id
                                   and cn.preceding_invoice_id = i.id and cn.status = 'issued' and cn.issue_date <= ${asOf}::date), 0)
                     )::text as open
              from invoices i join customers c on c.company_id = i.company_id and c.id = i.customer_id
              where i.company_id = ${ctx.companyId} and i.type = 'invoice' and i.status = 'issued'
                and i.issue_date <= ${asOf}::date
                ${f.customerId ? sql`and i.customer_id = ${f.customerId}` : sql``}
                ${
                  portfolio
                    ? portfolio.length
                      ? sql`and i.customer_id in (${sql.join(
                          portfolio.map((x) => sql`${x}`),
                          sql`, `,
                        )})`
                      : sql`and false`
                    : sql``
                }`,
        );
        const credit = await rows<{ customer_id: string; code: string; name: string; credit: string }>(
          db,
          sql`select p.customer_id, c.code, c.name, sum(p.amount - p.allocated)::text as credit
              from payments p join customers c on c.company_id = p.company_id and c.id = p.customer_id
              where p.company_id = ${ctx.companyId} and p.payment_date <= ${asOf}::date and p.allocated < p.amount
              group by p.customer_id, c.code, c.name`,
        );
        type Row = Aging['data'][number];
        const per = new Map<string, Row>();
        const zero = () => ({
          notDue: '0.00',
          d1_30: '0.00',
          d31_60: '0.00',
          d61_90: '0.00',
          over90: '0.00',
          total: '0.00',
        });
        const key = {
          not_due: 'notDue',
          d1_30: 'd1_30',
          d31_60: 'd31_60',
          d61_90: 'd61_90',
          over_90: 'over90',
        } as const;
        for (const r of found) {
          const open = dec(r.open);
          if (open.lte(0)) continue;
          const row = per.get(r.customer_id) ?? {
            customerId: r.customer_id,
            customerCode: r.code,
            customerName: r.name,
            ...zero(),
            unallocatedCredit: '0.00',
          };
          const b = key[agingBucket(r.due_date, asOf)];
          row[b] = money(dec(row[b]).plus(open));
          row.total = money(dec(row.total).plus(open));
          per.set(r.customer_id, row);
        }
        for (const c of credit) {
          if (f.customerId && c.customer_id !== f.customerId) continue;
          if (portfolio && !portfolio.includes(c.customer_id)) continue;
          let row = per.get(c.customer_id);
          if (!row) {
            // A customer with nothing open but money of theirs not yet allocated still shows (a credit to use).
            row = {
              customerId: c.customer_id,
              customerCode: c.code,
              customerName: c.name,
              ...zero(),
              unallocatedCredit: '0.00',
            };
            per.set(c.customer_id, row);
          }
          row.unallocatedCredit = money(c.credit);
        }
        const data = [...per.values()].sort((a, b) => dec(b.total).comparedTo(a.total));
        const totals = zero();
        for (const r of data)
          for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] = money(dec(totals[k]).plus(r[k]));
        const [sales] = await rows<{ s: string | null }>(
          db,
          sql`select sum(case when type = 'invoice' then gross else -gross end)::text as s from invoices
              where company_id = ${ctx.companyId} and status = 'issued'
                and issue_date > ${addDays(asOf, -90)}::date and issue_date <= ${asOf}::date
                ${f.customerId ? sql`and customer_id = ${f.customerId}` : sql``}`,
        );
        const salesTtc = dec(sales?.s ?? '0');
        return {
          asOf,
          currency: 'EUR',
          data,
          totals,
          dso: salesTtc.gt(0) ? dsoAccounting(totals.total, salesTtc.toFixed(2), 90) : null,
        };
      });
    },

    async previewStatement(ctx: Ctx, fileName: string, content: Buffer) {
      const parsed = parse(fileName, content);
      return run.read((db) => statementPreview(db, ctx.companyId, parsed, fileName));
    },

    /** Imports the statements of a file (those already imported are skipped, lines never twice) and suggests matches. */
    async importStatement(ctx: Ctx, fileName: string, content: Buffer) {
      const parsed = parse(fileName, content);
      return run.run(ctx, async (tx) => {
        const imported: string[] = [];
        // Matching reads the open items and customers once for the whole file (nothing is settled while importing).
        let facts: Awaited<ReturnType<typeof matchingFacts>> | undefined;
        for (const s of parsed.statements) {
          const [existing] = await tx
            .select({ id: bankStatements.id })
            .from(bankStatements)
            .where(and(eq(bankStatements.companyId, ctx.companyId), eq(bankStatements.key, s.key)));
          if (existing) continue;
          const statementId = uuidv7();
          await tx.insert(bankStatements).values({
            companyId: ctx.companyId,
            id: statementId,
            key: s.key,
            format: s.format,
            account: s.accountIban ?? s.accountNumber,
            currency: s.currency,
            fromDate: s.fromDate,
            toDate: s.toDate,
            openingBalance: money(s.openingBalance),
            closingBalance: money(s.closingBalance),
            fileName,
            fileSha256: parsed.sha256,
            file: content,
            createdBy: ctx.userId,
          });
          for (const l of s.lines) {
            const receivable = dec(l.amount).gt(0) && l.booked && !l.reversal;
            const suggestion = receivable ? suggestFor((facts ??= await matchingFacts(tx, ctx.companyId)), l) : null;
            const status = !receivable
              ? 'ignored'
              : suggestion?.customerId && suggestion.allocations.length
                ? 'suggested'
                : 'unmatched';
            const id = uuidv7();
            const ins = await tx
              .insert(bankLines)
              .values({
                companyId: ctx.companyId,
                id,
                statementId,
                key: l.key,
                lineNumber: l.lineNumber,
                bookingDate: l.bookingDate,
                valueDate: l.valueDate,
                amount: money(l.amount),
                currency: l.currency,
                label: l.label,
                remittance: l.remittance,
                structuredReference: l.structuredReference,
                endToEndId: l.endToEndId,
                payerName: l.payerName,
                payerIban: l.payerIban,
                bankReference: l.bankReference,
                bankTransactionCode: l.bankTransactionCode,
                booked: l.booked,
                reversal: l.reversal,
                status,
                suggestion,
              })
              .onConflictDoNothing()
              .returning({ id: bankLines.id });
            if (ins.length) imported.push(id);
          }
        }
        const statements = await statementPreview(tx, ctx.companyId, parsed, fileName);
        const lines = imported.length
          ? await tx
              .select()
              .from(bankLines)
              .where(and(eq(bankLines.companyId, ctx.companyId), inArray(bankLines.id, imported)))
              .orderBy(asc(bankLines.lineNumber))
          : [];
        return { statements, lines: lines.map(lineDto) };
      });
    },

    async listLines(
      ctx: Ctx,
      f: { status?: string | undefined; statementId?: string | undefined; limit: number; cursor?: string | undefined },
    ) {
      return run.read(async (db) => {
        const found = await db
          .select()
          .from(bankLines)
          .where(
            and(
              eq(bankLines.companyId, ctx.companyId),
              f.status ? inArray(bankLines.status, f.status.split(',')) : undefined,
              f.statementId ? eq(bankLines.statementId, f.statementId) : undefined,
              f.cursor ? lt(bankLines.id, f.cursor) : undefined,
            ),
          )
          .orderBy(desc(bankLines.id))
          .limit(f.limit + 1);
        const page = found.slice(0, f.limit);
        return { data: page.map(lineDto), nextCursor: found.length > f.limit ? page[page.length - 1]!.id : null };
      });
    },

    /** Recomputes the suggestions of lines still open (after new invoices, or a customer's IBAN learned). */
    async refreshSuggestions(ctx: Ctx) {
      return run.run(ctx, async (tx) => {
        const open = await tx
          .select()
          .from(bankLines)
          .where(and(eq(bankLines.companyId, ctx.companyId), inArray(bankLines.status, ['unmatched', 'suggested'])));
        const facts = await matchingFacts(tx, ctx.companyId);
        for (const l of open) {
          const suggestion = suggestFor(facts, l);
          const status = suggestion.customerId && suggestion.allocations.length ? 'suggested' : 'unmatched';
          await tx
            .update(bankLines)
            .set({ suggestion, status, updatedAt: clock() })
            .where(and(eq(bankLines.companyId, ctx.companyId), eq(bankLines.id, l.id)));
        }
        return { refreshed: open.length };
      });
    },

    async matchLine(ctx: Ctx, lineId: string, body: Parameters<typeof matchIn>[3]) {
      return run.run(ctx, async (tx) => {
        const paymentId = await matchIn(tx, ctx, lineId, body);
        return (await paymentDtos(tx, ctx.companyId, [paymentId]))[0]!;
      });
    },

    /** Accepts the suggestions of several lines in one go; each line stands alone (one failure does not stop the rest). */
    async acceptSuggestions(ctx: Ctx, lineIds: string[]) {
      const results: { lineId: string; paymentId: string | null; code: string | null }[] = [];
      for (const lineId of lineIds) {
        try {
          const paymentId = await run.run(ctx, async (tx) => {
            const [line] = await tx
              .select()
              .from(bankLines)
              .where(and(eq(bankLines.companyId, ctx.companyId), eq(bankLines.id, lineId)));
            if (!line) throw notFound();
            const s = line.suggestion as BankLine['suggestion'];
            if (!s?.customerId) throw new DomainError('no_suggestion', 409);
            return matchIn(tx, ctx, lineId, {
              customerId: s.customerId,
              allocations: s.allocations.map((a) => ({ invoiceId: a.invoiceId, amount: a.amount })),
              writeOff: s.writeOff
                ? { invoiceId: s.writeOff.invoiceId, amount: s.writeOff.amount, reason: s.writeOff.reason }
                : undefined,
            });
          });
          results.push({ lineId, paymentId, code: null });
        } catch (e) {
          results.push({ lineId, paymentId: null, code: e instanceof DomainError ? e.code : 'internal_error' });
        }
      }
      return { results };
    },

    async ignoreLine(ctx: Ctx, lineId: string) {
      return run.run(ctx, async (tx) => {
        const [line] = await tx
          .select()
          .from(bankLines)
          .where(and(eq(bankLines.companyId, ctx.companyId), eq(bankLines.id, lineId)))
          .for('update');
        if (!line) throw notFound();
        if (line.status === 'matched') throw new DomainError('bank_line_matched', 409);
        await tx
          .update(bankLines)
          .set({ status: 'ignored', updatedAt: clock() })
          .where(and(eq(bankLines.companyId, ctx.companyId), eq(bankLines.id, lineId)));
        return lineDto({ ...line, status: 'ignored' });
      });
    },
  };
}

export type ReceivablesService = ReturnType<typeof createReceivablesService>;
