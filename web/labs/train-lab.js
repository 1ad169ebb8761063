// <train-lab>: mark the attention pattern a head should have, then let gradient descent (the engine's
// trainer, in C++) move the chosen parameters there.  The playground's state follows every step.
import { h, define, setText, setProp } from '../widgets/dom.js';
import { Panel } from '../panels/panel.js';
import { formatNumber } from '../widgets/format.js';
import { SENTENCES } from '../state/presets.js';
import { getEngine, labHeader, weightsGrid, linePlot, sendState, adoptLabStyles } from './lab-kit.js';
import { lockedMatrices } from '../embed/embed-attributes.js';
import { rovingFocus } from '../widgets/grid-keys.js';

const PARAMS = [
  ['wq', 'W_Q', true],
  ['wk', 'W_K', true],
  ['wv', 'W_V', false],
  ['embeddings', 'E', false],
];
const STEPS_PER_FRAME = 5,
  MAX_RUN = 3000,
  MAX_CURVE = 4000;
// The loss is summed over the marked rows, so the steps grow with the number of targets: 0.5 suits one row
// but sends all 24 rows of a long sentence into divergence, while 0.2 still trains one row in a few steps.
const DEFAULT_RATE = 0.2,
  MAX_RATE = 100; // the core's limit (trainer.d.ts)
// Divergence: the loss rose on this many steps in a row (by more than rounding), or grew tenfold.
const RISES = 3,
  BLOWUP = 10;

/** The learning rate typed in the field: { value } or { error } in the reader's words. */
function parseRate(text) {
  const t = text.trim();
  if (t === '') return { error: 'the learning rate is empty: type a number above 0, at most 100' };
  const v = Number(t);
  if (!Number.isFinite(v)) return { error: `the learning rate “${t}” is not a number: type one above 0, at most 100` };
  if (v <= 0) return { error: `a learning rate of ${t} does not move the weights: it must be above 0` };
  if (v > MAX_RATE) return { error: `a learning rate of ${t} is too large: it can be at most ${MAX_RATE}` };
  return { value: v };
}

/** A rate about five times smaller, with one significant digit: what to suggest after a divergence. */
const smallerRate = (lr) => Number((lr / 5).toPrecision(1));

/** Why the losses (before each step, then the current one) say training diverges, or null. */
function divergence(losses) {
  const n = losses.length,
    last = losses[n - 1];
  if (!Number.isFinite(last)) return 'the loss overflowed';
  if (n > 1 && last > BLOWUP * losses[0])
    return `the loss grew from ${formatNumber(losses[0], 3)} to ${formatNumber(last, 3)}`;
  if (n <= RISES) return null;
  const from = losses[n - 1 - RISES];
  for (let k = n - RISES; k < n; k++) if (!(losses[k] > losses[k - 1])) return null;
  return last > from * 1.01
    ? `the loss rose on ${RISES} steps in a row (${formatNumber(from, 3)} → ${formatNumber(last, 3)})`
    : null;
}

/** Goals that make sense for these tokens: { id, label, rows: [[query, key]…] }. */
function goalsFor(tokens) {
  const lower = tokens.map((t) => t.toLowerCase()),
    T = tokens.length,
    goals = [];
  const at = (w) => lower.indexOf(w.toLowerCase());
  const pair = (q, k) => {
    if (at(q) >= 0 && at(k) >= 0 && at(q) !== at(k) && !goals.some((g) => g.id === `${q}-${k}`)) {
      goals.push({
        id: `${q}-${k}`,
        label: `“${tokens[at(q)]}” attends to “${tokens[at(k)]}”`,
        rows: [[at(q), at(k)]],
      });
    }
  };
  for (const p of SENTENCES) pair(p.focus[0], p.focus[1]);
  pair('it', 'street');
  pair('it', 'mat');
  pair('bank', 'river');
  pair('bank', 'grows');
  const all = (f) => Array.from({ length: T }, (_, i) => [i, f(i)]);
  goals.push({ id: 'self', label: 'every token attends to itself', rows: all((i) => i) });
  goals.push({ id: 'prev', label: 'every token attends to the previous one', rows: all((i) => Math.max(0, i - 1)) });
  goals.push({ id: 'first', label: 'every token attends to the first', rows: all(() => 0) });
  return goals;
}

