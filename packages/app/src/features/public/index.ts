// The public pages feature: the anonymous check of rights, the directory of public CAV, the quick exit.
export { publicFeature } from './routes.tsx';
