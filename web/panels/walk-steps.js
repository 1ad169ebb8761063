// The seven steps of a walk through attention for one query token: which cells each step involves and
// what it says, with the trace's numbers.  No DOM and no arithmetic: every number is the trace's, formatted.
import { formatNumber as f, formatEdit, formatList as list } from '../widgets/format.js';

/** The steps in order: name (the `step` attribute), the badge of the panel it belongs to, a title. */
export const WALK_STEPS = [
  { name: 'projections', badge: 'Q·K·V', title: 'Projections' },
  { name: 'scores', badge: '1', title: 'Scores' },
  { name: 'scale', badge: '2', title: 'Scale' },
  { name: 'mask', badge: 'M', title: 'Mask' },
  { name: 'softmax', badge: '3', title: 'Softmax' },
  { name: 'weigh', badge: '4', title: 'Weigh' },
  { name: 'sum', badge: '5', title: 'Sum' },
];
export const STEP_NAMES = WALK_STEPS.map((s) => s.name);

const row = (r, cols) => Array.from({ length: cols }, (_, c) => r * cols + c);
const rows = (list, cols) => list.flatMap((r) => row(r, cols));
const range = (n) => Array.from({ length: n }, (_, k) => k);

/** The keys row i may attend to under the trace's mask (masked scores of −∞ are blocked). */
function allowedKeys(ht, i) {
  const T = ht.masked.cols;
  return range(T).filter((j) => ht.masked.data[i * T + j] !== -Infinity);
}

/**
 * The cells a step lights, per tensor, as flat indices (row × cols + col): q, k, v, scores, scaled,
 * masked, weights and z (the head's), concat and output (the layer's).  Tensors a step leaves dark are absent.
 */
export function walkLit(step, trace, head, i, j) {
  const ht = trace.heads[head],
    T = ht.weights.cols,
    Dk = ht.q.cols;
  const cell = [i * T + j];
  switch (step) {
    case 'projections':
      return { q: row(i, Dk), k: rows(range(T), Dk), v: rows(range(T), Dk) };
    case 'scores':
      return { q: row(i, Dk), k: row(j, Dk), scores: cell };
    case 'scale':
      return { scores: cell, scaled: cell };
    case 'mask':
      return { masked: row(i, T) };
    case 'softmax':
      return { masked: row(i, T), weights: row(i, T) };
    case 'weigh':
      return { weights: row(i, T), v: rows(allowedKeys(ht, i), Dk) };
    case 'sum': {
      const C = trace.concat.cols;
      return {
        z: row(i, Dk),
        concat: range(Dk).map((d) => i * C + head * Dk + d),
        output: row(i, trace.output.cols),
      };
    }
    default:
      return {};
  }
}

/** "− x" in a formula, with a negative x in parentheses: "− (−3.10)", never "− −3.10". */
export const minus = (x, digits = 2) => (x < 0 ? `− (${f(x, digits)})` : `− ${f(x, digits)}`);

const vector = (m, r) => `(${Array.from(m.data.subarray(r * m.cols, (r + 1) * m.cols), (x) => f(x)).join(', ')})`;

/** A token's name in a sentence; with its position when the word appears more than once. */
function namer(tokens) {
  return (k) => (tokens.indexOf(tokens[k]) !== tokens.lastIndexOf(tokens[k]) ? `${tokens[k]} (${k + 1})` : tokens[k]);
}

/** Row r of m as a short vector: its first `most` entries, then "…" (the panels show the rest). */
function shortVector(m, r, most = 6) {
  const xs = Array.from(m.data.subarray(r * m.cols, (r + 1) * m.cols), (x) => f(x));
  return `(${xs.length > most ? `${xs.slice(0, most).join(', ')}, …` : xs.join(', ')})`;
}

/**
 * The numbers a walk is about, copied small for the bar that stays in view while the panels scroll: query i's
 * q, key j's k, their score, its scaled (and masked) value, the weight, key j's v and query i's head output z.
 * Each is { tensor, label, text }: tensor names the trace's tensor whose lit cells it copies (walkLit).
 */
export function walkNumbers(state, trace, head, i, j) {
  const ht = trace.heads[head],
    T = ht.weights.cols;
  const name = namer(state.tokens);
  const at = (m) => m.data[i * T + j];
  return [
    { tensor: 'q', label: `q ${name(i)}`, text: shortVector(ht.q, i) },
    { tensor: 'k', label: `k ${name(j)}`, text: shortVector(ht.k, j) },
    { tensor: 'scores', label: 'q·k', text: f(at(ht.scores)) },
    { tensor: 'masked', label: 'scaled', text: f(at(ht.masked)) },
    { tensor: 'weights', label: 'weight', text: f(at(ht.weights), 3) },
    { tensor: 'v', label: `v ${name(j)}`, text: shortVector(ht.v, j) },
    { tensor: 'z', label: `z ${name(i)}`, text: shortVector(ht.output, i) },
  ];
}

