import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import type { Ctx } from '@server/platform/db/runner';
import { client, productBody, seedCompany, startTestApp, tokenFor, type TestApp } from '../support/harness';

let t: TestApp;
let co: Awaited<ReturnType<typeof seedCompany>>;
let api: ReturnType<typeof client>;
let product: { id: string; sku: string };
let ctx: Ctx;

beforeAll(async () => {
  t = await startTestApp();
  co = await seedCompany(t, 'Stock Co', ['adv_assistant', 'viewer']);
  api = client(t.app, await tokenFor(t.app, co.users.adv_assistant!.email));
  product = (await api.post('/api/v1/products', productBody())).body;
  ctx = {
    companyId: co.companyId,
    userId: co.users.adv_assistant!.id,
    roles: ['adv_assistant'],
    requestId: 'test',
    lang: 'fr',
  };
});
afterAll(async () => t?.closeAll());

const level = async () => (await api.get(`/api/v1/stock?productId=${product.id}`)).body.data[0];

describe('stock', () => {
  it('receives goods into the main warehouse (created on first use), idempotently', async () => {
    const body = { reference: 'BL fournisseur 4471', lines: [{ sku: product.sku, quantity: '10' }] };
    const r1 = await api.post('/api/v1/stock/receipts', body, { 'idempotency-key': 'rcpt-1' });
    const r2 = await api.post('/api/v1/stock/receipts', body, { 'idempotency-key': 'rcpt-1' });
    expect(r1.status).toBe(201);
    expect(r2.body).toEqual(r1.body);
    expect(await level()).toMatchObject({ warehouseCode: 'MAIN', onHand: '10', reserved: '0', available: '10' });
    expect((await api.get('/api/v1/warehouses')).body.data).toEqual([
      expect.objectContaining({ code: 'MAIN', isDefault: true }),
    ]);
  });

  it('adjusts with a reason, never below zero, and keeps a ledger that sums to the balance', async () => {
    const down = await api.post('/api/v1/stock/adjustments', {
      sku: product.sku,
      quantity: '-2.5',
      reason: 'Casse à l’inventaire',
    });
    expect(down.status).toBe(200);
    expect(await level()).toMatchObject({ onHand: '7.5', available: '7.5' });
    const tooMuch = await api.post('/api/v1/stock/adjustments', { sku: product.sku, quantity: '-8', reason: 'erreur' });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body.code).toBe('stock_below_reserved');
    const noReason = await api.post('/api/v1/stock/adjustments', { sku: product.sku, quantity: '1' });
    expect(noReason.body.errors[0]).toMatchObject({ path: 'reason', code: 'required' });
    const moves = (await api.get(`/api/v1/stock/moves?productId=${product.id}`)).body.data as {
      kind: string;
      quantity: string;
    }[];
    expect(moves.map((m) => [m.kind, m.quantity])).toEqual([
      ['adjustment', '-2.5'],
      ['receipt', '10'],
    ]);
  });

  it('never lets two confirmations at the same moment reserve the same last units', async () => {
    // 7.5 available: eight orders of 1 race for them; exactly 7 get stock
    const warehouseId = (await level()).warehouseId;
    const attempts = await Promise.all(
      Array.from({ length: 8 }, () =>
        t.run.run(ctx, (tx) =>
          t.services.stock.reserve(tx, ctx, warehouseId, product.id, '1', { type: 'order', id: uuidv7() }),
        ),
      ),
    );
    expect(attempts.filter(Boolean)).toHaveLength(7);
    expect(await level()).toMatchObject({ onHand: '7.5', reserved: '7', available: '0.5' });
    // stock cannot go below what is reserved
    const r = await api.post('/api/v1/stock/adjustments', { sku: product.sku, quantity: '-1', reason: 'inventaire' });
    expect(r.status).toBe(409);
  });

  it('releases a document’s reservations', async () => {
    const warehouseId = (await level()).warehouseId;
    const orderId = uuidv7();
    await api.post('/api/v1/stock/receipts', { lines: [{ sku: product.sku, quantity: '5' }] });
    await t.run.run(ctx, (tx) =>
      t.services.stock.reserve(tx, ctx, warehouseId, product.id, '3', { type: 'order', id: orderId }),
    );
    expect((await level()).reserved).toBe('10');
    const released = await t.run.run(ctx, (tx) => t.services.stock.release(tx, ctx, { type: 'order', id: orderId }));
    expect(released).toBe(1);
    expect(await level()).toMatchObject({ onHand: '12.5', reserved: '7', available: '5.5' });
  });

  it('is per company and permission-checked', async () => {
    const viewer = client(t.app, await tokenFor(t.app, co.users.viewer!.email));
    expect((await viewer.post('/api/v1/stock/receipts', { lines: [{ sku: product.sku, quantity: '1' }] })).status).toBe(
      403,
    );
    const other = await seedCompany(t, 'Autre stock', ['admin']);
    const otherApi = client(t.app, await tokenFor(t.app, other.users.admin!.email));
    expect((await otherApi.get(`/api/v1/stock?productId=${product.id}`)).body.data).toEqual([]);
    const r = await otherApi.post('/api/v1/stock/receipts', { lines: [{ productId: product.id, quantity: '1' }] });
    expect(r.body.errors[0]).toMatchObject({ path: 'lines.0.productId', code: 'unknown_product' });
  });
});
