/**
 * Simple bank-export CSV reader: one statement per file.
 *
 * - Separator `;`, `,`, tab or `|`: the one whose header row is recognized. RFC 4180 quoting ("" inside quotes,
 *   line breaks inside quoted fields). Rows before the header (account preamble of some banks) are skipped.
 * - Header (case, accents and punctuation ignored; a trailing currency word such as "Montant EUR" or
 *   "Amount (CHF)" gives the currency): a date column and either an amount column (signed: negative = debit) or
 *   debit/credit columns (either sign accepted, the column gives the direction); optional value date, label,
 *   reference, remittance, payer name, payer IBAN, end-to-end id, currency, direction (`Sens`: D/C) and balance.
 * - Amounts: French decimal comma, thousands separators (space, no-break space, `.`, `,`, `'`), currency symbols,
 *   trailing or parenthesised minus. With both `.` and `,` the last one is the decimal mark; a single `,` or `.`
 *   is always the decimal mark ("1,234" = 1.234). Dates: YYYY-MM-DD, DD/MM/YYYY, DD.MM.YYYY, DD-MM-YY, YYYYMMDD (day
 *   first, never the US month-first order).
 * - Balances: with a balance column, every row must continue the running balance (file in chronological or in
 *   reverse order); opening = first balance − first amount, closing = last balance. Without one the file has no
 *   balances: opening = 0, closing = Σ amounts and `balancesComputed` = true (nothing proven, gaps undetectable).
 * - Rows whose cells are all empty are skipped; any other row must have a valid date and amount.
 * - Keys: line = (currency, dates, amount, label, reference, remittance, payer, IBAN, end-to-end) + rank; statement =
 *   (currency, period, balances, line keys).
 */
import { type Decimal, currencyDecimals, dec, sum, toMoneyString } from '@shared/decimal';
import {
  type BankLine,
  type BankParseOptions,
  type BankStatement,
  BankFileError,
  formatAmount,
  hashKey,
  isIsoDate,
  oneLine,
  rankedKeys,
  verifyStatementBalance,
} from './statement';

type Field =
  | 'date'
  | 'valueDate'
  | 'label'
  | 'amount'
  | 'debit'
  | 'credit'
  | 'direction'
  | 'reference'
  | 'remittance'
  | 'payerName'
  | 'payerIban'
  | 'endToEndId'
  | 'currency'
  | 'balance';

const SYNONYMS: Record<Field, string[]> = {
  date: [
    'date',
    'date operation',
    'date de l operation',
    'date d operation',
    'date op',
    'date comptable',
    'date de comptabilisation',
    'booking date',
    'transaction date',
    'posting date',
  ],
  valueDate: ['date valeur', 'date de valeur', 'value date', 'valeur'],
  label: [
    'libelle',
    'libelle operation',
    'libelle de l operation',
    'label',
    'description',
    'intitule',
    'details',
    'wording',
    'narrative',
  ],
  amount: ['montant', 'montant de l operation', 'amount', 'transaction amount'],
  debit: ['debit', 'debits', 'montant debit', 'debit amount', 'sortie', 'sorties'],
  credit: ['credit', 'credits', 'montant credit', 'credit amount', 'entree', 'entrees'],
  direction: ['sens', 'debit credit', 'credit debit', 'd c', 'c d'],
  reference: ['reference', 'ref', 'reference operation', 'reference bancaire', 'bank reference'],
  remittance: ['remittance', 'remittance information', 'communication', 'motif', 'informations complementaires'],
  payerName: [
    'payer',
    'payer name',
    'payeur',
    'nom du payeur',
    'tiers',
    'counterparty',
    'counterparty name',
    'contrepartie',
    'nom de la contrepartie',
  ],
  payerIban: [
    'iban',
    'payer iban',
    'iban payeur',
    'iban du payeur',
    'counterparty iban',
    'iban contrepartie',
    'iban tiers',
  ],
  endToEndId: ['end to end id', 'endtoendid', 'end to end', 'reference de bout en bout'],
  currency: ['devise', 'currency', 'monnaie', 'ccy'],
  balance: ['solde', 'balance', 'running balance', 'solde apres operation'],
};

const HEADER_NAMES = new Map<string, Field>(
  (Object.entries(SYNONYMS) as [Field, string[]][]).flatMap(([field, names]) => names.map((n) => [n, field] as const)),
);

const CURRENCY_WORDS: Readonly<Record<string, string>> = {
  eur: 'EUR',
  euro: 'EUR',
  euros: 'EUR',
  chf: 'CHF',
  usd: 'USD',
  gbp: 'GBP',
};

