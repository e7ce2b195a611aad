import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createRelais, type Relais } from '@server/app';
import { loadConfig } from '@server/platform/config';
import { DEMO_PASSWORD, frVat, loadDemo, siren } from '@server/demo';
import { freshDatabase } from '../support/harness';
import type { Database } from '@server/platform/db/connection';

/** The real product in a real browser: production web build, real server, PGlite or PostgreSQL. */
const webRoot = fileURLToPath(new URL('../../dist/web', import.meta.url));
let database: Database;
let relais: Relais;
let browser: Browser;
let page: Page;
let base: string;
const pageErrors: string[] = [];

beforeAll(async () => {
  database = await freshDatabase();
  relais = await createRelais({ ...loadConfig({ LOG_LEVEL: 'silent' }), workerEnabled: false }, { database, webRoot });
  await loadDemo(relais);
  await relais.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(relais.app.server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'fr-FR' });
  page.on('pageerror', (e) => pageErrors.push(String(e)));
});

afterAll(async () => {
  await browser?.close();
  await relais?.close();
  await database?.close();
});

async function login(email: string) {
  await page.goto(`${base}/`);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('nav-customers').waitFor();
}

describe('customers in the browser', () => {
  it('refuses a wrong password with a visible message', async () => {
    await page.goto(`${base}/`);
    await page.getByTestId('login-email').fill('adv@demo.relais.fr');
    await page.getByTestId('login-password').fill('wrong-password');
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByTestId('login-error').textContent()).toContain('incorrect');
  });

  it('logs in, creates a customer with a wrong SIREN, sees the error, fixes it and finds the customer in the list', async () => {
    await login('adv@demo.relais.fr');
    await page.getByTestId('nav-customers').click();
    await page.getByTestId('customer-row-C0001').waitFor();

    await page.getByTestId('customers-new').click();
    await page.getByTestId('customer-form').waitFor();
    const good = siren('77441296');
    await page.getByTestId('customer-code').fill('E2E-001');
    await page.getByTestId('customer-name').fill('Menuiserie du Perche SARL');
    await page.getByLabel('SIREN', { exact: true }).fill('123456789');
    await page.getByTestId('billing-line1').fill('4 rue de la Mairie');
    await page.getByTestId('billing-postalCode').fill('28400');
    await page.getByTestId('billing-city').fill('Nogent-le-Rotrou');
    await page.getByTestId('customer-submit').click();

    // The server's message, in French, under the SIREN field; nothing created.
    const sirenError = page.getByText('SIREN invalide', { exact: false }).first();
    await sirenError.waitFor();
    expect(page.url()).toMatch(/\/customers\/new$/);

    await page.getByLabel('SIREN', { exact: true }).fill(good);
    await page.getByLabel('N° TVA intracommunautaire').fill(frVat(good));
    await page.getByTestId('customer-submit').click();
    await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
    await page.getByText('Menuiserie du Perche SARL').first().waitFor();

    await page.getByTestId('nav-customers').click();
    await page.getByTestId('customers-search').fill('Perche');
    await page.getByTestId('customer-row-E2E-001').waitFor();
    await expect.poll(() => page.locator('[data-testid^="customer-row-"]').count()).toBe(1);
    expect(pageErrors).toEqual([]);
  });

  it('switches the interface to English', async () => {
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.getByTestId('nav-customers').textContent()).toMatch(/Customers/);
  });
});
