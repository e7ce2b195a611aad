import { and, count, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '@server/platform/db/connection';
import { afterCursor, containsPattern, orderBy, toPage, type Sort } from '@server/platform/http/pagination';
import type { Product } from '@shared/api/products';
import { products } from './catalog.schema';

type ProductRow = typeof products.$inferSelect;

export const productSortColumns = {
  sku: products.sku,
  name: products.name,
  category: sql`coalesce(${products.category}, '')`,
  unitPrice: products.unitPrice,
  createdAt: products.createdAt,
};

/** Trailing zeros of NUMERIC columns are noise on the wire: "12.5000" → "12.50" for prices, "3.000" → "3". */
const price = (s: string) => {
  const [i, d = ''] = s.split('.');
  const t = d.replace(/0+$/, '');
  return `${i}.${t.padEnd(2, '0')}`;
};
const qty = (s: string | null) => (s === null ? null : s.includes('.') ? s.replace(/\.?0+$/, '') : s);

export function toDto(p: ProductRow): Product {
  return {
    id: p.id,
    sku: p.sku,
    name: p.name,
    nameEn: p.nameEn,
    category: p.category,
    unit: p.unit,
    unitPrice: price(p.unitPrice),
    vatCategory: p.vatCategory,
    vatRate: p.vatRate,
    gtin: p.gtin,
    packSize: qty(p.packSize),
    packName: p.packName,
    packGtin: p.packGtin,
    stockTracked: p.stockTracked,
    active: p.active,
    weightKg: qty(p.weightKg),
    leadTimeDays: p.leadTimeDays,
    minOrderQuantity: qty(p.minOrderQuantity),
    orderMultiple: qty(p.orderMultiple),
    hsCode: p.hsCode,
    originCountry: p.originCountry,
    version: p.version,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

export async function findById(q: Queryable, companyId: string, id: string): Promise<Product | null> {
  const [p] = await q
    .select()
    .from(products)
    .where(and(eq(products.companyId, companyId), eq(products.id, id)));
  return p ? toDto(p) : null;
}

export async function findIdBySku(q: Queryable, companyId: string, sku: string): Promise<string | null> {
  const [r] = await q
    .select({ id: products.id })
    .from(products)
    .where(and(eq(products.companyId, companyId), eq(products.sku, sku)));
  return r?.id ?? null;
}

export type ProductFilter = { q?: string | undefined; category?: string | undefined; active?: boolean | undefined };

function filterWhere(companyId: string, f: ProductFilter): SQL {
  const conds: (SQL | undefined)[] = [eq(products.companyId, companyId)];
  if (f.q) {
    const like = containsPattern(f.q);
    conds.push(
      or(ilike(products.sku, like), ilike(products.name, like), ilike(products.nameEn, like), eq(products.gtin, f.q)),
    );
  }
  if (f.category) conds.push(eq(products.category, f.category));
  if (f.active !== undefined) conds.push(eq(products.active, f.active));
  return and(...conds)!;
}

export async function list(
  q: Queryable,
  companyId: string,
  f: ProductFilter,
  sort: Sort,
  limit: number,
  cursor: string | undefined,
) {
  const where = filterWhere(companyId, f);
  const after = afterCursor(sort, products.id, cursor);
  const [found, [totalRow]] = await Promise.all([
    q
      .select({ row: products, sortValue: sql<string>`(${sort.expr})::text`.as('sort_value') })
      .from(products)
      .where(after ? and(where, after) : where)
      .orderBy(...orderBy(sort, products.id))
      .limit(limit + 1),
    q.select({ n: count() }).from(products).where(where),
  ]);
  const page = toPage(
    found.map((f) => ({ ...f, id: f.row.id })),
    limit,
    (r) => r.sortValue,
  );
  return { data: page.rows.map((r) => toDto(r.row)), nextCursor: page.nextCursor, total: Number(totalRow?.n ?? 0) };
}

export async function categories(q: Queryable, companyId: string): Promise<string[]> {
  const r = await q
    .selectDistinct({ c: products.category })
    .from(products)
    .where(and(eq(products.companyId, companyId), sql`${products.category} is not null`))
    .orderBy(products.category);
  return r.map((x) => x.c!).filter(Boolean);
}

export type ProductRef = { productId?: string | undefined; sku?: string | undefined };
export type ProductLite = {
  id: string;
  sku: string;
  name: string;
  nameEn: string | null;
  category: string | null;
  unit: string;
  unitPrice: string;
  vatCategory: string;
  vatRate: string;
  gtin: string | null;
  active: boolean;
  stockTracked: boolean;
  leadTimeDays: number | null;
  minOrderQuantity: string | null;
  orderMultiple: string | null;
  /** Unit net weight and customs data (delivery notes, pro forma, DEB). */
  weightKg: string | null;
  hsCode: string | null;
  originCountry: string | null;
};

/** The products named by id or SKU, in one query; the map answers both keys. */
export async function findProductsByRefs(
  q: Queryable,
  companyId: string,
  refs: ProductRef[],
): Promise<Map<string, ProductLite>> {
  const ids = [...new Set(refs.map((r) => r.productId).filter((x): x is string => !!x))];
  const skus = [...new Set(refs.map((r) => r.sku).filter((x): x is string => !!x))];
  const out = new Map<string, ProductLite>();
  if (!ids.length && !skus.length) return out;
  const found = await q
    .select({
      id: products.id,
      sku: products.sku,
      name: products.name,
      nameEn: products.nameEn,
      category: products.category,
      unit: products.unit,
      unitPrice: products.unitPrice,
      vatCategory: products.vatCategory,
      vatRate: products.vatRate,
      gtin: products.gtin,
      active: products.active,
      stockTracked: products.stockTracked,
      leadTimeDays: products.leadTimeDays,
      minOrderQuantity: products.minOrderQuantity,
      orderMultiple: products.orderMultiple,
      weightKg: products.weightKg,
      hsCode: products.hsCode,
      originCountry: products.originCountry,
    })
    .from(products)
    .where(
      and(
        eq(products.companyId, companyId),
        or(ids.length ? inArray(products.id, ids) : sql`false`, skus.length ? inArray(products.sku, skus) : sql`false`),
      ),
    );
  for (const p of found) {
    out.set(p.id, p);
    out.set(`sku:${p.sku}`, p);
  }
  return out;
}

/** The product a reference names, from a map built by findProductsByRefs. */
export const pick = (map: Map<string, ProductLite>, r: ProductRef) =>
  r.productId ? map.get(r.productId) : r.sku ? map.get(`sku:${r.sku}`) : undefined;

export async function findIdByGtin(q: Queryable, companyId: string, gtin: string): Promise<string | null> {
  const [r] = await q
    .select({ id: products.id })
    .from(products)
    .where(and(eq(products.companyId, companyId), or(eq(products.gtin, gtin), eq(products.packGtin, gtin))));
  return r?.id ?? null;
}
