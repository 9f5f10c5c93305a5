// The benefits-check contract, version 1 (../../shared/rules/screening-contract.md), as TypeBox schemas.
// Absent key = unknown; `null` = known to be none. The schemas therefore mark every fact Optional and allow
// `null` only where the contract gives it a meaning (ISEE values).
import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { ValueErrorType } from '@sinclair/typebox/errors';

export const CONTRACT_VERSION = 1;

/** Benefit ids of the contract, in the order results are listed. */
export const BENEFIT_IDS = [
  'reddito_di_liberta',
  'congedo_violenza',
  'assegno_di_inclusione',
  'supporto_formazione_lavoro',
  'assegno_unico',
  'naspi',
  'esonero_assunzione',
  'assegno_sociale',
  'bonus_asilo_nido',
  'bonus_nuovi_nati',
  'carta_dedicata_a_te',
  'assegno_maternita_comuni',
  'assegno_maternita_stato',
  'orfani_crimini_domestici',
] as const;
export type BenefitId = (typeof BENEFIT_IDS)[number];

/** Ids accepted in `household.receiving`: the benefits plus other measures the contract names. */
export const RECEIVING_IDS = [
  ...BENEFIT_IDS,
  'rdc',
  'cig',
  'dis_coll',
  'carta_acquisti',
  'other_anti_poverty',
] as const;

export type Lang = 'it' | 'en';
export const LANGS: readonly Lang[] = ['it', 'en'];

const lit = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
// A calendar date; the pattern is checked by the schema, the calendar (no 31 February) by checkDates below.
const DateStr = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' });
// Upper bounds keep absurd inputs (and huge payloads on the HTTP API) out; they are far above any real value.
const Money = Type.Number({ minimum: 0, maximum: 1e9 });
const Count = Type.Number({ minimum: 0, maximum: 1e5 });

export const CITIZENSHIPS = [
  'it',
  'eu',
  'eu_family',
  'non_eu_long_term',
  'non_eu_permit',
  'refugee',
  'subsidiary_protection',
  'special_protection',
  'none',
] as const;
export const WORKS = [
  'employee_private',
  'employee_public',
  'domestic',
  'self_employed',
  'parasubordinate',
  'unemployed',
  'inactive',
  'student',
  'retired',
] as const;
export const DISABILITIES = ['none', 'medium', 'severe', 'non_self_sufficient'] as const;
export const RELATIONS = ['child', 'partner', 'parent', 'other'] as const;
export const END_REASONS = [
  'dismissal',
  'contract_end',
  'resignation',
  'resignation_just_cause',
  'resignation_violence',
  'consensual',
] as const;

export const ViolenceSchema = Type.Object({
  victim: Type.Optional(Type.Boolean()),
  cav: Type.Optional(Type.Boolean()),
  socialServices: Type.Optional(Type.Boolean()),
  shelter: Type.Optional(Type.Boolean()),
  stateOfNeed: Type.Optional(Type.Boolean()),
  pathStart: Type.Optional(DateStr),
});

export const LastJobSchema = Type.Object({
  endDate: Type.Optional(DateStr),
  endReason: Type.Optional(lit(END_REASONS)),
  contributionWeeks4y: Type.Optional(Count),
  monthlyReferencePay: Type.Optional(Money),
});

export const PersonSchema = Type.Object({
  birthDate: Type.Optional(DateStr),
  sex: Type.Optional(lit(['F', 'M'] as const)),
  citizenship: Type.Optional(lit(CITIZENSHIPS)),
  permitMonths: Type.Optional(Count),
  residenceYears: Type.Optional(Count),
  residenceContinuousYears: Type.Optional(Count),
  work: Type.Optional(lit(WORKS)),
  disability: Type.Optional(lit(DISABILITIES)),
  income: Type.Optional(Money),
  married: Type.Optional(Type.Boolean()),
  coupleIncome: Type.Optional(Money),
  training: Type.Optional(Type.Boolean()),
  violence: Type.Optional(ViolenceSchema),
  congedoDaysUsed: Type.Optional(Count),
  lastJob: Type.Optional(LastJobSchema),
  maternityPay: Type.Optional(Money),
});

