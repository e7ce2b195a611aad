import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, endOfMonth } from '@shared/dates';
import { extractFacturXml, parseEInvoice } from '@server/modules/einvoice';
import { extractPdfText, plainSpaces } from '../support/pdf-text';
import {
  client,
  customerBody,
  productBody,
  seedCompany,
  startTestApp,
  tokenFor,
  type TestApp,
} from '../support/harness';
import { describeErrors, validateEInvoices } from '../support/einvoice-validator';

/** Validates UBL with the Peppol rules, CII with the Factur-X EN16931 profile and PDFs as Factur-X; lists failures. */
async function validateAll(docs: { name: string; content: Buffer; peppol?: boolean }[]) {
  const failures: { name: string; errors: string }[] = [];
  const groups = [
    { pick: (d: (typeof docs)[number]) => !!d.peppol, opts: { peppol: true } },
    { pick: (d: (typeof docs)[number]) => !d.peppol && d.name.endsWith('.xml'), opts: { facturx: true } },
    { pick: (d: (typeof docs)[number]) => d.name.endsWith('.pdf'), opts: {} },
  ];
  let checked = 0;
  for (const g of groups) {
    const batch = docs.filter(g.pick);
    if (!batch.length) continue;
    const results = await validateEInvoices(batch, g.opts);
    for (const [name, r] of results) {
      checked++;
      if (!r.ok) failures.push({ name, errors: describeErrors(r) });
    }
  }
  expect(checked).toBe(docs.length);
  return { failures };
}

let t: TestApp;
let co: Awaited<ReturnType<typeof seedCompany>>;
let adv: ReturnType<typeof client>;
let admin: ReturnType<typeof client>;
let viewer: ReturnType<typeof client>;

const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
const year = today.slice(0, 4);

type Inv = {
  id: string;
  number: string | null;
  status: string;
  type: string;
  issueDate: string | null;
  dueDate: string | null;
  lines: { id: string; sku: string; quantity: string; netAmount: string; vatCategory: string; vatRate: string }[];
  totals: { net: string; vat: string; gross: string };
  vatBreakdown: { vatCategory: string; vatRate: string; taxableAmount: string; taxAmount: string }[];
  amountDue: string;
  precedingInvoiceId: string | null;
  vatRegime: string;
  vatTotalEur: string | null;
  documents: { format: string; sha256: string }[];
};

async function product(over: Record<string, unknown> = {}) {
  const r = await adv.post('/api/v1/products', productBody(over));
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { id: string; sku: string };
}
async function customer(over: Record<string, unknown> = {}) {
  const r = await adv.post('/api/v1/customers', customerBody(over));
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { id: string; code: string };
}
async function confirmedOrder(
  customerId: string,
  lines: { productId: string; quantity: string; unitPrice?: string; discountPercent?: string }[],
) {
  const o = await adv.post('/api/v1/orders', {
    customerId,
    customerReference: `PO-${Math.random().toString(36).slice(2, 8)}`,
    lines,
  });
  expect(o.status, JSON.stringify(o.body)).toBe(201);
  const c = await adv.post(`/api/v1/orders/${o.body.id}/confirm`, { overrideReason: 'test' });
  expect(c.status, JSON.stringify(c.body)).toBe(200);
  return c.body as {
    id: string;
    number: string;
    customerReference: string;
    lines: { id: string; productId: string }[];
  };
}
/** Order, stock, delivery of everything, shipped: returns the delivery. */
async function shippedDelivery(
  customerId: string,
  lines: { productId: string; quantity: string; unitPrice?: string; discountPercent?: string }[],
) {
  for (const l of lines)
    expect(
      (await adv.post('/api/v1/stock/receipts', { lines: [{ productId: l.productId, quantity: l.quantity }] })).status,
    ).toBe(201);
  const order = await confirmedOrder(customerId, lines);
  const d = await adv.post('/api/v1/deliveries', { orderId: order.id });
  expect(d.status, JSON.stringify(d.body)).toBe(201);
  const s = await adv.post(`/api/v1/deliveries/${d.body.id}/ship`, {});
  expect(s.status, JSON.stringify(s.body)).toBe(200);
  return { delivery: d.body as { id: string; number: string }, order };
}
async function draftFor(deliveryIds: string[]) {
  const r = await adv.post('/api/v1/invoices', { deliveryIds });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as Inv;
}
async function issue(id: string, body: Record<string, unknown> = {}) {
  const r = await adv.post(`/api/v1/invoices/${id}/issue`, body);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body as Inv;
}
async function download(id: string, format: string) {
  const r = await adv.get(`/api/v1/invoices/${id}/${format}`);
  expect(r.status, r.raw?.toString().slice(0, 300)).toBe(200);
  return r;
}

