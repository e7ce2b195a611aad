/**
 * Dunning (relances, DOMAIN.md §5): which reminder level is due, reminders grouped per customer, late-payment
 * penalties (DOMAIN.md §4, `@shared/late-payment`) and the reminder texts in French and English. Pure: no I/O, no
 * clock; dates ISO 'YYYY-MM-DD', amounts decimal strings.
 *
 * RULES
 * - Levels are per company data; `offsetDays` is relative to the due date (-5 = 5 days before). A level is
 *   reached on asOf when dueDate + offsetDays ≤ asOf.
 * - dueDunningLevel: null when nothing is due (amountDue ≤ 0: paid or credited), when disputed (litige), or when
 *   no level is reached; else the highest level reached, unless it is not above `lastLevelSent` (never sends the
 *   same level twice, never goes back down). Levels in between may be skipped: an invoice first seen 20 days late
 *   gets the second reminder, not the courtesy one.
 * - groupReminders: one reminder per customer and currency, at the highest level due among its items; `items` are
 *   the items with a level due, each with its own `level` (the value to record as its lastLevelSent) and days
 *   overdue; `alsoOverdue` the customer's other overdue items (not disputed, no new level due) the letter may
 *   list. Reminders sorted by customer then currency, items by due date then number.
 * - penaltiesFor: days late = calendar days from the due date to asOf (0 before it); interest = amount × days ×
 *   rate / 365, half-up to the cent; the fixed indemnity (default €40.00) once the invoice is late, else 0.
 *   DOMAIN example: 12,000.00 due 2026-03-16, on 2026-04-15 at 12.15 % → 30 days, 119.84 + 40.00 (7.86 % → 77.52).
 * - dunningText tone, from the level and the company's ladder: formalNotice → 'formal_notice'; offsetDays ≤ 0 →
 *   'courtesy'; no penalties → 'reminder' ("sauf erreur de notre part", dispute invitation); penalties and the next
 *   level is the formal notice (or there is none) → 'final' (penalties, €40 indemnity, delivery / credit hold,
 *   formal notice announced); otherwise → 'firm' (penalties and indemnity now due, asks for a payment date).
 *   The formal notice (mise en demeure, C. civ. 1344) carries the title, date, creditor and debtor, the facts
 *   (invoices, amounts, due dates, penalties), the demand to pay, the deadline (default 8 days from receipt) and
 *   the consequence (court action: injonction de payer; deliveries suspended).
 */
import { daysBetween } from '@shared/dates';
import { dec, Decimal, sum, toMoneyString } from '@shared/decimal';
import { DEFAULT_RECOVERY_INDEMNITY_EUR, daysLate, latePaymentInterest, recoveryIndemnity } from '@shared/late-payment';
import { formatDate, formatIban, formatMoney, formatPercent } from '@server/platform/pdf/pdf';

export type DunningLevel = {
  level: number;
  name: string;
  /** relative to the due date: -5 = 5 days before */
  offsetDays: number;
  channel: 'email' | 'letter';
  includesPenalties: boolean;
  formalNotice: boolean;
};

/** DOMAIN §5 ladder: courtesy D−5, reminder D+1, second reminder D+15, last reminder D+30, mise en demeure D+45. */
export const DEFAULT_DUNNING_LEVELS: DunningLevel[] = [
  { level: 0, name: 'courtesy', offsetDays: -5, channel: 'email', includesPenalties: false, formalNotice: false },
  { level: 1, name: 'reminder', offsetDays: 1, channel: 'email', includesPenalties: false, formalNotice: false },
  {
    level: 2,
    name: 'second_reminder',
    offsetDays: 15,
    channel: 'email',
    includesPenalties: true,
    formalNotice: false,
  },
  { level: 3, name: 'last_reminder', offsetDays: 30, channel: 'email', includesPenalties: true, formalNotice: false },
  { level: 4, name: 'formal_notice', offsetDays: 45, channel: 'letter', includesPenalties: true, formalNotice: true },
];

export type DunningLevelIssue = {
  code: 'dunning_level_invalid' | 'dunning_level_duplicate' | 'dunning_offsets_not_increasing';
  params: { level: number };
};

