import assert from 'node:assert/strict';
import { after } from 'node:test';
import { handleNotify } from '../../packages/app/src/features/desks/notify/jobs.ts';
import { createMailer } from '../../packages/app/src/platform/mail/mailer.ts';
import { getPage, postForm, testApp, testAt } from '../../packages/app/test/helpers.ts';
import { startSmtp } from '../../packages/app/test/smtp.ts';
import { bookOn, cardWorld, LANGUAGE, NEEDS, NOTE, referredCase, revoke } from './card-world.ts';

// Issue 11, finding 11: after her referral consent was revoked, INPS still read the card (note, language, needs,
// benefits), the social worker the Reddito di Libertà card, and the booked appointment stayed "Prenotato" in the
// officer's agenda and calendar feed. Now INPS (officer and director) and the social service see only the card's
// code and "Chiusa: consenso revocato"; the appointments not yet started are cancelled in the revoking
// transaction, the officer gets the usual cancellation e-mail (no reason in it), and agenda and feed drop them.

const test = testAt('2026-11-26T12:00:00Z');

const smtp = await startSmtp();
after(() => smtp.close());
const FROM = 'Ponte <noreply@ponte.test>';
const mailer = createMailer({ smtpUrl: smtp.url, mailFrom: FROM, dataDir: null });
after(() => mailer.close());

// Tuesday 15 December 2026, 09:00 in Rome (UTC+1).
const DAY = '2026-12-15';
const START = '2026-12-15T08:00:00.000Z';
const CONTENT = [NOTE, NEEDS, LANGUAGE, 'Reddito di Libertà', 'Assegno unico'];

test('finding 11: after the referral consent is revoked INPS and the social service see only the code and the closure', async () => {
  const cw = await cardWorld(await testApp());
  const c = await referredCase(cw);
  const inps = `/inps/cards/${c.cardId}`;
  const social = `/social/cards/${c.cardId}`;
  // While the consent is live, both INPS roles read the card and the social worker the RdL card.
  for (const u of [cw.officer, cw.director]) {
    const page = await getPage(cw.app, u, inps);
    assert.equal(page.statusCode, 200);
    for (const text of [NOTE, NEEDS, LANGUAGE]) assert.ok(page.body.includes(text), text);
  }
  assert.equal((await getPage(cw.app, cw.social, social)).statusCode, 200);
  // INPS accepts it and records an application on it.
  assert.equal((await postForm(cw.app, cw.officer, `${inps}/accept`, { version: '1' })).statusCode, 303);
  const created = await postForm(cw.app, cw.officer, `${inps}/applications`, { benefit: 'assegno_unico' });
  assert.equal(created.statusCode, 303, created.body);
  const application = String(created.headers.location).split('?')[0]!;
  assert.equal((await getPage(cw.app, cw.director, application)).statusCode, 200);
  const filtered = `/inps/cards?benefit=reddito_di_liberta&code=${encodeURIComponent(c.code)}`;
  // The search field echoes the code: the card is listed when its link is there.
  const listed = (html: string) => html.includes(`href="${inps}"`);
  assert.ok(listed((await getPage(cw.app, cw.officer, filtered)).body));

  await revoke(cw, c.caseId, 'referral_inps');

  for (const u of [cw.officer, cw.director]) {
    const page = await getPage(cw.app, u, inps);
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes(c.code));
    assert.match(page.body, /Chiusa: consenso revocato/);
    for (const text of CONTENT) assert.ok(!page.body.includes(text), `INPS still reads «${text}»`);
    // The inbox row names no benefit, and filtering by benefit does not find her card.
    const inbox = await getPage(cw.app, u, `/inps/cards?code=${encodeURIComponent(c.code)}`);
    assert.ok(listed(inbox.body));
    assert.ok(
      !inbox.body.includes('Reddito di Libertà</td>') && !/Assegno unico[^<]*<\/td>/i.test(inbox.body),
    );
    assert.ok(!listed((await getPage(cw.app, u, filtered)).body));
    // An action on it shows the same closed card, never its content.
    const advice = await postForm(cw.app, u, `${inps}/advice`, { advice: 'Una nota' });
    assert.equal(advice.statusCode, 400);
    for (const text of CONTENT) assert.ok(!advice.body.includes(text), text);
  }
  // Its applications are no longer readable through it.
  assert.equal((await getPage(cw.app, cw.director, application)).statusCode, 404);
  const english = await cw.app.inject({
    method: 'GET',
    url: inps,
    headers: { cookie: cw.officer.cookie, accept: 'text/html', 'accept-language': 'en' },
  });
  assert.equal(english.statusCode, 200);
  assert.match(english.body, /Closed: consent withdrawn/);

  const page = await getPage(cw.app, cw.social, social);
  assert.equal(page.statusCode, 200);
  assert.ok(page.body.includes(c.code));
  assert.match(page.body, /Chiusa: consenso revocato/);
  assert.ok(!page.body.includes(cw.w.office.name), 'not even the office it was sent to');
  const declared = await postForm(cw.app, cw.social, `${social}/declaration`, { declared_on: '2026-11-26' });
  assert.equal(declared.statusCode, 400);
  assert.match(declared.body, /Chiusa: consenso revocato/);
  assert.equal(
    await cw.db
      .selectFrom('social_declaration')
      .select('id')
      .where('card_id', '=', c.cardId)
      .executeTakeFirst(),
    undefined,
  );

  // Another office still gets 404; the other roles 403.
  const otherOffice = await cardWorld(await testApp());
  assert.equal((await getPage(cw.app, otherOffice.officer, inps)).statusCode, 404);
  assert.equal((await getPage(cw.app, cw.operator, inps)).statusCode, 403);
  assert.equal((await getPage(cw.app, cw.officer, social)).statusCode, 403);
});

