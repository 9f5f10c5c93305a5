import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { rulesVersion } from '@ponte/rules';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import {
  csrfFor,
  getPage,
  getTestDb,
  makeOrg,
  makeUser,
  postForm,
  type TestUser,
  testApp,
  testAt,
  testConfig,
} from '../../../test/helpers.ts';
import { pdfText } from '../../../test/pdf-text.ts';
import { startSmtp, type TestSmtp } from '../../../test/smtp.ts';
import { buildApp } from '../../app.ts';
import { createSession, SESSION_COOKIE } from '../../platform/auth/sessions.ts';
import { freezeClock, setClock } from '../../platform/clock.ts';
import { createMailer } from '../../platform/mail/mailer.ts';
import { CONTEXTS, identityHash } from './credential.ts';
import { coverageCounts } from './index.ts';
import { handleTrainingMail } from './mail.ts';
import { markRefreshersDue, sendSessionReminders } from './reminders.ts';
import { isDeskQualified } from './service.ts';

// Route tests of the training feature (issue 14), written against fixed dates: the clock starts on 26 November
// 2026; the course's sessions are on 1 and 2 December.
const test = testAt('2026-11-26T12:00:00Z');

let smtp: TestSmtp;
before(async () => {
  smtp = await startSmtp();
});
after(async () => {
  await smtp.close();
});

/** The fields of an issued credential this test reads. */
interface IssuedVc {
  '@context': string[];
  id: string;
  type: string[];
  issuer: { id: string; type: string[]; name: string };
  validFrom: string;
  validUntil: string;
  jti: string;
  nbf: number;
  exp: number;
  credentialSubject: {
    type: string[];
    creditsEarned: number;
    identifier: { type: string; hashed: boolean; identityType: string; identityHash: string; salt: string }[];
    achievement: {
      id: string;
      type: string[];
      name: string;
      description: string;
      criteria: { narrative: string };
    };
  };
}

interface World {
  cav: { id: string };
  inps: { id: string };
  other: { id: string };
  trainer: TestUser;
  otherTrainer: TestUser;
  officer: TestUser;
  officer2: TestUser;
  director: TestUser;
  operator: TestUser;
  dpo: TestUser;
}

async function world(): Promise<World> {
  const { db } = await getTestDb();
  const cav = await makeOrg(db, 'cav');
  const inps = await makeOrg(db, 'inps_office', cav.territoryId);
  const other = await makeOrg(db, 'cav');
  const admin = await makeOrg(db, 'regione');
  const w = {
    cav,
    inps,
    other,
    trainer: await makeUser(db, cav.id, ['trainer']),
    otherTrainer: await makeUser(db, other.id, ['trainer']),
    officer: await makeUser(db, inps.id, ['inps_officer']),
    officer2: await makeUser(db, inps.id, ['inps_officer']),
    director: await makeUser(db, inps.id, ['inps_director']),
    operator: await makeUser(db, cav.id, ['cav_operator']),
    dpo: await makeUser(db, admin.id, ['dpo']),
  };
  await db
    .updateTable('app_user')
    .set({ email: 'Officer.One@example.invalid' })
    .where('id', '=', w.officer.id)
    .execute();
  await db
    .updateTable('app_user')
    .set({ email: 'officer.two@example.invalid' })
    .where('id', '=', w.officer2.id)
    .execute();
  return w;
}

/** The error summary of a page refused, for a failure's message (not the whole page). */
const why = (html: string) => /error-summary[\s\S]*?<\/ul>/.exec(html)?.[0] ?? html.slice(0, 300);
/** Moves the clock and logs everyone in again (sessions expire when idle). */
async function moveClock(w: World, at: string): Promise<void> {
  const { db } = await getTestDb();
  setClock(at);
  for (const u of Object.values(w)) {
    if (!u || typeof u !== 'object' || !('cookie' in u)) continue;
    const token = await createSession(db, { userId: u.id, stage: 'active', organisationId: u.orgId }, 15);
    u.cookie = `${SESSION_COOKIE}=${token}`;
  }
}

const loc = (res: { headers: Record<string, unknown> }) =>
  String(res.headers.location ?? '').split('?')[0] as string;

/** A course with one edition (capacity 1) and two sessions of 4 hours on 1 and 2 December. */
async function courseWithEdition(w: World, o: { validity?: string; desk?: boolean } = {}) {
  const app = await testApp();
  const c = await postForm(app, w.trainer, '/formazione/corsi/nuovo', {
    title: 'Accogliere donne in difficoltà',
    direction: 'cav_inps',
    objectives: 'Riconoscere i segnali, accogliere senza giudizio, indirizzare al CAV.',
    hours: '8',
    validity_months: o.validity ?? '24',
    min_attendance_pct: '75',
    ...(o.desk === false ? {} : { desk_qualifying: '1' }),
  });
  assert.equal(c.statusCode, 303, why(c.body));
  const courseUrl = loc(c);
  const e = await postForm(app, w.trainer, `${courseUrl}/edizioni`, {
    label: 'Ancona, dicembre',
    capacity: '1',
  });
  assert.equal(e.statusCode, 303, why(e.body));
  const editionUrl = loc(e);
  for (const date of ['2026-12-01', '2026-12-02']) {
    const s = await postForm(app, w.trainer, `${editionUrl}/sessioni`, {
      trainer: w.trainer.id,
      date,
      start: '09:00',
      end: '13:00',
      mode: 'in_person',
      venue: w.cav.id,
    });
    assert.equal(s.statusCode, 303, why(s.body));
  }
  return {
    courseUrl,
    editionUrl,
    courseId: courseUrl.split('/').pop() as string,
    editionId: editionUrl.split('/').pop() as string,
  };
}

