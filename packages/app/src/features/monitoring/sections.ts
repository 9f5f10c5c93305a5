import type { Db } from '../../platform/db/database.ts';
import type { Lang, T } from '../../platform/i18n/index.ts';
import type { Snapshot } from './service.ts';
import type { ExtraSection } from './views.tsx';

// Sections other features add to the dashboard (issue 15: training coverage by direction and course, from the
// training feature when it lands). Monitoring never imports that feature: the training feature calls
// `registerMonitoringSection` (exported by monitoring/index.ts) and its section appears; until then nothing shows.
// A section must itself show only anonymised, suppressed figures (disclosure.ts `protect`).

export interface SectionInput {
  db: Db;
  orgId: string;
  lang: Lang;
  t: T;
  /** The network's disclosure threshold (disclosure.ts), for the section's own suppression. */
  threshold: number;
}
export type MonitoringSection = (input: SectionInput) => Promise<ExtraSection | null>;

const sections = new Map<string, MonitoringSection>();

export function registerMonitoringSection(key: string, section: MonitoringSection): void {
  if (sections.has(key)) throw new Error(`monitoring section registered twice: ${key}`);
  sections.set(key, section);
}

export async function extraSections(input: SectionInput): Promise<ExtraSection[]> {
  const out: ExtraSection[] = [];
  for (const s of sections.values()) {
    const r = await s(input);
    if (r) out.push(r);
  }
  return out;
}

/** A meeting a table of the dashboard may be attached to (issue 13's tavoli). */
export interface SnapshotTarget {
  meetingId: string;
  tableName: string;
  startsAt: Date;
}

/**
 * Where a frozen table of the dashboard can go: the roundtables feature registers itself (monitoring never imports
 * it, so the import graph stays without circles); without one, the dashboard offers no "attach" form.
 */
export interface SnapshotDestination {
  /** The meetings she may attach a table to. */
  targets(db: Db, userId: string, at: Date): Promise<SnapshotTarget[]>;
  /** Attaches the table to one of those meetings (checked again by the caller). */
  attach(db: Db, meetingId: string, snapshot: Snapshot, actorId: string): Promise<string>;
}

let destination: SnapshotDestination | null = null;

export function registerSnapshotDestination(d: SnapshotDestination): void {
  destination = d;
}

export function snapshotDestination(): SnapshotDestination | null {
  return destination;
}
