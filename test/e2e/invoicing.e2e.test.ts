import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createRelais, type Relais } from '@server/app';
import { loadConfig } from '@server/platform/config';
import { DEMO_PASSWORD, loadDemo } from '@server/demo';
import type { Database } from '@server/platform/db/connection';
import { freshDatabase } from '../support/harness';

/**
 * Month-end invoicing in the browser: the demo's shipped, not yet invoiced Lyon delivery shows in the run's preview;
 * the run issues its invoice (progress bar, summary); the invoice is opened from the summary, its Factur-X downloaded
 * and checked against the SHA-256 of the archived copy; then a credit note by amount is made from the invoice page.
 */
const webRoot = fileURLToPath(new URL('../../dist/web', import.meta.url));
let database: Database;
let relais: Relais;
let browser: Browser;
let page: Page;
let base: string;
let token: string;
const pageErrors: string[] = [];

async function api(method: 'GET' | 'POST', url: string, payload?: unknown) {
  const r = await relais.app.inject({
    method,
    url,
    payload: payload as never,
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: r.statusCode, body: JSON.parse(r.body) };
}

/** Text content without the spaces French formatting puts in numbers and amounts. */
const squash = (s: string | null) => (s ?? '').replace(/[\s\u00a0\u202f]/g, '');

interface DeliveryDto {
  id: string;
  number: string;
  status: string;
  customerId: string;
  customerName: string;
}

interface InvoiceDto {
  id: string;
  number: string | null;
  status: string;
  type: string;
  deliveryIds: string[];
  totals: { net: string; vat: string; gross: string };
  amountDue: string;
  creditNotes: { id: string; number: string | null; gross: string }[];
  documents: { format: string; sha256: string }[];
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
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'fr-FR', acceptDownloads: true });
  page.on('pageerror', (e) => pageErrors.push(String(e)));
});

afterAll(async () => {
  await browser?.close();
  await relais?.close();
  await database?.close();
});

