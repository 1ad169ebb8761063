// The peers, each loaded from bench/node_modules only and held to one thread: tfjs-backend-wasm (SIMD build)
// and onnxruntime-web (wasm execution provider).  Each prepare(c) returns a variant for the timing loop.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { attentionModel } from './onnx-model.js';

const require = createRequire(import.meta.url);
const modules = fileURLToPath(new URL('../node_modules/', import.meta.url));

/**
 * tfjs on its wasm backend, single-threaded.  Its fastest form of attention: the scale folded into q (n·d
 * multiplies instead of n²), matMul(q, transpose(k)) (its transposeB path is several times slower), softmax,
 * matMul with v.  Inputs stay resident as tensors; ops run eagerly, so the timed call skips the read-back.
 */
export async function loadTfjs() {
  const tf = require('@tensorflow/tfjs-core');
  const backend = require('@tensorflow/tfjs-backend-wasm');
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  backend.setWasmPaths(`${modules}@tensorflow/tfjs-backend-wasm/dist/`);
  if (!(await tf.setBackend('wasm'))) throw new Error('tfjs: the wasm backend did not initialise');
  await tf.ready();
  const info = {
    version: tf.version_core,
    simd: tf.env().getBool('WASM_HAS_SIMD_SUPPORT'),
    threads: backend.getThreadsCount(),
  };
  const prepare = ({ n, d, q, k, v, scale }) => {
    const qt = tf.tensor2d(q, [n, d]),
      kt = tf.tensor2d(k, [n, d]),
      vt = tf.tensor2d(v, [n, d]);
    const forward = () => tf.tidy(() => tf.matMul(tf.softmax(tf.matMul(tf.mul(qt, scale), tf.transpose(kt))), vt));
    return {
      call: () => forward().dispose(),
      output: () => {
        const out = forward();
        const data = out.dataSync().slice();
        out.dispose();
        return data;
      },
      dispose: () => tf.dispose([qt, kt, vt]),
    };
  };
  return { info, prepare };
}

/**
 * onnxruntime-web, wasm execution provider, one thread, all graph optimisations, on the model from
 * onnx-model.js with fixed shapes (one session per size).  Each call copies q, k, v in and out back.
 */
export async function loadOrt() {
  const ort = await import(`${modules}onnxruntime-web/dist/ort.node.min.mjs`);
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.proxy = false;
  ort.env.wasm.wasmPaths = `${modules}onnxruntime-web/dist/`;
  ort.env.logLevel = 'error';
  const info = { version: ort.env.versions.web, threads: ort.env.wasm.numThreads };
  const prepare = async ({ n, d, q, k, v, scale }) => {
    const session = await ort.InferenceSession.create(attentionModel(n, d, scale), {
      executionProviders: ['wasm'],
      graphOptimizationLevel: 'all',
    });
    const feeds = {
      q: new ort.Tensor('float32', q, [n, d]),
      k: new ort.Tensor('float32', k, [n, d]),
      v: new ort.Tensor('float32', v, [n, d]),
    };
    return {
      isAsync: true,
      call: () => session.run(feeds),
      output: async () => (await session.run(feeds)).out.data.slice(),
      dispose: () => session.release(),
    };
  };
  return { info, prepare };
}
