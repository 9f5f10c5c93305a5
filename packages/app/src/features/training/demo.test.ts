import assert from 'node:assert/strict';
import { ownTestDb, testAt, testConfig } from '../../../test/helpers.ts';
import { configureKeys } from '../../platform/crypto/index.ts';
import type { Database } from '../../platform/db/database.ts';
import { seedDemo } from '../network/index.ts';
import { DEMO_COURSE_TITLE, seedDemoTraining } from './demo.ts';
import { certificatesOfUser, isDeskQualified, stateOf } from './service.ts';

// The demo training of `npm start`: the demo INPS officer holds the certificate of «Accogliere donne in
// difficoltà», once, never without the demo network. Own empty database; the clock set for this test alone (a
// top-level hook would set it for every file of the process).
const test = testAt('2026-11-26T12:00:00Z');

const OFFICER = '00000000-0000-4000-8000-00000000d203';

test('the demo officer holds the certificate of «Accogliere donne in difficoltà», valid and signed; once; never without the demo network', async (t) => {
  configureKeys(testConfig().encryptionKeys);
  const database: Database = await ownTestDb();
  t.after(() => database.close());
  const { db } = database;
  const config = { badgeKey: testConfig().badgeKey, publicUrl: 'http://localhost:3000' };
  assert.equal(await seedDemoTraining(db, config), false);
  await seedDemo(db);
  assert.equal(await seedDemoTraining(db, config), true);
  assert.equal(await seedDemoTraining(db, config), false);
  const certs = await certificatesOfUser(db, OFFICER);
  assert.equal(certs.length, 1);
  const [cert] = certs as [(typeof certs)[number]];
  assert.equal(cert.course_title, DEMO_COURSE_TITLE);
  assert.equal(stateOf(cert), 'valid');
  assert.equal(cert.desk_qualifying, true);
  assert.equal(cert.jwt.split('.').length, 3);
  assert.equal(await isDeskQualified(db, OFFICER), true);
});
