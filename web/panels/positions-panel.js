// <positions-panel>: P, what is added to each token's embedding for its place in the sentence, and X = E + P,
// what the projections read.  None, sinusoidal (computed by the engine) or learned (editable, starting from
// the sinusoidal values).  The lesson: without P attention cannot tell word order apart.
import { h, define, emit, uid, setProp, setText, setHidden } from '../widgets/dom.js';
import { Panel, dimLabels } from './panel.js';
import '../widgets/matrix-editor.js';
import '../widgets/matrix-view.js';

const MODES = [
  ['none', 'None'],
  ['sinusoidal', 'Sinusoidal'],
  ['learned', 'Learned'],
];

const modeOf = (state) => (Array.isArray(state.positions) ? 'learned' : state.positions);

class PositionsPanel extends Panel {
  build() {
    const name = uid('positions');
    this._radios = MODES.map(([value, label]) => {
      const input = h('input', { type: 'radio', name, value, 'data-lock': 'positions' });
      input.addEventListener('change', () => emit(this, 'control', { action: 'positions', value, lock: 'positions' }));
      return h('label', { class: 'seg' }, input, h('span', {}, label));
    });
    this._pShape = h('span', { class: 'shape' });
    this._xShape = h('span', { class: 'shape' });
    this._view = h('matrix-view');
    this._view.name = 'P';
    this._editor = h('matrix-editor', { 'data-target': 'positions', hidden: true });
    this._editor.name = 'P (learned)';
    this._x = h('matrix-view');
    this._x.name = 'X = E + P';
    this._about = h('p', { class: 'aside' });
    this._named = h('p', { class: 'aside', hidden: true });
    this.append(
      ...this.header({
        step: '+P',
        title: 'Positions',
        formula: '<math><mi>X</mi><mo>=</mo><mi>E</mi><mo>+</mo><mi>P</mi></math>',
        note:
          '<b>Word order:</b> attention compares every token with every other, wherever it stands: with no positions ' +
          'and no mask, “dog bites man” and “man bites dog” give “dog” the same output. Adding a vector for each ' +
          'place in the sentence tells the orders apart.',
      }),
      h('fieldset', { class: 'segmented', 'aria-label': 'Positions' }, ...this._radios),
      this._about,
      h(
        'div',
        { class: 'e-row' },
        h(
          'div',
          { class: 'tensor' },
          h('div', { class: 'tensor-label' }, h('b', {}, 'P'), this._pShape),
          this._view,
          this._editor,
        ),
        h(
          'div',
          { class: 'tensor' },
          h('div', { class: 'tensor-label' }, h('b', {}, 'X = E + P'), this._xShape),
          this._x,
          this._named,
        ),
      ),
    );
  }

  render({ state, trace, mark, names }) {
    const mode = modeOf(state),
      T = trace.x.rows,
      D = trace.x.cols;
    for (const label of this._radios) setProp(label.firstChild, 'checked', label.firstChild.value === mode);
    setText(
      this._about,
      mode === 'none'
        ? 'None: P is all 0 and X is E. Without a mask, reordering the sentence only reorders the outputs.'
        : mode === 'sinusoidal'
          ? 'Sinusoidal (the original Transformer’s): position pos adds sin(pos / 10000^(2i/D)) in column 2i and ' +
            'cos(…) in column 2i+1, counted from 0. Nothing to learn; each place gets its own pattern.'
          : 'Learned: a T×D table of numbers to edit (or train), starting from the sinusoidal values. ' +
            'A longer sentence or a larger D adds cells at 0.',
    );
    setText(this._pShape, `${T}×${D}`);
    setText(this._xShape, `${T}×${D}`);
    const learned = mode === 'learned';
    setHidden(this._editor, !learned);
    setHidden(this._view, learned);
    const cols = dimLabels(D, names);
    const shown = learned ? this._editor : this._view;
    shown.rowLabels = state.tokens.map((t, i) => `${i} ${t}`);
    shown.colLabels = cols;
    shown.markChanges = mark;
    if (learned) this._editor.value = state.positions;
    else this._view.matrix = trace.positions;
    this._x.rowLabels = state.tokens;
    this._x.colLabels = cols;
    this._x.markChanges = mark;
    this._x.matrix = trace.x;
    // With the lexicon's names, say what adding P does to them: real models share every dimension too.
    setHidden(this._named, !(names && mode !== 'none'));
    setText(
      this._named,
      names && mode !== 'none'
        ? 'Adding P also moves the named dimensions: in X, “' +
            `${cols[0]}” is no longer only ${cols[0]}. Real models do the same: position and meaning share ` +
            'every dimension, and the projections learn to read them apart.'
        : '',
    );
  }
}

define('positions-panel', PositionsPanel);
