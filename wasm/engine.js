// The JavaScript face of the WebAssembly core: plain JSON state in, a plain trace of Float32Arrays out.
// The only importer of the Emscripten output.  Checks types here; shapes, limits and values in C++.
import createAttnCore from './attn_core.mjs';
import { createTrainer } from './trainer.js';
import { describe, fail, plural } from './errors.js';

// Mirrors wasm/bridge.hpp: header slots and the number of tensors published per head.
const H_HEADS = 0,
  H_MASK = 1,
  H_SCALE = 2,
  H_HAS_WO = 3,
  H_KERNELS = 4,
  H_TRACE_BASE = 5,
  H_TRACE_FLOATS = 6,
  H_SHAPES = 8;
const ARENA_FLOATS = 65536;
const FULLY_MASKED = 1,
  SATURATED = 2;
const LAYOUT_INTS_PER_HEAD = 3 * 12; // bridge.hpp: kTensorsPerHead entries of (offset, rows, cols)

// The path of matrix `slot` in the packing order (embeddings, per head wq wk wv, wo, mask), built only
// for an error message: a valid state allocates no strings.
function slotPath(slot, H) {
  if (slot === 0) return 'state.embeddings';
  if (slot <= 3 * H) return `state.heads[${((slot - 1) / 3) | 0}].${['wq', 'wk', 'wv'][(slot - 1) % 3]}`;
  return slot === 3 * H + 1 ? 'state.wo' : 'state.mask';
}

// Checks that m is an array of equal-length arrays and records it as matrix `slot`.  That every entry is a
// number is checked as the entries are packed (one pass over them, not two).
function addMatrix(mats, slot, H, m) {
  if (!Array.isArray(m)) throw fail(slotPath(slot, H), `expected an array of rows, got ${describe(m)}`);
  const rows = m.length;
  const cols = rows > 0 && Array.isArray(m[0]) ? m[0].length : 0;
  for (let r = 0; r < rows; r++) {
    const row = m[r];
    if (!Array.isArray(row))
      throw fail(`${slotPath(slot, H)}[${r}]`, `expected an array of numbers, got ${describe(row)}`);
    if (row.length !== cols)
      throw fail(`${slotPath(slot, H)}[${r}]`, `expected ${plural(cols, 'number')} like row 0, got ${row.length}`);
  }
  const e = mats[slot] || (mats[slot] = { data: null, rows: 0, cols: 0 });
  e.data = m;
  e.rows = rows;
  e.cols = cols;
  return rows;
}

const EMPTY = [];

// Published layout entry l: (offset in floats, rows, cols) -> a matrix viewing the trace copy.
function tensor(buf, byteBase, lay, l) {
  const rows = lay[l + 1],
    cols = lay[l + 2];
  return { rows, cols, data: new Float32Array(buf, byteBase + lay[l] * 4, rows * cols) };
}

// The same entry as a plain per-row array (T, 1).
function rowValues(buf, byteBase, lay, l) {
  return new Float32Array(buf, byteBase + lay[l] * 4, lay[l + 1]);
}

