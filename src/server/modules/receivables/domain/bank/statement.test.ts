import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { dec, sum } from '@shared/decimal';
import {
  BankFileError,
  type BankStatement,
  detectBankFormat,
  parseBankFile,
  rankedKeys,
  verifyStatementBalance,
} from './statement';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../..');
const samples = path.resolve(repoRoot, '../shared/samples/bank');
const bytes = (name: string) => readFileSync(path.join(samples, name));

function bankError(fn: () => unknown): BankFileError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(BankFileError);
    return e as BankFileError;
  }
  throw new Error('expected a BankFileError');
}

const netOf = (s: BankStatement) => sum(s.lines.filter((l) => l.booked).map((l) => l.amount));

/** SOURCES.md "Checks run on the copies": sha256, format, first opening, net of all entries, last closing. */
// prettier-ignore
const SAMPLES: [string, string, BankStatement['format'], number, string, string, string][] = [
  ['iso20022js_ing_example_camt053.001.02.xml', '1cc06356e62ae9d078c6182ac42c0f6577716572d88ccb0791fba069f6888e67', 'camt053', 1, '1000.00', '605.00', '1605.00'],
  ['iso20022js_abn-amro_example_camt053.001.02.xml', '6d833d542709b740254d95e2f483222d609cc06490dad7f384e223af081c7de1', 'camt053', 1, '1000.01', '-900.00', '100.01'],
  ['dvbern_postfinance_camt053.001.04.xml', '7a974584897788d4c6c7adfdbcdd3226aaba93d9b59813700b35ecc3d4f99465', 'camt053', 1, '322152.16', '537.61', '322689.77'],
  ['silarhi_cfonb120_complex-test.txt', '394cb4bf8dbf1c4b859003e80b4b0fb48940b2a77b02d7b6ef7fb16ca98659e3', 'cfonb120', 8, '16695.65', '-22.79', '584353.02'],
  ['pennylane_cfonb120_example.txt', '9cf62e54fe53c72d2fe496a8bfe92ab69e27058e0d9d30dadf2ba7fb83e1199b', 'cfonb120', 2, '-190.40', '-50.81', '-163.72'],
];

describe('parseBankFile on the samples', () => {
  it.each(SAMPLES)('%s', (name, sha256, format, count, opening, firstNet, closing) => {
    const parsed = parseBankFile(bytes(name), name);
    expect(parsed.sha256).toBe(sha256); // SOURCES.md checksums: the raw bytes are hashed
    expect(parsed.format).toBe(format);
    expect(parsed.statements).toHaveLength(count);
    const first = parsed.statements[0]!;
    expect(first.openingBalance).toBe(opening);
    expect(netOf(first).toFixed(2)).toBe(firstNet);
    expect(parsed.statements.at(-1)!.closingBalance).toBe(closing);
    for (const s of parsed.statements) {
      expect(dec(s.openingBalance).plus(netOf(s)).equals(dec(s.closingBalance))).toBe(true);
      expect(s.format).toBe(format);
    }
  });

  it('gives the same file hash and keys on a second parse, from a Buffer or a string', () => {
    for (const [name] of SAMPLES) {
      const a = parseBankFile(bytes(name), name);
      const b = parseBankFile(bytes(name).toString('utf8'));
      expect(b.sha256).toBe(a.sha256);
      const keys = (p: typeof a) => p.statements.map((s) => [s.key, ...s.lines.map((l) => l.key)]);
      expect(keys(b)).toEqual(keys(a));
    }
  });

  it('refuses the genkgo sample, whose balances do not reconcile (opening EUR, closing SEK debit)', () => {
    const name = 'genkgo_camt053.001.08.xml';
    const e = bankError(() => parseBankFile(bytes(name), name));
    expect(e.code).toBe('balance_mismatch');
    expect(e.line).toBe(74);
    expect(e.params).toMatchObject({ currency: 'EUR', balanceCurrency: 'SEK', opening: '18.15', closing: '-27.00' });
    const structure = parseBankFile(bytes(name), name, { verifyBalances: false });
    expect(structure).toMatchObject({ format: 'camt053', formatVersion: '001.08' });
  });

  it('reports the CAMT version', () => {
    expect(parseBankFile(bytes(SAMPLES[2]![0])).formatVersion).toBe('001.04');
  });
});

