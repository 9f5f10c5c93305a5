import { randomUUID } from 'node:crypto';
import { BENEFIT_IDS, catalogue } from '@ponte/rules';
import { appendAudit, auditBy } from '../../platform/audit/audit.ts';
import { now as clockNow, todayIso } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import type { ApplicationStatus, ConsentPurpose } from '../../platform/db/schema.ts';
import { PonteError } from '../../platform/errors.ts';
import { checkDate, RECENT_PAST, readDate } from '../../platform/forms/date.ts';
import { checkText, checkTexts } from '../../platform/forms/text.ts';
import { findPii, findStreetAddresses, type PiiFinding } from '../cases/index.ts';
import * as repo from './repository.ts';

// Consultation cards (the projection of a case that INPS sees), the INPS inbox, applications tracked to the
// outcome and the social service's Reddito di Libertà steps. Decisions only: SQL is in repository.ts, HTTP in
// routes.tsx. Every write runs in one transaction with its audit entry.

/**
 * The address part of the PII guard for the card's other free-text fields, written by INPS or the social worker
 * and read across organisations (issue 11, finding 12): a street address there is refused.
 */
const holdsAddress = (text: string): boolean => findStreetAddresses(text).length > 0;

export interface Ctx {
  userId: string;
  orgId: string;
  territoryId: string;
  ip?: string | null;
  requestId?: string | null;
}

/** Field name → message key (the routes translate). */
export type Errors = Record<string, string>;

export class FormError extends Error {
  constructor(
    readonly errors: Errors,
    readonly findings: Record<string, PiiFinding[]> = {},
  ) {
    super('form');
  }
}

export const AGE_BANDS = ['18-24', '25-34', '35-44', '45-54', '55-64', '65+'] as const;
export const CARD_STATUSES = ['sent', 'accepted', 'declined', 'closed'] as const;
export const CHANNELS = ['inps_online', 'patronato', 'comune', 'employer'] as const;
export const APP_STATUSES = [
  'in_preparazione',
  'presentata',
  'accolta',
  'respinta',
  'in_attesa_fondi_regionali',
  'ritirata',
] as const satisfies readonly ApplicationStatus[];
export const RDL = 'reddito_di_liberta';

/** The status history an application may follow. */
export const TRANSITIONS: Record<ApplicationStatus, readonly ApplicationStatus[]> = {
  in_preparazione: ['presentata', 'ritirata'],
  presentata: ['accolta', 'respinta', 'in_attesa_fondi_regionali', 'ritirata'],
  in_attesa_fondi_regionali: ['accolta', 'respinta', 'ritirata'],
  accolta: [],
  respinta: [],
  ritirata: [],
};
/** Statuses after which INPS's part is done (the card's "last outcome"). */
const OUTCOMES: readonly ApplicationStatus[] = [
  'accolta',
  'respinta',
  'in_attesa_fondi_regionali',
  'ritirata',
];

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID_RE.test(v);
export const isBenefit = (v: unknown): v is string =>
  typeof v === 'string' && (BENEFIT_IDS as readonly string[]).includes(v);

/** The age band of a birth date on a day. */
export function ageBand(birthDate: string, on: string): string | undefined {
  // The birth date as the check stored it (YYYY-MM-DD), read by the one date reader.
  if (readDate(birthDate)?.toString() !== birthDate) return undefined;
  let age = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4));
  if (on.slice(5) < birthDate.slice(5)) age--;
  if (age < 18) return undefined;
  if (age >= 65) return '65+';
  return AGE_BANDS.find((b) => {
    const [lo, hi] = b.split('-').map(Number);
    return lo !== undefined && hi !== undefined && age >= lo && age <= hi;
  });
}

const audit = auditBy;

function isUniqueViolation(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: string }).code === '23505';
}

// ── Referral (CAV) ──────────────────────────────────────────────────────────────────────────────────────────

export async function caseForCav(db: Db, caseId: string, cavId: string): Promise<repo.CaseRow> {
  const found = isUuid(caseId) ? await repo.caseOfCav(db, caseId, cavId) : undefined;
  if (!found) throw new PonteError('PONTE_ERR_NOT_FOUND');
  return found;
}

