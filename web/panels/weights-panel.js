// <weights-panel>: step 3, softmax.  The weights as a heatmap with numbers and as arcs, the arithmetic of
// the weight being pointed at, and per-row diagnostics.
import { h, define, emit } from '../widgets/dom.js';
import { Panel } from './panel.js';
import { LEGENDS } from '../widgets/format.js';
import '../widgets/matrix-view.js';
import '../widgets/attention-arcs.js';
import '../widgets/weight-breakdown.js';
import '../widgets/row-diagnostics.js';

class WeightsPanel extends Panel {
  build() {
    this._heat = h('matrix-view', { class: 'heat' });
    this._heat.name = 'Attention weights';
    this._heat.scale = 'sequential';
    this._heat.selectable = true;
    this._heat.cellSize = [48, 30];
    this._heat.align = 'center';
    this._arcs = h('attention-arcs');
    // Not a live region (it follows every recompute): its summary is announced when the reader selects a weight.
    this._breakdown = h('weight-breakdown');
    this._diag = h('row-diagnostics');
    this.append(
      ...this.header({
        step: '3',
        title: 'Softmax weights',
        formula:
          '<i>A</i> = softmax<sub>row</sub>(<i>S</i>′)&ensp;·&ensp;<i>a<sub>ij</sub></i> = e<sup><i>s</i>′<sub><i>ij</i></sub></sup> ÷ Σ<sub><i>k</i></sub> e<sup><i>s</i>′<sub><i>ik</i></sub></sup>',
        note:
          'Each row becomes a probability distribution: how much token <i>i</i> draws from each token. ' +
          'Point at a weight (or focus it and use the arrow keys) to see its arithmetic.',
      }),
      h(
        'div',
        { class: 'weights-row' },
        h(
          'figure',
          { class: 'fig' },
          this._heat,
          h(
            'figcaption',
            { class: 'legend' },
            h('span', {}, '0'),
            h('span', { class: 'bar', style: `background:${LEGENDS.sequential}` }),
            h('span', {}, '1'),
            h('span', { class: 'masked-key' }, 'masked'),
          ),
        ),
        h('figure', { class: 'fig arcs-fig' }, this._arcs, h('figcaption', {}, 'Line thickness = weight')),
        this._breakdown,
      ),
      h('h3', { class: 'sub' }, 'Row diagnostics'),
      this._diag,
    );
  }

  render(model) {
    const { state, trace, head, mark } = model;
    const ht = trace.heads[head],
      masked = ht.masked,
      T = masked.cols;
    this._heat.rowLabels = state.tokens;
    this._heat.colLabels = state.tokens;
    this._heat.blocked = (r, c) => masked.data[r * T + c] === -Infinity;
    this._heat.markChanges = mark;
    this._heat.matrix = ht.weights;
    this.select(model.cell);
  }

  /** The reader selected a weight (pointed at or focused in any grid): its arithmetic is announced, once. */
  set selection(cell) {
    super.selection = cell;
    if (this._built && this.model) emit(this, 'announce', this._breakdown.summary);
  }

  select(cell) {
    const { state, trace, head } = this.model;
    const ht = trace.heads[head];
    this._heat.selected = cell;
    this._arcs.model = { tokens: state.tokens, weights: ht.weights, cell };
    this._breakdown.model = {
      tokens: state.tokens,
      head: ht,
      cell,
      scale: state.scale,
      temperature: state.temperature,
    };
    this._diag.model = {
      tokens: state.tokens,
      head: ht,
      cell,
      saturated: trace.flags.saturatedRows[head],
      fullyMasked: trace.flags.fullyMaskedRows[head],
      scale: state.scale,
      temperature: state.temperature,
    };
  }
}

define('weights-panel', WeightsPanel);
