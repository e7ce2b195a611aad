import { eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { frenchVatKey, gs1CheckDigit, luhnValid } from '@shared/identifiers';
import type { CustomerCreate } from '@shared/api/customers';
import type { ProductCreate } from '@shared/api/products';
import { customerCreateSchema } from '@shared/api/customers';
import { productCreateSchema } from '@shared/api/products';
import { ruleInputSchema, type RuleInput } from '@shared/api/rules';
import { contractInput, priceListInput } from '@shared/api/pricing';
import { quoteInput } from '@shared/api/quotes';
import { orderInput } from '@shared/api/orders';
import { carrierInput, deliveryInput, pickInput } from '@shared/api/deliveries';
import { invoiceCreate } from '@shared/api/invoices';
import { companies, companyUsers } from './platform/platform.schema';
import type { Relais } from './app';
import type { Ctx } from './platform/db/runner';

export const DEMO_PASSWORD = 'relais-demo';
export const DEMO_USERS = [
  { email: 'admin@demo.relais.fr', name: 'Alain Rousseau', roles: ['admin'] },
  { email: 'manager@demo.relais.fr', name: 'Sophie Bernard', roles: ['adv_manager'] },
  { email: 'adv@demo.relais.fr', name: 'Claire Martin', roles: ['adv_assistant'] },
  { email: 'adv2@demo.relais.fr', name: 'Julien Petit', roles: ['adv_assistant'] },
  { email: 'sales@demo.relais.fr', name: 'Marc Lefèvre', roles: ['sales'] },
  { email: 'logistique@demo.relais.fr', name: 'Nadia Benali', roles: ['logistics'] },
  { email: 'compta@demo.relais.fr', name: 'Pierre Garnier', roles: ['accounting'] },
] as const;

/** A fictitious SIREN that passes the Luhn check: 8 digits + the key digit. */
export function siren(prefix8: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(prefix8 + d)) return prefix8 + d;
  throw new Error('unreachable');
}
/** A SIRET (SIREN + 4-digit establishment number + key) that passes the Luhn check. */
export function siret(siren9: string, nic4: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(siren9 + nic4 + d)) return siren9 + nic4 + d;
  throw new Error('unreachable');
}
/** A GTIN with its GS1 check digit appended. */
export const gtin = (data: string) => data + gs1CheckDigit(data);
export const frVat = (s: string) => `FR${frenchVatKey(s)}${s}`;

/** SIREN and the matching French VAT number. */
const frIds = (prefix8: string) => {
  const s = siren(prefix8);
  return { siren: s, vatNumber: frVat(s) };
};
const addr = (line1: string, postalCode: string, city: string, countryCode = 'FR') => ({
  line1,
  postalCode,
  city,
  countryCode,
});

