import { and, asc, eq, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Queryable, Tx } from '@server/platform/db/connection';
import { rows } from '@server/platform/db/connection';
import type { Ctx, Idempotency, Runner } from '@server/platform/db/runner';
import { DomainError, notFound } from '@server/platform/errors';
import { enqueue } from '@server/platform/outbox/outbox';
import { nextDocumentNumber, nextNumber } from '@server/platform/numbering/numbering';
import { findProductsByRefs, type ProductLite } from '@server/modules/catalog';
import { companyOrderSettings, findCompany } from '@server/modules/companies';
import { evaluateRules, findCustomer, loadRules } from '@server/modules/customers';
import {
  addLineReservation,
  cancelLineQuantity,
  DELIVERABLE_STATUSES,
  orderSettingsOf,
  ordersForFulfilment,
  recordDelivered,
  remainingOf,
  type FulfilmentLine,
  type FulfilmentOrder,
} from '@server/modules/orders';
import type { StockService } from '@server/modules/stock';
import { raiseTask } from '@server/modules/tasks';
import { dec, toQuantityString } from '@shared/decimal';
import type {
  CarrierInput,
  CheckDateInput,
  CheckDateResult,
  Delivery,
  DeliveryInput,
  DeliveryListQuery,
  DeliveryPatch,
  DeliveryStatus,
  PickInput,
  PodInput,
  ReturnInput,
} from '@shared/api/deliveries';
import type { OrderStatus } from '@shared/api/orders';
import { canDeliveryTransition, type DeliveryCommand } from './domain/delivery-state';
import { checkPlannedDate, nextValidPlannedDate, type CarrierCalendar, type PlanningFacts } from './domain/planning';
import type { PlanningFindingRaw } from './domain/planning';
import { buildSscc } from './domain/sscc';
import { protestDeadline } from './domain/pod';
import {
  carrierDto,
  listDeliveries,
  loadDeliveries,
  loadReturns,
  plannedByLine,
  renderPlanningFinding,
  type CarrierRow,
  type DeliveryRow,
} from './deliveries.read';
import { planningLines } from './deliveries.planning';
import { renderDeliveryDocument, type DeliveryDocumentKind } from './deliveries.documents';
import { deliveryOtif } from './deliveries.otif';
import {
  carriers,
  deliveries,
  deliveryLines,
  deliveryParcels,
  deliveryReturnLines,
  deliveryReturns,
} from './deliveries.schema';

export const SHIPPING_NOTICE_TOPIC = 'deliveries.shipping_notice';

type Customer = NonNullable<Awaited<ReturnType<typeof findCustomer>>>;
type Clock = () => Date;

/** Whether a customer is on credit hold with no release in force, and why (receivables). */
export type CreditHoldPort = (
  q: Queryable,
  companyId: string,
  customerId: string,
) => Promise<{ blocked: boolean; reasons: { code: string; params: Record<string, unknown> }[] }>;

