// The JavaScript half of the wire protocol (wasm/protocol.hpp): the numbers the core exports, read once per
// module instance, and the one type check of a state that the engine and the trainer share.  Shapes, limits
// and values are the core's to check.
import { describe, fail, plural } from './errors.js';

const read = new WeakMap();

/** The core's header slots, mask codes, trace layout and bits, as the module exports them. */
export function protocol(core) {
  let p = read.get(core);
  if (p) return p;
  const entry = (i) => 3 * i; // each published tensor is (offset, rows, cols)
  p = Object.freeze({
    headerInts: core._headerInts,
    slot: Object.freeze({
      heads: core._slotHeads,
      mask: core._slotMask,
      scale: core._slotScale,
      hasWo: core._slotHasWo,
      kernels: core._slotKernels,
      traceBase: core._slotTraceBase,
      traceFloats: core._slotTraceFloats,
      params: core._slotParams,
      positions: core._slotPositions,
      shapes: core._slotShapes,
    }),
    maskNames: Object.freeze(core._maskNames().split(',')), // index = code
    maskCustom: core._maskCustom,
    positionNames: Object.freeze(core._positionNames().split(',')), // index = code
    positionsLearned: core._positionsLearned,
    layoutPerHead: entry(core._tensorsPerHead),
    // Where each tensor's entry sits among its head's layout ints.
    tensor: Object.freeze({
      q: entry(core._tensorQ),
      k: entry(core._tensorK),
      v: entry(core._tensorV),
      scores: entry(core._tensorScores),
      scaled: entry(core._tensorScaled),
      masked: entry(core._tensorMasked),
      weights: entry(core._tensorWeights),
      output: entry(core._tensorOutput),
      entropy: entry(core._tensorEntropy),
      maxWeight: entry(core._tensorMaxWeight),
      gradNorm: entry(core._tensorGradNorm),
      flags: entry(core._tensorFlags),
      rowMax: entry(core._tensorRowMax),
      rowSum: entry(core._tensorRowSum),
    }),
    // After the heads' entries.
    concat: entry(core._tensorConcat),
    output: entry(core._tensorLayerOutput),
    positions: entry(core._tensorPositions),
    x: entry(core._tensorX),
    rowFlag: Object.freeze({ fullyMasked: core._rowFullyMasked, saturated: core._rowSaturated }),
  });
  read.set(core, p);
  return p;
}

/** The header code of a checked state's mask: a name's index, or the custom code for a T×T array. */
export function maskCode(p, mask) {
  if (Array.isArray(mask)) return p.maskCustom;
  return p.maskNames.indexOf(mask === undefined ? 'none' : mask);
}

/** The header code of a checked state's positions: a name's index, or the learned code for a T×D array. */
export function positionCode(p, positions) {
  if (Array.isArray(positions)) return p.positionsLearned;
  return p.positionNames.indexOf(positions === undefined ? 'none' : positions);
}

// The path of matrix `slot` in the packing order (embeddings, per head wq wk wv, wo, mask, positions),
// built only for an error message: a valid state allocates no strings.
function slotPath(slot, H) {
  if (slot === 0) return 'state.embeddings';
  if (slot <= 3 * H) return `state.heads[${((slot - 1) / 3) | 0}].${['wq', 'wk', 'wv'][(slot - 1) % 3]}`;
  return ['state.wo', 'state.mask', 'state.positions'][slot - 3 * H - 1];
}

const pathOf = (where, H) => (typeof where === 'string' ? where : slotPath(where, H));

/**
 * Checks that m is an array of equal-length arrays and returns its column count.  where: a path, or a
 * packing slot of a state with H heads.  Entries are checked apart (valueError), as a caller packs them.
 */
export function checkRows(m, where, H) {
  if (!Array.isArray(m)) throw fail(pathOf(where, H), `expected an array of rows, got ${describe(m)}`);
  const rows = m.length;
  const cols = rows > 0 && Array.isArray(m[0]) ? m[0].length : 0;
  for (let r = 0; r < rows; r++) {
    const row = m[r];
    if (!Array.isArray(row))
      throw fail(`${pathOf(where, H)}[${r}]`, `expected an array of numbers, got ${describe(row)}`);
    if (row.length !== cols)
      throw fail(`${pathOf(where, H)}[${r}]`, `expected ${plural(cols, 'number')} like row 0, got ${row.length}`);
  }
  return cols;
}

