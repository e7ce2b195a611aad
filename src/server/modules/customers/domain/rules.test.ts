import { describe, expect, it } from 'vitest';
import { isoWeekday } from '@shared/dates';
import { domainMessages } from '@shared/messages-domain';
import {
  applicableRules,
  evaluateRules,
  isDeliveryDateAllowed,
  nextAllowedDeliveryDate,
  resolveCustomerProductCode,
  validatePoPattern,
  type CustomerRule,
  type ProductCodeRule,
  type RuleContext,
  type RuleSeverity,
} from './rules';

// 2026-06-15 is a Monday.
const MON = '2026-06-15';
const TUE = '2026-06-16';
const WED = '2026-06-17';
const THU = '2026-06-18';
const FRI = '2026-06-19';
const SAT = '2026-06-20';

let seq = 0;
function rule<K extends CustomerRule['kind']>(
  kind: K,
  params: Extract<CustomerRule, { kind: K }>['params'],
  o: { shipToId?: string | null; severity?: RuleSeverity; note?: string | null; active?: boolean; id?: string } = {},
): CustomerRule {
  seq += 1;
  return {
    id: o.id ?? `r${seq}`,
    shipToId: o.shipToId ?? null,
    severity: o.severity ?? 'blocking',
    note: o.note ?? null,
    active: o.active ?? true,
    kind,
    params,
  } as CustomerRule;
}
const window = (weekdays: number[] | null, from: string, to: string, o: Parameters<typeof rule>[2] = {}) =>
  rule('delivery_window', { weekdays, from, to }, o);
const closing = (from: string, to: string, o: Parameters<typeof rule>[2] = {}) =>
  rule('closing_period', { from, to, label: 'Fermeture' }, o);

const ctx = (o: Partial<RuleContext> = {}): RuleContext => ({
  shipToId: 'chartres',
  shipToWeekdays: null,
  requiresPoNumber: false,
  ...o,
});
const codes = (rules: CustomerRule[], c: Partial<RuleContext>) => evaluateRules(rules, ctx(c)).map((f) => f.code);