/** Today and the time of day where the company works (Europe/Paris), for cut-offs and "in the past". */
export function companyNow(now: Date): { today: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Paris',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  );
  return { today: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

const carrierCalendar = (c: CarrierRow): CarrierCalendar => ({
  name: c.name,
  workingWeekdays: c.workingWeekdays,
  nonWorkingDates: c.nonWorkingDates,
  cutoffTime: c.cutoffTime,
  transitTimes: c.transitTimes,
  defaultTransitDays: c.defaultTransitDays,
});

const refuse = (status: string, command: string) => {
  throw new DomainError('invalid_transition', 409, [{ path: 'status', code: 'invalid_transition' }], {
    from: status,
    command,
  });
};

export function createDeliveryService(deps: {
  run: Runner;
  stock: Pick<
    StockService,
    | 'reserveUpTo'
    | 'reduceReservation'
    | 'book'
    | 'warehouseOrDefault'
    | 'availability'
    | 'locations'
    | 'activeReservations'
  >;
  clock?: Clock;
  /** Receivables tell whether a customer's deliveries are held (credit hold not released). */
  creditHold?: CreditHoldPort;
}) {
  const { run, stock } = deps;
  const clock: Clock = deps.clock ?? (() => new Date());

  async function carrierOr422(q: Queryable, companyId: string, id: string | null | undefined, path = 'carrierId') {
    if (!id) return null;
    const [c] = await q
      .select()
      .from(carriers)
      .where(and(eq(carriers.companyId, companyId), eq(carriers.id, id)));
    if (!c) throw new DomainError('validation_failed', 422, [{ path, code: 'unknown_carrier' }]);
    return c;
  }

  async function customerOr422(q: Queryable, companyId: string, id: string): Promise<Customer> {
    const c = await findCustomer(q, companyId, id);
    if (!c) throw new DomainError('validation_failed', 422, [{ path: 'customerId', code: 'unknown_customer' }]);
    return c;
  }

  function shipToOf(customer: Customer, shipToId: string | null | undefined) {
    if (shipToId) {
      const s = customer.shipTos.find((x) => x.id === shipToId);
      if (!s) throw new DomainError('validation_failed', 422, [{ path: 'shipToId', code: 'unknown_ship_to' }]);
      return s;
    }
    return customer.shipTos.find((x) => x.isDefault) ?? customer.shipTos[0] ?? null;
  }

  /** Everything the planning rules need for one customer, ship-to and carrier. */
  async function planningFacts(
    q: Queryable,
    companyId: string,
    customer: Customer,
    shipToId: string | null,
    carrier: CarrierRow | null,
    plannedDate: string,
    plannedTime: string | null,
  ): Promise<PlanningFacts> {
    const company = orderSettingsOf(await companyOrderSettings(q, companyId));
    const shipTo = shipToOf(customer, shipToId);
    const now = companyNow(clock());
    return {
      plannedDate,
      plannedTime,
      today: now.today,
      nowTime: now.time,
      settings: company,
      carrier: carrier ? carrierCalendar(carrier) : null,
      address: shipTo?.address ?? customer.billingAddress,
      rules: await loadRules(q, companyId, customer.id),
      shipToId: shipTo?.id ?? null,
      shipToWeekdays: shipTo?.deliveryWeekdays ?? null,
    };
  }

  /** Refuses a date that breaks a blocking rule: 422 `delivery_date_not_allowed`, each rule named, the next valid date given. */
  function assertDateAllowed(facts: PlanningFacts) {
    const check = checkPlannedDate(facts);
    if (check.allowed) return check;
    const next = nextValidPlannedDate(facts);
    throw new DomainError(
      'delivery_date_not_allowed',
      422,
      check.findings
        .filter((f) => f.severity === 'blocking')
        .map((f) => ({
          path: 'plannedDate',
          code: f.code,
          params: { ...f.params, ...(f.note ? { note: f.note } : {}) },
        })),
      { date: facts.plannedDate, nextValidDate: next ?? '' },
    );
  }

  /** Customer rules that matter to the warehouse (packaging: SSCC, QR code, pallets; documents) kept on the delivery. */
  function standingFindings(facts: PlanningFacts): PlanningFindingRaw[] {
    return evaluateRules(facts.rules, {
      shipToId: facts.shipToId,
      shipToWeekdays: facts.shipToWeekdays,
      requiresPoNumber: false,
    })
      .filter((f) => f.code === 'packaging_requirements' || f.code === 'documents_required')
      .map((f) => ({ code: f.code, severity: 'info' as const, path: f.path, params: f.params, note: f.note }));
  }

  async function lockDelivery(tx: Tx, companyId: string, id: string): Promise<DeliveryRow> {
    const [row] = await tx
      .select()
      .from(deliveries)
      .where(and(eq(deliveries.companyId, companyId), eq(deliveries.id, id)))
      .for('update');
    if (!row) throw notFound();
    return row;
  }

  function transition(row: DeliveryRow, command: DeliveryCommand): DeliveryStatus {
    const to = canDeliveryTransition(row.status as DeliveryStatus, command);
    if (!to) refuse(row.status, command);
    return to!;
  }

  async function linesOf(q: Queryable, companyId: string, deliveryId: string) {
    return q
      .select()
      .from(deliveryLines)
      .where(and(eq(deliveryLines.companyId, companyId), eq(deliveryLines.deliveryId, deliveryId)))
      .orderBy(asc(deliveryLines.position));
  }

  async function reload(q: Queryable, ctx: Ctx, id: string): Promise<Delivery> {
    const [d] = await loadDeliveries(q, ctx.companyId, [id], ctx.lang);
    if (!d) throw notFound();
    return d;
  }

  /**
   * Makes sure stock is held for what a delivery takes from an order line: the line's reservation not yet planned
   * elsewhere first, then what is free (reserved for the order line). Returns the quantity still uncovered.
   */
  async function cover(
    tx: Tx,
    ctx: Ctx,
    warehouseId: string,
    ol: FulfilmentLine,
    product: ProductLite | undefined,
    quantity: string,
    plannedElsewhere: string,
  ): Promise<string> {
    if (!product?.stockTracked) return '0';
    const covered = dec(ol.reservedQuantity).minus(plannedElsewhere);
    const need = dec(quantity).minus(covered.gt(0) ? covered : 0);
    if (need.lte(0)) return '0';
    const got = await stock.reserveUpTo(tx, ctx, warehouseId, ol.productId, toQuantityString(need.toString()), {
      type: 'order',
      id: ol.orderId,
      lineId: ol.id,
    });
    await addLineReservation(tx, ctx, ol.id, got);
    return toQuantityString(need.minus(got).toString());
  }

  async function allocateSscc(tx: Tx, companyId: string): Promise<string | null> {
    const company = await findCompany(tx, companyId);
    if (!company?.gs1CompanyPrefix) return null;
    const ext = company.ssccExtensionDigit;
    const serial = await nextNumber(tx, companyId, `SSCC-${ext}${company.gs1CompanyPrefix}`);
    try {
      return buildSscc(ext, company.gs1CompanyPrefix, serial);
    } catch {
      throw new DomainError('sscc_exhausted', 409, [{ path: 'parcels', code: 'sscc_exhausted' }]);
    }
  }

  async function writeParcels(
    tx: Tx,
    ctx: Ctx,
    deliveryId: string,
    parcels: {
      kind: 'parcel' | 'pallet';
      weightKg: string | null;
      contents: { deliveryLineId: string; quantity: string }[];
    }[],
  ) {
    await tx
      .delete(deliveryParcels)
      .where(and(eq(deliveryParcels.companyId, ctx.companyId), eq(deliveryParcels.deliveryId, deliveryId)));
    for (const [position, p] of parcels.entries())
      await tx.insert(deliveryParcels).values({
        companyId: ctx.companyId,
        id: uuidv7(),
        deliveryId,
        position: position + 1,
        kind: p.kind,
        weightKg: p.weightKg,
        sscc: await allocateSscc(tx, ctx.companyId),
        contents: p.contents,
      });
  }

  /** The weight of what is picked when every product has a unit weight; null otherwise. */
  async function pickedWeight(
    q: Queryable,
    companyId: string,
    lines: { productId: string; quantity: string }[],
  ): Promise<string | null> {
    const products = await findProductsByRefs(
      q,
      companyId,
      lines.map((l) => ({ productId: l.productId })),
    );
    let total = dec(0);
    for (const l of lines) {
      const w = products.get(l.productId)?.weightKg;
      if (w === null || w === undefined) return null;
      total = total.plus(dec(w).times(l.quantity));
    }
    return toQuantityString(total.toString());
  }

  async function createIn(tx: Tx, ctx: Ctx, input: DeliveryInput): Promise<string> {
    const orderIds = input.orderIds ?? [input.orderId!];
    const { orders: found, lines: allLines } = await ordersForFulfilment(tx, ctx.companyId, orderIds, true);
    const byId = new Map(found.map((o) => [o.id, o]));
    const path = (i: number) => (input.orderIds ? `orderIds.${i}` : 'orderId');
    orderIds.forEach((id, i) => {
      const o = byId.get(id);
      if (!o) throw new DomainError('validation_failed', 422, [{ path: path(i), code: 'unknown_order' }]);
      if (!DELIVERABLE_STATUSES.includes(o.status as OrderStatus))
        throw new DomainError('order_not_deliverable', 409, [{ path: path(i), code: 'order_not_deliverable' }], {
          number: o.number,
          status: o.status,
        });
    });
    const first = byId.get(orderIds[0]!)!;
    const customer = await customerOr422(tx, ctx.companyId, first.customerId);
    const shipTo = shipToOf(customer, first.shipToId);
    orderIds.forEach((id, i) => {
      const o = byId.get(id)!;
      const theirs = o.shipToId ?? shipTo?.id ?? null;
      if (o.customerId !== first.customerId || theirs !== (shipTo?.id ?? null))
        throw new DomainError('validation_failed', 422, [{ path: path(i), code: 'orders_differ' }]);
    });

    const lineMap = new Map(allLines.map((l) => [l.id, l]));
    const planned = await plannedByLine(
      tx,
      ctx.companyId,
      allLines.map((l) => l.id),
    );
    const products = await findProductsByRefs(
      tx,
      ctx.companyId,
      allLines.map((l) => ({ productId: l.productId })),
    );
    const warehouseId = await stock.warehouseOrDefault(
      tx,
      ctx.companyId,
      input.warehouseId ?? allLines.find((l) => l.warehouseId)?.warehouseId ?? null,
    );
    const toPlan = (l: FulfilmentLine) => remainingOf(l).minus(planned.get(l.id) ?? '0');

    let chosen: { line: FulfilmentLine; quantity: string }[];
    if (input.lines) {
      const seen = new Set<string>();
      chosen = input.lines.map((x, i) => {
        const line = lineMap.get(x.orderLineId);
        if (!line || seen.has(x.orderLineId))
          throw new DomainError('validation_failed', 422, [
            { path: `lines.${i}.orderLineId`, code: line ? 'duplicate_value' : 'unknown_order_line' },
          ]);
        seen.add(x.orderLineId);
        const open = toPlan(line);
        if (dec(x.quantity).gt(open))
          throw new DomainError('validation_failed', 422, [
            {
              path: `lines.${i}.quantity`,
              code: 'exceeds_open_quantity',
              params: { open: toQuantityString(open.gt(0) ? open.toString() : '0'), sku: line.sku },
            },
          ]);
        return { line, quantity: toQuantityString(x.quantity) };
      });
    } else {
      // Every open line for what can ship now: its own reservation not yet planned, plus free stock.
      const free = await stock.availability(
        tx,
        ctx.companyId,
        warehouseId,
        allLines.map((l) => l.productId),
      );
      const freeLeft = new Map([...free].map(([k, v]) => [k, dec(v.available)]));
      chosen = [];
      for (const line of allLines) {
        const open = toPlan(line);
        if (open.lte(0)) continue;
        let q = open;
        if (products.get(line.productId)?.stockTracked) {
          const own = dec(line.reservedQuantity).minus(planned.get(line.id) ?? '0');
          const ownFree = own.gt(0) ? own : dec(0);
          const extra = freeLeft.get(line.productId) ?? dec(0);
          const can = ownFree.plus(extra.gt(0) ? extra : 0);
          q = can.lt(open) ? can : open;
          const fromFree = q.minus(ownFree);
          if (fromFree.gt(0)) freeLeft.set(line.productId, extra.minus(fromFree));
        }
        if (q.gt(0)) chosen.push({ line, quantity: toQuantityString(q.toString()) });
      }
      if (!chosen.length)
        throw new DomainError('nothing_to_deliver', 422, [{ path: 'lines', code: 'nothing_to_deliver' }]);
    }

    const carrier = await carrierOr422(tx, ctx.companyId, input.carrierId);
    // Default date: the earliest promise among the lines shipped (what ships now is what was promised first).
    const promised = chosen
      .map((c) => c.line.promisedDeliveryDate)
      .filter((d): d is string => !!d)
      .sort()[0];
    const now = companyNow(clock());
    let facts = await planningFacts(
      tx,
      ctx.companyId,
      customer,
      shipTo?.id ?? null,
      carrier,
      input.plannedDate ?? (promised && promised > now.today ? promised : now.today),
      input.plannedTime,
    );
    if (!input.plannedDate) {
      const next = nextValidPlannedDate(facts);
      if (!next) throw new DomainError('no_valid_date', 422, [{ path: 'plannedDate', code: 'no_valid_date' }]);
      facts = { ...facts, plannedDate: next };
    }
    const check = assertDateAllowed(facts);

    const id = uuidv7();
    const findings: PlanningFindingRaw[] = [...check.findings, ...standingFindings(facts)];
    for (const c of chosen) {
      const short = await cover(
        tx,
        ctx,
        warehouseId,
        c.line,
        products.get(c.line.productId),
        c.quantity,
        planned.get(c.line.id) ?? '0',
      );
      if (dec(short).gt(0))
        findings.push({
          code: 'delivery_stock_short',
          severity: 'warning',
          path: `lines.${chosen.indexOf(c)}.quantity`,
          params: { sku: c.line.sku, quantity: c.quantity, missing: short },
          note: null,
        });
    }
    const number = await nextDocumentNumber(tx, ctx.companyId, 'BL', Number(facts.today.slice(0, 4)));
    await tx.insert(deliveries).values({
      companyId: ctx.companyId,
      id,
      number,
      customerId: customer.id,
      shipToId: shipTo?.id ?? null,
      shipTo: shipTo
        ? { name: shipTo.name, address: shipTo.address }
        : { name: customer.name, address: customer.billingAddress },
      language: customer.language,
      warehouseId,
      plannedDate: facts.plannedDate,
      plannedTime: input.plannedTime,
      shipDate: check.shipDate,
      carrierId: carrier?.id ?? null,
      carrierService: input.carrierService,
      incoterm: input.incoterm ?? customer.defaultIncoterm ?? null,
      incotermPlace: input.incotermPlace ?? (input.incoterm ? null : (customer.incotermPlace ?? null)),
      notes: input.notes,
      findings,
      createdBy: ctx.userId,
    });
    await tx.insert(deliveryLines).values(
      chosen.map((c, i) => ({
        companyId: ctx.companyId,
        id: uuidv7(),
        deliveryId: id,
        position: i + 1,
        orderId: c.line.orderId,
        orderLineId: c.line.id,
        productId: c.line.productId,
        sku: c.line.sku,
        description: c.line.description,
        customerProductCode: c.line.customerProductCode,
        unit: c.line.unit,
        quantity: c.quantity,
      })),
    );
    return id;
  }

  async function shipIn(
    tx: Tx,
    ctx: Ctx,
    id: string,
    input: { trackingNumber?: string | null | undefined; shippedAt?: string | undefined; notify: boolean },
  ) {
    const row = await lockDelivery(tx, ctx.companyId, id);
    transition(row, 'ship');
    const lines = await linesOf(tx, ctx.companyId, id);
    const { orders: found, lines: orderLines } = await ordersForFulfilment(
      tx,
      ctx.companyId,
      lines.map((l) => l.orderId),
      true,
    );
    for (const o of found) assertOrderShippable(o);
    // A customer on credit hold: the goods stay until an authorised person releases them (receivables).
    if (deps.creditHold) {
      const hold = await deps.creditHold(tx, ctx.companyId, row.customerId);
      if (hold.blocked)
        throw new DomainError(
          'customer_on_credit_hold',
          409,
          [{ path: 'customerId', code: 'customer_on_credit_hold' }],
          { reasons: hold.reasons.map((r) => r.code).join(', ') },
        );
    }
    const olMap = new Map(orderLines.map((l) => [l.id, l]));
    const products = await findProductsByRefs(
      tx,
      ctx.companyId,
      lines.map((l) => ({ productId: l.productId })),
    );
    // Everything but the stock first: the stock balances are the rows every shipment of a product shares, so they are
    // locked last and held for the shortest time (until commit).
    const held = await stock.activeReservations(
      tx,
      ctx.companyId,
      'order',
      lines.map((l) => l.orderId),
    );
    const plan = lines.map((l, i) => {
      const ol = olMap.get(l.orderLineId);
      if (!ol) throw notFound();
      const shipped = toQuantityString(l.pickedQuantity ?? l.quantity);
      const open = remainingOf(ol);
      if (dec(shipped).gt(open))
        throw new DomainError('exceeds_open_quantity', 409, [
          {
            path: `lines.${i}.quantity`,
            code: 'exceeds_open_quantity',
            params: { open: toQuantityString(open.toString()), sku: l.sku },
          },
        ]);
      const tracked = !!products.get(l.productId)?.stockTracked;
      // The order rows are locked: nobody changes these reservations until commit.
      const active = dec(tracked ? (held.get(l.orderLineId) ?? '0') : '0');
      const consumed = active.lt(shipped) ? active : dec(shipped);
      const short = dec(l.quantity).minus(shipped);
      const cancelShort = short.gt(0) && l.shortAction === 'cancel';
      const left = active.minus(consumed);
      const released = cancelShort ? (left.lt(short) ? left : short) : dec(0);
      return { l, i, shipped, tracked, consumed, short, cancelShort, released };
    });

    for (const p of plan)
      await tx
        .update(deliveryLines)
        .set({ shippedQuantity: p.shipped, pickedQuantity: p.shipped })
        .where(and(eq(deliveryLines.companyId, ctx.companyId), eq(deliveryLines.id, p.l.id)));
    await tx
      .update(deliveries)
      .set({
        status: 'shipped',
        pickedAt: row.pickedAt ?? new Date(),
        shippedAt: input.shippedAt ? new Date(input.shippedAt) : new Date(),
        trackingNumber: input.trackingNumber ?? row.trackingNumber,
        version: row.version + 1,
        updatedAt: new Date(),
      })
      .where(and(eq(deliveries.companyId, ctx.companyId), eq(deliveries.id, id)));
    if (input.notify)
      await enqueue(tx, ctx.companyId, {
        topic: SHIPPING_NOTICE_TOPIC,
        payload: { deliveryId: id, lang: ctx.lang },
        dedupeKey: `${SHIPPING_NOTICE_TOPIC}:${id}:shipped`,
      });
    // The order lines: delivered quantity, reservation, short shipments cancelled there, then the order status.
    for (const p of plan.filter((x) => x.cancelShort))
      await cancelLineQuantity(
        tx,
        ctx,
        p.l.orderLineId,
        toQuantityString(p.short.toString()),
        toQuantityString(p.released.toString()),
      );
    await recordDelivered(
      tx,
      ctx,
      plan.map((p) => ({
        lineId: p.l.orderLineId,
        delivered: p.shipped,
        reservationConsumed: toQuantityString(p.consumed.toString()),
      })),
    );

    // Last, the stock: consume the reservation and book the guarded issue (the balance never goes below what others hold).
    for (const p of plan) {
      if (!p.tracked) continue;
      const source = { type: 'order', id: p.l.orderId, lineId: p.l.orderLineId };
      if (p.consumed.gt(0))
        await stock.reduceReservation(tx, ctx, source, toQuantityString(p.consumed.toString()), 'consumed');
      if (p.released.gt(0))
        await stock.reduceReservation(tx, ctx, source, toQuantityString(p.released.toString()), 'released');
      if (dec(p.shipped).eq(0)) continue;
      try {
        await stock.book(tx, ctx, {
          warehouseId: row.warehouseId,
          productId: p.l.productId,
          kind: 'issue',
          quantity: dec(p.shipped).negated().toString(),
          reason: row.number,
          reference: { type: 'delivery', id, lineId: p.l.id },
          path: `lines.${p.i}.quantity`,
        });
      } catch (e) {
        if (e instanceof DomainError && e.code === 'stock_below_reserved')
          throw new DomainError(
            'insufficient_stock',
            409,
            [
              {
                path: `lines.${p.i}.quantity`,
                code: 'insufficient_stock',
                params: { sku: p.l.sku, quantity: p.shipped },
              },
            ],
            { sku: p.l.sku },
          );
        throw e;
      }
    }
    if (row.status === 'planned') {
      // Shipped without a separate picking step: picked as planned, one parcel. Its SSCC comes from the company's
      // counter, a row every shipment shares: taken at the very end, held only until commit.
      const weight = await pickedWeight(tx, ctx.companyId, lines);
      await writeParcels(tx, ctx, id, [{ kind: 'parcel', weightKg: weight, contents: [] }]);
    }
  }

  function assertOrderShippable(o: FulfilmentOrder) {
    if (o.status === 'on_hold')
      throw new DomainError('order_on_hold', 409, [{ path: 'orderId', code: 'order_on_hold' }], {
        number: o.number,
        reason: o.holdReason ?? '',
      });
    if (!DELIVERABLE_STATUSES.includes(o.status as OrderStatus))
      throw new DomainError('order_not_deliverable', 409, [{ path: 'orderId', code: 'order_not_deliverable' }], {
        number: o.number,
        status: o.status,
      });
  }

  return {
    createIn,
    shipIn,

    create: (ctx: Ctx, input: DeliveryInput, idem: Idempotency | null) =>
      run.runIdempotent(ctx, idem, 201, async (tx) => reload(tx, ctx, await createIn(tx, ctx, input))),

    checkDate: (ctx: Ctx, input: CheckDateInput): Promise<CheckDateResult> =>
      run.read(async (db) => {
        const customer = await customerOr422(db, ctx.companyId, input.customerId);
        const carrier = await carrierOr422(db, ctx.companyId, input.carrierId);
        const facts = await planningFacts(
          db,
          ctx.companyId,
          customer,
          input.shipToId ?? null,
          carrier,
          input.plannedDate,
          input.plannedTime ?? null,
        );
        const check = checkPlannedDate(facts);
        return {
          plannedDate: input.plannedDate,
          allowed: check.allowed,
          shipDate: check.shipDate,
          transitDays: check.transitDays,
          findings: check.findings.map((f) => renderPlanningFinding(f, ctx.lang)),
          nextValidDate: check.allowed ? input.plannedDate : nextValidPlannedDate(facts),
        };
      }),

    get: (ctx: Ctx, id: string) => run.read((db) => reload(db, ctx, id)),
    list: (ctx: Ctx, f: DeliveryListQuery) => run.read((db) => listDeliveries(db, ctx.companyId, f, ctx.lang)),

    planning: (ctx: Ctx, f: Parameters<typeof planningLines>[3]) =>
      run.read(async (db) => {
        const today = companyNow(clock()).today;
        const lines = await planningLines(db, ctx.companyId, today, f);
        const open = await rows<{ id: string }>(
          db,
          sql`select id from deliveries where company_id = ${ctx.companyId} and status in ('planned', 'picked')
              ${f.customerId ? sql`and customer_id = ${f.customerId}` : sql``}
              ${f.carrierId ? sql`and carrier_id = ${f.carrierId}` : sql``}
              order by ship_date, number limit 500`,
        );
        return {
          lines,
          deliveries: await loadDeliveries(
            db,
            ctx.companyId,
            open.map((r) => r.id),
            ctx.lang,
          ),
        };
      }),

    update: (ctx: Ctx, id: string, patch: DeliveryPatch) =>
      run.run(ctx, async (tx) => {
        const row = await lockDelivery(tx, ctx.companyId, id);
        transition(row, 'edit');
        const customer = await customerOr422(tx, ctx.companyId, row.customerId);
        const carrierId = patch.carrierId === undefined ? row.carrierId : patch.carrierId;
        const carrier = await carrierOr422(tx, ctx.companyId, carrierId);
        const plannedDate = patch.plannedDate ?? row.plannedDate;
        const plannedTime = patch.plannedTime === undefined ? row.plannedTime : patch.plannedTime;
        let shipDate = row.shipDate;
        let findings = row.findings as PlanningFindingRaw[];
        if (patch.plannedDate !== undefined || patch.plannedTime !== undefined || patch.carrierId !== undefined) {
          const facts = await planningFacts(
            tx,
            ctx.companyId,
            customer,
            row.shipToId,
            carrier,
            plannedDate,
            plannedTime,
          );
          const check = assertDateAllowed(facts);
          shipDate = check.shipDate;
          findings = [
            ...check.findings,
            ...standingFindings(facts),
            ...findings.filter((f) => f.code === 'delivery_stock_short'),
          ];
        }
        if (patch.lines) {
          const current = await linesOf(tx, ctx.companyId, id);
          const curMap = new Map(current.map((l) => [l.id, l]));
          const { lines: orderLines } = await ordersForFulfilment(
            tx,
            ctx.companyId,
            current.map((l) => l.orderId),
            true,
          );
          const olMap = new Map(orderLines.map((l) => [l.id, l]));
          const planned = await plannedByLine(
            tx,
            ctx.companyId,
            current.map((l) => l.orderLineId),
            id,
          );
          const products = await findProductsByRefs(
            tx,
            ctx.companyId,
            current.map((l) => ({ productId: l.productId })),
          );
          for (const [i, x] of patch.lines.entries()) {
            const l = curMap.get(x.id);
            if (!l)
              throw new DomainError('validation_failed', 422, [
                { path: `lines.${i}.id`, code: 'unknown_delivery_line' },
              ]);
            const ol = olMap.get(l.orderLineId)!;
            const open = remainingOf(ol).minus(planned.get(ol.id) ?? '0');
            if (dec(x.quantity).gt(open))
              throw new DomainError('validation_failed', 422, [
                {
                  path: `lines.${i}.quantity`,
                  code: 'exceeds_open_quantity',
                  params: { open: toQuantityString(open.toString()), sku: l.sku },
                },
              ]);
            if (dec(x.quantity).eq(0)) {
              await tx
                .delete(deliveryLines)
                .where(and(eq(deliveryLines.companyId, ctx.companyId), eq(deliveryLines.id, l.id)));
              continue;
            }
            if (dec(x.quantity).gt(l.quantity))
              await cover(
                tx,
                ctx,
                row.warehouseId,
                ol,
                products.get(l.productId),
                x.quantity,
                planned.get(ol.id) ?? '0',
              );
            await tx
              .update(deliveryLines)
              .set({ quantity: toQuantityString(x.quantity) })
              .where(and(eq(deliveryLines.companyId, ctx.companyId), eq(deliveryLines.id, l.id)));
          }
          if (!(await linesOf(tx, ctx.companyId, id)).length)
            throw new DomainError('validation_failed', 422, [{ path: 'lines', code: 'nothing_to_deliver' }]);
        }
        await tx
          .update(deliveries)
          .set({
            plannedDate,
            plannedTime,
            shipDate,
            findings,
            carrierId,
            ...(patch.carrierService !== undefined ? { carrierService: patch.carrierService } : {}),
            ...(patch.trackingNumber !== undefined ? { trackingNumber: patch.trackingNumber } : {}),
            ...(patch.incoterm !== undefined ? { incoterm: patch.incoterm } : {}),
            ...(patch.incotermPlace !== undefined ? { incotermPlace: patch.incotermPlace } : {}),
            ...(patch.notes !== undefined ? { notes: patch.notes } : {}),
            version: row.version + 1,
            updatedAt: new Date(),
          })
          .where(and(eq(deliveries.companyId, ctx.companyId), eq(deliveries.id, id)));
        return reload(tx, ctx, id);
      }),

    pick: (ctx: Ctx, id: string, input: PickInput) =>
      run.run(ctx, async (tx) => {
        const row = await lockDelivery(tx, ctx.companyId, id);
        transition(row, 'pick');
        const lines = await linesOf(tx, ctx.companyId, id);
        const given = new Map(input.lines.map((x, i) => [x.deliveryLineId, { ...x, i }]));
        for (const [i, x] of input.lines.entries())
          if (!lines.some((l) => l.id === x.deliveryLineId))
            throw new DomainError('validation_failed', 422, [
              { path: `lines.${i}.deliveryLineId`, code: 'unknown_delivery_line' },
            ]);
        const picked: { productId: string; quantity: string }[] = [];
        for (const l of lines) {
          const g = given.get(l.id);
          const q = g ? toQuantityString(g.pickedQuantity) : toQuantityString(l.quantity);
          if (g && dec(q).gt(l.quantity))
            throw new DomainError('validation_failed', 422, [
              { path: `lines.${g.i}.pickedQuantity`, code: 'picked_exceeds_planned', params: { planned: l.quantity } },
            ]);
          const short = dec(l.quantity).minus(q).gt(0);
          if (short && !g?.shortReason)
            throw new DomainError('validation_failed', 422, [{ path: `lines.${g!.i}.shortReason`, code: 'required' }]);
          await tx
            .update(deliveryLines)
            .set({
              pickedQuantity: q,
              shortReason: short ? g!.shortReason : null,
              shortAction: short ? g!.shortAction : null,
            })
            .where(and(eq(deliveryLines.companyId, ctx.companyId), eq(deliveryLines.id, l.id)));
          picked.push({ productId: l.productId, quantity: q });
        }
        if (picked.every((p) => dec(p.quantity).eq(0)))
          throw new DomainError('validation_failed', 422, [{ path: 'lines', code: 'nothing_picked' }]);
        for (const [pi, p] of input.parcels.entries())
          for (const [ci, c] of p.contents.entries())
            if (!lines.some((l) => l.id === c.deliveryLineId))
              throw new DomainError('validation_failed', 422, [
                { path: `parcels.${pi}.contents.${ci}.deliveryLineId`, code: 'unknown_delivery_line' },
              ]);
        const parcels = input.parcels.length
          ? input.parcels
          : [{ kind: 'parcel' as const, weightKg: await pickedWeight(tx, ctx.companyId, picked), contents: [] }];
        await writeParcels(tx, ctx, id, parcels);
        await tx
          .update(deliveries)
          .set({ status: 'picked', pickedAt: new Date(), version: row.version + 1, updatedAt: new Date() })
          .where(and(eq(deliveries.companyId, ctx.companyId), eq(deliveries.id, id)));
        return reload(tx, ctx, id);
      }),

    ship: (
      ctx: Ctx,
      id: string,
      input: { trackingNumber?: string | null | undefined; shippedAt?: string | undefined; notify: boolean },
    ) =>
      run.run(ctx, async (tx) => {
        await shipIn(tx, ctx, id, input);
        return reload(tx, ctx, id);
      }),

    proofOfDelivery: (ctx: Ctx, id: string, input: PodInput) =>
      run.run(ctx, async (tx) => {
        const row = await lockDelivery(tx, ctx.companyId, id);
        transition(row, 'pod');
        const shippedOn = companyNow(row.shippedAt ?? clock()).today;
        if (input.deliveredOn < shippedOn)
          throw new DomainError('validation_failed', 422, [
            { path: 'deliveredOn', code: 'before_ship_date', params: { shipDate: shippedOn } },
          ]);
        if (input.deliveredOn > companyNow(clock()).today)
          throw new DomainError('validation_failed', 422, [{ path: 'deliveredOn', code: 'date_in_future' }]);
        const lines = await linesOf(tx, ctx.companyId, id);
        const reserved: string[] = [];
        for (const [i, r] of input.reservations.entries()) {
          const l = lines.find((x) => x.id === r.deliveryLineId);
          if (!l)
            throw new DomainError('validation_failed', 422, [
              { path: `reservations.${i}.deliveryLineId`, code: 'unknown_delivery_line' },
            ]);
          const total = dec(r.damagedQuantity).plus(r.missingQuantity);
          if (total.eq(0))
            throw new DomainError('validation_failed', 422, [
              { path: `reservations.${i}.damagedQuantity`, code: 'reservation_quantity_required' },
            ]);
          if (total.gt(l.shippedQuantity ?? '0'))
            throw new DomainError('validation_failed', 422, [
              {
                path: `reservations.${i}.damagedQuantity`,
                code: 'exceeds_shipped',
                params: { shipped: l.shippedQuantity ?? '0' },
              },
            ]);
          await tx
            .update(deliveryLines)
            .set({
              damagedQuantity: toQuantityString(r.damagedQuantity),
              missingQuantity: toQuantityString(r.missingQuantity),
              reservationNote: r.note,
            })
            .where(and(eq(deliveryLines.companyId, ctx.companyId), eq(deliveryLines.id, l.id)));
          reserved.push(`${l.sku}: ${r.note}`);
        }
        const company = await findCompany(tx, ctx.companyId);
        const shipTo = row.shipTo as { address?: { countryCode?: string } } | null;
        const international =
          input.international ?? (shipTo?.address?.countryCode ?? 'FR') !== (company?.address.countryCode ?? 'FR');
        let deadline: string | null = null;
        let taskId: string | null = null;
        if (reserved.length) {
          deadline = protestDeadline(input.deliveredOn, international);
          const task = await raiseTask(tx, ctx, {
            kind: 'carrier_reservation',
            team: 'logistics',
            title:
              ctx.lang === 'en'
                ? `Carrier reservations on ${row.number}: send the reasoned protest by ${deadline}`
                : `Réserves sur ${row.number} : envoyer la protestation motivée au transporteur avant le ${deadline.split('-').reverse().join('/')}`,
            description: reserved.join('\n'),
            dueDate: deadline,
            related: { type: 'delivery', id },
            payload: { deliveryId: id, number: row.number, deadline, international },
            dedupeKey: `pod:${id}`,
          });
          taskId = task.id;
        }
        await tx
          .update(deliveries)
          .set({
            status: 'delivered',
            deliveredOn: input.deliveredOn,
            podSignatory: input.signatory,
            podNote: input.note,
            podInternational: international,
            protestDeadline: deadline,
            followUpTaskId: taskId,
            version: row.version + 1,
            updatedAt: new Date(),
          })
          .where(and(eq(deliveries.companyId, ctx.companyId), eq(deliveries.id, id)));
        return reload(tx, ctx, id);
      }),

    cancel: (ctx: Ctx, id: string, reason: string) =>
      run.run(ctx, async (tx) => {
        const row = await lockDelivery(tx, ctx.companyId, id);
        transition(row, 'cancel');
        // The stock stays reserved for the order lines, which still need it.
        await tx
          .update(deliveries)
          .set({ status: 'cancelled', cancelReason: reason, version: row.version + 1, updatedAt: new Date() })
          .where(and(eq(deliveries.companyId, ctx.companyId), eq(deliveries.id, id)));
        return reload(tx, ctx, id);
      }),

    notify: (ctx: Ctx, id: string, to: string[] | undefined) =>
      run.run(ctx, async (tx) => {
        const row = await lockDelivery(tx, ctx.companyId, id);
        transition(row, 'notify');
        await enqueue(tx, ctx.companyId, {
          topic: SHIPPING_NOTICE_TOPIC,
          payload: { deliveryId: id, lang: ctx.lang, to: to ?? null },
          dedupeKey: `${SHIPPING_NOTICE_TOPIC}:${id}:${uuidv7()}`,
        });
        return reload(tx, ctx, id);
      }),

    createReturn: (ctx: Ctx, id: string, input: ReturnInput, idem: Idempotency | null) =>
      run.runIdempotent(ctx, idem, 201, async (tx) => {
        const row = await lockDelivery(tx, ctx.companyId, id);
        transition(row, 'return');
        const lines = await linesOf(tx, ctx.companyId, id);
        const products = await findProductsByRefs(
          tx,
          ctx.companyId,
          lines.map((l) => ({ productId: l.productId })),
        );
        const returnId = uuidv7();
        const today = companyNow(clock()).today;
        const number = await nextDocumentNumber(tx, ctx.companyId, 'RET', Number(today.slice(0, 4)));
        await tx.insert(deliveryReturns).values({
          companyId: ctx.companyId,
          id: returnId,
          number,
          deliveryId: id,
          customerId: row.customerId,
          receivedOn: input.receivedOn ?? today,
          note: input.note,
          createdBy: ctx.userId,
        });
        const returned = new Map<string, ReturnType<typeof dec>>();
        for (const [i, x] of input.lines.entries()) {
          const l = lines.find((d) => d.id === x.deliveryLineId);
          if (!l)
            throw new DomainError('validation_failed', 422, [
              { path: `lines.${i}.deliveryLineId`, code: 'unknown_delivery_line' },
            ]);
          const already = returned.get(l.id) ?? dec(l.returnedQuantity);
          const left = dec(l.shippedQuantity ?? '0').minus(already);
          if (dec(x.quantity).gt(left))
            throw new DomainError('validation_failed', 422, [
              {
                path: `lines.${i}.quantity`,
                code: 'exceeds_returnable',
                params: { returnable: toQuantityString(left.toString()) },
              },
            ]);
          returned.set(l.id, already.plus(x.quantity));
          await tx.insert(deliveryReturnLines).values({
            companyId: ctx.companyId,
            id: uuidv7(),
            returnId,
            deliveryLineId: l.id,
            orderLineId: l.orderLineId,
            productId: l.productId,
            quantity: toQuantityString(x.quantity),
            reason: x.reason,
            condition: x.condition,
            disposition: x.disposition,
          });
          if (x.disposition === 'restock' && products.get(l.productId)?.stockTracked)
            await stock.book(tx, ctx, {
              warehouseId: row.warehouseId,
              productId: l.productId,
              kind: 'return',
              quantity: toQuantityString(x.quantity),
              reason: `${number} — ${x.reason}`,
              reference: { type: 'delivery_return', id: returnId, lineId: l.id },
              path: `lines.${i}.quantity`,
            });
        }
        for (const [lineId, total] of returned)
          await tx
            .update(deliveryLines)
            .set({ returnedQuantity: toQuantityString(total.toString()) })
            .where(and(eq(deliveryLines.companyId, ctx.companyId), eq(deliveryLines.id, lineId)));
        const [created] = await loadReturns(tx, ctx.companyId, eq(deliveryReturns.id, returnId));
        return created!;
      }),

    returns: (ctx: Ctx, f: { deliveryId?: string | undefined; customerId?: string | undefined }) =>
      run.read(async (db) => ({
        data: await loadReturns(
          db,
          ctx.companyId,
          and(
            f.deliveryId ? eq(deliveryReturns.deliveryId, f.deliveryId) : undefined,
            f.customerId ? eq(deliveryReturns.customerId, f.customerId) : undefined,
          ),
        ),
      })),

    getReturn: (ctx: Ctx, id: string) =>
      run.read(async (db) => {
        const [r] = await loadReturns(db, ctx.companyId, eq(deliveryReturns.id, id));
        if (!r) throw notFound();
        return r;
      }),

    otif: (ctx: Ctx, f: { from?: string | undefined; to?: string | undefined; customerId?: string | undefined }) =>
      run.read((db) => deliveryOtif(db, ctx.companyId, companyNow(clock()).today, f)),

    // ── carriers ──
    carriers: {
      list: (ctx: Ctx) =>
        run.read(async (db) => ({
          data: (
            await db.select().from(carriers).where(eq(carriers.companyId, ctx.companyId)).orderBy(asc(carriers.code))
          ).map(carrierDto),
        })),
      get: (ctx: Ctx, id: string) =>
        run.read(async (db) => {
          const [c] = await db
            .select()
            .from(carriers)
            .where(and(eq(carriers.companyId, ctx.companyId), eq(carriers.id, id)));
          if (!c) throw notFound();
          return carrierDto(c);
        }),
      create: (ctx: Ctx, input: CarrierInput, idem: Idempotency | null) =>
        run.runIdempotent(ctx, idem, 201, async (tx) => {
          await assertCarrierCodeFree(tx, ctx.companyId, input.code, null);
          const [c] = await tx
            .insert(carriers)
            .values({ companyId: ctx.companyId, id: uuidv7(), ...input })
            .returning();
          return carrierDto(c!);
        }),
      update: (ctx: Ctx, id: string, patch: Partial<CarrierInput>) =>
        run.run(ctx, async (tx) => {
          if (patch.code) await assertCarrierCodeFree(tx, ctx.companyId, patch.code, id);
          const [c] = await tx
            .update(carriers)
            .set({ ...patch, updatedAt: new Date() })
            .where(and(eq(carriers.companyId, ctx.companyId), eq(carriers.id, id)))
            .returning();
          if (!c) throw notFound();
          return carrierDto(c);
        }),
    },

    /** A delivery document (delivery note, picking list, labels, pro forma) as PDF. */
    document: (ctx: Ctx, id: string, kind: DeliveryDocumentKind, lang?: 'fr' | 'en') =>
      run.read((db) => renderDeliveryDocument(db, ctx, id, kind, lang, stock.locations)),
  };

  async function assertCarrierCodeFree(tx: Tx, companyId: string, code: string, exceptId: string | null) {
    const clash = await tx
      .select({ id: carriers.id })
      .from(carriers)
      .where(and(eq(carriers.companyId, companyId), eq(carriers.code, code)));
    if (clash.some((c) => c.id !== exceptId))
      throw new DomainError('duplicate_code', 409, [{ path: 'code', code: 'duplicate_code' }]);
  }
}

export type DeliveryService = ReturnType<typeof createDeliveryService>;
