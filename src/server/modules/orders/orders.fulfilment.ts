/**
 * What deliveries (and later invoicing) may read and change on orders, inside their own transaction: the order lines'
 * reserved, delivered and cancelled quantities, and the order status that follows from them. The orders module keeps
 * the rules (remaining = ordered − delivered − cancelled; the status from `deliveryStatus`; transitions as data).
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable, Tx } from '@server/platform/db/connection';
import type { Ctx } from '@server/platform/db/runner';
import { DomainError } from '@server/platform/errors';
import { dec, toQuantityString } from '@shared/decimal';
import type { OrderStatus } from '@shared/api/orders';
import { canTransition, deliveryStatus, invoicingStatus } from './domain/order-state';
import { orderLines, orders } from './orders.schema';

export type FulfilmentOrder = typeof orders.$inferSelect;
export type FulfilmentLine = typeof orderLines.$inferSelect;

/** Orders that can be delivered: confirmed and not fully delivered (partially invoiced ones may still ship their rest). */
export const DELIVERABLE_STATUSES: readonly OrderStatus[] = ['confirmed', 'partially_delivered', 'partially_invoiced'];

/** The orders and their lines, rows locked (FOR UPDATE) when `lock`, in id order to avoid deadlocks. */
export async function ordersForFulfilment(
  q: Queryable,
  companyId: string,
  orderIds: string[],
  lock: boolean,
): Promise<{ orders: FulfilmentOrder[]; lines: FulfilmentLine[] }> {
  if (!orderIds.length) return { orders: [], lines: [] };
  const ids = [...new Set(orderIds)].sort();
  const base = q
    .select()
    .from(orders)
    .where(and(eq(orders.companyId, companyId), inArray(orders.id, ids)))
    .orderBy(asc(orders.id));
  const found = lock ? await base.for('update') : await base;
  const lines = await q
    .select()
    .from(orderLines)
    .where(and(eq(orderLines.companyId, companyId), inArray(orderLines.orderId, ids)))
    .orderBy(asc(orderLines.orderId), asc(orderLines.position));
  return { orders: found, lines };
}

/** The order lines with these ids (any order of the company). */
export async function orderLinesByIds(q: Queryable, companyId: string, lineIds: string[]): Promise<FulfilmentLine[]> {
  if (!lineIds.length) return [];
  return q
    .select()
    .from(orderLines)
    .where(and(eq(orderLines.companyId, companyId), inArray(orderLines.id, [...new Set(lineIds)])));
}

export const remainingOf = (l: Pick<FulfilmentLine, 'quantity' | 'deliveredQuantity' | 'cancelledQuantity'>) =>
  dec(l.quantity).minus(l.deliveredQuantity).minus(l.cancelledQuantity);

/** Stock reserved for the line later (a delivery planned when stock came in): reserved up, backorder down. */
export async function addLineReservation(tx: Tx, ctx: Ctx, lineId: string, quantity: string) {
  if (dec(quantity).lte(0)) return;
  await tx.execute(
    sql`update order_lines set reserved_quantity = reserved_quantity + ${quantity}::numeric,
          backorder_quantity = greatest(0, backorder_quantity - ${quantity}::numeric)
        where company_id = ${ctx.companyId} and id = ${lineId}`,
  );
}

/**
 * Goods issue of order lines: delivered quantity up, the reservation consumed down, the backorder recomputed
 * (what is left and not reserved), then each order's status moved by the `deliver` event.
 */
export async function recordDelivered(
  tx: Tx,
  ctx: Ctx,
  changes: { lineId: string; delivered: string; reservationConsumed: string }[],
) {
  for (const c of changes) {
    await tx.execute(
      sql`update order_lines set
            delivered_quantity = delivered_quantity + ${c.delivered}::numeric,
            reserved_quantity = greatest(0, reserved_quantity - ${c.reservationConsumed}::numeric)
          where company_id = ${ctx.companyId} and id = ${c.lineId}`,
    );
  }
  await refreshBackorders(
    tx,
    ctx,
    changes.map((c) => c.lineId),
  );
  await refreshDeliveryStatus(
    tx,
    ctx,
    changes.map((c) => c.lineId),
  );
}

