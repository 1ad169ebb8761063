// <scale-panel>: step 2, S ÷ √d_k ÷ τ, with the two knobs that set it (÷√d_k on/off, temperature τ).
import { h, define, emit, uid, setText, setProp, setAttr, forgetValue } from '../widgets/dom.js';
import { Panel } from './panel.js';
import { formatEdit, formatPlain, parseNumber } from '../widgets/format.js';
import '../widgets/matrix-view.js';

class ScalePanel extends Panel {
  build() {
    const id = uid('scale');
    this._typed = false; // the field holds text not yet committed, or refused
    this._inUse = null;
    this._view = h('matrix-view');
    this._view.name = 'Scaled scores';
    this._view.selectable = true;
    this._scale = h('input', { type: 'checkbox', id: `${id}-sqrt` });
    this._slider = h('input', {
      type: 'range',
      min: '-2',
      max: '2',
      step: '0.01',
      'aria-label': 'Temperature (slider, logarithmic)',
    });
    this._temp = h('input', {
      type: 'text',
      inputmode: 'decimal',
      id: `${id}-t`,
      class: 'num',
      'aria-describedby': `${id}-msg`,
    });
    this._msg = h('p', { class: 'field-error', id: `${id}-msg`, role: 'alert', hidden: true });
    this._factor = h('p', { class: 'aside' });
    this._scale.addEventListener('change', () =>
      emit(this, 'control', { action: 'scale', value: this._scale.checked }),
    );
    this._slider.addEventListener('input', () => {
      forgetValue(this._slider);
      forgetValue(this._temp);
      const t = Number((10 ** Number(this._slider.value)).toPrecision(2));
      this._temp.value = formatEdit(t);
      this._typed = false;
      setAttr(this._slider, 'aria-valuetext', `τ = ${formatEdit(t)}`);
      this._setTemperature(t);
    });
    this._slider.addEventListener('change', () => emit(this, 'control', { action: 'commit' }));
    // The field applies when committed (Enter or leaving it), never per keystroke: typing 5000 must not run
    // the engine on 500 on the way, nor leave it there if 5000 is refused.
    this._temp.addEventListener('input', () => {
      forgetValue(this._temp);
      this._typed = true;
    });
    this._temp.addEventListener('change', () => this._commit());
    this._temp.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') this._commit();
      else if (e.key === 'Escape' && this._typed) {
        this._typed = false;
        this._clear();
        forgetValue(this._temp);
        setProp(this._temp, 'value', formatEdit(this._inUse));
      }
    });
    this.append(
      ...this.header({
        step: '2',
        title: 'Scale',
        formula: '<i>S</i>′ = <i>S</i> ÷ √<i>d<sub>k</sub></i> ÷ <i>τ</i>',
        note:
          'Dot products grow with <i>d<sub>k</sub></i>; dividing by √<i>d<sub>k</sub></i> keeps softmax out of saturation. ' +
          'Temperature <i>τ</i> &lt; 1 sharpens, &gt; 1 flattens.',
      }),
      h(
        'div',
        { class: 'knobs' },
        h('label', { class: 'check' }, this._scale, h('span', { html: 'Divide by √<i>d</i><sub><i>k</i></sub>' })),
        h(
          'span',
          { class: 'temp' },
          h('label', { for: `${id}-t` }, 'Temperature ', h('i', {}, 'τ')),
          this._slider,
          this._temp,
        ),
      ),
      this._msg,
      this._view,
      this._factor,
    );
  }

  _commit() {
    if (!this._typed) return;
    const p = parseNumber(this._temp.value);
    if (p.error) return this._error(`Temperature: ${p.error}. Still using ${formatPlain(this._inUse)}.`);
    this._typed = false;
    if (p.value !== this._inUse) this._setTemperature(p.value);
    else this._clear();
    emit(this, 'control', { action: 'commit' });
  }

  _setTemperature(t) {
    this._clear();
    emit(this, 'control', { action: 'temperature', value: t });
  }

  _clear() {
    this._msg.hidden = true;
    this._temp.removeAttribute('aria-invalid');
  }

  // Refused text stays in the field, marked invalid, as a grid cell's does (nothing typed is lost); the
  // message says which value is still in use, and Escape puts it back.
  _error(message) {
    this._typed = true;
    setText(this._msg, message);
    this._msg.hidden = false;
    this._temp.setAttribute('aria-invalid', 'true');
  }

  /** A message about the temperature (out of range); the field keeps its text, marked invalid. */
  showError(message) {
    this._error(message);
  }

  render({ state, trace, head, mark, cell }) {
    const Dk = state.heads[0].wq[0].length,
      t = state.temperature;
    setProp(this._scale, 'checked', state.scale);
    // A temperature set elsewhere (the slider, undo, an attribute) replaces refused or uncommitted text.
    if (t !== this._inUse) {
      this._inUse = t;
      this._typed = false;
      this._clear();
    }
    if (!this._typed) setProp(this._temp, 'value', formatEdit(t));
    if (document.activeElement !== this._slider) setProp(this._slider, 'value', String(Math.log10(t)));
    setAttr(this._slider, 'aria-valuetext', `τ = ${formatEdit(t)}`); // the slider's own value is log₁₀ τ
    const parts = [state.scale ? `÷ √${Dk}` : '', t !== 1 ? `÷ ${formatEdit(t)}` : ''].filter(Boolean);
    setText(this._factor, parts.length ? `Each score ${parts.join(' ')}.` : 'Unscaled: S′ = S (√d_k off, τ = 1).');
    this._view.rowLabels = state.tokens;
    this._view.colLabels = state.tokens;
    this._view.markChanges = mark;
    this._view.matrix = trace.heads[head].scaled;
    this._view.selected = cell;
  }

  select(cell) {
    this._view.selected = cell;
  }
}

define('scale-panel', ScalePanel);