class TrainLab extends Panel {
  build() {
    adoptLabStyles();
    this.classList.add('lab');
    this._targets = new Map(); // query row → key column (a one-hot target row)
    this._tokensKey = '';
    this._mine = new WeakSet(); // states this lab sent up: not an outside edit
    this._clearLosses();
    this._raf = 0;
    this._goal = h('select', { 'aria-label': 'Goal', onchange: () => this._pickGoal() });
    this._rate = DEFAULT_RATE; // the rate in use: the field's number, or the last valid one while it is not
    this._lr = h('input', {
      type: 'number',
      class: 'num',
      value: String(DEFAULT_RATE),
      min: '0.001',
      max: String(MAX_RATE),
      step: '0.1',
      'aria-label': 'Learning rate',
      oninput: () => this._rateTyped(false),
      onchange: () => this._rateTyped(true),
    });
    this._checks = PARAMS.map(([key, label, on]) =>
      h('input', { type: 'checkbox', value: key, checked: on, onchange: () => this._settings() }),
    );
    const button = (text, fn) => h('button', { type: 'button', onclick: fn }, text);
    this._stepBtn = button('Step', () => this._step(1));
    this._runBtn = button('Run', () => this._run());
    this._stopBtn = button('Stop', () => this._stop());
    this._resetBtn = button('Reset', () => this._reset());
    this._clearBtn = button('Clear targets', () => {
      this._targets.clear();
      this._goal.value = '';
      this._retarget();
    });
    this._grid = h('div', { class: 'lab-heat' });
    this._figures = h('p', { class: 'lab-figures', role: 'status' });
    this._curve = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    this._curve.classList.add('loss-curve');
    this.append(
      ...labHeader(
        this,
        'Train a head toward a pattern',
        'Click a weight to make it its row’s target (click again to unmark), or pick a goal, then Step or Run. Gradient descent ' +
          'on the cross-entropy between the marked rows and the softmax weights, computed in C++, updates the checked ' +
          'matrices; every panel above follows. (W<sub>V</sub> does not shape the pattern, so its gradient here is 0.)',
      ),
      h(
        'div',
        { class: 'lab-bar' },
        h('label', {}, 'Goal', this._goal),
        h('label', {}, 'Learning rate', this._lr),
        h('span', {}, 'Train:'),
        ...PARAMS.map(([, label], k) => h('label', {}, this._checks[k], label)),
      ),
      // One Tab stop for the training buttons (← → between them).
      rovingFocus(
        h(
          'div',
          { class: 'lab-bar buttons', role: 'toolbar', 'aria-label': 'Training' },
          this._stepBtn,
          this._runBtn,
          this._stopBtn,
          this._resetBtn,
          this._clearBtn,
        ),
      ),
      h(
        'div',
        { class: 'lab-cols' },
        h(
          'figure',
          { class: 'fig' },
          this._grid,
          h('figcaption', {}, 'Softmax weights of the head shown; outlined: targets'),
        ),
        h(
          'figure',
          { class: 'fig' },
          this._curve,
          h('figcaption', {}, 'Loss per step (cross-entropy of the marked rows)'),
        ),
      ),
      this._figures,
    );
  }

  disconnectedCallback() {
    this._stop();
  }

  render(model) {
    const key = model.state.tokens.join('\u0001');
    if (key !== this._tokensKey) {
      this._tokensKey = key;
      this._targets.clear();
      const goals = goalsFor(model.state.tokens);
      this._goals = goals;
      this._goal.replaceChildren(
        h('option', { value: '' }, '— pick a goal —'),
        ...goals.map((g) => h('option', { value: g.id }, g.label)),
      );
    }
    for (const [i, j] of this._targets) if (this._blocked(i, j)) this._targets.delete(i); // the mask changed
    if (!this._mine.has(model.state) || model.head !== this._head) this._forget();
    this._head = model.head;
    this._draw();
  }

  /** An outside edit (or another head): the next step starts a trainer from the state shown. */
  _forget() {
    this._stop();
    this._trainer = null;
    this._clearLosses();
  }

