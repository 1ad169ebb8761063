// <matrix-view>: one computed tensor from the trace, as a table of numbers on a colour scale.
// The numbers, colours, change marks and outlines are drawn on one canvas laid over a grid of empty cells
// (the canvas takes no pointer events).  The cells carry the table's semantics, each named by the number it
// shows, and take hover, focus and clicks.  An edit redraws only the cells whose number, colour or mark
// changed and lays nothing out: as ~150 elements of text, the numbers cost a layout, paint and display
// items per cell on every edit.
// selectable: cells are a keyboard grid, one Tab stop (roving tabindex; arrow keys, Home/End, Ctrl+Home/End,
// grid-keys.js), and fire `cell-select` { row, col } on hover and focus, `cell-activate` on click, Enter or Space.
import { h, define, emit, afterFrame, scrollBox } from './dom.js';
import { formatNumber, sequentialEntry, divergingEntry } from './format.js';
import { PAINT } from '../app/styles.js';
import { PAINTS, shownTheme } from './theme.js';
import { describeKeys, moveOf } from './grid-keys.js';

const GAP = 2; // px between cells; the grid's gap in styles.js
const MASKED = {}; // a blocked cell's fill: the stripes
// A number with no place on the scale (never expected: '—'), as a scale entry of both themes.
const NEUTRAL = Object.fromEntries(
  ['light', 'dark'].map((th) => [th, { bg: PAINTS[th].neutral, ink: PAINTS[th].ink, dark: th === 'dark' }]),
);
const views = new Set();
let dprQuery = null;

// A zoom changes devicePixelRatio: repaint every view at the new resolution.
function watchResolution() {
  dprQuery?.removeEventListener('change', watchResolution);
  dprQuery = matchMedia(`(resolution: ${devicePixelRatio}dppx)`);
  dprQuery.addEventListener('change', watchResolution, { once: true });
  for (const v of views) v._paint(true);
}

// Forced colours (high-contrast themes) restyle the page's text and boxes but not a canvas: then the views
// draw in the theme's system colours, as the page's own cells would be shown (the colour scale gives way).
const forced = matchMedia('(forced-colors: active)');
forced.addEventListener('change', () => {
  for (const v of views) v._paint(true);
});

/** Repaints, at once, every view whose playground switched theme since it last drew. */
export function repaintThemed() {
  for (const v of views) if (v._theme && shownTheme(v) !== v._theme) v._paint(true);
}

// Views in view draw once the script that changed them has finished (a microtask): drawing text makes the
// browser bring the page's style up to date first, and between two panels' updates it is always stale, so
// drawing each view as it changed cost a style pass per view.
// Views out of the viewport draw in a task just after the frame instead of in it: their numbers (and
// accessible names) are set at once, only the pixels wait, and the task runs in the idle time before the
// next frame.  A view scrolling into view draws as soon as the IntersectionObserver reports it.  (No
// animation-frame fallback: a frame callback requested from an input event runs in that same frame.)

// A panel that content-visibility skips (far from the viewport) has no layout, and drawing text on a canvas
// inside it makes the browser style and lay out the whole panel first: views there wait, parked, until the
// browser renders the panel again (it does so well before the panel scrolls into view).
const skipped = new WeakSet(); // elements whose content-visibility: auto content is skipped now
const parked = new Set();
// The event does not leave a shadow root: listened to on each tree that holds views (a playground's root).
const heard = new WeakSet();
function hearVisibility(root) {
  if (heard.has(root)) return;
  heard.add(root);
  root.addEventListener('contentvisibilityautostatechange', onVisibility, true);
}
function onVisibility(e) {
  if (e.skipped) skipped.add(e.target);
  else {
    skipped.delete(e.target);
    for (const v of parked) {
      if (!e.target.contains(v) || inSkipped(v)) continue;
      parked.delete(v);
      v._paint(false);
    }
  }
}
function inSkipped(el) {
  for (let p = el.parentElement; p; p = p.parentElement) if (skipped.has(p)) return true;
  return false;
}

/** Views waiting to draw, all drawn together when `schedule` calls back (one call per batch). */
function drawQueue(schedule) {
  const queued = new Set();
  const flush = () => {
    const list = [...queued];
    queued.clear(); // first: a view that fails to draw must not keep the queue from being scheduled again
    for (const v of list) {
      if (!v._onScreen && inSkipped(v)) parked.add(v);
      else v._paint(false, true);
    }
  };
  return {
    add(view) {
      if (queued.size === 0) schedule(flush);
      queued.add(view);
    },
    delete: (view) => queued.delete(view),
  };
}
const soon = drawQueue(queueMicrotask);
const later = drawQueue(afterFrame);

