// A <matrix-editor>'s pointer presses: a horizontal drag on a cell scrubs its value (fast with Shift, fine
// with Alt), a press in place focuses the cell or, on the focused one, begins an edit.
import { emit, isFocused } from './dom.js';

const SCRUB_THRESHOLD = 3; // px before a press becomes a drag

// Mouse and pen only (touch keeps scrolling): a press on a cell that is not being edited either
// becomes a horizontal drag that scrubs the value, or, released in place, focuses the cell.  A press
// on the focused cell places the caret and begins an edit.
export function onPointerDown(ed, e) {
  const at = ed._cell(e.target);
  if (!at || e.pointerType === 'touch' || e.button !== 0 || e.target.readOnly) return;
  if (isFocused(e.target)) {
    ed._setEditing(e.target);
    return;
  }
  e.preventDefault();
  const input = e.target,
    x0 = e.clientX,
    v0 = ed._value[at[0]][at[1]];
  let scrubbing = false;
  input.setPointerCapture(e.pointerId);
  const move = (m) => {
    const dx = m.clientX - x0;
    if (!scrubbing && Math.abs(dx) < SCRUB_THRESHOLD) return;
    if (!scrubbing) {
      scrubbing = true;
      ed.classList.add('scrubbing');
    }
    const perPx = m.shiftKey ? 0.1 : m.altKey ? 0.001 : 0.01;
    const v = Math.round((v0 + dx * perPx) * 1000) / 1000;
    ed._errors.delete(`${at[0]},${at[1]}`);
    ed._showErrors();
    ed._setText(input, v);
    ed._apply(input, at, v);
  };
  const up = () => {
    input.removeEventListener('pointermove', move);
    input.removeEventListener('pointerup', up);
    input.removeEventListener('pointercancel', up);
    ed.classList.remove('scrubbing');
    if (scrubbing) emit(ed, 'change', { row: at[0], col: at[1], value: ed._value[at[0]][at[1]] });
    else input.focus();
  };
  input.addEventListener('pointermove', move);
  input.addEventListener('pointerup', up);
  input.addEventListener('pointercancel', up);
}
