import { randomInt, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import { auditBy } from '../../platform/audit/audit.ts';
import { now as clockNow, isoDateInRome, nowMs, todayIso } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import type { CaseStatus, ConsentPurpose, ContactChannel, SafetyAnswer } from '../../platform/db/schema.ts';
import { PonteError } from '../../platform/errors.ts';
import { checkDate, type DateRule, RECENT_PAST } from '../../platform/forms/date.ts';
import { checkText, checkTexts } from '../../platform/forms/text.ts';
import { validateCodiceFiscale } from './codice-fiscale.ts';
import { type ChangeActor, emitCaseClosed, emitConsentRevoked } from './hooks.ts';
import { type Identity, writeIdentity } from './identity.ts';
import { findShelterWords, findStreetAddresses } from './pii-guard.ts';
import * as repo from './repository.ts';

// Decisions of the cases feature: validation (errors are message keys by field), and every write in one
// transaction with its audit entry. Optimistic concurrency: a form carries the version it was built on; a stale
// one changes nothing and answers `conflict`.

export type Errors = Record<string, string>;
export type Outcome<T = undefined> =
  | { ok: true; value: T }
  | { ok: false; errors: Errors }
  | { ok: false; conflict: true };

export const PURPOSES: readonly ConsentPurpose[] = [
  'services',
  'referral_inps',
  'identity_to_inps',
  'statistics',
  'contact',
];
export const CHANNELS: readonly ContactChannel[] = ['cav_only', 'phone', 'sms', 'email', 'none'];
export const CLOSING_REASONS = ['path_completed', 'moved', 'withdrew', 'unreachable', 'other'] as const;
export const STATUSES: readonly CaseStatus[] = ['open', 'closed'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID.test(v);

/** The same day `months` later (clamped to the month's last day: 31 Jan + 1 month = 28/29 Feb). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}

export interface Actor extends ChangeActor {}

const audit = (tx: Db, actor: Actor, action: string, caseId: string, details: Record<string, unknown> = {}) =>
  auditBy(tx, actor, action, 'case', caseId, details);

// Letters and digits that cannot be confused when read aloud or on the phone (no 0/O, 1/I).
const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

export function newCaseCode(year: number): string {
  let s = '';
  for (let i = 0; i < 5; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `PC-${year}-${s}`;
}

/**
 * Opens a case at the actor's CAV under a generated code; the safe-contact profile starts at "CAV only".
 * `openedAt` records a case opened earlier (the demo's cases of the last weeks; no route sets it): never in the
 * future, and the audit entry says so.
 */
export async function openCase(
  db: Db,
  actor: Actor,
  opts: { openedAt?: Date } = {},
): Promise<{ id: string; code: string }> {
  const openedAt = opts.openedAt;
  if (openedAt && !(openedAt.getTime() <= nowMs())) throw new Error('openCase: openedAt in the future');
  const year = Number((openedAt ? isoDateInRome(openedAt) : todayIso()).slice(0, 4));
  for (let attempt = 0; ; attempt++) {
    const id = randomUUID();
    const code = newCaseCode(year);
    try {
      await db.transaction().execute(async (tx) => {
        await tx
          .insertInto('case_file')
          .values({
            id,
            code,
            cav_id: actor.orgId,
            opened_by: actor.userId,
            opened_at: openedAt ?? clockNow(),
          })
          .execute();
        await tx
          .insertInto('safe_contact')
          .values({ case_id: id, updated_by: actor.userId, updated_at: clockNow() })
          .execute();
        await audit(
          tx,
          actor,
          'case.opened',
          id,
          openedAt ? { code, openedAt: openedAt.toISOString() } : { code },
        );
      });
      return { id, code };
    } catch (e) {
      if (attempt < 5 && (await repo.codeExists(db, code))) continue;
      throw e;
    }
  }
}

/** The case of her CAV, or 404. */
export async function caseOf(
  db: Db,
  actor: { orgId: string },
  caseId: string | undefined,
): Promise<repo.CaseRow> {
  if (!isUuid(caseId)) throw new PonteError('PONTE_ERR_NOT_FOUND');
  const row = await repo.findCase(db, actor.orgId, caseId);
  if (!row) throw new PonteError('PONTE_ERR_NOT_FOUND');
  return row;
}

/** The case page's own data (see repo.casePageOf), or 404 when the case is not her CAV's. */
export async function casePageOf(
  db: Db,
  actor: { orgId: string },
  caseId: string | undefined,
  day: string,
): Promise<repo.CasePageData> {
  if (!isUuid(caseId)) throw new PonteError('PONTE_ERR_NOT_FOUND');
  const data = await repo.casePageOf(db, actor.orgId, caseId, day);
  if (!data) throw new PonteError('PONTE_ERR_NOT_FOUND');
  return data;
}

export function requireOpen(c: repo.CaseRow): void {
  if (c.status !== 'open') throw new PonteError('PONTE_ERR_CONFLICT', { reason: 'case_closed' });
}

/**
 * The address part of the PII guard for a free-text field that is not the address (issue 11, finding 12): a
 * street address there is refused (the correspondence address has its own encrypted field; a shelter's address
 * is never written anywhere).
 */
export const holdsAddress = (text: string): boolean => findStreetAddresses(text).length > 0;

const version = (raw: string | undefined): number => (/^\d{1,9}$/.test(raw ?? '') ? Number(raw) : -1);

// ── identity ──────────────────────────────────────────────────────────────────────────────────────────────

export type Strings = Record<string, string | undefined>;

/** Validates the identity form: every field optional; the codice fiscale must carry its check character. */
export function validateIdentity(body: Strings): { identity: Identity; errors: Errors } {
  const identity: Identity = {};
  // A control character is refused next to its field (it used to become a space: input changed silently).
  const { values: v, errors } = checkTexts(body, {
    name: { max: 200 },
    codiceFiscale: { max: 30 },
    phone: { max: 30 },
    email: { max: 254 },
    address: { max: 300 },
  }) as { values: Record<string, string>; errors: Errors };
  const name = v.name ?? '';
  if (!errors.name && (holdsAddress(name) || findShelterWords(name).length > 0))
    errors.name = 'cases.err.address';
  else if (!errors.name && name) identity.name = name;
  const cf = errors.codiceFiscale ? '' : (v.codiceFiscale ?? '');
  if (cf) {
    const r = validateCodiceFiscale(cf);
    if (r.ok) identity.codiceFiscale = r.value;
    else errors.codiceFiscale = `cases.err.cf.${r.problem}`;
  }
  const phone = errors.phone ? '' : (v.phone ?? '');
  if (phone) {
    const compact = phone.replace(/[\s./()-]/g, '');
    if (!/^(\+|00)?\d{6,15}$/.test(compact)) errors.phone = 'cases.err.phone';
    else identity.phone = compact;
  }
  const email = errors.email ? '' : (v.email ?? '');
  if (email) {
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(email)) errors.email = 'cases.err.email';
    else identity.email = email;
  }
  const address = v.address ?? '';
  // product.md: a shelter's address is never stored. An address that names one is refused, not kept.
  if (!errors.address && findShelterWords(address).length > 0) errors.address = 'cases.err.shelter';
  else if (!errors.address && address) identity.address = address;
  return { identity, errors };
}

export async function saveIdentity(db: Db, actor: Actor, c: repo.CaseRow, body: Strings): Promise<Outcome> {
  const { identity, errors } = validateIdentity(body);
  if (Object.keys(errors).length) return { ok: false, errors };
  const seen = version(body.version);
  if (seen < 0) return { ok: false, conflict: true };
  const saved = await db.transaction().execute(async (tx) => {
    if (!(await writeIdentity(tx, c.id, identity, seen))) return false;
    // The audit says which fields are recorded, never their values.
    await audit(tx, actor, 'case.identity_written', c.id, { fields: Object.keys(identity).sort() });
    return true;
  });
  return saved ? { ok: true, value: undefined } : { ok: false, conflict: true };
}

// ── consent ───────────────────────────────────────────────────────────────────────────────────────────────

export interface ConsentInput {
  purpose: ConsentPurpose;
  givenOn: string;
  expiresOn: string;
  collectedBy: string;
  note: string | null;
}

/** When a consent may expire: from five years ago (a consent recorded late) to five years from today. */
const CONSENT_EXPIRY: DateRule = { min: RECENT_PAST.min, max: { fromToday: { years: 5 } } };

export function validateConsent(
  body: Strings,
  workers: { id: string }[],
  today: string,
): { input?: ConsentInput; errors: Errors } {
  const errors: Errors = {};
  const purpose = body.purpose as ConsentPurpose;
  if (!PURPOSES.includes(purpose)) errors.purpose = 'cases.err.purpose';
  // A consent is given in the last five years, today included; it expires after that day and at most five years
  // from today (platform/forms/date.ts: the message says which dates are allowed).
  const day = Temporal.PlainDate.from(today);
  const given = checkDate(body.givenOn, RECENT_PAST, { required: 'cases.err.date.required', today: day });
  if (!given.ok) errors.givenOn = given.error;
  const givenOn = given.ok && given.date ? given.iso : undefined;
  let expiresOn: string | undefined;
  if (body.expiresOn?.trim()) {
    const expires = checkDate(body.expiresOn, CONSENT_EXPIRY, { today: day });
    if (!expires.ok) errors.expiresOn = expires.error;
    else if (givenOn && expires.iso <= givenOn) errors.expiresOn = 'cases.err.expiry.before';
    else expiresOn = expires.iso;
  } else if (givenOn) expiresOn = addMonths(givenOn, 12);
  const collectedBy = body.collectedBy ?? '';
  if (!workers.some((w) => w.id === collectedBy)) errors.collectedBy = 'cases.err.collectedBy';
  const { value: note, error: noteError } = checkText(body.note, { max: 500, multiline: true });
  if (noteError) errors.note = noteError;
  else if (holdsAddress(note)) errors.note = 'cases.err.address';
  if (Object.keys(errors).length || !givenOn || !expiresOn) return { errors };
  return { input: { purpose, givenOn, expiresOn, collectedBy, note: note || null }, errors };
}

export async function recordConsent(db: Db, actor: Actor, c: repo.CaseRow, body: Strings): Promise<Outcome> {
  requireOpen(c);
  const workers = await repo.caseWorkers(db, c.cav_id);
  const { input, errors } = validateConsent(body, workers, todayIso());
  if (!input) return { ok: false, errors };
  return db.transaction().execute(async (tx) => {
    const live = await tx
      .selectFrom('consent')
      .select('id')
      .where('case_id', '=', c.id)
      .where('purpose', '=', input.purpose)
      .where('revoked_at', 'is', null)
      .forUpdate()
      .executeTakeFirst();
    if (live) return { ok: false, errors: { purpose: 'cases.err.consent.exists' } } as const;
    const id = randomUUID();
    await tx
      .insertInto('consent')
      .values({
        id,
        case_id: c.id,
        purpose: input.purpose,
        given_on: input.givenOn,
        expires_on: input.expiresOn,
        collected_by: input.collectedBy,
        recorded_by: actor.userId,
        recorded_at: clockNow(),
        note: input.note,
      })
      .execute();
    await audit(tx, actor, 'case.consent_recorded', c.id, {
      consentId: id,
      purpose: input.purpose,
      givenOn: input.givenOn,
      expiresOn: input.expiresOn,
    });
    return { ok: true, value: undefined } as const;
  });
}

/** Revokes a consent; listeners (the cards feature) close what depended on it, in the same transaction. */
export async function revokeConsent(
  db: Db,
  actor: Actor,
  c: repo.CaseRow,
  consentId: string | undefined,
  body: Strings = {},
): Promise<Outcome<ConsentPurpose>> {
  if (!isUuid(consentId)) throw new PonteError('PONTE_ERR_NOT_FOUND');
  // A form always sends the version it showed; a call from code without one revokes whatever is live.
  const seen = body.version === undefined ? undefined : version(body.version);
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .selectFrom('consent')
      .select(['id', 'purpose', 'version', 'revoked_at'])
      .where('id', '=', consentId)
      .where('case_id', '=', c.id)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw new PonteError('PONTE_ERR_NOT_FOUND');
    if (row.revoked_at || (seen !== undefined && row.version !== seen))
      return { ok: false, conflict: true } as const;
    await tx
      .updateTable('consent')
      .set({ revoked_at: clockNow(), revoked_by: actor.userId, version: sql<number>`version + 1` })
      .where('id', '=', row.id)
      .execute();
    await audit(tx, actor, 'case.consent_revoked', c.id, { consentId: row.id, purpose: row.purpose });
    await emitConsentRevoked(tx, { caseId: c.id, consentId: row.id, purpose: row.purpose, actor });
    return { ok: true, value: row.purpose } as const;
  });
}

