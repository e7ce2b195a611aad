/**
 * Payment matching (lettrage suggestion): how an incoming payment settles the open items. Pure: no I/O, no
 * clock; amounts are decimal strings computed with `@shared/decimal`, dates ISO 'YYYY-MM-DD'.
 *
 * RULES, in order of strength
 * 1. References. Invoice / credit-note numbers found in the texts (label, remittance lines) or the structured
 *    reference (an ISO 11649 "RFxx" prefix is dropped). Texts are compared upper-case, without accents, as
 *    tokens: runs of letters or of digits ("FA2026" = "FA" + "2026"). A number matches a run of consecutive
 *    tokens whose concatenation is exactly its key ("FA-2026-00012" → "FA202600012"): "FA-2026-00012",
 *    "fa 2026 00012", "FA202600012", "FA 2026/00012" all match; "FA-2026-0001" does not match inside
 *    "FA-2026-00012" (a match never starts or ends inside a token). Tokens join across spaces, '-', '_', '/',
 *    '\' and line breaks (a reference wrapped over two label lines), across '.' only when a side is letters, never
 *    across ',' (so an amount "123,45" never reads as "12345"). Also accepted:
 *    - the digits without the letter prefix ("Facture 2026-00012") when they are ≥ 6 digits and unique;
 *    - short forms after a full number of the same series: "FA-2026-00012 ET 00013" (or "ET 13", ≥ 2 digits)
 *      also names FA-2026-00013; the short token must stand alone and not be part of an amount ("1 013,50").
 *    Keys shorter than 4 characters are ignored. Without any number, the customer's PO reference
 *    (`customerReference`, ≥ 4 characters with a digit) found the same way names the items carrying it.
 * 2. Customer. Given (`customerId`, payment entered by hand: only this customer's items are considered); else the
 *    customer of the referenced items (several customers: the one the payer points to, otherwise ambiguous →
 *    no customer, no allocation); else the payer, each signal narrowing the previous one: payer IBAN (known
 *    IBANs, spaces and case ignored) → payer name (upper case, no accents, legal forms SA/SAS/SARL/GmbH/Ltd…,
 *    articles and one-letter words ignored; exact > truncated or contained > close spelling) → customer code
 *    found in the texts → customer name found in the texts ("VIR SEPA BRICODIS …"). One customer left →
 *    identified; several → 'ambiguous_customer'; none → 'unknown_payer'. Both leave customerId null and
 *    allocate nothing (the whole amount is unallocated).
 * 3. Items. Only open items (amountDue > 0) in the payment's currency ('currency_mismatch' when referenced or
 *    customer items are in another one; when every referenced invoice is in another currency nothing is allocated:
 *    the payment is not reinterpreted against other invoices). With referenced invoices (named items), their total (invoices − named
 *    credit notes) compared with the amount:
 *    equal → 'exact_amount'; larger, and a subset of the customer's other open credit notes closes the gap
 *    exactly → 'credit_note_offset'; larger by ≤ threshold → 'small_difference' with a write-off; larger by more →
 *    'partial' (named credit notes used in full, invoices oldest due first, the last one partly open); smaller →
 *    'overpayment' (named items settled, the rest unallocated; plus 'small_difference' when ≤ threshold).
 *    Without named invoices, within the customer's open items: one invoice of exactly the amount
 *    ('exact_amount'; several → the oldest due, plus 'ambiguous_amount') → a subset of ≥ 2 items, credit notes
 *    counting negative, summing exactly to the amount ('amount_combination', plus 'credit_note_offset' when
 *    credit notes are in it) → one item or a subset within the threshold ('small_difference'; a write-off when the
 *    payment is short, 'overpayment' when it is over) → oldest due first ('oldest_first', plus 'partial' /
 *    'overpayment'). Subset search: the `maxCombination` (default 12, at most 16; 0 disables it) oldest candidate
 *    items — credit notes, and invoices not larger than amount + threshold + the credit notes — so at most 4,096
 *    subsets by default; preferred: smallest difference, then fewest items, then the oldest items.
 *    Oldest first: by due date (issue date when none), then issue date, number, id; credit notes are never
 *    consumed by it (offsetting a credit note is a decision shown by a reference or an exact combination).
 * 4. Write-off. When the payment is short of the matched items by ≤ `writeOffThreshold` (default '1.00'; '0'
 *    disables it), the payment is allocated (credit notes first, then invoices oldest first) and what stays open on
 *    the last invoice is proposed as `writeOff` { itemId, amount > 0 } (bank fees, rounding) instead of leaving a
 *    few cents open. A payment over by a few cents leaves them unallocated (customer credit), never a write-off.
 *    Identity, always: amount = Σ invoice allocations − Σ credit-note allocations + unallocated (allocation
 *    amounts are positive; a credit note's is the part of it used). Allocations list credit notes first, then
 *    invoices oldest due first.
 *
 * CONFIDENCE = customer score × allocation score, rounded half-up to 2 decimals ('0.00' without a customer).
 * - Customer score: invoice/credit-note number or structured reference 1.00; customer given 1.00; customer
 *   reference (PO) 0.95; payer IBAN 0.95; payer name exact 0.90, tolerant 0.80; customer code in the texts 0.90;
 *   customer name in the texts 0.80 (when several signals point to the customer, the highest); × 0.90 when the
 *   payer (IBAN / name) points to another customer than the references ('payer_mismatch').
 * - Allocation score: referenced items settled exactly 1.00; with a credit-note offset or within the threshold
 *   0.95; partial or overpayment 0.85. By amount only: one exact invoice 0.90 (several of that amount 0.60); exact
 *   combination 0.80; within the threshold 0.75; oldest due first 0.50. Nothing allocated (no open item in the
 *   currency, or the referenced invoices are in another one) 0.50.
 */
