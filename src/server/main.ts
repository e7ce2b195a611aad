import { createRelais } from './app';
import { DEMO_PASSWORD, DEMO_USERS, ensureAdmin, loadDemo } from './demo';
import { loadConfig } from './platform/config';

const config = loadConfig();
const relais = await createRelais(config);

if (config.adminEmail && config.adminPassword) await ensureAdmin(relais, config.adminEmail, config.adminPassword);
const seeded = config.demo ? await loadDemo(relais) : null;
if (config.workerEnabled) {
  relais.worker.start();
  // Daily jobs (quote expiry…): queued at start and checked every hour; each runs once per company and day.
  await relais.scheduleDailyJobs();
  setInterval(
    () => void relais.scheduleDailyJobs().catch((err) => relais.app.log.error({ err }, 'daily jobs')),
    3_600_000,
  ).unref();
}

const address = await relais.app.listen({ port: config.port, host: config.host });
const url = address.replace('0.0.0.0', '127.0.0.1').replace('[::]', '127.0.0.1');
const where = relais.database.kind === 'pglite' ? `PGlite in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)';
const lines = [
  '',
  `  Relais ${process.env.npm_package_version ?? ''} — administration des ventes`,
  `  Web UI   ${url}/`,
  `  API      ${url}/api/v1   (reference: ${url}/api/docs)`,
  `  Database ${where}`,
];
if (config.demo) {
  lines.push(`  Demo data ${seeded ? 'loaded' : 'already present'}. Logins (password "${DEMO_PASSWORD}"):`);
  for (const u of DEMO_USERS) lines.push(`    ${u.email.padEnd(28)} ${u.roles.join(', ')}`);
}
if (config.adminEmail) lines.push(`  Admin    ${config.adminEmail}`);
console.log(lines.join('\n') + '\n');

for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    void relais.close().then(() => process.exit(0));
  });
}
