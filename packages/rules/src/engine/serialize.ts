import type {
  Assessment,
  CompactAssessment,
  CompactReason,
  CompactResult,
  Reason,
  Result,
} from '../contract.ts';

// JSON for assessments, identical to JSON.stringify but faster: the engine shares frozen objects (reasons without
// variables, documents, apply, compatibility) between results; each carries its own JSON under a symbol
// (invisible to JSON.stringify and for…in), computed once when it is frozen, and the same JSON encoded as UTF-8.
// `ponte screen` writes bytes (writeAssessment into a ByteSink): about nine tenths of an assessment are those
// shared parts, so most of each line is copied from bytes encoded once instead of being encoded again.

const JSON_TEXT = Symbol('ponte.json');
const JSON_BYTES = Symbol('ponte.jsonBytes');

interface Cached {
  [JSON_TEXT]?: string;
  [JSON_BYTES]?: Uint8Array;
}

/** Deep-freezes an object and stores its JSON (text and UTF-8) on it, so the serializers reuse it. Returns the object. */
export function freezeWithJson<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    for (const v of Object.values(o)) freezeWithJson(v);
    const json = JSON.stringify(o);
    Object.defineProperty(o, JSON_TEXT, { value: json, enumerable: false });
    Object.defineProperty(o, JSON_BYTES, { value: Buffer.from(json, 'utf8'), enumerable: false });
    Object.freeze(o);
  }
  return o;
}
const keys = new Map<string, string>();

function key(k: string): string {
  let s = keys.get(k);
  if (s === undefined) {
    s = `${JSON.stringify(k)}:`;
    if (keys.size < 10000) keys.set(k, s);
  }
  return s;
}

function ser(v: unknown, depth: number): string | undefined {
  if (v === null) return 'null';
  const t = typeof v;
  if (t === 'string') return JSON.stringify(v);
  if (t === 'number') return Number.isFinite(v) ? String(v) : 'null';
  if (t === 'boolean') return v ? 'true' : 'false';
  if (t !== 'object') return undefined; // undefined, functions, symbols: skipped like JSON.stringify
  const o = v as Record<string, unknown>;
  if (typeof (o as { toJSON?: unknown }).toJSON === 'function') return JSON.stringify(o);
  const cached = (o as Cached)[JSON_TEXT];
  if (cached !== undefined) return cached;
  if (depth === 0) return JSON.stringify(o);
  if (Array.isArray(o)) {
    let out = '[';
    for (let i = 0; i < o.length; i++) {
      if (i > 0) out += ',';
      out += ser(o[i], depth - 1) ?? 'null';
    }
    return `${out}]`;
  }
  let out = '{';
  let first = true;
  const ks = Object.keys(o);
  for (let i = 0; i < ks.length; i++) {
    const k = ks[i];
    const s = ser(o[k], depth - 1);
    if (s === undefined) continue;
    out += first ? key(k) : `,${key(k)}`;
    out += s;
    first = false;
  }
  return `${out}}`;
}

/** JSON.stringify for assessments (same output), reusing the cached JSON of the engine's shared frozen parts. */
export function stringifyAssessment(a: unknown): string {
  return ser(a, 6) ?? 'null';
}

// ---- Bytes ----

/**
 * UTF-8 output in slices of large pooled buffers: Buffer.from per line would allocate a fresh buffer each time,
 * which costs more than the bytes themselves. [start, used) of the current pool holds bytes not yet taken;
 * a slice is never written again once taken. A line may span two pools: the slices stay in order.
 */
export class ByteSink {
  private pool: Buffer;
  private used = 0;
  private start = 0;
  private readonly ready: Buffer[] = [];
  private readyBytes = 0;

  constructor(private readonly size = 1024 * 1024) {
    this.pool = Buffer.allocUnsafe(size);
  }

  /** Bytes written and not yet taken. */
  get pending(): number {
    return this.readyBytes + this.used - this.start;
  }

  private room(n: number): void {
    if (n > this.pool.length - this.used) {
      this.cut();
      this.pool = Buffer.allocUnsafe(Math.max(this.size, n));
      this.used = 0;
      this.start = 0;
    }
  }

  private cut(): void {
    if (this.used > this.start) {
      this.ready.push(this.pool.subarray(this.start, this.used));
      this.readyBytes += this.used - this.start;
      this.start = this.used;
    }
  }

  /** Appends bytes (short runs are copied in JS: a native call costs more than a few bytes). */
  bytes(b: Uint8Array): void {
    const n = b.length;
    this.room(n);
    const p = this.pool;
    const u = this.used;
    if (n < 8) for (let i = 0; i < n; i++) p[u + i] = b[i];
    else p.set(b, u);
    this.used = u + n;
  }

