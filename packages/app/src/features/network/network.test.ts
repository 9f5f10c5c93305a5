import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import {
  csrfFor,
  getTestDb,
  makeOrg,
  makeTerritory,
  makeUser,
  ownTestDb,
  type TestUser,
  testApp,
} from '../../../test/helpers.ts';
import { verifyPassword } from '../../platform/auth/passwords.ts';

type Db = Awaited<ReturnType<typeof getTestDb>>['db'];

let adminP: Promise<TestUser> | undefined;
/** A network administrator of a Regione, logged in. */
function admin(): Promise<TestUser> {
  adminP ??= (async () => {
    const { db } = await getTestDb();
    const org = await makeOrg(db, 'regione');
    return makeUser(db, org.id, ['network_admin']);
  })();
  return adminP;
}

async function post(
  app: FastifyInstance,
  user: TestUser,
  url: string,
  form: Record<string, string>,
  page = '/home',
) {
  const { cookie, token } = await csrfFor(app, user.cookie, page);
  return app.inject({
    method: 'POST',
    url,
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ ...form, _csrf: token }).toString(),
  });
}

const get = async (app: FastifyInstance, user: TestUser, url: string) =>
  app.inject({ method: 'GET', url, headers: { cookie: user.cookie } });

async function lastAudit(db: Db, action: string, entityId?: string) {
  let q = db.selectFrom('audit_log').selectAll().where('action', '=', action);
  if (entityId) q = q.where('entity_id', '=', entityId);
  return q.orderBy('id', 'desc').limit(1).executeTakeFirst();
}

/** The organisation or user row a test has just written, by a unique column. */
const orgBy = (db: Db, column: 'id' | 'name', value: string) =>
  db.selectFrom('organisation').selectAll().where(column, '=', value).executeTakeFirstOrThrow();
const userBy = (db: Db, column: 'id' | 'username', value: string) =>
  db.selectFrom('app_user').selectAll().where(column, '=', value).executeTakeFirstOrThrow();

const tag = () => randomUUID().slice(0, 8);
/** The field error shown next to a field (rendered by the Field/Select components). */
const fieldError = (body: string, name: string) =>
  new RegExp(`id="field-${name}-error"[^>]*>([^<]+)<`).exec(body)?.[1];

// ── Organisations ────────────────────────────────────────────────────────────────────────────────────────

test('organisations: list searches by name, filters by kind and paginates', async () => {
  const app = await testApp();
  const { db } = await getTestDb();
  const a = await admin();
  const t = await makeTerritory(db);
  const prefix = `Zeta ${tag()}`;
  await db
    .insertInto('organisation')
    .values(
      Array.from({ length: 23 }, (_, i) => ({
        id: randomUUID(),
        kind: i < 3 ? ('comune' as const) : ('ats' as const),
        name: `${prefix} ${String(i).padStart(2, '0')}`,
        territory_id: t.comune,
      })),
    )
    .execute();
  const rows = (body: string) =>
    body.match(/<th scope="row"><a href="\/network\/organisations\/[0-9a-f-]{36}"/g)?.length ?? 0;
  const p1 = await get(app, a, `/network/organisations?q=${encodeURIComponent(prefix)}`);
  assert.equal(p1.statusCode, 200);
  assert.equal(rows(p1.body), 20);
  assert.match(p1.body, /Risultati 1–20 di 23/);
  assert.match(p1.body, /page=2/);
  const p2 = await get(app, a, `/network/organisations?q=${encodeURIComponent(prefix)}&page=2`);
  assert.equal(rows(p2.body), 3);
  const comuni = await get(app, a, `/network/organisations?q=${encodeURIComponent(prefix)}&kind=comune`);
  assert.equal(rows(comuni.body), 3);
  assert.match(comuni.body, new RegExp(`${prefix} 00`));
  assert.doesNotMatch(comuni.body, new RegExp(`${prefix} 03`));
  // Wildcards typed by the user are literal; junk filters do not break the page.
  const pct = await get(app, a, '/network/organisations?q=%25%25&kind=nonsense&page=-4');
  assert.equal(pct.statusCode, 200);
  assert.match(pct.body, /Nessun risultato/);
});

