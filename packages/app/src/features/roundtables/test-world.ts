import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import {
  type FormFields,
  getTestDb,
  makeOrg,
  makeTerritory,
  makeUser,
  postForm,
  type TestUser,
  testApp,
} from '../../../test/helpers.ts';
import { currentTotp, newTotpSecret } from '../../platform/auth/totp.ts';
import { sealTotpSecret } from '../../platform/auth/totp-secret.ts';
import { nowMs, todayInRome } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';

// The world of the tavoli tests, set up through the feature's own pages as the network admin does.

const post = postForm;

export interface World {
  db: Db;
  app: FastifyInstance;
  admin: TestUser;
  chair: TestUser;
  secretary: TestUser;
  member: TestUser;
  guest: TestUser;
  outsider: TestUser;
  trainer: TestUser;
  orgs: { inps: string; cav: string; ats: string; shelter: string };
  table: string;
  other: string;
}

/** A tavolo with INPS (chair), a CAV (secretary), an ATS (member, guest); an outsider in another tavolo. */
export async function world(o: { freeze?: string } = {}): Promise<World> {
  const app = await testApp();
  const { db } = await getTestDb();
  const t = await makeTerritory(db);
  const inps = await makeOrg(db, 'inps_office', t.provincia);
  const cav = await makeOrg(db, 'cav', t.comune);
  const ats = await makeOrg(db, 'ats', t.provincia);
  const shelter = await makeOrg(db, 'shelter', t.comune);
  const regione = await makeOrg(db, 'regione', t.regione);
  const admin = await makeUser(db, regione.id, ['network_admin']);
  const chair = await makeUser(db, inps.id, ['inps_director']);
  const secretary = await makeUser(db, cav.id, ['cav_coordinator']);
  const member = await makeUser(db, ats.id, ['social_worker']);
  const guest = await makeUser(db, inps.id, ['inps_officer']);
  const outsider = await makeUser(db, cav.id, ['cav_operator']);
  const trainer = await makeUser(db, regione.id, ['trainer']);
  const w = { db, app, admin, chair, secretary, member, guest, outsider, trainer } as World;
  w.orgs = { inps: inps.id, cav: cav.id, ats: ats.id, shelter: shelter.id };
  w.table = await createTable(w, t.provincia, o.freeze ?? '0');
  for (const org of [inps.id, cav.id, ats.id])
    assert.equal(
      (await post(app, admin, `/roundtables/${w.table}/settings/orgs`, { organisation_id: org })).statusCode,
      303,
    );
  for (const [u, role] of [
    [chair, 'presidente'],
    [secretary, 'segretaria'],
    [member, 'componente'],
    [guest, 'invitata'],
  ] as const)
    assert.equal(
      (await post(app, admin, `/roundtables/${w.table}/settings/delegates`, { user_id: u.id, role }))
        .statusCode,
      303,
    );
  w.other = await createTable(w, t.comune, '7');
  await post(app, admin, `/roundtables/${w.other}/settings/orgs`, { organisation_id: cav.id });
  await post(app, admin, `/roundtables/${w.other}/settings/delegates`, {
    user_id: outsider.id,
    role: 'componente',
  });
  return w;
}

export async function createTable(w: World, territory: string, freeze: string): Promise<string> {
  const res = await post(w.app, w.admin, '/roundtables', {
    name: `Tavolo di prova ${territory}`,
    territory_id: territory,
    mailbox: 'tavolo@ente-prova.invalid',
    freeze_days: freeze,
  });
  assert.equal(res.statusCode, 303, res.body);
  return /\/roundtables\/([0-9a-f-]{36})\/settings/.exec(String(res.headers.location))![1]!;
}

export const day = (days: number) => todayInRome().add({ days }).toString();

export async function meeting(w: World, fields: FormFields = {}): Promise<string> {
  const res = await post(w.app, w.secretary, `/roundtables/${w.table}/meetings`, {
    date: day(10),
    time: '10:00',
    duration: '90',
    place_org_id: w.orgs.inps,
    ...fields,
  });
  assert.equal(res.statusCode, 303, res.body);
  return /meetings\/([0-9a-f-]{36})/.exec(String(res.headers.location))![1]!;
}

export const mUrl = (w: World, m: string) => `/roundtables/${w.table}/meetings/${m}`;

export async function item(
  w: World,
  m: string,
  title = 'Percorso condiviso per le domande',
): Promise<string> {
  const res = await post(w.app, w.secretary, `${mUrl(w, m)}/items`, { title, kind: 'decisione' });
  assert.equal(res.statusCode, 303, res.body);
  const row = await w.db
    .selectFrom('rt_item')
    .select('id')
    .where('meeting_id', '=', m)
    .where('title', '=', title)
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function verbaleVersion(w: World, m: string): Promise<string> {
  const v = await w.db
    .selectFrom('rt_verbale')
    .select('version')
    .where('meeting_id', '=', m)
    .executeTakeFirst();
  return String(v?.version ?? 1);
}

/** Gives a user a known TOTP secret (sealed like the enrolment does) and answers a fresh code. */
export async function totpFor(w: World, u: TestUser): Promise<() => string> {
  const secret = newTotpSecret();
  await w.db
    .updateTable('app_user')
    .set({ totp_secret: sealTotpSecret(u.id, secret), totp_last_step: 0 })
    .where('id', '=', u.id)
    .execute();
  let step = Math.floor(nowMs() / 30_000) - 1;
  return () => currentTotp(secret, ++step * 30);
}
