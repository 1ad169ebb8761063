// Starting points: the lexicon's named dimensions (built from WordNet), one attention head designed on those
// meanings, and the sentences from the source articles.  Data only; no DOM, importable from Node.
import { DIMENSION_NAMES, DIMENSION_NOTES, lexiconVector } from './lexicon.js';

export { lexiconVector };

/** What each embedding dimension means, in order (the lexicon's). */
export const FEATURES = DIMENSION_NAMES;

/** What a high value in each dimension says about a word. */
export const FEATURE_NOTES = DIMENSION_NOTES;

const F = Object.fromEntries(FEATURES.map((n, d) => [n, d]));
// What an ambiguous word looks for and other words offer: the subjects a sense belongs to.  Doing
// (action) and describing (quality) are not subjects; "living" is what pronouns look for.
const TOPICS = ['finance', 'nature', 'tech', 'body', 'mind', 'language', 'social', 'time'].map((n) => F[n]);
const S = 8; // how hard a query looks for what it seeks

/** A D×D matrix with the listed [row feature, column feature, value] entries. */
function designed(entries) {
  const D = FEATURES.length;
  const m = Array.from({ length: D }, () => new Array(D).fill(0));
  for (const [r, c, v] of entries) m[r][c] = v;
  return m;
}

// Rows are features of the token, columns the query/key/value dimensions (in the order of FEATURES).  Each
// rule is a group of cells with what they ask, in words: the head is built from these, and the projections
// panel explains it with them (designNotes).
export const DESIGN_RULES = [
  { key: 'wq', cells: TOPICS.map((t) => [t, t, 0.5]), says: 'a word mildly looks for keys of its own topic' },
  {
    key: 'wq',
    cells: [[F.pronoun, F.living, S]],
    says: 'a pronoun’s query looks hard for something living',
  },
  {
    key: 'wq',
    cells: TOPICS.map((t) => [F.ambiguous, t, S]),
    says: 'an ambiguous word looks hard for any topic: the words around it pick its sense',
  },
  { key: 'wk', cells: TOPICS.map((t) => [t, t, 1]), says: 'a word offers its topic, where queries look for it' },
  {
    key: 'wk',
    cells: [[F.living, F.living, 1]],
    says: 'something living says so: this supplies what a pronoun’s query looks for',
  },
  {
    key: 'wk',
    cells: [[F.pronoun, F.living, -1]],
    says: 'a pronoun is not its own antecedent: it offers the opposite',
  },
  {
    key: 'wk',
    cells: TOPICS.map((t) => [F.ambiguous, t, -0.15]),
    says: 'an ambiguous word offers little: it is not its own context',
  },
];
const DESIGN_WQ = designed(DESIGN_RULES.filter((r) => r.key === 'wq').flatMap((r) => r.cells));
const DESIGN_WK = designed(DESIGN_RULES.filter((r) => r.key === 'wk').flatMap((r) => r.cells));

/** The designed head: queries and keys above, W_V = I so outputs stay in the named dimensions. */
export function designedHead() {
  const copy = (m) => m.map((r) => r.slice());
  return { wq: copy(DESIGN_WQ), wk: copy(DESIGN_WK), wv: identity(FEATURES.length, FEATURES.length) };
}

// Rows an example sets itself: senses WordNet's tag counts (1960s texts) never saw.
const PRESET_ROWS = {
  java: { tech: 0.6, nature: 0.4, ambiguous: 1 },
  programming: { tech: 1 },
};

const presetRow = (token, D) => {
  const row = PRESET_ROWS[token.toLowerCase()];
  return row && Array.from({ length: D }, (_, d) => row[FEATURES[d]] ?? 0);
};

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
    point: 'Same static “bank” as by the river, but here it attends most to “money”: finance.',
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
    embeddings: tokens.map((t) => presetRow(t, D) ?? lexiconVector(t, D) ?? new Array(D).fill(0)),
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
