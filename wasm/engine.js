// The JavaScript face of the WebAssembly core: plain JSON state in, a plain trace of Float32Arrays out.
// The only importer of the Emscripten output.  Checks types here; shapes, limits and values in C++.
import createAttnCore from './attn_core.mjs';

// Mirrors wasm/bridge.hpp: header slots and the number of tensors published per head.
const H_HEADS = 0, H_MASK = 1, H_SCALE = 2, H_HAS_WO = 3, H_KERNELS = 4, H_SHAPES = 8;
const ARENA_FLOATS = 65536;
const FULLY_MASKED = 1, SATURATED = 2;

function describe(v) {
  if (typeof v === 'string') return JSON.stringify(v.length > 20 ? v.slice(0, 20) + '…' : v);
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  return String(v);
}

function fail(path, problem) {
  const e = new Error(`${path}: ${problem}`);
  e.path = path;
  return e;
}

// Checks that m is an array of equal-length arrays of numbers; returns [rows, cols].
function matrixShape(m, path) {
  if (!Array.isArray(m)) throw fail(path, `expected an array of rows, got ${describe(m)}`);
  const rows = m.length;
  if (rows === 0) return [0, 0];
  const first = m[0];
  if (!Array.isArray(first)) throw fail(`${path}[0]`, `expected an array of numbers, got ${describe(first)}`);
  const cols = first.length;
  for (let r = 0; r < rows; r++) {
    const row = m[r];
    if (!Array.isArray(row)) throw fail(`${path}[${r}]`, `expected an array of numbers, got ${describe(row)}`);
    if (row.length !== cols) throw fail(`${path}[${r}]`, `expected ${cols} numbers like row 0, got ${row.length}`);
    for (let c = 0; c < cols; c++) {
      if (typeof row[c] !== 'number') throw fail(`${path}[${r}][${c}]`, `not a finite number (${describe(row[c])})`);
    }
  }
  return [rows, cols];
}

