// <matrix-editor>: an editable grid of numbers that behaves like a native input.  The grid is one Tab stop
// (roving tabindex, the ARIA grid pattern); each cell is an <input role="spinbutton">.  Keys (grid-keys.js):
// arrows move between cells, Page Up/Down step, typing (or Enter, F2) begins an edit, Enter commits and
// Escape cancels; a horizontal drag scrubs.  Events: `input` on every valid edit, `change` on commit, both
// with detail { row, col, value }.  Text that is not a number fires nothing, and gets a message on commit.
import { h, define, uid, emit } from './dom.js';
import { formatEdit, formatNumber, parseNumber } from './format.js';
import { describeKeys, moveOf, stepOf } from './grid-keys.js';

const SCRUB_THRESHOLD = 3; // px before a press becomes a drag

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
    this._table = h('table', { class: 'grid editable', role: 'grid' });
    // Live region (alert): a cell's message, when its text is committed and is not a number (or the engine
    // refuses the number); never while the reader is still typing.
    this._message = h('p', { class: 'cell-error', id: `${this._id}-err`, role: 'alert', hidden: true });
    const keys = describeKeys(this._table, 'edit');
    this.append(h('div', { class: 'grid-scroll' }, this._table), this._message, keys);
    this.addEventListener('input', (e) => this._onInput(e));
    this.addEventListener('change', (e) => this._onChange(e));
    this.addEventListener('keydown', (e) => this._onKey(e));
    this.addEventListener('pointerdown', (e) => this._onPointerDown(e));
    this.addEventListener('focusin', (e) => this._onFocusIn(e));
    this.addEventListener('focusout', (e) => this._onFocusOut(e));
    this._build();
  }

  /** The accessible name's prefix: "E", "W_Q", "W_Q head 2". */
  set name(v) {
    if (v !== this._name) {
      this._name = v;
      this._relabel();
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
      this._build();
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
          if (input === document.activeElement) this._before = v; // an undo under the focus: Escape keeps it
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

  _build() {
    if (!this._table) return;
    const m = this._value,
      cols = m[0]?.length ?? 0;
    this._marked = new Set();
    this._editing = null;
    const [ar, ac] = this._active;
    if (ar >= m.length || ac >= cols) this._active = [0, 0];
    const head = h(
      'tr',
      {},
      h('th', { class: 'corner', 'aria-hidden': 'true' }),
      ...Array.from({ length: cols }, (_, c) =>
        h('th', { scope: 'col', title: this._colLabels[c] ?? '' }, this._colLabels[c] ?? String(c + 1)),
      ),
    );
    this._inputs = [];
    const body = m.map((row, r) => {
      const cells = row.map((v, c) => {
        const input = h('input', {
          type: 'text',
          inputmode: 'decimal',
          role: 'spinbutton',
          autocomplete: 'off',
          spellcheck: 'false',
          tabindex: r === this._active[0] && c === this._active[1] ? '0' : '-1',
          'data-row': r,
          'data-col': c,
          'aria-describedby': `${this._id}-err`,
        });
        this._setText(input, v);
        return input;
      });
      this._inputs.push(cells);
      const label = this._rowLabels[r] ?? String(r + 1),
        note = this._rowNotes[r];
      return h(
        'tr',
        {},
        h(
          'th',
          { scope: 'row', title: note ? `${label}: ${note}` : label, class: note ? 'noted' : null },
          label,
          note ? h('span', { class: 'row-mark', 'aria-hidden': 'true' }, '?') : null,
          note ? h('span', { class: 'sr-only' }, ` (${note})`) : null,
        ),
        ...cells.map((input) => h('td', {}, input)),
      );
    });
    this._table.replaceChildren(h('thead', {}, head), h('tbody', {}, ...body));
    this._relabel();
    this._showErrors();
  }

  _relabel() {
    this._table?.setAttribute('aria-label', this._name);
    this._inputs.forEach((row, r) =>
      row.forEach((input, c) => {
        const note = this._rowNotes[r];
        input.setAttribute(
          'aria-label',
          `${this._name} row ${r + 1} column ${c + 1}${note ? ` (${this._rowLabels[r] ?? ''}: ${note})` : ''}`,
        );
      }),
    );
  }

  _setText(input, v) {
    input.value = formatEdit(v);
    input.setAttribute('aria-valuenow', String(v));
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

  /**
   * Ends the cell's edit: its text, if a number, is the value (and `change` fires if it moved since the
   * last commit); otherwise it gets a message naming the value still in force, and is kept.  True if valid.
   */
  _commit(input, at) {
    const [r, c] = at,
      key = `${r},${c}`;
    if (this._editing === input) {
      // Only text the reader typed is read back: shown text is rounded (formatEdit).
      const parsed = parseNumber(input.value);
      if (parsed.error) {
        const kept = formatNumber(this._value[r][c], 4).replace(/\.?0+$/, '') || '0';
        this._errors.set(key, `${parsed.error} — still using ${kept}`);
        this._showErrors();
        return false;
      }
      this._apply(input, at, parsed.value);
    }
    if (this._errors.has(key)) return false; // a message stays until the text changes (the engine's included)
    this._setEditing(null);
    if (this._value[r][c] !== this._before) {
      this._before = this._value[r][c];
      emit(this, 'change', { row: r, col: c, value: this._before });
    }
    return true;
  }

  // Escape: the text and value from the last commit come back, with every tensor.
  _cancel(input, at) {
    const [r, c] = at;
    this._errors.delete(`${r},${c}`);
    this._showErrors();
    this._setEditing(null);
    this._apply(input, at, this._before);
    this._setText(input, this._before);
    input.select();
  }

  _setEditing(input) {
    if (this._editing === input || input?.readOnly) return;
    this._editing?.removeAttribute('data-editing');
    this._editing = input;
    input?.setAttribute('data-editing', '');
  }

  // Native `change` events from the inputs stay inside: commits are ours (_commit).
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
      e.target.select(); // moving, not editing: the whole number is selected, so typing replaces it
    }
  }

  _onFocusOut(e) {
    const at = this._cell(e.target);
    if (!at) return;
    if (this._commit(e.target, at)) this._setText(e.target, this._value[at[0]][at[1]]);
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

  _step(input, at, delta) {
    if (input.readOnly) return;
    const v = Math.round((this._value[at[0]][at[1]] + delta) * 1e6) / 1e6;
    this._errors.delete(`${at[0]},${at[1]}`);
    this._showErrors();
    this._setText(input, v);
    this._apply(input, at, v);
    if (this._editing === input) input.setSelectionRange(input.value.length, input.value.length);
    else input.select();
  }

  /** Moves the focus to [r, c] (the blur commits the cell left). */
  _focus([r, c]) {
    const next = this._inputs[r]?.[c];
    if (!next) return false;
    next.focus();
    return true;
  }

  _onKey(e) {
    const at = this._cell(e.target);
    if (!at) return;
    const input = e.target,
      editing = this._editing === input;
    const step = e.ctrlKey || e.metaKey ? 0 : stepOf(e, editing);
    const to = editing ? null : moveOf(e, at, this._inputs.length, this._inputs[0].length);
    if (step) this._step(input, at, step);
    else if (to) {
      if (to[0] !== at[0] || to[1] !== at[1]) this._focus(to);
    } else if (e.key === 'Enter' && !editing && !e.shiftKey) this._edit(input);
    else if (e.key === 'F2' && !editing) this._edit(input);
    else if (e.key === 'Enter') {
      if (!this._commit(input, at)) return e.preventDefault();
      this._setText(input, this._value[at[0]][at[1]]);
      const down = [at[0] + (e.shiftKey ? -1 : 1), at[1]];
      if (!this._focus(down)) input.select();
    } else if (
      e.key === 'Escape' &&
      (editing || this._errors.has(`${at[0]},${at[1]}`) || this._value[at[0]][at[1]] !== this._before)
    )
      this._cancel(input, at);
    else return;
    e.preventDefault();
  }

  /** Begins an edit of the number as it stands, the caret at its end. */
  _edit(input) {
    this._setEditing(input);
    input.setSelectionRange(input.value.length, input.value.length);
  }

  // Mouse and pen only (touch keeps scrolling): a press on a cell that is not being edited either
  // becomes a horizontal drag that scrubs the value, or, released in place, focuses the cell.  A press
  // on the focused cell places the caret and begins an edit.
  _onPointerDown(e) {
    const at = this._cell(e.target);
    if (!at || e.pointerType === 'touch' || e.button !== 0 || e.target.readOnly) return;
    if (document.activeElement === e.target) {
      this._setEditing(e.target);
      return;
    }
    e.preventDefault();
    const input = e.target,
      x0 = e.clientX,
      v0 = this._value[at[0]][at[1]];
    let scrubbing = false;
    input.setPointerCapture(e.pointerId);
    const move = (m) => {
      const dx = m.clientX - x0;
      if (!scrubbing && Math.abs(dx) < SCRUB_THRESHOLD) return;
      if (!scrubbing) {
        scrubbing = true;
        this.classList.add('scrubbing');
      }
      const perPx = m.shiftKey ? 0.1 : m.altKey ? 0.001 : 0.01;
      const v = Math.round((v0 + dx * perPx) * 1000) / 1000;
      this._errors.delete(`${at[0]},${at[1]}`);
      this._showErrors();
      this._setText(input, v);
      this._apply(input, at, v);
    };
    const up = () => {
      input.removeEventListener('pointermove', move);
      input.removeEventListener('pointerup', up);
      input.removeEventListener('pointercancel', up);
      this.classList.remove('scrubbing');
      if (scrubbing) emit(this, 'change', { row: at[0], col: at[1], value: this._value[at[0]][at[1]] });
      else input.focus();
    };
    input.addEventListener('pointermove', move);
    input.addEventListener('pointerup', up);
    input.addEventListener('pointercancel', up);
  }
}

define('matrix-editor', MatrixEditor);