test('courses: the trainer creates one (errors next to the fields, typed values kept); others see it, cannot manage it', async () => {
  const app = await testApp();
  const w = await world();
  const bad = await postForm(app, w.trainer, '/formazione/corsi/nuovo', {
    title: 'Corso\u0000',
    direction: 'sideways',
    objectives: '',
    hours: '0',
    validity_months: 'dodici',
  });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /Scegli la direzione del corso/);
  assert.match(bad.body, /Scrivi gli obiettivi del corso/);
  assert.match(bad.body, /Scrivi le ore del corso/);
  assert.match(bad.body, /numero intero di mesi/);
  assert.match(bad.body, /value="dodici"/);
  const { courseUrl } = await courseWithEdition(w);
  const page = await getPage(app, w.operator, courseUrl);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Accogliere donne in difficoltà/);
  assert.match(page.body, /CAV → INPS/);
  assert.doesNotMatch(page.body, /Nuova edizione/, 'a reader sees no management form');
  // Another organisation's trainer: the course's management is "not found".
  const foreign = await postForm(app, w.otherTrainer, `${courseUrl}/edizioni`, { label: 'x', capacity: '3' });
  assert.equal(foreign.statusCode, 404);
  // A role without training: 403; anonymous: refused.
  assert.equal((await getPage(app, w.dpo, '/formazione')).statusCode, 403);
  assert.equal((await postForm(app, w.operator, '/formazione/corsi/nuovo', { title: 'x' })).statusCode, 403);
  const anon = await app.inject({ method: 'GET', url: courseUrl, headers: { accept: 'text/html' } });
  assert.ok([302, 401].includes(anon.statusCode));
  const list = await getPage(app, w.officer, '/formazione');
  assert.match(list.body, /Accogliere donne in difficoltà/);
});

