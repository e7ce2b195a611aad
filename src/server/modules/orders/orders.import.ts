import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { rows as rawRows, type Queryable, type Tx } from '@server/platform/db/connection';
import type { Ctx, Idempotency, Runner } from '@server/platform/db/runner';
import { DomainError, issueCode } from '@server/platform/errors';
import { findCustomer, type CustomerRuleService } from '@server/modules/customers';
import { findProductsByRefs } from '@server/modules/catalog';
import { normalizeDate, normalizeDecimal, normalizeHeader, parseFile, type RawCell } from '@server/modules/imports';
import { orderLineInput, orderStatuses, type OrderInput, type OrderLineInput } from '@shared/api/orders';
import { message } from '@shared/messages';
import { loadOrders } from './orders.read';

/**
 * Orders from one .csv or .xlsx file holding many of them (issue #5): one row per order line; the rows with the
 * same customer code and customer reference (PO) form one order, lines in file order. The preview checks every
 * row without writing; the import creates all the orders in one transaction, or none when a row is in error.
 * Each order then goes through the normal pipeline (draft or to_validate per its findings).
 */

/** The columns, by the key used in error paths (`rows.<row>.<column>`), with the headers accepted for each. */
const COLUMNS = {
  customer: ['client', 'customer', 'customer code', 'code du client', 'n° client'],
  customerReference: [
    'reference',
    'customerReference',
    'n° commande',
    'numero de commande',
    'référence commande',
    'ref commande',
    'commande',
    'po',
    'purchase order',
    'order reference',
  ],
  deliveryDate: [
    'livraison',
    'deliveryDate',
    'date de livraison',
    'date livraison',
    'requestedDeliveryDate',
    'delivery date',
  ],
  shipTo: ['adresse', 'shipTo', 'adresse de livraison', 'site', 'site de livraison', 'ship to', 'shipToCode'],
  sku: ['article', 'sku', 'code article', 'réf article', 'notre référence'],
  customerProductCode: [
    'code client',
    'customerProductCode',
    'code article client',
    'réf client',
    'customer product code',
  ],
  quantity: ['quantite', 'quantity', 'qté', 'qte', 'qty'],
  unitPrice: ['prix', 'unitPrice', 'prix unitaire', 'unit price', 'pu'],
  discountPercent: ['remise', 'discountPercent', 'remise %', 'discount'],
} as const;
type Column = keyof typeof COLUMNS;
const REQUIRED: Column[] = ['customer', 'customerReference', 'quantity'];

const byHeader = new Map<string, Column>();
for (const [col, names] of Object.entries(COLUMNS) as [Column, readonly string[]][])
  for (const name of names) byHeader.set(normalizeHeader(name), col);

export const orderImportErrorSchema = z.object({
  row: z.number().int(),
  column: z.string(),
  code: z.string(),
  message: z.string(),
});
export type OrderImportError = z.infer<typeof orderImportErrorSchema>;

export const orderImportPreviewSchema = z.object({
  orders: z.array(
    z.object({
      customerCode: z.string(),
      customerId: z.string().nullable(),
      customerName: z.string().nullable(),
      customerReference: z.string(),
      requestedDeliveryDate: z.string().nullable(),
      shipToCode: z.string().nullable(),
      /** the file rows of its lines */
      rows: z.array(z.number().int()),
      lines: z.number().int(),
      errors: z.array(orderImportErrorSchema),
    }),
  ),
  /** errors of the file (missing column: row 0) or of rows that belong to no order (no customer or reference) */
  errors: z.array(orderImportErrorSchema),
  totals: z.object({ orders: z.number().int(), lines: z.number().int(), errors: z.number().int() }),
});
export type OrderImportPreview = z.infer<typeof orderImportPreviewSchema>;

