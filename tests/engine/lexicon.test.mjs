// The lexicon built from WordNet (scripts/build-lexicon.mjs, as the site ships it): known words, base forms,
// function words, unknown words; and the designed head on sentences nobody tuned it on.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { baseForms } from '../../web/state/word-forms.js';

const site = new URL('../../build/wasm/site/', import.meta.url);
const { lookup, lexiconVector, DIMENSION_NAMES } = await import(new URL('web/state/lexicon.js', site));
const { designedHead, tokenize } = await import(new URL('web/state/presets.js', site));
const { createEngine } = await import(new URL('wasm/engine.js', site));
const engine = await createEngine();

const dim = (word, name) => lookup(word).vector[DIMENSION_NAMES.indexOf(name)];
const main = (word) => {
  const v = lookup(word).vector.map((x, d) => (DIMENSION_NAMES[d] === 'ambiguous' ? 0 : x));
  return DIMENSION_NAMES[v.indexOf(Math.max(...v))];
};

test('dimensions: at most 16, named, each with a one-line meaning', async () => {
  const { DIMENSIONS } = await import(new URL('web/state/lexicon-data.js', site));
  assert.ok(DIMENSIONS.length <= 16);
  for (const d of DIMENSIONS) assert.match(`${d.name}|${d.note}`, /^[a-z]+\|[^\n]+$/);
  assert.equal(new Set(DIMENSION_NAMES).size, DIMENSION_NAMES.length);
});

test('known words: bank is finance and nature (ambiguous), river nature only, money finance, dog living', () => {
  assert.ok(dim('bank', 'finance') >= 0.3 && dim('bank', 'nature') >= 0.3, `bank ${lookup('bank').vector}`);
  assert.ok(dim('bank', 'ambiguous') >= 0.8);
  assert.equal(dim('river', 'nature'), 1);
  assert.deepEqual(
    lookup('river').vector.filter((x) => x !== 0),
    [1],
    'river has no other dimension, and is not ambiguous',
  );
  assert.equal(main('money'), 'finance');
  assert.ok(dim('money', 'finance') >= 0.9);
  assert.equal(main('dog'), 'living');
  assert.equal(main('guitar'), 'tech');
  assert.equal(main('evening'), 'time');
  assert.equal(main('story'), 'language');
});

test('base forms: suffix rules (grows → grow, bites → bite) and exception lists (children → child)', () => {
  assert.equal(lookup('grows').base, 'grow');
  assert.deepEqual(lookup('grows').vector, lookup('grow').vector);
  assert.equal(lookup('bites').base, 'bite');
  assert.equal(lookup('children').base, 'child');
  assert.equal(lookup('bought').base, 'buy');
  assert.equal(main('bought'), 'finance');
  assert.equal(lookup('Rates,').base, 'rate', 'case and punctuation ignored');
  assert.equal(lookup("didn't").base, 'did', 'a contraction is its word');
  // The rules alone, on a made-up vocabulary: the exception list comes first, then each rule in order.
  const has = (w) => ['grow', 'bite', 'glass', 'fly', 'goose'].includes(w);
  assert.deepEqual(baseForms('grows', has), ['grow']);
  assert.deepEqual(baseForms('bites', has), ['bite']);
  assert.deepEqual(baseForms('glasses', has), ['glass']);
  assert.deepEqual(baseForms('flies', has), ['fly']);
  assert.deepEqual(
    baseForms('geese', has, (w) => (w === 'geese' ? ['goose'] : [])),
    ['goose'],
  );
  assert.deepEqual(baseForms('grow', has), []);
});

test('function words: pronouns point, determiners and prepositions carry no topic', () => {
  assert.equal(dim('it', 'pronoun'), 1);
  assert.equal(dim('it', 'tech'), 0, 'not "IT"');
  assert.equal(dim('she', 'living'), 0.8);
  for (const w of ['the', 'of', 'and', 'because', 'was']) {
    assert.equal(lookup(w).functionWord, true, w);
    assert.ok(
      lookup(w).vector.every((x) => x === 0),
      w,
    );
  }
});

test('unknown words are null, never a silent row of zeros; vectors fit any D', () => {
  assert.equal(lookup('zorblat'), null);
  assert.equal(lookup('...'), null);
  assert.equal(lexiconVector('zorblat', 6), null);
  assert.deepEqual(lexiconVector('river', 3), [0, 1, 0]);
  const wide = lexiconVector('river', 16);
  assert.equal(wide.length, 16);
  assert.deepEqual(wide.slice(DIMENSION_NAMES.length), new Array(16 - DIMENSION_NAMES.length).fill(0));
});

// Sentences the lexicon and the head were never tuned on.
const SENTENCES = [
  'The teacher read a story to the children',
  'We bought fresh bread at the market',
  'The storm broke the old bridge',
  'My sister plays the guitar every evening',
  'The bank raised its interest rates',
];

test('at least 85 % of the content words of five new sentences get a non-zero row', () => {
  for (const text of SENTENCES) {
    const content = tokenize(text).filter((t) => !lookup(t)?.functionWord);
    const filled = content.filter((t) => lookup(t)?.vector.some((x) => x !== 0));
    assert.ok(filled.length >= 0.85 * content.length, `${text}: ${filled.length} of ${content.length}`);
  }
});

test('the designed head: in "The dog chased the cat because it was hungry", "it" attends most to dog or cat', () => {
  const tokens = tokenize('The dog chased the cat because it was hungry');
  const t = engine.run({
    tokens,
    embeddings: tokens.map((w) => lexiconVector(w, DIMENSION_NAMES.length)),
    heads: [designedHead()],
    wo: null,
    scale: true,
    mask: 'none',
    temperature: 1,
  });
  const w = t.heads[0].weights,
    T = w.cols,
    i = tokens.indexOf('it');
  const row = Array.from(w.data.subarray(i * T, (i + 1) * T));
  const best = tokens[row.indexOf(Math.max(...row))];
  assert.ok(['dog', 'cat'].includes(best), `it → ${best} (${row.map((x) => x.toFixed(2))})`);
});
