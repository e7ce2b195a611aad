import { describe, expect, it } from 'vitest';
import { domainMessages } from '@shared/messages-domain';
import {
  describePrice,
  orderDiscount,
  priceFor,
  type ContractPrice,
  type CustomerPrice,
  type Discount,
  type PriceListLine,
  type PriceResult,
  type PriceSourceType,
  type PricingInput,
} from './pricing';

const DATE = '2026-06-15';
const P = 'prod-1';

const list = (o: Partial<PriceListLine> & Pick<PriceListLine, 'priceListId' | 'unitPrice'>): PriceListLine => ({
  priceListName: `List ${o.priceListId}`,
  kind: 'standard',
  assigned: false,
  priority: 0,
  validFrom: null,
  validTo: null,
  currency: 'EUR',
  productId: P,
  minQuantity: '1',
  ...o,
});
const promo = (o: Partial<PriceListLine> & Pick<PriceListLine, 'priceListId' | 'unitPrice'>): PriceListLine =>
  list({ kind: 'promotion', ...o });
const cust = (o: Partial<CustomerPrice> & Pick<CustomerPrice, 'id' | 'unitPrice'>): CustomerPrice => ({
  productId: P,
  minQuantity: '1',
  validFrom: null,
  validTo: null,
  ...o,
});
const contract = (o: Partial<ContractPrice> & Pick<ContractPrice, 'contractNumber' | 'unitPrice'>): ContractPrice => ({
  contractId: `id-${o.contractNumber}`,
  productId: P,
  minQuantity: '1',
  validFrom: '2026-01-01',
  validTo: '2026-12-31',
  ...o,
});
const disc = (o: Partial<Discount> & Pick<Discount, 'id' | 'scope' | 'percent'>): Discount => ({
  productId: o.scope === 'product' ? P : null,
  category: o.scope === 'category' ? 'fixations' : null,
  validFrom: null,
  validTo: null,
  minOrderAmount: null,
  ...o,
});

function input(o: Partial<PricingInput> = {}): PricingInput {
  return {
    product: { id: P, sku: 'FX1040', category: 'fixations', unitPrice: '10.00' },
    companyCurrency: 'EUR',
    currency: 'EUR',
    quantity: '10',
    date: DATE,
    priceListLines: [],
    customerPrices: [],
    contractPrices: [],
    discounts: [],
    ...o,
  };
}

type Expect = {
  type: PriceSourceType;
  id?: string | null;
  unitPrice: string;
  net?: string;
  percent?: string;
  steps?: string[];
  noSteps?: string[];
};

function ok(r: PriceResult): Extract<PriceResult, { ok: true }> {
  if (!r.ok) throw new Error(`expected a price, got ${r.code}`);
  return r;
}

