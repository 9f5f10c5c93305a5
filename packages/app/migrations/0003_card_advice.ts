import { type Kysely, sql } from 'kysely';

// Issue 4, consultation cards: the advice an INPS officer records on a card (one entry per consultation, never
// edited: a correction is a new entry). Forward-only: a later change is a new numbered file.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table card_advice (
      id uuid primary key,
      card_id uuid not null references consultation_card(id),
      text text not null check (length(text) between 1 and 4000),
      by_user uuid not null references app_user(id),
      at timestamptz not null default now()
    )`.execute(db);
  await sql`create index card_advice_card on card_advice(card_id, at)`.execute(db);
  await sql`
    do $$
    begin
      if not exists (select 1 from pg_roles where rolname = 'ponte_app') then
        return;
      end if;
      grant select, insert, update, delete on card_advice to ponte_app;
    end $$`.execute(db);
}
