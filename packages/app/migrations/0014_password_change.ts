import { type Kysely, sql } from 'kysely';

// Her password is hers (issue 10): a password that an administrator set — when creating the account, with
// `ponte users create`, or by resetting it — is a one-time password, and must be changed at the first login that
// follows (decision 0042). `password_changed_at` records when she last chose it herself. Forward-only.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table app_user
      add column password_must_change boolean not null default false,
      add column password_changed_at timestamptz`.execute(db);
}