export interface ReferralDefaults {
  age_band: string;
  benefits: string[];
}

/** What the referral form starts from: the benefits of the last check (eligible or to verify) and the age band. */
export async function referralDefaults(db: Db, caseId: string): Promise<ReferralDefaults> {
  const last = await repo.lastScreening(db, caseId);
  const parse = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v) as Record<string, unknown> | null;
  const assessment = parse(last?.assessment) as {
    results?: Array<{ benefit: string; status: string }>;
  } | null;
  const situation = parse(last?.situation) as { person?: { birthDate?: string } } | null;
  const benefits = (assessment?.results ?? [])
    .filter((r) => r.status === 'eligible' || r.status === 'undetermined')
    .map((r) => r.benefit)
    .filter(isBenefit);
  const birth = situation?.person?.birthDate;
  return { age_band: birth ? (ageBand(birth, todayIso()) ?? '') : '', benefits };
}

export interface ReferralInput {
  office?: string | undefined;
  age_band?: string | undefined;
  benefits: string[];
  preferred_language?: string | undefined;
  accessibility_needs?: string | undefined;
  note?: string | undefined;
}

/**
 * Creates the consultation card: only whitelisted fields, with a live referral consent, free text that passes the
 * PII guard (`names`: the names of her identity record), and at most one open card per case and office.
 */