export const MemberSchema = Type.Object({
  relation: Type.Optional(lit(RELATIONS)),
  birthDate: Type.Optional(DateStr),
  disability: Type.Optional(lit(DISABILITIES)),
  inEducation: Type.Optional(Type.Boolean()),
  earnsFromWork: Type.Optional(Type.Boolean()),
  nursery: Type.Optional(Type.Boolean()),
});

const MoneyOrNone = Type.Union([Money, Type.Null()]);

export const HouseholdSchema = Type.Object({
  members: Type.Optional(Type.Array(MemberSchema, { maxItems: 40 })),
  isee: Type.Optional(MoneyOrNone),
  iseeMinorenni: Type.Optional(MoneyOrNone),
  iseeScale: Type.Optional(Type.Number({ minimum: 1, maximum: 20 })),
  familyIncome: Type.Optional(Money),
  rentAnnual: Type.Optional(Money),
  movableAssets: Type.Optional(Money),
  realEstate: Type.Optional(Money),
  bothParentsWork: Type.Optional(Type.Boolean()),
  auuAnnual: Type.Optional(Money),
  receiving: Type.Optional(Type.Array(lit(RECEIVING_IDS), { maxItems: 40 })),
});

export const SituationSchema = Type.Object({
  id: Type.Optional(Type.String({ maxLength: 200 })),
  date: DateStr,
  region: Type.Optional(Type.String({ maxLength: 60 })),
  person: Type.Optional(PersonSchema),
  household: Type.Optional(HouseholdSchema),
});

export type Situation = Static<typeof SituationSchema>;
export type Person = Static<typeof PersonSchema>;
export type Member = Static<typeof MemberSchema>;
export type Household = Static<typeof HouseholdSchema>;
export type Citizenship = (typeof CITIZENSHIPS)[number];
export type Work = (typeof WORKS)[number];
export type Disability = (typeof DISABILITIES)[number];

// ---- Assessment (output) ----

export const ErrorSchema = Type.Object({
  code: Type.String(),
  message: Type.String(),
  path: Type.String(),
});
export type ContractError = Static<typeof ErrorSchema>;

export const ReasonSchema = Type.Object({
  code: Type.String(),
  met: Type.Union([Type.Boolean(), Type.Null()]),
  text: Type.String(),
  source: Type.String(),
  verify: Type.Optional(Type.Literal(true, { description: 'to verify: does not change the status' })),
});
export type Reason = Static<typeof ReasonSchema>;

// Amount fields by benefit (contract table): monthly, months, total, days, yearly, once; `min`/`max` bound an
// amount that depends on unknown facts. Euros, except the counts `months` and `days`.
export const AmountSchema = Type.Record(Type.String(), Type.Number());
export type AmountOut = Static<typeof AmountSchema>;

export const CompatibilitySchema = Type.Object({
  with: Type.String(),
  compatible: lit(['yes', 'no', 'uncertain'] as const),
  text: Type.String(),
  source: Type.String(),
});
export type Compatibility = Static<typeof CompatibilitySchema>;

export const ApplySchema = Type.Object({
  who: Type.String(),
  channel: Type.String(),
  deadline: Type.String(),
});

export const ResultSchema = Type.Object({
  benefit: Type.String(),
  name: Type.String(),
  status: lit(['eligible', 'not_eligible', 'undetermined'] as const),
  amount: Type.Optional(AmountSchema),
  reasons: Type.Array(ReasonSchema),
  missing: Type.Array(Type.String()),
  documents: Type.Array(Type.String()),
  apply: ApplySchema,
  compatibility: Type.Array(CompatibilitySchema),
  error: Type.Optional(ErrorSchema),
});
export type Result = Static<typeof ResultSchema>;
export type Status = Result['status'];

