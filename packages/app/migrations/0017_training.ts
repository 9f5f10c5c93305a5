import { type Kysely, sql } from 'kysely';

// Issue 14, reciprocal training (decision 0053): courses with a direction, their materials, editions and sessions,
// enrolments with a waiting list, attendance, certificates (Open Badges 3.0, signed as VC-JWT) and the records of
// "formazione pregressa riconosciuta" that replace the desks' manual "trained" mark. The database refuses two
// overlapping sessions for one trainer (exclusion constraint over tstzrange with btree_gist, created in 0001).
// Forward-only: a later change is a new file.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table training_course (
      id uuid primary key,
      organisation_id uuid not null references organisation(id),
      title text not null check (length(title) between 1 and 200),
      direction text not null check (direction in ('cav_inps', 'inps_cav', 'joint')),
      objectives text not null check (length(objectives) between 1 and 4000),
      hours numeric(5,1) not null check (hours > 0 and hours <= 500),
      validity_months integer check (validity_months is null or validity_months between 1 and 120),
      desk_qualifying boolean not null default false,
      min_attendance_pct integer not null default 75 check (min_attendance_pct between 1 and 100),
      rules_version text,
      created_by uuid not null references app_user(id),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index training_course_org on training_course(organisation_id)`.execute(db);

  // A material: a file kept in the database (at most 20 MB, its type read from its content) or a link.
  await sql`
    create table training_material (
      id uuid primary key,
      course_id uuid not null references training_course(id),
      kind text not null check (kind in ('file', 'link')),
      title text not null check (length(title) between 1 and 200),
      url text,
      filename text,
      mime text,
      size integer check (size is null or size between 1 and 20971520),
      content bytea,
      added_by uuid not null references app_user(id),
      added_at timestamptz not null default now(),
      check ((kind = 'link' and url is not null and content is null)
          or (kind = 'file' and content is not null and mime is not null and filename is not null))
    )`.execute(db);
  await sql`create index training_material_course on training_material(course_id)`.execute(db);

  await sql`
    create table training_edition (
      id uuid primary key,
      course_id uuid not null references training_course(id),
      label text not null check (length(label) between 1 and 200),
      capacity integer not null check (capacity between 1 and 500),
      created_by uuid not null references app_user(id),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index training_edition_course on training_edition(course_id)`.execute(db);

  // A session: in person at a member organisation's premises (never a shelter: checked by the service, whose
  // list offers no shelter) or online with its link.
  await sql`
    create table training_session (
      id uuid primary key,
      edition_id uuid not null references training_edition(id),
      trainer_id uuid not null references app_user(id),
      starts_at timestamptz not null,
      ends_at timestamptz not null,
      mode text not null check (mode in ('in_person', 'online')),
      venue_org_id uuid references organisation(id),
      online_url text,
      created_at timestamptz not null default now(),
      check (ends_at > starts_at),
      check ((mode = 'in_person' and venue_org_id is not null and online_url is null)
          or (mode = 'online' and online_url is not null and venue_org_id is null)),
      constraint training_session_trainer_overlap
        exclude using gist (trainer_id with =, tstzrange(starts_at, ends_at) with &&)
    )`.execute(db);
  await sql`create index training_session_edition on training_session(edition_id)`.execute(db);

  // Enrolment: a place (enrolled) or the waiting list (waiting, in the order of `seq`); a withdrawal keeps the row.
  await sql`
    create table training_enrolment (
      id uuid primary key,
      edition_id uuid not null references training_edition(id),
      user_id uuid not null references app_user(id),
      organisation_id uuid not null references organisation(id),
      status text not null check (status in ('enrolled', 'waiting', 'withdrawn')),
      seq bigserial not null,
      enrolled_by uuid not null references app_user(id),
      created_at timestamptz not null default now(),
      changed_at timestamptz not null default now(),
      unique (edition_id, user_id)
    )`.execute(db);
  await sql`create index training_enrolment_user on training_enrolment(user_id)`.execute(db);

  await sql`
    create table training_attendance (
      session_id uuid not null references training_session(id),
      user_id uuid not null references app_user(id),
      status text not null check (status in ('present', 'late', 'absent', 'excused')),
      recorded_by uuid not null references app_user(id),
      recorded_at timestamptz not null default now(),
      primary key (session_id, user_id)
    )`.execute(db);

  // A certificate keeps what it certified as it was signed (the signed VC-JWT and its fields), so that a later
  // change of the course does not change what a verifier sees. Revocation: date and reason (the reason is never
  // shown on the public page).
  await sql`
    create table training_certificate (
      id uuid primary key,
      code text not null unique,
      edition_id uuid not null references training_edition(id),
      course_id uuid not null references training_course(id),
      user_id uuid not null references app_user(id),
      organisation_id uuid not null references organisation(id),
      recipient_name text not null,
      course_title text not null,
      direction text not null,
      hours numeric(5,1) not null,
      first_day date not null,
      last_day date not null,
      valid_from timestamptz not null,
      valid_until timestamptz,
      issuer_name text not null,
      desk_qualifying boolean not null,
      jwt text not null,
      issued_by uuid not null references app_user(id),
      issued_at timestamptz not null default now(),
      revoked_at timestamptz,
      revoked_by uuid references app_user(id),
      revoke_reason text,
      unique (edition_id, user_id),
      check ((revoked_at is null) = (revoke_reason is null))
    )`.execute(db);
  await sql`create index training_certificate_user on training_certificate(user_id)`.execute(db);
  await sql`create index training_certificate_org on training_certificate(organisation_id)`.execute(db);

  // "Formazione pregressa riconosciuta": training in accoglienza done before Ponte, recognised by a director
  // (who, when, why, until when). It qualifies for the desks like a certificate of a desk-flagged course.
  await sql`
    create table training_recognition (
      id uuid primary key,
      user_id uuid not null references app_user(id),
      organisation_id uuid references organisation(id),
      recognised_by uuid not null references app_user(id),
      recognised_at timestamptz not null default now(),
      reason text not null check (length(reason) between 1 and 1000),
      expires_on date,
      migrated boolean not null default false,
      revoked_at timestamptz,
      revoked_by uuid references app_user(id)
    )`.execute(db);
  await sql`create index training_recognition_user on training_recognition(user_id)`.execute(db);

  // The desks' manual marks (migration 0006) become recognitions, so that nothing already planned breaks; the
  // old table stays for the record and is no longer read (the desks ask the training feature).
  await sql`
    insert into training_recognition (id, user_id, organisation_id, recognised_by, recognised_at, reason, migrated)
    select gen_random_uuid(), t.user_id,
           (select m.organisation_id from membership m
             where m.user_id = t.user_id and m.role = 'inps_officer' order by m.organisation_id limit 1),
           t.set_by, t.set_at,
           'Segno manuale «formata sull’accoglienza» del direttore, registrato prima della formazione in Ponte',
           true
      from accoglienza_training t
     where t.set_by is not null`.execute(db);

  // Feedback after a course: answers stored without the person's id (a separate table records only that she
  // answered, so she answers once).
  await sql`
    create table training_feedback (
      id uuid primary key,
      edition_id uuid not null references training_edition(id),
      usefulness smallint not null check (usefulness between 1 and 5),
      clarity smallint not null check (clarity between 1 and 5),
      comment text check (comment is null or length(comment) <= 2000)
    )`.execute(db);
  await sql`
    create table training_feedback_given (
      edition_id uuid not null references training_edition(id),
      user_id uuid not null references app_user(id),
      primary key (edition_id, user_id)
    )`.execute(db);

  await sql`
    do $$
    begin
      if exists (select 1 from pg_roles where rolname = 'ponte_app') then
        grant select, insert, update on training_course, training_material, training_edition, training_session,
          training_enrolment, training_attendance, training_certificate, training_recognition,
          training_feedback, training_feedback_given to ponte_app;
        grant delete on training_material, training_session, training_attendance to ponte_app;
        grant usage on sequence training_enrolment_seq_seq to ponte_app;
      end if;
    end $$`.execute(db);
}
