import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import {
  type FormFields,
  getPage,
  getTestDb,
  makeOrg,
  makeTerritory,
  makeUser,
  postForm,
  type TestUser,
  testApp,
  testConfig,
} from '../../../test/helpers.ts';
import { registerJobs } from '../../app.ts';
import { now as clockNow, nowMs } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Role } from '../../platform/db/schema.ts';
import { JobWorker } from '../../platform/jobs/jobs.ts';
// The cases are set up through the cases feature's own service, as its pages do.
import { caseOf, closeCase, openCase, recordConsent, revokeConsent, saveIdentity } from '../cases/index.ts';
import { closeStaleCards } from './service.ts';

// Route tests of the consultation cards: the CAV's referral (consent, PII guard, one open card per office), the
// INPS inbox and card (office scoping, access log, identity with consent), applications on both sides (history,
// concurrency), the social worker's Reddito di Libertà steps (territory), and what closes a card.

const post = postForm;
const get = getPage;

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(clockNow());
const actorOf = (u: TestUser) => ({ userId: u.id, orgId: u.orgId, roles: u.roles });

interface World {
  db: Db;
  app: FastifyInstance;
  territory: { regione: string; provincia: string; comune: string };
  cav: { id: string };
  operator: TestUser;
  otherCavOperator: TestUser;
  office: { id: string; name: string };
  officer: TestUser;
  otherOfficer: TestUser;
  social: TestUser;
  otherSocial: TestUser;
}

async function world(): Promise<World> {
  const app = await testApp();
  const { db } = await getTestDb();
  const territory = await makeTerritory(db);
  const cav = await makeOrg(db, 'cav', territory.comune);
  const otherCav = await makeOrg(db, 'cav');
  const office = await makeOrg(db, 'inps_office', territory.provincia);
  const otherOffice = await makeOrg(db, 'inps_office');
  const ats = await makeOrg(db, 'ats', territory.provincia);
  const otherAts = await makeOrg(db, 'ats');
  return {
    db,
    app,
    territory,
    cav,
    operator: await makeUser(db, cav.id, ['cav_operator']),
    otherCavOperator: await makeUser(db, otherCav.id, ['cav_operator']),
    office,
    officer: await makeUser(db, office.id, ['inps_officer']),
    otherOfficer: await makeUser(db, otherOffice.id, ['inps_officer']),
    social: await makeUser(db, ats.id, ['social_worker']),
    otherSocial: await makeUser(db, otherAts.id, ['social_worker']),
  };
}

async function newCase(
  w: World,
  o: { referral?: boolean; identity?: boolean; name?: string } = {},
): Promise<{ id: string; code: string }> {
  const c = await openCase(w.db, actorOf(w.operator));
  const caseRow = await caseOf(w.db, { orgId: w.cav.id }, c.id);
  const day = today();
  for (const purpose of [o.referral !== false ? 'referral_inps' : '', o.identity ? 'identity_to_inps' : '']) {
    if (!purpose) continue;
    const r = await recordConsent(w.db, actorOf(w.operator), caseRow, {
      purpose,
      givenOn: day,
      collectedBy: w.operator.id,
    });
    assert.ok(r.ok, JSON.stringify(r));
  }
  if (o.name) {
    const r = await saveIdentity(w.db, actorOf(w.operator), caseRow, { name: o.name, version: '0' });
    assert.ok(r.ok, JSON.stringify(r));
  }
  return c;
}

async function refer(w: World, caseId: string, extra: FormFields = {}) {
  return post(w.app, w.operator, `/cases/${caseId}/referral`, {
    office: w.office.id,
    age_band: '35-44',
    benefits: ['reddito_di_liberta', 'assegno_unico'],
    preferred_language: 'arabo, con interprete',
    note: 'Prima consulenza; porta la DSU.',
    ...extra,
  });
}

async function cardOf(w: World, caseId: string) {
  return w.db
    .selectFrom('consultation_card')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow();
}

