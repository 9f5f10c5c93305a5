// Dated parameters read from each benefit's parameters.yaml, validated once at module load.
// Lookup on the hot path is a short scan over integer dates; a date outside the coverage throws, so a stale
// value is never reused (style.md §3).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { isCalendarDate, type Lang } from '../contract.ts';
import { dayBefore, dayNum, dayStr } from './dates.ts';
import { EngineError, ParameterFileError } from './errors.ts';
import { toCents } from './money.ts';

/** The period every benefit must cover: the engine answers for dates in it and refuses the others. */
export const COVERAGE = { from: 20230101, to: 20261231 } as const;

export type Unit = 'eur' | 'number' | 'rate' | 'count' | 'date';
const UNITS: readonly Unit[] = ['eur', 'number', 'rate', 'count', 'date'];
export type ValueStatus = 'verified' | 'derived' | 'uncertain';
const STATUSES: readonly ValueStatus[] = ['verified', 'derived', 'uncertain'];

/** One value of a parameter, in force from `from` to `to` (yyyymmdd, inclusive). `eur` values are in cents. */
export interface ParamValue {
  readonly from: number;
  readonly to: number;
  readonly value: number;
  readonly ref: string;
  readonly published: string;
  readonly status: ValueStatus;
  readonly note?: Readonly<Record<Lang, string>>;
}

/** A parameter: its unit, its own coverage and its values sorted by start date. */
export interface Param {
  readonly name: string;
  readonly unit: Unit;
  readonly description: string;
  readonly from: number;
  readonly to: number;
  readonly values: readonly ParamValue[];
}

const FILE_KEYS = new Set(['benefit', 'coverage', 'parameters']);
const PARAM_KEYS = new Set(['unit', 'description', 'coverage', 'values']);
const VALUE_KEYS = new Set(['from', 'to', 'value', 'ref', 'published', 'status', 'note']);
const COVERAGE_KEYS = new Set(['from', 'to']);

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkKeys(file: string, where: string, o: Obj, allowed: Set<string>): void {
  for (const k of Object.keys(o)) {
    if (!allowed.has(k)) throw new ParameterFileError(file, `${where}: unknown key "${k}"`);
  }
}

function date(file: string, where: string, v: unknown): number {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v) || !isCalendarDate(v))
    throw new ParameterFileError(file, `${where}: expected a date YYYY-MM-DD, got ${JSON.stringify(v)}`);
  return dayNum(v);
}

function coverage(file: string, where: string, v: unknown, dflt: { from: number; to: number }) {
  if (v === undefined) return dflt;
  if (!isObj(v)) throw new ParameterFileError(file, `${where}.coverage: expected {from, to}`);
  checkKeys(file, `${where}.coverage`, v, COVERAGE_KEYS);
  const from = v.from === undefined ? dflt.from : date(file, `${where}.coverage.from`, v.from);
  const to = v.to === undefined ? dflt.to : date(file, `${where}.coverage.to`, v.to);
  if (from > to) throw new ParameterFileError(file, `${where}.coverage: from after to`);
  return { from, to };
}

function parseParam(file: string, name: string, raw: unknown, fileCov: { from: number; to: number }): Param {
  const where = `parameters.${name}`;
  if (!isObj(raw)) throw new ParameterFileError(file, `${where}: expected a mapping`);
  checkKeys(file, where, raw, PARAM_KEYS);
  const unit = raw.unit as Unit;
  if (!UNITS.includes(unit)) throw new ParameterFileError(file, `${where}.unit: one of ${UNITS.join(', ')}`);
  const description = typeof raw.description === 'string' ? raw.description : '';
  if (!description) throw new ParameterFileError(file, `${where}.description: required`);
  const cov = coverage(file, where, raw.coverage, fileCov);
  if (!Array.isArray(raw.values) || raw.values.length === 0)
    throw new ParameterFileError(file, `${where}.values: a non-empty list is required`);
  const values: ParamValue[] = [];
  raw.values.forEach((rv: unknown, i: number) => {
    const w = `${where}.values[${i}]`;
    if (!isObj(rv)) throw new ParameterFileError(file, `${w}: expected a mapping`);
    checkKeys(file, w, rv, VALUE_KEYS);
    const from = date(file, `${w}.from`, rv.from);
    const to = rv.to === undefined ? Number.POSITIVE_INFINITY : date(file, `${w}.to`, rv.to);
    if (from > to) throw new ParameterFileError(file, `${w}: from after to`);
    let value: number;
    if (unit === 'date') value = date(file, `${w}.value`, rv.value);
    else if (typeof rv.value === 'number' && Number.isFinite(rv.value)) value = rv.value;
    else throw new ParameterFileError(file, `${w}.value: a number is required`);
    if (unit === 'eur') {
      if (Math.abs(value * 100 - Math.round(value * 100)) > 1e-6)
        throw new ParameterFileError(file, `${w}.value: euros take at most two decimals`);
      value = toCents(value);
    }
    if (unit === 'count' && !Number.isInteger(value))
      throw new ParameterFileError(file, `${w}.value: an integer`);
    if (typeof rv.ref !== 'string' || rv.ref.trim().length < 3)
      throw new ParameterFileError(file, `${w}.ref: every value names its act (article, INPS circolare)`);
    const published = dayStr(date(file, `${w}.published`, rv.published));
    const status = (rv.status ?? 'verified') as ValueStatus;
    if (!STATUSES.includes(status))
      throw new ParameterFileError(file, `${w}.status: one of ${STATUSES.join(', ')}`);
    let note: Record<Lang, string> | undefined;
    if (rv.note !== undefined) {
      if (!isObj(rv.note) || typeof rv.note.it !== 'string' || typeof rv.note.en !== 'string')
        throw new ParameterFileError(file, `${w}.note: {it, en} texts`);
      note = { it: rv.note.it, en: rv.note.en };
    }
    // An uncertain value must say what is uncertain, because the engine shows that text as "to verify".
    if (status === 'uncertain' && !note)
      throw new ParameterFileError(file, `${w}: an uncertain value needs a note`);
    const prev = values[values.length - 1];
    if (prev) {
      if (from <= prev.from)
        throw new ParameterFileError(file, `${w}.from: dates must be sorted and distinct`);
      if (prev.to !== Number.POSITIVE_INFINITY && prev.to >= from)
        throw new ParameterFileError(file, `${w}: overlaps the previous value`);
    }
    values.push({ from, to, value, ref: rv.ref.trim(), published, status, ...(note ? { note } : {}) });
  });
  // Values run until the next one starts unless they carry their own `to`.
  for (let i = 0; i < values.length - 1; i++) {
    if (values[i].to === Number.POSITIVE_INFINITY)
      values[i] = { ...values[i], to: dayBefore(values[i + 1].from) };
  }
  return { name, unit, description, from: cov.from, to: cov.to, values };
}

