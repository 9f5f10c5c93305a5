// The Italian codice fiscale of a natural person (D.M. 23/12/1976): 16 characters, the last a check character
// computed from the other 15. Omocodia: when two people would share a code, the Agenzia delle Entrate replaces
// digits, from the right, with letters (0-9 → L M N P Q R S T U V); those codes are valid too.

const ODD: Record<string, number> = {};
const ODD_VALUES = [
  1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,
];
for (let i = 0; i < 10; i++) ODD[String(i)] = ODD_VALUES[i] as number;
for (let i = 0; i < 26; i++) ODD[String.fromCharCode(65 + i)] = ODD_VALUES[i] as number;

const OMOCODE = 'LMNPQRSTUV';
/** Positions (0-based) that hold digits, or their omocodia letters. */
const DIGIT_POSITIONS = [6, 7, 9, 10, 12, 13, 14];
const MONTHS = 'ABCDEHLMPRST';

const even = (c: string): number => (c >= '0' && c <= '9' ? Number(c) : c.charCodeAt(0) - 65);

/** The check character of the first 15 characters (upper case). */
export function checkCharacter(first15: string): string {
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const c = first15[i] as string;
    // Positions are counted from 1 in the decree: odd positions are the even indices here.
    sum += i % 2 === 0 ? (ODD[c] as number) : even(c);
  }
  return String.fromCharCode(65 + (sum % 26));
}

export type CfProblem = 'format' | 'check' | 'date';

/** Normalises (spaces removed, upper case) and validates; returns the code or the problem found. */
export function validateCodiceFiscale(
  raw: string,
): { ok: true; value: string } | { ok: false; problem: CfProblem } {
  const cf = raw.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/.test(cf)) {
    return { ok: false, problem: 'format' };
  }
  const digits = [...cf];
  for (const p of DIGIT_POSITIONS) {
    const c = digits[p] as string;
    const k = OMOCODE.indexOf(c);
    if (k >= 0) digits[p] = String(k);
  }
  const plain = digits.join('');
  const day = Number(plain.slice(9, 11));
  const month = MONTHS.indexOf(plain[8] as string);
  if (month < 0 || !((day >= 1 && day <= 31) || (day >= 41 && day <= 71)))
    return { ok: false, problem: 'date' };
  const dayOfMonth = day > 40 ? day - 40 : day;
  const maxDay = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month] as number;
  if (dayOfMonth > maxDay) return { ok: false, problem: 'date' };
  if (checkCharacter(cf) !== cf[15]) return { ok: false, problem: 'check' };
  return { ok: true, value: cf };
}
