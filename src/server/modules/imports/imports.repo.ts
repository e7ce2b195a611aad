import { and, eq, sql } from 'drizzle-orm';
import { rows, type Queryable } from '@server/platform/db/connection';
import { afterCursor, orderBy, toPage, type Sort } from '@server/platform/http/pagination';
import { importBatches } from './imports.schema';

/**
 * Database access of the imports module. Reads and bulk writes of customers, products and customer prices are raw
 * SQL on purpose: one statement per chunk of rows (`INSERT … SELECT FROM jsonb_to_recordset($1) ON CONFLICT …`), a
 * single parameter whatever the number of rows, the same on PGlite and PostgreSQL. The column names are those of
 * the catalog, customers and pricing schemas; the integration tests cover every statement.
 */

/** A JSON array as a single query parameter: `in (select jsonb_array_elements_text(…))`. */
const jsonParam = (v: unknown) => sql`${JSON.stringify(v)}::jsonb`;

// ------------------------------------------------------------------------------------------------ existing rows

export type ExistingProduct = Record<string, unknown> & { id: string; sku: string };

export async function productsBySku(
  q: Queryable,
  companyId: string,
  skus: string[],
): Promise<Map<string, ExistingProduct>> {
  if (skus.length === 0) return new Map();
  const found = await rows<ExistingProduct>(
    q,
    sql`select id, sku, name, name_en as "nameEn", category, unit, unit_price as "unitPrice",
          vat_category as "vatCategory", vat_rate as "vatRate", gtin, pack_size as "packSize", pack_name as "packName",
          pack_gtin as "packGtin", stock_tracked as "stockTracked", active, weight_kg as "weightKg",
          lead_time_days as "leadTimeDays", min_order_quantity as "minOrderQuantity", order_multiple as "orderMultiple",
          hs_code as "hsCode", origin_country as "originCountry"
        from products
        where company_id = ${companyId} and sku in (select jsonb_array_elements_text(${jsonParam(skus)}))`,
  );
  return new Map(found.map((p) => [p.sku, p]));
}

export type ExistingCustomer = Record<string, unknown> & { id: string; code: string; name: string };

export async function customersByCode(
  q: Queryable,
  companyId: string,
  codes: string[],
): Promise<Map<string, ExistingCustomer>> {
  if (codes.length === 0) return new Map();
  const found = await rows<ExistingCustomer>(
    q,
    sql`select id, code, name, siren, siret, vat_number as "vatNumber", country_code as "countryCode", currency,
          language, gln, payment_terms as "paymentTerms", credit_limit as "creditLimit",
          requires_po_number as "requiresPoNumber", billing_address as "billingAddress",
          product_code_rule as "productCodeRule", account_manager_id as "accountManagerId",
          backup_manager_id as "backupManagerId", sales_rep_id as "salesRepId", payment_method as "paymentMethod",
          invoicing, default_incoterm as "defaultIncoterm", incoterm_place as "incotermPlace",
          default_carrier as "defaultCarrier", price_list_id as "priceListId"
        from customers
        where company_id = ${companyId} and code in (select jsonb_array_elements_text(${jsonParam(codes)}))`,
  );
  return new Map(found.map((c) => [c.code, c]));
}

export type ExistingPrice = {
  customerId: string;
  productId: string;
  minQuantity: string;
  validFrom: string | null;
  unitPrice: string;
};

export async function customerPricesFor(
  q: Queryable,
  companyId: string,
  customerIds: string[],
): Promise<ExistingPrice[]> {
  if (customerIds.length === 0) return [];
  return rows<ExistingPrice>(
    q,
    sql`select customer_id as "customerId", product_id as "productId", min_quantity::text as "minQuantity",
          valid_from::text as "validFrom", unit_price::text as "unitPrice"
        from customer_prices
        where company_id = ${companyId}
          and customer_id in (select (jsonb_array_elements_text(${jsonParam(customerIds)}))::uuid)`,
  );
}

// ------------------------------------------------------------------------------------------------ bulk writes

export type WriteCount = { created: number; updated: number; unchanged: number };

const count = (result: { inserted: boolean }[], total: number): WriteCount => {
  const created = result.filter((r) => r.inserted).length;
  const updated = result.length - created;
  return { created, updated, unchanged: total - result.length };
};

