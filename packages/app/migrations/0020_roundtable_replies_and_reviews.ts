import { type Kysely, sql } from 'kysely';

// Issue 13, the tavoli's remaining gaps (decision 0060).
// `rt_due`: the due item an action's review date raises for its owner (Ponte's `due_item` belongs to a case): one per
// action, open until she (or the chair/secretary) records an update on or after that day, or the action is closed.
// `rt_attendance`: a delegate delegating someone names a person of her organisation (`rsvp_delegate_user`), and
// an answer read from a calendar reply (iMIP METHOD:REPLY) keeps the SEQUENCE it answered (`rsvp_sequence`,
// null for an answer given in Ponte). Forward-only.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table rt_due (
      id uuid primary key,
      action_id uuid not null unique references rt_action(id),
      user_id uuid not null references app_user(id),
      due_on date not null,
      created_at timestamptz not null,
      done_at timestamptz,
      done_by uuid references app_user(id)
    )`.execute(db);
  await sql`create index rt_due_open on rt_due (user_id, due_on) where done_at is null`.execute(db);
  // The actions already written with a review date raise theirs; a closed action's is already done.
  await sql`
    insert into rt_due (id, action_id, user_id, due_on, created_at, done_at)
    select gen_random_uuid(), id, owner_user_id, review_on, created_at,
           case when status in ('completata', 'annullata') then created_at end
      from rt_action where review_on is not null`.execute(db);
  await sql`alter table rt_attendance add column rsvp_delegate_user uuid references app_user(id)`.execute(db);
  await sql`alter table rt_attendance add column rsvp_sequence integer check (rsvp_sequence >= 0)`.execute(
    db,
  );
  await sql`
    do $$
    begin
      if exists (select 1 from pg_roles where rolname = 'ponte_app') then
        grant select, insert, update, delete on rt_due to ponte_app;
      end if;
    end $$`.execute(db);
}
