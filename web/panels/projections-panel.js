// <projections-panel>: W_Q, W_K, W_V of the shown head (editable) and what they make, Q, K, V.
import { h, define, setText, setHidden } from '../widgets/dom.js';
import { Panel, dimLabels, indexLabels } from './panel.js';
import { designNotes } from './design-notes.js';
import '../widgets/matrix-editor.js';
import '../widgets/matrix-view.js';

const PARTS = [
  { key: 'wq', out: 'q', W: 'W_Q', M: 'Q', role: 'what each token looks for' },
  { key: 'wk', out: 'k', W: 'W_K', M: 'K', role: 'what each token offers' },
  { key: 'wv', out: 'v', W: 'W_V', M: 'V', role: 'what each token passes on' },
];

class ProjectionsPanel extends Panel {
  build() {
    this._title = null;
    const [head, note] = this.header({
      step: 'Q K V',
      title: 'Queries, keys, values',
      formula:
        '<math><mi>Q</mi><mo>=</mo><mi>X</mi><mo>·</mo><msub><mi>W</mi><mi mathvariant="normal">Q</mi></msub></math>&ensp;<math><mi>K</mi><mo>=</mo><mi>X</mi><mo>·</mo><msub><mi>W</mi><mi mathvariant="normal">K</mi></msub></math>' +
        '&ensp;<math><mi>V</mi><mo>=</mo><mi>X</mi><mo>·</mo><msub><mi>W</mi><mi mathvariant="normal">V</mi></msub></math>',
      note:
        'Three learned projections of every embedding, each <i>D</i>×<i>d<sub>k</sub></i>, of <i>X</i> = <i>E</i> + ' +
        '<i>P</i> (<i>E</i> itself without positions).',
    });
    this._headTag = h('span', { class: 'head-tag', hidden: true });
    head.querySelector('h2').append(this._headTag);
    this._parts = PARTS.map((p) => {
      const editor = h('matrix-editor');
      const view = h('matrix-view');
      view.name = p.M;
      const wShape = h('span', { class: 'shape' }),
        mShape = h('span', { class: 'shape' });
      const column = h(
        'div',
        { class: 'qkv' },
        h(
          'div',
          { class: 'tensor' },
          h('div', { class: 'tensor-label' }, h('b', { html: p.W.replace(/_(\w)/, '<sub>$1</sub>') }), wShape),
          editor,
        ),
        h('div', {
          class: 'arrow',
          'aria-hidden': 'true',
          html: `↓ <i>${p.M}</i> = <i>X</i>·<i>W</i><sub>${p.W.slice(2)}</sub>`,
        }),
        h(
          'div',
          { class: 'tensor' },
          h('div', { class: 'tensor-label' }, h('b', {}, p.M), mShape, h('span', { class: 'role' }, p.role)),
          view,
        ),
      );
      return { ...p, editor, view, wShape, mShape, column };
    });
    // Why the designed head works: what each group of its cells asks, and what the reader changed of it.
    this._designList = h('ul', {});
    this._design = h(
      'div',
      { class: 'design-notes', hidden: true },
      h('h3', { class: 'sub' }, 'Why the designed head works'),
      this._designList,
    );
    this.append(head, note, h('div', { class: 'qkv-row' }, ...this._parts.map((p) => p.column)), this._design);
  }

  _showDesign(weights, names) {
    const notes = designNotes(weights, names);
    setHidden(this._design, !notes);
    if (!notes) return;
    const key = notes.map((n) => n.text + n.status).join('\u0001');
    if (key === this._designKey) return;
    this._designKey = key;
    this._designList.replaceChildren(
      ...notes.map((n) => h('li', { class: n.changed ? 'changed' : null }, n.text, ' ', h('em', {}, n.status))),
    );
  }

  render({ state, trace, head, mark, names }) {
    this._showDesign(state.heads[head], names);
    const H = state.heads.length,
      D = state.embeddings[0].length,
      Dk = state.heads[0].wq[0].length;
    setHidden(this._headTag, H === 1);
    setText(this._headTag, `head ${head + 1} of ${H}`);
    const ht = trace.heads[head];
    for (const p of this._parts) {
      const target = `heads.${head}.${p.key}`;
      if (p.editor.dataset.target !== target) p.editor.dataset.target = target;
      p.editor.name = H > 1 ? `${p.W} head ${head + 1}` : p.W;
      p.editor.rowLabels = dimLabels(D, names);
      p.editor.colLabels = indexLabels(Dk);
      p.editor.markChanges = mark;
      p.editor.value = state.heads[head][p.key];
      setText(p.wShape, `${D}×${Dk}`);
      const m = ht[p.out];
      setText(p.mShape, `${m.rows}×${m.cols}`);
      p.view.rowLabels = state.tokens;
      p.view.colLabels = indexLabels(Dk);
      p.view.markChanges = mark;
      p.view.matrix = m;
    }
  }

  light(lit) {
    this._parts[0].view.lit = lit.q;
    this._parts[1].view.lit = lit.k;
    this._parts[2].view.lit = lit.v;
  }
}

define('projections-panel', ProjectionsPanel);
