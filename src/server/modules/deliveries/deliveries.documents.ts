import { and, eq, sql } from 'drizzle-orm';
import type { Queryable } from '@server/platform/db/connection';
import { rows } from '@server/platform/db/connection';
import type { Ctx, Runner } from '@server/platform/db/runner';
import { DomainError } from '@server/platform/errors';
import { queueMail } from '@server/platform/mail/mail';
import type { JobHandler } from '@server/platform/outbox/outbox';
import { findProductsByRefs } from '@server/modules/catalog';
import { findCompany } from '@server/modules/companies';
import { findCustomer } from '@server/modules/customers';
import { ordersForFulfilment } from '@server/modules/orders';
import type { Delivery } from '@shared/api/deliveries';
import {
  renderDeliveryNotePdf,
  renderParcelLabelsPdf,
  renderPickingListPdf,
  renderProformaPdf,
  type DeliveryPdfData,
} from './delivery.pdf';
import { loadDeliveries } from './deliveries.read';
import { deliveries } from './deliveries.schema';

export type DeliveryDocumentKind = 'delivery-note' | 'picking-list' | 'labels' | 'proforma';

const fileLabel: Record<DeliveryDocumentKind, string> = {
  'delivery-note': 'BL',
  'picking-list': 'PREP',
  labels: 'ETIQ',
  proforma: 'PF',
};

/** Everything the delivery documents print, read in the caller's transaction or snapshot. */
/** Where each product sits in the warehouse (the stock module's bin locations). */
export type LocationsPort = (
  q: Queryable,
  companyId: string,
  warehouseId: string,
  productIds: string[],
) => Promise<Map<string, string>>;

export async function deliveryPdfData(
  q: Queryable,
  companyId: string,
  d: Delivery,
  lang?: 'fr' | 'en',
  locations?: LocationsPort,
): Promise<DeliveryPdfData> {
  const company = await findCompany(q, companyId);
  const customer = await findCustomer(q, companyId, d.customerId);
  if (!company || !customer) throw new DomainError('not_found', 404);
  const [warehouse] = await rows<{ code: string; name: string; address: unknown }>(
    q,
    sql`select code, name, address from warehouses where company_id = ${companyId} and id = ${d.warehouseId}`,
  );
  const { orders, lines: orderLines } = await ordersForFulfilment(
    q,
    companyId,
    d.orders.map((o) => o.id),
    false,
  );
  const olMap = new Map(orderLines.map((l) => [l.id, l]));
  const products = await findProductsByRefs(
    q,
    companyId,
    d.lines.map((l) => ({ productId: l.productId })),
  );
  const bins = locations
    ? await locations(
        q,
        companyId,
        d.warehouseId,
        d.lines.map((l) => l.productId),
      )
    : new Map<string, string>();
  const rule = customer.productCodeRule as { type?: string } | null;
  return {
    lang: lang ?? (d.language === 'en' ? 'en' : 'fr'),
    company: {
      name: company.name,
      legalForm: company.legalForm,
      shareCapital: company.shareCapital,
      siren: company.siren,
      rcsCity: company.rcsCity,
      vatNumber: company.vatNumber,
      address: company.address,
      email: company.email,
      phone: company.phone,
      iban: company.iban,
      bic: company.bic,
      eori: company.eori,
    },
    customer: {
      code: customer.code,
      name: customer.name,
      siren: customer.siren,
      vatNumber: customer.vatNumber,
      eori: null,
      billingAddress: customer.billingAddress,
    },
    shipTo: d.shipToAddress ? { name: d.shipToName ?? customer.name, address: d.shipToAddress } : null,
    warehouse: {
      code: warehouse?.code ?? '',
      name: warehouse?.name ?? '',
      address: (warehouse?.address as DeliveryPdfData['warehouse']['address']) ?? null,
    },
    delivery: {
      number: d.number,
      status: d.status,
      plannedDate: d.plannedDate,
      plannedTime: d.plannedTime,
      shipDate: d.shipDate,
      shippedAt: d.shippedAt,
      carrierName: d.carrierName,
      carrierService: d.carrierService,
      trackingNumber: d.trackingNumber,
      trackingUrl: d.trackingUrl,
      incoterm: d.incoterm,
      incotermPlace: d.incotermPlace,
      notes: d.notes,
      orders: orders.map((o) => ({ number: o.number, customerReference: o.customerReference, orderDate: o.orderDate })),
    },
    lines: d.lines.map((l) => {
      const ol = olMap.get(l.orderLineId);
      return {
        position: l.position,
        orderNumber: l.orderNumber,
        customerReference: l.customerReference,
        sku: l.sku,
        customerProductCode: l.customerProductCode,
        description: l.description,
        unit: l.unit,
        gtin: products.get(l.productId)?.gtin ?? null,
        location: bins.get(l.productId) ?? null,
        orderedQuantity: l.orderedQuantity,
        quantity: l.quantity,
        pickedQuantity: l.pickedQuantity,
        shippedQuantity: l.shippedQuantity,
        remainingQuantity: l.remainingQuantity,
        shortReason: l.shortReason,
        weightKg: l.weightKg,
        hsCode: l.hsCode,
        originCountry: l.originCountry,
        unitPrice: ol?.unitPrice ?? '0',
        currency: orders.find((o) => o.id === l.orderId)?.currency ?? 'EUR',
      };
    }),
    parcels: d.parcels.map((p) => ({ position: p.position, kind: p.kind, weightKg: p.weightKg, sscc: p.sscc ?? '' })),
    labels: d.labels,
    showCustomerCodes: rule?.type !== undefined && rule.type !== 'own_sku',
  };
}

