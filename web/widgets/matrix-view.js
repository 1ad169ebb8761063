// <matrix-view>: one computed tensor from the trace, as a table of numbers on a colour scale.
// The numbers, colours, change marks and outlines are drawn on one canvas laid over a grid of empty cells
// (the canvas takes no pointer events).  The cells carry the table's semantics, each named by the number it
// shows, and take hover, focus and clicks.  An edit redraws only the cells whose number, colour or mark
// changed and lays nothing out: as ~150 elements of text, the numbers cost a layout, paint and display
// items per cell on every edit.
// selectable: cells are a keyboard grid, one Tab stop (roving tabindex; arrow keys, Home/End, Ctrl+Home/End,
// grid-keys.js), and fire `cell-select` { row, col } on hover and focus, `cell-activate` on click, Enter or Space.
// The cells are drawn by matrix-view-paint.js, when matrix-view-schedule.js says.
import { h, define, emit, scrollBox } from './dom.js';
import { formatNumber, sequentialEntry, divergingEntry } from './format.js';
import { describeKeys, moveOf } from './grid-keys.js';
import { attachView, detachView, forced, queuePaint } from './matrix-view-schedule.js';
import { CellPainter, GAP, MASKED, NEUTRAL, prepareContext } from './matrix-view-paint.js';
import { accentOf, shownTheme } from './theme.js';

export { repaintThemed } from './matrix-view-schedule.js';

let measurer = null;
/** The widest of labels in the headers' font, bold if asked (a selected header is bold), in CSS px. */
function labelWidth(labels, bold) {
  measurer ??= document.createElement('canvas').getContext('2d');
  measurer.font = `${bold ? 700 : 500} 11.5px system-ui, sans-serif`;
  return labels.reduce((w, l) => Math.max(w, measurer.measureText(String(l)).width), 0);
}

