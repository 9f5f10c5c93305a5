import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { clockAt, csrfFor, getPage, postForm, type TestUser } from '../../../test/helpers.ts';
import { pdfText } from '../../../test/pdf-text.ts';
import { nowMs, todayInRome } from '../../platform/clock.ts';
import { unformatted } from '../../platform/format.ts';
import { attachSnapshot } from './index.ts';

// (Database tests: the world of test-world.ts runs on getTestDb and testApp, so `--db` runs them on PostgreSQL.)
// Route tests of the tavoli tecnici: administration (network admin), who sees a tavolo (its delegates; anyone
// else 404), who does what in it (the tavolo role: 403), the meeting with its warnings and automatic items, the
// agenda freeze, uploads checked by content, attendance and quorum, the verbale from draft to signed (second
// factor, 409 on a concurrent edit, locked once approved), corrections, actions, snapshots.

const post = postForm;
/** A Wednesday morning in Italy, far from holidays: every date of these tests is counted from it. */
const AT = '2026-06-10T10:00';
const get = getPage;

import { signedAt, verbaleContent } from './content.ts';
import { verbalePdf } from './pdf.ts';
import { sha256 } from './service.ts';
import { day, item, meeting, mUrl, totpFor, verbaleVersion, world } from './test-world.ts';