import { currencyDecimals, dec, Decimal, toMoneyString } from '@shared/decimal';

export type OpenItem = {
  id: string;
  number: string;
  type: 'invoice' | 'credit_note';
  customerId: string;
  customerReference: string | null;
  issueDate: string;
  dueDate: string | null;
  /** positive; a credit note's is what it can still offset */
  amountDue: string;
  currency: string;
};
export type CustomerFacts = { id: string; code: string; name: string; ibans: string[] };
export type IncomingPayment = {
  /** positive */
  amount: string;
  currency: string;
  date: string;
  /** label, remittance lines */
  texts: string[];
  structuredReference: string | null;
  payerName: string | null;
  payerIban: string | null;
  /** known when entered by hand */
  customerId?: string | null;
};
/** Stable reason codes, in the order they were established. */
export type MatchReason =
  | 'invoice_number'
  | 'credit_note_number'
  | 'structured_reference'
  | 'customer_reference'
  | 'customer_given'
  | 'payer_iban'
  | 'payer_name'
  | 'customer_code'
  | 'name_in_text'
  | 'payer_mismatch'
  | 'ambiguous_customer'
  | 'unknown_payer'
  | 'currency_mismatch'
  | 'no_open_items'
  | 'exact_amount'
  | 'ambiguous_amount'
  | 'amount_combination'
  | 'credit_note_offset'
  | 'small_difference'
  | 'oldest_first'
  | 'partial'
  | 'overpayment';
export type Allocation = { itemId: string; amount: string };
export type MatchSuggestion = {
  customerId: string | null;
  allocations: Allocation[];
  unallocated: string;
  /** what stays open on `itemId` (the last invoice allocated) once the payment is applied, to write off */
  writeOff: { itemId: string; amount: string; reason: 'small_difference' } | null;
  /** '0.00'..'1.00' */
  confidence: string;
  reasons: MatchReason[];
};
export type MatchOptions = { writeOffThreshold?: string; maxCombination?: number };

const DEFAULT_WRITE_OFF_THRESHOLD = '1.00';
const DEFAULT_MAX_COMBINATION = 12;
const MAX_COMBINATION_CAP = 16;
const MIN_KEY_LENGTH = 4;
const MAX_KEY_LENGTH = 40;

/**
 * Allocate `amount` to the invoices, oldest due first (due date, else issue date; then issue date, number, id).
 * Credit notes and items with nothing due are skipped; what is left is unallocated credit. Amounts are formatted
 * with the items' currency minor units (or more when the inputs carry more decimals).
 */
export function allocateOldestFirst(
  amount: string,
  items: OpenItem[],
): { allocations: Allocation[]; unallocated: string } {
  const total = dec(amount);
  if (total.lessThan(0)) throw new RangeError('amount must not be negative');
  const decimals = decimalsOf(items[0]?.currency ?? 'EUR', [amount, ...items.map((i) => i.amountDue)]);
  const invoices = sortOldestFirst(items.filter((i) => i.type === 'invoice' && dec(i.amountDue).greaterThan(0)));
  const { allocations, rest } = oldestFirst(total, invoices);
  return {
    allocations: allocations.map((a) => ({ itemId: a.item.id, amount: toMoneyString(a.amount, decimals) })),
    unallocated: toMoneyString(rest, decimals),
  };
}

