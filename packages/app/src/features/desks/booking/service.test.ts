import assert from 'node:assert/strict';
import { getTestDb, makeOrg, makeUser, testAt } from '../../../../test/helpers.ts';
import { now as clockNow } from '../../../platform/clock.ts';
import { PonteError } from '../../../platform/errors.ts';
import * as planSvc from '../planning/desks.ts';
import { setHours } from '../planning/service.ts';
import { makeCard, trained, world } from '../test-fixtures.ts';
import * as svc from './service.ts';

// Written against fixed dates (issue 10): each test starts with the application clock at 26 November 2026, before them.
const test = testAt('2026-11-26T12:00:00Z');

// The desks service against the real database (PGlite, or PostgreSQL with DATABASE_URL): the exclusion
// constraints decide every race.

const input = (
  officer: string,
  date: string,
  start = '09:00',
  end = '13:00',
  slot = '30',
  buffer = '10',
) => ({
  officer,
  date,
  start,
  end,
  slot_minutes: slot,
  buffer_minutes: buffer,
});

const allWeek = { day_1: '1', day_2: '1', day_3: '1', day_4: '1', day_5: '1', day_6: '1', day_7: '1' };

async function fails(p: Promise<unknown>): Promise<Record<string, string>> {
  try {
    await p;
  } catch (e) {
    if (e instanceof svc.FormError) return e.errors;
    throw e;
  }
  assert.fail('expected a form error');
}

test('a shelter can never host a desk; a CAV room needs a CAV; a video desk needs its link', async () => {
  const { db } = await getTestDb();
  const w = await world(db);
  const shelter = await makeOrg(db, 'shelter', w.office.territoryId);
  const e1 = await fails(
    planSvc.createDesk(db, w.dirCtx, { kind: 'cav_room', host: shelter.id, name: 'Stanza' }),
  );
  assert.equal(e1.host, 'desks.err.shelter');
  const e2 = await fails(
    planSvc.createDesk(db, w.dirCtx, { kind: 'cav_room', host: w.office.id, name: 'Stanza' }),
  );
  assert.equal(e2.host, 'desks.err.hostCav');
  const e3 = await fails(planSvc.createDesk(db, w.dirCtx, { kind: 'video', name: 'Video' }));
  assert.equal(e3.video_link, 'desks.err.videoLink');
  const id = await planSvc.createDesk(db, w.dirCtx, {
    kind: 'cav_room',
    host: w.cav.id,
    name: 'Stanza blu',
    capacity: '3',
  });
  const row = await db.selectFrom('desk').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  assert.equal(row.organisation_id, w.cav.id);
  assert.equal(row.inps_office_id, w.office.id);
  const auditRow = await db
    .selectFrom('audit_log')
    .select('action')
    .where('entity_id', '=', id)
    .executeTakeFirst();
  assert.equal(auditRow?.action, 'desk.create');
});

