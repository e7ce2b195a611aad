import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';
import { z } from 'zod';
import pkg from '../../package.json' with { type: 'json' };
import { auditRoutes } from './platform/audit/audit';
import { authRoutes } from './platform/auth/auth.routes';
import { createAuthService } from './platform/auth/auth.service';
import type { Config } from './platform/config';
import { openDatabase, type Database } from './platform/db/connection';
import { createRunner } from './platform/db/runner';
import { buildHttp } from './platform/http/app';
import { createMailHandler } from './platform/mail/mail';
import { mailRoutes } from './platform/mail/mail.routes';
import { createOutboxWorker, enqueue, type JobHandler } from './platform/outbox/outbox';
import { companies } from './platform/platform.schema';
import { catalogRoutes, createCatalogService } from './modules/catalog';
import { companyRoutes, createCompanyService } from './modules/companies';
import {
  createCustomerRuleService,
  createCustomerService,
  customerRoutes,
  customerRuleRoutes,
} from './modules/customers';
import {
  createContractService,
  createPricingService,
  createRenewalAlertHandler,
  pricingRoutes,
} from './modules/pricing';
import { createQuoteService, quoteRoutes } from './modules/quotes';
import { ACK_TOPIC, createAckHandler, createOrderService, orderRoutes } from './modules/orders';
import { createStockService, stockRoutes } from './modules/stock';
import {
  createDeliveryService,
  createShippingNoticeHandler,
  deliveryRoutes,
  openDeliveriesOf,
  parisDay,
  SHIPPING_NOTICE_TOPIC,
} from './modules/deliveries';
import {
  createInvoiceDocumentsHandler,
  createInvoicingRuns,
  createInvoicingService,
  INVOICE_DOCUMENTS_TOPIC,
  invoicingRoutes,
} from './modules/invoicing';
import {
  createDunning,
  createReceivablesService,
  creditStatusOf,
  receivablesOf,
  receivablesRoutes,
} from './modules/receivables';
import { createTaskService, taskRoutes } from './modules/tasks';
import { createImportService, importRoutes } from './modules/imports';
import { createUserService, userRoutes } from './modules/users/users';

export const VERSION: string = pkg.version;

function defaultWebRoot(): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  // dist/server/main.js → dist/web; src/server/app.ts (tsx, tests) → dist/web. Only a Vite build has assets/.
  for (const up of ['../web', '../../dist/web']) {
    const p = join(here, up);
    if (existsSync(join(p, 'index.html')) && existsSync(join(p, 'assets'))) return p;
  }
  return undefined;
}

export type Relais = Awaited<ReturnType<typeof createRelais>>;

/** Wires the whole product: database, services, HTTP, worker. Used by main.ts, the tests and the benchmark. */
export async function createRelais(config: Config, opts: { database?: Database; webRoot?: string | null } = {}) {
  const database = opts.database ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  const db = database.db;

  // Job handlers by outbox topic; modules add theirs below once the runner exists.
  const handlers: Record<string, JobHandler> = {
    'mail.send': createMailHandler({ smtpUrl: config.smtpUrl, from: config.mailFrom }),
  };
  const worker = createOutboxWorker(db, handlers, { log: (msg, err) => app.log.warn({ err }, msg) });
  const run = createRunner(db, () => worker.nudge());
  handlers['contract.renewal_alert'] = createRenewalAlertHandler(run);
  const auth = createAuthService(db);
  const pricing = createPricingService({ run });
  const services = {
    auth,
    companies: createCompanyService({ run }),
    users: createUserService({ run }),
    customers: createCustomerService({ run }),
    customerRules: createCustomerRuleService({ run }),
    pricing,
    contracts: createContractService({ run }),
    quotes: createQuoteService({ run, pricing }),
    catalog: createCatalogService({ run }),
    stock: createStockService({ run }),
    tasks: createTaskService({ run }),
    imports: createImportService({ run, dbKind: database.kind }),
  };
  const orders = createOrderService({
    run,
    pricing,
    customerRules: services.customerRules,
    stock: services.stock,
    contracts: services.contracts,
    openDeliveries: openDeliveriesOf,
    receivables: receivablesOf,
  });
  handlers[ACK_TOPIC] = createAckHandler(run);
  const deliveries = createDeliveryService({
    run,
    stock: services.stock,
    creditHold: async (q, companyId, customerId) =>
      (await creditStatusOf(q, companyId, customerId, parisDay(new Date()))) ?? { blocked: false, reasons: [] },
  });
  handlers[SHIPPING_NOTICE_TOPIC] = createShippingNoticeHandler(run);
  const invoicing = createInvoicingService({ run });
  const invoicingRuns = createInvoicingRuns({ run, service: invoicing });
  handlers[INVOICE_DOCUMENTS_TOPIC] = createInvoiceDocumentsHandler(run, invoicing);
  const receivables = createReceivablesService({ run });
  const dunning = createDunning({ run });
  handlers['import.commit'] = services.imports.commitJob;

  handlers['quotes.expire'] = async (job) => {
    await services.quotes.expireDue({
      companyId: job.companyId,
      userId: null,
      roles: [],
      requestId: `job:${job.id}`,
      lang: 'fr',
    });
  };

  /** Daily work, queued once per company and day (the dedupe key makes repeated calls harmless). */
  async function scheduleDailyJobs(today = new Date().toISOString().slice(0, 10)) {
    const all = await db.select({ id: companies.id }).from(companies);
    await db.transaction(async (tx) => {
      for (const c of all)
        await enqueue(tx, c.id, {
          topic: 'quotes.expire',
          payload: { date: today },
          dedupeKey: `quotes.expire:${today}`,
        });
    });
    worker.nudge();
  }

  const app: FastifyInstance = await buildHttp({
    logLevel: config.logLevel,
    version: VERSION,
    auth,
    webRoot: opts.webRoot === null ? undefined : (opts.webRoot ?? defaultWebRoot()),
    trustProxy: process.env.RELAIS_TRUST_PROXY === '1',
  });

  app.get(
    '/api/v1/health',
    {
      config: { public: true },
      schema: {
        tags: ['platform'],
        response: {
          200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgresql']), version: z.string() }),
        },
      },
    },
    async () => {
      await db.execute(sql`select 1`);
      return { status: 'ok' as const, database: database.kind, version: VERSION };
    },
  );

  await app.register(
    async (api) => {
      await api.register(authRoutes(auth, config.cookieSecure));
      await api.register(companyRoutes(services.companies));
      await api.register(userRoutes(services.users));
      await api.register(customerRoutes(services.customers));
      await api.register(customerRuleRoutes(services.customerRules));
      await api.register(pricingRoutes(services.pricing, services.contracts));
      await api.register(quoteRoutes(services.quotes));
      await api.register(orderRoutes(orders));
      await api.register(stockRoutes(services.stock));
      await api.register(deliveryRoutes(deliveries));
      await api.register(invoicingRoutes(invoicing, invoicingRuns, run));
      await api.register(receivablesRoutes(receivables, dunning));
      await api.register(taskRoutes(services.tasks));
      await api.register(catalogRoutes(services.catalog));
      await api.register(importRoutes(services.imports));
      await api.register(auditRoutes(run));
      await api.register(mailRoutes(run));
    },
    { prefix: '/api/v1' },
  );
  await app.ready();

  return {
    app,
    db,
    database,
    run,
    services: { ...services, orders, deliveries, invoicing, invoicingRuns, receivables, dunning },
    worker,
    scheduleDailyJobs,
    async close() {
      await worker.stop();
      await app.close();
      if (!opts.database) await database.close();
    },
  };
}
