// Public face of the audit feature: the DPO's search of the log and the chain verification.
export { auditFeature } from './routes.tsx';
