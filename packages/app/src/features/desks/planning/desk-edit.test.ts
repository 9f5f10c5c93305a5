import assert from 'node:assert/strict';
import { getTestDb, makeUser, testAt } from '../../../../test/helpers.ts';
import * as repo from '../booking/repository.ts';
import * as svc from '../booking/service.ts';
import { makeCard, world } from '../test-fixtures.ts';
import * as planSvc from './desks.ts';
import * as rules from './service.ts';

// Written against fixed dates (issue 10): each test starts with the application clock at 26 November 2026, before them.
const test = testAt('2026-11-26T12:00:00Z');

// Editing and retiring a desk (issue 5): the decisions against the real database (PGlite, or PostgreSQL with
// DATABASE_URL), including a retirement racing bookings. HTTP (403, 404, 409, 400 next to the field) is in
// desk-edit-routes.test.ts.

async function fails(p: Promise<unknown>): Promise<Record<string, string>> {
  try {
    await p;
  } catch (e) {
    if (e instanceof svc.FormError) return e.errors;
    throw e;
  }
  assert.fail('expected a form error');
}
const day = (officer: string, date: string, start = '09:00', end = '12:00') => ({
  officer,
  date,
  start,
  end,
  slot_minutes: '30',
  buffer_minutes: '0',
});
async function auditOf(deskId: string): Promise<{ action: string; details: unknown }[]> {
  const { db } = await getTestDb();
  return db
    .selectFrom('audit_log')
    .select(['action', 'details'])
    .where('entity_id', '=', deskId)
    .orderBy('id')
    .execute();
}

test('the director edits a desk: details saved, version bumped, audited; kind and host stay', async () => {
  const { db } = await getTestDb();
  const w = await world(db);
  const id = await planSvc.createDesk(db, w.dirCtx, {
    kind: 'video',
    name: 'Video',
    video_link: 'https://meet.example.org/a',
  });
  const before = await planSvc.manageableDesk(db, w.dirCtx, id);
  await planSvc.editDesk(db, w.dirCtx, id, {
    name: 'Videochiamata Ancona',
    capacity: '3',
    accessibility_notes: 'Sottotitoli disponibili',
    video_link: 'https://meet.example.org/b',
    kind: 'phone',
    version: String(before.version),
  });
  const after = await planSvc.manageableDesk(db, w.dirCtx, id);
  assert.equal(after.name, 'Videochiamata Ancona');
  assert.equal(after.capacity, 3);
  assert.equal(after.accessibility_notes, 'Sottotitoli disponibili');
  assert.equal(after.video_link, 'https://meet.example.org/b');
  assert.equal(after.kind, 'video', 'the kind does not change');
  assert.equal(after.organisation_id, before.organisation_id);
  assert.equal(after.version, before.version + 1);
  const audit = await auditOf(id);
  assert.equal(audit.at(-1)?.action, 'desk.update');
  assert.deepEqual((audit.at(-1)?.details as { changed?: string[] } | undefined)?.changed?.slice().sort(), [
    'accessibility_notes',
    'capacity',
    'name',
    'video_link',
  ]);
  // The form of the old version is stale now: refused, nothing saved.
  const stale = await fails(
    planSvc.editDesk(db, w.dirCtx, id, {
      name: 'Vecchio',
      video_link: 'https://x.example.org',
      version: String(before.version),
    }),
  );
  assert.equal(stale.version, 'desks.err.deskStale');
  assert.equal((await planSvc.manageableDesk(db, w.dirCtx, id)).name, 'Videochiamata Ancona');
  // The shared checks: a video desk needs an https link; capacity 1–100.
  const bad = await fails(
    planSvc.editDesk(db, w.dirCtx, id, {
      name: 'Video',
      capacity: '0',
      video_link: 'http://meet.example.org',
      version: String(after.version),
    }),
  );
  assert.deepEqual(bad, { capacity: 'desks.err.capacity', video_link: 'desks.err.videoLinkFormat' });
  const missing = await fails(
    planSvc.editDesk(db, w.dirCtx, id, { name: 'Video', video_link: ' ', version: String(after.version) }),
  );
  assert.deepEqual(missing, { video_link: 'desks.err.videoLink' });
  assert.deepEqual(planSvc.parseDeskDetails({ name: '' }, 'phone').errors, { name: 'desks.err.name' });
});

