// The Italian PII guard (product.md: free text that leaves the CAV is checked for identifying data). A pure
// function: given a note and the names of her identity record, it returns what looks like identifying data,
// with its kind and position, so the form can say what to fix. It errs on the side of flagging, but keeps
// dates, amounts, ISEE values, protocol numbers and law citations out of its findings.

import { digitLookalikes, type Normalised, normalise, originalSpan, spellDigits } from './pii-normalise.ts';

export type PiiKind = 'codice_fiscale' | 'phone' | 'email' | 'iban' | 'address' | 'name' | 'shelter';

export interface PiiFinding {
  kind: PiiKind;
  /** UTF-16 offsets in the text: text.slice(start, end) is what was found. */
  start: number;
  end: number;
  match: string;
}

export interface PiiGuardOptions {
  /** Names from her identity record (full names are split into words; particles like "de" are ignored). */
  names?: readonly string[];
}

const L = '\\p{L}';
const LN = '[\\p{L}\\p{N}]';

// ---------- e-mail (also "(at)", "[at]", " at ", " chiocciola ", " dot ", " punto ", "[.]") ----------
const EMAIL_AT = `\\s*@\\s*|\\s*[([{<]\\s*(?:at|@|chiocciola)\\s*[)\\]}>]\\s*|\\s+(?:at|chiocciola)\\s+`;
const EMAIL_DOT = `\\.|\\s*[([{<]\\s*(?:dot|punto|\\.)\\s*[)\\]}>]\\s*|\\s+(?:dot|punto)\\s+`;
const EMAIL_RE = new RegExp(
  `(?<![${L}\\p{N}._%+-])[${L}\\p{N}_%+-]+(?:(?:${EMAIL_DOT})[${L}\\p{N}_%+-]+)*(?:${EMAIL_AT})[${L}\\p{N}-]+(?:(?:${EMAIL_DOT})[${L}\\p{N}-]+)*(?:${EMAIL_DOT})[a-z]{2,24}(?![${L}\\p{N}])`,
  'giu',
);

// ---------- codice fiscale, with omocodia (digits replaced by LMNPQRSTUV) ----------
// The plain spellings: compact, or with a space between the usual groups.
const D = '[0-9LMNPQRSTUV]';
const CF_RE = new RegExp(
  `(?<!${LN})[A-Z]{3}[ ]?[A-Z]{3}[ ]?${D}{2}[ABCDEHLMPRST]${D}{2}[ ]?[A-Z]${D}{3}[ ]?[A-Z](?!${LN})`,
  'giu',
);
// The disguised spellings (finding 6): up to three separators between any two characters ("R S S M R A 8 0…",
// "r.s.s.m…", "RSS-MRA-80A41"), an O for a zero or an I for a one where a digit belongs, a zero for an O in the
// name letters. Accepted only with at least four real digits in the seven digit places (so that a run of words
// cannot make one) and a possible day of birth.
const CF_SEP = '[\\s.\\-_/*|]{0,3}';
const CF_LETTER = '[A-Z0]';
const CF_DIGIT = '[0-9LMNPQRSTUVOI]';
const CF_SHAPE = [
  CF_LETTER,
  CF_LETTER,
  CF_LETTER,
  CF_LETTER,
  CF_LETTER,
  CF_LETTER,
  CF_DIGIT,
  CF_DIGIT,
  '[ABCDEHLMPRST]',
  CF_DIGIT,
  CF_DIGIT,
  '[A-Z]',
  CF_DIGIT,
  CF_DIGIT,
  CF_DIGIT,
  '[A-Z]',
];
const CF_LOOSE_RE = new RegExp(`(?<!${LN})${CF_SHAPE.map((c) => `(${c})`).join(CF_SEP)}(?!${LN})`, 'giu');
const OMOCODE = 'LMNPQRSTUV';

function looseCodiceFiscale(m: RegExpMatchArray): boolean {
  const chars = m.slice(1, 17).map((c) => (c ?? '').toUpperCase());
  const digitPlaces = [6, 7, 9, 10, 12, 13, 14];
  const real = digitPlaces.filter((p) => /[0-9]/.test(chars[p]!)).length;
  if (real < 4) return false;
  const digit = (c: string) =>
    c === 'O' ? 0 : c === 'I' ? 1 : OMOCODE.includes(c) ? OMOCODE.indexOf(c) : Number(c);
  const day = digit(chars[9]!) * 10 + digit(chars[10]!);
  return (day >= 1 && day <= 31) || (day >= 41 && day <= 71);
}

