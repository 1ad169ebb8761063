// <weight-breakdown>: the arithmetic behind one weight a_ij with the trace's numbers: q_i·k_j as a sum of
// products, ÷√d_k ÷ τ, the mask, exp(s′ − the row's max) and ÷ the row's sum.  Every number shown is the
// trace's (the softmax's max and sum included); the products are spelled out, never computed here.
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
    // The softmax's own row max and sum of exponentials (the trace's): nothing is exponentiated here.
    const max = head.rowMax[i],
      total = head.rowSum[i],
      w = f(at(head.weights), 3);
    const less = max < 0 ? `− (${f(max)})` : `− ${f(max)}`; // never "− −3.10"
    this._set(exp, `e^(s′ − max) = e^(${f(masked)} ${less})`, '');
    this._set(sum, `÷ Σ_row e^(s′ − max) ${f(total, 3)} = `, w);
    this.summary = `${who}, e to the power ${f(masked)} minus the row's max ${f(max)}, divided by the row's sum ${f(total, 3)}: weight ${w}.`;
  }

  _set(row, text, result) {
    setText(row.text, text);
    setText(row.result, result);
  }
}

define('weight-breakdown', WeightBreakdown);