/**
 * Problems of a company ladder: level numbers must be distinct integers ≥ 0 and offsetDays integers; ordered by
 * level, offsets must strictly increase (otherwise a higher level would be reached first).
 */
export function validateDunningLevels(levels: DunningLevel[]): DunningLevelIssue[] {
  const issues: DunningLevelIssue[] = [];
  const seen = new Set<number>();
  for (const l of levels) {
    if (!Number.isInteger(l.level) || l.level < 0 || !Number.isInteger(l.offsetDays)) {
      issues.push({ code: 'dunning_level_invalid', params: { level: l.level } });
    } else if (seen.has(l.level)) issues.push({ code: 'dunning_level_duplicate', params: { level: l.level } });
    seen.add(l.level);
  }
  const sorted = levels
    .filter((l) => Number.isInteger(l.level) && l.level >= 0 && Number.isInteger(l.offsetDays))
    .sort((a, b) => a.level - b.level);
  sorted.forEach((l, k) => {
    const previous = sorted[k - 1];
    if (previous !== undefined && previous.level !== l.level && l.offsetDays <= previous.offsetDays) {
      issues.push({ code: 'dunning_offsets_not_increasing', params: { level: l.level } });
    }
  });
  return issues;
}

/** The highest level reached on `asOf` and not sent yet; null when paid, disputed or nothing is due. */
export function dueDunningLevel(
  item: { dueDate: string; amountDue: string; disputed: boolean; lastLevelSent: number | null },
  asOf: string,
  levels: DunningLevel[],
): DunningLevel | null {
  if (item.disputed || dec(item.amountDue).lessThanOrEqualTo(0)) return null;
  const days = daysBetween(item.dueDate, asOf);
  let reached: DunningLevel | null = null;
  for (const l of levels) if (l.offsetDays <= days && (reached === null || l.level > reached.level)) reached = l;
  if (reached === null) return null;
  if (item.lastLevelSent !== null && reached.level <= item.lastLevelSent) return null;
  return reached;
}

export type DunningItem = {
  id: string;
  number: string;
  customerId: string;
  currency: string;
  dueDate: string;
  amountDue: string;
  disputed: boolean;
  lastLevelSent: number | null;
};
export type Reminder<T extends DunningItem = DunningItem> = {
  customerId: string;
  currency: string;
  /** the highest level due among the items */
  level: DunningLevel;
  /** items with a level due now; record `level` as each one's lastLevelSent once sent */
  items: (T & { level: number; daysOverdue: number })[];
  /** the customer's other overdue items (already reminded at their current level), for the statement */
  alsoOverdue: (T & { daysOverdue: number })[];
  /** Σ amountDue of `items` */
  total: string;
};

/** One reminder per customer and currency, at the highest level due among the customer's items. */
export function groupReminders<T extends DunningItem>(items: T[], asOf: string, levels: DunningLevel[]): Reminder<T>[] {
  const groups = new Map<string, { customerId: string; currency: string; due: Reminder<T>['items']; other: T[] }>();
  for (const item of items) {
    const key = JSON.stringify([item.customerId, item.currency]);
    const group = groups.get(key) ?? { customerId: item.customerId, currency: item.currency, due: [], other: [] };
    groups.set(key, group);
    const level = dueDunningLevel(item, asOf, levels);
    if (level !== null) group.due.push({ ...item, level: level.level, daysOverdue: daysBetween(item.dueDate, asOf) });
    else group.other.push(item);
  }
  const byDue = (a: { dueDate: string; number: string }, b: { dueDate: string; number: string }): number =>
    a.dueDate.localeCompare(b.dueDate) || a.number.localeCompare(b.number);
  const reminders: Reminder<T>[] = [];
  for (const g of groups.values()) {
    if (g.due.length === 0) continue;
    const top = Math.max(...g.due.map((i) => i.level));
    const level = levels.find((l) => l.level === top)!;
    const alsoOverdue = g.other
      .filter((i) => !i.disputed && dec(i.amountDue).greaterThan(0) && daysBetween(i.dueDate, asOf) > 0)
      .map((i) => ({ ...i, daysOverdue: daysBetween(i.dueDate, asOf) }))
      .sort(byDue);
    const decimals = Math.max(2, ...g.due.map((i) => i.amountDue.split('.')[1]?.length ?? 0));
    reminders.push({
      customerId: g.customerId,
      currency: g.currency,
      level,
      items: g.due.sort(byDue),
      alsoOverdue,
      total: toMoneyString(sum(g.due.map((i) => i.amountDue)), decimals),
    });
  }
  return reminders.sort((a, b) => a.customerId.localeCompare(b.customerId) || a.currency.localeCompare(b.currency));
}

