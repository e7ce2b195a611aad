import { describe, expect, it } from 'vitest';
import { addDays } from '@shared/dates';
import { agingBucket, agingOf, daysPastDue, dsoAccounting, dsoCountBack, type AgingBucket } from './aging';

describe('agingBucket', () => {
  const due = '2026-03-16';
  it.each<[number, AgingBucket]>([
    [-30, 'not_due'],
    [-1, 'not_due'],
    [0, 'not_due'],
    [1, 'd1_30'],
    [30, 'd1_30'],
    [31, 'd31_60'],
    [60, 'd31_60'],
    [61, 'd61_90'],
    [90, 'd61_90'],
    [91, 'over_90'],
    [400, 'over_90'],
  ])('%i days after the due date → %s', (days, bucket) => {
    const asOf = addDays(due, days);
    expect(daysPastDue(due, asOf)).toBe(days);
    expect(agingBucket(due, asOf)).toBe(bucket);
  });

  it.each<[string, string, AgingBucket]>([
    // February 2026 has 28 days: due 31 Jan, 28 Feb is day 28, 2 Mar day 30, 3 Mar day 31
    ['2026-01-31', '2026-02-28', 'd1_30'],
    ['2026-01-31', '2026-03-02', 'd1_30'],
    ['2026-01-31', '2026-03-03', 'd31_60'],
    // leap year 2028: 29 Feb exists, so 1 Mar is day 30 and 2 Mar day 31
    ['2028-01-31', '2028-03-01', 'd1_30'],
    ['2028-01-31', '2028-03-02', 'd31_60'],
    // across the year end
    ['2025-12-31', '2026-01-01', 'd1_30'],
    ['2025-12-01', '2025-12-31', 'd1_30'],
    ['2025-12-01', '2026-01-01', 'd31_60'],
    ['2025-11-01', '2026-01-30', 'd61_90'],
    ['2025-11-01', '2026-01-31', 'over_90'],
    ['2026-01-05', '2025-12-31', 'not_due'],
  ])('due %s seen on %s → %s', (dueDate, asOf, bucket) => {
    expect(agingBucket(dueDate, asOf)).toBe(bucket);
  });

  it('puts items without a due date in not_due', () => {
    expect(agingBucket(null, '2026-04-15')).toBe('not_due');
  });

  it('rejects invalid dates', () => {
    expect(() => agingBucket('2026-02-30', '2026-04-15')).toThrow(RangeError);
    expect(() => agingBucket(null, '15/04/2026')).toThrow(RangeError);
  });
});

describe('agingOf', () => {
  it('sums per customer and bucket, with the total', () => {
    const aging = agingOf(
      [
        { customerId: 'brico', dueDate: '2026-04-30', amountDue: '1200.00' },
        { customerId: 'brico', dueDate: '2026-04-15', amountDue: '850.50' }, // day 0: not due
        { customerId: 'jardi', dueDate: '2026-03-16', amountDue: '480' }, // 30 days
        { customerId: 'brico', dueDate: '2026-04-14', amountDue: '100.25' }, // 1 day
        { customerId: 'brico', dueDate: '2026-02-14', amountDue: '300.00' }, // 60 days
        { customerId: 'brico', dueDate: '2026-01-15', amountDue: '75.10' }, // 90 days
        { customerId: 'brico', dueDate: '2026-01-14', amountDue: '20.00' }, // 91 days
        { customerId: 'brico', dueDate: '2026-01-10', amountDue: '10.00' },
        { customerId: 'brico', dueDate: null, amountDue: '-150.50' }, // credit note
      ],
      '2026-04-15',
    );
    expect([...aging.keys()]).toEqual(['brico', 'jardi']);
    expect(aging.get('brico')).toEqual({
      not_due: '1900.00',
      d1_30: '100.25',
      d31_60: '300.00',
      d61_90: '75.10',
      over_90: '30.00',
      total: '2405.35',
    });
    expect(aging.get('jardi')).toEqual({
      not_due: '0.00',
      d1_30: '480.00',
      d31_60: '0.00',
      d61_90: '0.00',
      over_90: '0.00',
      total: '480.00',
    });
  });

  it('is empty without items and keeps 3-decimal currencies exact', () => {
    expect(agingOf([], '2026-04-15').size).toBe(0);
    const tnd = agingOf([{ customerId: 'tunis', dueDate: '2026-04-01', amountDue: '10.125' }], '2026-04-15');
    expect(tnd.get('tunis')!.d1_30).toBe('10.125');
  });
});

