/**
 * Credit hold (gestion du risque client, DOMAIN.md §6). Pure: no I/O, no clock; amounts decimal strings.
 *
 * RULES
 * - Exposure (encours) = open invoices TTC (net of open credit notes) + delivered not invoiced TTC + open confirmed
 *   orders TTC − unallocated payments (cash received but not yet allocated). It may be negative (customer in
 *   credit).
 * - 'credit_limit_exceeded' when a credit limit is set and exposure (+ the order being checked, when given) is
 *   strictly above it; equal is fine. A limit of '0' allows no credit; null means no limit.
 * - 'overdue_invoices' when the oldest overdue invoice is strictly more than `overdueDaysLimit` days past its due
 *   date (0: any overdue invoice holds). null = nothing overdue.
 * - Both reasons can apply; the order is limit, then overdue. Money params are strings with 2 decimals.
 */
import { dec, toMoneyString } from '@shared/decimal';

export type CreditHoldReason =
  | { code: 'credit_limit_exceeded'; params: { exposure: string; creditLimit: string; excess: string } }
  | { code: 'overdue_invoices'; params: { oldestOverdueDays: number; overdueDaysLimit: number } };

export type CreditFacts = {
  creditLimit: string | null;
  /** see `creditExposure` */
  exposure: string;
  oldestOverdueDays: number | null;
  overdueDaysLimit: number;
  /** TTC amount of the order being checked, added to the exposure */
  orderAmount?: string | null;
};

/** Exposure (encours) per DOMAIN §6, as a money string. */
export function creditExposure(parts: {
  openInvoicesTtc: string;
  deliveredNotInvoicedTtc: string;
  openOrdersTtc: string;
  unallocatedPayments?: string;
}): string {
  return toMoneyString(
    dec(parts.openInvoicesTtc)
      .plus(parts.deliveredNotInvoicedTtc)
      .plus(parts.openOrdersTtc)
      .minus(parts.unallocatedPayments ?? '0'),
    2,
  );
}

/** Why the customer's account is (or the order would be) on credit hold; empty when it is not. */
export function creditHoldReasons(facts: CreditFacts): CreditHoldReason[] {
  if (!Number.isInteger(facts.overdueDaysLimit) || facts.overdueDaysLimit < 0) {
    throw new RangeError(`overdueDaysLimit must be an integer ≥ 0, got ${facts.overdueDaysLimit}`);
  }
  if (facts.oldestOverdueDays !== null && !Number.isInteger(facts.oldestOverdueDays)) {
    throw new RangeError(`oldestOverdueDays must be an integer, got ${facts.oldestOverdueDays}`);
  }
  const reasons: CreditHoldReason[] = [];
  const exposure = dec(facts.exposure).plus(facts.orderAmount ?? '0');
  if (facts.creditLimit !== null) {
    const limit = dec(facts.creditLimit);
    if (limit.lessThan(0)) throw new RangeError('creditLimit must not be negative');
    if (exposure.greaterThan(limit)) {
      reasons.push({
        code: 'credit_limit_exceeded',
        params: {
          exposure: toMoneyString(exposure, 2),
          creditLimit: toMoneyString(limit, 2),
          excess: toMoneyString(exposure.minus(limit), 2),
        },
      });
    }
  }
  if (facts.oldestOverdueDays !== null && facts.oldestOverdueDays > facts.overdueDaysLimit) {
    reasons.push({
      code: 'overdue_invoices',
      params: { oldestOverdueDays: facts.oldestOverdueDays, overdueDaysLimit: facts.overdueDaysLimit },
    });
  }
  return reasons;
}