function normalizeHeader(h: string): { name: string; currency: string | null } {
  const words = h
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/€/g, ' eur ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((w) => w !== '');
  let currency: string | null = null;
  const lastWord = words[words.length - 1];
  if (words.length > 1 && lastWord !== undefined && CURRENCY_WORDS[lastWord]) {
    currency = CURRENCY_WORDS[lastWord]!;
    words.pop();
    if (words[words.length - 1] === 'en' || words[words.length - 1] === 'in') words.pop();
  }
  return { name: words.join(' '), currency };
}

type Columns = { map: Partial<Record<Field, number>>; currency: string | null };

function mapHeader(fields: string[]): Columns | null {
  const map: Partial<Record<Field, number>> = {};
  let currency: string | null = null;
  fields.forEach((f, i) => {
    const h = normalizeHeader(f);
    const field = HEADER_NAMES.get(h.name);
    if (field === undefined || map[field] !== undefined) return;
    map[field] = i;
    if (h.currency && (field === 'amount' || field === 'debit' || field === 'credit' || field === 'balance')) {
      currency ??= h.currency;
    }
  });
  if (map.date === undefined) return null;
  if (map.amount === undefined && map.debit === undefined && map.credit === undefined) return null;
  return { map, currency };
}

type Row = { fields: string[]; line: number };

/** RFC 4180 records with the line each starts on, and the error of an unterminated quote (rows read until then). */
function tokenize(text: string, sep: string): { rows: Row[]; error: BankFileError | null } {
  const rows: Row[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let rowLine = 1;
  let i = 0;
  let quoted = false;
  let quoteLine = 1;
  let atFieldStart = true;
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      if (ch === '\n') line++;
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && atFieldStart) {
      quoted = true;
      quoteLine = line;
      atFieldStart = false;
      i++;
      continue;
    }
    if (ch === sep) {
      fields.push(field);
      field = '';
      atFieldStart = true;
      i++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      fields.push(field);
      rows.push({ fields, line: rowLine });
      fields = [];
      field = '';
      atFieldStart = true;
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      rowLine = line;
      continue;
    }
    field += ch;
    atFieldStart = false;
    i++;
  }
  if (quoted) {
    return { rows, error: new BankFileError('csv_quote', quoteLine, 'Unterminated quoted field') };
  }
  if (field !== '' || fields.length > 0) {
    fields.push(field);
    rows.push({ fields, line: rowLine });
  }
  return { rows, error: null };
}

const SEPARATORS = [';', ',', '\t', '|'];
const HEADER_SEARCH_ROWS = 30;

/** Separator, rows, header row index and columns; null when no recognizable header is found. */
function findHeader(
  text: string,
): { rows: Row[]; error: BankFileError | null; headerIndex: number; columns: Columns } | null {
  for (const sep of SEPARATORS) {
    if (!text.includes(sep)) continue;
    const { rows, error } = tokenize(text, sep);
    for (let i = 0; i < Math.min(rows.length, HEADER_SEARCH_ROWS); i++) {
      const columns = mapHeader(rows[i]!.fields);
      if (columns) return { rows, error, headerIndex: i, columns };
    }
  }
  return null;
}

/** True when the text is a CSV with a recognizable bank-export header (date and amount columns). */
export function looksLikeBankCsv(text: string): boolean {
  return findHeader(text) !== null;
}

/** CSV amount → Decimal, null when not an amount (see the file comment for the accepted writings). */
export function parseCsvAmount(raw: string): Decimal | null {
  let s = raw
    .replace(/[\s\u00a0\u202f'’]/g, '')
    .replace(/[€$£]|EUR|CHF|USD|GBP/gi, '')
    .replace(/\u2212/g, '-');
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1);
  }
  if (s.startsWith('-')) {
    negative = !negative;
    s = s.slice(1);
  } else if (s.startsWith('+')) s = s.slice(1);
  else if (s.endsWith('-')) {
    negative = !negative;
    s = s.slice(0, -1);
  }
  const commas = s.split(',').length - 1;
  const dots = s.split('.').length - 1;
  if (commas > 0 && dots > 0) {
    const decimalMark = s.lastIndexOf(',') > s.lastIndexOf('.') ? ',' : '.';
    const thousands = decimalMark === ',' ? '.' : ',';
    if (s.split(decimalMark).length - 1 > 1) return null;
    s = s.split(thousands).join('').replace(',', '.');
  } else if (commas > 1) s = s.split(',').join('');
  else if (dots > 1) s = s.split('.').join('');
  else if (commas === 1) s = s.replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(s)) return null;
  const d = dec(s);
  return negative ? d.neg() : d;
}