test('desk days: end after start, not in the past, not on a public holiday (Easter Monday), officer of the office', async () => {
  const { db } = await getTestDb();
  const w = await world(db);
  const desk = await planSvc.createDesk(db, w.dirCtx, { kind: 'phone', name: 'Telefono' });
  assert.equal(
    (await fails(planSvc.createSession(db, w.dirCtx, desk, input(w.officer.id, '2027-03-29')))).date,
    'desks.err.holiday',
  );
  assert.equal(
    (await fails(planSvc.createSession(db, w.dirCtx, desk, input(w.officer.id, '2027-12-25')))).date,
    'desks.err.holiday',
  );
  assert.equal(
    (await fails(planSvc.createSession(db, w.dirCtx, desk, input(w.officer.id, '2020-03-03')))).date,
    'desks.err.past',
  );
  assert.equal(
    (
      await fails(
        planSvc.createSession(db, w.dirCtx, desk, input(w.officer.id, '2027-03-30', '13:00', '09:00')),
      )
    ).end,
    'desks.err.endBeforeStart',
  );
  assert.equal(
    (await fails(planSvc.createSession(db, w.dirCtx, desk, input(w.director.id, '2027-03-30')))).officer,
    'desks.err.officer',
  );
  const bad = await fails(
    planSvc.createSession(db, w.dirCtx, desk, input(w.officer.id, '2027-02-30', '9', 'x', '0', '-1')),
  );
  assert.deepEqual(Object.keys(bad).sort(), ['buffer_minutes', 'date', 'end', 'slot_minutes', 'start']);
  const ok = await planSvc.createSession(db, w.dirCtx, desk, input(w.officer.id, '2027-03-30'));
  assert.ok(svc.isUuid(ok));
  // A CAV coordinator (desks.manage) sets up rooms but does not assign officers.
  const coord = await makeUser(db, w.cav.id, ['cav_coordinator']);
  await assert.rejects(
    planSvc.createSession(
      db,
      { userId: coord.id, orgId: w.cav.id, orgKind: 'cav', roles: ['cav_coordinator'] },
      desk,
      input(w.officer.id, '2027-03-30'),
    ),
    (e: unknown) => e instanceof PonteError && e.code === 'PONTE_ERR_FORBIDDEN',
  );
});

test('200 concurrent holds of the same slot: exactly one succeeds, the others get the clear "taken" message', async () => {
  const { db } = await getTestDb();
  const w = await world(db);
  const desk = await planSvc.createDesk(db, w.dirCtx, { kind: 'cav_room', host: w.cav.id, name: 'Stanza' });
  const session = await planSvc.createSession(db, w.dirCtx, desk, input(w.officer.id, '2027-04-06'));
  const cards = await Promise.all(
    Array.from({ length: 10 }, () => makeCard(db, w.cav.id, w.office.id, w.operator.id)),
  );
  const start = '2027-04-06T07:00:00.000Z'; // 09:00 in Rome (CEST)
  const results = await Promise.allSettled(
    Array.from({ length: 200 }, (_, i) =>
      svc.holdSlot(db, w.opCtx, cards[i % cards.length] as string, session, start),
    ),
  );
  const ok = results.filter((r) => r.status === 'fulfilled');
  const refused = results.filter((r) => r.status === 'rejected');
  assert.equal(ok.length, 1);
  for (const r of refused) {
    const reason = (r as PromiseRejectedResult).reason;
    assert.ok(reason instanceof svc.FormError, String(reason));
    assert.ok(
      ['desks.err.taken', 'desks.err.busy'].includes(reason.errors.slot as string),
      reason.errors.slot,
    );
  }
  const active = await db
    .selectFrom('appointment')
    .select('id')
    .where('session_id', '=', session)
    .where('status', 'in', ['held', 'booked'])
    .execute();
  assert.equal(active.length, 1);
});

