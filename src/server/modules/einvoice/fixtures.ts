/**
 * Realistic e-invoice documents for tests (round trip, official validator, other modules' tests). Every amount is
 * computed with `computeTotals` (DOMAIN §3.2), so the documents are consistent by construction; nothing here is
 * typed in by hand except unit prices, quantities, rates and the document allowances/charges.
 *
 * Seller: a French SAS (SIREN 732829320, VAT FR44732829320, DOMAIN §8.1). Buyers' identifiers are synthetic but pass
 * their check algorithms (SIREN Luhn, FR VAT key, GS1 check digits).
 */
import { dec, toMoneyString } from '@shared/decimal';
import { computeTotals, type DocAllowanceCharge } from '@shared/totals';
import type {
  EInvoiceAllowanceCharge,
  EInvoiceDocument,
  EInvoiceLine,
  EInvoiceNote,
  EInvoiceParty,
  EInvoiceSeller,
} from './model';

export const FIXTURE_SELLER: EInvoiceSeller = {
  name: 'Atelier Relais SAS',
  siren: '732829320',
  siret: '73282932000074',
  vatNumber: 'FR44732829320',
  address: {
    line1: '12 rue des Tanneurs',
    line2: 'ZI des Gravières',
    postalCode: '69007',
    city: 'Lyon',
    countryCode: 'FR',
  },
  email: 'facturation@atelier-relais.example',
  phone: '+33 4 78 00 00 00',
  contactName: 'Service comptabilité clients',
  legalForm: 'SAS',
  shareCapital: '50000.00',
  rcsCity: 'Lyon',
};

const BUYER_FR: EInvoiceParty = {
  name: 'Durand & Fils SARL',
  siren: '812345676',
  siret: null,
  vatNumber: 'FR19812345676',
  address: { line1: '4 avenue Jean Jaurès', postalCode: '38000', city: 'Grenoble', countryCode: 'FR' },
  email: 'compta@durand-fils.example',
  contactName: 'Mme Claire Durand',
};

const BUYER_DE: EInvoiceParty = {
  name: 'Müller Maschinenbau GmbH',
  siren: null,
  vatNumber: 'DE123456789',
  address: { line1: 'Industriestraße 7', postalCode: '70173', city: 'Stuttgart', countryCode: 'DE' },
  email: 'rechnung@mueller-maschinenbau.example',
};

const BUYER_BE: EInvoiceParty = {
  name: 'Brasserie du Pont NV',
  siren: null,
  vatNumber: 'BE0477472701',
  address: { line1: 'Rue du Pont 21', postalCode: '4000', city: 'Liège', countryCode: 'BE' },
  email: 'factures@brasserie-du-pont.example',
};

const BUYER_CH: EInvoiceParty = {
  name: 'Horlogerie Dubois SA',
  siren: null,
  vatNumber: null,
  gln: '7612345600017',
  address: { line1: 'Route de Lausanne 155', postalCode: '1202', city: 'Genève', countryCode: 'CH' },
  email: 'comptabilite@horlogerie-dubois.example',
};

const BUYER_FR_PHARMA: EInvoiceParty = {
  name: 'Pharmacie des Halles',
  siren: '845123900',
  vatNumber: 'FR68845123900',
  address: { line1: '2 place des Halles', postalCode: '37000', city: 'Tours', countryCode: 'FR' },
  email: 'officine@pharmacie-halles.example',
};

const BUYER_FR_RETAIL: EInvoiceParty = {
  name: 'Maison Lefèvre SA',
  siren: '903456127',
  siret: null,
  vatNumber: 'FR19903456127',
  gln: '3760999000012',
  address: { line1: '18 boulevard Haussmann', postalCode: '75009', city: 'Paris', countryCode: 'FR' },
  email: 'factures@maison-lefevre.example',
};