  // The curve and the figures belong to one goal: they start again when the targets change.
  _clearLosses() {
    this._losses = [];
    this._lossNow = undefined;
    this._since = 0;
  }

  _pickGoal() {
    const g = this._goals.find((x) => x.id === this._goal.value);
    this._targets.clear();
    if (g) for (const [i, j] of g.rows) if (!this._blocked(i, j)) this._targets.set(i, j);
    this._retarget();
  }

  _blocked(i, j) {
    const m = this.model.trace.heads[this.model.head].masked;
    return m.data[i * m.cols + j] === -Infinity;
  }

  _toggle(i, j) {
    if (this._targets.get(i) === j) this._targets.delete(i);
    else this._targets.set(i, j);
    this._goal.value = '';
    this._retarget();
  }

  _retarget() {
    this._clearLosses();
    this._error = null;
    // No targets is no goal: nothing to hand the trainer (it refuses one) until a weight is marked again.
    if (this._trainer && this._targets.size) {
      try {
        this._trainer.setTarget(this._targetPerHead());
      } catch (e) {
        this._error = e.message;
      }
    }
    if (!this._targets.size) this._stop();
    this._draw();
  }

  _targetPerHead() {
    const { state, head } = this.model,
      T = state.tokens.length;
    const m = Array.from({ length: T }, (_, i) =>
      Array.from({ length: T }, (_, j) => (this._targets.get(i) === j ? 1 : 0)),
    );
    return state.heads.map((_, hd) => (hd === head ? m : null));
  }

  _train() {
    return this._checks.filter((c) => c.checked && !c.disabled).map((c) => c.value);
  }

  // Matrices the page locks (readonly, editable="…") cannot be trained: their boxes are off and disabled.
  _applyLocks() {
    const pg = this.closest('.ap'),
      locked = pg ? lockedMatrices(pg) : new Set();
    let changed = false;
    for (const c of this._checks) {
      const off = locked.has(c.value);
      if (c.disabled !== off) {
        c.disabled = off;
        c.title = off ? 'Locked on this page' : '';
        changed = true;
      }
    }
    // A trainer made under other locks may hold (and would send back) values of a matrix now locked.
    if (changed) this._forget();
  }

  /** A step that cannot run: says why and stops a run in progress. */
  _refuse(message) {
    this._error = message;
    this._stop();
    this._draw();
    return false;
  }

  /** The rate field changed: a valid number is used from the next step; anything else says what stays in use. */
  _rateTyped(committed) {
    const r = parseRate(this._lr.value);
    if (r.error) {
      this._error = `${r.error}; still using ${this._rate}`;
      // Committed (Enter, leaving the field): the field shows the rate in use again; the message stays.
      if (committed) this._lr.value = String(this._rate);
      this._draw();
      return;
    }
    if (r.value !== this._rate) {
      this._rate = r.value;
      this._since = this._losses.length; // a new rate: divergence is judged on its own steps
    }
    this._settings();
  }

  _settings() {
    this._error = null;
    try {
      if (this._trainer) {
        this._trainer.setLearningRate(this._rate);
        this._trainer.setTrain(this._train());
      }
    } catch (e) {
      this._error = e.message;
    }
    this._draw();
  }

  _ensureTrainer() {
    if (this._trainer) return this._trainer;
    this._trainer = getEngine().trainer(this.model.state, {
      target: this._targetPerHead(),
      learningRate: this._rate,
      train: this._train(),
    });
    return this._trainer;
  }

  /** n steps; false when there is nothing to train or the engine refused. */
  _step(n) {
    if (!this._targets.size) return this._refuse('Mark at least one target weight first.');
    const typed = parseRate(this._lr.value);
    if (typed.error) return this._refuse(`${typed.error}; still using ${this._rate}: fix the field to train`);
    if (!this._train().length) {
      return this._refuse(
        this._checks.every((c) => c.disabled)
          ? 'Every trainable matrix is locked on this page: nothing to train.'
          : 'Tick at least one matrix to train.',
      );
    }
    let r;
    try {
      const trainer = this._ensureTrainer();
      const t0 = performance.now();
      r = trainer.step(n);
      this._stepMs = (performance.now() - t0) / n;
    } catch (e) {
      return this._refuse(e.message);
    }
    this._error = null;
    this._losses.push(...r.losses);
    if (this._losses.length > MAX_CURVE) {
      const cut = this._losses.length - MAX_CURVE;
      this._losses.splice(0, cut);
      this._since = Math.max(0, this._since - cut);
    }
    this._lossNow = r.loss;
    const why = divergence([...this._losses.slice(this._since), r.loss]);
    this._send(r.state, this._raf ? 'train-run' : 'train');
    if (why) {
      return this._refuse(
        `Training diverges: ${why} — the learning rate ${this._rate} is too large for these targets. ` +
          `Stopped; try a smaller rate such as ${smallerRate(this._rate)} (Reset returns to the weights before training).`,
      );
    }
    return true;
  }

