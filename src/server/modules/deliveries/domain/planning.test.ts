import { describe, expect, it } from 'vitest';
import { orderSettingsOf, type OrderSettings } from '@server/modules/orders';
import type { CustomerRule } from '@server/modules/customers';
import {
  carrierNonWorkingReason,
  checkPlannedDate,
  isCarrierWorkingDay,
  nextValidPlannedDate,
  shipDateFor,
  transitDaysFor,
  type CarrierCalendar,
  type PlanningFacts,
} from './planning';

const settings = (o: Partial<OrderSettings> = {}): OrderSettings => ({ ...orderSettingsOf(null), ...o });

/** Monday–Friday, closed on 24 Dec 2026, cut-off 16:00; FR 1 day, FR "2…" 3 days, FR "28…" 2 days, BE 3, else 4. */
const CARRIER: CarrierCalendar = {
  name: 'Transports Martin',
  workingWeekdays: [1, 2, 3, 4, 5],
  nonWorkingDates: ['2026-12-24'],
  cutoffTime: '16:00',
  transitTimes: [
    { countryCode: 'FR', postalPrefix: null, days: 1 },
    { countryCode: 'FR', postalPrefix: '2', days: 3 },
    { countryCode: 'FR', postalPrefix: '28', days: 2 },
    { countryCode: 'BE', postalPrefix: null, days: 3 },
  ],
  defaultTransitDays: 4,
};
const SATURDAY_CARRIER: CarrierCalendar = { ...CARRIER, workingWeekdays: [1, 2, 3, 4, 5, 6] };
const CHARTRES = { countryCode: 'FR', postalCode: '28000' };
const PARIS = { countryCode: 'FR', postalCode: '75001' };

/** Wednesday 10 June 2026, to Chartres (2 days of transit), planned on Monday 1 June at 10:00. */
const BASE: PlanningFacts = {
  plannedDate: '2026-06-10',
  plannedTime: null,
  today: '2026-06-01',
  nowTime: '10:00',
  settings: settings(),
  carrier: CARRIER,
  address: CHARTRES,
  rules: [],
  shipToId: 'st-1',
  shipToWeekdays: null,
};

let seq = 0;
type RuleSpec = Pick<CustomerRule, 'kind' | 'params'> & {
  severity?: CustomerRule['severity'];
  shipToId?: string | null;
};
const rule = (r: RuleSpec): CustomerRule =>
  ({
    id: `r${++seq}`,
    shipToId: r.shipToId ?? null,
    severity: r.severity ?? 'blocking',
    note: `note ${r.kind}`,
    active: true,
    kind: r.kind,
    params: r.params,
  }) as CustomerRule;

const deliveryWindow = (
  weekdays: number[] | null,
  from = '08:00',
  to = '17:00',
  severity: CustomerRule['severity'] = 'blocking',
) => rule({ kind: 'delivery_window', params: { weekdays, from, to }, severity });
const MON_TUE_THU_FRI = deliveryWindow([1, 2, 4, 5]);

const summary = (f: PlanningFacts) => {
  const r = checkPlannedDate(f);
  return {
    allowed: r.allowed,
    shipDate: r.shipDate,
    transitDays: r.transitDays,
    findings: r.findings.map((x) => `${x.code}@${x.path}:${x.severity}`),
  };
};

type Case = [
  name: string,
  facts: Partial<PlanningFacts>,
  expected: { allowed: boolean; shipDate: string; transitDays: number; findings: string[]; next: string | null },
];

const ok = (shipDate: string, transitDays: number, next: string) => ({
  allowed: true,
  shipDate,
  transitDays,
  findings: [] as string[],
  next,
});

