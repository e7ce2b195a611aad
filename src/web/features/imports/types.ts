/** The import/export API as the UI sees it (mirrors src/server/modules/imports/imports.api.ts). */
export const IMPORT_KINDS = ['customers', 'products', 'customer_prices'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export type CommitMode = 'all_or_nothing' | 'valid_only';
export type ImportStatus = 'previewed' | 'committing' | 'done' | 'failed';

export interface ImportColumn {
  index: number;
  header: string;
  field: string | null;
  status: 'mapped' | 'unknown' | 'duplicate' | 'export_only';
  message?: string;
}

export interface ImportRowError {
  row: number;
  column: string;
  code: string;
  message: string;
}

export interface ImportPreviewRow {
  row: number;
  action: 'create' | 'update' | null;
  valid: boolean;
  values: Record<string, unknown>;
}

export interface ImportSummary {
  id: string;
  kind: ImportKind;
  filename: string;
  format: 'csv' | 'xlsx';
  status: ImportStatus;
  mode: CommitMode | null;
  totalRows: number;
  validRows: number;
  errorCount: number;
  toCreate: number;
  toUpdate: number;
  processedRows: number;
  result: { created: number; updated: number; unchanged: number; skipped: number } | null;
  failure: string | null;
  createdBy: string | null;
  createdAt: string;
  committedAt: string | null;
}

export interface ImportDetail extends ImportSummary {
  columns: ImportColumn[];
  errors: ImportRowError[];
  preview: ImportPreviewRow[];
}

/** Which roles may import each kind (the server decides; this only hides what would be refused). */
export const IMPORT_ROLES: Record<ImportKind, readonly string[]> = {
  customers: ['admin', 'adv_manager', 'adv_assistant', 'sales', 'accounting'],
  products: ['admin', 'adv_manager', 'adv_assistant'],
  customer_prices: ['admin', 'adv_manager', 'adv_assistant', 'sales', 'accounting'],
};

export const EXPORT_PATHS: Record<ImportKind, string> = {
  customers: 'customers',
  products: 'products',
  customer_prices: 'customer-prices',
};
