import { domainMessages } from './messages-domain';
import { importMessages } from './messages-imports';
import { orderMessages } from './messages-orders';
import { deliveryMessages } from './messages-deliveries';
import { invoiceMessages } from './messages-invoices';
import { receivablesMessages } from './messages-receivables';

/** Error and finding messages, keyed by stable code, in the languages Relais speaks. French first. */
export type Lang = 'fr' | 'en';

type Catalog = Record<string, { fr: string; en: string }>;

export const messages: Catalog = {
  ...domainMessages,
  ...importMessages,
  ...orderMessages,
  ...deliveryMessages,
  ...invoiceMessages,
  ...receivablesMessages,
  // generic field errors
  required: { fr: 'Ce champ est obligatoire.', en: 'This field is required.' },
  too_long: { fr: 'Trop long ({max} caractères au plus).', en: 'Too long (at most {max} characters).' },
  too_short: { fr: 'Trop court.', en: 'Too short.' },
  too_small: { fr: 'Valeur trop petite (minimum {min}).', en: 'Value too small (minimum {min}).' },
  too_big: { fr: 'Valeur trop grande (maximum {max}).', en: 'Value too large (maximum {max}).' },
  invalid_type: { fr: 'Type de valeur incorrect.', en: 'Wrong type of value.' },
  invalid_value: { fr: 'Valeur non autorisée.', en: 'Value not allowed.' },
  invalid_format: { fr: 'Format incorrect.', en: 'Invalid format.' },
  unknown_field: { fr: 'Champ inconnu.', en: 'Unknown field.' },
  invalid_decimal: {
    fr: 'Nombre décimal attendu, en chaîne avec un point (ex. "1234.50").',
    en: 'A decimal number is expected, as a string with a dot (e.g. "1234.50").',
  },
  too_many_decimals: { fr: 'Au plus {max} décimales.', en: 'At most {max} decimal places.' },
  must_be_positive: { fr: 'La valeur doit être positive.', en: 'The value must be positive.' },
  invalid_country: {
    fr: 'Code pays ISO 3166 à 2 lettres attendu (ex. FR).',
    en: 'ISO 3166 two-letter country code expected (e.g. FR).',
  },
  invalid_currency: {
    fr: 'Code devise ISO 4217 attendu (ex. EUR).',
    en: 'ISO 4217 currency code expected (e.g. EUR).',
  },
  invalid_date: { fr: 'Date attendue au format AAAA-MM-JJ.', en: 'Date expected as YYYY-MM-DD.' },
  invalid_email: { fr: 'Adresse e-mail invalide.', en: 'Invalid e-mail address.' },
  invalid_code: {
    fr: 'Lettres, chiffres, « . », « _ », « / » ou « - » uniquement.',
    en: 'Letters, digits, ".", "_", "/" or "-" only.',
  },
  duplicate_value: { fr: 'Valeur en double.', en: 'Duplicate value.' },
  invalid_uuid: { fr: 'Identifiant invalide.', en: 'Invalid identifier.' },
  // identifiers
  invalid_siren: {
    fr: 'SIREN invalide : 9 chiffres dont le dernier est une clé de contrôle (Luhn).',
    en: 'Invalid SIREN: 9 digits, the last one a check digit (Luhn).',
  },
  invalid_siret: {
    fr: 'SIRET invalide : 14 chiffres (SIREN + NIC) avec une clé de contrôle (Luhn).',
    en: 'Invalid SIRET: 14 digits (SIREN + NIC) with a check digit (Luhn).',
  },
  siren_required_fr: {
    fr: 'Le SIREN est obligatoire pour un client français (mention obligatoire des factures depuis la réforme 2026).',
    en: 'SIREN is required for a French customer (mandatory on invoices since the 2026 reform).',
  },
  siret_siren_mismatch: { fr: 'Le SIRET doit commencer par le SIREN.', en: 'The SIRET must start with the SIREN.' },
  invalid_vat_format: {
    fr: 'Numéro de TVA intracommunautaire au format incorrect pour ce pays.',
    en: 'VAT number has the wrong format for its country.',
  },
  invalid_vat_key: {
    fr: 'Clé du numéro de TVA incorrecte (FR + clé + SIREN).',
    en: 'Wrong check key in the VAT number (FR + key + SIREN).',
  },
  unknown_vat_country: {
    fr: 'Le numéro de TVA doit commencer par un code pays de l’UE (ex. FR, DE, BE).',
    en: 'The VAT number must start with an EU country code (e.g. FR, DE, BE).',
  },
  vat_country_mismatch: {
    fr: 'Le pays du numéro de TVA ne correspond pas au pays du client.',
    en: 'The VAT number’s country does not match the customer’s country.',
  },
  vat_siren_mismatch: {
    fr: 'Le numéro de TVA ne correspond pas au SIREN.',
    en: 'The VAT number does not match the SIREN.',
  },
  invalid_gln: { fr: 'GLN invalide (13 chiffres, clé GS1).', en: 'Invalid GLN (13 digits, GS1 check digit).' },
  invalid_gtin: {
    fr: 'GTIN invalide (8, 12, 13 ou 14 chiffres, clé GS1).',
    en: 'Invalid GTIN (8, 12, 13 or 14 digits, GS1 check digit).',
  },
  invalid_iban: { fr: 'IBAN invalide.', en: 'Invalid IBAN.' },
  invalid_bic: { fr: 'BIC invalide.', en: 'Invalid BIC.' },
  invalid_postal_code_fr: { fr: 'Code postal français : 5 chiffres.', en: 'French postal code: 5 digits.' },
  invalid_unit: {
    fr: 'Code unité UN/ECE Rec. 20 attendu (ex. C62).',
    en: 'UN/ECE Rec. 20 unit code expected (e.g. C62).',
  },
  invalid_hs_code: { fr: 'Code SH/NC : 6 à 10 chiffres.', en: 'HS/CN code: 6 to 10 digits.' },
  // business rules
  day_of_month_needs_end_of_month: {
    fr: 'Le jour de paiement ne s’applique qu’aux conditions « fin de mois ».',
    en: 'A payment day only applies to "end of month" terms.',
  },
  several_default_ship_tos: {
    fr: 'Un seul site de livraison peut être le site par défaut.',
    en: 'Only one ship-to can be the default.',
  },
  backup_same_as_manager: {
    fr: 'Le suppléant doit être différent du gestionnaire.',
    en: 'The backup must differ from the account manager.',
  },
  vat_rate_required_standard: {
    fr: 'Le taux normal (catégorie S) doit être supérieur à zéro.',
    en: 'The standard category (S) needs a rate above zero.',
  },
  vat_rate_must_be_zero: {
    fr: 'Le taux doit être 0 pour cette catégorie de TVA.',
    en: 'The rate must be 0 for this VAT category.',
  },
  unknown_user: { fr: 'Utilisateur inconnu dans cette société.', en: 'Unknown user in this company.' },
  invalid_time: { fr: 'Heure attendue au format HH:MM.', en: 'Time expected as HH:MM.' },
  time_range_inverted: {
    fr: 'L’heure de fin doit suivre l’heure de début.',
    en: 'The end time must follow the start time.',
  },
  date_range_inverted: {
    fr: 'La date de fin doit suivre la date de début.',
    en: 'The end date must follow the start date.',
  },
  invalid_pattern: { fr: 'Expression régulière invalide.', en: 'Invalid regular expression.' },
  sku_or_product_id: {
    fr: 'Indiquez soit la référence (sku), soit l’identifiant de l’article.',
    en: 'Give either the SKU or the product id.',
  },
  unknown_product: { fr: 'Article inconnu.', en: 'Unknown product.' },
  unknown_customer: { fr: 'Client inconnu.', en: 'Unknown customer.' },
  unknown_ship_to: { fr: 'Site de livraison inconnu pour ce client.', en: 'Unknown ship-to for this customer.' },
  invalid_percent: { fr: 'Pourcentage entre 0 et 100 attendu.', en: 'A percentage between 0 and 100 is expected.' },
  immutable_field: { fr: 'Ce champ ne peut plus être modifié.', en: 'This field can no longer be changed.' },
  override_reason_required: {
    fr: 'Le prix diffère du prix calculé : indiquez la raison de la dérogation.',
    en: 'The price differs from the computed price: give the reason for the override.',
  },
  quote_not_editable: { fr: 'Seul un devis en brouillon peut être modifié.', en: 'Only a draft quote can be changed.' },
  invalid_transition: { fr: 'Action impossible dans l’état actuel.', en: 'Not possible in the current state.' },
  import_has_errors: {
    fr: 'Le fichier contient des erreurs : corrigez-les ou importez seulement les lignes valides.',
    en: 'The file has errors: fix them or import the valid rows only.',
  },
  unknown_warehouse: { fr: 'Entrepôt inconnu.', en: 'Unknown warehouse.' },
  must_not_be_zero: { fr: 'La quantité ne peut pas être nulle.', en: 'The quantity cannot be zero.' },
  stock_below_reserved: {
    fr: 'Le stock deviendrait négatif ou inférieur aux quantités réservées.',
    en: 'The stock would go below zero or below the reserved quantities.',
  },
  // problem codes
  validation_failed: { fr: 'Données invalides.', en: 'Invalid data.' },
  not_found: { fr: 'Introuvable.', en: 'Not found.' },
  conflict: { fr: 'Conflit avec l’état actuel.', en: 'Conflict with the current state.' },
  duplicate_code: { fr: 'Ce code existe déjà.', en: 'This code already exists.' },
  unauthorized: { fr: 'Authentification requise.', en: 'Authentication required.' },
  invalid_credentials: { fr: 'E-mail ou mot de passe incorrect.', en: 'Wrong e-mail or password.' },
  forbidden: { fr: 'Vous n’avez pas le droit de faire cela.', en: 'You are not allowed to do this.' },
  csrf_failed: { fr: 'Jeton CSRF manquant ou incorrect.', en: 'Missing or wrong CSRF token.' },
  no_company: { fr: 'Aucune société sélectionnée ou accessible.', en: 'No company selected or accessible.' },
  rate_limited: {
    fr: 'Trop de tentatives, réessayez dans une minute.',
    en: 'Too many attempts, try again in a minute.',
  },
  idempotency_conflict: {
    fr: 'Cette clé d’idempotence a déjà servi pour une autre requête.',
    en: 'This idempotency key was already used for a different request.',
  },
  invalid_idempotency_key: {
    fr: 'En-tête Idempotency-Key invalide (1 à 200 caractères).',
    en: 'Invalid Idempotency-Key header (1 to 200 characters).',
  },
  version_conflict: {
    fr: 'L’enregistrement a été modifié entre-temps ; rechargez-le.',
    en: 'The record was changed meanwhile; reload it.',
  },
  invalid_cursor: { fr: 'Curseur de pagination invalide.', en: 'Invalid pagination cursor.' },
  invalid_sort: { fr: 'Tri impossible sur ce champ.', en: 'Cannot sort on this field.' },
  payload_too_large: { fr: 'Requête trop volumineuse.', en: 'Request too large.' },
  invalid_json: { fr: 'JSON mal formé.', en: 'Malformed JSON.' },
  internal_error: { fr: 'Erreur interne ; elle a été journalisée.', en: 'Internal error; it has been logged.' },
};

