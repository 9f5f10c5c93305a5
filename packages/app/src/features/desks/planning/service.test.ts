import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import { getTestDb, makeUser, testAt } from '../../../../test/helpers.ts';
import { now } from '../../../platform/clock.ts';
import { catalogueGaps, translator } from '../../../platform/i18n/index.ts';
import * as svc from '../booking/service.ts';
import { romeDateTime } from '../common/calendar.ts';
import { makeCard, trained, world } from '../test-fixtures.ts';
import * as planSvc from './desks.ts';
import { translateError } from './messages.ts';
import * as rules from './service.ts';

// Written against fixed dates (issue 10): each test starts with the application clock at 26 November 2026, before them.
const test = testAt('2026-11-26T12:00:00Z');

// Recurring desk days, exceptions, opening hours and the training mark (issue 5, part A): the rule expansion
// as pure functions, then the decisions against the real database (PGlite, or PostgreSQL with DATABASE_URL).

const D = (s: string) => Temporal.PlainDate.from(s);
const T = (s: string) => Temporal.PlainTime.from(s);
const NOW = new Date('2026-11-26T12:00:00Z');

async function fails(p: Promise<unknown>): Promise<Record<string, string>> {
  try {
    await p;
  } catch (e) {
    if (e instanceof svc.FormError) return e.errors;
    throw e;
  }
  assert.fail('expected a form error');
}

// ── Expansion (pure) ──────────────────────────────────────────────────────────────────────────────────────
test('every 2nd and 4th Tuesday over four months', () => {
  const dates = rules.ruleDates(2, [2, 4], D('2027-01-01'), D('2027-04-30')).map(String);
  assert.deepEqual(dates, [
    '2027-01-12',
    '2027-01-26',
    '2027-02-09',
    '2027-02-23',
    '2027-03-09',
    '2027-03-23',
    '2027-04-13',
    '2027-04-27',
  ]);
});

test('the last Friday of the month, and the 5th week only when the month has one', () => {
  assert.deepEqual(rules.ruleDates(5, [-1], D('2027-01-01'), D('2027-04-30')).map(String), [
    '2027-01-29',
    '2027-02-26',
    '2027-03-26',
    '2027-04-30',
  ]);
  // 5th Monday: March 2027 has one (the 29th), January to April otherwise none but May (the 31st).
  assert.deepEqual(rules.ruleDates(1, [5], D('2027-01-01'), D('2027-05-31')).map(String), [
    '2027-03-29',
    '2027-05-31',
  ]);
  // Every week: every Wednesday, from a start that is itself a Wednesday, both ends included.
  assert.deepEqual(rules.ruleDates(3, null, D('2027-01-06'), D('2027-01-20')).map(String), [
    '2027-01-06',
    '2027-01-13',
    '2027-01-20',
  ]);
  assert.ok(rules.isLastOfMonth(D('2027-02-22')) && !rules.isLastOfMonth(D('2027-02-15')));
});

test('public holidays, exceptions and past days are skipped, with their reason', () => {
  const plan = rules.planDays(
    {
      weekday: 1,
      weeks: null,
      start: T('09:00'),
      end: T('12:00'),
      from: D('2027-03-22'),
      until: D('2027-04-26'),
    },
    NOW,
    [{ kind: 'closure', from_date: '2027-04-12', to_date: '2027-04-18' }],
  );
  assert.deepEqual(
    plan.days.map((d) => d.date.toString()),
    ['2027-03-22', '2027-04-05', '2027-04-19', '2027-04-26'],
  );
  assert.deepEqual(plan.skipped, [
    { date: '2027-03-29', reason: 'holiday' }, // Easter Monday 2027
    { date: '2027-04-12', reason: 'closure' },
  ]);
  const past = rules.planDays(
    {
      weekday: 4,
      weeks: null,
      start: T('09:00'),
      end: T('12:00'),
      from: D('2026-11-19'),
      until: D('2026-12-03'),
    },
    NOW,
  );
  assert.deepEqual(past.skipped, [
    { date: '2026-11-19', reason: 'past' },
    { date: '2026-11-26', reason: 'past' }, // today 13:00 in Rome: 09:00 is gone
  ]);
  assert.deepEqual(
    past.days.map((d) => d.date.toString()),
    ['2026-12-03'],
  );
  // 8 December is a holiday (Immacolata), the 25th and 26th too.
  const dec = rules.planDays(
    {
      weekday: 3,
      weeks: null,
      start: T('09:00'),
      end: T('12:00'),
      from: D('2027-12-01'),
      until: D('2027-12-31'),
    },
    NOW,
  );
  assert.deepEqual(
    dec.skipped.map((s) => s.date),
    ['2027-12-08'],
  );
});

