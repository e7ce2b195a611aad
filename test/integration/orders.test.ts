import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { addDays, isoWeekday } from '@shared/dates';
import {
  client,
  customerBody,
  productBody,
  seedCompany,
  startTestApp,
  tokenFor,
  type TestApp,
} from '../support/harness';

let t: TestApp;
let co: Awaited<ReturnType<typeof seedCompany>>;
let adv: ReturnType<typeof client>;
let manager: ReturnType<typeof client>;
let customer: { id: string; shipTos: { id: string }[] };
let screws: { id: string; sku: string };
let plugs: { id: string; sku: string };
let service: { id: string; sku: string };

const today = new Date().toISOString().slice(0, 10);
/** The first date on or after `from` with this ISO weekday. */
const nextWeekday = (from: string, weekday: number) => {
  let d = from;
  while (isoWeekday(d) !== weekday) d = addDays(d, 1);
  return d;
};

beforeAll(async () => {
  t = await startTestApp();
  co = await seedCompany(t, 'Orders Co', ['adv_assistant', 'adv_manager', 'viewer']);
  adv = client(t.app, await tokenFor(t.app, co.users.adv_assistant!.email));
  manager = client(t.app, await tokenFor(t.app, co.users.adv_manager!.email));
  customer = (
    await adv.post(
      '/api/v1/customers',
      customerBody({
        creditLimit: '5000.00',
        productCodeRule: { type: 'prefix', prefix: '0A-' },
        contacts: [{ name: 'Claire Martin', role: 'buyer', email: 'achats@client.test' }],
        shipTos: [
          {
            code: 'CHARTRES',
            name: 'Entrepôt Chartres',
            isDefault: true,
            deliveryWeekdays: [1, 2, 5],
            address: { line1: '12 rue des Entrepôts', postalCode: '28000', city: 'Chartres', countryCode: 'FR' },
          },
        ],
      }),
    )
  ).body;
  screws = (await adv.post('/api/v1/products', productBody({ unitPrice: '10.00', orderMultiple: '5' }))).body;
  plugs = (await adv.post('/api/v1/products', productBody({ unitPrice: '2.50', minOrderQuantity: '10' }))).body;
  service = (await adv.post('/api/v1/products', productBody({ unitPrice: '80.00', unit: 'HUR', stockTracked: false })))
    .body;
  await adv.post('/api/v1/stock/receipts', {
    lines: [
      { productId: screws.id, quantity: '100' },
      { productId: plugs.id, quantity: '1000' },
    ],
  });
});
afterAll(async () => t?.closeAll());

const order = (over: Record<string, unknown> = {}) => ({
  customerId: customer.id,
  customerReference: `PO-${Math.random().toString(36).slice(2, 8)}`,
  lines: [
    { sku: screws.sku, quantity: '10' },
    { productId: plugs.id, quantity: '20' },
  ],
  ...over,
});
const codes = (o: { findings: { code: string }[] }) => o.findings.map((f) => f.code);
const stockOf = async (productId: string) => (await adv.get(`/api/v1/stock?productId=${productId}`)).body.data[0];

