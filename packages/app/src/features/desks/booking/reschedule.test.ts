import assert from 'node:assert/strict';
import { getTestDb, makeOrg, makeUser, testAt } from '../../../../test/helpers.ts';
import { now as clockNow } from '../../../platform/clock.ts';
import type { Db } from '../../../platform/db/database.ts';
import { PonteError } from '../../../platform/errors.ts';
import * as planSvc from '../planning/desks.ts';
import { makeCard, world } from '../test-fixtures.ts';
import * as repo from './repository.ts';
import * as svc from './service.ts';

// Written against fixed dates (issue 10): each test starts with the application clock at 26 November 2026, before them.
const test = testAt('2026-11-26T12:00:00Z');

// Rescheduling (issue 5, part B) against the real database: one transaction cancels the old appointment and books
// the new one, the exclusion constraints decide races, and the desks.notify job says 'moved'.

type World = Awaited<ReturnType<typeof world>>;

/** A phone desk with one desk day of `slots` 30-minute slots from 09:00 Rome (07:00 UTC in summer). */
async function day(db: Db, w: World, date: string, slots = 4, now?: Date) {
  const desk = await planSvc.createDesk(db, w.dirCtx, { kind: 'phone', name: 'Telefono' });
  const end = `${String(9 + Math.floor(slots / 2)).padStart(2, '0')}:${slots % 2 ? '30' : '00'}`;
  return planSvc.createSession(db, { ...w.dirCtx, ...(now ? { now } : {}) }, desk, {
    officer: w.officer.id,
    date,
    start: '09:00',
    end,
    slot_minutes: '30',
    buffer_minutes: '0',
  });
}

/** Holds and confirms a slot for a new card of the world's CAV; returns the appointment. */
async function book(db: Db, w: World, session: string, start: string, now?: Date) {
  const card = await makeCard(db, w.cav.id, w.office.id, w.operator.id);
  const ctx = { ...w.opCtx, ...(now ? { now } : {}) };
  const id = await svc.holdSlot(db, ctx, card, session, start);
  await svc.confirm(db, ctx, id);
  return svc.appointmentFor(db, w.opCtx, id);
}

async function fails(p: Promise<unknown>): Promise<Record<string, string>> {
  try {
    await p;
  } catch (e) {
    if (e instanceof svc.FormError) return e.errors;
    throw e;
  }
  assert.fail('expected a form error');
}

const row = (db: Db, id: string) =>
  db.selectFrom('appointment').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

test('a move cancels the old appointment and books the new one in one transaction, linked both ways, with a "moved" job', async () => {
  const { db } = await getTestDb();
  const w = await world(db);
  const s = await day(db, w, '2027-05-04');
  const a = await book(db, w, s, '2027-05-04T07:00:00.000Z');
  assert.equal(a.version, 2);
  const newId = await svc.reschedule(db, w.opCtx, a.id, {
    slot: `${s}|2027-05-04T07:30:00.000Z`,
    reason: ' La donna lavora la mattina ',
    version: '2',
  });
  const [oldRow, newRow] = [await row(db, a.id), await row(db, newId)];
  assert.equal(oldRow.status, 'cancelled');
  assert.equal(oldRow.reason, 'La donna lavora la mattina');
  assert.equal(oldRow.rescheduled_to, newId);
  assert.equal(newRow.status, 'booked');
  assert.equal(newRow.rescheduled_from, a.id);
  assert.equal(newRow.card_id, a.card_id);
  assert.equal(newRow.hold_expires_at, null);
  assert.equal(newRow.booked_by, w.operator.id);
  const moved = await svc.appointmentFor(db, w.opCtx, newId);
  assert.equal(moved.starts_at.toISOString(), '2027-05-04T07:30:00.000Z');

  const jobs = await db
    .selectFrom('job')
    .select(['payload', 'unique_key'])
    .where('kind', '=', 'desks.notify')
    .where('unique_key', 'like', `desks.notify:${newId}:%`)
    .execute();
  assert.equal(jobs.length, 1);
  assert.equal(jobs[0]?.unique_key, `desks.notify:${newId}:moved`);
  const payload = typeof jobs[0]?.payload === 'string' ? JSON.parse(jobs[0].payload) : jobs[0]?.payload;
  assert.deepEqual(payload, { appointment: newId, change: 'moved', previous: a.id });

  const actions = async (id: string) =>
    (
      await db.selectFrom('audit_log').select('action').where('entity_id', '=', id).orderBy('id').execute()
    ).map((r) => r.action);
  assert.deepEqual(await actions(a.id), [
    'desk.appointment.hold',
    'desk.appointment.book',
    'desk.appointment.reschedule',
  ]);
  assert.deepEqual(await actions(newId), ['desk.appointment.book']);

  const hOld = await repo.appointmentHistory(db, a.id);
  const hNew = await repo.appointmentHistory(db, newId);
  assert.equal(hOld?.rescheduled_to, newId);
  assert.equal(hOld?.to_starts_at?.toISOString(), '2027-05-04T07:30:00.000Z');
  assert.equal(hNew?.rescheduled_from, a.id);
  assert.equal(hNew?.from_starts_at?.toISOString(), '2027-05-04T07:00:00.000Z');

  // The old time is free again; the new appointment's own time is not offered to move it.
  const free = (await svc.freeSlotsForMove(db, w.opCtx, moved)).find((f) => f.session.id === s);
  const starts = free?.slots.map((x) => x.starts_at.toISOString());
  assert.ok(starts?.includes('2027-05-04T07:00:00.000Z'));
  assert.ok(!starts?.includes('2027-05-04T07:30:00.000Z'));
  // A form made before the move is stale; the cancelled appointment cannot be moved again.
  assert.equal(
    (
      await fails(
        svc.reschedule(db, w.opCtx, newId, {
          slot: `${s}|2027-05-04T08:00:00.000Z`,
          reason: 'x',
          version: '0',
        }),
      )
    ).version,
    'desks.err.stale',
  );
  assert.equal(
    (
      await fails(
        svc.reschedule(db, w.opCtx, a.id, {
          slot: `${s}|2027-05-04T08:00:00.000Z`,
          reason: 'x',
          version: '3',
        }),
      )
    ).slot,
    'desks.err.notBooked',
  );
});

