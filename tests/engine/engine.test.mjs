// The JavaScript engine: answers against a double-precision reference, every error path, memory that
// does not grow, results that do not alias, and the classic-script build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';

import { assertClose, referenceForward, rng, randomState } from './reference.mjs';

const site = new URL('../../build/wasm/site/', import.meta.url);
const { createEngine } = await import(new URL('wasm/engine.js', site));
const engine = await createEngine();

const bank = () => ({
  tokens: ['bank', 'grows', 'money'],
  embeddings: [
    [1, 0],
    [0, 1],
    [1, 1],
  ],
  heads: [
    {
      wq: [
        [1, 0],
        [0, 1],
      ],
      wk: [
        [1, 0],
        [0, 1],
      ],
      wv: [
        [1, 0],
        [0, 1],
      ],
    },
  ],
  wo: null,
  scale: true,
  mask: 'none',
  temperature: 1,
});

test('random states match the double-precision reference (SIMD and scalar kernels)', () => {
  const next = rng(42);
  const shapes = [
    { T: 1, D: 1, Dk: 1, H: 1 },
    { T: 3, D: 4, Dk: 2, H: 2, Dout: 3 },
    { T: 6, D: 4, Dk: 4, H: 1, mask: 'causal' },
    { T: 9, D: 5, Dk: 3, H: 3, scale: false, temperature: 0.7 },
    { T: 17, D: 8, Dk: 8, H: 4, Dout: 8, mask: 'causal' },
    { T: 33, D: 16, Dk: 5, H: 2, temperature: 2 },
  ];
  for (const shape of shapes) {
    const state = randomState(next, shape);
    const want = referenceForward(state);
    for (const kernels of ['simd', 'scalar']) {
      const got = engine.run(state, { kernels });
      const tag = `${JSON.stringify(shape)} ${kernels}`;
      got.heads.forEach((h, i) => {
        for (const key of ['q', 'k', 'v', 'scores', 'weights', 'output'])
          assertClose(h[key], want.heads[i][key], `${tag} heads[${i}].${key}`);
        want.heads[i].entropy.forEach((e, r) => assert.ok(Math.abs(h.entropy[r] - e) < 1e-4, `${tag} entropy[${r}]`));
      });
      assertClose(got.concat, want.concat, `${tag} concat`);
      assertClose(got.output, want.output, `${tag} output`);
    }
  }
});

test('custom masks: blocked pairs get weight 0 and a row with nothing allowed is flagged', () => {
  const state = {
    ...bank(),
    mask: [
      [1, 0, 1],
      [0, 0, 0],
      [1, 1, 1],
    ],
  };
  const t = engine.run(state);
  const w = t.heads[0].weights.data;
  assert.equal(w[1], 0);
  assert.deepEqual(Array.from(w.subarray(3, 6)), [0, 0, 0]);
  assert.equal(t.heads[0].masked.data[1], -Infinity);
  assert.deepEqual(t.flags.fullyMaskedRows, [[1]]);
  assertClose(t.output, referenceForward(state).output, 'output');
});

test("each row's softmax max and sum: the reference's, weights = exp(masked − max) ÷ sum, −∞ and 0 when fully masked", () => {
  const next = rng(7);
  // A custom mask with row 4 fully blocked and the rest random.
  const custom = Array.from({ length: 9 }, (_, i) =>
    Array.from({ length: 9 }, () => (i !== 4 && next() < 0.6 ? 1 : 0)),
  );
  for (const mask of ['none', 'causal', custom]) {
    const state = { ...randomState(next, { T: 9, D: 5, Dk: 3, H: 2, temperature: 0.5 }), mask };
    const want = referenceForward(state);
    for (const kernels of ['simd', 'scalar']) {
      engine.run(state, { kernels }).heads.forEach((h, i) => {
        const tag = `${kernels} heads[${i}]`;
        assert.ok(h.rowMax instanceof Float32Array && h.rowMax.length === 9 && h.rowSum.length === 9, tag);
        want.heads[i].rowMax.forEach((m, r) => {
          if (m === -Infinity) {
            assert.equal(h.rowMax[r], -Infinity, `${tag} rowMax[${r}]`);
            assert.equal(h.rowSum[r], 0, `${tag} rowSum[${r}]`);
            return;
          }
          assert.ok(Math.abs(h.rowMax[r] - m) <= 2e-5 * Math.max(1, Math.abs(m)), `${tag} rowMax[${r}]`);
          const z = want.heads[i].rowSum[r];
          assert.ok(Math.abs(h.rowSum[r] - z) <= 2e-5 * z, `${tag} rowSum[${r}]: ${h.rowSum[r]} vs ${z}`);
          for (let j = 0; j < 9; j++) {
            const p = Math.exp(h.masked.data[r * 9 + j] - h.rowMax[r]) / h.rowSum[r];
            assert.ok(Math.abs(h.weights.data[r * 9 + j] - p) <= 1e-6, `${tag} weights[${r}][${j}]`);
          }
        });
      });
    }
  }
});

