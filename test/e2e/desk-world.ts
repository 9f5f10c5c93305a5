// The demo people the desk journeys act as through the service (planning a desk day, booking a past or far slot
// the browser cannot), and fictional open cards of the demo CAV for the demo INPS office.
import { randomUUID } from 'node:crypto';
import type * as desks from '../../packages/app/src/features/desks/booking/service.ts';
import type { Db } from '../../packages/app/src/platform/db/database.ts';
import { uniqueCode } from '../../packages/app/test/codes.ts';

async function member(db: Db, username: string) {
  return db
    .selectFrom('app_user as u')
    .innerJoin('membership as m', 'm.user_id', 'u.id')
    .select(['u.id', 'm.organisation_id'])
    .where('u.username', '=', username)
    .executeTakeFirstOrThrow();
}

/** The demo operator, director and officer, with the service contexts of the director and the operator. */
export async function demoDeskWorld(db: Db) {
  const [operator, director, officer] = await Promise.all(
    ['demo.operatrice', 'demo.direttrice', 'demo.consulente'].map((u) => member(db, u)),
  );
  const dirCtx: desks.Ctx = {
    userId: director!.id,
    orgId: director!.organisation_id,
    orgKind: 'inps_office',
    roles: ['inps_director'],
  };
  const opCtx: desks.Ctx = {
    userId: operator!.id,
    orgId: operator!.organisation_id,
    orgKind: 'cav',
    roles: ['cav_operator'],
  };
  return { operator: operator!, director: director!, officer: officer!, dirCtx, opCtx };
}

/** An open consultation card of a new case of the demo CAV for the demo INPS office: its id, code and case. */
export async function openDemoCard(db: Db, w: Awaited<ReturnType<typeof demoDeskWorld>>) {
  const caseId = randomUUID();
  const code = uniqueCode();
  await db
    .insertInto('case_file')
    .values({ id: caseId, code, cav_id: w.operator.organisation_id, opened_by: w.operator.id })
    .execute();
  const id = randomUUID();
  await db
    .insertInto('consultation_card')
    .values({
      id,
      case_id: caseId,
      inps_office_id: w.director.organisation_id,
      code,
      created_by: w.operator.id,
    })
    .execute();
  return { id, code, caseId };
}
