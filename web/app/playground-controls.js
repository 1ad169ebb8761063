// <playground-controls>: the sentence and its examples, the sizes (D, d_k, heads), which head to show,
// projection presets, undo and redo.  Native inputs throughout; every change goes up as a `control`
// event { action, value } and every limit gives a message here instead of reaching the engine.
import { h, define, emit, uid, setProp, forgetValue, setHidden } from '../widgets/dom.js';
import { SENTENCES } from '../state/presets.js';
import { DISPLAY_LIMITS } from '../state/state-ops.js';
import { formatPlain } from '../widgets/format.js';
import { rovingFocus } from '../widgets/grid-keys.js';

const SIZES = [
  { action: 'dmodel', label: 'D', title: 'Embedding size D', max: DISPLAY_LIMITS.dModel, engine: 'maxDModel' },
  { action: 'Dk', label: 'd<sub>k</sub>', title: 'Head size d_k', max: DISPLAY_LIMITS.Dk, engine: 'maxDK' },
  { action: 'heads', label: 'Heads', title: 'Number of heads H', max: 8, engine: 'maxHeads' },
];

class PlaygroundControls extends HTMLElement {
  connectedCallback() {
    if (this._sentence) return;
    /** Number fields holding text not yet committed (or refused): the model leaves them alone. */
    this._typed = new Set();
    /** What each number field last showed as in use. */
    this._inUse = new Map();
    /** Refused number fields and their messages, shown until fixed, reverted or replaced. */
    this._refused = new Map();
    const id = uid('ctl');
    this._msg = h('p', { class: 'field-error', id: `${id}-msg`, role: 'alert', hidden: true });
    this._sentence = h('input', {
      type: 'text',
      id: `${id}-s`,
      class: 'sentence',
      autocomplete: 'off',
      spellcheck: 'false',
      'aria-describedby': `${id}-msg`,
    });
    this._sentence.addEventListener('input', () => {
      this._sentenceText = null;
      emit(this, 'control', { action: 'sentence', value: this._sentence.value });
    });
    this._sentence.addEventListener('change', () => emit(this, 'control', { action: 'commit' }));
    this._example = h(
      'select',
      { id: `${id}-ex` },
      h('option', { value: '' }, 'Choose an example…'),
      ...SENTENCES.map((s) => h('option', { value: s.id }, s.text)),
    );
    this._example.addEventListener('change', () => {
      forgetValue(this._example);
      if (this._example.value) emit(this, 'control', { action: 'example', value: this._example.value });
    });
    this._sizes = SIZES.map((s) => {
      const input = h('input', {
        type: 'number',
        min: '1',
        max: String(s.max),
        step: '1',
        id: `${id}-${s.action}`,
        class: 'num',
        'aria-describedby': `${id}-msg`,
      });
      // A size applies when committed (Enter, leaving the field, the arrow keys or the spinner), never per
      // keystroke: typing 12 must not pass through D = 1, and text being typed is never overwritten.
      input.addEventListener('input', () => {
        forgetValue(input);
        this._typed.add(input);
      });
      input.addEventListener('change', () => this._size(s, input));
      input.addEventListener('keydown', (e) => {
        if (e.key === 'Enter') this._size(s, input);
        else if (e.key === 'Escape') this._revert(input);
      });
      return {
        ...s,
        input,
        field: h(
          'label',
          { class: 'field small', for: `${id}-${s.action}`, title: s.title },
          h('span', { html: s.label }),
          input,
        ),
      };
    });
    this._heads = h('fieldset', { class: 'segmented head-picker' }, h('legend', {}, 'Show head'));
    this._heads.addEventListener('change', (e) =>
      emit(this, 'control', { action: 'head', value: Number(e.target.value) }),
    );
    this._seed = h('input', { type: 'number', id: `${id}-seed`, class: 'num seed', min: '0', step: '1' });
    this._seed.addEventListener('input', () => {
      forgetValue(this._seed);
      this._typed.add(this._seed);
    });
    this._seed.addEventListener('change', () => this._seedCommit());
    this._seed.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') this._seedCommit();
      else if (e.key === 'Escape') this._revert(this._seed);
    });
    const preset = (kind, label, title) =>
      h(
        'button',
        { type: 'button', title, onclick: () => emit(this, 'control', { action: 'projections', value: kind }) },
        label,
      );
    this._undo = h(
      'button',
      {
        type: 'button',
        class: 'icon',
        title: 'Undo (Ctrl+Z)',
        onclick: () => emit(this, 'control', { action: 'undo' }),
      },
      '↶ Undo',
    );
    this._redo = h(
      'button',
      {
        type: 'button',
        class: 'icon',
        title: 'Redo (Ctrl+Shift+Z)',
        onclick: () => emit(this, 'control', { action: 'redo' }),
      },
      '↷ Redo',
    );
    this.append(
      h(
        'div',
        { class: 'ctl-row' },
        h('label', { class: 'field grow', for: `${id}-s` }, h('span', {}, 'Sentence'), this._sentence),
        h('label', { class: 'field', for: `${id}-ex` }, h('span', {}, 'Examples'), this._example),
      ),
      h(
        'div',
        { class: 'ctl-row' },
        ...this._sizes.map((s) => s.field),
        h(
          'div',
          { class: 'field' },
          h('span', { id: `${id}-proj` }, 'Projections'),
          // One Tab stop for the four presets (← → between them); the seed field keeps its own.
          rovingFocus(
            h(
              'div',
              { class: 'buttons', role: 'toolbar', 'aria-labelledby': `${id}-proj` },
              preset(
                'designed',
                'Designed',
                'The hand-made head: ambiguous words seek a topic, pronouns seek something living',
              ),
              preset('identity', 'Identity', 'W_Q = W_K = W_V = I: scores are plain similarities E·Eᵀ'),
              preset('random', 'Random', 'Seeded random projections'),
              h('label', { class: 'seed-label', for: `${id}-seed` }, 'seed'),
              this._seed,
              preset('zeros', 'Zeros', 'All projections 0: every score is 0 and attention is uniform'),
            ),
          ),
        ),
        this._heads,
        h(
          'div',
          { class: 'field end' },
          h('span', { class: 'sr-only' }, 'History'),
          h('div', { class: 'buttons' }, this._undo, this._redo),
        ),
      ),
      this._msg,
    );
  }

  _size(s, input) {
    const text = input.value.trim(),
      v = Number(text),
      inUse = this._inUse.get(input);
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
    if (problem) {
      const engineMax = this._limits ? this._limits[s.engine] : null;
      return this._refuse(
        input,
        `${s.title}: ${problem}; type a whole number from 1 to ${s.max}` +
          (v > s.max && engineMax && engineMax > s.max
            ? ` (the engine takes up to ${formatPlain(engineMax)}, too many cells to show live)`
            : '') +
          `. Still using ${inUse}.`,
      );
    }
    this._accept(input);
    if (String(v) !== inUse) emit(this, 'control', { action: s.action, value: v });
  }

  _seedCommit() {
    const input = this._seed,
      text = input.value.trim(),
      v = Number(text);
    if (text === '' || !Number.isInteger(v) || v < 0 || v > 0xffffffff) {
      const problem =
        text === ''
          ? 'empty'
          : !Number.isInteger(v)
            ? `“${text}” is not a whole number`
            : `${formatPlain(v)} is outside 0 to ${formatPlain(0xffffffff)}`;
      return this._refuse(
        input,
        `Seed for random projections: ${problem}; type a whole number from 0. Still using ${this._inUse.get(input)}.`,
      );
    }
    this._accept(input);
    emit(this, 'control', { action: 'seed', value: v });
  }

  // Refused text stays in its field, marked invalid, as a grid cell's does: nothing typed is lost, and the
  // message says what is still in use.  Escape puts the value in use back.
  _refuse(input, message) {
    this._typed.add(input);
    this._refused.set(input, message);
    input.setAttribute('aria-invalid', 'true');
    this.showError(message);
  }

  _accept(input) {
    this._typed.delete(input);
    if (this._refused.delete(input)) {
      input.removeAttribute('aria-invalid');
      this.clearError();
    }
  }

  _revert(input) {
    if (!this._typed.has(input)) return;
    this._accept(input);
    forgetValue(input);
    setProp(input, 'value', this._inUse.get(input));
  }

  showError(message) {
    this._msg.textContent = message;
    this._msg.hidden = false;
  }

  /** Clears the message, except what a refused number field still says. */
  clearError() {
    this._sentence.removeAttribute('aria-invalid');
    const left = [...this._refused.values()];
    if (left.length) this.showError(left.join('\n'));
    else setHidden(this._msg, true);
  }

  /** Marks the sentence field invalid with a message (too many words, none). */
  sentenceError(message) {
    this.showError(message);
    this._sentence.setAttribute('aria-invalid', 'true');
  }

  /** { state, head, seed, canUndo, canRedo, limits, example, sync: replace what the reader is typing } */
  // A number field shows the value in use, unless it holds uncommitted or refused text and that value has not
  // changed since (an undo, a new example, an attribute does replace it).
  _show(input, v) {
    if (this._inUse.get(input) !== v) {
      this._inUse.set(input, v);
      this._typed.delete(input);
      if (this._refused.delete(input)) {
        input.removeAttribute('aria-invalid');
        this.clearError();
      }
    }
    if (!this._typed.has(input)) setProp(input, 'value', v);
  }

  set model({ state, head, seed, canUndo, canRedo, limits, example, sync }) {
    this._limits = limits;
    const text = state.tokens.join(' ');
    const typing = document.activeElement === this._sentence && !sync;
    if (!typing && this._sentenceText !== text) {
      this._sentenceText = text;
      if (this._sentence.value.trim().split(/\s+/).join(' ') !== text) this._sentence.value = text;
    }
    setProp(this._example, 'value', example ?? '');
    const values = { dmodel: state.embeddings[0].length, Dk: state.heads[0].wq[0].length, heads: state.heads.length };
    for (const s of this._sizes) this._show(s.input, String(values[s.action]));
    this._show(this._seed, String(seed));
    const H = state.heads.length;
    if (this._H !== H) {
      this._H = H;
      const name = uid('head');
      this._heads.replaceChildren(
        h('legend', {}, 'Show head'),
        ...Array.from({ length: H }, (_, k) =>
          h(
            'label',
            { class: 'seg' },
            h('input', { type: 'radio', name, value: String(k), 'aria-label': `Head ${k + 1}` }),
            h('span', {}, String(k + 1)),
          ),
        ),
      );
    }
    setHidden(this._heads, H === 1);
    if (H > 1) this._heads.querySelectorAll('input').forEach((r, k) => setProp(r, 'checked', k === head));
    setProp(this._undo, 'disabled', !canUndo);
    setProp(this._redo, 'disabled', !canRedo);
  }
}

define('playground-controls', PlaygroundControls);