test('the trace has every intermediate with the documented shapes', () => {
  const t = engine.run({
    ...bank(),
    wo: [
      [1, 0, 0],
      [0, 1, 0],
    ],
  });
  const h = t.heads[0];
  for (const key of ['q', 'k', 'v', 'output']) assert.deepEqual([h[key].rows, h[key].cols], [3, 2], key);
  for (const key of ['scores', 'scaled', 'masked', 'weights'])
    assert.deepEqual([h[key].rows, h[key].cols], [3, 3], key);
  for (const key of ['entropy', 'maxWeight', 'gradNorm', 'rowMax', 'rowSum'])
    assert.ok(h[key] instanceof Float32Array && h[key].length === 3, key);
  assert.deepEqual([t.concat.rows, t.concat.cols, t.output.rows, t.output.cols], [3, 2, 3, 3]);
  assert.ok(Math.abs(h.scaled.data[0] - 1 / Math.SQRT2) < 1e-6, 'scaled = scores / sqrt(Dk)');
});

const errorCases = [
  ['not an object', () => 42, 'state: expected an object, got 42'],
  [
    'string cell',
    (s) => {
      s.embeddings[2][0] = 'abc';
    },
    'state.embeddings[2][0]: not a finite number ("abc")',
  ],
  [
    'NaN cell',
    (s) => {
      s.embeddings[1][1] = NaN;
    },
    'state.embeddings[1][1]: not a finite number (NaN)',
  ],
  [
    'Infinity cell',
    (s) => {
      s.heads[0].wv[0][1] = Infinity;
    },
    'state.heads[0].wv[0][1]: not a finite number (Infinity)',
  ],
  [
    'string in a second head',
    (s) => {
      s.heads.push({
        wq: [
          [1, 0],
          [0, 1],
        ],
        wk: [
          [1, 0],
          ['x', 1],
        ],
        wv: [
          [1, 0],
          [0, 1],
        ],
      });
    },
    'state.heads[1].wk[1][0]: not a finite number ("x")',
  ],
  [
    'string in wo',
    (s) => {
      s.wo = [
        [1, 0, 'z'],
        [0, 1, 0],
      ];
    },
    'state.wo[0][2]: not a finite number ("z")',
  ],
  [
    'string in the mask',
    (s) => {
      s.mask = [
        [1, 1, 1],
        [1, '1', 1],
        [1, 1, 1],
      ];
    },
    'state.mask[1][1]: not a finite number ("1")',
  ],
  [
    'huge cell',
    (s) => {
      s.heads[0].wq[0][0] = 1e7;
    },
    'state.heads[0].wq[0][0]: 10,000,000 is outside ±1,000,000',
  ],
  [
    'ragged row',
    (s) => {
      s.embeddings[1] = [1];
    },
    'state.embeddings[1]: expected 2 numbers like row 0, got 1',
  ],
  [
    'row not an array',
    (s) => {
      s.embeddings[1] = 'x';
    },
    'state.embeddings[1]: expected an array of numbers, got "x"',
  ],
  [
    'wk shape',
    (s) => {
      s.heads.push({
        wq: [
          [1, 0],
          [0, 1],
        ],
        wk: [
          [1, 0, 0],
          [0, 1, 0],
        ],
        wv: [
          [1, 0],
          [0, 1],
        ],
      });
    },
    'state.heads[1].wk: expected 2×2, got 2×3',
  ],
  [
    'wq rows',
    (s) => {
      s.heads[0].wq = [[1, 0]];
    },
    'state.heads[0].wq: expected 2 rows (one per embedding dimension), got 1×2',
  ],
  [
    'no heads',
    (s) => {
      s.heads = [];
    },
    'state.heads: needs at least one head, got 0',
  ],
  [
    'heads not array',
    (s) => {
      s.heads = {};
    },
    'state.heads: expected an array of heads, got an object',
  ],
  [
    'head not object',
    (s) => {
      s.heads = [null];
    },
    'state.heads[0]: expected { wq, wk, wv }, got null',
  ],
  [
    'too many heads',
    (s) => {
      s.heads = Array(9).fill(s.heads[0]);
    },
    'state.heads: 9 heads is above the limit of 8',
  ],
  [
    'empty embeddings',
    (s) => {
      s.embeddings = [];
      s.tokens = [];
    },
    'state.embeddings: empty: need at least one token with one dimension',
  ],
  [
    'token count',
    (s) => {
      s.tokens = ['a'];
    },
    'state.tokens: expected 3 tokens (one per embeddings row), got 1',
  ],
  [
    'one token: no plural',
    (s) => {
      s.embeddings = [[1, 0]];
    },
    'state.tokens: expected 1 token (one per embeddings row), got 3',
  ],
  [
    'one number per row: no plural',
    (s) => {
      s.embeddings = [[1], [1, 2], [3]];
    },
    'state.embeddings[1]: expected 1 number like row 0, got 2',
  ],
  [
    'token type',
    (s) => {
      s.tokens[1] = 5;
    },
    'state.tokens[1]: expected a string, got 5',
  ],
  [
    'wo rows',
    (s) => {
      s.wo = [[1]];
    },
    'state.wo: expected 2 rows (heads × Dk), got 1×1',
  ],
  [
    'mask word',
    (s) => {
      s.mask = 'future';
    },
    'state.mask: expected "none", "causal" or a T×T array of 0/1, got "future"',
  ],
  [
    'mask shape',
    (s) => {
      s.mask = [
        [1, 1],
        [1, 1],
      ];
    },
    'state.mask: expected 3×3, got 2×2',
  ],
  [
    'mask value',
    (s) => {
      s.mask = [
        [1, 1, 1],
        [1, 0.5, 1],
        [1, 1, 1],
      ];
    },
    'state.mask[1][1]: expected 0 or 1, got 0.5',
  ],
  [
    'scale type',
    (s) => {
      s.scale = 'yes';
    },
    'state.scale: expected true or false, got "yes"',
  ],
  [
    'temperature type',
    (s) => {
      s.temperature = '2';
    },
    'state.temperature: expected a number, got "2"',
  ],
  [
    'temperature zero',
    (s) => {
      s.temperature = 0;
    },
    'state.temperature: expected a number from 0.001 to 1,000, got 0',
  ],
  [
    'too many tokens',
    (s) => {
      s.embeddings = Array.from({ length: 2049 }, () => [0, 0]);
      delete s.tokens;
    },
    'state.embeddings: 2049 tokens is above the limit of 2048',
  ],
];

