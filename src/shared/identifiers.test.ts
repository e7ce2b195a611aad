import { describe, expect, it } from 'vitest';
import {
  frenchVatKey,
  gs1CheckDigit,
  isValidBic,
  isValidGln,
  isValidGtin,
  isValidIban,
  isValidSiren,
  isValidSiret,
  isValidSscc,
  luhnValid,
  normalizeVatNumber,
  validateVatNumber,
  vatNumberMatchesSiren,
} from './identifiers';

describe('luhnValid', () => {
  it.each([
    ['732829320', true],
    ['73282932000074', true],
    ['79927398713', true],
    ['0', true],
    ['732829321', false],
    ['79927398710', false],
    ['', false],
    ['7328 29320', false],
    ['73282932a', false],
  ])('%j → %s', (digits, expected) => {
    expect(luhnValid(digits)).toBe(expected);
  });
});

describe('isValidSiren', () => {
  it.each([
    ['732829320', true], // DOMAIN.md §8.1 example
    ['404833048', true],
    ['356000000', true], // La Poste
    ['732829321', false],
    ['73282932', false],
    ['7328293200', false],
    ['732 829 320', false], // callers normalize spaces
    ['', false],
  ])('%j → %s', (s, expected) => {
    expect(isValidSiren(s)).toBe(expected);
  });
});

describe('isValidSiret', () => {
  it.each([
    ['73282932000074', true, 'DOMAIN.md §8.1 example'],
    ['73282932000075', false, 'wrong check digit'],
    ['7328293200007', false, '13 digits'],
    ['732829320000740', false, '15 digits'],
    ['7328293200007A', false, 'letter'],
    ['35600000000048', true, 'La Poste head office (Luhn)'],
    ['35600000049837', true, 'La Poste: not Luhn, digit sum 45 % 5 = 0'],
    ['35600000012345', false, 'La Poste: digit sum 29'],
    ['35600000000014', false, 'La Poste: Luhn-valid but digit sum 14'],
    ['35600000000030', false, 'La Poste: Luhn-valid but digit sum 17'],
  ])('%s → %s (%s)', (s, expected) => {
    expect(isValidSiret(s)).toBe(expected);
  });
});

describe('frenchVatKey', () => {
  it.each([
    ['732829320', '44'], // DOMAIN.md §8.1: 732829320 mod 97 = 43 → 44
    ['303265045', '40'],
    ['334175221', '23'],
    ['404833048', '83'],
    ['000000000', '12'], // zero-padded formula on Monaco-style numbers
  ])('%s → %s', (siren, expected) => {
    expect(frenchVatKey(siren)).toBe(expected);
    expect(frenchVatKey(siren)).toBe(String(Number(BigInt(siren + '12') % 97n)).padStart(2, '0'));
  });

  it('zero-pads one-digit keys', () => {
    // 12 + 3 × (n mod 97) ≡ 5 (mod 97) for n mod 97 = 30.
    expect(frenchVatKey('000000030')).toBe('05');
  });

  it.each(['73282932', '7328293200', 'FR732829320', ''])('throws on %j', (siren) => {
    expect(() => frenchVatKey(siren)).toThrow(RangeError);
  });
});

