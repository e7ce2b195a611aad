import { z } from 'zod';
import type { Queryable } from '@server/platform/db/connection';
import { zodFieldErrors } from '@server/platform/errors';
import { customerCreateSchema } from '@shared/api/customers';
import { customerPriceInput } from '@shared/api/pricing';
import { productCreateSchema } from '@shared/api/products';
import { toQuantityString } from '@shared/decimal';
import type { Lang } from '@shared/messages';
import { columnForHeader, columnsByKind, headerOf, type ImportKind } from './imports.columns';
import { rowMessage } from './imports.messages';
import type { ParsedFile } from './imports.parse';
import * as repo from './imports.repo';
import { cellValue } from './imports.values';

/**
 * From parsed cells to validated rows. Every row goes through the API's own Zod schema (productCreateSchema,
 * customerCreateSchema, customerPriceInput), so a file accepts exactly what the API accepts, with the same error
 * codes. An import is an upsert keyed by SKU / customer code: a row naming an existing record is merged over it
 * (columns absent from the file keep their values) and the merged record is validated, as a PATCH would be.
 */

export type ColumnInfo = {
  index: number;
  header: string;
  field: string | null;
  status: 'mapped' | 'unknown' | 'duplicate' | 'export_only';
  message?: string;
};
export type RowError = { row: number; column: string; code: string; message: string };
/**
 * An error as stored: without its message, so that GET /imports/{id} speaks the language of each request. `column`
 * is the header as written in the file, or null when the file lacks the column (then named in the reader's language).
 */
export type StoredError = {
  row: number;
  field: string;
  column: string | null;
  code: string;
  params?: Record<string, unknown>;
};
export type Action = 'create' | 'update';
/** A stored row: valid ones carry the record to write (`d`) and their action, invalid ones what was read (`v`). */
export type StoredRow = { r: number; a: Action | null; d?: Record<string, unknown>; v?: Record<string, unknown> };

export type Analysis = {
  columns: ColumnInfo[];
  /** the fields present in the file: on update, only these are written */
  fields: string[];
  errors: StoredError[];
  errorCount: number;
  rows: StoredRow[];
  validRows: number;
  toCreate: number;
  toUpdate: number;
};

type Issue = { field: string; code: string; params?: Record<string, unknown> };
type Prepared = { row: number; values: Record<string, unknown>; issues: Issue[] };

const defined = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

// ----------------------------------------------------------------------------------------------------- columns

function mapColumns(kind: ImportKind, headers: string[]) {
  const columns: ColumnInfo[] = [];
  const index = new Map<string, number>();
  const header = new Map<string, string>();
  headers.forEach((h, i) => {
    if (h === '') return;
    const col = columnForHeader(kind, h);
    if (!col)
      columns.push({
        index: i,
        header: h,
        field: null,
        status: 'unknown',
      });
    else if (col.exportOnly)
      columns.push({
        index: i,
        header: h,
        field: col.field,
        status: 'export_only',
      });
    else if (index.has(col.field))
      columns.push({
        index: i,
        header: h,
        field: col.field,
        status: 'duplicate',
      });
    else {
      index.set(col.field, i);
      header.set(col.field, h);
      columns.push({ index: i, header: h, field: col.field, status: 'mapped' });
    }
  });
  const missing = columnsByKind[kind].filter((c) => c.required && !index.has(c.field));
  return { columns, index, header, missing };
}

// ------------------------------------------------------------------------------------------------------- rows

function prepare(kind: ImportKind, file: ParsedFile, index: Map<string, number>): Prepared[] {
  const defs = columnsByKind[kind].filter((c) => index.has(c.field));
  return file.rows.map((r) => {
    const values: Record<string, unknown> = {};
    const issues: Issue[] = [];
    for (const col of defs) {
      const res = cellValue(col, r.cells[index.get(col.field)!]);
      if ('error' in res) {
        issues.push({ field: col.field, code: res.error });
        values[col.field] = r.cells[index.get(col.field)!]?.v ?? null;
      } else values[col.field] = res.value;
    }
    return { row: r.row, values, issues };
  });
}

