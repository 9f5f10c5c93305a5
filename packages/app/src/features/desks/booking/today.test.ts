import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Temporal } from 'temporal-polyfill';
import { getTestDb } from '../../../../test/helpers.ts';
import { nowMs, todayInRome } from '../../../platform/clock.ts';
import { isItalianHoliday, romeDateTime, romeInstant } from '../common/calendar.ts';
import * as planSvc from '../planning/desks.ts';
import { setHours } from '../planning/service.ts';
import { makeCard, world } from '../test-fixtures.ts';
import * as repo from './repository.ts';
import * as svc from './service.ts';

// Desk days planned from today, whatever today is: these tests read the application's clock and nothing else, so
// CI runs them at fixed dates (`node scripts/test.mjs --dates`: Christmas week, Easter Monday week, both changes of
// the clocks, New Year's Eve, 29 February) as well as on the real date. Each expectation is computed from the
// calendar of that date (holidays, the Rome offset of the day), never written for one date.

const T = (s: string) => Temporal.PlainTime.from(s);

async function formErrors(p: Promise<unknown>): Promise<Record<string, string> | null> {
  try {
    await p;
    return null;
  } catch (e) {
    if (e instanceof svc.FormError) return e.errors;
    throw e;
  }
}

test('from today: a past day, a holiday, a weekend day are refused; every other day opens at 09:00 in Rome', async () => {
  const { db } = await getTestDb();
  const w = await world(db);
  const desk = await planSvc.createDesk(db, w.dirCtx, { kind: 'phone', name: 'Telefono' });
  const today = todayInRome();
  const day = (d: Temporal.PlainDate, start = '09:00', end = '11:00') => ({
    officer: w.officer.id,
    date: d.toString(),
    start,
    end,
    slot_minutes: '30',
    buffer_minutes: '0',
  });
  const yesterday = today.subtract({ days: 1 });
  const refused = await formErrors(planSvc.createSession(db, w.dirCtx, desk, day(yesterday)));
  assert.equal(refused?.date, isItalianHoliday(yesterday) ? 'desks.err.holiday' : 'desks.err.past');

  const planned: string[] = [];
  for (let i = 0; i <= 10; i++) {
    const d = today.add({ days: i });
    const opens = romeInstant(d, T('09:00'))!;
    const errors = await formErrors(planSvc.createSession(db, w.dirCtx, desk, day(d)));
    if (isItalianHoliday(d)) assert.equal(errors?.date, 'desks.err.holiday', `${d} is a public holiday`);
    else if (opens.getTime() <= nowMs())
      assert.equal(errors?.date, 'desks.err.past', `${d} 09:00 has passed`);
    // A desk is open Monday to Friday until its director sets other hours.
    else if (d.dayOfWeek > 5)
      assert.match(errors?.date ?? '', /^desks\.err\.closedDay/, `${d} is a weekend day`);
    else {
      assert.equal(errors, null, `${d}: ${JSON.stringify(errors)}`);
      planned.push(d.toString());
    }
  }
  assert.ok(planned.length >= 4, `at least four working days in eleven: ${planned.join(' ')}`);
  const sessions = await repo.sessionsOfDesk(db, desk, new Date(nowMs()));
  assert.deepEqual(
    sessions.map((s) => romeDateTime(new Date(s.starts_at)).date.toString()),
    planned,
    'the desk lists the days planned, in order',
  );
  for (const s of sessions) {
    const start = romeDateTime(new Date(s.starts_at));
    assert.equal(
      start.time.toString().slice(0, 5),
      '09:00',
      `${start.date} opens at 09:00 in Rome (DST included)`,
    );
    assert.equal(new Date(s.ends_at).getTime() - new Date(s.starts_at).getTime(), 2 * 3600_000);
  }
});

test('from today: the first free time is offered, held and booked; a Saturday two weeks on is a closed day or a holiday', async () => {
  const { db } = await getTestDb();
  const w = await world(db);
  const desk = await planSvc.createDesk(db, w.dirCtx, { kind: 'cav_room', host: w.cav.id, name: 'Stanza' });
  // Open Monday to Friday, 08:00–18:00. The journey of issue 10: on 7 December 2026 the Saturday two weeks on was
  // 26 December, a public holiday, and the page said so instead of "closed that day".
  await setHours(db, w.dirCtx, desk, {
    day_1: '1',
    day_2: '1',
    day_3: '1',
    day_4: '1',
    day_5: '1',
    opens_at: '08:00',
    closes_at: '18:00',
    version: '1',
  });
  const today = todayInRome();
  const saturday = today.add({ days: 14 }).add({ days: 6 - today.add({ days: 14 }).dayOfWeek });
  assert.equal(saturday.dayOfWeek, 6);
  const onSaturday = await formErrors(
    planSvc.createSession(db, w.dirCtx, desk, {
      officer: w.officer.id,
      date: saturday.toString(),
      start: '09:00',
      end: '12:00',
      slot_minutes: '30',
      buffer_minutes: '0',
    }),
  );
  if (isItalianHoliday(saturday)) assert.equal(onSaturday?.date, 'desks.err.holiday', saturday.toString());
  else assert.match(onSaturday?.date ?? '', /^desks\.err\.closedDay/, saturday.toString());

  // The first working day after today.
  let d = today.add({ days: 1 });
  while (d.dayOfWeek > 5 || isItalianHoliday(d)) d = d.add({ days: 1 });
  const session = await planSvc.createSession(db, w.dirCtx, desk, {
    officer: w.officer.id,
    date: d.toString(),
    start: '09:00',
    end: '12:00',
    slot_minutes: '30',
    buffer_minutes: '0',
  });
  const cardId = await makeCard(db, w.cav.id, w.office.id, w.operator.id);
  const card = await svc.openCardFor(db, w.opCtx, cardId);
  const offered = (await svc.freeSlotsForCard(db, w.opCtx, card)).find((f) => f.session.id === session);
  assert.ok(offered, `the desk day of ${d} is offered`);
  const first = offered.slots[0]!.starts_at;
  assert.equal(first.getTime(), romeInstant(d, T('09:00'))!.getTime());
  assert.equal(offered.slots.length, 6);
  const held = await svc.holdSlot(db, w.opCtx, cardId, session, first.toISOString());
  await svc.confirm(db, w.opCtx, held);
  const a = await repo.appointment(db, held);
  assert.equal(a?.status, 'booked');
  assert.equal(new Date(a!.starts_at).getTime(), first.getTime());
});