describe('orders: intake', () => {
  it('prices from the customer conditions, computes totals and promises a date; idempotent retry', async () => {
    const body = order();
    const r1 = await adv.post('/api/v1/orders', body, { 'idempotency-key': 'ord-1' });
    expect(r1.status).toBe(201);
    const o = r1.body;
    expect(o).toMatchObject({
      status: 'draft',
      customerId: customer.id,
      customerReference: body.customerReference,
      currency: 'EUR',
      totals: { net: '150.00', vat: '30.00', gross: '180.00' },
    });
    expect(o.number).toMatch(/^CMD-\d{4}-\d+/);
    expect(o.lines[0]).toMatchObject({
      productId: screws.id,
      quantity: '10',
      unitPrice: '10.0000',
      netAmount: '100.00',
      vatCategory: 'S',
      vatRate: '20.00',
      deliveredQuantity: '0',
      invoicedQuantity: '0',
    });
    expect(o.promisedDeliveryDate >= today).toBe(true);
    // Chartres takes deliveries on Monday, Tuesday and Friday only: the promise respects it.
    expect([1, 2, 5]).toContain(isoWeekday(o.promisedDeliveryDate));
    const r2 = await adv.post('/api/v1/orders', body, { 'idempotency-key': 'ord-1' });
    expect(r2.status).toBe(201);
    expect(r2.body.id).toBe(o.id);
    const r3 = await adv.post('/api/v1/orders', { ...body, customerReference: 'X' }, { 'idempotency-key': 'ord-1' });
    expect(r3.status).toBe(409);
    const list = await adv.get(`/api/v1/orders?customerReference=${body.customerReference}`);
    expect(list.body.data).toHaveLength(1);
  });

  it('flags the same customer reference twice', async () => {
    const first = await adv.post('/api/v1/orders', order({ customerReference: 'PO-DUP-1' }));
    const second = await adv.post('/api/v1/orders', order({ customerReference: 'po-dup-1' }));
    expect(codes(first.body)).not.toContain('duplicate_customer_reference');
    const dup = second.body.findings.find((f: { code: string }) => f.code === 'duplicate_customer_reference');
    expect(dup).toMatchObject({ severity: 'warning', path: 'customerReference' });
    expect(dup.message).toContain(first.body.number);
  });

  it('translates the customer’s codes, checks multiples, minimums and given prices', async () => {
    const r = await adv.post(
      '/api/v1/orders',
      order({
        lines: [
          { customerProductCode: `0A-${screws.sku}`, quantity: '7' },
          { sku: plugs.sku, quantity: '5', unitPrice: '2.00' },
        ],
      }),
    );
    expect(r.status).toBe(201);
    expect(r.body.lines[0]).toMatchObject({ productId: screws.id, customerProductCode: `0A-${screws.sku}` });
    const byCode = Object.fromEntries(r.body.findings.map((f: { code: string }) => [f.code, f]));
    expect(byCode.product_code_translated).toMatchObject({ severity: 'info', path: 'lines.0.customerProductCode' });
    expect(byCode.not_order_multiple).toMatchObject({ severity: 'warning', params: { suggested: '10' } });
    expect(byCode.below_min_quantity).toMatchObject({ severity: 'blocking', path: 'lines.1.quantity' });
    expect(byCode.price_differs).toMatchObject({
      severity: 'warning',
      params: { given: '2.0000', expected: '2.5000' },
    });
    expect(byCode.price_differs.message).toContain('2,50');
    expect(r.body.status).toBe('to_validate');
    expect(r.body.blocked).toBe(true);
    // A new check keeps the translation finding (the line remembers the customer's code).
    const again = await adv.post(`/api/v1/orders/${r.body.id}/validate`, {});
    expect(codes(again.body)).toContain('product_code_translated');
    expect(again.body.lines[0].customerProductCode).toBe(`0A-${screws.sku}`);
  });

  it('names the field of bad input and writes nothing', async () => {
    const before = (await adv.get('/api/v1/orders?limit=500')).body.data.length;
    const unknown = await adv.post('/api/v1/orders', order({ lines: [{ sku: 'NOPE', quantity: '1' }] }));
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0]).toMatchObject({ path: 'lines.0.sku', code: 'unknown_product' });
    const badQty = await adv.post('/api/v1/orders', order({ lines: [{ sku: screws.sku, quantity: '-1' }] }));
    expect(badQty.status).toBe(422);
    expect(badQty.body.errors[0].path).toBe('lines.0.quantity');
    const badCode = await adv.post(
      '/api/v1/orders',
      order({ lines: [{ customerProductCode: 'ZZ-1', quantity: '1' }] }),
    );
    expect(badCode.body.errors[0]).toMatchObject({ path: 'lines.0.customerProductCode', code: 'unknown_product' });
    expect((await adv.get('/api/v1/orders?limit=500')).body.data.length).toBe(before);
  });

  it('warns when the requested day is refused by the ship-to and previews without saving', async () => {
    const wednesday = nextWeekday(addDays(today, 20), 3);
    const preview = await adv.post('/api/v1/orders/preview', order({ requestedDeliveryDate: wednesday }));
    expect(preview.status).toBe(200);
    expect(preview.body.id).toBe('');
    const day = preview.body.findings.find((f: { code: string }) => f.code === 'delivery_day_not_allowed');
    expect(day).toMatchObject({ path: 'requestedDeliveryDate', severity: 'blocking' });
    expect(preview.body.promisedDeliveryDate > wednesday).toBe(true);
    expect([1, 2, 5]).toContain(isoWeekday(preview.body.promisedDeliveryDate));
  });
});

