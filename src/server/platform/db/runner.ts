import { sql } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import type { Lang } from '@shared/messages';
import type { Role } from '@shared/api/auth';
import { DomainError } from '../errors';
import { idempotencyKeys } from '../platform.schema';
import type { Db, Tx } from './connection';
import { and, eq } from 'drizzle-orm';

/** Who acts, for which company: taken from the request (or a job) and passed to every service call. */
export type Ctx = {
  companyId: string;
  userId: string | null;
  roles: readonly Role[];
  requestId: string;
  lang: Lang;
};

export type Idempotency = { key: string; method: string; path: string; body: unknown };

export type Runner = {
  /** One business command = one transaction: sets the audit actor, runs fn, commits; then wakes the workers. */
  run<T>(ctx: Ctx, fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** The same, for a creating command with an Idempotency-Key: replays the stored response for a repeated key. */
  runIdempotent<T>(
    ctx: Ctx,
    idem: Idempotency | null,
    status: number,
    fn: (tx: Tx) => Promise<T>,
  ): Promise<{ status: number; body: T; replayed: boolean }>;
  /** Read-only work, outside any command. */
  read<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  db: Db;
};

export function hashBody(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method} ${path}\n${stableJson(body)}`)
    .digest('hex');
}

function stableJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${stableJson(o[k])}`)
    .join(',')}}`;
}

export function createRunner(db: Db, afterCommit: () => void = () => {}): Runner {
  const begin = async (tx: Tx, ctx: Ctx) => {
    await tx.execute(
      sql`select set_config('relais.actor_id', ${ctx.userId ?? ''}, true), set_config('relais.request_id', ${ctx.requestId}, true)`,
    );
  };

  const run: Runner['run'] = async (ctx, fn) => {
    const out = await db.transaction(async (tx) => {
      await begin(tx, ctx);
      return fn(tx);
    });
    afterCommit();
    return out;
  };

  const runIdempotent: Runner['runIdempotent'] = async (ctx, idem, status, fn) => {
    if (!idem || !ctx.userId) return { status, body: await run(ctx, fn), replayed: false };
    const requestHash = hashBody(idem.method, idem.path, idem.body);
    const out = await db.transaction(async (tx) => {
      await begin(tx, ctx);
      // The insert waits on a concurrent holder of the same key, then conflicts: the first one wins.
      const claimed = await tx
        .insert(idempotencyKeys)
        .values({
          companyId: ctx.companyId,
          key: idem.key,
          userId: ctx.userId!,
          method: idem.method,
          path: idem.path,
          requestHash,
          statusCode: 0,
          response: {},
        })
        .onConflictDoNothing()
        .returning({ key: idempotencyKeys.key });
      if (claimed.length === 0) {
        const [prev] = await tx
          .select()
          .from(idempotencyKeys)
          .where(and(eq(idempotencyKeys.companyId, ctx.companyId), eq(idempotencyKeys.key, idem.key)));
        if (!prev || prev.requestHash !== requestHash) throw new DomainError('idempotency_conflict', 409);
        return { status: prev.statusCode, body: prev.response as never, replayed: true };
      }
      const body = await fn(tx);
      await tx
        .update(idempotencyKeys)
        .set({ statusCode: status, response: body as object })
        .where(and(eq(idempotencyKeys.companyId, ctx.companyId), eq(idempotencyKeys.key, idem.key)));
      return { status, body, replayed: false };
    });
    if (!out.replayed) afterCommit();
    return out;
  };

  return { run, runIdempotent, read: (fn) => fn(db), db };
}
