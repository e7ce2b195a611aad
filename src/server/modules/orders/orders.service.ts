import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Queryable, Tx } from '@server/platform/db/connection';
import type { Ctx, Idempotency, Runner } from '@server/platform/db/runner';
import { DomainError, notFound } from '@server/platform/errors';
import { can } from '@server/platform/auth/permissions';
import { enqueue } from '@server/platform/outbox/outbox';
import { readAudit } from '@server/platform/audit/audit';
import { mailMessages } from '@server/platform/platform.schema';
import { nextDocumentNumber } from '@server/platform/numbering/numbering';
import { findProductsByRefs, pickProduct, type ProductLite } from '@server/modules/catalog';
import { companyOrderSettings } from '@server/modules/companies';
import {
  evaluateRules,
  findCustomer,
  isDeliveryDateAllowed,
  loadRules,
  type CustomerRuleService,
} from '@server/modules/customers';
import { todayIso, type ContractService, type PricingService } from '@server/modules/pricing';
import { lockQuoteForConversion, markQuoteConverted } from '@server/modules/quotes';
import type { StockService } from '@server/modules/stock';
import { raiseTask } from '@server/modules/tasks';
import { dec, toQuantityString } from '@shared/decimal';
import { computeTotals } from '@shared/totals';
import type { Order, OrderInput, OrderLineInput, OrderListQuery, OrderPatch, OrderStatus } from '@shared/api/orders';
import { orderSettingsOf, nonWorkingReason, type OrderSettings } from './domain/calendar';
import { promiseDelivery, promiseLine } from './domain/promise';
import { hasBlocking, runPipeline, type OrderFindingRaw, type PipelineLine } from './domain/pipeline';
import {
  canTransition,
  COMMITTED_STATUSES,
  isOrderEditable,
  statusAfterValidation,
  type OrderCommand,
} from './domain/order-state';
import { findingParams, listOrders, loadOrders, orderBook, toOrderDto } from './orders.read';
import { renderAck, sendAck } from './orders.ack';
import { createOrderImport } from './orders.import';
import { orderLines, orders, orderVersions } from './orders.schema';

type Row = typeof orders.$inferSelect;
type LineRow = typeof orderLines.$inferSelect;
type Customer = NonNullable<Awaited<ReturnType<typeof findCustomer>>>;

/** Open receivables of a customer, as the receivables module will tell (invoices arrive with #7/#8). */
export type ReceivablesPort = (
  q: Queryable,
  companyId: string,
  customerId: string,
  today: string,
) => Promise<{ openAmount: string; overdueCount: number; overdueAmount: string; maxOverdueDays: number }>;
const noReceivables: ReceivablesPort = async () => ({
  openAmount: '0',
  overdueCount: 0,
  overdueAmount: '0',
  maxOverdueDays: 0,
});

/** Deliveries of an order still planned or picked (the deliveries module tells): their numbers. */
export type OpenDeliveriesPort = (q: Queryable, companyId: string, orderId: string) => Promise<string[]>;

export const ACK_TOPIC = 'orders.acknowledge';

/** A line ready to price and check: the product found, what the customer sent, and what is already done. */
type DraftLine = {
  lineId: string;
  product: ProductLite;
  customerProductCode: string | null;
  translatedVia: PipelineLine['translatedVia'];
  quantity: string;
  givenUnitPrice: string | null;
  givenDiscount: string | null;
  requestedDeliveryDate: string | null;
  description: string | null;
  buyerLineId: string | null;
  delivered: string;
  invoiced: string;
};

type Header = {
  customer: Customer;
  shipToId: string | null;
  orderDate: string;
  currency: string;
  customerReference: string | null;
  requestedDeliveryDate: string | null;
};