/** Whether a case has a live consent for `purpose` today (given, not expired, not revoked). */
export async function hasConsent(
  db: Db,
  caseId: string,
  purpose: ConsentPurpose,
  day = todayIso(),
): Promise<boolean> {
  const row = await db
    .selectFrom('consent')
    .select('id')
    .where('case_id', '=', caseId)
    .where('purpose', '=', purpose)
    .where('revoked_at', 'is', null)
    .where('given_on', '<=', day)
    .where('expires_on', '>=', day)
    .executeTakeFirst();
  return !!row;
}

// ── safe contact ──────────────────────────────────────────────────────────────────────────────────────────

export interface ContactInput {
  channels: ContactChannel[];
  hours: string | null;
  codeWord: 'keep' | 'remove' | string;
  /** Her answer as given; anything but 'no' keeps Ponte from writing to her there (decision 0041). */
  abuserKnows: SafetyAnswer;
}

export function validateContact(body: Record<string, string | string[] | undefined>): {
  input?: ContactInput;
  errors: Errors;
} {
  const errors: Errors = {};
  const raw = body.channels;
  const list = (Array.isArray(raw) ? raw : raw ? [raw] : []).filter((c) => typeof c === 'string');
  const channels = [...new Set(list)] as ContactChannel[];
  if (channels.length === 0) errors.channels = 'cases.err.channels.none';
  else if (!channels.every((c) => CHANNELS.includes(c))) errors.channels = 'cases.err.channels';
  else if (channels.length > 1 && (channels.includes('none') || channels.includes('cav_only')))
    errors.channels = 'cases.err.channels.exclusive';
  const texts = checkTexts(body, { hours: { max: 200 }, codeWord: { max: 100 } });
  const { hours, codeWord: word } = texts.values;
  Object.assign(errors, texts.errors);
  if (!errors.hours && holdsAddress(hours)) errors.hours = 'cases.err.address';
  if (!errors.codeWord && holdsAddress(word)) errors.codeWord = 'cases.err.address';
  const remove = body.removeCodeWord === 'yes';
  const knows = String(body.abuserKnows ?? '');
  if (!isSafetyAnswer(knows)) errors.abuserKnows = 'cases.err.safetyAnswer';
  if (Object.keys(errors).length) return { errors };
  return {
    input: {
      channels,
      hours: hours || null,
      codeWord: remove ? 'remove' : word || 'keep',
      abuserKnows: knows as SafetyAnswer,
    },
    errors,
  };
}

