// Pure edits of the engine state: each takes a state and returns a new one, sharing what did not change.
// No DOM, no engine; the store validates every result through the engine before accepting it.
import { lexiconVector, tokenize, identity, zeros, seededRandom, randomMatrix } from './presets.js';

/** What this page can show live.  The engine takes far more; grids of that size would freeze the tab. */
export const DISPLAY_LIMITS = { tokens: 24, dModel: 16, dK: 16 };

const fail = (path, problem) => Object.assign(new Error(`${path}: ${problem}`), { path });

/** Fills optional fields with the engine's defaults and copies every array, so outside edits cannot reach in. */
export function normalize(state) {
  if (state === null || typeof state !== 'object' || Array.isArray(state)) return state; // the engine names it
  const copy = (m) => (Array.isArray(m) ? m.map((r) => (Array.isArray(r) ? r.slice() : r)) : m);
  const T = Array.isArray(state.embeddings) ? state.embeddings.length : 0;
  return {
    tokens: Array.isArray(state.tokens)
      ? state.tokens.slice()
      : (state.tokens ?? Array.from({ length: T }, (_, i) => `t${i + 1}`)),
    embeddings: copy(state.embeddings),
    heads: Array.isArray(state.heads)
      ? state.heads.map((h) => (h && typeof h === 'object' ? { wq: copy(h.wq), wk: copy(h.wk), wv: copy(h.wv) } : h))
      : state.heads,
    wo: state.wo === undefined ? null : copy(state.wo),
    scale: state.scale ?? true,
    mask: copy(state.mask ?? 'none'),
    temperature: state.temperature ?? 1,
  };
}

/** Throws when a state the engine accepts is too large to show; call after the engine has checked it. */
export function checkDisplayLimits(state) {
  const T = state.embeddings.length,
    D = state.embeddings[0]?.length ?? 0,
    Dk = state.heads[0]?.wq[0]?.length ?? 0;
  const L = DISPLAY_LIMITS;
  if (T > L.tokens) throw fail('state.embeddings', `${T} tokens is above this page's limit of ${L.tokens}`);
  if (D > L.dModel) throw fail('state.embeddings', `D = ${D} is above this page's limit of ${L.dModel}`);
  if (Dk > L.dK) throw fail('state.heads[0].wq', `Dk = ${Dk} is above this page's limit of ${L.dK}`);
}

export const dims = (state) => ({
  T: state.embeddings.length,
  D: state.embeddings[0].length,
  Dk: state.heads[0].wq[0].length,
  H: state.heads.length,
});

/** rows×cols, keeping the overlap of m and filling the rest with fill(r, c). */
export function resize(m, rows, cols, fill = () => 0) {
  return Array.from({ length: rows }, (_, r) =>
    Array.from({ length: cols }, (_, c) => (r < m.length && c < m[r].length ? m[r][c] : fill(r, c))),
  );
}

const withRow = (m, r, c, v) => m.map((row, i) => (i === r ? row.map((x, j) => (j === c ? v : x)) : row));

/** Sets one number.  target: 'embeddings', 'wo' or {head, key: 'wq'|'wk'|'wv'}. */
export function setCell(state, target, r, c, v) {
  if (target === 'embeddings' || target === 'wo') return { ...state, [target]: withRow(state[target], r, c, v) };
  const heads = state.heads.map((h, i) =>
    i === target.head ? { ...h, [target.key]: withRow(h[target.key], r, c, v) } : h,
  );
  return { ...state, heads };
}

/** Re-tokenises on whitespace; tokens that remain keep their rows (and mask entries), new ones come from the lexicon or start at 0. */
export function setSentence(state, text) {
  const tokens = tokenize(text);
  if (tokens.length === 0) throw fail('sentence', 'type at least one word');
  if (tokens.length > DISPLAY_LIMITS.tokens) {
    throw fail('sentence', `${tokens.length} words is above this page's limit of ${DISPLAY_LIMITS.tokens}`);
  }
  const D = state.embeddings[0].length;
  const used = new Set();
  const from = tokens.map((t) => {
    const i = state.tokens.findIndex((old, k) => old === t && !used.has(k));
    if (i >= 0) used.add(i);
    return i;
  });
  const embeddings = tokens.map((t, n) =>
    from[n] >= 0 ? state.embeddings[from[n]] : (lexiconVector(t, D) ?? new Array(D).fill(0)),
  );
  let mask = state.mask;
  if (Array.isArray(mask)) {
    mask = from.map((i) => from.map((j) => (i >= 0 && j >= 0 ? state.mask[i][j] : 1)));
  }
  return { ...state, tokens, embeddings, mask };
}

