// Pure edits of the engine state: each takes a state and returns a new one, sharing what did not change.
// No DOM, no engine; the store validates every result through the engine before accepting it.  Here the edits
// of values (cells, masks, projections); the shape, kept values and size edits sit beside it, re-exported.
import { identity, zeros, seededRandom, randomMatrix } from './presets.js';
import { dims } from './state-shape.js';
import { randomHead } from './state-resize.js';

export { DISPLAY_LIMITS, normalize, checkDisplayLimits, dims } from './state-shape.js';
export { keptValues, keepValues, forgetProjections, newRow } from './kept-values.js';
export { resize, setSentence, setPositionMode, setModelDim, setHeadDim, setHeadCount } from './state-resize.js';

const withRow = (m, r, c, v) => m.map((row, i) => (i === r ? row.map((x, j) => (j === c ? v : x)) : row));

/** Sets one number.  target: 'embeddings', 'wo', 'positions' (a learned table) or {head, key: 'wq'|'wk'|'wv'}. */
export function setCell(state, target, r, c, v) {
  if (typeof target === 'string') return { ...state, [target]: withRow(state[target], r, c, v) };
  const heads = state.heads.map((h, i) =>
    i === target.head ? { ...h, [target.key]: withRow(h[target.key], r, c, v) } : h,
  );
  return { ...state, heads };
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
