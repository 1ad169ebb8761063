// <walk-panel>: the controls of a walk through attention for one query token (Play/Pause, Previous, Next,
// the query and key pickers, the seven steps) and its narration with the trace's numbers.  It shows the
// walk its playground runs and sends `walk` { action, value } up; it computes nothing.
import { h, define, emit, uid, setText, setAttr, setProp, forgetValue, fittedBox } from '../widgets/dom.js';
import { rovingFocus } from '../widgets/grid-keys.js';
import { adoptSheets } from '../app/styles.js';
import { Panel } from './panel.js';
import { WALK_STEPS, walkNumbers } from './walk-steps.js';

const IDLE = 'Press Play, or Next, to walk through attention for one query token, one step at a time.';
/** ms after an edit during which a new step shows without its entrance: the reader is typing or dragging. */
const EDITING_MS = 1000;
/** The reader's own moves, after which the lit cells are brought into view (never Play's). */
const REVEAL = ['next', 'previous', 'step', 'query', 'key'];
const reducedMotion = typeof matchMedia === 'function' ? matchMedia('(prefers-reduced-motion: reduce)') : null;

const CSS = `
/* No margin even where the host page is in quirks mode, whose forms have one below. */
.ap walk-panel .walk-form { margin: 0; }
.ap walk-panel .walk-bar { display: flex; flex-wrap: wrap; gap: 8px 12px; align-items: flex-end; }
.ap walk-panel .walk-bar .buttons { gap: 6px; }
/* Play is as wide as Pause, so that pressing it never wraps the bar. */
.ap walk-panel .walk-play::after { content: 'Pause' / ''; display: block; height: 0; overflow: hidden; visibility: hidden; }
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
/* While a walk runs, the panel sticks at the top of the playground as the panels below scroll under it
   (the pipeline is the sticky box's container), its heading scrolled off (a negative top, --ap-walk-top, set
   from the bar's offset): the bar, the steps, the narration and the lit numbers copied small (.walk-nums)
   stay in view. */
.ap .pipeline > walk-panel[data-walking] { position: sticky; top: var(--ap-walk-top, 0px); z-index: 3;
  align-self: start; content-visibility: visible; box-shadow: 0 6px 16px -8px rgb(0 0 0 / .35); }
.ap walk-panel .walk-more { display: none; margin-top: 4px; min-height: 30px; padding: 2px 10px; font-size: 13px; }
.ap walk-panel .walk-nums { display: flex; flex-wrap: wrap; gap: 2px 12px; margin: 6px 0 0; font-size: 12px; }
.ap walk-panel .walk-nums[hidden] { display: none; }
.ap walk-panel .walk-nums .num { font-family: var(--ap-mono); color: var(--ap-muted); overflow-wrap: anywhere; }
.ap walk-panel .walk-nums .num i { font-style: normal; margin-right: 4px; }
/* Lit by colour and a line, not weight: a bolder number is wider and could wrap the line, moving the panels. */
.ap walk-panel .walk-nums .num[data-on] { color: var(--ap-ink); text-decoration: underline 2px var(--ap-highlight); text-underline-offset: 3px; }
.ap walk-panel .walk-nums .num[data-on] i { color: var(--ap-highlight); }
/* A small screen keeps the stuck bar short: no step buttons (Previous and Next walk on), the numbers two to a
   line, each cut to its line (the panels below show them whole). */
@media (max-height: 560px), (max-width: 560px) {
  .ap .pipeline > walk-panel[data-walking] .walk-steps { display: none; }
  .ap .pipeline > walk-panel[data-walking]:not([data-whole]) .walk-say-box { max-height: calc(3 * 1.45 * 15px + 6px); }
  .ap .pipeline > walk-panel[data-walking] .walk-say { margin-top: 6px; }
  .ap .pipeline > walk-panel[data-walking] .walk-bar { gap: 6px 10px; }
  .ap .pipeline > walk-panel[data-walking] .walk-bar .field { flex-direction: row; align-items: center; gap: 6px; }
  .ap .pipeline > walk-panel[data-walking] .walk-more { display: inline-block; }
  .ap walk-panel .walk-nums { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); }
  .ap walk-panel .walk-nums .num { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
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
    const send = (action, value) => {
      emit(this, 'walk', { action, value });
      if (REVEAL.includes(action)) requestAnimationFrame(() => this._reveal());
    };
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
    // The numbers the step is about, small: what the lit cells hold, in view while the panels scroll.
    this._nums = Array.from({ length: 7 }, () => {
      const label = h('i'),
        value = h('span');
      return { label, value, box: h('span', { class: 'num' }, label, value) };
    });
    this._numsBox = h('p', { class: 'walk-nums', hidden: true }, ...this._nums.map((n) => n.box));
    // On a small screen the stuck bar shows four lines of the narration; this shows it whole, or short again.
    this._more = h('button', { type: 'button', class: 'walk-more', 'aria-expanded': 'false' }, 'Whole narration');
    this._more.addEventListener('click', () => {
      const whole = !this.hasAttribute('data-whole');
      this.toggleAttribute('data-whole', whole);
      this._more.setAttribute('aria-expanded', String(whole));
      setText(this._more, whole ? 'Shorter narration' : 'Whole narration');
    });
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
      (this._form = h(
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
      )),
      rovingFocus(h('div', { class: 'walk-steps', role: 'toolbar', 'aria-label': 'Steps' }, ...this._steps)),
      sayBox,
      this._more,
      this._numsBox,
    );
    // The bar's width follows the panel's, and the heading's height sets where the panel sticks.  Not the
    // panel itself: the narration's fitted box resizes in an observer of its own, and an observer of an
    // ancestor would then miss that frame (a ResizeObserver loop error).
    const watch = new ResizeObserver(() => this._measureSoon());
    watch.observe(this._form);
    watch.observe(this.firstElementChild);
  }

  // Measured in the next frame, once a frame.
  _measureSoon() {
    if (this._measuring) return;
    this._measuring = true;
    requestAnimationFrame(() => {
      this._measuring = false;
      this._stickAt();
    });
  }

  // Stuck, the panel's top sits this far above the playground's top edge: its heading and lesson hidden, the
  // bar 8 px below the edge.  During a walk the panel only grows: a shorter narration leaves its height, so
  // that the panels below do not move as the steps go by (nor the page with them, where no scroll anchoring
  // holds it).  A new width starts over.
  _stickAt() {
    const top = `${8 - this._form.offsetTop}px`;
    if (this.style.getPropertyValue('--ap-walk-top') !== top) this.style.setProperty('--ap-walk-top', top);
    const width = this.offsetWidth;
    if (width !== this._width) {
      this._width = width;
      this._holdHeight(false);
    }
    if (this.hasAttribute('data-walking')) this._holdHeight(true);
  }

  _holdHeight(hold) {
    const height = this.getBoundingClientRect().height;
    if (hold && height > (this._held ?? 0)) {
      this._held = height;
      this.style.minHeight = `${this._held}px`;
    } else if (!hold && this._held) {
      this._held = 0;
      this.style.removeProperty('min-height');
    }
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

  // The step's last lit cell (its result: the pipeline runs down the page) comes into view below this bar,
  // which sticks at the top while a walk runs; at once under reduced motion.
  _reveal() {
    const lit = this.closest('.ap')?.querySelectorAll('[data-lit]'),
      cell = lit?.[lit.length - 1];
    if (!cell) return;
    // What the bar covers once stuck: the panel less its part above the bar (which then sits 8 px down).
    const sticky = getComputedStyle(this).position === 'sticky',
      below = sticky ? this.offsetHeight - this._form.offsetTop + 8 : 0;
    cell.style.scrollMargin = `${below + 8}px 8px 8px`;
    const smooth = !reducedMotion?.matches;
    cell.scrollIntoView({ block: 'nearest', inline: 'nearest', behavior: smooth ? 'smooth' : 'auto' });
    // Panels passed on the way lay out for the first time then (content-visibility) and may move the cell:
    // once the scroll is over, a second, instant one puts it back in view.
    this._revealing = cell;
    setTimeout(
      () => {
        if (this._revealing !== cell || this.model.walk?.playing) return; // Play never scrolls
        const r = cell.getBoundingClientRect(),
          bar = sticky ? this.getBoundingClientRect().bottom : 0;
        if (r.top < bar || r.bottom > innerHeight) cell.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      },
      smooth ? 900 : 50,
    );
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
    if (this.hasAttribute('data-walking') !== !!w) {
      this.toggleAttribute('data-walking', !!w);
      if (!w) this._holdHeight(false);
    }
    if (w) this._measureSoon(); // a longer narration: the panel grows, and holds that height
    setProp(this._numsBox, 'hidden', !w);
    if (w) {
      const { state, trace, head } = this.model;
      walkNumbers(state, trace, head, w.query, w.key).forEach(({ tensor, label, text }, n) => {
        const item = this._nums[n];
        setText(item.label, label);
        setText(item.value, text);
        const on = !!w.lit[tensor]?.length || (tensor === 'masked' && !!w.lit.scaled?.length);
        if (item.box.hasAttribute('data-on') !== on) item.box.toggleAttribute('data-on', on);
      });
    }
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
