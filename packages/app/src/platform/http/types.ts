import type { Access } from '../auth/permissions.ts';
import type { Role } from '../db/schema.ts';
import type { Lang, T } from '../i18n/index.ts';

/** The logged-in staff member, in her active organisation. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  sessionId: string;
  orgId: string;
  orgKind: string;
  orgName: string;
  territoryId: string;
  roles: Role[];
  /** Her password was set by an administrator: until she changes it, only the change page is open. */
  mustChangePassword: boolean;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call the route: every route must declare it (see platform/auth/permissions.ts). */
    access?: Access;
    /** Public pages: no cookie is read or set, `Cache-Control: no-store`, no referrer (product.md). */
    publicPage?: boolean;
    /** Open while her password must be changed (the change page itself, the idle keepalive). */
    duringPasswordChange?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
    lang: Lang;
    t: T;
  }
}
