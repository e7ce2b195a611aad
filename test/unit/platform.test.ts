import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { can, rolePermissions } from '@server/platform/auth/permissions';
import { hashPassword, verifyPassword } from '@server/platform/auth/passwords';
import { hashBody } from '@server/platform/db/runner';
import { problem, zodFieldErrors } from '@server/platform/errors';
import { containsPattern, encodeCursor, parseSort } from '@server/platform/http/pagination';
import { parseJsonKeepingDecimals } from '@server/platform/audit/audit';
import { loadConfig } from '@server/platform/config';
import { langFromHeader, message, messages } from '@shared/messages';
import { customerCreateSchema, customerPatchSchema } from '@shared/api/customers';
import { roles } from '@shared/api/auth';

describe('permissions', () => {
  it.each([
    ['admin', 'company:write', true],
    ['adv_assistant', 'customers:write', true],
    ['adv_assistant', 'company:write', false],
    ['sales', 'customers:write', true],
    ['sales', 'products:write', false],
    ['logistics', 'customers:write', false],
    ['accounting', 'mails:read', true],
    ['viewer', 'customers:read', true],
    ['viewer', 'customers:write', false],
    ['viewer', 'mails:read', false],
  ] as const)('%s may %s: %s', (role, permission, expected) => {
    expect(can([role], permission)).toBe(expected);
  });
  it('every role can read customers; no role is missing from the table', () => {
    for (const r of roles) expect(rolePermissions[r]).toContain('customers:read');
  });
});

describe('passwords', () => {
  it('verifies the right password only, with a salted hash', async () => {
    const h = await hashPassword('relais-demo');
    expect(h).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(h).not.toBe(await hashPassword('relais-demo'));
    expect(await verifyPassword('relais-demo', h)).toBe(true);
    expect(await verifyPassword('relais-dem0', h)).toBe(false);
    expect(await verifyPassword('x', 'garbage')).toBe(false);
  });
});

describe('idempotency body hash', () => {
  it('ignores key order but not values', () => {
    expect(hashBody('POST', '/a', { a: 1, b: { c: [1, 2] } })).toBe(hashBody('POST', '/a', { b: { c: [1, 2] }, a: 1 }));
    expect(hashBody('POST', '/a', { a: 1 })).not.toBe(hashBody('POST', '/a', { a: 2 }));
    expect(hashBody('POST', '/a', { a: 1 })).not.toBe(hashBody('POST', '/b', { a: 1 }));
  });
});

describe('field errors', () => {
  const parse = (v: unknown) => zodFieldErrors(customerCreateSchema.safeParse(v).error!.issues);
  it('names nested fields with dotted paths and stable codes', () => {
    const errors = parse({
      code: 'C1',
      name: 'X',
      siren: '123',
      billingAddress: { line1: 'a', postalCode: '1', city: 'b', countryCode: 'FR' },
    });
    expect(errors).toEqual([
      { path: 'siren', code: 'invalid_siren', params: { code: 'invalid_siren' } },
      { path: 'billingAddress.postalCode', code: 'invalid_postal_code_fr', params: { code: 'invalid_postal_code_fr' } },
    ]);
  });
  it('reports missing fields as required', () => {
    expect(parse({}).map((e) => [e.path, e.code])).toEqual([
      ['code', 'required'],
      ['name', 'required'],
      ['billingAddress', 'required'],
    ]);
  });
  it('builds problem+json in French by default and in English on demand', () => {
    const p = problem('validation_failed', 422, 'fr', [{ path: 'siren', code: 'invalid_siren' }]);
    expect(p).toMatchObject({ status: 422, code: 'validation_failed', title: 'Données invalides.' });
    expect(p.errors![0]!.message).toMatch(/^SIREN invalide/);
    expect(problem('not_found', 404, 'en').title).toBe('Not found.');
  });
  it('has every message in both languages, with the same placeholders', () => {
    for (const [code, m] of Object.entries(messages)) {
      expect(m.fr, code).toBeTruthy();
      expect(m.en, code).toBeTruthy();
      expect(m.fr.match(/\{\w+\}/g) ?? [], code).toEqual(m.en.match(/\{\w+\}/g) ?? []);
    }
    expect(message('too_long', 'en', { max: 40 })).toBe('Too long (at most 40 characters).');
  });
  it.each([
    [undefined, 'fr'],
    ['fr-FR,fr;q=0.9', 'fr'],
    ['en-US,en;q=0.9', 'en'],
    ['de-DE', 'fr'],
  ])('Accept-Language %s → %s', (h, lang) => expect(langFromHeader(h)).toBe(lang));
});

