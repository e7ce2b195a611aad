/**
 * The columns of each import kind: the field they fill, the French and English headers written by the export, and
 * the header names accepted on import (French or English, compared without case, accents, spaces or punctuation).
 * The export writes exactly these columns, so an exported file can be edited in Excel and imported back.
 */
export const importKinds = ['customers', 'products', 'customer_prices'] as const;
export type ImportKind = (typeof importKinds)[number];

export type FieldType =
  /** free text, trimmed */
  | 'text'
  /** an identifier: a number cell is written back as its digits, optionally left-padded with zeros */
  | 'code'
  /** a decimal number: "1 234,50", "1.234,50", "1,234.50" and Excel numbers become "1234.50" */
  | 'decimal'
  | 'integer'
  | 'boolean'
  /** an Excel date, dd/mm/yyyy or yyyy-mm-dd → yyyy-mm-dd */
  | 'date';

export type ColumnDef = {
  field: string;
  fr: string;
  en: string;
  /** other accepted headers (the field name, fr and en are always accepted) */
  aliases: string[];
  type: FieldType;
  /** the key of the row (SKU, customer code): a file without it cannot be read */
  required?: boolean;
  /** an empty cell leaves the current value (or the default) rather than clearing it */
  emptyKeeps?: boolean;
  /** a number cell shorter than this is left-padded with zeros (postal codes, SIREN typed as numbers in Excel) */
  pad?: number;
  /** written by the export to help reading, ignored by the import */
  exportOnly?: boolean;
  /** accepted spellings → value, compared like headers (e.g. "France" → "FR") */
  values?: Record<string, string>;
  /** Excel column width */
  width?: number;
};

const countries: Record<string, string> = {
  france: 'FR',
  belgique: 'BE',
  belgium: 'BE',
  allemagne: 'DE',
  germany: 'DE',
  espagne: 'ES',
  spain: 'ES',
  italie: 'IT',
  italy: 'IT',
  luxembourg: 'LU',
  paysbas: 'NL',
  netherlands: 'NL',
  suisse: 'CH',
  switzerland: 'CH',
  portugal: 'PT',
  autriche: 'AT',
  austria: 'AT',
  royaumeuni: 'GB',
  unitedkingdom: 'GB',
  irlande: 'IE',
  ireland: 'IE',
  monaco: 'MC',
};

