import assert from 'node:assert/strict';
import { getTestDb, makeOrg, makeUser, testAt } from '../../../../test/helpers.ts';
import { now as clockNow } from '../../../platform/clock.ts';
import { PonteError } from '../../../platform/errors.ts';
import * as repo from '../booking/repository.ts';
import * as svc from '../booking/service.ts';
import * as planSvc from '../planning/desks.ts';
import * as rules from '../planning/service.ts';
import { makeCard, trained, world } from '../test-fixtures.ts';
import * as avail from './service.ts';

// Written against fixed dates (issue 10): each test starts with the application clock at 26 November 2026, before them.
const test = testAt('2026-11-26T12:00:00Z');

// "La mia disponibilità" against the real database (PGlite, or PostgreSQL with DATABASE_URL): a trained officer
// publishes one-off desk days for herself only, with the director's validation, and withdraws only those she
// published, while nobody is booked in them.

const day = (desk: string, date: string, start = '09:00', end = '12:00', slot = '30', buffer = '0') => ({
  desk,
  date,
  start,
  end,
  slot_minutes: slot,
  buffer_minutes: buffer,
});

async function fails(p: Promise<unknown>): Promise<Record<string, string>> {
  try {
    await p;
  } catch (e) {
    if (e instanceof svc.FormError) return e.errors;
    throw e;
  }
  assert.fail('expected a form error');
}
const code = (c: string) => (e: unknown) => e instanceof PonteError && e.code === c;

async function officerWorld() {
  const { db } = await getTestDb();
  const w = await world(db);
  const offCtx: svc.Ctx = {
    userId: w.officer.id,
    orgId: w.office.id,
    orgKind: 'inps_office',
    roles: ['inps_officer'],
  };
  const desk = await planSvc.createDesk(db, w.dirCtx, { kind: 'phone', name: 'Telefono disponibilità' });
  return { db, w, offCtx, desk };
}

test('the officer publishes a day for herself only (an officer field is ignored), audited, seen by the CAV', async () => {
  const { db, w, offCtx, desk } = await officerWorld();
  const other = await makeUser(db, w.office.id, ['inps_officer']);
  await trained(db, other.id, w.director.id);
  const id = await avail.publishDay(db, offCtx, { ...day(desk, '2027-05-04'), officer: other.id });
  const row = await db.selectFrom('desk_session').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  assert.equal(row.officer_id, w.officer.id, 'never someone else');
  assert.equal(row.created_by, w.officer.id);
  assert.equal(row.rule_id, null);
  const a = await db
    .selectFrom('audit_log')
    .select(['action', 'actor_user_id'])
    .where('entity_id', '=', id)
    .executeTakeFirstOrThrow();
  assert.deepEqual(a, { action: 'desk.session.publish', actor_user_id: w.officer.id });
  const { rows, total } = await avail.ownDays(db, offCtx, 20, 0);
  assert.equal(total, 1);
  assert.equal(rows[0]?.id, id);
  assert.ok(avail.publishedByOfficer(rows[0]!));
  // The CAV books in it like any desk day.
  const card = await makeCard(db, w.cav.id, w.office.id, w.operator.id);
  const free = await svc.freeSlotsForCard(db, w.opCtx, (await repo.cardOfCav(db, card, w.cav.id))!);
  assert.equal(free.find((f) => f.session.id === id)?.slots.length, 6);
  // The director's desk page tells who published it.
  const onDesk = await repo.sessionsOfDesk(db, desk, clockNow());
  assert.ok(onDesk.some((s) => s.id === id && avail.publishedByOfficer(s)));
});