for (const [name, mutate, message] of errorCases) {
  test(`error: ${name}`, () => {
    let state = bank();
    const replaced = mutate(state);
    if (replaced !== undefined) state = replaced;
    assert.throws(
      () => engine.run(state),
      (e) => {
        assert.ok(e instanceof Error);
        assert.equal(e.message, message);
        return true;
      },
    );
    // The engine keeps working after any error.
    assert.ok(Math.abs(engine.run(bank()).output.data[0] - 0.802224) < 1e-5);
  });
}

test('memory does not grow across 100 000 runs of one size, and results never alias', () => {
  const state = randomState(rng(7), { T: 6, D: 4, Dk: 4, H: 1 });
  const first = engine.run(state);
  const kept = Float32Array.from(first.output.data);
  const bytes = engine.memoryBytes;
  const other = { ...state, temperature: 3 };
  for (let i = 0; i < 100000; i++) engine.run(i % 2 ? state : other);
  assert.equal(engine.memoryBytes, bytes);
  assert.deepEqual(Array.from(first.output.data), Array.from(kept), 'an old trace changed under a later run');
});

test('the raw kernel agrees with run() for one head', () => {
  const state = randomState(rng(9), { T: 20, D: 8, Dk: 8, H: 1 });
  const t = engine.run(state);
  const kern = engine.kernel(20, 8);
  kern.q.set(t.heads[0].q.data);
  kern.k.set(t.heads[0].k.data);
  kern.v.set(t.heads[0].v.data);
  kern.run();
  for (let i = 0; i < kern.out.length; i++) assert.ok(Math.abs(kern.out[i] - t.output.data[i]) < 1e-5);
  assert.throws(
    () => engine.kernel(0, 8),
    /kernel: T must be a whole number from 1 to 2048 and Dk from 1 to 256, got 0 and 8/,
  );
  assert.throws(() => engine.kernel(2.5, 4), /got 2\.5 and 4/, 'a fraction is refused, not truncated');
  assert.throws(() => engine.kernel('8', 4), /got "8" and 4/);
  assert.throws(() => kern.run(NaN), /kernel\.run: factor: not a finite number \(NaN\)/);
  assert.throws(() => kern.run(1, 'gpu'), /kernel\.run: kernels: expected "simd" or "scalar", got "gpu"/);
});

