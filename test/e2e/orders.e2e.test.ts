import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createRelais, type Relais } from '@server/app';
import { loadConfig } from '@server/platform/config';
import { DEMO_PASSWORD, loadDemo } from '@server/demo';
import type { Database } from '@server/platform/db/connection';
import { freshDatabase } from '../support/harness';

/**
 * An order typed at the keyboard only — customer, PO, date, lines by the customer's code and by our SKU — with the
 * customer's rules and the live checks beside the form, saved and confirmed; then changed (a version is kept) and,
 * for a blocked order, the override refused to an assistant — in a real browser.
 */
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
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'fr-FR' });
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

/** Text content without the narrow/no-break spaces French formatting puts in amounts. */
async function text(testId: string) {
  return ((await page.getByTestId(testId).first().textContent()) ?? '').replace(/[\s\u00a0\u202f]/g, '');
}

const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);

/**
 * A Wednesday three weeks ahead or later (Bricodis' Chartres site is delivered on Monday, Tuesday and Friday),
 * away from its year-end closure: ISO and as typed (dd/mm/yyyy).
 */
function wednesdayAhead(): { iso: string; typed: string } {
  const d = new Date();
  d.setDate(d.getDate() + 21);
  const yearEnd = (x: Date) => (x.getMonth() === 11 && x.getDate() >= 18) || (x.getMonth() === 0 && x.getDate() <= 8);
  while (d.getDay() !== 3 || yearEnd(d)) d.setDate(d.getDate() + 1);
  const p = (n: number) => String(n).padStart(2, '0');
  return {
    iso: `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`,
    typed: `${p(d.getDate())}/${p(d.getMonth() + 1)}/${d.getFullYear()}`,
  };
}