export async function createCard(
  db: Db,
  caseRow: repo.CaseRow,
  input: ReferralInput,
  names: readonly string[],
  ctx: Ctx,
): Promise<string> {
  const errors: Errors = {};
  const findings: Record<string, PiiFinding[]> = {};
  if (caseRow.status !== 'open') throw new FormError({ office: 'cards.err.caseClosed' });
  if (!(await repo.hasValidConsent(db, caseRow.id, 'referral_inps', todayIso())))
    errors.consent = 'cards.err.noConsent';
  const offices = await repo.inpsOffices(db);
  if (!input.office || !offices.some((o) => o.id === input.office)) errors.office = 'cards.err.office';
  if (input.age_band && !(AGE_BANDS as readonly string[]).includes(input.age_band))
    errors.age_band = 'cards.err.ageBand';
  const benefits = [...new Set(input.benefits)];
  if (benefits.length === 0) errors.benefits = 'cards.err.benefitsNone';
  else if (!benefits.every(isBenefit)) errors.benefits = 'cards.err.benefits';
  const texts = checkTexts(input, {
    preferred_language: { max: 60 },
    accessibility_needs: { max: 500, multiline: true },
    note: { max: 2000, multiline: true },
  });
  Object.assign(errors, texts.errors);
  const lang = texts.values.preferred_language;
  // Every free-text field of the referral goes to INPS: each passes the whole guard (finding 12).
  for (const field of ['preferred_language', 'accessibility_needs', 'note'] as const) {
    const text = texts.values[field];
    if (texts.errors[field]) continue;
    const found = findPii(text, { names });
    if (found.length > 0) {
      errors[field] = 'cards.err.pii';
      findings[field] = found;
    }
  }
  if (Object.keys(errors).length > 0) throw new FormError(errors, findings);

  const id = randomUUID();
  try {
    await db.transaction().execute(async (tx) => {
      const existing = await repo.openCardFor(tx, caseRow.id, input.office!);
      if (existing?.status === 'declined') {
        // A declined card is over: closing it lets the CAV refer again to the same office.
        await tx
          .updateTable('consultation_card')
          .set({
            status: 'closed',
            closed_at: clockNow(),
            closing_reason: 'declined',
            version: (eb) => eb('version', '+', 1),
          })
          .where('id', '=', existing.id)
          .execute();
      } else if (existing) {
        throw new FormError({ office: 'cards.err.duplicate' });
      }
      await tx
        .insertInto('consultation_card')
        .values({
          id,
          case_id: caseRow.id,
          inps_office_id: input.office!,
          code: caseRow.code,
          age_band: input.age_band || null,
          benefits,
          preferred_language: lang || null,
          accessibility_needs: texts.values.accessibility_needs || null,
          note: texts.values.note || null,
          created_by: ctx.userId,
          created_at: clockNow(),
        })
        .execute();
      await audit(tx, ctx, 'card.created', 'consultation_card', id, {
        caseId: caseRow.id,
        office: input.office,
        benefits,
      });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new FormError({ office: 'cards.err.duplicate' });
    throw e;
  }
  return id;
}

/** Closes a card (consent revoked, case closed, the job): idempotent, inside the caller's transaction. */
export async function closeCard(
  tx: Db,
  cardId: string,
  reason: string,
  ctx: Omit<Ctx, 'territoryId'> | null,
) {
  const closed = await tx
    .updateTable('consultation_card')
    .set({
      status: 'closed',
      closed_at: clockNow(),
      closing_reason: reason,
      version: (eb) => eb('version', '+', 1),
    })
    .where('id', '=', cardId)
    .where('status', '<>', 'closed')
    .returning('id')
    .executeTakeFirst();
  if (!closed) return false;
  await appendAudit(tx, {
    actorUserId: ctx?.userId ?? null,
    actorOrgId: ctx?.orgId ?? null,
    action: 'card.closed',
    entityType: 'consultation_card',
    entityId: cardId,
    ip: ctx?.ip ?? null,
    requestId: ctx?.requestId ?? null,
    details: { reason },
  });
  return true;
}

/** Closes the open cards of a case (referral consent revoked, case closed). */
export async function closeCardsOfCase(
  tx: Db,
  caseId: string,
  reason: string,
  ctx: Omit<Ctx, 'territoryId'> | null,
): Promise<number> {
  const open = await tx
    .selectFrom('consultation_card')
    .select('id')
    .where('case_id', '=', caseId)
    .where('status', '<>', 'closed')
    .execute();
  let n = 0;
  for (const c of open) if (await closeCard(tx, c.id, reason, ctx)) n++;
  return n;
}

/**
 * Whether the woman withdrew the card (her referral consent revoked): INPS and the social service then see only
 * its code and that it closed for that reason (issue 11, finding 11); the CAV keeps its own record.
 */
export function isWithdrawn(card: Pick<repo.CardRow, 'status' | 'closing_reason'>): boolean {
  return card.status === 'closed' && card.closing_reason === 'referral_revoked';
}

/** Consents whose revocation closes the cards: the referral itself. */
export const CLOSING_PURPOSES: readonly ConsentPurpose[] = ['referral_inps'];

/**
 * The job: a card closes `days` after its last outcome, when no application of it is still waiting to be filed
 * or decided. Idempotent (a closed card is not touched again).
 */
export async function closeStaleCards(db: Db, days: number, now = clockNow()): Promise<number> {
  const limit = new Date(now.getTime() - days * 24 * 3600_000);
  const stale = await db
    .selectFrom('consultation_card as c')
    .select('c.id')
    .where('c.status', 'in', ['accepted', 'sent'])
    .where('c.last_outcome_at', '<', limit)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('application as a')
            .select('a.id')
            .whereRef('a.card_id', '=', 'c.id')
            .where('a.status', 'in', ['in_preparazione', 'presentata']),
        ),
      ),
    )
    .execute();
  let n = 0;
  for (const c of stale) {
    await db.transaction().execute(async (tx) => {
      if (await closeCard(tx, c.id, 'outcome_timeout', null)) n++;
    });
  }
  return n;
}

// ── INPS inbox and card ─────────────────────────────────────────────────────────────────────────────────────

/** A card of the officer's own office; any other → 404 (it does not exist for her). */
export async function cardForOffice(db: Db, cardId: string, officeId: string): Promise<repo.CardRow> {
  const card = isUuid(cardId) ? await repo.cardById(db, cardId) : undefined;
  if (!card || card.inps_office_id !== officeId) throw new PonteError('PONTE_ERR_NOT_FOUND');
  return card;
}

