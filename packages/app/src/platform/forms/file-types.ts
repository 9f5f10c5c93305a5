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

/**
 * The accepted MIME types, each with the extension of its kind; `kinds` names them, separated by spaces ("pdf png").
 * An unknown kind throws, at start-up since the features call this at load.
 */
export function acceptedTypes(kinds: string): Record<string, FileKind> {
  return Object.fromEntries(
    kinds.split(' ').map((k) => {
      if (!Object.hasOwn(MIME, k)) throw new Error(`acceptedTypes: unknown kind ${k}`);
      return [MIME[k as FileKind], k as FileKind];
    }),
  );
}