describe('dsoAccounting', () => {
  it.each([
    ['30000', '60000', 90, '45.00'], // DOMAIN §11
    ['30000.00', '60000.00', 90, '45.00'],
    ['10000', '30000', 30, '10.00'],
    ['12345.67', '45678.90', 91, '24.59'], // 24.5946…
    ['1', '3', 1, '0.33'],
    ['2', '3', 1, '0.67'], // half-up of 0.666…
    ['0', '60000', 90, '0.00'],
    ['-500', '60000', 90, '0.00'],
    ['30000', '0', 90, '90.00'], // no sales: the balance is at least the whole period old
    ['90000', '60000', 90, '135.00'],
  ])('%s receivables, %s sales over %i days → %s', (receivables, sales, days, expected) => {
    expect(dsoAccounting(receivables, sales, days)).toBe(expected);
  });

  it('rejects invalid days and amounts', () => {
    expect(() => dsoAccounting('1', '1', 1.5)).toThrow(RangeError);
    expect(() => dsoAccounting('1', '1', -1)).toThrow(RangeError);
    expect(() => dsoAccounting('1,5', '1', 30)).toThrow(TypeError);
  });
});

describe('dsoCountBack', () => {
  const june = { month: '2026-06', salesTtc: '12500', days: 30 };
  const may = { month: '2026-05', salesTtc: '10000', days: 31 };
  const april = { month: '2026-04', salesTtc: '8000', days: 30 };
  it.each([
    ['DOMAIN §11 example', '20000', [june, may, april], '53.25'],
    ['balance within the newest month', '6250', [june, may], '15.00'],
    ['balance exactly the newest month', '12500', [june, may], '30.00'],
    ['balance exactly two months', '22500', [june, may, april], '61.00'],
    ['third month prorata', '26500', [june, may, april], '76.00'], // 30 + 31 + 4000/8000 × 30
    ['months run out: all their days (lower bound)', '50000', [june, may, april], '91.00'],
    ['month without sales is fully covered', '15000', [{ ...june, salesTtc: '0' }, may, april], '79.75'],
    ['no balance', '0', [june], '0.00'],
    ['credit balance', '-100', [june], '0.00'],
    ['no months', '1000', [], '0.00'],
    ['month in progress (15 days elapsed)', '9000', [{ month: '2026-07', salesTtc: '6000', days: 15 }, june], '22.20'],
  ])('%s', (_name, balance, months, expected) => {
    expect(dsoCountBack(balance, months)).toBe(expected);
  });

  it('across the year end and February', () => {
    const months = [
      { month: '2026-02', salesTtc: '5600', days: 28 },
      { month: '2026-01', salesTtc: '6200', days: 31 },
      { month: '2025-12', salesTtc: '9300', days: 31 },
    ];
    // 28 + 31 + 3100/9300 × 31 = 69.333…
    expect(dsoCountBack('14900', months)).toBe('69.33');
  });

  it.each([
    ['oldest first', [may, june]],
    ['same month twice', [june, june]],
    ['bad month', [{ ...june, month: '2026-13' }]],
    ['bad days', [{ ...june, days: -1 }]],
  ])('rejects %s', (_name, months) => {
    expect(() => dsoCountBack('1000', months)).toThrow(RangeError);
  });
});
