import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Queryable, Tx } from '@server/platform/db/connection';
import { rows } from '@server/platform/db/connection';
import type { Ctx, Idempotency, Runner } from '@server/platform/db/runner';
import { DomainError, notFound } from '@server/platform/errors';
import { findProductsByRefs, pickProduct, type ProductRef } from '@server/modules/catalog';
import { dec, toQuantityString } from '@shared/decimal';
import { expectedReceipts, stockLevels, stockMoves, stockReservations, warehouses } from './stock.schema';

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

    /**
     * Reserves as much as is available, up to `quantity`, in one statement that locks the balance row: returns what
     * was taken ("0" when nothing). Parallel confirmations queue on the row lock and each sees the other's reservation.
     */
    async reserveUpTo(
      tx: Tx,
      ctx: Ctx,
      warehouseId: string,
      productId: string,
      quantity: string,
      source: Reference,
    ): Promise<string> {
      // Take what is free and record the reservation in the same statement (one round trip per line).
      const got = await rows<{ taken: string }>(
        tx,
        sql`with cur as (
              select on_hand - reserved as free from stock_levels
              where company_id = ${ctx.companyId} and warehouse_id = ${warehouseId} and product_id = ${productId}
              for update),
            upd as (
              update stock_levels s set reserved = s.reserved + least(${quantity}::numeric, cur.free)
              from cur
              where s.company_id = ${ctx.companyId} and s.warehouse_id = ${warehouseId} and s.product_id = ${productId}
                and cur.free > 0
              returning least(${quantity}::numeric, cur.free) as taken),
            ins as (
              insert into stock_reservations
                (company_id, id, warehouse_id, product_id, quantity, source_type, source_id, source_line_id)
              select ${ctx.companyId}, ${uuidv7()}, ${warehouseId}, ${productId}, taken, ${source.type}, ${source.id},
                     ${source.lineId ?? null}
              from upd)
            select taken::text as taken from upd`,
      );
      const taken = got[0]?.taken ?? '0';
      return toQuantityString(taken);
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

    /**
     * Takes up to `quantity` off the active reservations of one document line (oldest first) and off the balance's
     * reserved total: 'consumed' when the goods leave (goods issue), 'released' when the line no longer needs them.
     * Returns what was taken ("0" when the line held nothing). Locks the reservation rows.
     */
    async reduceReservation(
      tx: Tx,
      ctx: Ctx,
      source: { type: string; id: string; lineId: string },
      quantity: string,
      outcome: 'consumed' | 'released',
    ): Promise<string> {
      let left = dec(quantity);
      if (left.lte(0)) return '0';
      const held = await tx
        .select()
        .from(stockReservations)
        .where(
          and(
            eq(stockReservations.companyId, ctx.companyId),
            eq(stockReservations.sourceType, source.type),
            eq(stockReservations.sourceId, source.id),
            eq(stockReservations.sourceLineId, source.lineId),
            eq(stockReservations.status, 'active'),
          ),
        )
        .orderBy(asc(stockReservations.id))
        .for('update');
      let taken = dec(0);
      for (const r of held) {
        if (left.lte(0)) break;
        const take = dec(r.quantity).lt(left) ? dec(r.quantity) : left;
        const rest = dec(r.quantity).minus(take);
        if (rest.gt(0)) {
          // Keep the rest active; record the part taken as its own row with the outcome (the ledger of reservations).
          await tx
            .update(stockReservations)
            .set({ quantity: rest.toString() })
            .where(and(eq(stockReservations.companyId, ctx.companyId), eq(stockReservations.id, r.id)));
          await tx.insert(stockReservations).values({ ...r, id: uuidv7(), quantity: take.toString(), status: outcome });
        } else {
          await tx
            .update(stockReservations)
            .set({ status: outcome })
            .where(and(eq(stockReservations.companyId, ctx.companyId), eq(stockReservations.id, r.id)));
        }
        await tx.execute(
          sql`update stock_levels set reserved = reserved - ${take.toString()}::numeric
              where company_id = ${ctx.companyId} and warehouse_id = ${r.warehouseId} and product_id = ${r.productId}`,
        );
        taken = taken.plus(take);
        left = left.minus(take);
      }
      return toQuantityString(taken.toString());
    },

    /** What is actively reserved per document line (sum of the active reservations), for the given documents. */
    async activeReservations(q: Queryable, companyId: string, sourceType: string, sourceIds: string[]) {
      const out = new Map<string, string>();
      if (!sourceIds.length) return out;
      const found = await q
        .select({
          lineId: stockReservations.sourceLineId,
          quantity: sql<string>`sum(${stockReservations.quantity})::text`,
        })
        .from(stockReservations)
        .where(
          and(
            eq(stockReservations.companyId, companyId),
            eq(stockReservations.sourceType, sourceType),
            inArray(stockReservations.sourceId, [...new Set(sourceIds)]),
            eq(stockReservations.status, 'active'),
          ),
        )
        .groupBy(stockReservations.sourceLineId);
      for (const r of found) if (r.lineId) out.set(r.lineId, toQuantityString(r.quantity));
      return out;
    },

    /**
     * Books a movement for another module inside its transaction (goods issue: a negative 'issue'; a customer
     * return put back on the shelf: a positive 'return'). Guarded like every move: 409 `stock_below_reserved` at `path`
     * when the stock would go below zero or below what others hold.
     */
    book: (
      tx: Tx,
      ctx: Ctx,
      m: {
        warehouseId: string;
        productId: string;
        kind: MoveKind;
        quantity: string;
        reason: string | null;
        reference: Reference | null;
        path: string;
      },
    ) => move(tx, ctx, m.warehouseId, m.productId, m.kind, m.quantity, m.reason, m.reference, m.path),

    /** Sets (or clears) the bin location of a product in a warehouse; the picking list sorts by it. */
    async setLocation(
      ctx: Ctx,
      input: ProductRef & { warehouseId?: string | null | undefined; location: string | null },
    ) {
      return run.run(ctx, async (tx) => {
        const warehouseId = await warehouseOrDefault(tx, ctx.companyId, input.warehouseId);
        const [product] = await productsOf(tx, ctx.companyId, [input], 'lines');
        await tx
          .insert(stockLevels)
          .values({ companyId: ctx.companyId, warehouseId, productId: product!.id, location: input.location })
          .onConflictDoUpdate({
            target: [stockLevels.companyId, stockLevels.warehouseId, stockLevels.productId],
            set: { location: input.location },
          });
        return levels(tx, ctx.companyId, { productId: product!.id });
      });
    },

    /** Bin locations of products in a warehouse (picking lists). */
    async locations(q: Queryable, companyId: string, warehouseId: string, productIds: string[]) {
      if (!productIds.length) return new Map<string, string>();
      const found = await q
        .select({ productId: stockLevels.productId, location: stockLevels.location })
        .from(stockLevels)
        .where(
          and(
            eq(stockLevels.companyId, companyId),
            eq(stockLevels.warehouseId, warehouseId),
            inArray(stockLevels.productId, [...new Set(productIds)]),
          ),
        );
      return new Map(found.filter((r) => r.location).map((r) => [r.productId, r.location!]));
    },

    warehouseOrDefault,
    availability,

    async addExpectedReceipt(
      ctx: Ctx,
      input: ProductRef & {
        warehouseId?: string | null | undefined;
        quantity: string;
        expectedDate: string;
        reference?: string | null | undefined;
      },
      idem: Idempotency | null,
    ) {
      return run.runIdempotent(ctx, idem, 201, async (tx) => {
        const warehouseId = await warehouseOrDefault(tx, ctx.companyId, input.warehouseId);
        const [product] = await productsOf(tx, ctx.companyId, [input], 'lines');
        const [row] = await tx
          .insert(expectedReceipts)
          .values({
            companyId: ctx.companyId,
            id: uuidv7(),
            warehouseId,
            productId: product!.id,
            quantity: input.quantity,
            expectedDate: input.expectedDate,
            reference: input.reference ?? null,
            createdBy: ctx.userId,
          })
          .returning();
        return expectedDto(row!, product!.sku);
      });
    },

    async listExpectedReceipts(ctx: Ctx, f: { productId?: string | undefined; status?: string | undefined }) {
      return run.read(async (db) => {
        const found = await db
          .select()
          .from(expectedReceipts)
          .where(
            and(
              eq(expectedReceipts.companyId, ctx.companyId),
              f.productId ? eq(expectedReceipts.productId, f.productId) : undefined,
              eq(expectedReceipts.status, f.status ?? 'open'),
            ),
          )
          .orderBy(asc(expectedReceipts.expectedDate))
          .limit(500);
        const skus = await findProductsByRefs(
          db,
          ctx.companyId,
          found.map((r) => ({ productId: r.productId })),
        );
        return found.map((r) => expectedDto(r, skus.get(r.productId)?.sku ?? ''));
      });
    },

    /** An expected receipt arrives (booked as a receipt for its quantity, or the quantity given) or is cancelled. */
    async closeExpectedReceipt(ctx: Ctx, id: string, action: 'receive' | 'cancel', quantity?: string) {
      return run.run(ctx, async (tx) => {
        const [row] = await tx
          .select()
          .from(expectedReceipts)
          .where(and(eq(expectedReceipts.companyId, ctx.companyId), eq(expectedReceipts.id, id)))
          .for('update');
        if (!row) throw notFound();
        if (row.status !== 'open')
          throw new DomainError('invalid_transition', 409, [{ path: 'status', code: 'invalid_transition' }]);
        if (action === 'receive')
          await move(
            tx,
            ctx,
            row.warehouseId,
            row.productId,
            'receipt',
            quantity ?? row.quantity,
            row.reference,
            { type: 'expected_receipt', id: row.id },
            'quantity',
          );
        const [done] = await tx
          .update(expectedReceipts)
          .set({ status: action === 'receive' ? 'received' : 'cancelled' })
          .where(and(eq(expectedReceipts.companyId, ctx.companyId), eq(expectedReceipts.id, id)))
          .returning();
        const sku = (await findProductsByRefs(tx, ctx.companyId, [{ productId: done!.productId }])).get(
          done!.productId,
        )?.sku;
        return expectedDto(done!, sku ?? '');
      });
    },

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

function expectedDto(r: typeof expectedReceipts.$inferSelect, sku: string) {
  return {
    id: r.id,
    warehouseId: r.warehouseId,
    productId: r.productId,
    sku,
    quantity: toQuantityString(r.quantity),
    expectedDate: r.expectedDate,
    reference: r.reference,
    status: r.status,
    createdAt: r.createdAt.toISOString(),
  };
}

export type Availability = { available: string; receipts: { date: string; quantity: string }[] };

/**
 * What available-to-promise needs per product, in two queries: free stock (on hand − reserved) in the warehouse and
 * the open expected receipts of any warehouse, by date.
 */
async function availability(
  q: Queryable,
  companyId: string,
  warehouseId: string,
  productIds: string[],
): Promise<Map<string, Availability>> {
  const out = new Map<string, Availability>();
  const ids = [...new Set(productIds)];
  if (!ids.length) return out;
  for (const id of ids) out.set(id, { available: '0', receipts: [] });
  const [lv, rc] = await Promise.all([
    q
      .select({ productId: stockLevels.productId, onHand: stockLevels.onHand, reserved: stockLevels.reserved })
      .from(stockLevels)
      .where(
        and(
          eq(stockLevels.companyId, companyId),
          eq(stockLevels.warehouseId, warehouseId),
          inArray(stockLevels.productId, ids),
        ),
      ),
    q
      .select({
        productId: expectedReceipts.productId,
        date: expectedReceipts.expectedDate,
        quantity: expectedReceipts.quantity,
      })
      .from(expectedReceipts)
      .where(
        and(
          eq(expectedReceipts.companyId, companyId),
          eq(expectedReceipts.status, 'open'),
          inArray(expectedReceipts.productId, ids),
        ),
      )
      .orderBy(asc(expectedReceipts.expectedDate)),
  ]);
  for (const l of lv) out.get(l.productId)!.available = toQuantityString(dec(l.onHand).minus(l.reserved));
  for (const r of rc) out.get(r.productId)!.receipts.push({ date: r.date, quantity: toQuantityString(r.quantity) });
  return out;
}

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
    location: l.location,
  }));
}
