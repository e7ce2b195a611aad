/**
 * Calendar-date helpers on ISO `YYYY-MM-DD` strings. All arithmetic is done on UTC midnight so results never
 * depend on the time zone of the server or the browser.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** Parse a strict ISO `YYYY-MM-DD` calendar date into a `Date` at UTC midnight; throws RangeError if invalid. */
export function parseIsoDate(s: string): Date {
  const m = ISO_DATE.exec(s);
  if (!m) throw new RangeError(`Invalid ISO date: ${JSON.stringify(s)}`);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(0);
  // setUTCFullYear keeps years 0-99 literal (Date.UTC would map them to 1900-1999).
  d.setUTCFullYear(year, month - 1, day);
  if (year < 1 || d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) {
    throw new RangeError(`Invalid ISO date: ${JSON.stringify(s)}`);
  }
  return d;
}

/** Format the UTC calendar day of a `Date` as `YYYY-MM-DD`; throws RangeError outside years 1–9999. */
export function formatIsoDate(d: Date): string {
  const year = d.getUTCFullYear();
  if (!Number.isFinite(d.getTime()) || year < 1 || year > 9999) throw new RangeError('Date out of range');
  const pad = (n: number, width: number): string => String(n).padStart(width, '0');
  return `${pad(year, 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
}

/** True when `s` is a real calendar date written as `YYYY-MM-DD`. */
export function isIsoDate(s: string): boolean {
  try {
    parseIsoDate(s);
    return true;
  } catch {
    return false;
  }
}

/** Add `days` (integer, may be negative) calendar days to an ISO date. */
export function addDays(date: string, days: number): string {
  if (!Number.isInteger(days)) throw new RangeError(`days must be an integer, got ${days}`);
  const d = parseIsoDate(date);
  d.setUTCDate(d.getUTCDate() + days);
  return formatIsoDate(d);
}

/** Last day of the month containing the ISO date. */
export function endOfMonth(date: string): string {
  const d = parseIsoDate(date);
  d.setUTCMonth(d.getUTCMonth() + 1, 0);
  return formatIsoDate(d);
}

/** Number of days in the given month (1–12) of the given year. */
export function daysInMonth(year: number, month: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month, 0);
  return d.getUTCDate();
}

/** Signed number of calendar days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((parseIsoDate(to).getTime() - parseIsoDate(from).getTime()) / MS_PER_DAY);
}

/** ISO 8601 weekday of an ISO date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  return parseIsoDate(date).getUTCDay() || 7;
}

/** Number of ISO 8601 weeks (52 or 53) in an ISO week-numbering year. */
export function isoWeeksInYear(year: number): number {
  // Weekday offset of 31 December (0 = Sunday); a year has 53 weeks when it ends on a Thursday,
  // or when the previous year ends on a Wednesday (the year then starts on a Thursday).
  const p = (y: number): number => (y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400)) % 7;
  return p(year) === 4 || p(year - 1) === 3 ? 53 : 52;
}

/** Monday (ISO date) of ISO 8601 week `week` of `year`; week 1 is the week containing 4 January. */
export function mondayOfIsoWeek(year: number, week: number): string {
  if (!Number.isInteger(year) || year < 1 || year > 9999) throw new RangeError(`Invalid ISO year: ${year}`);
  if (!Number.isInteger(week) || week < 1 || week > isoWeeksInYear(year)) {
    throw new RangeError(`Invalid ISO week ${week} for year ${year}`);
  }
  return addDays(mondayOfIsoWeek1(year), (week - 1) * 7);
}

function mondayOfIsoWeek1(year: number): string {
  const jan4 = `${String(year).padStart(4, '0')}-01-04`;
  return addDays(jan4, 1 - isoWeekday(jan4));
}
