import type { Feature } from '../platform/feature.ts';
import { feature as audit } from './audit/index.ts';
import { feature as auth } from './auth/index.ts';
import { feature as cards } from './cards/index.ts';
import { feature as cases } from './cases/index.ts';
import { feature as desks } from './desks/index.ts';
import { feature as home } from './home/index.ts';
import { feature as monitoring } from './monitoring/index.ts';
import { feature as network } from './network/index.ts';
import { feature as publicPages } from './public/index.ts';
import { feature as roundtables } from './roundtables/index.ts';
import { feature as screening } from './screening/index.ts';
import { feature as training } from './training/index.ts';

/** Every feature, in the order their routes are registered (the contract is platform/feature.ts). */
export const features: readonly Feature[] = [
  home,
  auth,
  screening,
  network,
  cases,
  cards,
  desks,
  training,
  roundtables,
  audit,
  monitoring,
  publicPages,
];