/** Late-payment interest and fixed indemnity of an item on `asOf` (see the module comment). */
export function penaltiesFor(
  item: { amountDue: string; dueDate: string },
  asOf: string,
  ratePercent: string,
  indemnity: string = DEFAULT_RECOVERY_INDEMNITY_EUR,
): { days: number; interest: string; indemnity: string } {
  const amount = Decimal.max(dec(item.amountDue), 0);
  const days = amount.isZero() ? 0 : daysLate(item.dueDate, asOf);
  const interest = latePaymentInterest({
    amount,
    dueDate: item.dueDate,
    paidDate: asOf,
    annualRatePercent: ratePercent,
  });
  const fixed = recoveryIndemnity({ amountEur: indemnity });
  return { days, interest, indemnity: days > 0 ? fixed : '0.00' };
}

// ---------------------------------------------------------------------------------------------- texts

export type DunningTone = 'courtesy' | 'reminder' | 'firm' | 'final' | 'formal_notice';

export type DunningTextData = {
  creditor: { name: string; address?: string | null; email?: string | null; phone?: string | null };
  debtor: { name: string; address?: string | null };
  /** date of the reminder (ISO) */
  date: string;
  currency: string;
  /** the invoices concerned; interest / indemnity as computed by `penaltiesFor`, when shown */
  items: {
    number: string;
    issueDate?: string | null;
    dueDate: string;
    amountDue: string;
    interest?: string | null;
    indemnity?: string | null;
  }[];
  payment?: { iban: string; bic?: string | null } | null;
  /** annual late-payment rate in force, e.g. '12.15' */
  ratePercent?: string | null;
  /** fixed recovery indemnity per invoice, default '40.00' (EUR) */
  indemnity?: string | null;
  /** formal notice: days from receipt to pay, default 8 */
  deadlineDays?: number;
  /** signatory (name and role); the creditor's name when absent */
  signature?: string | null;
};

/** The tone of a level within the company's ladder (see the module comment). */
export function dunningTone(level: DunningLevel, levels: DunningLevel[] = DEFAULT_DUNNING_LEVELS): DunningTone {
  if (level.formalNotice) return 'formal_notice';
  if (level.offsetDays <= 0) return 'courtesy';
  if (!level.includesPenalties) return 'reminder';
  const next = levels.filter((l) => l.level > level.level).sort((a, b) => a.level - b.level)[0];
  return next === undefined || next.formalNotice ? 'final' : 'firm';
}

/** Subject and plain-text body of a reminder at `level`, polite to firm, in French or English. */
export function dunningText(
  level: DunningLevel,
  lang: 'fr' | 'en',
  data: DunningTextData,
  levels: DunningLevel[] = DEFAULT_DUNNING_LEVELS,
): { subject: string; body: string } {
  if (data.items.length === 0) throw new RangeError('a reminder needs at least one item');
  const tone = dunningTone(level, levels);
  const t = lang === 'fr' ? fr : en;
  const ctx = context(data, lang, tone);
  return { subject: t.subject(tone, ctx), body: t.body(tone, ctx).join('\n\n') };
}

type TextContext = {
  d: DunningTextData;
  n: number;
  first: string;
  money: (amount: string) => string;
  date: (iso: string) => string;
  lines: string[];
  principal: string;
  interest: string | null;
  indemnities: string | null;
  grandTotal: string;
  rate: string | null;
  indemnity: string;
  deadline: number;
};

