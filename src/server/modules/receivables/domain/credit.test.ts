import { describe, expect, it } from 'vitest';
import { creditExposure, creditHoldReasons, type CreditFacts, type CreditHoldReason } from './credit';

describe('creditExposure', () => {
  it.each([
    [{ openInvoicesTtc: '12000.00', deliveredNotInvoicedTtc: '3000', openOrdersTtc: '5000.50' }, '20000.50'],
    [
      { openInvoicesTtc: '12000.00', deliveredNotInvoicedTtc: '0', openOrdersTtc: '0', unallocatedPayments: '2000' },
      '10000.00',
    ],
    [
      { openInvoicesTtc: '-150.50', deliveredNotInvoicedTtc: '0', openOrdersTtc: '0', unallocatedPayments: '100' },
      '-250.50',
    ],
    [{ openInvoicesTtc: '0', deliveredNotInvoicedTtc: '0', openOrdersTtc: '0' }, '0.00'],
  ])('%j → %s', (parts, expected) => {
    expect(creditExposure(parts)).toBe(expected);
  });
});

describe('creditHoldReasons', () => {
  const base: CreditFacts = {
    creditLimit: '50000.00',
    exposure: '20000.00',
    oldestOverdueDays: null,
    overdueDaysLimit: 30,
  };
  const limit = (exposure: string, creditLimit: string, excess: string): CreditHoldReason => ({
    code: 'credit_limit_exceeded',
    params: { exposure, creditLimit, excess },
  });
  const overdue = (oldestOverdueDays: number, overdueDaysLimit: number): CreditHoldReason => ({
    code: 'overdue_invoices',
    params: { oldestOverdueDays, overdueDaysLimit },
  });

  it.each<[string, Partial<CreditFacts>, CreditHoldReason[]]>([
    ['within the limit, nothing overdue', {}, []],
    ['exposure equal to the limit is fine', { exposure: '50000' }, []],
    ['one cent above the limit', { exposure: '50000.01' }, [limit('50000.01', '50000.00', '0.01')]],
    ['no limit set', { creditLimit: null, exposure: '9999999.99' }, []],
    ['limit 0: no credit at all', { creditLimit: '0', exposure: '0.01' }, [limit('0.01', '0.00', '0.01')]],
    ['limit 0 and nothing owed', { creditLimit: '0', exposure: '0' }, []],
    ['customer in credit', { creditLimit: '0', exposure: '-100.00' }, []],
    [
      'the order being checked tips it over',
      { exposure: '45000', orderAmount: '6000.00' },
      [limit('51000.00', '50000.00', '1000.00')],
    ],
    ['the order being checked fits', { exposure: '45000', orderAmount: '5000.00' }, []],
    ['overdue exactly at the limit is fine', { oldestOverdueDays: 30 }, []],
    ['overdue one day beyond the limit', { oldestOverdueDays: 31 }, [overdue(31, 30)]],
    ['limit 0 days: any overdue invoice holds', { overdueDaysLimit: 0, oldestOverdueDays: 1 }, [overdue(1, 0)]],
    ['limit 0 days, nothing overdue', { overdueDaysLimit: 0, oldestOverdueDays: null }, []],
    [
      'both reasons',
      { exposure: '60000', oldestOverdueDays: 95, overdueDaysLimit: 60 },
      [limit('60000.00', '50000.00', '10000.00'), overdue(95, 60)],
    ],
  ])('%s', (_name, o, expected) => {
    expect(creditHoldReasons({ ...base, ...o })).toEqual(expected);
  });

  it.each<[string, Partial<CreditFacts>]>([
    ['negative overdue limit', { overdueDaysLimit: -1 }],
    ['fractional overdue limit', { overdueDaysLimit: 1.5 }],
    ['fractional overdue days', { oldestOverdueDays: 2.5 }],
    ['negative credit limit', { creditLimit: '-1' }],
  ])('rejects %s', (_name, o) => {
    expect(() => creditHoldReasons({ ...base, ...o })).toThrow(RangeError);
  });

  it('rejects amounts that are not decimal strings', () => {
    expect(() => creditHoldReasons({ ...base, exposure: '1 000,00' })).toThrow(TypeError);
  });
});
