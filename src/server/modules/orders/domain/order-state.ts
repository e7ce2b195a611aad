/**
 * Order lifecycle as data (API.md "Orders"). Pure: the table is the specification.
 *
 *   draft ⇄ to_validate           (the validation pipeline decides: a blocking finding → to_validate)
 *   draft | to_validate ──confirm──▶ confirmed   (to_validate only with an authorised override and a reason)
 *   confirmed ──deliver──▶ partially_delivered | delivered   (deliveries, #6)
 *   confirmed | delivered | partially_delivered ──invoice──▶ partially_invoiced | invoiced   (invoicing, #7;
 *   a credit note that gives quantities back to invoice moves it back)
 *   delivered | invoiced ──close──▶ closed
 *   draft | to_validate | confirmed ──hold──▶ on_hold ──release──▶ the status it had
 *   draft | to_validate | confirmed | on_hold ──cancel──▶ cancelled   (nothing delivered yet)
 *
 * `closed` and `cancelled` are final. An order can be changed (lines, dates, references) in draft, to_validate and
 * confirmed; a change to a confirmed order keeps a version and runs the pipeline again.
 */
import type { OrderStatus } from '@shared/api/orders';
import { dec } from '@shared/decimal';

export const orderCommands = ['submit', 'confirm', 'hold', 'release', 'cancel', 'deliver', 'invoice', 'close'] as const;
export type OrderCommand = (typeof orderCommands)[number];

/** [from, command, to] — every allowed transition, and only those. */
export const orderTransitions: readonly (readonly [OrderStatus, OrderCommand, OrderStatus])[] = [
  ['draft', 'submit', 'draft'],
  ['draft', 'submit', 'to_validate'],
  ['to_validate', 'submit', 'draft'],
  ['to_validate', 'submit', 'to_validate'],
  ['draft', 'confirm', 'confirmed'],
  ['to_validate', 'confirm', 'confirmed'],
  ['confirmed', 'submit', 'confirmed'],
  ['confirmed', 'submit', 'to_validate'],
  ['confirmed', 'deliver', 'partially_delivered'],
  ['confirmed', 'deliver', 'delivered'],
  ['partially_delivered', 'deliver', 'partially_delivered'],
  ['partially_delivered', 'deliver', 'delivered'],
  ['partially_delivered', 'invoice', 'partially_invoiced'],
  ['delivered', 'invoice', 'partially_invoiced'],
  ['delivered', 'invoice', 'invoiced'],
  ['partially_invoiced', 'invoice', 'partially_invoiced'],
  ['partially_invoiced', 'invoice', 'invoiced'],
  // Services and milestones are invoiced from the order itself, before or without a delivery.
  ['confirmed', 'invoice', 'partially_invoiced'],
  ['confirmed', 'invoice', 'invoiced'],
  // A credit note that gives quantities back to invoice again (cancel and re-invoice) moves the order back.
  ['invoiced', 'invoice', 'partially_invoiced'],
  ['invoiced', 'invoice', 'delivered'],
  ['invoiced', 'invoice', 'partially_delivered'],
  ['invoiced', 'invoice', 'confirmed'],
  ['partially_invoiced', 'invoice', 'delivered'],
  ['partially_invoiced', 'invoice', 'partially_delivered'],
  ['partially_invoiced', 'invoice', 'confirmed'],
  ['delivered', 'close', 'closed'],
  ['invoiced', 'close', 'closed'],
  ['draft', 'hold', 'on_hold'],
  ['to_validate', 'hold', 'on_hold'],
  ['confirmed', 'hold', 'on_hold'],
  ['on_hold', 'release', 'draft'],
  ['on_hold', 'release', 'to_validate'],
  ['on_hold', 'release', 'confirmed'],
  ['draft', 'cancel', 'cancelled'],
  ['to_validate', 'cancel', 'cancelled'],
  ['confirmed', 'cancel', 'cancelled'],
  ['on_hold', 'cancel', 'cancelled'],
];

/** True when `command` may take the order from `from` to `to`. */
export function canTransition(from: OrderStatus, command: OrderCommand, to: OrderStatus): boolean {
  return orderTransitions.some(([f, c, t]) => f === from && c === command && t === to);
}

/** Commands a person may give in `state` (the system's deliver/invoice/submit events are not offered). */
export function allowedOrderCommands(state: OrderStatus): OrderCommand[] {
  const user: OrderCommand[] = ['confirm', 'hold', 'release', 'cancel', 'close'];
  return user.filter((c) => orderTransitions.some(([f, cmd]) => f === state && cmd === c));
}

/** Lines, dates and references can be changed in these states. */
export function isOrderEditable(state: OrderStatus): boolean {
  return state === 'draft' || state === 'to_validate' || state === 'confirmed';
}

/** Orders still to deliver: they count in the order book and in the customer's exposure. */
export const OPEN_STATUSES: readonly OrderStatus[] = [
  'draft',
  'to_validate',
  'confirmed',
  'partially_delivered',
  'on_hold',
];
/** Confirmed commitments (the credit exposure counts them). */
export const COMMITTED_STATUSES: readonly OrderStatus[] = ['confirmed', 'partially_delivered', 'on_hold'];

/** The status after a validation run: blocking findings hold a draft in to_validate, a clean one goes back to draft. */
export function statusAfterValidation(current: OrderStatus, blocking: boolean, overridden: boolean): OrderStatus {
  if (current === 'draft' || current === 'to_validate') return blocking ? 'to_validate' : 'draft';
  if (current === 'confirmed') return blocking && !overridden ? 'to_validate' : 'confirmed';
  return current;
}

/** The delivery status from line quantities: every line fully delivered (or cancelled) → delivered. */
export function deliveryStatus(
  lines: { remaining: string; delivered: string }[],
): 'confirmed' | 'partially_delivered' | 'delivered' {
  const anyDelivered = lines.some((l) => dec(l.delivered).gt(0));
  const allDone = lines.every((l) => dec(l.remaining).lte(0));
  return allDone ? 'delivered' : anyDelivered ? 'partially_delivered' : 'confirmed';
}

/**
 * The status invoicing gives an order: `invoiced` when every line is invoiced up to what is due (ordered −
 * cancelled), `partially_invoiced` when something is, else the delivery status (nothing invoiced any more).
 */
export function invoicingStatus(
  lines: { quantity: string; cancelled: string; invoiced: string; remaining: string; delivered: string }[],
): OrderStatus {
  const due = lines.filter((l) => dec(l.quantity).minus(l.cancelled).gt(0));
  const anyInvoiced = lines.some((l) => dec(l.invoiced).gt(0));
  const allInvoiced = due.length > 0 && due.every((l) => dec(l.invoiced).gte(dec(l.quantity).minus(l.cancelled)));
  if (allInvoiced) return 'invoiced';
  if (anyInvoiced) return 'partially_invoiced';
  return deliveryStatus(lines);
}