class Engine {
  constructor(core) {
    this._core = core;
    this._header = core.header() >> 2;
    this._layout = core.layout() >> 2;
    this._headerInts = core.headerInts();
    this._mats = [];
    this._input = { floats: 0, offset: 0 }; // the core's input buffer: reused while a run fits in it
    this._f32 = core.HEAPF32;
    this._i32 = core.HEAP32;
    this._arena = new Float32Array(ARENA_FLOATS);
    this._arenaUsed = 0;
    /** The core's documented limits. */
    this.limits = Object.freeze({
      maxTokens: core.maxTokens,
      maxDModel: core.maxDModel,
      maxDK: core.maxDK,
      maxHeads: core.maxHeads,
      maxDOut: core.maxDOut,
      maxScoreCells: core.maxScoreCells,
      maxAbsValue: core.maxAbsValue,
      minTemperature: core.minTemperature,
      maxTemperature: core.maxTemperature,
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
    const core = this._core;
    const count = this._collect(state);
    const mats = this._mats;
    let total = 0;
    for (let i = 0; i < count; i++) total += mats[i].rows * mats[i].cols;
    const input = this._input;
    if (total > input.floats) {
      // the core grows its buffer (and maybe memory): take the views after it
      input.offset = core.input(total) >> 2;
      input.floats = total;
    }
    const inputOffset = input.offset;
    const f32 = this._views(),
      i32 = this._i32;
    const hdr = this._header;
    i32[hdr + H_HEADS] = state.heads.length;
    i32[hdr + H_MASK] = state.mask === 'causal' ? 1 : Array.isArray(state.mask) ? 2 : 0;
    i32[hdr + H_SCALE] = state.scale === false ? 0 : 1;
    i32[hdr + H_HAS_WO] = mats[count - 2].rows > 0 ? 1 : 0;
    i32[hdr + H_KERNELS] = options && options.kernels === 'scalar' ? 1 : 0;
    let s = hdr + H_SHAPES,
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
            if (typeof v !== 'number')
              throw fail(`${slotPath(i, (count - 3) / 3)}[${r}][${c}]`, `not a finite number (${describe(v)})`);
            f32[p++] = v;
          }
        }
      }
    } finally {
      for (let k = 0; k < count; k++) mats[k].data = null; // keep no reference to the caller's arrays
    }
    const temperature = state.temperature === undefined ? 1 : state.temperature;
    if (!core.run(temperature)) {
      throw fail(`state.${core.errorPath()}`, core.errorProblem());
    }
    return this._trace(state.heads.length, !!(options && options.view));
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

  // Type checks, in field order (each matrix's entries are checked later, as run() packs them); fills
  // this._mats with the matrices to pack and returns how many.
  _collect(state) {
    if (state === null || typeof state !== 'object' || Array.isArray(state)) {
      throw fail('state', `expected an object, got ${describe(state)}`);
    }
    const mats = this._mats;
    const heads = state.heads;
    const H = Array.isArray(heads) ? heads.length : 0;
    const T = addMatrix(mats, 0, H, state.embeddings);
    const tokens = state.tokens;
    if (tokens !== undefined) {
      if (!Array.isArray(tokens)) throw fail('state.tokens', `expected an array of strings, got ${describe(tokens)}`);
      for (let i = 0; i < tokens.length; i++) {
        if (typeof tokens[i] !== 'string')
          throw fail(`state.tokens[${i}]`, `expected a string, got ${describe(tokens[i])}`);
      }
      if (tokens.length !== T)
        throw fail('state.tokens', `expected ${plural(T, 'token')} (one per embeddings row), got ${tokens.length}`);
    }
    if (!Array.isArray(heads)) throw fail('state.heads', `expected an array of heads, got ${describe(heads)}`);
    if (H > this.limits.maxHeads) throw fail('state.heads', `${H} heads is above the limit of ${this.limits.maxHeads}`);
    for (let i = 0; i < H; i++) {
      const h = heads[i];
      if (h === null || typeof h !== 'object')
        throw fail(`state.heads[${i}]`, `expected { wq, wk, wv }, got ${describe(h)}`);
      addMatrix(mats, 3 * i + 1, H, h.wq);
      addMatrix(mats, 3 * i + 2, H, h.wk);
      addMatrix(mats, 3 * i + 3, H, h.wv);
    }
    addMatrix(mats, 3 * H + 1, H, state.wo === null || state.wo === undefined ? EMPTY : state.wo);
    const mask = state.mask === undefined ? 'none' : state.mask;
    if (!Array.isArray(mask) && mask !== 'none' && mask !== 'causal') {
      throw fail('state.mask', `expected "none", "causal" or a T×T array of 0/1, got ${describe(mask)}`);
    }
    addMatrix(mats, 3 * H + 2, H, Array.isArray(mask) ? mask : EMPTY);
    if (state.scale !== undefined && typeof state.scale !== 'boolean') {
      throw fail('state.scale', `expected true or false, got ${describe(state.scale)}`);
    }
    if (state.temperature !== undefined && typeof state.temperature !== 'number') {
      throw fail('state.temperature', `expected a number, got ${describe(state.temperature)}`);
    }
    return 3 * H + 3;
  }

  // One copy of the whole trace buffer, then views into that copy: nothing aliases the wasm heap, and
  // no two traces share floats.  Small traces are carved from a shared 256 KiB arena because V8 spends
  // ~3 µs on every fresh off-heap ArrayBuffer, more than the whole toy-sized forward pass.
  _copyOut(base, n) {
    const heap = this._f32;
    if (n > ARENA_FLOATS / 4) return heap.slice(base, base + n);
    if (this._arenaUsed + n > ARENA_FLOATS) {
      this._arena = new Float32Array(ARENA_FLOATS); // earlier traces keep the old arena alive
      this._arenaUsed = 0;
    }
    const at = this._arenaUsed;
    this._arena.set(new Float32Array(heap.buffer, base * 4, n), at);
    this._arenaUsed = at + n;
    return new Float32Array(this._arena.buffer, at * 4, n);
  }

  _trace(H, inHeap) {
    this._views(); // the run may have grown memory
    const lay = this._i32;
    const base = lay[this._header + H_TRACE_BASE] >> 2,
      n = lay[this._header + H_TRACE_FLOATS];
    const data = inHeap ? this._f32.subarray(base, base + n) : this._copyOut(base, n);
    const buf = data.buffer,
      bb = data.byteOffset;
    let l = this._layout;
    const heads = new Array(H);
    const fullyMaskedRows = new Array(H),
      saturatedRows = new Array(H);
    for (let h = 0; h < H; h++, l += LAYOUT_INTS_PER_HEAD) {
      heads[h] = {
        q: tensor(buf, bb, lay, l),
        k: tensor(buf, bb, lay, l + 3),
        v: tensor(buf, bb, lay, l + 6),
        scores: tensor(buf, bb, lay, l + 9),
        scaled: tensor(buf, bb, lay, l + 12),
        masked: tensor(buf, bb, lay, l + 15),
        weights: tensor(buf, bb, lay, l + 18),
        output: tensor(buf, bb, lay, l + 21),
        entropy: rowValues(buf, bb, lay, l + 24),
        maxWeight: rowValues(buf, bb, lay, l + 27),
        gradNorm: rowValues(buf, bb, lay, l + 30),
      };
      const fm = [],
        sat = [];
      for (let r = 0, at = lay[l + 33], rows = lay[l + 34]; r < rows; r++) {
        const f = data[at + r];
        if (f & FULLY_MASKED) fm.push(r);
        if (f & SATURATED) sat.push(r);
      }
      fullyMaskedRows[h] = fm;
      saturatedRows[h] = sat;
    }
    return {
      heads,
      concat: tensor(buf, bb, lay, l),
      output: tensor(buf, bb, lay, l + 3),
      flags: { fullyMaskedRows, saturatedRows },
    };
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
   * The bare attention kernel for benchmarks and the scale lab: out = softmax(q kᵀ · factor) v, no trace.
   * The returned q, k, v, out are views into the wasm heap: they die if memory grows (any larger run).
   */
  kernel(T, Dk) {
    const core = this._core,
      { maxTokens, maxDK } = this.limits;
    const whole = (x, max) => Number.isInteger(x) && x >= 1 && x <= max;
    if (!whole(T, maxTokens) || !whole(Dk, maxDK)) {
      throw fail(
        'kernel',
        `T must be a whole number from 1 to ${maxTokens} and Dk from 1 to ${maxDK}, got ${describe(T)} and ${describe(Dk)}`,
      );
    }
    const ptr = core.kernelBuffers(T, Dk);
    if (!ptr) throw fail('kernel', `no memory for T = ${T}, Dk = ${Dk}`);
    const f32 = core.HEAPF32,
      o = ptr >> 2,
      m = T * Dk;
    return {
      q: f32.subarray(o, o + m),
      k: f32.subarray(o + m, o + 2 * m),
      v: f32.subarray(o + 2 * m, o + 3 * m),
      out: f32.subarray(o + 3 * m, o + 4 * m),
      run: (factor = 1 / Math.sqrt(Dk), kernels = 'simd') => {
        if (typeof factor !== 'number' || !Number.isFinite(factor))
          throw fail('kernel.run', `factor: not a finite number (${describe(factor)})`);
        if (kernels !== 'simd' && kernels !== 'scalar')
          throw fail('kernel.run', `kernels: expected "simd" or "scalar", got ${describe(kernels)}`);
        core.runKernel(factor, kernels === 'scalar');
      },
    };
  }
}

/**
 * Loads the WebAssembly core.  options.wasmBinary: the module's bytes, when the caller already has them.
 * @returns {Promise<Engine>}
 */
export async function createEngine(options = {}) {
  const core = await createAttnCore(options.wasmBinary ? { wasmBinary: options.wasmBinary } : {});
  return new Engine(core);
}
