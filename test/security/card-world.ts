import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import * as cases from '../../packages/app/src/features/cases/index.ts';
import * as desks from '../../packages/app/src/features/desks/booking/service.ts';
import * as planSvc from '../../packages/app/src/features/desks/planning/desks.ts';
import { world } from '../../packages/app/src/features/desks/test-fixtures.ts';
import { todayIso } from '../../packages/app/src/platform/clock.ts';
import type { Db } from '../../packages/app/src/platform/db/database.ts';
import { getTestDb, makeOrg, makeUser, postForm, type TestUser } from '../../packages/app/test/helpers.ts';

// The world of the findings on cards (issue 11, findings 9 and 11): an INPS office with an officer and a director,
// a CAV with an operator, a social worker of an ATS of the same territory, and a case referred through the CAV's
// own form, with the consents, an identity and a free-text note that INPS reads while the card is live.

export const NAME = 'Serafina Lombardi';
export const NOTE = 'Preferisce il pomeriggio; porta la DSU.';
export const NEEDS = 'Interprete in lingua tigrina';
export const LANGUAGE = 'tigrino';

export const actorOf = (u: TestUser) => ({ userId: u.id, orgId: u.orgId, roles: u.roles });

export interface CardWorld {
  app: FastifyInstance;
  db: Db;
  w: Awaited<ReturnType<typeof world>>;
  social: TestUser;
  officer: TestUser;
  director: TestUser;
  operator: TestUser;
}

/** The world on the test database, for `app` (the shared test app: `testApp()`). */
export async function cardWorld(app: FastifyInstance): Promise<CardWorld> {
  const { db } = await getTestDb();
  const w = await world(db);
  const ats = await makeOrg(db, 'ats', w.office.territoryId);
  const social = await makeUser(db, ats.id, ['social_worker']);
  return { app, db, w, social, officer: w.officer, director: w.director, operator: w.operator };
}

/** A case with the referral consent (and, if asked, identity_to_inps), her name, and a card sent to the office. */
export async function referredCase(
  cw: CardWorld,
  o: { identityConsent?: boolean } = {},
): Promise<{ caseId: string; code: string; cardId: string }> {
  const { db, operator } = cw;
  const c = await cases.openCase(db, actorOf(operator));
  const row = await cases.caseOf(db, { orgId: operator.orgId }, c.id);
  for (const purpose of ['referral_inps', ...(o.identityConsent ? ['identity_to_inps'] : [])]) {
    const r = await cases.recordConsent(db, actorOf(operator), row, {
      purpose,
      givenOn: todayIso(),
      collectedBy: operator.id,
    });
    assert.ok(r.ok, JSON.stringify(r));
  }
  const saved = await cases.saveIdentity(db, actorOf(operator), row, { name: NAME, version: '0' });
  assert.ok(saved.ok, JSON.stringify(saved));
  const sent = await postForm(cw.app, operator, `/cases/${c.id}/referral`, {
    office: cw.w.office.id,
    age_band: '35-44',
    benefits: ['reddito_di_liberta', 'assegno_unico'],
    preferred_language: LANGUAGE,
    accessibility_needs: NEEDS,
    note: NOTE,
  });
  assert.equal(sent.statusCode, 303, sent.body);
  const card = await db
    .selectFrom('consultation_card')
    .select('id')
    .where('case_id', '=', c.id)
    .executeTakeFirstOrThrow();
  return { caseId: c.id, code: c.code, cardId: card.id };
}

/** Revokes the live consent of `purpose` as her CAV does. */
export async function revoke(cw: CardWorld, caseId: string, purpose: string): Promise<void> {
  const row = await cases.caseOf(cw.db, { orgId: cw.operator.orgId }, caseId);
  const consent = await cw.db
    .selectFrom('consent')
    .select('id')
    .where('case_id', '=', caseId)
    .where('purpose', '=', purpose as 'referral_inps')
    .where('revoked_at', 'is', null)
    .executeTakeFirstOrThrow();
  const r = await cases.revokeConsent(cw.db, actorOf(cw.operator), row, consent.id);
  assert.ok(r.ok, JSON.stringify(r));
}

/** A desk day of the office's officer on `date` (09:00–12:00, 30-minute slots) and a booking on it. */
export async function bookOn(cw: CardWorld, cardId: string, date: string, startUtc: string): Promise<string> {
  const { db, w } = cw;
  const desk = await planSvc.createDesk(db, w.dirCtx, {
    kind: 'cav_room',
    host: w.cav.id,
    name: 'Stanza lilla',
  });
  const session = await planSvc.createSession(db, w.dirCtx, desk, {
    officer: w.officer.id,
    date,
    start: '09:00',
    end: '12:00',
    slot_minutes: '30',
    buffer_minutes: '0',
  });
  const id = await desks.holdSlot(db, w.opCtx, cardId, session, startUtc);
  await desks.confirm(db, w.opCtx, id);
  return id;
}
