/**
 * Normalized bank statements (DOMAIN §14) and the entry point that reads a bank file: format detection (CAMT.053
 * XML, CFONB 120, bank-export CSV), dispatch to the format parser, balance check and stable identities.
 *
 * Pure: no database, no HTTP. Money travels as decimal strings computed with `@shared/decimal`, never JS floats.
 *
 * Identities (DOMAIN §14.1 / §14.2): `sha256` is the hash of the raw bytes; `BankStatement.key` and `BankLine.key`
 * are hex sha256 of a JSON tuple (see each parser), line keys adding the occurrence rank of the tuple among the
 * statement's lines, so two genuinely identical lines stay two and a second parse of the same file gives the same keys.
 */
import { createHash } from 'node:crypto';
import { type Decimal, currencyDecimals, dec, sum, toMoneyString } from '@shared/decimal';
import { parseCamt053 } from './camt053';
import { parseCfonb120 } from './cfonb120';
import { looksLikeBankCsv, parseBankCsv } from './csv';

export type BankTransaction = {
  /** Signed like the line: credit (money in) positive, debit negative. */
  amount: string;
  endToEndId: string | null;
  remittance: string[];
  structuredReference: string | null;
  payerName: string | null;
  payerIban: string | null;
  /** Currency of `amount` when it is not the account currency (CAMT `TxDtls/Amt@Ccy`). */
  currency?: string;
  /** `SCOR`, or the proprietary type (`ISR Reference`) of the structured reference. */
  structuredReferenceType?: string | null;
  /**
   * The other party: debtor of a credit, creditor of a debit, roles swapped for a reversal (falling back on the other
   * role when the bank filled only that one). A hint for matching; `payerName`/`payerIban` are always the debtor.
   */
  counterpartyName?: string | null;
  counterpartyIban?: string | null;
  /** CAMT `Refs/InstrId`, `Refs/MndtId`, `Refs/AcctSvcrRef`. */
  instructionId?: string | null;
  mandateId?: string | null;
  bankReference?: string | null;
  /** CAMT `RtrInf/Rsn/Cd` (AC04, MD06, MS03…). */
  returnReason?: string | null;
};

export type BankComplement = {
  /** CFONB 05 qualifier (positions 46–48, trimmed: `LIB`, `NPY`, `RCN`…; unknown ones kept as written). */
  qualifier: string;
  /** Positions 49–118, right-trimmed. */
  text: string;
  lineNumber: number;
};

export type BankLine = {
  /** Stable identity (DOMAIN §14.1/§14.2: hash of the tuple + occurrence rank), hex sha256. */
  key: string;
  /** 1-based line in the source file where the entry starts (for errors and display). */
  lineNumber: number;
  /** ISO YYYY-MM-DD. */
  bookingDate: string;
  valueDate: string | null;
  /** Decimal string, signed: credit (money in) positive, debit negative. */
  amount: string;
  currency: string;
  /** CAMT Sts BOOK; CFONB and CSV always true. */
  booked: boolean;
  /** CAMT RvslInd. */
  reversal: boolean;
  /** CAMT "PMNT/RCDT/ESCT"; CFONB interbank code "05". */
  bankTransactionCode: string | null;
  /** One-line human label. */
  label: string;
  /** Ustrd / CFONB 05 LIB/LCC/LC2 texts. */
  remittance: string[];
  /** CAMT Strd/CdtrRefInf/Ref; CFONB LCS. */
  structuredReference: string | null;
  /** NOTPROVIDED → null. */
  endToEndId: string | null;
  payerName: string | null;
  payerIban: string | null;
  /** AcctSvcrRef / CFONB reference (positions 105–120). */
  bankReference: string | null;
  /** CAMT batches: one booked entry with several transactions: their amounts/refs (empty when none). */
  transactions: BankTransaction[];
  /** CAMT `Sts` code as written (BOOK, PDNG, INFO…). */
  status?: string;
  /** CAMT `NtryRef`. */
  entryReference?: string | null;
  /** CAMT `BkTxCd/Prtry/Cd`; CFONB bank-internal operation code (positions 8–11). */
  proprietaryCode?: string | null;
  /** The other party (see BankTransaction.counterpartyName). */
  counterpartyName?: string | null;
  counterpartyIban?: string | null;
  /** CAMT `Btch/NbOfTxs` (a batch may come without TxDtls). */
  batchTransactionCount?: number | null;
  /** CAMT `Chrgs/TtlChrgsAndTaxAmt` (positive amount of charges reported on the entry; never part of `amount`). */
  charges?: string | null;
  /** CAMT `RtrInf/Rsn/Cd` of the first transaction. */
  returnReason?: string | null;
  /** CFONB entry number (positions 82–88) and reject reason (41–42). */
  entryNumber?: string | null;
  rejectReason?: string | null;
  /** CFONB: every 05 record of the movement, known qualifiers or not. */
  complements?: BankComplement[];
};

