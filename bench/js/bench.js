// Single-head attention benchmark: this engine (run(), raw kernel, scalar build) against plain JavaScript,
// tfjs-backend-wasm and onnxruntime-web, on the same q, k, v.  Prints a table, writes bench/results/js-bench.json.
// Where relaxed SIMD runs (Node 20: --experimental-wasm-relaxed-simd, as `npm run bench` passes) the relaxed
// build's raw kernel (b′) is timed beside the SIMD128 one (b), interleaved with the rest; (a)-(c) stay SIMD128.
// Usage: node --expose-gc [--experimental-wasm-relaxed-simd] js/bench.js [--rounds 9] [--sample-ms 20] [--sizes …]
import { fork } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { loadOrt, loadTfjs } from './peers.js';
import { calibrate, median, sample } from './timing.js';

const ENGINE = fileURLToPath(new URL('../../build/wasm/site/wasm/engine.js', import.meta.url));
const RESULTS = fileURLToPath(new URL('../results/js-bench.json', import.meta.url));
const TOLERANCE = 1e-3; // loose on purpose: it catches broken paths, not float32 rounding
const VARIANTS = [
  ['run', '(a) engine run(), full trace'],
  ['kernel', '(b) engine raw kernel, SIMD128'],
  ['kernelRelaxed', '(b′) engine raw kernel, relaxed SIMD'],
  ['scalar', '(c) engine scalar build'],
  ['plain', '(d) plain JS, clean process'],
  ['plainForward', '(d′) plain JS from X, W, clean process'],
  ['tfjs', '(e) tfjs-wasm matMul(q,transpose(k))'],
  ['ort', '(f) onnxruntime-web wasm'],
];

function options(argv) {
  const get = (name, fallback) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : fallback;
  };
  const rounds = Number(get('rounds', 9));
  if (!(rounds >= 7)) throw new Error('--rounds: at least 7');
  const sizes = get('sizes', '8,32,128,512,1024,2048').split(',').map(Number);
  return { rounds, sampleMs: Number(get('sample-ms', 20)), sizes };
}

// mulberry32: the same inputs on every run and every machine.
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// X uniform in [-2, 2] and W with variance 1/D: scaled scores have a standard deviation near 1.3, so the
// softmax is neither flat nor saturated.
function makeState(n, D, Dk, rng) {
  const matrix = (rows, cols, range) =>
    Array.from({ length: rows }, () => Array.from({ length: cols }, () => (rng() * 2 - 1) * range));
  const w = () => matrix(D, Dk, Math.sqrt(3 / D));
  return {
    tokens: Array.from({ length: n }, (_, i) => `t${i}`),
    embeddings: matrix(n, D, 2),
    heads: [{ wq: w(), wk: w(), wv: w() }],
    wo: null,
    scale: true,
    mask: 'none',
    temperature: 1,
  };
}

// One case per size.  q, k, v (and the reference output) come from run()'s own trace, so every variant
// attends over exactly the numbers run() does.
function makeCase(engine, n, d) {
  const state = makeState(n, d, d, random(n * 1000 + d));
  const head = engine.run(state).heads[0];
  return {
    n,
    d,
    state,
    scale: 1 / Math.sqrt(d),
    q: head.q.data.slice(),
    k: head.k.data.slice(),
    v: head.v.data.slice(),
    ref: head.output.data.slice(),
  };
}

function engineVariants(engine, c, relaxedEngine) {
  const kernelVariant = (mode) => {
    let kern;
    const setup = () => {
      // the heap views die when memory grows: take them fresh before every batch
      kern = engine.kernel(c.n, c.d);
      kern.q.set(c.q);
      kern.k.set(c.k);
      kern.v.set(c.v);
    };
    return {
      setup,
      call: () => kern.run(c.scale, mode),
      output: () => {
        setup();
        kern.run(c.scale, mode);
        return kern.out.slice();
      },
    };
  };
  return {
    run: { call: () => engine.run(c.state), output: () => engine.run(c.state).heads[0].output.data },
    kernel: kernelVariant('simd'),
    scalar: kernelVariant('scalar'),
    ...(relaxedEngine && { kernelRelaxed: engineVariants(relaxedEngine, c).kernel }),
  };
}

function maxAbsDiff(a, b) {
  if (a.length !== b.length) return Infinity;
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return Number.isNaN(m) ? Infinity : m;
}

// The plain-JS variants, timed in a child process that has never seen a detached ArrayBuffer.
function runPlainChild(cases, rounds, sampleMs) {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(new URL('./plain-child.js', import.meta.url)), [], {
      serialization: 'advanced',
      execArgv: [],
    });
    child.once('message', ({ results }) => resolve(results));
    child.once('error', reject);
    child.once('exit', (code) => code && reject(new Error(`plain-JS child exited with ${code}`)));
    child.send({ cases: cases.map(({ n, d, q, k, v, state }) => ({ n, d, q, k, v, state })), rounds, sampleMs });
  });
}

