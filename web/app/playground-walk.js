// The walk of one <attention-playground>: which step is shown (the store's ui.step, null when no walk runs),
// Play's timer, the `step` and `query` attributes and properties, and the `step-change` event.  A walk
// changes no state, so it runs under readonly too.  What a step lights and says comes from walk-steps.js.
import { WALK_STEPS, STEP_NAMES, walkLit, narrate } from '../panels/walk-steps.js';

/** The attributes the walk reads; the element observes them beside the embedding attributes. */
export const WALK_ATTRIBUTES = ['step', 'query'];

/** ms between steps while playing. */
export const PLAY_INTERVAL = 1500;
/** The scores step's keys while playing: the whole sweep takes about KEY_SWEEP ms, each key at least the minimum. */
const KEY_SWEEP = 6000,
  KEY_INTERVAL_MIN = 500;

export class PlaygroundWalk {
  /**
   * el: the playground; store: its PlaygroundStore; report(source, message|null) shows an attribute's
   * problem; refresh() hands the panels the walk again (Play or Pause changed, nothing else); announce(text)
   * queues text for the element's live region.
   */
  constructor(el, store, { report, refresh, announce }) {
    this._el = el;
    this._store = store;
    this._report = report;
    this._refresh = refresh;
    this._announce = announce;
    // A state set from outside (attributes, src, a link, a file) selects its own cell: the query attribute
    // still wins, once the setter's own selection is done.
    store.addEventListener('computed', (e) => {
      if (e.detail.cause === 'set' && el.hasAttribute('query')) queueMicrotask(() => this.applyAttributes());
    });
    this._timer = 0;
    this._last = null; // the (step, query) last announced, as "step:query"
    this._quiet = true; // no announcement until the element has settled (its attributes applied)
    this._applying = false;
  }

  get step() {
    return this._store.ui.step ?? null;
  }

  get playing() {
    return this._timer !== 0;
  }

  /** The walk as the panels take it, for the store's current trace: null when no walk runs. */
  model() {
    const step = this.step;
    if (!step) return null;
    const { state, trace, ui } = this._store;
    const [i, j] = ui.cell;
    return {
      step,
      query: i,
      key: j,
      playing: this.playing,
      lit: this._litOf(step, trace, ui.head, i, j),
      narration: narrate(step, state, trace, ui.head, i, j),
    };
  }

  // The lit cells depend on the step, the cell, the head and the shapes (and the mask, for weigh's values),
  // not on the numbers: an edit hands every view the same lists, which they then skip.
  _litOf(step, trace, head, i, j) {
    const ht = trace.heads[head],
      T = ht.weights.cols;
    let key = `${step}|${head}|${i}|${j}|${T}|${ht.q.cols}|${trace.concat.cols}|${trace.output.cols}`;
    if (step === 'weigh') for (let c = 0; c < T; c++) key += ht.masked.data[i * T + c] === -Infinity ? 'x' : '.';
    if (key !== this._litKey) {
      this._litKey = key;
      this._lit = walkLit(step, trace, head, i, j);
    }
    return this._lit;
  }

  /** A `walk` event from the controls: { action, value }. */
  act({ action, value }) {
    const k = STEP_NAMES.indexOf(this.step);
    switch (action) {
      case 'play':
        if (this.playing) return this._pause();
        if (k < 0 || k === STEP_NAMES.length - 1) this.go(STEP_NAMES[0]);
        return this._play();
      case 'next':
        return this.go(STEP_NAMES[Math.min(k + 1, STEP_NAMES.length - 1)]);
      case 'previous':
        return this.go(STEP_NAMES[Math.max(k - 1, 0)]);
      case 'step':
        return this.go(value);
      case 'query':
        return this._select(value, this._store.ui.cell[1]);
      case 'key':
        return this._select(this._store.ui.cell[0], value);
      case 'end':
        this._pause();
        return this.go(null);
      default:
    }
  }

  /** Shows step (a name, or null to end the walk). */
  go(step) {
    this._store.setUi({ step });
  }

  _select(i, j) {
    this._store.setUi({ cell: [i, j] });
  }

  // Play walks on one step (or, in the scores step, one key) per tick: the scores step meets the keys one at a
  // time, from the first, faster where there are many (every key of 24 tokens in 12 s, not 36).
  _play() {
    this._timer = setTimeout(() => this._tick(), this._interval());
    this._refresh();
  }

  _interval() {
    const T = this._store.state.tokens.length;
    return this.step === 'scores' ? Math.max(KEY_INTERVAL_MIN, Math.min(PLAY_INTERVAL, KEY_SWEEP / T)) : PLAY_INTERVAL;
  }

