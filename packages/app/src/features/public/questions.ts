// The questions of the public check. Each maps contract paths (shared/rules/screening-contract.md) to a plain
// question with one or a few fields. Answers travel between steps as normalised strings in hidden fields, and
// are parsed again at every step: nothing is kept on the server.
import { CITIZENSHIPS, DISABILITIES, END_REASONS, type Member, type Situation, WORKS } from '@ponte/rules';
import { Temporal } from 'temporal-polyfill';
import { readDate } from '../../platform/forms/date.ts';

/** Answers so far: field name → normalised value ('unknown' = she does not know; '' = left empty). */
export type Values = Record<string, string>;

export type FieldKind = 'date' | 'yesno' | 'choice' | 'amount' | 'number' | 'text';

export interface FieldSpec {
  /** Form field name and answer key. */
  name: string;
  kind: FieldKind;
  /** Message key of the label. */
  label: string;
  params?: Record<string, string | number>;
  /** Message key of a hint shown under the label. */
  hint?: string;
  /** choice: the allowed values; labels are `pub.o.<optionsKey>.<value>`. */
  options?: readonly string[];
  optionsKey?: string;
  /** Offers "I don't know" (the fact stays unknown). */
  unknown?: boolean;
  /** amount: offers "none", with label `<label>.none`; its meaning in the situation (null or 0). */
  none?: 'null' | 'zero';
  /** date/text: may be left empty (= unknown). */
  optional?: boolean;
  min?: number;
  max?: number;
  integer?: boolean;
}

export interface Question {
  id: string;
  /** Contract paths this question settles (`household.members[].x` for every member). */
  paths: readonly string[];
  /** The fields, which may depend on earlier answers (one per household member…). */
  fields(v: Values): FieldSpec[];
  /** Whether the question makes sense given earlier answers. */
  when?(v: Values): boolean;
  /** Writes the answers into the situation being built. */
  apply(v: Values, s: Draft): void;
}

/** The situation under construction (plain objects, made a Situation at the end). */
export interface Draft {
  person: Record<string, unknown> & { violence: Record<string, unknown>; lastJob: Record<string, unknown> };
  household: Record<string, unknown>;
  members: Member[] | undefined;
  region?: string;
}

const yes = (v: string | undefined): boolean | undefined =>
  v === 'yes' ? true : v === 'no' ? false : undefined;
const num = (v: string | undefined): number | undefined =>
  v === undefined || v === '' || v === 'unknown' || v === 'none' ? undefined : Number(v);
const amount = (v: string | undefined, none: 'null' | 'zero' | undefined): number | null | undefined => {
  if (v === 'none') return none === 'null' ? null : 0;
  return num(v);
};
const set = (o: Record<string, unknown>, key: string, value: unknown) => {
  if (value !== undefined) o[key] = value;
};

// ---- household composition: children first, then the partner, then other adults ----

export interface MemberSlot {
  index: number;
  relation: 'child' | 'partner' | 'other';
  /** 1-based number within its relation (child 1, child 2…). */
  n: number;
}

export function memberSlots(v: Values): MemberSlot[] | undefined {
  if (v.children === undefined) return undefined;
  const out: MemberSlot[] = [];
  const children = Number(v.children) || 0;
  for (let i = 0; i < children; i++) out.push({ index: out.length, relation: 'child', n: i + 1 });
  if (v.partner === 'yes') out.push({ index: out.length, relation: 'partner', n: 1 });
  const others = Number(v.others) || 0;
  for (let i = 0; i < others; i++) out.push({ index: out.length, relation: 'other', n: i + 1 });
  return out;
}

function memberLabel(slot: MemberSlot): { label: string; params: Record<string, number> } {
  return { label: `pub.member.${slot.relation}`, params: { n: slot.n } };
}

const yesno = (name: string, label: string, hint?: string): FieldSpec => ({
  name,
  kind: 'yesno',
  label,
  hint,
  unknown: true,
});

function simple(
  id: string,
  path: string,
  field: Omit<FieldSpec, 'name' | 'label'> & { label?: string },
  apply: (value: string | undefined, s: Draft) => void,
): Question {
  const spec: FieldSpec = { name: id, label: `pub.q.${id}`, ...field };
  return { id, paths: [path], fields: () => [spec], apply: (v, s) => apply(v[id], s) };
}