function context(d: DunningTextData, lang: 'fr' | 'en', tone: DunningTone): TextContext {
  const money = (amount: string): string => formatMoney(amount, d.currency, lang);
  const date = (iso: string): string => formatDate(iso, lang);
  const withPenalties = tone === 'firm' || tone === 'final' || tone === 'formal_notice';
  const hasInterest = d.items.some((i) => i.interest != null);
  const hasIndemnity = d.items.some((i) => i.indemnity != null);
  const principal = sum(d.items.map((i) => i.amountDue));
  const interest = sum(d.items.map((i) => i.interest ?? '0'));
  const indemnities = sum(d.items.map((i) => i.indemnity ?? '0'));
  const lines = d.items.map((i) => {
    const late = Math.max(0, daysBetween(i.dueDate, d.date));
    const penalties =
      withPenalties && (i.interest != null || i.indemnity != null)
        ? lang === 'fr'
          ? ` ; pénalités ${money(i.interest ?? '0')}, indemnité ${money(i.indemnity ?? '0')}`
          : `; interest ${money(i.interest ?? '0')}, indemnity ${money(i.indemnity ?? '0')}`
        : '';
    if (lang === 'fr') {
      const issued = i.issueDate ? ` du ${date(i.issueDate)}` : '';
      const due =
        tone === 'courtesy' || late === 0
          ? `échéance le ${date(i.dueDate)}`
          : `échue le ${date(i.dueDate)} (${late} jour${late > 1 ? 's' : ''} de retard)`;
      return `- Facture ${i.number}${issued}, ${due} : ${money(i.amountDue)}${penalties}`;
    }
    const issued = i.issueDate ? ` of ${date(i.issueDate)}` : '';
    const due =
      tone === 'courtesy' || late === 0
        ? `due ${date(i.dueDate)}`
        : `due ${date(i.dueDate)} (${late} day${late > 1 ? 's' : ''} overdue)`;
    return `- Invoice ${i.number}${issued}, ${due}: ${money(i.amountDue)}${penalties}`;
  });
  return {
    d,
    n: d.items.length,
    first: d.items[0]!.number,
    money: (a) => money(a),
    date,
    lines,
    principal: toMoneyString(principal, 2),
    interest: withPenalties && hasInterest ? toMoneyString(interest, 2) : null,
    indemnities: withPenalties && hasIndemnity ? toMoneyString(indemnities, 2) : null,
    grandTotal: toMoneyString(principal.plus(withPenalties ? interest.plus(indemnities) : 0), 2),
    rate: d.ratePercent ? formatPercent(d.ratePercent, lang) : null,
    indemnity: formatMoney(d.indemnity ?? DEFAULT_RECOVERY_INDEMNITY_EUR, 'EUR', lang),
    deadline: d.deadlineDays ?? 8,
  };
}

type Texts = {
  subject: (tone: DunningTone, c: TextContext) => string;
  body: (tone: DunningTone, c: TextContext) => string[];
};