let seen = null;
function observe(view) {
  seen ??= new IntersectionObserver((entries) => {
    for (const e of entries) {
      e.target._onScreen = e.isIntersecting;
      if (e.isIntersecting && (later.delete(e.target) || parked.delete(e.target))) e.target._paint(false);
    }
  });
  seen.observe(view);
}

let measurer = null;
/** The widest of labels in the headers' font, bold if asked (a selected header is bold), in CSS px. */
function labelWidth(labels, bold) {
  measurer ??= document.createElement('canvas').getContext('2d');
  measurer.font = `${bold ? 700 : 500} 11.5px system-ui, sans-serif`;
  return labels.reduce((w, l) => Math.max(w, measurer.measureText(String(l)).width), 0);
}

const hatch = {};
/** The masked cells' diagonal stripes in a theme, as a canvas pattern tile. */
function hatchTile(theme) {
  if (hatch[theme]) return hatch[theme];
  const tile = (hatch[theme] = document.createElement('canvas'));
  tile.width = tile.height = 8;
  const g = tile.getContext('2d');
  g.fillStyle = PAINTS[theme].maskedLight;
  g.fillRect(0, 0, 8, 8);
  g.strokeStyle = PAINTS[theme].maskedDark;
  g.lineWidth = 2.8;
  g.beginPath();
  for (const k of [-8, 0, 8]) {
    g.moveTo(k - 1, 9);
    g.lineTo(k + 9, -1);
  }
  g.stroke();
  return tile;
}

class MatrixView extends HTMLElement {
  constructor() {
    super();
    this.name = 'matrix';
    this.rowLabels = [];
    this.colLabels = [];
    /** 'diverging' (signed, scaled by the largest magnitude) or 'sequential' (weights in [0, 1]). */
    this.scale = 'diverging';
    this.digits = 2;
    this.selectable = false;
    /** What a selectable grid's description says Enter and Space do: 'view' (nothing) or 'pick' (act on the cell). */
    this.keys = 'view';
    /** A cell's [width, height] in CSS px, and where its number sits: 'right' or 'center'. */
    this.cellSize = [50, 26];
    this.align = 'right';
    /** (row, col) => true where the mask blocks: those cells get the masked style. */
    this.blocked = null;
    /** Whether the next matrix set marks changed cells (true) or clears the marks (false). */
    this.markChanges = false;
    this._cells = [];
    this._text = []; // per cell, what is drawn and named: the number as shown
    this._bg = []; // per cell, its scale entry (format.js: both themes' { bg, ink }) or MASKED
    this._label = []; // per cell, its aria-label
    this._marked = []; // per cell, whether it carries data-changed (tracked, never read back)
    this._dirty = []; // per cell, whether the canvas still has to draw it
    this._lit = new Set(); // cells a walk lights (data-lit), as flat indices
    this._shape = '';
    this._selected = null;
    this._dpr = 0;
    this._ring = -1; // the cell with a keyboard focus ring, or -1
    this._active = 0; // the cell that takes a selectable grid's Tab stop
    this._onScreen = true; // until the IntersectionObserver says otherwise
  }

  connectedCallback() {
    views.add(this);
    hearVisibility(this.getRootNode());
    if (!dprQuery) watchResolution();
    observe(this);
    if (this._table) {
      // Moved in the page (panels re-ordered, say): what it had yet to draw was dropped when it left.
      this._paint(false);
      return;
    }
    this._table = h('div', { class: 'mx', part: 'grid' });
    this.append(scrollBox(() => this.name, this._table));
    this.addEventListener('pointerover', (e) => this._hover(e));
    this.addEventListener('focusin', (e) => {
      this._hover(e);
      this._focusChanged(e);
    });
    this.addEventListener('focusout', (e) => this._focusChanged(e));
    this.addEventListener('click', (e) => this._activate(e));
    this.addEventListener('keydown', (e) => this._onKey(e));
  }

  disconnectedCallback() {
    views.delete(this);
    seen?.unobserve(this);
    later.delete(this);
    soon.delete(this);
    parked.delete(this);
    this._onScreen = true;
    this._ring = -1; // not every browser sends focusout when a focused node leaves the page
  }

