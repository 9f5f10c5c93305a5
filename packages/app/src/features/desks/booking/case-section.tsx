import { now as clockNow, nowMs } from '../../../platform/clock.ts';
import type { Db } from '../../../platform/db/database.ts';
import { DataTable } from '../../../platform/ui/components.tsx';
import type { PageContext } from '../../../platform/ui/context.ts';
import { registerInpsCardSection } from '../../cards/index.ts';
import { registerCaseSection } from '../../cases/index.ts';
import { fmtTime, fmtWhen } from '../common/format.ts';
import * as repo from './repository.ts';
import { AppointmentTable } from './views.tsx';

// The desks' section of the case page: her appointments at the INPS desk (the coming ones first) and, for each
// open consultation card, the way to book one.

const SHOWN = 5;

export async function renderDeskSection(input: {
  db: Db;
  caseId: string;
  caseStatus: 'open' | 'closed';
  ctx: PageContext;
}) {
  const { db, caseId, ctx } = input;
  const [rows, cards] = await Promise.all([
    repo.appointmentsOfCase(db, caseId, clockNow(), SHOWN + 1),
    input.caseStatus === 'open' ? repo.openCardsOfCase(db, caseId) : Promise.resolve([]),
  ]);
  if (rows.length === 0 && cards.length === 0) return null;
  // A card with a booking still to come offers "another" appointment, so nobody books twice by mistake.
  const now = nowMs();
  const comingFor = (cardId: string) =>
    rows.some((r) => r.card_id === cardId && r.status === 'booked' && r.starts_at.getTime() > now);
  const coming = rows.some(
    (r) => (r.status === 'booked' || r.status === 'held') && r.ends_at.getTime() > now,
  );
  return (
    <section class="mb-5" aria-labelledby="h-desk">
      <h2 id="h-desk" class="h4">
        {ctx.t('desks.case.title')}
      </h2>
      {rows.length > 0 && !coming && <p data-no-coming>{ctx.t('desks.case.noneComing')}</p>}
      <AppointmentTable ctx={ctx} rows={rows.slice(0, SHOWN)} empty={ctx.t('desks.case.none')} />
      {rows.length > SHOWN && (
        <p>
          <a href={`/desks/appointments?q=${encodeURIComponent(rows[0]?.card_code ?? '')}`}>
            {ctx.t('desks.case.all')}
          </a>
        </p>
      )}
      {cards.length > 0 && (
        <p class="d-flex flex-wrap gap-3">
          {cards.map((c) => (
            <a key={c.id} class="btn btn-outline-primary" href={`/desks/cards/${c.id}`}>
              {ctx.t(comingFor(c.id) ? 'desks.book.cardLinkAnother' : 'desks.book.cardLink', {
                code: c.code,
              })}
            </a>
          ))}
        </p>
      )}
    </section>
  );
}

registerCaseSection({ order: 20, render: renderDeskSection });

/** The desks' section of the INPS officer's card page: the card's appointments, with desk, officer and status. */
export async function renderCardDeskSection(input: { db: Db; cardId: string; ctx: PageContext }) {
  const { ctx } = input;
  const rows = await repo.appointmentsOfCard(input.db, input.cardId, clockNow());
  return (
    <section class="mb-5" aria-labelledby="h-card-desk">
      <h2 id="h-card-desk" class="h4">
        {ctx.t('desks.case.title')}
      </h2>
      <DataTable
        ctx={ctx}
        caption={ctx.t('desks.case.title')}
        empty={ctx.t('desks.card.none')}
        headers={[
          ctx.t('desks.appt.when'),
          ctx.t('desks.appt.desk'),
          ctx.t('desks.card.officer'),
          ctx.t('desks.appt.status'),
        ]}
        rows={rows}
        row={(r) => (
          <tr key={r.id}>
            <td>
              {fmtWhen(r.starts_at, ctx.lang)} – {fmtTime(r.ends_at, ctx.lang)}
            </td>
            <td>{r.desk_name}</td>
            <td>{r.officer_name}</td>
            <td>{ctx.t(`desks.status.${r.status}`)}</td>
          </tr>
        )}
      />
    </section>
  );
}

registerInpsCardSection({ order: 20, render: renderCardDeskSection });
