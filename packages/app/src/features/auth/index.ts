// Public face of the auth feature, for other features and for tests.

export { currentTotp } from '../../platform/auth/totp.ts';

import type { Feature } from '../../platform/feature.ts';
import { authJobs } from './password.ts';
import { authFeature } from './routes.tsx';

export { authJobs } from './password.ts';
export { authFeature } from './routes.tsx';
export { safeNext, setLanguage } from './service.ts';

/** Login, passwords and two-factor; its job mails the notice of a changed password. */
export const feature: Feature = { name: 'auth', routes: authFeature, jobs: ({ config }) => authJobs(config) };