const fr: Texts = {
  subject(tone, c) {
    const one = c.n === 1;
    switch (tone) {
      case 'courtesy':
        return one
          ? `Rappel : facture ${c.first} à échéance le ${c.date(c.d.items[0]!.dueDate)}`
          : `Rappel : ${c.n} factures arrivent à échéance`;
      case 'reminder':
        return one ? `Relance : facture ${c.first} échue` : `Relance : ${c.n} factures échues`;
      case 'firm':
        return one ? `Deuxième relance : facture ${c.first} impayée` : `Deuxième relance : ${c.n} factures impayées`;
      case 'final':
        return one
          ? `Dernière relance avant mise en demeure : facture ${c.first}`
          : `Dernière relance avant mise en demeure : ${c.n} factures impayées`;
      case 'formal_notice':
        return `Mise en demeure de payer la somme de ${c.money(c.grandTotal)}`;
    }
  },
  body(tone, c) {
    const one = c.n === 1;
    const list = [...c.lines, `${tone === 'courtesy' ? 'Total' : 'Total dû'} : ${c.money(c.principal)}`].join('\n');
    const pay = c.d.payment
      ? `Règlement par virement : IBAN ${formatIban(c.d.payment.iban)}${c.d.payment.bic ? `, BIC ${c.d.payment.bic}` : ''}, en rappelant ${one ? 'le numéro de facture' : 'les numéros de facture'} en référence.`
      : null;
    const contact = [c.d.creditor.email, c.d.creditor.phone].filter(Boolean).join(' – ');
    const contactLine = contact ? `Pour toute question : ${contact}.` : null;
    const dispute = `Si vous contestez tout ou partie de ${one ? 'cette facture' : 'ces factures'}, merci de nous le signaler sans attendre en précisant le motif.`;
    const already = 'Si votre règlement a été effectué entre-temps, merci de ne pas tenir compte de ce message.';
    const rate = c.rate ? `au taux annuel de ${c.rate}` : 'au taux prévu par nos conditions générales de vente';
    const penalties =
      `Conformément à l’article L441-10 du Code de commerce, tout retard de paiement entraîne de plein droit, dès le ` +
      `lendemain de la date d’échéance et sans qu’un rappel soit nécessaire, des pénalités de retard ${rate} ainsi ` +
      `qu’une indemnité forfaitaire pour frais de recouvrement de ${c.indemnity} par facture.`;
    const computed =
      c.interest !== null || c.indemnities !== null
        ? `Au ${c.date(c.d.date)}, les pénalités s’élèvent à ${c.money(c.interest ?? '0')} et les indemnités forfaitaires à ${c.money(c.indemnities ?? '0')}, soit un total dû de ${c.money(c.grandTotal)}.`
        : null;
    const closing = ['Cordialement,', c.d.signature ?? c.d.creditor.name].join('\n');
    const hello = 'Madame, Monsieur,';
    switch (tone) {
      case 'courtesy':
        return compact([
          hello,
          `Nous nous permettons de vous rappeler que ${one ? 'la facture suivante arrive' : 'les factures suivantes arrivent'} prochainement à échéance :\n${list}`,
          pay,
          'Si votre règlement est déjà en cours, merci de ne pas tenir compte de ce message.',
          contactLine,
          closing,
        ]);
      case 'reminder':
        return compact([
          hello,
          `Sauf erreur de notre part, ${one ? 'la facture suivante reste impayée' : 'les factures suivantes restent impayées'} à ce jour :\n${list}`,
          `Nous vous remercions de bien vouloir procéder à ${one ? 'son' : 'leur'} règlement dans les meilleurs délais. ${one ? 'Une copie de la facture est jointe' : 'Une copie des factures est jointe'} à ce message.`,
          pay,
          dispute,
          already,
          contactLine,
          closing,
        ]);
      case 'firm':
        return compact([
          hello,
          `Malgré notre précédente relance, ${one ? 'la facture suivante reste impayée' : 'les factures suivantes restent impayées'} :\n${list}`,
          penalties,
          computed,
          'Nous vous demandons de régler cette somme sans délai ou de nous indiquer par retour la date à laquelle le règlement interviendra.',
          pay,
          dispute,
          contactLine,
          closing,
        ]);
      case 'final':
        return compact([
          hello,
          `Malgré nos relances, ${one ? 'la facture suivante reste impayée' : 'les factures suivantes restent impayées'} :\n${list}`,
          penalties,
          computed,
          `Sans règlement de votre part sous ${c.deadline} jours, nous serons contraints de suspendre toute nouvelle livraison et de bloquer vos commandes en cours (blocage de votre compte), puis de vous adresser une mise en demeure avant d’engager une procédure de recouvrement judiciaire.`,
          pay,
          contactLine,
          closing,
        ]);
      case 'formal_notice':
        return compact([
          'MISE EN DEMEURE\nLettre recommandée avec accusé de réception',
          compact([c.d.creditor.name, c.d.creditor.address]).join('\n'),
          `À l’attention de :\n${compact([c.d.debtor.name, c.d.debtor.address]).join('\n')}`,
          `Le ${c.date(c.d.date)}`,
          `Objet : mise en demeure de payer la somme de ${c.money(c.grandTotal)}`,
          hello,
          `Malgré nos relances restées sans effet, vous restez redevable envers ${c.d.creditor.name} des sommes suivantes :\n${[
            ...c.lines,
            `Principal : ${c.money(c.principal)}`,
            ...(c.interest !== null
              ? [
                  `Pénalités de retard${c.rate ? ` (taux annuel ${c.rate})` : ''} au ${c.date(c.d.date)} : ${c.money(c.interest)}`,
                ]
              : []),
            ...(c.indemnities !== null
              ? [
                  `Indemnités forfaitaires pour frais de recouvrement (${c.indemnity} par facture) : ${c.money(c.indemnities)}`,
                ]
              : []),
            `Total : ${c.money(c.grandTotal)}`,
          ].join('\n')}`,
          `Par la présente, nous vous mettons en demeure de nous régler la somme de ${c.money(c.grandTotal)} dans un délai de ${c.deadline} jours à compter de la réception de ce courrier. ${
            c.interest === null
              ? `Cette somme est majorée des pénalités de retard ${rate} (article L441-10 du Code de commerce) et de l’indemnité forfaitaire pour frais de recouvrement de ${c.indemnity} par facture.`
              : 'Les pénalités de retard continuent de courir jusqu’au complet paiement.'
          }`,
          `À défaut de paiement dans ce délai, nous saisirons sans autre avis la juridiction compétente, notamment par une requête en injonction de payer auprès du tribunal de commerce, afin d’obtenir le recouvrement de notre créance. Les livraisons restent suspendues jusqu’au règlement.`,
          'La présente lettre vaut mise en demeure au sens de l’article 1344 du Code civil.',
          pay,
          [
            'Veuillez agréer, Madame, Monsieur, l’expression de nos salutations distinguées.',
            c.d.signature ?? c.d.creditor.name,
          ].join('\n'),
        ]);
    }
  },
};

