import { describe, expect, it } from 'vitest';
import { dec } from '@shared/decimal';
import {
  allocateOldestFirst,
  suggestMatch,
  type CustomerFacts,
  type IncomingPayment,
  type MatchOptions,
  type MatchReason,
  type MatchSuggestion,
  type OpenItem,
} from './matching';

// --- fixtures: five customers, their open items (EUR unless said otherwise)
const customers: CustomerFacts[] = [
  { id: 'brico', code: 'CLI-0042', name: 'Bricodis SAS', ibans: ['FR76 3000 4000 0312 3456 7890 143'] },
  { id: 'jardi', code: 'CLI-0043', name: 'Les Jardins de Provence SARL', ibans: ['FR7630006000011234567890189'] },
  { id: 'durand', code: 'CLI-0050', name: 'Matériaux Durand & Fils', ibans: [] },
  { id: 'nord', code: 'CLI-0060', name: 'Bricomax Nord', ibans: ['DE89370400440532013000'] },
  { id: 'sud', code: 'CLI-0061', name: 'Bricomax Sud', ibans: ['DE89 3704 0044 0532 0130 00'] },
];
const BRICO_IBAN = 'FR7630004000031234567890143';
const JARDI_IBAN = 'fr76 3000 6000 0112 3456 7890 189';
const GROUP_IBAN = 'DE89370400440532013000';

let seq = 0;
function item(
  number: string,
  customerId: string,
  amountDue: string,
  dueDate: string | null,
  o: Partial<OpenItem> = {},
): OpenItem {
  seq += 1;
  return {
    id: number,
    number,
    type: number.startsWith('AV') ? 'credit_note' : 'invoice',
    customerId,
    customerReference: null,
    issueDate: dueDate === null ? '2026-03-20' : `2026-01-${String(seq).padStart(2, '0')}`,
    dueDate,
    amountDue,
    currency: 'EUR',
    ...o,
  };
}
const items: OpenItem[] = [
  item('FA-2026-00012', 'brico', '1200.00', '2026-03-16', { customerReference: 'PO-458812' }),
  item('FA-2026-00013', 'brico', '850.50', '2026-03-31'),
  item('FA-2026-00020', 'brico', '300.00', '2026-04-15'),
  item('AV-2026-00003', 'brico', '150.50', null),
  item('FA-2026-0001', 'jardi', '1200.00', '2026-02-28'),
  item('FA-2026-00030', 'jardi', '480.00', '2026-04-10'),
  item('FA-2026-00031', 'jardi', '720.00', '2026-04-30'),
  item('FA-2026-00040', 'durand', '2000.00', '2026-03-01'),
  item('FA-2026-00041', 'durand', '1000.00', '2026-03-15', { currency: 'USD' }),
  item('FA-2026-00050', 'nord', '1200.00', '2026-03-10'),
  item('FA-2026-00051', 'sud', '1200.00', '2026-03-10'),
  item('FA-2026-00052', 'sud', '0.00', '2026-01-10'), // paid: never allocated
];

function pay(amount: string, texts: string[], o: Partial<IncomingPayment> = {}): IncomingPayment {
  return {
    amount,
    currency: 'EUR',
    date: '2026-04-20',
    texts,
    structuredReference: null,
    payerName: null,
    payerIban: null,
    ...o,
  };
}

type Expected = {
  customerId: string | null;
  /** itemId → amount, in order */
  alloc: [string, string][];
  unallocated: string;
  writeOff?: [string, string] | null;
  confidence: string;
  reasons: MatchReason[];
};
type Case = [name: string, payment: IncomingPayment, expected: Expected, opts?: MatchOptions];

