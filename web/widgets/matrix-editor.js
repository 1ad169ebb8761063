// <matrix-editor>: an editable grid of numbers that behaves like a native input.  The grid is one Tab stop
// (roving tabindex, the ARIA grid pattern); each cell is an <input role="spinbutton">.  Keys (grid-keys.js):
// arrows move between cells, Page Up/Down step, typing (or Enter, F2) begins an edit, Enter commits and
// Escape cancels; a horizontal drag scrubs.  Events: `input` on every valid edit, `change` on commit, both
// with detail { row, col, value }.  Text that is not a number fires nothing, and gets a message on commit.
import { h, define, uid, emit, isFocused } from './dom.js';
import { formatFit, formatFloat32, formatPlain, parseNumber } from './format.js';
import { describeKeys, moveOf, stepOf } from './grid-keys.js';

const SCRUB_THRESHOLD = 3; // px before a press becomes a drag
const FIT = 5; // characters a cell shows at rest (its width, matrix-styles.js)

class MatrixEditor extends HTMLElement {
  #value = [];
  #shown = new WeakMap(); // input -> the text last written to it (what the reader types drops it)
  #source = null; // the matrix last set, as given: the same array again means nothing changed
  #name = 'matrix';
  #rowLabels = [];
  #rowNotes = [];
  #colLabels = [];
  #errors = new Map(); // "r,c" -> message
  #inputs = [];
  #marked = new Set(); // inputs carrying data-changed, so none is read back per edit
  #shape = '';
  #active = [0, 0]; // the cell that takes the grid's Tab stop
  #editing = null; // the input whose text is being edited (keys then work in the text), or null
  #before = 0; // the focused cell's value at its last commit: what Escape brings back
  #id = '';
  #table = null;
  #message = null;

  constructor() {
    super();
    /** Whether the next value set marks the cells whose number changed. */
    this.markChanges = false;
  }

