/**
 * Thin fetch wrapper for the Relais API (`/api/v1`).
 *
 * - sends the session cookie (same origin), `Accept-Language`, `Relais-Company` and, on mutating requests,
 *   `X-CSRF-Token`;
 * - turns non-2xx answers into an {@link ApiError} carrying the RFC 9457 problem document.
 */

export interface ProblemFieldError {
  path: string;
  code: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: string;
  errors?: ProblemFieldError[];
}

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  readonly retryAfter: string | null;

  constructor(problem: Problem, retryAfter: string | null = null) {
    super(problem.detail || problem.title || `HTTP ${problem.status}`);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
    this.retryAfter = retryAfter;
  }

  get code(): string {
    return this.problem.code;
  }

  get fieldErrors(): ProblemFieldError[] {
    return this.problem.errors ?? [];
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

/** Network failure (server unreachable, offline): status 0. */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'NetworkError';
  }
}

interface ClientState {
  csrfToken: string | null;
  companyId: string | null;
  language: string;
  onUnauthorized: (() => void) | null;
}

const state: ClientState = { csrfToken: null, companyId: null, language: 'fr', onUnauthorized: null };

export const apiConfig = {
  setCsrfToken(token: string | null) {
    state.csrfToken = token;
  },
  setCompanyId(id: string | null) {
    state.companyId = id;
  },
  getCompanyId() {
    return state.companyId;
  },
  setLanguage(lang: string) {
    state.language = lang;
  },
  setOnUnauthorized(fn: (() => void) | null) {
    state.onUnauthorized = fn;
  },
};

function readCookie(name: string): string | null {
  if (typeof document === 'undefined') return null;
  for (const part of document.cookie.split(';')) {
    const [k, ...rest] = part.trim().split('=');
    if (k === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

export type QueryValue = string | number | boolean | null | undefined;

export function buildQuery(params: Record<string, QueryValue>): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    sp.set(k, String(v));
  }
  const s = sp.toString();
  return s ? `?${s}` : '';
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Record<string, QueryValue>;
  idempotencyKey?: string;
  signal?: AbortSignal;
  /** Do not trigger the global "session expired" handler on 401 (login, me). */
  skipAuthHandler?: boolean;
  /** Let the request finish even if the page navigates away meanwhile (login: the session cookie still lands). */
  keepalive?: boolean;
}

const MUTATING = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    'Accept-Language': state.language,
  };
  if (state.companyId) headers['Relais-Company'] = state.companyId;
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  if (MUTATING.has(method)) {
    const csrf = state.csrfToken ?? readCookie('relais_csrf');
    if (csrf) headers['X-CSRF-Token'] = csrf;
  }
  if (opts.idempotencyKey) headers['Idempotency-Key'] = opts.idempotencyKey;

  const url = `/api/v1${path}${opts.query ? buildQuery(opts.query) : ''}`;
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: opts.signal,
      keepalive: opts.keepalive,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new NetworkError(e);
  }

  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let json: unknown = undefined;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }

  if (!res.ok) {
    const p = (json && typeof json === 'object' ? json : {}) as Partial<Problem>;
    const problem: Problem = {
      type: p.type ?? 'about:blank',
      title: p.title ?? res.statusText ?? `HTTP ${res.status}`,
      status: typeof p.status === 'number' ? p.status : res.status,
      detail: p.detail,
      code: p.code ?? `http_${res.status}`,
      errors: Array.isArray(p.errors) ? p.errors : undefined,
    };
    if (res.status === 401 && !opts.skipAuthHandler) state.onUnauthorized?.();
    throw new ApiError(problem, res.headers.get('Retry-After'));
  }
  return json as T;
}

/** One fresh key per submission attempt. */
export function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // Fallback for non-secure contexts (plain http on a LAN address), where randomUUID is unavailable.
  const b = new Uint8Array(16);
  crypto.getRandomValues(b);
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
