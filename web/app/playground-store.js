// All mutable state of one <attention-playground>: the engine state, its latest trace, undo/redo, and
// what the reader is looking at (head, cell).  Edits coalesce: at most one engine run per animation frame.
import { normalize, checkDisplayLimits } from '../state/state-ops.js';

const HISTORY = 200;

export class PlaygroundStore extends EventTarget {
  constructor(engine, ui = {}) {
    super();
    this.engine = engine;
    this.state = null;
    this.trace = null;
    this.ms = 0;
    /** The last rejected edit: { path, message }, or null. */
    this.error = null;
    /** head: which head the pipeline shows; cell: the [query, key] the breakdown explains. */
    this.ui = { head: 0, cell: [0, 0], ...ui };
    this._undo = [];
    this._redo = [];
    /** The state as loaded (an example, the author's state, a file) and what the reader then looked at. */
    this._loaded = null;
    this._loadedUi = null;
    this._group = null;
    this._pending = null;
    this._frameBusy = false;
    this._raf = 0;
  }

  /** The state the next edit should build on: the pending one, if an edit waits for its frame. */
  get latest() {
    return this._pending ? this._pending.state : this.state;
  }

  get canUndo() {
    return this._undo.length > 0;
  }
  get canRedo() {
    return this._redo.length > 0;
  }
  /** Whether the state shown is not the one loaded: reset() would change it. */
  get canReset() {
    return !!this._loaded && this.state !== this._loaded;
  }

  /** The state shown now is the one loaded, with the example, names, head and cell the reader sees. */
  markLoaded() {
    if (this._loaded === this.state) return;
    this._recordLoaded(this.state);
    this.dispatchEvent(new CustomEvent('ui', { detail: { changed: ['loaded'] } })); // Reset: nothing to do now
  }

  /** Brings back the state as loaded, as one undo step. */
  reset() {
    this._flushPending();
    if (!this.canReset) return;
    this._push();
    this._redo.length = 0;
    this._group = null;
    this.ui = { ...this.ui, ...this._loadedUi };
    const t0 = performance.now();
    this._accept(this._loaded, this.engine.run(this._loaded), performance.now() - t0, 'reset');
  }

  /**
   * Replaces the state now; throws the engine's message (or a display limit) and changes nothing.  It is one
   * undo step, unless `fresh`: a state the author hands in (attributes, a link, the `state` property) is a new
   * start, with nothing before it to undo and nothing to redo.
   */
  set(state, cause = 'set', { fresh = false } = {}) {
    const next = normalize(state);
    const t0 = performance.now();
    const trace = this.engine.run(next);
    checkDisplayLimits(next);
    if (fresh) {
      this._pending = null; // an edit built on the state being replaced
      this._group = null;
      this._undo.length = 0;
      this._redo.length = 0;
    } else if (this.state && cause === 'set') {
      this._push();
      this._redo.length = 0;
    }
    this._accept(next, trace, performance.now() - t0, cause);
  }

  /**
   * Proposes a new state.  The first edit of a frame runs at once; later ones wait for the next frame,
   * the last of them winning.  group: edits with the same group (one cell being typed in or scrubbed)
   * make one undo step until commit().  ui: a setUi patch that applies only if the edit is accepted.
   * loads: the state is a new starting point (an example picked), what reset() brings back.
   */
  edit(state, group = null, ui = null, { loads = false } = {}) {
    this._pending = { state, group, ui, loads };
    if (this._frameBusy) this._schedule();
    else this._flush();
  }

  /**
   * Ends the current undo group (a `change`: the cell lost focus, the drag ended).  An edit still waiting
   * for its frame belongs to the group it ends: flushed first, it cannot start an undo step of its own.
   */
  commit() {
    this._flushPending();
    this._group = null;
  }

  /**
   * The state from before the edits of `group` (the one being made), or the state now where it has not begun
   * (its first edit may still wait for its frame).  Flushes nothing: the caller can mark the cell first.
   */
  beforeGroup(group) {
    return group && this._group === group ? this._undo.at(-1).state : this.state;
  }

  /**
   * Takes back the edits of `group`, the current one (a cell being typed in), leaving no undo step: what the
   * reader typed and was then refused keeps the state from before the edit.
   */
  revertGroup(group) {
    this._flushPending();
    if (!group || this._group !== group) return;
    this._group = null;
    const before = this._undo.pop().state;
    const t0 = performance.now();
    this._accept(before, this.engine.run(before), performance.now() - t0, 'revert');
  }

  undo() {
    this._travel(this._undo, this._redo, 'undo');
  }
  redo() {
    this._travel(this._redo, this._undo, 'redo');
  }

  /** Changes what is looked at, not what is computed.  The `ui` event lists the keys that changed. */
  setUi(patch) {
    const changed = Object.keys(patch).filter((k) => String(patch[k]) !== String(this.ui[k]));
    if (changed.length === 0) return;
    this.ui = { ...this.ui, ...patch };
    this.dispatchEvent(new CustomEvent('ui', { detail: { changed } }));
  }

  _travel(from, to, cause) {
    this._flushPending();
    if (from.length === 0) return;
    to.push(this._step());
    this._group = null;
    const { state, example, named } = from.pop();
    this.ui = { ...this.ui, example, named }; // the Examples select and the hint follow the state back
    const t0 = performance.now();
    this._accept(state, this.engine.run(state), performance.now() - t0, cause);
  }

  _flushPending() {
    if (this._pending) this._flush();
  }

  _flush() {
    const { state, group, ui, loads } = this._pending;
    this._pending = null;
    this._frameBusy = true;
    this._schedule();
    let trace;
    const t0 = performance.now();
    try {
      trace = this.engine.run(state);
      checkDisplayLimits(state);
    } catch (e) {
      this.error = { path: e.path ?? '', message: e.message };
      this.dispatchEvent(new CustomEvent('rejected', { detail: this.error }));
      return;
    }
    if (!(group && group === this._group)) this._push();
    this._group = group;
    this._redo.length = 0;
    if (ui) this.ui = { ...this.ui, ...ui };
    if (loads) this._recordLoaded(state);
    this._accept(state, trace, performance.now() - t0, 'edit');
  }

  _recordLoaded(state) {
    const { example, named, head, cell } = this.ui;
    this._loaded = state;
    this._loadedUi = { example, named, head, cell };
  }

  _push() {
    this._undo.push(this._step());
    if (this._undo.length > HISTORY) this._undo.shift();
  }

  /** A history entry: the state, and the example it is (or null) with whether its dimensions are named. */
  _step() {
    return { state: this.state, example: this.ui.example, named: this.ui.named };
  }

  _accept(state, trace, ms, cause) {
    this.state = state;
    this.trace = trace;
    this.ms = ms;
    this.error = null;
    const H = state.heads.length,
      T = state.embeddings.length;
    const [i, j] = this.ui.cell;
    this.ui = { ...this.ui, head: Math.min(this.ui.head, H - 1), cell: [Math.min(i, T - 1), Math.min(j, T - 1)] };
    this.dispatchEvent(new CustomEvent('computed', { detail: { trace, ms, cause } }));
  }

  _schedule() {
    if (this._raf) return;
    this._raf = requestAnimationFrame(() => {
      this._raf = 0;
      this._frameBusy = false;
      if (this._pending) this._flush();
    });
  }
}
