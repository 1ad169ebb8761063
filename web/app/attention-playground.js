// <attention-playground>: the whole pipeline for one state, every tensor recomputed by the engine on every
// edit.  Owns one PlaygroundStore; panels get a model down and send edits up as events.
// API: properties `state` (set throws the engine's message and changes nothing), `trace`, `step` and `query`
// (the walk: a step's name or null, a 1-based token); methods undo() and redo(); events `state-change`,
// `computed` ({ trace, ms }) and `step-change` ({ step, query }).  Importing this module defines no
// tag of its own: AttentionPlayground.define(tag) does (attention-playground-define.js for the usual name).
import { h, uid, setText, setHidden, fittedBox, afterFrame } from '../widgets/dom.js';
import { loadEngine } from './engine-loader.js';
import { PlaygroundStore } from './playground-store.js';
import { FEATURES, SENTENCES, sentenceState, designedHead } from '../state/presets.js';
import * as ops from '../state/state-ops.js';
import { targetOf } from '../panels/panel.js';
import { formatFloat32, formatNumber, formatPlain } from '../widgets/format.js';
import { adoptStyles } from './styles.js';
import {
  EMBED_ATTRIBUTES,
  EMBED_CSS,
  attributeChanged,
  connectEmbed,
  lockedMatrices,
  report,
} from '../embed/embed-attributes.js';
import { PlaygroundWalk, WALK_ATTRIBUTES } from './playground-walk.js';
import { STEP_NAMES } from '../panels/walk-steps.js';
import './playground-controls.js';
import { PANELS, LABS, LAB_TABS, canonicalName } from './registry.js';
import { LAB_CSS } from '../labs/lab-kit.js';
import { rovingFocus } from '../widgets/grid-keys.js';
import { themeFor, watchTheme } from '../widgets/theme.js';
import { repaintThemed } from '../widgets/matrix-view.js';

/** The [query, key] a sentence preset is about. */
function focusOf(preset) {
  const tokens = preset.text.split(/\s+/);
  return [Math.max(0, tokens.indexOf(preset.focus[0])), Math.max(0, tokens.indexOf(preset.focus[1]))];
}

const isIdentity = (m) => m.every((row, r) => row.every((x, c) => x === (r === c ? 1 : 0)));

let engine = null;
const connected = new Set(); // the playgrounds in a document now
const QUIET = 700; // ms without a key or an edit before an announcement is spoken

export class AttentionPlayground extends HTMLElement {
  #baselines = null;
  #controls;
  #kept;
  #model;
  #panels = null;
  #pipeline;
  #point;
  #say;
  #sayNext;
  #sayTimer;
  #skipped;
  #stale;
  #staleTask;
  #status;
  #store;
  #unwatchTheme = null;
  /** The walk through one query (playground-walk.js); it starts reading attributes once they are in. */
  #walk;
  #walkReady = false;
  #which;
  /** The shadow root's one child, the `.ap` box every part renders into (one root: ids and ::part() work). */
  #shell;
  /** What the embedding code (embed/) gets of this element: handed to it, not read from private fields. */
  #host;

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

  /**
   * Panels and maps are landmarks named by their headings: with several playgrounds on a page, each
   * playground's are told apart by "playground k of n" (empty with one alone), in the page's order.
   */
  static #numberAll() {
    const all = [...connected].sort((a, b) =>
      a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1,
    );
    all.forEach((el, k) => setText(el.#which, all.length > 1 ? `playground ${k + 1} of ${all.length}` : ''));
  }

  constructor() {
    super();
    const first = SENTENCES[0];
    this.#store = new PlaygroundStore(engine, { seed: 1, named: true, example: first.id, cell: focusOf(first) });
    this.#store.set(sentenceState(first.id), 'init');
    /** Values hidden by a smaller size or a sentence change, for as long as the page is open (state-ops.js). */
    this.#kept = ops.keptValues();
    this.#store.addEventListener('computed', (e) => this.#onComputed(e.detail));
    this.#store.addEventListener('rejected', (e) => this.#onRejected(e.detail));
    this.#store.addEventListener('ui', (e) => this.#onUi(e.detail));
    const root = this.attachShadow({ mode: 'open' });
    this.#shell = h('div', { class: 'ap', part: 'root' });
    root.append(this.#shell);
    adoptStyles(root, EMBED_CSS, LAB_CSS);
    const self = this;
    this.#host = {
      element: this,
      root: this.#shell,
      store: this.#store,
      get panels() {
        return self.#panels;
      },
      get pipeline() {
        return self.#pipeline;
      },
      get controls() {
        return self.#controls;
      },
      get point() {
        return self.#point;
      },
      get status() {
        return self.#status;
      },
      render: (mark) => this.#render(mark),
    };
    this.#walk = new PlaygroundWalk(this, this.#store, {
      report: (source, problem) => report(this.#host, source, problem),
      refresh: () => this.#showWalk(),
      announce: (text) => {
        this.#sayNext = text;
        this.#quiet();
      },
    });
  }