describe('administration of tavoli', () => {
  test('the admin creates a tavolo and sets it up; bad input stays in the form with its messages', async (t) => {
    clockAt(t, AT);
    const w = await world();
    const res = await post(w.app, w.admin, '/roundtables', { name: '', territory_id: 'nope', mailbox: 'x' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Scrivi il nome del tavolo/);
    assert.match(res.body, /Scegli il territorio del tavolo/);
    assert.match(res.body, /Scrivi un indirizzo e-mail valido/);
    assert.match(res.body, /value="x"/);
    // A quorum above the number of members is refused, next to its field.
    const page = await get(w.app, w.admin, `/roundtables/${w.table}/settings`);
    assert.equal(page.statusCode, 200);
    const version = /name="version" value="(\d+)"/.exec(page.body)![1]!;
    const q = await post(w.app, w.admin, `/roundtables/${w.table}/settings`, {
      name: 'Tavolo rinominato',
      territory_id: (
        await w.db
          .selectFrom('roundtable')
          .select('territory_id')
          .where('id', '=', w.table)
          .executeTakeFirstOrThrow()
      ).territory_id,
      mailbox: 'tavolo@ente-prova.invalid',
      freeze_days: '0',
      quorum: '4',
      version,
    });
    assert.equal(q.statusCode, 400);
    assert.match(q.body, /non può superare gli enti membri, che sono 3/);
    assert.match(q.body, /value="Tavolo rinominato"/);
    // A shelter never sits at a tavolo.
    const s = await post(w.app, w.admin, `/roundtables/${w.table}/settings/orgs`, {
      organisation_id: w.orgs.shelter,
    });
    assert.equal(s.statusCode, 400);
    assert.match(s.body, /Una casa rifugio non siede a un tavolo/);
  });

  test('deactivating a delegate keeps her in the history; she then gets 404', async (t) => {
    clockAt(t, AT);
    const w = await world();
    const d = await w.db
      .selectFrom('roundtable_delegate')
      .select('id')
      .where('roundtable_id', '=', w.table)
      .where('user_id', '=', w.member.id)
      .executeTakeFirstOrThrow();
    assert.equal((await get(w.app, w.member, `/roundtables/${w.table}`)).statusCode, 200);
    const res = await post(w.app, w.admin, `/roundtables/${w.table}/settings/delegates/${d.id}/deactivate`);
    assert.equal(res.statusCode, 303);
    assert.equal((await get(w.app, w.member, `/roundtables/${w.table}`)).statusCode, 404);
    const page = await get(w.app, w.admin, `/roundtables/${w.table}/settings`);
    assert.match(page.body, /non più delegata/);
  });

  test('only the network admin manages (403), and non-members see no tavolo (404), anonymous refused', async (t) => {
    clockAt(t, AT);
    const w = await world();
    for (const u of [w.chair, w.secretary, w.member]) {
      assert.equal((await get(w.app, u, '/roundtables/new')).statusCode, 403);
      assert.equal((await get(w.app, u, `/roundtables/${w.table}/settings`)).statusCode, 403);
    }
    assert.equal((await get(w.app, w.trainer, '/roundtables')).statusCode, 403);
    const m = await meeting(w);
    for (const url of [
      `/roundtables/${w.table}`,
      mUrl(w, m),
      `${mUrl(w, m)}/verbale`,
      `${mUrl(w, m)}/attendance`,
      `/roundtables/${w.table}/verify`,
    ]) {
      assert.equal((await get(w.app, w.outsider, url)).statusCode, 404, url);
      // The admin manages tavoli but reads one only as a delegate.
      assert.equal((await get(w.app, w.admin, url)).statusCode, 404, url);
      const anon = await w.app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
      assert.ok([302, 401].includes(anon.statusCode), `${url}: ${anon.statusCode}`);
    }
    assert.equal(
      (await post(w.app, w.outsider, `${mUrl(w, m)}/items`, { title: 'x', kind: 'informativa' })).statusCode,
      404,
    );
    const list = await get(w.app, w.outsider, '/roundtables');
    assert.equal(list.statusCode, 200);
    assert.doesNotMatch(list.body, new RegExp(w.table));
  });
});

describe('meetings and agenda', () => {
  test('a meeting starts with the two automatic items; past dates and holidays need a confirmation', async (t) => {
    clockAt(t, AT);
    const w = await world();
    const m = await meeting(w);
    const items = await w.db
      .selectFrom('rt_item')
      .select(['position', 'kind'])
      .where('meeting_id', '=', m)
      .orderBy('position')
      .execute();
    assert.deepEqual(items, [
      { position: 1, kind: 'verbale' },
      { position: 2, kind: 'azioni' },
    ]);
    const page = await get(w.app, w.member, mUrl(w, m));
    assert.match(page.body, /Approvazione del verbale della seduta precedente/);
    assert.match(page.body, /Stato delle azioni aperte/);

    const past = await post(w.app, w.secretary, `/roundtables/${w.table}/meetings`, {
      date: day(-3),
      time: '10:00',
      duration: '90',
      place_org_id: w.orgs.inps,
    });
    assert.equal(past.statusCode, 400);
    assert.match(past.body, /già passati/);
    assert.match(past.body, /Confermo il giorno scelto/);
    const confirmed = await post(w.app, w.secretary, `/roundtables/${w.table}/meetings`, {
      date: day(-3),
      time: '10:00',
      duration: '90',
      place_org_id: w.orgs.inps,
      confirm: '1',
    });
    assert.equal(confirmed.statusCode, 303);
    // Christmas of next year: a public holiday.
    const christmas = `${todayInRome().year + 1}-12-25`;
    const holiday = await post(w.app, w.secretary, `/roundtables/${w.table}/meetings`, {
      date: christmas,
      time: '10:00',
      duration: '90',
      video_link: 'https://video.ente-prova.invalid/x',
    });
    assert.equal(holiday.statusCode, 400);
    assert.match(holiday.body, /festivo in Italia/);
  });

  test('bad meeting input: no place, a shelter, a bad time; what was typed is kept', async (t) => {
    clockAt(t, AT);
    const w = await world();
    const res = await post(w.app, w.secretary, `/roundtables/${w.table}/meetings`, {
      date: day(5),
      time: '25:99',
      duration: '5',
      video_link: 'http://insecure.invalid',
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Scrivi l’ora nel formato 09:30/);
    assert.match(res.body, /da 15 a 600/);
    assert.match(res.body, /https:\/\//);
    assert.match(res.body, /value="25:99"/);
    const shelter = await post(w.app, w.secretary, `/roundtables/${w.table}/meetings`, {
      date: day(5),
      time: '10:00',
      duration: '60',
      place_org_id: w.orgs.shelter,
    });
    assert.equal(shelter.statusCode, 400);
    assert.match(shelter.body, /Scegli la sede tra gli enti membri|casa rifugio non può essere la sede/);
  });

  test('a member proposes an item; a guest cannot (403); only the chair adds after the freeze, with a reason', async (t) => {
    clockAt(t, AT);
    const w = await world({ freeze: '7' });
    const far = await meeting(w, { date: day(30) });
    const ok = await post(w.app, w.member, `${mUrl(w, far)}/items`, {
      title: 'Proposta ATS',
      kind: 'informativa',
    });
    assert.equal(ok.statusCode, 303);
    const guest = await post(w.app, w.guest, `${mUrl(w, far)}/items`, {
      title: 'Proposta',
      kind: 'informativa',
    });
    assert.equal(guest.statusCode, 403);
    const empty = await post(w.app, w.member, `${mUrl(w, far)}/items`, { title: '  ', kind: 'informativa' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Scrivi il titolo del punto/);

    const near = await meeting(w, { date: day(3) });
    await w.db.updateTable('roundtable').set({ freeze_days: 7 }).where('id', '=', w.table).execute();
    const late = await post(w.app, w.secretary, `${mUrl(w, near)}/items`, {
      title: 'Punto tardivo',
      kind: 'informativa',
    });
    assert.equal(late.statusCode, 400);
    assert.match(late.body, /solo la presidente può aggiungere un punto/);
    assert.match(late.body, /value="Punto tardivo"/);
    const noReason = await post(w.app, w.chair, `${mUrl(w, near)}/items`, {
      title: 'Punto urgente',
      kind: 'informativa',
    });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /Scrivi il motivo dell’aggiunta/);
    const chair = await post(w.app, w.chair, `${mUrl(w, near)}/items`, {
      title: 'Punto urgente',
      kind: 'informativa',
      late_reason: 'Scadenza del bando regionale',
    });
    assert.equal(chair.statusCode, 303);
    assert.match(
      (await get(w.app, w.member, mUrl(w, near))).body,
      /Aggiunto dopo la chiusura.*Scadenza del bando regionale/s,
    );
    // The PII guard: a phone number in a title is refused next to the field.
    const pii = await post(w.app, w.member, `${mUrl(w, far)}/items`, {
      title: 'Chiamare il 333 1234567',
      kind: 'informativa',
    });
    assert.equal(pii.statusCode, 400);
    assert.match(pii.body, /Trovato: numero di telefono/);
  });

  test('attachments: checked from the content (an .exe named .pdf is refused), served only to members as a download', async (t) => {
    clockAt(t, AT);
    const w = await world();
    const m = await meeting(w);
    const itemId = await item(w, m);
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);
    const upload = async (u: TestUser, name: string, data: Buffer, title = 'Relazione annuale') => {
      const { cookie, token } = await csrfFor(w.app, u.cookie);
      const boundary = '----ponteprova';
      const body = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${token}\r\n`),
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\n${title}\r\n`),
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`,
        ),
        data,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return w.app.inject({
        method: 'POST',
        url: `${mUrl(w, m)}/items/${itemId}/attachments`,
        headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}`, accept: 'text/html' },
        payload: body,
      });
    };
    const bad = await upload(w.secretary, 'relazione.pdf', exe);
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /non è un PDF, un documento d’ufficio o un’immagine/);
    const big = await upload(w.secretary, 'grande.pdf', Buffer.concat([pdf, Buffer.alloc(21 * 1024 * 1024)]));
    assert.equal(big.statusCode, 400);
    assert.match(big.body, /supera i 20 MB/);
    assert.equal((await upload(w.guest, 'x.pdf', pdf)).statusCode, 403);
    const ok = await upload(w.secretary, 'relazione.pdf', pdf);
    assert.equal(ok.statusCode, 303, ok.body);
    const a = await w.db
      .selectFrom('rt_attachment')
      .select(['id', 'content_type'])
      .where('item_id', '=', itemId)
      .executeTakeFirstOrThrow();
    assert.equal(a.content_type, 'application/pdf');
    const dl = await get(w.app, w.guest, `/roundtables/${w.table}/attachments/${a.id}`);
    assert.equal(dl.statusCode, 200);
    assert.match(String(dl.headers['content-disposition']), /^attachment;/);
    assert.equal(dl.rawPayload.toString('latin1'), pdf.toString('latin1'));
    assert.equal(
      (await get(w.app, w.outsider, `/roundtables/${w.table}/attachments/${a.id}`)).statusCode,
      404,
    );
  });

  test('attendance and quorum: half of the member organisations by default', async (t) => {
    clockAt(t, AT);
    const w = await world();
    const m = await meeting(w);
    assert.equal((await get(w.app, w.member, `${mUrl(w, m)}/attendance`)).statusCode, 403);
    const bad = await post(w.app, w.secretary, `${mUrl(w, m)}/attendance`, {
      [`status_${w.chair.id}`]: 'present',
      [`arrived_${w.chair.id}`]: '10:30',
      [`left_${w.chair.id}`]: '09:00',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /L’uscita non può precedere l’arrivo/);
    assert.match(bad.body, /value="10:30"/);
    const one = await post(w.app, w.secretary, `${mUrl(w, m)}/attendance`, {
      [`status_${w.chair.id}`]: 'present',
    });
    assert.equal(one.statusCode, 303);
    assert.match(
      (await get(w.app, w.secretary, `${mUrl(w, m)}/attendance`)).body,
      /Numero legale non raggiunto: 1 enti presenti su 3 \(ne servono 2\)/,
    );
    await post(w.app, w.secretary, `${mUrl(w, m)}/attendance`, {
      [`status_${w.chair.id}`]: 'present',
      [`status_${w.secretary.id}`]: 'present',
    });
    assert.match(
      (await get(w.app, w.secretary, `${mUrl(w, m)}/attendance`)).body,
      /Numero legale raggiunto: 2 enti presenti su 3/,
    );
  });
});

