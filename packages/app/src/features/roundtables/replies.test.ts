import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { clockAt, csrfFor, getPage, makeUser, postForm, type TestUser } from '../../../test/helpers.ts';
import { IcsError, parseIcsReply } from './ics-reply.ts';
import { meetingIcs } from './mail.ts';
import * as repo from './repository.ts';
import { meeting, mUrl, type World, world } from './test-world.ts';

// (Database tests: the world of test-world.ts runs on getTestDb and testApp, so `--db` runs them on PostgreSQL.)
// Answers to an invitation: in Ponte (present, absent, delegating a person of her organisation), and from the
// delegate's calendar — an iMIP METHOD:REPLY made from the invitation Ponte itself sends (ical-generator), with its
// PARTSTAT changed as a calendar does, given to Ponte by the secretary (pasted or uploaded).

const AT = '2026-06-10T10:00';
const post = postForm;
const get = getPage;

const mail = (u: TestUser) => `delegata-${u.id.slice(0, 8)}@ente-prova.invalid`;

async function withAddresses(w: World, ...people: TestUser[]) {
  for (const u of people)
    await w.db
      .updateTable('app_user')
      .set({ email: mail(u) })
      .where('id', '=', u.id)
      .execute();
}

/** Unfolds an iCalendar text into its logical lines. */
const unfold = (text: string) => text.replace(/\r\n[ \t]/g, '').split('\r\n');
/** Folds lines at 75 octets the way RFC 5545 does (CRLF and one space), so the reader has to unfold them. */
const fold = (lines: string[]) => `${lines.map((l) => l.match(/.{1,74}/g)!.join('\r\n ')).join('\r\n')}\r\n`;

/**
 * The reply a calendar sends to Ponte's own invitation: METHOD:REPLY, only the answering ATTENDEE, her PARTSTAT set
 * (and DELEGATED-TO when she delegates), the rest as Ponte sent it (UID, SEQUENCE).
 */
async function replyFrom(w: World, meetingId: string, who: TestUser, partstat: string, delegatedTo?: string) {
  const m = (await repo.meetingById(w.db, meetingId))!;
  const table = (await repo.tableById(w.db, w.table))!;
  const people = (await repo.delegates(w.db, w.table)).filter((d) => d.active && d.email);
  const request = meetingIcs(
    {
      meeting: m,
      table,
      attendees: people.map((p) => ({ name: p.display_name, email: p.email! })),
      method: 'REQUEST',
    },
    'it',
  );
  const lines = unfold(request)
    .filter((l) => !l.startsWith('ATTENDEE') || l.toLowerCase().includes(`mailto:${mail(who)}`))
    .map((l) => (l === 'METHOD:REQUEST' ? 'METHOD:REPLY' : l))
    .map((l) =>
      l.startsWith('ATTENDEE')
        ? l
            .replace(/;PARTSTAT=[A-Z-]+/i, '')
            .replace(/^ATTENDEE/, `ATTENDEE;PARTSTAT=${partstat}`)
            .replace(/;RSVP=TRUE/i, delegatedTo ? `;DELEGATED-TO="mailto:${delegatedTo}"` : '')
        : l,
    );
  assert.equal(lines.filter((l) => l.startsWith('ATTENDEE')).length, 1);
  return fold(lines.filter((l) => l !== ''));
}

