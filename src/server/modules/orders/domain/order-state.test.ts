import { describe, expect, it } from 'vitest';
import { orderStatuses, type OrderStatus } from '@shared/api/orders';
import {
  invoicingStatus,
  allowedOrderCommands,
  canTransition,
  deliveryStatus,
  isOrderEditable,
  orderTransitions,
  statusAfterValidation,
} from './order-state';

describe('order lifecycle', () => {
  it('knows only real statuses', () => {
    for (const [from, , to] of orderTransitions) {
      expect(orderStatuses).toContain(from);
      expect(orderStatuses).toContain(to);
    }
  });

  it.each<[OrderStatus, string[]]>([
    ['draft', ['confirm', 'hold', 'cancel']],
    ['to_validate', ['confirm', 'hold', 'cancel']],
    ['confirmed', ['hold', 'cancel']],
    ['on_hold', ['release', 'cancel']],
    ['partially_delivered', []],
    ['delivered', ['close']],
    ['invoiced', ['close']],
    ['closed', []],
    ['cancelled', []],
  ])('%s allows %j', (state, commands) => {
    expect(allowedOrderCommands(state)).toEqual(commands);
  });

  it.each<[OrderStatus, 'confirm' | 'cancel' | 'release', OrderStatus, boolean]>([
    ['draft', 'confirm', 'confirmed', true],
    ['to_validate', 'confirm', 'confirmed', true],
    ['confirmed', 'confirm', 'confirmed', false],
    ['cancelled', 'confirm', 'confirmed', false],
    ['on_hold', 'release', 'confirmed', true],
    ['on_hold', 'release', 'closed', false],
    ['delivered', 'cancel', 'cancelled', false],
    ['closed', 'cancel', 'cancelled', false],
  ])('%s --%s--> %s: %s', (from, cmd, to, ok) => {
    expect(canTransition(from, cmd, to)).toBe(ok);
  });

  it.each<[OrderStatus, boolean, boolean, OrderStatus]>([
    ['draft', false, false, 'draft'],
    ['draft', true, false, 'to_validate'],
    ['to_validate', false, false, 'draft'],
    ['confirmed', false, false, 'confirmed'],
    ['confirmed', true, false, 'to_validate'],
    ['confirmed', true, true, 'confirmed'],
    ['on_hold', true, false, 'on_hold'],
  ])('after validation %s (blocking %s, overridden %s) → %s', (from, blocking, overridden, to) => {
    expect(statusAfterValidation(from, blocking, overridden)).toBe(to);
  });

  it('is editable until delivery starts', () => {
    expect(orderStatuses.filter(isOrderEditable)).toEqual(['draft', 'to_validate', 'confirmed']);
  });

  it.each([
    [[{ remaining: '10', delivered: '0' }], 'confirmed'],
    [[{ remaining: '4', delivered: '6' }], 'partially_delivered'],
    [
      [
        { remaining: '0', delivered: '10' },
        { remaining: '5', delivered: '0' },
      ],
      'partially_delivered',
    ],
    [
      [
        { remaining: '0', delivered: '10' },
        { remaining: '0', delivered: '0' },
      ],
      'delivered',
    ],
  ])('delivery status of %j is %s', (lines, expected) => {
    expect(deliveryStatus(lines)).toBe(expected);
  });
});

describe('status from invoicing (invoicingStatus)', () => {
  const line = (quantity: string, delivered: string, invoiced: string, cancelled = '0') => ({
    quantity,
    delivered,
    invoiced,
    cancelled,
    remaining: String(Number(quantity) - Number(delivered) - Number(cancelled)),
  });
  it.each([
    ['nothing invoiced, nothing delivered', [line('10', '0', '0')], 'confirmed'],
    ['nothing invoiced, part delivered', [line('10', '4', '0')], 'partially_delivered'],
    ['nothing invoiced, all delivered', [line('10', '10', '0')], 'delivered'],
    ['part invoiced', [line('10', '10', '4')], 'partially_invoiced'],
    ['one line of two invoiced', [line('10', '10', '10'), line('5', '5', '0')], 'partially_invoiced'],
    ['all invoiced', [line('10', '10', '10'), line('5', '5', '5')], 'invoiced'],
    ['all invoiced, the rest cancelled', [line('10', '6', '6', '4')], 'invoiced'],
    ['services invoiced before delivery', [line('3', '0', '3')], 'invoiced'],
  ] as const)('%s → %s', (_name, lines, expected) => {
    expect(invoicingStatus([...lines])).toBe(expected);
  });
});