describe('PATCH schemas', () => {
  it('never fill in defaults for omitted fields', () => {
    expect(customerPatchSchema.parse({ name: 'X' })).toEqual({ name: 'X' });
    expect(customerCreateSchema.safeParse({}).success).toBe(false);
  });
});

describe('pagination', () => {
  it('parses sort fields and direction, and refuses unknown ones', () => {
    const cols = { name: z.string() as never, code: z.string() as never };
    expect(parseSort('-name', cols, 'code')).toMatchObject({ field: 'name', desc: true });
    expect(parseSort(undefined, cols, 'code')).toMatchObject({ field: 'code', desc: false });
    expect(() => parseSort('password', cols, 'code')).toThrow('validation_failed');
  });
  it('searches for the user’s own % and _ literally', () => {
    expect(containsPattern('50%_off')).toBe('%50\\%\\_off%');
    expect(containsPattern('a\\b')).toBe('%a\\\\b%');
  });
  it('encodes cursors as opaque base64url', () => {
    expect(encodeCursor('Dupont', 'id-1')).toMatch(/^[A-Za-z0-9_-]+$/);
  });
});

describe('audit JSON', () => {
  it('keeps decimals exact as strings and integers as numbers', () => {
    expect(
      parseJsonKeepingDecimals(
        '{"credit_limit": {"from": 1000.10, "to": 0.30}, "days": 30, "name": "a 1.5 b", "w": [1, 2]}',
      ),
    ).toEqual({
      credit_limit: { from: '1000.10', to: '0.30' },
      days: 30,
      name: 'a 1.5 b',
      w: [1, 2],
    });
    expect(parseJsonKeepingDecimals('{"q": "\\"3.50\\"", "x": -2.125}')).toEqual({ q: '"3.50"', x: '-2.125' });
  });
});

describe('configuration', () => {
  it('has the documented defaults and reads the environment', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, demo: true, databaseUrl: undefined, cookieSecure: 'auto' });
    expect(c.dataDir.endsWith('/data')).toBe(true);
    const d = loadConfig({ PORT: '8080', RELAIS_DEMO: '0', DATABASE_URL: 'postgres://x/y', RELAIS_DATA_DIR: '/tmp/r' });
    expect(d).toMatchObject({ port: 8080, demo: false, databaseUrl: 'postgres://x/y', dataDir: '/tmp/r' });
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT/);
  });
});

describe('human message parameters', () => {
  it('writes dates, decimals, weekdays and document kinds as people read them', () => {
    expect(message('delivery_day_not_allowed', 'fr', { date: '2026-11-25', weekdays: '1,2,5' })).toBe(
      'Pas de livraison possible le 25/11/2026 : jours de livraison acceptés lundi, mardi, vendredi.',
    );
    expect(message('delivery_day_not_allowed', 'en', { date: '2026-11-25', weekdays: '1,2,5' })).toBe(
      'No delivery possible on 25 Nov 2026: accepted delivery days are Monday, Tuesday, Friday.',
    );
    expect(message('customer_price_applied', 'fr', { unitPrice: '1234.5000' })).toBe(
      'Prix spécifique du client appliqué : 1\u00a0234,50.',
    );
    expect(message('documents_required', 'en', { copies: 2, documents: 'delivery_note,packing_list' })).toContain(
      'Delivery note, Packing list',
    );
  });
});
