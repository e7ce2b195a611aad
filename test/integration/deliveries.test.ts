import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { addDays, isoWeekday } from '@shared/dates';
import { isValidSscc } from '@shared/identifiers';
import { extractPdfText } from '../support/pdf-text';
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
let admin: ReturnType<typeof client>;
let viewer: ReturnType<typeof client>;
let customer: { id: string; shipTos: { id: string; code: string }[] };
let carrier: { id: string };

const today = new Date().toISOString().slice(0, 10);
/** The first date on or after `from` with this ISO weekday. */
const nextWeekday = (from: string, weekday: number) => {
  let d = from;
  while (isoWeekday(d) !== weekday) d = addDays(d, 1);
  return d;
};
/** A Wednesday far enough ahead that no cut-off or holiday interferes (not Christmas week). */
const farWednesday = (() => {
  let d = nextWeekday(addDays(today, 10), 3);
  while (d.slice(5) >= '12-20' || d.slice(5) <= '01-03') d = nextWeekday(addDays(d, 1), 3);
  return d;
})();

async function product(over: Record<string, unknown> = {}) {
  return (await adv.post('/api/v1/products', productBody({ unitPrice: '10.00', weightKg: '0.5', ...over }))).body as {
    id: string;
    sku: string;
  };
}
async function receive(productId: string, quantity: string) {
  const r = await adv.post('/api/v1/stock/receipts', { lines: [{ productId, quantity }] });
  expect(r.status).toBe(201);
}
const stockOf = async (productId: string) =>
  (await adv.get(`/api/v1/stock?productId=${productId}`)).body.data[0] as { onHand: string; reserved: string };

async function confirmedOrder(lines: { productId: string; quantity: string }[]) {
  const o = await adv.post('/api/v1/orders', {
    customerId: customer.id,
    customerReference: `PO-${Math.random().toString(36).slice(2, 8)}`,
    lines,
  });
  expect(o.status).toBe(201);
  const c = await adv.post(`/api/v1/orders/${o.body.id}/confirm`, {});
  expect(c.status, JSON.stringify(c.body)).toBe(200);
  return c.body as { id: string; number: string; lines: { id: string; reservedQuantity: string }[] };
}

beforeAll(async () => {
  t = await startTestApp();
  co = await seedCompany(t, 'Deliveries Co', ['admin', 'adv_assistant', 'viewer']);
  adv = client(t.app, await tokenFor(t.app, co.users.adv_assistant!.email));
  admin = client(t.app, await tokenFor(t.app, co.users.admin!.email));
  viewer = client(t.app, await tokenFor(t.app, co.users.viewer!.email));
  const patched = await admin.patch(`/api/v1/companies/${co.companyId}`, {
    gs1CompanyPrefix: '3761234',
    eori: 'FR12345678900017',
  });
  expect(patched.status, JSON.stringify(patched.body)).toBe(200);
  customer = (
    await adv.post(
      '/api/v1/customers',
      customerBody({
        contacts: [{ name: 'Paul Logistique', role: 'logistics', email: 'reception@client.test' }],
        shipTos: [
          {
            code: 'CHARTRES',
            name: 'Entrepôt Chartres',
            isDefault: true,
            address: { line1: '12 rue des Entrepôts', postalCode: '28000', city: 'Chartres', countryCode: 'FR' },
          },
        ],
      }),
    )
  ).body;
  const rule = await adv.post(`/api/v1/customers/${customer.id}/rules`, {
    kind: 'delivery_window',
    shipToId: customer.shipTos[0]!.id,
    params: { weekdays: [1, 2, 4, 5], from: '07:00', to: '12:00' },
    note: 'Pas de livraison le mercredi à Chartres',
  });
  expect(rule.status).toBe(201);
  await adv.post(`/api/v1/customers/${customer.id}/rules`, {
    kind: 'packaging',
    params: { sscc: true, qrCode: true, palletType: 'EUR', maxPalletHeightCm: 180, instructions: null },
  });
  carrier = (
    await adv.post('/api/v1/carriers', {
      code: 'GEO',
      name: 'Geodis Messagerie',
      services: ['Messagerie', 'Express'],
      cutoffTime: '16:00',
      workingWeekdays: [1, 2, 3, 4, 5],
      transitTimes: [{ countryCode: 'FR', postalPrefix: '28', days: 1 }],
      defaultTransitDays: 2,
      trackingUrlTemplate: 'https://suivi.example/?n={tracking}',
    })
  ).body;
});
afterAll(async () => t?.closeAll());