const en: Texts = {
  subject(tone, c) {
    const one = c.n === 1;
    switch (tone) {
      case 'courtesy':
        return one
          ? `Friendly reminder: invoice ${c.first} due on ${c.date(c.d.items[0]!.dueDate)}`
          : `Friendly reminder: ${c.n} invoices falling due`;
      case 'reminder':
        return one ? `Reminder: invoice ${c.first} is overdue` : `Reminder: ${c.n} overdue invoices`;
      case 'firm':
        return one ? `Second reminder: invoice ${c.first} unpaid` : `Second reminder: ${c.n} unpaid invoices`;
      case 'final':
        return one
          ? `Final reminder before formal notice: invoice ${c.first}`
          : `Final reminder before formal notice: ${c.n} unpaid invoices`;
      case 'formal_notice':
        return `Formal notice to pay ${c.money(c.grandTotal)}`;
    }
  },
  body(tone, c) {
    const one = c.n === 1;
    const list = [...c.lines, `${tone === 'courtesy' ? 'Total' : 'Total due'}: ${c.money(c.principal)}`].join('\n');
    const pay = c.d.payment
      ? `Payment by bank transfer: IBAN ${formatIban(c.d.payment.iban)}${c.d.payment.bic ? `, BIC ${c.d.payment.bic}` : ''}, quoting the invoice ${one ? 'number' : 'numbers'} as reference.`
      : null;
    const contact = [c.d.creditor.email, c.d.creditor.phone].filter(Boolean).join(' – ');
    const contactLine = contact ? `For any question: ${contact}.` : null;
    const dispute = `If you dispute all or part of ${one ? 'this invoice' : 'these invoices'}, please let us know without delay, stating the reason.`;
    const already = 'If you have paid in the meantime, please disregard this message.';
    const rate = c.rate ? `at the annual rate of ${c.rate}` : 'at the rate set in our terms and conditions of sale';
    const penalties =
      `Under article L441-10 of the French Commercial Code, any late payment automatically incurs, from the day after ` +
      `the due date and without any reminder being required, late-payment interest ${rate} and a fixed recovery ` +
      `indemnity of ${c.indemnity} per invoice.`;
    const computed =
      c.interest !== null || c.indemnities !== null
        ? `As of ${c.date(c.d.date)}, interest amounts to ${c.money(c.interest ?? '0')} and the fixed indemnities to ${c.money(c.indemnities ?? '0')}, bringing the total due to ${c.money(c.grandTotal)}.`
        : null;
    const closing = ['Kind regards,', c.d.signature ?? c.d.creditor.name].join('\n');
    const hello = 'Dear Sir or Madam,';
    switch (tone) {
      case 'courtesy':
        return compact([
          hello,
          `This is a friendly reminder that the following ${one ? 'invoice falls' : 'invoices fall'} due shortly:\n${list}`,
          pay,
          'If your payment is already on its way, please disregard this message.',
          contactLine,
          closing,
        ]);
      case 'reminder':
        return compact([
          hello,
          `Unless we are mistaken, the following ${one ? 'invoice remains' : 'invoices remain'} unpaid to date:\n${list}`,
          `We would be grateful if you could settle ${one ? 'it' : 'them'} at your earliest convenience. A copy of the ${one ? 'invoice is' : 'invoices is'} attached.`,
          pay,
          dispute,
          already,
          contactLine,
          closing,
        ]);
      case 'firm':
        return compact([
          hello,
          `Despite our previous reminder, the following ${one ? 'invoice remains' : 'invoices remain'} unpaid:\n${list}`,
          penalties,
          computed,
          'Please settle this amount without delay or let us know by return when payment will be made.',
          pay,
          dispute,
          contactLine,
          closing,
        ]);
      case 'final':
        return compact([
          hello,
          `Despite our reminders, the following ${one ? 'invoice remains' : 'invoices remain'} unpaid:\n${list}`,
          penalties,
          computed,
          `Failing payment within ${c.deadline} days, we will have to suspend all further deliveries and hold your open orders (credit hold on your account), then send you a formal notice before taking legal action to recover the debt.`,
          pay,
          contactLine,
          closing,
        ]);
      case 'formal_notice':
        return compact([
          'FORMAL NOTICE (MISE EN DEMEURE)\nRegistered letter with acknowledgement of receipt',
          compact([c.d.creditor.name, c.d.creditor.address]).join('\n'),
          `To:\n${compact([c.d.debtor.name, c.d.debtor.address]).join('\n')}`,
          `Date: ${c.date(c.d.date)}`,
          `Subject: formal notice to pay ${c.money(c.grandTotal)}`,
          hello,
          `Despite our reminders, which have remained unanswered, you still owe ${c.d.creditor.name} the following amounts:\n${[
            ...c.lines,
            `Principal: ${c.money(c.principal)}`,
            ...(c.interest !== null
              ? [
                  `Late-payment interest${c.rate ? ` (annual rate ${c.rate})` : ''} as of ${c.date(c.d.date)}: ${c.money(c.interest)}`,
                ]
              : []),
            ...(c.indemnities !== null
              ? [`Fixed recovery indemnities (${c.indemnity} per invoice): ${c.money(c.indemnities)}`]
              : []),
            `Total: ${c.money(c.grandTotal)}`,
          ].join('\n')}`,
          `We hereby give you formal notice to pay us the sum of ${c.money(c.grandTotal)} within ${c.deadline} days of receipt of this letter. ${
            c.interest === null
              ? `This sum is increased by late-payment interest ${rate} (article L441-10 of the French Commercial Code) and the fixed recovery indemnity of ${c.indemnity} per invoice.`
              : 'Late-payment interest continues to accrue until payment in full.'
          }`,
          `Failing payment within this period, we will refer the matter to the competent court without further notice, in particular by applying for an order for payment (injonction de payer) to the commercial court, to recover our claim. Deliveries remain suspended until payment.`,
          'This letter constitutes a formal notice within the meaning of article 1344 of the French Civil Code.',
          pay,
          ['Yours faithfully,', c.d.signature ?? c.d.creditor.name].join('\n'),
        ]);
    }
  },
};

function compact(parts: (string | null | undefined)[]): string[] {
  return parts.filter((p): p is string => typeof p === 'string' && p.trim() !== '');
}
