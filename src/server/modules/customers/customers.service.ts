import { and, eq, inArray, notInArray } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Tx } from '@server/platform/db/connection';
import type { Ctx, Idempotency, Runner } from '@server/platform/db/runner';
import { DomainError, notFound, zodFieldErrors } from '@server/platform/errors';
import { parseSort } from '@server/platform/http/pagination';
import { companyUsers } from '@server/platform/platform.schema';
import { customerCreateSchema, type Customer, type CustomerCreate, type CustomerPatch } from '@shared/api/customers';
import * as repo from './customers.repo';
import { customerContacts, customers, customerShipTos } from './customers.schema';

type ShipToIn = CustomerCreate['shipTos'][number];
type ContactIn = CustomerCreate['contacts'][number];

/** Customers: identity, terms, ship-tos with their constraints, contacts, portfolio. */
export function createCustomerService({ run }: { run: Runner }) {
  async function assertMembers(
    tx: Tx,
    ctx: Ctx,
    c: Pick<CustomerCreate, 'accountManagerId' | 'backupManagerId' | 'salesRepId'>,
  ) {
    const wanted = [c.accountManagerId, c.backupManagerId, c.salesRepId].filter((x): x is string => !!x);
    if (wanted.length === 0) return;
    const found = await tx
      .select({ id: companyUsers.userId })
      .from(companyUsers)
      .where(and(eq(companyUsers.companyId, ctx.companyId), inArray(companyUsers.userId, wanted)));
    const ids = new Set(found.map((f) => f.id));
    const errors = (['accountManagerId', 'backupManagerId', 'salesRepId'] as const)
      .filter((k) => c[k] && !ids.has(c[k]!))
      .map((k) => ({ path: k, code: 'unknown_user' }));
    if (errors.length) throw new DomainError('validation_failed', 422, errors);
  }

  async function assertCodeFree(tx: Tx, ctx: Ctx, code: string, selfId?: string) {
    const other = await repo.findIdByCode(tx, ctx.companyId, code);
    if (other && other !== selfId)
      throw new DomainError('duplicate_code', 409, [{ path: 'code', code: 'duplicate_code' }]);
  }

  /** A customer always has exactly one default ship-to: the billing address when none is given. */
  function normalizeShipTos(c: CustomerCreate): ShipToIn[] {
    const list = c.shipTos.length
      ? c.shipTos
      : [
          {
            code: 'PRINCIPAL',
            name: c.name,
            isDefault: true,
            gln: null,
            address: c.billingAddress,
            contactName: null,
            contactPhone: null,
            contactEmail: null,
            deliveryWeekdays: null,
            constraints: [],
          },
        ];
    if (!list.some((s) => s.isDefault)) return list.map((s, i) => ({ ...s, isDefault: i === 0 }));
    return list;
  }

  async function writeChildren(
    tx: Tx,
    ctx: Ctx,
    customerId: string,
    shipTos: ShipToIn[] | undefined,
    contacts: ContactIn[] | undefined,
  ) {
    if (shipTos) {
      const keep = shipTos.map((s) => s.id).filter((x): x is string => !!x);
      await tx
        .delete(customerShipTos)
        .where(
          and(
            eq(customerShipTos.companyId, ctx.companyId),
            eq(customerShipTos.customerId, customerId),
            ...(keep.length ? [notInArray(customerShipTos.id, keep)] : []),
          ),
        );
      for (const [position, s] of shipTos.entries()) {
        const values = {
          code: s.code,
          name: s.name,
          isDefault: s.isDefault,
          gln: s.gln,
          address: s.address,
          contactName: s.contactName,
          contactPhone: s.contactPhone,
          contactEmail: s.contactEmail,
          deliveryWeekdays: s.deliveryWeekdays,
          constraints: s.constraints,
          position,
        };
        const id = s.id ?? uuidv7();
        await tx
          .insert(customerShipTos)
          .values({ companyId: ctx.companyId, id, customerId, ...values })
          .onConflictDoUpdate({
            target: [customerShipTos.companyId, customerShipTos.id],
            set: values,
            setWhere: eq(customerShipTos.customerId, customerId),
          });
      }
    }
    if (contacts) {
      const keep = contacts.map((s) => s.id).filter((x): x is string => !!x);
      await tx
        .delete(customerContacts)
        .where(
          and(
            eq(customerContacts.companyId, ctx.companyId),
            eq(customerContacts.customerId, customerId),
            ...(keep.length ? [notInArray(customerContacts.id, keep)] : []),
          ),
        );
      for (const [position, k] of contacts.entries()) {
        const values = { name: k.name, role: k.role, email: k.email, phone: k.phone, position };
        await tx
          .insert(customerContacts)
          .values({ companyId: ctx.companyId, id: k.id ?? uuidv7(), customerId, ...values })
          .onConflictDoUpdate({
            target: [customerContacts.companyId, customerContacts.id],
            set: values,
            setWhere: eq(customerContacts.customerId, customerId),
          });
      }
    }
  }

  return {
    async create(ctx: Ctx, input: CustomerCreate, idem: Idempotency | null) {
      return run.runIdempotent(ctx, idem, 201, async (tx) => {
        await assertCodeFree(tx, ctx, input.code);
        await assertMembers(tx, ctx, input);
        const id = uuidv7();
        const now = new Date();
        await tx.insert(customers).values({
          companyId: ctx.companyId,
          id,
          code: input.code,
          name: input.name,
          siren: input.siren,
          siret: input.siret,
          vatNumber: input.vatNumber,
          countryCode: input.countryCode,
          currency: input.currency,
          language: input.language,
          gln: input.gln,
          paymentTerms: input.paymentTerms,
          creditLimit: input.creditLimit,
          requiresPoNumber: input.requiresPoNumber,
          billingAddress: input.billingAddress,
          productCodeRule: input.productCodeRule,
          accountManagerId: input.accountManagerId,
          backupManagerId: input.backupManagerId,
          ...commercial(input),
          createdAt: now,
          updatedAt: now,
        });
        await writeChildren(tx, ctx, id, normalizeShipTos(input), input.contacts);
        return (await repo.findById(tx, ctx.companyId, id))!;
      });
    },

    async update(ctx: Ctx, id: string, patch: CustomerPatch): Promise<Customer> {
      return run.run(ctx, async (tx) => {
        const current = await repo.findById(tx, ctx.companyId, id);
        if (!current) throw notFound();
        // The patch is merged over the current record and the whole is validated again (cross-field rules).
        const merged = customerCreateSchema.safeParse({ ...current, ...stripUndefined(patch) });
        if (!merged.success) throw new DomainError('validation_failed', 422, zodFieldErrors(merged.error.issues));
        const next = merged.data;
        if (patch.code !== undefined) await assertCodeFree(tx, ctx, next.code, id);
        await assertMembers(tx, ctx, next);
        // Ship-to ids must belong to this customer: an unknown id is treated as a new site.
        const ownShip = new Set(current.shipTos.map((s) => s.id));
        const ownContacts = new Set(current.contacts.map((s) => s.id));
        await tx
          .update(customers)
          .set({
            code: next.code,
            name: next.name,
            siren: next.siren,
            siret: next.siret,
            vatNumber: next.vatNumber,
            countryCode: next.countryCode,
            currency: next.currency,
            language: next.language,
            gln: next.gln,
            paymentTerms: next.paymentTerms,
            creditLimit: next.creditLimit,
            requiresPoNumber: next.requiresPoNumber,
            billingAddress: next.billingAddress,
            productCodeRule: next.productCodeRule,
            accountManagerId: next.accountManagerId,
            backupManagerId: next.backupManagerId,
            ...commercial(next),
            version: current.version + 1,
            updatedAt: new Date(),
          })
          .where(and(eq(customers.companyId, ctx.companyId), eq(customers.id, id)));
        await writeChildren(
          tx,
          ctx,
          id,
          patch.shipTos !== undefined
            ? normalizeShipTos({
                ...next,
                shipTos: next.shipTos.map((s) => (s.id && ownShip.has(s.id) ? s : { ...s, id: undefined })),
              })
            : undefined,
          patch.contacts !== undefined
            ? next.contacts.map((k) => (k.id && ownContacts.has(k.id) ? k : { ...k, id: undefined }))
            : undefined,
        );
        return (await repo.findById(tx, ctx.companyId, id))!;
      });
    },

    async get(ctx: Ctx, id: string): Promise<Customer> {
      const c = await run.read((db) => repo.findById(db, ctx.companyId, id));
      if (!c) throw notFound();
      return c;
    },

    async list(
      ctx: Ctx,
      query: {
        limit: number;
        cursor?: string | undefined;
        q?: string | undefined;
        sort?: string | undefined;
        portfolio?: 'me' | undefined;
      } & repo.CustomerFilter,
    ) {
      const sort = parseSort(query.sort, repo.customerSortColumns, 'code');
      const filter = { ...query, portfolioUserId: query.portfolio === 'me' ? (ctx.userId ?? undefined) : undefined };
      return run.read((db) => repo.list(db, ctx.companyId, filter, sort, query.limit, query.cursor));
    },
  };
}
export type CustomerService = ReturnType<typeof createCustomerService>;

/** Commercial terms beyond the identity: payment method, invoicing preferences, Incoterm, carrier, price list. */
const commercial = (c: CustomerCreate) => ({
  salesRepId: c.salesRepId,
  paymentMethod: c.paymentMethod,
  invoicing: c.invoicing,
  defaultIncoterm: c.defaultIncoterm,
  incotermPlace: c.incotermPlace,
  defaultCarrier: c.defaultCarrier,
  priceListId: c.priceListId,
});

const stripUndefined = <T extends object>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
