// <train-lab>: mark the attention pattern a head should have, then let gradient descent (the engine's
// trainer, in C++) move the chosen parameters there.  The playground's state follows every step.
import { define, setText, setProp } from '../widgets/dom.js';
import { Panel } from '../panels/panel.js';
import { weightsGrid, sendState, adoptLabStyles } from './lab-kit.js';
import { goalsFor } from './train-goals.js';
import { parseRate, smallerRate } from './train-rate.js';
import { plotLosses } from './train-losses.js';
import { TrainerLoop } from './train-loop.js';
import { trainView, goalOptions, lockChecks, figuresText } from './train-view.js';

class TrainLab extends Panel {
  build() {
    adoptLabStyles(this);
    this.classList.add('lab');
    this._targets = new Map(); // query row → key column (a one-hot target row)
    this._tokensKey = '';
    this._mine = new WeakSet(); // states this lab sent up: not an outside edit
    this._loop = new TrainerLoop();
    this._ui = trainView(this, {
      goal: () => this._pickGoal(),
      rate: (committed) => this._rateTyped(committed),
      settings: () => this._settings(),
      step: () => this._step(1),
      run: () => this._run(),
      stop: () => this._stop(),
      reset: () => this._reset(),
      clear: () => {
        this._targets.clear();
        this._ui.goal.value = '';
        this._retarget();
      },
    });
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
      goalOptions(this._ui.goal, goals);
    }
    for (const [i, j] of this._targets) if (this._blocked(i, j)) this._targets.delete(i); // the mask changed
    if (!this._mine.has(model.state) || model.head !== this._head) this._forget();
    this._head = model.head;
    this._draw();
  }

  /** An outside edit (or another head): the next step starts a trainer from the state shown. */
  _forget() {
    this._stop();
    this._loop.forget();
  }

  _pickGoal() {
    const g = this._goals.find((x) => x.id === this._ui.goal.value);
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
    this._ui.goal.value = '';
    this._retarget();
  }

  // The curve and the figures belong to one goal: they start again when the targets change.
  _retarget() {
    this._loop.losses.clear();
    this._error = null;
    // No targets is no goal: nothing to hand the trainer (it refuses one) until a weight is marked again.
    if (this._loop.trainer && this._targets.size) {
      try {
        this._loop.trainer.setTarget(this._targetPerHead());
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
    return this._ui.checks.filter((c) => c.checked && !c.disabled).map((c) => c.value);
  }

  // Matrices the page locks (readonly, editable="…", in the model's `locked`) cannot be trained.
  _applyLocks() {
    const learned = Array.isArray(this._model?.state.positions);
    // A trainer made under other locks may hold (and would send back) values of a matrix now locked.
    if (lockChecks(this._ui.checks, this.model?.locked ?? new Set(), learned)) this._forget();
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
    const r = parseRate(this._ui.lr.value),
      loop = this._loop;
    if (r.error) {
      this._error = `${r.error}; still using ${loop.rate}`;
      // Committed (Enter, leaving the field): the field shows the rate in use again; the message stays.
      if (committed) this._ui.lr.value = String(loop.rate);
      this._draw();
      return;
    }
    if (r.value !== loop.rate) {
      loop.rate = r.value;
      loop.losses.newRate();
    }
    this._settings();
  }

  _settings() {
    this._error = null;
    try {
      if (this._loop.trainer) {
        this._loop.trainer.setLearningRate(this._loop.rate);
        this._loop.trainer.setTrain(this._train());
      }
    } catch (e) {
      this._error = e.message;
    }
    this._draw();
  }

  /** n steps; false when there is nothing to train or the engine refused. */
  _step(n) {
    const rate = this._loop.rate;
    if (!this._targets.size) return this._refuse('Mark at least one target weight first.');
    const typed = parseRate(this._ui.lr.value);
    if (typed.error) return this._refuse(`${typed.error}; still using ${rate}: fix the field to train`);
    if (!this._train().length) {
      return this._refuse(
        this._ui.checks.every((c) => c.disabled)
          ? 'Every trainable matrix is locked on this page: nothing to train.'
          : 'Tick at least one matrix to train.',
      );
    }
    let r;
    try {
      r = this._loop.step(n, () => ({ state: this.model.state, target: this._targetPerHead(), train: this._train() }));
    } catch (e) {
      return this._refuse(e.message);
    }
    this._error = null;
    const why = this._loop.losses.divergence();
    this._send(r.state, this._loop.running ? 'train-run' : 'train');
    if (why) {
      return this._refuse(
        `Training diverges: ${why} — the learning rate ${rate} is too large for these targets. ` +
          `Stopped; try a smaller rate such as ${smallerRate(rate)} (Reset returns to the weights before training).`,
      );
    }
    return true;
  }

  _send(trained, group) {
    const state = {
      ...this.model.state,
      embeddings: trained.embeddings,
      heads: trained.heads,
      wo: trained.wo ?? null,
      positions: trained.positions,
    };
    this._mine.add(state);
    sendState(this, state, group);
  }

  _run() {
    if (this._loop.running) return;
    this._loop.run(
      (n) => this._step(n),
      () => this._stop(),
    );
    this._draw();
  }

  _stop() {
    if (!this._loop.stop()) return;
    this.dispatchEvent(new CustomEvent('control', { bubbles: true, detail: { action: 'commit' } }));
    if (this._built) this._draw();
  }

  _reset() {
    this._stop();
    const r = this._loop.reset();
    if (r) this._send(r.state, 'train-reset');
  }

  _draw() {
    const { state, trace, head } = this.model;
    // Past a dozen tokens the grid takes the whole row (the curve goes below it), so its numbers fit.
    this._ui.grid.parentNode.classList.toggle('wide', state.tokens.length > 12);
    weightsGrid(this._ui.grid, state.tokens, trace.heads[head].weights, {
      onCell: (i, j) => this._toggle(i, j),
      marked: (i, j) => this._targets.get(i) === j,
      blocked: (i, j) => this._blocked(i, j),
    });
    plotLosses(this._ui.curve, this._loop.losses);
    this._applyLocks();
    const running = this._loop.running,
      allLocked = this._ui.checks.every((c) => c.disabled);
    setProp(this._ui.runBtn, 'disabled', running || allLocked);
    setProp(this._ui.stepBtn, 'disabled', running || allLocked);
    setProp(this._ui.stopBtn, 'disabled', !running);
    setProp(this._ui.resetBtn, 'disabled', !this._loop.trainer);
    const text = figuresText({
      error: this._error,
      allLocked,
      tokens: state.tokens,
      weights: trace.heads[head].weights,
      targets: this._targets,
      losses: this._loop.losses,
      stepMs: this._loop.stepMs,
    });
    setText(this._ui.figures, text);
    this._ui.figures.classList.toggle('warn', !!this._error);
  }
}

define('train-lab', TrainLab);
