import { type Kysely, sql } from 'kysely';

// Issue 5, part C: what the desks send and what they serve. Each e-mail about an appointment change is recorded
// once (appointment + change), so a `desks.notify` job that runs twice sends nothing the second time; each
// reminder is recorded once per appointment; an officer's calendar feed is a secret URL of which only the
// SHA-256 of the token is stored, revocable, at most one live per officer. Forward-only.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table desk_notification (
      appointment_id uuid not null references appointment(id),
      change text not null check (change in ('booked', 'moved', 'cancelled')),
      outcome text not null check (outcome in ('sent', 'no_address')),
      sent_at timestamptz not null default now(),
      primary key (appointment_id, change)
    )`.execute(db);

  await sql`
    create table desk_reminder (
      appointment_id uuid primary key references appointment(id),
      starts_at timestamptz not null,
      channel text not null check (channel in ('email', 'cav')),
      reason text not null,
      due_item_id uuid references due_item(id),
      sent_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table calendar_feed (
      id uuid primary key,
      user_id uuid not null references app_user(id),
      token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
      created_at timestamptz not null default now(),
      revoked_at timestamptz
    )`.execute(db);
  await sql`create unique index calendar_feed_live on calendar_feed(user_id) where revoked_at is null`.execute(
    db,
  );

  // The feed (and the agenda) read one officer's appointments by start time, whatever their status: the exclusion
  // constraints' indexes cover only held and booked ones.
  await sql`create index appointment_officer_start on appointment(officer_id, (lower(during)))`.execute(db);

  await sql`
    do $$
    begin
      if not exists (select 1 from pg_roles where rolname = 'ponte_app') then
        return;
      end if;
      grant select, insert, update, delete on desk_notification, desk_reminder, calendar_feed to ponte_app;
    end $$`.execute(db);
}