/** Suggest how `p` settles `items` (see the module comment for the rules and the confidence). */
export function suggestMatch(
  p: IncomingPayment,
  items: OpenItem[],
  customers: CustomerFacts[],
  opts: MatchOptions = {},
): MatchSuggestion {
  const amount = dec(p.amount);
  if (amount.lessThanOrEqualTo(0)) throw new RangeError('payment amount must be positive');
  const threshold = dec(opts.writeOffThreshold ?? DEFAULT_WRITE_OFF_THRESHOLD);
  if (threshold.lessThan(0)) throw new RangeError('writeOffThreshold must not be negative');
  const maxCombination = Math.max(
    0,
    Math.min(MAX_COMBINATION_CAP, Math.floor(opts.maxCombination ?? DEFAULT_MAX_COMBINATION)),
  );
  const currency = normCurrency(p.currency);
  const decimals = decimalsOf(currency, [
    p.amount,
    ...items.filter((i) => normCurrency(i.currency) === currency).map((i) => i.amountDue),
  ]);
  const reasons: MatchReason[] = [];
  const reason = (r: MatchReason): void => {
    if (!reasons.includes(r)) reasons.push(r);
  };
  const noMatch = (customerId: string | null, customerScore: Decimal, allocScore: Decimal): MatchSuggestion => ({
    customerId,
    allocations: [],
    unallocated: toMoneyString(amount, decimals),
    writeOff: null,
    confidence: confidenceOf(customerScore, allocScore),
    reasons,
  });

  const open = items.filter((i) => dec(i.amountDue).greaterThan(0));
  const given = p.customerId ?? null;
  const pool = given === null ? open : open.filter((i) => i.customerId === given);
  const textTokens = tokenize(p.texts);
  const refs = findReferences(textTokens, tokenize(structuredTexts(p.structuredReference)), pool);
  const payer = given === null ? identifyPayer(p, customers, textTokens) : null;

  // --- customer and named items
  let customerId: string | null = given;
  let customerScore = new Decimal(given === null ? 0 : 1);
  if (given !== null) reason('customer_given');
  const numbered = pool.filter((i) => refs.numbers.has(i.id));
  const byPo = pool.filter((i) => refs.pos.has(i.id));
  const referenced = numbered.length > 0 ? numbered : byPo;
  const refScore = new Decimal(numbered.length > 0 ? '1.00' : '0.95');
  let named: OpenItem[] = [];
  if (referenced.length > 0) {
    const refCustomers = unique(referenced.map((i) => i.customerId));
    if (given === null) {
      if (refCustomers.length === 1) {
        customerId = refCustomers[0]!;
        customerScore = refScore;
      } else if (payer?.customerId != null && refCustomers.includes(payer.customerId)) {
        customerId = payer.customerId;
        customerScore = refScore;
      } else {
        for (const i of referenced) reason(refReason(i, refs));
        reason('ambiguous_customer');
        return noMatch(null, new Decimal(0), new Decimal(0));
      }
    }
    named = referenced.filter((i) => i.customerId === customerId);
    for (const i of named) reason(refReason(i, refs));
    if (payer?.customerId != null) {
      if (payer.customerId === customerId) payer.reasons.forEach(reason);
      else {
        reason('payer_mismatch');
        customerScore = customerScore.times('0.90');
      }
    }
  } else if (given === null) {
    if (payer === null || payer.customerId === null) {
      reason(payer?.ambiguous ? 'ambiguous_customer' : 'unknown_payer');
      return noMatch(null, new Decimal(0), new Decimal(0));
    }
    customerId = payer.customerId;
    customerScore = payer.score;
    payer.reasons.forEach(reason);
  }

  // --- items in the payment's currency
  const inCurrency = (i: OpenItem): boolean => normCurrency(i.currency) === currency;
  const namedHere = named.filter(inCurrency);
  if (namedHere.length < named.length) reason('currency_mismatch');
  const customerItems = open.filter((i) => i.customerId === customerId);
  const candidates = sortOldestFirst(customerItems.filter(inCurrency));
  const ctx: PlanContext = { amount, threshold, maxCombination, candidates };
  let plan: Plan | null = null;
  if (namedHere.some((i) => i.type === 'invoice')) plan = planNamed(ctx, sortOldestFirst(namedHere));
  else if (named.some((i) => i.type === 'invoice')) {
    // The invoices the payer names are in another currency: do not reinterpret the payment against other items.
    return noMatch(customerId, customerScore, new Decimal('0.50'));
  }
  if (plan === null) {
    if (!candidates.some((i) => i.type === 'invoice')) {
      if (customerItems.some((i) => !inCurrency(i))) reason('currency_mismatch');
      reason('no_open_items');
      return noMatch(customerId, customerScore, new Decimal('0.50'));
    }
    plan = planByAmount(ctx);
  }
  plan.reasons.forEach(reason);

  return {
    customerId,
    allocations: plan.allocations.map((a) => ({ itemId: a.item.id, amount: toMoneyString(a.amount, decimals) })),
    unallocated: toMoneyString(plan.unallocated, decimals),
    writeOff:
      plan.writeOff === null
        ? null
        : {
            itemId: plan.writeOff.item.id,
            amount: toMoneyString(plan.writeOff.amount, decimals),
            reason: 'small_difference',
          },
    confidence: confidenceOf(customerScore, plan.score),
    reasons,
  };
}

