import assert from 'node:assert/strict';
import { getTestDb, testAt } from '../../../../test/helpers.ts';
import { PonteError } from '../../../platform/errors.ts';
import * as planSvc from '../planning/desks.ts';
import { world } from '../test-fixtures.ts';
import { officePage } from './service.ts';
import { booked, day, officeWorld } from './test-fixtures.ts';

// Written against fixed dates (issue 10): each test starts with the application clock at 26 November 2026, before them.
const test = testAt('2026-11-26T12:00:00Z');

// "Appuntamenti dell'ufficio": the director's list of her office's desk appointments — filters, order, counts,
// and never an appointment of another office.

const ids = (p: Awaited<ReturnType<typeof officePage>>) => p.result?.rows.map((r) => r.id);
const notFound = (e: unknown) => e instanceof PonteError && e.code === 'PONTE_ERR_NOT_FOUND';

test('office appointments: upcoming soonest first, then past latest first; no holds; counts per status', async () => {
  const { db } = await getTestDb();
  const o = await officeWorld(db);
  const { done, noShow, upcoming, cancelled, june } = o.appts;
  const all = await officePage(db, o.ctx, {}, 20);
  assert.deepEqual(ids(all), [upcoming.id, cancelled.id, june.id, noShow.id, done.id]);
  assert.ok(!ids(all)?.includes(o.held), 'a hold is not an appointment yet');
  assert.equal(all.result?.total, 5);
  assert.deepEqual(all.result?.counts, { booked: 2, done: 1, no_show: 1, cancelled: 1 });
  assert.equal(all.filtered, false);
  const first = all.result?.rows[0];
  assert.equal(first?.desk_name, 'Telefono ufficio B');
  assert.equal(
    first?.officer_name,
    (
      await db
        .selectFrom('app_user')
        .select('display_name')
        .where('id', '=', o.second.id)
        .executeTakeFirstOrThrow()
    ).display_name,
  );
  assert.equal(first?.card_id, upcoming.card);
  assert.equal(first?.card_of_office, true);
  assert.deepEqual(Object.keys(first ?? {}).sort(), [
    'card_code',
    'card_id',
    'card_of_office',
    'desk_name',
    'ends_at',
    'id',
    'officer_name',
    'rescheduled_to',
    'starts_at',
    'status',
  ]);
  // A page at a time, the same order.
  const page2 = await officePage(db, o.ctx, { page: '2' }, 2);
  assert.deepEqual(ids(page2), [june.id, noShow.id]);
  assert.equal(page2.result?.total, 5);
});

test('office appointments: period (Rome days, either date format), officer, desk and status filters', async () => {
  const { db } = await getTestDb();
  const o = await officeWorld(db);
  const { done, noShow, upcoming, cancelled, june } = o.appts;
  const fromMay11 = await officePage(db, o.ctx, { from: '2027-05-11' }, 20);
  assert.deepEqual(ids(fromMay11), [upcoming.id, cancelled.id, june.id]);
  assert.deepEqual(fromMay11.result?.counts, { booked: 2, done: 0, no_show: 0, cancelled: 1 });
  const untilMay4 = await officePage(db, o.ctx, { to: '04/05/2027' }, 20);
  assert.deepEqual(ids(untilMay4), [noShow.id, done.id]);
  const may = await officePage(db, o.ctx, { from: '1/5/2027', to: '2027-05-31' }, 20);
  assert.deepEqual(ids(may), [upcoming.id, cancelled.id, noShow.id, done.id]);
  assert.deepEqual(ids(await officePage(db, o.ctx, { officer: o.second.id }, 20)), [
    upcoming.id,
    cancelled.id,
  ]);
  assert.deepEqual(ids(await officePage(db, o.ctx, { desk: o.deskA }, 20)), [june.id, noShow.id, done.id]);
  // The status narrows the list; the counts stay those of the period, officer and desk.
  const bookedOnly = await officePage(db, o.ctx, { status: 'booked' }, 20);
  assert.deepEqual(ids(bookedOnly), [upcoming.id, june.id]);
  assert.deepEqual(bookedOnly.result?.counts, { booked: 2, done: 1, no_show: 1, cancelled: 1 });
  assert.equal(bookedOnly.filtered, true);
  // An unknown status is no filter at all (not a hold).
  assert.equal((await officePage(db, o.ctx, { status: 'held' }, 20)).result?.total, 5);
  const none = await officePage(db, o.ctx, { from: '2028-01-01' }, 20);
  assert.deepEqual(ids(none), []);
  assert.deepEqual(none.result?.counts, { booked: 0, done: 0, no_show: 0, cancelled: 0 });
});

