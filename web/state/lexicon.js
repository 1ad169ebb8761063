// The page's lexicon: a vector of named dimensions for a word, from the table scripts/build-lexicon.mjs makes
// out of WordNet at build time (lexicon-data.js, in the site folder only).  No DOM; importable from Node.
import { DIMENSIONS, LEVELS, STORED, AMBIGUOUS, FUNCTION_WORDS, WORDS, EXCEPTIONS } from './lexicon-data.js';
import { baseForms, ambiguity } from './word-forms.js';

/** The dimensions' names, in order ("finance", "nature", ...). */
export const DIMENSION_NAMES = DIMENSIONS.map((d) => d.name);
/** One line per dimension: what a high value says about a word. */
export const DIMENSION_NOTES = DIMENSIONS.map((d) => d.note);

let words = null,
  exceptions = null;

// Decoded on first use: a module that only names the dimensions does not pay for 11,000 words.
function decode() {
  words = new Map();
  for (const line of WORDS.split('\n')) {
    const [code, ...list] = line.split(' ');
    const v = new Array(DIMENSIONS.length).fill(0);
    STORED.forEach((d, k) => (v[d] = (code.charCodeAt(k) - 97) / LEVELS));
    v[AMBIGUOUS] = ambiguity(v, AMBIGUOUS, LEVELS);
    for (const w of list) words.set(w, v);
  }
  exceptions = new Map(EXCEPTIONS.split('\n').map((l) => l.split(' ')));
}

// Contractions end on their own word: "didn't" is "did", "it's" is "it".
const CLITIC = /(n't|'s|'re|'ll|'ve|'d|'m)$/;

/** A token as the lexicon spells it: lower case, outer punctuation dropped, ’ as '. */
export function normalWord(token) {
  return token
    .toLowerCase()
    .replace(/’/g, "'")
    .replace(/^[^a-z0-9']+|[^a-z0-9']+$/g, '')
    .replace(/^'+|'+$/g, '');
}

/**
 * What the lexicon knows of a token: { word, base, vector, functionWord } (vector: a fresh array, one value
 * per dimension; base: the form found, e.g. "grow" for "grows"), or null when it knows nothing.
 */
export function lookup(token) {
  if (!words) decode();
  const word = normalWord(token);
  if (!word) return null;
  const forms = [word];
  if (CLITIC.test(word) && word.replace(CLITIC, '')) forms.push(word.replace(CLITIC, ''));
  for (const w of forms) {
    if (Object.hasOwn(FUNCTION_WORDS, w))
      return { word, base: w, vector: FUNCTION_WORDS[w].slice(), functionWord: true };
    if (words.has(w)) return { word, base: w, vector: words.get(w).slice(), functionWord: false };
    const base = baseForms(
      w,
      (b) => words.has(b),
      (f) => (exceptions.has(f) ? [exceptions.get(f)] : []),
    )[0];
    if (base) return { word, base, vector: words.get(base).slice(), functionWord: false };
  }
  return null;
}

/** The lexicon's vector for a token, cut or zero-padded to D; null if unknown. */
export function lexiconVector(token, D) {
  const hit = lookup(token);
  return hit ? Array.from({ length: D }, (_, d) => hit.vector[d] ?? 0) : null;
}

/** How many words the table holds (function words included). */
export function vocabularySize() {
  if (!words) decode();
  return words.size + Object.keys(FUNCTION_WORDS).length;
}
