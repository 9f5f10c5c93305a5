import { type Kysely, sql } from 'kysely';

// The answers of the guided benefits check on a case (question ids and normalised values), kept beside the
// contract situation they produced, so that a re-run starts from them and only what changed is asked again.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table screening add column answers jsonb not null default '{}'`.execute(db);
}
