import { todayInRome } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import {
  addSession,
  type Ctx,
  createCourse,
  createEdition,
  enrol,
  type IssueConfig,
  issueCertificate,
  recordAttendance,
} from './service.ts';

// The demo network's training (ponte start on a demo network): the demo CAV's coordinator gives «Accogliere donne in
// difficoltà» (CAV → INPS, qualifies for the desks), one edition held a month ago, attended in full by the demo INPS
// officer, who holds its certificate — signed with the instance's badge key, so /verifica checks it like any other.
// Through the service (the same checks, audit and transactions as the pages), dated from today's clock. Idempotent:
// nothing when the course exists or the demo accounts are missing.

export const DEMO_COURSE_TITLE = 'Accogliere donne in difficoltà';
const CAV = '00000000-0000-4000-8000-00000000d003';
const INPS = '00000000-0000-4000-8000-00000000d002';
const COORDINATOR = '00000000-0000-4000-8000-00000000d202';
const OFFICER = '00000000-0000-4000-8000-00000000d203';

export async function seedDemoTraining(db: Db, config: IssueConfig): Promise<boolean> {
  const have = await db
    .selectFrom('app_user')
    .select('id')
    .where('id', 'in', [COORDINATOR, OFFICER])
    .execute();
  if (have.length !== 2) return false;
  const exists = await db
    .selectFrom('training_course')
    .select('id')
    .where('organisation_id', '=', CAV)
    .where('title', '=', DEMO_COURSE_TITLE)
    .executeTakeFirst();
  if (exists) return false;
  const coordinator: Ctx = { userId: COORDINATOR, orgId: CAV, roles: ['cav_coordinator'] };
  const officer: Ctx = { userId: OFFICER, orgId: INPS, roles: ['inps_officer'] };
  const courseId = await createCourse(db, coordinator, {
    title: DEMO_COURSE_TITLE,
    direction: 'cav_inps',
    objectives:
      'Riconoscere i segnali della violenza, accogliere senza giudizio, indirizzare al centro antiviolenza (corso dimostrativo).',
    hours: '8',
    validity_months: '24',
    desk_qualifying: '1',
    min_attendance_pct: '75',
  });
  const editionId = await createEdition(db, coordinator, courseId, {
    label: 'Ancona (dimostrativa)',
    capacity: '20',
  });
  const today = todayInRome();
  const sessions: string[] = [];
  for (const days of [31, 30])
    sessions.push(
      await addSession(db, coordinator, editionId, {
        trainer: COORDINATOR,
        date: today.subtract({ days }).toString(),
        start: '09:00',
        end: '13:00',
        mode: 'in_person',
        venue: CAV,
      }),
    );
  await enrol(db, officer, editionId, undefined);
  for (const s of sessions) await recordAttendance(db, coordinator, s, { [OFFICER]: 'present' });
  await issueCertificate(db, coordinator, editionId, OFFICER, config);
  return true;
}
