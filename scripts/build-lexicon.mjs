// Builds the page's lexicon from WordNet 3.0 (Debian's wordnet-base): one vector of named dimensions per
// common English word, written as an ES module the site imports.  No network; nothing but the WordNet files.
// Usage: node scripts/build-lexicon.mjs [--wordnet /usr/share/wordnet] --out build/lexicon/lexicon-data.js [--stats]
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { baseForms, ambiguity } from '../web/state/word-forms.js';

/** The dimensions, in order, with what a high value says about a word. */
export const DIMENSIONS = [
  ['finance', 'money, trade, owning'],
  ['nature', 'land, water, plants, weather, places'],
  ['living', 'people and animals'],
  ['tech', 'made things: tools, machines, buildings, computing'],
  ['pronoun', 'stands for something named elsewhere'],
  ['ambiguous', 'senses spread over several dimensions'],
  ['body', 'the body, health, food and eating'],
  ['mind', 'thinking, knowing, feeling, perceiving'],
  ['language', 'speech, writing, stories, signs'],
  ['action', 'doing, moving, touching, making, changing'],
  ['social', 'groups, institutions, dealings between people'],
  ['time', 'times, periods, occasions'],
  ['quality', 'what things are like: properties, states, amounts'],
];
const DIM = Object.fromEntries(DIMENSIONS.map(([n], d) => [n, d]));

// WordNet's 45 lexicographer files (lexnames(5WN)), by lex_filenum, and the dimension each one feeds.
// Debian ships no lexnames file.  noun.Tops (entity, animal, food...) takes its hyponyms' dimension and
// adj.pert (financial, solar...) the dimension of the noun it pertains to.
export const LEXNAMES = [
  ['adj.all', 'quality'],
  ['adj.pert', 'quality'],
  ['adv.all', 'quality'],
  ['noun.Tops', null],
  ['noun.act', 'action'],
  ['noun.animal', 'living'],
  ['noun.artifact', 'tech'],
  ['noun.attribute', 'quality'],
  ['noun.body', 'body'],
  ['noun.cognition', 'mind'],
  ['noun.communication', 'language'],
  ['noun.event', 'action'],
  ['noun.feeling', 'mind'],
  ['noun.food', 'body'],
  ['noun.group', 'social'],
  ['noun.location', 'nature'],
  ['noun.motive', 'mind'],
  ['noun.object', 'nature'],
  ['noun.person', 'living'],
  ['noun.phenomenon', 'nature'],
  ['noun.plant', 'nature'],
  ['noun.possession', 'finance'],
  ['noun.process', 'action'],
  ['noun.quantity', 'quality'],
  ['noun.relation', 'quality'],
  ['noun.shape', 'quality'],
  ['noun.state', 'quality'],
  ['noun.substance', 'nature'],
  ['noun.time', 'time'],
  ['verb.body', 'body'],
  ['verb.change', 'action'],
  ['verb.cognition', 'mind'],
  ['verb.communication', 'language'],
  ['verb.competition', 'action'],
  ['verb.consumption', 'body'],
  ['verb.contact', 'action'],
  ['verb.creation', 'action'],
  ['verb.emotion', 'mind'],
  ['verb.motion', 'action'],
  ['verb.perception', 'mind'],
  ['verb.possession', 'finance'],
  ['verb.social', 'social'],
  ['verb.stative', 'quality'],
  ['verb.weather', 'nature'],
  ['adj.ppl', 'quality'],
];

// Topics that cut across the files: a synset under one of these (by hypernyms or topic domain) takes its
// dimension, whatever its file ("bank", the institution, is noun.group but finance; "Java", the language,
// is noun.communication but tech).  Named as lemma.pos.sense-number, WordNet's sense order.
const ANCHORS = {
  finance: ['financial_institution.n.1', 'commerce.n.1', 'finance.n.1', 'finance.n.2', 'economics.n.1'],
  tech: [
    'computer_science.n.1',
    'computer.n.1',
    'programming_language.n.1',
    'software.n.1',
    'programming.n.2',
    'technology.n.1',
    'technology.n.2',
  ],
};

// Function words: a hand-made table, since WordNet lists only nouns, verbs, adjectives and adverbs (and
// its "it", "a" and "I" are information technology, vitamin A and iodine).  Pronouns get the pronoun
// dimension, those that stand for people also "living"; the rest carry no topic and stay at 0.
const PERSONAL =
  'i me my mine myself we us our ours ourselves you your yours yourself yourselves he him his himself she her hers herself who whom whose someone somebody anyone anybody everyone everybody';
