// The events the parts of one playground send up through its shell, and where each goes: announcements to
// the live region, cell input and control actions to the actions, a finished edit to the store's history,
// a selected cell and the walk's controls to the store and the walk, and the undo/redo keys.
/**
 * shell: the `.ap` box; announcer, actions, store, walk: the element's; onKey(e): its shortcut handler, also
 * called for keys on the page's body when `element` is the page's first playground of its tag.
 */
export function wireShell(shell, { announcer, actions, store, walk, onKey, element }) {
  shell.addEventListener('announce', (e) => {
    e.stopPropagation();
    announcer.say(e.detail);
  });
  shell.addEventListener('input', (e) => {
    announcer.quiet();
    actions.cellInput(e);
  });
  shell.addEventListener('revert', (e) => actions.cellRevert(e));
  shell.addEventListener('change', (e) => {
    if (e.target.localName === 'matrix-editor') store.commit();
  });
  shell.addEventListener('cell-select', (e) => store.setUi({ cell: [e.detail.row, e.detail.col] }));
  shell.addEventListener('control', (e) => actions.act(e.detail));
  shell.addEventListener('walk', (e) => {
    e.stopPropagation();
    walk.act(e.detail);
  });
  shell.addEventListener('keydown', (e) => {
    announcer.quiet();
    onKey(e);
  });
  // With nothing focused (after a click on plain text), shortcuts go to the page's first playground.
  document.addEventListener('keydown', (e) => {
    if (e.target === document.body && document.querySelector(element.localName) === element) onKey(e);
  });
}

/** Ctrl/⌘+Z undoes, Ctrl/⌘+Shift+Z and Ctrl/⌘+Y redo; other keys pass. */
export function historyKey(store, e) {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
  const k = e.key.toLowerCase();
  if (k === 'z') store[e.shiftKey ? 'redo' : 'undo']();
  else if (k === 'y') store.redo();
  else return;
  e.preventDefault();
}

/** After a compute: `computed` ({ trace, ms }), and for a change the user made, `state-change` ({ state }). */
export function announceCompute(element, store, { trace, ms, cause }) {
  element.dispatchEvent(new CustomEvent('computed', { composed: true, detail: { trace, ms } }));
  if (cause === 'set' || cause === 'init') return;
  element.dispatchEvent(
    new CustomEvent('state-change', {
      composed: true,
      detail: {
        get state() {
          return structuredClone(store.state);
        },
      },
    }),
  );
}
