// <attention-playground>: the whole pipeline for one state, every tensor recomputed by the engine on every
// edit.  Owns one PlaygroundStore; panels get a model down and send edits up as events.
// API: properties `state` (set throws the engine's message and changes nothing) and `trace`; methods
// undo() and redo(); events `state-change` and `computed` ({ trace, ms }).  Importing this module defines no
// tag of its own: AttentionPlayground.define(tag) does (attention-playground-define.js for the usual name).
import { h, uid, setText, setHidden, fittedBox, afterFrame } from '../widgets/dom.js';
import { loadEngine } from './engine-loader.js';
import { PlaygroundStore } from './playground-store.js';
import { FEATURES, SENTENCES, sentenceState, designedHead } from '../state/presets.js';
import * as ops from '../state/state-ops.js';
import { targetOf } from '../panels/panel.js';
import { formatFloat32, formatNumber, formatPlain } from '../widgets/format.js';
import { adoptStyles } from './styles.js';
import { EMBED_ATTRIBUTES, attributeChanged, connectEmbed } from '../embed/embed-attributes.js';
import './playground-controls.js';
import '../panels/embeddings-panel.js';
import '../panels/projections-panel.js';
import '../panels/scores-panel.js';
import '../panels/scale-panel.js';
import '../panels/mask-panel.js';
import '../panels/weights-panel.js';
import '../panels/sum-panel.js';
import '../panels/output-panel.js';
import { LABS } from '../labs/playground-labs.js';
import { rovingFocus } from '../widgets/grid-keys.js';

/** The panels, by name, in pipeline order: [tag, label in the map]. */
const PANELS = {
  embeddings: ['embeddings-panel', 'E'],
  projections: ['projections-panel', 'Q · K · V'],
  scores: ['scores-panel', '1 QKᵀ'],
  scale: ['scale-panel', '2 ÷√dₖ ÷τ'],
  mask: ['mask-panel', 'mask'],
  weights: ['weights-panel', '3 softmax'],
  sum: ['sum-panel', '4–5 A·V'],
  output: ['output-panel', 'output'],
};

/** The [query, key] a sentence preset is about. */
function focusOf(preset) {
  const tokens = preset.text.split(/\s+/);
  return [Math.max(0, tokens.indexOf(preset.focus[0])), Math.max(0, tokens.indexOf(preset.focus[1]))];
}

const isIdentity = (m) => m.every((row, r) => row.every((x, c) => x === (r === c ? 1 : 0)));

let engine = null;
const QUIET = 700; // ms without a key or an edit before an announcement is spoken

export class AttentionPlayground extends HTMLElement {
  /**
   * Registers this class (or a subclass) as `tag` in `registry` once the page's engine has started, so that
   * `state` is checked the moment it is set.  Resolves to the class the tag names; a tag already defined (the
   * element loaded twice on one page) is left as it is.
   */
  static define(tag = 'attention-playground', registry = customElements) {
    return loadEngine().then(
      (e) => {
        engine = e;
        if (!registry.get(tag)) registry.define(tag, this);
        return registry.get(tag);
      },
      (err) => {
        for (const el of document.querySelectorAll(tag)) {
          el.textContent = `The attention engine could not start: ${err.message}`;
        }
        throw err;
      },
    );
  }

  constructor() {
    super();
    const first = SENTENCES[0];
    this._store = new PlaygroundStore(engine, { seed: 1, named: true, example: first.id, cell: focusOf(first) });
    this._store.set(sentenceState(first.id), 'init');
    /** Values hidden by a smaller size or a sentence change, for as long as the page is open (state-ops.js). */
    this._kept = ops.keptValues();
    this._store.addEventListener('computed', (e) => this._onComputed(e.detail));
    this._store.addEventListener('rejected', (e) => this._onRejected(e.detail));
    this._store.addEventListener('ui', (e) => this._onUi(e.detail));
  }

