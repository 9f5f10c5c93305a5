import { sql } from 'kysely';
import { now as clockNow, isoDateInRome } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';

// The refresh of the monitoring rollups (migration 0018). Incremental: it finds, by index, the cases touched since
// the watermark (opened, closed, a statistics consent recorded, revoked or expired, a check run, a referral, an
// application or its event, an appointment changed) and recomputes only their (CAV, month) cohorts; and the desk
// months whose sessions or appointments changed. The first refresh (no watermark) computes everything. The
// watermark goes back OVERLAP before the start of the refresh: a transaction that committed late with an earlier
// timestamp is picked up by the next run (recomputing a cohort twice gives the same rows).
//
// A case counts only while its consent to statistics is valid at the refresh (not revoked, given on or before
// today, not expired): a revocation or an expiry touches the case, so its cohort is recomputed without it.

/** The job that refreshes the rollups, then draws the charts ahead (monitoring/index.ts). */
export const REFRESH_JOB = 'monitoring.refresh';

const OVERLAP_MS = 10 * 60 * 1000;
const ROME = 'Europe/Rome';

export interface RefreshResult {
  full: boolean;
  cohorts: number;
  deskMonths: number;
  ms: number;
}

/** Recomputes what changed since the last refresh (everything the first time, or when `full`). */
export async function refreshRollups(db: Db, o: { full?: boolean } = {}): Promise<RefreshResult> {
  const started = clockNow();
  const t0 = performance.now();
  const today = isoDateInRome(started);
  return db.transaction().execute(async (tx) => {
    // One refresh at a time (the job may run on several instances).
    const state = await sql<{ watermark: Date | null }>`
      select watermark from monitoring_state where id for update`.execute(tx);
    const watermark = o.full ? null : (state.rows[0]?.watermark ?? null);
    const full = watermark === null;
    const since = full ? null : new Date(watermark.getTime() - OVERLAP_MS);
    const sinceDay = since ? isoDateInRome(since) : null;

    await sql`drop table if exists mon_cohort`.execute(tx);
    await sql`drop table if exists mon_desk_month`.execute(tx);
    if (full) {
      await sql`
        create temp table mon_cohort on commit drop as
        select distinct cav_id, (date_trunc('month', opened_at at time zone ${ROME}))::date as month
        from case_file`.execute(tx);
      await sql`
        create temp table mon_desk_month on commit drop as
        select distinct (date_trunc('month', starts_at at time zone ${ROME}))::date as month from desk_session`.execute(
        tx,
      );
    } else {
      await sql`
        create temp table mon_cohort on commit drop as
        with touched as (
          select id from case_file where opened_at > ${since} or closed_at > ${since}
          union select case_id from consent where purpose = 'statistics' and recorded_at > ${since}
          union select case_id from consent where purpose = 'statistics' and revoked_at > ${since}
          union select case_id from consent where purpose = 'statistics' and expires_on >= ${sinceDay}::date - 1
            and expires_on < ${today}::date
          union select case_id from screening where run_at > ${since}
          union select case_id from consultation_card where created_at > ${since}
          union select case_id from consultation_card where last_outcome_at > ${since}
          union select case_id from application where updated_at > ${since}
          union select a.case_id from application_event e join application a on a.id = e.application_id
            where e.recorded_at > ${since}
          union select k.case_id from appointment p join consultation_card k on k.id = p.card_id
            where p.updated_at > ${since}
        )
        select distinct cf.cav_id, (date_trunc('month', cf.opened_at at time zone ${ROME}))::date as month
        from case_file cf join touched t on t.id = cf.id`.execute(tx);
      await sql`
        create temp table mon_desk_month on commit drop as
        select (date_trunc('month', starts_at at time zone ${ROME}))::date as month from desk_session
          where created_at > ${since}
        union select (date_trunc('month', starts_at at time zone ${ROME}))::date from desk_session
          where cancelled_at > ${since}
        union select (date_trunc('month', lower(during) at time zone ${ROME}))::date from appointment
          where updated_at > ${since}
        union select (date_trunc('month', lower(p.during) at time zone ${ROME}))::date
          from appointment p join consultation_card k on k.id = p.card_id
          join case_file cf on cf.id = k.case_id
          join mon_cohort c on c.cav_id = cf.cav_id
            and c.month = (date_trunc('month', cf.opened_at at time zone ${ROME}))::date`.execute(tx);
    }

    // The consenting cases of the touched cohorts, with what they reached.
    await sql`drop table if exists mon_case`.execute(tx);
    await sql`
      create temp table mon_case on commit drop as
      select cf.id, c.cav_id, c.month, (cf.opened_at at time zone ${ROME})::date as opened_on
      from mon_cohort c
      join case_file cf on cf.cav_id = c.cav_id
        and cf.opened_at >= (c.month::timestamp at time zone ${ROME})
        and cf.opened_at < ((c.month + interval '1 month')::timestamp at time zone ${ROME})
      where exists (select 1 from consent k where k.case_id = cf.id and k.purpose = 'statistics'
        and k.revoked_at is null and k.given_on <= ${today}::date and k.expires_on >= ${today}::date)`.execute(
      tx,
    );
    await sql`create index on mon_case(id)`.execute(tx);

    for (const table of [
      'monitoring_case_month',
      'monitoring_duration',
      'monitoring_benefit_month',
      'monitoring_amount',
    ])
      await sql`
        delete from ${sql.table(table)} m using mon_cohort c where m.cav_id = c.cav_id and m.month = c.month`.execute(
        tx,
      );

    await sql`analyze mon_case`.execute(tx);
    await sql`drop table if exists mon_fact`.execute(tx);
    await sql`
      create temp table mon_fact on commit drop as
      select mc.cav_id, mc.month, mc.opened_on,
        coalesce(s.checked, false) as checked, coalesce(s.likely, false) as likely,
        r.referred_on, least(pa.done_on, lo.outcome_on) as consulted_on,
        coalesce(ap.filed, false) as filed, coalesce(ap.granted, false) as granted,
        coalesce(ap.refused, false) as refused, coalesce(ap.waiting, false) as waiting
      from mon_case mc
      left join (
        select case_id, true as checked, bool_or(assessment -> 'results' @> '[{"status":"eligible"}]') as likely
        from screening where case_id in (select id from mon_case) group by case_id
      ) s on s.case_id = mc.id
      left join (
        select case_id, (min(created_at) at time zone ${ROME})::date as referred_on
        from consultation_card where case_id in (select id from mon_case) group by case_id
      ) r on r.case_id = mc.id
      left join (
        select k.case_id, (min(lower(p.during)) at time zone ${ROME})::date as done_on
        from appointment p join consultation_card k on k.id = p.card_id
        where p.status = 'done' and k.case_id in (select id from mon_case) group by k.case_id
      ) pa on pa.case_id = mc.id
      left join (
        select case_id, (min(last_outcome_at) at time zone ${ROME})::date as outcome_on
        from consultation_card where last_outcome_at is not null and case_id in (select id from mon_case)
        group by case_id
      ) lo on lo.case_id = mc.id
      left join (
        select case_id, bool_or(filed_on is not null) as filed, bool_or(status = 'accolta') as granted,
          bool_or(status = 'respinta') as refused, bool_or(status = 'in_attesa_fondi_regionali') as waiting
        from application where case_id in (select id from mon_case) group by case_id
      ) ap on ap.case_id = mc.id`.execute(tx);

    await sql`
      insert into monitoring_case_month
        (month, cav_id, cases, checked, likely, referred, consulted, filed, granted, refused, waiting)
      select month, cav_id, count(*),
        count(*) filter (where checked), count(*) filter (where likely),
        count(*) filter (where referred_on is not null), count(*) filter (where consulted_on is not null),
        count(*) filter (where filed), count(*) filter (where granted), count(*) filter (where refused),
        count(*) filter (where waiting)
      from mon_fact group by month, cav_id`.execute(tx);
    await sql`
      insert into monitoring_duration (month, cav_id, metric, days, n)
      select month, cav_id, metric, days, count(*) from (
        select month, cav_id, 'case_referral' as metric, referred_on - opened_on as days from mon_fact
          where referred_on is not null and referred_on >= opened_on
        union all
        select month, cav_id, 'referral_consultation', consulted_on - referred_on from mon_fact
          where consulted_on is not null and referred_on is not null and consulted_on >= referred_on
      ) d group by month, cav_id, metric, days`.execute(tx);
    await sql`
      insert into monitoring_duration (month, cav_id, metric, days, n)
      select mc.month, mc.cav_id, 'filing_outcome', o.at - a.filed_on, count(*)
      from mon_case mc join application a on a.case_id = mc.id
      join lateral (
        select min(e.at) as at from application_event e where e.application_id = a.id
          and e.to_status in ('accolta', 'respinta', 'in_attesa_fondi_regionali')
      ) o on o.at is not null
      where a.filed_on is not null and o.at >= a.filed_on
      group by mc.month, mc.cav_id, o.at - a.filed_on`.execute(tx);
    await sql`
      insert into monitoring_benefit_month (month, cav_id, benefit, filed, granted, refused, waiting, amount_cents)
      select mc.month, mc.cav_id, a.benefit,
        count(*) filter (where a.filed_on is not null), count(*) filter (where a.status = 'accolta'),
        count(*) filter (where a.status = 'respinta'), count(*) filter (where a.status = 'in_attesa_fondi_regionali'),
        coalesce(sum(a.amount_granted_cents) filter (where a.status = 'accolta'), 0)
      from mon_case mc join application a on a.case_id = mc.id
      where a.status <> 'ritirata'
      group by mc.month, mc.cav_id, a.benefit`.execute(tx);
    await sql`
      insert into monitoring_amount (month, cav_id, benefit, euros, n)
      select mc.month, mc.cav_id, a.benefit, round(a.amount_granted_cents / 100.0)::integer, count(*)
      from mon_case mc join application a on a.case_id = mc.id
      where a.status = 'accolta' and a.amount_granted_cents is not null
      group by mc.month, mc.cav_id, a.benefit, round(a.amount_granted_cents / 100.0)::integer`.execute(tx);

    // Desks, by month of the desk day: slots offered by the sessions not cancelled; appointments of consenting cases.
    await sql`delete from monitoring_desk_month m using mon_desk_month d where m.month = d.month`.execute(tx);
    await sql`
      insert into monitoring_desk_month (month, org_id, mode, offered, booked, done, no_show)
      select coalesce(o.month, a.month), coalesce(o.org_id, a.org_id), coalesce(o.mode, a.mode),
        coalesce(o.offered, 0), coalesce(a.booked, 0), coalesce(a.done, 0), coalesce(a.no_show, 0)
      from (
        select (date_trunc('month', s.starts_at at time zone ${ROME}))::date as month, d.organisation_id as org_id,
          d.kind as mode,
          sum(floor(extract(epoch from s.ends_at - s.starts_at) / 60 / (s.slot_minutes + s.buffer_minutes)))::integer
            as offered
        from desk_session s join desk d on d.id = s.desk_id
        where s.cancelled_at is null
          and (date_trunc('month', s.starts_at at time zone ${ROME}))::date in (select month from mon_desk_month)
        group by 1, 2, 3
      ) o
      full join (
        select (date_trunc('month', lower(p.during) at time zone ${ROME}))::date as month,
          d.organisation_id as org_id, d.kind as mode,
          count(*) filter (where p.status in ('booked', 'done', 'no_show'))::integer as booked,
          count(*) filter (where p.status = 'done')::integer as done,
          count(*) filter (where p.status = 'no_show')::integer as no_show
        from appointment p join desk d on d.id = p.desk_id
        join consultation_card k on k.id = p.card_id
        where (date_trunc('month', lower(p.during) at time zone ${ROME}))::date in (select month from mon_desk_month)
          and exists (select 1 from consent c where c.case_id = k.case_id and c.purpose = 'statistics'
            and c.revoked_at is null and c.given_on <= ${today}::date and c.expires_on >= ${today}::date)
        group by 1, 2, 3
      ) a on a.month = o.month and a.org_id = o.org_id and a.mode = o.mode`.execute(tx);

    const counts = await sql<{ cohorts: number; desks: number }>`
      select (select count(*) from mon_cohort)::integer as cohorts,
        (select count(*) from mon_desk_month)::integer as desks`.execute(tx);
    const ms = Math.round(performance.now() - t0);
    await sql`
      update monitoring_state set watermark = ${started}, refreshed_at = ${started}, refresh_ms = ${ms}
      where id`.execute(tx);
    return { full, cohorts: counts.rows[0]!.cohorts, deskMonths: counts.rows[0]!.desks, ms };
  });
}
