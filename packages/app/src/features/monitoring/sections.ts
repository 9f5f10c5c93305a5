import type { Db } from '../../platform/db/database.ts';
import type { Lang, T } from '../../platform/i18n/index.ts';
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