describe('the verbale', () => {
  test('from draft to signed: decision, action, amendment, approval at the next meeting, two second factors', async (t) => {
    clockAt(t, AT);
    const w = await world();
    // Today at 23:00: the agenda is still open this morning; the next meeting is later the same day.
    const m = await meeting(w, { date: day(0), time: '23:00' });
    const itemId = await item(w, m);
    await post(w.app, w.secretary, `${mUrl(w, m)}/attendance`, {
      [`status_${w.chair.id}`]: 'present',
      [`status_${w.secretary.id}`]: 'present',
      [`status_${w.member.id}`]: 'present',
    });
    const base = `${mUrl(w, m)}/verbale/items/${itemId}`;
    assert.equal((await post(w.app, w.member, base, { summary_3: 'x', version: '1' })).statusCode, 403);
    const s = await post(w.app, w.secretary, base, {
      summary_3: 'Discussione sul percorso condiviso.',
      version: '1',
    });
    assert.equal(s.statusCode, 303, s.body);
    // Two people editing at once: the second, with the old version, gets 409 and nothing is overwritten.
    const stale = await post(w.app, w.chair, base, { summary_3: 'Testo della presidente', version: '1' });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /Qualcuno ha modificato questi dati mentre scrivevi/);
    assert.match(stale.body, /Testo della presidente/);
    const saved = await w.db
      .selectFrom('rt_item')
      .select('summary')
      .where('id', '=', itemId)
      .executeTakeFirstOrThrow();
    assert.equal(saved.summary, 'Discussione sul percorso condiviso.');
    const dec = await post(w.app, w.secretary, `${base}/decisions`, {
      decision_3: 'Si adotta il percorso condiviso.',
      voted_3: '1',
      favour_3: '3',
      against_3: '0',
      abstaining_3: '0',
      version: await verbaleVersion(w, m),
    });
    assert.equal(dec.statusCode, 303, dec.body);
    const noOwner = await post(w.app, w.secretary, `${base}/actions`, {
      what_3: 'Preparare il modello',
      due_on_3: day(-5),
      version: await verbaleVersion(w, m),
    });
    assert.equal(noOwner.statusCode, 400);
    assert.match(noOwner.body, /Scegli la persona responsabile/);
    assert.match(noOwner.body, /La scadenza non può precedere il giorno della seduta/);
    assert.match(noOwner.body, /Preparare il modello/);
    const act = await post(w.app, w.secretary, `${base}/actions`, {
      what_3: 'Preparare il modello',
      owner_3: w.member.id,
      due_on_3: day(20),
      review_on_3: day(10),
      version: await verbaleVersion(w, m),
    });
    assert.equal(act.statusCode, 303, act.body);
    const circ = await post(w.app, w.secretary, `${mUrl(w, m)}/verbale/circulate`, {
      amend_until: day(0),
      version: await verbaleVersion(w, m),
    });
    assert.equal(circ.statusCode, 303, circ.body);
    // A delegate who was present amends; the guest was not present.
    const am = await post(w.app, w.member, `${mUrl(w, m)}/verbale/amendments`, {
      amendment: 'Precisare i tempi.',
    });
    assert.equal(am.statusCode, 303);
    const notPresent = await post(w.app, w.guest, `${mUrl(w, m)}/verbale/amendments`, { amendment: 'Altro' });
    assert.equal(notPresent.statusCode, 400);
    assert.match(notPresent.body, /solo le delegate presenti/);
    // The approval at the next meeting, from its day.
    const future = await meeting(w, { date: day(15) });
    const early = await post(w.app, w.secretary, `${mUrl(w, future)}/approve-previous`);
    assert.equal(early.statusCode, 400);
    assert.match(early.body, /dal giorno di questa seduta/);
    const next = await meeting(w, { date: day(0), time: '23:30' });
    assert.equal((await post(w.app, w.secretary, `${mUrl(w, next)}/approve-previous`)).statusCode, 303);
    const locked = await post(w.app, w.secretary, base, {
      summary_3: 'Cambio',
      version: await verbaleVersion(w, m),
    });
    assert.equal(locked.statusCode, 400);
    assert.match(locked.body, /non si modifica più/);
    // Signatures: a wrong code, the member cannot sign, then chair and secretary with their second factor.
    const chairCode = await totpFor(w, w.chair);
    const secCode = await totpFor(w, w.secretary);
    const wrong = await post(w.app, w.chair, `${mUrl(w, m)}/verbale/sign`, { code: '000000' });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /Codice non valido/);
    assert.equal(
      (await post(w.app, w.member, `${mUrl(w, m)}/verbale/sign`, { code: '123456' })).statusCode,
      403,
    );
    const c1 = await post(w.app, w.chair, `${mUrl(w, m)}/verbale/sign`, { code: chairCode() });
    assert.equal(c1.statusCode, 303, c1.body);
    const replay = await w.db
      .selectFrom('rt_verbale')
      .select('state')
      .where('meeting_id', '=', m)
      .executeTakeFirstOrThrow();
    assert.equal(replay.state, 'approvato');
    const c2 = await post(w.app, w.secretary, `${mUrl(w, m)}/verbale/sign`, { code: secCode() });
    assert.equal(c2.statusCode, 303, c2.body);
    assert.match(String(c2.headers.location), /ok=final/);
    const v = await w.db
      .selectFrom('rt_verbale')
      .selectAll()
      .where('meeting_id', '=', m)
      .executeTakeFirstOrThrow();
    assert.equal(v.state, 'firmato');
    assert.equal(v.number, 1);
    assert.ok(v.pdf && v.pdf_sha256);
    const page = await get(w.app, w.member, `${mUrl(w, m)}/verbale`);
    assert.match(page.body, new RegExp(`Verbale n. 1/${v.year}`));
    const pdf = await get(w.app, w.member, `${mUrl(w, m)}/verbale/pdf`);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.match(String(pdf.headers['content-disposition']), /^attachment;/);
    // The stored PDF is the one in the register, tagged: language, structure tree, title shown, tables.
    assert.equal(sha256(pdf.rawPayload), v.pdf_sha256);
    const raw = pdf.rawPayload.toString('latin1');
    assert.match(raw, /\/Lang \(it-IT\)/);
    assert.match(raw, /\/StructTreeRoot/);
    assert.match(raw, /\/MarkInfo/);
    assert.match(raw, /\/DisplayDocTitle true/);
    for (const tag of ['Document', 'H1', 'H2', 'Table', 'TR', 'TH', 'TD', 'L', 'LI'])
      assert.match(raw, new RegExp(`/S /${tag}\\b`), tag);
    // Its text, read back from the same content printed with plain streams.
    const c = await verbaleContent(w.db, v.id);
    const text = pdfText(await verbalePdf(c, { compress: false, createdAt: signedAt(c) })).replace(
      /\s+/g,
      ' ',
    );
    assert.match(text, new RegExp(`Verbale n\\. 1/${v.year}`));
    assert.match(text, /Discussione sul percorso condiviso/);
    assert.match(text, /Si adotta il percorso condiviso/);
    assert.match(text, /favorevoli 3, contrari 0, astenuti 0/);
    assert.match(text, /Preparare il modello/);
    assert.match(text, /Numero legale raggiunto/);
    assert.match(text, /La presidente: Utente di prova/);
    assert.match(text, /La segretaria: Utente di prova/);
    assert.deepEqual(unformatted(text), []);
    // A member checks a copy against the register: the true copy matches, an altered one does not.
    const check = async (data: Buffer) => {
      const { cookie, token } = await csrfFor(w.app, w.member.cookie);
      const boundary = '----ponteverifica';
      return w.app.inject({
        method: 'POST',
        url: `/roundtables/${w.table}/verify`,
        headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}`, accept: 'text/html' },
        payload: Buffer.concat([
          Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${token}\r\n`),
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="v.pdf"\r\n\r\n`,
          ),
          data,
          Buffer.from(`\r\n--${boundary}--\r\n`),
        ]),
      });
    };
    const same = await check(pdf.rawPayload);
    assert.equal(same.statusCode, 200);
    assert.match(same.body, new RegExp(`La copia corrisponde al Verbale n. 1/${v.year} del registro`));
    const altered = Buffer.from(pdf.rawPayload);
    altered[altered.length - 20] ^= 1;
    assert.match((await check(altered)).body, /non corrisponde a nessun verbale firmato/);
    // A correction: a new version with a reason; the signed one stays readable.
    const corr = await post(w.app, w.secretary, `${mUrl(w, m)}/verbale/correct`, {
      reason: 'Refuso nel punto 3.',
    });
    assert.equal(corr.statusCode, 303);
    const rev = await get(w.app, w.member, `${mUrl(w, m)}/verbale/revisions/1`);
    assert.equal(rev.statusCode, 200);
    assert.match(rev.body, /Refuso nel punto 3/);
    assert.match(rev.body, /Discussione sul percorso condiviso/);
    // The old signed copy still verifies, as a superseded version.
    assert.match((await check(pdf.rawPayload)).body, /poi sostituita da una correzione/);
  });

  test('the PII guard keeps identifying data out of summaries, next to the field', async (t) => {
    clockAt(t, AT);
    const w = await world();
    const m = await meeting(w);
    const itemId = await item(w, m);
    const res = await post(w.app, w.secretary, `${mUrl(w, m)}/verbale/items/${itemId}`, {
      summary_3: 'La signora con codice fiscale RSSMRA80A41H501U ha chiesto aiuto.',
      version: '1',
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Trovato: codice fiscale/);
    assert.match(res.body, /RSSMRA80A41H501U ha chiesto aiuto/);
  });
});

describe('actions and snapshots', () => {
  test('the owner updates her action; another member cannot (403); overdue actions stand out', async (t) => {
    clockAt(t, AT);
    const w = await world();
    const m = await meeting(w, { date: day(1) });
    const itemId = await item(w, m);
    const added = await post(w.app, w.secretary, `${mUrl(w, m)}/verbale/items/${itemId}/actions`, {
      what_3: 'Raccogliere i tempi medi',
      owner_3: w.member.id,
      due_on_3: day(2),
      review_on_3: day(2),
      version: '1',
    });
    assert.equal(added.statusCode, 303, added.body);
    const x = await w.db
      .selectFrom('rt_action')
      .select(['id', 'version'])
      .where('roundtable_id', '=', w.table)
      .executeTakeFirstOrThrow();
    // Its review date raised a due item for the owner.
    const due = await w.db
      .selectFrom('rt_due')
      .selectAll()
      .where('action_id', '=', x.id)
      .executeTakeFirstOrThrow();
    assert.equal(due.user_id, w.member.id);
    assert.equal(due.due_on, day(2));
    assert.equal(due.done_at, null);
    // Weeks later (as the database would hold it then): the action is past its due and review dates.
    await w.db
      .updateTable('rt_action')
      .set({ due_on: day(-2), review_on: day(-1) })
      .where('id', '=', x.id)
      .execute();
    await w.db
      .updateTable('rt_due')
      .set({ due_on: day(-1) })
      .where('id', '=', due.id)
      .execute();
    // Her home page says it as today's: the review due and the overdue action, by name and tavolo.
    const before = await get(w.app, w.member, '/home');
    assert.match(before.body, /arrivate alla data di verifica: 1/);
    assert.match(before.body, /Oggi: da verificare «Raccogliere i tempi medi» \(Tavolo di prova/);
    assert.match(before.body, /Oggi: in ritardo dal .+ «Raccogliere i tempi medi»/);
    assert.match((await get(w.app, w.member, `/roundtables/${w.table}`)).body, /da verificare/);
    const url = `/roundtables/${w.table}/actions/${x.id}`;
    assert.equal(
      (await post(w.app, w.guest, url, { status: 'in_corso', progress: '10', version: '1' })).statusCode,
      403,
    );
    const bad = await post(w.app, w.member, url, {
      status: 'in_corso',
      progress: '150',
      note: 'Avviato',
      version: '1',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /da 0 a 100/);
    assert.match(bad.body, /Avviato/);
    const ok = await post(w.app, w.member, url, {
      status: 'in_corso',
      progress: '50',
      note: 'Avviato',
      version: '1',
    });
    assert.equal(ok.statusCode, 303);
    const tablePage = await get(w.app, w.member, `/roundtables/${w.table}`);
    assert.match(tablePage.body, /scaduta/);
    assert.match(tablePage.body, /50%/);
    // Her update after the review date is the review: the due item is done, the overdue action still said.
    const done = await w.db
      .selectFrom('rt_due')
      .selectAll()
      .where('id', '=', due.id)
      .executeTakeFirstOrThrow();
    assert.ok(done.done_at);
    assert.equal(done.done_by, w.member.id);
    assert.doesNotMatch(tablePage.body, /da verificare/);
    const home = await get(w.app, w.member, '/home');
    assert.match(home.body, /azioni scadute a tuo carico: 1/);
    assert.doesNotMatch(home.body, /data di verifica|da verificare/);
    assert.match(home.body, /Oggi: in ritardo dal/);
  });

  test('a snapshot attached by another feature is shown frozen on the meeting page', async (t) => {
    clockAt(t, AT);
    const w = await world();
    const m = await meeting(w);
    await attachSnapshot(
      w.db,
      m,
      {
        title: 'Indicatori del trimestre',
        takenAt: new Date(nowMs()),
        columns: ['Indicatore', 'Valore'],
        rows: [['Domande presentate', 12]],
      },
      w.secretary.id,
    );
    await assert.rejects(
      attachSnapshot(
        w.db,
        m,
        { title: 'x', takenAt: new Date(nowMs()), columns: ['a'], rows: [['Tel. 333 1234567']] },
        w.secretary.id,
      ),
    );
    const page = await get(w.app, w.member, mUrl(w, m));
    assert.match(page.body, /Indicatori del trimestre/);
    assert.match(page.body, /Domande presentate/);
  });
});

describe('every route of a tavolo', () => {
  test('a delegate of another tavolo gets 404 on every page and form of this one; a guest 403 on what the chair and secretary do', async (t) => {
    clockAt(t, AT);
    const w = await world();
    const m = await meeting(w);
    const itemId = await item(w, m);
    await post(w.app, w.secretary, `${mUrl(w, m)}/verbale/items/${itemId}/actions`, {
      what_3: 'Raccogliere i tempi medi',
      owner_3: w.member.id,
      due_on_3: day(20),
      version: '1',
    });
    const action = await w.db
      .selectFrom('rt_action')
      .select('id')
      .where('roundtable_id', '=', w.table)
      .executeTakeFirstOrThrow();
    const ids: Record<string, string> = {
      id: w.table,
      meetingId: m,
      itemId,
      actionId: action.id,
      attachmentId: '00000000-0000-4000-8000-000000000000',
      revision: '1',
      orgId: w.orgs.cav,
      delegateId: '00000000-0000-4000-8000-000000000000',
    };
    const routes = w.app.routeAccess.filter((r) => r.url.startsWith('/roundtables/:id'));
    assert.ok(routes.length >= 25, String(routes.length));
    const runsOnly = [
      'meetings/new',
      'POST /roundtables/:id/meetings',
      '/edit',
      '/invite',
      '/cancel',
      '/attendance',
      '/approve-previous',
      '/verbale/items/',
      '/verbale/circulate',
      '/verbale/correct',
      '/verbale/sign',
      '/calendar-replies',
    ];
    let outsiders = 0;
    let guests = 0;
    for (const r of routes) {
      const url = r.url.replace(/:(\w+)/g, (_x, name: string) => ids[name] ?? 'x');
      const send = (u: TestUser) => (r.method === 'GET' ? get(w.app, u, url) : post(w.app, u, url, {}));
      if (r.access === 'roundtables.manage') {
        assert.equal((await send(w.chair)).statusCode, 403, `${r.method} ${r.url} as a chair`);
        continue;
      }
      assert.equal(
        (await send(w.outsider)).statusCode,
        404,
        `${r.method} ${r.url} as a delegate of another tavolo`,
      );
      outsiders++;
      const key = `${r.method} ${r.url}`;
      if (runsOnly.some((p) => (p.startsWith('POST') ? key === p : key.includes(p)))) {
        assert.equal((await send(w.guest)).statusCode, 403, `${key} as a guest`);
        guests++;
      }
    }
    assert.ok(outsiders >= 20 && guests >= 10, `${outsiders} ${guests}`);
  });
});
