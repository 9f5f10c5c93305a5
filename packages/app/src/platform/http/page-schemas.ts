import { formBodySchema } from '../forms/text.ts';

// The request schemas and the notice after a redirect that every staff feature's routes had written out alike.

/** A query string of flat strings, each at most `max` characters: filters, page number, `ok`; the page reads it. */
export function stringQuery(max = 200) {
  return { type: 'object', additionalProperties: { type: 'string', maxLength: max } } as const;
}

/**
 * The schemas of a page (GET: its query) and of its form (POST: the query and a form body, where a name may repeat
 * with `lists`). The fields are then validated by the service, so a bad value gets its message next to the field.
 */
export function pageSchemas(o: { maxQuery?: number; lists?: boolean } = {}) {
  const querystring = stringQuery(o.maxQuery);
  return { getSchema: { querystring }, postSchema: { body: formBodySchema(o), querystring } };
}

/** The notice after a redirect (`?ok=<key>`), from the page's own list: nothing else in a URL is shown. */
export function flashFrom(map: Record<string, string>): (q: unknown) => string | undefined {
  return (q) => {
    const ok = (q as Record<string, string | undefined>).ok;
    return ok && Object.hasOwn(map, ok) ? map[ok] : undefined;
  };
}
