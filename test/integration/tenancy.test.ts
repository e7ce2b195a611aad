import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  client,
  customerBody,
  productBody,
  seedCompany,
  startTestApp,
  tokenFor,
  type TestApp,
} from '../support/harness';

/** No request can read or change another company's rows: proven here through the public API. */
let t: TestApp;
let a: Awaited<ReturnType<typeof seedCompany>>;
let b: Awaited<ReturnType<typeof seedCompany>>;
let apiA: ReturnType<typeof client>;
let apiB: ReturnType<typeof client>;
let customerA: { id: string; code: string };
let productA: { id: string };

beforeAll(async () => {
  t = await startTestApp();
  a = await seedCompany(t, 'Alpha', ['adv_assistant']);
  b = await seedCompany(t, 'Beta', ['admin']);
  apiA = client(t.app, await tokenFor(t.app, a.users.adv_assistant!.email));
  apiB = client(t.app, await tokenFor(t.app, b.users.admin!.email));
  customerA = (await apiA.post('/api/v1/customers', customerBody({ code: 'SHARED-CODE', name: 'Secret Client Alpha' })))
    .body;
  productA = (await apiA.post('/api/v1/products', productBody({ sku: 'SHARED-SKU' }))).body;
});
afterAll(async () => t?.closeAll());

describe('tenant isolation', () => {
  it("a second company's user gets 404 for the first company's customer by id", async () => {
    const r = await apiB.get(`/api/v1/customers/${customerA.id}`);
    expect(r.status).toBe(404);
    expect(r.body.code).toBe('not_found');
    expect((await apiB.get(`/api/v1/products/${productA.id}`)).status).toBe(404);
  });

  it('does not list nor find it by search', async () => {
    const list = await apiB.get('/api/v1/customers?q=Secret');
    expect(list.status).toBe(200);
    expect(list.body.data).toEqual([]);
    expect(list.body.total).toBe(0);
    const all = await apiB.get('/api/v1/customers?limit=500');
    expect(all.body.data.map((c: { id: string }) => c.id)).not.toContain(customerA.id);
  });

  it('cannot change it, and the owner sees it unchanged', async () => {
    const r = await apiB.patch(`/api/v1/customers/${customerA.id}`, { name: 'Hijacked' });
    expect(r.status).toBe(404);
    expect((await apiA.get(`/api/v1/customers/${customerA.id}`)).body.name).toBe('Secret Client Alpha');
  });

  it('cannot select the other company with the Relais-Company header', async () => {
    const r = await apiB.get(`/api/v1/customers/${customerA.id}`, { 'relais-company': a.companyId });
    expect(r.status).toBe(403);
    expect((await apiB.get(`/api/v1/companies/${a.companyId}`)).status).toBe(404);
  });

  it('cannot read its history', async () => {
    const r = await apiB.get(`/api/v1/audit?entityType=customer&entityId=${customerA.id}`);
    expect(r.status).toBe(200);
    expect(r.body.data).toEqual([]);
    const own = await apiA.get(`/api/v1/audit?entityType=customer&entityId=${customerA.id}`);
    expect(own.body.data.length).toBeGreaterThan(0);
  });

  it('codes are unique per company, not globally', async () => {
    const r = await apiB.post('/api/v1/customers', customerBody({ code: 'SHARED-CODE' }));
    expect(r.status).toBe(201);
    expect((await apiB.post('/api/v1/products', productBody({ sku: 'SHARED-SKU' }))).status).toBe(201);
  });

  it('an idempotency key of one company is not replayed to another', async () => {
    const body = productBody();
    const r1 = await apiA.post('/api/v1/products', body, { 'idempotency-key': 'same-key' });
    const r2 = await apiB.post('/api/v1/products', body, { 'idempotency-key': 'same-key' });
    expect(r1.status).toBe(201);
    expect(r2.status).toBe(201);
    expect(r2.body.id).not.toBe(r1.body.id);
  });
});