/** The disguised codes; a rejected candidate is looked at again one character later (it may hide a real one). */
function looseCodiciFiscali(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const re = new RegExp(CF_LOOSE_RE.source, CF_LOOSE_RE.flags);
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (looseCodiceFiscale(m)) out.push([m.index, m.index + m[0].length]);
    else re.lastIndex = m.index + 1;
  }
  return out;
}

// ---------- IBAN: compact or in groups of four ----------
const IBAN_RE = new RegExp(
  `(?<!${LN})[A-Z]{2}[0-9]{2}(?:[A-Z0-9]{11,30}|(?:[ ][A-Z0-9]{4}){2,7}(?:[ ][A-Z0-9]{1,4})?)(?!${LN})`,
  'giu',
);

function ibanChecksumOk(compact: string): boolean {
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let rest = 0;
  for (const ch of rearranged) {
    const code = ch.charCodeAt(0);
    const value = code >= 65 ? String(code - 55) : ch;
    for (const digit of value) rest = (rest * 10 + Number(digit)) % 97;
  }
  return rest === 1;
}

function isIban(raw: string): boolean {
  const compact = raw.replaceAll(' ', '').toUpperCase();
  if (compact.length < 15 || compact.length > 34) return false;
  if (ibanChecksumOk(compact)) return true;
  // A mistyped Italian (or San Marino) IBAN is still one: IT + 2 digits + CIN letter + 22 digits.
  return /^(IT|SM)\d{2}[A-Z]\d{10}[A-Z0-9]{12}$/.test(compact);
}

// ---------- phone numbers ----------
// Candidates: an optional international prefix, then digit groups joined by one separator. Each candidate is
// split into groups and the longest run of groups that reads as a phone number is kept.
// Between groups: up to three of space, dot, dash or underscore ("339 - 12 34 567", "339 . 123"), or a slash.
const PHONE_CANDIDATE_RE =
  /(?<![\p{L}\p{N}.,/+-])(?:\(\s*\+?\d{2,3}\s*\)\s?|(?:\+|\b00)\s?\d{2,3}[\s.-]?)?\d+(?:(?:[ .\-_]{1,3}|\s?\/\s?)\d+)*/gu;

