// How a benefit is declared (rule.ts calls defineBenefit) and the context its `evaluate` receives.
// Texts are compiled per language once at module load; a call only records trace entries and picks texts.
import type {
  BenefitId,
  CompactReason,
  CompactResult,
  Compatibility,
  ContractError,
  Lang,
  Reason,
  Result,
  Situation,
  Status,
} from '../contract.ts';
import { contractError } from '../contract.ts';
import { formatDay } from './dates.ts';
import { EngineError } from './errors.ts';
import type { Facts } from './facts.ts';
import { formatEuro, toEuros } from './money.ts';
import { loadParameters, type Parameters, type ParamValue } from './params.ts';
import { freezeWithJson, registerResultTemplate, registerStrings } from './serialize.ts';
import type { Tri } from './three.ts';

/** An Italian and an English text. */
export type Text = Readonly<Record<Lang, string>>;

/**
 * A condition or explanation that a rule can record. `it`/`en` may hold `{name}` placeholders filled by the
 * `vars` of the call. `paths` are the contract paths the condition reads: when it is unknown they become `missing`.
 */
export interface ReasonDef {
  readonly it: string;
  readonly en: string;
  readonly source: string;
  readonly paths?: readonly string[];
}

/**
 * The amount a rule returns, in integer cents, except the counts listed in COUNT_KEYS (months, days…).
 * The engine converts cents to euros at output. `min`/`max` bound an amount that depends on unknown facts.
 */
export type Amount = Readonly<Record<string, number>>;

/** Amount keys that are counts, not money. */
export const COUNT_KEYS: ReadonlySet<string> = new Set(['months', 'days', 'weeks', 'children']);

export type Vars = Readonly<Record<string, string | number>>;

/** Kinds of trace entries: only `fact` entries decide the status. */
export type Kind = 'fact' | 'verify' | 'amount' | 'info';

/** The context a rule's `evaluate` receives: the situation, shared facts, dated parameters and the trace recorders. */
export interface Ctx<K extends string, C extends string> {
  /** The validated situation (read-only: never mutate it). */
  readonly s: Situation;
  /** Facts derived once for all benefits: ages, children, members. */
  readonly facts: Facts;
  /** The assessed day as yyyymmdd integer (compare with `ymd(2025, 3, 5)` or `dayNum('2025-03-05')`). */
  readonly day: number;
  readonly year: number;
  readonly lang: Lang;
  /**
   * Records an eligibility condition on facts the contract carries. false → not_eligible, null → undetermined
   * (and its paths go to `missing`). Returns `met` so calls can be combined.
   */
  require(code: C, met: Tri, vars?: Vars, paths?: readonly string[]): Tri;
  /** Records a condition to verify by hand (no contract field, or an UNCERTAIN point of the law): met null, no effect on status. */
  verify(code: C, vars?: Vars): void;
  /** Records a fact that changes only the amount; unknown → its paths go to `missing`, the status is unaffected. */
  amountFact(code: C, met: Tri, vars?: Vars, paths?: readonly string[]): Tri;
  /** Records an explanation (met true/false) that neither decides the status nor asks for facts. */
  info(code: C, met: boolean, vars?: Vars): void;
  /** The numeric value of a parameter on the assessed day (cents for `eur`, yyyymmdd for `date`). */
  param(name: K): number;
  /** The value of a parameter on another day (throws PONTE_ERR_DATE_OUT_OF_RANGE outside its coverage). */
  paramAt(name: K, day: number): number;
  /** Full value record (ref, published, status) of a parameter on the assessed day. */
  paramValue(name: K): ParamValue;
  /** Formats cents for texts in the context's language. */
  euro(cents: number): string;
  /** Formats a yyyymmdd day for texts in the context's language. */
  dayText(day: number): string;
}

export interface CompatibilityDef {
  readonly with: string;
  readonly compatible: 'yes' | 'no' | 'uncertain';
  readonly text: Text;
  readonly source: string;
}

/** What rule.ts passes to defineBenefit. */
export interface BenefitSpec<K extends string, C extends string> {
  readonly id: BenefitId;
  /** The benefit folder: pass `import.meta.dirname`. parameters.yaml is read from it. */
  readonly dir: string;
  readonly name: Text;
  readonly description: Text;
  /** The acts the benefit rests on (for the catalogue). */
  readonly acts: readonly string[];
  readonly documents: Readonly<Record<Lang, readonly string[]>>;
  /** Static texts (shared by every result); a date-specific deadline goes in a reason (`ctx.info`). */
  readonly apply: { readonly who: Text; readonly channel: Text; readonly deadline: Text };
  readonly compatibility: readonly CompatibilityDef[];
  /** Names of the parameters in parameters.yaml (exactly those; the loader checks both ways). */
  readonly parameters: readonly K[];
  readonly reasons: Readonly<Record<C, ReasonDef>>;
  /** Records conditions on the context; returns the amount (cents) or nothing. Must not throw on unknown facts. */
  evaluate(ctx: Ctx<K, C>): Amount | undefined;
}

