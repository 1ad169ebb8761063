// The share and export bar of <attention-playground>: copy a link or an embed snippet, save and load the
// state as JSON, export a matrix (CSV, LaTeX, Markdown) or a panel (SVG, PNG); and, with the `url-state`
// attribute, the state kept in the page's #state=… hash.  No math here: numbers come from the trace.
import { h } from '../widgets/dom.js';
import { rovingFocus } from '../widgets/grid-keys.js';
import { shownTheme } from '../widgets/theme.js';
import {
  encodeState,
  decodeState,
  stateParam,
  stateCap,
  readStateText,
  parseStateText,
  checkTextSize,
} from '../state/state-codec.js';
import { matrices, panelFigures, toCSV, toLatex, toMarkdown, toSVG, toPNG, download } from './export-tools.js';

// Where this script came from, for the embed snippet (a classic script knows; a module falls back).
const SCRIPT_SRC = (typeof document !== 'undefined' && document.currentScript?.src) || '';
const HASH_DELAY = 300;

/** A walk's place, { step, query (1-based) }, or null when no walk runs. */
const walkOf = (el) => (el.step ? { step: el.step, query: el.query } : null);

/** The page's URL with the state in its hash, and the walk's step and query after it. */
export async function stateLink(state, walk = null) {
  const at = walk ? `&step=${walk.step}&query=${walk.query}` : '';
  return `${location.href.replace(/#.*$/, '')}#state=${await encodeState(state)}${at}`;
}