const PHONE_KEYWORD_RE =
  /(?:\btel\b\.?|telefono|\bcell\b\.?|cellulare|\bmobile\b|whatsapp|\bwa\b|recapito|\bfisso\b|chiamare|chiamarla|richiamare|contattare|contattarla|contattabile|\bsms\b|\bnum(?:ero)?\.?\s+(?:di\s+)?tel(?:efono)?\b\.?)[^\p{L}\p{N}]{0,6}(?:(?:è|e'|n\.?|nr\.?|al|il|:)[^\p{L}\p{N}]{0,4}){0,2}$/iu;

const NOT_PHONE_BEFORE_RE =
  /(?:\bprot\b\.?|protocollo|pratica|domanda|\bartt?\b\.?|comma|d\.?\s?lgs\.?|\bd\.?\s?l\b\.?|\bl\.|legge|d\.?p\.?r\.?|dpcm|circolare|messaggio|\bisee\b|€|\beur(?:o)?\b|importo|\brif\b\.?|\bcig\b|\bcup\b|matricola|sentenza|\br\.?g\b\.?|codice|\bcod\b\.?|ricevuta|\bid\b|\biban\b)[^\p{L}\p{N}]{0,6}(?:(?:n\.?|nr\.?|numero|n°|del|di|:)[^\p{L}\p{N}]{0,4}){0,2}$/iu;

const NOT_PHONE_AFTER_RE = /^\s?(?:€|euro\b|eur\b|%|anni\b|mesi\b|giorni\b)/iu;

function validDate(d: string, m: string, y: string): boolean {
  const day = Number(d);
  const month = Number(m);
  return day >= 1 && day <= 31 && month >= 1 && month <= 12 && (y.length === 2 || /^(19|20)\d\d$/.test(y));
}

function looksLikeDateOrTime(raw: string): boolean {
  const date = /^(\d{1,2})([\s./-])(\d{1,2})\2(\d{2}|\d{4})$/.exec(raw);
  if (date && validDate(date[1]!, date[3]!, date[4]!)) return true;
  // Two dates or two times joined (a range): "01/03/2024-31/03/2024", "09.00-13.00".
  if (/^\d{1,2}[.:]\d{2}\s?-\s?\d{1,2}[.:]\d{2}$/.test(raw)) return true;
  return false;
}

// A date inside a run of numbers ("01.03.2024 - 31.03.2024", "31 12 2023"), or an amount with thousands
// grouping among other numbers ("33.000 - 35.000"): the run is not a phone number.
const DATE_INSIDE_RE = /(?<!\d)(\d{1,2})([\s./-])(\d{1,2})\2((?:19|20)\d\d)(?!\d)/g;
const AMOUNT_INSIDE_RE = /(?<![\d.])\d{1,3}(?:\.\d{3})+(?![\d.])/;

function containsDateOrAmount(raw: string): boolean {
  for (const m of raw.matchAll(DATE_INSIDE_RE)) if (validDate(m[1]!, m[3]!, m[4]!)) return true;
  return /[\s_-]/.test(raw) && AMOUNT_INSIDE_RE.test(raw);
}

function classifyPhone(raw: string, keyword: boolean): boolean {
  const hasPlus = raw.includes('+');
  let digits = raw.replace(/\D/g, '');
  if (!keyword && looksLikeDateOrTime(raw)) return false;
  if (!keyword && containsDateOrAmount(raw)) return false;
  // Thousands grouping (1.234.567) is an amount, unless a phone keyword says otherwise.
  if (!keyword && /^\d{1,3}(?:\.\d{3})+$/.test(raw)) return false;
  // A slash is an area-code separator only right after a 0xx group: "071/2345678"; "80/2015" is a law.
  const slashes = raw.split('/').length - 1;
  if (slashes > 1) return false;
  if (slashes === 1 && !/^0\d{1,3}\s?\/\s?\d/.test(raw.replace(/^(?:\+|00)\s?39[\s.-]?/, ''))) return false;
  const intl = hasPlus || (digits.startsWith('00') && raw.startsWith('00'));
  if (intl) {
    digits = digits.replace(/^00/, '');
    if (digits.startsWith('39')) {
      const national = digits.slice(2);
      if (/^3\d{8,9}$/.test(national) || /^0\d{5,10}$/.test(national)) return true;
    }
    // Another country: "+" is a phone when long enough; "00" (also how protocol numbers start) needs a keyword.
    if (hasPlus) return digits.length >= 8 && digits.length <= 15;
    return keyword && digits.length >= 8 && digits.length <= 15;
  }
  if (/^3\d{8,9}$/.test(digits)) return true;
  if (/^0[1-9]\d{4,9}$/.test(digits)) return keyword || digits.length >= 8;
  return false;
}

function findPhones(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const m of text.matchAll(PHONE_CANDIDATE_RE)) {
    const base = m.index;
    const raw = m[0];
    // Groups and the separators between them; an international prefix stays glued to the first group.
    const prefix = /^(?:\(\s*\+?\d{2,3}\s*\)\s?|(?:\+|00)\s?\d{2,3}[\s.-]?)/.exec(raw)?.[0] ?? '';
    const parts: Array<[number, number]> = [];
    const groupRe = /\d+/g;
    for (const g of raw.slice(prefix.length).matchAll(groupRe))
      parts.push([prefix.length + g.index, prefix.length + g.index + g[0].length]);
    if (prefix && parts[0]) parts[0] = [0, parts[0][1]];
    // The dates in the run: no phone number is read across one ("01.03.2024 - 31.03.2024").
    const dates: Array<[number, number]> = [];
    for (const d of raw.matchAll(DATE_INSIDE_RE))
      if (validDate(d[1]!, d[3]!, d[4]!)) dates.push([d.index, d.index + d[0].length]);
    let i = 0;
    while (i < parts.length) {
      let found = -1;
      // A phone number has at most 15 digits: only the runs of groups that can hold one are tried, which keeps a
      // long run of numbers ("1 1 1 1 …") linear instead of quadratic.
      let last = i;
      let count = 0;
      for (let k = i; k < parts.length; k++) {
        count += raw.slice(parts[k]![0], parts[k]![1]).replace(/\D/g, '').length;
        if (count > 17) break;
        last = k;
      }
      // What comes before the run is the same for every end tried.
      const s = parts[i]![0];
      const before = text.slice(Math.max(0, base + s - 40), base + s);
      const keyword = PHONE_KEYWORD_RE.test(before);
      const notBefore = !keyword && NOT_PHONE_BEFORE_RE.test(before);
      for (let j = last; j >= i && !notBefore; j--) {
        const e = parts[j]![1];
        if (dates.some(([ds, de]) => s < de && ds < e)) continue;
        const sub = raw.slice(s, e);
        const after = text.slice(base + e, base + e + 12);
        if (!keyword && NOT_PHONE_AFTER_RE.test(after)) continue;
        if (classifyPhone(sub, keyword)) {
          found = j;
          out.push([base + s, base + e]);
          break;
        }
      }
      i = found >= 0 ? found + 1 : i + 1;
    }
  }
  return out;
}

// ---------- street addresses ----------
const STREET_KEYWORDS = [
  'via',
  'viale',
  'v\\.le',
  'v\\.\\s?le',
  'piazza',
  'piazzale',
  'piazzetta',
  'p\\.zza',
  'p\\.za',
  'pza',
  'p\\.le',
  'p\\.tta',
  'vicolo',
  'v\\.lo',
  'vico',
  'largo',
  'l\\.go',
  'località',
  'localita',
  'loc\\.',
  'frazione',
  'fraz\\.',
  'contrada',
  'c\\.da',
  'c\\.so',
  'lungomare',
  'traversa',
  'galleria',
];
// These need a capitalised street name, because in lowercase they are ordinary words ("il corso di italiano").
const CAPITALISED_KEYWORDS = ['corso', 'strada', 'str\\.', 'borgo', 'salita', 'rione'];

const MONTHS =
  'gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|dicembre';
const CONNECTORS =
  "di|de|del|della|dello|dei|degli|delle|d'|d’|da|dal|dalla|san|santa|sant'|sant’|s\\.|al|alla|alle|e";
// A word that cannot start a street name ("via email", "in via preliminare", "largo anticipo").
const NOT_STREET_NAMES = new Set(
  [
    'email',
    'e-mail',
    'mail',
    'pec',
    'posta',
    'telefono',
    'telefonica',
    'telefonicamente',
    'web',
    'internet',
    'online',
    'whatsapp',
    'sms',
    'fax',
    'app',
    'teams',
    'zoom',
    'skype',
    'video',
    'videochiamata',
    'raccomandata',
    'preliminare',
    'definizione',
    'breve',
    'eccezionale',
    'provvisoria',
    'sperimentale',
    'ordinaria',
    'straordinaria',
    'principale',
    'subordinata',
    'amministrativa',
    'giudiziale',
    'anticipo',
    'margine',
    'di',
    'del',
    'della',
    'dei',
    'da',
    'per',
    'il',
    'la',
    'le',
    'un',
    'una',
    'che',
    'nel',
    'nella',
    'dal',
    'dalla',
    'con',
    'in',
    'a',
    'ad',
    'al',
    'alla',
    'e',
    'verso',
    'subito',
    'dopo',
    'prima',
    'oggi',
    'ieri',
    'per',
    'tra',
    'fra',
  ].map((w) => w.normalize('NFC')),
);
// Of those, the ones that may open a street name when capitalised ("Via Di Vittorio", "Via Dei Mille").
const CAPITALISABLE = new Set([
  'di',
  'del',
  'della',
  'dei',
  'da',
  'dal',
  'dalla',
  'la',
  'le',
  'il',
  'al',
  'alla',
]);

const NAME_TOKEN = `(?:[\\p{Lu}][\\p{L}'’.-]*|[\\p{Ll}][\\p{L}'’-]*\\.?|[IVXLC]{1,6}|\\d{1,2}\\s+(?:${MONTHS})|${CONNECTORS})`;
const CIVIC = `,?\\s*(?:(?:n|nr|num|civ|civico)\\.?\\s*°?\\s*)?\\d{1,4}(?:\\s?[/-]\\s?(?:\\d{1,3}|[A-Za-z]\\b)|[A-Za-z](?![\\p{L}]))?`;

function streetRe(keywords: string[], capitalised: boolean): RegExp {
  const first = capitalised ? "[\\p{Lu}][\\p{L}'’.-]*" : `(?:${NAME_TOKEN})`;
  return new RegExp(
    `(?<![\\p{L}\\p{N}])(${keywords.join('|')})\\s+(${first}(?:\\s+${NAME_TOKEN}){0,4}?)(${CIVIC})(?![\\p{L}\\p{N}]|[.,]\\d)`,
    capitalised ? 'gu' : 'giu',
  );
}

const STREET_RE = streetRe(STREET_KEYWORDS, false);
// The keyword may be capitalised or not; the name after it must be.
const CAP_STREET_RE = new RegExp(
  streetRe(
    CAPITALISED_KEYWORDS.map((k) => k.replace(/^[a-z]/, (c) => `[${c}${c.toUpperCase()}]`)),
    true,
  ).source,
  'gu',
);
const AFTER_CIVIC_NOT_ADDRESS_RE = /^\s*(?:volte|anni|mesi|giorni|ore|settimane|euro|€|%|figli|persone)\b/iu;

function findAddresses(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const re of [STREET_RE, CAP_STREET_RE]) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const [typed = '', next = ''] = (m[2] ?? '').split(/\s+/);
      const firstWord = typed.toLowerCase().normalize('NFC').replace(/[.,]$/, '');
      // "Via Di Vittorio", "viale della Vittoria": a connector opens a street name before a capitalised word.
      const capitalised = /^\p{Lu}/u.test(typed) || /^\p{Lu}/u.test(next);
      const end = m.index + m[0].length;
      // "in via di definizione", "via email 3 volte": not an address ("Via Di Vittorio 3" is one).
      const rejected =
        (NOT_STREET_NAMES.has(firstWord) && !(capitalised && CAPITALISABLE.has(firstWord))) ||
        AFTER_CIVIC_NOT_ADDRESS_RE.test(text.slice(end, end + 16));
      if (rejected) {
        // Look again from just after the keyword: a real address may start inside the rejected span.
        re.lastIndex = m.index + 1;
        continue;
      }
      out.push([m.index, end]);
    }
  }
  return out;
}