/** Loads a realistic demo company on first start: users, customers with their constraints, products. */
export async function loadDemo(relais: Relais): Promise<{ companyId: string } | null> {
  const { db, services } = relais;
  const existing = await db.select({ id: companies.id }).from(companies).limit(1);
  if (existing.length) return null;

  const companyId = uuidv7();
  const sellerSiren = siren('41235867');
  const userIds: Record<string, string> = {};
  for (const u of DEMO_USERS)
    userIds[u.email] = await services.auth.ensureUser({
      email: u.email,
      name: u.name,
      password: DEMO_PASSWORD,
      isAdmin: u.roles.includes('admin' as never),
    });
  const ctx: Ctx = {
    companyId,
    userId: userIds['admin@demo.relais.fr']!,
    roles: ['admin'],
    requestId: 'demo-seed',
    lang: 'fr',
  };

  await relais.run.run(ctx, async (tx) => {
    await tx.insert(companies).values({
      id: companyId,
      name: 'Ateliers Durand Fixations',
      legalForm: 'SAS',
      shareCapital: '250000.00',
      siren: sellerSiren,
      rcsCity: 'Orléans',
      vatNumber: frVat(sellerSiren),
      address: addr('12 rue des Artisans, ZI La Saussaye', '45590', 'Saint-Cyr-en-Val'),
      iban: 'FR7630006000011234567890189',
      bic: 'AGRIFRPPXXX',
      currency: 'EUR',
      email: 'adv@durand-fixations.fr',
      phone: '+33 2 38 00 00 00',
      eori: `FR${sellerSiren}00017`,
      gs1CompanyPrefix: '3761234',
    });
    for (const u of DEMO_USERS)
      await tx
        .insert(companyUsers)
        .values({ companyId, userId: userIds[u.email]!, roles: [...u.roles], isDefault: true });
  });

  const claire = userIds['adv@demo.relais.fr']!;
  const julien = userIds['adv2@demo.relais.fr']!;
  const customers: unknown[] = [
    {
      code: 'C0001',
      name: 'Bricodis Centre SAS',
      ...frIds('38412957'),
      countryCode: 'FR',
      billingAddress: addr('3 avenue Jean Mermoz', '28000', 'Chartres'),
      paymentTerms: { basis: 'end_of_month', days: 45, dayOfMonth: null },
      creditLimit: '50000.00',
      requiresPoNumber: true,
      productCodeRule: { type: 'prefix', prefix: '0A-' },
      accountManagerId: claire,
      backupManagerId: julien,
      shipTos: [
        {
          code: 'CHARTRES',
          name: 'Entrepôt de Chartres',
          isDefault: true,
          address: addr('ZA du Jardin d’Entreprises, 8 rue Blaise Pascal', '28000', 'Chartres'),
          deliveryWeekdays: [1, 2, 5],
          constraints: [
            'Pas de livraison le mercredi ni le jeudi (quais réservés aux retours).',
            'Réception 7h–12h uniquement, prise de RDV 24 h avant.',
          ],
        },
        {
          code: 'DREUX',
          name: 'Magasin de Dreux',
          address: addr('14 rue de Bréhard', '28100', 'Dreux'),
          constraints: ['Étiquettes SSCC obligatoires sur chaque palette.'],
        },
      ],
      contacts: [
        { name: 'Isabelle Moreau', role: 'buyer', email: 'i.moreau@bricodis.example', phone: '+33 2 37 00 11 22' },
        { name: 'Service comptabilité fournisseurs', role: 'accounts_payable', email: 'factures@bricodis.example' },
      ],
    },
    {
      code: 'C0002',
      name: 'Quincaillerie Lyonnaise SARL',
      ...frIds('52187430'),
      countryCode: 'FR',
      billingAddress: addr('41 quai Perrache', '69002', 'Lyon'),
      paymentTerms: { basis: 'invoice_date', days: 30, dayOfMonth: null },
      creditLimit: '15000.00',
      accountManagerId: claire,
      backupManagerId: julien,
      contacts: [{ name: 'Thomas Girard', role: 'buyer', email: 't.girard@quinca-lyon.example' }],
    },
    {
      code: 'C0003',
      name: 'Batimat Ouest SA',
      ...frIds('30945128'),
      countryCode: 'FR',
      billingAddress: addr('2 boulevard de la Prairie au Duc', '44200', 'Nantes'),
      paymentTerms: { basis: 'end_of_month', days: 30, dayOfMonth: 10 },
      creditLimit: '80000.00',
      requiresPoNumber: true,
      productCodeRule: { type: 'cross_reference' },
      accountManagerId: julien,
      backupManagerId: claire,
      shipTos: [
        {
          code: 'NANTES',
          name: 'Plateforme Nantes',
          isDefault: true,
          address: addr('Rue de l’Ouche Buron', '44300', 'Nantes'),
          deliveryWeekdays: [1, 2, 3, 4],
          constraints: ['Fermé le vendredi.'],
        },
        { code: 'RENNES', name: 'Agence Rennes', address: addr('5 rue de Lorient', '35000', 'Rennes') },
      ],
      contacts: [
        { name: 'Émilie Roux', role: 'buyer', email: 'achats@batimat-ouest.example' },
        { name: 'Logistique Batimat', role: 'logistics', email: 'quai@batimat-ouest.example' },
      ],
    },
    {
      code: 'C0004',
      name: 'Menuiseries Fabre & Fils',
      ...frIds('44871203'),
      countryCode: 'FR',
      billingAddress: addr('Lieu-dit Les Granges', '24100', 'Bergerac'),
      paymentTerms: { basis: 'invoice_date', days: 60, dayOfMonth: null },
      creditLimit: '5000.00',
      accountManagerId: julien,
    },
    {
      code: 'C0005',
      name: 'Schrauben Müller GmbH',
      countryCode: 'DE',
      vatNumber: 'DE123456789',
      currency: 'EUR',
      language: 'en',
      billingAddress: addr('Industriestraße 17', '70565', 'Stuttgart', 'DE'),
      paymentTerms: { basis: 'invoice_date', days: 30, dayOfMonth: null },
      creditLimit: '30000.00',
      accountManagerId: claire,
      contacts: [{ name: 'Katrin Weber', role: 'buyer', email: 'einkauf@mueller-schrauben.example' }],
    },
    {
      code: 'C0006',
      name: 'Brico Wallonie SRL',
      countryCode: 'BE',
      vatNumber: 'BE0123456749',
      language: 'fr',
      billingAddress: addr('Rue de l’Industrie 22', '4000', 'Liège', 'BE'),
      paymentTerms: { basis: 'end_of_month_then_days', days: 30, dayOfMonth: null },
      accountManagerId: julien,
    },
  ];
  for (const c of customers)
    await services.customers.create(ctx, customerCreateSchema.parse(c) as CustomerCreate, null);

  const p = (
    sku: string,
    name: string,
    nameEn: string,
    category: string,
    unitPrice: string,
    extra: Partial<ProductCreate> = {},
  ) => ({ sku, name, nameEn, category, unitPrice, ...extra });
  const products = [
    p(
      'FX1040',
      'Vis à bois inox A2 4×40 — boîte de 200',
      'Stainless A2 wood screw 4×40 — box of 200',
      'Visserie',
      '18.90',
      { unit: 'XBX', gtin: gtin('376012345001'), weightKg: '0.850', leadTimeDays: 2 },
    ),
    p(
      'FX1050',
      'Vis à bois inox A2 5×50 — boîte de 200',
      'Stainless A2 wood screw 5×50 — box of 200',
      'Visserie',
      '24.50',
      { unit: 'XBX', gtin: gtin('376012345002'), weightKg: '1.300', leadTimeDays: 2 },
    ),
    p('FX2008', 'Cheville nylon 8 mm', 'Nylon wall plug 8 mm', 'Chevilles', '0.045', {
      gtin: gtin('376012345003'),
      packSize: '500',
      packName: 'carton',
      packGtin: gtin('1376012345003'),
      minOrderQuantity: '500',
      orderMultiple: '500',
    }),
    p('FX2010', 'Cheville nylon 10 mm', 'Nylon wall plug 10 mm', 'Chevilles', '0.062', {
      gtin: gtin('376012345004'),
      packSize: '250',
      packName: 'carton',
      minOrderQuantity: '250',
      orderMultiple: '250',
    }),
    p('FX3012', 'Tige filetée zinguée M12 × 1 m', 'Zinc-plated threaded rod M12 × 1 m', 'Tiges et écrous', '3.20', {
      unit: 'C62',
      weightKg: '0.680',
      hsCode: '73181590',
      originCountry: 'FR',
    }),
    p(
      'FX3112',
      'Écrou hexagonal M12 zingué — sachet de 100',
      'Hex nut M12 zinc — bag of 100',
      'Tiges et écrous',
      '6.80',
      { unit: 'XPK', weightKg: '1.100' },
    ),
    p('FX4100', 'Équerre de fixation renforcée 100 mm', 'Reinforced angle bracket 100 mm', 'Quincaillerie', '1.35', {
      orderMultiple: '10',
    }),
    p('FX4200', 'Charnière inox 80 mm', 'Stainless hinge 80 mm', 'Quincaillerie', '2.95'),
    p('FX5001', 'Mastic polyuréthane gris 310 ml', 'Grey polyurethane sealant 310 ml', 'Colles et mastics', '7.40', {
      packSize: '12',
      packName: 'carton',
    }),
    p('FX5010', 'Colle néoprène pot 1 l', 'Neoprene contact adhesive 1 l', 'Colles et mastics', '14.20', {
      unit: 'LTR',
      leadTimeDays: 5,
    }),
    p(
      'FX6001',
      'Câble acier galvanisé 4 mm (au mètre)',
      'Galvanised steel wire rope 4 mm (per metre)',
      'Câbles',
      '0.92',
      { unit: 'MTR', minOrderQuantity: '10' },
    ),
    p(
      'FX7001',
      'Gants de manutention enduits nitrile (paire)',
      'Nitrile-coated handling gloves (pair)',
      'EPI',
      '2.10',
      { unit: 'C62' },
    ),
    p(
      'FX9001',
      'Livre technique « Guide de la fixation »',
      'Technical book "Fastening guide"',
      'Documentation',
      '29.00',
      { vatRate: '5.50', stockTracked: true },
    ),
    p(
      'SRV-INST',
      'Prestation de pose sur chantier (heure)',
      'On-site installation service (hour)',
      'Services',
      '65.00',
      { unit: 'HUR', stockTracked: false },
    ),
    p('SRV-FORM', 'Formation produits (journée)', 'Product training (day)', 'Services', '850.00', {
      unit: 'DAY',
      stockTracked: false,
    }),
    p('FX0999', 'Vis à métaux M6 — ancienne référence', 'Machine screw M6 — discontinued', 'Visserie', '4.10', {
      active: false,
    }),
  ];
  for (const x of products) await services.catalog.create(ctx, productCreateSchema.parse(x), null);
  await loadDemoKnowledge(relais, ctx);

  await db.update(companies).set({ updatedAt: new Date() }).where(eq(companies.id, companyId));
  return { companyId };
}

