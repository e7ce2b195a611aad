/**
 * Late-payment penalties and the fixed recovery indemnity (DOMAIN.md §4, Code de commerce L441-10 II).
 * Rates and the indemnity amount are configuration: callers pass the rate in force for the period.
 */
import { daysBetween } from './dates';
import { dec, toMoneyString, type DecimalInput } from './decimal';

/** Inputs of `latePaymentInterest`; dates are ISO `YYYY-MM-DD`, amounts and rates decimal strings or Decimals. */
export type LatePaymentInput = {
  amount: DecimalInput;
  dueDate: string;
  paidDate: string;
  annualRatePercent: DecimalInput;
};

/** Configuration of the fixed recovery indemnity (indemnité forfaitaire pour frais de recouvrement). */
export type RecoveryIndemnityConfig = { amountEur?: DecimalInput };

/** Legal default of the recovery indemnity per unpaid invoice, in euros. */
export const DEFAULT_RECOVERY_INDEMNITY_EUR = '40.00';

/** Days late: calendar days from the due date to the payment date, 0 when paid on time. */
export function daysLate(dueDate: string, paidDate: string): number {
  return Math.max(0, daysBetween(dueDate, paidDate));
}

/** Late-payment interest = amount × days late × rate / 365, rounded half-up to the cent (money string). */
export function latePaymentInterest({ amount, dueDate, paidDate, annualRatePercent }: LatePaymentInput): string {
  const principal = dec(amount);
  const rate = dec(annualRatePercent);
  if (principal.lessThan(0)) throw new RangeError('amount must not be negative');
  if (rate.lessThan(0)) throw new RangeError('annualRatePercent must not be negative');
  const interest = principal.times(daysLate(dueDate, paidDate)).times(rate).dividedBy(100).dividedBy(365);
  return toMoneyString(interest, 2);
}

/** Recovery indemnity per unpaid invoice as a money string; defaults to the legal €40.00. */
export function recoveryIndemnity(config: RecoveryIndemnityConfig = {}): string {
  const amount = dec(config.amountEur ?? DEFAULT_RECOVERY_INDEMNITY_EUR);
  if (amount.lessThan(0)) throw new RangeError('recovery indemnity must not be negative');
  return toMoneyString(amount, 2);
}
