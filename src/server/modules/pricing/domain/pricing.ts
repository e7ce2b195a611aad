/**
 * The one pricing function: "what is the price of product P for customer C, quantity Q, on date D, and why".
 * Pure: no I/O, no clock; every input (including the date) is an argument. Amounts are decimal strings computed
 * with `@shared/decimal`, dates are ISO 'YYYY-MM-DD' strings (compared as strings, which orders them correctly).
 *
 * RULES (this comment is the specification; the tests in pricing.test.ts follow it line by line)
 *
 * 1. Eligibility. Only rows for `input.product.id` that are valid on `date` count: validFrom ≤ date ≤ validTo, both
 *    bounds inclusive, null = open. Price-list lines (standard and promotion) count only in `input.currency`
 *    (compared case-insensitively). Customer and contract prices are in the customer's currency (= input.currency)
 *    and are not filtered on currency.
 * 2. Quantity breaks. Within one source (one contract, the customer's specific prices, one price list) the
 *    applicable line is the one with the greatest minQuantity ≤ quantity; a quantity exactly on a break gets the
 *    break. A line whose minQuantity is above the quantity does not apply — including a base line at the default
 *    minQuantity 1 when a fractional quantity below 1 is ordered.
 * 3. Precedence, first that gives a price wins:
 *    1) contract price. Several contracts: the one whose applicable line has the latest validFrom, then the
 *       smallest contractNumber (then contractId), and within that contract the greatest applicable break (then
 *       latest validFrom). A contract price for the product that exists but is not valid on `date` (expired or
 *       not started) is reported by the step `contract_expired_ignored` (once per contract) when no contract price
 *       applies; a contract valid on `date` whose breaks are all above the quantity gives `min_quantity_not_reached`.
 *    2) customer-specific price: greatest applicable minQuantity, then latest validFrom (null = earliest), then
 *       smallest id.
 *    3) price lists (kind 'standard'): the customer's assigned lists if at least one of their lines applies (valid
 *       on date, currency, quantity), otherwise the general lists. Among several lists: highest priority, then
 *       latest validFrom of the selected line (null = earliest), then smallest priceListId — overlapping lists
 *       always give one answer (step `price_lists_overlap` names the ignored ones).
 *    4) catalog price (`product.unitPrice`), only when currency === companyCurrency.
 *    Otherwise `{ ok: false, code: 'no_price_in_currency' }`.
 * 4. Promotions (price-list lines of kind 'promotion', assigned or general, same eligibility and break rules).
 *    The lowest promotion price (ties: highest priority, then priceListId) replaces the price of step 3/4 only
 *    when strictly lower (`promotion_lower`, else `promotion_not_lower`). Promotions never replace contract or
 *    customer-specific prices (negotiated nets; step `promotion_ignored_negotiated_price`). Decision where the
 *    brief is silent: when step 3/4 gives no price (foreign currency without standard list) a valid promotion
 *    in that currency is still a price in that currency and is used (`promotion_applied`).
 * 5. Discounts (scope 'product' with productId = product.id, or 'category' with category = product.category;
 *    valid on date; percent in ]0, 100], other values are ignored as meaningless) apply only to prices from price
 *    lists, promotions or the catalog, never to contract or customer-specific prices
 *    (`discount_ignored_negotiated_price`). Not cumulative: the highest percent wins (ties: product scope before
 *    category scope, then smallest id; `discounts_not_cumulative` when several applied).
 *    The percent is normalised to 2 decimals first (`discountPercent`, "0.00" when none) and
 *    netUnitPrice = roundHalfUp(unitPrice × (1 − discountPercent/100), 4).
 * 6. Output format. unitPrice and netUnitPrice have exactly 4 decimals (the database scale, half-up), minQuantity
 *    is a plain quantity string ("100"), catalog source: id null, label = SKU, minQuantity null, validTo null.
 *    Customer-price source label = SKU; contract label = contract number; list/promotion label = list name.
 * 7. orderDiscount: order-scope discounts valid on date whose minOrderAmount (null = none) ≤ orderNetAmount
 *    (a threshold exactly reached counts); the highest percent, ties by smallest id; percent with 2 decimals.
 * 8. `steps` is the reasoning, in order, as codes with string params (catalogued in `@shared/messages-domain`).
 */
