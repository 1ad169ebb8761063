// Base forms of an English word form, the way WordNet's morphy finds them: the exception lists first
// (children → child, bought → buy), then the suffix rules of each part of speech (grows → grow, bites → bite).
// Pure: the caller says which base forms exist.  Shared by the lexicon builder and the page.

/** WordNet's detachment rules (morphy(7WN)): [ending, replacement] per part of speech. */
export const SUFFIX_RULES = {
  n: [
    ['s', ''],
    ['ses', 's'],
    ['xes', 'x'],
    ['zes', 'z'],
    ['ches', 'ch'],
    ['shes', 'sh'],
    ['men', 'man'],
    ['ies', 'y'],
  ],
  v: [
    ['s', ''],
    ['ies', 'y'],
    ['es', 'e'],
    ['es', ''],
    ['ed', 'e'],
    ['ed', ''],
    ['ing', 'e'],
    ['ing', ''],
  ],
  a: [
    ['er', ''],
    ['est', ''],
    ['er', 'e'],
    ['est', 'e'],
  ],
};

/**
 * The base forms of `word` (lower case), in morphy's order: the exception list's, then each rule's result
 * that `has(base, pos)` accepts.  exceptions(word) returns the listed bases (any part of speech) or none.
 * The word itself is not included.
 */
export function baseForms(word, has, exceptions = () => []) {
  const out = [];
  const add = (b) => {
    if (b && b !== word && !out.includes(b)) out.push(b);
  };
  for (const b of exceptions(word)) add(b);
  for (const [pos, rules] of Object.entries(SUFFIX_RULES)) {
    for (const [end, repl] of rules) {
      if (word.length > end.length && word.endsWith(end)) {
        const b = word.slice(0, -end.length) + repl;
        if (has(b, pos)) add(b);
      }
    }
  }
  return out;
}

/**
 * How ambiguous a word is, from its dimension shares v (summing to about 1; index `skip` ignored): twice the
 * share outside its main dimension, at most 1, in steps of 1/levels.  "river" 0; "bank" (finance and
 * nature about equally) 1.
 */
export function ambiguity(v, skip, levels) {
  const top = Math.max(...v.filter((_, d) => d !== skip));
  return Math.round(Math.min(1, 2 * (1 - top)) * levels) / levels;
}
