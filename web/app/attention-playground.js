// <attention-playground>: the whole pipeline for one state, every tensor recomputed by the engine on every
// edit.  Owns one PlaygroundStore; panels get a model down and send edits up as events.
// API: properties `state` (set throws the engine's message and changes nothing), `trace`, `step` and `query`
// (the walk: a step's name or null, a 1-based token); methods undo() and redo(); events `state-change`,
// `computed` ({ trace, ms }) and `step-change` ({ step, query }).  Importing this module defines no
// tag of its own: AttentionPlayground.define(tag) does (attention-playground-define.js for the usual name).
import { h, uid, setText, setHidden } from '../widgets/dom.js';
import { loadEngine } from './engine-loader.js';
import { PlaygroundStore } from './playground-store.js';
import { FEATURES, SENTENCES, sentenceState } from '../state/presets.js';
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
import { buildParts } from './playground-parts.js';
import { PanelFeed } from './panel-feed.js';
import { LAB_CSS } from '../labs/lab-kit.js';
import { themeFor, watchTheme } from '../widgets/theme.js';
import { repaintThemed } from '../widgets/matrix-view.js';
import { ControlActions } from './control-actions.js';
import { focusOf } from './preset-states.js';
import { Announcer } from './announcer.js';
import { ExamplePoint } from './example-point.js';

const isIdentity = (m) => m.every((row, r) => row.every((x, c) => x === (r === c ? 1 : 0)));

let engine = null;
const connected = new Set(); // the playgrounds in a document now

export class AttentionPlayground extends HTMLElement {
  /** What edits do to the store (control-actions.js). */
  #actions;
  #controls;
  /** How models reach the panels (panel-feed.js). */
  #feed;
  #panels = null;
  #pipeline;
  #point;
  /** The live region for announcements (announcer.js). */
  #announcer = new Announcer();
  /** Whether the chosen example still shows its point (example-point.js). */
  #example;
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
    this.#store.addEventListener('computed', (e) => this.#onComputed(e.detail));
    this.#store.addEventListener('rejected', (e) => this.#actions.rejected(e.detail));
    this.#store.addEventListener('ui', (e) => this.#onUi(e.detail));
    const root = this.attachShadow({ mode: 'open' });
    this.#shell = h('div', { class: 'ap', part: 'root' });
    root.append(this.#shell);
    adoptStyles(root, EMBED_CSS, LAB_CSS);
    this.#actions = new ControlActions({
      store: this.#store,
      engine,
      shell: this.#shell,
      controls: () => this.#controls,
    });
    this.#example = new ExamplePoint(engine);
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
      announce: (text) => this.#announcer.say(text),
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
    this.#actions.forget();
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
    const parts = buildParts(uid('ap'), this.getAttribute('panels'), this.#announcer.element);
    ({ controls: this.#controls, point: this.#point, status: this.#status, which: this.#which } = parts);
    ({ panels: this.#panels, pipeline: this.#pipeline } = parts);
    this.#feed = new PanelFeed(this.#panels);
    const shell = this.#shell;
    shell.replaceChildren(...parts.nodes);
    shell.addEventListener('announce', (e) => {
      e.stopPropagation();
      this.#announcer.say(e.detail);
    });
    shell.addEventListener('input', (e) => {
      this.#announcer.quiet();
      this.#actions.cellInput(e);
    });
    shell.addEventListener('change', (e) => {
      if (e.target.localName === 'matrix-editor') this.#store.commit();
    });
    shell.addEventListener('cell-select', (e) => this.#store.setUi({ cell: [e.detail.row, e.detail.col] }));
    shell.addEventListener('control', (e) => this.#actions.act(e.detail));
    shell.addEventListener('walk', (e) => {
      e.stopPropagation();
      this.#walk.act(e.detail);
    });
    shell.addEventListener('keydown', (e) => {
      this.#announcer.quiet();
      this.#onKey(e);
    });
    // With nothing focused (after a click on plain text), shortcuts go to the page's first playground.
    document.addEventListener('keydown', (e) => {
      if (e.target === document.body && document.querySelector(this.localName) === this) this.#onKey(e);
    });
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

  #onUi({ changed }) {
    if (!this.#panels) return;
    if (changed.some((k) => k !== 'cell' && k !== 'seed' && k !== 'step')) this.#render(false, 'ui');
    else if (changed.includes('cell') || changed.includes('step')) {
      this.#feed.cell(this.#store.ui.cell, changed.includes('cell'));
      this.#showWalk();
    }
    this.#walk.changed();
  }

  /** Hands every panel the walk as it is now (its step, its lit cells, its narration), and nothing else. */
  #showWalk() {
    if (!this.#panels) return;
    this.#feed.walk(this.#walk.model());
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
    this.#feed.show(model, cause === 'edit'); // only the hot path: a state set from script is complete on return
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
      const gone = this.#example.gone(preset, state, trace);
      if (this.#point.classList.contains('gone') !== !!gone) this.#point.classList.toggle('gone', !!gone);
      setText(this.#point, gone || preset.point);
    }
    setText(this.#status, `Computed by the WebAssembly engine in ${ms < 0.1 ? '<0.1' : ms.toFixed(1)} ms`);
    this.#walk.changed(); // an edit that removed the query's token moves the query
  }
}
