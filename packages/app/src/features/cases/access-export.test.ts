import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { inflateSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { csrfFor, getTestDb, makeOrg, makeUser, type TestUser, testApp } from '../../../test/helpers.ts';
import { nowMs, todayIso } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import type { AccessExport } from './access-export.ts';
import { sealCodeWord } from './identity.ts';
import * as svc from './service.ts';

// Right of access: her CAV exports everything Ponte holds about her case, as JSON and PDF, after a
// confirmation page; audited; another CAV gets 404, other roles 403.

const actorOf = (u: TestUser) => ({ userId: u.id, orgId: u.orgId, roles: u.roles });

async function post(app: FastifyInstance, user: TestUser, url: string, fields: Record<string, string>) {
  const { cookie, token } = await csrfFor(app, user.cookie, '/home');
  return app.inject({
    method: 'POST',
    url,
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ ...fields, _csrf: token }).toString(),
  });
}
const get = (app: FastifyInstance, user: TestUser, url: string) =>
  app.inject({ method: 'GET', url, headers: { cookie: user.cookie, accept: 'text/html' } });

/** The text of a PDF: its streams inflated, then every TJ's glyphs through the font's ToUnicode map. */
function pdfText(pdf: Buffer): string {
  const parts: string[] = [];
  let at = 0;
  for (;;) {
    const s = pdf.indexOf('stream\n', at);
    if (s < 0) break;
    const e = pdf.indexOf('endstream', s);
    const body = pdf.subarray(s + 7, e);
    try {
      parts.push(inflateSync(body).toString('latin1'));
    } catch {
      parts.push(body.toString('latin1'));
    }
    at = e + 9;
  }
  const raw = parts.join('\n');
  const map = new Map<number, string>();
  for (const block of raw.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
    for (const range of (block[1] as string).matchAll(/<([0-9a-f]+)>\s*<[0-9a-f]+>\s*\[([^\]]*)\]/gi)) {
      let code = Number.parseInt(range[1] as string, 16);
      for (const entry of (range[2] as string).matchAll(/<([0-9a-f ]+)>/gi)) {
        const units = (entry[1] as string).split(' ').map((h) => Number.parseInt(h, 16));
        map.set(code++, String.fromCharCode(...units));
      }
    }
  const out: string[] = [];
  for (const tj of raw.matchAll(/\[([^\]]*)\] TJ/g)) {
    const glyphs: string[] = [];
    for (const hex of (tj[1] as string).matchAll(/<([0-9a-f]*)>/gi))
      for (let i = 0; i < (hex[1] as string).length; i += 4)
        glyphs.push(map.get(Number.parseInt((hex[1] as string).slice(i, i + 4), 16)) ?? '\ufffd');
    out.push(glyphs.join(''));
  }
  return out.join(' ');
}
const squash = (s: string) => s.replace(/\s+/g, '');

/** A case with everything: identity, consent, safe contact with code word, a check, a card seen by INPS, an
 * application with its history, a due item. */
async function world() {
  const app = await testApp();
  const { db } = await getTestDb();
  const cav = await makeOrg(db, 'cav');
  const otherCav = await makeOrg(db, 'cav', cav.territoryId);
  const office = await makeOrg(db, 'inps_office', cav.territoryId);
  const operator = await makeUser(db, cav.id, ['cav_operator']);
  const other = await makeUser(db, otherCav.id, ['cav_operator']);
  const officer = await makeUser(db, office.id, ['inps_officer']);
  const c = await svc.openCase(db, actorOf(operator));
  const row = await svc.caseOf(db, operator, c.id);
  const ok = (r: { ok: boolean }) => assert.ok(r.ok, JSON.stringify(r));
  ok(
    await svc.saveIdentity(db, actorOf(operator), row, {
      version: '0',
      name: 'Rosaria Esposito',
      codiceFiscale: 'RSSMRA85T10A562S',
      phone: '3339876543',
    }),
  );
  ok(
    await svc.recordConsent(db, actorOf(operator), row, {
      purpose: 'referral_inps',
      givenOn: todayIso(),
      collectedBy: operator.id,
    }),
  );
  ok(
    await svc.saveContact(
      db,
      actorOf(operator),
      row,
      { channels: 'sms', hours: 'dopo le 18', codeWord: 'lavanda', abuserKnows: 'no', version: '1' },
      sealCodeWord,
    ),
  );
  await db
    .insertInto('screening')
    .values({
      id: randomUUID(),
      case_id: c.id,
      situation: JSON.stringify({ person: { birthDate: '1985-12-10' } }),
      assessment: JSON.stringify({
        rules: 'test-1',
        results: [{ benefit: 'naspi', name: 'NASpI', status: 'eligible', amount: { monthly: 900 } }],
      }),
      rules_version: 'test-1',
      run_by: operator.id,
    })
    .execute();
  const cardId = randomUUID();
  await db
    .insertInto('consultation_card')
    .values({
      id: cardId,
      case_id: c.id,
      inps_office_id: office.id,
      code: c.code,
      created_by: operator.id,
      status: 'accepted',
      benefits: ['naspi'],
    })
    .execute();
  await db
    .insertInto('card_access')
    .values({ id: randomUUID(), card_id: cardId, user_id: officer.id, org_id: office.id, kind: 'opened' })
    .execute();
  const appId = randomUUID();
  await db
    .insertInto('application')
    .values({
      id: appId,
      case_id: c.id,
      card_id: cardId,
      benefit: 'naspi',
      status: 'presentata',
      filed_on: todayIso(),
      protocol_number: 'INPS.2026.0042',
      created_by: officer.id,
    })
    .execute();
  await db
    .insertInto('application_event')
    .values([
      {
        id: randomUUID(),
        application_id: appId,
        to_status: 'in_preparazione',
        at: '2026-01-10',
        by_user: officer.id,
      },
      {
        id: randomUUID(),
        application_id: appId,
        from_status: 'in_preparazione',
        to_status: 'presentata',
        at: '2026-01-20',
        by_user: officer.id,
        note: 'presentata online',
      },
    ])
    .execute();
  await db
    .insertInto('due_item')
    .values({
      id: randomUUID(),
      case_id: c.id,
      kind: 'apply',
      benefit: 'naspi',
      due_on: '2026-03-01',
      title_key: 'cases.due.apply',
      params: JSON.stringify({ name: 'NASpI' }),
      source: 'engine',
    })
    .execute();
  return { app, db, operator, other, officer, c, office };
}

