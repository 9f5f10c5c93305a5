// Development and test only (never imported by the app at run time: it reads the engine's sources with the
// TypeScript compiler). Lists every "to verify" point the engine (packages/rules, read-only here) can emit, with
// its Italian text, so that the public check can show each point translated in the languages the engine does
// not speak:
//   - every `ctx.verify('<code>', vars)` of a benefit's rule.ts, and of the shared helpers it calls, with the
//     Italian template of the reason the rule declares (`{name}` placeholders kept);
//   - every `status: uncertain` value of a benefit's parameters.yaml, which makes the engine add the reason
//     `uncertain_<parameter>` with the text "Da verificare: <note>" (engine/benefit.ts, noteUncertain).
// `npx tsx packages/app/src/features/public/engine-verify.ts` rewrites verify-texts.ts from the engine; a test
// proves the file is up to date, so an engine change cannot leave a point untranslated unnoticed.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import ts from 'typescript';
import { benefits } from '../../../../rules/src/benefits/index.ts';
import type { VerifyText } from './verify-texts.ts';

export const RULES_BENEFITS = resolve(import.meta.dirname, '../../../../rules/src/benefits');

/** The key of a "to verify" point, under the benefit's public texts (`pub.b.<key>` in fr/es/ar/uk). */
export function verifyKey(benefit: string, code: string, from?: number): string {
  return from === undefined ? `${benefit}.verify.${code}` : `${benefit}.verify.${code}.${from}`;
}

const sources = new Map<string, ts.SourceFile>();
function source(file: string): ts.SourceFile {
  let sf = sources.get(file);
  if (!sf) {
    sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    sources.set(file, sf);
  }
  return sf;
}

const fail = (file: string, node: ts.Node, what: string): never => {
  const sf = node.getSourceFile();
  const { line } = sf.getLineAndCharacterOfPosition(node.getStart());
  throw new Error(`${file}:${line + 1}: ${what} (engine-verify.ts cannot read it: extend it)`);
};

/** A top-level declaration of `name` in `file`, following `import { name } from './x.ts'` once. */
function declaration(file: string, name: string): { file: string; node: ts.Node } | undefined {
  for (const st of source(file).statements) {
    if (ts.isVariableStatement(st))
      for (const d of st.declarationList.declarations)
        if (ts.isIdentifier(d.name) && d.name.text === name && d.initializer)
          return { file, node: d.initializer };
    if (ts.isFunctionDeclaration(st) && st.name?.text === name) return { file, node: st };
    if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier)) {
      const named = st.importClause?.namedBindings;
      if (!named || !ts.isNamedImports(named)) continue;
      for (const el of named.elements) {
        if (el.name.text !== name) continue;
        const target = resolve(dirname(file), st.moduleSpecifier.text);
        if (!target.startsWith(RULES_BENEFITS)) return undefined;
        return declaration(target, (el.propertyName ?? el.name).text);
      }
    }
  }
  return undefined;
}

function unwrap(node: ts.Node): ts.Node {
  let n = node;
  while (ts.isAsExpression(n) || ts.isSatisfiesExpression(n) || ts.isParenthesizedExpression(n))
    n = n.expression;
  return n;
}

/** An object literal, following an identifier to its declaration. */
function objectOf(file: string, node: ts.Node): { file: string; node: ts.ObjectLiteralExpression } {
  const n = unwrap(node);
  if (ts.isObjectLiteralExpression(n)) return { file, node: n };
  if (ts.isIdentifier(n)) {
    const d = declaration(file, n.text);
    if (d) return objectOf(d.file, d.node);
  }
  return fail(file, node, 'expected an object literal');
}

function stringOf(file: string, node: ts.Node): string {
  const n = unwrap(node);
  if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) return n.text;
  return fail(file, node, 'expected a string literal');
}

function propName(file: string, p: ts.ObjectLiteralElementLike): string {
  if (!ts.isPropertyAssignment(p)) return fail(file, p, 'expected `key: value`');
  if (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) return p.name.text;
  return fail(file, p, 'expected a plain key');
}

/** The Italian templates of the reasons a rule declares, by code. */
function reasonsOf(file: string, spec: ts.ObjectLiteralExpression): Map<string, string> {
  const prop = spec.properties.find((p) => ts.isPropertyAssignment(p) && p.name.getText() === 'reasons');
  if (!prop || !ts.isPropertyAssignment(prop)) return fail(file, spec, 'defineBenefit without reasons');
  const obj = objectOf(file, prop.initializer);
  const out = new Map<string, string>();
  for (const p of obj.node.properties) {
    const code = propName(obj.file, p);
    const def = objectOf(obj.file, (p as ts.PropertyAssignment).initializer);
    const it = def.node.properties.find((q) => ts.isPropertyAssignment(q) && q.name.getText() === 'it');
    if (!it || !ts.isPropertyAssignment(it)) return fail(def.file, def.node, `reason ${code} without it`);
    out.set(code, stringOf(def.file, it.initializer));
  }
  return out;
}

