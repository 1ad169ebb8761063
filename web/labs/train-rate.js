// The training lab's learning rate: what the field accepts, and the smaller rate to suggest after a divergence.

// The loss is summed over the marked rows, so the steps grow with the number of targets: 0.5 suits one row
// but sends all 24 rows of a long sentence into divergence, while 0.2 still trains one row in a few steps.
export const DEFAULT_RATE = 0.2,
  MAX_RATE = 100; // the core's limit (trainer.d.ts)

/** The learning rate typed in the field: { value } or { error } in the reader's words. */
export function parseRate(text) {
  const t = text.trim();
  if (t === '') return { error: 'the learning rate is empty: type a number above 0, at most 100' };
  const v = Number(t);
  if (!Number.isFinite(v)) return { error: `the learning rate “${t}” is not a number: type one above 0, at most 100` };
  if (v <= 0) return { error: `a learning rate of ${t} does not move the weights: it must be above 0` };
  if (v > MAX_RATE) return { error: `a learning rate of ${t} is too large: it can be at most ${MAX_RATE}` };
  return { value: v };
}

/** A rate about five times smaller, with one significant digit: what to suggest after a divergence. */
export const smallerRate = (lr) => Number((lr / 5).toPrecision(1));