test('retiring is refused while a future booking exists, listing it; allowed once the CAV cancels it', async () => {
  const { db } = await getTestDb();
  const w = await world(db);
  const desk = await planSvc.createDesk(db, w.dirCtx, { kind: 'phone', name: 'Telefono da chiudere' });
  const s = await planSvc.createSession(db, w.dirCtx, desk, day(w.officer.id, '2027-05-03'));
  const later = await planSvc.createSession(db, w.dirCtx, desk, day(w.officer.id, '2027-05-10'));
  const r = await rules.createRule(db, w.dirCtx, desk, {
    officer: w.officer.id,
    weekday: '3',
    week_every: '1',
    start: '09:00',
    end: '11:00',
    slot_minutes: '30',
    valid_from: '2027-06-01',
    valid_until: '2027-06-30',
  });
  const card = await makeCard(db, w.cav.id, w.office.id, w.operator.id);
  const code = (await repo.cardOfCav(db, card, w.cav.id))?.code as string;
  // 3 May 2027, 09:30 in Rome (CEST) is 07:30 UTC.
  const appt = await svc.holdSlot(db, w.opCtx, card, s, '2027-05-03T07:30:00.000Z');
  await svc.confirm(db, w.opCtx, appt);
  const v = String((await planSvc.manageableDesk(db, w.dirCtx, desk)).version);
  const refused = await fails(planSvc.retireDesk(db, w.dirCtx, desk, { version: v }));
  assert.equal(
    refused.confirm,
    rules.msg('desks.err.retireBooked', { n: 1, list: `${code} 2027-05-03 09:30` }),
  );
  assert.ok(await repo.desk(db, desk), 'still active');
  const live = async () =>
    (
      await db
        .selectFrom('desk_session')
        .select('id')
        .where('desk_id', '=', desk)
        .where('cancelled_at', 'is', null)
        .execute()
    ).length;
  // 3 and 10 May, and the rule's Wednesdays of June 2027 but the 2nd (Festa della Repubblica).
  assert.equal(await live(), 2 + 4, 'no day was cancelled');

  await svc.cancel(db, w.opCtx, appt, 'La donna ha chiesto di spostarlo');
  const done = await planSvc.retireDesk(db, w.dirCtx, desk, { version: v });
  assert.deepEqual(done, { cancelled: 2 + 4, rulesEnded: 1 });
  assert.equal(await live(), 0);
  assert.equal(await repo.desk(db, desk), undefined, 'inactive: gone from every list');
  assert.ok(!(await repo.desksOf(db, w.office.id)).some((d) => d.id === desk));
  const days = await db
    .selectFrom('desk_session')
    .select(['id', 'cancelled_at', 'cancelled_reason'])
    .where('desk_id', '=', desk)
    .execute();
  assert.ok(days.every((d) => d.cancelled_at !== null && d.cancelled_reason === 'desk_retired'));
  assert.ok(days.some((d) => d.id === later));
  const rule = await db
    .selectFrom('desk_rule')
    .select(['ended_at', 'ended_by'])
    .where('id', '=', r.id)
    .executeTakeFirstOrThrow();
  assert.ok(rule.ended_at);
  assert.equal(rule.ended_by, w.director.id);
  assert.equal((await auditOf(desk)).at(-1)?.action, 'desk.deactivate');
  // Retired: no edit, no second retirement, no new desk day (404).
  const notFound = (e: unknown) => (e as { code?: string }).code === 'PONTE_ERR_NOT_FOUND';
  await assert.rejects(planSvc.retireDesk(db, w.dirCtx, desk, { version: v }), notFound);
  await assert.rejects(planSvc.editDesk(db, w.dirCtx, desk, { name: 'Di nuovo', version: v }), notFound);
  await assert.rejects(planSvc.createSession(db, w.dirCtx, desk, day(w.officer.id, '2027-07-05')), notFound);
});

test('after retiring, its slots are never offered, a hold into it fails clearly, its past appointment stays', async () => {
  const { db } = await getTestDb();
  const w = await world(db);
  const desk = await planSvc.createDesk(db, w.dirCtx, { kind: 'phone', name: 'Telefono storico' });
  const past = await planSvc.createSession(db, w.dirCtx, desk, day(w.officer.id, '2027-03-01'));
  const future = await planSvc.createSession(db, w.dirCtx, desk, day(w.officer.id, '2027-04-05'));
  const card = await makeCard(db, w.cav.id, w.office.id, w.operator.id);
  // 1 March 2027, 09:00 in Rome (CET) is 08:00 UTC: booked now, it is past when the desk is retired.
  const appt = await svc.holdSlot(db, w.opCtx, card, past, '2027-03-01T08:00:00.000Z');
  await svc.confirm(db, w.opCtx, appt);
  const offered = await svc.freeSlotsForCard(db, w.opCtx, (await repo.cardOfCav(db, card, w.cav.id))!);
  assert.ok(
    offered.some((o) => o.session.id === future && o.slots.length > 0),
    'offered before',
  );

  const now = new Date('2027-03-02T10:00:00Z');
  const v = String((await planSvc.manageableDesk(db, w.dirCtx, desk)).version);
  assert.deepEqual(await planSvc.retireDesk(db, { ...w.dirCtx, now }, desk, { version: v }), {
    cancelled: 1,
    rulesEnded: 0,
  });
  const op = { ...w.opCtx, now };
  const c = (await repo.cardOfCav(db, card, w.cav.id))!;
  assert.ok(!(await svc.freeSlotsForCard(db, op, c)).some((o) => o.session.desk_id === desk));
  assert.deepEqual(await fails(svc.holdSlot(db, op, card, future, '2027-04-05T07:00:00.000Z')), {
    slot: 'desks.err.deskRetired',
  });
  // The past appointment keeps its desk: on the officer's agenda and on the CAV's appointment page, by name.
  const officerCtx: svc.Ctx = {
    userId: w.officer.id,
    orgId: w.office.id,
    orgKind: 'inps_office',
    roles: ['inps_officer'],
    now,
  };
  const rows = (await svc.agenda(db, officerCtx, '2027-03-01', 'day')).rows;
  assert.deepEqual(
    rows.map((r) => [r.id, r.desk_name]),
    [[appt, 'Telefono storico']],
  );
  const a = await svc.appointmentFor(db, op, appt);
  assert.equal(a.desk_name, 'Telefono storico');
  assert.equal(a.status, 'booked');
});

