// The trainer: the loss falls to the marked pattern (checked with the double-precision reference), the returned
// state is plain and independent, errors name the field and leave the trainer usable, trainers share a core.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { referenceForward, rng, randomMatrix, randomState } from './reference.mjs';

const site = new URL('../../build/wasm/site/', import.meta.url);
const { createEngine } = await import(new URL('wasm/engine.js', site));
const { createTrainer } = await import(new URL('../../wasm/trainer.js', import.meta.url));
const core = (await createEngine())._core;

// A T×T target with 1 at each (row, column) cell.
const marks = (T, cells) => {
  const m = Array.from({ length: T }, () => new Array(T).fill(0));
  for (const [i, j] of cells) m[i][j] = 1;
  return m;
};

// -Σ t log p over marked rows, in double, from the reference forward pass.
function patternLoss(state, target) {
  const { heads } = referenceForward(state);
  let loss = 0;
  target.forEach(
    (t, h) =>
      t &&
      t.forEach((row, i) => {
        const sum = row.reduce((a, b) => a + b, 0);
        row.forEach((v, j) => {
          if (v > 0) loss -= (v / sum) * Math.log(heads[h].weights[i][j]);
        });
      }),
  );
  return loss;
}

test("training teaches row 2 to attend to token 0; the reported loss is the returned state's", () => {
  const state = randomState(rng(1), { T: 4, D: 4, Dk: 2, H: 2, mask: 'causal' });
  const target = [marks(4, [[2, 0]]), null];
  const trainer = createTrainer(core, state, { target, learningRate: 0.5 });
  assert.ok(Math.abs(trainer.loss - patternLoss(state, target)) < 1e-5);
  const { loss, state: trained, losses } = trainer.step(40);
  assert.equal(losses.length, 40);
  for (let i = 1; i < 40; i++) assert.ok(losses[i] < losses[i - 1], `loss rose at step ${i}`);
  assert.ok(Math.abs(loss - patternLoss(trained, target)) < 1e-5);
  assert.ok(referenceForward(trained).heads[0].weights[2][0] > 0.9);
  // Only W_Q and W_K train by default; everything else comes back as it went in.
  assert.deepEqual(trained.embeddings, state.embeddings);
  assert.deepEqual(trained.heads[1].wv, state.heads[1].wv);
  assert.deepEqual([trained.tokens, trained.mask, trained.wo], [state.tokens, state.mask, state.wo]);
  assert.notDeepEqual(trained.heads[0].wq, state.heads[0].wq);
});

test('states in and out never alias, and reset restores the first state and loss', () => {
  const state = randomState(rng(2), { T: 3, D: 2, Dk: 2, H: 1 });
  const before = structuredClone(state);
  const trainer = createTrainer(core, state, { target: [marks(3, [[0, 2]])] });
  const first = trainer.loss;
  const a = trainer.step(3).state;
  a.heads[0].wq[0][0] = 1234; // the caller may edit what it gets
  const b = trainer.step(1).state;
  assert.notEqual(b.heads[0].wq[0][0], 1234);
  assert.deepEqual(state, before);
  const reset = trainer.reset();
  assert.deepEqual(reset.state, before);
  assert.equal(reset.loss, first);
});

test('an output target trains W_V and E', () => {
  const next = rng(3);
  const state = randomState(next, { T: 3, D: 4, Dk: 2, H: 2, Dout: 3 });
  const targetOutput = randomMatrix(next, 3, 3);
  const trainer = createTrainer(core, state, { targetOutput, train: ['wv', 'embeddings'], learningRate: 0.1 });
  const first = trainer.loss;
  const { loss, state: trained } = trainer.step(100);
  assert.ok(loss < 0.2 * first, `${first} -> ${loss}`);
  assert.deepEqual(trained.heads[0].wq, state.heads[0].wq);
  assert.notDeepEqual(trained.embeddings, state.embeddings);
});

test('SIMD and scalar kernels train alike', () => {
  const state = randomState(rng(4), { T: 12, D: 8, Dk: 4, H: 2, mask: 'causal' });
  const options = {
    target: [
      marks(12, [
        [5, 1],
        [9, 9],
      ]),
      marks(12, [[7, 2]]),
    ],
    train: ['wq', 'wk', 'embeddings'],
  };
  const simd = createTrainer(core, state, options).step(20);
  const scalar = createTrainer(core, state, { ...options, kernels: 'scalar' }).step(20);
  assert.ok(Math.abs(simd.loss - scalar.loss) <= 1e-4 * Math.max(1, scalar.loss));
});

