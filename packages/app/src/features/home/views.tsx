import type { Role } from '../../platform/db/schema.ts';
import type { PageContext } from '../../platform/ui/context.ts';

export function LandingView({ ctx }: { ctx: PageContext }) {
  return (
    <>
      <p class="lead">{ctx.t('landing.intro')}</p>
      <p class="d-flex flex-wrap gap-3">
        <a class="btn btn-primary" href="/diritti">
          {ctx.t('landing.rights')}
        </a>
        <a class="btn btn-outline-primary" href="/login">
          {ctx.t('landing.login')}
        </a>
      </p>
    </>
  );
}

export function HomeView({ ctx, roles }: { ctx: PageContext; roles: Role[] }) {
  const links = ctx.menu.filter((m) => m.href !== '/home');
  return (
    <>
      <p class="lead">{ctx.t('home.intro')}</p>
      <h2 class="h4">{ctx.t('home.roles')}</h2>
      <ul>
        {roles.map((r) => (
          <li key={r}>{ctx.t(`role.${r}`)}</li>
        ))}
      </ul>
      {links.length > 0 && (
        <div class="row g-3 mt-2">
          {links.map((m) => (
            <div class="col-12 col-md-6 col-lg-4" key={m.href}>
              <div class="card-wrapper">
                <div class="card card-bg">
                  <div class="card-body">
                    <a class="h5 card-title" href={m.href}>
                      {ctx.t(m.label)}
                    </a>
                  </div>
                </div>
              </div>
            </div>
          ))}
        </div>
      )}
    </>
  );
}
