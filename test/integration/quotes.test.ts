import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { DEMO_PASSWORD, loadDemo } from '@server/demo';
import { addDays } from '@shared/dates';
import { client, seedCompany, startTestApp, tokenFor, type TestApp } from '../support/harness';

let t: TestApp;
let api: ReturnType<typeof client>;
let lyon: { id: string };
let bricodis: { id: string };

beforeAll(async () => {
  t = await startTestApp();
  await loadDemo(t);
  api = client(t.app, await tokenFor(t.app, 'adv@demo.relais.fr', DEMO_PASSWORD));
  const list = (await api.get('/api/v1/customers?limit=50')).body.data;
  lyon = list.find((c: { code: string }) => c.code === 'C0002');
  bricodis = list.find((c: { code: string }) => c.code === 'C0001');
});
afterAll(async () => t?.closeAll());

// The demo's price list covers the current year: quotes are dated today so that it applies whatever the year.
const today = new Date().toISOString().slice(0, 10);
const year = today.slice(0, 4);

const newQuote = (over: Record<string, unknown> = {}) =>
  api.post('/api/v1/quotes', {
    customerId: lyon.id,
    issueDate: today,
    customerReference: 'RFQ-2026-118',
    lines: [
      { sku: 'FX1040', quantity: '10' },
      { sku: 'FX9001', quantity: '3' },
    ],
    ...over,
  });

