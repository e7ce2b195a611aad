import { and, eq, sql, type SQL } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Queryable, Tx } from '@server/platform/db/connection';
import type { Ctx, Idempotency, Runner } from '@server/platform/db/runner';
import { DomainError, notFound } from '@server/platform/errors';
import { afterCursor, orderBy, toPage, type Sort } from '@server/platform/http/pagination';
import { companyUsers, users } from '@server/platform/platform.schema';
import { todayIso } from '@server/modules/pricing';
import type { Task, TaskInput } from '@shared/api/tasks';
import { tasks } from './tasks.schema';

type TaskRow = typeof tasks.$inferSelect;
export type TaskStatus = Task['status'];

/** What another module gives to raise a task in its own transaction. */
export type RaiseTaskInput = {
  kind: string;
  title: string;
  description?: string | null;
  assigneeId?: string | null;
  team?: string | null;
  dueDate?: string | null;
  related?: { type: string; id: string } | null;
  payload?: unknown;
  dedupeKey?: string | null;
};

/** PATCH /tasks/{id}: only the fields given change; `null` clears a field. */
export type TaskPatch = {
  title?: string | undefined;
  description?: string | null | undefined;
  assigneeId?: string | null | undefined;
  team?: string | null | undefined;
  dueDate?: string | null | undefined;
};

export type TaskListFilter = {
  limit: number;
  cursor?: string | undefined;
  /** `me` or a user id */
  assignee?: string | undefined;
  team?: string | undefined;
  status?: TaskStatus | undefined;
  relatedType?: string | undefined;
  relatedId?: string | undefined;
};

const NO_DUE_DATE = '9999-12-31';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Open tasks first by due date (none last), then in creation order: what is due comes up first. */
const listSort: Sort = {
  field: 'dueDate',
  expr: sql`coalesce(${tasks.dueDate}, ${NO_DUE_DATE}::date)`,
  desc: false,
};

const invalidTransition = () =>
  new DomainError('invalid_transition', 409, [{ path: 'status', code: 'invalid_transition' }]);

function toDto(r: TaskRow, assigneeName: string | null, today = todayIso()): Task {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    description: r.description,
    assigneeId: r.assigneeId,
    assigneeName: r.assigneeId ? assigneeName : null,
    team: r.team,
    dueDate: r.dueDate,
    related: r.relatedType && r.relatedId ? { type: r.relatedType, id: r.relatedId } : null,
    payload: r.payload ?? null,
    status: r.status as TaskStatus,
    overdue: r.status === 'open' && !!r.dueDate && r.dueDate < today,
    createdAt: r.createdAt.toISOString(),
    completedAt: r.completedAt ? r.completedAt.toISOString() : null,
  };
}

/** 422 naming `assigneeId` unless the user belongs to the company. */
async function assertAssignee(q: Queryable, companyId: string, assigneeId: string | null | undefined) {
  if (!assigneeId) return;
  const [member] = await q
    .select({ id: companyUsers.userId })
    .from(companyUsers)
    .where(and(eq(companyUsers.companyId, companyId), eq(companyUsers.userId, assigneeId)));
  if (!member) throw new DomainError('validation_failed', 422, [{ path: 'assigneeId', code: 'unknown_user' }]);
}

const selectWithName = (q: Queryable) =>
  q.select({ t: tasks, name: users.name }).from(tasks).leftJoin(users, eq(users.id, tasks.assigneeId));

async function load(q: Queryable, companyId: string, id: string): Promise<Task> {
  const [found] = await selectWithName(q).where(and(eq(tasks.companyId, companyId), eq(tasks.id, id)));
  if (!found) throw notFound();
  return toDto(found.t, found.name);
}

/**
 * Raises a task inside the caller's transaction (order confirmation, replenishment signal, …). With a `dedupeKey`,
 * one task per key and company: a second call returns the existing task with `created: false`.
 */
export async function raiseTask(tx: Tx, ctx: Ctx, input: RaiseTaskInput): Promise<{ id: string; created: boolean }> {
  if (!input.assigneeId && !input.team)
    throw new DomainError('validation_failed', 422, [{ path: 'assigneeId', code: 'assignee_or_team' }]);
  await assertAssignee(tx, ctx.companyId, input.assigneeId);
  const id = uuidv7();
  const inserted = await tx
    .insert(tasks)
    .values({
      companyId: ctx.companyId,
      id,
      kind: input.kind,
      title: input.title,
      description: input.description ?? null,
      assigneeId: input.assigneeId ?? null,
      team: input.team ?? null,
      dueDate: input.dueDate ?? null,
      relatedType: input.related?.type ?? null,
      relatedId: input.related?.id ?? null,
      payload: input.payload ?? null,
      dedupeKey: input.dedupeKey ?? null,
      createdBy: ctx.userId,
    })
    .onConflictDoNothing({ target: [tasks.companyId, tasks.dedupeKey] })
    .returning({ id: tasks.id });
  if (inserted.length) return { id, created: true };
  // Only a dedupe key can conflict (the id is new): the task raised earlier for the same fact.
  const [existing] = await tx
    .select({ id: tasks.id })
    .from(tasks)
    .where(and(eq(tasks.companyId, ctx.companyId), eq(tasks.dedupeKey, input.dedupeKey!)));
  return { id: existing!.id, created: false };
}

