// <cost-lab>: the cost of attention, O(n²).  Times the engine's bare kernel over n random tokens (d = 64) on log-log axes
// with the fitted slope, SIMD against the scalar twins, and draws the n×n weights of a full traced run.
import { h, define, setText } from '../widgets/dom.js';
import { Panel } from '../panels/panel.js';
import { formatNumber, sequential } from '../widgets/format.js';
import { shownTheme } from '../widgets/theme.js';
import { getEngine, labHeader, linePlot, plotLegend, adoptLabStyles } from './lab-kit.js';
import { D, simdBuild, timeKernel, slope, randomState } from './cost-measure.js';

const SIZES = [64, 128, 256, 512, 1024, 2048],
  COLORS = { simd: 'var(--ap-plot-a)', scalar: 'var(--ap-plot-b)' };
const frame = () => new Promise((r) => requestAnimationFrame(() => r()));

class CostLab extends Panel {
  build() {
    adoptLabStyles(this);
    this.classList.add('lab');
    this._n = h(
      'select',
      { 'aria-label': 'Tokens n', onchange: () => this._measureAt() },
      ...SIZES.map((n) => h('option', { value: n, selected: n === 512 }, String(n))),
    );
    this._kernels = h(
      'select',
      { 'aria-label': 'Engine', onchange: () => this._measureAt() },
      h('option', { value: 'simd' }, 'SIMD (xsimd → wasm SIMD128)'),
      h('option', { value: 'scalar' }, 'scalar twins (double)'),
    );
    this._sweepBtn = h(
      'button',
      { type: 'button', class: 'measure', onclick: () => this._sweep() },
      'Measure n = 64 … 2048',
    );
    this._plot = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    // Not a live region: the slope is refitted after every point of a sweep (its final figures stay on screen).
    this._slope = h('p', { class: 'lab-figures slope' });
    // Live region: what the reader asked for by measuring, "measuring at n = …" and then its figures.
    this._figures = h('p', { class: 'lab-figures at-n', role: 'status' });
    this._canvas = h('canvas', { width: 256, height: 256, 'aria-label': 'Attention weights heatmap' });
    this._heatNote = h('p', { class: 'note' });
    this._times = { simd: [], scalar: [] };
    this.append(
      ...labHeader(
        this,
        'Cost: every token against every token',
        'The kernel softmax(QKᵀ/√d)·V on n random tokens of width 64: double n and the T×T scores quadruple, so the time ' +
          'grows like n² — a slope of 2 on log-log axes. The scalar engine runs the double-precision twins of the SIMD kernels.',
      ),
      h(
        'div',
        { class: 'lab-bar' },
        h('label', {}, 'n', this._n),
        h('label', {}, 'engine', this._kernels),
        this._sweepBtn,
      ),
      h(
        'div',
        { class: 'lab-cols' },
        h(
          'figure',
          { class: 'fig' },
          this._plot,
          plotLegend([
            [COLORS.simd, 'SIMD'],
            [COLORS.scalar, 'scalar'],
          ]),
          h('figcaption', {}, 'kernel time (ms) against n, log-log'),
          this._slope,
        ),
        h('figure', { class: 'fig' }, this._canvas, this._heatNote),
      ),
      this._figures,
    );
  }

  render() {
    if (this._started) return; // the random tokens do not depend on the playground's state
    this._started = true;
    this._sweep();
  }

  disconnectedCallback() {
    this._token = (this._token ?? 0) + 1;
  }

  /** Times the kernel at every n with the chosen engine. */
  async _sweep() {
    const token = (this._token = (this._token ?? 0) + 1),
      engine = getEngine(),
      kernels = this._kernels.value;
    this._sweepBtn.disabled = true;
    const points = [];
    timeKernel(engine, 256, kernels); // the first timed runs also pay for the wasm tier-up: discard them
    // The scalar twins take about a second at 2048: their sweep stops at 1024 (the n chosen below still times both).
    for (const n of SIZES.filter((x) => kernels === 'simd' || x <= 1024)) {
      await frame();
      if (token !== this._token) return;
      points.push([n, timeKernel(engine, n, kernels)]);
      this._times[kernels] = points.slice();
      this._drawPlot();
    }
    this._sweepBtn.disabled = false;
    this._drawPlot();
    await this._measureAt(token);
  }

