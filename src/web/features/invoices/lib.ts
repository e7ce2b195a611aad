import type { TFunction } from 'i18next';
import { dec, isDecimalString } from '@shared/decimal';
import { formatDecimal, normalizeDecimalInput } from '@web/lib/format';
import { LIFECYCLE_STATUSES, type Invoice, type LifecycleCode } from './api';

export { todayIso } from '../quotes/lib';

/** Facture / Avoir / Acompte: what the document is, for its badge and its title. */
export type InvoiceKind = 'invoice' | 'credit_note' | 'down_payment';

export function invoiceKind(inv: Pick<Invoice, 'type' | 'purpose'>): InvoiceKind {
  if (inv.type === 'credit_note') return 'credit_note';
  return inv.purpose === 'down_payment' ? 'down_payment' : 'invoice';
}

/** "FA-2026-00012", or « Brouillon » before the number is given. */
export function invoiceLabel(inv: Pick<Invoice, 'number'>, t: TFunction): string {
  return inv.number ?? t('invoices.draftLabel');
}

/** Lifecycle status label of the reform: « 200 — Déposée ». */
export function lifecycleLabel(code: string, t: TFunction, fallback?: string): string {
  const key = LIFECYCLE_STATUSES[code as LifecycleCode];
  const label = key ? t(`invoices.lifecycle.codes.${code}`) : (fallback ?? code);
  return `${code} — ${label}`;
}

/** "12 345" bytes → "12,1 ko". Sizes are integers (not amounts): a number is fine here. */
export function formatSize(bytes: number, lang: string, t: TFunction): string {
  if (bytes < 1024) return t('invoices.documents.bytes', { size: formatDecimal(String(bytes), lang) });
  const kb = (bytes / 1024).toFixed(1);
  if (bytes < 1024 * 1024) return t('invoices.documents.kb', { size: formatDecimal(kb, lang) });
  return t('invoices.documents.mb', { size: formatDecimal((bytes / 1024 / 1024).toFixed(1), lang) });
}

/**
 * What a person typed in an amount field: the API decimal string (positive, `max` decimals at most) or an error
 * message. Never converted to a float.
 */
export function parseAmount(input: string, t: TFunction, max = 2): { value?: string; error?: string } {
  const raw = normalizeDecimalInput(input);
  if (!raw) return { error: t('validation.required') };
  if (!/^\d{1,15}(\.\d+)?$/.test(raw) || (raw.split('.')[1]?.length ?? 0) > max)
    return { error: t('validation.decimal', { max }) };
  if (!/[1-9]/.test(raw)) return { error: t('invoices.errors.positive') };
  return { value: raw };
}

/** A percent of the order (0 < p ≤ 100, 2 decimals). */
export function parsePercent(input: string, t: TFunction): { value?: string; error?: string } {
  const r = parseAmount(input, t, 2);
  if (r.value && isDecimalString(r.value) && dec(r.value).gt(100)) return { error: t('invoices.errors.percent') };
  return r;
}

/** An API decimal that is zero (or missing): "0", "0.000". */
export const isZero = (s: string | null | undefined) => !s || !/[1-9]/.test(s);