/** The error for entry (r, c) of the matrix at `where` (as checkRows) when it is not a number. */
export function valueError(where, H, r, c, v) {
  return fail(`${pathOf(where, H)}[${r}][${c}]`, `not a finite number (${describe(v)})`);
}

const EMPTY = [];

/**
 * Type checks of a state, in field order.  Hands every matrix to add(slot, m, cols) in packing order
 * (embeddings, per head wq wk wv, wo, mask, positions; an absent wo, a named mask or named positions as [])
 * and returns how many there are, 3H + 4.
 */
export function checkState(p, state, maxHeads, add) {
  if (state === null || typeof state !== 'object' || Array.isArray(state)) {
    throw fail('state', `expected an object, got ${describe(state)}`);
  }
  const heads = state.heads;
  const H = Array.isArray(heads) ? heads.length : 0;
  const E = state.embeddings;
  add(0, E, checkRows(E, 0, H));
  const tokens = state.tokens;
  if (tokens !== undefined) {
    if (!Array.isArray(tokens)) throw fail('state.tokens', `expected an array of strings, got ${describe(tokens)}`);
    for (let i = 0; i < tokens.length; i++) {
      if (typeof tokens[i] !== 'string')
        throw fail(`state.tokens[${i}]`, `expected a string, got ${describe(tokens[i])}`);
    }
    if (tokens.length !== E.length)
      throw fail(
        'state.tokens',
        `expected ${plural(E.length, 'token')} (one per embeddings row), got ${tokens.length}`,
      );
  }
  if (!Array.isArray(heads)) throw fail('state.heads', `expected an array of heads, got ${describe(heads)}`);
  if (H > maxHeads) throw fail('state.heads', `${H} heads is above the limit of ${maxHeads}`);
  for (let i = 0; i < H; i++) {
    const h = heads[i];
    if (h === null || typeof h !== 'object')
      throw fail(`state.heads[${i}]`, `expected { wq, wk, wv }, got ${describe(h)}`);
    add(3 * i + 1, h.wq, checkRows(h.wq, 3 * i + 1, H));
    add(3 * i + 2, h.wk, checkRows(h.wk, 3 * i + 2, H));
    add(3 * i + 3, h.wv, checkRows(h.wv, 3 * i + 3, H));
  }
  const wo = state.wo === null || state.wo === undefined ? EMPTY : state.wo;
  add(3 * H + 1, wo, checkRows(wo, 3 * H + 1, H));
  const mask = state.mask;
  if (!Array.isArray(mask) && mask !== undefined && !p.maskNames.includes(mask)) {
    const names = p.maskNames.map((n) => JSON.stringify(n)).join(', ');
    throw fail('state.mask', `expected ${names} or a T×T array of 0/1, got ${describe(mask)}`);
  }
  const allow = Array.isArray(mask) ? mask : EMPTY;
  add(3 * H + 2, allow, checkRows(allow, 3 * H + 2, H));
  if (state.scale !== undefined && typeof state.scale !== 'boolean') {
    throw fail('state.scale', `expected true or false, got ${describe(state.scale)}`);
  }
  if (state.temperature !== undefined && typeof state.temperature !== 'number') {
    throw fail('state.temperature', `expected a number, got ${describe(state.temperature)}`);
  }
  const positions = state.positions;
  if (!Array.isArray(positions) && positions !== undefined && !p.positionNames.includes(positions)) {
    const names = p.positionNames.map((n) => JSON.stringify(n)).join(', ');
    throw fail('state.positions', `expected ${names} or a T×D array of numbers, got ${describe(positions)}`);
  }
  const table = Array.isArray(positions) ? positions : EMPTY;
  add(3 * H + 3, table, checkRows(table, 3 * H + 3, H));
  return 3 * H + 4;
}