const WEEKDAYS = {
  fr: ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'],
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
};
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A decimal string as people read it: "16.5000" → "16,50" (fr) / "16.50" (en); integers stay integers. No float. */
function humanDecimal(v: string, lang: Lang): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(v);
  if (!m) return v;
  const [, sign, int = '', frac = ''] = m;
  const trimmed = frac.replace(/0+$/, '');
  const decimals = frac ? trimmed.padEnd(2, '0') : '';
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'fr' ? '\u00a0' : ',');
  return `${sign}${grouped}${decimals ? (lang === 'fr' ? ',' : '.') + decimals : ''}`;
}

/** Parameter values in a person's terms: ISO dates, decimal strings, ISO weekdays, document kinds. */
function humanParam(key: string, value: unknown, lang: Lang): string {
  const v = String(value);
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) {
    const [y, mo, d] = v.split('-');
    return lang === 'fr' ? `${d}/${mo}/${y}` : `${Number(d)} ${MONTHS_EN[Number(mo) - 1]} ${y}`;
  }
  if (/weekdays$/i.test(key) && /^[1-7](,[1-7])*$/.test(v))
    return v
      .split(',')
      .map((d) => WEEKDAYS[lang][Number(d) - 1])
      .join(', ');
  if (key === 'documents' && v)
    return v
      .split(',')
      .map((d) => messages[`document_${d}`]?.[lang] ?? d)
      .join(', ');
  if (/^-?\d+\.\d+$/.test(v)) return humanDecimal(v, lang);
  return v;
}

/** The message for a code in a language, with {placeholders} filled in; the code itself when unknown. */
export function message(code: string, lang: Lang = 'fr', params: Record<string, unknown> = {}): string {
  const entry = messages[code];
  const text = entry ? entry[lang] : code;
  return text.replace(/\{(\w+)\}/g, (_, k: string) =>
    params[k] === undefined ? `{${k}}` : humanParam(k, params[k], lang),
  );
}

/** Picks fr or en from an Accept-Language header (French by default). */
export function langFromHeader(header: string | undefined): Lang {
  if (!header) return 'fr';
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'fr';
}
