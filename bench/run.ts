/**
 * `npm run bench` — drives the real server through its public HTTP API with concurrent clients and reports
 * throughput and latency per step. Scenarios grow with the product (issue 9 adds the order-to-cash cycle).
 *
 *   master-data  create a customer, read it, search the list (3 requests per iteration)
 *   orders       create an order of 5 lines, then confirm it: pricing, promise, pipeline, stock reservation and the
 *                acknowledgement job (2 requests per iteration; the worker renders and queues the ARC meanwhile)
 *
 *   fulfilment   the orders scenario, then a delivery of everything and its goods issue (4 requests per iteration)
 *   invoicing    the fulfilment scenario as set-up (not timed), then ONE month-end invoicing run that issues an
 *                invoice per delivery with its documents (PDF, Factur-X, UBL, CII, archived): invoices issued per second
 *
 *   npm run bench -- [--db pglite|postgres] [--scenario master-data|orders|fulfilment|invoicing] [--requests 2000] [--concurrency 8]
 *                    [--url http://host:port] [--json FILE]
 *
 * With --db postgres, DATABASE_URL names the server (default postgres://postgres@127.0.0.1:5432/test); a fresh
 * database is created for the run and dropped afterwards.
 */
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createRelais } from '../src/server/app';
import { loadConfig } from '../src/server/platform/config';
import { openDatabase, type Database } from '../src/server/platform/db/connection';
import { DEMO_PASSWORD, frVat, loadDemo, siren } from '../src/server/demo';
import pg from 'pg';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : dflt;
};
const dbKind = opt('db', 'pglite');
const scenario = opt('scenario', 'master-data');
const total = Number(opt('requests', '2000'));
const concurrency = Number(opt('concurrency', '8'));
const jsonOut = opt('json', '');
let url = opt('url', '');

const SCENARIOS = ['master-data', 'orders', 'fulfilment', 'invoicing'] as const;
if (!(SCENARIOS as readonly string[]).includes(scenario)) {
  console.error(`unknown scenario "${scenario}" (available: ${SCENARIOS.join(', ')})`);
  process.exit(2);
}

async function startServer(): Promise<{ url: string; stop(): Promise<void> }> {
  let database: Database;
  let cleanup = async () => {};
  if (dbKind === 'postgres') {
    const base = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
    const name = `relais_bench_${Date.now()}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(base);
    u.pathname = `/${name}`;
    database = await openDatabase({ databaseUrl: u.toString(), poolSize: 16 });
    cleanup = async () => {
      const a = new pg.Client({ connectionString: base });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    };
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'relais-bench-'));
    database = await openDatabase({ dataDir: dir });
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
  const relais = await createRelais(
    { ...loadConfig({ LOG_LEVEL: 'warn' }), workerEnabled: true },
    { database, webRoot: null },
  );
  await loadDemo(relais);
  relais.worker.start();
  await relais.app.listen({ port: 0, host: '127.0.0.1' });
  const port = (relais.app.server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      await relais.close();
      await database.close();
      await cleanup();
    },
  };
}

type Step =
  | 'create_customer'
  | 'get_customer'
  | 'list_customers'
  | 'create_order'
  | 'confirm_order'
  | 'order_cycle'
  | 'create_delivery'
  | 'ship_delivery'
  | 'invoicing_run';
const samples: Partial<Record<Step, number[]>> = {};
let errors = 0;

async function timed<T>(step: Step, f: () => Promise<Response>): Promise<T> {
  const t0 = performance.now();
  const r = await f();
  const body = (await r.json()) as T;
  (samples[step] ??= []).push(performance.now() - t0);
  if (!r.ok) {
    errors++;
    if (errors < 5) console.error(step, r.status, JSON.stringify(body).slice(0, 300));
  }
  return body;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : 0;
};

const server = url ? null : await startServer();
if (server) url = server.url;
const tok = (await (
  await fetch(`${url}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'adv@demo.relais.fr', password: DEMO_PASSWORD }),
  })
).json()) as { token: string };
const headers = { authorization: `Bearer ${tok.token}`, 'content-type': 'application/json' };

