import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  daysInMonth,
  endOfMonth,
  formatIsoDate,
  isIsoDate,
  isoWeekday,
  isoWeeksInYear,
  mondayOfIsoWeek,
  parseIsoDate,
} from './dates';

describe('parseIsoDate / formatIsoDate', () => {
  it.each(['2026-01-15', '2028-02-29', '2000-02-29', '1999-12-31', '0001-01-01', '9999-12-31', '0050-06-30'])(
    'round-trips %s at UTC midnight',
    (s) => {
      const d = parseIsoDate(s);
      expect(d.getUTCHours() + d.getUTCMinutes() + d.getUTCSeconds() + d.getUTCMilliseconds()).toBe(0);
      expect(formatIsoDate(d)).toBe(s);
    },
  );

  it.each([
    '2026-02-29',
    '1900-02-29',
    '2026-13-01',
    '2026-00-10',
    '2026-04-31',
    '2026-01-00',
    '0000-01-01',
    '2026-1-5',
    '20260115',
    '2026-01-15T00:00:00Z',
    ' 2026-01-15',
    '15/01/2026',
    '',
  ])('rejects %j', (s) => {
    expect(() => parseIsoDate(s)).toThrow(RangeError);
    expect(isIsoDate(s)).toBe(false);
  });

  it('formats the UTC day whatever the time of day', () => {
    expect(formatIsoDate(new Date('2026-03-29T23:30:00Z'))).toBe('2026-03-29');
    expect(formatIsoDate(new Date('2026-03-29T00:30:00+02:00'))).toBe('2026-03-28');
  });

  it('rejects invalid dates and years beyond 9999', () => {
    expect(() => formatIsoDate(new Date(Number.NaN))).toThrow(RangeError);
    expect(() => addDays('9999-12-31', 1)).toThrow(RangeError);
  });
});

describe('addDays', () => {
  it.each([
    ['2026-01-15', 30, '2026-02-14'],
    ['2026-01-15', 60, '2026-03-16'],
    ['2026-01-31', 1, '2026-02-01'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2028-02-29', 1, '2028-03-01'],
    ['2025-12-31', 1, '2026-01-01'],
    ['2025-12-20', 60, '2026-02-18'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-01-01', -1, '2025-12-31'],
    ['2026-03-28', 2, '2026-03-30'], // across the European DST change
    ['2026-10-24', 2, '2026-10-26'],
    ['2026-06-15', 0, '2026-06-15'],
    ['2024-01-01', 366, '2025-01-01'],
  ])('%s + %i → %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it('rejects non-integer days', () => {
    expect(() => addDays('2026-01-01', 1.5)).toThrow(RangeError);
  });
});

describe('endOfMonth', () => {
  it.each([
    ['2026-01-15', '2026-01-31'],
    ['2026-01-31', '2026-01-31'],
    ['2026-02-01', '2026-02-28'],
    ['2028-02-10', '2028-02-29'],
    ['2100-02-10', '2100-02-28'],
    ['2000-02-10', '2000-02-29'],
    ['2026-04-01', '2026-04-30'],
    ['2025-12-20', '2025-12-31'],
  ])('%s → %s', (date, expected) => {
    expect(endOfMonth(date)).toBe(expected);
  });
});

describe('daysInMonth', () => {
  it.each([
    [2026, 1, 31],
    [2026, 2, 28],
    [2028, 2, 29],
    [1900, 2, 28],
    [2026, 4, 30],
    [2026, 12, 31],
  ])('%i-%i → %i', (year, month, expected) => {
    expect(daysInMonth(year, month)).toBe(expected);
  });
});

describe('daysBetween', () => {
  it.each([
    ['2026-03-16', '2026-04-15', 30],
    ['2026-01-31', '2026-04-10', 69],
    ['2026-01-31', '2026-04-01', 60],
    ['2026-04-15', '2026-03-16', -30],
    ['2026-03-01', '2026-03-31', 30], // includes the DST change
    ['2025-01-01', '2026-01-01', 365],
    ['2028-01-01', '2029-01-01', 366],
    ['2026-05-05', '2026-05-05', 0],
  ])('%s → %s = %i', (from, to, expected) => {
    expect(daysBetween(from, to)).toBe(expected);
  });
});

describe('isoWeekday', () => {
  it.each([
    ['2026-01-01', 4],
    ['2026-01-05', 1],
    ['2026-01-10', 6],
    ['2026-01-11', 7],
    ['2028-02-29', 2],
    ['2000-01-01', 6],
  ])('%s → %i', (date, expected) => {
    expect(isoWeekday(date)).toBe(expected);
  });
});

describe('isoWeeksInYear', () => {
  it.each([
    [2015, 53],
    [2020, 53],
    [2021, 52],
    [2025, 52],
    [2026, 53],
    [2027, 52],
    [2032, 53],
  ])('%i → %i', (year, expected) => {
    expect(isoWeeksInYear(year)).toBe(expected);
  });
});

describe('mondayOfIsoWeek', () => {
  it.each([
    [2026, 1, '2025-12-29'],
    [2026, 2, '2026-01-05'],
    [2026, 53, '2026-12-28'],
    [2025, 1, '2024-12-30'],
    [2021, 1, '2021-01-04'],
    [2020, 53, '2020-12-28'],
    [2027, 1, '2027-01-04'],
    [2027, 52, '2027-12-27'],
    [2028, 9, '2028-02-28'],
  ])('%i-W%i → %s', (year, week, expected) => {
    expect(mondayOfIsoWeek(year, week)).toBe(expected);
    expect(isoWeekday(expected)).toBe(1);
  });

  it.each([
    [2025, 53],
    [2026, 54],
    [2026, 0],
    [2026, 1.5],
    [0, 1],
    [10000, 1],
  ])('rejects %i-W%s', (year, week) => {
    expect(() => mondayOfIsoWeek(year, week)).toThrow(RangeError);
  });
});
