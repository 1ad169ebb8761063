// <heads-overview>: every head's weights side by side, small, so their different patterns show at a
// glance.  Choosing one fires `control` { action: 'head', value }.
import { h, define, emit, setAttr } from './dom.js';
import { sequential } from './format.js';

class HeadsOverview extends HTMLElement {
  connectedCallback() {
    if (this._grid) return;
    this._grid = h('div', { class: 'heads' });
    this.append(this._grid);
    this._grid.addEventListener('click', (e) => {
      const b = e.target.closest('button[data-head]');
      if (b) emit(this, 'control', { action: 'head', value: Number(b.dataset.head) });
    });
  }

  /** { trace, head: the shown head } */
  set model({ trace, head }) {
    const H = trace.heads.length,
      T = trace.heads[0].weights.cols;
    if (this._H !== H || this._T !== T) {
      this._H = H;
      this._T = T;
      this._cells = [];
      this._colours = []; // per head, each cell's colour as set: a style write restyles even when unchanged
      this._buttons = Array.from({ length: H }, (_, k) => {
        const cells = Array.from({ length: T * T }, () => h('span'));
        this._cells.push(cells);
        this._colours.push(new Array(T * T));
        const mini = h(
          'span',
          { class: 'mini', style: `grid-template-columns: repeat(${T}, 1fr)`, 'aria-hidden': 'true' },
          ...cells,
        );
        return h(
          'button',
          { type: 'button', class: 'head-card', 'data-head': k, 'aria-label': `Show head ${k + 1}` },
          mini,
          h('span', {}, `Head ${k + 1}`),
        );
      });
      this._grid.replaceChildren(...this._buttons);
    }
    trace.heads.forEach((ht, k) => {
      const w = ht.weights.data,
        cells = this._cells[k],
        was = this._colours[k];
      for (let n = 0; n < cells.length; n++) {
        const bg = sequential(w[n]).bg;
        if (bg !== was[n]) cells[n].style.backgroundColor = was[n] = bg;
      }
      setAttr(this._buttons[k], 'aria-pressed', String(k === head));
    });
  }
}

define('heads-overview', HeadsOverview);
