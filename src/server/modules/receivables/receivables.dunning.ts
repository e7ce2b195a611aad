/**
 * Dunning runs (relances, DOMAIN.md §5): the reminders due on a date, one per customer and currency at the highest
 * level reached by its invoices, proposed for review; sending queues the e-mails through the outbox and records
 * each invoice's level (the next run starts above it). Paid, credited or disputed invoices (lifecycle 207 « En
 * litige ») drop out by themselves: only open, undisputed items are read.
 */
import { and, asc, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Queryable } from '@server/platform/db/connection';
import { rows } from '@server/platform/db/connection';
import type { Ctx, Runner } from '@server/platform/db/runner';
import { DomainError, notFound } from '@server/platform/errors';
import { queueMail } from '@server/platform/mail/mail';
import { findCompany } from '@server/modules/companies';
import { invoiceSettingsOf, parisToday } from '@server/modules/invoicing';
import { toMoneyString } from '@shared/decimal';
import type { DunningLetter, DunningRun } from '@shared/api/receivables';
import {
  DEFAULT_DUNNING_LEVELS,
  dunningText,
  groupReminders,
  penaltiesFor,
  type DunningItem,
  type DunningLevel,
} from './domain/dunning';
import { dunningLetters, dunningRuns, invoiceDunning } from './receivables.schema';

type Clock = () => Date;

function letterDto(l: typeof dunningLetters.$inferSelect, customerName: string): DunningLetter {
  return {
    id: l.id,
    runId: l.runId,
    customerId: l.customerId,
    customerName,
    currency: l.currency,
    level: l.level,
    levelName: l.levelName,
    channel: l.channel,
    email: l.email,
    subject: l.subject,
    body: l.body,
    items: l.items as DunningLetter['items'],
    total: toMoneyString(l.total, 2),
    status: l.status as DunningLetter['status'],
    sentAt: l.sentAt ? new Date(l.sentAt).toISOString() : null,
    createdAt: new Date(l.createdAt).toISOString(),
  };
}

async function namesOf(q: Queryable, companyId: string, ids: string[]) {
  if (!ids.length) return new Map<string, string>();
  const found = await rows<{ id: string; name: string }>(
    q,
    sql`select id, name from customers where company_id = ${companyId} and id in (${sql.join(
      [...new Set(ids)].map((x) => sql`${x}`),
      sql`, `,
    )})`,
  );
  return new Map(found.map((r) => [r.id, r.name]));
}

