// <matrix-view>: one computed tensor from the trace, as a table of numbers on a colour scale.
// The numbers, colours, change marks and outlines are drawn on one canvas laid over a grid of empty cells
// (the canvas takes no pointer events).  The cells carry the table's semantics, each named by the number it
// shows, and take hover, focus and clicks.  An edit redraws only the cells whose number, colour or mark
// changed and lays nothing out: as ~150 elements of text, the numbers cost a layout, paint and display
// items per cell on every edit.
// selectable: cells are a keyboard grid, one Tab stop (roving tabindex; arrow keys, Home/End, Ctrl+Home/End,
// grid-keys.js), and fire `cell-select` { row, col } on hover and focus, `cell-activate` on click, Enter or Space.
// The grid is built in matrix-view-grid.js, drawn in matrix-view-paint.js, when matrix-view-schedule.js says.
import { h, define, emit, scrollBox } from './dom.js';
import { formatNumber, sequentialEntry, divergingEntry } from './format.js';
import { moveOf } from './grid-keys.js';
import { attachView, detachView, queuePaint } from './matrix-view-schedule.js';
import { MASKED, NEUTRAL, paintCells } from './matrix-view-paint.js';
import { buildGrid } from './matrix-view-grid.js';

export { repaintThemed } from './matrix-view-schedule.js';

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
    this._onScreen = undefined; // until the IntersectionObserver first reports
  }

  connectedCallback() {
    attachView(this);
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
    detachView(this);
    this._onScreen = undefined; // a new report comes when it is attached again
    this._ring = -1; // not every browser sends focusout when a focused node leaves the page
  }

  set matrix(m) {
    const shape = `${m.rows}x${m.cols}|${this.rowLabels.join('\u0001')}|${this.colLabels.join('\u0001')}|${this.selectable}|${this.cellSize}|${this.align}`;
    let mark = this.markChanges;
    if (shape !== this._shape) {
      this._shape = shape;
      buildGrid(this, m.rows, m.cols);
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

  /**
   * Draws the cells marked dirty (all of them when full, or when the resolution changed).  Out of view,
   * a partial draw waits for the task after this frame, unless now (that task) says otherwise.
   */
  _paint(full, now = false) {
    if (!this._canvas) return;
    if (!full && !now) {
      queuePaint(this);
      return;
    }
    paintCells(this, full);
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
