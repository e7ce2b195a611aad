import { describe, expect, it } from 'vitest';
import { assertValidPaymentTerms, describeTerms, dueDate, legalCapCheck, type PaymentTerms } from './payment-terms';

const net = (days: number): PaymentTerms => ({ basis: 'invoice_date', days, dayOfMonth: null });
const eomA = (days: number, dayOfMonth: number | null = null): PaymentTerms => ({
  basis: 'end_of_month',
  days,
  dayOfMonth,
});
const eomB = (days: number): PaymentTerms => ({ basis: 'end_of_month_then_days', days, dayOfMonth: null });

describe('dueDate', () => {
  it.each<[string, string, PaymentTerms, string]>([
    // DOMAIN.md §4 table, invoice 15/01/2026
    ['net 30', '2026-01-15', net(30), '2026-02-14'],
    ['net 60', '2026-01-15', net(60), '2026-03-16'],
    ['45 JFM (A): 01/03 → 31/03', '2026-01-15', eomA(45), '2026-03-31'],
    ['EOM + 45 (B): 31/01 + 45', '2026-01-15', eomB(45), '2026-03-17'],
    ['30 JFM le 10: 14/02 → 28/02 → 10/03', '2026-01-15', eomA(30, 10), '2026-03-10'],
    // DOMAIN.md §4 edge case, invoice 31/01/2026
    ['30 JFM le 10 from 31/01: 02/03 → 31/03 → 10/04', '2026-01-31', eomA(30, 10), '2026-04-10'],
    // DOMAIN.md §4 year end, invoice 20/12/2025
    ['year end 45 JFM (A)', '2025-12-20', eomA(45), '2026-02-28'],
    ['year end EOM + 45 (B)', '2025-12-20', eomB(45), '2026-02-14'],
    ['year end net 60', '2025-12-20', net(60), '2026-02-18'],
    ['year end 30 JFM le 10: 19/01 → 31/01 → 10/02', '2025-12-20', eomA(30, 10), '2026-02-10'],
    ['year end 10 JFM le 5: 30/12 → 31/12 → 05/01', '2025-12-20', eomA(10, 5), '2026-01-05'],
    // February in a leap year
    ['leap net 30: 30/01 + 30', '2028-01-30', net(30), '2028-02-29'],
    ['leap net 30 across 29/02', '2028-02-15', net(30), '2028-03-16'],
    ['leap 30 JFM: 14/02 → 29/02', '2028-01-15', eomA(30), '2028-02-29'],
    ['leap EOM + 30: 31/01 + 30', '2028-01-15', eomB(30), '2028-03-01'],
    ['leap EOM + 29: 31/01 + 29', '2028-01-10', eomB(29), '2028-02-29'],
    ['leap 30 JFM le 10: 14/02 → 29/02 → 10/03', '2028-01-15', eomA(30, 10), '2028-03-10'],
    ['leap EOM of February + 0', '2028-02-01', eomB(0), '2028-02-29'],
    ['non-leap 29/02 does not exist', '2026-01-30', net(30), '2026-03-01'],
    // Day of month clamped to the following month's length
    ['le 31 in April → 30/04', '2026-02-15', eomA(30, 31), '2026-04-30'],
    ['le 30 in February (non-leap) → 28/02', '2025-12-15', eomA(30, 30), '2026-02-28'],
    ['le 30 in February (leap) → 29/02', '2027-12-15', eomA(30, 30), '2028-02-29'],
    ['le 1er', '2026-01-15', eomA(30, 1), '2026-03-01'],
    // Zero days
    ['comptant', '2026-01-15', net(0), '2026-01-15'],
    ['fin de mois', '2026-01-15', eomA(0), '2026-01-31'],
    ['fin de mois le 15', '2026-01-15', eomA(0, 15), '2026-02-15'],
    ['issue on the last day, EOM + 0', '2026-01-31', eomB(0), '2026-01-31'],
    ['issue on the last day, 30 JFM', '2026-01-31', eomA(30), '2026-03-31'],
  ])('%s (%s)', (_label, issue, terms, expected) => {
    expect(dueDate(issue, terms)).toBe(expected);
  });

  it.each<[string, PaymentTerms]>([
    ['negative days', net(-1)],
    ['fractional days', net(1.5)],
    ['day 0', eomA(30, 0)],
    ['day 32', eomA(30, 32)],
    ['fractional day', eomA(30, 1.5)],
    ['dayOfMonth on invoice_date', { basis: 'invoice_date', days: 30, dayOfMonth: 10 }],
    ['dayOfMonth on end_of_month_then_days', { basis: 'end_of_month_then_days', days: 30, dayOfMonth: 10 }],
  ])('rejects %s', (_label, terms) => {
    expect(() => dueDate('2026-01-15', terms)).toThrow(RangeError);
    expect(() => assertValidPaymentTerms(terms)).toThrow(RangeError);
  });

  it('rejects an invalid issue date', () => {
    expect(() => dueDate('2026-02-30', net(30))).toThrow(RangeError);
  });
});

