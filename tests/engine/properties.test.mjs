// Property tests (fast-check) of every way a state comes in: engine.run and the trainer over random and
// malformed states, the link codec (exact round trips, damaged links), JSON import, and the size bound on
// delivered objects.  Each case must finish within a second and may throw only Errors that name a path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from '../../scripts/node_modules/fast-check/lib/fast-check.js';

const site = new URL('../../build/wasm/site/', import.meta.url);
const { createEngine } = await import(new URL('wasm/engine.js', site));
const { createTrainer } = await import(new URL('../../wasm/trainer.js', import.meta.url));
const codec = await import(new URL('web/state/state-codec.js', site));
const { loadJSON } = await import(new URL('web/embed/share-tools.js', site));
const { PlaygroundStore } = await import(new URL('web/app/playground-store.js', site));
const { sentenceState } = await import(new URL('web/state/presets.js', site));
const engine = await createEngine();
const cap = codec.stateCap(engine.limits);
const RUNS = { numRuns: 150, seed: 20261201 };
const PATH = /^[a-zA-Z]\w*(\.\w+|\[\d+\])*: \S/;

/** Runs fn, which must finish within a second; returns what it threw (an Error naming a path) or null. */
function bounded(fn, path = PATH) {
  const t0 = performance.now();
  let error = null;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  const ms = performance.now() - t0;
  assert.ok(ms < 1000, `a case took ${ms.toFixed(0)} ms`);
  if (error) {
    assert.ok(error instanceof Error, `threw a non-Error: ${String(error)}`);
    assert.match(error.message, path);
  }
  return error;
}

const hostile = fc.constantFrom(
  NaN,
  Infinity,
  -Infinity,
  1e6,
  -1e6,
  1000000.1,
  -0,
  5e-324,
  '1',
  null,
  undefined,
  [],
  {},
);
const finite = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: -3, max: 3, noNaN: true }) },
  { weight: 1, arbitrary: fc.integer({ min: -2, max: 2 }) },
  { weight: 1, arbitrary: fc.constantFrom(1e6, -1e6, 0, -0, 5e-324) },
);
const sometimes = (good, bad) => fc.oneof({ weight: 15, arbitrary: good }, { weight: 1, arbitrary: bad });
// rows×cols; when broken, now and then a row or a column too many or too few, or a hostile cell.
const matrix = (rows, cols, cell = finite, broken = false) =>
  fc
    .tuple(fc.integer({ min: -1, max: 1 }), fc.integer({ min: -1, max: 1 }), fc.integer({ min: 0, max: 29 }))
    .chain(([dr, dc, odd]) => {
      const r = broken && odd === 0 ? Math.max(0, rows + dr) : rows,
        c = broken && odd === 1 ? Math.max(0, cols + dc) : cols;
      const v = broken ? sometimes(cell, hostile) : cell;
      return fc.array(fc.array(v, { minLength: c, maxLength: c }), { minLength: r, maxLength: r });
    });
// A state of random shapes and values; a broken one has now and then a wrong shape, value or field.
const stateOf = (broken) =>
  fc
    .record({
      T: fc.integer({ min: 1, max: 6 }),
      D: fc.integer({ min: 1, max: 5 }),
      Dk: fc.integer({ min: 1, max: 4 }),
      H: fc.integer({ min: 1, max: 3 }),
      Dout: fc.integer({ min: 1, max: 4 }),
    })
    .chain(({ T, D, Dk, H, Dout }) => {
      const odd = (good, bad) => (broken ? sometimes(good, bad) : good);
      return fc.record(
        {
          tokens: fc.oneof(
            fc.array(fc.string({ maxLength: 5 }), { minLength: T, maxLength: T }),
            fc.constant(undefined),
          ),
          embeddings: matrix(T, D, finite, broken),
          heads: fc.array(
            fc.record({
              wq: matrix(D, Dk, finite, broken),
              wk: matrix(D, Dk, finite, broken),
              wv: matrix(D, Dk, finite, broken),
            }),
            { minLength: H, maxLength: H },
          ),
          wo: fc.oneof(fc.constant(null), matrix(H * Dk, Dout, finite, broken)),
          scale: odd(fc.boolean(), hostile),
          mask: odd(
            fc.oneof(fc.constantFrom('none', 'causal'), matrix(T, T, fc.constantFrom(0, 1))),
            fc.oneof(fc.constant('diagonal'), matrix(T, T, fc.constantFrom(0, 1, 0.5), true)),
          ),
          temperature: odd(
            fc.constantFrom(1, 0.001, 1000, 0.5, 7),
            fc.oneof(fc.constantFrom(0.0009, 1000.5, 0), hostile),
          ),
        },
        { requiredKeys: ['embeddings', 'heads'] },
      );
    });