test('a move into a taken slot is refused (taken) and rolls back: the old booking stays booked, no "moved" job', async () => {
  const { db } = await getTestDb();
  const w = await world(db);
  const s = await day(db, w, '2027-05-05');
  const a1 = await book(db, w, s, '2027-05-05T07:00:00.000Z');
  const a2 = await book(db, w, s, '2027-05-05T07:30:00.000Z');
  const e = await fails(
    svc.reschedule(db, w.opCtx, a1.id, {
      slot: `${s}|2027-05-05T07:30:00.000Z`,
      reason: 'Altro impegno',
      version: String(a1.version),
    }),
  );
  assert.equal(e.slot, 'desks.err.taken');
  assert.ok(svc.isConflict(e));
  const r1 = await row(db, a1.id);
  assert.equal(r1.status, 'booked');
  assert.equal(r1.reason, null);
  assert.equal(r1.rescheduled_to, null);
  assert.equal(r1.version, a1.version);
  assert.equal((await row(db, a2.id)).status, 'booked');
  const booked = await db.selectFrom('appointment').select('id').where('card_id', '=', a1.card_id).execute();
  assert.deepEqual(
    booked.map((b) => b.id),
    [a1.id],
    'no half-made appointment is left behind',
  );
  const moved = await db
    .selectFrom('job')
    .select('id')
    .where('kind', '=', 'desks.notify')
    .where('unique_key', 'like', '%:moved')
    .where(({ eb, ref }) => eb(ref('payload', '->>').key('previous'), '=', a1.id))
    .execute();
  assert.equal(moved.length, 0);
});

test('concurrent moves of several appointments into the same free slot: exactly one wins, the others keep their booking', async () => {
  const { db } = await getTestDb();
  const w = await world(db);
  const s = await day(db, w, '2027-05-06', 8);
  const target = '2027-05-06T10:30:00.000Z'; // the last slot, 12:30 in Rome
  const booked = [];
  for (let i = 0; i < 7; i++)
    booked.push(
      await book(db, w, s, new Date(Date.parse('2027-05-06T07:00:00.000Z') + i * 30 * 60_000).toISOString()),
    );
  const results = await Promise.allSettled(
    booked.map((a) =>
      svc.reschedule(db, w.opCtx, a.id, {
        slot: `${s}|${target}`,
        reason: 'Spostamento',
        version: String(a.version),
      }),
    ),
  );
  const won = results.filter((r) => r.status === 'fulfilled');
  assert.equal(won.length, 1, String(results.map((r) => r.status)));
  for (const r of results) {
    if (r.status === 'fulfilled') continue;
    assert.ok(r.reason instanceof svc.FormError, String(r.reason));
    assert.ok(
      ['desks.err.taken', 'desks.err.busy'].includes(r.reason.errors.slot as string),
      r.reason.errors.slot,
    );
  }
  const rows = await Promise.all(booked.map((a) => row(db, a.id)));
  assert.equal(rows.filter((r) => r.status === 'cancelled').length, 1);
  assert.equal(rows.filter((r) => r.status === 'booked').length, 6);
  const atTarget = await db
    .selectFrom('appointment')
    .select('id')
    .where('session_id', '=', s)
    .where('status', 'in', ['held', 'booked'])
    .where(({ eb }) => eb.fn('lower', ['during']), '=', new Date(target))
    .execute();
  assert.deepEqual(
    atTarget.map((r) => r.id),
    [(won[0] as PromiseFulfilledResult<string>).value],
  );
});

