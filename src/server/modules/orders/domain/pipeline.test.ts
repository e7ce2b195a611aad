import { describe, expect, it } from 'vitest';
import { hasBlocking, nextMultiple, runPipeline, type PipelineFacts, type PipelineLine } from './pipeline';

const line = (over: Partial<PipelineLine> = {}): PipelineLine => ({
  lineId: 'l1',
  sku: 'FX1040',
  productActive: true,
  stockTracked: true,
  quantity: '10',
  unitPrice: '16.5000',
  discountPercent: '0.00',
  expectedUnitPrice: '16.5000',
  expectedDiscountPercent: '0.00',
  priceLabel: 'TARIF-2026',
  minOrderQuantity: null,
  orderMultiple: null,
  customerProductCode: null,
  translatedVia: null,
  available: '10',
  shortage: '0',
  shipDate: '2026-11-24',
  shipBasis: 'stock',
  earliestDelivery: '2026-11-25',
  requestedDeliveryDate: null,
  ...over,
});

const facts = (over: Partial<PipelineFacts> = {}): PipelineFacts => ({
  orderDate: '2026-11-23',
  customerReference: 'PO-004512',
  requestedDeliveryDate: null,
  promisedDeliveryDate: '2026-11-25',
  requestedDayClosed: null,
  lines: [line()],
  orderGross: '198.00',
  currency: 'EUR',
  credit: {
    limit: null,
    exposure: '0',
    overdueCount: 0,
    overdueAmount: '0',
    maxOverdueDays: 0,
    holdAfterDays: 30,
  },
  duplicates: [],
  customerFindings: [],
  ...over,
});

const summary = (f: PipelineFacts) => runPipeline(f).map((x) => `${x.severity}:${x.code}:${x.path}`);

