// Message catalogues. Every string a user reads comes from here, in Italian first and English complete.
// Each area (platform or feature) registers its own catalogue; a test proves both languages have the same keys.
export const LANGS = ['it', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export type Messages = Record<string, string>;
export interface Catalogue {
  it: Messages;
  en: Messages;
}

const catalogues: Record<Lang, Map<string, string>> = { it: new Map(), en: new Map() };

/** Adds an area's messages; a key defined twice is a programming error. */
export function registerMessages(catalogue: Catalogue): void {
  for (const lang of LANGS) {
    for (const [key, text] of Object.entries(catalogue[lang])) {
      const known = catalogues[lang].get(key);
      if (known !== undefined && known !== text) throw new Error(`message key registered twice: ${key}`);
      catalogues[lang].set(key, text);
    }
  }
}

export function isLang(value: unknown): value is Lang {
  return value === 'it' || value === 'en';
}

/** The text of `key` in `lang`, with `{name}` placeholders filled from `params`. */
export function translate(lang: Lang, key: string, params?: Record<string, string | number>): string {
  const text = catalogues[lang].get(key) ?? catalogues.it.get(key);
  if (text === undefined) {
    if (process.env.NODE_ENV === 'test') throw new Error(`missing message: ${key}`);
    return key;
  }
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

export type T = (key: string, params?: Record<string, string | number>) => string;

/** A translator bound to one language. */
export function translator(lang: Lang): T {
  return (key, params) => translate(lang, key, params);
}

/** Keys present in one language and not in the other (for the completeness test). */
export function catalogueGaps(): { missingInEn: string[]; missingInIt: string[] } {
  const it = [...catalogues.it.keys()];
  const en = [...catalogues.en.keys()];
  return {
    missingInEn: it.filter((k) => !catalogues.en.has(k)),
    missingInIt: en.filter((k) => !catalogues.it.has(k)),
  };
}

/** Picks the language from an Accept-Language header, Italian by default. */
export function langFromHeader(header: string | undefined): Lang {
  if (!header) return 'it';
  const first = header.split(',')[0]?.trim().slice(0, 2).toLowerCase();
  return first === 'en' ? 'en' : 'it';
}
