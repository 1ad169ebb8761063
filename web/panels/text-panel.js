// <text-panel>: the sentence itself, each word shaded by how much the selected query attends to it, one line
// per head.  A word pressed becomes the query.  Every number is the trace's.
import { h, define, emit, uid, setText, setAttr, fittedBox } from '../widgets/dom.js';
import { adoptSheets } from '../app/styles.js';
import { formatNumber as f, sequential } from '../widgets/format.js';
import { shownTheme } from '../widgets/theme.js';
import { Panel } from './panel.js';

const CSS = `
.ap text-panel .text-rows { display: grid; grid-template-columns: auto minmax(0, 1fr); gap: 10px 12px; align-items: start; margin-top: 10px; }
.ap text-panel .text-who { font-size: 12px; color: var(--ap-muted); padding-top: 6px; white-space: nowrap; }
.ap text-panel .text-line { display: flex; flex-wrap: wrap; gap: 6px 4px; margin: 0; }
/* A word over its weight: the shade says it at a glance, the number says it exactly (and under forced colours,
   where the shade is gone). */
.ap text-panel .word { display: inline-flex; flex-direction: column; align-items: center; min-width: 2.2em; padding: 2px 6px;
  border: 1px solid transparent; border-radius: 6px; font: inherit; font-size: 15px; line-height: 1.3; }
.ap text-panel button.word { cursor: pointer; }
.ap text-panel .word small { font-family: var(--ap-mono); font-size: 11px; opacity: .85; }
.ap text-panel .word.query { border-color: var(--ap-highlight); box-shadow: inset 0 0 0 1px var(--ap-highlight); font-weight: 700; }
.ap text-panel .word.masked { background: repeating-linear-gradient(135deg, var(--ap-masked-a) 0 4px, var(--ap-masked-b) 4px 8px); color: var(--ap-muted); }
@media (forced-colors: active) {
  .ap text-panel .word { border-color: CanvasText; }
  .ap text-panel .word.query { border-color: Highlight; box-shadow: inset 0 0 0 2px Highlight; }
}
`;

class TextPanel extends Panel {
  build() {
    adoptSheets(this.getRootNode(), CSS);
    this._rows = h('div', { class: 'text-rows' });
    this.append(
      ...this.header({
        title: 'Words shaded by attention',
        formula:
          '<math><mtext>shade of word </mtext><mi>j</mi><mo>=</mo><msub><mi>a</mi><mrow><mi>i</mi><mi>j</mi></mrow></msub></math>',
        note:
          'How much the query word (outlined) draws from each word: its row of the weights, in the words themselves. ' +
          'Press a word to make it the query.',
      }),
      fittedBox(this._rows), // its weights follow every edit: a layout boundary
    );
    this._rows.addEventListener('click', (e) => {
      const word = e.target.closest('button.word');
      if (word) emit(this, 'cell-select', { row: Number(word.dataset.k), col: this.model.cell[1] });
    });
  }

  render(model) {
    this._show(model);
  }

  select() {
    this._show(this.model);
  }

  // One line per head, the shown head first with the words to press.  The lines are rebuilt only when the
  // tokens or the heads change; an edit rewrites their shades and weights.
  _show({ state, trace, head, cell }) {
    const T = state.tokens.length,
      H = trace.heads.length,
      i = cell[0];
    const key = `${state.tokens.join('\u0001')}|${H}|${head}`;
    if (key !== this._key) {
      this._key = key;
      const order = [head, ...Array.from({ length: H }, (_, k) => k).filter((k) => k !== head)];
      this._lines = order.map((k, n) => {
        const words = state.tokens.map((t, j) => {
          // The weight is shown under the word and said after it (", weight 0.90"): the name is the content.
          const weight = h('small', { 'aria-hidden': 'true' }),
            said = h('span', { class: 'sr-only' });
          const attrs = { class: 'word', 'data-k': j };
          // Pressed with a pointer; from the keyboard the query is chosen in any T×T grid or the walk, so that
          // the page keeps its Tab stops.
          const el = n === 0 ? h('button', { ...attrs, type: 'button', tabindex: '-1' }) : h('span', attrs);
          el.append(h('span', {}, t), weight, said);
          return { el, weight, said };
        });
        const who = H > 1 ? `Head ${k + 1}${n === 0 ? ' (shown)' : ''}` : 'Weights',
          id = uid('text');
        return {
          head: k,
          words,
          nodes: [
            h('span', { class: 'text-who', id }, who),
            h('div', { class: 'text-line', role: 'group', 'aria-labelledby': id }, ...words.map((w) => w.el)),
          ],
        };
      });
      this._rows.replaceChildren(...this._lines.flatMap((line) => line.nodes));
    }
    const theme = shownTheme(this);
    for (const line of this._lines) {
      const ht = trace.heads[line.head];
      line.words.forEach((w, j) => {
        const masked = ht.masked.data[i * T + j] === -Infinity,
          a = ht.weights.data[i * T + j],
          c = sequential(a, theme),
          said = masked ? 'masked' : `weight ${f(a)}`;
        w.el.classList.toggle('query', j === i);
        w.el.classList.toggle('masked', masked);
        w.el.style.background = masked ? '' : c.bg;
        w.el.style.color = masked ? '' : c.ink;
        setText(w.weight, masked ? 'masked' : f(a));
        setText(w.said, `, ${said}`);
        if (w.el.localName === 'button') setAttr(w.el, 'aria-pressed', String(j === i));
      });
    }
  }
}

define('text-panel', TextPanel);
