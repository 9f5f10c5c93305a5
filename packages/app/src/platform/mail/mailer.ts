import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SendMailOptions, Transporter } from 'nodemailer';
import { now } from '../clock.ts';

// Outgoing e-mail (architecture.md: nodemailer). With SMTP_URL the messages go to that server; without it, in
// development (the demo `npm start`), each message is written as an .eml file into <PONTE_DATA_DIR>/mail/,
// pickup-folder style, where it can be opened with any mail client. In production the file sink never exists (a
// message to a woman would lie in clear in a folder, issue 11 finding 13): without SMTP_URL nothing is sent, and
// whoever sends asks `kind` first (her reminder then goes through the CAV). In memory, nothing is sent either.
// Nothing here logs a body or an address: `target` names where mail goes, never to whom.

export interface MailAttachment {
  filename: string;
  content: string;
  contentType: string;
}

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** An iCalendar invitation or cancellation (sent as the text/calendar alternative with its METHOD). */
  calendar?: { method: 'REQUEST' | 'CANCEL' | 'PUBLISH'; content: string; filename: string };
  attachments?: MailAttachment[];
}

export interface Mailer {
  /** Where mail goes, for the start-up log: the SMTP host and port, or the folder (no credentials, no address). */
  readonly target: string;
  /** How: an SMTP server, .eml files of a development data folder, or nowhere (nothing reaches anyone). */
  readonly kind: 'smtp' | 'files' | 'none';
  send(message: MailMessage): Promise<void>;
  close(): void;
}

export interface MailConfig {
  smtpUrl: string | undefined;
  mailFrom: string;
  dataDir: string | null;
  /** In production there is no file sink (default: development). */
  env?: 'development' | 'test' | 'production';
}

function compose(from: string, m: MailMessage): SendMailOptions {
  return {
    from,
    to: m.to,
    subject: m.subject,
    text: m.text,
    ...(m.calendar
      ? {
          icalEvent: {
            method: m.calendar.method,
            filename: m.calendar.filename,
            content: m.calendar.content,
          },
        }
      : {}),
    attachments: m.attachments?.map((a) => ({
      filename: a.filename,
      content: a.content,
      contentType: a.contentType,
    })),
  };
}

/** The SMTP server of a URL without its user and password. */
function smtpTarget(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.hostname}${u.port ? `:${u.port}` : ''}`;
  } catch {
    return 'smtp (URL non valida)';
  }
}

/**
 * A transport made at the first message (issue 16): nodemailer is loaded then, not at every start of a process
 * that may never send one.
 */
function lazyTransport(make: (nm: typeof import('nodemailer')['default']) => Transporter) {
  let made: Promise<Transporter> | undefined;
  let transport: Transporter | undefined;
  return {
    get: () =>
      (made ??= import('nodemailer').then((m) => {
        transport = make(m.default);
        return transport;
      })),
    close: () => transport?.close(),
  };
}

/** The mailer of a configuration: SMTP, a pickup folder of .eml files (never in production), or none. */
export function createMailer(config: MailConfig): Mailer {
  if (config.smtpUrl) {
    const smtpUrl = config.smtpUrl;
    const transport = lazyTransport((nodemailer) => nodemailer.createTransport(smtpUrl));
    return {
      kind: 'smtp',
      target: smtpTarget(config.smtpUrl),
      async send(m) {
        await (await transport.get()).sendMail(compose(config.mailFrom, m));
      },
      close: () => transport.close(),
    };
  }
  if (config.dataDir !== null && config.env !== 'production') {
    const dir = join(config.dataDir, 'mail');
    const transport = lazyTransport((nodemailer) =>
      nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' }),
    );
    return {
      kind: 'files',
      target: dir,
      async send(m) {
        const info = await (await transport.get()).sendMail(compose(config.mailFrom, m));
        mkdirSync(dir, { recursive: true, mode: 0o700 });
        // Time first so that a folder listing is in sending order; the random part keeps names unique.
        const name = `${now().toISOString().replaceAll(':', '-')}-${randomUUID().slice(0, 8)}.eml`;
        writeFileSync(join(dir, name), info.message as Buffer, { mode: 0o600 });
      },
      close: () => transport.close(),
    };
  }
  return { kind: 'none', target: 'none', async send() {}, close() {} };
}
