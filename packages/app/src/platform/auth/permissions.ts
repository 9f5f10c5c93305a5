import type { Role } from '../db/schema.ts';

// The one authorization table of Ponte: what each role may do. Every route declares one of these permissions
// (or 'public' / 'authenticated') in its config; the auth plugin refuses a route that declares nothing, and
// test/authorization-matrix.test.ts proves, route by route, that the other roles and organisations are refused.
export const ROLES = [
  'cav_operator',
  'cav_coordinator',
  'inps_officer',
  'inps_director',
  'social_worker',
  'trainer',
  'network_admin',
  'dpo',
] as const satisfies readonly Role[];

export const PERMISSIONS = {
  /** Organisations, territories, protocol, users and memberships of the whole network. */
  'network.manage': ['network_admin'],
  /** Search the audit log, verify the chain, see access logs. */
  'audit.read': ['dpo'],
  /** Staff of one's own organisation (read). */
  'org.staff.read': ['cav_coordinator', 'inps_director', 'network_admin'],
  /** Cases of one's own CAV: open, read, consent, screening, referral. */
  'cases.work': ['cav_operator', 'cav_coordinator'],
  /** Consultation cards of one's own INPS office. */
  'cards.work': ['inps_officer', 'inps_director'],
  /** Social-service declarations and Comune filings for the Reddito di Libertà. */
  'social.work': ['social_worker'],
  /** Set up desks and assign officers. */
  'desks.manage': ['inps_director', 'cav_coordinator'],
  /** Recurring desk days, closures and absences, the accoglienza training mark of the office's officers, and the
   *  list of the appointments on the office's desks ("Appuntamenti dell'ufficio"). */
  'desks.assign': ['inps_director'],
  /** An officer trained in accoglienza publishes her own one-off desk days ("La mia disponibilità"). */
  'desks.publish': ['inps_officer'],
  /** Book desk slots for a consultation card. */
  'desks.book': ['cav_operator', 'cav_coordinator'],
  /** Run courses, sessions, attendance and certificates — of one's own organisation (a trainer, or the coordinator
   *  of a CAV or the director of an INPS office for the courses their organisation gives; decision 0053). */
  'training.manage': ['trainer', 'cav_coordinator', 'inps_director'],
  /** Take part in training: see the courses, enrol, "I miei attestati". Coordinators also enrol their staff. */
  'training.attend': [
    'cav_operator',
    'cav_coordinator',
    'inps_officer',
    'inps_director',
    'social_worker',
    'trainer',
  ],
  /** Training coverage: who holds a valid certificate, by organisation and course; refreshers due. */
  'training.coverage': ['trainer', 'cav_coordinator', 'inps_director', 'network_admin'],
  /** Recognise an officer's earlier training in accoglienza ("formazione pregressa riconosciuta"). */
  'training.recognise': ['inps_director'],
  /** Roundtables (tavoli tecnici): create a tavolo, its member organisations and its delegates. */
  'roundtables.manage': ['network_admin'],
  /**
   * Roundtables: the tavoli she is a delegate of — meetings, agendas, verbali, actions. The staff roles a member
   * organisation can send as delegate (not the trainer, not the DPO); what she may see is decided by her active
   * delegation (anyone else gets 404) and what she may do by her role in that tavolo (decision 0052).
   */
  'roundtables.take_part': [
    'cav_operator',
    'cav_coordinator',
    'inps_officer',
    'inps_director',
    'social_worker',
    'network_admin',
  ],
  /** Anonymised indicators. */
  'monitoring.read': ['cav_coordinator', 'inps_director', 'network_admin', 'social_worker'],
  /** Record and list the releases of one organisation's monitoring figures to another (issue 15). */
  'monitoring.release': ['dpo'],
  /** Run the benefits check through the staff API. */
  'screening.run': [
    'cav_operator',
    'cav_coordinator',
    'inps_officer',
    'inps_director',
    'social_worker',
    'trainer',
  ],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;
/** What a route declares: a permission, or that anyone (even anonymous) or any logged-in user may call it. */
export type Access = Permission | 'public' | 'authenticated';

export function isPermission(value: string): value is Permission {
  return Object.hasOwn(PERMISSIONS, value);
}

/** Whether a user holding `roles` (in her active organisation) has `permission`. */
export function can(roles: readonly Role[], permission: Permission): boolean {
  const allowed: readonly Role[] = PERMISSIONS[permission];
  return roles.some((r) => allowed.includes(r));
}

/** Every permission a set of roles grants (for building menus). */
export function permissionsOf(roles: readonly Role[]): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((p) => can(roles, p));
}
