// Size and sentence edits: T (the sentence), D, d_k, the head count and the position table grow or shrink,
// keeping what overlaps and bringing back kept values (kept-values.js).  No DOM, no engine.
import { tokenize, seededRandom, randomMatrix } from './presets.js';
import { DISPLAY_LIMITS, fail, dims } from './state-shape.js';
import { keptRow, newRow } from './kept-values.js';

/** rows×cols, keeping the overlap of m and filling the rest with fill(r, c). */
export function resize(m, rows, cols, fill = () => 0) {
  return Array.from({ length: rows }, (_, r) =>
    Array.from({ length: cols }, (_, c) => (r < m.length && c < m[r].length ? m[r][c] : fill(r, c))),
  );
}

/**
 * Re-tokenises on whitespace; tokens that remain keep their rows (and mask entries), new ones get their kept
 * row (see keptValues) or come from the lexicon or start at 0.
 */
export function setSentence(state, text, kept) {
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
  const seen = new Map();
  const embeddings = tokens.map((t, i) => {
    const n = seen.get(t) ?? 0;
    seen.set(t, n + 1);
    return from[i] >= 0 ? state.embeddings[from[i]] : newRow(t, n, D, kept);
  });
  let mask = state.mask;
  if (Array.isArray(mask)) {
    mask = from.map((i) => from.map((j) => (i >= 0 && j >= 0 ? state.mask[i][j] : 1)));
  }
  return { ...state, tokens, embeddings, mask, ...resizePositions(state, tokens.length, D, kept) };
}

/**
 * A learned position table resized to T×D: a position belongs to its place in the sentence, not to a word,
 * so rows stay by position; cells that reappear take their kept values, new ones 0.  Returned as the fields
 * to spread over the state: none for named positions.
 */
function resizePositions(state, T, D, kept) {
  const p = state.positions;
  return Array.isArray(p) ? { positions: resize(p, T, D, (r, c) => kept?.positions?.[r]?.[c] ?? 0) } : {};
}

/**
 * Chooses the positions: 'none', 'sinusoidal' or 'learned'.  Learned starts from `start` (T×D: the engine's
 * sinusoidal table), under the cells of a table kept from before; an existing learned table stays.
 */
export function setPositionMode(state, mode, start, kept) {
  if (mode !== 'learned') return { ...state, positions: mode };
  if (Array.isArray(state.positions)) return state;
  const { T, D } = dims(state);
  return { ...state, positions: resize(kept?.positions ?? [], T, D, (r, c) => start[r][c]) };
}

// Where a grown matrix gets a cell it did not have: the kept value there, else fallback (0).
const from =
  (k, fallback = () => 0) =>
  (r, c) =>
    k?.[r]?.[c] ?? fallback(r, c);

function occurrences(tokens) {
  const seen = new Map();
  return tokens.map((t) => {
    const n = seen.get(t) ?? 0;
    seen.set(t, n + 1);
    return n;
  });
}

// Every head's W_Q, W_K and W_V resized to D×Dk, cells that reappear taking their kept values.
function resizeHeads(state, D, Dk, kept) {
  return state.heads.map((h, i) => {
    const k = kept?.heads[i];
    return {
      wq: resize(h.wq, D, Dk, from(k?.wq)),
      wk: resize(h.wk, D, Dk, from(k?.wk)),
      wv: resize(h.wv, D, Dk, from(k?.wv)),
    };
  });
}

/**
 * Changes D: E gains or loses columns, every W_Q/W_K/W_V rows; W_O's columns follow when they matched D.
 * Cells that reappear get their kept values (see keptValues), others 0.
 */
export function setModelDim(state, D, kept) {
  const { T, D: oldD, Dk, H } = dims(state);
  const heads = resizeHeads(state, D, Dk, kept);
  const keptWo = (r, c) => kept?.wo[Math.floor(r / Dk)]?.[r % Dk]?.[c] ?? 0;
  const wo = state.wo && state.wo[0].length === oldD ? resize(state.wo, H * Dk, D, keptWo) : state.wo;
  const n = occurrences(state.tokens);
  const embeddings = resize(state.embeddings, T, D, (r, c) => keptRow(kept, state.tokens[r], n[r])?.[c] ?? 0);
  return { ...state, embeddings, heads, wo, ...resizePositions(state, T, D, kept) };
}

/** Changes Dk: every projection gains or loses columns; W_O's rows are rebuilt head block by head block. */
export function setHeadDim(state, Dk, kept) {
  const { D, Dk: oldDk, H } = dims(state);
  const heads = resizeHeads(state, D, Dk, kept);
  let wo = state.wo;
  if (wo) {
    const cols = wo[0].length;
    wo = Array.from({ length: H * Dk }, (_, r) => {
      const h = Math.floor(r / Dk),
        d = r % Dk;
      if (d < oldDk) return wo[h * oldDk + d].slice();
      const k = kept?.wo[h]?.[d];
      return Array.from({ length: cols }, (_, c) => k?.[c] ?? 0);
    });
  }
  return { ...state, heads, wo };
}

/** Changes H: heads that come back get their kept projections; new heads seeded random ones (seed + head index). */
export function setHeadCount(state, H, seed, kept) {
  const { D, Dk, H: oldH } = dims(state);
  const heads = Array.from({ length: H }, (_, h) => {
    if (state.heads[h]) return state.heads[h];
    const fresh = randomHead(seed + h, D, Dk),
      k = kept?.heads[h];
    if (!k) return fresh;
    const fill = (key) => resize(k[key], D, Dk, (r, c) => fresh[key][r][c]);
    return { wq: fill('wq'), wk: fill('wk'), wv: fill('wv') };
  });
  let wo = state.wo;
  if (wo) {
    const cols = wo[0].length;
    wo = Array.from({ length: H * Dk }, (_, r) => {
      const h = Math.floor(r / Dk);
      if (h < oldH) return wo[r].slice();
      const k = kept?.wo[h]?.[r % Dk];
      return Array.from({ length: cols }, (_, c) => k?.[c] ?? 0);
    });
  }
  return { ...state, heads, wo };
}

/** A head of seeded random W_Q, W_K, W_V (D×Dk). */
export function randomHead(seed, D, Dk) {
  const next = seededRandom(seed);
  return { wq: randomMatrix(next, D, Dk), wk: randomMatrix(next, D, Dk), wv: randomMatrix(next, D, Dk) };
}
