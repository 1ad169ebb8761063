// The JavaScript face of the WebAssembly core: plain JSON state in, a plain trace of Float32Arrays out.
// The only importer of the Emscripten output, whose raw _bindings only this wrapper, trainer.js and
// protocol.js touch.  Checks types here (protocol.js); shapes, limits and values in C++.
import createAttnCore from './attn_core.mjs';
import createAttnCoreRelaxed from './attn_core_relaxed.mjs';
import simd128Wasm from './attn_core_wasm.js';
import relaxedWasm from './attn_core_relaxed_wasm.js';
import { createTrainer } from './trainer.js';
import { describe, fail } from './errors.js';
import { protocol, checkState, maskCode, positionCode, valueError } from './protocol.js';

const ARENA_FLOATS = 65536;

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

// The smallest module that uses f32x4.relaxed_madd: (func (local v128) local.get 0 x3, relaxed_madd, drop).
// It validates exactly where the relaxed build would.
const RELAXED_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 10, 16, 1, 14, 1, 1, 123, 32, 0, 32, 0, 32, 0, 253, 133,
  2, 26, 11,
]);

/** Whether this JavaScript engine runs relaxed SIMD, the relaxed build's one extra requirement. */
export function relaxedSimdSupported() {
  return typeof WebAssembly === 'object' && WebAssembly.validate(RELAXED_PROBE);
}

const BUILDS = {
  simd128: { create: createAttnCore, wasm: simd128Wasm },
  relaxed: { create: createAttnCoreRelaxed, wasm: relaxedWasm },
};

// A module the site embeds as base64 of its gzip (scripts/embed-wasm.mjs), as bytes.
async function inflate(base64) {
  const packed = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const stream = new Blob([packed]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

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
    this._arena = new Float32Array(ARENA_FLOATS);
    this._arenaUsed = 0;
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

  // One copy of the whole trace buffer, then views into that copy: nothing aliases the wasm heap, and
  // no two traces share floats.  Small traces are carved from a shared 256 KiB arena because V8 spends
  // ~3 µs on every fresh off-heap ArrayBuffer, more than the whole toy-sized forward pass.
  _copyOut(base, n) {
    const heap = this._f32;
    if (n > ARENA_FLOATS / 4) return heap.slice(base, base + n);
    const out = this._take(n);
    out.set(new Float32Array(heap.buffer, base * 4, n));
    return out;
  }

  // Room for n floats that no other trace shares: a slice of the arena when n is small.
  _take(n) {
    if (n > ARENA_FLOATS / 4) return new Float32Array(n);
    if (this._arenaUsed + n > ARENA_FLOATS) {
      this._arena = new Float32Array(ARENA_FLOATS); // earlier traces keep the old arena alive
      this._arenaUsed = 0;
    }
    const at = this._arenaUsed;
    this._arenaUsed = at + n;
    return new Float32Array(this._arena.buffer, at * 4, n);
  }

  // P and X of a state without positions, which the core does not copy: zeros, and E as it was packed
  // (what the projections read).  e: the embeddings' packing entry; at: its offset in the heap.
  _noPositions(inHeap, at, e) {
    const rows = e.rows,
      cols = e.cols,
      n = rows * cols,
      heap = this._f32;
    if (inHeap) {
      return {
        positions: { rows, cols, data: new Float32Array(n) },
        x: { rows, cols, data: heap.subarray(at, at + n) },
      };
    }
    const both = this._take(2 * n);
    both.fill(0, 0, n);
    both.set(heap.subarray(at, at + n), n);
    return {
      positions: { rows, cols, data: both.subarray(0, n) },
      x: { rows, cols, data: both.subarray(n) },
    };
  }

  _trace(H, inHeap, inputAt, embeddings) {
    this._views(); // the run may have grown memory
    const lay = this._i32,
      P = this._p,
      at = P.tensor;
    const base = lay[this._header + P.slot.traceBase] >> 2,
      n = lay[this._header + P.slot.traceFloats];
    const data = inHeap ? this._f32.subarray(base, base + n) : this._copyOut(base, n);
    const buf = data.buffer,
      bb = data.byteOffset;
    const { fullyMasked, saturated } = P.rowFlag;
    let l = this._layout;
    const heads = new Array(H);
    const fullyMaskedRows = new Array(H),
      saturatedRows = new Array(H);
    for (let h = 0; h < H; h++, l += P.layoutPerHead) {
      heads[h] = {
        q: tensor(buf, bb, lay, l + at.q),
        k: tensor(buf, bb, lay, l + at.k),
        v: tensor(buf, bb, lay, l + at.v),
        scores: tensor(buf, bb, lay, l + at.scores),
        scaled: tensor(buf, bb, lay, l + at.scaled),
        masked: tensor(buf, bb, lay, l + at.masked),
        weights: tensor(buf, bb, lay, l + at.weights),
        output: tensor(buf, bb, lay, l + at.output),
        entropy: rowValues(buf, bb, lay, l + at.entropy),
        maxWeight: rowValues(buf, bb, lay, l + at.maxWeight),
        gradNorm: rowValues(buf, bb, lay, l + at.gradNorm),
        rowMax: rowValues(buf, bb, lay, l + at.rowMax),
        rowSum: rowValues(buf, bb, lay, l + at.rowSum),
      };
      const fm = [],
        sat = [];
      for (let r = 0, first = lay[l + at.flags], rows = lay[l + at.flags + 1]; r < rows; r++) {
        const f = data[first + r];
        if (f & fullyMasked) fm.push(r);
        if (f & saturated) sat.push(r);
      }
      fullyMaskedRows[h] = fm;
      saturatedRows[h] = sat;
    }
    const px =
      lay[l + P.positions + 1] > 0
        ? { positions: tensor(buf, bb, lay, l + P.positions), x: tensor(buf, bb, lay, l + P.x) }
        : this._noPositions(inHeap, inputAt, embeddings);
    return {
      positions: px.positions,
      x: px.x,
      heads,
      concat: tensor(buf, bb, lay, l + P.concat),
      output: tensor(buf, bb, lay, l + P.output),
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
   * The bare attention kernel for benchmarks and the cost lab: out = softmax(q kᵀ · factor) v, no trace.
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
    const ptr = core._kernelBuffers(T, Dk);
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
        core._runKernel(factor, kernels === 'scalar');
      },
    };
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
  const { build } = options;
  if (build !== undefined && build !== 'relaxed' && build !== 'simd128')
    throw fail('createEngine', `build: expected "relaxed" or "simd128", got ${describe(build)}`);
  const relaxed = build === undefined ? relaxedSimdSupported() : build === 'relaxed';
  if (relaxed && !relaxedSimdSupported()) {
    throw fail(
      'createEngine',
      'build: "relaxed" needs WebAssembly relaxed SIMD, which this browser does not support (Node 20: --experimental-wasm-relaxed-simd)',
    );
  }
  const chosen = BUILDS[relaxed ? 'relaxed' : 'simd128'];
  const wasmBinary = options.wasmBinary || (await inflate(chosen.wasm));
  // locateFile: the glue would otherwise work out a URL for a .wasm it never fetches.
  const core = await chosen.create({ wasmBinary, locateFile: (path) => path });
  return new Engine(core, relaxed);
}
