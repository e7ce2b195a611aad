import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { raiseTask } from '@server/modules/tasks';
import type { Ctx } from '@server/platform/db/runner';
import { client, seedCompany, startTestApp, tokenFor, type TestApp } from '../support/harness';

let t: TestApp;
let co: Awaited<ReturnType<typeof seedCompany>>;
let other: Awaited<ReturnType<typeof seedCompany>>;
let adv: ReturnType<typeof client>;
let sales: ReturnType<typeof client>;
let viewer: ReturnType<typeof client>;
let outsider: ReturnType<typeof client>;
let ctx: Ctx;

const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await startTestApp();
  co = await seedCompany(t, 'Tasks Co', ['adv_assistant', 'sales', 'viewer']);
  other = await seedCompany(t, 'Other Co', ['adv_assistant']);
  adv = client(t.app, await tokenFor(t.app, co.users.adv_assistant!.email));
  sales = client(t.app, await tokenFor(t.app, co.users.sales!.email));
  viewer = client(t.app, await tokenFor(t.app, co.users.viewer!.email));
  outsider = client(t.app, await tokenFor(t.app, other.users.adv_assistant!.email));
  ctx = {
    companyId: co.companyId,
    userId: co.users.adv_assistant!.id,
    roles: ['adv_assistant'],
    requestId: 'test',
    lang: 'fr',
  };
});
afterAll(async () => t?.closeAll());

const ids = (r: { body: { data: { id: string }[] } }) => r.body.data.map((x) => x.id);