describe('order entry and the order page in the browser', () => {
  let orderUrl = '';

  it('takes an order at the keyboard, shows the rules and the live checks, then saves and confirms it', async () => {
    await login('adv@demo.relais.fr');
    await page.goto(`${base}/orders/new`);
    await page.getByTestId('order-form').waitFor();
    const wednesday = wednesdayAhead();

    // Customer: the search has the focus; its code, Enter takes the match and moves on to the PO number.
    await expect.poll(focused).toBe('order-customer');
    await page.keyboard.type('C0001');
    await page.getByTestId('customer-option-C0001').waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(focused).toBe('order-customer-reference');
    await page.keyboard.type('PO-004512');

    // The customer's rules show beside the form while typing.
    await expect.poll(() => page.getByTestId('customer-rules').textContent()).toContain('Franco de port');
    await expect.poll(() => page.getByTestId('customer-rules').textContent()).toContain('PO-004512');

    // Tab: the ship-to (the default one, Chartres, is already chosen), Tab: the requested date.
    await page.keyboard.press('Tab');
    await expect.poll(focused).toBe('order-shipto');
    expect(await page.getByTestId('order-shipto').inputValue()).toContain('CHARTRES');
    await page.keyboard.press('Tab');
    await expect.poll(focused).toBe('order-requested-date');
    await page.keyboard.type(wednesday.typed);
    await page.keyboard.press('Enter');

    // Line 1 by the customer's own code (prefix rule "0A-"), Tab, quantity, Tab, price left empty, Tab: line 2.
    await expect.poll(focused).toBe('line-product-0');
    await page.keyboard.type('0A-FX1040');
    await page.keyboard.press('Tab');
    await expect.poll(focused).toBe('line-qty-0');
    await page.keyboard.type('40');
    await page.keyboard.press('Tab');
    await expect.poll(focused).toBe('line-price-0');
    await page.keyboard.press('Tab');
    await expect.poll(focused).toBe('line-product-1');
    // Line 2 by our SKU, Tab, quantity, Enter: line 3 opens (left blank, not sent).
    await page.keyboard.type('FX2008');
    await page.keyboard.press('Tab');
    await page.keyboard.type('1000');
    await page.keyboard.press('Enter');
    await expect.poll(focused).toBe('line-product-2');

    // What the customer's code resolved to, and the prices of the customer's conditions from the preview.
    await expect.poll(() => page.getByTestId('line-translation-0').textContent()).toBe('0A-FX1040 → FX1040');
    await expect.poll(() => text('line-net-0')).toBe('676,00€');
    await expect.poll(() => text('line-net-1')).toBe('45,00€');
    await expect.poll(() => text('total-net')).toBe('721,00€');

    // The delivery-day warning appears beside the form, with the customer's note, pointing at the date.
    const warning = page.locator('[data-testid="preview-findings"] [data-code="delivery_day_not_allowed"]');
    await warning.waitFor();
    expect(await warning.getAttribute('data-severity')).toBe('warning');
    expect(await warning.textContent()).toContain('Quais réservés aux retours');
    expect(await warning.getByTestId('finding-pointer').textContent()).toBe('Date de livraison');
    // The customer's code translation points at its line.
    const translated = page.locator('[data-testid="preview-findings"] [data-code="product_code_translated"]');
    expect(await translated.getByTestId('finding-pointer').textContent()).toBe('Ligne 1');
    expect(await page.getByTestId('preview-blocked').count()).toBe(0);
    // Delivery on a Wednesday is not possible: the promise moves to an allowed day after it.
    await expect.poll(() => page.getByTestId('preview-promised').textContent()).not.toBe('');
    const promised = (await page.getByTestId('preview-promised').textContent()) ?? '';

    // Save and confirm from the keyboard (Ctrl+Shift+Enter).
    await page.keyboard.press('Control+Shift+Enter');
    await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
    orderUrl = page.url();
    await expect.poll(() => page.getByTestId('order-status').getAttribute('data-status')).toBe('confirmed');
    expect(await page.getByTestId('order-status').textContent()).toBe('Confirmée');
    expect(await page.getByTestId('order-title').textContent()).toMatch(/^Commande CMD-/);
    expect(await page.getByTestId('order-promised').textContent()).toBe(promised);
    expect(await page.getByTestId('order-po').textContent()).toBe('PO-004512');
    // The lines: the customer's code kept, stock reserved, nothing backordered.
    expect(await page.getByTestId('order-line-view-0').textContent()).toContain('0A-FX1040');
    expect(await text('line-backorder-0')).toBe('0');
    expect(await text('total-net')).toBe('721,00€');
    await page
      .locator('[data-testid="order-findings"] [data-code="delivery_day_not_allowed"]')
      .waitFor({ state: 'visible' });
    expect(pageErrors).toEqual([]);
  });

  it('changes the confirmed order with a reason: the previous version is kept', async () => {
    await page.getByTestId('order-edit').click();
    await page.waitForURL(/\/edit$/);
    await page.getByTestId('line-qty-1').fill('1200');
    await page.getByTestId('order-save').click();
    // A confirmed order asks why it changes.
    await page.getByText('Indiquez le motif de la modification.').waitFor();
    await page.getByTestId('order-reason').fill('Le client ajoute 200 chevilles');
    await expect.poll(() => text('line-net-1')).toBe('54,00€');
    await page.getByTestId('order-save').click();
    await page.waitForURL(orderUrl);
    await expect.poll(() => text('order-line-view-1')).toContain('1200');
    expect(await page.getByTestId('order-status').getAttribute('data-status')).toBe('confirmed');

    await page.getByTestId('tab-versions').click();
    await page.getByTestId('order-version').first().waitFor();
    expect(await page.getByTestId('order-versions').textContent()).toContain('Le client ajoute 200 chevilles');
    await page.getByTestId('tab-history').click();
    await page.getByTestId('timeline-entry').first().waitFor();
    expect(await page.locator('[data-testid="timeline-entry"][data-kind="version"]').count()).toBe(1);
    expect(pageErrors).toEqual([]);
  });

  it('keeps a blocked order "to validate": an assistant cannot override, the server says why', async () => {
    await page.goto(`${base}/orders/new`);
    await page.getByTestId('order-form').waitFor();
    await expect.poll(focused).toBe('order-customer');
    await page.keyboard.type('C0001');
    await page.getByTestId('customer-option-C0001').waitFor();
    await page.keyboard.press('Enter');
    // No PO number: Bricodis requires one (blocking).
    await expect.poll(focused).toBe('order-customer-reference');
    await page.keyboard.press('Tab');
    await expect.poll(focused).toBe('order-shipto');
    await page.keyboard.press('Tab');
    await expect.poll(focused).toBe('order-requested-date');
    await page.keyboard.press('Tab');
    await expect.poll(focused).toBe('line-product-0');
    await page.keyboard.type('FX1040');
    await page.keyboard.press('Tab');
    await page.keyboard.type('40');
    await page.getByTestId('preview-blocked').waitFor();

    await page.keyboard.press('Control+Shift+Enter');
    await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByTestId('order-status').getAttribute('data-status')).toBe('to_validate');
    await page.getByTestId('order-blocked-alert').waitFor();
    expect(await page.locator('[data-testid="order-findings"] [data-severity="blocking"]').count()).toBeGreaterThan(0);

    await page.getByTestId('order-confirm').click();
    await page.getByTestId('override-dialog').waitFor();
    await page.getByTestId('override-not-manager').waitFor();
    await page.getByTestId('override-reason').fill('PO envoyé par téléphone');
    await page.getByTestId('override-confirm').click();
    await expect
      .poll(() => page.getByTestId('override-error').textContent())
      .toContain('pas autorisé à forcer la validation');
    expect(await page.getByTestId('order-status').getAttribute('data-status')).toBe('to_validate');
    expect(pageErrors).toEqual([]);
  });
});
