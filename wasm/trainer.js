// Gradient-descent training on the WebAssembly core: a target attention pattern in, updated plain JSON states
// out.  The parameters stay in the wasm heap between steps.  Checks types here; shapes, limits, values in C++.
// createTrainer(core, state, options): core is the Emscripten module engine.js loads (engine._core).

import { describe, fail } from './errors.js';
import { protocol, maskCode, positionCode } from './protocol.js';
import {
  checkNumber,
  checkTrainState,
  cloneState,
  copyOutput,
  copyTarget,
  paramBits,
  trainBits,
} from './train-inputs.js';

// The fields of options a C++ error may name; any other field is the state's.
const OPTIONS = new Set(['target', 'targetOutput', 'learningRate', 'train']);
const EMPTY = [];

// The trainer whose data each module's heap holds: a trainer that is not the owner re-uploads before a step.
const owners = new WeakMap();

const colsOf = (m) => (m.length ? m[0].length : 0);
const floats = (mats) => mats.reduce((n, m) => n + m.length * colsOf(m), 0);

// Writes matrices' shapes into the header from slot s and their values from float offset p; returns the
// next slot and each matrix's offset.
function pack(i32, f32, s, p, mats) {
  const at = [];
  for (const m of mats) {
    i32[s++] = m.length;
    i32[s++] = colsOf(m);
    at.push(p);
    for (const row of m) {
      f32.set(row, p);
      p += row.length;
    }
  }
  return { slot: s, at };
}

class Trainer {
  constructor(core, state, options) {
    if (options === null || typeof options !== 'object') {
      throw fail('options', `expected an object, got ${describe(options)}`);
    }
    this._core = core;
    this._p = protocol(core);
    this._bits = paramBits(core);
    this._header = core._trainHeader() >> 2;
    this._initial = cloneState(checkTrainState(core, state));
    this._state = cloneState(this._initial);
    this._target = copyTarget(options.target, this._state.heads.length);
    this._targetOutput = copyOutput(options.targetOutput);
    this._learningRate =
      options.learningRate === undefined ? 0.1 : checkNumber(options.learningRate, 'options.learningRate');
    this._params = trainBits(this._bits, options.train === undefined ? ['wq', 'wk'] : options.train);
    if (![undefined, 'simd', 'scalar'].includes(options.kernels)) {
      throw fail('options.kernels', `expected "simd" or "scalar", got ${describe(options.kernels)}`);
    }
    this._kernels = options.kernels === 'scalar' ? 1 : 0;
    this._upload();
  }

  /** The current parameters' loss: cross-entropy over the marked rows, plus ½‖output − targetOutput‖². */
  get loss() {
    return this._loss;
  }

  /** The current state, a fresh plain copy in the engine's format. */
  get state() {
    return cloneState(this._state);
  }

  /**
   * Runs n steps of gradient descent in the core.  Returns the loss and state after them, and each step's
   * loss before its update (an array of n numbers, for the loss curve).
   */
  step(n = 1) {
    const core = this._core;
    if (!Number.isInteger(n) || n < 1 || n > core._maxTrainSteps) {
      throw fail('step', `expected a whole number of steps from 1 to ${core._maxTrainSteps}, got ${describe(n)}`);
    }
    if (owners.get(core) !== this) this._upload();
    const ok = core._trainStep(n);
    const at = core._trainLosses() >> 2,
      heap = core.HEAPF32;
    const losses = new Array(n); // plain numbers: V8 spends microseconds on every fresh typed-array buffer
    for (let i = 0; i < n; i++) losses[i] = heap[at + i];
    this._readBack(); // a failing step stops the run; the steps before it stay
    this._loss = core._trainLoss();
    if (!ok) throw this._error();
    return { loss: this._loss, state: this.state, losses };
  }

  /** Replaces the target pattern: per head a T×T matrix of 0..1 (rows normalised; all-0 rows ignored) or null. */
  setTarget(targetPerHead) {
    this._swap('_target', copyTarget(targetPerHead, this._state.heads.length));
  }

  /** Replaces the target output (T×Dout), or removes it with null. */
  setTargetOutput(target) {
    this._swap('_targetOutput', copyOutput(target));
  }

