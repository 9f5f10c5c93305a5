// The training tile on the home page: her valid certificates, her hours this year against the 40-hour target, and
// a refresher due within 60 days.
import { formatNumber } from '../../platform/format.ts';
import { registerHomeSummary } from '../../platform/ui/home.ts';
import { refreshersDueIn } from './reminders.ts';
import { certificatesOfUser, hoursPerYear, stateOf, YEARLY_TARGET_HOURS } from './service.ts';

registerHomeSummary('/formazione', async ({ db, userId, orgId, t, lang, now, today }) => {
  const certs = await certificatesOfUser(db, userId);
  const valid = certs.filter((c) => stateOf(c, now) === 'valid');
  const year = Number(today.slice(0, 4));
  const hours = hoursPerYear(certs).find((y) => y.year === year)?.hours ?? 0;
  const out = [
    t('training.home.certs', { n: valid.length }),
    t('training.home.hours', { hours: formatNumber(hours, lang), target: YEARLY_TARGET_HOURS }),
  ];
  const soon = now.getTime() + 60 * 86_400_000;
  if (valid.some((c) => c.valid_until && c.valid_until.getTime() <= soon))
    out.push(t('training.home.refresher'));
  // A coordinator: the refreshers due of her organisation's people (marked by the hourly job).
  const coordinates = await db
    .selectFrom('membership')
    .select('role')
    .where('user_id', '=', userId)
    .where('organisation_id', '=', orgId)
    .where('role', 'in', ['cav_coordinator', 'inps_director'])
    .executeTakeFirst();
  const due = coordinates ? await refreshersDueIn(db, orgId, now) : 0;
  if (due > 0) out.push(t('training.home.refreshersStaff', { n: due }));
  return out;
});
