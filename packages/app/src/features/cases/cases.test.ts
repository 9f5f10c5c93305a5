import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import {
  clockAt,
  getPage,
  getTestDb,
  makeOrg,
  makeUser,
  postForm,
  RULES_DAY,
  type TestUser,
  testApp,
} from '../../../test/helpers.ts';
import { verifyAuditChain } from '../../platform/audit/audit.ts';
import { now as clockNow, nowMs } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { openCase as openCaseService } from './service.ts';

// Route tests of the CAV operator's cases: scoping (another CAV's case is 404, other roles 403), the encrypted
// identity and its audited reveal, consent, safe contact, closing, optimistic concurrency, and the benefits check.

const post = postForm;
const get = getPage;

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(clockNow());
const ddmmyyyy = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;

interface World {
  db: Db;
  app: FastifyInstance;
  operator: TestUser;
  coordinator: TestUser;
  other: TestUser;
  officer: TestUser;
}

async function world(): Promise<World> {
  const app = await testApp();
  const { db } = await getTestDb();
  const cav = await makeOrg(db, 'cav');
  const otherCav = await makeOrg(db, 'cav', cav.territoryId);
  const office = await makeOrg(db, 'inps_office', cav.territoryId);
  return {
    db,
    app,
    operator: await makeUser(db, cav.id, ['cav_operator']),
    coordinator: await makeUser(db, cav.id, ['cav_coordinator']),
    other: await makeUser(db, otherCav.id, ['cav_operator']),
    officer: await makeUser(db, office.id, ['inps_officer']),
  };
}

async function openCase(w: World, user = w.operator): Promise<string> {
  const res = await post(w.app, user, '/cases');
  assert.equal(res.statusCode, 303);
  const id = /^\/cases\/([0-9a-f-]{36})\?ok=opened$/.exec(String(res.headers.location))?.[1];
  assert.ok(id, String(res.headers.location));
  return id;
}

async function caseVersion(w: World, id: string): Promise<number> {
  return (await w.db.selectFrom('case_file').select('version').where('id', '=', id).executeTakeFirstOrThrow())
    .version;
}

test('cases: open under a generated code, list with search by code, status filter and pagination', async () => {
  const w = await world();
  const id = await openCase(w);
  const page = await get(w.app, w.operator, `/cases/${id}?ok=opened`);
  assert.equal(page.statusCode, 200);
  const code = /Caso aperto con il codice (PC-\d{4}-[0-9A-Z]{5})/.exec(page.body)?.[1];
  assert.ok(code, 'the code is shown');
  assert.match(page.body, /Nessun dato identificativo registrato/);
  assert.match(page.body, /Solo tramite il centro antiviolenza/, 'the safe contact starts at CAV only');

  const list = await get(w.app, w.operator, `/cases?code=${code.slice(-5).toLowerCase()}`);
  assert.equal(list.statusCode, 200);
  assert.match(list.body, new RegExp(code));
  const closedOnly = await get(w.app, w.operator, `/cases?status=closed&code=${code}`);
  assert.doesNotMatch(closedOnly.body, /data-case-code/);
  // 21 more cases: the first page shows 20, the second the rest.
  for (let i = 0; i < 21; i++) await openCase(w);
  const p1 = await get(w.app, w.operator, '/cases');
  assert.equal((p1.body.match(/data-case-code/g) ?? []).length, 20);
  assert.match(p1.body, /href="\/cases\?page=2"/);
  const p2 = await get(w.app, w.operator, '/cases?page=2');
  assert.equal((p2.body.match(/data-case-code/g) ?? []).length, 2);
  // Bad input never gives a 5xx.
  assert.equal((await get(w.app, w.operator, '/cases?page=abc&status=zzz&code=%25_')).statusCode, 200);
  const audit = await w.db
    .selectFrom('audit_log')
    .select('action')
    .where('entity_id', '=', id)
    .where('action', '=', 'case.opened')
    .execute();
  assert.equal(audit.length, 1);
});

