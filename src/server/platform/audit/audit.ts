import { and, desc, eq, lt, or, sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema } from '@shared/api/common';
import type { Queryable } from '../db/connection';
import type { Ctx, Runner } from '../db/runner';
import { ctxOf } from '../http/app';
import { auditLog, users } from '../platform.schema';

/**
 * The audit trail is written by one mechanism: the `relais_audit()` trigger on every audited table (see the
 * migration "audit_triggers"). It reads the actor and request id that the command runner sets in the transaction,
 * so routes, jobs and imports are audited alike. This module only reads it.
 */
const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const HIDDEN = new Set(['company_id', 'password_hash', 'token_hash']);

function camelKeys(o: unknown): Record<string, unknown> | null {
  if (!o || typeof o !== 'object') return null;
  return Object.fromEntries(
    Object.entries(o as Record<string, unknown>)
      .filter(([k]) => !HIDDEN.has(k))
      .map(([k, v]) => [camel(k), v]),
  );
}

export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  action: z.enum(['create', 'update', 'delete']),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })).nullable(),
  snapshot: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/**
 * jsonb keeps NUMERIC values exactly ("1000.00"), but JSON.parse would turn them into floats. Decimal numbers are
 * read back as strings (as everywhere on the wire); integers stay numbers.
 */
export function parseJsonKeepingDecimals(text: string | null): unknown {
  if (text === null) return null;
  return JSON.parse(
    text.replace(/("(?:[^"\\]|\\.)*")|(-?\d+\.\d+(?:[eE][+-]?\d+)?)/g, (m, str: string | undefined) =>
      str ? m : `"${m}"`,
    ),
  );
}

export async function readAudit(
  q: Queryable,
  companyId: string,
  entityType: string,
  entityId: string,
  limit = 50,
  before?: number,
): Promise<{ data: AuditEntry[]; nextCursor: string | null }> {
  const found = await q
    .select({
      a: auditLog,
      actorName: users.name,
      changesText: sql<string | null>`${auditLog.changes}::text`,
      snapshotText: sql<string | null>`${auditLog.snapshot}::text`,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(
      and(
        eq(auditLog.companyId, companyId),
        or(
          and(eq(auditLog.entityType, entityType), eq(auditLog.entityId, entityId)),
          and(eq(auditLog.parentType, entityType), eq(auditLog.parentId, entityId)),
        ),
        before ? lt(auditLog.id, before) : sql`true`,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(limit + 1);
  const more = found.length > limit;
  const page = found.slice(0, limit);
  return {
    data: page.map(({ a, actorName, changesText, snapshotText }) => ({
      id: String(a.id),
      at: a.at.toISOString(),
      entityType: a.entityType,
      entityId: a.entityId,
      action: a.action as AuditEntry['action'],
      actorId: a.actorId,
      actorName: actorName ?? null,
      changes: camelKeys(parseJsonKeepingDecimals(changesText)) as AuditEntry['changes'],
      snapshot: camelKeys(parseJsonKeepingDecimals(snapshotText)),
    })),
    nextCursor: more ? String(page[page.length - 1]!.a.id) : null,
  };
}

export const auditRoutes =
  (run: Runner): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/audit',
      {
        config: { permission: 'audit:read' },
        schema: {
          tags: ['audit'],
          summary:
            'The history of one record (and of its sub-records, e.g. a customer’s ship-tos): who, when, what changed',
          querystring: z.object({
            entityType: z.string().min(1).max(60),
            entityId: z.string().uuid(),
            limit: z.coerce.number().int().min(1).max(500).default(50),
            cursor: z.string().regex(/^\d+$/).optional(),
          }),
          response: {
            200: z.object({ data: z.array(auditEntrySchema), nextCursor: z.string().nullable() }),
            401: problemSchema,
            403: problemSchema,
          },
        },
      },
      async (req) => {
        const ctx: Ctx = ctxOf(req);
        const q = req.query;
        return run.read((db) =>
          readAudit(db, ctx.companyId, q.entityType, q.entityId, q.limit, q.cursor ? Number(q.cursor) : undefined),
        );
      },
    );
  };
