import { makeUser } from '../../../../test/helpers.ts';
import type { Db } from '../../../platform/db/database.ts';
import * as svc from '../booking/service.ts';
import * as planSvc from '../planning/desks.ts';
import { makeCard, trained, world } from '../test-fixtures.ts';

// Test fixtures of "Appuntamenti dell'ufficio" (imported only by its tests).

export const day = (date: string) => ({
  date,
  start: '09:00',
  end: '12:00',
  slot_minutes: '30',
  buffer_minutes: '0',
});

/** Booked (held then confirmed) appointment of a new card of the world's CAV; returns its id and card. */
export async function booked(db: Db, w: Awaited<ReturnType<typeof world>>, session: string, start: string) {
  const card = await makeCard(db, w.cav.id, w.office.id, w.operator.id);
  const id = await svc.holdSlot(db, w.opCtx, card, session, start);
  await svc.confirm(db, w.opCtx, id);
  return { id, card };
}

/**
 * An office with two desks and two officers: on Tuesday 4 May 2027 two appointments on desk A (one done, one
 * no-show), on Tuesday 11 May two on desk B (one booked, one cancelled), on Tuesday 8 June one booked on desk A;
 * and a hold never confirmed. "Now" is 10 May 2027, 14:00 in Rome.
 */
export async function officeWorld(db: Db) {
  const w = await world(db);
  const second = await makeUser(db, w.office.id, ['inps_officer']);
  await trained(db, second.id, w.director.id);
  const deskA = await planSvc.createDesk(db, w.dirCtx, { kind: 'phone', name: 'Telefono ufficio A' });
  const deskB = await planSvc.createDesk(db, w.dirCtx, { kind: 'phone', name: 'Telefono ufficio B' });
  const may4 = await planSvc.createSession(db, w.dirCtx, deskA, {
    officer: w.officer.id,
    ...day('2027-05-04'),
  });
  const may11 = await planSvc.createSession(db, w.dirCtx, deskB, {
    officer: second.id,
    ...day('2027-05-11'),
  });
  const jun8 = await planSvc.createSession(db, w.dirCtx, deskA, {
    officer: w.officer.id,
    ...day('2027-06-08'),
  });
  const done = await booked(db, w, may4, '2027-05-04T07:00:00.000Z');
  const noShow = await booked(db, w, may4, '2027-05-04T07:30:00.000Z');
  const upcoming = await booked(db, w, may11, '2027-05-11T07:00:00.000Z');
  const cancelled = await booked(db, w, may11, '2027-05-11T08:00:00.000Z');
  const june = await booked(db, w, jun8, '2027-06-08T07:00:00.000Z');
  const heldCard = await makeCard(db, w.cav.id, w.office.id, w.operator.id);
  const held = await svc.holdSlot(db, w.opCtx, heldCard, jun8, '2027-06-08T08:00:00.000Z');
  const officerCtx: svc.Ctx = {
    userId: w.officer.id,
    orgId: w.office.id,
    orgKind: 'inps_office',
    roles: ['inps_officer'],
    now: new Date('2027-05-04T10:00:00Z'),
  };
  await svc.recordOutcome(db, officerCtx, done.id, 'done');
  await svc.recordOutcome(db, officerCtx, noShow.id, 'no_show');
  await svc.cancel(db, w.opCtx, cancelled.id, 'La donna ha chiesto di rinviare');
  const now = new Date('2027-05-10T12:00:00Z');
  return {
    ...w,
    second,
    deskA,
    deskB,
    appts: { done, noShow, upcoming, cancelled, june },
    held,
    ctx: { ...w.dirCtx, now },
  };
}
