import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { parseMail, startSmtp } from '../../../test/smtp.ts';
import { createMailer } from './mailer.ts';

const smtp = await startSmtp();
after(() => smtp.close());

const ics = 'BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n';

test('with SMTP_URL the message reaches the SMTP server, with its calendar part and METHOD', async () => {
  const mailer = createMailer({ smtpUrl: smtp.url, mailFrom: 'Ponte <noreply@ponte.test>', dataDir: null });
  await mailer.send({
    to: 'ufficio@example.test',
    subject: 'Appuntamento — è confermato',
    text: 'Giovedì alle 10:00, sportello è aperto.',
    calendar: { method: 'REQUEST', content: ics, filename: 'appuntamento.ics' },
  });
  mailer.close();
  const [m] = smtp.to('ufficio@example.test');
  assert.ok(m);
  assert.equal(m.from, 'noreply@ponte.test');
  assert.equal(m.subject, 'Appuntamento — è confermato');
  assert.match(m.text, /sportello è aperto/);
  const cal = m.leaves.find((l) => /text\/calendar/.test(l.contentType));
  assert.ok(cal);
  assert.match(cal.contentType, /method=REQUEST/i);
  assert.match(cal.body, /METHOD:REQUEST/);
});

test('the target names the server without its credentials', () => {
  const mailer = createMailer({
    smtpUrl: 'smtps://user:secret@mail.example.test:465',
    mailFrom: 'x@example.test',
    dataDir: null,
  });
  assert.equal(mailer.target, 'smtps://mail.example.test:465');
  mailer.close();
});

test('without SMTP_URL each message is an .eml file in <data>/mail; in memory nothing is sent', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ponte-mail-'));
  try {
    const mailer = createMailer({ smtpUrl: undefined, mailFrom: 'Ponte <noreply@ponte.test>', dataDir: dir });
    assert.equal(mailer.target, join(dir, 'mail'));
    await mailer.send({ to: 'a@example.test', subject: 'Uno', text: 'primo' });
    await mailer.send({ to: 'b@example.test', subject: 'Due', text: 'secondo' });
    const files = readdirSync(join(dir, 'mail')).sort();
    assert.equal(files.length, 2);
    assert.ok(files.every((f) => f.endsWith('.eml')));
    const subjects = files.map((f) => parseMail(readFileSync(join(dir, 'mail', f), 'utf8')).subject).sort();
    assert.deepEqual(subjects, ['Due', 'Uno']);
    const none = createMailer({ smtpUrl: undefined, mailFrom: 'x@example.test', dataDir: null });
    assert.equal(none.target, 'none');
    await none.send({ to: 'c@example.test', subject: 'Tre', text: 'terzo' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
