import { type Kysely, sql } from 'kysely';

// The foundation: territory, organisations, protocol, staff, sessions, throttling, audit log and jobs.
// Forward-only (docs/decisions/0004-migrations.md): a later change is a new numbered file.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create extension if not exists btree_gist`.execute(db);

  await sql`
    create table territory (
      id text primary key,
      kind text not null check (kind in ('regione', 'provincia', 'ats', 'comune')),
      name text not null,
      parent_id text references territory(id),
      check ((kind = 'regione') = (parent_id is null))
    )`.execute(db);
  await sql`create index territory_parent on territory(parent_id)`.execute(db);

  // A casa rifugio has no address column here or anywhere: it is reachable only through the CAV that manages
  // it (product.md, "Safety and privacy rules"). Public fields are those of the public CAV directory.
  await sql`
    create table organisation (
      id uuid primary key,
      kind text not null check (kind in ('inps_office', 'cav', 'shelter', 'ats', 'comune', 'regione')),
      name text not null check (length(name) between 2 and 200),
      territory_id text not null references territory(id),
      managing_cav_id uuid references organisation(id),
      public_listing boolean not null default false,
      phone text,
      opening_hours text,
      website text,
      active boolean not null default true,
      created_at timestamptz not null default now(),
      check ((kind = 'shelter') = (managing_cav_id is not null)),
      check (kind = 'cav' or not public_listing)
    )`.execute(db);
  await sql`create unique index organisation_name on organisation(lower(name))`.execute(db);
  await sql`create index organisation_territory on organisation(territory_id)`.execute(db);

  await sql`
    create table protocol (
      id uuid primary key,
      title text not null,
      signed_on date not null,
      valid_until date not null,
      check (valid_until >= signed_on)
    )`.execute(db);
  await sql`
    create table protocol_signatory (
      protocol_id uuid not null references protocol(id),
      organisation_id uuid not null references organisation(id),
      primary key (protocol_id, organisation_id)
    )`.execute(db);

  await sql`
    create table app_user (
      id uuid primary key,
      username text not null unique check (username ~ '^[a-z0-9._-]{3,64}$'),
      display_name text not null,
      email text,
      password_hash text not null,
      totp_secret text,
      totp_enrolled_at timestamptz,
      totp_last_step bigint not null default 0,
      failed_logins integer not null default 0,
      locked_until timestamptz,
      active boolean not null default true,
      demo boolean not null default false,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table recovery_code (
      user_id uuid not null references app_user(id),
      code_hash text not null,
      used_at timestamptz,
      primary key (user_id, code_hash)
    )`.execute(db);
  await sql`
    create table membership (
      user_id uuid not null references app_user(id),
      organisation_id uuid not null references organisation(id),
      role text not null check (role in ('cav_operator', 'cav_coordinator', 'inps_officer', 'inps_director',
        'social_worker', 'trainer', 'network_admin', 'dpo')),
      created_at timestamptz not null default now(),
      primary key (user_id, organisation_id, role)
    )`.execute(db);

  // The session row is keyed by the SHA-256 of the cookie token: a leaked table gives no usable cookie.
  await sql`
    create table session (
      id text primary key,
      user_id uuid references app_user(id),
      stage text not null check (stage in ('password', 'enrol', 'active')),
      organisation_id uuid references organisation(id),
      data jsonb not null default '{}',
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      expires_at timestamptz not null
    )`.execute(db);
  await sql`create index session_by_user on session(user_id)`.execute(db);
  await sql`create index session_expires on session(expires_at)`.execute(db);

  // Fixed-window counters for login throttling, per account and per address; shared by every instance.
  await sql`
    create table throttle (
      key text primary key,
      window_start timestamptz not null,
      hits integer not null
    )`.execute(db);

  await sql`
    create table audit_log (
      id bigint generated always as identity primary key,
      at timestamptz not null,
      actor_user_id uuid,
      actor_org_id uuid,
      action text not null,
      entity_type text,
      entity_id text,
      ip text,
      request_id text,
      details jsonb not null default '{}',
      prev_hash text not null,
      hash text not null unique
    )`.execute(db);
  await sql`create index audit_at on audit_log(at)`.execute(db);
  await sql`create index audit_actor on audit_log(actor_user_id, at)`.execute(db);
  await sql`create index audit_entity on audit_log(entity_type, entity_id)`.execute(db);
  // Append-only: a trigger refuses UPDATE and DELETE for every role, and the application role has no grant for
  // them either (see 0001 below and docs/decisions/0005-audit-chain.md). Tampering needs a superuser who first
  // disables the trigger, and `ponte audit verify` then names the first broken entry.
  await sql`
    create function audit_log_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_log is append-only' using errcode = '42501';
    end $$`.execute(db);
  await sql`
    create trigger audit_log_no_change before update or delete on audit_log
    for each row execute function audit_log_append_only()`.execute(db);

  await sql`
    create table job (
      id bigint generated always as identity primary key,
      kind text not null,
      payload jsonb not null default '{}',
      unique_key text unique,
      status text not null default 'pending' check (status in ('pending', 'running', 'done', 'failed')),
      run_at timestamptz not null default now(),
      attempts integer not null default 0,
      max_attempts integer not null default 5,
      locked_by text,
      locked_until timestamptz,
      last_error text,
      created_at timestamptz not null default now(),
      finished_at timestamptz
    )`.execute(db);
  await sql`create index job_ready on job(run_at) where status in ('pending', 'running')`.execute(db);

  // The role the application runs as on a PostgreSQL server: it may read and append the audit log, never change
  // it. Creating roles needs privileges a managed database may not give; then the DBA creates it (README).
  await sql`
    do $$
    begin
      if not exists (select 1 from pg_roles where rolname = 'ponte_app') then
        begin
          create role ponte_app nologin;
        exception when insufficient_privilege then
          raise notice 'ponte_app role not created: insufficient privilege';
          return;
        end;
      end if;
      grant usage on schema public to ponte_app;
      grant usage on all sequences in schema public to ponte_app;
      grant select, insert, update, delete on territory, organisation, protocol, protocol_signatory, app_user,
        recovery_code, membership, session, throttle, job to ponte_app;
      grant select, insert on audit_log to ponte_app;
      revoke update, delete, truncate on audit_log from ponte_app;
    end $$`.execute(db);
}
