import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { sql } from 'kysely';
import { resetClock, setClock } from '../../packages/app/src/platform/clock.ts';
import type { Role } from '../../packages/app/src/platform/db/schema.ts';
import { csrfFor, postForm, RULES_DAY } from '../../packages/app/test/helpers.ts';
import { type DemoWorld, demoWorld } from './demo-world.ts';

// Issue 10 ("lost or silently changed input") and issue 11 finding 2 (NUL bytes → 500, values in the log), on the
// demo network: a control character or an over-long text comes back next to its field with what was typed, never a
// 500; a form that fails validation is answered once (no "Reply was already sent"); and an unexpected database
// error leaves the request's values out of the log.

let w: DemoWorld;

// One describe, so that the world and the clock are this file's alone when the suite runs in one process.
describe('the form boundary on the demo network', () => {
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
      assert.ok(
        !text.includes('Maria') && !text.includes('3331234567'),
        'no value of the request in the log',
      );
      const line = w.log.entries().find((e) => e.msg === 'unexpected error');
      assert.ok(line, 'the error is logged');
      assert.equal((line.error as { sqlState?: string }).sqlState, 'P0001');
    } finally {
      await sql`drop trigger refuse_advice on card_advice`.execute(w.database.db);
    }
  });

  test('the organisation form of a casa rifugio does not show the fields that are kept only for a CAV, and says why', async () => {
    const admin = w.users.get('network_admin')!;
    const shelter = await w.database.db
      .selectFrom('organisation')
      .select('id')
      .where('kind', '=', 'shelter')
      .executeTakeFirstOrThrow();
    const res = await w.app.inject({
      method: 'GET',
      url: `/network/organisations/${shelter.id}`,
      headers: { cookie: admin.cookie, accept: 'text/html' },
    });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<fieldset[^>]*data-desk-kinds="cav"[^>]*hidden/);
    assert.match(res.body, /Di una casa rifugio Ponte non registra mai recapiti né indirizzo/);
  });

  // ── The fuzz test (issue 11, "done means") ──────────────────────────────────────────────────────────────────
  // Every POST route of the route table, as a logged-in user of a role that may call it (anonymous for public
  // routes), with the form's own fields found on its page: control characters, very long strings, invalid UTF-8
  // and odd Unicode in every text field, the other fields as the page sets them. No answer is a 5xx, no request
  // is answered twice, and no value sent reaches the log. Bounded: a few runs per route, a fixed seed.

  interface FormSpec {
    /** Text fields to fuzz. */
    text: string[];
    /** The other fields, as the page sets them (hidden values, the selected option, checked boxes). */
    fixed: [string, string][];
  }

  const decode = (v: string) =>
    v
      .replaceAll('&quot;', '"')
      .replaceAll('&#x27;', "'")
      .replaceAll('&#39;', "'")
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>')
      .replaceAll('&amp;', '&');
  const attr = (tag: string, name: string) =>
    new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1] ??
    (new RegExp(`\\s${name}(\\s|>|/)`).test(tag) ? '' : undefined);

  /** The forms of a page by their action, read as a browser would submit them. */
  function formsOf(html: string): Map<string, FormSpec> {
    const out = new Map<string, FormSpec>();
    for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
      const head = m[1] ?? '';
      const body = m[2] ?? '';
      if ((attr(head, 'method') ?? 'get').toLowerCase() !== 'post') continue;
      const action = decode(attr(head, 'action') ?? '').split('?')[0] ?? '';
      const spec: FormSpec = out.get(action) ?? { text: [], fixed: [] };
      for (const t of body.matchAll(/<input\b[^>]*>/g)) {
        const tag = t[0];
        const name = attr(tag, 'name');
        if (!name || name === '_csrf') continue;
        const type = (attr(tag, 'type') ?? 'text').toLowerCase();
        const value = decode(attr(tag, 'value') ?? '');
        if (['hidden', 'submit'].includes(type)) spec.fixed.push([name, value]);
        else if (type === 'checkbox' || type === 'radio') {
          if (attr(tag, 'checked') !== undefined || !spec.fixed.some(([n]) => n === name))
            spec.fixed.push([name, value || 'on']);
        } else if (!spec.text.includes(name)) spec.text.push(name);
      }
      for (const t of body.matchAll(/<textarea\b[^>]*>/g)) {
        const name = attr(t[0], 'name');
        if (name && !spec.text.includes(name)) spec.text.push(name);
      }
      for (const s of body.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
        const name = attr(s[1] ?? '', 'name');
        if (!name) continue;
        const options = [...(s[2] ?? '').matchAll(/<option\b([^>]*)>/g)].map((o) => o[1] ?? '');
        const chosen =
          options.find((o) => attr(o, 'selected') !== undefined) ?? options.find((o) => attr(o, 'value'));
        spec.fixed.push([name, decode(attr(chosen ?? '', 'value') ?? '')]);
      }
      out.set(action, spec);
    }
    return out;
  }

  /** A form body with raw bytes where a value asks for them (invalid UTF-8 travels percent-encoded). */
  function urlencode(fields: [string, string][], raw: [string, string][] = []): string {
    const enc = (s: string) =>
      [...Buffer.from(s, 'utf8')]
        .map((b) =>
          (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a)
            ? String.fromCharCode(b)
            : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
        )
        .join('');
    return [...fields.map(([k, v]) => `${enc(k)}=${enc(v)}`), ...raw.map(([k, v]) => `${enc(k)}=${v}`)].join(
      '&',
    );
  }

  const ROLE_FOR: Record<string, Role> = {
    authenticated: 'cav_operator',
    'network.manage': 'network_admin',
    'audit.read': 'dpo',
    'cases.work': 'cav_operator',
    'cards.work': 'inps_officer',
    'social.work': 'social_worker',
    'desks.manage': 'inps_director',
    'desks.assign': 'inps_director',
    'desks.publish': 'inps_officer',
    'desks.book': 'cav_operator',
  };
  /** Not forms, or forms that end the session the test works in. */
  const SKIP = new Set(['/logout', '/logout/all', '/api/v1/screen', '/session/keepalive']);
  const LAST =
    /(deactivate|remove|retire|revoke|close|cancel|release|end|reset-[a-z-]+|unmark|regenerate|no-show|outcome|decline|accept)$/;

  const oddUnicode = fc.constantFrom(
    '\u202e',
    '\u2066',
    '\u200b',
    '\ufeff',
    '\u0301',
    '𝕏',
    '👩🏽‍⚕️',
    '\u00a0',
    'İ',
    'ß',
    'ﷺ',
    '\ud800',
    '\udfff',
    '\uffff',
    '\ufffd',
    'مريم',
    'Олена',
    '\u0085',
    '\u007f',
    '<script>',
    "'; drop table x; --",
  );
  const control = fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c));
  const fuzzText = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc
      .array(fc.oneof(control, oddUnicode, fc.string({ maxLength: 5 })), { maxLength: 12 })
      .map((a) => a.join('')),
    fc.integer({ min: 5_000, max: 20_000 }).map((n) => 'lungo '.repeat(Math.ceil(n / 6))),
  );

  test('fuzz: every form route answers odd, long, control-laden and invalid UTF-8 text without a 5xx, once, and keeps it out of the log', async () => {
    const started = performance.now();
    const { db } = w.database;
    const officer = w.users.get('inps_officer')!;
    // The card the tests above accepted (its advice form is open).
    const card = await db
      .selectFrom('consultation_card')
      .select(['id', 'case_id'])
      .orderBy('created_at')
      .executeTakeFirstOrThrow();
    const first = async <T>(q: Promise<T | undefined>, fallback = '00000000-0000-4000-8000-000000000000') =>
      ((await q) as { id?: string } | undefined)?.id ?? fallback;
    const ids: Record<string, string> = {
      case: card.case_id,
      card: card.id,
      consent: await first(
        db.selectFrom('consent').select('id').where('case_id', '=', card.case_id).executeTakeFirst(),
      ),
      due: await first(
        db.selectFrom('due_item').select('id').where('case_id', '=', card.case_id).executeTakeFirst(),
      ),
      application: await first(db.selectFrom('application').select('id').executeTakeFirst()),
      desk: await first(db.selectFrom('desk').select('id').executeTakeFirst()),
      session: await first(
        db
          .selectFrom('desk_session')
          .select('id')
          .where('officer_id', '=', officer.userId)
          .executeTakeFirst(),
      ),
      appointment: await first(db.selectFrom('appointment').select('id').executeTakeFirst()),
      rule: await first(db.selectFrom('desk_rule').select('id').executeTakeFirst()),
      exception: await first(db.selectFrom('desk_exception').select('id').executeTakeFirst()),
      org: await first(
        db.selectFrom('organisation').select('id').where('kind', '=', 'cav').executeTakeFirst(),
      ),
      protocol: await first(db.selectFrom('protocol').select('id').executeTakeFirst()),
      user: w.users.get('trainer')!.userId,
      officer: officer.userId,
    };
    const concrete = (url: string) =>
      url.replace(/:(\w+)/g, (_m, name: string) => {
        if (name === 'caseId' || (name === 'id' && url.startsWith('/cases'))) return ids.case!;
        if (name === 'cid') return ids.consent!;
        if (name === 'did') return ids.due!;
        if (name === 'applicationId') return ids.application!;
        if (name === 'cardId') return ids.card!;
        if (name === 'deskId') return ids.desk!;
        if (name === 'sessionId') return ids.session!;
        if (name === 'appointmentId') return ids.appointment!;
        if (name === 'ruleId') return ids.rule!;
        if (name === 'exceptionId') return ids.exception!;
        if (name === 'userId') return ids.officer!;
        if (name === 'orgId') return ids.org!;
        if (url.startsWith('/network/organisations')) return ids.org!;
        if (url.startsWith('/network/protocols')) return ids.protocol!;
        if (url.startsWith('/network/users')) return ids.user!;
        return ids.case!;
      });

    const routes = w.app.routeAccess
      .filter((r) => r.method === 'POST' && !SKIP.has(r.url))
      .sort((a, b) => Number(LAST.test(a.url)) - Number(LAST.test(b.url)));
    const tokens = new Map<Role, { cookie: string; token: string }>();
    const sessionOf = async (access: string) => {
      if (access === 'public') return { cookie: '', token: '' };
      const role = ROLE_FOR[access] ?? 'cav_operator';
      if (!tokens.has(role)) tokens.set(role, await csrfFor(w.app, w.users.get(role)!.cookie));
      return tokens.get(role)!;
    };

    w.log.clear();
    let seq = 0;
    const sent: string[] = [];
    const problems: string[] = [];
    let withForm = 0;
    let requests = 0;
    for (const route of routes) {
      const url = concrete(route.url);
      const { cookie, token } = await sessionOf(route.access);
      // The form: on the route's own page or on a page above it.
      let spec: FormSpec | undefined;
      const pages = [`${url}/new`];
      for (let page = url; page.length > 0; page = page.replace(/\/[^/]*$/, '')) pages.push(page);
      for (const page of pages) {
        const res = await w.app.inject({
          method: 'GET',
          url: page,
          headers: { cookie, accept: 'text/html' },
        });
        if (res.statusCode === 200) spec = formsOf(res.body).get(url);
        if (spec) break;
      }
      if (spec) withForm++;
      else if (process.env.FUZZ_DEBUG) console.log('no form', route.url, url);
      const text = spec && spec.text.length > 0 ? spec.text : ['name', 'note', 'reason', 'q'];
      const fixed = spec?.fixed ?? [];
      const post = async (value: string, raw: [string, string][] = []) => {
        const marker = `ZQX${++seq}Q`;
        sent.push(marker);
        const fields: [string, string][] = [
          ...fixed,
          ...text.map((n) => [n, `${marker}${value}`] as [string, string]),
        ];
        if (token) fields.push(['_csrf', token]);
        requests++;
        const res = await w.app.inject({
          method: 'POST',
          url,
          headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
          payload: urlencode(fields, raw),
        });
        if (res.statusCode >= 500)
          problems.push(`${route.url}: ${res.statusCode} for ${JSON.stringify(value.slice(0, 40))}`);
      };
      // Invalid UTF-8 (a lone continuation byte, an overlong NUL, an encoded surrogate) and a NUL byte.
      await post(
        '',
        text.map((n) => [n, '%C3%28%80%C0%80%ED%A0%80%FF']),
      );
      await post('null\u0000byte');
      // A form without text fields (a button) gets the two fixed cases only; text fields get the generated ones too.
      if (spec && spec.text.length === 0) continue;
      await fc.assert(
        fc.asyncProperty(fuzzText, async (value) => {
          await post(value);
        }),
        { numRuns: 2, seed: 20261207, endOnFailure: true },
      );
    }
    const log = w.log.text;
    assert.deepEqual(problems, [], 'no 5xx');
    assert.ok(!/already sent/i.test(log), 'no request answered twice');
    const unchecked = w.log
      .entries()
      .filter((e) => e.msg === 'input refused by the database: a form check is missing')
      .map((e) => {
        const request = w.log.entries().find((r) => r.reqId === e.reqId && r.req);
        return `${(request?.req as { url?: string } | undefined)?.url ?? e.reqId} ${e.sqlState}`;
      });
    assert.deepEqual(unchecked, [], 'every field is checked before the database');
    const leaked = sent.filter((m) => log.includes(m));
    assert.deepEqual(leaked, [], 'no value of a request in the log');
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `fuzz: ${routes.length} routes, ${withForm} with their form found, ${requests} posts in ${seconds.toFixed(1)} s`,
    );
    assert.ok(withForm >= 45, `the forms of most routes were found (${withForm} of ${routes.length})`);
  });
});
