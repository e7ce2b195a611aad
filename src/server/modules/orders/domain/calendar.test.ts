import { describe, expect, it } from 'vitest';
import { addDays, isoWeekday } from '@shared/dates';
import {
  DEFAULT_ORDER_SETTINGS,
  addWorkingDays,
  easterSunday,
  frenchPublicHolidays,
  isWorkingDay,
  nextWorkingDay,
  nonWorkingReason,
  orderSettingsOf,
  type OrderSettings,
} from './calendar';

const settings = (o: Partial<OrderSettings> = {}): OrderSettings => ({ ...orderSettingsOf(null), ...o });
const AUGUST = { from: '2026-08-03', to: '2026-08-21', label: 'Fermeture estivale' };
const withAugust = settings({ closures: [AUGUST] });

describe('easterSunday (Meeus/Jones/Butcher)', () => {
  it.each([
    [1818, '1818-03-22'],
    [2000, '2000-04-23'],
    [2008, '2008-03-23'],
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'],
    [2285, '2285-03-22'],
  ])('%i → %s', (year, easter) => {
    expect(easterSunday(year)).toBe(easter);
    expect(isoWeekday(easter)).toBe(7);
  });

  it.each([0, 1582, 10000, 2026.5, Number.NaN])('rejects year %s', (year) => {
    expect(() => easterSunday(year)).toThrow(RangeError);
  });
});

describe('frenchPublicHolidays', () => {
  it.each([
    // year, Easter Monday, Ascension, Whit Monday
    [2024, '2024-04-01', '2024-05-09', '2024-05-20'],
    [2025, '2025-04-21', '2025-05-29', '2025-06-09'],
    [2026, '2026-04-06', '2026-05-14', '2026-05-25'],
    [2027, '2027-03-29', '2027-05-06', '2027-05-17'],
  ])('%i: Easter Monday %s, Ascension %s, Whit Monday %s', (year, easterMonday, ascension, whitMonday) => {
    const days = frenchPublicHolidays(year);
    expect(days).toHaveLength(11);
    expect(days).toContain(easterMonday);
    expect(days).toContain(ascension);
    expect(days).toContain(whitMonday);
    expect(isoWeekday(easterMonday)).toBe(1);
    expect(isoWeekday(ascension)).toBe(4);
    expect(isoWeekday(whitMonday)).toBe(1);
  });

  it('lists the 11 days of 2026, sorted', () => {
    expect(frenchPublicHolidays(2026)).toEqual([
      '2026-01-01',
      '2026-04-06',
      '2026-05-01',
      '2026-05-08',
      '2026-05-14',
      '2026-05-25',
      '2026-07-14',
      '2026-08-15',
      '2026-11-01',
      '2026-11-11',
      '2026-12-25',
    ]);
  });

  it('2008: Ascension on 1 May gives 10 distinct dates', () => {
    const days = frenchPublicHolidays(2008);
    expect(days).toHaveLength(10);
    expect(days.filter((d) => d === '2008-05-01')).toHaveLength(1);
    expect(days).toContain('2008-03-24'); // Easter Monday
    expect(days).toContain('2008-05-12'); // Whit Monday
  });

  it('2000–2100: sorted, distinct, in the year, Easter-based days on the right weekdays', () => {
    for (let year = 2000; year <= 2100; year++) {
      const days = frenchPublicHolidays(year);
      expect(days).toEqual([...new Set(days)].sort());
      expect(days.length === 11 || days.length === 10).toBe(true);
      expect(days.every((d) => d.startsWith(`${year}-`))).toBe(true);
      const easter = easterSunday(year);
      expect(days).toContain(addDays(easter, 1));
      expect(days).toContain(addDays(easter, 39));
      expect(days).toContain(addDays(easter, 50));
    }
  });

  it('returns a copy', () => {
    const days = frenchPublicHolidays(2026);
    days.length = 0;
    expect(frenchPublicHolidays(2026)).toHaveLength(11);
  });
});

