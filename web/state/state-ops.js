// Pure edits of the engine state: each takes a state and returns a new one, sharing what did not change.
// No DOM, no engine; the store validates every result through the engine before accepting it.
import { tokenize, identity, zeros, seededRandom, randomMatrix } from './presets.js';
import { lexiconVector } from './lexicon.js';

/** What this page can show live.  The engine takes far more; grids of that size would freeze the tab. */
export const DISPLAY_LIMITS = { tokens: 24, dModel: 16, Dk: 16 };

const fail = (path, problem) => Object.assign(new Error(`${path}: ${problem}`), { path });

/** Fills optional fields with the engine's defaults and copies every array, so outside edits cannot reach in. */
export function normalize(state) {
  if (state === null || typeof state !== 'object' || Array.isArray(state)) return state; // the engine names it
  const copy = (m) => (Array.isArray(m) ? m.map((r) => (Array.isArray(r) ? r.slice() : r)) : m);
  const T = Array.isArray(state.embeddings) ? state.embeddings.length : 0;
  return {
    tokens: Array.isArray(state.tokens)
      ? state.tokens.slice()
      : (state.tokens ?? Array.from({ length: T }, (_, i) => `t${i + 1}`)),
    embeddings: copy(state.embeddings),
    heads: Array.isArray(state.heads)
      ? state.heads.map((h) => (h && typeof h === 'object' ? { wq: copy(h.wq), wk: copy(h.wk), wv: copy(h.wv) } : h))
      : state.heads,
    wo: state.wo === undefined ? null : copy(state.wo),
    scale: state.scale ?? true,
    mask: copy(state.mask ?? 'none'),
    temperature: state.temperature ?? 1,
  };
}

/** Throws when a state the engine accepts is too large to show; call after the engine has checked it. */
export function checkDisplayLimits(state) {
  const T = state.embeddings.length,
    D = state.embeddings[0]?.length ?? 0,
    Dk = state.heads[0]?.wq[0]?.length ?? 0;
  const L = DISPLAY_LIMITS;
  if (T > L.tokens) throw fail('state.embeddings', `${T} tokens is above this page's limit of ${L.tokens}`);
  if (D > L.dModel) throw fail('state.embeddings', `D = ${D} is above this page's limit of ${L.dModel}`);
  if (Dk > L.Dk) throw fail('state.heads[0].wq', `Dk = ${Dk} is above this page's limit of ${L.Dk}`);
}

export const dims = (state) => ({
  T: state.embeddings.length,
  D: state.embeddings[0].length,
  Dk: state.heads[0].wq[0].length,
  H: state.heads.length,
});

/** rows×cols, keeping the overlap of m and filling the rest with fill(r, c). */
export function resize(m, rows, cols, fill = () => 0) {
  return Array.from({ length: rows }, (_, r) =>
    Array.from({ length: cols }, (_, c) => (r < m.length && c < m[r].length ? m[r][c] : fill(r, c))),
  );
}

const withRow = (m, r, c, v) => m.map((row, i) => (i === r ? row.map((x, j) => (j === c ? v : x)) : row));

/** Sets one number.  target: 'embeddings', 'wo' or {head, key: 'wq'|'wk'|'wv'}. */
export function setCell(state, target, r, c, v) {
  if (target === 'embeddings' || target === 'wo') return { ...state, [target]: withRow(state[target], r, c, v) };
  const heads = state.heads.map((h, i) =>
    i === target.head ? { ...h, [target.key]: withRow(h[target.key], r, c, v) } : h,
  );
  return { ...state, heads };
}

/**
 * A page's kept values: every number a smaller D, d_k or head count hid, and the rows of words that left the
 * sentence, so growing the size again or retyping the word brings them back.  Never part of the state: links
 * and JSON carry only what is shown.  keepValues records a state into it; the size and sentence edits below
 * read it back.
 */
export function keptValues() {
  return { words: new Map(), heads: [], wo: [] };
}

// Writes m over k (a matrix of rows), growing k where m is larger and leaving k's other cells as they were.
function overlay(k, m) {
  for (let r = 0; r < m.length; r++) {
    const row = (k[r] ??= []);
    for (let c = 0; c < m[r].length; c++) row[c] = m[r][c];
  }
  return k;
}

