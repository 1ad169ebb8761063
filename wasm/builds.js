// Loading the core: which of the two WebAssembly builds this JavaScript engine runs, and instantiating it from
// the gzipped bytes the site embeds.  The only importer of the Emscripten output.
import createAttnCore from './attn_core.mjs';
import createAttnCoreRelaxed from './attn_core_relaxed.mjs';
import simd128Wasm from './attn_core_wasm.js';
import relaxedWasm from './attn_core_relaxed_wasm.js';
import { describe, fail } from './errors.js';

// The smallest module that uses f32x4.relaxed_madd: (func (local v128) local.get 0 x3, relaxed_madd, drop).
// It validates exactly where the relaxed build would.
const RELAXED_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 10, 16, 1, 14, 1, 1, 123, 32, 0, 32, 0, 32, 0, 253, 133,
  2, 26, 11,
]);

/** Whether this JavaScript engine runs relaxed SIMD, the relaxed build's one extra requirement. */
export function relaxedSimdSupported() {
  return typeof WebAssembly === 'object' && WebAssembly.validate(RELAXED_PROBE);
}

const BUILDS = {
  simd128: { create: createAttnCore, wasm: simd128Wasm },
  relaxed: { create: createAttnCoreRelaxed, wasm: relaxedWasm },
};

// A module the site embeds as base64 of its gzip (scripts/embed-wasm.mjs), as bytes.
async function inflate(base64) {
  const packed = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const stream = new Blob([packed]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * Instantiates the build createEngine's options choose (see createEngine); only that module is inflated and
 * compiled.  Errors name createEngine, the caller.
 * @returns {Promise<{ core: object, relaxed: boolean }>} the Emscripten module and whether it is the relaxed build
 */
export async function loadCore(options) {
  const { build } = options;
  if (build !== undefined && build !== 'relaxed' && build !== 'simd128')
    throw fail('createEngine', `build: expected "relaxed" or "simd128", got ${describe(build)}`);
  const relaxed = build === undefined ? relaxedSimdSupported() : build === 'relaxed';
  if (relaxed && !relaxedSimdSupported()) {
    throw fail(
      'createEngine',
      'build: "relaxed" needs WebAssembly relaxed SIMD, which this browser does not support (Node 20: --experimental-wasm-relaxed-simd)',
    );
  }
  const chosen = BUILDS[relaxed ? 'relaxed' : 'simd128'];
  const wasmBinary = options.wasmBinary || (await inflate(chosen.wasm));
  // locateFile: the glue would otherwise work out a URL for a .wasm it never fetches.
  const core = await chosen.create({ wasmBinary, locateFile: (path) => path });
  return { core, relaxed };
}
