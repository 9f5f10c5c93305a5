import type { Feature } from '../../platform/feature.ts';
import { deskJobs } from './notify-jobs.ts';
import { desksFeature } from './routes.tsx';

export { easterSunday, isItalianHoliday, italianHolidays } from './calendar.ts';
export { seedDemoDesks } from './demo.ts';
export { type DemoCasesResult, seedDemoCases } from './demo-cases.ts';
export { deskJobs } from './notify-jobs.ts';
export { desksFeature } from './routes.tsx';

/** Isole di accoglienza: desks, their days and rules, bookings, the agenda and feed; its jobs send mail. */
export const feature: Feature = {
  name: 'desks',
  routes: desksFeature,
  jobs: ({ config }) => deskJobs(config),
};