function money(
  id: string,
  path: string,
  target: 'person' | 'household' | 'lastJob',
  key: string,
  none?: 'null' | 'zero',
) {
  return simple(id, path, { kind: 'amount', unknown: true, none, hint: `pub.q.${id}.hint` }, (v, s) =>
    set(target === 'lastJob' ? s.person.lastJob : s[target], key, amount(v, none)),
  );
}

function flag(id: string, path: string, apply: (value: boolean | undefined, s: Draft) => void): Question {
  return simple(id, path, { kind: 'yesno', unknown: true, hint: `pub.q.${id}.hint` }, (v, s) =>
    apply(yes(v), s),
  );
}

/** Every question, keyed by id. The order here is only a tie-break: the engine's `missing` decides. */
export const QUESTIONS: readonly Question[] = [
  flag('victim', 'person.violence.victim', (v, s) => set(s.person.violence, 'victim', v)),
  flag('cav', 'person.violence.cav', (v, s) => set(s.person.violence, 'cav', v)),
  flag('socialServices', 'person.violence.socialServices', (v, s) =>
    set(s.person.violence, 'socialServices', v),
  ),
  flag('stateOfNeed', 'person.violence.stateOfNeed', (v, s) => set(s.person.violence, 'stateOfNeed', v)),
  flag('shelter', 'person.violence.shelter', (v, s) => set(s.person.violence, 'shelter', v)),
  simple(
    'pathStart',
    'person.violence.pathStart',
    { kind: 'date', optional: true, hint: 'pub.q.pathStart.hint' },
    (v, s) => set(s.person.violence, 'pathStart', v || undefined),
  ),
  simple('sex', 'person.sex', { kind: 'yesno', unknown: false }, (v, s) =>
    set(s.person, 'sex', v === 'yes' ? 'F' : v === 'no' ? 'M' : undefined),
  ),
  simple('birthDate', 'person.birthDate', { kind: 'date', hint: 'pub.date.hint' }, (v, s) =>
    set(s.person, 'birthDate', v || undefined),
  ),
  simple(
    'citizenship',
    'person.citizenship',
    { kind: 'choice', options: CITIZENSHIPS, optionsKey: 'citizenship', unknown: true },
    (v, s) => set(s.person, 'citizenship', v === 'unknown' ? undefined : v),
  ),
  simple(
    'permitMonths',
    'person.permitMonths',
    { kind: 'number', integer: true, min: 0, max: 240, unknown: true, hint: 'pub.q.permitMonths.hint' },
    (v, s) => set(s.person, 'permitMonths', num(v)),
  ),
  simple(
    'residenceYears',
    'person.residenceYears',
    { kind: 'number', integer: true, min: 0, max: 120, unknown: true, hint: 'pub.q.residenceYears.hint' },
    (v, s) => set(s.person, 'residenceYears', num(v)),
  ),
  simple(
    'residenceContinuousYears',
    'person.residenceContinuousYears',
    { kind: 'number', integer: true, min: 0, max: 120, unknown: true },
    (v, s) => set(s.person, 'residenceContinuousYears', num(v)),
  ),
  {
    id: 'household',
    paths: ['household.members'],
    fields: () => [
      {
        name: 'children',
        kind: 'number',
        label: 'pub.f.children',
        hint: 'pub.f.children.hint',
        integer: true,
        min: 0,
        max: 12,
      },
      { name: 'partner', kind: 'yesno', label: 'pub.f.partner' },
      {
        name: 'others',
        kind: 'number',
        label: 'pub.f.others',
        hint: 'pub.f.others.hint',
        integer: true,
        min: 0,
        max: 12,
      },
    ],
    apply: (v, s) => {
      const slots = memberSlots(v);
      if (!slots) return;
      s.members = slots.map((slot) => ({ relation: slot.relation }));
    },
  },
  {
    id: 'birthDates',
    paths: ['household.members[].birthDate'],
    when: (v) => (memberSlots(v)?.length ?? 0) > 0,
    fields: (v) =>
      (memberSlots(v) ?? []).map((slot) => ({
        name: `m${slot.index}.birthDate`,
        kind: 'date' as const,
        ...memberLabel(slot),
        optional: slot.relation !== 'child',
      })),
    apply: (v, s) => {
      for (const [i, m] of (s.members ?? []).entries())
        set(m, 'birthDate', v[`m${i}.birthDate`] || undefined);
    },
  },
  {
    id: 'memberDisability',
    paths: ['household.members[].disability'],
    when: (v) => (memberSlots(v)?.length ?? 0) > 0,
    fields: (v) =>
      (memberSlots(v) ?? []).map((slot) => ({
        name: `m${slot.index}.disability`,
        kind: 'choice' as const,
        ...memberLabel(slot),
        options: DISABILITIES,
        optionsKey: 'disability',
        unknown: true,
      })),
    apply: (v, s) => {
      for (const [i, m] of (s.members ?? []).entries()) {
        const d = v[`m${i}.disability`];
        if (d && d !== 'unknown') m.disability = d as Member['disability'];
      }
    },
  },
  {
    id: 'inEducation',
    paths: ['household.members[].inEducation'],
    when: (v) => (memberSlots(v) ?? []).some((m) => m.relation === 'child'),
    fields: (v) =>
      (memberSlots(v) ?? [])
        .filter((slot) => slot.relation === 'child')
        .map((slot) => ({ ...yesno(`m${slot.index}.inEducation`, ''), ...memberLabel(slot) })),
    apply: (v, s) => {
      for (const [i, m] of (s.members ?? []).entries()) set(m, 'inEducation', yes(v[`m${i}.inEducation`]));
    },
  },
  {
    id: 'nursery',
    paths: ['household.members[].nursery'],
    when: (v) => (memberSlots(v) ?? []).some((m) => m.relation === 'child'),
    fields: (v) =>
      (memberSlots(v) ?? [])
        .filter((slot) => slot.relation === 'child')
        .map((slot) => ({ ...yesno(`m${slot.index}.nursery`, ''), ...memberLabel(slot) })),
    apply: (v, s) => {
      for (const [i, m] of (s.members ?? []).entries()) set(m, 'nursery', yes(v[`m${i}.nursery`]));
    },
  },
  {
    id: 'earnsFromWork',
    paths: ['household.members[].earnsFromWork'],
    when: (v) => (memberSlots(v)?.length ?? 0) > 0,
    fields: (v) =>
      (memberSlots(v) ?? []).map((slot) => ({
        ...yesno(`m${slot.index}.earnsFromWork`, ''),
        ...memberLabel(slot),
      })),
    apply: (v, s) => {
      for (const [i, m] of (s.members ?? []).entries())
        set(m, 'earnsFromWork', yes(v[`m${i}.earnsFromWork`]));
    },
  },
  money('isee', 'household.isee', 'household', 'isee', 'null'),
  money('iseeMinorenni', 'household.iseeMinorenni', 'household', 'iseeMinorenni', 'null'),
  simple(
    'iseeScale',
    'household.iseeScale',
    { kind: 'number', min: 1, max: 10, unknown: true, hint: 'pub.q.iseeScale.hint' },
    (v, s) => set(s.household, 'iseeScale', num(v)),
  ),
  money('familyIncome', 'household.familyIncome', 'household', 'familyIncome', 'zero'),
  money('rentAnnual', 'household.rentAnnual', 'household', 'rentAnnual', 'zero'),
  money('movableAssets', 'household.movableAssets', 'household', 'movableAssets', 'zero'),
  money('realEstate', 'household.realEstate', 'household', 'realEstate', 'zero'),
  money('auuAnnual', 'household.auuAnnual', 'household', 'auuAnnual', 'zero'),
  flag('bothParentsWork', 'household.bothParentsWork', (v, s) => set(s.household, 'bothParentsWork', v)),
  simple(
    'work',
    'person.work',
    { kind: 'choice', options: WORKS, optionsKey: 'work', unknown: true },
    (v, s) => set(s.person, 'work', v === 'unknown' ? undefined : v),
  ),
  simple(
    'disability',
    'person.disability',
    { kind: 'choice', options: DISABILITIES, optionsKey: 'disability', unknown: true },
    (v, s) => set(s.person, 'disability', v === 'unknown' ? undefined : v),
  ),
  flag('training', 'person.training', (v, s) => set(s.person, 'training', v)),
  flag('married', 'person.married', (v, s) => set(s.person, 'married', v)),
  money('income', 'person.income', 'person', 'income', 'zero'),
  money('coupleIncome', 'person.coupleIncome', 'person', 'coupleIncome', 'zero'),
  money('maternityPay', 'person.maternityPay', 'person', 'maternityPay', 'zero'),
  simple(
    'congedoDaysUsed',
    'person.congedoDaysUsed',
    { kind: 'number', integer: true, min: 0, max: 366, unknown: true },
    (v, s) => set(s.person, 'congedoDaysUsed', num(v)),
  ),
  simple(
    'endReason',
    'person.lastJob.endReason',
    { kind: 'choice', options: END_REASONS, optionsKey: 'endReason', unknown: true },
    (v, s) => set(s.person.lastJob, 'endReason', v === 'unknown' ? undefined : v),
  ),
  simple(
    'endDate',
    'person.lastJob.endDate',
    { kind: 'date', optional: true, hint: 'pub.q.endDate.hint' },
    (v, s) => set(s.person.lastJob, 'endDate', v || undefined),
  ),
  simple(
    'contributionWeeks4y',
    'person.lastJob.contributionWeeks4y',
    {
      kind: 'number',
      integer: true,
      min: 0,
      max: 209,
      unknown: true,
      hint: 'pub.q.contributionWeeks4y.hint',
    },
    (v, s) => set(s.person.lastJob, 'contributionWeeks4y', num(v)),
  ),
  money('monthlyReferencePay', 'person.lastJob.monthlyReferencePay', 'lastJob', 'monthlyReferencePay'),
];