test('the raw kernel takes any finite factor: a negative one reverses the softmax, like scaling by hand', () => {
  // T = 300 rows of Dk = 64: the row-blocked path for a positive factor, the plain steps otherwise.
  const T = 300,
    Dk = 64,
    r = rng(12),
    kern = engine.kernel(T, Dk);
  for (const a of [kern.q, kern.k, kern.v]) for (let i = 0; i < a.length; i++) a[i] = r() * 2 - 1;
  const want = (factor) => {
    // double-precision softmax(q kᵀ factor) v
    const out = new Float64Array(T * Dk);
    for (let i = 0; i < T; i++) {
      const s = Array.from({ length: T }, (_, j) => {
        let d = 0;
        for (let c = 0; c < Dk; c++) d += kern.q[i * Dk + c] * kern.k[j * Dk + c];
        return d * factor;
      });
      const m = Math.max(...s),
        e = s.map((x) => Math.exp(x - m)),
        z = e.reduce((a, b) => a + b, 0);
      for (let j = 0; j < T; j++) for (let c = 0; c < Dk; c++) out[i * Dk + c] += (e[j] / z) * kern.v[j * Dk + c];
    }
    return out;
  };
  for (const factor of [0.125, -0.125]) {
    const ref = want(factor);
    kern.run(factor);
    for (let i = 0; i < ref.length; i++)
      assert.ok(Math.abs(kern.out[i] - ref[i]) < 1e-5, `factor ${factor}, index ${i}`);
  }
});

test('the classic-script build runs without a module system, as from file://', async () => {
  const code = readFileSync(new URL('wasm/attention-engine.js', site), 'utf8');
  // The globals every browser the page supports has: the engine inflates its module with DecompressionStream.
  const globals = { WebAssembly, atob, TextDecoder, console, performance, setTimeout };
  const context = vm.createContext({ ...globals, Blob, Response, DecompressionStream });
  context.window = context;
  context.self = context;
  vm.runInContext(code, context, { filename: 'attention-engine.js' });
  const classic = await context.AttentionEngine.createEngine();
  const t = classic.run(bank());
  assert.ok(Math.abs(t.output.data[0] - 0.802224) < 1e-5);
});

test('view mode returns the same numbers without copying, overwritten by the next run as documented', () => {
  const state = randomState(rng(11), { T: 5, D: 3, Dk: 2, H: 2 });
  const copy = engine.run(state);
  const view = engine.run(state, { view: true });
  assert.deepEqual(Array.from(view.output.data), Array.from(copy.output.data));
  assert.equal(view.output.data.buffer.byteLength, engine.memoryBytes, 'a view into the wasm heap');
  engine.run({ ...state, temperature: 5 });
  assert.notDeepEqual(Array.from(view.heads[0].weights.data), Array.from(copy.heads[0].weights.data));
});

test('the wire protocol is read from the core: every slot and tensor entry a distinct number, masks by name', async () => {
  const { protocol } = await import(new URL('wasm/protocol.js', site));
  const p = protocol(engine._core);
  const slots = Object.values(p.slot),
    entries = Object.values(p.tensor);
  for (const v of [...slots, ...entries, p.headerInts, p.layoutPerHead, p.maskCustom, p.concat, p.output])
    assert.ok(Number.isInteger(v) && v >= 0, `not exported: ${v}`);
  assert.equal(new Set(slots).size, slots.length, 'header slots collide');
  assert.equal(new Set(entries).size, entries.length, 'tensor entries collide');
  assert.ok(Math.max(...entries) < p.layoutPerHead && slots.every((s) => s < p.headerInts));
  assert.deepEqual(p.maskNames, ['none', 'causal']);
  assert.ok(!p.maskNames[p.maskCustom], 'a custom mask has a code of its own');
});
