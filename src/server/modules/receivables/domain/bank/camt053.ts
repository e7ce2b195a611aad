/**
 * ISO 20022 camt.053 (BankToCustomerStatement) reader, versions 001.02 to 001.08+ (DOMAIN §14.1): one
 * BankStatement per `Stmt`, one BankLine per `Ntry`, batch details in `transactions`.
 *
 * - Malformed XML is refused with the line/column of fast-xml-parser's validator; a DOCTYPE is refused outright
 *   (statements never need one, and it is the door to entity expansion).
 * - Opening balance = `OPBD`, else `PRCD` (ABN AMRO); closing = `CLBD`; a `DBIT` balance is negative.
 * - Entry amounts are unsigned in the file: the sign comes from `CdtDbtInd`; `RvslInd` does not change it.
 * - Statement key = (account, `Stmt/Id`), else (account, period, `ElctrncSeqNb`); line key = (account, currency,
 *   `BookgDt`, `CdtDbtInd`, `RvslInd`, `Amt`, `AcctSvcrRef`, `NtryRef`, first `EndToEndId`, `BkTxCd`) + rank.
 * - Line-level remittance facts come from the entry's `TxDtls`: the single one, or for a batch the first
 *   `EndToEndId` (key rule), the union of the remittance texts, and name/IBAN/structured reference only when all the
 *   transactions agree; matching a batch should use `transactions`.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { type Decimal, dec, sum } from '@shared/decimal';
import {
  type BankLine,
  type BankParseOptions,
  type BankStatement,
  type BankTransaction,
  BankFileError,
  addDays,
  formatAmount,
  hashKey,
  isIsoDate,
  oneLine,
  rankedKeys,
  verifyStatementBalance,
} from './statement';

type Node = Record<string | symbol, unknown>;

/** Elements that may repeat where Relais reads them: always parsed as arrays. */
const REPEATED = new Set(['Stmt', 'Bal', 'Ntry', 'NtryDtls', 'Btch', 'TxDtls', 'Ustrd', 'Strd', 'Rcrd']);

function newParser(): XMLParser {
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    captureMetaData: true,
    isArray: (name) => REPEATED.has(name),
  });
}

function obj(v: unknown): Node | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Node) : undefined;
}

/** Child at a path of element names (first item of arrays on the way). */
function at(node: unknown, ...path: string[]): unknown {
  let cur: unknown = node;
  for (const key of path) {
    if (Array.isArray(cur)) cur = cur[0];
    const o = obj(cur);
    if (!o) return undefined;
    cur = o[key];
  }
  return cur;
}

