// <playground-controls>: the sentence and its examples, the sizes (D, d_k, heads), which head to show,
// projection presets, undo and redo.  Native inputs throughout; every change goes up as a `control`
// event { action, value } and every limit gives a message here instead of reaching the engine.
import { h, define, emit, uid, setProp, forgetValue, setHidden, isFocused } from '../widgets/dom.js';
import { SENTENCES } from '../state/presets.js';
import { rovingFocus } from '../widgets/grid-keys.js';
import { NumberFields, SIZES, seedRefusal, sizeRefusal } from './number-fields.js';

class PlaygroundControls extends HTMLElement {
  connectedCallback() {
    if (this._sentence) return;
    /** The size and seed fields: what they hold, show and refused (the model leaves typed text alone). */
    this._numbers = new NumberFields({ showError: (m) => this.showError(m), clearError: () => this.clearError() });
    const id = uid('ctl');
    this._msg = h('p', { class: 'field-error', id: `${id}-msg`, role: 'alert', hidden: true });
    this._sentence = h('input', {
      type: 'text',
      id: `${id}-s`,
      class: 'sentence',
      'data-lock': 'tokens',
      autocomplete: 'off',
      spellcheck: 'false',
      'aria-describedby': `${id}-msg`,
    });
    this._sentence.addEventListener('input', () => {
      this._sentenceText = null;
      emit(this, 'control', { action: 'sentence', value: this._sentence.value, lock: 'tokens' });
    });
    this._sentence.addEventListener('change', () => emit(this, 'control', { action: 'commit' }));
    this._example = h(
      'select',
      { id: `${id}-ex`, 'data-lock': 'tokens' },
      h('option', { value: '' }, 'Choose an example…'),
      ...SENTENCES.map((s) => h('option', { value: s.id }, s.text)),
    );
    this._example.addEventListener('change', () => {
      forgetValue(this._example);
      if (this._example.value) emit(this, 'control', { action: 'example', value: this._example.value, lock: 'tokens' });
    });
    this._sizes = SIZES.map((s) => {
      const input = h('input', {
        type: 'number',
        min: '1',
        max: String(s.max),
        step: '1',
        id: `${id}-${s.action}`,
        class: 'num',
        'data-lock': 'sizes',
        'aria-describedby': `${id}-msg`,
      });
      this._numbers.watch(input, () => this._size(s, input));
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
    this._numbers.watch(this._seed, () => this._seedCommit());
    const preset = (kind, label, title) =>
      h(
        'button',
        {
          type: 'button',
          title,
          'data-lock': 'projections',
          onclick: () => emit(this, 'control', { action: 'projections', value: kind, lock: 'projections' }),
        },
        label,
      );
    this._undo = h(
      'button',
      {
        type: 'button',
        class: 'icon',
        title: 'Undo (Ctrl+Z)',
        'data-lock': 'history',
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
        'data-lock': 'history',
        onclick: () => emit(this, 'control', { action: 'redo' }),
      },
      '↷ Redo',
    );
    this._reset = h(
      'button',
      {
        type: 'button',
        class: 'icon',
        title: 'Back to the example as it was loaded (one step: Undo takes it back)',
        'data-lock': 'history',
        onclick: () => emit(this, 'control', { action: 'reset' }),
      },
      '⟲ Reset example',
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
          h('span', { class: 'sr-only', id: `${id}-history` }, 'History'),
          // One Tab stop for the three (← → between them), none while none can act.
          rovingFocus(
            h(
              'div',
              { class: 'buttons', role: 'toolbar', 'aria-labelledby': `${id}-history` },
              this._undo,
              this._redo,
              this._reset,
            ),
          ),
        ),
      ),
      this._msg,
    );
  }

  _size(s, input) {
    const text = input.value.trim(),
      inUse = this._numbers.inUse(input);
    const refusal = sizeRefusal(s, text, this._limits ? this._limits[s.engine] : null, inUse);
    if (refusal) return this._numbers.refuse(input, refusal);
    this._numbers.accept(input);
    const v = Number(text);
    if (String(v) !== inUse) emit(this, 'control', { action: s.action, value: v, lock: 'sizes' });
  }

  _seedCommit() {
    const input = this._seed,
      text = input.value.trim();
    const refusal = seedRefusal(text, this._numbers.inUse(input));
    if (refusal) return this._numbers.refuse(input, refusal);
    this._numbers.accept(input);
    emit(this, 'control', { action: 'seed', value: Number(text) });
  }

  showError(message) {
    this._msg.textContent = message;
    this._msg.hidden = false;
  }

  /** Clears the message, except what a refused number field still says. */
  clearError() {
    this._sentence.removeAttribute('aria-invalid');
    const left = this._numbers.refusals;
    if (left.length) this.showError(left.join('\n'));
    else setHidden(this._msg, true);
  }

  /** Marks the sentence field invalid with a message (too many words, none). */
  sentenceError(message) {
    this.showError(message);
    this._sentence.setAttribute('aria-invalid', 'true');
  }

  /** { state, head, seed, canUndo, canRedo, canReset, limits, example, sync: replace what the reader is typing } */
  set model({ state, head, seed, canUndo, canRedo, canReset, limits, example, sync }) {
    this._limits = limits;
    const text = state.tokens.join(' ');
    const typing = isFocused(this._sentence) && !sync;
    if (!typing && this._sentenceText !== text) {
      this._sentenceText = text;
      if (this._sentence.value.trim().split(/\s+/).join(' ') !== text) this._sentence.value = text;
    }
    setProp(this._example, 'value', example ?? '');
    const values = { dmodel: state.embeddings[0].length, Dk: state.heads[0].wq[0].length, heads: state.heads.length };
    for (const s of this._sizes) this._numbers.show(s.input, String(values[s.action]));
    this._numbers.show(this._seed, String(seed));
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
    // A history button pressed to its end keeps the keyboard in the toolbar: the focus goes to one still on.
    const history = [this._undo, this._redo, this._reset],
      focused = history.find(isFocused);
    setProp(this._undo, 'disabled', !canUndo);
    setProp(this._redo, 'disabled', !canRedo);
    setProp(this._reset, 'disabled', !canReset);
    if (focused?.disabled) history.find((b) => !b.disabled)?.focus();
  }
}

define('playground-controls', PlaygroundControls);