export type BankStatement = {
  /** Stable statement identity (DOMAIN). */
  key: string;
  format: 'camt053' | 'cfonb120' | 'csv';
  accountIban: string | null;
  /** CFONB bank+branch+account; CAMT Othr/Id. */
  accountNumber: string | null;
  currency: string;
  statementId: string | null;
  fromDate: string;
  toDate: string;
  /** Signed decimal strings. */
  openingBalance: string;
  closingBalance: string;
  lines: BankLine[];
  /** CAMT `ElctrncSeqNb` / `LglSeqNb`. */
  electronicSequenceNumber?: string | null;
  legalSequenceNumber?: string | null;
  /** Line where the statement starts (CAMT `<Stmt>`, CFONB 01) and where its closing balance is (CLBD, 07). */
  lineNumber?: number;
  endLineNumber?: number;
  /**
   * True when the file carries no balances (CSV without a balance column): opening is then 0 and closing is
   * opening + Σ lines, so the balance check proves nothing and gaps between imports cannot be detected.
   */
  balancesComputed?: boolean;
};

export type ParsedBankFile = {
  format: BankStatement['format'];
  /** Hex sha256 of the raw bytes (of the UTF-8 encoding when given a string). */
  sha256: string;
  statements: BankStatement[];
  /** CAMT message version from the namespace, e.g. "001.02". */
  formatVersion?: string;
};

/**
 * A file refused by a parser. `line` is 1-based in the source file (null when the problem has no position), `code`
 * is stable for the UI (i18n key), `params` carries the figures (balances, lengths, values) of the message.
 */
export class BankFileError extends Error {
  constructor(
    public code: string,
    public line: number | null,
    message: string,
    public params: Record<string, unknown> = {},
  ) {
    super(line === null ? message : `Line ${line}: ${message}`);
    this.name = 'BankFileError';
  }
}

export type BankParseOptions = {
  /**
   * Refuse statements whose opening + Σ booked lines ≠ closing (code `balance_mismatch`), and CAMT statements whose
   * `TxsSummry` totals disagree with the entries (`summary_mismatch`). Default true; false only to look at the
   * structure of a broken file.
   */
  verifyBalances?: boolean;
  /** CSV only: currency of the amounts when the file names none (no currency column, no "Montant EUR" header). Default EUR. */
  csvCurrency?: string;
};

const CAMT053_NS = /urn:iso:std:iso:20022:tech:xsd:camt\.053\.001\.(\d{2})/;
const OTHER_ISO_NS = /urn:iso:std:iso:20022:tech:xsd:([a-z]{4}\.\d{3}\.\d{3}\.\d{2})/;
const CFONB_FIRST_RECORD = /^0[1457]\d{5}/;

/** Reads a bank statement file of any supported format; throws BankFileError when it cannot be trusted. */
export function parseBankFile(
  content: Buffer | string,
  fileName?: string,
  options: BankParseOptions = {},
): ParsedBankFile {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const text = typeof content === 'string' ? stripBom(content) : decodeBankText(content);
  const format = detectBankFormat(text, fileName);
  switch (format) {
    case 'camt053': {
      const { statements, version } = parseCamt053(text, options);
      return { format, sha256, statements, formatVersion: version };
    }
    case 'cfonb120':
      return { format, sha256, statements: parseCfonb120(text, options) };
    case 'csv':
      return { format, sha256, statements: parseBankCsv(text, options) };
  }
}

