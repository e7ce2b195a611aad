import { and, eq, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Db, Tx } from '../db/connection';
import { rows } from '../db/connection';
import { outbox } from '../platform.schema';

export type OutboxMessage = {
  topic: string;
  payload: Record<string, unknown>;
  /** Same key twice for a company = one message (the second enqueue is ignored). */
  dedupeKey?: string;
  /** Scheduled work: not before this instant. */
  runAt?: Date;
};

/** Appends side effects to the outbox inside the business transaction. */
export async function enqueue(tx: Tx, companyId: string, msg: OutboxMessage): Promise<string> {
  const id = uuidv7();
  await tx
    .insert(outbox)
    .values({
      companyId,
      id,
      topic: msg.topic,
      payload: msg.payload,
      dedupeKey: msg.dedupeKey ?? null,
      runAt: msg.runAt ?? new Date(),
    })
    .onConflictDoNothing();
  return id;
}

export type JobHandler = (
  job: { companyId: string; id: string; topic: string; payload: Record<string, unknown>; attempts: number },
  db: Db,
) => Promise<void>;

type ClaimedRow = { company_id: string; id: string; topic: string; payload: Record<string, unknown>; attempts: number };

/** Backoff after a failure: 10 s, 40 s, 90 s … capped at one hour. */
export const retryDelayMs = (attempts: number) => Math.min(3_600_000, 10_000 * attempts * attempts);
export const MAX_ATTEMPTS = 10;

/**
 * The in-process worker: claims due rows with SKIP LOCKED (so any number of workers can run), runs their handler,
 * marks them done or schedules a retry. Rows survive restarts: a claimed row whose lock expired is claimed again.
 */
export function createOutboxWorker(
  db: Db,
  handlers: Record<string, JobHandler>,
  opts: { pollMs?: number; batch?: number; log?: (msg: string, err?: unknown) => void } = {},
) {
  const pollMs = opts.pollMs ?? 1000;
  const batch = opts.batch ?? 20;
  const log = opts.log ?? (() => {});
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let again = false;
  let stopped = true;

  const claim = async (): Promise<ClaimedRow[]> =>
    rows<ClaimedRow>(
      db,
      sql`update outbox set status = 'processing', locked_until = now() + interval '5 minutes', attempts = attempts + 1
          where (company_id, id) in (
            select company_id, id from outbox
            where (status = 'pending' and run_at <= now()) or (status = 'processing' and locked_until < now())
            order by run_at limit ${batch} for update skip locked)
          returning company_id, id, topic, payload, attempts`,
    );

  const processOnce = async (): Promise<number> => {
    const jobs = await claim();
    for (const job of jobs) {
      const handler = handlers[job.topic];
      try {
        if (!handler) throw new Error(`no handler for topic ${job.topic}`);
        await handler(
          { companyId: job.company_id, id: job.id, topic: job.topic, payload: job.payload, attempts: job.attempts },
          db,
        );
        await db
          .update(outbox)
          .set({ status: 'done', processedAt: new Date(), lockedUntil: null, lastError: null })
          .where(and(eq(outbox.companyId, job.company_id), eq(outbox.id, job.id)));
      } catch (err) {
        log(`outbox job ${job.topic} ${job.id} failed (attempt ${job.attempts})`, err);
        const dead = job.attempts >= MAX_ATTEMPTS;
        await db
          .update(outbox)
          .set({
            status: dead ? 'dead' : 'pending',
            lockedUntil: null,
            lastError: String(err instanceof Error ? err.message : err).slice(0, 2000),
            runAt: new Date(Date.now() + retryDelayMs(job.attempts)),
          })
          .where(and(eq(outbox.companyId, job.company_id), eq(outbox.id, job.id)));
      }
    }
    return jobs.length;
  };

  const tick = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        while ((await processOnce()) === batch && !stopped);
      } while (again && !stopped);
    } catch (err) {
      log('outbox worker tick failed', err);
    } finally {
      running = false;
    }
  };

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(async () => {
      await tick();
      schedule();
    }, pollMs);
  };

  return {
    start() {
      stopped = false;
      schedule();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      while (running) await new Promise((r) => setTimeout(r, 10));
    },
    /** Called after a commit that enqueued work: process now rather than at the next poll. */
    nudge() {
      if (!stopped) setImmediate(() => void tick());
    },
    /** Runs every due job now (tests and CLI). */
    drain: async () => {
      let n = 0;
      for (let got = await processOnce(); got > 0; got = await processOnce()) n += got;
      return n;
    },
  };
}
export type OutboxWorker = ReturnType<typeof createOutboxWorker>;