/** The database's own message when a statement is refused (drizzle wraps it as the error's cause). */
async function dbRefusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    const err = e as { message: string; cause?: { message?: string } };
    return err.cause?.message ?? err.message;
  }
  return 'accepted';
}

let goods20: { id: string; sku: string };
let goods55: { id: string; sku: string };
let service: { id: string; sku: string };
let frCustomer: { id: string; code: string };

beforeAll(async () => {
  t = await startTestApp();
  co = await seedCompany(t, 'Invoicing Co', ['admin', 'adv_assistant', 'viewer']);
  adv = client(t.app, await tokenFor(t.app, co.users.adv_assistant!.email));
  admin = client(t.app, await tokenFor(t.app, co.users.admin!.email));
  viewer = client(t.app, await tokenFor(t.app, co.users.viewer!.email));
  expect(
    (
      await admin.patch(`/api/v1/companies/${co.companyId}`, {
        iban: 'FR7630006000011234567890189',
        bic: 'AGRIFRPPXXX',
        legalForm: 'SAS',
        shareCapital: '150000.00',
        rcsCity: 'Paris',
      })
    ).status,
  ).toBe(200);
  goods20 = await product({ name: 'Vis à bois 4×40', unitPrice: '12.345', vatRate: '20.00', gtin: '3760123450010' });
  goods55 = await product({ name: 'Sachet de graines', unitPrice: '4.15', vatRate: '5.50' });
  service = await product({
    name: 'Installation sur site',
    unit: 'HUR',
    unitPrice: '85.00',
    vatRate: '20.00',
    stockTracked: false,
  });
  frCustomer = await customer({
    paymentTerms: { basis: 'end_of_month', days: 45, dayOfMonth: null },
    invoicing: { mode: 'per_delivery', format: 'facturx', channel: 'email', email: 'compta@client.test' },
  });
}, 120_000);
afterAll(async () => t?.closeAll());