function list(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

/** Trimmed text content of an element (with or without attributes); null when absent or empty. */
function text(v: unknown): string | null {
  if (Array.isArray(v)) return text(v[0]);
  if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
  const o = obj(v);
  if (o && '#text' in o) return text(o['#text']);
  return null;
}

function attr(v: unknown, name: string): string | null {
  const o = obj(Array.isArray(v) ? v[0] : v);
  const a = o?.[`@_${name}`];
  return typeof a === 'string' && a.trim() !== '' ? a.trim() : null;
}

/** Line numbers from the parser's node metadata (character offsets). */
class Lines {
  private readonly starts: number[] = [0];
  private readonly symbol = XMLParser.getMetaDataSymbol() as unknown as symbol;
  constructor(source: string) {
    for (let i = 0; i < source.length; i++) if (source.charCodeAt(i) === 10) this.starts.push(i + 1);
  }
  of(node: unknown, fallback: number): number {
    const meta = obj(Array.isArray(node) ? node[0] : node)?.[this.symbol] as { startIndex?: number } | undefined;
    if (meta?.startIndex === undefined) return fallback;
    return this.lineAt(meta.startIndex);
  }
  lineAt(index: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
}

type Ctx = { lines: Lines; line: number };

function fail(code: string, line: number | null, message: string, params: Record<string, unknown> = {}): never {
  throw new BankFileError(code, line, message, params);
}

const AMOUNT = /^\d+(\.\d+)?$/;

/** Unsigned ISO amount → Decimal (accepts "01.00"); refuses signs, exponents, commas. */
function amountOf(raw: string | null, what: string, line: number): Decimal {
  if (raw === null) fail('missing_amount', line, `${what}: amount missing`, { element: what });
  if (!AMOUNT.test(raw)) fail('bad_amount', line, `${what}: invalid amount ${JSON.stringify(raw)}`, { value: raw });
  return dec(raw);
}

function creditDebit(raw: string | null, what: string, line: number): 'CRDT' | 'DBIT' {
  if (raw === 'CRDT' || raw === 'DBIT') return raw;
  return fail('bad_credit_debit', line, `${what}: CdtDbtInd must be CRDT or DBIT, got ${JSON.stringify(raw)}`, {
    value: raw,
  });
}

/** Date of a `Dt`/`DtTm` choice (the date as written, time zone not applied). */
function dateOf(node: unknown, what: string, line: number): string | null {
  const raw = text(at(node, 'Dt')) ?? text(at(node, 'DtTm'));
  if (raw === null) return null;
  const iso = raw.slice(0, 10);
  if (!isIsoDate(iso)) fail('bad_date', line, `${what}: invalid date ${JSON.stringify(raw)}`, { value: raw });
  return iso;
}

function isoDateOf(raw: string | null, what: string, line: number): string | null {
  if (raw === null) return null;
  const iso = raw.slice(0, 10);
  if (!isIsoDate(iso)) fail('bad_date', line, `${what}: invalid date ${JSON.stringify(raw)}`, { value: raw });
  return iso;
}

function endToEnd(raw: string | null): string | null {
  return raw === null || raw.toUpperCase() === 'NOTPROVIDED' ? null : raw;
}

/** Validates then parses a camt.053 document. */
export function parseCamt053(
  xml: string,
  options: BankParseOptions = {},
): { version: string; statements: BankStatement[] } {
  const source = xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml;
  const lines = new Lines(source);
  const doctype = /<!DOCTYPE|<!ENTITY/i.exec(source);
  if (doctype) fail('xml_doctype', lines.lineAt(doctype.index), 'DOCTYPE/ENTITY declarations are not accepted');
  const valid = XMLValidator.validate(source);
  if (valid !== true) {
    const { code, msg, line, col } = valid.err;
    // Elements still open at the end (truncated file): the validator reports line 1; the end of the file is the place.
    const unclosed = code === 'InvalidXml' && /^Invalid '\[/.test(msg);
    const names = unclosed ? (msg.match(/"[^"]+"/g) ?? []).map((n) => n.slice(1, -1)) : [];
    fail(
      'xml_invalid',
      unclosed ? lines.lineAt(source.trimEnd().length) : line,
      unclosed
        ? `Malformed XML: elements not closed at the end of the file: ${names.join('/')}`
        : `Malformed XML: ${msg}`,
      { column: unclosed ? null : col, xmlCode: code },
    );
  }
  const version = /urn:iso:std:iso:20022:tech:xsd:camt\.053\.(\d{3}\.\d{2})/.exec(source)?.[1];
  if (!version) fail('unsupported_format', null, 'Not a camt.053 document (namespace missing)');
  const doc = obj(newParser().parse(source));
  const root = at(doc, 'Document', 'BkToCstmrStmt');
  if (!obj(root)) fail('camt_structure', null, 'Document/BkToCstmrStmt missing');
  const stmts = list(at(root, 'Stmt'));
  if (stmts.length === 0) fail('camt_structure', lines.of(root, 1), 'No Stmt in BkToCstmrStmt');
  const statements = stmts.map((s) => parseStatement(s, { lines, line: lines.of(s, 1) }, options));
  return { version, statements };
}

type Balance = { code: string; amount: string; currency: string | null; date: string | null; line: number };

function parseBalance(b: unknown, ctx: Ctx): Balance | null {
  const line = ctx.lines.of(b, ctx.line);
  const code = text(at(b, 'Tp', 'CdOrPrtry', 'Cd')) ?? text(at(b, 'Tp', 'CdOrPrtry', 'Prtry'));
  if (code === null) return null;
  const currency = attr(at(b, 'Amt'), 'Ccy');
  const value = amountOf(text(at(b, 'Amt')), `Balance ${code}`, ctx.lines.of(at(b, 'Amt'), line));
  const sign = creditDebit(text(at(b, 'CdtDbtInd')), `Balance ${code}`, line);
  const signed = sign === 'DBIT' ? value.neg() : value;
  return {
    code,
    amount: formatAmount(signed, currency ?? 'XXX'),
    currency,
    date: dateOf(at(b, 'Dt'), `Balance ${code}`, ctx.lines.of(at(b, 'Dt'), line)),
    line,
  };
}

function parseStatement(stmt: unknown, ctx: Ctx, options: BankParseOptions): BankStatement {
  const statementId = text(at(stmt, 'Id'));
  const electronicSequenceNumber = text(at(stmt, 'ElctrncSeqNb'));
  const legalSequenceNumber = text(at(stmt, 'LglSeqNb'));
  const accountIban = text(at(stmt, 'Acct', 'Id', 'IBAN'));
  const accountNumber = text(at(stmt, 'Acct', 'Id', 'Othr', 'Id'));
  const account = accountIban ?? accountNumber;

  const balances = list(at(stmt, 'Bal'))
    .map((b) => parseBalance(b, ctx))
    .filter((b): b is Balance => b !== null);
  const opening = balances.find((b) => b.code === 'OPBD') ?? balances.find((b) => b.code === 'PRCD');
  const closing = balances.find((b) => b.code === 'CLBD');
  if (!opening) fail('missing_balance', ctx.line, 'Statement without opening balance (OPBD or PRCD)', { type: 'OPBD' });
  if (!closing) fail('missing_balance', ctx.line, 'Statement without closing balance (CLBD)', { type: 'CLBD' });

  const entries = list(at(stmt, 'Ntry'));
  const currency =
    text(at(stmt, 'Acct', 'Ccy')) ?? opening.currency ?? closing.currency ?? attr(at(entries[0], 'Amt'), 'Ccy');
  if (currency === null) fail('missing_currency', ctx.line, 'Statement currency unknown (Acct/Ccy, Bal/Amt@Ccy)');

  const drafts = entries.map((e) => parseEntry(e, { lines: ctx.lines, line: ctx.lines.of(e, ctx.line) }, currency));
  const keys = rankedKeys(drafts.map((d) => ['camt053', account, ...d.tuple]));
  const lines: BankLine[] = drafts.map((d, i) => ({ ...d.line, key: keys[i]! }));

  const fromDate =
    isoDateOf(text(at(stmt, 'FrToDt', 'FrDtTm')), 'FrToDt/FrDtTm', ctx.line) ??
    (opening.code === 'OPBD' ? opening.date : opening.date === null ? null : addDays(opening.date, 1)) ??
    minDate(lines.map((l) => l.bookingDate)) ??
    closing.date;
  const toDate =
    isoDateOf(text(at(stmt, 'FrToDt', 'ToDtTm')), 'FrToDt/ToDtTm', ctx.line) ??
    closing.date ??
    maxDate(lines.map((l) => l.bookingDate)) ??
    fromDate;
  if (fromDate === null || toDate === null) fail('bad_date', ctx.line, 'Statement period unknown (FrToDt, Bal/Dt)');

  const key =
    statementId !== null
      ? hashKey(['camt053', account, statementId])
      : hashKey(['camt053', account, fromDate, toDate, electronicSequenceNumber]);

  const statement: BankStatement = {
    key,
    format: 'camt053',
    accountIban,
    accountNumber,
    currency,
    statementId,
    fromDate,
    toDate,
    openingBalance: formatAmount(dec(opening.amount), currency),
    closingBalance: formatAmount(dec(closing.amount), currency),
    lines,
    electronicSequenceNumber,
    legalSequenceNumber,
    lineNumber: ctx.line,
    endLineNumber: closing.line,
  };

  if (options.verifyBalances !== false) {
    for (const b of [opening, closing]) {
      if (b.currency !== null && b.currency !== currency) {
        fail('balance_mismatch', b.line, `Balance ${b.code} is in ${b.currency}, the statement in ${currency}`, {
          statementId,
          account,
          currency,
          balanceType: b.code,
          balanceCurrency: b.currency,
          opening: opening.amount,
          closing: closing.amount,
        });
      }
    }
    verifySummary(stmt, lines, ctx, currency);
    verifyStatementBalance(statement);
  }
  return statement;
}

/** `TxsSummry` control totals (number of entries; credit/debit counts and sums) against the entries read. */
function verifySummary(stmt: unknown, lines: BankLine[], ctx: Ctx, currency: string): void {
  const summary = at(stmt, 'TxsSummry');
  if (!obj(summary)) return;
  const line = ctx.lines.of(summary, ctx.line);
  const credits = lines.filter((l) => !dec(l.amount).isNegative());
  const debits = lines.filter((l) => dec(l.amount).isNegative());
  const checks: [string, unknown, Decimal[]][] = [
    ['TtlNtries', at(summary, 'TtlNtries'), lines.map((l) => dec(l.amount).abs())],
    ['TtlCdtNtries', at(summary, 'TtlCdtNtries'), credits.map((l) => dec(l.amount))],
    ['TtlDbtNtries', at(summary, 'TtlDbtNtries'), debits.map((l) => dec(l.amount).neg())],
  ];
  for (const [name, node, amounts] of checks) {
    const count = text(at(node, 'NbOfNtries'));
    if (count !== null && Number(count) !== amounts.length) {
      fail('summary_mismatch', line, `TxsSummry/${name}: ${count} entries announced, ${amounts.length} found`, {
        element: name,
        announced: count,
        found: amounts.length,
      });
    }
    const total = text(at(node, 'Sum'));
    if (total !== null && AMOUNT.test(total) && !dec(total).equals(sum(amounts))) {
      fail('summary_mismatch', line, `TxsSummry/${name}: sum ${total} announced, ${sum(amounts).toFixed()} found`, {
        element: name,
        announced: total,
        found: formatAmount(sum(amounts), currency),
      });
    }
  }
}

function minDate(dates: string[]): string | null {
  return dates.length === 0 ? null : dates.reduce((a, b) => (b < a ? b : a));
}

function maxDate(dates: string[]): string | null {
  return dates.length === 0 ? null : dates.reduce((a, b) => (b > a ? b : a));
}

type Party = { name: string | null; iban: string | null };

function party(tx: unknown, role: 'Dbtr' | 'Cdtr'): Party {
  const p = at(tx, 'RltdPties', role);
  const acct = at(tx, 'RltdPties', `${role}Acct`, 'Id');
  return {
    name: text(at(p, 'Nm')) ?? text(at(p, 'Pty', 'Nm')),
    iban: text(at(acct, 'IBAN')) ?? text(at(acct, 'Othr', 'Id')),
  };
}

function parseTransaction(
  tx: unknown,
  ctx: Ctx,
  entry: { currency: string; sign: 'CRDT' | 'DBIT'; reversal: boolean; amount: Decimal; single: boolean },
): BankTransaction {
  const line = ctx.lines.of(tx, ctx.line);
  const refs = at(tx, 'Refs');
  const candidates = [at(tx, 'Amt'), at(tx, 'AmtDtls', 'TxAmt', 'Amt'), at(tx, 'AmtDtls', 'InstdAmt', 'Amt')].filter(
    (n) => text(n) !== null,
  );
  const inAccountCurrency = candidates.find((n) => (attr(n, 'Ccy') ?? entry.currency) === entry.currency);
  let value: Decimal;
  let currency: string | undefined;
  if (inAccountCurrency !== undefined) {
    value = amountOf(text(inAccountCurrency), 'TxDtls', ctx.lines.of(inAccountCurrency, line));
  } else if (entry.single) value = entry.amount;
  else if (candidates[0] !== undefined) {
    value = amountOf(text(candidates[0]), 'TxDtls', ctx.lines.of(candidates[0], line));
    currency = attr(candidates[0], 'Ccy') ?? undefined;
  } else {
    return fail('missing_amount', line, 'Batch transaction without amount (TxDtls/Amt, AmtDtls)', {
      element: 'TxDtls',
    });
  }
  const sign = text(at(tx, 'CdtDbtInd')) === null ? entry.sign : creditDebit(text(at(tx, 'CdtDbtInd')), 'TxDtls', line);
  const remittance = list(at(tx, 'RmtInf', 'Ustrd'))
    .map((u) => text(u))
    .filter((u): u is string => u !== null)
    .map(oneLine);
  const creditorRef = list(at(tx, 'RmtInf', 'Strd'))
    .map((s) => at(s, 'CdtrRefInf'))
    .find((r) => text(at(r, 'Ref')) !== null);
  const debtor = party(tx, 'Dbtr');
  const creditor = party(tx, 'Cdtr');
  // Money in (or a reversal of money out) comes from the debtor; money out (or a reversal of money in) goes to the
  // creditor. Banks disagree on the roles of a reversal (ABN AMRO names the debtor of a rejected SDD as Cdtr,
  // PostFinance as Dbtr): for reversals only, fall back on the other role.
  const preferred = (sign === 'CRDT') !== entry.reversal ? debtor : creditor;
  const other = preferred === debtor ? creditor : debtor;
  const counterparty = entry.reversal && preferred.name === null && preferred.iban === null ? other : preferred;
  const t: BankTransaction = {
    amount: formatAmount(sign === 'DBIT' ? value.neg() : value, currency ?? entry.currency),
    endToEndId: endToEnd(text(at(refs, 'EndToEndId'))),
    remittance,
    structuredReference: text(at(creditorRef, 'Ref')),
    payerName: debtor.name,
    payerIban: debtor.iban,
    structuredReferenceType:
      creditorRef === undefined
        ? null
        : (text(at(creditorRef, 'Tp', 'CdOrPrtry', 'Cd')) ?? text(at(creditorRef, 'Tp', 'CdOrPrtry', 'Prtry'))),
    counterpartyName: counterparty.name,
    counterpartyIban: counterparty.iban,
    instructionId: text(at(refs, 'InstrId')),
    mandateId: text(at(refs, 'MndtId')),
    bankReference: text(at(refs, 'AcctSvcrRef')),
    returnReason: text(at(tx, 'RtrInf', 'Rsn', 'Cd')) ?? text(at(tx, 'RtrInf', 'Rsn', 'Prtry')),
  };
  if (currency !== undefined) t.currency = currency;
  return t;
}

/** The common value of all the transactions, else null. */
function agreed<T>(values: T[]): T | null {
  if (values.length === 0) return null;
  const first = values[0]!;
  return values.every((v) => v === first) ? first : null;
}

function parseEntry(ntry: unknown, ctx: Ctx, currency: string): { line: Omit<BankLine, 'key'>; tuple: unknown[] } {
  const line = ctx.line;
  const lineOf = (node: unknown) => ctx.lines.of(node, line);
  const entryCurrency = attr(at(ntry, 'Amt'), 'Ccy') ?? currency;
  if (entryCurrency !== currency) {
    fail('currency_mismatch', lineOf(at(ntry, 'Amt')), `Entry in ${entryCurrency} on a ${currency} statement`, {
      currency,
      entryCurrency,
    });
  }
  const value = amountOf(text(at(ntry, 'Amt')), 'Ntry', lineOf(at(ntry, 'Amt')));
  const sign = creditDebit(text(at(ntry, 'CdtDbtInd')), 'Ntry', line);
  const reversalRaw = text(at(ntry, 'RvslInd'));
  const reversal = reversalRaw === 'true' || reversalRaw === '1';
  const status = text(at(ntry, 'Sts')) ?? text(at(ntry, 'Sts', 'Cd')) ?? text(at(ntry, 'Sts', 'Prtry')) ?? '';
  const valueDate = dateOf(at(ntry, 'ValDt'), 'ValDt', lineOf(at(ntry, 'ValDt')));
  const bookingDate = dateOf(at(ntry, 'BookgDt'), 'BookgDt', lineOf(at(ntry, 'BookgDt'))) ?? valueDate;
  if (bookingDate === null) fail('bad_date', line, 'Entry without booking or value date', { element: 'BookgDt' });
  const domain = at(ntry, 'BkTxCd', 'Domn');
  const bankTransactionCode =
    text(at(domain, 'Cd')) === null
      ? null
      : [text(at(domain, 'Cd')), text(at(domain, 'Fmly', 'Cd')), text(at(domain, 'Fmly', 'SubFmlyCd'))]
          .filter((c) => c !== null)
          .join('/');
  const proprietaryCode = text(at(ntry, 'BkTxCd', 'Prtry', 'Cd'));
  const bankReference = text(at(ntry, 'AcctSvcrRef'));
  const entryReference = text(at(ntry, 'NtryRef'));

  const details = list(at(ntry, 'NtryDtls'));
  const txNodes = details.flatMap((d) => list(at(d, 'TxDtls')));
  const batchCount = details.map((d) => text(at(d, 'Btch', 'NbOfTxs'))).find((c) => c !== null);
  const transactions = txNodes.map((tx) =>
    parseTransaction(tx, ctx, { currency, sign, reversal, amount: value, single: txNodes.length === 1 }),
  );
  const first = transactions[0];
  const remittance = [...new Set(transactions.flatMap((t) => t.remittance))];
  const structuredReference = agreed(transactions.map((t) => t.structuredReference));
  const payerName = agreed(transactions.map((t) => t.payerName));
  const counterpartyName = agreed(transactions.map((t) => t.counterpartyName ?? null));

  const chargesNode = at(ntry, 'Chrgs');
  const chargesTotal = text(at(chargesNode, 'TtlChrgsAndTaxAmt'));
  const chargeRecords = list(at(chargesNode, 'Rcrd'))
    .map((r) => text(at(r, 'Amt')))
    .filter((a): a is string => a !== null);
  const charges =
    chargesTotal !== null
      ? formatAmount(amountOf(chargesTotal, 'Chrgs', lineOf(at(chargesNode, 'TtlChrgsAndTaxAmt'))), currency)
      : chargeRecords.length > 0
        ? formatAmount(sum(chargeRecords.map((a) => amountOf(a, 'Chrgs/Rcrd', lineOf(chargesNode)))), currency)
        : null;

  const amount = formatAmount(sign === 'DBIT' ? value.neg() : value, currency);
  const additional = text(at(ntry, 'AddtlNtryInf'));
  const label =
    (additional === null ? null : oneLine(additional)) ??
    ([counterpartyName, remittance[0] ?? structuredReference].filter((p) => p !== null).join(' – ') ||
      bankTransactionCode ||
      (sign === 'CRDT' ? 'Credit' : 'Debit'));

  const bankLine: Omit<BankLine, 'key'> = {
    lineNumber: line,
    bookingDate,
    valueDate,
    amount,
    currency,
    booked: status === 'BOOK',
    reversal,
    bankTransactionCode,
    label,
    remittance,
    structuredReference,
    endToEndId: first?.endToEndId ?? null,
    payerName,
    payerIban: agreed(transactions.map((t) => t.payerIban)),
    bankReference,
    transactions,
    status,
    entryReference,
    proprietaryCode,
    counterpartyName,
    counterpartyIban: agreed(transactions.map((t) => t.counterpartyIban ?? null)),
    batchTransactionCount: batchCount === undefined ? null : Number(batchCount),
    charges,
    returnReason: first?.returnReason ?? null,
  };
  const tuple = [
    currency,
    bookingDate,
    sign,
    reversal,
    amount,
    bankReference,
    entryReference,
    first?.endToEndId ?? null,
    bankTransactionCode,
    proprietaryCode,
  ];
  return { line: bankLine, tuple };
}
