import type { UseFormReturnType } from '@mantine/form';
import { randomId } from '@mantine/hooks';
import type { TFunction } from 'i18next';
import type { Address } from '@web/client/types';
import type { CustomerFull } from './api';
import { decimalToInput, isDecimalString, normalizeDecimalInput } from '@web/lib/format';

/** Form shape: mirrors the API object so that 422 `errors[].path` land on the right field. */
export interface AddressForm {
  line1: string;
  line2: string;
  postalCode: string;
  city: string;
  countryCode: string;
}

export interface ShipToForm {
  /** React key only, never sent. */
  key: string;
  id?: string;
  code: string;
  name: string;
  isDefault: boolean;
  gln: string;
  address: AddressForm;
  /** ISO weekdays as strings for the multi-select ("1" = Monday). */
  deliveryWeekdays: string[];
  /** One constraint per line. */
  constraints: string;
  contactName: string;
  contactPhone: string;
  contactEmail: string;
}

export interface ContactForm {
  key: string;
  id?: string;
  name: string;
  role: string;
  email: string;
  phone: string;
}

export interface CustomerFormValues {
  code: string;
  name: string;
  siren: string;
  siret: string;
  vatNumber: string;
  countryCode: string;
  currency: string;
  language: string;
  gln: string;
  billingAddress: AddressForm;
  paymentTerms: { basis: string; days: number | string; dayOfMonth: number | string };
  creditLimit: string;
  requiresPoNumber: boolean;
  shipTos: ShipToForm[];
  contacts: ContactForm[];
  accountManagerId: string | null;
  backupManagerId: string | null;
  salesRepId: string | null;
  paymentMethod: string;
  invoicing: { mode: string; format: string; channel: string; email: string; paperCopies: number | string };
  defaultIncoterm: string | null;
  incotermPlace: string;
  defaultCarrier: string;
  priceListId: string | null;
}

export type CustomerForm = UseFormReturnType<CustomerFormValues>;

export const emptyAddress = (countryCode = 'FR'): AddressForm => ({
  line1: '',
  line2: '',
  postalCode: '',
  city: '',
  countryCode,
});

export function newShipTo(isDefault: boolean, address?: AddressForm): ShipToForm {
  return {
    key: randomId(),
    code: '',
    name: '',
    isDefault,
    gln: '',
    address: address ? { ...address } : emptyAddress(),
    deliveryWeekdays: [],
    constraints: '',
    contactName: '',
    contactPhone: '',
    contactEmail: '',
  };
}

export function newContact(): ContactForm {
  return { key: randomId(), name: '', role: 'buyer', email: '', phone: '' };
}

export function emptyCustomer(): CustomerFormValues {
  return {
    code: '',
    name: '',
    siren: '',
    siret: '',
    vatNumber: '',
    countryCode: 'FR',
    currency: 'EUR',
    language: 'fr',
    gln: '',
    billingAddress: emptyAddress(),
    paymentTerms: { basis: 'invoice_date', days: 30, dayOfMonth: '' },
    creditLimit: '',
    requiresPoNumber: false,
    shipTos: [],
    contacts: [],
    accountManagerId: null,
    backupManagerId: null,
    salesRepId: null,
    paymentMethod: 'transfer',
    invoicing: { mode: 'per_delivery', format: 'facturx', channel: 'email', email: '', paperCopies: 0 },
    defaultIncoterm: null,
    incotermPlace: '',
    defaultCarrier: '',
    priceListId: null,
  };
}

const addrToForm = (a: Address | undefined | null): AddressForm => ({
  line1: a?.line1 ?? '',
  line2: a?.line2 ?? '',
  postalCode: a?.postalCode ?? '',
  city: a?.city ?? '',
  countryCode: a?.countryCode ?? 'FR',
});

export function customerToForm(c: CustomerFull, lang: string): CustomerFormValues {
  return {
    code: c.code,
    name: c.name,
    siren: c.siren ?? '',
    siret: c.siret ?? '',
    vatNumber: c.vatNumber ?? '',
    countryCode: c.countryCode,
    currency: c.currency,
    language: c.language,
    gln: c.gln ?? '',
    billingAddress: addrToForm(c.billingAddress),
    paymentTerms: {
      basis: c.paymentTerms?.basis ?? 'invoice_date',
      days: c.paymentTerms?.days ?? 30,
      dayOfMonth: c.paymentTerms?.dayOfMonth ?? '',
    },
    creditLimit: decimalToInput(c.creditLimit, lang),
    requiresPoNumber: c.requiresPoNumber,
    shipTos: (c.shipTos ?? []).map((s) => ({
      key: s.id || randomId(),
      id: s.id,
      code: s.code,
      name: s.name,
      isDefault: s.isDefault,
      gln: s.gln ?? '',
      address: addrToForm(s.address),
      deliveryWeekdays: (s.deliveryWeekdays ?? []).map(String),
      constraints: (s.constraints ?? []).join('\n'),
      contactName: s.contactName ?? '',
      contactPhone: s.contactPhone ?? '',
      contactEmail: s.contactEmail ?? '',
    })),
    contacts: (c.contacts ?? []).map((p) => ({
      key: p.id || randomId(),
      id: p.id,
      name: p.name,
      role: p.role,
      email: p.email ?? '',
      phone: p.phone ?? '',
    })),
    accountManagerId: c.accountManagerId,
    backupManagerId: c.backupManagerId,
    salesRepId: c.salesRepId ?? null,
    paymentMethod: c.paymentMethod ?? 'transfer',
    invoicing: {
      mode: c.invoicing?.mode ?? 'per_delivery',
      format: c.invoicing?.format ?? 'facturx',
      channel: c.invoicing?.channel ?? 'email',
      email: c.invoicing?.email ?? '',
      paperCopies: c.invoicing?.paperCopies ?? 0,
    },
    defaultIncoterm: c.defaultIncoterm ?? null,
    incotermPlace: c.incotermPlace ?? '',
    defaultCarrier: c.defaultCarrier ?? '',
    priceListId: c.priceListId ?? null,
  };
}

