// The playground's live region for the panels' and the walk's announcements: only the latest, once the reader
// has stopped typing and moving for QUIET ms, and never the same text twice running.
import { h, setText } from '../widgets/dom.js';

const QUIET = 700; // ms without a key or an edit before an announcement is spoken

export class Announcer {
  /** The live region; the playground places it. */
  element = h('p', { class: 'sr-only', role: 'status' });
  #next = null;
  #timer = 0;

  /** Queues text, spoken once the reader is quiet (an older queued text is dropped). */
  say(text) {
    this.#next = text;
    this.quiet();
  }

  /** (Re)starts the wait before the queued announcement: each key pressed restarts it. */
  quiet() {
    if (this.#next === null) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      const text = this.#next;
      this.#next = null;
      setText(this.element, text);
    }, QUIET);
  }
}