test('organisations: invalid input gives a 400 page with messages next to the fields and the typed values kept', async () => {
  const app = await testApp();
  const a = await admin();
  const res = await post(
    app,
    a,
    '/network/organisations/new',
    { name: 'X', kind: 'cav', territory_id: 'nowhere', phone: 'call me<', website: 'ftp://x' },
    '/network/organisations/new',
  );
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /Ci sono problemi da correggere/);
  assert.equal(fieldError(res.body, 'name'), 'Scrivi un nome tra 2 e 200 caratteri.');
  assert.equal(fieldError(res.body, 'territory_id'), 'Scegli un territorio dall’elenco.');
  assert.ok(fieldError(res.body, 'phone'));
  assert.ok(fieldError(res.body, 'website'));
  assert.match(res.body, /name="name"[^>]*value="X"/);
  assert.match(res.body, /value="call me&lt;"/);
  assert.match(res.body, /<option value="cav" selected>/);
});

test('organisations: a shelter without its managing CAV is refused, by the form and by the database', async () => {
  const app = await testApp();
  const { db } = await getTestDb();
  const a = await admin();
  const t = await makeTerritory(db);
  const name = `Casa ${tag()}`;
  const res = await post(app, a, '/network/organisations/new', {
    name,
    kind: 'shelter',
    territory_id: t.provincia,
  });
  assert.equal(res.statusCode, 400);
  assert.equal(
    fieldError(res.body, 'managing_cav_id'),
    'Per una casa rifugio scegli il centro antiviolenza che la gestisce.',
  );
  // A non-CAV as manager is refused too.
  const comune = await makeOrg(db, 'comune', t.comune);
  const res2 = await post(app, a, '/network/organisations/new', {
    name,
    kind: 'shelter',
    territory_id: t.provincia,
    managing_cav_id: comune.id,
  });
  assert.equal(res2.statusCode, 400);
  assert.equal(
    await db.selectFrom('organisation').select('id').where('name', '=', name).executeTakeFirst(),
    undefined,
  );
  await assert.rejects(
    db
      .insertInto('organisation')
      .values({ id: randomUUID(), kind: 'shelter', name, territory_id: t.comune, managing_cav_id: null })
      .execute(),
  );
});

