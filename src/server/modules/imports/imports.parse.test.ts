import { describe, expect, it } from 'vitest';
import { columnForHeader, normalizeHeader } from './imports.columns';
import { csvRecords, decodeText, detectSeparator, numberText, parseCsv } from './imports.parse';
import { cellValue, normalizeDate, normalizeDecimal } from './imports.values';

describe('decimal numbers as people type them', () => {
  it.each([
    ['1 234,50', '1234.50'],
    ['1\u00a0234,5', '1234.5'],
    ['1\u202f234,50 €', '1234.50'],
    ['1.234,50', '1234.50'],
    ['1,234.50', '1234.50'],
    ['1,234,567', '1234567'],
    ['1.234.567', '1234567'],
    ['12,3', '12.3'],
    ['0,9875', '0.9875'],
    ['5,5 %', '5.5'],
    [',5', '0.5'],
    ['+3', '3'],
    ['abc', 'abc'],
  ])('%s → %s', (input, out) => expect(normalizeDecimal(input)).toBe(out));
});

describe('Excel numbers without float noise', () => {
  it.each([
    [12.3, '12.3'],
    [0.1 + 0.2, '0.3'],
    [36.900000000000006, '36.9'],
    [1e-7, '0.0000001'],
    [1234567.8912, '1234567.8912'],
    [3760123456784, '3760123456784'],
    [1e21, '1000000000000000000000'],
  ])('%s → %s', (n, s) => expect(numberText(n)).toBe(s));
});

describe('dates', () => {
  it.each([
    ['31/12/2026', '2026-12-31'],
    ['1/2/2026', '2026-02-01'],
    ['01.02.26', '2026-02-01'],
    ['2026-02-01', '2026-02-01'],
    ['2026-02-01T00:00:00', '2026-02-01'],
    ['31/02/2026', null],
    ['demain', null],
  ])('%s → %s', (v, iso) => expect(normalizeDate({ v, t: 'text' })).toBe(iso));

  it('reads Excel serial numbers', () => expect(normalizeDate({ v: '46023', t: 'number' })).toBe('2026-01-01'));
});

describe('cells', () => {
  const col = (field: string) => columnForHeader('customers', field)!;
  it('pads codes Excel turned into numbers, keeps text codes as typed', () => {
    expect(cellValue(col('postalCode'), { v: '1000', t: 'number' })).toEqual({ value: '01000' });
    expect(cellValue(col('postalCode'), { v: '1000', t: 'text' })).toEqual({ value: '1000' });
  });
  it('empty cells clear a field, or keep it for fields with a default', () => {
    expect(cellValue(col('line2'), null)).toEqual({ value: null });
    expect(cellValue(col('currency'), null)).toEqual({ value: undefined });
  });
  it('maps spelled-out values', () => {
    expect(cellValue(col('countryCode'), { v: 'Belgique', t: 'text' })).toEqual({ value: 'BE' });
    expect(cellValue(col('paymentBasis'), { v: 'Fin de mois', t: 'text' })).toEqual({ value: 'end_of_month' });
    expect(cellValue(columnForHeader('products', 'actif')!, { v: 'Oui', t: 'text' })).toEqual({ value: true });
    expect(cellValue(columnForHeader('products', 'actif')!, { v: 'peut-être', t: 'text' })).toEqual({
      error: 'invalid_boolean',
    });
    expect(cellValue(col('paymentDays'), { v: '30,5', t: 'text' })).toEqual({ error: 'invalid_integer' });
  });
});

describe('headers', () => {
  it('accepts French and English names whatever the case, accents and punctuation', () => {
    expect(normalizeHeader('N° TVA')).toBe('ntva');
    expect(columnForHeader('customers', 'N° TVA')?.field).toBe('vatNumber');
    expect(columnForHeader('customers', 'RAISON SOCIALE')?.field).toBe('name');
    expect(columnForHeader('products', 'Prix unitaire')?.field).toBe('unitPrice');
    expect(columnForHeader('products', 'PU HT')?.field).toBe('unitPrice');
    expect(columnForHeader('products', 'designation EN')?.field).toBe('nameEn');
    expect(columnForHeader('products', 'Libellé')?.field).toBe('name');
    expect(columnForHeader('products', 'tva')?.field).toBe('vatRate');
    expect(columnForHeader('products', 'Catégorie')?.field).toBe('category');
    expect(columnForHeader('customer_prices', 'quantité mini')?.field).toBe('minQuantity');
    expect(columnForHeader('products', 'Couleur')).toBeUndefined();
  });
});

describe('CSV', () => {
  it('decodes UTF-8 with or without BOM, and Windows-1252 when the bytes are not UTF-8', () => {
    expect(decodeText(Buffer.from('\uFEFFRéf;Prix', 'utf8'))).toBe('Réf;Prix');
    expect(decodeText(Buffer.from('Réf;Prix', 'utf8'))).toBe('Réf;Prix');
    expect(decodeText(Buffer.from([0x52, 0xe9, 0x66, 0x3b, 0x80, 0x92, 0x9c, 0x96]))).toBe('Réf;€’œ–');
    expect(decodeText(Buffer.from([0xff, 0xfe, 0x41, 0x00, 0x09, 0x00, 0x42, 0x00]))).toBe('A\tB');
  });

  it('detects the separator from the header line', () => {
    expect(detectSeparator('a;b;c\n1,2;3;4')).toBe(';');
    expect(detectSeparator('a,b,"c;d"\n1;2;3;4;5')).toBe(',');
    expect(detectSeparator('a\tb\n')).toBe('\t');
    expect(detectSeparator('seul\n')).toBe(';');
  });

  it('reads quoted fields with separators, quotes and line breaks, and any line end', () => {
    expect(csvRecords('a;"b;c";"d ""e"""\r\n"multi\nligne";2\r3', ';')).toEqual([
      ['a', 'b;c', 'd "e"'],
      ['multi\nligne', '2'],
      ['3'],
    ]);
  });

  it('numbers rows as the user sees them, skipping blank lines', () => {
    const f = parseCsv('\nsku;name\nA;1\n;\nB;2\n');
    expect(f.headerRow).toBe(2);
    expect(f.rows.map((r) => r.row)).toEqual([3, 5]);
  });
});
