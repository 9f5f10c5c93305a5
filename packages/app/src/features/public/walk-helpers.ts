import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { RULES_DAY } from '../../../test/helpers.ts';
import { todayIso } from '../../platform/clock.ts';
import { type ExtraLang, publicTranslator } from '../../platform/i18n/index.ts';
import { assessState, restoreState } from './service.ts';
import { verifyPoint } from './views.tsx';

// Test helpers shared by the public check's tests: read a page's step form back as a browser would post it,
// and walk the check to the result in one language with the same mother's answers.

export function decode(s: string): string {
  return s
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}

/** The hidden fields of the page's step form, as a browser would post them again. */
export function hiddenOf(html: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g))
    out[decode(m[1] as string)] = decode(m[2] as string);
  return out;
}

export const questionOf = (html: string) => /name="q" value="([^"]+)"/.exec(html)?.[1];

/** "I don't know" for every question of the page that offers it. */
export function dontKnow(html: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of html.matchAll(/name="([^"]+)" value="unknown"/g)) out[decode(m[1] as string)] = 'unknown';
  return out;
}

// A child of five on RULES_DAY, the day on which the tests that walk the check run.
const child = `10/05/${Number(RULES_DAY.slice(0, 4)) - 5}`;
const mother: Record<string, Record<string, string>> = {
  sex: { sex: 'yes' },
  birthDate: { birthDate: '15/03/1990' },
  citizenship: { citizenship: 'it' },
  residenceYears: { residenceYears: '30' },
  residenceContinuousYears: { residenceContinuousYears: '30' },
  household: { children: '1', partner: 'no', others: '0' },
  birthDates: { 'm0.birthDate': child },
  memberDisability: { 'm0.disability': 'none' },
  isee: { isee__kind: 'value', isee: '15000' },
  iseeMinorenni: { iseeMinorenni__kind: 'value', iseeMinorenni: '15000' },
  bothParentsWork: { bothParentsWork: 'yes' },
  victim: { victim: 'yes' },
  comune: { comune: '' },
};

/**
 * Walks the check in `lang` from the start page to the result, every page answered with 200. Each walk comes from
 * its own address: the public rate limits are counted in the database, shared by every test of the run.
 */
export async function walkAsMother(app: FastifyInstance, lang: string): Promise<LightMyRequestResponse[]> {
  const remoteAddress = `10.${randomInt(1, 250)}.${randomInt(1, 250)}.${randomInt(1, 250)}`;
  const pages = [await app.inject({ method: 'GET', url: `/diritti?lang=${lang}`, remoteAddress })];
  let body: Record<string, string> = { asked: '', lang };
  for (let i = 0; i < 40; i++) {
    const res = await app.inject({ method: 'POST', url: '/diritti/domanda', payload: body, remoteAddress });
    assert.equal(res.statusCode, 200, `step ${i}`);
    pages.push(res);
    const q = questionOf(res.body);
    if (!q) return pages;
    body = { ...hiddenOf(res.body), ...(mother[q] ?? dontKnow(res.body)), nav: 'next' };
  }
  throw new Error('no result');
}

/** The rights-sheet form of a result page (the answers, as the browser posts them again). */
export function resultForm(html: string): Record<string, string> {
  const i = html.indexOf('action="/diritti/foglio"');
  assert.ok(i >= 0, 'the result offers the sheet');
  return hiddenOf(html.slice(i, html.indexOf('</form>', i)));
}

/**
 * The points to verify of the results shown for these answers, as the engine writes them in Italian, each with
 * the text expected in `lang` (its `pub.b.` translation with the engine's values); computed from the engine and
 * the catalogue, not from the page.
 */
export function expectedVerifyPoints(
  form: Record<string, string>,
  lang: ExtraLang,
): { benefit: string; italian: string; text: string }[] {
  const today = todayIso();
  const t = publicTranslator(lang);
  const a = assessState(restoreState(form, today), today, 'it');
  const out: { benefit: string; italian: string; text: string }[] = [];
  for (const r of a.results) {
    if (r.status === 'not_eligible') continue;
    for (const reason of r.reasons.filter((x) => x.verify)) {
      const p = verifyPoint(r.benefit, reason);
      assert.ok(p, `${r.benefit} ${reason.code}: not a known point`);
      out.push({ benefit: r.benefit, italian: reason.text, text: t(p.key, p.params) });
    }
  }
  return out;
}