describe('priceFor', () => {
  const cases: [string, Partial<PricingInput>, Expect][] = [
    // --- each precedence level
    [
      'catalog price when nothing else',
      {},
      { type: 'catalog', id: null, unitPrice: '10.0000', steps: ['catalog_price_applied'] },
    ],
    [
      'general price list beats the catalog',
      { priceListLines: [list({ priceListId: 'G', unitPrice: '9.50' })] },
      {
        type: 'price_list',
        id: 'G',
        unitPrice: '9.5000',
        steps: ['price_list_applied'],
        noSteps: ['catalog_price_applied'],
      },
    ],
    [
      'assigned list beats a general list, even a cheaper one with a higher priority',
      {
        priceListLines: [
          list({ priceListId: 'G', unitPrice: '7.00', priority: 99 }),
          list({ priceListId: 'A', unitPrice: '9.00', assigned: true }),
        ],
      },
      { type: 'customer_price_list', id: 'A', unitPrice: '9.0000', steps: ['customer_price_list_applied'] },
    ],
    [
      'assigned list whose only line is above the quantity → general list',
      {
        priceListLines: [
          list({ priceListId: 'A', unitPrice: '8.00', assigned: true, minQuantity: '50' }),
          list({ priceListId: 'G', unitPrice: '9.00' }),
        ],
      },
      { type: 'price_list', id: 'G', unitPrice: '9.0000' },
    ],
    [
      'customer-specific price beats price lists',
      {
        priceListLines: [list({ priceListId: 'A', unitPrice: '8.00', assigned: true })],
        customerPrices: [cust({ id: 'cp1', unitPrice: '8.50' })],
      },
      { type: 'customer_price', id: 'cp1', unitPrice: '8.5000', steps: ['customer_price_applied'] },
    ],
    [
      'contract price beats customer-specific price',
      {
        customerPrices: [cust({ id: 'cp1', unitPrice: '7.00' })],
        contractPrices: [contract({ contractNumber: 'CT-2026-004', unitPrice: '7.20' })],
      },
      { type: 'contract', id: 'id-CT-2026-004', unitPrice: '7.2000', steps: ['contract_price_applied'] },
    ],
    // --- contracts
    [
      'expired contract → customer price, with contract_expired_ignored',
      {
        customerPrices: [cust({ id: 'cp1', unitPrice: '8.00' })],
        contractPrices: [
          contract({
            contractNumber: 'CT-2025-001',
            unitPrice: '6.00',
            validFrom: '2025-01-01',
            validTo: '2025-12-31',
          }),
        ],
      },
      {
        type: 'customer_price',
        id: 'cp1',
        unitPrice: '8.0000',
        steps: ['contract_expired_ignored', 'customer_price_applied'],
      },
    ],
    [
      'contract ending the day before → ignored; contract ending on the date → applies',
      {
        date: '2026-12-31',
        contractPrices: [
          contract({ contractNumber: 'CT-OLD', unitPrice: '5.00', validTo: '2026-12-30' }),
          contract({ contractNumber: 'CT-LAST-DAY', unitPrice: '6.00', validTo: '2026-12-31' }),
        ],
      },
      { type: 'contract', id: 'id-CT-LAST-DAY', unitPrice: '6.0000', noSteps: ['contract_expired_ignored'] },
    ],
    [
      'future-dated contract ignored → price list, step reported',
      {
        priceListLines: [list({ priceListId: 'G', unitPrice: '9.00' })],
        contractPrices: [contract({ contractNumber: 'CT-2027', unitPrice: '6.00', validFrom: '2026-07-01' })],
      },
      { type: 'price_list', id: 'G', unitPrice: '9.0000', steps: ['contract_expired_ignored', 'price_list_applied'] },
    ],
    [
      'two valid contracts: latest validFrom wins',
      {
        contractPrices: [
          contract({ contractNumber: 'CT-A', unitPrice: '6.00', validFrom: '2026-01-01' }),
          contract({ contractNumber: 'CT-B', unitPrice: '6.50', validFrom: '2026-03-01' }),
        ],
      },
      { type: 'contract', id: 'id-CT-B', unitPrice: '6.5000' },
    ],
    [
      'two valid contracts with the same validFrom: smallest contractNumber wins',
      {
        contractPrices: [
          contract({ contractNumber: 'CT-Z', unitPrice: '6.00' }),
          contract({ contractNumber: 'CT-M', unitPrice: '6.50' }),
        ],
      },
      { type: 'contract', id: 'id-CT-M', unitPrice: '6.5000' },
    ],
    [
      'contract minimum quantity not reached → next level, min_quantity_not_reached',
      {
        quantity: '10',
        customerPrices: [cust({ id: 'cp1', unitPrice: '8.00' })],
        contractPrices: [contract({ contractNumber: 'CT-VOL', unitPrice: '5.00', minQuantity: '100' })],
      },
      {
        type: 'customer_price',
        unitPrice: '8.0000',
        steps: ['min_quantity_not_reached', 'customer_price_applied'],
        noSteps: ['contract_expired_ignored'],
      },
    ],
    [
      'quantity breaks within a contract: 250 gets the 100 break',
      {
        quantity: '250',
        contractPrices: [
          contract({ contractNumber: 'CT-1', unitPrice: '6.00', minQuantity: '1' }),
          contract({ contractNumber: 'CT-1', unitPrice: '5.50', minQuantity: '100' }),
          contract({ contractNumber: 'CT-1', unitPrice: '5.00', minQuantity: '500' }),
        ],
      },
      { type: 'contract', unitPrice: '5.5000', steps: ['quantity_break_applied', 'quantity_break_not_reached'] },
    ],
    // --- customer prices
    [
      'customer prices: greatest applicable minQuantity',
      {
        quantity: '60',
        customerPrices: [
          cust({ id: 'cp1', unitPrice: '8.00', minQuantity: '1' }),
          cust({ id: 'cp2', unitPrice: '7.50', minQuantity: '50' }),
          cust({ id: 'cp3', unitPrice: '7.00', minQuantity: '100' }),
        ],
      },
      { type: 'customer_price', id: 'cp2', unitPrice: '7.5000', steps: ['quantity_break_applied'] },
    ],
    [
      'customer prices on the same break: latest validFrom, then id',
      {
        customerPrices: [
          cust({ id: 'cp-old', unitPrice: '8.00', validFrom: '2025-01-01' }),
          cust({ id: 'cp-b', unitPrice: '7.90', validFrom: '2026-02-01' }),
          cust({ id: 'cp-a', unitPrice: '7.80', validFrom: '2026-02-01' }),
          cust({ id: 'cp-open', unitPrice: '7.00', validFrom: null }),
        ],
      },
      { type: 'customer_price', id: 'cp-a', unitPrice: '7.8000' },
    ],
    [
      'future-dated customer price ignored',
      {
        customerPrices: [cust({ id: 'cp-next', unitPrice: '7.00', validFrom: '2026-06-16' })],
      },
      { type: 'catalog', unitPrice: '10.0000' },
    ],
    // --- overlapping price lists
    [
      'overlapping lists, same priority: latest validFrom wins',
      {
        priceListLines: [
          list({ priceListId: 'L1', unitPrice: '9.00', validFrom: '2026-01-01' }),
          list({ priceListId: 'L2', unitPrice: '9.40', validFrom: '2026-05-01' }),
        ],
      },
      { type: 'price_list', id: 'L2', unitPrice: '9.4000', steps: ['price_list_applied', 'price_lists_overlap'] },
    ],
    [
      'overlapping lists, different priorities: highest priority wins even if older',
      {
        priceListLines: [
          list({ priceListId: 'L1', unitPrice: '9.00', validFrom: '2026-01-01', priority: 10 }),
          list({ priceListId: 'L2', unitPrice: '9.40', validFrom: '2026-05-01', priority: 5 }),
        ],
      },
      { type: 'price_list', id: 'L1', unitPrice: '9.0000' },
    ],
    [
      'overlapping lists, same priority and validFrom: smallest priceListId (deterministic)',
      {
        priceListLines: [
          list({ priceListId: 'L9', unitPrice: '9.00', validFrom: '2026-01-01' }),
          list({ priceListId: 'L3', unitPrice: '9.40', validFrom: '2026-01-01' }),
        ],
      },
      { type: 'price_list', id: 'L3', unitPrice: '9.4000' },
    ],
    [
      'future-dated list line ignored; list in another currency ignored; other product ignored',
      {
        priceListLines: [
          list({ priceListId: 'FUT', unitPrice: '5.00', validFrom: '2026-07-01' }),
          list({ priceListId: 'USD', unitPrice: '5.00', currency: 'USD' }),
          list({ priceListId: 'OTHER', unitPrice: '5.00', productId: 'prod-2' }),
          list({ priceListId: 'EXP', unitPrice: '5.00', validTo: '2026-06-14' }),
        ],
      },
      { type: 'catalog', unitPrice: '10.0000' },
    ],
    // --- quantity breaks
    [
      'quantity exactly on a break gets the break',
      {
        quantity: '100',
        priceListLines: [
          list({ priceListId: 'G', unitPrice: '9.00', minQuantity: '1' }),
          list({ priceListId: 'G', unitPrice: '8.00', minQuantity: '100' }),
        ],
      },
      {
        type: 'price_list',
        unitPrice: '8.0000',
        steps: ['quantity_break_applied'],
        noSteps: ['quantity_break_not_reached'],
      },
    ],
    [
      'quantity just below a break gets the previous line',
      {
        quantity: '99.999',
        priceListLines: [
          list({ priceListId: 'G', unitPrice: '9.00', minQuantity: '1' }),
          list({ priceListId: 'G', unitPrice: '8.00', minQuantity: '100' }),
        ],
      },
      {
        type: 'price_list',
        unitPrice: '9.0000',
        steps: ['quantity_break_not_reached'],
        noSteps: ['quantity_break_applied'],
      },
    ],
    [
      'fractional quantity below the default minQuantity 1: the line does not apply',
      { quantity: '0.5', priceListLines: [list({ priceListId: 'G', unitPrice: '9.00', minQuantity: '1' })] },
      { type: 'catalog', unitPrice: '10.0000' },
    ],
    // --- promotions
    [
      'promotion lower than the list price replaces it',
      {
        priceListLines: [
          list({ priceListId: 'G', unitPrice: '9.00' }),
          promo({ priceListId: 'PROMO', unitPrice: '8.50' }),
        ],
      },
      { type: 'promotion', id: 'PROMO', unitPrice: '8.5000', steps: ['price_list_applied', 'promotion_lower'] },
    ],
    [
      'promotion higher than the list price is ignored',
      {
        priceListLines: [
          list({ priceListId: 'G', unitPrice: '9.00' }),
          promo({ priceListId: 'PROMO', unitPrice: '9.50' }),
        ],
      },
      { type: 'price_list', id: 'G', unitPrice: '9.0000', steps: ['promotion_not_lower'] },
    ],
    [
      'promotion equal to the price is not lower',
      { priceListLines: [promo({ priceListId: 'PROMO', unitPrice: '10.0000' })] },
      { type: 'catalog', unitPrice: '10.0000', steps: ['catalog_price_applied', 'promotion_not_lower'] },
    ],
    [
      'several promotions (assigned and general): the lowest wins',
      {
        priceListLines: [
          promo({ priceListId: 'P1', unitPrice: '8.00', assigned: true, priority: 50 }),
          promo({ priceListId: 'P2', unitPrice: '7.50' }),
          promo({ priceListId: 'P3', unitPrice: '7.00', validTo: '2026-06-14' }),
        ],
      },
      { type: 'promotion', id: 'P2', unitPrice: '7.5000' },
    ],
    [
      'promotion never replaces a customer-specific price',
      {
        customerPrices: [cust({ id: 'cp1', unitPrice: '9.00' })],
        priceListLines: [promo({ priceListId: 'PROMO', unitPrice: '5.00' })],
      },
      { type: 'customer_price', unitPrice: '9.0000', steps: ['promotion_ignored_negotiated_price'] },
    ],
    [
      'promotion never replaces a contract price',
      {
        contractPrices: [contract({ contractNumber: 'CT-1', unitPrice: '9.00' })],
        priceListLines: [promo({ priceListId: 'PROMO', unitPrice: '5.00' })],
      },
      { type: 'contract', unitPrice: '9.0000', steps: ['promotion_ignored_negotiated_price'] },
    ],
    // --- discounts
    [
      'product 5 % and category 8 %: category wins, not cumulated',
      {
        priceListLines: [list({ priceListId: 'G', unitPrice: '10.00' })],
        discounts: [
          disc({ id: 'd-prod', scope: 'product', percent: '5' }),
          disc({ id: 'd-cat', scope: 'category', percent: '8' }),
        ],
      },
      {
        type: 'price_list',
        unitPrice: '10.0000',
        percent: '8.00',
        net: '9.2000',
        steps: ['discounts_not_cumulative', 'discount_applied'],
      },
    ],
    [
      'product 12 % beats category 8 %',
      {
        discounts: [
          disc({ id: 'd-prod', scope: 'product', percent: '12' }),
          disc({ id: 'd-cat', scope: 'category', percent: '8' }),
        ],
      },
      { type: 'catalog', unitPrice: '10.0000', percent: '12.00', net: '8.8000' },
    ],
    [
      'discount on a promotion price, net rounded half-up to 4 decimals',
      {
        priceListLines: [promo({ priceListId: 'PROMO', unitPrice: '3.3333' })],
        discounts: [disc({ id: 'd', scope: 'product', percent: '7.5' })],
      },
      // 3.3333 × 0.925 = 3.08330250 → 3.0833
      { type: 'promotion', unitPrice: '3.3333', percent: '7.50', net: '3.0833' },
    ],
    [
      'net rounding half-up on a tie',
      {
        product: { id: P, sku: 'FX1040', category: null, unitPrice: '0.0001' },
        discounts: [disc({ id: 'd', scope: 'product', percent: '50' })],
      },
      // 0.0001 × 0.5 = 0.00005 → 0.0001
      { type: 'catalog', unitPrice: '0.0001', percent: '50.00', net: '0.0001' },
    ],
    [
      'discount not applied on a contract price',
      {
        contractPrices: [contract({ contractNumber: 'CT-1', unitPrice: '9.00' })],
        discounts: [disc({ id: 'd', scope: 'product', percent: '10' })],
      },
      {
        type: 'contract',
        unitPrice: '9.0000',
        percent: '0.00',
        net: '9.0000',
        steps: ['discount_ignored_negotiated_price'],
        noSteps: ['discount_applied'],
      },
    ],
    [
      'discount not applied on a customer-specific price',
      {
        customerPrices: [cust({ id: 'cp1', unitPrice: '9.00' })],
        discounts: [disc({ id: 'd', scope: 'category', percent: '10' })],
      },
      { type: 'customer_price', unitPrice: '9.0000', percent: '0.00', net: '9.0000' },
    ],
    [
      'expired, future, other-product, other-category and order-scope discounts do not apply',
      {
        discounts: [
          disc({ id: 'd1', scope: 'product', percent: '10', validTo: '2026-06-14' }),
          disc({ id: 'd2', scope: 'product', percent: '10', validFrom: '2026-06-16' }),
          disc({ id: 'd3', scope: 'product', percent: '10', productId: 'prod-2' }),
          disc({ id: 'd4', scope: 'category', percent: '10', category: 'visserie' }),
          disc({ id: 'd5', scope: 'order', percent: '10' }),
        ],
      },
      { type: 'catalog', unitPrice: '10.0000', percent: '0.00', net: '10.0000', noSteps: ['discount_applied'] },
    ],
    [
      'category discount does not apply to a product without category',
      {
        product: { id: P, sku: 'FX1040', category: null, unitPrice: '10' },
        discounts: [disc({ id: 'd', scope: 'category', percent: '10', category: 'fixations' })],
      },
      { type: 'catalog', unitPrice: '10.0000', percent: '0.00', net: '10.0000' },
    ],
    // --- currencies
    [
      'USD with a USD list: the list, EUR lines ignored',
      {
        currency: 'USD',
        priceListLines: [
          list({ priceListId: 'EUR', unitPrice: '9.00' }),
          list({ priceListId: 'USD', unitPrice: '11.00', currency: 'USD' }),
        ],
      },
      { type: 'price_list', id: 'USD', unitPrice: '11.0000' },
    ],
    [
      'USD without a standard list but with a USD promotion: the promotion is the price',
      { currency: 'USD', priceListLines: [promo({ priceListId: 'PUSD', unitPrice: '10.50', currency: 'USD' })] },
      { type: 'promotion', id: 'PUSD', unitPrice: '10.5000', steps: ['promotion_applied'] },
    ],
    [
      'USD customer-specific price is in the customer currency',
      { currency: 'USD', customerPrices: [cust({ id: 'cp1', unitPrice: '12.00' })] },
      { type: 'customer_price', unitPrice: '12.0000' },
    ],
  ];

  it.each(cases)('%s', (_name, over, exp) => {
    const r = ok(priceFor(input(over)));
    expect(r.source.type).toBe(exp.type);
    if (exp.id !== undefined) expect(r.source.id).toBe(exp.id);
    expect(r.unitPrice).toBe(exp.unitPrice);
    expect(r.netUnitPrice).toBe(exp.net ?? (exp.percent === undefined ? r.unitPrice : exp.net));
    expect(r.discountPercent).toBe(exp.percent ?? '0.00');
    const codes = r.steps.map((s) => s.code);
    // Listed steps appear, in that order.
    const positions = (exp.steps ?? []).map((c) => codes.indexOf(c));
    expect(
      positions.every((p) => p >= 0),
      `steps ${codes.join(',')}`,
    ).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    for (const c of exp.noSteps ?? []) expect(codes).not.toContain(c);
  });

  it('every step emitted has a message whose placeholders are among its params', () => {
    const results = [...cases.map(([, over]) => priceFor(input(over))), priceFor(input({ currency: 'USD' }))];
    const seen = new Set<string>();
    for (const r of results) {
      for (const step of r.steps) {
        seen.add(step.code);
        const m = domainMessages[step.code];
        expect(m, step.code).toBeDefined();
        for (const text of [m?.fr ?? '', m?.en ?? '']) {
          for (const [, name] of text.matchAll(/\{(\w+)\}/g))
            expect(step.params, `${step.code}.${name}`).toHaveProperty(name ?? '');
        }
      }
    }
    // The cases exercise every step code of the spec.
    for (const code of [
      'contract_price_applied',
      'customer_price_applied',
      'quantity_break_applied',
      'quantity_break_not_reached',
      'promotion_lower',
      'promotion_not_lower',
      'promotion_applied',
      'promotion_ignored_negotiated_price',
      'price_list_applied',
      'customer_price_list_applied',
      'price_lists_overlap',
      'catalog_price_applied',
      'discount_applied',
      'discounts_not_cumulative',
      'discount_ignored_negotiated_price',
      'contract_expired_ignored',
      'min_quantity_not_reached',
      'no_price_in_currency',
    ]) {
      expect(seen, code).toContain(code);
    }
  });

  it('currency without list and not the company currency → no_price_in_currency', () => {
    const r = priceFor(input({ currency: 'USD', priceListLines: [list({ priceListId: 'EUR', unitPrice: '9.00' })] }));
    expect(r).toEqual({
      ok: false,
      code: 'no_price_in_currency',
      steps: [{ code: 'no_price_in_currency', params: { currency: 'USD', companyCurrency: 'EUR' } }],
    });
  });

  it('reports the contract, its validity and the break in the source and steps', () => {
    const r = ok(
      priceFor(
        input({
          quantity: '100',
          contractPrices: [
            contract({ contractNumber: 'CT-2026-004', unitPrice: '13.00', minQuantity: '1' }),
            contract({ contractNumber: 'CT-2026-004', unitPrice: '12.5', minQuantity: '100.000' }),
          ],
        }),
      ),
    );
    expect(r.source).toEqual({
      type: 'contract',
      id: 'id-CT-2026-004',
      label: 'CT-2026-004',
      validTo: '2026-12-31',
      minQuantity: '100',
    });
    expect(r.discount).toBeNull();
    expect(r.steps).toEqual([
      {
        code: 'contract_price_applied',
        params: { contractNumber: 'CT-2026-004', unitPrice: '12.5000', validTo: '2026-12-31' },
      },
      { code: 'quantity_break_applied', params: { minQuantity: '100', quantity: '100' } },
    ]);
  });

  it('contract_expired_ignored carries the contract and its period, once per contract', () => {
    const r = priceFor(
      input({
        contractPrices: [
          contract({ contractNumber: 'CT-2025-001', unitPrice: '6', validFrom: '2025-01-01', validTo: '2025-12-31' }),
          contract({
            contractNumber: 'CT-2025-001',
            unitPrice: '5',
            minQuantity: '100',
            validFrom: '2025-01-01',
            validTo: '2025-12-31',
          }),
        ],
      }),
    );
    expect(r.steps.filter((s) => s.code === 'contract_expired_ignored')).toEqual([
      {
        code: 'contract_expired_ignored',
        params: { contractNumber: 'CT-2025-001', validFrom: '2025-01-01', validTo: '2025-12-31', date: DATE },
      },
    ]);
  });

  it('returns the chosen discount', () => {
    const r = ok(priceFor(input({ discounts: [disc({ id: 'd-cat', scope: 'category', percent: '8.5' })] })));
    expect(r.discount).toEqual({ id: 'd-cat', scope: 'category', percent: '8.50' });
    expect(r.netUnitPrice).toBe('9.1500');
  });
});

