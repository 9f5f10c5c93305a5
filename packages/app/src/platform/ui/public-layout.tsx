import type { ComponentChildren } from 'preact';
import { render } from 'preact-render-to-string';
import { assetHref } from '../http/assets.ts';
import { dirOf, registerMessages, registerPublicMessages, type T } from '../i18n/index.ts';

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
    'public.brand': 'Ponte',
    'public.skip': 'Vai al contenuto principale',
    'public.helpline.long':
      'Numero antiviolenza e antistalking 1522: gratuito, attivo 24 ore su 24, in molte lingue.',
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
    'public.brand': 'Ponte',
    'public.skip': 'Skip to main content',
    'public.helpline.long':
      'Anti-violence and anti-stalking helpline 1522: free, open 24 hours a day, in many languages.',
  },
});

registerPublicMessages({
  fr: {
    'public.title': 'Informations',
    'public.exit': 'Sortir vite',
    'public.exit.hint': 'ou appuie 3 fois sur la touche Maj (Shift)',
    'public.exit.nav': 'Sortie rapide',
    'public.helpline': '1522 : numéro gratuit, 24 h sur 24, aussi en d’autres langues',
    'public.nav': 'Pages publiques',
    'public.nav.rights': 'Tes droits',
    'public.nav.centres': 'Centres d’aide',
    'public.footer':
      'Ces pages n’enregistrent rien : pas de cookies, pas de données sur le serveur. Pour une page neutre, utilise « Sortir vite ».',
    'public.brand': 'Ponte',
    'public.skip': 'Aller au contenu principal',
    'public.helpline.long':
      'Numéro contre la violence et le harcèlement 1522 : gratuit, ouvert 24 h sur 24, en plusieurs langues.',
  },
  es: {
    'public.title': 'Información',
    'public.exit': 'Salir ya',
    'public.exit.hint': 'o pulsa 3 veces la tecla Mayús (Shift)',
    'public.exit.nav': 'Salida rápida',
    'public.helpline': '1522: número gratuito, 24 horas al día, también en otros idiomas',
    'public.nav': 'Páginas públicas',
    'public.nav.rights': 'Tus derechos',
    'public.nav.centres': 'Centros de ayuda',
    'public.footer':
      'Estas páginas no guardan nada: ni cookies, ni datos en el servidor. Para ir a una página neutra usa «Salir ya».',
    'public.brand': 'Ponte',
    'public.skip': 'Ir al contenido principal',
    'public.helpline.long':
      'Teléfono contra la violencia y el acoso 1522: gratuito, activo 24 horas al día, en muchos idiomas.',
  },
  ar: {
    'public.title': 'معلومات',
    'public.exit': 'اخرجي الآن',
    'public.exit.hint': 'أو اضغطي على مفتاح Shift ثلاث مرات',
    'public.exit.nav': 'خروج سريع',
    'public.helpline': '1522: رقم مجاني، 24 ساعة في اليوم، وبلغات أخرى أيضاً',
    'public.nav': 'صفحات عامة',
    'public.nav.rights': 'حقوقك',
    'public.nav.centres': 'مراكز المساعدة',
    'public.footer':
      'هذه الصفحات لا تحفظ شيئاً: لا ملفات تعريف ارتباط (كوكيز)، ولا بيانات على الخادم. لفتح صفحة محايدة اضغطي «اخرجي الآن».',
    'public.brand': 'Ponte',
    'public.skip': 'انتقلي إلى المحتوى الرئيسي',
    'public.helpline.long': 'رقم مكافحة العنف والملاحقة 1522: مجاني، يعمل 24 ساعة في اليوم، وبلغات كثيرة.',
  },
  uk: {
    'public.title': 'Інформація',
    'public.exit': 'Вийти зараз',
    'public.exit.hint': 'або натисни клавішу Shift 3 рази',
    'public.exit.nav': 'Швидкий вихід',
    'public.helpline': '1522: безкоштовний номер, цілодобово, також іншими мовами',
    'public.nav': 'Публічні сторінки',
    'public.nav.rights': 'Твої права',
    'public.nav.centres': 'Центри допомоги',
    'public.footer':
      'Ці сторінки нічого не зберігають: ні cookie, ні даних на сервері. Щоб відкрити нейтральну сторінку, натисни «Вийти зараз».',
    'public.brand': 'Ponte',
    'public.skip': 'Перейти до основного змісту',
    'public.helpline.long':
      'Телефон проти насильства та переслідування 1522: безкоштовно, цілодобово, багатьма мовами.',
  },
});

export { dirOf };

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
        <link rel="stylesheet" href={assetHref('fonts.css')} />
        {/* The public pages' own small stylesheet, not the whole Bootstrap Italia: the check weighs ≤ 100 KB. */}
        <link rel="stylesheet" href={assetHref('public.css')} />
        <script src={assetHref('quick-exit.js')} defer />
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
          {t('public.skip')}
        </a>
        <header class="public-header">
          <div class="container d-flex flex-wrap align-items-center gap-3 py-2">
            <span class="public-brand fw-bold">{t('public.brand')}</span>
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
              <a href="tel:1522">{t('public.helpline.long')}</a>
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