describe('invoices from deliveries', () => {
  let inv: Inv;
  let delivery: { id: string; number: string };
  let order: { id: string; lines: { id: string }[] };

  it('makes a draft from a shipped delivery with the DOMAIN §3.2 figures, and never twice', async () => {
    const r = await shippedDelivery(frCustomer.id, [
      { productId: goods20.id, quantity: '10', unitPrice: '12.345' },
      { productId: goods55.id, quantity: '7', unitPrice: '4.15' },
    ]);
    delivery = r.delivery;
    order = r.order;
    inv = await draftFor([delivery.id]);
    expect(inv).toMatchObject({ status: 'draft', number: null, type: 'invoice', vatRegime: 'domestic' });
    expect(inv.lines.map((l) => l.netAmount)).toEqual(['123.45', '29.05']);
    expect(inv.vatBreakdown).toEqual([
      { vatCategory: 'S', vatRate: '20.00', taxableAmount: '123.45', taxAmount: '24.69' },
      { vatCategory: 'S', vatRate: '5.50', taxableAmount: '29.05', taxAmount: '1.60' },
    ]);
    expect(inv.totals).toMatchObject({ net: '152.50', vat: '26.29', gross: '178.79' });
    const again = await adv.post('/api/v1/invoices', { deliveryIds: [delivery.id] });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('nothing_to_invoice');
    // The draft's PDF is a preview, watermarked, without number.
    const preview = await download(inv.id, 'pdf');
    expect((await extractPdfText(preview.raw!)).text).toMatch(/BROUILLON/);
    expect((await adv.get(`/api/v1/invoices/${inv.id}/facturx`)).status).toBe(409);
  });

  it('issues it: number from the gapless sequence, due date from the terms, order invoiced', async () => {
    const issued = await issue(inv.id);
    expect(issued.number).toBe(`FA-${year}-00001`);
    expect(issued.issueDate).toBe(today);
    expect(issued.dueDate).toBe(endOfMonth(addDays(today, 45)));
    const o = (await adv.get(`/api/v1/orders/${order.id}`)).body;
    expect(o.status).toBe('invoiced');
    expect(o.lines.map((l: { invoicedQuantity: string }) => l.invoicedQuantity)).toEqual(['10', '7']);
    inv = issued;
  });

  it('is immutable once issued: API and database refuse changes', async () => {
    const p = await adv.patch(`/api/v1/invoices/${inv.id}`, { note: 'changed' });
    expect(p.status).toBe(409);
    expect(p.body.code).toBe('invoice_immutable');
    expect((await adv.post(`/api/v1/invoices/${inv.id}/issue`, {})).status).toBe(409);
    expect(await dbRefusal(t.db.execute(sql`update invoices set net = 1 where id = ${inv.id}`))).toMatch(
      /cannot be modified/,
    );
    expect(await dbRefusal(t.db.execute(sql`delete from invoices where id = ${inv.id}`))).toMatch(/cannot be deleted/);
    expect(
      await dbRefusal(t.db.execute(sql`update invoice_lines set quantity = 1 where invoice_id = ${inv.id}`)),
    ).toMatch(/cannot be changed/);
    expect(await dbRefusal(t.db.execute(sql`delete from invoice_lines where invoice_id = ${inv.id}`))).toMatch(
      /cannot be changed/,
    );
  });

  it('makes Factur-X, UBL and CII that pass the EN 16931 validator, archived with their hash, same bytes every time', async () => {
    const fx = await download(inv.id, 'facturx');
    expect(fx.headers['content-type']).toContain('application/pdf');
    const hash = createHash('sha256').update(fx.raw!).digest('hex');
    expect(fx.headers['x-content-sha256']).toBe(hash);
    const fx2 = await download(inv.id, 'facturx');
    expect(createHash('sha256').update(fx2.raw!).digest('hex')).toBe(hash);
    const ubl = await download(inv.id, 'ubl');
    const cii = await download(inv.id, 'cii');
    expect(cii.raw!.toString()).toContain(`<ram:ID>${inv.number}</ram:ID>`.replace('ram:ID', 'ram:ID'));
    const report = await validateAll([
      { name: 'fx.pdf', content: fx.raw! },
      { name: 'ubl.xml', content: ubl.raw!, peppol: true },
      { name: 'cii.xml', content: cii.raw! },
    ]);
    expect(report.failures, JSON.stringify(report.failures, null, 1)).toEqual([]);
    const text = plainSpaces((await extractPdfText(fx.raw!)).text);
    for (const s of [inv.number!, 'FACTURE', '40 €', 'SIREN', 'Échéance', 'PO-', '178,79']) expect(text).toContain(s);
    // Read back: the same totals and VAT breakdown as the API says (round trip of what was archived).
    for (const xml of [ubl.raw!.toString('utf8'), cii.raw!.toString('utf8'), await extractFacturXml(fx.raw!)]) {
      const parsed = parseEInvoice(xml);
      expect(parsed.number).toBe(inv.number);
      expect(parsed.totals).toMatchObject({ net: inv.totals.net, vat: inv.totals.vat, gross: inv.totals.gross });
      expect(parsed.vatBreakdown.map((g) => [g.vatCategory, g.vatRate, g.taxableAmount, g.taxAmount])).toEqual(
        inv.vatBreakdown.map((g) => [g.vatCategory, g.vatRate, g.taxableAmount, g.taxAmount]),
      );
    }
    const got = (await adv.get(`/api/v1/invoices/${inv.id}`)).body as Inv;
    expect(got.documents.map((d) => d.format).sort()).toEqual(['cii', 'facturx', 'pdf', 'ubl']);
    expect(got.documents.find((d) => d.format === 'facturx')!.sha256).toBe(hash);
    expect(
      await dbRefusal(t.db.execute(sql`update invoice_documents set size = 1 where invoice_id = ${inv.id}`)),
    ).toMatch(/append-only/);
  });

  it('credits part of it: own series, reference to the invoice, amount due reduced; never more than invoiced', async () => {
    const line = inv.lines[0]!;
    const cn = await adv.post(`/api/v1/invoices/${inv.id}/credit-notes`, {
      reason: 'Deux unités abîmées',
      lines: [{ invoiceLineId: line.id, quantity: '2' }],
    });
    expect(cn.status, JSON.stringify(cn.body)).toBe(201);
    expect(cn.body).toMatchObject({
      type: 'credit_note',
      status: 'issued',
      number: `AV-${year}-00001`,
      precedingInvoiceId: inv.id,
    });
    expect(cn.body.totals).toMatchObject({ net: '24.69', vat: '4.94', gross: '29.63' });
    const after = (await adv.get(`/api/v1/invoices/${inv.id}`)).body as Inv;
    expect(after.amountDue).toBe('149.16');
    const tooMuch = await adv.post(`/api/v1/invoices/${inv.id}/credit-notes`, {
      reason: 'trop',
      lines: [{ invoiceLineId: line.id, quantity: '9' }],
    });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.errors[0]).toMatchObject({ path: 'lines.0.quantity', code: 'exceeds_creditable' });
    const gesture = await adv.post(`/api/v1/invoices/${inv.id}/credit-notes`, { reason: 'Geste', amount: '500.00' });
    expect(gesture.status).toBe(409);
    expect(gesture.body.code).toBe('credit_exceeds_invoice');
    const ubl = await download(cn.body.id, 'ubl');
    const cii = await download(cn.body.id, 'cii');
    const fx = await download(cn.body.id, 'facturx');
    const report = await validateAll([
      { name: 'cn-ubl.xml', content: ubl.raw!, peppol: true },
      { name: 'cn-cii.xml', content: cii.raw! },
      { name: 'cn-fx.pdf', content: fx.raw! },
    ]);
    expect(report.failures, JSON.stringify(report.failures, null, 1)).toEqual([]);
  });

  it('numbers invoices issued in parallel without gap or duplicate', async () => {
    const drafts: Inv[] = [];
    for (let i = 0; i < 6; i++) {
      const { delivery: d } = await shippedDelivery(frCustomer.id, [{ productId: goods20.id, quantity: '1' }]);
      drafts.push(await draftFor([d.id]));
    }
    const results = await Promise.all(drafts.map((d) => adv.post(`/api/v1/invoices/${d.id}/issue`, {})));
    expect(results.map((r) => r.status)).toEqual(drafts.map(() => 200));
    const numbers = results.map((r) => r.body.number as string).sort();
    expect(numbers).toEqual([2, 3, 4, 5, 6, 7].map((n) => `FA-${year}-${String(n).padStart(5, '0')}`));
  });

  it('a discarded draft gives its deliveries back', async () => {
    const { delivery: d } = await shippedDelivery(frCustomer.id, [{ productId: goods20.id, quantity: '2' }]);
    const draft = await draftFor([d.id]);
    const del = await adv.del(`/api/v1/invoices/${draft.id}`);
    expect(del.status).toBe(204);
    expect((await adv.get(`/api/v1/invoices/${draft.id}`)).body.status).toBe('cancelled');
    expect((await adv.post(`/api/v1/invoices/${draft.id}/issue`, {})).status).toBe(409);
    const again = await draftFor([d.id]);
    expect(again.lines[0]!.quantity).toBe('2');
  });
});

