// The "rights sheet": the result of the check as a PDF in her language, made in memory from the answers posted
// again, sent as a download and never stored. Texts are the result page's (benefitTexts, amountText, catalogue).
// A language gets a PDF only if the font has a glyph for every character of its public texts, and, when it is
// written right to left, only if the font shapes its letters (no boxes, no broken words): see sheetLangs().

import { createRequire } from 'node:module';
import type { CatalogueEntry, Result } from '@ponte/rules';
import { formatDay } from '../../platform/format.ts';
import {
  dirOf,
  isLang,
  PUBLIC_LANGS,
  type PublicLang,
  publicTranslator,
  type T,
} from '../../platform/i18n/index.ts';
import { fr } from './lang/fr.ts';
import type { PublicCentre } from './repository.ts';
import { INFO_ONLY } from './service.ts';
import { amountText, benefitTexts } from './views.tsx';

/**
 * DejaVu Sans (Latin, Cyrillic and Arabic with its shaping tables), shipped by the npm package dejavu-fonts-ttf:
 * `npm ci` installs it, so the PDFs need no font of the system (decision 0040). Resolved when this module loads:
 * an install without it stops at start-up, not at the first download.
 */
const FONT = createRequire(import.meta.url).resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');

/**
 * pdfkit, loaded at the first PDF (issue 16): it is the heaviest module of Ponte to load (about a second of a
 * start on a busy machine) and most processes never make a PDF.
 */
export async function pdfkit(): Promise<typeof import('pdfkit')> {
  return (await import('pdfkit')).default;
}

/** The font file of every PDF Ponte makes (the rights sheet, the right-of-access export). */
export function sheetFont(): string {
  return FONT;
}

/** The margin of every A4 page Ponte prints (points). */
export const SHEET_MARGIN = 56;

/**
 * An A4 document in the sheet's font with its title, and the bytes it will have once `doc.end()` is called: the
 * one way the rights sheet and the right-of-access export start.
 */