test('a move is refused for a past slot, a started or held appointment, a closed card, the same slot, no reason; another CAV gets 404', async () => {
  const { db } = await getTestDb();
  const w = await world(db);
  const s = await day(db, w, '2027-05-07');
  const a = await book(db, w, s, '2027-05-07T08:30:00.000Z');
  const v = String(a.version);
  const at = (iso: string) => `${s}|${iso}`;
  const move = (input: svc.MoveInput, ctx: svc.Ctx = w.opCtx, id = a.id) =>
    fails(svc.reschedule(db, ctx, id, input));
  const during = { ...w.opCtx, now: new Date('2027-05-07T07:10:00.000Z') };
  assert.equal(
    (await move({ slot: at('2027-05-07T07:00:00.000Z'), reason: 'x', version: v }, during)).slot,
    'desks.err.slotPast',
  );
  const after = { ...w.opCtx, now: new Date('2027-05-07T08:31:00.000Z') };
  assert.equal(
    (await move({ slot: at('2027-05-07T07:00:00.000Z'), reason: 'x', version: v }, after)).slot,
    'desks.err.moveStarted',
  );
  assert.equal(
    (await move({ slot: at('2027-05-07T08:30:00.000Z'), reason: 'x', version: v })).slot,
    'desks.err.sameSlot',
  );
  const bad = await move({ slot: '', reason: '  ', version: v });
  assert.deepEqual(bad, { reason: 'desks.err.moveReason', slot: 'desks.err.moveSlot' });
  assert.equal(
    (await move({ slot: at('2027-05-07T07:05:00.000Z'), reason: 'x', version: v })).slot,
    'desks.err.slotUnknown',
  );
  assert.equal((await move({ slot: 'nonsense|x', reason: 'x', version: v })).slot, 'desks.err.session');

  const card2 = await makeCard(db, w.cav.id, w.office.id, w.operator.id);
  const held = await svc.holdSlot(db, w.opCtx, card2, s, '2027-05-07T07:30:00.000Z');
  assert.equal(
    (await move({ slot: at('2027-05-07T08:00:00.000Z'), reason: 'x', version: '1' }, w.opCtx, held)).slot,
    'desks.err.notBooked',
  );

  const other = await makeOrg(db, 'cav', w.office.territoryId);
  const otherOp = await makeUser(db, other.id, ['cav_operator']);
  await assert.rejects(
    svc.reschedule(
      db,
      { userId: otherOp.id, orgId: other.id, orgKind: 'cav', roles: ['cav_operator'] },
      a.id,
      { slot: at('2027-05-07T08:00:00.000Z'), reason: 'x', version: v },
    ),
    (e: unknown) => e instanceof PonteError && e.code === 'PONTE_ERR_NOT_FOUND',
  );

  await db
    .updateTable('consultation_card')
    .set({ status: 'closed', closed_at: clockNow(), closing_reason: 'test' })
    .where('id', '=', a.card_id)
    .execute();
  assert.equal(
    (await move({ slot: at('2027-05-07T08:00:00.000Z'), reason: 'x', version: v })).slot,
    'desks.err.cardClosed',
  );
  assert.equal((await row(db, a.id)).status, 'booked', 'nothing changed');
});

