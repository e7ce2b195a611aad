/**
 * Check algorithms for business identifiers (DOMAIN.md §8.1, §13.4): SIREN/SIRET (Luhn), EU VAT numbers,
 * GS1 keys (GTIN, GLN, SSCC), IBAN (ISO 13616) and BIC (ISO 9362). Format checks are not proof of registration.
 */

const DIGITS = /^\d+$/;

/** Luhn check over a non-empty string of digits (rightmost digit is the check digit). */
export function luhnValid(digits: string): boolean {
  if (!DIGITS.test(digits)) return false;
  let total = 0;
  for (let i = 0; i < digits.length; i++) {
    let n = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      n *= 2;
      if (n > 9) n -= 9;
    }
    total += n;
  }
  return total % 10 === 0;
}

/** SIREN: exactly 9 digits passing Luhn (no spaces; normalize before calling). */
export function isValidSiren(s: string): boolean {
  return /^\d{9}$/.test(s) && luhnValid(s);
}

const LA_POSTE_SIREN = '356000000';
const LA_POSTE_HEAD_OFFICE_SIRET = '35600000000048';

/** SIRET: 14 digits passing Luhn, except La Poste establishments (digit sum multiple of 5). */
export function isValidSiret(s: string): boolean {
  if (!/^\d{14}$/.test(s)) return false;
  if (s.startsWith(LA_POSTE_SIREN) && s !== LA_POSTE_HEAD_OFFICE_SIRET) {
    // La Poste NICs are not Luhn-checked; the digit sum must be a multiple of 5 instead.
    const digitSum = [...s].reduce((acc, c) => acc + Number(c), 0);
    return digitSum % 5 === 0;
  }
  return luhnValid(s);
}

/** French VAT numeric key for a 9-digit SIREN: (12 + 3 × (SIREN mod 97)) mod 97, two digits zero-padded. */
export function frenchVatKey(siren: string): string {
  if (!/^\d{9}$/.test(siren)) throw new RangeError(`SIREN must be 9 digits, got ${JSON.stringify(siren)}`);
  return String((12 + 3 * (Number(siren) % 97)) % 97).padStart(2, '0');
}

/** Error code returned by `validateVatNumber`. */
export type VatNumberError = 'invalid_vat_format' | 'invalid_vat_key' | 'unknown_vat_country';

/** Result of `validateVatNumber`; `legacyKey` flags a French alphanumeric key that was accepted unchecked. */
export type VatNumberResult =
  { ok: true; country: string; normalized: string; legacyKey?: true } | { ok: false; code: VatNumberError };

/** Format after the country prefix, per member state (EL = Greece, XI = Northern Ireland). */
const VAT_FORMATS: Readonly<Record<string, RegExp>> = {
  AT: /^U\d{8}$/,
  BE: /^[01]\d{9}$/,
  BG: /^\d{9,10}$/,
  CY: /^\d{8}[A-Z]$/,
  CZ: /^\d{8,10}$/,
  DE: /^\d{9}$/,
  DK: /^\d{8}$/,
  EE: /^\d{9}$/,
  EL: /^\d{9}$/,
  ES: /^[0-9A-Z]\d{7}[0-9A-Z]$/,
  FI: /^\d{8}$/,
  FR: /^[0-9A-HJ-NP-Z]{2}\d{9}$/,
  HR: /^\d{11}$/,
  HU: /^\d{8}$/,
  IE: /^\d[0-9A-Z+*]\d{5}[A-Z]{1,2}$/,
  IT: /^\d{11}$/,
  LT: /^(?:\d{9}|\d{12})$/,
  LU: /^\d{8}$/,
  LV: /^\d{11}$/,
  MT: /^\d{8}$/,
  NL: /^\d{9}B\d{2}$/,
  PL: /^\d{10}$/,
  PT: /^\d{9}$/,
  RO: /^\d{2,10}$/,
  SE: /^\d{12}$/,
  SI: /^\d{8}$/,
  SK: /^\d{10}$/,
  XI: /^\d{9}$/,
};

/** Uppercase a VAT number and strip spaces, dots and dashes. */
export function normalizeVatNumber(v: string): string {
  return v.replace(/[\s.-]/g, '').toUpperCase();
}

