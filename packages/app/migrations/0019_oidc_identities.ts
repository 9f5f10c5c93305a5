import { type Kysely, sql } from 'kysely';

// Issue 18, institutional login (decision 0055). `oidc_identity`: the identity of the organisation's provider that
// an administrator linked to a Ponte account — by the provider's subject (`sub`) or by the value of the configured
// claim (an e-mail, a username) — one per account and each identity to at most one account; a login never creates
// one. `oidc_login`: the login a browser started at the provider (state, nonce, PKCE verifier), keyed by the hash of
// a cookie of that browser, used once, kept minutes. Forward-only.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table oidc_identity (
      user_id uuid primary key references app_user(id) on delete cascade,
      issuer text not null check (length(issuer) between 1 and 500),
      kind text not null check (kind in ('sub', 'claim')),
      value text not null check (length(value) between 1 and 320),
      linked_at timestamptz not null,
      linked_by uuid references app_user(id) on delete set null,
      unique (issuer, kind, value)
    )`.execute(db);
  await sql`
    create table oidc_login (
      id text primary key,
      state text not null,
      nonce text not null,
      code_verifier text not null,
      next text,
      lang text check (lang in ('it', 'en')),
      created_at timestamptz not null,
      expires_at timestamptz not null
    )`.execute(db);
  await sql`create index oidc_login_expires on oidc_login (expires_at)`.execute(db);
  await sql`
    do $$
    begin
      if exists (select 1 from pg_roles where rolname = 'ponte_app') then
        grant select, insert, update, delete on oidc_identity, oidc_login to ponte_app;
      end if;
    end $$`.execute(db);
}