describe('orderDiscount', () => {
  const tiers = [
    disc({ id: 'o-500', scope: 'order', percent: '2', minOrderAmount: '500.00' }),
    disc({ id: 'o-1000', scope: 'order', percent: '3.5', minOrderAmount: '1000.00' }),
    disc({ id: 'o-exp', scope: 'order', percent: '9', validTo: '2026-06-14' }),
    disc({ id: 'o-prod', scope: 'product', percent: '20' }),
  ];
  it.each<[string, Discount[], string, { id: string; percent: string } | null]>([
    ['below every threshold', tiers, '499.99', null],
    ['exactly on the first threshold', tiers, '500.00', { id: 'o-500', percent: '2.00' }],
    ['between thresholds', tiers, '999.99', { id: 'o-500', percent: '2.00' }],
    ['exactly on the second threshold: highest percent', tiers, '1000', { id: 'o-1000', percent: '3.50' }],
    ['well above: still the highest applicable', tiers, '25000.00', { id: 'o-1000', percent: '3.50' }],
    [
      'no threshold (null) applies to any amount',
      [disc({ id: 'o-all', scope: 'order', percent: '1' })],
      '0.01',
      { id: 'o-all', percent: '1.00' },
    ],
    [
      'future order discount ignored',
      [disc({ id: 'o-f', scope: 'order', percent: '1', validFrom: '2026-07-01' })],
      '100',
      null,
    ],
    ['no discounts', [], '100', null],
  ])('%s', (_n, discounts, amount, expected) => {
    expect(orderDiscount(discounts, amount, DATE)).toEqual(expected);
  });
});