const cases: Case[] = [
  // --- references in the texts
  [
    'two invoices in a messy SEPA label, the second as a short form',
    pay('2050.50', ['VIR SEPA BRICODIS FACT FA-2026-00012 ET 00013']),
    {
      customerId: 'brico',
      alloc: [
        ['FA-2026-00012', '1200.00'],
        ['FA-2026-00013', '850.50'],
      ],
      unallocated: '0.00',
      confidence: '1.00',
      reasons: ['invoice_number', 'name_in_text', 'exact_amount'],
    },
  ],
  [
    'spaced number, lower case, in a remittance line',
    pay('1200.00', ['VIREMENT RECU', 'reglement fa 2026 00012 merci'], { payerIban: BRICO_IBAN }),
    {
      customerId: 'brico',
      alloc: [['FA-2026-00012', '1200.00']],
      unallocated: '0.00',
      confidence: '1.00',
      reasons: ['invoice_number', 'payer_iban', 'exact_amount'],
    },
  ],
  [
    'compact number FA202600012 does not also name FA-2026-0001 (same amount, other customer)',
    pay('1200.00', ['PRLV/FA202600012/']),
    {
      customerId: 'brico',
      alloc: [['FA-2026-00012', '1200.00']],
      unallocated: '0.00',
      confidence: '1.00',
      reasons: ['invoice_number', 'exact_amount'],
    },
  ],
  [
    'FA-2026-0001 names only itself, not FA-2026-00012',
    pay('1200.00', ['REGLT FACTURE FA-2026-0001 DU 28/02']),
    {
      customerId: 'jardi',
      alloc: [['FA-2026-0001', '1200.00']],
      unallocated: '0.00',
      confidence: '1.00',
      reasons: ['invoice_number', 'exact_amount'],
    },
  ],
  [
    'a longer number FA-2026-000123 names nothing: matched by IBAN and amount instead',
    pay('1200.00', ['FACT FA-2026-000123'], { payerIban: BRICO_IBAN }),
    {
      customerId: 'brico',
      alloc: [['FA-2026-00012', '1200.00']],
      unallocated: '0.00',
      confidence: '0.86',
      reasons: ['payer_iban', 'exact_amount'],
    },
  ],
  [
    'structured reference (ISO 11649 RF prefix dropped)',
    pay('850.50', ['VIR SEPA'], { structuredReference: 'RF18 FA20 2600 013' }),
    {
      customerId: 'brico',
      alloc: [['FA-2026-00013', '850.50']],
      unallocated: '0.00',
      confidence: '1.00',
      reasons: ['structured_reference', 'exact_amount'],
    },
  ],
  [
    'digits without the series prefix ("Facture 2026-00013")',
    pay('850.50', ['Paiement facture 2026-00013']),
    {
      customerId: 'brico',
      alloc: [['FA-2026-00013', '850.50']],
      unallocated: '0.00',
      confidence: '1.00',
      reasons: ['invoice_number', 'exact_amount'],
    },
  ],
  [
    'reference wrapped over two label lines',
    pay('850.50', ['VIR SEPA DE BRICODIS FACT FA-2026-', '00013 ECHEANCE MARS']),
    {
      customerId: 'brico',
      alloc: [['FA-2026-00013', '850.50']],
      unallocated: '0.00',
      confidence: '1.00',
      reasons: ['invoice_number', 'name_in_text', 'exact_amount'],
    },
  ],
  [
    'short form "ET 13" after a full number of the same series',
    pay('2050.50', ['FACTURES FA-2026-00012 ET 13']),
    {
      customerId: 'brico',
      alloc: [
        ['FA-2026-00012', '1200.00'],
        ['FA-2026-00013', '850.50'],
      ],
      unallocated: '0.00',
      confidence: '1.00',
      reasons: ['invoice_number', 'exact_amount'],
    },
  ],
  [
    'an amount "2 013,00" in the label is not a short form of FA-2026-00013',
    pay('1200.00', ['FA-2026-00012 TOTAL REMISE 2 013,00']),
    {
      customerId: 'brico',
      alloc: [['FA-2026-00012', '1200.00']],
      unallocated: '0.00',
      confidence: '1.00',
      reasons: ['invoice_number', 'exact_amount'],
    },
  ],
  [
    'the customer PO reference names the invoice',
    pay('1200.00', ['VIREMENT V/CDE PO 458812']),
    {
      customerId: 'brico',
      alloc: [['FA-2026-00012', '1200.00']],
      unallocated: '0.00',
      confidence: '0.95',
      reasons: ['customer_reference', 'exact_amount'],
    },
  ],
  // --- credit notes
  [
    'invoice and credit note both named: the credit note offsets',
    pay('1049.50', ['FA-2026-00012 MOINS AVOIR AV-2026-00003']),
    {
      customerId: 'brico',
      alloc: [
        ['AV-2026-00003', '150.50'],
        ['FA-2026-00012', '1200.00'],
      ],
      unallocated: '0.00',
      confidence: '1.00',
      reasons: ['invoice_number', 'credit_note_number', 'exact_amount'],
    },
  ],
  [
    'invoice named, open credit note deducted without being named',
    pay('1049.50', ['FACT FA-2026-00012 DEDUCTION AVOIR']),
    {
      customerId: 'brico',
      alloc: [
        ['AV-2026-00003', '150.50'],
        ['FA-2026-00012', '1200.00'],
      ],
      unallocated: '0.00',
      confidence: '0.95',
      reasons: ['invoice_number', 'credit_note_offset'],
    },
  ],
  [
    'no reference: invoice minus credit note found as a combination',
    pay('1049.50', ['VIR SEPA'], { payerName: 'BRICODIS S.A.S.' }),
    {
      customerId: 'brico',
      alloc: [
        ['AV-2026-00003', '150.50'],
        ['FA-2026-00012', '1200.00'],
      ],
      unallocated: '0.00',
      confidence: '0.72',
      reasons: ['payer_name', 'amount_combination', 'credit_note_offset'],
    },
  ],
  // --- partial, over, write-off
  [
    'partial payment of a named invoice',
    pay('500.00', ['ACOMPTE FA-2026-00012']),
    {
      customerId: 'brico',
      alloc: [['FA-2026-00012', '500.00']],
      unallocated: '0.00',
      confidence: '0.85',
      reasons: ['invoice_number', 'partial'],
    },
  ],
  [
    'partial payment of two named invoices: oldest due first, the last one partly open',
    pay('1500.00', ['FA-2026-00013 FA-2026-00012']),
    {
      customerId: 'brico',
      alloc: [
        ['FA-2026-00012', '1200.00'],
        ['FA-2026-00013', '300.00'],
      ],
      unallocated: '0.00',
      confidence: '0.85',
      reasons: ['invoice_number', 'partial'],
    },
  ],
  [
    'overpayment of a named invoice: the rest is unallocated credit',
    pay('900.00', ['FA-2026-00013']),
    {
      customerId: 'brico',
      alloc: [['FA-2026-00013', '850.50']],
      unallocated: '49.50',
      confidence: '0.85',
      reasons: ['invoice_number', 'overpayment'],
    },
  ],
  [
    '0.35 € bank fees withheld: write-off instead of 0.35 left open',
    pay('1199.65', ['VIR FA-2026-00012 FRAIS']),
    {
      customerId: 'brico',
      alloc: [['FA-2026-00012', '1199.65']],
      unallocated: '0.00',
      writeOff: ['FA-2026-00012', '0.35'],
      confidence: '0.95',
      reasons: ['invoice_number', 'small_difference'],
    },
  ],
  [
    'write-off on the last of two named invoices',
    pay('2050.00', ['FA-2026-00012 ET 00013']),
    {
      customerId: 'brico',
      alloc: [
        ['FA-2026-00012', '1200.00'],
        ['FA-2026-00013', '850.00'],
      ],
      unallocated: '0.00',
      writeOff: ['FA-2026-00013', '0.50'],
      confidence: '0.95',
      reasons: ['invoice_number', 'small_difference'],
    },
  ],
  [
    'difference exactly at the threshold (1.00) is written off',
    pay('1199.00', ['FA-2026-00012']),
    {
      customerId: 'brico',
      alloc: [['FA-2026-00012', '1199.00']],
      unallocated: '0.00',
      writeOff: ['FA-2026-00012', '1.00'],
      confidence: '0.95',
      reasons: ['invoice_number', 'small_difference'],
    },
  ],
  [
    'difference of 1.01 is above the threshold: partial, no write-off',
    pay('1198.99', ['FA-2026-00012']),
    {
      customerId: 'brico',
      alloc: [['FA-2026-00012', '1198.99']],
      unallocated: '0.00',
      confidence: '0.85',
      reasons: ['invoice_number', 'partial'],
    },
  ],
  [
    'company threshold 0.20: 0.35 of fees stay open',
    pay('1199.65', ['FA-2026-00012']),
    {
      customerId: 'brico',
      alloc: [['FA-2026-00012', '1199.65']],
      unallocated: '0.00',
      confidence: '0.85',
      reasons: ['invoice_number', 'partial'],
    },
    { writeOffThreshold: '0.20' },
  ],
  [
    'a few cents over: never a write-off, they stay unallocated credit',
    pay('1200.30', ['FA-2026-00012']),
    {
      customerId: 'brico',
      alloc: [['FA-2026-00012', '1200.00']],
      unallocated: '0.30',
      confidence: '0.95',
      reasons: ['invoice_number', 'small_difference', 'overpayment'],
    },
  ],
  [
    'no reference, 0.35 short of one invoice: matched within the threshold',
    pay('479.65', ['VIR SEPA'], { payerIban: JARDI_IBAN }),
    {
      customerId: 'jardi',
      alloc: [['FA-2026-00030', '479.65']],
      unallocated: '0.00',
      writeOff: ['FA-2026-00030', '0.35'],
      confidence: '0.71',
      reasons: ['payer_iban', 'small_difference'],
    },
  ],
  // --- customer by the payer, items by amount
  [
    'payer IBAN (lower case, spaced) and exactly the amount of one invoice',
    pay('480.00', ['VIR SEPA'], { payerIban: JARDI_IBAN }),
    {
      customerId: 'jardi',
      alloc: [['FA-2026-00030', '480.00']],
      unallocated: '0.00',
      confidence: '0.86',
      reasons: ['payer_iban', 'exact_amount'],
    },
  ],
  [
    'combination of two invoices summing exactly to the amount',
    pay('1920.00', ['VIR SEPA'], { payerIban: JARDI_IBAN }),
    {
      customerId: 'jardi',
      alloc: [
        ['FA-2026-0001', '1200.00'],
        ['FA-2026-00031', '720.00'],
      ],
      unallocated: '0.00',
      confidence: '0.76',
      reasons: ['payer_iban', 'amount_combination'],
    },
  ],
  [
    'combination search bounded to one item: oldest due first instead',
    pay('1920.00', ['VIR SEPA'], { payerIban: JARDI_IBAN }),
    {
      customerId: 'jardi',
      alloc: [
        ['FA-2026-0001', '1200.00'],
        ['FA-2026-00030', '480.00'],
        ['FA-2026-00031', '240.00'],
      ],
      unallocated: '0.00',
      confidence: '0.48',
      reasons: ['payer_iban', 'oldest_first', 'partial'],
    },
    { maxCombination: 1 },
  ],
  [
    'no exact amount nor combination: oldest due first, the last one partly paid',
    pay('1600.00', ['VIR SEPA'], { payerIban: BRICO_IBAN }),
    {
      customerId: 'brico',
      alloc: [
        ['FA-2026-00012', '1200.00'],
        ['FA-2026-00013', '400.00'],
      ],
      unallocated: '0.00',
      confidence: '0.48',
      reasons: ['payer_iban', 'oldest_first', 'partial'],
    },
  ],
  [
    'more than everything open: all settled, the rest unallocated (credit notes not consumed)',
    pay('3000.00', ['VIR SEPA'], { payerIban: BRICO_IBAN }),
    {
      customerId: 'brico',
      alloc: [
        ['FA-2026-00012', '1200.00'],
        ['FA-2026-00013', '850.50'],
        ['FA-2026-00020', '300.00'],
      ],
      unallocated: '649.50',
      confidence: '0.48',
      reasons: ['payer_iban', 'oldest_first', 'overpayment'],
    },
  ],
  [
    'payer name with legal form and a typo (tolerant)',
    pay('300.00', ['VIR SEPA'], { payerName: 'SARL BRICODYS' }),
    {
      customerId: 'brico',
      alloc: [['FA-2026-00020', '300.00']],
      unallocated: '0.00',
      confidence: '0.72',
      reasons: ['payer_name', 'exact_amount'],
    },
  ],
  [
    'payer name truncated by the bank',
    pay('720.00', ['VIR SEPA'], { payerName: 'JARDINS DE PROVEN' }),
    {
      customerId: 'jardi',
      alloc: [['FA-2026-00031', '720.00']],
      unallocated: '0.00',
      confidence: '0.72',
      reasons: ['payer_name', 'exact_amount'],
    },
  ],
  [
    'customer code in the remittance text',
    pay('480.00', ['REGLEMENT CLIENT CLI 0043']),
    {
      customerId: 'jardi',
      alloc: [['FA-2026-00030', '480.00']],
      unallocated: '0.00',
      confidence: '0.81',
      reasons: ['customer_code', 'exact_amount'],
    },
  ],
  // --- two customers, same amount
  [
    'two customers with the same amount, shared IBAN, the payer name decides',
    pay('1200.00', ['VIR SEPA'], { payerIban: GROUP_IBAN, payerName: 'BRICOMAX SUD SAS' }),
    {
      customerId: 'sud',
      alloc: [['FA-2026-00051', '1200.00']],
      unallocated: '0.00',
      confidence: '0.86',
      reasons: ['payer_iban', 'payer_name', 'exact_amount'],
    },
  ],
  [
    'two customers with the same amount, shared IBAN, nothing else: ambiguous, no allocation',
    pay('1200.00', ['VIR SEPA'], { payerIban: GROUP_IBAN }),
    { customerId: null, alloc: [], unallocated: '1200.00', confidence: '0.00', reasons: ['ambiguous_customer'] },
  ],
  [
    'unknown payer: no customer, no allocation even though amounts match',
    pay('1200.00', ['VIR SEPA SOCIETE INCONNUE'], {
      payerName: 'SOCIETE INCONNUE',
      payerIban: 'FR1420041010050500013M02606',
    }),
    { customerId: null, alloc: [], unallocated: '1200.00', confidence: '0.00', reasons: ['unknown_payer'] },
  ],
  [
    'payer IBAN of another customer than the invoice named: the reference wins, confidence lowered',
    pay('480.00', ['FA-2026-00030'], { payerIban: BRICO_IBAN }),
    {
      customerId: 'jardi',
      alloc: [['FA-2026-00030', '480.00']],
      unallocated: '0.00',
      confidence: '0.90',
      reasons: ['invoice_number', 'payer_mismatch', 'exact_amount'],
    },
  ],
  // --- currencies
  [
    'the invoice named is in USD, the payment in EUR: nothing allocated',
    pay('1000.00', ['INV FA-2026-00041']),
    {
      customerId: 'durand',
      alloc: [],
      unallocated: '1000.00',
      confidence: '0.50',
      reasons: ['invoice_number', 'currency_mismatch'],
    },
  ],
  [
    'a USD payment from a customer with only EUR items: nothing allocated',
    pay('1200.00', ['WIRE'], { currency: 'USD', payerIban: BRICO_IBAN }),
    {
      customerId: 'brico',
      alloc: [],
      unallocated: '1200.00',
      confidence: '0.48',
      reasons: ['payer_iban', 'currency_mismatch', 'no_open_items'],
    },
  ],
  // --- payment entered by hand
  [
    'customer given: exact amount within that customer only',
    pay('1200.00', [], { customerId: 'nord' }),
    {
      customerId: 'nord',
      alloc: [['FA-2026-00050', '1200.00']],
      unallocated: '0.00',
      confidence: '0.90',
      reasons: ['customer_given', 'exact_amount'],
    },
  ],
  [
    'customer given: a reference to another customer’s invoice is ignored',
    pay('300.00', ['FA-2026-00030'], { customerId: 'brico' }),
    {
      customerId: 'brico',
      alloc: [['FA-2026-00020', '300.00']],
      unallocated: '0.00',
      confidence: '0.90',
      reasons: ['customer_given', 'exact_amount'],
    },
  ],
];

