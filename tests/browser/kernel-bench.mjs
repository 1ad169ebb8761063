// Browser benchmark (not a test; scripts/test does not run it): the bare attention kernel (engine.kernel, d = 64)
// of the SIMD128 build and of the relaxed-SIMD build, both loaded in one Chromium page and alternated sample by
// sample (A B, then B A), so that both see the same machine.  Prints each build's median time and GFLOP/s
// (4 n² d flops a call) and the relaxed/SIMD128 ratio.  The peaks to read them against come from
// bench/run-core.sh (V8 under Node; Chromium's V8 is newer, but the CPU's ceiling is the same).
// Usage: scripts/build wasm && node tests/browser/kernel-bench.mjs [--rounds 15] [--sizes 128,512,2048]
import os from 'node:os';
import { serve, launch } from './harness.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const rounds = Number(arg('rounds', 15));
const sizes = arg('sizes', '128,512,2048').split(',').map(Number);

const server = await serve();
const browser = await launch();
try {
  const page = await browser.newPage();
  await page.goto(server.url);
  console.log(
    `Chromium ${browser.version()}, ${os.cpus()[0]?.model}, load average ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
  const rows = await page.evaluate(
    async ([sizes, rounds]) => {
      const { createEngine } = await import('../wasm/engine.js');
      const engines = {
        simd128: await createEngine({ build: 'simd128' }),
        relaxed: await createEngine({ build: 'relaxed' }),
      };
      if (!engines.relaxed.features.relaxedSimd || engines.simd128.features.relaxedSimd)
        throw new Error('wrong builds');
      const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
      const out = [];
      for (const n of sizes) {
        const d = 64;
        let seed = n;
        const next = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32) * 2 - 1;
        const inputs = Array.from({ length: 3 }, () => Float32Array.from({ length: n * d }, next));
        const kernels = {};
        for (const [build, engine] of Object.entries(engines)) {
          const k = engine.kernel(n, d);
          k.q.set(inputs[0]);
          k.k.set(inputs[1]);
          k.v.set(inputs[2]);
          kernels[build] = k;
        }
        // Calls per sample: about 40 ms of the SIMD128 kernel, after a warm-up that lets V8 tier up both.
        const t0 = performance.now();
        let calls = 0;
        while (performance.now() - t0 < 300) {
          kernels.simd128.run(0.125);
          kernels.relaxed.run(0.125);
          calls++;
        }
        const reps = Math.max(1, Math.round((40 * calls) / (performance.now() - t0) / 1.0));
        const samples = { simd128: [], relaxed: [] };
        for (let r = 0; r < rounds; r++) {
          for (const build of r % 2 ? ['relaxed', 'simd128'] : ['simd128', 'relaxed']) {
            const s = performance.now();
            for (let i = 0; i < reps; i++) kernels[build].run(0.125);
            samples[build].push((performance.now() - s) / reps);
          }
        }
        const diff = kernels.simd128.out.reduce((m, x, i) => Math.max(m, Math.abs(x - kernels.relaxed.out[i])), 0);
        out.push({ n, d, reps, simd128: median(samples.simd128), relaxed: median(samples.relaxed), diff });
      }
      return out;
    },
    [sizes, rounds],
  );
  console.log(
    `${'n'.padStart(6)} ${'SIMD128 ms'.padStart(11)} ${'GF/s'.padStart(7)} ${'relaxed ms'.padStart(11)} ${'GF/s'.padStart(7)} ${'ratio'.padStart(7)} ${'max|Δ|'.padStart(9)}`,
  );
  for (const r of rows) {
    const gf = (ms) => (4 * r.n * r.n * r.d) / (ms * 1e6);
    console.log(
      `${String(r.n).padStart(6)} ${r.simd128.toFixed(3).padStart(11)} ${gf(r.simd128).toFixed(1).padStart(7)} ` +
        `${r.relaxed.toFixed(3).padStart(11)} ${gf(r.relaxed).toFixed(1).padStart(7)} ${(r.simd128 / r.relaxed).toFixed(2).padStart(6)}x ` +
        `${r.diff.toExponential(1).padStart(9)}`,
    );
  }
  console.log(
    `median of ${rounds} samples each, alternated A B / B A; load average ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
} finally {
  await browser.close();
  await server.close();
}
