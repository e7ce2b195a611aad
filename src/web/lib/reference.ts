import type { TFunction } from 'i18next';
import { countryName } from './format';

/** ISO 3166-1 alpha-2 codes offered in country pickers: EU/EEA first-class, plus frequent trading partners. */
export const COUNTRY_CODES = [
  'FR',
  'BE',
  'LU',
  'DE',
  'NL',
  'ES',
  'IT',
  'PT',
  'AT',
  'IE',
  'CH',
  'GB',
  'MC',
  'AD',
  'DK',
  'SE',
  'FI',
  'NO',
  'IS',
  'PL',
  'CZ',
  'SK',
  'HU',
  'SI',
  'HR',
  'RO',
  'BG',
  'GR',
  'CY',
  'MT',
  'EE',
  'LV',
  'LT',
  'LI',
  'US',
  'CA',
  'MA',
  'TN',
  'DZ',
  'SN',
  'CI',
  'TR',
  'CN',
  'JP',
  'IN',
  'BR',
  'AE',
  'AU',
] as const;

export function countryOptions(lang: string, extra?: string | null): { value: string; label: string }[] {
  const codes: string[] = [...COUNTRY_CODES];
  if (extra && !codes.includes(extra)) codes.push(extra);
  const opts = codes.map((c) => ({ value: c, label: `${countryName(c, lang)} (${c})` }));
  const collator = new Intl.Collator(lang);
  // France first, then alphabetical.
  return opts.sort((a, b) => (a.value === 'FR' ? -1 : b.value === 'FR' ? 1 : collator.compare(a.label, b.label)));
}

export const CURRENCIES = [
  'EUR',
  'CHF',
  'GBP',
  'USD',
  'SEK',
  'DKK',
  'NOK',
  'PLN',
  'CZK',
  'HUF',
  'RON',
  'CAD',
  'JPY',
] as const;

export function currencyOptions(extra?: string | null) {
  const list: string[] = [...CURRENCIES];
  if (extra && !list.includes(extra)) list.push(extra);
  return list.map((c) => ({ value: c, label: c }));
}

export const CUSTOMER_LANGUAGES = ['fr', 'en', 'de', 'es', 'it', 'nl'] as const;

export const CONTACT_ROLES = ['buyer', 'accounts_payable', 'logistics', 'sales', 'other'] as const;

export const PAYMENT_BASES = ['invoice_date', 'end_of_month', 'end_of_month_then_days'] as const;

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** UN/ECE Recommendation 20 unit codes offered in the UI (the API accepts any valid code). */
export const UNITS = [
  'C62',
  'KGM',
  'GRM',
  'TNE',
  'MTR',
  'MTK',
  'MTQ',
  'LTR',
  'HUR',
  'DAY',
  'XBX',
  'XPK',
  'XPA',
  'SET',
] as const;

export function unitOptions(t: TFunction, extra?: string | null) {
  const list: string[] = [...UNITS];
  if (extra && !list.includes(extra)) list.push(extra);
  return list.map((u) => ({ value: u, label: `${u} — ${t(`units.${u}`, { defaultValue: u })}` }));
}

/** UNCL5305 VAT category codes. */
export const VAT_CATEGORIES = ['S', 'Z', 'E', 'AE', 'K', 'G', 'O'] as const;

/** French VAT rates (configuration would come from the server later). */
export const VAT_RATES = ['20.00', '10.00', '5.50', '2.10', '0.00'] as const;

export const ROLES = ['admin', 'adv_manager', 'adv_assistant', 'sales', 'logistics', 'accounting', 'viewer'] as const;
