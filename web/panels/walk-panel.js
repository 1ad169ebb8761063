// <walk-panel>: the controls of a walk through attention for one query token (Play/Pause, Previous, Next,
// the query and key pickers, the seven steps) and its narration with the trace's numbers.  It shows the
// walk its playground runs and sends `walk` { action, value } up; it computes nothing.
import { h, define, emit, uid, setText, setAttr, setProp, forgetValue, fittedBox } from '../widgets/dom.js';
import { rovingFocus } from '../widgets/grid-keys.js';
import { adoptSheets } from '../app/styles.js';
import { Panel } from './panel.js';
import { WALK_STEPS } from './walk-steps.js';

const IDLE = 'Press Play, or Next, to walk through attention for one query token, one step at a time.';
/** ms after an edit during which a new step shows without its entrance: the reader is typing or dragging. */
const EDITING_MS = 1000;

const CSS = `
/* No margin even where the host page is in quirks mode, whose forms have one below. */
.ap walk-panel .walk-form { margin: 0; }
.ap walk-panel .walk-bar { display: flex; flex-wrap: wrap; gap: 8px 12px; align-items: flex-end; }
.ap walk-panel .walk-bar .buttons { gap: 6px; }
.ap walk-panel .walk-steps { display: flex; flex-wrap: wrap; gap: 4px; margin: 10px 0 0; padding: 0; list-style: none; }
.ap walk-panel .walk-steps button { min-height: 30px; padding: 3px 9px; border-radius: 999px; }
.ap walk-panel .walk-steps .badge { font-weight: 700; margin-right: 4px; }
.ap walk-panel .walk-steps button[aria-current=step] { background: var(--ap-highlight); border-color: var(--ap-highlight); color: var(--ap-on-highlight); }
/* The narration's box is a composited layer: its numbers change with every edit, and it re-records alone
   rather than with the panel (a paused walk's edit frame: layerize as without a walk; the new text's own
   layout and paint, about 0.1 ms each, remain). */
.ap walk-panel .walk-say-box { will-change: transform; }
.ap walk-panel .walk-say { margin: 10px 0 0; font-size: 15px; overflow-wrap: anywhere; }
.ap walk-panel .walk-say b { color: var(--ap-highlight); margin-right: 6px; }
/* The one motion: a new step or key slides the narration's box in, but not while the reader edits (see
   _show). It animates only opacity and transform of a box that already has a layer. Animating the paragraph
   inside gave it a layer for 0.35 s, and the step buttons' colour transition repainted them each frame. */
@media (prefers-reduced-motion: no-preference) {
  .ap walk-panel .walk-say-box.fresh { animation: ap-walk-in .35s ease-out; }
}
@keyframes ap-walk-in { from { opacity: .25; transform: translateY(3px); } to { opacity: 1; transform: none; } }
@media (forced-colors: active) {
  .ap walk-panel .walk-steps button[aria-current=step] { background: Highlight; color: HighlightText; forced-color-adjust: none; }
}
`;
class WalkPanel extends Panel {
  build() {
    adoptSheets(this.getRootNode(), CSS); // one sheet per document, shared by every playground
    const id = uid('walk');
    const send = (action, value) => emit(this, 'walk', { action, value });
    const button = (label, action, attrs = {}) => {
      const b = h('button', { type: 'button', ...attrs }, label);
      b.addEventListener('click', () => b.getAttribute('aria-disabled') !== 'true' && send(action));
      return b;
    };
    this._prev = button('Previous', 'previous', { 'aria-label': 'Previous step' });
    this._play = button('Play', 'play', { class: 'walk-play' });
    this._next = button('Next', 'next', { 'aria-label': 'Next step' });
    this._end = button('End walk', 'end');
    const picker = (label, action) => {
      const select = h('select', { id: `${id}-${action}`, 'aria-label': label });
      select.addEventListener('change', () => send(action, Number(select.value)));
      return [select, h('label', { class: 'field' }, h('span', {}, label), select)];
    };
    [this._query, this._queryField] = picker('Query', 'query');
    [this._key, this._keyField] = picker('Key', 'key');
    this._steps = WALK_STEPS.map(({ name, badge, title }) =>
      h(
        'button',
        { type: 'button', 'data-step': name, onclick: () => send('step', name) },
        h('span', { class: 'badge' }, badge),
        title,
      ),
    );
    this._stepName = h('b');
    this._text = h('span');
    this._say = h('p', { class: 'walk-say' }, this._stepName, this._text);
    const sayBox = (this._sayBox = fittedBox(this._say)); // its numbers follow every edit: a layout boundary
    sayBox.classList.add('walk-say-box');
    this.append(
      ...this.header({
        title: 'Walk through one query',
        note: 'One query token at a time, step by step, with the numbers the engine computed. The cells each step uses light up in every panel.',
      }),
      // One Tab stop for the buttons and the pickers (← → along them; a picker keeps ↑ ↓), one for the steps.
      // The bar is a form of its own: Chromium's autofill reads the whole form of a select whose value
      // changes, and a control outside any form belongs to the page's one unnamed form, with every matrix
      // cell in it (at full size a key change while playing took 18.7 ms of main-thread time, 11.6 ms in a
      // form of its own).  Nothing submits it.
      h(
        'form',
        { class: 'walk-form', onsubmit: (e) => e.preventDefault() },
        rovingFocus(
          h(
            'div',
            { class: 'walk-bar', role: 'toolbar', 'aria-label': 'Walk' },
            h('div', { class: 'buttons' }, this._prev, this._play, this._next, this._end),
            this._queryField,
            this._keyField,
          ),
        ),
      ),
      rovingFocus(h('div', { class: 'walk-steps', role: 'toolbar', 'aria-label': 'Steps' }, ...this._steps)),
      sayBox,
    );
  }

