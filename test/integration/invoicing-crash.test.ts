import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@server/platform/config';
import { openDatabase, type Database } from '@server/platform/db/connection';
import { createRelais } from '@server/app';
import { client, customerBody, productBody, seedCompany, tokenFor } from '../support/harness';

/**
 * Gapless numbering survives a crash: a process is killed (SIGKILL) in the middle of issuing, after it took the
 * next number and before commit. The database rolls the transaction back; the next issue takes that same number.
 */
const url = process.env.DATABASE_URL;
const dir = url ? null : mkdtempSync(join(tmpdir(), 'relais-crash-'));
let dbName: string | null = null;

async function open(): Promise<Database> {
  if (!url) return openDatabase({ dataDir: dir! });
  const u = new URL(url);
  if (!dbName) {
    dbName = `relais_crash_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${dbName}`);
    await admin.end();
  }
  u.pathname = `/${dbName}`;
  return openDatabase({ databaseUrl: u.toString() });
}
const childEnv = () => {
  if (!url) return { RELAIS_DATA_DIR: dir! };
  const u = new URL(url);
  u.pathname = `/${dbName}`;
  return { DATABASE_URL: u.toString() };
};

afterAll(async () => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  if (url && dbName) {
    const a = new pg.Client({ connectionString: url });
    await a.connect();
    await a.query(`drop database if exists ${dbName} with (force)`);
    await a.end();
  }
});

async function app(database: Database) {
  const config = { ...loadConfig({ LOG_LEVEL: 'silent' }), workerEnabled: false };
  return createRelais(config, { database, webRoot: null });
}

describe('issuing survives a crash in the middle', () => {
  it('hands the number back: no gap, no duplicate', async () => {
    // 1. Two shipped deliveries and their draft invoices.
    let database = await open();
    let relais = await app(database);
    const co = await seedCompany(relais, 'Crash Co', ['admin']);
    const api = client(relais.app, await tokenFor(relais.app, co.users.admin!.email));
    const c = (await api.post('/api/v1/customers', customerBody())).body;
    const p = (await api.post('/api/v1/products', productBody({ unitPrice: '10.00' }))).body;
    expect((await api.post('/api/v1/stock/receipts', { lines: [{ productId: p.id, quantity: '10' }] })).status).toBe(
      201,
    );
    const drafts: string[] = [];
    for (let i = 0; i < 2; i++) {
      const o = (
        await api.post('/api/v1/orders', {
          customerId: c.id,
          customerReference: `PO-CRASH-${i}`,
          lines: [{ productId: p.id, quantity: '1' }],
        })
      ).body;
      expect((await api.post(`/api/v1/orders/${o.id}/confirm`, {})).status).toBe(200);
      const d = (await api.post('/api/v1/deliveries', { orderId: o.id })).body;
      expect((await api.post(`/api/v1/deliveries/${d.id}/ship`, {})).status).toBe(200);
      const inv = await api.post('/api/v1/invoices', { deliveryIds: [d.id] });
      expect(inv.status).toBe(201);
      drafts.push(inv.body.id);
    }
    await relais.close();
    await database.close();

    // 2. Another process starts issuing the first draft and is killed once it holds the number.
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'test/support/issue-crash-child.ts', co.companyId, drafts[0]!],
      { env: { ...process.env, ...childEnv() }, encoding: 'utf8', timeout: 60_000 },
    );
    expect(child.stdout, child.stderr).toContain('number taken');
    expect(child.signal).toBe('SIGKILL');

    // 3. After restart: the first draft is still a draft, and issuing both gives 00001 and 00002.
    database = await open();
    relais = await app(database);
    const api2 = client(relais.app, await tokenFor(relais.app, co.users.admin!.email));
    expect((await api2.get(`/api/v1/invoices/${drafts[0]}`)).body).toMatchObject({ status: 'draft', number: null });
    const year = new Date().getFullYear();
    const a = await api2.post(`/api/v1/invoices/${drafts[1]}/issue`, {});
    const b = await api2.post(`/api/v1/invoices/${drafts[0]}/issue`, {});
    expect([a.body.number, b.body.number]).toEqual([`FA-${year}-00001`, `FA-${year}-00002`]);
    await relais.close();
    await database.close();
  }, 180_000);
});
