import { type Kysely, sql } from 'kysely';

// Issue 15, the ≤ 1 s goal for a view seen the first time (decision 0062). `monitoring_chart`: the SVG charts the
// refresh job draws ahead for the views people open (the default period, each Regione and province, each kind of
// organisation), keyed by a hash of everything the chart is drawn from (its template, its published cells, its
// label), so a page finds them drawn on any instance. Only published cells are in them, as on the page. The job
// replaces the whole set after each refresh. Forward-only.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table monitoring_chart (
      key text primary key check (key ~ '^[0-9a-f]{64}$'),
      svg text not null,
      drawn_at timestamptz not null
    )`.execute(db);
  await sql`create index monitoring_chart_drawn on monitoring_chart (drawn_at)`.execute(db);
  await sql`
    do $$
    begin
      if exists (select 1 from pg_roles where rolname = 'ponte_app') then
        grant select, insert, update, delete on monitoring_chart to ponte_app;
      end if;
    end $$`.execute(db);
}
