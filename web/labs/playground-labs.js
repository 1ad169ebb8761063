// <playground-labs>: the teaching labs under the pipeline, one tab each.  Gets the playground's model like a
// panel and passes it on to the open lab only, so closed labs cost nothing on an edit.
import { h, define, uid } from '../widgets/dom.js';
import { Panel } from '../panels/panel.js';
import { adoptLabStyles } from './lab-kit.js';
import './train-lab.js';
import './mistakes-lab.js';
import './saturation-lab.js';
import './scale-lab.js';
import './context-lab.js';

/** The labs, by `panels` name: [tag, tab label]. */
export const LABS = {
  train: ['train-lab', 'Train'],
  mistakes: ['mistakes-lab', 'Mistakes'],
  saturation: ['saturation-lab', 'Saturation'],
  scaling: ['scale-lab', 'Scale'],
  context: ['context-lab', 'Context'],
};

class PlaygroundLabs extends Panel {
  build() {
    adoptLabStyles();
    const id = uid('labs');
    this.nameBy(`${id}-title`);
    const names = Object.keys(LABS);
    this._labs = names.map((name) =>
      h(LABS[name][0], {
        id: `${id}-${name}`,
        role: 'tabpanel',
        'aria-labelledby': `${id}-${name}-tab`,
        'data-lab': name,
      }),
    );
    this._tabs = names.map((name, k) =>
      h(
        'button',
        {
          type: 'button',
          role: 'tab',
          id: `${id}-${name}-tab`,
          'aria-controls': `${id}-${name}`,
          'data-lab': name,
          onclick: () => this.open(k),
          onkeydown: (e) => this._key(e, k),
        },
        LABS[name][1],
      ),
    );
    this.append(
      h('h2', { class: 'labs-title', id: `${id}-title` }, 'Labs'),
      h('div', { class: 'lab-tabs', role: 'tablist', 'aria-label': 'Labs' }, ...this._tabs),
      ...this._labs,
    );
    for (const lab of this._labs) lab.setAttribute('role', 'tabpanel'); // a Panel names itself a region when connected
    this.open(0, false);
  }

  /** Shows lab k (an index or a `panels` name) and hands it the current model. */
  open(k, focus = true) {
    if (typeof k === 'string') k = Object.keys(LABS).indexOf(k);
    this._open = k;
    this._labs.forEach((lab, j) => {
      lab.hidden = j !== k;
    });
    this._tabs.forEach((tab, j) => {
      tab.setAttribute('aria-selected', String(j === k));
      tab.tabIndex = j === k ? 0 : -1;
    });
    if (focus) this._tabs[k].focus();
    if (this.model) this._labs[k].model = this.model;
  }

  _key(e, k) {
    const n = this._tabs.length,
      to = { ArrowRight: (k + 1) % n, ArrowLeft: (k + n - 1) % n, Home: 0, End: n - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    this.open(to);
  }

  render(model) {
    this._labs[this._open].model = model;
  }
}

define('playground-labs', PlaygroundLabs);
