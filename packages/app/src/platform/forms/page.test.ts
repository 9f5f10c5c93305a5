import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadPage, MAX_PAGE, nearestPage, offsetOf, pageCount, readPage } from './page.ts';

test('a page number from a URL: digits only, at least 1, at most MAX_PAGE', () => {
  for (const [raw, page] of [
    ['1', 1],
    ['2', 2],
    ['007', 7],
    [undefined, 1],
    ['', 1],
    ['0', 1],
    ['-1', 1],
    ['abc', 1],
    ['1.5', 1],
    ['1e3', 1],
    ['0x10', 1],
    [' 2', 1],
    ['Infinity', 1],
    [['3', '4'], 3],
    ['1000000', MAX_PAGE],
    ['1000001', MAX_PAGE],
    ['99999999999999999999', MAX_PAGE],
    ['9'.repeat(30), MAX_PAGE],
    ['9'.repeat(31), 1],
  ] as const)
    assert.equal(readPage(raw), page, JSON.stringify(raw));
});

test('the page shown: the last page when asked beyond it; an empty list has one page', () => {
  assert.equal(pageCount(0, 20), 1);
  assert.equal(pageCount(20, 20), 1);
  assert.equal(pageCount(21, 20), 2);
  assert.equal(nearestPage(5, 45, 20), 3);
  assert.equal(nearestPage(MAX_PAGE, 0, 20), 1);
  assert.equal(nearestPage(2, 45, 20), 2);
  assert.equal(offsetOf(3, 20), 40);
  assert.ok(offsetOf(MAX_PAGE, 100) < 2 ** 53, 'an OFFSET that any database reads');
});

test('loadPage loads the last page instead of a page after it, with one more query only then', async () => {
  const rows = Array.from({ length: 45 }, (_, i) => i);
  const asked: number[] = [];
  const load = async (page: number) => {
    asked.push(page);
    return { rows: rows.slice(offsetOf(page, 20), offsetOf(page, 20) + 20), total: rows.length };
  };
  const beyond = await loadPage(MAX_PAGE, 20, load);
  assert.deepEqual([beyond.page, beyond.rows], [3, [40, 41, 42, 43, 44]]);
  assert.deepEqual(asked, [MAX_PAGE, 3]);
  asked.length = 0;
  const second = await loadPage(2, 20, load);
  assert.equal(second.page, 2);
  assert.deepEqual(asked, [2]);
});