describe('month-end invoicing in the browser', () => {
  let delivery: DeliveryDto;
  let invoiceUrl = '';
  let invoiceNumber = '';

  it('previews the shipped Lyon delivery, runs the invoicing with issue, and follows it to the summary', async () => {
    // The demo's Lyon delivery is shipped and not invoiced yet.
    const shipped = await api('GET', '/api/v1/deliveries?status=shipped');
    expect(shipped.status).toBe(200);
    const lyon = (shipped.body.data as DeliveryDto[]).find((d) => d.customerName === 'Quincaillerie Lyonnaise SARL');
    expect(lyon).toBeDefined();
    delivery = lyon!;
    expect((await api('GET', `/api/v1/invoices?deliveryId=${delivery.id}`)).body.data).toHaveLength(0);

    await page.goto(`${base}/`);
    await page.getByTestId('login-email').fill('adv@demo.relais.fr');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('nav-customers').waitFor();

    // The preview: the customer, its one delivery and the one invoice its per-delivery mode makes.
    await page.goto(`${base}/invoices/runs`);
    const row = page.getByTestId(`run-due-${delivery.customerId}`);
    await row.waitFor();
    expect(await row.textContent()).toContain('Quincaillerie Lyonnaise SARL');
    expect(await row.getByTestId('run-due-deliveries').textContent()).toBe('1');
    expect(await row.getByTestId('run-due-invoices').textContent()).toBe('1');
    expect(await page.getByTestId('run-issue').isChecked()).toBe(true);

    const [started] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/invoicing-runs') && r.request().method() === 'POST'),
      page.getByTestId('run-start').click(),
    ]);
    expect(started.status()).toBe(202);
    expect(JSON.parse(started.request().postData() ?? '{}')).toMatchObject({ issue: true, background: true });

    // The progress bar goes to the end, then the summary shows what the run made.
    const progress = page.getByTestId('run-progress');
    await expect.poll(() => progress.getAttribute('data-status'), { timeout: 30_000 }).toBe('done');
    expect(await progress.getAttribute('data-total')).toBe('1');
    expect(await progress.getAttribute('data-processed')).toBe('1');
    const summary = page.getByTestId('run-summary');
    await summary.waitFor();
    expect(await summary.getAttribute('data-status')).toBe('done');
    expect(await page.getByTestId('run-invoice-count').textContent()).toBe('1');
    expect(await page.getByTestId('run-delivery-count').textContent()).toBe('1');
    expect(await page.getByTestId('run-error-count').textContent()).toBe('0');

    // Nothing is left to invoice: the preview is empty once the run is over.
    await page.getByTestId('run-due-empty').waitFor();

    const invoiceRow = page.locator(`[data-testid="run-invoice-row"][data-customer-id="${delivery.customerId}"]`);
    expect(await invoiceRow.count()).toBe(1);
    expect(await invoiceRow.getByTestId('invoice-status').textContent()).toBe('Émise');
    const link = invoiceRow.getByTestId('run-invoice-link');
    invoiceNumber = (await link.getAttribute('data-number')) ?? '';
    expect(invoiceNumber).toMatch(new RegExp(`^FA-${new Date().getFullYear()}-\\d{5}$`));
    expect(await link.textContent()).toBe(invoiceNumber);
    expect(pageErrors).toEqual([]);
  });

  it('opens the invoice from the summary: its number, its status « Émise »', async () => {
    await page.locator(`[data-testid="run-invoice-link"][data-number="${invoiceNumber}"]`).click();
    await page.waitForURL(/\/invoices\/[0-9a-f-]{36}$/);
    invoiceUrl = page.url();
    await expect.poll(() => page.getByTestId('invoice-number').textContent()).toBe(invoiceNumber);
    expect(await page.getByTestId('invoice-status').first().textContent()).toBe('Émise');
    expect(await page.getByTestId('invoice-deliveries').textContent()).toContain(delivery.number);

    const id = invoiceUrl.split('/').pop()!;
    const got = await api('GET', `/api/v1/invoices/${id}`);
    expect(got.body).toMatchObject({ number: invoiceNumber, status: 'issued', deliveryIds: [delivery.id] });
    expect(squash(await page.getByTestId('invoice-total-gross').textContent())).toBe(
      `${(got.body as InvoiceDto).totals.gross.replace('.', ',')}€`,
    );
    expect(pageErrors).toEqual([]);
  });

  it('downloads the Factur-X: a PDF carrying factur-x.xml, with the SHA-256 of the archived copy', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('invoice-download-facturx').click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${invoiceNumber}-facturx.pdf`);
    const bytes = await readFile((await download.path())!);
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
    expect(bytes.includes(Buffer.from('factur-x.xml'))).toBe(true);
    const sha256 = createHash('sha256').update(bytes).digest('hex');

    // The archived documents list the Factur-X with the hash of exactly these bytes.
    const row = page.getByTestId('invoice-document-facturx');
    await row.waitFor();
    expect(await row.getByTestId('invoice-document-sha256').textContent()).toBe(sha256);
    expect(await row.textContent()).toContain(`${invoiceNumber}-facturx.pdf`);
    expect(pageErrors).toEqual([]);
  });

  it('makes a credit note by amount from the invoice page and sees it listed with its AV- number', async () => {
    await page.getByTestId('invoice-credit-note').click();
    const dialog = page.getByTestId('credit-note-dialog');
    await dialog.waitFor();
    await page.getByTestId('credit-note-mode').getByText('Montant', { exact: true }).click();
    await page.getByTestId('credit-note-amount').fill('10,00');
    await page.getByTestId('credit-note-reason').fill('Geste commercial : retard de livraison');
    await page.getByTestId('credit-note-submit').click();
    await dialog.waitFor({ state: 'detached' });

    // The credit note's own page: numbered in the AV series, with its reason and its amount (10 € + 20 % VAT).
    await page.waitForURL((u) => /\/invoices\/[0-9a-f-]{36}$/.test(u.pathname) && u.href !== invoiceUrl);
    const creditNumber = new RegExp(`^AV-${new Date().getFullYear()}-\\d{5}$`);
    await expect.poll(() => page.getByTestId('invoice-number').textContent()).toMatch(creditNumber);
    const number = (await page.getByTestId('invoice-number').textContent())!;
    expect(await page.getByTestId('invoice-kind').first().getAttribute('data-kind')).toBe('credit_note');
    expect(await page.getByTestId('invoice-credit-reason').textContent()).toContain(
      'Geste commercial : retard de livraison',
    );
    expect(squash(await page.getByTestId('invoice-total-net').textContent())).toBe('10,00€');
    expect(squash(await page.getByTestId('invoice-total-gross').textContent())).toBe('12,00€');
    expect(await page.getByTestId('invoice-preceding').textContent()).toBe(invoiceNumber);

    // Back on the invoice: the credit note is listed, and what is left to pay went down by its 12 €.
    await page.getByTestId('invoice-preceding').click();
    await page.waitForURL(invoiceUrl);
    const credits = page.getByTestId('invoice-credit-notes');
    await expect.poll(() => credits.textContent()).toContain(number);
    const invoice = (await api('GET', `/api/v1/invoices/${invoiceUrl.split('/').pop()}`)).body as InvoiceDto;
    expect(invoice.creditNotes.map((c) => c.number)).toEqual([number]);
    expect(squash(await page.getByTestId('invoice-amount-due').textContent())).toBe(
      `${invoice.amountDue.replace('.', ',')}€`,
    );
    const cents = (s: string) => Math.round(Number(s) * 100);
    expect(cents(invoice.amountDue)).toBe(cents(invoice.totals.gross) - 1200);

    // And in the list of credit notes.
    await page.goto(`${base}/invoices?type=credit_note`);
    await page.getByTestId(`invoice-row-${number}`).waitFor();
    expect(pageErrors).toEqual([]);
  });
});