function check(s: MatchSuggestion, p: IncomingPayment): void {
  // amount = Σ invoices − Σ credit notes + unallocated
  const byId = new Map(items.map((i) => [i.id, i]));
  const net = s.allocations.reduce((t, a) => {
    const i = byId.get(a.itemId)!;
    expect(dec(a.amount).greaterThan(0)).toBe(true);
    expect(dec(a.amount).lessThanOrEqualTo(i.amountDue)).toBe(true);
    expect(i.currency).toBe(p.currency);
    return i.type === 'credit_note' ? t.minus(a.amount) : t.plus(a.amount);
  }, dec(0));
  expect(net.plus(s.unallocated).toFixed(2)).toBe(dec(p.amount).toFixed(2));
  if (s.writeOff) {
    const last = s.allocations[s.allocations.length - 1]!;
    expect(last.itemId).toBe(s.writeOff.itemId);
    expect(dec(last.amount).plus(s.writeOff.amount).equals(byId.get(last.itemId)!.amountDue)).toBe(true);
  }
  expect(dec(s.confidence).greaterThanOrEqualTo(0) && dec(s.confidence).lessThanOrEqualTo(1)).toBe(true);
}

describe('suggestMatch', () => {
  it.each(cases)('%s', (_name, p, e, opts) => {
    const s = suggestMatch(p, items, customers, opts);
    expect({
      customerId: s.customerId,
      alloc: s.allocations.map((a) => [a.itemId, a.amount]),
      unallocated: s.unallocated,
      writeOff: s.writeOff ? [s.writeOff.itemId, s.writeOff.amount] : null,
      confidence: s.confidence,
      reasons: s.reasons,
    }).toEqual({ writeOff: null, ...e });
    if (s.writeOff) expect(s.writeOff.reason).toBe('small_difference');
    check(s, p);
  });

  it('picks the oldest due of several invoices of exactly the amount, with a low confidence', () => {
    const list = [
      item('FA-2026-00101', 'brico', '99.00', '2026-04-30'),
      item('FA-2026-00100', 'brico', '99.00', '2026-04-01'),
    ];
    const s = suggestMatch(pay('99.00', [], { payerIban: BRICO_IBAN }), list, customers);
    expect(s.allocations).toEqual([{ itemId: 'FA-2026-00100', amount: '99.00' }]);
    expect(s.reasons).toEqual(['payer_iban', 'exact_amount', 'ambiguous_amount']);
    expect(s.confidence).toBe('0.57');
  });

  it('prefers the combination with fewest items, then the oldest ones', () => {
    const list = [
      item('FA-2026-00201', 'jardi', '100.00', '2026-01-31'),
      item('FA-2026-00202', 'jardi', '200.00', '2026-02-28'),
      item('FA-2026-00203', 'jardi', '300.00', '2026-03-31'),
      item('FA-2026-00204', 'jardi', '100.00', '2026-04-30'),
      item('FA-2026-00205', 'jardi', '400.00', '2026-05-31'),
    ];
    // 500 = 100+400 (2 items, incl. the newest) = 200+300 (2 items, older) = 100+100+300 (3 items)
    const s = suggestMatch(pay('500.00', [], { customerId: 'jardi' }), list, customers);
    expect(s.allocations.map((a) => a.itemId)).toEqual(['FA-2026-00201', 'FA-2026-00205']);
    expect(s.reasons).toEqual(['customer_given', 'amount_combination']);
  });

  it('names the customer of several referenced customers the payer points to', () => {
    const s = suggestMatch(
      pay('2400.00', ['FA-2026-00050 FA-2026-00051'], { payerName: 'Bricomax Nord' }),
      items,
      customers,
    );
    expect(s.customerId).toBe('nord');
    expect(s.allocations).toEqual([{ itemId: 'FA-2026-00050', amount: '1200.00' }]);
    expect(s.unallocated).toBe('1200.00');
    expect(s.reasons).toEqual(['invoice_number', 'payer_name', 'overpayment']);
  });

  it('refuses to choose between referenced customers when the payer is unknown', () => {
    const s = suggestMatch(pay('2400.00', ['FA-2026-00050 FA-2026-00051']), items, customers);
    expect(s).toMatchObject({ customerId: null, allocations: [], unallocated: '2400.00', confidence: '0.00' });
    expect(s.reasons).toEqual(['invoice_number', 'ambiguous_customer']);
  });

  it('keeps the currency minor units (JPY) and more decimals when given', () => {
    const list = [item('FA-2026-00300', 'brico', '15000', '2026-04-01', { currency: 'JPY' })];
    const s = suggestMatch(pay('15000', ['FA-2026-00300'], { currency: 'jpy' }), list, customers);
    expect(s.allocations).toEqual([{ itemId: 'FA-2026-00300', amount: '15000' }]);
    expect(s.unallocated).toBe('0');
  });

  it('stays fast with many customers and open items, and with a 16-item subset search', () => {
    const many: OpenItem[] = [];
    const manyCustomers: CustomerFacts[] = [];
    for (let c = 0; c < 300; c++) {
      manyCustomers.push({ id: `c${c}`, code: `C${1000 + c}`, name: `Client Numero ${c} SAS`, ibans: [`FR76${c}`] });
      for (let k = 0; k < 20; k++) {
        many.push(
          item(`FA-2026-${String(c * 20 + k).padStart(5, '0')}`, `c${c}`, `${100 + k}.${c % 100}`, '2026-03-01'),
        );
      }
    }
    const started = performance.now();
    // 500.00 is no sum of the 16 oldest items (100.70 … 115.70) nor near one: all 65,536 subsets are tried.
    const s = suggestMatch(pay('500.00', ['VIR SEPA CLIENT NUMERO 7'], { payerIban: 'FR767' }), many, manyCustomers, {
      maxCombination: 16,
    });
    expect(performance.now() - started).toBeLessThan(3000);
    expect(s.customerId).toBe('c7');
    expect(s.reasons).toEqual(['payer_iban', 'oldest_first', 'partial']);
    expect(s.allocations.map((a) => a.amount)).toEqual(['100.70', '101.70', '102.70', '103.70', '91.20']);
  });

  it.each([['0'], ['-5.00']])('rejects a payment amount of %s', (amount) => {
    expect(() => suggestMatch(pay(amount, []), items, customers)).toThrow(RangeError);
  });

  it('rejects a negative threshold', () => {
    expect(() => suggestMatch(pay('1.00', []), items, customers, { writeOffThreshold: '-1' })).toThrow(RangeError);
  });
});

