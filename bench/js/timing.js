// Sampling and statistics shared by the main process and the plain-JS child: calibrated batches, medians.
// A sample is one batch of calls long enough (≥ sampleMs) that the timer's resolution does not matter.

/** The median of a list of numbers. */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * A variant's timed work.  setup() runs untimed before each batch; call() is one forward pass (may return a
 * promise when isAsync).  Returns milliseconds per call for one batch of `reps` calls.
 */
export async function sample(variant, reps) {
  if (variant.setup) variant.setup();
  const call = variant.call;
  let t0, t1;
  if (variant.isAsync) {
    t0 = performance.now();
    for (let r = 0; r < reps; r++) await call();
    t1 = performance.now();
  } else {
    t0 = performance.now();
    for (let r = 0; r < reps; r++) call();
    t1 = performance.now();
  }
  return (t1 - t0) / reps;
}

/**
 * Warm-up: grows the batch until one batch takes ≥ sampleMs, and keeps going until at least two batches and
 * warmupMs have passed, so the JIT has settled before the batch size is fixed.  Returns calls per sample.
 */
export async function calibrate(variant, sampleMs, warmupMs = 5 * sampleMs) {
  let reps = 1,
    spent = 0,
    batches = 0,
    perCall;
  for (;;) {
    perCall = await sample(variant, reps);
    spent += perCall * reps;
    batches++;
    if (perCall * reps >= sampleMs && spent >= warmupMs && batches >= 2) break;
    reps = Math.max(1, Math.ceil(sampleMs / Math.max(perCall, 1e-6)));
  }
  return reps;
}
