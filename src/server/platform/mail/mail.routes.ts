import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam, problemSchema } from '@shared/api/common';
import type { Runner } from '../db/runner';
import { notFound } from '../errors';
import { ctxOf } from '../http/app';
import { mailMessages } from '../platform.schema';

const mailSummary = z.object({
  id: z.string(),
  to: z.array(z.string()),
  subject: z.string(),
  status: z.string(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  error: z.string().nullable(),
  related: z.unknown().nullable(),
});
const mailDetail = mailSummary.extend({
  cc: z.array(z.string()),
  text: z.string(),
  html: z.string().nullable(),
  attachments: z.array(z.object({ filename: z.string(), contentType: z.string(), size: z.number() })),
});

type Row = typeof mailMessages.$inferSelect;
const summary = (m: Row) => ({
  id: m.id,
  to: m.to,
  subject: m.subject,
  status: m.status,
  createdAt: m.createdAt.toISOString(),
  sentAt: m.sentAt?.toISOString() ?? null,
  error: m.error,
  related: m.related,
});

/** The mailbox of what Relais sent (or kept, without SMTP): nothing is ever lost silently. */
export const mailRoutes =
  (run: Runner): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/mails',
      {
        config: { permission: 'mails:read' },
        schema: {
          tags: ['mails'],
          querystring: z.object({
            limit: z.coerce.number().int().min(1).max(500).default(50),
            cursor: z.string().uuid().optional(),
          }),
          response: {
            200: z.object({ data: z.array(mailSummary), nextCursor: z.string().nullable() }),
            401: problemSchema,
            403: problemSchema,
          },
        },
      },
      async (req) => {
        const { companyId } = ctxOf(req);
        const found = await run.read((db) =>
          db
            .select()
            .from(mailMessages)
            .where(
              and(
                eq(mailMessages.companyId, companyId),
                req.query.cursor ? lt(mailMessages.id, req.query.cursor) : sql`true`,
              ),
            )
            .orderBy(desc(mailMessages.id))
            .limit(req.query.limit + 1),
        );
        const more = found.length > req.query.limit;
        const page = found.slice(0, req.query.limit);
        return { data: page.map(summary), nextCursor: more ? page[page.length - 1]!.id : null };
      },
    );
    app.get(
      '/mails/:id',
      {
        config: { permission: 'mails:read' },
        schema: { tags: ['mails'], params: idParam, response: { 200: mailDetail, 404: problemSchema } },
      },
      async (req) => {
        const { companyId } = ctxOf(req);
        const [m] = await run.read((db) =>
          db
            .select()
            .from(mailMessages)
            .where(and(eq(mailMessages.companyId, companyId), eq(mailMessages.id, req.params.id))),
        );
        if (!m) throw notFound();
        const atts = m.attachments as { filename: string; contentType: string; contentBase64: string }[];
        return {
          ...summary(m),
          cc: m.cc,
          text: m.text,
          html: m.html,
          attachments: atts.map((a) => ({
            filename: a.filename,
            contentType: a.contentType,
            size: Buffer.from(a.contentBase64, 'base64').length,
          })),
        };
      },
    );
  };
