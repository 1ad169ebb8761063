// How a model reaches the panels.  Panels that content-visibility skips (far out of view) take an edit's
// numbers in a task just after the frame, not in it: the frame that answers an input carries only what can
// be seen.  A panel coming into view catches up at once.
import { afterFrame } from '../widgets/dom.js';

export class PanelFeed {
  #panels;
  #model = null;
  #skipped = new Set();
  #stale = new Set();
  #staleTask = false;

  constructor(panels) {
    this.#panels = panels;
    for (const p of panels) {
      p.addEventListener('contentvisibilityautostatechange', (e) => {
        if (e.target !== p) return;
        if (e.skipped) this.#skipped.add(p);
        else {
          this.#skipped.delete(p);
          this.#refresh(p);
        }
      });
    }
  }

  /** The model the panels have (or, when skipped, will get). */
  get model() {
    return this.#model;
  }

  /** A new model for every panel; with `later` (an edit), the skipped ones get it after the frame. */
  show(model, later) {
    this.#model = model;
    for (const p of this.#panels) {
      if (later && this.#skipped.has(p)) this.#stale.add(p);
      else {
        this.#stale.delete(p);
        p.model = model;
      }
    }
    if (this.#stale.size) this.#refreshLater();
  }

  /** The selected cell into the model; with `select`, to the panels that are up to date as well. */
  cell(cell, select) {
    this.#model = { ...this.#model, cell };
    if (select) for (const p of this.#panels) if (!this.#stale.has(p)) p.selection = cell;
  }

  /** The walk as it is now (its step, its lit cells, its narration), and nothing else. */
  walk(walk) {
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
}