  connectedCallback() {
    adoptStyles(this);
    if (!this._panels) this._build();
    // A `state` assigned before this element was upgraded is an own property shadowing the setter.
    if (Object.prototype.hasOwnProperty.call(this, 'state')) {
      const s = this.state;
      delete this.state;
      this.state = s;
    }
    this._render(false);
    numberPlaygrounds();
    connectEmbed(this);
    if (!performance.getEntriesByName('attention-playground:interactive').length)
      performance.mark('attention-playground:interactive');
  }

  disconnectedCallback() {
    numberPlaygrounds();
  }

  /** A copy of the engine state shown. */
  get state() {
    return structuredClone(this._store.state);
  }
  set state(s) {
    this._store.set(s);
    this._kept = ops.keptValues(); // a new state: what the old one hid is not its own
    this._store.setUi({ named: false, example: null });
  }

  /** The latest trace (the engine's result for `state`). */
  get trace() {
    return this._store.trace;
  }

  undo() {
    this._store.undo();
  }
  redo() {
    this._store.redo();
  }

  /** Embedding attributes (embed-attributes.js): the initial state, panels, locks; changes apply live. */
  static get observedAttributes() {
    return EMBED_ATTRIBUTES;
  }
  attributeChangedCallback(name) {
    attributeChanged(this, name);
  }

  _build() {
    const id = uid('ap');
    this.classList.add('ap');
    this._controls = h('playground-controls');
    // Live region: the example's point, spoken once when the reader picks an example (an edit leaves it be).
    this._point = h('p', { class: 'point', 'aria-live': 'polite' });
    // Not a live region: the compute time is there to be read, never announced.
    this._status = h('p', { class: 'status' });
    // Live region for the panels' `announce` events: the weight the reader selected, a new warning; only the
    // latest, once the reader has stopped typing and moving for QUIET ms, and never the same text twice running.
    this._say = h('p', { class: 'sr-only', role: 'status' });
    this._sayTimer = 0;
    this._sayNext = null;
    // Labs: all of them as tabs after the pipeline, or the ones `panels` names, each on its own.
    const asked = (this.getAttribute('panels') ?? '').split(/[\s,]+/),
      labs = Object.keys(LABS).filter((n) => asked.includes(n));
    const names = [...Object.keys(PANELS), ...(labs.length ? labs : ['labs'])],
      tags = { ...PANELS, ...LABS, labs: ['playground-labs', 'Labs'] };
    this._panels = names.map((name) => {
      return h(tags[name][0], { id: `${id}-${name}`, 'data-panel': name });
    });
    // One Tab stop for the links: ← → choose a step (grid-keys.js).  Still a nav, its links listed as links.
    // Named like the panels: with several playgrounds on a page, each says which it is (numberPlaygrounds).
    this._which = h('span', { class: 'ap-which', id: `${id}-which`, hidden: true });
    const map = h(
      'nav',
      { class: 'pipeline-map', 'aria-labelledby': `${id}-map ${id}-which` },
      ...names
        .map((name, k) => h('a', { href: `#${id}-${name}` }, tags[name][1]))
        .flatMap((a, k) => (k ? [h('span', { class: 'flow', 'aria-hidden': 'true' }, '→'), a] : [a])),
    );
    // Panels that content-visibility skips (far out of view) take an edit's numbers in a task just after the
    // frame, not in it: the frame that answers an input carries only what can be seen.  A panel coming into
    // view catches up at once.
    this._skipped = new Set();
    this._stale = new Set();
    this._staleTask = false;
    for (const p of this._panels) {
      p.addEventListener('contentvisibilityautostatechange', (e) => {
        if (e.target !== p) return;
        if (e.skipped) this._skipped.add(p);
        else {
          this._skipped.delete(p);
          this._refresh(p);
        }
      });
    }
    rovingFocus(map);
    this._pipeline = h('div', { class: 'pipeline' }, ...this._panels);
    this.replaceChildren(
      this._which,
      h('span', { id: `${id}-map`, hidden: true }, 'Pipeline steps'), // the map's name (its links are replaced)
      this._controls,
      fittedBox(this._point), // its text follows edits (the effect can go): a layout boundary
      map,
      this._pipeline,
      fittedBox(this._status),
      this._say,
    );
    this.addEventListener('announce', (e) => {
      e.stopPropagation();
      this._sayNext = e.detail;
      this._quiet();
    });
    this.addEventListener('input', (e) => this._onEdit(e));
    this.addEventListener('change', (e) => {
      if (e.target.localName === 'matrix-editor') this._store.commit();
    });
    this.addEventListener('cell-select', (e) => this._store.setUi({ cell: [e.detail.row, e.detail.col] }));
    this.addEventListener('control', (e) => this._onControl(e.detail));
    this.addEventListener('keydown', (e) => {
      this._quiet();
      this._onKey(e);
    });
    // With nothing focused (after a click on plain text), shortcuts go to the page's first playground.
    document.addEventListener('keydown', (e) => {
      if (e.target === document.body && document.querySelector(this.localName) === this) this._onKey(e);
    });
  }

