// The plain-JavaScript variants in their own process: V8 slows typed-array loops for good once any ArrayBuffer
// in the process is detached (wasm memory growth does that), so this process loads nothing but plain JS.
// Protocol: receives { cases: [{ n, d, q, k, v, state }], rounds, sampleMs } over IPC; replies with, per case
// and variant, calls per sample, the samples (ms a call) and the output.
import { plainAttention, plainForward } from './plain-attention.js';
import { calibrate, sample } from './timing.js';

async function measure(variant, rounds, sampleMs) {
  const reps = await calibrate(variant, sampleMs);
  const samplesMs = [];
  for (let r = 0; r < rounds; r++) samplesMs.push(await sample(variant, reps));
  return { reps, samplesMs, out: variant.call() };
}

process.once('message', async ({ cases, rounds, sampleMs }) => {
  const results = [];
  for (const { n, d, q, k, v, state } of cases) {
    results.push({
      plain: await measure({ call: () => plainAttention(q, k, v, n, d) }, rounds, sampleMs),
      plainForward: await measure({ call: () => plainForward(state) }, rounds, sampleMs),
    });
  }
  process.send({ results }, () => process.disconnect());
});
