/**
 * Document totals exactly as DOMAIN.md §3.2 (EN 16931). Pure; amounts are decimal strings computed with
 * `@shared/decimal`, every rounding is half-up (away from zero on ties) to `currencyDecimals` places.
 *
 * 1. Line net amount (BT-131). gross = quantity × unitPrice, rounded once: grossAmount = round(gross).
 *    A line discount is an EN 16931 line allowance whose base amount (BT-137) is that rounded gross amount:
 *    allowance (BT-136) = round(grossAmount × percent / 100), net = grossAmount − allowance.
 *    (Decision: rounding the allowance separately keeps BT-136 = BT-137 × BT-138 / 100 exact on the e-invoice;
 *    §3.2 worked example: 3 × 19.99 = 59.97, 10 % → 6.00, net 53.97.) No or zero percent → net = grossAmount.
 * 2. BT-106 lineTotal = Σ line nets; BT-107 allowanceTotal / BT-108 chargeTotal = Σ document allowances /
 *    charges, each amount rounded to the currency first; BT-109 net = BT-106 − BT-107 + BT-108.
 * 3. VAT breakdown (BG-23): one group per (category, rate); category is trimmed and upper-cased, the rate compared
 *    as a number ("20" = "20.00"). Taxable amount BT-116 = Σ line nets + Σ charges − Σ allowances of the group;
 *    tax BT-117 = round(BT-116 × rate / 100) once per group; 0 for categories Z, E, AE, K, G, O whatever the rate.
 *    Sorted by category (alphabetical) then rate descending. An empty document has an empty breakdown (no group
 *    to report; BR-CO-18 is the invoice validator's concern).
 * 4. BT-110 vat = Σ BT-117; BT-112 gross = BT-109 + BT-110.
 * Output: amounts as fixed strings with `currencyDecimals` places ("0.00", JPY "0"); vatRate with at least
 * 2 decimals ("20.00", "5.50", "8.125").
 */
import { dec, roundHalfUp, sum, toMoneyString, type Decimal } from './decimal';

export type TotalsLineInput = {
  quantity: string;
  /** Net price per unit, up to 4 decimals. */
  unitPrice: string;
  discountPercent?: string | null;
  vatCategory: string;
  vatRate: string;
};
export type DocAllowanceCharge = {
  kind: 'allowance' | 'charge';
  amount: string;
  vatCategory: string;
  vatRate: string;
  reason: string;
};
export type Totals = {
  lines: { netAmount: string }[];
  /** BT-106 */
  lineTotal: string;
  allowanceTotal: string;
  chargeTotal: string;
  /** BT-109 */
  net: string;
  vatBreakdown: { vatCategory: string; vatRate: string; taxableAmount: string; taxAmount: string }[];
  vat: string;
  gross: string;
};

/** VAT categories (UNCL 5305) whose tax amount is always 0. */
export const ZERO_TAX_CATEGORIES: ReadonlySet<string> = new Set(['Z', 'E', 'AE', 'K', 'G', 'O']);

function rateString(rate: Decimal): string {
  return rate.decimalPlaces() <= 2 ? rate.toFixed(2) : rate.toFixed();
}

/** Line net amount (BT-131) as a Decimal rounded to `decimals`. */
export function lineNetAmount(
  line: Pick<TotalsLineInput, 'quantity' | 'unitPrice' | 'discountPercent'>,
  decimals = 2,
): Decimal {
  const grossAmount = roundHalfUp(dec(line.quantity).times(dec(line.unitPrice)), decimals);
  const pct =
    line.discountPercent === null || line.discountPercent === undefined || line.discountPercent === ''
      ? null
      : dec(line.discountPercent);
  if (pct === null || pct.isZero()) return grossAmount;
  const allowance = roundHalfUp(grossAmount.times(pct).div(100), decimals);
  return grossAmount.minus(allowance);
}

export function computeTotals(
  lines: TotalsLineInput[],
  allowancesCharges: DocAllowanceCharge[] = [],
  currencyDecimals = 2,
): Totals {
  const d = currencyDecimals;
  const money = (x: Decimal): string => toMoneyString(x, d);

  type Group = { category: string; rate: Decimal; taxable: Decimal };
  const groups = new Map<string, Group>();
  const addToGroup = (category: string, rate: string, amount: Decimal): void => {
    const cat = category.trim().toUpperCase();
    const r = dec(rate);
    const key = `${cat}|${r.toFixed()}`;
    const g = groups.get(key);
    if (g) g.taxable = g.taxable.plus(amount);
    else groups.set(key, { category: cat, rate: r, taxable: amount });
  };

  const nets = lines.map((l) => {
    const net = lineNetAmount(l, d);
    addToGroup(l.vatCategory, l.vatRate, net);
    return net;
  });

  const allowances: Decimal[] = [];
  const charges: Decimal[] = [];
  for (const ac of allowancesCharges) {
    const amount = roundHalfUp(ac.amount, d);
    if (ac.kind === 'allowance') {
      allowances.push(amount);
      addToGroup(ac.vatCategory, ac.vatRate, amount.negated());
    } else {
      charges.push(amount);
      addToGroup(ac.vatCategory, ac.vatRate, amount);
    }
  }

  const lineTotal = sum(nets);
  const allowanceTotal = sum(allowances);
  const chargeTotal = sum(charges);
  const net = lineTotal.minus(allowanceTotal).plus(chargeTotal);

  const breakdown = [...groups.values()]
    .sort((a, b) => (a.category < b.category ? -1 : a.category > b.category ? 1 : b.rate.comparedTo(a.rate)))
    .map((g) => {
      const taxable = roundHalfUp(g.taxable, d);
      const tax = ZERO_TAX_CATEGORIES.has(g.category) ? dec(0) : roundHalfUp(taxable.times(g.rate).div(100), d);
      return { g, taxable, tax };
    });
  const vat = sum(breakdown.map((b) => b.tax));

  return {
    lines: nets.map((n) => ({ netAmount: money(n) })),
    lineTotal: money(lineTotal),
    allowanceTotal: money(allowanceTotal),
    chargeTotal: money(chargeTotal),
    net: money(net),
    vatBreakdown: breakdown.map((b) => ({
      vatCategory: b.g.category,
      vatRate: rateString(b.g.rate),
      taxableAmount: money(b.taxable),
      taxAmount: money(b.tax),
    })),
    vat: money(vat),
    gross: money(net.plus(vat)),
  };
}