describe('quotes', () => {
  it('prices lines with the pricing function, numbers the quote and computes EN 16931 totals', async () => {
    const r = await newQuote();
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      status: 'draft',
      number: expect.stringMatching(new RegExp(`^DEV-${year}-\\d{5}$`)),
      currency: 'EUR',
      language: 'fr',
      validUntil: addDays(today, 30),
      customerReference: 'RFQ-2026-118',
      contactEmail: 't.girard@quinca-lyon.example',
    });
    expect(
      r.body.lines.map((l: { sku: string; unitPrice: string; netAmount: string; vatRate: string }) => [
        l.sku,
        l.unitPrice,
        l.netAmount,
        l.vatRate,
      ]),
    ).toEqual([
      ['FX1040', '18.9000', '189.00', '20.00'],
      ['FX9001', '29.0000', '87.00', '5.50'],
    ]);
    // 189.00 × 20 % = 37.80; 87.00 × 5.5 % = 4.785 → 4.79 (half-up, per VAT group)
    expect(r.body.totals).toEqual({ net: '276.00', vat: '42.59', gross: '318.59' });
    expect(r.body.vatBreakdown).toEqual([
      { vatCategory: 'S', vatRate: '20.00', taxableAmount: '189.00', taxAmount: '37.80' },
      { vatCategory: 'S', vatRate: '5.50', taxableAmount: '87.00', taxAmount: '4.79' },
    ]);
    expect(r.body.lines[0].priceSource).toMatchObject({ type: 'price_list' });
    expect(r.body.lines[1].priceSource).toMatchObject({ type: 'catalog' });
    expect(r.body.allowedCommands).toEqual(expect.arrayContaining(['send', 'accept', 'refuse', 'cancel']));
    const next = (await newQuote()).body.number as string;
    expect(Number(next.slice(-5))).toBe(Number(r.body.number.slice(-5)) + 1);
  });

  it('demands a reason for a price that differs from the computed one', async () => {
    const r = await newQuote({ lines: [{ sku: 'FX1040', quantity: '10', unitPrice: '17.50' }] });
    expect(r.status).toBe(422);
    expect(r.body.errors).toEqual([
      expect.objectContaining({ path: 'lines.0.overrideReason', code: 'override_reason_required' }),
    ]);
    const ok = await newQuote({
      lines: [{ sku: 'FX1040', quantity: '10', unitPrice: '17.50', overrideReason: 'Alignement concurrent' }],
    });
    expect(ok.status).toBe(201);
    expect(ok.body.lines[0]).toMatchObject({
      unitPrice: '17.5000',
      suggestedUnitPrice: '18.9000',
      overrideReason: 'Alignement concurrent',
      netAmount: '175.00',
    });
    const unknown = await newQuote({ lines: [{ sku: 'NOPE', quantity: '1' }] });
    expect(unknown.body.errors[0]).toMatchObject({ path: 'lines.0.sku', code: 'unknown_product' });
  });

  it('uses the customer’s negotiated price', async () => {
    await api.post(`/api/v1/customers/${bricodis.id}/prices`, { sku: 'FX1050', unitPrice: '21.00' });
    const r = await newQuote({ customerId: bricodis.id, lines: [{ sku: 'FX1050', quantity: '2' }] });
    expect(r.body.lines[0]).toMatchObject({
      unitPrice: '21.0000',
      priceSource: expect.objectContaining({ type: 'customer_price' }),
    });
  });

  it('renders a PDF, sends it by e-mail through the outbox, then accepts; refused transitions answer 409', async () => {
    const q = (await newQuote()).body;
    expect((await client(t.app).get(`/api/v1/quotes/${q.id}/pdf`)).status).toBe(401);
    const pdfAuthed = await api.get(`/api/v1/quotes/${q.id}/pdf`);
    expect(pdfAuthed.status).toBe(200);
    expect(pdfAuthed.headers['content-type']).toBe('application/pdf');
    expect(String(pdfAuthed.body).startsWith('%PDF')).toBe(true);

    const sent = await api.post(`/api/v1/quotes/${q.id}/send`, { message: 'Suite à notre échange.' });
    expect(sent.status).toBe(200);
    expect(sent.body.status).toBe('sent');
    expect(sent.body.sentAt).toBeTruthy();
    await t.worker.drain();
    const mails = (await api.get('/api/v1/mails')).body.data;
    const quoteMail = mails.find((m: { related: { id: string } | null }) => m.related?.id === q.id);
    const mail = (await api.get(`/api/v1/mails/${quoteMail.id}`)).body;
    expect(mail).toMatchObject({
      to: ['t.girard@quinca-lyon.example'],
      subject: expect.stringContaining(q.number),
      status: 'kept',
    });
    expect(mail.attachments).toEqual([
      expect.objectContaining({ filename: `${q.number}.pdf`, contentType: 'application/pdf' }),
    ]);
    expect(mail.text).toContain('Suite à notre échange.');

    expect((await api.patch(`/api/v1/quotes/${q.id}`, { notes: 'x' })).body.code).toBe('quote_not_editable');
    const accepted = await api.post(`/api/v1/quotes/${q.id}/accept`);
    expect(accepted.body).toMatchObject({ status: 'accepted', allowedCommands: ['convert'] });
    const again = await api.post(`/api/v1/quotes/${q.id}/refuse`, { reason: 'trop cher' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('invalid_transition');
  });

  it('refuses with a reason and reopens; edits a draft and recomputes', async () => {
    const q = (await newQuote()).body;
    const refused = await api.post(`/api/v1/quotes/${q.id}/refuse`, { reason: 'Budget reporté' });
    expect(refused.body).toMatchObject({ status: 'refused', refusalReason: 'Budget reporté' });
    const reopened = await api.post(`/api/v1/quotes/${q.id}/reopen`);
    expect(reopened.body.status).toBe('draft');
    const edited = await api.patch(`/api/v1/quotes/${q.id}`, { lines: [{ sku: 'FX1040', quantity: '100' }] });
    expect(edited.status).toBe(200);
    // 100 reaches the price list's 50-unit break: 17.60
    expect(edited.body.lines[0].unitPrice).toBe('17.6000');
    expect(edited.body.totals.net).toBe('1760.00');
    expect(edited.body.version).toBeGreaterThan(q.version);
  });

  it('answers a tender with its reference, deadline and documents (exact bytes and hash)', async () => {
    const q = (await newQuote({ tender: { reference: 'AO-2026-044', deadline: '2026-12-15' } })).body;
    expect(q.tender).toEqual({ reference: 'AO-2026-044', deadline: '2026-12-15' });
    const bytes = Buffer.from('%PDF-1.4 cahier des charges\n');
    const boundary = '----relais';
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="CCTP.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const up = await api.post(`/api/v1/quotes/${q.id}/attachments`, body, {
      'content-type': `multipart/form-data; boundary=${boundary}`,
    });
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({
      filename: 'CCTP.pdf',
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
    const down = await t.app.inject({
      method: 'GET',
      url: `/api/v1/quotes/${q.id}/attachments/${up.body.id}`,
      headers: { authorization: `Bearer ${await tokenFor(t.app, 'adv@demo.relais.fr', DEMO_PASSWORD)}` },
    });
    expect(down.rawPayload.equals(bytes)).toBe(true);
    expect((await api.get(`/api/v1/quotes?q=AO-2026`)).body.data.map((x: { id: string }) => x.id)).toEqual([q.id]);
  });

  it('expires sent quotes past their validity', async () => {
    const q = (await newQuote({ issueDate: '2026-01-05', validUntil: '2026-02-04' })).body;
    await api.post(`/api/v1/quotes/${q.id}/send`, {});
    await t.scheduleDailyJobs('2026-11-23');
    await t.worker.drain();
    expect((await api.get(`/api/v1/quotes/${q.id}`)).body.status).toBe('expired');
  });

  it('keeps quotes per company and replays an idempotent creation', async () => {
    const q1 = await newQuote();
    const other = await seedCompany(t, 'Autre', ['admin']);
    const otherApi = client(t.app, await tokenFor(t.app, other.users.admin!.email));
    expect((await otherApi.get(`/api/v1/quotes/${q1.body.id}`)).status).toBe(404);
    expect((await otherApi.get(`/api/v1/quotes/${q1.body.id}/pdf`)).status).toBe(404);
    const body = { customerId: lyon.id, lines: [{ sku: 'FX1040', quantity: '1' }] };
    const a = await api.post('/api/v1/quotes', body, { 'idempotency-key': 'q-1' });
    const b = await api.post('/api/v1/quotes', body, { 'idempotency-key': 'q-1' });
    expect(b.body.id).toBe(a.body.id);
    expect(b.body.number).toBe(a.body.number);
  });
});
