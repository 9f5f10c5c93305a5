import { type Kysely, sql } from 'kysely';

// The staff member's language as a stored preference (decision 0032). Until now the language lived only in the
// session and a cookie, so e-mails to staff (desk notifications, reminders to give) had to carry Italian and
// English in one message. Null means "not chosen": those e-mails keep both languages. Forward-only.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table app_user
      add column lang text,
      add constraint app_user_lang_known check (lang in ('it', 'en'))`.execute(db);
}
