// A <matrix-editor>'s keys (grid-keys.js's map) and the life of an edit: begin, step, commit, cancel, and
// the move to the next cell.  Not typing itself (the element's input handler) or scrubbing.
import { emit } from './dom.js';
import { formatFloat32, formatNumber, parseNumber } from './format.js';
import { moveOf, stepOf } from './grid-keys.js';

/**
 * Ends the cell's edit: its text, if a number, is the value (and `change` fires if it moved since the
 * last commit); otherwise it gets a message naming the value still in force, and is kept.  True if valid.
 */
export function commit(ed, input, at) {
  const [r, c] = at,
    key = `${r},${c}`;
  // Only text the reader typed is read back, and only if it is not the value's own text: a float32's
  // shortest text may differ from the number in the state in far digits (0.30000000000000004).
  if (ed._editing === input && input.value !== formatFloat32(ed._value[r][c])) {
    const parsed = parseNumber(input.value);
    if (parsed.error) {
      const kept = formatNumber(ed._value[r][c], 4).replace(/\.?0+$/, '') || '0';
      ed._errors.set(key, `${parsed.error} — still using ${kept}`);
      ed._showErrors();
      return false;
    }
    ed._apply(input, at, parsed.value);
  }
  if (ed._errors.has(key)) return false; // a message stays until the text changes (the engine's included)
  ed._setEditing(null);
  if (ed._value[r][c] !== ed._before) {
    ed._before = ed._value[r][c];
    emit(ed, 'change', { row: r, col: c, value: ed._before });
  }
  return true;
}

// Escape: the text and value from the last commit come back, with every tensor.
function cancel(ed, input, at) {
  const [r, c] = at;
  ed._errors.delete(`${r},${c}`);
  ed._showErrors();
  ed._setEditing(null);
  ed._apply(input, at, ed._before);
  ed._setText(input, ed._before);
  input.select();
}

function stepCell(ed, input, at, delta) {
  if (input.readOnly) return;
  const v = Math.round((ed._value[at[0]][at[1]] + delta) * 1e6) / 1e6;
  ed._errors.delete(`${at[0]},${at[1]}`);
  ed._showErrors();
  ed._setText(input, v);
  ed._apply(input, at, v);
  if (ed._editing === input) input.setSelectionRange(input.value.length, input.value.length);
  else input.select();
}

/** Moves the focus to [r, c] (the blur commits the cell left). */
function focusCell(ed, [r, c]) {
  const next = ed._inputs[r]?.[c];
  if (!next) return false;
  next.focus();
  return true;
}

export function onKey(ed, e) {
  const at = ed._cell(e.target);
  if (!at) return;
  const input = e.target,
    editing = ed._editing === input;
  const step = e.ctrlKey || e.metaKey ? 0 : stepOf(e, editing);
  const to = editing ? null : moveOf(e, at, ed._inputs.length, ed._inputs[0].length);
  if (step) stepCell(ed, input, at, step);
  else if (to) {
    if (to[0] !== at[0] || to[1] !== at[1]) focusCell(ed, to);
  } else if (e.key === 'Enter' && !editing && !e.shiftKey) beginEdit(ed, input);
  else if (e.key === 'F2' && !editing) beginEdit(ed, input);
  else if (e.key === 'Enter') {
    if (!commit(ed, input, at)) return e.preventDefault();
    ed._setText(input, ed._value[at[0]][at[1]]);
    const down = [at[0] + (e.shiftKey ? -1 : 1), at[1]];
    if (!focusCell(ed, down)) input.select();
  } else if (
    e.key === 'Escape' &&
    (editing || ed._errors.has(`${at[0]},${at[1]}`) || ed._value[at[0]][at[1]] !== ed._before)
  )
    cancel(ed, input, at);
  else return;
  e.preventDefault();
}

/** Begins an edit of the number as it stands, the caret at its end. */
function beginEdit(ed, input) {
  ed._setEditing(input);
  input.setSelectionRange(input.value.length, input.value.length);
}