  _tick() {
    const k = STEP_NAMES.indexOf(this.step),
      [i, j] = this._store.ui.cell,
      T = this._store.state.tokens.length;
    if (k < 0 || k >= STEP_NAMES.length - 1) return this._pause();
    if (this.step === 'scores' && j < T - 1) this._select(i, j + 1);
    else {
      this.go(STEP_NAMES[k + 1]);
      if (STEP_NAMES[k + 1] === 'scores') this._select(i, 0);
    }
    if (this.step === STEP_NAMES[STEP_NAMES.length - 1]) return this._pause();
    this._timer = setTimeout(() => this._tick(), this._interval());
  }

  _pause() {
    if (!this._timer) return;
    clearTimeout(this._timer);
    this._timer = 0;
    this._refresh();
  }

  /** The element left the page: the timer stops. */
  stop() {
    this._pause();
  }

  /**
   * After any change of what is shown: a new step or query fires `step-change`, is announced (once the
   * element has settled) and is written back to the attributes.
   */
  changed() {
    const step = this.step,
      [i, j] = this._store.ui.cell,
      query = i + 1;
    // The scores step explains one key: a new key there is a new narration, announced too.
    const said = step ? `${step}:${query}${step === 'scores' ? `:${j}` : ''}` : null;
    if (said !== this._said) {
      this._said = said;
      if (step && !this._quiet) this._announce(`${stepTitle(step)}. ${this.model().narration}`);
    }
    const at = step ? `${step}:${query}` : null;
    if (at === this._last) return;
    const started = this._last !== null || step !== null;
    this._last = at;
    if (!started) return;
    this._reflect(step, query);
    this._el.dispatchEvent(new CustomEvent('step-change', { bubbles: true, composed: true, detail: { step, query } }));
  }

  /** From then on, step and query changes are announced. */
  settle() {
    this._quiet = false;
  }

  _reflect(step, query) {
    this._applying = true;
    const el = this._el;
    if (step) {
      if (el.getAttribute('step') !== step) el.setAttribute('step', step);
      if (el.getAttribute('query') !== String(query)) el.setAttribute('query', String(query));
    } else if (el.hasAttribute('step')) el.removeAttribute('step');
    this._applying = false;
  }

  /** The element's `step` property: a step's name, or null (or '') to end the walk; anything else throws. */
  setStepProperty(name) {
    if (name === null || name === undefined || name === '') return this.act({ action: 'end' });
    if (!STEP_NAMES.includes(name))
      throw new Error(`step: expected one of ${STEP_NAMES.join(', ')}, got ${JSON.stringify(name)}`);
    this.go(name);
  }

  /** The element's `query` property: a 1-based token position; anything else throws. */
  setQueryProperty(n) {
    const T = this._store.state.tokens.length;
    if (!Number.isInteger(n) || n < 1 || n > T)
      throw new Error(`query: expected a whole number from 1 to ${T} (a token's position), got ${JSON.stringify(n)}`);
    this._select(n - 1, this._store.ui.cell[1]);
  }

  /** Applies the `step` and `query` attributes; a bad value is named and skipped. */
  applyAttributes() {
    if (this._applying) return;
    const el = this._el;
    const step = el.getAttribute('step'),
      query = el.getAttribute('query');
    if (query !== null) this.setQuery(query, 'query');
    else this._report('query', null);
    if (step !== null) this.setStep(step, 'step');
    else {
      this._report('step', null);
      if (this.step) {
        this._pause();
        this.go(null);
      }
    }
  }

  /**
   * Sets the step from text (an attribute, a link, the property); where: the source a problem is reported
   * under.  Returns whether it was used.
   */
  setStep(text, where) {
    const name = String(text).trim();
    if (!STEP_NAMES.includes(name)) {
      this._report(where, `${where}="${text}": expected one of ${STEP_NAMES.join(', ')}`);
      return false;
    }
    this._report(where, null);
    this.go(name);
    return true;
  }

  /** Sets the query from a 1-based token position in text. */
  setQuery(text, where) {
    const T = this._store.state.tokens.length,
      v = Number(text);
    if (String(text).trim() === '' || !Number.isInteger(v) || v < 1 || v > T) {
      this._report(where, `${where}="${text}": expected a whole number from 1 to ${T} (a token's position)`);
      return false;
    }
    this._report(where, null);
    this._select(v - 1, this._store.ui.cell[1]);
    return true;
  }
}

function stepTitle(step) {
  const k = STEP_NAMES.indexOf(step);
  return `Step ${k + 1} of ${STEP_NAMES.length}, ${WALK_STEPS[k].title}`;
}