// ---------- words that name a shelter (issue 11, finding 12) ----------
// product.md: a shelter's (casa rifugio) address is never stored, shown or exported. In an address field these
// words mean the address is a shelter's, or points to one.
const SHELTER_RE = new RegExp(
  [
    'cas[ae][\\s-]+rifugio',
    'rifugi[oi]',
    '(?:cas[ae]|struttur[ae]|comunit[àa]|allogg(?:io|i)|appartament[oi]|residenz[ae])\\s+(?:protett[aeio]|segret[aeio]|riservat[aeio]|ad\\s+indirizzo\\s+segreto)',
    "(?:cas[ae]|struttur[ae]|centr[oi]|comunit[àa])\\s+(?:di\\s+|d['’]\\s*)?(?:prima\\s+|seconda\\s+|pronta\\s+)?(?:accoglienza|ospitalit[àa]|fuga|semi-?\\s?autonomia)",
    'pronta\\s+accoglienza',
    'indirizzo\\s+(?:segreto|riservato|protetto)',
    'shelters?',
    'safe\\s*-?\\s*houses?',
    "(?:women['’]?s\\s+)?refuges?",
    'cas[ae]\\s+sicur[ae]',
  ]
    .map((w) => `(?<![\\p{L}\\p{N}])${w}(?![\\p{L}\\p{N}])`)
    .join('|'),
  'giu',
);

