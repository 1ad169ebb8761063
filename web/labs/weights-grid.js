// The labs' T×T weights grid: a keyboard grid of the softmax weights (cells to click) or a plain table.
// Presentation only: every weight shown comes from an engine trace.
import { h, setText, fittedBox } from '../widgets/dom.js';
import { formatNumber, sequential } from '../widgets/format.js';
import { describeKeys, moveOf } from '../widgets/grid-keys.js';
import { shownTheme } from '../widgets/theme.js';

/**
 * A T×T weights grid: a keyboard grid (one Tab stop, arrow keys; grid-keys.js) whose cells call onCell(i, j)
 * unless blocked(i, j), or a plain table without onCell; marked(i, j) outlines a cell.
 * Built once per layout (tokens, which cells are buttons) and then updated in place: labs redraw on every
 * edit of the playground, and rebuilding the grid each time cost a keystroke more than all of its numbers.
 */
export function weightsGrid(container, tokens, weights, { onCell, marked, blocked, name = 'Attention weights' } = {}) {
  const T = weights.cols;
  const live = Array.from({ length: T * T }, (_, k) => !!onCell && !blocked?.((k / T) | 0, k % T));
  const layout = `${tokens.join('\u0001')}|${live.map(Number).join('')}|${!!onCell}`;
  let grid = container._weightsGrid;
  if (!grid || grid.layout !== layout || grid.box.parentNode !== container) {
    grid = { layout, cells: [], onCell, active: grid?.active < T * T ? grid.active : 0 };
    const role = onCell ? 'gridcell' : 'cell';
    // Rows are display: contents, so the cells stay the CSS grid's items while ARIA keeps its rows.
    const table = h(
      'div',
      {
        class: 'lab-grid',
        role: onCell ? 'grid' : 'table',
        'aria-label': name,
        style: `grid-template-columns: auto repeat(${T}, minmax(calc(4ch + 10px), 1fr))`,
      },
      h(
        'div',
        { role: 'row', class: 'lab-r' },
        h('span', { 'aria-hidden': 'true' }),
        ...tokens.map((t) => h('span', { class: 'lab-col', role: 'columnheader', title: t }, t)),
      ),
    );
    for (let i = 0; i < T; i++) {
      const row = h(
        'div',
        { role: 'row', class: 'lab-r' },
        h('span', { class: 'lab-row', role: 'rowheader' }, tokens[i]),
      );
      for (let j = 0; j < T; j++) {
        const k = i * T + j,
          tabindex = !onCell ? null : k === grid.active ? '0' : '-1';
        const cell = live[k]
          ? h('button', { type: 'button', role, tabindex, 'data-i': i, 'data-j': j, onclick: () => grid.onCell(i, j) })
          : h('span', { role, tabindex, 'aria-disabled': onCell ? 'true' : null, 'data-i': i, 'data-j': j });
        grid.cells.push({ el: cell, text: null, cls: null, bg: null, label: null });
        row.append(cell);
      }
      table.append(row);
    }
    if (onCell) {
      table.addEventListener('keydown', (e) => gridKey(e, grid, T));
      table.addEventListener('focusin', (e) => {
        // A click focuses a cell too: whichever has the focus is the grid's Tab stop.
        const k = grid.cells.findIndex((c) => c.el === e.target);
        if (k < 0 || k === grid.active) return;
        grid.cells[grid.active].el.tabIndex = -1;
        e.target.tabIndex = 0;
        grid.active = k;
      });
    }
    grid.box = fittedBox(table); // its cells are grid items: only a box around them keeps a new number local
    container._weightsGrid = grid;
    container.replaceChildren(grid.box, ...(onCell ? [describeKeys(table, 'pick')] : []));
  }
  grid.onCell = onCell;
  const theme = shownTheme(container);
  for (let i = 0; i < T; i++) {
    for (let j = 0; j < T; j++) {
      const c = grid.cells[i * T + j],
        w = weights.data[i * T + j],
        color = sequential(w, theme),
        target = !!marked?.(i, j);
      const text = formatNumber(w),
        cls = `lab-cell${color.dark ? ' dark' : ''}${target ? ' target' : ''}`;
      const label = `${tokens[i]} to ${tokens[j]}: weight ${text}${target ? ', target' : ''}`;
      if (c.text !== text) setText(c.el, (c.text = text));
      if (c.cls !== cls) c.el.className = c.cls = cls;
      if (c.bg !== color.bg) {
        c.el.style.background = c.bg = color.bg;
        c.el.style.color = color.ink;
      }
      if (c.label !== label) c.el.setAttribute('aria-label', (c.label = label));
    }
  }
}

// Arrow keys, Home/End move the focus (and with it the grid's Tab stop) between cells; Enter and Space
// press the cell's button, as buttons do.
function gridKey(e, grid, T) {
  const el = e.target.closest('[data-i]');
  if (!el) return;
  const to = moveOf(e, [Number(el.dataset.i), Number(el.dataset.j)], T, T);
  if (!to) return;
  e.preventDefault();
  grid.cells[to[0] * T + to[1]].el.focus();
}
