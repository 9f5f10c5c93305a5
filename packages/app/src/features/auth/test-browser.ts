// A tiny cookie-keeping client over app.inject(), for the auth route tests: it follows no redirect by itself,
// keeps cookies like a browser (a cleared cookie disappears) and posts forms with the page's CSRF token.
import { randomInt } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { nowMs } from '../../platform/clock.ts';

export class TestBrowser {
  readonly jar = new Map<string, string>();
  private csrfToken: string | undefined;

  constructor(
    readonly app: FastifyInstance,
    /** The client address, distinct per browser so that tests do not share the per-address throttle. */
    readonly ip = `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`,
  ) {}

  cookieHeader(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(res: LightMyRequestResponse): LightMyRequestResponse {
    for (const c of res.cookies) {
      const expired = c.expires !== undefined && c.expires.getTime() <= nowMs();
      if (c.value === '' || expired || c.maxAge === 0) this.jar.delete(c.name);
      else this.jar.set(c.name, c.value);
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1];
    if (token) this.csrfToken = token;
    return res;
  }

  async get(url: string): Promise<LightMyRequestResponse> {
    return this.keep(
      await this.app.inject({
        method: 'GET',
        url,
        headers: { cookie: this.cookieHeader() },
        remoteAddress: this.ip,
      }),
    );
  }

  /** Posts a form as the browser would, with the CSRF token of the last page seen (unless `csrf: false`). */
  async post(
    url: string,
    fields: Record<string, string>,
    opts: { csrf?: boolean } = {},
  ): Promise<LightMyRequestResponse> {
    const body = new URLSearchParams(fields);
    if (opts.csrf !== false && this.csrfToken) body.set('_csrf', this.csrfToken);
    return this.keep(
      await this.app.inject({
        method: 'POST',
        url,
        payload: body.toString(),
        headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
        remoteAddress: this.ip,
      }),
    );
  }

  get sessionToken(): string | undefined {
    return this.jar.get('ponte_sid');
  }

  get csrf(): string | undefined {
    return this.csrfToken;
  }
}
