// <matrix-editor>: an editable grid of numbers that behaves like a native input.  The grid is one Tab stop
// (roving tabindex, the ARIA grid pattern); each cell is an <input role="spinbutton">.  Keys (grid-keys.js):
// arrows move between cells, Page Up/Down step, typing (or Enter, F2) begins an edit, Enter commits and
// Escape cancels; a horizontal drag scrubs.  Events: `input` on every valid edit, `change` on commit, both
// with detail { row, col, value }.  Text that is not a number fires nothing, and gets a message on commit.
// The table is built in matrix-editor-grid.js, keys and commits are handled in matrix-editor-keys.js and
// drags in matrix-editor-scrub.js.
import { h, define, uid, emit, isFocused } from './dom.js';
import { formatFit, formatFloat32, parseNumber } from './format.js';
import { describeKeys } from './grid-keys.js';
import { buildGrid, relabel } from './matrix-editor-grid.js';
import { commit, onKey } from './matrix-editor-keys.js';
import { onPointerDown } from './matrix-editor-scrub.js';

class MatrixEditor extends HTMLElement {
  constructor() {
    super();
    this._value = [];
    this._name = 'matrix';
    this._rowLabels = [];
    this._rowNotes = [];
    this._colLabels = [];
    this._errors = new Map(); // "r,c" -> message
    this._inputs = [];
    this._marked = new Set(); // inputs carrying data-changed, so none is read back per edit
    this._shape = '';
    this._active = [0, 0]; // the cell that takes the grid's Tab stop
    this._editing = null; // the input whose text is being edited (keys then work in the text), or null
    this._before = 0; // the focused cell's value at its last commit: what Escape brings back
    /** Whether the next value set marks the cells whose number changed. */
    this.markChanges = false;
  }

  connectedCallback() {
    if (this._table) return;
    this._id = uid('mx');
    this._table = h('table', { class: 'grid editable', role: 'grid', part: 'grid' });
    // Live region (alert): a cell's message, when its text is committed and is not a number (or the engine
    // refuses the number); never while the reader is still typing.
    this._message = h('p', { class: 'cell-error', id: `${this._id}-err`, role: 'alert', hidden: true });
    const keys = describeKeys(this._table, 'edit');
    this.append(h('div', { class: 'grid-scroll' }, this._table), this._message, keys);
    this.addEventListener('input', (e) => this._onInput(e));
    this.addEventListener('change', (e) => this._onChange(e));
    this.addEventListener('keydown', (e) => onKey(this, e));
    this.addEventListener('pointerdown', (e) => onPointerDown(this, e));
    this.addEventListener('focusin', (e) => this._onFocusIn(e));
    this.addEventListener('focusout', (e) => this._onFocusOut(e));
    buildGrid(this);
  }

  /** The accessible name's prefix: "E", "W_Q", "W_Q head 2". */
  set name(v) {
    if (v !== this._name) {
      this._name = v;
      relabel(this);
    }
  }
  get name() {
    return this._name;
  }

  set rowLabels(v) {
    this._rowLabels = v;
  }
  set colLabels(v) {
    this._colLabels = v;
  }
  /** Per row, a note shown on its header (marked "?") and added to its cells' names, or '' for none. */
  set rowNotes(v) {
    this._rowNotes = v;
  }

  get value() {
    return this._value.map((r) => r.slice());
  }
  set value(m) {
    const shape = `${m.length}x${m[0]?.length ?? 0}|${this._rowLabels.join('\u0001')}|${this._colLabels.join('\u0001')}|${this._rowNotes.join('\u0001')}`;
    // The state's matrices are copied on write: the same array as last time, with no marks to clear,
    // means nothing to do (an edit of E leaves the W grids alone).
    if (m === this._source && shape === this._shape && this._table && this._marked.size === 0) return;
    // prev: the matrix last set; the cell the reader just edited already holds its number in _value, yet it
    // changed since prev and is marked like any other.
    const prev = this._source;
    this._source = m;
    const old = this._value;
    this._value = m.map((r) => r.slice());
    if (shape !== this._shape || !this._table) {
      this._shape = shape;
      this._errors.clear();
      buildGrid(this);
      return;
    }
    for (let r = 0; r < m.length; r++) {
      for (let c = 0; c < m[r].length; c++) {
        const input = this._inputs[r][c],
          v = m[r][c],
          changed = v !== old[r][c];
        if (changed && this._errors.has(`${r},${c}`)) continue; // keep the reader's text and its message
        // Touching an input's value (even reading it) forces style and layout: only when the number changed.
        if (changed) {
          this._setText(input, v);
          if (isFocused(input)) this._before = v; // an undo under the focus: Escape keeps it
        }
        const mark = changed || v !== prev[r][c];
        if (this.markChanges && this._marked.has(input) !== mark) {
          input.toggleAttribute('data-changed', mark);
          if (mark) this._marked.add(input);
          else this._marked.delete(input);
        }
      }
    }
  }