export const AssessmentSchema = Type.Object({
  id: Type.Optional(Type.String()),
  date: Type.Optional(Type.String()),
  rules: Type.String(),
  results: Type.Array(ResultSchema),
  error: Type.Optional(ErrorSchema),
  errors: Type.Optional(Type.Array(ErrorSchema)),
});
export type Assessment = Static<typeof AssessmentSchema>;

// ---- Compact assessment (output of `ponte screen --compact` and `POST /api/v1/screen?compact=1`) ----
// The full assessment without its texts: each result keeps its benefit, status, amount, missing facts and the codes
// of its reasons (with `met` and `verify`); names, reason texts and sources, documents, how to apply and
// compatibility stay in the catalogue (GET /api/v1/benefits). Every object keeps the keys of the full output it
// comes from, in the same order: a reader of the full output reads the compact one.

export const CompactReasonSchema = Type.Object({
  code: Type.String(),
  met: Type.Union([Type.Boolean(), Type.Null()]),
  verify: Type.Optional(Type.Literal(true)),
});

export const CompactResultSchema = Type.Object({
  benefit: Type.String(),
  status: lit(['eligible', 'not_eligible', 'undetermined'] as const),
  amount: Type.Optional(AmountSchema),
  reasons: Type.Array(CompactReasonSchema),
  missing: Type.Array(Type.String()),
  error: Type.Optional(ErrorSchema),
});

export const CompactAssessmentSchema = Type.Object({
  id: Type.Optional(Type.String()),
  date: Type.Optional(Type.String()),
  rules: Type.String(),
  results: Type.Array(CompactResultSchema),
  error: Type.Optional(ErrorSchema),
  errors: Type.Optional(Type.Array(ErrorSchema)),
});
export type CompactAssessment = Static<typeof CompactAssessmentSchema>;
export type CompactResult = Static<typeof CompactResultSchema>;
export type CompactReason = Static<typeof CompactReasonSchema>;

// ---- Validation ----

/** Error codes with their Italian and English messages (Fastify-style `*_ERR_*` catalogue). */
export const ERRORS = {
  PONTE_ERR_INVALID_JSON: { it: 'La riga non è JSON valido', en: 'The line is not valid JSON' },
  PONTE_ERR_INVALID_SITUATION: { it: 'Situazione non valida', en: 'Invalid situation' },
  PONTE_ERR_DATE_OUT_OF_RANGE: {
    it: 'Data fuori dal periodo coperto dalle regole',
    en: 'Date outside the period covered by the rules',
  },
  PONTE_ERR_RULE_FAILED: { it: 'Errore interno nella regola', en: 'Internal error in the rule' },
} as const satisfies Record<string, Record<Lang, string>>;
export type ErrorCode = keyof typeof ERRORS;

const compiled = TypeCompiler.Compile(SituationSchema);

export type Validation = { ok: true; value: Situation } | { ok: false; errors: ContractError[] };

function enumValues(schema: TSchema): string[] | undefined {
  const anyOf = (schema as { anyOf?: { const?: unknown }[] }).anyOf;
  if (!anyOf) return undefined;
  const out: string[] = [];
  for (const s of anyOf) if (typeof s.const === 'string') out.push(s.const);
  return out.length ? out : undefined;
}

