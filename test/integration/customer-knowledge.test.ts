import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, loadDemo } from '@server/demo';
import { client, startTestApp, tokenFor, type TestApp } from '../support/harness';

let t: TestApp;
let api: ReturnType<typeof client>;
let bricodis: { id: string; shipTos: { id: string; code: string }[] };
let lyon: { id: string };

beforeAll(async () => {
  t = await startTestApp();
  await loadDemo(t);
  api = client(t.app, await tokenFor(t.app, 'adv@demo.relais.fr', DEMO_PASSWORD));
  const list = (await api.get('/api/v1/customers?limit=50')).body.data;
  bricodis = list.find((c: { code: string }) => c.code === 'C0001');
  lyon = list.find((c: { code: string }) => c.code === 'C0002');
});
afterAll(async () => t?.closeAll());

describe('customer rules', () => {
  it('holds constraints as data with a note, and evaluates them against a delivery and an order', async () => {
    const chartres = bricodis.shipTos.find((s) => s.code === 'CHARTRES')!;
    const window = await api.post(`/api/v1/customers/${bricodis.id}/rules`, {
      kind: 'delivery_window',
      shipToId: chartres.id,
      params: { weekdays: [1, 2, 5], from: '07:00', to: '12:00' },
      note: 'Quais réservés aux retours l’après-midi',
    });
    expect(window.status).toBe(201);
    expect(window.body).toMatchObject({ kind: 'delivery_window', severity: 'blocking', shipToId: chartres.id });
    await api.post(`/api/v1/customers/${bricodis.id}/rules`, {
      kind: 'closing_period',
      params: { from: '2026-12-24', to: '2027-01-02', label: 'Fermeture annuelle' },
    });
    await api.post(`/api/v1/customers/${bricodis.id}/rules`, {
      kind: 'min_order_amount',
      params: { amount: '500.00' },
      note: 'Franco 500 € HT',
    });
    await api.post(`/api/v1/customers/${bricodis.id}/rules`, {
      kind: 'invoice_reference',
      params: { poRequired: true, pattern: '^PO-\\d{6}$', example: 'PO-123456' },
    });
    await api.post(`/api/v1/customers/${bricodis.id}/rules`, {
      kind: 'packaging',
      params: { sscc: true, qrCode: true, palletType: 'EUR', maxPalletHeightCm: 180 },
    });

    const rules = (await api.get(`/api/v1/customers/${bricodis.id}/rules`)).body.data;
    expect(rules.filter((r: { id: string }) => r.id === window.body.id)).toHaveLength(1);
    expect(rules.map((r: { kind: string }) => r.kind)).toEqual(
      expect.arrayContaining([
        'delivery_window',
        'closing_period',
        'min_order_amount',
        'invoice_reference',
        'packaging',
      ]),
    );

    // Wednesday 2026-11-25 at 14:00, 300 € with a badly formatted PO
    const r = await api.post(`/api/v1/customers/${bricodis.id}/rules/evaluate`, {
      shipToId: chartres.id,
      deliveryDate: '2026-11-25',
      deliveryTime: '14:00',
      orderAmount: '300.00',
      customerReference: 'BC 12',
    });
    expect(r.status).toBe(200);
    const codes = r.body.findings.map((f: { code: string }) => f.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        'delivery_day_not_allowed',
        'below_min_order_amount',
        'customer_reference_format',
        'packaging_requirements',
      ]),
    );
    // the ship-to's own weekdays say the same as the rules: only the rules' findings (with their notes) remain
    const days = r.body.findings.filter((f: { code: string }) => f.code === 'delivery_day_not_allowed');
    // (the windows of a site are alternatives: one refused day gives one finding, from a rule, with its note)
    expect(days).toHaveLength(1);
    expect(days[0].ruleId).not.toBeNull();
    expect(days[0].message).toBe(
      'Pas de livraison possible le 25/11/2026 : jours de livraison acceptés lundi, mardi, vendredi.',
    );
    const day = days[0];
    expect(day.severity).toBe('blocking');
    expect(day.message).toBeTruthy();
    expect(r.body.nextAllowedDeliveryDate).toBe('2026-11-27');
    const minimums = r.body.findings.filter((f: { code: string }) => f.code === 'below_min_order_amount');
    expect(minimums.map((f: { note: string }) => f.note)).toContain('Franco 500 € HT');

    const ok = await api.post(`/api/v1/customers/${bricodis.id}/rules/evaluate`, {
      shipToId: chartres.id,
      deliveryDate: '2026-11-27',
      deliveryTime: '08:30',
      orderAmount: '500.00',
      customerReference: 'PO-123456',
    });
    expect(ok.body.findings.filter((f: { severity: string }) => f.severity !== 'info')).toEqual([]);

    const closed = await api.post(`/api/v1/customers/${bricodis.id}/rules/evaluate`, {
      shipToId: chartres.id,
      deliveryDate: '2026-12-28',
    });
    expect(closed.body.findings.map((f: { code: string }) => f.code)).toContain('delivery_in_closing_period');
    expect(closed.body.nextAllowedDeliveryDate).toBe('2027-01-04');
  });

  it('refuses malformed rules naming the field', async () => {
    const r = await api.post(`/api/v1/customers/${bricodis.id}/rules`, {
      kind: 'delivery_window',
      params: { weekdays: [1], from: '14:00', to: '09:00' },
    });
    expect(r.status).toBe(422);
    expect(r.body.errors[0]).toMatchObject({ path: 'params.to', code: 'time_range_inverted' });
    const bad = await api.post(`/api/v1/customers/${bricodis.id}/rules`, {
      kind: 'invoice_reference',
      params: { pattern: '([' },
    });
    expect(bad.body.errors[0]).toMatchObject({ path: 'params.pattern', code: 'invalid_pattern' });
    const other = await api.post(`/api/v1/customers/${bricodis.id}/rules`, {
      kind: 'note',
      shipToId: '01a207cd-a6da-7954-8af1-13c4ec683dc4',
      params: { text: 'x' },
    });
    expect(other.body.errors[0]).toMatchObject({ path: 'shipToId', code: 'unknown_ship_to' });
  });

  it('translates the customer’s product codes: prefix rule, cross-reference, SKU, GTIN', async () => {
    expect((await api.get(`/api/v1/customers/${bricodis.id}/resolve-product?code=0A-FX1040`)).body).toMatchObject({
      via: 'prefix',
    });
    const refs = await api.post(`/api/v1/customers/${bricodis.id}/product-references`, {
      references: [{ customerCode: 'BRI-778', sku: 'FX2008' }],
    });
    expect(refs.status).toBe(201);
    const viaRef = (await api.get(`/api/v1/customers/${bricodis.id}/resolve-product?code=bri-778`)).body;
    expect(viaRef.via).toBe('cross_reference');
    const list = (await api.get(`/api/v1/customers/${bricodis.id}/product-references`)).body.data;
    expect(list).toEqual([
      expect.objectContaining({ customerCode: 'BRI-778', sku: 'FX2008', productId: viaRef.productId }),
    ]);
    expect((await api.get(`/api/v1/customers/${bricodis.id}/resolve-product?code=NOPE`)).status).toBe(404);
    const unknown = await api.post(`/api/v1/customers/${bricodis.id}/product-references`, {
      references: [{ customerCode: 'X', sku: 'NOPE' }],
    });
    expect(unknown.body.errors[0]).toMatchObject({ path: 'references.0.sku', code: 'unknown_product' });
  });
});

