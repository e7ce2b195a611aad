import { describe, expect, it } from 'vitest';
import { protestDeadline } from './pod';

describe('protestDeadline — domestic (L133-3: 3 days after receipt, public holidays not counted, Sundays counted)', () => {
  it.each([
    ['an ordinary Tuesday', '2026-03-10', '2026-03-13'],
    ['a Friday: Saturday, Sunday and Monday count', '2026-11-06', '2026-11-09'],
    ['a Friday before Whit Monday 2026', '2026-05-22', '2026-05-26'],
    ['a Thursday: the deadline is a Sunday and stays there', '2026-06-11', '2026-06-14'],
    ['the day before Christmas Eve: 25 Dec skipped', '2026-12-23', '2026-12-27'],
    ['Christmas day itself: counting starts the next day', '2026-12-25', '2026-12-28'],
    ['New Year’s Eve: 1 Jan skipped', '2026-12-31', '2027-01-04'],
    ['before 1 May 2027', '2027-04-29', '2027-05-03'],
    ['before Ascension (6 May) and 8 May 2027', '2027-05-05', '2027-05-10'],
    ['Ascension 2027 itself', '2027-05-06', '2027-05-10'],
    ['the day before 8 May 2027', '2027-05-07', '2027-05-11'],
  ])('%s: received %s → %s', (_name, receivedOn, deadline) => {
    expect(protestDeadline(receivedOn, false)).toBe(deadline);
  });
});

describe('protestDeadline — international (CMR art. 30: 7 days, Sundays and public holidays excluded)', () => {
  it.each([
    ['an ordinary Tuesday', '2026-03-10', '2026-03-18'],
    ['a Friday, 11 November in the way', '2026-11-06', '2026-11-16'],
    ['before Christmas and New Year', '2026-12-23', '2027-01-02'],
    ['before 1 May, Ascension and 8 May 2027', '2027-04-29', '2027-05-11'],
    ['before Ascension 2027', '2027-05-05', '2027-05-15'],
    ['a Friday before 8 May and Whit Monday 2027', '2027-05-07', '2027-05-18'],
  ])('%s: received %s → %s', (_name, receivedOn, deadline) => {
    expect(protestDeadline(receivedOn, true)).toBe(deadline);
  });
});

describe('protestDeadline — input', () => {
  it.each(['2026-02-30', '26-03-10', ''])('rejects %j', (date) => {
    expect(() => protestDeadline(date, false)).toThrow(RangeError);
  });
});
