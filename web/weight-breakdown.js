// <weight-breakdown>: the arithmetic behind one weight a_ij with the trace's numbers: q_i·k_j as a sum of
// products, ÷√d_k ÷ τ, the mask, exp and ÷ the row's sum.  Every total shown is the trace's; only the
// terms (products, exponentials, their sum) are spelled out here to show where the totals come from.
import { h, define } from './dom.js';
import { formatNumber as f, formatEdit } from './format.js';

class WeightBreakdown extends HTMLElement {
  connectedCallback() {
    if (this._body) return;
    this._title = h('p', { class: 'bd-title' });
    this._body = h('ol', { class: 'bd-steps' });
    this.append(this._title, this._body);
  }

  /** { tokens, head (trace head), cell: [i, j], scale, temperature } */
  set model({ tokens, head, cell, scale, temperature }) {
    const [i, j] = cell, T = head.weights.cols, Dk = head.q.cols;
    const q = head.q.data.subarray(i * Dk, (i + 1) * Dk), k = head.k.data.subarray(j * Dk, (j + 1) * Dk);
    const at = (m) => m.data[i * m.cols + j];
    this._title.replaceChildren('How ', h('b', {}, tokens[i]), ' attends to ', h('b', {}, tokens[j]),
      h('span', { class: 'muted' }, ` (row ${i + 1}, column ${j + 1})`));

    const products = Array.from(q, (qd, d) => `${f(qd)}×${f(k[d])}`).join(' + ');
    const divisors = [scale ? `√${Dk}` : null, temperature !== 1 ? `${formatEdit(temperature)}` : null].filter(Boolean);
    const masked = at(head.masked);
    const rows = [
      ['score', h('span', {}, 'q', h('sub', {}, tokens[i]), '·k', h('sub', {}, tokens[j]), ` = ${products} = `, h('b', {}, f(at(head.scores))))],
      ['scale', divisors.length
        ? h('span', {}, `${f(at(head.scores))} ÷ ${divisors.join(' ÷ ')} = `, h('b', {}, f(at(head.scaled))))
        : h('span', {}, 'not scaled (√d_k off, τ = 1): ', h('b', {}, f(at(head.scaled))))],
      ['mask', masked === -Infinity
        ? h('span', { class: 'warn' }, 'blocked: −∞, so the weight is exactly 0')
        : h('span', {}, 'allowed: ', h('b', {}, f(masked)))],
    ];
    if (masked !== -Infinity) {
      // Row max and sum of exponentials, to show how the trace's weight arises from its masked scores.
      const row = head.masked.data.subarray(i * T, (i + 1) * T);
      let max = -Infinity;
      for (const x of row) if (x > max) max = x;
      let sum = 0;
      for (const x of row) if (x !== -Infinity) sum += Math.exp(x - max);
      const e = Math.exp(masked - max);
      rows.push(['exp', h('span', {}, `e^(${f(masked)} − max ${f(max)}) = ${f(e, 3)}`)]);
      rows.push(['÷ sum', h('span', {}, `${f(e, 3)} ÷ Σ_row ${f(sum, 3)} = `, h('b', { class: 'result' }, f(at(head.weights), 3)))]);
    } else {
      rows.push(['weight', h('b', { class: 'result' }, f(at(head.weights), 3))]);
    }
    this._body.replaceChildren(...rows.map(([label, content]) => h('li', {}, h('span', { class: 'bd-label' }, label), content)));
  }
}

define('weight-breakdown', WeightBreakdown);