/** Later occurrences of a key already seen are errors naming the first row. */
function markDuplicates(prepared: Prepared[], keyOf: (v: Record<string, unknown>) => string | null, field: string) {
  const first = new Map<string, number>();
  for (const p of prepared) {
    const k = keyOf(p.values);
    if (k === null) continue;
    const seen = first.get(k);
    if (seen === undefined) first.set(k, p.row);
    else p.issues.push({ field, code: 'duplicate_in_file', params: { row: seen } });
  }
}

const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

/** Zod issues → field issues, skipping fields whose cell already failed to read. */
function zodIssues(error: z.ZodError, fieldOfPath: (path: string) => string, already: Issue[]): Issue[] {
  const skip = new Set(already.map((i) => i.field));
  return zodFieldErrors(error.issues)
    .map((e) => ({ field: fieldOfPath(e.path), code: e.code, params: e.params }))
    .filter((i) => !skip.has(i.field));
}

type Validated = { data: Record<string, unknown>; action: Action } | null;

async function validateProducts(q: Queryable, companyId: string, prepared: Prepared[]): Promise<Validated[]> {
  markDuplicates(prepared, (v) => text(v.sku), 'sku');
  const existing = await repo.productsBySku(q, companyId, [
    ...new Set(prepared.map((p) => text(p.values.sku)).filter((s): s is string => !!s)),
  ]);
  return prepared.map((p) => {
    const sku = text(p.values.sku);
    const current = sku ? existing.get(sku) : undefined;
    const { id: _id, ...base } = current ?? { id: '' };
    const parsed = productCreateSchema.safeParse({ ...base, ...defined(p.values) });
    if (!parsed.success) p.issues.push(...zodIssues(parsed.error, (path) => path.split('.')[0]!, p.issues));
    if (p.issues.length || !parsed.success) return null;
    return { data: parsed.data, action: current ? 'update' : 'create' };
  });
}

const customerPath = (path: string): string => {
  const [head, sub] = path.split('.');
  if (head === 'billingAddress') return sub ?? 'line1';
  if (head === 'paymentTerms') return sub === 'days' ? 'paymentDays' : 'paymentBasis';
  if (head === 'invoicing') return 'email';
  return head ?? path;
};

async function validateCustomers(q: Queryable, companyId: string, prepared: Prepared[]): Promise<Validated[]> {
  markDuplicates(prepared, (v) => text(v.code), 'code');
  const existing = await repo.customersByCode(q, companyId, [
    ...new Set(prepared.map((p) => text(p.values.code)).filter((s): s is string => !!s)),
  ]);
  return prepared.map((p) => {
    const code = text(p.values.code);
    const current = code ? existing.get(code) : undefined;
    const v = p.values;
    const { id: _id, ...base } = current ?? { id: '' };
    const country = (v.countryCode ?? current?.countryCode ?? 'FR') as string;
    const curAddress = (current?.billingAddress ?? {}) as Record<string, unknown>;
    const address = {
      ...curAddress,
      ...defined({ line1: v.line1, line2: v.line2, postalCode: v.postalCode, city: v.city }),
      countryCode: v.countryCode ?? curAddress.countryCode ?? country,
    };
    const curTerms = (current?.paymentTerms ?? { basis: 'invoice_date', days: 30, dayOfMonth: null }) as Record<
      string,
      unknown
    >;
    const terms = { ...curTerms, ...defined({ basis: v.paymentBasis, days: v.paymentDays }) };
    if (v.paymentBasis !== undefined && v.paymentBasis !== 'end_of_month') terms.dayOfMonth = null;
    const input: Record<string, unknown> = {
      ...base,
      ...defined({
        code: v.code,
        name: v.name,
        siren: v.siren,
        siret: v.siret,
        vatNumber: v.vatNumber,
        countryCode: v.countryCode,
        currency: v.currency,
        language: v.language,
        creditLimit: v.creditLimit,
      }),
      billingAddress: address,
      paymentTerms: terms,
    };
    if ('email' in v) input.invoicing = { ...((current?.invoicing as object | undefined) ?? {}), email: v.email };
    const parsed = customerCreateSchema.safeParse(input);
    if (!parsed.success) p.issues.push(...zodIssues(parsed.error, customerPath, p.issues));
    if (p.issues.length || !parsed.success) return null;
    const c = parsed.data;
    return {
      action: current ? 'update' : 'create',
      data: {
        code: c.code,
        name: c.name,
        siren: c.siren,
        siret: c.siret,
        vatNumber: c.vatNumber,
        countryCode: c.countryCode,
        currency: c.currency,
        language: c.language,
        paymentTerms: c.paymentTerms,
        creditLimit: c.creditLimit,
        requiresPoNumber: c.requiresPoNumber,
        billingAddress: c.billingAddress,
        productCodeRule: c.productCodeRule,
        paymentMethod: c.paymentMethod,
        invoicing: c.invoicing,
      },
    };
  });
}

