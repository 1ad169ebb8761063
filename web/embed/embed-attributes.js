// The HTML attributes of <attention-playground> for embedding: the initial state (preset, tokens, sizes,
// mask, positions, scale, temperature, seed, state JSON, src URL), which panels show, what may be edited, compact.
// Attribute changes apply live; a bad value is skipped with a visible message naming it.  Here the lifecycle;
// the state, the locks and the panels sit in embed-state.js, embed-locks.js and embed-panels.js.
import { h } from '../widgets/dom.js';
import { connectShare } from './share-tools.js';
import { PANELS } from '../app/registry.js';
import { themeProblem } from '../widgets/theme.js';
import { embedOf, report } from './embed-messages.js';
import { STATE_ATTRS, applyState } from './embed-state.js';
import { guardControl, guardEditor, applyLocks } from './embed-locks.js';
import { applyPanels } from './embed-panels.js';

export { report } from './embed-messages.js';
export { lockedMatrices } from './embed-locks.js';

const VIEW_ATTRS = ['panels', 'readonly', 'editable', 'compact', 'theme'];
export const EMBED_ATTRIBUTES = [...STATE_ATTRS, ...VIEW_ATTRS];

const CSS = `
.ap .ap-embed-msg { margin: 0 0 10px; padding: 8px 12px; border-radius: 8px; background: var(--ap-warn-bg); color: var(--ap-warn);
  border: 1px solid var(--ap-warn-line); font-size: 13px; white-space: pre-line; }
.ap.ap-compact { font-size: 12px; --ap-cell: 1.7em; }
.ap.ap-compact .status { display: none; }
.ap.ap-compact .panel { padding: 8px 10px; }
.ap .ap-tools { display: flex; flex-wrap: wrap; gap: 6px 10px; align-items: center; margin: 10px 0; font-size: 13px; }
.ap .ap-tools button, .ap .ap-tools select { border: 1px solid var(--ap-line-strong); border-radius: 7px; background: var(--ap-field); padding: 3px 8px; }
.ap .ap-tools textarea { flex: 1 1 100%; font: 12px var(--ap-mono); min-height: 3.5em; }
.ap label.locked, .ap input:disabled, .ap select:disabled { opacity: .5; cursor: not-allowed; }
.ap label.locked input:disabled, .ap label.locked select:disabled { opacity: 1; }
.ap matrix-editor.locked table.editable input { background: transparent; border-style: dashed; cursor: not-allowed; }
`;
/** The embedding parts' stylesheet (the message, compact, the bar, locks): the playground adopts it. */
export const EMBED_CSS = CSS;

/** From attributeChangedCallback: state attributes rebuild the state, view attributes re-apply, both once per task. */
export function attributeChanged(host, name) {
  const el = host.element;
  const e = embedOf(host);
  if (name === 'theme') report(host, 'theme', themeProblem(el.getAttribute('theme')));
  if (STATE_ATTRS.includes(name)) {
    e.stateDirty = true;
    e.changed.add(name);
  }
  if (name === 'readonly' || name === 'editable') e.locksDirty = true; // panels (the train lab) show locks
  schedule(host);
}

/** From connectedCallback, after the element built itself. */
export function connectEmbed(host) {
  const el = host.element;
  const e = embedOf(host);
  if (!e.msg) {
    // Live region (alert): an attribute the author set that cannot be used, as it is set.
    e.msg = h('p', { class: 'ap-embed-msg', role: 'alert', hidden: true });
    host.root.prepend(e.msg);
    el.addEventListener('computed', () => queueMicrotask(() => applyView(host)));
    host.root.addEventListener('control', (ev) => guardControl(host, ev), true);
    for (const type of ['input', 'keydown', 'pointerdown'])
      host.root.addEventListener(type, (ev) => guardEditor(host, ev), true);
    connectShare(host, PANELS, (problem) => report(host, 'share', problem));
    e.stateDirty = STATE_ATTRS.some((a) => el.hasAttribute(a));
    e.applied = !e.stateDirty; // no state attributes: the element already shows its own state
  }
  schedule(host);
}

function schedule(host) {
  const e = embedOf(host);
  if (e.scheduled) return;
  e.scheduled = true;
  queueMicrotask(() => {
    e.scheduled = false;
    if (!host.panels) return;
    if (e.stateDirty) {
      e.stateDirty = false;
      applyState(host);
    }
    if (e.locksDirty) {
      e.locksDirty = false;
      host.render(false);
    }
    applyView(host);
  });
}

/** Panels (order, visibility), locks and compact; re-applied after every render. */
export function applyView(host) {
  const el = host.element;
  if (!host.panels) return;
  host.root.classList.toggle('ap-compact', el.hasAttribute('compact'));
  applyPanels(host);
  applyLocks(host);
}
