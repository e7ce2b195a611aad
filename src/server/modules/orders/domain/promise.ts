/**
 * Available-to-promise for one order line and the delivery date to promise. Pure: no I/O, no clock (`today` is an
 * input); dates are ISO 'YYYY-MM-DD' strings, quantities decimal strings computed with `@shared/decimal` and
 * returned by `toQuantityString` ("2.5", "3", "0"). The company's calendar is `./calendar`.
 *
 * RULES (promiseLine)
 * - Negative `available` and `priorBackorders` count as 0; a quantity ≤ 0 promises nothing from anywhere
 *   (fromStock 0, shortage 0, basis 'stock').
 * - Not stock-tracked: everything ships as if in stock (fromStock = quantity, shortage 0, basis 'stock').
 * - Tracked: fromStock = min(quantity, available), shortage = quantity − fromStock.
 * - shortage = 0 → basis 'stock', shipDate = addWorkingDays(today, preparationDays).
 * - shortage > 0 → the open receipts are taken in date order (a receipt dated before today counts as arriving
 *   today; equal dates keep the given order; receipts with a quantity ≤ 0 are ignored). Other orders' backorders
 *   (priorBackorders) are served first, then this shortage: the receipt at which the running total reaches
 *   priorBackorders + shortage completes the need → basis 'receipt', receiptDate = its date (today when it was in
 *   the past), shipDate = addWorkingDays(receiptDate, preparationDays).
 * - No receipt completes the need → basis 'lead_time', receiptDate null, shipDate = addWorkingDays(today +
 *   leadTime calendar days, preparationDays), i.e. the next working day on or after today + leadTime, then the
 *   preparation. leadTime = leadTimeDays, or settings.defaultLeadTimeDays when it is null (or not an integer ≥ 0).
 * - earliestDelivery = addWorkingDays(shipDate, transitDays) (transit counts the company's working days).
 *
 * RULES (promiseDelivery)
 * - The company's calendar governs shipping only; the delivery day must suit the customer, as told by `isAllowed`
 *   (the customer's delivery weekdays and closing periods, given by the caller).
 * - start = max(earliest, requested) (requested null → earliest); the answer is the first d among start,
 *   start + 1, …, start + 120 with isAllowed(d); null when none.
 */
import { dec, toQuantityString, type Decimal } from '@shared/decimal';
import { addDays, parseIsoDate } from '@shared/dates';
import { addWorkingDays, type OrderSettings } from './calendar';

export type Supply = { date: string; quantity: string }; // an expected receipt (open), date ISO
export type PromiseInput = {
  today: string;
  quantity: string; // the line's quantity still to promise (decimal string > 0)
  stockTracked: boolean;
  available: string; // on hand − reserved now, for this product and warehouse (may be "0"; never negative in practice but treat negative as 0)
  /** Open expected receipts of the product, any order. */
  receipts: Supply[];
  /** Quantity other confirmed orders already wait for on the incoming receipts (their backorders), served first (FIFO). */
  priorBackorders: string;
  leadTimeDays: number | null; // the product's replenishment lead time (calendar days); null → settings.defaultLeadTimeDays
  settings: OrderSettings;
};
export type PromiseResult = {
  /** What can be taken from stock now (min(quantity, available) for tracked products; everything for non-tracked). */
  fromStock: string;
  /** quantity − fromStock */
  shortage: string;
  /** Date the whole line can ship: stock → addWorkingDays(today, preparationDays); else the date of the receipt that completes the need (after priorBackorders consumed the earlier supply), then + preparationDays working days; else today + leadTime calendar days then nextWorkingDay + preparationDays. Non-tracked products ship like stock. */
  shipDate: string;
  /** How the ship date was found. */
  basis: 'stock' | 'receipt' | 'lead_time';
  /** The receipt date used when basis = 'receipt', else null. */
  receiptDate: string | null;
  /** Earliest delivery = addWorkingDays(shipDate, transitDays). */
  earliestDelivery: string;
};

/** How many days after max(earliest, requested) promiseDelivery still looks for a date the customer accepts. */
export const DELIVERY_SEARCH_DAYS = 120;

const atLeastZero = (x: Decimal): Decimal => (x.isNegative() ? dec(0) : x);

/** The receipt date at which cumulated supply reaches `need` (past dates count as `today`), or null. */
function completingReceiptDate(today: string, receipts: Supply[], need: Decimal): string | null {
  const supplies = receipts
    .map((r) => {
      parseIsoDate(r.date); // validates (RangeError)
      return { date: r.date < today ? today : r.date, quantity: dec(r.quantity) };
    })
    .filter((r) => r.quantity.gt(0))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  let cumulated = dec(0);
  for (const r of supplies) {
    cumulated = cumulated.plus(r.quantity);
    if (cumulated.gte(need)) return r.date;
  }
  return null;
}

export function promiseLine(input: PromiseInput): PromiseResult {
  const { today, settings: s } = input;
  parseIsoDate(today); // validates (RangeError)
  const quantity = atLeastZero(dec(input.quantity));
  const available = atLeastZero(dec(input.available));
  const fromStock = input.stockTracked ? minOf(quantity, available) : quantity;
  const shortage = quantity.minus(fromStock);

  let basis: PromiseResult['basis'] = 'stock';
  let receiptDate: string | null = null;
  let shipDate: string;
  if (shortage.isZero()) {
    shipDate = addWorkingDays(today, s.preparationDays, s);
  } else {
    const need = atLeastZero(dec(input.priorBackorders)).plus(shortage);
    receiptDate = completingReceiptDate(today, input.receipts, need);
    if (receiptDate !== null) {
      basis = 'receipt';
      shipDate = addWorkingDays(receiptDate, s.preparationDays, s);
    } else {
      basis = 'lead_time';
      const lt = input.leadTimeDays;
      const leadTime = lt !== null && Number.isInteger(lt) && lt >= 0 ? lt : s.defaultLeadTimeDays;
      shipDate = addWorkingDays(addDays(today, leadTime), s.preparationDays, s);
    }
  }
  return {
    fromStock: toQuantityString(fromStock),
    shortage: toQuantityString(shortage),
    shipDate,
    basis,
    receiptDate,
    earliestDelivery: addWorkingDays(shipDate, s.transitDays, s),
  };
}

function minOf(a: Decimal, b: Decimal): Decimal {
  return a.lte(b) ? a : b;
}

/**
 * The delivery date to promise: the first date d >= max(earliest, requested) the customer accepts
 * (isAllowed(d) === true: the customer's delivery weekdays and closing periods, given by the caller), searching up to
 * 120 days after that start; null when none. The company's calendar governs shipping, not the delivery day.
 */
export function promiseDelivery(
  earliest: string,
  requested: string | null,
  isAllowed: (date: string) => boolean,
): string | null {
  parseIsoDate(earliest);
  if (requested !== null) parseIsoDate(requested);
  let d = requested !== null && requested > earliest ? requested : earliest;
  for (let i = 0; i <= DELIVERY_SEARCH_DAYS; i++) {
    if (isAllowed(d)) return d;
    d = addDays(d, 1);
  }
  return null;
}