export async function saveContact(
  db: Db,
  actor: Actor,
  c: repo.CaseRow,
  body: Record<string, string | string[] | undefined>,
  seal: (caseId: string, word: string | null) => { keyId: string | null; cipher: string | null },
): Promise<Outcome> {
  requireOpen(c);
  const { input, errors } = validateContact(body);
  if (!input) return { ok: false, errors };
  const seen = version(typeof body.version === 'string' ? body.version : undefined);
  return db.transaction().execute(async (tx) => {
    const word =
      input.codeWord === 'keep'
        ? {}
        : (() => {
            const s = seal(c.id, input.codeWord === 'remove' ? null : input.codeWord);
            return { code_word_key_id: s.keyId, code_word_cipher: s.cipher };
          })();
    const r = await tx
      .updateTable('safe_contact')
      .set({
        channels: input.channels,
        hours: input.hours,
        abuser_knows: input.abuserKnows,
        updated_by: actor.userId,
        updated_at: clockNow(),
        version: sql<number>`version + 1`,
        ...word,
      })
      .where('case_id', '=', c.id)
      .where('version', '=', seen)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return { ok: false, conflict: true } as const;
    await audit(tx, actor, 'case.safe_contact_saved', c.id, {
      channels: input.channels,
      codeWord: input.codeWord === 'keep' ? 'kept' : input.codeWord === 'remove' ? 'removed' : 'changed',
      abuserKnows: input.abuserKnows,
    });
    return { ok: true, value: undefined } as const;
  });
}