// ---------------------------------------------------------------------------------------------- allocation plans

type ItemAllocation = { item: OpenItem; amount: Decimal };
type Plan = {
  allocations: ItemAllocation[];
  unallocated: Decimal;
  writeOff: ItemAllocation | null;
  score: Decimal;
  reasons: MatchReason[];
};
type PlanContext = { amount: Decimal; threshold: Decimal; maxCombination: number; candidates: OpenItem[] };

const ZERO = new Decimal(0);
const signed = (i: OpenItem): Decimal => (i.type === 'credit_note' ? dec(i.amountDue).negated() : dec(i.amountDue));
const sumSigned = (list: OpenItem[]): Decimal => list.reduce((s, i) => s.plus(signed(i)), ZERO);

/**
 * Settle `items` (sorted oldest first) with the payment: credit notes in full, then the invoices oldest due first
 * with the payment plus those credit notes; what is left is unallocated. When `writeOffUpTo` is given and only the
 * last invoice stays partly open by at most that much, that rest is the write-off.
 */
function settle(
  items: OpenItem[],
  amount: Decimal,
  score: string,
  reasons: MatchReason[],
  writeOffUpTo: Decimal | null = null,
): Plan {
  const credits = items.filter((i) => i.type === 'credit_note');
  const invoices = items.filter((i) => i.type === 'invoice');
  const available = credits.reduce((s, i) => s.plus(dec(i.amountDue)), amount);
  const { allocations, rest } = oldestFirst(available, invoices);
  let writeOff: ItemAllocation | null = null;
  const last = allocations[allocations.length - 1];
  if (writeOffUpTo !== null && last !== undefined && allocations.length === invoices.length) {
    const left = dec(last.item.amountDue).minus(last.amount);
    if (left.greaterThan(0) && left.lessThanOrEqualTo(writeOffUpTo)) writeOff = { item: last.item, amount: left };
  }
  return {
    allocations: [...credits.map((item) => ({ item, amount: dec(item.amountDue) })), ...allocations],
    unallocated: rest,
    writeOff,
    score: new Decimal(score),
    reasons,
  };
}

/** Plan for the items named by a reference (at least one invoice among them). */
function planNamed(ctx: PlanContext, named: OpenItem[]): Plan {
  const { amount, threshold } = ctx;
  const diff = amount.minus(sumSigned(named));
  if (diff.isZero()) return settle(named, amount, '1.00', ['exact_amount']);
  if (diff.greaterThan(0)) {
    return diff.lessThanOrEqualTo(threshold)
      ? settle(named, amount, '0.95', ['small_difference', 'overpayment'])
      : settle(named, amount, '0.85', ['overpayment']);
  }
  const ids = new Set(named.map((i) => i.id));
  const otherCredits = ctx.candidates
    .filter((i) => i.type === 'credit_note' && !ids.has(i.id))
    .slice(0, ctx.maxCombination);
  const pick = bestSubset(
    otherCredits.map((i) => dec(i.amountDue)),
    diff.negated(),
    ZERO,
    1,
    () => true,
  );
  if (pick !== null) {
    const used = pick.indices.map((n) => otherCredits[n]!);
    return settle(sortOldestFirst([...named, ...used]), amount, '0.95', ['credit_note_offset']);
  }
  if (diff.negated().lessThanOrEqualTo(threshold)) {
    return settle(named, amount, '0.95', ['small_difference'], threshold);
  }
  return settle(named, amount, '0.85', ['partial']);
}