describe('checkPlannedDate / nextValidPlannedDate', () => {
  it.each<Case>([
    ['a plain Wednesday ships on Monday (2 days to Chartres)', {}, ok('2026-06-08', 2, '2026-06-10')],
    [
      'a blocking window Mon/Tue/Thu/Fri refuses Wednesday → Thursday',
      { rules: [MON_TUE_THU_FRI] },
      {
        allowed: false,
        shipDate: '2026-06-08',
        transitDays: 2,
        findings: ['delivery_day_not_allowed@plannedDate:blocking'],
        next: '2026-06-11',
      },
    ],
    [
      'a warning window does not block',
      { rules: [deliveryWindow([1, 2, 4, 5], '08:00', '17:00', 'warning')] },
      {
        allowed: true,
        shipDate: '2026-06-08',
        transitDays: 2,
        findings: ['delivery_day_not_allowed@plannedDate:warning'],
        next: '2026-06-10',
      },
    ],
    [
      'a customer closing period (8–12 June) → the next Monday',
      {
        rules: [
          rule({ kind: 'closing_period', params: { from: '2026-06-08', to: '2026-06-12', label: 'Inventaire' } }),
        ],
      },
      {
        allowed: false,
        shipDate: '2026-06-08',
        transitDays: 2,
        findings: ['delivery_in_closing_period@plannedDate:blocking'],
        next: '2026-06-15',
      },
    ],
    [
      'the ship-to receives Mon/Wed/Fri only: Tuesday refused',
      { plannedDate: '2026-06-09', shipToWeekdays: [1, 3, 5] },
      {
        allowed: false,
        shipDate: '2026-06-05',
        transitDays: 2,
        findings: ['delivery_day_not_allowed@plannedDate:blocking'],
        next: '2026-06-10',
      },
    ],
    [
      'a window of another ship-to is ignored',
      {
        rules: [
          rule({ kind: 'delivery_window', params: { weekdays: [1], from: '08:00', to: '12:00' }, shipToId: 'st-2' }),
        ],
      },
      ok('2026-06-08', 2, '2026-06-10'),
    ],
    [
      'the carrier does not deliver on Saturday',
      { plannedDate: '2026-06-13' },
      {
        allowed: false,
        shipDate: '2026-06-11',
        transitDays: 2,
        findings: ['carrier_non_working_day@plannedDate:blocking'],
        next: '2026-06-15',
      },
    ],
    [
      'a carrier that delivers on Saturday: ships Thursday',
      { plannedDate: '2026-06-13', carrier: SATURDAY_CARRIER },
      ok('2026-06-11', 2, '2026-06-13'),
    ],
    [
      'customer window and carrier both refuse Saturday, customer first',
      { plannedDate: '2026-06-13', rules: [deliveryWindow([1, 2, 3, 4, 5])] },
      {
        allowed: false,
        shipDate: '2026-06-11',
        transitDays: 2,
        findings: ['delivery_day_not_allowed@plannedDate:blocking', 'carrier_non_working_day@plannedDate:blocking'],
        next: '2026-06-15',
      },
    ],
    [
      '2 transit days over the weekend: Monday ships Thursday',
      { plannedDate: '2026-06-15' },
      ok('2026-06-11', 2, '2026-06-15'),
    ],
    [
      'a carrier closed day (24 Dec 2026) on the delivery day',
      { plannedDate: '2026-12-24' },
      {
        allowed: false,
        shipDate: '2026-12-22',
        transitDays: 2,
        findings: ['carrier_non_working_day@plannedDate:blocking'],
        next: '2026-12-28',
      },
    ],
    [
      'Christmas 2026-12-25 on the delivery day',
      { plannedDate: '2026-12-25' },
      {
        allowed: false,
        shipDate: '2026-12-22',
        transitDays: 2,
        findings: ['carrier_non_working_day@plannedDate:blocking'],
        next: '2026-12-28',
      },
    ],
    [
      'Christmas and the carrier closed day skipped on the way back: Monday 28 Dec ships 22 Dec',
      { plannedDate: '2026-12-28' },
      ok('2026-12-22', 2, '2026-12-28'),
    ],
    [
      'New Year 2027-01-01 on the delivery day',
      { plannedDate: '2027-01-01' },
      {
        allowed: false,
        shipDate: '2026-12-30',
        transitDays: 2,
        findings: ['carrier_non_working_day@plannedDate:blocking'],
        next: '2027-01-04',
      },
    ],
    [
      'New Year skipped on the ship day: Monday 4 Jan ships 30 Dec',
      { plannedDate: '2027-01-04' },
      ok('2026-12-30', 2, '2027-01-04'),
    ],
    [
      'Easter Monday 2027-03-29 on the delivery day',
      { plannedDate: '2027-03-29' },
      {
        allowed: false,
        shipDate: '2027-03-25',
        transitDays: 2,
        findings: ['carrier_non_working_day@plannedDate:blocking'],
        next: '2027-03-30',
      },
    ],
    [
      'Easter Monday skipped on the ship day (Paris, 1 day): Tuesday ships Friday',
      { plannedDate: '2027-03-30', address: PARIS },
      ok('2027-03-26', 1, '2027-03-30'),
    ],
    [
      'no carrier, transit 0: Easter Monday is not one of our working days',
      { plannedDate: '2027-03-29', carrier: null, settings: settings({ transitDays: 0 }) },
      {
        allowed: false,
        shipDate: '2027-03-29',
        transitDays: 0,
        findings: ['ship_date_not_working@plannedDate:blocking'],
        next: '2027-03-30',
      },
    ],
    [
      'no carrier: our calendar and our transit (1 day), Monday ships Friday',
      { plannedDate: '2026-06-15', carrier: null },
      ok('2026-06-12', 1, '2026-06-15'),
    ],
    [
      'no carrier: no carrier calendar checks the delivery day (Saturday)',
      { plannedDate: '2026-06-13', carrier: null },
      ok('2026-06-12', 1, '2026-06-13'),
    ],
    [
      'our closure on the ship day',
      { settings: settings({ closures: [{ from: '2026-06-08', to: '2026-06-08', label: 'Inventaire' }] }) },
      {
        allowed: false,
        shipDate: '2026-06-08',
        transitDays: 2,
        findings: ['ship_date_not_working@plannedDate:blocking'],
        next: '2026-06-11',
      },
    ],
    [
      'the carrier picks up on Saturday, we do not ship on Saturday',
      { plannedDate: '2026-06-15', carrier: SATURDAY_CARRIER, address: PARIS },
      {
        allowed: false,
        shipDate: '2026-06-13',
        transitDays: 1,
        findings: ['ship_date_not_working@plannedDate:blocking'],
        next: '2026-06-16',
      },
    ],
    [
      'the ship date is in the past',
      { today: '2026-06-09' },
      {
        allowed: false,
        shipDate: '2026-06-08',
        transitDays: 2,
        findings: ['ship_date_in_past@plannedDate:blocking'],
        next: '2026-06-11',
      },
    ],
    [
      'shipping today after the carrier cut-off',
      { today: '2026-06-08', nowTime: '16:30' },
      {
        allowed: false,
        shipDate: '2026-06-08',
        transitDays: 2,
        findings: ['carrier_cutoff_passed@plannedDate:blocking'],
        next: '2026-06-11',
      },
    ],
    [
      'shipping today at the cut-off itself',
      { today: '2026-06-08', nowTime: '16:00' },
      ok('2026-06-08', 2, '2026-06-10'),
    ],
    ['shipping today before the cut-off', { today: '2026-06-08', nowTime: '15:59' }, ok('2026-06-08', 2, '2026-06-10')],
    [
      'a carrier without cut-off',
      { today: '2026-06-08', nowTime: '23:59', carrier: { ...CARRIER, cutoffTime: null } },
      ok('2026-06-08', 2, '2026-06-10'),
    ],
    [
      'the planned time is outside the receiving window (every day: no valid date)',
      { plannedTime: '14:00', rules: [deliveryWindow([1, 2, 3, 4, 5], '08:00', '12:00')] },
      {
        allowed: false,
        shipDate: '2026-06-08',
        transitDays: 2,
        findings: ['delivery_time_outside_window@plannedTime:blocking'],
        next: null,
      },
    ],
    [
      'the planned time is inside the receiving window',
      { plannedTime: '09:30', rules: [deliveryWindow([1, 2, 3, 4, 5], '08:00', '12:00')] },
      ok('2026-06-08', 2, '2026-06-10'),
    ],
    [
      'an appointment rule is an info reminder, whatever its severity',
      { rules: [rule({ kind: 'appointment', params: { hoursBefore: 48, contact: 'Quai 3' } })] },
      {
        allowed: true,
        shipDate: '2026-06-08',
        transitDays: 2,
        findings: ['appointment_required@plannedDate:info'],
        next: '2026-06-10',
      },
    ],
    [
      'rules that are not about the date are left out',
      {
        rules: [
          rule({
            kind: 'packaging',
            params: { sscc: true, qrCode: false, palletType: 'EUR', maxPalletHeightCm: 180, instructions: null },
          }),
          rule({ kind: 'note', params: { text: 'Sonner deux fois' } }),
          rule({ kind: 'min_order_amount', params: { amount: '500.00' } }),
          rule({ kind: 'invoice_reference', params: { poRequired: true, pattern: null, example: null } }),
          rule({ kind: 'required_documents', params: { documents: ['delivery_note'], copies: 2 } }),
        ],
      },
      ok('2026-06-08', 2, '2026-06-10'),
    ],
    [
      'Belgium: the country zone (3 days), Wednesday ships Friday',
      { address: { countryCode: 'BE', postalCode: '1000' } },
      ok('2026-06-05', 3, '2026-06-10'),
    ],
    [
      'Germany: no zone, default transit (4 days)',
      { address: { countryCode: 'DE', postalCode: '10115' } },
      ok('2026-06-04', 4, '2026-06-10'),
    ],
    [
      'a carrier with no working weekday: both carrier checks refuse',
      { carrier: { ...CARRIER, workingWeekdays: [] } },
      {
        allowed: false,
        shipDate: '2026-06-08',
        transitDays: 2,
        findings: ['carrier_non_working_day@plannedDate:blocking', 'carrier_non_working_day@shipDate:blocking'],
        next: null,
      },
    ],
  ])('%s', (_name, facts, expected) => {
    const f = { ...BASE, ...facts };
    const { next, ...check } = expected;
    expect(summary(f)).toEqual(check);
    expect(nextValidPlannedDate(f)).toBe(next);
  });

  it('passes customer findings through with their params and note, on the planning paths', () => {
    const r = checkPlannedDate({
      ...BASE,
      plannedTime: '14:00',
      rules: [
        MON_TUE_THU_FRI,
        deliveryWindow([3], '08:00', '12:00'),
        rule({ kind: 'appointment', params: { hoursBefore: 24, contact: null } }),
      ],
    });
    expect(r.findings).toEqual([
      {
        code: 'delivery_time_outside_window',
        severity: 'blocking',
        path: 'plannedTime',
        params: { time: '14:00', windows: '08:00-12:00' },
        note: 'note delivery_window',
      },
      {
        code: 'appointment_required',
        severity: 'info',
        path: 'plannedDate',
        params: { hoursBefore: 24, contact: '' },
        note: 'note appointment',
      },
    ]);
  });

  it('gives the params of the calendar findings', () => {
    expect(checkPlannedDate({ ...BASE, plannedDate: '2026-12-25' }).findings).toEqual([
      {
        code: 'carrier_non_working_day',
        severity: 'blocking',
        path: 'plannedDate',
        params: { date: '2026-12-25', carrier: 'Transports Martin', reason: 'holiday' },
        note: null,
      },
    ]);
    expect(checkPlannedDate({ ...BASE, plannedDate: '2026-12-24' }).findings[0]?.params.reason).toBe('closed');
    expect(checkPlannedDate({ ...BASE, plannedDate: '2026-06-14' }).findings[0]?.params.reason).toBe('weekday');
    expect(
      checkPlannedDate({
        ...BASE,
        settings: settings({ closures: [{ from: '2026-06-08', to: '2026-06-08', label: 'Inventaire' }] }),
      }).findings[0]?.params,
    ).toEqual({ shipDate: '2026-06-08', reason: 'closure', label: 'Inventaire' });
    expect(
      checkPlannedDate({ ...BASE, plannedDate: '2026-06-15', carrier: SATURDAY_CARRIER, address: PARIS }).findings[0]
        ?.params,
    ).toEqual({ shipDate: '2026-06-13', reason: 'weekday', label: '' });
    expect(checkPlannedDate({ ...BASE, today: '2026-06-09' }).findings[0]?.params).toEqual({
      shipDate: '2026-06-08',
      today: '2026-06-09',
    });
    expect(checkPlannedDate({ ...BASE, today: '2026-06-08', nowTime: '17:05' }).findings[0]?.params).toEqual({
      cutoff: '16:00',
      carrier: 'Transports Martin',
    });
  });

  it.each<[string, number, string | null]>([
    ['2026-06-10', 0, '2026-06-10'],
    ['2026-06-13', 0, null],
    ['2026-06-13', 1, null],
    ['2026-06-13', 2, '2026-06-15'],
  ])('nextValidPlannedDate from %s within %i days → %s', (plannedDate, maxDays, next) => {
    expect(nextValidPlannedDate({ ...BASE, plannedDate }, maxDays)).toBe(next);
  });

  it('gives up after maxDays (a long closing period) → null', () => {
    const f = {
      ...BASE,
      rules: [rule({ kind: 'closing_period', params: { from: '2026-06-01', to: '2026-12-31', label: null } })],
    };
    expect(nextValidPlannedDate(f, 30)).toBeNull();
    expect(nextValidPlannedDate(f)).toBeNull();
    // 1 Jan 2027 is a holiday, then a weekend: Monday 4 Jan ships on 30 Dec.
    expect(nextValidPlannedDate(f, 300)).toBe('2027-01-04');
  });
});