export const orderImportResultSchema = z.object({
  orders: z.array(
    z.object({
      id: z.string(),
      number: z.string(),
      status: z.enum(orderStatuses),
      customerCode: z.string(),
      customerReference: z.string().nullable(),
      findings: z.number().int(),
    }),
  ),
});
export type OrderImportResult = z.infer<typeof orderImportResultSchema>;

export type ImportFile = { filename: string; data: Buffer };

type RawError = { row: number; column: string; code: string; params?: Record<string, unknown> };

type PlannedOrder = {
  customerCode: string;
  customerId: string | null;
  customerName: string | null;
  customerReference: string;
  requestedDeliveryDate: string | null;
  shipToCode: string | null;
  shipToId: string | null;
  firstRow: number;
  rows: number[];
  lines: (OrderLineInput & { row: number })[];
  errors: RawError[];
};

type Plan = { orders: PlannedOrder[]; errors: RawError[] };

const text = (c: RawCell | null | undefined) => (c && c.t !== 'error' ? c.v.trim() : '');

/** A number as the API wants it: an Excel number as is, "1 234,50" → "1234.50"; null when it is not one. */
function decimalOf(c: RawCell): string | null {
  const s = c.t === 'number' ? c.v.trim() : normalizeDecimal(c.v.trim());
  return /^-?\d+(\.\d+)?$/.test(s) ? s : null;
}

const LINE_FIELD: Record<string, Column> = {
  quantity: 'quantity',
  unitPrice: 'unitPrice',
  discountPercent: 'discountPercent',
  sku: 'sku',
  customerProductCode: 'customerProductCode',
};