test('cases: another CAV gets 404 on every page of the case; other roles get 403; anonymous is sent to login', async (t) => {
  clockAt(t, RULES_DAY); // the check page is among them, and runs only on a day the rules cover
  const w = await world();
  const id = await openCase(w);
  for (const url of [
    `/cases/${id}`,
    `/cases/${id}/identity`,
    `/cases/${id}/consents/new`,
    `/cases/${id}/contact`,
    `/cases/${id}/close`,
    `/cases/${id}/check`,
  ]) {
    assert.equal((await get(w.app, w.other, url)).statusCode, 404, url);
    assert.equal((await get(w.app, w.officer, url)).statusCode, 403, url);
    assert.equal((await get(w.app, w.coordinator, url)).statusCode, 200, url);
  }
  for (const url of [`/cases/${id}/identity/reveal`, `/cases/${id}/identity`, `/cases/${id}/close`]) {
    assert.equal((await post(w.app, w.other, url, { version: '1', reason: 'other' })).statusCode, 404, url);
    assert.equal((await post(w.app, w.officer, url, { version: '1', reason: 'other' })).statusCode, 403, url);
  }
  assert.equal((await get(w.app, w.other, '/cases/not-a-uuid')).statusCode, 404);
  assert.equal((await w.app.inject({ method: 'GET', url: `/cases/${id}` })).statusCode, 302);
  assert.equal((await get(w.app, w.officer, '/cases')).statusCode, 403);
  // Another CAV's list does not show the case.
  const code = (
    await w.db.selectFrom('case_file').select('code').where('id', '=', id).executeTakeFirstOrThrow()
  ).code;
  assert.doesNotMatch((await get(w.app, w.other, `/cases?code=${code}`)).body, /data-case-code/);
  // The case is untouched.
  assert.equal(await caseVersion(w, id), 1);
});