/** Format of a decoded bank file, by content (the file name only breaks ties: `.csv` forces CSV). */
export function detectBankFormat(text: string, fileName?: string): BankStatement['format'] {
  const trimmed = text.trimStart();
  if (trimmed === '') throw new BankFileError('empty_file', null, 'The file is empty', { fileName });
  if (CAMT053_NS.test(text)) return 'camt053';
  if (trimmed.startsWith('<')) {
    const other = OTHER_ISO_NS.exec(text);
    throw new BankFileError(
      'unsupported_format',
      null,
      other
        ? `ISO 20022 message ${other[1]} is not a bank-to-customer statement (camt.053)`
        : 'XML file without the camt.053 namespace',
      { fileName, namespace: other ? other[1] : null },
    );
  }
  const firstLine = trimmed.split(/\r\n|\n|\r/, 1)[0] ?? '';
  if (CFONB_FIRST_RECORD.test(firstLine) && firstLine.length >= 100) return 'cfonb120';
  if (/\.csv$/i.test(fileName ?? '') || looksLikeBankCsv(text)) return 'csv';
  throw new BankFileError(
    'unknown_format',
    null,
    'Unrecognized bank file: expected CAMT.053 XML, CFONB 120 or a CSV export with date and amount columns',
    { fileName },
  );
}

/** Decodes bytes as UTF-8 when valid, else as Windows-1252 (Latin-1 superset used by French bank exports). */
export function decodeBankText(bytes: Buffer): string {
  try {
    return stripBom(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return stripBom(new TextDecoder('windows-1252').decode(bytes));
  }
}

function stripBom(s: string): string {
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}

/** Hex sha256 of a JSON tuple: the stable identities of statements and lines. */
export function hashKey(parts: readonly unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/**
 * Line keys: hash of (tuple, rank) where rank counts the earlier lines of the same statement with an equal tuple, so
 * identical lines get distinct keys and the n-th of them keeps its key from one import to the next.
 */
export function rankedKeys(tuples: readonly (readonly unknown[])[]): string[] {
  const seen = new Map<string, number>();
  return tuples.map((tuple) => {
    const id = JSON.stringify(tuple);
    const rank = seen.get(id) ?? 0;
    seen.set(id, rank + 1);
    return hashKey([...tuple, rank]);
  });
}

/** Decimal string of an amount: at least the currency's minor digits, more only when the file has more ("01.00" → "1.00"). */
export function formatAmount(value: Decimal, currency: string): string {
  return toMoneyString(value, Math.max(currencyDecimals(currency), value.decimalPlaces()));
}

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** ISO date `days` after `iso`. */
export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Collapses runs of white space (line breaks of pretty-printed XML included) into single spaces. */
export function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/**
 * DOMAIN §14: refuse a statement if opening + Σ credits − Σ debits ≠ closing (booked lines only: pending entries are
 * not in the booked balance). Throws `balance_mismatch` with the figures.
 */
export function verifyStatementBalance(statement: BankStatement): void {
  const booked = statement.lines.filter((l) => l.booked);
  const credits = sum(booked.filter((l) => !dec(l.amount).isNegative()).map((l) => l.amount));
  const debits = sum(booked.filter((l) => dec(l.amount).isNegative()).map((l) => dec(l.amount).neg()));
  const expected = dec(statement.openingBalance).plus(credits).minus(debits);
  if (expected.equals(dec(statement.closingBalance))) return;
  const c = statement.currency;
  const params = {
    statementId: statement.statementId,
    account: statement.accountIban ?? statement.accountNumber,
    currency: c,
    opening: statement.openingBalance,
    credits: formatAmount(credits, c),
    debits: formatAmount(debits, c),
    expectedClosing: formatAmount(expected, c),
    closing: statement.closingBalance,
    difference: formatAmount(dec(statement.closingBalance).minus(expected), c),
  };
  throw new BankFileError(
    'balance_mismatch',
    statement.endLineNumber ?? statement.lineNumber ?? null,
    `Balances do not reconcile: opening ${params.opening} + credits ${params.credits} − debits ${params.debits} = ` +
      `${params.expectedClosing} ${c}, but the closing balance is ${params.closing} ${c}`,
    params,
  );
}
