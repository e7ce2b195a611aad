import { describe, expect, it } from 'vitest';
import { parseBankCsv, parseCsvAmount, parseCsvDate } from './csv';
import { BankFileError, parseBankFile } from './statement';

function bankError(fn: () => unknown): BankFileError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(BankFileError);
    return e as BankFileError;
  }
  throw new Error('expected a BankFileError');
}

const only = (text: string) => {
  const statements = parseBankCsv(text);
  expect(statements).toHaveLength(1);
  return statements[0]!;
};

describe('parseCsvAmount', () => {
  it.each([
    ['1234.56', '1234.56'],
    ['1234,56', '1234.56'],
    ['-1234,56', '-1234.56'],
    ['+12.00', '12'],
    ['1 234,56', '1234.56'],
    ['1\u00a0234,56', '1234.56'],
    ['1\u202f234,56 €', '1234.56'],
    ['1.234,56', '1234.56'],
    ['1,234.56', '1234.56'],
    ['1.234.567,8', '1234567.8'],
    ["1'234.50", '1234.5'],
    ['12-', '-12'],
    ['(12.00)', '-12'],
    ['\u221212,50', '-12.5'],
    ['EUR 7,00', '7'],
    ['1,234', '1.234'], // a single separator is the decimal mark
    ['0', '0'],
  ])('%j → %s', (raw, expected) => {
    expect(parseCsvAmount(raw)?.toFixed()).toBe(expected);
  });
  it.each(['', 'abc', '12a', '1,2,3.4,5', '--12', '1.2.3,4,5', ','])('rejects %j', (raw) => {
    expect(parseCsvAmount(raw)).toBeNull();
  });
});

describe('parseCsvDate', () => {
  it.each([
    ['2024-03-15', '2024-03-15'],
    ['2024-03-15T10:00:00', '2024-03-15'],
    ['15/03/2024', '2024-03-15'],
    ['5/3/2024', '2024-03-05'],
    ['15.03.2024', '2024-03-15'],
    ['15-03-24', '2024-03-15'],
    ['29/02/2024', '2024-02-29'],
    ['20240315', '2024-03-15'],
  ])('%j → %s', (raw, iso) => {
    expect(parseCsvDate(raw)).toBe(iso);
  });
  it.each(['', '2024-02-30', '31/04/2024', '03/15/2024', 'hier', '2024/03/15'])('rejects %j', (raw) => {
    expect(parseCsvDate(raw)).toBeNull();
  });
});

const FRENCH = [
  'Compte courant n° 00012345603',
  'Relevé du 01/03/2024 au 31/03/2024',
  '',
  'Date;Libellé;Débit EUR;Crédit EUR;Référence;Nom du payeur;IBAN',
  '04/03/2024;"VIR SEPA DUPONT; FACTURE F-2024-0012";;1 250,00;REF001;DUPONT SARL;FR76 3000 6000 0112 3456 7890 189',
  '05/03/2024;PRLV SEPA EDF;84,12;;REF002;;',
  '06/03/2024;FRAIS TENUE DE COMPTE;"7,50";;;;',
  ';;;;;;',
  '07/03/2024;VIR SEPA DUPONT;;1 250,00;;DUPONT SARL;',
  '07/03/2024;VIR SEPA DUPONT;;1 250,00;;DUPONT SARL;',
].join('\r\n');

describe('French export (debit/credit columns, decimal comma, preamble)', () => {
  const s = only(FRENCH);

  it('reads the movements with their signs, dates and payer', () => {
    expect(s).toMatchObject({
      format: 'csv',
      currency: 'EUR',
      accountIban: null,
      accountNumber: null,
      statementId: null,
      fromDate: '2024-03-04',
      toDate: '2024-03-07',
      balancesComputed: true,
      openingBalance: '0.00',
      closingBalance: '3658.38',
    });
    expect(s.lines.map((l) => [l.lineNumber, l.bookingDate, l.amount, l.label, l.bankReference])).toEqual([
      [5, '2024-03-04', '1250.00', 'VIR SEPA DUPONT; FACTURE F-2024-0012', 'REF001'],
      [6, '2024-03-05', '-84.12', 'PRLV SEPA EDF', 'REF002'],
      [7, '2024-03-06', '-7.50', 'FRAIS TENUE DE COMPTE', null],
      [9, '2024-03-07', '1250.00', 'VIR SEPA DUPONT', null],
      [10, '2024-03-07', '1250.00', 'VIR SEPA DUPONT', null],
    ]);
    expect(s.lines[0]).toMatchObject({
      payerName: 'DUPONT SARL',
      payerIban: 'FR7630006000011234567890189',
      booked: true,
      reversal: false,
      valueDate: null,
      remittance: [],
      transactions: [],
    });
  });

  it('keeps the two identical rows as two lines, with the same keys on a second parse', () => {
    expect(s.lines[3]!.key).not.toBe(s.lines[4]!.key);
    const again = only(FRENCH);
    expect(again.key).toBe(s.key);
    expect(again.lines.map((l) => l.key)).toEqual(s.lines.map((l) => l.key));
  });

  it('reads the same file in Windows-1252 through parseBankFile', () => {
    const parsed = parseBankFile(Buffer.from(FRENCH, 'latin1'), 'export.csv');
    expect(parsed.format).toBe('csv');
    expect(parsed.statements[0]!.lines.map((l) => l.key)).toEqual(s.lines.map((l) => l.key));
  });
});