/** Changes D: E gains or loses columns, every W_Q/W_K/W_V rows; W_O's columns follow when they matched D. */
export function setModelDim(state, D) {
  const { T, D: oldD, Dk, H } = dims(state);
  const heads = state.heads.map((h) => ({ wq: resize(h.wq, D, Dk), wk: resize(h.wk, D, Dk), wv: resize(h.wv, D, Dk) }));
  const wo = state.wo && state.wo[0].length === oldD ? resize(state.wo, H * Dk, D) : state.wo;
  return { ...state, embeddings: resize(state.embeddings, T, D), heads, wo };
}

/** Changes Dk: every projection gains or loses columns; W_O's rows are rebuilt head block by head block. */
export function setHeadDim(state, Dk) {
  const { D, Dk: oldDk, H } = dims(state);
  const heads = state.heads.map((h) => ({ wq: resize(h.wq, D, Dk), wk: resize(h.wk, D, Dk), wv: resize(h.wv, D, Dk) }));
  let wo = state.wo;
  if (wo) {
    const cols = wo[0].length;
    wo = Array.from({ length: H * Dk }, (_, r) => {
      const h = Math.floor(r / Dk),
        d = r % Dk;
      return d < oldDk ? wo[h * oldDk + d].slice() : new Array(cols).fill(0);
    });
  }
  return { ...state, heads, wo };
}

/** Changes H: new heads get seeded random projections (seed + head index), W_O rows follow. */
export function setHeadCount(state, H, seed) {
  const { D, Dk } = dims(state);
  const heads = Array.from({ length: H }, (_, h) => state.heads[h] ?? randomHead(seed + h, D, Dk));
  const wo = state.wo ? resize(state.wo, H * Dk, state.wo[0].length) : null;
  return { ...state, heads, wo };
}

function randomHead(seed, D, Dk) {
  const next = seededRandom(seed);
  return { wq: randomMatrix(next, D, Dk), wk: randomMatrix(next, D, Dk), wv: randomMatrix(next, D, Dk) };
}

/** W_O on: (H·Dk)×D that averages the heads back into E's dimensions; off: the output is the concat. */
export function setOutputProjection(state, on) {
  if (!on) return { ...state, wo: null };
  const { D, Dk, H } = dims(state);
  const wo = Array.from({ length: H * Dk }, (_, r) =>
    Array.from({ length: D }, (_, c) => (r % Dk === c ? Math.round(100 / H) / 100 : 0)),
  );
  return { ...state, wo };
}

/** mode: 'none', 'causal' or 'custom' (starts from the mask in force, so nothing changes until a click). */
export function setMaskMode(state, mode) {
  if (mode !== 'custom') return { ...state, mask: mode };
  return { ...state, mask: effectiveMask(state) };
}

// Each named mask's rule; a custom mask is its own T×T allow-matrix.  The core states the same rules once
// (attn::may_attend) and the engine checks names against its own list.
const NAMED_MASKS = { none: () => true, causal: (i, j) => j <= i };

/** The masks a state may name. */
export const MASK_NAMES = Object.freeze(Object.keys(NAMED_MASKS));

/** May query i attend to key j under `mask` ('none', 'causal' or a T×T allow-matrix; absent means 'none')? */
export function maskAllows(mask, i, j) {
  return Array.isArray(mask) ? mask[i][j] !== 0 : NAMED_MASKS[mask ?? 'none'](i, j);
}

/** The T×T allow-matrix the state means, whatever its mask mode. */
export function effectiveMask(state) {
  const T = state.embeddings.length;
  if (Array.isArray(state.mask)) return state.mask;
  return Array.from({ length: T }, (_, i) =>
    Array.from({ length: T }, (_, j) => (maskAllows(state.mask, i, j) ? 1 : 0)),
  );
}

/** Flips whether query i may attend to key j (switching to a custom mask first). */
export function toggleMask(state, i, j) {
  const mask = effectiveMask(state);
  return { ...state, mask: withRow(mask, i, j, mask[i][j] ? 0 : 1) };
}

/** Replaces every W_Q, W_K, W_V (and W_O when on).  kind: 'identity', 'random' or 'zeros'. */
export function setProjections(state, kind, seed) {
  const { D, Dk, H } = dims(state);
  const make = kind === 'identity' ? () => identity(D, Dk) : () => zeros(D, Dk);
  const heads =
    kind === 'random'
      ? Array.from({ length: H }, (_, h) => randomHead(seed + h, D, Dk))
      : state.heads.map(() => ({ wq: make(), wk: make(), wv: make() }));
  let wo = state.wo;
  if (wo) {
    const rows = H * Dk,
      cols = wo[0].length;
    if (kind === 'identity') wo = identity(rows, cols);
    else if (kind === 'zeros') wo = zeros(rows, cols);
    else wo = randomMatrix(seededRandom(seed + H), rows, cols);
  }
  return { ...state, heads, wo };
}
