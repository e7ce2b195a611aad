import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRelais, type Relais } from '@server/app';
import { loadConfig } from '@server/platform/config';
import { DEMO_PASSWORD, loadDemo } from '@server/demo';
import type { Database } from '@server/platform/db/connection';
import { freshDatabase } from '../support/harness';

/**
 * Bank reconciliation in the browser: the demo's issued down-payment invoice of Batimat Ouest SA is open in the
 * aging; a CSV statement paying it (its number in the label) is previewed and imported; the line comes with the
 * suggestion (the customer, the invoice); it is selected and accepted; the aging no longer shows what was paid.
 */
const webRoot = fileURLToPath(new URL('../../dist/web', import.meta.url));
let database: Database;
let relais: Relais;
let browser: Browser;
let page: Page;
let base: string;
let token: string;
let dir: string;
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
/** "1162.80" → "1162,80€", as the page shows it once squashed. */
const euros = (amount: string) => `${amount.replace('.', ',')}€`;
/** Amounts compared in cents (two-decimal strings from the API; integers only). */
const cents = (s: string) => {
  const [int = '0', frac = ''] = s.split('.');
  return Number(int) * 100 + Number(frac.padEnd(2, '0').slice(0, 2));
};
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());

interface InvoiceDto {
  id: string;
  number: string | null;
  status: string;
  customerId: string;
  customerName: string;
  totals: { gross: string };
  amountDue: string;
}
interface AgingDto {
  data: { customerId: string; total: string }[];
  totals: { total: string };
}
interface BankLineDto {
  id: string;
  status: string;
  label: string;
  suggestion: { customerId: string | null; allocations: { invoiceNumber: string; amount: string }[] } | null;
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
  dir = await mkdtemp(join(tmpdir(), 'relais-bank-'));
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
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('bank reconciliation in the browser', () => {
  let invoice: InvoiceDto;
  let totalBefore = '';
  let lineId = '';

  it('shows the open down-payment invoice of Batimat Ouest SA in the aging', async () => {
    const issued = await api('GET', '/api/v1/invoices?status=issued&type=invoice');
    expect(issued.status).toBe(200);
    const found = (issued.body.data as InvoiceDto[]).find((i) => i.customerName === 'Batimat Ouest SA');
    expect(found).toBeDefined();
    invoice = found!;
    expect(invoice.number).toMatch(new RegExp(`^FA-${new Date().getFullYear()}-\\d{5}$`));
    expect(invoice.amountDue).toBe(invoice.totals.gross);

    await page.goto(`${base}/`);
    await page.getByTestId('login-email').fill('adv@demo.relais.fr');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('nav-customers').waitFor();

    // « Encaissements » is live in the navigation and opens the hub.
    await page.getByTestId('nav-payments').click();
    await page.waitForURL(/\/receivables\/bank$/);
    await page.getByTestId('receivables-tab-aging').click();
    await page.waitForURL(/\/receivables\/aging$/);

    const aging = (await api('GET', `/api/v1/receivables/aging?asOf=${today}`)).body as AgingDto;
    const mine = aging.data.find((r) => r.customerId === invoice.customerId);
    expect(mine).toBeDefined();
    totalBefore = mine!.total;
    expect(cents(totalBefore)).toBeGreaterThanOrEqual(cents(invoice.amountDue));

    const row = page.getByTestId(`aging-row-${invoice.customerId}`);
    await row.waitFor();
    expect(await row.textContent()).toContain('Batimat Ouest SA');
    expect(await row.getAttribute('data-total')).toBe(totalBefore);
    expect(squash(await row.getByTestId('aging-cell-total').textContent())).toBe(euros(totalBefore));
    expect(await page.getByTestId('aging-total').getAttribute('data-total')).toBe(aging.totals.total);
    await page.getByTestId('aging-dso').waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('previews and imports a CSV statement paying the invoice: the line comes with the suggestion', async () => {
    const csv = [
      'Date;Libellé;Montant;Nom du payeur;IBAN du payeur',
      `${today};VIR SEPA BATIMAT FACT ${invoice.number};${invoice.amountDue.replace('.', ',')};BATIMAT OUEST SA;FR7630004000031234567890143`,
    ].join('\n');
    const file = join(dir, 'releve-batimat.csv');
    await writeFile(file, csv, 'utf8');

    await page.getByTestId('receivables-tab-bank').click();
    await page.waitForURL(/\/receivables\/bank$/);
    const [previewed] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/bank-statements/preview')),
      page.getByTestId('bank-file').setInputFiles(file),
    ]);
    expect(previewed.status()).toBe(200);
    // The browser read the file and sent its bytes in base64.
    const sent = JSON.parse(previewed.request().postData() ?? '{}') as { fileName: string; contentBase64: string };
    expect(sent.fileName).toBe('releve-batimat.csv');
    expect(Buffer.from(sent.contentBase64, 'base64').toString('utf8')).toBe(csv);

    const preview = page.getByTestId('bank-preview');
    await preview.waitFor();
    expect(await preview.getByTestId('bank-preview-lines').textContent()).toBe('1');
    expect(await preview.getByTestId('bank-preview-credits').textContent()).toBe('1');
    expect(await preview.getByTestId('bank-preview-duplicates').textContent()).toBe('0');
    expect(squash(await preview.textContent())).toContain(euros(invoice.amountDue));

    const [imported] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/bank-statements') && r.request().method() === 'POST'),
      page.getByTestId('bank-import').click(),
    ]);
    expect(imported.status()).toBe(201);
    const lines = ((await imported.json()) as { lines: BankLineDto[] }).lines;
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      status: 'suggested',
      suggestion: {
        customerId: invoice.customerId,
        allocations: [{ invoiceNumber: invoice.number, amount: invoice.amountDue }],
      },
    });
    lineId = lines[0]!.id;
    await page.getByTestId('bank-import-result').waitFor();

