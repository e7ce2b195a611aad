/**
 * Customer constraints as data (DOMAIN.md §7.3), evaluated. Pure: no I/O, no clock; dates are ISO 'YYYY-MM-DD'
 * strings, times 'HH:MM', amounts and quantities decimal strings computed with `@shared/decimal`.
 *
 * RULES
 * - Applicable rules: `active`, and `shipToId` null (every site) or equal to the context's ship-to. Without a
 *   ship-to in the context only the every-site rules apply.
 * - A check runs only when the context has its data: no deliveryDate → no date findings, no deliveryTime → no
 *   time finding, no orderAmount / orderQuantity → no minimum findings, customerReference `undefined` → no PO
 *   findings (null or blank means "the order has no reference" and is checked).
 * - Weekdays are ISO 1 (Monday) … 7 (Sunday); null or an empty list means every day.
 * - `delivery_day_not_allowed` (path requestedDeliveryDate): the ship-to's own weekdays exclude the date
 *   (severity 'blocking', ruleId null), or the applicable delivery_window rules exist and none of them covers the
 *   date's weekday (windows are alternatives: one finding, severity = the most severe window, ruleId/note of the
 *   first window with that severity).
 * - `delivery_time_outside_window` (path requestedDeliveryTime): the time is outside every window of that weekday
 *   (bounds inclusive; a window with from > to crosses midnight). Not reported when the day itself is not allowed
 *   by the windows (the day finding says it). Without a delivery date the time is compared with every window.
 * - `delivery_in_closing_period` (requestedDeliveryDate): from ≤ date ≤ to, bounds inclusive, one per period.
 * - `below_min_order_amount` (totals.net) / `below_min_order_quantity` (lines): strictly below; equal is fine.
 * - `po_number_required` (customerReference) when the reference is null/blank: from the customer flag
 *   requiresPoNumber ('blocking', ruleId null) — it then supersedes invoice_reference rules — else one per
 *   invoice_reference rule with poRequired (rule severity).
 * - `customer_reference_format` (customerReference): a non-blank, trimmed reference that does not fully match
 *   the rule pattern (the pattern is anchored as `^(?:pattern)$`); an uncompilable pattern is skipped (patterns
 *   are validated on input with `validatePoPattern`).
 * - Reminders, always emitted for an applicable rule, with the rule severity: `appointment_required`
 *   (path requestedDeliveryDate), `packaging_requirements`, `documents_required` and `customer_note` (path '':
 *   the whole order).
 * - isDeliveryDateAllowed: the date findings (weekdays + closing periods); allowed when none is 'blocking'
 *   ('info'/'warning' findings are returned but do not forbid the date).
 * - nextAllowedDeliveryDate: the first allowed date among from, from + 1, …, from + maxDays (default 90);
 *   null when none.
 */
import { dec } from '@shared/decimal';
import { addDays, isoWeekday } from '@shared/dates';

export type RuleSeverity = 'info' | 'warning' | 'blocking';
type Base = {
  id: string;
  /** null = every site */
  shipToId: string | null;
  severity: RuleSeverity;
  note: string | null;
  active: boolean;
};
export type DocumentKind =
  | 'delivery_note'
  | 'packing_list'
  | 'certificate_of_conformity'
  | 'invoice_copy'
  | 'safety_data_sheet'
  | 'customs_documents';
export type CustomerRule = Base &
  (
    | {
        kind: 'delivery_window';
        /** weekdays: ISO 1..7, null = every day; from/to 'HH:MM' */
        params: { weekdays: number[] | null; from: string; to: string };
      }
    | { kind: 'closing_period'; params: { from: string; to: string; label: string | null } }
    | { kind: 'min_order_amount'; params: { amount: string } }
    | { kind: 'min_order_quantity'; params: { quantity: string } }
    | {
        kind: 'packaging';
        params: {
          sscc: boolean;
          qrCode: boolean;
          palletType: string | null;
          maxPalletHeightCm: number | null;
          instructions: string | null;
        };
      }
    | { kind: 'required_documents'; params: { documents: DocumentKind[]; copies: number } }
    | {
        kind: 'invoice_reference';
        /** pattern: a RegExp source the customer's PO must match */
        params: { poRequired: boolean; pattern: string | null; example: string | null };
      }
    | { kind: 'appointment'; params: { hoursBefore: number; contact: string | null } }
    | { kind: 'note'; params: { text: string } }
  );