test('the same checks as the director: holiday, past, hours, DST gap, closure, absence, overlaps named', async () => {
  const { db, w, offCtx, desk } = await officerWorld();
  assert.equal(
    (await fails(avail.publishDay(db, offCtx, day(desk, '2027-06-02')))).date,
    'desks.err.holiday',
  );
  assert.equal((await fails(avail.publishDay(db, offCtx, day(desk, '2020-03-03')))).date, 'desks.err.past');
  assert.match(
    (await fails(avail.publishDay(db, offCtx, day(desk, '2027-05-04', '07:00', '09:00')))).start as string,
    /^desks\.err\.outsideHours\?/,
  );
  assert.match(
    (await fails(avail.publishDay(db, offCtx, day(desk, '2027-05-08')))).date as string,
    /^desks\.err\.closedDay\?/,
    'a Saturday, the desk is open Monday to Friday',
  );
  assert.equal(
    (await fails(avail.publishDay(db, offCtx, { date: '2027-05-04' }))).desk,
    'desks.err.availDesk',
  );
  const bad = await fails(avail.publishDay(db, offCtx, day(desk, '2027-05-04', '9', '08:00', '0', 'x')));
  assert.deepEqual(Object.keys(bad).sort(), ['buffer_minutes', 'slot_minutes', 'start']);

  // The night the clocks go forward (Sunday 26 March 2028), 02:30 does not exist in Rome.
  const night = await planSvc.createDesk(db, w.dirCtx, {
    kind: 'video',
    name: 'Notte',
    video_link: 'https://v.example.org/n',
  });
  await rules.setHours(db, w.dirCtx, night, {
    ...{ day_1: '1', day_2: '1', day_3: '1', day_4: '1', day_5: '1', day_6: '1', day_7: '1' },
    opens_at: '00:00',
    closes_at: '23:59',
    version: '1',
  });
  assert.equal(
    (await fails(avail.publishDay(db, offCtx, day(night, '2028-03-26', '02:30', '04:00')))).start,
    'desks.err.timeGap',
  );

  await rules.createException(db, w.dirCtx, {
    kind: 'absence',
    officer: w.officer.id,
    from_date: '2027-05-10',
    to_date: '2027-05-11',
  });
  assert.match(
    (await fails(avail.publishDay(db, offCtx, day(desk, '2027-05-11')))).date as string,
    /^desks\.err\.inAbsence\?/,
  );
  await rules.createException(db, w.dirCtx, {
    kind: 'closure',
    desk,
    from_date: '2027-05-12',
    to_date: '2027-05-12',
  });
  assert.match(
    (await fails(avail.publishDay(db, offCtx, day(desk, '2027-05-12')))).date as string,
    /^desks\.err\.inClosure\?/,
  );

  // Her own day elsewhere, and the director's day for her: an overlap is refused naming the day.
  const room = await planSvc.createDesk(db, w.dirCtx, {
    kind: 'cav_room',
    host: w.cav.id,
    name: 'Stanza gialla',
  });
  await planSvc.createSession(db, w.dirCtx, room, {
    officer: w.officer.id,
    date: '2027-05-13',
    start: '10:00',
    end: '12:00',
    slot_minutes: '30',
  });
  assert.match(
    (await fails(avail.publishDay(db, offCtx, day(desk, '2027-05-13')))).start as string,
    /^desks\.err\.overlapOfficer\?day=2027-05-13\+10%3A00/,
  );
  await avail.publishDay(db, offCtx, day(desk, '2027-05-14'));
  assert.match(
    (await fails(avail.publishDay(db, offCtx, day(room, '2027-05-14', '11:00', '13:00')))).start as string,
    /^desks\.err\.overlapOfficer\?day=2027-05-14\+09%3A00/,
  );
});

