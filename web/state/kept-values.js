// What a page keeps while it is open, beside the state, and the new rows of E drawn from it.
// No DOM, no engine.
import { lexiconVector } from './lexicon.js';

/**
 * A page's kept values: every number a smaller D, d_k or head count hid, and the rows of words that left the
 * sentence, so growing the size again or retyping the word brings them back.  Never part of the state: links
 * and JSON carry only what is shown.  keepValues records a state into it; the size and sentence edits
 * (state-resize.js) read it back.
 */
export function keptValues() {
  return { words: new Map(), heads: [], wo: [], positions: [] };
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
  if (Array.isArray(state.positions)) overlay(kept.positions, state.positions);
}

/** Forgets the kept projections (a projection preset replaces them all, hidden parts too). */
export function forgetProjections(kept) {
  if (!kept) return;
  kept.heads.length = 0;
  kept.wo.length = 0;
}

/** The kept row of the n-th occurrence of word, or undefined. */
export const keptRow = (kept, word, n) => kept?.words.get(word)?.[n];

/** A new row of E for the n-th occurrence of token t: its kept row, else its lexicon vector, else zeros. */
export function newRow(t, n, D, kept) {
  const row = keptRow(kept, t, n),
    lex = lexiconVector(t, D);
  return Array.from({ length: D }, (_, c) => row?.[c] ?? lex?.[c] ?? 0);
}