test('two trainers on one core do not disturb each other', () => {
  const next = rng(5);
  const s1 = randomState(next, { T: 3, D: 2, Dk: 2, H: 1 }),
    s2 = randomState(next, { T: 5, D: 3, Dk: 1, H: 2 });
  const o1 = { target: [marks(3, [[1, 0]])] },
    o2 = { target: [null, marks(5, [[4, 4]])] };
  const alone = createTrainer(core, s1, o1).step(4);
  const a = createTrainer(core, s1, o1),
    b = createTrainer(core, s2, o2);
  a.step(2);
  b.step(3);
  const { loss, state } = a.step(2);
  assert.deepEqual({ loss, state }, { loss: alone.loss, state: alone.state });
});

test('errors name the field, and the trainer stays usable after each', () => {
  const state = randomState(rng(6), { T: 3, D: 2, Dk: 2, H: 1, mask: 'causal' });
  const trainer = createTrainer(core, state, { target: [marks(3, [[2, 1]])] });
  const cases = [
    [() => trainer.setLearningRate(0), 'options.learningRate: expected a number above 0 and at most 100, got 0'],
    [() => trainer.setLearningRate('fast'), 'options.learningRate: expected a number, got "fast"'],
    [
      () => trainer.setTarget([marks(3, [[2, 1]]).map((r) => r.map((v) => v * 3))]),
      'options.target[0][2][1]: expected a number from 0 to 1, got 3',
    ],
    [
      () => trainer.setTarget([marks(3, [[0, 2]])]),
      'options.target[0][0][2]: the mask blocks token 0 from attending to token 2, so its target must be 0',
    ],
    [() => trainer.setTarget([marks(2, [[0, 0]])]), 'options.target[0]: expected 3×3, got 2×2'],
    [
      () => trainer.setTarget(marks(3, [[0, 0]])),
      'options.target: expected one T×T matrix (or null) per head, got a single matrix: wrap it in [ ]',
    ],
    [() => trainer.setTarget([null, null]), 'options.target: expected at most 1 matrix (one per head), got 2'],
    [
      () => trainer.setTarget([]),
      'options.target: nothing to train toward: mark at least one target weight or give targetOutput',
    ],
    [() => trainer.setTargetOutput([[1, 2]]), 'options.targetOutput: expected 3×2, got 1×2'],
    [() => trainer.setTrain(['wq', 'wo']), 'options.train: includes wo, but the state has no W_O'],
    [
      () => trainer.setTrain(['bias']),
      'options.train[0]: expected one of "wq", "wk", "wv", "wo", "embeddings", got "bias"',
    ],
    [() => trainer.step(1.5), 'step: expected a whole number of steps from 1 to 10000, got 1.5'],
  ];
  const loss = trainer.loss;
  for (const [call, message] of cases) {
    assert.throws(call, (e) => e.message === message && e.path === message.split(': ')[0], message);
    assert.equal(trainer.loss, loss);
  }
  assert.ok(trainer.step(5).loss < loss);
  assert.throws(
    () => createTrainer(core, { ...state, temperature: 0 }, { target: [marks(3, [[0, 0]])] }),
    /^Error: state\.temperature: expected a number from 0\.001 to 1,000, got 0$/,
  );
  assert.throws(
    () => createTrainer(core, { ...state, embeddings: [[1, 'x']] }),
    /^Error: state\.embeddings\[0\]\[1\]: not a finite number/,
  );
  // The engine's type checks, message for message (one checker serves both).
  assert.throws(
    () => createTrainer(core, { ...state, tokens: ['a', 'b'] }, { target: [marks(3, [[0, 0]])] }),
    /^Error: state\.tokens: expected 3 tokens \(one per embeddings row\), got 2$/,
  );
  assert.throws(
    () => createTrainer(core, { ...state, mask: 'future' }),
    /^Error: state\.mask: expected "none", .* or a T×T array of 0\/1, got "future"$/,
  );
  assert.throws(
    () => createTrainer(core, { ...state, temperature: NaN }, { target: [marks(3, [[0, 0]])] }),
    /^Error: state\.temperature: expected a number from 0\.001 to 1,000, got NaN$/,
  );
});
