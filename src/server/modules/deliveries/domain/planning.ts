/**
 * Delivery planning: is a planned delivery date possible, and when must the goods leave? Pure: no I/O, no clock
 * (the caller gives `today` and `nowTime` in the company's time zone); dates are ISO 'YYYY-MM-DD', times 'HH:MM'.
 * DOMAIN.md §7.3: planning must refuse dates violating customer or carrier calendars.
 *
 * RULES
 * - Transit (`transitDaysFor`): without a carrier, our own `settings.transitDays`. With a carrier, the most specific
 *   zone of `transitTimes`: same country (case-insensitive) and a postal prefix the ship-to's postal code starts
 *   with (spaces ignored, case-insensitive; a null or blank prefix = the whole country); the longest prefix wins,
 *   the first listed on a tie. No matching zone (or no address) → `defaultTransitDays`.
 * - Carrier working day (`carrierNonWorkingReason` / `isCarrierWorkingDay`), checked in this order: ISO weekday not
 *   in `workingWeekdays` → 'weekday'; French public holiday → 'holiday'; listed in `nonWorkingDates` → 'closed'.
 * - Ship date (`shipDateFor`): the planned date when the transit is 0; else count the transit backwards from the
 *   planned date, each unit moving to the previous working day — the carrier's working days, or ours (orders
 *   calendar: weekdays, FR holidays, closures) without a carrier. This is the inverse of `addWorkingDays`: a Monday
 *   delivery with 2 days of transit on a Monday–Friday carrier ships on the Thursday before. A calendar with no
 *   working day within 366 days of a step (a carrier with no working weekday) falls back to the planned date minus
 *   the transit in calendar days, which the checks below then refuse.
 * - Findings of `checkPlannedDate`, in this order (allowed = no 'blocking' one):
 *   1. Customer rules (`evaluateRules` with the planned date and time; rules of other ship-tos ignored):
 *      `delivery_day_not_allowed` and `delivery_in_closing_period` (path plannedDate), `delivery_time_outside_window`
 *      (path plannedTime) with their own severity, params and note; `appointment_required` (path plannedDate) as
 *      'info' (a reminder, never a refusal). Every other rule code (packaging, documents, notes, minimums, PO) is
 *      not about the date and is left out.
 *   2. `carrier_non_working_day` (plannedDate, blocking): the carrier does not deliver on the planned date;
 *      params { date, carrier (its name), reason }.
 *   3. `carrier_non_working_day` (shipDate, blocking): the ship date is not a carrier working day (only in the
 *      fallback above; not repeated when the ship date is the planned date, transit 0).
 *   4. `ship_date_not_working` (plannedDate, blocking): the ship date is not one of OUR working days;
 *      params { shipDate, reason: 'weekday' | 'holiday' | 'closure', label: the closure label or '' }.
 *   5. `ship_date_in_past` (plannedDate, blocking): shipDate < today; params { shipDate, today }.
 *   6. `carrier_cutoff_passed` (plannedDate, blocking): the carrier has a cut-off, shipDate = today and nowTime is
 *      strictly after the cut-off (at the cut-off itself it is still on time); params { cutoff, carrier }.
 * - `nextValidPlannedDate`: the first of plannedDate, plannedDate + 1, …, plannedDate + maxDays (calendar days) that
 *   `checkPlannedDate` allows, with every other fact unchanged (the planned time too); null when none.
 */
import { addDays, isoWeekday, parseIsoDate } from '@shared/dates';
import { evaluateRules, type CustomerRule } from '@server/modules/customers';
import { frenchPublicHolidays, isWorkingDay, nonWorkingReason, type OrderSettings } from '@server/modules/orders';

export type CarrierCalendar = {
  name: string;
  /** ISO weekdays (1 = Monday … 7 = Sunday) the carrier picks up and delivers. */
  workingWeekdays: number[];
  /** Days without service besides French public holidays. */
  nonWorkingDates: string[];
  /** 'HH:MM', null = no cut-off. */
  cutoffTime: string | null;
  transitTimes: { countryCode: string; postalPrefix: string | null; days: number }[];
  defaultTransitDays: number;
};

export type PlanningFindingRaw = {
  code: string;
  severity: 'info' | 'warning' | 'blocking';
  path: string;
  params: Record<string, string | number>;
  note: string | null;
};

export type PlanningFacts = {
  /** The day the goods reach the customer. */
  plannedDate: string;
  /** 'HH:MM' */
  plannedTime: string | null;
  /** The company's today. */
  today: string;
  /** 'HH:MM', now in the company's time zone. */
  nowTime: string;
  /** Our calendar: working weekdays, closures, French public holidays. */
  settings: OrderSettings;
  carrier: CarrierCalendar | null;
  /** The ship-to address. */
  address: { countryCode: string; postalCode: string } | null;
  rules: CustomerRule[];
  shipToId: string | null;
  shipToWeekdays: number[] | null;
};

export type CarrierNonWorkingReason = 'weekday' | 'holiday' | 'closed';

/** Customer codes about the date and time (kept); every other code of `evaluateRules` is dropped. */
const DATE_CODES = new Set(['delivery_day_not_allowed', 'delivery_in_closing_period']);
const TIME_CODE = 'delivery_time_outside_window';
const APPOINTMENT_CODE = 'appointment_required';
/** Search limit of one backward step (same as the orders calendar's nextWorkingDay). */
const SEARCH_DAYS = 366;

const normalizePostal = (s: string): string => s.replace(/\s+/g, '').toUpperCase();

