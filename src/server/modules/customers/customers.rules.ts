import { and, asc, eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Queryable } from '@server/platform/db/connection';
import type { Ctx, Idempotency, Runner } from '@server/platform/db/runner';
import { DomainError, notFound } from '@server/platform/errors';
import { findIdByGtin, findIdBySku, findProductsByRefs, pickProduct } from '@server/modules/catalog';
import { defaultSeverity, type Finding, type Rule, type RuleInput } from '@shared/api/rules';
import { message, type Lang } from '@shared/messages';
import {
  evaluateRules,
  nextAllowedDeliveryDate,
  resolveCustomerProductCode,
  type CustomerRule,
  type RuleContext,
  type RuleFinding,
} from './domain/rules';
import { findById } from './customers.repo';
import { customerProductRefs, customerRules } from './customers.schema';

type RuleRow = typeof customerRules.$inferSelect;

const toDto = (r: RuleRow): Rule => ({
  id: r.id,
  customerId: r.customerId,
  kind: r.kind,
  shipToId: r.shipToId,
  severity: r.severity as Rule['severity'],
  params: r.params,
  note: r.note,
  active: r.active,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

const toDomain = (r: RuleRow): CustomerRule =>
  ({
    id: r.id,
    kind: r.kind,
    shipToId: r.shipToId,
    severity: r.severity,
    note: r.note,
    active: r.active,
    params: r.params,
  }) as CustomerRule;

/** A finding as the API shows it: with its message in the user's language and the rule's note beside it. */
export const findingDto = (f: RuleFinding, lang: Lang): Finding => ({
  code: f.code,
  severity: f.severity,
  message: message(f.code, lang, f.params),
  path: f.path,
  ruleId: f.ruleId,
  note: f.note,
  params: f.params,
});

export async function loadRules(q: Queryable, companyId: string, customerId: string): Promise<CustomerRule[]> {
  const rows = await q
    .select()
    .from(customerRules)
    .where(and(eq(customerRules.companyId, companyId), eq(customerRules.customerId, customerId)))
    .orderBy(asc(customerRules.position), asc(customerRules.createdAt));
  return rows.map(toDomain);
}

/**
 * Customer knowledge as data: constraint rules (delivery windows, closing periods, minimums, packaging, documents,
 * reference formats) with a note beside each, and the customer's own product codes. Orders, deliveries and
 * invoicing read them through `evaluate` and `resolveProductCode`.
 */
export function createCustomerRuleService({ run }: { run: Runner }) {
  async function customerOrThrow(q: Queryable, companyId: string, id: string) {
    const c = await findById(q, companyId, id);
    if (!c) throw notFound();
    return c;
  }

  function checkShipTo(c: { shipTos: { id: string }[] }, shipToId: string | null) {
    if (shipToId && !c.shipTos.some((s) => s.id === shipToId))
      throw new DomainError('validation_failed', 422, [{ path: 'shipToId', code: 'unknown_ship_to' }]);
  }

  async function evaluateFor(
    q: Queryable,
    companyId: string,
    customerId: string,
    input: Partial<RuleContext>,
    lang: Lang,
  ) {
    const c = await customerOrThrow(q, companyId, customerId);
    const shipTo = input.shipToId ? c.shipTos.find((s) => s.id === input.shipToId) : c.shipTos.find((s) => s.isDefault);
    if (input.shipToId && !shipTo)
      throw new DomainError('validation_failed', 422, [{ path: 'shipToId', code: 'unknown_ship_to' }]);
    const rules = await loadRules(q, companyId, customerId);
    const ctx: RuleContext = {
      shipToId: shipTo?.id ?? null,
      shipToWeekdays: shipTo?.deliveryWeekdays ?? null,
      deliveryDate: input.deliveryDate ?? null,
      deliveryTime: input.deliveryTime ?? null,
      orderAmount: input.orderAmount ?? null,
      orderQuantity: input.orderQuantity ?? null,
      customerReference: input.customerReference ?? null,
      requiresPoNumber: c.requiresPoNumber,
    };
    // The ship-to's weekdays and a delivery-window rule may refuse the same day: keep the rule's finding (it has the
    // note) and drop the ship-to's identical one. Distinct rules always keep their own findings.
    const all = evaluateRules(rules, ctx).map((f) => findingDto(f, lang));
    const key = (f: Finding) => `${f.code}|${f.path}|${f.message}`;
    const fromRules = new Set(all.filter((f) => f.ruleId).map(key));
    const findings = all.filter((f) => f.ruleId || !fromRules.has(key(f)));
    const next = input.deliveryDate
      ? nextAllowedDeliveryDate(
          rules,
          { shipToId: ctx.shipToId, shipToWeekdays: ctx.shipToWeekdays },
          input.deliveryDate,
        )
      : null;
    return { findings, nextAllowedDeliveryDate: next };
  }

  /** The product a customer means by one of its codes: cross-reference, prefix rule, our SKU or a GTIN. */
  async function resolveProductCode(q: Queryable, companyId: string, customerId: string, code: string) {
    const c = await customerOrThrow(q, companyId, customerId);
    const refs = await q
      .select({ customerCode: customerProductRefs.customerCode, productId: customerProductRefs.productId })
      .from(customerProductRefs)
      .where(and(eq(customerProductRefs.companyId, companyId), eq(customerProductRefs.customerId, customerId)));
    // The pure resolver takes synchronous lookups: load the few candidates it may ask for first.
    const candidates = new Set<string>([code.trim()]);
    if (c.productCodeRule.prefix && code.trim().toUpperCase().startsWith(c.productCodeRule.prefix.toUpperCase()))
      candidates.add(code.trim().slice(c.productCodeRule.prefix.length));
    const bySku = new Map<string, string>();
    for (const sku of candidates) {
      const id = await findIdBySku(q, companyId, sku);
      if (id) bySku.set(sku, id);
    }
    const gtinId = /^\d{8,14}$/.test(code.trim()) ? await findIdByGtin(q, companyId, code.trim()) : null;
    return resolveCustomerProductCode(
      code,
      c.productCodeRule,
      refs,
      (sku) => bySku.get(sku) ?? null,
      (g) => (g === code.trim() ? gtinId : null),
    );
  }

  return {
    evaluateFor,

    async list(ctx: Ctx, customerId: string): Promise<Rule[]> {
      return run.read(async (db) => {
        await customerOrThrow(db, ctx.companyId, customerId);
        const rows = await db
          .select()
          .from(customerRules)
          .where(and(eq(customerRules.companyId, ctx.companyId), eq(customerRules.customerId, customerId)))
          .orderBy(asc(customerRules.position), asc(customerRules.createdAt));
        return rows.map(toDto);
      });
    },

    async create(ctx: Ctx, customerId: string, input: RuleInput, idem: Idempotency | null) {
      return run.runIdempotent(ctx, idem, 201, async (tx) => {
        const c = await customerOrThrow(tx, ctx.companyId, customerId);
        checkShipTo(c, input.shipToId);
        const now = new Date();
        const [row] = await tx
          .insert(customerRules)
          .values({
            companyId: ctx.companyId,
            id: uuidv7(),
            customerId,
            shipToId: input.shipToId,
            kind: input.kind,
            severity: input.severity ?? defaultSeverity[input.kind],
            params: input.params as Record<string, unknown>,
            note: input.note,
            active: input.active,
            position: Date.now() % 2_000_000_000,
            createdAt: now,
            updatedAt: now,
          })
          .returning();
        return toDto(row!);
      });
    },

    async update(ctx: Ctx, customerId: string, ruleId: string, input: RuleInput): Promise<Rule> {
      return run.run(ctx, async (tx) => {
        const c = await customerOrThrow(tx, ctx.companyId, customerId);
        checkShipTo(c, input.shipToId);
        const [row] = await tx
          .update(customerRules)
          .set({
            kind: input.kind,
            shipToId: input.shipToId,
            severity: input.severity ?? defaultSeverity[input.kind],
            params: input.params as Record<string, unknown>,
            note: input.note,
            active: input.active,
            updatedAt: new Date(),
          })
          .where(
            and(
              eq(customerRules.companyId, ctx.companyId),
              eq(customerRules.customerId, customerId),
              eq(customerRules.id, ruleId),
            ),
          )
          .returning();
        if (!row) throw notFound();
        return toDto(row);
      });
    },

    async remove(ctx: Ctx, customerId: string, ruleId: string) {
      return run.run(ctx, async (tx) => {
        const gone = await tx
          .delete(customerRules)
          .where(
            and(
              eq(customerRules.companyId, ctx.companyId),
              eq(customerRules.customerId, customerId),
              eq(customerRules.id, ruleId),
            ),
          )
          .returning({ id: customerRules.id });
        if (!gone.length) throw notFound();
      });
    },

    evaluate: (ctx: Ctx, customerId: string, input: Partial<RuleContext>) =>
      run.read((db) => evaluateFor(db, ctx.companyId, customerId, input, ctx.lang)),

    // ---- the customer's own product codes
    async listReferences(ctx: Ctx, customerId: string) {
      return run.read(async (db) => {
        await customerOrThrow(db, ctx.companyId, customerId);
        const rows = await db
          .select()
          .from(customerProductRefs)
          .where(and(eq(customerProductRefs.companyId, ctx.companyId), eq(customerProductRefs.customerId, customerId)))
          .orderBy(asc(customerProductRefs.customerCode));
        const names = await findProductsByRefs(
          db,
          ctx.companyId,
          rows.map((r) => ({ productId: r.productId })),
        );
        return rows.map((r) => ({
          id: r.id,
          customerCode: r.customerCode,
          productId: r.productId,
          sku: names.get(r.productId)?.sku ?? '',
          productName: names.get(r.productId)?.name ?? '',
          description: r.description,
        }));
      });
    },

    /** Adds or replaces references (keyed by the customer's code, case-insensitive). */
    async addReferences(
      ctx: Ctx,
      customerId: string,
      refs: {
        customerCode: string;
        sku?: string | undefined;
        productId?: string | undefined;
        description: string | null;
      }[],
      idem: Idempotency | null,
    ) {
      return run.runIdempotent(ctx, idem, 201, async (tx) => {
        await customerOrThrow(tx, ctx.companyId, customerId);
        const map = await findProductsByRefs(tx, ctx.companyId, refs);
        const errors = refs.flatMap((r, i) =>
          pickProduct(map, r)
            ? []
            : [{ path: `references.${i}.${r.sku ? 'sku' : 'productId'}`, code: 'unknown_product' }],
        );
        const seen = new Set<string>();
        refs.forEach((r, i) => {
          const k = r.customerCode.toUpperCase();
          if (seen.has(k)) errors.push({ path: `references.${i}.customerCode`, code: 'duplicate_value' });
          seen.add(k);
        });
        if (errors.length) throw new DomainError('validation_failed', 422, errors);
        const existing = await tx
          .select()
          .from(customerProductRefs)
          .where(and(eq(customerProductRefs.companyId, ctx.companyId), eq(customerProductRefs.customerId, customerId)));
        const byCode = new Map(existing.map((e) => [e.customerCode.toUpperCase(), e]));
        for (const r of refs) {
          const productId = pickProduct(map, r)!.id;
          const prev = byCode.get(r.customerCode.toUpperCase());
          if (prev)
            await tx
              .update(customerProductRefs)
              .set({ productId, customerCode: r.customerCode, description: r.description })
              .where(and(eq(customerProductRefs.companyId, ctx.companyId), eq(customerProductRefs.id, prev.id)));
          else
            await tx.insert(customerProductRefs).values({
              companyId: ctx.companyId,
              id: uuidv7(),
              customerId,
              customerCode: r.customerCode,
              productId,
              description: r.description,
            });
        }
        return { count: refs.length };
      });
    },

    async removeReference(ctx: Ctx, customerId: string, refId: string) {
      return run.run(ctx, async (tx) => {
        const gone = await tx
          .delete(customerProductRefs)
          .where(
            and(
              eq(customerProductRefs.companyId, ctx.companyId),
              eq(customerProductRefs.customerId, customerId),
              eq(customerProductRefs.id, refId),
            ),
          )
          .returning({ id: customerProductRefs.id });
        if (!gone.length) throw notFound();
      });
    },

    resolveProductCode,
    /** The product a customer code means, with its SKU and name, and how it matched. */
    resolve: (ctx: Ctx, customerId: string, code: string) =>
      run.read(async (db) => {
        const found = await resolveProductCode(db, ctx.companyId, customerId, code);
        if (!found) return null;
        const product = (await findProductsByRefs(db, ctx.companyId, [{ productId: found.productId }])).get(
          found.productId,
        );
        return { ...found, sku: product?.sku ?? '', name: product?.name ?? '' };
      }),
  };
}
export type CustomerRuleService = ReturnType<typeof createCustomerRuleService>;
