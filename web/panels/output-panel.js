// <output-panel>: multi-head attention's last step.  The heads side by side, their concat, W_O (optional,
// editable) and the output: one contextual embedding per token, compared with its static row of E.
import { h, define, emit, uid, setText, setProp, setHidden } from '../widgets/dom.js';
import { Panel, dimLabels, indexLabels } from './panel.js';
import '../widgets/matrix-editor.js';
import '../widgets/matrix-view.js';
import '../widgets/heads-overview.js';

function tensor(name, el) {
  const shape = h('span', { class: 'shape' });
  return {
    shape,
    box: h('div', { class: 'tensor' }, h('div', { class: 'tensor-label' }, h('b', { html: name }), shape), el),
  };
}

class OutputPanel extends Panel {
  build() {
    const id = uid('wo');
    this._wo = h('input', { type: 'checkbox', id });
    this._wo.addEventListener('change', () => emit(this, 'control', { action: 'wo', value: this._wo.checked }));
    this._overview = h('heads-overview');
    this._concat = h('matrix-view', { 'data-role': 'concat' });
    this._concat.name = 'Concat of the heads';
    this._woEditor = h('matrix-editor', { 'data-target': 'wo' });
    this._woEditor.name = 'W_O';
    this._out = h('matrix-view', { 'data-role': 'output' });
    this._out.name = 'Output';
    this._compare = h('matrix-view', { class: 'compare' });
    this._compare.name = 'Static embedding and contextual output of the selected token';
    this._compare.cellSize = [52, 26];
    this._parts = {
      heads: h(
        'div',
        { class: 'sub-block' },
        h('h3', { class: 'sub' }, 'Each head attends its own way'),
        this._overview,
      ),
      concat: tensor('Concat', this._concat),
      wo: tensor('W<sub>O</sub>', this._woEditor),
      out: tensor('Output', this._out),
    };
    this._compareTitle = h('h3', { class: 'sub' });
    this._compareBlock = h(
      'div',
      { class: 'sub-block' },
      this._compareTitle,
      this._compare,
      h('p', { class: 'aside' }, 'Same word, same row of E in every sentence; its output row carries the context.'),
    );
    this.append(
      ...this.header({
        step: 'Out',
        title: 'Output: contextual embeddings',
        formula: 'MultiHead = Concat(head<sub>1</sub>, …, head<sub><i>H</i></sub>)·<i>W</i><sub>O</sub>',
        note:
          'Heads run in parallel on the same tokens; their outputs are concatenated and, with <i>W</i><sub>O</sub>, ' +
          'mixed back to <i>D</i> dimensions. Without it the output is the concat.',
      }),
      h(
        'div',
        { class: 'knobs' },
        h(
          'label',
          { class: 'check', for: id },
          this._wo,
          h('span', { html: 'Use an output projection <i>W</i><sub>O</sub>' }),
        ),
      ),
      this._parts.heads,
      h('div', { class: 'out-row' }, this._parts.concat.box, this._parts.wo.box, this._parts.out.box),
      this._compareBlock,
    );
  }

  render(model) {
    const { state, trace, head, mark, names, outNames } = model;
    const H = state.heads.length,
      Dk = state.heads[0].wq[0].length,
      D = state.embeddings[0].length;
    setProp(this._wo, 'checked', !!state.wo);
    setHidden(this._parts.heads, H === 1);
    if (H > 1) this._overview.model = { trace, head };
    const concatLabels =
      H === 1
        ? indexLabels(Dk)
        : Array.from({ length: H * Dk }, (_, c) => `h${Math.floor(c / Dk) + 1}.${(c % Dk) + 1}`);
    setHidden(this._parts.concat.box, H === 1 && !state.wo);
    this._concat.rowLabels = state.tokens;
    this._concat.colLabels = concatLabels;
    this._concat.markChanges = mark;
    this._concat.matrix = trace.concat;
    setText(this._parts.concat.shape, `${trace.concat.rows}×${trace.concat.cols}`);
    setHidden(this._parts.wo.box, !state.wo);
    if (state.wo) {
      this._woEditor.rowLabels = concatLabels;
      this._woEditor.colLabels = dimLabels(state.wo[0].length, state.wo[0].length === D ? names : null);
      this._woEditor.markChanges = mark;
      this._woEditor.value = state.wo;
      setText(this._parts.wo.shape, `${state.wo.length}×${state.wo[0].length}`);
    }
    const out = trace.output;
    this._out.rowLabels = state.tokens;
    this._out.colLabels = dimLabels(out.cols, state.wo ? null : outNames);
    this._out.markChanges = mark;
    this._out.matrix = out;
    setText(this._parts.out.shape, `${out.rows}×${out.cols}`);
    setHidden(this._compareBlock, !outNames || out.cols !== D);
    this.select(model.cell);
  }

  select(cell) {
    const { state, trace, outNames, mark } = this.model;
    const out = trace.output,
      D = state.embeddings[0].length,
      i = cell[0];
    this._out.selected = [i, -1];
    if (!outNames || out.cols !== D) return;
    setText(this._compareTitle, `“${state.tokens[i]}” before and after attention`);
    const data = new Float32Array(2 * D);
    data.set(state.embeddings[i], 0);
    data.set(out.data.subarray(i * D, (i + 1) * D), D);
    this._compare.rowLabels = ['E (static)', 'output'];
    this._compare.colLabels = dimLabels(D, outNames);
    this._compare.markChanges = mark;
    this._compare.matrix = { rows: 2, cols: D, data };
  }
}

define('output-panel', OutputPanel);
