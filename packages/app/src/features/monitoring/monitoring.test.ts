import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { sql } from 'kysely';
import {
  getPage,
  getTestDb,
  makeOrg,
  makeTerritory,
  makeUser,
  postForm,
  testApp,
} from '../../../test/helpers.ts';
import { now as clockNow, todayInRome } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { forgetCharts } from './charts.ts';
import { readXlsx } from './exports.ts';
import { predrawCharts } from './predraw.ts';
import { refreshRollups } from './refresh.ts';

// The monitoring feature against the real database: the incremental refresh and consent, the dashboard's
// organisation rule and the DPO's releases, exports read back, bad input, roles.

let seq = 0;
/** `n` fictional cases at `cav` opened on the 10th of the month before this one; `consent` to statistics. */
async function addCases(
  db: Db,
  cav: string,
  user: string,
  n: number,
  o: { consent: boolean; referred?: number },
): Promise<string[]> {
  const month = todayInRome().with({ day: 10 }).subtract({ months: 1 });
  const opened = new Date(`${month.toString()}T10:00:00Z`);
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = randomUUID();
    ids.push(id);
    const k = (++seq % 100000).toString().padStart(5, '0');
    const code = `MON-${(process.pid % 10000).toString().padStart(4, '0')}-${k}`;
    await sql`insert into case_file (id, code, cav_id, opened_by, opened_at)
      values (${id}, ${code}, ${cav}, ${user}, ${opened})`.execute(db);
    if (o.consent)
      await sql`insert into consent (id, case_id, purpose, given_on, expires_on, collected_by, recorded_by, recorded_at)
        values (${randomUUID()}, ${id}, 'statistics', ${month.toString()}, ${month.add({ years: 3 }).toString()},
          ${user}, ${user}, ${clockNow()})`.execute(db);
    if (i < (o.referred ?? 0)) {
      const office = (
        await sql<{ id: string }>`select id from organisation where kind = 'inps_office' limit 1`.execute(db)
      ).rows[0]?.id;
      if (office)
        await sql`insert into consultation_card (id, case_id, inps_office_id, code, created_by, created_at)
          values (${randomUUID()}, ${id}, ${office}, ${code}, ${user}, ${new Date(opened.getTime() + 3 * 86400000)})`.execute(
          db,
        );
    }
  }
  return ids;
}

async function world() {
  const app = await testApp();
  const { db } = await getTestDb();
  const t1 = await makeTerritory(db);
  const p2 = `${t1.provincia}-2`;
  await sql`insert into territory (id, kind, name, parent_id)
    values (${p2}, 'provincia', ${`Provincia di prova due ${p2}`}, ${t1.regione})`.execute(db);
  await makeOrg(db, 'inps_office', t1.provincia);
  const a = await makeOrg(db, 'cav', t1.comune);
  const b = await makeOrg(db, 'cav', t1.comune);
  const c = await makeOrg(db, 'cav', p2);
  const coordA = await makeUser(db, a.id, ['cav_coordinator']);
  const coordC = await makeUser(db, c.id, ['cav_coordinator']);
  const operatorA = await makeUser(db, a.id, ['cav_operator']);
  const dpoOrg = await makeOrg(db, 'regione', t1.regione);
  const dpo = await makeUser(db, dpoOrg.id, ['dpo']);
  const admin = await makeUser(db, dpoOrg.id, ['network_admin']);
  await addCases(db, a.id, coordA.id, 12, { consent: true, referred: 8 });
  await addCases(db, b.id, coordA.id, 9, { consent: true, referred: 2 });
  await addCases(db, c.id, coordC.id, 7, { consent: true, referred: 6 });
  await addCases(db, a.id, coordA.id, 3, { consent: false });
  await refreshRollups(db);
  return { app, db, t1, p2, a, b, c, coordA, coordC, operatorA, dpo, admin };
}

