// What the PII guard reads instead of the raw note (issue 11, finding 6): the spellings a person uses to slip
// identifying data past a filter are brought back to plain ASCII letters and digits first. Every step keeps a map
// from each character of the result to the characters of the note it came from, so a finding still points at
// what she typed.

export interface Normalised {
  text: string;
  /** For each character of `text`: where its source starts in the original note (UTF-16 offset). */
  starts: number[];
  /** For each character of `text`: where its source ends in the original note. */
  ends: number[];
}

/** The span of the original note that `text.slice(start, end)` came from. */
export function originalSpan(n: Normalised, start: number, end: number): [number, number] {
  return [n.starts[start]!, n.ends[Math.max(start, end - 1)]!];
}

// Characters that are invisible or only join others: dropped (a zero-width space inside a code hides it).
const INVISIBLE: Array<[number, number]> = [
  [0x00ad, 0x00ad],
  [0x034f, 0x034f],
  [0x061c, 0x061c],
  [0x115f, 0x1160],
  [0x17b4, 0x17b5],
  [0x180b, 0x180f],
  [0x200b, 0x200f],
  [0x202a, 0x202e],
  [0x2060, 0x206f],
  [0xfe00, 0xfe0f],
  [0xfeff, 0xfeff],
];
const invisible = (ch: string): boolean => {
  const cp = ch.codePointAt(0)!;
  return INVISIBLE.some(([lo, hi]) => cp >= lo && cp <= hi);
};

// Letters that look like Latin ones (Cyrillic, Greek, and a few Latin variants NFKC keeps apart).
const HOMOGLYPHS: Record<string, string> = {
  // Cyrillic capitals and small letters
  А: 'A',
  В: 'B',
  С: 'C',
  Е: 'E',
  Н: 'H',
  І: 'I',
  Ј: 'J',
  К: 'K',
  М: 'M',
  О: 'O',
  Р: 'P',
  Ѕ: 'S',
  Т: 'T',
  Х: 'X',
  У: 'Y',
  Ү: 'Y',
  Ԛ: 'Q',
  Ԝ: 'W',
  а: 'a',
  с: 'c',
  е: 'e',
  і: 'i',
  ј: 'j',
  о: 'o',
  р: 'p',
  ѕ: 's',
  х: 'x',
  у: 'y',
  һ: 'h',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  ӏ: 'l',
  Ӏ: 'I',
  // Greek capitals and small letters
  Α: 'A',
  Β: 'B',
  Ε: 'E',
  Ζ: 'Z',
  Η: 'H',
  Ι: 'I',
  Κ: 'K',
  Μ: 'M',
  Ν: 'N',
  Ο: 'O',
  Ρ: 'P',
  Τ: 'T',
  Υ: 'Y',
  Χ: 'X',
  ο: 'o',
  α: 'a',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ρ: 'p',
  υ: 'u',
  χ: 'x',
  // Latin variants
  ı: 'i',
  ȷ: 'j',
  // Dashes, dots and the at sign written with other characters
  '‐': '-',
  '‑': '-',
  '‒': '-',
  '–': '-',
  '—': '-',
  '―': '-',
  '−': '-',
  '⁃': '-',
  '·': '.',
  '•': '.',
  '∙': '.',
  '⋅': '.',
  '。': '.',
  '｡': '.',
};

function identity(text: string): Normalised {
  const starts: number[] = [];
  const ends: number[] = [];
  for (let i = 0; i < text.length; i++) {
    starts.push(i);
    ends.push(i + 1);
  }
  return { text, starts, ends };
}

/**
 * Replaces spans of a normalised text: each replacement's characters come from the whole span it replaces.
 * `replacements` must be in order and must not overlap.
 */
export function replaceSpans(n: Normalised, replacements: Array<[number, number, string]>): Normalised {
  let text = '';
  const starts: number[] = [];
  const ends: number[] = [];
  let at = 0;
  const keep = (to: number) => {
    text += n.text.slice(at, to);
    for (let i = at; i < to; i++) {
      starts.push(n.starts[i]!);
      ends.push(n.ends[i]!);
    }
  };
  for (const [s, e, by] of replacements) {
    keep(s);
    const from = n.starts[s] ?? n.ends[n.ends.length - 1] ?? 0;
    const to = e > s ? n.ends[e - 1]! : from;
    text += by;
    for (let k = 0; k < by.length; k++) {
      starts.push(from);
      ends.push(to);
    }
    at = e;
  }
  keep(n.text.length);
  return { text, starts, ends };
}