/** The French legal payment mentions (DOMAIN §2.3) as BT-22 notes. */
export function frenchLegalNotes(extra: EInvoiceNote[] = []): EInvoiceNote[] {
  return [
    {
      subjectCode: 'PMT',
      text: 'En cas de retard de paiement, pénalités au taux annuel de 12,15 % (taux BCE + 10 points) (art. L441-10 C. com.).',
    },
    {
      subjectCode: 'PMD',
      text: 'Indemnité forfaitaire pour frais de recouvrement en cas de retard de paiement : 40 € (art. L441-10 et D441-5 C. com.).',
    },
    { subjectCode: 'AAB', text: 'Pas d’escompte pour paiement anticipé.' },
    {
      subjectCode: 'ABL',
      text: 'Atelier Relais SAS au capital de 50 000 € - RCS Lyon 732 829 320 - TVA FR44732829320.',
    },
    ...extra,
  ];
}

type LineSpec = Omit<
  EInvoiceLine,
  'id' | 'netAmount' | 'allowanceBaseAmount' | 'allowanceAmount' | 'discountPercent' | 'unitCode' | 'sku'
> & {
  sku?: string;
  unitCode?: string;
  discountPercent?: string | null;
};

type Exemption = { category: string; reason: string; code: string };

type Spec = Omit<
  EInvoiceDocument,
  'lines' | 'allowancesCharges' | 'vatBreakdown' | 'totals' | 'seller' | 'payment' | 'vatAccounting' | 'notes'
> & {
  lines: LineSpec[];
  allowancesCharges?: EInvoiceAllowanceCharge[];
  exemptions?: Exemption[];
  /** Document currency → EUR rate: BT-111 = round(BT-110 × rate). */
  eurRate?: string;
  notes?: EInvoiceNote[];
  payment?: Partial<EInvoiceDocument['payment']>;
};

function operationNote(category: EInvoiceDocument['operationCategory']): EInvoiceNote {
  const label =
    category === 'goods' ? 'livraison de biens' : category === 'services' ? 'prestation de services' : 'mixte';
  return { subjectCode: 'AAI', text: `Catégorie de l’opération : ${label}.` };
}

/** Build a complete, consistent document from the inputs of a sale. */
export function buildDocument(spec: Spec): EInvoiceDocument {
  const acs = spec.allowancesCharges ?? [];
  const totals = computeTotals(
    spec.lines.map((l) => ({
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      discountPercent: l.discountPercent ?? null,
      vatCategory: l.vatCategory,
      vatRate: l.vatRate,
    })),
    acs.map((a): DocAllowanceCharge => ({ ...a })),
  );
  const lines: EInvoiceLine[] = spec.lines.map((l, i) => {
    const netAmount = totals.lines[i]!.netAmount;
    const pct = l.discountPercent && !dec(l.discountPercent).isZero() ? l.discountPercent : null;
    const base = pct ? toMoneyString(dec(l.quantity).times(dec(l.unitPrice))) : null;
    return {
      ...l,
      id: String(i + 1),
      sku: l.sku ?? `ART-${String(i + 1).padStart(3, '0')}`,
      unitCode: l.unitCode ?? 'C62',
      discountPercent: pct,
      allowanceBaseAmount: base,
      allowanceAmount: base ? toMoneyString(dec(base).minus(dec(netAmount))) : null,
      netAmount,
    };
  });
  const vatBreakdown = totals.vatBreakdown.map((g) => {
    const ex = spec.exemptions?.find((e) => e.category === g.vatCategory);
    return ex ? { ...g, exemptionReason: ex.reason, exemptionReasonCode: ex.code } : { ...g };
  });
  const prepaid = '0.00';
  const { exemptions: _exemptions, eurRate, payment, ...rest } = spec;
  const notes = spec.notes ?? frenchLegalNotes([operationNote(spec.operationCategory)]);
  return {
    ...rest,
    seller: FIXTURE_SELLER,
    notes,
    vatAccounting: eurRate
      ? { currency: 'EUR', vatTotal: toMoneyString(dec(totals.vat).times(dec(eurRate))), exchangeRate: eurRate }
      : null,
    payment: {
      meansCode: '58',
      remittanceInformation: spec.number,
      iban: 'FR7630006000011234567890189',
      bic: 'AGRIFRPPXXX',
      ...payment,
    },
    lines,
    allowancesCharges: acs,
    vatBreakdown,
    totals: {
      lineTotal: totals.lineTotal,
      allowanceTotal: totals.allowanceTotal,
      chargeTotal: totals.chargeTotal,
      net: totals.net,
      vat: totals.vat,
      gross: totals.gross,
      prepaid,
      payable: toMoneyString(dec(totals.gross).minus(dec(prepaid))),
    },
  };
}

