import { z } from 'zod';
import { importKinds } from './imports.columns';

/**
 * The HTTP contract of imports and exports (documented in OpenAPI). TODO(imports): move to src/shared/api/imports.ts
 * when the web client starts importing shared types (src/web/features/imports/types.ts mirrors it meanwhile).
 */
export const importKindSchema = z.enum(importKinds);
export const commitModes = ['all_or_nothing', 'valid_only'] as const;
export const commitBody = z.object({ mode: z.enum(commitModes) });
export const uploadQuery = z.object({ kind: importKindSchema.optional() });

const columnInfo = z.object({
  index: z.number().int(),
  header: z.string(),
  field: z.string().nullable(),
  status: z.enum(['mapped', 'unknown', 'duplicate', 'export_only']),
  message: z.string().optional(),
});
const rowError = z.object({ row: z.number().int(), column: z.string(), code: z.string(), message: z.string() });
const previewRow = z.object({
  row: z.number().int(),
  action: z.enum(['create', 'update']).nullable(),
  valid: z.boolean(),
  values: z.record(z.string(), z.unknown()),
});

export const importSummarySchema = z.object({
  id: z.string().uuid(),
  kind: importKindSchema,
  filename: z.string(),
  format: z.enum(['csv', 'xlsx']),
  status: z.enum(['previewed', 'committing', 'done', 'failed']),
  mode: z.enum(commitModes).nullable(),
  totalRows: z.number().int(),
  validRows: z.number().int(),
  errorCount: z.number().int(),
  toCreate: z.number().int(),
  toUpdate: z.number().int(),
  processedRows: z.number().int().describe('rows written so far, out of validRows'),
  result: z
    .object({
      created: z.number().int(),
      updated: z.number().int(),
      unchanged: z.number().int(),
      skipped: z.number().int(),
    })
    .nullable(),
  failure: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  committedAt: z.string().nullable(),
});

export const importDetailSchema = importSummarySchema.extend({
  columns: z.array(columnInfo),
  errors: z.array(rowError).describe('the first 500 errors; errorCount counts them all'),
  preview: z.array(previewRow).describe('the first 20 rows of the file, normalized'),
});

export const importPreviewSchema = importDetailSchema.pick({
  id: true,
  kind: true,
  filename: true,
  format: true,
  status: true,
  totalRows: true,
  validRows: true,
  errorCount: true,
  toCreate: true,
  toUpdate: true,
  columns: true,
  errors: true,
  preview: true,
});