  set matrix(m) {
    const shape = `${m.rows}x${m.cols}|${this.rowLabels.join('\u0001')}|${this.colLabels.join('\u0001')}|${this.selectable}|${this.cellSize}|${this.align}`;
    let mark = this.markChanges;
    if (shape !== this._shape) {
      this._shape = shape;
      this._build(m.rows, m.cols);
      mark = false; // a new shape is a new tensor: nothing to compare with
    }
    const { data, rows, cols } = m;
    let top = 0;
    if (this.scale === 'diverging')
      for (let k = 0; k < data.length; k++) if (Number.isFinite(data[k])) top = Math.max(top, Math.abs(data[k]));
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const k = r * cols + c,
          x = data[k],
          td = this._cells[k];
        const blocked = x === -Infinity || (this.blocked && this.blocked(r, c));
        const text = blocked && x === -Infinity ? '−∞' : formatNumber(x, this.digits);
        // A blocked cell's fill is the stripes, whatever its number.  Colours are shared ramp entries, so
        // comparing them is comparing identities.
        const bg = blocked
          ? MASKED
          : ((this.scale === 'sequential' ? sequentialEntry(x) : divergingEntry(top > 0 ? x / top : 0)) ?? NEUTRAL);
        const changed = mark && text !== this._text[k];
        if (changed !== !!this._marked[k]) {
          td.toggleAttribute('data-changed', (this._marked[k] = changed));
          this._dirty[k] = true;
        }
        if (text !== this._text[k]) {
          this._text[k] = text;
          this._dirty[k] = true;
        }
        // The cell's accessible name is its number as drawn (with the pair it belongs to, in a grid).
        const label = this.selectable
          ? `${this.rowLabels[r]} to ${this.colLabels[c]}: ${text}${blocked ? ', masked' : ''}`
          : text;
        if (label !== this._label[k]) td.setAttribute('aria-label', (this._label[k] = label));
        if (bg !== this._bg[k]) {
          this._bg[k] = bg;
          this._dirty[k] = true;
        }
      }
    }
    this._paint(false);
  }

  /** [row, col] to highlight (with its headers), or null. */
  set selected(at) {
    const old = this._selected;
    if (old && at && old[0] === at[0] && old[1] === at[1]) return;
    this._selected = at;
    const cols = this._cols;
    if (old) {
      if (old[1] >= 0) this._cells[old[0] * cols + old[1]]?.classList.remove('selected');
      this._rowHeads[old[0]]?.classList.remove('selected');
      this._colHeads[old[1]]?.classList.remove('selected');
    }
    if (at) {
      if (at[1] >= 0) this._cells[at[0] * cols + at[1]]?.classList.add('selected');
      this._rowHeads[at[0]]?.classList.add('selected');
      this._colHeads[at[1]]?.classList.add('selected');
    }
    // The selected cell's outline is drawn on the canvas.
    this._redraw(old);
    this._redraw(at);
  }

  /**
   * The cells a walk through the steps lights, as flat indices (row × cols + col), or null for none.  Each
   * carries data-lit and is drawn with a thick outline (under forced colours, in the theme's highlight).
   */
  set lit(list) {
    if (list === this._litList || (!list && this._lit.size === 0)) return;
    this._litList = list;
    const next = new Set(list ?? []);
    for (const k of this._lit) {
      if (next.has(k) || !this._cells[k]) continue;
      this._cells[k].removeAttribute('data-lit');
      this._dirty[k] = true;
    }
    for (const k of next) {
      if (this._lit.has(k) || !this._cells[k]) continue;
      this._cells[k].setAttribute('data-lit', '');
      this._dirty[k] = true;
    }
    this._lit = next;
    this._paint(false);
  }

  /** Draws the cell at [row, col] again (its outline changed), if there is one. */
  _redraw(at) {
    const k = at && at[1] >= 0 ? at[0] * this._cols + at[1] : -1;
    if (k >= 0 && k < this._cells.length) {
      this._dirty[k] = true;
      this._paint(false);
    }
  }

  _focusChanged(e) {
    const td = e.target.closest && e.target.closest('[data-row]');
    if (!td || !this.contains(td)) return;
    const k = this._cells.indexOf(td);
    if (e.type === 'focusin' && k !== this._active) {
      // A click focuses a cell too: it becomes the grid's Tab stop.
      if (this._cells[this._active]) this._cells[this._active].tabIndex = -1;
      td.tabIndex = 0;
      this._active = k;
    }
    // Only a keyboard focus gets a ring, as :focus-visible decides.
    this._ring = e.type === 'focusin' && td.matches(':focus-visible') ? k : -1;
    this._dirty[k] = true;
    this._paint(false);
  }

  _build(rows, cols) {
    this._cols = cols;
    this._rows = rows;
    this._cells = [];
    this._text = [];
    this._bg = [];
    this._label = [];
    this._marked = [];
    this._dirty = [];
    this._ring = -1;
    // A grid of fixed-size tracks (the labels' column fits the labels): the cells never change size, so an
    // edit lays nothing out.  Rows are display: contents, so ARIA keeps its rows while the cells are the
    // grid's items.
    const grid = this.selectable;
    const [minWidth, ch] = this.cellSize;
    // Columns named by words (the output's features) widen to show them when there are few of them; a row
    // of tokens keeps its cells and ellipsis (titles give the whole word).
    const cw =
      cols <= 8
        ? Math.min(2 * minWidth, Math.max(minWidth, Math.ceil(labelWidth(this.colLabels, true)) + 4))
        : minWidth;
    this._cw = cw;
    this._table.setAttribute('role', grid ? 'grid' : 'table');
    this._table.setAttribute('aria-label', this.name);
    if (this._active >= rows * cols) this._active = 0;
    const style = this._table.style;
    style.setProperty('--cw', `${cw}px`);
    style.setProperty('--ch', `${ch}px`);
    style.setProperty('--rows', rows);
    style.setProperty('--cols', cols);
    const label = (text, role, cls) => h('span', { role, class: cls, title: text }, text);
    this._colHeads = Array.from({ length: cols }, (_, c) =>
      label(this.colLabels[c] ?? String(c + 1), 'columnheader', 'ch'),
    );
    this._rowHeads = [];
    const body = Array.from({ length: rows }, (_, r) => {
      const th = label(this.rowLabels[r] ?? String(r + 1), 'rowheader', 'rh');
      this._rowHeads.push(th);
      const tds = Array.from({ length: cols }, (_, c) => {
        const td = h(
          'span',
          grid
            ? {
                role: 'gridcell',
                class: 'c',
                tabindex: r * cols + c === this._active ? '0' : '-1',
                'data-row': r,
                'data-col': c,
              }
            : { role: 'cell', class: 'c' },
        );
        this._cells.push(td);
        return td;
      });
      return h('div', { role: 'row', class: 'r' }, th, ...tds);
    });
    // The canvas covers the cells' area of the grid (styles.js places it); its size follows from the tracks.
    this._canvas = h('canvas', { class: 'mx-paint', 'aria-hidden': 'true' });
    this._fit(devicePixelRatio || 1);
    if (grid && !this._keys) this.append((this._keys = describeKeys(this._table, this.keys)));
    this._table.replaceChildren(
      this._canvas,
      h('div', { role: 'row', class: 'r head' }, h('span', { class: 'rh', 'aria-hidden': 'true' }), ...this._colHeads),
      ...body,
    );
    for (const k of this._lit) this._cells[k]?.setAttribute('data-lit', '');
    const sel = this._selected;
    this._selected = null;
    if (sel) this.selected = sel;
  }

  /**
   * Draws the cells marked dirty (all of them when full, or when the resolution changed).  Out of view,
   * a partial draw waits for the task after this frame, unless now (that task) says otherwise.
   */
  _paint(full, now = false) {
    if (!this._canvas) return;
    if (!full && !now) {
      (this._onScreen ? soon : later).add(this);
      return;
    }
    const cw = this._cw,
      ch = this.cellSize[1],
      cols = this._cols;
    const dpr = devicePixelRatio || 1;
    if (dpr !== this._dpr) {
      this._fit(dpr);
      full = true;
    }
    const theme = shownTheme(this),
      paint = PAINTS[theme];
    if (theme !== this._theme) {
      this._theme = theme;
      full = true;
    }
    const g = this._ctx;
    const tx = this.align === 'center' ? cw / 2 : cw - 4;
    const fc = forced.matches;
    let stripes = null;
    for (let k = 0; k < this._cells.length; k++) {
      if (!full && !this._dirty[k]) continue;
      this._dirty[k] = false;
      const text = this._text[k],
        entry = this._bg[k],
        bg = entry[theme];
      if (text === undefined) continue;
      const x = (k % cols) * (cw + GAP),
        y = Math.floor(k / cols) * (ch + GAP);
      g.clearRect(x, y, cw, ch);
      g.beginPath();
      g.roundRect(x, y, cw, ch, 3);
      const masked = entry === MASKED,
        lit = this._lit.has(k);
      g.fillStyle = fc
        ? lit
          ? 'Highlight'
          : 'Canvas'
        : masked
          ? (stripes ??= g.createPattern(hatchTile(theme), 'repeat'))
          : bg.bg;
      g.fill();
      if (fc) {
        g.strokeStyle = 'GrayText';
        g.lineWidth = 1;
        g.stroke();
      }
      if (this._marked[k]) {
        // A changed number: a bar along the cell's foot.
        g.fillStyle = fc ? 'Highlight' : paint.changed;
        g.beginPath();
        g.roundRect(x, y + ch - 3, cw, 3, [0, 0, 3, 3]);
        g.fill();
      }
      g.fillStyle = fc
        ? lit
          ? 'HighlightText'
          : masked
            ? 'GrayText'
            : 'CanvasText'
        : masked
          ? paint.maskedInk
          : bg.ink;
      g.fillText(text, x + tx, y + ch / 2 + 0.5, cw - 8);
      // A lit cell's outline, then the selected cell's and the keyboard focus: outlines inside the cell, as
      // the stylesheet drew them; a lit cell keeps its outline outside the selection's.
      // A selection [row, -1] is a whole row: only its header is highlighted.
      if (lit) this._outline(x, y, 3, fc ? 'HighlightText' : paint.lit);
      const sel = this._selected,
        inset = lit ? 3 : 0;
      if (sel && sel[1] >= 0 && sel[0] * cols + sel[1] === k)
        this._outline(x, y, 2, fc ? 'CanvasText' : paint.ink, inset);
      if (this._ring === k) this._outline(x, y, 3, fc ? 'Highlight' : paint.focus);
    }
  }

  // Sized in device pixels so numbers stay sharp; the CSS size is the grid area's.  Resizing resets the
  // context's state: it is set once here, not on every paint.  A canvas's font set while it is in a
  // document makes the browser bring the whole document's style up to date first, so a new canvas is
  // fitted before it is attached (a page of many playgrounds did that once per view).
  _fit(dpr) {
    this._dpr = dpr;
    const cw = this._cw,
      ch = this.cellSize[1];
    this._canvas.width = Math.max(0, Math.round((this._cols * (cw + GAP) - GAP) * dpr));
    this._canvas.height = Math.max(0, Math.round((this._rows * (ch + GAP) - GAP) * dpr));
    const g = (this._ctx = this._canvas.getContext('2d'));
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.font = `12.5px ${PAINT.mono}`;
    g.direction = 'ltr';
    g.textBaseline = 'middle';
    g.textAlign = this.align;
  }

  _outline(x, y, width, colour, inset = 0) {
    const g = this._ctx,
      cw = this._cw - 2 * inset,
      ch = this.cellSize[1] - 2 * inset,
      h = width / 2 + inset;
    g.strokeStyle = colour;
    g.lineWidth = width;
    g.beginPath();
    g.roundRect(x + h, y + h, cw - width, ch - width, Math.max(0, 3 - h));
    g.stroke();
  }

  _at(e) {
    const td = e.target.closest && e.target.closest('[data-row]');
    return td && this.contains(td) ? [Number(td.dataset.row), Number(td.dataset.col)] : null;
  }

  _hover(e) {
    if (!this.selectable) return;
    const at = this._at(e);
    if (at) emit(this, 'cell-select', { row: at[0], col: at[1] });
  }

  _activate(e) {
    const at = this._at(e);
    if (at && this.selectable) emit(this, 'cell-activate', { row: at[0], col: at[1] });
  }

  _onKey(e) {
    const at = this._at(e);
    if (!at || !this.selectable) return;
    const cols = this._cols;
    if (e.key === 'Enter' || e.key === ' ') {
      emit(this, 'cell-activate', { row: at[0], col: at[1] });
      e.preventDefault();
      return;
    }
    const to = moveOf(e, at, this._cells.length / cols, cols);
    if (!to) return;
    e.preventDefault();
    this._cells[to[0] * cols + to[1]].focus(); // focusin moves the Tab stop
  }
}

define('matrix-view', MatrixView);
