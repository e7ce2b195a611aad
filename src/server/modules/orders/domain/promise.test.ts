import { describe, expect, it } from 'vitest';
import { addDays, isoWeekday } from '@shared/dates';
import { orderSettingsOf, type OrderSettings } from './calendar';
import { DELIVERY_SEARCH_DAYS, promiseDelivery, promiseLine, type PromiseInput, type PromiseResult } from './promise';

// 2026-06-15 is a Monday. Defaults: preparation 1 working day, transit 1, default lead time 10 calendar days.
const MON = '2026-06-15';
const settings = (o: Partial<OrderSettings> = {}): OrderSettings => ({ ...orderSettingsOf(null), ...o });

const input = (o: Partial<PromiseInput> = {}): PromiseInput => ({
  today: MON,
  quantity: '10',
  stockTracked: true,
  available: '0',
  receipts: [],
  priorBackorders: '0',
  leadTimeDays: null,
  settings: settings(),
  ...o,
});

const stock = (fromStock: string, shipDate: string, earliestDelivery: string): PromiseResult => ({
  fromStock,
  shortage: '0',
  shipDate,
  basis: 'stock',
  receiptDate: null,
  earliestDelivery,
});

describe('promiseLine', () => {
  it.each<[string, Partial<PromiseInput>, PromiseResult]>([
    ['fully in stock', { quantity: '5', available: '10' }, stock('5', '2026-06-16', '2026-06-17')],
    ['exactly the available quantity', { quantity: '10', available: '10' }, stock('10', '2026-06-16', '2026-06-17')],
    ['decimal quantities', { quantity: '2.50', available: '2.5' }, stock('2.5', '2026-06-16', '2026-06-17')],
    [
      'in stock: receipts and lead time do not matter',
      { quantity: '3', available: '3', receipts: [{ date: '2026-07-01', quantity: '100' }], leadTimeDays: 60 },
      stock('3', '2026-06-16', '2026-06-17'),
    ],
    [
      'partly in stock, a receipt covers the rest',
      { quantity: '10', available: '4', receipts: [{ date: '2026-06-18', quantity: '10' }] },
      {
        fromStock: '4',
        shortage: '6',
        shipDate: '2026-06-19',
        basis: 'receipt',
        receiptDate: '2026-06-18',
        earliestDelivery: '2026-06-22',
      },
    ],
    [
      'prior backorders eat the first receipt: the second one is used',
      {
        receipts: [
          { date: '2026-06-17', quantity: '5' },
          { date: '2026-06-24', quantity: '20' },
        ],
        priorBackorders: '5',
      },
      {
        fromStock: '0',
        shortage: '10',
        shipDate: '2026-06-25',
        basis: 'receipt',
        receiptDate: '2026-06-24',
        earliestDelivery: '2026-06-26',
      },
    ],
    [
      'receipts in any order are taken by date',
      {
        receipts: [
          { date: '2026-06-24', quantity: '20' },
          { date: '2026-06-17', quantity: '5' },
        ],
        priorBackorders: '5',
      },
      {
        fromStock: '0',
        shortage: '10',
        shipDate: '2026-06-25',
        basis: 'receipt',
        receiptDate: '2026-06-24',
        earliestDelivery: '2026-06-26',
      },
    ],
    [
      'the first receipt exactly completes backorders + shortage',
      {
        quantity: '2',
        receipts: [
          { date: '2026-06-17', quantity: '5' },
          { date: '2026-06-24', quantity: '20' },
        ],
        priorBackorders: '3',
      },
      {
        fromStock: '0',
        shortage: '2',
        shipDate: '2026-06-18',
        basis: 'receipt',
        receiptDate: '2026-06-17',
        earliestDelivery: '2026-06-19',
      },
    ],
    [
      'several receipts add up',
      {
        quantity: '7.5',
        available: '1.5',
        receipts: [
          { date: '2026-06-16', quantity: '2' },
          { date: '2026-06-17', quantity: '2' },
          { date: '2026-06-18', quantity: '2' },
          { date: '2026-06-19', quantity: '2' },
        ],
      },
      {
        fromStock: '1.5',
        shortage: '6',
        shipDate: '2026-06-19',
        basis: 'receipt',
        receiptDate: '2026-06-18',
        earliestDelivery: '2026-06-22',
      },
    ],
    [
      'a receipt in the past counts as arriving today',
      { quantity: '5', receipts: [{ date: '2026-06-10', quantity: '10' }] },
      {
        fromStock: '0',
        shortage: '5',
        shipDate: '2026-06-16',
        basis: 'receipt',
        receiptDate: MON,
        earliestDelivery: '2026-06-17',
      },
    ],
    [
      'a past receipt sorts before a future one',
      {
        quantity: '5',
        receipts: [
          { date: '2026-06-30', quantity: '5' },
          { date: '2026-05-01', quantity: '5' },
        ],
      },
      {
        fromStock: '0',
        shortage: '5',
        shipDate: '2026-06-16',
        basis: 'receipt',
        receiptDate: MON,
        earliestDelivery: '2026-06-17',
      },
    ],
    [
      'a receipt on a Saturday ships after the weekend',
      { receipts: [{ date: '2026-06-20', quantity: '10' }] },
      {
        fromStock: '0',
        shortage: '10',
        shipDate: '2026-06-23',
        basis: 'receipt',
        receiptDate: '2026-06-20',
        earliestDelivery: '2026-06-24',
      },
    ],
    [
      'receipts with no quantity are ignored',
      {
        quantity: '1',
        receipts: [
          { date: '2026-06-16', quantity: '0' },
          { date: '2026-06-17', quantity: '-4' },
          { date: '2026-06-18', quantity: '1' },
        ],
      },
      {
        fromStock: '0',
        shortage: '1',
        shipDate: '2026-06-19',
        basis: 'receipt',
        receiptDate: '2026-06-18',
        earliestDelivery: '2026-06-22',
      },
    ],
    [
      'negative prior backorders count as 0',
      { quantity: '4', priorBackorders: '-10', receipts: [{ date: '2026-06-16', quantity: '4' }] },
      {
        fromStock: '0',
        shortage: '4',
        shipDate: '2026-06-17',
        basis: 'receipt',
        receiptDate: '2026-06-16',
        earliestDelivery: '2026-06-18',
      },
    ],
    [
      'receipts insufficient → the product lead time',
      { quantity: '10', available: '2', receipts: [{ date: '2026-06-17', quantity: '4' }], leadTimeDays: 7 },
      {
        fromStock: '2',
        shortage: '8',
        shipDate: '2026-06-23',
        basis: 'lead_time',
        receiptDate: null,
        earliestDelivery: '2026-06-24',
      },
    ],
    [
      'receipts eaten by prior backorders → lead time',
      { quantity: '1', receipts: [{ date: '2026-06-17', quantity: '4' }], priorBackorders: '4', leadTimeDays: 7 },
      {
        fromStock: '0',
        shortage: '1',
        shipDate: '2026-06-23',
        basis: 'lead_time',
        receiptDate: null,
        earliestDelivery: '2026-06-24',
      },
    ],
    [
      'leadTimeDays null → the default (10 days: Thursday 25th), delivery after the weekend',
      { leadTimeDays: null },
      {
        fromStock: '0',
        shortage: '10',
        shipDate: '2026-06-26',
        basis: 'lead_time',
        receiptDate: null,
        earliestDelivery: '2026-06-29',
      },
    ],
    [
      'leadTimeDays null → the company default from the settings',
      { leadTimeDays: null, settings: settings({ defaultLeadTimeDays: 3 }) },
      {
        fromStock: '0',
        shortage: '10',
        shipDate: '2026-06-19',
        basis: 'lead_time',
        receiptDate: null,
        earliestDelivery: '2026-06-22',
      },
    ],
    [
      'invalid leadTimeDays → the default',
      { leadTimeDays: -2 },
      {
        fromStock: '0',
        shortage: '10',
        shipDate: '2026-06-26',
        basis: 'lead_time',
        receiptDate: null,
        earliestDelivery: '2026-06-29',
      },
    ],
    [
      'lead time ending on a Saturday: next working day, then preparation',
      { leadTimeDays: 5 },
      {
        fromStock: '0',
        shortage: '10',
        shipDate: '2026-06-23',
        basis: 'lead_time',
        receiptDate: null,
        earliestDelivery: '2026-06-24',
      },
    ],
    [
      'lead time 0',
      { leadTimeDays: 0 },
      {
        fromStock: '0',
        shortage: '10',
        shipDate: '2026-06-16',
        basis: 'lead_time',
        receiptDate: null,
        earliestDelivery: '2026-06-17',
      },
    ],
    [
      'negative available counts as 0',
      { quantity: '2', available: '-3', leadTimeDays: 2 },
      {
        fromStock: '0',
        shortage: '2',
        shipDate: '2026-06-18',
        basis: 'lead_time',
        receiptDate: null,
        earliestDelivery: '2026-06-19',
      },
    ],
    [
      'non-tracked product ships like stock, whatever is available',
      { quantity: '7', stockTracked: false, available: '0', leadTimeDays: 30 },
      stock('7', '2026-06-16', '2026-06-17'),
    ],
    [
      'preparationDays 0 ships today',
      { quantity: '1', available: '1', settings: settings({ preparationDays: 0 }) },
      stock('1', MON, '2026-06-16'),
    ],
    [
      'preparationDays 0 on a receipt day ships that day',
      { receipts: [{ date: '2026-06-17', quantity: '10' }], settings: settings({ preparationDays: 0 }) },
      {
        fromStock: '0',
        shortage: '10',
        shipDate: '2026-06-17',
        basis: 'receipt',
        receiptDate: '2026-06-17',
        earliestDelivery: '2026-06-18',
      },
    ],
    [
      'preparation and transit 0 on a Saturday: Monday',
      {
        today: '2026-06-20',
        quantity: '1',
        available: '1',
        settings: settings({ preparationDays: 0, transitDays: 0 }),
      },
      stock('1', '2026-06-22', '2026-06-22'),
    ],
    [
      'Friday: shipping and delivery cross the weekend',
      { today: '2026-06-19', quantity: '1', available: '1' },
      stock('1', '2026-06-22', '2026-06-23'),
    ],
    [
      'transit 2 crosses the weekend',
      { today: '2026-06-17', quantity: '1', available: '1', settings: settings({ transitDays: 2 }) },
      stock('1', '2026-06-18', '2026-06-22'),
    ],
    [
      'Thursday 7 May 2026: Friday 8 May is a public holiday',
      { today: '2026-05-07', quantity: '1', available: '1' },
      stock('1', '2026-05-11', '2026-05-12'),
    ],
    ['quantity 0 promises nothing', { quantity: '0', available: '0' }, stock('0', '2026-06-16', '2026-06-17')],
  ])('%s', (_name, o, expected) => {
    expect(promiseLine(input(o))).toEqual(expected);
  });

  it('rejects non-decimal quantities and invalid dates', () => {
    expect(() => promiseLine(input({ quantity: '1e3' }))).toThrow(TypeError);
    expect(() => promiseLine(input({ available: '' }))).toThrow(TypeError);
    expect(() => promiseLine(input({ today: '2026-02-30' }))).toThrow(RangeError);
    expect(() => promiseLine(input({ receipts: [{ date: 'soon', quantity: '10' }] }))).toThrow(RangeError);
  });
});

