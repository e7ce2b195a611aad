import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { dec, sum } from '@shared/decimal';
import { decodeCfonbAmount, decodeCfonbDate, parseCfonb120 } from './cfonb120';
import { BankFileError, type BankStatement, parseBankFile } from './statement';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../..');
const samples = path.resolve(repoRoot, '../shared/samples/bank');
const read = (name: string) => readFileSync(path.join(samples, name), 'latin1');
const SILARHI = 'silarhi_cfonb120_complex-test.txt';
const PENNYLANE = 'pennylane_cfonb120_example.txt';

/** Runs `fn`, expecting a BankFileError; returns it. */
function bankError(fn: () => unknown): BankFileError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(BankFileError);
    return e as BankFileError;
  }
  throw new Error('expected a BankFileError');
}

/** The text with its 1-based line `lineNumber` rewritten. */
function withLine(text: string, lineNumber: number, edit: (line: string) => string): string {
  const lines = text.split('\n');
  lines[lineNumber - 1] = edit(lines[lineNumber - 1]!);
  return lines.join('\n');
}

/** Overwrites a zone (1-based position) of a record. */
function put(record: string, pos: number, value: string): string {
  return record.slice(0, pos - 1) + value + record.slice(pos - 1 + value.length);
}

/** Encodes a decimal string with 2 decimals as a CFONB signed amount (inverse of decodeCfonbAmount). */
function cfonbAmount(amount: string): string {
  const digits = amount.replace(/[-.]/g, '');
  const signs = amount.startsWith('-') ? '}JKLMNOPQR' : '{ABCDEFGHI';
  return digits.slice(0, -1).padStart(13, '0') + signs[Number(digits.at(-1))];
}

const net = (s: BankStatement) => sum(s.lines.map((l) => l.amount)).toFixed(2);

