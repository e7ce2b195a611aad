import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Queryable, Tx } from '@server/platform/db/connection';
import { rows } from '@server/platform/db/connection';
import type { Ctx, Idempotency, Runner } from '@server/platform/db/runner';
import { DomainError } from '@server/platform/errors';
import { findProductsByRefs, pickProduct, type ProductRef } from '@server/modules/catalog';
import { dec, toQuantityString } from '@shared/decimal';
import { stockLevels, stockMoves, stockReservations, warehouses } from './stock.schema';

export type MoveKind = 'receipt' | 'adjustment' | 'issue' | 'return';
type Reference = { type: string; id: string; lineId?: string | null };

/** Stock as a ledger of moves with a balance per warehouse and product; reservations kept apart. */
export function createStockService({ run }: { run: Runner }) {
  async function warehouseOrDefault(tx: Tx, companyId: string, warehouseId?: string | null): Promise<string> {
    if (warehouseId) {
      const [w] = await tx
        .select({ id: warehouses.id })
        .from(warehouses)
        .where(and(eq(warehouses.companyId, companyId), eq(warehouses.id, warehouseId)));
      if (!w) throw new DomainError('validation_failed', 422, [{ path: 'warehouseId', code: 'unknown_warehouse' }]);
      return w.id;
    }
    const [w] = await tx
      .select({ id: warehouses.id })
      .from(warehouses)
      .where(and(eq(warehouses.companyId, companyId), eq(warehouses.active, true)))
      .orderBy(desc(warehouses.isDefault), asc(warehouses.code))
      .limit(1);
    if (w) return w.id;
    // A company that never had one gets its main warehouse at its first stock operation.
    const id = uuidv7();
    await tx.insert(warehouses).values({ companyId, id, code: 'MAIN', name: 'Entrepôt principal', isDefault: true });
    return id;
  }

  /** Books a signed movement and moves the balance in one guarded statement: never below zero nor below reservations. */
  async function move(
    tx: Tx,
    ctx: Ctx,
    warehouseId: string,
    productId: string,
    kind: MoveKind,
    quantity: string,
    reason: string | null,
    reference: Reference | null,
    path: string,
  ) {
    const q = dec(quantity);
    await tx.insert(stockLevels).values({ companyId: ctx.companyId, warehouseId, productId }).onConflictDoNothing();
    const updated = await rows<{ on_hand: string }>(
      tx,
      sql`update stock_levels set on_hand = on_hand + ${q.toString()}::numeric
          where company_id = ${ctx.companyId} and warehouse_id = ${warehouseId} and product_id = ${productId}
            and on_hand + ${q.toString()}::numeric >= reserved
          returning on_hand`,
    );
    if (!updated.length) throw new DomainError('stock_below_reserved', 409, [{ path, code: 'stock_below_reserved' }]);
    await tx.insert(stockMoves).values({
      companyId: ctx.companyId,
      id: uuidv7(),
      warehouseId,
      productId,
      kind,
      quantity: q.toString(),
      reason,
      reference,
      createdBy: ctx.userId,
    });
  }

  async function productsOf(tx: Queryable, companyId: string, refs: ProductRef[], path: string) {
    const map = await findProductsByRefs(tx, companyId, refs);
    const errors = refs.flatMap((r, i) =>
      pickProduct(map, r) ? [] : [{ path: `${path}.${i}.${r.sku ? 'sku' : 'productId'}`, code: 'unknown_product' }],
    );
    if (errors.length) throw new DomainError('validation_failed', 422, errors);
    return refs.map((r) => pickProduct(map, r)!);
  }

  return {
    async receive(
      ctx: Ctx,
      input: {
        warehouseId?: string | null | undefined;
        reference?: string | null | undefined;
        lines: (ProductRef & { quantity: string })[];
      },
      idem: Idempotency | null,
    ) {
      return run.runIdempotent(ctx, idem, 201, async (tx) => {
        const warehouseId = await warehouseOrDefault(tx, ctx.companyId, input.warehouseId);
        const products = await productsOf(tx, ctx.companyId, input.lines, 'lines');
        for (const [i, line] of input.lines.entries())
          await move(
            tx,
            ctx,
            warehouseId,
            products[i]!.id,
            'receipt',
            line.quantity,
            input.reference ?? null,
            null,
            `lines.${i}.quantity`,
          );
        return {
          warehouseId,
          lines: input.lines.map((l, i) => ({
            productId: products[i]!.id,
            sku: products[i]!.sku,
            quantity: toQuantityString(l.quantity),
          })),
        };
      });
    },

    async adjust(
      ctx: Ctx,
      input: ProductRef & { warehouseId?: string | null | undefined; quantity: string; reason: string },
    ) {
      return run.run(ctx, async (tx) => {
        const warehouseId = await warehouseOrDefault(tx, ctx.companyId, input.warehouseId);
        const [product] = await productsOf(tx, ctx.companyId, [input], 'lines');
        await move(tx, ctx, warehouseId, product!.id, 'adjustment', input.quantity, input.reason, null, 'quantity');
        return levels(tx, ctx.companyId, { productId: product!.id });
      });
    },

    /**
     * Reserves for a document line inside the caller's transaction. One guarded UPDATE: two confirmations running at
     * the same moment can never both take the last units (the second sees the first's reservation or fails).
     */
    async reserve(
      tx: Tx,
      ctx: Ctx,
      warehouseId: string,
      productId: string,
      quantity: string,
      source: Reference,
    ): Promise<boolean> {
      const got = await rows<{ reserved: string }>(
        tx,
        sql`update stock_levels set reserved = reserved + ${quantity}::numeric
            where company_id = ${ctx.companyId} and warehouse_id = ${warehouseId} and product_id = ${productId}
              and on_hand - reserved >= ${quantity}::numeric
            returning reserved`,
      );
      if (!got.length) return false;
      await tx.insert(stockReservations).values({
        companyId: ctx.companyId,
        id: uuidv7(),
        warehouseId,
        productId,
        quantity,
        sourceType: source.type,
        sourceId: source.id,
        sourceLineId: source.lineId ?? null,
      });
      return true;
    },

    /** Releases every active reservation of a document (cancellation). */
    async release(tx: Tx, ctx: Ctx, source: { type: string; id: string }) {
      const released = await tx
        .update(stockReservations)
        .set({ status: 'released' })
        .where(
          and(
            eq(stockReservations.companyId, ctx.companyId),
            eq(stockReservations.sourceType, source.type),
            eq(stockReservations.sourceId, source.id),
            eq(stockReservations.status, 'active'),
          ),
        )
        .returning();
      for (const r of released)
        await tx.execute(
          sql`update stock_levels set reserved = reserved - ${r.quantity}::numeric
              where company_id = ${ctx.companyId} and warehouse_id = ${r.warehouseId} and product_id = ${r.productId}`,
        );
      return released.length;
    },

    warehouseOrDefault,
    levels: (ctx: Ctx, f: { productId?: string | undefined; warehouseId?: string | undefined }) =>
      run.read((db) => levels(db, ctx.companyId, f)),

    async moves(ctx: Ctx, productId: string, limit = 100) {
      return run.read(async (db) => {
        const found = await db
          .select()
          .from(stockMoves)
          .where(and(eq(stockMoves.companyId, ctx.companyId), eq(stockMoves.productId, productId)))
          .orderBy(desc(stockMoves.id))
          .limit(limit);
        return found.map((m) => ({
          id: m.id,
          warehouseId: m.warehouseId,
          productId: m.productId,
          kind: m.kind,
          quantity: toQuantityString(m.quantity),
          reason: m.reason,
          reference: m.reference as Reference | null,
          createdBy: m.createdBy,
          createdAt: m.createdAt.toISOString(),
        }));
      });
    },

    async listWarehouses(ctx: Ctx) {
      return run.read((db) =>
        db.select().from(warehouses).where(eq(warehouses.companyId, ctx.companyId)).orderBy(asc(warehouses.code)),
      );
    },

    async createWarehouse(
      ctx: Ctx,
      input: { code: string; name: string; isDefault: boolean },
      idem: Idempotency | null,
    ) {
      return run.runIdempotent(ctx, idem, 201, async (tx) => {
        const [clash] = await tx
          .select({ id: warehouses.id })
          .from(warehouses)
          .where(and(eq(warehouses.companyId, ctx.companyId), eq(warehouses.code, input.code)));
        if (clash) throw new DomainError('duplicate_code', 409, [{ path: 'code', code: 'duplicate_code' }]);
        if (input.isDefault)
          await tx.update(warehouses).set({ isDefault: false }).where(eq(warehouses.companyId, ctx.companyId));
        const [w] = await tx
          .insert(warehouses)
          .values({ companyId: ctx.companyId, id: uuidv7(), ...input })
          .returning();
        return { id: w!.id, code: w!.code, name: w!.name, isDefault: w!.isDefault, active: w!.active };
      });
    },
  };
}
export type StockService = ReturnType<typeof createStockService>;

async function levels(
  q: Queryable,
  companyId: string,
  f: { productId?: string | undefined; warehouseId?: string | undefined },
) {
  const found = await q
    .select({ l: stockLevels, code: warehouses.code, name: warehouses.name })
    .from(stockLevels)
    .innerJoin(
      warehouses,
      and(eq(warehouses.companyId, stockLevels.companyId), eq(warehouses.id, stockLevels.warehouseId)),
    )
    .where(
      and(
        eq(stockLevels.companyId, companyId),
        f.productId ? eq(stockLevels.productId, f.productId) : undefined,
        f.warehouseId ? eq(stockLevels.warehouseId, f.warehouseId) : undefined,
      ),
    )
    .orderBy(asc(warehouses.code))
    .limit(1000);
  return found.map(({ l, code, name }) => ({
    warehouseId: l.warehouseId,
    warehouseCode: code,
    warehouseName: name,
    productId: l.productId,
    onHand: toQuantityString(l.onHand),
    reserved: toQuantityString(l.reserved),
    available: toQuantityString(dec(l.onHand).minus(l.reserved)),
  }));
}