test('a weekly rule across both DST changes keeps 09:00 Rome wall-clock (UTC 08:00 in winter, 07:00 in summer)', () => {
  const plan = rules.planDays(
    {
      weekday: 4,
      weeks: null,
      start: T('09:00'),
      end: T('12:00'),
      from: D('2027-03-18'),
      until: D('2027-11-04'),
    },
    NOW,
  );
  assert.equal(plan.skipped.length, 0);
  for (const d of plan.days) {
    assert.equal(romeDateTime(d.from).time.toString(), '09:00:00', d.date.toString());
    assert.equal(d.to.getTime() - d.from.getTime(), 3 * 3600_000, d.date.toString());
  }
  const utc = (date: string) => plan.days.find((d) => d.date.toString() === date)?.from.toISOString();
  assert.equal(utc('2027-03-25'), '2027-03-25T08:00:00.000Z'); // before the last Sunday of March
  assert.equal(utc('2027-04-01'), '2027-04-01T07:00:00.000Z');
  assert.equal(utc('2027-10-28'), '2027-10-28T07:00:00.000Z'); // before the last Sunday of October
  assert.equal(utc('2027-11-04'), '2027-11-04T08:00:00.000Z');
});

test('property: the expansion equals a day-by-day walk, and every planned day starts at its Rome wall-clock time', () => {
  const weeksArb = fc.option(fc.uniqueArray(fc.constantFrom<number>(1, 2, 3, 4, 5, -1), { minLength: 1 }), {
    nil: null,
  });
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 7 }),
      weeksArb,
      fc.integer({ min: 0, max: 3000 }),
      fc.integer({ min: 0, max: 366 }),
      fc.integer({ min: 0, max: 23 }),
      fc.constantFrom(0, 15, 30, 45),
      (weekday, weeks, offset, span, hour, minute) => {
        const from = D('2027-01-01').add({ days: offset });
        const until = from.add({ days: span });
        const walk: string[] = [];
        for (let d = from; Temporal.PlainDate.compare(d, until) <= 0; d = d.add({ days: 1 })) {
          const nth = Math.ceil(d.day / 7);
          const last = d.add({ days: 7 }).month !== d.month;
          if (d.dayOfWeek === weekday && (!weeks || weeks.includes(nth) || (weeks.includes(-1) && last)))
            walk.push(d.toString());
        }
        assert.deepEqual(rules.ruleDates(weekday, weeks, from, until).map(String), walk);
        const start = Temporal.PlainTime.from({ hour, minute });
        const plan = rules.planDays(
          { weekday, weeks, start, end: start.add({ minutes: 15 }), from, until },
          NOW,
        );
        for (const d of plan.days) {
          assert.equal(romeDateTime(d.from).date.toString(), d.date.toString());
          assert.equal(romeDateTime(d.from).time.toString(), start.toString());
        }
        assert.equal(plan.days.length + plan.skipped.length, walk.length);
      },
    ),
    { numRuns: 300 },
  );
});