/** What the ADV team knows about its customers, as data: rules, agreed prices, a price list, a contract, a quote. */
async function loadDemoKnowledge(relais: Relais, ctx: Ctx) {
  const { services } = relais;
  const all = (await services.customers.list(ctx, { limit: 50 })).data;
  const byCode = (code: string) => all.find((c) => c.code === code)!;
  const bricodis = byCode('C0001');
  const batimat = byCode('C0003');
  const lyon = byCode('C0002');
  const chartres = bricodis.shipTos.find((s) => s.code === 'CHARTRES')!;
  const dreux = bricodis.shipTos.find((s) => s.code === 'DREUX')!;
  const rules: RuleInput[] = [
    {
      kind: 'delivery_window',
      shipToId: chartres.id,
      params: { weekdays: [1, 2, 5], from: '07:00', to: '12:00' },
      severity: 'warning',
      note: 'Quais réservés aux retours le mercredi et le jeudi ; RDV la veille avant 16 h.',
      active: true,
    },
    {
      kind: 'appointment',
      shipToId: chartres.id,
      params: { hoursBefore: 24, contact: 'Réception : 02 37 00 11 23' },
      note: null,
      active: true,
    },
    {
      kind: 'packaging',
      shipToId: dreux.id,
      params: {
        sscc: true,
        qrCode: false,
        palletType: 'EUR',
        maxPalletHeightCm: 180,
        instructions: 'Étiquette SSCC sur deux faces',
      },
      note: null,
      active: true,
    },
    {
      kind: 'closing_period',
      shipToId: null,
      params: { from: '2026-12-24', to: '2027-01-02', label: 'Fermeture annuelle' },
      note: null,
      active: true,
    },
    {
      kind: 'min_order_amount',
      shipToId: null,
      params: { amount: '500.00' },
      note: 'Franco de port à partir de 500 € HT.',
      active: true,
    },
    {
      kind: 'invoice_reference',
      shipToId: null,
      params: { poRequired: true, pattern: '^PO-\\d{6}$', example: 'PO-004512' },
      note: 'Factures sans n° de commande rejetées par leur service comptable.',
      active: true,
    },
    {
      kind: 'required_documents',
      shipToId: null,
      params: { documents: ['delivery_note', 'packing_list'], copies: 2 },
      note: null,
      active: true,
    },
  ];
  for (const r of rules) await services.customerRules.create(ctx, bricodis.id, ruleInputSchema.parse(r), null);
  await services.customerRules.addReferences(
    ctx,
    batimat.id,
    [
      { customerCode: 'BAT-VIS-440', sku: 'FX1040', description: 'Vis inox 4x40 bte 200' },
      { customerCode: 'BAT-CHEV-08', sku: 'FX2008', description: 'Cheville 8' },
    ],
    null,
  );
  await services.pricing.addCustomerPrice(
    ctx,
    bricodis.id,
    { sku: 'FX1040', unitPrice: '16.90', minQuantity: '1', validFrom: null, validTo: null, note: 'Prix négocié 2026' },
    null,
  );
  await services.pricing.addDiscount(
    ctx,
    lyon.id,
    {
      scope: 'category',
      category: 'Chevilles',
      percent: '8',
      minOrderAmount: null,
      validFrom: null,
      validTo: null,
      note: null,
    },
    null,
  );
  const year = new Date().getUTCFullYear();
  await services.pricing.savePriceList(
    ctx,
    null,
    priceListInput.parse({
      code: `TARIF-${year}`,
      name: `Tarif général ${year}`,
      validFrom: `${year}-01-01`,
      validTo: `${year}-12-31`,
      items: [
        { sku: 'FX1040', minQuantity: '1', unitPrice: '18.90' },
        { sku: 'FX1040', minQuantity: '50', unitPrice: '17.60' },
        { sku: 'FX1050', minQuantity: '1', unitPrice: '24.50' },
        { sku: 'FX1050', minQuantity: '50', unitPrice: '22.90' },
      ],
    }),
    true,
    null,
  );
  await services.contracts.create(
    ctx,
    contractInput.parse({
      customerId: batimat.id,
      title: `Accord-cadre visserie et chevilles ${year}`,
      validFrom: `${year}-01-01`,
      validTo: `${year}-12-31`,
      renewalDate: `${year}-12-01`,
      alertDays: 45,
      lines: [
        { sku: 'FX1040', unitPrice: '15.20', committedQuantity: '2400' },
        { sku: 'FX2008', unitPrice: '0.038', minQuantity: '500', committedQuantity: '200000' },
      ],
    }),
    null,
  );
  await services.stock.receive(
    ctx,
    {
      reference: 'Stock initial',
      lines: [
        { sku: 'FX1040', quantity: '640' },
        { sku: 'FX1050', quantity: '410' },
        { sku: 'FX2008', quantity: '60000' },
        { sku: 'FX2010', quantity: '25000' },
        { sku: 'FX3012', quantity: '380' },
        { sku: 'FX3112', quantity: '150' },
        { sku: 'FX4100', quantity: '900' },
        { sku: 'FX4200', quantity: '12' },
        { sku: 'FX5001', quantity: '240' },
        { sku: 'FX5010', quantity: '35' },
        { sku: 'FX6001', quantity: '1500' },
        { sku: 'FX7001', quantity: '800' },
        { sku: 'FX9001', quantity: '60' },
      ],
    },
    null,
  );
  await services.quotes.create(
    ctx,
    quoteInput.parse({
      customerId: lyon.id,
      customerReference: 'Demande du 18/11',
      notes: 'Délai : 5 jours ouvrés après commande.',
      lines: [
        { sku: 'FX3012', quantity: '40' },
        { sku: 'FX3112', quantity: '10' },
        { sku: 'FX2010', quantity: '1000' },
      ],
    }),
    null,
  );

  // A few orders so the order book is not empty: two confirmed (one with a backorder), one draft, one held for
  // validation (Bricodis requires its PO number).
  const demoOrders: { customerId: string; customerReference: string | null; lines: unknown[]; confirm: boolean }[] = [
    {
      customerId: batimat.id,
      customerReference: 'BAT-2026-1187',
      lines: [
        { customerProductCode: 'BAT-VIS-440', quantity: '200' },
        { sku: 'FX2008', quantity: '5000' },
      ],
      confirm: true,
    },
    {
      customerId: lyon.id,
      customerReference: 'CDE 88412',
      lines: [
        { sku: 'FX4200', quantity: '30' },
        { sku: 'FX3012', quantity: '40' },
      ],
      confirm: true,
    },
    {
      customerId: bricodis.id,
      customerReference: 'PO-004498',
      lines: [
        { sku: 'FX1040', quantity: '40' },
        { sku: 'FX4100', quantity: '100' },
      ],
      confirm: false,
    },
    { customerId: bricodis.id, customerReference: null, lines: [{ sku: 'FX6001', quantity: '500' }], confirm: false },
  ];
  const confirmed: string[] = [];
  for (const o of demoOrders) {
    const r = await services.orders.create(ctx, orderInput.parse({ ...o, source: 'manual' }), null);
    if (o.confirm) {
      await services.orders.confirm(ctx, (r.body as { id: string }).id);
      confirmed.push((r.body as { id: string }).id);
    }
  }

  // Carriers, and deliveries at each step: Lyon's order shipped in part (FX4200 on backorder), Batimat's planned.
  const geodis = await services.deliveries.carriers.create(
    ctx,
    carrierInput.parse({
      code: 'GEODIS',
      name: 'Geodis Messagerie',
      services: ['Messagerie', 'Express 13h'],
      cutoffTime: '16:30',
      transitTimes: [
        { countryCode: 'FR', postalPrefix: '45', days: 1 },
        { countryCode: 'FR', postalPrefix: '28', days: 1 },
        { countryCode: 'FR', postalPrefix: null, days: 2 },
        { countryCode: 'BE', postalPrefix: null, days: 3 },
      ],
      defaultTransitDays: 4,
      trackingUrlTemplate: 'https://geodis.example/suivi?n={tracking}',
      email: 'reserves@geodis.example',
    }),
    null,
  );
  await services.deliveries.carriers.create(
    ctx,
    carrierInput.parse({
      code: 'SCHENKER',
      name: 'DB Schenker Affrètement',
      services: ['Affrètement', 'Groupage Europe'],
      cutoffTime: '12:00',
      transitTimes: [{ countryCode: 'FR', postalPrefix: null, days: 2 }],
      defaultTransitDays: 3,
      trackingUrlTemplate: 'https://schenker.example/track/{tracking}',
    }),
    null,
  );
  const carrierId = (geodis.body as { id: string }).id;
  const [batimatOrder, lyonOrder] = confirmed;
  if (lyonOrder) {
    const d = await services.deliveries.create(ctx, deliveryInput.parse({ orderId: lyonOrder, carrierId }), null);
    const id = (d.body as { id: string }).id;
    await services.deliveries.pick(ctx, id, pickInput.parse({ parcels: [{ kind: 'parcel', weightKg: '18.4' }] }));
    await services.deliveries.ship(ctx, id, { trackingNumber: 'GEO-4471-2209', notify: true });
  }
  if (batimatOrder) {
    await services.deliveries.create(ctx, deliveryInput.parse({ orderId: batimatOrder, carrierId }), null);
    // Invoicing: a 30 % down payment on Batimat's order, issued (its Factur-X is ready); Lyon's shipment waits for
    // the month-end run.
    const dp = await services.invoicing.create(
      ctx,
      invoiceCreate.parse({ orderId: batimatOrder, downPayment: { percent: '30' } }),
      null,
    );
    await services.invoicing.issue(ctx, (dp.body as { id: string }).id, {});
  }
}

/** RELAIS_ADMIN_EMAIL / RELAIS_ADMIN_PASSWORD: make sure this platform administrator exists. */
export async function ensureAdmin(relais: Relais, email: string, password: string) {
  return relais.services.auth.ensureUser({ email, name: email.split('@')[0] ?? 'admin', password, isAdmin: true });
}
