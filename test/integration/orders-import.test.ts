import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '@shared/dates';
import {
  client,
  customerBody,
  productBody,
  seedCompany,
  startTestApp,
  tokenFor,
  type Res,
  type TestApp,
} from '../support/harness';

let t: TestApp;
let co: Awaited<ReturnType<typeof seedCompany>>;
let other: Awaited<ReturnType<typeof seedCompany>>;
let token: string;
let otherToken: string;
let adv: ReturnType<typeof client>;
let bricodis: { id: string; code: string; shipTos: { id: string; code: string }[] };
let quinca: { id: string; code: string };
let screws: { id: string; sku: string };
let plugs: { id: string; sku: string };
let nails: { id: string; sku: string };

const delivery = addDays(new Date().toISOString().slice(0, 10), 40);
const frDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

beforeAll(async () => {
  t = await startTestApp();
  co = await seedCompany(t, 'Order Import Co', ['adv_assistant', 'viewer']);
  other = await seedCompany(t, 'Other Import Co', ['adv_assistant']);
  token = await tokenFor(t.app, co.users.adv_assistant!.email);
  otherToken = await tokenFor(t.app, other.users.adv_assistant!.email);
  adv = client(t.app, token);
  bricodis = (
    await adv.post(
      '/api/v1/customers',
      customerBody({
        productCodeRule: { type: 'prefix', prefix: '0A-' },
        shipTos: [
          {
            code: 'CHARTRES',
            name: 'Entrepôt Chartres',
            isDefault: true,
            address: { line1: '12 rue des Entrepôts', postalCode: '28000', city: 'Chartres', countryCode: 'FR' },
          },
          {
            code: 'DREUX',
            name: 'Magasin Dreux',
            address: { line1: '1 place Métezeau', postalCode: '28100', city: 'Dreux', countryCode: 'FR' },
          },
        ],
      }),
    )
  ).body;
  quinca = (await adv.post('/api/v1/customers', customerBody({ name: 'Quincaillerie Martin' }))).body;
  screws = (await adv.post('/api/v1/products', productBody({ unitPrice: '10.00' }))).body;
  plugs = (await adv.post('/api/v1/products', productBody({ unitPrice: '2.50' }))).body;
  nails = (await adv.post('/api/v1/products', productBody({ unitPrice: '4.20' }))).body;
  expect([bricodis.id, quinca.id, screws.id, plugs.id, nails.id].every(Boolean)).toBe(true);
});
afterAll(async () => t?.closeAll());

/** POST a file as multipart/form-data (field `file`), built by the platform's own FormData. */
async function upload(
  url: string,
  filename: string,
  data: Buffer | string,
  opts: { token?: string; headers?: Record<string, string> } = {},
): Promise<Res> {
  const form = new FormData();
  form.append('file', new Blob([data as BlobPart]), filename);
  const req = new Request('http://x', { method: 'POST', body: form });
  const r = await t.app.inject({
    method: 'POST',
    url,
    payload: Buffer.from(await req.arrayBuffer()),
    headers: {
      authorization: `Bearer ${opts.token ?? token}`,
      'content-type': req.headers.get('content-type')!,
      ...opts.headers,
    },
  });
  return { status: r.statusCode, body: r.body ? JSON.parse(r.body) : undefined, headers: r.headers };
}
const preview = (name: string, data: Buffer | string, opts?: Parameters<typeof upload>[3]) =>
  upload('/api/v1/orders/imports/preview', name, data, opts);
const commit = (name: string, data: Buffer | string, opts?: Parameters<typeof upload>[3]) =>
  upload('/api/v1/orders/imports', name, data, opts);

/**
 * 3 orders, 7 lines, 2 customers; the file's rows 2–8 (row 1 is the header). Row 5 is Bricodis' PO-A again (its
 * own code for the screws), row 6 the second Bricodis order, to Dreux.
 */
function csv(po: string, sku5 = '') {
  const lines = [
    'client;reference;livraison;adresse;article;code client;quantite;prix;remise',
    `${bricodis.code};${po}-A;${delivery};CHARTRES;${screws.sku};;10;;`,
    `${bricodis.code};${po}-A;${delivery};;${plugs.sku};;20;2,50;`,
    `${quinca.code};${po}-Q;${frDate(delivery)};;${nails.sku};;5;;10`,
    `${bricodis.code};${po}-A;;;${sku5};0A-${nails.sku};30;;`,
    `${bricodis.code};${po}-B;${frDate(delivery)};DREUX;${plugs.sku};;100;;`,
    `${quinca.code};${po}-Q;;;${screws.sku};;1,5;;`,
    `${bricodis.code};${po}-B;;DREUX;${nails.sku};;12;;`,
  ];
  return lines.join('\r\n') + '\r\n';
}