const state = fc.oneof(stateOf(false), stateOf(true));

/** Every number of a trace is finite; weight rows sum to 1, or are zero and flagged fully masked. */
function checkTrace(trace) {
  const finite = (m, what) => m.data.forEach((v, i) => assert.ok(Number.isFinite(v), `${what}[${i}] = ${v}`));
  trace.heads.forEach((h, k) => {
    for (const name of ['q', 'k', 'v', 'scores', 'scaled', 'weights', 'output']) finite(h[name], `heads[${k}].${name}`);
    const T = h.weights.rows;
    for (let i = 0; i < T; i++) {
      let sum = 0;
      for (let j = 0; j < T; j++) sum += h.weights.data[i * T + j];
      if (trace.flags.fullyMaskedRows[k].includes(i)) assert.equal(sum, 0);
      else assert.ok(Math.abs(sum - 1) < 1e-5 * T, `heads[${k}] row ${i} sums to ${sum}`);
    }
  });
  finite(trace.output, 'output');
}

test('engine.run: random and malformed states give a finite trace or a path-named Error', () => {
  let ran = 0;
  fc.assert(
    fc.property(fc.oneof({ weight: 9, arbitrary: state }, { weight: 1, arbitrary: fc.anything() }), (s) => {
      let trace = null;
      if (bounded(() => (trace = engine.run(s)))) return;
      checkTrace(trace);
      ran++;
    }),
    RUNS,
  );
  assert.ok(ran >= RUNS.numRuns / 10, `only ${ran} valid states`);
  assert.ok(engine.run(sentenceState('river-bank')), 'the engine still works');
});

test('trainer: random states and options give finite losses or a path-named Error', () => {
  // Targets shaped by the state (T×T per head, T×Dout), so that valid ones are common.
  const withOptions = state.chain((s) => {
    const T = Array.isArray(s.embeddings) ? s.embeddings.length : 1,
      H = Array.isArray(s.heads) ? s.heads.length : 1,
      Dk = s.heads?.[0]?.wq?.[0]?.length ?? 1,
      Dout = Array.isArray(s.wo) ? (s.wo[0]?.length ?? 1) : H * Dk;
    // Marks only where the mask lets a token attend (a causal row attends up to itself).
    const allowed = (m) =>
      m.map((row, i) => row.map((v, j) => ((s.mask === 'causal' && j > i) || s.mask?.[i]?.[j] === 0 ? 0 : v)));
    const target = matrix(T, T, fc.constantFrom(0, 0, 1, 0.5)).map(allowed);
    const options = fc.record(
      {
        target: sometimes(
          fc.array(fc.oneof(fc.constant(null), target), { minLength: H, maxLength: H }),
          fc.array(fc.oneof(fc.constant(null), matrix(T, T, fc.constantFrom(0, 1, 0.5, 2, -1), true)), {
            maxLength: H + 1,
          }),
        ),
        targetOutput: fc.oneof(fc.constant(null), matrix(T, Dout, finite), matrix(T, Dout, finite, true)),
        learningRate: sometimes(fc.constantFrom(0.1, 100, 1e-9), fc.constantFrom(100.5, 0, -1, NaN)),
        train: sometimes(
          fc.subarray(['wq', 'wk', 'wv', 'embeddings'], { minLength: 1 }),
          fc.subarray(['wq', 'wo', 'bias']),
        ),
        kernels: fc.constantFrom('simd', 'scalar'),
      },
      { requiredKeys: [] },
    );
    return fc.tuple(fc.constant(s), options, fc.integer({ min: 0, max: 4 }));
  });
  let stepped = 0;
  fc.assert(
    fc.property(withOptions, ([s, o, n]) => {
      let trainer = null;
      if (bounded(() => (trainer = createTrainer(engine._core, s, o)))) return;
      if (bounded(() => trainer.step(n))) return;
      assert.ok(Number.isFinite(trainer.loss), `loss ${trainer.loss}`);
      checkTrace(engine.run(trainer.state)); // a step leaves a state the engine takes
      stepped++;
    }),
    RUNS,
  );
  assert.ok(stepped >= RUNS.numRuns / 20, `only ${stepped} cases trained`);
});

