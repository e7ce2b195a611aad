import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Queryable, Tx } from '@server/platform/db/connection';
import type { Ctx, Idempotency, Runner } from '@server/platform/db/runner';
import { DomainError, notFound } from '@server/platform/errors';
import { enqueue, type JobHandler } from '@server/platform/outbox/outbox';
import { queueMail } from '@server/platform/mail/mail';
import { nextDocumentNumber } from '@server/platform/numbering/numbering';
import { findProductsByRefs, pickProduct } from '@server/modules/catalog';
import { customerNames, findCustomer } from '@server/modules/customers';
import { companyUsers, users } from '@server/platform/platform.schema';
import { addDays } from '@shared/dates';
import { dec, toQuantityString } from '@shared/decimal';
import type { Contract, ContractInput } from '@shared/api/pricing';
import { contractLines, contracts } from './pricing.schema';
import { missingProducts, todayIso } from './pricing.service';

type Row = typeof contracts.$inferSelect;
type LineRow = typeof contractLines.$inferSelect;

/** Where a contract stands on a date: terminated by hand, or by its validity dates. */
export function contractStatus(c: Pick<Row, 'status' | 'validFrom' | 'validTo'>, today: string): Contract['status'] {
  if (c.status === 'terminated') return 'terminated';
  if (today < c.validFrom) return 'upcoming';
  if (today > c.validTo) return 'expired';
  return 'active';
}

/** The renewal alert is due from (renewal date − alert days) while the contract still runs. */
export function renewalDue(
  c: Pick<Row, 'status' | 'validFrom' | 'validTo' | 'renewalDate' | 'alertDays'>,
  today: string,
): boolean {
  if (!c.renewalDate) return false;
  const status = contractStatus(c, today);
  return (status === 'active' || status === 'upcoming') && today >= addDays(c.renewalDate, -c.alertDays);
}

type ProductNames = Map<string, { sku: string; name: string }>;

async function productNames(q: Queryable, companyId: string, lines: LineRow[]): Promise<ProductNames> {
  return findProductsByRefs(
    q,
    companyId,
    lines.map((l) => ({ productId: l.productId })),
  );
}

