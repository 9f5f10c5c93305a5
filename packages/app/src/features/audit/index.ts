// Public face of the audit feature: the DPO's search of the log and the chain verification.
import type { Feature } from '../../platform/feature.ts';
import { auditFeature } from './routes.tsx';

export { auditFeature } from './routes.tsx';

export const feature: Feature = { name: 'audit', routes: auditFeature };
