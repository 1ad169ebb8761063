// A <matrix-view>'s grid: the headers and the empty cells (the table's semantics, hover and focus) that its
// canvas is laid over, in tracks of a fixed size.  Not what the cells show (matrix-view-paint.js).
import { h } from './dom.js';
import { describeKeys } from './grid-keys.js';

let measurer = null;
/** The widest of labels in the headers' font, bold if asked (a selected header is bold), in CSS px. */
function labelWidth(labels, bold) {
  measurer ??= document.createElement('canvas').getContext('2d');
  measurer.font = `${bold ? 700 : 500} 11.5px system-ui, sans-serif`;
  return labels.reduce((w, l) => Math.max(w, measurer.measureText(String(l)).width), 0);
}

/** Builds the view's grid for a rows × cols tensor, forgetting what its cells showed. */
export function buildGrid(view, rows, cols) {
  view._cols = cols;
  view._rows = rows;
  view._cells = [];
  view._text = [];
  view._bg = [];
  view._label = [];
  view._marked = [];
  view._dirty = [];
  view._ring = -1;
  // A grid of fixed-size tracks (the labels' column fits the labels): the cells never change size, so an
  // edit lays nothing out.  Rows are display: contents, so ARIA keeps its rows while the cells are the
  // grid's items.
  const grid = view.selectable;
  const [minWidth, ch] = view.cellSize;
  // Columns named by words (the output's features) widen to show them when there are few of them; a row
  // of tokens keeps its cells and ellipsis (titles give the whole word).
  const cw =
    cols <= 8 ? Math.min(2 * minWidth, Math.max(minWidth, Math.ceil(labelWidth(view.colLabels, true)) + 4)) : minWidth;
  view._cw = cw;
  view._table.setAttribute('role', grid ? 'grid' : 'table');
  view._table.setAttribute('aria-label', view.name);
  if (view._active >= rows * cols) view._active = 0;
  const style = view._table.style;
  style.setProperty('--cw', `${cw}px`);
  style.setProperty('--ch', `${ch}px`);
  style.setProperty('--rows', rows);
  style.setProperty('--cols', cols);
  const label = (text, role, cls) => h('span', { role, class: cls, title: text }, text);
  view._colHeads = Array.from({ length: cols }, (_, c) =>
    label(view.colLabels[c] ?? String(c + 1), 'columnheader', 'ch'),
  );
  view._rowHeads = [];
  const body = Array.from({ length: rows }, (_, r) => {
    const th = label(view.rowLabels[r] ?? String(r + 1), 'rowheader', 'rh');
    view._rowHeads.push(th);
    const tds = Array.from({ length: cols }, (_, c) => {
      const td = h(
        'span',
        grid
          ? {
              role: 'gridcell',
              class: 'c',
              tabindex: r * cols + c === view._active ? '0' : '-1',
              'data-row': r,
              'data-col': c,
            }
          : { role: 'cell', class: 'c' },
      );
      view._cells.push(td);
      return td;
    });
    return h('div', { role: 'row', class: 'r' }, th, ...tds);
  });
  // The canvas covers the cells' area of the grid (matrix-styles.js places it); its size follows from the tracks.
  view._canvas = h('canvas', { class: 'mx-paint', 'aria-hidden': 'true' });
  view._dpr = 0; // sized at its first paint (matrix-view-paint.js)
  if (grid && !view._keys) view.append((view._keys = describeKeys(view._table, view.keys)));
  view._table.replaceChildren(
    view._canvas,
    h('div', { role: 'row', class: 'r head' }, h('span', { class: 'rh', 'aria-hidden': 'true' }), ...view._colHeads),
    ...body,
  );
  for (const k of view._lit) view._cells[k]?.setAttribute('data-lit', '');
  const sel = view._selected;
  view._selected = null;
  if (sel) view.selected = sel;
}