describe('allocateOldestFirst', () => {
  const list = [
    item('FA-2026-00402', 'brico', '200.00', '2026-05-31'),
    item('AV-2026-00400', 'brico', '50.00', null),
    item('FA-2026-00401', 'brico', '100.00', '2026-04-30'),
    item('FA-2026-00403', 'brico', '0.00', '2026-01-31'),
    item('FA-2026-00404', 'brico', '300.00', null, { issueDate: '2026-05-15' }),
  ];
  it.each([
    ['0.00', [], '0.00'],
    ['60.00', [['FA-2026-00401', '60.00']], '0.00'],
    ['100.00', [['FA-2026-00401', '100.00']], '0.00'],
    [
      '250.00',
      [
        ['FA-2026-00401', '100.00'],
        ['FA-2026-00404', '150.00'],
      ],
      '0.00',
    ],
    [
      '700.00',
      [
        ['FA-2026-00401', '100.00'],
        ['FA-2026-00404', '300.00'],
        ['FA-2026-00402', '200.00'],
      ],
      '100.00',
    ],
  ])(
    '%s → %j, unallocated %s (credit notes and paid items skipped, no due date → issue date)',
    (amount, alloc, rest) => {
      const r = allocateOldestFirst(amount, list);
      expect(r.allocations.map((a) => [a.itemId, a.amount])).toEqual(alloc);
      expect(r.unallocated).toBe(rest);
    },
  );

  it('leaves everything unallocated without items', () => {
    expect(allocateOldestFirst('12.5', [])).toEqual({ allocations: [], unallocated: '12.50' });
  });

  it('rejects a negative amount', () => {
    expect(() => allocateOldestFirst('-1.00', list)).toThrow(RangeError);
  });
});
