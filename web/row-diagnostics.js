// <row-diagnostics>: per query row of the shown head, from the trace: softmax entropy, the largest weight,
// the softmax gradient's size ‖diag(p) − ppᵀ‖, and a warning for saturated or fully masked rows.
import { h, define } from './dom.js';
import { formatNumber as f } from './format.js';

class RowDiagnostics extends HTMLElement {
  connectedCallback() {
    if (this._table) return;
    this._warn = h('div', { class: 'saturation', role: 'status' });
    this._table = h('table', { class: 'diag' });
    this.append(this._warn, h('div', { class: 'grid-scroll' }, this._table));
  }

  /** { tokens, head (trace head), saturated: row indices, fullyMasked: row indices, cell } */
  set model({ tokens, head, saturated, fullyMasked, cell }) {
    const T = tokens.length, sat = new Set(saturated), dead = new Set(fullyMasked);
    const rows = tokens.map((t, r) => {
      const status = dead.has(r) ? h('span', { class: 'badge dead' }, 'nothing to attend to')
        : sat.has(r) ? h('span', { class: 'badge sat' }, '⚠ saturated') : h('span', { class: 'badge ok' }, 'ok');
      return h('tr', { class: r === cell[0] ? 'on' : '' },
        h('th', { scope: 'row' }, t),
        h('td', {}, f(head.entropy[r])),
        h('td', {}, f(head.maxWeight[r])),
        h('td', {}, f(head.gradNorm[r], 3)),
        h('td', {}, status));
    });
    this._table.replaceChildren(
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'query'),
        h('th', { scope: 'col', title: 'Softmax entropy −Σ p log p, in nats: 0 = all on one token' }, 'entropy'),
        h('th', { scope: 'col', title: 'The largest weight in the row' }, 'max weight'),
        h('th', { scope: 'col', title: 'Frobenius norm of the softmax Jacobian diag(p) − ppᵀ: the gradient signal' }, 'gradient ‖J‖'),
        h('th', { scope: 'col' }, 'status'))),
      h('tbody', {}, ...rows));
    const names = [...sat].map((r) => `“${tokens[r]}”`);
    this._warn.hidden = names.length === 0 && dead.size === 0;
    this._warn.replaceChildren();
    if (names.length) {
      this._warn.append(h('p', {}, h('b', {}, '⚠ Softmax saturated'), ` in row${names.length > 1 ? 's' : ''} ${names.join(', ')}: `
        + 'one weight ≥ 0.99 and the gradient ‖∂a/∂s‖ is near 0, so this row would barely learn. '
        + 'Turn ÷√d_k on or raise the temperature.'));
    }
    if (dead.size) {
      this._warn.append(h('p', {}, h('b', {}, 'Fully masked'), `: ${[...dead].map((r) => `“${tokens[r]}”`).join(', ')} may attend to nothing; `
        + 'its weights are all 0 and its output is 0.'));
    }
    this._T = T;
  }
}

define('row-diagnostics', RowDiagnostics);