describe('validateVatNumber', () => {
  it.each([
    ['FR44732829320', 'FR', 'FR44732829320'],
    ['fr 44 732 829 320', 'FR', 'FR44732829320'],
    ['FR44.732.829.320', 'FR', 'FR44732829320'],
    ['FR-44-732829320', 'FR', 'FR44732829320'],
    ['FR40303265045', 'FR', 'FR40303265045'],
    ['DE136695976', 'DE', 'DE136695976'],
    ['BE0403170701', 'BE', 'BE0403170701'],
    ['BE 1234.567.890', 'BE', 'BE1234567890'],
    ['IT00743110157', 'IT', 'IT00743110157'],
    ['NL004495445B01', 'NL', 'NL004495445B01'],
    ['nl004495445b01', 'NL', 'NL004495445B01'],
    ['ESA28015865', 'ES', 'ESA28015865'],
    ['ES12345678Z', 'ES', 'ES12345678Z'],
    ['ESX1234567L', 'ES', 'ESX1234567L'],
    ['EL094014201', 'EL', 'EL094014201'],
    ['ATU13585627', 'AT', 'ATU13585627'],
    ['IE6388047V', 'IE', 'IE6388047V'],
    ['IE1234567WA', 'IE', 'IE1234567WA'],
    ['IE8Z49289F', 'IE', 'IE8Z49289F'],
    ['LT123456789', 'LT', 'LT123456789'],
    ['LT123456789012', 'LT', 'LT123456789012'],
    ['CY12345678L', 'CY', 'CY12345678L'],
    ['RO18', 'RO', 'RO18'],
    ['SE556703748501', 'SE', 'SE556703748501'],
    ['XI123456789', 'XI', 'XI123456789'],
  ])('%j is valid (%s, %s)', (input, country, normalized) => {
    const r = validateVatNumber(input);
    expect(r).toEqual({ ok: true, country, normalized });
  });

  it.each([
    ['FRK7399859412', 'FRK7399859412'],
    ['FR7X399859412', 'FR7X399859412'],
    ['fr ab 732829320', 'FRAB732829320'],
  ])('accepts legacy French alphanumeric key %j with a flag', (input, normalized) => {
    expect(validateVatNumber(input)).toEqual({ ok: true, country: 'FR', normalized, legacyKey: true });
  });

  it.each([
    ['FR45732829320', 'invalid_vat_key'],
    ['FR04732829320', 'invalid_vat_key'],
    ['FR4473282932', 'invalid_vat_format'],
    ['FR447328293200', 'invalid_vat_format'],
    ['FRIO732829320', 'invalid_vat_format'], // I and O are not used in keys
    ['FR44 73282932O', 'invalid_vat_format'],
    ['DE13669597', 'invalid_vat_format'],
    ['DE1366959760', 'invalid_vat_format'],
    ['BE2403170701', 'invalid_vat_format'],
    ['BE403170701', 'invalid_vat_format'],
    ['IT0074311015', 'invalid_vat_format'],
    ['NL004495445A01', 'invalid_vat_format'],
    ['NL004495445B1', 'invalid_vat_format'],
    ['ESA2801586', 'invalid_vat_format'],
    ['ES-A28015865X', 'invalid_vat_format'],
    ['EL09401420', 'invalid_vat_format'],
    ['AT13585627', 'invalid_vat_format'],
    ['LT1234567890', 'invalid_vat_format'],
    ['RO1', 'invalid_vat_format'],
    ['GR094014201', 'unknown_vat_country'], // Greece must use EL
    ['GB123456789', 'unknown_vat_country'],
    ['CH123456789', 'unknown_vat_country'],
    ['US123456789', 'unknown_vat_country'],
    ['732829320', 'invalid_vat_format'],
    ['F', 'invalid_vat_format'],
    ['', 'invalid_vat_format'],
    ['FR44_732829320', 'invalid_vat_format'],
  ])('%j → %s', (input, code) => {
    expect(validateVatNumber(input)).toEqual({ ok: false, code });
  });

  it('normalizes case, spaces, dots and dashes', () => {
    expect(normalizeVatNumber(' fr 44.732-829 320 ')).toBe('FR44732829320');
  });
});

describe('vatNumberMatchesSiren', () => {
  it.each([
    ['FR44732829320', '732829320', true],
    ['FR 44 732 829 320', '732 829 320', true],
    ['FR44732829320', '404833048', false],
    ['FR45732829320', '732829320', false], // bad key
    ['FRK7399859412', '399859412', true], // legacy key
    ['DE136695976', '136695976', false], // not French
    ['', '732829320', false],
  ])('%j vs %j → %s', (vat, siren, expected) => {
    expect(vatNumberMatchesSiren(vat, siren)).toBe(expected);
  });
});

