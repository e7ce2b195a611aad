import { and, asc, count, desc, eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Queryable, Tx } from '@server/platform/db/connection';
import type { Ctx, Idempotency, Runner } from '@server/platform/db/runner';
import { DomainError, notFound } from '@server/platform/errors';
import { findProductsByRefs, pickProduct, type ProductLite, type ProductRef } from '@server/modules/catalog';
import { findCustomer } from '@server/modules/customers';
import { findCompany } from '@server/modules/companies';
import { message } from '@shared/messages';
import type { PriceListInput, PriceResultDto } from '@shared/api/pricing';
import { describePrice, priceFor, type PriceResult } from './domain/pricing';
import { loadPricingFacts } from './pricing.repo';
import { customerDiscounts, customerPrices, priceListItems, priceLists } from './pricing.schema';

export const todayIso = () => new Date().toISOString().slice(0, 10);

type PriceRequest = { product: ProductLite; quantity: string };
export type CustomerForPricing = { id: string; currency: string; priceListId: string | null } | null;

/** Unknown products named by sku/productId, as field errors under `path`. */
export function missingProducts(map: Map<string, ProductLite>, refs: ProductRef[], path: string) {
  return refs
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => !pickProduct(map, r))
    .map(({ r, i }) => ({ path: `${path}.${i}.${r.sku ? 'sku' : 'productId'}`, code: 'unknown_product' }));
}

