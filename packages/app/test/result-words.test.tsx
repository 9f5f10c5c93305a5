// Issue 10, "Words and formats": every benefit's result, rendered as the case page, the public check and the rights
// sheet show it, for every situation of the shared public cases and of each benefit's cases.yaml, in Italian and
// English. Fails on doubled punctuation, a bare count in brackets ("(2)"), an amount with no sum ("Importo: per 18
// mesi"), and any date or money not in Ponte's one format (decision 0047).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { type Assessment, assess, catalogue } from '@ponte/rules';
import { render } from 'preact-render-to-string';
import { parse } from 'yaml';
import { ResultView as CaseResultView } from '../src/features/cases/views.tsx';
import '../src/features/cases/messages.ts';
import '../src/features/public/messages.ts';
import { rightsSheet } from '../src/features/public/sheet.ts';
import { ResultView as PublicResultView } from '../src/features/public/views.tsx';
import { unformatted } from '../src/platform/format.ts';
import { type Lang, translator } from '../src/platform/i18n/index.ts';
import type { PageContext } from '../src/platform/ui/context.ts';
import { pdfText } from './pdf-text.ts';

const root = join(import.meta.dirname, '../../..');
const benefitsDir = join(root, 'packages/rules/src/benefits');

/** Every situation of the shared public cases and of the benefits' cases.yaml. */
function situations(): { id: string; situation: Record<string, unknown> }[] {
  const out: { id: string; situation: Record<string, unknown> }[] = [];
  const shared = join(root, '../shared/rules/cases/public.jsonl');
  let lines: string[] = [];
  try {
    lines = readFileSync(shared, 'utf8').trim().split('\n');
  } catch {
    // The shared folder sits beside the checkout; the benefits' own cases are enough where it is absent.
  }
  for (const l of lines) {
    const { situation } = JSON.parse(l) as { situation: Record<string, unknown> & { id: string } };
    out.push({ id: `public ${situation.id}`, situation });
  }
  for (const folder of readdirSync(benefitsDir, { withFileTypes: true })) {
    if (!folder.isDirectory()) continue;
    let text: string;
    try {
      text = readFileSync(join(benefitsDir, folder.name, 'cases.yaml'), 'utf8');
    } catch {
      continue;
    }
    const cases = parse(text, { merge: true }) as { id: string; situation: Record<string, unknown> }[];
    for (const c of cases) out.push({ id: `${folder.name} ${c.id}`, situation: c.situation });
  }
  return out;
}

/** The visible text of a page: no tags, no attributes, entities read. */
function visible(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, '\u00a0')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'");
}

/** What reads wrong in a text for people. */
export function wordProblems(text: string): string[] {
  const out = unformatted(text).map((s) => `unformatted "${s}"`);
  for (const m of text.matchAll(/[:;,]\s*[:;,]|\.\.(?!\.)|\(\s*\)|\(\d+\)/g))
    out.push(`punctuation "${m[0]}"`);
  // An amount must hold a sum: its label followed directly by a duration or a count of days is not one.
  for (const m of text.matchAll(/(Importo|Amount|Quanto|How much):\s*(per \d|for \d|$)/gm))
    out.push(`empty amount "${m[0]}"`);
  return out;
}

const ctxOf = (lang: Lang): PageContext => ({
  lang,
  t: translator(lang),
  nonce: 'n',
  csrfToken: 'c',
  path: '/cases/x',
  menu: [],
});

test('every benefit result reads right on the case page, the public check and the rights sheet (it, en)', async () => {
  const all = situations();
  assert.ok(all.length > 100, `situations: ${all.length}`);
  const problems: string[] = [];
  const seen = new Set<string>();
  const note = (where: string, id: string, text: string) => {
    for (const p of wordProblems(text)) {
      const key = `${where} ${p}`;
      if (seen.has(key)) continue;
      seen.add(key);
      problems.push(`${where} (${id}): ${p}`);
    }
  };
  let sheets = 0;
  for (const lang of ['it', 'en'] as const) {
    const cat = catalogue(lang);
    for (const { id, situation } of all) {
      const a: Assessment = assess(situation, { lang });
      if (!a.results?.length) continue;
      const casePage = render(
        <CaseResultView
          ctx={ctxOf(lang)}
          c={{
            id: 'c1',
            code: 'ABC-123',
            cav_id: 'cav',
            status: 'open',
            opened_at: new Date('2026-11-16T09:00:00Z'),
            opened_by_name: 'Operatrice',
            closed_at: null,
            closing_reason: null,
            version: 1,
          }}
          screening={{
            id: 's1',
            situation,
            assessment: a as unknown as Record<string, unknown>,
            rules_version: a.rules,
            run_at: new Date('2026-11-16T09:00:00Z'),
            run_by_name: 'Operatrice',
            answers: {},
          }}
          assessment={a}
          changes={undefined}
          history={[]}
        />,
      );
      note(`case page ${lang}`, id, visible(casePage));
      const publicPage = render(
        <PublicResultView
          t={translator(lang)}
          lang={lang}
          results={a.results}
          catalogue={cat}
          near={undefined}
          asked={[]}
          values={{}}
          sheet={true}
        />,
      );
      note(`public check ${lang}`, id, visible(publicPage));
      // The PDF is slower: one sheet per benefit shown eligible or to verify is enough to cover every text.
      const key = `${lang} ${a.results
        .filter((r) => r.status !== 'not_eligible')
        .map((r) => `${r.benefit}:${r.status}`)
        .join(',')}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const pdf = await rightsSheet({
        lang,
        results: a.results,
        catalogue: cat,
        date: '2026-11-16',
        compress: false,
      });
      sheets++;
      note(`rights sheet ${lang}`, id, pdfText(pdf));
    }
  }
  assert.ok(sheets > 10, `sheets made: ${sheets}`);
  assert.deepEqual(problems, []);
});

test('the word checks catch what issue 10 found', () => {
  assert.notDeepEqual(wordProblems('Nucleo di almeno 3 persone (2)'), []);
  assert.notDeepEqual(wordProblems('Importo: per 18 mesi'), []);
  assert.notDeepEqual(wordProblems('6360,00 € al mese'), []);
  assert.notDeepEqual(wordProblems('6.360 € al mese'), []);
  assert.notDeepEqual(wordProblems('Da controllare con l’INPS:: Da verificare: x'), []);
  assert.notDeepEqual(wordProblems('Esito del 2026-11-16'), []);
  assert.notDeepEqual(wordProblems('Esito del 16/11/26'), []);
  assert.deepEqual(wordProblems('Importo: 6.360,00\u00a0€ al mese, per 18 mesi (il 16 novembre 2026)'), []);
  assert.deepEqual(wordProblems('Amount: €6,360.00 per month'), []);
});