  /** Shows a message for one cell (from the engine, when it rejects a value); kept: the value still in force. */
  setError(row, col, message, kept) {
    if (kept !== undefined) this._value[row][col] = kept;
    this._errors.set(`${row},${col}`, message);
    this._showErrors();
  }

  clearErrors() {
    if (this._errors.size === 0) return;
    this._errors.clear();
    this._showErrors();
    this.value = this._value;
  }

  /**
   * A cell's text: at rest, rounded to fit its width as a computed cell is; while it has the focus, every digit
   * (the text then read back and edited).  Its accessible value is always the full number.
   */
  _setText(input, v, full = isFocused(input)) {
    const text = formatFloat32(v);
    input.value = full ? text : formatFit(v);
    // The focused cell widens to the left over its neighbour to show every digit (matrix-styles.js).
    if (full) input.style.setProperty('--ap-chars', String(text.length));
    else if (input.style.length) input.style.removeProperty('--ap-chars');
    input.setAttribute('aria-valuenow', String(v));
    input.setAttribute('aria-valuetext', text);
    input.removeAttribute('aria-invalid');
  }

  _cell(target) {
    if (!(target instanceof HTMLInputElement) || !this.contains(target)) return null;
    return [Number(target.dataset.row), Number(target.dataset.col)];
  }

  // Typing: a number becomes the value at once (every tensor follows each keystroke); anything else ("-",
  // ".", "1e" on the way to a number) waits for the commit to be judged, and any message goes meanwhile.
  _onInput(e) {
    if (e.target === this) return; // our own event, re-dispatched below
    e.stopPropagation();
    const at = this._cell(e.target);
    if (!at) return;
    this._setEditing(e.target);
    const parsed = parseNumber(e.target.value);
    if (this._errors.delete(`${at[0]},${at[1]}`)) this._showErrors();
    if (!parsed.error) this._apply(e.target, at, parsed.value);
  }

  /** A valid number for one cell: the value and an `input` event (none when it did not change). */
  _apply(input, [r, c], v) {
    input.setAttribute('aria-valuenow', String(v));
    if (v === this._value[r][c]) return;
    this._value[r][c] = v;
    emit(this, 'input', { row: r, col: c, value: v });
  }

  _setEditing(input) {
    if (this._editing === input || input?.readOnly) return;
    this._editing?.removeAttribute('data-editing');
    this._editing = input;
    input?.setAttribute('data-editing', '');
  }

  // Native `change` events from the inputs stay inside: commits are ours (commit, matrix-editor-keys.js).
  _onChange(e) {
    if (e.target !== this) e.stopPropagation();
  }

  _onFocusIn(e) {
    const at = this._cell(e.target);
    if (!at) return;
    const [r, c] = this._active;
    if (r !== at[0] || c !== at[1]) {
      if (this._inputs[r]?.[c]) this._inputs[r][c].tabIndex = -1;
      e.target.tabIndex = 0;
      this._active = at;
    }
    this._before = this._value[at[0]][at[1]];
    if (this._editing !== e.target) {
      this._setEditing(null);
      if (!this._errors.has(`${at[0]},${at[1]}`)) this._setText(e.target, this._before, true);
      e.target.select(); // moving, not editing: the whole number is selected, so typing replaces it
    }
  }

  _onFocusOut(e) {
    const at = this._cell(e.target);
    if (!at) return;
    if (commit(this, e.target, at)) this._setText(e.target, this._value[at[0]][at[1]], false);
    else this._setEditing(null);
  }

  _showErrors() {
    for (const row of this._inputs) for (const input of row) input.removeAttribute('aria-invalid');
    const lines = [];
    for (const [key, message] of this._errors) {
      const [r, c] = key.split(',').map(Number);
      this._inputs[r]?.[c]?.setAttribute('aria-invalid', 'true');
      lines.push(`${this._name} row ${r + 1} column ${c + 1}: ${message}`);
    }
    this._message.textContent = lines.join('\n');
    this._message.hidden = lines.length === 0;
  }
}

define('matrix-editor', MatrixEditor);
