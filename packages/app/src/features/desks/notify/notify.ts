import type { Db } from '../../../platform/db/database.ts';
import { enqueue } from '../../../platform/jobs/jobs.ts';

// What happens after an appointment changes (issue 5): the change is recorded as a job in the same transaction
// as the change itself (so a rolled-back booking never sends anything), and the `desks.notify` job then e-mails
// the officer and plans the reminder. The handler lives with the mail code; this is the one entry point.

export type AppointmentChange = 'booked' | 'moved' | 'cancelled';

export async function appointmentChanged(
  tx: Db,
  appointmentId: string,
  change: AppointmentChange,
  previousId: string | null = null,
): Promise<void> {
  await enqueue(
    tx,
    'desks.notify',
    { appointment: appointmentId, change, previous: previousId },
    { uniqueKey: `desks.notify:${appointmentId}:${change}` },
  );
}