const blankToNull = (s: string) => (s.trim() === '' ? null : s.trim());

const addrToPayload = (a: AddressForm) => ({
  line1: a.line1.trim(),
  line2: blankToNull(a.line2),
  postalCode: a.postalCode.trim(),
  city: a.city.trim(),
  countryCode: a.countryCode,
});

const toInt = (v: number | string): number | null => {
  if (typeof v === 'number') return Number.isFinite(v) ? Math.trunc(v) : null;
  const s = v.trim();
  return /^\d+$/.test(s) ? Number.parseInt(s, 10) : null;
};

/** The API body for the whole customer (a PATCH sends the changed top-level keys of it). */
export function formToPayload(v: CustomerFormValues): Record<string, unknown> {
  const dayOfMonth = v.paymentTerms.basis === 'end_of_month' ? toInt(v.paymentTerms.dayOfMonth) : null;
  return {
    code: v.code.trim(),
    name: v.name.trim(),
    siren: blankToNull(v.siren),
    siret: blankToNull(v.siret),
    vatNumber: blankToNull(v.vatNumber),
    countryCode: v.countryCode,
    currency: v.currency,
    language: v.language,
    gln: blankToNull(v.gln),
    billingAddress: addrToPayload(v.billingAddress),
    paymentTerms: { basis: v.paymentTerms.basis, days: toInt(v.paymentTerms.days) ?? 0, dayOfMonth },
    creditLimit: v.creditLimit.trim() === '' ? null : normalizeDecimalInput(v.creditLimit),
    requiresPoNumber: v.requiresPoNumber,
    shipTos: v.shipTos.map((s) => ({
      ...(s.id ? { id: s.id } : {}),
      code: s.code.trim(),
      name: s.name.trim(),
      isDefault: s.isDefault,
      gln: blankToNull(s.gln),
      address: addrToPayload(s.address),
      deliveryWeekdays: s.deliveryWeekdays.length
        ? s.deliveryWeekdays.map((d) => Number.parseInt(d, 10)).sort((a, b) => a - b)
        : null,
      constraints: s.constraints
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean),
      contactName: blankToNull(s.contactName),
      contactPhone: blankToNull(s.contactPhone),
      contactEmail: blankToNull(s.contactEmail),
    })),
    contacts: v.contacts.map((c) => ({
      ...(c.id ? { id: c.id } : {}),
      name: c.name.trim(),
      role: c.role,
      email: blankToNull(c.email),
      phone: blankToNull(c.phone),
    })),
    accountManagerId: v.accountManagerId || null,
    backupManagerId: v.backupManagerId || null,
    salesRepId: v.salesRepId || null,
    paymentMethod: v.paymentMethod,
    invoicing: {
      mode: v.invoicing.mode,
      format: v.invoicing.format,
      channel: v.invoicing.channel,
      email: blankToNull(v.invoicing.email),
      paperCopies: toInt(v.invoicing.paperCopies) ?? 0,
    },
    defaultIncoterm: v.defaultIncoterm || null,
    incotermPlace: v.defaultIncoterm ? blankToNull(v.incotermPlace) : null,
    defaultCarrier: blankToNull(v.defaultCarrier),
    priceListId: v.priceListId || null,
  };
}

/** Light client-side checks (required fields, formats); the server stays the authority. */
export function customerValidation(t: TFunction) {
  const required = (v: string) => (v.trim() ? null : t('validation.required'));
  const optionalEmail = (v: string) =>
    v.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.trim()) ? t('validation.email') : null;
  const address = {
    line1: required,
    postalCode: required,
    city: required,
    countryCode: (v: string) => (v ? null : t('validation.required')),
  };
  return {
    code: required,
    name: required,
    countryCode: (v: string) => (v ? null : t('validation.required')),
    siren: (v: string) => (v.trim() && !/^\d{9}$/.test(v.replace(/\s/g, '')) ? t('validation.sirenFormat') : null),
    siret: (v: string) => (v.trim() && !/^\d{14}$/.test(v.replace(/\s/g, '')) ? t('validation.siretFormat') : null),
    billingAddress: address,
    paymentTerms: {
      days: (v: number | string) => (toInt(v) === null ? t('validation.required') : null),
    },
    creditLimit: (v: string) =>
      v.trim() && !isDecimalString(normalizeDecimalInput(v), 2) ? t('validation.decimal', { max: 2 }) : null,
    shipTos: {
      code: required,
      name: required,
      address,
      contactEmail: optionalEmail,
    },
    invoicing: {
      email: optionalEmail,
    },
    contacts: {
      name: required,
      email: (v: string) => (v.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.trim()) ? t('validation.email') : null),
    },
  };
}