describe('order validation pipeline', () => {
  it('finds nothing on a clean order', () => {
    expect(runPipeline(facts())).toEqual([]);
  });

  it.each<[string, Partial<PipelineFacts>, string[]]>([
    ['inactive product', { lines: [line({ productActive: false })] }, ['blocking:product_inactive:lines.0.sku']],
    [
      'no price',
      { lines: [line({ unitPrice: null, expectedUnitPrice: null })] },
      ['blocking:no_price:lines.0.unitPrice'],
    ],
    ['price given differs', { lines: [line({ unitPrice: '15.0000' })] }, ['warning:price_differs:lines.0.unitPrice']],
    [
      'discount given differs',
      { lines: [line({ discountPercent: '5.00' })] },
      ['warning:price_differs:lines.0.unitPrice'],
    ],
    ['same price, other scale', { lines: [line({ unitPrice: '16.5' })] }, []],
    ['below minimum', { lines: [line({ minOrderQuantity: '20' })] }, ['blocking:below_min_quantity:lines.0.quantity']],
    ['at the minimum', { lines: [line({ minOrderQuantity: '10' })] }, []],
    ['not a multiple', { lines: [line({ orderMultiple: '4' })] }, ['warning:not_order_multiple:lines.0.quantity']],
    ['a multiple', { lines: [line({ orderMultiple: '2.5' })] }, []],
    [
      'customer code translated',
      { lines: [line({ customerProductCode: '0A-FX1040', translatedVia: 'prefix' })] },
      ['info:product_code_translated:lines.0.customerProductCode'],
    ],
    ['our own SKU sent as code', { lines: [line({ customerProductCode: 'fx1040', translatedVia: 'own_sku' })] }, []],
    [
      'stock short',
      { lines: [line({ available: '4', shortage: '6', shipBasis: 'receipt', shipDate: '2026-12-04' })] },
      ['warning:stock_short:lines.0.quantity'],
    ],
    ['short but not tracked', { lines: [line({ stockTracked: false, available: '0', shortage: '10' })] }, []],
    [
      'requested in the past',
      { requestedDeliveryDate: '2026-11-20' },
      ['warning:requested_date_in_past:requestedDeliveryDate'],
    ],
    [
      'requested before the earliest delivery',
      { requestedDeliveryDate: '2026-11-24' },
      ['warning:requested_date_too_early:requestedDeliveryDate'],
    ],
    ['requested on the earliest delivery', { requestedDeliveryDate: '2026-11-25' }, []],
    [
      'line date before the earliest delivery',
      { lines: [line({ requestedDeliveryDate: '2026-11-24' })] },
      ['warning:requested_date_too_early:lines.0.requestedDeliveryDate'],
    ],
    [
      'requested on our closing day',
      { requestedDeliveryDate: '2026-12-25', requestedDayClosed: { reason: 'holiday', label: null } },
      ['warning:requested_date_company_closed:requestedDeliveryDate'],
    ],
    ['no deliverable date', { promisedDeliveryDate: null }, ['blocking:no_deliverable_date:requestedDeliveryDate']],
    [
      'credit limit exceeded',
      {
        credit: {
          limit: '1000.00',
          exposure: '900.00',
          overdueCount: 0,
          overdueAmount: '0',
          maxOverdueDays: 0,
          holdAfterDays: 30,
        },
      },
      ['blocking:credit_limit_exceeded:customerId'],
    ],
    [
      'credit limit reached exactly',
      {
        credit: {
          limit: '1098.00',
          exposure: '900.00',
          overdueCount: 0,
          overdueAmount: '0',
          maxOverdueDays: 0,
          holdAfterDays: 30,
        },
      },
      [],
    ],
    [
      'recent overdue invoice',
      {
        credit: {
          limit: null,
          exposure: '0',
          overdueCount: 1,
          overdueAmount: '120.00',
          maxOverdueDays: 12,
          holdAfterDays: 30,
        },
      },
      ['warning:overdue_invoices:customerId'],
    ],
    [
      'old overdue invoice',
      {
        credit: {
          limit: null,
          exposure: '0',
          overdueCount: 2,
          overdueAmount: '900.00',
          maxOverdueDays: 45,
          holdAfterDays: 30,
        },
      },
      ['blocking:overdue_invoices:customerId'],
    ],
    [
      'duplicate reference',
      { duplicates: [{ number: 'CMD-2026-00012' }] },
      ['warning:duplicate_customer_reference:customerReference'],
    ],
    ['duplicate without reference', { customerReference: null, duplicates: [{ number: 'X' }] }, []],
  ])('%s', (_name, over, expected) => {
    expect(summary(facts(over))).toEqual(expected);
  });

  it('passes the customer rule findings through and sorts blocking first', () => {
    const found = runPipeline(
      facts({
        duplicates: [{ number: 'CMD-1' }],
        customerFindings: [
          {
            code: 'delivery_day_not_allowed',
            severity: 'blocking',
            path: 'requestedDeliveryDate',
            lineId: null,
            params: { date: '2026-11-25', weekdays: '1,2,5' },
            note: 'Quais réservés',
          },
        ],
      }),
    );
    expect(found.map((f) => f.code)).toEqual(['delivery_day_not_allowed', 'duplicate_customer_reference']);
    expect(found[0]!.note).toBe('Quais réservés');
    expect(hasBlocking(found)).toBe(true);
  });

  it('gives the params a message needs', () => {
    const [credit] = runPipeline(
      facts({
        credit: {
          limit: '1000',
          exposure: '900.5',
          overdueCount: 0,
          overdueAmount: '0',
          maxOverdueDays: 0,
          holdAfterDays: 30,
        },
      }),
    );
    expect(credit!.params).toEqual({
      limit: '1000.00',
      exposure: '900.50',
      order: '198.00',
      over: '98.50',
      currency: 'EUR',
    });
  });

  it.each([
    ['7', '5', '10'],
    ['10', '5', '10'],
    ['0.3', '0.25', '0.5'],
    ['201', '200', '400'],
  ])('next multiple of %s by %s is %s', (q, m, expected) => {
    expect(nextMultiple(q, m)).toBe(expected);
  });
});
