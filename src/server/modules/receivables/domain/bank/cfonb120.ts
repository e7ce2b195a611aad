/**
 * CFONB 120 (relevé de compte 120 caractères) reader (DOMAIN §14.2): `01` old balance, `04` movements each followed
 * by 0..n `05` complements, `07` new balance; a file holds several statements and accounts. One BankStatement per
 * 01…07 pair.
 *
 * - Every non-blank line must be exactly 120 characters (trailing blanks beyond 120 are tolerated); errors name the
 *   line (and the 1-based column of the faulty zone). A file without line breaks is cut into 120-character records,
 *   numbered 1, 2, 3… as if each were a line.
 * - Tolerated, as in the samples: blank lines, text in the reserved zones, a 04 bank code unlike its 01's. The account
 *   number (positions 22–32) and currency of 04/07 must be those of the enclosing 01.
 * - Amounts: 13 digits + a sign character (`{`, `A`–`I` credit; `}`, `J`–`R` debit) scaled by the decimals digit
 *   (position 20). Dates JJMMAA: year > 60 → 19xx, else 20xx.
 * - Statement key = (account, 01 date, 07 date, opening, closing) with account = 01 bank + branch + account; line key =
 *   (bank, branch, account, accounting date, internal and interbank operation codes, amount, entry number, reference,
 *   label) of the 04 + rank.
 * - `accountIban` stays null: the Relais bank account is found by comparing `accountNumber` with the BBAN of its
 *   IBAN (FR IBAN = FRkk + bank 5 + branch 5 + account 11 + RIB key 2).
 */
import { currencyDecimals, dec } from '@shared/decimal';
import {
  type BankComplement,
  type BankLine,
  type BankParseOptions,
  type BankStatement,
  BankFileError,
  formatAmount,
  hashKey,
  oneLine,
  rankedKeys,
  verifyStatementBalance,
} from './statement';

const RECORD_LENGTH = 120;

type RawRecord = { line: number; text: string };

/** Zone of a record by 1-based position and length (CFONB documentation numbering). */
function zone(r: RawRecord, pos: number, len: number): string {
  return r.text.slice(pos - 1, pos - 1 + len);
}

function fail(code: string, line: number | null, message: string, params: Record<string, unknown> = {}): never {
  throw new BankFileError(code, line, message, params);
}

const SIGN_CHARS: Readonly<Record<string, { digit: string; negative: boolean }>> = {
  '{': { digit: '0', negative: false },
  A: { digit: '1', negative: false },
  B: { digit: '2', negative: false },
  C: { digit: '3', negative: false },
  D: { digit: '4', negative: false },
  E: { digit: '5', negative: false },
  F: { digit: '6', negative: false },
  G: { digit: '7', negative: false },
  H: { digit: '8', negative: false },
  I: { digit: '9', negative: false },
  '}': { digit: '0', negative: true },
  J: { digit: '1', negative: true },
  K: { digit: '2', negative: true },
  L: { digit: '3', negative: true },
  M: { digit: '4', negative: true },
  N: { digit: '5', negative: true },
  O: { digit: '6', negative: true },
  P: { digit: '7', negative: true },
  Q: { digit: '8', negative: true },
  R: { digit: '9', negative: true },
};

/**
 * Decodes a CFONB signed amount (13 digits + sign character) scaled by `decimals`: `0000000166956E`, 2 → "16695.65";
 * `0000000000227R`, 2 → "-22.79". Returns null when the zone is not a valid amount.
 */
export function decodeCfonbAmount(field: string, decimals: number, currency = 'EUR'): string | null {
  if (field.length !== 14 || !/^\d{13}$/.test(field.slice(0, 13))) return null;
  const sign = SIGN_CHARS[field[13]!];
  if (!sign || !Number.isInteger(decimals) || decimals < 0 || decimals > 9) return null;
  const units = dec(`${field.slice(0, 13)}${sign.digit}`).div(dec(10).pow(decimals));
  const value = sign.negative ? units.neg() : units;
  return formatAmount(value.toDecimalPlaces(Math.max(decimals, currencyDecimals(currency))), currency);
}

/** JJMMAA → ISO date (year > 60 → 19xx, else 20xx); null when not a real date. */
export function decodeCfonbDate(field: string): string | null {
  const m = /^(\d{2})(\d{2})(\d{2})$/.exec(field);
  if (!m) return null;
  const [day, month, yy] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const year = yy > 60 ? 1900 + yy : 2000 + yy;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return d.toISOString().slice(0, 10);
}

function recordLengthError(line: number, length: number): never {
  return fail('record_length', line, `CFONB record has ${length} characters, expected ${RECORD_LENGTH}`, {
    length,
    expected: RECORD_LENGTH,
  });
}