test('rule fields: weeks ticked win over "every week", 12 months at most, end after start', () => {
  const base = {
    weekday: '2',
    week_every: '1',
    start: '09:00',
    end: '12:00',
    slot_minutes: '30',
    valid_from: '2027-01-01',
    valid_until: '2027-06-30',
  };
  const today = D('2026-11-26');
  assert.deepEqual(rules.parseRule({ ...base, week_2: '1', week_4: '1' }, today).rule?.weeks, [2, 4]);
  assert.equal(rules.parseRule(base, today).rule?.weeks, null);
  assert.equal(rules.parseRule({ ...base, week_every: '' }, today).errors.weeks, 'desks.err.weeks');
  assert.match(
    rules.parseRule({ ...base, valid_until: '2028-01-02' }, today).errors.valid_until as string,
    /^desks\.err\.tooLong/,
  );
  assert.equal(
    rules.parseRule({ ...base, valid_until: '2028-01-01' }, today).rule?.until.toString(),
    '2028-01-01',
  );
  assert.equal(
    rules.parseRule({ ...base, valid_from: '2026-11-01' }, today).errors.valid_from,
    'desks.err.past',
  );
  assert.equal(rules.parseRule({ ...base, end: '08:00' }, today).errors.end, 'desks.err.endBeforeStart');
  assert.equal(rules.parseRule({ ...base, weekday: '8' }, today).errors.weekday, 'desks.err.weekday');
});

test('error values with parameters are translated, day names included; it and en have the same keys', () => {
  const t = translator('it');
  const text = translateError(
    t,
    rules.msg(
      'desks.err.outsideHours',
      rules.hoursParams({ open_days: [1, 3], opens_at: '08:00', closes_at: '14:00' }),
    ),
  );
  assert.equal(
    text,
    'L’orario è fuori dall’orario dello sportello: è aperto lunedì, mercoledì, dalle 08:00 alle 14:00.',
  );
  assert.equal(translateError(translator('en'), 'desks.err.untrained').startsWith('This officer'), true);
  // With the page's language, the services' wall-clock times read as on the rest of the pages.
  const booked = rules.msg('desks.err.exceptionBooked', { n: 1, list: 'PC-2027-AB12C 2027-09-14 09:00' });
  assert.equal(
    translateError(translator('en'), booked, 'en'),
    'Active appointments in the period: 1. Ask the CAV to move them first: PC-2027-AB12C 14 September 2027, 09:00',
  );
  assert.match(translateError(t, booked, 'it'), /PC-2027-AB12C 14 settembre 2027, 09:00$/);
  assert.deepEqual(catalogueGaps(), { missingInEn: [], missingInIt: [] });
});

// ── Against the database ──────────────────────────────────────────────────────────────────────────────────
const oneOff = (officer: string, date: string, start = '09:00', end = '12:00') => ({
  officer,
  date,
  start,
  end,
  slot_minutes: '30',
  buffer_minutes: '0',
});
const ruleInput = (officer: string, extra: Record<string, string> = {}) => ({
  officer,
  weekday: '2',
  week_2: '1',
  week_4: '1',
  start: '09:00',
  end: '12:00',
  slot_minutes: '30',
  buffer_minutes: '0',
  valid_from: '2027-01-01',
  valid_until: '2027-04-30',
  ...extra,
});

async function liveDays(deskId: string): Promise<string[]> {
  const { db } = await getTestDb();
  const rows = await db
    .selectFrom('desk_session')
    .select('starts_at')
    .where('desk_id', '=', deskId)
    .where('cancelled_at', 'is', null)
    .orderBy('starts_at')
    .execute();
  return rows.map((r) => romeDateTime(new Date(r.starts_at)).date.toString());
}

