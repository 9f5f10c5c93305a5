export { easterSunday, isItalianHoliday, italianHolidays } from './calendar.ts';
export { desksFeature } from './routes.tsx';
