import type { TFunction } from 'i18next';
import type { RuleKind } from '@shared/api/rules';
import { isDecimalString, normalizeDecimalInput } from '@web/lib/format';
import type { CustomerRule, RulePayload } from './api';
import { DEFAULT_SEVERITY, type Severity } from './knowledge';

export const ALL_SITES = '__all__';

/**
 * Form values: the API body's shape (so a 422 `params.to` lands under the "to" field). `params` holds the fields of
 * every kind; {@link ruleToPayload} sends those of the rule's kind only.
 */
export interface RuleParamsForm {
  weekdays: string[];
  from: string;
  to: string;
  label: string;
  amount: string;
  quantity: string;
  sscc: boolean;
  qrCode: boolean;
  palletType: string;
  maxPalletHeightCm: number | string;
  instructions: string;
  documents: string[];
  copies: number | string;
  poRequired: boolean;
  pattern: string;
  example: string;
  hoursBefore: number | string;
  contact: string;
  text: string;
}

export interface RuleFormValues {
  kind: RuleKind;
  shipToId: string;
  severity: Severity;
  note: string;
  active: boolean;
  params: RuleParamsForm;
}

const s = (v: unknown, d = ''): string => (typeof v === 'string' ? v : d);
const n = (v: unknown, d: number | string = ''): number | string => (typeof v === 'number' ? v : d);
const b = (v: unknown, d: boolean): boolean => (typeof v === 'boolean' ? v : d);

export function ruleToForm(kind: RuleKind, rule: CustomerRule | null, lang: string): RuleFormValues {
  const p = rule?.params ?? {};
  const isWindow = kind === 'delivery_window';
  const decimalIn = (v: unknown) => {
    const x = s(v);
    return lang.startsWith('en') ? x : x.replace('.', ',');
  };
  return {
    kind,
    shipToId: rule?.shipToId ?? ALL_SITES,
    severity: (rule?.severity as Severity | undefined) ?? DEFAULT_SEVERITY[kind],
    note: rule?.note ?? '',
    active: rule?.active ?? true,
    params: {
      weekdays: Array.isArray(p.weekdays) ? p.weekdays.map(String) : [],
      from: s(p.from, isWindow ? '08:00' : ''),
      to: s(p.to, isWindow ? '12:00' : ''),
      label: s(p.label),
      amount: decimalIn(p.amount),
      quantity: decimalIn(p.quantity),
      sscc: b(p.sscc, false),
      qrCode: b(p.qrCode, false),
      palletType: s(p.palletType),
      maxPalletHeightCm: n(p.maxPalletHeightCm),
      instructions: s(p.instructions),
      documents: Array.isArray(p.documents) ? p.documents.map(String) : [],
      copies: n(p.copies, 1),
      poRequired: b(p.poRequired, true),
      pattern: s(p.pattern),
      example: s(p.example),
      hoursBefore: n(p.hoursBefore, 24),
      contact: s(p.contact),
      text: s(p.text),
    },
  };
}

const blankToNull = (v: string) => (v.trim() === '' ? null : v.trim());
const toInt = (v: number | string): number | null => {
  if (typeof v === 'number') return Number.isFinite(v) ? Math.trunc(v) : null;
  return /^\d+$/.test(v.trim()) ? Number.parseInt(v.trim(), 10) : null;
};

function paramsOf(kind: RuleKind, p: RuleParamsForm): Record<string, unknown> {
  switch (kind) {
    case 'delivery_window':
      return {
        weekdays: p.weekdays.length ? p.weekdays.map((d) => Number.parseInt(d, 10)).sort((x, y) => x - y) : null,
        from: p.from,
        to: p.to,
      };
    case 'closing_period':
      return { from: p.from, to: p.to, label: blankToNull(p.label) };
    case 'min_order_amount':
      return { amount: normalizeDecimalInput(p.amount) };
    case 'min_order_quantity':
      return { quantity: normalizeDecimalInput(p.quantity) };
    case 'packaging':
      return {
        sscc: p.sscc,
        qrCode: p.qrCode,
        palletType: blankToNull(p.palletType),
        maxPalletHeightCm: toInt(p.maxPalletHeightCm),
        instructions: blankToNull(p.instructions),
      };
    case 'required_documents':
      return { documents: p.documents, copies: toInt(p.copies) ?? 1 };
    case 'invoice_reference':
      return { poRequired: p.poRequired, pattern: blankToNull(p.pattern), example: blankToNull(p.example) };
    case 'appointment':
      return { hoursBefore: toInt(p.hoursBefore), contact: blankToNull(p.contact) };
    case 'note':
      return { text: p.text.trim() };
  }
}

export function ruleToPayload(v: RuleFormValues): RulePayload {
  return {
    kind: v.kind,
    shipToId: v.shipToId === ALL_SITES ? null : v.shipToId,
    severity: v.severity,
    note: blankToNull(v.note),
    active: v.active,
    params: paramsOf(v.kind, v.params),
  };
}

/** Light checks per kind (required fields); the server stays the authority and its 422 lands on the same fields. */
export function ruleValidation(t: TFunction) {
  const required = t('validation.required');
  return (v: RuleFormValues): Record<string, string> => {
    const e: Record<string, string> = {};
    const p = v.params;
    const need = (field: keyof RuleParamsForm, ok: boolean) => {
      if (!ok) e[`params.${field}`] = required;
    };
    const decimal = (field: 'amount' | 'quantity', max: number) => {
      const raw = p[field].trim();
      if (!raw) e[`params.${field}`] = required;
      else if (!isDecimalString(normalizeDecimalInput(raw), max))
        e[`params.${field}`] = t('validation.decimal', { max });
    };
    switch (v.kind) {
      case 'delivery_window':
      case 'closing_period':
        need('from', p.from.trim() !== '');
        need('to', p.to.trim() !== '');
        break;
      case 'min_order_amount':
        decimal('amount', 2);
        break;
      case 'min_order_quantity':
        decimal('quantity', 3);
        break;
      case 'required_documents':
        need('documents', p.documents.length > 0);
        break;
      case 'appointment':
        need('hoursBefore', toInt(p.hoursBefore) !== null);
        break;
      case 'note':
        need('text', p.text.trim() !== '');
        break;
      default:
        break;
    }
    return e;
  };
}
