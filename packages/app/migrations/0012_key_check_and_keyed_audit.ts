import { type Kysely, sql } from 'kysely';

// Issue 11, findings 4 and 14. Forward-only.
//
// key_check: one check value per master key of PONTE_ENCRYPTION_KEYS (a known text sealed with that key alone),
// written at the first start with the key; at every start each configured key must open its value, so that a
// process given other keys (another data folder, a wrong secret) refuses to start instead of failing at every
// login. The value reveals nothing: anyone may read it, only the key opens it.
//
// audit_log: from the entry `audit.chain_keyed` on, the links are HMAC-SHA-256 with PONTE_AUDIT_KEY (decision
// 0037). Appends look for that entry under the append lock; this partial index makes it one index probe.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table key_check (
      key_id text primary key,
      envelope text not null,
      created_at timestamptz not null
    )`.execute(db);
  await sql`create index audit_log_chain_keyed on audit_log (id) where action = 'audit.chain_keyed'`.execute(
    db,
  );
  await sql`
    do $$
    begin
      if exists (select 1 from pg_roles where rolname = 'ponte_app') then
        grant select, insert on key_check to ponte_app;
      end if;
    end $$`.execute(db);
}
