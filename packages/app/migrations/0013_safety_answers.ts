import { type Kysely, sql } from 'kysely';

// A safety question has no default answer (issue 10). "Does the abuser know this contact?" was a boolean that
// defaulted to false, so every new case said "no" before anyone asked her, and the form showed "No" already
// chosen. It becomes her answer as given: 'yes', 'no' or 'unknown' ("non so"), and null while nobody has asked.
// A stored false cannot be told apart from the default, so it becomes null (to be asked again): Ponte treats an
// unanswered question like "yes" (decision 0041). Forward-only.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table safe_contact
      alter column abuser_knows drop default,
      alter column abuser_knows drop not null,
      alter column abuser_knows type text using (case when abuser_knows then 'yes' end)`.execute(db);
  await sql`
    alter table safe_contact
      add constraint safe_contact_abuser_knows_answer check (abuser_knows in ('yes', 'no', 'unknown'))`.execute(
    db,
  );
}