describe('fixtures', () => {
  it('uses the intended weekdays', () => {
    expect([MON, TUE, WED, THU, FRI, SAT].map(isoWeekday)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe('Chartres: no delivery on Wednesday or Thursday (weekdays [1,2,5])', () => {
  type ShipTo = Pick<RuleContext, 'shipToId' | 'shipToWeekdays'>;
  const shipTo: ShipTo = { shipToId: 'chartres', shipToWeekdays: [1, 2, 5] };
  const asRule = [window([1, 2, 5], '06:00', '12:00', { shipToId: 'chartres' })];
  const noDays: ShipTo = { shipToId: 'chartres', shipToWeekdays: null };

  it.each<[string, CustomerRule[], ShipTo, string, boolean, string]>([
    ['ship-to weekdays, Wednesday', [], shipTo, WED, false, FRI],
    ['ship-to weekdays, Thursday', [], shipTo, THU, false, FRI],
    ['ship-to weekdays, Friday', [], shipTo, FRI, true, FRI],
    ['ship-to weekdays, Saturday → next Monday', [], shipTo, SAT, false, '2026-06-22'],
    ['ship-to weekdays, Monday', [], shipTo, MON, true, MON],
    ['window rule, Wednesday', asRule, noDays, WED, false, FRI],
    ['window rule, Tuesday', asRule, noDays, TUE, true, TUE],
  ])('%s', (_n, rules, c, date, allowed, next) => {
    expect(isDeliveryDateAllowed(rules, c, date).allowed).toBe(allowed);
    expect(nextAllowedDeliveryDate(rules, c, date)).toBe(next);
  });

  it('the ship-to weekday finding is blocking with no rule', () => {
    expect(evaluateRules([], ctx({ shipToWeekdays: [1, 2, 5], deliveryDate: WED }))).toEqual([
      {
        code: 'delivery_day_not_allowed',
        severity: 'blocking',
        ruleId: null,
        path: 'requestedDeliveryDate',
        params: { date: WED, weekday: 3, weekdays: '1,2,5' },
        note: null,
      },
    ]);
  });

  it('the window finding carries the rule, its severity and note', () => {
    const r = window([1, 2, 5], '06:00', '12:00', { id: 'w1', severity: 'warning', note: 'quai fermé' });
    expect(evaluateRules([r], ctx({ deliveryDate: THU }))).toEqual([
      {
        code: 'delivery_day_not_allowed',
        severity: 'warning',
        ruleId: 'w1',
        path: 'requestedDeliveryDate',
        params: { date: THU, weekday: 4, weekdays: '1,2,5' },
        note: 'quai fermé',
      },
    ]);
    // A warning does not forbid the date.
    expect(isDeliveryDateAllowed([r], { shipToId: 'chartres', shipToWeekdays: null }, THU)).toMatchObject({
      allowed: true,
      findings: [{ code: 'delivery_day_not_allowed', severity: 'warning' }],
    });
  });

  it('several windows on different days are alternatives', () => {
    const rules = [window([1, 2], '08:00', '12:00'), window([5], '14:00', '17:00')];
    expect(codes(rules, { deliveryDate: FRI })).toEqual([]);
    expect(codes(rules, { deliveryDate: WED })).toEqual(['delivery_day_not_allowed']);
  });

  it('no allowed date within maxDays → null', () => {
    const rules = [closing('2026-06-01', '2026-12-31')];
    expect(nextAllowedDeliveryDate(rules, { shipToId: null, shipToWeekdays: null }, WED, 30)).toBeNull();
    expect(nextAllowedDeliveryDate(rules, { shipToId: null, shipToWeekdays: null }, '2026-12-20', 12)).toBe(
      '2027-01-01',
    );
    expect(nextAllowedDeliveryDate(rules, { shipToId: null, shipToWeekdays: null }, '2026-12-20', 11)).toBeNull();
  });
});

describe('delivery time windows', () => {
  const mondayTwoWindows = [
    window([1], '08:00', '12:00'),
    window([1], '14:00', '17:00'),
    window([2, 3, 4, 5], '07:00', '15:00'),
  ];
  it.each<[string, CustomerRule[], string | null, string, boolean]>([
    ['before the morning window', mondayTwoWindows, MON, '07:59', false],
    ['on the opening minute (inclusive)', mondayTwoWindows, MON, '08:00', true],
    ['on the closing minute (inclusive)', mondayTwoWindows, MON, '12:00', true],
    ['at lunch, between windows', mondayTwoWindows, MON, '13:00', false],
    ['inside the afternoon window', mondayTwoWindows, MON, '14:30', true],
    ['one minute after closing', mondayTwoWindows, MON, '17:01', false],
    ['Tuesday uses its own window', mondayTwoWindows, TUE, '07:30', true],
    ['Tuesday 16:00 outside its window', mondayTwoWindows, TUE, '16:00', false],
    ['single-digit hour accepted', mondayTwoWindows, MON, '9:15', true],
    ['every-day window (weekdays null)', [window(null, '06:00', '10:00')], SAT, '10:30', false],
    ['window across midnight, late evening', [window(null, '22:00', '06:00')], MON, '23:30', true],
    ['window across midnight, early morning', [window(null, '22:00', '06:00')], MON, '05:00', true],
    ['window across midnight, noon', [window(null, '22:00', '06:00')], MON, '12:00', false],
    ['no date: compared with every window', mondayTwoWindows, null, '16:00', true],
    ['no date: outside all windows', mondayTwoWindows, null, '18:00', false],
    ['no window rule: any time', [], MON, '03:00', true],
  ])('%s', (_n, rules, date, time, inside) => {
    const found = codes(rules, { deliveryDate: date, deliveryTime: time });
    expect(found.includes('delivery_time_outside_window')).toBe(!inside);
  });

  it('reports the windows of the day, on requestedDeliveryTime', () => {
    const [f] = evaluateRules(mondayTwoWindows, ctx({ deliveryDate: MON, deliveryTime: '13:00' }));
    expect(f).toMatchObject({
      code: 'delivery_time_outside_window',
      path: 'requestedDeliveryTime',
      params: { time: '13:00', windows: '08:00-12:00, 14:00-17:00' },
    });
  });

  it('a day with no window gives the day finding only', () => {
    expect(codes([window([1], '08:00', '12:00')], { deliveryDate: WED, deliveryTime: '09:00' })).toEqual([
      'delivery_day_not_allowed',
    ]);
  });
});

describe('closing periods (inclusive bounds)', () => {
  const summer = closing('2026-07-27', '2026-08-16');
  const yearEnd = closing('2026-12-24', '2027-01-02');
  it.each<[string, CustomerRule, string, boolean]>([
    ['day before the start', summer, '2026-07-26', false],
    ['first day', summer, '2026-07-27', true],
    ['last day of July', summer, '2026-07-31', true],
    ['first day of August', summer, '2026-08-01', true],
    ['last day', summer, '2026-08-16', true],
    ['day after the end', summer, '2026-08-17', false],
    ['year end: 23 December', yearEnd, '2026-12-23', false],
    ['year end: 31 December', yearEnd, '2026-12-31', true],
    ['year end: 1 January', yearEnd, '2027-01-01', true],
    ['year end: 2 January (last day)', yearEnd, '2027-01-02', true],
    ['year end: 3 January', yearEnd, '2027-01-03', false],
  ])('%s', (_n, r, date, closed) => {
    expect(codes([r], { deliveryDate: date }).includes('delivery_in_closing_period')).toBe(closed);
    expect(isDeliveryDateAllowed([r], { shipToId: 'chartres', shipToWeekdays: null }, date).allowed).toBe(!closed);
  });

  it('next allowed date after the year-end closing, respecting the ship-to weekdays', () => {
    // 2027-01-03 is a Sunday, 2027-01-04 a Monday.
    expect(nextAllowedDeliveryDate([yearEnd], { shipToId: null, shipToWeekdays: null }, '2026-12-24')).toBe(
      '2027-01-03',
    );
    expect(nextAllowedDeliveryDate([yearEnd], { shipToId: null, shipToWeekdays: [1, 2, 3, 4, 5] }, '2026-12-24')).toBe(
      '2027-01-04',
    );
  });

  it('finding params and path', () => {
    expect(evaluateRules([summer], ctx({ deliveryDate: '2026-08-01' }))[0]).toMatchObject({
      code: 'delivery_in_closing_period',
      path: 'requestedDeliveryDate',
      ruleId: summer.id,
      params: { date: '2026-08-01', from: '2026-07-27', to: '2026-08-16', label: 'Fermeture' },
    });
  });

  it('no delivery date → no date findings', () => {
    expect(codes([summer, window([1], '08:00', '10:00')], { shipToWeekdays: [1], deliveryDate: null })).toEqual([]);
    expect(codes([summer], {})).toEqual([]);
  });
});

describe('which rules apply', () => {
  const allSites = closing('2026-08-01', '2026-08-31', { id: 'all' });
  const chartres = closing('2026-08-01', '2026-08-31', { id: 'chartres', shipToId: 'chartres' });
  const orleans = closing('2026-08-01', '2026-08-31', { id: 'orleans', shipToId: 'orleans' });
  const inactive = closing('2026-08-01', '2026-08-31', { id: 'off', active: false });
  it.each<[string, string | null, string[]]>([
    ['Chartres: every-site rule and its own rule', 'chartres', ['all', 'chartres']],
    ['Orléans: rule for another site ignored', 'orleans', ['all', 'orleans']],
    ['no ship-to: every-site rules only', null, ['all']],
  ])('%s', (_n, shipToId, ids) => {
    expect(applicableRules([allSites, chartres, orleans, inactive], shipToId).map((r) => r.id)).toEqual(ids);
  });

  it('inactive and other-site rules produce no finding', () => {
    expect(codes([orleans, inactive], { shipToId: 'chartres', deliveryDate: '2026-08-10' })).toEqual([]);
    expect(
      isDeliveryDateAllowed([orleans, inactive], { shipToId: 'chartres', shipToWeekdays: null }, '2026-08-10'),
    ).toEqual({
      allowed: true,
      findings: [],
    });
  });
});

describe('minimum order amount and quantity', () => {
  const minAmount = rule('min_order_amount', { amount: '250.00' }, { severity: 'warning' });
  const minQty = rule('min_order_quantity', { quantity: '12' });
  it.each<[string, Partial<RuleContext>, string[]]>([
    ['amount exactly equal → no finding', { orderAmount: '250.00' }, []],
    ['amount equal with another scale → no finding', { orderAmount: '250' }, []],
    ['amount one cent below', { orderAmount: '249.99' }, ['below_min_order_amount']],
    ['amount above', { orderAmount: '1000.00' }, []],
    ['no amount → not checked', { orderAmount: null }, []],
    ['quantity equal', { orderQuantity: '12' }, []],
    ['quantity below', { orderQuantity: '11.5' }, ['below_min_order_quantity']],
  ])('%s', (_n, c, expected) => {
    expect(codes([minAmount, minQty], c)).toEqual(expected);
  });

  it('finding details', () => {
    expect(evaluateRules([minAmount], ctx({ orderAmount: '249.99' }))).toEqual([
      {
        code: 'below_min_order_amount',
        severity: 'warning',
        ruleId: minAmount.id,
        path: 'totals.net',
        params: { amount: '249.99', minimum: '250.00' },
        note: null,
      },
    ]);
    expect(evaluateRules([minQty], ctx({ orderQuantity: '3' }))[0]).toMatchObject({
      path: 'lines',
      params: { quantity: '3', minimum: '12' },
    });
  });
});

describe('customer reference (PO)', () => {
  const po = rule(
    'invoice_reference',
    { poRequired: true, pattern: '^PO-\\d{6}$', example: 'PO-123456' },
    { severity: 'warning' },
  );
  const unanchored = rule('invoice_reference', { poRequired: false, pattern: 'PO-\\d{6}', example: null });
  it.each<[string, CustomerRule[], Partial<RuleContext>, string[]]>([
    ['valid PO', [po], { customerReference: 'PO-123456' }, []],
    ['valid PO with surrounding spaces', [po], { customerReference: '  PO-123456 ' }, []],
    ['five digits', [po], { customerReference: 'PO-12345' }, ['customer_reference_format']],
    ['lower case does not match', [po], { customerReference: 'po-123456' }, ['customer_reference_format']],
    ['text before', [po], { customerReference: 'xPO-123456' }, ['customer_reference_format']],
    [
      'unanchored pattern is a full match',
      [unanchored],
      { customerReference: 'PO-1234567' },
      ['customer_reference_format'],
    ],
    ['unanchored pattern, exact', [unanchored], { customerReference: 'PO-123456' }, []],
    ['missing, required by rule', [po], { customerReference: null }, ['po_number_required']],
    ['blank, required by rule', [po], { customerReference: '   ' }, ['po_number_required']],
    ['missing, not required', [unanchored], { customerReference: null }, []],
    ['reference not provided (undefined) → not checked', [po], { requiresPoNumber: true }, []],
    ['customer flag without rule', [], { customerReference: null, requiresPoNumber: true }, ['po_number_required']],
    ['flag and rule: one finding', [po], { customerReference: '', requiresPoNumber: true }, ['po_number_required']],
    ['flag satisfied', [], { customerReference: 'ABC', requiresPoNumber: true }, []],
  ])('%s', (_n, rules, c, expected) => {
    expect(codes(rules, c)).toEqual(expected);
  });

  it('flag → blocking, no rule; rule → its own severity', () => {
    expect(evaluateRules([po], ctx({ customerReference: '', requiresPoNumber: true }))[0]).toMatchObject({
      severity: 'blocking',
      ruleId: null,
      path: 'customerReference',
    });
    expect(evaluateRules([po], ctx({ customerReference: null }))[0]).toMatchObject({
      severity: 'warning',
      ruleId: po.id,
    });
  });

  it('format finding params (example falls back to the pattern)', () => {
    expect(evaluateRules([po], ctx({ customerReference: 'PO-1' }))[0]?.params).toEqual({
      reference: 'PO-1',
      pattern: '^PO-\\d{6}$',
      example: 'PO-123456',
    });
    expect(evaluateRules([unanchored], ctx({ customerReference: 'X' }))[0]?.params.example).toBe('PO-\\d{6}');
  });

  it('an uncompilable stored pattern is skipped, not thrown', () => {
    const bad = rule('invoice_reference', { poRequired: false, pattern: '(', example: null });
    expect(codes([bad], { customerReference: 'X' })).toEqual([]);
  });
});

describe('reminders', () => {
  it('appointment, packaging, documents and notes, with the rule severity and details', () => {
    const rules = [
      rule('appointment', { hoursBefore: 48, contact: 'quai@client.fr' }, { severity: 'info', id: 'a' }),
      rule(
        'packaging',
        { sscc: true, qrCode: false, palletType: 'EUR', maxPalletHeightCm: 180, instructions: null },
        { severity: 'warning', id: 'p' },
      ),
      rule(
        'required_documents',
        { documents: ['delivery_note', 'certificate_of_conformity'], copies: 2 },
        { severity: 'info', id: 'd' },
      ),
      rule('note', { text: 'Sonner au portail B' }, { severity: 'info', id: 'n' }),
    ];
    expect(evaluateRules(rules, ctx())).toEqual([
      {
        code: 'appointment_required',
        severity: 'info',
        ruleId: 'a',
        path: 'requestedDeliveryDate',
        params: { hoursBefore: 48, contact: 'quai@client.fr' },
        note: null,
      },
      {
        code: 'packaging_requirements',
        severity: 'warning',
        ruleId: 'p',
        path: '',
        params: {
          sscc: 'yes',
          qrCode: 'no',
          palletType: 'EUR',
          maxPalletHeightCm: 180,
          instructions: '',
          requirements: 'SSCC, EUR, ≤ 180 cm',
        },
        note: null,
      },
      {
        code: 'documents_required',
        severity: 'info',
        ruleId: 'd',
        path: '',
        params: { documents: 'delivery_note,certificate_of_conformity', copies: 2 },
        note: null,
      },
      {
        code: 'customer_note',
        severity: 'info',
        ruleId: 'n',
        path: '',
        params: { text: 'Sonner au portail B' },
        note: null,
      },
    ]);
  });
});

describe('validatePoPattern', () => {
  it.each<[string, string, boolean]>([
    ['anchored PO pattern', '^PO-\\d{6}$', true],
    ['alternatives', 'PO-\\d+|BC\\d{4}', true],
    ['unbalanced parenthesis', '(PO', false],
    ['invalid quantifier', '*PO', false],
    ['empty', '', false],
    ['blank', '   ', false],
    ['200 characters', 'a'.repeat(200), true],
    ['201 characters', 'a'.repeat(201), false],
  ])('%s', (_n, pattern, valid) => {
    expect(validatePoPattern(pattern)).toBe(valid);
  });
});

describe('resolveCustomerProductCode', () => {
  const skus: Record<string, string> = { FX1040: 'p-fx1040', 'CLIENT-42': 'p-sku-collision', '12345678901': 'p-11' };
  const gtins: Record<string, string> = {
    '3012345678900': 'p-gtin13',
    '12345670': 'p-gtin8',
    '03012345678907': 'p-gtin14',
  };
  const bySku = (s: string) => skus[s] ?? null;
  const byGtin = (g: string) => gtins[g] ?? null;
  const refs = [
    { customerCode: 'CLIENT-42', productId: 'p-crossref' },
    { customerCode: ' art 7 ', productId: 'p-art7' },
  ];
  const own: ProductCodeRule = { type: 'own_sku' };
  const prefix: ProductCodeRule = { type: 'prefix', prefix: '0A-' };
  it.each<[string, string, ProductCodeRule, ReturnType<typeof resolveCustomerProductCode>]>([
    ['prefix stripped then SKU', '0A-FX1040', prefix, { productId: 'p-fx1040', via: 'prefix' }],
    ['prefix compared case-insensitively', '0a-FX1040', prefix, { productId: 'p-fx1040', via: 'prefix' }],
    ['prefix rule, code without the prefix → own SKU', 'FX1040', prefix, { productId: 'p-fx1040', via: 'own_sku' }],
    ['prefix ignored without a prefix rule', '0A-FX1040', own, null],
    [
      'cross-reference wins over an identical SKU',
      'CLIENT-42',
      own,
      { productId: 'p-crossref', via: 'cross_reference' },
    ],
    ['cross-reference: trim and case-insensitive', '  ART 7', own, { productId: 'p-art7', via: 'cross_reference' }],
    ['own SKU', ' FX1040 ', own, { productId: 'p-fx1040', via: 'own_sku' }],
    ['GTIN-13', '3012345678900', own, { productId: 'p-gtin13', via: 'gtin' }],
    ['GTIN-8', '12345670', { type: 'gtin' }, { productId: 'p-gtin8', via: 'gtin' }],
    ['GTIN-14', '03012345678907', { type: 'gtin' }, { productId: 'p-gtin14', via: 'gtin' }],
    ['11 digits: not a GTIN length, but an SKU', '12345678901', own, { productId: 'p-11', via: 'own_sku' }],
    ['unknown 13 digits', '3000000000000', own, null],
    ['nothing matches', 'ZZZ', own, null],
    ['empty code', '  ', own, null],
  ])('%s', (_n, code, r, expected) => {
    expect(resolveCustomerProductCode(code, r, refs, bySku, byGtin)).toEqual(expected);
  });
});

describe('finding messages', () => {
  it('every finding code has a message whose placeholders are among its params', () => {
    const rules = [
      window([1, 2, 5], '08:00', '12:00'),
      closing('2026-06-01', '2026-06-30'),
      rule('min_order_amount', { amount: '100' }),
      rule('min_order_quantity', { quantity: '10' }),
      rule('invoice_reference', { poRequired: true, pattern: '^PO-\\d{6}$', example: null }),
      rule('appointment', { hoursBefore: 24, contact: null }),
      rule('packaging', { sscc: true, qrCode: true, palletType: null, maxPalletHeightCm: null, instructions: 'Film' }),
      rule('required_documents', { documents: ['packing_list'], copies: 1 }),
      rule('note', { text: 'x' }),
    ];
    const findings = [
      ...evaluateRules(
        rules,
        ctx({
          shipToWeekdays: [1],
          deliveryDate: TUE,
          deliveryTime: '13:00',
          orderAmount: '1',
          orderQuantity: '1',
          customerReference: 'bad',
        }),
      ),
      ...evaluateRules(rules, ctx({ deliveryDate: WED, customerReference: null, requiresPoNumber: true })),
    ];
    const seen = new Set(findings.map((f) => f.code));
    expect([...seen].sort()).toEqual(
      [
        'appointment_required',
        'below_min_order_amount',
        'below_min_order_quantity',
        'customer_note',
        'customer_reference_format',
        'delivery_day_not_allowed',
        'delivery_in_closing_period',
        'delivery_time_outside_window',
        'documents_required',
        'packaging_requirements',
        'po_number_required',
      ].sort(),
    );
    for (const f of findings) {
      const m = domainMessages[f.code];
      expect(m, f.code).toBeDefined();
      for (const text of [m?.fr ?? '', m?.en ?? '']) {
        for (const [, name] of text.matchAll(/\{(\w+)\}/g))
          expect(f.params, `${f.code}.${name}`).toHaveProperty(name ?? '');
      }
    }
  });
});