export function transitDaysFor(
  carrier: CarrierCalendar | null,
  address: { countryCode: string; postalCode: string } | null,
  settings: OrderSettings,
): number {
  if (carrier === null) return settings.transitDays;
  if (address === null) return carrier.defaultTransitDays;
  const country = address.countryCode.trim().toUpperCase();
  const postal = normalizePostal(address.postalCode);
  let best: { length: number; days: number } | null = null;
  for (const zone of carrier.transitTimes) {
    if (zone.countryCode.trim().toUpperCase() !== country) continue;
    const prefix = normalizePostal(zone.postalPrefix ?? '');
    if (!postal.startsWith(prefix)) continue;
    if (best === null || prefix.length > best.length) best = { length: prefix.length, days: zone.days };
  }
  return best === null ? carrier.defaultTransitDays : best.days;
}

/** Why the carrier does not work on a date ('weekday', 'holiday', 'closed'), or null when it does. */
export function carrierNonWorkingReason(carrier: CarrierCalendar, date: string): CarrierNonWorkingReason | null {
  if (!carrier.workingWeekdays.includes(isoWeekday(date))) return 'weekday'; // isoWeekday validates the date
  if (frenchPublicHolidays(parseIsoDate(date).getUTCFullYear()).includes(date)) return 'holiday';
  if (carrier.nonWorkingDates.includes(date)) return 'closed';
  return null;
}

export function isCarrierWorkingDay(carrier: CarrierCalendar, date: string): boolean {
  return carrierNonWorkingReason(carrier, date) === null;
}

export function shipDateFor(facts: PlanningFacts): string {
  const transit = transitDaysFor(facts.carrier, facts.address, facts.settings);
  const carrier = facts.carrier;
  const working = (d: string): boolean =>
    carrier === null ? isWorkingDay(d, facts.settings) : isCarrierWorkingDay(carrier, d);
  let d = facts.plannedDate;
  for (let step = 0; step < transit; step++) {
    let found = false;
    for (let i = 0; i < SEARCH_DAYS && !found; i++) {
      d = addDays(d, -1);
      found = working(d);
    }
    if (!found) return addDays(facts.plannedDate, -transit);
  }
  return d;
}

/** 'H:MM' / 'HH:MM' → minutes since midnight; null when malformed. */
function minutes(time: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(time.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  return h <= 23 && min <= 59 ? h * 60 + min : null;
}

function customerFindings(f: PlanningFacts): PlanningFindingRaw[] {
  const out: PlanningFindingRaw[] = [];
  const found = evaluateRules(f.rules, {
    shipToId: f.shipToId,
    shipToWeekdays: f.shipToWeekdays,
    deliveryDate: f.plannedDate,
    deliveryTime: f.plannedTime,
    requiresPoNumber: false,
  });
  for (const r of found) {
    const base = { code: r.code, params: r.params, note: r.note };
    if (DATE_CODES.has(r.code)) out.push({ ...base, severity: r.severity, path: 'plannedDate' });
    else if (r.code === TIME_CODE) out.push({ ...base, severity: r.severity, path: 'plannedTime' });
    else if (r.code === APPOINTMENT_CODE) out.push({ ...base, severity: 'info', path: 'plannedDate' });
  }
  return out;
}

export function checkPlannedDate(f: PlanningFacts): {
  allowed: boolean;
  shipDate: string;
  transitDays: number;
  findings: PlanningFindingRaw[];
} {
  const transitDays = transitDaysFor(f.carrier, f.address, f.settings);
  const shipDate = shipDateFor(f);
  const findings = customerFindings(f);
  const blocking = (code: string, path: string, params: Record<string, string | number>): void => {
    findings.push({ code, severity: 'blocking', path, params, note: null });
  };

  if (f.carrier !== null) {
    const onDelivery = carrierNonWorkingReason(f.carrier, f.plannedDate);
    if (onDelivery !== null) {
      blocking('carrier_non_working_day', 'plannedDate', {
        date: f.plannedDate,
        carrier: f.carrier.name,
        reason: onDelivery,
      });
    }
    const onShipping = shipDate === f.plannedDate ? null : carrierNonWorkingReason(f.carrier, shipDate);
    if (onShipping !== null) {
      blocking('carrier_non_working_day', 'shipDate', { date: shipDate, carrier: f.carrier.name, reason: onShipping });
    }
  }

  const closed = nonWorkingReason(shipDate, f.settings);
  if (closed !== null) {
    blocking('ship_date_not_working', 'plannedDate', { shipDate, reason: closed.reason, label: closed.label ?? '' });
  }

  if (shipDate < f.today) blocking('ship_date_in_past', 'plannedDate', { shipDate, today: f.today });

  const cutoff = f.carrier?.cutoffTime ?? null;
  if (f.carrier !== null && cutoff !== null && shipDate === f.today) {
    const now = minutes(f.nowTime);
    const limit = minutes(cutoff);
    if (now !== null && limit !== null && now > limit) {
      blocking('carrier_cutoff_passed', 'plannedDate', { cutoff, carrier: f.carrier.name });
    }
  }

  return { allowed: !findings.some((x) => x.severity === 'blocking'), shipDate, transitDays, findings };
}

export function nextValidPlannedDate(f: PlanningFacts, maxDays = 90): string | null {
  for (let i = 0; i <= maxDays; i++) {
    const d = addDays(f.plannedDate, i);
    if (checkPlannedDate({ ...f, plannedDate: d }).allowed) return d;
  }
  return null;
}
