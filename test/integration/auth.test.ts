import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, PASSWORD, seedCompany, startTestApp, tokenFor, customerBody, type TestApp } from '../support/harness';

let t: TestApp;
let co: Awaited<ReturnType<typeof seedCompany>>;

beforeAll(async () => {
  t = await startTestApp();
  co = await seedCompany(t, 'Auth Co', ['admin', 'adv_assistant', 'viewer', 'logistics']);
});
afterAll(async () => t?.closeAll());

describe('health', () => {
  it('answers without auth and names the database', async () => {
    const r = await client(t.app).get('/api/v1/health');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ status: 'ok', database: t.dbKind, version: expect.any(String) });
  });
});

describe('bearer tokens', () => {
  it('returns a token, the user and the company for good credentials', async () => {
    const r = await client(t.app).post('/api/v1/auth/token', {
      email: co.users.adv_assistant!.email,
      password: PASSWORD,
    });
    expect(r.status).toBe(200);
    expect(r.body.token).toMatch(/^rls_/);
    expect(r.body.user).toMatchObject({ email: co.users.adv_assistant!.email, roles: ['adv_assistant'] });
    expect(r.body.companyId).toBe(co.companyId);
    const me = await client(t.app, r.body.token).get('/api/v1/customers');
    expect(me.status).toBe(200);
  });

  it('refuses a wrong password with a problem+json 401', async () => {
    const r = await client(t.app).post('/api/v1/auth/token', { email: co.users.viewer!.email, password: 'nope' });
    expect(r.status).toBe(401);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(r.body).toMatchObject({ status: 401, code: 'invalid_credentials' });
  });

  it('refuses requests without credentials or with a bad token', async () => {
    expect((await client(t.app).get('/api/v1/customers')).status).toBe(401);
    const bad = await client(t.app, 'rls_forged').get('/api/v1/customers');
    expect(bad.status).toBe(401);
    expect(bad.body.code).toBe('unauthorized');
  });

  it('rate-limits repeated login attempts for one address', async () => {
    const c = client(t.app);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++)
      statuses.push((await c.post('/api/v1/auth/token', { email: 'brute@force.test', password: 'x' })).status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[11]).toBe(429);
    const r = await c.post('/api/v1/auth/token', { email: 'brute@force.test', password: 'x' });
    expect(r.body.code).toBe('rate_limited');
  });
});

describe('session cookie and CSRF', () => {
  async function login() {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: co.users.adv_assistant!.email, password: PASSWORD },
    });
    expect(r.statusCode).toBe(200);
    const cookies = r.cookies as { name: string; value: string; httpOnly?: boolean; sameSite?: string }[];
    const session = cookies.find((c) => c.name === 'relais_session')!;
    const csrf = cookies.find((c) => c.name === 'relais_csrf')!;
    return { body: r.json(), session, csrf };
  }

  it('sets an httpOnly, SameSite session cookie and a readable CSRF cookie', async () => {
    const { body, session, csrf } = await login();
    expect(session.httpOnly).toBe(true);
    expect(session.sameSite).toBe('Lax');
    expect(csrf.httpOnly).toBeFalsy();
    expect(body.csrfToken).toBe(csrf.value);
    expect(body.companies).toEqual([{ id: co.companyId, name: 'Auth Co', roles: ['adv_assistant'] }]);
  });

  it('requires the CSRF header for changes made with the cookie', async () => {
    const { session, csrf } = await login();
    const cookie = `relais_session=${session.value}`;
    const read = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
    expect(read.statusCode).toBe(200);
    const noCsrf = await t.app.inject({
      method: 'POST',
      url: '/api/v1/customers',
      headers: { cookie },
      payload: customerBody(),
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().code).toBe('csrf_failed');
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/customers',
      headers: { cookie, 'x-csrf-token': csrf.value },
      payload: customerBody(),
    });
    expect(ok.statusCode).toBe(201);
  });

  it('logs out: the session no longer works', async () => {
    const { session } = await login();
    const cookie = `relais_session=${session.value}`;
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } })).statusCode).toBe(
      204,
    );
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(401);
  });
});

describe('permissions', () => {
  it('lets a viewer read but not create, and logistics not edit customers', async () => {
    const viewer = client(t.app, await tokenFor(t.app, co.users.viewer!.email));
    expect((await viewer.get('/api/v1/customers')).status).toBe(200);
    const r = await viewer.post('/api/v1/customers', customerBody());
    expect(r.status).toBe(403);
    expect(r.body.code).toBe('forbidden');
    const logistics = client(t.app, await tokenFor(t.app, co.users.logistics!.email));
    expect((await logistics.post('/api/v1/products', { sku: 'X', name: 'x', unitPrice: '1' })).status).toBe(403);
    expect((await logistics.get('/api/v1/mails')).status).toBe(403);
  });

  it('answers problem+json 404 for unknown API paths', async () => {
    const r = await client(t.app, await tokenFor(t.app, co.users.admin!.email)).get('/api/v1/nothing-here');
    expect(r.status).toBe(404);
    expect(r.body.code).toBe('not_found');
  });
});