/**
 * The words that name a shelter or another protected home ("casa rifugio", "struttura protetta", "pronta
 * accoglienza", "safe house"), for address fields: an address with one of them must never be written.
 */
export function findShelterWords(text: string): PiiFinding[] {
  const n = normalise(text);
  return [...n.text.matchAll(SHELTER_RE)].map((m) => {
    const [start, end] = originalSpan(n, m.index, m.index + m[0].length);
    return { kind: 'shelter' as const, start, end, match: text.slice(start, end) };
  });
}

/**
 * The address part of the guard alone (finding 12): street addresses in a free-text field of a case or a card
 * that is not an address field (safe-contact hours, consent notes, advice…), read through the same normalisation.
 */
export function findStreetAddresses(text: string): PiiFinding[] {
  const n = normalise(text);
  return findAddresses(n.text).map(([s, e]) => {
    const [start, end] = originalSpan(n, s, e);
    return { kind: 'address' as const, start, end, match: text.slice(start, end) };
  });
}

// ---------- names from her identity record ----------
const PARTICLES = new Set([
  'de',
  'di',
  'da',
  'del',
  'della',
  'dei',
  'dal',
  'dalla',
  'la',
  'lo',
  'le',
  'li',
  'van',
  'von',
  'der',
  'den',
  'el',
  'al',
  'bin',
  'ben',
  'y',
  'e',
  'd',
  'mc',
]);

