// <embeddings-panel>: E, the static token embeddings, editable.  The lesson: one vector per word.
import { h, define, setText, setHidden } from '../widgets/dom.js';
import { Panel, dimLabels } from './panel.js';
import { DIMENSION_NAMES, DIMENSION_NOTES, lookup, vocabularySize } from '../state/lexicon.js';
import '../widgets/matrix-editor.js';

class EmbeddingsPanel extends Panel {
  build() {
    this._shape = h('span', { class: 'shape' });
    this._editor = h('matrix-editor', { 'data-target': 'embeddings' });
    this._editor.name = 'E';
    this._legend = h('dl', { class: 'dims' });
    this._unknown = h('p', { class: 'lexicon-note', hidden: true });
    this._fit = h('p', { class: 'aside', hidden: true });
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
        h(
          'div',
          { class: 'tensor' },
          h('div', { class: 'tensor-label' }, h('b', {}, 'E'), this._shape),
          this._editor,
          this._unknown,
        ),
        h(
          'div',
          { class: 'dims-box' },
          h('h3', { class: 'sub' }, 'What the dimensions mean'),
          this._legend,
          this._fit,
          h(
            'p',
            { class: 'aside' },
            `Built from WordNet: each of ${vocabularySize().toLocaleString('en')} common words gets the share of its ` +
              'senses, weighted by how often each is used, in each dimension. Real models learn hundreds of unnamed dimensions.',
          ),
        ),
      ),
    );
  }

  render({ state, mark, names }) {
    const T = state.embeddings.length,
      D = state.embeddings[0].length;
    setText(this._shape, `${T}×${D}`);
    // While the lexicon's names apply, a word it does not know says so: its row is not a meaning, only 0s.
    const unknown = names ? state.tokens.map((t) => !lookup(t)) : [];
    this._editor.rowLabels = state.tokens;
    this._editor.rowNotes = state.tokens.map((_, r) => (unknown[r] ? 'not in the lexicon' : ''));
    this._editor.colLabels = dimLabels(D, names);
    this._editor.markChanges = mark;
    this._editor.value = state.embeddings;
    const missing = [...new Set(state.tokens.filter((_, r) => unknown[r]))];
    setHidden(this._unknown, missing.length === 0);
    setText(
      this._unknown,
      missing.length
        ? `Not in the lexicon (marked ?): ${missing.map((w) => `“${w}”`).join(', ')}. ` +
            `${missing.length === 1 ? 'Its row starts' : 'Their rows start'} at 0; type values to give ${missing.length === 1 ? 'it' : 'them'} a meaning.`
        : '',
    );
    setHidden(this._legend.parentNode, !names);
    if (names) this._legendFor(D);
  }

  // The legend lists the dimensions E has: the first D of the lexicon's, then any unnamed ones.
  _legendFor(D) {
    const N = DIMENSION_NAMES.length;
    if (this._legendD === D) return;
    this._legendD = D;
    this._legend.replaceChildren(
      ...DIMENSION_NAMES.slice(0, D).flatMap((n, d) => [h('dt', {}, `${d + 1} ${n}`), h('dd', {}, DIMENSION_NOTES[d])]),
    );
    setHidden(this._fit, D === N);
    setText(
      this._fit,
      D < N
        ? `D = ${D}: only the first ${D} of the lexicon's ${N} dimensions are used (D = ${N} shows them all).`
        : D > N
          ? `D = ${D}: the lexicon has ${N} dimensions; ${D - N === 1 ? `column ${N + 1} is` : `columns ${N + 1}–${D} are`} unnamed and start at 0.`
          : '',
    );
  }
}

define('embeddings-panel', EmbeddingsPanel);
