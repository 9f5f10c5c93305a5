import type { Feature } from '../../platform/feature.ts';
import { onCaseClosed, onConsentRevoked } from '../cases/index.ts';
import { cancelFutureAppointmentsOfCase } from './booking/withdrawn.ts';
import { deskJobs } from './notify/jobs.ts';
import { desksFeature } from './routes.tsx';

export { easterSunday, isItalianHoliday, italianHolidays } from './common/calendar.ts';
export { seedDemoDesks } from './demo/demo.ts';
export { type DemoCasesResult, seedDemoCases } from './demo/demo-cases.ts';
export { deskJobs } from './notify/jobs.ts';
export { desksFeature } from './routes.tsx';

/** Isole di accoglienza: desks, their days and rules, bookings, the agenda and feed; its jobs send mail. */
export const feature: Feature = {
  name: 'desks',
  routes: desksFeature,
  jobs: ({ config }) => deskJobs(config),
};
// Her referral consent revoked, or her case closed: the appointments of her cards that have not started are
// cancelled in the same transaction (issue 11, finding 11; the cards feature closes the cards themselves).
onConsentRevoked(async (tx, e) => {
  if (e.purpose === 'referral_inps')
    await cancelFutureAppointmentsOfCase(tx, e.caseId, 'consent_revoked', e.actor);
});
onCaseClosed(async (tx, e) => {
  await cancelFutureAppointmentsOfCase(tx, e.caseId, 'case_closed', e.actor);
});
