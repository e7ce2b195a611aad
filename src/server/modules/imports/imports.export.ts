import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { PassThrough } from 'node:stream';
import { rows, type Queryable } from '@server/platform/db/connection';
import { exactNumber } from '@server/platform/spreadsheet';
import { parseIsoDate } from '@shared/dates';
import type { Lang } from '@shared/messages';
import { columnsByKind, type ColumnDef, type ImportKind } from './imports.columns';

/**
 * The XLSX export of a kind, with the columns the import reads (so it can be edited in Excel and imported back).
 * Rows are read by pages of 2,000 and written with exceljs's streaming writer. Amounts and quantities are numeric
 * cells when a double holds them exactly (up to 15 significant digits, which Excel shows and gives back
 * unchanged), text cells otherwise; identifiers (SKU, GTIN, SIREN, postal code) are always text.
 */

const PAGE = 2000;

const NUM_FMT: Record<string, string> = {
  unitPrice: '#,##0.00##',
  creditLimit: '#,##0.00',
  vatRate: '0.00',
};

export { exactNumber };

function cell(col: ColumnDef, v: unknown, lang: Lang): ExcelJS.CellValue {
  if (v === null || v === undefined) return null;
  switch (col.type) {
    case 'decimal':
      return exactNumber(String(v));
    case 'integer':
      return Number(v);
    case 'boolean':
      return v ? (lang === 'fr' ? 'oui' : 'yes') : lang === 'fr' ? 'non' : 'no';
    case 'date':
      return parseIsoDate(String(v));
    default:
      return String(v);
  }
}

type Page = (
  q: Queryable,
  companyId: string,
  after: string | null,
) => Promise<(Record<string, unknown> & { k: string })[]>;

const pages: Record<ImportKind, Page> = {
  products: (q, companyId, after) =>
    rows(
      q,
      sql`select sku as k, sku, name, name_en as "nameEn", category, unit, unit_price::text as "unitPrice",
            vat_category as "vatCategory", vat_rate::text as "vatRate", gtin, pack_size::text as "packSize",
            pack_name as "packName", pack_gtin as "packGtin", weight_kg::text as "weightKg",
            min_order_quantity::text as "minOrderQuantity", order_multiple::text as "orderMultiple",
            lead_time_days as "leadTimeDays", hs_code as "hsCode", origin_country as "originCountry",
            stock_tracked as "stockTracked", active
          from products where company_id = ${companyId} ${after === null ? sql`` : sql`and sku > ${after}`}
          order by sku limit ${PAGE}`,
    ),
  customers: (q, companyId, after) =>
    rows(
      q,
      sql`select code as k, code, name, siren, siret, vat_number as "vatNumber", country_code as "countryCode",
            billing_address->>'line1' as line1, billing_address->>'line2' as line2,
            billing_address->>'postalCode' as "postalCode", billing_address->>'city' as city, currency, language,
            (payment_terms->>'days')::int as "paymentDays", payment_terms->>'basis' as "paymentBasis",
            credit_limit::text as "creditLimit", invoicing->>'email' as email
          from customers where company_id = ${companyId} ${after === null ? sql`` : sql`and code > ${after}`}
          order by code limit ${PAGE}`,
    ),
  customer_prices: (q, companyId, after) =>
    rows(
      q,
      sql`select * from (
            select c.code || chr(31) || p.sku || chr(31) || lpad(cp.min_quantity::text, 24, '0') || chr(31)
                     || coalesce(cp.valid_from::text, '') || chr(31) || cp.id::text as k,
              c.code as "customerCode", c.name as "customerName", p.sku, p.name as "productName",
              cp.unit_price::text as "unitPrice", cp.min_quantity::text as "minQuantity",
              cp.valid_from::text as "validFrom", cp.valid_to::text as "validTo", cp.note
            from customer_prices cp
            join customers c on c.company_id = cp.company_id and c.id = cp.customer_id
            join products p on p.company_id = cp.company_id and p.id = cp.product_id
            where cp.company_id = ${companyId}) x
          ${after === null ? sql`` : sql`where k > ${after}`}
          order by k limit ${PAGE}`,
    ),
};

const sheetName: Record<ImportKind, Record<Lang, string>> = {
  products: { fr: 'Articles', en: 'Products' },
  customers: { fr: 'Clients', en: 'Customers' },
  customer_prices: { fr: 'Prix clients', en: 'Customer prices' },
};

export async function exportWorkbook(q: Queryable, companyId: string, kind: ImportKind, lang: Lang): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: true });
  wb.creator = 'Relais';
  const ws = wb.addWorksheet(sheetName[kind][lang], { views: [{ state: 'frozen', ySplit: 1 }] });
  const cols = columnsByKind[kind];
  ws.columns = cols.map((c) => ({
    header: c[lang],
    key: c.field,
    width: c.width ?? 14,
    style:
      c.type === 'date'
        ? { numFmt: lang === 'fr' ? 'dd/mm/yyyy' : 'yyyy-mm-dd' }
        : NUM_FMT[c.field]
          ? { numFmt: NUM_FMT[c.field]! }
          : c.type === 'decimal'
            ? { numFmt: '#,##0.###' }
            : {},
  }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7ECF7' } };
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: cols.length } };
  header.commit();

  let after: string | null = null;
  for (;;) {
    const page = await pages[kind](q, companyId, after);
    for (const r of page) ws.addRow(cols.map((c) => cell(c, r[c.field], lang))).commit();
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.k;
  }
  ws.commit();
  await wb.commit();
  await ended;
  return Buffer.concat(chunks);
}