test('only officers trained in accoglienza can be assigned, to one-off days and to rules', async () => {
  const { db } = await getTestDb();
  const w = await world(db);
  const desk = await planSvc.createDesk(db, w.dirCtx, { kind: 'phone', name: 'Telefono' });
  const novice = await makeUser(db, w.office.id, ['inps_officer']);
  const e1 = await fails(planSvc.createSession(db, w.dirCtx, desk, oneOff(novice.id, '2027-05-04')));
  assert.equal(e1.officer, 'desks.err.untrained');
  const e2 = await fails(rules.createRule(db, w.dirCtx, desk, ruleInput(novice.id)));
  assert.equal(e2.officer, 'desks.err.untrained');
  // The director marks her (audited); now she can be assigned. Removing the mark refuses her again.
  await rules.markTrained(db, w.dirCtx, novice.id);
  assert.ok(svc.isUuid(await planSvc.createSession(db, w.dirCtx, desk, oneOff(novice.id, '2027-05-04'))));
  const marks = await rules.officers(db, w.dirCtx);
  const mark = marks.find((o) => o.id === novice.id);
  assert.equal(mark?.trained, true);
  assert.equal(mark?.source, 'director');
  await rules.unmarkTrained(db, w.dirCtx, novice.id);
  const e3 = await fails(planSvc.createSession(db, w.dirCtx, desk, oneOff(novice.id, '2027-05-11')));
  assert.equal(e3.officer, 'desks.err.untrained');
  const actions = await db
    .selectFrom('audit_log')
    .select('action')
    .where('entity_id', '=', novice.id)
    .orderBy('id')
    .execute();
  assert.deepEqual(
    actions.map((a) => a.action),
    ['desk.training.set', 'desk.training.remove'],
  );
  // Another office's officer is not hers to mark.
  const other = await world(db);
  await assert.rejects(rules.markTrained(db, w.dirCtx, other.officer.id), /PONTE_ERR_NOT_FOUND/);
});

test('desk days outside the opening hours are refused; hours edits use optimistic concurrency', async () => {
  const { db } = await getTestDb();
  const w = await world(db);
  const desk = await planSvc.createDesk(db, w.dirCtx, { kind: 'phone', name: 'Telefono' });
  // Default: Monday to Friday, 08:00–19:00. Saturday 2027-05-08 and 07:30 are outside.
  assert.match(
    (await fails(planSvc.createSession(db, w.dirCtx, desk, oneOff(w.officer.id, '2027-05-08'))))
      .date as string,
    /^desks\.err\.closedDay\?/,
  );
  assert.match(
    (
      await fails(
        planSvc.createSession(db, w.dirCtx, desk, oneOff(w.officer.id, '2027-05-07', '07:30', '10:00')),
      )
    ).start as string,
    /^desks\.err\.outsideHours\?/,
  );
  assert.match(
    (await fails(rules.createRule(db, w.dirCtx, desk, ruleInput(w.officer.id, { end: '19:30' }))))
      .start as string,
    /^desks\.err\.outsideHours\?/,
  );
  assert.match(
    (await fails(rules.createRule(db, w.dirCtx, desk, ruleInput(w.officer.id, { weekday: '6' }))))
      .weekday as string,
    /^desks\.err\.closedDay\?/,
  );
  const s = await planSvc.createSession(
    db,
    w.dirCtx,
    desk,
    oneOff(w.officer.id, '2027-05-07', '09:00', '18:00'),
  );
  // Narrowing the hours while a planned day falls outside them is refused, naming the day.
  const hours = {
    day_1: '1',
    day_2: '1',
    day_3: '1',
    day_4: '1',
    day_5: '1',
    opens_at: '08:00',
    closes_at: '13:00',
  };
  const narrow = await fails(rules.setHours(db, w.dirCtx, desk, { ...hours, version: '1' }));
  assert.match(narrow.days as string, /^desks\.err\.hoursConflict\?list=2027-05-07\+09%3A00/);
  // A stale version is refused; the current one saves.
  await rules.setHours(db, w.dirCtx, desk, { ...hours, closes_at: '18:00', version: '1' });
  assert.equal(
    (await fails(rules.setHours(db, w.dirCtx, desk, { ...hours, closes_at: '19:00', version: '1' }))).days,
    'desks.err.hoursStale',
  );
  assert.deepEqual(await rules.hoursOf(db, desk), {
    id: desk,
    open_days: [1, 2, 3, 4, 5],
    opens_at: '08:00',
    closes_at: '18:00',
    version: 2,
  });
  // The booking side never offers, nor holds, a slot outside the hours — even of a day set before they changed.
  await db.updateTable('desk').set({ closes_at: '10:00' }).where('id', '=', desk).execute();
  const card = await makeCard(db, w.cav.id, w.office.id, w.operator.id);
  const free = (await svc.freeSlotsForCard(db, w.opCtx, await svc.openCardFor(db, w.opCtx, card))).find(
    (f) => f.session.id === s,
  );
  assert.deepEqual(
    free?.slots.map((x) => x.starts_at.toISOString()),
    ['2027-05-07T07:00:00.000Z', '2027-05-07T07:30:00.000Z'],
  );
  assert.equal(
    (await fails(svc.holdSlot(db, w.opCtx, card, s, '2027-05-07T08:00:00.000Z'))).slot,
    'desks.err.slotOutsideHours',
  );
  assert.ok(svc.isUuid(await svc.holdSlot(db, w.opCtx, card, s, '2027-05-07T07:30:00.000Z')));
  // A CAV coordinator edits the hours of a room of her CAV, not of the INPS office's phone desk.
  const coord = await makeUser(db, w.cav.id, ['cav_coordinator']);
  const coordCtx: svc.Ctx = { userId: coord.id, orgId: w.cav.id, orgKind: 'cav', roles: ['cav_coordinator'] };
  await assert.rejects(rules.setHours(db, coordCtx, desk, { ...hours, version: '2' }), /PONTE_ERR_NOT_FOUND/);
  const room = await planSvc.createDesk(db, coordCtx, {
    kind: 'cav_room',
    office: w.office.id,
    name: 'Stanza',
  });
  await rules.setHours(db, coordCtx, room, { ...hours, day_6: '1', version: '1' });
  assert.deepEqual((await rules.hoursOf(db, room)).open_days, [1, 2, 3, 4, 5, 6]);
});