let next = 0;
let done = 0;
const started = performance.now();
const progress = setInterval(() => {
  const w = 30;
  const f = Math.round((done / total) * w);
  process.stderr.write(`\r  [${'#'.repeat(f)}${'.'.repeat(w - f)}] ${done}/${total} iterations`);
}, 200);

/** Orders scenario set-up: customers without credit limit, five stocked products, plenty of stock. */
type OrderSetup = { customers: string[]; lines: { sku: string; quantity: string }[] };
async function orderSetup(): Promise<OrderSetup> {
  const customers: string[] = [];
  for (let i = 0; i < 20; i++) {
    const s = siren(String(40000000 + i));
    const r = await fetch(`${url}/api/v1/customers`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        code: `BO${String(i).padStart(4, '0')}-${Math.round(started)}`,
        name: `Client commandes ${i}`,
        siren: s,
        vatNumber: frVat(s),
        billingAddress: { line1: `${i} rue du Commerce`, postalCode: '69002', city: 'Lyon', countryCode: 'FR' },
        contacts: [{ name: 'Acheteur', role: 'buyer', email: `orders${i}@bench.test` }],
      }),
    });
    customers.push(((await r.json()) as { id: string }).id);
  }
  // Five stocked products, quantities that respect their minimums and multiples (a clean order confirms).
  const lines = [
    { sku: 'FX1040', quantity: '10' },
    { sku: 'FX1050', quantity: '20' },
    { sku: 'FX2008', quantity: '500' },
    { sku: 'FX2010', quantity: '250' },
    { sku: 'FX7001', quantity: '50' },
  ];
  await fetch(`${url}/api/v1/stock/receipts`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ reference: 'bench', lines: lines.map((l) => ({ sku: l.sku, quantity: '100000000' })) }),
  });
  return { customers, lines };
}

async function orderIteration(i: number, setup: OrderSetup) {
  const t0 = performance.now();
  const created = await timed<{ id: string }>('create_order', () =>
    fetch(`${url}/api/v1/orders`, {
      method: 'POST',
      headers: { ...headers, 'idempotency-key': `bench-order-${i}-${started}` },
      body: JSON.stringify({
        customerId: setup.customers[i % setup.customers.length],
        customerReference: `PO-${String(i).padStart(6, '0')}`,
        lines: setup.lines,
      }),
    }),
  );
  await timed('confirm_order', () =>
    fetch(`${url}/api/v1/orders/${created.id}/confirm`, { method: 'POST', headers, body: '{}' }),
  );
  if (scenario === 'fulfilment' || scenario === 'invoicing') {
    // The delivery of everything (picking implied, one parcel), then the goods issue.
    const delivery = await timed<{ id: string }>('create_delivery', () =>
      fetch(`${url}/api/v1/deliveries`, {
        method: 'POST',
        headers: { ...headers, 'idempotency-key': `bench-delivery-${i}-${started}` },
        body: JSON.stringify({ orderId: created.id }),
      }),
    );
    await timed('ship_delivery', () =>
      fetch(`${url}/api/v1/deliveries/${delivery.id}/ship`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ notify: false }),
      }),
    );
  }
  (samples.order_cycle ??= []).push(performance.now() - t0);
}

async function masterDataIteration(i: number) {
  {
    const s = siren(String(30000000 + i));
    const created = await timed<{ id: string }>('create_customer', () =>
      fetch(`${url}/api/v1/customers`, {
        method: 'POST',
        headers: { ...headers, 'idempotency-key': `bench-${i}-${started}` },
        body: JSON.stringify({
          code: `B${String(i).padStart(7, '0')}`,
          name: `Client bench ${i}`,
          siren: s,
          vatNumber: frVat(s),
          billingAddress: { line1: `${i} rue du Commerce`, postalCode: '75015', city: 'Paris', countryCode: 'FR' },
          shipTos: [
            {
              code: 'MAIN',
              name: 'Entrepôt',
              address: { line1: 'ZI Nord', postalCode: '28000', city: 'Chartres', countryCode: 'FR' },
              deliveryWeekdays: [1, 2, 5],
            },
          ],
          contacts: [{ name: 'Acheteur', role: 'buyer', email: `buyer${i}@bench.test` }],
        }),
      }),
    );
    await timed('get_customer', () => fetch(`${url}/api/v1/customers/${created.id}`, { headers }));
    await timed('list_customers', () => fetch(`${url}/api/v1/customers?limit=50&sort=name&q=bench`, { headers }));
  }
}