/** Plan by amount within the customer's open items in the currency (at least one invoice among them). */
function planByAmount(ctx: PlanContext): Plan {
  const { amount, threshold, candidates } = ctx;
  const invoices = candidates.filter((i) => i.type === 'invoice');

  const exact = invoices.filter((i) => dec(i.amountDue).equals(amount));
  if (exact.length === 1) return settle(exact, amount, '0.90', ['exact_amount']);
  if (exact.length > 1) return settle(exact.slice(0, 1), amount, '0.60', ['exact_amount', 'ambiguous_amount']);

  const creditTotal = candidates
    .filter((i) => i.type === 'credit_note')
    .reduce((s, i) => s.plus(dec(i.amountDue)), ZERO);
  const ceiling = amount.plus(threshold).plus(creditTotal);
  const pool = candidates
    .filter((i) => i.type === 'credit_note' || dec(i.amountDue).lessThanOrEqualTo(ceiling))
    .slice(0, ctx.maxCombination);
  const values = pool.map(signed);
  const hasInvoice = (indices: number[]): boolean => indices.some((n) => pool[n]!.type === 'invoice');
  const withCredits = (chosen: OpenItem[], base: MatchReason[]): MatchReason[] =>
    chosen.some((i) => i.type === 'credit_note') ? [...base, 'credit_note_offset'] : base;

  const exactSet = bestSubset(values, amount, ZERO, 2, hasInvoice);
  if (exactSet !== null) {
    const chosen = exactSet.indices.map((n) => pool[n]!);
    return settle(chosen, amount, '0.80', withCredits(chosen, ['amount_combination']));
  }
  if (threshold.greaterThan(0)) {
    const near = bestSubset(values, amount, threshold, 1, hasInvoice);
    if (near !== null) {
      const chosen = near.indices.map((n) => pool[n]!);
      const over = amount.greaterThan(sumSigned(chosen));
      const reasons: MatchReason[] = [
        ...(chosen.length > 1 ? (['amount_combination'] as const) : []),
        'small_difference',
        ...(over ? (['overpayment'] as const) : []),
      ];
      return settle(chosen, amount, '0.75', withCredits(chosen, reasons), threshold);
    }
  }

  const settled = settle(invoices, amount, '0.50', ['oldest_first']);
  const last = settled.allocations[settled.allocations.length - 1];
  if (last !== undefined && last.amount.lessThan(dec(last.item.amountDue))) settled.reasons.push('partial');
  if (settled.unallocated.greaterThan(0)) settled.reasons.push('overpayment');
  return settled;
}

function oldestFirst(amount: Decimal, invoices: OpenItem[]): { allocations: ItemAllocation[]; rest: Decimal } {
  let rest = amount;
  const allocations: ItemAllocation[] = [];
  for (const item of invoices) {
    if (rest.lessThanOrEqualTo(0)) break;
    const take = Decimal.min(rest, dec(item.amountDue));
    if (take.lessThanOrEqualTo(0)) continue;
    allocations.push({ item, amount: take });
    rest = rest.minus(take);
  }
  return { allocations, rest };
}

/**
 * The best subset of `values` (at least `minSize` of them, accepted by `accept`) whose sum is within `tolerance` of
 * `target`: smallest |difference|, then fewest items, then the lowest indices (the oldest items). Exhaustive over
 * the 2^n subsets; callers bound n.
 */
function bestSubset(
  values: Decimal[],
  target: Decimal,
  tolerance: Decimal,
  minSize: number,
  accept: (indices: number[]) => boolean,
): { indices: number[]; diff: Decimal } | null {
  const n = values.length;
  if (n === 0) return null;
  const sums: Decimal[] = new Array<Decimal>(1 << n);
  const sizes: number[] = new Array<number>(1 << n);
  sums[0] = new Decimal(0);
  sizes[0] = 0;
  let best: { mask: number; size: number; diff: Decimal } | null = null;
  for (let mask = 1; mask < 1 << n; mask++) {
    const low = mask & -mask;
    const bit = 31 - Math.clz32(low);
    sums[mask] = sums[mask ^ low]!.plus(values[bit]!);
    sizes[mask] = sizes[mask ^ low]! + 1;
    const size = sizes[mask]!;
    if (size < minSize) continue;
    const diff = sums[mask]!.minus(target).abs();
    if (diff.greaterThan(tolerance)) continue;
    if (best !== null) {
      const c = diff.comparedTo(best.diff);
      if (c > 0 || (c === 0 && size > best.size)) continue;
      if (c === 0 && size === best.size && !olderMask(mask, best.mask)) continue;
    }
    const indices = indicesOf(mask, n);
    if (!accept(indices)) continue;
    best = { mask, size, diff };
  }
  return best === null ? null : { indices: indicesOf(best.mask, n), diff: best.diff };
}

