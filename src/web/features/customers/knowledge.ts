/**
 * Customer knowledge in the UI: the reference lists of the API contract (kept here as plain constants so the web
 * bundle does not pull Zod in; `satisfies` ties them to the shared types) and the plain-language sentence of a rule.
 */
import type { TFunction } from 'i18next';
import type {
  einvoiceChannels,
  einvoiceFormats,
  incoterms,
  invoicingModes,
  paymentMethods,
} from '@shared/api/customers';
import type { RuleKind, requiredDocuments, severities } from '@shared/api/rules';
import { formatDate, formatDecimal, formatMoney } from '@web/lib/format';

export type Severity = (typeof severities)[number];

export const RULE_KINDS = [
  'delivery_window',
  'closing_period',
  'min_order_amount',
  'min_order_quantity',
  'packaging',
  'required_documents',
  'invoice_reference',
  'appointment',
  'note',
] as const satisfies readonly RuleKind[];

export const SEVERITIES = ['info', 'warning', 'blocking'] as const satisfies readonly Severity[];

/** Same defaults as the server (`defaultSeverity` in the shared contract). */
export const DEFAULT_SEVERITY: Record<RuleKind, Severity> = {
  delivery_window: 'blocking',
  closing_period: 'blocking',
  min_order_amount: 'warning',
  min_order_quantity: 'warning',
  packaging: 'info',
  required_documents: 'info',
  invoice_reference: 'blocking',
  appointment: 'info',
  note: 'info',
};

export const SEVERITY_COLOR: Record<string, string> = { info: 'blue', warning: 'orange', blocking: 'red' };
export const SEVERITY_RANK: Record<string, number> = { blocking: 0, warning: 1, info: 2 };

export const REQUIRED_DOCUMENTS = [
  'delivery_note',
  'packing_list',
  'certificate_of_conformity',
  'invoice_copy',
  'safety_data_sheet',
  'customs_documents',
] as const satisfies readonly (typeof requiredDocuments)[number][];

export const PAYMENT_METHODS = [
  'transfer',
  'direct_debit',
  'cheque',
  'card',
  'lcr',
] as const satisfies readonly (typeof paymentMethods)[number][];

export const INCOTERMS = [
  'EXW',
  'FCA',
  'CPT',
  'CIP',
  'DAP',
  'DPU',
  'DDP',
  'FAS',
  'FOB',
  'CFR',
  'CIF',
] as const satisfies readonly (typeof incoterms)[number][];

export const INVOICING_MODES = [
  'per_delivery',
  'weekly',
  'monthly',
] as const satisfies readonly (typeof invoicingModes)[number][];
export const EINVOICE_FORMATS = [
  'facturx',
  'ubl',
  'cii',
  'pdf',
] as const satisfies readonly (typeof einvoiceFormats)[number][];
export const EINVOICE_CHANNELS = [
  'email',
  'peppol',
  'pdp',
  'chorus_pro',
  'paper',
] as const satisfies readonly (typeof einvoiceChannels)[number][];

export const isRuleKind = (k: string): k is RuleKind => (RULE_KINDS as readonly string[]).includes(k);

/** "lun., mar., ven." — ISO weekdays in the user's language. */
export function weekdayList(days: readonly number[], t: TFunction): string {
  return [...days]
    .sort((a, b) => a - b)
    .map((d) => t(`weekdaysShort.${d}`))
    .join(', ');
}

/** A ratio string from the API ("0.4500") as a percent string ("45"), by moving the decimal point. */
export function ratioToPercent(ratio: string): string {
  const m = /^(-?)(\d*)(?:\.(\d*))?$/.exec(ratio.trim());
  if (!m) return ratio;
  const int = m[2] ?? '';
  const frac = (m[3] ?? '').padEnd(2, '0');
  const whole = `${int}${frac.slice(0, 2)}`.replace(/^0+(?=\d)/, '') || '0';
  const rest = frac.slice(2).replace(/0+$/, '');
  return `${m[1]}${whole}${rest ? `.${rest}` : ''}`;
}

