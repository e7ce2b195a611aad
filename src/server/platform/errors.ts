import type { $ZodIssue } from 'zod/v4/core';
import { message, type Lang } from '@shared/messages';

export type FieldError = { path: string; code: string; message: string };
type RawFieldError = { path: string; code: string; params?: Record<string, unknown> };

/** The one error type of the domain and platform: a stable code, an HTTP status, optional field errors. */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly status: number = 422,
    readonly fieldErrors: RawFieldError[] = [],
    readonly params: Record<string, unknown> = {},
  ) {
    super(code);
  }
}

export const notFound = () => new DomainError('not_found', 404);
export const conflict = (code = 'conflict', fieldErrors: RawFieldError[] = []) =>
  new DomainError(code, 409, fieldErrors);
export const forbidden = () => new DomainError('forbidden', 403);
export const unauthorized = (code = 'unauthorized') => new DomainError(code, 401);

/** Validation errors of a request part (body, querystring, params), raised by the validator compiler. */
export class RequestValidationError extends Error {
  constructor(
    readonly part: string,
    readonly issues: $ZodIssue[],
  ) {
    super('validation_failed');
  }
}

/** Maps a Zod issue to a stable code and the parameters of its message. */
export function issueCode(issue: $ZodIssue): { code: string; params: Record<string, unknown> } {
  const i = issue as $ZodIssue & Record<string, unknown>;
  switch (issue.code) {
    case 'custom': {
      const params = (i.params as Record<string, unknown> | undefined) ?? {};
      return { code: typeof params.code === 'string' ? params.code : 'invalid_value', params };
    }
    case 'invalid_type':
      // Zod 4 does not keep the input on issues; its message says what was received.
      return { code: /received (undefined|null)$/.test(issue.message) ? 'required' : 'invalid_type', params: {} };
    case 'too_small':
      if (i.origin === 'string' && Number(i.minimum) === 1) return { code: 'required', params: {} };
      if (i.origin === 'string') return { code: 'too_short', params: { min: i.minimum } };
      return { code: 'too_small', params: { min: i.minimum } };
    case 'too_big':
      return i.origin === 'string'
        ? { code: 'too_long', params: { max: i.maximum } }
        : { code: 'too_big', params: { max: i.maximum } };
    case 'invalid_format':
      return {
        code: i.format === 'uuid' ? 'invalid_uuid' : i.format === 'email' ? 'invalid_email' : 'invalid_format',
        params: {},
      };
    case 'unrecognized_keys':
      return { code: 'unknown_field', params: {} };
    default:
      return { code: 'invalid_value', params: {} };
  }
}

export function zodFieldErrors(issues: readonly $ZodIssue[], prefix: (string | number)[] = []): RawFieldError[] {
  return issues.map((issue) => {
    const { code, params } = issueCode(issue);
    return { path: [...prefix, ...issue.path].map(String).join('.'), code, params };
  });
}

export type Problem = {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: string;
  errors?: FieldError[];
  /** When a planned date is refused: the first date that would be accepted (deliveries). */
  nextValidDate?: string;
};

export function problem(
  code: string,
  status: number,
  lang: Lang,
  fieldErrors: RawFieldError[] = [],
  params = {},
): Problem {
  const title = message(code, lang, params);
  const errors = fieldErrors.map((e) => ({
    path: e.path,
    code: e.code,
    message: message(e.code, lang, e.params ?? {}),
  }));
  const detail = errors.length > 0 ? errors.map((e) => `${e.path || '(body)'}: ${e.message}`).join(' ') : title;
  return {
    type: `https://relais.dev/problems/${code}`,
    title,
    status,
    detail,
    code,
    ...(errors.length ? { errors } : {}),
    ...(typeof (params as Record<string, unknown>).nextValidDate === 'string' &&
    (params as Record<string, unknown>).nextValidDate
      ? { nextValidDate: (params as Record<string, string>).nextValidDate }
      : {}),
  };
}