describe('legalCapCheck', () => {
  it.each<[string, string, PaymentTerms, boolean, boolean, number, number]>([
    // 31/01/2026: 60-day cap 01/04 (60 days), 45 JFM-A cap 31/03 (59 days)
    ['30 JFM le 10 from 31/01 exceeds both caps', '2026-01-31', eomA(30, 10), true, true, 69, 60],
    ['net 60 from 31/01 is exactly the cap', '2026-01-31', net(60), false, true, 60, 60],
    ['net 61 from 31/01', '2026-01-31', net(61), true, true, 61, 60],
    ['45 JFM (A) from 31/01 is exactly the 45 JFM cap', '2026-01-31', eomA(45), false, false, 59, 60],
    // 15/01/2026: 60-day cap 16/03 (60 days), 45 JFM-A cap 31/03 (75 days)
    ['45 JFM (A) from 15/01 exceeds 60 days only', '2026-01-15', eomA(45), true, false, 75, 75],
    ['EOM + 45 (B) from 15/01', '2026-01-15', eomB(45), true, false, 61, 75],
    ['net 60 from 15/01', '2026-01-15', net(60), false, false, 60, 75],
    ['net 30 from 15/01', '2026-01-15', net(30), false, false, 30, 75],
    ['30 JFM le 10 from 15/01', '2026-01-15', eomA(30, 10), false, false, 54, 75],
    ['60 JFM from 15/01: 16/03 → 31/03', '2026-01-15', eomA(60), true, false, 75, 75],
    ['76 JFM from 15/01: 01/04 → 30/04', '2026-01-15', eomA(76), true, true, 105, 75],
    // 20/12/2025: 60-day cap 18/02/2026 (60 days), 45 JFM-A cap 28/02/2026 (70 days)
    ['year end 45 JFM (A)', '2025-12-20', eomA(45), true, false, 70, 70],
    ['year end EOM + 45 (B)', '2025-12-20', eomB(45), false, false, 56, 70],
    ['year end net 60', '2025-12-20', net(60), false, false, 60, 70],
    // Leap year: 15/01/2028 → 60-day cap 15/03 (60 days), 45 JFM-A cap 29/02 (45 days)
    ['leap EOM + 45 (B): 16/03', '2028-01-15', eomB(45), true, true, 61, 60],
    ['leap 45 JFM (A): 29/02', '2028-01-15', eomA(45), false, false, 45, 60],
    ['leap net 60: 15/03', '2028-01-15', net(60), false, true, 60, 60],
  ])('%s', (_label, issue, terms, exceeds60Days, exceeds45Eom, days, maxDays) => {
    expect(legalCapCheck(issue, terms)).toEqual({ exceeds60Days, exceeds45Eom, days, maxDays });
  });
});

describe('describeTerms', () => {
  it.each<[PaymentTerms, string, string]>([
    [net(30), '30 jours date de facture', '30 days from invoice date'],
    [net(60), '60 jours date de facture', '60 days from invoice date'],
    [net(1), '1 jour date de facture', '1 day from invoice date'],
    [net(0), 'comptant', 'due on invoice date'],
    [eomA(45), '45 jours fin de mois', '45 days end of month'],
    [eomA(30, 10), '30 jours fin de mois le 10', '30 days end of month, on the 10th'],
    [eomA(30, 1), '30 jours fin de mois le 1er', '30 days end of month, on the 1st'],
    [eomA(30, 2), '30 jours fin de mois le 2', '30 days end of month, on the 2nd'],
    [eomA(30, 3), '30 jours fin de mois le 3', '30 days end of month, on the 3rd'],
    [eomA(30, 11), '30 jours fin de mois le 11', '30 days end of month, on the 11th'],
    [eomA(30, 12), '30 jours fin de mois le 12', '30 days end of month, on the 12th'],
    [eomA(30, 13), '30 jours fin de mois le 13', '30 days end of month, on the 13th'],
    [eomA(30, 21), '30 jours fin de mois le 21', '30 days end of month, on the 21st'],
    [eomA(30, 22), '30 jours fin de mois le 22', '30 days end of month, on the 22nd'],
    [eomA(30, 23), '30 jours fin de mois le 23', '30 days end of month, on the 23rd'],
    [eomA(30, 31), '30 jours fin de mois le 31', '30 days end of month, on the 31st'],
    [eomA(0), 'fin de mois', 'end of month'],
    [eomA(0, 15), 'fin de mois le 15', 'end of month, on the 15th'],
    [eomB(45), 'fin de mois + 45 jours', 'end of month + 45 days'],
    [eomB(1), 'fin de mois + 1 jour', 'end of month + 1 day'],
    [eomB(0), 'fin de mois', 'end of month'],
  ])('%j', (terms, fr, en) => {
    expect(describeTerms(terms, 'fr')).toBe(fr);
    expect(describeTerms(terms, 'en')).toBe(en);
  });

  it('rejects invalid terms', () => {
    expect(() => describeTerms({ basis: 'invoice_date', days: 30, dayOfMonth: 10 }, 'fr')).toThrow(RangeError);
  });
});