  connectedCallback() {
    if (this.#table) return;
    this.#id = uid('mx');
    this.#table = h('table', { class: 'grid editable', role: 'grid', part: 'grid' });
    // Live region (alert): a cell's message, when its text is committed and is not a number (or the engine
    // refuses the number); never while the reader is still typing.
    this.#message = h('p', { class: 'cell-error', id: `${this.#id}-err`, role: 'alert', hidden: true });
    const keys = describeKeys(this.#table, 'edit');
    this.append(h('div', { class: 'grid-scroll' }, this.#table), this.#message, keys);
    this.addEventListener('input', (e) => this.#onInput(e));
    this.addEventListener('change', (e) => this.#onChange(e));
    this.addEventListener('keydown', (e) => this.#onKey(e));
    this.addEventListener('pointerdown', (e) => this.#onPointerDown(e));
    this.addEventListener('focusin', (e) => this.#onFocusIn(e));
    this.addEventListener('focusout', (e) => this.#onFocusOut(e));
    this.#buildGrid();
  }

  /** The accessible name's prefix: "E", "W_Q", "W_Q head 2". */
  set name(v) {
    if (v !== this.#name) {
      this.#name = v;
      this.#relabel();
    }
  }
  get name() {
    return this.#name;
  }

  set rowLabels(v) {
    this.#rowLabels = v;
  }
  set colLabels(v) {
    this.#colLabels = v;
  }
  /** Per row, a note shown on its header (marked "?") and added to its cells' names, or '' for none. */
  set rowNotes(v) {
    this.#rowNotes = v;
  }

  get value() {
    return this.#value.map((r) => r.slice());
  }
  set value(m) {
    const shape = `${m.length}x${m[0]?.length ?? 0}|${this.#rowLabels.join('\u0001')}|${this.#colLabels.join('\u0001')}|${this.#rowNotes.join('\u0001')}`;
    // The state's matrices are copied on write: the same array as last time, with no marks to clear,
    // means nothing to do (an edit of E leaves the W grids alone).
    if (m === this.#source && shape === this.#shape && this.#table && this.#marked.size === 0) return;
    // prev: the matrix last set; the cell the reader just edited already holds its number in #value, yet it
    // changed since prev and is marked like any other.
    const prev = this.#source;
    this.#source = m;
    const old = this.#value;
    this.#value = m.map((r) => r.slice());
    if (shape !== this.#shape || !this.#table) {
      this.#shape = shape;
      this.#errors.clear();
      this.#buildGrid();
      return;
    }
    for (let r = 0; r < m.length; r++) {
      for (let c = 0; c < m[r].length; c++) {
        const input = this.#inputs[r][c],
          v = m[r][c],
          changed = v !== old[r][c];
        if (changed && this.#errors.has(`${r},${c}`)) continue; // keep the reader's text and its message
        // Touching an input's value (even reading it) forces style and layout: only when the number changed.
        if (changed) {
          this.#setText(input, v);
          if (isFocused(input)) this.#before = v; // an undo under the focus: Escape keeps it
        }
        const mark = changed || v !== prev[r][c];
        if (this.markChanges && this.#marked.has(input) !== mark) {
          input.toggleAttribute('data-changed', mark);
          if (mark) this.#marked.add(input);
          else this.#marked.delete(input);
        }
      }
    }
  }

  /** Shows a message for one cell (from the engine, when it rejects a value); kept: the value still in force. */
  setError(row, col, message, kept) {
    if (kept !== undefined) {
      this.#value[row][col] = kept;
      const input = this.#inputs[row]?.[col];
      if (input) this.#say(input, kept);
    }
    this.#errors.set(`${row},${col}`, message);
    this.#showErrors();
  }

  /** Drops every message, and the refused text each cell kept: it shows the number in force again. */
  clearErrors() {
    if (this.#errors.size === 0) return;
    for (const key of this.#errors.keys()) {
      const [r, c] = key.split(',').map(Number),
        input = this.#inputs[r]?.[c];
      if (!input) continue;
      this.#shown.delete(input);
      this.#setText(input, this.#value[r][c]);
    }
    this.#errors.clear();
    this.#showErrors();
    this.value = this.#value;
  }

  /** Builds the table for the value, its labels and notes (nothing before it is connected). */
  #buildGrid() {
    if (!this.#table) return;
    const m = this.#value,
      cols = m[0]?.length ?? 0;
    this.#marked = new Set();
    this.#editing = null;
    const [ar, ac] = this.#active;
    if (ar >= m.length || ac >= cols) this.#active = [0, 0];
    const head = h(
      'tr',
      {},
      h('th', { class: 'corner', 'aria-hidden': 'true' }),
      ...Array.from({ length: cols }, (_, c) =>
        h('th', { scope: 'col', title: this.#colLabels[c] ?? '' }, this.#colLabels[c] ?? String(c + 1)),
      ),
    );
    this.#inputs = [];
    const body = m.map((row, r) => {
      const cells = row.map((v, c) => {
        const input = h('input', {
          type: 'text',
          inputmode: 'decimal',
          role: 'spinbutton',
          autocomplete: 'off',
          spellcheck: 'false',
          tabindex: r === this.#active[0] && c === this.#active[1] ? '0' : '-1',
          'data-row': r,
          'data-col': c,
          'aria-describedby': `${this.#id}-err`,
        });
        this.#setText(input, v);
        return input;
      });
      this.#inputs.push(cells);
      const label = this.#rowLabels[r] ?? String(r + 1),
        note = this.#rowNotes[r];
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
    this.#table.replaceChildren(h('thead', {}, head), h('tbody', {}, ...body));
    this.#relabel();
    this.#showErrors();
  }

  /** Names the table and each input: "E row 2 column 3", with the row's note if it has one. */
  #relabel() {
    this.#table?.setAttribute('aria-label', this.#name);
    this.#inputs.forEach((row, r) =>
      row.forEach((input, c) => {
        const note = this.#rowNotes[r];
        input.setAttribute(
          'aria-label',
          `${this.#name} row ${r + 1} column ${c + 1}${note ? ` (${this.#rowLabels[r] ?? ''}: ${note})` : ''}`,
        );
      }),
    );
  }

  /**
   * A cell's text: at rest, rounded to fit its width as a computed cell is; while it has the focus, every digit
   * (the text then read back and edited).  Its accessible value is always the full number.
   */
  #setText(input, v, full = isFocused(input)) {
    const text = formatFloat32(v),
      shown = full ? text : formatFit(v, FIT);
    // Written only when it changes: an input's value (even read) costs a style and layout pass, and a focus
    // move over cells whose text fits ("0", "0.5") should cost neither.
    if (this.#shown.get(input) !== shown) {
      this.#shown.set(input, shown);
      input.value = shown;
    }
    this.#widen(input, full ? text.length : 0);
    this.#say(input, v);
    input.removeAttribute('aria-invalid');
  }

  /** The value a screen reader hears for a cell: the one in force, every digit. */
  #say(input, v) {
    input.setAttribute('aria-valuenow', String(v));
    input.setAttribute('aria-valuetext', formatFloat32(v));
  }

  /**
   * A focused cell whose text (`length` characters: its full value, or what is being typed) does not fit widens
   * to the left over its neighbour (matrix-styles.js); 0 at rest.
   */
  #widen(input, length) {
    const wide = length > FIT;
    if (wide) input.style.setProperty('--ap-chars', String(length));
    if (input.hasAttribute('data-wide') !== wide) input.toggleAttribute('data-wide', wide);
  }

  #cell(target) {
    if (!(target instanceof HTMLInputElement) || !this.contains(target)) return null;
    return [Number(target.dataset.row), Number(target.dataset.col)];
  }

  // Typing: a number becomes the value at once (every tensor follows each keystroke); anything else ("-",
  // ".", "1e" on the way to a number) waits for the commit to be judged, and any message goes meanwhile.
  #onInput(e) {
    if (e.target === this) return; // our own event, re-dispatched below
    this.#shown.delete(e.target); // the reader's text now, not ours
    e.stopPropagation();
    const at = this.#cell(e.target);
    if (!at) return;
    this.#widen(e.target, e.target.value.length);
    this.#setEditing(e.target);
    const parsed = parseNumber(e.target.value);
    if (this.#errors.delete(`${at[0]},${at[1]}`)) this.#showErrors();
    if (!parsed.error) this.#apply(e.target, at, parsed.value);
  }

  /** A valid number for one cell: the value and an `input` event (none when it did not change). */
  #apply(input, [r, c], v) {
    this.#say(input, v);
    if (v === this.#value[r][c]) return;
    this.#value[r][c] = v;
    emit(this, 'input', { row: r, col: c, value: v });
  }

  #setEditing(input) {
    if (this.#editing === input || input?.readOnly) return;
    this.#editing?.removeAttribute('data-editing');
    this.#editing = input;
    input?.setAttribute('data-editing', '');
  }

  // Native `change` events from the inputs stay inside: commits are ours (#commit).
  #onChange(e) {
    if (e.target !== this) e.stopPropagation();
  }

  #onFocusIn(e) {
    const at = this.#cell(e.target);
    if (!at) return;
    const [r, c] = this.#active;
    if (r !== at[0] || c !== at[1]) {
      if (this.#inputs[r]?.[c]) this.#inputs[r][c].tabIndex = -1;
      e.target.tabIndex = 0;
      this.#active = at;
    }
    this.#before = this.#value[at[0]][at[1]];
    if (this.#editing !== e.target) {
      this.#setEditing(null);
      if (!this.#errors.has(`${at[0]},${at[1]}`)) this.#setText(e.target, this.#before, true);
      e.target.select(); // moving, not editing: the whole number is selected, so typing replaces it
    }
  }

  #onFocusOut(e) {
    const at = this.#cell(e.target);
    if (!at) return;
    if (this.#commit(e.target, at)) this.#setText(e.target, this.#value[at[0]][at[1]], false);
    else this.#setEditing(null);
  }

  #showErrors() {
    for (const row of this.#inputs) for (const input of row) input.removeAttribute('aria-invalid');
    const lines = [];
    for (const [key, message] of this.#errors) {
      const [r, c] = key.split(',').map(Number);
      this.#inputs[r]?.[c]?.setAttribute('aria-invalid', 'true');
      lines.push(`${this.#name} row ${r + 1} column ${c + 1}: ${message}`);
    }
    this.#message.textContent = lines.join('\n');
    this.#message.hidden = lines.length === 0;
  }

  /**
   * Ends the cell's edit: its text, if a number, is the value (and `change` fires if it moved since the
   * last commit); otherwise it gets a message naming the value still in force, and is kept.  True if valid.
   */
  #commit(input, at) {
    const [r, c] = at,
      key = `${r},${c}`;
    // Only text the reader typed is read back, and only if it is not the value's own text: a float32's
    // shortest text may differ from the number in the state in far digits (0.30000000000000004).
    if (this.#editing === input && input.value !== formatFloat32(this.#value[r][c])) {
      const parsed = parseNumber(input.value);
      if (parsed.error) {
        // Text refused at its commit keeps the number from before the edit, not a prefix that parsed on the
        // way ("1" of "1,5"): the keystrokes applied are taken back ('revert', one cell's edit group).
        const before = this.#before;
        if (this.#value[r][c] !== before) {
          this.#value[r][c] = before;
          emit(this, 'revert', { row: r, col: c, value: before });
        }
        this.#say(input, before);
        this.#errors.set(key, `${parsed.error} — still using ${formatPlain(before)}`);
        this.#showErrors();
        return false;
      }
      this.#apply(input, at, parsed.value);
    }
    if (this.#errors.has(key)) return false; // a message stays until the text changes (the engine's included)
    this.#setEditing(null);
    if (this.#value[r][c] !== this.#before) {
      this.#before = this.#value[r][c];
      emit(this, 'change', { row: r, col: c, value: this.#before });
    }
    return true;
  }

  // Escape: the text and value from the last commit come back, with every tensor.
  #cancel(input, at) {
    const [r, c] = at;
    this.#errors.delete(`${r},${c}`);
    this.#showErrors();
    this.#setEditing(null);
    this.#apply(input, at, this.#before);
    this.#setText(input, this.#before);
    input.select();
  }

  #stepCell(input, at, delta) {
    if (input.readOnly) return;
    const v = Math.round((this.#value[at[0]][at[1]] + delta) * 1e6) / 1e6;
    this.#errors.delete(`${at[0]},${at[1]}`);
    this.#showErrors();
    this.#setText(input, v);
    this.#apply(input, at, v);
    if (this.#editing === input) input.setSelectionRange(input.value.length, input.value.length);
    else input.select();
  }

  /** Moves the focus to [r, c] (the blur commits the cell left). */
  #focusCell([r, c]) {
    const next = this.#inputs[r]?.[c];
    if (!next) return false;
    next.focus();
    return true;
  }

  /** Begins an edit of the number as it stands, the caret at its end. */
  #beginEdit(input) {
    this.#setEditing(input);
    input.setSelectionRange(input.value.length, input.value.length);
  }

  // The keys of grid-keys.js's map, and the life of an edit: begin, step, commit, cancel, and the move on.
  #onKey(e) {
    const at = this.#cell(e.target);
    if (!at) return;
    const input = e.target,
      editing = this.#editing === input;
    const step = e.ctrlKey || e.metaKey ? 0 : stepOf(e, editing);
    const to = editing ? null : moveOf(e, at, this.#inputs.length, this.#inputs[0].length);
    if (step) this.#stepCell(input, at, step);
    else if (to) {
      if (to[0] !== at[0] || to[1] !== at[1]) this.#focusCell(to);
    } else if (e.key === 'Enter' && !editing && !e.shiftKey) this.#beginEdit(input);
    else if (e.key === 'F2' && !editing) this.#beginEdit(input);
    else if (e.key === 'Enter') {
      if (!this.#commit(input, at)) return e.preventDefault();
      this.#setText(input, this.#value[at[0]][at[1]]);
      const down = [at[0] + (e.shiftKey ? -1 : 1), at[1]];
      if (!this.#focusCell(down)) input.select();
    } else if (
      e.key === 'Escape' &&
      (editing || this.#errors.has(`${at[0]},${at[1]}`) || this.#value[at[0]][at[1]] !== this.#before)
    )
      this.#cancel(input, at);
    else return;
    e.preventDefault();
  }

  // Mouse and pen only (touch keeps scrolling): a press on a cell that is not being edited either becomes a
  // horizontal drag that scrubs the value (fast with Shift, fine with Alt), or, released in place, focuses the
  // cell.  A press on the focused cell places the caret and begins an edit.
  #onPointerDown(e) {
    const at = this.#cell(e.target);
    if (!at || e.pointerType === 'touch' || e.button !== 0 || e.target.readOnly) return;
    if (isFocused(e.target)) {
      this.#setEditing(e.target);
      return;
    }
    e.preventDefault();
    const input = e.target,
      x0 = e.clientX,
      v0 = this.#value[at[0]][at[1]];
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
      this.#errors.delete(`${at[0]},${at[1]}`);
      this.#showErrors();
      this.#setText(input, v);
      this.#apply(input, at, v);
    };
    const up = () => {
      input.removeEventListener('pointermove', move);
      input.removeEventListener('pointerup', up);
      input.removeEventListener('pointercancel', up);
      this.classList.remove('scrubbing');
      if (scrubbing) emit(this, 'change', { row: at[0], col: at[1], value: this.#value[at[0]][at[1]] });
      else input.focus();
    };
    input.addEventListener('pointermove', move);
    input.addEventListener('pointerup', up);
    input.addEventListener('pointercancel', up);
  }
}

define('matrix-editor', MatrixEditor);
