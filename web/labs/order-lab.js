// <order-lab>: word order.  "dog bites man" beside "man bites dog" through the playground's weights: "dog"'s
// output row in each and the norm of their difference, with no positions, with sinusoidal positions, with a
// causal mask alone (and with the playground's learned table when it has one).  The rows come from engine
// runs; the norms are of those rows.
import { h, define, setText } from '../widgets/dom.js';
import { Panel } from '../panels/panel.js';
import { formatNumber } from '../widgets/format.js';
import { newRow } from '../state/state-ops.js';
import { getEngine, labHeader, rowOf, adoptLabStyles } from './lab-kit.js';

const WORD = 'dog',
  ORDERS = [
    ['dog', 'bites', 'man'],
    ['man', 'bites', 'dog'],
  ];
const SHOWN = 6; // output entries shown per row; the norm covers them all

const CASES = [
  {
    key: 'none',
    label: 'No positions, no mask',
    change: { positions: 'none', mask: 'none' },
    same: 'the same row: attention alone cannot tell who bit whom.',
    differs: 'differs, though nothing tells the orders apart here (rounding in a large state).',
  },
  {
    key: 'sinusoidal',
    label: 'Sinusoidal positions, no mask',
    change: { positions: 'sinusoidal', mask: 'none' },
    same: 'still the same row: these weights ignore what P adds (try other W_Q, W_K, W_V).',
    differs: '“dog” first and “dog” last now differ: positions tell the orders apart.',
  },
  {
    key: 'causal',
    label: 'No positions, causal mask',
    change: { positions: 'none', mask: 'causal' },
    same: 'the same row: these weights give every token the same value.',
    differs:
      'differs too, for another reason: first, “dog” may attend only to itself; last, to all three. The mask orders ' +
      'what each token sees, it does not mark where a token is (the first token of any sentence sees only itself).',
  },
];

const MINUS = '\u2212';
/** A norm as a sentence shows it: 3 significant digits, tiny ones in e-notation. */
export const formatNorm = (x) =>
  (x === 0 ? '0' : x < 1e-3 ? x.toExponential(1) : x.toPrecision(3)).replace('-', MINUS).replace('e' + MINUS, 'e−');

class OrderLab extends Panel {
  build() {
    adoptLabStyles(this);
    this.classList.add('lab');
    this._source = h('p', { class: 'note source' });
    this._table = h('table', { class: 'order' });
    this._figures = [];
    this.append(
      ...labHeader(
        this,
        'Word order: who bites whom',
        'Self-attention with no positions and no mask treats a sentence as a bag of words: reorder the tokens and the ' +
          'outputs are only reordered. Here “dog” is token 0 of one sentence and token 2 of the other.',
      ),
      this._source,
      h('div', { class: 'scroll' }, this._table),
    );
  }

  /** What the lab shows, per case: its key, "dog"'s two output rows and the norm of their difference. */
  get figures() {
    return this._figures.map((f) => ({ ...f, a: f.a.slice(), b: f.b.slice() }));
  }

  render(model) {
    const engine = getEngine(),
      cur = model.state,
      D = cur.embeddings[0].length;
    // "dog", "bites", "man": the playground's row when the word is in its sentence, else the lexicon's (or 0s).
    const rowOfWord = (w) => {
      const i = cur.tokens.indexOf(w);
      return i >= 0 ? cur.embeddings[i] : newRow(w, 0, D, null);
    };
    const base = { heads: cur.heads, wo: cur.wo, scale: cur.scale, temperature: cur.temperature };
    const cases = CASES.slice();
    if (Array.isArray(cur.positions) && cur.positions.length >= 3) {
      cases.push({
        key: 'learned',
        label: 'The playground’s learned P (rows 0–2), no mask',
        change: { positions: cur.positions.slice(0, 3), mask: 'none' },
        same: 'the same row: this table and these weights do not tell the orders apart.',
        differs: 'differs: the learned table tells the orders apart.',
      });
    }
    this._figures = cases.map((c) => {
      const [a, b] = ORDERS.map((tokens) => {
        const t = engine.run({ ...base, ...c.change, tokens, embeddings: tokens.map(rowOfWord) });
        return rowOf(t.output, tokens.indexOf(WORD));
      });
      const norm = Math.hypot(...a.map((v, k) => v - b[k])),
        size = Math.max(Math.hypot(...a), Math.hypot(...b));
      return { key: c.key, label: c.label, a, b, norm, same: norm <= 1e-5 * Math.max(1, size), c };
    });
    setText(
      this._source,
      `Through the playground’s ${cur.heads.length === 1 ? 'head' : `${cur.heads.length} heads`}` +
        `${cur.wo ? ' and W_O' : ''} at D = ${D}; the rows of E come from the playground when its sentence has the ` +
        'word, else from the lexicon. Edit the weights above and watch the figures change.',
    );
    const vec = (v) =>
      v
        .slice(0, SHOWN)
        .map((x) => formatNumber(x))
        .join(' ') + (v.length > SHOWN ? ' …' : '');
    this._table.replaceChildren(
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'Setting'),
        h('th', { scope: 'col' }, '“dog” in “dog bites man”'),
        h('th', { scope: 'col' }, '“dog” in “man bites dog”'),
        h('th', { scope: 'col' }, '‖difference‖'),
        h('th', { scope: 'col' }, 'What it shows'),
      ),
      ...this._figures.map((f) =>
        h(
          'tr',
          { 'data-case': f.key },
          h('th', { scope: 'row' }, f.label),
          h('td', {}, vec(f.a)),
          h('td', {}, vec(f.b)),
          h('td', { class: 'norm' }, formatNorm(f.norm)),
          h('td', { class: 'verdict' }, f.same ? f.c.same : f.c.differs),
        ),
      ),
    );
  }
}

define('order-lab', OrderLab);
