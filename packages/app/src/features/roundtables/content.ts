import { nowMs } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import * as repo from './repository.ts';
import { quorum } from './service.ts';
import type { VerbaleContent } from './views.tsx';

// What a verbale says, gathered once: printed in its PDF, frozen as a revision when it is corrected.

export async function verbaleContent(db: Db, verbaleId: string): Promise<VerbaleContent> {
  const row = await db
    .selectFrom('rt_verbale')
    .select(['meeting_id', 'roundtable_id'])
    .where('id', '=', verbaleId)
    .executeTakeFirstOrThrow();
  const table = (await repo.tableById(db, row.roundtable_id))!;
  const m = (await repo.meetingById(db, row.meeting_id))!;
  const v = (await repo.verbaleOf(db, row.meeting_id))!;
  const items = await repo.itemsOf(db, m.id);
  const decisions = await repo.decisionsOfMeeting(db, m.id);
  const actions = await repo.actionsOfMeeting(db, m.id);
  const people = await repo.delegatesForMeeting(db, table.id, m.id);
  return {
    table: table.name,
    territory: table.territory_name,
    number: v.number,
    year: v.year,
    revision: v.revision,
    startsAt: m.starts_at.toISOString(),
    place: m.place_name,
    video: m.video_link !== null,
    quorum: await quorum(db, table, m.id),
    attendance: people.map((x) => ({
      name: x.display_name,
      org: x.org_name,
      role: x.role,
      status: x.status,
      arrived: x.arrived,
      left: x.left_at,
    })),
    items: items.map((i) => ({
      position: i.position,
      kind: i.kind,
      title: i.title,
      org: i.org_name,
      summary: i.summary,
      decisions: decisions
        .filter((d) => d.item_id === i.id)
        .map((d) => ({
          text: d.text,
          voted: d.voted,
          favour: d.favour,
          against: d.against,
          abstaining: d.abstaining,
          dissenting: d.dissenting,
        })),
      actions: actions
        .filter((x) => x.item_id === i.id)
        .map((x) => ({
          what: x.what,
          owner: x.owner_name,
          org: x.owner_org_name,
          due: x.due_on,
          review: x.review_on,
        })),
    })),
    approvedOn: v.approved_on,
    chair: v.chair_signed_at ? { name: v.chair_name ?? '', at: v.chair_signed_at.toISOString() } : null,
    secretary: v.secretary_signed_at
      ? { name: v.secretary_name ?? '', at: v.secretary_signed_at.toISOString() }
      : null,
  };
}

/** The PDF's creation instant: the last signature's (so the same verbale always prints the same dates). */
export function signedAt(c: VerbaleContent): Date {
  const times = [c.chair?.at, c.secretary?.at]
    .filter((x): x is string => Boolean(x))
    .map((x) => Date.parse(x));
  return new Date(times.length ? Math.max(...times) : nowMs());
}