describe('carriers', () => {
  it('creates, refuses a duplicate code and a malformed cut-off naming the field, updates', async () => {
    expect(carrier.id).toBeTruthy();
    const dup = await adv.post('/api/v1/carriers', { code: 'GEO', name: 'Autre' });
    expect(dup.status).toBe(409);
    expect(dup.body.errors[0].path).toBe('code');
    const bad = await adv.post('/api/v1/carriers', { code: 'X', name: 'X', cutoffTime: '25:00' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].path).toBe('cutoffTime');
    const list = await adv.get('/api/v1/carriers');
    expect(list.body.data.map((c: { code: string }) => c.code)).toContain('GEO');
    // A change touches only the fields sent (no defaults re-applied).
    const patched = await adv.patch(`/api/v1/carriers/${carrier.id}`, { nonWorkingDates: ['2026-12-26'] });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      nonWorkingDates: ['2026-12-26'],
      services: ['Messagerie', 'Express'],
      cutoffTime: '16:00',
      defaultTransitDays: 2,
      transitTimes: [{ countryCode: 'FR', postalPrefix: '28', days: 1 }],
    });
    const viewerWrite = await viewer.post('/api/v1/carriers', { code: 'V', name: 'V' });
    expect(viewerWrite.status).toBe(403);
  });
});

describe('planning under customer and carrier constraints', () => {
  it('refuses a Wednesday with the customer’s rule and proposes Thursday; accepts Thursday', async () => {
    const p = await product();
    await receive(p.id, '50');
    const order = await confirmedOrder([{ productId: p.id, quantity: '10' }]);

    const check = await adv.post('/api/v1/deliveries/check-date', {
      customerId: customer.id,
      carrierId: carrier.id,
      plannedDate: farWednesday,
    });
    expect(check.status).toBe(200);
    expect(check.body.allowed).toBe(false);
    expect(check.body.findings.map((f: { code: string }) => f.code)).toContain('delivery_day_not_allowed');
    expect(check.body.findings.find((f: { note: string }) => f.note)?.note).toBe(
      'Pas de livraison le mercredi à Chartres',
    );
    expect(check.body.nextValidDate).toBe(addDays(farWednesday, 1));

    const refused = await adv.post('/api/v1/deliveries', {
      orderId: order.id,
      plannedDate: farWednesday,
      carrierId: carrier.id,
    });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('delivery_date_not_allowed');
    expect(refused.body.errors[0]).toMatchObject({ path: 'plannedDate', code: 'delivery_day_not_allowed' });
    expect(refused.body.title).toContain(addDays(farWednesday, 1).split('-').reverse().join('/'));
    expect(refused.body.nextValidDate).toBe(addDays(farWednesday, 1));
    expect((await adv.get(`/api/v1/deliveries?orderId=${order.id}`)).body.data).toHaveLength(0);

    const ok = await adv.post(
      '/api/v1/deliveries',
      { orderId: order.id, plannedDate: addDays(farWednesday, 1), carrierId: carrier.id },
      { 'idempotency-key': `plan-${order.id}` },
    );
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body).toMatchObject({
      status: 'planned',
      plannedDate: addDays(farWednesday, 1),
      shipDate: farWednesday,
      carrierName: 'Geodis Messagerie',
      labels: { sscc: true, qrCode: true },
    });
    expect(ok.body.number).toMatch(/^BL-\d{4}-\d{5}$/);
    expect(ok.body.lines[0]).toMatchObject({ quantity: '10', orderedQuantity: '10' });
    const again = await adv.post(
      '/api/v1/deliveries',
      { orderId: order.id, plannedDate: addDays(farWednesday, 1), carrierId: carrier.id },
      { 'idempotency-key': `plan-${order.id}` },
    );
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(ok.body.id);

    // The carrier does not work on Saturdays: refused with the carrier's rule.
    const saturday = nextWeekday(addDays(today, 10), 6);
    const sat = await adv.post('/api/v1/deliveries/check-date', {
      customerId: customer.id,
      carrierId: carrier.id,
      plannedDate: saturday,
    });
    expect(sat.body.allowed).toBe(false);
    expect(sat.body.findings.map((f: { code: string }) => f.code)).toContain('carrier_non_working_day');

    // A changed date is checked again.
    const moved = await adv.patch(`/api/v1/deliveries/${ok.body.id}`, { plannedDate: farWednesday });
    expect(moved.status).toBe(422);
    expect(moved.body.code).toBe('delivery_date_not_allowed');
  });
});