describe('orderSettingsOf', () => {
  it.each([[null], [undefined], ['junk'], [42], [[1, 2]], [true]])('%j → the defaults', (stored) => {
    expect(orderSettingsOf(stored)).toEqual(DEFAULT_ORDER_SETTINGS);
  });

  it('defaults', () => {
    expect(DEFAULT_ORDER_SETTINGS).toEqual({
      workingWeekdays: [1, 2, 3, 4, 5],
      closures: [],
      holidays: 'FR',
      preparationDays: 1,
      transitDays: 1,
      defaultLeadTimeDays: 10,
      creditHoldOverdueDays: 30,
    });
  });

  it('keeps valid values and drops unknown keys', () => {
    expect(
      orderSettingsOf({
        workingWeekdays: [6, 1, 2, 2],
        closures: [{ from: '2026-08-03', to: '2026-08-21', label: ' Été ' }],
        holidays: null,
        preparationDays: 0,
        transitDays: 3,
        defaultLeadTimeDays: 21,
        creditHoldOverdueDays: 45,
        somethingElse: 'x',
      }),
    ).toEqual({
      workingWeekdays: [1, 2, 6],
      closures: [{ from: '2026-08-03', to: '2026-08-21', label: 'Été' }],
      holidays: null,
      preparationDays: 0,
      transitDays: 3,
      defaultLeadTimeDays: 21,
      creditHoldOverdueDays: 45,
    });
  });

  it('merges a partial over the defaults', () => {
    expect(orderSettingsOf({ transitDays: 2 })).toEqual({ ...DEFAULT_ORDER_SETTINGS, transitDays: 2 });
  });

  it.each<[string, unknown, unknown]>([
    ['workingWeekdays', 'weekdays', [1, 2, 3, 4, 5]],
    ['workingWeekdays', [], [1, 2, 3, 4, 5]],
    ['workingWeekdays', [0, 8, 'x', 2.5, null], [1, 2, 3, 4, 5]],
    ['workingWeekdays', [0, 3, '4', 7], [3, 7]],
    ['closures', 'august', []],
    ['holidays', 'DE', 'FR'],
    ['holidays', undefined, 'FR'],
    ['holidays', 0, 'FR'],
    ['preparationDays', -1, 1],
    ['preparationDays', 1.5, 1],
    ['preparationDays', '2', 1],
    ['preparationDays', Number.NaN, 1],
    ['transitDays', 366, 1],
    ['transitDays', null, 1],
    ['defaultLeadTimeDays', Infinity, 10],
    ['defaultLeadTimeDays', 365, 365],
    ['creditHoldOverdueDays', {}, 30],
    ['creditHoldOverdueDays', 0, 0],
  ])('%s = %j → %j', (key, value, expected) => {
    expect(orderSettingsOf({ [key]: value })[key as keyof OrderSettings]).toEqual(expected);
  });

  it('keeps only the valid closures', () => {
    expect(
      orderSettingsOf({
        closures: [
          { from: '2026-08-03', to: '2026-08-21', label: 'Été' },
          { from: '2026-12-24', to: '2026-12-24' }, // no label → null
          { from: '2026-12-31', to: '2026-12-31', label: '   ' }, // blank → null
          { from: '2027-01-02', to: '2027-01-02', label: 7 }, // not a string → null
          { from: '2026-09-10', to: '2026-09-01', label: 'reversed' },
          { from: '2026-02-30', to: '2026-03-01', label: 'no such day' },
          { from: '2026-8-3', to: '2026-08-21', label: 'not ISO' },
          { from: 20260803, to: '2026-08-21', label: 'number' },
          { to: '2026-08-21', label: 'no from' },
          'closure',
          null,
          ['2026-08-03', '2026-08-21'],
        ],
      }).closures,
    ).toEqual([
      { from: '2026-08-03', to: '2026-08-21', label: 'Été' },
      { from: '2026-12-24', to: '2026-12-24', label: null },
      { from: '2026-12-31', to: '2026-12-31', label: null },
      { from: '2027-01-02', to: '2027-01-02', label: null },
    ]);
  });

  it('returns fresh arrays; the defaults are frozen', () => {
    const s = orderSettingsOf(null);
    s.workingWeekdays.push(6);
    s.closures.push(AUGUST);
    expect(DEFAULT_ORDER_SETTINGS.workingWeekdays).toEqual([1, 2, 3, 4, 5]);
    expect(DEFAULT_ORDER_SETTINGS.closures).toEqual([]);
    expect(Object.isFrozen(DEFAULT_ORDER_SETTINGS)).toBe(true);
    expect(Object.isFrozen(DEFAULT_ORDER_SETTINGS.workingWeekdays)).toBe(true);
  });
});

describe('nonWorkingReason / isWorkingDay', () => {
  const nov = settings({ closures: [{ from: '2026-11-09', to: '2026-11-13', label: 'Inventaire' }] });
  it.each<[string, string, OrderSettings, ReturnType<typeof nonWorkingReason>]>([
    ['Monday', '2026-06-15', settings(), null],
    ['Friday', '2026-06-19', settings(), null],
    ['Saturday', '2026-06-20', settings(), { reason: 'weekday', label: null }],
    ['Sunday', '2026-06-21', settings(), { reason: 'weekday', label: null }],
    ['Saturday when Saturdays are worked', '2026-06-20', settings({ workingWeekdays: [1, 2, 3, 4, 5, 6] }), null],
    [
      'Wednesday when not worked',
      '2026-06-17',
      settings({ workingWeekdays: [1, 2, 4, 5] }),
      { reason: 'weekday', label: null },
    ],
    ['1 January', '2026-01-01', settings(), { reason: 'holiday', label: null }],
    ['Friday 8 May', '2026-05-08', settings(), { reason: 'holiday', label: null }],
    ['Ascension', '2026-05-14', settings(), { reason: 'holiday', label: null }],
    ['Whit Monday', '2026-05-25', settings(), { reason: 'holiday', label: null }],
    ['Easter Monday 2027', '2027-03-29', settings(), { reason: 'holiday', label: null }],
    ['a holiday without holidays', '2026-05-08', settings({ holidays: null }), null],
    ['closure start (inclusive)', '2026-08-03', withAugust, { reason: 'closure', label: 'Fermeture estivale' }],
    ['closure middle', '2026-08-12', withAugust, { reason: 'closure', label: 'Fermeture estivale' }],
    ['closure end (inclusive)', '2026-08-21', withAugust, { reason: 'closure', label: 'Fermeture estivale' }],
    ['day before the closure', '2026-07-31', withAugust, null],
    ['day after the closure', '2026-08-24', withAugust, null],
    ['weekend inside a closure', '2026-08-08', withAugust, { reason: 'weekday', label: null }],
    ['holiday inside a closure', '2026-11-11', nov, { reason: 'holiday', label: null }],
    ['working day inside that closure', '2026-11-12', nov, { reason: 'closure', label: 'Inventaire' }],
    [
      'closure without a label',
      '2026-12-24',
      settings({ closures: [{ from: '2026-12-24', to: '2026-12-24', label: null }] }),
      { reason: 'closure', label: null },
    ],
  ])('%s (%s)', (_name, date, s, expected) => {
    expect(nonWorkingReason(date, s)).toEqual(expected);
    expect(isWorkingDay(date, s)).toBe(expected === null);
  });

  it('rejects an invalid date', () => {
    expect(() => nonWorkingReason('2026-02-30', settings())).toThrow(RangeError);
    expect(() => isWorkingDay('15/06/2026', settings())).toThrow(RangeError);
  });
});