/**
 * The codes recorded with `.verify(...)` in `node`, and in the top-level functions it calls (shared helpers, and
 * the helpers they call in turn), recursively. A code that is not a string literal fails: the list must be complete.
 */
function verifyCodes(file: string, node: ts.Node, seen = new Set<ts.Node>(), out = new Set<string>()) {
  if (seen.has(node)) return out;
  seen.add(node);
  const visit = (n: ts.Node) => {
    if (ts.isCallExpression(n)) {
      const callee = n.expression;
      if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'verify') {
        const arg = n.arguments[0];
        if (!arg) fail(file, n, 'verify() without a code');
        else out.add(stringOf(file, arg));
      } else if (ts.isIdentifier(callee)) {
        // A helper of another file, or of the same helper file (one helper calling another); `seen` ends loops.
        const d = declaration(file, callee.text);
        if (d) verifyCodes(d.file, d.node, seen, out);
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(node);
  return out;
}

/** The `defineBenefit({...})` call of a rule.ts. */
function specOf(file: string): ts.ObjectLiteralExpression {
  let spec: ts.ObjectLiteralExpression | undefined;
  const visit = (n: ts.Node) => {
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'defineBenefit') {
      const arg = n.arguments[0];
      if (arg && ts.isObjectLiteralExpression(arg)) spec = arg;
    }
    ts.forEachChild(n, visit);
  };
  visit(source(file));
  return spec ?? fail(file, source(file), 'no defineBenefit({...}) call');
}

/** Every "to verify" point the engine can emit, by key (see verifyKey), derived from the engine itself. */
export function deriveVerifyTexts(): Record<string, VerifyText> {
  const out: Record<string, VerifyText> = {};
  const ruleFiles = readdirSync(RULES_BENEFITS, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('_'))
    .map((d) => join(RULES_BENEFITS, d.name, 'rule.ts'));
  for (const b of benefits) {
    const file = join(b.dir, 'rule.ts');
    if (!ruleFiles.includes(file)) throw new Error(`${b.id}: rule.ts not under ${RULES_BENEFITS}`);
    const spec = specOf(file);
    const idProp = spec.properties.find((p) => ts.isPropertyAssignment(p) && p.name.getText() === 'id');
    if (!idProp || !ts.isPropertyAssignment(idProp) || stringOf(file, idProp.initializer) !== b.id)
      throw new Error(`${file}: defineBenefit id is not ${b.id}`);
    const reasons = reasonsOf(file, spec);
    for (const code of [...verifyCodes(file, source(file))].sort()) {
      const it = reasons.get(code);
      // A helper may verify a code this benefit never declares only if the benefit never reaches that call;
      // TypeScript already proves that a benefit passing its context declares the helper's codes.
      if (it === undefined) throw new Error(`${b.id}: verify('${code}') without a declared reason`);
      out[verifyKey(b.id, code)] = { benefit: b.id, code, it };
    }
    // engine/benefit.ts noteUncertain: code `uncertain_<name>`, text "Da verificare: <note.it>".
    for (const p of b.parameters.all())
      for (const v of p.values)
        if (v.status === 'uncertain')
          out[verifyKey(b.id, `uncertain_${p.name}`, v.from)] = {
            benefit: b.id,
            code: `uncertain_${p.name}`,
            it: `Da verificare: ${v.note?.it ?? ''}`,
          };
  }
  return out;
}

/** The text of verify-texts.ts for the current engine. */
export function verifyTextsModule(texts: Record<string, VerifyText>): string {
  const lines = Object.keys(texts)
    .sort()
    .map((k) => `  ${JSON.stringify(k)}: ${JSON.stringify(texts[k])},`);
  return `${[
    '// GENERATED by `npx tsx packages/app/src/features/public/engine-verify.ts` from packages/rules: do not edit.',
    '// Every "to verify" point the engine can emit (reasons with `verify: true`), with its Italian template: the',
    '// public check recognises each point in an Italian result and shows `pub.b.<key>` in fr/es/ar/uk.',
    '',
    'export interface VerifyText {',
    '  benefit: string;',
    '  code: string;',
    '  /** The Italian text the engine emits, `{name}` where the rule fills a value. */',
    '  it: string;',
    '}',
    '',
    'export const VERIFY_TEXTS: Readonly<Record<string, VerifyText>> = {',
    ...lines,
    '};',
  ].join('\n')}\n`;
}

export const VERIFY_TEXTS_FILE = join(import.meta.dirname, 'verify-texts.ts');

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const texts = deriveVerifyTexts();
  writeFileSync(VERIFY_TEXTS_FILE, verifyTextsModule(texts));
  // In the project's format (single quotes, wrapped lines), so that lint stays clean.
  spawnSync('npx', ['biome', 'format', '--write', VERIFY_TEXTS_FILE], { stdio: 'inherit' });
  console.log(
    `wrote ${VERIFY_TEXTS_FILE}: ${Object.keys(texts).length} points; now translate the new ones in lang/`,
  );
}