test('a rule materialises its days (holidays skipped); an overlapping rule or day is refused, naming the day', async () => {
  const { db } = await getTestDb();
  const w = await world(db);
  const desk = await planSvc.createDesk(db, w.dirCtx, { kind: 'phone', name: 'Telefono' });
  const r = await rules.createRule(db, w.dirCtx, desk, ruleInput(w.officer.id));
  assert.equal(r.created, 8);
  assert.deepEqual(await liveDays(desk), [
    '2027-01-12',
    '2027-01-26',
    '2027-02-09',
    '2027-02-23',
    '2027-03-09',
    '2027-03-23',
    '2027-04-13',
    '2027-04-27',
  ]);
  // Every Monday over Easter: Easter Monday 2027 (29 March) is skipped.
  const desk2 = await planSvc.createDesk(db, w.dirCtx, { kind: 'inps_room', name: 'Stanza INPS' });
  const easter = await rules.createRule(
    db,
    w.dirCtx,
    desk2,
    ruleInput(w.officer.id, {
      weekday: '1',
      week_2: '',
      week_4: '',
      week_every: '1',
      valid_from: '2027-03-22',
      valid_until: '2027-04-05',
    }),
  );
  assert.deepEqual(easter.skipped, [{ date: '2027-03-29', reason: 'holiday' }]);
  assert.deepEqual(await liveDays(desk2), ['2027-03-22', '2027-04-05']);
  // The same officer at another desk, every 4th Tuesday 11:00–13:00: overlaps 26 January.
  const e = await fails(
    rules.createRule(
      db,
      w.dirCtx,
      desk2,
      ruleInput(w.officer.id, { week_2: '', start: '11:00', end: '13:00' }),
    ),
  );
  assert.match(e.start as string, /^desks\.err\.overlapOfficer\?day=2027-01-26\+09%3A00/);
  assert.equal(
    translateError(translator('it'), e.start as string),
    `La consulente Utente di prova ${w.officer.username} ha già una giornata che si sovrappone: 2027-01-26 09:00–12:00 allo sportello Telefono.`,
  );
  // Another officer at the same desk on a rule day: the desk is taken.
  const other = await makeUser(db, w.office.id, ['inps_officer']);
  await trained(db, other.id, w.director.id);
  const e2 = await fails(
    planSvc.createSession(db, w.dirCtx, desk, oneOff(other.id, '2027-02-09', '10:00', '11:00')),
  );
  assert.match(e2.start as string, /^desks\.err\.overlapDesk\?day=2027-02-09\+09%3A00/);
  // Nothing half-made: the refused rules left no rule and no day behind.
  const count = await db
    .selectFrom('desk_rule')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('desk_id', '=', desk2)
    .executeTakeFirstOrThrow();
  assert.equal(Number(count.n), 1);
});

