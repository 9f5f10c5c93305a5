import assert from 'node:assert/strict';
import { test } from 'node:test';
import { acceptedTypes } from './file-types.ts';

test('acceptedTypes: the MIME types of the kinds named, each with its extension, and no other', () => {
  const t = acceptedTypes('pdf jpg docx');
  assert.deepEqual(t, {
    'application/pdf': 'pdf',
    'image/jpeg': 'jpg',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  });
  assert.equal(Object.hasOwn(t, 'image/png'), false);
});

test('acceptedTypes: a kind it does not know is an error, not a type left out', () => {
  assert.throws(() => acceptedTypes('pdf jpeg'), /unknown kind jpeg/);
});
