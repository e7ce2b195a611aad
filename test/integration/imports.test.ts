import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frVat, siren } from '@server/demo';
import { rows } from '@server/platform/db/connection';
import { Decimal } from '@shared/decimal';
import {
  client,
  customerBody,
  productBody,
  seedCompany,
  startTestApp,
  tokenFor,
  type Res,
  type TestApp,
} from '../support/harness';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../fixtures/imports/${name}`, import.meta.url)));

let t: TestApp;
let co: Awaited<ReturnType<typeof seedCompany>>;
let other: Awaited<ReturnType<typeof seedCompany>>;
let token: string;
let api: ReturnType<typeof client>;

beforeAll(async () => {
  t = await startTestApp();
  co = await seedCompany(t, 'Import Co', ['admin', 'adv_assistant', 'viewer', 'sales']);
  other = await seedCompany(t, 'Other Co', ['admin']);
  token = await tokenFor(t.app, co.users.adv_assistant!.email);
  api = client(t.app, token);
});
afterAll(async () => t?.closeAll());

/** POST /imports as multipart/form-data, built by the platform's own FormData. */
async function upload(
  kind: string,
  filename: string,
  data: Buffer | Uint8Array | string,
  opts: { token?: string; headers?: Record<string, string> } = {},
): Promise<Res> {
  const form = new FormData();
  form.append('kind', kind);
  form.append('file', new Blob([data as BlobPart]), filename);
  const req = new Request('http://x', { method: 'POST', body: form });
  const r = await t.app.inject({
    method: 'POST',
    url: '/api/v1/imports',
    payload: Buffer.from(await req.arrayBuffer()),
    headers: {
      authorization: `Bearer ${opts.token ?? token}`,
      'content-type': req.headers.get('content-type')!,
      ...opts.headers,
    },
  });
  return { status: r.statusCode, body: r.body ? JSON.parse(r.body) : undefined, headers: r.headers };
}

/** Commits, runs the outbox job as the in-process worker would, and answers the final batch. */
async function commit(id: string, mode: 'all_or_nothing' | 'valid_only', a = api) {
  const r = await a.post(`/api/v1/imports/${id}/commit`, { mode });
  if (r.status !== 202) return r;
  expect(r.body).toEqual({ id, status: 'committing' });
  await t.worker.drain();
  return a.get(`/api/v1/imports/${id}`);
}

async function xlsx(sheet: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  sheet(wb.addWorksheet('Feuil1'));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function download(path: string, headers: Record<string, string> = {}) {
  const r = await t.app.inject({
    method: 'GET',
    url: `/api/v1/exports/${path}`,
    headers: { authorization: `Bearer ${token}`, ...headers },
  });
  return r;
}

const productBySku = async (sku: string) => {
  const r = await api.get(`/api/v1/products?q=${encodeURIComponent(sku)}&limit=5`);
  return r.body.data.find((p: { sku: string }) => p.sku === sku);
};
const productCount = async () => (await api.get('/api/v1/products?limit=1')).body.total as number;

describe('CSV from Excel (Windows-1252, semicolons, decimal commas)', () => {
  it('reads accents, quoted fields and French numbers, previews, then writes with the importer as audit actor', async () => {
    const r = await upload('products', 'articles.csv', fixture('products-fr-cp1252.csv'));
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      kind: 'products',
      filename: 'articles.csv',
      format: 'csv',
      status: 'previewed',
      totalRows: 3,
      validRows: 3,
      errorCount: 0,
      toCreate: 3,
      toUpdate: 0,
      errors: [],
    });
    expect(r.body.columns).toContainEqual(
      expect.objectContaining({
        header: 'Remarque interne',
        field: null,
        status: 'unknown',
        message: 'Colonne inconnue, ignorée.',
      }),
    );
    expect(r.body.columns).toContainEqual({
      index: 4,
      header: 'Prix unitaire HT',
      field: 'unitPrice',
      status: 'mapped',
    });
    const [vis, chv, gant] = r.body.preview;
    expect(vis).toMatchObject({
      row: 2,
      action: 'create',
      valid: true,
      values: {
        sku: 'VIS-440',
        name: 'Vis à bois 4×40 tête fraisée',
        unitPrice: '1234.50',
        vatRate: '20',
        weightKg: '0.450',
      },
    });
    expect(chv.values).toMatchObject({
      name: 'Cheville nylon Ø8 « spéciale » – l’œil',
      unitPrice: '12.3',
      vatRate: '5.5',
      gtin: null,
    });
    expect(gant.values).toMatchObject({
      sku: 'GANT-L',
      name: 'Gants de protection; taille L',
      unit: 'XPA',
      active: false,
    });
    // nothing written yet
    expect(await productBySku('VIS-440')).toBeUndefined();

    const done = await commit(r.body.id, 'all_or_nothing');
    expect(done.body).toMatchObject({
      status: 'done',
      mode: 'all_or_nothing',
      processedRows: 3,
      result: { created: 3, updated: 0, unchanged: 0, skipped: 0 },
    });
    const p = await productBySku('VIS-440');
    expect(p).toMatchObject({
      name: 'Vis à bois 4×40 tête fraisée',
      unitPrice: '1234.50',
      vatRate: '20.00',
      gtin: '3760123456784',
      packSize: '100',
      weightKg: '0.45',
      category: 'Quincaillerie',
    });
    expect(await productBySku('CHV-8')).toMatchObject({ unitPrice: '12.30', vatRate: '5.50' });
    expect(await productBySku('GANT-L')).toMatchObject({ unitPrice: '0.9875', active: false });
    const audit = await api.get(`/api/v1/audit?entityType=product&entityId=${p.id}`);
    expect(audit.body.data[0]).toMatchObject({ action: 'create', actorId: co.users.adv_assistant!.id });
  });

  it('a committed batch cannot be committed again', async () => {
    const list = await api.get('/api/v1/imports');
    const id = list.body.data.find((b: { status: string }) => b.status === 'done').id;
    const r = await api.post(`/api/v1/imports/${id}/commit`, { mode: 'valid_only' });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('import_not_committable');
  });
});

describe('row errors', () => {
  it('names the row as the user sees it and the column by its header, in the request language', async () => {
    const r = await upload('customers', 'clients.csv', fixture('customers-utf8-bom.csv'));
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ totalRows: 3, validRows: 2, errorCount: 1, toCreate: 2 });
    expect(r.body.errors).toEqual([
      { row: 3, column: 'SIREN', code: 'invalid_siren', message: expect.stringMatching(/^SIREN invalide/) },
    ]);
    expect(r.body.preview[2].values).toMatchObject({
      code: 'C-IMP-3',
      countryCode: 'FR',
      line1: 'ZI Nord, lot 4',
      creditLimit: '2500.00',
    });
    expect(r.body.preview[0].values).toMatchObject({
      name: 'Alpha Négoce SARL',
      creditLimit: '15000.00',
      paymentDays: 45,
    });

    const en = await upload('customers', 'clients.csv', fixture('customers-utf8-bom.csv'), {
      headers: { 'accept-language': 'en' },
    });
    expect(en.body.errors[0]).toMatchObject({
      row: 3,
      column: 'SIREN',
      code: 'invalid_siren',
      message: expect.stringMatching(/^Invalid SIREN/),
    });
    // stored without their text: each reader gets its own language
    expect((await api.get(`/api/v1/imports/${en.body.id}`, { 'accept-language': 'en' })).body.errors).toEqual(
      en.body.errors,
    );
    expect((await api.get(`/api/v1/imports/${en.body.id}`)).body.errors[0].message).toMatch(/^SIREN invalide/);
    expect((await api.get(`/api/v1/imports/${r.body.id}`)).body.preview).toEqual(r.body.preview);
  });

  it('all_or_nothing is refused while a row has an error, and writes nothing', async () => {
    const r = await upload('customers', 'clients.csv', fixture('customers-utf8-bom.csv'));
    const before = (await api.get('/api/v1/customers?limit=1')).body.total;
    const refused = await api.post(`/api/v1/imports/${r.body.id}/commit`, { mode: 'all_or_nothing' });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'import_has_errors', title: expect.stringMatching(/erreurs/) });
    await t.worker.drain();
    expect((await api.get('/api/v1/customers?limit=1')).body.total).toBe(before);
    expect((await api.get(`/api/v1/imports/${r.body.id}`)).body.status).toBe('previewed');
  });

  it('valid_only writes the valid rows only, each customer with its default ship-to', async () => {
    const r = await upload('customers', 'clients.csv', fixture('customers-utf8-bom.csv'));
    const done = await commit(r.body.id, 'valid_only');
    expect(done.body).toMatchObject({
      status: 'done',
      processedRows: 2,
      result: { created: 2, updated: 0, skipped: 1 },
    });
    const found = (await api.get('/api/v1/customers?q=C-IMP&limit=10')).body.data;
    expect(found.map((c: { code: string }) => c.code).sort()).toEqual(['C-IMP-1', 'C-IMP-3']);
    const alpha = found.find((c: { code: string }) => c.code === 'C-IMP-1');
    expect(alpha).toMatchObject({
      creditLimit: '15000.00',
      paymentTerms: { basis: 'invoice_date', days: 45 },
      billingAddress: { line1: '12 rue des Lilas', postalCode: '69003', city: 'Lyon', countryCode: 'FR' },
    });
    expect(alpha.shipTos).toEqual([
      expect.objectContaining({
        code: 'PRINCIPAL',
        isDefault: true,
        name: 'Alpha Négoce SARL',
        address: alpha.billingAddress,
      }),
    ]);
  });

  it('catches a SKU present twice in the file', async () => {
    const csv = 'sku,name,unitPrice\nDUP-1,Un,1.00\nDUP-2,Deux,2.00\nDUP-1,Un bis,3.00\n';
    const r = await upload('products', 'dup.csv', csv);
    expect(r.body.errors).toEqual([
      {
        row: 4,
        column: 'sku',
        code: 'duplicate_in_file',
        message: 'En double dans le fichier (déjà présent ligne 2).',
      },
    ]);
    expect(r.body.validRows).toBe(2);
  });

  it('reports a missing required column once, and an unreadable file as 422', async () => {
    const r = await upload('products', 'x.csv', 'Désignation;Prix\nVis;1,00\nÉcrou;2,00\n');
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ validRows: 0, errorCount: 1 });
    expect(r.body.errors).toEqual([
      { row: 1, column: 'Référence', code: 'missing_column', message: 'Colonne obligatoire absente : « Référence ».' },
    ]);
    expect((await api.get(`/api/v1/imports/${r.body.id}`, { 'accept-language': 'en' })).body.errors[0]).toMatchObject({
      column: 'SKU',
      message: 'Required column missing: "SKU".',
    });
    expect((await api.post(`/api/v1/imports/${r.body.id}/commit`, { mode: 'valid_only' })).body.code).toBe(
      'import_no_valid_rows',
    );
    const bad = await upload('products', 'x.xlsx', 'not a workbook');
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0]).toMatchObject({ path: 'file', code: 'unreadable_file' });
    expect((await upload('products', 'x.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3, 4, 5]))).body.code).toBe(
      'unsupported_file',
    );
    expect((await upload('products', 'empty.csv', 'sku;name\n')).body.code).toBe('empty_file');
    expect((await upload('nope', 'a.csv', 'sku\nA\n')).body.errors[0]).toMatchObject({ path: 'kind' });
  });
});

describe('XLSX', () => {
  it('reads numbers without float noise, rich text, formulas, percentages, dates and numeric postal codes', async () => {
    const s1 = siren('41234567');
    const file = await xlsx((ws) => {
      ws.addRow([
        'Code client',
        'Raison sociale',
        'SIREN',
        'TVA intracom',
        'Adresse',
        'CP',
        'Ville',
        'Encours',
        'E-mail',
        'Délai',
      ]);
      ws.addRow([
        'X-1',
        { richText: [{ text: 'Delta ', font: { bold: true } }, { text: 'Industrie' }] },
        Number(s1),
        frVat(s1),
        '1 place Bellecour',
        1000, // Excel turned "01000" into a number
        'Bourg-en-Bresse',
        { formula: 'A1*0', result: 12345.67 },
        { text: 'compta@delta.fr', hyperlink: 'mailto:compta@delta.fr' },
        30,
      ]);
    });
    const r = await upload('customers', 'clients.xlsx', file);
    expect(r.status).toBe(201);
    expect(r.body.errors).toEqual([]);
    expect(r.body).toMatchObject({ format: 'xlsx', validRows: 1 });
    expect(r.body.preview[0].values).toMatchObject({
      name: 'Delta Industrie',
      siren: s1,
      postalCode: '01000',
      creditLimit: '12345.67',
      email: 'compta@delta.fr',
      paymentDays: 30,
    });

    const products = await xlsx((ws) => {
      ws.addRow(['SKU', 'Name', 'Unit price', 'VAT rate', 'Weight (kg)', 'Active']);
      ws.addRow(['XL-1', 'Twelve point three', 12.3, 0.2, 0.1 + 0.2, 'yes']);
      ws.getCell('D2').numFmt = '0%';
      ws.addRow(['XL-2', 'Formula', { formula: 'C2*3', result: 36.900000000000006 }, 5.5, 1e-3, 'non']);
    });
    const p = await upload('products', 'products.xlsx', products);
    expect(p.body.errors).toEqual([]);
    expect(p.body.preview.map((x: { values: unknown }) => x.values)).toMatchObject([
      { unitPrice: '12.3', vatRate: '20', weightKg: '0.3', active: true },
      { unitPrice: '36.9', vatRate: '5.5', weightKg: '0.001', active: false },
    ]);
  });
});

describe('upsert', () => {
  it('updates an existing product: only the columns in the file, and says so in the preview', async () => {
    const created = await api.post(
      '/api/v1/products',
      productBody({ sku: 'UPS-1', name: 'Avant', unitPrice: '10.00', gtin: '3760123456791', category: 'Cat' }),
    );
    expect(created.status).toBe(201);
    const r = await upload('products', 'prix.csv', 'Référence;Prix\nUPS-1;11,25\nUPS-NEW;3\n');
    expect(r.body).toMatchObject({ toCreate: 0, toUpdate: 1, validRows: 1, errorCount: 1 });
    expect(r.body.preview[0]).toMatchObject({
      row: 2,
      action: 'update',
      values: { unitPrice: '11.25', name: 'Avant' },
    });
    // a new SKU needs its name
    expect(r.body.errors).toEqual([expect.objectContaining({ row: 3, column: 'Désignation', code: 'required' })]);
    const done = await commit(r.body.id, 'valid_only');
    expect(done.body.result).toEqual({ created: 0, updated: 1, unchanged: 0, skipped: 1 });
    const after = await api.get(`/api/v1/products/${created.body.id}`);
    expect(after.body).toMatchObject({
      unitPrice: '11.25',
      name: 'Avant',
      gtin: '3760123456791',
      category: 'Cat',
      version: created.body.version + 1,
    });
  });
});

describe('customer prices', () => {
  it('resolves customer codes and SKUs, reports unknown ones and duplicates, and writes the rest', async () => {
    const customer = (await api.post('/api/v1/customers', customerBody({ code: 'C-PRX' }))).body;
    const product = (await api.post('/api/v1/products', productBody({ sku: 'PRX-1' }))).body;
    const r = await upload('customer_prices', 'prix.tsv', fixture('customer-prices-tab.tsv'));
    expect(r.status).toBe(201);
    expect(r.body.errors).toEqual([
      { row: 4, column: 'Code client', code: 'unknown_customer', message: 'Client inconnu : « C-INCONNU ».' },
      { row: 5, column: 'Référence', code: 'unknown_product', message: 'Article inconnu : « PRX-INCONNU ».' },
      expect.objectContaining({ row: 6, column: 'Référence', code: 'duplicate_in_file' }),
    ]);
    expect(r.body.preview[0].values).toMatchObject({
      unitPrice: '9.90',
      minQuantity: '1',
      validFrom: '2026-01-01',
      validTo: '2026-12-31',
    });
    const done = await commit(r.body.id, 'valid_only');
    expect(done.body.result).toEqual({ created: 2, updated: 0, unchanged: 0, skipped: 3 });
    const stored = await rows<{ unit_price: string; min_quantity: string; valid_to: string | null }>(
      t.db,
      sql`select unit_price::text, min_quantity::text, valid_to::text from customer_prices
          where company_id = ${co.companyId} and customer_id = ${customer.id} and product_id = ${product.id}
          order by min_quantity`,
    );
    expect(stored).toEqual([
      { unit_price: '9.9000', min_quantity: '1.000', valid_to: '2026-12-31' },
      { unit_price: '8.5000', min_quantity: '100.000', valid_to: null },
    ]);

    // the same key again updates the price instead of adding one
    const again = await upload(
      'customer_prices',
      'prix.csv',
      'Code client;Référence;Prix;Du\nC-PRX;PRX-1;9,80;01/01/2026\n',
    );
    expect(again.body.preview[0].action).toBe('update');
    expect((await commit(again.body.id, 'all_or_nothing')).body.result).toEqual({
      created: 0,
      updated: 1,
      unchanged: 0,
      skipped: 0,
    });
  });
});

describe('export', () => {
  it('exports products with French headers (English on request) and re-imports them unchanged', async () => {
    await api.post(
      '/api/v1/products',
      productBody({
        sku: 'RT-1',
        name: 'Précis',
        unitPrice: '1234567.8912',
        vatRate: '5.50',
        packSize: '12.5',
        weightKg: '0.001',
        gtin: '3760123456784',
      }),
    );
    await api.post(
      '/api/v1/products',
      productBody({
        sku: 'RT-2',
        name: 'Exonéré',
        unitPrice: '0.0001',
        vatCategory: 'E',
        vatRate: '0',
        active: false,
        hsCode: '73181200',
        originCountry: 'DE',
        leadTimeDays: 12,
      }),
    );
    await api.post('/api/v1/products', productBody({ sku: '00123', name: 'Zéros', unitPrice: '99999999999999.9999' }));
    const before = (await api.get('/api/v1/products?limit=500')).body.data;

    const r = await download('products.xlsx');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    expect(r.headers['content-disposition']).toMatch(/attachment; filename="relais-products-.*\.xlsx"/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('Référence');
    expect(ws.getRow(1).getCell(6).value).toBe('Prix unitaire HT');
    const rt1 = ws.getRows(2, ws.rowCount - 1)!.find((row) => row.getCell(1).value === 'RT-1')!;
    expect(rt1.getCell(6).value).toBe(1234567.8912); // a number cell for Excel users
    const zeros = ws.getRows(2, ws.rowCount - 1)!.find((row) => row.getCell(1).value === '00123')!;
    expect(zeros.getCell(6).value).toBe('99999999999999.9999'); // 18 digits: text, to stay exact
    const en = await download('products.xlsx', { 'accept-language': 'en-US' });
    const wbEn = new ExcelJS.Workbook();
    await wbEn.xlsx.load(en.rawPayload as unknown as ArrayBuffer);
    expect(wbEn.worksheets[0]!.getRow(1).getCell(1).value).toBe('SKU');

    const back = await upload('products', 'export.xlsx', r.rawPayload);
    expect(back.body).toMatchObject({ errorCount: 0, toCreate: 0, toUpdate: before.length, validRows: before.length });
    expect(back.body.columns.every((c: { status: string }) => c.status === 'mapped')).toBe(true);
    const done = await commit(back.body.id, 'all_or_nothing');
    expect(done.body.result).toEqual({ created: 0, updated: 0, unchanged: before.length, skipped: 0 });
    const after = (await api.get('/api/v1/products?limit=500')).body.data;
    expect(after).toEqual(before);
  });

  it('round-trips customers and customer prices too', async () => {
    const beforeC = (await api.get('/api/v1/customers?limit=500')).body.data;
    const c = await download('customers.xlsx');
    const backC = await upload('customers', 'c.xlsx', c.rawPayload);
    expect(backC.body).toMatchObject({ errorCount: 0, toUpdate: beforeC.length });
    expect((await commit(backC.body.id, 'all_or_nothing')).body.result).toMatchObject({ created: 0, updated: 0 });
    expect((await api.get('/api/v1/customers?limit=500')).body.data).toEqual(beforeC);

    const p = await download('customer-prices.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(p.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.getRow(2).getCell(5).value).toBe(9.8);
    expect(wb.worksheets[0]!.getRow(2).getCell(7).value).toEqual(new Date(Date.UTC(2026, 0, 1)));
    const backP = await upload('customer_prices', 'p.xlsx', p.rawPayload);
    expect(backP.body).toMatchObject({ errorCount: 0, toCreate: 0, toUpdate: 2 });
    expect(backP.body.columns.find((x: { header: string }) => x.header === 'Raison sociale').status).toBe(
      'export_only',
    );
    expect((await commit(backP.body.id, 'valid_only')).body.result).toMatchObject({
      created: 0,
      updated: 0,
      unchanged: 2,
    });
  });
});

describe('10,000 products from an xlsx', () => {
  it('previews and commits them all with their exact prices', async () => {
    const n = 10_000;
    const priceOf = (i: number) => `${(i % 997) + 1}.${String(i % 100).padStart(2, '0')}`;
    const file = await xlsx((ws) => {
      ws.addRow(['Référence', 'Désignation', 'Famille', 'Prix unitaire HT', 'Taux TVA', 'EAN', 'Colisage', 'Actif']);
      for (let i = 0; i < n; i++)
        ws.addRow([
          `BULK-${String(i).padStart(5, '0')}`,
          `Article n° ${i}`,
          `Famille ${i % 20}`,
          Number(priceOf(i)),
          20,
          null,
          (i % 12) + 1,
          'oui',
        ]);
    });
    const started = Date.now();
    const r = await upload('products', 'catalogue.xlsx', file);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ totalRows: n, validRows: n, errorCount: 0, toCreate: n });
    const done = await commit(r.body.id, 'all_or_nothing');
    const elapsed = Date.now() - started;
    expect(done.body).toMatchObject({ status: 'done', processedRows: n, result: { created: n, updated: 0 } });
    const [agg] = await rows<{ n: number | string; total: string }>(
      t.db,
      sql`select count(*) as n, sum(unit_price)::text as total from products where company_id = ${co.companyId} and sku like 'BULK-%'`,
    );
    let expected = new Decimal(0);
    for (let i = 0; i < n; i++) expected = expected.plus(priceOf(i));
    expect(Number(agg!.n)).toBe(n);
    expect(new Decimal(agg!.total).eq(expected)).toBe(true);
    expect(await productBySku('BULK-04321')).toMatchObject({
      unitPrice: priceOf(4321),
      packSize: String((4321 % 12) + 1),
    });
    console.info(`10,000-product xlsx import on ${t.dbKind}: ${elapsed} ms (upload + preview + commit)`);
  }, 120_000);
});

describe('permissions and tenancy', () => {
  it('a viewer cannot import (403) but can export; a sales rep can import customers but not products', async () => {
    const viewer = await tokenFor(t.app, co.users.viewer!.email);
    const r = await upload('products', 'p.csv', 'sku;name;prix\nV-1;V;1\n', { token: viewer });
    expect(r.status).toBe(403);
    expect(r.body.code).toBe('forbidden');
    const ex = await t.app.inject({
      method: 'GET',
      url: '/api/v1/exports/products.xlsx',
      headers: { authorization: `Bearer ${viewer}` },
    });
    expect(ex.statusCode).toBe(200);
    const sales = await tokenFor(t.app, co.users.sales!.email);
    expect((await upload('products', 'p.csv', 'sku;name;prix\nV-1;V;1\n', { token: sales })).status).toBe(403);
    expect((await upload('customers', 'c.csv', 'code;name\nV-1;V\n', { token: sales })).status).toBe(201);
  });

  it('another company cannot read, list nor commit a batch (404)', async () => {
    const r = await upload('products', 'p.csv', 'sku;name;prix\nT-1;T;1\n');
    const b = client(t.app, await tokenFor(t.app, other.users.admin!.email));
    expect((await b.get(`/api/v1/imports/${r.body.id}`)).status).toBe(404);
    expect((await b.post(`/api/v1/imports/${r.body.id}/commit`, { mode: 'valid_only' })).status).toBe(404);
    expect((await b.get('/api/v1/imports')).body.data).toEqual([]);
    expect((await api.get(`/api/v1/imports/${r.body.id}`)).status).toBe(200);
  });

  it('lists recent imports first, by pages', async () => {
    const first = await api.get('/api/v1/imports?limit=2');
    expect(first.body.data).toHaveLength(2);
    expect(first.body.data[0].createdAt >= first.body.data[1].createdAt).toBe(true);
    const next = await api.get(`/api/v1/imports?limit=2&cursor=${first.body.nextCursor}`);
    expect(next.body.data[0].id).not.toBe(first.body.data[1].id);
    expect(next.body.data[0].createdAt <= first.body.data[1].createdAt).toBe(true);
    expect(await productCount()).toBeGreaterThan(0);
  });
});
