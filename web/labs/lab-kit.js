// Shared by the teaching labs: the page's engine, a lab's heading, a weights grid, SVG line plots, and the
// labs' stylesheet.  Presentation only: every number plotted here comes from an engine trace or a timer.
import { h, emit, setAttr, setText, fittedBox } from '../widgets/dom.js';
import { loadEngine } from '../app/engine-loader.js';
import { formatNumber, sequential } from '../widgets/format.js';
import { describeKeys, moveOf } from '../widgets/grid-keys.js';

let engine = null;
loadEngine().then(
  (e) => {
    engine = e;
  },
  () => {},
);
/** The page's engine (loaded before <attention-playground> is defined, so before any lab renders). */
export const getEngine = () => engine;

export const mean = (a) => (a.length ? a.reduce((s, x) => s + x, 0) / a.length : 0);

/** Row i of a trace matrix as a plain array. */
export const rowOf = (m, i) => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols));

/** Sends a whole new state up to the playground (one undo step per group until a `commit`). */
export function sendState(el, state, group = 'lab') {
  emit(el, 'control', { action: 'lab-state', value: { state, group } });
}

/**
 * The state with every head widened from Dk to k·Dk by repeating the columns of W_Q, W_K (each × k^-1/4)
 * and W_V: the scaled scores are unchanged while the unscaled ones grow like √(k·Dk) — what a larger d_k does
 * to dot products.  W_O is dropped (its shape would no longer fit).
 */
export function widen(state, k) {
  const tile = (m, f) => m.map((row) => Array.from({ length: row.length * k }, (_, c) => row[c % row.length] * f));
  const f = k ** -0.25;
  return {
    ...state,
    wo: null,
    heads: state.heads.map((hd) => ({ wq: tile(hd.wq, f), wk: tile(hd.wk, f), wv: tile(hd.wv, 1) })),
  };
}

