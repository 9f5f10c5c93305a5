// A small reader of multipart/form-data (RFC 7578) for the one form that uploads a file (a course material): no
// streaming, the whole body is already bounded by the route's body limit. Text fields come back as strings (the
// CSRF token among them); the file part as its name and bytes.

export interface Upload {
  filename: string;
  data: Buffer;
}

export interface Multipart {
  fields: Record<string, string>;
  files: Record<string, Upload>;
}

/** The boundary of a multipart content type, or null. */
export function boundaryOf(contentType: string | undefined): string | null {
  const m = /boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType ?? '');
  return m ? ((m[1] ?? m[2]) as string) : null;
}

/** Splits a multipart body; a part without a name is ignored. Throws on a body that is not multipart at all. */
export function parseMultipart(body: Buffer, boundary: string): Multipart {
  const delimiter = Buffer.from(`--${boundary}`);
  const out: Multipart = { fields: {}, files: {} };
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw new Error('not multipart');
  while (true) {
    pos += delimiter.length;
    if (body.subarray(pos, pos + 2).toString() === '--') break;
    if (body.subarray(pos, pos + 2).toString() === '\r\n') pos += 2;
    const headerEnd = body.indexOf('\r\n\r\n', pos);
    if (headerEnd < 0) throw new Error('bad part');
    const headers = body.subarray(pos, headerEnd).toString('utf8');
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headerEnd + 4);
    if (next < 0) throw new Error('unterminated part');
    const content = body.subarray(headerEnd + 4, next);
    const disposition = /content-disposition:\s*form-data;([^\r\n]*)/i.exec(headers)?.[1] ?? '';
    const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
    const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
    if (name !== undefined) {
      if (filename !== undefined) {
        if (filename !== '' || content.length > 0) out.files[name] = { filename, data: Buffer.from(content) };
      } else out.fields[name] = content.toString('utf8');
    }
    pos = next + 2;
  }
  return out;
}