test('finding 11: revoking the referral consent cancels her future appointments, tells the officer, and the agenda and feed drop them', async () => {
  const cw = await cardWorld(await testApp());
  const officerEmail = `officer-${cw.officer.id.slice(0, 8)}@inps.test`;
  await cw.db.updateTable('app_user').set({ email: officerEmail }).where('id', '=', cw.officer.id).execute();
  const c = await referredCase(cw);
  const appointment = await bookOn(cw, c.cardId, DAY, START);
  const agenda = `/desks/agenda?date=${DAY}`;
  assert.ok((await getPage(cw.app, cw.officer, agenda)).body.includes(c.code));
  const created = await postForm(
    cw.app,
    cw.officer,
    '/desks/agenda/feed',
    { feed: '' },
    '/desks/agenda/feed',
  );
  const feedUrl = /id="feed-url"[^>]*value="([^"]+)"/.exec(created.body)?.[1];
  assert.ok(feedUrl);
  const feedPath = new URL(feedUrl).pathname;
  const feed = () => cw.app.inject({ method: 'GET', url: feedPath });
  assert.ok((await feed()).body.includes(`UID:${appointment}@ponte`));

  await revoke(cw, c.caseId, 'referral_inps');

  const row = await cw.db
    .selectFrom('appointment')
    .select(['status', 'reason'])
    .where('id', '=', appointment)
    .executeTakeFirstOrThrow();
  assert.deepEqual(row, { status: 'cancelled', reason: 'consent_revoked' });
  const audit = await cw.db
    .selectFrom('audit_log')
    .select(['action', 'details'])
    .where('entity_id', '=', appointment)
    .where('action', '=', 'desk.appointment.cancel')
    .executeTakeFirstOrThrow();
  assert.deepEqual(audit.details, { card: c.cardId, reason: 'consent_revoked' });
  const agendaAfter = await getPage(cw.app, cw.officer, agenda);
  assert.ok(!agendaAfter.body.includes(c.code), 'the agenda no longer lists it');
  assert.doesNotMatch(agendaAfter.body, /Prenotato/);
  const feedAfter = await feed();
  assert.equal(feedAfter.statusCode, 200);
  assert.ok(!feedAfter.body.includes(`UID:${appointment}@ponte`), 'the feed no longer carries it');

  // The officer is told by the usual cancellation e-mail, with its .ics CANCEL, and no reason in it.
  const job = await cw.db
    .selectFrom('job')
    .select('payload')
    .where('unique_key', '=', `desks.notify:${appointment}:cancelled`)
    .executeTakeFirstOrThrow();
  const payload = typeof job.payload === 'string' ? JSON.parse(job.payload) : job.payload;
  assert.equal(await handleNotify(cw.db, mailer, payload, { mailFrom: FROM }), 'sent');
  const [mail, ...more] = smtp.to(officerEmail);
  assert.equal(more.length, 0);
  assert.ok(mail);
  assert.match(mail.subject, /^Appuntamento annullato: .* — scheda /);
  assert.ok(mail.text.includes(c.code));
  for (const word of [/consens/i, /revoc/i, /consent/i, /withdr/i, /Serafina/])
    assert.doesNotMatch(mail.raw, word);
  assert.ok(mail.leaves.some((l) => /text\/calendar/i.test(l.contentType) && /METHOD:CANCEL/.test(l.body)));
});

test('finding 11: revoking another consent (identity to INPS) cancels nothing and leaves the card readable', async () => {
  const cw = await cardWorld(await testApp());
  const c = await referredCase(cw, { identityConsent: true });
  const appointment = await bookOn(cw, c.cardId, DAY, START);
  await revoke(cw, c.caseId, 'identity_to_inps');
  const row = await cw.db
    .selectFrom('appointment')
    .select('status')
    .where('id', '=', appointment)
    .executeTakeFirstOrThrow();
  assert.equal(row.status, 'booked');
  const page = await getPage(cw.app, cw.officer, `/inps/cards/${c.cardId}`);
  assert.ok(page.body.includes(NOTE));
});
