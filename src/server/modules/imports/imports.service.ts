import { createHash } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import type { Db, Queryable } from '@server/platform/db/connection';
import type { Ctx, Runner } from '@server/platform/db/runner';
import { can, type Permission } from '@server/platform/auth/permissions';
import { DomainError, forbidden, notFound } from '@server/platform/errors';
import { enqueue, type JobHandler } from '@server/platform/outbox/outbox';
import type { ImportKind } from './imports.columns';
import { exportWorkbook } from './imports.export';
import { parseFile } from './imports.parse';
import * as repo from './imports.repo';
import {
  analyse,
  previewValues,
  renderColumns,
  renderErrors,
  type ColumnInfo,
  type StoredError,
  type StoredRow,
} from './imports.rows';

export const COMMIT_TOPIC = 'import.commit';
/** Rows per INSERT … ON CONFLICT statement (and per transaction in valid_only mode). */
export const CHUNK_SIZE = 500;
const MAX_ERRORS = 500;
const PREVIEW_ROWS = 20;
/**
 * Lets pending I/O (the UI polling GET /imports/{id}) run between chunks: PGlite runs queries synchronously in
 * WebAssembly, so a loop of awaited queries would otherwise never leave the microtask queue.
 */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

export type CommitMode = 'all_or_nothing' | 'valid_only';
export type ImportStatus = 'previewed' | 'committing' | 'done' | 'failed';

const writePermission: Record<ImportKind, Permission> = {
  customers: 'customers:write',
  products: 'products:write',
  customer_prices: 'customers:write',
};
export const readPermission: Record<ImportKind, Permission> = {
  customers: 'customers:read',
  products: 'products:read',
  customer_prices: 'customers:read',
};

/** What `result` holds: the plan made at preview, then the outcome of the commit. */
type ResultDoc = {
  toCreate: number;
  toUpdate: number;
  outcome: { created: number; updated: number; unchanged: number; skipped: number } | null;
  failure: string | null;
};

function summaryDto(b: repo.BatchSummary) {
  const result = (b.result ?? { toCreate: 0, toUpdate: 0, outcome: null, failure: null }) as ResultDoc;
  return {
    id: b.id,
    kind: b.kind as ImportKind,
    filename: b.filename,
    format: b.format as 'csv' | 'xlsx',
    status: b.status as ImportStatus,
    mode: (b.mode ?? null) as CommitMode | null,
    totalRows: b.totalRows,
    validRows: b.validRows,
    errorCount: b.errorCount,
    toCreate: result.toCreate,
    toUpdate: result.toUpdate,
    processedRows: b.processedRows,
    result: result.outcome,
    failure: result.failure,
    createdBy: b.createdBy,
    createdAt: b.createdAt.toISOString(),
    committedAt: b.committedAt ? b.committedAt.toISOString() : null,
  };
}

const previewDto = (kind: ImportKind, head: unknown[]) =>
  (head as StoredRow[]).map((r) => ({ row: r.r, action: r.a, valid: r.a !== null, values: previewValues(kind, r) }));

/**
 * Bulk import (CSV/XLSX → preview → commit as an outbox job) and export (XLSX) of customers, products and
 * customer prices.
 *
 * Transactions of a commit: `all_or_nothing` writes every row in ONE transaction — all rows or none, the audit
 * trail included; its progress is written from outside that transaction (visible on PostgreSQL; on PGlite, whose
 * single connection is held by the transaction, the progress jumps from 0 to the total). `valid_only` writes one
 * transaction per chunk of 500 rows, the chunk and the batch's processed_rows/result together, so a crash resumes
 * after the last committed chunk.
 */
