import { type Kysely, sql } from 'kysely';

// Issue 15: the monitoring rollups (docs/decisions/0054-monitoring-and-disclosure-control.md). Every table holds
// counts, day or euro histograms and sums per month and organisation: no case id, no code, no birth date, no free
// text. The case tables count each case in the month it was opened (its cohort), only while its consent to
// statistics is valid at the refresh; the job `monitoring.refresh` recomputes only the (CAV, month) cohorts and desk
// months touched since its watermark. The indexes on the other features' tables let it find what changed without a
// scan. Forward-only.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table monitoring_case_month (
      month date not null,
      cav_id uuid not null references organisation(id),
      cases integer not null,
      checked integer not null,
      likely integer not null,
      referred integer not null,
      consulted integer not null,
      filed integer not null,
      granted integer not null,
      refused integer not null,
      waiting integer not null,
      primary key (month, cav_id)
    )`.execute(db);
  // Days between two steps, as a histogram: medians and percentiles over any selection without case rows.
  await sql`
    create table monitoring_duration (
      month date not null,
      cav_id uuid not null references organisation(id),
      metric text not null check (metric in ('case_referral', 'referral_consultation', 'filing_outcome')),
      days integer not null,
      n integer not null,
      primary key (month, cav_id, metric, days)
    )`.execute(db);
  await sql`
    create table monitoring_benefit_month (
      month date not null,
      cav_id uuid not null references organisation(id),
      benefit text not null,
      filed integer not null,
      granted integer not null,
      refused integer not null,
      waiting integer not null,
      amount_cents bigint not null,
      primary key (month, cav_id, benefit)
    )`.execute(db);
  // Amounts granted, in whole euros, as a histogram (for the median).
  await sql`
    create table monitoring_amount (
      month date not null,
      cav_id uuid not null references organisation(id),
      benefit text not null,
      euros integer not null,
      n integer not null,
      primary key (month, cav_id, benefit, euros)
    )`.execute(db);
  await sql`
    create table monitoring_desk_month (
      month date not null,
      org_id uuid not null references organisation(id),
      mode text not null,
      offered integer not null,
      booked integer not null,
      done integer not null,
      no_show integer not null,
      primary key (month, org_id, mode)
    )`.execute(db);
  // One row: the refresh's watermark and when it last ran, and the suppression threshold (never below 3).
  await sql`
    create table monitoring_state (
      id boolean primary key default true check (id),
      watermark timestamptz,
      refreshed_at timestamptz,
      refresh_ms integer,
      threshold integer not null default 5 check (threshold between 3 and 100),
      threshold_by uuid references app_user(id),
      threshold_at timestamptz
    )`.execute(db);
  await sql`insert into monitoring_state (id) values (true)`.execute(db);
  // The Reddito di Libertà budget of a Regione for a year, entered by the network admin.
  await sql`
    create table monitoring_budget (
      year integer not null check (year between 2000 and 2099),
      territory_id text not null references territory(id),
      amount_cents bigint not null check (amount_cents >= 0),
      set_by uuid not null references app_user(id),
      set_at timestamptz not null,
      primary key (year, territory_id)
    )`.execute(db);
  // A DPO's release of one organisation's own figures (one table) to another organisation.
  await sql`
    create table monitoring_release (
      id uuid primary key,
      org_id uuid not null references organisation(id),
      table_key text not null,
      recipient_org_id uuid not null references organisation(id),
      reason text not null check (length(reason) between 10 and 1000),
      released_by uuid not null references app_user(id),
      released_at timestamptz not null,
      check (org_id <> recipient_org_id)
    )`.execute(db);
  await sql`create index monitoring_release_recipient on monitoring_release(recipient_org_id, org_id)`.execute(
    db,
  );

  // What changed since the watermark, found by index.
  await sql`create index monitoring_w_case_opened on case_file(opened_at)`.execute(db);
  await sql`create index monitoring_case_cohort on case_file(cav_id, opened_at)`.execute(db);
  await sql`create index monitoring_w_case_closed on case_file(closed_at)`.execute(db);
  await sql`create index monitoring_w_consent_rec on consent(recorded_at) where purpose = 'statistics'`.execute(
    db,
  );
  await sql`create index monitoring_w_consent_rev on consent(revoked_at) where purpose = 'statistics'`.execute(
    db,
  );
  await sql`create index monitoring_w_consent_exp on consent(expires_on) where purpose = 'statistics'`.execute(
    db,
  );
  await sql`create index monitoring_w_screening on screening(run_at)`.execute(db);
  await sql`create index monitoring_w_card_created on consultation_card(created_at)`.execute(db);
  await sql`create index monitoring_w_card_outcome on consultation_card(last_outcome_at)`.execute(db);
  await sql`create index monitoring_w_application on application(updated_at)`.execute(db);
  await sql`create index monitoring_w_app_event on application_event(recorded_at)`.execute(db);
  await sql`create index monitoring_w_appointment on appointment(updated_at)`.execute(db);
  await sql`create index monitoring_w_session on desk_session(created_at)`.execute(db);
  await sql`create index monitoring_w_appointment_during on appointment(lower(during))`.execute(db);
  await sql`create index monitoring_w_session_start on desk_session(starts_at)`.execute(db);
  await sql`create index monitoring_w_session_cancel on desk_session(cancelled_at)`.execute(db);

  await sql`
    do $$
    begin
      if exists (select 1 from pg_roles where rolname = 'ponte_app') then
        grant select, insert, update, delete on monitoring_case_month, monitoring_duration, monitoring_benefit_month,
          monitoring_amount, monitoring_desk_month, monitoring_state, monitoring_budget, monitoring_release
          to ponte_app;
      end if;
    end $$`.execute(db);
}
