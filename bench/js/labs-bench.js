// The labs' performance figures (issue 6): one training step at T = 12, D = 8, H = 2 in the WebAssembly
// core, and the scale lab's recompute at n = 2048, d = 64 (its kernel, and the full traced run it draws).
// Median of 9 samples after warm-up.  Usage: npm --prefix bench run bench:labs  (after scripts/build wasm)
import { fileURLToPath } from 'node:url';
import { calibrate, median, sample } from './timing.js';

const ENGINE = fileURLToPath(new URL('../../build/wasm/site/wasm/engine.js', import.meta.url));
const { createEngine } = await import(ENGINE);
const engine = await createEngine();

let seed = 7;
const rnd = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;
const matrix = (r, c, s = 1) => Array.from({ length: r }, () => Array.from({ length: c }, () => rnd() * s));

async function measure(variant, sampleMs = 20) {
  const reps = await calibrate(variant, sampleMs);
  const xs = [];
  for (let i = 0; i < 9; i++) xs.push(await sample(variant, reps));
  return median(xs);
}

// Training: T = 12, D = 8, H = 2 heads of d_k = 4, every row of both heads marked with a target key.
const T = 12,
  D = 8,
  H = 2,
  Dk = 4;
const state = {
  tokens: Array.from({ length: T }, (_, i) => `t${i}`),
  embeddings: matrix(T, D),
  heads: Array.from({ length: H }, () => ({ wq: matrix(D, Dk, 0.5), wk: matrix(D, Dk, 0.5), wv: matrix(D, Dk, 0.5) })),
  wo: null,
  scale: true,
  mask: 'none',
  temperature: 1,
};
const target = Array.from({ length: H }, (_, h) =>
  Array.from({ length: T }, (_, i) => Array.from({ length: T }, (_, j) => (j === (i + h + 1) % T ? 1 : 0))),
);
const rows = [];
for (const [label, train] of [
  ['W_Q, W_K (the default)', ['wq', 'wk']],
  ['W_Q, W_K, W_V, E', ['wq', 'wk', 'wv', 'embeddings']],
]) {
  for (const kernels of ['simd', 'scalar']) {
    const trainer = engine.trainer(state, { target, learningRate: 0.05, train, kernels });
    const batch = await measure({ call: () => trainer.step(100) });
    const single = await measure({ call: () => trainer.step(1) });
    rows.push({
      what: `train ${label}, ${kernels}`,
      'µs per step (100 a call)': batch * 10,
      'µs per step(1) call': single * 1e3,
    });
  }
}

// The scale lab at n = 2048, d = 64: the kernel it times, and the full traced run whose weights it draws.
const n = 2048,
  d = 64,
  k = engine.kernel(n, d);
for (const a of [k.q, k.k, k.v]) for (let i = 0; i < a.length; i++) a[i] = rnd();
const kernelMs = await measure({ call: () => k.run() }, 100);
const big = {
  tokens: Array.from({ length: n }, (_, i) => `t${i}`),
  embeddings: matrix(n, d),
  heads: [{ wq: matrix(d, d, 0.2), wk: matrix(d, d, 0.2), wv: matrix(d, d, 0.2) }],
  wo: null,
  scale: true,
  mask: 'none',
  temperature: 1,
};
const fullMs = await measure({ call: () => engine.run(big, { view: true }) }, 100);

console.log('Labs benchmark (WebAssembly core under Node)\n');
console.table(
  rows.map((r) =>
    Object.fromEntries(Object.entries(r).map(([key, v]) => [key, typeof v === 'number' ? Number(v.toFixed(2)) : v])),
  ),
);
console.log(
  `scale lab, n = ${n}, d = ${d}: kernel ${kernelMs.toFixed(1)} ms (target ≤ 40), full traced run ${fullMs.toFixed(1)} ms`,
);
const stepUs = rows[0]['µs per step (100 a call)'];
console.log(
  `targets: training step ${stepUs.toFixed(2)} µs ${stepUs <= 20 ? 'met' : 'MISSED'} (≤ 20 µs); scale-lab kernel ${kernelMs <= 40 ? 'met' : 'MISSED'} (≤ 40 ms)`,
);
