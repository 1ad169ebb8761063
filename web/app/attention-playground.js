// <attention-playground>: the whole pipeline for one state, every tensor recomputed by the engine on every
// edit.  Owns one PlaygroundStore; panels get a model down and send edits up as events.
// API: properties `state` (set throws the engine's message and changes nothing), `trace`, `step` and `query`
// (the walk: a step's name or null, a 1-based token); methods undo() and redo(); events `state-change`,
// `computed` ({ trace, ms }) and `step-change` ({ step, query }).  Importing this module defines no
// tag of its own: AttentionPlayground.define(tag) does (attention-playground-define.js for the usual name).
import { h, uid, setText } from '../widgets/dom.js';
import { defineWhenReady, numberPlaygrounds } from './define-playground.js';
import { PlaygroundStore } from './playground-store.js';
import { SENTENCES, sentenceState } from '../state/presets.js';
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
import './playground-controls.js';
import { buildParts, hostHandle } from './playground-parts.js';
import { PanelFeed } from './panel-feed.js';
import { LAB_CSS } from '../labs/lab-kit.js';
import { themeFor, watchTheme, readAccent } from '../widgets/theme.js';
import { repaintThemed } from '../widgets/matrix-view.js';
import { ControlActions } from './control-actions.js';
import { focusOf } from './preset-states.js';
import { Announcer } from './announcer.js';
import { ExamplePoint } from './example-point.js';
import { panelModel, controlsModel, showExample } from './render-models.js';
import { wireShell, historyKey, announceCompute } from './shell-events.js';

let engine = null;
const connected = new Set(); // the playgrounds in a document now

export class AttentionPlayground extends HTMLElement {
  /** What edits do to the store (control-actions.js). */
  #actions;
  /** How models reach the panels (panel-feed.js). */
  #feed;
  /** The shell's parts (playground-parts.js: panels, pipeline, controls, point, status, which), once built. */
  #parts = null;
  /** The live region for announcements (announcer.js). */
  #announcer = new Announcer();
  /** Whether the chosen example still shows its point (example-point.js). */
  #example;
  #store;
  #unwatchTheme = null;
  /** The walk through one query (playground-walk.js); it starts reading attributes once they are in. */
  #walk;
  #walkReady = false;
  /** The shadow root's one child, the `.ap` box every part renders into (one root: ids and ::part() work). */
  #shell;
  /** The theme shown, as the custom state `:state(light)` or `:state(dark)` a host page styles by (null where
   * the browser has no custom states). */
  #states = null;
  /** What the embedding code (embed/) gets of this element: handed to it, not read from private fields. */
  #host;

  /**
   * Registers this class (or a subclass) as `tag` in `registry` once the page's engine has started, so that
   * `state` is checked the moment it is set.  Resolves to the class the tag names; a tag already defined (the
   * element loaded twice on one page) is left as it is.
   */
  static define(tag = 'attention-playground', registry = customElements) {
    return defineWhenReady(this, tag, registry, (e) => (engine = e));
  }

  static #numberAll() {
    numberPlaygrounds(connected, (el) => el.#parts.which);
  }

