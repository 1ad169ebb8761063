// Hand-made starting points: one small lexicon whose 6 dimensions have meanings, one attention head designed
// on those meanings, and the sentences from the source articles.  Data only; no DOM, importable from Node.

/** What each embedding dimension means, in order. */
export const FEATURES = ['finance', 'nature', 'living', 'tech', 'pronoun', 'ambiguous'];

/** What a high value in each dimension says about a word. */
export const FEATURE_NOTES = [
  'money, banking',
  'rivers, the outdoors',
  'people, animals',
  'computing',
  'needs something to refer to',
  'has more than one sense',
];

// One static vector per word, whatever the sentence: "bank" is the same row in "river bank" and
// "bank deposit".  Words not listed start as zeros.
const LEXICON = {
  //         finance nature living tech pronoun ambiguous
  bank: [0.6, 0.6, 0, 0, 0, 1],
  grows: [0.3, 0.4, 0.2, 0, 0, 0],
  money: [1, 0, 0, 0, 0, 0],
  deposit: [0.9, 0.1, 0, 0, 0, 0],
  river: [0, 1, 0, 0, 0, 0],
  street: [0.1, 0.2, 0, 0.1, 0, 0],
  mat: [0, 0.1, 0, 0, 0, 0],
  animal: [0, 0.3, 1, 0, 0, 0],
  cat: [0, 0.2, 1, 0, 0, 0],
  tired: [0, 0, 0.5, 0, 0, 0],
  sat: [0, 0, 0.3, 0, 0, 0],
  cross: [0, 0, 0.2, 0, 0, 0],
  went: [0, 0, 0.2, 0, 0, 0],
  fun: [0, 0, 0.3, 0, 0, 0],
  i: [0, 0, 0.8, 0, 0, 0],
  we: [0, 0, 0.8, 0, 0, 0],
  it: [0, 0, 0, 0, 1, 0],
  java: [0, 0.4, 0, 0.6, 0, 1],
  programming: [0, 0, 0, 1, 0, 0],
};

/** The lexicon's vector for a token (case and punctuation ignored), cut or zero-padded to D; null if unknown. */
export function lexiconVector(token, D) {
  const v = LEXICON[token.toLowerCase().replace(/[^a-z']/g, '')];
  return v ? Array.from({ length: D }, (_, d) => v[d] ?? 0) : null;
}

const S = 5; // how hard a query looks for what it seeks
// Rows are features of the token, columns the query/key/value dimensions (named like FEATURES).
// W_Q: an ambiguous word seeks a topic (finance, nature, tech); a pronoun seeks something living;
// other words mildly seek their own kind.
const DESIGN_WQ = [
  [0.5, 0, 0, 0, 0, 0],
  [0, 0.5, 0, 0, 0, 0],
  [0, 0, 0.5, 0, 0, 0],
  [0, 0, 0, 0.5, 0, 0],
  [0, 0, S, 0, 0, 0],
  [S, S, 0, S, 0, 0],
];
// W_K: a word offers its topic; an ambiguous word offers little (it is not its own context), and a
// pronoun is not its own antecedent.
const DESIGN_WK = [
  [1, 0, 0, 0, 0, 0],
  [0, 1, 0, 0, 0, 0],
  [0, 0, 1, 0, 0, 0],
  [0, 0, 0, 1, 0, 0],
  [0, 0, -1, 0, 0, 0],
  [-0.6, -0.6, 0, -0.6, 0, 0],
];

/** The designed head: queries and keys above, W_V = I so outputs stay in the named dimensions. */
export function designedHead() {
  const copy = (m) => m.map((r) => r.slice());
  return { wq: copy(DESIGN_WQ), wk: copy(DESIGN_WK), wv: identity(FEATURES.length, FEATURES.length) };
}

/**
 * Sentence presets.  `focus` is the query and key the preset is about (the breakdown opens on it);
 * `expect` lists the keys the focus query should attend to most (checked by the browser suite).
 */
export const SENTENCES = [
  {
    id: 'bank-grows-money',
    text: 'bank grows money',
    focus: ['bank', 'money'],
    expect: ['money'],
    point: '“bank” looks for a topic and finds “money”: its output moves towards finance.',
  },
  {
    id: 'animal-street',
    text: "The animal didn't cross the street because it was too tired",
    focus: ['it', 'animal'],
    expect: ['animal'],
    point: 'A pronoun looks for something living: “it” attends most to “animal”.',
  },
  {
    id: 'java',
    text: 'Java programming is fun',
    focus: ['Java', 'programming'],
    expect: ['programming'],
    point: '“Java” could be an island or a language; “programming” settles it.',
  },
  {
    id: 'cat-mat',
    text: 'The cat sat on the mat because it was tired',
    focus: ['it', 'cat'],
    expect: ['cat'],
    point: '“it” finds “cat”, not “mat”: only the cat is living.',
  },
  {
    id: 'bank-deposit',
    text: 'I went to the bank to deposit money',
    focus: ['bank', 'money'],
    expect: ['money', 'deposit'],
    point: 'Same static “bank” as by the river, but here it attends to “deposit” and “money”: finance.',
  },
  {
    id: 'river-bank',
    text: 'We sat by the river bank',
    focus: ['bank', 'river'],
    expect: ['river'],
    point: 'Same static “bank” as at the deposit, but here it attends to “river”: nature.',
  },
];

/** Splits a sentence on whitespace. */
export function tokenize(text) {
  return text.trim().split(/\s+/).filter(Boolean);
}

/** The full engine state of a sentence preset: lexicon embeddings and the designed head. */
export function sentenceState(id) {
  const preset = SENTENCES.find((s) => s.id === id) ?? SENTENCES[0];
  const tokens = tokenize(preset.text);
  const D = FEATURES.length;
  return {
    tokens,
    embeddings: tokens.map((t) => lexiconVector(t, D) ?? new Array(D).fill(0)),
    heads: [designedHead()],
    wo: null,
    scale: true,
    mask: 'none',
    temperature: 1,
  };
}

/** rows×cols with ones on the diagonal. */
export function identity(rows, cols) {
  return Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => (r === c ? 1 : 0)));
}

export function zeros(rows, cols) {
  return Array.from({ length: rows }, () => new Array(cols).fill(0));
}

/** A deterministic generator (mulberry32): the same seed gives the same matrices on every machine. */
export function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** rows×cols uniform in [-1, 1], rounded to 2 decimals so they are easy to read and edit. */
export function randomMatrix(next, rows, cols) {
  return Array.from({ length: rows }, () =>
    Array.from({ length: cols }, () => Math.round((next() * 2 - 1) * 100) / 100),
  );
}
