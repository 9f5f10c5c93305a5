import { sql } from 'kysely';
import { now as clockNow, isoDateInRome } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { databaseState } from '../network/index.ts';

// `ponte seed --synthetic N` (issue 15): a fictional network with N cases and three years of their histories —
// benefits checks, referrals to INPS (cards), desk days and appointments, applications and outcomes — for the
// monitoring dashboard and its benchmark. Set-based SQL (generate_series, one INSERT … SELECT per table and batch)
// so that a million cases is minutes on PostgreSQL. Every name says "sintetico"; no case has an identity; the
// generator refuses a database with real data (an account that is not a demo account).
//
// Plausible shapes (not real statistics): ~87% consent to statistics (3% revoked later), ~80% run a check, ~65% of
// those have a likely benefit, ~55% of these are referred, ~80% of referrals reach a consultation after 3–40 days,
// each consultation leads to 1–3 applications; granted ~55%, refused ~15%, waiting for regional funds (Reddito di
// Libertà) ~10%, the rest still pending; amounts by benefit around their usual size.

export interface SyntheticOptions {
  cases: number;
  /** Cases per batch (one transaction each). */
  batch?: number;
  /** Called after each batch with the cases written so far. */
  progress?: (done: number, total: number) => void;
  /** Years of history before today (default 3). */
  years?: number;
}

export class RealDataError extends Error {
  override name = 'RealDataError';
}

const SYN_USER = '00000000-0000-4000-8000-00000005e001';
const REGION = 'syn-regione';

/** The fictional geography and organisations: 2 regions, 8 provinces, 2 ATS each; CAVs and INPS offices. */
async function ensureNetwork(db: Db, cavCount: number): Promise<void> {
  await sql`
    insert into app_user (id, username, display_name, password_hash, active, demo)
    values (${SYN_USER}, 'sintetico.operatrice', 'Operatrice sintetica (dati di fantasia)', 'x', false, true)
    on conflict (id) do nothing`.execute(db);
  // One synthetic officer per desk (a person holds one desk at a time); never able to log in.
  await sql`
    insert into app_user (id, username, display_name, password_hash, active, demo)
    select ('00000000-0000-4000-8005-' || lpad(n::text, 12, '0'))::uuid, 'sintetico.sportello.' || n,
      'Consulente sintetica ' || n || ' (dati di fantasia)', 'x', false, true
    from generate_series(1, ${cavCount + 100}::integer) n
    on conflict (id) do nothing`.execute(db);
  await sql`
    insert into territory (id, kind, name, parent_id) values
      (${REGION}, 'regione', 'Regione Sintetica (dati di fantasia)', null),
      ('syn-regione-2', 'regione', 'Regione Sintetica Due (dati di fantasia)', null)
    on conflict (id) do nothing`.execute(db);
  await sql`
    insert into territory (id, kind, name, parent_id)
    select 'syn-prov-' || p, 'provincia', 'Provincia sintetica ' || chr(64 + p),
      case when p <= 5 then ${REGION} else 'syn-regione-2' end
    from generate_series(1, 8) p
    on conflict (id) do nothing`.execute(db);
  await sql`
    insert into territory (id, kind, name, parent_id)
    select 'syn-ats-' || p || '-' || a, 'ats', 'ATS sintetico ' || chr(64 + p) || a, 'syn-prov-' || p
    from generate_series(1, 8) p, generate_series(1, 2) a
    on conflict (id) do nothing`.execute(db);
  // One INPS office per province; CAVs spread over the ATS.
  await sql`
    insert into organisation (id, kind, name, territory_id)
    select ('00000000-0000-4000-8001-' || lpad(p::text, 12, '0'))::uuid, 'inps_office',
      'INPS sede sintetica ' || chr(64 + p) || ' (dati di fantasia)', 'syn-prov-' || p
    from generate_series(1, 8) p
    on conflict do nothing`.execute(db);
  await sql`
    insert into organisation (id, kind, name, territory_id)
    select ('00000000-0000-4000-8002-' || lpad(c::text, 12, '0'))::uuid, 'cav',
      'CAV sintetico ' || c || ' (dati di fantasia)', 'syn-ats-' || (1 + (c - 1) % 8) || '-' || (1 + ((c - 1) / 8) % 2)
    from generate_series(1, ${cavCount}::integer) c
    on conflict do nothing`.execute(db);
  // Desks: a room at each CAV, a room at each office, phone and video for each office.
  await sql`
    insert into desk (id, organisation_id, inps_office_id, kind, name, video_link, created_by)
    select ('00000000-0000-4000-8003-' || lpad(c::text, 12, '0'))::uuid,
      ('00000000-0000-4000-8002-' || lpad(c::text, 12, '0'))::uuid,
      ('00000000-0000-4000-8001-' || lpad((1 + (c - 1) % 8)::text, 12, '0'))::uuid,
      'cav_room', 'Stanza sintetica ' || c, null, ${SYN_USER}
    from generate_series(1, ${cavCount}::integer) c
    on conflict do nothing`.execute(db);
  await sql`
    insert into desk (id, organisation_id, inps_office_id, kind, name, video_link, created_by)
    select ('00000000-0000-4000-8004-' || lpad((p * 10 + k)::text, 12, '0'))::uuid,
      ('00000000-0000-4000-8001-' || lpad(p::text, 12, '0'))::uuid,
      ('00000000-0000-4000-8001-' || lpad(p::text, 12, '0'))::uuid,
      (array['inps_room', 'phone', 'video'])[k], 'Sportello sintetico ' || chr(64 + p) || k,
      case when k = 3 then 'https://video.example.invalid/sintetico' end, ${SYN_USER}
    from generate_series(1, 8) p, generate_series(1, 3) k
    on conflict do nothing`.execute(db);
}

