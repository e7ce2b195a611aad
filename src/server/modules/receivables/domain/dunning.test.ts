import { describe, expect, it } from 'vitest';
import { addDays } from '@shared/dates';
import {
  DEFAULT_DUNNING_LEVELS,
  dueDunningLevel,
  dunningText,
  dunningTone,
  groupReminders,
  penaltiesFor,
  validateDunningLevels,
  type DunningItem,
  type DunningLevel,
  type DunningTextData,
} from './dunning';

const L = DEFAULT_DUNNING_LEVELS;
const level = (n: number): DunningLevel => L.find((l) => l.level === n)!;

describe('DEFAULT_DUNNING_LEVELS', () => {
  it('is the DOMAIN §5 ladder', () => {
    expect(L.map((l) => [l.level, l.name, l.offsetDays, l.channel, l.includesPenalties, l.formalNotice])).toEqual([
      [0, 'courtesy', -5, 'email', false, false],
      [1, 'reminder', 1, 'email', false, false],
      [2, 'second_reminder', 15, 'email', true, false],
      [3, 'last_reminder', 30, 'email', true, false],
      [4, 'formal_notice', 45, 'letter', true, true],
    ]);
    expect(validateDunningLevels(L)).toEqual([]);
  });

  it('reports an invalid company ladder', () => {
    expect(
      validateDunningLevels([
        { ...level(0) },
        { ...level(1), offsetDays: 10 },
        { ...level(2), offsetDays: 10 },
        { ...level(3), level: 2 },
        { ...level(4), level: -1 },
      ]),
    ).toEqual([
      { code: 'dunning_level_duplicate', params: { level: 2 } },
      { code: 'dunning_level_invalid', params: { level: -1 } },
      { code: 'dunning_offsets_not_increasing', params: { level: 2 } },
    ]);
  });
});

describe('dueDunningLevel', () => {
  const due = '2026-03-16';
  const open: { dueDate: string; amountDue: string; disputed: boolean; lastLevelSent: number | null } = {
    dueDate: due,
    amountDue: '1200.00',
    disputed: false,
    lastLevelSent: null,
  };
  it.each<[string, number, Partial<typeof open> & { lastLevelSent?: number | null }, number | null]>([
    ['6 days before due: nothing yet', -6, {}, null],
    ['5 days before due: courtesy', -5, {}, 0],
    ['due date itself: still courtesy', 0, {}, 0],
    ['courtesy already sent, on the due date: nothing', 0, { lastLevelSent: 0 }, null],
    ['day 1: reminder', 1, { lastLevelSent: 0 }, 1],
    ['day 14, reminder sent: nothing', 14, { lastLevelSent: 1 }, null],
    ['day 15: second reminder', 15, { lastLevelSent: 1 }, 2],
    ['day 20, nothing ever sent: straight to the second reminder', 20, {}, 2],
    ['day 30: last reminder', 30, { lastLevelSent: 2 }, 3],
    ['day 45: formal notice', 45, { lastLevelSent: 3 }, 4],
    ['day 200, formal notice sent: nothing more', 200, { lastLevelSent: 4 }, null],
    ['never goes back: level 3 sent, day 16', 16, { lastLevelSent: 3 }, null],
    ['paid', 40, { amountDue: '0.00' }, null],
    ['credited beyond (negative)', 40, { amountDue: '-10.00' }, null],
    ['disputed', 40, { disputed: true }, null],
  ])('%s', (_name, days, o, expected) => {
    const l = dueDunningLevel({ ...open, ...o }, addDays(due, days), L);
    expect(l?.level ?? null).toBe(expected);
  });

  it('follows a company ladder (no courtesy, formal notice at D+60)', () => {
    const ladder: DunningLevel[] = [
      { level: 1, name: 'relance', offsetDays: 7, channel: 'email', includesPenalties: true, formalNotice: false },
      { level: 2, name: 'med', offsetDays: 60, channel: 'letter', includesPenalties: true, formalNotice: true },
    ];
    const item = { dueDate: '2026-01-31', amountDue: '10.00', disputed: false, lastLevelSent: null };
    expect(dueDunningLevel(item, '2026-02-06', ladder)).toBeNull();
    expect(dueDunningLevel(item, '2026-02-07', ladder)?.name).toBe('relance');
    expect(dueDunningLevel({ ...item, lastLevelSent: 1 }, '2026-04-01', ladder)?.name).toBe('med');
    expect(dueDunningLevel(item, '2026-04-01', [])).toBeNull();
  });
});