test('an untrained officer is refused with her own message; another office’s desk is 404; other roles 403', async () => {
  const { db, w, desk } = await officerWorld();
  const untrained = await makeUser(db, w.office.id, ['inps_officer']);
  const unCtx: svc.Ctx = {
    userId: untrained.id,
    orgId: w.office.id,
    orgKind: 'inps_office',
    roles: ['inps_officer'],
  };
  assert.equal(await avail.canPublish(db, unCtx), false);
  const e = await fails(avail.publishDay(db, unCtx, day(desk, '2027-05-04')));
  assert.deepEqual(e, { publish: 'desks.err.selfUntrained' });

  const office2 = await makeOrg(db, 'inps_office');
  const dir2 = await makeUser(db, office2.id, ['inps_director']);
  const dir2Ctx: svc.Ctx = {
    userId: dir2.id,
    orgId: office2.id,
    orgKind: 'inps_office',
    roles: ['inps_director'],
  };
  const elsewhere = await planSvc.createDesk(db, dir2Ctx, { kind: 'phone', name: 'Telefono altrove' });
  const off2 = await makeUser(db, office2.id, ['inps_officer']);
  await trained(db, off2.id, dir2.id);
  const off2Ctx: svc.Ctx = {
    userId: off2.id,
    orgId: office2.id,
    orgKind: 'inps_office',
    roles: ['inps_officer'],
  };
  await assert.rejects(avail.publishDay(db, off2Ctx, day(desk, '2027-05-04')), code('PONTE_ERR_NOT_FOUND'));
  await assert.rejects(
    avail.publishDay(db, off2Ctx, day('not-a-uuid', '2027-05-04')),
    code('PONTE_ERR_NOT_FOUND'),
  );
  assert.ok(await avail.publishDay(db, off2Ctx, day(elsewhere, '2027-05-04')));
  // A retired desk of her own office is no longer hers to publish on.
  await planSvc.retireDesk(db, dir2Ctx, elsewhere, { version: '1' });
  await assert.rejects(
    avail.publishDay(db, off2Ctx, day(elsewhere, '2027-05-05')),
    code('PONTE_ERR_NOT_FOUND'),
  );
  // The director and a CAV operator do not publish availability.
  await assert.rejects(avail.publishDay(db, w.dirCtx, day(desk, '2027-05-04')), code('PONTE_ERR_FORBIDDEN'));
  await assert.rejects(avail.publishDay(db, w.opCtx, day(desk, '2027-05-04')), code('PONTE_ERR_FORBIDDEN'));
});

