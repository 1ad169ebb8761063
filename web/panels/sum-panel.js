// <sum-panel>: steps 4 and 5, weight the values and sum them: each token's head output is a weighted
// sum of every token's value vector.
import { h, define, setText, fittedBox } from '../widgets/dom.js';
import { Panel, indexLabels } from './panel.js';
import { formatNumber as f } from '../widgets/format.js';
import '../widgets/matrix-view.js';

class SumPanel extends Panel {
  build() {
    this._view = h('matrix-view');
    this._view.name = 'Head output Z';
    this._shape = h('span', { class: 'shape' });
    this._sum = h('p', { class: 'aside sum-line' });
    this.append(
      ...this.header({
        step: '4–5',
        title: 'Weight the values, then sum',
        formula:
          '<i>Z</i> = <i>A</i>·<i>V</i>&ensp;·&ensp;<i>z<sub>i</sub></i> = Σ<sub><i>j</i></sub> <i>a<sub>ij</sub></i> <i>v<sub>j</sub></i>',
        note: 'Every token becomes a mix of all value vectors, in proportion to its weights: a <b>contextual</b> embedding.',
      }),
      fittedBox(this._sum),
      h('div', { class: 'tensor' }, h('div', { class: 'tensor-label' }, h('b', {}, 'Z'), this._shape), this._view),
    );
  }

  render({ state, trace, head, mark, cell }) {
    const out = trace.heads[head].output;
    setText(this._shape, `${out.rows}×${out.cols}`);
    this._view.rowLabels = state.tokens;
    this._view.colLabels = indexLabels(out.cols);
    this._view.markChanges = mark;
    this._view.matrix = out;
    this.select(cell);
  }

  select(cell) {
    const { state, trace, head } = this.model;
    const w = trace.heads[head].weights,
      i = cell[0],
      T = w.cols;
    const key = state.tokens.join('\u0001');
    if (key !== this._key) {
      this._key = key;
      this._who = h('sub');
      this._terms = state.tokens.map((t) => h('b'));
      const parts = [];
      state.tokens.forEach((t, j) => {
        parts.push(h('span', { class: 'term' }, this._terms[j], '·v', h('sub', {}, t)));
        if (j < T - 1) parts.push(' + ');
      });
      this._sum.replaceChildren('z', this._who, ' = ', ...parts);
    }
    setText(this._who, state.tokens[i]);
    for (let j = 0; j < T; j++) setText(this._terms[j], f(w.data[i * T + j]));
    this._view.selected = [i, -1];
  }
}

define('sum-panel', SumPanel);
