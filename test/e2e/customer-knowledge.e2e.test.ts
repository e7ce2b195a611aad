import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createRelais, type Relais } from '@server/app';
import { loadConfig } from '@server/platform/config';
import { DEMO_PASSWORD, frVat, loadDemo, siren } from '@server/demo';
import { freshDatabase } from '../support/harness';
import type { Database } from '@server/platform/db/connection';

/** Customer knowledge in a real browser: rules held as data, agreed prices, and the "why this price" simulator. */
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

/** Picks a product in a product picker: types the search, then clicks the option that appears. */
async function pickProduct(testId: string, sku: string) {
  await page.getByTestId(testId).fill(sku);
  await page.getByRole('option', { name: new RegExp(`^${sku} — `) }).click();
}

const RULE_SENTENCE = 'Livraison lun., mar., jeu., ven. de 07:00 à 12:00';
const RULE_NOTE = 'Inventaire tous les mercredis : quais fermés';

describe('customer knowledge in the browser', () => {
  let customerUrl = '';

  it('creates a customer, adds a delivery rule with a note and a specific price', async () => {
    await login('adv@demo.relais.fr');
    await page.getByTestId('nav-customers').click();
    await page.getByTestId('customer-row-C0001').waitFor();

    await page.getByTestId('customers-new').click();
    await page.getByTestId('customer-form').waitFor();
    const good = siren('51234987');
    await page.getByTestId('customer-code').fill('CK-001');
    await page.getByTestId('customer-name').fill('Quincaillerie du Perche SAS');
    await page.getByLabel('SIREN', { exact: true }).fill(good);
    await page.getByLabel('N° TVA intracommunautaire').fill(frVat(good));
    await page.getByTestId('billing-line1').fill('12 rue Gouverneur');
    await page.getByTestId('billing-postalCode').fill('28400');
    await page.getByTestId('billing-city').fill('Nogent-le-Rotrou');
    await page.getByTestId('customer-submit').click();
    await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
    customerUrl = page.url();
    await page.getByTestId('rules-card').getByText('Aucune règle enregistrée pour ce client.').waitFor();

    // Rules tab: a delivery window every day but Wednesday, with a note beside it.
    await page.getByTestId('tab-rules').click();
    await page.getByTestId('rules-list').getByText('Aucune règle pour ce client').waitFor();
    await page.getByTestId('rule-add').click();
    await page.getByTestId('rule-add-delivery_window').click();
    const form = page.getByTestId('rule-form');
    await form.waitFor();
    for (const day of ['lun.', 'mar.', 'jeu.', 'ven.'])
      await form.getByTestId('rule-weekdays').getByText(day, { exact: true }).click();
    await form.getByTestId('rule-from').fill('07:00');
    await form.getByTestId('rule-to').fill('12:00');
    await form.getByTestId('rule-note-input').fill(RULE_NOTE);
    await form.getByTestId('rule-submit').click();
    await form.waitFor({ state: 'detached' });
    const line = page.getByTestId('rules-list').getByTestId('rule-line').first();
    await expect.poll(() => line.getByTestId('rule-sentence').textContent()).toBe(RULE_SENTENCE);
    await expect.poll(() => line.textContent()).toContain(RULE_NOTE);

    // The tester: a Wednesday is refused, and the next possible date is the Thursday.
    await page.getByTestId('tester-date').fill('2026-12-02');
    await page.getByTestId('tester-submit').click();
    const finding = page.getByTestId('finding').first();
    await finding.waitFor();
    expect(await finding.getAttribute('data-severity')).toBe('blocking');
    expect(await finding.textContent()).toContain(RULE_NOTE);
    await expect.poll(() => page.getByTestId('tester-next-date').textContent()).toContain('jeudi 3 décembre 2026');

    // Prices tab: an agreed price for FX1040.
    await page.getByTestId('tab-pricing').click();
    await page.getByTestId('price-add').click();
    const priceForm = page.getByTestId('price-form');
    await priceForm.waitFor();
    await pickProduct('price-product', 'FX1040');
    await priceForm.getByTestId('price-unit-input').fill('16,50');
    await priceForm.getByTestId('price-submit').click();
    await priceForm.waitFor({ state: 'detached' });
    await expect
      .poll(() => page.getByTestId('price-row-FX1040').getByTestId('price-unit').textContent())
      .toMatch(/^16,50\s€$/);
  });

  it('shows the rule with its note and the specific price on the customer page, and explains the price', async () => {
    await page.goto(customerUrl);
    await page.getByTestId('customer-title').waitFor();
    const card = page.getByTestId('rules-card');
    const line = card.getByTestId('rule-line').first();
    await expect.poll(() => line.getByTestId('rule-sentence').textContent()).toBe(RULE_SENTENCE);
    expect(await line.getByTestId('rule-note').textContent()).toContain(RULE_NOTE);
    expect(await line.getByTestId('severity-blocking').isVisible()).toBe(true);
    const price = page.getByTestId('overview-price-FX1040');
    await expect.poll(() => price.textContent()).toMatch(/16,50\s€/);

    // The simulator: the specific price applies, and the page says why.
    await page.getByTestId('tab-pricing').click();
    await pickProduct('sim-product', 'FX1040');
    await page.getByTestId('sim-quantity').fill('10');
    await page.getByTestId('sim-submit').click();
    await page.getByTestId('sim-result').waitFor();
    await expect.poll(() => page.getByTestId('sim-net').textContent()).toMatch(/^16,50\s€$/);
    expect(await page.getByTestId('sim-source').textContent()).toBe('Prix spécifique client');
    expect(await page.getByTestId('sim-explanation').textContent()).toMatch(/Prix spécifique/);
    expect(pageErrors).toEqual([]);
  });
});
