import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { clockAt, postForm } from '../../../test/helpers.ts';
import { startSmtp, type TestSmtp } from '../../../test/smtp.ts';
import { now as clockNow } from '../../platform/clock.ts';
import { createMailer, type Mailer } from '../../platform/mail/mailer.ts';
import { sendInvitations, sendReminders, uidOf } from './mail.ts';
import { day, meeting, mUrl, type World, world } from './test-world.ts';

// (Database tests: the world of test-world.ts runs on getTestDb and testApp, so `--db` runs them on PostgreSQL.)
// Invitations received by a real SMTP server started here (smtp-server): the invitation, its update (same UID,
// higher SEQUENCE) and the cancellation (METHOD:CANCEL), each delegate's in her language; the reminder 24 hours
// before, once. The calendar part is parsed back.

const AT = '2026-06-10T10:00';
let smtp: TestSmtp;
let mailer: Mailer;

before(async () => {
  smtp = await startSmtp();
  mailer = createMailer({ smtpUrl: smtp.url, mailFrom: 'Ponte <ponte@ente-prova.invalid>', dataDir: null });
});
after(async () => {
  mailer.close();
  await smtp.close();
});

/** Unfolds an iCalendar text and reads its lines (name → values). */
function ics(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const line of text.replace(/\r?\n[ \t]/g, '').split(/\r?\n/)) {
    const i = line.search(/[:;]/);
    if (i <= 0) continue;
    const name = line.slice(0, i);
    out.set(name, [...(out.get(name) ?? []), line]);
  }
  return out;
}

const calendarOf = (m: { leaves: Array<{ contentType: string; body: string }> }) => {
  const part = m.leaves.find((l) => /^text\/calendar/i.test(l.contentType));
  assert.ok(part, 'a text/calendar part');
  return ics(part.body);
};

/** Runs the invitation jobs the routes enqueued for a meeting, as the worker would. */
async function runInviteJobs(w: World, meetingId: string): Promise<number> {
  const jobs = await w.db
    .selectFrom('job')
    .select(['id', 'payload'])
    .where('kind', '=', 'roundtables.invite')
    .where(sql<boolean>`payload->>'meeting' = ${meetingId}`)
    .orderBy('id')
    .execute();
  let n = 0;
  for (const j of jobs) {
    const payload = (typeof j.payload === 'string' ? JSON.parse(j.payload) : j.payload) as Record<
      string,
      unknown
    >;
    n += await sendInvitations(w.db, mailer, payload);
    await w.db.deleteFrom('job').where('id', '=', j.id).execute();
  }
  return n;
}

