import { type Kysely, sql } from 'kysely';

// Training (issue 14, decision 0061): the optional final quiz of a course. `training_quiz`: its pass mark and how
// many attempts a person has, one per course; `training_quiz_question`: a question with two to six options and the
// one right answer (its index), in the order the trainer wrote them; `training_quiz_attempt`: an attempt of a
// person in an edition with its score (her answers are not kept: only whether she passed counts).
// `training_session_reminder`: the e-mail 24 hours before a session, sent once to each person enrolled;
// `training_refresher_due`: a certificate expiring within 60 days, marked once (her and her coordinators told).
// Forward-only.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table training_quiz (
      course_id uuid primary key references training_course(id),
      pass_pct smallint not null check (pass_pct between 1 and 100),
      max_attempts smallint not null check (max_attempts between 1 and 10),
      updated_by uuid not null references app_user(id),
      updated_at timestamptz not null
    )`.execute(db);
  await sql`
    create table training_quiz_question (
      id uuid primary key,
      course_id uuid not null references training_quiz(course_id),
      position integer not null,
      text text not null check (length(text) between 1 and 1000),
      options jsonb not null,
      correct smallint not null check (correct >= 0),
      created_by uuid not null references app_user(id),
      created_at timestamptz not null,
      unique (course_id, position)
    )`.execute(db);
  await sql`
    create table training_quiz_attempt (
      id uuid primary key,
      edition_id uuid not null references training_edition(id),
      user_id uuid not null references app_user(id),
      attempt smallint not null check (attempt >= 1),
      score_pct smallint not null check (score_pct between 0 and 100),
      passed boolean not null,
      taken_at timestamptz not null,
      unique (edition_id, user_id, attempt)
    )`.execute(db);
  await sql`
    create table training_session_reminder (
      session_id uuid not null references training_session(id) on delete cascade,
      user_id uuid not null references app_user(id),
      sent_at timestamptz not null,
      primary key (session_id, user_id)
    )`.execute(db);
  await sql`
    create table training_refresher_due (
      certificate_id uuid primary key references training_certificate(id),
      user_id uuid not null references app_user(id),
      organisation_id uuid not null references organisation(id),
      valid_until timestamptz not null,
      created_at timestamptz not null
    )`.execute(db);
  await sql`create index training_refresher_due_org on training_refresher_due (organisation_id)`.execute(db);
  await sql`
    do $$
    begin
      if exists (select 1 from pg_roles where rolname = 'ponte_app') then
        grant select, insert, update on training_quiz, training_quiz_question, training_quiz_attempt,
          training_session_reminder, training_refresher_due to ponte_app;
      end if;
    end $$`.execute(db);
}