const OTHER_PRONOUNS =
  'it its itself they them their theirs themselves this that these those something anything everything nothing which what one';
const NO_TOPIC = [
  // determiners and quantifiers
  'the a an some any no every each either neither all both few many much more most several such another other own',
  // prepositions
  'about above across after against along among around as at before behind below beneath beside besides between beyond by despite down during except for from in inside into like near of off on onto out outside over past since through throughout till to toward towards under underneath until unto up upon with within without',
  // conjunctions
  'and but or nor so yet because although though if unless whether while whereas when whenever where wherever than then once',
  // auxiliaries, modals and particles
  'be am is are was were been being have has had having do does did done doing will would shall should can could may might must not',
].join(' ');

function functionWords() {
  const table = {};
  const D = DIMENSIONS.length;
  const row = (pronoun, living) =>
    Array.from({ length: D }, (_, d) => (d === DIM.pronoun ? pronoun : d === DIM.living ? living : 0));
  for (const w of NO_TOPIC.split(' ')) table[w] = row(0, 0);
  for (const w of OTHER_PRONOUNS.split(' ')) table[w] = row(1, 0);
  for (const w of PERSONAL.split(' ')) table[w] = row(1, 0.8);
  return table;
}

const POS = { n: 'noun', v: 'verb', a: 'adj', r: 'adv' };
const LEVELS = 10; // values are quantised to tenths
// Words tagged at least this often in WordNet's Semantic Concordance: about 11,000, within the size budget
// ("guitar" and "bread" are tagged 3 times).
const MIN_COUNT = 3;

const senseKey = (lemma, lexfile, lexId, head, headId) => `${lemma}:${lexfile}:${lexId}:${head}:${headId}`;

/** Reads WordNet's data, index, count and exception files. */
function readWordNet(dir) {
  const read = (f) => readFileSync(join(dir, f), 'latin1').split('\n');
  const synsets = new Map(); // "n:offset" -> { lexfile, words: [[lemma, lexId]], hypers, hypos, domains, pert }
  for (const pos of Object.keys(POS)) {
    for (const line of read(`data.${POS[pos]}`)) {
      if (!line || line.startsWith('  ')) continue; // the licence header
      const f = line.split(' | ')[0].split(' ');
      const lexfile = Number(f[1]),
        n = parseInt(f[3], 16);
      const words = [];
      for (let k = 0; k < n; k++)
        words.push([f[4 + 2 * k].replace(/\(.*\)$/, '').toLowerCase(), parseInt(f[5 + 2 * k], 16)]);
      let p = 4 + 2 * n;
      const np = Number(f[p++]);
      const s = { lexfile, satellite: f[2] === 's', words, hypers: [], hypos: [], domains: [], pert: [], similar: [] };
      for (let k = 0; k < np; k++, p += 4) {
        const [sym, off, tpos] = f.slice(p, p + 3);
        const target = `${tpos === 's' ? 'a' : tpos}:${off}`;
        if (sym === '@' || sym === '@i') s.hypers.push(target);
        else if (sym === '~' || sym === '~i') s.hypos.push(target);
        else if (sym === ';c') s.domains.push(target);
        else if (sym === '\\') s.pert.push(target);
        else if (sym === '&') s.similar.push(target);
      }
      synsets.set(`${pos}:${f[0]}`, s);
    }
  }
  const index = new Map(); // lemma -> { pos: [synset keys in WordNet's sense order] }
  for (const pos of Object.keys(POS)) {
    for (const line of read(`index.${POS[pos]}`)) {
      if (!line || line.startsWith('  ')) continue;
      const f = line.trim().split(' ');
      const nSyn = Number(f[2]),
        nPtr = Number(f[3]);
      const offsets = f.slice(6 + nPtr, 6 + nPtr + nSyn);
      if (!index.has(f[0])) index.set(f[0], {});
      index.get(f[0])[pos] = offsets.map((o) => `${pos}:${o}`);
    }
  }
  // sense key (lemma:lexfile:lexId:head:headId, the head only for adjective satellites) -> how often the
  // sense was tagged in the Semantic Concordance
  const counts = new Map();
  for (const line of read('cntlist.rev')) {
    const m = /^([^%]+)%\d:(\d\d):(\d\d):([^:]*):(\d*) \d+ (\d+)/.exec(line);
    if (m) counts.set(senseKey(m[1], Number(m[2]), Number(m[3]), m[4], m[5] === '' ? '' : Number(m[5])), Number(m[6]));
  }
  const exceptions = new Map(); // inflected form -> its base forms
  for (const pos of Object.keys(POS)) {
    for (const line of read(`${POS[pos]}.exc`)) {
      const [form, ...bases] = line.trim().split(' ');
      if (!form || !bases.length) continue;
      exceptions.set(form, [...new Set([...(exceptions.get(form) ?? []), ...bases])]);
    }
  }
  return { synsets, index, counts, exceptions };
}