function detail(type: ValueErrorType, schema: TSchema, lang: Lang): string {
  const it = lang === 'it';
  switch (type) {
    case ValueErrorType.ObjectRequiredProperty:
      return it ? 'campo obbligatorio mancante' : 'required field missing';
    case ValueErrorType.StringPattern:
      return it ? 'data attesa nel formato AAAA-MM-GG' : 'expected a date as YYYY-MM-DD';
    case ValueErrorType.NumberMinimum:
      return it ? `valore minimo ${schema.minimum}` : `minimum value ${schema.minimum}`;
    case ValueErrorType.NumberMaximum:
      return it ? `valore massimo ${schema.maximum}` : `maximum value ${schema.maximum}`;
    case ValueErrorType.ArrayMaxItems:
      return it ? `al massimo ${schema.maxItems} elementi` : `at most ${schema.maxItems} items`;
    case ValueErrorType.Number:
      return it ? 'numero atteso' : 'expected a number';
    case ValueErrorType.Boolean:
      return it ? 'atteso true o false' : 'expected true or false';
    case ValueErrorType.String:
      return it ? 'testo atteso' : 'expected a string';
    case ValueErrorType.StringMaxLength:
      return it ? 'testo troppo lungo' : 'string too long';
    case ValueErrorType.Array:
      return it ? 'elenco atteso' : 'expected an array';
    case ValueErrorType.Object:
      return it ? 'oggetto atteso' : 'expected an object';
    case ValueErrorType.Union: {
      const values = enumValues(schema);
      if (values) return (it ? 'valori ammessi: ' : 'allowed values: ') + values.join(', ');
      return it ? 'tipo non ammesso' : 'type not allowed';
    }
    default:
      return it ? 'valore non ammesso' : 'value not allowed';
  }
}

/** Builds a contract error with the catalogue message in `lang`, plus a detail. */
export function contractError(code: ErrorCode, path: string, lang: Lang, extra?: string): ContractError {
  const base = ERRORS[code][lang];
  return { code, message: extra ? `${base}: ${extra}` : base, path };
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** True when a YYYY-MM-DD string names a real calendar day. */
export function isCalendarDate(s: string): boolean {
  if (s.length !== 10) return false;
  const y = Number(s.slice(0, 4));
  const m = Number(s.slice(5, 7));
  const d = Number(s.slice(8, 10));
  if (!(m >= 1 && m <= 12 && d >= 1)) return false;
  if (m === 2 && d === 29) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= DAYS_IN_MONTH[m - 1];
}

function checkDates(s: Situation, lang: Lang, errors: ContractError[]): void {
  const bad = (path: string, msg: Record<Lang, string>) =>
    errors.push(contractError('PONTE_ERR_INVALID_SITUATION', path, lang, msg[lang]));
  const notDay = { it: 'data inesistente', en: 'no such date' };
  const future = { it: 'data successiva alla data della valutazione', en: 'date after the assessment date' };
  const date = s.date;
  if (!isCalendarDate(date)) bad('/date', notDay);
  const p = s.person;
  if (p?.birthDate !== undefined) {
    if (!isCalendarDate(p.birthDate)) bad('/person/birthDate', notDay);
    else if (p.birthDate > date) bad('/person/birthDate', future);
  }
  if (p?.violence?.pathStart !== undefined && !isCalendarDate(p.violence.pathStart))
    bad('/person/violence/pathStart', notDay);
  if (p?.lastJob?.endDate !== undefined && !isCalendarDate(p.lastJob.endDate))
    bad('/person/lastJob/endDate', notDay);
  const members = s.household?.members;
  if (members) {
    for (let i = 0; i < members.length; i++) {
      const b = members[i].birthDate;
      if (b === undefined) continue;
      if (!isCalendarDate(b)) bad(`/household/members/${i}/birthDate`, notDay);
      else if (b > date) bad(`/household/members/${i}/birthDate`, future);
    }
  }
}

/** Validates an unknown value against the Situation schema; errors carry code, localised message and JSON path. */
export function validateSituation(value: unknown, lang: Lang = 'it'): Validation {
  if (compiled.Check(value)) {
    const errors: ContractError[] = [];
    checkDates(value, lang, errors);
    return errors.length ? { ok: false, errors } : { ok: true, value };
  }
  const errors: ContractError[] = [];
  const seen = new Set<string>();
  for (const e of compiled.Errors(value)) {
    // TypeBox reports a union failure once per branch; one message per path is enough for a person to act on.
    if (seen.has(e.path)) continue;
    seen.add(e.path);
    errors.push(
      contractError('PONTE_ERR_INVALID_SITUATION', e.path || '/', lang, detail(e.type, e.schema, lang)),
    );
    if (errors.length >= 20) break;
  }
  return { ok: false, errors };
}
