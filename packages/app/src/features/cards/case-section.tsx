import type { Db } from '../../platform/db/database.ts';
import type { PageContext } from '../../platform/ui/context.ts';
import { registerCaseSection } from '../cases/index.ts';
import * as repo from './repository.ts';
import { fmtDate, fmtDateTime } from './views.tsx';

// The cards' section of the case page: each card with its status and who at INPS opened it and when, the
// applications' statuses, and the links to follow them or to refer again.

export async function renderCaseSection(input: {
  db: Db;
  caseId: string;
  caseStatus: 'open' | 'closed';
  ctx: PageContext;
}) {
  const { db, caseId, ctx } = input;
  // A fixed number of queries whatever the number of cards (issue 16: the case page's round trips are pinned).
  const [cards, apps] = await Promise.all([
    repo.cardsOfCaseWithOpenings(db, caseId),
    repo.applicationsOfCase(db, caseId),
  ]);
  return (
    <section class="mb-5" aria-labelledby="h-inps">
      <h2 id="h-inps" class="h4">
        {ctx.t('cards.section.title')}
      </h2>
      {cards.length === 0 ? (
        <p>{ctx.t('cards.case.none')}</p>
      ) : (
        <ul>
          {cards.map((c) => {
            const last = c.last_opened;
            return (
              <li key={c.id}>
                {ctx.t('cards.card.heading', { office: c.office_name })}: {ctx.t(`cards.status.${c.status}`)}{' '}
                ({ctx.t('cards.card.sentOn', { date: fmtDate(c.created_at, ctx.lang) })}) —{' '}
                {last
                  ? ctx.t('cards.section.lastOpened', {
                      name: last.user_name,
                      date: fmtDateTime(last.at, ctx.lang),
                      n: c.opened,
                    })
                  : ctx.t('cards.case.accessNone')}
              </li>
            );
          })}
        </ul>
      )}
      {apps.length > 0 && (
        <p>
          {ctx.t('cards.section.apps', {
            list: apps.map((a) => ctx.t(`cards.appstatus.${a.status}`)).join(', '),
          })}
        </p>
      )}
      <p class="d-flex flex-wrap gap-3">
        <a class="btn btn-outline-primary" href={`/cases/${caseId}/cards`}>
          {ctx.t('cards.section.follow')}
        </a>
        {input.caseStatus === 'open' && (
          <a class="btn btn-primary" href={`/cases/${caseId}/referral`}>
            {ctx.t('cards.case.new')}
          </a>
        )}
      </p>
    </section>
  );
}

registerCaseSection({ order: 10, render: renderCaseSection });
