/**
 * Child process of the crash test: opens the database the parent prepared, starts issuing a draft invoice and is
 * killed (SIGKILL, no cleanup, no rollback message) right after the invoice number was taken, before commit.
 * Usage: node --import tsx test/support/issue-crash-child.ts <companyId> <invoiceId>  (DB from DATABASE_URL or
 * RELAIS_DATA_DIR).
 */
import { openDatabase } from '@server/platform/db/connection';
import { createRunner } from '@server/platform/db/runner';
import { createInvoicingService } from '@server/modules/invoicing';

const [companyId, invoiceId] = process.argv.slice(2) as [string, string];
const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: process.env.RELAIS_DATA_DIR });
const run = createRunner(database.db);
const svc = createInvoicingService({
  run,
  hooks: {
    afterNumber: () => {
      process.stdout.write('number taken\n');
      process.kill(process.pid, 'SIGKILL');
    },
  },
});
await svc.issue({ companyId, userId: null, roles: ['admin'], requestId: 'crash-test', lang: 'fr' }, invoiceId, {});
process.stdout.write('issued (the hook did not fire)\n');
process.exit(3);
