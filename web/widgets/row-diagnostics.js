// <row-diagnostics>: per query row of the shown head, from the trace: softmax entropy, the largest weight,
// the softmax gradient's size ‖diag(p) − ppᵀ‖, and a warning for saturated or fully masked rows.
import { h, define, emit, setText, setHidden, fittedBox, scrollBox } from './dom.js';
import { formatNumber as f, formatPlain } from './format.js';

const STATUS = { ok: ['ok', 'ok'], sat: ['sat', '⚠ saturated'], dead: ['dead', 'nothing to attend to'] };

// Only the remedies not already taken: ÷√d_k when it is off, a higher temperature, else smaller scores.
function advice(scale, t) {
  const raise = `raise the temperature τ (now ${formatPlain(t)})`;
  if (!scale) return `Turn ÷√d_k on or ${raise}.`;
  if (t < 1) return `${raise[0].toUpperCase()}${raise.slice(1)}.`;
  return `÷√d_k is on: ${raise} above 1, or make the values in E, W_Q or W_K smaller.`;
}

class RowDiagnostics extends HTMLElement {
  connectedCallback() {
    if (this._table) return;
    // Not a live region (it follows every recompute): a new warning is announced once, when typing stops.
    this._warn = h('div', { class: 'saturation' });
    this._body = h('tbody');
    this._table = h(
      'table',
      { class: 'diag' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, 'query'),
          h('th', { scope: 'col', title: 'Softmax entropy −Σ p log p, in nats: 0 = all on one token' }, 'entropy'),
          h('th', { scope: 'col', title: 'The largest weight in the row' }, 'max weight'),
          h(
            'th',
            { scope: 'col', title: 'Frobenius norm of the softmax Jacobian diag(p) − ppᵀ: the gradient signal' },
            'gradient ‖J‖',
          ),
          h('th', { scope: 'col' }, 'status'),
        ),
      ),
      this._body,
    );
    this.append(
      fittedBox(
        this._warn,
        scrollBox(() => 'Row diagnostics', this._table),
      ),
    );
    this._key = '';
  }

  /** { tokens, head (trace head), saturated: row indices, fullyMasked: row indices, cell, scale, temperature } */
  set model({ tokens, head, saturated, fullyMasked, cell, scale, temperature }) {
    const sat = new Set(saturated),
      dead = new Set(fullyMasked);
    const key = tokens.join('\u0001');
    if (key !== this._key) {
      this._key = key;
      this._rows = tokens.map((t) => {
        const cells = [h('td'), h('td'), h('td'), h('td', {}, h('span', { class: 'badge' }))];
        return { tr: h('tr', {}, h('th', { scope: 'row' }, t), ...cells), cells, status: '' };
      });
      this._body.replaceChildren(...this._rows.map((r) => r.tr));
    }
    this._rows.forEach((row, r) => {
      const [e, m, g, s] = row.cells;
      setText(e, f(head.entropy[r]));
      setText(m, f(head.maxWeight[r]));
      setText(g, f(head.gradNorm[r], 3));
      const status = dead.has(r) ? 'dead' : sat.has(r) ? 'sat' : 'ok';
      if (status !== row.status) {
        row.status = status;
        s.firstChild.className = `badge ${STATUS[status][0]}`;
        s.firstChild.textContent = STATUS[status][1];
      }
      const on = r === cell[0];
      if (row.tr.classList.contains('on') !== on) row.tr.classList.toggle('on', on);
    });
    const names = (set) => [...set].map((r) => `“${tokens[r]}”`).join(', ');
    const text = [
      sat.size
        ? `⚠ Softmax saturated in row${sat.size > 1 ? 's' : ''} ${names(sat)}: one weight ≥ 0.99 and the gradient ‖J‖ is near 0, ` +
          `so this row would barely learn. ${advice(scale, temperature)}`
        : '',
      dead.size
        ? `Fully masked: ${names(dead)} may attend to nothing; ` +
          (dead.size > 1
            ? 'their weights are all 0 and their outputs are 0.'
            : 'its weights are all 0 and its output is 0.')
        : '',
    ]
      .filter(Boolean)
      .join('\n');
    if (text && text !== this._warn.textContent) emit(this, 'announce', text);
    setText(this._warn, text);
    setHidden(this._warn, text === '');
  }
}

define('row-diagnostics', RowDiagnostics);