export const columnsByKind: Record<ImportKind, ColumnDef[]> = {
  products: [
    {
      field: 'sku',
      fr: 'Référence',
      en: 'SKU',
      aliases: ['ref', 'réf', 'code article', 'article'],
      type: 'code',
      required: true,
      width: 16,
    },
    {
      field: 'name',
      fr: 'Désignation',
      en: 'Name',
      aliases: ['libellé', 'nom', 'product name'],
      type: 'text',
      width: 40,
    },
    {
      field: 'nameEn',
      fr: 'Désignation EN',
      en: 'Name EN',
      aliases: ['designation anglais', 'english name', 'libellé en'],
      type: 'text',
      width: 30,
    },
    { field: 'category', fr: 'Famille', en: 'Category', aliases: ['catégorie'], type: 'text', width: 20 },
    { field: 'unit', fr: 'Unité', en: 'Unit', aliases: ['unite de vente'], type: 'text', emptyKeeps: true, width: 8 },
    {
      field: 'unitPrice',
      fr: 'Prix unitaire HT',
      en: 'Unit price excl. VAT',
      aliases: ['prix', 'prix unitaire', 'pu ht', 'pu', 'prix ht', 'tarif', 'price', 'unit price'],
      type: 'decimal',
      width: 14,
    },
    {
      field: 'vatCategory',
      fr: 'Catégorie TVA',
      en: 'VAT category',
      aliases: ['code tva'],
      type: 'text',
      emptyKeeps: true,
      width: 10,
    },
    {
      field: 'vatRate',
      fr: 'Taux TVA',
      en: 'VAT rate',
      aliases: ['tva', 'taux de tva', 'vat'],
      type: 'decimal',
      emptyKeeps: true,
      width: 10,
    },
    {
      field: 'gtin',
      fr: 'EAN',
      en: 'GTIN',
      aliases: ['ean13', 'code barre', 'code ean', 'barcode'],
      type: 'code',
      width: 16,
    },
    {
      field: 'packSize',
      fr: 'Colisage',
      en: 'Pack size',
      aliases: ['conditionnement', 'pcb'],
      type: 'decimal',
      width: 10,
    },
    { field: 'packName', fr: 'Nom du colis', en: 'Pack name', aliases: [], type: 'text', width: 12 },
    { field: 'packGtin', fr: 'EAN colis', en: 'Pack GTIN', aliases: ['dun14', 'gtin colis'], type: 'code', width: 16 },
    {
      field: 'weightKg',
      fr: 'Poids (kg)',
      en: 'Weight (kg)',
      aliases: ['poids', 'weight'],
      type: 'decimal',
      width: 10,
    },
    {
      field: 'minOrderQuantity',
      fr: 'Minimum de commande',
      en: 'Minimum order quantity',
      aliases: ['mini commande', 'moq'],
      type: 'decimal',
      width: 12,
    },
    {
      field: 'orderMultiple',
      fr: 'Multiple de commande',
      en: 'Order multiple',
      aliases: ['multiple'],
      type: 'decimal',
      width: 12,
    },
    {
      field: 'leadTimeDays',
      fr: 'Délai (jours)',
      en: 'Lead time (days)',
      aliases: ['délai', 'délai livraison', 'lead time'],
      type: 'integer',
      width: 10,
    },
    {
      field: 'hsCode',
      fr: 'Code douanier',
      en: 'HS code',
      aliases: ['nomenclature douanière', 'code sh', 'code nc'],
      type: 'code',
      width: 12,
    },
    {
      field: 'originCountry',
      fr: "Pays d'origine",
      en: 'Origin country',
      aliases: ['origine', 'origin'],
      type: 'text',
      values: countries,
      width: 10,
    },
    {
      field: 'stockTracked',
      fr: 'Géré en stock',
      en: 'Stock tracked',
      aliases: ['stock'],
      type: 'boolean',
      emptyKeeps: true,
      width: 10,
    },
    { field: 'active', fr: 'Actif', en: 'Active', aliases: ['actif o n'], type: 'boolean', emptyKeeps: true, width: 8 },
  ],
  customers: [
    {
      field: 'code',
      fr: 'Code client',
      en: 'Customer code',
      aliases: ['code', 'n client', 'numero client'],
      type: 'code',
      required: true,
      width: 14,
    },
    {
      field: 'name',
      fr: 'Raison sociale',
      en: 'Company name',
      aliases: ['nom', 'client', 'name', 'société', 'customer'],
      type: 'text',
      width: 36,
    },
    { field: 'siren', fr: 'SIREN', en: 'SIREN', aliases: [], type: 'code', pad: 9, width: 12 },
    { field: 'siret', fr: 'SIRET', en: 'SIRET', aliases: [], type: 'code', pad: 14, width: 16 },
    {
      field: 'vatNumber',
      fr: 'N° TVA intracom',
      en: 'VAT number',
      aliases: [
        'tva intracom',
        'n° tva',
        'numéro de tva',
        'tva intracommunautaire',
        'numéro tva intracommunautaire',
        'vat',
        'vat id',
      ],
      type: 'code',
      width: 16,
    },
    {
      field: 'countryCode',
      fr: 'Pays',
      en: 'Country',
      aliases: ['code pays', 'country code'],
      type: 'text',
      emptyKeeps: true,
      values: countries,
      width: 8,
    },
    {
      field: 'line1',
      fr: 'Adresse',
      en: 'Address',
      aliases: ['adresse 1', 'adresse ligne 1', 'address line 1', 'rue'],
      type: 'text',
      width: 30,
    },
    {
      field: 'line2',
      fr: 'Complément',
      en: 'Address line 2',
      aliases: ['complément d’adresse', "complément d'adresse", 'adresse 2', 'adresse ligne 2'],
      type: 'text',
      width: 20,
    },
    {
      field: 'postalCode',
      fr: 'Code postal',
      en: 'Postal code',
      aliases: ['cp', 'zip', 'zip code', 'postcode'],
      type: 'code',
      pad: 5,
      width: 10,
    },
    { field: 'city', fr: 'Ville', en: 'City', aliases: ['commune', 'localité'], type: 'text', width: 20 },
    { field: 'currency', fr: 'Devise', en: 'Currency', aliases: ['monnaie'], type: 'text', emptyKeeps: true, width: 8 },
    {
      field: 'language',
      fr: 'Langue',
      en: 'Language',
      aliases: [],
      type: 'text',
      emptyKeeps: true,
      values: {
        francais: 'fr',
        french: 'fr',
        anglais: 'en',
        english: 'en',
        allemand: 'de',
        german: 'de',
        espagnol: 'es',
        spanish: 'es',
        italien: 'it',
        italian: 'it',
        neerlandais: 'nl',
        dutch: 'nl',
      },
      width: 8,
    },
    {
      field: 'paymentDays',
      fr: 'Délai de paiement (jours)',
      en: 'Payment days',
      aliases: ['délai', 'délai de paiement', 'délai paiement', 'jours', 'payment terms days'],
      type: 'integer',
      emptyKeeps: true,
      width: 12,
    },
    {
      field: 'paymentBasis',
      fr: 'Base de paiement',
      en: 'Payment basis',
      aliases: ['condition de paiement', 'échéance'],
      type: 'text',
      emptyKeeps: true,
      values: {
        datedefacture: 'invoice_date',
        datefacture: 'invoice_date',
        net: 'invoice_date',
        invoicedate: 'invoice_date',
        findemois: 'end_of_month',
        endofmonth: 'end_of_month',
        findemoisplusjours: 'end_of_month_then_days',
        findemoispuisjours: 'end_of_month_then_days',
        endofmonththendays: 'end_of_month_then_days',
      },
      width: 18,
    },
    {
      field: 'creditLimit',
      fr: 'Encours autorisé',
      en: 'Credit limit',
      aliases: ['encours', 'encours max', 'plafond'],
      type: 'decimal',
      width: 14,
    },
    {
      field: 'email',
      fr: 'E-mail facturation',
      en: 'Invoice e-mail',
      aliases: ['email', 'e-mail', 'mail', 'courriel', 'invoice email'],
      type: 'text',
      width: 28,
    },
  ],
  customer_prices: [
    {
      field: 'customerCode',
      fr: 'Code client',
      en: 'Customer code',
      aliases: ['client', 'code'],
      type: 'code',
      required: true,
      width: 14,
    },
    {
      field: 'customerName',
      fr: 'Raison sociale',
      en: 'Company name',
      aliases: ['nom client'],
      type: 'text',
      exportOnly: true,
      width: 30,
    },
    {
      field: 'sku',
      fr: 'Référence',
      en: 'SKU',
      aliases: ['ref', 'réf', 'code article', 'article'],
      type: 'code',
      required: true,
      width: 16,
    },
    {
      field: 'productName',
      fr: 'Désignation',
      en: 'Name',
      aliases: ['libellé'],
      type: 'text',
      exportOnly: true,
      width: 36,
    },
    {
      field: 'unitPrice',
      fr: 'Prix unitaire HT',
      en: 'Unit price excl. VAT',
      aliases: ['prix', 'prix unitaire', 'pu ht', 'prix net', 'price', 'unit price'],
      type: 'decimal',
      required: true,
      width: 14,
    },
    {
      field: 'minQuantity',
      fr: 'Quantité mini',
      en: 'Min. quantity',
      aliases: ['quantité minimum', 'qté mini', 'à partir de', 'min quantity'],
      type: 'decimal',
      emptyKeeps: true,
      width: 12,
    },
    {
      field: 'validFrom',
      fr: 'Du',
      en: 'Valid from',
      aliases: ['début', 'date de début', 'valable du', 'from'],
      type: 'date',
      width: 12,
    },
    {
      field: 'validTo',
      fr: 'Au',
      en: 'Valid to',
      aliases: ['fin', 'date de fin', 'valable au', 'to'],
      type: 'date',
      width: 12,
    },
    { field: 'note', fr: 'Commentaire', en: 'Note', aliases: ['remarque', 'comment'], type: 'text', width: 30 },
  ],
};

/** Header comparison key: lower case, no accents, letters and digits only ("N° TVA" → "ntva"). */
export const normalizeHeader = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

const lookups = new Map<ImportKind, Map<string, ColumnDef>>();

/** The column a header names, for a kind; undefined for an unknown header. */
export function columnForHeader(kind: ImportKind, header: string): ColumnDef | undefined {
  let map = lookups.get(kind);
  if (!map) {
    map = new Map();
    for (const c of columnsByKind[kind])
      for (const name of [c.field, c.fr, c.en, ...c.aliases]) {
        const k = normalizeHeader(name);
        if (!map.has(k)) map.set(k, c);
      }
    lookups.set(kind, map);
  }
  return map.get(normalizeHeader(header));
}

/** The header of a field as written by the export (and shown in messages when the file lacks the column). */
export function headerOf(kind: ImportKind, field: string, lang: 'fr' | 'en'): string {
  const c = columnsByKind[kind].find((x) => x.field === field);
  return c ? c[lang] : field;
}
