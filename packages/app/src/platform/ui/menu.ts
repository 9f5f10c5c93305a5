import { type Access, can } from '../auth/permissions.ts';
import type { Role } from '../db/schema.ts';
import type { MenuItem } from './context.ts';

interface Entry extends MenuItem {
  access: Access;
  order: number;
}

const entries: Entry[] = [];

/** Features add their entries to the staff menu; each shows only to the roles its access allows. */
export function registerMenuItem(entry: Entry): void {
  if (!entries.some((e) => e.href === entry.href)) entries.push(entry);
  entries.sort((a, b) => a.order - b.order);
}

export function menuFor(roles: readonly Role[] | null): MenuItem[] {
  if (!roles) return [];
  return entries
    .filter((e) => e.access === 'authenticated' || (e.access !== 'public' && can(roles, e.access)))
    .map(({ href, label }) => ({ href, label }));
}
