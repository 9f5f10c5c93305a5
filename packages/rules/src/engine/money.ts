// Money is integer cents everywhere inside the engine; euros appear only in YAML (converted at load) and at output.

/** Euros (at most two decimals) to integer cents, without binary-fraction drift (e.g. 0.29 * 100). */
export function toCents(euros: number): number {
  return Math.round(euros * 100);
}

/** Integer cents to euros for output. */
export function toEuros(cents: number): number {
  return cents / 100;
}

/** Rounds cents half-up to a multiple of `step` cents (10 = to 0.10 €, as the INPS AUU tables do). */
export function roundHalfUp(cents: number, step = 1): number {
  // The epsilon absorbs binary error in products like 17500 * 1.081 that should land exactly on .5.
  return Math.floor(cents / step + 0.5 + 1e-9) * step;
}

function group(units: number, sep: string): string {
  const s = String(units);
  if (s.length <= 3) return s;
  let out = s.slice(0, s.length % 3 || 3);
  for (let i = out.length; i < s.length; i += 3) out += sep + s.slice(i, i + 3);
  return out;
}

/** Formats cents as an amount in euros, always with its cents: `17.227,00 €` (it) or `€17,227.00` (en). */
export function formatEuro(cents: number, lang: 'it' | 'en'): string {
  const neg = cents < 0;
  const abs = Math.abs(Math.round(cents));
  const units = Math.floor(abs / 100);
  const dec = abs % 100;
  const digits = group(units, lang === 'it' ? '.' : ',');
  const decimals = `${lang === 'it' ? ',' : '.'}${dec < 10 ? '0' : ''}${dec}`;
  const sign = neg ? '-' : '';
  return lang === 'it' ? `${sign}${digits}${decimals}\u00a0€` : `${sign}€${digits}${decimals}`;
}