export async function openSheet(opts: {
  title: string;
  lang: string;
  compress?: boolean;
}): Promise<{ doc: PDFKit.PDFDocument; done: Promise<Buffer> }> {
  const PDFDocument = await pdfkit();
  const doc = new PDFDocument({
    size: 'A4',
    margin: SHEET_MARGIN,
    compress: opts.compress ?? true,
    lang: opts.lang,
    info: { Title: opts.title, Author: '', Subject: '', Keywords: '', Creator: '', Producer: '' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font(sheetFont());
  return { doc, done };
}

/** The fontkit font behind pdfkit's current font (pdfkit keeps it in `_font.font`; only read here). */
interface FontkitFont {
  hasGlyphForCodePoint(cp: number): boolean;
  layout(text: string): { glyphs: { id: number }[] };
}
function fontkitOf(doc: PDFKit.PDFDocument): FontkitFont | undefined {
  const inner = (doc as unknown as { _font?: { font?: FontkitFont } })._font?.font;
  return inner && typeof inner.hasGlyphForCodePoint === 'function' ? inner : undefined;
}

/** Every key whose texts a sheet may print. */
const SHEET_PREFIXES = [
  'pub.result.',
  'pub.amt.',
  'pub.help.',
  'pub.near.',
  'pub.centre.',
  'pub.sheet.',
  'pub.b.',
];

let cached: Set<PublicLang> | undefined;

/**
 * The languages whose sheet prints correctly with the font: every character of their texts has a glyph,
 * and a right-to-left script is shaped (an Arabic letter between two others takes its joined form).
 */
export async function sheetLangs(): Promise<Set<PublicLang>> {
  // The French catalogue has every public key (a test proves the six catalogues have the same keys).
  const keys = Object.keys(fr);
  if (cached) return cached;
  const langs = new Set<PublicLang>();
  const PDFDocument = await pdfkit();
  const doc = new PDFDocument({ autoFirstPage: false });
  doc.font(sheetFont());
  const fk = fontkitOf(doc);
  if (fk) {
    for (const lang of PUBLIC_LANGS) {
      const t = publicTranslator(lang);
      const texts = keys
        .filter((k) => SHEET_PREFIXES.some((p) => k.startsWith(p)))
        .filter((k) => !(isLang(lang) && k.startsWith('pub.b.')))
        .map((k) => t(k));
      const covered = texts.every((s) => [...s].every((c) => fk.hasGlyphForCodePoint(c.codePointAt(0) ?? 0)));
      const shaped = dirOf(lang) === 'ltr' || fk.layout('ببب').glyphs[1]?.id !== fk.layout('ب').glyphs[0]?.id;
      if (covered && shaped) langs.add(lang);
    }
  }
  cached = langs;
  return langs;
}

// ---- right-to-left lines ----

const RTL_CHAR = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/;
const LTR_CHAR = /[\p{L}\p{N}]/u;
const MIRROR: Record<string, string> = { '(': ')', ')': '(', '[': ']', ']': '[', '«': '»', '»': '«' };

/**
 * Splits a right-to-left line into runs of one direction, in logical order. Letters of a right-to-left script
 * are R; other letters and digits L; spaces and punctuation take L between two L, else R (the paragraph's).
 * Brackets inside R runs are mirrored, since the font lays out R runs reversed.
 */
export function bidiRuns(line: string): { rtl: boolean; text: string }[] {
  const chars = [...line];
  const strong = chars.map((c) => (RTL_CHAR.test(c) ? 'R' : LTR_CHAR.test(c) ? 'L' : 'N'));
  const dirs = strong.map((s, i) => {
    if (s !== 'N') return s;
    let before = 'R';
    for (let j = i - 1; j >= 0; j--)
      if (strong[j] !== 'N') {
        before = strong[j] as string;
        break;
      }
    let after = 'R';
    for (let j = i + 1; j < strong.length; j++)
      if (strong[j] !== 'N') {
        after = strong[j] as string;
        break;
      }
    return before === 'L' && after === 'L' ? 'L' : 'R';
  });
  const runs: { rtl: boolean; text: string }[] = [];
  for (const [i, c] of chars.entries()) {
    const rtl = dirs[i] === 'R';
    const last = runs.at(-1);
    const ch = rtl ? (MIRROR[c] ?? c) : c;
    if (last && last.rtl === rtl) last.text += ch;
    else runs.push({ rtl, text: ch });
  }
  return runs;
}

// ---- the document ----

export interface SheetInput {
  lang: PublicLang;
  results: Result[];
  catalogue: CatalogueEntry[];
  near?: { asked: string; found: boolean; rows: PublicCentre[] };
  /** The day assessed (YYYY-MM-DD). */
  date: string;
  /** Plain streams (for tests that read the text back). */
  compress?: boolean;
}

const MARGIN = SHEET_MARGIN;
const WHOLE_RUN: PDFKit.Mixins.OpenTypeFeatures[] = ['kern'];

export async function rightsSheet(input: SheetInput): Promise<Buffer> {
  const { lang } = input;
  const t: T = publicTranslator(lang);
  const rtl = dirOf(lang) === 'rtl';
  const { doc, done } = await openSheet({ title: t('pub.sheet.title'), lang, compress: input.compress });
  const width = doc.page.width - 2 * MARGIN;

  const ensure = (h: number) => {
    if (doc.y + h > doc.page.height - MARGIN) doc.addPage();
  };

  /** One paragraph: pdfkit's own wrapping left to right; for right to left, lines wrapped and laid out here. */
  const para = (text: string, size = 10.5, gap = 4) => {
    doc.fontSize(size);
    if (!rtl) {
      ensure(doc.currentLineHeight(true));
      doc.text(text, MARGIN, doc.y, { width, lineGap: 1 });
      doc.y += gap;
      return;
    }
    const words = text.split(/\s+/).filter(Boolean);
    const lines: string[] = [];
    let line = '';
    for (const w of words) {
      const next = line ? `${line} ${w}` : w;
      if (line && doc.widthOfString(next) > width) {
        lines.push(line);
        line = w;
      } else line = next;
    }
    if (line) lines.push(line);
    const lh = doc.currentLineHeight(true) + 1;
    for (const l of lines) {
      ensure(lh);
      const y = doc.y;
      let x = MARGIN + width;
      for (const run of bidiRuns(l)) {
        // With `features`, pdfkit lays the run out whole (not word by word), so the font orders all of it.
        const w = doc.widthOfString(run.text, { features: WHOLE_RUN });
        x -= w;
        doc.text(run.text, x, y, { lineBreak: false, features: WHOLE_RUN });
      }
      doc.y = y + lh;
    }
    doc.y += gap;
  };
  const heading = (text: string, size: number) => {
    ensure(size * 3);
    doc.y += size / 2;
    para(text, size, 2);
  };
  const item = (label: string, value: string) => para(`${label}: ${value}`, 10, 2);

  heading(t('pub.sheet.title'), 17);
  para(t('pub.sheet.date', { date: formatDay(input.date, lang) }), 9);
  para(t('pub.result.intro'));

  const own = input.results.filter((r) => !INFO_ONLY.has(r.benefit));
  const groups: [string, Result[]][] = [
    ['pub.result.eligible', own.filter((r) => r.status === 'eligible')],
    ['pub.result.undetermined', own.filter((r) => r.status === 'undetermined')],
    ['pub.result.info', input.results.filter((r) => INFO_ONLY.has(r.benefit) && r.status !== 'not_eligible')],
  ];
  if (groups[0]?.[1].length === 0 && groups[1]?.[1].length === 0) para(t('pub.result.none'));
  const entry = (id: string) => input.catalogue.find((c) => c.id === id);
  for (const [key, list] of groups) {
    if (list.length === 0) continue;
    heading(t(key), 14);
    for (const r of list) {
      const b = benefitTexts(t, lang, r, entry(r.benefit));
      heading(b.name, 12);
      if (b.description) para(b.description, 10);
      const amount = amountText(t, lang, r);
      if (amount) item(t('pub.result.amount'), amount);
      if (b.verify.length) {
        // The label ends with its own colon: once above the points, never glued to each of them.
        para(t('pub.result.verify'), 10, 1);
        for (const v of b.verify) para(`• ${v}`, 10, 2);
      }
      if (b.documents.length) item(t('pub.result.documents'), b.documents.join('; '));
      item(t('pub.result.who'), b.who);
      item(t('pub.result.channel'), b.channel);
      item(t('pub.result.deadline'), b.deadline);
    }
  }
  const notEligible = own.filter((r) => r.status === 'not_eligible');
  if (notEligible.length) {
    heading(t('pub.result.notEligible'), 14);
    para(notEligible.map((r) => benefitTexts(t, lang, r, entry(r.benefit)).name).join('; '), 10);
  }
  heading(t('pub.help.heading'), 14);
  para(t('pub.help.cav'));
  para(t('pub.help.inps'));
  para(t('pub.help.1522'));
  if (input.near && input.near.rows.length > 0) {
    heading(t('pub.near.heading'), 14);
    for (const c of input.near.rows) {
      para(c.name, 11, 1);
      const parts = [
        `${t('pub.centre.comune')}: ${c.comune}`,
        c.phone ? `${t('pub.centre.phone')}: ${c.phone}` : '',
        c.opening_hours ? `${t('pub.centre.hours')}: ${c.opening_hours}` : '',
      ].filter(Boolean);
      para(parts.join(' · '), 10);
    }
  }
  doc.end();
  return done;
}