  /** (Re)starts the wait before the queued announcement: each key pressed restarts it. */
  _quiet() {
    if (this._sayNext === null) return;
    clearTimeout(this._sayTimer);
    this._sayTimer = setTimeout(() => {
      const text = this._sayNext;
      this._sayNext = null;
      setText(this._say, text);
    }, QUIET);
  }

  _onEdit(e) {
    this._quiet();
    const ed = e.target;
    if (ed.localName !== 'matrix-editor' || !e.detail) return;
    const { row, col, value } = e.detail,
      target = targetOf(ed);
    // The engine's limit, checked here so the message reads as a person writes numbers.
    const max = engine.limits.maxAbsValue;
    if (!(Math.abs(Math.fround(value)) <= max)) {
      return this._cellError(ed.dataset.target, row, col, `${formatPlain(value)} is outside ±${formatPlain(max)}`);
    }
    this._store.edit(ops.setCell(this._store.latest, target, row, col, value), `${ed.dataset.target}:${row}:${col}`);
  }

  _onControl({ action, value }) {
    const store = this._store,
      s = store.latest,
      ui = store.ui;
    const edit = (fn, group = null) => {
      try {
        store.edit(fn(s), group);
      } catch (err) {
        this._controls.showError(err.message);
      }
    };
    switch (action) {
      case 'sentence':
        try {
          ops.keepValues(this._kept, s);
          return store.edit(ops.setSentence(s, value, this._kept), 'sentence', { example: null });
        } catch (err) {
          return this._controls.sentenceError(err.message.replace(/^sentence: /, 'Sentence: '));
        }
      case 'example': {
        const preset = SENTENCES.find((p) => p.id === value);
        this._kept = ops.keptValues();
        return store.edit(sentenceState(value), null, { example: value, named: true, head: 0, cell: focusOf(preset) });
      }
      case 'dmodel':
      case 'Dk':
      case 'heads': {
        ops.keepValues(this._kept, s);
        const k = this._kept;
        if (action === 'dmodel') return edit((x) => ops.setModelDim(x, value, k));
        if (action === 'Dk') return edit((x) => ops.setHeadDim(x, value, k));
        return edit((x) => ops.setHeadCount(x, value, ui.seed, k));
      }
      case 'head':
        return store.setUi({ head: value });
      case 'seed':
        return store.setUi({ seed: value });
      case 'projections':
        ops.forgetProjections(this._kept);
        if (value === 'designed') return edit((x) => this._designed(x));
        return edit((x) => ops.setProjections(x, value, ui.seed));
      case 'wo':
        return edit((x) => ops.setOutputProjection(x, value));
      case 'scale':
        return edit((x) => ({ ...x, scale: value }));
      case 'temperature': {
        // The limits are float32s (0.001 is 0.0010000000474974513): compared and written as float32s.
        const lo = Number(formatFloat32(engine.limits.minTemperature)),
          hi = Number(formatFloat32(engine.limits.maxTemperature));
        if (!(Math.fround(value) >= Math.fround(lo) && Math.fround(value) <= Math.fround(hi))) {
          return this.querySelector('scale-panel')?.showError(
            `Temperature: ${formatPlain(value)} is outside ${formatPlain(lo)} to ${formatPlain(hi)}. ` +
              `Still using ${formatPlain(s.temperature)}.`,
          );
        }
        return edit((x) => ({ ...x, temperature: value }), 'temperature');
      }
      case 'mask':
        return edit((x) => ops.setMaskMode(x, value));
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
      default:
    }
  }

