import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { createMailHandler, queueMail } from '@server/platform/mail/mail';
import { createOutboxWorker, enqueue } from '@server/platform/outbox/outbox';
import { mailMessages, outbox } from '@server/platform/platform.schema';
import type { Ctx } from '@server/platform/db/runner';
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
let api: ReturnType<typeof client>;
let ctx: Ctx;

beforeAll(async () => {
  t = await startTestApp();
  co = await seedCompany(t, 'Audit Co', ['adv_assistant', 'admin']);
  api = client(t.app, await tokenFor(t.app, co.users.adv_assistant!.email));
  ctx = { companyId: co.companyId, userId: co.users.admin!.id, roles: ['admin'], requestId: 'test', lang: 'fr' };
});
afterAll(async () => t?.closeAll());

describe('audit trail', () => {
  it('records who created and changed a customer, field by field, including its ship-tos', async () => {
    const c = (await api.post('/api/v1/customers', customerBody({ name: 'Avant' }))).body;
    await api.patch(`/api/v1/customers/${c.id}`, { name: 'Après', creditLimit: '1000.00' });
    await api.patch(`/api/v1/customers/${c.id}`, { shipTos: [{ ...c.shipTos[0], deliveryWeekdays: [1, 2] }] });
    const r = await api.get(`/api/v1/audit?entityType=customer&entityId=${c.id}`);
    expect(r.status).toBe(200);
    const entries = r.body.data as {
      action: string;
      entityType: string;
      actorName: string;
      changes: Record<string, { from: unknown; to: unknown }> | null;
    }[];
    const update = entries.find((e) => e.entityType === 'customer' && e.action === 'update')!;
    expect(update.actorName).toBe('adv_assistant Audit Co');
    expect(update.changes).toEqual({
      name: { from: 'Avant', to: 'Après' },
      creditLimit: { from: null, to: '1000.00' },
    });
    expect(entries.find((e) => e.entityType === 'customer' && e.action === 'create')).toBeTruthy();
    const shipTo = entries.find((e) => e.entityType === 'customer_ship_to' && e.action === 'update')!;
    expect(shipTo.changes).toEqual({ deliveryWeekdays: { from: null, to: [1, 2] } });
  });

  it('records nothing when nothing changed, and nothing for a refused change', async () => {
    const p = (await api.post('/api/v1/products', productBody())).body;
    await api.patch(`/api/v1/products/${p.id}`, { name: p.name });
    await api.patch(`/api/v1/products/${p.id}`, { vatCategory: 'S', vatRate: '0' });
    const r = await api.get(`/api/v1/audit?entityType=product&entityId=${p.id}`);
    expect(r.body.data.map((e: { action: string }) => e.action)).toEqual(['create']);
  });
});

describe('outbox and mail', () => {
  it('drops the mail with the transaction that queued it', async () => {
    await expect(
      t.run.run(ctx, async (tx) => {
        await queueMail(tx, co.companyId, { to: ['a@b.test'], subject: 'rolled back', text: 'x' });
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    const rows = await t.db.select().from(mailMessages).where(eq(mailMessages.subject, 'rolled back'));
    expect(rows).toEqual([]);
  });

  it('keeps a mail in the mailbox when no SMTP server is configured, visible through the API', async () => {
    const id = await t.run.run(ctx, (tx) =>
      queueMail(tx, co.companyId, { to: ['buyer@client.test'], subject: 'ARC commande 42', text: 'Bonjour' }),
    );
    expect(await t.worker.drain()).toBeGreaterThanOrEqual(1);
    const r = await api.get(`/api/v1/mails/${id}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      subject: 'ARC commande 42',
      status: 'kept',
      to: ['buyer@client.test'],
      text: 'Bonjour',
    });
    expect((await api.get('/api/v1/mails')).body.data[0].id).toBe(id);
  });

  it('sends through SMTP when configured', async () => {
    const received: string[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, _session, cb) {
        let data = '';
        stream.on('data', (c: Buffer) => (data += c.toString()));
        stream.on('end', () => {
          received.push(data);
          cb();
        });
      },
    });
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
    const port = (smtp.server.address() as AddressInfo).port;
    try {
      const worker = createOutboxWorker(t.db, {
        'mail.send': createMailHandler({ smtpUrl: `smtp://127.0.0.1:${port}`, from: 'adv@relais.test' }),
      });
      const id = await t.run.run(ctx, (tx) =>
        queueMail(tx, co.companyId, {
          to: ['buyer@client.test'],
          subject: 'Avis d’expédition',
          text: 'Votre commande est partie.',
          attachments: [
            { filename: 'bl.txt', contentType: 'text/plain', contentBase64: Buffer.from('BL 1').toString('base64') },
          ],
        }),
      );
      await worker.drain();
      const [m] = await t.db.select().from(mailMessages).where(eq(mailMessages.id, id));
      expect(m!.status).toBe('sent');
      expect(received).toHaveLength(1);
      expect(received[0]).toContain('Votre commande est partie.');
      expect(received[0]).toContain('bl.txt');
    } finally {
      await new Promise<void>((r) => smtp.close(() => r()));
    }
  });

  it('retries a failing job later, deduplicates by key, and a new worker picks up what an old one left', async () => {
    let calls = 0;
    const flaky = createOutboxWorker(t.db, {
      'test.flaky': async () => {
        calls++;
        if (calls === 1) throw new Error('smtp down');
      },
    });
    await t.run.run(ctx, async (tx) => {
      await enqueue(tx, co.companyId, { topic: 'test.flaky', payload: {}, dedupeKey: 'once' });
      await enqueue(tx, co.companyId, { topic: 'test.flaky', payload: {}, dedupeKey: 'once' });
    });
    await flaky.drain();
    const [row] = await t.db.select().from(outbox).where(eq(outbox.dedupeKey, 'once'));
    expect(calls).toBe(1);
    expect(row!.status).toBe('pending');
    expect(row!.lastError).toBe('smtp down');
    expect(row!.runAt.getTime()).toBeGreaterThan(Date.now());
    // the process "restarts": a fresh worker, and the retry time has come
    await t.db
      .update(outbox)
      .set({ runAt: new Date(Date.now() - 1000) })
      .where(eq(outbox.dedupeKey, 'once'));
    const fresh = createOutboxWorker(t.db, { 'test.flaky': async () => void calls++ });
    await fresh.drain();
    const [done] = await t.db.select().from(outbox).where(eq(outbox.dedupeKey, 'once'));
    expect(done!.status).toBe('done');
    expect(done!.attempts).toBe(2);
    expect(calls).toBe(2);
  });
});