class MatrixView extends HTMLElement {
  #cells = [];
  #text = []; // per cell, what is drawn and named: the number as shown
  #bg = []; // per cell, its scale entry (format.js: both themes' { bg, ink }) or MASKED
  #label = []; // per cell, its aria-label
  #marked = []; // per cell, whether it carries data-changed (tracked, never read back)
  #dirty = []; // per cell, whether the canvas still has to draw it
  #lit = new Set(); // cells a walk lights (data-lit), as flat indices
  #litList = undefined; // the list last given to `lit`, to skip the same one again
  #shape = '';
  #selected = null;
  #rows = 0;
  #cols = 0;
  #cw = 0; // a cell's width in CSS px: the cellSize's, or wider for the column labels
  #rowHeads = [];
  #colHeads = [];
  #table = null;
  #keys = null; // a selectable grid's description of its keys
  #canvas = null;
  #ctx = null;
  #dpr = 0; // the resolution the canvas is sized for; 0 until its first paint
  #theme = null; // the theme the cells were last drawn in
  #ring = -1; // the cell with a keyboard focus ring, or -1
  #active = 0; // the cell that takes a selectable grid's Tab stop

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
  }

  connectedCallback() {
    attachView(this);
    if (this.#table) {
      // Moved in the page (panels re-ordered, say): what it had yet to draw was dropped when it left.
      this.#paint();
      return;
    }
    this.#table = h('div', { class: 'mx', part: 'grid' });
    this.append(scrollBox(() => this.name, this.#table));
    this.addEventListener('pointerover', (e) => this.#hover(e));
    this.addEventListener('focusin', (e) => {
      this.#hover(e);
      this.#focusChanged(e);
    });
    this.addEventListener('focusout', (e) => this.#focusChanged(e));
    this.addEventListener('click', (e) => this.#activate(e));
    this.addEventListener('keydown', (e) => this.#onKey(e));
  }

  disconnectedCallback() {
    detachView(this);
    this.#ring = -1; // not every browser sends focusout when a focused node leaves the page
  }

  set matrix(m) {
    const shape = `${m.rows}x${m.cols}|${this.rowLabels.join('\u0001')}|${this.colLabels.join('\u0001')}|${this.selectable}|${this.cellSize}|${this.align}`;
    let mark = this.markChanges;
    if (shape !== this.#shape) {
      this.#shape = shape;
      this.#buildGrid(m.rows, m.cols);
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
          td = this.#cells[k];
        const blocked = x === -Infinity || (this.blocked && this.blocked(r, c));
        const text = blocked && x === -Infinity ? '−∞' : formatNumber(x, this.digits);
        // A blocked cell's fill is the stripes, whatever its number.  Colours are shared ramp entries, so
        // comparing them is comparing identities.
        const bg = blocked
          ? MASKED
          : ((this.scale === 'sequential' ? sequentialEntry(x) : divergingEntry(top > 0 ? x / top : 0)) ?? NEUTRAL);
        const changed = mark && text !== this.#text[k];
        if (changed !== !!this.#marked[k]) {
          td.toggleAttribute('data-changed', (this.#marked[k] = changed));
          this.#dirty[k] = true;
        }
        if (text !== this.#text[k]) {
          this.#text[k] = text;
          this.#dirty[k] = true;
        }
        // The cell's accessible name is its number as drawn (with the pair it belongs to, in a grid).
        const label = this.selectable
          ? `${this.rowLabels[r]} to ${this.colLabels[c]}: ${text}${blocked ? ', masked' : ''}`
          : text;
        if (label !== this.#label[k]) td.setAttribute('aria-label', (this.#label[k] = label));
        if (bg !== this.#bg[k]) {
          this.#bg[k] = bg;
          this.#dirty[k] = true;
        }
      }
    }
    this.#paint();
  }

  /** [row, col] to highlight (with its headers), or null. */
  set selected(at) {
    const old = this.#selected;
    if (old && at && old[0] === at[0] && old[1] === at[1]) return;
    this.#selected = at;
    const cols = this.#cols;
    if (old) {
      if (old[1] >= 0) this.#cells[old[0] * cols + old[1]]?.classList.remove('selected');
      this.#rowHeads[old[0]]?.classList.remove('selected');
      this.#colHeads[old[1]]?.classList.remove('selected');
    }
    if (at) {
      if (at[1] >= 0) this.#cells[at[0] * cols + at[1]]?.classList.add('selected');
      this.#rowHeads[at[0]]?.classList.add('selected');
      this.#colHeads[at[1]]?.classList.add('selected');
    }
    // The selected cell's outline is drawn on the canvas.
    this.#redraw(old);
    this.#redraw(at);
  }

  /**
   * The cells a walk through the steps lights, as flat indices (row × cols + col), or null for none.  Each
   * carries data-lit and is drawn with a thick outline (under forced colours, in the theme's highlight).
   */
  set lit(list) {
    if (list === this.#litList || (!list && this.#lit.size === 0)) return;
    this.#litList = list;
    const next = new Set(list ?? []);
    for (const k of this.#lit) {
      if (next.has(k) || !this.#cells[k]) continue;
      this.#cells[k].removeAttribute('data-lit');
      this.#dirty[k] = true;
    }
    for (const k of next) {
      if (this.#lit.has(k) || !this.#cells[k]) continue;
      this.#cells[k].setAttribute('data-lit', '');
      this.#dirty[k] = true;
    }
    this.#lit = next;
    this.#paint();
  }

  /**
   * Whether its canvas holds its cells: it has drawn since its grid was last built.  The scheduler draws a
   * parked view ahead, in idle time, only if it has not.
   */
  get painted() {
    return this.#dpr > 0;
  }

  /** The theme its cells were last drawn in ('light' or 'dark'), or null before its first paint. */
  get paintedTheme() {
    return this.#theme;
  }

  /**
   * Draws, now, the cells whose number, colour or mark changed since they were last drawn; all of them when
   * full, or when the resolution or the theme changed.  matrix-view-schedule.js says when; nothing before
   * the view has a matrix.
   */
  paintNow(full = false) {
    if (!this.#canvas) return;
    const cw = this.#cw,
      ch = this.cellSize[1],
      cols = this.#cols;
    const dpr = devicePixelRatio || 1;
    if (dpr !== this.#dpr) {
      this.#fitCanvas(dpr);
      full = true;
    }
    const theme = shownTheme(this);
    if (theme !== this.#theme) {
      this.#theme = theme;
      full = true;
    }
    const painter = new CellPainter(this.#ctx, {
      w: cw,
      h: ch,
      theme,
      forced: forced.matches,
      accent: this.#ring >= 0 ? accentOf(this) : undefined,
      align: this.align,
    });
    // A selection [row, -1] is a whole row: only its header is highlighted, no cell is outlined.
    const sel = this.#selected,
      selected = sel && sel[1] >= 0 ? sel[0] * cols + sel[1] : -1;
    for (let k = 0; k < this.#cells.length; k++) {
      if (!full && !this.#dirty[k]) continue;
      this.#dirty[k] = false;
      const text = this.#text[k];
      if (text === undefined) continue;
      painter.cell(
        (k % cols) * (cw + GAP),
        Math.floor(k / cols) * (ch + GAP),
        text,
        this.#bg[k],
        !!this.#marked[k],
        this.#lit.has(k),
        k === selected,
        k === this.#ring,
      );
    }
  }

  /**
   * Sizes the canvas in device pixels (numbers stay sharp; the CSS size is the grid area's) and sets up its
   * context, which resizing resets.  A new canvas is fitted at its first paint, so one that never draws (in a
   * far panel of a page of many playgrounds) holds no pixels.  Setting its font brings the page's style up to
   * date, as the first number drawn would anyway.
   */
  #fitCanvas(dpr) {
    this.#dpr = dpr;
    const cw = this.#cw,
      ch = this.cellSize[1];
    this.#canvas.width = Math.max(0, Math.round((this.#cols * (cw + GAP) - GAP) * dpr));
    this.#canvas.height = Math.max(0, Math.round((this.#rows * (ch + GAP) - GAP) * dpr));
    this.#ctx = this.#canvas.getContext('2d');
    prepareContext(this.#ctx, dpr, this.align);
  }

  /** Draws the changed cells when the scheduler says (nothing before the view has a matrix). */
  #paint() {
    if (this.#canvas) queuePaint(this);
  }

  /**
   * Builds the grid for a rows × cols tensor, forgetting what its cells showed: the headers and the empty
   * cells (the table's semantics, hover and focus) that the canvas is laid over, in tracks of a fixed size.
   */
  #buildGrid(rows, cols) {
    this.#cols = cols;
    this.#rows = rows;
    this.#cells = [];
    this.#text = [];
    this.#bg = [];
    this.#label = [];
    this.#marked = [];
    this.#dirty = [];
    this.#ring = -1;
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
    this.#cw = cw;
    this.#table.setAttribute('role', grid ? 'grid' : 'table');
    this.#table.setAttribute('aria-label', this.name);
    if (this.#active >= rows * cols) this.#active = 0;
    const style = this.#table.style;
    style.setProperty('--cw', `${cw}px`);
    style.setProperty('--ch', `${ch}px`);
    style.setProperty('--rows', rows);
    style.setProperty('--cols', cols);
    const label = (text, role, cls) => h('span', { role, class: cls, title: text }, text);
    this.#colHeads = Array.from({ length: cols }, (_, c) =>
      label(this.colLabels[c] ?? String(c + 1), 'columnheader', 'ch'),
    );
    this.#rowHeads = [];
    const body = Array.from({ length: rows }, (_, r) => {
      const th = label(this.rowLabels[r] ?? String(r + 1), 'rowheader', 'rh');
      this.#rowHeads.push(th);
      const tds = Array.from({ length: cols }, (_, c) => {
        const td = h(
          'span',
          grid
            ? {
                role: 'gridcell',
                class: 'c',
                tabindex: r * cols + c === this.#active ? '0' : '-1',
                'data-row': r,
                'data-col': c,
              }
            : { role: 'cell', class: 'c' },
        );
        this.#cells.push(td);
        return td;
      });
      return h('div', { role: 'row', class: 'r' }, th, ...tds);
    });
    // The canvas covers the cells' area of the grid (matrix-styles.js places it); its size follows from the tracks.
    this.#canvas = h('canvas', { class: 'mx-paint', 'aria-hidden': 'true' });
    this.#dpr = 0; // sized at its first paint
    if (grid && !this.#keys) this.append((this.#keys = describeKeys(this.#table, this.keys)));
    this.#table.replaceChildren(
      this.#canvas,
      h('div', { role: 'row', class: 'r head' }, h('span', { class: 'rh', 'aria-hidden': 'true' }), ...this.#colHeads),
      ...body,
    );
    for (const k of this.#lit) this.#cells[k]?.setAttribute('data-lit', '');
    const sel = this.#selected;
    this.#selected = null;
    if (sel) this.selected = sel;
  }

  /** Draws the cell at [row, col] again (its outline changed), if there is one. */
  #redraw(at) {
    const k = at && at[1] >= 0 ? at[0] * this.#cols + at[1] : -1;
    if (k >= 0 && k < this.#cells.length) {
      this.#dirty[k] = true;
      this.#paint();
    }
  }

  #focusChanged(e) {
    const td = e.target.closest && e.target.closest('[data-row]');
    if (!td || !this.contains(td)) return;
    const k = this.#cells.indexOf(td);
    if (e.type === 'focusin' && k !== this.#active) {
      // A click focuses a cell too: it becomes the grid's Tab stop.
      if (this.#cells[this.#active]) this.#cells[this.#active].tabIndex = -1;
      td.tabIndex = 0;
      this.#active = k;
    }
    // Only a keyboard focus gets a ring, as :focus-visible decides.
    this.#ring = e.type === 'focusin' && td.matches(':focus-visible') ? k : -1;
    this.#dirty[k] = true;
    this.#paint();
  }

  #at(e) {
    const td = e.target.closest && e.target.closest('[data-row]');
    return td && this.contains(td) ? [Number(td.dataset.row), Number(td.dataset.col)] : null;
  }

  #hover(e) {
    if (!this.selectable) return;
    const at = this.#at(e);
    if (at) emit(this, 'cell-select', { row: at[0], col: at[1] });
  }

  #activate(e) {
    const at = this.#at(e);
    if (at && this.selectable) emit(this, 'cell-activate', { row: at[0], col: at[1] });
  }

  #onKey(e) {
    const at = this.#at(e);
    if (!at || !this.selectable) return;
    const cols = this.#cols;
    if (e.key === 'Enter' || e.key === ' ') {
      emit(this, 'cell-activate', { row: at[0], col: at[1] });
      e.preventDefault();
      return;
    }
    const to = moveOf(e, at, this.#cells.length / cols, cols);
    if (!to) return;
    e.preventDefault();
    this.#cells[to[0] * cols + to[1]].focus(); // focusin moves the Tab stop
  }
}

define('matrix-view', MatrixView);