describe('credit notes from a return, and cancel and re-invoice', () => {
  it('credits what came back, once; a full credit with reinvoice lets the delivery be invoiced again', async () => {
    const { delivery, order } = await shippedDelivery(frCustomer.id, [
      { productId: goods20.id, quantity: '5' },
      { productId: goods55.id, quantity: '4' },
    ]);
    const inv = await issue((await draftFor([delivery.id])).id);
    const dl = (await adv.get(`/api/v1/deliveries/${delivery.id}`)).body.lines as { id: string; sku: string }[];
    const ret = await adv.post(`/api/v1/deliveries/${delivery.id}/returns`, {
      lines: [
        {
          deliveryLineId: dl.find((l) => l.sku === goods20.sku)!.id,
          quantity: '2',
          reason: 'Cassé',
          condition: 'damaged',
          disposition: 'scrap',
        },
      ],
    });
    expect(ret.status, JSON.stringify(ret.body)).toBe(201);
    const cn = await adv.post(`/api/v1/invoices/${inv.id}/credit-notes`, { reason: 'Retour', returnId: ret.body.id });
    expect(cn.status, JSON.stringify(cn.body)).toBe(201);
    expect(cn.body.lines).toHaveLength(1);
    expect(cn.body.lines[0]).toMatchObject({ sku: goods20.sku, quantity: '2', creditedLineId: inv.lines[0]!.id });
    const twice = await adv.post(`/api/v1/invoices/${inv.id}/credit-notes`, {
      reason: 'Retour',
      returnId: ret.body.id,
    });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('nothing_to_credit');
    // What is left is cancelled and re-invoiced: the delivery can be invoiced again for those quantities.
    const rest = await adv.post(`/api/v1/invoices/${inv.id}/credit-notes`, {
      reason: 'Erreur de prix, refacturation',
      reinvoice: true,
      lines: [
        { invoiceLineId: inv.lines[0]!.id, quantity: '3' },
        { invoiceLineId: inv.lines[1]!.id, quantity: '4' },
      ],
    });
    expect(rest.status, JSON.stringify(rest.body)).toBe(201);
    expect((await adv.get(`/api/v1/invoices/${inv.id}`)).body.amountDue).toBe('0.00');
    expect((await adv.get(`/api/v1/orders/${order.id}`)).body.status).toBe('partially_invoiced');
    const again = await draftFor([delivery.id]);
    expect(again.lines.map((l) => l.quantity)).toEqual(['3', '4']);
  });
});