test('the database itself refuses overlapping live desk days of one officer or one desk (SQLSTATE 23P01)', async () => {
  const { db } = await getTestDb();
  const w = await world(db);
  const d1 = await planSvc.createDesk(db, w.dirCtx, { kind: 'phone', name: 'Telefono' });
  const d2 = await planSvc.createDesk(db, w.dirCtx, { kind: 'inps_room', name: 'Stanza' });
  const other = await makeUser(db, w.office.id, ['inps_officer']);
  const row = (desk: string, officer: string, from: string, to: string, cancelled = false) => ({
    id: randomUUID(),
    desk_id: desk,
    officer_id: officer,
    starts_at: new Date(from),
    ends_at: new Date(to),
    slot_minutes: 30,
    buffer_minutes: 0,
    created_by: w.director.id,
    cancelled_at: cancelled ? now() : null,
    cancelled_reason: cancelled ? 'test' : null,
  });
  const code = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (e) {
      return (e as { code?: string }).code;
    }
    return 'inserted';
  };
  const ins = (r: ReturnType<typeof row>) => db.insertInto('desk_session').values(r).execute();
  await ins(row(d1, w.officer.id, '2027-06-01T07:00:00Z', '2027-06-01T10:00:00Z'));
  // Same officer, another desk, overlapping: refused.
  assert.equal(
    await code(ins(row(d2, w.officer.id, '2027-06-01T09:00:00Z', '2027-06-01T11:00:00Z'))),
    '23P01',
  );
  // Same desk, another officer, overlapping: refused.
  assert.equal(await code(ins(row(d1, other.id, '2027-06-01T09:59:00Z', '2027-06-01T11:00:00Z'))), '23P01');
  // Touching ends ([) ranges) and cancelled days do not conflict.
  assert.equal(
    await code(ins(row(d1, other.id, '2027-06-01T10:00:00Z', '2027-06-01T11:00:00Z'))),
    'inserted',
  );
  assert.equal(
    await code(ins(row(d2, w.officer.id, '2027-06-01T08:00:00Z', '2027-06-01T09:00:00Z', true))),
    'inserted',
  );
  // …but a cancelled day cannot come back to life over a live one.
  assert.equal(
    await code(
      sql`update desk_session set cancelled_at = null where desk_id = ${d2} and officer_id = ${w.officer.id}`.execute(
        db,
      ),
    ),
    '23P01',
  );
});

