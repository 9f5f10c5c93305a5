import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deskLabel } from './format.ts';

test('a desk is named once: its kind in brackets only when the name does not already say it (issue 10)', () => {
  assert.equal(
    deskLabel('Videochiamata INPS — dimostrativa', 'Videochiamata'),
    'Videochiamata INPS — dimostrativa',
  );
  assert.equal(deskLabel('Stanza blu', 'Stanza del CAV'), 'Stanza blu (Stanza del CAV)');
  assert.equal(deskLabel('Sportello video', 'Video call'), 'Sportello video (Video call)');
});