describe('referral to INPS (CAV)', () => {
  test('creates a card with only the whitelisted fields, audited', async () => {
    const w = await world();
    const c = await newCase(w);
    const form = await get(w.app, w.operator, `/cases/${c.id}/referral`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /Invia la scheda a INPS/);
    const res = await refer(w, c.id);
    assert.equal(res.statusCode, 303, res.body);
    assert.equal(res.headers.location, `/cases/${c.id}/cards?ok=sent`);
    const card = await cardOf(w, c.id);
    assert.equal(card.code, c.code);
    assert.equal(card.status, 'sent');
    assert.deepEqual(card.benefits, ['reddito_di_liberta', 'assegno_unico']);
    assert.equal(card.age_band, '35-44');
    const audit = await w.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', card.id)
      .execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['card.created'],
    );
    const page = await get(w.app, w.operator, `/cases/${c.id}/cards?ok=sent`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Scheda inviata a INPS/);
    assert.match(page.body, /Nessuno a INPS ha ancora aperto la scheda/);
  });

  test('the form starts from the last check: benefits to verify or due, age band from the birth date', async () => {
    const w = await world();
    const c = await newCase(w);
    const birth = `${Number(today().slice(0, 4)) - 40}-01-01`;
    await w.db
      .insertInto('screening')
      .values({
        id: randomUUID(),
        case_id: c.id,
        situation: JSON.stringify({ date: today(), person: { birthDate: birth } }),
        assessment: JSON.stringify({
          rules: 'x',
          results: [
            { benefit: 'naspi', status: 'eligible' },
            { benefit: 'assegno_unico', status: 'undetermined' },
            { benefit: 'assegno_sociale', status: 'not_eligible' },
          ],
        }),
        rules_version: 'x',
        run_by: w.operator.id,
      })
      .execute();
    const form = await get(w.app, w.operator, `/cases/${c.id}/referral`);
    assert.equal(form.statusCode, 200);
    const checked = [...form.body.matchAll(/name="benefits" value="([a-z_]+)" checked/g)].map((m) => m[1]);
    assert.deepEqual(checked.sort(), ['assegno_unico', 'naspi']);
    assert.match(form.body, /<option value="35-44" selected>/);
  });

  test('is refused without a valid referral consent, with a clear message', async () => {
    const w = await world();
    const c = await newCase(w, { referral: false });
    const form = await get(w.app, w.operator, `/cases/${c.id}/referral`);
    assert.match(form.body, /Manca il consenso valido/);
    const res = await refer(w, c.id);
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Manca un consenso valido all’invio a INPS/);
    const n = await w.db.selectFrom('consultation_card').select('id').where('case_id', '=', c.id).execute();
    assert.equal(n.length, 0);
  });

  test('a note with identifying data is blocked, the findings shown and the text kept', async () => {
    const w = await world();
    const c = await newCase(w, { name: 'Fatima El Amrani' });
    const note = 'Fatima chiede aiuto, cell. 347 123 4567, abita in via del Conero 7.';
    const res = await refer(w, c.id, { note, accessibility_needs: 'scrivere a f.amrani@example.org' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /contiene dati che identificano la donna/);
    assert.match(res.body, /Trovato: nome della donna «Fatima»/);
    assert.match(res.body, /Trovato: numero di telefono «347 123 4567»/);
    assert.match(res.body, /Trovato: indirizzo «via del Conero 7»/);
    assert.match(res.body, /Trovato: indirizzo e-mail/);
    // The text typed is kept in the form.
    assert.ok(res.body.includes('Fatima chiede aiuto, cell. 347 123 4567'));
    const n = await w.db.selectFrom('consultation_card').select('id').where('case_id', '=', c.id).execute();
    assert.equal(n.length, 0);
    // The names were read through the audited accessor.
    const reads = await w.db
      .selectFrom('audit_log')
      .select('details')
      .where('entity_id', '=', c.id)
      .where('action', '=', 'case.identity_read')
      .execute();
    assert.ok(reads.some((r) => JSON.stringify(r.details).includes('pii_guard')));
    // Fixed, it goes.
    const ok = await refer(w, c.id, { note: 'Chiede aiuto per la domanda; preferisce il mattino.' });
    assert.equal(ok.statusCode, 303, ok.body);
  });

  test('a second open card for the same case and office is refused', async () => {
    const w = await world();
    const c = await newCase(w);
    assert.equal((await refer(w, c.id)).statusCode, 303);
    const again = await refer(w, c.id);
    assert.equal(again.statusCode, 400);
    assert.match(again.body, /c’è già una scheda aperta presso questa sede INPS/);
  });

  test('bad input gets messages next to the fields, never a 5xx', async () => {
    const w = await world();
    const c = await newCase(w);
    const res = await refer(w, c.id, {
      office: 'nope',
      age_band: '3-4',
      benefits: ['pizza'],
      note: 'x'.repeat(2100),
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Scegli una sede INPS/);
    assert.match(res.body, /Scegli una fascia d’età dell’elenco/);
    assert.match(res.body, /Scegli le prestazioni dall’elenco/);
    const none = await refer(w, c.id, { benefits: [] });
    assert.equal(none.statusCode, 400);
    assert.match(none.body, /almeno una prestazione/);
  });

  test('another CAV gets 404; other roles 403', async () => {
    const w = await world();
    const c = await newCase(w);
    assert.equal((await get(w.app, w.otherCavOperator, `/cases/${c.id}/referral`)).statusCode, 404);
    assert.equal((await get(w.app, w.otherCavOperator, `/cases/${c.id}/cards`)).statusCode, 404);
    const res = await post(w.app, w.otherCavOperator, `/cases/${c.id}/referral`, {
      office: w.office.id,
      benefits: 'naspi',
    });
    assert.equal(res.statusCode, 404);
    for (const u of [w.officer, w.social]) {
      assert.equal((await get(w.app, u, `/cases/${c.id}/referral`)).statusCode, 403);
      assert.equal((await get(w.app, u, `/cases/${c.id}/cards`)).statusCode, 403);
    }
    const n = await w.db.selectFrom('consultation_card').select('id').where('case_id', '=', c.id).execute();
    assert.equal(n.length, 0);
  });
});

