import { now as clockNow } from '../../../platform/clock.ts';
import type { Db } from '../../../platform/db/database.ts';
import type { Ctx } from '../booking/service.ts';
import { romeDateTime } from '../common/calendar.ts';
import { createDesk } from '../planning/desks.ts';
import { createRule } from '../planning/service.ts';

// Demo desks for `npm start` on a fresh demo database (never in tests' own networks, never on real data): a room of
// the demo CAV on the 2nd and 4th Tuesday mornings and a video desk on Thursday afternoons, for the demo INPS
// officer, planned by the demo director for the next six months. Clearly fictional, like the rest of the demo.

async function demoMember(db: Db, username: string) {
  return db
    .selectFrom('app_user as u')
    .innerJoin('membership as m', 'm.user_id', 'u.id')
    .select(['u.id', 'u.demo', 'm.organisation_id'])
    .where('u.username', '=', username)
    .where('u.active', '=', true)
    .executeTakeFirst();
}

/** Plans the demo desks once; returns how many desks it created (0 when any desk exists or no demo network). */
export async function seedDemoDesks(db: Db, now = clockNow()): Promise<number> {
  if (await db.selectFrom('desk').select('id').limit(1).executeTakeFirst()) return 0;
  const [director, officer, operator] = await Promise.all(
    ['demo.direttrice', 'demo.consulente', 'demo.operatrice'].map((u) => demoMember(db, u)),
  );
  if (!director?.demo || !officer?.demo || !operator?.demo) return 0;
  const ctx: Ctx = {
    userId: director.id,
    orgId: director.organisation_id,
    orgKind: 'inps_office',
    roles: ['inps_director'],
    now,
  };
  const from = romeDateTime(now).date.add({ days: 1 });
  const valid = { valid_from: from.toString(), valid_until: from.add({ months: 6 }).toString() };
  const room = await createDesk(db, ctx, {
    kind: 'cav_room',
    host: operator.organisation_id,
    name: 'Stanza accoglienza — dimostrativa',
    capacity: '3',
    accessibility_notes: 'Piano terra, senza gradini (dati di fantasia)',
  });
  await createRule(db, ctx, room, {
    officer: officer.id,
    weekday: '2',
    week_2: '1',
    week_4: '1',
    start: '09:00',
    end: '12:00',
    slot_minutes: '30',
    buffer_minutes: '10',
    ...valid,
  });
  const video = await createDesk(db, ctx, {
    kind: 'video',
    name: 'Videochiamata INPS — dimostrativa',
    video_link: 'https://videochiamata.example.invalid/demo',
  });
  await createRule(db, ctx, video, {
    officer: officer.id,
    weekday: '4',
    week_every: '1',
    start: '14:00',
    end: '16:00',
    slot_minutes: '30',
    buffer_minutes: '0',
    ...valid,
  });
  return 2;
}
