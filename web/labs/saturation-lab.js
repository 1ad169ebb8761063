// <saturation-lab>: why attention divides by √d_k.  A d_k slider widens every head (dot products grow like √d_k)
// and plots, scaled against unscaled, the rows' mean largest weight, entropy and softmax-Jacobian norm.
import { h, define, setText, setAttr } from '../widgets/dom.js';
import { Panel } from '../panels/panel.js';
import { formatNumber } from '../widgets/format.js';
import { getEngine, labHeader, widen, mean, linePlot, plotLegend, adoptLabStyles } from './lab-kit.js';

const METRICS = [
  ['maxWeight', 'mean largest weight'],
  ['entropy', 'mean entropy (nats)'],
  ['gradNorm', 'mean ‖softmax Jacobian‖'],
];
const SCALED = 'var(--ap-plot-a)',
  UNSCALED = 'var(--ap-plot-b)';

class SaturationLab extends Panel {
  build() {
    adoptLabStyles(this);
    this.classList.add('lab');
    this._k = h('input', {
      type: 'range',
      min: '1',
      max: '1',
      value: '1',
      'aria-label': 'd_k',
      oninput: () => this._draw(),
    });
    this._DkValue = h('output', { class: 'dk-value' });
    this._plots = METRICS.map(() => document.createElementNS('http://www.w3.org/2000/svg', 'svg'));
    this._table = h('table', { class: 'saturation-table' });
    this._satNote = h('p', { class: 'lab-figures sat-rows', role: 'status' });
    this.append(
      ...labHeader(
        this,
        'Saturation: why ÷√dₖ',
        'Drag d<sub>k</sub>: each head is widened (its columns repeated) so that q·k grows like √d<sub>k</sub>, as it does for random ' +
          'vectors. Divided by √d<sub>k</sub> (blue) the weights stay put; without it (orange) the scores grow with d<sub>k</sub>, ' +
          "so each row's largest weight can only rise and its entropy only fall: softmax heads for saturation (one weight " +
          'near 1), where the Jacobian that carries the gradient vanishes. The line under the table counts the rows that got there.',
      ),
      h('div', { class: 'lab-bar' }, h('label', {}, 'dₖ', this._k, this._DkValue)),
      plotLegend([
        [SCALED, 'scaled ÷√dₖ'],
        [UNSCALED, 'unscaled'],
      ]),
      h(
        'div',
        { class: 'lab-cols' },
        ...this._plots.map((svg, k) => h('figure', { class: 'fig' }, svg, h('figcaption', {}, METRICS[k][1]))),
      ),
      this._table,
      this._satNote,
    );
  }

  render(model) {
    const { state, head } = model,
      Dk = state.heads[0].wq[0].length;
    const kMax = Math.max(1, Math.floor(getEngine().limits.maxDK / Dk));
    if (this._k.max !== String(kMax)) {
      this._k.max = String(kMax);
      this._k.value = String(Math.min(kMax, Math.max(1, Math.round(64 / Dk))));
    }
    // The sweep: two engine runs per d_k, kept until the state or head changes.
    const ks = Array.from({ length: kMax }, (_, i) => i + 1);
    const engine = getEngine(),
      base = { ...state, mask: state.mask };
    this._sweep = ks.map((k) => {
      const wide = widen(base, k);
      const at = (scale) => {
        const t = engine.run({ ...wide, scale }),
          ht = t.heads[head];
        return {
          ...Object.fromEntries(METRICS.map(([m]) => [m, mean(ht[m])])),
          sat: t.flags.saturatedRows[head].length,
        };
      };
      return { Dk: Dk * k, scaled: at(true), unscaled: at(false) };
    });
    this._Dk = Dk;
    this._draw();
  }

  _draw() {
    if (!this._sweep) return;
    const wideDk = this._Dk * Number(this._k.value);
    setText(this._DkValue, ` ${wideDk}`);
    setAttr(this._k, 'aria-valuetext', `d_k = ${wideDk}`); // the slider's own value is the multiplier
    const maxEntropy = Math.log(this.model.state.tokens.length);
    this._plots.forEach((svg, k) => {
      const m = METRICS[k][0];
      linePlot(
        svg,
        [
          { points: this._sweep.map((p) => [p.Dk, p.scaled[m]]), color: SCALED, label: 'scaled' },
          { points: this._sweep.map((p) => [p.Dk, p.unscaled[m]]), color: UNSCALED, label: 'unscaled' },
        ],
        {
          xLabel: 'dₖ',
          yLabel: m,
          title: `${METRICS[k][1]} against dₖ, scaled and unscaled`,
          marker: wideDk,
          yMin: 0,
          yMax: m === 'maxWeight' ? 1 : m === 'entropy' ? Math.max(maxEntropy, 0.1) : undefined,
        },
      );
    });
    const here = this._sweep.reduce((a, b) => (Math.abs(b.Dk - wideDk) < Math.abs(a.Dk - wideDk) ? b : a));
    const T = this.model.state.tokens.length,
      rows = (n) => `${n} of ${T} row${T === 1 ? '' : 's'}`;
    setText(
      this._satNote,
      `At dₖ = ${here.Dk}, saturated (one weight ≥ 0.99): ${rows(here.unscaled.sat)} without ÷√dₖ, ` +
        `${rows(here.scaled.sat)} with it.`,
    );
    this._table.replaceChildren(
      h('tr', {}, h('th', {}, `at dₖ = ${here.Dk}`), h('th', {}, 'scaled'), h('th', {}, 'unscaled')),
      ...METRICS.map(([m, label]) =>
        h(
          'tr',
          { 'data-metric': m },
          h('th', {}, label),
          h('td', {}, formatNumber(here.scaled[m], 3)),
          h('td', {}, formatNumber(here.unscaled[m], 3)),
        ),
      ),
    );
  }
}

define('saturation-lab', SaturationLab);
