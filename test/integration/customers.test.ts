import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, customerBody, seedCompany, startTestApp, tokenFor, type TestApp } from '../support/harness';

let t: TestApp;
let api: ReturnType<typeof client>;
let co: Awaited<ReturnType<typeof seedCompany>>;

beforeAll(async () => {
  t = await startTestApp();
  co = await seedCompany(t, 'Cust Co', ['admin', 'adv_assistant']);
  api = client(t.app, await tokenFor(t.app, co.users.adv_assistant!.email));
});
afterAll(async () => t?.closeAll());

const count = async () => (await api.get('/api/v1/customers?limit=1')).body.total as number;

describe('creating a customer', () => {
  it('creates it with a default ship-to from the billing address and the API defaults', async () => {
    const r = await api.post('/api/v1/customers', customerBody({ code: 'C-NEW', creditLimit: '50000.00' }));
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      code: 'C-NEW',
      currency: 'EUR',
      language: 'fr',
      creditLimit: '50000.00',
      paymentTerms: { basis: 'invoice_date', days: 30, dayOfMonth: null },
      productCodeRule: { type: 'own_sku' },
      requiresPoNumber: false,
    });
    expect(r.body.shipTos).toHaveLength(1);
    expect(r.body.shipTos[0]).toMatchObject({ isDefault: true, address: { city: 'Chartres' } });
    const again = await api.get(`/api/v1/customers/${r.body.id}`);
    expect(again.body).toEqual(r.body);
  });

  it.each([
    [{ siren: '123456789' }, 'siren', 'invalid_siren'],
    [{ siren: null, vatNumber: null }, 'siren', 'siren_required_fr'],
    [{ siret: '73282932000075' }, 'siret', 'invalid_siret'],
    [{ vatNumber: 'FR00732829320', siren: '732829320' }, 'vatNumber', 'invalid_vat_key'],
    [{ vatNumber: 'FR44732829320' }, 'vatNumber', 'vat_siren_mismatch'],
    [{ vatNumber: 'DE123' }, 'vatNumber', 'invalid_vat_format'],
    [{ countryCode: 'FRA' }, 'countryCode', 'invalid_country'],
    [{ creditLimit: 1000 }, 'creditLimit', 'invalid_type'],
    [{ creditLimit: '1,5' }, 'creditLimit', 'invalid_decimal'],
    [{ name: '' }, 'name', 'required'],
    [
      { billingAddress: { line1: 'x', postalCode: '2800', city: 'Chartres', countryCode: 'FR' } },
      'billingAddress.postalCode',
      'invalid_postal_code_fr',
    ],
    [
      { paymentTerms: { basis: 'invoice_date', days: 30, dayOfMonth: 10 } },
      'paymentTerms.dayOfMonth',
      'day_of_month_needs_end_of_month',
    ],
    [
      {
        shipTos: [
          {
            code: 'A',
            name: 'A',
            address: { line1: 'x', postalCode: '28000', city: 'C', countryCode: 'FR' },
            deliveryWeekdays: [8],
          },
        ],
      },
      'shipTos.0.deliveryWeekdays.0',
      'too_big',
    ],
    [{ accountManagerId: '01a207cd-a6da-7954-8af1-13c4ec683dc4' }, 'accountManagerId', 'unknown_user'],
  ])('refuses %j with 422 naming %s (%s) and writes nothing', async (over, path, code) => {
    const before = await count();
    const r = await api.post('/api/v1/customers', customerBody(over));
    expect(r.status).toBe(422);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(r.body.code).toBe('validation_failed');
    expect(r.body.errors).toContainEqual(expect.objectContaining({ path, code, message: expect.any(String) }));
    expect(await count()).toBe(before);
  });

  it('speaks English when asked', async () => {
    const r = await api.post('/api/v1/customers', customerBody({ siren: '123456789' }), {
      'accept-language': 'en-GB,en;q=0.8',
    });
    expect(r.body.errors[0].message).toMatch(/^Invalid SIREN/);
    const fr = await api.post('/api/v1/customers', customerBody({ siren: '123456789' }));
    expect(fr.body.errors[0].message).toMatch(/^SIREN invalide/);
  });

  it('refuses a duplicate code with 409 naming the field', async () => {
    await api.post('/api/v1/customers', customerBody({ code: 'DUP' }));
    const r = await api.post('/api/v1/customers', customerBody({ code: 'DUP' }));
    expect(r.status).toBe(409);
    expect(r.body.errors).toEqual([expect.objectContaining({ path: 'code', code: 'duplicate_code' })]);
  });

  it('answers 400/422, never 500, to malformed bodies', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/customers',
      headers: {
        authorization: (await api.get('/api/v1/health')).status
          ? `Bearer ${await tokenFor(t.app, co.users.adv_assistant!.email)}`
          : '',
        'content-type': 'application/json',
      },
      payload: '{"code": ',
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().code).toBe('invalid_json');
    expect((await api.post('/api/v1/customers', [])).status).toBe(422);
    expect((await api.get('/api/v1/customers/not-a-uuid')).status).toBe(422);
    expect((await api.get('/api/v1/customers?sort=password')).body.errors[0].path).toBe('sort');
  });
});

