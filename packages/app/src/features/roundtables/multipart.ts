// A small reader of multipart/form-data bodies (RFC 7578) for this feature's two upload forms: Ponte has no
// multipart plugin, and the forms are simple — text fields and at most one file. A file larger than `maxFile`
// is kept as `truncated` (so the form can say "too large" next to the field instead of failing the request).

export interface Upload {
  filename: string;
  contentType: string;
  data: Buffer;
  truncated: boolean;
}

export type MultipartBody = Record<string, string | Upload>;

export function parseMultipart(contentType: string, body: Buffer, maxFile: number): MultipartBody {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const b = boundary?.[1] ?? boundary?.[2];
  if (!b) throw new Error('multipart: no boundary');
  const delimiter = Buffer.from(`--${b}`);
  const out: MultipartBody = {};
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw new Error('multipart: no part');
  for (let parts = 0; parts < 50; parts++) {
    pos += delimiter.length;
    if (body.subarray(pos, pos + 2).toString() === '--') break;
    pos += 2; // CRLF after the delimiter
    const headEnd = body.indexOf('\r\n\r\n', pos);
    if (headEnd < 0) throw new Error('multipart: no headers');
    const head = body.subarray(pos, headEnd).toString('utf8');
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headEnd + 4);
    if (next < 0) throw new Error('multipart: unterminated part');
    const data = body.subarray(headEnd + 4, next);
    const disposition = /content-disposition:([^\r\n]*)/i.exec(head)?.[1] ?? '';
    const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
    const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
    if (name !== undefined && !Object.hasOwn(out, name)) {
      if (filename !== undefined) {
        out[name] = {
          filename,
          contentType: /content-type:\s*([^\r\n]*)/i.exec(head)?.[1]?.trim() ?? 'application/octet-stream',
          data: data.length > maxFile ? Buffer.alloc(0) : Buffer.from(data),
          truncated: data.length > maxFile,
        };
      } else if (data.length <= 100_000) out[name] = data.toString('utf8');
    }
    pos = next + 2;
  }
  return out;
}
