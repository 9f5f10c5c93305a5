// The tavoli tile on the home page: her open actions (the overdue ones said first), those whose review date has
// come (the "due item" of an action), and her next meeting.
import { formatDateTime } from '../../platform/format.ts';
import { registerHomeSummary } from '../../platform/ui/home.ts';
import { homeFacts } from './repository.ts';

registerHomeSummary('/roundtables', async ({ db, userId, t, lang, today, now }) => {
  const f = await homeFacts(db, userId, today, now);
  const lines: string[] = [];
  if (f.overdue > 0) lines.push(t('roundtables.home.overdue', { n: f.overdue }));
  lines.push(f.open > 0 ? t('roundtables.home.open', { n: f.open }) : t('roundtables.home.noActions'));
  if (f.review > 0) lines.push(t('roundtables.home.review', { n: f.review }));
  lines.push(
    f.next
      ? t('roundtables.home.next', { at: formatDateTime(f.next.starts_at, lang), table: f.next.name })
      : t('roundtables.home.noMeeting'),
  );
  return lines;
});