describe('tasks', () => {
  const order = { type: 'order', id: uuidv7() };
  let teamTask: { id: string };
  let mine: { id: string };
  let salesTask: { id: string };

  it('creates a task for a team and one for a person, with the assignee name and overdue flag', async () => {
    const r1 = await adv.post('/api/v1/tasks', {
      title: 'Appeler le transporteur',
      team: 'logistics',
      dueDate: inAWeek(),
      related: order,
    });
    expect(r1.status).toBe(201);
    expect(r1.body).toMatchObject({
      kind: 'manual',
      title: 'Appeler le transporteur',
      description: null,
      team: 'logistics',
      assigneeId: null,
      assigneeName: null,
      related: order,
      status: 'open',
      overdue: false,
      completedAt: null,
    });
    teamTask = r1.body;

    const r2 = await adv.post('/api/v1/tasks', {
      title: 'Relancer le client pour le bon de commande',
      description: 'PO manquant',
      assigneeId: co.users.adv_assistant!.id,
      dueDate: yesterday(),
    });
    expect(r2.status).toBe(201);
    expect(r2.body).toMatchObject({
      assigneeId: co.users.adv_assistant!.id,
      assigneeName: 'adv_assistant Tasks Co',
      team: null,
      related: null,
      overdue: true,
      description: 'PO manquant',
    });
    mine = r2.body;

    const r3 = await adv.post('/api/v1/tasks', {
      title: 'Valider la remise',
      assigneeId: co.users.sales!.id,
      team: 'sales',
      related: { type: 'customer', id: uuidv7() },
    });
    expect(r3.status).toBe(201);
    salesTask = r3.body;

    expect((await adv.get(`/api/v1/tasks/${mine.id}`)).body).toEqual(r2.body);
  });

  it('refuses an unknown assignee (naming the field), a task for nobody, and writes by a viewer', async () => {
    const unknown = await adv.post('/api/v1/tasks', { title: 'X', assigneeId: uuidv7() });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ path: 'assigneeId', code: 'unknown_user' })]);
    // a user of another company is not a user of this one
    const foreign = await adv.post('/api/v1/tasks', { title: 'X', assigneeId: other.users.adv_assistant!.id });
    expect(foreign.status).toBe(422);
    expect(foreign.body.errors[0]).toMatchObject({ path: 'assigneeId', code: 'unknown_user' });
    const nobody = await adv.post('/api/v1/tasks', { title: 'X' });
    expect(nobody.status).toBe(422);
    expect(nobody.body.errors[0]).toMatchObject({ path: 'assigneeId', code: 'assignee_or_team' });
    const badTeam = await adv.post('/api/v1/tasks', { title: 'X', team: 'marketing' });
    expect(badTeam.status).toBe(422);
    expect(badTeam.body.errors[0]).toMatchObject({ path: 'team' });
    expect((await viewer.post('/api/v1/tasks', { title: 'X', team: 'adv' })).status).toBe(403);
    expect((await viewer.get('/api/v1/tasks')).status).toBe(200);
  });

  it('lists by assignee (me or an id), team, status and related document, due date first', async () => {
    expect(ids(await adv.get('/api/v1/tasks?assignee=me&status=open'))).toEqual([mine.id]);
    expect(ids(await sales.get('/api/v1/tasks?assignee=me'))).toEqual([salesTask.id]);
    expect(ids(await adv.get(`/api/v1/tasks?assignee=${co.users.sales!.id}`))).toEqual([salesTask.id]);
    expect(ids(await adv.get('/api/v1/tasks?team=logistics'))).toEqual([teamTask.id]);
    expect(ids(await adv.get(`/api/v1/tasks?relatedType=order&relatedId=${order.id}`))).toEqual([teamTask.id]);
    expect(ids(await adv.get('/api/v1/tasks?relatedType=customer'))).toEqual([salesTask.id]);
    expect(ids(await adv.get('/api/v1/tasks?status=done'))).toEqual([]);
    // overdue first, then due later, then no due date
    expect(ids(await adv.get('/api/v1/tasks'))).toEqual([mine.id, teamTask.id, salesTask.id]);
    const bad = await adv.get('/api/v1/tasks?assignee=someone');
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0]).toMatchObject({ path: 'assignee', code: 'invalid_uuid' });
    expect((await adv.get('/api/v1/tasks?status=closed')).status).toBe(422);
  });

  it('pages with a cursor', async () => {
    const p1 = await adv.get('/api/v1/tasks?limit=2');
    expect(p1.body.data).toHaveLength(2);
    expect(p1.body.nextCursor).toEqual(expect.any(String));
    const p2 = await adv.get(`/api/v1/tasks?limit=2&cursor=${p1.body.nextCursor}`);
    expect(ids(p2)).toEqual([salesTask.id]);
    expect(p2.body.nextCursor).toBeNull();
    expect([...ids(p1), ...ids(p2)]).toEqual([mine.id, teamTask.id, salesTask.id]);
    expect((await adv.get('/api/v1/tasks?cursor=garbage')).status).toBe(422);
  });

  it('changes an open task: reassigns, clears the due date, keeps an assignee or a team', async () => {
    const r = await adv.patch(`/api/v1/tasks/${teamTask.id}`, {
      assigneeId: co.users.sales!.id,
      dueDate: null,
      description: 'Transporteur Geodis',
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      title: 'Appeler le transporteur',
      team: 'logistics',
      assigneeId: co.users.sales!.id,
      assigneeName: 'sales Tasks Co',
      dueDate: null,
      description: 'Transporteur Geodis',
      related: order,
    });
    const cleared = await adv.patch(`/api/v1/tasks/${teamTask.id}`, { assigneeId: null, team: null });
    expect(cleared.status).toBe(422);
    expect(cleared.body.errors[0]).toMatchObject({ path: 'assigneeId', code: 'assignee_or_team' });
    const unknown = await adv.patch(`/api/v1/tasks/${teamTask.id}`, { assigneeId: uuidv7() });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0]).toMatchObject({ path: 'assigneeId', code: 'unknown_user' });
    const back = await adv.patch(`/api/v1/tasks/${teamTask.id}`, { assigneeId: null });
    expect(back.body).toMatchObject({ assigneeId: null, assigneeName: null, team: 'logistics' });
  });

  it('completes an open task once: a second time is a 409, as is changing or cancelling it', async () => {
    const done = await adv.post(`/api/v1/tasks/${mine.id}/complete`);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'done', overdue: false, completedAt: expect.any(String) });
    const again = await adv.post(`/api/v1/tasks/${mine.id}/complete`);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('invalid_transition');
    expect((await adv.post(`/api/v1/tasks/${mine.id}/cancel`)).status).toBe(409);
    expect((await adv.patch(`/api/v1/tasks/${mine.id}`, { title: 'Autre' })).status).toBe(409);
    expect(ids(await adv.get('/api/v1/tasks?assignee=me&status=open'))).toEqual([]);
    expect(ids(await adv.get('/api/v1/tasks?assignee=me&status=done'))).toEqual([mine.id]);
    expect((await adv.post(`/api/v1/tasks/${uuidv7()}/complete`)).status).toBe(404);
  });

  it('cancels an open task', async () => {
    const r = await sales.post(`/api/v1/tasks/${salesTask.id}/cancel`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'cancelled', completedAt: null });
    expect((await sales.post(`/api/v1/tasks/${salesTask.id}/complete`)).status).toBe(409);
  });

  it('replays a creation retried with the same Idempotency-Key', async () => {
    const body = { title: 'Préparer le relevé', team: 'accounting' };
    const r1 = await adv.post('/api/v1/tasks', body, { 'idempotency-key': 'task-1' });
    const r2 = await adv.post('/api/v1/tasks', body, { 'idempotency-key': 'task-1' });
    expect(r1.status).toBe(201);
    expect(r2.status).toBe(201);
    expect(r2.body.id).toBe(r1.body.id);
    expect(ids(await adv.get('/api/v1/tasks?team=accounting'))).toEqual([r1.body.id]);
    const changed = await adv.post('/api/v1/tasks', { ...body, title: 'Autre' }, { 'idempotency-key': 'task-1' });
    expect(changed.status).toBe(409);
    expect(changed.body.code).toBe('idempotency_conflict');
  });

  it('keeps each company to its own tasks', async () => {
    expect((await outsider.get(`/api/v1/tasks/${teamTask.id}`)).status).toBe(404);
    expect((await outsider.post(`/api/v1/tasks/${teamTask.id}/complete`)).status).toBe(404);
    expect((await outsider.post(`/api/v1/tasks/${teamTask.id}/cancel`)).status).toBe(404);
    expect((await outsider.patch(`/api/v1/tasks/${teamTask.id}`, { title: 'Pris' })).status).toBe(404);
    expect((await outsider.get('/api/v1/tasks')).body.data).toEqual([]);
    expect((await outsider.get('/api/v1/tasks?team=logistics')).body.data).toEqual([]);
    expect((await adv.get(`/api/v1/tasks/${teamTask.id}`)).body.status).toBe('open');
  });

  it('lets another module raise a task in its transaction, once per dedupe key', async () => {
    const line = { type: 'order', id: uuidv7() };
    const input = {
      kind: 'replenishment',
      title: 'Réapprovisionner FX1040',
      team: 'purchasing',
      related: line,
      payload: { sku: 'FX1040', quantity: '12' },
      dedupeKey: `replenishment:${line.id}`,
    };
    const first = await t.run.run(ctx, (tx) => raiseTask(tx, ctx, input));
    const second = await t.run.run(ctx, (tx) => t.services.tasks.raise(tx, ctx, { ...input, title: 'Doublon' }));
    expect(first.created).toBe(true);
    expect(second).toEqual({ id: first.id, created: false });
    const listed = await adv.get(`/api/v1/tasks?relatedType=order&relatedId=${line.id}`);
    expect(listed.body.data).toEqual([
      expect.objectContaining({
        id: first.id,
        kind: 'replenishment',
        title: 'Réapprovisionner FX1040',
        payload: { sku: 'FX1040', quantity: '12' },
      }),
    ]);
    // parallel raisers of the same fact end up with one task
    const key = `replenishment:${uuidv7()}`;
    const raced = await Promise.all(
      Array.from({ length: 5 }, () => t.run.run(ctx, (tx) => raiseTask(tx, ctx, { ...input, dedupeKey: key }))),
    );
    expect(new Set(raced.map((r) => r.id)).size).toBe(1);
    expect(raced.filter((r) => r.created)).toHaveLength(1);
    // the same key in another company is another fact
    const otherCtx = { ...ctx, companyId: other.companyId, userId: other.users.adv_assistant!.id };
    const elsewhere = await t.run.run(otherCtx, (tx) => raiseTask(tx, otherCtx, input));
    expect(elsewhere.created).toBe(true);
    // and a task raised without a key is always new
    const a = await t.run.run(ctx, (tx) => raiseTask(tx, ctx, { ...input, dedupeKey: null }));
    const b = await t.run.run(ctx, (tx) => raiseTask(tx, ctx, { ...input, dedupeKey: null }));
    expect(a.created && b.created && a.id !== b.id).toBe(true);
  });

  it('records tasks in the audit trail', async () => {
    const r = await adv.get(`/api/v1/audit?entityType=task&entityId=${mine.id}`);
    expect(r.status).toBe(200);
    expect(r.body.data.length).toBeGreaterThanOrEqual(2);
  });
});
