import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAdmin, loadDemo, DEMO_PASSWORD, frVat, gtin, siren } from '@server/demo';
import { client, productBody, startTestApp, tokenFor, type TestApp } from '../support/harness';

let t: TestApp;
let empty: TestApp;
beforeAll(async () => {
  [t, empty] = await Promise.all([startTestApp(), startTestApp()]);
  await loadDemo(t);
});
afterAll(async () => Promise.all([t?.closeAll(), empty?.closeAll()]));

describe('an empty server with an admin (RELAIS_DEMO=0)', () => {
  it('has the admin and no company until one is created; then the admin works in it', async () => {
    await ensureAdmin(empty, 'root@relais.test', 'a-long-password-1');
    const token = await tokenFor(empty.app, 'root@relais.test', 'a-long-password-1');
    const api = client(empty.app, token);
    expect((await api.get('/api/v1/companies')).body.data).toEqual([]);
    const none = await api.get('/api/v1/customers');
    expect(none.status).toBe(403);
    expect(none.body.code).toBe('no_company');

    const bad = await api.post('/api/v1/companies', {
      name: 'X',
      siren: '123456789',
      address: { line1: 'a', postalCode: '75001', city: 'Paris', countryCode: 'FR' },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].path).toBe('siren');

    const s = siren('55566677');
    const r = await api.post(
      '/api/v1/companies',
      {
        name: 'Nouvelle Société SAS',
        legalForm: 'SAS',
        shareCapital: '10000.00',
        siren: s,
        rcsCity: 'Paris',
        vatNumber: frVat(s),
        address: { line1: '5 rue de Rivoli', postalCode: '75001', city: 'Paris', countryCode: 'FR' },
        iban: 'FR76 3000 6000 0112 3456 7890 189',
        bic: 'AGRIFRPP',
        currency: 'EUR',
        email: 'contact@nouvelle.test',
        phone: '+33 1 00 00 00 00',
      },
      { 'idempotency-key': 'company-1' },
    );
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ siren: s, iban: 'FR7630006000011234567890189' });
    const again = await api.post(
      '/api/v1/companies',
      { ...r.body, iban: 'FR76 3000 6000 0112 3456 7890 189' },
      { 'idempotency-key': 'company-1' },
    );
    expect(again.status).toBe(409);

    const after = client(empty.app, await tokenFor(empty.app, 'root@relais.test', 'a-long-password-1'));
    expect((await after.get('/api/v1/customers')).status).toBe(200);
    const patched = await after.patch(`/api/v1/companies/${r.body.id}`, { phone: '+33 1 11 11 11 11' });
    expect(patched.body.phone).toBe('+33 1 11 11 11 11');
    expect(patched.body.name).toBe('Nouvelle Société SAS');
  });

  it('refuses company creation to a user who is no admin', async () => {
    const api = client(t.app, await tokenFor(t.app, 'adv@demo.relais.fr', DEMO_PASSWORD));
    const r = await api.post('/api/v1/companies', {
      name: 'X',
      siren: siren('11122233'),
      address: { line1: 'a', postalCode: '75001', city: 'Paris', countryCode: 'FR' },
    });
    expect(r.status).toBe(403);
  });
});

describe('demo data', () => {
  it('loads once: a French SAS with valid identifiers, customers with constraints, products', async () => {
    expect(await loadDemo(t)).toBeNull(); // second start: nothing loaded again
    const api = client(t.app, await tokenFor(t.app, 'adv@demo.relais.fr', DEMO_PASSWORD));
    const [company] = (await api.get('/api/v1/companies')).body.data;
    expect(company).toMatchObject({ legalForm: 'SAS', currency: 'EUR' });
    expect(company.vatNumber).toBe(frVat(company.siren));
    const customers = (await api.get('/api/v1/customers?limit=500')).body;
    expect(customers.total).toBe(6);
    const bricodis = customers.data.find((c: { code: string }) => c.code === 'C0001');
    expect(bricodis.shipTos[0]).toMatchObject({ code: 'CHARTRES', deliveryWeekdays: [1, 2, 5] });
    expect(bricodis.productCodeRule).toEqual({ type: 'prefix', prefix: '0A-' });
    expect((await api.get('/api/v1/products?limit=1')).body.total).toBeGreaterThanOrEqual(15);
    expect((await api.get('/api/v1/users')).body.data.length).toBe(7);
  });
});

