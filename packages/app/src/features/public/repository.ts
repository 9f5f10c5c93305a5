import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import { offsetOf } from '../../platform/forms/page.ts';

// SQL of the public pages, and nothing else. Only public CAV are ever read: kind 'cav', public_listing, active
// (the schema already forbids public_listing on anything but a CAV; the query says so again).

export interface PublicCentre {
  id: string;
  name: string;
  comune: string;
  phone: string | null;
  opening_hours: string | null;
  website: string | null;
}

function likeAnywhere(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function centres(db: Db) {
  return db
    .selectFrom('organisation as o')
    .innerJoin('territory as t', 't.id', 'o.territory_id')
    .leftJoin('territory as p', 'p.id', 't.parent_id')
    .where('o.kind', '=', 'cav')
    .where('o.public_listing', '=', true)
    .where('o.active', '=', true);
}

const COLUMNS = ['o.id', 'o.name', 't.name as comune', 'o.phone', 'o.opening_hours', 'o.website'] as const;

/** Public CAV whose name, Comune or the area above it contains `q`, by Comune then name. */
export async function searchCentres(
  db: Db,
  q: string,
  page: number,
  pageSize: number,
): Promise<{ rows: PublicCentre[]; total: number }> {
  let base = centres(db);
  if (q) {
    const pattern = likeAnywhere(q);
    base = base.where((eb) =>
      eb.or([eb('o.name', 'ilike', pattern), eb('t.name', 'ilike', pattern), eb('p.name', 'ilike', pattern)]),
    );
  }
  const [rows, count] = await Promise.all([
    base
      .select([...COLUMNS])
      .orderBy('t.name')
      .orderBy('o.name')
      .limit(pageSize)
      .offset(offsetOf(page, pageSize))
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/**
 * The public CAV nearest to a Comune named `name`: those in the Comune itself, else in the area just above it
 * (ATS or province), else in the region. Also returns the region's name (lowercase), for the assessment.
 */
export async function nearestCentres(
  db: Db,
  name: string,
  limit = 3,
): Promise<{ found: boolean; region?: string; rows: PublicCentre[] }> {
  const comune = await db
    .selectFrom('territory')
    .select(['id', 'parent_id'])
    .where('kind', '=', 'comune')
    .where(sql<string>`lower(name)`, '=', name.trim().toLowerCase())
    .orderBy('id')
    .executeTakeFirst();
  if (!comune) return { found: false, rows: [] };
  // The chain comune → … → regione.
  const chain = await sql<{ id: string; kind: string; name: string; depth: number }>`
    with recursive up(id, kind, name, parent_id, depth) as (
      select id, kind, name, parent_id, 0 from territory where id = ${comune.id}
      union all
      select t.id, t.kind, t.name, t.parent_id, up.depth + 1 from territory t join up on t.id = up.parent_id
      where up.depth < 10
    )
    select id, kind, name, depth from up order by depth`.execute(db);
  const region = chain.rows.find((r) => r.kind === 'regione')?.name.toLowerCase();
  for (const level of chain.rows) {
    const rows = await centres(db)
      .where(
        'o.territory_id',
        'in',
        sql<string>`(with recursive down(id, depth) as (
          select id, 0 from territory where id = ${level.id}
          union all
          select t.id, down.depth + 1 from territory t join down on t.parent_id = down.id where down.depth < 10
        ) select id from down)`,
      )
      .select([...COLUMNS])
      .orderBy('t.name')
      .orderBy('o.name')
      .limit(limit)
      .execute();
    if (rows.length > 0) return { found: true, region, rows };
  }
  return { found: true, region, rows: [] };
}