import { dec, roundHalfUp, toMoneyString, toQuantityString, type Decimal } from '@shared/decimal';

export type PriceListLine = {
  priceListId: string;
  priceListName: string;
  kind: 'standard' | 'promotion';
  /** The customer's own list (true) or a general list (false). */
  assigned: boolean;
  priority: number;
  validFrom: string | null;
  validTo: string | null;
  currency: string;
  productId: string;
  minQuantity: string;
  unitPrice: string;
};
export type CustomerPrice = {
  id: string;
  productId: string;
  minQuantity: string;
  unitPrice: string;
  validFrom: string | null;
  validTo: string | null;
};
export type ContractPrice = {
  contractId: string;
  contractNumber: string;
  productId: string;
  unitPrice: string;
  minQuantity: string;
  validFrom: string;
  validTo: string;
};
export type Discount = {
  id: string;
  scope: 'product' | 'category' | 'order';
  productId: string | null;
  category: string | null;
  percent: string;
  validFrom: string | null;
  validTo: string | null;
  minOrderAmount: string | null;
};
export type PricingInput = {
  /** unitPrice: catalog price, in the company currency. */
  product: { id: string; sku: string; category: string | null; unitPrice: string };
  companyCurrency: string;
  currency: string;
  quantity: string;
  date: string;
  priceListLines: PriceListLine[];
  customerPrices: CustomerPrice[];
  contractPrices: ContractPrice[];
  discounts: Discount[];
};
export type PriceSourceType =
  'contract' | 'customer_price' | 'promotion' | 'customer_price_list' | 'price_list' | 'catalog';
export type PriceStep = { code: string; params: Record<string, string> };
export type PriceResult =
  | {
      ok: true;
      unitPrice: string;
      discountPercent: string;
      netUnitPrice: string;
      source: {
        type: PriceSourceType;
        id: string | null;
        label: string;
        validTo: string | null;
        minQuantity: string | null;
      };
      discount: { id: string; scope: 'product' | 'category'; percent: string } | null;
      steps: PriceStep[];
    }
  | { ok: false; code: 'no_price_in_currency'; steps: PriceStep[] };

type Source = NonNullable<Extract<PriceResult, { ok: true }>['source']>;

const PRICE_DECIMALS = 4;
const price4 = (s: string | Decimal): string => toMoneyString(s, PRICE_DECIMALS);
const qtyStr = (s: string | Decimal): string => toQuantityString(s);

function validOn(validFrom: string | null, validTo: string | null, date: string): boolean {
  return (validFrom === null || validFrom <= date) && (validTo === null || date <= validTo);
}

/** Ascending string order (code-unit order, locale-independent). */
function cmpStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Latest date first; null (open start) counts as the earliest. */
function cmpDateDesc(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return cmpStr(b, a);
}

function cmpDecDesc(a: string, b: string): number {
  return dec(b).comparedTo(dec(a));
}

/** Lines valid on date; the applicable break is the greatest minQuantity ≤ qty (then latest validFrom). */
function pickBreak<T extends { minQuantity: string; validFrom: string | null }>(
  dateValid: T[],
  qty: Decimal,
): T | undefined {
  return dateValid
    .filter((l) => dec(l.minQuantity).lte(qty))
    .sort((a, b) => cmpDecDesc(a.minQuantity, b.minQuantity) || cmpDateDesc(a.validFrom, b.validFrom))[0];
}