test('an exception with active appointments is refused and lists them; without, it removes the days; removing it restores them', async () => {
  const { db } = await getTestDb();
  const w = await world(db);
  const desk = await planSvc.createDesk(db, w.dirCtx, { kind: 'phone', name: 'Telefono' });
  const r = await rules.createRule(db, w.dirCtx, desk, ruleInput(w.officer.id));
  assert.equal(r.created, 8);
  const session = await db
    .selectFrom('desk_session')
    .select('id')
    .where('rule_id', '=', r.id)
    .orderBy('starts_at')
    .offset(2)
    .executeTakeFirstOrThrow(); // 2027-02-09
  const card = await makeCard(db, w.cav.id, w.office.id, w.operator.id);
  const code = (
    await db.selectFrom('consultation_card').select('code').where('id', '=', card).executeTakeFirstOrThrow()
  ).code;
  const appt = await svc.holdSlot(db, w.opCtx, card, session.id, '2027-02-09T08:30:00.000Z');
  await svc.confirm(db, w.opCtx, appt);
  // A closure over February: refused, naming the card and the time.
  const closure = { kind: 'closure', desk, from_date: '2027-02-01', to_date: '2027-02-28', note: 'Lavori' };
  const e = await fails(rules.createException(db, w.dirCtx, closure));
  assert.equal(
    e.from_date,
    rules.msg('desks.err.exceptionBooked', { n: 1, list: `${code} 2027-02-09 09:30` }),
  );
  assert.equal((await liveDays(desk)).length, 8, 'nothing removed');
  // An absence of the officer in March (no bookings): removes 9 and 23 March.
  const absence = await rules.createException(db, w.dirCtx, {
    kind: 'absence',
    officer: w.officer.id,
    from_date: '2027-03-01',
    to_date: '2027-03-31',
  });
  assert.equal(absence.cancelled, 2);
  assert.deepEqual(await liveDays(desk), [
    '2027-01-12',
    '2027-01-26',
    '2027-02-09',
    '2027-02-23',
    '2027-04-13',
    '2027-04-27',
  ]);
  // A one-off day inside the absence is refused too.
  assert.match(
    (await fails(planSvc.createSession(db, w.dirCtx, desk, oneOff(w.officer.id, '2027-03-10'))))
      .date as string,
    /^desks\.err\.inAbsence\?/,
  );
  // Once the CAV cancels the booking, the closure goes through.
  await svc.cancel(db, w.opCtx, appt, 'Spostato');
  const c = await rules.createException(db, w.dirCtx, closure);
  assert.equal(c.cancelled, 2);
  // The cancelled day is kept (cancelled, not deleted): the past appointment still points to it.
  const kept = await db
    .selectFrom('desk_session')
    .select(['cancelled_at', 'cancelled_reason'])
    .where('id', '=', session.id)
    .executeTakeFirstOrThrow();
  assert.equal(kept.cancelled_reason, 'closure');
  // Removing the absence restores the March days of the rule.
  const list = await rules.exceptionsOfOffice(db, w.dirCtx);
  const abs = list.find((x) => x.id === absence.id);
  assert.ok(abs);
  const restored = await rules.removeException(db, w.dirCtx, abs.id, { version: String(abs.version) });
  assert.deepEqual(restored, { restored: 2, skipped: 0 });
  assert.deepEqual(await liveDays(desk), [
    '2027-01-12',
    '2027-01-26',
    '2027-03-09',
    '2027-03-23',
    '2027-04-13',
    '2027-04-27',
  ]);
  // A stale version is refused; a removed exception is gone (404), and so is another office's.
  await assert.rejects(rules.removeException(db, w.dirCtx, c.id, { version: '99' }), /PONTE_ERR_CONFLICT/);
  await assert.rejects(
    rules.removeException(db, w.dirCtx, abs.id, { version: String(abs.version + 1) }),
    /PONTE_ERR_NOT_FOUND/,
  );
  const other = await world(db);
  await assert.rejects(
    rules.removeException(db, other.dirCtx, c.id, { version: '1' }),
    /PONTE_ERR_NOT_FOUND/,
  );
  const audit = await db
    .selectFrom('audit_log')
    .select('action')
    .where('entity_id', '=', abs.id)
    .orderBy('id')
    .execute();
  assert.deepEqual(
    audit.map((a) => a.action),
    ['desk.exception.create', 'desk.exception.remove'],
  );
});

