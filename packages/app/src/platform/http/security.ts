import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../../config.ts';
import type { Db } from '../db/database.ts';
import { registerAssets } from './assets.ts';
import { csrfPlugin } from './csrf.ts';
import { databaseRateLimitStore } from './rate-limit-store.ts';

const require = createRequire(import.meta.url);
const biDist = join(dirname(require.resolve('bootstrap-italia/package.json')), 'dist');
const publicDir = join(import.meta.dirname, '../../../public');

/**
 * Browser features Ponte never uses, denied to every page and to anything a page could embed: sensors,
 * devices, payment, screen capture, full screen, the advertising API. Only names that Chromium recognises (it
 * warns in the console about any other).
 */
export const PERMISSIONS_POLICY = [
  'accelerometer',
  'autoplay',
  'browsing-topics',
  'camera',
  'display-capture',
  'encrypted-media',
  'fullscreen',
  'gamepad',
  'geolocation',
  'gyroscope',
  'hid',
  'idle-detection',
  'local-fonts',
  'magnetometer',
  'microphone',
  'midi',
  'otp-credentials',
  'payment',
  'picture-in-picture',
  'publickey-credentials-create',
  'publickey-credentials-get',
  'screen-wake-lock',
  'serial',
  'storage-access',
  'usb',
  'window-management',
  'xr-spatial-tracking',
]
  .map((feature) => `${feature}=()`)
  .join(', ');

/**
 * External plugins in a fixed order (style.md §1): security headers with a nonce-based CSP, compression,
 * cookies, form bodies, rate limiting, CSRF, and the static files (Bootstrap Italia from node_modules).
 */
export const securityPlugin = fp(
  async (app: FastifyInstance, opts: { config: Config; db: Db }) => {
    await app.register(helmet, {
      enableCSPNonces: true,
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          // data: for the VideoJS icon font that bootstrap-italia.min.css embeds (no request leaves the page).
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          // The logout form of a session opened through the organisation's provider is redirected to the
          // provider's logout (RP-initiated logout, decision 0055): its origin, and no other.
          formAction: ["'self'", ...(opts.config.oidc ? [new URL(opts.config.oidc.issuer).origin] : [])],
          frameAncestors: ["'none'"],
          baseUri: ["'none'"],
          objectSrc: ["'none'"],
        },
      },
      referrerPolicy: { policy: 'no-referrer' },
      // The same answer as frame-ancestors 'none', for browsers that read only the older header.
      xFrameOptions: { action: 'deny' },
      crossOriginEmbedderPolicy: false,
      strictTransportSecurity: opts.config.secureCookies,
    });
    app.addHook('onRequest', (_req, reply, done) => {
      reply.header('permissions-policy', PERMISSIONS_POLICY);
      done();
    });
    await app.register(compress, { global: true, encodings: ['br', 'gzip'], threshold: 1024 });
    await app.register(cookie, { secret: opts.config.secret });
    await app.register(formbody, { bodyLimit: 64 * 1024 });
    // Counted in the database, so the limits hold across instances (not per process).
    await app.register(rateLimit, { global: false, store: databaseRateLimitStore(opts.db) });
    await app.register(csrfPlugin, { config: opts.config });
    // A form's `_csrf` exists only once the body is parsed, after onRequest: a route that declares
    // `onRequest: app.csrfProtection` gets the check at preValidation instead, where the body is there.
    app.addHook('onRoute', (route) => {
      const hooks = route.onRequest;
      const list = Array.isArray(hooks) ? hooks : hooks ? [hooks] : [];
      if (!list.includes(app.csrfProtection)) return;
      route.onRequest = list.filter((h) => h !== app.csrfProtection);
      const pre = route.preValidation;
      route.preValidation = [app.csrfProtection, ...(Array.isArray(pre) ? pre : pre ? [pre] : [])];
    });
    // Static assets are public and cacheable; they never carry personal data.
    await app.register(fastifyStatic, {
      root: biDist,
      prefix: '/static/bi/',
      decorateReply: false,
      maxAge: '7d',
      allowedPath: (path) => /^\/(css|js|fonts|svg|assets)\//.test(path),
    });
    await app.register(fastifyStatic, {
      root: publicDir,
      prefix: '/static/',
      decorateReply: false,
      maxAge: '1h',
    });
    // The files the layouts link, under names with a content hash and cached for a year (assets.ts).
    await registerAssets(app);
  },
  { name: 'ponte-security' },
);
