import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { jsonSchemaTransform, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { ZodType } from 'zod';
import { langFromHeader, type Lang } from '@shared/messages';
import type { Role } from '@shared/api/auth';
import type { Principal } from '../auth/auth.service';
import { can, type Permission } from '../auth/permissions';
import type { Ctx } from '../db/runner';
import { DomainError, RequestValidationError, problem, zodFieldErrors } from '../errors';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** No authentication needed. */
    public?: boolean;
    /** The permission the route needs in the selected company. */
    permission?: Permission;
    /** Set false for routes that work without a selected company (e.g. listing one's companies). */
    company?: boolean;
  }
  interface FastifyRequest {
    principal: Principal | null;
    companyId: string | null;
    roles: Role[];
    lang: Lang;
    /** The body as sent, before validation: what an Idempotency-Key is compared against. */
    rawBody: unknown;
  }
}

export const SESSION_COOKIE = 'relais_session';
export const CSRF_COOKIE = 'relais_csrf';
export const CSRF_HEADER = 'x-csrf-token';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export type AuthResolver = {
  fromSession(token: string): Promise<Principal | null>;
  fromToken(token: string): Promise<Principal | null>;
};

export type AppOptions = {
  logLevel: string;
  version: string;
  auth: AuthResolver;
  webRoot?: string | undefined;
  trustProxy?: boolean;
};

/** The request context that services take: company, actor, roles, language. */
export function ctxOf(req: FastifyRequest): Ctx {
  if (!req.companyId) throw new DomainError('no_company', 403);
  return {
    companyId: req.companyId,
    userId: req.principal?.userId ?? null,
    roles: req.roles,
    requestId: req.id,
    lang: req.lang,
  };
}

/** The Idempotency-Key of a creating POST, validated; null when absent. */
export function idempotencyOf(
  req: FastifyRequest,
): { key: string; method: string; path: string; body: unknown } | null {
  const raw = req.headers['idempotency-key'];
  if (raw === undefined) return null;
  const key = Array.isArray(raw) ? raw[0] : raw;
  if (!key || key.length > 200)
    throw new DomainError('validation_failed', 400, [{ path: 'Idempotency-Key', code: 'invalid_idempotency_key' }]);
  return { key, method: req.method, path: req.routeOptions.url ?? req.url, body: req.rawBody ?? req.body };
}

