// The base of every pipeline panel: built once when connected, then re-rendered from a model passed down
// by <attention-playground> ({ state, trace, head, cell, mark, labels, walk }).  Panels only display and emit.
import { h, uid } from '../widgets/dom.js';

const DARK = {}; // no walk: no tensor has lit cells

export class Panel extends HTMLElement {
  connectedCallback() {
    if (this._built) return;
    this._built = true;
    this.classList.add('panel');
    this.setAttribute('role', 'region');
    this.build();
    if (this._model) {
      this.render(this._model);
      this.light(this._model.walk?.lit ?? DARK);
    }
  }

  /** The whole picture: re-renders everything that depends on it. */
  set model(m) {
    this._model = m;
    if (!this._built) return;
    this.render(m);
    this.light(m.walk?.lit ?? DARK);
  }
  get model() {
    return this._model;
  }

  /** Only the [query, key] being explained changed: a cheap update. */
  set selection(cell) {
    if (this._built && this._model) {
      this._model = { ...this._model, cell };
      this.select(cell);
    }
  }

  /** Only the walk changed (its step, its cells, or it ended): { step, lit } or null. */
  set walk(w) {
    if (!this._model) return;
    this._model = { ...this._model, walk: w };
    if (this._built) this.light(w?.lit ?? DARK);
  }

  build() {}
  render() {}
  select() {}
  /** Lights the cells a walk's step involves: lit maps a tensor (q, k, v, scores, …) to flat cell indices. */
  light() {}

  /**
   * Names the panel's region by the element with this id, and by its playground's number when the page has
   * several (landmarks must differ in name).
   */
  nameBy(id) {
    const which = this.closest('.ap')?.querySelector(':scope > .ap-which');
    this.setAttribute('aria-labelledby', which ? `${id} ${which.id}` : id);
  }

  /** The panel's heading: step badge, title, formula (constant markup) and a one-line lesson. */
  header({ step, title, formula, note }) {
    const id = uid('panel');
    this.nameBy(id);
    // A div, not <header>: in a host page that puts the element straight in <body>, a <header> would be a
    // banner landmark, one per panel.
    const head = h(
      'div',
      { class: 'panel-head', part: 'panel-heading' },
      step ? h('span', { class: 'step', 'aria-hidden': 'true' }, step) : null,
      h('h2', { id }, title),
      formula ? h('span', { class: 'formula', html: formula }) : null,
    );
    const lesson = note ? h('p', { class: 'note', html: note }) : null;
    return lesson ? [head, lesson] : [head];
  }
}

/** The editor target for one matrix of the state, as the playground's edit handler reads it. */
export function targetOf(editor) {
  const t = editor.dataset.target;
  if (t === 'embeddings' || t === 'wo' || t === 'positions') return t;
  const [, head, key] = t.split('.');
  return { head: Number(head), key };
}

/** Labels for D-space dimensions: the lexicon's names while they apply ("unnamed" past them), else the index. */
export function dimLabels(n, names) {
  return Array.from({ length: n }, (_, d) => (names ? (names[d] ?? 'unnamed') : String(d + 1)));
}

export const indexLabels = (n) => Array.from({ length: n }, (_, d) => String(d + 1));
