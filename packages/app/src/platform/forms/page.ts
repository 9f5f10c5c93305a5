// The one pagination of Ponte (issue 10): how a page number is read from a URL or a form, and which page of a list
// is shown. Whatever the URL says, a list answers a page: a number that is not a whole number of at least 1 (`-1`,
// `abc`, `1.5`, `0x10`) is page 1, and a page after the last — `99999999999999999999` included — is the last page.
// No page number ever reaches SQL beyond MAX_PAGE, so an OFFSET can never overflow.

/** The largest page number read from a URL; a larger one is read as this, then shown as the list's last page. */
export const MAX_PAGE = 1_000_000;

/** A page number as typed in a URL or posted by a form: digits only, 1 at least, at most MAX_PAGE. */
export function readPage(raw: unknown): number {
  const text = Array.isArray(raw) ? raw[0] : raw;
  if (typeof text !== 'string' || !/^\d{1,30}$/.test(text)) return 1;
  const digits = text.replace(/^0+/, '');
  if (digits === '') return 1;
  // Compared as text first, so that 30 digits never become an imprecise float.
  if (digits.length > String(MAX_PAGE).length) return MAX_PAGE;
  return Math.min(MAX_PAGE, Number(digits));
}

/** How many pages `total` rows make (1 for an empty list: its only page says it is empty). */
export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/** The page to show when `page` is asked of a list of `total` rows: the last page when it is beyond it. */
export function nearestPage(page: number, total: number, pageSize: number): number {
  return Math.min(Math.max(1, Math.floor(page)), pageCount(total, pageSize));
}

/** The row to start a page at (the SQL OFFSET). */
export function offsetOf(page: number, pageSize: number): number {
  return (Math.max(1, Math.floor(page)) - 1) * pageSize;
}

/**
 * Loads page `page` of a list with `load`, which answers the rows of a page and the list's total. When the page
 * asked is after the last one, the last page is loaded instead (a second query, only then) and its number is
 * returned with it, so that the page links and "Risultati x–y di z" describe what is shown.
 */
export async function loadPage<R extends { total: number }>(
  page: number,
  pageSize: number,
  load: (page: number) => Promise<R>,
): Promise<R & { page: number }> {
  const asked = Math.min(MAX_PAGE, Math.max(1, Math.floor(page)));
  const first = await load(asked);
  const shown = nearestPage(asked, first.total, pageSize);
  if (shown === asked) return { ...first, page: asked };
  return { ...(await load(shown)), page: shown };
}