test('she withdraws her own day while nobody is booked; the director’s days, another’s and booked days stay', async () => {
  const { db, w, offCtx, desk } = await officerWorld();
  const mine = await avail.publishDay(db, offCtx, day(desk, '2027-05-04'));
  const booked = await avail.publishDay(db, offCtx, day(desk, '2027-05-05'));
  const fromDirector = await planSvc.createSession(db, w.dirCtx, desk, {
    officer: w.officer.id,
    date: '2027-05-06',
    start: '09:00',
    end: '12:00',
    slot_minutes: '30',
  });
  const rule = await rules.createRule(db, w.dirCtx, desk, {
    officer: w.officer.id,
    weekday: '5',
    week_every: '1',
    start: '09:00',
    end: '11:00',
    slot_minutes: '30',
    valid_from: '2027-05-07',
    valid_until: '2027-05-14',
  });
  const ruleDay = (await repo.sessionsOfDesk(db, desk, clockNow())).find((s) => s.rule_id === rule.id)!;
  const { rows } = await avail.ownDays(db, offCtx, 20, 0);
  assert.deepEqual(
    rows.map((r) => [r.id, avail.isOwnPublication(offCtx, r)]),
    [
      [mine, true],
      [booked, true],
      [fromDirector, false],
      [ruleDay.id, false],
      [rows[4]?.id, false],
    ],
  );
  await assert.rejects(
    avail.withdrawDay(db, offCtx, fromDirector, { version: '1' }),
    code('PONTE_ERR_FORBIDDEN'),
  );
  await assert.rejects(
    avail.withdrawDay(db, offCtx, ruleDay.id, { version: '1' }),
    code('PONTE_ERR_FORBIDDEN'),
  );

  // Another officer of the office, and an officer of another office: not theirs (404).
  const colleague = await makeUser(db, w.office.id, ['inps_officer']);
  const colCtx: svc.Ctx = {
    userId: colleague.id,
    orgId: w.office.id,
    orgKind: 'inps_office',
    roles: ['inps_officer'],
  };
  await assert.rejects(avail.withdrawDay(db, colCtx, mine, { version: '1' }), code('PONTE_ERR_NOT_FOUND'));
  const office2 = await makeOrg(db, 'inps_office');
  const off2 = await makeUser(db, office2.id, ['inps_officer']);
  const off2Ctx: svc.Ctx = {
    userId: off2.id,
    orgId: office2.id,
    orgKind: 'inps_office',
    roles: ['inps_officer'],
  };
  await assert.rejects(avail.withdrawDay(db, off2Ctx, mine, { version: '1' }), code('PONTE_ERR_NOT_FOUND'));

  // A held slot (not expired) blocks the withdrawal, naming the card; so does a booking.
  const card = await makeCard(db, w.cav.id, w.office.id, w.operator.id);
  const hold = await svc.holdSlot(db, w.opCtx, card, booked, '2027-05-05T07:00:00.000Z');
  const e = await fails(avail.withdrawDay(db, offCtx, booked, { version: '1' }));
  assert.match(e.confirm as string, /^desks\.err\.availBooked\?n=1&list=\S+\+2027-05-05\+09%3A00$/);
  await svc.confirm(db, w.opCtx, hold);
  assert.match(
    (await fails(avail.withdrawDay(db, offCtx, booked, { version: '1' }))).confirm as string,
    /availBooked/,
  );
  await svc.cancel(db, w.opCtx, hold, 'La donna ha chiesto un altro giorno');
  // A stale form is refused; the right version withdraws it, audited, once.
  assert.equal(
    (await fails(avail.withdrawDay(db, offCtx, booked, { version: '7' }))).version,
    'desks.err.availStale',
  );
  await avail.withdrawDay(db, offCtx, booked, { version: '1' });
  await avail.withdrawDay(db, offCtx, mine, { version: '1' });
  const gone = await db
    .selectFrom('desk_session')
    .select(['cancelled_at', 'cancelled_reason'])
    .where('id', 'in', [mine, booked])
    .execute();
  assert.ok(gone.every((g) => g.cancelled_at && g.cancelled_reason === avail.WITHDRAWN));
  const audits = await db
    .selectFrom('audit_log')
    .select('action')
    .where('entity_id', 'in', [mine, booked])
    .where('action', '=', 'desk.session.withdraw')
    .execute();
  assert.equal(audits.length, 2);
  await assert.rejects(avail.withdrawDay(db, offCtx, mine, { version: '2' }), code('PONTE_ERR_NOT_FOUND'));
  assert.equal((await avail.ownDays(db, offCtx, 20, 0)).total, 3);
  // A day that has started cannot be withdrawn.
  const later = await avail.publishDay(db, offCtx, day(desk, '2027-05-18'));
  const started = { ...offCtx, now: new Date('2027-05-18T08:00:00.000Z') };
  assert.equal(
    (await fails(avail.withdrawDay(db, started, later, { version: '1' }))).confirm,
    'desks.err.availStarted',
  );
});

test('a withdrawal racing a hold: exactly one wins, and a day is never cancelled under a booking', async () => {
  const { db, w, offCtx, desk } = await officerWorld();
  const card = await makeCard(db, w.cav.id, w.office.id, w.operator.id);
  for (let i = 0; i < 5; i++) {
    const date = `2027-06-${String(7 + i).padStart(2, '0')}`;
    const id = await avail.publishDay(db, offCtx, day(desk, date));
    const start = new Date(`${date}T07:00:00.000Z`).toISOString();
    const [hold, withdraw] = await Promise.allSettled([
      svc.holdSlot(db, w.opCtx, card, id, start),
      avail.withdrawDay(db, offCtx, id, { version: '1' }),
    ]);
    const s = await db
      .selectFrom('desk_session')
      .select('cancelled_at')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const held = hold.status === 'fulfilled';
    assert.equal(withdraw.status === 'fulfilled', !held, `day ${date}: one of the two wins`);
    assert.equal(s.cancelled_at === null, held);
    if (held) await svc.cancel(db, w.opCtx, hold.value, 'prova');
  }
});