/** Steps explaining where the quantity sits in the scale of the chosen source (its date-valid lines). */
function breakSteps(
  sourceLines: { minQuantity: string }[],
  chosen: { minQuantity: string },
  qty: Decimal,
): PriceStep[] {
  const steps: PriceStep[] = [];
  const chosenMin = dec(chosen.minQuantity);
  const lower = sourceLines.some((l) => dec(l.minQuantity).lt(chosenMin));
  if (chosenMin.gt(1) || lower) {
    steps.push({
      code: 'quantity_break_applied',
      params: { minQuantity: qtyStr(chosenMin), quantity: qtyStr(qty) },
    });
  }
  const next = sourceLines
    .map((l) => dec(l.minQuantity))
    .filter((m) => m.gt(qty))
    .sort((a, b) => a.comparedTo(b))[0];
  if (next) {
    steps.push({
      code: 'quantity_break_not_reached',
      params: { nextMinQuantity: qtyStr(next), quantity: qtyStr(qty) },
    });
  }
  return steps;
}

type Base = { unitPrice: Decimal; source: Source };

function contractLevel(input: PricingInput, qty: Decimal, steps: PriceStep[]): Base | null {
  const all = input.contractPrices.filter((c) => c.productId === input.product.id);
  const dateValid = all.filter((c) => validOn(c.validFrom, c.validTo, input.date));
  const applicable = dateValid.filter((c) => dec(c.minQuantity).lte(qty));
  const first = [...applicable].sort(
    (a, b) =>
      cmpDateDesc(a.validFrom, b.validFrom) ||
      cmpStr(a.contractNumber, b.contractNumber) ||
      cmpStr(a.contractId, b.contractId),
  )[0];
  if (!first) {
    const validIds = new Set(dateValid.map((c) => c.contractId));
    const reported = new Set<string>();
    // Latest validTo first, so that the params describe the most recent period of each contract.
    for (const c of [...all].sort(
      (a, b) => cmpStr(b.validTo, a.validTo) || cmpStr(a.contractNumber, b.contractNumber),
    )) {
      if (validIds.has(c.contractId) || reported.has(c.contractId)) continue;
      reported.add(c.contractId);
      steps.push({
        code: 'contract_expired_ignored',
        params: { contractNumber: c.contractNumber, validFrom: c.validFrom, validTo: c.validTo, date: input.date },
      });
    }
    const byContract = new Map<string, ContractPrice[]>();
    for (const c of dateValid) byContract.set(c.contractId, [...(byContract.get(c.contractId) ?? []), c]);
    for (const lines of byContract.values()) {
      const smallest = lines.map((l) => dec(l.minQuantity)).sort((a, b) => a.comparedTo(b))[0];
      const head = lines[0];
      if (!smallest || !head) continue;
      steps.push({
        code: 'min_quantity_not_reached',
        params: {
          source: 'contract',
          label: head.contractNumber,
          minQuantity: qtyStr(smallest),
          quantity: qtyStr(qty),
        },
      });
    }
    return null;
  }
  const contractLines = dateValid.filter((c) => c.contractId === first.contractId);
  const chosen = pickBreak(contractLines, qty) ?? first;
  steps.push({
    code: 'contract_price_applied',
    params: { contractNumber: chosen.contractNumber, unitPrice: price4(chosen.unitPrice), validTo: chosen.validTo },
  });
  steps.push(...breakSteps(contractLines, chosen, qty));
  return {
    unitPrice: dec(chosen.unitPrice),
    source: {
      type: 'contract',
      id: chosen.contractId,
      label: chosen.contractNumber,
      validTo: chosen.validTo,
      minQuantity: qtyStr(chosen.minQuantity),
    },
  };
}

function customerPriceLevel(input: PricingInput, qty: Decimal, steps: PriceStep[]): Base | null {
  const dateValid = input.customerPrices.filter(
    (p) => p.productId === input.product.id && validOn(p.validFrom, p.validTo, input.date),
  );
  const chosen = dateValid
    .filter((p) => dec(p.minQuantity).lte(qty))
    .sort(
      (a, b) => cmpDecDesc(a.minQuantity, b.minQuantity) || cmpDateDesc(a.validFrom, b.validFrom) || cmpStr(a.id, b.id),
    )[0];
  if (!chosen) {
    const smallest = dateValid.map((l) => dec(l.minQuantity)).sort((a, b) => a.comparedTo(b))[0];
    if (smallest) {
      steps.push({
        code: 'min_quantity_not_reached',
        params: {
          source: 'customer_price',
          label: input.product.sku,
          minQuantity: qtyStr(smallest),
          quantity: qtyStr(qty),
        },
      });
    }
    return null;
  }
  steps.push({ code: 'customer_price_applied', params: { unitPrice: price4(chosen.unitPrice) } });
  steps.push(...breakSteps(dateValid, chosen, qty));
  return {
    unitPrice: dec(chosen.unitPrice),
    source: {
      type: 'customer_price',
      id: chosen.id,
      label: input.product.sku,
      validTo: chosen.validTo,
      minQuantity: qtyStr(chosen.minQuantity),
    },
  };
}