  constructor() {
    super();
    const first = SENTENCES[0];
    this.#store = new PlaygroundStore(engine, { seed: 1, named: true, example: first.id, cell: focusOf(first) });
    this.#store.set(sentenceState(first.id), 'init');
    this.#store.markLoaded();
    this.#store.addEventListener('computed', (e) => this.#onComputed(e.detail));
    this.#store.addEventListener('rejected', (e) => this.#actions.rejected(e.detail));
    this.#store.addEventListener('ui', (e) => this.#onUi(e.detail));
    try {
      this.#states = this.attachInternals().states ?? null;
    } catch {
      // A browser without ElementInternals: no :state(), the theme still applies inside.
    }
    const root = this.attachShadow({ mode: 'open' });
    this.#shell = h('div', { class: 'ap', part: 'root' });
    root.append(this.#shell);
    adoptStyles(root, EMBED_CSS, LAB_CSS);
    this.#actions = new ControlActions({
      store: this.#store,
      engine,
      shell: this.#shell,
      controls: () => this.#parts?.controls,
    });
    this.#example = new ExamplePoint(engine);
    this.#host = hostHandle(
      this,
      this.#shell,
      this.#store,
      () => this.#parts,
      (mark) => this.#render(mark),
      (state) => this.#replaceState(state, false),
    );
    this.#walk = new PlaygroundWalk(this, this.#store, {
      report: (source, problem) => report(this.#host, source, problem),
      refresh: () => this.#showWalk(),
      announce: (text) => this.#announcer.say(text),
    });
  }

  connectedCallback() {
    if (!this.#parts) this.#build();
    // A `state` assigned before this element was upgraded is an own property shadowing the setter.
    const early = Object.getOwnPropertyDescriptor(this, 'state');
    if (early) {
      delete this.state;
      this.state = early.value;
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
    if (!this.#parts) return;
    const theme = themeFor(this);
    // A forced theme may differ from the page: then the element brings its own background.
    const shell = this.#shell;
    shell.toggleAttribute('data-ap-forced', theme === this.getAttribute('theme'));
    const accent = readAccent(shell); // the canvases' focus ring follows a host's --ap-accent
    if (shell.getAttribute('data-ap-theme') === theme && !accent) return;
    shell.setAttribute('data-ap-theme', theme);
    this.#showThemeState(theme);
    repaintThemed();
    this.#render(false);
  }

  /** `:state(dark)` or `:state(light)`: the theme shown, so that a host page can scope its colours to one. */
  #showThemeState(theme) {
    try {
      this.#states?.delete(theme === 'dark' ? 'light' : 'dark');
      this.#states?.add(theme);
    } catch {
      // Chromium before 125 takes only dashed names (--dark): no state there, the theme still applies inside.
    }
  }

  /** A copy of the engine state shown. */
  get state() {
    return structuredClone(this.#store.state);
  }
  /** The author's state (a script, a link, `set-state`): a new start, with nothing to undo before it. */
  set state(s) {
    this.#replaceState(s, true);
  }

  /** fresh: the author's state, with no history; else the reader's (a loaded file), one undo step. */
  #replaceState(s, fresh) {
    this.#store.set(s, 'set', { fresh });
    this.#actions.forget();
    this.#store.setUi({ named: false, example: null });
    this.#store.markLoaded();
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
    this.#walk.setStepProperty(name);
  }

  /** The query token the walk follows (the selected row), 1-based. */
  get query() {
    return this.#store.ui.cell[0] + 1;
  }
  set query(n) {
    this.#walk.setQueryProperty(n);
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
    this.#parts = parts;
    this.#feed = new PanelFeed(parts.panels);
    // A named region: all of it is in a landmark, also where a host page puts it straight in <body>.
    this.#shell.setAttribute('role', 'region');
    this.#shell.setAttribute('aria-labelledby', parts.labelledBy);
    this.#shell.replaceChildren(...parts.nodes);
    wireShell(this.#shell, {
      announcer: this.#announcer,
      actions: this.#actions,
      store: this.#store,
      walk: this.#walk,
      onKey: (e) => historyKey(this.#store, e),
      element: this,
    });
  }

  #onComputed({ trace, ms, cause }) {
    if (!this.#parts) return;
    this.#parts.controls.clearError();
    if (cause === 'undo' || cause === 'redo' || cause === 'reset' || cause === 'set') {
      for (const ed of this.#shell.querySelectorAll('matrix-editor')) ed.clearErrors();
    }
    this.#render(cause !== 'set' && cause !== 'init', cause);
    announceCompute(this, this.#store, { trace, ms, cause });
  }

  #onUi({ changed }) {
    if (!this.#parts) return;
    if (changed.some((k) => k !== 'cell' && k !== 'seed' && k !== 'step')) this.#render(false, 'ui');
    else if (changed.includes('cell') || changed.includes('step')) {
      this.#feed.cell(this.#store.ui.cell, changed.includes('cell'));
      this.#showWalk();
    }
    this.#walk.changed();
  }

  /** Hands every panel the walk as it is now (its step, its lit cells, its narration), and nothing else. */
  #showWalk() {
    if (!this.#parts) return;
    this.#feed.walk(this.#walk.model());
  }

  #render(mark, cause = 'set') {
    if (!this.#parts) return;
    const store = this.#store,
      { state, ms } = store;
    const locked = lockedMatrices(this);
    // Short sentences put the three T×T steps in one row; long ones give each the full width.
    this.#parts.pipeline.classList.toggle('long', state.tokens.length > 6);
    this.#parts.pipeline.classList.toggle('multi', state.heads.length > 1 || !!state.wo);
    // Only the hot path (an edit) may leave far panels for after the frame: a state set from script is
    // complete on return.
    this.#feed.show(panelModel(store, { mark, locked, walk: this.#walk.model() }), cause === 'edit');
    this.#parts.controls.model = controlsModel(store, engine.limits, cause !== 'edit');
    showExample(this.#parts.point, this.#example, store);
    setText(this.#parts.status, `Computed by the WebAssembly engine in ${ms < 0.1 ? '<0.1' : ms.toFixed(1)} ms`);
    this.#walk.changed(); // an edit that removed the query's token moves the query
  }
}