describe('nextWorkingDay', () => {
  it.each<[string, string, OrderSettings, string]>([
    ['a working day itself', '2026-06-15', settings(), '2026-06-15'],
    ['Saturday → Monday', '2026-06-20', settings(), '2026-06-22'],
    ['Sunday → Monday', '2026-06-21', settings(), '2026-06-22'],
    ['1 May (Friday) → Monday 4 May', '2026-05-01', settings(), '2026-05-04'],
    ['8 May (Friday) → Monday 11 May', '2026-05-08', settings(), '2026-05-11'],
    ['Christmas (Friday) → Monday 28 Dec', '2026-12-25', settings(), '2026-12-28'],
    ['inside the August closure → Monday after', '2026-08-05', withAugust, '2026-08-24'],
    ['Sunday with Saturday-only working', '2026-06-21', settings({ workingWeekdays: [6] }), '2026-06-27'],
  ])('%s', (_name, date, s, expected) => {
    expect(nextWorkingDay(date, s)).toBe(expected);
  });

  it('gives up after 366 days', () => {
    const closed = settings({ closures: [{ from: '2026-01-01', to: '2027-01-02', label: null }] });
    expect(() => nextWorkingDay('2026-01-01', closed)).toThrow(RangeError);
    // All of 2026 closed, then 1 Jan 2027 (holiday) and a weekend: the first working day is Monday 2027-01-04,
    // exactly 366 days after 2026-01-03 and 367 days after 2026-01-02.
    const year = settings({ closures: [{ from: '2026-01-01', to: '2026-12-31', label: null }] });
    expect(nextWorkingDay('2026-01-03', year)).toBe('2027-01-04');
    expect(() => nextWorkingDay('2026-01-02', year)).toThrow(RangeError);
  });
});

describe('addWorkingDays', () => {
  it.each<[string, string, number, OrderSettings, string]>([
    ['0 on a working day', '2026-06-15', 0, settings(), '2026-06-15'],
    ['0 on a Saturday', '2026-06-20', 0, settings(), '2026-06-22'],
    ['1 on a Monday', '2026-06-15', 1, settings(), '2026-06-16'],
    ['1 on a Friday crosses the weekend', '2026-06-12', 1, settings(), '2026-06-15'],
    ['1 on a Saturday: Monday, then Tuesday', '2026-06-13', 1, settings(), '2026-06-16'],
    ['1 on Thursday 7 May skips Friday 8 May and the weekend', '2026-05-07', 1, settings(), '2026-05-11'],
    ['1 on Wednesday 13 May skips Ascension', '2026-05-13', 1, settings(), '2026-05-15'],
    ['1 on Christmas Eve', '2026-12-24', 1, settings(), '2026-12-28'],
    ['5 = one week', '2026-06-15', 5, settings(), '2026-06-22'],
    ['10 across 8 May and Ascension', '2026-05-04', 10, settings(), '2026-05-20'],
    ['2 across the August closure', '2026-07-30', 2, withAugust, '2026-08-24'],
    ['1 on 7 May without holidays', '2026-05-07', 1, settings({ holidays: null }), '2026-05-08'],
    [
      '1 on Friday with Saturdays worked',
      '2026-06-12',
      1,
      settings({ workingWeekdays: [1, 2, 3, 4, 5, 6] }),
      '2026-06-13',
    ],
  ])('%s: %s + %i → %s', (_name, date, n, s, expected) => {
    expect(addWorkingDays(date, n, s)).toBe(expected);
  });

  it.each([-1, 1.5, Number.NaN])('rejects n = %s', (n) => {
    expect(() => addWorkingDays('2026-06-15', n, settings())).toThrow(RangeError);
  });
});
