import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

// A real SMTP server in the test process (architecture.md: tests talk to a real server, not a fake transport).
// It listens on an ephemeral port, accepts every message and keeps it, raw and decoded into its MIME parts
// (mailparser is not a dependency: this small decoder knows what nodemailer writes — multipart, base64,
// quoted-printable, RFC 2047 headers).

export interface MimePart {
  headers: Record<string, string>;
  contentType: string;
  /** The decoded body (text), or the nested parts of a multipart. */
  body: string;
  parts: MimePart[];
}

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  subject: string;
  /** The text/plain body. */
  text: string;
  /** Every leaf part (text, calendar, attachments), decoded. */
  leaves: MimePart[];
}

export interface TestSmtp {
  url: string;
  messages: ReceivedMail[];
  /** The messages received for one address. */
  to(address: string): ReceivedMail[];
  clear(): void;
  close(): Promise<void>;
}

function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_m, _charset: string, enc: string, text: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decodeQp(text.replaceAll('_', ' ')),
    );
}

function decodeQp(text: string): string {
  const bytes: number[] = [];
  const soft = text.replace(/=\r?\n/g, '');
  for (let i = 0; i < soft.length; i++) {
    const c = soft[i]!;
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(soft.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(c, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

function parsePart(raw: string): MimePart {
  const split = raw.search(/\r?\n\r?\n/);
  const head = split < 0 ? raw : raw.slice(0, split);
  const body = split < 0 ? '' : raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = decodeWords(line.slice(i + 1).trim());
  }
  const contentType = headers['content-type'] ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (/^multipart\//i.test(contentType) && boundary) {
    const chunks = body.split(`--${boundary}`).slice(1);
    const parts = chunks.filter((c) => !c.startsWith('--')).map((c) => parsePart(c.replace(/^\r?\n/, '')));
    return { headers, contentType, body: '', parts };
  }
  const enc = (headers['content-transfer-encoding'] ?? '').toLowerCase();
  const decoded =
    enc === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : enc === 'quoted-printable'
        ? decodeQp(body)
        : body;
  return { headers, contentType, body: decoded, parts: [] };
}

function leavesOf(p: MimePart): MimePart[] {
  return p.parts.length ? p.parts.flatMap(leavesOf) : [p];
}

/** Parses a raw message as nodemailer writes it (also used on the .eml files of the pickup folder). */
export function parseMail(raw: string, envelope: { from: string; to: string[] } = { from: '', to: [] }) {
  const root = parsePart(raw);
  const leaves = leavesOf(root);
  const text = leaves.find((l) => /^text\/plain/i.test(l.contentType))?.body ?? '';
  return { ...envelope, raw, subject: root.headers.subject ?? '', text, leaves };
}

/** Starts the server; close it at the end of the test file. */
export async function startSmtp(): Promise<TestSmtp> {
  const messages: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const envelope = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
        };
        messages.push(parseMail(Buffer.concat(chunks).toString('utf8'), envelope));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    to: (address) => messages.filter((m) => m.to.includes(address)),
    clear: () => {
      messages.length = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