test('materials: a link, a PDF whose type is read from its content, a renamed text file refused', async () => {
  const app = await testApp();
  const w = await world();
  const { courseUrl } = await courseWithEdition(w);
  const badLink = await postForm(app, w.trainer, `${courseUrl}/link`, {
    title: 'Protocollo',
    url: 'javascript:alert(1)',
  });
  assert.equal(badLink.statusCode, 400);
  assert.match(badLink.body, /https:\/\//);
  const link = await postForm(app, w.trainer, `${courseUrl}/link`, {
    title: 'Protocollo',
    url: 'https://example.invalid/protocollo',
  });
  assert.equal(link.statusCode, 303);
  const upload = async (user: TestUser, filename: string, data: Buffer) => {
    const { cookie, token } = await csrfFor(app, user.cookie, courseUrl);
    const boundary = 'ponteBoundary42';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${token}\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file_title"\r\n\r\nDispensa\r\n`),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      data,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return app.inject({
      method: 'POST',
      url: `${courseUrl}/file`,
      headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}`, accept: 'text/html' },
      payload: body,
    });
  };
  const fake = await upload(w.trainer, 'dispensa.pdf', Buffer.from('solo testo, non un PDF'));
  assert.equal(fake.statusCode, 400);
  assert.match(fake.body, /letto dal contenuto/);
  assert.match(fake.body, /value="Dispensa"/);
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
  const ok = await upload(w.trainer, 'dispensa.pdf', pdf);
  assert.equal(ok.statusCode, 303, why(ok.body));
  assert.equal((await upload(w.otherTrainer, 'dispensa.pdf', pdf)).statusCode, 404);
  const page = await getPage(app, w.officer, courseUrl);
  const href = /href="(\/formazione\/materiali\/[0-9a-f-]+)"/.exec(page.body)?.[1] as string;
  const dl = await getPage(app, w.officer, href);
  assert.equal(dl.statusCode, 200);
  assert.equal(dl.headers['content-type'], 'application/pdf');
  assert.deepEqual(dl.rawPayload, pdf);
});

test('sessions: a trainer cannot hold two overlapping sessions; the premises are never a shelter', async () => {
  const app = await testApp();
  const { db } = await getTestDb();
  const w = await world();
  const { editionUrl } = await courseWithEdition(w);
  const clash = await postForm(app, w.trainer, `${editionUrl}/sessioni`, {
    trainer: w.trainer.id,
    date: '2026-12-01',
    start: '12:00',
    end: '14:00',
    mode: 'online',
    url: 'https://meet.example.invalid/x',
  });
  assert.equal(clash.statusCode, 400);
  assert.match(clash.body, /già un’altra sessione in questo orario/);
  assert.match(clash.body, /value="12:00"/);
  const shelter = await makeOrg(db, 'shelter');
  const refuge = await postForm(app, w.trainer, `${editionUrl}/sessioni`, {
    trainer: w.trainer.id,
    date: '2026-12-03',
    start: '09:00',
    end: '10:00',
    mode: 'in_person',
    venue: shelter.id,
  });
  assert.equal(refuge.statusCode, 400);
  assert.match(refuge.body, /Scegli la sede tra quelle della rete/);
  const page = await getPage(app, w.trainer, editionUrl);
  assert.doesNotMatch(page.body, new RegExp(shelter.id));
});

test('enrolment: a place, then the waiting list (said so); a freed place moves the first up and she gets an e-mail with an ICS REQUEST', async () => {
  const app = await testApp();
  const { db } = await getTestDb();
  const w = await world();
  const { editionUrl, editionId } = await courseWithEdition(w);
  const one = await postForm(app, w.officer, `${editionUrl}/iscrizione`);
  assert.equal(one.headers.location, `${editionUrl}?ok=enrolled`);
  // Her director enrols the second officer: the edition is full, so the waiting list.
  const two = await postForm(app, w.director, `${editionUrl}/iscrizione`, { person: w.officer2.id });
  assert.equal(two.headers.location, `${editionUrl}?ok=waiting`);
  const page = await app.inject({
    method: 'GET',
    url: `${editionUrl}?ok=waiting`,
    headers: { cookie: w.director.cookie },
  });
  assert.match(page.body, /lista d’attesa/);
  // A coordinator cannot enrol someone of another organisation.
  const foreign = await postForm(app, w.director, `${editionUrl}/iscrizione`, { person: w.operator.id });
  assert.equal(foreign.statusCode, 400);
  assert.match(foreign.body, /Scegli una persona della tua organizzazione/);
  const waitingPage = await getPage(app, w.officer2, editionUrl);
  assert.match(waitingPage.body, /posizione 1/);
  // The first withdraws: the second is moved up.
  assert.equal((await postForm(app, w.officer, `${editionUrl}/ritiro`)).statusCode, 303);
  const jobs = await db.selectFrom('job').select(['payload']).where('kind', '=', 'training.mail').execute();
  const mine = jobs
    .map(
      (j) => (typeof j.payload === 'string' ? JSON.parse(j.payload) : j.payload) as Record<string, unknown>,
    )
    .filter((p) => ['enrolled', 'waiting', 'promoted'].includes(String(p.change)));
  const promoted = mine.find((p) => p.change === 'promoted');
  assert.ok(promoted, 'a promotion job');
  const mailer = createMailer({
    smtpUrl: smtp.url,
    mailFrom: 'Ponte <noreply@ponte.invalid>',
    dataDir: null,
  });
  smtp.clear();
  assert.equal(await handleTrainingMail(db, mailer, promoted, 'Ponte <noreply@ponte.invalid>'), 'sent');
  const got = smtp.to('officer.two@example.invalid');
  assert.equal(got.length, 1);
  assert.match(got[0]?.subject ?? '', /Si è liberato un posto/);
  const ics = got[0]?.leaves.find((l) => /text\/calendar/i.test(l.contentType));
  assert.ok(ics, 'a calendar part');
  assert.match(ics.contentType, /method=REQUEST/i);
  const body = ics.body.replace(/\r\n[ \t]/g, '');
  assert.match(body, /METHOD:REQUEST/);
  assert.equal((body.match(/BEGIN:VEVENT/g) ?? []).length, 2);
  assert.match(body, /ORGANIZER[^\n]*mailto:noreply@ponte\.invalid/i);
  assert.match(body, /ATTENDEE[^\n]*RSVP=TRUE[^\n]*mailto:officer\.two@example\.invalid/i);
  assert.match(body, /DTSTART[^\n]*20261201T080000Z|DTSTART;TZID=[^:]+:20261201T090000/);
  // Her withdrawn enrolment's job is now stale: nothing sent.
  const first = mine.find((p) => p.change === 'enrolled');
  assert.ok(first);
  assert.equal(await handleTrainingMail(db, mailer, first, 'Ponte <noreply@ponte.invalid>'), 'stale');
  mailer.close();
  assert.ok(editionId);
});

test('attendance, completion, certificate (OB 3.0 VC-JWT verified with jose), PDF read back, /verifica, revocation, desks', async () => {
  const app = await testApp();
  const { db } = await getTestDb();
  const w = await world();
  const { editionUrl, editionId, courseId } = await courseWithEdition(w, { validity: '12' });
  await postForm(app, w.officer, `${editionUrl}/iscrizione`);
  const sessionsPage = await getPage(app, w.trainer, editionUrl);
  const sessionUrls = [
    ...sessionsPage.body.matchAll(/href="(\/formazione\/sessioni\/[0-9a-f-]+\/presenze)"/g),
  ].map((m) => m[1] as string);
  assert.equal(sessionUrls.length, 2);
  // Someone not enrolled: refused, nothing recorded.
  const notEnrolled = await postForm(app, w.trainer, sessionUrls[0] as string, {
    [`att_${w.officer2.id}`]: 'present',
  });
  assert.equal(notEnrolled.statusCode, 400);
  assert.match(notEnrolled.body, /non è iscritta all’edizione/);
  const badStatus = await postForm(app, w.trainer, sessionUrls[0] as string, {
    [`att_${w.officer.id}`]: 'asleep',
  });
  assert.equal(badStatus.statusCode, 400);
  assert.equal((await postForm(app, w.otherTrainer, sessionUrls[0] as string, {})).statusCode, 404);
  assert.equal(
    (await postForm(app, w.trainer, sessionUrls[0] as string, { [`att_${w.officer.id}`]: 'present' }))
      .statusCode,
    303,
  );
  // Before the course is over: no certificate.
  const early = await postForm(app, w.trainer, `${editionUrl}/attestati`, { person: w.officer.id });
  assert.equal(early.statusCode, 400);
  assert.match(early.body, /non è ancora finito/);
  await moveClock(w, '2026-12-03T10:00:00Z');
  // Stopped there: the certificate's validFrom (whole seconds) is the instant checked below, however long the
  // requests before its issue take on a busy machine.
  freezeClock('2026-12-03T10:00:00Z');
  assert.equal(await isDeskQualified(db, w.officer.id), false);
  // One session of two (50%) is below the 75% share: not completed.
  const half = await postForm(app, w.trainer, `${editionUrl}/attestati`, { person: w.officer.id });
  assert.equal(half.statusCode, 400);
  assert.match(half.body, /ha frequentato il 50%/);
  assert.equal(
    (await postForm(app, w.trainer, sessionUrls[1] as string, { [`att_${w.officer.id}`]: 'late' }))
      .statusCode,
    303,
  );
  const issued = await postForm(app, w.trainer, `${editionUrl}/attestati`, { person: w.officer.id });
  assert.equal(issued.statusCode, 303, why(issued.body));
  assert.equal(await isDeskQualified(db, w.officer.id), true);

  // "I miei attestati": hers only.
  const mine = await getPage(app, w.officer, '/formazione/attestati');
  assert.match(mine.body, /Nel 2026: 8 ore di formazione su un obiettivo di 40 ore/);
  const certId = /\/formazione\/attestati\/([0-9a-f-]+)\/pdf/.exec(mine.body)?.[1] as string;
  assert.equal((await getPage(app, w.officer2, `/formazione/attestati/${certId}/pdf`)).statusCode, 404);
  const jwtRes = await getPage(app, w.officer, `/formazione/attestati/${certId}/credenziale`);
  assert.equal(jwtRes.statusCode, 200);
  const jwt = jwtRes.body;

  // An independent verification with jose and the JWKS Ponte publishes.
  const keys = await app.inject({ method: 'GET', url: '/verifica/chiavi' });
  assert.equal(keys.statusCode, 200);
  assert.equal(keys.cookies.length, 0);
  const jwksSet = createLocalJWKSet(keys.json());
  assert.equal(decodeProtectedHeader(jwt).typ, 'vc+jwt');
  const { payload } = await jwtVerify(jwt, jwksSet, {
    issuer: 'http://localhost:3000/verifica/emittente',
    currentDate: new Date('2026-12-03T10:00:00Z'),
  });
  const vc = payload as unknown as IssuedVc;
  assert.deepEqual(vc['@context'], [...CONTEXTS]);
  assert.deepEqual(vc['@context'][0], 'https://www.w3.org/ns/credentials/v2');
  assert.match(
    vc['@context'][1],
    /^https:\/\/purl\.imsglobal\.org\/spec\/ob\/v3p0\/context-3\.0\.\d+\.json$/,
  );
  assert.ok(vc.type.includes('VerifiableCredential') && vc.type.includes('OpenBadgeCredential'));
  assert.equal(vc.issuer.id, 'http://localhost:3000/verifica/emittente');
  assert.ok(vc.issuer.type.includes('Profile'));
  assert.ok(vc.issuer.name);
  assert.equal(vc.validFrom, '2026-12-03T10:00:00Z');
  assert.equal(vc.validUntil, '2027-12-03T10:00:00Z');
  assert.equal(vc.jti, vc.id);
  assert.equal(vc.nbf, Date.parse(vc.validFrom) / 1000);
  assert.equal(vc.exp, Date.parse(vc.validUntil) / 1000);
  const subject = vc.credentialSubject;
  assert.ok(subject.type.includes('AchievementSubject'));
  assert.equal(subject.creditsEarned, 8);
  const ident = subject.identifier[0];
  assert.equal(ident.type, 'IdentityObject');
  assert.equal(ident.hashed, true);
  assert.equal(ident.identityType, 'emailAddress');
  assert.equal(ident.identityHash, identityHash('officer.one@example.invalid', ident.salt));
  assert.doesNotMatch(jwt + JSON.stringify(vc), /example\.invalid|Utente di prova/);
  const ach = subject.achievement;
  assert.equal(ach.id, `urn:uuid:${courseId}`);
  assert.ok(ach.type.includes('Achievement'));
  assert.equal(ach.name, 'Accogliere donne in difficoltà');
  assert.match(ach.description, /Riconoscere i segnali/);
  assert.ok(ach.criteria.narrative);

  // The PDF, read back: text and structure.
  const pdfRes = await getPage(app, w.officer, `/formazione/attestati/${certId}/pdf?plain=1`);
  assert.equal(pdfRes.headers['content-type'], 'application/pdf');
  const pdf = pdfRes.rawPayload;
  const text = pdfText(pdf);
  const code = /PNT-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}/.exec(text)?.[0] as string;
  assert.ok(code, text);
  for (const s of [
    'Attestato di formazione',
    'Utente di prova',
    'Accogliere donne in difficoltà',
    'CAV → INPS',
    '1 dicembre 2026',
    '2 dicembre 2026',
    '3 dicembre 2027',
    `verifica?codice=${code}`,
  ])
    assert.ok(text.includes(s), `${s} in ${text}`);
  const raw = pdf.toString('latin1');
  for (const mark of [
    /\/StructTreeRoot/,
    /\/MarkInfo/,
    /\/Marked true/,
    /\/Lang \(it\)/,
    /\/DisplayDocTitle true/,
    /\/S \/H1/,
    /\/S \/Figure/,
    /\/Alt \(/,
  ])
    assert.ok(mark.test(raw), `the PDF has ${mark}`);

  // /verifica by code: the certified fields and the state; no cookie.
  const ok = await app.inject({ method: 'GET', url: `/verifica?codice=${code.toLowerCase()}` });
  assert.equal(ok.statusCode, 200);
  assert.equal(ok.cookies.length, 0);
  assert.match(ok.headers['cache-control'] as string, /no-store/);
  for (const s of [
    'Valido fino al 3 dicembre 2027',
    'Accogliere donne in difficoltà',
    'CAV → INPS',
    'dal 1 dicembre 2026 al 2 dicembre 2026',
  ])
    assert.ok(ok.body.includes(s), s);
  assert.match(ok.body, /Esci subito/);
  const malformed = await app.inject({ method: 'GET', url: '/verifica?codice=%27%3B--drop' });
  assert.equal(malformed.statusCode, 200);
  assert.match(malformed.body, /Questo non è un codice di verifica/);
  const unknown = await app.inject({ method: 'GET', url: '/verifica?codice=PNT-AAAA-BBBB-CCCC' });
  assert.match(unknown.body, /Nessun attestato ha il codice PNT-AAAA-BBBB-CCCC/);

  // POST of the JWT, of a JWT with one character changed, of the JSON, of the JSON with one character changed.
  const post = (credenziale: string) =>
    app.inject({
      method: 'POST',
      url: '/verifica',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ credenziale }).toString(),
    });
  const good = await post(jwt);
  assert.equal(good.statusCode, 200);
  assert.match(good.body, /Valido fino al 3 dicembre 2027/);
  const parts = jwt.split('.');
  const p1 = parts[1] as string;
  const flipped = p1.slice(0, 10) + (p1[10] === 'A' ? 'B' : 'A') + p1.slice(11);
  const tampered = await post([parts[0], flipped, parts[2]].join('.'));
  assert.equal(tampered.statusCode, 200);
  assert.match(tampered.body, /La firma non corrisponde/);
  const sig = parts[2] as string;
  const badSig = await post([parts[0], parts[1], (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1)].join('.'));
  assert.match(badSig.body, /La firma non corrisponde/);
  const json = JSON.stringify(vc);
  assert.match((await post(json)).body, /Valido fino al 3 dicembre 2027/);
  assert.match(
    (await post(json.replace('"creditsEarned":8', '"creditsEarned":9'))).body,
    /La firma non corrisponde/,
  );
  assert.match((await post(json.replace('difficoltà', 'difficoltá'))).body, /La firma non corrisponde/);
  assert.match((await post('{"id": ')).body, /non è un JSON leggibile/);
  assert.match((await post('not.a.jwt!')).body, /non è una credenziale firmata/);
  const enveloped = JSON.stringify({
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    type: 'EnvelopedVerifiableCredential',
    id: `data:application/vc+jwt,${jwt}`,
  });
  assert.match((await post(enveloped)).body, /Valido fino al 3 dicembre 2027/);

  // Coverage: counted; "<5" from another organisation.
  const counts = await coverageCounts(db);
  assert.ok(counts.some((c) => c.organisationId === w.inps.id && c.courseId === courseId && c.count === 1));
  const covOwn = await getPage(app, w.trainer, '/formazione/copertura');
  assert.equal(covOwn.statusCode, 200);
  const covOther = await getPage(app, w.otherTrainer, '/formazione/copertura');
  assert.match(covOther.body, /meno di 5/);
  assert.equal((await getPage(app, w.operator, '/formazione/copertura')).statusCode, 403);
  // …and on the monitoring dashboard (issue 15): the network's coverage by course and kind of organisation, with the
  // dashboard's suppression — one certified officer is a count below the threshold, never shown as "1".
  const dash = await getPage(app, w.director, '/monitoring');
  assert.equal(dash.statusCode, 200);
  const title = 'Accogliere donne in difficoltà';
  const row = new RegExp(`<tr><th scope="row">${title}</th>([\\s\\S]*?)</tr>`).exec(dash.body);
  assert.ok(row, 'the course has its row in the training section');
  assert.match(row[1]!, /data-status="primary">&lt;\d+</);
  assert.doesNotMatch(row[1]!, />1</);

  // Revocation: a reason is needed; audited; /verifica says revoked with the date, not the reason; desks no more.
  const revokeUrl = `/formazione/attestati/${certId}/revoca`;
  assert.equal((await getPage(app, w.otherTrainer, revokeUrl)).statusCode, 404);
  const noReason = await postForm(app, w.trainer, revokeUrl, { reason: '' });
  assert.equal(noReason.statusCode, 400);
  assert.match(noReason.body, /Scrivi il motivo della revoca/);
  await moveClock(w, '2026-12-10T10:00:00Z');
  assert.equal(
    (await postForm(app, w.trainer, revokeUrl, { reason: 'Firma del registro non autentica' })).statusCode,
    303,
  );
  const trail = await db.selectFrom('audit_log').select('action').where('entity_id', '=', certId).execute();
  assert.ok(trail.some((a) => a.action === 'training.certificate.revoke'));
  const revoked = await app.inject({ method: 'GET', url: `/verifica?codice=${code}` });
  assert.match(revoked.body, /Revocato il 10 dicembre 2026/);
  assert.doesNotMatch(revoked.body, /non autentica/);
  assert.match((await post(jwt)).body, /Revocato il 10 dicembre 2026/);
  assert.equal(await isDeskQualified(db, w.officer.id), false);
  assert.ok(!(await coverageCounts(db)).some((c) => c.courseId === courseId));
  assert.ok(editionId);
});

test('an expired certificate: /verifica says so with the date; it stops qualifying for the desks', async () => {
  const app = await testApp();
  const { db } = await getTestDb();
  const w = await world();
  const { editionUrl } = await courseWithEdition(w, { validity: '1' });
  await postForm(app, w.officer, `${editionUrl}/iscrizione`);
  const page = await getPage(app, w.trainer, editionUrl);
  for (const url of [...page.body.matchAll(/href="(\/formazione\/sessioni\/[0-9a-f-]+\/presenze)"/g)].map(
    (m) => m[1] as string,
  ))
    await postForm(app, w.trainer, url, { [`att_${w.officer.id}`]: 'present' });
  await moveClock(w, '2026-12-03T10:00:00Z');
  assert.equal(
    (await postForm(app, w.trainer, `${editionUrl}/attestati`, { person: w.officer.id })).statusCode,
    303,
  );
  const code = (
    await db
      .selectFrom('training_certificate')
      .select('code')
      .where('user_id', '=', w.officer.id)
      .executeTakeFirstOrThrow()
  ).code;
  // Due for a refresher within 60 days: on her page and on the coverage page of her... organisation of enrolment.
  assert.match((await getPage(app, w.officer, '/formazione/attestati')).body, /serve un aggiornamento/);
  await moveClock(w, '2027-02-01T10:00:00Z');
  const res = await app.inject({ method: 'GET', url: `/verifica?codice=${code}` });
  assert.match(res.body, /Scaduto il 3 gennaio 2027/);
  assert.equal(await isDeskQualified(db, w.officer.id), false);
});

test('recognised earlier training: the director records it with a reason (audited), and may revoke it', async () => {
  const app = await testApp();
  const { db } = await getTestDb();
  const w = await world();
  const noReason = await postForm(app, w.director, '/formazione/riconoscimenti', {
    person: w.officer2.id,
    reason: '',
  });
  assert.equal(noReason.statusCode, 400);
  assert.match(noReason.body, /il motivo è obbligatorio/);
  const foreign = await postForm(app, w.director, '/formazione/riconoscimenti', {
    person: w.operator.id,
    reason: 'Corso 2024',
  });
  assert.equal(foreign.statusCode, 400);
  const ok = await postForm(app, w.director, '/formazione/riconoscimenti', {
    person: w.officer2.id,
    reason: 'Corso regionale sull’accoglienza, 2024',
    expires_on: '2027-06-30',
  });
  assert.equal(ok.statusCode, 303);
  assert.equal(await isDeskQualified(db, w.officer2.id), true);
  const page = await getPage(app, w.director, '/formazione/riconoscimenti');
  assert.match(page.body, /Corso regionale sull’accoglienza, 2024/);
  const recId = /\/formazione\/riconoscimenti\/([0-9a-f-]+)\/revoca/.exec(page.body)?.[1] as string;
  const other = await makeOrg(db, 'inps_office');
  const otherDirector = await makeUser(db, other.id, ['inps_director']);
  assert.equal(
    (await postForm(app, otherDirector, `/formazione/riconoscimenti/${recId}/revoca`)).statusCode,
    404,
  );
  assert.equal(
    (await postForm(app, w.director, `/formazione/riconoscimenti/${recId}/revoca`)).statusCode,
    303,
  );
  assert.equal(await isDeskQualified(db, w.officer2.id), false);
  const trail = await db
    .selectFrom('audit_log')
    .select('action')
    .where('entity_id', '=', w.officer2.id)
    .execute();
  assert.deepEqual(trail.map((a) => a.action).sort(), [
    'training.recognition.add',
    'training.recognition.revoke',
  ]);
  assert.equal((await getPage(app, w.officer, '/formazione/riconoscimenti')).statusCode, 403);
});

test('the badge key: a configuration without one signs with a key that verifies; a wrong key is refused at start-up', async () => {
  const c1 = testConfig();
  assert.match(c1.badgeKey, /BEGIN PRIVATE KEY/);
  const { loadConfig } = await import('../../config.ts');
  assert.throws(
    () =>
      loadConfig(
        {
          NODE_ENV: 'test',
          PONTE_SECRET: 'test-secret-test-secret-test-secret-0123',
          PONTE_BADGE_KEY: 'nope',
        },
        { dataDir: null },
      ),
    /PONTE_BADGE_KEY/,
  );
  const database = await getTestDb();
  const app = await buildApp({ config: c1, database, logger: false });
  const res = await app.inject({ method: 'GET', url: '/verifica/emittente' });
  assert.equal(res.json().id, 'http://localhost:3000/verifica/emittente');
  await app.close();
});

test('final quiz: the trainer writes it (bad input told next to the field); she takes it after enough hours, with limited attempts; the certificate needs the pass', async () => {
  const app = await testApp();
  const w = await world();
  const { courseUrl, editionUrl } = await courseWithEdition(w);
  const quizUrl = `${courseUrl}/quiz`;
  await postForm(app, w.officer, `${editionUrl}/iscrizione`);
  // Only the course's own trainers manage it: another organisation's is "not found", an officer is refused.
  assert.equal((await getPage(app, w.otherTrainer, quizUrl)).statusCode, 404);
  assert.equal((await getPage(app, w.officer, quizUrl)).statusCode, 403);
  assert.equal(
    (await postForm(app, w.otherTrainer, quizUrl, { pass_pct: '50', max_attempts: '2' })).statusCode,
    404,
  );
  // A question before the settings, then bad settings: refused with a message, what was typed kept.
  const early = await postForm(app, w.trainer, `${quizUrl}/domande`, {
    question: 'Cosa fa il CAV?',
    option_1: 'Accoglie',
    option_2: 'Giudica',
    correct: '1',
  });
  assert.equal(early.statusCode, 400);
  assert.match(early.body, /Salva prima la soglia/);
  const bad = await postForm(app, w.trainer, quizUrl, { pass_pct: '0', max_attempts: 'tre' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /numero intero da 1 a 100/);
  assert.match(bad.body, /numero intero da 1 a 10\./);
  assert.match(bad.body, /value="tre"/);
  assert.equal(
    (await postForm(app, w.trainer, quizUrl, { pass_pct: '100', max_attempts: '2' })).statusCode,
    303,
  );
  // A question needs two options, and the right answer among those written.
  const oneOption = await postForm(app, w.trainer, `${quizUrl}/domande`, {
    question: 'Cosa fa il CAV?',
    option_1: 'Accoglie',
    correct: '1',
  });
  assert.equal(oneOption.statusCode, 400);
  assert.match(oneOption.body, /Scrivi almeno due opzioni/);
  const wrongRight = await postForm(app, w.trainer, `${quizUrl}/domande`, {
    question: 'Cosa fa il CAV?',
    option_1: 'Giudica',
    option_2: 'Accoglie',
    correct: '4',
  });
  assert.equal(wrongRight.statusCode, 400);
  assert.match(wrongRight.body, /Scegli quale opzione è quella giusta/);
  const questions: Record<string, string>[] = [
    { question: 'Cosa fa il CAV?', option_1: 'Giudica', option_3: 'Accoglie', correct: '3' },
    { question: 'Chi decide il percorso?', option_1: 'La donna', option_2: 'L’operatrice', correct: '1' },
  ];
  for (const q of questions)
    assert.equal((await postForm(app, w.trainer, `${quizUrl}/domande`, q)).statusCode, 303);
  const manage = await getPage(app, w.trainer, quizUrl);
  assert.match(manage.body, /Accoglie<strong> \(risposta giusta\)<\/strong>/);

  // Before enough hours: the quiz is not open, an attempt is refused.
  const take = `${editionUrl}/quiz`;
  const closed = await getPage(app, w.officer, take);
  assert.equal(closed.statusCode, 200);
  assert.match(closed.body, /Il quiz si apre quando hai frequentato abbastanza ore: finora il 0%/);
  assert.equal((await postForm(app, w.officer, take, {})).statusCode, 400);
  assert.equal((await getPage(app, w.officer2, take)).statusCode, 404);
  const sessionUrls = [
    ...(await getPage(app, w.trainer, editionUrl)).body.matchAll(
      /href="(\/formazione\/sessioni\/[0-9a-f-]+\/presenze)"/g,
    ),
  ].map((m) => m[1] as string);
  for (const s of sessionUrls)
    assert.equal((await postForm(app, w.trainer, s, { [`att_${w.officer.id}`]: 'present' })).statusCode, 303);
  const open = await getPage(app, w.officer, take);
  const ids = [...new Set([...open.body.matchAll(/name="q_([0-9a-f-]+)"/g)].map((m) => m[1] as string))];
  assert.equal(ids.length, 2);
  const [q1, q2] = ids as [string, string];
  // An answer that is not one of the options, or none: told next to the question, nothing counted.
  const outOfRange = await postForm(app, w.officer, take, { [`q_${q1}`]: '5' });
  assert.equal(outOfRange.statusCode, 400);
  assert.equal((outOfRange.body.match(/Scegli una delle risposte proposte/g) ?? []).length >= 2, true);
  // Two wrong attempts use up the two allowed.
  for (const n of [1, 2]) {
    const r = await postForm(app, w.officer, take, { [`q_${q1}`]: '0', [`q_${q2}`]: '0' });
    assert.equal(r.statusCode, 303);
    assert.match(String(r.headers.location), /ok=quizFailed/);
    assert.match(
      (await getPage(app, w.officer, take)).body,
      new RegExp(`Tentativo ${n}: 50% di risposte giuste, non superato`),
    );
  }
  const spent = await postForm(app, w.officer, take, { [`q_${q1}`]: '1', [`q_${q2}`]: '0' });
  assert.equal(spent.statusCode, 400);
  assert.match(spent.body, /Hai usato tutti i 2 tentativi/);
  // After the course: no certificate without the pass.
  await moveClock(w, '2026-12-03T10:00:00Z');
  const noPass = await postForm(app, w.trainer, `${editionUrl}/attestati`, { person: w.officer.id });
  assert.equal(noPass.statusCode, 400);
  assert.match(noPass.body, /non ha ancora superato il quiz finale/);
  // The trainer allows a third attempt; she passes, and cannot take it again.
  assert.equal(
    (await postForm(app, w.trainer, quizUrl, { pass_pct: '100', max_attempts: '3' })).statusCode,
    303,
  );
  const pass = await postForm(app, w.officer, take, { [`q_${q1}`]: '1', [`q_${q2}`]: '0' });
  assert.match(String(pass.headers.location), /ok=quizPassed/);
  assert.match((await getPage(app, w.officer, take)).body, /Hai già superato il quiz finale/);
  assert.equal(
    (await postForm(app, w.officer, take, { [`q_${q1}`]: '1', [`q_${q2}`]: '0' })).statusCode,
    400,
  );
  const issued = await postForm(app, w.trainer, `${editionUrl}/attestati`, { person: w.officer.id });
  assert.equal(issued.statusCode, 303, why(issued.body));
});

test('feedback questionnaire: after the course, answers kept without the person (a separate marker stops a second answer); the trainer sees totals only from 5 answers', async () => {
  const app = await testApp();
  const { db } = await getTestDb();
  const w = await world();
  const { courseUrl } = await courseWithEdition(w);
  const ed = await postForm(app, w.trainer, `${courseUrl}/edizioni`, { label: 'Pesaro', capacity: '6' });
  const editionUrl = loc(ed);
  const editionId = editionUrl.split('/').pop() as string;
  const session = await postForm(app, w.trainer, `${editionUrl}/sessioni`, {
    trainer: w.trainer.id,
    date: '2026-12-01',
    start: '14:00',
    end: '17:00',
    mode: 'in_person',
    venue: w.cav.id,
  });
  assert.equal(session.statusCode, 303, why(session.body));
  const more = [];
  for (let i = 0; i < 4; i++) more.push(await makeUser(db, w.inps.id, ['inps_officer']));
  const people = [w.officer, w.officer2, ...more];
  for (const p of people) assert.equal((await postForm(app, p, `${editionUrl}/iscrizione`)).statusCode, 303);
  const form = `${editionUrl}/questionario`;
  // Before the course is over: not open. Someone not enrolled: not found.
  assert.match(
    (await getPage(app, w.officer, form)).body,
    /Il questionario si apre quando il corso è finito/,
  );
  assert.equal((await postForm(app, w.officer, form, { usefulness: '4', clarity: '4' })).statusCode, 400);
  assert.equal((await getPage(app, w.operator, form)).statusCode, 404);
  await moveClock(
    { ...w, ...Object.fromEntries(more.map((u, i) => [`p${i}`, u])) } as World,
    '2026-12-03T10:00:00Z',
  );
  assert.match((await getPage(app, w.officer, editionUrl)).body, /Rispondi al questionario di gradimento/);
  // Out of the scale: told next to the field, the comment kept.
  const bad = await postForm(app, w.officer, form, { usefulness: '9', comment: 'Utile davvero' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /Scegli un valore da 1 a 5/);
  assert.match(bad.body, /Utile davvero/);
  const answers: Record<string, string>[] = [
    { usefulness: '5', clarity: '4', comment: 'Zeta: più casi pratici' },
    { usefulness: '4', clarity: '4', comment: 'Alfa: ben fatto' },
    { usefulness: '3', clarity: '5' },
    { usefulness: '5', clarity: '3' },
    { usefulness: '4', clarity: '5' },
  ];
  for (const [i, a] of answers.slice(0, 4).entries()) {
    const r = await postForm(app, people[i] as TestUser, form, a);
    assert.equal(r.statusCode, 303, why(r.body));
  }
  // A second answer is refused; the link is gone.
  const again = await postForm(app, w.officer, form, { usefulness: '1', clarity: '1' });
  assert.equal(again.statusCode, 400);
  assert.match(again.body, /Hai già risposto/);
  assert.doesNotMatch((await getPage(app, w.officer, editionUrl)).body, /Rispondi al questionario/);
  // Four answers: the trainer sees the count only.
  const four = await getPage(app, w.trainer, editionUrl);
  assert.match(four.body, /Risposte al questionario finora: 4/);
  assert.doesNotMatch(four.body, /Alfa: ben fatto|Media/);
  assert.equal(
    (await postForm(app, people[4] as TestUser, form, answers[4] as Record<string, string>)).statusCode,
    303,
  );
  const five = await getPage(app, w.trainer, editionUrl);
  assert.match(five.body, /Risposte al questionario: 5\./);
  assert.match(five.body, /<td>Quanto ti è stato utile il corso\?<\/td><td>4,2<\/td>/);
  assert.ok(five.body.indexOf('Alfa: ben fatto') < five.body.indexOf('Zeta: più casi pratici'));
  // Only the totals reach the trainer: she who answered does not see them, and nothing stored ties an answer to her.
  assert.doesNotMatch((await getPage(app, w.officer, editionUrl)).body, /Risposte al questionario: 5/);
  const columns = await db
    .selectFrom('information_schema.columns' as never)
    .select('column_name' as never)
    .where('table_name' as never, '=', 'training_feedback' as never)
    .execute();
  assert.deepEqual((columns as { column_name: string }[]).map((c) => c.column_name).sort(), [
    'clarity',
    'comment',
    'edition_id',
    'id',
    'usefulness',
  ]);
  const stored = JSON.stringify(
    await db.selectFrom('training_feedback').selectAll().where('edition_id', '=', editionId).execute(),
  );
  for (const p of people) assert.ok(!stored.includes(p.id));
  const given = await db
    .selectFrom('training_feedback_given')
    .select('user_id')
    .where('edition_id', '=', editionId)
    .execute();
  assert.equal(given.length, 5);
});

test('reminders: the e-mail 24 hours before a session with its ICS REQUEST, once; a refresher due within 60 days marked once, told to her and her director, counted on the director’s home page', async () => {
  const app = await testApp();
  const { db } = await getTestDb();
  const w = await world();
  // Addresses of this test only: the database is shared with the other tests, whose sessions fall on the same days.
  await db
    .updateTable('app_user')
    .set({ email: 'director@example.invalid' })
    .where('id', '=', w.director.id)
    .execute();
  await db
    .updateTable('app_user')
    .set({ email: 'reminded@example.invalid' })
    .where('id', '=', w.officer.id)
    .execute();
  await db
    .updateTable('app_user')
    .set({ email: 'waiting@example.invalid' })
    .where('id', '=', w.officer2.id)
    .execute();
  const { editionUrl } = await courseWithEdition(w, { validity: '1' });
  await postForm(app, w.officer, `${editionUrl}/iscrizione`);
  await postForm(app, w.officer2, `${editionUrl}/iscrizione`); // the waiting list: no reminder
  const from = 'Ponte <noreply@ponte.invalid>';
  const mailer = createMailer({ smtpUrl: smtp.url, mailFrom: from, dataDir: null });
  smtp.clear();
  // Two days before: nothing yet. The day before the first session: one reminder, once.
  assert.equal(await sendSessionReminders(db, mailer, from, new Date('2026-11-29T09:00:00Z')), 0);
  assert.ok((await sendSessionReminders(db, mailer, from, new Date('2026-11-30T09:00:00Z'))) >= 1);
  assert.equal(await sendSessionReminders(db, mailer, from, new Date('2026-11-30T10:00:00Z')), 0);
  const got = smtp.to('reminded@example.invalid');
  assert.equal(got.length, 1);
  assert.match(got[0]?.subject ?? '', /Promemoria/);
  assert.equal(smtp.to('waiting@example.invalid').length, 0);
  assert.match(got[0]?.text ?? '', /Accogliere donne in difficoltà/);
  const ics = got[0]?.leaves.find((l) => /text\/calendar/i.test(l.contentType));
  assert.ok(ics, 'a calendar part');
  const body = ics.body.replace(/\r\n[ \t]/g, '');
  assert.match(body, /METHOD:REQUEST/);
  assert.equal((body.match(/BEGIN:VEVENT/g) ?? []).length, 1);
  assert.match(body, new RegExp(`UID:[0-9a-f-]+\\.${w.officer.id}@ponte-formazione`));
  assert.match(body, /DTSTART[^\n]*20261201T080000Z|DTSTART;TZID=[^:]+:20261201T090000/);
  // The certificate (valid one month) is due for a refresher at once: marked once, she and her director told.
  const sessionUrls = [
    ...(await getPage(app, w.trainer, editionUrl)).body.matchAll(
      /href="(\/formazione\/sessioni\/[0-9a-f-]+\/presenze)"/g,
    ),
  ].map((m) => m[1] as string);
  for (const s of sessionUrls) await postForm(app, w.trainer, s, { [`att_${w.officer.id}`]: 'present' });
  await moveClock(w, '2026-12-03T10:00:00Z');
  const issued = await postForm(app, w.trainer, `${editionUrl}/attestati`, { person: w.officer.id });
  assert.equal(issued.statusCode, 303, why(issued.body));
  smtp.clear();
  assert.ok((await markRefreshersDue(db, mailer, new Date('2026-12-03T11:00:00Z'))) >= 1);
  assert.equal(await markRefreshersDue(db, mailer, new Date('2026-12-03T12:00:00Z')), 0);
  assert.equal(smtp.to('reminded@example.invalid').length, 1);
  assert.match(smtp.to('reminded@example.invalid')[0]?.subject ?? '', /Aggiornamento da fare: Accogliere/);
  assert.equal(smtp.to('director@example.invalid').length, 1);
  assert.match(smtp.to('director@example.invalid')[0]?.text ?? '', /scade il/);
  assert.match((await getPage(app, w.director, '/home')).body, /aggiornamento da fare entro 60 giorni: 1\./);
  assert.doesNotMatch(
    (await getPage(app, w.officer2, '/home')).body,
    /Persone del tuo ente con un aggiornamento/,
  );
  mailer.close();
});

test('an INPS → CAV course: its modules are the benefits of the rules catalogue, with the rules version it was created with', async () => {
  const app = await testApp();
  const { db } = await getTestDb();
  const w = await world();
  const c = await postForm(app, w.director, '/formazione/corsi/nuovo', {
    title: 'Le prestazioni INPS per le donne accolte',
    direction: 'inps_cav',
    objectives: 'Conoscere le prestazioni e come si chiedono.',
    hours: '6',
  });
  assert.equal(c.statusCode, 303, why(c.body));
  const page = await getPage(app, w.operator, loc(c));
  assert.match(page.body, new RegExp(`versione ${rulesVersion.replace(/\./g, '\\.')}`));
  assert.match(page.body, /Reddito di Libertà/);
  assert.match(page.body, /Riferimenti normativi: /);
  const stored = await db
    .selectFrom('training_course')
    .select('rules_version')
    .where('id', '=', loc(c).split('/').pop() as string)
    .executeTakeFirstOrThrow();
  assert.equal(stored.rules_version, rulesVersion);
  // A CAV → INPS course has no such modules.
  const { courseUrl } = await courseWithEdition(w);
  assert.doesNotMatch(
    (await getPage(app, w.operator, courseUrl)).body,
    /Moduli: le prestazioni del catalogo/,
  );
});