describe('INPS inbox and card', () => {
  test('the inbox lists the office cards only, with filters and search', async () => {
    const w = await world();
    const a = await newCase(w);
    const b = await newCase(w);
    await refer(w, a.id);
    await refer(w, b.id, { benefits: 'naspi' });
    const inbox = await get(w.app, w.officer, '/inps/cards');
    assert.equal(inbox.statusCode, 200);
    assert.ok(inbox.body.includes(a.code) && inbox.body.includes(b.code));
    const naspi = await get(w.app, w.officer, '/inps/cards?benefit=naspi');
    assert.ok(!naspi.body.includes(a.code) && naspi.body.includes(b.code));
    const search = await get(w.app, w.officer, `/inps/cards?code=${a.code.slice(-5)}`);
    assert.ok(search.body.includes(a.code) && !search.body.includes(b.code));
    const declined = await get(w.app, w.officer, '/inps/cards?status=declined');
    assert.ok(!declined.body.includes(a.code));
    const bad = await get(w.app, w.officer, '/inps/cards?status=zzz&page=-3&benefit=%27');
    assert.equal(bad.statusCode, 200);
    const other = await get(w.app, w.otherOfficer, '/inps/cards');
    assert.ok(!other.body.includes(a.code));
  });

  test('the inbox pages 20 cards at a time, newest first, and the page links keep the filters', async () => {
    const w = await world();
    const codes: string[] = [];
    for (let i = 0; i < 23; i++) {
      const caseId = crypto.randomUUID();
      const code = `PG-2026-${String(i).padStart(2, '0')}${crypto.randomUUID().slice(0, 3).toUpperCase()}`;
      await w.db
        .insertInto('case_file')
        .values({ id: caseId, code, cav_id: w.cav.id, opened_by: w.operator.id })
        .execute();
      await w.db
        .insertInto('consultation_card')
        .values({
          id: crypto.randomUUID(),
          case_id: caseId,
          inps_office_id: w.office.id,
          code,
          benefits: ['naspi'],
          created_by: w.operator.id,
          created_at: new Date(Date.UTC(2026, 0, 1, 9, i)),
        })
        .execute();
      codes.push(code);
    }
    const seen = (body: string) => codes.filter((c) => body.includes(c));
    const first = await get(w.app, w.officer, '/inps/cards?benefit=naspi');
    const second = await get(w.app, w.officer, '/inps/cards?benefit=naspi&page=2');
    assert.equal(seen(first.body).length, 20);
    assert.equal(seen(second.body).length, 3);
    assert.deepEqual(new Set([...seen(first.body), ...seen(second.body)]), new Set(codes), 'every card once');
    assert.ok(first.body.includes(codes[22] as string), 'the newest card on the first page');
    assert.ok(second.body.includes(codes[0] as string), 'the oldest card on the last page');
    assert.match(first.body, /href="[^"]*page=2[^"]*"/);
    assert.match(first.body, /href="[^"]*benefit=naspi[^"]*page=2|href="[^"]*page=2[^"]*benefit=naspi/);
    // A page after the last one shows the last page (issue 10: one pagination for every list).
    const beyond = await get(w.app, w.officer, '/inps/cards?benefit=naspi&page=9');
    assert.equal(beyond.statusCode, 200);
    assert.deepEqual(seen(beyond.body), seen(second.body));
    assert.match(beyond.body, /Risultati 21–23 di 23/);
  });

  test('opening a card is recorded and the CAV sees who and when; another office gets 404', async () => {
    const w = await world();
    const c = await newCase(w);
    await refer(w, c.id);
    const card = await cardOf(w, c.id);
    assert.equal((await get(w.app, w.otherOfficer, `/inps/cards/${card.id}`)).statusCode, 404);
    assert.equal(
      (await post(w.app, w.otherOfficer, `/inps/cards/${card.id}/accept`, { version: '1' })).statusCode,
      404,
    );
    const page = await get(w.app, w.officer, `/inps/cards/${card.id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Prima consulenza; porta la DSU/);
    const access = await w.db.selectFrom('card_access').selectAll().where('card_id', '=', card.id).execute();
    assert.equal(access.length, 1);
    assert.equal(access[0]?.kind, 'opened');
    assert.equal(access[0]?.user_id, w.officer.id);
    const cav = await get(w.app, w.operator, `/cases/${c.id}/cards`);
    assert.ok(cav.body.includes(w.officer.username));
    assert.match(cav.body, /ha aperto la scheda/);
    // The case page itself says who at INPS opened the card and when.
    const casePage = await get(w.app, w.operator, `/cases/${c.id}`);
    assert.equal(casePage.statusCode, 200);
    assert.match(
      casePage.body,
      new RegExp(
        `aperta da Utente di prova ${w.officer.username} il \\d{1,2} \\p{L}+ \\d{4}, \\d{2}:\\d{2} \\(aperture: 1\\)`,
        'u',
      ),
    );
    for (const u of [w.operator, w.social])
      assert.equal((await get(w.app, u, `/inps/cards/${card.id}`)).statusCode, 403);
  });

  test('accept, advice, decline with a reason, stale version refused', async () => {
    const w = await world();
    const c = await newCase(w);
    await refer(w, c.id);
    const card = await cardOf(w, c.id);
    const early = await post(w.app, w.officer, `/inps/cards/${card.id}/advice`, { advice: 'presto' });
    assert.equal(early.statusCode, 400);
    assert.match(early.body, /Accetta la scheda prima/);
    const noReason = await post(w.app, w.officer, `/inps/cards/${card.id}/decline`, {
      version: '1',
      reason: '',
    });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /Scrivi il motivo del rifiuto/);
    const stale = await post(w.app, w.officer, `/inps/cards/${card.id}/accept`, { version: '7' });
    assert.equal(stale.statusCode, 409);
    const ok = await post(w.app, w.officer, `/inps/cards/${card.id}/accept`, { version: '1' });
    assert.equal(ok.statusCode, 303);
    assert.equal((await cardOf(w, c.id)).status, 'accepted');
    const twice = await post(w.app, w.officer, `/inps/cards/${card.id}/accept`, { version: '2' });
    assert.equal(twice.statusCode, 400);
    const advice = await post(w.app, w.officer, `/inps/cards/${card.id}/advice`, {
      advice: 'Spiegati RdL e assegno unico; serve ISEE aggiornato.',
    });
    assert.equal(advice.statusCode, 303);
    const cav = await get(w.app, w.operator, `/cases/${c.id}/cards`);
    assert.match(cav.body, /Spiegati RdL e assegno unico/);
    assert.match(cav.body, /Accettata da/);

    const d = await newCase(w);
    await refer(w, d.id);
    const other = await cardOf(w, d.id);
    const declined = await post(w.app, w.officer, `/inps/cards/${other.id}/decline`, {
      version: '1',
      reason: 'Competenza di altra sede',
    });
    assert.equal(declined.statusCode, 303);
    const row = await cardOf(w, d.id);
    assert.equal(row.status, 'declined');
    assert.equal(row.decline_reason, 'Competenza di altra sede');
    // After a decline the CAV may refer again to the same office: the declined card closes.
    assert.equal((await refer(w, d.id)).statusCode, 303);
    const cards = await w.db
      .selectFrom('consultation_card')
      .select(['status'])
      .where('case_id', '=', d.id)
      .execute();
    assert.deepEqual(cards.map((x) => x.status).sort(), ['closed', 'sent']);
  });

  test('identity only with consent and while the card is open, through the audited accessor', async () => {
    const w = await world();
    const without = await newCase(w, { name: 'Anna Verdi' });
    await refer(w, without.id, { note: 'Nessun dato.' });
    const c1 = await cardOf(w, without.id);
    const page = await get(w.app, w.officer, `/inps/cards/${c1.id}`);
    assert.match(page.body, /I dati identificativi non sono disponibili/);
    assert.equal((await post(w.app, w.officer, `/inps/cards/${c1.id}/identity`, {})).statusCode, 403);

    const withConsent = await newCase(w, { name: 'Giulia Neri', identity: true });
    await refer(w, withConsent.id, { note: 'Nessun dato.' });
    const c2 = await cardOf(w, withConsent.id);
    assert.match((await get(w.app, w.officer, `/inps/cards/${c2.id}`)).body, /Mostra i dati identificativi/);
    assert.equal((await post(w.app, w.otherOfficer, `/inps/cards/${c2.id}/identity`, {})).statusCode, 404);
    const shown = await post(w.app, w.officer, `/inps/cards/${c2.id}/identity`, {});
    assert.equal(shown.statusCode, 200);
    assert.match(shown.body, /Giulia Neri/);
    assert.equal(shown.headers['cache-control'], 'no-store');
    const access = await w.db.selectFrom('card_access').select('kind').where('card_id', '=', c2.id).execute();
    assert.ok(access.some((a) => a.kind === 'identity_revealed'));
    assert.match(
      (await get(w.app, w.operator, `/cases/${withConsent.id}/cards`)).body,
      /ha visto i dati identificativi/,
    );
    // Declined: no more identity.
    await post(w.app, w.officer, `/inps/cards/${c2.id}/decline`, {
      version: '1',
      reason: 'Non di competenza',
    });
    assert.equal((await post(w.app, w.officer, `/inps/cards/${c2.id}/identity`, {})).statusCode, 403);
  });
});

describe('applications', () => {
  async function acceptedCard(w: World) {
    const c = await newCase(w);
    await refer(w, c.id);
    const card = await cardOf(w, c.id);
    await post(w.app, w.officer, `/inps/cards/${card.id}/accept`, { version: '1' });
    return { c, card };
  }
  const appOf = (w: World, id: string) =>
    w.db.selectFrom('application').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  test('INPS records an application with the engine checklist and follows it to the outcome; the CAV sees it', async () => {
    const w = await world();
    const { c, card } = await acceptedCard(w);
    const bad = await post(w.app, w.officer, `/inps/cards/${card.id}/applications`, { benefit: 'pizza' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Scegli una prestazione dell’elenco/);
    const res = await post(w.app, w.officer, `/inps/cards/${card.id}/applications`, {
      benefit: 'assegno_unico',
    });
    assert.equal(res.statusCode, 303);
    const id = /applications\/([0-9a-f-]{36})/.exec(res.headers.location as string)?.[1];
    assert.ok(id);
    const base = `/inps/cards/${card.id}/applications/${id}`;
    let app = await appOf(w, id);
    assert.equal(app.status, 'in_preparazione');
    assert.ok(Array.isArray(app.checklist) && app.checklist.length > 0);
    const page = await get(w.app, w.officer, base);
    assert.equal(page.statusCode, 200);
    // Issue 10: INPS has cards, not cases: the way back and the breadcrumb lead to the card, never to a case.
    assert.doesNotMatch(page.body, /Torna al caso/);
    assert.match(page.body, new RegExp(`<a href="/inps/cards/${card.id}">Torna alla scheda</a>`));
    assert.match(
      page.body,
      new RegExp(
        `<li class="breadcrumb-item"><a href="/inps/cards">Schede di consulenza</a>.*?<a href="/inps/cards/${card.id}">${card.code}</a>`,
      ),
    );
    assert.doesNotMatch(page.body, /<a href="[^"]*">Domande di prestazione<\/a><span class="separator"/);

    // "presentata" needs who files and when.
    const early = await post(w.app, w.officer, `${base}/status`, {
      status: 'presentata',
      at: today(),
      version: '1',
    });
    assert.equal(early.statusCode, 400);
    assert.match(early.body, /indica prima chi la presenta e la data/);
    const future = await post(w.app, w.officer, `${base}/details`, {
      filed_by_channel: 'inps_online',
      filed_on: '2999-01-01',
      version: '1',
    });
    assert.equal(future.statusCode, 400);
    assert.match(future.body, /La data deve essere tra (il |l’)\d+°? \p{L}+ \d{4} e oggi\./u);
    const details = await post(w.app, w.officer, `${base}/details`, {
      filed_by_channel: 'inps_online',
      filed_on: today(),
      protocol_number: 'INPS.4400.2026.0012345',
      done: ['0'],
      version: '1',
    });
    assert.equal(details.statusCode, 303, details.body);
    app = await appOf(w, id);
    assert.equal(app.version, 2);
    assert.equal((app.checklist as Array<{ done: boolean }>)[0]?.done, true);
    // A stale form changes nothing.
    const stale = await post(w.app, w.officer, `${base}/details`, { protocol_number: 'X', version: '1' });
    assert.equal(stale.statusCode, 409);
    assert.equal((await appOf(w, id)).protocol_number, 'INPS.4400.2026.0012345');

    const jump = await post(w.app, w.officer, `${base}/status`, {
      status: 'ritirata',
      at: 'ieri',
      version: '2',
    });
    assert.equal(jump.statusCode, 400);
    assert.match(jump.body, /Scrivi la data come gg\/mm\/aaaa/);
    assert.equal(
      (await post(w.app, w.officer, `${base}/status`, { status: 'presentata', at: today(), version: '2' }))
        .statusCode,
      303,
    );
    const amountWrong = await post(w.app, w.officer, `${base}/status`, {
      status: 'respinta',
      at: today(),
      amount: '100',
      version: '3',
    });
    assert.equal(amountWrong.statusCode, 400);
    assert.match(amountWrong.body, /solo per una domanda accolta/);
    const accepted = await post(w.app, w.officer, `${base}/status`, {
      status: 'accolta',
      at: today(),
      amount: '1.234,56',
      version: '3',
    });
    assert.equal(accepted.statusCode, 303, accepted.body);
    app = await appOf(w, id);
    assert.equal(app.status, 'accolta');
    assert.equal(Number(app.amount_granted_cents), 123456);
    assert.ok((await cardOf(w, c.id)).last_outcome_at);
    const after = await post(w.app, w.officer, `${base}/status`, {
      status: 'respinta',
      at: today(),
      version: '4',
    });
    assert.equal(after.statusCode, 400);
    assert.match(after.body, /non è previsto dalla storia della domanda/);

    const events = await w.db
      .selectFrom('application_event')
      .select(['from_status', 'to_status'])
      .where('application_id', '=', id)
      .orderBy('recorded_at')
      .execute();
    assert.deepEqual(
      events.map((e) => `${e.from_status}>${e.to_status}`),
      ['null>in_preparazione', 'in_preparazione>presentata', 'presentata>accolta'],
    );
    // The CAV sees every change on her case.
    const cav = await get(w.app, w.operator, `/cases/${c.id}/cards`);
    assert.match(cav.body, /Accolta/);
    const cavApp = await get(w.app, w.operator, `/cases/${c.id}/applications/${id}`);
    assert.equal(cavApp.statusCode, 200);
    assert.match(cavApp.body, /In preparazione → Presentata/);
    assert.match(cavApp.body, /Presentata → Accolta/);
    assert.match(cavApp.body, /1\.234,56/);
    // Other CAV, other office, wrong ids: 404.
    assert.equal((await get(w.app, w.otherCavOperator, `/cases/${c.id}/applications/${id}`)).statusCode, 404);
    assert.equal((await get(w.app, w.otherOfficer, base)).statusCode, 404);
    assert.equal(
      (await get(w.app, w.officer, `/inps/cards/${card.id}/applications/${randomUUID()}`)).statusCode,
      404,
    );
    assert.equal((await get(w.app, w.social, base)).statusCode, 403);
  });

  test('the CAV records an application on her case; in_attesa_fondi_regionali then accolta', async () => {
    const w = await world();
    const c = await newCase(w);
    const res = await post(w.app, w.operator, `/cases/${c.id}/applications`, {
      benefit: 'reddito_di_liberta',
    });
    assert.equal(res.statusCode, 303);
    const id = /applications\/([0-9a-f-]{36})/.exec(res.headers.location as string)?.[1] ?? '';
    const base = `/cases/${c.id}/applications/${id}`;
    assert.equal(
      (
        await post(w.app, w.operator, `${base}/details`, {
          filed_by_channel: 'comune',
          filed_on: today(),
          version: '1',
        })
      ).statusCode,
      303,
    );
    assert.equal(
      (await post(w.app, w.operator, `${base}/status`, { status: 'presentata', at: today(), version: '2' }))
        .statusCode,
      303,
    );
    assert.equal(
      (
        await post(w.app, w.operator, `${base}/status`, {
          status: 'in_attesa_fondi_regionali',
          at: today(),
          version: '3',
        })
      ).statusCode,
      303,
    );
    assert.equal(
      (
        await post(w.app, w.operator, `${base}/status`, {
          status: 'in_preparazione',
          at: today(),
          version: '4',
        })
      ).statusCode,
      400,
    );
    assert.equal(
      (
        await post(w.app, w.operator, `${base}/status`, {
          status: 'accolta',
          at: today(),
          amount: '500',
          version: '4',
        })
      ).statusCode,
      303,
    );
    assert.equal(
      (
        await post(w.app, w.otherCavOperator, `${base}/status`, {
          status: 'ritirata',
          at: today(),
          version: '5',
        })
      ).statusCode,
      404,
    );
  });
});

describe('what closes a card', () => {
  test('revoking the referral consent closes the open card', async () => {
    const w = await world();
    const c = await newCase(w);
    await refer(w, c.id);
    const consent = await w.db
      .selectFrom('consent')
      .select('id')
      .where('case_id', '=', c.id)
      .where('purpose', '=', 'referral_inps')
      .executeTakeFirstOrThrow();
    const row = await caseOf(w.db, { orgId: w.cav.id }, c.id);
    const r = await revokeConsent(w.db, actorOf(w.operator), row, consent.id, { version: '1' });
    assert.ok(r.ok, JSON.stringify(r));
    const card = await cardOf(w, c.id);
    assert.equal(card.status, 'closed');
    assert.equal(card.closing_reason, 'referral_revoked');
    assert.equal(
      (await post(w.app, w.officer, `/inps/cards/${card.id}/accept`, { version: String(card.version) }))
        .statusCode,
      400,
    );
  });

  test('closing the case closes its open cards, and the officer can no longer see identity', async () => {
    const w = await world();
    const c = await newCase(w, { identity: true, name: 'Rosa Bianchi' });
    await refer(w, c.id, { note: 'Nessun dato.' });
    const row = await caseOf(w.db, { orgId: w.cav.id }, c.id);
    const r = await closeCase(w.db, actorOf(w.operator), row, {
      reason: 'path_completed',
      version: String(row.version),
    });
    assert.ok(r.ok, JSON.stringify(r));
    const card = await cardOf(w, c.id);
    assert.equal(card.status, 'closed');
    assert.equal(card.closing_reason, 'case_closed');
    assert.equal((await post(w.app, w.officer, `/inps/cards/${card.id}/identity`, {})).statusCode, 403);
  });

  test('the job closes a card N days after its last outcome, once, and leaves pending ones open', async () => {
    const w = await world();
    const done = await newCase(w);
    await refer(w, done.id);
    const pending = await newCase(w);
    await refer(w, pending.id);
    const old = new Date(nowMs() - 40 * 24 * 3600_000);
    const doneCard = await cardOf(w, done.id);
    const pendingCard = await cardOf(w, pending.id);
    await w.db
      .updateTable('consultation_card')
      .set({ last_outcome_at: old, status: 'accepted' })
      .where('id', 'in', [doneCard.id, pendingCard.id])
      .execute();
    await w.db
      .insertInto('application')
      .values({
        id: randomUUID(),
        case_id: pending.id,
        card_id: pendingCard.id,
        benefit: 'naspi',
        created_by: w.officer.id,
        updated_at: clockNow(),
      })
      .execute();
    await closeStaleCards(w.db, 30);
    assert.equal((await cardOf(w, done.id)).status, 'closed');
    assert.equal((await cardOf(w, done.id)).closing_reason, 'outcome_timeout');
    assert.equal((await cardOf(w, pending.id)).status, 'accepted');
    const audits = async () =>
      (
        await w.db
          .selectFrom('audit_log')
          .select('id')
          .where('entity_id', '=', doneCard.id)
          .where('action', '=', 'card.closed')
          .execute()
      ).length;
    assert.equal(await audits(), 1);
    await closeStaleCards(w.db, 30);
    assert.equal(await audits(), 1);
    // With a longer window nothing closes.
    const fresh = await newCase(w);
    await refer(w, fresh.id);
    const freshCard = await cardOf(w, fresh.id);
    await w.db
      .updateTable('consultation_card')
      .set({ last_outcome_at: old })
      .where('id', '=', freshCard.id)
      .execute();
    await closeStaleCards(w.db, 60);
    assert.equal((await cardOf(w, fresh.id)).status, 'sent');
  });
});

test('cards.autoclose runs by its own hourly schedule, with the configured number of days', async () => {
  const w = await world();
  const c = await newCase(w);
  await refer(w, c.id);
  const card = await cardOf(w, c.id);
  const twelveDaysAgo = new Date(nowMs() - 12 * 24 * 3600_000);
  await w.db
    .updateTable('consultation_card')
    .set({ last_outcome_at: twelveDaysAgo, status: 'accepted' })
    .where('id', '=', card.id)
    .execute();
  const run = async (days: number) => {
    const worker = new JobWorker(w.db);
    registerJobs(worker, { config: testConfig({ cardCloseDays: days }), database: await getTestDb() });
    assert.deepEqual(worker.scheduled().get('cards.autoclose'), { every: 'hour' });
    await w.db
      .deleteFrom('job')
      .where('kind', 'in', [...worker.scheduled().keys()])
      .execute();
    await worker.enqueueScheduled();
    await worker.drain();
  };
  await run(30);
  assert.equal((await cardOf(w, c.id)).status, 'accepted');
  await run(10);
  assert.equal((await cardOf(w, c.id)).status, 'closed');
});

describe('social worker: Reddito di Libertà', () => {
  test('sees the territory cards that need the declaration, records it and the SR208 filing', async () => {
    const w = await world();
    const c = await newCase(w);
    await refer(w, c.id);
    const noRdl = await newCase(w);
    await refer(w, noRdl.id, { benefits: 'naspi' });
    const card = await cardOf(w, c.id);
    const list = await get(w.app, w.social, '/social/cards');
    assert.equal(list.statusCode, 200);
    assert.ok(list.body.includes(c.code));
    assert.ok(!list.body.includes(noRdl.code));
    assert.ok(!(await get(w.app, w.otherSocial, '/social/cards')).body.includes(c.code));
    assert.equal((await get(w.app, w.otherSocial, `/social/cards/${card.id}`)).statusCode, 404);
    assert.equal(
      (await get(w.app, w.social, `/social/cards/${(await cardOf(w, noRdl.id)).id}`)).statusCode,
      404,
    );
    assert.equal(
      (await post(w.app, w.otherSocial, `/social/cards/${card.id}/declaration`, { declared_on: today() }))
        .statusCode,
      404,
    );
    for (const u of [w.operator, w.officer])
      assert.equal((await get(w.app, u, `/social/cards/${card.id}`)).statusCode, 403);

    const early = await post(w.app, w.social, `/social/cards/${card.id}/sr208`, {
      filed_on: today(),
      protocol: 'SR208/1',
    });
    assert.equal(early.statusCode, 400);
    assert.match(early.body, /Registra prima la dichiarazione/);
    const bad = await post(w.app, w.social, `/social/cards/${card.id}/declaration`, {
      declared_on: '2999-12-31',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /La data deve essere tra (il |l’)\d+°? \p{L}+ \d{4} e oggi\./u);
    // Far in the past: the declaration accepted 1 January 1900 (issue 10); now the message says what is allowed.
    const old = await post(w.app, w.social, `/social/cards/${card.id}/declaration`, {
      declared_on: '01/01/1900',
    });
    assert.equal(old.statusCode, 400);
    assert.match(old.body, /La data deve essere tra (il |l’)\d+°? \p{L}+ \d{4} e oggi\./u);
    const twoDigits = await post(w.app, w.social, `/social/cards/${card.id}/declaration`, {
      declared_on: '01/12/26',
    });
    assert.equal(twoDigits.statusCode, 400);
    assert.match(twoDigits.body, /Scrivi l’anno con quattro cifre/);
    assert.equal(
      (await post(w.app, w.social, `/social/cards/${card.id}/declaration`, { declared_on: today() }))
        .statusCode,
      303,
    );
    const noProtocol = await post(w.app, w.social, `/social/cards/${card.id}/sr208`, {
      filed_on: today(),
      protocol: '',
      version: '1',
    });
    assert.equal(noProtocol.statusCode, 400);
    assert.match(noProtocol.body, /Scrivi il numero di protocollo/);
    const filed = await post(w.app, w.social, `/social/cards/${card.id}/sr208`, {
      filed_on: today(),
      protocol: 'SR208/2026/00042',
      version: '1',
    });
    assert.equal(filed.statusCode, 303, filed.body);
    const page = await get(w.app, w.social, `/social/cards/${card.id}?ok=sr208`);
    assert.match(page.body, /SR208\/2026\/00042/);
    // Done: no longer among the pending ones, still in the full list.
    assert.ok(!(await get(w.app, w.social, '/social/cards')).body.includes(c.code));
    assert.ok((await get(w.app, w.social, '/social/cards?filtered=1')).body.includes(c.code));
    // The CAV sees the steps on her case.
    assert.match((await get(w.app, w.operator, `/cases/${c.id}/cards`)).body, /SR208\/2026\/00042/);
  });
});

describe('roles', () => {
  test('each card route refuses the roles without its permission', async () => {
    const w = await world();
    const c = await newCase(w);
    await refer(w, c.id);
    const card = await cardOf(w, c.id);
    const roles: Role[] = ['trainer', 'dpo', 'network_admin', 'inps_director', 'cav_coordinator'];
    for (const role of roles) {
      const org =
        role === 'inps_director'
          ? w.office.id
          : role === 'cav_coordinator'
            ? w.cav.id
            : (await makeOrg(w.db, 'regione')).id;
      const u = await makeUser(w.db, org, [role]);
      const inbox = await get(w.app, u, '/inps/cards');
      const social = await get(w.app, u, '/social/cards');
      const referral = await get(w.app, u, `/cases/${c.id}/referral`);
      const expect = (allowed: boolean) => (allowed ? 200 : 403);
      assert.equal(inbox.statusCode, expect(role === 'inps_director'), `${role} inbox`);
      assert.equal(social.statusCode, 403, `${role} social`);
      assert.equal(referral.statusCode, expect(role === 'cav_coordinator'), `${role} referral`);
      if (role === 'inps_director')
        assert.equal((await get(w.app, u, `/inps/cards/${card.id}`)).statusCode, 200);
    }
  });
});