class Engine {
  constructor(core) {
    this._core = core;
    this._header = core.header() >> 2;
    this._layout = core.layout() >> 2;
    this._headerInts = core.headerInts();
    this._arena = new Float32Array(ARENA_FLOATS);
    this._arenaUsed = 0;
    /** The core's documented limits. */
    this.limits = Object.freeze({
      maxTokens: core.maxTokens, maxDModel: core.maxDModel, maxDK: core.maxDK, maxHeads: core.maxHeads,
      maxDOut: core.maxDOut, maxScoreCells: core.maxScoreCells, maxAbsValue: core.maxAbsValue,
      minTemperature: core.minTemperature, maxTemperature: core.maxTemperature,
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
    const mats = this._collect(state);
    let total = 0;
    for (const m of mats) total += m.rows * m.cols;
    const inputOffset = core.input(total) >> 2;  // may grow memory: take the views after it
    const f32 = core.HEAPF32, i32 = core.HEAP32;
    const hdr = this._header;
    i32.fill(0, hdr, hdr + this._headerInts);
    i32[hdr + H_HEADS] = state.heads.length;
    i32[hdr + H_MASK] = state.mask === 'causal' ? 1 : Array.isArray(state.mask) ? 2 : 0;
    i32[hdr + H_SCALE] = state.scale === false ? 0 : 1;
    i32[hdr + H_HAS_WO] = state.wo ? 1 : 0;
    i32[hdr + H_KERNELS] = options && options.kernels === 'scalar' ? 1 : 0;
    let s = hdr + H_SHAPES, p = inputOffset;
    for (const m of mats) {
      i32[s++] = m.rows;
      i32[s++] = m.cols;
      const data = m.data;
      for (let r = 0; r < m.rows; r++) {
        const row = data[r];
        for (let c = 0; c < m.cols; c++) f32[p++] = row[c];
      }
    }
    const temperature = state.temperature === undefined ? 1 : state.temperature;
    if (!core.run(temperature)) {
      throw fail(`state.${core.errorPath()}`, core.errorProblem());
    }
    return this._trace(state.heads.length, !!(options && options.view));
  }

  // Type checks, in field order, and the list of matrices to pack: embeddings, heads, wo, mask.
  _collect(state) {
    if (state === null || typeof state !== 'object' || Array.isArray(state)) {
      throw fail('state', `expected an object, got ${describe(state)}`);
    }
    const mats = [];
    const add = (data, path) => {
      const [rows, cols] = matrixShape(data, path);
      mats.push({ data, rows, cols });
      return rows;
    };
    const T = add(state.embeddings, 'state.embeddings');
    if (state.tokens !== undefined) {
      if (!Array.isArray(state.tokens)) throw fail('state.tokens', `expected an array of strings, got ${describe(state.tokens)}`);
      state.tokens.forEach((t, i) => {
        if (typeof t !== 'string') throw fail(`state.tokens[${i}]`, `expected a string, got ${describe(t)}`);
      });
      if (state.tokens.length !== T) {
        throw fail('state.tokens', `expected ${T} tokens (one per embeddings row), got ${state.tokens.length}`);
      }
    }
    if (!Array.isArray(state.heads)) throw fail('state.heads', `expected an array of heads, got ${describe(state.heads)}`);
    if (state.heads.length > this.limits.maxHeads) {
      throw fail('state.heads', `${state.heads.length} heads is above the limit of ${this.limits.maxHeads}`);
    }
    state.heads.forEach((h, i) => {
      if (h === null || typeof h !== 'object') throw fail(`state.heads[${i}]`, `expected { wq, wk, wv }, got ${describe(h)}`);
      add(h.wq, `state.heads[${i}].wq`);
      add(h.wk, `state.heads[${i}].wk`);
      add(h.wv, `state.heads[${i}].wv`);
    });
    if (state.wo === null || state.wo === undefined) mats.push({ data: [], rows: 0, cols: 0 });
    else add(state.wo, 'state.wo');
    const mask = state.mask === undefined ? 'none' : state.mask;
    if (Array.isArray(mask)) add(mask, 'state.mask');
    else if (mask === 'none' || mask === 'causal') mats.push({ data: [], rows: 0, cols: 0 });
    else throw fail('state.mask', `expected "none", "causal" or a T×T array of 0/1, got ${describe(mask)}`);
    if (state.scale !== undefined && typeof state.scale !== 'boolean') {
      throw fail('state.scale', `expected true or false, got ${describe(state.scale)}`);
    }
    if (state.temperature !== undefined && typeof state.temperature !== 'number') {
      throw fail('state.temperature', `expected a number, got ${describe(state.temperature)}`);
    }
    return mats;
  }

  // One copy of the whole trace buffer, then views into that copy: nothing aliases the wasm heap, and
  // no two traces share floats.  Small traces are carved from a shared 256 KiB arena because V8 spends
  // ~3 µs on every fresh off-heap ArrayBuffer, more than the whole toy-sized forward pass.
  _copyOut(base, n) {
    const heap = this._core.HEAPF32;
    if (n > ARENA_FLOATS / 4) return heap.slice(base, base + n);
    if (this._arenaUsed + n > ARENA_FLOATS) {
      this._arena = new Float32Array(ARENA_FLOATS);
      this._arenaUsed = 0;
    }
    const at = this._arenaUsed;
    this._arena.set(heap.subarray(base, base + n), at);
    this._arenaUsed = at + n;
    return new Float32Array(this._arena.buffer, at * 4, n);
  }

  _trace(H, inHeap) {
    const core = this._core;
    const base = core.traceBase() >> 2, n = core.traceFloats();
    const data = inHeap ? core.HEAPF32.subarray(base, base + n) : this._copyOut(base, n);
    const buf = data.buffer, byteBase = data.byteOffset;
    const lay = core.HEAP32;
    let l = this._layout;
    const view = () => {
      const off = lay[l], len = lay[l + 1] * lay[l + 2];
      l += 3;
      return new Float32Array(buf, byteBase + off * 4, len);
    };
    const mat = () => {
      const rows = lay[l + 1], cols = lay[l + 2];
      return { rows, cols, data: view() };
    };
    const heads = new Array(H);
    const fullyMaskedRows = new Array(H), saturatedRows = new Array(H);
    for (let h = 0; h < H; h++) {
      heads[h] = {
        q: mat(), k: mat(), v: mat(), scores: mat(), scaled: mat(), masked: mat(), weights: mat(), output: mat(),
        entropy: view(), maxWeight: view(), gradNorm: view(),
      };
      const flags = view();
      const fm = [], sat = [];
      for (let r = 0; r < flags.length; r++) {
        if (flags[r] & FULLY_MASKED) fm.push(r);
        if (flags[r] & SATURATED) sat.push(r);
      }
      fullyMaskedRows[h] = fm;
      saturatedRows[h] = sat;
    }
    const concat = mat();
    const output = mat();
    return { heads, concat, output, flags: { fullyMaskedRows, saturatedRows } };
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
    const core = this._core;
    const ptr = core.kernelBuffers(T, Dk);
    if (!ptr) throw fail('kernel', `T must be 1 to ${this.limits.maxTokens} and Dk 1 to ${this.limits.maxDK}, got ${T} and ${Dk}`);
    const f32 = core.HEAPF32, o = ptr >> 2, m = T * Dk;
    return {
      q: f32.subarray(o, o + m), k: f32.subarray(o + m, o + 2 * m), v: f32.subarray(o + 2 * m, o + 3 * m),
      out: f32.subarray(o + 3 * m, o + 4 * m),
      run: (factor = 1 / Math.sqrt(Dk), kernels = 'simd') => core.runKernel(factor, kernels === 'scalar'),
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
