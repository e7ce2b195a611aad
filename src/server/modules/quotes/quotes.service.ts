import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import type { Queryable, Tx } from '@server/platform/db/connection';
import type { Ctx, Idempotency, Runner } from '@server/platform/db/runner';
import { DomainError, notFound } from '@server/platform/errors';
import { containsPattern } from '@server/platform/http/pagination';
import { queueMail } from '@server/platform/mail/mail';
import { nextDocumentNumber } from '@server/platform/numbering/numbering';
import { attachments } from '@server/platform/platform.schema';
import { findProductsByRefs, pickProduct } from '@server/modules/catalog';
import { findCompany } from '@server/modules/companies';
import { customerNames, findCustomer } from '@server/modules/customers';
import { todayIso, type PricingService } from '@server/modules/pricing';
import { addDays } from '@shared/dates';
import { dec } from '@shared/decimal';
import { describeTerms } from '@shared/payment-terms';
import { computeTotals } from '@shared/totals';
import type { Quote, QuoteInput } from '@shared/api/quotes';
import {
  allowedCommands,
  isQuoteEditable,
  nextQuoteState,
  type QuoteCommand,
  type QuoteState,
} from './domain/quote-state';
import { renderQuotePdf, type QuotePdfData } from './quote.pdf';
import { quoteLines, quotes } from './quotes.schema';

type Row = typeof quotes.$inferSelect;
type LineRow = typeof quoteLines.$inferSelect;
export const QUOTE_VALIDITY_DAYS = 30;

