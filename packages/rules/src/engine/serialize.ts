// JSON for assessments, identical to JSON.stringify but faster: the engine shares frozen objects (reasons without
// variables, documents, apply, compatibility) between results; each carries its own JSON under a symbol
// (invisible to JSON.stringify and for…in), computed once when it is frozen.

const JSON_TEXT = Symbol('ponte.json');

/** Deep-freezes an object and stores its JSON on it, so stringifyAssessment reuses it. Returns the object. */
export function freezeWithJson<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    for (const v of Object.values(o)) freezeWithJson(v);
    Object.defineProperty(o, JSON_TEXT, { value: JSON.stringify(o), enumerable: false });
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
  const cached = (o as { [JSON_TEXT]?: string })[JSON_TEXT];
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