  /** Appends a string as UTF-8. */
  text(s: string): void {
    this.room(s.length * 3); // a UTF-16 unit never takes more than 3 bytes in UTF-8
    this.used += this.pool.write(s, this.used, 'utf8');
  }

  /** Appends one byte (an ASCII character code). */
  byte(c: number): void {
    this.room(1);
    this.pool[this.used++] = c;
  }

  /** The bytes written since the last take, as slices in order (the sink forgets them). */
  take(): Buffer[] {
    this.cut();
    const out = this.ready.splice(0, this.ready.length);
    this.readyBytes = 0;
    return out;
  }
}

// `"key":` and `,"key":` as bytes, per key name (keys of assessments are a small fixed set).
const keyBytes = new Map<string, readonly [Uint8Array, Uint8Array]>();

function keyPair(k: string): readonly [Uint8Array, Uint8Array] {
  let kb = keyBytes.get(k);
  if (kb === undefined) {
    const s = key(k);
    kb = [Buffer.from(s, 'utf8'), Buffer.from(`,${s}`, 'utf8')];
    if (keyBytes.size < 10000) keyBytes.set(k, kb);
  }
  return kb;
}

// The engine's own short strings (codes, sources, paths, statuses) recur in every assessment: their JSON bytes
// are made once, when the benefits are defined. Nothing from a situation is kept (ids, dates, filled-in texts are
// encoded each time), so the table neither grows nor holds anything about the people assessed.
const SHORT = 200;
const strBytes = new Map<string, Uint8Array>();

/** Registers strings that the engine writes in many assessments (reason codes, sources, paths). */
export function registerStrings(strings: Iterable<string>): void {
  for (const s of strings)
    if (s.length <= SHORT && !strBytes.has(s)) strBytes.set(s, Buffer.from(JSON.stringify(s), 'utf8'));
}
registerStrings(['eligible', 'not_eligible', 'undetermined']);

// Characters that JSON.stringify escapes in a string: the quote, the backslash, controls, and surrogates (a lone
// one is escaped; a well-formed pair is not, but such a rare string simply takes the JSON.stringify path).
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters JSON escapes
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;
const QUOTE = 0x22;

/** Writes a string as JSON without building the quoted copy when nothing in it needs escaping. */
function writeFresh(s: string, out: ByteSink): void {
  if (NEEDS_ESCAPE.test(s)) out.text(JSON.stringify(s));
  else {
    out.byte(QUOTE);
    out.text(s);
    out.byte(QUOTE);
  }
}

function writeString(s: string, out: ByteSink): void {
  const b = s.length <= SHORT ? strBytes.get(s) : undefined;
  if (b !== undefined) out.bytes(b);
  else writeFresh(s, out);
}

const NULL = Buffer.from('null');
const TRUE = Buffer.from('true');
const FALSE = Buffer.from('false');

// Writes v as JSON; returns false (and writes nothing) where JSON.stringify would skip the value.
function put(v: unknown, depth: number, out: ByteSink): boolean {
  if (v === null) {
    out.bytes(NULL);
    return true;
  }
  const t = typeof v;
  if (t === 'string') {
    writeString(v as string, out);
    return true;
  }
  if (t === 'number') {
    if (Number.isFinite(v)) out.text(String(v));
    else out.bytes(NULL);
    return true;
  }
  if (t === 'boolean') {
    out.bytes(v ? TRUE : FALSE);
    return true;
  }
  if (t !== 'object') {
    if (t === 'bigint') JSON.stringify(v); // throws, as JSON.stringify of the whole value would
    return false; // undefined, functions, symbols: skipped like JSON.stringify
  }
  const o = v as Record<string, unknown>;
  // First the frozen shared parts: their bytes were made by JSON.stringify (so any toJSON is already applied).
  const cached = (o as Cached)[JSON_BYTES];
  if (cached !== undefined) {
    out.bytes(cached);
    return true;
  }
  if (typeof (o as { toJSON?: unknown }).toJSON === 'function' || depth === 0) {
    const s = JSON.stringify(o);
    if (s === undefined) return false;
    out.text(s);
    return true;
  }
  if (Array.isArray(o)) {
    out.byte(0x5b); // [
    for (let i = 0; i < o.length; i++) {
      if (i > 0) out.byte(0x2c); // ,
      if (!put(o[i], depth - 1, out)) out.bytes(NULL);
    }
    out.byte(0x5d); // ]
    return true;
  }
  const ks = Object.keys(o);
  const n = ks.length;
  // The two shapes that make up most of an assessment: a benefit's result and a reason with variables.
  if (n >= 8 && ks[0] === 'benefit' && putResult(o, ks, depth, out)) return true;
  if ((n === 4 || n === 5) && ks[0] === 'code' && putReason(o, ks, out)) return true;
  let first = true;
  out.byte(0x7b); // {
  for (let i = 0; i < n; i++) if (field(keyPair(ks[i])[first ? 0 : 1], o[ks[i]], depth, out)) first = false;
  out.byte(0x7d); // }
  return true;
}

