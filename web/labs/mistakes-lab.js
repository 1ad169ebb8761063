// <mistakes-lab>: three classic attention bugs run on the current state beside the correct version — Q and K
// swapped, √d_k forgotten, the causal mask ignored.  Both sides of each pair are engine runs.
import { h, define, setText, setAttr } from '../widgets/dom.js';
import { Panel } from '../panels/panel.js';
import { formatNumber } from '../widgets/format.js';
import { getEngine, labHeader, weightsGrid, widen, mean, adoptLabStyles } from './lab-kit.js';

const pairFigure = (title) => {
  const grid = h('div', { class: 'lab-heat' });
  return { grid, el: h('figure', { class: 'fig' }, h('figcaption', {}, title), grid) };
};

class MistakesLab extends Panel {
  build() {
    adoptLabStyles();
    this.classList.add('lab');
    this._show = h(
      'button',
      {
        type: 'button',
        class: 'show-mistakes',
        onclick: () => {
          this._on = true;
          this.render(this.model);
        },
      },
      'Show the three mistakes',
    );
    this._k = h('input', {
      type: 'range',
      min: '1',
      max: '1',
      value: '1',
      'aria-label': 'd_k (in steps of the head’s d_k)',
      oninput: () => this.render(this.model),
    });
    this._DkLabel = h('output', {});
    this._sections = h('div', { hidden: true });
    this._swap = [pairFigure('correct: softmax(QKᵀ/√dₖ)'), pairFigure('swapped: softmax(KQᵀ/√dₖ)')];
    this._scale = [pairFigure('correct: ÷√dₖ'), pairFigure('forgotten: no ÷√dₖ')];
    this._mask = [pairFigure('correct: causal mask'), pairFigure('ignored: no mask')];
    this._swapText = h('p', { class: 'lab-figures' });
    this._scaleText = h('p', { class: 'lab-figures' });
    this._maskText = h('p', { class: 'lab-figures' });
    this._leaks = h('ul', { class: 'leaks' });
    const section = (title, note, figs, ...extra) =>
      h(
        'section',
        { class: 'mistake' },
        h('h3', {}, title),
        h('p', { class: 'note', html: note }),
        h('div', { class: 'lab-cols' }, figs[0].el, figs[1].el),
        ...extra,
      );
    this._sections.append(
      section(
        '1 · Q and K swapped',
        'Using X·W<sub>K</sub> as queries and X·W<sub>Q</sub> as keys gives scores KQᵀ = (QKᵀ)ᵀ: ' +
          'token <i>i</i> now scores what token <i>j</i> was looking for.',
        this._swap,
        this._swapText,
      ),
      section(
        '2 · √dₖ forgotten',
        'Each head is widened to a larger d<sub>k</sub> (columns repeated) so that its dot products ' +
          'grow like √d<sub>k</sub>, as random vectors’ do. Divided by √d<sub>k</sub> they stay put; undivided they saturate softmax ' +
          'and its gradient vanishes.',
        this._scale,
        h('div', { class: 'lab-bar' }, h('label', {}, 'dₖ', this._k, this._DkLabel)),
        this._scaleText,
      ),
      section(
        '3 · causal mask ignored',
        'A decoder must not read the future. Without the mask, token <i>i</i> attends to ' +
          'tokens after it; these weights leaked:',
        this._mask,
        this._maskText,
        this._leaks,
      ),
    );
    this.append(
      ...labHeader(
        this,
        'Classic mistakes, side by side',
        'One click runs three common bugs on the current state. Each pair is two engine runs: the correct computation ' +
          'and the buggy one.',
      ),
      h('div', { class: 'lab-bar' }, this._show),
      this._sections,
    );
  }

