/**
 * Invoicing commands (#7): drafts from deliveries or orders (services, down payments, their deduction), issue with
 * the gapless legal number, credit notes, lifecycle statuses, exchange rates and settings. One command = one
 * transaction (the runner); documents are made and archived after commit by the `invoicing.documents` job.
 */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Queryable, Tx } from '@server/platform/db/connection';
import { rows } from '@server/platform/db/connection';
import type { Ctx, Idempotency, Runner } from '@server/platform/db/runner';
import { DomainError, notFound } from '@server/platform/errors';
import { enqueue } from '@server/platform/outbox/outbox';
import { nextNumber } from '@server/platform/numbering/numbering';
import { findProductsByRefs } from '@server/modules/catalog';
import { companyInvoiceSettings, findCompany, setCompanyInvoiceSettings } from '@server/modules/companies';
import { findCustomer } from '@server/modules/customers';
import {
  deliveriesForInvoicing,
  parisDay,
  recordDeliveryInvoiced,
  recordReturnCredited,
  returnForCredit,
  shippedOn,
} from '@server/modules/deliveries';
import { ordersForFulfilment, recordInvoiced, type FulfilmentLine, type FulfilmentOrder } from '@server/modules/orders';
import { computeTotals, type DocAllowanceCharge } from '@shared/totals';
import { currencyDecimals, dec, Decimal, roundHalfUp, toMoneyString, toQuantityString } from '@shared/decimal';
import { dueDate as computeDueDate, type PaymentTerms } from '@shared/payment-terms';
import { daysLate, latePaymentInterest, recoveryIndemnity } from '@shared/late-payment';
import {
  invoiceSettingsSchema,
  lifecycleCodes,
  type AllowanceChargeInput,
  type CreditNoteCreate,
  type InvoiceCreate,
  type InvoiceSettings,
  type LifecycleCode,
} from '@shared/api/invoices';
import { message } from '@shared/messages';
import { invoiceRegime, lineVat, natureOf, operationCategory, type LineNature } from './domain/regime';
import { mentionsFor, sellerSnapshot, type CustomerSnapshot, type InvoiceRow } from './invoicing.document';
import { listInvoices, loadInvoice, lifecycleDto } from './invoicing.read';
import {
  exchangeRates,
  invoiceAllowanceCharges,
  invoiceLifecycleEvents,
  invoiceLines,
  invoices,
} from './invoicing.schema';

export const DOCUMENTS_TOPIC = 'invoicing.documents';
type Clock = () => Date;

/** Today where the company works (Europe/Paris). */
export const companyToday = (now: Date) => parisDay(now);

export async function invoiceSettings(q: Queryable, companyId: string): Promise<InvoiceSettings> {
  const stored = await companyInvoiceSettings(q, companyId);
  return invoiceSettingsSchema.parse(stored ?? {});
}

/** One line of a draft, before totals. */
type DraftLine = {
  productId: string | null;
  sku: string;
  name: string;
  customerProductCode: string | null;
  gtin: string | null;
  quantity: string;
  unit: string;
  unitPrice: string;
  discountPercent: string | null;
  vatCategory: string;
  vatRate: string;
  nature: LineNature;
  orderId: string | null;
  orderLineId: string | null;
  deliveryId: string | null;
  deliveryLineId: string | null;
  downPaymentInvoiceId?: string | null;
  creditedLineId?: string | null;
  returnLineId?: string | null;
};

type DraftSpec = {
  type: 'invoice' | 'credit_note';
  purpose: 'standard' | 'down_payment';
  customer: CustomerSnapshot;
  customerId: string;
  currency: string;
  paymentTerms: PaymentTerms;
  deliveryAddress: { name: string | null; address: CustomerSnapshot['billingAddress'] } | null;
  customerReference: string | null;
  orderIds: string[];
  deliveryIds: string[];
  deliveryDate: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  lines: DraftLine[];
  allowancesCharges: DocAllowanceCharge[];
  vatRegime?: string;
  precedingInvoiceId?: string | null;
  returnId?: string | null;
  reinvoice?: boolean;
  reason?: string | null;
  note?: string | null;
  runId?: string | null;
};

type Customer = NonNullable<Awaited<ReturnType<typeof findCustomer>>>;

export function customerSnapshot(c: Customer): CustomerSnapshot {
  return {
    code: c.code,
    name: c.name,
    siren: c.siren,
    siret: c.siret,
    vatNumber: c.vatNumber,
    countryCode: c.countryCode,
    language: c.language,
    gln: c.gln,
    email: c.invoicing.email ?? c.contacts.find((x) => x.email)?.email ?? null,
    billingAddress: c.billingAddress,
    paymentMethod: c.paymentMethod,
    invoicingFormat: c.invoicing.format,
  };
}

const unprocessable = (path: string, code: string, params: Record<string, unknown> = {}) =>
  new DomainError('validation_failed', 422, [{ path, code, params }]);

/** Totals of the lines and allowances/charges (DOMAIN.md §3.2), in the currency's decimals. */
function totalsOf(lines: DraftLine[], acs: DocAllowanceCharge[], currency: string) {
  return computeTotals(
    lines.map((l) => ({
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      discountPercent: l.discountPercent,
      vatCategory: l.vatCategory,
      vatRate: l.vatRate,
    })),
    acs,
    Math.min(2, currencyDecimals(currency)),
  );
}

/** The VAT of a document allowance or charge: as given, else that of the largest VAT group of the lines. */
function acVat(lines: DraftLine[], ac: AllowanceChargeInput, currency: string): DocAllowanceCharge {
  let vatCategory = ac.vatCategory;
  let vatRate = ac.vatRate;
  if (!vatCategory || !vatRate) {
    const t = totalsOf(lines, [], currency);
    const main = [...t.vatBreakdown].sort((a, b) => dec(b.taxableAmount).comparedTo(a.taxableAmount))[0];
    vatCategory = vatCategory ?? main?.vatCategory ?? 'S';
    vatRate = vatRate ?? main?.vatRate ?? '20.00';
  }
  return { kind: ac.kind, amount: ac.amount, vatCategory, vatRate, reason: ac.reason };
}

