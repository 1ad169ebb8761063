// The training lab's goals: patterns that make sense for the sentence shown (a pronoun and its noun, a word
// and its sense, every token to itself, to the previous one, to the first).
import { SENTENCES } from '../state/presets.js';

/** Goals that make sense for these tokens: { id, label, rows: [[query, key]…] }. */
export function goalsFor(tokens) {
  const lower = tokens.map((t) => t.toLowerCase()),
    T = tokens.length,
    goals = [];
  const at = (w) => lower.indexOf(w.toLowerCase());
  const pair = (q, k) => {
    if (at(q) >= 0 && at(k) >= 0 && at(q) !== at(k) && !goals.some((g) => g.id === `${q}-${k}`)) {
      goals.push({
        id: `${q}-${k}`,
        label: `“${tokens[at(q)]}” attends to “${tokens[at(k)]}”`,
        rows: [[at(q), at(k)]],
      });
    }
  };
  for (const p of SENTENCES) pair(p.focus[0], p.focus[1]);
  pair('it', 'street');
  pair('it', 'mat');
  pair('bank', 'river');
  pair('bank', 'grows');
  const all = (f) => Array.from({ length: T }, (_, i) => [i, f(i)]);
  goals.push({ id: 'self', label: 'every token attends to itself', rows: all((i) => i) });
  goals.push({ id: 'prev', label: 'every token attends to the previous one', rows: all((i) => Math.max(0, i - 1)) });
  goals.push({ id: 'first', label: 'every token attends to the first', rows: all(() => 0) });
  return goals;
}
