import { formatCents, formatDateTime, formatDay } from '../../platform/format.ts';
import { translator } from '../../platform/i18n/index.ts';
import { openSheet, SHEET_MARGIN } from '../public/index.ts';
import type { AccessExport, ExportLang } from './access-export.ts';

// The right-of-access export as a PDF, in Italian, made in memory and never stored. The font is the public
// rights sheet's (DejaVu Sans from node_modules: every Italian letter, the euro sign).

const MARGIN = SHEET_MARGIN;

const fmtDay = (d: string | null, lang: ExportLang) => formatDay(d, lang);
const fmtAt = (d: string | null, lang: ExportLang) => formatDateTime(d, lang);
const eur = (cents: number, lang: ExportLang) => formatCents(cents, lang);

export async function accessPdf(
  data: AccessExport,
  opts: { compress?: boolean; lang?: ExportLang } = {},
): Promise<Buffer> {
  const lang = opts.lang ?? 'it';
  const t = translator(lang);
  const title = t('cases.export.pdf.title', { code: data.case.code });
  const { doc, done } = await openSheet({ title, lang, compress: opts.compress });
  const width = doc.page.width - 2 * MARGIN;
  const para = (text: string, size = 10, gap = 3) => {
    doc.fontSize(size);
    if (doc.y + doc.currentLineHeight(true) > doc.page.height - MARGIN) doc.addPage();
    doc.text(text, MARGIN, doc.y, { width, lineGap: 1 });
    doc.y += gap;
  };
  const heading = (text: string, size = 13) => {
    if (doc.y + size * 3 > doc.page.height - MARGIN) doc.addPage();
    doc.y += size / 2;
    para(text, size, 2);
  };
  const item = (label: string, value: string | null | undefined) => {
    if (value) para(`${label}: ${value}`);
  };
  const none = () => para(t('cases.export.pdf.none'));
  const answer = (a: string | null) => t(`cases.export.pdf.answer.${a ?? 'unasked'}`);

  heading(title, 17);
  para(t('cases.export.pdf.intro', { centre: data.centre, at: fmtAt(data.generatedAt, lang) }), 9);

  heading(t('cases.export.pdf.case'));
  item(t('cases.export.pdf.code'), data.case.code);
  item(t('cases.export.pdf.status'), t(`cases.status.${data.case.status}`));
  item(t('cases.export.pdf.openedAt'), fmtAt(data.case.openedAt, lang));
  item(t('cases.export.pdf.closedAt'), fmtAt(data.case.closedAt, lang));
  if (data.case.closingReason)
    item(t('cases.export.pdf.closingReason'), t(`cases.close.reason.${data.case.closingReason}`));

  heading(t('cases.identity'));
  if (data.identity) {
    item(t('cases.identity.name'), data.identity.name);
    item(t('cases.identity.codiceFiscale'), data.identity.codiceFiscale);
    item(t('cases.identity.phone'), data.identity.phone);
    item(t('cases.identity.email'), data.identity.email);
    item(t('cases.identity.address'), data.identity.address);
  } else para(t(data.identityErased ? 'cases.identity.erased' : 'cases.identity.none'));

  heading(t('cases.consents'));
  if (data.consents.length === 0) none();
  for (const k of data.consents) {
    para(
      t('cases.export.pdf.consent', {
        purpose: k.purposeLabel,
        given: fmtDay(k.givenOn, lang),
        expires: fmtDay(k.expiresOn, lang),
        by: k.collectedBy,
      }),
    );
    if (k.revokedAt)
      item(t('cases.export.pdf.revoked'), `${fmtAt(k.revokedAt, lang)} (${k.revokedBy ?? ''})`);
    item(t('cases.export.pdf.note'), k.note);
  }

  heading(t('cases.export.pdf.contact'));
  if (!data.safeContact) none();
  else {
    item(t('cases.export.pdf.channels'), data.safeContact.channelLabels.join(', '));
    item(t('cases.export.pdf.hours'), data.safeContact.hours);
    item(t('cases.identity.codeWord'), data.safeContact.codeWord);
    item(t('cases.export.pdf.abuserKnows'), answer(data.safeContact.abuserKnows));
  }

  heading(t('cases.export.pdf.screenings'));
  if (data.screenings.length === 0) none();
  for (const s of data.screenings) {
    para(
      t('cases.export.pdf.screening', { at: fmtAt(s.runAt, lang), by: s.runBy, rules: s.rulesVersion }),
      11,
    );
    for (const r of s.results) para(`• ${r.name}: ${t(`cases.result.status.${r.status}`)}`);
    item(t('cases.export.pdf.situation'), JSON.stringify(s.situation));
  }

  heading(t('cases.export.pdf.cards'));
  if (data.cards.length === 0) none();
  for (const c of data.cards) {
    para(
      t('cases.export.pdf.card', {
        office: c.office,
        at: fmtAt(c.createdAt, lang),
        status: t(`cases.export.cardstatus.${c.status}`),
      }),
      11,
    );
    item(t('cases.export.pdf.benefits'), c.benefits.join(', '));
    item(t('cases.export.pdf.ageBand'), c.ageBand);
    item(t('cases.export.pdf.language'), c.preferredLanguage);
    item(t('cases.export.pdf.accessibility'), c.accessibilityNeeds);
    item(t('cases.export.pdf.note'), c.note);
    item(t('cases.export.pdf.declineReason'), c.declineReason);
    item(t('cases.export.pdf.closedAt'), fmtAt(c.closedAt, lang));
    for (const a of c.accessLog)
      para(
        `• ${t(`cases.export.access.${a.kind}`, { at: fmtAt(a.at, lang), by: a.by, organisation: a.organisation })}`,
      );
    for (const a of c.advice)
      para(`• ${t('cases.export.pdf.advice', { at: fmtAt(a.at, lang), by: a.by })}: ${a.text}`);
  }

  heading(t('cases.export.pdf.applications'));
  if (data.applications.length === 0) none();
  for (const a of data.applications) {
    para(`${a.benefit}: ${a.statusLabel}`, 11);
    item(t('cases.export.pdf.filedOn'), fmtDay(a.filedOn, lang));
    item(t('cases.export.pdf.protocol'), a.protocolNumber);
    if (a.amountGrantedCents !== null) item(t('cases.export.pdf.amount'), eur(a.amountGrantedCents, lang));
    for (const e of a.history)
      para(
        `• ${fmtDay(e.on, lang)}: ${t(`cases.export.appstatus.${e.to}`)} (${e.by})${e.note ? ` — ${e.note}` : ''}`,
      );
  }

  if (data.socialDeclarations.length) {
    heading(t('cases.export.pdf.social'));
    for (const d of data.socialDeclarations)
      para(
        t('cases.export.pdf.declaration', {
          organisation: d.organisation,
          declared: fmtDay(d.declaredOn, lang) || '—',
          filed: fmtDay(d.sr208FiledOn, lang) || '—',
          protocol: d.sr208Protocol ?? '—',
        }),
      );
  }

  heading(t('cases.due'));
  if (data.dueItems.length === 0) none();
  for (const d of data.dueItems)
    para(`• ${fmtDay(d.dueOn, lang)}: ${d.what}${d.doneAt ? ` (${t('cases.export.pdf.done')})` : ''}`);

  doc.end();
  return done;
}