/** True when mask `a` holds the lowest index where `a` and `b` differ (same size: `a` has the older items). */
function olderMask(a: number, b: number): boolean {
  const x = a ^ b;
  return (a & x & -x) !== 0;
}

function indicesOf(mask: number, n: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < n; k++) if (mask & (1 << k)) out.push(k);
  return out;
}

function sortOldestFirst(list: OpenItem[]): OpenItem[] {
  const key = (i: OpenItem): string => i.dueDate ?? i.issueDate;
  return [...list].sort(
    (a, b) => cmp(key(a), key(b)) || cmp(a.issueDate, b.issueDate) || cmp(a.number, b.number) || cmp(a.id, b.id),
  );
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

// ---------------------------------------------------------------------------------------------- references

type Token = { text: string; digits: boolean; joinNext: boolean; standalone: boolean; inAmount: boolean };
type Span = { start: number; end: number };
type References = { numbers: Map<string, 'text' | 'structured'>; pos: Set<string> };

function refReason(i: OpenItem, refs: References): MatchReason {
  if (refs.numbers.get(i.id) === 'structured') return 'structured_reference';
  if (refs.numbers.has(i.id)) return i.type === 'credit_note' ? 'credit_note_number' : 'invoice_number';
  return 'customer_reference';
}

function structuredTexts(ref: string | null): string[] {
  if (ref === null) return [];
  const compact = ref.replace(/\s+/g, '').toUpperCase();
  return [/^RF\d{2}/.test(compact) ? compact.slice(4) : ref];
}

/** Upper case without accents. */
function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase();
}

/** Tokens of the texts: runs of letters A–Z or digits, with how they join their neighbours. */
function tokenize(texts: string[]): Token[] {
  const out: Token[] = [];
  for (const text of texts) {
    const t = fold(text);
    const re = /[A-Z]+|\d+/g;
    let prev: { token: Token; end: number } | null = null;
    if (out.length > 0) out[out.length - 1]!.joinNext = true; // a reference may wrap over two label lines
    for (let m = re.exec(t); m !== null; m = re.exec(t)) {
      const token: Token = {
        text: m[0],
        digits: /\d/.test(m[0][0]!),
        joinNext: false,
        standalone: true,
        inAmount: false,
      };
      if (prev !== null) {
        const gap = t.slice(prev.end, m.index);
        const bothDigits = prev.token.digits && token.digits;
        prev.token.joinNext =
          gap === '' || /^[\s\-_/\\]+$/.test(gap) || (/^[\s.]+$/.test(gap) && !bothDigits && gap.includes('.'));
        if (gap === '') {
          prev.token.standalone = false;
          token.standalone = false;
        }
        if (bothDigits && /^[.,]$/.test(gap)) {
          prev.token.inAmount = true;
          token.inAmount = true;
        }
      }
      out.push(token);
      prev = { token, end: m.index + m[0].length };
    }
  }
  return out;
}

/** Every concatenation of joined consecutive tokens (up to MAX_KEY_LENGTH characters) → its token spans. */
function indexTokens(tokens: Token[]): Map<string, Span[]> {
  const index = new Map<string, Span[]>();
  for (let start = 0; start < tokens.length; start++) {
    let key = '';
    for (let end = start; end < tokens.length; end++) {
      key += tokens[end]!.text;
      if (key.length > MAX_KEY_LENGTH) break;
      const spans = index.get(key);
      if (spans) spans.push({ start, end: end + 1 });
      else index.set(key, [{ start, end: end + 1 }]);
      if (!tokens[end]!.joinNext) break;
    }
  }
  return index;
}

const keyOf = (s: string): string => (fold(s).match(/[A-Z]+|\d+/g) ?? []).join('');

/** Digits of a number after its leading letters ("FA-2026-00012" → "202600012"), or null. */
function digitsKeyOf(number: string): string | null {
  const parts = fold(number).match(/[A-Z]+|\d+/g) ?? [];
  const first = parts.findIndex((x) => /^\d/.test(x));
  if (first <= 0 || parts.slice(first).some((x) => !/^\d/.test(x))) return null;
  const digits = parts.slice(first).join('');
  return digits.length >= 6 ? digits : null;
}

/** Series and trailing sequence of a number: "FA-2026-00012" → ["FA2026", "00012"]. */
function seriesOf(number: string): [string, string] | null {
  const parts = fold(number).match(/[A-Z]+|\d+/g) ?? [];
  const seq = parts[parts.length - 1];
  return parts.length >= 2 && seq !== undefined && /^\d/.test(seq) ? [parts.slice(0, -1).join(''), seq] : null;
}

