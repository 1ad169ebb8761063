// The HTML attributes of <attention-playground> for embedding: the initial state (preset, tokens, sizes,
// mask, scale, temperature, seed, state JSON, src URL), which panels show, what may be edited, compact.
// Attribute changes apply live; a bad value is skipped with a visible message naming it.
import { h, setHidden, setAttr } from '../widgets/dom.js';
import { SENTENCES, sentenceState } from '../state/presets.js';
import * as ops from '../state/state-ops.js';
import { connectShare, capOf } from './share-tools.js';
import { parseStateText, readStateText } from '../state/state-codec.js';

const STATE_ATTRS = [
  'preset',
  'tokens',
  'heads',
  'd-model',
  'd-k',
  'mask',
  'scale',
  'temperature',
  'seed',
  'state',
  'src',
];
const VIEW_ATTRS = ['panels', 'readonly', 'editable', 'compact'];
export const EMBED_ATTRIBUTES = [...STATE_ATTRS, ...VIEW_ATTRS];

/** Names `editable` and `panels` accept beside the pipeline panels. */
const MATRIX_NAMES = { E: 'embeddings', W_Q: 'wq', W_K: 'wk', W_V: 'wv', W_O: 'wo' };
const CONTROL_OF = {
  sentence: 'tokens',
  example: 'tokens',
  dmodel: 'sizes',
  Dk: 'sizes',
  heads: 'sizes',
  projections: 'projections',
  wo: 'projections',
  scale: 'scale',
  temperature: 'temperature',
  mask: 'mask',
  'toggle-mask': 'mask',
};
const EXTRA_PANELS = ['controls', 'map', 'point', 'status', 'tools'];

const CSS = `
.ap .ap-embed-msg { margin: 0 0 10px; padding: 8px 12px; border-radius: 8px; background: var(--ap-warn-bg); color: var(--ap-warn);
  border: 1px solid #f3d19c; font-size: 13px; white-space: pre-line; }
.ap.ap-compact { font-size: 12px; --ap-cell: 1.7em; }
.ap.ap-compact .status { display: none; }
.ap.ap-compact .panel { padding: 8px 10px; }
.ap .ap-tools { display: flex; flex-wrap: wrap; gap: 6px 10px; align-items: center; margin: 10px 0; font-size: 13px; }
.ap .ap-tools button, .ap .ap-tools select { border: 1px solid var(--ap-line-strong); border-radius: 7px; background: #fff; padding: 3px 8px; }
.ap .ap-tools textarea { flex: 1 1 100%; font: 12px var(--ap-mono); min-height: 3.5em; }
.ap label.locked, .ap input:disabled, .ap select:disabled { opacity: .5; cursor: not-allowed; }
.ap label.locked input:disabled, .ap label.locked select:disabled { opacity: 1; }
.ap matrix-editor.locked table.editable input { background: transparent; border-style: dashed; cursor: not-allowed; }
`;
const styled = new WeakSet();
function adoptEmbedStyles(el) {
  const root = el.getRootNode();
  if (styled.has(root)) return;
  styled.add(root);
  (root === document ? document.head : root).append(h('style', { 'data-attention-playground-embed': '' }, CSS));
}

/** From attributeChangedCallback: state attributes rebuild the state, view attributes re-apply, both once per task. */
export function attributeChanged(el, name) {
  const e = embedOf(el);
  if (STATE_ATTRS.includes(name)) {
    e.stateDirty = true;
    e.changed.add(name);
  }
  if (name === 'readonly' || name === 'editable') e.locksDirty = true; // panels (the train lab) show locks
  schedule(el);
}

/** From connectedCallback, after the element built itself. */
export function connectEmbed(el) {
  const e = embedOf(el);
  adoptEmbedStyles(el);
  if (!e.msg) {
    // Live region (alert): an attribute the author set that cannot be used, as it is set.
    e.msg = h('p', { class: 'ap-embed-msg', role: 'alert', hidden: true });
    el.prepend(e.msg);
    el.addEventListener('computed', () => queueMicrotask(() => applyView(el)));
    el.addEventListener('control', (ev) => guardControl(el, ev), true);
    for (const type of ['input', 'keydown', 'pointerdown'])
      el.addEventListener(type, (ev) => guardEditor(el, ev), true);
    connectShare(el, (problem) => report(el, 'share', problem));
    e.stateDirty = STATE_ATTRS.some((a) => el.hasAttribute(a));
    e.applied = !e.stateDirty; // no state attributes: the element already shows its own state
  }
  schedule(el);
}

function embedOf(el) {
  if (!el._embed)
    el._embed = { stateDirty: false, scheduled: false, problems: new Map(), srcToken: 0, changed: new Set() };
  return el._embed;
}

function schedule(el) {
  const e = embedOf(el);
  if (e.scheduled) return;
  e.scheduled = true;
  queueMicrotask(() => {
    e.scheduled = false;
    if (!el._panels) return;
    if (e.stateDirty) {
      e.stateDirty = false;
      applyState(el);
    }
    if (e.locksDirty) {
      e.locksDirty = false;
      el._render(false);
    }
    applyView(el);
  });
}