describe('invitations by e-mail with an iCalendar', () => {
  test('invitation, update and cancellation reach every delegate, in her language', async (t) => {
    clockAt(t, AT);
    const w = await world();
    const people = [w.chair, w.secretary, w.member, w.guest];
    for (const [i, u] of people.entries())
      await w.db
        .updateTable('app_user')
        .set({
          email: `delegata${i}-${u.id.slice(0, 8)}@ente-prova.invalid`,
          lang: u === w.member ? 'en' : 'it',
        })
        .where('id', '=', u.id)
        .execute();
    const addresses = people.map((u, i) => `delegata${i}-${u.id.slice(0, 8)}@ente-prova.invalid`);
    const m = await meeting(w, { date: day(10), time: '10:00' });
    smtp.clear();
    assert.equal((await postForm(w.app, w.member, `${mUrl(w, m)}/invite`)).statusCode, 403);
    assert.equal((await postForm(w.app, w.secretary, `${mUrl(w, m)}/invite`)).statusCode, 303);
    assert.equal(await runInviteJobs(w, m), 4);
    for (const a of addresses) assert.equal(smtp.to(a).length, 1, a);
    const it = smtp.to(addresses[0]!)[0]!;
    assert.match(it.subject, /^Invito: seduta del Tavolo di prova/);
    assert.match(it.text, /Rispondi in Ponte/);
    const en = smtp.to(addresses[2]!)[0]!;
    assert.match(en.subject, /^Invitation: meeting of Tavolo di prova/);
    const c = calendarOf(it);
    assert.deepEqual(c.get('METHOD'), ['METHOD:REQUEST']);
    assert.deepEqual(c.get('UID'), [`UID:${uidOf(m)}`]);
    assert.deepEqual(c.get('SEQUENCE'), ['SEQUENCE:0']);
    assert.match(c.get('ORGANIZER')![0]!, /mailto:tavolo@ente-prova\.invalid/i);
    const attendees = c.get('ATTENDEE')!;
    assert.equal(attendees.length, 4);
    for (const a of addresses)
      assert.ok(
        attendees.some((x) => x.toLowerCase().includes(`mailto:${a}`) && /RSVP=TRUE/i.test(x)),
        a,
      );
    assert.match(c.get('DTSTART')![0]!, /20260620T080000Z|TZID=Europe\/Rome:20260620T100000/);

    // A changed meeting: the same UID, a higher SEQUENCE, still a REQUEST.
    const edit = await postForm(w.app, w.secretary, `${mUrl(w, m)}/edit`, {
      date: day(11),
      time: '11:00',
      duration: '60',
      place_org_id: w.orgs.cav,
      version: '1',
    });
    assert.equal(edit.statusCode, 303, edit.body);
    smtp.clear();
    assert.equal(await runInviteJobs(w, m), 4);
    const up = smtp.to(addresses[1]!)[0]!;
    assert.match(up.subject, /^Aggiornamento: seduta/);
    const cu = calendarOf(up);
    assert.deepEqual(cu.get('METHOD'), ['METHOD:REQUEST']);
    assert.deepEqual(cu.get('UID'), [`UID:${uidOf(m)}`]);
    assert.deepEqual(cu.get('SEQUENCE'), ['SEQUENCE:1']);

    // A stale edit (the version she loaded) is refused with 409, nothing changed.
    const stale = await postForm(w.app, w.chair, `${mUrl(w, m)}/edit`, {
      date: day(12),
      time: '09:00',
      duration: '60',
      place_org_id: w.orgs.cav,
      version: '1',
    });
    assert.equal(stale.statusCode, 409);

    // The cancellation: METHOD:CANCEL, same UID, higher SEQUENCE.
    assert.equal((await postForm(w.app, w.secretary, `${mUrl(w, m)}/cancel`)).statusCode, 303);
    smtp.clear();
    assert.equal(await runInviteJobs(w, m), 4);
    const cancel = smtp.to(addresses[3]!)[0]!;
    assert.match(cancel.subject, /^Annullata: seduta/);
    const cc = calendarOf(cancel);
    assert.deepEqual(cc.get('METHOD'), ['METHOD:CANCEL']);
    assert.deepEqual(cc.get('UID'), [`UID:${uidOf(m)}`]);
    assert.deepEqual(cc.get('SEQUENCE'), ['SEQUENCE:2']);
    assert.deepEqual(cc.get('STATUS'), ['STATUS:CANCELLED']);
  });

  test('the reminder goes once, 24 hours before an invited meeting', async (t) => {
    clockAt(t, AT);
    const w = await world();
    await w.db
      .updateTable('app_user')
      .set({ email: `promemoria-${w.member.id.slice(0, 8)}@ente-prova.invalid` })
      .where('id', '=', w.member.id)
      .execute();
    const soon = await meeting(w, { date: day(1), time: '09:00' });
    const later = await meeting(w, { date: day(5), time: '09:00' });
    for (const m of [soon, later]) await postForm(w.app, w.secretary, `${mUrl(w, m)}/invite`);
    smtp.clear();
    await sendReminders(w.db, mailer, clockNow());
    const mine = smtp.to(`promemoria-${w.member.id.slice(0, 8)}@ente-prova.invalid`);
    assert.equal(mine.length, 1);
    assert.match(mine[0]!.subject, /^Promemoria: seduta/);
    smtp.clear();
    await sendReminders(w.db, mailer, clockNow());
    assert.equal(smtp.to(`promemoria-${w.member.id.slice(0, 8)}@ente-prova.invalid`).length, 0);
  });
});
