/**
 * Payment terms and due dates (DOMAIN.md §4, Code de commerce L441-10). Dates are ISO `YYYY-MM-DD` strings.
 */
import { addDays, daysBetween, endOfMonth } from './dates';

/** Payment terms as carried by the public API (`paymentTerms`). */
export type PaymentTerms = {
  basis: 'invoice_date' | 'end_of_month' | 'end_of_month_then_days';
  days: number;
  dayOfMonth: number | null;
};

/** Result of `legalCapCheck`; `days` is the term's length and `maxDays` the longest term the law allows. */
export type LegalCapCheck = { exceeds60Days: boolean; exceeds45Eom: boolean; maxDays: number; days: number };

/** Throw RangeError unless the terms are well formed (days ≥ 0, dayOfMonth 1–31 and only with end_of_month). */
export function assertValidPaymentTerms(terms: PaymentTerms): void {
  if (!Number.isInteger(terms.days) || terms.days < 0) throw new RangeError(`Invalid payment days: ${terms.days}`);
  if (terms.dayOfMonth === null) return;
  if (!Number.isInteger(terms.dayOfMonth) || terms.dayOfMonth < 1 || terms.dayOfMonth > 31) {
    throw new RangeError(`Invalid day of month: ${terms.dayOfMonth}`);
  }
  if (terms.basis !== 'end_of_month') throw new RangeError('dayOfMonth is only allowed with basis end_of_month');
}

/** Due date of an invoice issued on `issueDate` under `terms`. */
export function dueDate(issueDate: string, terms: PaymentTerms): string {
  assertValidPaymentTerms(terms);
  switch (terms.basis) {
    case 'invoice_date':
      return addDays(issueDate, terms.days);
    case 'end_of_month_then_days':
      return addDays(endOfMonth(issueDate), terms.days);
    case 'end_of_month': {
      const eom = endOfMonth(addDays(issueDate, terms.days));
      return terms.dayOfMonth === null ? eom : dayOfFollowingMonth(eom, terms.dayOfMonth);
    }
  }
}

/** Compare the due date with the L441-10 caps: 60 days from issue, and 45 days end of month (reading A). */
export function legalCapCheck(issueDate: string, terms: PaymentTerms): LegalCapCheck {
  const due = dueDate(issueDate, terms);
  const cap60 = addDays(issueDate, 60);
  const cap45Eom = endOfMonth(addDays(issueDate, 45));
  const latestCap = cap60 > cap45Eom ? cap60 : cap45Eom;
  return {
    exceeds60Days: due > cap60,
    exceeds45Eom: due > cap45Eom,
    maxDays: daysBetween(issueDate, latestCap),
    days: daysBetween(issueDate, due),
  };
}

/** Lower-case label of the terms, e.g. "30 jours fin de mois le 10" / "30 days end of month, on the 10th". */
export function describeTerms(terms: PaymentTerms, lang: 'fr' | 'en'): string {
  assertValidPaymentTerms(terms);
  const { basis, days, dayOfMonth } = terms;
  if (lang === 'fr') {
    const n = `${days} ${days > 1 ? 'jours' : 'jour'}`;
    switch (basis) {
      case 'invoice_date':
        return days === 0 ? 'comptant' : `${n} date de facture`;
      case 'end_of_month_then_days':
        return days === 0 ? 'fin de mois' : `fin de mois + ${n}`;
      case 'end_of_month': {
        const base = days === 0 ? 'fin de mois' : `${n} fin de mois`;
        return dayOfMonth === null ? base : `${base} le ${dayOfMonth === 1 ? '1er' : dayOfMonth}`;
      }
    }
  }
  const n = `${days} ${days === 1 ? 'day' : 'days'}`;
  switch (basis) {
    case 'invoice_date':
      return days === 0 ? 'due on invoice date' : `${n} from invoice date`;
    case 'end_of_month_then_days':
      return days === 0 ? 'end of month' : `end of month + ${n}`;
    case 'end_of_month': {
      const base = days === 0 ? 'end of month' : `${n} end of month`;
      return dayOfMonth === null ? base : `${base}, on the ${ordinal(dayOfMonth)}`;
    }
  }
}

/** Day `day` of the month after `date`'s month, clamped to that month's last day (e.g. 31 → 30 April). */
function dayOfFollowingMonth(date: string, day: number): string {
  const firstOfNext = addDays(endOfMonth(date), 1);
  const lastDay = Number(endOfMonth(firstOfNext).slice(8));
  return `${firstOfNext.slice(0, 8)}${String(Math.min(day, lastDay)).padStart(2, '0')}`;
}

function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  const suffix = ({ 1: 'st', 2: 'nd', 3: 'rd' } as Readonly<Record<number, string>>)[n % 10] ?? 'th';
  return `${n}${suffix}`;
}
