import type { Db } from '../../../platform/db/database.ts';
import { PonteError } from '../../../platform/errors.ts';
import * as repo from '../booking/repository.ts';
import { audit, type Ctx, FormError, isUuid, nowOf } from '../booking/service.ts';
import { romeLabel } from '../common/calendar.ts';
import { insertDeskDay, type SessionInput, validateDeskDay } from '../planning/desks.ts';
import { activeAppointmentsOf, cancelSessions, isTrained, lockPlanning } from '../planning/repository.ts';
import { msg } from '../planning/service.ts';
import * as ar from './repository.ts';

// "La mia disponibilità" (issue 5; product.md: the consulente publishes her availability at desks). A trained INPS
// officer adds one-off desk days for herself on the active desks of her office, with the very validation of the
// director's createSession (planning/desks.ts, validateDeskDay), and withdraws a day she published while nobody is booked
// in it. Days from the director — one-off or from a rule — stay the director's: she sees them, never cancels them.
// Who planned a day is desk_session.created_by (migration 0005): a published day is one without a rule whose
// creator is its officer.

/** The reason recorded on a desk day its officer withdrew. */
export const WITHDRAWN = 'officer_withdrawn';

function officerOnly(ctx: Ctx): void {
  if (!ctx.roles.includes('inps_officer') || ctx.orgKind !== 'inps_office')
    throw new PonteError('PONTE_ERR_FORBIDDEN');
}

/** Whether a desk day was published by its own officer (not planned by the director, nor from a rule). */
export const publishedByOfficer = (d: { rule_id: string | null; created_by: string; officer_id: string }) =>
  d.rule_id === null && d.created_by === d.officer_id;

/** Whether the actor may withdraw this desk day of hers: she published it herself. */
export const isOwnPublication = (ctx: Ctx, d: ar.OwnDayRow) =>
  publishedByOfficer(d) && d.officer_id === ctx.userId;

/** The active desks of the officer's office, where she can publish her availability. */
export async function desksForOfficer(db: Db, ctx: Ctx): Promise<repo.DeskRow[]> {
  officerOnly(ctx);
  return (await repo.desksOf(db, ctx.orgId)).filter((d) => d.inps_office_id === ctx.orgId);
}

/** Whether the officer is trained in accoglienza (only then can she publish). */
export async function canPublish(db: Db, ctx: Ctx): Promise<boolean> {
  officerOnly(ctx);
  return isTrained(db, ctx.userId);
}

/** Her desk days that have not ended, soonest first, a page at a time. */
export async function ownDays(db: Db, ctx: Ctx, limit: number, offset: number) {
  officerOnly(ctx);
  return ar.daysOfOfficer(db, { officerId: ctx.userId, officeId: ctx.orgId, now: nowOf(ctx), limit, offset });
}

export interface PublishInput extends SessionInput {
  desk?: string;
}

/**
 * The officer publishes a one-off desk day for herself on an active desk of her office. Any `officer` field is
 * ignored: the day is always hers. Another office's desk (or a retired one) is 404; everything else is the
 * director's validation, with her own refusal (not trained) told where the form would be (`publish`).
 */
export async function publishDay(db: Db, ctx: Ctx, input: PublishInput): Promise<string> {
  officerOnly(ctx);
  if (!input.desk?.trim()) throw new FormError({ desk: 'desks.err.availDesk' });
  const d = isUuid(input.desk) ? await repo.desk(db, input.desk) : undefined;
  if (!d || d.inps_office_id !== ctx.orgId) throw new PonteError('PONTE_ERR_NOT_FOUND');
  const fields: SessionInput = {
    date: input.date,
    start: input.start,
    end: input.end,
    slot_minutes: input.slot_minutes,
    buffer_minutes: input.buffer_minutes,
  };
  const plan = await validateDeskDay(db, ctx, d, ctx.userId, fields).catch((e: unknown) => {
    if (!(e instanceof FormError) || !e.errors.officer) throw e;
    // The director's message names "this officer": to the officer herself it says what to do.
    const { officer, ...rest } = e.errors;
    throw new FormError({
      ...rest,
      publish: officer === 'desks.err.untrained' ? 'desks.err.selfUntrained' : 'desks.err.selfNotOfficer',
    });
  });
  return insertDeskDay(db, ctx, d, ctx.userId, plan, 'desk.session.publish');
}

/** One of the officer's own live desk days (any origin); another's, or another office's, is 404. */
export async function ownDay(db: Db, ctx: Ctx, id: string): Promise<ar.OwnDayRow> {
  officerOnly(ctx);
  const d = isUuid(id) ? await ar.dayOfOfficer(db, id, ctx.userId, ctx.orgId, nowOf(ctx)) : undefined;
  if (!d) throw new PonteError('PONTE_ERR_NOT_FOUND');
  return d;
}

/**
 * The officer withdraws a desk day she published, before it starts and while it has no active appointment
 * (booked, or held and not expired): the day is cancelled, never deleted. In one transaction under the locks a
 * closure or a retirement takes — the office's planning lock, then the day's row — so a hold racing the withdrawal
 * either commits first (and the withdrawal is refused, naming the card) or waits and then finds the day cancelled.
 * A day from the director (one-off or from a rule) is refused (403): it is hers to change.
 */
export async function withdrawDay(db: Db, ctx: Ctx, id: string, input: { version?: string }): Promise<void> {
  const day = await ownDay(db, ctx, id);
  if (!isOwnPublication(ctx, day)) throw new PonteError('PONTE_ERR_FORBIDDEN');
  const now = nowOf(ctx);
  if (day.starts_at <= now) throw new FormError({ confirm: 'desks.err.availStarted' });
  const version = Number(input.version);
  await db.transaction().execute(async (tx) => {
    await lockPlanning(tx, ctx.orgId);
    const locked = await ar.lockDayForCancel(tx, day.id);
    if (!locked || !Number.isInteger(version) || locked.version !== version)
      throw new FormError({ version: 'desks.err.availStale' });
    const active = await activeAppointmentsOf(tx, [day.id], now);
    if (active.length > 0)
      throw new FormError({
        confirm: msg('desks.err.availBooked', {
          n: active.length,
          list: active.map((a) => `${a.card_code} ${romeLabel(a.starts_at)}`).join('; '),
        }),
      });
    await cancelSessions(tx, [day.id], now, WITHDRAWN);
    await audit(tx, ctx, 'desk.session.withdraw', 'desk_session', day.id, {
      desk: day.desk_id,
      starts_at: day.starts_at.toISOString(),
      ends_at: day.ends_at.toISOString(),
    });
  });
}