/** Work handed between teams: manual tasks and those raised by other modules, assigned to a person or a team. */
export function createTaskService({ run }: { run: Runner }) {
  /** Moves an open task to done (who and when kept) or cancelled (the audit trail says who); 409 when it is no longer open, 404 when not this company's. */
  const close = (ctx: Ctx, id: string, status: 'done' | 'cancelled') =>
    run.run(ctx, async (tx) => {
      const now = new Date();
      const [updated] = await tx
        .update(tasks)
        .set(
          status === 'done'
            ? { status, completedBy: ctx.userId, completedAt: now, updatedAt: now }
            : { status, updatedAt: now },
        )
        .where(and(eq(tasks.companyId, ctx.companyId), eq(tasks.id, id), eq(tasks.status, 'open')))
        .returning({ id: tasks.id });
      if (!updated) {
        await load(tx, ctx.companyId, id); // 404 when it does not exist here
        throw invalidTransition();
      }
      return load(tx, ctx.companyId, id);
    });

  return {
    async create(ctx: Ctx, input: TaskInput, idem: Idempotency | null) {
      return run.runIdempotent(ctx, idem, 201, async (tx) => {
        const { id } = await raiseTask(tx, ctx, {
          kind: 'manual',
          title: input.title,
          description: input.description ?? null,
          assigneeId: input.assigneeId ?? null,
          team: input.team ?? null,
          dueDate: input.dueDate ?? null,
          related: input.related ?? null,
        });
        return load(tx, ctx.companyId, id);
      });
    },

    get: (ctx: Ctx, id: string) => run.read((db) => load(db, ctx.companyId, id)),

    async list(ctx: Ctx, f: TaskListFilter): Promise<{ data: Task[]; nextCursor: string | null }> {
      let assignee: SQL | undefined;
      if (f.assignee === 'me') assignee = ctx.userId ? eq(tasks.assigneeId, ctx.userId) : sql`false`;
      else if (f.assignee) {
        if (!UUID.test(f.assignee))
          throw new DomainError('validation_failed', 422, [{ path: 'assignee', code: 'invalid_uuid' }]);
        assignee = eq(tasks.assigneeId, f.assignee);
      }
      return run.read(async (db) => {
        const found = await selectWithName(db)
          .where(
            and(
              eq(tasks.companyId, ctx.companyId),
              assignee,
              f.team ? eq(tasks.team, f.team) : undefined,
              f.status ? eq(tasks.status, f.status) : undefined,
              f.relatedType ? eq(tasks.relatedType, f.relatedType) : undefined,
              f.relatedId ? eq(tasks.relatedId, f.relatedId) : undefined,
              afterCursor(listSort, tasks.id, f.cursor),
            ),
          )
          .orderBy(...orderBy(listSort, tasks.id))
          .limit(f.limit + 1);
        const today = todayIso();
        const page = toPage(
          found.map((r) => ({ ...r, id: r.t.id })),
          f.limit,
          (r) => r.t.dueDate ?? NO_DUE_DATE,
        );
        return { data: page.rows.map((r) => toDto(r.t, r.name, today)), nextCursor: page.nextCursor };
      });
    },

    /** Changes an open task; at least an assignee or a team must remain. */
    async update(ctx: Ctx, id: string, patch: TaskPatch) {
      return run.run(ctx, async (tx) => {
        const [cur] = await tx
          .select()
          .from(tasks)
          .where(and(eq(tasks.companyId, ctx.companyId), eq(tasks.id, id)))
          .for('update');
        if (!cur) throw notFound();
        if (cur.status !== 'open') throw invalidTransition();
        const set: Partial<typeof tasks.$inferInsert> = {};
        if (patch.title !== undefined) set.title = patch.title;
        if (patch.description !== undefined) set.description = patch.description;
        if (patch.assigneeId !== undefined) set.assigneeId = patch.assigneeId;
        if (patch.team !== undefined) set.team = patch.team;
        if (patch.dueDate !== undefined) set.dueDate = patch.dueDate;
        const assigneeId = set.assigneeId !== undefined ? set.assigneeId : cur.assigneeId;
        const team = set.team !== undefined ? set.team : cur.team;
        if (!assigneeId && !team)
          throw new DomainError('validation_failed', 422, [{ path: 'assigneeId', code: 'assignee_or_team' }]);
        if (set.assigneeId) await assertAssignee(tx, ctx.companyId, set.assigneeId);
        if (Object.keys(set).length)
          await tx
            .update(tasks)
            .set({ ...set, updatedAt: new Date() })
            .where(and(eq(tasks.companyId, ctx.companyId), eq(tasks.id, id)));
        return load(tx, ctx.companyId, id);
      });
    },

    complete: (ctx: Ctx, id: string) => close(ctx, id, 'done'),
    cancel: (ctx: Ctx, id: string) => close(ctx, id, 'cancelled'),

    /** {@link raiseTask}, for callers holding the service. */
    raise: raiseTask,
  };
}
export type TaskService = ReturnType<typeof createTaskService>;
