// The staff member of the auth route tests and the start of each test: a fresh app, the test database, a
// user with a password (and a TOTP secret unless not enrolled) in one CAV or in the organisations given, and
// a cookie-keeping browser.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { getTestDb, makeOrg, testApp } from '../../../test/helpers.ts';
import { hashPassword } from '../../platform/auth/passwords.ts';
import { currentTotp, newTotpSecret } from '../../platform/auth/totp.ts';
import { now as clockNow, nowMs } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { TestBrowser } from './test-browser.ts';

export const TEST_PASSWORD = 'una-password-di-prova-lunga';

export interface Staff {
  id: string;
  username: string;
  /** The TOTP secret; null for a user who has not enrolled yet. */
  secret: string | null;
  /** Her first organisation ('' when she has none). */
  orgId: string;
}

export interface StaffOptions {
  /** Starts the username, to tell the tests' users apart in the database. */
  prefix?: string;
  enrolled?: boolean;
  orgIds?: string[];
}

export async function makeStaff(db: Db, opts: StaffOptions = {}): Promise<Staff> {
  const id = randomUUID();
  const username = `${opts.prefix ?? 't'}.${id.slice(0, 8)}`;
  const secret = opts.enrolled === false ? null : newTotpSecret();
  await db
    .insertInto('app_user')
    .values({
      id,
      username,
      display_name: `Persona di prova ${username}`,
      password_hash: await hashPassword(TEST_PASSWORD),
      totp_secret: secret,
      totp_enrolled_at: secret ? clockNow() : null,
    })
    .execute();
  const orgIds = opts.orgIds ?? [(await makeOrg(db, 'cav')).id];
  for (const orgId of orgIds) {
    await db
      .insertInto('membership')
      .values({ user_id: id, organisation_id: orgId, role: 'cav_operator' })
      .execute();
  }
  return { id, username, secret, orgId: orgIds[0] ?? '' };
}

/** The code her app shows `steps` periods from now (a later step is accepted within the ±1 window). */
export function totpCode(s: Staff, steps = 0): string {
  if (!s.secret) throw new Error(`${s.username} has not enrolled a second factor`);
  return currentTotp(s.secret, Math.floor(nowMs() / 1000) + steps * 30);
}

/** The start of a login test: the app, the database, one staff member and a browser. */
export async function loginSetup(
  opts: StaffOptions = {},
): Promise<{ app: FastifyInstance; db: Db; s: Staff; b: TestBrowser }> {
  const app = await testApp();
  const { db } = await getTestDb();
  const s = await makeStaff(db, opts);
  return { app, db, s, b: new TestBrowser(app) };
}