/** Inserts a draft (or a credit note about to be issued) with its lines, allowances/charges and totals. */
async function insertDraft(tx: Tx, ctx: Ctx, spec: DraftSpec): Promise<string> {
  if (!spec.lines.length) throw new DomainError('nothing_to_invoice', 409);
  const totals = totalsOf(spec.lines, spec.allowancesCharges, spec.currency);
  if (dec(totals.net).lt(0))
    throw new DomainError('invoice_negative', 409, [{ path: 'lines', code: 'invoice_negative' }]);
  const id = uuidv7();
  await tx.insert(invoices).values({
    companyId: ctx.companyId,
    id,
    type: spec.type,
    purpose: spec.purpose,
    status: 'draft',
    customerId: spec.customerId,
    customer: spec.customer,
    deliveryAddress: spec.deliveryAddress,
    customerReference: spec.customerReference,
    orderIds: spec.orderIds,
    deliveryIds: spec.deliveryIds,
    currency: spec.currency,
    vatRegime: spec.vatRegime ?? invoiceRegime(spec.lines.map((l) => l.vatCategory)),
    operationCategory: operationCategory(spec.lines.map((l) => l.nature)),
    paymentTerms: spec.paymentTerms,
    deliveryDate: spec.deliveryDate,
    periodStart: spec.periodStart,
    periodEnd: spec.periodEnd,
    lineTotal: totals.lineTotal,
    allowanceTotal: totals.allowanceTotal,
    chargeTotal: totals.chargeTotal,
    net: totals.net,
    vat: totals.vat,
    gross: totals.gross,
    vatBreakdown: totals.vatBreakdown,
    amountDue: totals.gross,
    precedingInvoiceId: spec.precedingInvoiceId ?? null,
    returnId: spec.returnId ?? null,
    reinvoice: spec.reinvoice ?? false,
    reason: spec.reason ?? null,
    note: spec.note ?? null,
    runId: spec.runId ?? null,
    createdBy: ctx.userId,
  });
  await tx.insert(invoiceLines).values(
    spec.lines.map((l, i) => ({
      companyId: ctx.companyId,
      id: uuidv7(),
      invoiceId: id,
      position: i + 1,
      productId: l.productId,
      sku: l.sku,
      name: l.name,
      customerProductCode: l.customerProductCode,
      gtin: l.gtin,
      quantity: l.quantity,
      unit: l.unit,
      unitPrice: l.unitPrice,
      discountPercent: l.discountPercent && !dec(l.discountPercent).isZero() ? l.discountPercent : null,
      netAmount: totals.lines[i]!.netAmount,
      vatCategory: l.vatCategory,
      vatRate: l.vatRate,
      nature: l.nature,
      orderId: l.orderId,
      orderLineId: l.orderLineId,
      deliveryId: l.deliveryId,
      deliveryLineId: l.deliveryLineId,
      downPaymentInvoiceId: l.downPaymentInvoiceId ?? null,
      creditedLineId: l.creditedLineId ?? null,
      returnLineId: l.returnLineId ?? null,
    })),
  );
  if (spec.allowancesCharges.length)
    await tx.insert(invoiceAllowanceCharges).values(
      spec.allowancesCharges.map((a, i) => ({
        companyId: ctx.companyId,
        id: uuidv7(),
        invoiceId: id,
        position: i + 1,
        kind: a.kind,
        amount: toMoneyString(a.amount, 2),
        vatCategory: a.vatCategory,
        vatRate: a.vatRate,
        reason: a.reason,
        reasonCode: null,
      })),
    );
  return id;
}

async function lockInvoice(tx: Tx, companyId: string, id: string): Promise<InvoiceRow> {
  const [inv] = await tx
    .select()
    .from(invoices)
    .where(and(eq(invoices.companyId, companyId), eq(invoices.id, id)))
    .for('update');
  if (!inv) throw notFound();
  return inv;
}

async function customerOrFail(q: Queryable, companyId: string, id: string): Promise<Customer> {
  const c = await findCustomer(q, companyId, id);
  if (!c) throw notFound();
  return c;
}

/** Quantities of order lines sitting in other drafts (not yet invoiced on the order, but taken). */
async function pendingInDrafts(q: Queryable, companyId: string, orderLineIds: string[]): Promise<Map<string, string>> {
  if (!orderLineIds.length) return new Map();
  const found = await rows<{ order_line_id: string; q: string }>(
    q,
    sql`select l.order_line_id, sum(l.quantity)::text as q from invoice_lines l
        join invoices i on i.company_id = l.company_id and i.id = l.invoice_id
        where l.company_id = ${companyId} and i.status = 'draft' and i.type = 'invoice' and i.purpose = 'standard'
          and l.order_line_id in (${sql.join(
            orderLineIds.map((x) => sql`${x}`),
            sql`, `,
          )})
        group by l.order_line_id`,
  );
  return new Map(found.map((r) => [r.order_line_id, r.q]));
}

/** Issued down payments of these orders not yet deducted by another (draft or issued) invoice. */
async function downPaymentsToDeduct(q: Queryable, companyId: string, orderIds: string[]) {
  if (!orderIds.length) return [];
  const dps = await q
    .select()
    .from(invoices)
    .where(
      and(
        eq(invoices.companyId, companyId),
        eq(invoices.purpose, 'down_payment'),
        eq(invoices.status, 'issued'),
        sql`${invoices.orderIds} ?| array[${sql.join(
          orderIds.map((x) => sql`${x}`),
          sql`, `,
        )}]::text[]`,
        sql`not exists (select 1 from invoice_lines dl join invoices di on di.company_id = dl.company_id and di.id = dl.invoice_id
                        where dl.company_id = ${invoices.companyId} and dl.down_payment_invoice_id = ${invoices.id}
                          and di.status in ('draft', 'issued') and di.type = 'invoice')`,
        sql`not exists (select 1 from invoices cn where cn.company_id = ${invoices.companyId}
                        and cn.preceding_invoice_id = ${invoices.id} and cn.status = 'issued')`,
      ),
    )
    .orderBy(asc(invoices.issueDate));
  if (!dps.length) return [];
  const lines = await q
    .select()
    .from(invoiceLines)
    .where(
      and(
        eq(invoiceLines.companyId, companyId),
        inArray(
          invoiceLines.invoiceId,
          dps.map((d) => d.id),
        ),
      ),
    )
    .orderBy(asc(invoiceLines.position));
  return dps.map((d) => ({ invoice: d, lines: lines.filter((l) => l.invoiceId === d.id) }));
}

/** A negative line per line of each down payment deducted (same VAT), so the final invoice nets it out. */
function deductionLines(dps: Awaited<ReturnType<typeof downPaymentsToDeduct>>, lang: 'fr' | 'en'): DraftLine[] {
  return dps.flatMap(({ invoice, lines }) =>
    lines.map((l) => ({
      productId: null,
      sku: 'ACOMPTE',
      name:
        lang === 'fr'
          ? `Déduction acompte ${invoice.number} du ${fr(invoice.issueDate!)}`
          : `Down payment ${invoice.number} of ${invoice.issueDate} deducted`,
      customerProductCode: null,
      gtin: null,
      quantity: '-1',
      unit: 'C62',
      unitPrice: dec(l.netAmount).toFixed(2),
      discountPercent: null,
      vatCategory: l.vatCategory,
      vatRate: dec(l.vatRate).toFixed(2),
      nature: l.nature as LineNature,
      orderId: l.orderId,
      orderLineId: null,
      deliveryId: null,
      deliveryLineId: null,
      downPaymentInvoiceId: invoice.id,
    })),
  );
}

const fr = (iso: string) => iso.split('-').reverse().join('/');

function orderLineAsDraft(
  o: FulfilmentOrder,
  l: FulfilmentLine,
  quantity: string,
  product: { gtin: string | null; stockTracked: boolean; vatCategory: string; vatRate: string } | undefined,
  regimeFacts: Parameters<typeof lineVat>[0],
  extra: { deliveryId: string | null; deliveryLineId: string | null },
): DraftLine {
  const nature = natureOf({ stockTracked: product?.stockTracked ?? true });
  const vat = lineVat(regimeFacts, nature, { vatCategory: l.vatCategory, vatRate: l.vatRate });
  return {
    productId: l.productId,
    sku: l.sku,
    name: l.description,
    customerProductCode: l.customerProductCode,
    gtin: product?.gtin ?? null,
    quantity,
    unit: l.unit,
    unitPrice: l.unitPrice,
    discountPercent: l.discountPercent,
    vatCategory: vat.vatCategory,
    vatRate: dec(vat.vatRate).toFixed(2),
    nature,
    orderId: o.id,
    orderLineId: l.id,
    ...extra,
  };
}