describe('orders: services, down payments and their deduction', () => {
  it('invoices a down payment then the final invoice deducting it; all pass the validator', async () => {
    const c = await customer({ paymentTerms: { basis: 'invoice_date', days: 30, dayOfMonth: null } });
    const order = await confirmedOrder(c.id, [{ productId: service.id, quantity: '10', unitPrice: '85.00' }]);
    const dp = await adv.post('/api/v1/invoices', { orderId: order.id, downPayment: { percent: '30' } });
    expect(dp.status, JSON.stringify(dp.body)).toBe(201);
    expect(dp.body).toMatchObject({
      purpose: 'down_payment',
      totals: { net: '255.00', vat: '51.00', gross: '306.00' },
    });
    const dpIssued = await issue(dp.body.id);
    expect(dpIssued.dueDate).toBe(addDays(today, 30));
    const fin = await adv.post('/api/v1/invoices', { orderId: order.id });
    expect(fin.status, JSON.stringify(fin.body)).toBe(201);
    expect(fin.body.lines).toHaveLength(2);
    expect(fin.body.lines[1]).toMatchObject({ quantity: '-1', downPaymentInvoiceId: dp.body.id, netAmount: '-255.00' });
    expect(fin.body.totals).toMatchObject({ net: '595.00', vat: '119.00', gross: '714.00' });
    const finIssued = await issue(fin.body.id);
    expect((await adv.get(`/api/v1/orders/${order.id}`)).body.status).toBe('invoiced');
    const files = [];
    for (const inv of [dpIssued, finIssued])
      files.push(
        { name: `${inv.number}.xml`, content: (await download(inv.id, 'cii')).raw! },
        { name: `${inv.number}-ubl.xml`, content: (await download(inv.id, 'ubl')).raw!, peppol: true },
        { name: `${inv.number}.pdf`, content: (await download(inv.id, 'facturx')).raw! },
      );
    const report = await validateAll(files);
    expect(report.failures, JSON.stringify(report.failures, null, 1)).toEqual([]);
    // Nothing left: a second final invoice is refused.
    expect((await adv.post('/api/v1/invoices', { orderId: order.id })).status).toBe(409);
  });
});