/**
 * The step's narration for query i (and key j where the step is about one key), from the trace.
 * state: { tokens, scale, temperature, mask, wo }.
 */
export function narrate(step, state, trace, head, i, j) {
  const ht = trace.heads[head],
    T = ht.weights.cols,
    Dk = ht.q.cols,
    H = trace.heads.length;
  const name = namer(state.tokens);
  const qi = name(i),
    kj = name(j);
  const at = (m) => m.data[i * T + j];
  const blocked = at(ht.masked) === -Infinity;
  const allowed = allowedKeys(ht, i);
  const w = (k) => f(ht.weights.data[i * T + k], 3);
  switch (step) {
    case 'projections':
      return (
        `${qi}’s query: q = x·W_Q = ${vector(ht.q, i)}. ` +
        `Every token’s key and value are made the same way: K = X·W_K, V = X·W_V, ${T}×${Dk} each.`
      );
    case 'scores': {
      const q = ht.q.data.subarray(i * Dk, (i + 1) * Dk),
        k = ht.k.data.subarray(j * Dk, (j + 1) * Dk);
      const products = Array.from(q, (x, d) => `${f(x)}×${f(k[d])}`).join(' + ');
      return `${qi}’s query meets ${kj}’s key: q·k = ${products} = ${f(at(ht.scores))}.`;
    }
    case 'scale': {
      const divisors = [
        state.scale ? `√${Dk}` : null,
        state.temperature !== 1 ? `τ ${formatEdit(state.temperature)}` : null,
      ];
      const by = divisors.filter(Boolean);
      return by.length
        ? `The score ${f(at(ht.scores))} ÷ ${by.join(' ÷ ')} = ${f(at(ht.scaled))}.`
        : `Not scaled (√d_k off, τ = 1): the score stays ${f(at(ht.scaled))}.`;
    }
    case 'mask': {
      const shut = range(T)
        .filter((k) => !allowed.includes(k))
        .map(name);
      const kind = Array.isArray(state.mask) ? 'Custom mask' : state.mask === 'causal' ? 'Causal mask' : 'No mask';
      const why =
        state.mask === 'causal'
          ? ': a token sees only itself and the tokens before it'
          : Array.isArray(state.mask)
            ? ': the cells blocked in the mask panel'
            : '';
      const whole =
        allowed.length === 0
          ? `${qi} may attend to no token: its weights will all be 0`
          : shut.length === 0
            ? `${qi} may attend to all ${T} tokens`
            : `${qi} may not attend to ${list(shut)} (−∞, weight 0)`;
      const key = blocked ? `${kj} is blocked: −∞` : `${kj}’s scaled score ${f(at(ht.masked))} stays`;
      return `${kind}${why}. ${whole}; ${key}.`;
    }
    case 'softmax': {
      if (allowed.length === 0)
        return `${qi} has nothing to attend to: every weight is ${w(0)} (no row max: −∞; the sum is ${f(ht.rowSum[i], 3)}).`;
      const m = ht.rowMax[i],
        z = ht.rowSum[i];
      const of = blocked
        ? `${kj} is blocked: e^(−∞) = 0, weight ${w(j)}`
        : `${kj}’s weight: e^(${f(at(ht.masked))} ${minus(m)}) ÷ ${f(z, 3)} = ${w(j)}`;
      return `The row’s largest score is ${f(m)}; e^(s′ ${minus(m)}) summed over the row gives ${f(z, 3)}. ${of}.`;
    }
    case 'weigh':
      return blocked
        ? `${kj} is blocked: its value counts ${w(j)} times in ${qi}’s output.`
        : `${kj}’s value counts ${w(j)} times: a·v = ${w(j)} × ${vector(ht.v, j)}.`;
    case 'sum': {
      const terms = allowed.map((k) => `${w(k)}·v_${name(k)}`).join(' + ');
      const z = allowed.length
        ? `z = ${terms} = ${vector(ht.output, i)}`
        : `z = ${vector(ht.output, i)} (nothing to attend to)`;
      const lands =
        H > 1
          ? `it fills columns ${head * Dk + 1}–${(head + 1) * Dk} of the concat (head ${head + 1} of ${H})`
          : 'it is the concat’s row';
      const out = state.wo
        ? `; concat·W_O gives the output row ${vector(trace.output, i)}`
        : H > 1
          ? `; the output row is the concat’s`
          : `, and the output row`;
      return `${qi}’s new vector: ${z}; ${lands}${out}.`;
    }
    default:
      return '';
  }
}
