import type { Feature } from '../../platform/feature.ts';
import { createMailer } from '../../platform/mail/mailer.ts';
import { seedDemoTraining } from './demo.ts';
import { trainingJobs } from './mail.ts';
import { reminderJobs } from './reminders.ts';
import './monitoring-section.tsx';
import { trainingFeature } from './routes.tsx';

// Reciprocal training (issue 14): courses, editions and sessions, enrolment and waiting list, attendance,
// certificates as Open Badges 3.0 credentials with a public verification, coverage, and the desks' qualification.

export { type CoverageCount, coverageCounts } from './coverage.ts';
export {
  type DeskMark,
  deskMarks,
  deskQualified,
  isDeskQualified,
  recordDeskMark,
  revokeDeskRecognitions,
} from './service.ts';

export const feature: Feature = {
  name: 'training',
  routes: trainingFeature,
  // The demo officer's certificate of «Accogliere donne in difficoltà», signed with this instance's key.
  demo: async (db, config) => {
    await seedDemoTraining(db, { badgeKey: config.badgeKey, publicUrl: config.publicUrl });
  },
  jobs: ({ config }) => {
    const mailer = createMailer(config);
    return [...trainingJobs(mailer, config.mailFrom), ...reminderJobs(mailer, config.mailFrom)];
  },
};