async function ensureSessions(db: Db, years: number, today: string, days: number): Promise<void> {
  const has = await sql<{ n: number }>`
    select count(*)::integer as n from desk_session where created_by = ${SYN_USER}`.execute(db);
  if (has.rows[0]!.n > 0) return;
  // Mornings (9:00–13:00, 30-minute slots) on `days` weekdays per desk, more for a larger network, over the history.
  await sql`
    insert into desk_session (id, desk_id, officer_id, starts_at, ends_at, slot_minutes, buffer_minutes, created_by,
      created_at)
    select gen_random_uuid(), d.id, ('00000000-0000-4000-8005-' || lpad(d.n::text, 12, '0'))::uuid,
      (day + time '09:00') at time zone 'Europe/Rome', (day + time '13:00') at time zone 'Europe/Rome', 30, 0,
      ${SYN_USER}, (day - interval '14 days') at time zone 'Europe/Rome'
    from (select id, row_number() over (order by id) as n from desk where created_by = ${SYN_USER}) d,
      generate_series((${today}::date - make_interval(years => ${years}))::date, ${today}::date - 1,
      interval '1 day') as g(day)
    where extract(isodow from day)::integer = any((array[2, 4, 1, 3, 5])[1:${days}::integer])`.execute(db);
}

const BENEFITS = sql`(array['assegno_di_inclusione', 'assegno_unico', 'reddito_di_liberta', 'naspi',
  'congedo_violenza', 'assegno_maternita_comuni', 'supporto_formazione_lavoro', 'bonus_asilo_nido'])`;
const AMOUNTS = sql`(array[420000, 180000, 600000, 520000, 310000, 200000, 420000, 150000])`;