test('identity: stored only as ciphertext, shown only on an audited POST, CF validated, stale form refused', async () => {
  const w = await world();
  const id = await openCase(w);
  const bad = await post(w.app, w.operator, `/cases/${id}/identity`, {
    version: '0',
    name: 'Maria Bianchi',
    codiceFiscale: 'BNCLRA80A41H501X',
    phone: 'abc',
    email: 'nope',
  });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /carattere di controllo non corrisponde/);
  assert.match(bad.body, /numero di telefono valido/);
  assert.match(bad.body, /indirizzo e-mail valido/);
  assert.match(bad.body, /value="Maria Bianchi"/, 'the form keeps what was typed');
  assert.equal(
    await w.db.selectFrom('case_identity').select('case_id').where('case_id', '=', id).executeTakeFirst(),
    undefined,
  );

  const ok = await post(w.app, w.operator, `/cases/${id}/identity`, {
    version: '0',
    name: 'Maria Bianchi',
    codiceFiscale: 'bnclra80a41h501d',
    phone: '+39 333 123 4567',
    email: 'maria@example.it',
    address: 'Via Roma 1, Ancona',
  });
  assert.equal(ok.statusCode, 303);
  const row = await w.db
    .selectFrom('case_identity')
    .selectAll()
    .where('case_id', '=', id)
    .executeTakeFirstOrThrow();
  assert.ok(row.ciphertext && row.key_id);
  assert.doesNotMatch(row.ciphertext, /Maria|Bianchi|BNCLRA|333|example|Roma/);

  // The case page never shows it by itself; nothing identifying in the URL either.
  const page = await get(w.app, w.operator, `/cases/${id}`);
  assert.doesNotMatch(page.body, /Maria|BNCLRA80A41H501D/);
  assert.match(page.body, /Mostra dati identificativi/);
  const before = await w.db
    .selectFrom('audit_log')
    .select('id')
    .where('entity_id', '=', id)
    .where('action', '=', 'case.identity_read')
    .execute();
  const shown = await post(w.app, w.operator, `/cases/${id}/identity/reveal`);
  assert.equal(shown.statusCode, 200);
  assert.match(shown.body, /Maria Bianchi/);
  assert.match(shown.body, /BNCLRA80A41H501D/);
  assert.match(String(shown.headers['cache-control']), /no-store/);
  const after = await w.db
    .selectFrom('audit_log')
    .select(['actor_user_id', 'details'])
    .where('entity_id', '=', id)
    .where('action', '=', 'case.identity_read')
    .execute();
  assert.equal(after.length, before.length + 1);
  assert.equal(after.at(-1)?.actor_user_id, w.operator.id);
  assert.equal((after.at(-1)?.details as { purpose?: string } | undefined)?.purpose, 'cav_view');
  // The audit of the write names the fields, never their values.
  const written = await w.db
    .selectFrom('audit_log')
    .select('details')
    .where('entity_id', '=', id)
    .where('action', '=', 'case.identity_written')
    .executeTakeFirstOrThrow();
  assert.doesNotMatch(JSON.stringify(written.details), /Maria|BNCLRA/);

  // Edit: the form opens through an audited read; a stale version overwrites nothing.
  const edit = await post(w.app, w.operator, `/cases/${id}/identity/edit`);
  assert.match(edit.body, /value="Maria Bianchi"/);
  assert.match(edit.body, /name="version" value="1"/);
  assert.equal(
    (await post(w.app, w.operator, `/cases/${id}/identity`, { version: '1', name: 'Maria B.' })).statusCode,
    303,
  );
  const stale = await post(w.app, w.operator, `/cases/${id}/identity`, { version: '1', name: 'Altro Nome' });
  assert.equal(stale.statusCode, 409);
  assert.match(stale.body, /modificato questi dati mentre compilavi/);
  const again = await post(w.app, w.operator, `/cases/${id}/identity/reveal`);
  assert.match(again.body, /Maria B\./);
  assert.doesNotMatch(again.body, /Altro Nome/);

  // Tampering with the stored ciphertext makes the read fail, never shows garbage.
  const fresh = await w.db
    .selectFrom('case_identity')
    .select('ciphertext')
    .where('case_id', '=', id)
    .executeTakeFirstOrThrow();
  const text = fresh.ciphertext as string;
  const flipped = text.slice(0, -2) + (text.at(-2) === 'A' ? 'B' : 'A') + text.at(-1);
  await w.db.updateTable('case_identity').set({ ciphertext: flipped }).where('case_id', '=', id).execute();
  const refused = await post(w.app, w.operator, `/cases/${id}/identity/reveal`);
  assert.equal(refused.statusCode, 500);
  assert.doesNotMatch(refused.body, /Maria/);
  await w.db.updateTable('case_identity').set({ ciphertext: text }).where('case_id', '=', id).execute();
  assert.match((await post(w.app, w.operator, `/cases/${id}/identity/reveal`)).body, /Maria B\./);
  assert.equal((await verifyAuditChain(w.db)).ok, true);
});

