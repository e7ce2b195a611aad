import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { dec, sum } from '@shared/decimal';
import { parseCamt053 } from './camt053';
import { BankFileError, type BankLine, type BankStatement } from './statement';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../..');
const samples = path.resolve(repoRoot, '../shared/samples/bank');
const read = (name: string) => readFileSync(path.join(samples, name), 'utf8');
const ING = 'iso20022js_ing_example_camt053.001.02.xml';
const ABN = 'iso20022js_abn-amro_example_camt053.001.02.xml';
const POSTFINANCE = 'dvbern_postfinance_camt053.001.04.xml';
const GENKGO = 'genkgo_camt053.001.08.xml';

function bankError(fn: () => unknown): BankFileError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(BankFileError);
    return e as BankFileError;
  }
  throw new Error('expected a BankFileError');
}

/** 1-based numbers of the lines holding `needle`. */
const linesWith = (text: string, needle: string) =>
  text.split('\n').flatMap((l, i) => (l.includes(needle) ? [i + 1] : []));

/** The text with its 1-based line `n` rewritten. */
function withLine(text: string, n: number, edit: (line: string) => string): string {
  const lines = text.split('\n');
  lines[n - 1] = edit(lines[n - 1]!);
  return lines.join('\n');
}

const only = (text: string, options?: { verifyBalances?: boolean }): BankStatement => {
  const { statements } = parseCamt053(text, options);
  expect(statements).toHaveLength(1);
  return statements[0]!;
};
const credits = (lines: BankLine[]) => lines.filter((l) => !dec(l.amount).isNegative());
const debits = (lines: BankLine[]) => lines.filter((l) => dec(l.amount).isNegative());
const total = (lines: BankLine[]) => sum(lines.map((l) => l.amount)).toFixed(2);