describe('orders: confirmation, stock and credit', () => {
  it('confirms: reserves stock, sends the acknowledgement to the buyer through the outbox', async () => {
    const o = (await adv.post('/api/v1/orders', order())).body;
    const before = await stockOf(screws.id);
    const c = await adv.post(`/api/v1/orders/${o.id}/confirm`, {});
    expect(c.status).toBe(200);
    expect(c.body).toMatchObject({ status: 'confirmed' });
    expect(c.body.lines[0]).toMatchObject({ reservedQuantity: '10', backorderQuantity: '0' });
    const after = await stockOf(screws.id);
    expect(Number(after.reserved) - Number(before.reserved)).toBe(10);
    await t.worker.drain();
    const mails = (await manager.get('/api/v1/mails')).body.data as { subject: string; to: string[] }[];
    const ack = mails.find((m) => m.subject.includes(o.number));
    expect(ack).toBeDefined();
    expect(ack!.to).toEqual(['achats@client.test']);
    expect(ack!.subject).toContain('Accusé de réception de commande');
    const again = await adv.post(`/api/v1/orders/${o.id}/confirm`, {});
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('invalid_transition');
    const pdf = await adv.get(`/api/v1/orders/${o.id}/acknowledgement.pdf`);
    expect(pdf.status).toBe(200);
    expect(String(pdf.headers['content-type'])).toContain('application/pdf');
    const timeline = (await adv.get(`/api/v1/orders/${o.id}/timeline`)).body.data as { kind: string }[];
    expect(timeline.some((e) => e.kind === 'mail')).toBe(true);
    expect(timeline.some((e) => e.kind === 'audit')).toBe(true);
  });

  it('backorders what is short and raises a replenishment task', async () => {
    const scarce = (await adv.post('/api/v1/products', productBody({ unitPrice: '5.00', leadTimeDays: 15 }))).body;
    await adv.post('/api/v1/stock/receipts', { lines: [{ productId: scarce.id, quantity: '4' }] });
    const o = (await adv.post('/api/v1/orders', order({ lines: [{ productId: scarce.id, quantity: '10' }] }))).body;
    expect(codes(o)).toContain('stock_short');
    const c = (await adv.post(`/api/v1/orders/${o.id}/confirm`, {})).body;
    expect(c.lines[0]).toMatchObject({ reservedQuantity: '4', backorderQuantity: '6' });
    expect(c.lines[0].promisedShipDate >= addDays(today, 15)).toBe(true);
    const tasks = (await adv.get(`/api/v1/tasks?relatedType=order&relatedId=${o.id}`)).body.data;
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ kind: 'replenishment', team: 'purchasing', status: 'open' });
    expect(tasks[0].payload).toMatchObject({ productId: scarce.id, quantity: '6' });
  });

  it('an expected receipt moves the promise forward', async () => {
    const p = (await adv.post('/api/v1/products', productBody({ unitPrice: '5.00', leadTimeDays: 60 }))).body;
    const receiptDate = addDays(today, 10);
    const er = await adv.post('/api/v1/stock/expected-receipts', {
      productId: p.id,
      quantity: '50',
      expectedDate: receiptDate,
      reference: 'PO-FOURN-1',
    });
    expect(er.status).toBe(201);
    const o = (await adv.post('/api/v1/orders/preview', order({ lines: [{ productId: p.id, quantity: '20' }] }))).body;
    expect(o.lines[0].promisedShipDate >= receiptDate).toBe(true);
    expect(o.lines[0].promisedShipDate < addDays(today, 60)).toBe(true);
  });

  it('parallel confirmations never reserve the same last units', async () => {
    const last = (await adv.post('/api/v1/products', productBody({ unitPrice: '1.00' }))).body;
    await adv.post('/api/v1/stock/receipts', { lines: [{ productId: last.id, quantity: '10' }] });
    const os = await Promise.all(
      [1, 2, 3, 4].map(
        async () => (await adv.post('/api/v1/orders', order({ lines: [{ productId: last.id, quantity: '10' }] }))).body,
      ),
    );
    const confirmed = await Promise.all(os.map((o) => adv.post(`/api/v1/orders/${o.id}/confirm`, {})));
    expect(confirmed.map((c) => c.status)).toEqual([200, 200, 200, 200]);
    const reserved = confirmed.map((c) => c.body.lines[0].reservedQuantity).sort();
    expect(reserved).toEqual(['0', '0', '0', '10']);
    expect(await stockOf(last.id)).toMatchObject({ onHand: '10', reserved: '10', available: '0' });
  });

  it('holds an order over the credit limit; an assistant cannot override, a manager can with a reason', async () => {
    const big = (await adv.post('/api/v1/products', productBody({ unitPrice: '1000.00', stockTracked: false }))).body;
    const o = (await adv.post('/api/v1/orders', order({ lines: [{ productId: big.id, quantity: '6' }] }))).body;
    expect(o.status).toBe('to_validate');
    expect(o.findings[0]).toMatchObject({ code: 'credit_limit_exceeded', severity: 'blocking', path: 'customerId' });
    const refused = await adv.post(`/api/v1/orders/${o.id}/confirm`, {});
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('order_blocked');
    expect(refused.body.errors[0]).toMatchObject({ path: 'customerId', code: 'credit_limit_exceeded' });
    expect(refused.body.errors[0].message).toContain('5');
    const assistant = await adv.post(`/api/v1/orders/${o.id}/confirm`, { overrideReason: 'Client fidèle' });
    expect(assistant.status).toBe(403);
    const ok = await manager.post(`/api/v1/orders/${o.id}/confirm`, { overrideReason: 'Accord DAF du 12/11' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'confirmed', override: { reason: 'Accord DAF du 12/11' } });
    const audit = (await manager.get(`/api/v1/audit?entityType=order&entityId=${o.id}`)).body.data as {
      changes: Record<string, { to: unknown }> | null;
    }[];
    expect(audit.some((a) => a.changes?.overrideReason?.to === 'Accord DAF du 12/11')).toBe(true);
    // Its amount now counts in the exposure: the next order is over the limit too.
    const next = (await adv.post('/api/v1/orders', order({ lines: [{ productId: service.id, quantity: '1' }] }))).body;
    expect(codes(next)).toContain('credit_limit_exceeded');
    await manager.post(`/api/v1/orders/${o.id}/cancel`, { reason: 'test' });
  });

  it('amends a confirmed order: keeps the previous version, re-reserves and re-acknowledges', async () => {
    const o = (await adv.post('/api/v1/orders', order())).body;
    await adv.post(`/api/v1/orders/${o.id}/confirm`, {});
    const before = await stockOf(screws.id);
    const lines = o.lines.map((l: { id: string; quantity: string }, i: number) => ({
      id: l.id,
      quantity: i === 0 ? '15' : l.quantity,
    }));
    const r = await adv.patch(`/api/v1/orders/${o.id}`, { lines, reason: 'Le client ajoute 5 vis' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'confirmed' });
    expect(r.body.lines[0]).toMatchObject({ id: o.lines[0].id, quantity: '15', reservedQuantity: '15' });
    expect(Number((await stockOf(screws.id)).reserved) - Number(before.reserved)).toBe(5);
    const versions = (await adv.get(`/api/v1/orders/${o.id}/versions`)).body.data;
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ reason: 'Le client ajoute 5 vis' });
    expect(versions[0].snapshot.lines[0].quantity).toBe('10');
    await t.worker.drain();
    const mails = (await manager.get('/api/v1/mails')).body.data as { subject: string }[];
    expect(mails.some((m) => m.subject.includes('ARC modificatif') && m.subject.includes(o.number))).toBe(true);
  });

  it('holds, releases and cancels with a reason, releasing the reservations', async () => {
    const o = (await adv.post('/api/v1/orders', order())).body;
    await adv.post(`/api/v1/orders/${o.id}/confirm`, {});
    const reservedBefore = Number((await stockOf(screws.id)).reserved);
    const held = await adv.post(`/api/v1/orders/${o.id}/hold`, { reason: 'Attente accord transporteur' });
    expect(held.body).toMatchObject({ status: 'on_hold', holdReason: 'Attente accord transporteur' });
    const released = await adv.post(`/api/v1/orders/${o.id}/release`, {});
    expect(released.body.status).toBe('confirmed');
    const noReason = await adv.post(`/api/v1/orders/${o.id}/cancel`, {});
    expect(noReason.status).toBe(422);
    expect(noReason.body.errors[0].path).toBe('reason');
    const c = await adv.post(`/api/v1/orders/${o.id}/cancel`, { reason: 'Doublon de la commande client' });
    expect(c.body).toMatchObject({ status: 'cancelled', cancelReason: 'Doublon de la commande client' });
    expect(c.body.lines[0]).toMatchObject({ reservedQuantity: '0', cancelledQuantity: '10', remainingQuantity: '0' });
    expect(Number((await stockOf(screws.id)).reserved)).toBe(reservedBefore - 10);
    expect((await adv.post(`/api/v1/orders/${o.id}/cancel`, { reason: 'x' })).status).toBe(409);
  });
});

