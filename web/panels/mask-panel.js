// <mask-panel>: which scores may count.  None, causal, or custom: click a cell to block or allow it.
import { h, define, emit, uid, setProp } from '../widgets/dom.js';
import { Panel } from './panel.js';
import '../widgets/matrix-view.js';

const MODES = [
  ['none', 'None'],
  ['causal', 'Causal'],
  ['custom', 'Custom'],
];

class MaskPanel extends Panel {
  build() {
    const name = uid('mask');
    this._radios = MODES.map(([value, label]) => {
      const input = h('input', { type: 'radio', name, value });
      input.addEventListener('change', () => emit(this, 'control', { action: 'mask', value }));
      return h('label', { class: 'seg' }, input, h('span', {}, label));
    });
    this._view = h('matrix-view');
    this._view.name = 'Masked scores (activate a cell to block or allow it)';
    this._view.selectable = true;
    this._view.keys = 'pick';
    this._view.addEventListener('cell-activate', (e) => {
      e.stopPropagation();
      emit(this, 'control', { action: 'toggle-mask', value: [e.detail.row, e.detail.col] });
    });
    this.append(
      ...this.header({
        step: 'M',
        title: 'Mask',
        formula: 'blocked → −∞',
        note:
          'A blocked score becomes −∞, so its weight is exactly 0. Causal: a token sees only itself and earlier tokens. ' +
          '<b>Click a cell</b> (or press Enter on it) to block or allow it.',
      }),
      h('fieldset', { class: 'segmented', 'aria-label': 'Mask' }, ...this._radios),
      this._view,
    );
  }

  render({ state, trace, head, mark, cell }) {
    const mode = Array.isArray(state.mask) ? 'custom' : state.mask;
    for (const label of this._radios) {
      const input = label.firstChild;
      setProp(input, 'checked', input.value === mode);
    }
    this._view.rowLabels = state.tokens;
    this._view.colLabels = state.tokens;
    this._view.markChanges = mark;
    this._view.matrix = trace.heads[head].masked;
    this._view.selected = cell;
  }

  select(cell) {
    this._view.selected = cell;
  }
}

define('mask-panel', MaskPanel);
