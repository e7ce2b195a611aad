import type { TFunction } from 'i18next';
import type { Product } from '@web/client/types';
import { decimalToInput, isDecimalString, normalizeDecimalInput } from '@web/lib/format';

export interface ProductFormValues {
  sku: string;
  name: string;
  nameEn: string;
  category: string;
  unit: string;
  unitPrice: string;
  vatCategory: string;
  vatRate: string;
  gtin: string;
  packSize: string;
  packName: string;
  packGtin: string;
  stockTracked: boolean;
  active: boolean;
  weightKg: string;
  leadTimeDays: number | string;
  minOrderQuantity: string;
  orderMultiple: string;
  hsCode: string;
  originCountry: string | null;
}

export function emptyProduct(): ProductFormValues {
  return {
    sku: '',
    name: '',
    nameEn: '',
    category: '',
    unit: 'C62',
    unitPrice: '',
    vatCategory: 'S',
    vatRate: '20.00',
    gtin: '',
    packSize: '',
    packName: '',
    packGtin: '',
    stockTracked: true,
    active: true,
    weightKg: '',
    leadTimeDays: '',
    minOrderQuantity: '',
    orderMultiple: '',
    hsCode: '',
    originCountry: null,
  };
}

export function productToForm(p: Product, lang: string): ProductFormValues {
  return {
    sku: p.sku,
    name: p.name,
    nameEn: p.nameEn ?? '',
    category: p.category ?? '',
    unit: p.unit,
    unitPrice: decimalToInput(p.unitPrice, lang),
    vatCategory: p.vatCategory,
    vatRate: p.vatRate,
    gtin: p.gtin ?? '',
    packSize: decimalToInput(p.packSize, lang),
    packName: p.packName ?? '',
    packGtin: p.packGtin ?? '',
    stockTracked: p.stockTracked,
    active: p.active,
    weightKg: decimalToInput(p.weightKg, lang),
    leadTimeDays: p.leadTimeDays ?? '',
    minOrderQuantity: decimalToInput(p.minOrderQuantity, lang),
    orderMultiple: decimalToInput(p.orderMultiple, lang),
    hsCode: p.hsCode ?? '',
    originCountry: p.originCountry ?? null,
  };
}

const blankToNull = (s: string) => (s.trim() === '' ? null : s.trim());
const decimalOrNull = (s: string) => (s.trim() === '' ? null : normalizeDecimalInput(s));

export function productToPayload(v: ProductFormValues): Record<string, unknown> {
  const lead =
    typeof v.leadTimeDays === 'number'
      ? v.leadTimeDays
      : /^\d+$/.test(v.leadTimeDays.trim())
        ? Number.parseInt(v.leadTimeDays, 10)
        : null;
  return {
    sku: v.sku.trim(),
    name: v.name.trim(),
    nameEn: blankToNull(v.nameEn),
    category: blankToNull(v.category),
    unit: v.unit,
    unitPrice: normalizeDecimalInput(v.unitPrice),
    vatCategory: v.vatCategory,
    vatRate: v.vatRate,
    gtin: blankToNull(v.gtin),
    packSize: decimalOrNull(v.packSize),
    packName: blankToNull(v.packName),
    packGtin: blankToNull(v.packGtin),
    stockTracked: v.stockTracked,
    active: v.active,
    weightKg: decimalOrNull(v.weightKg),
    leadTimeDays: lead,
    minOrderQuantity: decimalOrNull(v.minOrderQuantity),
    orderMultiple: decimalOrNull(v.orderMultiple),
    hsCode: blankToNull(v.hsCode),
    originCountry: v.originCountry || null,
  };
}

export function productValidation(t: TFunction) {
  const required = (v: string) => (v.trim() ? null : t('validation.required'));
  const decimal =
    (max: number, opt = true) =>
    (v: string) => {
      if (!v.trim()) return opt ? null : t('validation.required');
      return isDecimalString(normalizeDecimalInput(v), max) ? null : t('validation.decimal', { max });
    };
  const gtin = (v: string) => (v.trim() && !/^\d{8}$|^\d{12,14}$/.test(v.trim()) ? t('validation.gtinFormat') : null);
  return {
    sku: required,
    name: required,
    unit: (v: string) => (v ? null : t('validation.required')),
    unitPrice: decimal(4, false),
    vatRate: (v: string) => (v ? null : t('validation.required')),
    gtin,
    packGtin: gtin,
    packSize: decimal(3),
    weightKg: decimal(3),
    minOrderQuantity: decimal(3),
    orderMultiple: decimal(3),
  };
}