/** CSV date → ISO date, null when not a real date (day-first order for slashes, dots and dashes). */
export function parseCsvDate(raw: string): string | null {
  const s = raw.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) {
    const iso = `${m[1]}-${m[2]}-${m[3]}`;
    return isIsoDate(iso) ? iso : null;
  }
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?:\s.*)?$/.exec(s);
  if (!m) return null;
  const yy = Number(m[3]);
  const year = m[3]!.length === 2 ? (yy > 60 ? 1900 + yy : 2000 + yy) : yy;
  const iso = `${String(year).padStart(4, '0')}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

function fail(code: string, line: number | null, message: string, params: Record<string, unknown> = {}): never {
  throw new BankFileError(code, line, message, params);
}

type Draft = { line: Omit<BankLine, 'key'>; tuple: unknown[]; balance: Decimal | null };

/** Parses a bank-export CSV into one statement. */
export function parseBankCsv(text: string, options: BankParseOptions = {}): BankStatement[] {
  const found = findHeader(text);
  if (!found) {
    fail('csv_header', 1, 'No CSV header with a date column and an amount (or debit/credit) column in the first rows');
  }
  if (found.error) throw found.error;
  const { rows, headerIndex, columns } = found;
  const header = rows[headerIndex]!;
  const col = columns.map;
  const cell = (row: Row, f: Field): string => {
    const i = col[f];
    return i === undefined ? '' : (row.fields[i] ?? '').trim();
  };
  const defaultCurrency = (columns.currency ?? options.csvCurrency ?? 'EUR').toUpperCase();
  let currency: string | null = null;

  const drafts: Draft[] = [];
  for (const row of rows.slice(headerIndex + 1)) {
    if (row.fields.every((f) => f.trim() === '')) continue;
    const rowCurrency = (cell(row, 'currency') || defaultCurrency).toUpperCase();
    if (!/^[A-Z]{3}$/.test(rowCurrency)) {
      fail('bad_currency', row.line, `Invalid currency ${JSON.stringify(rowCurrency)}`, { value: rowCurrency });
    }
    if (currency !== null && rowCurrency !== currency) {
      fail('currency_mismatch', row.line, `Row in ${rowCurrency} in a ${currency} file`, {
        currency,
        rowCurrency,
      });
    }
    currency = rowCurrency;
    drafts.push(parseRow(row, cell, col, currency));
  }
  if (drafts.length === 0 || currency === null) {
    fail('no_lines', header.line, 'CSV file without any movement after its header');
  }

  const ccy = currency;
  const keys = rankedKeys(drafts.map((d) => d.tuple));
  const lines: BankLine[] = drafts.map((d, i) => ({ ...d.line, key: keys[i]! }));
  const dates = lines.map((l) => l.bookingDate).sort();
  const net = sum(lines.map((l) => l.amount));
  const zero = toMoneyString(0, currencyDecimals(ccy));

  let opening = zero;
  let closing = formatAmount(net, ccy);
  let balancesComputed = true;
  if (col.balance !== undefined && drafts.every((d) => d.balance !== null)) {
    ({ opening, closing } = runningBalances(drafts, ccy));
    balancesComputed = false;
  }
  const fromDate = dates[0]!;
  const toDate = dates[dates.length - 1]!;
  const statement: BankStatement = {
    key: hashKey(['csv', ccy, fromDate, toDate, opening, closing, ...keys]),
    format: 'csv',
    accountIban: null,
    accountNumber: null,
    currency: ccy,
    statementId: null,
    fromDate,
    toDate,
    openingBalance: opening,
    closingBalance: closing,
    lines,
    lineNumber: header.line,
    endLineNumber: lines[lines.length - 1]!.lineNumber,
    balancesComputed,
  };
  if (options.verifyBalances !== false) verifyStatementBalance(statement);
  return [statement];
}

/**
 * Opening/closing from a balance column: each row's balance must be the previous one plus its amount, reading the
 * file top-down (chronological) or bottom-up (most recent first); else `balance_mismatch` at the first broken row.
 */
function runningBalances(drafts: Draft[], currency: string): { opening: string; closing: string } {
  const check = (ordered: Draft[]): Draft | null => {
    for (let i = 1; i < ordered.length; i++) {
      const expected = ordered[i - 1]!.balance!.plus(dec(ordered[i]!.line.amount));
      if (!expected.equals(ordered[i]!.balance!)) return ordered[i]!;
    }
    return null;
  };
  const broken = check(drafts);
  const ordered = broken === null ? drafts : check([...drafts].reverse()) === null ? [...drafts].reverse() : null;
  if (ordered === null) {
    const row = broken!;
    const index = drafts.indexOf(row);
    const previous = drafts[index - 1]!;
    const expected = previous.balance!.plus(dec(row.line.amount));
    fail(
      'balance_mismatch',
      row.line.lineNumber,
      `Balance ${formatAmount(row.balance!, currency)} does not follow the previous row's ` +
        `${formatAmount(previous.balance!, currency)} + ${row.line.amount} = ${formatAmount(expected, currency)}`,
      {
        currency,
        previousBalance: formatAmount(previous.balance!, currency),
        amount: row.line.amount,
        expectedBalance: formatAmount(expected, currency),
        balance: formatAmount(row.balance!, currency),
      },
    );
  }
  const first = ordered[0]!;
  const last = ordered[ordered.length - 1]!;
  return {
    opening: formatAmount(first.balance!.minus(dec(first.line.amount)), currency),
    closing: formatAmount(last.balance!, currency),
  };
}