  connectedCallback() {
    if (!this.#panels) this.#build();
    // A `state` assigned before this element was upgraded is an own property shadowing the setter.
    if (Object.prototype.hasOwnProperty.call(this, 'state')) {
      const s = this.state;
      delete this.state;
      this.state = s;
    }
    this.#render(false);
    connected.add(this);
    AttentionPlayground.#numberAll();
    connectEmbed(this.#host);
    this.#unwatchTheme ??= watchTheme(() => this.#applyTheme());
    this.#applyTheme();
    // After the embedding attributes (their state, and a preset's selected cell) are in: a microtask queued
    // behind theirs.  Announcements start once the first task is over.
    queueMicrotask(() =>
      queueMicrotask(() => {
        this.#walkReady = true;
        this.#walk.applyAttributes();
        setTimeout(() => this.#walk.settle(), 0);
      }),
    );
    if (!performance.getEntriesByName('attention-playground:interactive').length)
      performance.mark('attention-playground:interactive');
  }

  disconnectedCallback() {
    connected.delete(this);
    AttentionPlayground.#numberAll();
    this.#unwatchTheme?.();
    this.#unwatchTheme = null;
    this.#walk.stop();
  }

  /** Shows the theme the `theme` attribute or the page around asks for; a switch repaints the canvases. */
  #applyTheme() {
    if (!this.#panels) return;
    const theme = themeFor(this);
    // A forced theme may differ from the page: then the element brings its own background.
    const shell = this.#shell;
    shell.toggleAttribute('data-ap-forced', theme === this.getAttribute('theme'));
    if (shell.getAttribute('data-ap-theme') === theme) return;
    shell.setAttribute('data-ap-theme', theme);
    repaintThemed();
    this.#render(false);
  }

  /** A copy of the engine state shown. */
  get state() {
    return structuredClone(this.#store.state);
  }
  set state(s) {
    this.#store.set(s);
    this.#kept = ops.keptValues(); // a new state: what the old one hid is not its own
    this.#store.setUi({ named: false, example: null });
  }

  /** The latest trace (the engine's result for `state`). */
  get trace() {
    return this.#store.trace;
  }

  /** The walk's step (one of projections, scores, scale, mask, softmax, weigh, sum), or null: no walk. */
  get step() {
    return this.#walk.step;
  }
  set step(name) {
    if (name === null || name === undefined || name === '') {
      this.#walk.act({ action: 'end' });
      return;
    }
    if (!STEP_NAMES.includes(name))
      throw new Error(`step: expected one of ${STEP_NAMES.join(', ')}, got ${JSON.stringify(name)}`);
    this.#walk.go(name);
  }

  /** The query token the walk follows (the selected row), 1-based. */
  get query() {
    return this.#store.ui.cell[0] + 1;
  }
  set query(n) {
    const T = this.#store.state.tokens.length;
    if (!Number.isInteger(n) || n < 1 || n > T)
      throw new Error(`query: expected a whole number from 1 to ${T} (a token's position), got ${JSON.stringify(n)}`);
    this.#store.setUi({ cell: [n - 1, this.#store.ui.cell[1]] });
  }

  undo() {
    this.#store.undo();
  }
  redo() {
    this.#store.redo();
  }

  /** Embedding attributes (embed-attributes.js): the initial state, panels, locks; changes apply live. */
  static get observedAttributes() {
    return [...EMBED_ATTRIBUTES, ...WALK_ATTRIBUTES];
  }
  attributeChangedCallback(name) {
    if (name === 'theme') this.#applyTheme();
    if (!WALK_ATTRIBUTES.includes(name)) attributeChanged(this.#host, name);
    else if (this.#walkReady) this.#walk.applyAttributes();
  }

  #build() {
    const id = uid('ap');
    this.#controls = h('playground-controls', { part: 'controls' });
    // Live region: the example's point, spoken once when the reader picks an example (an edit leaves it be).
    this.#point = h('p', { class: 'point', 'aria-live': 'polite' });
    // Not a live region: the compute time is there to be read, never announced.
    this.#status = h('p', { class: 'status' });
    // Live region for the panels' `announce` events: the weight the reader selected, a new warning; only the
    // latest, once the reader has stopped typing and moving for QUIET ms, and never the same text twice running.
    this.#say = h('p', { class: 'sr-only', role: 'status' });
    this.#sayTimer = 0;
    this.#sayNext = null;
    // Labs: all of them as tabs after the pipeline, or the ones `panels` names, each on its own.
    const asked = (this.getAttribute('panels') ?? '').split(/[\s,]+/).map(canonicalName),
      labs = LABS.filter((lab) => asked.includes(lab.name));
    const parts = [...PANELS, ...(labs.length ? labs : [LAB_TABS])];
    // ::part() names for the host page: every panel, and the labs (as tabs or one by one).
    this.#panels = parts.map((p) =>
      h(p.tag, {
        id: `${id}-${p.name}`,
        'data-panel': p.name,
        'data-span': p.span,
        'data-multi': p.multi,
        part: PANELS.includes(p) ? 'panel' : 'panel labs',
      }),
    );
    if (!labs.length) this.#panels.at(-1).labs = LABS;
    // One Tab stop for the links: ← → choose a step (grid-keys.js).  Still a nav, its links listed as links.
    // Named like the panels: with several playgrounds on a page, each says which it is (#numberAll).
    this.#which = h('span', { class: 'ap-which', id: `${id}-which`, hidden: true });
    const map = h(
      'nav',
      { class: 'pipeline-map', 'aria-labelledby': `${id}-map ${id}-which` },
      ...parts
        .map((p) => h('a', { href: `#${id}-${p.name}` }, p.label))
        .flatMap((a, k) => (k ? [h('span', { class: 'flow', 'aria-hidden': 'true' }, '→'), a] : [a])),
    );
    // Panels that content-visibility skips (far out of view) take an edit's numbers in a task just after the
    // frame, not in it: the frame that answers an input carries only what can be seen.  A panel coming into
    // view catches up at once.
    this.#skipped = new Set();
    this.#stale = new Set();
    this.#staleTask = false;
    for (const p of this.#panels) {
      p.addEventListener('contentvisibilityautostatechange', (e) => {
        if (e.target !== p) return;
        if (e.skipped) this.#skipped.add(p);
        else {
          this.#skipped.delete(p);
          this.#refresh(p);
        }
      });
    }
    rovingFocus(map);
    this.#pipeline = h('div', { class: 'pipeline' }, ...this.#panels);
    const shell = this.#shell;
    shell.replaceChildren(
      this.#which,
      h('span', { id: `${id}-map`, hidden: true }, 'Pipeline steps'), // the map's name (its links are replaced)
      this.#controls,
      fittedBox(this.#point), // its text follows edits (the effect can go): a layout boundary
      map,
      this.#pipeline,
      fittedBox(this.#status),
      this.#say,
    );
    shell.addEventListener('announce', (e) => {
      e.stopPropagation();
      this.#sayNext = e.detail;
      this.#quiet();
    });
    shell.addEventListener('input', (e) => this.#onEdit(e));
    shell.addEventListener('change', (e) => {
      if (e.target.localName === 'matrix-editor') this.#store.commit();
    });
    shell.addEventListener('cell-select', (e) => this.#store.setUi({ cell: [e.detail.row, e.detail.col] }));
    shell.addEventListener('control', (e) => this.#onControl(e.detail));
    shell.addEventListener('walk', (e) => {
      e.stopPropagation();
      this.#walk.act(e.detail);
    });
    shell.addEventListener('keydown', (e) => {
      this.#quiet();
      this.#onKey(e);
    });
    // With nothing focused (after a click on plain text), shortcuts go to the page's first playground.
    document.addEventListener('keydown', (e) => {
      if (e.target === document.body && document.querySelector(this.localName) === this) this.#onKey(e);
    });
  }

  /** (Re)starts the wait before the queued announcement: each key pressed restarts it. */
  #quiet() {
    if (this.#sayNext === null) return;
    clearTimeout(this.#sayTimer);
    this.#sayTimer = setTimeout(() => {
      const text = this.#sayNext;
      this.#sayNext = null;
      setText(this.#say, text);
    }, QUIET);
  }

  #onEdit(e) {
    this.#quiet();
    const ed = e.target;
    if (ed.localName !== 'matrix-editor' || !e.detail) return;
    const { row, col, value } = e.detail,
      target = targetOf(ed);
    // The engine's limit, checked here so the message reads as a person writes numbers.
    const max = engine.limits.maxAbsValue;
    if (!(Math.abs(Math.fround(value)) <= max)) {
      return this.#cellError(ed.dataset.target, row, col, `${formatPlain(value)} is outside ±${formatPlain(max)}`);
    }
    this.#store.edit(ops.setCell(this.#store.latest, target, row, col, value), `${ed.dataset.target}:${row}:${col}`);
  }

  #onControl({ action, value }) {
    const store = this.#store,
      s = store.latest,
      ui = store.ui;
    const edit = (fn, group = null) => {
      try {
        store.edit(fn(s), group);
      } catch (err) {
        this.#controls.showError(err.message);
      }
    };
    switch (action) {
      case 'sentence':
        try {
          ops.keepValues(this.#kept, s);
          return store.edit(ops.setSentence(s, value, this.#kept), 'sentence', { example: null });
        } catch (err) {
          return this.#controls.sentenceError(err.message.replace(/^sentence: /, 'Sentence: '));
        }
      case 'example': {
        const preset = SENTENCES.find((p) => p.id === value);
        this.#kept = ops.keptValues();
        return store.edit(sentenceState(value), null, { example: value, named: true, head: 0, cell: focusOf(preset) });
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
        if (value === 'designed') return edit((x) => this.#designed(x));
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
          return this.#shell
            .querySelector('scale-panel')
            ?.showError(
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
        const start = value === 'learned' ? this.#sinusoidal(s) : null;
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
      default:
    }
  }

  // The sinusoidal table of the state's size, as rows: the engine's, from the trace when it already has one.
  #sinusoidal(s) {
    const P =
      s.positions === 'sinusoidal'
        ? this.#store.trace.positions
        : engine.run({ ...s, positions: 'sinusoidal' }).positions;
    return Array.from({ length: P.rows }, (_, r) => Array.from(P.data.subarray(r * P.cols, (r + 1) * P.cols)));
  }

  // The hand-made head for every head, resized to the current D and d_k; W_O back to none.
  #designed(s) {
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
  #effectGone(preset, state, trace) {
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
    this.#baselines ??= new Map();
    if (!this.#baselines.has(preset.id)) {
      const s = sentenceState(preset.id);
      this.#baselines.set(preset.id, share(s, engine.run(s)).sum);
    }
    const was = this.#baselines.get(preset.id),
      now = share(state, trace);
    if (now.top && now.sum >= was / 2) return null;
    const words = preset.expect.map((w) => `“${w}”`).join(' and ');
    return (
      `“${preset.focus[0]}” now gives ${words} ${formatNumber(now.sum)}, against ${formatNumber(was)} in the ` +
      'example as loaded: undo, or choose the example again, to see its point.'
    );
  }

  #onKey(e) {
    if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
    const k = e.key.toLowerCase();
    if (k === 'z') this.#store[e.shiftKey ? 'redo' : 'undo']();
    else if (k === 'y') this.#store.redo();
    else return;
    e.preventDefault();
  }

  #onComputed({ trace, ms, cause }) {
    if (!this.#panels) return;
    this.#controls.clearError();
    if (cause === 'undo' || cause === 'redo' || cause === 'set') {
      for (const ed of this.#shell.querySelectorAll('matrix-editor')) ed.clearErrors();
    }
    this.#render(cause !== 'set' && cause !== 'init', cause);
    this.dispatchEvent(new CustomEvent('computed', { composed: true, detail: { trace, ms } }));
    if (cause !== 'set' && cause !== 'init') {
      const store = this.#store;
      this.dispatchEvent(
        new CustomEvent('state-change', {
          composed: true,
          detail: {
            get state() {
              return structuredClone(store.state);
            },
          },
        }),
      );
    }
  }

  #onRejected({ path, message }) {
    const text = message.slice(path.length + 2);
    let m;
    if ((m = /^state\.(embeddings|wo|positions)\[(\d+)\]\[(\d+)\]/.exec(path))) {
      return this.#cellError(m[1], +m[2], +m[3], text);
    }
    if ((m = /^state\.heads\[(\d+)\]\.(wq|wk|wv)\[(\d+)\]\[(\d+)\]/.exec(path))) {
      return this.#cellError(`heads.${m[1]}.${m[2]}`, +m[3], +m[4], text);
    }
    if (path === 'state.temperature')
      return this.#shell.querySelector('scale-panel')?.showError(`Temperature: ${text}`);
    this.#controls.showError(message);
  }

  #cellError(target, r, c, text) {
    const ed = this.#shell.querySelector(`matrix-editor[data-target="${target}"]`);
    const m = target.startsWith('heads.')
      ? this.#store.state.heads[target.split('.')[1]]?.[target.split('.')[2]]
      : this.#store.state[target];
    const kept = m?.[r]?.[c];
    if (ed) ed.setError(r, c, `${text}${kept !== undefined ? `; still using ${formatPlain(kept)}` : ''}`, kept);
    else this.#controls.showError(text);
  }

  #onUi({ changed }) {
    if (!this.#panels) return;
    if (changed.some((k) => k !== 'cell' && k !== 'seed' && k !== 'step')) this.#render(false, 'ui');
    else if (changed.includes('cell') || changed.includes('step')) {
      const cell = this.#store.ui.cell;
      this.#model = { ...this.#model, cell };
      if (changed.includes('cell')) for (const p of this.#panels) if (!this.#stale.has(p)) p.selection = cell;
      this.#showWalk();
    }
    this.#walk.changed();
  }

  /** Hands every panel the walk as it is now (its step, its lit cells, its narration), and nothing else. */
  #showWalk() {
    if (!this.#panels) return;
    const walk = this.#walk.model();
    if (!walk && !this.#model.walk) return;
    this.#model = { ...this.#model, walk };
    for (const p of this.#panels) if (!this.#stale.has(p)) p.walk = walk;
  }

  /** A panel that missed edits while skipped gets the latest model. */
  #refresh(p) {
    if (this.#stale.delete(p)) p.model = this.#model;
  }

  #refreshLater() {
    if (this.#staleTask) return;
    this.#staleTask = true;
    const run = () => {
      this.#staleTask = false;
      for (const p of [...this.#stale]) this.#refresh(p);
    };
    afterFrame(run);
  }

  #render(mark, cause = 'set') {
    if (!this.#panels) return;
    const { state, trace, ui, ms } = this.#store;
    const oneHead = state.heads.length === 1 && !state.wo;
    const model = {
      state,
      trace,
      head: ui.head,
      cell: ui.cell,
      mark,
      names: ui.named ? FEATURES : null,
      outNames: ui.named && oneHead && isIdentity(state.heads[0].wv) ? FEATURES : null,
      locked: lockedMatrices(this), // the state's matrices that `readonly` or `editable` lock (the train lab's)
      walk: this.#walk.model(),
    };
    // Short sentences put the three T×T steps in one row; long ones give each the full width.
    this.#pipeline.classList.toggle('long', state.tokens.length > 6);
    this.#pipeline.classList.toggle('multi', state.heads.length > 1 || !!state.wo);
    this.#model = model;
    const later = cause === 'edit'; // only the hot path: a state set from script is complete on return
    for (const p of this.#panels) {
      if (later && this.#skipped.has(p)) this.#stale.add(p);
      else {
        this.#stale.delete(p);
        p.model = model;
      }
    }
    if (this.#stale.size) this.#refreshLater();
    this.#controls.model = {
      state,
      head: ui.head,
      seed: ui.seed,
      canUndo: this.#store.canUndo,
      canRedo: this.#store.canRedo,
      limits: engine.limits,
      example: ui.example,
      sync: cause !== 'edit',
    };
    const preset = SENTENCES.find((p) => p.id === ui.example);
    setHidden(this.#point, !preset);
    if (preset) {
      const gone = this.#effectGone(preset, state, trace);
      if (this.#point.classList.contains('gone') !== !!gone) this.#point.classList.toggle('gone', !!gone);
      setText(this.#point, gone || preset.point);
    }
    setText(this.#status, `Computed by the WebAssembly engine in ${ms < 0.1 ? '<0.1' : ms.toFixed(1)} ms`);
    this.#walk.changed(); // an edit that removed the query's token moves the query
  }
}