const stripZeros = (s: string): string => s.replace(/^0+(?=\d)/, '');

function findReferences(textTokens: Token[], structuredTokens: Token[], items: OpenItem[]): References {
  const keyed = items.map((item) => ({
    item,
    key: keyOf(item.number),
    digitsKey: digitsKeyOf(item.number),
    series: seriesOf(item.number),
  }));
  const digitsKeyCount = new Map<string, number>();
  for (const k of keyed)
    if (k.digitsKey !== null) digitsKeyCount.set(k.digitsKey, (digitsKeyCount.get(k.digitsKey) ?? 0) + 1);
  // series → sequence without leading zeros → items ("FA2026" → "12" → FA-2026-00012)
  const bySeries = new Map<string, Map<string, typeof keyed>>();
  for (const k of keyed) {
    if (k.series === null) continue;
    const [series, seq] = k.series;
    const seqs = bySeries.get(series) ?? new Map<string, typeof keyed>();
    bySeries.set(series, seqs);
    seqs.set(stripZeros(seq), [...(seqs.get(stripZeros(seq)) ?? []), k]);
  }

  const numbers = new Map<string, 'text' | 'structured'>();
  for (const [source, tokens] of [
    ['structured', structuredTokens],
    ['text', textTokens],
  ] as const) {
    const index = indexTokens(tokens);
    const used = new Set<number>();
    const matchedSeries = new Set<string>();
    for (const k of keyed) {
      const spans =
        (k.key.length >= MIN_KEY_LENGTH ? index.get(k.key) : undefined) ??
        (k.digitsKey !== null && digitsKeyCount.get(k.digitsKey) === 1 ? index.get(k.digitsKey) : undefined);
      if (!spans) continue;
      if (!numbers.has(k.item.id)) numbers.set(k.item.id, source);
      for (const span of spans) for (let t = span.start; t < span.end; t++) used.add(t);
      if (k.series !== null) matchedSeries.add(k.series[0]);
    }
    // Short forms: "FA-2026-00012 ET 00013" / "ET 13" within a series already named in full.
    tokens.forEach((t, n) => {
      if (!t.digits || !t.standalone || t.inAmount || used.has(n)) return;
      for (const series of matchedSeries) {
        for (const k of bySeries.get(series)?.get(stripZeros(t.text)) ?? []) {
          if (numbers.has(k.item.id)) continue;
          if (t.text === k.series![1] || t.text.length >= 2) numbers.set(k.item.id, source);
        }
      }
    });
  }

  const pos = new Set<string>();
  const textIndex = indexTokens(textTokens);
  const structuredIndex = indexTokens(structuredTokens);
  for (const i of items) {
    if (i.customerReference === null) continue;
    const key = keyOf(i.customerReference);
    if (key.length < MIN_KEY_LENGTH || !/\d/.test(key)) continue;
    if (textIndex.has(key) || structuredIndex.has(key)) pos.add(i.id);
  }
  return { numbers, pos };
}

// ---------------------------------------------------------------------------------------------- payer

type PayerResult = { customerId: string | null; ambiguous: boolean; reasons: MatchReason[]; score: Decimal };
type Signal = { reason: MatchReason; match: (candidates: CustomerFacts[]) => { ids: string[]; score: string } };

const LEGAL_FORMS = new Set(
  (
    'SA SAS SASU SARL EURL SNC SCS SCA SCI SCOP SCP SELARL SELAS SEM GIE EIRL ETS ETABLISSEMENTS ETABLISSEMENT STE ' +
    'SOCIETE CIE GMBH MBH AG KG KGAA OHG UG SE SPA SRL SRLS SAPA BV NV BVBA SPRL SC LTD LIMITED PLC LLP LLC INC ' +
    'CORP CORPORATION CO SL SLU SAU AB AS ASA OY OYJ APS SP ZOO KFT SRO'
  ).split(' '),
);
const STOP_WORDS = new Set('LE LA LES DE DU DES ET AU AUX THE AND OF UND DER DIE DAS VON VAN DEN'.split(' '));

/** Significant words of a company name: upper case, no accents, no legal form, article or one-letter word. */
function nameWords(name: string): string[] {
  return (fold(name).match(/[A-Z0-9]+/g) ?? []).filter(
    (w) => w.length > 1 && !LEGAL_FORMS.has(w) && !STOP_WORDS.has(w),
  );
}