describe('describePrice', () => {
  const contractResult = ok(
    priceFor(
      input({
        quantity: '150',
        contractPrices: [contract({ contractNumber: 'CT-2026-004', unitPrice: '12.50', minQuantity: '100' })],
      }),
    ),
  );
  const listWithDiscount = ok(
    priceFor(
      input({
        priceListLines: [
          list({ priceListId: 'G', priceListName: 'Tarif 2026', unitPrice: '1234.5', validTo: '2026-12-31' }),
        ],
        discounts: [disc({ id: 'd', scope: 'category', percent: '5' })],
      }),
    ),
  );
  it.each<[string, PriceResult, 'fr' | 'en', string]>([
    [
      'contract fr',
      contractResult,
      'fr',
      "Prix contrat CT-2026-004 : 12,50 (à partir de 100), valable jusqu'au 31/12/2026",
    ],
    ['contract en', contractResult, 'en', 'Price from contract CT-2026-004: 12.50 (from 100), valid until 2026-12-31'],
    [
      'list + discount fr',
      listWithDiscount,
      'fr',
      "Tarif « Tarif 2026 » : 1\u202f234,50, valable jusqu'au 31/12/2026, remise famille 5,00 % → net 1\u202f172,775",
    ],
    [
      'list + discount en',
      listWithDiscount,
      'en',
      'Price list "Tarif 2026": 1,234.50, valid until 2026-12-31, category discount 5.00% → net 1,172.775',
    ],
    ['catalog fr', ok(priceFor(input())), 'fr', 'Prix catalogue : 10,00'],
    ['catalog en', ok(priceFor(input())), 'en', 'Catalog price: 10.00'],
    [
      'customer price with 4 decimals fr',
      ok(priceFor(input({ customerPrices: [cust({ id: 'c', unitPrice: '0.1234' })] }))),
      'fr',
      'Prix spécifique client : 0,1234',
    ],
    [
      'no price fr',
      priceFor(input({ currency: 'USD' })),
      'fr',
      'Aucun prix en USD : aucun tarif dans cette devise et le prix catalogue est en EUR',
    ],
    [
      'no price en',
      priceFor(input({ currency: 'USD' })),
      'en',
      'No price in USD: no price list in this currency and the catalog price is in EUR',
    ],
  ])('%s', (_n, result, lang, expected) => {
    expect(describePrice(result, lang)).toBe(expected);
  });
});