/** Lowercase, accents removed, curly apostrophes straightened; with a map from each output index to the input. */
function fold(text: string): { folded: string; map: number[] } {
  let folded = '';
  const map: number[] = [];
  let i = 0;
  for (const ch of text) {
    const f = ch
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[’‘`´]/g, "'");
    for (let k = 0; k < f.length; k++) map.push(i);
    folded += f;
    i += ch.length;
  }
  map.push(i);
  return { folded, map };
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The words of the names worth searching for: particles and one-letter words are left out. */
export function nameWords(names: readonly string[]): string[] {
  const words = new Set<string>();
  for (const name of names) {
    for (const w of fold(name.normalize('NFC')).folded.split(/[^\p{L}]+/u)) {
      if (w.length >= 2 && !PARTICLES.has(w)) words.add(w);
    }
  }
  return [...words].sort((a, b) => b.length - a.length);
}

function findNames(text: string, names: readonly string[]): Array<[number, number]> {
  const words = nameWords(names);
  if (words.length === 0) return [];
  const { folded, map } = fold(text);
  const re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${words.map(escapeRe).join('|')})(?![\\p{L}\\p{N}])`, 'gu');
  const out: Array<[number, number]> = [];
  for (const m of folded.matchAll(re)) out.push([map[m.index]!, map[m.index + m[0].length]!]);
  return out;
}

// ---------- the guard ----------
/**
 * Finds identifying data in a note. Findings come in text order; where two overlap, the more specific kind wins
 * (e-mail, IBAN, codice fiscale, phone, address, name).
 */
export function findPii(text: string, options: PiiGuardOptions = {}): PiiFinding[] {
  // Every search runs on the normalised note (look-alikes, full-width forms, invisible characters: finding 6);
  // the phone search also on the note with its digit words spelled as digits.
  const n = normalise(text);
  const t = n.text;
  const raw: Array<{ kind: PiiKind; span: [number, number] }> = [];
  const add = (kind: PiiKind, spans: Iterable<[number, number]>, from: Normalised = n) => {
    for (const [s, e] of spans) raw.push({ kind, span: originalSpan(from, s, e) });
  };
  const spans = (re: RegExp, keep: (m: RegExpMatchArray) => boolean = () => true) =>
    [...t.matchAll(re)].filter(keep).map((m) => [m.index!, m.index! + m[0].length] as [number, number]);
  add('email', spans(EMAIL_RE));
  add(
    'iban',
    spans(IBAN_RE, (m) => isIban(m[0])),
  );
  add('codice_fiscale', spans(CF_RE));
  add('codice_fiscale', looseCodiciFiscali(t));
  const spelled = spellDigits(digitLookalikes(n));
  add('phone', findPhones(spelled.text), spelled);
  add('address', findAddresses(t));
  add('name', findNames(t, options.names ?? []));

  const kept: typeof raw = [];
  for (const f of raw) {
    if (kept.some((k) => f.span[0] < k.span[1] && k.span[0] < f.span[1])) continue;
    kept.push(f);
  }
  return kept
    .sort((a, b) => a.span[0] - b.span[0])
    .map(({ kind, span: [start, end] }) => ({ kind, start, end, match: text.slice(start, end) }));
}

/** Whether the note may leave the CAV. */
export function isClean(text: string, options: PiiGuardOptions = {}): boolean {
  return findPii(text, options).length === 0;
}