describe('VAT regimes and currencies', () => {
  it('intra-EU goods (K), export (G) and a USD invoice needing an exchange rate', async () => {
    const de = await customer({
      countryCode: 'DE',
      siren: null,
      vatNumber: 'DE123456789',
      invoicing: { mode: 'per_delivery', format: 'facturx', channel: 'email', email: 'ap@buyer.test' },
      language: 'en',
      billingAddress: { line1: 'Hauptstraße 1', postalCode: '10115', city: 'Berlin', countryCode: 'DE' },
    });
    const ch = await customer({
      countryCode: 'CH',
      siren: null,
      vatNumber: null,
      gln: '7612345000015',
      invoicing: { mode: 'per_delivery', format: 'facturx', channel: 'email', email: 'ap@buyer.test' },
      language: 'en',
      billingAddress: { line1: 'Bahnhofstrasse 1', postalCode: '8001', city: 'Zürich', countryCode: 'CH' },
    });
    const us = await customer({
      countryCode: 'US',
      siren: null,
      vatNumber: null,
      gln: '0012345000010',
      invoicing: { mode: 'per_delivery', format: 'facturx', channel: 'email', email: 'ap@buyer.test' },
      currency: 'USD',
      language: 'en',
      billingAddress: { line1: '1 Main Street', postalCode: '10001', city: 'New York', countryCode: 'US' },
    });
    const k = await draftFor([(await shippedDelivery(de.id, [{ productId: goods20.id, quantity: '3' }])).delivery.id]);
    expect(k.vatRegime).toBe('intra_eu');
    expect(k.vatBreakdown[0]).toMatchObject({ vatCategory: 'K', vatRate: '0.00', taxAmount: '0.00' });
    const g = await draftFor([(await shippedDelivery(ch.id, [{ productId: goods20.id, quantity: '3' }])).delivery.id]);
    expect(g.vatRegime).toBe('export');
    const usd = await draftFor([
      (await shippedDelivery(us.id, [{ productId: goods20.id, quantity: '3' }])).delivery.id,
    ]);
    const noRate = await adv.post(`/api/v1/invoices/${usd.id}/issue`, {});
    expect(noRate.status).toBe(409);
    expect(noRate.body.code).toBe('exchange_rate_missing');
    expect((await adv.put('/api/v1/exchange-rates', { currency: 'USD', date: today, rate: '0.92' })).status).toBe(200);
    const kI = await issue(k.id);
    const gI = await issue(g.id);
    const usdI = await issue(usd.id);
    expect(usdI.vatTotalEur).toBe('0.00');
    const files = [];
    for (const inv of [kI, gI, usdI])
      files.push(
        { name: `${inv.number}.xml`, content: (await download(inv.id, 'cii')).raw! },
        { name: `${inv.number}-ubl.xml`, content: (await download(inv.id, 'ubl')).raw!, peppol: true },
        { name: `${inv.number}.pdf`, content: (await download(inv.id, 'facturx')).raw! },
      );
    const report = await validateAll(files);
    expect(report.failures, JSON.stringify(report.failures, null, 1)).toEqual([]);
    expect((await extractPdfText((await download(kI.id, 'pdf')).raw!)).text).toMatch(/262 ter/);
  });
});

describe('invoicing runs', () => {
  it('invoices everything shipped up to a date, grouped per customer as its settings say', async () => {
    const monthly = await customer({
      invoicing: { mode: 'monthly', format: 'ubl', channel: 'email', email: 'ap@monthly.test' },
    });
    const perDelivery = await customer();
    const m1 = await shippedDelivery(monthly.id, [{ productId: goods20.id, quantity: '1' }]);
    const m2 = await shippedDelivery(monthly.id, [{ productId: goods55.id, quantity: '2' }]);
    const p1 = await shippedDelivery(perDelivery.id, [{ productId: goods20.id, quantity: '1' }]);
    const p2 = await shippedDelivery(perDelivery.id, [{ productId: goods20.id, quantity: '1' }]);
    const due = (await adv.get(`/api/v1/invoicing/due?upToDate=${today}&customerId=${monthly.id}`)).body;
    expect(due).toMatchObject({ deliveryCount: 2, invoiceCount: 1 });
    expect(due.data[0].amounts).toEqual([{ currency: 'EUR', net: '20.65' }]);
    const r1 = await adv.post('/api/v1/invoicing-runs', {
      upToDate: today,
      customerId: monthly.id,
      issue: true,
      send: true,
    });
    expect(r1.status, JSON.stringify(r1.body)).toBe(201);
    expect(r1.body).toMatchObject({
      status: 'done',
      total: 1,
      processed: 1,
      invoiceCount: 1,
      deliveryCount: 2,
      errors: [],
    });
    const periodic = (await adv.get(`/api/v1/invoices/${r1.body.invoices[0].id}`)).body;
    expect(periodic.deliveryNumbers.sort()).toEqual([m1.delivery.number, m2.delivery.number].sort());
    expect(periodic.status).toBe('issued');
    expect(periodic.documents).toHaveLength(4);
    expect((await extractPdfText((await download(periodic.id, 'pdf')).raw!)).text).toContain(m2.delivery.number);
    const r2 = await adv.post('/api/v1/invoicing-runs', { upToDate: today, customerId: perDelivery.id, issue: false });
    expect(r2.body).toMatchObject({ total: 2, invoiceCount: 2 });
    expect(r2.body.invoices.every((i: { status: string }) => i.status === 'draft')).toBe(true);
    void p1;
    void p2;
    await t.worker.drain();
    const mails = await t.db.execute(
      sql`select "to", attachments from mail_messages where company_id = ${co.companyId} and related->>'id' = ${periodic.id}`,
    );
    const mail = (mails as unknown as { rows: { to: string[]; attachments: { filename: string }[] }[] }).rows[0]!;
    expect(mail.to).toEqual(['ap@monthly.test']);
    expect(mail.attachments.map((a) => a.filename).sort()).toEqual([
      `${periodic.number}-ubl.xml`,
      `${periodic.number}.pdf`,
    ]);
  });

  it('runs in the background and reports its progress', async () => {
    const c = await customer();
    await shippedDelivery(c.id, [{ productId: goods20.id, quantity: '1' }]);
    const r = await adv.post('/api/v1/invoicing-runs', { customerId: c.id, issue: true, background: true });
    expect(r.status).toBe(202);
    let run = r.body;
    for (let i = 0; i < 100 && run.status === 'running'; i++) {
      await new Promise((res) => setTimeout(res, 100));
      run = (await adv.get(`/api/v1/invoicing-runs/${r.body.id}`)).body;
    }
    expect(run).toMatchObject({ status: 'done', total: 1, processed: 1, invoiceCount: 1 });
    expect((await adv.get('/api/v1/invoicing-runs')).body.data[0].id).toBe(r.body.id);
  });
});