  // The hand-made head for every head, resized to the current D and d_k; W_O back to none.
  _designed(s) {
    const { D, Dk, H } = ops.dims(s);
    const head = designedHead();
    const fit = (m) => ops.resize(m, D, Dk);
    return {
      ...s,
      heads: Array.from({ length: H }, () => ({ wq: fit(head.wq), wk: fit(head.wk), wv: fit(head.wv) })),
      wo: s.wo ? ops.setOutputProjection(s, true).wo : null,
    };
  }

  /**
   * null while the example still shows its point: its focus token attends most to an expected word, with at
   * least half the weight it gives it in the example as loaded.  Otherwise what the edits made of it.
   */
  _effectGone(preset, state, trace) {
    const share = (s, t) => {
      const T = s.tokens.length,
        i = s.tokens.indexOf(preset.focus[0]);
      if (i < 0) return { sum: 0, top: false };
      const w = t.heads[0].weights.data.subarray(i * T, (i + 1) * T);
      let top = 0,
        sum = 0;
      for (let j = 0; j < T; j++) {
        if (w[j] > w[top]) top = j;
        if (preset.expect.includes(s.tokens[j])) sum += w[j];
      }
      return { sum, top: preset.expect.includes(s.tokens[top]) };
    };
    this._baselines ??= new Map();
    if (!this._baselines.has(preset.id)) {
      const s = sentenceState(preset.id);
      this._baselines.set(preset.id, share(s, engine.run(s)).sum);
    }
    const was = this._baselines.get(preset.id),
      now = share(state, trace);
    if (now.top && now.sum >= was / 2) return null;
    const words = preset.expect.map((w) => `“${w}”`).join(' and ');
    return (
      `“${preset.focus[0]}” now gives ${words} ${formatNumber(now.sum)}, against ${formatNumber(was)} in the ` +
      'example as loaded: undo, or choose the example again, to see its point.'
    );
  }

  _onKey(e) {
    if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
    const k = e.key.toLowerCase();
    if (k === 'z') this._store[e.shiftKey ? 'redo' : 'undo']();
    else if (k === 'y') this._store.redo();
    else return;
    e.preventDefault();
  }

  _onComputed({ trace, ms, cause }) {
    if (!this._panels) return;
    this._controls.clearError();
    if (cause === 'undo' || cause === 'redo' || cause === 'set') {
      for (const ed of this.querySelectorAll('matrix-editor')) ed.clearErrors();
    }
    this._render(cause !== 'set' && cause !== 'init', cause);
    this.dispatchEvent(new CustomEvent('computed', { detail: { trace, ms } }));
    if (cause !== 'set' && cause !== 'init') {
      const store = this._store;
      this.dispatchEvent(
        new CustomEvent('state-change', {
          detail: {
            get state() {
              return structuredClone(store.state);
            },
          },
        }),
      );
    }
  }