describe('orders: quote conversion, order book, tenancy', () => {
  it('turns an accepted quote into an order with its prices', async () => {
    const q = (
      await adv.post('/api/v1/quotes', {
        customerId: customer.id,
        lines: [{ sku: screws.sku, quantity: '20', unitPrice: '9.00', overrideReason: 'Remise projet' }],
      })
    ).body;
    const early = await adv.post(`/api/v1/quotes/${q.id}/convert`, {});
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('quote_not_accepted');
    await adv.post(`/api/v1/quotes/${q.id}/accept`);
    const r = await adv.post(`/api/v1/quotes/${q.id}/convert`, { customerReference: 'PO-FROM-QUOTE' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ source: 'quote', quoteId: q.id, customerReference: 'PO-FROM-QUOTE' });
    expect(r.body.lines[0]).toMatchObject({ quantity: '20', unitPrice: '9.0000' });
    expect(codes(r.body)).toContain('price_differs');
    expect((await adv.get(`/api/v1/quotes/${q.id}`)).body).toMatchObject({ status: 'converted', orderId: r.body.id });
  });

  it('lists the order book with totals and filters, and exports it to Excel', async () => {
    const book = await adv.get(`/api/v1/order-book/lines?customerId=${customer.id}&limit=5`);
    expect(book.status).toBe(200);
    expect(book.body.data.length).toBeLessThanOrEqual(5);
    expect(book.body.totals.lines).toBeGreaterThan(5);
    expect(book.body.nextCursor).not.toBeNull();
    const next = await adv.get(
      `/api/v1/order-book/lines?customerId=${customer.id}&limit=5&cursor=${book.body.nextCursor}`,
    );
    expect(next.body.data[0].lineId).not.toBe(book.body.data[0].lineId);
    const bySku = await adv.get(`/api/v1/order-book/lines?productId=${plugs.id}`);
    expect(bySku.body.data.every((l: { sku: string }) => l.sku === plugs.sku)).toBe(true);
    const risky = await adv.get('/api/v1/order-book/lines?atRisk=true');
    expect(risky.body.data.every((l: { atRisk: boolean }) => l.atRisk)).toBe(true);
    expect(risky.body.totals.atRisk).toBe(risky.body.totals.lines);
    const confirmed = await adv.get('/api/v1/orders?status=confirmed');
    expect(confirmed.body.data.every((o: { status: string }) => o.status === 'confirmed')).toBe(true);
    const xlsx = await t.app.inject({
      method: 'GET',
      url: `/api/v1/order-book/export.xlsx?customerId=${customer.id}`,
      headers: { authorization: `Bearer ${await tokenFor(t.app, co.users.adv_assistant!.email)}` },
    });
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('Commande');
    expect(ws.rowCount).toBe(book.body.totals.lines + 2);
  });

  it('keeps every order to its company', async () => {
    const other = await seedCompany(t, 'Other Co', ['adv_manager']);
    const them = client(t.app, await tokenFor(t.app, other.users.adv_manager!.email));
    const mine = (await adv.post('/api/v1/orders', order())).body;
    expect((await them.get(`/api/v1/orders/${mine.id}`)).status).toBe(404);
    expect((await them.post(`/api/v1/orders/${mine.id}/confirm`, {})).status).toBe(404);
    expect((await them.post(`/api/v1/orders/${mine.id}/cancel`, { reason: 'x' })).status).toBe(404);
    expect((await them.get('/api/v1/orders')).body.data).toEqual([]);
    expect((await them.get('/api/v1/order-book/lines')).body.totals.lines).toBe(0);
    const foreign = await them.post('/api/v1/orders', order());
    expect(foreign.status).toBe(422);
    expect(foreign.body.errors[0]).toMatchObject({ path: 'customerId', code: 'unknown_customer' });
  });
});
