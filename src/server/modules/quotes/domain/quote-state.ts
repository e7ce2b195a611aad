/**
 * Quote lifecycle as data. Pure: the table is the specification; every function reads it.
 *
 *   draft ──send──▶ sent ──send──▶ sent (re-sending is allowed)
 *   draft|sent ──accept──▶ accepted ──convert──▶ converted
 *   draft|sent ──refuse──▶ refused ──reopen──▶ draft
 *   sent ──expire──▶ expired ──reopen──▶ draft
 *   draft|sent ──cancel──▶ cancelled
 *
 * `converted` and `cancelled` are final. Only a draft is editable. A quote is expired when its validUntil is
 * strictly before today (valid through the validUntil day itself).
 */
import { isIsoDate } from '@shared/dates';

export const quoteStates = ['draft', 'sent', 'accepted', 'refused', 'expired', 'cancelled', 'converted'] as const;
export type QuoteState = (typeof quoteStates)[number];
export const quoteCommands = ['send', 'accept', 'refuse', 'expire', 'cancel', 'convert', 'reopen'] as const;
export type QuoteCommand = (typeof quoteCommands)[number];

/** [from, command, to] — every allowed transition, and only those. */
export const quoteTransitions: readonly (readonly [QuoteState, QuoteCommand, QuoteState])[] = [
  ['draft', 'send', 'sent'],
  ['sent', 'send', 'sent'],
  ['draft', 'accept', 'accepted'],
  ['sent', 'accept', 'accepted'],
  ['draft', 'refuse', 'refused'],
  ['sent', 'refuse', 'refused'],
  ['sent', 'expire', 'expired'],
  ['draft', 'cancel', 'cancelled'],
  ['sent', 'cancel', 'cancelled'],
  ['accepted', 'convert', 'converted'],
  ['refused', 'reopen', 'draft'],
  ['expired', 'reopen', 'draft'],
];

/** The state after `command`, or undefined when the command is not allowed in `state`. */
export function nextQuoteState(state: QuoteState, command: QuoteCommand): QuoteState | undefined {
  return quoteTransitions.find(([from, cmd]) => from === state && cmd === command)?.[2];
}

/** Commands allowed in `state`, in table order. */
export function allowedCommands(state: QuoteState): QuoteCommand[] {
  return quoteTransitions.filter(([from]) => from === state).map(([, cmd]) => cmd);
}

/** Lines, prices and terms can be changed only in draft. */
export function isQuoteEditable(state: QuoteState): boolean {
  return state === 'draft';
}

/** True when validUntil < today (both ISO dates); the quote is still valid on its validUntil day. */
export function isExpired(validUntil: string, today: string): boolean {
  if (!isIsoDate(validUntil) || !isIsoDate(today)) throw new RangeError('isExpired expects ISO dates (YYYY-MM-DD)');
  return validUntil < today;
}
