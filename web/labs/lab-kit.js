// Shared by the teaching labs: the page's engine, a lab's heading, the state helpers, and (re-exported from
// their own modules) the weights grid, the line plots and the labs' stylesheet.  Every number a lab shows
// comes from an engine trace or a timer.
import { h, emit } from '../widgets/dom.js';
import { loadEngine } from '../app/engine-loader.js';

export { weightsGrid } from './weights-grid.js';
export { linePlot, plotLegend } from './line-plot.js';
export { LAB_CSS, adoptLabStyles } from './lab-styles.js';

let engine = null;
loadEngine().then(
  (e) => {
    engine = e;
  },
  () => {},
);
/** The page's engine (loaded before <attention-playground> is defined, so before any lab renders). */
export const getEngine = () => engine;

export const mean = (a) => (a.length ? a.reduce((s, x) => s + x, 0) / a.length : 0);

/** Row i of a trace matrix as a plain array. */
export const rowOf = (m, i) => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols));

/** Sends a whole new state up to the playground (one undo step per group until a `commit`). */
export function sendState(el, state, group = 'lab') {
  emit(el, 'control', { action: 'lab-state', value: { state, group } });
}

/**
 * The state with every head widened from Dk to k·Dk by repeating the columns of W_Q, W_K (each × k^-1/4)
 * and W_V: the scaled scores are unchanged while the unscaled ones grow like √(k·Dk) — what a larger d_k does
 * to dot products.  W_O is dropped (its shape would no longer fit).
 */
export function widen(state, k) {
  const tile = (m, f) => m.map((row) => Array.from({ length: row.length * k }, (_, c) => row[c % row.length] * f));
  const f = k ** -0.25;
  return {
    ...state,
    wo: null,
    heads: state.heads.map((hd) => ({ wq: tile(hd.wq, f), wk: tile(hd.wk, f), wv: tile(hd.wv, 1) })),
  };
}

/** A lab's heading: title, a one-line lesson.  (Not .panel-head: the pipeline's titles stay the pipeline's.) */
export function labHeader(el, title, note) {
  const id = `${el.localName}-${Math.random().toString(36).slice(2, 8)}`;
  el.setAttribute('aria-labelledby', id);
  return [
    h('div', { class: 'lab-head', part: 'panel-heading' }, h('h2', { id }, title)), // no banner landmark (panel.js)
    h('p', { class: 'note', html: note }),
  ];
}