test('organisations: no address column exists on organisation (nor any table of the schema)', async () => {
  const { db } = await getTestDb();
  const cols = await sql<{ column_name: string }>`
    select column_name from information_schema.columns
    where table_schema = current_schema() and table_name = 'organisation'`.execute(db);
  const names = cols.rows.map((r) => r.column_name);
  assert.ok(names.includes('managing_cav_id'));
  assert.deepEqual(
    names.filter((n) => /address|indirizzo|street|via|civico|cap|postal|lat|lon|geo/i.test(n)),
    [],
  );
  const anywhere = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns
    where table_schema = current_schema() and (column_name ilike '%address%' or column_name ilike '%indirizzo%')`.execute(
    db,
  );
  assert.deepEqual(anywhere.rows, []);
});

test('organisations: create a CAV with its public fields, a shelter it manages, edit, deactivate after confirmation', async () => {
  const app = await testApp();
  const { db } = await getTestDb();
  const a = await admin();
  const t = await makeTerritory(db);
  const name = `CAV di prova ${tag()}`;
  const res = await post(app, a, '/network/organisations/new', {
    name,
    kind: 'cav',
    territory_id: t.comune,
    public_listing: 'on',
    phone: '071 123456',
    opening_hours: 'lun-ven 9-13',
    website: 'https://cav.example.org',
  });
  assert.equal(res.statusCode, 303);
  const cav = await orgBy(db, 'name', name);
  assert.equal(cav.kind, 'cav');
  assert.equal(cav.public_listing, true);
  assert.equal(cav.website, 'https://cav.example.org');
  assert.equal(res.headers.location, `/network/organisations/${cav.id}?ok=org-created`);
  assert.ok(await lastAudit(db, 'network.org_created', cav.id));
  const page = await get(app, a, String(res.headers.location));
  assert.match(page.body, /Organizzazione creata/);

  // A shelter managed by it: the public fields are dropped for non-CAV kinds.
  const sName = `Casa rifugio ${tag()}`;
  const s = await post(app, a, '/network/organisations/new', {
    name: sName,
    kind: 'shelter',
    territory_id: t.provincia,
    managing_cav_id: cav.id,
    public_listing: 'on',
    phone: '071 999',
  });
  assert.equal(s.statusCode, 303);
  const shelter = await orgBy(db, 'name', sName);
  assert.equal(shelter.managing_cav_id, cav.id);
  assert.equal(shelter.public_listing, false);
  assert.equal(shelter.phone, null);
  // A CAV that manages a shelter cannot become another kind.
  const bad = await post(app, a, `/network/organisations/${cav.id}`, {
    name,
    kind: 'comune',
    territory_id: t.comune,
  });
  assert.equal(bad.statusCode, 400);
  assert.match(fieldError(bad.body, 'kind') ?? '', /gestisce case rifugio/);

  const edit = await post(app, a, `/network/organisations/${cav.id}`, {
    name: `${name} bis`,
    kind: 'cav',
    territory_id: t.comune,
  });
  assert.equal(edit.statusCode, 303);
  const edited = await orgBy(db, 'id', cav.id);
  assert.equal(edited.name, `${name} bis`);
  assert.equal(edited.public_listing, false);
  const audit = await lastAudit(db, 'network.org_updated', cav.id);
  assert.deepEqual([...((audit?.details as { changed?: string[] } | undefined)?.changed ?? [])].sort(), [
    'name',
    'opening_hours',
    'phone',
    'public_listing',
    'website',
  ]);
  // The name is unique, whatever the case.
  const dup = await post(app, a, '/network/organisations/new', {
    name: `${name.toUpperCase()} BIS`,
    kind: 'ats',
    territory_id: t.comune,
  });
  assert.equal(fieldError(dup.body, 'name'), 'Esiste già un’organizzazione con questo nome.');

  const confirm = await get(app, a, `/network/organisations/${cav.id}/deactivate`);
  assert.equal(confirm.statusCode, 200);
  assert.match(confirm.body, /Disattivare l’organizzazione\?/);
  assert.match(confirm.body, new RegExp(`action="/network/organisations/${cav.id}/deactivate"`));
  const member = await makeUser(db, cav.id, ['cav_operator']);
  const done = await post(app, a, `/network/organisations/${cav.id}/deactivate`, {});
  assert.equal(done.statusCode, 303);
  const after = await orgBy(db, 'id', cav.id);
  assert.equal(after.active, false);
  assert.ok(await lastAudit(db, 'network.org_deactivated', cav.id));
  // Her session in the deactivated organisation has ended.
  const home = await get(app, member, '/home');
  assert.equal(home.statusCode, 302);
});

test('organisations: malformed and unknown ids answer 404', async () => {
  const app = await testApp();
  const a = await admin();
  for (const url of [
    '/network/organisations/not-a-uuid',
    `/network/organisations/${randomUUID()}`,
    `/network/users/${randomUUID()}/deactivate`,
    '/network/protocols/123',
  ]) {
    const res = await get(app, a, url);
    assert.equal(res.statusCode, 404, url);
  }
});

// ── Territories ──────────────────────────────────────────────────────────────────────────────────────────

test('territories: list with parent and search; adding validates the parent kind', async () => {
  const app = await testApp();
  const { db } = await getTestDb();
  const a = await admin();
  const t = await makeTerritory(db);
  const list = await get(
    app,
    a,
    `/network/territories?q=${encodeURIComponent('Comune di prova')}&kind=comune`,
  );
  assert.equal(list.statusCode, 200);
  assert.match(list.body, /Provincia di prova/);
  const children = await get(app, a, `/network/territories?parent=${t.regione}`);
  assert.match(children.body, /Provincia di prova/);
  assert.match(children.body, /Risultati 1–1 di 1/);

  const bad = await post(app, a, '/network/territories/new', {
    kind: 'comune',
    name: 'Borgo',
    parent_id: t.regione,
  });
  assert.equal(bad.statusCode, 400);
  assert.equal(
    fieldError(bad.body, 'parent_id'),
    'Un comune deve appartenere a un ambito territoriale sociale o a una provincia.',
  );
  assert.match(bad.body, /name="name"[^>]*value="Borgo"/);
  const bad2 = await post(app, a, '/network/territories/new', {
    kind: 'ats',
    name: 'Ambito X',
    parent_id: t.regione,
  });
  assert.equal(
    fieldError(bad2.body, 'parent_id'),
    'Un ambito territoriale sociale deve appartenere a una provincia.',
  );
  const bad3 = await post(app, a, '/network/territories/new', {
    kind: 'provincia',
    name: 'P',
    parent_id: '',
  });
  assert.equal(fieldError(bad3.body, 'parent_id'), 'Una provincia deve appartenere a una regione.');
  assert.equal(fieldError(bad3.body, 'name'), 'Scrivi un nome tra 2 e 120 caratteri.');

  const name = `ATS 99 ${tag()}`;
  const ok = await post(app, a, '/network/territories/new', { kind: 'ats', name, parent_id: t.provincia });
  assert.equal(ok.statusCode, 303);
  const ats = await db.selectFrom('territory').selectAll().where('name', '=', name).executeTakeFirstOrThrow();
  assert.equal(ats.parent_id, t.provincia);
  assert.ok(await lastAudit(db, 'network.territory_created', ats.id));
  const comune = await post(app, a, '/network/territories/new', {
    kind: 'comune',
    name: `Borgo ${tag()}`,
    parent_id: ats.id,
  });
  assert.equal(comune.statusCode, 303);
  const dup = await post(app, a, '/network/territories/new', { kind: 'ats', name, parent_id: t.provincia });
  assert.equal(fieldError(dup.body, 'name'), 'Esiste già un territorio con questo nome e questo livello.');
});

// ── Protocol ─────────────────────────────────────────────────────────────────────────────────────────────

test('protocol: create with validated dates, edit, add and remove signatories with confirmation', async () => {
  const app = await testApp();
  const { db } = await getTestDb();
  const a = await admin();
  const bad = await post(app, a, '/network/protocols/new', {
    title: 'Protocollo di prova',
    signed_on: '2023-02-30',
    valid_until: '2022-01-01',
  });
  assert.equal(bad.statusCode, 400);
  assert.equal(
    fieldError(bad.body, 'signed_on'),
    'Questa data non esiste nel calendario: controlla il giorno e il mese.',
  );
  assert.match(bad.body, /value="2023-02-30"/);
  // Dates far in the past or the future say which dates are allowed (issue 10).
  const far = await post(app, a, '/network/protocols/new', {
    title: 'Protocollo di prova',
    signed_on: '1900-01-01',
    valid_until: '31/12/9999',
  });
  assert.equal(fieldError(far.body, 'signed_on'), 'La data deve essere tra il 1° gennaio 2000 e oggi.');
  assert.equal(
    fieldError(far.body, 'valid_until'),
    'La data deve essere tra il 1° gennaio 2000 e il 31 dicembre 2099.',
  );
  const twoDigits = await post(app, a, '/network/protocols/new', {
    title: 'Protocollo di prova',
    signed_on: '01/07/23',
    valid_until: '2026-12-31',
  });
  assert.equal(
    fieldError(twoDigits.body, 'signed_on'),
    'Scrivi l’anno con quattro cifre, per esempio 15/03/2026.',
  );
  const before = await post(app, a, '/network/protocols/new', {
    title: 'Protocollo di prova',
    signed_on: '2023-07-01',
    valid_until: '2023-06-30',
  });
  assert.equal(
    fieldError(before.body, 'valid_until'),
    'La scadenza non può venire prima della data di firma.',
  );

  const title = `Protocollo ${tag()}`;
  const ok = await post(app, a, '/network/protocols/new', {
    title,
    signed_on: '2023-07-01',
    valid_until: '2026-12-31',
  });
  assert.equal(ok.statusCode, 303);
  const p = await db.selectFrom('protocol').selectAll().where('title', '=', title).executeTakeFirstOrThrow();
  assert.equal(p.signed_on, '2023-07-01');
  assert.ok(await lastAudit(db, 'network.protocol_created', p.id));
  const list = await get(app, a, '/network/protocols');
  assert.match(list.body, new RegExp(title));

  const edit = await post(app, a, `/network/protocols/${p.id}`, {
    title,
    signed_on: '2023-07-01',
    valid_until: '2027-12-31',
  });
  assert.equal(edit.statusCode, 303);

  const org = await makeOrg(db, 'inps_office');
  const add = await post(app, a, `/network/protocols/${p.id}/signatories`, { organisation_id: org.id });
  assert.equal(add.statusCode, 303);
  const again = await post(app, a, `/network/protocols/${p.id}/signatories`, { organisation_id: org.id });
  assert.equal(again.statusCode, 400);
  assert.equal(
    fieldError(again.body, 'organisation_id'),
    'Scegli un’organizzazione attiva che non sia già firmataria.',
  );
  const page = await get(app, a, `/network/protocols/${p.id}`);
  assert.match(page.body, new RegExp(org.name));
  assert.match(page.body, /value="2027-12-31"/);

  const confirm = await get(app, a, `/network/protocols/${p.id}/signatories/${org.id}/remove`);
  assert.equal(confirm.statusCode, 200);
  assert.match(confirm.body, /Rimuovere la firmataria\?/);
  const removed = await post(app, a, `/network/protocols/${p.id}/signatories/${org.id}/remove`, {});
  assert.equal(removed.statusCode, 303);
  const left = await db
    .selectFrom('protocol_signatory')
    .select('organisation_id')
    .where('protocol_id', '=', p.id)
    .execute();
  assert.deepEqual(left, []);
  assert.ok(await lastAudit(db, 'network.protocol_signatory_removed', p.id));
});

// ── Users ────────────────────────────────────────────────────────────────────────────────────────────────

test('users: invalid input is refused next to each field; the password is never echoed', async () => {
  const app = await testApp();
  const { db } = await getTestDb();
  const a = await admin();
  const org = await makeOrg(db, 'cav');
  const res = await post(app, a, '/network/users/new', {
    username: 'A!',
    display_name: 'Maria Rossi',
    email: 'not-an-email',
    password: 'short-pass',
    organisation_id: org.id,
    role: 'queen',
  });
  assert.equal(res.statusCode, 400);
  assert.ok(fieldError(res.body, 'username'));
  assert.equal(
    fieldError(res.body, 'password'),
    'La password deve avere almeno 12 caratteri (al massimo 256).',
  );
  assert.ok(fieldError(res.body, 'email'));
  assert.equal(fieldError(res.body, 'role'), 'Scegli un ruolo dall’elenco.');
  assert.match(res.body, /value="Maria Rossi"/);
  assert.match(res.body, /value="not-an-email"/);
  assert.doesNotMatch(res.body, /short-pass/);
  // An existing username is refused.
  const taken = await post(app, a, '/network/users/new', {
    username: a.username,
    display_name: 'Doppia',
    organisation_id: org.id,
    role: 'cav_operator',
  });
  assert.equal(fieldError(taken.body, 'username'), 'Questo nome utente è già in uso.');
});

test('users: create with a generated password shown once, list and search, memberships, reset 2FA, deactivate', async () => {
  const app = await testApp();
  const { db } = await getTestDb();
  const a = await admin();
  const cav = await makeOrg(db, 'cav');
  const inps = await makeOrg(db, 'inps_office');
  const username = `op.${tag()}`;
  const res = await post(app, a, '/network/users/new', {
    username,
    display_name: 'Operatrice Nuova',
    email: 'op@example.org',
    password: '',
    organisation_id: cav.id,
    role: 'cav_operator',
  });
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /Account creato/);
  const generated = /data-testid="generated-password">([^<]+)</.exec(res.body)?.[1];
  assert.ok(generated && generated.length >= 12);
  const user = await userBy(db, 'username', username);
  assert.match(user.password_hash, /^\$argon2id\$/);
  assert.equal(await verifyPassword(user.password_hash, generated), true);
  assert.equal(user.totp_enrolled_at, null);
  const audit = await lastAudit(db, 'network.user_created', user.id);
  assert.equal((audit?.details as { role?: string } | undefined)?.role, 'cav_operator');
  assert.doesNotMatch(JSON.stringify(audit), new RegExp(generated));
  // Shown once: the user's page does not show it again.
  const detail = await get(app, a, `/network/users/${user.id}`);
  assert.doesNotMatch(detail.body, new RegExp(generated));
  // A chosen password is kept as typed.
  const u2 = `op2.${tag()}`;
  const res2 = await post(app, a, '/network/users/new', {
    username: u2,
    display_name: 'Seconda',
    password: 'una-password-lunga',
    organisation_id: cav.id,
    role: 'cav_coordinator',
  });
  assert.equal(res2.statusCode, 200);
  assert.doesNotMatch(res2.body, /generated-password/);
  const h2 = await userBy(db, 'username', u2);
  assert.equal(await verifyPassword(h2.password_hash, 'una-password-lunga'), true);

  const list = await get(app, a, `/network/users?q=${encodeURIComponent(username)}`);
  assert.match(list.body, new RegExp(username.replace('.', '\\.')));
  assert.match(list.body, /Risultati 1–1 di 1/);
  assert.match(list.body, /Operatrice del centro antiviolenza/);

  const add = await post(app, a, `/network/users/${user.id}/memberships`, {
    organisation_id: inps.id,
    role: 'inps_officer',
  });
  assert.equal(add.statusCode, 303);
  const dupe = await post(app, a, `/network/users/${user.id}/memberships`, {
    organisation_id: inps.id,
    role: 'inps_officer',
  });
  assert.equal(dupe.statusCode, 400);
  assert.equal(fieldError(dupe.body, 'role'), 'L’utente ha già questo ruolo in questa organizzazione.');
  const confirm = await get(
    app,
    a,
    `/network/users/${user.id}/memberships/remove?org=${inps.id}&role=inps_officer`,
  );
  assert.equal(confirm.statusCode, 200);
  assert.match(confirm.body, /Rimuovere il ruolo\?/);
  const removed = await post(app, a, `/network/users/${user.id}/memberships/remove`, {
    org: inps.id,
    role: 'inps_officer',
  });
  assert.equal(removed.statusCode, 303);
  const roles = await db.selectFrom('membership').select('role').where('user_id', '=', user.id).execute();
  assert.deepEqual(
    roles.map((r) => r.role),
    ['cav_operator'],
  );

  // Reset the second factor: secret and recovery codes forgotten, sessions ended.
  const victim = await makeUser(db, cav.id, ['cav_operator']);
  await db
    .updateTable('app_user')
    .set({ totp_secret: 'JBSWY3DPEHPK3PXP' })
    .where('id', '=', victim.id)
    .execute();
  await db.insertInto('recovery_code').values({ user_id: victim.id, code_hash: 'h' }).execute();
  const rc = await get(app, a, `/network/users/${victim.id}/reset-second-factor`);
  assert.match(rc.body, /Azzerare il secondo fattore\?/);
  const reset = await post(app, a, `/network/users/${victim.id}/reset-second-factor`, {});
  assert.equal(reset.statusCode, 303);
  const v = await userBy(db, 'id', victim.id);
  assert.equal(v.totp_secret, null);
  assert.equal(v.totp_enrolled_at, null);
  assert.deepEqual(
    await db.selectFrom('recovery_code').select('code_hash').where('user_id', '=', victim.id).execute(),
    [],
  );
  assert.equal((await get(app, victim, '/home')).statusCode, 302);
  assert.ok(await lastAudit(db, 'network.user_totp_reset', victim.id));

  // Deactivate: she can no longer use her session.
  const other = await makeUser(db, cav.id, ['cav_operator']);
  assert.equal((await get(app, other, '/home')).statusCode, 200);
  const dc = await get(app, a, `/network/users/${other.id}/deactivate`);
  assert.match(dc.body, /Disattivare l’account\?/);
  const deact = await post(app, a, `/network/users/${other.id}/deactivate`, {});
  assert.equal(deact.statusCode, 303);
  assert.equal((await get(app, other, '/home')).statusCode, 302);
  const sessions = await db.selectFrom('session').select('id').where('user_id', '=', other.id).execute();
  assert.equal(sessions.length, 0);
  assert.ok(await lastAudit(db, 'network.user_deactivated', other.id));
});

test('users: list paginates', async () => {
  const app = await testApp();
  const { db } = await getTestDb();
  const a = await admin();
  const prefix = `pg${tag()}`;
  await db
    .insertInto('app_user')
    .values(
      Array.from({ length: 21 }, (_, i) => ({
        id: randomUUID(),
        username: `${prefix}.${i}`,
        display_name: `Pag ${i}`,
        password_hash: 'x',
      })),
    )
    .execute();
  const p1 = await get(app, a, `/network/users?q=${prefix}`);
  assert.match(p1.body, /Risultati 1–20 di 21/);
  const p2 = await get(app, a, `/network/users?q=${prefix}&page=2`);
  assert.match(p2.body, /Risultati 21–21 di 21/);
});

test('users: an administrator cannot deactivate herself; the refusal says why and changes nothing', async () => {
  const app = await testApp();
  const { db } = await getTestDb();
  const a = await admin();
  const res = await post(app, a, `/network/users/${a.id}/deactivate`, {});
  assert.equal(res.statusCode, 409);
  assert.match(res.body, /Non puoi disattivare il tuo stesso account/);
  assert.equal((await userBy(db, 'id', a.id)).active, true);
  assert.equal((await get(app, a, '/home')).statusCode, 200, 'still logged in');
});

test('users: the last active network administrator keeps her role and her account', async () => {
  const { lockoutRefusal } = await import('./service.ts');
  const fresh = await ownTestDb();
  try {
    const db = fresh.db;
    const region = await makeOrg(db, 'regione');
    const first = await makeUser(db, region.id, ['network_admin']);
    const ctx = { userId: randomUUID(), orgId: region.id, ip: null, requestId: null };
    const removeRole = { kind: 'remove_role', orgId: region.id, role: 'network_admin' } as const;
    assert.equal(await lockoutRefusal(db, ctx, first.id, removeRole), 'users.refused.lastAdmin');
    assert.equal(await lockoutRefusal(db, ctx, first.id, { kind: 'deactivate' }), 'users.refused.lastAdmin');
    const second = await makeUser(db, region.id, ['network_admin', 'dpo']);
    assert.equal(await lockoutRefusal(db, ctx, first.id, removeRole), null, 'another admin remains');
    assert.equal(await lockoutRefusal(db, ctx, second.id, { ...removeRole, role: 'dpo' }), null);
    await db.updateTable('app_user').set({ active: false }).where('id', '=', second.id).execute();
    assert.equal(
      await lockoutRefusal(db, ctx, first.id, removeRole),
      'users.refused.lastAdmin',
      'an inactive admin does not count',
    );
  } finally {
    await fresh.close();
  }
});

test('users: every password an administrator sets is one-time (changed at first login); a common one is refused', async () => {
  const app = await testApp();
  const { db } = await getTestDb();
  const a = await admin();
  const cav = await makeOrg(db, 'cav');
  const weak = await post(app, a, '/network/users/new', {
    username: `w.${tag()}`,
    display_name: 'Debole',
    password: 'Juventus2026!',
    organisation_id: cav.id,
    role: 'cav_operator',
  });
  assert.equal(weak.statusCode, 400);
  assert.match(fieldError(weak.body, 'password') ?? '', /comune o prevedibile/);
  assert.doesNotMatch(weak.body, /Juventus2026!/);
  for (const password of ['', 'una frase lunga e scelta da lei']) {
    const username = `ot.${tag()}`;
    const res = await post(app, a, '/network/users/new', {
      username,
      display_name: 'Una Tantum',
      password,
      organisation_id: cav.id,
      role: 'cav_operator',
    });
    assert.equal(res.statusCode, 200);
    assert.equal(
      (await userBy(db, 'username', username)).password_must_change,
      true,
      `password "${password}"`,
    );
  }
});

test('users: the administrator resets a forgotten password — confirmation, a one-time password shown once, sessions ended', async () => {
  const app = await testApp();
  const { db } = await getTestDb();
  const a = await admin();
  const cav = await makeOrg(db, 'cav');
  const u = await makeUser(db, cav.id, ['cav_operator']);
  assert.equal((await get(app, u, '/home')).statusCode, 200);
  const detail = await get(app, a, `/network/users/${u.id}`);
  assert.match(detail.body, new RegExp(`href="/network/users/${u.id}/reset-password"`));
  const confirm = await get(app, a, `/network/users/${u.id}/reset-password`);
  assert.equal(confirm.statusCode, 200);
  assert.match(confirm.body, /Reimpostare la password\?/);
  const res = await post(app, a, `/network/users/${u.id}/reset-password`, {});
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /valida per un solo accesso/);
  const generated = /data-testid="generated-password">([^<]+)</.exec(res.body)?.[1];
  assert.ok(generated && generated.length >= 16);
  const row = await userBy(db, 'id', u.id);
  assert.equal(await verifyPassword(row.password_hash, generated), true);
  assert.equal(row.password_must_change, true);
  assert.equal((await get(app, u, '/home')).statusCode, 302, 'her sessions ended');
  const audit = await lastAudit(db, 'network.user_password_reset', u.id);
  assert.ok(audit);
  assert.doesNotMatch(JSON.stringify(audit), new RegExp(generated));
  assert.doesNotMatch(
    (await get(app, a, `/network/users/${u.id}`)).body,
    new RegExp(generated),
    'shown once',
  );
  // Not for other roles.
  const op = await makeUser(db, cav.id, ['cav_coordinator']);
  assert.equal((await post(app, op, `/network/users/${u.id}/reset-password`, {})).statusCode, 403);
});
