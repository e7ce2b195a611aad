/**
 * The order validation pipeline (issue #5): one list of small pure rules, each with a code, a severity and the
 * params its message needs. It runs on creation, on every change and again at confirmation, on facts the service
 * gathers (prices from the pricing function, stock and promise, credit, duplicates, the customer's rule findings).
 *
 * RULES (path = where the finding points; lines.N = the N-th line as sent)
 * - product_inactive (blocking, lines.N.sku): the product is no longer sold.
 * - no_price (blocking, lines.N.unitPrice): no price in the order's currency and none given.
 * - price_differs (warning, lines.N.unitPrice): the price or discount given differs from the customer's conditions
 *   (contract, customer price, price list or catalog); params given/expected, discounts and the source label.
 * - below_min_quantity (blocking, lines.N.quantity): quantity < the product's minimum order quantity.
 * - not_order_multiple (warning, lines.N.quantity): quantity is not a multiple of the order multiple; `suggested`
 *   is the next multiple up.
 * - product_code_translated (info, lines.N.customerProductCode): the customer's code was translated to our SKU.
 * - stock_short (warning, lines.N.quantity): a stock-tracked line is not fully available now; params available,
 *   shortage and the date the rest can ship (receipt or lead time) — the shortage becomes a backorder.
 * - requested_date_in_past (warning, requestedDeliveryDate): before the order date.
 * - requested_date_too_early (warning, requestedDeliveryDate | lines.N.requestedDeliveryDate): the earliest
 *   delivery (stock, preparation, transit, receipts or lead time) is after the requested date; params promised.
 * - requested_date_company_closed (warning, requestedDeliveryDate): our own calendar (weekend, public holiday,
 *   closure) has no shipping that day — delivery that day means shipping earlier.
 * - customer rule findings (delivery_day_not_allowed, delivery_in_closing_period, below_min_order_amount,
 *   po_number_required, customer_reference_format, reminders…) are passed through with their own severity.
 * - no_deliverable_date (blocking, requestedDeliveryDate): no date in the next 120 days suits the customer.
 * - credit_limit_exceeded (blocking, customerId): exposure (committed orders + open receivables, this order
 *   excluded) + this order's gross > the credit limit; nothing when the customer has no limit.
 * - overdue_invoices (customerId): invoices overdue; blocking when one is overdue by more than the company's
 *   creditHoldOverdueDays, else warning.
 * - duplicate_customer_reference (warning, customerReference): another live order of this customer has the same
 *   reference (PO number).
 */
import { dec, toMoneyString, toQuantityString } from '@shared/decimal';

export type Severity = 'info' | 'warning' | 'blocking';

export type OrderFindingRaw = {
  code: string;
  severity: Severity;
  path: string;
  /** The order line concerned (null: the whole order, or a line not yet saved). */
  lineId: string | null;
  params: Record<string, string | number>;
  /** The customer rule's note, when the finding comes from one. */
  note: string | null;
  ruleId?: string | null;
};

export type PipelineLine = {
  lineId: string | null;
  sku: string;
  productActive: boolean;
  stockTracked: boolean;
  quantity: string;
  unitPrice: string | null;
  discountPercent: string;
  /** What the customer's price conditions give (null: no price in that currency). */
  expectedUnitPrice: string | null;
  expectedDiscountPercent: string | null;
  priceLabel: string | null;
  minOrderQuantity: string | null;
  orderMultiple: string | null;
  customerProductCode: string | null;
  translatedVia: 'cross_reference' | 'prefix' | 'gtin' | 'own_sku' | null;
  /** From stock now (tracked products), the rest is short. */
  available: string;
  shortage: string;
  shipDate: string;
  shipBasis: 'stock' | 'receipt' | 'lead_time';
  earliestDelivery: string;
  requestedDeliveryDate: string | null;
};

