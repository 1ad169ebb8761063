// The trainer's inputs: type checks (shapes, limits and values are C++'s) and the private copies the trainer
// keeps, so that no caller ever shares arrays with it.
import { describe, fail } from './errors.js';
import { protocol, checkState, checkRows, valueError } from './protocol.js';

const PARAMS = ['wq', 'wk', 'wv', 'wo', 'embeddings', 'positions'];
// Checks that every entry of m, rows already checked, is a number.  where, H: as checkRows takes them.
function checkValues(m, where, H) {
  for (let r = 0; r < m.length; r++) {
    const row = m[r];
    for (let c = 0; c < row.length; c++) if (typeof row[c] !== 'number') throw valueError(where, H, r, c, row[c]);
  }
}

// Checks that m is an array of equal-length arrays of numbers.
function checkMatrix(m, path) {
  checkRows(m, path);
  checkValues(m, path);
  return m;
}

const copyRows = (m) => m.map((row) => row.slice());

// The engine's type checks, and every entry a number.
export function checkTrainState(core, state) {
  const H = Array.isArray(state?.heads) ? state.heads.length : 0;
  checkState(protocol(core), state, core._maxHeads, (slot, m) => checkValues(m, slot, H));
  return state;
}

// A deep copy of a checked state: no caller ever shares arrays with the trainer.
export function cloneState(s) {
  const out = { ...s, embeddings: copyRows(s.embeddings) };
  out.heads = s.heads.map((h) => ({ wq: copyRows(h.wq), wk: copyRows(h.wk), wv: copyRows(h.wv) }));
  if (s.wo) out.wo = copyRows(s.wo);
  if (Array.isArray(s.mask)) out.mask = copyRows(s.mask);
  if (Array.isArray(s.positions)) out.positions = copyRows(s.positions);
  if (Array.isArray(s.tokens)) out.tokens = s.tokens.slice();
  return out;
}

export function copyTarget(target, H) {
  const per = 'expected one T×T matrix (or null) per head';
  if (target === undefined || target === null) return [];
  if (!Array.isArray(target)) throw fail('options.target', `${per}, got ${describe(target)}`);
  if (Array.isArray(target[0]) && typeof target[0][0] === 'number') {
    throw fail('options.target', `${per}, got a single matrix: wrap it in [ ]`);
  }
  if (target.length > H) {
    const most = `${H} ${H === 1 ? 'matrix' : 'matrices'}`;
    throw fail('options.target', `expected at most ${most} (one per head), got ${target.length}`);
  }
  return target.map((m, h) => (m == null ? null : copyRows(checkMatrix(m, `options.target[${h}]`))));
}

export const copyOutput = (m) => (m == null ? null : copyRows(checkMatrix(m, 'options.targetOutput')));

// attn::Param's bits, by the names options.train takes.
export function paramBits(core) {
  const bit = (name) => core[`_param${name[0].toUpperCase()}${name.slice(1)}`];
  return Object.fromEntries(PARAMS.map((name) => [name, bit(name)]));
}

export function trainBits(bits, names) {
  if (!Array.isArray(names))
    throw fail('options.train', `expected an array of parameter names, got ${describe(names)}`);
  return names.reduce((set, name, i) => {
    if (!Object.hasOwn(bits, name)) {
      const names = PARAMS.map((n) => JSON.stringify(n)).join(', ');
      throw fail(`options.train[${i}]`, `expected one of ${names}, got ${describe(name)}`);
    }
    return set | bits[name];
  }, 0);
}

export function checkNumber(v, path) {
  if (typeof v !== 'number') throw fail(path, `expected a number, got ${describe(v)}`);
  return v;
}
