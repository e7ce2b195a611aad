import type { FastifyInstance, InjectOptions } from 'fastify';
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { createRelais, type Relais } from '@server/app';
import { loadConfig } from '@server/platform/config';
import { openDatabase, type Database } from '@server/platform/db/connection';
import { companies, companyUsers } from '@server/platform/platform.schema';
import { uuidv7 } from 'uuidv7';
import { frVat, siren } from '@server/demo';
import type { Role } from '@shared/api/auth';

export const PASSWORD = 'test-password-1';

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a new database on the PostgreSQL
 * server named by DATABASE_URL (created here, dropped on close) — the same suite runs on both.
 */
export async function freshDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (!url) return openDatabase({});
  const name = `relais_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: u.toString(), poolSize: 12 });
  return {
    ...database,
    async close() {
      await database.close();
      const a = new pg.Client({ connectionString: url });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

export type TestApp = Relais & { dbKind: Database['kind']; closeAll(): Promise<void> };

export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await freshDatabase();
  const config = { ...loadConfig({ ...env, LOG_LEVEL: env.LOG_LEVEL ?? 'silent' }), workerEnabled: false };
  const relais = await createRelais(config, { database, webRoot: null });
  return {
    ...relais,
    dbKind: database.kind,
    async closeAll() {
      await relais.close();
      await database.close();
    },
  };
}

let counter = 0;
/** A company with one user per given role (e-mails role@<slug>.test, password PASSWORD). */
export async function seedCompany(t: Relais, name: string, roles: Role[] = ['admin', 'adv_assistant', 'viewer']) {
  const companyId = uuidv7();
  const slug = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '')}${++counter}`;
  const s = siren(String(10000000 + Math.floor(Math.random() * 89999999)));
  await t.db.insert(companies).values({
    id: companyId,
    name,
    siren: s,
    vatNumber: frVat(s),
    address: { line1: '1 rue de la Paix', postalCode: '75002', city: 'Paris', countryCode: 'FR' },
  });
  const users: Record<string, { id: string; email: string }> = {};
  for (const role of roles) {
    const email = `${role}@${slug}.test`;
    const id = await t.services.auth.ensureUser({ email, name: `${role} ${name}`, password: PASSWORD });
    await t.db.insert(companyUsers).values({ companyId, userId: id, roles: [role], isDefault: true });
    users[role] = { id, email };
  }
  return { companyId, users };
}

export type Res<T = any> = { status: number; body: T; headers: Record<string, unknown>; raw?: Buffer };

/** A small client over app.inject() with a bearer token. */
export function client(app: FastifyInstance, token?: string, extraHeaders: Record<string, string> = {}) {
  const call = async <T = any>(
    method: InjectOptions['method'],
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Res<T>> => {
    const r = await app.inject({
      method,
      url,
      payload: payload as InjectOptions['payload'],
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...extraHeaders, ...headers },
    });
    let body: unknown = r.body;
    if ((r.headers['content-type'] ?? '').toString().includes('json') && r.body) body = JSON.parse(r.body);
    return { status: r.statusCode, body: body as T, headers: r.headers, raw: r.rawPayload };
  };
  return {
    get: <T = any>(url: string, headers?: Record<string, string>) => call<T>('GET', url, undefined, headers),
    post: <T = any>(url: string, payload?: unknown, headers?: Record<string, string>) =>
      call<T>('POST', url, payload ?? {}, headers),
    patch: <T = any>(url: string, payload?: unknown, headers?: Record<string, string>) =>
      call<T>('PATCH', url, payload ?? {}, headers),
    put: <T = any>(url: string, payload?: unknown, headers?: Record<string, string>) =>
      call<T>('PUT', url, payload ?? {}, headers),
    del: <T = any>(url: string, headers?: Record<string, string>) => call<T>('DELETE', url, undefined, headers),
  };
}

export async function tokenFor(app: FastifyInstance, email: string, password = PASSWORD): Promise<string> {
  const r = await client(app).post<{ token: string }>('/api/v1/auth/token', { email, password });
  if (r.status !== 200) throw new Error(`login failed for ${email}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.token;
}

/** A valid French customer body; override what the test is about. */
export function customerBody(over: Record<string, unknown> = {}) {
  const s = siren(String(20000000 + Math.floor(Math.random() * 79999999)));
  return {
    code: `C-${randomBytes(3).toString('hex').toUpperCase()}`,
    name: 'Bricodis Centre SAS',
    siren: s,
    vatNumber: frVat(s),
    countryCode: 'FR',
    billingAddress: { line1: '3 avenue Jean Mermoz', postalCode: '28000', city: 'Chartres', countryCode: 'FR' },
    ...over,
  };
}

export function productBody(over: Record<string, unknown> = {}) {
  return {
    sku: `P-${randomBytes(3).toString('hex').toUpperCase()}`,
    name: 'Vis à bois 4×40',
    unitPrice: '18.90',
    vatRate: '20.00',
    ...over,
  };
}