describe('all CAMT samples', () => {
  it.each([
    [ING, '001.02', 9],
    [ABN, '001.02', 13],
    [POSTFINANCE, '001.04', 13],
    [GENKGO, '001.08', 1],
  ])('%s: version %s, %i entries, each at the line of its <Ntry>', (name, version, count) => {
    const text = read(name);
    const parsed = parseCamt053(text, { verifyBalances: name !== GENKGO });
    expect(parsed.version).toBe(version);
    const s = parsed.statements[0]!;
    expect(s.lines).toHaveLength(count);
    expect(s.lines.map((l) => l.lineNumber)).toEqual(linesWith(text, '<Ntry>'));
    expect(s.lineNumber).toBe(linesWith(text, '<Stmt>')[0]);
  });

  it.each([ING, ABN, POSTFINANCE, GENKGO])('%s: a second parse gives the same keys, all distinct', (name) => {
    const a = only(read(name), { verifyBalances: false });
    const b = only(read(name), { verifyBalances: false });
    expect(b.key).toBe(a.key);
    expect(b.lines.map((l) => l.key)).toEqual(a.lines.map((l) => l.key));
    expect(new Set(a.lines.map((l) => l.key)).size).toBe(a.lines.length);
    for (const k of [a.key, ...a.lines.map((l) => l.key)]) expect(k).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('ING sample', () => {
  const text = read(ING);
  const s = only(text);

  it('reads the statement: IBAN, id, sequence, period, OPBD/CLBD (PRCD and CLAV ignored)', () => {
    expect(s).toMatchObject({
      format: 'camt053',
      accountIban: 'NL08INGB0000001234',
      accountNumber: null,
      currency: 'EUR',
      statementId: '201401030009999',
      electronicSequenceNumber: '03',
      fromDate: '2014-01-03',
      toDate: '2014-01-03',
      openingBalance: '1000.00',
      closingBalance: '1605.00',
    });
  });

  it('reconciles with TxsSummry: 5 credits 990.00, 4 debits 385.00, net +605.00', () => {
    expect([credits(s.lines).length, total(credits(s.lines))]).toEqual([5, '990.00']);
    expect([debits(s.lines).length, total(debits(s.lines))]).toEqual([4, '-385.00']);
    expect(total(s.lines)).toBe('605.00');
  });

  // amount, BkTxCd, Prtry, RvslInd, AcctSvcrRef, NtryRef, EndToEndId, Strd ref, Ustrd, payer, payer IBAN, TxDtls, NbOfTxs, RtrInf
  // prettier-ignore
  const entries = [
    ['350.00', 'PMNT/RCDT/ESCT', '00100', false, '59999208N9', '011111333306999888000000008', null, '0010008346912014', [], 'INGTestrekening', 'NL20INGB0001234567', 1, null, null],
    ['125.00', 'PMNT/RCDT/ESCT', '00101', false, '98888208N8', '011111333306999888111100008', null, null, ['UstrdRemi2014010323566INGBankNV'], 'INGTestrekening', 'NL20INGB0001234567', 1, null, null],
    ['120.00', 'PMNT/RCDT/ESCT', '00108', false, '15180015077602405', '023334012226666660000000222', '20140103E2EIdA1INGBankNV', '6390338414964113', [], 'INGTestrekening', 'NL20INGB0001234567', 1, null, null],
    ['270.00', 'PMNT/IDDT/ESDD', '01010', false, '3102766686999', '021213336777108888000000002', null, null, [], null, null, 0, 2, null],
    ['125.00', 'PMNT/RCDT/RRTN', '00190', false, '98888208N8', '022221333306999888222200008', null, null, ['UstrdRemiInf127881778INGB9'], 'INGTestrekening', 'NL20INGB0005047249', 1, null, 'AC04'],
    ['-25.00', 'PMNT/ICDT/ESCT', '00108', false, '77774288N1', '012222333306999888111100002', 'INGBE2EId545448451E5', '1234567812345678', [], null, null, 1, null, null],
    ['-300.00', 'PMNT/ICDT/ESCT', '00200', false, '98997828N7', '022224003708888999000000009', null, null, [], null, null, 0, 2, null],
    ['-30.00', 'PMNT/RDDT/BBDD', '01025', false, '3101963431841', '021514017743280167000000001', '6010512558977000', null, ['INGB20140103UstrdRemiInf454655GHF'], null, null, 1, null, null],
    ['-30.00', 'PMNT/IDDT/UPDD', '01304', true, '3101963431841', '021514017743280167000000001', '5000300060007000', null, ['INGHGV21545UstrdRemiInf20140103GUB'], null, null, 1, null, 'MD06'],
  ];

  it('reads every entry: sign, codes, references, remittance, payer, batch, return, reversal', () => {
    expect(
      s.lines.map((l) => [
        l.amount,
        l.bankTransactionCode,
        l.proprietaryCode,
        l.reversal,
        l.bankReference,
        l.entryReference,
        l.endToEndId,
        l.structuredReference,
        l.remittance,
        l.payerName,
        l.payerIban,
        l.transactions.length,
        l.batchTransactionCount,
        l.returnReason,
      ]),
    ).toEqual(entries);
    for (const l of s.lines)
      expect([l.booked, l.status, l.bookingDate, l.currency]).toEqual([true, 'BOOK', '2014-01-03', 'EUR']);
    expect(s.lines[8]!.valueDate).toBe('2013-12-20');
    expect(s.lines[0]!.transactions[0]).toMatchObject({ amount: '350.00', structuredReferenceType: 'SCOR' });
    expect(s.lines[7]!.transactions[0]).toMatchObject({ amount: '-30.00', mandateId: 'BBDDMdtESNTR' });
  });

  it('tells apart the two entries with the same AcctSvcrRef and NtryRef', () => {
    const [a, b] = [s.lines[7]!, s.lines[8]!];
    expect([a.bankReference, a.entryReference]).toEqual([b.bankReference, b.entryReference]);
    expect(a.key).not.toBe(b.key);
  });

  it('keeps two identical entries as two lines with distinct keys, the first keeping its key', () => {
    const lines = text.split('\n');
    const [start, end] = [linesWith(text, '<Ntry>')[0]!, linesWith(text, '</Ntry>')[0]!];
    const copy = lines.slice(start - 1, end);
    const doubled = [...lines.slice(0, end), ...copy, ...lines.slice(end)].join('\n');
    const d = only(doubled, { verifyBalances: false });
    expect(d.lines).toHaveLength(10);
    expect(d.lines[1]).toMatchObject({ amount: '350.00', bankReference: '59999208N9', lineNumber: end + 1 });
    expect(d.lines[0]!.key).toBe(s.lines[0]!.key);
    expect(d.lines[1]!.key).not.toBe(d.lines[0]!.key);
    expect(d.lines.slice(2).map((l) => l.key)).toEqual(s.lines.slice(1).map((l) => l.key));
    expect(only(doubled, { verifyBalances: false }).lines.map((l) => l.key)).toEqual(d.lines.map((l) => l.key));
  });

  it('leaves pending entries out of the balance check', () => {
    const lines = text.split('\n');
    const [start, end] = [linesWith(text, '<Ntry>')[0]!, linesWith(text, '</Ntry>')[0]!];
    const pending = lines.slice(start - 1, end).map((l) => l.replace('<Sts>BOOK</Sts>', '<Sts>PDNG</Sts>'));
    const [sumStart, sumEnd] = [linesWith(text, '<TxsSummry>')[0]!, linesWith(text, '</TxsSummry>')[0]!];
    const withPending = [...lines.slice(0, end), ...pending, ...lines.slice(end)];
    withPending.splice(sumStart - 1, sumEnd - sumStart + 1);
    const p = only(withPending.join('\n'));
    expect(p.lines).toHaveLength(10);
    expect(p.lines[1]).toMatchObject({ booked: false, status: 'PDNG', amount: '350.00' });
    expect(p.closingBalance).toBe('1605.00');
  });
});

describe('ABN AMRO sample', () => {
  const text = read(ABN);
  const s = only(text);

  it('takes PRCD as opening (no OPBD) and starts the period the day after it', () => {
    expect(s).toMatchObject({
      accountIban: 'NL77ABNA0574908765',
      statementId: '0574908765.2013-04-02',
      electronicSequenceNumber: '0070',
      openingBalance: '1000.01',
      closingBalance: '100.01',
      fromDate: '2013-03-29',
      toDate: '2013-04-02',
    });
    expect(total(s.lines)).toBe('-900.00');
    // prettier-ignore
    const amounts = ['1.00', '1.00', '1.00', '10.00', '1.00', '-1.00', '-2.00', '-2.00', '-1.00', '7.00', '7.00', '-1.00', '-921.00'];
    expect(s.lines.map((l) => l.amount)).toEqual(amounts);
  });

  it('reads the incoming SEPA batch of 10 transactions with SCOR references, NOTPROVIDED as null', () => {
    const batch = s.lines[3]!;
    expect(batch).toMatchObject({
      amount: '10.00',
      bankTransactionCode: 'PMNT/RCDT/ESCT',
      batchTransactionCount: 10,
      endToEndId: null,
      structuredReference: '1234567812345678',
      payerName: 'NAAM',
      payerIban: null, // the transactions come from two accounts
    });
    expect(batch.transactions).toHaveLength(10);
    expect(sum(batch.transactions.map((t) => t.amount)).toFixed(2)).toBe('10.00');
    for (const t of batch.transactions) {
      expect(t).toMatchObject({
        amount: '1.00',
        endToEndId: null,
        structuredReference: '1234567812345678',
        structuredReferenceType: 'SCOR',
      });
    }
    expect(batch.transactions.map((t) => t.payerIban)).toEqual([
      ...Array(2).fill('NL46ABNA0499998748'),
      ...Array(8).fill('NL46ABNA0401378749'),
    ]);
    expect(s.lines[1]).toMatchObject({
      endToEndId: null,
      remittance: ['OMSCHRIJVING'],
      payerIban: 'NL46ABNA0499998748',
    });
  });

  it('reads the amount written 01.00 and remittance split over lines', () => {
    expect(s.lines[5]).toMatchObject({
      amount: '-1.00',
      bankTransactionCode: 'PMNT/ICDT/ESCT',
      remittance: ['2013-33'],
    });
    expect(s.lines[4]!.remittance).toEqual(['2305271368 0050001248302363 pid2305271368t Mud Masters Mud Masters']);
    expect(s.lines[4]!.endToEndId).toBe('01-04-2013 21:01 0050001248302363');
  });

  it('keeps the two entries equal at Ntry level as two lines with distinct keys', () => {
    const [withDetails, without] = [s.lines[9]!, s.lines[10]!];
    for (const f of [
      'amount',
      'bookingDate',
      'valueDate',
      'bankReference',
      'bankTransactionCode',
      'proprietaryCode',
    ] as const) {
      expect(without[f]).toBe(withDetails[f]);
    }
    expect([withDetails.transactions.length, without.transactions.length]).toEqual([7, 0]);
    expect([withDetails.batchTransactionCount, without.batchTransactionCount]).toEqual([7, 7]);
    expect(withDetails.endToEndId).toBe('SDD SIT 024-1');
    expect(withDetails.key).not.toBe(without.key);
  });

  it('flags the SDD reject and return as reversals, debits with reason MS03', () => {
    expect(
      s.lines.filter((l) => l.reversal).map((l) => [l.amount, l.bankTransactionCode, l.returnReason, l.endToEndId]),
    ).toEqual([
      ['-1.00', 'PMNT/IDDT/UPDD', 'MS03', '1234567X908303803'],
      ['-921.00', 'PMNT/IDDT/UPDD', 'MS03', '1234567X908303804'],
    ]);
    // ABN AMRO names the debtor of the rejected collection as Cdtr: the counterparty falls back on it.
    expect(s.lines[11]).toMatchObject({
      payerName: null,
      counterpartyName: 'Debtor',
      counterpartyIban: 'NL27ABNA0562326340',
    });
  });
});

describe('PostFinance sample', () => {
  const s = only(read(POSTFINANCE));

  it('reads the CHF statement, which reconciles (+537.61)', () => {
    expect(s).toMatchObject({
      accountIban: 'CH0309000000250090342',
      currency: 'CHF',
      statementId: '20160430375204000008574',
      electronicSequenceNumber: '85',
      fromDate: '2016-04-30',
      toDate: '2016-04-30',
      openingBalance: '322152.16',
      closingBalance: '322689.77',
    });
    expect(total(s.lines)).toBe('537.61');
    expect(s.lines.every((l) => l.currency === 'CHF' && l.booked)).toBe(true);
  });

  it('reads the fee entries as debits', () => {
    expect(s.lines.slice(0, 6).map((l) => [l.bankTransactionCode, l.amount])).toEqual([
      ['ACMT/ADOP/CHRG', '-24.00'],
      ['PMNT/RCDT/CHRG', '-328.75'],
      ['PMNT/RCDT/CHRG', '-200.80'],
      ['PMNT/RCDT/CHRG', '-638.15'],
      ['PMNT/RCDT/CHRG', '-24.00'],
      ['PMNT/RCDT/CHRG', '-35.72'],
    ]);
  });

  it('reads the ISR batch of 10: entry = Σ transactions, charges apart', () => {
    const batch = s.lines[6]!;
    expect(batch).toMatchObject({
      amount: '1000.00',
      charges: '5.60',
      batchTransactionCount: 10,
      entryReference: '010000004',
      bookingDate: '2016-05-27',
      valueDate: '2016-05-30',
    });
    expect(sum(batch.transactions.map((t) => t.amount)).toFixed(2)).toBe('1000.00');
    expect(batch.transactions.every((t) => t.structuredReferenceType === 'ISR Reference')).toBe(true);
    expect(batch.transactions[0]).toMatchObject({
      amount: '100.00',
      structuredReference: '000000000002015110002913192',
      bankReference: '160527CH00T3L0GE',
    });
    expect(batch.transactions[1]).toMatchObject({
      payerName: 'Rutschmann Pia',
      structuredReference: '000000000002016030002820804',
    });
    expect(s.lines[7]).toMatchObject({ amount: '620.00', charges: '7.20', batchTransactionCount: 8 });
    expect(s.lines[7]!.transactions[2]!.remittance).toEqual([
      'MUSTER MITTEILUNG 1',
      'MUSTER MITTEILUNG 2',
      'MUSTER MITTEILUNG 3',
      'MUSTER MITTEILUNG 4',
    ]);
  });

  it('reads a returned transfer booked after its value date and the reversed direct debits (RvslInd false written out)', () => {
    expect(s.lines[8]).toMatchObject({
      amount: '110.00',
      bankTransactionCode: 'PMNT/ICDT/RRTN',
      bookingDate: '2016-04-06',
      valueDate: '2016-03-23',
      reversal: false,
    });
    expect(
      s.lines
        .filter((l) => l.reversal)
        .map((l) => [l.amount, l.bankTransactionCode, l.returnReason, l.payerName, l.charges]),
    ).toEqual([
      ['-6.00', 'PMNT/IDDT/PRDD', 'MD06', 'Bernasconi Maria', '0.70'],
      ['-15.53', 'PMNT/RDDT/PRDD', 'MD06', 'Rutschmann Pia', '0.70'],
    ]);
    expect(s.lines[10]).toMatchObject({
      amount: '56.56',
      bankTransactionCode: 'PMNT/RDDT/PMDD',
      payerIban: 'CH3709000000250094580',
    });
  });
});

describe('genkgo v08 sample (structure only: its balances do not reconcile)', () => {
  const text = read(GENKGO);

  it('reads the version-08 structure', () => {
    const s = only(text, { verifyBalances: false });
    expect(s).toMatchObject({
      accountIban: null,
      accountNumber: 'NL26VAYB8060476890',
      currency: 'EUR',
      statementId: '253EURNL26VAYB8060476890',
      electronicSequenceNumber: '12312',
      legalSequenceNumber: '12312',
      fromDate: '2007-10-18',
      toDate: '2007-10-18',
      openingBalance: '18.15',
      closingBalance: '-27.00',
    });
    expect(s.lines[0]).toMatchObject({
      booked: true, // <Sts><Cd>BOOK</Cd></Sts>
      bookingDate: '2014-12-31', // BookgDt/DtTm
      valueDate: '2015-01-02',
      amount: '8.85',
      bankTransactionCode: 'PMNT/RCDT/BOOK',
      bankReference: 'AAAASESS-FP-CN_98765/01',
      endToEndId: 'MUELL/FINP/RA12345',
      structuredReference: '4654654654654654',
      payerName: 'NAME NAME', // Dbtr/Pty/Nm
      payerIban: 'NL56AGDH9619008421',
      label: 'NAME NAME – 4654654654654654',
    });
    // The transaction amount is 0 SEK: the single transaction takes the entry's amount.
    expect(s.lines[0]!.transactions[0]).toMatchObject({ amount: '8.85', structuredReferenceType: 'SCOR' });
  });

  it('is refused by default: CLBD is a SEK debit', () => {
    const e = bankError(() => parseCamt053(text));
    expect(e.code).toBe('balance_mismatch');
    expect(e.line).toBe(linesWith(text, '<Bal>')[1]);
    expect(e.params).toMatchObject({ balanceType: 'CLBD', balanceCurrency: 'SEK', currency: 'EUR', closing: '-27.00' });
  });
});

describe('malformed files are refused with the line', () => {
  const text = read(ING);
  const amountLine = linesWith(text, '<Amt Ccy="EUR">350.00</Amt>')[0]!; // 108

  it('broken XML → the validator line and column', () => {
    const e = bankError(() => parseCamt053(withLine(text, amountLine, (l) => l.replace('</Amt>', '</Amnt>'))));
    expect([e.code, e.line, e.params.column]).toEqual(['xml_invalid', 108, 38]);
    expect(e.message).toMatch(/^Line 108: Malformed XML: Expected closing tag 'Amt'/);
  });

  it('a truncated file → its last line', () => {
    const e = bankError(() => parseCamt053(text.split('\n').slice(0, 200).join('\n')));
    expect([e.code, e.line]).toEqual(['xml_invalid', 200]);
    expect(e.message).toContain('Document/BkToCstmrStmt/Stmt/Ntry');
  });

  it('a DOCTYPE → refused at its line', () => {
    const e = bankError(() => parseCamt053(withLine(text, 2, (l) => `<!DOCTYPE Document [<!ENTITY x "y">]>${l}`)));
    expect([e.code, e.line]).toEqual(['xml_doctype', 2]);
  });

  it.each<[string, string, string, string, number, Record<string, unknown>]>([
    [
      'a decimal comma',
      '<Amt Ccy="EUR">350.00</Amt>',
      '<Amt Ccy="EUR">350,00</Amt>',
      'bad_amount',
      108,
      { value: '350,00' },
    ],
    ['a signed amount', '<Amt Ccy="EUR">350.00</Amt>', '<Amt Ccy="EUR">-350.00</Amt>', 'bad_amount', 108, {}],
    [
      'an entry in another currency',
      '<Amt Ccy="EUR">350.00</Amt>',
      '<Amt Ccy="USD">350.00</Amt>',
      'currency_mismatch',
      108,
      { entryCurrency: 'USD' },
    ],
    [
      'a bad CdtDbtInd',
      '<CdtDbtInd>CRDT</CdtDbtInd>\n                <Sts>BOOK',
      '<CdtDbtInd>CREDIT</CdtDbtInd>\n                <Sts>BOOK',
      'bad_credit_debit',
      106,
      { value: 'CREDIT' },
    ],
    [
      'an impossible booking date',
      '<Dt>2014-01-03</Dt>\n                </BookgDt>',
      '<Dt>2014-02-30</Dt>\n                </BookgDt>',
      'bad_date',
      111,
      { value: '2014-02-30' },
    ],
    ['an empty amount', '<Amt Ccy="EUR">350.00</Amt>', '<Amt Ccy="EUR"></Amt>', 'missing_amount', 108, {}],
  ])('%s', (_what, from, to, code, line, params) => {
    expect(text.indexOf(from)).toBeGreaterThan(0);
    const e = bankError(() => parseCamt053(text.replace(from, to)));
    expect([e.code, e.line]).toEqual([code, line]);
    expect(e.params).toMatchObject(params);
  });

  it('a statement whose balances do not reconcile → balance_mismatch at CLBD with the figures', () => {
    const clbd = linesWith(text, '<Cd>CLBD</Cd>')[0]!;
    const edited = withLine(text, clbd + 3, (l) => l.replace('1605.00', '1604.00'));
    const e = bankError(() => parseCamt053(edited));
    expect(e.code).toBe('balance_mismatch');
    expect(e.line).toBe(clbd - 3); // <Bal>
    expect(e.params).toEqual({
      statementId: '201401030009999',
      account: 'NL08INGB0000001234',
      currency: 'EUR',
      opening: '1000.00',
      credits: '990.00',
      debits: '385.00',
      expectedClosing: '1605.00',
      closing: '1604.00',
      difference: '-1.00',
    });
    expect(e.message).toContain('1604.00');
  });

  it('TxsSummry disagreeing with the entries → summary_mismatch', () => {
    const e = bankError(() => parseCamt053(text.replace('<NbOfNtries>9</NbOfNtries>', '<NbOfNtries>8</NbOfNtries>')));
    expect([e.code, e.line, e.params]).toEqual([
      'summary_mismatch',
      linesWith(text, '<TxsSummry>')[0],
      { element: 'TtlNtries', announced: '8', found: 9 },
    ]);
  });

  it('no closing balance → missing_balance at the Stmt', () => {
    const e = bankError(() => parseCamt053(text.replace('<Cd>CLBD</Cd>', '<Cd>ITBD</Cd>')));
    expect([e.code, e.line, e.params]).toEqual(['missing_balance', 19, { type: 'CLBD' }]);
  });

  it('another ISO 20022 message → unsupported_format', () => {
    expect(bankError(() => parseCamt053(text.replace(/camt\.053\.001\.02/g, 'camt.054.001.02'))).code).toBe(
      'unsupported_format',
    );
  });
});