/**
 * An officer's openings of one card are recorded at most once in this time (issue 16, decision 0057): reloading
 * the page, or coming back to it after an action, within ten minutes of her recorded opening adds no record.
 * Every other opening is on record (card_access for the CAV, card.opened in the audit log); every reveal of the
 * identity is always recorded, by its accessor.
 */
export const OPENING_RECORDED_EVERY_MS = 10 * 60_000;

/**
 * The INPS officer's card page data (a card of her office) in one query; the opening recorded unless she opened it
 * within OPENING_RECORDED_EVERY_MS. Not found for another office's card or a malformed id.
 */
export async function openCardForOffice(db: Db, cardId: string, ctx: Ctx): Promise<repo.InpsCardPageData> {
  const data = isUuid(cardId)
    ? await repo.inpsCardPageOf(db, {
        cardId,
        officeId: ctx.orgId,
        userId: ctx.userId,
        day: todayIso(),
        openedSince: new Date(clockNow().getTime() - OPENING_RECORDED_EVERY_MS),
      })
    : undefined;
  if (!data) throw new PonteError('PONTE_ERR_NOT_FOUND');
  if (!data.openedRecently) await recordOpened(db, data.card, ctx);
  return data;
}

/** Records that the officer opened the card (the CAV sees who and when). */
export async function recordOpened(db: Db, card: repo.CardRow, ctx: Ctx): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('card_access')
      .values({
        id: randomUUID(),
        card_id: card.id,
        user_id: ctx.userId,
        org_id: ctx.orgId,
        kind: 'opened',
        at: clockNow(),
      })
      .execute();
    await audit(tx, ctx, 'card.opened', 'consultation_card', card.id);
  });
}

function parseVersion(v: string | undefined): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new PonteError('PONTE_ERR_CONFLICT');
  return n;
}

export async function acceptCard(db: Db, card: repo.CardRow, version: string | undefined, ctx: Ctx) {
  const seen = parseVersion(version);
  if (card.status !== 'sent') throw new FormError({ decision: 'cards.err.notSent' });
  await db.transaction().execute(async (tx) => {
    const row = await tx
      .updateTable('consultation_card')
      .set({ status: 'accepted', accepted_by: ctx.userId, accepted_at: clockNow(), version: seen + 1 })
      .where('id', '=', card.id)
      .where('version', '=', seen)
      .where('status', '=', 'sent')
      .returning('id')
      .executeTakeFirst();
    if (!row) throw new PonteError('PONTE_ERR_CONFLICT');
    await audit(tx, ctx, 'card.accepted', 'consultation_card', card.id);
  });
}

export async function declineCard(
  db: Db,
  card: repo.CardRow,
  input: { reason?: string | undefined; version?: string | undefined },
  ctx: Ctx,
) {
  const { value: reason, error } = checkText(input.reason, { max: 1000, multiline: true });
  if (card.status !== 'sent') throw new FormError({ decision: 'cards.err.notSent' });
  if (error) throw new FormError({ reason: error });
  if (reason.length < 3) throw new FormError({ reason: 'cards.err.reason' });
  if (holdsAddress(reason)) throw new FormError({ reason: 'cards.err.address' });
  const seen = parseVersion(input.version);
  await db.transaction().execute(async (tx) => {
    const row = await tx
      .updateTable('consultation_card')
      .set({ status: 'declined', decline_reason: reason, last_outcome_at: clockNow(), version: seen + 1 })
      .where('id', '=', card.id)
      .where('version', '=', seen)
      .where('status', '=', 'sent')
      .returning('id')
      .executeTakeFirst();
    if (!row) throw new PonteError('PONTE_ERR_CONFLICT');
    await audit(tx, ctx, 'card.declined', 'consultation_card', card.id);
  });
}