describe('gs1CheckDigit', () => {
  it.each([
    ['890400021003', 7], // DOMAIN.md §8.1
    ['629104150021', 3], // DOMAIN.md §8.1
    ['35412345000000001', 4], // DOMAIN.md §13.4 (weighted sum 56)
    ['400638133393', 1],
    ['9638507', 4],
    ['03600029145', 2],
    ['1061414100041', 5],
    ['541234500001', 3],
    ['0', 0],
    ['1', 7],
  ])('%s → %i', (data, expected) => {
    expect(gs1CheckDigit(data)).toBe(expected);
  });

  it.each(['', '12a4', ' 123'])('throws on %j', (data) => {
    expect(() => gs1CheckDigit(data)).toThrow(RangeError);
  });
});

describe('isValidGtin', () => {
  it.each([
    ['96385074', true], // GTIN-8
    ['036000291452', true], // GTIN-12 (UPC-A)
    ['8904000210037', true], // GTIN-13 from §8.1
    ['6291041500213', true], // GTIN-13 from §8.1
    ['4006381333931', true],
    ['10614141000415', true], // GTIN-14
    ['4006381333932', false],
    ['8904000210036', false],
    ['10614141000416', false],
    ['400638133393', false], // 12 digits, bad check
    ['40063813339', false], // 11 digits
    ['963850740', false], // 9 digits
    ['354123450000000014', false], // 18 digits is an SSCC, not a GTIN
    ['400638133393X', false],
    ['', false],
  ])('%j → %s', (s, expected) => {
    expect(isValidGtin(s)).toBe(expected);
  });
});

describe('isValidGln', () => {
  it.each([
    ['5412345000013', true],
    ['8904000210037', true],
    ['5412345000014', false],
    ['541234500001', false],
    ['05412345000013', false],
    ['', false],
  ])('%j → %s', (s, expected) => {
    expect(isValidGln(s)).toBe(expected);
  });
});

describe('isValidSscc', () => {
  it.each([
    ['354123450000000014', true], // GS1 example, §13.4
    ['354123450000000015', false],
    ['00354123450000000014', false], // AI (00) prefix is not part of the SSCC
    ['35412345000000001', false],
    ['35412345000000001X', false],
  ])('%j → %s', (s, expected) => {
    expect(isValidSscc(s)).toBe(expected);
  });
});

describe('isValidIban', () => {
  it.each([
    ['FR7630006000011234567890189', true],
    ['FR76 3000 6000 0112 3456 7890 189', true],
    ['fr7630006000011234567890189', true],
    ['DE89370400440532013000', true],
    ['GB82WEST12345698765432', true],
    ['BE68539007547034', true],
    ['FR9830006000010000000004800', true],
    ['FR0230006000010000000004200', true],
    ['FR7630006000011234567890188', false], // one digit changed
    ['FR7630006000011234567890198', false], // transposition
    ['FR7730006000011234567890189', false], // wrong check digits
    ['FR0130006000010000000004800', false], // passes mod 97 but check digits 01 are not allowed
    ['FR9930006000010000000004200', false], // passes mod 97 but check digits 99 are not allowed
    ['FR76300060000112345678901890000000', false], // passes mod 97 but FR IBANs have 27 characters
    ['FR763000600001123456789018', false], // 26 characters
    ['XX7630006000011234567890189', false], // unknown country
    ['NO9386011117947', true], // shortest registry length (15)
    ['MT84MALT011000012345MTLCAST001S', true], // 31 characters
    ['FR763000600', false], // too short
    ['7630006000011234567890189', false],
    ['FR76-3000-6000-0112-3456-7890-189', false],
    ['', false],
  ])('%j → %s', (s, expected) => {
    expect(isValidIban(s)).toBe(expected);
  });
});

describe('isValidBic', () => {
  it.each([
    ['BNPAFRPP', true],
    ['BNPAFRPPXXX', true],
    ['deutdeff500', true],
    ['SOGE FR PP', true],
    ['CEPAFRPP751', true],
    ['BNPAFRP', false],
    ['BNPAFRPPXX', false],
    ['BNPAFRPPXXXX', false],
    ['1NPAFRPP', false],
    ['BNPA1RPP', false],
    ['BNPAFRP_', false],
    ['', false],
  ])('%j → %s', (s, expected) => {
    expect(isValidBic(s)).toBe(expected);
  });
});
