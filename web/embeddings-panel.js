// <embeddings-panel>: E, the static token embeddings, editable.  The lesson: one vector per word.
import { h, define, setText, setHidden } from './dom.js';
import { Panel, dimLabels } from './panel.js';
import { FEATURE_NOTES } from './presets.js';
import './matrix-editor.js';

class EmbeddingsPanel extends Panel {
  build() {
    this._shape = h('span', { class: 'shape' });
    this._editor = h('matrix-editor', { 'data-target': 'embeddings' });
    this._editor.name = 'E';
    this._legend = h('dl', { class: 'dims' });
    this.append(
      ...this.header({
        step: 'E',
        title: 'Token embeddings',
        formula: '<i>E</i> ∈ ℝ<sup><i>T</i>×<i>D</i></sup>',
        note:
          '<b>Static:</b> each word gets one row, whatever the sentence: “bank” is the same vector by a river ' +
          'and at a deposit. Attention is what makes it depend on context.',
      }),
      h(
        'div',
        { class: 'e-row' },
        h('div', { class: 'tensor' }, h('div', { class: 'tensor-label' }, h('b', {}, 'E'), this._shape), this._editor),
        h(
          'div',
          { class: 'dims-box' },
          h('h3', { class: 'sub' }, 'What the dimensions mean'),
          this._legend,
          h(
            'p',
            { class: 'aside' },
            'Hand-made for these examples; a new word starts at 0 unless listed. Real models learn hundreds of unnamed dimensions.',
          ),
        ),
      ),
    );
  }

  render({ state, mark, names }) {
    const T = state.embeddings.length,
      D = state.embeddings[0].length;
    setText(this._shape, `${T}×${D}`);
    this._editor.rowLabels = state.tokens;
    this._editor.colLabels = dimLabels(D, names);
    this._editor.markChanges = mark;
    this._editor.value = state.embeddings;
    setHidden(this._legend.parentNode, !names);
    if (names && this._legend.childElementCount === 0) {
      this._legend.append(...names.flatMap((n, d) => [h('dt', {}, `${d + 1} ${n}`), h('dd', {}, FEATURE_NOTES[d])]));
    }
  }
}

define('embeddings-panel', EmbeddingsPanel);