/** Catalogue entry of a benefit in one language. */
export interface CatalogueEntry {
  id: BenefitId;
  name: string;
  description: string;
  acts: readonly string[];
  documents: readonly string[];
  apply: { who: string; channel: string; deadline: string };
  compatibility: readonly Compatibility[];
}

/** A registered benefit, ready to run. */
export interface Benefit {
  readonly id: BenefitId;
  readonly dir: string;
  readonly parameters: Parameters<string>;
  /** Evaluates the benefit on shared facts; `missing` is in rule order (the engine re-sorts it). */
  run(s: Situation, facts: Facts, lang: Lang): Result;
  /**
   * The same evaluation with only the compact result's fields (CompactResultSchema): the reasons are codes and
   * `met`, their texts are never filled in (`ponte screen --compact`, `?compact=1`).
   */
  runCompact(s: Situation, facts: Facts, lang: Lang): CompactResult;
  catalogue(lang: Lang): CatalogueEntry;
}

interface CompiledReason {
  readonly code: string;
  readonly paths: readonly string[];
  readonly source: string;
  readonly text: Text;
  readonly hasVars: boolean;
  /** Texts split at their `{name}` placeholders: even indexes are literal text, odd indexes variable names. */
  readonly parts: Readonly<Record<Lang, readonly string[]>>;
  /** Frozen reason objects for texts without vars, per language: met true, false, null, and "to verify". */
  readonly shared: Readonly<Record<Lang, readonly [Reason, Reason, Reason, Reason]>>;
  /** The same four as compact reasons (code and `met` only), shared by every call. */
  readonly codes: readonly [CompactReason, CompactReason, CompactReason, CompactReason];
}

const NO_PATHS: readonly string[] = Object.freeze([]);

// Templates are split once at definition; filling is then plain concatenation (no regex per call).
function split(text: string): string[] {
  return text.split(/\{(\w+)\}/);
}

function fill(parts: readonly string[], vars: Vars | undefined): string {
  let out = parts[0];
  for (let i = 1; i < parts.length; i += 2) {
    const v = vars?.[parts[i]];
    out += v === undefined ? `{${parts[i]}}` : String(v);
    out += parts[i + 1];
  }
  return out;
}

// The trace is recorded as it is written: the reasons in order, plus what the status and `missing` need, so
// no second pass and no entry objects are needed per call.
class Context<K extends string, C extends string> implements Ctx<K, C> {
  readonly reasonsOut: (Reason | CompactReason)[] = [];
  failed = false;
  unknown = false;
  missingFacts: string[] | undefined;
  missingAmount: string[] | undefined;
  readonly year: number;
  readonly day: number;
  private usedUncertain: Set<string> | undefined;

  constructor(
    readonly s: Situation,
    readonly facts: Facts,
    readonly lang: Lang,
    private readonly reasons: ReadonlyMap<string, CompiledReason>,
    private readonly params: Parameters<K>,
    private readonly benefit: string,
    /** Codes only: no text is filled in, `euro`/`dayText` give '' (rules use them only for texts). */
    private readonly compact = false,
  ) {
    this.day = facts.day;
    this.year = facts.year;
  }

  private push(
    code: C,
    kind: Kind,
    met: Tri,
    vars: Vars | undefined,
    paths: readonly string[] | undefined,
  ): void {
    const r = this.reasons.get(code);
    if (!r) throw new Error(`${this.benefit}: reason "${code}" is not declared`);
    let reason: Reason | CompactReason;
    if (this.compact) {
      reason =
        kind === 'verify' ? r.codes[3] : met === true ? r.codes[0] : met === false ? r.codes[1] : r.codes[2];
    } else if (!r.hasVars) {
      // Shared frozen objects: no allocation per call, and the serializer reuses their cached JSON.
      const sh = r.shared[this.lang];
      reason = kind === 'verify' ? sh[3] : met === true ? sh[0] : met === false ? sh[1] : sh[2];
    } else {
      const text = fill(r.parts[this.lang], vars);
      reason =
        kind === 'verify'
          ? { code, met: null, text, source: r.source, verify: true }
          : { code, met, text, source: r.source };
    }
    this.reasonsOut.push(reason);
    if (met === null) {
      if (kind === 'fact') {
        this.unknown = true;
        this.missingFacts = addPaths(this.missingFacts, paths ?? r.paths);
      } else if (kind === 'amount') this.missingAmount = addPaths(this.missingAmount, paths ?? r.paths);
    } else if (met === false && kind === 'fact') this.failed = true;
  }