/** Quotes with their lines, attachments and customer names: four queries, whatever the number of quotes. */
async function loadMany(q: Queryable, companyId: string, ids: string[]): Promise<Quote[]> {
  if (!ids.length) return [];
  const rows = await q
    .select()
    .from(quotes)
    .where(and(eq(quotes.companyId, companyId), inArray(quotes.id, ids)));
  const [lines, files, names] = await Promise.all([
    q
      .select()
      .from(quoteLines)
      .where(and(eq(quoteLines.companyId, companyId), inArray(quoteLines.quoteId, ids))),
    q
      .select({
        entityId: attachments.entityId,
        id: attachments.id,
        filename: attachments.filename,
        contentType: attachments.contentType,
        size: attachments.size,
        sha256: attachments.sha256,
      })
      .from(attachments)
      .where(
        and(
          eq(attachments.companyId, companyId),
          eq(attachments.entityType, 'quote'),
          inArray(attachments.entityId, ids),
        ),
      ),
    customerNames(
      q,
      companyId,
      rows.map((r) => r.customerId),
    ),
  ]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids
    .filter((id) => byId.has(id))
    .map((id) => {
      const r = byId.get(id)!;
      return toDto(
        r,
        lines.filter((l) => l.quoteId === id),
        files.filter((f) => f.entityId === id).map(({ entityId: _e, ...f }) => f),
        names.get(r.customerId) ?? '',
      );
    });
}

async function load(q: Queryable, companyId: string, id: string): Promise<Quote> {
  const [quote] = await loadMany(q, companyId, [id]);
  if (!quote) throw notFound();
  return quote;
}

function toDto(r: Row, lines: LineRow[], files: Quote['attachments'], customerName: string): Quote {
  return {
    id: r.id,
    number: r.number,
    status: r.status as Quote['status'],
    customerId: r.customerId,
    customerName,
    shipToId: r.shipToId,
    contactName: r.contactName,
    contactEmail: r.contactEmail,
    currency: r.currency,
    language: r.language,
    issueDate: r.issueDate,
    validUntil: r.validUntil,
    customerReference: r.customerReference,
    tender: r.isTender ? { reference: r.tenderReference ?? '', deadline: r.tenderDeadline } : null,
    notes: r.notes,
    lines: lines
      .sort((a, b) => a.position - b.position)
      .map((l) => ({
        id: l.id,
        productId: l.productId,
        sku: l.sku,
        description: l.description,
        quantity: dec(l.quantity).toString(),
        unit: l.unit,
        unitPrice: l.unitPrice,
        discountPercent: l.discountPercent,
        netAmount: l.netAmount,
        vatCategory: l.vatCategory,
        vatRate: l.vatRate,
        suggestedUnitPrice: l.suggestedUnitPrice,
        priceSource: l.priceSource,
        overrideReason: l.overrideReason,
      })),
    totals: { net: r.net, vat: r.vat, gross: r.gross },
    vatBreakdown: r.vatBreakdown as Quote['vatBreakdown'],
    attachments: files,
    allowedCommands: allowedCommands(r.status as QuoteState),
    orderId: r.orderId,
    sentAt: r.sentAt?.toISOString() ?? null,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    refusalReason: r.refusalReason,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

const same = (a: string, b: string) => dec(a).eq(dec(b));

/** Quotes and tenders: priced by the pricing function (overridable with a reason), sent as PDF, accepted or not. */
export function createQuoteService({ run, pricing }: { run: Runner; pricing: Pick<PricingService, 'priceMany'> }) {
  /** Prices the lines, checks overrides, computes totals: the full content of a draft, ready to write. */
  async function build(
    tx: Tx,
    ctx: Ctx,
    customerId: string,
    input: Omit<QuoteInput, 'customerId'> & { issueDate: string },
  ) {
    const customer = await findCustomer(tx, ctx.companyId, customerId);
    if (!customer) throw new DomainError('validation_failed', 422, [{ path: 'customerId', code: 'unknown_customer' }]);
    if (input.shipToId && !customer.shipTos.some((s) => s.id === input.shipToId))
      throw new DomainError('validation_failed', 422, [{ path: 'shipToId', code: 'unknown_ship_to' }]);
    const map = await findProductsByRefs(tx, ctx.companyId, input.lines);
    const errors: { path: string; code: string }[] = [];
    input.lines.forEach((l, i) => {
      if (!pickProduct(map, l))
        errors.push({ path: `lines.${i}.${l.sku ? 'sku' : 'productId'}`, code: 'unknown_product' });
    });
    if (errors.length) throw new DomainError('validation_failed', 422, errors);
    const products = input.lines.map((l) => pickProduct(map, l)!);
    const prices = await pricing.priceMany(
      tx,
      ctx.companyId,
      customer,
      input.lines.map((l, i) => ({ product: products[i]!, quantity: l.quantity })),
      input.issueDate,
      customer.currency,
    );
    const lines = input.lines.map((l, i) => {
      const product = products[i]!;
      const price = prices[i]!;
      const suggestedUnit = price.ok ? price.unitPrice : null;
      const suggestedDiscount = price.ok ? price.discountPercent : '0.00';
      const unitPrice = l.unitPrice ?? suggestedUnit;
      const discountPercent = l.discountPercent ?? suggestedDiscount;
      if (unitPrice === null) errors.push({ path: `lines.${i}.unitPrice`, code: 'no_price_in_currency' });
      const overridden =
        unitPrice !== null &&
        (suggestedUnit === null || !same(unitPrice, suggestedUnit) || !same(discountPercent, suggestedDiscount));
      if (overridden && !l.overrideReason)
        errors.push({ path: `lines.${i}.overrideReason`, code: 'override_reason_required' });
      const name = customer.language === 'en' && product.nameEn ? product.nameEn : product.name;
      return {
        product,
        description: l.description ?? name,
        quantity: l.quantity,
        unitPrice: unitPrice ?? '0',
        discountPercent,
        suggestedUnitPrice: suggestedUnit,
        priceSource: price.ok ? { ...price.source, discountPercent: price.discountPercent } : null,
        overrideReason: overridden ? l.overrideReason : null,
      };
    });
    if (errors.length) throw new DomainError('validation_failed', 422, errors);
    const totals = computeTotals(
      lines.map((l) => ({
        quantity: l.quantity,
        unitPrice: l.unitPrice,
        discountPercent: l.discountPercent,
        vatCategory: l.product.vatCategory,
        vatRate: l.product.vatRate,
      })),
    );
    return { customer, lines, totals };
  }

  async function writeLines(tx: Tx, ctx: Ctx, quoteId: string, built: Awaited<ReturnType<typeof build>>) {
    await tx.delete(quoteLines).where(and(eq(quoteLines.companyId, ctx.companyId), eq(quoteLines.quoteId, quoteId)));
    await tx.insert(quoteLines).values(
      built.lines.map((l, position) => ({
        companyId: ctx.companyId,
        id: uuidv7(),
        quoteId,
        position,
        productId: l.product.id,
        sku: l.product.sku,
        description: l.description,
        quantity: l.quantity,
        unit: l.product.unit,
        unitPrice: l.unitPrice,
        discountPercent: l.discountPercent,
        netAmount: built.totals.lines[position]!.netAmount,
        vatCategory: l.product.vatCategory,
        vatRate: l.product.vatRate,
        suggestedUnitPrice: l.suggestedUnitPrice,
        priceSource: l.priceSource,
        overrideReason: l.overrideReason,
      })),
    );
  }

  async function transition(
    ctx: Ctx,
    id: string,
    command: QuoteCommand,
    extra: (tx: Tx, row: Row) => Promise<Partial<Row>> = async () => ({}),
  ) {
    return run.run(ctx, async (tx) => {
      const [row] = await tx
        .select()
        .from(quotes)
        .where(and(eq(quotes.companyId, ctx.companyId), eq(quotes.id, id)))
        .for('update');
      if (!row) throw notFound();
      const next = nextQuoteState(row.status as QuoteState, command);
      if (!next)
        throw new DomainError('invalid_transition', 409, [{ path: 'status', code: 'invalid_transition' }], {
          from: row.status,
          command,
        });
      const changes = await extra(tx, row);
      await tx
        .update(quotes)
        .set({ ...changes, status: next, version: row.version + 1, updatedAt: new Date() })
        .where(and(eq(quotes.companyId, ctx.companyId), eq(quotes.id, id)));
      return load(tx, ctx.companyId, id);
    });
  }

  async function pdfData(q: Queryable, ctx: Ctx, quote: Quote): Promise<QuotePdfData> {
    const [company, customer] = await Promise.all([
      findCompany(q, ctx.companyId),
      findCustomer(q, ctx.companyId, quote.customerId),
    ]);
    const lang = quote.language === 'en' ? 'en' : 'fr';
    return {
      company: { ...company!, address: company!.address },
      customer: {
        code: customer!.code,
        name: customer!.name,
        siren: customer!.siren,
        vatNumber: customer!.vatNumber,
        billingAddress: customer!.billingAddress,
      },
      quote: {
        number: quote.number,
        issueDate: quote.issueDate,
        validUntil: quote.validUntil,
        customerReference: quote.customerReference,
        currency: quote.currency,
        notes: quote.notes,
        paymentTermsText: describeTerms(customer!.paymentTerms as never, lang),
        tender: quote.tender,
        contactName: quote.contactName,
      },
      lines: quote.lines.map((l) => ({
        sku: l.sku,
        description: l.description,
        quantity: l.quantity,
        unit: l.unit,
        unitPrice: l.unitPrice,
        discountPercent: l.discountPercent,
        netAmount: l.netAmount,
        vatRate: l.vatRate,
      })),
      totals: { ...quote.totals, vatBreakdown: quote.vatBreakdown },
    };
  }

  async function renderPdf(q: Queryable, ctx: Ctx, quote: Quote, lang?: 'fr' | 'en') {
    return renderQuotePdf(await pdfData(q, ctx, quote), lang ?? (quote.language === 'en' ? 'en' : 'fr'));
  }

  return {
    async create(ctx: Ctx, input: QuoteInput, idem: Idempotency | null) {
      return run.runIdempotent(ctx, idem, 201, async (tx) => {
        const issueDate = input.issueDate ?? todayIso();
        const built = await build(tx, ctx, input.customerId, { ...input, issueDate });
        const id = uuidv7();
        const number = await nextDocumentNumber(tx, ctx.companyId, 'DEV', Number(issueDate.slice(0, 4)));
        const now = new Date();
        await tx.insert(quotes).values({
          companyId: ctx.companyId,
          id,
          number,
          customerId: input.customerId,
          shipToId: input.shipToId,
          contactName: input.contactName,
          contactEmail:
            input.contactEmail ?? built.customer.contacts.find((c) => c.role === 'buyer' && c.email)?.email ?? null,
          currency: built.customer.currency,
          language: built.customer.language,
          issueDate,
          validUntil: input.validUntil ?? addDays(issueDate, QUOTE_VALIDITY_DAYS),
          customerReference: input.customerReference,
          isTender: !!input.tender,
          tenderReference: input.tender?.reference ?? null,
          tenderDeadline: input.tender?.deadline ?? null,
          notes: input.notes,
          net: built.totals.net,
          vat: built.totals.vat,
          gross: built.totals.gross,
          vatBreakdown: built.totals.vatBreakdown,
          createdBy: ctx.userId,
          createdAt: now,
          updatedAt: now,
        });
        await writeLines(tx, ctx, id, built);
        return load(tx, ctx.companyId, id);
      });
    },

    async update(ctx: Ctx, id: string, patch: Partial<Omit<QuoteInput, 'customerId'>>) {
      return run.run(ctx, async (tx) => {
        const current = await load(tx, ctx.companyId, id);
        if (!isQuoteEditable(current.status))
          throw new DomainError('quote_not_editable', 409, [{ path: 'status', code: 'quote_not_editable' }]);
        const merged = {
          shipToId: patch.shipToId !== undefined ? patch.shipToId : current.shipToId,
          contactName: patch.contactName !== undefined ? patch.contactName : current.contactName,
          contactEmail: patch.contactEmail !== undefined ? patch.contactEmail : current.contactEmail,
          issueDate: patch.issueDate ?? current.issueDate,
          validUntil: patch.validUntil ?? current.validUntil,
          customerReference:
            patch.customerReference !== undefined ? patch.customerReference : current.customerReference,
          tender: patch.tender !== undefined ? patch.tender : current.tender,
          notes: patch.notes !== undefined ? patch.notes : current.notes,
          lines:
            patch.lines ??
            current.lines.map((l) => ({
              productId: l.productId,
              quantity: l.quantity,
              unitPrice: l.unitPrice,
              discountPercent: l.discountPercent,
              overrideReason: l.overrideReason,
              description: l.description,
            })),
        };
        const built = await build(tx, ctx, current.customerId, merged);
        await tx
          .update(quotes)
          .set({
            shipToId: merged.shipToId,
            contactName: merged.contactName,
            contactEmail: merged.contactEmail,
            issueDate: merged.issueDate,
            validUntil: merged.validUntil,
            customerReference: merged.customerReference,
            isTender: !!merged.tender,
            tenderReference: merged.tender?.reference ?? null,
            tenderDeadline: merged.tender?.deadline ?? null,
            notes: merged.notes,
            net: built.totals.net,
            vat: built.totals.vat,
            gross: built.totals.gross,
            vatBreakdown: built.totals.vatBreakdown,
            version: current.version + 1,
            updatedAt: new Date(),
          })
          .where(and(eq(quotes.companyId, ctx.companyId), eq(quotes.id, id)));
        await writeLines(tx, ctx, id, built);
        return load(tx, ctx.companyId, id);
      });
    },

    get: (ctx: Ctx, id: string) => run.read((db) => load(db, ctx.companyId, id)),

    async list(
      ctx: Ctx,
      f: {
        status?: string | undefined;
        customerId?: string | undefined;
        q?: string | undefined;
        limit: number;
        cursor?: string | undefined;
      },
    ) {
      return run.read(async (db) => {
        const rows = await db
          .select({ id: quotes.id })
          .from(quotes)
          .where(
            and(
              eq(quotes.companyId, ctx.companyId),
              f.status ? eq(quotes.status, f.status) : undefined,
              f.customerId ? eq(quotes.customerId, f.customerId) : undefined,
              f.q
                ? sql`(${quotes.number} ilike ${containsPattern(f.q)} or ${quotes.customerReference} ilike ${containsPattern(f.q)} or ${quotes.tenderReference} ilike ${containsPattern(f.q)})`
                : undefined,
              f.cursor ? lt(quotes.id, f.cursor) : undefined,
            ),
          )
          .orderBy(desc(quotes.id))
          .limit(f.limit + 1);
        const page = rows.slice(0, f.limit);
        const data = await loadMany(
          db,
          ctx.companyId,
          page.map((r) => r.id),
        );
        return { data, nextCursor: rows.length > f.limit ? page[page.length - 1]!.id : null };
      });
    },

    pdf: (ctx: Ctx, id: string, lang?: 'fr' | 'en') =>
      run.read(async (db) => {
        const quote = await load(db, ctx.companyId, id);
        return { quote, pdf: await renderPdf(db, ctx, quote, lang) };
      }),

    /** Sends the PDF by e-mail through the outbox (re-sending is allowed) and marks the quote sent. */
    send: (ctx: Ctx, id: string, input: { to?: string[] | undefined; message?: string | null | undefined }) =>
      transition(ctx, id, 'send', async (tx, row) => {
        const quote = await load(tx, ctx.companyId, id);
        const to = input.to?.length ? input.to : row.contactEmail ? [row.contactEmail] : [];
        if (!to.length) throw new DomainError('validation_failed', 422, [{ path: 'to', code: 'required' }]);
        const lang = quote.language === 'en' ? 'en' : 'fr';
        const pdf = await renderPdf(tx, ctx, quote, lang);
        const company = await findCompany(tx, ctx.companyId);
        const subject =
          lang === 'en' ? `Quotation ${quote.number} — ${company?.name}` : `Devis ${quote.number} — ${company?.name}`;
        const text =
          (input.message ? `${input.message}\n\n` : '') +
          (lang === 'en'
            ? `Please find attached our quotation ${quote.number}, valid until ${quote.validUntil}.\n\nKind regards,\n${company?.name}`
            : `Veuillez trouver ci-joint notre devis ${quote.number}, valable jusqu’au ${quote.validUntil}.\n\nCordialement,\n${company?.name}`);
        await queueMail(tx, ctx.companyId, {
          to,
          subject,
          text,
          attachments: [
            { filename: `${quote.number}.pdf`, contentType: 'application/pdf', contentBase64: pdf.toString('base64') },
          ],
          related: { type: 'quote', id },
        });
        return { sentAt: new Date() };
      }),

    accept: (ctx: Ctx, id: string) =>
      transition(ctx, id, 'accept', async () => ({ decidedAt: new Date(), refusalReason: null })),
    refuse: (ctx: Ctx, id: string, reason: string) =>
      transition(ctx, id, 'refuse', async () => ({ decidedAt: new Date(), refusalReason: reason })),
    cancel: (ctx: Ctx, id: string) => transition(ctx, id, 'cancel'),
    reopen: (ctx: Ctx, id: string) =>
      transition(ctx, id, 'reopen', async () => ({ decidedAt: null, refusalReason: null })),

    /** Sent quotes past their validity become expired (the daily job; also callable on demand). */
    async expireDue(ctx: Ctx, today = todayIso()) {
      return run.run(ctx, async (tx) => {
        const done = await tx
          .update(quotes)
          .set({ status: 'expired', updatedAt: new Date() })
          .where(and(eq(quotes.companyId, ctx.companyId), eq(quotes.status, 'sent'), lt(quotes.validUntil, today)))
          .returning({ id: quotes.id });
        return done.length;
      });
    },

    async addAttachment(ctx: Ctx, id: string, file: { filename: string; contentType: string; data: Buffer }) {
      return run.run(ctx, async (tx) => {
        await load(tx, ctx.companyId, id);
        const attId = uuidv7();
        const sha256 = createHash('sha256').update(file.data).digest('hex');
        await tx.insert(attachments).values({
          companyId: ctx.companyId,
          id: attId,
          entityType: 'quote',
          entityId: id,
          filename: file.filename,
          contentType: file.contentType,
          size: file.data.length,
          sha256,
          data: file.data,
          createdBy: ctx.userId,
        });
        return { id: attId, filename: file.filename, contentType: file.contentType, size: file.data.length, sha256 };
      });
    },

    async getAttachment(ctx: Ctx, id: string, attachmentId: string) {
      const [a] = await run.read((db) =>
        db
          .select()
          .from(attachments)
          .where(
            and(
              eq(attachments.companyId, ctx.companyId),
              eq(attachments.entityType, 'quote'),
              eq(attachments.entityId, id),
              eq(attachments.id, attachmentId),
            ),
          ),
      );
      if (!a) throw notFound();
      return a;
    },
  };
}
export type QuoteService = ReturnType<typeof createQuoteService>;

/**
 * For the orders module: the quote to convert, locked, and its conversion (accepted → converted, with the order).
 * Throws 404 for an unknown quote and 409 `quote_not_accepted` when the quote is not accepted.
 */
export async function lockQuoteForConversion(tx: Tx, companyId: string, id: string): Promise<Quote> {
  const [row] = await tx
    .select({ status: quotes.status })
    .from(quotes)
    .where(and(eq(quotes.companyId, companyId), eq(quotes.id, id)))
    .for('update');
  if (!row) throw notFound();
  if (!nextQuoteState(row.status as QuoteState, 'convert'))
    throw new DomainError('quote_not_accepted', 409, [{ path: 'status', code: 'quote_not_accepted' }], {
      from: row.status,
    });
  return load(tx, companyId, id);
}

export async function markQuoteConverted(tx: Tx, companyId: string, id: string, orderId: string): Promise<void> {
  await tx
    .update(quotes)
    .set({ status: 'converted', orderId, updatedAt: new Date(), version: sql`${quotes.version} + 1` })
    .where(and(eq(quotes.companyId, companyId), eq(quotes.id, id)));
}
