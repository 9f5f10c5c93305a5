// The director's new-desk form in the browser: with JavaScript it shows only the fields of the chosen kind (the
// hosting CAV for a CAV room, the link for a video call), keeps what was typed in a field while it is hidden,
// and does not send a hidden field. Without JavaScript every field stays, its hint naming its kind (the route
// test in desk-edit-routes.test.ts). Axe on every page and after each change of kind.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { follow, journey, loginAs, noBrowser, scan, visit } from './harness.ts';

test('the new-desk form shows only the fields of the chosen kind and keeps what was typed', {
  skip: noBrowser,
}, async () => {
  await journey(async ({ page }) => {
    await loginAs(page, 'inps_director');
    assert.equal(await visit(page, '/desks'), 200);
    const kind = page.getByLabel('Tipo di sportello');
    const host = page.locator('#field-host');
    const link = page.locator('#field-video_link');
    // No kind chosen yet: neither kind-specific field applies.
    assert.equal(await host.isVisible(), false);
    assert.equal(await link.isVisible(), false);

    await kind.selectOption('video');
    assert.equal(await link.isVisible(), true);
    assert.equal(await host.isVisible(), false);
    assert.match(
      (await page.locator('#field-video_link-hint').textContent()) ?? '',
      /Solo per il tipo «Videochiamata»/,
    );
    await link.fill('https://meet.example.org/e2e-form');
    await scan(page);

    await kind.selectOption('cav_room');
    assert.equal(await host.isVisible(), true);
    assert.equal(await link.isVisible(), false);
    assert.match(
      (await page.locator('#field-host-hint').textContent()) ?? '',
      /Solo per il tipo «Stanza del CAV»/,
    );
    await scan(page);

    await kind.selectOption('video');
    assert.equal(await link.inputValue(), 'https://meet.example.org/e2e-form', 'the typed link is kept');

    // A phone desk: the link typed for the video call is hidden, so not sent, and the desk has none.
    await kind.selectOption('phone');
    assert.equal(await link.isVisible(), false);
    assert.equal(await host.isVisible(), false);
    const name = `Telefono modulo e2e ${randomUUID().slice(0, 4)}`;
    await page.locator('#field-name').fill(name);
    assert.equal(await follow(page, page.getByRole('button', { name: 'Salva' })), 200);
    assert.match(await page.content(), new RegExp(name));
    assert.doesNotMatch(await page.content(), /meet\.example\.org\/e2e-form/);
    assert.equal(await follow(page, page.getByRole('link', { name: 'Modifica lo sportello' })), 200);
    assert.equal(await page.locator('#field-video_link').count(), 0, 'a phone desk is not asked for a link');
  });
});
