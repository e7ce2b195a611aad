import { describe, expect, it } from 'vitest';
import { customerZone, invoiceRegime, lineVat, operationCategory } from './regime';

const S20 = { vatCategory: 'S', vatRate: '20.00' };

describe('VAT regime of a line (DOMAIN.md §2.4, §8.2)', () => {
  it.each([
    // customer country, VAT number, nature, expected category, rate
    ['FR', 'FR44732829320', 'goods', 'S', '20.00'],
    ['FR', null, 'services', 'S', '20.00'],
    ['MC', null, 'goods', 'S', '20.00'],
    ['DE', 'DE123456789', 'goods', 'K', '0.00'],
    ['DE', 'DE123456789', 'services', 'AE', '0.00'],
    ['BE', null, 'goods', 'S', '20.00'],
    ['CH', 'CHE123456789', 'goods', 'G', '0.00'],
    ['US', null, 'services', 'G', '0.00'],
  ] as const)('%s customer (VAT %s), %s → %s %s', (country, vat, nature, category, rate) => {
    const v = lineVat({ sellerCountry: 'FR', customerCountry: country, customerVatNumber: vat }, nature, S20);
    expect(v).toEqual({ vatCategory: category, vatRate: rate });
  });

  it.each([
    ['FR', null, 'domestic'],
    ['DE', 'DE123456789', 'eu_b2b'],
    ['DE', null, 'eu_no_vat'],
    ['GB', 'GB123456789', 'export'],
  ] as const)('zone of %s / %s is %s', (country, vat, zone) => {
    expect(customerZone({ sellerCountry: 'FR', customerCountry: country, customerVatNumber: vat })).toBe(zone);
  });

  it.each([
    [['S', 'S'], 'domestic'],
    [['K', 'AE'], 'intra_eu'],
    [['AE'], 'reverse_charge'],
    [['G'], 'export'],
  ] as const)('categories %j make the invoice %s', (cats, regime) => {
    expect(invoiceRegime([...cats])).toBe(regime);
  });

  it.each([
    [['goods'], 'goods'],
    [['services', 'services'], 'services'],
    [['goods', 'services'], 'mixed'],
  ] as const)('natures %j → operation category %s', (natures, cat) => {
    expect(operationCategory([...natures])).toBe(cat);
  });
});
