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

/** A quote typed at the keyboard, priced, overridden with a reason, sent, printed and accepted — in a real browser. */
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

/** Text content without the narrow/no-break spaces French formatting puts in amounts. */
async function text(testId: string) {
  return ((await page.getByTestId(testId).textContent()) ?? '').replace(/[\s\u00a0\u202f]/g, '');
}

describe('quotes in the browser', () => {
  let quoteUrl = '';
  let quoteNumber = '';

  it('types a quote at the keyboard, sees the suggested prices, overrides one with a reason and saves it', async () => {
    await login('adv@demo.relais.fr');
    await page.getByTestId('nav-quotes').click();
    await page.getByTestId('quotes-new').click();
    await page.getByTestId('quote-form').waitFor();

    // Customer: type its code, Enter takes the match; the buyer contact comes with it.
    await page.getByTestId('quote-customer').click();
    await page.keyboard.type('C0002');
    await page.getByTestId('customer-option-C0002').waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('quote-contact-email').inputValue()).toBe('t.girard@quinca-lyon.example');

    // Line 1: SKU, Tab, quantity, Enter → line 2: SKU, Tab, quantity.
    await page.getByTestId('line-product-0').click();
    await page.keyboard.type('FX1040');
    await page.keyboard.press('Tab');
    await page.keyboard.type('10');
    await page.keyboard.press('Enter');
    await page.getByTestId('quote-line-1').waitFor();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('line-product-1');
    await page.keyboard.type('FX2008');
    await page.keyboard.press('Tab');
    await page.keyboard.type('500');

    // Suggested prices from GET /prices/resolve, with their origin: the general price list for the screws, the
    // catalogue price less the customer's 8 % discount on wall plugs.
    await expect.poll(() => page.getByTestId('line-price-0').inputValue()).toBe('18,90');
    await expect.poll(() => page.getByTestId('line-source-0').textContent()).toContain('Tarif');
    await expect.poll(() => page.getByTestId('line-price-1').inputValue()).toBe('0,045');
    await expect.poll(() => page.getByTestId('line-discount-1').inputValue()).toBe('8');
    await expect.poll(() => page.getByTestId('line-source-1').textContent()).toContain('Catalogue');
    await expect.poll(() => text('line-net-1')).toBe('20,70€');
    await expect.poll(() => text('total-gross')).toBe('251,64€');
    // Why this price: the explanation of the pricing function.
    await page.getByTestId('line-why-0').click();
    await expect.poll(() => page.getByTestId('line-why-popover-0').textContent()).toContain('Tarif');
    await page.keyboard.press('Escape');

    // Another price → the reason is demanded before saving.
    await page.getByTestId('line-price-1').fill('0,04');
    await page.getByTestId('line-reason-1').waitFor();
    await page.getByTestId('quote-submit').click();
    await page.getByText('indiquez le motif de la dérogation', { exact: false }).first().waitFor();
    expect(page.url()).toMatch(/\/quotes\/new$/);

    await page.getByTestId('line-reason-1').fill('Alignement sur une offre concurrente');
    await expect.poll(() => text('total-net')).toBe('207,40€');
    await page.getByTestId('quote-submit').click();
    await page.waitForURL(/\/quotes\/[0-9a-f-]{36}$/);
    quoteUrl = page.url();

    // The saved quote: server totals, price origin and the override reason per line.
    await expect.poll(() => page.getByTestId('quote-status').textContent()).toBe('Brouillon');
    quoteNumber = ((await page.getByTestId('quote-title').textContent()) ?? '').replace(/^Devis\s+/, '');
    expect(quoteNumber).toMatch(/^DEV-/);
    expect(await text('total-net')).toBe('207,40€');
    expect(await text('total-vat-S-20.00')).toBe('41,48€');
    expect(await text('total-gross')).toBe('248,88€');
    expect(await page.getByTestId('quote-line-view-0').getByTestId('price-source').textContent()).toBe('Tarif');
    expect(await page.getByTestId('quote-line-view-1').getByTestId('price-source').textContent()).toBe('Catalogue');
    expect(await page.getByTestId('line-override-reason-1').textContent()).toContain('Alignement');
    expect(pageErrors).toEqual([]);
  });

  it('sends the quote by e-mail: the mailbox has it and the quote is "Envoyé"', async () => {
    await page.getByTestId('quote-send').click();
    await page.getByTestId('send-dialog').waitFor();
    await expect.poll(() => page.getByTestId('send-dialog').textContent()).toContain('t.girard@quinca-lyon.example');
    await page.getByTestId('send-message').fill('Bonjour, voici notre proposition.');
    await page.getByTestId('send-confirm').click();
    await expect.poll(() => page.getByTestId('quote-status').textContent()).toBe('Envoyé');

    const res = await page.request.get(`${base}/api/v1/mails`);
    expect(res.ok()).toBe(true);
    const mails = (await res.json()) as { data: { to: string[]; subject: string }[] };
    const mail = mails.data.find((m) => m.subject.includes(quoteNumber));
    expect(mail?.to).toEqual(['t.girard@quinca-lyon.example']);
  });

  it('downloads the PDF', async () => {
    const [response, download] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/pdf')),
      page.waitForEvent('download'),
      page.getByTestId('quote-pdf').click(),
    ]);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('application/pdf');
    expect(download.suggestedFilename()).toBe(`${quoteNumber}.pdf`);
    const file = await readFile((await download.path())!);
    expect(file.subarray(0, 4).toString('latin1')).toBe('%PDF');
  });

  it('records the acceptance', async () => {
    expect(page.url()).toBe(quoteUrl);
    await page.getByTestId('quote-accept').click();
    await expect.poll(() => page.getByTestId('quote-status').textContent()).toBe('Accepté');
    await expect.poll(() => page.getByTestId('quote-actions').textContent()).not.toContain('Marquer accepté');
    expect(pageErrors).toEqual([]);
  });
});