/** Prices, discounts, price lists: everything that decides what a customer pays, and why. */
export function createPricingService({ run }: { run: Runner }) {
  /** Prices many products at once (four queries), for documents such as quotes and orders. */
  async function priceMany(
    q: Queryable,
    companyId: string,
    customer: CustomerForPricing,
    requests: PriceRequest[],
    date: string,
    currency: string,
  ): Promise<PriceResult[]> {
    const company = await findCompany(q, companyId);
    const facts = await loadPricingFacts(q, companyId, customer, [...new Set(requests.map((r) => r.product.id))]);
    return requests.map(({ product, quantity }) =>
      priceFor({
        product: { id: product.id, sku: product.sku, category: product.category, unitPrice: product.unitPrice },
        companyCurrency: company?.currency ?? 'EUR',
        currency,
        quantity,
        date,
        priceListLines: facts.priceListLines.filter((l) => l.productId === product.id),
        customerPrices: facts.customerPrices.filter((l) => l.productId === product.id),
        contractPrices: facts.contractPrices.filter((l) => l.productId === product.id),
        discounts: facts.discounts,
      }),
    );
  }

  async function customerOrThrow(q: Queryable, companyId: string, customerId: string) {
    const c = await findCustomer(q, companyId, customerId);
    if (!c) throw notFound();
    return c;
  }

  async function productIdOf(q: Queryable, companyId: string, ref: ProductRef, path = 'sku'): Promise<ProductLite> {
    const map = await findProductsByRefs(q, companyId, [ref]);
    const p = pickProduct(map, ref);
    if (!p)
      throw new DomainError('validation_failed', 422, [
        { path: ref.sku ? path : 'productId', code: 'unknown_product' },
      ]);
    return p;
  }

  return {
    priceMany,

    async resolve(
      ctx: Ctx,
      query: {
        customerId?: string | undefined;
        productId?: string | undefined;
        sku?: string | undefined;
        quantity: string;
        date?: string | undefined;
        currency?: string | undefined;
      },
    ): Promise<PriceResultDto> {
      return run.read(async (db) => {
        if (!!query.sku === !!query.productId)
          throw new DomainError('validation_failed', 422, [{ path: 'query.sku', code: 'sku_or_product_id' }]);
        const product = await productIdOf(db, ctx.companyId, query, 'query.sku');
        const customer = query.customerId ? await customerOrThrow(db, ctx.companyId, query.customerId) : null;
        const date = query.date ?? todayIso();
        const currency =
          query.currency ?? customer?.currency ?? (await findCompany(db, ctx.companyId))?.currency ?? 'EUR';
        const [r] = await priceMany(
          db,
          ctx.companyId,
          customer,
          [{ product, quantity: query.quantity }],
          date,
          currency,
        );
        const steps = r!.steps.map((s) => ({ code: s.code, message: message(s.code, ctx.lang, s.params) }));
        if (!r!.ok) throw new DomainError(r!.code, 422, [{ path: 'query.currency', code: r!.code }]);
        return {
          productId: product.id,
          sku: product.sku,
          customerId: customer?.id ?? null,
          quantity: query.quantity,
          date,
          currency,
          unitPrice: r!.unitPrice,
          discountPercent: r!.discountPercent,
          netUnitPrice: r!.netUnitPrice,
          source: r!.source,
          explanation: describePrice(r!, ctx.lang),
          steps,
        };
      });
    },

    // ---- customer-specific prices
    async listCustomerPrices(ctx: Ctx, customerId: string) {
      return run.read(async (db) => {
        await customerOrThrow(db, ctx.companyId, customerId);
        const rows = await db
          .select()
          .from(customerPrices)
          .where(and(eq(customerPrices.companyId, ctx.companyId), eq(customerPrices.customerId, customerId)))
          .orderBy(asc(customerPrices.productId), asc(customerPrices.minQuantity));
        const names = await findProductsByRefs(
          db,
          ctx.companyId,
          rows.map((r) => ({ productId: r.productId })),
        );
        const found = rows
          .map((p) => ({ p, sku: names.get(p.productId)?.sku ?? '', name: names.get(p.productId)?.name ?? '' }))
          .sort((a, b) => a.sku.localeCompare(b.sku));
        return found.map(({ p, sku, name }) => ({
          id: p.id,
          customerId: p.customerId,
          productId: p.productId,
          sku,
          productName: name,
          unitPrice: p.unitPrice,
          minQuantity: p.minQuantity,
          validFrom: p.validFrom,
          validTo: p.validTo,
          note: p.note,
        }));
      });
    },

    async addCustomerPrice(
      ctx: Ctx,
      customerId: string,
      input: {
        sku?: string | undefined;
        productId?: string | undefined;
        unitPrice: string;
        minQuantity: string;
        validFrom: string | null;
        validTo: string | null;
        note: string | null;
      },
      idem: Idempotency | null,
    ) {
      return run.runIdempotent(ctx, idem, 201, async (tx) => {
        await customerOrThrow(tx, ctx.companyId, customerId);
        const product = await productIdOf(tx, ctx.companyId, input);
        const id = uuidv7();
        await tx.insert(customerPrices).values({
          companyId: ctx.companyId,
          id,
          customerId,
          productId: product.id,
          unitPrice: input.unitPrice,
          minQuantity: input.minQuantity,
          validFrom: input.validFrom,
          validTo: input.validTo,
          note: input.note,
        });
        return {
          id,
          customerId,
          productId: product.id,
          sku: product.sku,
          productName: product.name,
          unitPrice: input.unitPrice,
          minQuantity: input.minQuantity,
          validFrom: input.validFrom,
          validTo: input.validTo,
          note: input.note,
        };
      });
    },

    async deleteCustomerPrice(ctx: Ctx, customerId: string, priceId: string) {
      return run.run(ctx, async (tx) => {
        const gone = await tx
          .delete(customerPrices)
          .where(
            and(
              eq(customerPrices.companyId, ctx.companyId),
              eq(customerPrices.customerId, customerId),
              eq(customerPrices.id, priceId),
            ),
          )
          .returning({ id: customerPrices.id });
        if (!gone.length) throw notFound();
      });
    },

    // ---- discounts
    async listDiscounts(ctx: Ctx, customerId: string) {
      return run.read(async (db) => {
        await customerOrThrow(db, ctx.companyId, customerId);
        const rows = await db
          .select()
          .from(customerDiscounts)
          .where(and(eq(customerDiscounts.companyId, ctx.companyId), eq(customerDiscounts.customerId, customerId)))
          .orderBy(asc(customerDiscounts.scope), desc(customerDiscounts.percent));
        const names = await findProductsByRefs(
          db,
          ctx.companyId,
          rows.filter((r) => r.productId).map((r) => ({ productId: r.productId! })),
        );
        return rows
          .map((d) => ({ d, sku: d.productId ? (names.get(d.productId)?.sku ?? null) : null }))
          .map(({ d, sku }) => ({
            id: d.id,
            customerId: d.customerId,
            scope: d.scope,
            productId: d.productId,
            sku: sku ?? null,
            category: d.category,
            percent: d.percent,
            minOrderAmount: d.minOrderAmount,
            validFrom: d.validFrom,
            validTo: d.validTo,
            note: d.note,
          }));
      });
    },

    async addDiscount(
      ctx: Ctx,
      customerId: string,
      input: {
        scope: 'product' | 'category' | 'order';
        sku?: string | undefined;
        productId?: string | undefined;
        category: string | null;
        percent: string;
        minOrderAmount: string | null;
        validFrom: string | null;
        validTo: string | null;
        note: string | null;
      },
      idem: Idempotency | null,
    ) {
      return run.runIdempotent(ctx, idem, 201, async (tx) => {
        await customerOrThrow(tx, ctx.companyId, customerId);
        const product = input.scope === 'product' ? await productIdOf(tx, ctx.companyId, input) : null;
        const id = uuidv7();
        const row = {
          companyId: ctx.companyId,
          id,
          customerId,
          scope: input.scope,
          productId: product?.id ?? null,
          category: input.scope === 'category' ? input.category : null,
          percent: input.percent,
          minOrderAmount: input.scope === 'order' ? input.minOrderAmount : null,
          validFrom: input.validFrom,
          validTo: input.validTo,
          note: input.note,
        };
        await tx.insert(customerDiscounts).values(row);
        const { companyId: _c, createdAt: _t, ...dto } = { ...row, createdAt: null };
        return { ...dto, sku: product?.sku ?? null };
      });
    },

    async deleteDiscount(ctx: Ctx, customerId: string, discountId: string) {
      return run.run(ctx, async (tx) => {
        const gone = await tx
          .delete(customerDiscounts)
          .where(
            and(
              eq(customerDiscounts.companyId, ctx.companyId),
              eq(customerDiscounts.customerId, customerId),
              eq(customerDiscounts.id, discountId),
            ),
          )
          .returning({ id: customerDiscounts.id });
        if (!gone.length) throw notFound();
      });
    },

    // ---- price lists
    async listPriceLists(ctx: Ctx) {
      return run.read(async (db) => {
        const lists = await db
          .select()
          .from(priceLists)
          .where(eq(priceLists.companyId, ctx.companyId))
          .orderBy(asc(priceLists.code));
        const counts = await db
          .select({ id: priceListItems.priceListId, n: count() })
          .from(priceListItems)
          .where(eq(priceListItems.companyId, ctx.companyId))
          .groupBy(priceListItems.priceListId);
        const byId = new Map(counts.map((c) => [c.id, Number(c.n)]));
        return lists.map((l) => listDto(l, byId.get(l.id) ?? 0));
      });
    },

    async getPriceList(ctx: Ctx, id: string) {
      return run.read((db) => loadList(db, ctx.companyId, id));
    },

    async savePriceList(
      ctx: Ctx,
      id: string | null,
      input: PriceListInput,
      replaceItems: boolean,
      idem: Idempotency | null,
    ) {
      return run.runIdempotent(ctx, idem, id ? 200 : 201, async (tx) => {
        const [clash] = await tx
          .select({ id: priceLists.id })
          .from(priceLists)
          .where(and(eq(priceLists.companyId, ctx.companyId), eq(priceLists.code, input.code)));
        if (clash && clash.id !== id)
          throw new DomainError('duplicate_code', 409, [{ path: 'code', code: 'duplicate_code' }]);
        const listId = id ?? uuidv7();
        const values = {
          code: input.code,
          name: input.name,
          currency: input.currency,
          kind: input.kind,
          priority: input.priority,
          validFrom: input.validFrom,
          validTo: input.validTo,
          active: input.active,
          updatedAt: new Date(),
        };
        if (id) {
          const updated = await tx
            .update(priceLists)
            .set(values)
            .where(and(eq(priceLists.companyId, ctx.companyId), eq(priceLists.id, id)))
            .returning({ id: priceLists.id });
          if (!updated.length) throw notFound();
        } else await tx.insert(priceLists).values({ companyId: ctx.companyId, id: listId, ...values });
        if (replaceItems) await writeItems(tx, ctx.companyId, listId, input.items);
        return loadList(tx, ctx.companyId, listId);
      });
    },
  };
}
export type PricingService = ReturnType<typeof createPricingService>;