describe('promiseDelivery', () => {
  const always = () => true;
  const notWednesday = (d: string) => isoWeekday(d) !== 3;
  const mondaysOnly = (d: string) => isoWeekday(d) === 1;
  const august = (d: string) => d < '2026-08-01' || d > '2026-08-31';

  it.each<[string, string, string | null, (d: string) => boolean, string | null]>([
    ['no requested date: the earliest', '2026-06-16', null, always, '2026-06-16'],
    ['requested later than the earliest', '2026-06-16', '2026-06-25', always, '2026-06-25'],
    ['earliest later than requested', '2026-06-25', '2026-06-16', always, '2026-06-25'],
    ['requested = earliest', '2026-06-16', '2026-06-16', always, '2026-06-16'],
    ['customer refuses Wednesdays: Thursday', '2026-06-17', null, notWednesday, '2026-06-18'],
    ['requested Wednesday refused: Thursday', '2026-06-15', '2026-06-24', notWednesday, '2026-06-25'],
    ['customer takes Mondays only', '2026-06-16', null, mondaysOnly, '2026-06-22'],
    ['a Saturday is fine when the customer accepts it', '2026-06-20', null, always, '2026-06-20'],
    ['customer closed in August', '2026-07-30', '2026-08-03', august, '2026-09-01'],
    ['customer never accepts: null', '2026-06-16', null, () => false, null],
    ['customer never accepts from a requested date: null', '2026-06-16', '2026-07-01', () => false, null],
  ])('%s', (_name, earliest, requested, isAllowed, expected) => {
    expect(promiseDelivery(earliest, requested, isAllowed)).toBe(expected);
  });

  it('searches start … start + 120 days, then gives up', () => {
    expect(DELIVERY_SEARCH_DAYS).toBe(120);
    const start = '2026-06-16';
    const asked: string[] = [];
    expect(
      promiseDelivery(start, null, (d) => {
        asked.push(d);
        return false;
      }),
    ).toBeNull();
    expect(asked).toHaveLength(121);
    expect(asked[0]).toBe(start);
    expect(asked.at(-1)).toBe(addDays(start, 120));

    const last = addDays(start, 120);
    expect(promiseDelivery(start, null, (d) => d === last)).toBe(last);
    const tooLate = addDays(start, 121);
    expect(promiseDelivery(start, null, (d) => d === tooLate)).toBeNull();
    // The horizon starts from the later date (requested here).
    expect(promiseDelivery(start, '2026-07-01', (d) => d === addDays('2026-07-01', 120))).toBe('2026-10-29');
  });

  it('rejects invalid dates', () => {
    expect(() => promiseDelivery('2026-13-01', null, () => true)).toThrow(RangeError);
    expect(() => promiseDelivery('2026-06-16', 'tomorrow', () => true)).toThrow(RangeError);
  });
});