describe('detectBankFormat', () => {
  it.each([
    ['<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">', undefined, 'camt053'],
    ['  \n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"/>', 'x.txt', 'camt053'],
    [`0110278    02204EUR2 00012345603  060420${' '.repeat(80)}`, undefined, 'cfonb120'],
    ['Date;Libellé;Montant\n01/02/2024;X;1,00', undefined, 'csv'],
    ['Booking date,Description,Debit,Credit\n', 'bank.txt', 'csv'],
    ['anything', 'export.CSV', 'csv'],
  ] as const)('%j (%s) → %s', (text, fileName, format) => {
    expect(detectBankFormat(text, fileName)).toBe(format);
  });

  it.each([
    ['', 'empty_file'],
    [' \n\n ', 'empty_file'],
    ['<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.02"/>', 'unsupported_format'],
    ['<html></html>', 'unsupported_format'],
    ['%PDF-1.7', 'unknown_format'],
    ['Foo;Bar\n1;2', 'unknown_format'],
  ])('%j → %s', (text, code) => {
    expect(bankError(() => detectBankFormat(text)).code).toBe(code);
  });

  it('names the camt.054 message it refuses', () => {
    const e = bankError(() => parseBankFile('<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.02"/>'));
    expect(e.params).toMatchObject({ namespace: 'camt.054.001.02' });
  });

  it('dispatches a CFONB record of 119 characters on line 7 to the CFONB parser, which names line 7', () => {
    const name = 'silarhi_cfonb120_complex-test.txt';
    const lines = bytes(name).toString('latin1').split('\n');
    lines[6] = lines[6]!.slice(0, 119);
    const e = bankError(() => parseBankFile(Buffer.from(lines.join('\n'), 'latin1'), name));
    expect([e.code, e.line, e.params.length]).toEqual(['record_length', 7, 119]);
    expect(e.message).toBe('Line 7: CFONB record has 119 characters, expected 120');
  });
});

describe('rankedKeys', () => {
  it('gives identical tuples distinct, reproducible keys by rank', () => {
    const keys = rankedKeys([
      ['a', 1],
      ['b', 2],
      ['a', 1],
      ['a', 1],
    ]);
    expect(new Set(keys).size).toBe(4);
    expect(rankedKeys([['a', 1]])[0]).toBe(keys[0]);
    expect(
      rankedKeys([
        ['b', 2],
        ['a', 1],
        ['a', 1],
      ]),
    ).toEqual([keys[1], keys[0], keys[2]]);
  });
});

describe('verifyStatementBalance', () => {
  const line = (amount: string, booked = true) => ({
    key: amount,
    lineNumber: 1,
    bookingDate: '2024-01-01',
    valueDate: null,
    amount,
    currency: 'EUR',
    booked,
    reversal: false,
    bankTransactionCode: null,
    label: '',
    remittance: [],
    structuredReference: null,
    endToEndId: null,
    payerName: null,
    payerIban: null,
    bankReference: null,
    transactions: [],
  });
  const statement = (closing: string): BankStatement => ({
    key: 'k',
    format: 'csv',
    accountIban: 'FR7630006000011234567890189',
    accountNumber: null,
    currency: 'EUR',
    statementId: 'S1',
    fromDate: '2024-01-01',
    toDate: '2024-01-31',
    openingBalance: '-10.00',
    closingBalance: closing,
    lines: [line('100.10'), line('-0.20'), line('999.00', false)],
    endLineNumber: 12,
  });

  it('accepts opening + Σ booked lines = closing (decimal arithmetic, pending lines excluded)', () => {
    expect(() => verifyStatementBalance(statement('89.90'))).not.toThrow();
  });

  it('refuses anything else with the figures', () => {
    const e = bankError(() => verifyStatementBalance(statement('89.91')));
    expect([e.code, e.line]).toEqual(['balance_mismatch', 12]);
    expect(e.params).toEqual({
      statementId: 'S1',
      account: 'FR7630006000011234567890189',
      currency: 'EUR',
      opening: '-10.00',
      credits: '100.10',
      debits: '0.20',
      expectedClosing: '89.90',
      closing: '89.91',
      difference: '0.01',
    });
    expect(e.message).toBe(
      'Line 12: Balances do not reconcile: opening -10.00 + credits 100.10 − debits 0.20 = 89.90 EUR, but the closing balance is 89.91 EUR',
    );
  });
});
