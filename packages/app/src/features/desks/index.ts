export { easterSunday, isItalianHoliday, italianHolidays } from './calendar.ts';
export { registerDeskJobs } from './notify-jobs.ts';
export { desksFeature } from './routes.tsx';