test('consent: recorded with default expiry, dates validated, revoked with confirmation and the listeners called', async () => {
  const w = await world();
  const id = await openCase(w);
  const t = today();
  const future = new Date(nowMs() + 5 * 86400_000).toISOString().slice(0, 10);
  const e1 = await post(w.app, w.operator, `/cases/${id}/consents`, {
    purpose: 'statistics',
    givenOn: ddmmyyyy(future),
    collectedBy: w.operator.id,
  });
  assert.equal(e1.statusCode, 400);
  // Out of its range, a date says which dates are allowed (issue 10): the last five years, today included.
  const allowed = /La data deve essere tra (il |l’)\d+°? \p{L}+ \d{4} e oggi\./u;
  assert.match(e1.body, allowed);
  const old = await post(w.app, w.operator, `/cases/${id}/consents`, {
    purpose: 'statistics',
    givenOn: '01/01/1900',
    expiresOn: '31/12/9999',
    collectedBy: w.operator.id,
  });
  assert.equal(old.statusCode, 400);
  assert.match(old.body, allowed);
  assert.match(old.body, /id="field-givenOn-error"[^>]*>La data deve essere tra/);
  assert.doesNotMatch(
    old.body,
    /id="field-givenOn-error"[^>]*>[^<]*formato/,
    'not a misleading "format" message for a well-written date',
  );
  assert.match(
    old.body,
    /La data deve essere tra (il |l’)\d+°? \p{L}+ \d{4} e (il |l’)\d+°? \p{L}+ \d{4}\./u,
  );
  assert.match(old.body, /value="01\/01\/1900"/, 'the form keeps what was typed');
  const e2 = await post(w.app, w.operator, `/cases/${id}/consents`, {
    purpose: 'statistics',
    givenOn: ddmmyyyy(t),
    expiresOn: ddmmyyyy(t),
    collectedBy: w.operator.id,
  });
  assert.match(e2.body, /successiva alla data del consenso/);
  const e3 = await post(w.app, w.operator, `/cases/${id}/consents`, {
    purpose: 'nope',
    givenOn: '31/02/2025',
    collectedBy: w.other.id,
  });
  assert.equal(e3.statusCode, 400);
  assert.match(e3.body, /Scegli la finalità/);
  assert.match(e3.body, /Questa data non esiste nel calendario/);
  assert.match(e3.body, /chi ha raccolto/);

  // Issue 10: the sentence names the purpose it misses, so it does not contradict a valid consent of another purpose.
  assert.match(
    (await get(w.app, w.operator, `/cases/${id}`)).body,
    /Escluso dalle statistiche anonime: manca un consenso valido per le statistiche/,
  );
  const ok = await post(w.app, w.operator, `/cases/${id}/consents`, {
    purpose: 'statistics',
    givenOn: ddmmyyyy(t),
    collectedBy: w.coordinator.id,
  });
  assert.equal(ok.statusCode, 303);
  const k = await w.db.selectFrom('consent').selectAll().where('case_id', '=', id).executeTakeFirstOrThrow();
  const [y, m, d] = t.split('-').map(Number) as [number, number, number];
  assert.equal(k.expires_on.slice(0, 7), `${y + 1}-${String(m).padStart(2, '0')}`);
  assert.ok(Number(k.expires_on.slice(8)) <= d);
  assert.equal(k.collected_by, w.coordinator.id);
  assert.match((await get(w.app, w.operator, `/cases/${id}`)).body, /Incluso nelle statistiche/);
  const dup = await post(w.app, w.operator, `/cases/${id}/consents`, {
    purpose: 'statistics',
    givenOn: ddmmyyyy(t),
    collectedBy: w.operator.id,
  });
  assert.match(dup.body, /già un consenso non revocato/);

  // Revocation: a confirmation page, then the listeners run in the same transaction.
  const { onConsentRevoked } = await import('./index.ts');
  const seen: string[] = [];
  onConsentRevoked(async (tx, e) => {
    if (e.caseId !== id) return;
    seen.push(e.purpose);
    const inTx = await tx
      .selectFrom('consent')
      .select('revoked_at')
      .where('id', '=', e.consentId)
      .executeTakeFirstOrThrow();
    assert.ok(inTx.revoked_at, 'the listener sees the revocation');
  });
  const confirm = await get(w.app, w.operator, `/cases/${id}/consents/${k.id}/revoke`);
  assert.match(confirm.body, /Sì, revoca il consenso/);
  assert.equal(
    (await post(w.app, w.operator, `/cases/${id}/consents/${k.id}/revoke`, { version: '7' })).statusCode,
    409,
  );
  assert.equal(
    (await post(w.app, w.operator, `/cases/${id}/consents/${k.id}/revoke`, { version: '1' })).statusCode,
    303,
  );
  assert.deepEqual(seen, ['statistics']);
  assert.match((await get(w.app, w.operator, `/cases/${id}`)).body, /Escluso dalle statistiche/);
  assert.equal(
    (await post(w.app, w.other, `/cases/${id}/consents/${k.id}/revoke`, { version: '2' })).statusCode,
    404,
  );
});

