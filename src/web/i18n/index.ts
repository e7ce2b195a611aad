import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { apiConfig } from '@web/client/api';
import enBase from './en.json';
import frBase from './fr.json';

// Each feature may keep its strings in i18n/<lang>/<feature>.json ({ "<feature>": { … } }, and may add to shared
// trees such as "fields" or "audit.entity" for the history labels of its records); merged deeply here.
type Messages = Record<string, unknown>;
const isTree = (v: unknown): v is Messages => typeof v === 'object' && v !== null && !Array.isArray(v);
function deepMerge(into: Messages, from: Messages): Messages {
  for (const [k, v] of Object.entries(from)) into[k] = isTree(v) && isTree(into[k]) ? deepMerge({ ...into[k] }, v) : v;
  return into;
}
const merge = (base: Messages, files: Record<string, { default: Messages }>): Messages =>
  Object.values(files).reduce((acc, f) => deepMerge(acc, f.default), deepMerge({}, base));
const fr = merge(frBase, import.meta.glob<{ default: Messages }>('./fr/*.json', { eager: true }));
const en = merge(enBase, import.meta.glob<{ default: Messages }>('./en/*.json', { eager: true }));

export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'relais.lang';

function initialLanguage(): Language {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'fr' || saved === 'en') return saved;
  } catch {
    /* storage unavailable */
  }
  return 'fr';
}

const lng = initialLanguage();
apiConfig.setLanguage(lng);

void i18n.use(initReactI18next).init({
  resources: { fr: { translation: fr }, en: { translation: en } },
  lng,
  fallbackLng: 'fr',
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false },
  returnNull: false,
});

function applyLanguage(l: string) {
  apiConfig.setLanguage(l);
  if (typeof document !== 'undefined') document.documentElement.lang = l;
}
applyLanguage(lng);
i18n.on('languageChanged', applyLanguage);

export function setLanguage(l: Language) {
  try {
    localStorage.setItem(STORAGE_KEY, l);
  } catch {
    /* ignore */
  }
  void i18n.changeLanguage(l);
}

export function currentLanguage(): Language {
  return i18n.language === 'en' ? 'en' : 'fr';
}

export default i18n;
