import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createRelais, type Relais } from '@server/app';
import { loadConfig } from '@server/platform/config';
import { DEMO_PASSWORD, loadDemo } from '@server/demo';
import type { Database } from '@server/platform/db/connection';
import { addDays, isoWeekday } from '@shared/dates';
import { freshDatabase } from '../support/harness';

/**
 * Planning a delivery in the browser: a Wednesday for Bricodis' Chartres site is refused with the customer's rule,
 * the next valid day is taken, the delivery is picked short (the rest stays on backorder), shipped, and the reliquat
 * is seen on the delivery, the order and the planning screen.
 */
const webRoot = fileURLToPath(new URL('../../dist/web', import.meta.url));
let database: Database;
let relais: Relais;
let browser: Browser;
let page: Page;
let base: string;
let token: string;
const pageErrors: string[] = [];

const today = new Date().toISOString().slice(0, 10);
/** A Wednesday a few weeks ahead, away from the year-end closures. */
const wednesday = (() => {
  let d = addDays(today, 21);
  while (isoWeekday(d) !== 3 || d.slice(5) >= '12-18' || d.slice(5) <= '01-08') d = addDays(d, 1);
  return d;
})();
const typed = (iso: string) => iso.split('-').reverse().join('/');

async function api(method: 'GET' | 'POST', url: string, payload?: unknown) {
  const r = await relais.app.inject({
    method,
    url,
    payload: payload as never,
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: r.statusCode, body: JSON.parse(r.body) };
}

beforeAll(async () => {
  database = await freshDatabase();
  relais = await createRelais({ ...loadConfig({ LOG_LEVEL: 'silent' }), workerEnabled: false }, { database, webRoot });
  await loadDemo(relais);
  await relais.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(relais.app.server.address() as AddressInfo).port}`;
  const auth = await relais.app.inject({
    method: 'POST',
    url: '/api/v1/auth/token',
    payload: { email: 'adv@demo.relais.fr', password: DEMO_PASSWORD },
  });
  token = JSON.parse(auth.body).token;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'],
  });
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'fr-FR' });
  page.on('pageerror', (e) => pageErrors.push(String(e)));
});

afterAll(async () => {
  await browser?.close();
  await relais?.close();
  await database?.close();
});

describe('delivery planning in the browser', () => {
  it('refuses a forbidden weekday with the rule, takes the next valid day, ships partially and shows the backorder', async () => {
    // Bricodis' order PO-004498 (FX1040 × 40, FX4100 × 100) is confirmed by the ADV desk.
    const found = await api('GET', '/api/v1/orders?customerReference=PO-004498');
    const order = found.body.data[0];
    expect((await api('POST', `/api/v1/orders/${order.id}/confirm`, {})).status).toBe(200);
    const fx1040 = order.lines.find((l: { sku: string }) => l.sku === 'FX1040');
    const fx4100 = order.lines.find((l: { sku: string }) => l.sku === 'FX4100');

    await page.goto(`${base}/`);
    await page.getByTestId('login-email').fill('adv@demo.relais.fr');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('nav-customers').waitFor();

    // The planning screen lists both lines; select them and open the plan dialog.
    await page.goto(`${base}/deliveries/planning`);
    await page.getByTestId(`plan-line-${fx1040.id}`).click();
    await page.getByTestId(`plan-line-${fx4100.id}`).click();
    await page.getByTestId('plan-open').click();
    await page.getByTestId('plan-dialog').waitFor();

    // A Wednesday: the live check refuses it with the customer's rule and proposes the next valid day.
    const date = page.getByTestId('plan-date');
    await date.click();
    await date.fill(typed(wednesday));
    await date.press('Enter');
    const check = page.getByTestId('plan-check');
    await expect.poll(() => check.getAttribute('data-checked-date')).toBe(wednesday);
    expect(await check.getAttribute('data-allowed')).toBe('false');
    const findings = (await page.getByTestId('plan-findings').textContent()) ?? '';
    expect(findings).toContain('Pas de livraison possible le');
    expect(findings).toContain('Quais réservés aux retours');

    // Submitting anyway is refused by the server with the same rule; nothing is created.
    await page.getByTestId('plan-submit').click();
    await expect
      .poll(async () => (await page.getByTestId('plan-dialog').textContent()) ?? '')
      .toMatch(/Pas de livraison possible le|Livraison impossible le/);
    expect((await api('GET', `/api/v1/deliveries?orderId=${order.id}`)).body.data).toHaveLength(0);

    // Take the proposed date (Chartres is delivered on Monday, Tuesday and Friday): Friday.
    await page.getByTestId('plan-next-date').click();
    const friday = addDays(wednesday, 2);
    await expect.poll(() => check.getAttribute('data-checked-date')).toBe(friday);
    expect(await check.getAttribute('data-allowed')).toBe('true');
    await page.getByTestId('plan-submit').click();
    await page.getByTestId('plan-dialog').waitFor({ state: 'detached' });

    const planned = (await api('GET', `/api/v1/deliveries?orderId=${order.id}`)).body.data;
    expect(planned).toHaveLength(1);
    expect(planned[0]).toMatchObject({ plannedDate: friday, status: 'planned' });
    const number = planned[0].number as string;

    // The delivery page: pick 30 of the 40 FX1040 (the rest stays on backorder), then ship.
    await page.getByTestId(`planning-delivery-${number}`).click();
    await expect.poll(() => page.getByTestId('delivery-title').textContent()).toContain(number);
    await page.getByTestId('delivery-pick').click();
    await page.getByTestId('pick-dialog').waitFor();
    const row = page.locator('[data-testid^="pick-line-"][data-sku="FX1040"]');
    const position = ((await row.getAttribute('data-testid')) ?? '').replace('pick-line-', '');
    await page.getByTestId(`pick-qty-${position}`).fill('30');
    await page.getByTestId(`pick-reason-${position}`).fill('Rupture en rayon, complément la semaine prochaine');
    await page.getByTestId('pick-submit').click();
    await page.getByTestId('pick-dialog').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('delivery-status').first().textContent()).toMatch(/Préparée/i);

    await page.getByTestId('delivery-ship').click();
    await page.getByTestId('ship-dialog').waitFor();
    await page.getByTestId('ship-tracking').fill('GEO-7781-0042');
    await page.getByTestId('ship-submit').click();
    await page.getByTestId('ship-dialog').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('delivery-status').first().textContent()).toMatch(/Expédiée/i);

    // The reliquat: 10 left on the delivery line, the order partially delivered, the line back in planning.
    await expect
      .poll(async () => (await page.getByTestId(`delivery-line-remaining-${position}`).textContent()) ?? '')
      .toContain('10');
    const after = (await api('GET', `/api/v1/orders/${order.id}`)).body;
    expect(after.status).toBe('partially_delivered');
    expect(after.lines.find((l: { sku: string }) => l.sku === 'FX1040')).toMatchObject({
      deliveredQuantity: '30',
      remainingQuantity: '10',
    });
    await page.goto(`${base}/orders/${order.id}`);
    await page.getByTestId(`order-delivery-${number}`).waitFor();
    await page.goto(`${base}/deliveries/planning`);
    await page.getByTestId(`planning-line-${fx1040.id}`).waitFor();
    expect(await page.getByTestId(`planning-line-${fx1040.id}`).textContent()).toContain('10');
    expect(await page.getByTestId(`planning-line-${fx4100.id}`).count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
