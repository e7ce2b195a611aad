/**
 * Month-end invoicing runs (POST /invoicing-runs): every shipped, uninvoiced delivery up to a date, grouped per
 * customer as the customer's invoicing preferences say (one invoice per delivery, per week or per month: a periodic
 * invoice lists its delivery notes). Each invoice is its own transaction, so one customer's problem (a missing
 * SIREN, an exchange rate) is reported and the others go through. Progress is written as it goes (the UI's bar).
 */
import { and, asc, desc, eq, lt, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Queryable } from '@server/platform/db/connection';
import { rows } from '@server/platform/db/connection';
import type { Ctx, Idempotency, Runner } from '@server/platform/db/runner';
import { DomainError, notFound } from '@server/platform/errors';
import { enqueue } from '@server/platform/outbox/outbox';
import { customerNames } from '@server/modules/customers';
import { deliveriesDue } from '@server/modules/deliveries';
import { sum, toMoneyString } from '@shared/decimal';
import { isoWeekday, addDays } from '@shared/dates';
import type { InvoicingRun, InvoicingRunCreate } from '@shared/api/invoices';
import { message } from '@shared/messages';
import { ensureDocuments } from './invoicing.documents';
import { DOCUMENTS_TOPIC, type InvoicingService } from './invoicing.service';
import { invoices, invoicingRuns } from './invoicing.schema';

/** Invoices of a run in flight at once. */
const RUN_CONCURRENCY = 4;

type DueGroup = { key: string; customerId: string; deliveryIds: string[] };

/** The invoicing mode per customer (per_delivery | weekly | monthly), from customers.invoicing (jsonb). */
async function modesOf(q: Queryable, companyId: string, customerIds: string[]): Promise<Map<string, string>> {
  if (!customerIds.length) return new Map();
  const found = await rows<{ id: string; mode: string | null }>(
    q,
    sql`select id, invoicing->>'mode' as mode from customers
        where company_id = ${companyId} and id in (${sql.join(
          customerIds.map((x) => sql`${x}`),
          sql`, `,
        )})`,
  );
  return new Map(found.map((r) => [r.id, r.mode ?? 'per_delivery']));
}

/** Monday of the ISO week of a date. */
const weekOf = (d: string) => addDays(d, 1 - isoWeekday(d));

export function groupDue(
  due: { id: string; customerId: string; shippedOn: string }[],
  modes: Map<string, string>,
): DueGroup[] {
  const groups = new Map<string, DueGroup>();
  for (const d of due) {
    const mode = modes.get(d.customerId) ?? 'per_delivery';
    const period = mode === 'monthly' ? d.shippedOn.slice(0, 7) : mode === 'weekly' ? weekOf(d.shippedOn) : d.id;
    const key = `${d.customerId}|${period}`;
    const g = groups.get(key);
    if (g) g.deliveryIds.push(d.id);
    else groups.set(key, { key, customerId: d.customerId, deliveryIds: [d.id] });
  }
  return [...groups.values()];
}