describe('groupReminders', () => {
  const asOf = '2026-04-15';
  let n = 0;
  const inv = (customerId: string, dueDate: string, o: Partial<DunningItem> = {}): DunningItem => {
    n += 1;
    return {
      id: `i${n}`,
      number: `FA-2026-${String(n).padStart(5, '0')}`,
      customerId,
      currency: 'EUR',
      dueDate,
      amountDue: '100.00',
      disputed: false,
      lastLevelSent: null,
      ...o,
    };
  };
  const items = [
    inv('brico', '2026-03-16', { lastLevelSent: 2, amountDue: '1200.00' }), // day 30 → 3
    inv('brico', '2026-04-14', { amountDue: '850.50' }), // day 1 → 1
    inv('brico', '2026-04-18'), // D−3 → 0
    inv('brico', '2026-04-01', { lastLevelSent: 1 }), // day 14, reminded: also overdue
    inv('brico', '2026-03-01', { disputed: true }), // disputed: nowhere
    inv('brico', '2026-03-02', { amountDue: '0.00' }), // paid: nowhere
    inv('brico', '2026-03-20', { currency: 'USD', amountDue: '99.99' }), // day 26 → 2, own reminder
    inv('jardi', '2026-04-30'), // D−15: nothing
    inv('jardi', '2026-04-10', { lastLevelSent: 1 }), // day 5, reminded
    inv('alpha', '2025-12-01', { lastLevelSent: 3 }), // day 135 → 4
  ];

  it('one reminder per customer and currency, at the highest level due', () => {
    const r = groupReminders(items, asOf, L);
    expect(r.map((x) => [x.customerId, x.currency, x.level.name, x.total])).toEqual([
      ['alpha', 'EUR', 'formal_notice', '100.00'],
      ['brico', 'EUR', 'last_reminder', '2150.50'],
      ['brico', 'USD', 'second_reminder', '99.99'],
    ]);
    const brico = r[1]!;
    expect(brico.items.map((i) => [i.number, i.level, i.daysOverdue])).toEqual([
      ['FA-2026-00001', 3, 30],
      ['FA-2026-00002', 1, 1],
      ['FA-2026-00003', 0, -3],
    ]);
    expect(brico.alsoOverdue.map((i) => [i.number, i.daysOverdue])).toEqual([['FA-2026-00004', 14]]);
  });

  it('no reminder when nothing is due', () => {
    expect(groupReminders(items, '2026-01-01', L)).toEqual([]); // alpha: level 3 reached, already sent
    expect(groupReminders([], asOf, L)).toEqual([]);
  });

  it('keeps the caller’s extra fields', () => {
    const [r] = groupReminders([{ ...inv('x', '2026-04-01'), contactEmail: 'ap@x.fr' }], asOf, L);
    expect(r!.items[0]!.contactEmail).toBe('ap@x.fr');
  });
});

describe('penaltiesFor', () => {
  const item = { amountDue: '12000.00', dueDate: '2026-03-16' };
  it.each([
    [
      'DOMAIN example at ECB + 10 (12.15 %)',
      item,
      '2026-04-15',
      '12.15',
      '40.00',
      { days: 30, interest: '119.84', indemnity: '40.00' },
    ],
    [
      'DOMAIN example at the floor (7.86 %)',
      item,
      '2026-04-15',
      '7.86',
      '40.00',
      { days: 30, interest: '77.52', indemnity: '40.00' },
    ],
    [
      'on the due date: nothing',
      item,
      '2026-03-16',
      '12.15',
      '40.00',
      { days: 0, interest: '0.00', indemnity: '0.00' },
    ],
    [
      'before the due date: nothing',
      item,
      '2026-03-01',
      '12.15',
      '40.00',
      { days: 0, interest: '0.00', indemnity: '0.00' },
    ],
    [
      'day 1: one day and the indemnity',
      item,
      '2026-03-17',
      '12.15',
      '40.00',
      { days: 1, interest: '3.99', indemnity: '40.00' },
    ],
    [
      'across the year end',
      { amountDue: '1000.00', dueDate: '2025-12-15' },
      '2026-01-14',
      '10',
      '40',
      { days: 30, interest: '8.22', indemnity: '40.00' },
    ],
    [
      'higher justified costs',
      item,
      '2026-04-15',
      '12.15',
      '95.50',
      { days: 30, interest: '119.84', indemnity: '95.50' },
    ],
    [
      'paid',
      { amountDue: '0.00', dueDate: '2026-03-16' },
      '2026-04-15',
      '12.15',
      '40.00',
      { days: 0, interest: '0.00', indemnity: '0.00' },
    ],
  ])('%s', (_name, it_, asOf, rate, indemnity, expected) => {
    expect(penaltiesFor(it_, asOf, rate, indemnity)).toEqual(expected);
  });

  it('defaults to the legal €40 and rejects negative rates', () => {
    expect(penaltiesFor(item, '2026-04-15', '12.15').indemnity).toBe('40.00');
    expect(() => penaltiesFor(item, '2026-04-15', '-1')).toThrow(RangeError);
    expect(() => penaltiesFor(item, '2026-04-15', '12.15', '-40')).toThrow(RangeError);
  });
});