const auditOf = (db: Db, caseId: string, action: string) =>
  db
    .selectFrom('audit_log')
    .select(['actor_user_id', 'details'])
    .where('entity_id', '=', caseId)
    .where('action', '=', action)
    .execute();

test('access export: a confirmation page first, reached from the case page', async () => {
  const w = await world();
  const page = await get(w.app, w.operator, `/cases/${w.c.id}`);
  assert.match(page.body, new RegExp(`href="/cases/${w.c.id}/export"`));
  const confirm = await get(w.app, w.operator, `/cases/${w.c.id}/export`);
  assert.equal(confirm.statusCode, 200);
  assert.match(confirm.body, /contiene i suoi dati identificativi/);
  assert.match(confirm.body, /name="format" value="json"/);
  assert.doesNotMatch(confirm.body, /Rosaria/, 'the confirmation page shows nothing identifying');
  assert.equal((await auditOf(w.db, w.c.id, 'case.access_export')).length, 0, 'nothing exported yet');
});

test('access export: JSON with identity, consents, code word, checks, cards with their access log, applications with history, due items; audited', async () => {
  const w = await world();
  const res = await post(w.app, w.operator, `/cases/${w.c.id}/export`, { format: 'json' });
  assert.equal(res.statusCode, 200, res.body.slice(0, 300));
  assert.match(String(res.headers['content-type']), /^application\/json/);
  assert.equal(res.headers['content-disposition'], `attachment; filename="dati-${w.c.code}.json"`);
  assert.equal(res.headers['cache-control'], 'no-store');
  const data = JSON.parse(res.body) as AccessExport;
  assert.equal(data.format, 'ponte.dati-caso/1');
  assert.equal(data.case.code, w.c.code);
  assert.deepEqual(data.identity, {
    name: 'Rosaria Esposito',
    codiceFiscale: 'RSSMRA85T10A562S',
    phone: '3339876543',
  });
  assert.deepEqual(
    data.consents.map((k) => [k.purpose, k.revokedAt]),
    [['referral_inps', null]],
  );
  assert.equal(data.safeContact?.codeWord, 'lavanda');
  assert.deepEqual(data.safeContact?.channels, ['sms']);
  assert.equal(data.screenings[0]?.results[0]?.status, 'eligible');
  assert.deepEqual(data.screenings[0]?.situation, { person: { birthDate: '1985-12-10' } });
  assert.equal(data.cards.length, 1);
  assert.equal(
    data.cards[0]?.office,
    (
      await w.db
        .selectFrom('organisation')
        .select('name')
        .where('id', '=', w.office.id)
        .executeTakeFirstOrThrow()
    ).name,
  );
  assert.deepEqual(
    data.cards[0]?.accessLog.map((a) => [a.kind, a.by]),
    [['opened', `Utente di prova ${w.officer.username}`]],
  );
  assert.equal(data.applications[0]?.protocolNumber, 'INPS.2026.0042');
  assert.deepEqual(
    data.applications[0]?.history.map((e) => [e.from, e.to, e.on]),
    [
      [null, 'in_preparazione', '2026-01-10'],
      ['in_preparazione', 'presentata', '2026-01-20'],
    ],
  );
  assert.deepEqual(data.dueItems, [
    { dueOn: '2026-03-01', what: 'Domanda per NASpI', benefit: 'naspi', doneAt: null },
  ]);

  const audit = await auditOf(w.db, w.c.id, 'case.access_export');
  assert.equal(audit.length, 1);
  assert.equal(audit[0]?.actor_user_id, w.operator.id);
  assert.equal((audit[0]?.details as { format?: string } | undefined)?.format, 'json');
  const reads = await auditOf(w.db, w.c.id, 'case.identity_read');
  assert.ok(reads.some((r) => (r.details as { purpose: string }).purpose === 'access_request'));
  assert.equal((await auditOf(w.db, w.c.id, 'case.code_word_read')).length, 1);
});

