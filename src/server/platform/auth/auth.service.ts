import { and, eq, gt, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Role } from '@shared/api/auth';
import { roles as allRoles } from '@shared/api/auth';
import type { Db } from '../db/connection';
import { apiTokens, companies, companyUsers, sessions, users } from '../platform.schema';
import { hashPassword, newSecret, sha256, verifyPassword } from './passwords';

export const SESSION_TTL_MS = 7 * 24 * 3600 * 1000;
export const TOKEN_TTL_MS = 90 * 24 * 3600 * 1000;

export type Membership = { id: string; name: string; roles: Role[]; isDefault: boolean };
export type Principal = {
  userId: string;
  email: string;
  name: string;
  locale: string;
  isAdmin: boolean;
  memberships: Membership[];
  csrfToken: string | null;
  via: 'session' | 'token';
};

const asRoles = (r: string[]) => r.filter((x): x is Role => (allRoles as readonly string[]).includes(x));

/** Users, sessions and tokens. Platform-level: users are not company rows; their memberships are. */
export function createAuthService(db: Db) {
  async function memberships(userId: string): Promise<Membership[]> {
    const r = await db
      .select({ id: companies.id, name: companies.name, roles: companyUsers.roles, isDefault: companyUsers.isDefault })
      .from(companyUsers)
      .innerJoin(companies, eq(companies.id, companyUsers.companyId))
      .where(eq(companyUsers.userId, userId))
      .orderBy(companies.name);
    return r.map((m) => ({ ...m, roles: asRoles(m.roles) }));
  }

  async function checkCredentials(email: string, password: string) {
    const [u] = await db
      .select()
      .from(users)
      .where(sql`lower(${users.email}) = lower(${email})`);
    // Hash anyway when the user is unknown, so response time does not reveal which e-mails exist.
    const ok = await verifyPassword(password, u?.passwordHash ?? 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAA');
    return u && u.isActive && ok ? u : null;
  }

  async function principal(userId: string, via: Principal['via'], csrfToken: string | null): Promise<Principal | null> {
    const [u] = await db.select().from(users).where(eq(users.id, userId));
    if (!u || !u.isActive) return null;
    return {
      userId: u.id,
      email: u.email,
      name: u.name,
      locale: u.locale,
      isAdmin: u.isAdmin,
      memberships: await memberships(u.id),
      csrfToken,
      via,
    };
  }

  return {
    memberships,
    checkCredentials,

    async createSession(userId: string) {
      const token = newSecret();
      const csrfToken = newSecret();
      const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
      await db.insert(sessions).values({ tokenHash: sha256(token), userId, csrfToken, expiresAt });
      return { token, csrfToken, expiresAt };
    },

    async deleteSession(token: string) {
      await db.delete(sessions).where(eq(sessions.tokenHash, sha256(token)));
    },

    async createToken(userId: string, name = 'api') {
      const token = newSecret('rls_');
      const expiresAt = new Date(Date.now() + TOKEN_TTL_MS);
      await db.insert(apiTokens).values({ tokenHash: sha256(token), userId, name, expiresAt });
      return { token, expiresAt };
    },

    async fromSession(token: string): Promise<Principal | null> {
      const [s] = await db
        .select()
        .from(sessions)
        .where(and(eq(sessions.tokenHash, sha256(token)), gt(sessions.expiresAt, new Date())));
      return s ? principal(s.userId, 'session', s.csrfToken) : null;
    },

    async fromToken(token: string): Promise<Principal | null> {
      const hash = sha256(token);
      const [t] = await db
        .select({ userId: apiTokens.userId, lastUsedAt: apiTokens.lastUsedAt })
        .from(apiTokens)
        .where(and(eq(apiTokens.tokenHash, hash), gt(apiTokens.expiresAt, new Date())));
      if (!t) return null;
      // Last use is recorded at most once a minute: writing it on every request would serialise all the
      // requests of one integration on that row.
      if (!t.lastUsedAt || Date.now() - t.lastUsedAt.getTime() > 60_000)
        await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.tokenHash, hash));
      return principal(t.userId, 'token', null);
    },

    /** Creates or updates a user (password re-hashed) — used by the admin bootstrap and the demo seed. */
    async ensureUser(input: { email: string; name: string; password: string; isAdmin?: boolean; locale?: string }) {
      const passwordHash = await hashPassword(input.password);
      const [existing] = await db
        .select({ id: users.id })
        .from(users)
        .where(sql`lower(${users.email}) = lower(${input.email})`);
      if (existing) {
        await db
          .update(users)
          .set({ passwordHash, isActive: true, ...(input.isAdmin ? { isAdmin: true } : {}), updatedAt: new Date() })
          .where(eq(users.id, existing.id));
        return existing.id;
      }
      const id = uuidv7();
      await db.insert(users).values({
        id,
        email: input.email,
        name: input.name,
        passwordHash,
        isAdmin: input.isAdmin ?? false,
        locale: input.locale ?? 'fr',
      });
      return id;
    },
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
