/**
 * The documents of an issued invoice — PDF, Factur-X (PDF/A-3 + CII), UBL (Peppol BIS 3) and CII — made once and
 * archived with their SHA-256: what is downloaded or e-mailed later is always the archived bytes (DOMAIN.md §2.5).
 * The `invoicing.documents` job makes them after the issue commits and, when asked, e-mails them to the customer.
 */
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db, Queryable, Tx } from '@server/platform/db/connection';
import type { Ctx, Runner } from '@server/platform/db/runner';
import { DomainError, notFound } from '@server/platform/errors';
import { queueMail } from '@server/platform/mail/mail';
import type { JobHandler } from '@server/platform/outbox/outbox';
import { findCompany } from '@server/modules/companies';
import { toCii, toFacturX, toUbl, type EInvoiceDocument } from '@server/modules/einvoice';
import type { DocumentFormat } from '@shared/api/invoices';
import { renderInvoicePdf } from './invoice.pdf';
import { docLang, toEInvoiceDocument, type CustomerSnapshot, type InvoiceRow } from './invoicing.document';
import type { InvoicingService } from './invoicing.service';
import { invoiceSettings } from './invoicing.service';
import { invoiceDocuments, invoices } from './invoicing.schema';

export type ArchivedFile = {
  format: DocumentFormat;
  fileName: string;
  contentType: string;
  content: Buffer;
  sha256: string;
};

const CONTENT_TYPES: Record<DocumentFormat, string> = {
  pdf: 'application/pdf',
  facturx: 'application/pdf',
  ubl: 'application/xml',
  cii: 'application/xml',
};