test('office appointments: unreadable dates and a period ending before it starts are field errors', async () => {
  const { db } = await getTestDb();
  const o = await officeWorld(db);
  const bad = await officePage(db, o.ctx, { from: '31/02/2027', to: 'domani', desk: o.deskA }, 20);
  assert.deepEqual(bad.errors, { from: 'forms.date.none', to: 'forms.date.format' });
  assert.equal(bad.result, null);
  assert.deepEqual(bad.query, { from: '31/02/2027', to: 'domani', officer: '', desk: o.deskA, status: '' });
  const reversed = await officePage(db, o.ctx, { from: '2027-06-01', to: '2027-05-01' }, 20);
  assert.deepEqual(reversed.errors, { to: 'desks.office.err.order' });
  const typed = await officePage(db, o.ctx, { from: '4.5.2027', to: '2027-05-04' }, 20);
  assert.deepEqual(typed.errors, {}, 'a date typed by hand (gg/mm/aaaa) or from the date field');
  const years = await officePage(db, o.ctx, { from: '4/5/27', to: '9999-12-31' }, 20);
  assert.deepEqual(years.errors, {
    from: 'forms.date.year',
    to: 'forms.date.between?min=2000-01-01&max=2099-12-31',
  });
});

test('office appointments: another office never sees them, nor filters by their desks or officers', async () => {
  const { db } = await getTestDb();
  const o = await officeWorld(db);
  const other = await world(db);
  const otherDesk = await planSvc.createDesk(db, other.dirCtx, {
    kind: 'phone',
    name: 'Telefono altra sede',
  });
  const s = await planSvc.createSession(db, other.dirCtx, otherDesk, {
    officer: other.officer.id,
    ...day('2027-05-11'),
  });
  const theirs = await booked(db, other, s, '2027-05-11T07:00:00.000Z');
  const mine = await officePage(db, o.ctx, {}, 20);
  assert.ok(!ids(mine)?.includes(theirs.id));
  const foreign = await officePage(db, { ...other.dirCtx, now: o.ctx.now }, {}, 20);
  assert.deepEqual(ids(foreign), [theirs.id]);
  assert.deepEqual(
    foreign.desks.map((d) => d.id),
    [otherDesk],
  );
  assert.ok(!foreign.officers.some((x) => x.id === o.officer.id || x.id === o.second.id));
  await assert.rejects(officePage(db, other.dirCtx, { desk: o.deskA }, 20), notFound);
  await assert.rejects(officePage(db, other.dirCtx, { officer: o.second.id }, 20), notFound);
  await assert.rejects(officePage(db, other.dirCtx, { desk: 'not-a-desk' }, 20), notFound);
  // A retired desk stays in the filter (its past appointments are still hers to see).
  await db.updateTable('desk').set({ active: false }).where('id', '=', o.deskB).execute();
  const retired = await officePage(db, o.ctx, { desk: o.deskB }, 20);
  assert.deepEqual(ids(retired), [o.appts.upcoming.id, o.appts.cancelled.id]);
  assert.equal(retired.desks.find((d) => d.id === o.deskB)?.active, false);
});