test('the same officer cannot have overlapping desk days at two desks; a booked slot is taken until cancelled', async () => {
  const { db } = await getTestDb();
  const w = await world(db);
  const d1 = await planSvc.createDesk(db, w.dirCtx, { kind: 'cav_room', host: w.cav.id, name: 'Stanza' });
  const d2 = await planSvc.createDesk(db, w.dirCtx, { kind: 'phone', name: 'Telefono' });
  const s1 = await planSvc.createSession(
    db,
    w.dirCtx,
    d1,
    input(w.officer.id, '2027-04-07', '09:00', '12:00', '30', '0'),
  );
  // Since migration 0006 the overlap is refused when the desk day is set, naming the day it overlaps.
  const overlap = await fails(
    planSvc.createSession(db, w.dirCtx, d2, input(w.officer.id, '2027-04-07', '09:15', '12:00', '30', '0')),
  );
  assert.match(overlap.start as string, /^desks\.err\.overlapOfficer\?day=2027-04-07\+09%3A00/);
  const c1 = await makeCard(db, w.cav.id, w.office.id, w.operator.id);
  const c2 = await makeCard(db, w.cav.id, w.office.id, w.operator.id);
  const a = await svc.holdSlot(db, w.opCtx, c1, s1, '2027-04-07T07:00:00.000Z');
  await svc.confirm(db, w.opCtx, a);
  const e = await fails(svc.holdSlot(db, w.opCtx, c2, s1, '2027-04-07T07:00:00.000Z'));
  assert.equal(e.slot, 'desks.err.taken');
  // The free slots no longer show the booked time.
  const card2 = await svc.openCardFor(db, w.opCtx, c2);
  const free = (await svc.freeSlotsForCard(db, w.opCtx, card2)).find((f) => f.session.id === s1);
  assert.ok(free && !free.slots.some((sl) => sl.starts_at.toISOString() === '2027-04-07T07:00:00.000Z'));
  assert.ok(free.slots.some((sl) => sl.starts_at.toISOString() === '2027-04-07T07:30:00.000Z'));
  // Cancelling (with a reason) frees it.
  assert.equal((await fails(svc.cancel(db, w.opCtx, a, ' '))).reason, 'desks.err.reason');
  await svc.cancel(db, w.opCtx, a, 'La donna ha chiesto un altro giorno');
  assert.ok(svc.isUuid(await svc.holdSlot(db, w.opCtx, c2, s1, '2027-04-07T07:00:00.000Z')));
});

test('overlapping bookings of one officer through two desks are refused by the appointments themselves', async () => {
  // Desk days of one officer cannot overlap any more (migration 0006), so this builds the situation the day
  // check would refuse — a day cancelled behind the service's back while booked, and an overlapping day at another
  // desk — to prove the second guard: the appointment exclusion constraint, whatever the desk.
  const { db } = await getTestDb();
  const w = await world(db);
  const d1 = await planSvc.createDesk(db, w.dirCtx, { kind: 'cav_room', host: w.cav.id, name: 'Stanza' });
  const d2 = await planSvc.createDesk(db, w.dirCtx, {
    kind: 'video',
    name: 'Video',
    video_link: 'https://v.example/x',
  });
  const s1 = await planSvc.createSession(
    db,
    w.dirCtx,
    d1,
    input(w.officer.id, '2027-04-08', '09:00', '12:00', '30', '0'),
  );
  const c1 = await makeCard(db, w.cav.id, w.office.id, w.operator.id);
  const c2 = await makeCard(db, w.cav.id, w.office.id, w.operator.id);
  const a = await svc.holdSlot(db, w.opCtx, c1, s1, '2027-04-08T07:00:00.000Z');
  await svc.confirm(db, w.opCtx, a);
  await db
    .updateTable('desk_session')
    .set({ cancelled_at: clockNow(), cancelled_reason: 'test' })
    .where('id', '=', s1)
    .execute();
  const s2 = await planSvc.createSession(
    db,
    w.dirCtx,
    d2,
    input(w.officer.id, '2027-04-08', '09:15', '12:00', '30', '0'),
  );
  const e = await fails(svc.holdSlot(db, w.opCtx, c2, s2, '2027-04-08T07:15:00.000Z'));
  assert.equal(e.slot, 'desks.err.taken', 'the officer is busy 09:00–09:30 at the other desk');
  assert.ok(svc.isUuid(await svc.holdSlot(db, w.opCtx, c2, s2, '2027-04-08T07:45:00.000Z')), '09:45 is free');
});

