// What the designed head's cells ask, in the lexicon's dimension names, and which of them the reader changed:
// read from the rules the head is built from (presets.js), so the words and the numbers cannot drift apart.
import { DESIGN_RULES } from '../state/presets.js';
import { formatList as list, formatPlain } from '../widgets/format.js';

const MATRIX = { wq: 'W_Q', wk: 'W_K' };

/** Where a rule's cells are, as a reader finds them: rows by name, columns by number (as the grids label them). */
function place(W, cells, names) {
  const rows = [...new Set(cells.map(([r]) => names[r]))],
    cols = [...new Set(cells.map(([, c]) => c + 1))];
  if (cells.length > 1 && cells.every(([r, c]) => r === c))
    return `${W} rows ${list(rows)}, each in its own column (the diagonal)`;
  return `${W} row${rows.length > 1 ? 's' : ''} ${list(rows)}, column${cols.length > 1 ? 's' : ''} ${list(cols)}`;
}

/**
 * Notes on a head built from the design: one per rule, { text, status }, status saying whether its cells are
 * as designed, which the reader changed and to what, or that a smaller size hides them.  null where the head is
 * not mostly the design (fewer than half its cells hold their values) or names are not the lexicon's
 * dimensions (null).
 */
export function designNotes(head, names) {
  if (!names) return null;
  let kept = 0,
    total = 0;
  const notes = DESIGN_RULES.map(({ key, cells, says }) => {
    const m = head[key],
      W = MATRIX[key];
    const changed = [];
    let hidden = 0;
    for (const [r, c, v] of cells) {
      total += 1;
      const now = m[r]?.[c];
      if (now === undefined) hidden += 1;
      else if (now === v) kept += 1;
      else changed.push(`${W}[${names[r]}][${c + 1}] to ${formatPlain(now)}`);
    }
    const value = formatPlain(cells[0][2]);
    const status = changed.length
      ? `You changed ${list(changed)}.`
      : hidden === cells.length
        ? 'Hidden by the smaller size.'
        : 'As designed.';
    return { text: `${place(W, cells, names)} = ${value}: ${says}.`, status, changed: changed.length > 0 };
  });
  return kept * 2 >= total ? notes : null;
}
