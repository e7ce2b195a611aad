import { describe, expect, it } from 'vitest';
import { computeTotals, lineNetAmount, type DocAllowanceCharge, type TotalsLineInput } from './totals';

const S20 = { vatCategory: 'S', vatRate: '20' };
const S55 = { vatCategory: 'S', vatRate: '5.5' };

describe('computeTotals — DOMAIN.md §3.2 worked example', () => {
  const lines: TotalsLineInput[] = [
    { quantity: '10', unitPrice: '12.345', ...S20 },
    { quantity: '3', unitPrice: '19.99', discountPercent: '10', ...S20 },
    { quantity: '7', unitPrice: '4.15', ...S55 },
  ];
  const docAc: DocAllowanceCharge[] = [
    { kind: 'allowance', amount: '10.00', reason: 'Remise', ...S20 },
    { kind: 'charge', amount: '15.00', reason: 'port', ...S20 },
  ];

  it('gives exactly the published amounts', () => {
    expect(computeTotals(lines, docAc)).toEqual({
      lines: [{ netAmount: '123.45' }, { netAmount: '53.97' }, { netAmount: '29.05' }],
      lineTotal: '206.47',
      allowanceTotal: '10.00',
      chargeTotal: '15.00',
      net: '211.47',
      vatBreakdown: [
        { vatCategory: 'S', vatRate: '20.00', taxableAmount: '182.42', taxAmount: '36.48' },
        { vatCategory: 'S', vatRate: '5.50', taxableAmount: '29.05', taxAmount: '1.60' },
      ],
      vat: '38.08',
      gross: '249.55',
    });
  });

  it('does not depend on the order of lines', () => {
    expect(computeTotals([...lines].reverse(), [...docAc].reverse()).vatBreakdown).toEqual(
      computeTotals(lines, docAc).vatBreakdown,
    );
  });
});

describe('lineNetAmount', () => {
  it.each<[string, TotalsLineInput, string]>([
    ['simple product', { quantity: '10', unitPrice: '12.345', ...S20 }, '123.45'],
    ['half-up on 0.005', { quantity: '1', unitPrice: '0.005', ...S20 }, '0.01'],
    ['4-decimal price rounded once on the line', { quantity: '3', unitPrice: '0.3333', ...S20 }, '1.00'],
    [
      '10 % line allowance: 59.97 − 6.00',
      { quantity: '3', unitPrice: '19.99', discountPercent: '10', ...S20 },
      '53.97',
    ],
    // The decision: allowance rounded on its own. 1.00 × 0.5 % = 0.005 → 0.01, net 0.99
    // (rounding qty × price × (1 − pct) directly would give 0.995 → 1.00).
    [
      'allowance rounded on its own, not the net',
      { quantity: '1', unitPrice: '1.00', discountPercent: '0.5', ...S20 },
      '0.99',
    ],
    // gross 10.05, allowance 10.05 × 15 % = 1.5075 → 1.51, net 8.54
    ['15 % on 10.05', { quantity: '1', unitPrice: '10.05', discountPercent: '15', ...S20 }, '8.54'],
    // gross 0.35, allowance 0.35 × 5 % = 0.0175 → 0.02, net 0.33 (direct: 0.3325 → 0.33)
    ['allowance rounded half-up', { quantity: '1', unitPrice: '0.35', discountPercent: '5', ...S20 }, '0.33'],
    ['zero discount', { quantity: '2', unitPrice: '1.50', discountPercent: '0', ...S20 }, '3.00'],
    ['null discount', { quantity: '2', unitPrice: '1.50', discountPercent: null, ...S20 }, '3.00'],
    ['100 % discount', { quantity: '2', unitPrice: '1.50', discountPercent: '100', ...S20 }, '0.00'],
    ['fractional quantity', { quantity: '2.5', unitPrice: '3.99', ...S20 }, '9.98'],
    ['credit line (negative quantity), half away from zero', { quantity: '-1', unitPrice: '0.005', ...S20 }, '-0.01'],
  ])('%s', (_n, line, expected) => {
    expect(lineNetAmount(line).toFixed(2)).toBe(expected);
    expect(computeTotals([line]).lines[0]?.netAmount).toBe(expected);
  });
});

