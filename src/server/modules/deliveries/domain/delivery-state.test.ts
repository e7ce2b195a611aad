import { describe, expect, it } from 'vitest';
import { deliveryStatuses, type DeliveryStatus } from '@shared/api/deliveries';
import {
  allowedDeliveryCommands,
  canDeliveryTransition,
  deliveryCommands,
  deliveryTransitions,
  type DeliveryCommand,
} from './delivery-state';

/** The specification, written independently of the table: status → command → target (absent = refused). */
const EXPECTED: Record<DeliveryStatus, Partial<Record<DeliveryCommand, DeliveryStatus>>> = {
  planned: { edit: 'planned', pick: 'picked', ship: 'shipped', cancel: 'cancelled' },
  picked: { pick: 'picked', ship: 'shipped', cancel: 'cancelled' },
  shipped: { pod: 'delivered', return: 'shipped', notify: 'shipped' },
  delivered: { return: 'delivered', notify: 'delivered' },
  cancelled: {},
};

const pairs = deliveryStatuses.flatMap((s) =>
  deliveryCommands.map((c): [DeliveryStatus, DeliveryCommand, DeliveryStatus | null] => [s, c, EXPECTED[s][c] ?? null]),
);

describe('delivery lifecycle', () => {
  it('knows only real statuses and commands, each (status, command) once', () => {
    const seen = new Set<string>();
    for (const [from, command, to] of deliveryTransitions) {
      expect(deliveryStatuses).toContain(from);
      expect(deliveryStatuses).toContain(to);
      expect(deliveryCommands).toContain(command);
      expect(seen.has(`${from}/${command}`), `${from}/${command}`).toBe(false);
      seen.add(`${from}/${command}`);
    }
  });

  it('covers every status × command pair', () => {
    expect(pairs).toHaveLength(deliveryStatuses.length * deliveryCommands.length);
  });

  it.each(pairs)('%s --%s--> %s', (from, command, to) => {
    expect(canDeliveryTransition(from, command)).toBe(to);
  });

  it.each<[DeliveryStatus, DeliveryCommand[]]>([
    ['planned', ['edit', 'pick', 'ship', 'cancel']],
    ['picked', ['pick', 'ship', 'cancel']],
    ['shipped', ['pod', 'return', 'notify']],
    ['delivered', ['return', 'notify']],
    ['cancelled', []],
  ])('%s allows %j', (status, commands) => {
    expect(allowedDeliveryCommands(status)).toEqual(commands);
  });
});
