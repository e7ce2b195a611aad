import { and, eq } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { uuidv7 } from 'uuidv7';
import type { Db, Tx } from '../db/connection';
import { enqueue, type JobHandler } from '../outbox/outbox';
import { mailMessages } from '../platform.schema';

export type MailInput = {
  to: string[];
  cc?: string[];
  subject: string;
  text: string;
  html?: string;
  /** Attachments as stored documents: name, MIME type, base64 content. */
  attachments?: { filename: string; contentType: string; contentBase64: string }[];
  related?: { type: string; id: string };
};

/**
 * Queues an e-mail in the business transaction: the message row (visible at once in the mailbox screen) and the
 * outbox row that sends it after commit. Never lost: without SMTP the message is kept with status "kept".
 */
export async function queueMail(tx: Tx, companyId: string, mail: MailInput): Promise<string> {
  const id = uuidv7();
  await tx.insert(mailMessages).values({
    companyId,
    id,
    to: mail.to,
    cc: mail.cc ?? [],
    subject: mail.subject,
    text: mail.text,
    html: mail.html ?? null,
    attachments: mail.attachments ?? [],
    related: mail.related ?? null,
    status: 'pending',
  });
  await enqueue(tx, companyId, { topic: 'mail.send', payload: { mailId: id }, dedupeKey: `mail:${id}` });
  return id;
}

export function createMailHandler(opts: { smtpUrl: string | undefined; from: string }): JobHandler {
  const transport = opts.smtpUrl ? nodemailer.createTransport(opts.smtpUrl) : null;
  return async (job, db: Db) => {
    const mailId = String(job.payload.mailId);
    const [mail] = await db
      .select()
      .from(mailMessages)
      .where(and(eq(mailMessages.companyId, job.companyId), eq(mailMessages.id, mailId)));
    if (!mail || mail.status === 'sent' || mail.status === 'kept') return; // idempotent
    if (!transport) {
      await db
        .update(mailMessages)
        .set({ status: 'kept' })
        .where(and(eq(mailMessages.companyId, job.companyId), eq(mailMessages.id, mailId)));
      return;
    }
    const attachments = (mail.attachments as { filename: string; contentType: string; contentBase64: string }[]).map(
      (a) => ({
        filename: a.filename,
        contentType: a.contentType,
        content: Buffer.from(a.contentBase64, 'base64'),
      }),
    );
    try {
      const info = await transport.sendMail({
        from: opts.from,
        to: mail.to,
        cc: mail.cc,
        subject: mail.subject,
        text: mail.text,
        html: mail.html ?? undefined,
        attachments,
        messageId: `<${mail.id}@relais>`,
      });
      await db
        .update(mailMessages)
        .set({ status: 'sent', sentAt: new Date(), messageId: info.messageId, error: null })
        .where(and(eq(mailMessages.companyId, job.companyId), eq(mailMessages.id, mailId)));
    } catch (err) {
      await db
        .update(mailMessages)
        .set({ status: 'failed', error: String(err instanceof Error ? err.message : err) })
        .where(and(eq(mailMessages.companyId, job.companyId), eq(mailMessages.id, mailId)));
      throw err;
    }
  };
}