  render(model) {
    if (!this._on) return;
    this._sections.hidden = false;
    const engine = getEngine(),
      { state, head } = model;
    const tokens = state.tokens,
      Dk = state.heads[0].wq[0].length;
    const run = (s) => engine.run(s);
    const metrics = (t) => {
      const ht = t.heads[head];
      return {
        max: mean(ht.maxWeight),
        ent: mean(ht.entropy),
        grad: mean(ht.gradNorm),
        sat: t.flags.saturatedRows[head].length,
      };
    };
    const base = { ...state, mask: 'none' };

    // 1. Swapped: the raw scores are the transposed ones.
    const good = run(base),
      bad = run({ ...base, heads: state.heads.map((hd) => ({ ...hd, wq: hd.wk, wk: hd.wq })) });
    weightsGrid(this._swap[0].grid, tokens, good.heads[head].weights);
    weightsGrid(this._swap[1].grid, tokens, bad.heads[head].weights);
    const S = good.heads[head].scores,
      S2 = bad.heads[head].scores,
      W = good.heads[head].weights,
      W2 = bad.heads[head].weights,
      T = S.cols;
    let transposeGap = 0,
      moved = 0;
    for (let i = 0; i < T; i++) {
      for (let j = 0; j < T; j++) {
        transposeGap = Math.max(transposeGap, Math.abs(S2.data[i * T + j] - S.data[j * T + i]));
        moved = Math.max(moved, Math.abs(W2.data[i * T + j] - W.data[i * T + j]));
      }
    }
    setText(
      this._swapText,
      `swapped scores vs transposed correct scores: largest difference ${formatNumber(transposeGap, 4)} · ` +
        `weights moved by up to ${formatNumber(moved)}`,
    );

    // 2. No √d_k at a larger d_k.
    const kMax = Math.max(1, Math.floor(getEngine().limits.maxDK / Dk));
    if (this._k.max !== String(kMax)) {
      this._k.max = String(kMax);
      this._k.value = String(Math.min(kMax, Math.max(1, Math.round(64 / Dk))));
    }
    const k = Number(this._k.value),
      wide = widen(base, k);
    const scaled = run({ ...wide, scale: true }),
      unscaled = run({ ...wide, scale: false });
    weightsGrid(this._scale[0].grid, tokens, scaled.heads[head].weights);
    weightsGrid(this._scale[1].grid, tokens, unscaled.heads[head].weights);
    setText(this._DkLabel, ` ${Dk * k}`);
    setAttr(this._k, 'aria-valuetext', `d_k = ${Dk * k}`); // the slider's own value is the multiplier
    const a = metrics(scaled),
      b = metrics(unscaled);
    setText(
      this._scaleText,
      `dₖ = ${Dk * k} · mean max weight ${formatNumber(a.max)} → ${formatNumber(b.max)} · ` +
        `mean entropy ${formatNumber(a.ent)} → ${formatNumber(b.ent)} nats · mean ‖softmax Jacobian‖ ${formatNumber(a.grad, 3)} → ${formatNumber(b.grad, 3)} · ` +
        `saturated rows ${a.sat} → ${b.sat}`,
    );

    // 3. Causal mask ignored: the weights on future tokens.
    const causal = run({ ...state, mask: 'causal' });
    weightsGrid(this._mask[0].grid, tokens, causal.heads[head].weights);
    weightsGrid(this._mask[1].grid, tokens, W);
    const leaks = [];
    for (let i = 0; i < T; i++) for (let j = i + 1; j < T; j++) leaks.push([W.data[i * T + j], i, j]);
    leaks.sort((x, y) => y[0] - x[0]);
    const perRow = Array.from({ length: T }, (_, i) => leaks.filter((l) => l[1] === i).reduce((s, l) => s + l[0], 0));
    const seen = leaks.filter((l) => l[0] >= 0.005).length;
    setText(
      this._maskText,
      `${seen} future weight${seen === 1 ? '' : 's'} ≥ 0.005 · on average ${formatNumber(mean(perRow) * 100, 0)}% ` +
        'of a row’s attention leaked from the future',
    );
    this._leaks.replaceChildren(
      ...leaks
        .slice(0, 8)
        .map(([w, i, j]) =>
          h(
            'li',
            {},
            `“${tokens[i]}” (${i + 1}) read the future “${tokens[j]}” (${j + 1}) with weight ${formatNumber(w)}`,
          ),
        ),
    );
    if (!leaks.length) this._leaks.replaceChildren(h('li', {}, 'One token: there is no future to leak.'));
  }
}

define('mistakes-lab', MistakesLab);