  /** At the chosen n: SIMD and scalar kernel times, a full traced run, and its weights drawn. */
  async _measureAt(token = this._token) {
    setText(this._figures, `measuring at n = ${this._n.value}…`);
    await frame();
    if (token !== this._token) return;
    const engine = getEngine(),
      n = Number(this._n.value);
    const simd = timeKernel(engine, n, 'simd'),
      scalar = timeKernel(engine, n, 'scalar');
    const state = randomState(n);
    engine.run(state, { view: true }); // warm: the first large run may grow memory
    const t0 = performance.now();
    const trace = engine.run(state, { view: true });
    const full = performance.now() - t0;
    this._last = { n, simd, scalar, full };
    this._kernels.options[0].textContent = `SIMD (xsimd → wasm, ${simdBuild(engine)})`;
    this._drawHeat(trace.heads[0].weights);
    setText(
      this._figures,
      `n = ${n}, d = ${D}: kernel ${formatNumber(simd, 2)} ms (SIMD, ${simdBuild(engine)}) vs ${formatNumber(scalar, 1)} ms (scalar), ` +
        `speed-up ×${formatNumber(scalar / simd, 1)} · full traced run (projections, every intermediate, diagnostics) ${formatNumber(full, 1)} ms`,
    );
    this.dataset.simdMs = simd.toFixed(3);
    this.dataset.fullMs = full.toFixed(3);
  }

  /** The kernel times measured so far, per kernel: [n, ms] pairs in sweep order (what the plot and the fit show). */
  get times() {
    return { simd: this._times.simd.slice(), scalar: this._times.scalar.slice() };
  }

  _drawPlot() {
    const series = Object.entries(this._times)
      .filter(([, p]) => p.length)
      .map(([k, p]) => ({ points: p, color: COLORS[k], label: k, dots: true }));
    linePlot(this._plot, series, { xLog: true, yLog: true, xLabel: 'n tokens', yLabel: 'ms' });
    // A slope needs two sizes from 256 up (below that, fixed costs bend the line): until then, "measuring…".
    const fits = Object.entries(this._times)
      .map(([k, p]) => [k, p.filter(([n]) => n >= 256)])
      .filter(([, p]) => p.length >= 2)
      .map(([k, p]) => `${k}: slope ${formatNumber(slope(p), 2)}`);
    setText(
      this._slope,
      (fits.length ? `fitted slope (n ≥ 256) — ${fits.join(' · ')} (2 = quadratic)` : 'measuring…') + this._cutNote(),
    );
  }

  // Why the scalar line ends early, from its own points: the time the next size would take at the fitted slope.
  _cutNote() {
    const p = this._times.scalar;
    if (p.length < 3 || this._sweepBtn.disabled) return '';
    const [n, ms] = p[p.length - 1],
      next = SIZES.find((x) => x > n);
    if (!next) return '';
    const est = ms * (next / n) ** slope(p.filter(([x]) => x >= 256));
    return (
      `. The scalar line stops at n = ${n}: at ${next} each of its timed runs would take about ` +
      `${formatNumber(est / 1000, 1)} s (its slope), too long to repeat in a page that should stay responsive; ` +
      `choose n = ${next} above to time it once.`
    );
  }

  /** The n×n weights, each pixel the largest weight in its block, on a scale up to the matrix's largest. */
  _drawHeat(w) {
    const n = w.rows,
      px = Math.min(n, 512),
      block = n / px;
    this._canvas.width = px;
    this._canvas.height = px;
    const ctx = this._canvas.getContext('2d'),
      img = ctx.createImageData(px, px),
      data = w.data;
    let top = 0;
    for (let k = 0; k < data.length; k++) if (data[k] > top) top = data[k];
    const rgb = (css) => css.match(/\d+/g).map(Number),
      theme = shownTheme(this);
    for (let y = 0; y < px; y++) {
      for (let x = 0; x < px; x++) {
        let m = 0;
        for (let i = Math.floor(y * block); i < Math.floor((y + 1) * block); i++) {
          for (let j = Math.floor(x * block); j < Math.floor((x + 1) * block); j++) m = Math.max(m, data[i * n + j]);
        }
        const [r, g, b] = rgb(sequential(top ? m / top : 0, theme).bg),
          o = (y * px + x) * 4;
        img.data[o] = r;
        img.data[o + 1] = g;
        img.data[o + 2] = b;
        img.data[o + 3] = 255;
      }
    }
    ctx.putImageData(img, 0, 0);
    setText(
      this._heatNote,
      `Softmax weights, ${n}×${n}${block > 1 ? ` (each pixel the largest of a ${block}×${block} block)` : ''}; ` +
        `colour from 0 to the largest weight, ${formatNumber(top, 3)}.`,
    );
  }
}

define('cost-lab', CostLab);
