import { and, desc, eq, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { rows as rowsOf, type Queryable } from '@server/platform/db/connection';
import { containsPattern } from '@server/platform/http/pagination';
import { customerLabels, portfolioCustomerIds } from '@server/modules/customers';
import { todayIso } from '@server/modules/pricing';
import { dec, toQuantityString, toMoneyString } from '@shared/decimal';
import { message, type Lang } from '@shared/messages';
import type { Order, OrderBookLine, OrderFinding, OrderListQuery, OrderStatus } from '@shared/api/orders';
import { allowedOrderCommands, OPEN_STATUSES } from './domain/order-state';
import type { OrderFindingRaw } from './domain/pipeline';
import { remainingOf } from './orders.fulfilment';
import { orderLines, orders } from './orders.schema';

type Row = typeof orders.$inferSelect;
type LineRow = typeof orderLines.$inferSelect;

/** Params as a person reads them: closing reasons translated, the closure label appended. */
export function findingParams(f: OrderFindingRaw, lang: Lang): Record<string, string | number> {
  if (f.code === 'requested_date_company_closed') {
    const reason = message(`closed_${String(f.params.reason)}`, lang);
    return { ...f.params, reason: f.params.label ? `${reason} — ${f.params.label}` : reason };
  }
  return f.params;
}

export const renderFinding = (f: OrderFindingRaw, lang: Lang): OrderFinding => ({
  code: f.code,
  severity: f.severity,
  message: message(f.code, lang, findingParams(f, lang)),
  path: f.path,
  lineId: f.lineId ?? null,
  params: f.params,
  note: f.note ?? null,
});

/** Late: still something to deliver and the promised date is past. */
function isLate(status: string, promised: string | null, remaining: ReturnType<typeof dec>, today: string) {
  return (
    OPEN_STATUSES.includes(status as OrderStatus) &&
    status !== 'draft' &&
    !!promised &&
    promised < today &&
    remaining.gt(0)
  );
}

export function toOrderDto(
  r: Row,
  lines: LineRow[],
  customer: { code: string; name: string },
  lang: Lang,
  today = todayIso(),
): Order {
  const findings = ((r.findings as OrderFindingRaw[]) ?? []).map((f) => renderFinding(f, lang));
  const dtoLines = lines
    .sort((a, b) => a.position - b.position)
    .map((l) => ({
      id: l.id,
      position: l.position,
      productId: l.productId,
      sku: l.sku,
      description: l.description,
      customerProductCode: l.customerProductCode,
      quantity: toQuantityString(l.quantity),
      unit: l.unit,
      unitPrice: l.unitPrice,
      discountPercent: l.discountPercent,
      netAmount: l.netAmount,
      vatCategory: l.vatCategory,
      vatRate: l.vatRate,
      expectedUnitPrice: l.expectedUnitPrice,
      expectedDiscountPercent: l.expectedDiscountPercent,
      priceSource: l.priceSource,
      requestedDeliveryDate: l.requestedDeliveryDate,
      promisedShipDate: l.promisedShipDate,
      promisedDeliveryDate: l.promisedDeliveryDate,
      reservedQuantity: toQuantityString(l.reservedQuantity),
      backorderQuantity: toQuantityString(l.backorderQuantity),
      deliveredQuantity: toQuantityString(l.deliveredQuantity),
      invoicedQuantity: toQuantityString(l.invoicedQuantity),
      cancelledQuantity: toQuantityString(l.cancelledQuantity),
      remainingQuantity: toQuantityString(remainingOf(l)),
      buyerLineId: l.buyerLineId,
    }));
  const blocked = findings.some((f) => f.severity === 'blocking') && !r.overrideReason;
  return {
    id: r.id,
    number: r.number,
    status: r.status as OrderStatus,
    source: r.source,
    customerId: r.customerId,
    customerCode: customer.code,
    customerName: customer.name,
    customerReference: r.customerReference,
    shipToId: r.shipToId,
    orderDate: r.orderDate,
    requestedDeliveryDate: r.requestedDeliveryDate,
    promisedDeliveryDate: r.promisedDeliveryDate,
    currency: r.currency,
    language: r.language,
    contactEmail: r.contactEmail,
    notes: r.notes,
    quoteId: r.quoteId,
    lines: dtoLines,
    totals: { net: r.net, vat: r.vat, gross: r.gross },
    vatBreakdown: r.vatBreakdown as Order['vatBreakdown'],
    findings,
    blocked,
    override:
      r.overrideReason && r.overriddenAt
        ? { reason: r.overrideReason, by: r.overriddenBy, at: r.overriddenAt.toISOString() }
        : null,
    holdReason: r.holdReason,
    cancelReason: r.cancelReason,
    late: lines.some((l) => isLate(r.status, l.promisedDeliveryDate, remainingOf(l), today)),
    allowedCommands: allowedOrderCommands(r.status as OrderStatus),
    confirmedAt: r.confirmedAt?.toISOString() ?? null,
    acknowledgedAt: r.acknowledgedAt?.toISOString() ?? null,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** Orders with their lines and customer labels: three queries whatever the number of orders, in the ids' order. */
export async function loadOrders(q: Queryable, companyId: string, ids: string[], lang: Lang): Promise<Order[]> {
  if (!ids.length) return [];
  const rows = await q
    .select()
    .from(orders)
    .where(and(eq(orders.companyId, companyId), inArray(orders.id, ids)));
  const [lines, labels] = await Promise.all([
    q
      .select()
      .from(orderLines)
      .where(and(eq(orderLines.companyId, companyId), inArray(orderLines.orderId, ids))),
    customerLabels(
      q,
      companyId,
      rows.map((r) => r.customerId),
    ),
  ]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const today = todayIso();
  return ids
    .filter((id) => byId.has(id))
    .map((id) => {
      const r = byId.get(id)!;
      return toOrderDto(
        r,
        lines.filter((l) => l.orderId === id),
        labels.get(r.customerId) ?? { code: '', name: '' },
        lang,
        today,
      );
    });
}

const OPEN = [...OPEN_STATUSES];

/** The status filter: one status, several comma-separated, or `open` (everything still to deliver). */
function statusFilter(status: string | undefined): string[] | null {
  if (!status) return null;
  return status
    .split(',')
    .map((s) => s.trim())
    .flatMap((s) => (s === 'open' ? OPEN : [s]))
    .filter(Boolean);
}

/** The line-level conditions shared by the order list and the order book. */
async function conditions(q: Queryable, companyId: string, f: OrderListQuery, today: string) {
  const where: (SQL | undefined)[] = [eq(orders.companyId, companyId)];
  const statuses = statusFilter(f.status);
  if (statuses) where.push(inArray(orders.status, statuses));
  if (f.customerId) where.push(eq(orders.customerId, f.customerId));
  if (f.customerReference) where.push(sql`lower(${orders.customerReference}) = lower(${f.customerReference})`);
  if (f.portfolioUserId) {
    const ids = await portfolioCustomerIds(q, companyId, f.portfolioUserId);
    where.push(ids.length ? inArray(orders.customerId, ids) : sql`false`);
  }
  if (f.q)
    where.push(
      sql`(${orders.number} ilike ${containsPattern(f.q)} or ${orders.customerReference} ilike ${containsPattern(f.q)})`,
    );
  const lineConds: SQL[] = [];
  if (f.productId) lineConds.push(sql`l.product_id = ${f.productId}`);
  if (f.promisedFrom) lineConds.push(sql`l.promised_delivery_date >= ${f.promisedFrom}`);
  if (f.promisedTo) lineConds.push(sql`l.promised_delivery_date <= ${f.promisedTo}`);
  if (f.late === 'true')
    lineConds.push(
      sql`l.promised_delivery_date < ${today} and l.quantity - l.delivered_quantity - l.cancelled_quantity > 0 and ${orders.status} in ('to_validate','confirmed','partially_delivered','on_hold')`,
    );
  if (f.atRisk === 'true')
    lineConds.push(
      sql`(l.backorder_quantity > 0 or (l.requested_delivery_date is not null and l.promised_delivery_date > l.requested_delivery_date) or (${orders.requestedDeliveryDate} is not null and l.promised_delivery_date > ${orders.requestedDeliveryDate}))`,
    );
  return { where, lineConds };
}

export async function listOrders(q: Queryable, companyId: string, f: OrderListQuery, lang: Lang) {
  const today = todayIso();
  const { where, lineConds } = await conditions(q, companyId, f, today);
  if (lineConds.length)
    where.push(
      sql`exists (select 1 from order_lines l where l.company_id = ${orders.companyId} and l.order_id = ${orders.id} and ${sql.join(lineConds, sql` and `)})`,
    );
  if (f.cursor) where.push(lt(orders.id, f.cursor));
  const rows = await q
    .select({ id: orders.id })
    .from(orders)
    .where(and(...where))
    .orderBy(desc(orders.id))
    .limit(f.limit + 1);
  const page = rows.slice(0, f.limit);
  return {
    data: await loadOrders(
      q,
      companyId,
      page.map((r) => r.id),
      lang,
    ),
    nextCursor: rows.length > f.limit ? page[page.length - 1]!.id : null,
  };
}

/**
 * The order book (carnet de commandes): open lines with what is left to deliver, oldest promise first, with the
 * totals of everything that matches (not only the page). Cursor = line id within the promised-date order.
 */
export async function orderBook(q: Queryable, companyId: string, f: OrderListQuery & { all?: boolean }) {
  const today = todayIso();
  const { where, lineConds } = await conditions(q, companyId, { ...f, status: f.status ?? 'open' }, today);
  const cond = and(...where, sql`l.quantity - l.delivered_quantity - l.cancelled_quantity > 0`, ...lineConds);
  const base = sql`from order_lines l join orders on orders.company_id = l.company_id and orders.id = l.order_id where ${cond}`;
  const lateExpr = sql`(l.promised_delivery_date < ${today} and orders.status <> 'draft')`;
  const riskExpr = sql`(l.backorder_quantity > 0 or l.promised_delivery_date > coalesce(l.requested_delivery_date, orders.requested_delivery_date))`;
  const openNet = sql`round(l.net_amount * (l.quantity - l.delivered_quantity - l.cancelled_quantity) / l.quantity, 2)`;
  const offset = f.cursor && /^\d+$/.test(f.cursor) ? Number(f.cursor) : 0;
  const limit = f.all ? 100_000 : f.limit;
  const [found, totals] = await Promise.all([
    rowsOf<Record<string, unknown>>(
      q,
      sql`select orders.id as order_id, orders.number, orders.status, orders.customer_id, orders.customer_reference,
            orders.currency, orders.requested_delivery_date as order_requested,
            l.id as line_id, l.product_id, l.sku, l.description, l.quantity::text as quantity, l.unit,
            (l.quantity - l.delivered_quantity - l.cancelled_quantity)::text as remaining,
            l.backorder_quantity::text as backorder, ${openNet}::text as open_net,
            l.requested_delivery_date, l.promised_delivery_date, ${lateExpr} as late, ${riskExpr} as at_risk
          ${base}
          order by l.promised_delivery_date asc nulls last, orders.number asc, l.position asc
          limit ${limit + 1} offset ${offset}`,
    ),
    rowsOf<Record<string, unknown>>(
      q,
      sql`select count(*)::int as lines, count(distinct orders.id)::int as orders,
            coalesce(sum(${openNet}), 0)::text as open_net,
            count(*) filter (where ${lateExpr})::int as late,
            count(*) filter (where ${riskExpr})::int as at_risk
          ${base}`,
    ),
  ]);
  const list = found;
  const t = totals[0] ?? {};
  const page = list.slice(0, limit);
  const labels = await customerLabels(
    q,
    companyId,
    page.map((r) => String(r.customer_id)),
  );
  const dateStr = (v: unknown) =>
    v === null || v === undefined ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10);
  const data: OrderBookLine[] = page.map((r) => {
    const label = labels.get(String(r.customer_id)) ?? { code: '', name: '' };
    return {
      orderId: String(r.order_id),
      orderNumber: String(r.number),
      status: String(r.status),
      customerId: String(r.customer_id),
      customerCode: label.code,
      customerName: label.name,
      customerReference: (r.customer_reference as string | null) ?? null,
      lineId: String(r.line_id),
      productId: String(r.product_id),
      sku: String(r.sku),
      description: String(r.description),
      quantity: toQuantityString(String(r.quantity)),
      remainingQuantity: toQuantityString(String(r.remaining)),
      backorderQuantity: toQuantityString(String(r.backorder)),
      unit: String(r.unit),
      openNet: toMoneyString(String(r.open_net), 2),
      currency: String(r.currency),
      requestedDeliveryDate: dateStr(r.requested_delivery_date) ?? dateStr(r.order_requested),
      promisedDeliveryDate: dateStr(r.promised_delivery_date),
      late: r.late === true,
      atRisk: r.at_risk === true,
    };
  });
  return {
    data,
    nextCursor: list.length > limit ? String(offset + limit) : null,
    totals: {
      lines: Number(t.lines ?? 0),
      orders: Number(t.orders ?? 0),
      openNet: toMoneyString(String(t.open_net ?? '0'), 2),
      late: Number(t.late ?? 0),
      atRisk: Number(t.at_risk ?? 0),
    },
  };
}
