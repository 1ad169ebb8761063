// Positions in the engine and the trainer: P and X in every trace (zeros and E without positions), the
// sinusoidal and learned tables against the double-precision reference, the errors that name
// state.positions, word order, and training a learned table.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { assertClose, referenceForward, rng, randomMatrix, randomState } from './reference.mjs';

const site = new URL('../../build/wasm/site/', import.meta.url);
const { createEngine } = await import(new URL('wasm/engine.js', site));
const engine = await createEngine();

const f32 = (m) => m.map((row) => row.map(Math.fround));

test('without positions the trace has P = 0 and X = E, exactly as packed, and owns them', () => {
  const state = randomState(rng(1), { T: 3, D: 5, Dk: 2, H: 2 });
  for (const positions of [undefined, 'none']) {
    for (const view of [false, true]) {
      const t = engine.run({ ...state, positions }, { view });
      assert.deepEqual([t.positions.rows, t.positions.cols, t.x.rows, t.x.cols], [3, 5, 3, 5]);
      assert.ok(t.positions.data.every((v) => v === 0));
      assert.deepEqual(Array.from(t.x.data), f32(state.embeddings).flat());
    }
  }
  const kept = engine.run(state);
  const before = Array.from(kept.x.data);
  engine.run({ ...state, embeddings: randomMatrix(rng(2), 3, 5) });
  assert.deepEqual(Array.from(kept.x.data), before, 'a later run changed an earlier trace');
});

test('sinusoidal and learned positions match the reference, through every tensor', () => {
  for (const [seed, D] of [
    [3, 4],
    [4, 5],
    [5, 16],
  ]) {
    const base = randomState(rng(seed), { T: 24, D, Dk: 3, H: 2, Dout: 4, mask: 'causal' });
    for (const positions of ['sinusoidal', randomMatrix(rng(seed + 10), 24, D, 3)]) {
      const state = { ...base, positions };
      const want = referenceForward(state);
      for (const kernels of ['simd', 'scalar']) {
        const t = engine.run(state, { kernels });
        const at = `D=${D} ${typeof positions === 'string' ? positions : 'learned'} ${kernels}`;
        assertClose(t.positions, want.positions, `${at} positions`);
        assertClose(t.x, want.x, `${at} x`);
        assertClose(t.heads[1].q, want.heads[1].q, `${at} q`);
        assertClose(t.heads[0].weights, want.heads[0].weights, `${at} weights`);
        assertClose(t.output, want.output, `${at} output`);
      }
    }
  }
  // Hand-worked: position 1 of D = 2 adds (sin 1, cos 1).
  const t = engine.run({ ...randomState(rng(6), { T: 2, D: 2, Dk: 1, H: 1 }), positions: 'sinusoidal' });
  assert.deepEqual(Array.from(t.positions.data), [0, 1, Math.fround(Math.sin(1)), Math.fround(Math.cos(1))]);
});

test('errors name state.positions, and the engine keeps working', () => {
  const state = randomState(rng(7), { T: 3, D: 6, Dk: 2, H: 1 });
  const cases = [
    [{ positions: randomMatrix(rng(8), 3, 5) }, 'state.positions: expected 3×6, got 3×5'],
    [{ positions: randomMatrix(rng(8), 2, 6) }, 'state.positions: expected 3×6, got 2×6'],
    [{ positions: [] }, 'state.positions: missing, expected 3×6'],
    [
      { positions: 'learned' },
      'state.positions: expected "none", "sinusoidal" or a T×D array of numbers, got "learned"',
    ],
    [{ positions: 7 }, 'state.positions: expected "none", "sinusoidal" or a T×D array of numbers, got 7'],
    [{ positions: [[1, 2, 3, 4, 5, 6], 'row', []] }, 'state.positions[1]: expected an array of numbers, got "row"'],
    [
      {
        positions: [
          [0, 0, 0, 0, 0, 0],
          [0, 0, 'abc', 0, 0, 0],
          [0, 0, 0, 0, 0, 0],
        ],
      },
      'state.positions[1][2]: not a finite number ("abc")',
    ],
    [
      {
        positions: [
          [0, 0, 0, 0, 0, 0],
          [0, 0, 2e6, 0, 0, 0],
          [0, 0, 0, 0, 0, 0],
        ],
      },
      'state.positions[1][2]: 2,000,000 is outside ±1,000,000',
    ],
    [
      {
        positions: [
          [0, 0, 0, 0, 0, NaN],
          [0, 0, 0, 0, 0, 0],
          [0, 0, 0, 0, 0, 0],
        ],
      },
      'state.positions[0][5]: not a finite number (NaN)',
    ],
  ];
  for (const [change, message] of cases) {
    assert.throws(
      () => engine.run({ ...state, ...change }),
      (e) => e.message === message,
      message,
    );
    assert.equal(engine.run(state).output.rows, 3);
  }
});

