import type { ComponentChildren } from 'preact';
import { render } from 'preact-render-to-string';
import { assetHref, BI_STYLESHEET } from '../http/assets.ts';
import type { PageContext } from './context.ts';

export interface PageProps {
  ctx: PageContext;
  title: string;
  children: ComponentChildren;
  /** Breadcrumb above the title: message keys or plain labels already translated. */
  breadcrumb?: { href?: string; label: string }[];
}

function Header({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <header class="it-header-wrapper">
      <div class="it-header-slim-wrapper">
        <div class="container">
          <div class="row">
            <div class="col-12">
              <div class="it-header-slim-wrapper-content">
                <span class="d-none d-lg-block navbar-brand">{t('app.tagline')}</span>
                <div class="it-header-slim-right-zone">
                  <form method="post" action="/language" class="d-flex align-items-center gap-2 me-3">
                    {ctx.actor && <input type="hidden" name="_csrf" value={ctx.csrfToken} />}
                    <input type="hidden" name="back" value={ctx.path} />
                    <label for="lang-select" class="visually-hidden">
                      {t('layout.language')}
                    </label>
                    <select id="lang-select" name="lang" class="form-select form-select-sm">
                      <option value="it" selected={ctx.lang === 'it'} lang="it">
                        Italiano
                      </option>
                      <option value="en" selected={ctx.lang === 'en'} lang="en">
                        English
                      </option>
                    </select>
                    <button type="submit" class="btn btn-sm btn-outline-light">
                      {t('layout.language.change')}
                    </button>
                  </form>
                  {ctx.actor && (
                    <form method="post" action="/logout" class="d-flex align-items-center gap-2">
                      <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                      <span class="text-white small d-none d-md-inline">
                        {ctx.actor.displayName} · {ctx.actor.orgName}
                      </span>
                      <button type="submit" class="btn btn-sm btn-outline-light">
                        {t('layout.logout')}
                      </button>
                    </form>
                  )}
                </div>
              </div>
            </div>
          </div>
        </div>
      </div>
      <div class="it-nav-wrapper">
        <div class="it-header-center-wrapper">
          <div class="container">
            <div class="row">
              <div class="col-12">
                <div class="it-header-center-content-wrapper">
                  <div class="it-brand-wrapper">
                    <a href={ctx.actor ? '/home' : '/'}>
                      <img class="icon" src="/static/favicon.svg" alt="" width="48" height="48" />
                      <div class="it-brand-text">
                        <div class="it-brand-title">{t('app.name')}</div>
                        {/* The network, and for staff the organisation she works for (issue 10). */}
                        <div class="it-brand-tagline" data-brand-org>
                          {ctx.actor ? `${t('app.tagline')} · ${ctx.actor.orgName}` : t('app.tagline')}
                        </div>
                      </div>
                    </a>
                  </div>
                  <div class="it-right-zone">
                    <a class="text-white fw-semibold" href="tel:1522">
                      {t('layout.helpline.short')}
                    </a>
                  </div>
                </div>
              </div>
            </div>
          </div>
        </div>
        {ctx.menu.length > 0 && (
          <div class="it-header-navbar-wrapper">
            <div class="container">
              <nav class="navbar navbar-expand-lg has-megamenu" aria-label={t('layout.menu')}>
                <ul class="navbar-nav flex-row flex-wrap">
                  {ctx.menu.map((item) => (
                    <li class="nav-item" key={item.href}>
                      <a
                        class={`nav-link${ctx.path === item.href ? ' active' : ''}`}
                        href={item.href}
                        aria-current={ctx.path === item.href ? 'page' : undefined}
                      >
                        <span>{t(item.label)}</span>
                      </a>
                    </li>
                  ))}
                </ul>
              </nav>
            </div>
          </div>
        )}
      </div>
    </header>
  );
}

function Footer({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <footer class="it-footer">
      <div class="it-footer-main">
        <div class="container py-4">
          <p class="fw-semibold mb-2" id="helpline">
            <a class="text-white" href="tel:1522">
              {t('layout.helpline')}
            </a>
          </p>
          <p class="mb-1 text-white">{t('layout.footer.about')}</p>
          <p class="mb-0 small text-white">{t('layout.footer.licence')}</p>
        </div>
      </div>
    </footer>
  );
}

/** The page shell of the staff area: skip link, header with menu, main, the 1522 footer. */
export function Page({ ctx, title, children, breadcrumb }: PageProps) {
  return (
    <html lang={ctx.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · Ponte`}</title>
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href={assetHref('fonts.css')} />
        <link rel="stylesheet" href={assetHref(BI_STYLESHEET)} />
        <link rel="stylesheet" href={assetHref('ponte.css')} />
        <script src={assetHref('ponte.js')} defer />
        <script src={assetHref('char-count.js')} defer />
      </head>
      <body
        data-idle-minutes={ctx.idleMinutes}
        data-warn-minutes={ctx.warnMinutes}
        data-idle-warning={ctx.actor ? ctx.t('layout.idle.warning') : undefined}
        data-idle-stay={ctx.actor ? ctx.t('layout.idle.stay') : undefined}
        data-csrf={ctx.actor ? ctx.csrfToken : undefined}
      >
        <a class="visually-hidden-focusable skiplink" href="#main">
          {ctx.t('layout.skip')}
        </a>
        <Header ctx={ctx} />
        <main id="main" class="container my-4" tabIndex={-1}>
          {breadcrumb && breadcrumb.length > 0 && (
            <nav class="breadcrumb-container" aria-label={ctx.t('layout.breadcrumb')}>
              <ol class="breadcrumb">
                {breadcrumb.map((b, i) => (
                  <li class={`breadcrumb-item${i === breadcrumb.length - 1 ? ' active' : ''}`} key={b.label}>
                    {b.href ? <a href={b.href}>{b.label}</a> : <span aria-current="page">{b.label}</span>}
                    {i < breadcrumb.length - 1 && (
                      <span class="separator" aria-hidden="true">
                        /
                      </span>
                    )}
                  </li>
                ))}
              </ol>
            </nav>
          )}
          <h1 class="mb-4">{title}</h1>
          {children}
        </main>
        <Footer ctx={ctx} />
      </body>
    </html>
  );
}

/** Renders a page to the HTML string sent to the browser. */
export function renderPage(props: PageProps): string {
  return `<!doctype html>${render(<Page {...props} />)}`;
}
