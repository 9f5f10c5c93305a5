// The tavoli tile on the home page: her open actions (the overdue ones said first), those whose review date has
// come (the due item an action's review date raises), today's of each by name, and her next meeting.
import { formatDateTime, formatDay } from '../../platform/format.ts';
import { registerHomeSummary } from '../../platform/ui/home.ts';
import { homeFacts } from './repository.ts';

const TODAY = 3;
const short = (s: string) => (s.length > 80 ? `${s.slice(0, 79)}…` : s);

registerHomeSummary('/roundtables', async ({ db, userId, t, lang, today, now }) => {
  const f = await homeFacts(db, userId, today, now);
  const lines: string[] = [];
  if (f.overdue.length > 0) lines.push(t('roundtables.home.overdue', { n: f.overdue.length }));
  lines.push(f.open > 0 ? t('roundtables.home.open', { n: f.open }) : t('roundtables.home.noActions'));
  if (f.review.length > 0) lines.push(t('roundtables.home.review', { n: f.review.length }));
  // Today's: what she is to review and what is late, a few of each, by name and tavolo.
  for (const x of f.review.slice(0, TODAY))
    lines.push(t('roundtables.home.todayReview', { what: short(x.what), table: x.table_name }));
  for (const x of f.overdue.slice(0, TODAY))
    lines.push(
      t('roundtables.home.todayOverdue', {
        what: short(x.what),
        table: x.table_name,
        due: formatDay(x.due_on, lang),
      }),
    );
  lines.push(
    f.next
      ? t('roundtables.home.next', { at: formatDateTime(f.next.starts_at, lang), table: f.next.name })
      : t('roundtables.home.noMeeting'),
  );
  return lines;
});