export async function recordAdvice(db: Db, card: repo.CardRow, text: string | undefined, ctx: Ctx) {
  const { value: advice, error } = checkText(text, { max: 4000, multiline: true });
  if (card.status !== 'accepted') throw new FormError({ advice: 'cards.err.notAccepted' });
  if (error) throw new FormError({ advice: error });
  if (advice.length === 0) throw new FormError({ advice: 'cards.err.adviceEmpty' });
  if (holdsAddress(advice)) throw new FormError({ advice: 'cards.err.address' });
  await db.transaction().execute(async (tx) => {
    const id = randomUUID();
    await tx
      .insertInto('card_advice')
      .values({ id, card_id: card.id, text: advice, by_user: ctx.userId, at: clockNow() })
      .execute();
    await audit(tx, ctx, 'card.advice_recorded', 'consultation_card', card.id, { adviceId: id });
  });
}

// ── Applications ────────────────────────────────────────────────────────────────────────────────────────────

export interface NewApplicationInput {
  benefit?: string | undefined;
}

export async function createApplication(
  db: Db,
  o: { caseId: string; cardId: string | null },
  input: NewApplicationInput,
  ctx: Ctx,
): Promise<string> {
  if (!isBenefit(input.benefit)) throw new FormError({ benefit: 'cards.err.benefit' });
  const entry = catalogue('it').find((e) => e.id === input.benefit);
  const checklist: repo.ChecklistItem[] = (entry?.documents ?? []).map((document) => ({
    document,
    done: false,
  }));
  const id = randomUUID();
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('application')
      .values({
        id,
        case_id: o.caseId,
        card_id: o.cardId,
        benefit: input.benefit!,
        checklist: JSON.stringify(checklist),
        created_by: ctx.userId,
        created_at: clockNow(),
        updated_at: clockNow(),
      })
      .execute();
    await tx
      .insertInto('application_event')
      .values({
        id: randomUUID(),
        application_id: id,
        from_status: null,
        to_status: 'in_preparazione',
        at: todayIso(),
        by_user: ctx.userId,
        recorded_at: clockNow(),
      })
      .execute();
    await audit(tx, ctx, 'application.created', 'application', id, {
      caseId: o.caseId,
      cardId: o.cardId,
      benefit: input.benefit,
    });
  });
  return id;
}

export interface DetailsInput {
  filed_by_channel?: string | undefined;
  filed_on?: string | undefined;
  protocol_number?: string | undefined;
  done: string[];
  version?: string | undefined;
}

/** Saves who files, when, the protocol number and the checklist; a stale version is refused. */
export async function saveDetails(db: Db, app: repo.ApplicationRow, input: DetailsInput, ctx: Ctx) {
  const errors: Errors = {};
  const channel = input.filed_by_channel || null;
  if (channel && !(CHANNELS as readonly string[]).includes(channel))
    errors.filed_by_channel = 'cards.err.channel';
  const filed = checkDate(input.filed_on, RECENT_PAST);
  const filedOn = filed.ok ? filed.iso || null : null;
  if (!filed.ok) errors.filed_on = filed.error;
  const protocol = input.protocol_number?.trim() || null;
  if (protocol && (protocol.length > 60 || !/^[\p{L}\p{N} ./_-]+$/u.test(protocol)))
    errors.protocol_number = 'cards.err.protocol';
  else if (protocol && holdsAddress(protocol)) errors.protocol_number = 'cards.err.address';
  if (Object.keys(errors).length > 0) throw new FormError(errors);
  const seen = parseVersion(input.version);
  const done = new Set(input.done);
  const checklist = app.checklist.map((c, i) => ({ document: c.document, done: done.has(String(i)) }));
  await db.transaction().execute(async (tx) => {
    const row = await tx
      .updateTable('application')
      .set({
        filed_by_channel: channel as repo.ApplicationRow['filed_by_channel'],
        filed_on: filedOn,
        protocol_number: protocol,
        checklist: JSON.stringify(checklist),
        updated_at: clockNow(),
        version: seen + 1,
      })
      .where('id', '=', app.id)
      .where('version', '=', seen)
      .returning('id')
      .executeTakeFirst();
    if (!row) throw new PonteError('PONTE_ERR_CONFLICT');
    await audit(tx, ctx, 'application.updated', 'application', app.id, {
      channel,
      filedOn,
      hasProtocol: protocol !== null,
    });
  });
}