export type RuleContext = {
  shipToId: string | null;
  /** The ship-to's own allowed weekdays (API field), null = all. */
  shipToWeekdays: number[] | null;
  deliveryDate?: string | null;
  /** 'HH:MM' */
  deliveryTime?: string | null;
  orderAmount?: string | null;
  orderQuantity?: string | null;
  customerReference?: string | null;
  /** Customer flag. */
  requiresPoNumber: boolean;
};
export type RuleFinding = {
  code: string;
  severity: RuleSeverity;
  ruleId: string | null;
  path: string;
  params: Record<string, string | number>;
  note: string | null;
};

type RuleOf<K extends CustomerRule['kind']> = Extract<CustomerRule, { kind: K }>;

const SEVERITY_RANK: Record<RuleSeverity, number> = { info: 0, warning: 1, blocking: 2 };

function ofKind<K extends CustomerRule['kind']>(rules: CustomerRule[], kind: K): RuleOf<K>[] {
  return rules.filter((r): r is RuleOf<K> => r.kind === kind);
}

/** The most severe rule (first one on ties). */
function mostSevere<R extends CustomerRule>(rules: R[]): R | undefined {
  let best: R | undefined;
  for (const r of rules) if (!best || SEVERITY_RANK[r.severity] > SEVERITY_RANK[best.severity]) best = r;
  return best;
}

function finding(
  code: string,
  path: string,
  rule: CustomerRule | null,
  params: Record<string, string | number>,
  severity?: RuleSeverity,
): RuleFinding {
  return {
    code,
    severity: severity ?? rule?.severity ?? 'blocking',
    ruleId: rule?.id ?? null,
    path,
    params,
    note: rule?.note ?? null,
  };
}

function coversWeekday(weekdays: number[] | null, weekday: number): boolean {
  return weekdays === null || weekdays.length === 0 || weekdays.includes(weekday);
}

