/**
 * SSCC (Serial Shipping Container Code, GS1) for pallets and parcels. Pure. DOMAIN.md §9 and §13.4.
 *
 * RULES
 * - 18 digits = extension digit (0–9) + GS1 company prefix (7–10 digits here) + serial reference (16 − prefix
 *   length digits, zero-padded) + check digit (GS1 mod 10 over the 17 digits, weights 3,1,3… from the right:
 *   `gs1CheckDigit` of `@shared/identifiers`).
 * - Capacity of a (prefix, extension digit): 10^(16 − prefix length) serials, 0 … capacity − 1.
 * - Human-readable text under the bar code: '(00) ' + extension + ' ' + the 16 prefix-and-serial digits + ' ' +
 *   check digit (the prefix length cannot be read from the SSCC alone, so prefix and serial stay together).
 * - GS1-128 text (what bwip-js 'gs1-128' encodes): '(00)' + the 18 digits.
 * - Input (`parseSscc`): spaces and parentheses are removed; 18 digits with a correct check digit, or 20 digits
 *   '00' + such an SSCC (AI included, as one public test DESADV sends it in GIN+BJ); anything else → null.
 */
import { gs1CheckDigit, isValidSscc } from '@shared/identifiers';

export { gs1CheckDigit, isValidSscc };

const PREFIX = /^\d{7,10}$/;

function assertPrefix(companyPrefix: string): void {
  if (typeof companyPrefix !== 'string' || !PREFIX.test(companyPrefix)) {
    throw new RangeError(`GS1 company prefix must be 7 to 10 digits, got ${JSON.stringify(companyPrefix)}`);
  }
}

function assertSscc(sscc: string): void {
  if (!isValidSscc(sscc)) throw new RangeError(`Not a valid SSCC: ${JSON.stringify(sscc)}`);
}

/** Number of serial references a company prefix leaves for one extension digit: 10^(16 − prefix length). */
export function ssccCapacity(companyPrefix: string): number {
  assertPrefix(companyPrefix);
  return 10 ** (16 - companyPrefix.length);
}

/** The 18-digit SSCC; RangeError when the extension is not 0–9, the prefix not 7–10 digits or the serial out of range. */
export function buildSscc(extensionDigit: number, companyPrefix: string, serial: number): string {
  if (!Number.isInteger(extensionDigit) || extensionDigit < 0 || extensionDigit > 9) {
    throw new RangeError(`SSCC extension digit must be 0 to 9, got ${extensionDigit}`);
  }
  const capacity = ssccCapacity(companyPrefix);
  if (!Number.isSafeInteger(serial) || serial < 0 || serial >= capacity) {
    throw new RangeError(`SSCC serial must be an integer from 0 to ${capacity - 1}, got ${serial}`);
  }
  const body = `${extensionDigit}${companyPrefix}${String(serial).padStart(16 - companyPrefix.length, '0')}`;
  return `${body}${gs1CheckDigit(body)}`;
}

/** '(00) 0 3761234000000001 9' */
export function ssccHumanReadable(sscc: string): string {
  assertSscc(sscc);
  return `(00) ${sscc.slice(0, 1)} ${sscc.slice(1, 17)} ${sscc.slice(17)}`;
}

/** '(00)037612340000000019' — the text bwip-js 'gs1-128' takes. */
export function ssccGs1128(sscc: string): string {
  assertSscc(sscc);
  return `(00)${sscc}`;
}

/** The 18-digit SSCC read from a scan, an EDI segment or a person's typing; null when it is not one. */
export function parseSscc(input: string): string | null {
  if (typeof input !== 'string') return null;
  const digits = input.replace(/[\s()]/g, '');
  if (digits.length === 18) return isValidSscc(digits) ? digits : null;
  if (digits.length === 20 && digits.startsWith('00')) {
    const sscc = digits.slice(2);
    return isValidSscc(sscc) ? sscc : null;
  }
  return null;
}