test('access export: the PDF, in Italian, with her name, her history and a neutral file name', async () => {
  const w = await world();
  const res = await post(w.app, w.operator, `/cases/${w.c.id}/export`, { format: 'pdf' });
  assert.equal(res.statusCode, 200);
  assert.equal(res.headers['content-type'], 'application/pdf');
  assert.equal(res.headers['content-disposition'], `attachment; filename="dati-${w.c.code}.pdf"`);
  assert.equal(res.headers['cache-control'], 'no-store');
  assert.equal(res.rawPayload.subarray(0, 5).toString(), '%PDF-');
  const text = squash(pdfText(res.rawPayload));
  for (const s of [
    `Dati personali conservati da Ponte – caso ${w.c.code}`,
    'Rosaria Esposito',
    'RSSMRA85T10A562S',
    'lavanda',
    'INPS.2026.0042',
    'presentata online',
    'Domanda per NASpI',
    'NASpI: Probabilmente spetta',
  ])
    assert.ok(text.includes(squash(s)), `"${s}" not in the PDF`);
  assert.ok(!text.includes('\ufffd'), 'every glyph maps back to text');
  const audit = await auditOf(w.db, w.c.id, 'case.access_export');
  assert.deepEqual(
    audit.map((a) => (a.details as { format: string }).format),
    ['pdf'],
  );
});

test('access export: the PDF in English when she asks for it (labels, statuses and amounts in English)', async () => {
  const w = await world();
  const page = await get(w.app, w.operator, `/cases/${w.c.id}/export`);
  assert.match(page.body, /<select id="field-lang" name="lang"/);
  const res = await post(w.app, w.operator, `/cases/${w.c.id}/export`, { format: 'pdf', lang: 'en' });
  assert.equal(res.statusCode, 200);
  const text = squash(pdfText(res.rawPayload));
  for (const s of [`Personal data held by Ponte – case ${w.c.code}`, 'Rosaria Esposito', 'INPS.2026.0042'])
    assert.ok(text.includes(squash(s)), `"${s}" not in the PDF`);
  assert.ok(!text.includes(squash('Dati personali conservati da Ponte')), 'no Italian title');
  const json = await post(w.app, w.operator, `/cases/${w.c.id}/export`, { format: 'json', lang: 'en' });
  assert.equal(json.statusCode, 200);
  assert.ok(!json.body.includes('"statusLabel": "presentata"'), 'application statuses in English');
  assert.match(json.body, /"statusLabel": "[a-z ]+"/);
  assert.equal(
    (await post(w.app, w.operator, `/cases/${w.c.id}/export`, { format: 'pdf', lang: 'xx' })).statusCode,
    400,
  );
});

test('access export: another CAV gets 404, other roles 403, a bad format 400; nothing is audited', async () => {
  const w = await world();
  const url = `/cases/${w.c.id}/export`;
  assert.equal((await get(w.app, w.other, url)).statusCode, 404);
  assert.equal((await post(w.app, w.other, url, { format: 'json' })).statusCode, 404);
  assert.equal((await get(w.app, w.officer, url)).statusCode, 403);
  assert.equal((await post(w.app, w.officer, url, { format: 'pdf' })).statusCode, 403);
  assert.equal((await post(w.app, w.operator, url, { format: 'xml' })).statusCode, 400);
  assert.equal((await w.app.inject({ method: 'GET', url })).statusCode, 302);
  assert.equal((await auditOf(w.db, w.c.id, 'case.access_export')).length, 0);
  assert.equal((await auditOf(w.db, w.c.id, 'case.identity_read')).length, 0);
});

test('access export: after retention the export says the identity was erased', async () => {
  const w = await world();
  const row = await svc.caseOf(w.db, w.operator, w.c.id);
  assert.ok(
    (await svc.closeCase(w.db, actorOf(w.operator), row, { reason: 'other', version: String(row.version) }))
      .ok,
  );
  await w.db
    .updateTable('case_file')
    .set({ closed_at: new Date(nowMs() - 800 * 24 * 3600_000) })
    .where('id', '=', w.c.id)
    .execute();
  const { eraseExpiredIdentities } = await import('./retention.ts');
  await eraseExpiredIdentities(w.db, 24);
  const res = await post(w.app, w.operator, `/cases/${w.c.id}/export`, { format: 'json' });
  assert.equal(res.statusCode, 200);
  const data = JSON.parse(res.body) as AccessExport;
  assert.equal(data.identity, null);
  assert.equal(data.identityErased, true);
  assert.equal(data.safeContact?.codeWord, null);
  assert.equal(data.applications.length, 1, 'the anonymised records stay');
});
