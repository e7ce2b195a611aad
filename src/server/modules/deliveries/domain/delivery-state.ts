/**
 * Delivery lifecycle as data (issue #6). Pure: the table is the specification.
 *
 *   planned ──edit──▶ planned              (lines, date, carrier, address)
 *   planned | picked ──pick──▶ picked      (picking recorded; re-picking before shipping corrects it)
 *   planned | picked ──ship──▶ shipped     (goods issue; from planned the picking is implied)
 *   shipped ──pod──▶ delivered             (proof of delivery recorded)
 *   planned | picked ──cancel──▶ cancelled
 *   shipped | delivered ──return──▶ same status   (goods come back; the delivery stays what it was)
 *   shipped | delivered ──notify──▶ same status   (shipping notice / DESADV sent again)
 *
 * `cancelled` is final; nothing but returns and notices happens after delivery. One command never leads to two
 * statuses from the same status, so `canDeliveryTransition` answers the target.
 */
import type { DeliveryStatus } from '@shared/api/deliveries';

export const deliveryCommands = ['edit', 'pick', 'ship', 'pod', 'return', 'cancel', 'notify'] as const;
export type DeliveryCommand = (typeof deliveryCommands)[number];

/** [from, command, to] — every allowed transition, and only those. */
export const deliveryTransitions: readonly (readonly [DeliveryStatus, DeliveryCommand, DeliveryStatus])[] = [
  ['planned', 'edit', 'planned'],
  ['planned', 'pick', 'picked'],
  ['picked', 'pick', 'picked'],
  ['planned', 'ship', 'shipped'],
  ['picked', 'ship', 'shipped'],
  ['shipped', 'pod', 'delivered'],
  ['planned', 'cancel', 'cancelled'],
  ['picked', 'cancel', 'cancelled'],
  ['shipped', 'return', 'shipped'],
  ['delivered', 'return', 'delivered'],
  ['shipped', 'notify', 'shipped'],
  ['delivered', 'notify', 'delivered'],
];

/** The status `command` takes a delivery in `from` to, or null when the command is not allowed there. */
export function canDeliveryTransition(from: DeliveryStatus, command: DeliveryCommand): DeliveryStatus | null {
  const t = deliveryTransitions.find(([f, c]) => f === from && c === command);
  return t ? t[2] : null;
}

/** Commands allowed in `status`, in the order of `deliveryCommands`. */
export function allowedDeliveryCommands(status: DeliveryStatus): DeliveryCommand[] {
  return deliveryCommands.filter((c) => canDeliveryTransition(status, c) !== null);
}
