import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { addDays } from '@shared/dates';
import { extractPdfText, plainSpaces } from '../support/pdf-text';
import { describeErrors, validateEInvoices } from '../support/einvoice-validator';
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
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
const samples = resolve(__dirname, '../../../shared/samples/bank');

type Inv = { id: string; number: string; totals: { gross: string }; amountDue: string; dueDate: string };
let service: { id: string };
let acme: { id: string; code: string };
let late: { id: string };
/** Issued invoices of Acme, oldest first: issued 120, 70, 40 and 10 days ago, all net 30. */
const invs: Inv[] = [];

async function serviceInvoice(customerId: string, quantity: string, issueDate: string): Promise<Inv> {
  const o = await adv.post('/api/v1/orders', {
    customerId,
    customerReference: `PO-${Math.random().toString(36).slice(2, 8)}`,
    lines: [{ productId: service.id, quantity, unitPrice: '100.00' }],
  });
  expect(o.status, JSON.stringify(o.body)).toBe(201);
  // Overdue invoices block new orders (credit hold): the older invoices of this set-up are overdue on purpose.
  const c = await admin.post(`/api/v1/orders/${o.body.id}/confirm`, { overrideReason: 'Jeu de test des relances' });
  expect(c.status, JSON.stringify(c.body)).toBe(200);
  const d = await adv.post('/api/v1/invoices', { orderId: o.body.id });
  expect(d.status, JSON.stringify(d.body)).toBe(201);
  const i = await adv.post(`/api/v1/invoices/${d.body.id}/issue`, { issueDate });
  expect(i.status, JSON.stringify(i.body)).toBe(200);
  return i.body as Inv;
}
const invoice = async (id: string) => (await adv.get(`/api/v1/invoices/${id}`)).body as Inv;

beforeAll(async () => {
  t = await startTestApp();
  co = await seedCompany(t, 'Receivables Co', ['admin', 'adv_assistant']);
  adv = client(t.app, await tokenFor(t.app, co.users.adv_assistant!.email));
  admin = client(t.app, await tokenFor(t.app, co.users.admin!.email));
  service = (
    await adv.post(
      '/api/v1/products',
      productBody({ name: 'Maintenance', unit: 'HUR', unitPrice: '100.00', stockTracked: false }),
    )
  ).body;
  acme = (
    await adv.post(
      '/api/v1/customers',
      customerBody({ name: 'Acme Industrie SAS', paymentTerms: { basis: 'invoice_date', days: 30, dayOfMonth: null } }),
    )
  ).body;
  late = (
    await adv.post(
      '/api/v1/customers',
      customerBody({
        name: 'Retard SARL',
        paymentTerms: { basis: 'invoice_date', days: 30, dayOfMonth: null },
        invoicing: { mode: 'per_delivery', format: 'facturx', channel: 'email', email: 'compta@retard.test' },
      }),
    )
  ).body;
  // Issue dates must follow each other in the series: oldest first.
  invs.push(await serviceInvoice(acme.id, '1', addDays(today, -120)));
  await serviceInvoice(late.id, '1', addDays(today, -100));
  for (const [q, days] of [
    ['2', 70],
    ['3', 40],
    ['4', 10],
  ] as const)
    invs.push(await serviceInvoice(acme.id, q, addDays(today, -days)));
}, 120_000);
afterAll(async () => t?.closeAll());

