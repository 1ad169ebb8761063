// The states a preset makes of the current one: the example's selected cell, the designed head at the current
// sizes, and the engine's sinusoidal table that a learned one starts from.
import { designedHead } from '../state/presets.js';
import * as ops from '../state/state-ops.js';

/** The [query, key] a sentence preset is about. */
export function focusOf(preset) {
  const tokens = preset.text.split(/\s+/);
  return [Math.max(0, tokens.indexOf(preset.focus[0])), Math.max(0, tokens.indexOf(preset.focus[1]))];
}

/** The sinusoidal table of the state's size, as rows: the engine's, from `trace` when it already has one. */
export function sinusoidalRows(engine, s, trace) {
  const P = s.positions === 'sinusoidal' ? trace.positions : engine.run({ ...s, positions: 'sinusoidal' }).positions;
  return Array.from({ length: P.rows }, (_, r) => Array.from(P.data.subarray(r * P.cols, (r + 1) * P.cols)));
}

/** The hand-made head for every head, resized to the current D and d_k; W_O back to none. */
export function designedState(s) {
  const { D, Dk, H } = ops.dims(s);
  const head = designedHead();
  const fit = (m) => ops.resize(m, D, Dk);
  return {
    ...s,
    heads: Array.from({ length: H }, () => ({ wq: fit(head.wq), wk: fit(head.wk), wv: fit(head.wv) })),
    wo: s.wo ? ops.setOutputProjection(s, true).wo : null,
  };
}
