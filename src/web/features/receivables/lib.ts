import type { TFunction } from 'i18next';
import { dec, isDecimalString, toMoneyString } from '@shared/decimal';
import type { AllocationInput, OpenItem } from './api';

export { todayIso } from '../quotes/lib';
export { isZero, parseAmount } from '../invoices/lib';

/** An API decimal as a Decimal; anything unreadable counts as 0. */
const d = (s: string | null | undefined) => (s && isDecimalString(s) ? dec(s) : dec(0));

/** a + b, as money (2 decimals). */
export const addMoney = (a: string | null | undefined, b: string | null | undefined) => toMoneyString(d(a).plus(d(b)));

/** a − b, as money (may be negative). */
export const subMoney = (a: string | null | undefined, b: string | null | undefined) => toMoneyString(d(a).minus(d(b)));

/** Compares two API decimals by value (-1, 0, 1). */
export const cmpMoney = (a: string | null | undefined, b: string | null | undefined) => d(a).cmp(d(b));

export const sumMoney = (values: (string | null | undefined)[]) =>
  toMoneyString(values.reduce((acc, v) => acc.plus(d(v)), dec(0)));

export const isNegative = (s: string | null | undefined) => d(s).isNegative() && !d(s).isZero();

/** The smaller of two amounts. */
export const minMoney = (a: string, b: string) => (cmpMoney(a, b) <= 0 ? a : b);

/**
 * What the allocations of a payment take from it: invoices count, credit notes (offsets) give back.
 * `items` tells which ids are credit notes.
 */
export function allocatedTotal(allocations: AllocationInput[], items: Pick<OpenItem, 'id' | 'type'>[]): string {
  const credit = new Set(items.filter((i) => i.type === 'credit_note').map((i) => i.id));
  return toMoneyString(
    allocations.reduce((acc, a) => (credit.has(a.invoiceId) ? acc.minus(d(a.amount)) : acc.plus(d(a.amount))), dec(0)),
  );
}

/** The oldest due invoices first, up to `amount` (credit notes are never consumed this way): what the server does. */
export function oldestFirst(amount: string, items: OpenItem[]): Record<string, string> {
  let left = d(amount);
  const out: Record<string, string> = {};
  for (const i of items) {
    if (i.type !== 'invoice' || left.lte(0)) continue;
    const take = left.lt(d(i.amountDue)) ? left : d(i.amountDue);
    if (take.gt(0)) out[i.id] = toMoneyString(take);
    left = left.minus(take);
  }
  return out;
}

/** The file's bytes in base64 (the data URL's payload), read in the browser. */
export function readFileBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result ?? '');
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

/** A matching reason code as a person reads it (« N° de facture dans le libellé »). */
export const reasonLabel = (code: string, t: TFunction) =>
  t(`receivables.reasons.${code}`, { defaultValue: code.replace(/_/g, ' ') });

/** A level name of the ladder: the default ones are codes (courtesy, reminder…), a company's own are its words. */
export const levelLabel = (name: string, t: TFunction) => t(`receivables.levelNames.${name}`, { defaultValue: name });

/** The code of a refused line or command, as a sentence. */
export const codeLabel = (code: string, t: TFunction) =>
  t(`receivables.codes.${code}`, { defaultValue: t('receivables.codes.other', { code }) });