function toDto(c: Row, lines: LineRow[], customerName: string, names: ProductNames): Contract {
  const today = todayIso();
  return {
    id: c.id,
    customerId: c.customerId,
    customerName,
    number: c.number,
    title: c.title,
    validFrom: c.validFrom,
    validTo: c.validTo,
    renewalDate: c.renewalDate,
    alertDays: c.alertDays,
    status: contractStatus(c, today),
    renewalDue: renewalDue(c, today),
    note: c.note,
    lines: lines
      .sort((a, b) => a.position - b.position)
      .map((l) => ({
        id: l.id,
        productId: l.productId,
        sku: names.get(l.productId)?.sku ?? '',
        productName: names.get(l.productId)?.name ?? '',
        unitPrice: l.unitPrice,
        minQuantity: toQuantityString(l.minQuantity),
        committedQuantity: l.committedQuantity === null ? null : toQuantityString(l.committedQuantity),
        consumedQuantity: toQuantityString(l.consumedQuantity),
        consumptionRate:
          l.committedQuantity && dec(l.committedQuantity).gt(0)
            ? dec(l.consumedQuantity).div(l.committedQuantity).toDecimalPlaces(4).toFixed(4)
            : null,
      })),
    version: c.version,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

async function load(q: Queryable, companyId: string, id: string): Promise<Contract> {
  const [c] = await q
    .select()
    .from(contracts)
    .where(and(eq(contracts.companyId, companyId), eq(contracts.id, id)));
  if (!c) throw notFound();
  const lines = await q
    .select()
    .from(contractLines)
    .where(and(eq(contractLines.companyId, companyId), eq(contractLines.contractId, id)));
  const customer = await findCustomer(q, companyId, c.customerId);
  return toDto(c, lines, customer?.name ?? '', await productNames(q, companyId, lines));
}

/** Sales contracts (framework agreements): negotiated prices, committed volumes and their consumption, renewal. */
export function createContractService({ run }: { run: Runner }) {
  async function writeLines(tx: Tx, ctx: Ctx, contractId: string, lines: ContractInput['lines']) {
    const map = await findProductsByRefs(tx, ctx.companyId, lines);
    const errors = missingProducts(map, lines, 'lines');
    if (errors.length) throw new DomainError('validation_failed', 422, errors);
    const existing = await tx
      .select()
      .from(contractLines)
      .where(and(eq(contractLines.companyId, ctx.companyId), eq(contractLines.contractId, contractId)));
    // Consumption already recorded for a product is kept when the lines are rewritten.
    const consumed = new Map(
      existing.map((l) => [`${l.productId}|${dec(l.minQuantity).toString()}`, l.consumedQuantity]),
    );
    await tx
      .delete(contractLines)
      .where(and(eq(contractLines.companyId, ctx.companyId), eq(contractLines.contractId, contractId)));
    if (lines.length)
      await tx.insert(contractLines).values(
        lines.map((l, position) => {
          const productId = pickProduct(map, l)!.id;
          return {
            companyId: ctx.companyId,
            id: uuidv7(),
            contractId,
            productId,
            unitPrice: l.unitPrice,
            minQuantity: l.minQuantity,
            committedQuantity: l.committedQuantity,
            consumedQuantity: consumed.get(`${productId}|${dec(l.minQuantity).toString()}`) ?? '0',
            position,
          };
        }),
      );
  }

  /** A scheduled job reminds the account manager before the renewal date (deduplicated per date and delay). */
  async function scheduleRenewalAlert(
    tx: Tx,
    ctx: Ctx,
    id: string,
    input: Pick<ContractInput, 'renewalDate' | 'alertDays'>,
  ) {
    if (!input.renewalDate) return;
    const alertOn = addDays(input.renewalDate, -input.alertDays);
    await enqueue(tx, ctx.companyId, {
      topic: 'contract.renewal_alert',
      payload: { contractId: id, renewalDate: input.renewalDate },
      dedupeKey: `contract-renewal:${id}:${input.renewalDate}:${input.alertDays}`,
      runAt: new Date(`${alertOn}T07:00:00Z`),
    });
  }

  return {
    async list(
      ctx: Ctx,
      filter: { customerId?: string | undefined; renewalDue?: boolean | undefined; status?: string | undefined },
    ) {
      return run.read(async (db) => {
        const rows = await db
          .select()
          .from(contracts)
          .where(
            and(
              eq(contracts.companyId, ctx.companyId),
              filter.customerId ? eq(contracts.customerId, filter.customerId) : undefined,
            ),
          )
          .orderBy(desc(contracts.validTo), asc(contracts.number))
          .limit(500);
        const lines = rows.length
          ? await db
              .select()
              .from(contractLines)
              .where(
                and(
                  eq(contractLines.companyId, ctx.companyId),
                  inArray(
                    contractLines.contractId,
                    rows.map((r) => r.id),
                  ),
                ),
              )
          : [];
        // names of every customer and product in two queries, whatever the number of contracts
        const [customers, products] = await Promise.all([
          customerNames(
            db,
            ctx.companyId,
            rows.map((r) => r.customerId),
          ),
          productNames(db, ctx.companyId, lines),
        ]);
        const out = rows.map((c) =>
          toDto(
            c,
            lines.filter((l) => l.contractId === c.id),
            customers.get(c.customerId) ?? '',
            products,
          ),
        );
        return out.filter(
          (c) =>
            (filter.renewalDue === undefined || c.renewalDue === filter.renewalDue) &&
            (!filter.status || c.status === filter.status),
        );
      });
    },

    get: (ctx: Ctx, id: string) => run.read((db) => load(db, ctx.companyId, id)),

    async create(ctx: Ctx, input: ContractInput, idem: Idempotency | null) {
      return run.runIdempotent(ctx, idem, 201, async (tx) => {
        if (!(await findCustomer(tx, ctx.companyId, input.customerId)))
          throw new DomainError('validation_failed', 422, [{ path: 'customerId', code: 'unknown_customer' }]);
        const number =
          input.number ?? (await nextDocumentNumber(tx, ctx.companyId, 'CT', Number(input.validFrom.slice(0, 4)), 4));
        const [clash] = await tx
          .select({ id: contracts.id })
          .from(contracts)
          .where(and(eq(contracts.companyId, ctx.companyId), eq(contracts.number, number)));
        if (clash) throw new DomainError('duplicate_code', 409, [{ path: 'number', code: 'duplicate_code' }]);
        const id = uuidv7();
        await tx.insert(contracts).values({
          companyId: ctx.companyId,
          id,
          customerId: input.customerId,
          number,
          title: input.title,
          validFrom: input.validFrom,
          validTo: input.validTo,
          renewalDate: input.renewalDate,
          alertDays: input.alertDays,
          note: input.note,
        });
        await writeLines(tx, ctx, id, input.lines);
        await scheduleRenewalAlert(tx, ctx, id, input);
        return load(tx, ctx.companyId, id);
      });
    },

    async update(ctx: Ctx, id: string, input: ContractInput) {
      return run.run(ctx, async (tx) => {
        const [current] = await tx
          .select()
          .from(contracts)
          .where(and(eq(contracts.companyId, ctx.companyId), eq(contracts.id, id)));
        if (!current) throw notFound();
        if (input.customerId !== current.customerId)
          throw new DomainError('validation_failed', 422, [{ path: 'customerId', code: 'immutable_field' }]);
        await tx
          .update(contracts)
          .set({
            title: input.title,
            validFrom: input.validFrom,
            validTo: input.validTo,
            renewalDate: input.renewalDate,
            alertDays: input.alertDays,
            note: input.note,
            version: current.version + 1,
            updatedAt: new Date(),
          })
          .where(and(eq(contracts.companyId, ctx.companyId), eq(contracts.id, id)));
        await writeLines(tx, ctx, id, input.lines);
        await scheduleRenewalAlert(tx, ctx, id, input);
        return load(tx, ctx.companyId, id);
      });
    },

    async terminate(ctx: Ctx, id: string) {
      return run.run(ctx, async (tx) => {
        const done = await tx
          .update(contracts)
          .set({ status: 'terminated', updatedAt: new Date() })
          .where(and(eq(contracts.companyId, ctx.companyId), eq(contracts.id, id)))
          .returning({ id: contracts.id });
        if (!done.length) throw notFound();
        return load(tx, ctx.companyId, id);
      });
    },

    /** Adds ordered quantities to the contract lines of a product (called by the order module at confirmation). */
    async recordConsumption(tx: Tx, companyId: string, contractId: string, productId: string, quantity: string) {
      const lines = await tx
        .select()
        .from(contractLines)
        .where(
          and(
            eq(contractLines.companyId, companyId),
            eq(contractLines.contractId, contractId),
            eq(contractLines.productId, productId),
          ),
        );
      const line = lines[0];
      if (!line) return;
      await tx
        .update(contractLines)
        .set({ consumedQuantity: dec(line.consumedQuantity).plus(quantity).toString() })
        .where(and(eq(contractLines.companyId, companyId), eq(contractLines.id, line.id)));
    },
  };
}
export type ContractService = ReturnType<typeof createContractService>;

/** The renewal reminder: an e-mail to the account manager (or the company's ADV address) when still relevant. */
export function createRenewalAlertHandler(run: Runner): JobHandler {
  return async (job) => {
    const ctx: Ctx = { companyId: job.companyId, userId: null, roles: [], requestId: `job:${job.id}`, lang: 'fr' };
    await run.run(ctx, async (tx) => {
      const [c] = await tx
        .select()
        .from(contracts)
        .where(and(eq(contracts.companyId, job.companyId), eq(contracts.id, String(job.payload.contractId))));
      if (!c || c.renewalDate !== job.payload.renewalDate || !renewalDue(c, todayIso())) return;
      const customer = await findCustomer(tx, job.companyId, c.customerId);
      const managerId = customer?.accountManagerId;
      const [manager] = managerId
        ? await tx
            .select({ email: users.email, name: users.name })
            .from(users)
            .innerJoin(companyUsers, and(eq(companyUsers.userId, users.id), eq(companyUsers.companyId, job.companyId)))
            .where(eq(users.id, managerId))
        : [];
      if (!manager) return;
      await queueMail(tx, job.companyId, {
        to: [manager.email],
        subject: `Contrat ${c.number} (${customer?.name ?? ''}) : renouvellement le ${c.renewalDate}`,
        text: `Bonjour ${manager.name},\n\nLe contrat ${c.number} « ${c.title} » du client ${customer?.name ?? ''} arrive à échéance (${c.validTo}) ; date de renouvellement : ${c.renewalDate}.\n\nRelais`,
        related: { type: 'contract', id: c.id },
      });
    });
  };
}