describe('English export (comma separated, signed amount, quoted thousands)', () => {
  const text = [
    'Booking date,Value date,Description,Amount (CHF),Reference,Counterparty,Counterparty IBAN,End to end ID,Remittance information',
    '2024-03-04,2024-03-05,Incoming payment,"1,234.56",BR-1,ACME AG,CH93 0076 2011 6238 5295 7,E2E-1,"Invoice 2024-0042\nthanks"',
    '2024-03-05,2024-03-05,Card,-12.30,BR-2,,,NOTPROVIDED,',
  ].join('\n');
  const s = only(text);

  it('reads currency from the header, signed amounts, remittance and ids', () => {
    expect(s).toMatchObject({ currency: 'CHF', closingBalance: '1222.26', balancesComputed: true });
    expect(s.lines[0]).toMatchObject({
      lineNumber: 2,
      bookingDate: '2024-03-04',
      valueDate: '2024-03-05',
      amount: '1234.56',
      currency: 'CHF',
      label: 'Incoming payment',
      bankReference: 'BR-1',
      payerName: 'ACME AG',
      payerIban: 'CH9300762011623852957',
      endToEndId: 'E2E-1',
      remittance: ['Invoice 2024-0042 thanks'],
    });
    // The quoted line break moves the next row to line 4.
    expect(s.lines[1]).toMatchObject({ lineNumber: 4, amount: '-12.30', endToEndId: null, payerName: null });
  });
});

describe('balance column', () => {
  const header = 'Date;Libellé;Montant;Solde';
  const rows = ['01/03/2024;A;100,00;1100,00', '02/03/2024;B;-30,00;1070,00', '03/03/2024;C;5,50;1075,50'];

  it('chronological: opening = first balance − first amount, closing = last balance', () => {
    const s = only([header, ...rows].join('\n'));
    expect([s.openingBalance, s.closingBalance, s.balancesComputed]).toEqual(['1000.00', '1075.50', false]);
  });

  it('most recent first: read bottom-up', () => {
    const s = only([header, ...[...rows].reverse()].join('\n'));
    expect([s.openingBalance, s.closingBalance]).toEqual(['1000.00', '1075.50']);
    expect(s.lines.map((l) => l.lineNumber)).toEqual([2, 3, 4]);
  });

  it('a broken running balance → balance_mismatch on its row with the figures', () => {
    const broken = [header, rows[0], '02/03/2024;B;-30,00;1069,00', rows[2]].join('\n');
    const e = bankError(() => parseBankCsv(broken));
    expect([e.code, e.line]).toEqual(['balance_mismatch', 3]);
    expect(e.params).toMatchObject({
      previousBalance: '1100.00',
      amount: '-30.00',
      expectedBalance: '1070.00',
      balance: '1069.00',
    });
  });
});

describe('direction column', () => {
  it('applies Sens D/C to unsigned amounts', () => {
    const s = only(
      ['Date;Libellé;Montant;Sens', '01/03/2024;A;100,00;C', '02/03/2024;B;30,00;D', '03/03/2024;C;1;Débit'].join('\n'),
    );
    expect(s.lines.map((l) => l.amount)).toEqual(['100.00', '-30.00', '-1.00']);
  });
});

describe('malformed files are refused with the line', () => {
  const header = 'Date;Libellé;Montant';
  it.each<[string, string[], string, number, Record<string, unknown>]>([
    ['a bad date', ['01/03/2024;A;1', '31/02/2024;B;2'], 'bad_date', 3, { column: 1, value: '31/02/2024' }],
    ['a bad amount', ['01/03/2024;A;1', '02/03/2024;B;12 EUROS'], 'bad_amount', 3, { column: 3 }],
    ['a missing amount', ['01/03/2024;A;1', '02/03/2024;B;'], 'missing_amount', 3, {}],
    ['an unterminated quote', ['01/03/2024;"A;1', '02/03/2024;B;2'], 'csv_quote', 2, {}],
  ])('%s', (_what, rows, code, line, params) => {
    const e = bankError(() => parseBankCsv([header, ...rows].join('\n')));
    expect([e.code, e.line]).toEqual([code, line]);
    expect(e.params).toMatchObject(params);
    expect(e.message).toContain(`Line ${line}:`);
  });

  it('both a debit and a credit on one row', () => {
    const e = bankError(() => parseBankCsv('Date;Libellé;Débit;Crédit\n01/03/2024;A;1,00;2,00'));
    expect([e.code, e.line]).toEqual(['bad_amount', 2]);
  });

  it('rows in two currencies', () => {
    const e = bankError(() => parseBankCsv('Date;Libellé;Montant;Devise\n01/03/2024;A;1;EUR\n02/03/2024;B;2;USD'));
    expect([e.code, e.line, e.params]).toEqual(['currency_mismatch', 3, { currency: 'EUR', rowCurrency: 'USD' }]);
  });

  it('no recognizable header', () => {
    const e = bankError(() => parseBankFile('Foo;Bar\n1;2\n', 'export.csv'));
    expect(e.code).toBe('csv_header');
  });

  it('a header without rows', () => {
    expect(bankError(() => parseBankCsv('Date;Libellé;Montant\n;;\n')).code).toBe('no_lines');
  });
});