/** The dimension of every synset: an anchor's, else its file's (noun.Tops and adj.pert resolved). */
function synsetDimensions({ synsets, index }) {
  const anchor = new Map();
  for (const [dim, names] of Object.entries(ANCHORS)) {
    for (const name of names) {
      const [lemma, pos, k] = name.split('.');
      const key = index.get(lemma)?.[pos]?.[Number(k) - 1];
      if (!key) throw new Error(`lexicon anchor ${name}: not in this WordNet`);
      anchor.set(key, DIM[dim]);
    }
  }
  const topic = new Map();
  const topicOf = (key, seen = new Set()) => {
    if (topic.has(key)) return topic.get(key);
    if (seen.has(key) || !synsets.has(key)) return null;
    seen.add(key);
    const s = synsets.get(key);
    let d = anchor.get(key) ?? null;
    for (const k of [...s.domains, ...s.hypers]) d ??= topicOf(k, seen);
    topic.set(key, d);
    return d;
  };
  const dims = new Map();
  const dimOf = (key, seen = new Set()) => {
    if (dims.has(key)) return dims.get(key);
    const s = synsets.get(key);
    if (!s || seen.has(key)) return null;
    seen.add(key);
    let d = topicOf(key);
    if (d === null && s.lexfile === 3) d = majority(s.hypos.map((k) => dimOf(k, seen)));
    if (d === null && s.lexfile === 1) d = majority(s.pert.map((k) => dimOf(k, seen)));
    d ??= DIM[LEXNAMES[s.lexfile][1]] ?? DIM.quality;
    dims.set(key, d);
    return d;
  };
  for (const key of synsets.keys()) dimOf(key);
  return dims;
}

function majority(list) {
  const tally = new Map();
  for (const d of list) if (d !== null) tally.set(d, (tally.get(d) ?? 0) + 1);
  let best = null;
  for (const [d, n] of tally) if (best === null || n > tally.get(best)) best = d;
  return best;
}

/**
 * One word's vector: its senses (and those of its base forms) weighted by how often each was tagged,
 * plus a small prior by WordNet's sense order so untagged senses still count; each dimension gets the
 * share of the weight its senses carry.
 */
function wordVector(wn, dims, lemmas) {
  const D = DIMENSIONS.length;
  const weight = new Array(D).fill(0);
  let tagged = 0;
  for (const lemma of lemmas) {
    for (const keys of Object.values(wn.index.get(lemma) ?? {})) {
      keys.forEach((key, rank) => {
        const s = wn.synsets.get(key);
        const lexId = s.words.find(([w]) => w === lemma)?.[1] ?? 0;
        const head = s.satellite ? wn.synsets.get(s.similar[0])?.words[0] : null;
        const count = wn.counts.get(senseKey(lemma, s.lexfile, lexId, head?.[0] ?? '', head?.[1] ?? '')) ?? 0;
        tagged += count;
        weight[dims.get(key)] += count + 0.5 / (rank + 1);
      });
    }
  }
  const total = weight.reduce((a, b) => a + b, 0);
  const v = weight.map((w) => Math.round((w / total) * LEVELS) / LEVELS);
  v[DIM.ambiguous] = ambiguity(v, DIM.ambiguous, LEVELS);
  return { v, tagged };
}