const TERMS_30 =
  'Paiement à 30 jours date de facture, soit au plus tard le 15/12/2026, par virement. Pas d’escompte pour paiement anticipé. ' +
  'En cas de retard : pénalités au taux annuel de 12,15 % et indemnité forfaitaire pour frais de recouvrement de 40 €.';

const common = {
  issueDate: '2026-11-15',
  dueDate: '2026-12-15',
  currency: 'EUR',
  language: 'fr' as const,
  salesOrderReference: null,
  despatchAdviceReference: null,
  deliveryNotes: [],
  precedingInvoices: [],
  delivery: null,
  deliveryDate: null,
  invoicingPeriod: null,
  vatOnDebits: false,
  paymentTermsText: TERMS_30,
};

/** Case 1: DOMAIN §3.2 worked example — net 211.47, VAT 38.08, gross 249.55. */
export function sampleDocument(): EInvoiceDocument {
  return buildDocument({
    ...common,
    typeCode: '380',
    number: 'FA-2026-00042',
    buyer: BUYER_FR,
    buyerReference: 'ACHATS-GRENOBLE',
    purchaseOrderReference: 'PO-88231',
    salesOrderReference: 'CC-2026-0101',
    despatchAdviceReference: 'BL-2026-00012',
    deliveryNotes: [{ number: 'BL-2026-00012', date: '2026-11-12' }],
    delivery: {
      name: 'Durand & Fils - Entrepôt',
      address: { line1: '9 rue de l’Industrie', postalCode: '38400', city: 'Saint-Martin-d’Hères', countryCode: 'FR' },
    },
    deliveryDate: '2026-11-12',
    operationCategory: 'goods',
    lines: [
      {
        sku: 'VIS-INOX-M6',
        name: 'Vis inox M6 (boîte)',
        quantity: '10',
        unitPrice: '12.345',
        vatCategory: 'S',
        vatRate: '20.00',
      },
      {
        sku: 'GANT-NIT-L',
        name: 'Gants nitrile taille L',
        description: 'Boîte de 100',
        quantity: '3',
        unitPrice: '19.99',
        discountPercent: '10',
        vatCategory: 'S',
        vatRate: '20.00',
        note: 'BL-2026-00012 du 12/11/2026',
      },
      {
        sku: 'CAFE-1KG',
        name: 'Café en grains 1 kg',
        quantity: '7',
        unitPrice: '4.15',
        vatCategory: 'S',
        vatRate: '5.50',
      },
    ],
    allowancesCharges: [
      {
        kind: 'allowance',
        amount: '10.00',
        vatCategory: 'S',
        vatRate: '20.00',
        reason: 'Remise commerciale',
        reasonCode: '95',
      },
      { kind: 'charge', amount: '15.00', vatCategory: 'S', vatRate: '20.00', reason: 'Port', reasonCode: 'FC' },
    ],
  });
}

