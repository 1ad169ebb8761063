// The grids' key map is written once (web/widgets/grid-keys.js); README's table must say the same, row by row, and
// the stepping and moving it describes must be what the functions do.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { KEY_MAP, STEP, moveOf, stepOf } from '../../web/widgets/grid-keys.js';

test("README's key map table has every row of KEY_MAP, as written", () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const missing = Object.values(KEY_MAP)
    .flat()
    .filter(([keys, what]) => !readme.includes(`| ${keys} | ${what} |`));
  assert.deepEqual(missing, []);
});

test('Page Up/Down step by 0.1, Shift by 1, Alt by 0.01; ↑/↓ step only while editing', () => {
  const key = (k, mods = {}) => ({ key: k, shiftKey: false, altKey: false, ...mods });
  assert.equal(stepOf(key('PageUp'), false), STEP.plain);
  assert.equal(stepOf(key('PageDown', { shiftKey: true }), false), -STEP.shift);
  assert.equal(stepOf(key('PageUp', { altKey: true }), false), STEP.alt);
  assert.equal(stepOf(key('ArrowUp'), false), 0);
  assert.equal(stepOf(key('ArrowDown'), true), -STEP.plain);
  assert.deepEqual(STEP, { plain: 0.1, shift: 1, alt: 0.01 });
});

test('arrows move one cell and stop at the edges; Home/End reach the row, with Ctrl the grid', () => {
  const key = (k, ctrlKey = false) => ({ key: k, ctrlKey, metaKey: false, altKey: false });
  assert.deepEqual(moveOf(key('ArrowRight'), [0, 0], 3, 4), [0, 1]);
  assert.deepEqual(moveOf(key('ArrowLeft'), [0, 0], 3, 4), [0, 0]);
  assert.deepEqual(moveOf(key('ArrowDown'), [2, 1], 3, 4), [2, 1]);
  assert.deepEqual(moveOf(key('End'), [1, 1], 3, 4), [1, 3]);
  assert.deepEqual(moveOf(key('End', true), [1, 1], 3, 4), [2, 3]);
  assert.deepEqual(moveOf(key('Home', true), [2, 3], 3, 4), [0, 0]);
  assert.equal(moveOf(key('ArrowUp', true), [1, 1], 3, 4), null);
  assert.equal(moveOf(key('x'), [1, 1], 3, 4), null);
});
