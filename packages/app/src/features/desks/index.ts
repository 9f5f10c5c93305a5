export { easterSunday, isItalianHoliday, italianHolidays } from './calendar.ts';
export { seedDemoDesks } from './demo.ts';
export { type DemoCasesResult, seedDemoCases } from './demo-cases.ts';
export { registerDeskJobs } from './notify-jobs.ts';
export { desksFeature } from './routes.tsx';