test('word order: with no positions and no mask "dog" gets the same row in both orders', () => {
  const next = rng(9);
  const words = {
    dog: randomMatrix(next, 1, 6)[0],
    bites: randomMatrix(next, 1, 6)[0],
    man: randomMatrix(next, 1, 6)[0],
  };
  const base = randomState(next, { T: 3, D: 6, Dk: 3, H: 1 });
  const sentence = (order) => ({ ...base, tokens: order, embeddings: order.map((w) => words[w]) });
  const dogRow = (state, i) => Array.from(engine.run(state).output.data.subarray(i * 3, i * 3 + 3));
  const gap = (extra) => {
    const a = dogRow({ ...sentence(['dog', 'bites', 'man']), ...extra }, 0),
      b = dogRow({ ...sentence(['man', 'bites', 'dog']), ...extra }, 2);
    return Math.hypot(...a.map((v, c) => v - b[c]));
  };
  assert.ok(gap({}) < 1e-6, `no positions: ${gap({})}`);
  assert.ok(gap({ positions: 'sinusoidal' }) > 1e-3);
  assert.ok(gap({ mask: 'causal' }) > 1e-3);
});

test('the trainer trains a learned table, alone or with E, and hands it back', () => {
  const T = 4,
    D = 3;
  const state = { ...randomState(rng(11), { T, D, Dk: 2, H: 1 }), positions: randomMatrix(rng(12), T, D) };
  const target = [
    Array.from({ length: T }, (_, i) => Array.from({ length: T }, (_, j) => (i === 0 && j === 3 ? 1 : 0))),
  ];
  const trainer = engine.trainer(state, { target, train: ['positions'], learningRate: 0.5 });
  const start = trainer.loss;
  const { loss, state: after } = trainer.step(20);
  assert.ok(loss < start, `${loss} < ${start}`);
  assert.deepEqual(after.embeddings, state.embeddings);
  assert.notDeepEqual(after.positions, state.positions);
  assert.deepEqual(after.heads, state.heads);
  // The loss the trainer reports is the engine's on the returned state.
  const t = engine.run(after);
  assert.ok(Math.abs(-Math.log(t.heads[0].weights.data[3]) - loss) < 1e-4);
  trainer.setTrain(['positions', 'embeddings']);
  const both = trainer.step(5).state;
  assert.notDeepEqual(both.embeddings, state.embeddings);
  assert.throws(
    () => engine.trainer({ ...state, positions: 'sinusoidal' }, { target, train: ['positions'] }),
    /^Error: options\.train: includes positions, but the state has no learned positions \(a T×D table\)$/,
  );
});

test('state ops keep a learned table by position through sentence and D changes, and kept cells come back', async () => {
  const ops = await import(new URL('web/state/state-ops.js', site));
  const { sentenceState } = await import(new URL('web/state/presets.js', site));
  const s0 = ops.normalize(sentenceState('java'));
  const { T, D } = ops.dims(s0);
  const sin = engine.run({ ...s0, positions: 'sinusoidal' }).positions;
  const start = Array.from({ length: T }, (_, r) => Array.from(sin.data.slice(r * D, (r + 1) * D)));
  const kept = ops.keptValues();
  let s = ops.setPositionMode(s0, 'learned', start, kept);
  assert.deepEqual(s.positions, start);
  s = ops.setCell(s, 'positions', 1, 2, 7);
  const table = s.positions;
  const step = (x, fn) => {
    ops.keepValues(kept, x);
    return fn(x);
  };
  s = step(s, (x) => ops.setSentence(x, s0.tokens.slice(0, 1).join(' '), kept));
  assert.deepEqual(s.positions, table.slice(0, 1), 'rows stay by position');
  s = step(s, (x) => ops.setSentence(x, [...s0.tokens, 'more'].join(' '), kept));
  assert.deepEqual(s.positions.slice(0, T), table, 'hidden rows come back');
  assert.deepEqual(s.positions[T], new Array(D).fill(0), 'a new position starts at 0');
  s = step(s, (x) => ops.setModelDim(x, 2, kept));
  assert.deepEqual(s.positions[1], table[1].slice(0, 2));
  s = step(s, (x) => ops.setModelDim(x, D, kept));
  assert.deepEqual(s.positions.slice(0, T), table, 'hidden columns come back');
  // Named positions pass through every resize untouched; leaving learned and coming back restores the table.
  assert.equal(ops.setModelDim(ops.setPositionMode(s, 'sinusoidal'), 3).positions, 'sinusoidal');
  ops.keepValues(kept, s);
  const back = ops.setPositionMode(ops.setPositionMode(s, 'none'), 'learned', start, kept);
  assert.equal(back.positions[1][2], 7);
  assert.equal(engine.run(back).x.rows, T + 1);
});