export function createInvoicingService(deps: {
  run: Runner;
  clock?: Clock;
  /** Test seam: called inside the issue transaction once the number is taken (the crash test kills the process there). */
  hooks?: { afterNumber?: () => void };
}) {
  const { run } = deps;
  const clock = deps.clock ?? (() => new Date());
  const today = () => companyToday(clock());

  async function regimeFactsOf(q: Queryable, companyId: string, customer: Customer) {
    const company = await findCompany(q, companyId);
    if (!company) throw notFound();
    return {
      company,
      facts: {
        sellerCountry: company.address.countryCode,
        customerCountry: customer.countryCode,
        customerVatNumber: customer.vatNumber,
      },
    };
  }

  /** Draft from shipped deliveries of one customer (one invoice; a periodic one when several). */
  async function draftFromDeliveries(
    tx: Tx,
    ctx: Ctx,
    deliveryIds: string[],
    opts: { allowancesCharges?: AllowanceChargeInput[]; note?: string | null; runId?: string | null; deduct?: boolean },
  ): Promise<string> {
    const found = await deliveriesForInvoicing(tx, ctx.companyId, deliveryIds, true);
    if (found.length !== new Set(deliveryIds).size) throw notFound();
    const customerIds = new Set(found.map((d) => d.customerId));
    if (customerIds.size > 1) throw unprocessable('deliveryIds', 'several_customers');
    for (const d of found)
      if (d.status !== 'shipped' && d.status !== 'delivered')
        throw new DomainError('delivery_not_shipped', 409, [
          { path: 'deliveryIds', code: 'delivery_not_shipped', params: { number: d.number } },
        ]);
    const customer = await customerOrFail(tx, ctx.companyId, found[0]!.customerId);
    const { facts } = await regimeFactsOf(tx, ctx.companyId, customer);
    const orderIds = [...new Set(found.flatMap((d) => d.lines.map((l) => l.orderId)))];
    const { orders: ords, lines: olines } = await ordersForFulfilment(tx, ctx.companyId, orderIds, true);
    const currencies = new Set(ords.map((o) => o.currency));
    if (currencies.size > 1) throw unprocessable('deliveryIds', 'several_currencies');
    const products = await findProductsByRefs(
      tx,
      ctx.companyId,
      olines.map((l) => ({ productId: l.productId })),
    );
    const lines: DraftLine[] = [];
    const invoiced: { lineId: string; quantity: string }[] = [];
    for (const d of found)
      for (const dl of d.lines) {
        const left = dec(dl.shippedQuantity ?? '0').minus(dl.invoicedQuantity);
        if (left.lte(0)) continue;
        const ol = olines.find((l) => l.id === dl.orderLineId);
        const o = ords.find((x) => x.id === dl.orderId);
        if (!ol || !o) continue;
        const qty = toQuantityString(left);
        lines.push(
          orderLineAsDraft(o, ol, qty, products.get(ol.productId), facts, { deliveryId: d.id, deliveryLineId: dl.id }),
        );
        invoiced.push({ lineId: dl.id, quantity: qty });
      }
    if (!lines.length)
      throw new DomainError('nothing_to_invoice', 409, [{ path: 'deliveryIds', code: 'nothing_to_invoice' }]);
    const dps = opts.deduct === false ? [] : await downPaymentsToDeduct(tx, ctx.companyId, orderIds);
    lines.push(...deductionLines(dps, customer.language === 'fr' ? 'fr' : 'en'));
    await recordDeliveryInvoiced(tx, ctx.companyId, invoiced);
    const days = found.map((d) => shippedOn(d)).sort();
    const shipTos = new Set(found.map((d) => JSON.stringify(d.shipTo ?? null)));
    const shipTo =
      shipTos.size === 1
        ? (found[0]!.shipTo as { name?: string; address?: CustomerSnapshot['billingAddress'] } | null)
        : null;
    const refs = [...new Set(ords.map((o) => o.customerReference).filter((x): x is string => !!x))];
    const currency = ords[0]?.currency ?? customer.currency;
    return insertDraft(tx, ctx, {
      type: 'invoice',
      purpose: 'standard',
      customer: customerSnapshot(customer),
      customerId: customer.id,
      currency,
      paymentTerms: customer.paymentTerms as PaymentTerms,
      deliveryAddress: shipTo?.address ? { name: shipTo.name ?? null, address: shipTo.address } : null,
      customerReference: refs.join(', ') || null,
      orderIds,
      deliveryIds: found.map((d) => d.id),
      deliveryDate: days[days.length - 1] ?? null,
      periodStart: found.length > 1 ? days[0]! : null,
      periodEnd: found.length > 1 ? days[days.length - 1]! : null,
      lines,
      allowancesCharges: (opts.allowancesCharges ?? []).map((a) => acVat(lines, a, currency)),
      note: opts.note ?? null,
      runId: opts.runId ?? null,
    });
  }

  /** Draft from an order: chosen lines and quantities (services, milestones), or a down payment. */
  async function draftFromOrder(tx: Tx, ctx: Ctx, body: InvoiceCreate): Promise<string> {
    const { orders: ords, lines: olines } = await ordersForFulfilment(tx, ctx.companyId, [body.orderId!], true);
    const o = ords[0];
    if (!o) throw notFound();
    if (['draft', 'to_validate', 'cancelled', 'on_hold'].includes(o.status))
      throw new DomainError('order_not_invoiceable', 409, [
        { path: 'orderId', code: 'order_not_invoiceable', params: { status: o.status } },
      ]);
    const customer = await customerOrFail(tx, ctx.companyId, o.customerId);
    const { facts } = await regimeFactsOf(tx, ctx.companyId, customer);
    const products = await findProductsByRefs(
      tx,
      ctx.companyId,
      olines.map((l) => ({ productId: l.productId })),
    );
    const lang = customer.language === 'fr' ? 'fr' : 'en';
    const base = {
      type: 'invoice' as const,
      customer: customerSnapshot(customer),
      customerId: customer.id,
      currency: o.currency,
      paymentTerms: customer.paymentTerms as PaymentTerms,
      deliveryAddress: null,
      customerReference: o.customerReference,
      orderIds: [o.id],
      deliveryIds: [],
      deliveryDate: null,
      periodStart: null,
      periodEnd: null,
      note: body.note ?? null,
    };

    if (body.downPayment) {
      const all = olines.map((l) =>
        orderLineAsDraft(o, l, l.quantity, products.get(l.productId), facts, {
          deliveryId: null,
          deliveryLineId: null,
        }),
      );
      const t = totalsOf(all, [], o.currency);
      const groups = t.vatBreakdown.filter((g) => dec(g.taxableAmount).gt(0));
      if (!groups.length) throw new DomainError('nothing_to_invoice', 409);
      const label = (pct: string | null) =>
        lang === 'fr'
          ? `Acompte${pct ? ` de ${pct.replace('.', ',')} %` : ''} sur commande ${o.number}${o.customerReference ? ` (réf. ${o.customerReference})` : ''}`
          : `Down payment${pct ? ` of ${pct} %` : ''} on order ${o.number}${o.customerReference ? ` (ref. ${o.customerReference})` : ''}`;
      const natureOfGroup = (cat: string, rate: string): LineNature =>
        all.find((l) => l.vatCategory === cat && dec(l.vatRate).eq(rate))?.nature ?? 'goods';
      const dpLine = (amount: string, cat: string, rate: string, pct: string | null): DraftLine => ({
        productId: null,
        sku: 'ACOMPTE',
        name: label(pct),
        customerProductCode: null,
        gtin: null,
        quantity: '1',
        unit: 'C62',
        unitPrice: amount,
        discountPercent: null,
        vatCategory: cat,
        vatRate: rate,
        nature: natureOfGroup(cat, rate),
        orderId: o.id,
        orderLineId: null,
        deliveryId: null,
        deliveryLineId: null,
      });
      let lines: DraftLine[];
      if (body.downPayment.percent) {
        const pct = dec(body.downPayment.percent);
        if (pct.lte(0) || pct.gt(100)) throw unprocessable('downPayment.percent', 'out_of_range');
        lines = groups.map((g) =>
          dpLine(
            toMoneyString(roundHalfUp(dec(g.taxableAmount).times(pct).div(100), 2), 2),
            g.vatCategory,
            g.vatRate,
            pct.toFixed(2),
          ),
        );
      } else {
        const amount = dec(body.downPayment.amount!);
        if (amount.gt(t.net)) throw unprocessable('downPayment.amount', 'exceeds_order');
        const main = [...groups].sort((a, b) => dec(b.taxableAmount).comparedTo(a.taxableAmount))[0]!;
        lines = [dpLine(toMoneyString(amount, 2), main.vatCategory, main.vatRate, null)];
      }
      return insertDraft(tx, ctx, { ...base, purpose: 'down_payment', lines, allowancesCharges: [] });
    }

    const pending = await pendingInDrafts(
      tx,
      ctx.companyId,
      olines.map((l) => l.id),
    );
    const wanted = body.lines ?? null;
    const lines: DraftLine[] = [];
    for (const l of olines) {
      const want = wanted ? wanted.find((w) => w.orderLineId === l.id) : null;
      if (wanted && !want) continue;
      const product = products.get(l.productId);
      const nature = natureOf({ stockTracked: product?.stockTracked ?? true });
      // Goods are invoiced once they left (deliveries); services whenever the order says.
      const ceiling = nature === 'goods' ? dec(l.deliveredQuantity) : dec(l.quantity).minus(l.cancelledQuantity);
      const open = ceiling.minus(l.invoicedQuantity).minus(pending.get(l.id) ?? '0');
      const qty = want ? dec(want.quantity) : open;
      if (want && qty.gt(open))
        throw unprocessable(`lines.${wanted!.indexOf(want)}.quantity`, 'exceeds_invoiceable', {
          invoiceable: toQuantityString(open.lt(0) ? 0 : open),
        });
      if (qty.lte(0)) continue;
      lines.push(
        orderLineAsDraft(o, l, toQuantityString(qty), product, facts, { deliveryId: null, deliveryLineId: null }),
      );
    }
    if (wanted)
      for (const [i, w] of wanted.entries())
        if (!olines.some((l) => l.id === w.orderLineId)) throw unprocessable(`lines.${i}.orderLineId`, 'not_found');
    if (!lines.length)
      throw new DomainError('nothing_to_invoice', 409, [{ path: 'orderId', code: 'nothing_to_invoice' }]);
    if (body.deductDownPayments !== false)
      lines.push(...deductionLines(await downPaymentsToDeduct(tx, ctx.companyId, [o.id]), lang));
    return insertDraft(tx, ctx, {
      ...base,
      purpose: 'standard',
      lines,
      allowancesCharges: body.allowancesCharges.map((a) => acVat(lines, a, o.currency)),
    });
  }

  /**
   * A draft invoicing the late-payment interest (amount left to pay × days late × company rate / 365) and the fixed
   * recovery indemnity of an issued invoice, as of a date. Both are outside the VAT scope: category E with the reason.
   */
  async function draftLatePenalties(tx: Tx, ctx: Ctx, invoiceId: string, asOf: string): Promise<string> {
    const [inv] = await tx
      .select()
      .from(invoices)
      .where(and(eq(invoices.companyId, ctx.companyId), eq(invoices.id, invoiceId)));
    if (!inv || inv.type !== 'invoice' || inv.status !== 'issued')
      throw unprocessable('latePenalties.invoiceId', 'not_found');
    if (!inv.dueDate || asOf <= inv.dueDate)
      throw new DomainError('not_overdue', 409, [{ path: 'latePenalties.asOf', code: 'not_overdue' }]);
    const settings = await invoiceSettings(tx, ctx.companyId);
    const customer = await customerOrFail(tx, ctx.companyId, inv.customerId);
    const lang = customer.language === 'fr' ? 'fr' : 'en';
    const days = daysLate(inv.dueDate, asOf);
    const interest = latePaymentInterest({
      amount: dec(inv.amountDue).gt(0) ? inv.amountDue : inv.gross,
      dueDate: inv.dueDate,
      paidDate: asOf,
      annualRatePercent: settings.latePenaltyRate,
    });
    const line = (sku: string, name: string, amount: string): DraftLine => ({
      productId: null,
      sku,
      name,
      customerProductCode: null,
      gtin: null,
      quantity: '1',
      unit: 'C62',
      unitPrice: amount,
      discountPercent: null,
      vatCategory: 'E',
      vatRate: '0.00',
      nature: 'services',
      orderId: null,
      orderLineId: null,
      deliveryId: null,
      deliveryLineId: null,
    });
    const lines = [
      line(
        'PENALITES',
        lang === 'fr'
          ? `Pénalités de retard sur facture ${inv.number} : ${days} jours au taux annuel de ${settings.latePenaltyRate.replace('.', ',')} %`
          : `Late-payment interest on invoice ${inv.number}: ${days} days at ${settings.latePenaltyRate} % a year`,
        interest,
      ),
      line(
        'INDEMNITE40',
        lang === 'fr'
          ? `Indemnité forfaitaire pour frais de recouvrement, facture ${inv.number} (art. L441-10 C. com.)`
          : `Fixed recovery indemnity, invoice ${inv.number} (French Commercial Code L441-10)`,
        recoveryIndemnity({ amountEur: settings.recoveryIndemnity }),
      ),
    ].filter((l) => dec(l.unitPrice).gt(0));
    return insertDraft(tx, ctx, {
      type: 'invoice',
      purpose: 'standard',
      customer: customerSnapshot(customer),
      customerId: customer.id,
      currency: inv.currency,
      paymentTerms: inv.paymentTerms as PaymentTerms,
      deliveryAddress: null,
      customerReference: inv.customerReference,
      orderIds: [],
      deliveryIds: [],
      deliveryDate: null,
      periodStart: null,
      periodEnd: null,
      lines,
      allowancesCharges: [],
      vatRegime: inv.vatRegime,
      precedingInvoiceId: null,
      note:
        lang === 'fr'
          ? `Facture ${inv.number} échue le ${fr(inv.dueDate)}.`
          : `Invoice ${inv.number} due on ${inv.dueDate}.`,
    });
  }

  /** The rate (EUR per unit) in force on `date`: the latest one on or before it. */
  async function rateOn(q: Queryable, companyId: string, currency: string, date: string): Promise<string | null> {
    const [r] = await q
      .select({ rate: exchangeRates.rate })
      .from(exchangeRates)
      .where(
        and(
          eq(exchangeRates.companyId, companyId),
          eq(exchangeRates.currency, currency),
          sql`${exchangeRates.rateDate} <= ${date}`,
        ),
      )
      .orderBy(desc(exchangeRates.rateDate))
      .limit(1);
    return r?.rate ?? null;
  }

  /**
   * Issues a draft: number from the (company, series) counter — taken last, the row stays locked until commit, a
   * rollback (or a crash) hands it back: no gap, no duplicate — chronological issue date, due date, legal mentions
   * and seller frozen, order lines invoiced, documents queued.
   */
  async function issueIn(
    tx: Tx,
    ctx: Ctx,
    id: string,
    input: { issueDate?: string | undefined; send?: boolean; queueDocuments?: boolean },
  ) {
    const inv = await lockInvoice(tx, ctx.companyId, id);
    if (inv.status !== 'draft')
      throw new DomainError('invalid_transition', 409, [
        { path: 'status', code: 'invoice_not_draft', params: { status: inv.status } },
      ]);
    const now = today();
    const issueDate = input.issueDate ?? now;
    if (issueDate > now) throw unprocessable('issueDate', 'issue_date_in_future');
    const customer = inv.customer as CustomerSnapshot;
    if (customer.countryCode === 'FR' && !customer.siren)
      throw new DomainError('buyer_siren_missing', 422, [{ path: 'customer.siren', code: 'buyer_siren_missing' }]);
    const company = await findCompany(tx, ctx.companyId);
    if (!company) throw notFound();
    const settings = await invoiceSettings(tx, ctx.companyId);

    let exchangeRate: string | null = null;
    let vatTotalEur: string | null = null;
    if (inv.currency !== 'EUR') {
      exchangeRate = await rateOn(tx, ctx.companyId, inv.currency, issueDate);
      if (!exchangeRate)
        throw new DomainError('exchange_rate_missing', 409, [
          { path: 'currency', code: 'exchange_rate_missing', params: { currency: inv.currency, date: issueDate } },
        ]);
      vatTotalEur = toMoneyString(roundHalfUp(dec(inv.vat).times(exchangeRate), 2), 2);
    }
    const due = inv.type === 'credit_note' ? null : computeDueDate(issueDate, inv.paymentTerms as PaymentTerms);

    // Everything that can fail is checked: now the number (the counter row is locked from here to commit).
    const prefix = inv.type === 'credit_note' ? settings.creditNotePrefix : settings.invoicePrefix;
    const series = `${prefix}-${issueDate.slice(0, 4)}`;
    const n = await nextNumber(tx, ctx.companyId, series);
    const [last] = await rows<{ d: string | null }>(
      tx,
      sql`select max(issue_date)::text as d from invoices where company_id = ${ctx.companyId} and series = ${series} and status = 'issued'`,
    );
    if (last?.d && last.d > issueDate)
      throw new DomainError('issue_date_before_last', 409, [
        { path: 'issueDate', code: 'issue_date_before_last', params: { last: last.d } },
      ]);
    const number = `${series}-${String(n).padStart(5, '0')}`;

    const { facts } = await documentFactsIn(tx, ctx.companyId, inv, settings, company);
    const frozen = mentionsFor({ ...facts, invoice: { ...inv, number, issueDate } }, due);
    await tx
      .update(invoices)
      .set({
        status: 'issued',
        series,
        number,
        issueDate,
        dueDate: due,
        seller: sellerSnapshot(company),
        exchangeRate,
        vatTotalEur,
        notes: frozen.notes,
        paymentTermsText: frozen.paymentTermsText,
        issuedAt: clock(),
        issuedBy: ctx.userId,
        updatedAt: clock(),
        version: inv.version + 1,
      })
      .where(and(eq(invoices.companyId, ctx.companyId), eq(invoices.id, id)));

    deps.hooks?.afterNumber?.();

    // The order lines are invoiced now (a draft only held the delivery lines).
    if (inv.type === 'invoice' && inv.purpose === 'standard') {
      const ls = await tx
        .select({ orderLineId: invoiceLines.orderLineId, quantity: invoiceLines.quantity })
        .from(invoiceLines)
        .where(and(eq(invoiceLines.companyId, ctx.companyId), eq(invoiceLines.invoiceId, id)));
      await recordInvoiced(
        tx,
        ctx,
        ls.filter((l) => l.orderLineId).map((l) => ({ lineId: l.orderLineId!, quantity: l.quantity })),
      );
    }
    if (input.queueDocuments !== false)
      await enqueue(tx, ctx.companyId, {
        topic: DOCUMENTS_TOPIC,
        payload: { invoiceId: id, send: !!input.send },
        dedupeKey: `invoice.documents:${id}`,
      });
    return number;
  }

  async function documentFactsIn(
    q: Queryable,
    companyId: string,
    inv: InvoiceRow,
    settings: InvoiceSettings,
    company: NonNullable<Awaited<ReturnType<typeof findCompany>>>,
  ) {
    const lines = await q
      .select()
      .from(invoiceLines)
      .where(and(eq(invoiceLines.companyId, companyId), eq(invoiceLines.invoiceId, inv.id)))
      .orderBy(asc(invoiceLines.position));
    const acs = await q
      .select()
      .from(invoiceAllowanceCharges)
      .where(and(eq(invoiceAllowanceCharges.companyId, companyId), eq(invoiceAllowanceCharges.invoiceId, inv.id)))
      .orderBy(asc(invoiceAllowanceCharges.position));
    const precedingIds = [
      ...(inv.precedingInvoiceId ? [inv.precedingInvoiceId] : []),
      ...lines.map((l) => l.downPaymentInvoiceId).filter((x): x is string => !!x),
    ];
    const preceding = precedingIds.length
      ? await q
          .select({ id: invoices.id, number: invoices.number, issueDate: invoices.issueDate })
          .from(invoices)
          .where(and(eq(invoices.companyId, companyId), inArray(invoices.id, [...new Set(precedingIds)])))
      : [];
    const dIds = inv.deliveryIds as string[];
    const dels = dIds.length ? await deliveriesForInvoicing(q, companyId, dIds, false) : [];
    const ordNums = (inv.orderIds as string[]).length
      ? (await ordersForFulfilment(q, companyId, inv.orderIds as string[], false)).orders.map((o) => o.number)
      : [];
    const seller = inv.seller ? (inv.seller as ReturnType<typeof sellerSnapshot>) : sellerSnapshot(company);
    return {
      lines,
      acs,
      facts: {
        invoice: inv,
        lines,
        allowancesCharges: acs,
        seller,
        settings,
        precedingInvoices: preceding
          .filter((p) => p.number && p.issueDate)
          .map((p) => ({ number: p.number!, issueDate: p.issueDate! })),
        deliveryNotes: dels
          .map((d) => ({ number: d.number, date: shippedOn(d) }))
          .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.number < b.number ? -1 : 1)),
        orderNumbers: ordNums,
        draftIssueDate: today(),
      },
    };
  }

  /** Releases what a draft held (delivery lines) when it is discarded. */
  async function releaseDraft(tx: Tx, ctx: Ctx, id: string) {
    const ls = await tx
      .select({ deliveryLineId: invoiceLines.deliveryLineId, quantity: invoiceLines.quantity })
      .from(invoiceLines)
      .where(and(eq(invoiceLines.companyId, ctx.companyId), eq(invoiceLines.invoiceId, id)));
    await recordDeliveryInvoiced(
      tx,
      ctx.companyId,
      ls
        .filter((l) => l.deliveryLineId)
        .map((l) => ({ lineId: l.deliveryLineId!, quantity: dec(l.quantity).negated().toFixed() })),
    );
  }

  /** A credit note against an issued invoice, issued at once in the same transaction. */
  async function creditIn(tx: Tx, ctx: Ctx, invoiceId: string, body: CreditNoteCreate) {
    const inv = await lockInvoice(tx, ctx.companyId, invoiceId);
    if (inv.type !== 'invoice' || inv.status !== 'issued')
      throw new DomainError('invoice_not_creditable', 409, [{ path: 'invoiceId', code: 'invoice_not_creditable' }]);
    const src = await tx
      .select()
      .from(invoiceLines)
      .where(and(eq(invoiceLines.companyId, ctx.companyId), eq(invoiceLines.invoiceId, invoiceId)))
      .orderBy(asc(invoiceLines.position));
    const customer = inv.customer as CustomerSnapshot;
    const lang = customer.language === 'fr' ? 'fr' : 'en';
    const copy = (l: (typeof src)[number], quantity: string): DraftLine => ({
      productId: l.productId,
      sku: l.sku,
      name: l.name,
      customerProductCode: l.customerProductCode,
      gtin: l.gtin,
      quantity,
      unit: l.unit,
      unitPrice: l.unitPrice,
      discountPercent: l.discountPercent,
      vatCategory: l.vatCategory,
      vatRate: dec(l.vatRate).toFixed(2),
      nature: l.nature as LineNature,
      orderId: l.orderId,
      orderLineId: l.orderLineId,
      deliveryId: l.deliveryId,
      deliveryLineId: l.deliveryLineId,
      creditedLineId: l.id,
    });
    const leftOf = (l: (typeof src)[number]) => dec(l.quantity).minus(l.creditedQuantity);
    let lines: DraftLine[] = [];
    let acs: DocAllowanceCharge[] = [];
    const credited: { lineId: string; quantity: string }[] = [];
    const returnCredited: { lineId: string; quantity: string }[] = [];
    if (body.amount) {
      const t = inv.vatBreakdown as { vatCategory: string; vatRate: string; taxableAmount: string }[];
      const main = [...t].sort((a, b) => dec(b.taxableAmount).comparedTo(a.taxableAmount))[0];
      const vatCategory = body.vatCategory ?? main?.vatCategory ?? 'S';
      const vatRate = body.vatRate ?? main?.vatRate ?? '20.00';
      if (!t.some((g) => g.vatCategory === vatCategory && dec(g.vatRate).eq(vatRate)))
        throw unprocessable('vatRate', 'vat_not_on_invoice');
      lines = [
        {
          productId: null,
          sku: 'GESTE',
          name: lang === 'fr' ? `Geste commercial — ${body.reason}` : `Commercial gesture — ${body.reason}`,
          customerProductCode: null,
          gtin: null,
          quantity: '1',
          unit: 'C62',
          unitPrice: toMoneyString(body.amount, 2),
          discountPercent: null,
          vatCategory,
          vatRate: dec(vatRate).toFixed(2),
          nature: (inv.operationCategory === 'services' ? 'services' : 'goods') as LineNature,
          orderId: null,
          orderLineId: null,
          deliveryId: null,
          deliveryLineId: null,
        },
      ];
    } else if (body.returnId) {
      const ret = await returnForCredit(tx, ctx.companyId, body.returnId, true);
      if (!ret) throw unprocessable('returnId', 'not_found');
      for (const rl of ret.lines) {
        const open = dec(rl.quantity).minus(rl.creditedQuantity);
        const il = src.find((l) => l.deliveryLineId === rl.deliveryLineId);
        if (!il || open.lte(0)) continue;
        const qty = Decimal.min(open, leftOf(il));
        if (qty.lte(0)) continue;
        lines.push({ ...copy(il, toQuantityString(qty)), returnLineId: rl.id });
        credited.push({ lineId: il.id, quantity: toQuantityString(qty) });
        returnCredited.push({ lineId: rl.id, quantity: toQuantityString(qty) });
      }
      if (!lines.length)
        throw new DomainError('nothing_to_credit', 409, [{ path: 'returnId', code: 'nothing_to_credit' }]);
    } else if (body.lines) {
      for (const [i, w] of body.lines.entries()) {
        const il = src.find((l) => l.id === w.invoiceLineId);
        if (!il) throw unprocessable(`lines.${i}.invoiceLineId`, 'not_found');
        if (dec(il.quantity).lt(0)) throw unprocessable(`lines.${i}.invoiceLineId`, 'deduction_line');
        if (dec(w.quantity).gt(leftOf(il)))
          throw unprocessable(`lines.${i}.quantity`, 'exceeds_creditable', {
            creditable: toQuantityString(leftOf(il)),
          });
        lines.push(copy(il, w.quantity));
        credited.push({ lineId: il.id, quantity: w.quantity });
      }
    } else {
      // The whole invoice: every line with what is left, the document allowances and charges when nothing was credited.
      const anyCredit = await tx
        .select({ id: invoices.id })
        .from(invoices)
        .where(
          and(
            eq(invoices.companyId, ctx.companyId),
            eq(invoices.precedingInvoiceId, invoiceId),
            eq(invoices.status, 'issued'),
          ),
        )
        .limit(1);
      if (anyCredit.length)
        throw new DomainError('already_credited', 409, [{ path: 'lines', code: 'already_credited' }]);
      for (const il of src) {
        lines.push(copy(il, dec(il.quantity).toFixed()));
        if (dec(il.quantity).gt(0)) credited.push({ lineId: il.id, quantity: toQuantityString(il.quantity) });
      }
      const srcAcs = await tx
        .select()
        .from(invoiceAllowanceCharges)
        .where(
          and(eq(invoiceAllowanceCharges.companyId, ctx.companyId), eq(invoiceAllowanceCharges.invoiceId, invoiceId)),
        );
      acs = srcAcs.map((a) => ({
        kind: a.kind as 'allowance' | 'charge',
        amount: a.amount,
        vatCategory: a.vatCategory,
        vatRate: dec(a.vatRate).toFixed(2),
        reason: a.reason,
      }));
    }
    // Never credit more than the invoice is worth.
    const t = totalsOf(lines, acs, inv.currency);
    const [prev] = await rows<{ g: string | null }>(
      tx,
      sql`select sum(gross)::text as g from invoices where company_id = ${ctx.companyId} and preceding_invoice_id = ${invoiceId} and status = 'issued'`,
    );
    if (
      dec(prev?.g ?? '0')
        .plus(t.gross)
        .gt(inv.gross)
    )
      throw new DomainError('credit_exceeds_invoice', 409, [
        {
          path: 'amount',
          code: 'credit_exceeds_invoice',
          params: { creditable: toMoneyString(dec(inv.gross).minus(prev?.g ?? '0'), 2) },
        },
      ]);

    const cnId = await insertDraft(tx, ctx, {
      type: 'credit_note',
      purpose: 'standard',
      customer,
      customerId: inv.customerId,
      currency: inv.currency,
      paymentTerms: inv.paymentTerms as PaymentTerms,
      deliveryAddress: inv.deliveryAddress as never,
      customerReference: inv.customerReference,
      orderIds: inv.orderIds as string[],
      deliveryIds: inv.deliveryIds as string[],
      deliveryDate: inv.deliveryDate,
      periodStart: inv.periodStart,
      periodEnd: inv.periodEnd,
      lines,
      allowancesCharges: acs,
      vatRegime: inv.vatRegime,
      precedingInvoiceId: invoiceId,
      returnId: body.returnId ?? null,
      reinvoice: !!body.reinvoice,
      reason: body.reason,
    });
    for (const c of credited)
      await tx.execute(
        sql`update invoice_lines set credited_quantity = credited_quantity + ${c.quantity}::numeric
            where company_id = ${ctx.companyId} and id = ${c.lineId}`,
      );
    await recordReturnCredited(tx, ctx.companyId, returnCredited);
    if (body.reinvoice) {
      // Cancel and re-invoice: the quantities go back to the deliveries and the order, to be invoiced again.
      const back = lines.filter((l) => dec(l.quantity).gt(0));
      await recordDeliveryInvoiced(
        tx,
        ctx.companyId,
        back
          .filter((l) => l.deliveryLineId)
          .map((l) => ({ lineId: l.deliveryLineId!, quantity: dec(l.quantity).negated().toFixed() })),
      );
      await recordInvoiced(
        tx,
        ctx,
        back
          .filter((l) => l.orderLineId)
          .map((l) => ({ lineId: l.orderLineId!, quantity: dec(l.quantity).negated().toFixed() })),
      );
    }
    await issueIn(tx, ctx, cnId, { send: body.send });
    // The credit settles what is left to pay on the invoice first; any rest is owed to the customer.
    const applied = Decimal.min(dec(inv.amountDue), dec(t.gross));
    await tx
      .update(invoices)
      .set({ amountDue: toMoneyString(dec(inv.amountDue).minus(applied), 2), updatedAt: clock() })
      .where(and(eq(invoices.companyId, ctx.companyId), eq(invoices.id, invoiceId)));
    await tx
      .update(invoices)
      .set({ amountDue: toMoneyString(dec(t.gross).minus(applied), 2) })
      .where(and(eq(invoices.companyId, ctx.companyId), eq(invoices.id, cnId)));
    return cnId;
  }

  return {
    run,
    today,
    draftFromDeliveries,
    issueIn,
    documentFactsIn,

    async list(ctx: Ctx, query: Parameters<typeof listInvoices>[2]) {
      return run.read((db) => listInvoices(db, ctx.companyId, query, ctx.lang));
    },

    async get(ctx: Ctx, id: string) {
      const found = await run.read((db) => loadInvoice(db, ctx.companyId, id, ctx.lang));
      if (!found) throw notFound();
      return found;
    },

    async create(ctx: Ctx, body: InvoiceCreate, idem: Idempotency | null) {
      return run.runIdempotent(ctx, idem, 201, async (tx) => {
        const id = body.latePenalties
          ? await draftLatePenalties(tx, ctx, body.latePenalties.invoiceId, body.latePenalties.asOf ?? today())
          : body.deliveryIds
            ? await draftFromDeliveries(tx, ctx, body.deliveryIds, {
                allowancesCharges: body.allowancesCharges,
                note: body.note ?? null,
                deduct: body.deductDownPayments,
              })
            : await draftFromOrder(tx, ctx, body);
        return (await loadInvoice(tx, ctx.companyId, id, ctx.lang))!;
      });
    },

    async patch(
      ctx: Ctx,
      id: string,
      body: { note?: string | null | undefined; allowancesCharges?: AllowanceChargeInput[] | undefined },
    ) {
      return run.run(ctx, async (tx) => {
        const inv = await lockInvoice(tx, ctx.companyId, id);
        if (inv.status !== 'draft') throw new DomainError('invoice_immutable', 409);
        if (body.allowancesCharges) {
          const ls = await tx
            .select()
            .from(invoiceLines)
            .where(and(eq(invoiceLines.companyId, ctx.companyId), eq(invoiceLines.invoiceId, id)));
          const draftLines: DraftLine[] = ls.map((l) => ({
            ...l,
            nature: l.nature as LineNature,
            vatRate: dec(l.vatRate).toFixed(2),
          }));
          const acs = body.allowancesCharges.map((a) => acVat(draftLines, a, inv.currency));
          const t = totalsOf(draftLines, acs, inv.currency);
          if (dec(t.net).lt(0)) throw new DomainError('invoice_negative', 409);
          await tx
            .delete(invoiceAllowanceCharges)
            .where(
              and(eq(invoiceAllowanceCharges.companyId, ctx.companyId), eq(invoiceAllowanceCharges.invoiceId, id)),
            );
          if (acs.length)
            await tx.insert(invoiceAllowanceCharges).values(
              acs.map((a, i) => ({
                companyId: ctx.companyId,
                id: uuidv7(),
                invoiceId: id,
                position: i + 1,
                kind: a.kind,
                amount: toMoneyString(a.amount, 2),
                vatCategory: a.vatCategory,
                vatRate: a.vatRate,
                reason: a.reason,
                reasonCode: null,
              })),
            );
          await tx
            .update(invoices)
            .set({
              lineTotal: t.lineTotal,
              allowanceTotal: t.allowanceTotal,
              chargeTotal: t.chargeTotal,
              net: t.net,
              vat: t.vat,
              gross: t.gross,
              amountDue: t.gross,
              vatBreakdown: t.vatBreakdown,
            })
            .where(and(eq(invoices.companyId, ctx.companyId), eq(invoices.id, id)));
        }
        if (body.note !== undefined)
          await tx
            .update(invoices)
            .set({ note: body.note })
            .where(and(eq(invoices.companyId, ctx.companyId), eq(invoices.id, id)));
        await tx
          .update(invoices)
          .set({ updatedAt: clock(), version: inv.version + 1 })
          .where(and(eq(invoices.companyId, ctx.companyId), eq(invoices.id, id)));
        return (await loadInvoice(tx, ctx.companyId, id, ctx.lang))!;
      });
    },

    /** Discards a draft: it stays, cancelled (audited), and what it held is released. */
    async discard(ctx: Ctx, id: string) {
      return run.run(ctx, async (tx) => {
        const inv = await lockInvoice(tx, ctx.companyId, id);
        if (inv.status !== 'draft') throw new DomainError('invoice_immutable', 409);
        await releaseDraft(tx, ctx, id);
        await tx
          .update(invoices)
          .set({ status: 'cancelled', updatedAt: clock(), version: inv.version + 1 })
          .where(and(eq(invoices.companyId, ctx.companyId), eq(invoices.id, id)));
      });
    },

    async issue(ctx: Ctx, id: string, input: { issueDate?: string | undefined; send?: boolean }) {
      return run.run(ctx, async (tx) => {
        await issueIn(tx, ctx, id, input);
        return (await loadInvoice(tx, ctx.companyId, id, ctx.lang))!;
      });
    },

    async send(ctx: Ctx, id: string) {
      return run.run(ctx, async (tx) => {
        const inv = await lockInvoice(tx, ctx.companyId, id);
        if (inv.status !== 'issued') throw new DomainError('invoice_not_issued', 409);
        const to = (inv.customer as CustomerSnapshot).email;
        if (!to)
          throw new DomainError('no_invoice_email', 409, [
            { path: 'customer.invoicing.email', code: 'no_invoice_email' },
          ]);
        await enqueue(tx, ctx.companyId, {
          topic: DOCUMENTS_TOPIC,
          payload: { invoiceId: id, send: true },
          dedupeKey: `invoice.send:${id}:${ctx.requestId}`,
        });
      });
    },

    async creditNote(ctx: Ctx, id: string, body: CreditNoteCreate, idem: Idempotency | null) {
      return run.runIdempotent(ctx, idem, 201, async (tx) => {
        const cn = await creditIn(tx, ctx, id, body);
        return (await loadInvoice(tx, ctx.companyId, cn, ctx.lang))!;
      });
    },

    async lifecycle(ctx: Ctx, id: string) {
      const inv = await run.read((db) =>
        db
          .select({ id: invoices.id })
          .from(invoices)
          .where(and(eq(invoices.companyId, ctx.companyId), eq(invoices.id, id))),
      );
      if (!inv.length) throw notFound();
      const evs = await run.read((db) =>
        db
          .select()
          .from(invoiceLifecycleEvents)
          .where(and(eq(invoiceLifecycleEvents.companyId, ctx.companyId), eq(invoiceLifecycleEvents.invoiceId, id)))
          .orderBy(asc(invoiceLifecycleEvents.occurredAt), asc(invoiceLifecycleEvents.id)),
      );
      return evs.map((e) => lifecycleDto(e, ctx.lang));
    },

    async addLifecycle(
      ctx: Ctx,
      id: string,
      body: { code: LifecycleCode; occurredAt?: string | undefined; note?: string | null | undefined },
      source = 'manual',
    ) {
      return run.run(ctx, (tx) => addLifecycleIn(tx, ctx, id, body, source));
    },

    /** CSV import of statuses (number;code;occurredAt;note): each line stands alone; the errors are reported. */
    async importLifecycle(ctx: Ctx, csv: string) {
      const errors: { line: number; code: string; message: string; content: string }[] = [];
      const fail = (line: number, code: string, content: string) =>
        errors.push({ line, code, message: message(code, ctx.lang), content });
      let imported = 0;
      const lines = csv.split(/\r?\n/);
      for (const [i, raw] of lines.entries()) {
        const line = raw.trim();
        if (!line) continue;
        const cells = line.split(/[;,]/).map((c) => c.trim().replace(/^"|"$/g, ''));
        if (i === 0 && /num/i.test(cells[0] ?? '')) continue;
        const [number, code, occurredAt, note] = cells;
        if (!number || !code || !(lifecycleCodes as string[]).includes(code)) {
          fail(i + 1, 'invalid_line', line);
          continue;
        }
        try {
          await run.run(ctx, async (tx) => {
            const [inv] = await tx
              .select({ id: invoices.id })
              .from(invoices)
              .where(and(eq(invoices.companyId, ctx.companyId), eq(invoices.number, number)));
            if (!inv) throw new DomainError('not_found', 404);
            await addLifecycleIn(
              tx,
              ctx,
              inv.id,
              { code: code as LifecycleCode, occurredAt: occurredAt || undefined, note: note || null },
              'import',
            );
          });
          imported++;
        } catch (e) {
          fail(i + 1, e instanceof DomainError ? e.code : 'invalid_line', line);
        }
      }
      return { imported, errors };
    },

    async exportLifecycle(ctx: Ctx, from?: string, to?: string) {
      const found = await run.read((db) =>
        rows<{ number: string; code: string; occurred_at: Date | string; note: string | null; source: string }>(
          db,
          sql`select i.number, e.code, e.occurred_at, e.note, e.source from invoice_lifecycle_events e
              join invoices i on i.company_id = e.company_id and i.id = e.invoice_id
              where e.company_id = ${ctx.companyId}
                ${from ? sql`and e.occurred_at >= ${from}::date` : sql``}
                ${to ? sql`and e.occurred_at < (${to}::date + 1)` : sql``}
              order by e.occurred_at, i.number`,
        ),
      );
      const esc = (s: string) => (/[;"\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
      const head = 'number;code;status;occurredAt;source;note';
      return [
        head,
        ...found.map((r) =>
          [
            r.number,
            r.code,
            lifecycleDto({ code: r.code } as never, ctx.lang).status,
            new Date(r.occurred_at).toISOString(),
            r.source,
            r.note ?? '',
          ]
            .map((c) => esc(String(c)))
            .join(';'),
        ),
      ].join('\n');
    },

    async exchangeRates(ctx: Ctx) {
      const found = await run.read((db) =>
        db
          .select()
          .from(exchangeRates)
          .where(eq(exchangeRates.companyId, ctx.companyId))
          .orderBy(asc(exchangeRates.currency), desc(exchangeRates.rateDate)),
      );
      return found.map((r) => ({ currency: r.currency, date: r.rateDate, rate: dec(r.rate).toFixed() }));
    },

    async setExchangeRate(ctx: Ctx, body: { currency: string; date: string; rate: string }) {
      return run.run(ctx, async (tx) => {
        await tx
          .insert(exchangeRates)
          .values({
            companyId: ctx.companyId,
            id: uuidv7(),
            currency: body.currency,
            rateDate: body.date,
            rate: body.rate,
          })
          .onConflictDoUpdate({
            target: [exchangeRates.companyId, exchangeRates.currency, exchangeRates.rateDate],
            set: { rate: body.rate },
          });
        return { currency: body.currency, date: body.date, rate: dec(body.rate).toFixed() };
      });
    },

    async settings(ctx: Ctx) {
      return run.read((db) => invoiceSettings(db, ctx.companyId));
    },

    async setSettings(ctx: Ctx, patch: Partial<InvoiceSettings>) {
      return run.run(ctx, async (tx) => {
        const current = await invoiceSettings(tx, ctx.companyId);
        const next = invoiceSettingsSchema.parse({ ...current, ...patch });
        await setCompanyInvoiceSettings(tx, ctx.companyId, next);
        return next;
      });
    },
  };

  async function addLifecycleIn(
    tx: Tx,
    ctx: Ctx,
    id: string,
    body: { code: LifecycleCode; occurredAt?: string | undefined; note?: string | null | undefined },
    source: string,
  ) {
    const inv = await lockInvoice(tx, ctx.companyId, id);
    if (inv.status !== 'issued') throw new DomainError('invoice_not_issued', 409);
    const at = body.occurredAt ? new Date(body.occurredAt) : clock();
    if (Number.isNaN(at.getTime())) throw unprocessable('occurredAt', 'invalid_date');
    const evId = uuidv7();
    const inserted = await tx
      .insert(invoiceLifecycleEvents)
      .values({
        companyId: ctx.companyId,
        id: evId,
        invoiceId: id,
        code: body.code,
        occurredAt: at,
        note: body.note ?? null,
        source,
        createdBy: ctx.userId,
      })
      .onConflictDoNothing()
      .returning();
    if (!inv.lifecycleAt || at >= inv.lifecycleAt)
      await tx
        .update(invoices)
        .set({ lifecycleCode: body.code, lifecycleAt: at, updatedAt: clock() })
        .where(and(eq(invoices.companyId, ctx.companyId), eq(invoices.id, id)));
    const ev =
      inserted[0] ??
      (
        await tx
          .select()
          .from(invoiceLifecycleEvents)
          .where(
            and(
              eq(invoiceLifecycleEvents.companyId, ctx.companyId),
              eq(invoiceLifecycleEvents.invoiceId, id),
              eq(invoiceLifecycleEvents.code, body.code),
              eq(invoiceLifecycleEvents.occurredAt, at),
            ),
          )
      )[0]!;
    return lifecycleDto(ev, ctx.lang);
  }
}

export type InvoicingService = ReturnType<typeof createInvoicingService>;
