import { sql } from 'drizzle-orm';
import type { Queryable } from '@server/platform/db/connection';
import { rows } from '@server/platform/db/connection';
import { addDays } from '@shared/dates';
import { dec } from '@shared/decimal';
import type { Otif } from '@shared/api/deliveries';

type Figures = Otif['total'];

/** n ÷ d as a decimal string with 4 decimals (half-up), null when nothing is due. */
const ratio = (n: number | string, d: number | string) =>
  dec(d).eq(0) ? null : dec(n).div(d).toDecimalPlaces(4).toFixed(4);

/**
 * OTIF per order line against the promised date (OTDC, DOMAIN.md §11): the lines whose promised delivery date falls in
 * [from, to] (and is past), on time when every shipment reached the customer (proof-of-delivery date, else planned
 * date) by the promise, in full when the quantities shipped cover the ordered quantity, OTIF when what arrived by the
 * promise covers it. Fill rate = quantity shipped ÷ quantity ordered. Counts are integers; ratios are computed from
 * them (a ratio of two counts, not money: rounded to 4 decimals).
 */
export async function deliveryOtif(
  q: Queryable,
  companyId: string,
  today: string,
  f: { from?: string | undefined; to?: string | undefined; customerId?: string | undefined },
): Promise<Otif> {
  const to = f.to && f.to < today ? f.to : today;
  const from = f.from ?? addDays(to, -30);
  const found = await rows<{
    customer_id: string;
    code: string;
    name: string;
    due: number;
    on_time: number;
    in_full: number;
    otif: number;
    ordered: string;
    shipped: string;
  }>(
    q,
    sql`with lines as (
          select l.id, o.customer_id, l.quantity, l.promised_delivery_date as promised,
            coalesce(sum(dl.shipped_quantity), 0) as shipped,
            coalesce(sum(dl.shipped_quantity) filter (where coalesce(d.delivered_on, d.planned_date) <= l.promised_delivery_date), 0) as by_promise,
            bool_and(coalesce(d.delivered_on, d.planned_date) <= l.promised_delivery_date) filter (where d.id is not null) as all_on_time
          from order_lines l
          join orders o on o.company_id = l.company_id and o.id = l.order_id
          left join delivery_lines dl on dl.company_id = l.company_id and dl.order_line_id = l.id
          left join deliveries d on d.company_id = dl.company_id and d.id = dl.delivery_id and d.status in ('shipped', 'delivered')
          where l.company_id = ${companyId} and o.status not in ('draft', 'to_validate', 'cancelled')
            and l.promised_delivery_date between ${from} and ${to}
            ${f.customerId ? sql`and o.customer_id = ${f.customerId}` : sql``}
          group by l.id, o.customer_id, l.quantity, l.promised_delivery_date)
        select x.customer_id, c.code, c.name, count(*)::int as due,
          count(*) filter (where x.shipped > 0 and coalesce(x.all_on_time, false))::int as on_time,
          count(*) filter (where x.shipped >= x.quantity)::int as in_full,
          count(*) filter (where x.by_promise >= x.quantity)::int as otif,
          sum(x.quantity)::text as ordered, sum(x.shipped)::text as shipped
        from lines x join customers c on c.company_id = ${companyId} and c.id = x.customer_id
        group by x.customer_id, c.code, c.name
        order by c.name`,
  );
  const figures = (
    due: number,
    onTime: number,
    inFull: number,
    otif: number,
    ordered: string,
    shipped: string,
  ): Figures => ({
    linesDue: due,
    linesOnTime: onTime,
    linesInFull: inFull,
    linesOnTimeInFull: otif,
    otif: ratio(otif, due),
    onTimeRate: ratio(onTime, due),
    fillRate: ratio(shipped, ordered),
  });
  const customers = found.map((r) => ({
    customerId: r.customer_id,
    customerCode: r.code,
    customerName: r.name,
    ...figures(r.due, r.on_time, r.in_full, r.otif, r.ordered, r.shipped),
  }));
  const count = (k: 'due' | 'on_time' | 'in_full' | 'otif') => found.reduce((s, r) => s + Number(r[k]), 0);
  const qty = (k: 'ordered' | 'shipped') => found.reduce((s, r) => s.plus(r[k]), dec(0)).toString();
  return {
    from,
    to,
    reference: 'promised',
    grain: 'order_line',
    total: figures(count('due'), count('on_time'), count('in_full'), count('otif'), qty('ordered'), qty('shipped')),
    customers,
  };
}