/** Product columns: field → SQL column and type (for jsonb_to_recordset). */
export const productColumns: Record<string, [string, string]> = {
  name: ['name', 'text'],
  nameEn: ['name_en', 'text'],
  category: ['category', 'text'],
  unit: ['unit', 'text'],
  unitPrice: ['unit_price', 'numeric'],
  vatCategory: ['vat_category', 'text'],
  vatRate: ['vat_rate', 'numeric'],
  gtin: ['gtin', 'text'],
  packSize: ['pack_size', 'numeric'],
  packName: ['pack_name', 'text'],
  packGtin: ['pack_gtin', 'text'],
  stockTracked: ['stock_tracked', 'boolean'],
  active: ['active', 'boolean'],
  weightKg: ['weight_kg', 'numeric'],
  leadTimeDays: ['lead_time_days', 'integer'],
  minOrderQuantity: ['min_order_quantity', 'numeric'],
  orderMultiple: ['order_multiple', 'numeric'],
  hsCode: ['hs_code', 'text'],
  originCountry: ['origin_country', 'text'],
};

/**
 * Upserts products by (company, SKU): new SKUs are inserted whole; existing ones get only the columns the file
 * had (`setFields`), and only when a value differs (an unchanged row is neither rewritten nor audited).
 */
export async function upsertProducts(
  q: Queryable,
  companyId: string,
  items: (Record<string, unknown> & { id: string; sku: string })[],
  setFields: string[],
): Promise<WriteCount> {
  if (items.length === 0) return { created: 0, updated: 0, unchanged: 0 };
  const fields = Object.keys(productColumns);
  const recordset = sql.raw(
    ['id uuid', 'sku text', ...fields.map((f) => `"${f}" ${productColumns[f]![1]}`)].join(', '),
  );
  const cols = sql.raw(fields.map((f) => productColumns[f]![0]).join(', '));
  const vals = sql.raw(fields.map((f) => `x."${f}"`).join(', '));
  const set = setFields.filter((f) => productColumns[f]).map((f) => productColumns[f]![0]);
  const onConflict = set.length
    ? sql.raw(
        `do update set ${set.map((c) => `${c} = excluded.${c}`).join(', ')}, version = products.version + 1, updated_at = now()
         where (${set.map((c) => `products.${c}`).join(', ')}, null) is distinct from (${set.map((c) => `excluded.${c}`).join(', ')}, null)`,
      )
    : sql.raw('do nothing');
  const result = await rows<{ inserted: boolean }>(
    q,
    sql`insert into products (company_id, id, sku, ${cols}, created_at, updated_at)
        select ${companyId}, x.id, x.sku, ${vals}, now(), now()
        from jsonb_to_recordset(${jsonParam(items)}) as x(${recordset})
        on conflict (company_id, sku) ${onConflict}
        returning (xmax = 0) as inserted`,
  );
  return count(result, items.length);
}

/** What a customer row writes; jsonb columns are merged rather than replaced where the file has only a part. */
const customerScalar: Record<string, [string, string]> = {
  name: ['name', 'text'],
  siren: ['siren', 'text'],
  siret: ['siret', 'text'],
  vatNumber: ['vat_number', 'text'],
  countryCode: ['country_code', 'text'],
  currency: ['currency', 'text'],
  language: ['language', 'text'],
  creditLimit: ['credit_limit', 'numeric'],
};

/**
 * Upserts customers by (company, code) and gives each customer without any ship-to its default one (code
 * PRINCIPAL, the billing address), as the customers service does on creation — in the same transaction.
 */