describe('pricing', () => {
  const resolve = (q: string) => api.get(`/api/v1/prices/resolve?${q}`);

  it('answers the catalog price with its reason when nothing else applies', async () => {
    const r = await resolve(`customerId=${lyon.id}&sku=FX7001&quantity=10&date=2026-11-23`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ unitPrice: '2.1000', netUnitPrice: '2.1000', source: { type: 'catalog' } });
    expect(r.body.explanation).toBeTruthy();
  });

  it('applies price lists with quantity breaks, a customer price over them, and a contract over both', async () => {
    const list = await api.post('/api/v1/price-lists', {
      code: 'TARIF-TEST',
      name: 'Tarif test 2026',
      currency: 'EUR',
      priority: 10,
      validFrom: '2026-01-01',
      validTo: '2026-12-31',
      items: [
        { sku: 'FX1040', minQuantity: '1', unitPrice: '18.00' },
        { sku: 'FX1040', minQuantity: '100', unitPrice: '16.50' },
      ],
    });
    expect(list.status).toBe(201);
    expect(list.body.itemCount).toBe(2);
    expect((await resolve(`customerId=${lyon.id}&sku=FX1040&quantity=99&date=2026-11-23`)).body).toMatchObject({
      unitPrice: '18.0000',
      source: { type: 'price_list' },
    });
    expect((await resolve(`customerId=${lyon.id}&sku=FX1040&quantity=100&date=2026-11-23`)).body.unitPrice).toBe(
      '16.5000',
    );
    expect((await resolve(`customerId=${lyon.id}&sku=FX1040&quantity=10&date=2027-01-05`)).body.source.type).toBe(
      'catalog',
    );

    const discount = await api.post(`/api/v1/customers/${lyon.id}/discounts`, {
      scope: 'category',
      category: 'Visserie',
      percent: '5',
    });
    expect(discount.status).toBe(201);
    expect((await resolve(`customerId=${lyon.id}&sku=FX1040&quantity=10&date=2026-11-23`)).body).toMatchObject({
      unitPrice: '18.0000',
      discountPercent: '5.00',
      netUnitPrice: '17.1000',
    });

    const agreed = await api.post(`/api/v1/customers/${lyon.id}/prices`, {
      sku: 'FX1040',
      unitPrice: '15.90',
      validFrom: '2026-01-01',
    });
    expect(agreed.status).toBe(201);
    expect((await resolve(`customerId=${lyon.id}&sku=FX1040&quantity=10&date=2026-11-23`)).body).toMatchObject({
      unitPrice: '15.9000',
      discountPercent: '0.00',
      source: { type: 'customer_price' },
    });

    const contract = await api.post('/api/v1/contracts', {
      customerId: lyon.id,
      title: 'Accord-cadre visserie 2026',
      validFrom: '2026-01-01',
      validTo: '2026-12-31',
      renewalDate: '2026-12-01',
      alertDays: 30,
      lines: [{ sku: 'FX1040', unitPrice: '14.80', committedQuantity: '5000' }],
    });
    expect(contract.status).toBe(201);
    expect(contract.body.number).toMatch(/^CT-2026-\d{4}$/);
    const viaContract = (await resolve(`customerId=${lyon.id}&sku=FX1040&quantity=10&date=2026-11-23`)).body;
    expect(viaContract).toMatchObject({ unitPrice: '14.8000', source: { type: 'contract', id: contract.body.id } });
    // after the contract, the customer price applies again
    expect((await resolve(`customerId=${lyon.id}&sku=FX1040&quantity=10&date=2027-02-01`)).body.source.type).toBe(
      'customer_price',
    );
  });

  it('reminds the account manager before a contract’s renewal date, by e-mail through the outbox', async () => {
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const c = await api.post('/api/v1/contracts', {
      customerId: bricodis.id,
      title: 'Contrat cadre étiquetage',
      validFrom: day(-300),
      validTo: day(60),
      renewalDate: day(20),
      alertDays: 30,
      lines: [{ sku: 'FX4100', unitPrice: '1.20' }],
    });
    expect(c.body.renewalDue).toBe(true);
    await t.worker.drain();
    const mails = (await api.get('/api/v1/mails')).body.data as {
      subject: string;
      to: string[];
      related: { id: string } | null;
    }[];
    // Bricodis is managed by Claire Martin (adv@)
    expect(mails.find((m) => m.related?.id === c.body.id)).toMatchObject({
      to: ['adv@demo.relais.fr'],
      subject: expect.stringContaining(c.body.number),
    });
  });

  it('lists contracts with their status, renewal alert and consumption', async () => {
    const r = await api.get(`/api/v1/contracts?customerId=${lyon.id}`);
    // the demo's contract belongs to Batimat: Lyon has only the one made above
    expect(r.body.data).toHaveLength(1);
    expect(r.body.data[0]).toMatchObject({
      status: expect.any(String),
      lines: [
        expect.objectContaining({
          sku: 'FX1040',
          committedQuantity: '5000',
          consumedQuantity: '0',
          consumptionRate: '0.0000',
        }),
      ],
    });
    const bad = await api.post('/api/v1/contracts', {
      customerId: lyon.id,
      title: 'x',
      validFrom: '2026-05-01',
      validTo: '2026-01-01',
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].path).toBe('validTo');
  });

  it('names unknown products and bad percentages', async () => {
    const r = await api.post(`/api/v1/customers/${lyon.id}/prices`, { sku: 'NOPE', unitPrice: '1' });
    expect(r.body.errors[0]).toMatchObject({ path: 'sku', code: 'unknown_product' });
    const p = await api.post(`/api/v1/customers/${lyon.id}/discounts`, { scope: 'order', percent: '120' });
    expect(p.body.errors[0]).toMatchObject({ path: 'percent', code: 'invalid_percent' });
  });
});