describe('products', () => {
  let api: ReturnType<typeof client>;
  beforeAll(async () => {
    api = client(t.app, await tokenFor(t.app, 'adv@demo.relais.fr', DEMO_PASSWORD));
  });

  it('creates a product with decimal strings kept exact', async () => {
    const r = await api.post(
      '/api/v1/products',
      productBody({ unitPrice: '0.0450', packSize: '500', vatRate: '5.50', gtin: gtin('376012345009') }),
    );
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      unitPrice: '0.045',
      packSize: '500',
      vatRate: '5.50',
      unit: 'C62',
      vatCategory: 'S',
      active: true,
    });
  });

  it.each([
    [{ gtin: '3760123450018' }, 'gtin', 'invalid_gtin'],
    [{ unitPrice: '12.34567' }, 'unitPrice', 'too_many_decimals'],
    [{ unitPrice: 12.5 }, 'unitPrice', 'invalid_type'],
    [{ vatCategory: 'S', vatRate: '0.00' }, 'vatRate', 'vat_rate_required_standard'],
    [{ vatCategory: 'AE', vatRate: '20.00' }, 'vatRate', 'vat_rate_must_be_zero'],
    [{ vatCategory: 'X' }, 'vatCategory', 'invalid_value'],
    [{ unit: 'pieces' }, 'unit', 'invalid_unit'],
    [{ packSize: '0' }, 'packSize', 'must_be_positive'],
  ])('refuses %j naming %s', async (over, path, code) => {
    const r = await api.post('/api/v1/products', productBody(over));
    expect(r.status).toBe(422);
    expect(r.body.errors).toContainEqual(expect.objectContaining({ path, code }));
  });

  it('searches by SKU, name or GTIN and filters inactive ones', async () => {
    expect((await api.get('/api/v1/products?q=FX1040')).body.data[0].sku).toBe('FX1040');
    expect((await api.get('/api/v1/products?q=cheville')).body.total).toBe(2);
    const inactive = await api.get('/api/v1/products?active=false');
    expect(inactive.body.data.map((p: { sku: string }) => p.sku)).toEqual(['FX0999']);
    const byPrice = (await api.get('/api/v1/products?sort=-unitPrice&limit=1')).body.data[0];
    expect(byPrice.sku).toBe('SRV-FORM');
  });
});

describe('users of a company', () => {
  it('an admin adds a user who can then log in; an adv assistant cannot add users; absence is recorded', async () => {
    const admin = client(t.app, await tokenFor(t.app, 'admin@demo.relais.fr', DEMO_PASSWORD));
    const r = await admin.post('/api/v1/users', {
      email: 'nouvelle@demo.relais.fr',
      name: 'Léa Nouvelle',
      password: 'long-password-2',
      roles: ['adv_assistant'],
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ name: 'Léa Nouvelle', roles: ['adv_assistant'], absent: false });
    const lea = client(t.app, await tokenFor(t.app, 'nouvelle@demo.relais.fr', 'long-password-2'));
    expect((await lea.get('/api/v1/customers?limit=1')).body.total).toBeGreaterThan(0);
    expect(
      (
        await lea.post('/api/v1/users', {
          email: 'x@y.test',
          name: 'X',
          password: 'long-password-3',
          roles: ['viewer'],
        })
      ).status,
    ).toBe(403);
    const dup = await admin.post('/api/v1/users', {
      email: 'NOUVELLE@demo.relais.fr',
      name: 'Autre nom',
      password: 'long-password-2',
      roles: ['viewer'],
    });
    expect(dup.status).toBe(409);
    const absent = await lea.patch(`/api/v1/users/${r.body.id}`, { absent: true });
    expect(absent.body.absent).toBe(true);
    expect((await lea.patch(`/api/v1/users/${r.body.id}`, { roles: ['admin'] })).status).toBe(403);
  });
});
