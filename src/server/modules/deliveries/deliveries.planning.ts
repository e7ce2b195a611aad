import { sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '@server/platform/db/connection';
import { rows } from '@server/platform/db/connection';
import { containsPattern } from '@server/platform/http/pagination';
import { addDays } from '@shared/dates';
import { dec, toQuantityString } from '@shared/decimal';
import type { PlanningLine } from '@shared/api/deliveries';

type Filter = {
  to?: string | undefined;
  customerId?: string | undefined;
  shipToId?: string | undefined;
  carrierId?: string | undefined;
  orderId?: string | undefined;
  q?: string | undefined;
};

/**
 * Confirmed order lines with something left to plan (ordered − delivered − cancelled − in open deliveries), promised
 * up to the horizon (late ones always), oldest promise first, with what could ship now: the line's own reservation
 * not yet planned plus the free stock of its warehouse (shown per line; the free stock is not split between lines).
 */
export async function planningLines(
  q: Queryable,
  companyId: string,
  today: string,
  f: Filter,
): Promise<PlanningLine[]> {
  const to = f.to ?? addDays(today, 14);
  const conds: SQL[] = [];
  if (f.customerId) conds.push(sql`and o.customer_id = ${f.customerId}`);
  if (f.shipToId) conds.push(sql`and st.id = ${f.shipToId}`);
  if (f.orderId) conds.push(sql`and o.id = ${f.orderId}`);
  if (f.q) {
    const p = containsPattern(f.q);
    conds.push(sql`and (o.number ilike ${p} or o.customer_reference ilike ${p} or c.name ilike ${p} or c.code ilike ${p}
                        or l.sku ilike ${p} or l.description ilike ${p})`);
  }
  const found = await rows<Record<string, string | null>>(
    q,
    sql`with planned as (
          select dl.order_line_id, sum(coalesce(dl.picked_quantity, dl.quantity)) as qty
          from delivery_lines dl join deliveries d on d.company_id = dl.company_id and d.id = dl.delivery_id
          where dl.company_id = ${companyId} and d.status in ('planned', 'picked')
          group by dl.order_line_id)
        select o.id as order_id, o.number as order_number, o.status as order_status, o.customer_id, c.code as customer_code,
          c.name as customer_name, o.customer_reference, st.id as ship_to_id, st.name as ship_to_name,
          st.address->>'city' as ship_to_city, l.id as order_line_id, l.product_id, l.sku, l.description, l.unit,
          l.quantity::text as ordered, l.delivered_quantity::text as delivered,
          coalesce(p.qty, 0)::text as planned,
          (l.quantity - l.delivered_quantity - l.cancelled_quantity - coalesce(p.qty, 0))::text as to_plan,
          greatest(0, l.reserved_quantity - coalesce(p.qty, 0))::text as own,
          coalesce(pr.stock_tracked, true) as stock_tracked,
          coalesce((select greatest(0, s.on_hand - s.reserved) from stock_levels s
                    where s.company_id = l.company_id and s.product_id = l.product_id
                      and s.warehouse_id = coalesce(l.warehouse_id,
                        (select w.id from warehouses w where w.company_id = l.company_id and w.active
                         order by w.is_default desc, w.code limit 1))), 0)::text as free,
          l.promised_ship_date, l.promised_delivery_date, l.backorder_quantity::text as backorder,
          coalesce(l.requested_delivery_date, o.requested_delivery_date) as requested
        from order_lines l
        join orders o on o.company_id = l.company_id and o.id = l.order_id
        join customers c on c.company_id = o.company_id and c.id = o.customer_id
        left join products pr on pr.company_id = l.company_id and pr.id = l.product_id
        left join planned p on p.order_line_id = l.id
        left join lateral (
          select s.id, s.name, s.address from customer_ship_tos s
          where s.company_id = o.company_id and s.customer_id = o.customer_id
            and (s.id = o.ship_to_id or (o.ship_to_id is null and s.is_default))
          order by s.position limit 1) st on true
        where l.company_id = ${companyId}
          and o.status in ('confirmed', 'partially_delivered', 'partially_invoiced')
          and l.quantity - l.delivered_quantity - l.cancelled_quantity - coalesce(p.qty, 0) > 0
          and (l.promised_delivery_date is null or l.promised_delivery_date <= ${to})
          ${sql.join(conds, sql` `)}
        order by l.promised_ship_date asc nulls last, c.name, st.name, o.number, l.position
        limit 2000`,
  );
  return found.map((r) => {
    const toPlan = dec(r.to_plan!);
    const can = r.stock_tracked ? dec(r.own!).plus(r.free!) : toPlan;
    const available = can.lt(toPlan) ? can : toPlan;
    const promised = r.promised_delivery_date ?? null;
    return {
      orderId: r.order_id!,
      orderNumber: r.order_number!,
      orderStatus: r.order_status!,
      customerId: r.customer_id!,
      customerCode: r.customer_code!,
      customerName: r.customer_name!,
      customerReference: r.customer_reference ?? null,
      shipToId: r.ship_to_id ?? null,
      shipToName: r.ship_to_name ?? null,
      shipToCity: r.ship_to_city ?? null,
      orderLineId: r.order_line_id!,
      productId: r.product_id!,
      sku: r.sku!,
      description: r.description!,
      unit: r.unit!,
      orderedQuantity: toQuantityString(r.ordered!),
      deliveredQuantity: toQuantityString(r.delivered!),
      plannedQuantity: toQuantityString(r.planned!),
      toPlanQuantity: toQuantityString(r.to_plan!),
      availableQuantity: toQuantityString(available.toString()),
      promisedShipDate: r.promised_ship_date ?? null,
      promisedDeliveryDate: promised,
      late: !!promised && promised < today,
      atRisk:
        available.lt(toPlan) || dec(r.backorder!).gt(0) || (!!promised && !!r.requested && promised > r.requested!),
    };
  });
}
