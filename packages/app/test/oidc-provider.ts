import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

// A real OpenID Connect provider in the test process (the `oidc-provider` package, certified by the OpenID
// Foundation): discovery, authorization code with PKCE, signed ID tokens, userinfo, RP-initiated logout. Its login
// page is a small form where the person types her account at the provider; the test decides which `amr`/`acr` the
// provider asserts and whether it refuses the login (an identity it does not know).

export interface TestAccount {
  sub: string;
  email?: string;
  email_verified?: boolean;
  preferred_username?: string;
}

export interface TestIdp {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Accounts the provider knows, by the login typed on its page. */
  accounts: Map<string, TestAccount>;
  /** What the provider asserts at the next logins. */
  assert: { amr?: string[]; acr?: string };
  /** The environment that points Ponte at this provider. */
  env(extra?: Record<string, string>): Record<string, string>;
  /**
   * Plays the browser at the provider from Ponte's redirect to it until the provider sends the browser back to
   * `redirectUri`: returns that URL (with `code`, `state`, `iss`, or `error`).
   */
  login(authorizationUrl: string, login: string): Promise<URL>;
  close(): Promise<void>;
}

const html = (title: string, body: string) =>
  `<!doctype html><html lang="it"><head><meta charset="utf-8"><title>${title}</title>` +
  '<meta name="viewport" content="width=device-width, initial-scale=1"></head>' +
  `<body><main><h1>${title}</h1>${body}</main></body></html>`;

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

async function formBody(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

export async function startTestIdp(opts: {
  redirectUri: string;
  postLogoutRedirectUri?: string;
}): Promise<TestIdp> {
  const server: Server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = 'ponte-test';
  const clientSecret = 'segreto-del-client-di-prova-0123456789';
  const accounts = new Map<string, TestAccount>();
  const assert: TestIdp['assert'] = {};
  const post = opts.postLogoutRedirectUri ?? new URL('/login?out=1', opts.redirectUri).href;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [opts.redirectUri],
        post_logout_redirect_uris: [post],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    // Every client proves the code with PKCE (Ponte always sends it; a wrong verifier must be refused).
    pkce: { required: () => true },
    // As the providers of the institutions do, the ID token says how the person authenticated (`amr`, `acr`).
    claims: {
      acr: null,
      amr: null,
      auth_time: null,
      sid: null,
      iss: null,
      openid: ['sub', 'acr', 'amr'],
      email: ['email', 'email_verified'],
      profile: ['preferred_username'],
    },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        // The provider asks before ending its own session (its page, accessible like Ponte's).
        logoutSource: async (ctx: { body: string }, form: string) => {
          ctx.body = html(
            'Uscire dal servizio di accesso dell’ente? (prova)',
            `${form}<p><button type="submit" form="op.logoutForm" name="logout" value="yes">Esci anche dall’ente</button></p>`,
          );
        },
      },
    },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    cookies: { keys: ['chiave-dei-cookie-del-provider-di-prova'] },
    async findAccount(_ctx: unknown, sub: string) {
      const a = [...accounts.values()].find((x) => x.sub === sub);
      if (!a) return undefined;
      return { accountId: sub, claims: async () => ({ ...a }) };
    },
  });
  // The provider's development warnings are not the test's output.
  provider.on('server_error', () => {});
  const callback = provider.callback();

  server.on('request', async (req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    const m = /^\/interaction\/([\w-]+)$/.exec(url.pathname);
    if (!m) return callback(req, res);
    try {
      const details = await provider.interactionDetails(req, res);
      if (req.method === 'GET') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        return res.end(
          html(
            'Servizio di accesso dell’ente (prova)',
            `<form method="post" action="/interaction/${esc(details.uid)}">` +
              '<p><label for="login">Account dell’ente</label> <input id="login" name="login" autocomplete="username"></p>' +
              '<p><button type="submit">Entra</button></p></form>',
          ),
        );
      }
      const login = (await formBody(req)).get('login') ?? '';
      const account = accounts.get(login);
      if (!account) {
        // An identity the provider does not know: it refuses the login and tells Ponte so.
        return provider.interactionFinished(req, res, {
          error: 'access_denied',
          error_description: 'unknown account',
        });
      }
      const grant = new provider.Grant({ accountId: account.sub, clientId });
      grant.addOIDCScope('openid email profile');
      grant.addOIDCClaims(['email', 'email_verified', 'preferred_username']);
      const grantId = await grant.save();
      return provider.interactionFinished(
        req,
        res,
        {
          login: {
            accountId: account.sub,
            remember: false,
            ...(assert.amr ? { amr: assert.amr } : {}),
            ...(assert.acr ? { acr: assert.acr } : {}),
          },
          consent: { grantId },
        },
        { mergeWithLastSubmission: false },
      );
    } catch (e) {
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end(String((e as Error).message));
    }
  });

  async function login(authorizationUrl: string, typed: string): Promise<URL> {
    const jar = new Map<string, string>();
    const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const keep = (r: Response) => {
      for (const c of r.headers.getSetCookie()) {
        const [pair] = c.split(';');
        const i = pair!.indexOf('=');
        jar.set(pair!.slice(0, i), pair!.slice(i + 1));
      }
    };
    let url = new URL(authorizationUrl);
    let method = 'GET';
    let body: string | undefined;
    for (let hop = 0; hop < 10; hop++) {
      if (url.href.startsWith(opts.redirectUri)) return url;
      const r = await fetch(url, {
        method,
        redirect: 'manual',
        headers: {
          cookie: cookieHeader(),
          ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
        ...(body ? { body } : {}),
      });
      keep(r);
      const location = r.headers.get('location');
      if (location) {
        url = new URL(location, url);
        method = 'GET';
        body = undefined;
        await r.arrayBuffer();
        continue;
      }
      const text = await r.text();
      const action = /<form method="post" action="([^"]+)"/.exec(text)?.[1];
      if (r.status !== 200 || !action)
        throw new Error(`test provider answered ${r.status}: ${text.slice(0, 300)}`);
      url = new URL(action.replaceAll('&amp;', '&'), url);
      method = 'POST';
      body = new URLSearchParams({ login: typed }).toString();
    }
    throw new Error('too many redirects at the test provider');
  }

  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    assert,
    env: (extra = {}) => ({
      PONTE_OIDC_ISSUER: issuer,
      PONTE_OIDC_CLIENT_ID: clientId,
      PONTE_OIDC_CLIENT_SECRET: clientSecret,
      PONTE_OIDC_REDIRECT_URI: opts.redirectUri,
      ...extra,
    }),
    login,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