/** Writes `cases` synthetic cases with their histories; returns how many it wrote. */
export async function seedSynthetic(db: Db, o: SyntheticOptions): Promise<number> {
  if (!Number.isInteger(o.cases) || o.cases < 1 || o.cases > 10_000_000)
    throw new RangeError('the number of cases must be between 1 and 10,000,000');
  if ((await databaseState(db)) === 'real')
    throw new RealDataError(
      'the database holds real data: synthetic cases are written only to a demo or empty one',
    );
  const years = o.years ?? 3;
  const batch = o.batch ?? 25_000;
  const today = isoDateInRome(clockNow());
  const cavCount = Math.max(16, Math.min(48, Math.ceil(o.cases / 20_000)));
  await db.transaction().execute(async (tx) => {
    await ensureNetwork(tx, cavCount);
    await ensureSessions(tx, years, today, Math.max(1, Math.min(5, Math.ceil(o.cases / 200_000))));
  });
  const cavs = (
    await sql<{ id: string; office: string }>`
      select o.id::text, ('00000000-0000-4000-8001-' || lpad(substr(t.parent_id, 10), 12, '0')) as office
      from organisation o join territory t on t.id = o.territory_id
      where o.kind = 'cav' and o.name like 'CAV sintetico %' order by o.name`.execute(db)
  ).rows;
  const start = (
    await sql<{ n: number }>`select count(*)::integer as n from case_file where code like 'SY%'`.execute(db)
  ).rows[0]!.n;
  const cavIds = cavs.map((c) => c.id);
  const offices = cavs.map((c) => c.office);
  let done = 0;
  while (done < o.cases) {
    const n = Math.min(batch, o.cases - done);
    const from = start + done;
    await db.transaction().execute(async (tx) => {
      await sql`drop table if exists syn_case`.execute(tx);
      // The batch: one line per case with its random draws.
      await sql`
        create temp table syn_case on commit drop as
        select gen_random_uuid() as id, i,
          (${cavIds}::uuid[])[1 + floor(random() * ${cavIds.length})::integer] as cav_id,
          ((${today}::date - 1 - floor(power(random(), 0.8) * 365 * ${years})::integer)::timestamp
            + make_interval(mins => 480 + floor(random() * 600)::integer)) at time zone 'Europe/Rome' as opened_at,
          random() as r_consent, random() as r_check, random() as r_likely, random() as r_ref, random() as r_consult,
          random() as r_apps, random() as r_close
        from generate_series(${from}::integer, ${from + n - 1}::integer) i`.execute(tx);
      await sql`
        insert into case_file (id, code, cav_id, status, opened_by, opened_at, closed_at, closed_by, closing_reason)
        select id,
          'SY' || chr(65 + (i / 1048576) % 26) || '-' || to_char(opened_at at time zone 'Europe/Rome', 'YYYY') || '-'
            || upper(lpad(to_hex(i % 1048576), 5, '0')),
          cav_id,
          case when r_close < 0.4 and opened_at < ${today}::date - 200 then 'closed' else 'open' end,
          ${SYN_USER}, opened_at,
          case when r_close < 0.4 and opened_at < ${today}::date - 200 then opened_at + interval '180 days' end,
          case when r_close < 0.4 and opened_at < ${today}::date - 200 then ${SYN_USER}::uuid end,
          case when r_close < 0.4 and opened_at < ${today}::date - 200 then 'percorso concluso' end
        from syn_case`.execute(tx);
      // Consent to statistics (most), sometimes revoked later.
      await sql`
        insert into consent (id, case_id, purpose, given_on, expires_on, collected_by, recorded_by, recorded_at,
          revoked_at, revoked_by)
        select gen_random_uuid(), id, 'statistics', (opened_at at time zone 'Europe/Rome')::date,
          (opened_at at time zone 'Europe/Rome')::date + 365 * 5, ${SYN_USER}, ${SYN_USER}, opened_at,
          case when r_consent > 0.84 then opened_at + interval '60 days' end,
          case when r_consent > 0.84 then ${SYN_USER}::uuid end
        from syn_case where r_consent < 0.87`.execute(tx);
      // Benefits checks.
      await sql`
        insert into screening (id, case_id, situation, assessment, rules_version, run_by, run_at)
        select gen_random_uuid(), id, '{}'::jsonb,
          jsonb_build_object('rules', 'sintetico', 'results', jsonb_build_array(jsonb_build_object(
            'benefit', ${BENEFITS}[1 + floor(r_apps * 8)::integer],
            'status', case when r_likely < 0.65 then 'eligible' else 'not_eligible' end))),
          'sintetico', ${SYN_USER}, opened_at + make_interval(days => floor(r_check * 20)::integer)
        from syn_case where r_check < 0.8`.execute(tx);
      // Referrals to INPS: the office of the CAV's province.
      await sql`
        insert into consultation_card (id, case_id, inps_office_id, code, benefits, status, created_by, created_at,
          accepted_by, accepted_at, last_outcome_at)
        select gen_random_uuid(), c.id,
          (${offices}::uuid[])[array_position(${cavIds}::uuid[], c.cav_id)],
          'SYN-' || c.i, array[${BENEFITS}[1 + floor(c.r_apps * 8)::integer]],
          case when c.r_consult < 0.8 then 'accepted' else 'sent' end, ${SYN_USER},
          c.opened_at + make_interval(days => 2 + floor(power(c.r_ref, 2) * 60 + c.r_check * 20)::integer),
          case when c.r_consult < 0.8 then ${SYN_USER}::uuid end,
          case when c.r_consult < 0.8 then c.opened_at + interval '1 day'
            + make_interval(days => 2 + floor(power(c.r_ref, 2) * 60 + c.r_check * 20)::integer) end,
          null
        from syn_case c where c.r_check < 0.8 and c.r_likely < 0.65 and c.r_ref < 0.55`.execute(tx);
      // Consultations at a desk of the office (done), a few no-shows; on a desk day 3–40 days after the referral.
      await sql`
        insert into appointment (id, card_id, desk_id, session_id, officer_id, during, status, booked_by, created_at,
          updated_at, outcome_by, outcome_at)
        select gen_random_uuid(), k.id, s.desk_id, s.id, s.officer_id,
          tstzrange(s.starts_at + make_interval(mins => 30 * slot), s.starts_at + make_interval(mins => 30 * slot + 30)),
          case when c.r_consult < 0.8 then 'done' else 'no_show' end, ${SYN_USER}, k.created_at,
          s.ends_at, ${SYN_USER}, s.ends_at
        from syn_case c join consultation_card k on k.case_id = c.id
        cross join lateral (select floor(c.r_close * 8)::integer as slot) sl
        cross join lateral (
          select ss.id, ss.desk_id, ss.officer_id, ss.starts_at, ss.ends_at from desk_session ss join desk d on d.id = ss.desk_id
          where d.created_by = ${SYN_USER}
            and d.kind = case when c.i % 10 < 4 then 'cav_room' when c.i % 10 < 7 then 'inps_room'
              when c.i % 10 < 9 then 'phone' else 'video' end
            and (d.organisation_id = c.cav_id or (d.kind <> 'cav_room' and d.organisation_id = k.inps_office_id))
            and ss.starts_at >= k.created_at + make_interval(days => 3 + floor(c.r_consult * 37)::integer)
            and ss.starts_at < ${clockNow()}
          order by ss.starts_at limit 1
        ) s
        where c.r_consult < 0.9`.execute(tx);
      await sql`
        update consultation_card k set last_outcome_at = p.outcome_at
        from appointment p, syn_case c
        where p.card_id = k.id and p.status = 'done' and c.id = k.case_id`.execute(tx);
      // Applications: 1–3 per consultation held.
      await sql`
        drop table if exists syn_app`.execute(tx);
      await sql`
        create temp table syn_app on commit drop as
        select gen_random_uuid() as id, c.id as case_id, k.id as card_id, g.j,
          ${BENEFITS}[1 + ((floor(c.r_apps * 8)::integer + g.j * 3) % 8)] as benefit,
          (k.last_outcome_at at time zone 'Europe/Rome')::date + floor(random() * 30)::integer as filed_on,
          random() as r_out, random() as r_amount
        from syn_case c join consultation_card k on k.case_id = c.id
        cross join lateral generate_series(0, floor(c.r_apps * 2.6)::integer) g(j)
        where k.last_outcome_at is not null`.execute(tx);
      await sql`
        insert into application (id, case_id, card_id, benefit, filed_by_channel, filed_on, status,
          amount_granted_cents, created_by, created_at, updated_at)
        select a.id, a.case_id, a.card_id, a.benefit, 'inps_online',
          case when a.filed_on < ${today}::date then a.filed_on end,
          case when a.filed_on >= ${today}::date then 'in_preparazione'
            when a.filed_on + 10 + floor(a.r_out * 110)::integer >= ${today}::date then 'presentata'
            when a.r_out < 0.55 then 'accolta'
            when a.r_out < 0.70 then 'respinta'
            when a.r_out < 0.80 and a.benefit = 'reddito_di_liberta' then 'in_attesa_fondi_regionali'
            else 'presentata' end,
          case when a.filed_on + 10 + floor(a.r_out * 110)::integer < ${today}::date and a.r_out < 0.55 then
            (${AMOUNTS}[array_position(${BENEFITS}, a.benefit)] * (0.7 + a.r_amount * 0.6) / 1000)::bigint * 1000
          end,
          ${SYN_USER}, a.filed_on::timestamp at time zone 'Europe/Rome',
          (a.filed_on + 10 + floor(a.r_out * 110)::integer)::timestamp at time zone 'Europe/Rome'
        from syn_app a`.execute(tx);
      await sql`
        insert into application_event (id, application_id, from_status, to_status, at, by_user, recorded_at)
        select gen_random_uuid(), p.id, 'presentata', p.status, (p.updated_at at time zone 'Europe/Rome')::date,
          ${SYN_USER}, p.updated_at
        from application p join syn_app a on a.id = p.id
        where p.status in ('accolta', 'respinta', 'in_attesa_fondi_regionali')`.execute(tx);
    });
    done += n;
    o.progress?.(done, o.cases);
  }
  return done;
}

/** A progress bar for a terminal's standard error: `[#####.....] 50% 500000/1000000`. */
export function progressBar(done: number, total: number, width = 30): string {
  const f = total === 0 ? 1 : done / total;
  const filled = Math.round(f * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.round(f * 100)}% ${done}/${total}`;
}