describe('partial delivery, backorder and goods issue', () => {
  it('ships what is in stock, leaves the reliquat on the order and in planning, then ships the rest', async () => {
    const p = await product({ hsCode: '73181200', originCountry: 'FR' });
    await receive(p.id, '6');
    const order = await confirmedOrder([{ productId: p.id, quantity: '10' }]);
    expect(order.lines[0]!.reservedQuantity).toBe('6');

    const d1 = await adv.post('/api/v1/deliveries', { orderId: order.id, carrierId: carrier.id });
    expect(d1.status, JSON.stringify(d1.body)).toBe(201);
    expect(d1.body.lines[0].quantity).toBe('6');
    expect(isoWeekday(d1.body.plannedDate)).not.toBe(3);

    const picked = await adv.post(`/api/v1/deliveries/${d1.body.id}/pick`, {
      parcels: [
        { kind: 'parcel', weightKg: '1.5' },
        { kind: 'parcel', weightKg: '1.5' },
      ],
    });
    expect(picked.status, JSON.stringify(picked.body)).toBe(200);
    expect(picked.body.status).toBe('picked');
    expect(picked.body.parcels).toHaveLength(2);
    for (const parcel of picked.body.parcels) {
      expect(isValidSscc(parcel.sscc)).toBe(true);
      expect(parcel.sscc.startsWith('03761234')).toBe(true);
    }
    expect(picked.body.parcels[0].sscc).not.toBe(picked.body.parcels[1].sscc);

    const shipped = await adv.post(`/api/v1/deliveries/${d1.body.id}/ship`, { trackingNumber: 'GEO123' });
    expect(shipped.status, JSON.stringify(shipped.body)).toBe(200);
    expect(shipped.body).toMatchObject({ status: 'shipped', trackingUrl: 'https://suivi.example/?n=GEO123' });
    expect(shipped.body.lines[0]).toMatchObject({ shippedQuantity: '6', remainingQuantity: '4' });

    const o = (await adv.get(`/api/v1/orders/${order.id}`)).body;
    expect(o.status).toBe('partially_delivered');
    expect(o.lines[0]).toMatchObject({ deliveredQuantity: '6', remainingQuantity: '4', reservedQuantity: '0' });
    expect(await stockOf(p.id)).toMatchObject({ onHand: '0', reserved: '0' });

    const planning = (await adv.get(`/api/v1/delivery-planning?orderId=${order.id}&to=2099-12-31`)).body;
    expect(planning.lines).toHaveLength(1);
    const reliquat = planning.lines.find((l: { orderLineId: string }) => l.orderLineId === o.lines[0].id);
    expect(reliquat).toMatchObject({ toPlanQuantity: '4', deliveredQuantity: '6', availableQuantity: '0' });

    // Shipping again is refused; the shipping notice went through the outbox with the delivery note.
    expect((await adv.post(`/api/v1/deliveries/${d1.body.id}/ship`, {})).status).toBe(409);
    await t.worker.drain();
    const mails = await t.db.execute(
      sql`select subject, "to", attachments from mail_messages where company_id = ${co.companyId}
          and related->>'id' = ${d1.body.id}`,
    );
    const mail = (mails as unknown as { rows: { subject: string; to: string[] }[] }).rows[0]!;
    expect(mail.subject).toContain(d1.body.number);
    expect(mail.to).toEqual(['reception@client.test']);

    // Stock comes in: the rest ships and the order is delivered.
    await receive(p.id, '4');
    const d2 = await adv.post('/api/v1/deliveries', { orderId: order.id });
    expect(d2.status, JSON.stringify(d2.body)).toBe(201);
    expect(d2.body.lines[0].quantity).toBe('4');
    expect((await adv.post(`/api/v1/deliveries/${d2.body.id}/ship`, {})).status).toBe(200);
    expect((await adv.get(`/api/v1/orders/${order.id}`)).body.status).toBe('delivered');
    expect(await stockOf(p.id)).toMatchObject({ onHand: '0', reserved: '0' });
    const moves = (await adv.get(`/api/v1/stock/moves?productId=${p.id}`)).body;
    const list = (Array.isArray(moves) ? moves : moves.data) as { kind: string; quantity: string }[];
    expect(
      list
        .filter((m) => m.kind === 'issue')
        .map((m) => m.quantity)
        .sort(),
    ).toEqual(['-4', '-6']);

    // The picking list goes by bin location; the delivery note shows the reliquat and the SSCC of each parcel.
    const bin = await adv.put('/api/v1/stock/locations', { productId: p.id, location: 'B-07-2' });
    expect(bin.status, JSON.stringify(bin.body)).toBe(200);
    expect(bin.body.data[0].location).toBe('B-07-2');
    const picking = await adv.get(`/api/v1/deliveries/${d1.body.id}/picking-list.pdf`);
    expect((await extractPdfText(picking.raw!)).text).toContain('B-07-2');
    const note = (await extractPdfText((await adv.get(`/api/v1/deliveries/${d1.body.id}/pdf`)).raw!)).text;
    expect(note).toContain(d1.body.number);
    expect(note).toContain(picked.body.parcels[0].sscc);
    for (const [path, start] of [
      ['pdf', '%PDF'],
      ['picking-list.pdf', '%PDF'],
      ['labels.pdf', '%PDF'],
      ['proforma.pdf', '%PDF'],
    ] as const) {
      const r = await adv.get(`/api/v1/deliveries/${d1.body.id}/${path}`);
      expect(r.status, path).toBe(200);
      expect(r.headers['content-type']).toContain('application/pdf');
      expect(String(r.body).slice(0, 4)).toBe(start);
    }
  });

  it('a short pick cancelled on the order closes the line; without a reason it is refused', async () => {
    const p = await product();
    await receive(p.id, '10');
    const order = await confirmedOrder([{ productId: p.id, quantity: '10' }]);
    const d = (await adv.post('/api/v1/deliveries', { orderId: order.id })).body;
    const noReason = await adv.post(`/api/v1/deliveries/${d.id}/pick`, {
      lines: [{ deliveryLineId: d.lines[0].id, pickedQuantity: '8' }],
    });
    expect(noReason.status).toBe(422);
    expect(noReason.body.errors[0].path).toBe('lines.0.shortReason');
    const tooMany = await adv.post(`/api/v1/deliveries/${d.id}/pick`, {
      lines: [{ deliveryLineId: d.lines[0].id, pickedQuantity: '11' }],
    });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.errors[0].path).toBe('lines.0.pickedQuantity');
    const short = await adv.post(`/api/v1/deliveries/${d.id}/pick`, {
      lines: [
        { deliveryLineId: d.lines[0].id, pickedQuantity: '8', shortReason: 'Carton abîmé', shortAction: 'cancel' },
      ],
    });
    expect(short.status).toBe(200);
    await adv.post(`/api/v1/deliveries/${d.id}/ship`, { notify: false });
    const o = (await adv.get(`/api/v1/orders/${order.id}`)).body;
    expect(o.status).toBe('delivered');
    expect(o.lines[0]).toMatchObject({ deliveredQuantity: '8', cancelledQuantity: '2', remainingQuantity: '0' });
    // The 2 units not shipped are free again.
    expect(await stockOf(p.id)).toMatchObject({ onHand: '2', reserved: '0' });
  });

  it('refuses more than is open, a line of another order, and orders of different customers', async () => {
    const p = await product();
    await receive(p.id, '5');
    const order = await confirmedOrder([{ productId: p.id, quantity: '5' }]);
    const other = await confirmedOrder([{ productId: p.id, quantity: '1' }]);
    const tooMuch = await adv.post('/api/v1/deliveries', {
      orderId: order.id,
      lines: [{ orderLineId: order.lines[0]!.id, quantity: '6' }],
    });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.errors[0]).toMatchObject({ path: 'lines.0.quantity', code: 'exceeds_open_quantity' });
    const foreign = await adv.post('/api/v1/deliveries', {
      orderId: order.id,
      lines: [{ orderLineId: other.lines[0]!.id, quantity: '1' }],
    });
    expect(foreign.status).toBe(422);
    expect(foreign.body.errors[0].path).toBe('lines.0.orderLineId');
    const second = (await adv.post('/api/v1/customers', customerBody())).body;
    const otherCustomer = await adv.post('/api/v1/orders', {
      customerId: second.id,
      lines: [{ productId: p.id, quantity: '1' }],
    });
    await adv.post(`/api/v1/orders/${otherCustomer.body.id}/confirm`, {});
    const mixed = await adv.post('/api/v1/deliveries', { orderIds: [order.id, otherCustomer.body.id] });
    expect(mixed.status).toBe(422);
    expect(mixed.body.errors[0]).toMatchObject({ path: 'orderIds.1', code: 'orders_differ' });
    // Both orders of the same customer and ship-to go on one delivery.
    const both = await adv.post('/api/v1/deliveries', {
      orderIds: [order.id, other.id],
      lines: [
        { orderLineId: order.lines[0]!.id, quantity: '5' },
        { orderLineId: other.lines[0]!.id, quantity: '1' },
      ],
    });
    expect(both.status, JSON.stringify(both.body)).toBe(201);
    expect(both.body.orders).toHaveLength(2);
    // A draft order cannot be delivered.
    const draft = await adv.post('/api/v1/orders', {
      customerId: customer.id,
      lines: [{ productId: p.id, quantity: '1' }],
    });
    const refused = await adv.post('/api/v1/deliveries', { orderId: draft.body.id });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('order_not_deliverable');
  });

  it('parallel goods issues of the same last units: one ships, the other is refused, stock never negative', async () => {
    const p = await product();
    await receive(p.id, '5');
    const first = await confirmedOrder([{ productId: p.id, quantity: '5' }]);
    const second = await confirmedOrder([{ productId: p.id, quantity: '5' }]);
    const d1 = await adv.post('/api/v1/deliveries', { orderId: first.id });
    // Nothing free for the second order: planned ahead with a warning.
    const d2 = await adv.post('/api/v1/deliveries', {
      orderId: second.id,
      lines: [{ orderLineId: second.lines[0]!.id, quantity: '5' }],
    });
    expect(d2.status).toBe(201);
    expect(d2.body.findings.map((f: { code: string }) => f.code)).toContain('delivery_stock_short');
    const [a, b] = await Promise.all([
      adv.post(`/api/v1/deliveries/${d1.body.id}/ship`, { notify: false }),
      adv.post(`/api/v1/deliveries/${d2.body.id}/ship`, { notify: false }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect(b.body.code).toBe('insufficient_stock');
    expect(b.body.errors[0].path).toBe('lines.0.quantity');
    expect(await stockOf(p.id)).toMatchObject({ onHand: '0', reserved: '0' });
    expect((await adv.get(`/api/v1/orders/${second.id}`)).body.lines[0].deliveredQuantity).toBe('0');

    // The same delivery shipped twice at once: exactly one goods issue.
    await receive(p.id, '5');
    const third = await confirmedOrder([{ productId: p.id, quantity: '5' }]);
    const d3 = await adv.post('/api/v1/deliveries', { orderId: third.id });
    const twice = await Promise.all([
      adv.post(`/api/v1/deliveries/${d3.body.id}/ship`, { notify: false }),
      adv.post(`/api/v1/deliveries/${d3.body.id}/ship`, { notify: false }),
    ]);
    expect(twice.map((r) => r.status).sort()).toEqual([200, 409]);
    const issued = await t.db.execute(
      sql`select coalesce(sum(quantity), 0)::text as q from stock_moves
          where company_id = ${co.companyId} and product_id = ${p.id} and kind = 'issue'`,
    );
    expect((issued as unknown as { rows: { q: string }[] }).rows[0]!.q).toBe('-10.000');
  });
});

describe('after shipping: proof of delivery, reservations, returns, OTIF', () => {
  it('records reservations with the L133-3 deadline and a follow-up task; a return restocks', async () => {
    const p = await product();
    await receive(p.id, '10');
    const order = await confirmedOrder([{ productId: p.id, quantity: '10' }]);
    const d = (await adv.post('/api/v1/deliveries', { orderId: order.id })).body;
    await adv.post(`/api/v1/deliveries/${d.id}/ship`, { notify: false });
    const before = await adv.post(`/api/v1/deliveries/${d.id}/proof-of-delivery`, {
      deliveredOn: addDays(today, -3),
      signatory: 'M. Durand',
    });
    expect(before.status).toBe(422);
    expect(before.body.errors[0].path).toBe('deliveredOn');
    const vague = await adv.post(`/api/v1/deliveries/${d.id}/proof-of-delivery`, {
      deliveredOn: today,
      signatory: 'M. Durand',
      reservations: [{ deliveryLineId: d.lines[0].id, note: 'sous réserve' }],
    });
    expect(vague.status).toBe(422);
    expect(vague.body.errors[0].path).toBe('reservations.0.damagedQuantity');
    const pod = await adv.post(`/api/v1/deliveries/${d.id}/proof-of-delivery`, {
      deliveredOn: today,
      signatory: 'M. Durand',
      reservations: [
        { deliveryLineId: d.lines[0].id, damagedQuantity: '2', missingQuantity: '0', note: '2 cartons écrasés' },
      ],
    });
    expect(pod.status, JSON.stringify(pod.body)).toBe(200);
    expect(pod.body.status).toBe('delivered');
    expect(pod.body.proofOfDelivery).toMatchObject({ signatory: 'M. Durand', withReservations: true });
    expect(pod.body.proofOfDelivery.protestDeadline > today).toBe(true);
    const task = (await adv.get(`/api/v1/tasks/${pod.body.proofOfDelivery.followUpTaskId}`)).body;
    expect(task).toMatchObject({ dueDate: pod.body.proofOfDelivery.protestDeadline });
    expect(pod.body.otif).toMatchObject({ inFull: true });

    const tooMany = await adv.post(`/api/v1/deliveries/${d.id}/returns`, {
      lines: [
        { deliveryLineId: d.lines[0].id, quantity: '11', reason: 'Abîmé', condition: 'damaged', disposition: 'scrap' },
      ],
    });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.errors[0].path).toBe('lines.0.quantity');
    const ret = await adv.post(`/api/v1/deliveries/${d.id}/returns`, {
      lines: [
        { deliveryLineId: d.lines[0].id, quantity: '2', reason: 'Écrasés', condition: 'damaged', disposition: 'scrap' },
        {
          deliveryLineId: d.lines[0].id,
          quantity: '3',
          reason: 'Erreur de commande',
          condition: 'resellable',
          disposition: 'restock',
        },
      ],
    });
    expect(ret.status, JSON.stringify(ret.body)).toBe(201);
    expect(ret.body.number).toMatch(/^RET-/);
    expect(await stockOf(p.id)).toMatchObject({ onHand: '3' });
    const detail = (await adv.get(`/api/v1/deliveries/${d.id}`)).body;
    expect(detail.lines[0].returnedQuantity).toBe('5');
    expect((await adv.get(`/api/v1/returns?deliveryId=${d.id}`)).body.data).toHaveLength(1);
  });

  it('holds the goods issue of an order on hold', async () => {
    const p = await product();
    await receive(p.id, '3');
    const order = await confirmedOrder([{ productId: p.id, quantity: '3' }]);
    const d = (await adv.post('/api/v1/deliveries', { orderId: order.id })).body;
    // An order with a planned delivery cannot be cancelled until the delivery is.
    const cancel = await adv.post(`/api/v1/orders/${order.id}/cancel`, { reason: 'Client annule' });
    expect(cancel.status).toBe(409);
    expect(cancel.body.code).toBe('open_deliveries');
    expect(cancel.body.title).toContain(d.number);
    await adv.post(`/api/v1/orders/${order.id}/hold`, { reason: 'Encours dépassé' });
    const r = await adv.post(`/api/v1/deliveries/${d.id}/ship`, {});
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('order_on_hold');
    expect(await stockOf(p.id)).toMatchObject({ onHand: '3', reserved: '3' });
  });

  it('computes OTIF per order line against the promised date', async () => {
    // A customer of its own: one line delivered in full by its promise, one delivered short and after it.
    const c = (await adv.post('/api/v1/customers', customerBody())).body;
    const p = await product();
    await receive(p.id, '20');
    const place = async (quantity: string) => {
      const o = await adv.post('/api/v1/orders', { customerId: c.id, lines: [{ productId: p.id, quantity }] });
      expect((await adv.post(`/api/v1/orders/${o.body.id}/confirm`, {})).status).toBe(200);
      return o.body as { id: string; lines: { id: string }[] };
    };
    const onTime = await place('5');
    const late = await place('10');
    const ship = async (orderId: string, lines?: { orderLineId: string; quantity: string }[]) => {
      const d = (await adv.post('/api/v1/deliveries', { orderId, ...(lines ? { lines } : {}) })).body;
      expect((await adv.post(`/api/v1/deliveries/${d.id}/ship`, { notify: false })).status).toBe(200);
      const pod = await adv.post(`/api/v1/deliveries/${d.id}/proof-of-delivery`, {
        deliveredOn: today,
        signatory: 'Réception',
      });
      expect(pod.status).toBe(200);
    };
    await ship(onTime.id);
    await ship(late.id, [{ orderLineId: late.lines[0]!.id, quantity: '4' }]);
    // The promises as if they had been made earlier: today for the first, yesterday for the second.
    await t.db.execute(
      sql`update order_lines set promised_delivery_date = ${today} where company_id = ${co.companyId} and id = ${onTime.lines[0]!.id}`,
    );
    await t.db.execute(
      sql`update order_lines set promised_delivery_date = ${addDays(today, -1)} where company_id = ${co.companyId} and id = ${late.lines[0]!.id}`,
    );
    const r = await adv.get(`/api/v1/deliveries/otif?customerId=${c.id}&from=${addDays(today, -7)}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ reference: 'promised', grain: 'order_line' });
    expect(r.body.total).toMatchObject({
      linesDue: 2,
      linesOnTime: 1,
      linesInFull: 1,
      linesOnTimeInFull: 1,
      otif: '0.5000',
      onTimeRate: '0.5000',
      fillRate: '0.6000',
    });
    expect(r.body.customers).toHaveLength(1);
  });

  it('reads the company calendar: a ship date in a company closure is refused', async () => {
    const thursday = addDays(farWednesday, 1);
    await t.db.execute(
      sql`update companies set order_settings = ${JSON.stringify({
        closures: [{ from: farWednesday, to: farWednesday, label: 'Inventaire' }],
      })}::jsonb where id = ${co.companyId}`,
    );
    try {
      const r = await adv.post('/api/v1/deliveries/check-date', {
        customerId: customer.id,
        carrierId: carrier.id,
        plannedDate: thursday,
      });
      expect(r.body.allowed).toBe(false);
      const closed = r.body.findings.find((f: { code: string }) => f.code === 'ship_date_not_working');
      expect(closed.message).toContain('Inventaire');
    } finally {
      await t.db.execute(sql`update companies set order_settings = '{}'::jsonb where id = ${co.companyId}`);
    }
  });

  it('orders read the same company calendar: a promise skips a company closure', async () => {
    const p = await product();
    await receive(p.id, '10');
    const until = addDays(today, 12);
    await t.db.execute(
      sql`update companies set order_settings = ${JSON.stringify({
        closures: [{ from: addDays(today, 1), to: until, label: 'Fermeture' }],
      })}::jsonb where id = ${co.companyId}`,
    );
    try {
      const r = await adv.post('/api/v1/orders/preview', {
        customerId: customer.id,
        lines: [{ productId: p.id, quantity: '1' }],
      });
      expect(r.status).toBe(200);
      expect(r.body.lines[0].promisedShipDate > until).toBe(true);
    } finally {
      await t.db.execute(sql`update companies set order_settings = '{}'::jsonb where id = ${co.companyId}`);
    }
  });

  it('another company sees none of it', async () => {
    const other = await seedCompany(t, 'Other Co', ['adv_assistant']);
    const outsider = client(t.app, await tokenFor(t.app, other.users.adv_assistant!.email));
    const mine = (await adv.get('/api/v1/deliveries')).body.data[0];
    expect((await outsider.get(`/api/v1/deliveries/${mine.id}`)).status).toBe(404);
    expect((await outsider.post(`/api/v1/deliveries/${mine.id}/cancel`, { reason: 'x' })).status).toBe(404);
    expect((await outsider.get(`/api/v1/carriers/${carrier.id}`)).status).toBe(404);
    expect((await outsider.get('/api/v1/deliveries')).body.data).toHaveLength(0);
  });
});