// Warm up every variant, then `rounds` samples each, the variants interleaved and their order rotated
// every round so that no variant always follows the same neighbour.
// Forced collections only where run() leaves tens of MB of traces per call: at small sizes a full GC costs
// the next samples more (cold caches, re-warmed allocation paths) than it saves.
async function timeInterleaved(variants, rounds, sampleMs, collect) {
  const names = Object.keys(variants);
  const reps = {},
    samples = {};
  for (const name of names) {
    reps[name] = await calibrate(variants[name], sampleMs);
    samples[name] = [];
  }
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(i + r) % names.length];
      if (collect) globalThis.gc?.(); // one variant's garbage should not be collected on another's clock
      samples[name].push(await sample(variants[name], reps[name]));
    }
  }
  return { reps, samples };
}

const fmtTime = (ms) => {
  const us = ms * 1000;
  return us >= 10000 ? `${(us / 1000).toFixed(1)} ms` : us >= 100 ? `${us.toFixed(0)} µs` : `${us.toFixed(2)} µs`;
};
const fmtRatio = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2)) + '×';

function printCase(rows) {
  const byKey = Object.fromEntries(rows.map((r) => [r.variant, r]));
  const { n, d } = rows[0];
  console.log(`\nn = ${n}, d = ${d}   (${((4 * n * n * d) / 1e6).toPrecision(3)} MFLOP a call)`);
  console.log(
    `  ${'variant'.padEnd(40)}${'median'.padStart(10)}${'GFLOP/s'.padStart(9)}${'max|Δ|'.padStart(10)}` +
      `${'kernel faster by'.padStart(18)}${'run() faster by'.padStart(17)}`,
  );
  for (const r of rows) {
    console.log(
      `  ${r.label.padEnd(40)}${fmtTime(r.medianMs).padStart(10)}${r.gflops.toFixed(2).padStart(9)}` +
        `${(r.variant === 'run' ? 'ref' : r.maxAbsDiff.toExponential(1)).padStart(10)}` +
        `${fmtRatio(r.medianMs / byKey.kernel.medianMs).padStart(18)}` +
        `${fmtRatio(r.medianMs / byKey.run.medianMs).padStart(17)}` +
        (r.maxAbsDiff > TOLERANCE ? '  OUTPUT MISMATCH' : ''),
    );
  }
}

// The performance targets, checked on this run's numbers.
function targets(results) {
  const at = (n, d, v) => results.find((r) => r.n === n && r.d === d && r.variant === v);
  const checks = [];
  const check = (what, ok, detail) => checks.push({ what, ok, detail });
  for (const r of results.filter((x) => x.variant === 'kernel' && x.d === 64 && x.n >= 128)) {
    const tf = at(r.n, 64, 'tfjs').medianMs / r.medianMs,
      ort = at(r.n, 64, 'ort').medianMs / r.medianMs;
    check(`n=${r.n}: kernel ≥ 40 GFLOP/s`, r.gflops >= 40, `${r.gflops.toFixed(1)} GFLOP/s`);
    check(`n=${r.n}: kernel ≥ 1.3× tfjs-wasm`, tf >= 1.3, fmtRatio(tf));
    check(`n=${r.n}: kernel ≥ 1.5× onnxruntime-web`, ort >= 1.5, fmtRatio(ort));
    const fused = at(r.n, 64, 'kernelRelaxed');
    if (!fused) continue;
    const over = (v) => at(r.n, 64, v).medianMs / fused.medianMs;
    check(`n=${r.n}: relaxed kernel over SIMD128 kernel`, over('kernel') > 1, fmtRatio(over('kernel')));
    check(`n=${r.n}: relaxed kernel ≥ 2× tfjs-wasm`, over('tfjs') >= 2, fmtRatio(over('tfjs')));
    check(`n=${r.n}: relaxed kernel ≥ 2× onnxruntime-web`, over('ort') >= 2, fmtRatio(over('ort')));
  }
  const toy = at(6, 4, 'run');
  if (toy) check('n=6, d=4: run() full trace ≤ 2 µs', toy.medianMs <= 0.002, fmtTime(toy.medianMs));
  // Like for like: the kernel against attention alone, run() against the plain forward pass from X and W.
  const pairs = [
    ['kernel', 'plain', 'kernel faster than (d)'],
    ['run', 'plainForward', 'run() faster than (d′)'],
  ];
  for (const [ours, theirs, what] of pairs) {
    for (const r of results.filter((x) => x.variant === theirs)) {
      const ratio = r.medianMs / at(r.n, r.d, ours).medianMs;
      check(`n=${r.n}, d=${r.d}: ${what}`, ratio > 1, fmtRatio(ratio));
    }
  }
  return checks;
}

