// The public pages feature: the anonymous check of rights, the directory of public CAV, the quick exit.
import type { Feature } from '../../platform/feature.ts';
import { publicFeature } from './routes.tsx';

export {
  buildSituation,
  type FieldSpec,
  parseField,
  QUESTIONS,
  type Question,
  questionById,
  type Values,
} from './questions.ts';
export { publicFeature } from './routes.tsx';
export { nextQuestion, openQuestions, parseAll, restoreState, rulesCover } from './service.ts';
export { openSheet, pdfkit, SHEET_MARGIN, sheetFont } from './sheet.ts';
export { AmountInput, amountWords, toRaw, UnknownBox, withoutVerifyPrefix } from './views.tsx';

export const feature: Feature = { name: 'public', routes: publicFeature };
