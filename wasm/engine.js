// The JavaScript face of the WebAssembly core: plain JSON state in, a plain trace of Float32Arrays out.
// The raw _bindings are touched only by this wrapper and the modules beside it (builds.js, trace-views.js,
// raw-kernel.js, trainer.js, protocol.js).  Checks types here (protocol.js); shapes, limits and values in C++.
import { loadCore, relaxedSimdSupported } from './builds.js';
import { rawKernel } from './raw-kernel.js';
import { TraceReader } from './trace-views.js';
import { createTrainer } from './trainer.js';
import { fail } from './errors.js';
import { protocol, checkState, maskCode, positionCode, valueError } from './protocol.js';

export { relaxedSimdSupported };

class Engine {
  constructor(core, relaxedSimd) {
    this._core = core;
    /** Which build runs: relaxedSimd true is the relaxed-SIMD one (fused multiply-adds), false SIMD128. */
    this.features = Object.freeze({ relaxedSimd });
    this._p = protocol(core);
    this._header = core._header() >> 2;
    this._layout = core._layout() >> 2;
    this._mats = [];
    // checkState's add: records each matrix to pack (its entries are checked as run() packs them).
    this._add = (slot, data, cols) => {
      const e = this._mats[slot] || (this._mats[slot] = { data: null, rows: 0, cols: 0 });
      e.data = data;
      e.rows = data.length;
      e.cols = cols;
    };
    this._input = { floats: 0, offset: 0 }; // the core's input buffer: reused while a run fits in it
    this._f32 = core.HEAPF32;
    this._i32 = core.HEAP32;
    this._reader = new TraceReader(this._p, this._header, this._layout);
    /** The core's documented limits. */
    this.limits = Object.freeze({
      maxTokens: core._maxTokens,
      maxDModel: core._maxDModel,
      maxDK: core._maxDK,
      maxHeads: core._maxHeads,
      maxDOut: core._maxDOut,
      maxScoreCells: core._maxScoreCells,
      maxAbsValue: core._maxAbsValue,
      minTemperature: core._minTemperature,
      maxTemperature: core._maxTemperature,
    });
  }

  /**
   * Runs the forward pass.  Throws an Error naming the offending field; the engine stays usable.
   * options.kernels: 'simd' (default) or 'scalar' (the double-precision twins).
   * options.view: true returns the trace as views into the wasm heap instead of a copy: no copying of
   * large traces (64 MB at 2048 tokens), but the numbers are overwritten by the next run() and the views
   * die if wasm memory grows.  Use it when each trace is drawn and dropped before the next run.
   */
  run(state, options) {
    const core = this._core,
      P = this._p,
      slot = P.slot;
    const count = checkState(P, state, this.limits.maxHeads, this._add);
    const mats = this._mats;
    let total = 0;
    for (let i = 0; i < count; i++) total += mats[i].rows * mats[i].cols;
    const input = this._input;
    if (total > input.floats) {
      // the core grows its buffer (and maybe memory): take the views after it
      input.offset = core._input(total) >> 2;
      input.floats = total;
    }
    const inputOffset = input.offset;
    const f32 = this._views(),
      i32 = this._i32;
    const hdr = this._header;
    i32[hdr + slot.heads] = state.heads.length;
    i32[hdr + slot.mask] = maskCode(P, state.mask);
    i32[hdr + slot.scale] = state.scale === false ? 0 : 1;
    i32[hdr + slot.hasWo] = mats[count - 3].rows > 0 ? 1 : 0;
    i32[hdr + slot.positions] = positionCode(P, state.positions);
    i32[hdr + slot.kernels] = options && options.kernels === 'scalar' ? 1 : 0;
    let s = hdr + slot.shapes,
      p = inputOffset;
    try {
      for (let i = 0; i < count; i++) {
        const m = mats[i],
          rows = m.rows,
          cols = m.cols,
          data = m.data;
        i32[s++] = rows;
        i32[s++] = cols;
        for (let r = 0; r < rows; r++) {
          const row = data[r];
          for (let c = 0; c < cols; c++) {
            const v = row[c];
            if (typeof v !== 'number') throw valueError(i, (count - 4) / 3, r, c, v);
            f32[p++] = v;
          }
        }
      }
    } finally {
      for (let k = 0; k < count; k++) mats[k].data = null; // keep no reference to the caller's arrays
    }
    const temperature = state.temperature === undefined ? 1 : state.temperature;
    if (!core._run(temperature)) {
      throw fail(`state.${core._errorPath()}`, core._errorProblem());
    }
    return this._trace(state.heads.length, !!(options && options.view), inputOffset, mats[0]);
  }

  // The heap's Float32Array (and Int32Array in _i32), taken again only after memory grew: growing detaches
  // the old buffer, so a cached view's length drops to 0.  Reading core.HEAPF32 costs a getter call.
  _views() {
    if (this._f32.length === 0) {
      this._f32 = this._core.HEAPF32;
      this._i32 = this._core.HEAP32;
    }
    return this._f32;
  }

  _trace(H, inHeap, inputAt, embeddings) {
    this._views(); // the run may have grown memory
    return this._reader.read(this._f32, this._i32, H, inHeap, inputAt, embeddings);
  }

  /** A gradient-descent trainer on this engine's core (the training lab); see trainer.d.ts. */
  trainer(state, options) {
    return createTrainer(this._core, state, options);
  }

  /** Bytes of WebAssembly memory: constant across runs of one size (the heap is sized up front). */
  get memoryBytes() {
    return this._core.HEAPU8.length;
  }

  /**
   * The bare attention kernel for benchmarks and the cost lab: out = softmax(q kᵀ · factor) v, no trace.
   * The returned q, k, v, out are views into the wasm heap: they die if memory grows (any larger run).
   */
  kernel(T, Dk) {
    return rawKernel(this._core, this.limits, T, Dk);
  }
}

/**
 * Loads the WebAssembly core: the relaxed-SIMD build where this JavaScript engine validates relaxed SIMD, else
 * the SIMD128 build.  Only the chosen module is inflated and compiled.
 * options.build: 'relaxed' or 'simd128' forces one (a forced 'relaxed' where it cannot run is an error).
 * options.wasmBinary: the chosen build's module bytes, when the caller already has them.
 * @returns {Promise<Engine>}
 */
export async function createEngine(options = {}) {
  const { core, relaxed } = await loadCore(options);
  return new Engine(core, relaxed);
}
