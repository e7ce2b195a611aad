import { describe, expect, it } from 'vitest';
import {
  allowedCommands,
  isExpired,
  isQuoteEditable,
  nextQuoteState,
  quoteCommands,
  quoteStates,
  quoteTransitions,
  type QuoteCommand,
  type QuoteState,
} from './quote-state';

// The expected lifecycle, written independently of the table under test.
const expected: Record<QuoteState, Partial<Record<QuoteCommand, QuoteState>>> = {
  draft: { send: 'sent', accept: 'accepted', refuse: 'refused', cancel: 'cancelled' },
  sent: { send: 'sent', accept: 'accepted', refuse: 'refused', expire: 'expired', cancel: 'cancelled' },
  accepted: { convert: 'converted' },
  refused: { reopen: 'draft' },
  expired: { reopen: 'draft' },
  cancelled: {},
  converted: {},
};

describe('quote transitions', () => {
  const pairs = quoteStates.flatMap((s) => quoteCommands.map((c) => [s, c, expected[s][c]] as const));

  it('covers the 7 × 7 (state, command) pairs', () => {
    expect(pairs).toHaveLength(49);
  });

  it.each(pairs)('%s + %s → %s', (state, command, to) => {
    expect(nextQuoteState(state, command)).toBe(to);
    expect(allowedCommands(state).includes(command)).toBe(to !== undefined);
  });

  it('the table has no duplicate (from, command)', () => {
    const keys = quoteTransitions.map(([f, c]) => `${f}:${c}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(quoteTransitions).toHaveLength(12);
  });

  it('every state is reachable from draft', () => {
    const seen = new Set<QuoteState>(['draft']);
    const queue: QuoteState[] = ['draft'];
    for (let s = queue.shift(); s !== undefined; s = queue.shift()) {
      for (const c of allowedCommands(s)) {
        const n = nextQuoteState(s, c);
        if (n && !seen.has(n)) {
          seen.add(n);
          queue.push(n);
        }
      }
    }
    expect([...seen].sort()).toEqual([...quoteStates].sort());
  });

  it.each<[QuoteState, QuoteCommand[]]>([
    ['draft', ['send', 'accept', 'refuse', 'cancel']],
    ['sent', ['send', 'accept', 'refuse', 'expire', 'cancel']],
    ['accepted', ['convert']],
    ['refused', ['reopen']],
    ['expired', ['reopen']],
    ['cancelled', []],
    ['converted', []],
  ])('allowedCommands(%s)', (state, commands) => {
    expect(allowedCommands(state)).toEqual(commands);
  });
});

describe('isQuoteEditable', () => {
  it.each(quoteStates.map((s) => [s, s === 'draft'] as const))('%s → %s', (state, editable) => {
    expect(isQuoteEditable(state)).toBe(editable);
  });
});

describe('isExpired', () => {
  it.each<[string, string, boolean]>([
    ['2026-06-30', '2026-06-29', false],
    ['2026-06-30', '2026-06-30', false],
    ['2026-06-30', '2026-07-01', true],
    ['2025-12-31', '2026-01-01', true],
    ['2026-12-31', '2026-01-01', false],
  ])('validUntil %s, today %s → %s', (validUntil, today, result) => {
    expect(isExpired(validUntil, today)).toBe(result);
  });

  it('rejects non-ISO dates', () => {
    expect(() => isExpired('30/06/2026', '2026-07-01')).toThrow(RangeError);
  });
});