type ListChoice = { line: PriceListLine; listLines: PriceListLine[] };

/** The applicable line of each list (date-valid lines given), one entry per list that has one. */
function perList(dateValid: PriceListLine[], qty: Decimal): ListChoice[] {
  const byList = new Map<string, PriceListLine[]>();
  for (const l of dateValid) byList.set(l.priceListId, [...(byList.get(l.priceListId) ?? []), l]);
  const out: ListChoice[] = [];
  for (const listLines of byList.values()) {
    const line = pickBreak(listLines, qty);
    if (line) out.push({ line, listLines });
  }
  return out;
}

function eligibleListLines(input: PricingInput, kind: PriceListLine['kind']): PriceListLine[] {
  const currency = input.currency.trim().toUpperCase();
  return input.priceListLines.filter(
    (l) =>
      l.kind === kind &&
      l.productId === input.product.id &&
      l.currency.trim().toUpperCase() === currency &&
      validOn(l.validFrom, l.validTo, input.date),
  );
}

function priceListLevel(input: PricingInput, qty: Decimal, steps: PriceStep[]): Base | null {
  const choices = perList(eligibleListLines(input, 'standard'), qty);
  const assigned = choices.filter((c) => c.line.assigned);
  const tier = assigned.length > 0 ? assigned : choices.filter((c) => !c.line.assigned);
  const sorted = [...tier].sort(
    (a, b) =>
      b.line.priority - a.line.priority ||
      cmpDateDesc(a.line.validFrom, b.line.validFrom) ||
      cmpStr(a.line.priceListId, b.line.priceListId),
  );
  const best = sorted[0];
  if (!best) return null;
  const { line } = best;
  const type: PriceSourceType = line.assigned ? 'customer_price_list' : 'price_list';
  steps.push({
    code: line.assigned ? 'customer_price_list_applied' : 'price_list_applied',
    params: { priceListName: line.priceListName, unitPrice: price4(line.unitPrice), priority: String(line.priority) },
  });
  if (sorted.length > 1) {
    steps.push({
      code: 'price_lists_overlap',
      params: {
        priceListName: line.priceListName,
        ignored: sorted
          .slice(1)
          .map((c) => c.line.priceListName)
          .join(', '),
      },
    });
  }
  steps.push(...breakSteps(best.listLines, line, qty));
  return {
    unitPrice: dec(line.unitPrice),
    source: {
      type,
      id: line.priceListId,
      label: line.priceListName,
      validTo: line.validTo,
      minQuantity: qtyStr(line.minQuantity),
    },
  };
}

function bestPromotion(input: PricingInput, qty: Decimal): ListChoice | undefined {
  return perList(eligibleListLines(input, 'promotion'), qty).sort(
    (a, b) =>
      dec(a.line.unitPrice).comparedTo(dec(b.line.unitPrice)) ||
      b.line.priority - a.line.priority ||
      cmpStr(a.line.priceListId, b.line.priceListId),
  )[0];
}

function promotionSource(line: PriceListLine): Source {
  return {
    type: 'promotion',
    id: line.priceListId,
    label: line.priceListName,
    validTo: line.validTo,
    minQuantity: qtyStr(line.minQuantity),
  };
}

function validPercent(p: string): boolean {
  const d = dec(p);
  return d.gt(0) && d.lte(100);
}

