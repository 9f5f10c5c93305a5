// The INPS office's tile on the home page: the cards waiting to be accepted and those in progress.
import { registerHomeSummary } from '../../platform/ui/home.ts';

registerHomeSummary('/inps/cards', async ({ db, orgId, t }) => {
  const rows = await db
    .selectFrom('consultation_card')
    .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
    .where('inps_office_id', '=', orgId)
    .where('status', 'in', ['sent', 'accepted'])
    .groupBy('status')
    .execute();
  const count = (s: string) => Number(rows.find((r) => r.status === s)?.n ?? 0);
  const sent = count('sent');
  const accepted = count('accepted');
  if (sent === 0 && accepted === 0) return [t('home.cards.none')];
  return [t('home.cards.sent', { n: sent }), t('home.cards.accepted', { n: accepted })];
});