    // One screen of the open lines: this one with the customer, the invoice and its amount, a confidence, reasons.
    const row = page.getByTestId(`bank-line-${lineId}`);
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe('suggested');
    expect(await row.getByTestId('bank-line-label').textContent()).toContain(invoice.number!);
    expect(squash(await row.getByTestId('bank-line-amount').textContent())).toBe(euros(invoice.amountDue));
    expect(await row.getByTestId('bank-suggestion-customer').textContent()).toBe('Batimat Ouest SA');
    expect(await row.getByTestId('bank-suggestion-invoice').textContent()).toBe(invoice.number);
    expect(await row.getByTestId('bank-confidence').getAttribute('data-level')).toBe('high');
    expect(await row.getByTestId('bank-suggestion-reasons').textContent()).toContain('N° de facture dans le libellé');
    expect(await page.getByTestId(`bank-match-${lineId}`).isVisible()).toBe(true);
    expect(pageErrors).toEqual([]);
  });

  it('selects the line and accepts the selection: the invoice is paid and leaves the open lines', async () => {
    await page.getByTestId(`bank-line-select-${lineId}`).check();
    const accept = page.getByTestId('bank-accept');
    expect(await accept.textContent()).toContain('Accepter la sélection (1)');
    const [accepted] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/bank-lines/accept')),
      accept.click(),
    ]);
    expect(accepted.status()).toBe(200);
    expect(JSON.parse(accepted.request().postData() ?? '{}')).toEqual({ lineIds: [lineId] });
    const { results } = (await accepted.json()) as { results: { lineId: string; paymentId: string | null }[] };
    expect(results).toHaveLength(1);
    expect(results[0]!.paymentId).toBeTruthy();
    await page.getByTestId(`bank-line-${lineId}`).waitFor({ state: 'detached' });

    const paid = (await api('GET', `/api/v1/invoices/${invoice.id}`)).body as InvoiceDto;
    expect(paid.amountDue).toBe('0.00');
    const payment = await api('GET', `/api/v1/payments/${results[0]!.paymentId}`);
    expect(payment.body).toMatchObject({ source: 'bank', amount: invoice.amountDue, unallocated: '0.00' });
    expect(pageErrors).toEqual([]);
  });

  it('shows the customer in the aging down by the amount paid (or gone), and the payment on the invoice', async () => {
    await page.getByTestId('receivables-tab-aging').click();
    await page.waitForURL(/\/receivables\/aging$/);
    const table = page.getByTestId('aging-table');
    await table.waitFor();
    const left = cents(totalBefore) - cents(invoice.amountDue);
    const row = page.getByTestId(`aging-row-${invoice.customerId}`);
    if (left === 0) await row.waitFor({ state: 'detached' });
    else await expect.poll(async () => cents((await row.getAttribute('data-total')) ?? '0')).toBe(left);
    const aging = (await api('GET', `/api/v1/receivables/aging?asOf=${today}`)).body as AgingDto;
    expect(await page.getByTestId('aging-total').getAttribute('data-total')).toBe(aging.totals.total);

    // The invoice page: the « Règlements » card lists the bank payment and nothing is left to pay.
    await page.goto(`${base}/invoices/${invoice.id}`);
    const card = page.getByTestId('invoice-settlements');
    await card.waitFor();
    await card.getByTestId('invoice-settlements-table').waitFor();
    expect(await card.textContent()).toContain(`VIR SEPA BATIMAT FACT ${invoice.number}`);
    expect(squash(await card.getByTestId('invoice-settlements-due').textContent())).toBe(euros('0.00'));
    expect(pageErrors).toEqual([]);
  });
});