const priceKeys = z.object({ customerCode: z.string().trim().min(1).max(40), sku: z.string().trim().min(1).max(60) });

async function validatePrices(q: Queryable, companyId: string, prepared: Prepared[]): Promise<Validated[]> {
  const codes = [...new Set(prepared.map((p) => text(p.values.customerCode)).filter((s): s is string => !!s))];
  const skus = [...new Set(prepared.map((p) => text(p.values.sku)).filter((s): s is string => !!s))];
  const [customers, products] = await Promise.all([
    repo.customersByCode(q, companyId, codes),
    repo.productsBySku(q, companyId, skus),
  ]);
  const existing = await repo.customerPricesFor(
    q,
    companyId,
    [...customers.values()].map((c) => c.id),
  );
  const keyOf = (customerId: string, productId: string, minQuantity: string, validFrom: string | null) =>
    `${customerId}|${productId}|${toQuantityString(minQuantity)}|${validFrom ?? ''}`;
  const existingKeys = new Set(existing.map((e) => keyOf(e.customerId, e.productId, e.minQuantity, e.validFrom)));
  const firstRow = new Map<string, number>();

  return prepared.map((p) => {
    const v = p.values;
    const keys = priceKeys.safeParse({ customerCode: v.customerCode ?? undefined, sku: v.sku ?? undefined });
    if (!keys.success) p.issues.push(...zodIssues(keys.error, (path) => path, p.issues));
    const parsed = customerPriceInput.safeParse(
      defined({
        sku: text(v.sku) ?? undefined,
        unitPrice: v.unitPrice,
        minQuantity: v.minQuantity,
        validFrom: v.validFrom,
        validTo: v.validTo,
        note: v.note,
      }),
    );
    if (!parsed.success)
      p.issues.push(
        ...zodIssues(parsed.error, (path) => path.split('.')[0]!, p.issues).filter(
          (i) => i.code !== 'sku_or_product_id',
        ),
      );
    const code = text(v.customerCode);
    const sku = text(v.sku);
    const customer = code ? customers.get(code) : undefined;
    const product = sku ? products.get(sku) : undefined;
    if (code && !customer) p.issues.push({ field: 'customerCode', code: 'unknown_customer', params: { code } });
    if (sku && !product) p.issues.push({ field: 'sku', code: 'unknown_product', params: { sku } });
    if (p.issues.length || !parsed.success || !customer || !product) return null;
    const d = parsed.data;
    const key = keyOf(customer.id, product.id, d.minQuantity, d.validFrom);
    const seen = firstRow.get(key);
    if (seen !== undefined) {
      p.issues.push({ field: 'sku', code: 'duplicate_in_file', params: { row: seen } });
      return null;
    }
    firstRow.set(key, p.row);
    return {
      action: existingKeys.has(key) ? 'update' : 'create',
      data: {
        customerId: customer.id,
        productId: product.id,
        customerCode: customer.code,
        customerName: customer.name,
        sku: product.sku,
        productName: product.name,
        unitPrice: d.unitPrice,
        minQuantity: d.minQuantity,
        validFrom: d.validFrom,
        validTo: d.validTo,
        note: d.note,
      },
    };
  });
}

