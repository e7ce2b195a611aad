import { sql, type SQL, type AnyColumn } from 'drizzle-orm';
import { DomainError } from '../errors';

export type SortField = SQL | AnyColumn;
export type Sort = { field: string; expr: SortField; desc: boolean };

/** Parses `sort=name` / `sort=-name` against the allowed fields; 422 naming `sort` otherwise. */
export function parseSort(sort: string | undefined, allowed: Record<string, SortField>, dflt: string): Sort {
  const raw = sort || dflt;
  const desc = raw.startsWith('-');
  const field = desc ? raw.slice(1) : raw;
  const expr = allowed[field];
  if (!expr) throw new DomainError('validation_failed', 422, [{ path: 'sort', code: 'invalid_sort' }]);
  return { field, expr, desc };
}

export const encodeCursor = (sortValue: unknown, id: string) =>
  Buffer.from(JSON.stringify([sortValue instanceof Date ? sortValue.toISOString() : sortValue, id])).toString(
    'base64url',
  );

function decodeCursor(cursor: string): [unknown, string] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === 2 && typeof v[1] === 'string') return [v[0], v[1]];
  } catch {
    /* fall through */
  }
  throw new DomainError('validation_failed', 422, [{ path: 'cursor', code: 'invalid_cursor' }]);
}

/** Keyset condition: rows strictly after the cursor in (sort, id) order. */
export function afterCursor(sort: Sort, idColumn: AnyColumn, cursor: string | undefined): SQL | undefined {
  if (!cursor) return undefined;
  const [value, id] = decodeCursor(cursor);
  return sort.desc
    ? sql`(${sort.expr}, ${idColumn}) < (${value}, ${id})`
    : sql`(${sort.expr}, ${idColumn}) > (${value}, ${id})`;
}

export function orderBy(sort: Sort, idColumn: AnyColumn): SQL[] {
  return sort.desc ? [sql`${sort.expr} desc`, sql`${idColumn} desc`] : [sql`${sort.expr} asc`, sql`${idColumn} asc`];
}

/** Cuts the limit+1 rows fetched into a page and its next cursor. */
export function toPage<R extends { id: string }>(
  rowsPlusOne: R[],
  limit: number,
  sortValue: (r: R) => unknown,
): { rows: R[]; nextCursor: string | null } {
  const more = rowsPlusOne.length > limit;
  const pageRows = more ? rowsPlusOne.slice(0, limit) : rowsPlusOne;
  const last = pageRows[pageRows.length - 1];
  return { rows: pageRows, nextCursor: more && last ? encodeCursor(sortValue(last), last.id) : null };
}

/** A LIKE pattern that finds `q` anywhere, with the user's own % and _ taken literally. */
export const containsPattern = (q: string) => `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
