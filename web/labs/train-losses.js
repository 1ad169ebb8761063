// The training lab's losses for one goal: the curve (its last MAX_CURVE steps), whether it says training
// diverges, and its plot.
import { formatNumber } from '../widgets/format.js';
import { linePlot } from './lab-kit.js';

const MAX_CURVE = 4000;
// Divergence: the loss rose on this many steps in a row (by more than rounding), or grew tenfold.
const RISES = 3,
  BLOWUP = 10;

/** Why the losses (before each step, then the current one) say training diverges, or null. */
function divergence(losses) {
  const n = losses.length,
    last = losses[n - 1];
  if (!Number.isFinite(last)) return 'the loss overflowed';
  if (n > 1 && last > BLOWUP * losses[0])
    return `the loss grew from ${formatNumber(losses[0], 3)} to ${formatNumber(last, 3)}`;
  if (n <= RISES) return null;
  const from = losses[n - 1 - RISES];
  for (let k = n - RISES; k < n; k++) if (!(losses[k] > losses[k - 1])) return null;
  return last > from * 1.01
    ? `the loss rose on ${RISES} steps in a row (${formatNumber(from, 3)} → ${formatNumber(last, 3)})`
    : null;
}

/** The loss before each step taken toward the current targets (before), and the loss now. */
export class LossCurve {
  constructor() {
    this.clear();
  }

  clear() {
    this.before = [];
    this.now = undefined;
    this.since = 0; // where the current learning rate's steps start
  }

  /** A trainer's steps: the loss before each of them, then the loss after the last. */
  add(losses, now) {
    this.before.push(...losses);
    if (this.before.length > MAX_CURVE) {
      const cut = this.before.length - MAX_CURVE;
      this.before.splice(0, cut);
      this.since = Math.max(0, this.since - cut);
    }
    this.now = now;
  }

  /** A new learning rate: divergence is judged on its own steps. */
  newRate() {
    this.since = this.before.length;
  }

  /** Why the steps at the current rate say training diverges, or null. */
  divergence() {
    return divergence([...this.before.slice(this.since), this.now]);
  }
}

const drawn = new WeakMap(); // svg → the curve it shows, as `${steps}:${loss now}`

/** Plots the curve into svg, redrawn only when a step added to it. */
export function plotLosses(svg, curve) {
  const key = `${curve.before.length}:${curve.now}`;
  if (drawn.get(svg) === key) return;
  drawn.set(svg, key);
  linePlot(svg, [{ points: curve.before.map((l, k) => [k + 1, l]), color: 'var(--ap-plot-a)', label: 'loss' }], {
    xLabel: 'step',
    yLabel: 'loss',
    yMin: 0,
  });
}
