// What one render hands out, from the store: the panels' model, the controls' model, and the example's
// "Look:" line (its point, or what an edit has taken away).  Pure reading: the element applies them.
import { setText, setHidden } from '../widgets/dom.js';
import { FEATURES, SENTENCES } from '../state/presets.js';

const isIdentity = (m) => m.every((row, r) => row.every((x, c) => x === (r === c ? 1 : 0)));

/**
 * The panels' model.  mark: whether changed numbers are marked (an edit, not a new state); locked: the
 * state's matrices that `readonly` or `editable` lock (the train lab reads them); walk: the walk's model.
 */
export function panelModel({ state, trace, ui }, { mark, locked, walk }) {
  const oneHead = state.heads.length === 1 && !state.wo;
  return {
    state,
    trace,
    head: ui.head,
    cell: ui.cell,
    mark,
    names: ui.named ? FEATURES : null,
    outNames: ui.named && oneHead && isIdentity(state.heads[0].wv) ? FEATURES : null,
    locked,
    walk,
  };
}

/** The controls' model; sync: whether fields show the state even while being typed in (not an edit). */
export function controlsModel(store, limits, sync) {
  const { state, ui } = store;
  return {
    state,
    head: ui.head,
    seed: ui.seed,
    canUndo: store.canUndo,
    canRedo: store.canRedo,
    canReset: store.canReset,
    limits,
    example: ui.example,
    sync,
  };
}

/** The "Look:" line of the example shown: its point, or what an edit has taken away (example: ExamplePoint). */
export function showExample(point, example, { state, trace, ui }) {
  const preset = SENTENCES.find((p) => p.id === ui.example);
  setHidden(point, !preset);
  if (!preset) return;
  const gone = example.gone(preset, state, trace);
  if (point.classList.contains('gone') !== !!gone) point.classList.toggle('gone', !!gone);
  setText(point, gone || preset.point);
}