export interface StatusInput {
  status?: string | undefined;
  at?: string | undefined;
  amount?: string | undefined;
  note?: string | undefined;
  version?: string | undefined;
}

/** Parses an amount in euro as Italians write it ("1.234,56", "500", "500.00") into cents. */
export function parseEuro(v: string): number | undefined {
  const s = v.trim().replace(/\s|€/g, '');
  let normal: string;
  if (/^\d{1,3}(\.\d{3})+(,\d{1,2})?$/.test(s)) normal = s.replaceAll('.', '').replace(',', '.');
  else if (/^\d+(,\d{1,2})?$/.test(s)) normal = s.replace(',', '.');
  else if (/^\d+(\.\d{1,2})?$/.test(s)) normal = s;
  else return undefined;
  const cents = Math.round(Number(normal) * 100);
  return Number.isSafeInteger(cents) && cents <= 100_000_000_00 ? cents : undefined;
}

/** Moves an application along its history; a change the history does not allow is refused. */
export async function changeStatus(db: Db, app: repo.ApplicationRow, input: StatusInput, ctx: Ctx) {
  const errors: Errors = {};
  const to = input.status as ApplicationStatus;
  if (!(APP_STATUSES as readonly string[]).includes(input.status ?? '')) errors.status = 'cards.err.status';
  else if (!TRANSITIONS[app.status].includes(to)) errors.status = 'cards.err.transition';
  const atCheck = checkDate(input.at, RECENT_PAST, { required: true });
  const at = atCheck.ok ? atCheck.iso : '';
  if (!atCheck.ok) errors.at = atCheck.error;
  else if (app.filed_on && to !== 'ritirata' && at < app.filed_on) errors.at = 'cards.err.beforeFiling';
  let amount: number | null = null;
  if (input.amount?.trim()) {
    const cents = parseEuro(input.amount);
    if (cents === undefined) errors.amount = 'cards.err.amount';
    else if (to !== 'accolta') errors.amount = 'cards.err.amountOnlyAccepted';
    else amount = cents;
  }
  if (!errors.status && to === 'presentata' && (!app.filed_on || !app.filed_by_channel))
    errors.status = 'cards.err.fileFirst';
  const checked = checkText(input.note, { max: 1000, multiline: true });
  const note = checked.value || null;
  if (checked.error) errors.note = checked.error;
  else if (note && holdsAddress(note)) errors.note = 'cards.err.address';
  if (Object.keys(errors).length > 0) throw new FormError(errors);
  const seen = parseVersion(input.version);
  await db.transaction().execute(async (tx) => {
    const row = await tx
      .updateTable('application')
      .set({
        status: to,
        ...(to === 'accolta' ? { amount_granted_cents: amount } : {}),
        updated_at: clockNow(),
        version: seen + 1,
      })
      .where('id', '=', app.id)
      .where('version', '=', seen)
      .where('status', '=', app.status)
      .returning('id')
      .executeTakeFirst();
    if (!row) throw new PonteError('PONTE_ERR_CONFLICT');
    await tx
      .insertInto('application_event')
      .values({
        id: randomUUID(),
        application_id: app.id,
        from_status: app.status,
        to_status: to,
        at,
        by_user: ctx.userId,
        note,
        recorded_at: clockNow(),
      })
      .execute();
    if (app.card_id && OUTCOMES.includes(to)) {
      await tx
        .updateTable('consultation_card')
        .set({ last_outcome_at: clockNow() })
        .where('id', '=', app.card_id)
        .execute();
    }
    await audit(tx, ctx, 'application.status_changed', 'application', app.id, { from: app.status, to, at });
  });
}

// ── Social worker: Reddito di Libertà ───────────────────────────────────────────────────────────────────────

/** A card of the social worker's territory that involves the RdL; any other → 404. */
export async function cardForSocial(db: Db, cardId: string, ctx: Ctx): Promise<repo.CardRow> {
  const card = isUuid(cardId) ? await repo.cardById(db, cardId) : undefined;
  if (!card || !(await repo.territoryWithin(db, card.cav_territory_id, ctx.territoryId)))
    throw new PonteError('PONTE_ERR_NOT_FOUND');
  const rdl =
    card.benefits.includes(RDL) ||
    (await repo.applicationsOfCard(db, card.id)).some((a) => a.benefit === RDL);
  if (!rdl) throw new PonteError('PONTE_ERR_NOT_FOUND');
  return card;
}