describe('aging', () => {
  it('puts each open invoice in its bucket of days past due, with DSO', async () => {
    // Due 90, 40, 10 days ago, and in 20 days: gross 120, 240, 360, 480.
    const r = await adv.get(`/api/v1/receivables/aging?asOf=${today}&customerId=${acme.id}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.data).toHaveLength(1);
    expect(r.body.data[0]).toMatchObject({
      customerId: acme.id,
      notDue: '480.00',
      d1_30: '360.00',
      d31_60: '240.00',
      d61_90: '120.00',
      over90: '0.00',
      total: '1200.00',
    });
    // Sales of the last 90 days: 240 + 360 + 480 = 1080 → DSO = 1200 / 1080 × 90 = 100.00.
    expect(r.body.dso).toBe('100.00');
    // As of an earlier date, later invoices do not exist yet and the buckets shift.
    const before = await adv.get(`/api/v1/receivables/aging?asOf=${addDays(today, -50)}&customerId=${acme.id}`);
    expect(before.body.data[0]).toMatchObject({ total: '360.00', notDue: '240.00', d31_60: '120.00' });
  });
});

describe('payments', () => {
  it('settles the oldest due first; the rest stays as unallocated credit', async () => {
    const r = await adv.post(
      '/api/v1/payments',
      { customerId: acme.id, amount: '200.00', date: today, reference: 'VIR ACME 1' },
      { 'idempotency-key': 'pay-1' },
    );
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(
      r.body.allocations.map((a: { invoiceNumber: string; amount: string }) => [a.invoiceNumber, a.amount]),
    ).toEqual([
      [invs[0]!.number, '120.00'],
      [invs[1]!.number, '80.00'],
    ]);
    expect(r.body).toMatchObject({ allocated: '200.00', unallocated: '0.00' });
    expect((await invoice(invs[0]!.id)).amountDue).toBe('0.00');
    expect((await invoice(invs[1]!.id)).amountDue).toBe('160.00');
    const again = await adv.post(
      '/api/v1/payments',
      { customerId: acme.id, amount: '200.00', date: today, reference: 'VIR ACME 1' },
      { 'idempotency-key': 'pay-1' },
    );
    expect(again.body.id).toBe(r.body.id);
  });

  it('refuses more than is due or than the payment, names the field, and changes nothing', async () => {
    const tooMuch = await adv.post('/api/v1/payments', {
      customerId: acme.id,
      amount: '1000.00',
      date: today,
      reference: 'X',
      allocations: [{ invoiceId: invs[1]!.id, amount: '161.00' }],
    });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.errors[0]).toMatchObject({ path: 'allocations.0.amount', code: 'exceeds_amount_due' });
    const overPayment = await adv.post('/api/v1/payments', {
      customerId: acme.id,
      amount: '10.00',
      date: today,
      reference: 'X',
      allocations: [{ invoiceId: invs[1]!.id, amount: '20.00' }],
    });
    expect(overPayment.status).toBe(422);
    expect(overPayment.body.errors[0]).toMatchObject({ path: 'allocations', code: 'exceeds_payment' });
    const bigWriteOff = await adv.post('/api/v1/payments', {
      customerId: acme.id,
      amount: '150.00',
      date: today,
      reference: 'X',
      allocations: [{ invoiceId: invs[1]!.id, amount: '150.00' }],
      writeOff: { invoiceId: invs[1]!.id, amount: '10.00', reason: 'frais' },
    });
    expect(bigWriteOff.status).toBe(422);
    expect(bigWriteOff.body.errors[0]).toMatchObject({ path: 'writeOff.amount', code: 'write_off_above_threshold' });
    expect((await invoice(invs[1]!.id)).amountDue).toBe('160.00');
    expect((await adv.get(`/api/v1/payments?customerId=${acme.id}`)).body.data).toHaveLength(1);
  });

  it('writes off a small difference with its reason', async () => {
    const r = await adv.post('/api/v1/payments', {
      customerId: acme.id,
      amount: '159.65',
      date: today,
      reference: 'VIR ACME FRAIS',
      allocations: [{ invoiceId: invs[1]!.id, amount: '159.65' }],
      writeOff: { invoiceId: invs[1]!.id, amount: '0.35', reason: 'Frais bancaires' },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.allocations.map((a: { kind: string }) => a.kind)).toEqual(['payment', 'write_off']);
    expect((await invoice(invs[1]!.id)).amountDue).toBe('0.00');
  });
});

describe('bank statements', () => {
  const csv = () =>
    [
      'Date;Libellé;Montant;Nom du payeur;IBAN du payeur',
      `${today};VIR SEPA ACME INDUSTRIE FACT ${invs[2]!.number};360,00;ACME INDUSTRIE SAS;FR7630004000031234567890143`,
      `${today};VIR SEPA INCONNU REF 4455;99,00;SOCIETE INCONNUE;FR7610107001011234567890129`,
      `${today};FRAIS TENUE DE COMPTE;-12,50;;`,
    ].join('\n');

  it('previews, imports once, suggests the match by invoice number, and a person accepts it', async () => {
    const preview = await adv.post('/api/v1/bank-statements/preview', { fileName: 'releve.csv', content: csv() });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body.statements[0]).toMatchObject({
      format: 'csv',
      lineCount: 3,
      creditCount: 2,
      alreadyImported: false,
    });
    const imp = await adv.post('/api/v1/bank-statements', { fileName: 'releve.csv', content: csv() });
    expect(imp.status, JSON.stringify(imp.body)).toBe(201);
    const lines = imp.body.lines as {
      id: string;
      status: string;
      amount: string;
      suggestion: {
        customerId: string;
        allocations: { invoiceNumber: string; amount: string }[];
        reasons: string[];
      } | null;
    }[];
    expect(lines.map((l) => l.status)).toEqual(['suggested', 'unmatched', 'ignored']);
    expect(lines[0]!.suggestion).toMatchObject({
      customerId: acme.id,
      allocations: [{ invoiceNumber: invs[2]!.number, amount: '360.00' }],
    });
    expect(lines[0]!.suggestion!.reasons).toContain('invoice_number');

    // The same file again: nothing new.
    const twice = await adv.post('/api/v1/bank-statements', { fileName: 'releve.csv', content: csv() });
    expect(twice.body.lines).toEqual([]);
    expect(twice.body.statements[0]).toMatchObject({ alreadyImported: true, duplicateLines: 3 });

    const accepted = await adv.post('/api/v1/bank-lines/accept', { lineIds: [lines[0]!.id, lines[1]!.id] });
    expect(accepted.status).toBe(200);
    expect(accepted.body.results[0].paymentId).toBeTruthy();
    expect(accepted.body.results[1]).toMatchObject({ paymentId: null, code: 'no_suggestion' });
    expect((await invoice(invs[2]!.id)).amountDue).toBe('0.00');

    // The unknown payer is matched by hand; its IBAN is learned for next time.
    const manual = await adv.post(`/api/v1/bank-lines/${lines[1]!.id}/match`, {
      customerId: acme.id,
      allocations: [{ invoiceId: invs[3]!.id, amount: '99.00' }],
    });
    expect(manual.status, JSON.stringify(manual.body)).toBe(200);
    expect(manual.body).toMatchObject({ source: 'bank', amount: '99.00', allocated: '99.00' });
    expect((await adv.get('/api/v1/bank-lines?status=matched')).body.data).toHaveLength(2);
    const aging = (await adv.get(`/api/v1/receivables/aging?asOf=${today}&customerId=${acme.id}`)).body;
    expect(aging.data[0]).toMatchObject({ total: '381.00', notDue: '381.00', d1_30: '0.00' });
  });

  it('reads the real sample statements and refuses a malformed file with the line', async () => {
    const ing = readFileSync(resolve(samples, 'iso20022js_ing_example_camt053.001.02.xml'));
    const r = await adv.post('/api/v1/bank-statements', { fileName: 'ing.xml', contentBase64: ing.toString('base64') });
    expect(r.status, JSON.stringify(r.body).slice(0, 500)).toBe(201);
    expect(r.body.statements[0]).toMatchObject({
      format: 'camt053',
      openingBalance: '1000.00',
      closingBalance: '1605.00',
    });
    const cfonb = readFileSync(resolve(samples, 'silarhi_cfonb120_complex-test.txt'));
    const c = await adv.post('/api/v1/bank-statements/preview', {
      fileName: 'releve.txt',
      contentBase64: cfonb.toString('base64'),
    });
    expect(c.status).toBe(200);
    expect(c.body.statements).toHaveLength(8);
    const broken = cfonb.toString('latin1').split('\n');
    broken[2] = broken[2]!.slice(0, 100);
    const bad = await adv.post('/api/v1/bank-statements/preview', {
      fileName: 'releve.txt',
      content: broken.join('\n'),
    });
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe('bank_file_invalid');
    expect(bad.body.errors[0].path).toBe('file:3');
  });
});

describe('credit exposure reaches the orders', () => {
  it('flags a new order of a customer with overdue invoices, and not one of a customer up to date', async () => {
    // Retard SARL's invoice was due 70 days ago: blocking (over the company's hold delay).
    const o = await adv.post('/api/v1/orders', {
      customerId: late.id,
      customerReference: 'PO-LATE-1',
      lines: [{ productId: service.id, quantity: '1' }],
    });
    const f = o.body.findings.find((x: { code: string }) => x.code === 'overdue_invoices');
    expect(f, JSON.stringify(o.body.findings)).toMatchObject({ severity: 'blocking' });
    const all = (await adv.get('/api/v1/receivables/aging')).body;
    expect(all.data.find((r: { customerId: string }) => r.customerId === late.id)).toMatchObject({ d61_90: '120.00' });
  });

  it('proposes the reminder due (straight to the formal notice 70 days late), sends it once, keeps the history', async () => {
    const run = await adv.post('/api/v1/dunning-runs', { asOf: today });
    expect(run.status, JSON.stringify(run.body)).toBe(201);
    const letters = run.body.letters as {
      id: string;
      customerId: string;
      level: number;
      levelName: string;
      subject: string;
      body: string;
      email: string;
      items: { number: string; interest: string; indemnity: string; daysOverdue: number }[];
      status: string;
    }[];
    // Acme's only open invoice is due in 20 days: nothing yet. Retard SARL's is 70 days late.
    expect(letters.map((l) => l.customerId)).toEqual([late.id]);
    const l = letters[0]!;
    expect(l).toMatchObject({ level: 4, levelName: 'formal_notice', email: 'compta@retard.test', status: 'proposed' });
    expect(l.subject).toMatch(/mise en demeure/i);
    // 120.00 × 70 days × 12.15 % / 365 = 2.80, plus the €40 indemnity.
    expect(l.items[0]).toMatchObject({ daysOverdue: 70, interest: '2.80', indemnity: '40.00' });
    const sent = await adv.post(`/api/v1/dunning-runs/${run.body.id}/send`, {});
    expect(sent.body.letters[0]).toMatchObject({ status: 'sent' });
    const again = await adv.post('/api/v1/dunning-runs', { asOf: today });
    expect(again.body.letters).toEqual([]);
    const history = await adv.get(`/api/v1/dunning-letters?customerId=${late.id}`);
    expect(history.body.data.map((x: { id: string }) => x.id)).toEqual([l.id]);
    await t.worker.drain();
    const mails = (await t.db.execute(
      sql`select "to" from mail_messages where related->>'id' = ${l.id}`,
    )) as unknown as {
      rows: { to: string[] }[];
    };
    expect(mails.rows.map((m) => m.to)).toEqual([['compta@retard.test']]);
  });

  it('holds the deliveries of a customer on credit hold until a manager releases them, with a reason', async () => {
    const status = await adv.get(`/api/v1/customers/${late.id}/credit-status`);
    expect(status.status, JSON.stringify(status.body)).toBe(200);
    expect(status.body).toMatchObject({ onHold: true, blocked: true, oldestOverdueDays: 70, overdueDaysLimit: 30 });
    expect(status.body.reasons.map((r: { code: string }) => r.code)).toEqual(['overdue_invoices']);
    const goods = (await adv.post('/api/v1/products', productBody({ unitPrice: '10.00' }))).body;
    expect((await adv.post('/api/v1/stock/receipts', { lines: [{ productId: goods.id, quantity: '5' }] })).status).toBe(
      201,
    );
    const o = await adv.post('/api/v1/orders', {
      customerId: late.id,
      customerReference: 'PO-HOLD-1',
      lines: [{ productId: goods.id, quantity: '2' }],
    });
    const c = await admin.post(`/api/v1/orders/${o.body.id}/confirm`, { overrideReason: 'Commande urgente acceptée' });
    expect(c.status, JSON.stringify(c.body)).toBe(200);
    const d = (await adv.post('/api/v1/deliveries', { orderId: o.body.id })).body;
    const held = await adv.post(`/api/v1/deliveries/${d.id}/ship`, {});
    expect(held.status).toBe(409);
    expect(held.body.code).toBe('customer_on_credit_hold');
    expect((await adv.post(`/api/v1/customers/${late.id}/credit-release`, { reason: 'x' })).status).toBe(403);
    const released = await admin.post(`/api/v1/customers/${late.id}/credit-release`, {
      reason: 'Promesse de règlement le 30',
    });
    expect(released.status, JSON.stringify(released.body)).toBe(200);
    expect(released.body).toMatchObject({
      onHold: true,
      blocked: false,
      release: { reason: 'Promesse de règlement le 30' },
    });
    expect((await adv.post(`/api/v1/deliveries/${d.id}/ship`, {})).status).toBe(200);
  });

  it('records a promise to pay with a follow-up task, and exports the aging to Excel', async () => {
    const promised = addDays(today, 10);
    const n = await adv.post(`/api/v1/customers/${late.id}/receivable-notes`, {
      kind: 'promise',
      note: 'M. Durand promet un virement',
      promisedDate: promised,
      promisedAmount: '120.00',
    });
    expect(n.status, JSON.stringify(n.body)).toBe(201);
    expect(n.body).toMatchObject({ followUpDate: addDays(promised, 1), promisedAmount: '120.00' });
    const task = await adv.get(`/api/v1/tasks/${n.body.taskId}`);
    expect(task.body).toMatchObject({ dueDate: addDays(promised, 1), assigneeId: co.users.adv_assistant!.id });
    expect(task.body.title).toContain('Retard SARL');
    const noDate = await adv.post(`/api/v1/customers/${late.id}/receivable-notes`, { kind: 'promise', note: 'x' });
    expect(noDate.status).toBe(422);
    expect(noDate.body.errors[0].path).toBe('promisedDate');
    expect((await adv.get(`/api/v1/customers/${late.id}/receivable-notes`)).body.data).toHaveLength(1);
    const xlsx = await adv.get(`/api/v1/receivables/aging/export.xlsx?asOf=${today}`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.raw!.subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('prints the statement of account with the open invoices and the balance', async () => {
    const r = await adv.get(`/api/v1/customers/${acme.id}/statement.pdf`);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toContain('application/pdf');
    const text = plainSpaces((await extractPdfText(r.raw!)).text);
    expect(text).toContain('RELEVÉ DE COMPTE');
    expect(text).toContain(invs[3]!.number);
    expect(text).not.toContain(invs[0]!.number);
    expect(text).toContain('381,00');
  });

  it('invoices the late-payment interest and the €40 indemnity, outside the VAT scope, as valid e-invoices', async () => {
    const overdue = (await adv.get(`/api/v1/receivables/open-items?customerId=${late.id}`)).body.data[0];
    const d = await adv.post('/api/v1/invoices', { latePenalties: { invoiceId: overdue.id, asOf: today } });
    expect(d.status, JSON.stringify(d.body)).toBe(201);
    expect(d.body.lines.map((l: { netAmount: string }) => l.netAmount)).toEqual(['2.80', '40.00']);
    expect(d.body.totals).toMatchObject({ net: '42.80', vat: '0.00', gross: '42.80' });
    expect(d.body.vatBreakdown[0]).toMatchObject({ vatCategory: 'E', taxAmount: '0.00' });
    const issued = await adv.post(`/api/v1/invoices/${d.body.id}/issue`, {});
    expect(issued.status, JSON.stringify(issued.body)).toBe(200);
    const cii = await adv.get(`/api/v1/invoices/${d.body.id}/cii`);
    const ubl = await adv.get(`/api/v1/invoices/${d.body.id}/ubl`);
    const a = await validateEInvoices([{ name: 'pen.xml', content: cii.raw! }], { facturx: true });
    const b = await validateEInvoices([{ name: 'pen-ubl.xml', content: ubl.raw! }], { peppol: true });
    expect(describeErrors(a.get('pen.xml'))).toBe('');
    expect(describeErrors(b.get('pen-ubl.xml'))).toBe('');
    const notYet = await adv.post('/api/v1/invoices', { latePenalties: { invoiceId: invs[3]!.id } });
    expect(notYet.status).toBe(409);
    expect(notYet.body.code).toBe('not_overdue');
  });

  it('shows a customer with nothing open but unallocated money in the aging', async () => {
    const fresh = (await adv.post('/api/v1/customers', customerBody({ name: 'Avance SA' }))).body;
    const p = await adv.post('/api/v1/payments', {
      customerId: fresh.id,
      amount: '50.00',
      date: today,
      reference: 'ACOMPTE',
    });
    expect(p.body).toMatchObject({ allocated: '0.00', unallocated: '50.00' });
    const a = (await adv.get(`/api/v1/receivables/aging?customerId=${fresh.id}`)).body;
    expect(a.data).toEqual([
      expect.objectContaining({ customerId: fresh.id, total: '0.00', unallocatedCredit: '50.00' }),
    ]);
  });

  it('keeps payments to their company', async () => {
    const other = await seedCompany(t, 'Other Receivables', ['admin']);
    const stranger = client(t.app, await tokenFor(t.app, other.users.admin!.email));
    const mine = (await adv.get('/api/v1/payments')).body.data[0];
    expect((await stranger.get(`/api/v1/payments/${mine.id}`)).status).toBe(404);
    expect((await stranger.get('/api/v1/receivables/aging')).body.data).toEqual([]);
    expect(
      (
        await stranger.post(`/api/v1/payments/${mine.id}/allocations`, {
          allocations: [{ invoiceId: invs[3]!.id, amount: '1.00' }],
        })
      ).status,
    ).toBe(404);
  });
});
