import { and, eq, inArray } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Principal } from '@server/platform/auth/auth.service';
import type { Ctx, Idempotency, Runner } from '@server/platform/db/runner';
import { DomainError, forbidden, notFound, zodFieldErrors } from '@server/platform/errors';
import { companies, companyUsers } from '@server/platform/platform.schema';
import type { Queryable, Tx } from '@server/platform/db/connection';
import { companyCreateSchema, type Company, type CompanyCreate } from '@shared/api/companies';
import type { Lang } from '@shared/messages';
import { can } from '@server/platform/auth/permissions';

type Row = typeof companies.$inferSelect;

export const toDto = (c: Row): Company => ({
  id: c.id,
  name: c.name,
  legalForm: c.legalForm,
  shareCapital: c.shareCapital,
  siren: c.siren,
  rcsCity: c.rcsCity,
  vatNumber: c.vatNumber,
  address: c.address as Company['address'],
  iban: c.iban,
  bic: c.bic,
  currency: c.currency,
  email: c.email,
  phone: c.phone,
  eori: c.eori,
  gs1CompanyPrefix: c.gs1CompanyPrefix,
  ssccExtensionDigit: c.ssccExtensionDigit,
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
});

/** The company's order promise and calendar settings as stored (jsonb; `orders/domain/calendar.ts` reads them). */
export async function companyOrderSettings(q: Queryable, id: string): Promise<unknown> {
  const [c] = await q.select({ s: companies.orderSettings }).from(companies).where(eq(companies.id, id));
  return c?.s ?? null;
}

/** The company's invoicing settings as stored (jsonb; the invoicing module applies its defaults). */
export async function companyInvoiceSettings(q: Queryable, id: string): Promise<unknown> {
  const [c] = await q.select({ s: companies.invoiceSettings }).from(companies).where(eq(companies.id, id));
  return c?.s ?? null;
}

/** Replaces the invoicing settings (audited through the companies trigger). */
export async function setCompanyInvoiceSettings(tx: Tx, id: string, settings: Record<string, unknown>): Promise<void> {
  await tx.update(companies).set({ invoiceSettings: settings, updatedAt: new Date() }).where(eq(companies.id, id));
}

export async function findCompany(q: Queryable, id: string): Promise<Company | null> {
  const [c] = await q.select().from(companies).where(eq(companies.id, id));
  return c ? toDto(c) : null;
}

const principalCtx = (p: Principal, companyId: string, requestId: string, lang: Lang): Ctx => ({
  companyId,
  userId: p.userId,
  roles: p.memberships.find((m) => m.id === companyId)?.roles ?? [],
  requestId,
  lang,
});

/** Companies are the tenants. A user sees those they belong to; platform admins create new ones. */
export function createCompanyService({ run }: { run: Runner }) {
  return {
    async list(p: Principal): Promise<Company[]> {
      const ids = p.memberships.map((m) => m.id);
      if (!ids.length) return [];
      return run.read(async (db) =>
        (await db.select().from(companies).where(inArray(companies.id, ids)).orderBy(companies.name)).map(toDto),
      );
    },

    async get(p: Principal, id: string): Promise<Company> {
      if (!p.memberships.some((m) => m.id === id)) throw notFound();
      const c = await run.read((db) => findCompany(db, id));
      if (!c) throw notFound();
      return c;
    },

    async create(p: Principal, input: CompanyCreate, idem: Idempotency | null, requestId: string, lang: Lang) {
      if (!p.isAdmin && !p.memberships.some((m) => m.roles.includes('admin'))) throw forbidden();
      // Idempotency keys of company creation are scoped to the creating user (there is no company yet).
      const ctx = principalCtx(p, p.userId, requestId, lang);
      return run.runIdempotent(ctx, idem, 201, async (tx) => {
        const id = uuidv7();
        const now = new Date();
        await tx.insert(companies).values({ id, ...input, createdAt: now, updatedAt: now });
        await tx
          .insert(companyUsers)
          .values({ companyId: id, userId: p.userId, roles: ['admin'], isDefault: p.memberships.length === 0 });
        return toDto((await tx.select().from(companies).where(eq(companies.id, id)))[0]!);
      });
    },

    async update(
      p: Principal,
      id: string,
      patch: Partial<CompanyCreate>,
      requestId: string,
      lang: Lang,
    ): Promise<Company> {
      const ctx = principalCtx(p, id, requestId, lang);
      if (!p.memberships.some((m) => m.id === id)) throw notFound();
      if (!can(ctx.roles, 'company:write')) throw forbidden();
      return run.run(ctx, async (tx) => {
        const current = await findCompany(tx, id);
        if (!current) throw notFound();
        const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
        const merged = companyCreateSchema.safeParse({ ...current, ...defined });
        if (!merged.success) throw new DomainError('validation_failed', 422, zodFieldErrors(merged.error.issues));
        await tx
          .update(companies)
          .set({ ...merged.data, updatedAt: new Date() })
          .where(eq(companies.id, id));
        return (await findCompany(tx, id))!;
      });
    },

    /** Adds a user to a company with roles (or updates the roles). */
    async addMember(ctx: Ctx, userId: string, roles: string[]) {
      return run.run(ctx, async (tx) => {
        await tx
          .insert(companyUsers)
          .values({ companyId: ctx.companyId, userId, roles, isDefault: false })
          .onConflictDoUpdate({ target: [companyUsers.companyId, companyUsers.userId], set: { roles } });
        const others = await tx
          .select()
          .from(companyUsers)
          .where(and(eq(companyUsers.userId, userId), eq(companyUsers.isDefault, true)));
        if (!others.length)
          await tx
            .update(companyUsers)
            .set({ isDefault: true })
            .where(and(eq(companyUsers.companyId, ctx.companyId), eq(companyUsers.userId, userId)));
      });
    },
  };
}
export type CompanyService = ReturnType<typeof createCompanyService>;
