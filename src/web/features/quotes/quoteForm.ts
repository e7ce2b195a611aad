import { randomId } from '@mantine/hooks';
import type { TFunction } from 'i18next';
import type { TotalsLineInput } from '@shared/totals';
import type { PriceResultDto, Quote } from './api';
import { decimalToTrimmedInput, fractionDigits, inputToDecimal, isPositiveDecimal, plusDays, sameDecimal } from './lib';

export const QUOTE_VALIDITY_DAYS = 30;

export interface QuoteLineValues {
  key: string;
  productId: string;
  sku: string;
  productName: string;
  productNameEn: string | null;
  unit: string;
  vatCategory: string;
  vatRate: string;
  quantity: string;
  unitPrice: string;
  discountPercent: string;
  /** True while the price follows the pricing function's suggestion. */
  autoPrice: boolean;
  overrideReason: string;
  /** Kept from a saved line; empty → the server uses the product name in the customer's language. */
  description: string;
}

export interface QuoteFormValues {
  customerId: string;
  shipToId: string | null;
  contactName: string;
  contactEmail: string;
  issueDate: string | null;
  validUntil: string | null;
  customerReference: string;
  isTender: boolean;
  tenderReference: string;
  tenderDeadline: string | null;
  notes: string;
  lines: QuoteLineValues[];
}

export function emptyLine(): QuoteLineValues {
  return {
    key: randomId(),
    productId: '',
    sku: '',
    productName: '',
    productNameEn: null,
    unit: '',
    vatCategory: 'S',
    vatRate: '20.00',
    quantity: '',
    unitPrice: '',
    discountPercent: '',
    autoPrice: true,
    overrideReason: '',
    description: '',
  };
}

export function emptyQuote(today: string, customerId = ''): QuoteFormValues {
  return {
    customerId,
    shipToId: null,
    contactName: '',
    contactEmail: '',
    issueDate: today,
    validUntil: plusDays(today, QUOTE_VALIDITY_DAYS),
    customerReference: '',
    isTender: false,
    tenderReference: '',
    tenderDeadline: null,
    notes: '',
    lines: [emptyLine()],
  };
}

export function quoteToForm(q: Quote, lang: string): QuoteFormValues {
  return {
    customerId: q.customerId,
    shipToId: q.shipToId,
    contactName: q.contactName ?? '',
    contactEmail: q.contactEmail ?? '',
    issueDate: q.issueDate,
    validUntil: q.validUntil,
    customerReference: q.customerReference ?? '',
    isTender: !!q.tender,
    tenderReference: q.tender?.reference ?? '',
    tenderDeadline: q.tender?.deadline ?? null,
    notes: q.notes ?? '',
    lines: q.lines.map((l) => ({
      key: randomId(),
      productId: l.productId,
      sku: l.sku,
      productName: l.description,
      productNameEn: null,
      unit: l.unit,
      vatCategory: l.vatCategory,
      vatRate: l.vatRate,
      quantity: decimalToTrimmedInput(l.quantity, lang, 0),
      unitPrice: decimalToTrimmedInput(l.unitPrice, lang),
      discountPercent: /[1-9]/.test(l.discountPercent) ? decimalToTrimmedInput(l.discountPercent, lang, 0) : '',
      autoPrice: !l.overrideReason,
      overrideReason: l.overrideReason ?? '',
      description: l.description,
    })),
  };
}

export const isBlankLine = (l: QuoteLineValues) => !l.productId && !l.quantity.trim();

/** The line's price differs from what the pricing function suggests (or there is no suggestion to follow). */
export function isOverridden(l: QuoteLineValues, s: PriceResultDto | null | undefined, loading: boolean): boolean {
  const price = inputToDecimal(l.unitPrice);
  if (!l.productId || price === null) return false;
  const discount = inputToDecimal(l.discountPercent) ?? '0';
  // A fresh suggestion is on its way: keep it (and its discount) when it is the one the line follows.
  if (loading) return !l.autoPrice;
  if (s) return !sameDecimal(price, s.unitPrice) || !sameDecimal(discount, s.discountPercent);
  // No suggestion at all: a price typed by hand is an override.
  return !l.autoPrice;
}

/** Lines for live totals: only complete ones count. */
export function totalsInput(lines: QuoteLineValues[]): TotalsLineInput[] {
  const out: TotalsLineInput[] = [];
  for (const l of lines) {
    const quantity = inputToDecimal(l.quantity);
    const unitPrice = inputToDecimal(l.unitPrice);
    if (!l.productId || !isPositiveDecimal(quantity) || unitPrice === null) continue;
    const discount = inputToDecimal(l.discountPercent);
    out.push({ quantity, unitPrice, discountPercent: discount, vatCategory: l.vatCategory, vatRate: l.vatRate });
  }
  return out;
}

