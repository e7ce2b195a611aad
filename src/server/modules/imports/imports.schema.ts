import { index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { ts } from '@server/platform/db/columns';

/** An uploaded CSV/Excel file: its preview (rows, per-row errors), then its commit with progress. */
export const importBatches = pgTable(
  'import_batches',
  {
    companyId: uuid('company_id').notNull(),
    id: uuid('id').notNull(),
    kind: text('kind').notNull(),
    filename: text('filename').notNull(),
    format: text('format').notNull(),
    sha256: text('sha256').notNull(),
    status: text('status').notNull().default('previewed'),
    mode: text('mode'),
    totalRows: integer('total_rows').notNull().default(0),
    validRows: integer('valid_rows').notNull().default(0),
    errorCount: integer('error_count').notNull().default(0),
    processedRows: integer('processed_rows').notNull().default(0),
    columns: jsonb('columns').notNull().default([]),
    errors: jsonb('errors').notNull().default([]),
    rows: jsonb('rows').notNull().default([]),
    result: jsonb('result'),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
    committedAt: ts('committed_at'),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    index('import_batches_created_idx').on(t.companyId, t.createdAt),
  ],
);
