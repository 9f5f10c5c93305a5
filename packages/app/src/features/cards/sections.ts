import type { VNode } from 'preact';
import type { Db } from '../../platform/db/database.ts';
import type { PageContext } from '../../platform/ui/context.ts';

// Sections other features add to the INPS officer's card page (e.g. the card's desk appointments), so that the
// cards feature does not depend on them.

export interface InpsCardSection {
  /** Sections are shown in this order, after the card's summary. */
  order: number;
  /** Renders the section (its own h2 and content) for a card of the viewer's office; null shows nothing. */
  render(input: { db: Db; cardId: string; ctx: PageContext }): Promise<VNode | null>;
}

const sections: InpsCardSection[] = [];

/** Adds a section to the INPS card page (called once at module load by the feature that owns it). */
export function registerInpsCardSection(section: InpsCardSection): void {
  if (!sections.includes(section)) sections.push(section);
  sections.sort((a, b) => a.order - b.order);
}

export function inpsCardSections(): readonly InpsCardSection[] {
  return sections;
}