test('an expired hold frees its slot and can no longer be confirmed', async () => {
  const { db } = await getTestDb();
  const w = await world(db);
  const d = await planSvc.createDesk(db, w.dirCtx, { kind: 'phone', name: 'Telefono' });
  const s = await planSvc.createSession(db, w.dirCtx, d, input(w.officer.id, '2027-04-08'));
  const c1 = await makeCard(db, w.cav.id, w.office.id, w.operator.id);
  const c2 = await makeCard(db, w.cav.id, w.office.id, w.operator.id);
  const t0 = new Date('2027-01-10T10:00:00Z');
  const slot = '2027-04-08T07:40:00.000Z';
  const first = await svc.holdSlot(db, { ...w.opCtx, now: t0 }, c1, s, slot);
  const t1 = new Date(t0.getTime() + 4 * 60_000);
  assert.equal((await fails(svc.holdSlot(db, { ...w.opCtx, now: t1 }, c2, s, slot))).slot, 'desks.err.taken');
  const t2 = new Date(t0.getTime() + 6 * 60_000);
  assert.equal(
    (await fails(svc.confirm(db, { ...w.opCtx, now: t2 }, first))).confirm,
    'desks.err.holdExpired',
  );
  const second = await svc.holdSlot(db, { ...w.opCtx, now: t2 }, c2, s, slot);
  await svc.confirm(db, { ...w.opCtx, now: t2 }, second);
  const rows = await db
    .selectFrom('appointment')
    .select(['id', 'status', 'reason'])
    .where('session_id', '=', s)
    .execute();
  assert.deepEqual(rows.map((r) => [r.id === first ? 'first' : 'second', r.status, r.reason]).sort(), [
    ['first', 'cancelled', 'hold_expired'],
    ['second', 'booked', null],
  ]);
});

test('bookings across both daylight-saving changes give the right UTC instants', async () => {
  const { db } = await getTestDb();
  const w = await world(db);
  const d = await planSvc.createDesk(db, w.dirCtx, {
    kind: 'video',
    name: 'Video',
    video_link: 'https://meet.example.org/x',
  });
  // The weekend and the night are outside the default hours (Monday–Friday 08:00–19:00): open them all.
  await setHours(db, w.dirCtx, d, { ...allWeek, opens_at: '00:00', closes_at: '23:59', version: '1' });
  const card = await makeCard(db, w.cav.id, w.office.id, w.operator.id);
  // 2028: the clocks go forward on Sunday 26 March and back on Sunday 29 October (neither is a holiday).
  const cases: [string, string, string][] = [
    ['2028-03-25', '09:00', '2028-03-25T08:00:00.000Z'],
    ['2028-03-26', '09:00', '2028-03-26T07:00:00.000Z'],
    ['2028-10-28', '09:00', '2028-10-28T07:00:00.000Z'],
    ['2028-10-29', '09:00', '2028-10-29T08:00:00.000Z'],
  ];
  for (const [date, start, utc] of cases) {
    const s = await planSvc.createSession(
      db,
      w.dirCtx,
      d,
      input(w.officer.id, date, start, '10:00', '30', '0'),
    );
    const row = await db
      .selectFrom('desk_session')
      .select('starts_at')
      .where('id', '=', s)
      .executeTakeFirstOrThrow();
    assert.equal(new Date(row.starts_at).toISOString(), utc, date);
    const id = await svc.holdSlot(db, w.opCtx, card, s, utc);
    const a = await svc.appointmentFor(db, w.opCtx, id);
    assert.equal(a.starts_at.toISOString(), utc);
    assert.equal(a.ends_at.getTime() - a.starts_at.getTime(), 30 * 60_000);
  }
  // A desk day over the change night lasts the real elapsed time: 01:00–04:00 is 2 hours in March, 4 in October.
  const other = await makeUser(db, w.office.id, ['inps_officer']);
  await trained(db, other.id, w.director.id);
  const march = await planSvc.createSession(
    db,
    w.dirCtx,
    d,
    input(other.id, '2028-03-26', '01:00', '04:00', '60', '0'),
  );
  const oct = await planSvc.createSession(
    db,
    w.dirCtx,
    d,
    input(other.id, '2028-10-29', '01:00', '04:00', '60', '0'),
  );
  const free = await svc.freeSlotsForCard(db, w.opCtx, await svc.openCardFor(db, w.opCtx, card));
  const iso = (id: string) =>
    free.find((f) => f.session.id === id)?.slots.map((s) => s.starts_at.toISOString());
  assert.deepEqual(iso(march), ['2028-03-26T00:00:00.000Z', '2028-03-26T01:00:00.000Z']);
  assert.deepEqual(iso(oct), [
    '2028-10-28T23:00:00.000Z',
    '2028-10-29T00:00:00.000Z',
    '2028-10-29T01:00:00.000Z',
    '2028-10-29T02:00:00.000Z',
  ]);
});