describe('transitDaysFor', () => {
  it.each<[string, CarrierCalendar | null, { countryCode: string; postalCode: string } | null, number]>([
    ['no carrier → our transit days', null, CHARTRES, 3],
    ['FR + "28" beats FR + "2" and FR alone', CARRIER, CHARTRES, 2],
    ['postal code with a space', CARRIER, { countryCode: 'FR', postalCode: '28 300' }, 2],
    ['lower-case country', CARRIER, { countryCode: 'fr', postalCode: '28100' }, 2],
    ['FR + "2" (Dijon)', CARRIER, { countryCode: 'FR', postalCode: '21000' }, 3],
    ['FR alone (Paris)', CARRIER, PARIS, 1],
    ['another country with a zone', CARRIER, { countryCode: 'BE', postalCode: '2800' }, 3],
    ['another country without a zone → default', CARRIER, { countryCode: 'DE', postalCode: '28195' }, 4],
    ['no address → default', CARRIER, null, 4],
    ['zone order does not matter', { ...CARRIER, transitTimes: [...CARRIER.transitTimes].reverse() }, CHARTRES, 2],
    [
      'a blank prefix is the whole country',
      { ...CARRIER, transitTimes: [{ countryCode: 'FR', postalPrefix: ' ', days: 5 }] },
      PARIS,
      5,
    ],
    [
      'same prefix twice: the first listed wins',
      {
        ...CARRIER,
        transitTimes: [
          { countryCode: 'FR', postalPrefix: '75', days: 0 },
          { countryCode: 'FR', postalPrefix: '75', days: 6 },
        ],
      },
      PARIS,
      0,
    ],
  ])('%s', (_name, carrier, address, days) => {
    expect(transitDaysFor(carrier, address, settings({ transitDays: 3 }))).toBe(days);
  });

  it('ships on the delivery day when the transit is 0', () => {
    const carrier = { ...CARRIER, transitTimes: [{ countryCode: 'FR', postalPrefix: null, days: 0 }] };
    expect(shipDateFor({ ...BASE, carrier })).toBe('2026-06-10');
    expect(checkPlannedDate({ ...BASE, carrier, today: '2026-06-10', nowTime: '16:01' }).findings).toHaveLength(1);
  });
});

