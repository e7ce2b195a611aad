/**
 * The company's working calendar: which days it prepares and ships orders. Pure: no I/O, no clock; dates are ISO
 * 'YYYY-MM-DD' strings (arithmetic in `@shared/dates`, UTC midnight, so the server's time zone never matters).
 *
 * RULES
 * - Settings (`orderSettingsOf`): the stored jsonb is merged over `DEFAULT_ORDER_SETTINGS` field by field; a field
 *   that is missing or invalid keeps its default, unknown keys are dropped. Valid values:
 *   - workingWeekdays: an array; its integer entries 1..7 are kept (deduplicated, sorted), other entries dropped;
 *     no valid entry left (or not an array) → the default Monday–Friday (a calendar needs at least one working day).
 *   - closures: an array; an entry is kept when `from` and `to` are real ISO dates with from ≤ to; `label` is its
 *     trimmed string, null when blank, missing or not a string. Not an array → [].
 *   - holidays: 'FR' or null (explicit null = no public holidays); anything else → 'FR'.
 *   - preparationDays, transitDays, defaultLeadTimeDays, creditHoldOverdueDays: integers 0..365 (JS numbers, not
 *     strings).
 * - French public holidays (`frenchPublicHolidays`): 1 Jan, Easter Monday, 1 May, 8 May, Ascension (Easter + 39),
 *   Whit Monday (Easter + 50), 14 Jul, 15 Aug, 1 Nov, 11 Nov, 25 Dec; Easter Sunday by the anonymous Gregorian
 *   algorithm (Meeus/Jones/Butcher). Sorted and distinct: when Ascension falls on 1 or 8 May (e.g. 2008) the year
 *   has 10 distinct dates. Easter Sunday and Whit Sunday are Sundays, not listed.
 * - A date is not a working day (`nonWorkingReason`), checked in this order: its ISO weekday is not in
 *   workingWeekdays → 'weekday'; it is a public holiday of the configured country → 'holiday'; it lies in a
 *   closure (from ≤ date ≤ to, bounds inclusive) → 'closure' with the closure's label (the first matching
 *   closure). The label is null for 'weekday' and 'holiday' (messages translate the reason; the label is free text).
 * - nextWorkingDay(date): the first working day among date, date + 1, …, date + 366; RangeError when none.
 * - addWorkingDays(date, n), n an integer ≥ 0: n = 0 → nextWorkingDay(date); each further unit moves to the next
 *   working day after the current one. So a working day + 1 is the following working day, and a non-working day
 *   + 1 is the second working day after it (Saturday + 1 = Tuesday in a Monday–Friday week).
 */
import { addDays, isIsoDate, isoWeekday, parseIsoDate } from '@shared/dates';

export type OrderSettings = {
  /** ISO weekdays the company ships on (1 = Monday … 7 = Sunday). Default [1,2,3,4,5]. */
  workingWeekdays: number[];
  /** Company closures (inclusive), e.g. August shutdown. Default []. */
  closures: { from: string; to: string; label: string | null }[];
  /** Country whose public holidays are non-working days: 'FR' (default) or null for none. */
  holidays: 'FR' | null;
  /** Working days to prepare an order that is in stock (0 = ship the same day). Default 1. */
  preparationDays: number;
  /** Working days of transport from shipping to delivery. Default 1. */
  transitDays: number;
  /** Replenishment lead time when a product has none and no expected receipt covers the need. Default 10 (calendar days). */
  defaultLeadTimeDays: number;
  /** Credit: an invoice overdue by more than this many days holds new orders (blocking). Default 30. */
  creditHoldOverdueDays: number;
};

export type NonWorkingReason = { reason: 'weekday' | 'holiday' | 'closure'; label: string | null };

/** Frozen (arrays included): copy before changing anything; `orderSettingsOf` always returns fresh arrays. */
export const DEFAULT_ORDER_SETTINGS: OrderSettings = Object.freeze({
  workingWeekdays: Object.freeze([1, 2, 3, 4, 5]) as number[],
  closures: Object.freeze([] as OrderSettings['closures']) as OrderSettings['closures'],
  holidays: 'FR',
  preparationDays: 1,
  transitDays: 1,
  defaultLeadTimeDays: 10,
  creditHoldOverdueDays: 30,
});

const MAX_DAY_COUNT = 365;
/** nextWorkingDay looks at date + 0 … date + SEARCH_DAYS. */
const SEARCH_DAYS = 366;

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function dayCount(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX_DAY_COUNT ? v : fallback;
}

function weekdaysOf(v: unknown): number[] {
  if (!Array.isArray(v)) return [...DEFAULT_ORDER_SETTINGS.workingWeekdays];
  const valid = v.filter((d): d is number => typeof d === 'number' && Number.isInteger(d) && d >= 1 && d <= 7);
  const days = [...new Set(valid)].sort((a, b) => a - b);
  return days.length > 0 ? days : [...DEFAULT_ORDER_SETTINGS.workingWeekdays];
}

