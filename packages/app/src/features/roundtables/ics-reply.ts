// The few fields of an iCalendar reply (iMIP METHOD:REPLY, RFC 5546 §3.2.3) that Ponte reads, parsed by hand
// (RFC 5545 §3.1): lines unfolded (CRLF, or a bare LF, then one space or tab), a property's name and parameters
// split outside quoted strings, TEXT values unescaped. Only the properties of the VEVENT count (a VTIMEZONE or
// VALARM inside is skipped); names are case-insensitive. Nothing here touches the database.

export interface ReplyAttendee {
  /** The address of `mailto:`, lower case. */
  email: string;
  partstat: string;
  /** DELEGATED-TO's first address, lower case, when she delegated. */
  delegatedTo: string | null;
}

export interface IcsReply {
  method: string;
  uid: string;
  sequence: number;
  attendees: ReplyAttendee[];
}

/** Why a text is not a reply Ponte can read: a message key of the feature. */
export class IcsError extends Error {
  constructor(
    readonly key: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(key);
  }
}

export const MAX_ICS = 64 * 1024;

interface ContentLine {
  name: string;
  params: Record<string, string[]>;
  value: string;
}

/** Splits `s` at `sep` where it stands outside a double-quoted string. */
function splitOutsideQuotes(s: string, sep: string, max = Number.POSITIVE_INFINITY): string[] {
  const out: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < s.length && out.length < max - 1; i++) {
    const c = s[i];
    if (c === '"') quoted = !quoted;
    else if (c === sep && !quoted) {
      out.push(s.slice(start, i));
      start = i + 1;
    }
  }
  out.push(s.slice(start));
  return out;
}

/** One unfolded line: `NAME;PARAM=a,"b";…:value` (the first colon outside quotes ends name and parameters). */
function contentLine(line: string): ContentLine | null {
  const [head, value] = splitOutsideQuotes(line, ':', 2);
  if (value === undefined) return null;
  const [name, ...rawParams] = splitOutsideQuotes(head!, ';');
  const params: Record<string, string[]> = {};
  for (const p of rawParams) {
    const eq = p.indexOf('=');
    if (eq <= 0) continue;
    params[p.slice(0, eq).trim().toUpperCase()] = splitOutsideQuotes(p.slice(eq + 1), ',').map((v) =>
      v.trim().replace(/^"(.*)"$/s, '$1'),
    );
  }
  return { name: name!.trim().toUpperCase(), params, value };
}

/** A TEXT value as written (RFC 5545 §3.3.11): `\,` `\;` `\\` and `\n` unescaped. */
const unescapeText = (v: string) =>
  v.replace(/\\([\\;,nN])/g, (_m, c: string) => (c === 'n' || c === 'N' ? '\n' : c));

/** The address of a `mailto:` URI (scheme case-insensitive), lower case; null for anything else. */
export function mailtoOf(uri: string | undefined): string | null {
  const m = /^mailto:(.+)$/i.exec((uri ?? '').trim());
  if (!m) return null;
  let address: string;
  try {
    address = decodeURIComponent(m[1]!).trim().toLowerCase();
  } catch {
    return null; // a broken %-escape: no address
  }
  return /^[^\s@]+@[^\s@]+$/.test(address) ? address : null;
}

/** Reads the reply; throws IcsError when it is not one Ponte can read (not a calendar, no event, no UID …). */
export function parseIcsReply(text: string): IcsReply {
  if (text.length > MAX_ICS) throw new IcsError('roundtables.ics.err.tooLarge');
  const physical = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const lines: string[] = [];
  for (const l of physical) {
    if ((l.startsWith(' ') || l.startsWith('\t')) && lines.length > 0) lines[lines.length - 1] += l.slice(1);
    else if (l.trim() !== '') lines.push(l);
  }
  const stack: string[] = [];
  let method = '';
  let events = 0;
  let uid: string | null = null;
  let sequence: number | null = null;
  const attendees: ReplyAttendee[] = [];
  let sawCalendar = false;
  for (const raw of lines) {
    const l = contentLine(raw);
    if (!l) throw new IcsError('roundtables.ics.err.notCalendar');
    if (l.name === 'BEGIN') {
      const what = l.value.trim().toUpperCase();
      if (stack.length === 0 && what !== 'VCALENDAR') throw new IcsError('roundtables.ics.err.notCalendar');
      if (what === 'VCALENDAR') sawCalendar = true;
      if (what === 'VEVENT' && stack.at(-1) === 'VCALENDAR') events++;
      stack.push(what);
      continue;
    }
    if (l.name === 'END') {
      if (stack.pop() !== l.value.trim().toUpperCase()) throw new IcsError('roundtables.ics.err.notCalendar');
      continue;
    }
    const where = stack.at(-1);
    if (where === 'VCALENDAR' && stack.length === 1 && l.name === 'METHOD')
      method = l.value.trim().toUpperCase();
    if (where !== 'VEVENT' || stack.length !== 2 || events !== 1) continue;
    if (l.name === 'UID') uid = unescapeText(l.value).trim();
    else if (l.name === 'SEQUENCE') {
      if (!/^\s*\d{1,9}\s*$/.test(l.value)) throw new IcsError('roundtables.ics.err.sequence');
      sequence = Number(l.value);
    } else if (l.name === 'ATTENDEE') {
      const email = mailtoOf(l.value);
      if (!email) throw new IcsError('roundtables.ics.err.attendeeAddress');
      attendees.push({
        email,
        partstat: (l.params.PARTSTAT?.[0] ?? 'NEEDS-ACTION').toUpperCase(),
        delegatedTo: mailtoOf(l.params['DELEGATED-TO']?.[0]),
      });
    }
  }
  if (!sawCalendar || stack.length !== 0) throw new IcsError('roundtables.ics.err.notCalendar');
  if (events === 0) throw new IcsError('roundtables.ics.err.noEvent');
  if (events > 1) throw new IcsError('roundtables.ics.err.manyEvents');
  if (!uid) throw new IcsError('roundtables.ics.err.noUid');
  return { method, uid, sequence: sequence ?? 0, attendees };
}