/** Non-blank records with their line numbers; refuses records that are not 120 characters long. */
function records(text: string): RawRecord[] {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0x1a) end--; // DOS end-of-file mark
  const physical = text.slice(0, end).split(/\r\n|\n|\r/);
  const nonBlank = physical.filter((l) => l.trim() !== '');
  if (nonBlank.length === 1 && nonBlank[0]!.trimEnd().length > 2 * RECORD_LENGTH - 1) {
    // One long line: records without line breaks, numbered 1, 2, 3…
    const s = nonBlank[0]!;
    const out: RawRecord[] = [];
    for (let i = 0; i * RECORD_LENGTH < s.length; i++) {
      const t = s.slice(i * RECORD_LENGTH, (i + 1) * RECORD_LENGTH);
      if (t.trim() === '') continue;
      if (t.length !== RECORD_LENGTH) recordLengthError(i + 1, t.length);
      out.push({ line: i + 1, text: t });
    }
    return out;
  }
  const out: RawRecord[] = [];
  physical.forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    let t = raw;
    if (t.length > RECORD_LENGTH && t.slice(RECORD_LENGTH).trim() === '') t = t.slice(0, RECORD_LENGTH);
    if (t.length !== RECORD_LENGTH) recordLengthError(line, t.length);
    out.push({ line, text: t });
  });
  return out;
}

type Header = {
  record: RawRecord;
  bank: string;
  branch: string;
  account: string;
  currency: string;
  decimals: number;
  date: string;
  balance: string;
};

/** Zones shared by 01/04/05/07: bank, branch, currency, decimals, account. */
function common(r: RawRecord) {
  return {
    bank: zone(r, 3, 5),
    internalCode: zone(r, 8, 4),
    branch: zone(r, 12, 5),
    account: zone(r, 22, 11),
    interbankCode: zone(r, 33, 2),
  };
}

function decimalsOf(r: RawRecord): number {
  const raw = zone(r, 20, 1);
  if (!/^\d$/.test(raw)) {
    fail('bad_decimals', r.line, `Number of decimals (column 20) must be a digit, got ${JSON.stringify(raw)}`, {
      column: 20,
      value: raw,
    });
  }
  return Number(raw);
}

function currencyOf(r: RawRecord): string {
  const c = zone(r, 17, 3);
  if (!/^[A-Z]{3}$/.test(c)) {
    fail('bad_currency', r.line, `Currency (columns 17–19) must be an ISO code, got ${JSON.stringify(c)}`, {
      column: 17,
      value: c,
    });
  }
  return c;
}

function amountOf(r: RawRecord, decimals: number, currency: string): string {
  const raw = zone(r, 91, 14);
  const amount = decodeCfonbAmount(raw, decimals, currency);
  if (amount === null) {
    fail('bad_amount', r.line, `Invalid amount ${JSON.stringify(raw)} in columns 91–104`, { column: 91, value: raw });
  }
  return amount;
}

function dateOf(r: RawRecord, pos: number, what: string, optional = false): string | null {
  const raw = zone(r, pos, 6);
  if (optional && (raw.trim() === '' || raw === '000000')) return null;
  const iso = decodeCfonbDate(raw);
  if (iso === null) {
    fail('bad_date', r.line, `Invalid ${what} ${JSON.stringify(raw)} in columns ${pos}–${pos + 5} (JJMMAA)`, {
      column: pos,
      value: raw,
    });
  }
  return iso;
}

function header(r: RawRecord): Header {
  const c = common(r);
  const currency = currencyOf(r);
  const decimals = decimalsOf(r);
  return {
    record: r,
    bank: c.bank,
    branch: c.branch,
    account: c.account,
    currency,
    decimals,
    date: dateOf(r, 35, 'balance date')!,
    balance: amountOf(r, decimals, currency),
  };
}

type Draft = { line: Omit<BankLine, 'key'>; tuple: unknown[]; complements: BankComplement[] };

function movement(r: RawRecord, open: Header): Draft {
  const c = common(r);
  checkSameAccount(r, open);
  const decimals = decimalsOf(r);
  const amount = amountOf(r, decimals, open.currency);
  const bookingDate = dateOf(r, 35, 'accounting date')!;
  const valueDate = dateOf(r, 43, 'value date', true);
  const rawLabel = zone(r, 49, 31);
  const entryNumber = zone(r, 82, 7).trim() || null;
  const reference = zone(r, 105, 16).trim() || null;
  const interbank = c.interbankCode.trim() || null;
  const internal = c.internalCode.trim() || null;
  const complements: BankComplement[] = [];
  return {
    line: {
      lineNumber: r.line,
      bookingDate,
      valueDate,
      amount,
      currency: open.currency,
      booked: true,
      reversal: false,
      bankTransactionCode: interbank,
      label: oneLine(rawLabel),
      remittance: [],
      structuredReference: null,
      endToEndId: null,
      payerName: null,
      payerIban: null,
      bankReference: reference,
      transactions: [],
      proprietaryCode: internal,
      entryNumber,
      rejectReason: zone(r, 41, 2).trim() || null,
      complements,
    },
    tuple: [
      'cfonb120',
      c.bank,
      c.branch,
      c.account,
      bookingDate,
      internal,
      interbank,
      amount,
      entryNumber,
      reference,
      rawLabel.trim(),
    ],
    complements,
  };
}

