// The staff home page: what is due today, from every feature's sections.
import type { Feature } from '../../platform/feature.ts';
import { homeFeature } from './routes.tsx';

export const feature: Feature = { name: 'home', routes: homeFeature };