test('safe contact: CAV only by default, exclusive channels, code word encrypted and revealed with an audit', async () => {
  const w = await world();
  const id = await openCase(w);
  const form = await get(w.app, w.operator, `/cases/${id}/contact`);
  assert.match(form.body, /value="cav_only" checked/);
  const bad = await post(w.app, w.operator, `/cases/${id}/contact`, {
    version: '1',
    channels: ['cav_only', 'sms'],
    abuserKnows: 'no',
  });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /non si combinano/);
  const ok = await post(w.app, w.operator, `/cases/${id}/contact`, {
    version: '1',
    channels: ['sms', 'phone'],
    hours: 'lun-ven 10-12',
    codeWord: 'girasole',
    abuserKnows: 'no',
  });
  assert.equal(ok.statusCode, 303);
  const row = await w.db
    .selectFrom('safe_contact')
    .selectAll()
    .where('case_id', '=', id)
    .executeTakeFirstOrThrow();
  assert.deepEqual([...row.channels].sort(), ['phone', 'sms']);
  assert.ok(row.code_word_cipher && !row.code_word_cipher.includes('girasole'));
  const page = await get(w.app, w.operator, `/cases/${id}`);
  assert.doesNotMatch(page.body, /girasole/);
  assert.match(page.body, /Parola in codice impostata/);
  const shown = await post(w.app, w.operator, `/cases/${id}/identity/reveal`);
  assert.match(shown.body, /girasole/);
  const audited = await w.db
    .selectFrom('audit_log')
    .select('id')
    .where('entity_id', '=', id)
    .where('action', '=', 'case.code_word_read')
    .execute();
  assert.equal(audited.length, 1);
  // Stale version: nothing overwritten.
  const stale = await post(w.app, w.operator, `/cases/${id}/contact`, {
    version: '1',
    channels: 'none',
    abuserKnows: 'yes',
  });
  assert.equal(stale.statusCode, 409);
  const still = await w.db
    .selectFrom('safe_contact')
    .select('channels')
    .where('case_id', '=', id)
    .executeTakeFirstOrThrow();
  assert.deepEqual([...still.channels].sort(), ['phone', 'sms']);
});

test('safe contact: "does the abuser know this contact?" has no preselected answer, is required, and "Non so" counts as yes', async () => {
  const w = await world();
  const id = await openCase(w);
  const form = await get(w.app, w.operator, `/cases/${id}/contact`);
  const radios = [...form.body.matchAll(/<input[^>]*name="abuserKnows"[^>]*>/g)].map((m) => m[0]);
  assert.deepEqual(
    radios.map((r) => /value="(\w+)"/.exec(r)?.[1]),
    ['yes', 'no', 'unknown'],
    'three answers: sì, no, non so',
  );
  for (const r of radios) {
    assert.doesNotMatch(r, /checked/, 'nothing preselected');
    assert.match(r, /required/);
  }
  assert.match(form.body, />Non so</);
  // The case page says nobody asked yet, and that Ponte will not write to her meanwhile.
  const before = await get(w.app, w.operator, `/cases/${id}`);
  assert.match(before.body, /data-abuser-knows="unasked"/);
  assert.match(before.body, /Ponte non le scrive direttamente/);
  // Without an answer: refused next to the field, what was typed kept, nothing saved.
  const missing = await post(w.app, w.operator, `/cases/${id}/contact`, {
    version: '1',
    channels: ['sms'],
    hours: 'mattina',
  });
  assert.equal(missing.statusCode, 400);
  assert.match(missing.body, /id="field-abuserKnows-error"[^>]*>Scegli una risposta: sì, no oppure non so/);
  assert.match(missing.body, /value="mattina"/);
  const row = () =>
    w.db
      .selectFrom('safe_contact')
      .select(['abuser_knows', 'version'])
      .where('case_id', '=', id)
      .executeTakeFirstOrThrow();
  assert.deepEqual(await row(), { abuser_knows: null, version: 1 });
  // "Non so" is stored as her answer, shown again as chosen, and Ponte still treats it as "yes".
  const unknown = await post(w.app, w.operator, `/cases/${id}/contact`, {
    version: '1',
    channels: ['email'],
    abuserKnows: 'unknown',
  });
  assert.equal(unknown.statusCode, 303);
  assert.equal((await row()).abuser_knows, 'unknown');
  assert.match((await get(w.app, w.operator, `/cases/${id}/contact`)).body, /value="unknown" checked/);
  const after = await get(w.app, w.operator, `/cases/${id}`);
  assert.match(after.body, /Non si sa se il maltrattante conosce il contatto/);
  assert.match(after.body, /Ponte non le scrive direttamente/);
  const { contactUnknownToAbuser } = await import('./service.ts');
  assert.equal(contactUnknownToAbuser('unknown'), false);
  assert.equal(contactUnknownToAbuser('yes'), false);
  assert.equal(contactUnknownToAbuser(null), false);
  assert.equal(contactUnknownToAbuser('no'), true);
  // Only a "no" lifts the warning.
  await post(w.app, w.operator, `/cases/${id}/contact`, {
    version: '2',
    channels: ['email'],
    abuserKnows: 'no',
  });
  assert.doesNotMatch(
    (await get(w.app, w.operator, `/cases/${id}`)).body,
    /Ponte non le scrive direttamente/,
  );
  // Anything else posted is refused.
  const odd = await post(w.app, w.operator, `/cases/${id}/contact`, {
    version: '3',
    channels: ['email'],
    abuserKnows: 'maybe',
  });
  assert.equal(odd.statusCode, 400);
});

