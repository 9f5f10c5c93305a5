// The cases' tiles on the home page: her centre's open cases and their open deadlines.
import { formatDay } from '../../platform/format.ts';
import { registerHomeSummary } from '../../platform/ui/home.ts';

registerHomeSummary('/cases', async ({ db, orgId, t }) => {
  const { n } = await db
    .selectFrom('case_file')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('cav_id', '=', orgId)
    .where('status', '=', 'open')
    .executeTakeFirstOrThrow();
  const open = Number(n);
  return [
    open === 0 ? t('home.cases.none') : t(open === 1 ? 'home.cases.one' : 'home.cases.many', { n: open }),
  ];
});

registerHomeSummary('/cases/due', async ({ db, orgId, t, lang, today }) => {
  const rows = await db
    .selectFrom('due_item as d')
    .innerJoin('case_file as c', 'c.id', 'd.case_id')
    .select(['d.due_on'])
    .where('c.cav_id', '=', orgId)
    .where('c.status', '=', 'open')
    .where('d.done_at', 'is', null)
    .orderBy('d.due_on')
    .execute();
  if (rows.length === 0) return [t('home.due.none')];
  const overdue = rows.filter((r) => r.due_on < today).length;
  const out = [t(rows.length === 1 ? 'home.due.one' : 'home.due.many', { n: rows.length })];
  if (overdue > 0) out.push(t('home.due.overdue', { n: overdue }));
  out.push(t('home.due.next', { date: formatDay(rows[0]?.due_on, lang) }));
  return out;
});