export async function renderDeliveryDocument(
  q: Queryable,
  ctx: Ctx,
  id: string,
  kind: DeliveryDocumentKind,
  lang?: 'fr' | 'en',
  locations?: LocationsPort,
): Promise<{ filename: string; pdf: Buffer }> {
  const [d] = await loadDeliveries(q, ctx.companyId, [id], ctx.lang);
  if (!d) throw new DomainError('not_found', 404);
  if (kind === 'labels' && !d.parcels.length)
    throw new DomainError('no_parcels', 409, [{ path: 'parcels', code: 'no_parcels' }]);
  const data = await deliveryPdfData(q, ctx.companyId, d, lang, locations);
  const render = {
    'delivery-note': renderDeliveryNotePdf,
    'picking-list': renderPickingListPdf,
    labels: renderParcelLabelsPdf,
    proforma: renderProformaPdf,
  }[kind];
  return { filename: `${fileLabel[kind]}-${d.number}.pdf`, pdf: await render(data) };
}

/** The shipping notice (avis d'expédition): the delivery note attached, the tracking link, in the customer's language. */
export function createShippingNoticeHandler(run: Runner): JobHandler {
  return async (job) => {
    const ctx: Ctx = {
      companyId: job.companyId,
      userId: null,
      roles: [],
      requestId: `job:${job.id}`,
      lang: job.payload.lang === 'en' ? 'en' : 'fr',
    };
    await run.run(ctx, async (tx) => {
      const [d] = await loadDeliveries(tx, ctx.companyId, [String(job.payload.deliveryId)], ctx.lang);
      if (!d || d.status === 'cancelled') return;
      const customer = await findCustomer(tx, ctx.companyId, d.customerId);
      const { orders } = await ordersForFulfilment(
        tx,
        ctx.companyId,
        d.orders.map((o) => o.id),
        false,
      );
      const given = Array.isArray(job.payload.to) ? (job.payload.to as string[]) : [];
      const to = given.length
        ? given
        : [
            ...new Set(
              [
                ...orders.map((o) => o.contactEmail),
                customer?.contacts.find((c) => c.email && c.role === 'logistics')?.email,
                customer?.contacts.find((c) => c.email)?.email,
              ].filter((e): e is string => !!e),
            ),
          ].slice(0, 1);
      if (!to.length) return;
      const lang = d.language === 'en' ? 'en' : 'fr';
      const company = await findCompany(tx, ctx.companyId);
      const { filename, pdf } = await renderDeliveryDocument(tx, ctx, d.id, 'delivery-note', lang);
      const refs = d.orders.map((o) => (o.customerReference ? `${o.number} (${o.customerReference})` : o.number));
      const eta = d.plannedDate.split('-').reverse().join('/');
      const tracking = d.trackingNumber
        ? lang === 'en'
          ? `\nCarrier: ${d.carrierName ?? '—'}, tracking number ${d.trackingNumber}${d.trackingUrl ? `: ${d.trackingUrl}` : ''}`
          : `\nTransporteur : ${d.carrierName ?? '—'}, numéro de suivi ${d.trackingNumber}${d.trackingUrl ? ` : ${d.trackingUrl}` : ''}`
        : '';
      const subject =
        lang === 'en'
          ? `Shipping notice ${d.number} — order ${refs.join(', ')} — ${company?.name}`
          : `Avis d’expédition ${d.number} — commande ${refs.join(', ')} — ${company?.name}`;
      const text =
        lang === 'en'
          ? `Hello,\n\nYour order ${refs.join(', ')} has been shipped (delivery note ${d.number}, ${d.parcels.length} parcel(s)). Expected delivery: ${eta}.${tracking}\n\nThe delivery note is attached.\n\nKind regards,\n${company?.name}`
          : `Bonjour,\n\nVotre commande ${refs.join(', ')} a été expédiée (bon de livraison ${d.number}, ${d.parcels.length} colis). Livraison prévue le ${eta}.${tracking}\n\nVous trouverez le bon de livraison en pièce jointe.\n\nCordialement,\n${company?.name}`;
      await queueMail(tx, ctx.companyId, {
        to,
        subject,
        text,
        attachments: [{ filename, contentType: 'application/pdf', contentBase64: pdf.toString('base64') }],
        related: { type: 'delivery', id: d.id },
      });
      await tx
        .update(deliveries)
        .set({ notifiedAt: new Date() })
        .where(and(eq(deliveries.companyId, ctx.companyId), eq(deliveries.id, d.id)));
    });
  };
}
