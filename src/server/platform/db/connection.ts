import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import pg from 'pg';

/** The Drizzle database type shared by both drivers. */
export type Db = PgDatabase<PgQueryResultHKT, Record<string, never>>;
/** A transaction handle: the same query API as Db. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Anything that can run queries. */
export type Queryable = Db | Tx;

export type Database = {
  db: Db;
  kind: 'pglite' | 'postgresql';
  close(): Promise<void>;
};

// pg returns NUMERIC as strings already; keep DATE as a plain 'YYYY-MM-DD' string instead of a JS Date.
pg.types.setTypeParser(1082, (v: string) => v);
// bigint counters (e.g. COUNT) come back as strings; we parse where needed.

function migrationsFolder(): string {
  // Works from src/ (tsx, vitest) and from the dist/ bundle: both sit two or three levels under the repo root.
  const here = dirname(fileURLToPath(import.meta.url));
  for (const up of ['../../../..', '../../..', '../..', '..']) {
    const candidate = join(here, up, 'migrations');
    if (existsSync(join(candidate, 'meta', '_journal.json'))) return candidate;
  }
  throw new Error('migrations folder not found');
}

export type OpenOptions = { databaseUrl?: string | undefined; dataDir?: string | undefined; poolSize?: number };

/** Opens PostgreSQL when a URL is given, else PGlite in dataDir (in memory when dataDir is undefined), and migrates. */
export async function openDatabase(opts: OpenOptions): Promise<Database> {
  const folder = migrationsFolder();
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    // An idle connection can be cut by the server (restart, admin command): the pool replaces it; never crash.
    pool.on('error', (err) => console.warn(`PostgreSQL idle connection error: ${err.message}`));
    const db = drizzlePg(pool) as unknown as Db;
    await migratePg(drizzlePg(pool), { migrationsFolder: folder });
    return { db, kind: 'postgresql', close: () => pool.end() };
  }
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
  const client = opts.dataDir ? new PGlite(opts.dataDir) : new PGlite();
  await client.waitReady;
  const db = drizzlePglite(client) as unknown as Db;
  await migratePglite(drizzlePglite(client), { migrationsFolder: folder });
  return { db, kind: 'pglite', close: () => client.close() };
}

/** Rows of a raw SQL query on either driver. */
export async function rows<T>(q: Queryable, query: ReturnType<typeof sql>): Promise<T[]> {
  const res = (await q.execute(query)) as unknown as { rows: T[] };
  return res.rows;
}