test('the CAV records a no-show only once the appointment has started; who and when are recorded; the officer sees it', async () => {
  const { db } = await getTestDb();
  const w = await world(db);
  const s = await day(db, w, '2027-05-10');
  const a = await book(db, w, s, '2027-05-10T07:30:00.000Z');
  const v = String(a.version);
  const before = { ...w.opCtx, now: new Date('2027-05-10T07:29:00.000Z') };
  assert.equal((await fails(svc.markNoShow(db, before, a.id, v))).outcome, 'desks.err.noShowFuture');
  const other = await makeOrg(db, 'cav', w.office.territoryId);
  const otherOp = await makeUser(db, other.id, ['cav_operator']);
  const after = new Date('2027-05-10T07:45:00.000Z');
  await assert.rejects(
    svc.markNoShow(
      db,
      { userId: otherOp.id, orgId: other.id, orgKind: 'cav', roles: ['cav_operator'], now: after },
      a.id,
      v,
    ),
    (e: unknown) => e instanceof PonteError && e.code === 'PONTE_ERR_NOT_FOUND',
  );
  assert.equal(
    (await fails(svc.markNoShow(db, { ...w.opCtx, now: after }, a.id, '1'))).version,
    'desks.err.stale',
  );
  await svc.markNoShow(db, { ...w.opCtx, now: after }, a.id, v);
  const r = await row(db, a.id);
  assert.equal(r.status, 'no_show');
  assert.equal(r.outcome_by, w.operator.id);
  assert.equal(new Date(r.outcome_at as Date).toISOString(), after.toISOString());
  assert.equal(
    (await fails(svc.markNoShow(db, { ...w.opCtx, now: after }, a.id, String(r.version)))).outcome,
    'desks.err.outcomeStatus',
  );
  const h = await repo.appointmentHistory(db, a.id);
  assert.equal(h?.outcome_by_name, `Utente di prova ${w.operator.username}`);
  const officerCtx: svc.Ctx = {
    userId: w.officer.id,
    orgId: w.office.id,
    orgKind: 'inps_office',
    roles: ['inps_officer'],
  };
  const agenda = await svc.agenda(db, officerCtx, '2027-05-10', 'day');
  assert.deepEqual(
    agenda.rows.map((x) => [x.id, x.status]),
    [[a.id, 'no_show']],
  );
  // The officer's own outcome records her, too.
  const b = await book(db, w, s, '2027-05-10T08:00:00.000Z');
  await svc.recordOutcome(db, { ...officerCtx, now: new Date('2027-05-10T08:20:00.000Z') }, b.id, 'done');
  const rb = await row(db, b.id);
  assert.equal(rb.outcome_by, w.officer.id);
  assert.equal(new Date(rb.outcome_at as Date).toISOString(), '2027-05-10T08:20:00.000Z');
});

test('two people move the same appointment at once to different slots: one move happens, the other form is stale', async () => {
  const { db } = await getTestDb();
  const w = await world(db);
  const s = await day(db, w, '2027-05-11');
  const a = await book(db, w, s, '2027-05-11T07:00:00.000Z');
  const coordinator = await makeUser(db, w.cav.id, ['cav_coordinator']);
  const coordCtx: svc.Ctx = {
    userId: coordinator.id,
    orgId: w.cav.id,
    orgKind: 'cav',
    roles: ['cav_coordinator'],
  };
  const results = await Promise.allSettled([
    svc.reschedule(db, w.opCtx, a.id, { slot: `${s}|2027-05-11T07:30:00.000Z`, reason: 'a', version: '2' }),
    svc.reschedule(db, coordCtx, a.id, { slot: `${s}|2027-05-11T08:00:00.000Z`, reason: 'b', version: '2' }),
  ]);
  assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
  const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
  assert.ok(lost.reason instanceof svc.FormError, String(lost.reason));
  assert.equal(lost.reason.errors.version, 'desks.err.stale');
  const active = await db
    .selectFrom('appointment')
    .select('id')
    .where('card_id', '=', a.card_id)
    .where('status', '=', 'booked')
    .execute();
  assert.equal(active.length, 1, 'one booking for the card, not two');
});

test('a move to the next slot of the same desk day succeeds; the move page offers every free slot but its own', async () => {
  // Since migration 0006 an officer's desk days never overlap, so a move can only collide with other bookings.
  const { db } = await getTestDb();
  const w = await world(db);
  const s1 = await day(db, w, '2027-05-12');
  const a = await book(db, w, s1, '2027-05-12T07:00:00.000Z');
  const moved = await svc.reschedule(db, w.opCtx, a.id, {
    slot: `${s1}|2027-05-12T07:30:00.000Z`,
    reason: 'Meglio mezz’ora dopo',
    version: String(a.version),
  });
  assert.equal((await row(db, a.id)).status, 'cancelled');
  assert.equal((await row(db, moved)).status, 'booked');
  const b = await book(db, w, s1, '2027-05-12T08:00:00.000Z');
  const free = await svc.freeSlotsForMove(db, w.opCtx, b);
  assert.deepEqual(
    free.find((f) => f.session.id === s1)?.slots.map((x) => x.starts_at.toISOString()),
    ['2027-05-12T07:00:00.000Z', '2027-05-12T08:30:00.000Z'],
    'not its own 08:00, not 07:30 (taken by the moved one)',
  );
});
