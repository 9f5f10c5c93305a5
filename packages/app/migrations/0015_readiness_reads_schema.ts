import { type Kysely, sql } from 'kysely';

// Issue 18: `/readyz` answers 503 until the database is at this version's schema. The application runs as
// `ponte_app` on a server, which could not read Kysely's list of applied migrations: now it may read it (only
// read: migrations still run as the owner). Forward-only.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    do $$
    begin
      if exists (select 1 from pg_roles where rolname = 'ponte_app') then
        grant select on kysely_migration to ponte_app;
      end if;
    end $$`.execute(db);
}
