import { randomUUID } from 'node:crypto';
import { uniqueCode } from '../../../test/codes.ts';
import { makeOrg, makeUser } from '../../../test/helpers.ts';
import { now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { recordDeskMark } from '../training/index.ts';
import type * as svc from './booking/service.ts';

// Test fixtures of the desks feature (imported only by its tests): an INPS office with a director and an
// officer, a CAV with an operator, and consultation cards of the CAV's cases.

export async function world(db: Db) {
  const office = await makeOrg(db, 'inps_office');
  const cav = await makeOrg(db, 'cav', office.territoryId);
  const director = await makeUser(db, office.id, ['inps_director']);
  const officer = await makeUser(db, office.id, ['inps_officer']);
  // Only officers trained in accoglienza can be assigned to desk days (migration 0006).
  await trained(db, officer.id, director.id);
  const operator = await makeUser(db, cav.id, ['cav_operator']);
  const dirCtx: svc.Ctx = {
    userId: director.id,
    orgId: office.id,
    orgKind: 'inps_office',
    roles: ['inps_director'],
  };
  const opCtx: svc.Ctx = { userId: operator.id, orgId: cav.id, orgKind: 'cav', roles: ['cav_operator'] };
  return { office, cav, director, officer, operator, dirCtx, opCtx };
}

export async function makeCard(db: Db, cavId: string, officeId: string, userId: string, status = 'sent') {
  const caseId = randomUUID();
  const code = uniqueCode();
  await db
    .insertInto('case_file')
    .values({ id: caseId, code, cav_id: cavId, opened_by: userId, opened_at: now() })
    .execute();
  const id = randomUUID();
  await db
    .insertInto('consultation_card')
    .values({
      id,
      case_id: caseId,
      inps_office_id: officeId,
      code,
      created_by: userId,
      created_at: now(),
      status: status as 'sent',
      closed_at: status === 'closed' ? now() : null,
      closing_reason: status === 'closed' ? 'test' : null,
    })
    .execute();
  return id;
}

/** Marks an officer as trained in accoglienza (as her director would: a recognised earlier training, issue 14). */
export async function trained(db: Db, userId: string, setBy: string): Promise<void> {
  await recordDeskMark(db, userId, setBy, now());
}