type ListRow = typeof priceLists.$inferSelect;
const listDto = (l: ListRow, itemCount: number) => ({
  id: l.id,
  code: l.code,
  name: l.name,
  currency: l.currency,
  kind: l.kind,
  priority: l.priority,
  validFrom: l.validFrom,
  validTo: l.validTo,
  active: l.active,
  itemCount,
});

async function loadList(q: Queryable, companyId: string, id: string) {
  const [l] = await q
    .select()
    .from(priceLists)
    .where(and(eq(priceLists.companyId, companyId), eq(priceLists.id, id)));
  if (!l) throw notFound();
  const rows = await q
    .select()
    .from(priceListItems)
    .where(and(eq(priceListItems.companyId, companyId), eq(priceListItems.priceListId, id)))
    .orderBy(asc(priceListItems.productId), asc(priceListItems.minQuantity));
  const names = await findProductsByRefs(
    q,
    companyId,
    rows.map((r) => ({ productId: r.productId })),
  );
  const items = rows
    .map((i) => ({ i, sku: names.get(i.productId)?.sku ?? '', name: names.get(i.productId)?.name ?? '' }))
    .sort(
      (a, b) =>
        a.sku.localeCompare(b.sku) || a.i.minQuantity.localeCompare(b.i.minQuantity, undefined, { numeric: true }),
    );
  return {
    ...listDto(l, items.length),
    items: items.map(({ i, sku, name }) => ({
      id: i.id,
      productId: i.productId,
      sku,
      productName: name,
      minQuantity: i.minQuantity,
      unitPrice: i.unitPrice,
    })),
  };
}

/** Replaces the items of a list: unknown products and duplicate (product, quantity break) pairs are field errors. */
async function writeItems(tx: Tx, companyId: string, listId: string, items: PriceListInput['items']) {
  const map = await findProductsByRefs(tx, companyId, items);
  const errors = missingProducts(map, items, 'items');
  const seen = new Set<string>();
  items.forEach((it, i) => {
    const p = pickProduct(map, it);
    const key = `${p?.id}|${it.minQuantity}`;
    if (p && seen.has(key)) errors.push({ path: `items.${i}.minQuantity`, code: 'duplicate_value' });
    seen.add(key);
  });
  if (errors.length) throw new DomainError('validation_failed', 422, errors);
  await tx
    .delete(priceListItems)
    .where(and(eq(priceListItems.companyId, companyId), eq(priceListItems.priceListId, listId)));
  for (let i = 0; i < items.length; i += 500) {
    const chunk = items.slice(i, i + 500).map((it) => ({
      companyId,
      id: uuidv7(),
      priceListId: listId,
      productId: pickProduct(map, it)!.id,
      minQuantity: it.minQuantity,
      unitPrice: it.unitPrice,
    }));
    if (chunk.length) await tx.insert(priceListItems).values(chunk);
  }
}
