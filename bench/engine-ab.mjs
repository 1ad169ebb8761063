// Engine A/B (a benchmark, not a test): the forward pass of two built engines, e.g. this tree's
// build/wasm/site and a copy built at the parent commit, in one Node process.  Each case runs A and B in
// alternating blocks (A B, then B A), so drift in the machine's load falls on both; prints each engine's median
// per case and the B/A ratio, in the process's CPU time (a time slice lost to another process on a shared
// machine does not count) and in wall time.
// Usage: node bench/engine-ab.mjs <siteA> <siteB> [rounds]
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [a, b, rounds = '12'] = process.argv.slice(2);
if (!a || !b) {
  console.error('usage: node bench/engine-ab.mjs <siteA> <siteB> [rounds]');
  process.exit(2);
}

const load = async (site) => {
  const { createEngine } = await import(pathToFileURL(resolve(site, 'engine.js')).href);
  return createEngine();
};
const engines = [await load(a), await load(b)];

// A seeded generator, so both engines get the same numbers.
function random(seed) {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0;
    return (x / 2 ** 32) * 2 - 1;
  };
}
const matrix = (rnd, r, c) => Array.from({ length: r }, () => Array.from({ length: c }, rnd));

function state({ T, D, Dk, H, mask, wo }) {
  const rnd = random(T * 131 + D);
  return {
    tokens: Array.from({ length: T }, (_, i) => `t${i}`),
    embeddings: matrix(rnd, T, D),
    heads: Array.from({ length: H }, () => ({
      wq: matrix(rnd, D, Dk),
      wk: matrix(rnd, D, Dk),
      wv: matrix(rnd, D, Dk),
    })),
    wo: wo ? matrix(rnd, H * Dk, D) : null,
    scale: true,
    mask: mask === 'custom' ? matrix(rnd, T, T).map((row) => row.map((x) => (x > -0.3 ? 1 : 0))) : mask,
    temperature: 1,
  };
}

const CASES = [
  { name: 'page default, T=5 D=13', T: 5, D: 13, Dk: 13, H: 1, mask: 'none' },
  { name: 'page full, T=24 D=16 H=8 W_O causal', T: 24, D: 16, Dk: 16, H: 8, mask: 'causal', wo: true },
  { name: 'T=128 d=64 causal', T: 128, D: 64, Dk: 64, H: 1, mask: 'causal' },
  { name: 'T=256 d=64 custom mask', T: 256, D: 64, Dk: 64, H: 1, mask: 'custom' },
  { name: 'T=512 d=64 none', T: 512, D: 64, Dk: 64, H: 1, mask: 'none' },
];

// Runs one engine on the state for about `ms` of CPU time; returns [CPU µs, wall µs] per run.
function time(engine, s, ms = 60) {
  let n = 0;
  const c0 = process.cpuUsage(),
    t0 = performance.now();
  let cpu = 0;
  while (cpu < ms * 1000) {
    engine.run(s);
    n++;
    const c = process.cpuUsage(c0);
    cpu = c.user + c.system;
  }
  return [cpu / n, ((performance.now() - t0) * 1000) / n];
}

const median = (xs) => [...xs].sort((x, y) => x - y)[xs.length >> 1];
console.log(`A ${a}\nB ${b}\n${rounds} rounds, alternating A B / B A\n`);
const cols = ['A cpu µs', 'B cpu µs', 'B/A', 'A wall µs', 'B wall µs', 'B/A'];
console.log('case'.padEnd(40), ...cols.map((c) => c.padStart(10)));
for (const c of CASES) {
  const s = state(c);
  for (const e of engines) time(e, s, 100); // warm up both
  const us = [[], []];
  for (let r = 0; r < Number(rounds); r++) {
    const order = r % 2 ? [1, 0] : [0, 1];
    for (const k of order) us[k].push(time(engines[k], s));
  }
  const m = (k, i) => median(us[k].map((x) => x[i]));
  const fig = (i) => [m(0, i).toFixed(1), m(1, i).toFixed(1), (m(1, i) / m(0, i)).toFixed(3)];
  console.log(c.name.padEnd(40), ...[...fig(0), ...fig(1)].map((x) => x.padStart(10)));
}