/** Shows (or clears, with null) the problem of one source: an attribute, the link, a file. */
export function report(el, source, problem) {
  const e = embedOf(el);
  if (problem) e.problems.set(source, problem);
  else e.problems.delete(source);
  if (!e.msg) return;
  e.msg.textContent = [...e.problems.values()].join('\n');
  e.msg.hidden = e.problems.size === 0;
}

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
function baseState(el, problems) {
  const json = el.getAttribute('state');
  if (json !== null) {
    try {
      return [parseStateText(json, capOf(el), 'state'), null];
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
async function applyState(el) {
  const e = embedOf(el),
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
  let [state, preset] = baseState(el, problems);
  const src = el.getAttribute('src');
  if (src !== null && !el.hasAttribute('state')) {
    try {
      const res = await fetch(new URL(src, document.baseURI));
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      state = parseStateText(await readStateText(res.body, capOf(el), `src="${src}"`), capOf(el), `src="${src}"`);
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
      if (name !== 'mask' && name !== 'scale' && name !== 'temperature') preset = null;
    } catch (err) {
      problems.push([
        name,
        err.message.startsWith(name)
          ? err.message
          : `${name}="${el.getAttribute(name)}": ${err.message.replace(/^[\w.[\]]+: /, '')}`,
      ]);
    }
  }
  const store = el._store;
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
  if (e.applied && problems.some(([name]) => changed.has(name))) return report(el, 'attributes', message(true));
  const source = src !== null && !el.hasAttribute('state') ? 'src' : 'state';
  try {
    store.set(state);
  } catch (err) {
    problems.push([source, `${source}: ${err.message}`]);
    if (e.applied && changed.has(source)) return report(el, 'attributes', message(true));
    preset = SENTENCES[0].id;
    store.set(sentenceState(preset));
  }
  const p = SENTENCES.find((x) => x.id === preset);
  const at = (w) => Math.max(0, store.state.tokens.indexOf(w));
  store.setUi({
    seed,
    named: !!p || store.ui.named,
    example: p ? p.id : null,
    ...(p ? { head: 0, cell: [at(p.focus[0]), at(p.focus[1])] } : {}),
  });
  e.applied = true;
  report(el, 'attributes', message(false));
}

/** The editable matrices (data-target keys) and controls, or null for everything. */
function editableSet(el) {
  if (el.hasAttribute('readonly')) return new Set();
  const list = el.getAttribute('editable');
  if (list === null) return null;
  return new Set(
    list
      .split(/[\s,]+/)
      .filter(Boolean)
      .map((n) => MATRIX_NAMES[n] ?? MATRIX_NAMES[n.toUpperCase()] ?? n.toLowerCase()),
  );
}

// Puts why (or, with why false, the element's own title back) in the title, the description it announces.
function lockTitle(node, why) {
  if (why) {
    if (!('ownTitle' in node.dataset)) node.dataset.ownTitle = node.getAttribute('title') ?? '';
    setAttr(node, 'title', why);
  } else if ('ownTitle' in node.dataset) {
    if (node.dataset.ownTitle) node.setAttribute('title', node.dataset.ownTitle);
    else node.removeAttribute('title');
    delete node.dataset.ownTitle;
  }
}

/** Why a control or matrix does not take edits, in the embedding's own words. */
function lockReason(el) {
  if (el.hasAttribute('readonly')) return 'Locked: this playground is read-only';
  const list = (el.getAttribute('editable') ?? '').split(/[\s,]+/).filter(Boolean);
  return list.length
    ? `Locked: this playground lets you edit only ${list.join(', ')}`
    : 'Locked: this playground lets you edit nothing';
}

/** The state's matrices (engine keys: embeddings wq wk wv wo) that readonly / editable lock on `el`. */
export function lockedMatrices(el) {
  const set = editableSet(el);
  return new Set(set ? Object.values(MATRIX_NAMES).filter((k) => !set.has(k)) : []);
}

// A lab's new state (the train lab's weights) may not change a locked matrix.
function changesLocked(el, state) {
  const now = el._store?.latest,
    locked = lockedMatrices(el);
  if (!now || !locked.size) return false;
  const same = (a, b) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  return [...locked].some((k) =>
    k === 'embeddings' || k === 'wo'
      ? !same(now[k], state[k])
      : now.heads.some((hd, i) => !same(hd[k], state.heads?.[i]?.[k])),
  );
}

const editorKey = (ed) => (ed.dataset.target ?? '').split('.').pop();

function locked(el, ed) {
  const set = editableSet(el);
  return !!set && !set.has(editorKey(ed));
}

function guardEditor(el, ev) {
  const ed = ev.target.closest?.('matrix-editor');
  if (!ed || !locked(el, ed)) return;
  // Only the keys that step a value (grid-keys.js): Page Up/Down, and ↑/↓ inside a cell's text.
  const steps =
    /^Page(Up|Down)$/.test(ev.key) || (/^Arrow(Up|Down)$/.test(ev.key) && ev.target.hasAttribute('data-editing'));
  if (ev.type === 'keydown' && !steps) return;
  ev.stopImmediatePropagation();
  if (ev.type === 'keydown') ev.preventDefault();
}

function guardControl(el, ev) {
  if (ev.detail?.action === 'lab-state' && changesLocked(el, ev.detail.value.state)) {
    ev.stopImmediatePropagation();
    return;
  }
  const kind = CONTROL_OF[ev.detail?.action];
  const set = editableSet(el);
  if (!kind || !set || set.has(kind)) return;
  ev.stopImmediatePropagation();
  el._render(false); // put the control back to the state
}

/** Panels (order, visibility), locks and compact; re-applied after every render. */
export function applyView(el) {
  if (!el._panels) return;
  el.classList.toggle('ap-compact', el.hasAttribute('compact'));
  applyPanels(el);
  const set = editableSet(el),
    e = embedOf(el);
  if (!set && !e.locked) return; // nothing locked now or before: every edit stays cheap
  e.locked = !!set;
  const why = lockReason(el);
  for (const ed of el.querySelectorAll('matrix-editor')) {
    const lock = !!set && !set.has(editorKey(ed));
    // One title per grid, not per cell: hovering any cell shows why it does not take edits.
    lockTitle(ed, lock && why);
    if (ed.classList.contains('locked') !== lock) ed.classList.toggle('locked', lock);
    for (const input of ed.querySelectorAll('input')) {
      if (input.readOnly !== lock) input.readOnly = lock;
      if (lock) input.setAttribute('aria-readonly', 'true');
      else input.removeAttribute('aria-readonly');
    }
  }
  const controls = el.querySelectorAll(
    'playground-controls input, playground-controls select, playground-controls button, scale-panel input, mask-panel input, output-panel input',
  );
  for (const c of controls) {
    if (c.closest('.head-picker') || c.classList.contains('seed')) continue;
    const kind = c.closest('output-panel')
      ? 'projections'
      : c.closest('scale-panel')
        ? c.type === 'checkbox'
          ? 'scale'
          : 'temperature'
        : c.closest('mask-panel')
          ? 'mask'
          : c.classList.contains('sentence') || c.localName === 'select'
            ? 'tokens'
            : c.type === 'number'
              ? 'sizes'
              : /undo|redo/i.test(c.textContent)
                ? 'history'
                : 'projections';
    if (kind === 'history' && !(set && set.size === 0)) continue; // the controls keep undo/redo themselves
    const off = !!set && !set.has(kind);
    if (c.disabled !== off) c.disabled = off;
    // A locked control looks and says locked: greyed with its label, and a title (its description) says why.
    lockTitle(c, off && why);
    const label = c.closest('label');
    if (label && label.classList.contains('locked') !== off) label.classList.toggle('locked', off);
  }
}

function applyPanels(el) {
  const e = embedOf(el);
  const attr = el.getAttribute('panels');
  const asked = attr === null ? null : attr.split(/[\s,]+/).filter(Boolean);
  const show = (extra) => !asked || asked.includes(extra) || (extra === 'point' && asked.includes('controls'));
  setHidden(el._controls, !show('controls'));
  if (!show('point')) setHidden(el._point, true);
  setHidden(el._status, !show('status'));
  // Looked up once: `:scope >` queries walk the whole element, and this runs after every edit.
  if (e.tools?.parentNode !== el) e.tools = el.querySelector(':scope > .ap-tools');
  if (e.map?.parentNode !== el) e.map = el.querySelector(':scope > nav.pipeline-map');
  const map = e.map;
  if (e.tools) setHidden(e.tools, !show('tools'));
  if (attr === e.panelsShown) return;
  e.panelsShown = attr;
  const all = el._panels.map((p) => p.dataset.panel);
  let names = all;
  if (asked) {
    const bad = asked.filter((n) => !all.includes(n) && !EXTRA_PANELS.includes(n));
    report(
      el,
      'panels',
      bad.length
        ? `panels="${attr}": no panel named ${bad.join(', ')} (panels: ${[...all, ...EXTRA_PANELS].join(' ')})`
        : null,
    );
    names = asked.filter((n) => all.includes(n));
    if (names.length === 0 && bad.length) names = all;
  } else report(el, 'panels', null);
  for (const p of el._panels) setHidden(p, !names.includes(p.dataset.panel));
  el._pipeline.append(...names.map((n) => el._panels.find((p) => p.dataset.panel === n)));
  if (map) {
    if (!e.mapLinks) e.mapLinks = [...map.querySelectorAll('a')];
    setHidden(map, !show('map') || names.length < 2);
    const links = names.map((n) => e.mapLinks.find((a) => a.getAttribute('href').endsWith(`-${n}`))).filter(Boolean);
    map.replaceChildren(
      ...links.flatMap((a, k) => (k ? [h('span', { class: 'flow', 'aria-hidden': 'true' }, '→'), a] : [a])),
    );
  }
}