/** Validate an EU VAT number's format (and the French numeric key); returns the normalized number or an error code. */
export function validateVatNumber(v: string): VatNumberResult {
  const normalized = normalizeVatNumber(v);
  const country = normalized.slice(0, 2);
  if (!/^[A-Z]{2}$/.test(country)) return { ok: false, code: 'invalid_vat_format' };
  const format = VAT_FORMATS[country];
  if (!format) return { ok: false, code: 'unknown_vat_country' };
  const body = normalized.slice(2);
  if (!format.test(body)) return { ok: false, code: 'invalid_vat_format' };
  if (country === 'FR') {
    const key = body.slice(0, 2);
    if (!/^\d{2}$/.test(key)) return { ok: true, country, normalized, legacyKey: true };
    if (key !== frenchVatKey(body.slice(2))) return { ok: false, code: 'invalid_vat_key' };
  }
  return { ok: true, country, normalized };
}

/** True when `vat` is a valid French VAT number built on `siren` (spaces in either are ignored). */
export function vatNumberMatchesSiren(vat: string, siren: string): boolean {
  const r = validateVatNumber(vat);
  return r.ok && r.country === 'FR' && r.normalized.slice(4) === siren.replace(/\s/g, '');
}

/** GS1 mod-10 check digit for the data digits (weights 3,1,3… from the rightmost data digit). */
export function gs1CheckDigit(dataDigits: string): number {
  if (!DIGITS.test(dataDigits)) throw new RangeError(`GS1 data must be digits, got ${JSON.stringify(dataDigits)}`);
  let total = 0;
  for (let i = 0; i < dataDigits.length; i++) {
    total += Number(dataDigits[dataDigits.length - 1 - i]) * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (total % 10)) % 10;
}

function isValidGs1(s: string, lengths: readonly number[]): boolean {
  if (!DIGITS.test(s) || !lengths.includes(s.length)) return false;
  return gs1CheckDigit(s.slice(0, -1)) === Number(s.slice(-1));
}

/** GTIN-8, -12, -13 or -14 with a correct check digit. */
export function isValidGtin(s: string): boolean {
  return isValidGs1(s, [8, 12, 13, 14]);
}

/** GLN: 13 digits with a correct GS1 check digit. */
export function isValidGln(s: string): boolean {
  return isValidGs1(s, [13]);
}

/** SSCC: 18 digits with a correct GS1 check digit (no application identifier). */
export function isValidSscc(s: string): boolean {
  return isValidGs1(s, [18]);
}

/** IBAN length per country, from the SWIFT IBAN registry (countries grouped by total length). */
const IBAN_LENGTHS: ReadonlyMap<string, number> = new Map(
  Object.entries({
    15: 'NO',
    16: 'BE',
    18: 'DK FI FK FO GL NL SD',
    19: 'MK SI',
    20: 'AT BA EE KZ LT LU MN XK',
    21: 'CH HR LI LV',
    22: 'BG BH CR DE GB GE IE ME RS VA',
    23: 'AE GI IL IQ OM SO TL',
    24: 'AD CZ ES MD PK RO SA SE SK TN VG',
    25: 'LY PT ST',
    26: 'IS TR',
    27: 'BI DJ FR GR IT MC MR SM',
    28: 'AL AZ BY CY DO GT HN HU LB NI PL SV',
    29: 'BR EG PS QA UA',
    30: 'JO KW MU YE',
    31: 'MT SC',
    32: 'LC',
    33: 'RU',
  }).flatMap(([length, countries]) => countries.split(' ').map((c): [string, number] => [c, Number(length)])),
);

/** IBAN (ISO 13616): whitespace and case ignored; registry country and length, check digits 02–98, mod 97 = 1. */
export function isValidIban(s: string): boolean {
  const iban = s.replace(/\s/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(iban) || IBAN_LENGTHS.get(iban.slice(0, 2)) !== iban.length) return false;
  const checkDigits = Number(iban.slice(2, 4));
  if (checkDigits < 2 || checkDigits > 98) return false;
  // Move the first four characters to the end, letters become 10..35, then reduce mod 97 digit by digit.
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const c of rearranged) {
    const value = Number.parseInt(c, 36);
    remainder = (value < 10 ? remainder * 10 + value : remainder * 100 + value) % 97;
  }
  return remainder === 1;
}

/** BIC (ISO 9362): institution (4 letters), country (2), location (2), optional branch (3); spaces/case ignored. */
export function isValidBic(s: string): boolean {
  return /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?$/.test(s.replace(/\s/g, '').toUpperCase());
}
