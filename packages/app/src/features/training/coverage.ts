import { sql } from 'kysely';
import { now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Direction } from './schema.ts';
import type { CoverageCell } from './views.tsx';

// Coverage (issue 14): how many staff of each organisation hold a valid certificate of each course. A revoked or
// expired certificate does not count. Counts below 5 are shown as "<5" to anyone outside the organisation.

export const SMALL_CELL = 5;

export interface CoverageCount {
  organisationId: string;
  organisationName: string;
  organisationKind: string;
  courseId: string;
  courseTitle: string;
  direction: Direction;
  /** People (not certificates) holding a valid certificate of the course. */
  count: number;
}

/** Valid certificates by organisation, course and direction at `at` (for the coverage page and for monitoring). */
export async function coverageCounts(db: Db, at: Date = now()): Promise<CoverageCount[]> {
  const rows = await db
    .selectFrom('training_certificate as t')
    .innerJoin('organisation as o', 'o.id', 't.organisation_id')
    .innerJoin('training_course as c', 'c.id', 't.course_id')
    .select([
      't.organisation_id',
      'o.name as org_name',
      'o.kind as org_kind',
      't.course_id',
      'c.title',
      'c.direction',
      sql<number>`count(distinct t.user_id)::int`.as('n'),
    ])
    .where('t.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('t.valid_until', 'is', null), eb('t.valid_until', '>', at)]))
    .groupBy(['t.organisation_id', 'o.name', 'o.kind', 't.course_id', 'c.title', 'c.direction'])
    .orderBy('o.name')
    .orderBy('c.title')
    .execute();
  return rows.map((r) => ({
    organisationId: r.organisation_id,
    organisationName: r.org_name,
    organisationKind: r.org_kind,
    courseId: r.course_id,
    courseTitle: r.title,
    direction: r.direction,
    count: Number(r.n),
  }));
}

/** The coverage as seen from `viewerOrgId`: small counts of other organisations suppressed. */
export async function coverage(db: Db, viewerOrgId: string): Promise<CoverageCell[]> {
  return (await coverageCounts(db)).map((c) => ({
    orgId: c.organisationId,
    orgName: c.organisationName,
    orgKind: c.organisationKind,
    courseId: c.courseId,
    courseTitle: c.courseTitle,
    direction: c.direction,
    count: c.organisationId !== viewerOrgId && c.count < SMALL_CELL ? '<5' : c.count,
  }));
}

/** Her organisation's people whose certificate expires in the next 60 days (a refresher is due). */
export async function dueForRefresher(db: Db, orgId: string, at: Date = now()) {
  const until = new Date(at.getTime() + 60 * 86_400_000);
  const rows = await db
    .selectFrom('training_certificate as t')
    .innerJoin('app_user as u', 'u.id', 't.user_id')
    .select(['u.display_name as name', 't.course_title as course', 't.valid_until'])
    .where('t.organisation_id', '=', orgId)
    .where('t.revoked_at', 'is', null)
    .where('t.valid_until', '>', at)
    .where('t.valid_until', '<=', until)
    .orderBy('t.valid_until')
    .execute();
  return rows.map((r) => ({ name: r.name, course: r.course, until: new Date(r.valid_until as Date) }));
}