/** The whole lexicon: { vocabulary: Map word -> { v, pos }, exceptions: Map form -> base, functionWords }. */
export function buildLexicon(dir, { minCount = MIN_COUNT } = {}) {
  const wn = readWordNet(dir);
  const dims = synsetDimensions(wn);
  const has = (w, pos) => !!wn.index.get(w)?.[pos];
  const exc = (w) => wn.exceptions.get(w) ?? [];
  const functionTable = functionWords();
  const vocabulary = new Map();
  for (const lemma of wn.index.keys()) {
    if (!/^[a-z][a-z'-]*[a-z]$/.test(lemma) || lemma in functionTable) continue;
    // A form the exception lists name as an inflection ("saw", "left") pools its own senses with its
    // base's.  Suffix rules do not: "evening" is not mostly "even", nor "programming" "program".
    const lemmas = [lemma, ...exc(lemma).filter((b) => b !== lemma && wn.index.has(b))];
    const { v, tagged } = wordVector(wn, dims, lemmas);
    if (tagged < minCount) continue;
    const pos = Object.keys(POS).filter((p) => has(lemma, p));
    vocabulary.set(lemma, { v, pos });
  }
  // Exception forms the page cannot reach by suffix rules: only those whose base is in the vocabulary.
  const known = (w, pos) => vocabulary.get(w)?.pos.includes(pos);
  const exceptions = new Map();
  for (const [form, bases] of wn.exceptions) {
    if (vocabulary.has(form) || form in functionTable) continue;
    const base = bases.find((b) => vocabulary.has(b));
    if (base && baseForms(form, known)[0] !== base) exceptions.set(form, base);
  }
  return { vocabulary, exceptions, functionWords: functionTable };
}

/** The module text: dimensions, function words, and the vocabulary grouped by vector. */
export function lexiconModule({ vocabulary, exceptions, functionWords: table }) {
  // Only WordNet's dimensions are stored: "pronoun" comes from the function-word table alone, and the
  // page works "ambiguous" out from the stored shares (the same rule as ambiguity() below).
  const stored = DIMENSIONS.map((_, d) => d).filter((d) => d !== DIM.pronoun && d !== DIM.ambiguous);
  const groups = new Map();
  for (const [word, { v }] of vocabulary) {
    const code = stored.map((d) => String.fromCharCode(97 + Math.round(v[d] * LEVELS))).join('');
    if (!groups.has(code)) groups.set(code, []);
    groups.get(code).push(word);
  }
  const lines = [...groups]
    .sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1))
    .map(([code, ws]) => `${code} ${ws.sort().join(' ')}`);
  const exc = [...exceptions].sort().map(([f, b]) => `${f} ${b}`);
  // WordNet's licence asks for its notice on every copy: a legal comment, which esbuild keeps in bundles.
  const licence = readFileSync(new URL('../docs/licences/wordnet.txt', import.meta.url), 'utf8').trim();
  return [
    `/*! ${licence.replace(/\*\//g, '* /')}\n */`,
    '// Generated by scripts/build-lexicon.mjs from WordNet 3.0 (Princeton University; licence above).',
    '// Do not edit: rebuild.  Each WORDS line: one letter per STORED dimension (a = 0, b = 1/LEVELS, ...), then',
    '// the words with that vector.  EXCEPTIONS: "form base" lines for forms the suffix rules cannot reach.',
    `export const DIMENSIONS = ${JSON.stringify(DIMENSIONS.map(([name, note]) => ({ name, note })))};`,
    `export const LEVELS = ${LEVELS};`,
    `export const STORED = ${JSON.stringify(stored)};`,
    `export const AMBIGUOUS = ${DIM.ambiguous};`,
    `export const FUNCTION_WORDS = ${JSON.stringify(table)};`,
    `export const WORDS = ${JSON.stringify(lines.join('\n'))};`,
    `export const EXCEPTIONS = ${JSON.stringify(exc.join('\n'))};`,
    '',
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  const dir = arg('--wordnet', '/usr/share/wordnet'),
    out = arg('--out', null);
  if (!existsSync(join(dir, 'data.noun'))) {
    console.error(`build-lexicon: no WordNet in ${dir} (scripts/setup installs Debian's wordnet-base)`);
    process.exit(1);
  }
  const lexicon = buildLexicon(dir, { minCount: Number(arg('--min-count', String(MIN_COUNT))) });
  const text = lexiconModule(lexicon);
  if (out) {
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, text);
  }
  if (process.argv.includes('--stats')) {
    const groups = text
      .split('\n')
      .find((l) => l.startsWith('export const WORDS'))
      .split('\\n').length;
    console.log(
      `${lexicon.vocabulary.size} words in ${groups} vectors, ${lexicon.exceptions.size} exceptions, ${text.length} bytes`,
    );
  }
}
