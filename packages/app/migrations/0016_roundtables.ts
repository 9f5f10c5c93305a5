import { type Kysely, sql } from 'kysely';

// Issue 13, tavoli tecnici: the network's roundtables. A tavolo of a territory has member organisations and
// delegates with a role of that tavolo; meetings with an agenda (two automatic first items), attachments kept in
// the database (never in a public folder), attendance, a verbale numbered per year that is amended, approved,
// signed and then only corrected by a new version; decisions and the actions they give, followed across
// meetings; frozen indicator snapshots. Nothing here identifies a woman: the free text passes the PII guard.
// Forward-only: a later change is a new file.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table roundtable (
      id uuid primary key,
      name text not null check (length(name) between 1 and 200),
      territory_id text not null references territory(id),
      mailbox text not null check (length(mailbox) between 3 and 254),
      freeze_days integer not null default 7 check (freeze_days between 0 and 60),
      quorum integer check (quorum is null or quorum >= 1),
      active boolean not null default true,
      created_by uuid not null references app_user(id),
      created_at timestamptz not null default now(),
      version integer not null default 1
    )`.execute(db);

  await sql`
    create table roundtable_org (
      roundtable_id uuid not null references roundtable(id),
      organisation_id uuid not null references organisation(id),
      added_at timestamptz not null default now(),
      primary key (roundtable_id, organisation_id)
    )`.execute(db);

  await sql`
    create table roundtable_delegate (
      id uuid primary key,
      roundtable_id uuid not null references roundtable(id),
      user_id uuid not null references app_user(id),
      organisation_id uuid not null references organisation(id),
      role text not null check (role in ('presidente', 'segretaria', 'componente', 'invitata')),
      active boolean not null default true,
      added_by uuid not null references app_user(id),
      added_at timestamptz not null default now(),
      deactivated_by uuid references app_user(id),
      deactivated_at timestamptz
    )`.execute(db);
  await sql`create unique index roundtable_delegate_active on roundtable_delegate(roundtable_id, user_id) where active`.execute(
    db,
  );
  await sql`create index roundtable_delegate_user on roundtable_delegate(user_id) where active`.execute(db);

  await sql`
    create table rt_meeting (
      id uuid primary key,
      roundtable_id uuid not null references roundtable(id),
      starts_at timestamptz not null,
      duration_minutes integer not null check (duration_minutes between 15 and 600),
      place_org_id uuid references organisation(id),
      video_link text,
      status text not null default 'scheduled' check (status in ('scheduled', 'cancelled')),
      ics_sequence integer not null default 0,
      invited_at timestamptz,
      reminded_at timestamptz,
      created_by uuid not null references app_user(id),
      created_at timestamptz not null default now(),
      version integer not null default 1,
      check (place_org_id is not null or video_link is not null)
    )`.execute(db);
  await sql`create index rt_meeting_table on rt_meeting(roundtable_id, starts_at)`.execute(db);

  await sql`
    create table rt_item (
      id uuid primary key,
      meeting_id uuid not null references rt_meeting(id),
      position integer not null,
      kind text not null check (kind in ('verbale', 'azioni', 'decisione', 'informativa')),
      title text not null check (length(title) between 1 and 300),
      proposing_org_id uuid references organisation(id),
      added_by uuid references app_user(id),
      added_at timestamptz not null default now(),
      late_reason text,
      summary text,
      unique (meeting_id, position)
    )`.execute(db);

  await sql`
    create table rt_attachment (
      id uuid primary key,
      item_id uuid not null references rt_item(id),
      title text not null check (length(title) between 1 and 200),
      filename text not null,
      content_type text not null,
      size_bytes integer not null check (size_bytes between 1 and 20971520),
      content bytea not null,
      uploaded_by uuid not null references app_user(id),
      uploaded_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index rt_attachment_item on rt_attachment(item_id)`.execute(db);

  await sql`
    create table rt_attendance (
      meeting_id uuid not null references rt_meeting(id),
      user_id uuid not null references app_user(id),
      organisation_id uuid not null references organisation(id),
      rsvp text check (rsvp in ('present', 'absent', 'delegating')),
      rsvp_delegate text,
      rsvp_at timestamptz,
      status text check (status in ('present', 'absent', 'excused')),
      arrived text check (arrived ~ '^[0-2][0-9]:[0-5][0-9]$'),
      left_at text check (left_at ~ '^[0-2][0-9]:[0-5][0-9]$'),
      primary key (meeting_id, user_id)
    )`.execute(db);

  await sql`
    create table rt_verbale (
      id uuid primary key,
      meeting_id uuid not null unique references rt_meeting(id),
      roundtable_id uuid not null references roundtable(id),
      year integer not null,
      number integer not null,
      state text not null default 'bozza' check (state in ('bozza', 'revisione', 'approvato', 'firmato')),
      amend_until date,
      approved_on date,
      approved_meeting_id uuid references rt_meeting(id),
      chair_signed_by uuid references app_user(id),
      chair_signed_at timestamptz,
      secretary_signed_by uuid references app_user(id),
      secretary_signed_at timestamptz,
      pdf bytea,
      pdf_sha256 text,
      revision integer not null default 1,
      correction_reason text,
      created_at timestamptz not null default now(),
      version integer not null default 1,
      unique (roundtable_id, year, number)
    )`.execute(db);

  await sql`
    create table rt_verbale_revision (
      verbale_id uuid not null references rt_verbale(id),
      revision integer not null,
      content jsonb not null,
      pdf bytea,
      pdf_sha256 text,
      replaced_reason text not null,
      replaced_by uuid not null references app_user(id),
      replaced_at timestamptz not null default now(),
      primary key (verbale_id, revision)
    )`.execute(db);
  await sql`create index rt_verbale_revision_sha on rt_verbale_revision(pdf_sha256)`.execute(db);
  await sql`create index rt_verbale_sha on rt_verbale(pdf_sha256)`.execute(db);

  await sql`
    create table rt_decision (
      id uuid primary key,
      item_id uuid not null references rt_item(id),
      text text not null check (length(text) between 1 and 2000),
      voted boolean not null default false,
      favour integer check (favour >= 0),
      against integer check (against >= 0),
      abstaining integer check (abstaining >= 0),
      dissenting text,
      created_by uuid not null references app_user(id),
      created_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table rt_action (
      id uuid primary key,
      roundtable_id uuid not null references roundtable(id),
      item_id uuid not null references rt_item(id),
      decision_id uuid references rt_decision(id),
      what text not null check (length(what) between 1 and 1000),
      owner_org_id uuid not null references organisation(id),
      owner_user_id uuid not null references app_user(id),
      due_on date not null,
      review_on date,
      status text not null default 'aperta' check (status in ('aperta', 'in_corso', 'completata', 'annullata')),
      progress integer not null default 0 check (progress between 0 and 100),
      created_by uuid not null references app_user(id),
      created_at timestamptz not null default now(),
      version integer not null default 1
    )`.execute(db);
  await sql`create index rt_action_table on rt_action(roundtable_id, status)`.execute(db);
  await sql`create index rt_action_owner on rt_action(owner_user_id, status)`.execute(db);

  await sql`
    create table rt_action_note (
      id uuid primary key,
      action_id uuid not null references rt_action(id),
      status text not null,
      progress integer not null,
      note text,
      noted_by uuid not null references app_user(id),
      noted_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table rt_amendment (
      id uuid primary key,
      verbale_id uuid not null references rt_verbale(id),
      item_id uuid references rt_item(id),
      author_id uuid not null references app_user(id),
      text text not null check (length(text) between 1 and 2000),
      created_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table rt_snapshot (
      id uuid primary key,
      meeting_id uuid not null references rt_meeting(id),
      title text not null check (length(title) between 1 and 200),
      taken_at timestamptz not null,
      columns jsonb not null,
      rows jsonb not null,
      attached_by uuid not null references app_user(id),
      attached_at timestamptz not null default now()
    )`.execute(db);
}