function containsRun(haystack: string[], needle: string[]): boolean {
  if (needle.length === 0 || needle.length > haystack.length) return false;
  outer: for (let s = 0; s + needle.length <= haystack.length; s++) {
    for (let k = 0; k < needle.length; k++) if (haystack[s + k] !== needle[k]) continue outer;
    return true;
  }
  return false;
}

/** 3 exact, 2 truncated or contained, 1 close spelling, 0 different. */
function nameRank(payer: string[], customer: string[]): number {
  const p = payer.join('');
  const c = customer.join('');
  if (p.length < 3 || c.length < 3) return 0;
  if (p === c) return 3;
  const shorter = Math.min(p.length, c.length);
  if (shorter >= 5) {
    if (p.length >= 8 && c.startsWith(p)) return 2; // bank labels truncate names
    const inner = payer.length < customer.length ? payer : customer;
    const outer = inner === payer ? customer : payer;
    if (containsRun(outer, inner)) return 2;
    if (levenshtein(p, c) <= Math.floor(Math.max(p.length, c.length) * 0.15)) return 1;
  }
  return 0;
}

function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, k) => k);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}

const normIban = (s: string): string => s.replace(/[^0-9A-Za-z]/g, '').toUpperCase();

function identifyPayer(p: IncomingPayment, customers: CustomerFacts[], textTokens: Token[]): PayerResult {
  const textIndex = indexTokens(textTokens);
  const textWords = p.texts.map(nameWords);
  const signals: Signal[] = [
    {
      reason: 'payer_iban',
      match: (cands) => {
        const iban = p.payerIban === null ? '' : normIban(p.payerIban);
        const ids = iban === '' ? [] : cands.filter((c) => c.ibans.some((x) => normIban(x) === iban)).map((c) => c.id);
        return { ids, score: '0.95' };
      },
    },
    {
      reason: 'payer_name',
      match: (cands) => {
        const payer = p.payerName === null ? [] : nameWords(p.payerName);
        if (payer.length === 0) return { ids: [], score: '0' };
        const ranked = cands.map((c) => ({ id: c.id, rank: nameRank(payer, nameWords(c.name)) }));
        const best = Math.max(0, ...ranked.map((r) => r.rank));
        const ids = best === 0 ? [] : ranked.filter((r) => r.rank === best).map((r) => r.id);
        return { ids, score: best === 3 ? '0.90' : '0.80' };
      },
    },
    {
      reason: 'customer_code',
      match: (cands) => {
        const ids = cands
          .filter((c) => {
            const key = keyOf(c.code);
            return key.length >= MIN_KEY_LENGTH && /\d/.test(key) && textIndex.has(key);
          })
          .map((c) => c.id);
        return { ids, score: '0.90' };
      },
    },
    {
      reason: 'name_in_text',
      match: (cands) => {
        const found = cands
          .map((c) => ({ id: c.id, words: nameWords(c.name) }))
          .filter((c) => c.words.join('').length >= 5 && textWords.some((t) => containsRun(t, c.words)));
        const longest = Math.max(0, ...found.map((c) => c.words.join('').length));
        return { ids: found.filter((c) => c.words.join('').length === longest).map((c) => c.id), score: '0.80' };
      },
    },
  ];

  let candidates = customers;
  let narrowed = false;
  const hits: { reason: MatchReason; ids: string[]; score: string }[] = [];
  for (const signal of signals) {
    const { ids, score } = signal.match(candidates);
    if (ids.length === 0) continue;
    hits.push({ reason: signal.reason, ids, score });
    if (ids.length === 1) {
      const id = ids[0]!;
      const mine = hits.filter((h) => h.ids.includes(id));
      const best = mine.reduce((m, h) => Decimal.max(m, new Decimal(h.score)), new Decimal(0));
      return { customerId: id, ambiguous: false, reasons: mine.map((h) => h.reason), score: best };
    }
    const keep = new Set(ids);
    candidates = candidates.filter((c) => keep.has(c.id));
    narrowed = true;
  }
  return { customerId: null, ambiguous: narrowed, reasons: [], score: new Decimal(0) };
}

// ---------------------------------------------------------------------------------------------- helpers

function confidenceOf(customerScore: Decimal, allocScore: Decimal): string {
  return toMoneyString(Decimal.min(1, customerScore.times(allocScore)), 2);
}

const normCurrency = (c: string): string => c.trim().toUpperCase();

function decimalsOf(currency: string, amounts: string[]): number {
  const scale = Math.max(0, ...amounts.map((a) => a.split('.')[1]?.length ?? 0));
  return Math.max(currencyDecimals(currency), scale);
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