async function main() {
  const opt = options(process.argv.slice(2));
  const started = performance.now();
  if (!existsSync(ENGINE)) throw new Error(`${ENGINE} is missing: run scripts/build wasm first`);
  const { createEngine, relaxedSimdSupported } = await import(ENGINE);
  const engine = await createEngine({ build: 'simd128' });
  const relaxedEngine = relaxedSimdSupported() ? await createEngine({ build: 'relaxed' }) : null;
  if (!relaxedEngine) console.log('relaxed SIMD is off here (Node 20: --experimental-wasm-relaxed-simd): no (b′)');
  const cases = [makeCase(engine, 6, 4), ...opt.sizes.map((n) => makeCase(engine, n, 64))];

  console.log(`plain JS in a clean child process (${cases.length} sizes), then the rest interleaved…`);
  const plain = await runPlainChild(cases, opt.rounds, opt.sampleMs);
  const [tfjs, ort] = [await loadTfjs(), await loadOrt()];

  const results = [];
  let mismatches = 0;
  for (const [ci, c] of cases.entries()) {
    const variants = { ...engineVariants(engine, c, relaxedEngine), tfjs: tfjs.prepare(c), ort: await ort.prepare(c) };
    const outputs = {};
    for (const [name, v] of Object.entries(variants)) outputs[name] = await v.output();
    const { reps, samples } = await timeInterleaved(variants, opt.rounds, opt.sampleMs, c.n >= 512);
    for (const v of Object.values(variants)) v.dispose?.();
    for (const [name, r] of Object.entries(plain[ci])) {
      outputs[name] = r.out;
      reps[name] = r.reps;
      samples[name] = r.samplesMs;
    }
    const rows = VARIANTS.filter(([variant]) => samples[variant]).map(([variant, label]) => {
      const medianMs = median(samples[variant]);
      const maxAbs = maxAbsDiff(outputs[variant], c.ref);
      if (maxAbs > TOLERANCE) mismatches++;
      return {
        n: c.n,
        d: c.d,
        variant,
        label,
        medianMs,
        gflops: (4 * c.n * c.n * c.d) / (medianMs * 1e6),
        maxAbsDiff: maxAbs,
        callsPerSample: reps[variant],
        samplesMs: samples[variant],
      };
    });
    printCase(rows);
    results.push(...rows);
  }

  const checks = targets(results);
  console.log('\ntargets, on this run:');
  for (const c of checks) console.log(`  ${c.ok ? 'met ' : 'MISS'}  ${c.what.padEnd(44)} ${c.detail}`);
  const seconds = (performance.now() - started) / 1000;
  const notes = [
    'median of the per-call times of `rounds` samples; a sample is a batch of calls lasting ≥ sampleMs',
    'variants (a)-(c), (e), (f) interleaved in one process, order rotated each round, a forced GC before ' +
      'each sample at n ≥ 512',
    '(d) and (d′) run alone in a child process that never detaches an ArrayBuffer; (d′) also projects X·W ' +
      "from the state's number[][], as run() does",
    "q, k, v: run()'s own projections of seeded random inputs; max|Δ| is against run()'s output",
    'GFLOP/s counts 4·n²·d (QKᵀ and PV) for every variant; (a) also projects X·W (D = Dk = d), packs the ' +
      'state into the heap and copies the whole trace out',
    '(e) scale folded into q, inputs resident as tensors, no read-back; (f) copies q, k, v in and out back',
  ];
  console.log(`\n${notes.map((s) => `  ${s}`).join('\n')}\n  took ${seconds.toFixed(0)} s`);

  mkdirSync(fileURLToPath(new URL('../results/', import.meta.url)), { recursive: true });
  writeFileSync(
    RESULTS,
    JSON.stringify(
      {
        date: new Date().toISOString(),
        node: process.version,
        cpu: os.cpus()[0]?.model,
        cores: os.cpus().length,
        loadavg: os.loadavg(),
        rounds: opt.rounds,
        sampleMs: opt.sampleMs,
        seconds,
        peers: { tfjs: tfjs.info, ort: ort.info },
        notes,
        results,
        targets: checks,
      },
      null,
      1,
    ) + '\n',
  );
  console.log(`  wrote ${RESULTS}`);
  if (mismatches) {
    console.error(`${mismatches} variant(s) disagree with run() by more than ${TOLERANCE}`);
    process.exitCode = 1;
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