describe('idempotency', () => {
  it('replays the first result for the same key and body, and creates one customer', async () => {
    const body = customerBody();
    const before = await count();
    const r1 = await api.post('/api/v1/customers', body, { 'idempotency-key': 'k-1' });
    const r2 = await api.post('/api/v1/customers', body, { 'idempotency-key': 'k-1' });
    expect(r1.status).toBe(201);
    expect(r2.status).toBe(201);
    expect(r2.body).toEqual(r1.body);
    expect(await count()).toBe(before + 1);
  });

  it('answers 409 for the same key with a different body', async () => {
    await api.post('/api/v1/customers', customerBody(), { 'idempotency-key': 'k-2' });
    const r = await api.post('/api/v1/customers', customerBody(), { 'idempotency-key': 'k-2' });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('idempotency_conflict');
  });

  it('creates exactly one customer when the same request races with itself', async () => {
    const body = customerBody();
    const before = await count();
    const results = await Promise.all(
      Array.from({ length: 6 }, () => api.post('/api/v1/customers', body, { 'idempotency-key': 'k-race' })),
    );
    expect(new Set(results.map((r) => r.status))).toEqual(new Set([201]));
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(await count()).toBe(before + 1);
  });
});

describe('changing a customer', () => {
  it('changes only the given fields and keeps lists that were not sent', async () => {
    const c = (
      await api.post(
        '/api/v1/customers',
        customerBody({
          contacts: [{ name: 'Isabelle Moreau', role: 'buyer', email: 'i.moreau@example.com' }],
          paymentTerms: { basis: 'end_of_month', days: 30, dayOfMonth: 10 },
        }),
      )
    ).body;
    const r = await api.patch(`/api/v1/customers/${c.id}`, { name: 'Renamed SAS' });
    expect(r.status).toBe(200);
    expect(r.body.name).toBe('Renamed SAS');
    expect(r.body.contacts).toEqual(c.contacts);
    expect(r.body.shipTos).toEqual(c.shipTos);
    expect(r.body.paymentTerms).toEqual({ basis: 'end_of_month', days: 30, dayOfMonth: 10 });
    expect(r.body.version).toBe(c.version + 1);
  });

  it('keeps ship-to ids when edited and adds new ones, with delivery constraints', async () => {
    const c = (await api.post('/api/v1/customers', customerBody())).body;
    const main = c.shipTos[0];
    const r = await api.patch(`/api/v1/customers/${c.id}`, {
      shipTos: [
        { ...main, deliveryWeekdays: [5, 1, 2], constraints: ['Pas de livraison le mercredi'] },
        {
          code: 'DREUX',
          name: 'Magasin de Dreux',
          address: { line1: '14 rue de Bréhard', postalCode: '28100', city: 'Dreux', countryCode: 'FR' },
        },
      ],
    });
    expect(r.status).toBe(200);
    expect(r.body.shipTos).toHaveLength(2);
    expect(r.body.shipTos[0]).toMatchObject({
      id: main.id,
      isDefault: true,
      deliveryWeekdays: [1, 2, 5],
      constraints: ['Pas de livraison le mercredi'],
    });
    expect(r.body.shipTos[1]).toMatchObject({ code: 'DREUX', isDefault: false });
  });

  it('validates the merged record and leaves it unchanged on error', async () => {
    const c = (await api.post('/api/v1/customers', customerBody())).body;
    const r = await api.patch(`/api/v1/customers/${c.id}`, { name: 'Other', siret: '12345678901234' });
    expect(r.status).toBe(422);
    expect(r.body.errors[0].path).toBe('siret');
    expect((await api.get(`/api/v1/customers/${c.id}`)).body).toEqual(c);
  });

  it('answers 404 for an unknown id', async () => {
    expect((await api.patch('/api/v1/customers/01a207cd-a6da-7954-8af1-13c4ec683dc4', { name: 'x' })).status).toBe(404);
  });
});

describe('listing', () => {
  it('pages through every customer exactly once, in the asked order', async () => {
    for (const name of ['Zeta', 'alpha', 'Mu', 'Beta', 'Kappa', 'Omega', 'Delta'])
      await api.post('/api/v1/customers', customerBody({ name: `LIST ${name}` }));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const r: { body: { data: { name: string }[]; nextCursor: string | null; total: number } } = await api.get(
        `/api/v1/customers?q=LIST&sort=-name&limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(r.body.total).toBe(7);
      seen.push(...r.body.data.map((c) => c.name));
      cursor = r.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    const expected = [...seen].sort((x, y) => (x < y ? 1 : -1));
    expect(seen).toEqual(expected);
  });

  it('filters by country and rejects a forged cursor', async () => {
    await api.post(
      '/api/v1/customers',
      customerBody({
        countryCode: 'DE',
        siren: null,
        vatNumber: 'DE123456789',
        billingAddress: { line1: 'x', postalCode: '70565', city: 'Stuttgart', countryCode: 'DE' },
      }),
    );
    const de = await api.get('/api/v1/customers?countryCode=DE');
    expect(de.body.data.every((c: { countryCode: string }) => c.countryCode === 'DE')).toBe(true);
    expect(de.body.total).toBeGreaterThan(0);
    const bad = await api.get('/api/v1/customers?cursor=zzz');
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].path).toBe('cursor');
  });
});