  render({ state, cell }) {
    if (state !== this._state) this._editedAt = performance.now(); // a recompute: an edit, a load, an undo
    this._state = state;
    const key = state.tokens.join('\u0001');
    if (key !== this._tokens) {
      this._tokens = key;
      const options = () => state.tokens.map((t, k) => h('option', { value: k }, `${k + 1} ${t}`));
      this._query.replaceChildren(...options());
      this._key.replaceChildren(...options());
      forgetValue(this._query); // new options: the value written before is gone
      forgetValue(this._key);
    }
    setProp(this._query, 'value', String(cell[0]));
    setProp(this._key, 'value', String(cell[1]));
    this._show();
  }

  set walk(w) {
    super.walk = w;
    if (this._built && this.model) this._show();
  }

  select(cell) {
    setProp(this._query, 'value', String(cell[0]));
    setProp(this._key, 'value', String(cell[1]));
  }

  _show() {
    const w = this.model.walk,
      k = w ? WALK_STEPS.findIndex((s) => s.name === w.step) : -1;
    this._steps.forEach((b, n) => {
      if (n === k) setAttr(b, 'aria-current', 'step');
      else if (b.hasAttribute('aria-current')) b.removeAttribute('aria-current');
    });
    setText(this._play, w?.playing ? 'Pause' : 'Play');
    // aria-disabled, not disabled: a button pressed to its end keeps the keyboard focus.
    setAttr(this._prev, 'aria-disabled', String(k === 0));
    setAttr(this._next, 'aria-disabled', String(k === WALK_STEPS.length - 1));
    setAttr(this._end, 'aria-disabled', String(!w));
    setText(this._stepName, w ? `${k + 1}/${WALK_STEPS.length} ${WALK_STEPS[k].title}: ` : '');
    setText(this._text, w ? w.narration : IDLE);
    // A new step or key (not a recompute) replays the narration's entrance, where motion is allowed, unless
    // the reader edited within the last second: the numbers already move under their hands, and while any
    // animation runs Chromium re-layerizes the whole page in each frame, about 1 ms more in every edit's frame
    // for the 0.35 s of the entrance (14 ms of main-thread time per step change in all).
    const at = w ? `${w.step}:${w.query}${w.step === 'scores' ? `:${w.key}` : ''}` : '';
    if (at !== this._at) {
      this._at = at;
      this._sayBox.classList.remove('fresh');
      if (w && performance.now() - this._editedAt >= EDITING_MS)
        requestAnimationFrame(() => this._sayBox.classList.add('fresh'));
    }
  }
}

define('walk-panel', WalkPanel);