interface ShipToLike {
  id: string;
  name: string;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/**
 * The rule in one plain sentence, e.g. "Livraison lun., mar., ven. de 07:00 à 12:00". The site and the note are
 * shown beside it by the caller ({@link ruleSite}).
 */
export function ruleSentence(
  rule: { kind: string; params: Record<string, unknown> },
  t: TFunction,
  lang: string,
  currency = 'EUR',
): string {
  const p = rule.params ?? {};
  const k = 'customerKnowledge.sentence';
  switch (rule.kind) {
    case 'delivery_window': {
      const days = list(p.weekdays).filter((d): d is number => typeof d === 'number');
      const range = { from: str(p.from), to: str(p.to) };
      return days.length === 0 || days.length === 7
        ? t(`${k}.deliveryWindowEveryDay`, range)
        : t(`${k}.deliveryWindow`, { ...range, days: weekdayList(days, t) });
    }
    case 'closing_period': {
      const from = formatDate(str(p.from), lang);
      const to = formatDate(str(p.to), lang);
      const label = str(p.label);
      return label ? t(`${k}.closingPeriodLabel`, { from, to, label }) : t(`${k}.closingPeriod`, { from, to });
    }
    case 'min_order_amount':
      return t(`${k}.minOrderAmount`, { amount: formatMoney(str(p.amount), lang, currency) });
    case 'min_order_quantity':
      return t(`${k}.minOrderQuantity`, { quantity: formatDecimal(str(p.quantity), lang) });
    case 'packaging': {
      const parts: string[] = [];
      if (p.sscc === true) parts.push(t(`${k}.packagingSscc`));
      if (p.qrCode === true) parts.push(t(`${k}.packagingQr`));
      if (str(p.palletType)) parts.push(t(`${k}.packagingPallet`, { type: str(p.palletType) }));
      const h = num(p.maxPalletHeightCm);
      if (h !== null) parts.push(t(`${k}.packagingHeight`, { cm: h }));
      if (str(p.instructions)) parts.push(str(p.instructions));
      return parts.length ? t(`${k}.packaging`, { parts: parts.join(', ') }) : t(`${k}.packagingNone`);
    }
    case 'required_documents': {
      const docs = list(p.documents)
        .map((d) => t(`customerKnowledge.documents.${str(d)}`, { defaultValue: str(d) }))
        .join(', ');
      const copies = num(p.copies) ?? 1;
      return t(`${k}.requiredDocuments`, { documents: docs, count: copies });
    }
    case 'invoice_reference': {
      const head = p.poRequired === false ? t(`${k}.referenceOptional`) : t(`${k}.referenceRequired`);
      const pattern = str(p.pattern);
      const example = str(p.example);
      let s = head;
      if (pattern) s += t(`${k}.referencePattern`, { pattern });
      if (example) s += t(`${k}.referenceExample`, { example });
      return s;
    }
    case 'appointment': {
      const hours = num(p.hoursBefore) ?? 0;
      const contact = str(p.contact);
      return contact
        ? t(`${k}.appointmentContact`, { count: hours, contact })
        : t(`${k}.appointment`, { count: hours });
    }
    case 'note':
      return str(p.text);
    default:
      return t(`customerKnowledge.kinds.${rule.kind}`, { defaultValue: rule.kind });
  }
}

/** Which site a rule is about: the ship-to's name, or "all sites". */
export function ruleSite(shipToId: string | null, shipTos: readonly ShipToLike[], t: TFunction): string {
  if (!shipToId) return t('customerKnowledge.rules.allSites');
  return shipTos.find((s) => s.id === shipToId)?.name ?? t('customerKnowledge.rules.unknownSite');
}

/** Rules in reading order: blocking first, then warnings, then information; the API order inside. */
export function sortRules<R extends { severity: string }>(rules: readonly R[]): R[] {
  return rules
    .map((r, i) => ({ r, i }))
    .sort((a, b) => (SEVERITY_RANK[a.r.severity] ?? 3) - (SEVERITY_RANK[b.r.severity] ?? 3) || a.i - b.i)
    .map((x) => x.r);
}

/** Today as an ISO calendar date in the browser's time zone. */
export function todayIso(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
