// The screening API: the rules engine behind the platform's schemas.
import type { Feature } from '../../platform/feature.ts';
import { screeningFeature } from './routes.ts';

export const feature: Feature = { name: 'screening', routes: screeningFeature };
