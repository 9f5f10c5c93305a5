// The fictional network the desk benchmarks build in fresh rows (nothing existing is touched): a territory, an INPS
// office and a CAV, with a director and an operator, a way to add trained officers and open consultation cards.

import { randomUUID } from 'node:crypto';
import type * as svc from '../packages/app/src/features/desks/booking/service.ts';
import { recordDeskMark } from '../packages/app/src/features/training/index.ts';
import { now } from '../packages/app/src/platform/clock.ts';
import type { Db } from '../packages/app/src/platform/db/database.ts';
import { uniqueCode } from '../packages/app/test/codes.ts';

export async function benchNetwork(db: Db) {
  const tag = randomUUID().slice(0, 8);
  const territory = `bench-${tag}`;
  await db
    .insertInto('territory')
    .values([
      { id: `${territory}-r`, kind: 'regione', name: `Bench regione ${tag}`, parent_id: null },
      {
        id: `${territory}-p`,
        kind: 'provincia',
        name: `Bench provincia ${tag}`,
        parent_id: `${territory}-r`,
      },
      { id: territory, kind: 'comune', name: `Bench ${tag}`, parent_id: `${territory}-p` },
    ])
    .execute();
  const office = randomUUID();
  const cav = randomUUID();
  await db
    .insertInto('organisation')
    .values([
      {
        id: office,
        kind: 'inps_office',
        name: `Bench INPS ${tag}`,
        territory_id: territory,
        managing_cav_id: null,
      },
      { id: cav, kind: 'cav', name: `Bench CAV ${tag}`, territory_id: territory, managing_cav_id: null },
    ])
    .execute();
  const user = async (org: string, role: 'inps_director' | 'inps_officer' | 'cav_operator') => {
    const id = randomUUID();
    await db
      .insertInto('app_user')
      .values({
        id,
        username: `b${id.replaceAll('-', '').slice(0, 12)}`,
        display_name: `Bench ${role}`,
        password_hash: 'x',
      })
      .execute();
    await db.insertInto('membership').values({ user_id: id, organisation_id: org, role }).execute();
    return id;
  };
  const director = await user(office, 'inps_director');
  const operator = await user(cav, 'cav_operator');
  const dirCtx: svc.Ctx = {
    userId: director,
    orgId: office,
    orgKind: 'inps_office',
    roles: ['inps_director'],
  };
  const opCtx: svc.Ctx = { userId: operator, orgId: cav, orgKind: 'cav', roles: ['cav_operator'] };
  return {
    tag,
    office,
    cav,
    dirCtx,
    opCtx,
    /** A new INPS officer of the office, trained in accoglienza (only trained officers get desk days). */
    async officer(): Promise<string> {
      const id = await user(office, 'inps_officer');
      // Trained: a recognised earlier training recorded by her director (issue 14: the desks read training).
      await recordDeskMark(db, id, director, now());
      return id;
    },
    /** A new case of the CAV with a consultation card sent to the office; returns the card's id. */
    async card(): Promise<string> {
      const caseId = randomUUID();
      const code = uniqueCode();
      await db
        .insertInto('case_file')
        .values({ id: caseId, code, cav_id: cav, opened_by: operator })
        .execute();
      const id = randomUUID();
      await db
        .insertInto('consultation_card')
        .values({ id, case_id: caseId, inps_office_id: office, code, created_by: operator })
        .execute();
      return id;
    },
  };
}