export async function upsertCustomers(
  q: Queryable,
  companyId: string,
  items: (Record<string, unknown> & { id: string; code: string; shipToId: string })[],
  setFields: string[],
): Promise<WriteCount> {
  if (items.length === 0) return { created: 0, updated: 0, unchanged: 0 };
  const present = new Set(setFields);
  const set: [string, string][] = []; // [column, new value expression]
  for (const [f, [c]] of Object.entries(customerScalar)) if (present.has(f)) set.push([c, `excluded.${c}`]);
  if (['line1', 'line2', 'postalCode', 'city', 'countryCode'].some((f) => present.has(f)))
    set.push(['billing_address', 'excluded.billing_address']);
  if (present.has('paymentDays') || present.has('paymentBasis')) set.push(['payment_terms', 'excluded.payment_terms']);
  if (present.has('email'))
    set.push(['invoicing', `customers.invoicing || jsonb_build_object('email', excluded.invoicing -> 'email')`]);
  const onConflict = set.length
    ? sql.raw(
        `do update set ${set.map(([c, e]) => `${c} = ${e}`).join(', ')}, version = customers.version + 1, updated_at = now()
         where (${set.map(([c]) => `customers.${c}`).join(', ')}, null) is distinct from (${set.map(([, e]) => e).join(', ')}, null)`,
      )
    : sql.raw('do nothing');
  const written = await rows<{ id: string; inserted: boolean }>(
    q,
    sql`insert into customers (company_id, id, code, name, siren, siret, vat_number, country_code, currency, language,
          payment_terms, credit_limit, requires_po_number, billing_address, product_code_rule, payment_method,
          invoicing, created_at, updated_at)
        select ${companyId}, x.id, x.code, x.name, x."siren", x.siret, x."vatNumber", x."countryCode", x.currency,
          x.language, x."paymentTerms", x."creditLimit", coalesce(x."requiresPoNumber", false), x."billingAddress",
          x."productCodeRule", coalesce(x."paymentMethod", 'transfer'), x.invoicing, now(), now()
        from jsonb_to_recordset(${jsonParam(items)}) as x(id uuid, code text, name text, siren text, siret text,
          "vatNumber" text, "countryCode" text, currency text, language text, "paymentTerms" jsonb,
          "creditLimit" numeric, "requiresPoNumber" boolean, "billingAddress" jsonb, "productCodeRule" jsonb,
          "paymentMethod" text, invoicing jsonb)
        on conflict (company_id, code) ${onConflict}
        returning id, (xmax = 0) as inserted`,
  );
  const touched = written.map((w) => w.id);
  if (touched.length) {
    await q.execute(
      sql`insert into customer_ship_tos (company_id, id, customer_id, code, name, is_default, address, position)
          select ${companyId}, x."shipToId", c.id, 'PRINCIPAL', c.name, true, c.billing_address, 0
          from jsonb_to_recordset(${jsonParam(items)}) as x(code text, "shipToId" uuid)
          join customers c on c.company_id = ${companyId} and c.code = x.code
          where c.id in (select (jsonb_array_elements_text(${jsonParam(touched)}))::uuid)
            and not exists (select 1 from customer_ship_tos s where s.company_id = ${companyId} and s.customer_id = c.id)`,
    );
  }
  return count(written, items.length);
}

export type PriceItem = {
  id: string;
  customerId: string;
  productId: string;
  minQuantity: string;
  unitPrice: string;
  validFrom: string | null;
  validTo: string | null;
  note: string | null;
};

/**
 * Customer prices have no natural unique index: a row replaces the price of the same customer, product, quantity
 * break and start date (unit price, end date, note), else it is added.
 */
export async function upsertCustomerPrices(
  q: Queryable,
  companyId: string,
  items: PriceItem[],
  setFields: string[],
): Promise<WriteCount> {
  if (items.length === 0) return { created: 0, updated: 0, unchanged: 0 };
  const recordset = sql.raw(
    `id uuid, "customerId" uuid, "productId" uuid, "minQuantity" numeric, "unitPrice" numeric, "validFrom" date,
     "validTo" date, note text`,
  );
  const sameKey = sql`p.company_id = ${companyId} and p.customer_id = x."customerId" and p.product_id = x."productId"
        and p.min_quantity = x."minQuantity" and p.valid_from is not distinct from x."validFrom"`;
  const set: [string, string][] = [['unit_price', 'x."unitPrice"']];
  if (setFields.includes('validTo')) set.push(['valid_to', 'x."validTo"']);
  if (setFields.includes('note')) set.push(['note', 'x.note']);
  const updated = await rows<{ id: string }>(
    q,
    sql`update customer_prices p set ${sql.raw(set.map(([c, e]) => `${c} = ${e}`).join(', '))}
        from jsonb_to_recordset(${jsonParam(items)}) as x(${recordset})
        where ${sameKey}
          and (${sql.raw(set.map(([c]) => `p.${c}`).join(', '))}, null) is distinct from (${sql.raw(set.map(([, e]) => e).join(', '))}, null)
        returning p.id`,
  );
  const inserted = await rows<{ id: string }>(
    q,
    sql`insert into customer_prices (company_id, id, customer_id, product_id, min_quantity, unit_price, valid_from,
          valid_to, note, created_at)
        select ${companyId}, x.id, x."customerId", x."productId", x."minQuantity", x."unitPrice", x."validFrom",
          x."validTo", x.note, now()
        from jsonb_to_recordset(${jsonParam(items)}) as x(${recordset})
        where not exists (select 1 from customer_prices p where ${sameKey})
        returning id`,
  );
  const created = inserted.length;
  const changed = Math.min(updated.length, items.length - created);
  return { created, updated: changed, unchanged: items.length - created - changed };
}