const month = () => todayInRome().with({ day: 1 }).subtract({ months: 1 }).toString();
const period = () => `from=${month()}&to=${todayInRome().toString()}`;

async function caseMonth(db: Db, cav: string) {
  const r = await sql<{ cases: number; referred: number }>`
    select cases, referred from monitoring_case_month where cav_id = ${cav}`.execute(db);
  return r.rows[0] ?? { cases: 0, referred: 0 };
}

/** The text of each cell of a table section of the page, row by row. */
function pageTable(html: string, key: string): string[][] {
  const section =
    new RegExp(`<section[^>]*data-table="${key}"[^>]*>([\\s\\S]*?)</section>`).exec(html)?.[1] ?? '';
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(section)?.[1] ?? '';
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((m) =>
    [...m[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) =>
      c[1]!
        .replace(/<[^>]+>/g, '')
        .replace(/&lt;/g, '<')
        .replace(/&amp;/g, '&')
        .replace(/&#x27;|&#39;/g, "'")
        .trim(),
    ),
  );
}

/** A small CSV reader for what csv-stringify writes (quotes doubled inside quoted fields). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const s = text.replace(/^\ufeff/, '');
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

test('monitoring refresh: only consenting cases; a revocation removes them at the next (incremental) refresh', async () => {
  const { db, a, coordA } = await world();
  assert.deepEqual(await caseMonth(db, a.id), { cases: 12, referred: 8 });
  const ids = (
    await sql<{ id: string }>`select case_id as id from consent where purpose = 'statistics'
      and case_id in (select id from case_file where cav_id = ${a.id}) order by case_id limit 2`.execute(db)
  ).rows.map((r) => r.id);
  await sql`update consent set revoked_at = ${clockNow()}, revoked_by = ${coordA.id}
    where purpose = 'statistics' and case_id = any(${ids}::uuid[])`.execute(db);
  // Unchanged until the refresh: the dashboard reads the rollups, never the cases.
  assert.equal((await caseMonth(db, a.id)).cases, 12);
  const r = await refreshRollups(db);
  assert.equal(r.full, false);
  assert.ok(r.cohorts >= 1);
  const after = await caseMonth(db, a.id);
  assert.equal(after.cases, 10);
  // Nothing identifying is in a rollup: no column holds a case id, a code or a date of birth.
  const cols = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns
    where table_name like 'monitoring\\_%' and table_name not in ('monitoring_release', 'monitoring_budget', 'monitoring_state')`.execute(
    db,
  );
  for (const c of cols.rows)
    assert.doesNotMatch(c.column_name, /case_id|code|birth|name|note|text/, c.table_name);
});

test('monitoring charts drawn ahead: after a refresh the default views are drawn once; a first reader finds them', async () => {
  const w = await world();
  const stored = async () =>
    (await sql<{ n: number }>`select count(*)::integer as n from monitoring_chart`.execute(w.db)).rows[0]!.n;
  const r1 = await predrawCharts(w.db);
  // The network, its Regione and its provinces (at least), by kind of organisation, in both languages.
  assert.ok(r1.views >= 4 * 3 * 2, JSON.stringify(r1));
  assert.ok(r1.charts > 0);
  assert.equal(await stored(), r1.charts);
  // Nothing changed: nothing is drawn again.
  const r2 = await predrawCharts(w.db);
  assert.equal(r2.drawn, 0);
  assert.equal(r2.charts, r1.charts);
  // A reader in a process that has drawn nothing gets the stored charts (marked here to tell them apart).
  await sql`update monitoring_chart set svg = replace(svg, '<title ', '<title data-ahead="" ')`.execute(w.db);
  forgetCharts({ templates: true });
  const page = await getPage(w.app, w.coordA, `/monitoring?territory=${w.t1.regione}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<title data-ahead="" id="chart-funnel-title">/);
  // The rollups change: the charts that changed are drawn again, and the set is this run's alone.
  await addCases(w.db, w.b.id, w.coordA.id, 6, { consent: true });
  await refreshRollups(w.db);
  const r3 = await predrawCharts(w.db);
  assert.ok(r3.drawn > 0);
  assert.equal(await stored(), r3.charts);
  forgetCharts();
  const again = await getPage(w.app, w.coordA, `/monitoring?territory=${w.t1.regione}`);
  assert.doesNotMatch(again.body, /<title data-ahead="" id="chart-funnel-title">/);
  assert.match(again.body, /<svg role="img" aria-labelledby="chart-funnel-title"/);
});

test('monitoring dashboard: roles, the organisation rule, a DPO release (listed and audited)', async () => {
  const w = await world();
  const { app, coordA, coordC, operatorA, dpo } = w;
  assert.equal((await getPage(app, operatorA, '/monitoring')).statusCode, 403);
  assert.equal((await getPage(app, coordA, '/monitoring/releases')).statusCode, 403);
  assert.equal((await getPage(app, coordA, '/monitoring/settings')).statusCode, 403);
  assert.equal((await getPage(app, dpo, '/monitoring')).statusCode, 403);

  // The whole region: three CAVs, figures shown; the province table withholds the province of C alone.
  const region = await getPage(app, coordA, `/monitoring?${period()}&territory=${w.t1.regione}`);
  assert.equal(region.statusCode, 200);
  const funnel = pageTable(region.body, 'funnel');
  assert.deepEqual(funnel[0], ['Casi (con consenso alle statistiche)', '28']);
  assert.match(region.body, /<svg role="img" aria-labelledby="chart-funnel-title"/);
  assert.match(region.body, /data-refreshed/);
  const provinces = pageTable(region.body, 'provinces');
  const cRow = provinces.find((r) => r[0]!.includes('due'))!;
  assert.ok(
    cRow.slice(1).every((v) => v === 'n.d.'),
    JSON.stringify(cRow),
  );
  // …and its partner, so that C's figures are not the total minus the other province.
  const otherRow = provinces.find((r) => r[0] !== cRow[0] && r[0] !== 'Totale')!;
  assert.ok(
    otherRow.slice(1).every((v) => v === 'n.d.' || v.startsWith('<')),
    JSON.stringify(otherRow),
  );

  // C's province alone is C's own figures: not for A's staff, yes for C's.
  const fromA = await getPage(app, coordA, `/monitoring?${period()}&territory=${w.p2}`);
  assert.equal(fromA.statusCode, 200);
  assert.match(fromA.body, /data-withheld="funnel"/);
  assert.deepEqual(pageTable(fromA.body, 'funnel'), []);
  const fromC = await getPage(app, coordC, `/monitoring?${period()}&territory=${w.p2}`);
  assert.deepEqual(pageTable(fromC.body, 'funnel')[0], ['Casi (con consenso alle statistiche)', '7']);
  // A's province holds A and B: B's figures are A's total minus A's own, so not for A's staff either.
  const p1 = await getPage(app, coordA, `/monitoring?${period()}&territory=${w.t1.provincia}`);
  assert.match(p1.body, /data-withheld="funnel"/);
  assert.equal(
    (await getPage(app, coordA, `/monitoring/export/funnel.csv?${period()}&territory=${w.p2}`)).statusCode,
    404,
  );

  // The DPO releases C's funnel to A, with a reason: listed, audited, then visible to A (that table only).
  const bad = await postForm(
    app,
    dpo,
    '/monitoring/releases',
    { org: w.c.id, table: 'funnel', recipient: w.a.id, reason: '' },
    '/monitoring/releases',
  );
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /Scrivi il motivo del rilascio/);
  const same = await postForm(
    app,
    dpo,
    '/monitoring/releases',
    { org: w.c.id, table: 'funnel', recipient: w.c.id, reason: 'Relazione al tavolo provinciale 2026' },
    '/monitoring/releases',
  );
  assert.equal(same.statusCode, 400);
  const ok = await postForm(
    app,
    dpo,
    '/monitoring/releases',
    { org: w.c.id, table: 'funnel', recipient: w.a.id, reason: 'Relazione al tavolo provinciale 2026' },
    '/monitoring/releases',
  );
  assert.equal(ok.statusCode, 303);
  const list = await getPage(app, dpo, '/monitoring/releases');
  assert.match(list.body, /Relazione al tavolo provinciale 2026/);
  const audit = await sql<{ n: number }>`select count(*)::integer as n from audit_log
    where action = 'monitoring.release_recorded' and details->>'org_id' = ${w.c.id}`.execute(w.db);
  assert.equal(audit.rows[0]!.n, 1);
  const released = await getPage(app, coordA, `/monitoring?${period()}&territory=${w.p2}`);
  assert.deepEqual(pageTable(released.body, 'funnel')[0], ['Casi (con consenso alle statistiche)', '7']);
  assert.match(released.body, /data-withheld="times"/);
});

test('monitoring exports: CSV and XLSX read back equal the page, with the same suppression', async () => {
  const w = await world();
  const q = `${period()}&territory=${w.t1.regione}`;
  const page = await getPage(w.app, w.coordA, `/monitoring?${q}`);
  for (const key of ['funnel', 'provinces', 'times', 'desks']) {
    const shown = pageTable(page.body, key);
    if (shown.length === 0) continue;
    const csv = await getPage(w.app, w.coordA, `/monitoring/export/${key}.csv?${q}`);
    assert.equal(csv.statusCode, 200, key);
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    const rows = parseCsv(csv.body);
    assert.equal(rows[0]![0], 'Voce');
    assert.deepEqual(rows.slice(1), shown, key);
    const xlsx = await w.app.inject({
      url: `/monitoring/export/${key}.xlsx?${q}`,
      headers: { cookie: w.coordA.cookie },
    });
    assert.equal(xlsx.statusCode, 200);
    const sheet = await readXlsx(xlsx.rawPayload, 'Voce');
    assert.equal(sheet[0]![0], 'Voce');
    // Numbers are numbers in the workbook: compare them unformatted.
    const plain = (s: string) => s.replace(/\./g, '').replace(',', '.').replace(/\s?€/, '');
    assert.deepEqual(
      sheet.slice(1).map((r) => r.map(plain)),
      shown.map((r) => r.map(plain)),
      key,
    );
  }
  const all = await w.app.inject({
    url: `/monitoring/export/all.xlsx?${q}`,
    headers: { cookie: w.coordA.cookie },
  });
  assert.equal(all.statusCode, 200);
  const dataset = await getPage(w.app, w.coordA, `/monitoring/dataset.csv?${q}`);
  assert.equal(dataset.statusCode, 200);
  const lines = parseCsv(dataset.body);
  assert.deepEqual(lines[0], [
    'period_from',
    'period_to',
    'territory',
    'table',
    'row',
    'variable',
    'value',
    'status',
  ]);
  const casesLine = lines.find((l) => l[3] === 'funnel' && l[4] === 'cases')!;
  assert.deepEqual(casesLine.slice(6), ['28', 'shown']);
  // Nothing below the threshold is published in the dataset.
  for (const l of lines.slice(1))
    if (l[7] === 'shown' && ['n', 'cases', 'filed', 'granted'].includes(l[5]!)) assert.ok(Number(l[6]) >= 5);
  const doc = await getPage(w.app, w.coordA, '/monitoring/dataset');
  assert.equal(doc.statusCode, 200);
  assert.match(doc.body, /period_from/);
});

test('monitoring bad input: clear messages, never a 5xx', async () => {
  const w = await world();
  const { app, coordA, admin } = w;
  const cases: [string, RegExp][] = [
    [`/monitoring?from=2026-03-01&to=2026-01-01`, /La fine del periodo viene prima dell’inizio/],
    [`/monitoring?to=2099-01-01`, /Il periodo non può finire o cominciare nel futuro/],
    [`/monitoring?from=31-02-2026`, /Scrivi una data valida/],
    [`/monitoring?territory=nowhere`, /Scegli un territorio dall’elenco/],
    [`/monitoring?kind=shelter`, /Scegli un tipo di organizzazione/],
  ];
  for (const [url, re] of cases) {
    const r = await getPage(app, coordA, url);
    assert.equal(r.statusCode, 400, url);
    assert.match(r.body, re, url);
    assert.match(r.body, /value="/);
  }
  // An ATS is finer than a province: only for the staff of an organisation inside it.
  await sql`insert into territory (id, kind, name, parent_id) values ('test-ats-x', 'ats', 'ATS di prova', ${w.p2})
    on conflict do nothing`.execute(w.db);
  const ats = await getPage(app, coordA, '/monitoring?territory=test-ats-x');
  assert.equal(ats.statusCode, 400);
  assert.match(ats.body, /il livello più fine è la provincia/);
  // An export of a selection without a case or a desk: the dashboard again, saying so, the filter as typed.
  for (const file of ['funnel.csv', 'all.xlsx']) {
    const empty = await getPage(app, coordA, `/monitoring/export/${file}?from=2001-01-01&to=2001-02-01`);
    assert.equal(empty.statusCode, 404, file);
    assert.match(empty.body, /data-export-empty[^>]*>La selezione non contiene dati da esportare/);
    assert.match(empty.body, /name="from" type="date" class="form-control" value="2001-01-01"/);
  }
  const emptyDataset = await getPage(app, coordA, '/monitoring/dataset.csv?from=2001-01-01&to=2001-02-01');
  assert.equal(emptyDataset.statusCode, 404);
  // An export of a bad period: the error next to its field, what she typed kept.
  const badExport = await getPage(app, coordA, '/monitoring/export/funnel.csv?from=2026-03-01&to=2026-01-01');
  assert.equal(badExport.statusCode, 400);
  assert.match(
    badExport.body,
    /id="field-to-error"[^>]*>[\s\S]*?La fine del periodo viene prima dell’inizio/,
  );
  assert.match(badExport.body, /name="to" type="date" class="form-control is-invalid" value="2026-01-01"/);
  assert.equal((await getPage(app, coordA, '/monitoring/export/nothing.csv')).statusCode, 404);
  const low = await postForm(
    app,
    admin,
    '/monitoring/settings/threshold',
    { threshold: '2' },
    '/monitoring/settings',
  );
  assert.equal(low.statusCode, 400);
  assert.match(low.body, /id="field-threshold-error"[^>]*>[\s\S]*?tra 3 e 100/);
  assert.match(low.body, /value="2"/);
  // A release whose reason is only blanks: the message next to the reason, the choices kept.
  const noReason = await postForm(
    app,
    w.dpo,
    '/monitoring/releases',
    { org: w.c.id, table: 'funnel', recipient: w.a.id, reason: '   ' },
    '/monitoring/releases',
  );
  assert.equal(noReason.statusCode, 400);
  assert.match(noReason.body, /id="field-reason-error"[^>]*>[\s\S]*?Scrivi il motivo del rilascio/);
  assert.match(noReason.body, new RegExp(`<option value="${w.c.id}" selected`));
  const budget = await postForm(
    app,
    admin,
    '/monitoring/settings/budget',
    { year: '20x6', region: 'nowhere', amount: 'molti' },
    '/monitoring/settings',
  );
  assert.equal(budget.statusCode, 400);
  assert.match(budget.body, /Scrivi un anno/);
  const saved = await postForm(
    app,
    admin,
    '/monitoring/settings/budget',
    { year: '2026', region: w.t1.regione, amount: '250.000,00' },
    '/monitoring/settings',
  );
  assert.equal(saved.statusCode, 303);
  const list = await getPage(app, admin, '/monitoring/settings');
  assert.match(list.body, /250\.000,00/);
});