/** The table of cases every writer must handle (see DOMAIN §2.4, §2.6, §3). */
export function einvoiceCases(): { name: string; doc: EInvoiceDocument }[] {
  const downPayment = buildDocument({
    ...common,
    typeCode: '386',
    number: 'FA-2026-00050',
    issueDate: '2026-10-01',
    dueDate: '2026-10-15',
    paymentTermsText:
      'Acompte payable à réception, au plus tard le 15/10/2026, par virement. Pas d’escompte pour paiement anticipé.',
    buyer: BUYER_FR,
    buyerReference: null,
    purchaseOrderReference: 'PO-88400',
    salesOrderReference: 'CC-2026-0107',
    operationCategory: 'goods',
    lines: [
      {
        sku: 'ACOMPTE',
        name: 'Acompte de 30 % sur commande CC-2026-0107 (presse hydraulique PH-40)',
        quantity: '1',
        unitPrice: '3000.00',
        vatCategory: 'S',
        vatRate: '20.00',
      },
    ],
  });

  return [
    { name: '01-worked-example', doc: sampleDocument() },
    {
      name: '02-reverse-charge-ae',
      doc: buildDocument({
        ...common,
        typeCode: '380',
        number: 'FA-2026-00043',
        buyer: BUYER_DE,
        buyerReference: 'BESTELLUNG-4711',
        purchaseOrderReference: '4711',
        operationCategory: 'services',
        invoicingPeriod: { start: '2026-11-01', end: '2026-11-15' },
        notes: frenchLegalNotes([
          { subjectCode: 'AAI', text: 'Catégorie de l’opération : prestation de services.' },
          { subjectCode: 'REG', text: 'Autoliquidation - article 196 de la directive 2006/112/CE.' },
        ]),
        lines: [
          {
            sku: 'SRV-INSTALL',
            name: 'Installation et mise en service',
            quantity: '2.5',
            unitPrice: '680.00',
            unitCode: 'DAY',
            vatCategory: 'AE',
            vatRate: '0.00',
          },
          {
            sku: 'SRV-FORM',
            name: 'Formation des opérateurs',
            quantity: '6',
            unitPrice: '95.00',
            unitCode: 'HUR',
            discountPercent: '5',
            vatCategory: 'AE',
            vatRate: '0.00',
          },
        ],
        exemptions: [{ category: 'AE', reason: 'Autoliquidation', code: 'VATEX-EU-AE' }],
      }),
    },
    {
      name: '03-intra-eu-goods-k',
      doc: buildDocument({
        ...common,
        typeCode: '380',
        number: 'FA-2026-00044',
        buyer: BUYER_BE,
        buyerReference: null,
        purchaseOrderReference: 'BC-2026-118',
        despatchAdviceReference: 'BL-2026-00015',
        deliveryNotes: [{ number: 'BL-2026-00015', date: '2026-11-10' }],
        delivery: {
          name: 'Brasserie du Pont - Quai de chargement',
          address: { line1: 'Quai de la Batte 3', postalCode: '4020', city: 'Liège', countryCode: 'BE' },
        },
        deliveryDate: '2026-11-10',
        operationCategory: 'goods',
        notes: frenchLegalNotes([
          { subjectCode: 'AAI', text: 'Catégorie de l’opération : livraison de biens.' },
          { subjectCode: 'REG', text: 'Exonération de TVA, article 262 ter I du CGI.' },
        ]),
        lines: [
          {
            sku: 'FUT-30L',
            name: 'Fût inox 30 L',
            quantity: '24',
            unitPrice: '89.90',
            vatCategory: 'K',
            vatRate: '0.00',
          },
          {
            sku: 'TIR-INOX',
            name: 'Tireuse inox 2 becs',
            quantity: '2',
            unitPrice: '1249.00',
            vatCategory: 'K',
            vatRate: '0.00',
          },
        ],
        allowancesCharges: [
          {
            kind: 'charge',
            amount: '180.00',
            vatCategory: 'K',
            vatRate: '0.00',
            reason: 'Transport',
            reasonCode: 'FC',
          },
        ],
        exemptions: [{ category: 'K', reason: 'Exonération de TVA, article 262 ter I du CGI', code: 'VATEX-EU-IC' }],
      }),
    },
    {
      name: '04-export-g',
      doc: buildDocument({
        ...common,
        typeCode: '380',
        number: 'FA-2026-00045',
        buyer: BUYER_CH,
        buyerReference: null,
        purchaseOrderReference: 'CMD-CH-5521',
        delivery: { name: 'Horlogerie Dubois SA', address: BUYER_CH.address },
        deliveryDate: '2026-11-13',
        operationCategory: 'goods',
        notes: frenchLegalNotes([
          { subjectCode: 'AAI', text: 'Catégorie de l’opération : livraison de biens.' },
          { subjectCode: 'REG', text: 'Exportation exonérée de TVA – article 262 I du CGI. Incoterm DAP Genève.' },
        ]),
        lines: [
          {
            sku: 'ETAU-150',
            name: 'Étau d’horloger 150 mm',
            quantity: '5',
            unitPrice: '312.40',
            vatCategory: 'G',
            vatRate: '0.00',
          },
          {
            sku: 'LOUPE-X10',
            name: 'Loupe frontale x10',
            quantity: '12',
            unitPrice: '48.75',
            vatCategory: 'G',
            vatRate: '0.00',
          },
        ],
        exemptions: [
          { category: 'G', reason: 'Exportation exonérée de TVA – article 262 I du CGI', code: 'VATEX-EU-G' },
        ],
      }),
    },
    {
      name: '05-foreign-currency-usd',
      doc: buildDocument({
        ...common,
        typeCode: '380',
        number: 'FA-2026-00046',
        currency: 'USD',
        eurRate: '0.9215',
        buyer: { ...BUYER_FR_RETAIL, gln: null },
        buyerReference: 'US-GROUP-PROC',
        purchaseOrderReference: 'PO-US-2231',
        deliveryDate: '2026-11-14',
        operationCategory: 'mixed',
        vatOnDebits: true,
        notes: frenchLegalNotes([
          {
            subjectCode: 'AAI',
            text: 'Catégorie de l’opération : mixte (livraison de biens et prestation de services).',
          },
          { subjectCode: 'TXD', text: 'Option pour le paiement de la taxe d’après les débits.' },
          { subjectCode: 'TXD', text: 'TVA en euros au taux de change 1 USD = 0,9215 EUR.' },
        ]),
        lines: [
          {
            sku: 'CAPT-T200',
            name: 'Capteur de température T200',
            quantity: '40',
            unitPrice: '27.35',
            vatCategory: 'S',
            vatRate: '20.00',
          },
          {
            sku: 'CABLE-5M',
            name: 'Câble blindé 5 m',
            quantity: '40',
            unitPrice: '6.10',
            vatCategory: 'S',
            vatRate: '20.00',
          },
          {
            sku: 'SRV-MES',
            name: 'Mise en service sur site',
            quantity: '3.5',
            unitPrice: '85.00',
            unitCode: 'HUR',
            vatCategory: 'S',
            vatRate: '20.00',
          },
        ],
      }),
    },
    {
      name: '06-credit-note-381',
      doc: buildDocument({
        ...common,
        typeCode: '381',
        number: 'AV-2026-00007',
        issueDate: '2026-11-20',
        dueDate: null,
        paymentTermsText: 'Avoir à imputer sur votre prochain règlement ou remboursé par virement sous 30 jours.',
        buyer: BUYER_FR,
        buyerReference: 'ACHATS-GRENOBLE',
        purchaseOrderReference: 'PO-88231',
        precedingInvoices: [{ number: 'FA-2026-00042', issueDate: '2026-11-15' }],
        operationCategory: 'goods',
        notes: frenchLegalNotes([
          { subjectCode: 'AAI', text: 'Avoir relatif à la facture FA-2026-00042 du 15/11/2026 (retour marchandise).' },
        ]),
        lines: [
          {
            sku: 'GANT-NIT-L',
            name: 'Gants nitrile taille L - retour',
            quantity: '2',
            unitPrice: '19.99',
            discountPercent: '10',
            vatCategory: 'S',
            vatRate: '20.00',
          },
        ],
      }),
    },
    { name: '07-down-payment-386', doc: downPayment },
    {
      name: '08-final-after-down-payment',
      doc: buildDocument({
        ...common,
        typeCode: '380',
        number: 'FA-2026-00051',
        buyer: BUYER_FR,
        buyerReference: null,
        purchaseOrderReference: 'PO-88400',
        salesOrderReference: 'CC-2026-0107',
        despatchAdviceReference: 'BL-2026-00020',
        deliveryNotes: [{ number: 'BL-2026-00020', date: '2026-11-14' }],
        deliveryDate: '2026-11-14',
        precedingInvoices: [{ number: downPayment.number, issueDate: downPayment.issueDate }],
        operationCategory: 'goods',
        lines: [
          {
            sku: 'PH-40',
            name: 'Presse hydraulique PH-40',
            quantity: '1',
            unitPrice: '10000.00',
            vatCategory: 'S',
            vatRate: '20.00',
          },
          {
            sku: 'ACOMPTE',
            name: 'Déduction acompte facture FA-2026-00050 du 01/10/2026',
            quantity: '-1',
            unitPrice: '3000.00',
            vatCategory: 'S',
            vatRate: '20.00',
          },
        ],
      }),
    },
    {
      name: '09-gtin-buyer-ids-order-lines',
      doc: buildDocument({
        ...common,
        typeCode: '380',
        number: 'FA-2026-00047',
        buyer: BUYER_FR_RETAIL,
        buyerReference: 'MAG-PARIS-09',
        purchaseOrderReference: 'PO-ML-77120',
        despatchAdviceReference: 'BL-2026-00016',
        deliveryNotes: [{ number: 'BL-2026-00016', date: '2026-11-13' }],
        delivery: {
          name: 'Maison Lefèvre - Plateforme logistique',
          gln: '3760999000029',
          address: { line1: 'Rue des Entrepôts', postalCode: '94150', city: 'Rungis', countryCode: 'FR' },
        },
        deliveryDate: '2026-11-13',
        operationCategory: 'goods',
        lines: [
          {
            sku: 'THE-VERT-100',
            gtin: '3760123450003',
            buyerItemId: 'ML-448812',
            orderLineReference: '10',
            name: 'Thé vert bio 100 g',
            quantity: '48',
            unitPrice: '3.9500',
            vatCategory: 'S',
            vatRate: '5.50',
          },
          {
            sku: 'THEIERE-FONTE',
            gtin: '3760123450010',
            buyerItemId: 'ML-448950',
            orderLineReference: '20',
            name: 'Théière en fonte 0,8 L',
            quantity: '6',
            unitPrice: '24.90',
            discountPercent: '12.5',
            vatCategory: 'S',
            vatRate: '20.00',
          },
        ],
      }),
    },
    {
      name: '10-rates-2.1-and-10',
      doc: buildDocument({
        ...common,
        typeCode: '380',
        number: 'FA-2026-00048',
        buyer: BUYER_FR_PHARMA,
        buyerReference: null,
        purchaseOrderReference: 'CDE-PH-0932',
        deliveryDate: '2026-11-14',
        operationCategory: 'goods',
        lines: [
          {
            sku: 'MED-REMB-01',
            name: 'Médicament remboursable (boîte de 30)',
            quantity: '20',
            unitPrice: '7.42',
            vatCategory: 'S',
            vatRate: '2.10',
          },
          {
            sku: 'MED-NREMB-02',
            name: 'Médicament non remboursable (flacon)',
            quantity: '15',
            unitPrice: '5.87',
            vatCategory: 'S',
            vatRate: '10.00',
          },
          {
            sku: 'PRESSE-01',
            name: 'Revue professionnelle (abonnement)',
            quantity: '1',
            unitPrice: '58.00',
            vatCategory: 'S',
            vatRate: '2.10',
          },
        ],
      }),
    },
  ];
}
