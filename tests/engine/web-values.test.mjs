// The page's pure modules under Node: number text for messages and files, and the kept values that let a
// size change or a sentence change hide values without losing them.
import { test } from 'node:test';
import assert from 'node:assert/strict';

const site = new URL('../../build/wasm/site/', import.meta.url);
const { formatPlain, formatFloat32 } = await import(new URL('web/widgets/format.js', site));
const { toCSV, toMarkdown } = await import(new URL('web/embed/export-tools.js', site));
const ops = await import(new URL('web/state/state-ops.js', site));
const { sentenceState } = await import(new URL('web/state/presets.js', site));

test('formatPlain writes numbers as people read them: grouped, a true minus, no 1e+06', () => {
  assert.equal(formatPlain(1000001), '1,000,001');
  assert.equal(formatPlain(1e6), '1,000,000');
  assert.equal(formatPlain(-2.5), '\u22122.5');
  assert.equal(formatPlain(0.0001), '0.0001');
  assert.equal(formatPlain(1234.5678), '1,234.5678');
  assert.equal(formatPlain(1e300), '1e300');
  assert.equal(formatPlain(0), '0');
});

test('formatFloat32 gives the shortest text that reads back to the same float32', () => {
  assert.equal(formatFloat32(Math.fround(5.3)), '5.3');
  assert.equal(formatFloat32(Math.fround(0.1)), '0.1');
  assert.equal(formatFloat32(-0.6), '-0.6');
  assert.equal(formatFloat32(Math.fround(1 / 3)), '0.33333334');
  assert.equal(formatFloat32(-Infinity), '-Infinity');
  // Every float32 reads back exactly, and one digit fewer would not.
  let seed = 7;
  for (let i = 0; i < 2000; i++) {
    seed = (seed * 16807) % 2147483647;
    const f = Math.fround((seed / 2147483647 - 0.5) * 10 ** ((seed % 13) - 6));
    const s = formatFloat32(f);
    assert.equal(Math.fround(Number(s)), f, `${f} → ${s}`);
    const digits = s.replace(/^-/, '').replace(/e.*$/, '').replace('.', '').replace(/^0+/, '').length;
    if (digits > 1) assert.notEqual(Math.fround(Number(f.toPrecision(digits - 1))), f, `${s} is not the shortest`);
  }
});

const mat = { name: 'Q', colLabels: ['a', 'b'], rowLabels: ['x'], rows: [[Math.fround(5.3), Math.fround(-0.25)]] };

test('CSV numbers: the shortest float32 text, ASCII minus', () => {
  assert.equal(toCSV(mat), ',a,b\nx,5.3,-0.25\n');
});

test('Markdown numbers use the ASCII minus', () => {
  const md = toMarkdown(mat);
  assert.ok(!md.includes('\u2212'), md);
  assert.match(md, /\| x \| 5\.30 \| -0\.25 \|/);
});

test('kept values: D, d_k and heads shrunk and grown back restore every value; the state holds only what is shown', () => {
  const s0 = ops.setOutputProjection(ops.setHeadCount(sentenceState('java'), 3, 5), true);
  const kept = ops.keptValues();
  const step = (s, fn) => {
    ops.keepValues(kept, s);
    return fn(s);
  };
  let s = step(s0, (x) => ops.setModelDim(x, 2, kept));
  s = step(s, (x) => ops.setHeadDim(x, 1, kept));
  s = step(s, (x) => ops.setHeadCount(x, 1, 5, kept));
  assert.deepEqual(ops.dims(s), { T: s0.tokens.length, D: 2, Dk: 1, H: 1 });
  assert.equal(s.wo.length, 1);
  assert.equal(JSON.stringify(s).length < JSON.stringify(s0).length / 5, true, 'hidden values stayed in the state');
  s = step(s, (x) => ops.setHeadCount(x, 3, 5, kept));
  s = step(s, (x) => ops.setHeadDim(x, ops.dims(s0).Dk, kept));
  s = step(s, (x) => ops.setModelDim(x, ops.dims(s0).D, kept));
  assert.deepEqual(s, s0);
  // Without kept values the same trip loses them (what the page did before).
  let lost = ops.setModelDim(ops.setModelDim(s0, 2), ops.dims(s0).D);
  assert.notDeepEqual(lost.embeddings, s0.embeddings);
  lost = ops.setHeadDim(ops.setHeadDim(s0, 1), ops.dims(s0).Dk);
  assert.notDeepEqual(lost.heads, s0.heads);
});

test('kept values: an edited word that leaves the sentence comes back with its row, by occurrence', () => {
  const kept = ops.keptValues();
  let s = ops.setSentence(sentenceState('java'), 'the cat the dog');
  s = ops.setCell(s, 'embeddings', 2, 0, 9); // the second "the"
  const rows = s.embeddings.map((r) => r.slice());
  const step = (x, text) => {
    ops.keepValues(kept, x);
    return ops.setSentence(x, text, kept);
  };
  s = step(s, 'the cat');
  s = step(s, 'the cat th');
  s = step(s, 'the cat the dog');
  assert.deepEqual(s.embeddings, rows);
  // A word never seen gets its lexicon vector (or zeros), as before.
  assert.deepEqual(ops.newRow('zzz', 0, 3, kept), [0, 0, 0]);
});