describe('computeTotals — VAT groups', () => {
  it('rounds VAT once per group: 3 × 1.05 at 5.5 % → 0.17, not 0.18', () => {
    const line = { quantity: '1', unitPrice: '1.05', ...S55 };
    const t = computeTotals([line, line, line]);
    expect(t.vatBreakdown).toEqual([{ vatCategory: 'S', vatRate: '5.50', taxableAmount: '3.15', taxAmount: '0.17' }]);
    expect(t.vat).toBe('0.17');
    expect(t.gross).toBe('3.32');
  });

  it('reverse charge AE → taxable amount reported, tax 0', () => {
    const t = computeTotals([{ quantity: '4', unitPrice: '250', vatCategory: 'AE', vatRate: '0' }]);
    expect(t.vatBreakdown).toEqual([
      { vatCategory: 'AE', vatRate: '0.00', taxableAmount: '1000.00', taxAmount: '0.00' },
    ]);
    expect([t.net, t.vat, t.gross]).toEqual(['1000.00', '0.00', '1000.00']);
  });

  it.each(['Z', 'E', 'AE', 'K', 'G', 'O'])('category %s never carries tax, even with a rate', (cat) => {
    const t = computeTotals([{ quantity: '1', unitPrice: '100', vatCategory: cat, vatRate: '20' }]);
    expect(t.vatBreakdown[0]?.taxAmount).toBe('0.00');
    expect(t.vat).toBe('0.00');
  });

  it('groups equal rates written differently and sorts by category then rate descending', () => {
    const t = computeTotals(
      [
        { quantity: '1', unitPrice: '10', vatCategory: 'S', vatRate: '5.5' },
        { quantity: '1', unitPrice: '10', vatCategory: 'K', vatRate: '0' },
        { quantity: '1', unitPrice: '10', vatCategory: 's', vatRate: '20.00' },
        { quantity: '1', unitPrice: '10', vatCategory: 'S', vatRate: '20' },
        { quantity: '1', unitPrice: '10', vatCategory: 'S', vatRate: '10' },
        { quantity: '1', unitPrice: '10', vatCategory: 'AE', vatRate: '0' },
      ],
      [{ kind: 'charge', amount: '5', vatCategory: 'S', vatRate: '5.50', reason: 'port' }],
    );
    expect(t.vatBreakdown.map((g) => [g.vatCategory, g.vatRate, g.taxableAmount, g.taxAmount])).toEqual([
      ['AE', '0.00', '10.00', '0.00'],
      ['K', '0.00', '10.00', '0.00'],
      ['S', '20.00', '20.00', '4.00'],
      ['S', '10.00', '10.00', '1.00'],
      ['S', '5.50', '15.00', '0.83'], // 0.825 → 0.83 half-up
    ]);
    expect(t.vat).toBe('5.83');
    expect(t.net).toBe('65.00');
    expect(t.gross).toBe('70.83');
  });

  it('a document allowance in its own group makes a negative taxable amount', () => {
    const t = computeTotals(
      [{ quantity: '1', unitPrice: '100', ...S20 }],
      [{ kind: 'allowance', amount: '10', vatCategory: 'S', vatRate: '10', reason: 'geste' }],
    );
    expect(t.vatBreakdown).toEqual([
      { vatCategory: 'S', vatRate: '20.00', taxableAmount: '100.00', taxAmount: '20.00' },
      { vatCategory: 'S', vatRate: '10.00', taxableAmount: '-10.00', taxAmount: '-1.00' },
    ]);
    expect([t.allowanceTotal, t.net, t.vat, t.gross]).toEqual(['10.00', '90.00', '19.00', '109.00']);
  });
});

describe('computeTotals — edge documents', () => {
  it('an empty document is all zeros with no VAT group', () => {
    expect(computeTotals([])).toEqual({
      lines: [],
      lineTotal: '0.00',
      allowanceTotal: '0.00',
      chargeTotal: '0.00',
      net: '0.00',
      vatBreakdown: [],
      vat: '0.00',
      gross: '0.00',
    });
  });

  it('JPY with 0 decimals rounds lines, groups and totals to the yen', () => {
    const t = computeTotals(
      [
        { quantity: '3', unitPrice: '333.5', vatCategory: 'S', vatRate: '10' }, // 1000.5 → 1001
        { quantity: '1', unitPrice: '1234.4', vatCategory: 'S', vatRate: '10' }, // 1234.4 → 1234
        { quantity: '2', unitPrice: '500', discountPercent: '7.5', vatCategory: 'S', vatRate: '8' }, // 1000 − 75 = 925
      ],
      [{ kind: 'charge', amount: '99.5', vatCategory: 'S', vatRate: '10', reason: 'shipping' }], // → 100
      0,
    );
    expect(t).toEqual({
      lines: [{ netAmount: '1001' }, { netAmount: '1234' }, { netAmount: '925' }],
      lineTotal: '3160',
      allowanceTotal: '0',
      chargeTotal: '100',
      net: '3260',
      vatBreakdown: [
        { vatCategory: 'S', vatRate: '10.00', taxableAmount: '2335', taxAmount: '234' }, // 233.5 → 234
        { vatCategory: 'S', vatRate: '8.00', taxableAmount: '925', taxAmount: '74' },
      ],
      vat: '308',
      gross: '3568',
    });
  });

  it('3 decimals (TND)', () => {
    const t = computeTotals([{ quantity: '1', unitPrice: '10.0005', vatCategory: 'S', vatRate: '19' }], [], 3);
    expect([t.net, t.vat, t.gross]).toEqual(['10.001', '1.900', '11.901']);
  });
});
