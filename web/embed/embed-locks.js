// Locks: what the readonly and editable attributes let a reader edit.  Locked grids and controls say why in
// their title; edits and lab states that would change a locked part are stopped before they reach the store.
import { setAttr } from '../widgets/dom.js';
import { embedOf } from './embed-messages.js';

/** Names `editable` and `panels` accept beside the pipeline panels. */
const MATRIX_NAMES = { E: 'embeddings', P: 'positions', W_Q: 'wq', W_K: 'wk', W_V: 'wv', W_O: 'wo' };

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
function changesLocked(host, state) {
  const el = host.element;
  const now = host.store.latest,
    locked = lockedMatrices(el);
  if (!now || !locked.size) return false;
  const same = (a, b) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  return [...locked].some((k) =>
    k === 'embeddings' || k === 'wo' || k === 'positions'
      ? !same(now[k], state[k])
      : now.heads.some((hd, i) => !same(hd[k], state.heads?.[i]?.[k])),
  );
}

const editorKey = (ed) => (ed.dataset.target ?? '').split('.').pop();

function locked(el, ed) {
  const set = editableSet(el);
  return !!set && !set.has(editorKey(ed));
}

export function guardEditor(host, ev) {
  const el = host.element;
  const ed = ev.target.closest?.('matrix-editor');
  if (!ed || !locked(el, ed)) return;
  // Only the keys that step a value (grid-keys.js): Page Up/Down, and ↑/↓ inside a cell's text.
  const steps =
    /^Page(Up|Down)$/.test(ev.key) || (/^Arrow(Up|Down)$/.test(ev.key) && ev.target.hasAttribute('data-editing'));
  if (ev.type === 'keydown' && !steps) return;
  ev.stopImmediatePropagation();
  if (ev.type === 'keydown') ev.preventDefault();
}

export function guardControl(host, ev) {
  const el = host.element;
  if (ev.detail?.action === 'lab-state' && changesLocked(host, ev.detail.value.state)) {
    ev.stopImmediatePropagation();
    return;
  }
  // What locks a control is declared by its owner: `lock` in its control event, data-lock on the input.
  const kind = ev.detail?.lock;
  const set = editableSet(el);
  if (!kind || !set || set.has(kind)) return;
  ev.stopImmediatePropagation();
  host.render(false); // put the control back to the state
}

/** Locks the grids and controls readonly / editable name, and unlocks the rest; re-applied after every render. */
export function applyLocks(host) {
  const el = host.element;
  const set = editableSet(el),
    e = embedOf(host);
  if (!set && !e.locked) return; // nothing locked now or before: every edit stays cheap
  e.locked = !!set;
  const why = lockReason(el);
  for (const ed of host.root.querySelectorAll('matrix-editor')) {
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
  for (const c of host.root.querySelectorAll('[data-lock]')) {
    const kind = c.dataset.lock;
    if (kind === 'history' && !(set && set.size === 0)) continue; // the controls keep undo/redo themselves
    const off = !!set && !set.has(kind);
    if (c.disabled !== off) c.disabled = off;
    // A locked control looks and says locked: greyed with its label, and a title (its description) says why.
    lockTitle(c, off && why);
    const label = c.closest('label');
    if (label && label.classList.contains('locked') !== off) label.classList.toggle('locked', off);
  }
}
