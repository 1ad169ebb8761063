// core_bench of both WebAssembly builds in one run, order rotated (SIMD128, relaxed, relaxed, SIMD128, ...): each
// build's best GFLOP/s per n over its runs, the relaxed/SIMD128 ratio, and the measured plain and FMA peaks (best
// too).  On a shared machine the best of a few runs is the one least slowed by other work, for kernels and
// peaks alike.
// Usage (after scripts/build): node bench/core-ab.mjs [pairs, default 2]   (bench/run-core.sh runs it)
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadavg } from 'node:os';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const BUILDS = {
  simd128: ['--no-experimental-fetch', `${ROOT}build/wasm/bench/core_bench.js`],
  relaxed: ['--no-experimental-fetch', '--experimental-wasm-relaxed-simd', `${ROOT}build/relaxed/bench/core_bench.js`],
};

function runOnce(build) {
  const text = execFileSync(process.execPath, BUILDS[build], { encoding: 'utf8' });
  process.stdout.write(text + '\n');
  const number = (re) => Number(re.exec(text)?.[1]);
  const rows = {};
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length === 7 && /^\d+$/.test(f[0])) rows[f[0]] = { gflops: Number(f[2]), share: parseFloat(f[3]) };
  }
  return {
    rows,
    plain: number(/mul and add chains: ([\d.]+)/),
    fma: number(/relaxed_madd chains: ([\d.]+)/),
  };
}

const runs = { simd128: [], relaxed: [] };
console.log(
  `load average before: ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
const pairs = Number(process.argv[2] ?? 2);
for (let p = 0; p < pairs; p++) {
  for (const build of p % 2 ? ['relaxed', 'simd128'] : ['simd128', 'relaxed']) runs[build].push(runOnce(build));
}
const best = (xs) => Math.max(...xs);
const plain = best([...runs.simd128, ...runs.relaxed].map((r) => r.plain));
const fma = best(runs.relaxed.map((r) => r.fma));
console.log(
  `load average after: ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
console.log(
  `peaks: plain (mul and add) ${plain.toFixed(1)} GFLOP/s, FMA (relaxed_madd) ${fma.toFixed(1)} GFLOP/s, ratio ${(fma / plain).toFixed(2)}`,
);
const target = Math.min(1.5, 0.85 * (fma / plain));
console.log(`speed-up target min(1.5, 0.85 x ${(fma / plain).toFixed(2)}) = ${target.toFixed(2)}x`);
console.log(
  `${'n'.padStart(6)} ${'SIMD128 GF/s'.padStart(13)} ${'relaxed GF/s'.padStart(13)} ${'ratio'.padStart(7)} ${'of FMA peak'.padStart(12)}`,
);
for (const n of Object.keys(runs.simd128[0].rows)) {
  const a = best(runs.simd128.map((r) => r.rows[n].gflops)),
    b = best(runs.relaxed.map((r) => r.rows[n].gflops));
  console.log(
    `${n.padStart(6)} ${a.toFixed(2).padStart(13)} ${b.toFixed(2).padStart(13)} ${(b / a).toFixed(2).padStart(6)}x ${((100 * b) / fma).toFixed(0).padStart(11)}%`,
  );
}
