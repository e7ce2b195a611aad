import { and, count, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '@server/platform/db/connection';
import { afterCursor, containsPattern, orderBy, toPage, type Sort } from '@server/platform/http/pagination';
import type { Customer } from '@shared/api/customers';
import { customerContacts, customers, customerShipTos } from './customers.schema';

type CustomerRow = typeof customers.$inferSelect;
type ShipToRow = typeof customerShipTos.$inferSelect;
type ContactRow = typeof customerContacts.$inferSelect;

export const customerSortColumns = {
  code: customers.code,
  name: customers.name,
  city: sql`(${customers.billingAddress}->>'city')`,
  countryCode: customers.countryCode,
  createdAt: customers.createdAt,
};

export function toDto(c: CustomerRow, shipTos: ShipToRow[], contacts: ContactRow[]): Customer {
  return {
    id: c.id,
    code: c.code,
    name: c.name,
    siren: c.siren,
    siret: c.siret,
    vatNumber: c.vatNumber,
    countryCode: c.countryCode,
    currency: c.currency,
    language: c.language,
    gln: c.gln,
    paymentTerms: c.paymentTerms,
    creditLimit: c.creditLimit,
    requiresPoNumber: c.requiresPoNumber,
    billingAddress: c.billingAddress,
    shipTos: shipTos
      .sort((a, b) => a.position - b.position)
      .map((s) => ({
        id: s.id,
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
      })),
    contacts: contacts
      .sort((a, b) => a.position - b.position)
      .map((k) => ({ id: k.id, name: k.name, role: k.role, email: k.email, phone: k.phone })),
    productCodeRule: c.productCodeRule,
    accountManagerId: c.accountManagerId,
    backupManagerId: c.backupManagerId,
    salesRepId: c.salesRepId,
    paymentMethod: c.paymentMethod,
    invoicing: c.invoicing,
    defaultIncoterm: c.defaultIncoterm,
    incotermPlace: c.incotermPlace,
    defaultCarrier: c.defaultCarrier,
    priceListId: c.priceListId,
    version: c.version,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

/** Loads customers with their ship-tos and contacts in three queries, whatever the count. */
async function withChildren(q: Queryable, companyId: string, rowsIn: CustomerRow[]): Promise<Customer[]> {
  if (rowsIn.length === 0) return [];
  const ids = rowsIn.map((r) => r.id);
  const [ships, contacts] = await Promise.all([
    q
      .select()
      .from(customerShipTos)
      .where(and(eq(customerShipTos.companyId, companyId), inArray(customerShipTos.customerId, ids))),
    q
      .select()
      .from(customerContacts)
      .where(and(eq(customerContacts.companyId, companyId), inArray(customerContacts.customerId, ids))),
  ]);
  return rowsIn.map((r) =>
    toDto(
      r,
      ships.filter((s) => s.customerId === r.id),
      contacts.filter((k) => k.customerId === r.id),
    ),
  );
}

export async function findById(q: Queryable, companyId: string, id: string): Promise<Customer | null> {
  const found = await q
    .select()
    .from(customers)
    .where(and(eq(customers.companyId, companyId), eq(customers.id, id)));
  const [dto] = await withChildren(q, companyId, found);
  return dto ?? null;
}

export async function findIdByCode(q: Queryable, companyId: string, code: string): Promise<string | null> {
  const [r] = await q
    .select({ id: customers.id })
    .from(customers)
    .where(and(eq(customers.companyId, companyId), eq(customers.code, code)));
  return r?.id ?? null;
}

export type CustomerFilter = {
  q?: string | undefined;
  countryCode?: string | undefined;
  accountManagerId?: string | undefined;
  /** The user whose portfolio is asked: own customers, plus those of absent managers this user backs up. */
  portfolioUserId?: string | undefined;
};

function filterWhere(companyId: string, f: CustomerFilter): SQL {
  const conds: (SQL | undefined)[] = [eq(customers.companyId, companyId)];
  if (f.q) {
    const like = containsPattern(f.q);
    conds.push(
      or(
        ilike(customers.code, like),
        ilike(customers.name, like),
        ilike(customers.siren, like),
        ilike(customers.vatNumber, like),
        sql`${customers.billingAddress}->>'city' ilike ${like}`,
      ),
    );
  }
  if (f.countryCode) conds.push(eq(customers.countryCode, f.countryCode.toUpperCase()));
  if (f.portfolioUserId)
    conds.push(
      or(
        eq(customers.accountManagerId, f.portfolioUserId),
        and(
          eq(customers.backupManagerId, f.portfolioUserId),
          sql`exists (select 1 from company_users cu where cu.company_id = ${customers.companyId}
                and cu.user_id = ${customers.accountManagerId} and cu.absent)`,
        ),
      ),
    );
  if (f.accountManagerId)
    conds.push(
      or(eq(customers.accountManagerId, f.accountManagerId), eq(customers.backupManagerId, f.accountManagerId)),
    );
  return and(...conds)!;
}

export async function list(
  q: Queryable,
  companyId: string,
  f: CustomerFilter,
  sort: Sort,
  limit: number,
  cursor: string | undefined,
): Promise<{ data: Customer[]; nextCursor: string | null; total: number }> {
  const where = filterWhere(companyId, f);
  const after = afterCursor(sort, customers.id, cursor);
  const [found, [totalRow]] = await Promise.all([
    q
      .select({ row: customers, sortValue: sql<string>`(${sort.expr})::text`.as('sort_value') })
      .from(customers)
      .where(after ? and(where, after) : where)
      .orderBy(...orderBy(sort, customers.id))
      .limit(limit + 1),
    q.select({ n: count() }).from(customers).where(where),
  ]);
  const page = toPage(
    found.map((f) => ({ ...f, id: f.row.id })),
    limit,
    (r) => r.sortValue,
  );
  return {
    data: await withChildren(
      q,
      companyId,
      page.rows.map((r) => r.row),
    ),
    nextCursor: page.nextCursor,
    total: Number(totalRow?.n ?? 0),
  };
}

export const tables = { customers, customerShipTos, customerContacts };

/** Names of several customers in one query (for lists of documents). */
export async function customerNames(q: Queryable, companyId: string, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const found = await q
    .select({ id: customers.id, name: customers.name })
    .from(customers)
    .where(and(eq(customers.companyId, companyId), inArray(customers.id, [...new Set(ids)])));
  return new Map(found.map((c) => [c.id, c.name]));
}

/** Code and name of several customers in one query. */
export async function customerLabels(
  q: Queryable,
  companyId: string,
  ids: string[],
): Promise<Map<string, { code: string; name: string }>> {
  if (!ids.length) return new Map();
  const found = await q
    .select({ id: customers.id, code: customers.code, name: customers.name })
    .from(customers)
    .where(and(eq(customers.companyId, companyId), inArray(customers.id, [...new Set(ids)])));
  return new Map(found.map((c) => [c.id, { code: c.code, name: c.name }]));
}

/** The customers of a portfolio: managed by the user, or backed up by the user. */
export async function portfolioCustomerIds(q: Queryable, companyId: string, userId: string): Promise<string[]> {
  const found = await q
    .select({ id: customers.id })
    .from(customers)
    .where(
      and(
        eq(customers.companyId, companyId),
        or(eq(customers.accountManagerId, userId), eq(customers.backupManagerId, userId)),
      ),
    );
  return found.map((c) => c.id);
}