/**
 * The note as the guard reads it: invisible characters dropped, compatibility forms folded (full-width digits and
 * letters, mathematical letters, the full-width ＠), look-alike Cyrillic and Greek letters read as Latin ones, the
 * many dashes and middle dots as `-` and `.`, and any space as a plain space. Length may change; the map keeps
 * every finding on the characters she typed.
 */
export function normalise(raw: string): Normalised {
  let text = '';
  const starts: number[] = [];
  const ends: number[] = [];
  let i = 0;
  for (const ch of raw) {
    const next = i + ch.length;
    if (!invisible(ch)) {
      let out = HOMOGLYPHS[ch] ?? ch.normalize('NFKC');
      out = [...out].map((c) => HOMOGLYPHS[c] ?? (/\s/u.test(c) ? ' ' : c)).join('');
      text += out;
      for (let k = 0; k < out.length; k++) {
        starts.push(i);
        ends.push(next);
      }
    }
    i = next;
  }
  return { text, starts, ends };
}

/**
 * For the phone search: in a run of digits, an O is a zero and an I or l a one ("339 12345O7"): only where the
 * run, bounded by no other letter, holds at least two real digits and more digits than look-alikes. (Not for the
 * codice fiscale, whose letters sit next to its digits: "H501" stays as it is there.)
 */
export function digitLookalikes(n: Normalised): Normalised {
  const fixes: Array<[number, number, string]> = [];
  for (const m of n.text.matchAll(/(?<![\p{L}\p{N}])[0-9OoIl]+(?![\p{L}\p{N}])/gu)) {
    const run = m[0];
    const digits = run.replace(/\D/g, '').length;
    if (digits < 2 || digits <= run.length - digits || digits === run.length) continue;
    fixes.push([m.index, m.index + run.length, run.replace(/[Oo]/g, '0').replace(/[Il]/g, '1')]);
  }
  return fixes.length > 0 ? replaceSpans(n, fixes) : n;
}

/** A normalised text that is the note itself (for callers that have nothing to normalise). */
export function unchanged(text: string): Normalised {
  return identity(text);
}

// Digits spelled as words, in Italian and English, and the words people put between the groups of a number.
const NUMBER_WORDS: Record<string, string> = {
  zero: '0',
  uno: '1',
  due: '2',
  tre: '3',
  quattro: '4',
  cinque: '5',
  sei: '6',
  sette: '7',
  otto: '8',
  nove: '9',
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
};
const FILLERS = ['poi', 'punto', 'trattino', 'spazio', 'barra', 'then', 'dash', 'dot'];
const NUM_TOKEN = `(?:\\d+|${Object.keys(NUMBER_WORDS).join('|')})`;
const NUM_SEP = `(?:[ .,/-]{1,3}(?:(?:${FILLERS.join('|')})[ .,/-]{1,3})?)`;
const NUMBER_RUN_RE = new RegExp(
  `(?<![\\p{L}\\p{N}])${NUM_TOKEN}(?:${NUM_SEP}${NUM_TOKEN})+(?![\\p{L}\\p{N}])`,
  'giu',
);

/**
 * For the phone search: a run of digits and digit words ("tre tre nove 1234567", "339 poi 123 poi 4567") with at
 * least six digits in all and at least one word becomes digits separated by spaces. Other text is untouched.
 */
export function spellDigits(n: Normalised): Normalised {
  const fixes: Array<[number, number, string]> = [];
  for (const m of n.text.matchAll(NUMBER_RUN_RE)) {
    const tokens = m[0].split(/[ .,/-]+/).filter(Boolean);
    let digits = 0;
    let words = 0;
    for (const t of tokens) {
      const lower = t.toLowerCase();
      if (/^\d+$/.test(t)) digits += t.length;
      else if (NUMBER_WORDS[lower]) {
        digits += 1;
        words++;
      } else words++;
    }
    if (words === 0 || digits < 6) continue;
    // Each token in place: digit words become their digit, fillers a space; separators stay as they are.
    const base = m.index;
    for (const t of m[0].matchAll(/\p{L}+/gu)) {
      const lower = t[0].toLowerCase();
      fixes.push([base + t.index, base + t.index + t[0].length, NUMBER_WORDS[lower] ?? ' ']);
    }
  }
  return fixes.length > 0 ? replaceSpans(n, fixes) : n;
}
