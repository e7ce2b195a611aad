import { randomId } from '@mantine/hooks';
import type { TFunction } from 'i18next';
import { sameDecimal } from '@web/features/quotes/lib';
import { decimalToTrimmedInput, fractionDigits, inputToDecimal, isPositiveDecimal } from '@web/features/quotes/lib';
import { isCustomerCode, type Order, type OrderFinding, type ProductCandidate } from './api';

export interface OrderLineValues {
  key: string;
  /** The saved line this row is (edit); null: a new line. */
  id: string | null;
  /** The saved line's product: kept as such (its customer code and price stay) unless another is picked. */
  savedProductId: string | null;
  product: ProductCandidate | null;
  quantity: string;
  /** Empty: the price of the customer's conditions. */
  unitPrice: string;
}

export interface OrderFormValues {
  customerId: string;
  customerReference: string;
  shipToId: string | null;
  requestedDeliveryDate: string | null;
  notes: string;
  /** Why the order changes (asked when it is already confirmed). */
  reason: string;
  lines: OrderLineValues[];
}

export function emptyLine(): OrderLineValues {
  return { key: randomId(), id: null, savedProductId: null, product: null, quantity: '', unitPrice: '' };
}

export function emptyOrder(): OrderFormValues {
  return {
    customerId: '',
    customerReference: '',
    shipToId: null,
    requestedDeliveryDate: null,
    notes: '',
    reason: '',
    lines: [emptyLine()],
  };
}

/** A saved order in the entry grid. A price that follows the customer's conditions stays empty (re-priced). */
export function orderToForm(o: Order, lang: string): OrderFormValues {
  return {
    customerId: o.customerId,
    customerReference: o.customerReference ?? '',
    shipToId: o.shipToId,
    requestedDeliveryDate: o.requestedDeliveryDate,
    notes: o.notes ?? '',
    reason: '',
    lines: o.lines.map((l) => {
      const followsConditions =
        l.expectedUnitPrice !== null &&
        sameDecimal(l.unitPrice, l.expectedUnitPrice) &&
        sameDecimal(l.discountPercent, l.expectedDiscountPercent ?? '0');
      return {
        key: randomId(),
        id: l.id,
        savedProductId: l.productId,
        product: {
          id: l.productId,
          sku: l.sku,
          name: l.description,
          nameEn: null,
          gtin: null,
          unit: l.unit,
          via: l.customerProductCode ? 'saved_customer_code' : 'saved',
          code: l.customerProductCode ?? l.sku,
        },
        quantity: decimalToTrimmedInput(l.quantity, lang, 0),
        unitPrice: followsConditions ? '' : decimalToTrimmedInput(l.unitPrice, lang),
      };
    }),
  };
}

export const isBlankLine = (l: OrderLineValues) => !l.product && !l.quantity.trim() && !l.unitPrice.trim();

/** A line the server can price: a product and a positive quantity. */
export const isCompleteLine = (l: OrderLineValues) => !!l.product && isPositiveDecimal(inputToDecimal(l.quantity));

const blankToNull = (s: string) => (s.trim() === '' ? null : s.trim());

function lineBody(l: OrderLineValues, withId: boolean): Record<string, unknown> {
  const line: Record<string, unknown> = {};
  if (withId && l.id) line.id = l.id;
  const p = l.product;
  if (p) {
    if (p.id === l.savedProductId) line.productId = p.id;
    else if (isCustomerCode(p.via) && p.code) line.customerProductCode = p.code;
    else line.productId = p.id;
  }
  line.quantity = inputToDecimal(l.quantity) ?? l.quantity.trim();
  const price = l.unitPrice.trim();
  if (price) line.unitPrice = inputToDecimal(price) ?? price;
  return line;
}

export interface OrderPayload {
  body: Record<string, unknown>;
  /** Payload line index → form line key (blank lines are not sent). */
  keys: string[];
}

/**
 * POST /orders body, or with `preview` the POST /orders/preview one: only the lines it can price, without the saved
 * lines' ids (the preview is a new order).
 */
export function toCreatePayload(v: OrderFormValues, preview = false): OrderPayload {
  const kept = v.lines.filter((l) => (preview ? isCompleteLine(l) : !isBlankLine(l)));
  return {
    body: {
      customerId: v.customerId,
      customerReference: blankToNull(v.customerReference),
      shipToId: v.shipToId || null,
      requestedDeliveryDate: v.requestedDeliveryDate || null,
      notes: blankToNull(v.notes),
      source: 'manual',
      lines: kept.map((l) => lineBody(l, false)),
    },
    keys: kept.map((l) => l.key),
  };
}

/** PATCH /orders/{id} body: the full list of lines (kept ones with their id), and the reason. */
export function toPatchPayload(v: OrderFormValues): OrderPayload {
  const kept = v.lines.filter((l) => !isBlankLine(l));
  return {
    body: {
      customerReference: blankToNull(v.customerReference),
      shipToId: v.shipToId || null,
      requestedDeliveryDate: v.requestedDeliveryDate || null,
      notes: blankToNull(v.notes),
      lines: kept.map((l) => lineBody(l, true)),
      reason: blankToNull(v.reason),
    },
    keys: kept.map((l) => l.key),
  };
}

/** Where a server path ("lines.1.quantity", "customerReference") points in the form. */
export function formPathOf(path: string, keys: string[], lines: OrderLineValues[]): string {
  const p = path
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/^\/|^body\./, '')
    .replace(/\//g, '.');
  const m = /^lines\.(\d+)(?:\.(\w+))?/.exec(p);
  if (m) {
    const key = keys[Number(m[1])];
    const index = key ? lines.findIndex((l) => l.key === key) : -1;
    const at = index >= 0 ? index : Number(m[1]);
    const field = m[2] === 'quantity' ? 'quantity' : m[2] === 'unitPrice' ? 'unitPrice' : 'product';
    return `lines.${at}.${field}`;
  }
  return p;
}

/** The form line a finding is about: by its path (lines.N as sent), else by its line id. */
export function findingLineKey(
  f: Pick<OrderFinding, 'path' | 'lineId'>,
  keys: string[],
  lineIds: (string | null)[],
): string | null {
  const m = /^lines\.(\d+)/.exec(f.path);
  if (m) return keys[Number(m[1])] ?? null;
  if (f.lineId) {
    const i = lineIds.indexOf(f.lineId);
    if (i >= 0) return keys[i] ?? null;
  }
  return null;
}

/** Client-side checks (the server decides in the end), keyed like the form's paths. Blank lines are ignored. */
export function validateOrder(v: OrderFormValues, t: TFunction, needsReason: boolean): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!v.customerId) errors.customerId = t('validation.required');
  if (needsReason && !v.reason.trim()) errors.reason = t('orders.entry.validation.reasonRequired');
  const kept = v.lines.filter((l) => !isBlankLine(l));
  if (kept.length === 0) errors.lines = t('orders.entry.validation.noLines');
  v.lines.forEach((l, i) => {
    if (isBlankLine(l)) return;
    if (!l.product) errors[`lines.${i}.product`] = t('orders.entry.validation.productRequired');
    const qty = inputToDecimal(l.quantity);
    if (!isPositiveDecimal(qty) || fractionDigits(qty) > 3)
      errors[`lines.${i}.quantity`] = t('orders.entry.validation.quantity');
    if (l.unitPrice.trim()) {
      const p = inputToDecimal(l.unitPrice);
      if (p === null || fractionDigits(p) > 4) errors[`lines.${i}.unitPrice`] = t('validation.decimal', { max: 4 });
    }
  });
  return errors;
}