  _onRejected({ path, message }) {
    const text = message.slice(path.length + 2);
    let m;
    if ((m = /^state\.(embeddings|wo)\[(\d+)\]\[(\d+)\]/.exec(path))) {
      return this._cellError(m[1], +m[2], +m[3], text);
    }
    if ((m = /^state\.heads\[(\d+)\]\.(wq|wk|wv)\[(\d+)\]\[(\d+)\]/.exec(path))) {
      return this._cellError(`heads.${m[1]}.${m[2]}`, +m[3], +m[4], text);
    }
    if (path === 'state.temperature') return this.querySelector('scale-panel')?.showError(`Temperature: ${text}`);
    this._controls.showError(message);
  }

  _cellError(target, r, c, text) {
    const ed = this.querySelector(`matrix-editor[data-target="${target}"]`);
    const m = target.startsWith('heads.')
      ? this._store.state.heads[target.split('.')[1]]?.[target.split('.')[2]]
      : this._store.state[target];
    const kept = m?.[r]?.[c];
    if (ed) ed.setError(r, c, `${text}${kept !== undefined ? `; still using ${formatPlain(kept)}` : ''}`, kept);
    else this._controls.showError(text);
  }

  _onUi({ changed }) {
    if (!this._panels) return;
    if (changed.some((k) => k !== 'cell' && k !== 'seed')) this._render(false, 'ui');
    else if (changed.includes('cell')) {
      const cell = this._store.ui.cell;
      this._model = { ...this._model, cell };
      for (const p of this._panels) if (!this._stale.has(p)) p.selection = cell;
    }
  }

  /** A panel that missed edits while skipped gets the latest model. */
  _refresh(p) {
    if (this._stale.delete(p)) p.model = this._model;
  }

  _refreshLater() {
    if (this._staleTask) return;
    this._staleTask = true;
    const run = () => {
      this._staleTask = false;
      for (const p of [...this._stale]) this._refresh(p);
    };
    afterFrame(run);
  }

  _render(mark, cause = 'set') {
    if (!this._panels) return;
    const { state, trace, ui, ms } = this._store;
    const oneHead = state.heads.length === 1 && !state.wo;
    const model = {
      state,
      trace,
      head: ui.head,
      cell: ui.cell,
      mark,
      names: ui.named ? FEATURES : null,
      outNames: ui.named && oneHead && isIdentity(state.heads[0].wv) ? FEATURES : null,
    };
    // Short sentences put the three T×T steps in one row; long ones give each the full width.
    this._pipeline.classList.toggle('long', state.tokens.length > 6);
    this._pipeline.classList.toggle('multi', state.heads.length > 1 || !!state.wo);
    this._model = model;
    const later = cause === 'edit'; // only the hot path: a state set from script is complete on return
    for (const p of this._panels) {
      if (later && this._skipped.has(p)) this._stale.add(p);
      else {
        this._stale.delete(p);
        p.model = model;
      }
    }
    if (this._stale.size) this._refreshLater();
    this._controls.model = {
      state,
      head: ui.head,
      seed: ui.seed,
      canUndo: this._store.canUndo,
      canRedo: this._store.canRedo,
      limits: engine.limits,
      example: ui.example,
      sync: cause !== 'edit',
    };
    const preset = SENTENCES.find((p) => p.id === ui.example);
    setHidden(this._point, !preset);
    if (preset) {
      const gone = this._effectGone(preset, state, trace);
      if (this._point.classList.contains('gone') !== !!gone) this._point.classList.toggle('gone', !!gone);
      setText(this._point, gone || preset.point);
    }
    setText(this._status, `Computed by the WebAssembly engine in ${ms < 0.1 ? '<0.1' : ms.toFixed(1)} ms`);
  }
}

// Panels and maps are landmarks named by their headings: with several playgrounds on a page, each
// playground's are told apart by "playground k of n" (empty with one alone).
function numberPlaygrounds() {
  const all = [...document.querySelectorAll('.ap > .ap-which')];
  all.forEach((which, k) => setText(which, all.length > 1 ? `playground ${k + 1} of ${all.length}` : ''));
}