export function createInvoicingRuns(deps: { run: Runner; service: InvoicingService }) {
  const { run, service } = deps;

  async function dueGroups(q: Queryable, companyId: string, upToDate: string, customerId?: string) {
    const due = await deliveriesDue(q, companyId, upToDate, customerId);
    const modes = await modesOf(q, companyId, [...new Set(due.map((d) => d.customerId))]);
    return { due, modes, groups: groupDue(due, modes) };
  }

  async function runDto(q: Queryable, ctx: Ctx, id: string): Promise<InvoicingRun> {
    const [r] = await q
      .select()
      .from(invoicingRuns)
      .where(and(eq(invoicingRuns.companyId, ctx.companyId), eq(invoicingRuns.id, id)));
    if (!r) throw notFound();
    const made = await q
      .select()
      .from(invoices)
      .where(and(eq(invoices.companyId, ctx.companyId), eq(invoices.runId, id)))
      .orderBy(asc(invoices.id));
    const byCurrency = new Map<string, { net: string[]; gross: string[] }>();
    for (const i of made) {
      const c = byCurrency.get(i.currency) ?? { net: [], gross: [] };
      c.net.push(i.net);
      c.gross.push(i.gross);
      byCurrency.set(i.currency, c);
    }
    return {
      id: r.id,
      status: r.status as InvoicingRun['status'],
      upToDate: r.upToDate,
      customerId: r.customerId,
      issue: r.issue,
      send: r.send,
      total: r.total,
      processed: r.processed,
      invoiceCount: made.length,
      deliveryCount: made.reduce((n, i) => n + (i.deliveryIds as string[]).length, 0),
      net: toMoneyString(sum(made.map((i) => i.net)), 2),
      gross: toMoneyString(sum(made.map((i) => i.gross)), 2),
      totalsByCurrency: [...byCurrency.entries()].map(([currency, v]) => ({
        currency,
        net: toMoneyString(sum(v.net), 2),
        gross: toMoneyString(sum(v.gross), 2),
        count: v.net.length,
      })),
      errors: r.errors as InvoicingRun['errors'],
      invoices: made.map((i) => ({
        id: i.id,
        number: i.number,
        status: i.status,
        customerId: i.customerId,
        customerName: (i.customer as { name: string }).name,
        currency: i.currency,
        net: toMoneyString(i.net, 2),
        gross: toMoneyString(i.gross, 2),
        deliveryCount: (i.deliveryIds as string[]).length,
      })),
      startedAt: new Date(r.startedAt).toISOString(),
      finishedAt: r.finishedAt ? new Date(r.finishedAt).toISOString() : null,
      createdBy: r.createdBy,
    };
  }

  /**
   * Works through the groups, one transaction each, writing the progress as it goes. A few groups are in flight at
   * once so that one's database round trips overlap another's document rendering (the numbering stays gapless and
   * chronological: each issue takes the counter row's lock until its commit).
   */
  async function execute(ctx: Ctx, runId: string, groups: DueGroup[], opts: { issue: boolean; send: boolean }) {
    const errors: InvoicingRun['errors'] = [];
    const names = await run.read((db) =>
      customerNames(db, ctx.companyId, [...new Set(groups.map((g) => g.customerId))]),
    );
    const one = async (g: DueGroup) => {
      try {
        const id = await run.run(ctx, async (tx) => {
          const draft = await service.draftFromDeliveries(tx, ctx, g.deliveryIds, { runId });
          if (opts.issue) await service.issueIn(tx, ctx, draft, { queueDocuments: false });
          return draft;
        });
        if (opts.issue) {
          // The documents are made here, in the run (what the benchmark measures), then mailed by the job.
          await ensureDocuments(run.db, service, ctx.companyId, id);
          if (opts.send)
            await run.run(ctx, (tx) =>
              enqueue(tx, ctx.companyId, {
                topic: DOCUMENTS_TOPIC,
                payload: { invoiceId: id, send: true },
                dedupeKey: `invoice.documents:${id}`,
              }),
            );
        }
      } catch (e) {
        const code = e instanceof DomainError ? e.code : 'internal_error';
        if (!(e instanceof DomainError)) console.error('invoicing run', e);
        errors.push({
          customerId: g.customerId,
          customerName: names.get(g.customerId) ?? '',
          code,
          message: message(code, ctx.lang),
        });
      }
      await run.db
        .update(invoicingRuns)
        .set({ processed: sql`${invoicingRuns.processed} + 1`, errors })
        .where(and(eq(invoicingRuns.companyId, ctx.companyId), eq(invoicingRuns.id, runId)));
    };
    let next = 0;
    const lane = async () => {
      while (next < groups.length) await one(groups[next++]!);
    };
    await Promise.all(Array.from({ length: Math.min(RUN_CONCURRENCY, groups.length) }, lane));
    await run.db
      .update(invoicingRuns)
      .set({ status: 'done', finishedAt: new Date(), processed: groups.length, errors })
      .where(and(eq(invoicingRuns.companyId, ctx.companyId), eq(invoicingRuns.id, runId)));
  }

  return {
    /** What a run up to this date would invoice, per customer (the screen's preview). */
    async due(ctx: Ctx, upToDate: string, customerId?: string) {
      return run.read(async (db) => {
        const { due, modes, groups } = await dueGroups(db, ctx.companyId, upToDate, customerId);
        const names = await customerNames(db, ctx.companyId, [...new Set(due.map((d) => d.customerId))]);
        const per = new Map<string, { deliveryCount: number; invoiceCount: number }>();
        for (const d of due) {
          const p = per.get(d.customerId) ?? { deliveryCount: 0, invoiceCount: 0 };
          p.deliveryCount++;
          per.set(d.customerId, p);
        }
        for (const g of groups) per.get(g.customerId)!.invoiceCount++;
        // What is left to invoice, at the order lines' net prices (before document allowances and rounding per line).
        const ids = due.map((d) => d.id);
        const amounts = ids.length
          ? await rows<{ customer_id: string; currency: string; net: string }>(
              db,
              sql`select d.customer_id, o.currency,
                         sum((coalesce(dl.shipped_quantity, 0) - dl.invoiced_quantity) * ol.unit_price
                             * (1 - coalesce(ol.discount_percent, 0) / 100))::text as net
                  from delivery_lines dl
                  join deliveries d on d.company_id = dl.company_id and d.id = dl.delivery_id
                  join order_lines ol on ol.company_id = dl.company_id and ol.id = dl.order_line_id
                  join orders o on o.company_id = ol.company_id and o.id = ol.order_id
                  where dl.company_id = ${ctx.companyId} and dl.delivery_id in (${sql.join(
                    ids.map((x) => sql`${x}`),
                    sql`, `,
                  )})
                  group by d.customer_id, o.currency`,
            )
          : [];
        return {
          data: [...per.entries()].map(([cid, p]) => {
            const mine = amounts.filter((a) => a.customer_id === cid);
            return {
              customerId: cid,
              customerName: names.get(cid) ?? '',
              mode: modes.get(cid) ?? 'per_delivery',
              deliveryCount: p.deliveryCount,
              invoiceCount: p.invoiceCount,
              /** Estimated net left to invoice, per currency. */
              amounts: mine.map((a) => ({ currency: a.currency, net: toMoneyString(a.net, 2) })),
            };
          }),
          deliveryCount: due.length,
          customerCount: per.size,
          invoiceCount: groups.length,
        };
      });
    },

    async start(ctx: Ctx, body: InvoicingRunCreate, idem: Idempotency | null) {
      const upToDate = body.upToDate ?? service.today();
      const created = await run.runIdempotent(ctx, idem, body.background ? 202 : 201, async (tx) => {
        const { groups } = await dueGroups(tx, ctx.companyId, upToDate, body.customerId);
        const id = uuidv7();
        await tx.insert(invoicingRuns).values({
          companyId: ctx.companyId,
          id,
          upToDate,
          customerId: body.customerId ?? null,
          issue: body.issue,
          send: body.send,
          total: groups.length,
          createdBy: ctx.userId,
        });
        return { id, groups };
      });
      const runId = created.body.id;
      if (!created.replayed) {
        const work = execute(ctx, runId, created.body.groups, { issue: body.issue, send: body.send }).catch(
          async (e) => {
            console.error('invoicing run failed', e);
            await run.db
              .update(invoicingRuns)
              .set({ status: 'failed', finishedAt: new Date() })
              .where(and(eq(invoicingRuns.companyId, ctx.companyId), eq(invoicingRuns.id, runId)));
          },
        );
        if (!body.background) await work;
      }
      return { status: created.status, body: await run.read((db) => runDto(db, ctx, runId)) };
    },

    async get(ctx: Ctx, id: string) {
      return run.read((db) => runDto(db, ctx, id));
    },

    async list(ctx: Ctx, query: { limit: number; cursor?: string | undefined }) {
      return run.read(async (db) => {
        const found = await db
          .select({ id: invoicingRuns.id })
          .from(invoicingRuns)
          .where(
            and(
              eq(invoicingRuns.companyId, ctx.companyId),
              query.cursor ? lt(invoicingRuns.id, query.cursor) : undefined,
            ),
          )
          .orderBy(desc(invoicingRuns.id))
          .limit(query.limit + 1);
        const page = found.slice(0, query.limit);
        const data = [];
        for (const r of page) data.push(await runDto(db, ctx, r.id));
        return { data, nextCursor: found.length > query.limit ? page[page.length - 1]!.id : null };
      });
    },
  };
}

export type InvoicingRuns = ReturnType<typeof createInvoicingRuns>;
