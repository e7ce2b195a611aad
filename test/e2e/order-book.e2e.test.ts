import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createRelais, type Relais } from '@server/app';
import { loadConfig } from '@server/platform/config';
import { DEMO_PASSWORD, loadDemo } from '@server/demo';
import { freshDatabase } from '../support/harness';
import type { Database } from '@server/platform/db/connection';

/**
 * The demo quote accepted and turned into an order from its page, the order confirmed, then found in the order book
 * (filtered by customer, with its promised dates), exported to Excel; and a goods receipt booked on the stock page.
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
  page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'fr-FR', acceptDownloads: true });
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

/** A call to the API with the browser's session (and its CSRF token on unsafe requests). */
async function apiCall<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; json: T }> {
  const csrf = (await page.context().cookies()).find((c) => c.name === 'relais_csrf')?.value ?? '';
  const res = await page.request.fetch(`${base}/api/v1${path}`, {
    method,
    headers: method === 'POST' ? { 'X-CSRF-Token': csrf, 'Content-Type': 'application/json' } : {},
    data: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status(), json: (await res.json()) as T };
}

/** Text content without the spaces French formatting puts in numbers and amounts. */
const squash = (s: string | null) => (s ?? '').replace(/[\s\u00a0\u202f]/g, '');
const frDate = (iso: string) =>
  new Intl.DateTimeFormat('fr-FR', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));

interface OrderDto {
  id: string;
  number: string;
  status: string;
  customerId: string;
  customerReference: string | null;
  lines: { sku: string; promisedDeliveryDate: string | null; reservedQuantity: string }[];
}

