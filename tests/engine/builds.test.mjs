// The two builds: the load-time choice, forcing one, and both held to the same reference.  Run once plainly
// (Node 20 refuses relaxed SIMD: the SIMD128 build) and once with --experimental-wasm-relaxed-simd (scripts/test).
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { referenceForward, rng, randomState } from './reference.mjs';

const site = new URL('../../build/wasm/site/', import.meta.url);
const { createEngine, relaxedSimdSupported } = await import(new URL('wasm/engine.js', site));
const supported = relaxedSimdSupported();
const flagged = process.execArgv.includes('--experimental-wasm-relaxed-simd');

// Within 2e-5 relative of the reference, as every other engine answer.
function maxRelError(got, want) {
  let worst = 0;
  want.forEach((row, i) =>
    row.forEach((w, j) => {
      worst = Math.max(worst, Math.abs(got.data[i * got.cols + j] - w) / Math.max(1, Math.abs(w)));
    }),
  );
  return worst;
}

test('relaxed SIMD is detected exactly where Node 20 has its flag', () => {
  assert.equal(supported, flagged);
});

test('the default build is the relaxed one where relaxed SIMD validates, else SIMD128', async () => {
  const engine = await createEngine();
  assert.equal(engine.features.relaxedSimd, supported);
  assert.ok(Object.isFrozen(engine.features));
});

test('the relaxed build’s embedded module holds relaxed_madd and validates only where relaxed SIMD does', async () => {
  const { default: packed } = await import(new URL('wasm/attn_core_relaxed_wasm.js', site));
  const stream = new Blob([Buffer.from(packed, 'base64')]).stream().pipeThrough(new DecompressionStream('gzip'));
  const wasm = new Uint8Array(await new Response(stream).arrayBuffer());
  assert.equal(WebAssembly.validate(wasm), supported);
  // f32x4.relaxed_madd is 0xfd 0x85 0x02; wasm-objdump counts the instructions (ctest), this the bytes.
  let found = 0;
  for (let i = 0; i + 2 < wasm.length; i++)
    if (wasm[i] === 0xfd && wasm[i + 1] === 0x85 && wasm[i + 2] === 0x02) found++;
  assert.ok(found > 0, 'no relaxed_madd opcode in the relaxed module');
});

test('build forces the SIMD128 build; a forced relaxed build runs where supported and is refused elsewhere', async () => {
  const plain = await createEngine({ build: 'simd128' });
  assert.equal(plain.features.relaxedSimd, false);
  if (supported) {
    assert.equal((await createEngine({ build: 'relaxed' })).features.relaxedSimd, true);
  } else {
    await assert.rejects(
      createEngine({ build: 'relaxed' }),
      /^Error: createEngine: build: "relaxed" needs WebAssembly relaxed SIMD/,
    );
  }
});

test('an unknown build is named in the error', async () => {
  for (const build of ['fma', '', null, 3]) {
    await assert.rejects(createEngine({ build }), /^Error: createEngine: build: expected "relaxed" or "simd128", got /);
  }
});

test('both builds agree with the double-precision reference, with and without the scalar twins', async () => {
  const builds = supported ? ['simd128', 'relaxed'] : ['simd128'];
  for (const build of builds) {
    const engine = await createEngine({ build });
    for (const [seed, shape] of [
      [3, { T: 5, D: 3, Dk: 2, H: 2, Dout: 3 }],
      [4, { T: 37, D: 16, Dk: 16, H: 8, mask: 'causal' }],
      [5, { T: 130, D: 8, Dk: 9, H: 1, temperature: 0.5 }],
    ]) {
      const state = randomState(rng(seed), shape);
      const want = referenceForward(state);
      for (const kernels of ['simd', 'scalar']) {
        const t = engine.run(state, { kernels });
        const err = maxRelError(t.output, want.output);
        assert.ok(err <= 2e-5, `${build} ${kernels} seed ${seed}: output off by ${err} relative`);
      }
    }
  }
});

test('the bare kernel of each build matches its scalar twin at T = 128, Dk = 64', async () => {
  const builds = supported ? ['simd128', 'relaxed'] : ['simd128'];
  const next = rng(9);
  for (const build of builds) {
    const k = (await createEngine({ build })).kernel(128, 64);
    for (const a of [k.q, k.k, k.v]) for (let i = 0; i < a.length; i++) a[i] = next() * 2 - 1;
    k.run(0.125, 'scalar');
    const want = Float32Array.from(k.out);
    k.run(0.125, 'simd');
    let worst = 0;
    for (let i = 0; i < want.length; i++)
      worst = Math.max(worst, Math.abs(k.out[i] - want[i]) / Math.max(1, Math.abs(want[i])));
    assert.ok(worst <= 2e-5, `${build}: kernel off by ${worst}`);
  }
});
