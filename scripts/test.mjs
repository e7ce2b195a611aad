#!/usr/bin/env node
// `npm test`: unit and integration tests (on PGlite, or on PostgreSQL when DATABASE_URL is set), then the browser
// end-to-end tests (Debian's Chromium driven by playwright-core) against the production web build.
// Ends with one line "N passed, N failed" over everything that ran.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ci = process.env.CI === 'true';
mkdirSync('.tmp', { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };
let ok = true;

function vitest(projects, report) {
  const args = [
    'vitest',
    'run',
    ...projects.flatMap((p) => ['--project', p]),
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
  ];
  const r = spawnSync('npx', args, { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' } });
  if (existsSync(report)) {
    const j = JSON.parse(readFileSync(report, 'utf8'));
    totals.passed += j.numPassedTests;
    totals.failed += j.numFailedTests;
    totals.skipped += j.numPendingTests + (j.numTodoTests ?? 0);
  }
  if (r.status !== 0) ok = false;
}

// The official EN 16931 validator (../shared/einvoice, or RELAIS_EINVOICE_DIR) checks the e-invoices the tests make:
// install its dependencies in place on first use.
const einvoiceDir = process.env.RELAIS_EINVOICE_DIR ?? '../shared/einvoice';
if (existsSync(`${einvoiceDir}/package.json`) && !existsSync(`${einvoiceDir}/node_modules`)) {
  console.log(`\n== installing the e-invoice validator in ${einvoiceDir}`);
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: einvoiceDir, stdio: 'inherit' });
  if (r.status !== 0) ok = false;
}

const db = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';
console.log(`\n== unit and integration tests (${db})`);
vitest(['unit', 'integration'], '.tmp/vitest-main.json');

if (existsSync(CHROMIUM)) {
  console.log('\n== web build for the end-to-end tests');
  const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (build.status !== 0) ok = false;
  else {
    console.log(`\n== end-to-end tests in Chromium (${db})`);
    vitest(['e2e'], '.tmp/vitest-e2e.json');
  }
} else if (ci) {
  console.error(`\nFAIL: ${CHROMIUM} is missing; CI must run the browser tests (apt-get install chromium).`);
  ok = false;
} else {
  console.log(`\n== end-to-end tests skipped: ${CHROMIUM} not found (apt-get install chromium to run them)`);
}

console.log(
  `\n${db}: ${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`,
);
process.exit(ok && totals.failed === 0 ? 0 : 1);
