import { message, type Lang } from '@shared/messages';

/** Codes the API knows (or may come to know), worded for a spreadsheet row rather than for JSON. */
const fileWording: Record<string, { fr: string; en: string }> = {
  unknown_customer: { fr: 'Client inconnu : « {code} ».', en: 'Unknown customer: "{code}".' },
  unknown_product: { fr: 'Article inconnu : « {sku} ».', en: 'Unknown product: "{sku}".' },
  invalid_decimal: { fr: 'Nombre attendu (ex. 1234,50).', en: 'A number is expected (e.g. 1234.50).' },
  invalid_date: {
    fr: 'Date attendue (JJ/MM/AAAA ou AAAA-MM-JJ).',
    en: 'Date expected (DD/MM/YYYY or YYYY-MM-DD).',
  },
  invalid_type: { fr: 'Valeur incorrecte pour cette colonne.', en: 'Wrong value for this column.' },
};

/** The message of a row error, in the request's language. */
export function rowMessage(code: string, lang: Lang, params: Record<string, unknown> = {}): string {
  const own = fileWording[code];
  if (own) return own[lang].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`));
  return message(code, lang, params);
}