export async function recordDeclaration(
  db: Db,
  card: repo.CardRow,
  input: { declared_on?: string | undefined; version?: string | undefined },
  ctx: Ctx,
) {
  if (card.status === 'closed' || card.status === 'declined')
    throw new FormError({ declared_on: 'cards.err.cardClosed' });
  // The declaration was made in the last five years, today included (it accepted 1 January 1900: issue 10).
  const declared = checkDate(input.declared_on, RECENT_PAST, { required: true });
  if (!declared.ok) throw new FormError({ declared_on: declared.error });
  const on = declared.iso;
  await db.transaction().execute(async (tx) => {
    // The card row is locked so that two social workers recording at once make one declaration, not two.
    await tx.selectFrom('consultation_card').select('id').where('id', '=', card.id).forUpdate().execute();
    const existing = await repo.declarationOf(tx, card.id, ctx.orgId);
    if (existing) {
      const seen = parseVersion(input.version);
      if (existing.sr208_filed_on && on > existing.sr208_filed_on)
        throw new FormError({ declared_on: 'cards.err.afterFiling' });
      const row = await tx
        .updateTable('social_declaration')
        .set({ declared_on: on, declared_by: ctx.userId, version: seen + 1 })
        .where('id', '=', existing.id)
        .where('version', '=', seen)
        .returning('id')
        .executeTakeFirst();
      if (!row) throw new PonteError('PONTE_ERR_CONFLICT');
      await audit(tx, ctx, 'rdl.declared', 'social_declaration', existing.id, { cardId: card.id, on });
      return;
    }
    const id = randomUUID();
    await tx
      .insertInto('social_declaration')
      .values({
        id,
        case_id: card.case_id,
        card_id: card.id,
        ats_or_comune_id: ctx.orgId,
        declared_on: on,
        declared_by: ctx.userId,
        created_at: clockNow(),
      })
      .execute();
    await audit(tx, ctx, 'rdl.declared', 'social_declaration', id, { cardId: card.id, on });
  });
}

export async function recordSr208(
  db: Db,
  card: repo.CardRow,
  input: { filed_on?: string | undefined; protocol?: string | undefined; version?: string | undefined },
  ctx: Ctx,
) {
  const errors: Errors = {};
  const protocol = input.protocol?.trim() ?? '';
  const existing = await repo.declarationOf(db, card.id, ctx.orgId);
  if (!existing?.declared_on) throw new FormError({ filed_on: 'cards.err.declareFirst' });
  const filed = checkDate(input.filed_on, RECENT_PAST, { required: true });
  const on = filed.ok ? filed.iso : '';
  if (!filed.ok) errors.filed_on = filed.error;
  else if (on < existing.declared_on) errors.filed_on = 'cards.err.beforeDeclaration';
  if (!protocol) errors.protocol = 'cards.err.protocolRequired';
  else if (protocol.length > 60 || !/^[\p{L}\p{N} ./_-]+$/u.test(protocol))
    errors.protocol = 'cards.err.protocol';
  else if (holdsAddress(protocol)) errors.protocol = 'cards.err.address';
  if (Object.keys(errors).length > 0) throw new FormError(errors);
  const seen = parseVersion(input.version);
  await db.transaction().execute(async (tx) => {
    const row = await tx
      .updateTable('social_declaration')
      .set({ sr208_filed_on: on, sr208_protocol: protocol, version: seen + 1 })
      .where('id', '=', existing.id)
      .where('version', '=', seen)
      .returning('id')
      .executeTakeFirst();
    if (!row) throw new PonteError('PONTE_ERR_CONFLICT');
    await audit(tx, ctx, 'rdl.sr208_filed', 'social_declaration', existing.id, { cardId: card.id, on });
  });
}
