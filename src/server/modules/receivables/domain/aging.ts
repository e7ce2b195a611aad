/**
 * Aged balance (balance âgée) and DSO (DOMAIN.md §11). Pure: no I/O, no clock; dates ISO 'YYYY-MM-DD', amounts
 * decimal strings computed with `@shared/decimal`.
 *
 * RULES
 * - Days past due = calendar days from the due date to `asOf`. ≤ 0 → 'not_due' (the due date itself is not late;
 *   an item without a due date is not due); 1–30 → 'd1_30'; 31–60 → 'd31_60'; 61–90 → 'd61_90'; > 90 → 'over_90'.
 * - agingOf: per customer (in order of first appearance) the sum of `amountDue` per bucket and the total, as money
 *   strings with 2 decimals (more when an input has more). Amounts are summed as given: a credit note passed with a
 *   negative amount reduces its bucket.
 * - DSO, accounting method: receivables TTC at period end ÷ sales TTC of the period × days in the period
 *   (30,000 × 90 / 60,000 = 45.00). No receivables (≤ 0) → '0.00'; receivables but no sales (≤ 0) → the days of the
 *   period (the balance is at least that old; the ratio is undefined).
 * - DSO, count-back (épuisement): from the newest month back, each month whose sales TTC the remaining balance
 *   covers (rest ≥ sales) adds all its days and its sales are subtracted; the first month it does not cover adds
 *   rest ÷ sales × days and stops (balance 20,000; June 12,500 (30 d) → rest 7,500; May 10,000 (31 d) → 23.25 d;
 *   DSO 53.25). A month without sales is fully covered. When the months run out first, DSO is the sum of all their
 *   days (a lower bound). Months must be 'YYYY-MM', strictly newest first; days an integer ≥ 0 (a month in
 *   progress may count only the days elapsed).
 * - DSO values are rounded half-up to 2 decimals.
 */
import { daysBetween, isIsoDate } from '@shared/dates';
import { dec, Decimal, toMoneyString } from '@shared/decimal';

export type AgingBucket = 'not_due' | 'd1_30' | 'd31_60' | 'd61_90' | 'over_90';
export type AgingRow = Record<AgingBucket | 'total', string>;
export type MonthlySales = { month: string; salesTtc: string; days: number };

export const AGING_BUCKETS: readonly AgingBucket[] = ['not_due', 'd1_30', 'd31_60', 'd61_90', 'over_90'];

/** Days past due: calendar days from the due date to `asOf` (negative before the due date). */
export function daysPastDue(dueDate: string, asOf: string): number {
  return daysBetween(dueDate, asOf);
}

/** The aging bucket of an item due on `dueDate` (null: no due date → not due) seen on `asOf`. */
export function agingBucket(dueDate: string | null, asOf: string): AgingBucket {
  if (!isIsoDate(asOf)) throw new RangeError(`Invalid ISO date: ${JSON.stringify(asOf)}`);
  if (dueDate === null) return 'not_due';
  const days = daysPastDue(dueDate, asOf);
  if (days <= 0) return 'not_due';
  if (days <= 30) return 'd1_30';
  if (days <= 60) return 'd31_60';
  if (days <= 90) return 'd61_90';
  return 'over_90';
}

/** Open amounts per customer and bucket on `asOf`, with the customer's total. */
export function agingOf(
  items: { customerId: string; dueDate: string | null; amountDue: string }[],
  asOf: string,
): Map<string, AgingRow> {
  const decimals = Math.max(2, ...items.map((i) => i.amountDue.split('.')[1]?.length ?? 0));
  const sums = new Map<string, Record<AgingBucket | 'total', Decimal>>();
  for (const i of items) {
    let row = sums.get(i.customerId);
    if (row === undefined) {
      row = { not_due: dec(0), d1_30: dec(0), d31_60: dec(0), d61_90: dec(0), over_90: dec(0), total: dec(0) };
      sums.set(i.customerId, row);
    }
    const amount = dec(i.amountDue);
    const bucket = agingBucket(i.dueDate, asOf);
    row[bucket] = row[bucket].plus(amount);
    row.total = row.total.plus(amount);
  }
  const out = new Map<string, AgingRow>();
  for (const [customerId, row] of sums) {
    out.set(customerId, {
      not_due: toMoneyString(row.not_due, decimals),
      d1_30: toMoneyString(row.d1_30, decimals),
      d31_60: toMoneyString(row.d31_60, decimals),
      d61_90: toMoneyString(row.d61_90, decimals),
      over_90: toMoneyString(row.over_90, decimals),
      total: toMoneyString(row.total, decimals),
    });
  }
  return out;
}

/** DSO by the accounting method: receivables ÷ sales × days, 2 decimals. */
export function dsoAccounting(receivablesTtc: string, salesTtc: string, days: number): string {
  assertDays(days);
  const receivables = dec(receivablesTtc);
  const sales = dec(salesTtc);
  if (receivables.lessThanOrEqualTo(0)) return '0.00';
  if (sales.lessThanOrEqualTo(0)) return toMoneyString(days, 2);
  return toMoneyString(receivables.dividedBy(sales).times(days), 2);
}

/** DSO by the count-back method over `monthlySales`, newest month first, 2 decimals. */
export function dsoCountBack(balance: string, monthlySales: MonthlySales[]): string {
  monthlySales.forEach((m, k) => {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(m.month)) throw new RangeError(`Invalid month: ${JSON.stringify(m.month)}`);
    assertDays(m.days);
    const previous = monthlySales[k - 1];
    if (previous !== undefined && m.month >= previous.month) {
      throw new RangeError(`Months must be newest first: ${previous.month} then ${m.month}`);
    }
  });
  let rest = dec(balance);
  let dso = dec(0);
  if (rest.lessThanOrEqualTo(0)) return '0.00';
  for (const m of monthlySales) {
    const sales = dec(m.salesTtc);
    if (sales.lessThanOrEqualTo(0) || rest.greaterThanOrEqualTo(sales)) {
      dso = dso.plus(m.days);
      rest = rest.minus(Decimal.max(sales, 0));
      if (rest.isZero()) break;
      continue;
    }
    dso = dso.plus(rest.dividedBy(sales).times(m.days));
    break;
  }
  return toMoneyString(dso, 2);
}

function assertDays(days: number): void {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`days must be an integer ≥ 0, got ${days}`);
}
