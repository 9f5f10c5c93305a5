import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testApp } from '../../packages/app/test/helpers.ts';

// Issue 11, finding 15: X-Frame-Options said SAMEORIGIN while the CSP said frame-ancestors 'none'; they must
// agree. And a Permissions-Policy must deny the browser features Ponte never uses.

const DENIED = [
  'camera',
  'microphone',
  'geolocation',
  'payment',
  'usb',
  'serial',
  'hid',
  'midi',
  'accelerometer',
  'gyroscope',
  'magnetometer',
  'display-capture',
  'screen-wake-lock',
  'publickey-credentials-get',
  'xr-spatial-tracking',
  'browsing-topics',
];

test('finding 15: every kind of response forbids framing consistently and sends a Permissions-Policy', async () => {
  const app = await testApp();
  for (const url of ['/', '/login', '/nessuna-pagina', '/static/ponte.css', '/api/v1/nothing', '/diritti']) {
    const res = await app.inject({ method: 'GET', url });
    const csp = String(res.headers['content-security-policy'] ?? '');
    assert.match(csp, /frame-ancestors 'none'/, url);
    const xfo = res.headers['x-frame-options'];
    assert.ok(xfo === undefined || String(xfo).toUpperCase() === 'DENY', `${url}: X-Frame-Options ${xfo}`);
    const policy = String(res.headers['permissions-policy'] ?? '');
    for (const feature of DENIED) {
      assert.match(policy, new RegExp(`(^|, )${feature}=\\(\\)(,|$)`), `${url}: ${feature} not denied`);
    }
  }
});