export function createDunning(deps: { run: Runner; clock?: Clock }) {
  const { run } = deps;
  const clock = deps.clock ?? (() => new Date());

  async function runDto(q: Queryable, companyId: string, id: string): Promise<DunningRun> {
    const [r] = await q
      .select()
      .from(dunningRuns)
      .where(and(eq(dunningRuns.companyId, companyId), eq(dunningRuns.id, id)));
    if (!r) throw notFound();
    const letters = await q
      .select()
      .from(dunningLetters)
      .where(and(eq(dunningLetters.companyId, companyId), eq(dunningLetters.runId, id)))
      .orderBy(desc(dunningLetters.level), asc(dunningLetters.id));
    const names = await namesOf(
      q,
      companyId,
      letters.map((l) => l.customerId),
    );
    return {
      id: r.id,
      asOf: r.asOf,
      letters: letters.map((l) => letterDto(l, names.get(l.customerId) ?? '')),
      createdAt: new Date(r.createdAt).toISOString(),
    };
  }

  return {
    /** Proposes the reminders due on `asOf` (nothing is sent): one letter per customer and currency. */
    async propose(ctx: Ctx, asOf?: string) {
      const date = asOf ?? parisToday(clock());
      return run.run(ctx, async (tx) => {
        const settings = await invoiceSettingsOf(tx, ctx.companyId);
        const levels = (settings.dunningLevels as DunningLevel[] | null) ?? DEFAULT_DUNNING_LEVELS;
        const company = await findCompany(tx, ctx.companyId);
        if (!company) throw notFound();
        const open = await rows<{
          id: string;
          number: string;
          customer_id: string;
          currency: string;
          issue_date: string;
          due_date: string;
          amount_due: string;
          lifecycle_code: string | null;
          last_level: number | null;
          name: string;
          email: string | null;
          language: string;
          address: { line1: string; postalCode: string; city: string } | null;
        }>(
          tx,
          sql`select i.id, i.number, i.customer_id, i.currency, i.issue_date::text as issue_date,
                     i.due_date::text as due_date, i.amount_due::text as amount_due, i.lifecycle_code,
                     (select max(d.level) from invoice_dunning d where d.company_id = i.company_id and d.invoice_id = i.id) as last_level,
                     i.customer->>'name' as name, i.customer->>'email' as email, i.customer->>'language' as language,
                     i.customer->'billingAddress' as address
              from invoices i
              where i.company_id = ${ctx.companyId} and i.type = 'invoice' and i.status = 'issued'
                and i.amount_due > 0 and i.due_date is not null`,
        );
        const items: (DunningItem & { issueDate: string })[] = open.map((r) => ({
          id: r.id,
          number: r.number,
          customerId: r.customer_id,
          currency: r.currency,
          dueDate: r.due_date,
          issueDate: r.issue_date,
          amountDue: toMoneyString(r.amount_due, 2),
          disputed: r.lifecycle_code === '207',
          lastLevelSent: r.last_level === null ? null : Number(r.last_level),
        }));
        const reminders = groupReminders(items, date, levels);
        const id = uuidv7();
        await tx.insert(dunningRuns).values({ companyId: ctx.companyId, id, asOf: date, createdBy: ctx.userId });
        for (const rem of reminders) {
          const who = open.find((r) => r.customer_id === rem.customerId)!;
          const lang = who.language === 'fr' ? 'fr' : 'en';
          const withPenalties = rem.level.includesPenalties;
          const letterItems = rem.items.map((i) => {
            const p = withPenalties
              ? penaltiesFor(i, date, settings.latePenaltyRate, settings.recoveryIndemnity)
              : null;
            return {
              invoiceId: i.id,
              number: i.number,
              issueDate: i.issueDate,
              dueDate: i.dueDate,
              amountDue: i.amountDue,
              level: i.level,
              daysOverdue: Math.max(0, i.daysOverdue),
              interest: p ? p.interest : null,
              indemnity: p ? p.indemnity : null,
            };
          });
          const text = dunningText(
            rem.level,
            lang,
            {
              creditor: { name: company.name, email: company.email, phone: company.phone },
              debtor: {
                name: who.name,
                address: who.address ? `${who.address.line1}, ${who.address.postalCode} ${who.address.city}` : null,
              },
              date,
              currency: rem.currency,
              items: letterItems,
              payment: company.iban ? { iban: company.iban, bic: company.bic } : null,
              ratePercent: settings.latePenaltyRate,
              indemnity: settings.recoveryIndemnity,
            },
            levels,
          );
          await tx.insert(dunningLetters).values({
            companyId: ctx.companyId,
            id: uuidv7(),
            runId: id,
            customerId: rem.customerId,
            currency: rem.currency,
            level: rem.level.level,
            levelName: rem.level.name,
            channel: rem.level.channel,
            email: who.email,
            language: lang,
            subject: text.subject,
            body: text.body,
            items: letterItems,
            total: rem.total,
          });
        }
        return runDto(tx, ctx.companyId, id);
      });
    },

    get: (ctx: Ctx, id: string) => run.read((db) => runDto(db, ctx.companyId, id)),

    async list(ctx: Ctx, f: { limit: number; cursor?: string | undefined }) {
      return run.read(async (db) => {
        const found = await db
          .select({ id: dunningRuns.id })
          .from(dunningRuns)
          .where(and(eq(dunningRuns.companyId, ctx.companyId), f.cursor ? lt(dunningRuns.id, f.cursor) : undefined))
          .orderBy(desc(dunningRuns.id))
          .limit(f.limit + 1);
        const page = found.slice(0, f.limit);
        const data = [];
        for (const r of page) data.push(await runDto(db, ctx.companyId, r.id));
        return { data, nextCursor: found.length > f.limit ? page[page.length - 1]!.id : null };
      });
    },

    /**
     * Sends the chosen proposed letters (default: all of the run's): each e-mail is queued in the outbox and each
     * invoice's level recorded. Letters whose invoices were paid or disputed meanwhile are cancelled, not sent.
     */
    async send(ctx: Ctx, runId: string, letterIds?: string[]) {
      return run.run(ctx, async (tx) => {
        const letters = await tx
          .select()
          .from(dunningLetters)
          .where(
            and(
              eq(dunningLetters.companyId, ctx.companyId),
              eq(dunningLetters.runId, runId),
              eq(dunningLetters.status, 'proposed'),
              letterIds
                ? inArray(dunningLetters.id, letterIds.length ? letterIds : ['00000000-0000-0000-0000-000000000000'])
                : undefined,
            ),
          )
          .for('update');
        const [exists] = await tx
          .select({ id: dunningRuns.id })
          .from(dunningRuns)
          .where(and(eq(dunningRuns.companyId, ctx.companyId), eq(dunningRuns.id, runId)));
        if (!exists) throw notFound();
        const now = clock();
        for (const l of letters) {
          const its = l.items as { invoiceId: string; level: number }[];
          const still = await rows<{ id: string }>(
            tx,
            sql`select id from invoices where company_id = ${ctx.companyId} and id in (${sql.join(
              its.map((i) => sql`${i.invoiceId}`),
              sql`, `,
            )}) and amount_due > 0 and coalesce(lifecycle_code, '') <> '207'`,
          );
          if (!still.length || !l.email) {
            await tx
              .update(dunningLetters)
              .set({ status: 'cancelled' })
              .where(and(eq(dunningLetters.companyId, ctx.companyId), eq(dunningLetters.id, l.id)));
            continue;
          }
          const mailId = await queueMail(tx, ctx.companyId, {
            to: [l.email],
            subject: l.subject,
            text: l.body,
            related: { type: 'dunning_letter', id: l.id },
          });
          await tx
            .update(dunningLetters)
            .set({ status: 'sent', mailId, sentAt: now, sentBy: ctx.userId })
            .where(and(eq(dunningLetters.companyId, ctx.companyId), eq(dunningLetters.id, l.id)));
          await tx.insert(invoiceDunning).values(
            its
              .filter((i) => still.some((s) => s.id === i.invoiceId))
              .map((i) => ({
                companyId: ctx.companyId,
                id: uuidv7(),
                invoiceId: i.invoiceId,
                letterId: l.id,
                level: i.level,
                sentAt: now,
              })),
          );
        }
        return runDto(tx, ctx.companyId, runId);
      });
    },

    async cancel(ctx: Ctx, letterId: string) {
      return run.run(ctx, async (tx) => {
        const [l] = await tx
          .select()
          .from(dunningLetters)
          .where(and(eq(dunningLetters.companyId, ctx.companyId), eq(dunningLetters.id, letterId)))
          .for('update');
        if (!l) throw notFound();
        if (l.status !== 'proposed') throw new DomainError('letter_not_proposed', 409);
        await tx
          .update(dunningLetters)
          .set({ status: 'cancelled' })
          .where(and(eq(dunningLetters.companyId, ctx.companyId), eq(dunningLetters.id, letterId)));
        const names = await namesOf(tx, ctx.companyId, [l.customerId]);
        return letterDto({ ...l, status: 'cancelled' }, names.get(l.customerId) ?? '');
      });
    },

    /** Letters of a customer or about an invoice, newest first (the history on the customer and invoice pages). */
    async history(ctx: Ctx, f: { customerId?: string | undefined; invoiceId?: string | undefined }) {
      return run.read(async (db) => {
        const found = await db
          .select()
          .from(dunningLetters)
          .where(
            and(
              eq(dunningLetters.companyId, ctx.companyId),
              f.customerId ? eq(dunningLetters.customerId, f.customerId) : undefined,
              f.invoiceId
                ? sql`${dunningLetters.items} @> ${JSON.stringify([{ invoiceId: f.invoiceId }])}::jsonb`
                : undefined,
            ),
          )
          .orderBy(desc(dunningLetters.createdAt))
          .limit(200);
        const names = await namesOf(
          db,
          ctx.companyId,
          found.map((l) => l.customerId),
        );
        return found.map((l) => letterDto(l, names.get(l.customerId) ?? ''));
      });
    },
  };
}

export type Dunning = ReturnType<typeof createDunning>;