test('closing: a confirmation with a reason, then the case is read-only', async () => {
  const w = await world();
  const id = await openCase(w);
  assert.match((await get(w.app, w.operator, `/cases/${id}/close`)).body, /Motivo della chiusura/);
  const noReason = await post(w.app, w.operator, `/cases/${id}/close`, { version: '1' });
  assert.equal(noReason.statusCode, 400);
  assert.match(noReason.body, /Scegli il motivo/);
  assert.equal(
    (await post(w.app, w.operator, `/cases/${id}/close`, { version: '9', reason: 'moved' })).statusCode,
    409,
  );
  assert.equal(
    (await post(w.app, w.operator, `/cases/${id}/close`, { version: '1', reason: 'moved' })).statusCode,
    303,
  );
  const page = await get(w.app, w.operator, `/cases/${id}`);
  assert.match(page.body, /Questo caso è chiuso \(Trasferita/);
  // Its forms lead back to the case page, which says it is closed; a posted form changes nothing.
  assert.equal((await get(w.app, w.operator, `/cases/${id}/consents/new`)).statusCode, 303);
  assert.equal((await get(w.app, w.operator, `/cases/${id}/check`)).statusCode, 303);
  assert.equal(
    (await post(w.app, w.operator, `/cases/${id}/identity`, { version: '0', name: 'X' })).statusCode,
    409,
  );
});

test('case page: other features add their sections (rendered for that case only)', async () => {
  const w = await world();
  const id = await openCase(w);
  const other = await openCase(w);
  const { registerCaseSection } = await import('./index.ts');
  const { h } = await import('preact');
  registerCaseSection({
    order: 1,
    render: async ({ caseId, ctx }) =>
      caseId === id ? h('section', null, h('h2', null, `Sezione di prova ${ctx.lang}`)) : null,
  });
  assert.match((await get(w.app, w.operator, `/cases/${id}`)).body, /<h2>Sezione di prova it<\/h2>/);
  assert.doesNotMatch((await get(w.app, w.operator, `/cases/${other}`)).body, /Sezione di prova/);
});

test('openCase from code: a case opened earlier keeps its day, the audit says so; a future day is refused', async () => {
  const { db } = await getTestDb();
  const cav = await makeOrg(db, 'cav');
  const operator = await makeUser(db, cav.id, ['cav_operator']);
  const actor = { userId: operator.id, orgId: cav.id };
  const openedAt = new Date(nowMs() - 20 * 86_400_000);
  const { id, code } = await openCaseService(db, actor, { openedAt });
  const row = await db
    .selectFrom('case_file')
    .select('opened_at')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  assert.equal(new Date(row.opened_at).getTime(), openedAt.getTime());
  const entry = await db
    .selectFrom('audit_log')
    .select('details')
    .where('action', '=', 'case.opened')
    .where('entity_id', '=', id)
    .executeTakeFirstOrThrow();
  const details = (typeof entry.details === 'string' ? JSON.parse(entry.details) : entry.details) as object;
  assert.deepEqual(details, { code, openedAt: openedAt.toISOString() });
  await assert.rejects(openCaseService(db, actor, { openedAt: new Date(nowMs() + 86_400_000) }), /future/);
  assert.equal(
    (await db.selectFrom('case_file').select('id').where('cav_id', '=', cav.id).execute()).length,
    1,
  );
});