function parseRow(
  row: Row,
  cell: (row: Row, f: Field) => string,
  col: Partial<Record<Field, number>>,
  currency: string,
): Draft {
  const line = row.line;
  const rawDate = cell(row, 'date');
  const bookingDate = parseCsvDate(rawDate);
  if (bookingDate === null) {
    fail('bad_date', line, `Invalid date ${JSON.stringify(rawDate)}`, { column: col.date! + 1, value: rawDate });
  }
  const rawValueDate = cell(row, 'valueDate');
  const valueDate = rawValueDate === '' ? null : parseCsvDate(rawValueDate);
  if (rawValueDate !== '' && valueDate === null) {
    fail('bad_date', line, `Invalid value date ${JSON.stringify(rawValueDate)}`, {
      column: col.valueDate! + 1,
      value: rawValueDate,
    });
  }
  const amount = rowAmount(row, cell, col);
  const rawBalance = cell(row, 'balance');
  const balance = rawBalance === '' ? null : parseCsvAmount(rawBalance);
  if (rawBalance !== '' && balance === null) {
    fail('bad_amount', line, `Invalid balance ${JSON.stringify(rawBalance)}`, {
      column: col.balance! + 1,
      value: rawBalance,
    });
  }
  const label = oneLine(cell(row, 'label'));
  const remittanceText = oneLine(cell(row, 'remittance'));
  const reference = cell(row, 'reference') || null;
  const payerName = oneLine(cell(row, 'payerName')) || null;
  const payerIban = cell(row, 'payerIban').replace(/\s+/g, '').toUpperCase() || null;
  const e2e = cell(row, 'endToEndId');
  const endToEndId = e2e === '' || e2e.toUpperCase() === 'NOTPROVIDED' ? null : e2e;
  const amountString = formatAmount(amount, currency);
  const remittance = remittanceText === '' ? [] : [remittanceText];
  return {
    line: {
      lineNumber: line,
      bookingDate,
      valueDate,
      amount: amountString,
      currency,
      booked: true,
      reversal: false,
      bankTransactionCode: null,
      label: label || remittanceText || reference || payerName || '',
      remittance,
      structuredReference: null,
      endToEndId,
      payerName,
      payerIban,
      bankReference: reference,
      transactions: [],
    },
    tuple: [
      'csv',
      currency,
      bookingDate,
      valueDate,
      amountString,
      label,
      reference,
      remittanceText,
      payerName,
      payerIban,
      endToEndId,
    ],
    balance,
  };
}

const DEBIT_WORDS = new Set(['D', 'DB', 'DBT', 'DBIT', 'DEBIT', '-']);
const CREDIT_WORDS = new Set(['C', 'CR', 'CRDT', 'CREDIT', '+']);

/** Signed amount of a row: amount column (with optional direction column) or debit/credit columns. */
function rowAmount(row: Row, cell: (row: Row, f: Field) => string, col: Partial<Record<Field, number>>): Decimal {
  const line = row.line;
  const read = (f: Field): Decimal | null => {
    const raw = cell(row, f);
    if (raw === '') return null;
    const v = parseCsvAmount(raw);
    if (v === null)
      fail('bad_amount', line, `Invalid amount ${JSON.stringify(raw)}`, { column: col[f]! + 1, value: raw });
    return v;
  };
  if (col.amount !== undefined) {
    const v = read('amount');
    if (v === null) fail('missing_amount', line, 'Amount missing', { column: col.amount + 1 });
    const direction = cell(row, 'direction').normalize('NFD').replace(/\p{M}/gu, '').toUpperCase();
    if (direction === '') return v;
    if (DEBIT_WORDS.has(direction)) return v.abs().neg();
    if (CREDIT_WORDS.has(direction)) return v.abs();
    return fail('bad_direction', line, `Invalid debit/credit indicator ${JSON.stringify(direction)}`, {
      column: col.direction! + 1,
      value: direction,
    });
  }
  const debit = read('debit');
  const credit = read('credit');
  const hasDebit = debit !== null && !debit.isZero();
  const hasCredit = credit !== null && !credit.isZero();
  if (hasDebit && hasCredit) {
    fail('bad_amount', line, 'Both a debit and a credit amount on the same row', {
      debit: debit.toFixed(),
      credit: credit.toFixed(),
    });
  }
  if (hasDebit) return debit.abs().neg();
  if (hasCredit) return credit.abs();
  if (debit !== null || credit !== null) return dec(0);
  return fail('missing_amount', line, 'Debit and credit both empty', {});
}
