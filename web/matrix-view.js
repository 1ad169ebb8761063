// <matrix-view>: one computed tensor from the trace, as a table of numbers on a colour scale.  Updates in
// place (only cells whose text or colour changed are touched) and marks the cells an edit changed.
// selectable: cells are a keyboard grid (arrow keys, Home/End) and fire `cell-select` { row, col } on
// hover and focus, `cell-activate` on click, Enter or Space.
import { h, define, emit } from './dom.js';
import { formatNumber, sequential, diverging } from './format.js';

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
    /** (row, col) => true where the mask blocks: those cells get the masked style. */
    this.blocked = null;
    /** Whether the next matrix set marks changed cells (true) or clears the marks (false). */
    this.markChanges = false;
    this._cells = [];
    this._text = [];
    this._bg = [];
    this._marked = [];  // which cells carry data-changed, so no cell's attributes are read back per edit
    this._shape = '';
    this._selected = null;
    this._focus = [0, 0];
  }

  connectedCallback() {
    if (this._table) return;
    this._table = h('div', { class: 'mx' });
    this.append(h('div', { class: 'grid-scroll' }, this._table));
    this.addEventListener('pointerover', (e) => this._hover(e));
    this.addEventListener('focusin', (e) => this._hover(e));
    this.addEventListener('click', (e) => this._activate(e));
    this.addEventListener('keydown', (e) => this._onKey(e));
  }

  set matrix(m) {
    const shape = `${m.rows}x${m.cols}|${this.rowLabels.join('\u0001')}|${this.colLabels.join('\u0001')}|${this.selectable}`;
    let mark = this.markChanges;
    if (shape !== this._shape) {
      this._shape = shape;
      this._build(m.rows, m.cols);
      mark = false;  // a new shape is a new tensor: nothing to compare with
    }
    const { data, rows, cols } = m;
    let top = 0;
    if (this.scale === 'diverging') for (let k = 0; k < data.length; k++) if (Number.isFinite(data[k])) top = Math.max(top, Math.abs(data[k]));
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const k = r * cols + c, x = data[k], td = this._cells[k];
        const blocked = x === -Infinity || (this.blocked && this.blocked(r, c));
        const text = blocked && x === -Infinity ? '−∞' : formatNumber(x, this.digits);
        const color = blocked ? null : this.scale === 'sequential' ? sequential(x) : diverging(top > 0 ? x / top : 0);
        const bg = color ? color.bg : '';
        const changed = mark && text !== this._text[k];
        if (changed !== !!this._marked[k]) td.toggleAttribute('data-changed', (this._marked[k] = changed));
        if (text !== this._text[k]) {
          if (td.firstChild) td.firstChild.data = text;  // edit the text node: no node churn
          else td.textContent = text;
          this._text[k] = text;
          if (this.selectable) td.setAttribute('aria-label', `${this.rowLabels[r]} to ${this.colLabels[c]}: ${blocked ? 'masked' : text}`);
        }
        if (bg !== this._bg[k]) {
          // Inline colours: a style attribute restyles one element, a class can restyle more.
          td.style.backgroundColor = bg;
          td.style.color = color && color.dark ? '#fff' : '';
          if (blocked !== td.classList.contains('masked')) td.classList.toggle('masked', blocked);
          this._bg[k] = bg;
        }
      }
    }
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
  }

  _build(rows, cols) {
    this._cols = cols;
    this._cells = [];
    this._text = [];
    this._bg = [];
    this._marked = [];
    // Rows of fixed-size cells rather than a <table>: each cell is its own layout boundary, so a new
    // number relays out one cell, not the whole table.  ARIA gives the table semantics back.
    const grid = this.selectable;
    this._table.setAttribute('role', grid ? 'grid' : 'table');
    this._table.setAttribute('aria-label', this.name);
    const longest = Math.max(2, ...this.rowLabels.map((l) => l.length));
    this._table.style.setProperty('--rh', `calc(${Math.min(longest, 12)} * 0.66em + 8px)`);
    const label = (text, role, cls) => h('span', { role, class: cls, title: text }, text);
    this._colHeads = Array.from({ length: cols }, (_, c) => label(this.colLabels[c] ?? String(c + 1), 'columnheader', 'ch'));
    this._rowHeads = [];
    const body = Array.from({ length: rows }, (_, r) => {
      const th = label(this.rowLabels[r] ?? String(r + 1), 'rowheader', 'rh');
      this._rowHeads.push(th);
      const tds = Array.from({ length: cols }, (_, c) => {
        const td = h('span', grid
          ? { role: 'gridcell', class: 'c', tabindex: r === 0 && c === 0 ? '0' : '-1', 'data-row': r, 'data-col': c }
          : { role: 'cell', class: 'c' });
        this._cells.push(td);
        return td;
      });
      return h('div', { role: 'row', class: 'r' }, th, ...tds);
    });
    this._table.replaceChildren(h('div', { role: 'row', class: 'r head' }, h('span', { class: 'rh', 'aria-hidden': 'true' }), ...this._colHeads), ...body);
    this._focus = [0, 0];
    const sel = this._selected;
    this._selected = null;
    if (sel) this.selected = sel;
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
    const rows = this._cells.length / this._cols, cols = this._cols;
    let [r, c] = at;
    switch (e.key) {
      case 'ArrowUp': r = Math.max(0, r - 1); break;
      case 'ArrowDown': r = Math.min(rows - 1, r + 1); break;
      case 'ArrowLeft': c = Math.max(0, c - 1); break;
      case 'ArrowRight': c = Math.min(cols - 1, c + 1); break;
      case 'Home': c = 0; break;
      case 'End': c = cols - 1; break;
      case 'Enter': case ' ': emit(this, 'cell-activate', { row: r, col: c }); e.preventDefault(); return;
      default: return;
    }
    e.preventDefault();
    const from = this._cells[at[0] * cols + at[1]], to = this._cells[r * cols + c];
    from.tabIndex = -1;
    to.tabIndex = 0;
    to.focus();
  }
}

define('matrix-view', MatrixView);
