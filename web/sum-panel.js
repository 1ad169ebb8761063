// <sum-panel>: steps 4 and 5, weight the values and sum them: each token's head output is a weighted
// sum of every token's value vector.
import { h, define } from './dom.js';
import { Panel, indexLabels } from './panel.js';
import { formatNumber as f } from './format.js';
import './matrix-view.js';

class SumPanel extends Panel {
  build() {
    this._view = h('matrix-view');
    this._view.name = 'Head output Z';
    this._shape = h('span', { class: 'shape' });
    this._sum = h('p', { class: 'aside sum-line' });
    this.append(...this.header({
      step: '4–5', title: 'Weight the values, then sum',
      formula: '<i>Z</i> = <i>A</i>·<i>V</i>&ensp;·&ensp;<i>z<sub>i</sub></i> = Σ<sub><i>j</i></sub> <i>a<sub>ij</sub></i> <i>v<sub>j</sub></i>',
      note: 'Every token becomes a mix of all value vectors, in proportion to its weights: a <b>contextual</b> embedding.',
    }), this._sum, h('div', { class: 'tensor' }, h('div', { class: 'tensor-label' }, h('b', {}, 'Z'), this._shape), this._view));
  }

  render({ state, trace, head, mark, cell }) {
    const out = trace.heads[head].output;
    this._shape.textContent = `${out.rows}×${out.cols}`;
    this._view.rowLabels = state.tokens;
    this._view.colLabels = indexLabels(out.cols);
    this._view.markChanges = mark;
    this._view.matrix = out;
    this.select(cell);
  }

  select(cell) {
    const { state, trace, head } = this.model;
    const w = trace.heads[head].weights, i = cell[0], T = w.cols;
    const terms = [];
    for (let j = 0; j < T; j++) {
      terms.push(h('span', { class: 'term' }, f(w.data[i * T + j]), '·v', h('sub', {}, state.tokens[j])));
      if (j < T - 1) terms.push(' + ');
    }
    this._sum.replaceChildren('z', h('sub', {}, state.tokens[i]), ' = ', ...terms);
    this._view.selected = [i, -1];
  }
}

define('sum-panel', SumPanel);