describe('carrier calendar', () => {
  it.each<[string, CarrierCalendar, string, 'weekday' | 'holiday' | 'closed' | null]>([
    ['a Monday', CARRIER, '2026-06-08', null],
    ['a Saturday', CARRIER, '2026-06-13', 'weekday'],
    ['a Saturday for a Saturday carrier', SATURDAY_CARRIER, '2026-06-13', null],
    ['a Sunday', SATURDAY_CARRIER, '2026-06-14', 'weekday'],
    ['Christmas 2026', CARRIER, '2026-12-25', 'holiday'],
    ['New Year 2027', CARRIER, '2027-01-01', 'holiday'],
    ['Easter Monday 2027', CARRIER, '2027-03-29', 'holiday'],
    ['Ascension 2027', CARRIER, '2027-05-06', 'holiday'],
    ['a listed closed day', CARRIER, '2026-12-24', 'closed'],
    ['a holiday on a non-working weekday says weekday', CARRIER, '2027-05-01', 'weekday'],
  ])('%s (%s)', (_name, carrier, date, reason) => {
    expect(carrierNonWorkingReason(carrier, date)).toBe(reason);
    expect(isCarrierWorkingDay(carrier, date)).toBe(reason === null);
  });

  it('rejects an invalid date', () => {
    expect(() => isCarrierWorkingDay(CARRIER, '2026-02-30')).toThrow(RangeError);
  });
});