  _send(trained, group) {
    const state = { ...this.model.state, embeddings: trained.embeddings, heads: trained.heads, wo: trained.wo ?? null };
    this._mine.add(state);
    sendState(this, state, group);
  }

  _run() {
    if (this._raf) return;
    this._ran = 0;
    const frame = () => {
      this._raf = requestAnimationFrame(frame);
      if (!this._step(STEPS_PER_FRAME)) return;
      this._ran += STEPS_PER_FRAME;
      if (this._ran >= MAX_RUN || this._lossNow < 1e-3) this._stop();
    };
    this._raf = requestAnimationFrame(frame);
    this._draw();
  }

  _stop() {
    if (!this._raf) return;
    cancelAnimationFrame(this._raf);
    this._raf = 0;
    this.dispatchEvent(new CustomEvent('control', { bubbles: true, detail: { action: 'commit' } }));
    if (this._built) this._draw();
  }

  _reset() {
    this._stop();
    if (!this._trainer) return;
    const r = this._trainer.reset();
    this._clearLosses();
    this._lossNow = r.loss;
    this._send(r.state, 'train-reset');
  }

  _draw() {
    const { state, trace, head } = this.model;
    // Past a dozen tokens the grid takes the whole row (the curve goes below it), so its numbers fit.
    this._grid.parentNode.classList.toggle('wide', state.tokens.length > 12);
    weightsGrid(this._grid, state.tokens, trace.heads[head].weights, {
      onCell: (i, j) => this._toggle(i, j),
      marked: (i, j) => this._targets.get(i) === j,
      blocked: (i, j) => this._blocked(i, j),
    });
    const curve = `${this._losses.length}:${this._lossNow}`; // redrawn only when a step added to it
    if (curve !== this._curveDrawn) {
      this._curveDrawn = curve;
      linePlot(this._curve, [{ points: this._losses.map((l, k) => [k + 1, l]), color: '#2f54c8', label: 'loss' }], {
        xLabel: 'step',
        yLabel: 'loss',
        yMin: 0,
      });
    }
    this._applyLocks();
    const running = !!this._raf,
      allLocked = this._checks.every((c) => c.disabled);
    setProp(this._runBtn, 'disabled', running || allLocked);
    setProp(this._stepBtn, 'disabled', running || allLocked);
    setProp(this._stopBtn, 'disabled', !running);
    setProp(this._resetBtn, 'disabled', !this._trainer);
    const w = trace.heads[head].weights,
      T = w.cols;
    const marked = [...this._targets].map(
      ([i, j]) => `${state.tokens[i]}→${state.tokens[j]} ${formatNumber(w.data[i * T + j])}`,
    );
    const parts = [
      this._error
        ? `⚠ ${this._error}`
        : allLocked
          ? 'Every trainable matrix is locked on this page (readonly or editable): nothing to train.'
          : '',
      marked.length
        ? `target weights now: ${marked.slice(0, 4).join(', ')}${marked.length > 4 ? ', …' : ''}`
        : 'no targets marked',
      this._losses.length
        ? `loss ${formatNumber(this._losses[0], 3)} → ${formatNumber(this._lossNow, 3)} after ${this._losses.length} steps`
        : '',
      this._stepMs !== undefined ? `${this._stepMs.toFixed(3)} ms per step` : '',
    ];
    setText(this._figures, parts.filter(Boolean).join(' · '));
    this._figures.classList.toggle('warn', !!this._error);
  }
}

define('train-lab', TrainLab);
