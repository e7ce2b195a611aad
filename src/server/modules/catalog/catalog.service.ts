import { and, eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Ctx, Idempotency, Runner } from '@server/platform/db/runner';
import { DomainError, notFound, zodFieldErrors } from '@server/platform/errors';
import { parseSort } from '@server/platform/http/pagination';
import { productCreateSchema, type Product, type ProductCreate, type ProductPatch } from '@shared/api/products';
import type { Tx } from '@server/platform/db/connection';
import * as repo from './catalog.repo';
import { products } from './catalog.schema';

/** The catalog: products with their unit, VAT category and rate, packs and logistics data. */
export function createCatalogService({ run }: { run: Runner }) {
  async function assertSkuFree(tx: Tx, ctx: Ctx, sku: string, selfId?: string) {
    const other = await repo.findIdBySku(tx, ctx.companyId, sku);
    if (other && other !== selfId)
      throw new DomainError('duplicate_code', 409, [{ path: 'sku', code: 'duplicate_code' }]);
  }

  const columns = (p: ProductCreate) => ({
    sku: p.sku,
    name: p.name,
    nameEn: p.nameEn,
    category: p.category,
    unit: p.unit,
    unitPrice: p.unitPrice,
    vatCategory: p.vatCategory,
    vatRate: p.vatRate,
    gtin: p.gtin,
    packSize: p.packSize,
    packName: p.packName,
    packGtin: p.packGtin,
    stockTracked: p.stockTracked,
    active: p.active,
    weightKg: p.weightKg,
    leadTimeDays: p.leadTimeDays,
    minOrderQuantity: p.minOrderQuantity,
    orderMultiple: p.orderMultiple,
    hsCode: p.hsCode,
    originCountry: p.originCountry,
  });

  return {
    async create(ctx: Ctx, input: ProductCreate, idem: Idempotency | null) {
      return run.runIdempotent(ctx, idem, 201, async (tx) => {
        await assertSkuFree(tx, ctx, input.sku);
        const id = uuidv7();
        const now = new Date();
        await tx
          .insert(products)
          .values({ companyId: ctx.companyId, id, ...columns(input), createdAt: now, updatedAt: now });
        return (await repo.findById(tx, ctx.companyId, id))!;
      });
    },

    async update(ctx: Ctx, id: string, patch: ProductPatch): Promise<Product> {
      return run.run(ctx, async (tx) => {
        const current = await repo.findById(tx, ctx.companyId, id);
        if (!current) throw notFound();
        const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
        const merged = productCreateSchema.safeParse({ ...current, ...defined });
        if (!merged.success) throw new DomainError('validation_failed', 422, zodFieldErrors(merged.error.issues));
        if (patch.sku !== undefined) await assertSkuFree(tx, ctx, merged.data.sku, id);
        await tx
          .update(products)
          .set({ ...columns(merged.data), version: current.version + 1, updatedAt: new Date() })
          .where(and(eq(products.companyId, ctx.companyId), eq(products.id, id)));
        return (await repo.findById(tx, ctx.companyId, id))!;
      });
    },

    async get(ctx: Ctx, id: string): Promise<Product> {
      const p = await run.read((db) => repo.findById(db, ctx.companyId, id));
      if (!p) throw notFound();
      return p;
    },

    async list(
      ctx: Ctx,
      query: { limit: number; cursor?: string | undefined; sort?: string | undefined } & repo.ProductFilter,
    ) {
      const sort = parseSort(query.sort, repo.productSortColumns, 'sku');
      return run.read((db) => repo.list(db, ctx.companyId, query, sort, query.limit, query.cursor));
    },

    categories: (ctx: Ctx) => run.read((db) => repo.categories(db, ctx.companyId)),
  };
}
export type CatalogService = ReturnType<typeof createCatalogService>;