// ---------------------------------------------------------------------------------------------------- batches

export type BatchRow = typeof importBatches.$inferSelect;
/** A batch without its rows (they can weigh megabytes): what GET and the list read, every 500 ms while committing. */
export type BatchSummary = Omit<BatchRow, 'rows'>;

const summaryColumns = {
  companyId: importBatches.companyId,
  id: importBatches.id,
  kind: importBatches.kind,
  filename: importBatches.filename,
  format: importBatches.format,
  sha256: importBatches.sha256,
  status: importBatches.status,
  mode: importBatches.mode,
  totalRows: importBatches.totalRows,
  validRows: importBatches.validRows,
  errorCount: importBatches.errorCount,
  processedRows: importBatches.processedRows,
  columns: importBatches.columns,
  errors: importBatches.errors,
  result: importBatches.result,
  createdBy: importBatches.createdBy,
  createdAt: importBatches.createdAt,
  committedAt: importBatches.committedAt,
};

export async function insertBatch(q: Queryable, row: typeof importBatches.$inferInsert) {
  await q.insert(importBatches).values(row);
}

export async function findSummary(
  q: Queryable,
  companyId: string,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<BatchSummary | null> {
  const query = q
    .select(summaryColumns)
    .from(importBatches)
    .where(and(eq(importBatches.companyId, companyId), eq(importBatches.id, id)));
  const [b] = opts.forUpdate ? await query.for('update') : await query;
  return b ?? null;
}

/** The first rows of a batch (for the preview), read inside the database rather than loading them all. */
export async function firstRows(q: Queryable, companyId: string, id: string, n: number): Promise<unknown[]> {
  const [r] = await rows<{ head: unknown[] | null }>(
    q,
    sql`select jsonb_path_query_array(rows, ${`$[0 to ${n - 1}]`}::jsonpath) as head
        from import_batches where company_id = ${companyId} and id = ${id}`,
  );
  return r?.head ?? [];
}

export async function allRows(q: Queryable, companyId: string, id: string): Promise<unknown[]> {
  const [r] = await q
    .select({ rows: importBatches.rows })
    .from(importBatches)
    .where(and(eq(importBatches.companyId, companyId), eq(importBatches.id, id)));
  return (r?.rows as unknown[] | undefined) ?? [];
}

export async function updateBatch(
  q: Queryable,
  companyId: string,
  id: string,
  set: Partial<typeof importBatches.$inferInsert>,
) {
  await q
    .update(importBatches)
    .set(set)
    .where(and(eq(importBatches.companyId, companyId), eq(importBatches.id, id)));
}

const listSort: Sort = { field: 'createdAt', expr: importBatches.createdAt, desc: true };

export async function listBatches(q: Queryable, companyId: string, limit: number, cursor: string | undefined) {
  const where = eq(importBatches.companyId, companyId);
  const after = afterCursor(listSort, importBatches.id, cursor);
  const found = await q
    .select({ row: summaryColumns, sortValue: sql<string>`(${listSort.expr})::text`.as('sort_value') })
    .from(importBatches)
    .where(after ? and(where, after) : where)
    .orderBy(...orderBy(listSort, importBatches.id))
    .limit(limit + 1);
  return toPage(
    found.map((f) => ({ ...f, id: f.row.id })),
    limit,
    (r) => r.sortValue,
  );
}