export function createImportService({ run, dbKind }: { run: Runner; dbKind: 'pglite' | 'postgresql' }) {
  const assertCan = (ctx: Ctx, p: Permission) => {
    if (!can(ctx.roles, p)) throw forbidden();
  };

  async function load(ctx: Ctx, id: string) {
    const b = await run.read((db) => repo.findSummary(db, ctx.companyId, id));
    if (!b) throw notFound();
    assertCan(ctx, readPermission[b.kind as ImportKind]);
    return b;
  }

  async function detail(ctx: Ctx, b: repo.BatchSummary) {
    const head = await run.read((db) => repo.firstRows(db, ctx.companyId, b.id, PREVIEW_ROWS));
    return {
      ...summaryDto(b),
      columns: renderColumns(b.columns as ColumnInfo[], ctx.lang),
      errors: renderErrors(b.kind as ImportKind, b.errors as StoredError[], ctx.lang),
      preview: previewDto(b.kind as ImportKind, head),
    };
  }

  async function writeChunk(q: Queryable, companyId: string, kind: ImportKind, fields: string[], chunk: StoredRow[]) {
    const data = chunk.map((r) => r.d!);
    if (kind === 'products')
      return repo.upsertProducts(
        q,
        companyId,
        data.map((d) => ({ ...d, id: uuidv7() }) as never),
        fields,
      );
    if (kind === 'customers')
      return repo.upsertCustomers(
        q,
        companyId,
        data.map((d) => ({ ...d, id: uuidv7(), shipToId: uuidv7() }) as never),
        fields,
      );
    return repo.upsertCustomerPrices(
      q,
      companyId,
      data.map((d) => ({ ...d, id: uuidv7() }) as never),
      fields,
    );
  }

  /** The outbox handler of `import.commit`: writes the batch's valid rows in chunks, with the batch's author as actor. */
  const commitJob: JobHandler = async (job, db: Db) => {
    const companyId = job.companyId;
    const id = String(job.payload.batchId);
    const b = await repo.findSummary(db, companyId, id);
    if (!b || b.status !== 'committing') return; // already done (a replayed job) or gone
    const kind = b.kind as ImportKind;
    const fields = (b.columns as ColumnInfo[]).filter((c) => c.status === 'mapped').map((c) => c.field!);
    const ctx: Ctx = {
      companyId,
      userId: b.createdBy,
      roles: [],
      requestId: `import:${id}`,
      lang: 'fr',
    };
    const prior = (b.result ?? {}) as ResultDoc;
    const valid = ((await repo.allRows(db, companyId, id)) as StoredRow[]).filter((r) => r.a !== null && r.d);
    const skipped = b.totalRows - valid.length;
    const fail = async (err: unknown) => {
      const reason = err instanceof Error ? err.message : String(err);
      await repo.updateBatch(db, companyId, id, {
        status: 'failed',
        // all_or_nothing wrote nothing: its progress (written from outside the transaction) goes back to 0
        ...(b.mode === 'all_or_nothing' ? { processedRows: 0 } : {}),
        result: { ...prior, failure: reason.slice(0, 500) } satisfies ResultDoc,
      });
    };

    try {
      if (b.mode === 'all_or_nothing') {
        const total = { created: 0, updated: 0, unchanged: 0 };
        await run.run(ctx, async (tx) => {
          for (let i = 0; i < valid.length; i += CHUNK_SIZE) {
            const n = await writeChunk(tx, companyId, kind, fields, valid.slice(i, i + CHUNK_SIZE));
            total.created += n.created;
            total.updated += n.updated;
            total.unchanged += n.unchanged;
            // Progress from outside the transaction: another connection on PostgreSQL; PGlite has only this one.
            if (dbKind === 'postgresql')
              await repo.updateBatch(db, companyId, id, { processedRows: Math.min(valid.length, i + CHUNK_SIZE) });
            await breathe();
          }
          await repo.updateBatch(tx, companyId, id, {
            status: 'done',
            processedRows: valid.length,
            committedAt: new Date(),
            result: { ...prior, outcome: { ...total, skipped: 0 }, failure: null } satisfies ResultDoc,
          });
        });
      } else {
        // valid_only: resume after the chunks a previous attempt committed
        const outcome = prior.outcome ?? { created: 0, updated: 0, unchanged: 0, skipped };
        for (let i = b.processedRows; i < valid.length; i += CHUNK_SIZE) {
          await run.run(ctx, async (tx) => {
            const n = await writeChunk(tx, companyId, kind, fields, valid.slice(i, i + CHUNK_SIZE));
            outcome.created += n.created;
            outcome.updated += n.updated;
            outcome.unchanged += n.unchanged;
            await repo.updateBatch(tx, companyId, id, {
              processedRows: Math.min(valid.length, i + CHUNK_SIZE),
              result: { ...prior, outcome: { ...outcome }, failure: null } satisfies ResultDoc,
            });
          });
          await breathe();
        }
        await repo.updateBatch(db, companyId, id, {
          status: 'done',
          processedRows: valid.length,
          committedAt: new Date(),
          result: { ...prior, outcome: { ...outcome }, failure: null } satisfies ResultDoc,
        });
      }
    } catch (err) {
      // Data errors (SQLSTATE classes 22 and 23) will fail again: stop now. Others (connection…) are retried a few times.
      const code =
        (err as { code?: unknown; cause?: { code?: unknown } }).code ??
        (err as { cause?: { code?: unknown } }).cause?.code;
      // The batch is marked failed, then the error goes to the outbox, which logs it (a later attempt finds the
      // batch no longer `committing` and stops).
      if ((typeof code === 'string' && /^2[23]/.test(code)) || job.attempts >= 5) await fail(err);
      throw err;
    }
  };

  return {
    commitJob,

    /** Reads, validates and stores a file; writes nothing to the business tables. */
    async preview(ctx: Ctx, input: { kind: ImportKind; filename: string; data: Buffer }) {
      assertCan(ctx, writePermission[input.kind]);
      const file = await parseFile(input.filename, input.data);
      const a = await run.read((db) => analyse(db, ctx.companyId, input.kind, file, MAX_ERRORS));
      const id = uuidv7();
      const result: ResultDoc = { toCreate: a.toCreate, toUpdate: a.toUpdate, outcome: null, failure: null };
      await run.run(ctx, (tx) =>
        repo.insertBatch(tx, {
          companyId: ctx.companyId,
          id,
          kind: input.kind,
          filename: input.filename.slice(0, 255),
          format: file.format,
          sha256: createHash('sha256').update(input.data).digest('hex'),
          status: 'previewed',
          totalRows: file.rows.length,
          validRows: a.validRows,
          errorCount: a.errorCount,
          columns: a.columns,
          errors: a.errors,
          rows: a.rows,
          result,
          createdBy: ctx.userId,
        }),
      );
      return {
        id,
        kind: input.kind,
        filename: input.filename,
        format: file.format,
        status: 'previewed' as const,
        totalRows: file.rows.length,
        validRows: a.validRows,
        errorCount: a.errorCount,
        toCreate: a.toCreate,
        toUpdate: a.toUpdate,
        columns: renderColumns(a.columns, ctx.lang),
        errors: renderErrors(input.kind, a.errors, ctx.lang),
        preview: previewDto(input.kind, a.rows.slice(0, PREVIEW_ROWS)),
      };
    },

    /** Starts the commit: checks, marks the batch `committing` and enqueues the job, in one transaction. */
    async commit(ctx: Ctx, id: string, mode: CommitMode) {
      return run.run(ctx, async (tx) => {
        const b = await repo.findSummary(tx, ctx.companyId, id, { forUpdate: true });
        if (!b) throw notFound();
        assertCan(ctx, writePermission[b.kind as ImportKind]);
        if (b.status !== 'previewed') throw new DomainError('import_not_committable', 409, [], { status: b.status });
        if (mode === 'all_or_nothing' && b.errorCount > 0) throw new DomainError('import_has_errors', 409);
        if (b.validRows === 0) throw new DomainError('import_no_valid_rows', 409);
        await repo.updateBatch(tx, ctx.companyId, id, { status: 'committing', mode, processedRows: 0 });
        await enqueue(tx, ctx.companyId, { topic: COMMIT_TOPIC, payload: { batchId: id }, dedupeKey: `import:${id}` });
        return { id, status: 'committing' as const };
      });
    },

    async get(ctx: Ctx, id: string) {
      return detail(ctx, await load(ctx, id));
    },

    async list(ctx: Ctx, query: { limit: number; cursor?: string | undefined }) {
      const page = await run.read((db) => repo.listBatches(db, ctx.companyId, query.limit, query.cursor));
      return {
        data: page.rows
          .filter((r) => can(ctx.roles, readPermission[r.row.kind as ImportKind]))
          .map((r) => summaryDto(r.row)),
        nextCursor: page.nextCursor,
      };
    },

    /** The XLSX of a kind, with the import's columns (headers in the request's language). */
    async export(ctx: Ctx, kind: ImportKind): Promise<Buffer> {
      assertCan(ctx, readPermission[kind]);
      return run.read((db) => exportWorkbook(db, ctx.companyId, kind, ctx.lang));
    },
  };
}
export type ImportService = ReturnType<typeof createImportService>;
