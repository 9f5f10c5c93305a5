import type { FastifyInstance } from 'fastify';
import type { PageContext } from './context.ts';
import { type Example, examples } from './examples.tsx';

// The component gallery (/dev/componenti): every shared component with its examples, the way GOV.UK Frontend
// shows its own. Registered by app.ts in development only: a production or test process has no such route.

export const GALLERY_PATH = '/dev/componenti';

/** The examples grouped by component, in the order of examples.tsx. */
function byComponent(): [string, Example[]][] {
  const groups = new Map<string, Example[]>();
  for (const e of examples) groups.set(e.component, [...(groups.get(e.component) ?? []), e]);
  return [...groups];
}

export function GalleryView({ ctx }: { ctx: PageContext }) {
  const groups = byComponent();
  return (
    <>
      <p>{ctx.t('dev.components.intro')}</p>
      <nav aria-label={ctx.t('dev.components.index')} class="mb-5">
        <ul>
          {groups.map(([name]) => (
            <li key={name}>
              <a href={`#component-${name}`}>{name}</a>
            </li>
          ))}
        </ul>
      </nav>
      {groups.map(([name, list]) => (
        <section key={name} id={`component-${name}`} class="mb-5" aria-labelledby={`component-${name}-title`}>
          <h2 id={`component-${name}-title`} class="h3">
            <code>{name}</code>
          </h2>
          {list.map((e, i) => (
            <div key={e.name} class="border rounded p-3 mb-3">
              <h3 class="h6" id={`example-${name}-${i}`}>
                {e.name}
              </h3>
              {e.lang ? (
                <div lang={e.lang} dir="rtl">
                  {e.render(ctx)}
                </div>
              ) : (
                e.render(ctx)
              )}
            </div>
          ))}
        </section>
      ))}
    </>
  );
}

/** The gallery route; app.ts registers it only when config.env is 'development'. */
export async function componentGallery(app: FastifyInstance): Promise<void> {
  app.get(GALLERY_PATH, { config: { access: 'public' } }, async (req, reply) =>
    reply.page(req.t('dev.components.title'), <GalleryView ctx={reply.pageContext()} />),
  );
}
