import type { ComponentChildren } from 'preact';
import { render } from 'preact-render-to-string';
import { registerMessages, type T } from '../i18n/index.ts';

// The shell of the PUBLIC pages (product.md, "Public pages leave no trace"): a neutral title, the quick exit
// always on top (a plain link to /uscita that works without JavaScript; /static/quick-exit.js adds the history
// replacement and Shift ×3), the 1522 helpline always visible, no form token, no cookie, right-to-left ready.

registerMessages({
  it: {
    'public.title': 'Informazioni',
    'public.exit': 'Esci subito',
    'public.exit.hint': 'oppure premi 3 volte il tasto Maiusc (Shift)',
    'public.exit.nav': 'Uscita rapida',
    'public.helpline': '1522: numero gratuito, 24 ore su 24, anche in altre lingue',
    'public.nav': 'Pagine pubbliche',
    'public.nav.rights': 'I tuoi diritti',
    'public.nav.centres': 'Centri di aiuto',
    'public.footer':
      'Queste pagine non salvano nulla: niente cookie, niente dati sul server. Per una pagina neutra usa «Esci subito».',
  },
  en: {
    'public.title': 'Information',
    'public.exit': 'Leave now',
    'public.exit.hint': 'or press the Shift key 3 times',
    'public.exit.nav': 'Quick exit',
    'public.helpline': '1522: free helpline, 24 hours a day, also in other languages',
    'public.nav': 'Public pages',
    'public.nav.rights': 'Your rights',
    'public.nav.centres': 'Help centres',
    'public.footer':
      'These pages save nothing: no cookies, no data on the server. For a neutral page use “Leave now”.',
  },
});

/** Languages written right to left (a catalogue for them can be added without touching the layout). */
const RTL = new Set(['ar', 'fa', 'he', 'ur']);

export function dirOf(lang: string): 'ltr' | 'rtl' {
  return RTL.has(lang) ? 'rtl' : 'ltr';
}

export interface PublicPageProps {
  lang: string;
  t: T;
  /** Where the quick exit goes (config.quickExitUrl). */
  exitUrl: string;
  /** The heading of the page (the <title> stays neutral). */
  heading: string;
  /** Language of the links between public pages (kept only when it is not the default). */
  linkLang?: string;
  children: ComponentChildren;
}

function withLang(href: string, lang: string | undefined): string {
  return lang && lang !== 'it' ? `${href}?lang=${lang}` : href;
}

export function PublicPage({ lang, t, exitUrl, heading, linkLang, children }: PublicPageProps) {
  return (
    <html lang={lang} dir={dirOf(lang)}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{t('public.title')}</title>
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/static/fonts.css" />
        <link rel="stylesheet" href="/static/bi/css/bootstrap-italia.min.css" />
        <link rel="stylesheet" href="/static/ponte.css" />
        <link rel="stylesheet" href="/static/public.css" />
        <script src="/static/quick-exit.js" defer />
      </head>
      <body class="public-page" data-exit-url={exitUrl}>
        <nav class="quick-exit-bar" aria-label={t('public.exit.nav')}>
          <div class="container d-flex flex-wrap align-items-center gap-2 py-2">
            <a class="btn quick-exit" href="/uscita" data-quick-exit>
              {t('public.exit')}
            </a>
            <span class="quick-exit-hint small">{t('public.exit.hint')}</span>
            <a class="helpline fw-semibold" href="tel:1522">
              {t('public.helpline')}
            </a>
          </div>
        </nav>
        <a class="visually-hidden-focusable skiplink" href="#main">
          {t('layout.skip')}
        </a>
        <header class="public-header">
          <div class="container d-flex flex-wrap align-items-center gap-3 py-2">
            <span class="public-brand fw-bold">{t('app.name')}</span>
            <nav aria-label={t('public.nav')}>
              <ul class="list-inline mb-0">
                <li class="list-inline-item">
                  <a href={withLang('/diritti', linkLang)}>{t('public.nav.rights')}</a>
                </li>
                <li class="list-inline-item">
                  <a href={withLang('/centri', linkLang)}>{t('public.nav.centres')}</a>
                </li>
              </ul>
            </nav>
          </div>
        </header>
        <main id="main" class="container my-4" tabIndex={-1}>
          <h1 class="mb-4">{heading}</h1>
          {children}
        </main>
        <footer class="public-footer py-4">
          <div class="container">
            <p class="fw-semibold mb-2">
              <a href="tel:1522">{t('layout.helpline')}</a>
            </p>
            <p class="mb-0 small">{t('public.footer')}</p>
          </div>
        </footer>
      </body>
    </html>
  );
}

export function renderPublicPage(props: PublicPageProps): string {
  return `<!doctype html>${render(<PublicPage {...props} />)}`;
}