test('another CAV cannot see or book a card; a closed card cannot be booked', async () => {
  const { db } = await getTestDb();
  const w = await world(db);
  const other = await makeOrg(db, 'cav', w.office.territoryId);
  const otherOp = await makeUser(db, other.id, ['cav_operator']);
  const otherCtx: svc.Ctx = { userId: otherOp.id, orgId: other.id, orgKind: 'cav', roles: ['cav_operator'] };
  const d = await planSvc.createDesk(db, w.dirCtx, { kind: 'phone', name: 'Telefono' });
  const s = await planSvc.createSession(db, w.dirCtx, d, input(w.officer.id, '2027-04-09'));
  const card = await makeCard(db, w.cav.id, w.office.id, w.operator.id);
  await assert.rejects(
    svc.holdSlot(db, otherCtx, card, s, '2027-04-09T07:00:00.000Z'),
    (e: unknown) => e instanceof PonteError && e.code === 'PONTE_ERR_NOT_FOUND',
  );
  const a = await svc.holdSlot(db, w.opCtx, card, s, '2027-04-09T07:00:00.000Z');
  await assert.rejects(
    svc.confirm(db, otherCtx, a),
    (e: unknown) => e instanceof PonteError && e.code === 'PONTE_ERR_NOT_FOUND',
  );
  const closed = await makeCard(db, w.cav.id, w.office.id, w.operator.id, 'closed');
  assert.equal(
    (await fails(svc.holdSlot(db, w.opCtx, closed, s, '2027-04-09T07:40:00.000Z'))).slot,
    'desks.err.cardClosed',
  );
  assert.equal(
    (await fails(svc.holdSlot(db, w.opCtx, card, s, '2027-04-09T07:05:00.000Z'))).slot,
    'desks.err.slotUnknown',
  );
});

test('a desk day beyond the first 200 of the office can still be held and moved into', async () => {
  const { db } = await getTestDb();
  const w = await world(db);
  const { createRule } = await import('../planning/service.ts');
  const desk = await planSvc.createDesk(db, w.dirCtx, { kind: 'phone', name: 'Telefono tutto l’anno' });
  for (const weekday of ['1', '2', '3', '4', '5'])
    await createRule(db, w.dirCtx, desk, {
      officer: w.officer.id,
      weekday,
      week_every: '1',
      start: '09:00',
      end: '10:00',
      slot_minutes: '30',
      buffer_minutes: '0',
      valid_from: '2027-01-04',
      valid_until: '2027-12-31',
    });
  const days = await db
    .selectFrom('desk_session')
    .select(['id', 'starts_at'])
    .where('desk_id', '=', desk)
    .orderBy('starts_at', 'desc')
    .execute();
  assert.ok(days.length > 200, `${days.length} desk days`);
  const last = days[0]!;
  const card = await makeCard(db, w.cav.id, w.office.id, w.operator.id);
  const id = await svc.holdSlot(db, w.opCtx, card, last.id, new Date(last.starts_at).toISOString());
  await svc.confirm(db, w.opCtx, id);
  const a = await svc.appointmentFor(db, w.opCtx, id);
  const moved = await svc.reschedule(db, w.opCtx, id, {
    slot: `${last.id}|${new Date(new Date(last.starts_at).getTime() + 30 * 60_000).toISOString()}`,
    reason: 'Mezz’ora dopo',
    version: String(a.version),
  });
  assert.ok(svc.isUuid(moved));
});