/** Records every number of state in kept, over what it held for the same place. */
export function keepValues(kept, state) {
  if (!kept) return;
  const seen = new Map();
  state.tokens.forEach((t, i) => {
    const n = seen.get(t) ?? 0;
    seen.set(t, n + 1);
    if (!kept.words.has(t)) kept.words.set(t, []);
    const rows = kept.words.get(t);
    rows[n] = overlay([rows[n] ?? []], [state.embeddings[i]])[0];
  });
  state.heads.forEach((hd, h) => {
    const k = (kept.heads[h] ??= { wq: [], wk: [], wv: [] });
    for (const key of ['wq', 'wk', 'wv']) overlay(k[key], hd[key]);
  });
  if (state.wo) {
    const Dk = state.heads[0].wq[0].length;
    state.heads.forEach((_, h) => overlay((kept.wo[h] ??= []), state.wo.slice(h * Dk, (h + 1) * Dk)));
  }
}

/** Forgets the kept projections (a projection preset replaces them all, hidden parts too). */
export function forgetProjections(kept) {
  if (!kept) return;
  kept.heads.length = 0;
  kept.wo.length = 0;
}

/** The kept row of the n-th occurrence of word, or undefined. */
const keptRow = (kept, word, n) => kept?.words.get(word)?.[n];

/** A new row of E for the n-th occurrence of token t: its kept row, else its lexicon vector, else zeros. */
export function newRow(t, n, D, kept) {
  const row = keptRow(kept, t, n),
    lex = lexiconVector(t, D);
  return Array.from({ length: D }, (_, c) => row?.[c] ?? lex?.[c] ?? 0);
}

/**
 * Re-tokenises on whitespace; tokens that remain keep their rows (and mask entries), new ones get their kept
 * row (see keptValues) or come from the lexicon or start at 0.
 */
export function setSentence(state, text, kept) {
  const tokens = tokenize(text);
  if (tokens.length === 0) throw fail('sentence', 'type at least one word');
  if (tokens.length > DISPLAY_LIMITS.tokens) {
    throw fail('sentence', `${tokens.length} words is above this page's limit of ${DISPLAY_LIMITS.tokens}`);
  }
  const D = state.embeddings[0].length;
  const used = new Set();
  const from = tokens.map((t) => {
    const i = state.tokens.findIndex((old, k) => old === t && !used.has(k));
    if (i >= 0) used.add(i);
    return i;
  });
  const seen = new Map();
  const embeddings = tokens.map((t, i) => {
    const n = seen.get(t) ?? 0;
    seen.set(t, n + 1);
    return from[i] >= 0 ? state.embeddings[from[i]] : newRow(t, n, D, kept);
  });
  let mask = state.mask;
  if (Array.isArray(mask)) {
    mask = from.map((i) => from.map((j) => (i >= 0 && j >= 0 ? state.mask[i][j] : 1)));
  }
  return { ...state, tokens, embeddings, mask };
}

// Where a grown matrix gets a cell it did not have: the kept value there, else fallback (0).
const from =
  (k, fallback = () => 0) =>
  (r, c) =>
    k?.[r]?.[c] ?? fallback(r, c);

function occurrences(tokens) {
  const seen = new Map();
  return tokens.map((t) => {
    const n = seen.get(t) ?? 0;
    seen.set(t, n + 1);
    return n;
  });
}

// Every head's W_Q, W_K and W_V resized to D×Dk, cells that reappear taking their kept values.
function resizeHeads(state, D, Dk, kept) {
  return state.heads.map((h, i) => {
    const k = kept?.heads[i];
    return {
      wq: resize(h.wq, D, Dk, from(k?.wq)),
      wk: resize(h.wk, D, Dk, from(k?.wk)),
      wv: resize(h.wv, D, Dk, from(k?.wv)),
    };
  });
}

/**
 * Changes D: E gains or loses columns, every W_Q/W_K/W_V rows; W_O's columns follow when they matched D.
 * Cells that reappear get their kept values (see keptValues), others 0.
 */
export function setModelDim(state, D, kept) {
  const { T, D: oldD, Dk, H } = dims(state);
  const heads = resizeHeads(state, D, Dk, kept);
  const keptWo = (r, c) => kept?.wo[Math.floor(r / Dk)]?.[r % Dk]?.[c] ?? 0;
  const wo = state.wo && state.wo[0].length === oldD ? resize(state.wo, H * Dk, D, keptWo) : state.wo;
  const n = occurrences(state.tokens);
  const embeddings = resize(state.embeddings, T, D, (r, c) => keptRow(kept, state.tokens[r], n[r])?.[c] ?? 0);
  return { ...state, embeddings, heads, wo };
}

