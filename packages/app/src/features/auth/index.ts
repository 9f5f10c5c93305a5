// Public face of the auth feature, for other features and for tests.

export { currentTotp } from '../../platform/auth/totp.ts';
export { registerAuthJobs } from './password.ts';
export { authFeature } from './routes.tsx';
export { safeNext, setLanguage } from './service.ts';