describe('dunningTone', () => {
  it.each([
    [0, 'courtesy'],
    [1, 'reminder'],
    [2, 'firm'],
    [3, 'final'],
    [4, 'formal_notice'],
  ])('default level %i → %s', (n, tone) => {
    expect(dunningTone(level(n))).toBe(tone);
  });

  it('the last penalties level of a shorter ladder is final', () => {
    const ladder = [level(1), level(2)];
    expect(dunningTone(level(2), ladder)).toBe('final');
    expect(dunningTone(level(1), ladder)).toBe('reminder');
  });
});

describe('dunningText', () => {
  const p = penaltiesFor({ amountDue: '12000.00', dueDate: '2026-03-16' }, '2026-04-15', '12.15');
  const data: DunningTextData = {
    creditor: { name: 'Outillage Martin SAS', address: '12 rue des Forges\n69007 Lyon', email: 'compta@martin.fr' },
    debtor: { name: 'Bricodis SAS', address: '5 avenue du Port\n13002 Marseille' },
    date: '2026-04-15',
    currency: 'EUR',
    items: [
      {
        number: 'FA-2026-00012',
        issueDate: '2026-01-15',
        dueDate: '2026-03-16',
        amountDue: '12000.00',
        interest: p.interest,
        indemnity: p.indemnity,
      },
    ],
    payment: { iban: 'FR7630004000031234567890143', bic: 'BNPAFRPPXXX' },
    ratePercent: '12.15',
  };
  const nb = (s: string): string => s.replace(/\u00a0/g, ' ');
  const text = (n: number, lang: 'fr' | 'en', d: DunningTextData = data) => {
    const t = dunningText(level(n), lang, d);
    return { subject: nb(t.subject), body: nb(t.body) };
  };

  it.each<[number, 'fr' | 'en', string, string[], string[]]>([
    [
      0,
      'fr',
      'Rappel : facture FA-2026-00012 à échéance le 16/03/2026',
      [
        'arrive prochainement à échéance',
        '12 000,00 €',
        'IBAN FR76 3000 4000 0312 3456 7890 143',
        'ne pas tenir compte',
      ],
      ['pénalités', 'mise en demeure'],
    ],
    [
      1,
      'fr',
      'Relance : facture FA-2026-00012 échue',
      ['Sauf erreur de notre part', '(30 jours de retard)', 'copie de la facture', 'Si vous contestez'],
      ['pénalités', 'indemnité', 'livraison'],
    ],
    [
      2,
      'fr',
      'Deuxième relance : facture FA-2026-00012 impayée',
      [
        'L441-10',
        '12,15 %',
        'indemnité forfaitaire pour frais de recouvrement de 40,00 €',
        '119,84 €',
        '12 159,84 €',
        'date à laquelle le règlement interviendra',
      ],
      ['mise en demeure', 'suspendre'],
    ],
    [
      3,
      'fr',
      'Dernière relance avant mise en demeure : facture FA-2026-00012',
      [
        '12,15 %',
        '40,00 €',
        'suspendre toute nouvelle livraison',
        'blocage de votre compte',
        'mise en demeure',
        'sous 8 jours',
      ],
      [],
    ],
    [
      0,
      'en',
      'Friendly reminder: invoice FA-2026-00012 due on 16 Mar 2026',
      ['falls due shortly', '€12,000.00', 'quoting the invoice number'],
      ['interest', 'formal notice'],
    ],
    [
      1,
      'en',
      'Reminder: invoice FA-2026-00012 is overdue',
      ['Unless we are mistaken', '(30 days overdue)', 'If you dispute'],
      ['interest', 'indemnity'],
    ],
    [
      2,
      'en',
      'Second reminder: invoice FA-2026-00012 unpaid',
      ['L441-10', '12.15%', 'fixed recovery indemnity of €40.00', '€119.84', '€12,159.84', 'when payment will be made'],
      ['formal notice', 'suspend'],
    ],
    [
      3,
      'en',
      'Final reminder before formal notice: invoice FA-2026-00012',
      ['12.15%', '€40.00', 'suspend all further deliveries', 'credit hold', 'formal notice', 'within 8 days'],
      [],
    ],
  ])('level %i in %s', (n, lang, subject, has, hasNot) => {
    const t = text(n, lang);
    expect(t.subject).toBe(subject);
    for (const s of has) expect(t.body).toContain(s);
    for (const s of hasNot) expect(t.body.toLowerCase()).not.toContain(s.toLowerCase());
    expect(t.body).toContain('Outillage Martin SAS');
  });

  it('mise en demeure (fr): title, date, parties, facts, demand, 8-day deadline, consequence', () => {
    const t = text(4, 'fr');
    expect(t.subject).toBe('Mise en demeure de payer la somme de 12 159,84 €');
    const parts = [
      'MISE EN DEMEURE',
      'Lettre recommandée avec accusé de réception',
      'Outillage Martin SAS\n12 rue des Forges\n69007 Lyon',
      'Bricodis SAS\n5 avenue du Port\n13002 Marseille',
      'Le 15/04/2026',
      'Facture FA-2026-00012 du 15/01/2026, échue le 16/03/2026',
      'Principal : 12 000,00 €',
      'Pénalités de retard (taux annuel 12,15 %) au 15/04/2026 : 119,84 €',
      'Indemnités forfaitaires pour frais de recouvrement (40,00 € par facture) : 40,00 €',
      'Total : 12 159,84 €',
      'nous vous mettons en demeure de nous régler la somme de 12 159,84 € dans un délai de 8 jours',
      'injonction de payer',
      'article 1344 du Code civil',
    ];
    let at = 0;
    for (const part of parts) {
      const found = t.body.indexOf(part, at);
      expect(found, part).toBeGreaterThanOrEqual(at);
      at = found;
    }
  });

  it('formal notice (en), deadline from the data, penalties by rate when not computed', () => {
    const t = text(4, 'en', {
      ...data,
      deadlineDays: 15,
      items: [{ number: 'FA-2026-00012', dueDate: '2026-03-16', amountDue: '12000.00' }],
    });
    expect(t.subject).toBe('Formal notice to pay €12,000.00');
    expect(t.body).toContain('FORMAL NOTICE');
    expect(t.body).toContain('within 15 days of receipt');
    expect(t.body).toContain('increased by late-payment interest at the annual rate of 12.15%');
    expect(t.body).toContain('€40.00 per invoice');
    expect(t.body).toContain('order for payment');
    expect(t.body).not.toContain('Late-payment interest (annual rate');
  });

  it('several invoices: plural wording and total; no rate configured', () => {
    const t = text(2, 'fr', {
      ...data,
      ratePercent: null,
      payment: null,
      items: [
        { number: 'FA-2026-00012', dueDate: '2026-03-16', amountDue: '1200.00' },
        { number: 'FA-2026-00013', dueDate: '2026-03-31', amountDue: '850.50' },
      ],
    });
    expect(t.subject).toBe('Deuxième relance : 2 factures impayées');
    expect(t.body).toContain('les factures suivantes restent impayées');
    expect(t.body).toContain('Total dû : 2 050,50 €');
    expect(t.body).toContain('au taux prévu par nos conditions générales de vente');
    expect(t.body).not.toContain('IBAN');
  });

  it('needs at least one item', () => {
    expect(() => dunningText(level(1), 'fr', { ...data, items: [] })).toThrow(RangeError);
  });
});
