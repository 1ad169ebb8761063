// The attributes that set a playground's state: preset, tokens, sizes, mask, positions, scale, temperature,
// seed, state JSON and src URL.  Each value is checked; what fails is named in the message and skipped.
import { SENTENCES, sentenceState } from '../state/presets.js';
import * as ops from '../state/state-ops.js';
import { capOf } from './share-tools.js';
import { parseStateText, readStateText } from '../state/state-codec.js';
import { embedOf, report } from './embed-messages.js';

export const STATE_ATTRS = [
  'preset',
  'tokens',
  'heads',
  'd-model',
  'd-k',
  'mask',
  'positions',
  'scale',
  'temperature',
  'seed',
  'state',
  'src',
];

const wholeNumber = (name, text, max) => {
  const v = Number(text);
  if (text.trim() === '' || !Number.isInteger(v) || v < 1 || v > max)
    throw new Error(`${name}="${text}": expected a whole number from 1 to ${max}`);
  return v;
};

// Each modifier takes the state and the attribute text; throws a message naming the attribute.
const MODIFIERS = [
  ['tokens', (s, v) => ops.setSentence(s, v)],
  ['d-model', (s, v) => ops.setModelDim(s, wholeNumber('d-model', v, ops.DISPLAY_LIMITS.dModel))],
  ['d-k', (s, v) => ops.setHeadDim(s, wholeNumber('d-k', v, ops.DISPLAY_LIMITS.Dk))],
  ['heads', (s, v, seed) => ops.setHeadCount(s, wholeNumber('heads', v, 8), seed)],
  [
    'mask',
    (s, v) => {
      if (!ops.MASK_NAMES.includes(v)) {
        const names = ops.MASK_NAMES.map((n) => `"${n}"`);
        throw new Error(`mask="${v}": expected ${names.slice(0, -1).join(', ')} or ${names.at(-1)}`);
      }
      return ops.setMaskMode(s, v);
    },
  ],
  [
    'positions',
    (s, v) => {
      if (v !== 'none' && v !== 'sinusoidal') throw new Error(`positions="${v}": expected "none" or "sinusoidal"`);
      return ops.setPositionMode(s, v);
    },
  ],
  [
    'scale',
    (s, v) => {
      const on = { '': true, true: true, on: true, false: false, off: false }[v.trim().toLowerCase()];
      if (on === undefined) throw new Error(`scale="${v}": expected "true" or "false"`);
      return { ...s, scale: on };
    },
  ],
  [
    'temperature',
    (s, v) => {
      const t = Number(v);
      if (v.trim() === '' || !(t >= 0.001 && t <= 1000))
        throw new Error(`temperature="${v}": expected a number from 0.001 to 1000`);
      return { ...s, temperature: t };
    },
  ],
];

/** The base state: `state` JSON, else the preset's.  Returns [state, presetId or null]. */
function baseState(host, problems) {
  const el = host.element;
  const json = el.getAttribute('state');
  if (json !== null) {
    try {
      return [parseStateText(json, capOf(host), 'state'), null];
    } catch (err) {
      problems.push(['state', err.message]);
    }
  }
  const id = el.getAttribute('preset');
  if (id !== null && !SENTENCES.some((p) => p.id === id)) {
    problems.push(['preset', `preset="${id}": no such example (one of ${SENTENCES.map((p) => p.id).join(', ')})`]);
    return [sentenceState(SENTENCES[0].id), SENTENCES[0].id];
  }
  const preset = id ?? SENTENCES[0].id;
  return [sentenceState(preset), preset];
}

/**
 * Sets the state from the attributes; what fails is named and skipped.  Once the element shows a state, a
 * change whose new value fails leaves that state as it is (the message names the value).
 */
export async function applyState(host) {
  const el = host.element;
  const e = embedOf(host),
    problems = []; // [attribute, message]
  const token = ++e.srcToken;
  const changed = new Set(e.changed);
  e.changed.clear();
  let seed = 1;
  if (el.hasAttribute('seed')) {
    const v = Number(el.getAttribute('seed'));
    if (Number.isInteger(v) && v >= 0) seed = v;
    else problems.push(['seed', `seed="${el.getAttribute('seed')}": expected a whole number ≥ 0`]);
  }
  let [state, preset] = baseState(host, problems);
  const src = el.getAttribute('src');
  if (src !== null && !el.hasAttribute('state')) {
    try {
      const res = await fetch(new URL(src, document.baseURI));
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      state = parseStateText(await readStateText(res.body, capOf(host), `src="${src}"`), capOf(host), `src="${src}"`);
      preset = null;
    } catch (err) {
      problems.push([
        'src',
        err.message.startsWith('src=')
          ? err.message
          : `src="${src}": could not load a state (${err.message}${location.protocol === 'file:' ? '; a page opened from file:// cannot fetch files, use the state attribute' : ''})`,
      ]);
    }
    if (token !== e.srcToken) return; // a newer attribute change won
  }
  for (const [name, fn] of MODIFIERS) {
    if (!el.hasAttribute(name)) continue;
    try {
      state = fn(ops.normalize(state), el.getAttribute(name), seed);
      if (!['mask', 'positions', 'scale', 'temperature'].includes(name)) preset = null;
    } catch (err) {
      problems.push([
        name,
        err.message.startsWith(name)
          ? err.message
          : `${name}="${el.getAttribute(name)}": ${err.message.replace(/^[\w.[\]]+: /, '')}`,
      ]);
    }
  }
  const store = host.store;
  // A failed state or src either leaves the shown state (refused) or falls back to the default example.
  const message = (refused) =>
    problems.length
      ? problems
          .map(([name, m]) =>
            name !== 'state' && name !== 'src'
              ? m
              : refused
                ? m.replace(/(; not loaded)?$/, '; not loaded')
                : `${m}; showing the default example`,
          )
          .join('\n')
      : null;
  if (e.applied && problems.some(([name]) => changed.has(name))) return report(host, 'attributes', message(true));
  const source = src !== null && !el.hasAttribute('state') ? 'src' : 'state';
  // The author's state is where the reader starts: nothing before it to undo.
  try {
    store.set(state, 'set', { fresh: true });
  } catch (err) {
    problems.push([source, `${source}: ${err.message}`]);
    if (e.applied && changed.has(source)) return report(host, 'attributes', message(true));
    preset = SENTENCES[0].id;
    store.set(sentenceState(preset), 'set', { fresh: true });
  }
  const p = SENTENCES.find((x) => x.id === preset);
  const at = (w) => Math.max(0, store.state.tokens.indexOf(w));
  store.setUi({
    seed,
    named: !!p || store.ui.named,
    example: p ? p.id : null,
    ...(p ? { head: 0, cell: [at(p.focus[0]), at(p.focus[1])] } : {}),
  });
  store.markLoaded(); // what the reader's Reset brings back
  e.applied = true;
  report(host, 'attributes', message(false));
}