export function createOrderImport(deps: {
  run: Runner;
  customerRules: Pick<CustomerRuleService, 'resolveProductCode'>;
  createIn: (tx: Tx, ctx: Ctx, input: OrderInput) => Promise<string>;
}) {
  const { run, customerRules, createIn } = deps;

  /** Reads the file and checks every row against the company's customers, ship-tos and products. Reads only. */
  async function plan(q: Queryable, companyId: string, file: ImportFile): Promise<Plan> {
    const parsed = await parseFile(file.filename, file.data);
    const errors: RawError[] = [];
    const index = new Map<Column, number>();
    parsed.headers.forEach((h, i) => {
      const col = byHeader.get(normalizeHeader(h));
      if (col && !index.has(col)) index.set(col, i);
    });
    for (const col of REQUIRED)
      if (!index.has(col))
        errors.push({ row: parsed.headerRow, column: col, code: 'missing_column', params: { column: col } });
    if (!index.has('sku') && !index.has('customerProductCode'))
      errors.push({ row: parsed.headerRow, column: 'sku', code: 'missing_column', params: { column: 'sku' } });
    if (errors.length) return { orders: [], errors };

    const cell = (cells: (RawCell | null)[], col: Column) => {
      const i = index.get(col);
      return i === undefined ? null : (cells[i] ?? null);
    };

    // Customers by code (case-insensitive), in one query, this company only.
    const codes = [...new Set(parsed.rows.map((r) => text(cell(r.cells, 'customer')).toUpperCase()).filter(Boolean))];
    const found = codes.length
      ? await rawRows<{ id: string; code: string }>(
          q,
          sql`select id, code from customers where company_id = ${companyId}
                and upper(code) in (select jsonb_array_elements_text(${JSON.stringify(codes)}::jsonb))`,
        )
      : [];
    const customerIds = new Map(found.map((c) => [c.code.toUpperCase(), c.id]));
    const customers = new Map<string, NonNullable<Awaited<ReturnType<typeof findCustomer>>>>();
    for (const id of new Set(customerIds.values())) {
      const c = await findCustomer(q, companyId, id);
      if (c) customers.set(id, c);
    }

    // Our SKUs, in one query.
    const skus = [...new Set(parsed.rows.map((r) => text(cell(r.cells, 'sku'))).filter(Boolean))];
    const products = await findProductsByRefs(
      q,
      companyId,
      skus.map((sku) => ({ sku })),
    );
    const resolved = new Map<string, boolean>();

    const byKey = new Map<string, PlannedOrder>();
    const orders: PlannedOrder[] = [];
    for (const r of parsed.rows) {
      const rowErrors: RawError[] = [];
      const err = (column: Column, code: string, params?: Record<string, unknown>) =>
        rowErrors.push({ row: r.row, column, code, ...(params ? { params } : {}) });
      const customerCode = text(cell(r.cells, 'customer'));
      const reference = text(cell(r.cells, 'customerReference'));
      if (!customerCode) err('customer', 'required');
      if (!reference) err('customerReference', 'required');
      if (!customerCode || !reference) {
        errors.push(...rowErrors);
        continue;
      }
      const customerId = customerIds.get(customerCode.toUpperCase()) ?? null;
      const customer = customerId ? customers.get(customerId) : undefined;
      const key = `${customerCode.toUpperCase()}\u0000${reference}`;
      let order = byKey.get(key);

      // Header values: taken from the order's first row; a later row may repeat them or leave them empty.
      const dateCell = cell(r.cells, 'deliveryDate');
      let date: string | null = null;
      if (text(dateCell)) {
        date = normalizeDate(dateCell!);
        if (!date) err('deliveryDate', 'order_import_date');
      }
      const shipToCode = text(cell(r.cells, 'shipTo')) || null;
      let shipToId: string | null = null;
      if (shipToCode && customer) {
        const s = customer.shipTos.find((x) => x.code.toUpperCase() === shipToCode.toUpperCase());
        if (s) shipToId = s.id;
        else err('shipTo', 'unknown_ship_to');
      }
      if (!order) {
        if (!customerId) err('customer', 'unknown_customer');
        order = {
          customerCode,
          customerId,
          customerName: customer?.name ?? null,
          customerReference: reference,
          requestedDeliveryDate: date,
          shipToCode,
          shipToId,
          firstRow: r.row,
          rows: [],
          lines: [],
          errors: [],
        };
        byKey.set(key, order);
        orders.push(order);
      } else if (shipToCode && order.shipToCode?.toUpperCase() !== shipToCode.toUpperCase()) {
        err('shipTo', 'order_import_inconsistent', { row: order.firstRow });
      }
      order.rows.push(r.row);

      // The line: the product, the quantity, the price and discount if given.
      const sku = text(cell(r.cells, 'sku'));
      const ownCode = text(cell(r.cells, 'customerProductCode'));
      const line: Record<string, unknown> = {};
      if (sku) {
        line.sku = sku;
        if (!products.get(`sku:${sku}`)) err('sku', 'unknown_product');
      } else if (ownCode) {
        line.customerProductCode = ownCode;
        if (customerId) {
          const k = `${customerId}\u0000${ownCode}`;
          if (!resolved.has(k))
            resolved.set(k, !!(await customerRules.resolveProductCode(q, companyId, customerId, ownCode)));
          if (!resolved.get(k)) err('customerProductCode', 'unknown_product');
        }
      } else err(index.has('sku') ? 'sku' : 'customerProductCode', 'order_import_product');
      for (const col of ['quantity', 'unitPrice', 'discountPercent'] as const) {
        const c = cell(r.cells, col);
        if (!text(c)) {
          if (col === 'quantity') err(col, 'required');
          continue;
        }
        const v = decimalOf(c!);
        if (v === null) err(col, 'order_import_number');
        else line[col] = v;
      }
      // A line may ask for another date than its order's first row: it becomes the line's requested date.
      if (date && date !== order.requestedDeliveryDate) line.requestedDeliveryDate = date;
      if (!rowErrors.some((e) => e.column in LINE_FIELD || e.column === 'deliveryDate')) {
        const parsedLine = orderLineInput.safeParse(line);
        if (parsedLine.success) order.lines.push({ ...parsedLine.data, row: r.row });
        else
          for (const issue of parsedLine.error.issues) {
            const { code, params } = issueCode(issue);
            err(LINE_FIELD[String(issue.path[0])] ?? 'sku', code, params);
          }
      }
      order.errors.push(...rowErrors);
    }
    return { orders, errors };
  }

  const render = (e: RawError, lang: Ctx['lang']): OrderImportError => ({
    row: e.row,
    column: e.column,
    code: e.code,
    message: message(e.code, lang, e.params ?? {}),
  });

  const allErrors = (p: Plan) => [...p.errors, ...p.orders.flatMap((o) => o.errors)].sort((a, b) => a.row - b.row);

  return {
    /** What the file holds and what is wrong in it, without writing anything. */
    preview: (ctx: Ctx, file: ImportFile): Promise<OrderImportPreview> =>
      run.read(async (db) => {
        const p = await plan(db, ctx.companyId, file);
        return {
          orders: p.orders.map((o) => ({
            customerCode: o.customerCode,
            customerId: o.customerId,
            customerName: o.customerName,
            customerReference: o.customerReference,
            requestedDeliveryDate: o.requestedDeliveryDate,
            shipToCode: o.shipToCode,
            rows: o.rows,
            lines: o.rows.length,
            errors: o.errors.map((e) => render(e, ctx.lang)),
          })),
          errors: p.errors.map((e) => render(e, ctx.lang)),
          totals: {
            orders: p.orders.length,
            lines: p.orders.reduce((n, o) => n + o.rows.length, 0),
            errors: allErrors(p).length,
          },
        };
      }),

    /**
     * Creates every order of the file in one transaction (source `import`), or none: 422 with `rows.<row>.<column>`
     * paths when any row is in error. Idempotent on the file's content with an Idempotency-Key.
     */
    commit: (ctx: Ctx, file: ImportFile, idem: Idempotency | null) =>
      run.runIdempotent(
        ctx,
        idem && { ...idem, body: { file: createHash('sha256').update(file.data).digest('hex') } },
        201,
        async (tx): Promise<OrderImportResult> => {
          const p = await plan(tx, ctx.companyId, file);
          const errors = allErrors(p);
          if (errors.length)
            throw new DomainError(
              'order_import_invalid',
              422,
              errors.map((e) => ({ path: `rows.${e.row}.${e.column}`, code: e.code, params: e.params ?? {} })),
              { errors: errors.length },
            );
          const ids: string[] = [];
          for (const o of p.orders) {
            try {
              ids.push(
                await createIn(tx, ctx, {
                  customerId: o.customerId!,
                  customerReference: o.customerReference,
                  shipToId: o.shipToId,
                  requestedDeliveryDate: o.requestedDeliveryDate,
                  contactEmail: null,
                  notes: null,
                  source: 'import',
                  lines: o.lines.map(({ row: _row, ...l }) => l),
                }),
              );
            } catch (e) {
              // Anything the order service still refuses is told against the file's rows.
              if (e instanceof DomainError && e.status === 422 && e.fieldErrors.length)
                throw new DomainError(
                  'order_import_invalid',
                  422,
                  e.fieldErrors.map((f) => {
                    const m = /^lines\.(\d+)\.(.+)$/.exec(f.path);
                    const row = m ? (o.lines[Number(m[1])]?.row ?? o.firstRow) : o.firstRow;
                    return { ...f, path: `rows.${row}.${m ? m[2] : f.path}` };
                  }),
                );
              throw e;
            }
          }
          const loaded = new Map((await loadOrders(tx, ctx.companyId, ids, ctx.lang)).map((x) => [x.id, x]));
          return {
            orders: ids.map((id) => {
              const x = loaded.get(id)!;
              return {
                id,
                number: x.number,
                status: x.status,
                customerCode: x.customerCode,
                customerReference: x.customerReference,
                findings: x.findings.length,
              };
            }),
          };
        },
      ),
  };
}
export type OrderImport = ReturnType<typeof createOrderImport>;