  require(code: C, met: Tri, vars?: Vars, paths?: readonly string[]): Tri {
    this.push(code, 'fact', met, vars, paths);
    return met;
  }
  verify(code: C, vars?: Vars): void {
    this.push(code, 'verify', null, vars, NO_PATHS);
  }
  amountFact(code: C, met: Tri, vars?: Vars, paths?: readonly string[]): Tri {
    this.push(code, 'amount', met, vars, paths);
    return met;
  }
  info(code: C, met: boolean, vars?: Vars): void {
    this.push(code, 'info', met, vars, NO_PATHS);
  }
  paramValue(name: K): ParamValue {
    const v = this.params.at(name, this.day);
    if (v.status === 'uncertain') this.noteUncertain(name, v);
    return v;
  }
  param(name: K): number {
    return this.paramValue(name).value;
  }
  paramAt(name: K, day: number): number {
    const v = this.params.at(name, day);
    if (v.status === 'uncertain') this.noteUncertain(name, v);
    return v.value;
  }
  euro(cents: number): string {
    return this.compact ? '' : formatEuro(cents, this.lang);
  }
  dayText(day: number): string {
    return this.compact ? '' : formatDay(day, this.lang);
  }

  // Using an UNCERTAIN value adds a "to verify" reason by itself, so no rule can forget to say so (reference §0).
  private noteUncertain(name: string, v: ParamValue): void {
    this.usedUncertain ??= new Set();
    const key = `${name}@${v.from}`;
    if (this.usedUncertain.has(key)) return;
    this.usedUncertain.add(key);
    if (this.compact) {
      this.reasonsOut.push({ code: `uncertain_${name}`, met: null, verify: true });
      return;
    }
    const note = v.note ? v.note[this.lang] : '';
    const prefix = this.lang === 'it' ? 'Da verificare' : 'To verify';
    this.reasonsOut.push({
      code: `uncertain_${name}`,
      met: null,
      text: `${prefix}: ${note}`,
      source: v.ref,
      verify: true,
    });
  }
}

function addPaths(into: string[] | undefined, paths: readonly string[]): string[] | undefined {
  if (paths.length === 0) return into;
  const out = into ?? [];
  for (const p of paths) if (!out.includes(p)) out.push(p);
  return out;
}

function amountOut(a: Amount): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k in a) out[k] = COUNT_KEYS.has(k) ? a[k] : toEuros(a[k]);
  return out;
}

const deep = freezeWithJson;