test('ending a rule removes its future days without bookings and keeps (and lists) the booked ones', async () => {
  const { db } = await getTestDb();
  const w = await world(db);
  const desk = await planSvc.createDesk(db, w.dirCtx, { kind: 'phone', name: 'Telefono' });
  const r = await rules.createRule(db, w.dirCtx, desk, ruleInput(w.officer.id));
  const days = await db
    .selectFrom('desk_session')
    .select(['id', 'starts_at'])
    .where('rule_id', '=', r.id)
    .orderBy('starts_at')
    .execute();
  const card = await makeCard(db, w.cav.id, w.office.id, w.operator.id);
  const march23 = days[5]!;
  const appt = await svc.holdSlot(db, w.opCtx, card, march23.id, new Date(march23.starts_at).toISOString());
  await svc.confirm(db, w.opCtx, appt);
  const rule = await rules.ruleFor(db, w.dirCtx, r.id);
  assert.match(
    (await fails(rules.endRule(db, w.dirCtx, r.id, { first_day: '2026-01-01', version: '1' })))
      .first_day as string,
    /past/,
  );
  const ended = await rules.endRule(db, w.dirCtx, r.id, {
    first_day: '2027-03-01',
    version: String(rule.version),
  });
  assert.equal(ended.removed, 3); // 9 March, 13 and 27 April
  assert.equal(ended.kept.length, 1);
  assert.equal(ended.kept[0]?.starts_at.toISOString(), new Date(march23.starts_at).toISOString());
  assert.deepEqual(await liveDays(desk), [
    '2027-01-12',
    '2027-01-26',
    '2027-02-09',
    '2027-02-23',
    '2027-03-23',
  ]);
  const after = await rules.ruleFor(db, w.dirCtx, r.id);
  assert.equal(after.valid_until, '2027-02-28');
  assert.ok(after.ended_at);
  // An ended rule is not ended twice; the booked appointment is untouched.
  assert.equal(
    (await fails(rules.endRule(db, w.dirCtx, r.id, { version: String(after.version) }))).first_day,
    'desks.err.ruleEnded',
  );
  const a = await svc.appointmentFor(db, w.opCtx, appt);
  assert.equal(a.status, 'booked');
});

test('a closure racing with bookings never leaves an active appointment on a removed desk day', async () => {
  const { db } = await getTestDb();
  const w = await world(db);
  const desk = await planSvc.createDesk(db, w.dirCtx, { kind: 'phone', name: 'Telefono' });
  const cards = await Promise.all(
    Array.from({ length: 6 }, () => makeCard(db, w.cav.id, w.office.id, w.operator.id)),
  );
  // Several rounds, one weekday each (11 to 15 October 2027): on PostgreSQL the order differs from round to round.
  for (let day = 11; day <= 15; day++) {
    const date = `2027-10-${day}`;
    const s = await planSvc.createSession(db, w.dirCtx, desk, oneOff(w.officer.id, date, '09:00', '12:00'));
    const slots = cards.map((_, i) => new Date(Date.UTC(2027, 9, day, 7, i * 30)).toISOString());
    const results = await Promise.allSettled([
      ...cards.map((c, i) => svc.holdSlot(db, w.opCtx, c, s, slots[i] as string)),
      rules.createException(db, w.dirCtx, { kind: 'closure', desk, from_date: date, to_date: date }),
    ]);
    for (const r of results)
      if (r.status === 'rejected') assert.ok(r.reason instanceof svc.FormError, String(r.reason));
    const row = await db
      .selectFrom('desk_session')
      .select('cancelled_at')
      .where('id', '=', s)
      .executeTakeFirstOrThrow();
    const active = await db
      .selectFrom('appointment')
      .select('id')
      .where('session_id', '=', s)
      .where('status', 'in', ['held', 'booked'])
      .execute();
    const closed = results.at(-1)?.status === 'fulfilled';
    // Either the closure won (the day is cancelled and no hold got in) or a hold won (the closure was refused).
    assert.equal(closed, row.cancelled_at !== null, date);
    if (closed) assert.equal(active.length, 0, date);
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
