// A double-precision forward pass written straight from the formulas: the spec the engine is held to.
// Test-only; the page never computes attention in JavaScript.  The mask rule and the seeded random numbers are
// the page's (state-ops.js, presets.js), from the built site, where the generated lexicon they import sits.
import assert from 'node:assert/strict';
import { maskAllows } from '../../build/wasm/site/web/state/state-ops.js';

/** The agreement the engine is held to: |got − want| ≤ tol·max(1, |want|) in every entry of a row-major result. */
export function assertClose(got, want, path, tol = 2e-5) {
  assert.equal(got.rows, want.length, `${path}: rows`);
  assert.equal(got.cols, want[0].length, `${path}: cols`);
  for (let i = 0; i < got.rows; i++) {
    for (let j = 0; j < got.cols; j++) {
      const g = got.data[i * got.cols + j],
        w = want[i][j];
      if (!(Math.abs(g - w) <= tol * Math.max(1, Math.abs(w)))) assert.fail(`${path}[${i}][${j}]: got ${g}, want ${w}`);
    }
  }
}

const matmul = (a, b) => a.map((row) => b[0].map((_, j) => row.reduce((s, v, k) => s + v * b[k][j], 0)));
const transpose = (a) => a[0].map((_, j) => a.map((row) => row[j]));

/** P as the state asks for it: zeros, the sinusoidal table from its formula (pos from 0), or the table. */
export function referencePositions(state) {
  const T = state.embeddings.length,
    D = state.embeddings[0].length;
  if (Array.isArray(state.positions)) return state.positions;
  return Array.from({ length: T }, (_, pos) =>
    Array.from({ length: D }, (_, c) => {
      if (state.positions !== 'sinusoidal') return 0;
      const angle = pos / 10000 ** ((2 * Math.floor(c / 2)) / D);
      return c % 2 === 0 ? Math.sin(angle) : Math.cos(angle);
    }),
  );
}

export function referenceForward(state) {
  const T = state.embeddings.length;
  const Dk = state.heads[0].wq[0].length;
  const factor = (state.scale === false ? 1 : 1 / Math.sqrt(Dk)) / (state.temperature ?? 1);
  const positions = referencePositions(state);
  const x = state.embeddings.map((row, i) => row.map((e, c) => e + positions[i][c]));
  const heads = state.heads.map(({ wq, wk, wv }) => {
    const q = matmul(x, wq),
      k = matmul(x, wk),
      v = matmul(x, wv);
    const scores = matmul(q, transpose(k));
    const rowMax = [],
      rowSum = [];
    const weights = scores.map((row, i) => {
      const s = row.map((x, j) => (maskAllows(state.mask, i, j) ? x * factor : -Infinity));
      const m = Math.max(...s);
      rowMax.push(m);
      if (m === -Infinity) {
        rowSum.push(0);
        return s.map(() => 0);
      }
      const e = s.map((x) => Math.exp(x - m));
      const z = e.reduce((a, b) => a + b, 0);
      rowSum.push(z);
      return e.map((x) => x / z);
    });
    const entropy = weights.map((p) => -p.reduce((s, x) => s + (x > 0 ? x * Math.log(x) : 0), 0));
    return { q, k, v, scores, weights, entropy, rowMax, rowSum, output: matmul(weights, v) };
  });
  const concat = Array.from({ length: T }, (_, i) => heads.flatMap((h) => h.output[i]));
  return { positions, x, heads, concat, output: state.wo ? matmul(concat, state.wo) : concat };
}

/** A seeded generator (mulberry32, the page's own) so failures reproduce. */
export { seededRandom as rng } from '../../build/wasm/site/web/state/presets.js';

export function randomMatrix(next, rows, cols, scale = 1) {
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => (next() * 2 - 1) * scale));
}

export function randomState(next, { T, D, Dk, H, Dout = 0, mask = 'none', scale = true, temperature = 1 }) {
  return {
    tokens: Array.from({ length: T }, (_, i) => `t${i}`),
    embeddings: randomMatrix(next, T, D),
    heads: Array.from({ length: H }, () => ({
      wq: randomMatrix(next, D, Dk),
      wk: randomMatrix(next, D, Dk),
      wv: randomMatrix(next, D, Dk),
    })),
    wo: Dout > 0 ? randomMatrix(next, H * Dk, Dout) : null,
    scale,
    mask,
    temperature,
  };
}