export function createOrderService(deps: {
  run: Runner;
  pricing: Pick<PricingService, 'priceMany'>;
  customerRules: Pick<CustomerRuleService, 'resolveProductCode'>;
  stock: Pick<StockService, 'reserveUpTo' | 'release' | 'warehouseOrDefault' | 'availability'>;
  contracts: Pick<ContractService, 'recordConsumption'>;
  receivables?: ReceivablesPort;
  openDeliveries?: OpenDeliveriesPort;
}) {
  const { run, pricing, customerRules, stock, contracts } = deps;
  const receivables = deps.receivables ?? noReceivables;

  async function customerOr422(q: Queryable, companyId: string, id: string): Promise<Customer> {
    const c = await findCustomer(q, companyId, id);
    if (!c) throw new DomainError('validation_failed', 422, [{ path: 'customerId', code: 'unknown_customer' }]);
    return c;
  }

  function shipToOf(customer: Customer, shipToId: string | null) {
    if (shipToId) {
      const s = customer.shipTos.find((x) => x.id === shipToId);
      if (!s) throw new DomainError('validation_failed', 422, [{ path: 'shipToId', code: 'unknown_ship_to' }]);
      return s;
    }
    return customer.shipTos.find((x) => x.isDefault) ?? customer.shipTos[0] ?? null;
  }

  /** Finds each line's product (our id, our SKU or the customer's code); an unknown one is a 422 naming the line. */
  async function resolveLines(
    q: Queryable,
    companyId: string,
    customer: Customer,
    input: OrderLineInput[],
    existing: Map<string, LineRow>,
  ): Promise<DraftLine[]> {
    const errors: { path: string; code: string }[] = [];
    const translated = new Map<number, { productId: string; via: PipelineLine['translatedVia'] }>();
    for (const [i, l] of input.entries()) {
      if (l.id && !existing.has(l.id)) errors.push({ path: `lines.${i}.id`, code: 'unknown_line' });
      if (l.customerProductCode) {
        const found = await customerRules.resolveProductCode(q, companyId, customer.id, l.customerProductCode);
        if (found) translated.set(i, found);
        else errors.push({ path: `lines.${i}.customerProductCode`, code: 'unknown_product' });
      }
    }
    const refs = input.map((l, i) => {
      const t = translated.get(i);
      if (t) return { productId: t.productId };
      if (l.productId || l.sku) return { productId: l.productId, sku: l.sku };
      return { productId: l.id ? existing.get(l.id)?.productId : undefined };
    });
    const map = await findProductsByRefs(q, companyId, refs);
    input.forEach((l, i) => {
      if (!translated.has(i) && !l.customerProductCode && !pickProduct(map, refs[i]!) && !(l.id && !existing.has(l.id)))
        errors.push({ path: `lines.${i}.${l.sku ? 'sku' : 'productId'}`, code: 'unknown_product' });
      const prev = l.id ? existing.get(l.id) : undefined;
      if (prev && dec(l.quantity).lt(prev.deliveredQuantity))
        errors.push({ path: `lines.${i}.quantity`, code: 'line_already_delivered' });
    });
    if (errors.length) throw new DomainError('validation_failed', 422, errors);
    return input.map((l, i) => {
      const prev = l.id ? existing.get(l.id) : undefined;
      const product = pickProduct(map, refs[i]!)!;
      const sameProduct = prev && prev.productId === product.id;
      return {
        lineId: prev?.id ?? uuidv7(),
        product,
        customerProductCode: l.customerProductCode ?? (sameProduct ? prev.customerProductCode : null),
        translatedVia: translated.get(i)?.via ?? null,
        quantity: toQuantityString(l.quantity),
        givenUnitPrice: l.unitPrice ?? (sameProduct && !l.productId && !l.sku ? prev.unitPrice : null),
        givenDiscount: l.discountPercent ?? (sameProduct && !l.productId && !l.sku ? prev.discountPercent : null),
        requestedDeliveryDate: l.requestedDeliveryDate ?? null,
        description: l.description ?? (sameProduct ? prev.description : null),
        buyerLineId: l.buyerLineId ?? prev?.buyerLineId ?? null,
        delivered: prev?.deliveredQuantity ?? '0',
        invoiced: prev?.invoicedQuantity ?? '0',
      };
    });
  }

  /**
   * Prices, promises and checks an order: everything to write, and the findings. Reads only; runs inside the
   * caller's transaction so that what it saw is what gets written.
   */
  async function evaluate(q: Queryable, ctx: Ctx, h: Header, lines: DraftLine[], excludeOrderId: string | null) {
    const companyId = ctx.companyId;
    const customer = h.customer;
    const shipTo = shipToOf(customer, h.shipToId);
    const productIds = lines.map((l) => l.product.id);
    const [storedSettings, rules, prices, warehouseId] = await Promise.all([
      companyOrderSettings(q, companyId),
      loadRules(q, companyId, customer.id),
      pricing.priceMany(
        q,
        companyId,
        customer,
        lines.map((l) => ({ product: l.product, quantity: l.quantity })),
        h.orderDate,
        h.currency,
      ),
      stock.warehouseOrDefault(q as Tx, companyId, null),
    ]);
    const settings: OrderSettings = orderSettingsOf(storedSettings);
    const [avail, prior, credit, duplicates] = await Promise.all([
      stock.availability(q, companyId, warehouseId, productIds),
      priorBackorders(q, companyId, productIds, excludeOrderId),
      creditFacts(q, companyId, customer, excludeOrderId, h.orderDate),
      h.customerReference ? duplicatesOf(q, companyId, customer.id, h.customerReference, excludeOrderId) : [],
    ]);
    const today = h.orderDate < todayIso() ? todayIso() : h.orderDate;
    const ruleCtx = { shipToId: shipTo?.id ?? null, shipToWeekdays: shipTo?.deliveryWeekdays ?? null };
    const allowed = (d: string) => isDeliveryDateAllowed(rules, ruleCtx, d).allowed;
    // Several lines of one product draw on the same stock: consume it line after line.
    const free = new Map([...avail].map(([id, a]) => [id, dec(a.available).lt(0) ? dec(0) : dec(a.available)]));
    const priced = lines.map((l, i) => {
      const price = prices[i]!;
      const expectedUnit = price.ok ? price.unitPrice : null;
      const expectedDiscount = price.ok ? price.discountPercent : null;
      const unitPrice = l.givenUnitPrice ?? expectedUnit;
      const discountPercent = l.givenDiscount ?? expectedDiscount ?? '0.00';
      const remaining = dec(l.quantity).minus(l.delivered);
      const a = avail.get(l.product.id) ?? { available: '0', receipts: [] };
      const freeNow = free.get(l.product.id) ?? dec(0);
      const p = promiseLine({
        today,
        quantity: toQuantityString(remaining.gt(0) ? remaining : 0),
        stockTracked: l.product.stockTracked,
        available: toQuantityString(freeNow),
        receipts: a.receipts,
        priorBackorders: prior.get(l.product.id) ?? '0',
        leadTimeDays: l.product.leadTimeDays,
        settings,
      });
      if (l.product.stockTracked)
        free.set(l.product.id, freeNow.minus(p.fromStock).lt(0) ? dec(0) : freeNow.minus(p.fromStock));
      const requested = l.requestedDeliveryDate ?? h.requestedDeliveryDate;
      const promisedDelivery = promiseDelivery(p.earliestDelivery, requested, allowed);
      return { l, price, unitPrice, discountPercent, expectedUnit, expectedDiscount, promise: p, promisedDelivery };
    });
    const totals = computeTotals(
      priced.map((x) => ({
        quantity: x.l.quantity,
        unitPrice: x.unitPrice ?? '0',
        discountPercent: x.discountPercent,
        vatCategory: x.l.product.vatCategory,
        vatRate: x.l.product.vatRate,
      })),
    );
    const promised = priced.some((x) => x.promisedDelivery === null)
      ? null
      : priced.reduce<string | null>((m, x) => (m === null || x.promisedDelivery! > m ? x.promisedDelivery : m), null);
    const quantity = lines.reduce((s, l) => s.plus(l.quantity), dec(0));
    const deliveryDate = h.requestedDeliveryDate ?? promised;
    const ruleFindings = dedupeRuleFindings(
      evaluateRules(rules, {
        ...ruleCtx,
        deliveryDate,
        deliveryTime: null,
        orderAmount: totals.net,
        orderQuantity: quantity.toString(),
        customerReference: h.customerReference,
        requiresPoNumber: customer.requiresPoNumber,
      }),
    );
    const findings = runPipeline({
      orderDate: h.orderDate,
      customerReference: h.customerReference,
      requestedDeliveryDate: h.requestedDeliveryDate,
      promisedDeliveryDate: promised,
      requestedDayClosed: h.requestedDeliveryDate ? nonWorkingReason(h.requestedDeliveryDate, settings) : null,
      currency: h.currency,
      orderGross: totals.gross,
      credit: { ...credit, holdAfterDays: settings.creditHoldOverdueDays },
      duplicates,
      customerFindings: ruleFindings,
      lines: priced.map((x) => ({
        lineId: x.l.lineId,
        sku: x.l.product.sku,
        productActive: x.l.product.active,
        stockTracked: x.l.product.stockTracked,
        quantity: x.l.quantity,
        unitPrice: x.unitPrice,
        discountPercent: x.discountPercent,
        expectedUnitPrice: x.expectedUnit,
        expectedDiscountPercent: x.expectedDiscount,
        priceLabel: x.price.ok ? x.price.source.label : null,
        minOrderQuantity: x.l.product.minOrderQuantity,
        orderMultiple: x.l.product.orderMultiple,
        customerProductCode: x.l.customerProductCode,
        translatedVia: x.l.translatedVia,
        available: x.promise.fromStock,
        shortage: x.promise.shortage,
        shipDate: x.promise.shipDate,
        shipBasis: x.promise.basis,
        earliestDelivery: x.promise.earliestDelivery,
        requestedDeliveryDate: x.l.requestedDeliveryDate,
      })),
    });
    return { priced, totals, findings, promised, warehouseId, settings, shipTo, language: customer.language };
  }
  type Evaluation = Awaited<ReturnType<typeof evaluate>>;

  /** The ship-to's weekdays and a delivery-window rule may refuse the same day: keep the rule's finding. */
  function dedupeRuleFindings(found: ReturnType<typeof evaluateRules>): OrderFindingRaw[] {
    const key = (x: { code: string; path: string; params: unknown }) =>
      `${x.code}|${x.path}|${JSON.stringify(x.params)}`;
    const fromRules = new Set(found.filter((x) => x.ruleId).map(key));
    return found
      .filter((x) => x.ruleId || !fromRules.has(key(x)))
      .map((x) => ({ ...x, lineId: null, note: x.note, ruleId: x.ruleId }));
  }

  async function priorBackorders(q: Queryable, companyId: string, productIds: string[], excludeOrderId: string | null) {
    const out = new Map<string, string>();
    if (!productIds.length) return out;
    const found = await q
      .select({ productId: orderLines.productId, qty: sql<string>`sum(${orderLines.backorderQuantity})::text` })
      .from(orderLines)
      .innerJoin(orders, and(eq(orders.companyId, orderLines.companyId), eq(orders.id, orderLines.orderId)))
      .where(
        and(
          eq(orderLines.companyId, companyId),
          inArray(orderLines.productId, [...new Set(productIds)]),
          sql`${orderLines.backorderQuantity} > 0`,
          inArray(orders.status, [...COMMITTED_STATUSES]),
          excludeOrderId ? ne(orders.id, excludeOrderId) : undefined,
        ),
      )
      .groupBy(orderLines.productId);
    for (const r of found) out.set(r.productId, r.qty);
    return out;
  }

  async function creditFacts(
    q: Queryable,
    companyId: string,
    customer: Customer,
    excludeOrderId: string | null,
    today: string,
  ) {
    const [[committed], open] = await Promise.all([
      q
        .select({ total: sql<string>`coalesce(sum(${orders.gross}), 0)::text` })
        .from(orders)
        .where(
          and(
            eq(orders.companyId, companyId),
            eq(orders.customerId, customer.id),
            inArray(orders.status, [...COMMITTED_STATUSES]),
            excludeOrderId ? ne(orders.id, excludeOrderId) : undefined,
          ),
        ),
      receivables(q, companyId, customer.id, today),
    ]);
    return {
      limit: customer.creditLimit,
      exposure: dec(committed?.total ?? '0')
        .plus(open.openAmount)
        .toString(),
      overdueCount: open.overdueCount,
      overdueAmount: open.overdueAmount,
      maxOverdueDays: open.maxOverdueDays,
    };
  }

  async function duplicatesOf(
    q: Queryable,
    companyId: string,
    customerId: string,
    reference: string,
    excludeOrderId: string | null,
  ) {
    return q
      .select({ number: orders.number })
      .from(orders)
      .where(
        and(
          eq(orders.companyId, companyId),
          eq(orders.customerId, customerId),
          sql`lower(${orders.customerReference}) = lower(${reference})`,
          ne(orders.status, 'cancelled'),
          excludeOrderId ? ne(orders.id, excludeOrderId) : undefined,
        ),
      )
      .limit(5);
  }

  /** Writes the evaluated lines: updates kept ones, inserts new ones, deletes those no longer there. */
  async function writeLines(tx: Tx, ctx: Ctx, orderId: string, ev: Evaluation, existing: Map<string, LineRow>) {
    const keep = new Set(ev.priced.map((x) => x.l.lineId));
    const gone = [...existing.keys()].filter((id) => !keep.has(id));
    if (gone.length)
      await tx
        .delete(orderLines)
        .where(
          and(eq(orderLines.companyId, ctx.companyId), eq(orderLines.orderId, orderId), inArray(orderLines.id, gone)),
        );
    const values = ev.priced.map((x, position) => lineValues(ctx, orderId, ev, x, position));
    const fresh = values.filter((v) => !existing.has(v.id));
    if (fresh.length) await tx.insert(orderLines).values(fresh);
    for (const v of values.filter((v) => existing.has(v.id))) {
      const { companyId: _c, id, orderId: _o, ...set } = v;
      await tx
        .update(orderLines)
        .set(set)
        .where(and(eq(orderLines.companyId, ctx.companyId), eq(orderLines.id, id)));
    }
  }

  function lineValues(ctx: Ctx, orderId: string, ev: Evaluation, x: Evaluation['priced'][number], position: number) {
    const l = x.l;
    const name = ev.language === 'en' && l.product.nameEn ? l.product.nameEn : l.product.name;
    return {
      companyId: ctx.companyId,
      id: l.lineId,
      orderId,
      position,
      productId: l.product.id,
      sku: l.product.sku,
      description: l.description ?? name,
      customerProductCode: l.customerProductCode,
      quantity: l.quantity,
      unit: l.product.unit,
      unitPrice: x.unitPrice ?? '0',
      discountPercent: x.discountPercent,
      netAmount: ev.totals.lines[position]!.netAmount,
      vatCategory: l.product.vatCategory,
      vatRate: l.product.vatRate,
      expectedUnitPrice: x.expectedUnit,
      expectedDiscountPercent: x.expectedDiscount,
      priceSource: x.price.ok ? { ...x.price.source, discountPercent: x.price.discountPercent } : null,
      requestedDeliveryDate: l.requestedDeliveryDate,
      promisedShipDate: x.promise.shipDate,
      promisedDeliveryDate: x.promisedDelivery,
      warehouseId: ev.warehouseId,
      buyerLineId: l.buyerLineId,
    };
  }

  const headerValues = (ev: Evaluation) => ({
    net: ev.totals.net,
    vat: ev.totals.vat,
    gross: ev.totals.gross,
    vatBreakdown: ev.totals.vatBreakdown,
    findings: ev.findings,
    promisedDeliveryDate: ev.promised,
  });

  async function lockRow(tx: Tx, companyId: string, id: string): Promise<Row> {
    const [row] = await tx
      .select()
      .from(orders)
      .where(and(eq(orders.companyId, companyId), eq(orders.id, id)))
      .for('update');
    if (!row) throw notFound();
    return row;
  }

  async function linesOf(q: Queryable, companyId: string, orderId: string): Promise<LineRow[]> {
    return q
      .select()
      .from(orderLines)
      .where(and(eq(orderLines.companyId, companyId), eq(orderLines.orderId, orderId)))
      .orderBy(asc(orderLines.position));
  }

  function refuse(from: string, command: OrderCommand): never {
    throw new DomainError('invalid_transition', 409, [{ path: 'status', code: 'invalid_transition' }], {
      from,
      command,
    });
  }

  // A line re-read for a new check keeps its customer code, so the translation is checked (and reported) again.
  const inputOf = (l: LineRow): OrderLineInput => ({
    id: l.id,
    ...(l.customerProductCode ? { customerProductCode: l.customerProductCode } : {}),
    quantity: l.quantity,
    unitPrice: l.unitPrice,
    discountPercent: l.discountPercent,
    requestedDeliveryDate: l.requestedDeliveryDate,
    description: l.description,
    buyerLineId: l.buyerLineId,
  });

  /** Re-checks a stored order with today's facts (its lines keep their agreed prices). */
  async function reevaluate(tx: Tx, ctx: Ctx, row: Row, existing: LineRow[]) {
    const customer = await customerOr422(tx, ctx.companyId, row.customerId);
    const byId = new Map(existing.map((l) => [l.id, l]));
    const draft = await resolveLines(tx, ctx.companyId, customer, existing.map(inputOf), byId);
    const ev = await evaluate(tx, ctx, headerOf(row, customer), draft, row.id);
    return { ev, byId };
  }

  const headerOf = (row: Row, customer: Customer): Header => ({
    customer,
    shipToId: row.shipToId,
    orderDate: row.orderDate,
    currency: row.currency,
    customerReference: row.customerReference,
    requestedDeliveryDate: row.requestedDeliveryDate,
  });

  /**
   * Reserves stock for every open, tracked line (as much as there is), records backorders, raises one
   * replenishment task per short line and feeds the contracts' consumption.
   */
  async function reserveAll(tx: Tx, ctx: Ctx, row: Row, ev: Evaluation, recordContracts: boolean, fullWrite = false) {
    for (const [position, x] of ev.priced.entries()) {
      const l = x.l;
      const open = dec(l.quantity).minus(l.delivered);
      let reserved = '0';
      let backorder = '0';
      let shipDate = x.promise.shipDate;
      let promisedDelivery = x.promisedDelivery;
      if (l.product.stockTracked && open.gt(0)) {
        reserved = await stock.reserveUpTo(tx, ctx, ev.warehouseId, l.product.id, toQuantityString(open), {
          type: 'order',
          id: row.id,
          lineId: l.lineId,
        });
        backorder = toQuantityString(open.minus(reserved));
        if (dec(reserved).lt(x.promise.fromStock)) {
          // Someone confirmed first: promise again from what this line really got.
          const avail = await stock.availability(tx, ctx.companyId, ev.warehouseId, [l.product.id]);
          const p = promiseLine({
            today: row.orderDate < todayIso() ? todayIso() : row.orderDate,
            quantity: toQuantityString(open),
            stockTracked: true,
            available: reserved,
            receipts: avail.get(l.product.id)?.receipts ?? [],
            priorBackorders:
              (await priorBackorders(tx, ctx.companyId, [l.product.id], row.id)).get(l.product.id) ?? '0',
            leadTimeDays: l.product.leadTimeDays,
            settings: ev.settings,
          });
          shipDate = p.shipDate;
          promisedDelivery = promiseDelivery(
            p.earliestDelivery,
            l.requestedDeliveryDate ?? row.requestedDeliveryDate,
            () => true,
          );
        }
        if (dec(backorder).gt(0)) {
          const neededBy = l.requestedDeliveryDate ?? row.requestedDeliveryDate ?? shipDate;
          await raiseTask(tx, ctx, {
            kind: 'replenishment',
            team: 'purchasing',
            title:
              ctx.lang === 'en'
                ? `Replenish ${l.product.sku}: ${backorder} for order ${row.number}`
                : `Réapprovisionner ${l.product.sku} : ${backorder} pour la commande ${row.number}`,
            description: null,
            dueDate: neededBy,
            related: { type: 'order', id: row.id },
            payload: {
              productId: l.product.id,
              sku: l.product.sku,
              quantity: backorder,
              neededBy,
              orderNumber: row.number,
              lineId: l.lineId,
            },
            dedupeKey: `replenish:${l.lineId}:${backorder}`,
          });
        }
      }
      // fullWrite: the lines were not written since the evaluation (confirmation): one UPDATE per line for all.
      const { companyId: _c, id: _i, orderId: _o, ...evaluated } = lineValues(ctx, row.id, ev, x, position);
      await tx
        .update(orderLines)
        .set({
          ...(fullWrite ? evaluated : {}),
          reservedQuantity: reserved,
          backorderQuantity: backorder,
          promisedShipDate: shipDate,
          promisedDeliveryDate: promisedDelivery,
        })
        .where(and(eq(orderLines.companyId, ctx.companyId), eq(orderLines.id, l.lineId)));
      const src = x.price.ok ? x.price.source : null;
      if (recordContracts && src?.type === 'contract' && src.id)
        await contracts.recordConsumption(tx, ctx.companyId, src.id, l.product.id, l.quantity);
    }
  }

  async function releaseAll(tx: Tx, ctx: Ctx, orderId: string) {
    await stock.release(tx, ctx, { type: 'order', id: orderId });
    await tx
      .update(orderLines)
      .set({ reservedQuantity: '0', backorderQuantity: '0' })
      .where(and(eq(orderLines.companyId, ctx.companyId), eq(orderLines.orderId, orderId)));
  }

  async function queueAck(tx: Tx, ctx: Ctx, orderId: string, version: number) {
    await enqueue(tx, ctx.companyId, {
      topic: ACK_TOPIC,
      payload: { orderId, version, lang: ctx.lang },
      dedupeKey: `${ACK_TOPIC}:${orderId}:${version}`,
    });
  }

  async function snapshot(tx: Tx, ctx: Ctx, row: Row, reason: string | null) {
    const [current] = await loadOrders(tx, ctx.companyId, [row.id], ctx.lang);
    await tx.insert(orderVersions).values({
      companyId: ctx.companyId,
      id: uuidv7(),
      orderId: row.id,
      version: row.version,
      reason,
      snapshot: current,
      createdBy: ctx.userId,
    });
  }

  const reload = async (q: Queryable, ctx: Ctx, id: string): Promise<Order> => {
    const [o] = await loadOrders(q, ctx.companyId, [id], ctx.lang);
    if (!o) throw notFound();
    return o;
  };

  /** Creates an order inside a transaction (API, import, quote conversion, intake). */
  async function createIn(tx: Tx, ctx: Ctx, input: OrderInput, extra: { quoteId?: string | null } = {}) {
    const customer = await customerOr422(tx, ctx.companyId, input.customerId);
    shipToOf(customer, input.shipToId);
    const orderDate = input.orderDate ?? todayIso();
    const header: Header = {
      customer,
      shipToId: input.shipToId ?? shipToOf(customer, null)?.id ?? null,
      orderDate,
      currency: input.currency ?? customer.currency,
      customerReference: input.customerReference,
      requestedDeliveryDate: input.requestedDeliveryDate,
    };
    const draft = await resolveLines(tx, ctx.companyId, customer, input.lines, new Map());
    const ev = await evaluate(tx, ctx, header, draft, null);
    const id = uuidv7();
    const number = await nextDocumentNumber(tx, ctx.companyId, 'CMD', Number(orderDate.slice(0, 4)));
    const now = new Date();
    await tx.insert(orders).values({
      companyId: ctx.companyId,
      id,
      number,
      customerId: customer.id,
      customerReference: input.customerReference,
      shipToId: header.shipToId,
      requestedDeliveryDate: input.requestedDeliveryDate,
      orderDate,
      currency: header.currency,
      language: customer.language,
      status: hasBlocking(ev.findings) ? 'to_validate' : 'draft',
      source: input.source ?? 'api',
      quoteId: extra.quoteId ?? null,
      contactEmail: input.contactEmail ?? customer.contacts.find((c) => c.role === 'buyer' && c.email)?.email ?? null,
      notes: input.notes,
      ...headerValues(ev),
      createdBy: ctx.userId,
      createdAt: now,
      updatedAt: now,
    });
    await writeLines(tx, ctx, id, ev, new Map());
    return id;
  }

  async function confirmIn(tx: Tx, ctx: Ctx, id: string, overrideReason: string | null | undefined) {
    const row = await lockRow(tx, ctx.companyId, id);
    const status = row.status as OrderStatus;
    if (!canTransition(status, 'confirm', 'confirmed')) refuse(status, 'confirm');
    const existing = await linesOf(tx, ctx.companyId, id);
    const { ev } = await reevaluate(tx, ctx, row, existing);
    const blocking = ev.findings.filter((x) => x.severity === 'blocking');
    let override: Partial<Row> = {};
    if (blocking.length) {
      if (!overrideReason)
        throw new DomainError(
          'order_blocked',
          409,
          blocking.map((b) => ({ path: b.path, code: b.code, params: findingParams(b, ctx.lang) })),
        );
      if (!can(ctx.roles, 'orders:override'))
        throw new DomainError('override_not_allowed', 403, [{ path: 'overrideReason', code: 'override_not_allowed' }]);
      override = { overrideReason, overriddenBy: ctx.userId, overriddenAt: new Date() };
    }
    await reserveAll(tx, ctx, row, ev, true, true);
    await tx
      .update(orders)
      .set({
        ...headerValues(ev),
        ...override,
        status: 'confirmed',
        confirmedAt: new Date(),
        version: row.version + 1,
        updatedAt: new Date(),
      })
      .where(and(eq(orders.companyId, ctx.companyId), eq(orders.id, id)));
    await queueAck(tx, ctx, id, row.version + 1);
    await refreshPromise(tx, ctx, id);
  }

  /** The order's promised date is the latest of its lines' (after reservations may have moved them). */
  async function refreshPromise(tx: Tx, ctx: Ctx, id: string) {
    await tx.execute(
      sql`update orders set promised_delivery_date = (
            select case when bool_or(promised_delivery_date is null) then null else max(promised_delivery_date) end
            from order_lines where company_id = ${ctx.companyId} and order_id = ${id})
          where company_id = ${ctx.companyId} and id = ${id}`,
    );
  }

  return {
    createIn,
    confirmIn,
    /** Orders from a .csv/.xlsx file (orders.import.ts): preview, then all in one transaction. */
    imports: createOrderImport({ run, customerRules, createIn: (tx, ctx, input) => createIn(tx, ctx, input) }),

    create: (ctx: Ctx, input: OrderInput, idem: Idempotency | null) =>
      run.runIdempotent(ctx, idem, 201, async (tx) => reload(tx, ctx, await createIn(tx, ctx, input))),

    /** What the order would be (prices, promise, findings) without saving anything: the entry screen's live check. */
    preview: (ctx: Ctx, input: OrderInput) =>
      run.read(async (db) => {
        const customer = await customerOr422(db, ctx.companyId, input.customerId);
        shipToOf(customer, input.shipToId);
        const header: Header = {
          customer,
          shipToId: input.shipToId ?? shipToOf(customer, null)?.id ?? null,
          orderDate: input.orderDate ?? todayIso(),
          currency: input.currency ?? customer.currency,
          customerReference: input.customerReference,
          requestedDeliveryDate: input.requestedDeliveryDate,
        };
        const draft = await resolveLines(db, ctx.companyId, customer, input.lines, new Map());
        const ev = await evaluate(db, ctx, header, draft, null);
        const now = new Date();
        const row: Row = {
          companyId: ctx.companyId,
          id: '',
          number: '',
          customerId: customer.id,
          customerReference: header.customerReference,
          shipToId: header.shipToId,
          requestedDeliveryDate: header.requestedDeliveryDate,
          orderDate: header.orderDate,
          currency: header.currency,
          language: customer.language,
          status: hasBlocking(ev.findings) ? 'to_validate' : 'draft',
          source: input.source ?? 'manual',
          quoteId: null,
          contactEmail: input.contactEmail,
          notes: input.notes,
          ...headerValues(ev),
          overrideReason: null,
          overriddenBy: null,
          overriddenAt: null,
          holdReason: null,
          statusBeforeHold: null,
          cancelReason: null,
          confirmedAt: null,
          acknowledgedAt: null,
          createdBy: ctx.userId,
          version: 0,
          createdAt: now,
          updatedAt: now,
        };
        const lines: LineRow[] = ev.priced.map((x, position) => ({
          ...lineValues(ctx, '', ev, x, position),
          reservedQuantity: '0',
          backorderQuantity: x.promise.shortage,
          deliveredQuantity: '0',
          invoicedQuantity: '0',
          cancelledQuantity: '0',
        }));
        return toOrderDto(row, lines, { code: customer.code, name: customer.name }, ctx.lang);
      }),

    list: (ctx: Ctx, f: OrderListQuery) => run.read((db) => listOrders(db, ctx.companyId, f, ctx.lang)),
    book: (ctx: Ctx, f: OrderListQuery & { all?: boolean }) => run.read((db) => orderBook(db, ctx.companyId, f)),

    ackPdf: (ctx: Ctx, id: string, lang?: 'fr' | 'en') =>
      run.read(async (db) => {
        const order = await reload(db, ctx, id);
        return { order, pdf: await renderAck(db, ctx.companyId, order, lang) };
      }),

    /** Sends (again) the acknowledgement of the current version. */
    resendAck: (ctx: Ctx, id: string, input: { to?: string[] | undefined; message?: string | null | undefined }) =>
      run.run(ctx, async (tx) => {
        const order = await reload(tx, ctx, id);
        if (order.status === 'draft' || order.status === 'to_validate' || order.status === 'cancelled')
          refuse(order.status, 'confirm');
        if (!(await sendAck(tx, ctx, order, input)))
          throw new DomainError('validation_failed', 422, [{ path: 'to', code: 'no_recipient' }]);
        return reload(tx, ctx, id);
      }),

    /** What happened to the order: its audit trail, the e-mails sent about it and its versions, newest first. */
    timeline: (ctx: Ctx, id: string) =>
      run.read(async (db) => {
        await reload(db, ctx, id);
        const [audit, mails, versions] = await Promise.all([
          readAudit(db, ctx.companyId, 'order', id, 500),
          db
            .select()
            .from(mailMessages)
            .where(
              and(
                eq(mailMessages.companyId, ctx.companyId),
                sql`${mailMessages.related}->>'type' = 'order' and ${mailMessages.related}->>'id' = ${id}`,
              ),
            ),
          db
            .select()
            .from(orderVersions)
            .where(and(eq(orderVersions.companyId, ctx.companyId), eq(orderVersions.orderId, id))),
        ]);
        const entries = [
          ...audit.data.map((a) => ({
            at: a.at,
            kind: 'audit' as const,
            title: `${a.entityType}.${a.action}`,
            actor: a.actorName,
            detail: { entityType: a.entityType, action: a.action, changes: a.changes },
          })),
          ...mails.map((m) => ({
            at: m.createdAt.toISOString(),
            kind: 'mail' as const,
            title: m.subject,
            actor: null,
            detail: { to: m.to, status: m.status, sentAt: m.sentAt?.toISOString() ?? null, mailId: m.id },
          })),
          ...versions.map((v) => ({
            at: v.createdAt.toISOString(),
            kind: 'version' as const,
            title: `v${v.version}`,
            actor: null,
            detail: { version: v.version, reason: v.reason },
          })),
        ];
        return entries.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
      }),

    get: (ctx: Ctx, id: string) => run.read((db) => reload(db, ctx, id)),

    /** Re-runs the pipeline on a draft or to_validate order with today's facts. */
    validate: (ctx: Ctx, id: string) =>
      run.run(ctx, async (tx) => {
        const row = await lockRow(tx, ctx.companyId, id);
        const status = row.status as OrderStatus;
        if (status !== 'draft' && status !== 'to_validate') refuse(status, 'submit');
        const existing = await linesOf(tx, ctx.companyId, id);
        const { ev, byId } = await reevaluate(tx, ctx, row, existing);
        await writeLines(tx, ctx, id, ev, byId);
        await tx
          .update(orders)
          .set({
            ...headerValues(ev),
            status: statusAfterValidation(status, hasBlocking(ev.findings), false),
            updatedAt: new Date(),
          })
          .where(and(eq(orders.companyId, ctx.companyId), eq(orders.id, id)));
        return reload(tx, ctx, id);
      }),

    confirm: (ctx: Ctx, id: string, overrideReason?: string | null) =>
      run.run(ctx, async (tx) => {
        await confirmIn(tx, ctx, id, overrideReason);
        return reload(tx, ctx, id);
      }),

    /** Changes an order; a confirmed one keeps its previous version, is checked again and re-acknowledged. */
    update: (ctx: Ctx, id: string, patch: OrderPatch) =>
      run.run(ctx, async (tx) => {
        const row = await lockRow(tx, ctx.companyId, id);
        const status = row.status as OrderStatus;
        if (!isOrderEditable(status))
          throw new DomainError('order_not_editable', 409, [{ path: 'status', code: 'order_not_editable' }], {
            status,
          });
        const existing = await linesOf(tx, ctx.companyId, id);
        const byId = new Map(existing.map((l) => [l.id, l]));
        if (patch.lines) {
          const kept = new Set(patch.lines.map((l) => l.id).filter(Boolean));
          const removed = existing.filter((l) => !kept.has(l.id) && dec(l.deliveredQuantity).gt(0));
          if (removed.length)
            throw new DomainError('validation_failed', 422, [{ path: 'lines', code: 'line_already_delivered' }]);
        }
        const customer = await customerOr422(tx, ctx.companyId, row.customerId);
        if (patch.shipToId) shipToOf(customer, patch.shipToId);
        const confirmed = status === 'confirmed';
        if (confirmed) {
          await snapshot(tx, ctx, row, patch.reason ?? null);
          await releaseAll(tx, ctx, id);
        }
        const merged: Row = {
          ...row,
          customerReference: patch.customerReference !== undefined ? patch.customerReference : row.customerReference,
          shipToId: patch.shipToId !== undefined ? patch.shipToId : row.shipToId,
          requestedDeliveryDate:
            patch.requestedDeliveryDate !== undefined ? patch.requestedDeliveryDate : row.requestedDeliveryDate,
          contactEmail: patch.contactEmail !== undefined ? patch.contactEmail : row.contactEmail,
          notes: patch.notes !== undefined ? patch.notes : row.notes,
        };
        const draft = await resolveLines(tx, ctx.companyId, customer, patch.lines ?? existing.map(inputOf), byId);
        const ev = await evaluate(tx, ctx, headerOf(merged, customer), draft, id);
        await writeLines(tx, ctx, id, ev, byId);
        const blocking = hasBlocking(ev.findings);
        const next = statusAfterValidation(status, blocking, false);
        if (next === 'confirmed') await reserveAll(tx, ctx, merged, ev, false);
        await tx
          .update(orders)
          .set({
            customerReference: merged.customerReference,
            shipToId: merged.shipToId,
            requestedDeliveryDate: merged.requestedDeliveryDate,
            contactEmail: merged.contactEmail,
            notes: merged.notes,
            ...headerValues(ev),
            status: next,
            ...(next !== 'confirmed' && confirmed
              ? { overrideReason: null, overriddenBy: null, overriddenAt: null }
              : {}),
            version: row.version + 1,
            updatedAt: new Date(),
          })
          .where(and(eq(orders.companyId, ctx.companyId), eq(orders.id, id)));
        if (next === 'confirmed') {
          await refreshPromise(tx, ctx, id);
          await queueAck(tx, ctx, id, row.version + 1);
        }
        return reload(tx, ctx, id);
      }),

    cancel: (ctx: Ctx, id: string, reason: string) =>
      run.run(ctx, async (tx) => {
        const row = await lockRow(tx, ctx.companyId, id);
        const status = row.status as OrderStatus;
        if (!canTransition(status, 'cancel', 'cancelled')) refuse(status, 'cancel');
        const existing = await linesOf(tx, ctx.companyId, id);
        if (existing.some((l) => dec(l.deliveredQuantity).gt(0))) refuse(status, 'cancel');
        const open = deps.openDeliveries ? await deps.openDeliveries(tx, ctx.companyId, id) : [];
        if (open.length)
          throw new DomainError('open_deliveries', 409, [{ path: 'status', code: 'open_deliveries' }], {
            numbers: open.join(', '),
          });
        await releaseAll(tx, ctx, id);
        await tx
          .update(orderLines)
          .set({ cancelledQuantity: sql`${orderLines.quantity} - ${orderLines.deliveredQuantity}` })
          .where(and(eq(orderLines.companyId, ctx.companyId), eq(orderLines.orderId, id)));
        await tx
          .update(orders)
          .set({ status: 'cancelled', cancelReason: reason, version: row.version + 1, updatedAt: new Date() })
          .where(and(eq(orders.companyId, ctx.companyId), eq(orders.id, id)));
        return reload(tx, ctx, id);
      }),

    hold: (ctx: Ctx, id: string, reason: string) =>
      run.run(ctx, async (tx) => {
        const row = await lockRow(tx, ctx.companyId, id);
        const status = row.status as OrderStatus;
        if (!canTransition(status, 'hold', 'on_hold')) refuse(status, 'hold');
        await tx
          .update(orders)
          .set({ status: 'on_hold', statusBeforeHold: status, holdReason: reason, updatedAt: new Date() })
          .where(and(eq(orders.companyId, ctx.companyId), eq(orders.id, id)));
        return reload(tx, ctx, id);
      }),

    release: (ctx: Ctx, id: string) =>
      run.run(ctx, async (tx) => {
        const row = await lockRow(tx, ctx.companyId, id);
        const status = row.status as OrderStatus;
        const back = (row.statusBeforeHold ?? 'draft') as OrderStatus;
        if (!canTransition(status, 'release', back)) refuse(status, 'release');
        await tx
          .update(orders)
          .set({ status: back, statusBeforeHold: null, holdReason: null, updatedAt: new Date() })
          .where(and(eq(orders.companyId, ctx.companyId), eq(orders.id, id)));
        return reload(tx, ctx, id);
      }),

    /** An accepted quote becomes an order with the quote's lines and prices; the quote is marked converted. */
    fromQuote: (
      ctx: Ctx,
      quoteId: string,
      extra: { customerReference?: string | null; requestedDeliveryDate?: string | null },
      idem: Idempotency | null,
    ) =>
      run.runIdempotent(ctx, idem, 201, async (tx) => {
        const quote = await lockQuoteForConversion(tx, ctx.companyId, quoteId);
        const id = await createIn(
          tx,
          ctx,
          {
            customerId: quote.customerId,
            customerReference: extra.customerReference ?? quote.customerReference,
            shipToId: quote.shipToId,
            requestedDeliveryDate: extra.requestedDeliveryDate ?? null,
            currency: quote.currency,
            contactEmail: quote.contactEmail,
            notes: quote.notes,
            source: 'quote',
            lines: quote.lines.map((l) => ({
              productId: l.productId,
              quantity: l.quantity,
              unitPrice: l.unitPrice,
              discountPercent: l.discountPercent,
              description: l.description,
              requestedDeliveryDate: null,
              buyerLineId: null,
            })),
          },
          { quoteId },
        );
        await markQuoteConverted(tx, ctx.companyId, quoteId, id);
        return reload(tx, ctx, id);
      }),

    versions: (ctx: Ctx, id: string) =>
      run.read(async (db) => {
        await reload(db, ctx, id);
        const found = await db
          .select()
          .from(orderVersions)
          .where(and(eq(orderVersions.companyId, ctx.companyId), eq(orderVersions.orderId, id)))
          .orderBy(asc(orderVersions.version));
        return found.map((v) => ({
          version: v.version,
          reason: v.reason,
          createdBy: v.createdBy,
          createdAt: v.createdAt.toISOString(),
          snapshot: v.snapshot,
        }));
      }),
  };
}
export type OrderService = ReturnType<typeof createOrderService>;
