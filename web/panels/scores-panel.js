// <scores-panel>: step 1, the raw scores S = Q·Kᵀ of the shown head, and what they cost.
import { h, define, setText } from '../widgets/dom.js';
import { Panel } from './panel.js';
import '../widgets/matrix-view.js';

class ScoresPanel extends Panel {
  build() {
    this._view = h('matrix-view');
    this._view.name = 'Raw scores S';
    this._view.selectable = true;
    this._cost = h('p', { class: 'aside' });
    this.append(
      ...this.header({
        step: '1',
        title: 'Raw scores',
        formula: '<i>S</i> = <i>Q</i>·<i>K</i><sup>⊤</sup>',
        note: '<i>s<sub>ij</sub></i> = <i>q<sub>i</sub></i>·<i>k<sub>j</sub></i>: how well token <i>i</i>’s query matches token <i>j</i>’s key.',
      }),
      this._view,
      this._cost,
    );
  }

  render({ state, trace, head, mark, cell }) {
    const s = trace.heads[head].scores;
    this._view.rowLabels = state.tokens;
    this._view.colLabels = state.tokens;
    this._view.markChanges = mark;
    this._view.matrix = s;
    this._view.selected = cell;
    const H = trace.heads.length;
    setText(
      this._cost,
      `${s.rows}×${s.cols} = ${s.rows * s.cols} score${s.rows * s.cols === 1 ? '' : 's'} per head${H > 1 ? `, ${H * s.rows * s.cols} for ${H} heads` : ''}: ` +
        'the cost grows as O(T²) with the number of tokens.',
    );
  }

  select(cell) {
    this._view.selected = cell;
  }
}

define('scores-panel', ScoresPanel);