function productDiscounts(input: PricingInput): Discount[] {
  const { product, date } = input;
  return input.discounts.filter(
    (d) =>
      validOn(d.validFrom, d.validTo, date) &&
      validPercent(d.percent) &&
      ((d.scope === 'product' && d.productId === product.id) ||
        (d.scope === 'category' && product.category !== null && d.category === product.category)),
  );
}

export function priceFor(input: PricingInput): PriceResult {
  const qty = dec(input.quantity);
  const steps: PriceStep[] = [];

  const negotiated = contractLevel(input, qty, steps) ?? customerPriceLevel(input, qty, steps);
  if (negotiated) {
    const promo = bestPromotion(input, qty);
    if (promo) {
      steps.push({ code: 'promotion_ignored_negotiated_price', params: { priceListName: promo.line.priceListName } });
    }
    const discounts = productDiscounts(input);
    if (discounts.length > 0) {
      const top = discounts.map((d) => toMoneyString(d.percent, 2)).sort(cmpDecDesc)[0] ?? '0.00';
      steps.push({ code: 'discount_ignored_negotiated_price', params: { percent: top } });
    }
    const unitPrice = price4(negotiated.unitPrice);
    return {
      ok: true,
      unitPrice,
      discountPercent: '0.00',
      netUnitPrice: unitPrice,
      source: negotiated.source,
      discount: null,
      steps,
    };
  }

  let base = priceListLevel(input, qty, steps);
  if (!base && input.currency.trim().toUpperCase() === input.companyCurrency.trim().toUpperCase()) {
    steps.push({ code: 'catalog_price_applied', params: { unitPrice: price4(input.product.unitPrice) } });
    base = {
      unitPrice: dec(input.product.unitPrice),
      source: { type: 'catalog', id: null, label: input.product.sku, validTo: null, minQuantity: null },
    };
  }

  const promo = bestPromotion(input, qty);
  if (promo) {
    const promoPrice = dec(promo.line.unitPrice);
    if (!base) {
      steps.push({
        code: 'promotion_applied',
        params: { priceListName: promo.line.priceListName, unitPrice: price4(promoPrice) },
      });
      steps.push(...breakSteps(promo.listLines, promo.line, qty));
      base = { unitPrice: promoPrice, source: promotionSource(promo.line) };
    } else {
      const params = {
        priceListName: promo.line.priceListName,
        promotionPrice: price4(promoPrice),
        basePrice: price4(base.unitPrice),
      };
      if (promoPrice.lt(base.unitPrice)) {
        steps.push({ code: 'promotion_lower', params });
        steps.push(...breakSteps(promo.listLines, promo.line, qty));
        base = { unitPrice: promoPrice, source: promotionSource(promo.line) };
      } else {
        steps.push({ code: 'promotion_not_lower', params });
      }
    }
  }

  if (!base) {
    steps.push({
      code: 'no_price_in_currency',
      params: { currency: input.currency, companyCurrency: input.companyCurrency },
    });
    return { ok: false, code: 'no_price_in_currency', steps };
  }

  const discounts = productDiscounts(input).sort(
    (a, b) =>
      cmpDecDesc(a.percent, b.percent) ||
      (a.scope === b.scope ? 0 : a.scope === 'product' ? -1 : 1) ||
      cmpStr(a.id, b.id),
  );
  const top = discounts[0];
  const unitPrice = price4(base.unitPrice);
  if (!top || (top.scope !== 'product' && top.scope !== 'category')) {
    return {
      ok: true,
      unitPrice,
      discountPercent: '0.00',
      netUnitPrice: unitPrice,
      source: base.source,
      discount: null,
      steps,
    };
  }
  const percent = toMoneyString(top.percent, 2);
  const net = roundHalfUp(dec(unitPrice).times(dec(1).minus(dec(percent).div(100))), PRICE_DECIMALS);
  if (discounts.length > 1) {
    steps.push({ code: 'discounts_not_cumulative', params: { count: String(discounts.length), percent } });
  }
  steps.push({ code: 'discount_applied', params: { percent, scope: top.scope, netUnitPrice: price4(net) } });
  return {
    ok: true,
    unitPrice,
    discountPercent: percent,
    netUnitPrice: price4(net),
    source: base.source,
    discount: { id: top.id, scope: top.scope, percent },
    steps,
  };
}

