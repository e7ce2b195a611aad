import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { credentialsSchema, sessionSchema, tokenResponseSchema } from '@shared/api/auth';
import { problemSchema } from '@shared/api/common';
import { DomainError } from '../errors';
import { CSRF_COOKIE, SESSION_COOKIE } from '../http/app';
import type { AuthService, Principal } from './auth.service';
import { SESSION_TTL_MS } from './auth.service';

const loginRateLimit = {
  max: 10,
  timeWindow: 60_000,
  keyGenerator: (req: FastifyRequest) =>
    `${req.ip}|${String((req.body as { email?: unknown } | undefined)?.email ?? '').toLowerCase()}`,
};

function sessionBody(p: Principal, companyHeader: string | undefined, csrfToken: string) {
  const current =
    (companyHeader && p.memberships.find((m) => m.id === companyHeader)) ||
    p.memberships.find((m) => m.isDefault) ||
    p.memberships[0];
  return {
    user: {
      id: p.userId,
      email: p.email,
      name: p.name,
      roles: current?.roles ?? (p.isAdmin ? ['admin'] : []),
      locale: p.locale,
    },
    companies: p.memberships.map((m) => ({ id: m.id, name: m.name, roles: m.roles })),
    companyId: current?.id ?? null,
    csrfToken,
  };
}

export const authRoutes =
  (auth: AuthService, cookieSecure: boolean | 'auto'): FastifyPluginAsyncZod =>
  async (app) => {
    const secure = (req: FastifyRequest) => (cookieSecure === 'auto' ? req.protocol === 'https' : cookieSecure);
    const setCookies = (req: FastifyRequest, reply: FastifyReply, token: string, csrf: string) => {
      const base = { path: '/', sameSite: 'lax' as const, secure: secure(req), maxAge: SESSION_TTL_MS / 1000 };
      reply.setCookie(SESSION_COOKIE, token, { ...base, httpOnly: true });
      reply.setCookie(CSRF_COOKIE, csrf, { ...base, httpOnly: false });
    };

    app.post(
      '/auth/login',
      {
        config: { public: true, rateLimit: { ...loginRateLimit, hook: 'preHandler' } },
        schema: {
          tags: ['auth'],
          summary: 'Log in the web UI: sets the session cookie; send the CSRF token back in X-CSRF-Token',
          body: credentialsSchema,
          response: { 200: sessionSchema, 401: problemSchema, 429: problemSchema },
        },
      },
      async (req, reply) => {
        const user = await auth.checkCredentials(req.body.email, req.body.password);
        if (!user) throw new DomainError('invalid_credentials', 401);
        const s = await auth.createSession(user.id);
        const p = (await auth.fromSession(s.token))!;
        setCookies(req, reply, s.token, s.csrfToken);
        return sessionBody(p, req.headers['relais-company'] as string | undefined, s.csrfToken);
      },
    );

    app.post(
      '/auth/logout',
      { config: { public: true }, schema: { tags: ['auth'], response: { 204: z.null() } } },
      async (req, reply) => {
        const token = req.cookies[SESSION_COOKIE];
        if (token) await auth.deleteSession(token);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        reply.clearCookie(CSRF_COOKIE, { path: '/' });
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/auth/me',
      { config: { company: false }, schema: { tags: ['auth'], response: { 200: sessionSchema, 401: problemSchema } } },
      async (req) =>
        sessionBody(
          req.principal!,
          req.headers['relais-company'] as string | undefined,
          req.principal!.csrfToken ?? '',
        ),
    );

    app.post(
      '/auth/token',
      {
        config: { public: true, rateLimit: { ...loginRateLimit, hook: 'preHandler' } },
        schema: {
          tags: ['auth'],
          summary: 'Get a bearer token for integrations',
          body: credentialsSchema.extend({ name: z.string().max(100).optional() }),
          response: { 200: tokenResponseSchema, 401: problemSchema, 429: problemSchema },
        },
      },
      async (req) => {
        const user = await auth.checkCredentials(req.body.email, req.body.password);
        if (!user) throw new DomainError('invalid_credentials', 401);
        const t = await auth.createToken(user.id, req.body.name);
        const p = (await auth.fromToken(t.token))!;
        const body = sessionBody(p, req.headers['relais-company'] as string | undefined, '');
        return {
          token: t.token,
          user: { id: p.userId, email: p.email, roles: body.user.roles },
          companyId: body.companyId,
          expiresAt: t.expiresAt.toISOString(),
        };
      },
    );
  };
