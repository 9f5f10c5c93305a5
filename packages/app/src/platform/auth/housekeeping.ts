import { nowMs } from '../clock.ts';
import type { JobDefinition } from '../jobs/jobs.ts';
import { purgeThrottle } from './throttle.ts';

/** The platform's own hourly housekeeping: sessions that expired a day ago and spent login counters go. */
export const authHousekeeping: readonly JobDefinition[] = [
  {
    kind: 'session.purge',
    schedule: { every: 'hour' },
    handler: async (_payload, { db }) => {
      await db
        .deleteFrom('session')
        .where('expires_at', '<', new Date(nowMs() - 24 * 3600_000))
        .execute();
      // Login and rate-limit counters whose window ended a day ago count nothing any more.
      await purgeThrottle(db);
    },
  },
];
