import { Temporal } from 'temporal-polyfill';
import type { Db } from '../../../platform/db/database.ts';
import { PonteError } from '../../../platform/errors.ts';
import { ANY_DAY, checkDate } from '../../../platform/forms/date.ts';
import { loadPage, offsetOf, readPage } from '../../../platform/forms/page.ts';
import { type Ctx, type Errors, nowOf } from '../booking/service.ts';
import { romeDayStart } from '../common/calendar.ts';
import * as repo from './repository.ts';

// "Appuntamenti dell'ufficio" (issue 5): the INPS director's view of every appointment on her office's desks,
// filtered by period, officer, desk and status. Decisions only: SQL in office-repository.ts, HTTP in
// office-routes.tsx. Read-only: nothing is written, nothing identifying of the woman is read.

type Strings = Record<string, string | undefined>;

/** What the filter form shows again: exactly what was asked (trimmed), valid or not. */
export interface OfficeQuery {
  from: string;
  to: string;
  officer: string;
  desk: string;
  status: string;
}

export interface OfficePage {
  query: OfficeQuery;
  errors: Errors;
  desks: { id: string; name: string; active: boolean }[];
  officers: { id: string; name: string }[];
  /** Null when the filter could not be read (the form shows why). */
  result: {
    rows: repo.OfficeAppointmentRow[];
    total: number;
    counts: Record<repo.OfficeStatus, number>;
  } | null;
  page: number;
  /** Whether any filter narrows the list (the empty state then says to widen it). */
  filtered: boolean;
}

/**
 * The page of the director's office appointments asked by `q`. Dates that cannot be read, or a period that ends
 * before it starts, are field errors (the list is not shown); a desk or officer that is not of her office is 404.
 */
export async function officePage(db: Db, ctx: Ctx, q: Strings, pageSize: number): Promise<OfficePage> {
  if (ctx.orgKind !== 'inps_office') throw new PonteError('PONTE_ERR_FORBIDDEN');
  const text = (v: string | undefined) => (v ?? '').trim().slice(0, 40);
  const query: OfficeQuery = {
    from: text(q.from),
    to: text(q.to),
    officer: text(q.officer),
    desk: text(q.desk),
    status: (repo.OFFICE_STATUSES as readonly string[]).includes(q.status ?? '') ? (q.status as string) : '',
  };
  const [desks, officers] = await Promise.all([
    repo.officeDesks(db, ctx.orgId),
    repo.officeOfficers(db, ctx.orgId),
  ]);
  if (query.desk && !desks.some((d) => d.id === query.desk)) throw new PonteError('PONTE_ERR_NOT_FOUND');
  if (query.officer && !officers.some((o) => o.id === query.officer))
    throw new PonteError('PONTE_ERR_NOT_FOUND');

  const errors: Errors = {};
  // The one date reader (platform/forms/date.ts): `YYYY-MM-DD` from the date field or `gg/mm/aaaa` by hand, any
  // day Ponte can show; the message says what is wrong (the year, a day that does not exist, the range).
  const fromCheck = checkDate(query.from, ANY_DAY);
  const toCheck = checkDate(query.to, ANY_DAY);
  const from = fromCheck.ok ? fromCheck.date : null;
  const to = toCheck.ok ? toCheck.date : null;
  if (!fromCheck.ok) errors.from = fromCheck.error;
  if (!toCheck.ok) errors.to = toCheck.error;
  if (from && to && Temporal.PlainDate.compare(to, from) < 0) errors.to = 'desks.office.err.order';
  const asked = readPage(q.page);
  const filtered = Object.values(query).some((v) => v !== '');
  if (Object.keys(errors).length > 0)
    return { query, errors, desks, officers, result: null, page: asked, filtered };

  const filter: repo.OfficeFilter = {
    from: from ? romeDayStart(from) : undefined,
    to: to ? romeDayStart(to.add({ days: 1 })) : undefined,
    officerId: query.officer || undefined,
    deskId: query.desk || undefined,
    status: (query.status || undefined) as repo.OfficeStatus | undefined,
  };
  const [{ page, ...list }, counts] = await Promise.all([
    loadPage(asked, pageSize, (p) =>
      repo.officeAppointments(db, ctx.orgId, {
        ...filter,
        now: nowOf(ctx),
        limit: pageSize,
        offset: offsetOf(p, pageSize),
      }),
    ),
    repo.officeStatusCounts(db, ctx.orgId, filter),
  ]);
  return { query, errors, desks, officers, result: { ...list, counts }, page, filtered };
}
