// <matrix-editor>: an editable grid of numbers that behaves like a native input.  Each cell is an
// <input role="spinbutton">: type, ↑/↓ to step (Shift ×10, Alt ÷10), ←/→ past the text's edge and Enter
// to move, Escape to revert, or drag horizontally to scrub.  Events: `input` on every valid edit, `change`
// on commit, both with detail { row, col, value }.  Text that is not a number shows a message and fires nothing.
import { h, define, uid, emit } from './dom.js';
import { formatEdit, formatNumber, parseNumber } from './format.js';

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
    /** Whether the next value set marks the cells whose number changed. */
    this.markChanges = false;
  }

  connectedCallback() {
    if (this._table) return;
    this._id = uid('mx');
    this._table = h('table', { class: 'grid editable' });
    this._message = h('p', { class: 'cell-error', id: `${this._id}-err`, role: 'alert', hidden: true });
    this.append(h('div', { class: 'grid-scroll' }, this._table), this._message);
    this.addEventListener('input', (e) => this._onInput(e));
    this.addEventListener('change', (e) => this._onChange(e));
    this.addEventListener('keydown', (e) => this._onKey(e));
    this.addEventListener('pointerdown', (e) => this._onPointerDown(e));
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
        if (changed) this._setText(input, v);
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

  _onInput(e) {
    if (e.target === this) return; // our own event, re-dispatched below
    e.stopPropagation();
    const at = this._cell(e.target);
    if (at) this._commitText(e.target, at, 'input');
  }

  // Parses the cell's text; a number becomes the value and an event, anything else a message.
  _commitText(input, [r, c], type) {
    const parsed = parseNumber(input.value);
    const key = `${r},${c}`;
    if (parsed.error) {
      this._errors.set(
        key,
        `${parsed.error} — still using ${formatNumber(this._value[r][c], 4).replace(/\.?0+$/, '') || '0'}`,
      );
      this._showErrors();
      return;
    }
    if (this._errors.delete(key)) this._showErrors();
    input.removeAttribute('aria-invalid');
    if (parsed.value === this._value[r][c] && type === 'input') return;
    this._value[r][c] = parsed.value;
    input.setAttribute('aria-valuenow', String(parsed.value));
    emit(this, type, { row: r, col: c, value: parsed.value });
  }

  _onChange(e) {
    if (e.target === this) return;
    e.stopPropagation();
    const at = this._cell(e.target);
    if (at && !this._errors.has(`${at[0]},${at[1]}`))
      emit(this, 'change', { row: at[0], col: at[1], value: this._value[at[0]][at[1]] });
  }

  _onFocusOut(e) {
    const at = this._cell(e.target);
    if (at && !this._errors.has(`${at[0]},${at[1]}`)) this._setText(e.target, this._value[at[0]][at[1]]);
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
    const v = Math.round((this._value[at[0]][at[1]] + delta) * 1e6) / 1e6;
    input.value = formatEdit(v);
    this._commitText(input, at, 'input');
  }

  _move(at, dr, dc) {
    const r = at[0] + dr,
      c = at[1] + dc;
    const next = this._inputs[r]?.[c];
    if (!next) return false;
    next.focus();
    next.select();
    return true;
  }

  _onKey(e) {
    const at = this._cell(e.target);
    if (!at || e.ctrlKey || e.metaKey) return;
    const input = e.target,
      step = e.shiftKey ? 1 : e.altKey ? 0.01 : 0.1;
    const atStart = input.selectionStart === 0 && input.selectionEnd === 0;
    const atEnd = input.selectionStart === input.value.length && input.selectionEnd === input.value.length;
    if (e.key === 'ArrowUp') this._step(input, at, step);
    else if (e.key === 'ArrowDown') this._step(input, at, -step);
    else if (e.key === 'ArrowLeft' && atStart) this._move(at, 0, -1);
    else if (e.key === 'ArrowRight' && atEnd) this._move(at, 0, 1);
    else if (e.key === 'Enter') {
      input.dispatchEvent(new Event('change', { bubbles: true }));
      if (!this._move(at, e.shiftKey ? -1 : 1, 0)) input.select();
    } else if (e.key === 'Escape' && this._errors.has(`${at[0]},${at[1]}`)) {
      this._errors.delete(`${at[0]},${at[1]}`);
      this._showErrors();
      this._setText(input, this._value[at[0]][at[1]]);
    } else return;
    e.preventDefault();
  }

  // Mouse and pen only (touch keeps scrolling): a press on a cell that is not being edited either
  // becomes a horizontal drag that scrubs the value, or, released in place, focuses the cell.
  _onPointerDown(e) {
    const at = this._cell(e.target);
    if (!at || e.pointerType === 'touch' || e.button !== 0 || document.activeElement === e.target) return;
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
      input.value = formatEdit(Math.round((v0 + dx * perPx) * 1000) / 1000);
      this._commitText(input, at, 'input');
    };
    const up = () => {
      input.removeEventListener('pointermove', move);
      input.removeEventListener('pointerup', up);
      input.removeEventListener('pointercancel', up);
      this.classList.remove('scrubbing');
      if (scrubbing) emit(this, 'change', { row: at[0], col: at[1], value: this._value[at[0]][at[1]] });
      else {
        input.focus();
        input.select();
      }
    };
    input.addEventListener('pointermove', move);
    input.addEventListener('pointerup', up);
    input.addEventListener('pointercancel', up);
  }
}

define('matrix-editor', MatrixEditor);
