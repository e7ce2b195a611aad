/**
 * What invoicing reads and changes on deliveries, inside its own transaction: shipped lines not yet invoiced, the
 * deliveries due for a month-end run, returns to credit. To invoice = shipped − invoiced (returns are credited by
 * credit notes, never netted here).
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable, Tx } from '@server/platform/db/connection';
import { rows } from '@server/platform/db/connection';
import { deliveries, deliveryLines, deliveryReturnLines, deliveryReturns } from './deliveries.schema';

export type InvoiceableDelivery = typeof deliveries.$inferSelect & { lines: (typeof deliveryLines.$inferSelect)[] };

/** Shipped or delivered: the goods left, they can be invoiced. */
export const INVOICEABLE_DELIVERY_STATUSES = ['shipped', 'delivered'] as const;

/** The deliveries with their lines; rows locked in id order when `lock` (two invoices never take the same line). */
export async function deliveriesForInvoicing(
  q: Queryable,
  companyId: string,
  ids: string[],
  lock: boolean,
): Promise<InvoiceableDelivery[]> {
  if (!ids.length) return [];
  const sorted = [...new Set(ids)].sort();
  const base = q
    .select()
    .from(deliveries)
    .where(and(eq(deliveries.companyId, companyId), inArray(deliveries.id, sorted)))
    .orderBy(asc(deliveries.id));
  const found = lock ? await base.for('update') : await base;
  const lines = await q
    .select()
    .from(deliveryLines)
    .where(and(eq(deliveryLines.companyId, companyId), inArray(deliveryLines.deliveryId, sorted)))
    .orderBy(asc(deliveryLines.deliveryId), asc(deliveryLines.position));
  return found.map((d) => ({ ...d, lines: lines.filter((l) => l.deliveryId === d.id) }));
}

/** Invoiced quantities of delivery lines move (negative: a draft discarded or a credit note that re-opens them). */
export async function recordDeliveryInvoiced(
  tx: Tx,
  companyId: string,
  changes: { lineId: string; quantity: string }[],
) {
  for (const c of changes)
    await tx.execute(
      sql`update delivery_lines set invoiced_quantity = greatest(0, invoiced_quantity + ${c.quantity}::numeric)
          where company_id = ${companyId} and id = ${c.lineId}`,
    );
}

/** The day the goods left: the ship date actually recorded, else the planned one. */
export const shippedOn = (d: Pick<typeof deliveries.$inferSelect, 'shippedAt' | 'shipDate'>): string =>
  d.shippedAt ? parisDay(d.shippedAt) : d.shipDate;

export function parisDay(instant: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(instant);
}

/** Deliveries shipped up to `upToDate` with something left to invoice (a month-end run's work), oldest first. */
export async function deliveriesDue(
  q: Queryable,
  companyId: string,
  upToDate: string,
  customerId?: string,
): Promise<{ id: string; customerId: string; shippedOn: string }[]> {
  const found = await rows<{ id: string; customer_id: string; shipped_on: string }>(
    q,
    sql`select d.id, d.customer_id,
               to_char(coalesce((d.shipped_at at time zone 'Europe/Paris')::date, d.ship_date), 'YYYY-MM-DD') as shipped_on
        from deliveries d
        where d.company_id = ${companyId} and d.status in ('shipped', 'delivered')
          and coalesce((d.shipped_at at time zone 'Europe/Paris')::date, d.ship_date) <= ${upToDate}::date
          ${customerId ? sql`and d.customer_id = ${customerId}` : sql``}
          and exists (select 1 from delivery_lines l where l.company_id = d.company_id and l.delivery_id = d.id
                      and coalesce(l.shipped_quantity, 0) > l.invoiced_quantity)
        order by shipped_on, d.number`,
  );
  return found.map((r) => ({ id: r.id, customerId: r.customer_id, shippedOn: r.shipped_on }));
}

export type ReturnForCredit = typeof deliveryReturns.$inferSelect & {
  lines: (typeof deliveryReturnLines.$inferSelect)[];
};

/** A return and its lines, locked when `lock` (a return is credited once). */
export async function returnForCredit(
  q: Queryable,
  companyId: string,
  returnId: string,
  lock: boolean,
): Promise<ReturnForCredit | null> {
  const base = q
    .select()
    .from(deliveryReturns)
    .where(and(eq(deliveryReturns.companyId, companyId), eq(deliveryReturns.id, returnId)));
  const [r] = lock ? await base.for('update') : await base;
  if (!r) return null;
  const lines = await q
    .select()
    .from(deliveryReturnLines)
    .where(and(eq(deliveryReturnLines.companyId, companyId), eq(deliveryReturnLines.returnId, returnId)));
  return { ...r, lines };
}

export async function recordReturnCredited(tx: Tx, companyId: string, changes: { lineId: string; quantity: string }[]) {
  for (const c of changes)
    await tx.execute(
      sql`update delivery_return_lines set credited_quantity = credited_quantity + ${c.quantity}::numeric
          where company_id = ${companyId} and id = ${c.lineId}`,
    );
}
