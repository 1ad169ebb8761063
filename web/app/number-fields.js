// The controls' number fields (the sizes D, d_k, heads and the random seed): when typed text applies, what a
// refusal says, and what each field shows.  Text being typed is never overwritten, and refused text stays.
import { forgetValue, setProp } from '../widgets/dom.js';
import { DISPLAY_LIMITS } from '../state/state-ops.js';
import { formatPlain } from '../widgets/format.js';

/** The size fields: the control action each sends, its label, this page's limit and the engine's. */
export const SIZES = [
  { action: 'dmodel', label: 'D', title: 'Embedding size D', max: DISPLAY_LIMITS.dModel, engine: 'maxDModel' },
  { action: 'Dk', label: 'd<sub>k</sub>', title: 'Head size d_k', max: DISPLAY_LIMITS.Dk, engine: 'maxDK' },
  { action: 'heads', label: 'Heads', title: 'Number of heads H', max: 8, engine: 'maxHeads' },
];

const SEED_MAX = 0xffffffff;

/**
 * Why `text` cannot be size `s` (one of SIZES), as the message shown, or null when it can.  `engineMax` is
 * the engine's own limit (when known), `inUse` the value the field showed.
 */
export function sizeRefusal(s, text, engineMax, inUse) {
  const v = Number(text);
  const problem =
    text === ''
      ? 'empty'
      : !Number.isInteger(v)
        ? `“${text}” is not a whole number`
        : v < 1
          ? `${formatPlain(v)} is below 1`
          : v > s.max
            ? `${formatPlain(v)} is above this page's limit of ${s.max}`
            : null;
  if (!problem) return null;
  return (
    `${s.title}: ${problem}; type a whole number from 1 to ${s.max}` +
    (v > s.max && engineMax && engineMax > s.max
      ? ` (the engine takes up to ${formatPlain(engineMax)}, too many cells to show live)`
      : '') +
    `. Still using ${inUse}.`
  );
}

/** Why `text` cannot be the seed, as the message shown, or null when it can. */
export function seedRefusal(text, inUse) {
  const v = Number(text);
  if (text !== '' && Number.isInteger(v) && v >= 0 && v <= SEED_MAX) return null;
  const problem =
    text === ''
      ? 'empty'
      : !Number.isInteger(v)
        ? `“${text}” is not a whole number`
        : `${formatPlain(v)} is outside 0 to ${formatPlain(SEED_MAX)}`;
  return `Seed for random projections: ${problem}; type a whole number from 0. Still using ${inUse}.`;
}

/**
 * The fields' state: which hold text not yet committed (or refused), what each last showed as in use, and the
 * refused ones' messages, shown until fixed, reverted or replaced.  `showError` and `clearError` are the
 * controls' message line.
 */
export class NumberFields {
  #typed = new Set();
  #inUse = new Map();
  #refused = new Map();
  #showError;
  #clearError;

  constructor({ showError, clearError }) {
    this.#showError = showError;
    this.#clearError = clearError;
  }

  /**
   * A value applies when committed (Enter, leaving the field, the arrow keys or the spinner: `commit`), never
   * per keystroke: typing 12 must not pass through D = 1.  Escape puts the value in use back.
   */
  watch(input, commit) {
    input.addEventListener('input', () => {
      forgetValue(input);
      this.#typed.add(input);
    });
    input.addEventListener('change', commit);
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') commit();
      else if (e.key === 'Escape') this.revert(input);
    });
  }

  /** The value input last showed as in use (a string). */
  inUse(input) {
    return this.#inUse.get(input);
  }

  /** The refused fields' messages, in the order they were refused. */
  get refusals() {
    return [...this.#refused.values()];
  }

  // Refused text stays in its field, marked invalid, as a grid cell's does: nothing typed is lost, and the
  // message says what is still in use.
  refuse(input, message) {
    this.#typed.add(input);
    this.#refused.set(input, message);
    input.setAttribute('aria-invalid', 'true');
    this.#showError(message);
  }

  accept(input) {
    this.#typed.delete(input);
    if (this.#refused.delete(input)) {
      input.removeAttribute('aria-invalid');
      this.#clearError();
    }
  }

  revert(input) {
    if (!this.#typed.has(input)) return;
    this.accept(input);
    forgetValue(input);
    setProp(input, 'value', this.#inUse.get(input));
  }

  // A field shows the value in use, unless it holds uncommitted or refused text and that value has not
  // changed since (an undo, a new example, an attribute does replace it).
  show(input, v) {
    if (this.#inUse.get(input) !== v) {
      this.#inUse.set(input, v);
      this.#typed.delete(input);
      if (this.#refused.delete(input)) {
        input.removeAttribute('aria-invalid');
        this.#clearError();
      }
    }
    if (!this.#typed.has(input)) setProp(input, 'value', v);
  }
}