export function orderDiscount(
  discounts: Discount[],
  orderNetAmount: string,
  date: string,
): { id: string; percent: string } | null {
  const amount = dec(orderNetAmount);
  const best = discounts
    .filter(
      (d) =>
        d.scope === 'order' &&
        validOn(d.validFrom, d.validTo, date) &&
        validPercent(d.percent) &&
        (d.minOrderAmount === null || dec(d.minOrderAmount).lte(amount)),
    )
    .sort((a, b) => cmpDecDesc(a.percent, b.percent) || cmpStr(a.id, b.id))[0];
  return best ? { id: best.id, percent: toMoneyString(best.percent, 2) } : null;
}

// ---------------------------------------------------------------------------------------------------------------
// Human sentence

/** "1234.5000" → fr "1 234,50" (narrow no-break space) / en "1,234.50": at least 2, at most 4 decimals. */
export function formatPrice(value: string, lang: 'fr' | 'en'): string {
  const d = dec(value);
  const plain = d.decimalPlaces() <= 2 ? d.toFixed(2) : d.toFixed();
  return localiseNumber(plain, lang);
}

function localiseNumber(plain: string, lang: 'fr' | 'en'): string {
  const negative = plain.startsWith('-');
  const [intPart = '0', frac] = (negative ? plain.slice(1) : plain).split('.');
  const group = lang === 'fr' ? '\u202f' : ',';
  const grouped = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  const sep = lang === 'fr' ? ',' : '.';
  return `${negative ? '-' : ''}${grouped}${frac === undefined ? '' : sep + frac}`;
}

function formatDate(iso: string, lang: 'fr' | 'en'): string {
  if (lang === 'en') return iso;
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

export function describePrice(result: PriceResult, lang: 'fr' | 'en'): string {
  if (!result.ok) {
    const p = result.steps.find((s) => s.code === 'no_price_in_currency')?.params ?? {};
    const currency = p.currency ?? '?';
    const company = p.companyCurrency ?? '?';
    return lang === 'fr'
      ? `Aucun prix en ${currency} : aucun tarif dans cette devise et le prix catalogue est en ${company}`
      : `No price in ${currency}: no price list in this currency and the catalog price is in ${company}`;
  }
  const { source } = result;
  const fr = lang === 'fr';
  const head: Record<PriceSourceType, string> = fr
    ? {
        contract: `Prix contrat ${source.label}`,
        customer_price: 'Prix spécifique client',
        promotion: `Prix promotionnel « ${source.label} »`,
        customer_price_list: `Tarif client « ${source.label} »`,
        price_list: `Tarif « ${source.label} »`,
        catalog: 'Prix catalogue',
      }
    : {
        contract: `Price from contract ${source.label}`,
        customer_price: 'Customer-specific price',
        promotion: `Promotional price "${source.label}"`,
        customer_price_list: `Customer price list "${source.label}"`,
        price_list: `Price list "${source.label}"`,
        catalog: 'Catalog price',
      };
  let text = `${head[source.type]}${fr ? ' : ' : ': '}${formatPrice(result.unitPrice, lang)}`;
  if (source.minQuantity !== null && dec(source.minQuantity).gt(1)) {
    const q = localiseNumber(toQuantityString(source.minQuantity), lang);
    text += fr ? ` (à partir de ${q})` : ` (from ${q})`;
  }
  if (source.validTo !== null) {
    text += fr
      ? `, valable jusqu'au ${formatDate(source.validTo, lang)}`
      : `, valid until ${formatDate(source.validTo, lang)}`;
  }
  if (result.discount) {
    const pct = localiseNumber(result.discount.percent, lang);
    const net = formatPrice(result.netUnitPrice, lang);
    text += fr
      ? `, remise ${result.discount.scope === 'product' ? 'article' : 'famille'} ${pct} % → net ${net}`
      : `, ${result.discount.scope} discount ${pct}% → net ${net}`;
  }
  return text;
}
