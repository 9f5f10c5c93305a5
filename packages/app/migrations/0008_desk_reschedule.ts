import { type Kysely, sql } from 'kysely';

// Issue 5, part B: rescheduling and who recorded an outcome. A move cancels the old appointment and books the new
// one in one transaction; the two rows point at each other (`rescheduled_to` on the old, `rescheduled_from` on the
// new), so the appointment page can show the history both ways. An appointment is moved at most once (a later
// move starts from the new row), hence the unique indexes. `outcome_by`/`outcome_at` say who recorded "done" or
// "no-show" and when: the officer (her agenda) or the CAV (a no-show). Forward-only.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table appointment
      add column rescheduled_from uuid references appointment(id),
      add column rescheduled_to uuid references appointment(id),
      add column outcome_by uuid references app_user(id),
      add column outcome_at timestamptz`.execute(db);
  // Before this migration only the officer of the appointment could record an outcome, at its last update.
  await sql`
    update appointment set outcome_by = officer_id, outcome_at = updated_at
    where status in ('done', 'no_show')`.execute(db);
  await sql`
    alter table appointment
      add constraint appointment_outcome_recorded
        check ((status in ('done', 'no_show')) = (outcome_at is not null and outcome_by is not null)),
      add constraint appointment_moved_is_cancelled check (rescheduled_to is null or status = 'cancelled'),
      add constraint appointment_not_moved_to_itself
        check (rescheduled_to is distinct from id and rescheduled_from is distinct from id)`.execute(db);
  await sql`create unique index appointment_rescheduled_to on appointment(rescheduled_to)
    where rescheduled_to is not null`.execute(db);
  await sql`create unique index appointment_rescheduled_from on appointment(rescheduled_from)
    where rescheduled_from is not null`.execute(db);
  // The CAV's list of appointments: its cards' appointments in time order.
  await sql`create index appointment_card_during on appointment(card_id, (lower(during)))`.execute(db);
}