/** 'H:MM' or 'HH:MM' (00:00–23:59) → minutes since midnight; null when malformed. */
function minutes(time: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(time.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  return h <= 23 && min <= 59 ? h * 60 + min : null;
}

function insideWindow(t: number, w: RuleOf<'delivery_window'>): boolean {
  const from = minutes(w.params.from);
  const to = minutes(w.params.to);
  if (from === null || to === null) return false;
  return from <= to ? from <= t && t <= to : t >= from || t <= to;
}

const blank = (s: string | null | undefined): boolean => s === null || s === undefined || s.trim() === '';

export function applicableRules(rules: CustomerRule[], shipToId: string | null): CustomerRule[] {
  return rules.filter((r) => r.active && (r.shipToId === null || r.shipToId === shipToId));
}

/** Weekday and closing-period findings for one date (rules already filtered). */
function dateFindings(rules: CustomerRule[], shipToWeekdays: number[] | null, date: string): RuleFinding[] {
  const out: RuleFinding[] = [];
  const weekday = isoWeekday(date);
  if (!coversWeekday(shipToWeekdays, weekday)) {
    out.push(
      finding(
        'delivery_day_not_allowed',
        'requestedDeliveryDate',
        null,
        { date, weekday, weekdays: (shipToWeekdays ?? []).join(',') },
        'blocking',
      ),
    );
  }
  const windows = ofKind(rules, 'delivery_window');
  if (windows.length > 0 && !windows.some((w) => coversWeekday(w.params.weekdays, weekday))) {
    const rule = mostSevere(windows);
    const allowed = [...new Set(windows.flatMap((w) => w.params.weekdays ?? []))].sort((a, b) => a - b);
    out.push(
      finding('delivery_day_not_allowed', 'requestedDeliveryDate', rule ?? null, {
        date,
        weekday,
        weekdays: allowed.join(','),
      }),
    );
  }
  for (const r of ofKind(rules, 'closing_period')) {
    if (r.params.from <= date && date <= r.params.to) {
      out.push(
        finding('delivery_in_closing_period', 'requestedDeliveryDate', r, {
          date,
          from: r.params.from,
          to: r.params.to,
          label: r.params.label ?? '',
        }),
      );
    }
  }
  return out;
}

function timeFinding(rules: CustomerRule[], date: string | null, time: string): RuleFinding | null {
  const t = minutes(time);
  if (t === null) return null;
  const weekday = date === null ? null : isoWeekday(date);
  const windows = ofKind(rules, 'delivery_window').filter(
    (w) => weekday === null || coversWeekday(w.params.weekdays, weekday),
  );
  if (windows.length === 0 || windows.some((w) => insideWindow(t, w))) return null;
  const rule = mostSevere(windows);
  return finding('delivery_time_outside_window', 'requestedDeliveryTime', rule ?? null, {
    time: time.trim(),
    windows: windows.map((w) => `${w.params.from}-${w.params.to}`).join(', '),
  });
}

function fullMatch(pattern: string, value: string): boolean | null {
  try {
    return new RegExp(`^(?:${pattern})$`).test(value);
  } catch {
    return null;
  }
}

function packagingSummary(p: RuleOf<'packaging'>['params']): string {
  const parts: string[] = [];
  if (p.sscc) parts.push('SSCC');
  if (p.qrCode) parts.push('QR code');
  if (!blank(p.palletType)) parts.push(String(p.palletType).trim());
  if (p.maxPalletHeightCm !== null) parts.push(`≤ ${p.maxPalletHeightCm} cm`);
  if (!blank(p.instructions)) parts.push(String(p.instructions).trim());
  return parts.join(', ');
}

export function evaluateRules(rules: CustomerRule[], ctx: RuleContext): RuleFinding[] {
  const rs = applicableRules(rules, ctx.shipToId);
  const out: RuleFinding[] = [];
  const date = blank(ctx.deliveryDate) ? null : (ctx.deliveryDate as string);

  if (date !== null) out.push(...dateFindings(rs, ctx.shipToWeekdays, date));
  if (!blank(ctx.deliveryTime)) {
    // Windows of the date's weekday only: when none covers that day, the day finding already says it.
    const f = timeFinding(rs, date, ctx.deliveryTime as string);
    if (f) out.push(f);
  }

  if (!blank(ctx.orderAmount)) {
    const amount = dec(ctx.orderAmount as string);
    for (const r of ofKind(rs, 'min_order_amount')) {
      if (amount.lt(dec(r.params.amount))) {
        out.push(
          finding('below_min_order_amount', 'totals.net', r, {
            amount: ctx.orderAmount as string,
            minimum: r.params.amount,
          }),
        );
      }
    }
  }
  if (!blank(ctx.orderQuantity)) {
    const qty = dec(ctx.orderQuantity as string);
    for (const r of ofKind(rs, 'min_order_quantity')) {
      if (qty.lt(dec(r.params.quantity))) {
        out.push(
          finding('below_min_order_quantity', 'lines', r, {
            quantity: ctx.orderQuantity as string,
            minimum: r.params.quantity,
          }),
        );
      }
    }
  }

  if (ctx.customerReference !== undefined) {
    const refRules = ofKind(rs, 'invoice_reference');
    const reference = (ctx.customerReference ?? '').trim();
    if (reference === '') {
      if (ctx.requiresPoNumber) {
        out.push(finding('po_number_required', 'customerReference', null, {}, 'blocking'));
      } else {
        for (const r of refRules.filter((x) => x.params.poRequired)) {
          out.push(finding('po_number_required', 'customerReference', r, {}));
        }
      }
    } else {
      for (const r of refRules) {
        if (blank(r.params.pattern)) continue;
        if (fullMatch(r.params.pattern as string, reference) === false) {
          out.push(
            finding('customer_reference_format', 'customerReference', r, {
              reference,
              pattern: r.params.pattern as string,
              example: r.params.example ?? (r.params.pattern as string),
            }),
          );
        }
      }
    }
  }

  for (const r of rs) {
    switch (r.kind) {
      case 'appointment':
        out.push(
          finding('appointment_required', 'requestedDeliveryDate', r, {
            hoursBefore: r.params.hoursBefore,
            contact: r.params.contact ?? '',
          }),
        );
        break;
      case 'packaging':
        out.push(
          finding('packaging_requirements', '', r, {
            sscc: r.params.sscc ? 'yes' : 'no',
            qrCode: r.params.qrCode ? 'yes' : 'no',
            palletType: r.params.palletType ?? '',
            ...(r.params.maxPalletHeightCm === null ? {} : { maxPalletHeightCm: r.params.maxPalletHeightCm }),
            instructions: r.params.instructions ?? '',
            requirements: packagingSummary(r.params),
          }),
        );
        break;
      case 'required_documents':
        out.push(
          finding('documents_required', '', r, { documents: r.params.documents.join(','), copies: r.params.copies }),
        );
        break;
      case 'note':
        out.push(finding('customer_note', '', r, { text: r.params.text }));
        break;
      default:
        break;
    }
  }
  return out;
}

export function isDeliveryDateAllowed(
  rules: CustomerRule[],
  ctx: Pick<RuleContext, 'shipToId' | 'shipToWeekdays'>,
  date: string,
): { allowed: boolean; findings: RuleFinding[] } {
  const findings = dateFindings(applicableRules(rules, ctx.shipToId), ctx.shipToWeekdays, date);
  return { allowed: !findings.some((f) => f.severity === 'blocking'), findings };
}

export function nextAllowedDeliveryDate(
  rules: CustomerRule[],
  ctx: Pick<RuleContext, 'shipToId' | 'shipToWeekdays'>,
  from: string,
  maxDays = 90,
): string | null {
  const rs = applicableRules(rules, ctx.shipToId);
  for (let i = 0; i <= maxDays; i++) {
    const d = addDays(from, i);
    if (!dateFindings(rs, ctx.shipToWeekdays, d).some((f) => f.severity === 'blocking')) return d;
  }
  return null;
}

/** A PO pattern is acceptable when non-blank, at most 200 characters and a valid RegExp source. */
export function validatePoPattern(pattern: string): boolean {
  if (typeof pattern !== 'string' || pattern.trim() === '' || pattern.length > 200) return false;
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

export type ProductCodeRule = { type: 'own_sku' | 'prefix' | 'cross_reference' | 'gtin'; prefix?: string | null };

const GTIN_LENGTHS = new Set([8, 12, 13, 14]);

/**
 * The product a customer means by `code`, tried in this order: the cross-reference table (exact after trim,
 * case-insensitive), with a `prefix` rule the code without its prefix (prefix compared case-insensitively) as an
 * SKU, the code as our own SKU, then an 8/12/13/14-digit code as a GTIN. The rule type only enables the prefix
 * step; the others are always tried. null when nothing matches.
 */
export function resolveCustomerProductCode(
  code: string,
  rule: ProductCodeRule,
  refs: { customerCode: string; productId: string }[],
  bySku: (sku: string) => string | null,
  byGtin: (gtin: string) => string | null,
): { productId: string; via: 'cross_reference' | 'prefix' | 'own_sku' | 'gtin' } | null {
  const c = code.trim();
  if (c === '') return null;
  const upper = c.toUpperCase();
  const ref = refs.find((r) => r.customerCode.trim().toUpperCase() === upper);
  if (ref) return { productId: ref.productId, via: 'cross_reference' };

  const prefix = rule.type === 'prefix' ? (rule.prefix ?? '').trim() : '';
  if (prefix !== '' && upper.startsWith(prefix.toUpperCase()) && c.length > prefix.length) {
    const id = bySku(c.slice(prefix.length).trim());
    if (id) return { productId: id, via: 'prefix' };
  }

  const own = bySku(c);
  if (own) return { productId: own, via: 'own_sku' };

  if (/^\d+$/.test(c) && GTIN_LENGTHS.has(c.length)) {
    const id = byGtin(c);
    if (id) return { productId: id, via: 'gtin' };
  }
  return null;
}
