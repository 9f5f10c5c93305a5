// The desks' tiles on the home page: the next appointment at the INPS desk, hers (officer) or her centre's (CAV).
import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.ts';
import { type HomeInput, registerHomeSummary } from '../../../platform/ui/home.ts';
import { fmtWhen } from '../common/format.ts';

/** The next booked appointments (start and count) of an officer or of a CAV's cards, from now on. */
async function coming(db: Db, who: { officerId: string } | { cavId: string }, now: Date) {
  const at = sql<Date>`${now.toISOString()}::timestamptz`;
  let q = db
    .selectFrom('appointment as a')
    .innerJoin('consultation_card as c', 'c.id', 'a.card_id')
    .innerJoin('case_file as f', 'f.id', 'c.case_id')
    .select([sql<Date | null>`min(lower(a.during))`.as('next'), (eb) => eb.fn.countAll<string>().as('n')])
    .where('a.status', '=', 'booked')
    .where(sql<boolean>`lower(a.during) > ${at}`);
  q = 'officerId' in who ? q.where('a.officer_id', '=', who.officerId) : q.where('f.cav_id', '=', who.cavId);
  const row = await q.executeTakeFirstOrThrow();
  return { next: row.next ? new Date(row.next) : null, n: Number(row.n) };
}

function lines({ t, lang }: HomeInput, c: { next: Date | null; n: number }, empty: string): string[] {
  if (!c.next) return [t(empty)];
  return [
    t(c.n === 1 ? 'home.appts.one' : 'home.appts.many', { n: c.n }),
    t('home.appts.next', { when: fmtWhen(c.next, lang) }),
  ];
}

registerHomeSummary('/desks/agenda', async (i) =>
  lines(i, await coming(i.db, { officerId: i.userId }, i.now), 'home.appts.none.officer'),
);
registerHomeSummary('/desks/appointments', async (i) =>
  lines(i, await coming(i.db, { cavId: i.orgId }, i.now), 'home.appts.none.cav'),
);