const plainState = fc
  .record({
    tokens: fc.array(fc.string({ unit: 'binary', maxLength: 6 }), { maxLength: 5 }),
    embeddings: fc.array(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }).map((v) => v || 0))),
    scale: fc.boolean(),
    mask: fc.oneof(fc.constant('causal'), fc.array(fc.array(fc.constantFrom(0, 1)))),
    temperature: fc.double({ min: 0.001, max: 1000, noNaN: true }),
  })
  .map((o) => ({ ...o }));

test('link codec: every state round-trips exactly', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(
        plainState,
        fc.jsonValue().map((v) => JSON.parse(JSON.stringify(v))),
      ),
      async (s) => {
        assert.deepEqual(await codec.decodeState(await codec.encodeState(s), cap), s);
      },
    ),
    RUNS,
  );
});

test('link codec: a damaged link is refused with a link: message, within a second', async () => {
  const good = await codec.encodeState(sentenceState('river-bank'));
  const damage = fc.oneof(
    fc.integer({ min: 0, max: good.length - 1 }).map((n) => good.slice(0, n)),
    fc
      .tuple(fc.integer({ min: 3, max: good.length - 1 }), fc.constantFrom(...'AZaz09-_.%~ '))
      .map(([i, c]) => good.slice(0, i) + c + good.slice(i + 1)),
    fc.string().map((t) => `s1.${t}`),
    fc.string(),
  );
  await fc.assert(
    fc.asyncProperty(damage, async (link) => {
      const t0 = performance.now();
      try {
        await codec.decodeState(link, cap); // some damage leaves a deflate stream that still inflates
      } catch (e) {
        assert.ok(e instanceof Error);
        assert.match(e.message, /^link: \S/);
      }
      assert.ok(performance.now() - t0 < 1000);
    }),
    RUNS,
  );
});

test('link codec: a deflate bomb is refused at the cap, fast', async () => {
  const spaces = new Uint8Array(2e7).fill(32);
  const bomb = new Response(
    new Blob(['{"tokens":[', spaces, spaces, spaces, ']}']).stream().pipeThrough(new CompressionStream('deflate-raw')),
  );
  const bytes = new Uint8Array(await bomb.arrayBuffer());
  const link = `s1.${Buffer.from(bytes).toString('base64url')}`;
  const t0 = performance.now();
  await assert.rejects(codec.decodeState(link, cap), {
    message: `link: the state would be larger than ${Number((cap / 1e6).toFixed(1))} MB; not loaded`,
  });
  assert.ok(performance.now() - t0 < 1000);
});

test('caps: the largest state the page shows, as Save JSON writes it, fits', () => {
  const big = codec.largestState(engine.limits);
  assert.ok(JSON.stringify(big, null, 1).length * 2 <= cap);
  assert.ok(cap < 10e6, `cap ${cap}`);
});

// A stand-in for the host handle the element gives the share bar: loadJSON reads its store (the engine's
// limits) and sets its element's state, as the share bar's file input does.
function element() {
  const store = new PlaygroundStore(engine);
  store.set(sentenceState('river-bank'), 'init');
  return {
    store,
    element: {
      set state(s) {
        store.set(s);
      },
    },
  };
}

test('JSON import: any text is loaded or refused by name, the state untouched', () => {
  const el = element();
  const text = fc.oneof(
    fc.string(),
    fc.jsonValue().map((v) => JSON.stringify(v)),
    state.map((s) => JSON.stringify(s)),
    fc.constant('x'.repeat(cap + 1)),
  );
  fc.assert(
    fc.property(text, (t) => {
      const before = el.store.state;
      let message;
      bounded(() => loadJSON(el, t, 'file "s.json"', (m) => (message = m)));
      if (message === null) return;
      assert.match(message, /^file "s\.json": \S/);
      assert.equal(el.store.state, before, 'a refusal leaves the state as it was');
    }),
    RUNS,
  );
});

test('delivered objects: sizes are bounded before they are walked', () => {
  const sparse = { tokens: new Array(1e9) },
    long = { embeddings: [new Array(3e5).fill(1)] };
  const t0 = performance.now();
  assert.throws(() => codec.checkStateSize(sparse, cap, 'set-state'), {
    message: /^set-state: the state would be larger than [\d.]+ MB; not loaded$/,
  });
  assert.throws(() => codec.checkStateSize(long, cap, 'set-state'));
  assert.ok(performance.now() - t0 < 1000);
  assert.doesNotThrow(() => codec.checkStateSize(codec.largestState(engine.limits), cap, 'set-state'));
  fc.assert(
    fc.property(fc.jsonValue(), (v) => {
      const fits = JSON.stringify(v ?? null).length <= cap / 25;
      if (fits) codec.checkStateSize(v, cap, 'set-state');
    }),
    RUNS,
  );
});