// Writes `kb` (the key with its colon, and the comma before it when needed) and the value, or nothing where
// JSON.stringify skips the member; returns whether it wrote.
function field(kb: Uint8Array, val: unknown, depth: number, out: ByteSink): boolean {
  const tv = typeof val;
  if (val === undefined || tv === 'function' || tv === 'symbol') return false;
  if (tv === 'object' && val !== null && typeof (val as { toJSON?: unknown }).toJSON === 'function') {
    const s = JSON.stringify(val); // may be undefined: then the key is skipped too
    if (s === undefined) return false;
    out.bytes(kb);
    out.text(s);
    return true;
  }
  out.bytes(kb);
  put(val, depth - 1, out);
  return true;
}

/** The parts of a benefit's result that are the same for every situation in one language. */
interface ResultTemplate {
  readonly benefit: string;
  readonly name: string;
  readonly apply: object;
  readonly compatibility: object;
  /** `{"benefit":…,"name":…` */
  readonly head: Uint8Array;
  /** `,"documents":…,"apply":…,"compatibility":…` */
  readonly tail: Uint8Array;
}

// Keyed by the frozen `documents` array, which each benefit has of its own per language.
const templates = new Map<object, ResultTemplate>();

/**
 * Registers the shared parts of a benefit's results in one language (frozen with freezeWithJson), so a result
 * that holds exactly these objects is written from two precomputed runs of bytes around its own fields.
 */
export function registerResultTemplate(
  benefit: string,
  name: string,
  documents: object,
  apply: object,
  compatibility: object,
): void {
  const head = `{"benefit":${JSON.stringify(benefit)},"name":${JSON.stringify(name)}`;
  const tail = `,"documents":${JSON.stringify(documents)},"apply":${JSON.stringify(apply)},"compatibility":${JSON.stringify(compatibility)}`;
  templates.set(documents, {
    benefit,
    name,
    apply,
    compatibility,
    head: Buffer.from(head, 'utf8'),
    tail: Buffer.from(tail, 'utf8'),
  });
}

const K_STATUS = Buffer.from(',"status":');
const K_AMOUNT = Buffer.from(',"amount":');
const K_REASONS = Buffer.from(',"reasons":');
const K_MISSING = Buffer.from(',"missing":');
const K_ERROR = Buffer.from(',"error":');

// A result of a registered benefit with its keys in the engine's order: head, own fields, tail. Anything else
// (another key, another order, a replaced shared part) returns false before writing, for the general path.
function putResult(o: Record<string, unknown>, ks: string[], depth: number, out: ByteSink): boolean {
  const docs = o.documents;
  if (typeof docs !== 'object' || docs === null) return false;
  const tpl = templates.get(docs);
  if (
    tpl === undefined ||
    o.benefit !== tpl.benefit ||
    o.name !== tpl.name ||
    o.apply !== tpl.apply ||
    o.compatibility !== tpl.compatibility ||
    ks[1] !== 'name' ||
    ks[2] !== 'status'
  )
    return false;
  const hasAmount = ks[3] === 'amount';
  const i = hasAmount ? 4 : 3;
  if (
    ks[i] !== 'reasons' ||
    ks[i + 1] !== 'missing' ||
    ks[i + 2] !== 'documents' ||
    ks[i + 3] !== 'apply' ||
    ks[i + 4] !== 'compatibility'
  )
    return false;
  const more = ks.length - (i + 5);
  if (more > 1 || (more === 1 && ks[i + 5] !== 'error')) return false;
  const d = depth - 1;
  out.bytes(tpl.head);
  field(K_STATUS, o.status, d, out);
  if (hasAmount) field(K_AMOUNT, o.amount, d, out);
  field(K_REASONS, o.reasons, d, out);
  field(K_MISSING, o.missing, d, out);
  out.bytes(tpl.tail);
  if (more === 1) field(K_ERROR, o.error, d, out);
  out.byte(0x7d); // }
  return true;
}