/** A script tag and an element carrying the state (and the walk's step and query), escaped for a single-quoted attribute. */
export function embedSnippet(state, src = SCRIPT_SRC || 'attention-playground.js', walk = null) {
  const json = JSON.stringify(state).replace(/&/g, '&amp;').replace(/'/g, '&#39;').replace(/</g, '&lt;');
  const at = walk ? ` step="${walk.step}" query="${walk.query}"` : '';
  return `<script src="${src.replace(/"/g, '&quot;')}"></script>\n<attention-playground state='${json}'${at}></attention-playground>\n`;
}

/**
 * Builds the bar into a playground (its host handle: element, root, store) and, with `url-state`, syncs the
 * hash.  panels: the pipeline's { name, exports } (the registry's), offered by the panel picker.
 * report(message|null) shows a problem.
 */
export function connectShare(host, panels, report) {
  const el = host.element;
  const out = h('textarea', {
    class: 'ap-share-out',
    readonly: true,
    rows: '3',
    'aria-label': 'Copied text',
    hidden: true,
  });
  // Live region: what a button the reader pressed did ("Link copied").
  const note = h('span', { class: 'ap-share-note', role: 'status' });
  const show = (text, what) => {
    out.value = text;
    out.hidden = false;
    const done = () => {
      note.textContent = `${what} copied`;
    };
    const manual = () => {
      note.textContent = `${what} is below: select it and copy`;
      out.select();
    };
    if (navigator.clipboard?.writeText) navigator.clipboard.writeText(text).then(done, manual);
    else manual();
  };
  const file = h('input', { type: 'file', accept: 'application/json,.json', hidden: true });
  file.addEventListener('change', async () => {
    const f = file.files[0];
    file.value = '';
    if (!f) return;
    const source = `file "${f.name}"`;
    try {
      // A file larger than any state is refused unread; else it is read only up to the cap.
      checkTextSize(f.size, capOf(host), source);
      loadJSON(host, await readStateText(f.stream(), capOf(host), source), source, report);
    } catch (err) {
      report(err.message);
    }
  });
  const head = () => host.store.ui.head;
  const mats = () => matrices(el.state, el.trace, head());
  const matrixPick = h('select', { 'aria-label': 'Matrix to export', class: 'ap-matrix-pick' });
  const panelPick = h(
    'select',
    { 'aria-label': 'Panel to export', class: 'ap-panel-pick' },
    ...panels.filter((p) => p.exports?.length).map((p) => h('option', { value: p.name }, p.name)),
  );
  matrixPick.addEventListener('focus', () => fillMatrices(matrixPick, mats()));
  const pickedMatrix = () => {
    fillMatrices(matrixPick, mats());
    return mats().find((m) => m.name === matrixPick.value) ?? mats()[0];
  };
  const panelMats = () =>
    panelFigures(mats(), panels.find((p) => p.name === panelPick.value).exports, { query: host.store.ui.cell[0] });
  const btn = (label, action, cls) =>
    h('button', { type: 'button', class: cls, onclick: () => action().catch?.((e) => report(e.message)) }, label);
  const bar = h(
    'div',
    { class: 'ap-tools', role: 'toolbar', 'aria-label': 'Share and export', part: 'tools' },
    btn('Copy link', async () => show(await stateLink(el.state, walkOf(el)), 'Link'), 'ap-copy-link'),
    btn(
      'Copy embed snippet',
      async () => show(embedSnippet(el.state, undefined, walkOf(el)), 'Embed snippet'),
      'ap-copy-embed',
    ),
    btn(
      'Save JSON',
      async () => download('attention-state.json', JSON.stringify(el.state, null, 1), 'application/json'),
      'ap-save-json',
    ),
    btn('Load JSON…', async () => file.click(), 'ap-load-json'),
    file,
    matrixPick,
    btn(
      'CSV',
      async () => {
        const m = pickedMatrix();
        download(`${slug(m.name)}.csv`, toCSV(m), 'text/csv');
      },
      'ap-csv',
    ),
    btn('LaTeX', async () => show(toLatex(pickedMatrix()), 'LaTeX'), 'ap-latex'),
    btn('Markdown', async () => show(toMarkdown(pickedMatrix()), 'Markdown table'), 'ap-markdown'),
    panelPick,
    btn(
      'SVG',
      async () => download(`${panelPick.value}.svg`, toSVG(panelMats(), shownTheme(bar)), 'image/svg+xml'),
      'ap-svg',
    ),
    btn('PNG', async () => download(`${panelPick.value}.png`, await toPNG(panelMats(), shownTheme(bar))), 'ap-png'),
    note,
    out,
  );
  // A link restores only where an element reads the hash.
  bar.querySelector('.ap-copy-link').hidden = !el.hasAttribute('url-state');
  host.root.append(rovingFocus(bar));
  fillMatrices(matrixPick, mats());
  if (el.hasAttribute('url-state')) syncHash(host, report);
}

/** The step and query a link carries after its state (`&step=scores&query=1`); a bad one is named. */
function restoreWalk(el, hash, report) {
  const step = /&step=([^&]*)/.exec(hash),
    query = /&query=([^&]*)/.exec(hash);
  const problems = [];
  try {
    if (query) el.query = Number(decodeURIComponent(query[1]));
  } catch (err) {
    problems.push(`link: ${err.message.replace(/^query: /, `query=${query[1]}: `)}`);
  }
  try {
    if (step) el.step = decodeURIComponent(step[1]);
  } catch (err) {
    problems.push(`link: ${err.message.replace(/^step: /, `step=${step[1]}: `)}`);
  }
  if (problems.length) report(problems.join('\n'));
}

const slug = (s) => s.replace(/\s+/g, '-').replace(/[^\w-]/g, '');

function fillMatrices(select, mats) {
  const names = mats.map((m) => m.name);
  if ([...select.options].map((o) => o.value).join('|') === names.join('|')) return;
  const keep = select.value;
  select.replaceChildren(...names.map((n) => h('option', { value: n }, n)));
  if (names.includes(keep)) select.value = keep;
}

/** The most characters of state text a playground (its host handle) takes in: its engine's largest state, with room. */
export const capOf = (host) => stateCap(host.store.engine.limits);

/** Applies a JSON text as the state; a problem is reported by source and the state stays as it was. */
export function loadJSON(host, text, source, report) {
  let state;
  try {
    state = parseStateText(text, capOf(host), source);
  } catch (err) {
    return report(err.message);
  }
  try {
    host.loadState(state);
    report(null);
  } catch (err) {
    report(`${source}: ${err.message}`);
  }
}

function syncHash(host, report) {
  const el = host.element;
  let fromHash = null; // the hash this element wrote or read last
  // On load a refused link leaves the default state; later, the state shown before the link.
  const restore = async (onLoad) => {
    const param = stateParam(location.hash);
    if (param === null) return;
    try {
      const s = await decodeState(param, capOf(host));
      el.state = s;
      fromHash = param;
      report(null);
      restoreWalk(el, location.hash, report);
    } catch (err) {
      const m = `${err.message.startsWith('link:') ? '' : 'link: '}${err.message}`;
      report(onLoad ? `${m}; showing the default state` : m.endsWith('not loaded') ? m : `${m}; not loaded`);
    }
  };
  // After the attributes have set their state, so a link wins over them.
  setTimeout(() => restore(true), 0);
  window.addEventListener('hashchange', () => {
    if (stateParam(location.hash) !== fromHash) restore(false);
  });
  let timer = 0;
  const write = () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const enc = await encodeState(el.state);
      fromHash = enc;
      const w = walkOf(el);
      const at = w ? `&step=${w.step}&query=${w.query}` : '';
      history.replaceState(history.state, '', `${location.href.replace(/#.*$/, '')}#state=${enc}${at}`);
    }, HASH_DELAY);
  };
  el.addEventListener('state-change', write);
  el.addEventListener('step-change', write);
}
