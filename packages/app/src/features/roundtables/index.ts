import type { Config } from '../../config.ts';
import type { Feature } from '../../platform/feature.ts';
import type { JobDefinition } from '../../platform/jobs/jobs.ts';
import { createMailer, type Mailer } from '../../platform/mail/mailer.ts';
import { registerSnapshotDestination } from '../monitoring/index.ts';
import { seedDemoRoundtable } from './demo.ts';
import { sendInvitations, sendReminders } from './mail.ts';
import { roundtablesFeature } from './routes.tsx';
import { attachSnapshot, snapshotTargets } from './service.ts';

// Tavoli tecnici (issue 13): the network's roundtables — meetings with an agenda that freezes, invitations with
// an iCalendar, attendance and quorum, the numbered verbale register (amended, approved, signed with the second
// factor, printed as a tagged PDF whose SHA-256 is kept), decisions and the actions they give, followed across
// meetings. Other features use it only through this file.

export { seedDemoRoundtable } from './demo.ts';
export { roundtablesFeature } from './routes.tsx';
export { attachSnapshot, type Snapshot, type SnapshotTarget, snapshotTargets } from './service.ts';

// The monitoring dashboard attaches its frozen tables to meetings through this (monitoring never imports tavoli).
registerSnapshotDestination({ targets: snapshotTargets, attach: attachSnapshot });

/** The jobs: the invitations (and their updates and cancellations), and the hourly reminder 24 hours before. */
export function roundtableJobs(config: Config, mailer: Mailer = createMailer(config)): JobDefinition[] {
  return [
    {
      kind: 'roundtables.invite',
      handler: async (payload, { db }) => {
        await sendInvitations(db, mailer, payload);
      },
    },
    {
      kind: 'roundtables.reminder',
      schedule: { every: 'hour' },
      handler: async (_payload, { db }) => {
        await sendReminders(db, mailer);
      },
    },
  ];
}

export const feature: Feature = {
  name: 'roundtables',
  routes: roundtablesFeature,
  jobs: ({ config }) => roundtableJobs(config),
  demo: seedDemoRoundtable,
};