/** A short shipment: the quantity will not be delivered; it is cancelled on the order line (reservation released). */
export async function cancelLineQuantity(
  tx: Tx,
  ctx: Ctx,
  lineId: string,
  quantity: string,
  reservationReleased: string,
) {
  await tx.execute(
    sql`update order_lines set
          cancelled_quantity = cancelled_quantity + ${quantity}::numeric,
          reserved_quantity = greatest(0, reserved_quantity - ${reservationReleased}::numeric)
        where company_id = ${ctx.companyId} and id = ${lineId}`,
  );
  await refreshBackorders(tx, ctx, [lineId]);
  await refreshDeliveryStatus(tx, ctx, [lineId]);
}

async function refreshBackorders(tx: Tx, ctx: Ctx, lineIds: string[]) {
  if (!lineIds.length) return;
  await tx.execute(
    sql`update order_lines set backorder_quantity =
          greatest(0, quantity - delivered_quantity - cancelled_quantity - reserved_quantity)
        where company_id = ${ctx.companyId} and id in (${sql.join(
          [...new Set(lineIds)].map((id) => sql`${id}`),
          sql`, `,
        )})`,
  );
}

/** Moves each order touched to the status its lines say (confirmed / partially_delivered / delivered). */
async function refreshDeliveryStatus(tx: Tx, ctx: Ctx, lineIds: string[]) {
  const lines = await orderLinesByIds(tx, ctx.companyId, lineIds);
  const orderIds = [...new Set(lines.map((l) => l.orderId))];
  const { orders: found, lines: all } = await ordersForFulfilment(tx, ctx.companyId, orderIds, false);
  for (const o of found) {
    const target = deliveryStatus(
      all
        .filter((l) => l.orderId === o.id)
        .map((l) => ({ remaining: toQuantityString(remainingOf(l).toString()), delivered: l.deliveredQuantity })),
    );
    const from = o.status as OrderStatus;
    if (from === target) continue;
    // Partially invoiced orders keep that status while the rest ships (invoicing moves them on).
    if (from === 'partially_invoiced') continue;
    if (!canTransition(from, 'deliver', target))
      throw new DomainError('invalid_transition', 409, [{ path: 'orderId', code: 'order_not_deliverable' }]);
    await tx
      .update(orders)
      .set({ status: target, updatedAt: new Date() })
      .where(and(eq(orders.companyId, ctx.companyId), eq(orders.id, o.id)));
  }
}

/**
 * Invoicing of order lines (positive) or quantities given back to invoice again by a credit note (negative):
 * the lines' invoiced quantity moves, then each order's status follows (`invoicingStatus`).
 */
export async function recordInvoiced(tx: Tx, ctx: Ctx, changes: { lineId: string; quantity: string }[]) {
  if (!changes.length) return;
  for (const c of changes)
    await tx.execute(
      sql`update order_lines set invoiced_quantity = greatest(0, invoiced_quantity + ${c.quantity}::numeric)
          where company_id = ${ctx.companyId} and id = ${c.lineId}`,
    );
  const lines = await orderLinesByIds(
    tx,
    ctx.companyId,
    changes.map((c) => c.lineId),
  );
  const { orders: found, lines: all } = await ordersForFulfilment(
    tx,
    ctx.companyId,
    lines.map((l) => l.orderId),
    false,
  );
  for (const o of found) {
    const target = invoicingStatus(
      all
        .filter((l) => l.orderId === o.id)
        .map((l) => ({
          quantity: l.quantity,
          cancelled: l.cancelledQuantity,
          invoiced: l.invoicedQuantity,
          delivered: l.deliveredQuantity,
          remaining: toQuantityString(remainingOf(l).toString()),
        })),
    );
    const from = o.status as OrderStatus;
    if (from === target) continue;
    if (!canTransition(from, 'invoice', target))
      throw new DomainError('invalid_transition', 409, [{ path: 'orderId', code: 'order_not_invoiceable' }]);
    await tx
      .update(orders)
      .set({ status: target, updatedAt: new Date() })
      .where(and(eq(orders.companyId, ctx.companyId), eq(orders.id, o.id)));
  }
}