const blankToNull = (s: string) => (s.trim() === '' ? null : s.trim());

export interface QuotePayload {
  body: Record<string, unknown>;
  /** Payload line index → form line index (blank lines are not sent). */
  indexMap: number[];
}

export function quoteToPayload(
  v: QuoteFormValues,
  overridden: (l: QuoteLineValues, index: number) => boolean,
  forUpdate: boolean,
): QuotePayload {
  const kept = v.lines.map((l, i) => ({ l, i })).filter(({ l }) => !isBlankLine(l));
  const lines = kept.map(({ l, i }) => {
    const line: Record<string, unknown> = {
      productId: l.productId || undefined,
      quantity: inputToDecimal(l.quantity) ?? l.quantity.trim(),
    };
    if (l.description) line.description = l.description;
    if (overridden(l, i)) {
      line.unitPrice = inputToDecimal(l.unitPrice) ?? l.unitPrice.trim();
      line.discountPercent = inputToDecimal(l.discountPercent) ?? '0';
      line.overrideReason = blankToNull(l.overrideReason);
    }
    return line;
  });
  const body: Record<string, unknown> = {
    shipToId: v.shipToId || null,
    contactName: blankToNull(v.contactName),
    contactEmail: blankToNull(v.contactEmail),
    issueDate: v.issueDate || undefined,
    validUntil: v.validUntil || undefined,
    customerReference: blankToNull(v.customerReference),
    tender: v.isTender ? { reference: v.tenderReference.trim(), deadline: v.tenderDeadline || null } : null,
    notes: blankToNull(v.notes),
    lines,
  };
  if (!forUpdate) body.customerId = v.customerId;
  return { body, indexMap: kept.map(({ i }) => i) };
}

/** A server error path on the payload → the form's path ("lines.1.sku" → "lines.3.productId"). */
export function formPathOf(path: string, indexMap: number[]): string {
  const p = path
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/^\/|^body\./, '')
    .replace(/\//g, '.');
  const m = /^lines\.(\d+)(?:\.(\w+))?/.exec(p);
  if (m) {
    const formIndex = indexMap[Number(m[1])] ?? Number(m[1]);
    const field = m[2] === 'sku' || !m[2] ? 'productId' : m[2];
    return `lines.${formIndex}.${field}`;
  }
  if (p.startsWith('tender.reference') || p === 'tender') return 'tenderReference';
  if (p.startsWith('tender.deadline')) return 'tenderDeadline';
  return p;
}

/**
 * Client-side checks (the server decides in the end), keyed like the form's paths; `overridden` tells which lines
 * need a reason. Blank lines are ignored (and dropped from the payload).
 */
export function validateQuote(
  v: QuoteFormValues,
  t: TFunction,
  overridden: (l: QuoteLineValues, index: number) => boolean,
): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!v.customerId) errors.customerId = t('validation.required');
  if (!v.issueDate) errors.issueDate = t('validation.required');
  if (v.issueDate && v.validUntil && v.validUntil < v.issueDate)
    errors.validUntil = t('quotes.validation.validUntilBeforeIssue');
  if (v.contactEmail.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.contactEmail.trim()))
    errors.contactEmail = t('validation.email');
  if (v.isTender && !v.tenderReference.trim()) errors.tenderReference = t('validation.required');
  const kept = v.lines.filter((l) => !isBlankLine(l));
  if (kept.length === 0) errors['lines'] = t('quotes.validation.noLines');
  v.lines.forEach((l, i) => {
    if (isBlankLine(l)) return;
    if (!l.productId) errors[`lines.${i}.productId`] = t('quotes.validation.productRequired');
    const qty = inputToDecimal(l.quantity);
    if (!isPositiveDecimal(qty) || fractionDigits(qty) > 3)
      errors[`lines.${i}.quantity`] = t('quotes.validation.quantity');
    if (l.unitPrice.trim()) {
      const p = inputToDecimal(l.unitPrice);
      if (p === null || fractionDigits(p) > 4) errors[`lines.${i}.unitPrice`] = t('validation.decimal', { max: 4 });
    }
    if (l.discountPercent.trim()) {
      const d = inputToDecimal(l.discountPercent);
      if (d === null || fractionDigits(d) > 2 || !/^(\d{1,2}(\.\d+)?|100(\.0+)?)$/.test(d))
        errors[`lines.${i}.discountPercent`] = t('quotes.validation.discount');
    }
    if (overridden(l, i) && !l.overrideReason.trim())
      errors[`lines.${i}.overrideReason`] = t('quotes.validation.overrideReasonRequired');
  });
  return errors;
}
