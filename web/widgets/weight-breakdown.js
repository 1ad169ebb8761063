// <weight-breakdown>: the arithmetic behind one weight a_ij with the trace's numbers: q_i·k_j as a sum of
// products, ÷√d_k ÷ τ, the mask, exp and ÷ the row's sum.  Every total shown is the trace's; only the
// terms (products, exponentials, their sum) are spelled out here to show where the totals come from.
import { h, define, setText, fittedBox } from './dom.js';
import { formatNumber as f, formatEdit } from './format.js';

const STEPS = ['score', 'scale', 'mask', 'exp', '÷ sum'];

class WeightBreakdown extends HTMLElement {
  /** The breakdown in one sentence (results only, no products), for announcing. */
  summary = '';

  connectedCallback() {
    if (this._rows) return;
    this._who = [h('b'), h('b'), h('span', { class: 'muted' })];
    const title = h('p', { class: 'bd-title' }, 'How ', this._who[0], ' attends to ', this._who[1], this._who[2]);
    // Each step: a label, the working (plain text) and its result (bold, from the trace).
    this._rows = STEPS.map((label) => {
      const row = { text: h('span'), result: h('b'), li: null };
      row.li = h('li', {}, h('span', { class: 'bd-label' }, label), h('span', {}, row.text, row.result));
      return row;
    });
    this._rows[4].result.className = 'result';
    this.append(fittedBox(title, h('ol', { class: 'bd-steps' }, ...this._rows.map((r) => r.li))));
  }

  /** { tokens, head (trace head), cell: [i, j], scale, temperature } */
  set model({ tokens, head, cell, scale, temperature }) {
    const [i, j] = cell,
      T = head.weights.cols,
      Dk = head.q.cols;
    const q = head.q.data.subarray(i * Dk, (i + 1) * Dk),
      k = head.k.data.subarray(j * Dk, (j + 1) * Dk);
    const at = (m) => m.data[i * m.cols + j];
    setText(this._who[0], tokens[i]);
    setText(this._who[1], tokens[j]);
    setText(this._who[2], ` (row ${i + 1}, column ${j + 1})`);
    const who = `How ${tokens[i]} attends to ${tokens[j]}: score ${f(at(head.scores))}, scaled ${f(at(head.scaled))}`;
    const [score, scaled, mask, exp, sum] = this._rows;
    const products = Array.from(q, (qd, d) => `${f(qd)}×${f(k[d])}`).join(' + ');
    this._set(score, `q·k = ${products} = `, f(at(head.scores)));
    const divisors = [scale ? `√${Dk}` : null, temperature !== 1 ? formatEdit(temperature) : null].filter(Boolean);
    this._set(
      scaled,
      divisors.length ? `${f(at(head.scores))} ÷ ${divisors.join(' ÷ ')} = ` : 'not scaled (√d_k off, τ = 1): ',
      f(at(head.scaled)),
    );
    const masked = at(head.masked);
    if (masked === -Infinity) {
      this._set(mask, 'blocked: −∞, so the weight is exactly 0', '');
      this._set(exp, 'e^(−∞) = ', '0');
      this._set(sum, 'weight = ', f(at(head.weights), 3));
      this.summary = `${who}, blocked by the mask, weight 0.`;
      return;
    }
    this._set(mask, 'allowed: ', f(masked));
    // Row max and sum of exponentials, to show how the trace's weight arises from its masked scores.
    const row = head.masked.data.subarray(i * T, (i + 1) * T);
    let max = -Infinity;
    for (const x of row) if (x > max) max = x;
    let total = 0;
    for (const x of row) if (x !== -Infinity) total += Math.exp(x - max);
    const e = Math.exp(masked - max);
    this._set(exp, `e^(${f(masked)} − max ${f(max)}) = `, f(e, 3));
    this._set(sum, `${f(e, 3)} ÷ Σ_row ${f(total, 3)} = `, f(at(head.weights), 3));
    this.summary = `${who}, exponential ${f(e, 3)} divided by the row's sum ${f(total, 3)}: weight ${f(at(head.weights), 3)}.`;
  }

  _set(row, text, result) {
    setText(row.text, text);
    setText(row.result, result);
  }
}

define('weight-breakdown', WeightBreakdown);