test('a CAV coordinator edits and retires only the rooms her CAV hosts; other offices and CAVs get 404', async () => {
  const { db } = await getTestDb();
  const w = await world(db);
  const coord = await makeUser(db, w.cav.id, ['cav_coordinator']);
  const coordCtx: svc.Ctx = { userId: coord.id, orgId: w.cav.id, orgKind: 'cav', roles: ['cav_coordinator'] };
  const room = await planSvc.createDesk(db, w.dirCtx, { kind: 'cav_room', host: w.cav.id, name: 'Stanza' });
  const phone = await planSvc.createDesk(db, w.dirCtx, { kind: 'phone', name: 'Telefono' });
  const other = await world(db);
  const notFound = (e: unknown) => (e as { code?: string }).code === 'PONTE_ERR_NOT_FOUND';
  await assert.rejects(planSvc.editDesk(db, coordCtx, phone, { name: 'X', version: '1' }), notFound);
  await assert.rejects(planSvc.editDesk(db, other.dirCtx, room, { name: 'X', version: '1' }), notFound);
  await assert.rejects(planSvc.retireDesk(db, other.dirCtx, phone, { version: '1' }), notFound);
  const v = String((await planSvc.manageableDesk(db, coordCtx, room)).version);
  await planSvc.editDesk(db, coordCtx, room, { name: 'Stanza azzurra', version: v });
  assert.equal((await planSvc.manageableDesk(db, w.dirCtx, room)).name, 'Stanza azzurra');
  const v2 = String((await planSvc.manageableDesk(db, coordCtx, room)).version);
  assert.equal(
    (await fails(planSvc.retireDesk(db, coordCtx, room, { version: v }))).version,
    'desks.err.deskStale',
  );
  await planSvc.retireDesk(db, coordCtx, room, { version: v2 });
  assert.equal(await repo.desk(db, room), undefined);
});

test('a retirement racing bookings never leaves an active appointment on a cancelled desk day', async () => {
  const { db } = await getTestDb();
  const w = await world(db);
  const cards = await Promise.all(
    Array.from({ length: 6 }, () => makeCard(db, w.cav.id, w.office.id, w.operator.id)),
  );
  // Several rounds, one desk each (18 to 22 October 2027): on PostgreSQL the order differs from round to round.
  for (let d = 18; d <= 22; d++) {
    const date = `2027-10-${d}`;
    const desk = await planSvc.createDesk(db, w.dirCtx, { kind: 'phone', name: `Telefono ${d}` });
    const s = await planSvc.createSession(db, w.dirCtx, desk, day(w.officer.id, date));
    const version = String((await planSvc.manageableDesk(db, w.dirCtx, desk)).version);
    const slots = cards.map((_, i) => new Date(Date.UTC(2027, 9, d, 7, i * 30)).toISOString());
    const results = await Promise.allSettled([
      ...cards.map((c, i) => svc.holdSlot(db, w.opCtx, c, s, slots[i] as string)),
      planSvc.retireDesk(db, w.dirCtx, desk, { version }),
    ]);
    for (const r of results)
      if (r.status === 'rejected') assert.ok(r.reason instanceof svc.FormError, String(r.reason));
    const row = await db
      .selectFrom('desk_session')
      .innerJoin('desk', 'desk.id', 'desk_session.desk_id')
      .select(['desk_session.cancelled_at', 'desk.active'])
      .where('desk_session.id', '=', s)
      .executeTakeFirstOrThrow();
    const active = await db
      .selectFrom('appointment')
      .select('id')
      .where('session_id', '=', s)
      .where('status', 'in', ['held', 'booked'])
      .execute();
    const retired = results.at(-1)?.status === 'fulfilled';
    // Either the retirement won (day cancelled, desk inactive, no hold got in) or a hold won (it was refused).
    assert.equal(retired, row.cancelled_at !== null, date);
    assert.equal(retired, !row.active, date);
    if (retired) assert.equal(active.length, 0, date);
    else assert.ok(active.length > 0, date);
    // Free the cards for the next round.
    await db
      .updateTable('appointment')
      .set({ status: 'cancelled', reason: 'test' })
      .where('session_id', '=', s)
      .where('status', '=', 'held')
      .execute();
  }
});