/** The parameters of one benefit, typed by the names its rule declares. */
export class Parameters<K extends string> {
  readonly file: string;
  readonly benefit: string;
  readonly from: number;
  readonly to: number;
  private readonly byName: ReadonlyMap<string, Param>;

  constructor(file: string, benefit: string, from: number, to: number, params: readonly Param[]) {
    this.file = file;
    this.benefit = benefit;
    this.from = from;
    this.to = to;
    this.byName = new Map(params.map((p) => [p.name, p]));
  }

  /** Every parameter, for tests and documentation. */
  all(): Param[] {
    return [...this.byName.values()];
  }

  /** The definition of one parameter. */
  param(name: K): Param {
    const p = this.byName.get(name);
    if (!p) throw new Error(`${this.file}: no parameter ${name}`);
    return p;
  }

  /** The value in force on `day` (yyyymmdd); throws PONTE_ERR_DATE_OUT_OF_RANGE outside the coverage or in a gap. */
  at(name: K, day: number): ParamValue {
    const p = this.param(name);
    if (day < p.from || day > p.to) {
      throw new EngineError(
        'PONTE_ERR_DATE_OUT_OF_RANGE',
        `${this.benefit}.${name}: ${dayStr(day)} outside ${dayStr(p.from)}..${dayStr(p.to)}`,
      );
    }
    const vs = p.values;
    for (let i = vs.length - 1; i >= 0; i--) {
      const v = vs[i];
      if (v.from <= day) {
        if (day > v.to) break;
        return v;
      }
    }
    throw new EngineError(
      'PONTE_ERR_DATE_OUT_OF_RANGE',
      `${this.benefit}.${name}: no value on ${dayStr(day)}`,
    );
  }
}

/** Reads and validates `<dir>/parameters.yaml`; `names` must list exactly the parameters the file defines. */
export function loadParameters<const K extends string>(dir: string, names: readonly K[]): Parameters<K> {
  const file = join(dir, 'parameters.yaml');
  return parseParameters(readFileSync(file, 'utf8'), file, names);
}

/** Validates the text of a parameters.yaml (exported for tests of the format). */
export function parseParameters<const K extends string>(
  text: string,
  file: string,
  names: readonly K[],
): Parameters<K> {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (e) {
    throw new ParameterFileError(file, `not valid YAML: ${(e as Error).message}`);
  }
  if (!isObj(doc)) throw new ParameterFileError(file, 'expected a mapping at the top');
  checkKeys(file, 'top level', doc, FILE_KEYS);
  if (typeof doc.benefit !== 'string')
    throw new ParameterFileError(file, 'benefit: the benefit id is required');
  const cov = coverage(file, 'top level', doc.coverage, COVERAGE);
  if (!isObj(doc.parameters)) throw new ParameterFileError(file, 'parameters: a mapping is required');
  const params: Param[] = [];
  for (const [name, raw] of Object.entries(doc.parameters)) {
    if (!names.includes(name as K))
      throw new ParameterFileError(file, `parameters.${name}: not declared by rule.ts`);
    params.push(parseParam(file, name, raw, cov));
  }
  for (const n of names) {
    if (!params.some((p) => p.name === n)) throw new ParameterFileError(file, `parameters.${n}: missing`);
  }
  return new Parameters<K>(file, doc.benefit, cov.from, cov.to, params);
}
