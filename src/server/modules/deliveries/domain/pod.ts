/**
 * Proof of delivery: the last day to send the carrier a reasoned protest when goods arrived damaged or short.
 * Pure; dates are ISO 'YYYY-MM-DD'. DOMAIN.md §7.2.
 *
 * RULES
 * - Domestic transport, art. L133-3 C. com.: the protest must be notified "within 3 days, public holidays not
 *   counted, following the day of receipt". Counting starts the day after receipt; French public holidays
 *   (`frenchPublicHolidays`) are skipped; Sundays ARE counted. The text excludes only public holidays ("jours
 *   fériés"), and the stored case-law example counts a Saturday; whether a Sunday is excluded is unconfirmed, so we
 *   take the conservative reading (counting Sundays gives the earliest possible deadline, never a date past the
 *   legal one). For the same reason a deadline falling on a Sunday is not moved to the Monday.
 * - International road transport, CMR art. 30 (non-apparent damage): 7 days following the day of receipt,
 *   Sundays and French public holidays excluded (unconfirmed in DOMAIN, applied as stated there).
 * - The deadline is the last counted day, never a skipped one. Receipt on a skipped day changes nothing: counting
 *   starts the day after. RangeError on an invalid date.
 */
import { addDays, isoWeekday, parseIsoDate } from '@shared/dates';
import { frenchPublicHolidays } from '@server/modules/orders';

const DOMESTIC_DAYS = 3;
const INTERNATIONAL_DAYS = 7;

function isFrenchHoliday(date: string): boolean {
  return frenchPublicHolidays(parseIsoDate(date).getUTCFullYear()).includes(date);
}

export function protestDeadline(receivedOn: string, international: boolean): string {
  parseIsoDate(receivedOn); // validates (RangeError)
  const days = international ? INTERNATIONAL_DAYS : DOMESTIC_DAYS;
  const counts = (d: string): boolean => !isFrenchHoliday(d) && !(international && isoWeekday(d) === 7);
  let d = receivedOn;
  let counted = 0;
  while (counted < days) {
    d = addDays(d, 1);
    if (counts(d)) counted++;
  }
  return d;
}
