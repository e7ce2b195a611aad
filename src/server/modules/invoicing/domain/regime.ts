/**
 * Which VAT applies to an invoice line (DOMAIN.md §2.4, §8.2), pure and table-tested.
 *
 * - A customer in France (or our own country): domestic, the product's own category and rate.
 * - A customer in another EU member state with a VAT number: goods are an intra-EU supply (K, 0 %, art. 262 ter I
 *   CGI), services are reverse-charged (AE, 0 %, "Autoliquidation"). Without a VAT number: French VAT (VIES-AN).
 * - A customer outside the EU: export (G, 0 %, art. 262 I CGI) for goods; services to a non-EU business are
 *   outside the French VAT scope — Relais uses G as well for now (noted in the docs as a limit).
 */
import type { VatRegime } from '@shared/api/invoices';

/** EU member states (ISO 3166-1 alpha-2, Greece as GR here: the VAT prefix EL is the identifiers' concern). */
export const EU_COUNTRIES: ReadonlySet<string> = new Set([
  'AT',
  'BE',
  'BG',
  'CY',
  'CZ',
  'DE',
  'DK',
  'EE',
  'ES',
  'FI',
  'FR',
  'GR',
  'HR',
  'HU',
  'IE',
  'IT',
  'LT',
  'LU',
  'LV',
  'MC',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SE',
  'SI',
  'SK',
]);

export type LineNature = 'goods' | 'services';

export type RegimeFacts = {
  sellerCountry: string;
  customerCountry: string;
  customerVatNumber: string | null;
};

/** Where the customer stands: same country, EU with a VAT number, EU without one, or outside the EU. */
export function customerZone(f: RegimeFacts): 'domestic' | 'eu_b2b' | 'eu_no_vat' | 'export' {
  const c = f.customerCountry.toUpperCase();
  const seller = f.sellerCountry.toUpperCase();
  // Monaco is treated as France for VAT.
  if (c === seller || (seller === 'FR' && c === 'MC')) return 'domestic';
  if (EU_COUNTRIES.has(c)) return f.customerVatNumber ? 'eu_b2b' : 'eu_no_vat';
  return 'export';
}

/** The VAT category and rate of a line, from the customer's zone, the line's nature and the product's own VAT. */
export function lineVat(
  f: RegimeFacts,
  nature: LineNature,
  product: { vatCategory: string; vatRate: string },
): { vatCategory: string; vatRate: string } {
  const zone = customerZone(f);
  if (zone === 'domestic' || zone === 'eu_no_vat')
    return { vatCategory: product.vatCategory, vatRate: product.vatRate };
  if (zone === 'eu_b2b') return { vatCategory: nature === 'goods' ? 'K' : 'AE', vatRate: '0.00' };
  return { vatCategory: 'G', vatRate: '0.00' };
}

/** The invoice's regime, from the categories its lines ended up with. */
export function invoiceRegime(categories: string[]): VatRegime {
  if (categories.includes('K')) return 'intra_eu';
  if (categories.includes('G')) return 'export';
  if (categories.includes('AE')) return 'reverse_charge';
  return 'domestic';
}

export function operationCategory(natures: LineNature[]): 'goods' | 'services' | 'mixed' {
  const goods = natures.includes('goods');
  const services = natures.includes('services');
  return goods && services ? 'mixed' : services ? 'services' : 'goods';
}

/** A product is a service when its stock is not tracked (hours, fees, installation…). */
export const natureOf = (p: { stockTracked: boolean }): LineNature => (p.stockTracked ? 'goods' : 'services');
