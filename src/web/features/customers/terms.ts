import { addDays } from '@shared/dates';
import { describeTerms, legalCapCheck, type LegalCapCheck, type PaymentTerms } from '@shared/payment-terms';
import { PAYMENT_BASES } from '@web/lib/reference';
import { todayIso } from './knowledge';

export interface TermsInfo {
  /** "45 jours fin de mois", capitalised. */
  text: string;
  /**
   * The L441-10 check for an invoice issued today — or, when the terms exceed the caps for an invoice issued on
   * another day of the coming month (end-of-month terms depend on the day), for the worst such day.
   */
  cap: LegalCapCheck | null;
  /** The issue date `cap` is computed for. */
  issueDate: string;
  /** True when the due date is beyond both legal caps (60 days, 45 days end of month). */
  exceeds: boolean;
}

const over = (c: LegalCapCheck) => c.exceeds60Days && c.exceeds45Eom;

const isBasis = (b: string): b is PaymentTerms['basis'] => (PAYMENT_BASES as readonly string[]).includes(b);

/** The human description of payment terms and whether they exceed the legal caps (DOMAIN.md §4). */
export function termsInfo(
  p: { basis: string; days: number | string | null; dayOfMonth: number | string | null } | null | undefined,
  lang: string,
): TermsInfo | null {
  if (!p || !isBasis(p.basis)) return null;
  const days = typeof p.days === 'number' ? p.days : /^\d+$/.test(String(p.days ?? '').trim()) ? Number(p.days) : null;
  const dom =
    p.dayOfMonth === null || p.dayOfMonth === ''
      ? null
      : typeof p.dayOfMonth === 'number'
        ? p.dayOfMonth
        : /^\d+$/.test(p.dayOfMonth.trim())
          ? Number(p.dayOfMonth)
          : null;
  if (days === null) return null;
  const terms: PaymentTerms = { basis: p.basis, days, dayOfMonth: p.basis === 'end_of_month' ? dom : null };
  try {
    const raw = describeTerms(terms, lang.startsWith('en') ? 'en' : 'fr');
    const today = todayIso();
    let issueDate = today;
    let cap = legalCapCheck(today, terms);
    for (let i = 1; i <= 31; i++) {
      const d = addDays(today, i);
      const c = legalCapCheck(d, terms);
      if (over(c) && (!over(cap) || c.days - c.maxDays > cap.days - cap.maxDays)) {
        cap = c;
        issueDate = d;
      }
    }
    return { text: raw.charAt(0).toUpperCase() + raw.slice(1), cap, issueDate, exceeds: over(cap) };
  } catch {
    return null;
  }
}
