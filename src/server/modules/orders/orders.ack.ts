import { and, eq } from 'drizzle-orm';
import type { Queryable, Tx } from '@server/platform/db/connection';
import type { Ctx, Runner } from '@server/platform/db/runner';
import { DomainError } from '@server/platform/errors';
import { queueMail } from '@server/platform/mail/mail';
import type { JobHandler } from '@server/platform/outbox/outbox';
import { findCompany } from '@server/modules/companies';
import { findCustomer } from '@server/modules/customers';
import { describeTerms } from '@shared/payment-terms';
import type { Order } from '@shared/api/orders';
import { message } from '@shared/messages';
import { renderOrderAckPdf, type OrderAckPdfData } from './order.pdf';
import { loadOrders } from './orders.read';
import { orders, orderVersions } from './orders.schema';

/** Line findings that say the order differs from what the customer sent (shown under the line on the ARC). */
const DIFFERENCE_CODES = new Set(['price_differs', 'stock_short', 'requested_date_too_early', 'not_order_multiple']);

async function ackData(q: Queryable, companyId: string, order: Order, lang: 'fr' | 'en'): Promise<OrderAckPdfData> {
  const [company, customer, versions] = await Promise.all([
    findCompany(q, companyId),
    findCustomer(q, companyId, order.customerId),
    q
      .select({ version: orderVersions.version, reason: orderVersions.reason })
      .from(orderVersions)
      .where(and(eq(orderVersions.companyId, companyId), eq(orderVersions.orderId, order.id))),
  ]);
  if (!company || !customer) throw new DomainError('not_found', 404);
  const shipTo = customer.shipTos.find((s) => s.id === order.shipToId) ?? null;
  const latest = versions.sort((a, b) => b.version - a.version)[0];
  const findingsOf = (lineId: string) =>
    order.findings
      .filter((f) => f.lineId === lineId && DIFFERENCE_CODES.has(f.code))
      .map((f) => message(f.code, lang, f.params));
  return {
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
    },
    customer: {
      code: customer.code,
      name: customer.name,
      siren: customer.siren,
      vatNumber: customer.vatNumber,
      billingAddress: customer.billingAddress,
    },
    shipTo: shipTo ? { name: shipTo.name, address: shipTo.address } : null,
    order: {
      number: order.number,
      orderDate: order.orderDate,
      customerReference: order.customerReference,
      requestedDeliveryDate: order.requestedDeliveryDate,
      promisedDeliveryDate: order.promisedDeliveryDate,
      currency: order.currency,
      paymentTermsText: describeTerms(customer.paymentTerms as never, lang),
      incoterm: customer.defaultIncoterm
        ? `${customer.defaultIncoterm}${customer.incotermPlace ? ` ${customer.incotermPlace}` : ''} (Incoterms 2020)`
        : null,
      notes: order.notes,
      version: versions.length + 1,
      amendmentReason: latest?.reason ?? null,
    },
    lines: order.lines.map((l) => ({
      sku: l.sku,
      customerProductCode: l.customerProductCode,
      description: l.description,
      quantity: l.quantity,
      unit: l.unit,
      unitPrice: l.unitPrice,
      discountPercent: l.discountPercent,
      netAmount: l.netAmount,
      vatRate: l.vatRate,
      requestedDeliveryDate: l.requestedDeliveryDate ?? order.requestedDeliveryDate,
      promisedDeliveryDate: l.promisedDeliveryDate,
      backorderQuantity: l.backorderQuantity,
      differences: findingsOf(l.id),
    })),
    totals: { ...order.totals, vatBreakdown: order.vatBreakdown },
  };
}

const langOf = (order: Order): 'fr' | 'en' => (order.language === 'en' ? 'en' : 'fr');

export async function renderAck(q: Queryable, companyId: string, order: Order, lang?: 'fr' | 'en') {
  return renderOrderAckPdf(await ackData(q, companyId, order, lang ?? langOf(order)), lang ?? langOf(order));
}

/** Queues the acknowledgement e-mail (PDF attached) to the buyer, and stamps the order as acknowledged. */
export async function sendAck(
  tx: Tx,
  ctx: Ctx,
  order: Order,
  input: { to?: string[] | undefined; message?: string | null | undefined },
): Promise<boolean> {
  const to = input.to?.length ? input.to : order.contactEmail ? [order.contactEmail] : [];
  if (!to.length) return false;
  const lang = langOf(order);
  const [company, pdf, versions] = await Promise.all([
    findCompany(tx, ctx.companyId),
    renderAck(tx, ctx.companyId, order, lang),
    tx
      .select({ version: orderVersions.version })
      .from(orderVersions)
      .where(and(eq(orderVersions.companyId, ctx.companyId), eq(orderVersions.orderId, order.id))),
  ]);
  const amended = versions.length > 0;
  const ref = order.customerReference
    ? ` (${lang === 'en' ? 'your ref.' : 'votre réf.'} ${order.customerReference})`
    : '';
  const subject =
    lang === 'en'
      ? `${amended ? 'Amended order acknowledgement' : 'Order acknowledgement'} ${order.number}${ref} — ${company?.name}`
      : `${amended ? 'ARC modificatif' : 'Accusé de réception de commande'} ${order.number}${ref} — ${company?.name}`;
  const date = order.promisedDeliveryDate
    ? lang === 'en'
      ? ` Promised delivery: ${order.promisedDeliveryDate}.`
      : ` Livraison prévue le ${order.promisedDeliveryDate.split('-').reverse().join('/')}.`
    : '';
  const text =
    (input.message ? `${input.message}\n\n` : '') +
    (lang === 'en'
      ? `Thank you for your order${ref}. Please find attached our acknowledgement ${order.number}.${date}\n\nKind regards,\n${company?.name}`
      : `Nous vous remercions de votre commande${ref}. Veuillez trouver ci-joint notre accusé de réception ${order.number}.${date}\n\nCordialement,\n${company?.name}`);
  await queueMail(tx, ctx.companyId, {
    to,
    subject,
    text,
    attachments: [
      {
        filename: `ARC-${order.number}.pdf`,
        contentType: 'application/pdf',
        contentBase64: pdf.toString('base64'),
      },
    ],
    related: { type: 'order', id: order.id },
  });
  await tx
    .update(orders)
    .set({ acknowledgedAt: new Date() })
    .where(and(eq(orders.companyId, ctx.companyId), eq(orders.id, order.id)));
  return true;
}

/** The outbox job queued at confirmation and amendment: the acknowledgement of that version, once. */
export function createAckHandler(run: Runner): JobHandler {
  return async (job) => {
    const ctx: Ctx = {
      companyId: job.companyId,
      userId: null,
      roles: [],
      requestId: `job:${job.id}`,
      lang: job.payload.lang === 'en' ? 'en' : 'fr',
    };
    await run.run(ctx, async (tx) => {
      const [order] = await loadOrders(tx, ctx.companyId, [String(job.payload.orderId)], ctx.lang);
      // Cancelled since, or already amended again (the newer version's job will send): nothing to do.
      if (!order || order.status === 'cancelled' || order.version !== Number(job.payload.version)) return;
      await sendAck(tx, ctx, order, {});
    });
  };
}