export type PipelineFacts = {
  orderDate: string;
  customerReference: string | null;
  requestedDeliveryDate: string | null;
  /** The delivery date the promise found (null: none within the horizon). */
  promisedDeliveryDate: string | null;
  /** Our calendar says the requested date is not a working day (null: it is, or no date). */
  requestedDayClosed: { reason: 'weekday' | 'holiday' | 'closure'; label: string | null } | null;
  lines: PipelineLine[];
  orderGross: string;
  currency: string;
  credit: {
    limit: string | null;
    /** Committed orders + open receivables of the customer, this order excluded. */
    exposure: string;
    overdueCount: number;
    overdueAmount: string;
    maxOverdueDays: number;
    holdAfterDays: number;
  };
  /** Other live orders of the customer with the same reference. */
  duplicates: { number: string }[];
  /** Findings of the customer's rules (customers module), already evaluated. */
  customerFindings: OrderFindingRaw[];
};

type Rule = { code: string; check: (f: PipelineFacts) => OrderFindingRaw[] };

const f = (
  code: string,
  severity: Severity,
  path: string,
  params: Record<string, string | number> = {},
  lineId: string | null = null,
): OrderFindingRaw => ({ code, severity, path, lineId, params, note: null });

const perLine = (
  code: string,
  check: (l: PipelineLine, i: number, facts: PipelineFacts) => OrderFindingRaw | null,
): Rule => ({
  code,
  check: (facts) => facts.lines.map((l, i) => check(l, i, facts)).filter((x): x is OrderFindingRaw => x !== null),
});

const money = (s: string) => toMoneyString(s, 4);

/** The next multiple of `m` at or above `q` (both > 0). */
export function nextMultiple(q: string, m: string): string {
  const k = dec(q).div(m).ceil();
  return toQuantityString(k.times(m));
}

