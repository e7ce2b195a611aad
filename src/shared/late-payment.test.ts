import { describe, expect, it } from 'vitest';
import { dec } from './decimal';
import {
  DEFAULT_RECOVERY_INDEMNITY_EUR,
  daysLate,
  latePaymentInterest,
  recoveryIndemnity,
  type LatePaymentInput,
} from './late-payment';

describe('daysLate', () => {
  it.each([
    ['2026-03-16', '2026-04-15', 30],
    ['2026-03-16', '2026-03-17', 1],
    ['2026-03-16', '2026-03-16', 0],
    ['2026-03-16', '2026-03-01', 0],
    ['2027-12-31', '2028-03-01', 61],
  ])('due %s, paid %s → %i', (due, paid, expected) => {
    expect(daysLate(due, paid)).toBe(expected);
  });
});

describe('latePaymentInterest', () => {
  it.each<[string, LatePaymentInput, string]>([
    // DOMAIN.md §4 example: 30 days × 12.15 % / 365 × 12,000 = 119.8356… → 119.84
    [
      'ECB + 10 points (12.15 %)',
      { amount: '12000.00', dueDate: '2026-03-16', paidDate: '2026-04-15', annualRatePercent: '12.15' },
      '119.84',
    ],
    // DOMAIN.md §4 example at the 3 × legal rate floor: 77.5232… → 77.52
    [
      'floor 3 × legal rate (7.86 %)',
      { amount: '12000.00', dueDate: '2026-03-16', paidDate: '2026-04-15', annualRatePercent: '7.86' },
      '77.52',
    ],
    [
      'Decimal inputs',
      { amount: dec('12000'), dueDate: '2026-03-16', paidDate: '2026-04-15', annualRatePercent: dec('12.15') },
      '119.84',
    ],
    [
      'integer rate as number',
      { amount: '365.00', dueDate: '2026-01-01', paidDate: '2026-01-02', annualRatePercent: 10 },
      '0.10',
    ],
    [
      'paid on the due date',
      { amount: '12000.00', dueDate: '2026-03-16', paidDate: '2026-03-16', annualRatePercent: '12.15' },
      '0.00',
    ],
    [
      'paid early',
      { amount: '12000.00', dueDate: '2026-03-16', paidDate: '2026-03-01', annualRatePercent: '12.15' },
      '0.00',
    ],
    [
      'one day late',
      { amount: '1000.00', dueDate: '2026-03-16', paidDate: '2026-03-17', annualRatePercent: '12.15' },
      '0.33',
    ],
    [
      'half cent rounds up: 36.50 × 1 × 5 % / 365 = 0.005',
      { amount: '36.50', dueDate: '2026-01-01', paidDate: '2026-01-02', annualRatePercent: '5' },
      '0.01',
    ],
    [
      'just below half a cent rounds down',
      { amount: '36.49', dueDate: '2026-01-01', paidDate: '2026-01-02', annualRatePercent: '5' },
      '0.00',
    ],
    [
      'over a leap day: 366 days',
      { amount: '10000.00', dueDate: '2028-01-01', paidDate: '2029-01-01', annualRatePercent: '10' },
      '1002.74',
    ],
    [
      'zero rate',
      { amount: '12000.00', dueDate: '2026-03-16', paidDate: '2026-04-15', annualRatePercent: '0' },
      '0.00',
    ],
    [
      'large amount',
      { amount: '123456789012.34', dueDate: '2026-03-16', paidDate: '2026-04-15', annualRatePercent: '12.15' },
      '1232876701.23',
    ],
  ])('%s', (_label, input, expected) => {
    expect(latePaymentInterest(input)).toBe(expected);
  });

  it.each<[string, LatePaymentInput, ErrorConstructor]>([
    [
      'float amount',
      { amount: 12000.5, dueDate: '2026-03-16', paidDate: '2026-04-15', annualRatePercent: '12.15' },
      TypeError,
    ],
    [
      'float rate',
      { amount: '12000.00', dueDate: '2026-03-16', paidDate: '2026-04-15', annualRatePercent: 12.15 },
      TypeError,
    ],
    [
      'negative amount',
      { amount: '-1.00', dueDate: '2026-03-16', paidDate: '2026-04-15', annualRatePercent: '12.15' },
      RangeError,
    ],
    [
      'negative rate',
      { amount: '1.00', dueDate: '2026-03-16', paidDate: '2026-04-15', annualRatePercent: '-1' },
      RangeError,
    ],
    [
      'invalid date',
      { amount: '1.00', dueDate: '2026-02-30', paidDate: '2026-04-15', annualRatePercent: '12.15' },
      RangeError,
    ],
  ])('rejects %s', (_label, input, error) => {
    expect(() => latePaymentInterest(input)).toThrow(error);
  });
});

describe('recoveryIndemnity', () => {
  it.each<[string, Parameters<typeof recoveryIndemnity>[0], string]>([
    ['legal default', undefined, '40.00'],
    ['empty config', {}, '40.00'],
    ['configured amount', { amountEur: '50' }, '50.00'],
    ['configured Decimal', { amountEur: dec('45.5') }, '45.50'],
  ])('%s', (_label, config, expected) => {
    expect(recoveryIndemnity(config)).toBe(expected);
  });

  it('exposes the default as a money string', () => {
    expect(DEFAULT_RECOVERY_INDEMNITY_EUR).toBe('40.00');
  });

  it('rejects a negative amount', () => {
    expect(() => recoveryIndemnity({ amountEur: '-40' })).toThrow(RangeError);
  });
});
