import DecimalJs from 'decimal.js';
import { describe, expect, it } from 'vitest';
import {
  Decimal,
  currencyDecimals,
  dec,
  isDecimalString,
  roundHalfUp,
  sum,
  toMoneyString,
  toQuantityString,
} from './decimal';

describe('isDecimalString', () => {
  it.each([
    ['0', true],
    ['-0', true],
    ['1234.50', true],
    ['-0.005', true],
    ['007', true],
    ['123456789012345678901234567890.123456789', true],
    ['', false],
    ['-', false],
    ['.5', false],
    ['5.', false],
    ['+1', false],
    ['1e3', false],
    ['1E-2', false],
    [' 1', false],
    ['1 000', false],
    ['1,5', false],
    ['0x10', false],
    ['NaN', false],
    ['Infinity', false],
    ['--1', false],
  ])('%j → %s', (s, expected) => {
    expect(isDecimalString(s)).toBe(expected);
  });
});

describe('dec', () => {
  it.each([
    ['1234.5', '1234.5'],
    ['-0.005', '-0.005'],
    [42, '42'],
    [-7, '-7'],
    [0, '0'],
    [Number.MAX_SAFE_INTEGER, '9007199254740991'],
    ['123456789012345678901234567890.12', '123456789012345678901234567890.12'],
  ])('%j → %s', (input, expected) => {
    expect(dec(input).toString()).toBe(expected);
  });

  it.each([
    ['float', 0.1],
    ['float 1.5', 1.5],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY],
    ['unsafe integer', 2 ** 60],
    ['NaN string', 'NaN'],
    ['Infinity string', 'Infinity'],
    ['exponent string', '1e3'],
    ['blank string', ''],
    ['padded string', ' 1.5'],
    ['comma string', '1,5'],
    ['NaN Decimal', new Decimal(Number.NaN)],
    ['infinite Decimal', new Decimal(Number.POSITIVE_INFINITY)],
  ])('rejects %s', (_label, input) => {
    expect(() => dec(input)).toThrow(TypeError);
  });

  it('returns Decimals of the configured clone unchanged', () => {
    const d = new Decimal('1.5');
    expect(dec(d)).toBe(d);
  });

  it('re-wraps Decimals built by another decimal.js clone so they use precision 40', () => {
    const foreign = new DecimalJs('1');
    const wrapped = dec(foreign);
    expect(wrapped.constructor).toBe(Decimal);
    expect(wrapped.dividedBy(3).toString()).toBe(`0.${'3'.repeat(40)}`);
  });
});

describe('Decimal configuration', () => {
  it('keeps 40 significant digits and rounds half-up', () => {
    expect(Decimal.precision).toBe(40);
    expect(Decimal.rounding).toBe(Decimal.ROUND_HALF_UP);
    expect(dec(2).dividedBy(3).toString()).toBe(`0.${'6'.repeat(39)}7`);
  });

  it('never switches to exponential notation', () => {
    expect(dec('0.0000000000000000000001').toString()).toBe('0.0000000000000000000001');
    expect(dec('1000000000000000000000000000000').toString()).toBe('1000000000000000000000000000000');
  });

  it('adds exactly where floats do not', () => {
    expect(dec('0.1').plus(dec('0.2')).toString()).toBe('0.3');
  });
});

describe('roundHalfUp / toMoneyString', () => {
  it.each([
    ['0.005', 2, '0.01'],
    ['-0.005', 2, '-0.01'],
    ['0.004', 2, '0.00'],
    ['-0.004', 2, '0.00'],
    ['-0.0049999', 2, '0.00'],
    ['1.015', 2, '1.02'],
    ['-1.015', 2, '-1.02'],
    ['2.675', 2, '2.68'],
    ['1.005', 2, '1.01'],
    ['1234.5', 2, '1234.50'],
    ['1234', 2, '1234.00'],
    ['0', 2, '0.00'],
    ['-0', 2, '0.00'],
    ['119.835616438356', 2, '119.84'],
    ['77.523287671232', 2, '77.52'],
    ['99999999999999999999999999.995', 2, '100000000000000000000000000.00'],
    ['-99999999999999999999999999.995', 2, '-100000000000000000000000000.00'],
    ['123456789012345678.125', 2, '123456789012345678.13'],
    ['0.5', 0, '1'],
    ['-0.5', 0, '-1'],
    ['2.5', 0, '3'],
    ['1.2345', 3, '1.235'],
    ['-1.2345', 3, '-1.235'],
    ['7', 3, '7.000'],
  ])('%s at %i decimals → %s', (input, decimals, expected) => {
    expect(toMoneyString(input, decimals)).toBe(expected);
    expect(roundHalfUp(input, decimals).equals(dec(expected))).toBe(true);
  });

  it('defaults to 2 decimals', () => {
    expect(toMoneyString('10')).toBe('10.00');
    expect(toMoneyString(dec(5))).toBe('5.00');
  });

  it('roundHalfUp returns a Decimal', () => {
    expect(roundHalfUp('1.005', 2).equals(dec('1.01'))).toBe(true);
  });

  it.each([-1, 1.5, Number.NaN])('rejects %s decimals', (decimals) => {
    expect(() => toMoneyString('1', decimals)).toThrow(RangeError);
  });

  it('rejects floats', () => {
    expect(() => toMoneyString(0.1)).toThrow(TypeError);
  });
});

describe('toQuantityString', () => {
  it.each([
    ['2.50', '2.5'],
    ['3.000', '3'],
    ['3', '3'],
    ['0.000', '0'],
    ['-0', '0'],
    ['-1.2500', '-1.25'],
    ['0.0001', '0.0001'],
    ['1000000000000000000000.5', '1000000000000000000000.5'],
    [12, '12'],
  ])('%j → %s', (input, expected) => {
    expect(toQuantityString(input)).toBe(expected);
  });
});

describe('sum', () => {
  it.each<[string, (string | number)[], string]>([
    ['empty', [], '0'],
    ['strings', ['0.1', '0.2', '0.3'], '0.6'],
    ['mixed', ['1.10', 2, dec('-0.10').toString()], '3'],
    ['big', ['99999999999999999999.99', '0.01'], '100000000000000000000'],
  ])('%s', (_label, values, expected) => {
    expect(sum(values).toString()).toBe(expected);
  });

  it('accepts any iterable and Decimals', () => {
    expect(sum(new Set([dec('1.5'), dec('2.5')])).toString()).toBe('4');
  });

  it('rejects floats inside', () => {
    expect(() => sum(['1', 0.5])).toThrow(TypeError);
  });
});

describe('currencyDecimals', () => {
  it.each([
    ['EUR', 2],
    ['USD', 2],
    ['GBP', 2],
    ['CHF', 2],
    ['JPY', 0],
    ['XOF', 0],
    ['XPF', 0],
    ['KWD', 3],
    ['BHD', 3],
    ['TND', 3],
    ['eur', 2],
    ['jpy', 0],
    ['SEK', 2],
    ['ZZZ', 2],
  ])('%s → %i', (code, expected) => {
    expect(currencyDecimals(code)).toBe(expected);
  });
});