function closuresOf(v: unknown): OrderSettings['closures'] {
  if (!Array.isArray(v)) return [];
  const out: OrderSettings['closures'] = [];
  for (const c of v) {
    if (!isRecord(c)) continue;
    const { from, to, label } = c;
    if (typeof from !== 'string' || typeof to !== 'string' || !isIsoDate(from) || !isIsoDate(to) || from > to) continue;
    const text = typeof label === 'string' ? label.trim() : '';
    out.push({ from, to, label: text === '' ? null : text });
  }
  return out;
}

/** Merges a stored partial (jsonb, may hold junk/unknown keys) over the defaults, keeping only valid values. */
export function orderSettingsOf(stored: unknown): OrderSettings {
  const s = isRecord(stored) ? stored : {};
  const d = DEFAULT_ORDER_SETTINGS;
  return {
    workingWeekdays: weekdaysOf(s.workingWeekdays),
    closures: closuresOf(s.closures),
    holidays: s.holidays === null ? null : s.holidays === 'FR' ? 'FR' : d.holidays,
    preparationDays: dayCount(s.preparationDays, d.preparationDays),
    transitDays: dayCount(s.transitDays, d.transitDays),
    defaultLeadTimeDays: dayCount(s.defaultLeadTimeDays, d.defaultLeadTimeDays),
    creditHoldOverdueDays: dayCount(s.creditHoldOverdueDays, d.creditHoldOverdueDays),
  };
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

function assertYear(year: number): void {
  if (!Number.isInteger(year) || year < 1583 || year > 9999) {
    throw new RangeError(`Year out of the Gregorian range 1583–9999: ${year}`);
  }
}

/** Easter Sunday of a Gregorian year (ISO date), by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  assertYear(year);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

const holidayCache = new Map<number, readonly string[]>();

function frenchHolidaysCached(year: number): readonly string[] {
  let days = holidayCache.get(year);
  if (!days) {
    const y = pad(year, 4);
    const easter = easterSunday(year);
    const all = [
      `${y}-01-01`,
      addDays(easter, 1),
      `${y}-05-01`,
      `${y}-05-08`,
      addDays(easter, 39),
      addDays(easter, 50),
      `${y}-07-14`,
      `${y}-08-15`,
      `${y}-11-01`,
      `${y}-11-11`,
      `${y}-12-25`,
    ];
    days = Object.freeze([...new Set(all)].sort());
    holidayCache.set(year, days);
  }
  return days;
}

/** French public holidays of a year (11 days — 10 distinct when Ascension falls on 1 or 8 May — as ISO dates, sorted, distinct): 1 Jan, Easter Monday, 1 May, 8 May, Ascension (Easter+39), Whit Monday (Easter+50), 14 Jul, 15 Aug, 1 Nov, 11 Nov, 25 Dec. Easter by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
export function frenchPublicHolidays(year: number): string[] {
  return [...frenchHolidaysCached(year)];
}

/** Why a date is not a working day: 'weekday' (weekday not in workingWeekdays), 'holiday', 'closure', or null when it is a working day. */
export function nonWorkingReason(date: string, s: OrderSettings): NonWorkingReason | null {
  const weekday = isoWeekday(date); // validates the date (RangeError)
  if (!s.workingWeekdays.includes(weekday)) return { reason: 'weekday', label: null };
  if (s.holidays === 'FR' && frenchHolidaysCached(parseIsoDate(date).getUTCFullYear()).includes(date)) {
    return { reason: 'holiday', label: null };
  }
  const closure = s.closures.find((c) => c.from <= date && date <= c.to);
  if (closure) return { reason: 'closure', label: closure.label };
  return null;
}

export function isWorkingDay(date: string, s: OrderSettings): boolean {
  return nonWorkingReason(date, s) === null;
}

/** The first working day on or after `date` (gives up after 366 days: throws RangeError). */
export function nextWorkingDay(date: string, s: OrderSettings): string {
  let d = date;
  for (let i = 0; i <= SEARCH_DAYS; i++) {
    if (isWorkingDay(d, s)) return d;
    d = addDays(d, 1);
  }
  throw new RangeError(`No working day within ${SEARCH_DAYS} days of ${date}`);
}

/** Adds n >= 0 working days: n = 0 → nextWorkingDay(date); n = 1 → the working day after nextWorkingDay(date), etc. */
export function addWorkingDays(date: string, n: number, s: OrderSettings): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be an integer >= 0, got ${n}`);
  let d = nextWorkingDay(date, s);
  for (let i = 0; i < n; i++) d = nextWorkingDay(addDays(d, 1), s);
  return d;
}