const R_CODE = Buffer.from('{"code":');
const R_MET_TRUE = Buffer.from(',"met":true,"text":');
const R_MET_FALSE = Buffer.from(',"met":false,"text":');
const R_MET_NULL = Buffer.from(',"met":null,"text":');
const R_SOURCE = Buffer.from(',"source":');
const R_END = Buffer.from('}');
const R_VERIFY_END = Buffer.from(',"verify":true}');

// A reason {code, met, text, source[, verify: true]} with string fields; anything else returns false before writing.
function putReason(o: Record<string, unknown>, ks: string[], out: ByteSink): boolean {
  if (ks[1] !== 'met' || ks[2] !== 'text' || ks[3] !== 'source') return false;
  const verify = ks.length === 5;
  if (verify && (ks[4] !== 'verify' || o.verify !== true)) return false;
  const { code, met, text, source } = o;
  if (typeof code !== 'string' || typeof text !== 'string' || typeof source !== 'string') return false;
  const mt = met === true ? R_MET_TRUE : met === false ? R_MET_FALSE : met === null ? R_MET_NULL : undefined;
  if (mt === undefined) return false;
  out.bytes(R_CODE);
  writeString(code, out);
  out.bytes(mt);
  writeFresh(text, out); // filled with this situation's values: rarely seen again
  out.bytes(R_SOURCE);
  writeString(source, out);
  out.bytes(verify ? R_VERIFY_END : R_END);
  return true;
}

/** Writes JSON.stringify(a) as UTF-8 into `out` (same bytes), reusing the cached bytes of the shared frozen parts. */
export function writeAssessment(a: unknown, out: ByteSink): void {
  if (!put(a, 6, out)) out.bytes(NULL);
}

// ---- Compact ----

// The JSON of the engine's own short strings (benefit ids, statuses, reason codes, fact paths), made once each.
const quoted = new Map<string, string>();
function q(v: string): string {
  let s = quoted.get(v);
  if (s === undefined) {
    s = JSON.stringify(v);
    if (quoted.size < 10000) quoted.set(v, s);
  }
  return s;
}

/**
 * The compact line of an assessment (CompactAssessmentSchema): what JSON.stringify would write of the assessment
 * with, in each result, only benefit, status, amount, reasons (code, met, verify) and missing, and the error of a
 * result or an assessment as it is. No text of the catalogue is read or flattened.
 */
export function stringifyCompact(a: Assessment | CompactAssessment): string {
  let out = '{';
  if (a.id !== undefined) out += `"id":${JSON.stringify(a.id)},`;
  if (a.date !== undefined) out += `"date":${JSON.stringify(a.date)},`;
  out += `"rules":${q(a.rules)},"results":[`;
  const results = a.results;
  for (let i = 0; i < results.length; i++) {
    const r = results[i] as Result | CompactResult;
    if (i > 0) out += ',';
    out += `{"benefit":${q(r.benefit)},"status":${q(r.status)}`;
    if (r.amount !== undefined) {
      out += ',"amount":{';
      let first = true;
      for (const k in r.amount) {
        const v = r.amount[k];
        if (v === undefined) continue;
        out += `${first ? '' : ','}${q(k)}:${Number.isFinite(v) ? String(v) : 'null'}`;
        first = false;
      }
      out += '}';
    }
    out += ',"reasons":[';
    const reasons = r.reasons;
    for (let j = 0; j < reasons.length; j++) {
      const x = reasons[j] as (Reason | CompactReason) & Cached;
      if (j > 0) out += ',';
      // A shared compact reason (assessCompact) carries its own JSON; the cached JSON of a full one has its text.
      const cached = (x as { text?: string }).text === undefined ? x[JSON_TEXT] : undefined;
      if (cached !== undefined) {
        out += cached;
        continue;
      }
      out += `{"code":${q(x.code)},"met":${x.met === null ? 'null' : x.met ? 'true' : 'false'}${x.verify ? ',"verify":true' : ''}}`;
    }
    out += '],"missing":[';
    const missing = r.missing;
    for (let j = 0; j < missing.length; j++) out += `${j > 0 ? ',' : ''}${q(missing[j] as string)}`;
    out += ']';
    if (r.error !== undefined) out += `,"error":${JSON.stringify(r.error)}`;
    out += '}';
  }
  out += ']';
  if (a.error !== undefined) out += `,"error":${JSON.stringify(a.error)}`;
  if (a.errors !== undefined) out += `,"errors":${JSON.stringify(a.errors)}`;
  return `${out}}`;
}