export const orderRules: readonly Rule[] = [
  perLine('product_inactive', (l, i) =>
    l.productActive ? null : f('product_inactive', 'blocking', `lines.${i}.sku`, { sku: l.sku }, l.lineId),
  ),
  perLine('no_price', (l, i) =>
    l.unitPrice === null ? f('no_price', 'blocking', `lines.${i}.unitPrice`, { sku: l.sku }, l.lineId) : null,
  ),
  perLine('price_differs', (l, i) => {
    if (l.unitPrice === null || l.expectedUnitPrice === null) return null;
    const samePrice = dec(l.unitPrice).eq(l.expectedUnitPrice);
    const sameDiscount = dec(l.discountPercent).eq(l.expectedDiscountPercent ?? '0');
    if (samePrice && sameDiscount) return null;
    return f(
      'price_differs',
      'warning',
      `lines.${i}.unitPrice`,
      {
        sku: l.sku,
        given: money(l.unitPrice),
        expected: money(l.expectedUnitPrice),
        givenDiscount: dec(l.discountPercent).toFixed(2),
        expectedDiscount: dec(l.expectedDiscountPercent ?? '0').toFixed(2),
        source: l.priceLabel ?? '',
      },
      l.lineId,
    );
  }),
  perLine('below_min_quantity', (l, i) =>
    l.minOrderQuantity && dec(l.quantity).lt(l.minOrderQuantity)
      ? f(
          'below_min_quantity',
          'blocking',
          `lines.${i}.quantity`,
          { sku: l.sku, quantity: toQuantityString(l.quantity), min: toQuantityString(l.minOrderQuantity) },
          l.lineId,
        )
      : null,
  ),
  perLine('not_order_multiple', (l, i) => {
    if (!l.orderMultiple || dec(l.orderMultiple).lte(0)) return null;
    if (dec(l.quantity).mod(l.orderMultiple).isZero()) return null;
    return f(
      'not_order_multiple',
      'warning',
      `lines.${i}.quantity`,
      {
        sku: l.sku,
        quantity: toQuantityString(l.quantity),
        multiple: toQuantityString(l.orderMultiple),
        suggested: nextMultiple(l.quantity, l.orderMultiple),
      },
      l.lineId,
    );
  }),
  perLine('product_code_translated', (l, i) =>
    l.customerProductCode && l.translatedVia && l.customerProductCode.trim().toUpperCase() !== l.sku.toUpperCase()
      ? f(
          'product_code_translated',
          'info',
          `lines.${i}.customerProductCode`,
          { code: l.customerProductCode, sku: l.sku, via: l.translatedVia },
          l.lineId,
        )
      : null,
  ),
  perLine('stock_short', (l, i) =>
    l.stockTracked && dec(l.shortage).gt(0)
      ? f(
          'stock_short',
          'warning',
          `lines.${i}.quantity`,
          {
            sku: l.sku,
            quantity: toQuantityString(l.quantity),
            available: toQuantityString(l.available),
            shortage: toQuantityString(l.shortage),
            shipDate: l.shipDate,
            basis: l.shipBasis,
          },
          l.lineId,
        )
      : null,
  ),
  {
    code: 'requested_date_in_past',
    check: (x) =>
      x.requestedDeliveryDate && x.requestedDeliveryDate < x.orderDate
        ? [f('requested_date_in_past', 'warning', 'requestedDeliveryDate', { date: x.requestedDeliveryDate })]
        : [],
  },
  {
    code: 'requested_date_too_early',
    check: (x) => {
      const out: OrderFindingRaw[] = [];
      x.lines.forEach((l, i) => {
        const requested = l.requestedDeliveryDate ?? x.requestedDeliveryDate;
        if (!requested || requested < x.orderDate || l.earliestDelivery <= requested) return;
        out.push(
          f(
            'requested_date_too_early',
            'warning',
            l.requestedDeliveryDate ? `lines.${i}.requestedDeliveryDate` : 'requestedDeliveryDate',
            { sku: l.sku, requested, promised: l.earliestDelivery },
            l.lineId,
          ),
        );
      });
      return out;
    },
  },
  {
    code: 'requested_date_company_closed',
    check: (x) =>
      x.requestedDeliveryDate && x.requestedDayClosed
        ? [
            f('requested_date_company_closed', 'warning', 'requestedDeliveryDate', {
              date: x.requestedDeliveryDate,
              reason: x.requestedDayClosed.reason,
              label: x.requestedDayClosed.label ?? '',
            }),
          ]
        : [],
  },
  { code: 'customer_rules', check: (x) => x.customerFindings },
  {
    code: 'no_deliverable_date',
    check: (x) =>
      x.promisedDeliveryDate === null && x.lines.length
        ? [f('no_deliverable_date', 'blocking', 'requestedDeliveryDate', {})]
        : [],
  },
  {
    code: 'credit_limit_exceeded',
    check: ({ credit, orderGross, currency }) => {
      if (credit.limit === null) return [];
      const total = dec(credit.exposure).plus(orderGross);
      if (total.lte(credit.limit)) return [];
      return [
        f('credit_limit_exceeded', 'blocking', 'customerId', {
          limit: toMoneyString(credit.limit, 2),
          exposure: toMoneyString(credit.exposure, 2),
          order: toMoneyString(orderGross, 2),
          over: toMoneyString(total.minus(credit.limit), 2),
          currency,
        }),
      ];
    },
  },
  {
    code: 'overdue_invoices',
    check: ({ credit, currency }) =>
      credit.overdueCount > 0
        ? [
            f('overdue_invoices', credit.maxOverdueDays > credit.holdAfterDays ? 'blocking' : 'warning', 'customerId', {
              count: credit.overdueCount,
              amount: toMoneyString(credit.overdueAmount, 2),
              days: credit.maxOverdueDays,
              currency,
            }),
          ]
        : [],
  },
  {
    code: 'duplicate_customer_reference',
    check: (x) =>
      x.customerReference && x.duplicates.length
        ? [
            f('duplicate_customer_reference', 'warning', 'customerReference', {
              reference: x.customerReference,
              orders: x.duplicates.map((d) => d.number).join(', '),
            }),
          ]
        : [],
  },
];

const RANK: Record<Severity, number> = { blocking: 0, warning: 1, info: 2 };

/** Every rule on the facts; findings sorted blocking first, then warnings, then information (stable). */
export function runPipeline(facts: PipelineFacts): OrderFindingRaw[] {
  const all = orderRules.flatMap((r) => r.check(facts));
  return all
    .map((x, i) => ({ x, i }))
    .sort((a, b) => RANK[a.x.severity] - RANK[b.x.severity] || a.i - b.i)
    .map(({ x }) => x);
}

export const hasBlocking = (findings: { severity: Severity }[]) => findings.some((x) => x.severity === 'blocking');
