import type { Feature } from '../../platform/feature.ts';
import type { JobDefinition } from '../../platform/jobs/jobs.ts';
import { monitoringDemo } from './demo.ts';
import { predrawCharts } from './predraw.ts';
import { REFRESH_JOB, refreshRollups } from './refresh.ts';
import { monitoringFeature } from './routes.tsx';

export { DEFAULT_THRESHOLD, MIN_THRESHOLD, protect } from './disclosure.ts';
export { type PredrawResult, predrawCharts } from './predraw.ts';
export { type RefreshResult, refreshRollups } from './refresh.ts';
export {
  type MonitoringSection,
  registerMonitoringSection,
  registerSnapshotDestination,
  type SectionInput,
  type SnapshotDestination,
  type SnapshotTarget,
} from './sections.ts';
export { buildDashboard, type OutTable, type Snapshot, snapshotOf } from './service.ts';
export { progressBar, RealDataError, type SyntheticOptions, seedSynthetic } from './synthetic.ts';

/** The hourly refresh of the rollups: only what changed since the last run (refresh.ts); then the charts of the
 *  views people open are drawn ahead (predraw.ts). */
export function monitoringJobs(): JobDefinition[] {
  return [
    {
      kind: REFRESH_JOB,
      schedule: { every: 'hour' },
      handler: async (_payload, { db }) => {
        await refreshRollups(db);
        await predrawCharts(db);
      },
    },
  ];
}

/** Anonymised indicators of the INPS pathway, with disclosure control (issue 15). */
export const feature: Feature = {
  name: 'monitoring',
  routes: monitoringFeature,
  jobs: () => monitoringJobs(),
  demo: (db) => monitoringDemo(db),
};
