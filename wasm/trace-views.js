// The trace as plain matrices: views over the core's trace buffer, in the heap or in one copy of it, laid out
// as the published layout says.  No two copied traces share floats.

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

/** Reads traces out of one core's heap.  P: its protocol; header, layout: int offsets of both in the heap. */
export class TraceReader {
  constructor(P, header, layout) {
    this._p = P;
    this._header = header;
    this._layout = layout;
    this._arena = new Float32Array(ARENA_FLOATS);
    this._arenaUsed = 0;
  }

  // One copy of the whole trace buffer, then views into that copy: nothing aliases the wasm heap, and
  // no two traces share floats.  Small traces are carved from a shared 256 KiB arena because V8 spends
  // ~3 µs on every fresh off-heap ArrayBuffer, more than the whole toy-sized forward pass.
  _copyOut(heap, base, n) {
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
  _noPositions(heap, inHeap, at, e) {
    const rows = e.rows,
      cols = e.cols,
      n = rows * cols;
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

  /**
   * The trace of the last run of H heads.  f32, i32: current views of the heap; inHeap: views into the heap
   * rather than a copy; inputAt, embeddings: where E was packed and its packing entry.
   */
  read(f32, i32, H, inHeap, inputAt, embeddings) {
    const lay = i32,
      P = this._p,
      at = P.tensor;
    const base = lay[this._header + P.slot.traceBase] >> 2,
      n = lay[this._header + P.slot.traceFloats];
    const data = inHeap ? f32.subarray(base, base + n) : this._copyOut(f32, base, n);
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
        : this._noPositions(f32, inHeap, inputAt, embeddings);
    return {
      positions: px.positions,
      x: px.x,
      heads,
      concat: tensor(buf, bb, lay, l + P.concat),
      output: tensor(buf, bb, lay, l + P.output),
      flags: { fullyMaskedRows, saturatedRows },
    };
  }
}
