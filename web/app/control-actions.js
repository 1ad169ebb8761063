// What the playground's edits do to its store: the controls' `control` actions, a grid cell's input, and
// where the engine's refusals are shown (the cell, the temperature, the controls' message line).
import { SENTENCES, sentenceState } from '../state/presets.js';
import * as ops from '../state/state-ops.js';
import { targetOf } from '../panels/panel.js';
import { formatFloat32, formatPlain } from '../widgets/format.js';
import { focusOf, sinusoidalRows, designedState } from './preset-states.js';

/**
 * One playground's edits.  `shell` is the box its parts render into; `controls()` gives its
 * <playground-controls> once built.  Holds the values hidden by a smaller size or a sentence change, for as
 * long as the page is open (state-ops.js).
 */
export class ControlActions {
  #store;
  #engine;
  #shell;
  #controls;
  #kept = ops.keptValues();

  constructor({ store, engine, shell, controls }) {
    this.#store = store;
    this.#engine = engine;
    this.#shell = shell;
    this.#controls = controls;
  }

  /** A new state from outside: what the old one hid is not its own. */
  forget() {
    this.#kept = ops.keptValues();
  }

  /** A grid cell's `input` event: the new value into the state, or a message on the cell. */
  cellInput(e) {
    const ed = e.target;
    if (ed.localName !== 'matrix-editor' || !e.detail) return;
    const { row, col, value } = e.detail,
      target = targetOf(ed);
    // The engine's limit, checked here so the message reads as a person writes numbers.
    const max = this.#engine.limits.maxAbsValue;
    const store = this.#store,
      group = `${ed.dataset.target}:${row}:${col}`;
    if (!(Math.abs(Math.fround(value)) <= max)) {
      // Refused: the number from before this edit, not the last keystroke that fitted (999,999 of 99999999).
      const before = store.beforeGroup(group);
      this.#cellError(ed.dataset.target, row, col, `${formatPlain(value)} is outside ±${formatPlain(max)}`, before);
      return store.revertGroup(group);
    }
    store.edit(ops.setCell(store.latest, target, row, col, value), group);
  }

  /** A cell's `revert`: its text was refused at commit, and the edits it made are taken back. */
  cellRevert(e) {
    const ed = e.target;
    if (ed.localName !== 'matrix-editor' || !e.detail) return;
    this.#store.revertGroup(`${ed.dataset.target}:${e.detail.row}:${e.detail.col}`);
  }

  /** A `control` event's { action, value }. */
  act({ action, value }) {
    const store = this.#store,
      s = store.latest,
      ui = store.ui;
    const edit = (fn, group = null) => {
      try {
        store.edit(fn(s), group);
      } catch (err) {
        this.#controls().showError(err.message);
      }
    };
    switch (action) {
      case 'sentence':
        try {
          ops.keepValues(this.#kept, s);
          return store.edit(ops.setSentence(s, value, this.#kept), 'sentence', { example: null });
        } catch (err) {
          return this.#controls().sentenceError(err.message.replace(/^sentence: /, 'Sentence: '));
        }
      case 'example': {
        const preset = SENTENCES.find((p) => p.id === value);
        this.#kept = ops.keptValues();
        return store.edit(
          sentenceState(value),
          null,
          { example: value, named: true, head: 0, cell: focusOf(preset) },
          { loads: true },
        );
      }
      case 'dmodel':
      case 'Dk':
      case 'heads': {
        ops.keepValues(this.#kept, s);
        const k = this.#kept;
        if (action === 'dmodel') return edit((x) => ops.setModelDim(x, value, k));
        if (action === 'Dk') return edit((x) => ops.setHeadDim(x, value, k));
        return edit((x) => ops.setHeadCount(x, value, ui.seed, k));
      }
      case 'head':
        return store.setUi({ head: value });
      case 'seed':
        return store.setUi({ seed: value });
      case 'projections':
        ops.forgetProjections(this.#kept);
        if (value === 'designed') return edit((x) => designedState(x));
        return edit((x) => ops.setProjections(x, value, ui.seed));
      case 'wo':
        return edit((x) => ops.setOutputProjection(x, value));
      case 'scale':
        return edit((x) => ({ ...x, scale: value }));
      case 'temperature': {
        // The limits are float32s (0.001 is 0.0010000000474974513): compared and written as float32s.
        const lo = Number(formatFloat32(this.#engine.limits.minTemperature)),
          hi = Number(formatFloat32(this.#engine.limits.maxTemperature));
        if (!(Math.fround(value) >= Math.fround(lo) && Math.fround(value) <= Math.fround(hi))) {
          return this.#temperatureError(
            `Temperature: ${formatPlain(value)} is outside ${formatPlain(lo)} to ${formatPlain(hi)}. ` +
              `Still using ${formatPlain(s.temperature)}.`,
          );
        }
        return edit((x) => ({ ...x, temperature: value }), 'temperature');
      }
      case 'mask':
        return edit((x) => ops.setMaskMode(x, value));
      case 'positions': {
        // A learned table starts from the engine's sinusoidal one: nothing moves until a cell is edited.
        const start = value === 'learned' ? sinusoidalRows(this.#engine, s, store.trace) : null;
        ops.keepValues(this.#kept, s);
        return edit((x) => ops.setPositionMode(x, value, start, this.#kept));
      }
      case 'toggle-mask':
        return edit((x) => ops.toggleMask(x, value[0], value[1]));
      case 'commit':
        return store.commit();
      case 'lab-state':
        return edit(() => value.state, value.group);
      case 'undo':
        return store.undo();
      case 'redo':
        return store.redo();
      case 'reset':
        return store.reset();
      default:
    }
  }

  /** The store's `rejected` { path, message }: on the cell or field it names, else on the controls. */
  rejected({ path, message }) {
    const text = message.slice(path.length + 2);
    let m;
    if ((m = /^state\.(embeddings|wo|positions)\[(\d+)\]\[(\d+)\]/.exec(path))) {
      return this.#cellError(m[1], +m[2], +m[3], text);
    }
    if ((m = /^state\.heads\[(\d+)\]\.(wq|wk|wv)\[(\d+)\]\[(\d+)\]/.exec(path))) {
      return this.#cellError(`heads.${m[1]}.${m[2]}`, +m[3], +m[4], text);
    }
    if (path === 'state.temperature') return this.#temperatureError(`Temperature: ${text}`);
    this.#controls().showError(message);
  }

  #temperatureError(text) {
    return this.#shell.querySelector('scale-panel')?.showError(text);
  }

  // state: the one whose value is still in force (the one an edit is taken back to).
  #cellError(target, r, c, text, state = this.#store.state) {
    const ed = this.#shell.querySelector(`matrix-editor[data-target="${target}"]`);
    const m = target.startsWith('heads.') ? state.heads[target.split('.')[1]]?.[target.split('.')[2]] : state[target];
    const kept = m?.[r]?.[c];
    if (ed) ed.setError(r, c, `${text}${kept !== undefined ? `; still using ${formatPlain(kept)}` : ''}`, kept);
    else this.#controls().showError(text);
  }
}
