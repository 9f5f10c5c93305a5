import { formatDate, formatDay, formatNumber } from '../../platform/format.ts';
import { type Lang, translator } from '../../platform/i18n/index.ts';
import { pdfkit, sheetFont } from '../public/index.ts';
import { verifyUrl } from './credential.ts';
import type { CertificateRow } from './service.ts';

// The attestato as a tagged, accessible PDF (PDF/UA mode of pdfkit: title shown as the window title, /Lang, a
// structure tree with a heading, paragraphs and the QR code as a figure with its alternative text; the frame is an
// artifact). It carries what the credential certifies and the code and address to verify it.

const MARGIN = 56;

export async function certificatePdf(
  c: CertificateRow,
  o: { publicUrl: string; lang?: Lang; compress?: boolean },
): Promise<Buffer> {
  const lang = o.lang ?? 'it';
  const t = translator(lang);
  const url = verifyUrl(o.publicUrl, c.code);
  // pdfkit and qrcode are loaded at the first attestato, not at every start (issue 16).
  const { default: QRCode } = await import('qrcode');
  const qr = await QRCode.toBuffer(url, { type: 'png', margin: 1, width: 240, errorCorrectionLevel: 'M' });
  const title = t('training.pdf.title', { course: c.course_title });
  const PDFDocument = await pdfkit();
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    compress: o.compress ?? true,
    pdfVersion: '1.7',
    // PDF/UA: pdfkit knows the subset; its type definitions do not list it yet.
    subset: 'PDF/UA' as unknown as PDFKit.Mixins.PDFSubsets,
    tagged: true,
    displayTitle: true,
    lang,
    info: {
      Title: title,
      Author: c.issuer_name,
      Subject: c.course_title,
      Creator: 'Ponte',
      Producer: 'Ponte',
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font(sheetFont());
  const width = doc.page.width - 2 * MARGIN;

  // The frame: decoration only.
  doc.markContent('Artifact', { type: 'Layout' });
  doc
    .rect(MARGIN / 2, MARGIN / 2, doc.page.width - MARGIN, doc.page.height - MARGIN)
    .lineWidth(2)
    .stroke('#0066cc');
  doc.endMarkedContent();

  const root = doc.struct('Document');
  doc.addStructure(root);
  const heading = (text: string, size: number) => {
    doc.fontSize(size).fillColor('#000000');
    root.add(
      doc.struct('H1', {}, () => {
        doc.text(text, MARGIN, doc.y, { width, align: 'center' });
      }),
    );
    doc.moveDown(0.6);
  };
  const para = (text: string, size = 12, align: 'left' | 'center' = 'left') => {
    doc.fontSize(size).fillColor('#000000');
    root.add(
      doc.struct('P', {}, () => {
        doc.text(text, MARGIN, doc.y, { width, align });
      }),
    );
    doc.moveDown(0.4);
  };

  doc.y = MARGIN + 10;
  heading(t('training.pdf.heading'), 24);
  para(t('training.pdf.certifies'), 12, 'center');
  para(c.recipient_name, 18, 'center');
  para(t('training.pdf.attended'), 12, 'center');
  para(c.course_title, 16, 'center');
  doc.moveDown(0.6);
  para(`${t('training.field.direction')}: ${t(`training.direction.${c.direction}`)}`);
  para(`${t('training.field.hours')}: ${formatNumber(c.hours, lang)}`);
  para(
    `${t('training.field.dates')}: ${t('training.dates', { from: formatDay(c.first_day, lang), to: formatDay(c.last_day, lang) })}`,
  );
  para(`${t('training.field.issued')}: ${formatDate(c.valid_from, lang)}`);
  para(
    `${t('training.field.validity')}: ${
      c.valid_until
        ? t('training.validUntil', { date: formatDate(c.valid_until, lang) })
        : t('training.noExpiry')
    }`,
  );
  para(`${t('training.field.issuer')}: ${c.issuer_name}`);
  doc.moveDown(0.6);
  para(`${t('training.field.code')}: ${c.code}`, 13);
  para(t('training.pdf.verifyAt', { url }), 10);
  const size = 130;
  const y = doc.y + 6;
  root.add(
    doc.struct('Figure', { alt: t('training.pdf.qrAlt', { url }) }, () => {
      doc.image(qr, MARGIN, y, { width: size, height: size });
    }),
  );
  doc.y = y + size + 10;
  para(t('training.pdf.openBadge'), 9);
  root.end();
  doc.end();
  return done;
}
