// What waits for her, by page: each feature registers, for a page of its menu, a short summary the home page shows
// in that page's tile (counts, the next appointment, what to do next). The platform never imports a feature: the
// home page asks this registry, and only for the pages her menu already shows (so her permissions hold).
import type { Db } from '../db/database.ts';
import type { Lang, T } from '../i18n/index.ts';

export interface HomeInput {
  db: Db;
  userId: string;
  orgId: string;
  lang: Lang;
  t: T;
  now: Date;
  /** Today in Italy, `YYYY-MM-DD`. */
  today: string;
}

/** The sentences of one tile, already in her language: counts first, then what to do next. */
export type HomeSummary = (input: HomeInput) => Promise<string[]>;

const summaries = new Map<string, HomeSummary>();

/** Adds the summary of a menu page (by its href); a page registered twice is a programming error. */
export function registerHomeSummary(href: string, summary: HomeSummary): void {
  if (summaries.has(href)) throw new Error(`home summary registered twice: ${href}`);
  summaries.set(href, summary);
}

/** The summary of a menu page, or undefined when its feature registered none. */
export function homeSummaryOf(href: string): HomeSummary | undefined {
  return summaries.get(href);
}
