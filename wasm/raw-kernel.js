// The bare attention kernel behind Engine.kernel, for benchmarks and the cost lab: buffers in the wasm heap
// and a run that computes out = softmax(q kᵀ · factor) v with no trace.
import { describe, fail } from './errors.js';

/**
 * T×Dk buffers q, k, v, out in core's heap and their run(factor, kernels); limits: the engine's limits.
 * The views die if memory grows (any larger run).
 */
export function rawKernel(core, limits, T, Dk) {
  const { maxTokens, maxDK } = limits;
  const whole = (x, max) => Number.isInteger(x) && x >= 1 && x <= max;
  if (!whole(T, maxTokens) || !whole(Dk, maxDK)) {
    throw fail(
      'kernel',
      `T must be a whole number from 1 to ${maxTokens} and Dk from 1 to ${maxDK}, got ${describe(T)} and ${describe(Dk)}`,
    );
  }
  const ptr = core._kernelBuffers(T, Dk);
  if (!ptr) throw fail('kernel', `no memory for T = ${T}, Dk = ${Dk}`);
  const f32 = core.HEAPF32,
    o = ptr >> 2,
    m = T * Dk;
  return {
    q: f32.subarray(o, o + m),
    k: f32.subarray(o + m, o + 2 * m),
    v: f32.subarray(o + 2 * m, o + 3 * m),
    out: f32.subarray(o + 3 * m, o + 4 * m),
    run: (factor = 1 / Math.sqrt(Dk), kernels = 'simd') => {
      if (typeof factor !== 'number' || !Number.isFinite(factor))
        throw fail('kernel.run', `factor: not a finite number (${describe(factor)})`);
      if (kernels !== 'simd' && kernels !== 'scalar')
        throw fail('kernel.run', `kernels: expected "simd" or "scalar", got ${describe(kernels)}`);
      core._runKernel(factor, kernels === 'scalar');
    },
  };
}