async function uploadReply(w: World, u: TestUser, name: string, data: string) {
  const { cookie, token } = await csrfFor(w.app, u.cookie);
  const boundary = '----ponterisposta';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${token}\r\n`),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/calendar\r\n\r\n`,
    ),
    Buffer.from(data),
    Buffer.from(
      `\r\n--${boundary}\r\nContent-Disposition: form-data; name="ics"\r\n\r\n\r\n--${boundary}--\r\n`,
    ),
  ]);
  return w.app.inject({
    method: 'POST',
    url: `/roundtables/${w.table}/calendar-replies`,
    headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}`, accept: 'text/html' },
    payload: body,
  });
}

const answerOf = (w: World, m: string, u: TestUser) =>
  w.db
    .selectFrom('rt_attendance')
    .select(['rsvp', 'rsvp_delegate', 'rsvp_delegate_user', 'rsvp_sequence'])
    .where('meeting_id', '=', m)
    .where('user_id', '=', u.id)
    .executeTakeFirst();

describe('the reader of calendar replies', () => {
  test('unfolds lines, reads quoted parameters, skips what is not the event, refuses what is not a reply', () => {
    const text = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'method:reply',
      'BEGIN:VTIMEZONE',
      'TZID:Europe/Rome',
      'UID:not-this-one',
      'END:VTIMEZONE',
      'BEGIN:VEVENT',
      'UID:abc\\,def@ponte-',
      ' tavoli',
      'SEQUENCE:2',
      'ATTENDEE;CN="Rossi; Maria: ufficio";PARTSTAT=delegated;DELEGATED-TO="MAILTO:Collega@Ente.invalid":MA',
      '\tILTO:Maria.Rossi@Ente.invalid',
      'BEGIN:VALARM',
      'ATTENDEE:mailto:other@ente.invalid',
      'END:VALARM',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\n');
    assert.deepEqual(parseIcsReply(text), {
      method: 'REPLY',
      uid: 'abc,def@ponte-tavoli',
      sequence: 2,
      attendees: [
        { email: 'maria.rossi@ente.invalid', partstat: 'DELEGATED', delegatedTo: 'collega@ente.invalid' },
      ],
    });
    const refused = (t: string) => {
      try {
        parseIcsReply(t);
      } catch (e) {
        assert.ok(e instanceof IcsError);
        return e.key;
      }
      assert.fail('accepted');
    };
    assert.equal(refused('hello'), 'roundtables.ics.err.notCalendar');
    assert.equal(refused('BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\n'), 'roundtables.ics.err.notCalendar');
    assert.equal(
      refused('BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nEND:VCALENDAR\r\n'),
      'roundtables.ics.err.noEvent',
    );
    assert.equal(
      refused('BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSEQUENCE:1\r\nEND:VEVENT\r\nEND:VCALENDAR'),
      'roundtables.ics.err.noUid',
    );
    assert.equal(
      refused('BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nSEQUENCE:uno\r\nEND:VEVENT\r\nEND:VCALENDAR'),
      'roundtables.ics.err.sequence',
    );
    assert.equal(
      refused('BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nATTENDEE:tel:123\r\nEND:VEVENT\r\nEND:VCALENDAR'),
      'roundtables.ics.err.attendeeAddress',
    );
    assert.equal(
      refused(
        'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nATTENDEE:mailto:a%C3@b.it\r\nEND:VEVENT\r\nEND:VCALENDAR',
      ),
      'roundtables.ics.err.attendeeAddress',
    );
    assert.equal(
      refused(`BEGIN:VCALENDAR\r\nX:${'a'.repeat(70_000)}\r\nEND:VCALENDAR`),
      'roundtables.ics.err.tooLarge',
    );
  });
});

describe('answers to an invitation', () => {
  test('in Ponte: present, absent, or delegating a person of her organisation (chosen, checked)', async (t) => {
    clockAt(t, AT);
    const w = await world();
    const colleague = await makeUser(w.db, w.orgs.ats, ['social_worker']);
    const m = await meeting(w);
    const url = `${mUrl(w, m)}/rsvp`;
    const page = await get(w.app, w.member, mUrl(w, m));
    assert.match(page.body, new RegExp(`<option value="${colleague.id}"`));
    assert.doesNotMatch(
      page.body,
      new RegExp(`<option value="${w.secretary.id}"`),
      'not of her organisation',
    );
    const none = await post(w.app, w.member, url, { rsvp: 'delegating', rsvp_delegate: '' });
    assert.equal(none.statusCode, 400);
    assert.match(none.body, /Scegli la persona del tuo ente che partecipa al tuo posto/);
    const other = await post(w.app, w.member, url, { rsvp: 'delegating', rsvp_delegate: w.secretary.id });
    assert.equal(other.statusCode, 400, 'a person of another organisation');
    const self = await post(w.app, w.member, url, { rsvp: 'delegating', rsvp_delegate: w.member.id });
    assert.equal(self.statusCode, 400, 'not herself');
    assert.equal((await post(w.app, w.member, url, { rsvp: 'forse' })).statusCode, 400);
    const ok = await post(w.app, w.member, url, { rsvp: 'delegating', rsvp_delegate: colleague.id });
    assert.equal(ok.statusCode, 303, ok.body);
    assert.deepEqual(await answerOf(w, m, w.member), {
      rsvp: 'delegating',
      rsvp_delegate: `Utente di prova ${colleague.username}`,
      rsvp_delegate_user: colleague.id,
      rsvp_sequence: null,
    });
    const after = await get(w.app, w.member, mUrl(w, m));
    assert.match(after.body, new RegExp(`<option value="${colleague.id}" selected`));
    // Changing her mind clears the person; a guest answers too; another tavolo's delegate sees nothing.
    assert.equal(
      (await post(w.app, w.member, url, { rsvp: 'absent', rsvp_delegate: colleague.id })).statusCode,
      303,
    );
    assert.equal((await answerOf(w, m, w.member))?.rsvp_delegate_user, null);
    assert.equal((await post(w.app, w.guest, url, { rsvp: 'present' })).statusCode, 303);
    assert.equal((await post(w.app, w.outsider, url, { rsvp: 'present' })).statusCode, 404);
    const anonymous = await w.app.inject({ method: 'POST', url, payload: { rsvp: 'present' } });
    assert.ok([302, 303, 401, 403].includes(anonymous.statusCode), String(anonymous.statusCode));
  });

  test('from the calendar: the reply to our own invitation, pasted or uploaded, becomes her answer', async (t) => {
    clockAt(t, AT);
    const w = await world();
    const colleague = await makeUser(w.db, w.orgs.ats, ['social_worker']);
    await withAddresses(w, w.chair, w.secretary, w.member, w.guest, colleague);
    const m = await meeting(w);
    const page = `/roundtables/${w.table}/calendar-replies`;
    assert.equal((await get(w.app, w.member, page)).statusCode, 403);
    const form = await get(w.app, w.secretary, page);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /tavolo@ente-prova\.invalid/);
    assert.match((await get(w.app, w.secretary, `/roundtables/${w.table}`)).body, /calendar-replies/);

    // Not yet invited: refused.
    const early = await post(w.app, w.secretary, page, { ics: await replyFrom(w, m, w.member, 'ACCEPTED') });
    assert.equal(early.statusCode, 400);
    assert.match(early.body, /non è ancora stato inviato/);
    assert.equal((await post(w.app, w.secretary, `${mUrl(w, m)}/invite`)).statusCode, 303);

    const accepted = await replyFrom(w, m, w.member, 'ACCEPTED');
    const ok = await post(w.app, w.secretary, page, { ics: accepted });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.match(ok.body, /Registrata la risposta di Utente di prova .+: presente/);
    assert.deepEqual(await answerOf(w, m, w.member), {
      rsvp: 'present',
      rsvp_delegate: null,
      rsvp_delegate_user: null,
      rsvp_sequence: 0,
    });
    assert.match((await get(w.app, w.member, mUrl(w, m))).body, /dalla risposta del calendario/);
    const audit = await w.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'roundtable.rsvp_calendar')
      .execute();
    assert.equal(audit.length, 1);

    // Declined, uploaded as the file the mailbox received.
    const declined = await uploadReply(
      w,
      w.secretary,
      'risposta.ics',
      await replyFrom(w, m, w.guest, 'DECLINED'),
    );
    assert.equal(declined.statusCode, 200, declined.body);
    assert.equal((await answerOf(w, m, w.guest))?.rsvp, 'absent');

    // Delegated to a colleague of her organisation (by address); to anyone else refused.
    const delegated = await post(w.app, w.secretary, page, {
      ics: await replyFrom(w, m, w.member, 'DELEGATED', mail(colleague)),
    });
    assert.equal(delegated.statusCode, 200, delegated.body);
    assert.equal((await answerOf(w, m, w.member))?.rsvp_delegate_user, colleague.id);
    const stranger = await post(w.app, w.secretary, page, {
      ics: await replyFrom(w, m, w.member, 'DELEGATED', mail(w.secretary)),
    });
    assert.equal(stranger.statusCode, 400);
    assert.match(stranger.body, /non è di una persona del suo ente/);

    // What is refused, each with its reason next to the field and the pasted text kept.
    const refuse = async (ics: string, message: RegExp) => {
      const res = await post(w.app, w.secretary, page, { ics });
      assert.equal(res.statusCode, 400, ics);
      assert.match(res.body, message);
      assert.match(res.body, /id="field-ics-error"/);
      return res;
    };
    const tentative = await refuse(
      await replyFrom(w, m, w.member, 'TENTATIVE'),
      /«TENTATIVE» non è presente/,
    );
    assert.match(tentative.body, /BEGIN:VCALENDAR/);
    await refuse(accepted.replace('METHOD:REPLY', 'METHOD:REQUEST'), /METHOD:REQUEST, serve METHOD:REPLY/);
    const otherUid = accepted.replace(/UID:[^\r]+/, 'UID:00000000-0000-4000-8000-000000000000@ponte-tavoli');
    await refuse(otherUid, /non è di una seduta di questo tavolo/);
    await refuse(
      accepted.replaceAll(mail(w.member), 'sconosciuta@altrove.invalid'),
      /non è di una delegata attiva/,
    );
    await refuse('testo qualsiasi', /Non è un file di calendario leggibile/);
    await refuse('', /Carica il file della risposta o incolla il suo testo/);

    // The meeting changes (SEQUENCE 1): the reply to the first invitation is now out of date.
    const edit = await post(w.app, w.secretary, `${mUrl(w, m)}/edit`, {
      date: (await repo.meetingById(w.db, m))!.starts_at.toISOString().slice(0, 10),
      time: '11:00',
      duration: '60',
      place_org_id: w.orgs.cav,
      version: '1',
    });
    assert.equal(edit.statusCode, 303, edit.body);
    await refuse(accepted, /versione precedente dell’invito \(SEQUENCE 0; l’invito attuale è il 1\)/);
    const fresh = await post(w.app, w.secretary, page, { ics: await replyFrom(w, m, w.member, 'DECLINED') });
    assert.equal(fresh.statusCode, 200, fresh.body);
    assert.equal((await answerOf(w, m, w.member))?.rsvp_sequence, 1);

    // Only the chair and the secretary read replies in.
    assert.equal((await post(w.app, w.member, page, { ics: accepted })).statusCode, 403);
    assert.equal((await post(w.app, w.outsider, page, { ics: accepted })).statusCode, 404);
  });
});
