// The cost lab's measurements: n random tokens of width D, the bare kernel timed over them, and the slope of
// log time against log n.  No DOM: the lab draws what these return.
import { seededRandom } from '../state/presets.js';

export const D = 64;

/** Which SIMD kernels this engine runs: the relaxed-SIMD build's fused multiply-adds or plain SIMD128. */
export const simdBuild = (engine) =>
  engine.features.relaxedSimd ? 'relaxed-SIMD build, fused multiply-add' : 'SIMD128 build';

/** Milliseconds per kernel run at n tokens: the best of a few batches, each long enough to time. */
export function timeKernel(engine, n, kernels) {
  const kern = engine.kernel(n, D),
    next = seededRandom(n);
  for (const a of [kern.q, kern.k, kern.v]) for (let i = 0; i < a.length; i++) a[i] = next() * 2 - 1;
  kern.run(undefined, kernels); // warm up
  let best = Infinity;
  for (let batch = 0; batch < (kernels === 'scalar' && n >= 1024 ? 1 : 5); batch++) {
    let runs = 0;
    const t0 = performance.now();
    do {
      kern.run(undefined, kernels);
      runs += 1;
    } while (performance.now() - t0 < 4);
    best = Math.min(best, (performance.now() - t0) / runs);
  }
  return best;
}

/** Least-squares slope of log t against log n. */
export function slope(points) {
  const xs = points.map((p) => Math.log(p[0])),
    ys = points.map((p) => Math.log(p[1]));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length,
    my = ys.reduce((a, b) => a + b, 0) / ys.length;
  const num = xs.reduce((s, x, i) => s + (x - mx) * (ys[i] - my), 0),
    den = xs.reduce((s, x) => s + (x - mx) ** 2, 0);
  return den ? num / den : NaN;
}

/** n random tokens of width 64 and one head whose W_Q = W_K = ½·I (a token is most like itself). */
export function randomState(n) {
  const next = seededRandom(7);
  const eye = (c) => Array.from({ length: D }, (_, r) => Array.from({ length: D }, (_, k) => (r === k ? c : 0)));
  return {
    embeddings: Array.from({ length: n }, () => Array.from({ length: D }, () => next() * 2 - 1)),
    heads: [{ wq: eye(0.5), wk: eye(0.5), wv: eye(1) }],
    wo: null,
    scale: true,
    mask: 'none',
    temperature: 1,
  };
}