const ordersOf = async (reference: string) =>
  (await adv.get(`/api/v1/orders?customerReference=${encodeURIComponent(reference)}`)).body.data as {
    id: string;
    source: string;
  }[];

describe('orders: import from a file', () => {
  it('previews the orders of a CSV without writing', async () => {
    const r = await preview('commandes.csv', csv('PV'));
    expect(r.status).toBe(200);
    expect(r.body.totals).toEqual({ orders: 3, lines: 7, errors: 0 });
    expect(r.body.errors).toEqual([]);
    expect(r.body.orders).toEqual([
      expect.objectContaining({
        customerCode: bricodis.code,
        customerId: bricodis.id,
        customerReference: 'PV-A',
        requestedDeliveryDate: delivery,
        shipToCode: 'CHARTRES',
        rows: [2, 3, 5],
        lines: 3,
        errors: [],
      }),
      expect.objectContaining({ customerId: quinca.id, customerReference: 'PV-Q', lines: 2, rows: [4, 7] }),
      expect.objectContaining({ customerReference: 'PV-B', requestedDeliveryDate: delivery, lines: 2 }),
    ]);
    expect(await ordersOf('PV-A')).toHaveLength(0);
  });

  it('creates the three orders in one go, source import; an idempotent retry answers the same orders', async () => {
    const file = csv('IMP');
    const r = await commit('commandes.csv', file, { headers: { 'idempotency-key': 'order-import-1' } });
    expect(r.status).toBe(201);
    expect(r.body.orders).toHaveLength(3);
    expect(r.body.orders.map((o: { customerReference: string }) => o.customerReference)).toEqual([
      'IMP-A',
      'IMP-Q',
      'IMP-B',
    ]);
    for (const o of r.body.orders) {
      expect(o.number).toMatch(/^CMD-\d{4}-\d+/);
      expect(['draft', 'to_validate']).toContain(o.status);
    }

    const a = (await adv.get(`/api/v1/orders/${r.body.orders[0].id}`)).body;
    expect(a).toMatchObject({
      source: 'import',
      customerId: bricodis.id,
      customerReference: 'IMP-A',
      requestedDeliveryDate: delivery,
      shipToId: bricodis.shipTos.find((s) => s.code === 'CHARTRES')!.id,
    });
    expect(a.lines.map((l: { productId: string; quantity: string }) => [l.productId, l.quantity])).toEqual([
      [screws.id, '10'],
      [plugs.id, '20'],
      [nails.id, '30'],
    ]);
    expect(a.lines[1].unitPrice).toBe('2.5000');
    expect(a.lines[2].customerProductCode).toBe(`0A-${nails.sku}`);

    const q = (await adv.get(`/api/v1/orders/${r.body.orders[1].id}`)).body;
    expect(q).toMatchObject({ source: 'import', customerId: quinca.id, requestedDeliveryDate: delivery });
    expect(q.lines.map((l: { productId: string; quantity: string }) => [l.productId, l.quantity])).toEqual([
      [nails.id, '5'],
      [screws.id, '1.5'],
    ]);
    expect(q.lines[0].discountPercent).toBe('10.00');

    const b = (await adv.get(`/api/v1/orders/${r.body.orders[2].id}`)).body;
    expect(b.shipToId).toBe(bricodis.shipTos.find((s) => s.code === 'DREUX')!.id);
    expect(b.lines).toHaveLength(2);

    const again = await commit('commandes.csv', file, { headers: { 'idempotency-key': 'order-import-1' } });
    expect(again.status).toBe(201);
    expect(again.body.orders.map((o: { id: string }) => o.id)).toEqual(r.body.orders.map((o: { id: string }) => o.id));
    expect(await ordersOf('IMP-A')).toHaveLength(1);
    // Another file under the same key is a conflict.
    const other = await commit('commandes.csv', csv('IMP2'), { headers: { 'idempotency-key': 'order-import-1' } });
    expect(other.status).toBe(409);
  });

  it('creates nothing when a row is in error: 422 naming the row and column', async () => {
    const file = csv('ERR', 'NO-SUCH-SKU');
    const p = await preview('commandes.csv', file);
    expect(p.status).toBe(200);
    expect(p.body.totals.errors).toBe(1);
    expect(p.body.orders[0].errors).toEqual([
      expect.objectContaining({ row: 5, column: 'sku', code: 'unknown_product', message: 'Article inconnu.' }),
    ]);

    const r = await commit('commandes.csv', file);
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('order_import_invalid');
    expect(r.body.errors).toEqual([expect.objectContaining({ path: 'rows.5.sku', code: 'unknown_product' })]);
    for (const ref of ['ERR-A', 'ERR-Q', 'ERR-B']) expect(await ordersOf(ref)).toHaveLength(0);
  });

  it('reports bad dates, quantities, ship-tos, customers and missing columns', async () => {
    const file = [
      'customer,customerReference,deliveryDate,shipTo,sku,quantity',
      `${bricodis.code},BAD-1,31/02/2026,NOWHERE,${screws.sku},abc`,
      `UNKNOWN-CUST,BAD-2,,,${screws.sku},0`,
      `,BAD-3,,,${screws.sku},1`,
    ].join('\n');
    const p = await preview('bad.csv', file);
    expect(p.status).toBe(200);
    const all = [...p.body.errors, ...p.body.orders.flatMap((o: { errors: unknown[] }) => o.errors)];
    const got = all.map((e: { row: number; column: string; code: string }) => `${e.row}.${e.column}.${e.code}`);
    expect(got.sort()).toEqual(
      [
        '2.deliveryDate.order_import_date',
        '2.shipTo.unknown_ship_to',
        '2.quantity.order_import_number',
        '3.customer.unknown_customer',
        '3.quantity.must_be_positive',
        '4.customer.required',
      ].sort(),
    );
    const missing = await preview('missing.csv', `client;article\n${bricodis.code};${screws.sku}\n`);
    expect(missing.body.errors.map((e: { column: string; code: string }) => `${e.column}.${e.code}`)).toEqual([
      'customerReference.missing_column',
      'quantity.missing_column',
    ]);
  });

  it('reads an Excel workbook with French headers and decimal commas', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Commandes');
    ws.addRow(['Client', 'N° commande', 'Date de livraison', 'Article', 'Quantité', 'Prix', 'Remise']);
    ws.addRow([quinca.code, 'XL-1', frDate(delivery), screws.sku, '2,5', '9,90', '5,5']);
    ws.addRow([quinca.code, 'XL-1', new Date(`${delivery}T00:00:00Z`), plugs.sku, 40, 2.4, null]);
    const data = Buffer.from(await wb.xlsx.writeBuffer());
    const p = await preview('commandes.xlsx', data);
    expect(p.status).toBe(200);
    expect(p.body.totals).toEqual({ orders: 1, lines: 2, errors: 0 });
    const r = await commit('commandes.xlsx', data);
    expect(r.status).toBe(201);
    const o = (await adv.get(`/api/v1/orders/${r.body.orders[0].id}`)).body;
    expect(o).toMatchObject({ source: 'import', customerId: quinca.id, requestedDeliveryDate: delivery });
    expect(o.lines.map((l: { quantity: string; unitPrice: string; discountPercent: string }) => l)).toEqual([
      expect.objectContaining({ productId: screws.id, quantity: '2.5', unitPrice: '9.9000', discountPercent: '5.50' }),
      expect.objectContaining({ productId: plugs.id, quantity: '40', unitPrice: '2.4000' }),
    ]);
  });

  it('knows only the company’s own customers', async () => {
    const file = `client;reference;article;quantite\n${bricodis.code};TEN-1;${screws.sku};1\n`;
    const p = await preview('c.csv', file, { token: otherToken });
    expect(p.status).toBe(200);
    expect(p.body.orders[0]).toMatchObject({ customerId: null });
    expect(p.body.orders[0].errors.map((e: { column: string; code: string }) => `${e.column}.${e.code}`)).toEqual([
      'customer.unknown_customer',
      'sku.unknown_product',
    ]);
    const r = await commit('c.csv', file, { token: otherToken });
    expect(r.status).toBe(422);
    expect(r.body.errors.map((e: { path: string }) => e.path)).toEqual(['rows.2.customer', 'rows.2.sku']);
  });

  it('needs the orders permissions and a file', async () => {
    const viewer = await tokenFor(t.app, co.users.viewer!.email);
    expect((await preview('c.csv', csv('V'), { token: viewer })).status).toBe(200);
    expect((await commit('c.csv', csv('V'), { token: viewer })).status).toBe(403);
    expect((await adv.post('/api/v1/orders/imports', {})).status).toBe(415);
  });
});
