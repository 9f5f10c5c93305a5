import { registerMessages, registerPublicMessages } from '../i18n/index.ts';

// One validation of free text at the form boundary (issue 10 "lost or silently changed input", issue 11 finding
// 2). Every feature passes each text field of a form through `checkText` before anything else reads it, so that a
// control character or an over-long value comes back as a message next to the field, with what was typed kept,
// instead of a database error (a NUL byte cannot be stored in PostgreSQL) or a silently shortened value.
// Decision 0045.

/** What a text field accepts. */
export interface TextRule {
  /** Most characters (Unicode code points, after line endings are made `\n`): said next to the field. */
  max: number;
  /** A multi-line field (textarea): tab and newline are allowed; elsewhere every control character is refused. */
  multiline?: boolean;
}

/** The checked text (trimmed, line endings as `\n`) and, when refused, the message reference for the field. */
export interface TextCheck {
  value: string;
  /** A message reference (`key?param=…`) that `req.t` translates, or undefined when the text is accepted. */
  error?: string;
}

/**
 * Characters never accepted in a form field: C0 controls (tab and newline only in multi-line fields), DEL, C1
 * controls, the bidirectional embeddings, overrides and isolates (they reorder what another person reads, the
 * "Trojan source" trick), lone surrogates (not representable in UTF-8), U+FFFD (what an invalid UTF-8 byte
 * becomes on decoding: the original is already lost) and the noncharacters U+FDD0–U+FDEF, U+xFFFE/U+xFFFF.
 */
const FORBIDDEN_SINGLE = /[\p{Cc}\u202a-\u202e\u2066-\u2069\ufffd\p{Noncharacter_Code_Point}\ud800-\udfff]/u;
// With the `u` flag a surrogate class matches only a lone surrogate: a valid pair is read as one code point.
const FORBIDDEN_MULTI =
  /(?![\t\n])[\p{Cc}\u202a-\u202e\u2066-\u2069\ufffd\p{Noncharacter_Code_Point}\ud800-\udfff]/u;

/** A message reference: `key` with its parameters, as the translator reads it (platform/i18n). */
export function messageRef(key: string, params: Record<string, string | number> = {}): string {
  const q = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();
  return q ? `${key}?${q}` : key;
}