/** Where she lives, to show the nearest centre: not a contract path, asked once before the result. */
export const PLACE: Question = {
  id: 'comune',
  paths: [],
  fields: () => [
    { name: 'comune', kind: 'text', label: 'pub.q.comune', hint: 'pub.q.comune.hint', optional: true },
  ],
  apply: () => {},
};

const byId = new Map<string, Question>([...QUESTIONS, PLACE].map((q) => [q.id, q]));
const byPath = new Map<string, Question>();
for (const q of QUESTIONS) for (const p of q.paths) byPath.set(p, q);

export function questionById(id: string): Question | undefined {
  return byId.get(id);
}

/** The question that settles a contract path (`household.members[3].disability` → memberDisability). */
export function questionForPath(path: string): Question | undefined {
  return byPath.get(
    path
      .replace(/\[\d+\]/g, '[]')
      .replace(/^\//, '')
      .replaceAll('/', '.'),
  );
}

/** Builds the contract situation from the answers of the asked questions. */
export function buildSituation(
  asked: readonly string[],
  v: Values,
  date: string,
  region?: string,
): Situation {
  const d: Draft = { person: { violence: {}, lastJob: {} }, household: {}, members: undefined };
  for (const id of asked) byId.get(id)?.apply(v, d);
  const { violence, lastJob, ...person } = d.person;
  if (Object.keys(violence).length) person.violence = violence;
  if (Object.keys(lastJob).length) person.lastJob = lastJob;
  const household: Record<string, unknown> = { ...d.household };
  if (d.members) household.members = d.members;
  const s: Record<string, unknown> = { date };
  if (region) s.region = region;
  if (Object.keys(person).length) s.person = person;
  if (Object.keys(household).length) s.household = household;
  return s as Situation;
}

// ---- parsing of what was typed ----

export type Parsed = { ok: true; value: string } | { ok: false; error: string };

/** Parses an amount typed the Italian or the English way: "15.000", "15.000,50", "15000", "1,234.5", "€ 900". */
export function parseAmount(raw: string): number | undefined {
  let s = raw.replace(/[\s\u00a0€]|eur(o)?/gi, '');
  if (!/^\d[\d.,]*$/.test(s)) return undefined;
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  if (lastDot >= 0 && lastComma >= 0) {
    const dec = lastDot > lastComma ? '.' : ',';
    const thousands = dec === '.' ? ',' : '.';
    s = s.replaceAll(thousands, '').replace(dec, '.');
  } else {
    const sep = lastDot >= 0 ? '.' : lastComma >= 0 ? ',' : '';
    if (sep) {
      const parts = s.split(sep);
      const groups = parts.slice(1);
      if (groups.every((g) => g.length === 3) && /^[1-9]\d{0,2}$/.test(parts[0] as string))
        s = parts.join('');
      else if (parts.length === 2 && groups[0].length <= 2) s = `${parts[0]}.${parts[1]}`;
      else return undefined;
    }
  }
  const n = Number(s);
  if (!Number.isFinite(n) || n > 100_000_000) return undefined;
  if (Math.round(n * 100) / 100 !== n) return undefined;
  return n;
}

/**
 * Parses a date typed as YYYY-MM-DD (date input) or DD/MM/YYYY (also with - or .), four-digit years only: the one
 * date reader of Ponte (platform/forms/date.ts).
 */
export function parseDate(raw: string): string | undefined {
  return readDate(raw)?.toString();
}

/**
 * Parses one field from the posted form. `raw` holds the fields as posted; an amount field also has
 * `<name>__kind` (value | none | unknown).
 */
export function parseField(f: FieldSpec, raw: Record<string, string>, today: string): Parsed {
  const text = (raw[f.name] ?? '').trim();
  switch (f.kind) {
    case 'yesno': {
      if (text === 'yes' || text === 'no' || (f.unknown && text === 'unknown'))
        return { ok: true, value: text };
      return { ok: false, error: 'pub.err.choose' };
    }
    case 'choice': {
      if ((f.options ?? []).includes(text) || (f.unknown && text === 'unknown'))
        return { ok: true, value: text };
      return { ok: false, error: 'pub.err.choose' };
    }
    case 'date': {
      if (text === '')
        return f.optional ? { ok: true, value: '' } : { ok: false, error: 'pub.err.date.required' };
      const d = parseDate(text);
      if (!d) return { ok: false, error: 'pub.err.date' };
      if (d > today) return { ok: false, error: 'pub.err.date.future' };
      // A birth date more than 120 years ago is a wrong year, not a date that does not exist (issue 10).
      if (d < Temporal.PlainDate.from(today).subtract({ years: 120 }).toString())
        return { ok: false, error: 'pub.err.date.old' };
      return { ok: true, value: d };
    }
    case 'number': {
      if (f.unknown && (text === 'unknown' || raw[`${f.name}__kind`] === 'unknown'))
        return { ok: true, value: 'unknown' };
      if (text === '')
        return { ok: false, error: f.unknown ? 'pub.err.number.orUnknown' : 'pub.err.number.required' };
      const n = f.integer ? (/^\d+$/.test(text) ? Number(text) : Number.NaN) : parseAmount(text);
      if (n === undefined || !Number.isFinite(n)) return { ok: false, error: 'pub.err.number' };
      if ((f.min !== undefined && n < f.min) || (f.max !== undefined && n > f.max))
        return { ok: false, error: 'pub.err.range' };
      return { ok: true, value: String(n) };
    }
    case 'amount': {
      const kind = raw[`${f.name}__kind`] ?? (text === 'unknown' || text === 'none' ? text : '');
      if (kind === 'unknown' && f.unknown) return { ok: true, value: 'unknown' };
      if (kind === 'none' && f.none) return { ok: true, value: 'none' };
      if (text === '')
        return { ok: false, error: kind === 'value' ? 'pub.err.amount.required' : 'pub.err.choose' };
      const n = parseAmount(text);
      if (n === undefined) return { ok: false, error: 'pub.err.amount' };
      return { ok: true, value: String(n) };
    }
    case 'text': {
      if (text.length > 100) return { ok: false, error: 'pub.err.text.long' };
      if (text === '' && !f.optional) return { ok: false, error: 'pub.err.text.required' };
      return { ok: true, value: [...text].filter((c) => c.charCodeAt(0) >= 32).join('') };
    }
  }
}

/** The min/max constraints of a field, for messages. */
export function rangeOf(f: FieldSpec): Record<string, number> {
  return { min: f.min ?? 0, max: f.max ?? 0 };
}