describe('order book in the browser', () => {
  let order: OrderDto;
  let quoteUrl = '';

  it('accepts the demo quote and turns it into an order from the quote page', async () => {
    await login('adv@demo.relais.fr');
    const quotes = await apiCall<{ data: { id: string; number: string; customerReference: string | null }[] }>(
      'GET',
      '/quotes',
    );
    const demo = quotes.json.data.find((q) => q.customerReference === 'Demande du 18/11');
    expect(demo).toBeDefined();
    quoteUrl = `${base}/quotes/${demo!.id}`;

    await page.goto(quoteUrl);
    await page.getByTestId('quote-accept').click();
    await expect.poll(() => page.getByTestId('quote-status').textContent()).toBe('Accepté');

    await page.getByTestId('quote-convert').click();
    await page.getByTestId('convert-dialog').waitFor();
    await page.getByTestId('convert-po').fill('PO-778101');
    await page.getByTestId('convert-date').click();
    await page.keyboard.type('15/12/2026');
    await page.keyboard.press('Tab');
    await page.getByTestId('convert-confirm').click();
    await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
    const orderId = page.url().split('/').pop()!;

    const got = await apiCall<OrderDto>('GET', `/orders/${orderId}`);
    expect(got.status).toBe(200);
    order = got.json;
    expect(order.customerReference).toBe('PO-778101');
    expect(order.lines.map((l) => l.sku)).toEqual(['FX3012', 'FX3112', 'FX2010']);

    // The quote now points at its order.
    await page.goto(quoteUrl);
    await expect.poll(() => page.getByTestId('quote-status').textContent()).toBe('Transformé en commande');
    expect(await page.getByTestId('quote-order-link').getAttribute('href')).toBe(`/orders/${order.id}`);
    expect(pageErrors).toEqual([]);
  });

  it('confirms the order through the API', async () => {
    const confirmed = await apiCall<OrderDto>('POST', `/orders/${order.id}/confirm`, {});
    expect(confirmed.status).toBe(200);
    expect(confirmed.json.status).toBe('confirmed');
    order = confirmed.json;
    expect(order.lines.every((l) => !!l.promisedDeliveryDate)).toBe(true);
  });

  it('finds the lines in the order book, filtered by customer, with their promised dates', async () => {
    await page.getByTestId('nav-orders').click();
    await page.waitForURL(/\/orders$/);
    await page.getByTestId('book-stats').waitFor();

    await page.getByTestId('book-customer').click();
    await page.keyboard.type('C0002');
    await page.getByTestId('customer-option-C0002').waitFor();
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`customerId=${order.customerId}`));

    for (const line of order.lines) {
      const row = page.getByTestId(`book-line-${order.number}-${line.sku}`);
      await row.waitFor();
      expect(await row.getByTestId('book-line-promised').textContent()).toBe(frDate(line.promisedDeliveryDate!));
      expect(await row.getByTestId('book-line-po').textContent()).toBe('PO-778101');
      expect(await row.getByTestId('order-status').textContent()).toBe('Confirmée');
    }

    // Narrowed to the PO number: the figures are the order's (3 lines, 253,04 € net left to deliver).
    await page.getByTestId('book-search').fill('PO-778101');
    await page.waitForURL(/q=PO-778101/);
    await expect.poll(async () => squash(await page.getByTestId('stat-lines-value').textContent())).toBe('3');
    await expect.poll(async () => squash(await page.getByTestId('stat-orders-value').textContent())).toBe('1');
    expect(squash(await page.getByTestId('stat-open-net-value').textContent())).toBe('253,04€');

    // The at-risk card filters, and a second click removes the filter.
    await page.getByTestId('stat-at-risk').click();
    await page.waitForURL(/atRisk=true/);
    await expect.poll(() => page.getByTestId('stat-at-risk').getAttribute('aria-pressed')).toBe('true');
    await page.getByTestId('stat-at-risk').click();
    await expect.poll(() => page.url()).not.toContain('atRisk');
    // Switched at once, before the page has re-rendered: the view must not bring the removed filter back.

    // The same filters, order by order.
    await page.getByTestId('book-view-orders').click();
    await page.waitForURL(/view=orders/);
    expect(page.url()).not.toContain('atRisk');
    const orderRow = page.getByTestId(`order-row-${order.number}`);
    await orderRow.waitFor();
    expect(await orderRow.getByTestId('order-status').textContent()).toBe('Confirmée');
    await page.getByTestId('book-view-lines').click();
    await page.getByTestId(`book-line-${order.number}-FX3012`).waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('exports the order book to Excel with the same filters', async () => {
    const [response, download] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/order-book/export.xlsx')),
      page.waitForEvent('download'),
      page.getByTestId('book-export').click(),
    ]);
    expect(response.status()).toBe(200);
    expect(response.url()).toContain(`customerId=${order.customerId}`);
    expect(response.headers()['content-type']).toContain('spreadsheetml');
    expect(download.suggestedFilename()).toBe('carnet-de-commandes.xlsx');
    const file = await readFile((await download.path())!);
    expect(file.subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('lists the order on the customer page', async () => {
    await page.goto(`${base}/customers/${order.customerId}?tab=orders`);
    const row = page.getByTestId('customer-orders').getByTestId(`order-row-${order.number}`);
    await row.waitFor();
    expect(await row.textContent()).toContain('PO-778101');
  });

  it('books a goods receipt on the stock page and sees the stock on hand change', async () => {
    await page.getByTestId('nav-stock').click();
    await page.waitForURL(/\/stock$/);
    const row = page.getByTestId('stock-row-FX1040-MAIN');
    await row.waitFor();
    await expect.poll(async () => squash(await row.getByTestId('stock-on-hand').textContent())).toBe('640XBX');
    const availableBefore = Number(squash(await row.getByTestId('stock-available').textContent()));
    // The confirmed order reserved its 1 000 wall plugs.
    expect(squash(await page.getByTestId('stock-row-FX2010-MAIN').getByTestId('stock-reserved').textContent())).toBe(
      '1000',
    );

    await page.getByTestId('stock-receipt').click();
    await page.getByTestId('receipt-dialog').waitFor();
    await page.getByTestId('receipt-reference').fill('BL-5521');
    await page.getByTestId('receipt-product-0').click();
    await page.keyboard.type('FX1040');
    await page.getByTestId('product-option-FX1040').waitFor();
    await page.keyboard.press('Enter');
    // Picked: the quantity shows the product's unit.
    await expect.poll(() => page.getByTestId('receipt-line-0').textContent()).toContain('XBX');
    await page.getByTestId('receipt-quantity-0').fill('24');
    await page.getByTestId('receipt-confirm').click();
    await page.getByTestId('receipt-dialog').waitFor({ state: 'detached' });

    await expect.poll(async () => squash(await row.getByTestId('stock-on-hand').textContent())).toBe('664XBX');
    expect(Number(squash(await row.getByTestId('stock-available').textContent()))).toBe(availableBefore + 24);

    // The movement, with its reference, in the product's history.
    await row.click();
    const drawer = page.getByTestId('product-stock-panel');
    await drawer.getByTestId('stock-moves').waitFor();
    const latest = drawer.getByTestId('move-receipt').first();
    expect(squash(await latest.textContent())).toContain('+24');
    expect(await latest.textContent()).toContain('BL-5521');
    expect(pageErrors).toEqual([]);
  });
});
