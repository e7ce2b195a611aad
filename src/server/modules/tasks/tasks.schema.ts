import { index, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { day, ts } from '@server/platform/db/columns';

/** Work handed between sales, ADV, logistics, purchasing, production and accounting. */
export const tasks = pgTable(
  'tasks',
  {
    companyId: uuid('company_id').notNull(),
    id: uuid('id').notNull(),
    /** manual | replenishment | … (what raised it) */
    kind: text('kind').notNull().default('manual'),
    title: text('title').notNull(),
    description: text('description'),
    assigneeId: uuid('assignee_id'),
    /** adv | sales | logistics | purchasing | production | accounting */
    team: text('team'),
    dueDate: day('due_date'),
    relatedType: text('related_type'),
    relatedId: uuid('related_id'),
    payload: jsonb('payload'),
    /** open | done | cancelled */
    status: text('status').notNull().default('open'),
    /** One task per business fact (e.g. one replenishment signal per order line). */
    dedupeKey: text('dedupe_key'),
    createdBy: uuid('created_by'),
    completedBy: uuid('completed_by'),
    completedAt: ts('completed_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    uniqueIndex('tasks_dedupe_uq').on(t.companyId, t.dedupeKey),
    index('tasks_assignee_idx').on(t.companyId, t.assigneeId, t.status),
    index('tasks_team_idx').on(t.companyId, t.team, t.status),
    index('tasks_related_idx').on(t.companyId, t.relatedType, t.relatedId),
  ],
);