/** Changes Dk: every projection gains or loses columns; W_O's rows are rebuilt head block by head block. */
export function setHeadDim(state, Dk, kept) {
  const { D, Dk: oldDk, H } = dims(state);
  const heads = resizeHeads(state, D, Dk, kept);
  let wo = state.wo;
  if (wo) {
    const cols = wo[0].length;
    wo = Array.from({ length: H * Dk }, (_, r) => {
      const h = Math.floor(r / Dk),
        d = r % Dk;
      if (d < oldDk) return wo[h * oldDk + d].slice();
      const k = kept?.wo[h]?.[d];
      return Array.from({ length: cols }, (_, c) => k?.[c] ?? 0);
    });
  }
  return { ...state, heads, wo };
}

/** Changes H: heads that come back get their kept projections; new heads seeded random ones (seed + head index). */
export function setHeadCount(state, H, seed, kept) {
  const { D, Dk, H: oldH } = dims(state);
  const heads = Array.from({ length: H }, (_, h) => {
    if (state.heads[h]) return state.heads[h];
    const fresh = randomHead(seed + h, D, Dk),
      k = kept?.heads[h];
    if (!k) return fresh;
    const fill = (key) => resize(k[key], D, Dk, (r, c) => fresh[key][r][c]);
    return { wq: fill('wq'), wk: fill('wk'), wv: fill('wv') };
  });
  let wo = state.wo;
  if (wo) {
    const cols = wo[0].length;
    wo = Array.from({ length: H * Dk }, (_, r) => {
      const h = Math.floor(r / Dk);
      if (h < oldH) return wo[r].slice();
      const k = kept?.wo[h]?.[r % Dk];
      return Array.from({ length: cols }, (_, c) => k?.[c] ?? 0);
    });
  }
  return { ...state, heads, wo };
}

function randomHead(seed, D, Dk) {
  const next = seededRandom(seed);
  return { wq: randomMatrix(next, D, Dk), wk: randomMatrix(next, D, Dk), wv: randomMatrix(next, D, Dk) };
}

/** W_O on: (H·Dk)×D that averages the heads back into E's dimensions; off: the output is the concat. */
export function setOutputProjection(state, on) {
  if (!on) return { ...state, wo: null };
  const { D, Dk, H } = dims(state);
  const wo = Array.from({ length: H * Dk }, (_, r) =>
    Array.from({ length: D }, (_, c) => (r % Dk === c ? Math.round(100 / H) / 100 : 0)),
  );
  return { ...state, wo };
}

/** mode: 'none', 'causal' or 'custom' (starts from the mask in force, so nothing changes until a click). */
export function setMaskMode(state, mode) {
  if (mode !== 'custom') return { ...state, mask: mode };
  return { ...state, mask: effectiveMask(state) };
}

// Each named mask's rule; a custom mask is its own T×T allow-matrix.  The core states the same rules once
// (attn::may_attend) and the engine checks names against its own list.
const NAMED_MASKS = { none: () => true, causal: (i, j) => j <= i };

/** The masks a state may name. */
export const MASK_NAMES = Object.freeze(Object.keys(NAMED_MASKS));

/** May query i attend to key j under `mask` ('none', 'causal' or a T×T allow-matrix; absent means 'none')? */
export function maskAllows(mask, i, j) {
  return Array.isArray(mask) ? mask[i][j] !== 0 : NAMED_MASKS[mask ?? 'none'](i, j);
}

/** The T×T allow-matrix the state means, whatever its mask mode. */
export function effectiveMask(state) {
  const T = state.embeddings.length;
  if (Array.isArray(state.mask)) return state.mask;
  return Array.from({ length: T }, (_, i) =>
    Array.from({ length: T }, (_, j) => (maskAllows(state.mask, i, j) ? 1 : 0)),
  );
}

/** Flips whether query i may attend to key j (switching to a custom mask first). */
export function toggleMask(state, i, j) {
  const mask = effectiveMask(state);
  return { ...state, mask: withRow(mask, i, j, mask[i][j] ? 0 : 1) };
}

/** Replaces every W_Q, W_K, W_V (and W_O when on).  kind: 'identity', 'random' or 'zeros'. */
export function setProjections(state, kind, seed) {
  const { D, Dk, H } = dims(state);
  const make = kind === 'identity' ? () => identity(D, Dk) : () => zeros(D, Dk);
  const heads =
    kind === 'random'
      ? Array.from({ length: H }, (_, h) => randomHead(seed + h, D, Dk))
      : state.heads.map(() => ({ wq: make(), wk: make(), wv: make() }));
  let wo = state.wo;
  if (wo) {
    const rows = H * Dk,
      cols = wo[0].length;
    if (kind === 'identity') wo = identity(rows, cols);
    else if (kind === 'zeros') wo = zeros(rows, cols);
    else wo = randomMatrix(seededRandom(seed + H), rows, cols);
  }
  return { ...state, heads, wo };
}