/** A lab's heading: title, a one-line lesson.  (Not .panel-head: the pipeline's titles stay the pipeline's.) */
export function labHeader(el, title, note) {
  const id = `${el.localName}-${Math.random().toString(36).slice(2, 8)}`;
  el.setAttribute('aria-labelledby', id);
  return [h('header', { class: 'lab-head' }, h('h2', { id }, title)), h('p', { class: 'note', html: note })];
}

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
  for (let i = 0; i < T; i++) {
    for (let j = 0; j < T; j++) {
      const c = grid.cells[i * T + j],
        w = weights.data[i * T + j],
        color = sequential(w),
        target = !!marked?.(i, j);
      const text = formatNumber(w),
        cls = `lab-cell${color.dark ? ' dark' : ''}${target ? ' target' : ''}`;
      const label = `${tokens[i]} to ${tokens[j]}: weight ${text}${target ? ', target' : ''}`;
      if (c.text !== text) setText(c.el, (c.text = text));
      if (c.cls !== cls) c.el.className = c.cls = cls;
      if (c.bg !== color.bg) c.el.style.background = c.bg = color.bg;
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

const NS = 'http://www.w3.org/2000/svg';
const s = (tag, attrs = {}, text) => {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  if (text !== undefined) el.textContent = text;
  return el;
};

/**
 * Draws series [{ points: [[x, y]…], color, label, dash }] into an <svg> (replacing its content).
 * opts: { title (its accessible name), xLabel, yLabel, xLog, yLog, marker: x, yMin, yMax, width, height }.
 */
export function linePlot(svg, series, opts = {}) {
  const W = opts.width ?? 320,
    H = opts.height ?? 170,
    R = 10,
    Tp = 10,
    B = 30;
  setAttr(svg, 'viewBox', `0 0 ${W} ${H}`);
  setAttr(svg, 'role', 'img');
  // Named before anything is drawn: an empty plot (no step taken yet) is still an image that needs a name.
  const names = series.map((se) => se.label).filter(Boolean);
  setAttr(
    svg,
    'aria-label',
    opts.title ??
      `Plot of ${opts.yLabel ?? 'y'} against ${opts.xLabel ?? 'x'}${names.length ? `: ${names.join(', ')}` : ''}`,
  );
  const fx = opts.xLog ? Math.log10 : (x) => x,
    fy = opts.yLog ? Math.log10 : (y) => y;
  const pts = series.flatMap((se) => se.points).filter(([x, y]) => Number.isFinite(fx(x)) && Number.isFinite(fy(y)));
  svg.replaceChildren();
  if (!pts.length) return;
  let [x0, x1] = [Math.min(...pts.map((p) => fx(p[0]))), Math.max(...pts.map((p) => fx(p[0])))];
  let y0 = opts.yMin ?? Math.min(...pts.map((p) => fy(p[1]))),
    y1 = opts.yMax ?? Math.max(...pts.map((p) => fy(p[1])));
  if (x1 === x0) x1 = x0 + 1;
  if (y1 - y0 < 1e-9) {
    y0 -= 0.5;
    y1 += 0.5;
  }
  const lab = (v, log) => {
    const x = log ? 10 ** v : v;
    return Number.isInteger(x) ? String(x) : formatNumber(x, Math.abs(x) < 0.1 ? 3 : Math.abs(x) < 10 ? 2 : 0);
  };
  // The y axis sits right of its longest tick label (10px type, about 6px a character) and the axis name.
  const yTop = lab(y1, opts.yLog),
    yBottom = lab(y0, opts.yLog);
  const L = Math.max(46, 24 + 6 * Math.max(yTop.length, yBottom.length));
  const X = (x) => L + ((fx(x) - x0) / (x1 - x0)) * (W - L - R),
    Y = (y) => H - B - ((fy(y) - y0) / (y1 - y0)) * (H - Tp - B);
  svg.append(
    s('line', { x1: L, y1: H - B, x2: W - R, y2: H - B, class: 'axis' }),
    s('line', { x1: L, y1: Tp, x2: L, y2: H - B, class: 'axis' }),
    s('text', { x: L - 4, y: Tp + 8, 'text-anchor': 'end' }, yTop),
    s('text', { x: L - 4, y: H - B, 'text-anchor': 'end' }, yBottom),
    s('text', { x: L, y: H - B + 13, 'text-anchor': 'middle' }, lab(x0, opts.xLog)),
    s('text', { x: W - R, y: H - B + 13, 'text-anchor': 'end' }, lab(x1, opts.xLog)),
    s('text', { x: (L + W - R) / 2, y: H - 4, 'text-anchor': 'middle', class: 'axis-label' }, opts.xLabel ?? ''),
    s(
      'text',
      {
        x: 10,
        y: (Tp + H - B) / 2,
        'text-anchor': 'middle',
        class: 'axis-label',
        transform: `rotate(-90 10 ${(Tp + H - B) / 2})`,
      },
      opts.yLabel ?? '',
    ),
  );
  if (opts.marker !== undefined)
    svg.append(s('line', { x1: X(opts.marker), x2: X(opts.marker), y1: Tp, y2: H - B, class: 'marker' }));
  for (const se of series) {
    const ok = se.points.filter(([x, y]) => Number.isFinite(fx(x)) && Number.isFinite(fy(y)));
    svg.append(
      s('polyline', {
        points: ok.map(([x, y]) => `${X(x).toFixed(1)},${Y(y).toFixed(1)}`).join(' '),
        fill: 'none',
        stroke: se.color,
        'stroke-width': 2,
        'stroke-dasharray': se.dash ?? 'none',
        'data-series': se.label ?? '',
      }),
    );
    if (se.dots) for (const [x, y] of ok) svg.append(s('circle', { cx: X(x), cy: Y(y), r: 3, fill: se.color }));
  }
}

/** A legend line for plots: [[color, label, dash]…]. */
export const plotLegend = (items) =>
  h(
    'p',
    { class: 'lab-legend' },
    ...items.map(([color, label, dash]) =>
      h('span', {}, h('i', { style: `border-top:2px ${dash ? 'dashed' : 'solid'} ${color}` }), label),
    ),
  );

const CSS = String.raw`
.ap playground-labs { display: block; }
.ap playground-labs .lab { border: 0; padding: 0; }
.ap .lab-tabs { display: flex; flex-wrap: wrap; gap: 6px; margin: 8px 0 10px; }
.ap .lab-tabs [aria-selected=true] { background: var(--ap-accent-soft); border-color: var(--ap-accent); color: var(--ap-accent); font-weight: 600; }
.ap .lab { display: block; background: var(--ap-card); border: 1px solid var(--ap-line); border-radius: 12px; padding: 14px 16px; min-width: 0; }
.ap .lab-head h2 { font-size: 17px; margin: 0 0 4px; }
.ap .lab .note { color: var(--ap-muted); margin: 0 0 10px; max-width: 80ch; }
.ap .lab-bar { display: flex; flex-wrap: wrap; gap: 8px 14px; align-items: center; margin: 8px 0; }
.ap .lab-bar label { display: inline-flex; gap: 5px; align-items: center; }
.ap .lab-bar label { max-width: 100%; min-width: 0; }
.ap .lab-bar select { min-width: 0; max-width: 100%; text-overflow: ellipsis; }
.ap .lab-cols { display: flex; flex-wrap: wrap; gap: 14px 22px; align-items: flex-start; }
.ap .lab-cols > * { flex: 1 1 280px; min-width: 0; }
.ap .lab-cols > .wide { flex-basis: 100%; }
.ap .lab-grid { display: grid; gap: 2px; font: 12px var(--ap-mono); max-width: 100%; overflow-x: auto; }
.ap .lab-grid .lab-r { display: contents; }
.ap .lab-col, .ap .lab-row { font-size: 11px; color: var(--ap-muted); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.ap .lab-col { text-align: center; } .ap .lab-row { text-align: right; padding-right: 4px; align-self: center; }
.ap .lab-cell { min-height: 26px; padding: 2px; border: 1px solid transparent; border-radius: 4px; text-align: center; font: inherit; color: #000; }
.ap button.lab-cell { cursor: pointer; }
.ap .lab-cell.dark { color: #fff; }
.ap .lab-cell.target { outline: 3px solid var(--ap-changed); outline-offset: -3px; }
.ap .lab svg { width: 100%; max-width: 420px; height: auto; font: 10px system-ui, sans-serif; fill: var(--ap-muted); }
.ap .lab svg .axis { stroke: var(--ap-line-strong); } .ap .lab svg .marker { stroke: var(--ap-changed); stroke-dasharray: 3 3; }
.ap .lab-legend { display: flex; gap: 14px; font-size: 12px; color: var(--ap-muted); margin: 0; }
.ap .lab-legend i { display: inline-block; width: 18px; margin-right: 5px; vertical-align: middle; }
.ap .lab-figures { font: 13px var(--ap-mono); display: flex; flex-wrap: wrap; gap: 4px 16px; margin: 6px 0; }
.ap .lab table { border-collapse: collapse; font: 12px var(--ap-mono); }
.ap .lab td, .ap .lab th { border: 1px solid var(--ap-line); padding: 3px 7px; text-align: right; }
.ap .lab th { font-family: system-ui, sans-serif; font-weight: 600; text-align: left; }
.ap .lab h3 { font-size: 14px; margin: 12px 0 6px; }
.ap .lab canvas { width: 100%; max-width: 380px; image-rendering: pixelated; border: 1px solid var(--ap-line); }
.ap .lab .warn { color: var(--ap-warn); }
`;

/** Installs the labs' stylesheet once per document. */
export function adoptLabStyles() {
  if (document.head.querySelector('style[data-labs]')) return;
  document.head.append(h('style', { 'data-labs': '' }, CSS));
}