// ── closing ───────────────────────────────────────────────────────────────────────────────────────────────

export async function closeCase(db: Db, actor: Actor, c: repo.CaseRow, body: Strings): Promise<Outcome> {
  const reason = body.reason ?? '';
  if (!(CLOSING_REASONS as readonly string[]).includes(reason))
    return { ok: false, errors: { reason: 'cases.err.reason' } };
  const seen = version(body.version);
  return db.transaction().execute(async (tx) => {
    const r = await tx
      .updateTable('case_file')
      .set({
        status: 'closed',
        closed_at: clockNow(),
        closed_by: actor.userId,
        closing_reason: reason,
        version: sql<number>`version + 1`,
      })
      .where('id', '=', c.id)
      .where('status', '=', 'open')
      .where('version', '=', seen)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return { ok: false, conflict: true } as const;
    await audit(tx, actor, 'case.closed', c.id, { reason });
    await emitCaseClosed(tx, { caseId: c.id, reason, actor });
    return { ok: true, value: undefined } as const;
  });
}

// ── due items ─────────────────────────────────────────────────────────────────────────────────────────────

export async function markDueDone(
  db: Db,
  actor: Actor,
  c: repo.CaseRow,
  dueId: string | undefined,
  body: Strings,
): Promise<Outcome> {
  if (!isUuid(dueId)) throw new PonteError('PONTE_ERR_NOT_FOUND');
  const seen = version(body.version);
  return db.transaction().execute(async (tx) => {
    const r = await tx
      .updateTable('due_item')
      .set({ done_at: clockNow(), done_by: actor.userId, version: sql<number>`version + 1` })
      .where('id', '=', dueId)
      .where('case_id', '=', c.id)
      .where('done_at', 'is', null)
      .where('version', '=', seen)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return { ok: false, conflict: true } as const;
    await audit(tx, actor, 'case.due_done', c.id, { dueId });
    return { ok: true, value: undefined } as const;
  });
}

/** The answers a safety question accepts: never a default, and "non so" is an answer of its own. */
export const SAFETY_ANSWERS = ['yes', 'no', 'unknown'] as const satisfies readonly SafetyAnswer[];

export function isSafetyAnswer(v: unknown): v is SafetyAnswer {
  return (SAFETY_ANSWERS as readonly unknown[]).includes(v);
}

/**
 * Whether Ponte may write to her at the contacts of her safe-contact profile: only when she said the abuser does
 * NOT know them. "Yes", "I don't know" and a question nobody asked yet all mean no (decision 0041).
 */
export function contactUnknownToAbuser(answer: SafetyAnswer | null | undefined): boolean {
  return answer === 'no';
}
