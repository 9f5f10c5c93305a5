// The kinds of file a form may accept, by the MIME type that file-type reads from the content (never from the
// name). Each feature names the kinds it takes; the MIME types are written here once.

/** The MIME type of each kind, keyed by its usual extension. */
const MIME = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  odp: 'application/vnd.oasis.opendocument.presentation',
  /** An old Word or Excel file (compound file binary): file-type cannot tell the two apart. */
  cfb: 'application/x-cfb',
  png: 'image/png',
  jpg: 'image/jpeg',
  webp: 'image/webp',
  mp4: 'video/mp4',
  mp3: 'audio/mpeg',
} as const;

export type FileKind = keyof typeof MIME;

/** The accepted MIME types, each with the extension of its kind. */
export function acceptedTypes(kinds: readonly FileKind[]): Record<string, FileKind> {
  return Object.fromEntries(kinds.map((k) => [MIME[k], k]));
}