const validators: Record<ImportKind, (q: Queryable, companyId: string, p: Prepared[]) => Promise<Validated[]>> = {
  products: validateProducts,
  customers: validateCustomers,
  customer_prices: validatePrices,
};

/** Maps the columns, reads and validates every row, and says for each whether it creates or updates. */
export async function analyse(
  q: Queryable,
  companyId: string,
  kind: ImportKind,
  file: ParsedFile,
  maxErrors: number,
): Promise<Analysis> {
  const { columns, index, header, missing } = mapColumns(kind, file.headers);
  const fields = [...index.keys()];
  const errors: StoredError[] = [];
  let errorCount = 0;
  const push = (row: number, i: Issue) => {
    errorCount++;
    if (errors.length < maxErrors)
      errors.push({
        row,
        field: i.field,
        column: header.get(i.field) ?? null,
        code: i.code,
        ...(i.params ? { params: i.params } : {}),
      });
  };

  if (missing.length) {
    for (const m of missing) push(file.headerRow, { field: m.field, code: 'missing_column' });
    return { columns, fields, errors, errorCount, rows: [], validRows: 0, toCreate: 0, toUpdate: 0 };
  }

  const prepared = prepare(kind, file, index);
  const validated = await validators[kind](q, companyId, prepared);
  const rows: StoredRow[] = [];
  let toCreate = 0;
  let toUpdate = 0;
  prepared.forEach((p, i) => {
    const ok = validated[i];
    for (const issue of p.issues) push(p.row, issue);
    if (ok && p.issues.length === 0) {
      rows.push({ r: p.row, a: ok.action, d: ok.data });
      if (ok.action === 'create') toCreate++;
      else toUpdate++;
    } else rows.push({ r: p.row, a: null, v: p.values });
  });
  return { columns, fields, errors, errorCount, rows, validRows: toCreate + toUpdate, toCreate, toUpdate };
}

/** A stored row as the preview shows it: one value per column field (decimal strings, ISO dates, booleans). */
export function previewValues(kind: ImportKind, r: StoredRow): Record<string, unknown> {
  if (!r.d) return r.v ?? {};
  if (kind !== 'customers') return r.d;
  const d = r.d as {
    billingAddress: Record<string, unknown>;
    paymentTerms: Record<string, unknown>;
    invoicing: Record<string, unknown>;
  } & Record<string, unknown>;
  return {
    code: d.code,
    name: d.name,
    siren: d.siren,
    siret: d.siret,
    vatNumber: d.vatNumber,
    countryCode: d.countryCode,
    line1: d.billingAddress.line1,
    line2: d.billingAddress.line2 ?? null,
    postalCode: d.billingAddress.postalCode,
    city: d.billingAddress.city,
    currency: d.currency,
    language: d.language,
    paymentDays: d.paymentTerms.days,
    paymentBasis: d.paymentTerms.basis,
    creditLimit: d.creditLimit,
    email: d.invoicing.email ?? null,
  };
}

const columnNote: Record<ColumnInfo['status'], string | null> = {
  mapped: null,
  unknown: 'unknown_column',
  export_only: 'export_only_column',
  duplicate: 'duplicate_column',
};

/** Column notes in the reader's language. */
export const renderColumns = (columns: ColumnInfo[], lang: Lang): ColumnInfo[] =>
  columns.map((c) => {
    const code = columnNote[c.status];
    const { message: _stored, ...rest } = c;
    return code ? { ...rest, message: rowMessage(code, lang, { column: c.header }) } : rest;
  });

/** Stored errors in the reader's language: the message, and the name of a column the file lacks. */
export const renderErrors = (kind: ImportKind, errors: StoredError[], lang: Lang): RowError[] =>
  errors.map((e) => {
    const column = e.column ?? headerOf(kind, e.field, lang);
    const params = e.code === 'missing_column' ? { column } : (e.params ?? {});
    return { row: e.row, column, code: e.code, message: rowMessage(e.code, lang, params) };
  });
