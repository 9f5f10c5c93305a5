import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { resetClock, setClock } from '../../src/platform/clock.ts';
import { postForm, RULES_DAY } from '../helpers.ts';
import { type DemoWorld, demoWorld } from './demo-world.ts';

// Issue 10 ("lost or silently changed input") and issue 11 finding 2 (NUL bytes → 500, values in the log), on the
// demo network: a control character or an over-long text comes back next to its field with what was typed, never a
// 500; a form that fails validation is answered once (no "Reply was already sent"); and an unexpected database
// error leaves the request's values out of the log.

let w: DemoWorld;
before(async () => {
  setClock(RULES_DAY);
  w = await demoWorld();
});
after(async () => {
  await w?.close();
  resetClock();
});

const warnings = () =>
  w.log.entries().filter((e) => /already sent/i.test(JSON.stringify(e)) || (e.level as number) >= 50);

async function demoIds() {
  const { db } = w.database;
  const card = await db
    .selectFrom('consultation_card')
    .select(['id', 'case_id', 'inps_office_id'])
    .orderBy('created_at')
    .executeTakeFirstOrThrow();
  const uncarded = await db
    .selectFrom('case_file')
    .select('id')
    .where('id', 'not in', db.selectFrom('consultation_card').select('case_id'))
    .execute();
  const appointment = await db
    .selectFrom('appointment')
    .select('id')
    .where('status', '=', 'booked')
    .executeTakeFirst();
  return { card, uncarded, appointment };
}

/** The text of the field's error message and the value it shows again. */
function fieldOf(body: string, name: string): { error?: string; value?: string } {
  const error = new RegExp(`id="field-${name}-error"[^>]*>([^<]*)<`).exec(body)?.[1];
  const textarea = new RegExp(`<textarea[^>]*name="${name}"[^>]*>([^<]*)</textarea>`).exec(body)?.[1];
  const input = new RegExp(`<input[^>]*name="${name}"[^>]*value="([^"]*)"`).exec(body)?.[1];
  return { error, value: textarea ?? input };
}

test('a 10,000-character referral note: the form comes back with the limit, the count and every character typed', async () => {
  const operator = w.users.get('cav_operator')!;
  const { card } = await demoIds();
  w.log.clear();
  const note = 'lunga nota '.repeat(1000).trim();
  const res = await postForm(w.app, operator, `/cases/${card.case_id}/referral`, {
    office: card.inps_office_id,
    benefits: 'assegno_unico',
    note,
  });
  assert.equal(res.statusCode, 400);
  const f = fieldOf(res.body, 'note');
  assert.equal(f.error, 'Al massimo 2.000 caratteri: ne hai scritti 10.999.');
  assert.equal(f.value, note, 'what was typed comes back whole');
  assert.deepEqual(warnings(), []);
});

test('a NUL byte or another control character in a text field: a message next to the field, never a 500', async () => {
  const officer = w.users.get('inps_officer')!;
  const operator = w.users.get('cav_operator')!;
  const { card, appointment } = await demoIds();
  await sql`update consultation_card set status = 'accepted' where id = ${card.id}`.execute(w.database.db);
  w.log.clear();
  const advice = await postForm(w.app, officer, `/inps/cards/${card.id}/advice`, {
    advice: 'null\u0000byte',
  });
  assert.equal(advice.statusCode, 400);
  assert.match(
    fieldOf(advice.body, 'advice').error ?? '',
    /carattere non ammesso \(U\+0000, al carattere 5\)/,
  );
  const contact = await postForm(w.app, operator, `/cases/${card.case_id}/contact`, {
    channels: 'phone',
    hours: 'dopo le 18\u001b[31m',
    abuserKnows: 'no',
    version: '1',
  });
  assert.equal(contact.statusCode, 400);
  assert.match(fieldOf(contact.body, 'hours').error ?? '', /U\+001B/);
  if (appointment) {
    const cancel = await postForm(w.app, operator, `/desks/appointments/${appointment.id}/cancel`, {
      reason: 'malata\u0000',
    });
    assert.equal(cancel.statusCode, 400);
    assert.match(fieldOf(cancel.body, 'reason').error ?? '', /U\+0000/);
  }
  const admin = w.users.get('network_admin')!;
  const user = await postForm(w.app, admin, '/network/users/new', {
    username: 'nuova.utente',
    display_name: 'Nuova\u0000Utente',
  });
  assert.equal(user.statusCode, 400);
  assert.match(fieldOf(user.body, 'display_name').error ?? '', /U\+0000/);
  assert.deepEqual(warnings(), [], 'each refusal is answered once, and nothing unexpected is logged');
});

test('an unexpected database error: logged with its SQLSTATE, without the values of the request', async () => {
  const officer = w.users.get('inps_officer')!;
  const { card } = await demoIds();
  await sql`update consultation_card set status = 'accepted' where id = ${card.id}`.execute(w.database.db);
  // The database refuses every advice, as a broken constraint or a full disk would.
  await sql`create or replace function refuse_advice() returns trigger language plpgsql as $$
    begin raise exception 'refused by the test'; end $$`.execute(w.database.db);
  await sql`create trigger refuse_advice before insert on card_advice for each row execute function refuse_advice()`.execute(
    w.database.db,
  );
  try {
    w.log.clear();
    const secret = 'Maria Verdi, telefono 3331234567';
    const res = await postForm(w.app, officer, `/inps/cards/${card.id}/advice`, { advice: secret });
    assert.equal(res.statusCode, 500);
    const text = w.log.text;
    assert.ok(!text.includes('Maria') && !text.includes('3331234567'), 'no value of the request in the log');
    const line = w.log.entries().find((e) => e.msg === 'unexpected error');
    assert.ok(line, 'the error is logged');
    assert.equal((line.error as { sqlState?: string }).sqlState, 'P0001');
  } finally {
    await sql`drop trigger refuse_advice on card_advice`.execute(w.database.db);
  }
});
