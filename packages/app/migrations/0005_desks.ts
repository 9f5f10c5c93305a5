import { type Kysely, sql } from 'kysely';

// Issue 5, isole di accoglienza: desks (a CAV room, an INPS reserved room, or a remote mode), desk days
// (sessions) assigned to an INPS officer, and appointments for consultation cards. The database itself refuses
// two overlapping active appointments (held or booked) for the same officer or the same desk: exclusion
// constraints over tstzrange with btree_gist (created in 0001). Forward-only: a later change is a new file.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table desk (
      id uuid primary key,
      organisation_id uuid not null references organisation(id),
      inps_office_id uuid not null references organisation(id),
      kind text not null check (kind in ('cav_room', 'inps_room', 'phone', 'video')),
      name text not null check (length(name) between 1 and 200),
      capacity integer check (capacity is null or capacity between 1 and 100),
      accessibility_notes text,
      video_link text,
      active boolean not null default true,
      created_by uuid not null references app_user(id),
      created_at timestamptz not null default now(),
      version integer not null default 1,
      check (kind <> 'video' or video_link is not null)
    )`.execute(db);
  await sql`create index desk_org on desk(organisation_id)`.execute(db);
  await sql`create index desk_office on desk(inps_office_id)`.execute(db);

  await sql`
    create table desk_session (
      id uuid primary key,
      desk_id uuid not null references desk(id),
      officer_id uuid not null references app_user(id),
      starts_at timestamptz not null,
      ends_at timestamptz not null,
      slot_minutes integer not null check (slot_minutes between 5 and 240),
      buffer_minutes integer not null default 0 check (buffer_minutes between 0 and 120),
      created_by uuid not null references app_user(id),
      created_at timestamptz not null default now(),
      version integer not null default 1,
      check (ends_at > starts_at)
    )`.execute(db);
  await sql`create index desk_session_desk on desk_session(desk_id, starts_at)`.execute(db);
  await sql`create index desk_session_officer on desk_session(officer_id, starts_at)`.execute(db);

  await sql`
    create table appointment (
      id uuid primary key,
      card_id uuid not null references consultation_card(id),
      desk_id uuid not null references desk(id),
      session_id uuid not null references desk_session(id),
      officer_id uuid not null references app_user(id),
      during tstzrange not null check (not isempty(during) and lower(during) is not null and upper(during) is not null),
      status text not null check (status in ('held', 'booked', 'cancelled', 'no_show', 'done')),
      hold_expires_at timestamptz,
      reason text,
      booked_by uuid not null references app_user(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1,
      check (status <> 'held' or hold_expires_at is not null),
      check (status <> 'cancelled' or reason is not null),
      constraint appointment_officer_overlap exclude using gist (officer_id with =, during with &&)
        where (status in ('held', 'booked')),
      constraint appointment_desk_overlap exclude using gist (desk_id with =, during with &&)
        where (status in ('held', 'booked'))
    )`.execute(db);
  await sql`create index appointment_card on appointment(card_id)`.execute(db);
  await sql`create index appointment_session on appointment(session_id, status)`.execute(db);

  await sql`
    do $$
    begin
      if not exists (select 1 from pg_roles where rolname = 'ponte_app') then
        return;
      end if;
      grant select, insert, update, delete on desk, desk_session, appointment to ponte_app;
    end $$`.execute(db);
}
