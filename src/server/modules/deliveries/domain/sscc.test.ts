import { describe, expect, it } from 'vitest';
import { buildSscc, gs1CheckDigit, parseSscc, ssccCapacity, ssccGs1128, ssccHumanReadable } from './sscc';

describe('gs1CheckDigit (re-exported)', () => {
  it.each([
    ['03761234000000001', 9], // DOMAIN §9
    ['35412345000000001', 4], // GS1's example, DOMAIN §13.4 (weighted sum 56)
    ['890400021003', 7], // DOMAIN §8.1
    ['629104150021', 3], // DOMAIN §8.1
  ])('%s → %i', (data, check) => {
    expect(gs1CheckDigit(data)).toBe(check);
  });
});

describe('ssccCapacity', () => {
  it.each([
    ['3761234', 1_000_000_000],
    ['37612345', 100_000_000],
    ['376123456', 10_000_000],
    ['3761234567', 1_000_000],
  ])('prefix %s → %i serials', (prefix, capacity) => {
    expect(ssccCapacity(prefix)).toBe(capacity);
  });
  it.each(['376123', '37612345678', '376123A', '', ' 3761234'])('rejects prefix %j', (prefix) => {
    expect(() => ssccCapacity(prefix)).toThrow(RangeError);
  });
});

describe('buildSscc', () => {
  it.each<[number, string, number, string]>([
    [0, '3761234', 1, '037612340000000019'], // DOMAIN §9
    [3, '5412345', 1, '354123450000000014'], // GS1 example
    [0, '3761234', 0, '037612340000000002'],
    [9, '3761234', 999_999_999, '937612349999999994'],
    [1, '3761234567', 999_999, '137612345679999999'],
    [0, '3761234567', 42, '037612345670000420'],
  ])('(%i, %s, %i) → %s', (ext, prefix, serial, sscc) => {
    const built = buildSscc(ext, prefix, serial);
    expect(built).toBe(sscc);
    expect(built).toHaveLength(18);
    expect(parseSscc(built)).toBe(built);
  });

  it.each<[string, number, string, number]>([
    ['serial = capacity (7-digit prefix)', 0, '3761234', 1_000_000_000],
    ['serial = capacity (10-digit prefix)', 0, '3761234567', 1_000_000],
    ['negative serial', 0, '3761234', -1],
    ['fractional serial', 0, '3761234', 1.5],
    ['NaN serial', 0, '3761234', Number.NaN],
    ['extension 10', 10, '3761234', 1],
    ['extension -1', -1, '3761234', 1],
    ['fractional extension', 1.5, '3761234', 1],
    ['6-digit prefix', 0, '376123', 1],
    ['11-digit prefix', 0, '37612345678', 1],
    ['non-digit prefix', 0, '37612A4', 1],
  ])('throws RangeError: %s', (_name, ext, prefix, serial) => {
    expect(() => buildSscc(ext, prefix, serial)).toThrow(RangeError);
  });
});

describe('SSCC texts', () => {
  it('human-readable line', () => {
    expect(ssccHumanReadable('037612340000000019')).toBe('(00) 0 3761234000000001 9');
    expect(ssccHumanReadable('354123450000000014')).toBe('(00) 3 5412345000000001 4');
  });
  it('GS1-128 text for bwip-js', () => {
    expect(ssccGs1128('037612340000000019')).toBe('(00)037612340000000019');
  });
  it.each(['037612340000000018', '03761234000000001', '(00)037612340000000019'])('refuses to print %s', (s) => {
    expect(() => ssccHumanReadable(s)).toThrow(RangeError);
    expect(() => ssccGs1128(s)).toThrow(RangeError);
  });
});

describe('parseSscc', () => {
  it.each<[string, string | null]>([
    ['354123450000000014', '354123450000000014'],
    ['037612340000000019', '037612340000000019'],
    [' 0 3761234 000000001 9 ', '037612340000000019'],
    ['(00) 0 3761234000000001 9', '037612340000000019'], // our own human-readable text
    ['(00)037612340000000019', '037612340000000019'], // GS1-128 text
    ['00354123450000000014', '354123450000000014'], // 20 digits in GIN+BJ (AI + SSCC)
    ['354123450000000015', null], // wrong check digit
    ['354123450000000010', null],
    ['00354123450000000015', null], // 20 digits, wrong check digit
    ['01354123450000000014', null], // 20 digits not starting with 00
    ['0354123450000000014', null], // 19 digits
    ['35412345000000001', null], // 17 digits
    ['35412345000000001A', null],
    ['3541-2345-0000-0000-14', null], // dashes are not stripped
    ['', null],
  ])('%j → %s', (input, sscc) => {
    expect(parseSscc(input)).toBe(sscc);
  });
});
