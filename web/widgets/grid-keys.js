// The grids' key map, written once: how the focus moves in every grid (editable, computed, mask, labs),
// how an editable cell steps and is edited, and the sentences that tell screen-reader users so.
import { h, uid } from './dom.js';

/** Value steps for Page Up/Down (and ↑/↓ while editing): plain, Shift, Alt. */
export const STEP = { plain: 0.1, shift: 1, alt: 0.01 };

/** The step a key event asks for: +, − or 0 (not a step key), scaled by its modifier. */
export function stepOf(e, editing) {
  const up = e.key === 'PageUp' || (editing && e.key === 'ArrowUp'),
    down = e.key === 'PageDown' || (editing && e.key === 'ArrowDown');
  if (!up && !down) return 0;
  const size = e.shiftKey ? STEP.shift : e.altKey ? STEP.alt : STEP.plain;
  return up ? size : -size;
}

/**
 * Where a navigation key moves the focus from [r, c] in a rows×cols grid, or null when the key is not one.
 * Arrows move one cell (stopping at the edges); Home/End go to the row's ends, with Ctrl to the grid's.
 */
export function moveOf(e, [r, c], rows, cols) {
  const ctrl = e.ctrlKey || e.metaKey;
  if (e.altKey || (ctrl && e.key !== 'Home' && e.key !== 'End')) return null;
  switch (e.key) {
    case 'ArrowUp':
      return [Math.max(0, r - 1), c];
    case 'ArrowDown':
      return [Math.min(rows - 1, r + 1), c];
    case 'ArrowLeft':
      return [r, Math.max(0, c - 1)];
    case 'ArrowRight':
      return [r, Math.min(cols - 1, c + 1)];
    case 'Home':
      return ctrl ? [0, 0] : [r, 0];
    case 'End':
      return ctrl ? [rows - 1, cols - 1] : [r, cols - 1];
    default:
      return null;
  }
}

/** The key map as [keys, what they do] rows, for the page's help and README. */
export const KEY_MAP = {
  move: [
    ['Tab, Shift+Tab', 'into and out of a grid: each grid is one stop, and remembers its cell'],
    ['← → ↑ ↓', 'move one cell'],
    ['Home, End', "the row's first or last cell; with Ctrl, the grid's"],
  ],
  edit: [
    ['Page Up, Page Down', 'step the number by +0.1 or −0.1 (Shift: ±1, Alt: ±0.01)'],
    ['typing', 'replaces the number and begins an edit; Enter or F2 edits the number as it is'],
    ['← → Home End (editing)', 'move in the text; ↑ ↓ step as Page Up and Page Down do'],
    [
      'Enter (editing)',
      'commits and moves down a row (Shift+Enter: up); text that is not a number stays, with a message',
    ],
    ['Escape', 'cancels: the number from the last commit comes back'],
    ['drag sideways', 'scrubs the number with the mouse (Shift ×10, Alt ÷10)'],
  ],
  pick: [['Enter, Space', 'acts on the cell: blocks or allows it in the mask, marks a target in the train lab']],
  bars: [
    [
      '← →, Home, End',
      'the pipeline map, the share-and-export bar, the lab tabs and Undo, Redo and Reset example are one Tab stop each: move along them',
    ],
  ],
};

const SAY = {
  edit:
    'Arrow keys move between cells; Home and End to the ends of the row, Ctrl+Home and Ctrl+End of the grid. ' +
    'Page Up and Page Down step the number by 0.1, with Shift by 1, with Alt by 0.01. ' +
    'Type to replace the number, or press Enter or F2 to edit it; Enter commits, Escape cancels.',
  view: 'Arrow keys move between cells; Home and End to the ends of the row, Ctrl+Home and Ctrl+End of the grid.',
  pick:
    'Arrow keys move between cells; Home and End to the ends of the row, Ctrl+Home and Ctrl+End of the grid. ' +
    'Enter or Space acts on the cell.',
};

/**
 * Describes a grid by its key map, read once when the focus enters it (aria-describedby on the grid, not on
 * each cell, so moving between cells does not repeat it).  Returns the hidden node to place inside the grid's
 * element; kind is 'edit', 'view' or 'pick'.
 */
export function describeKeys(grid, kind) {
  const id = uid('keys');
  grid.setAttribute('aria-describedby', id);
  return h('span', { id, hidden: true }, SAY[kind]);
}

/** The key map as headed definition lists, for the page's help. */
export function keyMapList() {
  const list = (rows) =>
    h('dl', { class: 'key-map' }, ...rows.flatMap(([k, what]) => [h('dt', {}, k), h('dd', {}, what)]));
  return [
    h('h3', {}, 'Every grid'),
    list(KEY_MAP.move),
    h('h3', {}, 'The grids you edit: E, W_Q, W_K, W_V, W_O'),
    list(KEY_MAP.edit),
    h('h3', {}, 'Scores, weights, the mask, the train lab'),
    list(KEY_MAP.pick),
    h('h3', {}, 'Rows of links and buttons'),
    list(KEY_MAP.bars),
  ];
}

/**
 * A row of controls as one Tab stop (the keys of the ARIA toolbar pattern): ← → move between them (Home, End
 * to the ends), and the one last focused keeps the stop.  Controls that take arrow keys themselves (text
 * fields) stay out, and so do hidden ones; a select keeps ↑ ↓.  Roles are the caller's.  Returns el.
 */
export function rovingFocus(el) {
  const items = () =>
    [...el.querySelectorAll('button, select, a[href]')].filter(
      (c) => !c.hidden && !c.disabled && !c.closest('[hidden]'),
    );
  const rove = (active) => {
    for (const c of items()) c.tabIndex = c === active ? 0 : -1;
  };
  el.addEventListener('focusin', (e) => {
    if (items().includes(e.target)) rove(e.target);
  });
  el.addEventListener('keydown', (e) => {
    const list = items(),
      k = list.indexOf(e.target);
    if (k < 0 || e.altKey || e.ctrlKey || e.metaKey) return;
    const to = { ArrowRight: k + 1, ArrowLeft: k - 1, Home: 0, End: list.length - 1 }[e.key];
    if (to === undefined || !list[to]) return;
    e.preventDefault();
    list[to].focus();
  });
  // The stop goes to the first control whenever the one holding it is hidden, disabled or removed.
  const keep = () => {
    const list = items();
    if (!list.some((c) => c.tabIndex === 0)) rove(list[0]);
  };
  new MutationObserver(keep).observe(el, { childList: true, subtree: true, attributeFilter: ['hidden', 'disabled'] });
  queueMicrotask(keep);
  return el;
}
