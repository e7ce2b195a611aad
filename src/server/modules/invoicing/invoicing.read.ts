import { and, asc, desc, eq, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '@server/platform/db/connection';
import { containsPattern } from '@server/platform/http/pagination';
import { dec, toMoneyString, toQuantityString } from '@shared/decimal';
import { describeTerms, type PaymentTerms } from '@shared/payment-terms';
import { lifecycleStatuses, type Invoice, type InvoiceListQuery, type LifecycleEvent } from '@shared/api/invoices';
import { message, type Lang } from '@shared/messages';
import type { CustomerSnapshot, InvoiceRow } from './invoicing.document';
import {
  invoiceAllowanceCharges,
  invoiceDocuments,
  invoiceLifecycleEvents,
  invoiceLines,
  invoices,
} from './invoicing.schema';

const money = (s: string) => toMoneyString(s, 2);
const rate = (s: string) => dec(s).toFixed(2);

export function lifecycleDto(e: typeof invoiceLifecycleEvents.$inferSelect, lang: Lang): LifecycleEvent {
  const code = e.code as keyof typeof lifecycleStatuses;
  return {
    id: e.id,
    code: e.code,
    status: lifecycleStatuses[code] ?? e.code,
    label: message(`lifecycle_${e.code}`, lang),
    occurredAt: e.occurredAt ? new Date(e.occurredAt).toISOString() : '',
    note: e.note ?? null,
    source: e.source,
    createdAt: e.createdAt ? new Date(e.createdAt).toISOString() : '',
  };
}

/** Order and delivery numbers by id (one query each). */
async function numbersOf(q: Queryable, companyId: string, table: 'orders' | 'deliveries', ids: string[]) {
  if (!ids.length) return new Map<string, string>();
  const t = table === 'orders' ? sql`orders` : sql`deliveries`;
  const found = (await q.execute(
    sql`select id, number from ${t} where company_id = ${companyId} and id in (${sql.join(
      ids.map((x) => sql`${x}`),
      sql`, `,
    )})`,
  )) as unknown as { rows: { id: string; number: string }[] };
  return new Map(found.rows.map((r) => [r.id, r.number]));
}

export async function loadInvoices(q: Queryable, companyId: string, ids: string[], lang: Lang): Promise<Invoice[]> {
  if (!ids.length) return [];
  const [heads, lines, acs, docs, credits] = [
    await q
      .select()
      .from(invoices)
      .where(and(eq(invoices.companyId, companyId), inArray(invoices.id, ids))),
    await q
      .select()
      .from(invoiceLines)
      .where(and(eq(invoiceLines.companyId, companyId), inArray(invoiceLines.invoiceId, ids)))
      .orderBy(asc(invoiceLines.invoiceId), asc(invoiceLines.position)),
    await q
      .select()
      .from(invoiceAllowanceCharges)
      .where(and(eq(invoiceAllowanceCharges.companyId, companyId), inArray(invoiceAllowanceCharges.invoiceId, ids)))
      .orderBy(asc(invoiceAllowanceCharges.position)),
    await q
      .select({
        invoiceId: invoiceDocuments.invoiceId,
        format: invoiceDocuments.format,
        fileName: invoiceDocuments.fileName,
        sha256: invoiceDocuments.sha256,
        size: invoiceDocuments.size,
        createdAt: invoiceDocuments.createdAt,
      })
      .from(invoiceDocuments)
      .where(and(eq(invoiceDocuments.companyId, companyId), inArray(invoiceDocuments.invoiceId, ids))),
    await q
      .select({
        id: invoices.id,
        number: invoices.number,
        gross: invoices.gross,
        preceding: invoices.precedingInvoiceId,
      })
      .from(invoices)
      .where(
        and(
          eq(invoices.companyId, companyId),
          inArray(invoices.precedingInvoiceId, ids),
          eq(invoices.status, 'issued'),
        ),
      ),
  ];
  const precedingIds = heads.map((h) => h.precedingInvoiceId).filter((x): x is string => !!x);
  const preceding = precedingIds.length
    ? await q
        .select({ id: invoices.id, number: invoices.number })
        .from(invoices)
        .where(and(eq(invoices.companyId, companyId), inArray(invoices.id, precedingIds)))
    : [];
  const orderIds = [...new Set(heads.flatMap((h) => h.orderIds as string[]))];
  const deliveryIds = [...new Set(heads.flatMap((h) => h.deliveryIds as string[]))];
  const orderNos = await numbersOf(q, companyId, 'orders', orderIds);
  const deliveryNos = await numbersOf(q, companyId, 'deliveries', deliveryIds);
  const byId = new Map(heads.map((h) => [h.id, h]));
  return ids
    .map((id) => byId.get(id))
    .filter((h): h is InvoiceRow => !!h)
    .map((h) => {
      const customer = h.customer as CustomerSnapshot;
      const delivery = h.deliveryAddress as { address?: Invoice['billingAddress'] } | null;
      return {
        id: h.id,
        number: h.number,
        type: h.type as Invoice['type'],
        purpose: h.purpose as Invoice['purpose'],
        status: h.status as Invoice['status'],
        issueDate: h.issueDate,
        dueDate: h.dueDate,
        customerId: h.customerId,
        customerCode: customer.code,
        customerName: customer.name,
        billingAddress: customer.billingAddress
          ? { ...customer.billingAddress, line2: customer.billingAddress.line2 ?? null }
          : null,
        deliveryAddress: delivery?.address ? { ...delivery.address, line2: delivery.address.line2 ?? null } : null,
        customerReference: h.customerReference,
        orderIds: h.orderIds as string[],
        orderNumbers: (h.orderIds as string[]).map((x) => orderNos.get(x) ?? ''),
        deliveryIds: h.deliveryIds as string[],
        deliveryNumbers: (h.deliveryIds as string[]).map((x) => deliveryNos.get(x) ?? ''),
        currency: h.currency,
        exchangeRate: h.exchangeRate ? dec(h.exchangeRate).toFixed() : null,
        vatTotalEur: h.vatTotalEur ? money(h.vatTotalEur) : null,
        vatRegime: h.vatRegime as Invoice['vatRegime'],
        operationCategory: h.operationCategory as Invoice['operationCategory'],
        paymentTerms: h.paymentTerms as Invoice['paymentTerms'],
        paymentTermsLabel: describeTerms(h.paymentTerms as PaymentTerms, lang),
        deliveryDate: h.deliveryDate,
        periodStart: h.periodStart,
        periodEnd: h.periodEnd,
        lines: lines
          .filter((l) => l.invoiceId === h.id)
          .map((l) => ({
            id: l.id,
            position: l.position,
            productId: l.productId,
            sku: l.sku,
            name: l.name,
            customerProductCode: l.customerProductCode,
            quantity: toQuantityString(l.quantity),
            unit: l.unit,
            unitPrice: dec(l.unitPrice).toFixed(dec(l.unitPrice).decimalPlaces() > 2 ? 4 : 2),
            discountPercent: l.discountPercent ? dec(l.discountPercent).toFixed(2) : null,
            netAmount: money(l.netAmount),
            vatCategory: l.vatCategory,
            vatRate: rate(l.vatRate),
            orderId: l.orderId,
            orderNumber: l.orderId ? (orderNos.get(l.orderId) ?? null) : null,
            orderLineId: l.orderLineId,
            deliveryId: l.deliveryId,
            deliveryNumber: l.deliveryId ? (deliveryNos.get(l.deliveryId) ?? null) : null,
            deliveryLineId: l.deliveryLineId,
            downPaymentInvoiceId: l.downPaymentInvoiceId,
            creditedLineId: l.creditedLineId,
            creditedQuantity: toQuantityString(l.creditedQuantity),
          })),
        allowancesCharges: acs
          .filter((a) => a.invoiceId === h.id)
          .map((a) => ({
            kind: a.kind as 'allowance' | 'charge',
            amount: money(a.amount),
            vatCategory: a.vatCategory,
            vatRate: rate(a.vatRate),
            reason: a.reason,
            reasonCode: a.reasonCode,
          })),
        totals: {
          lineTotal: money(h.lineTotal),
          allowanceTotal: money(h.allowanceTotal),
          chargeTotal: money(h.chargeTotal),
          net: money(h.net),
          vat: money(h.vat),
          gross: money(h.gross),
        },
        vatBreakdown: h.vatBreakdown as Invoice['vatBreakdown'],
        amountDue: money(h.amountDue),
        precedingInvoiceId: h.precedingInvoiceId,
        precedingInvoiceNumber: preceding.find((p) => p.id === h.precedingInvoiceId)?.number ?? null,
        creditNotes: credits
          .filter((c) => c.preceding === h.id)
          .map((c) => ({ id: c.id, number: c.number, gross: money(c.gross) })),
        reason: h.reason,
        note: h.note,
        lifecycleStatus: h.lifecycleCode
          ? {
              code: h.lifecycleCode,
              status: lifecycleStatuses[h.lifecycleCode as keyof typeof lifecycleStatuses] ?? h.lifecycleCode,
              label: message(`lifecycle_${h.lifecycleCode}`, lang),
            }
          : null,
        documents: docs
          .filter((d) => d.invoiceId === h.id)
          .map((d) => ({
            format: d.format as Invoice['documents'][number]['format'],
            fileName: d.fileName,
            sha256: d.sha256,
            size: d.size,
            createdAt: new Date(d.createdAt!).toISOString(),
          })),
        sentAt: h.sentAt ? new Date(h.sentAt).toISOString() : null,
        runId: h.runId,
        issuedAt: h.issuedAt ? new Date(h.issuedAt).toISOString() : null,
        createdAt: new Date(h.createdAt).toISOString(),
        updatedAt: new Date(h.updatedAt).toISOString(),
      };
    });
}

export async function loadInvoice(q: Queryable, companyId: string, id: string, lang: Lang): Promise<Invoice | null> {
  const [one] = await loadInvoices(q, companyId, [id], lang);
  return one ?? null;
}

export async function listInvoices(q: Queryable, companyId: string, f: InvoiceListQuery, lang: Lang) {
  const where: (SQL | undefined)[] = [eq(invoices.companyId, companyId)];
  if (f.status)
    where.push(
      inArray(
        invoices.status,
        f.status.split(',').map((s) => s.trim()),
      ),
    );
  if (f.type) where.push(eq(invoices.type, f.type));
  if (f.customerId) where.push(eq(invoices.customerId, f.customerId));
  if (f.orderId) where.push(sql`${invoices.orderIds} ? ${f.orderId}`);
  if (f.deliveryId) where.push(sql`${invoices.deliveryIds} ? ${f.deliveryId}`);
  if (f.runId) where.push(eq(invoices.runId, f.runId));
  if (f.from) where.push(sql`${invoices.issueDate} >= ${f.from}`);
  if (f.to) where.push(sql`${invoices.issueDate} <= ${f.to}`);
  if (f.q)
    where.push(
      sql`(${invoices.number} ilike ${containsPattern(f.q)} or ${invoices.customerReference} ilike ${containsPattern(f.q)}
           or ${invoices.customer}->>'name' ilike ${containsPattern(f.q)})`,
    );
  if (f.cursor) where.push(lt(invoices.id, f.cursor));
  const found = await q
    .select({ id: invoices.id })
    .from(invoices)
    .where(and(...where))
    .orderBy(desc(invoices.id))
    .limit(f.limit + 1);
  const page = found.slice(0, f.limit);
  return {
    data: await loadInvoices(
      q,
      companyId,
      page.map((r) => r.id),
      lang,
    ),
    nextCursor: found.length > f.limit ? page[page.length - 1]!.id : null,
  };
}