export async function buildHttp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logLevel === 'silent' ? false : { level: opts.logLevel },
    genReqId: () => randomUUID(),
    trustProxy: opts.trustProxy ?? false,
    bodyLimit: 5 * 1024 * 1024,
    ajv: { customOptions: { coerceTypes: false } },
  }).withTypeProvider<ZodTypeProvider>();

  // Zod validates requests; failures carry the issues so the error handler names each field.
  app.setValidatorCompiler(({ schema, httpPart }) => (data) => {
    const r = (schema as ZodType).safeParse(data);
    return r.success ? { value: r.data } : { error: new RequestValidationError(httpPart ?? 'body', r.error.issues) };
  });
  // Responses are plain JSON: schemas document them in OpenAPI, services build them.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));

  app.decorateRequest('principal', null);
  app.decorateRequest('companyId', null);
  app.decorateRequest('roles', null as unknown as Role[]);
  app.decorateRequest('lang', 'fr' as Lang);
  app.decorateRequest('rawBody', undefined);
  app.addHook('preValidation', async (req) => {
    if (req.headers['idempotency-key'] !== undefined) req.rawBody = req.body;
  });

  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: () => new DomainError('rate_limited', 429),
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Relais API',
        version: opts.version,
        description:
          'Sales administration (ADV) API. Money and quantities are decimal strings; errors are RFC 9457 problem+json with a stable `code`. Authenticate with `POST /api/v1/auth/token`, then `Authorization: Bearer <token>`; pick a company with `Relais-Company`.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: false });
  app.get('/api/openapi.json', { schema: { hide: true }, config: { public: true } }, async () => app.swagger());

  app.addHook('onRequest', async (req, reply) => {
    req.lang = langFromHeader(req.headers['accept-language']);
    req.roles = [];
    if (!req.url.startsWith('/api/v1/')) return;
    const config = req.routeOptions.config ?? {};
    if (config.public) return;

    const authz = req.headers.authorization;
    let principal: Principal | null = null;
    if (authz?.startsWith('Bearer ')) {
      principal = await opts.auth.fromToken(authz.slice(7).trim());
    } else {
      const token = req.cookies[SESSION_COOKIE];
      if (token) {
        principal = await opts.auth.fromSession(token);
        if (principal && UNSAFE.has(req.method) && req.headers[CSRF_HEADER] !== principal.csrfToken) {
          throw new DomainError('csrf_failed', 403);
        }
      }
    }
    if (!principal) {
      reply.header('WWW-Authenticate', 'Bearer');
      throw new DomainError('unauthorized', 401);
    }
    req.principal = principal;

    const wanted = req.headers['relais-company'];
    const companyHeader = Array.isArray(wanted) ? wanted[0] : wanted;
    const membership = companyHeader
      ? principal.memberships.find((m) => m.id === companyHeader)
      : (principal.memberships.find((m) => m.isDefault) ?? principal.memberships[0]);
    if (companyHeader && !membership) throw new DomainError('forbidden', 403);
    req.companyId = membership?.id ?? null;
    req.roles = membership?.roles ?? [];

    if (config.company !== false && !req.companyId) throw new DomainError('no_company', 403);
    if (config.permission && !can(req.roles, config.permission)) throw new DomainError('forbidden', 403);
  });

  app.setErrorHandler((err, req, reply) => {
    const lang = req.lang ?? 'fr';
    let body;
    if (err instanceof DomainError) {
      body = problem(err.code, err.status, lang, err.fieldErrors, err.params);
    } else if (err instanceof RequestValidationError) {
      const prefix = err.part === 'body' ? [] : [err.part === 'querystring' ? 'query' : err.part];
      body = problem('validation_failed', 422, lang, zodFieldErrors(err.issues, prefix));
    } else if (databaseGuard(err)) {
      // A database guard refused the change (e.g. an issued invoice is immutable): the code is in the hint.
      body = problem(databaseGuard(err)!, 409, lang);
    } else {
      const e = err as { statusCode?: number; code?: string; message?: string };
      const status = e.statusCode ?? 500;
      if (e.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (status === 400 && err instanceof SyntaxError))
        body = problem('invalid_json', 400, lang);
      else if (status === 413) body = problem('payload_too_large', 413, lang);
      else if (status >= 400 && status < 500) {
        body = { ...problem((e.code ?? 'bad_request').toLowerCase(), status, lang), detail: e.message ?? '' };
      } else {
        req.log.error({ err }, 'unhandled error');
        body = problem('internal_error', 500, lang);
      }
    }
    return reply.status(body.status).type('application/problem+json').send(body);
  });

  // The web UI: the Vite build, with the SPA's index.html for client-side routes.
  const webRoot = opts.webRoot && existsSync(opts.webRoot) ? opts.webRoot : undefined;
  if (webRoot) {
    await app.register(fastifyStatic, {
      root: webRoot,
      wildcard: false,
      setHeaders: (res, path) => {
        if (path.includes('/assets/')) res.header('cache-control', 'public, max-age=31536000, immutable');
      },
    });
  }
  app.setNotFoundHandler((req, reply) => {
    // API paths, non-GET requests and missing files (a path with an extension) are 404s; other paths are SPA routes.
    const path = req.url.split('?')[0] ?? '';
    if (path.startsWith('/api/') || req.method !== 'GET' || !webRoot || /\.[a-z0-9]+$/i.test(path)) {
      const body = problem('not_found', 404, req.lang ?? 'fr');
      return reply.status(404).type('application/problem+json').send(body);
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });

  return app;
}

/** The stable code a database guard trigger put in its HINT ("relais:<code>"), looking through driver wrappers. */
function databaseGuard(err: unknown): string | null {
  for (let e: unknown = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const hint = (e as { hint?: unknown }).hint;
    if (typeof hint === 'string' && hint.startsWith('relais:')) return hint.slice('relais:'.length);
  }
  return null;
}