describe('e-invoicing lifecycle, permissions, tenancy', () => {
  it('records statuses, exports and imports them', async () => {
    const { delivery } = await shippedDelivery(frCustomer.id, [{ productId: goods20.id, quantity: '1' }]);
    const inv = await issue((await draftFor([delivery.id])).id);
    const dep = await adv.post(`/api/v1/invoices/${inv.id}/lifecycle`, {
      code: '200',
      occurredAt: `${today}T08:00:00Z`,
    });
    expect(dep.status, JSON.stringify(dep.body)).toBe(201);
    expect(dep.body).toMatchObject({ code: '200', status: 'deposited', label: 'Déposée' });
    const imp = await adv.post('/api/v1/einvoice-lifecycle/import', {
      csv: `number;code;occurredAt;note\n${inv.number};205;${today}T10:00:00Z;ok\nFA-0000;205;;\n${inv.number};999;;`,
    });
    expect(imp.body).toMatchObject({ imported: 1 });
    expect(imp.body.errors.map((e: { line: number }) => e.line)).toEqual([3, 4]);
    expect(imp.body.errors[0]).toMatchObject({ code: 'not_found', content: 'FA-0000;205;;' });
    expect(imp.body.errors[1]).toMatchObject({ code: 'invalid_line', message: 'Ligne illisible.' });
    const got = (await adv.get(`/api/v1/invoices/${inv.id}`)).body;
    expect(got.lifecycleStatus).toMatchObject({ code: '205', status: 'approved' });
    expect(
      (await adv.get(`/api/v1/invoices/${inv.id}/lifecycle`)).body.data.map((e: { code: string }) => e.code),
    ).toEqual(['200', '205']);
    const csv = await adv.get(`/api/v1/einvoice-lifecycle/export?from=${today}`);
    expect(String(csv.body)).toContain(`${inv.number};205;approved`);
    const bad = await adv.post(`/api/v1/invoices/${inv.id}/lifecycle`, { code: '999' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].path).toBe('code');
  });

  it('lets a viewer read but not invoice, and hides one company’s invoices from another', async () => {
    const list = await viewer.get('/api/v1/invoices');
    expect(list.status).toBe(200);
    const id = list.body.data[0].id;
    expect((await viewer.post(`/api/v1/invoices/${id}/credit-notes`, { reason: 'x' })).status).toBe(403);
    const other = await seedCompany(t, 'Other Co', ['admin']);
    const stranger = client(t.app, await tokenFor(t.app, other.users.admin!.email));
    expect((await stranger.get(`/api/v1/invoices/${id}`)).status).toBe(404);
    expect((await stranger.get(`/api/v1/invoices/${id}/facturx`)).status).toBe(404);
    expect((await stranger.get('/api/v1/invoices')).body.data).toEqual([]);
    expect((await stranger.post(`/api/v1/invoices/${id}/issue`, {})).status).toBe(404);
  });
});
