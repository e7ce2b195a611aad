import { describe, expect, it } from 'vitest';
import { contractStatus, renewalDue } from './contracts.service';

const c = (over: Partial<Parameters<typeof renewalDue>[0]> = {}) => ({
  status: 'active',
  validFrom: '2026-01-01',
  validTo: '2026-12-31',
  renewalDate: '2026-12-01' as string | null,
  alertDays: 30,
  ...over,
});

describe('contract status', () => {
  it.each([
    ['2025-12-31', 'upcoming'],
    ['2026-01-01', 'active'],
    ['2026-12-31', 'active'],
    ['2027-01-01', 'expired'],
  ] as const)('on %s the contract is %s', (today, status) => expect(contractStatus(c(), today)).toBe(status));
  it('a terminated contract stays terminated whatever the date', () => {
    expect(contractStatus(c({ status: 'terminated' }), '2026-06-01')).toBe('terminated');
  });
});

describe('renewal alert', () => {
  it.each([
    ['2026-10-31', c(), false],
    ['2026-11-01', c(), true], // exactly alertDays before the renewal date
    ['2026-12-15', c(), true],
    ['2027-01-01', c(), false], // expired: too late to renew
    ['2026-11-15', c({ renewalDate: null }), false],
    ['2026-11-15', c({ status: 'terminated' }), false],
    ['2026-11-15', c({ alertDays: 0 }), false],
    ['2026-12-01', c({ alertDays: 0 }), true],
  ] as const)('on %s → %s', (today, contract, due) => expect(renewalDue(contract, today)).toBe(due));
});
