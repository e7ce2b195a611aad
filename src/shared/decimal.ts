/**
 * The single Decimal type for money and quantities. Floats are forbidden for amounts: values travel as decimal
 * strings (see `isDecimalString`) and are computed with this configured decimal.js clone.
 */
import DecimalJs from 'decimal.js';

/** decimal.js clone used everywhere: 40 significant digits, half-up rounding, never exponential notation. */
export const Decimal = DecimalJs.clone({
  precision: 40,
  rounding: DecimalJs.ROUND_HALF_UP,
  toExpNeg: -9e15,
  toExpPos: 9e15,
});
/** An instance of the configured Decimal. */
export type Decimal = DecimalJs;

/** Anything `dec` accepts: a decimal string, a safe integer number or a Decimal. */
export type DecimalInput = string | number | Decimal;

const DECIMAL_STRING = /^-?\d+(\.\d+)?$/;

/** True for API decimal strings: optional '-', digits, optional '.' followed by digits (no exponent, no spaces). */
export function isDecimalString(s: string): boolean {
  return DECIMAL_STRING.test(s);
}

/** Convert to Decimal; strings must be decimal strings, numbers must be safe integers, NaN/Infinity are rejected. */
export function dec(x: DecimalInput): Decimal {
  if (typeof x === 'string') {
    if (!isDecimalString(x)) throw new TypeError(`Not a decimal string: ${JSON.stringify(x)}`);
    return new Decimal(x);
  }
  if (typeof x === 'number') {
    if (!Number.isSafeInteger(x)) throw new TypeError(`Only safe integer numbers are allowed, got ${x}; use a string`);
    return new Decimal(x);
  }
  if (!x.isFinite()) throw new TypeError(`Not a finite decimal: ${x.toString()}`);
  // Instances carry their constructor's precision/rounding, so re-wrap values built by another decimal.js clone.
  return x.constructor === Decimal ? x : new Decimal(x);
}

/** Round half-up (away from zero on ties) to `decimals` places. */
export function roundHalfUp(d: DecimalInput, decimals: number): Decimal {
  assertDecimals(decimals);
  return dec(d).toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP);
}

/** Fixed-point string rounded half-up to `decimals` places, e.g. "1234.50"; never "-0.00". */
export function toMoneyString(d: DecimalInput, decimals = 2): string {
  const rounded = roundHalfUp(d, decimals);
  return (rounded.isZero() ? rounded.abs() : rounded).toFixed(decimals);
}

/** Plain string without trailing zeros, keeping at least the integer part: "2.5", "3", "0". */
export function toQuantityString(d: DecimalInput): string {
  const x = dec(d);
  return (x.isZero() ? x.abs() : x).toFixed();
}

/** Sum of the values (0 when empty). */
export function sum(values: Iterable<DecimalInput>): Decimal {
  let total = new Decimal(0);
  for (const v of values) total = total.plus(dec(v));
  return total;
}

const MINOR_UNITS: Readonly<Record<string, number>> = {
  EUR: 2,
  USD: 2,
  GBP: 2,
  CHF: 2,
  // ISO 4217 currencies without minor unit (XOF/XAF/XPF are used in francophone Africa and French Pacific).
  JPY: 0,
  KRW: 0,
  ISK: 0,
  CLP: 0,
  VND: 0,
  XOF: 0,
  XAF: 0,
  XPF: 0,
  // ISO 4217 currencies with three decimals.
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
};

/** ISO 4217 minor-unit digits of a currency code (case-insensitive); 2 for unknown codes. */
export function currencyDecimals(code: string): number {
  return MINOR_UNITS[code.trim().toUpperCase()] ?? 2;
}

function assertDecimals(decimals: number): void {
  if (!Number.isInteger(decimals) || decimals < 0) throw new RangeError(`Invalid number of decimals: ${decimals}`);
}
