import { and, eq, sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import { roles } from '@shared/api/auth';
import { email, idParam, issue, problemResponses, requiredText } from '@shared/api/common';
import { hashPassword } from '@server/platform/auth/passwords';
import type { Ctx, Runner } from '@server/platform/db/runner';
import { DomainError, forbidden, notFound } from '@server/platform/errors';
import { ctxOf, idempotencyOf } from '@server/platform/http/app';
import { companyUsers, users } from '@server/platform/platform.schema';
import { can } from '@server/platform/auth/permissions';

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  roles: z.array(z.string()),
  absent: z.boolean(),
});
export type CompanyUser = z.infer<typeof userSchema>;

const userCreate = z.object({
  email,
  name: requiredText(200),
  password: z
    .string()
    .min(10)
    .max(200)
    .refine((s) => /\D/.test(s), issue('invalid_value')),
  roles: z.array(z.enum(roles)).min(1),
  locale: z.enum(['fr', 'en']).default('fr'),
});
const userPatch = z.object({ roles: z.array(z.enum(roles)).min(1).optional(), absent: z.boolean().optional() });

/** The people of a company: their roles and whether they are absent (their backup then covers their portfolio). */
export function createUserService({ run }: { run: Runner }) {
  const list = (ctx: Ctx): Promise<CompanyUser[]> =>
    run.read((db) =>
      db
        .select({
          id: users.id,
          email: users.email,
          name: users.name,
          roles: companyUsers.roles,
          absent: companyUsers.absent,
        })
        .from(companyUsers)
        .innerJoin(users, eq(users.id, companyUsers.userId))
        .where(eq(companyUsers.companyId, ctx.companyId))
        .orderBy(users.name),
    );

  return {
    list,
    async create(ctx: Ctx, input: z.infer<typeof userCreate>, idem: ReturnType<typeof idempotencyOf>) {
      const passwordHash = await hashPassword(input.password);
      return run.runIdempotent(ctx, idem, 201, async (tx) => {
        const [existing] = await tx
          .select({ id: users.id, name: users.name })
          .from(users)
          .where(sql`lower(${users.email}) = lower(${input.email})`);
        const id = existing?.id ?? uuidv7();
        if (!existing)
          await tx
            .insert(users)
            .values({ id, email: input.email, name: input.name, passwordHash, locale: input.locale });
        const [member] = await tx
          .select()
          .from(companyUsers)
          .where(and(eq(companyUsers.companyId, ctx.companyId), eq(companyUsers.userId, id)));
        if (member) throw new DomainError('conflict', 409, [{ path: 'email', code: 'duplicate_value' }]);
        const hasDefault = existing
          ? (
              await tx
                .select()
                .from(companyUsers)
                .where(and(eq(companyUsers.userId, id), eq(companyUsers.isDefault, true)))
            ).length > 0
          : false;
        await tx
          .insert(companyUsers)
          .values({ companyId: ctx.companyId, userId: id, roles: input.roles, isDefault: !hasDefault });
        // An existing user keeps their name: adding them to a company does not rename them.
        return { id, email: input.email, name: existing?.name ?? input.name, roles: input.roles, absent: false };
      });
    },
    async update(ctx: Ctx, id: string, patch: z.infer<typeof userPatch>): Promise<CompanyUser> {
      const self = ctx.userId === id;
      if (patch.roles && !can(ctx.roles, 'users:write')) throw forbidden();
      if (patch.absent !== undefined && !self && !can(ctx.roles, 'users:write') && !ctx.roles.includes('adv_manager'))
        throw forbidden();
      return run.run(ctx, async (tx) => {
        const updated = await tx
          .update(companyUsers)
          .set({
            ...(patch.roles ? { roles: patch.roles } : {}),
            ...(patch.absent !== undefined ? { absent: patch.absent } : {}),
          })
          .where(and(eq(companyUsers.companyId, ctx.companyId), eq(companyUsers.userId, id)))
          .returning();
        if (!updated.length) throw notFound();
        const [u] = await tx.select().from(users).where(eq(users.id, id));
        return { id, email: u!.email, name: u!.name, roles: updated[0]!.roles, absent: updated[0]!.absent };
      });
    },
  };
}
export type UserService = ReturnType<typeof createUserService>;

const errors = problemResponses;

export const userRoutes =
  (svc: UserService): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/users',
      {
        config: { permission: 'users:read' },
        schema: { tags: ['users'], response: { 200: z.object({ data: z.array(userSchema), nextCursor: z.null() }) } },
      },
      async (req) => ({ data: await svc.list(ctxOf(req)), nextCursor: null }),
    );
    app.post(
      '/users',
      {
        config: { permission: 'users:write' },
        schema: {
          tags: ['users'],
          summary: 'Add a user to the company',
          body: userCreate,
          response: { 201: userSchema, ...errors },
        },
      },
      async (req, reply) => {
        const r = await svc.create(ctxOf(req), req.body, idempotencyOf(req));
        return reply.status(r.status).send(r.body);
      },
    );
    app.patch(
      '/users/:id',
      {
        config: { permission: 'users:read' },
        schema: {
          tags: ['users'],
          summary: 'Change roles (admin) or mark absent',
          params: idParam,
          body: userPatch,
          response: { 200: userSchema, ...errors },
        },
      },
      async (req) => svc.update(ctxOf(req), req.params.id, req.body),
    );
  };