  /** Sets the step size: above 0, at most the core's maximum learning rate. */
  setLearningRate(lr) {
    this._swap('_learningRate', checkNumber(lr, 'options.learningRate'));
  }

  /** Chooses what the steps update: names among 'wq', 'wk', 'wv', 'wo', 'embeddings', 'positions'. */
  setTrain(names) {
    this._swap('_params', trainBits(this._bits, names));
  }

  /** Restores the state the trainer was created with; targets and settings stay. */
  reset() {
    this._state = cloneState(this._initial);
    this._upload();
    return { loss: this._loss, state: this.state };
  }

  // Sets one setting and uploads; if the core rejects it, restores the previous one before throwing.
  _swap(key, value) {
    const previous = this[key];
    this[key] = value;
    try {
      this._upload();
    } catch (e) {
      this[key] = previous;
      this._upload();
      throw e;
    }
  }

  // Packs state, targets and settings into the heap and has the core validate them and compute the loss.
  _upload() {
    const core = this._core,
      s = this._state,
      H = s.heads.length;
    const mats = [s.embeddings];
    for (const h of s.heads) mats.push(h.wq, h.wk, h.wv);
    mats.push(s.wo || EMPTY, Array.isArray(s.mask) ? s.mask : EMPTY);
    mats.push(Array.isArray(s.positions) ? s.positions : EMPTY);
    const targets = [];
    for (let h = 0; h < H; h++) targets.push(this._target[h] || EMPTY);
    targets.push(this._targetOutput || EMPTY);
    const stateAt = core._trainState(floats(mats)) >> 2;
    const targetsAt = core._trainTargets(floats(targets)) >> 2; // may grow memory: take the views after it
    const i32 = core.HEAP32,
      f32 = core.HEAPF32,
      hdr = this._header,
      P = this._p,
      slot = P.slot;
    i32.fill(0, hdr, hdr + P.headerInts);
    i32[hdr + slot.heads] = H;
    i32[hdr + slot.mask] = maskCode(P, s.mask);
    i32[hdr + slot.scale] = s.scale === false ? 0 : 1;
    i32[hdr + slot.hasWo] = s.wo ? 1 : 0;
    i32[hdr + slot.kernels] = this._kernels;
    i32[hdr + slot.params] = this._params;
    i32[hdr + slot.positions] = positionCode(P, s.positions);
    const packed = pack(i32, f32, hdr + slot.shapes, stateAt, mats);
    pack(i32, f32, packed.slot, targetsAt, targets);
    owners.delete(core);
    if (!core._trainLoad(s.temperature === undefined ? 1 : s.temperature, this._learningRate)) throw this._error();
    this._at = packed.at;
    this._loss = core._trainLoss();
    owners.set(core, this);
  }

  // Copies the trained parameters from the heap into the private state.
  _readBack() {
    const f32 = this._core.HEAPF32,
      s = this._state,
      bits = this._params,
      is = this._bits;
    let i = 0;
    const read = (m, trained) => {
      let p = this._at[i++];
      if (!trained) return;
      for (const row of m) for (let c = 0; c < row.length; c++) row[c] = f32[p++];
    };
    read(s.embeddings, bits & is.embeddings);
    for (const h of s.heads) {
      read(h.wq, bits & is.wq);
      read(h.wk, bits & is.wk);
      read(h.wv, bits & is.wv);
    }
    if (s.wo) read(s.wo, bits & is.wo);
    i = this._at.length - 1; // past wo and the mask: the positions, packed last
    if (Array.isArray(s.positions)) read(s.positions, bits & is.positions);
  }

  _error() {
    const path = this._core._trainErrorPath(),
      problem = this._core._trainErrorProblem();
    const field = path.split(/[.[]/)[0];
    return fail(`${OPTIONS.has(field) ? 'options' : 'state'}.${path}`, problem);
  }
}

/**
 * A trainer for `state` on `core` (the Emscripten module: engine._core).  options: target (per head a T×T
 * matrix of 0..1, or null), targetOutput (T×Dout), learningRate (default 0.1), train (default ['wq', 'wk']),
 * kernels ('simd' or 'scalar').  Throws an Error whose path names the field (state.… or options.…).
 */
export function createTrainer(core, state, options = {}) {
  return new Trainer(core, state, options);
}