/** The number of characters as a person counts them (code points; the live counter counts the same way). */
export function charCount(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** The first character that no form field accepts, with its 1-based position, or undefined. */
export function forbiddenChar(text: string, multiline = false): { code: string; at: number } | undefined {
  const m = (multiline ? FORBIDDEN_MULTI : FORBIDDEN_SINGLE).exec(text);
  if (!m) return undefined;
  const cp = m[0].codePointAt(0) ?? 0;
  return {
    code: `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`,
    at: charCount(text.slice(0, m.index)) + 1,
  };
}

/**
 * Checks one text field: characters first, then length. An absent value is the empty string. The value comes
 * back trimmed, with `\r\n` and `\r` as `\n`, whether accepted or not, so a refused form shows what was typed.
 */
export function checkText(raw: unknown, rule: TextRule): TextCheck {
  const first = Array.isArray(raw) ? raw[0] : raw;
  const text = typeof first === 'string' ? first : '';
  const value = (rule.multiline ? text.replace(/\r\n?/g, '\n') : text).trim();
  const bad = forbiddenChar(value, rule.multiline);
  if (bad) {
    const multi = rule.multiline && bad.code !== 'U+0009' && bad.code !== 'U+000A';
    return {
      value,
      error: messageRef(multi ? 'forms.text.controlMulti' : 'forms.text.control', bad),
    };
  }
  const count = charCount(value);
  if (count > rule.max) return { value, error: messageRef('forms.text.tooLong', { max: rule.max, count }) };
  return { value };
}

/**
 * Checks several fields of a form at once: the accepted values (trimmed, normalised) and the errors by field.
 * A feature merges the errors into its own and renders the form again with `values` when there is any.
 */
export function checkTexts<K extends string>(
  body: object | null | undefined,
  rules: Record<K, TextRule>,
): { values: Record<K, string>; errors: Partial<Record<K, string>> } {
  const values = {} as Record<K, string>;
  const errors: Partial<Record<K, string>> = {};
  for (const name of Object.keys(rules) as K[]) {
    const r = checkText((body as Record<string, unknown> | null | undefined)?.[name], rules[name]);
    values[name] = r.value;
    if (r.error) errors[name] = r.error;
  }
  return { values, errors };
}

/**
 * The schema of a form body: a flat map of strings of any length (the server's body limit bounds them), so that
 * an over-long field comes back in its form with `checkText`'s message next to it instead of a generic error page
 * that loses the form. With `lists`, a name may repeat (checkboxes), up to 100 short values.
 */
export function formBodySchema(o: { lists?: boolean } = {}) {
  const text = { type: 'string' } as const;
  return {
    type: 'object',
    additionalProperties: o.lists
      ? { anyOf: [text, { type: 'array', maxItems: 100, items: { type: 'string', maxLength: 200 } }] }
      : text,
  } as const;
}

/** The hint said next to a field with a limit (also the text the live counter starts from without JavaScript). */
export function limitHint(max: number): string {
  return messageRef('forms.text.limit', { max });
}

registerMessages({
  it: {
    'forms.text.control':
      'Il testo contiene un carattere non ammesso ({code}, al carattere {at}), di solito invisibile: cancellalo o riscrivi il testo.',
    'forms.text.controlMulti':
      'Il testo contiene un carattere non ammesso ({code}, al carattere {at}), di solito invisibile: cancellalo o riscrivi il testo. Sono ammessi a capo e tabulazioni.',
    'forms.text.tooLong': 'Al massimo {max:n} caratteri: ne hai scritti {count:n}.',
    'forms.text.limit': 'Al massimo {max:n} caratteri.',
    'forms.text.counter': 'Hai scritto {count} caratteri su {max}.',
    'forms.text.counterOver': 'Hai scritto {count} caratteri: {over} più del massimo di {max}.',
  },
  en: {
    'forms.text.control':
      'The text contains a character that is not allowed ({code}, at character {at}), usually invisible: delete it or type the text again.',
    'forms.text.controlMulti':
      'The text contains a character that is not allowed ({code}, at character {at}), usually invisible: delete it or type the text again. Line breaks and tabs are allowed.',
    'forms.text.tooLong': 'At most {max:n} characters: you wrote {count:n}.',
    'forms.text.limit': 'At most {max:n} characters.',
    'forms.text.counter': 'You have written {count} of {max} characters.',
    'forms.text.counterOver': 'You have written {count} characters: {over} more than the maximum of {max}.',
  },
});

// The public pages (the check, the directory of centres) speak four more languages: the messages a refused text
// field can give there.
registerPublicMessages({
  fr: {
    'forms.text.control':
      'Le texte contient un caractère non autorisé ({code}, au caractère {at}), généralement invisible : supprimez-le ou retapez le texte.',
    'forms.text.controlMulti':
      'Le texte contient un caractère non autorisé ({code}, au caractère {at}), généralement invisible : supprimez-le ou retapez le texte. Les retours à la ligne et les tabulations sont autorisés.',
    'forms.text.tooLong': '{max:n} caractères au maximum : vous en avez écrit {count:n}.',
  },
  es: {
    'forms.text.control':
      'El texto contiene un carácter no permitido ({code}, en el carácter {at}), normalmente invisible: bórralo o vuelve a escribir el texto.',
    'forms.text.controlMulti':
      'El texto contiene un carácter no permitido ({code}, en el carácter {at}), normalmente invisible: bórralo o vuelve a escribir el texto. Se permiten saltos de línea y tabulaciones.',
    'forms.text.tooLong': 'Como máximo {max:n} caracteres: has escrito {count:n}.',
  },
  ar: {
    'forms.text.control':
      'يحتوي النص على حرف غير مسموح به ({code}، عند الحرف {at})، وعادةً ما يكون غير مرئي: احذفه أو أعد كتابة النص.',
    'forms.text.controlMulti':
      'يحتوي النص على حرف غير مسموح به ({code}، عند الحرف {at})، وعادةً ما يكون غير مرئي: احذفه أو أعد كتابة النص. يُسمح بفواصل الأسطر وعلامات الجدولة.',
    'forms.text.tooLong': 'الحد الأقصى {max:n} حرفًا: لقد كتبت {count:n}.',
  },
  uk: {
    'forms.text.control':
      'Текст містить недозволений символ ({code}, на позиції {at}), зазвичай невидимий: видаліть його або введіть текст заново.',
    'forms.text.controlMulti':
      'Текст містить недозволений символ ({code}, на позиції {at}), зазвичай невидимий: видаліть його або введіть текст заново. Переведення рядка й табуляція дозволені.',
    'forms.text.tooLong': 'Не більше {max:n} символів: ви написали {count:n}.',
  },
});