function checkSameAccount(r: RawRecord, open: Header): void {
  const account = zone(r, 22, 11);
  if (account !== open.account) {
    fail(
      'account_mismatch',
      r.line,
      `Record for account ${account.trim()} inside the statement of account ${open.account.trim()} (line ${open.record.line})`,
      { account: account.trim(), expected: open.account.trim(), openedAt: open.record.line },
    );
  }
  const currency = zone(r, 17, 3);
  if (currency.trim() !== '' && currency !== open.currency) {
    fail('currency_mismatch', r.line, `Record in ${currency} inside a ${open.currency} statement`, {
      currency: open.currency,
      recordCurrency: currency,
    });
  }
}

/** Applies a 05 complement to its movement: LIB/LCC/LC2 → remittance, LCS → structured ref, RCN → end-to-end, NPY → payer. */
function complement(r: RawRecord, draft: Draft): void {
  const qualifier = zone(r, 46, 3).trim();
  const info = zone(r, 49, 70).replace(/\s+$/, '');
  if (qualifier === '' && info.trim() === '') return;
  draft.complements.push({ qualifier, text: info, lineNumber: r.line });
  const l = draft.line;
  const value = oneLine(info);
  switch (qualifier) {
    case 'LIB':
    case 'LCC':
    case 'LC2':
      if (value !== '') l.remittance.push(value);
      break;
    case 'LCS':
      if (l.structuredReference === null && value !== '') l.structuredReference = value;
      break;
    case 'RCN': {
      const e2e = zone(r, 49, 35).trim();
      if (l.endToEndId === null && e2e !== '' && e2e.toUpperCase() !== 'NOTPROVIDED') l.endToEndId = e2e;
      break;
    }
    case 'NPY':
      if (l.payerName === null && value !== '') l.payerName = value;
      break;
  }
}

/** Parses a CFONB 120 file into its statements (one per 01…07 pair). */
export function parseCfonb120(text: string, options: BankParseOptions = {}): BankStatement[] {
  const statements: BankStatement[] = [];
  let open: Header | null = null;
  let drafts: Draft[] = [];
  let last: Draft | null = null;
  for (const r of records(text)) {
    const code = zone(r, 1, 2);
    switch (code) {
      case '01':
        if (open) {
          fail(
            'unclosed_statement',
            r.line,
            `New 01 record before the 07 closing the statement opened line ${open.record.line}`,
            {
              openedAt: open.record.line,
            },
          );
        }
        open = header(r);
        drafts = [];
        last = null;
        break;
      case '04':
        if (!open) fail('orphan_record', r.line, '04 movement outside a statement (no 01 before it)', { record: code });
        last = movement(r, open);
        drafts.push(last);
        break;
      case '05':
        if (!last) fail('orphan_record', r.line, '05 complement without a 04 movement before it', { record: code });
        complement(r, last);
        break;
      case '07': {
        if (!open) fail('orphan_record', r.line, '07 closing balance without a 01 before it', { record: code });
        checkSameAccount(r, open);
        const close = header(r);
        statements.push(statement(open, close, drafts, options));
        open = null;
        drafts = [];
        last = null;
        break;
      }
      default:
        fail(
          'unknown_record',
          r.line,
          `Unknown CFONB record code ${JSON.stringify(code)} (expected 01, 04, 05 or 07)`,
          {
            record: code,
          },
        );
    }
  }
  if (open) {
    fail('unclosed_statement', open.record.line, 'Statement opened by this 01 record has no 07 closing balance', {
      openedAt: open.record.line,
    });
  }
  if (statements.length === 0) fail('no_statement', null, 'No CFONB statement (01…07) in the file');
  return statements;
}

function statement(open: Header, close: Header, drafts: Draft[], options: BankParseOptions): BankStatement {
  const accountNumber = `${open.bank}${open.branch}${open.account}`.replace(/\s+/g, '');
  const keys = rankedKeys(drafts.map((d) => d.tuple));
  const currency = open.currency;
  const s: BankStatement = {
    key: hashKey(['cfonb120', accountNumber, open.date, close.date, open.balance, close.balance]),
    format: 'cfonb120',
    accountIban: null,
    accountNumber,
    currency,
    statementId: null,
    fromDate: open.date,
    toDate: close.date,
    openingBalance: formatAmount(dec(open.balance), currency),
    closingBalance: formatAmount(dec(close.balance), currency),
    lines: drafts.map((d, i) => ({ ...d.line, key: keys[i]! })),
    lineNumber: open.record.line,
    endLineNumber: close.record.line,
  };
  if (options.verifyBalances !== false) verifyStatementBalance(s);
  return s;
}
