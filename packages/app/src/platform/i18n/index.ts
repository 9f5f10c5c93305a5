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

/**
 * The text of `key` in `lang`, with `{name}` placeholders filled from `params`. A service, which does not know the
 * reader's language, may give its parameters in the key: `forms.date.between?min=2000-01-01&max=2026-12-07`; a
 * parameter given so that is a date (`YYYY-MM-DD`) reads as a date of the language, with its article in Italian
 * («il 1° gennaio 2000», «l’8 dicembre 2026»; «1 January 2000»).
 */
export function translate(lang: Lang, key: string, params?: Record<string, string | number>): string {
  const q = key.indexOf('?');
  if (q > 0 && !params && !catalogues.it.has(key)) {
    const inline: Record<string, string> = {};
    for (const [name, value] of new URLSearchParams(key.slice(q + 1)))
      inline[name] = /^\d{4}-\d{2}-\d{2}$/.test(value) ? dayWithArticle(value, lang) : value;
    return translate(lang, key.slice(0, q), inline);
  }
  const text = catalogues[lang].get(key) ?? catalogues.it.get(key);
  if (text === undefined) {
    if (process.env.NODE_ENV === 'test') throw new Error(`missing message: ${key}`);
    return key;
  }
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

const MONTHS: Record<Lang, readonly string[]> = {
  it: [
    'gennaio',
    'febbraio',
    'marzo',
    'aprile',
    'maggio',
    'giugno',
    'luglio',
    'agosto',
    'settembre',
    'ottobre',
    'novembre',
    'dicembre',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
};

/** A calendar date `YYYY-MM-DD` as people read it: «il 1° gennaio 2000», «l’8 marzo 2026»; «1 January 2000». */
export function dayWithArticle(iso: string, lang: Lang): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const month = MONTHS[lang][m - 1] ?? String(m);
  if (lang === 'en') return `${d} ${month} ${y}`;
  const article = d === 8 || d === 11 ? 'l’' : 'il ';
  return `${article}${d === 1 ? '1°' : d} ${month} ${y}`;
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

// ---- Public languages ----
// The public pages (the anonymous check) speak more languages than the staff pages. Staff stay in it/en
// (LANGS, Lang, translator: unchanged); the public pages use PUBLIC_LANGS and publicTranslator, which reads
// it/en from the catalogues above and the other languages from the public catalogues below.

export const PUBLIC_LANGS = ['it', 'en', 'fr', 'es', 'ar', 'uk'] as const;
export type PublicLang = (typeof PUBLIC_LANGS)[number];
/** The public languages that are not staff languages. */
export type ExtraLang = Exclude<PublicLang, Lang>;
export const EXTRA_LANGS: readonly ExtraLang[] = ['fr', 'es', 'ar', 'uk'];

/** Languages written right to left. */
const RTL_LANGS: ReadonlySet<string> = new Set(['ar', 'fa', 'he', 'ur']);

export function dirOf(lang: string): 'ltr' | 'rtl' {
  return RTL_LANGS.has(lang) ? 'rtl' : 'ltr';
}

const extraCatalogues: Record<ExtraLang, Map<string, string>> = {
  fr: new Map(),
  es: new Map(),
  ar: new Map(),
  uk: new Map(),
};

/** Adds public texts in the languages beyond it/en (their it/en texts go through registerMessages). */
export function registerPublicMessages(catalogue: Record<ExtraLang, Messages>): void {
  for (const lang of EXTRA_LANGS) {
    for (const [key, text] of Object.entries(catalogue[lang])) {
      const known = extraCatalogues[lang].get(key);
      if (known !== undefined && known !== text)
        throw new Error(`message key registered twice: ${lang} ${key}`);
      extraCatalogues[lang].set(key, text);
    }
  }
}

export function isPublicLang(value: unknown): value is PublicLang {
  return typeof value === 'string' && (PUBLIC_LANGS as readonly string[]).includes(value);
}

/** A translator for a public page: it/en as for staff, the other languages from the public catalogues. */
export function publicTranslator(lang: PublicLang): T {
  if (isLang(lang)) return translator(lang);
  const messages = extraCatalogues[lang];
  return (key, params) => {
    const text = messages.get(key);
    if (text === undefined) {
      if (process.env.NODE_ENV === 'test') throw new Error(`missing ${lang} message: ${key}`);
      return translate('it', key, params);
    }
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
  };
}

/** Whether `key` has a text in `lang` (for texts that only some languages carry). */
export function hasPublicMessage(lang: PublicLang, key: string): boolean {
  return isLang(lang) ? catalogues[lang].has(key) : extraCatalogues[lang].has(key);
}

/**
 * Completeness of the public catalogues: the public keys are the Italian keys with one of `prefixes` plus every
 * key of the other public languages; `extraOnly` prefixes are texts only the extra languages carry (it/en read
 * them from elsewhere). Returns the missing keys per language.
 */
export function publicCatalogueGaps(
  prefixes: readonly string[],
  extraOnly: readonly string[] = [],
): Record<PublicLang, string[]> {
  const keys = new Set<string>();
  for (const k of catalogues.it.keys()) if (prefixes.some((p) => k.startsWith(p))) keys.add(k);
  for (const lang of EXTRA_LANGS) for (const k of extraCatalogues[lang].keys()) keys.add(k);
  const gaps = {} as Record<PublicLang, string[]>;
  for (const lang of PUBLIC_LANGS) {
    gaps[lang] = [...keys].filter((k) => {
      if (isLang(lang) && extraOnly.some((p) => k.startsWith(p))) return false;
      return !hasPublicMessage(lang, k);
    });
  }
  return gaps;
}

/** The public language of an Accept-Language header (its first public language), Italian by default. */
export function publicLangFromHeader(header: string | undefined): PublicLang {
  for (const part of (header ?? '').split(',')) {
    const code = part.trim().slice(0, 2).toLowerCase();
    if (isPublicLang(code)) return code;
  }
  return 'it';
}
