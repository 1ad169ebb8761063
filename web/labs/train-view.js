// The training lab's DOM: the goal, rate and matrix controls, the training toolbar, the weights and loss
// figures, and the line of figures under them.  Built once; the lab fills it on every draw.
import { h } from '../widgets/dom.js';
import { formatNumber } from '../widgets/format.js';
import { rovingFocus } from '../widgets/grid-keys.js';
import { labHeader } from './lab-kit.js';
import { DEFAULT_RATE, MAX_RATE } from './train-rate.js';

const PARAMS = [
  ['wq', 'W_Q', true],
  ['wk', 'W_K', true],
  ['wv', 'W_V', false],
  ['embeddings', 'E', false],
  ['positions', 'P', false], // only a learned table
];

/**
 * Builds the lab's content into lab; on: its handlers { goal, rate(committed), settings, step, run, stop, reset,
 * clear }.  Returns the elements the lab reads and updates.
 */
export function trainView(lab, on) {
  const goal = h('select', { 'aria-label': 'Goal', onchange: () => on.goal() });
  const lr = h('input', {
    type: 'number',
    class: 'num',
    value: String(DEFAULT_RATE),
    min: '0.001',
    max: String(MAX_RATE),
    step: '0.1',
    'aria-label': 'Learning rate',
    oninput: () => on.rate(false),
    onchange: () => on.rate(true),
  });
  const checks = PARAMS.map(([key, , checked]) =>
    h('input', { type: 'checkbox', value: key, checked, onchange: () => on.settings() }),
  );
  const button = (text, fn) => h('button', { type: 'button', onclick: () => fn() }, text);
  const v = {
    goal,
    lr,
    checks,
    stepBtn: button('Step', on.step),
    runBtn: button('Run', on.run),
    stopBtn: button('Stop', on.stop),
    resetBtn: button('Reset', on.reset),
    clearBtn: button('Clear targets', on.clear),
    grid: h('div', { class: 'lab-heat' }),
    figures: h('p', { class: 'lab-figures', role: 'status' }),
    curve: document.createElementNS('http://www.w3.org/2000/svg', 'svg'),
  };
  v.curve.classList.add('loss-curve');
  lab.append(
    ...labHeader(
      lab,
      'Train a head toward a pattern',
      'Click a weight to make it its row’s target (click again to unmark), or pick a goal, then Step or Run. Gradient descent ' +
        'on the cross-entropy between the marked rows and the softmax weights, computed in C++, updates the checked ' +
        'matrices; every panel above follows. (W<sub>V</sub> does not shape the pattern, so its gradient here is 0.)',
    ),
    h(
      'div',
      { class: 'lab-bar' },
      h('label', {}, 'Goal', goal),
      h('label', {}, 'Learning rate', lr),
      h('span', {}, 'Train:'),
      ...PARAMS.map(([, label], k) => h('label', {}, checks[k], label)),
    ),
    // One Tab stop for the training buttons (← → between them).
    rovingFocus(
      h(
        'div',
        { class: 'lab-bar buttons', role: 'toolbar', 'aria-label': 'Training' },
        v.stepBtn,
        v.runBtn,
        v.stopBtn,
        v.resetBtn,
        v.clearBtn,
      ),
    ),
    h(
      'div',
      { class: 'lab-cols' },
      h(
        'figure',
        { class: 'fig' },
        v.grid,
        h('figcaption', {}, 'Softmax weights of the head shown; outlined: targets'),
      ),
      h('figure', { class: 'fig' }, v.curve, h('figcaption', {}, 'Loss per step (cross-entropy of the marked rows)')),
    ),
    v.figures,
  );
  return v;
}

/** The goal picker's options: none picked, then each goal. */
export function goalOptions(select, goals) {
  select.replaceChildren(
    h('option', { value: '' }, '— pick a goal —'),
    ...goals.map((g) => h('option', { value: g.id }, g.label)),
  );
}

/**
 * Matrices the page locks (`locked`) cannot be trained, nor fixed positions (only a learned table): their
 * boxes are off and disabled, titled why.  True when a box changed.
 */
export function lockChecks(checks, locked, learned) {
  let changed = false;
  for (const c of checks) {
    const fixed = c.value === 'positions' && !learned,
      off = locked.has(c.value) || fixed;
    if (c.disabled !== off) {
      c.disabled = off;
      c.title = fixed ? 'Only learned positions can be trained (Positions: Learned)' : off ? 'Locked on this page' : '';
      changed = true;
    }
  }
  return changed;
}

/**
 * The line under the figures: what went wrong (or that nothing can train), the target weights now (the
 * first four), the loss since the targets were set, the time a step takes.
 */
export function figuresText({ error, allLocked, tokens, weights, targets, losses, stepMs }) {
  const T = weights.cols;
  const marked = [...targets].map(([i, j]) => `${tokens[i]}→${tokens[j]} ${formatNumber(weights.data[i * T + j])}`);
  const parts = [
    error
      ? `⚠ ${error}`
      : allLocked
        ? 'Every trainable matrix is locked on this page (readonly or editable): nothing to train.'
        : '',
    marked.length
      ? `target weights now: ${marked.slice(0, 4).join(', ')}${marked.length > 4 ? ', …' : ''}`
      : 'no targets marked',
    losses.before.length
      ? `loss ${formatNumber(losses.before[0], 3)} → ${formatNumber(losses.now, 3)} after ${losses.before.length} steps`
      : '',
    stepMs !== undefined ? `${stepMs.toFixed(3)} ms per step` : '',
  ];
  return parts.filter(Boolean).join(' · ');
}
