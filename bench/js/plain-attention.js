// Attention in plain JavaScript, written the way a tutorial would: Q·Kᵀ, scale, softmax per row, ·V.
// Row-major Float32Arrays, arithmetic in JS numbers (doubles); no tricks.  The baseline every engine must beat.

// out = a · bᵀ for a (n, d) and b (m, d): each score is the dot product of two rows.
function matmulTransposed(a, b, n, m, d) {
  const out = new Float32Array(n * m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      let dot = 0;
      for (let c = 0; c < d; c++) dot += a[i * d + c] * b[j * d + c];
      out[i * m + j] = dot;
    }
  }
  return out;
}

// Each row of s (n, m) becomes exp(x - max) / Σ exp(x - max), in place; subtracting the max keeps exp finite.
function softmaxRows(s, n, m) {
  for (let i = 0; i < n; i++) {
    let max = -Infinity;
    for (let j = 0; j < m; j++) max = Math.max(max, s[i * m + j]);
    let sum = 0;
    for (let j = 0; j < m; j++) {
      const e = Math.exp(s[i * m + j] - max);
      s[i * m + j] = e;
      sum += e;
    }
    for (let j = 0; j < m; j++) s[i * m + j] /= sum;
  }
}

// out = p · v for p (n, m) and v (m, d): row i of the output is the p-weighted sum of the rows of v.
function matmul(p, v, n, m, d) {
  const out = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      const w = p[i * m + j];
      for (let c = 0; c < d; c++) out[i * d + c] += w * v[j * d + c];
    }
  }
  return out;
}

/** softmax(q kᵀ / √d) v for q, k, v of shape (n, d), row-major.  Returns a new (n, d) Float32Array. */
export function plainAttention(q, k, v, n, d) {
  const scores = matmulTransposed(q, k, n, n, d);
  const scale = 1 / Math.sqrt(d);
  for (let i = 0; i < scores.length; i++) scores[i] *= scale;
  softmaxRows(scores, n, n);
  return matmul(scores, v, n, n, d);
}

// out = x · w for x (n rows of D numbers) and w (D rows of Dk numbers), the state's number[][] form.
function project(x, w) {
  const n = x.length,
    D = w.length,
    Dk = w[0].length;
  const out = new Float32Array(n * Dk);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < D; j++) {
      const xij = x[i][j];
      for (let c = 0; c < Dk; c++) out[i * Dk + c] += xij * w[j][c];
    }
  }
  return out;
}

/** What run() does for one head, minus the trace: Q, K, V = X·W_Q, X·W_K, X·W_V, then plainAttention. */
export function plainForward(state) {
  const x = state.embeddings,
    { wq, wk, wv } = state.heads[0];
  const n = x.length,
    Dk = wq[0].length;
  return plainAttention(project(x, wq), project(x, wk), project(x, wv), n, Dk);
}
