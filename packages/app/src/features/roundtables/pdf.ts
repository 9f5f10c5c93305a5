import { formatDateTime, formatDay } from '../../platform/format.ts';
import { type Lang, translator } from '../../platform/i18n/index.ts';
import { pdfkit, sheetFont } from '../public/index.ts';
import type { VerbaleContent } from './views.tsx';

// The signed verbale as a tagged, accessible PDF (pdfkit's PDF/UA mode): a title shown in the window, the
// language, a structure tree in reading order — headings, paragraphs, lists, and tables as tables (TH / TD). The
// font is the public sheet's (DejaVu Sans, embedded: every Italian letter). Its bytes are stored with the verbale
// and their SHA-256 in the register, so any copy can be checked against it.

const MARGIN = 56;

type Struct = ReturnType<PDFKit.PDFDocument['struct']>;

export async function verbalePdf(
  c: VerbaleContent,
  opts: { compress?: boolean; lang?: Lang; createdAt: Date },
): Promise<Buffer> {
  const lang = opts.lang ?? 'it';
  const t = translator(lang);
  const title = t('roundtables.pdf.title', { table: c.table, n: c.number, year: c.year });
  const PDFDocument = await pdfkit();
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    compress: opts.compress ?? true,
    pdfVersion: '1.7',
    tagged: true,
    // pdfkit knows PDF/UA (its types list only the PDF/A subsets).
    subset: 'PDF/UA' as unknown as 'PDF/A-1',
    displayTitle: true,
    lang: lang === 'it' ? 'it-IT' : 'en-GB',
    info: {
      Title: title,
      Author: c.table,
      Subject: t('roundtables.pdf.subject'),
      CreationDate: opts.createdAt,
      ModDate: opts.createdAt,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (x: Buffer) => chunks.push(x));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font(sheetFont());
  const width = doc.page.width - 2 * MARGIN;
  const root = doc.struct('Document');
  doc.addStructure(root);

  const room = (h: number) => {
    if (doc.y + h > doc.page.height - MARGIN) doc.addPage();
  };
  const block = (parent: Struct, tag: 'P' | 'H1' | 'H2' | 'H3', text: string, size: number, gap = 4) => {
    doc.fontSize(size);
    room(doc.heightOfString(text, { width }) + gap);
    parent.add(
      doc.struct(tag, {}, () => {
        doc.text(text, MARGIN, doc.y, { width, lineGap: 1 });
      }),
    );
    doc.y += gap;
  };
  const list = (parent: Struct, lines: string[]) => {
    if (lines.length === 0) return;
    const l = doc.struct('L');
    parent.add(l);
    doc.fontSize(10);
    for (const line of lines) {
      room(doc.heightOfString(`• ${line}`, { width: width - 12 }) + 2);
      const li = doc.struct('LI');
      l.add(li);
      li.add(
        doc.struct('LBody', {}, () => {
          doc.text(`• ${line}`, MARGIN + 12, doc.y, { width: width - 12 });
        }),
      );
      li.end();
      doc.y += 2;
    }
    l.end();
  };
  const table = (parent: Struct, headers: string[], rows: string[][], widths: number[]) => {
    const tb = doc.struct('Table');
    parent.add(tb);
    const row = (cells: string[], tag: 'TH' | 'TD') => {
      doc.fontSize(9);
      const h = Math.max(...cells.map((x, i) => doc.heightOfString(x || ' ', { width: widths[i]! - 6 }))) + 6;
      room(h);
      const y = doc.y;
      const tr = doc.struct('TR');
      tb.add(tr);
      let x = MARGIN;
      cells.forEach((cell, i) => {
        const w = widths[i]!;
        tr.add(
          doc.struct(tag, {}, () => {
            doc.text(cell || ' ', x + 3, y + 3, { width: w - 6 });
          }),
        );
        x += w;
      });
      tr.end();
      doc.y = y + h;
    };
    row(headers, 'TH');
    for (const r of rows) row(r, 'TD');
    tb.end();
    doc.y += 6;
  };

  block(root, 'H1', title, 16, 6);
  const sect = doc.struct('Sect');
  root.add(sect);
  block(sect, 'P', t('roundtables.pdf.register', { n: c.number, year: c.year, rev: c.revision }), 10);
  block(sect, 'P', t('roundtables.pdf.when', { at: formatDateTime(c.startsAt, lang) }), 10);
  const where = [c.place, c.video ? t('roundtables.meeting.video') : null].filter(Boolean).join(' · ');
  block(sect, 'P', t('roundtables.pdf.where', { where: where || '—' }), 10);
  block(sect, 'P', t('roundtables.pdf.territory', { territory: c.territory }), 10);
  sect.end();

  const att = doc.struct('Sect');
  root.add(att);
  block(att, 'H2', t('roundtables.attendance'), 13);
  block(
    att,
    'P',
    t(c.quorum.reached ? 'roundtables.quorum.reached' : 'roundtables.quorum.missing', {
      present: c.quorum.present,
      required: c.quorum.required,
      members: c.quorum.members,
    }),
    10,
  );
  table(
    att,
    [
      t('roundtables.field.person'),
      t('roundtables.field.org'),
      t('roundtables.field.role'),
      t('roundtables.attendance.status'),
    ],
    c.attendance.map((a) => [
      a.name,
      a.org,
      t(`roundtables.role.${a.role}`),
      [
        a.status ? t(`roundtables.attendance.${a.status}`) : t('roundtables.attendance.unknown'),
        a.arrived ? t('roundtables.attendance.from', { t: a.arrived }) : '',
        a.left ? t('roundtables.attendance.to', { t: a.left }) : '',
      ]
        .filter(Boolean)
        .join(' · '),
    ]),
    [130, 160, 90, width - 380],
  );
  att.end();

  const agenda = doc.struct('Sect');
  root.add(agenda);
  block(agenda, 'H2', t('roundtables.agenda'), 13);
  list(
    agenda,
    c.items.map((i) => `${i.position}. ${itemTitleOf(t, i)}`),
  );
  agenda.end();

  for (const i of c.items) {
    const s = doc.struct('Sect');
    root.add(s);
    block(s, 'H2', `${i.position}. ${itemTitleOf(t, i)}`, 12);
    if (i.org) block(s, 'P', t('roundtables.pdf.proposedBy', { org: i.org }), 9);
    block(s, 'P', i.summary ?? t('roundtables.verbale.noSummary'), 10);
    if (i.decisions.length) {
      block(s, 'H3', t('roundtables.decisions'), 11);
      list(
        s,
        i.decisions.map(
          (d) =>
            d.text +
            (d.voted
              ? ` — ${t('roundtables.vote', { favour: d.favour ?? 0, against: d.against ?? 0, abstaining: d.abstaining ?? 0 })}`
              : '') +
            (d.dissenting ? ` — ${t('roundtables.vote.dissenting', { orgs: d.dissenting })}` : ''),
        ),
      );
    }
    if (i.actions.length) {
      block(s, 'H3', t('roundtables.actions'), 11);
      table(
        s,
        [
          t('roundtables.action.what'),
          t('roundtables.action.owner'),
          t('roundtables.action.due'),
          t('roundtables.action.reviewDate'),
        ],
        i.actions.map((x) => [
          x.what,
          `${x.owner} (${x.org})`,
          formatDay(x.due, lang),
          x.review ? formatDay(x.review, lang) : '—',
        ]),
        [width - 320, 150, 85, 85],
      );
    }
    s.end();
  }

  const sig = doc.struct('Sect');
  root.add(sig);
  block(sig, 'H2', t('roundtables.pdf.signatures'), 13);
  if (c.approvedOn)
    block(sig, 'P', t('roundtables.verbale.approvedOn', { on: formatDay(c.approvedOn, lang) }), 10);
  if (c.chair)
    block(
      sig,
      'P',
      t('roundtables.pdf.chair', { name: c.chair.name, at: formatDateTime(c.chair.at, lang) }),
      10,
    );
  if (c.secretary)
    block(
      sig,
      'P',
      t('roundtables.pdf.secretary', { name: c.secretary.name, at: formatDateTime(c.secretary.at, lang) }),
      10,
    );
  sig.end();
  root.end();
  doc.end();
  return done;
}

function itemTitleOf(t: (k: string) => string, i: { kind: string; title: string }) {
  return i.kind === 'verbale' || i.kind === 'azioni' ? t(`roundtables.item.auto.${i.kind}`) : i.title;
}