function fileNames(number: string): Record<DocumentFormat, string> {
  return {
    pdf: `${number}.pdf`,
    facturx: `${number}-facturx.pdf`,
    ubl: `${number}-ubl.xml`,
    cii: `${number}-cii.xml`,
  };
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** The neutral document of an invoice (issued: frozen facts; draft: a preview). */
export async function invoiceDocument(
  q: Queryable,
  service: InvoicingService,
  companyId: string,
  inv: InvoiceRow,
): Promise<EInvoiceDocument> {
  const company = await findCompany(q, companyId);
  if (!company) throw notFound();
  const settings = await invoiceSettings(q, companyId);
  const { facts } = await service.documentFactsIn(q, companyId, inv, settings, company);
  return toEInvoiceDocument(facts);
}

/** Renders the four documents of an issued invoice (pure of the database once the document is built). */
export async function renderAll(doc: EInvoiceDocument): Promise<Record<DocumentFormat, Buffer>> {
  const pdf = await renderInvoicePdf(doc, { embedFonts: true });
  const facturx = Buffer.from(await toFacturX(pdf, doc));
  return { pdf, facturx, ubl: Buffer.from(toUbl(doc), 'utf8'), cii: Buffer.from(toCii(doc), 'utf8') };
}

async function findInvoice(q: Queryable, companyId: string, id: string): Promise<InvoiceRow | null> {
  const [inv] = await q
    .select()
    .from(invoices)
    .where(and(eq(invoices.companyId, companyId), eq(invoices.id, id)));
  return inv ?? null;
}

async function archived(q: Queryable, companyId: string, id: string) {
  return q
    .select()
    .from(invoiceDocuments)
    .where(and(eq(invoiceDocuments.companyId, companyId), eq(invoiceDocuments.invoiceId, id)));
}

/**
 * Makes and archives the documents of an issued invoice if they are not yet (idempotent: a second writer's rows
 * are ignored, and both read back the first ones). Returns the archived files.
 */
export async function ensureDocuments(
  db: Queryable,
  service: InvoicingService,
  companyId: string,
  id: string,
): Promise<ArchivedFile[]> {
  const have = await archived(db, companyId, id);
  if (have.length === 4) return have.map(toFile);
  const inv = await findInvoice(db, companyId, id);
  if (!inv) throw notFound();
  if (inv.status !== 'issued') throw new DomainError('invoice_not_issued', 409);
  const files = await renderAll(await invoiceDocument(db, service, companyId, inv));
  const names = fileNames(inv.number!);
  await (db as Db).transaction(async (tx: Tx) => {
    await tx
      .insert(invoiceDocuments)
      .values(
        (Object.keys(files) as DocumentFormat[]).map((format) => ({
          companyId,
          invoiceId: id,
          format,
          fileName: names[format],
          contentType: CONTENT_TYPES[format],
          sha256: sha256(files[format]),
          size: files[format].length,
          content: files[format],
        })),
      )
      .onConflictDoNothing();
  });
  return (await archived(db, companyId, id)).map(toFile);
}

function toFile(r: typeof invoiceDocuments.$inferSelect): ArchivedFile {
  return {
    format: r.format as DocumentFormat,
    fileName: r.fileName,
    contentType: r.contentType,
    content: r.content,
    sha256: r.sha256,
  };
}

/** One document for download: an issued invoice's archived bytes; a draft's PDF is a watermarked preview. */
export async function documentFor(
  run: Runner,
  service: InvoicingService,
  ctx: Ctx,
  id: string,
  format: DocumentFormat,
): Promise<ArchivedFile> {
  const inv = await run.read((db) => findInvoice(db, ctx.companyId, id));
  if (!inv) throw notFound();
  if (inv.status !== 'issued') {
    if (format !== 'pdf' || inv.status !== 'draft') throw new DomainError('invoice_not_issued', 409);
    const doc = await run.read((db) => invoiceDocument(db, service, ctx.companyId, inv));
    const content = await renderInvoicePdf(doc, { draft: true });
    return {
      format,
      fileName: `brouillon-${inv.id}.pdf`,
      contentType: 'application/pdf',
      content,
      sha256: sha256(content),
    };
  }
  const files = await ensureDocuments(run.db, service, ctx.companyId, id);
  const f = files.find((x) => x.format === format);
  if (!f) throw new DomainError('invoice_document_missing', 404);
  return f;
}

/** Which archived documents go with the e-mail, as the customer's invoicing preferences say. */
function attachmentsFor(format: string): DocumentFormat[] {
  if (format === 'ubl') return ['pdf', 'ubl'];
  if (format === 'cii') return ['pdf', 'cii'];
  if (format === 'pdf') return ['pdf'];
  return ['facturx'];
}

/** The job: archive the documents, then (when asked) e-mail the archived bytes and stamp the invoice as sent. */
export function createDocumentsHandler(run: Runner, service: InvoicingService): JobHandler {
  return async (job, db) => {
    const id = String(job.payload.invoiceId);
    const files = await ensureDocuments(db, service, job.companyId, id);
    if (!job.payload.send) return;
    const ctx: Ctx = { companyId: job.companyId, userId: null, roles: [], requestId: `job:${job.id}`, lang: 'fr' };
    await run.run(ctx, async (tx) => {
      const inv = await findInvoice(tx, job.companyId, id);
      if (!inv) return;
      const customer = inv.customer as CustomerSnapshot;
      if (!customer.email) return;
      const company = await findCompany(tx, job.companyId);
      const lang = docLang(customer);
      const credit = inv.type === 'credit_note';
      const what = lang === 'fr' ? (credit ? 'Avoir' : 'Facture') : credit ? 'Credit note' : 'Invoice';
      const wanted = attachmentsFor(customer.invoicingFormat);
      await queueMail(tx, job.companyId, {
        to: [customer.email],
        subject: `${what} ${inv.number} — ${company?.name ?? ''}`,
        text:
          lang === 'fr'
            ? `Bonjour,\n\nVeuillez trouver ci-joint notre ${credit ? 'avoir' : 'facture'} ${inv.number} du ${inv.issueDate!.split('-').reverse().join('/')}, d'un montant de ${inv.gross} ${inv.currency} TTC${inv.dueDate && !credit ? `, à régler au plus tard le ${inv.dueDate.split('-').reverse().join('/')}` : ''}.\n\nCordialement,\n${company?.name ?? ''}`
            : `Hello,\n\nPlease find attached our ${credit ? 'credit note' : 'invoice'} ${inv.number} of ${inv.issueDate}, ${inv.gross} ${inv.currency} including VAT${inv.dueDate && !credit ? `, due on ${inv.dueDate}` : ''}.\n\nKind regards,\n${company?.name ?? ''}`,
        attachments: files
          .filter((f) => wanted.includes(f.format))
          .map((f) => ({
            filename: f.fileName,
            contentType: f.contentType,
            contentBase64: f.content.toString('base64'),
          })),
        related: { type: 'invoice', id },
      });
      await tx
        .update(invoices)
        .set({ sentAt: new Date(), updatedAt: new Date() })
        .where(and(eq(invoices.companyId, job.companyId), eq(invoices.id, id)));
    });
  };
}
