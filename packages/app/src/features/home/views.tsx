import type { Role } from '../../platform/db/schema.ts';
import { formatDay } from '../../platform/format.ts';
import type { Lang, T } from '../../platform/i18n/index.ts';
import type { PageContext } from '../../platform/ui/context.ts';
import type { DueItemView } from '../cases/index.ts';

/**
 * The public landing page's content. Its link into the check replaces the landing in the history (quick-exit.js,
 * `data-replace-history`), so that Back after the quick exit cannot reopen a page of Ponte.
 */
export function LandingView({ t, lang }: { t: T; lang: Lang }) {
  const other: Lang = lang === 'en' ? 'it' : 'en';
  return (
    <>
      <p class="lead">{t('landing.intro')}</p>
      <p class="d-flex flex-wrap gap-3">
        <a
          class="btn btn-primary"
          href={lang === 'it' ? '/diritti' : `/diritti?lang=${lang}`}
          data-replace-history
        >
          {t('landing.rights')}
        </a>
        <a class="btn btn-outline-primary" href="/login">
          {t('landing.login')}
        </a>
      </p>
      <p>
        <a href={other === 'it' ? '/?lang=it' : '/?lang=en'} lang={other} hrefLang={other}>
          {t('landing.otherLang')}
        </a>
      </p>
    </>
  );
}

export function HomeView({
  ctx,
  roles,
  due,
  today,
  summaries = {},
}: {
  ctx: PageContext;
  roles: Role[];
  due?: DueItemView[];
  today?: string;
  /** What waits for her on each page of her menu, by href (see platform/ui/home.ts). */
  summaries?: Record<string, string[]>;
}) {
  const links = ctx.menu.filter((m) => m.href !== '/home');
  return (
    <>
      {ctx.actor && (
        <p class="lead mb-1" data-home-org>
          {ctx.t('home.org', { org: ctx.actor.orgName, network: ctx.t('app.network') })}
        </p>
      )}
      <p>{ctx.t('home.intro')}</p>
      {due && (
        <section class="mb-4" aria-labelledby="h-home-due">
          <h2 id="h-home-due" class="h4">
            {ctx.t('cases.due')}
          </h2>
          {due.length === 0 ? (
            <p>{ctx.t('cases.due.none')}</p>
          ) : (
            <ul data-home-due>
              {due.map((d) => (
                <li key={d.id}>
                  {formatDay(d.due_on, ctx.lang)}
                  {today && d.due_on < today ? ` (${ctx.t('cases.due.overdue')})` : ''} —{' '}
                  {ctx.t(d.title_key, d.params as Record<string, string>)} —{' '}
                  <a href={`/cases/${d.case_id}`}>{d.code}</a>
                </li>
              ))}
            </ul>
          )}
          <p>
            <a href="/cases/due">{ctx.t('cases.menu.due')}</a>
          </p>
        </section>
      )}
      <h2 class="h4">{ctx.t('home.roles')}</h2>
      <ul>
        {roles.map((r) => (
          <li key={r}>{ctx.t(`role.${r}`)}</li>
        ))}
      </ul>
      {links.length > 0 && (
        <section aria-labelledby="h-home-tiles">
          <h2 id="h-home-tiles" class="h4 mt-4">
            {ctx.t('home.tiles')}
          </h2>
          <div class="row g-3 mt-1">
            {links.map((m) => (
              <div class="col-12 col-md-6 col-lg-4" key={m.href}>
                <div class="card-wrapper">
                  <div class="card card-bg" data-home-tile={m.href}>
                    <div class="card-body">
                      <h3 class="h5 card-title">
                        <a href={m.href}>{ctx.t(m.label)}</a>
                      </h3>
                      {(summaries[m.href] ?? []).map((line) => (
                        <p class="card-text mb-1" key={line}>
                          {line}
                        </p>
                      ))}
                    </div>
                  </div>
                </div>
              </div>
            ))}
          </div>
        </section>
      )}
    </>
  );
}
