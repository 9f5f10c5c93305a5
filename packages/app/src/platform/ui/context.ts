import type { Lang, T } from '../i18n/index.ts';

/** The logged-in person as the pages see her: never more than the menu and the header need. */
export interface ActorView {
  displayName: string;
  orgName: string;
}

export interface MenuItem {
  href: string;
  /** Message key of the label. */
  label: string;
}

/** Everything a page needs from the request, passed to every view. */
export interface PageContext {
  lang: Lang;
  t: T;
  /** The CSP nonce of this response, for the rare inline script (prefer files under /static). */
  nonce: string;
  /** The CSRF token to put in every form of the page. */
  csrfToken: string;
  path: string;
  actor?: ActorView;
  menu: MenuItem[];
  /** Minutes of idleness after which the session ends, for the warning script. */
  idleMinutes?: number;
  warnMinutes?: number;
}
