/**
 * A decimal string as a spreadsheet number when the conversion is exact both ways (up to 15 significant digits,
 * which Excel shows and gives back unchanged), else the string itself. No float arithmetic is ever done on it.
 */
export function exactNumber(s: string): number | string {
  const [int = '', frac = ''] = s.replace('-', '').split('.');
  const digits = (int + frac.replace(/0+$/, '')).replace(/^0+/, '');
  return digits.length <= 15 ? Number(s) : s;
}