const setup = scenario === 'master-data' ? null : await orderSetup();
const loopStarted = performance.now();
async function clientLoop() {
  while (next < total) {
    const i = next++;
    if (setup) await orderIteration(i, setup);
    else await masterDataIteration(i);
    done++;
  }
}
await Promise.all(Array.from({ length: concurrency }, clientLoop));
clearInterval(progress);
const seconds = (performance.now() - loopStarted) / 1000;
process.stderr.write('\n');

// Invoicing: one month-end run over everything just shipped, issuing an invoice per delivery with its documents.
let invoicing: { invoices: number; seconds: number; invoicesPerSecond: number } | null = null;
if (scenario === 'invoicing') {
  process.stderr.write('  invoicing run…\n');
  const t0 = performance.now();
  const run = await timed<{ invoiceCount: number; errors: unknown[]; status: string }>('invoicing_run', () =>
    fetch(`${url}/api/v1/invoicing-runs`, {
      method: 'POST',
      headers: { ...headers, 'idempotency-key': `bench-run-${started}` },
      body: JSON.stringify({ issue: true }),
    }),
  );
  const s = (performance.now() - t0) / 1000;
  if (run.errors?.length || run.status !== 'done') {
    errors++;
    console.error('invoicing run', JSON.stringify(run).slice(0, 500));
  }
  invoicing = {
    invoices: run.invoiceCount,
    seconds: +s.toFixed(2),
    invoicesPerSecond: +(run.invoiceCount / s).toFixed(1),
  };
}

const rows = (Object.keys(samples) as Step[]).map((step) => ({
  step,
  count: samples[step]!.length,
  p50: +pct(samples[step]!, 50).toFixed(1),
  p95: +pct(samples[step]!, 95).toFixed(1),
  p99: +pct(samples[step]!, 99).toFixed(1),
}));
const requestsPerIteration = scenario === 'fulfilment' || scenario === 'invoicing' ? 4 : setup ? 2 : 3;
const result = {
  scenario,
  db: dbKind,
  concurrency,
  iterations: total,
  seconds: +seconds.toFixed(2),
  requestsPerSecond: +((total * requestsPerIteration) / seconds).toFixed(1),
  ...(setup
    ? scenario === 'fulfilment'
      ? {
          ordersShippedPerSecond: +(total / seconds).toFixed(1),
          lineItemsShippedPerHour: Math.round(((total * setup.lines.length) / seconds) * 3600),
        }
      : { ordersCreatedAndConfirmedPerSecond: +(total / seconds).toFixed(1) }
    : { customersCreatedPerSecond: +(total / seconds).toFixed(1) }),
  ...(invoicing ? { invoicing } : {}),
  errors,
  steps: rows,
  machine: {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  },
};
console.log(
  `\nRelais bench — ${scenario} on ${dbKind}, ${concurrency} clients, ${total} iterations in ${result.seconds} s`,
);
console.log(
  `  ${result.requestsPerSecond} requests/s, ${total / seconds > 0 ? (total / seconds).toFixed(1) : 0} ${scenario === 'fulfilment' ? 'orders created+confirmed+delivered+shipped' : setup ? 'orders created+confirmed' : 'customers created'}/s, ${errors} errors`,
);
if (invoicing)
  console.log(
    `  invoicing run: ${invoicing.invoices} invoices issued with PDF + Factur-X + UBL + CII in ${invoicing.seconds} s = ${invoicing.invoicesPerSecond} invoices/s`,
  );
console.table(rows);
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(result, null, 2));
await server?.stop();
if (errors) {
  console.error(`FAIL: ${errors} requests failed — no figure is valid`);
  process.exit(1);
}