/** Declares a benefit: loads and checks its parameters.yaml, compiles its texts, and returns the runnable benefit. */
export function defineBenefit<const K extends string, const C extends string>(
  spec: BenefitSpec<K, C>,
): Benefit {
  const params = loadParameters(spec.dir, spec.parameters);
  if (params.benefit !== spec.id)
    throw new Error(`${params.file}: benefit "${params.benefit}" is not "${spec.id}"`);
  const reasons = new Map<string, CompiledReason>();
  for (const code of Object.keys(spec.reasons) as C[]) {
    const d = spec.reasons[code];
    if (!d.source.trim()) throw new Error(`${spec.id}: reason ${code} has no source`);
    const variants = (lang: Lang) => {
      const text = lang === 'it' ? d.it : d.en;
      return deep([
        { code, met: true, text, source: d.source },
        { code, met: false, text, source: d.source },
        { code, met: null, text, source: d.source },
        { code, met: null, text, source: d.source, verify: true },
      ] as [Reason, Reason, Reason, Reason]);
    };
    reasons.set(code, {
      code,
      paths: d.paths ? Object.freeze([...d.paths]) : NO_PATHS,
      source: d.source,
      text: { it: d.it, en: d.en },
      hasVars: /\{\w+\}/.test(d.it + d.en),
      parts: { it: split(d.it), en: split(d.en) },
      shared: { it: variants('it'), en: variants('en') },
      codes: deep([
        { code, met: true },
        { code, met: false },
        { code, met: null },
        { code, met: null, verify: true },
      ] as [CompactReason, CompactReason, CompactReason, CompactReason]),
    });
  }
  const perLang = (lang: Lang) => ({
    name: spec.name[lang],
    documents: deep([...spec.documents[lang]]),
    compatibility: deep(
      spec.compatibility.map((c) => ({
        with: c.with,
        compatible: c.compatible,
        text: c.text[lang],
        source: c.source,
      })),
    ),
    apply: deep({
      who: spec.apply.who[lang],
      channel: spec.apply.channel[lang],
      deadline: spec.apply.deadline[lang],
    }),
  });
  const compiled = { it: perLang('it'), en: perLang('en') };
  for (const lang of ['it', 'en'] as const) {
    const c = compiled[lang];
    registerResultTemplate(spec.id, c.name, c.documents, c.apply, c.compatibility);
  }
  const strings: string[] = [];
  for (const r of reasons.values()) strings.push(r.code, r.source, ...r.paths);
  for (const p of params.all()) {
    strings.push(`uncertain_${p.name}`);
    for (const v of p.values) strings.push(v.ref);
  }
  registerStrings(strings);

  const errorResult = (lang: Lang, error: ContractError): Result => ({
    benefit: spec.id,
    name: compiled[lang].name,
    status: 'undetermined',
    reasons: [],
    missing: [],
    documents: compiled[lang].documents as string[],
    apply: compiled[lang].apply,
    compatibility: compiled[lang].compatibility as Compatibility[],
    error,
  });

  // The evaluation shared by the full and the compact result: status, amount (kept only when not not_eligible)
  // and missing facts, or the engine error the rule raised.
  const evaluateIn = (
    ctx: Context<K, C>,
  ):
    | { error: EngineError; status: Status; amount?: undefined; missing: string[] }
    | { error?: undefined; status: Status; amount: Amount | undefined; missing: string[] } => {
    let amount: Amount | undefined;
    try {
      amount = spec.evaluate(ctx);
    } catch (e) {
      if (e instanceof EngineError) return { error: e, status: 'undetermined', missing: [] };
      throw e;
    }
    const status: Status = ctx.failed ? 'not_eligible' : ctx.unknown ? 'undetermined' : 'eligible';
    // Facts that decide eligibility come first, then facts that only change the amount.
    let missing: string[] = [];
    if (status !== 'not_eligible') {
      if (ctx.missingFacts) missing = ctx.missingFacts;
      if (ctx.missingAmount) missing = addPaths(missing, ctx.missingAmount) ?? missing;
    }
    return { status, amount: amount && status !== 'not_eligible' ? amount : undefined, missing };
  };

  return {
    id: spec.id,
    dir: spec.dir,
    parameters: params as Parameters<string>,
    run(s: Situation, facts: Facts, lang: Lang): Result {
      const ctx = new Context<K, C>(s, facts, lang, reasons, params, spec.id);
      const out = evaluateIn(ctx);
      if (out.error)
        return errorResult(lang, contractError(out.error.code, out.error.path, lang, out.error.message));
      const { status, amount, missing } = out;
      const c = compiled[lang];
      const result: Result = {
        benefit: spec.id,
        name: c.name,
        status,
        reasons: ctx.reasonsOut as Reason[],
        missing,
        documents: c.documents as string[],
        apply: c.apply,
        compatibility: c.compatibility as Compatibility[],
      };
      if (amount) {
        // Keep `amount` right after `status` in the JSON for readability.
        return {
          benefit: result.benefit,
          name: result.name,
          status,
          amount: amountOut(amount),
          reasons: result.reasons,
          missing: result.missing,
          documents: result.documents,
          apply: result.apply,
          compatibility: result.compatibility,
        };
      }
      return result;
    },
    runCompact(s: Situation, facts: Facts, lang: Lang): CompactResult {
      // No text is filled in: the language only words an engine error.
      const ctx = new Context<K, C>(s, facts, lang, reasons, params, spec.id, true);
      const out = evaluateIn(ctx);
      if (out.error) {
        return {
          benefit: spec.id,
          status: 'undetermined',
          reasons: [],
          missing: [],
          error: contractError(out.error.code, out.error.path, lang, out.error.message),
        };
      }
      const reasonsOut = ctx.reasonsOut as CompactReason[];
      if (out.amount)
        return {
          benefit: spec.id,
          status: out.status,
          amount: amountOut(out.amount),
          reasons: reasonsOut,
          missing: out.missing,
        };
      return { benefit: spec.id, status: out.status, reasons: reasonsOut, missing: out.missing };
    },
    catalogue(lang: Lang): CatalogueEntry {
      const c = compiled[lang];
      return {
        id: spec.id,
        name: c.name,
        description: spec.description[lang],
        acts: spec.acts,
        documents: c.documents,
        apply: c.apply,
        compatibility: c.compatibility,
      };
    },
  };
}