describe('decodeCfonbAmount', () => {
  it.each([
    ['0000000166956E', 2, '16695.65'], // DOMAIN §14.2
    ['0000000000227R', 2, '-22.79'], // DOMAIN §14.2
    ['0000000001904}', 2, '-190.40'], // pennylane 01
    ['0000000002412J', 2, '-241.21'], // pennylane 07
    ['0000000000974I', 2, '97.49'], // pennylane A3 credit
    ['0000000000000{', 2, '0.00'],
    ['0000000000000}', 2, '0.00'], // negative zero is written as zero
    ['0000000000123E', 0, '1235.00'],
    ['0000000000123E', 3, '1.235'],
    ['9999999999999I', 2, '999999999999.99'],
  ])('%s with %i decimals → %s', (field, decimals, expected) => {
    expect(decodeCfonbAmount(field, decimals)).toBe(expected);
  });

  const credit = ['{', 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I'];
  const debit = ['}', 'J', 'K', 'L', 'M', 'N', 'O', 'P', 'Q', 'R'];
  it.each(credit.map((c, digit) => [c, digit]))('sign %s = +%i', (c, digit) => {
    expect(decodeCfonbAmount(`0000000000123${c}`, 2)).toBe(`12.3${digit}`);
  });
  it.each(debit.map((c, digit) => [c, digit]))('sign %s = -%i', (c, digit) => {
    expect(decodeCfonbAmount(`0000000000123${c}`, 2)).toBe(`-12.3${digit}`);
  });

  it.each([
    ['0000000000123S', 2], // not a sign character
    ['00000000001235', 2], // digit instead of a sign character
    ['000000000 123E', 2], // blank inside the digits
    ['000000000123E', 2], // 13 characters
    ['0000000000123E', -1],
    ['0000000000123E', 10],
  ])('rejects %j (decimals %i)', (field, decimals) => {
    expect(decodeCfonbAmount(field, decimals)).toBeNull();
  });
});

describe('decodeCfonbDate', () => {
  it.each([
    ['060420', '2020-04-06'],
    ['150519', '2019-05-15'],
    ['290224', '2024-02-29'],
    ['311299', '1999-12-31'], // year > 60 → 19xx
    ['010161', '1961-01-01'],
    ['010160', '2060-01-01'],
  ])('%s → %s', (field, iso) => {
    expect(decodeCfonbDate(field)).toBe(iso);
  });
  it.each(['290223', '310420', '000000', '1504 9', '15051', 'AAAAAA'])('rejects %j', (field) => {
    expect(decodeCfonbDate(field)).toBeNull();
  });
});

describe('silarhi sample (8 statements, two accounts)', () => {
  const statements = parseCfonb120(read(SILARHI));

  it('reads every 01…07 pair as a statement and each reconciles', () => {
    expect(
      statements.map((s) => [
        s.accountNumber,
        s.fromDate,
        s.toDate,
        s.openingBalance,
        s.closingBalance,
        s.lines.length,
      ]),
    ).toEqual([
      ['102780220400012345603', '2020-04-06', '2020-04-07', '16695.65', '16672.86', 1],
      ['102780220400020427603', '2020-04-07', '2020-04-08', '16672.86', '11652.75', 2],
      ['102780220400020427603', '2020-04-08', '2020-04-09', '11652.75', '11652.75', 0],
      ['102780220400020427603', '2020-04-09', '2020-04-10', '11652.75', '11535.00', 1],
      ['102780220400020427603', '2020-04-10', '2020-04-13', '11535.00', '11535.00', 0],
      ['102780220400020427603', '2020-04-13', '2020-04-14', '11535.00', '11484.75', 1],
      ['102780220400020427603', '2020-04-14', '2020-04-15', '11484.75', '11484.75', 0],
      ['102780220400020427603', '2020-04-23', '2020-04-24', '584353.02', '584353.02', 0], // "PAS DE MOUVEMENT"
    ]);
    for (const s of statements) {
      expect(dec(s.openingBalance).plus(net(s)).toFixed(2)).toBe(s.closingBalance);
      expect(s).toMatchObject({ format: 'cfonb120', currency: 'EUR', accountIban: null, statementId: null });
    }
    expect(net(statements[0]!)).toBe('-22.79'); // SOURCES.md: 16 695,65 − 22,79 = 16 672,86
  });

  it('reads a SEPA direct debit with its 05 LIB complement, though the 04 bank code differs from the 01', () => {
    const s = statements[0]!;
    expect(s).toMatchObject({ lineNumber: 1, endLineNumber: 4 });
    expect(s.lines[0]).toMatchObject({
      lineNumber: 2,
      bookingDate: '2020-04-07',
      valueDate: '2020-04-07',
      amount: '-22.79',
      currency: 'EUR',
      booked: true,
      reversal: false,
      bankTransactionCode: 'B1',
      proprietaryCode: '6772',
      label: 'PRLV SEPA ONLINE SAS',
      remittance: ['DEDIBOX 3706114'],
      structuredReference: null,
      endToEndId: null,
      bankReference: null,
      entryNumber: '0000000',
      transactions: [],
      complements: [{ qualifier: 'LIB', text: 'DEDIBOX 3706114', lineNumber: 3 }],
    });
  });

  it('reads an outgoing transfer (06), a bank invoice (62) with its entry number, two LIB complements', () => {
    expect(statements[1]!.lines.map((l) => [l.lineNumber, l.bankTransactionCode, l.amount, l.label])).toEqual([
      [6, 'B1', '-20.11', 'PRLV SEPA FREE MOBILE'],
      [7, '06', '-5000.00', 'VIR JOHNDOE / FOOBAR'],
    ]);
    expect(statements[3]!.lines[0]).toMatchObject({
      lineNumber: 12,
      bankTransactionCode: '62',
      amount: '-117.75',
      bookingDate: '2020-04-10',
      valueDate: '2020-04-01',
      label: 'FACTURE SGT20022040001692',
      entryNumber: '0001692',
      remittance: ['DONT TVA 11 39EUR'],
    });
    expect(statements[5]!.lines[0]).toMatchObject({
      lineNumber: 18,
      amount: '-50.25',
      remittance: ['PAYMENT ORDER 124359169', 'ERS INF ORDER 124359169'],
    });
  });
});

describe('pennylane sample (negative balances, 05 qualifiers)', () => {
  const statements = parseCfonb120(read(PENNYLANE));

  it('reads both overdrawn statements, which reconcile', () => {
    expect(
      statements.map((s) => [s.accountNumber, s.fromDate, s.toDate, s.openingBalance, s.closingBalance, net(s)]),
    ).toEqual([
      ['155890000098765432100', '2019-05-15', '2019-05-16', '-190.40', '-241.21', '-50.81'],
      ['187060000000123456789', '2019-05-16', '2019-05-17', '-241.21', '-163.72', '77.49'],
    ]);
  });

  it('maps LIB → remittance, RCN → end-to-end id, NPY → payer and keeps unknown qualifiers', () => {
    const l = statements[0]!.lines[0]!;
    expect(l).toMatchObject({
      lineNumber: 3,
      amount: '-32.21',
      bankTransactionCode: 'B1',
      label: 'PRLV SEPA TEST CABINET',
      remittance: ['MENSUEAUHTR13133', 'MENSUEAUHTR13DUP'],
      endToEndId: 'OTHER REFERENCE',
      payerName: 'INTERNET SFR',
      payerIban: null,
    });
    // The all-blank 05 (line 13) is dropped; unknown or odd qualifiers are kept as written.
    expect(l.complements!.map((c) => [c.lineNumber, c.qualifier])).toEqual([
      [4, 'LIB'],
      [5, 'LIB'],
      [6, 'REF'],
      [7, 'RCN'],
      [8, 'NPY'],
      [9, 'AAA'],
      [10, 'AAA'],
      [11, 'BBB'],
      [12, 'CCC'],
      [14, 'N Y'],
      [15, "2'C"],
    ]);
    expect(l.complements![3]!.text).toBe('OTHER REFERENCE                    PURPOSE');
  });

  it('reads the reference zone 105–120, fees (62) and an unpaid direct debit credited back (A3)', () => {
    expect(statements[0]!.lines[1]).toMatchObject({
      lineNumber: 16,
      amount: '-10.70',
      bankReference: 'REFERENCE',
      payerName: 'ELEC ERDF',
    });
    expect(statements[0]!.lines[2]).toMatchObject({ lineNumber: 19, bankTransactionCode: '62', amount: '-7.90' });
    expect(statements[1]!.lines.map((l) => [l.lineNumber, l.bankTransactionCode, l.amount, l.valueDate])).toEqual([
      [26, 'A3', '97.49', '2019-05-15'],
      [29, '62', '-12.10', '2019-05-15'],
      [31, '62', '-7.90', '2019-05-16'],
    ]);
    expect(statements[1]!.lines[0]!.remittance).toEqual(['P051928612 22793301700040']);
  });
});

describe('identity', () => {
  it('gives the same keys on a second parse, distinct keys for every line and statement', () => {
    for (const name of [SILARHI, PENNYLANE]) {
      const first = parseCfonb120(read(name));
      const second = parseCfonb120(read(name));
      const keys = (ss: BankStatement[]) => ss.map((s) => [s.key, s.lines.map((l) => l.key)]);
      expect(keys(second)).toEqual(keys(first));
      const all = first.flatMap((s) => [s.key, ...s.lines.map((l) => l.key)]);
      expect(new Set(all).size).toBe(all.length);
      for (const k of all) expect(k).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('keeps two identical movements as two lines with distinct keys', () => {
    const text = read(SILARHI);
    const lines = text.split('\n');
    // Statement 2 (lines 5–8): duplicate the Free Mobile debit and lower the 07 balance accordingly.
    lines.splice(6, 0, lines[5]!);
    lines[8] = put(lines[8]!, 91, cfonbAmount('11632.64')); // 16672.86 − 2 × 20.11 − 5000.00
    const s = parseCfonb120(lines.join('\n'))[1]!;
    expect(s.closingBalance).toBe('11632.64');
    expect(s.lines.map((l) => [l.lineNumber, l.amount])).toEqual([
      [6, '-20.11'],
      [7, '-20.11'],
      [8, '-5000.00'],
    ]);
    expect(s.lines[0]!.key).not.toBe(s.lines[1]!.key);
    expect(parseCfonb120(lines.join('\n'))[1]!.lines.map((l) => l.key)).toEqual(s.lines.map((l) => l.key));
  });
});

describe('layout tolerance', () => {
  it('reads CRLF files with a DOS end mark, files without line breaks, trailing blanks beyond column 120', () => {
    const text = read(PENNYLANE);
    const reference = parseCfonb120(text);
    const records = text.split('\n').filter((l) => l.trim() !== '');
    const crlf = parseCfonb120(text.replace(/\n/g, '\r\n'));
    expect(crlf.map((s) => s.lines.map((l) => l.key))).toEqual(reference.map((s) => s.lines.map((l) => l.key)));
    expect(crlf[0]!.lines[0]!.lineNumber).toBe(3);

    const oneLine = parseCfonb120(records.join(''));
    expect(oneLine.map((s) => [s.openingBalance, s.closingBalance, s.lines.length])).toEqual(
      reference.map((s) => [s.openingBalance, s.closingBalance, s.lines.length]),
    );
    expect(oneLine[0]!.lines[0]!.lineNumber).toBe(2); // record number when there are no lines

    const dos = parseCfonb120(`${text.replace(/\n/g, '\r\n')}\u001a`);
    expect(dos.map((s) => s.closingBalance)).toEqual(['-241.21', '-163.72']);

    const padded = parseCfonb120(records.map((r) => `${r}    `).join('\n'));
    expect(padded.map((s) => s.closingBalance)).toEqual(['-241.21', '-163.72']);
  });

  it('decodes Latin-1 labels through parseBankFile', () => {
    const text = withLine(read(PENNYLANE), 3, (l) => put(l, 49, 'PRLV SEPA ÉLECTRICITÉ  '));
    const parsed = parseBankFile(Buffer.from(text, 'latin1'), 'releve.cfo');
    expect(parsed.format).toBe('cfonb120');
    expect(parsed.statements[0]!.lines[0]!.label).toBe('PRLV SEPA ÉLECTRICITÉ');
  });
});

describe('malformed files are refused with the line', () => {
  const silarhi = read(SILARHI);

  it.each<[string, (t: string) => string, string, number, Record<string, unknown>]>([
    ['a 119-character record', (t) => withLine(t, 7, (l) => l.slice(0, 119)), 'record_length', 7, { length: 119 }],
    [
      'a 121-character record',
      (t) => withLine(t, 7, (l) => `${l.slice(0, 119)}XY`),
      'record_length',
      7,
      { length: 121 },
    ],
    ['a bad amount digit', (t) => withLine(t, 7, (l) => put(l, 95, 'X')), 'bad_amount', 7, { value: '0000X00050000}' }],
    ['a bad sign character', (t) => withLine(t, 2, (l) => put(l, 104, 'S')), 'bad_amount', 2, { column: 91 }],
    ['a bad 01 balance', (t) => withLine(t, 5, (l) => put(l, 91, '          '.padEnd(14))), 'bad_amount', 5, {}],
    [
      'an impossible accounting date',
      (t) => withLine(t, 6, (l) => put(l, 35, '310420')),
      'bad_date',
      6,
      { column: 35 },
    ],
    ['an impossible value date', (t) => withLine(t, 6, (l) => put(l, 43, '320420')), 'bad_date', 6, { column: 43 }],
    ['a non-digit decimals count', (t) => withLine(t, 12, (l) => put(l, 20, ' ')), 'bad_decimals', 12, { column: 20 }],
    ['a bad currency', (t) => withLine(t, 1, (l) => put(l, 17, 'E1R')), 'bad_currency', 1, {}],
    ['an unknown record code', (t) => withLine(t, 6, (l) => put(l, 1, '03')), 'unknown_record', 6, { record: '03' }],
    ['a 05 after the 07', (t) => withLine(t, 5, (l) => put(l, 1, '05')), 'orphan_record', 5, { record: '05' }],
    ['a 04 before any 01', (t) => withLine(t, 1, (l) => put(l, 1, '04')), 'orphan_record', 1, { record: '04' }],
    ['a 07 without its 01', (t) => withLine(t, 9, () => ''), 'orphan_record', 10, { record: '07' }],
    ['a 01 before the 07', (t) => withLine(t, 4, (l) => put(l, 1, '01')), 'unclosed_statement', 4, { openedAt: 1 }],
    [
      'a movement of another account',
      (t) => withLine(t, 6, (l) => put(l, 22, '00099999999')),
      'account_mismatch',
      6,
      { account: '00099999999', expected: '00020427603', openedAt: 5 },
    ],
    ['a movement in another currency', (t) => withLine(t, 6, (l) => put(l, 17, 'USD')), 'currency_mismatch', 6, {}],
  ])('%s', (_what, edit, code, line, params) => {
    const e = bankError(() => parseCfonb120(edit(silarhi)));
    expect(e.code).toBe(code);
    expect(e.line).toBe(line);
    expect(e.message).toContain(`Line ${line}:`);
    expect(e.params).toMatchObject(params);
  });

  it('a statement left open at the end names its 01 line', () => {
    const lines = silarhi.split('\n');
    const e = bankError(() => parseCfonb120(lines.slice(0, 25).join('\n')));
    expect([e.code, e.line]).toEqual(['unclosed_statement', 25]);
  });

  it('a statement whose balances do not reconcile → balance_mismatch on its 07 with the figures', () => {
    const edited = withLine(silarhi, 8, (l) => put(l, 91, cfonbAmount('11652.85'))); // instead of 11652.75
    const e = bankError(() => parseCfonb120(edited));
    expect(e.code).toBe('balance_mismatch');
    expect(e.line).toBe(8);
    expect(e.params).toMatchObject({
      account: '102780220400020427603',
      currency: 'EUR',
      opening: '16672.86',
      credits: '0.00',
      debits: '5020.11',
      expectedClosing: '11652.75',
      closing: '11652.85',
      difference: '0.10',
    });
    // Without the check the structure is still readable.
    expect(parseCfonb120(edited, { verifyBalances: false })[1]!.closingBalance).toBe('11652.85');
  });

  it('an empty file has no statement', () => {
    expect(bankError(() => parseCfonb120('\n\n')).code).toBe('no_statement');
  });
});
