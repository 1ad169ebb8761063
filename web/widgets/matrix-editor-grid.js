// A <matrix-editor>'s table: headers (a row's note marked "?"), one input per cell, and their accessible
// names.  Not what the inputs do (matrix-editor.js, matrix-editor-keys.js).
import { h } from './dom.js';

/** Builds the table for the editor's value, its labels and notes (nothing before it is connected). */
export function buildGrid(ed) {
  if (!ed._table) return;
  const m = ed._value,
    cols = m[0]?.length ?? 0;
  ed._marked = new Set();
  ed._editing = null;
  const [ar, ac] = ed._active;
  if (ar >= m.length || ac >= cols) ed._active = [0, 0];
  const head = h(
    'tr',
    {},
    h('th', { class: 'corner', 'aria-hidden': 'true' }),
    ...Array.from({ length: cols }, (_, c) =>
      h('th', { scope: 'col', title: ed._colLabels[c] ?? '' }, ed._colLabels[c] ?? String(c + 1)),
    ),
  );
  ed._inputs = [];
  const body = m.map((row, r) => {
    const cells = row.map((v, c) => {
      const input = h('input', {
        type: 'text',
        inputmode: 'decimal',
        role: 'spinbutton',
        autocomplete: 'off',
        spellcheck: 'false',
        tabindex: r === ed._active[0] && c === ed._active[1] ? '0' : '-1',
        'data-row': r,
        'data-col': c,
        'aria-describedby': `${ed._id}-err`,
      });
      ed._setText(input, v);
      return input;
    });
    ed._inputs.push(cells);
    const label = ed._rowLabels[r] ?? String(r + 1),
      note = ed._rowNotes[r];
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
  ed._table.replaceChildren(h('thead', {}, head), h('tbody', {}, ...body));
  relabel(ed);
  ed._showErrors();
}

/** Names the table and each input: "E row 2 column 3", with the row's note if it has one. */
export function relabel(ed) {
  ed._table?.setAttribute('aria-label', ed._name);
  ed._inputs.forEach((row, r) =>
    row.forEach((input, c) => {
      const note = ed._rowNotes[r];
      input.setAttribute(
        'aria-label',
        `${ed._name} row ${r + 1} column ${c + 1}${note ? ` (${ed._rowLabels[r] ?? ''}: ${note})` : ''}`,
      );
    }),
  );
}
