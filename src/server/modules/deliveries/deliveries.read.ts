import { and, asc, desc, eq, gte, ilike, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '@server/platform/db/connection';
import { rows } from '@server/platform/db/connection';
import { afterCursor, containsPattern, orderBy, toPage, type Sort } from '@server/platform/http/pagination';
import { findProductsByRefs } from '@server/modules/catalog';
import { customerLabels } from '@server/modules/customers';
import { ordersForFulfilment, remainingOf } from '@server/modules/orders';
import { dec, toQuantityString } from '@shared/decimal';
import { message, type Lang } from '@shared/messages';
import type {
  Carrier,
  Delivery,
  DeliveryListQuery,
  DeliveryReturn,
  DeliveryStatus,
  PlanningFinding,
} from '@shared/api/deliveries';
import { allowedDeliveryCommands } from './domain/delivery-state';
import type { PlanningFindingRaw } from './domain/planning';
import {
  carriers,
  deliveries,
  deliveryLines,
  deliveryParcels,
  deliveryReturnLines,
  deliveryReturns,
} from './deliveries.schema';

export type DeliveryRow = typeof deliveries.$inferSelect;
export type DeliveryLineRow = typeof deliveryLines.$inferSelect;
export type CarrierRow = typeof carriers.$inferSelect;
type Address = NonNullable<Delivery['shipToAddress']>;

export const carrierDto = (c: CarrierRow): Carrier => ({
  id: c.id,
  code: c.code,
  name: c.name,
  services: c.services,
  cutoffTime: c.cutoffTime,
  workingWeekdays: c.workingWeekdays,
  nonWorkingDates: c.nonWorkingDates,
  transitTimes: c.transitTimes,
  defaultTransitDays: c.defaultTransitDays,
  trackingUrlTemplate: c.trackingUrlTemplate,
  email: c.email,
  active: c.active,
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
});

/** A planning finding as a person reads it: our closing reason translated, the closure label appended. */
export function renderPlanningFinding(f: PlanningFindingRaw, lang: Lang): PlanningFinding {
  let params = f.params;
  if (f.code === 'ship_date_not_working') {
    const reason = message(`closed_${String(f.params.reason)}`, lang);
    params = { ...f.params, reason: f.params.label ? `${reason} — ${f.params.label}` : reason };
  }
  return { ...f, message: message(f.code, lang, params) };
}

export const trackingUrl = (template: string | null | undefined, tracking: string | null) =>
  template && tracking ? template.replace('{tracking}', encodeURIComponent(tracking)) : null;

/** Deliveries with their lines, parcels, orders and OTIF, in the order of `ids`. Four to six queries for any number. */
export async function loadDeliveries(q: Queryable, companyId: string, ids: string[], lang: Lang): Promise<Delivery[]> {
  if (!ids.length) return [];
  const heads = await q
    .select()
    .from(deliveries)
    .where(and(eq(deliveries.companyId, companyId), inArray(deliveries.id, ids)));
  const lines = await q
    .select()
    .from(deliveryLines)
    .where(and(eq(deliveryLines.companyId, companyId), inArray(deliveryLines.deliveryId, ids)))
    .orderBy(asc(deliveryLines.deliveryId), asc(deliveryLines.position));
  const parcels = await q
    .select()
    .from(deliveryParcels)
    .where(and(eq(deliveryParcels.companyId, companyId), inArray(deliveryParcels.deliveryId, ids)))
    .orderBy(asc(deliveryParcels.deliveryId), asc(deliveryParcels.position));
  const carrierIds = [...new Set(heads.map((h) => h.carrierId).filter((x): x is string => !!x))];
  const carrierRows = carrierIds.length
    ? await q
        .select()
        .from(carriers)
        .where(and(eq(carriers.companyId, companyId), inArray(carriers.id, carrierIds)))
    : [];
  const carrierMap = new Map(carrierRows.map((c) => [c.id, c]));
  const customers = await customerLabels(
    q,
    companyId,
    heads.map((h) => h.customerId),
  );
  const { orders: orderRows, lines: orderLines } = await ordersForFulfilment(
    q,
    companyId,
    lines.map((l) => l.orderId),
    false,
  );
  const orderMap = new Map(orderRows.map((o) => [o.id, o]));
  const orderLineMap = new Map(orderLines.map((l) => [l.id, l]));
  const products = await findProductsByRefs(
    q,
    companyId,
    [...new Set(lines.map((l) => l.productId))].map((productId) => ({ productId })),
  );

  const byId = new Map(
    heads.map((h) => {
      const own = lines.filter((l) => l.deliveryId === h.id);
      const carrier = h.carrierId ? carrierMap.get(h.carrierId) : undefined;
      const dtoLines = own.map((l) => {
        const ol = orderLineMap.get(l.orderLineId);
        const o = orderMap.get(l.orderId);
        const p = products.get(l.productId);
        return {
          id: l.id,
          position: l.position,
          orderId: l.orderId,
          orderNumber: o?.number ?? '',
          customerReference: o?.customerReference ?? null,
          orderLineId: l.orderLineId,
          productId: l.productId,
          sku: l.sku,
          description: l.description,
          customerProductCode: l.customerProductCode,
          unit: l.unit,
          orderedQuantity: toQuantityString(ol?.quantity ?? l.quantity),
          quantity: toQuantityString(l.quantity),
          pickedQuantity: l.pickedQuantity === null ? null : toQuantityString(l.pickedQuantity),
          shippedQuantity: l.shippedQuantity === null ? null : toQuantityString(l.shippedQuantity),
          shortReason: l.shortReason,
          shortAction: l.shortAction,
          remainingQuantity: ol ? toQuantityString(remainingOf(ol).toString()) : '0',
          damagedQuantity: toQuantityString(l.damagedQuantity),
          missingQuantity: toQuantityString(l.missingQuantity),
          reservationNote: l.reservationNote,
          returnedQuantity: toQuantityString(l.returnedQuantity),
          promisedDeliveryDate: ol?.promisedDeliveryDate ?? null,
          weightKg: p?.weightKg ? toQuantityString(p.weightKg) : null,
          hsCode: p?.hsCode ?? null,
          originCountry: p?.originCountry ?? null,
        };
      });
      const ownParcels = parcels.filter((p) => p.deliveryId === h.id);
      const parcelWeight = ownParcels.every((p) => p.weightKg !== null) && ownParcels.length > 0;
      const totalWeight = parcelWeight
        ? ownParcels.reduce((s, p) => s.plus(p.weightKg!), dec(0))
        : dtoLines.every((l) => l.weightKg !== null) && dtoLines.length > 0
          ? dtoLines.reduce(
              (s, l) => s.plus(dec(l.weightKg!).times(l.shippedQuantity ?? l.pickedQuantity ?? l.quantity)),
              dec(0),
            )
          : null;
      const orderIds = [...new Set(own.map((l) => l.orderId))];
      const shipTo = h.shipTo as { name: string; address: Address } | null;
      const findings = (h.findings as PlanningFindingRaw[]).map((f) => renderPlanningFinding(f, lang));
      const labels = {
        sscc: findings.some((f) => f.params.sscc === 'yes'),
        qrCode: findings.some((f) => f.params.qrCode === 'yes'),
      };
      const dto: Delivery = {
        id: h.id,
        number: h.number,
        status: h.status as DeliveryStatus,
        customerId: h.customerId,
        customerCode: customers.get(h.customerId)?.code ?? '',
        customerName: customers.get(h.customerId)?.name ?? '',
        language: h.language,
        shipToId: h.shipToId,
        shipToName: shipTo?.name ?? null,
        shipToAddress: shipTo?.address ?? null,
        warehouseId: h.warehouseId,
        plannedDate: h.plannedDate,
        plannedTime: h.plannedTime,
        shipDate: h.shipDate,
        expectedDeliveryDate: h.plannedDate,
        carrierId: h.carrierId,
        carrierName: carrier?.name ?? null,
        carrierService: h.carrierService,
        trackingNumber: h.trackingNumber,
        trackingUrl: trackingUrl(carrier?.trackingUrlTemplate, h.trackingNumber),
        incoterm: h.incoterm,
        incotermPlace: h.incotermPlace,
        notes: h.notes,
        orders: orderIds.map((id) => ({
          id,
          number: orderMap.get(id)?.number ?? '',
          customerReference: orderMap.get(id)?.customerReference ?? null,
        })),
        lines: dtoLines,
        parcels: ownParcels.map((p) => ({
          id: p.id,
          position: p.position,
          kind: p.kind as 'parcel' | 'pallet',
          weightKg: p.weightKg === null ? null : toQuantityString(p.weightKg),
          sscc: p.sscc,
          contents: p.contents,
        })),
        totalWeightKg: totalWeight === null ? null : toQuantityString(totalWeight.toString()),
        findings,
        labels,
        pickedAt: h.pickedAt?.toISOString() ?? null,
        shippedAt: h.shippedAt?.toISOString() ?? null,
        notifiedAt: h.notifiedAt?.toISOString() ?? null,
        proofOfDelivery: h.deliveredOn
          ? {
              deliveredOn: h.deliveredOn,
              signatory: h.podSignatory ?? '',
              note: h.podNote,
              withReservations: own.some((l) => dec(l.damagedQuantity).gt(0) || dec(l.missingQuantity).gt(0)),
              international: h.podInternational ?? false,
              protestDeadline: h.protestDeadline,
              followUpTaskId: h.followUpTaskId,
            }
          : null,
        cancelReason: h.cancelReason,
        otif: otifOfDelivery(h, dtoLines),
        allowedCommands: allowedDeliveryCommands(h.status as DeliveryStatus),
        version: h.version,
        createdAt: h.createdAt.toISOString(),
        updatedAt: h.updatedAt.toISOString(),
      };
      return [h.id, dto] as const;
    }),
  );
  return ids.map((id) => byId.get(id)).filter((d): d is Delivery => !!d);
}

/** Per delivery: on time when it reached the customer (POD date, else planned) by every line's promised date; in full when each line shipped what it planned and no line was short. */
function otifOfDelivery(h: DeliveryRow, lines: Delivery['lines']): Delivery['otif'] {
  if (h.status !== 'shipped' && h.status !== 'delivered') return null;
  const arrived = h.deliveredOn ?? h.plannedDate;
  const onTime = lines.every((l) => !l.promisedDeliveryDate || arrived <= l.promisedDeliveryDate);
  const inFull = lines.every(
    (l) => l.shippedQuantity !== null && dec(l.shippedQuantity).gte(l.quantity) && dec(l.missingQuantity).eq(0),
  );
  return { onTime, inFull, reference: 'promised' };
}

export async function listDeliveries(
  q: Queryable,
  companyId: string,
  f: DeliveryListQuery,
  lang: Lang,
): Promise<{ data: Delivery[]; nextCursor: string | null }> {
  const conds: (SQL | undefined)[] = [eq(deliveries.companyId, companyId)];
  if (f.status)
    conds.push(
      inArray(
        deliveries.status,
        f.status.split(',').map((s) => s.trim()),
      ),
    );
  if (f.customerId) conds.push(eq(deliveries.customerId, f.customerId));
  if (f.carrierId) conds.push(eq(deliveries.carrierId, f.carrierId));
  if (f.from) conds.push(gte(deliveries.plannedDate, f.from));
  if (f.to) conds.push(lte(deliveries.plannedDate, f.to));
  if (f.orderId)
    conds.push(
      sql`exists (select 1 from delivery_lines dl where dl.company_id = ${companyId} and dl.delivery_id = ${deliveries.id}
                  and dl.order_id = ${f.orderId})`,
    );
  if (f.q) {
    const p = containsPattern(f.q);
    conds.push(
      or(
        ilike(deliveries.number, p),
        ilike(deliveries.trackingNumber, p),
        sql`exists (select 1 from customers c where c.company_id = ${companyId} and c.id = ${deliveries.customerId}
                    and (c.name ilike ${p} or c.code ilike ${p}))`,
      ),
    );
  }
  // Newest first (ids are UUIDv7: creation order).
  const sort: Sort = { field: 'id', expr: deliveries.id, desc: true };
  conds.push(afterCursor(sort, deliveries.id, f.cursor));
  const found = await q
    .select({ id: deliveries.id })
    .from(deliveries)
    .where(and(...conds))
    .orderBy(...orderBy(sort, deliveries.id))
    .limit(f.limit + 1);
  const page = toPage(found, f.limit, (r) => r.id);
  const data = await loadDeliveries(
    q,
    companyId,
    page.rows.map((r) => r.id),
    lang,
  );
  return { data, nextCursor: page.nextCursor };
}

/** Quantities in deliveries planned or picked (not shipped yet) per order line. */
export async function plannedByLine(
  q: Queryable,
  companyId: string,
  orderLineIds: string[],
  exceptDeliveryId?: string,
) {
  if (!orderLineIds.length) return new Map<string, string>();
  const found = await rows<{ order_line_id: string; planned: string }>(
    q,
    sql`select dl.order_line_id, sum(coalesce(dl.picked_quantity, dl.quantity))::text as planned
        from delivery_lines dl join deliveries d on d.company_id = dl.company_id and d.id = dl.delivery_id
        where dl.company_id = ${companyId} and d.status in ('planned', 'picked')
          and dl.order_line_id in (${sql.join(
            [...new Set(orderLineIds)].map((id) => sql`${id}`),
            sql`, `,
          )})
          ${exceptDeliveryId ? sql`and d.id <> ${exceptDeliveryId}` : sql``}
        group by dl.order_line_id`,
  );
  return new Map(found.map((r) => [r.order_line_id, toQuantityString(r.planned)]));
}

export async function loadReturns(q: Queryable, companyId: string, where: SQL | undefined): Promise<DeliveryReturn[]> {
  const heads = await q
    .select()
    .from(deliveryReturns)
    .where(and(eq(deliveryReturns.companyId, companyId), where))
    .orderBy(desc(deliveryReturns.id))
    .limit(500);
  if (!heads.length) return [];
  const ids = heads.map((h) => h.id);
  const lines = await q
    .select()
    .from(deliveryReturnLines)
    .where(and(eq(deliveryReturnLines.companyId, companyId), inArray(deliveryReturnLines.returnId, ids)));
  const dLines = await q
    .select()
    .from(deliveryLines)
    .where(
      and(
        eq(deliveryLines.companyId, companyId),
        inArray(
          deliveryLines.id,
          lines.map((l) => l.deliveryLineId),
        ),
      ),
    );
  const dLineMap = new Map(dLines.map((l) => [l.id, l]));
  const dels = await q
    .select({ id: deliveries.id, number: deliveries.number })
    .from(deliveries)
    .where(
      and(
        eq(deliveries.companyId, companyId),
        inArray(
          deliveries.id,
          heads.map((h) => h.deliveryId),
        ),
      ),
    );
  const delMap = new Map(dels.map((d) => [d.id, d.number]));
  const customers = await customerLabels(
    q,
    companyId,
    heads.map((h) => h.customerId),
  );
  return heads.map((h) => ({
    id: h.id,
    number: h.number,
    deliveryId: h.deliveryId,
    deliveryNumber: delMap.get(h.deliveryId) ?? '',
    customerId: h.customerId,
    customerName: customers.get(h.customerId)?.name ?? '',
    receivedOn: h.receivedOn,
    note: h.note,
    lines: lines
      .filter((l) => l.returnId === h.id)
      .map((l) => ({
        id: l.id,
        deliveryLineId: l.deliveryLineId,
        orderLineId: l.orderLineId,
        productId: l.productId,
        sku: dLineMap.get(l.deliveryLineId)?.sku ?? '',
        description: dLineMap.get(l.deliveryLineId)?.description ?? '',
        quantity: toQuantityString(l.quantity),
        reason: l.reason,
        condition: l.condition as 'resellable' | 'damaged',
        disposition: l.disposition as 'restock' | 'scrap',
        creditedQuantity: toQuantityString(l.creditedQuantity),
      })),
    createdAt: h.createdAt.toISOString(),
  }));
}

/** Numbers of an order's deliveries still planned or picked (orders refuse to be cancelled under them). */
export async function openDeliveriesOf(q: Queryable, companyId: string, orderId: string): Promise<string[]> {
  const found = await rows<{ number: string }>(
    q,
    sql`select distinct d.number from deliveries d
        join delivery_lines dl on dl.company_id = d.company_id and dl.delivery_id = d.id
        where d.company_id = ${companyId} and dl.order_id = ${orderId} and d.status in ('planned', 'picked')
        order by d.number`,
  );
  return found.map((r) => r.number);
}
