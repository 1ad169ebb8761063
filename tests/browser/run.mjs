// Browser suite: the playground in Debian's Chromium (playwright-core), served from build/wasm/site by a
// local Node server.  Every test fails on a console error, an uncaught exception or a request that leaves
// this machine.  Prints "N passed, M failed"; exits non-zero on failure.  Also checks the sentence presets
// through the engine in Node, and saves build/screenshots/playground.png for review.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serve, launch, isLocal, testRunner, ROOT, SITE, DEEP_QUERY } from './harness.mjs';
import { pageTests } from './page-tests.mjs';
import { embedTests } from './embed-tests.mjs';
import { labsTests, labFigures } from './labs-tests.mjs';
import { valuesTests } from './values-tests.mjs';
import { keyboardTests, keyboardFigures } from './keyboard-tests.mjs';
import { hostileTests } from './hostile-tests.mjs';
import { positionsTests } from './positions-tests.mjs';
import { walkTests, walkEmbedTests } from './walk-tests.mjs';

const site = (f) => pathToFileURL(join(SITE, f)).href;

// Each preset's focus weight on the 6 hand-made dimensions the lexicon replaced: the point must hold at least as clearly.
const BEFORE_LEXICON = {
  'bank-grows-money': 0.64,
  'animal-street': 0.4,
  java: 0.8,
  'cat-mat': 0.42,
  'bank-deposit': 0.38,
  'river-bank': 0.67,
};

async function presetTests() {
  const { createEngine } = await import(site('wasm/engine.js'));
  const { SENTENCES, sentenceState, FEATURES } = await import(site('web/state/presets.js'));
  const engine = await createEngine();
  const out = {};
  const tests = SENTENCES.map((p) => [
    `preset “${p.text}”: “${p.focus[0]}” attends most to ${p.expect.join(' or ')}`,
    () => {
      const s = sentenceState(p.id),
        t = engine.run(s),
        w = t.heads[0].weights,
        T = w.cols;
      const i = s.tokens.indexOf(p.focus[0]);
      const row = Array.from(w.data.subarray(i * T, (i + 1) * T));
      const best = s.tokens[row.indexOf(Math.max(...row))];
      assert.ok(p.expect.includes(best), `${p.focus[0]} attends most to ${best} (${row.map((x) => x.toFixed(2))})`);
      assert.ok(Math.max(...row) >= BEFORE_LEXICON[p.id], `${p.focus[0]} → ${best}: ${Math.max(...row).toFixed(2)}`);
      assert.deepEqual(t.flags.saturatedRows[0], [], 'no saturated rows in a preset');
      out[p.id] = { s, t, i };
    },
  ]);
  tests.push([
    '“bank” has one static vector but two contextual outputs (river: nature, deposit: finance)',
    () => {
      const river = out['river-bank'],
        deposit = out['bank-deposit'];
      assert.deepEqual(river.s.embeddings[river.i], deposit.s.embeddings[deposit.i]);
      const D = FEATURES.length,
        fin = FEATURES.indexOf('finance'),
        nat = FEATURES.indexOf('nature');
      const row = (x) => x.t.output.data.subarray(x.i * D, (x.i + 1) * D);
      assert.ok(row(river)[nat] > 2 * row(river)[fin], `river bank: ${row(river)}`);
      assert.ok(row(deposit)[fin] > 2 * row(deposit)[nat], `deposit bank: ${row(deposit)}`);
    },
  ]);
  return tests;
}

const { run, results } = testRunner();

// BUILD=simd128: every page sees a browser without relaxed SIMD (WebAssembly.validate refuses relaxed_madd), so
// the engine falls back to the SIMD128 build as it would there.  Chromium itself ships relaxed SIMD, and no flag
// turns it off any more, so the test replaces validate.  Unset or BUILD=relaxed: Chromium as it is, which picks relaxed.
const BUILD = process.env.BUILD || 'relaxed';
if (!['relaxed', 'simd128'].includes(BUILD)) throw new Error(`BUILD: expected relaxed or simd128, got ${BUILD}`);
const forceBuild = async (context) => {
  if (BUILD !== 'simd128') return;
  await context.addInitScript(() => {
    const validate = WebAssembly.validate;
    WebAssembly.validate = (bytes, ...rest) => {
      const b = ArrayBuffer.isView(bytes)
        ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
        : new Uint8Array(bytes);
      for (let i = 0; i + 2 < b.length; i++) if (b[i] === 0xfd && b[i + 1] === 0x85 && b[i + 2] === 0x02) return false;
      return validate(bytes, ...rest);
    };
  });
};
const buildTest = {
  name: `build: the page runs the ${BUILD} build (engine.features.relaxedSimd)`,
  fn: async (page) => {
    const relaxed = await page.evaluate(
      async () => (await (await import('../wasm/engine.js')).createEngine()).features.relaxedSimd,
    );
    assert.equal(relaxed, BUILD === 'relaxed');
  },
};
console.log(`browser suite: the ${BUILD} build`);

const started = performance.now();
for (const [name, fn] of await presetTests()) await run(name, fn);

mkdirSync(join(ROOT, 'build/screenshots'), { recursive: true });
const server = await serve();
const browser = await launch();
try {
  const only = process.env.ONLY ? new RegExp(process.env.ONLY) : null;
  for (const { name, fn, viewport, allow } of [
    buildTest,
    ...pageTests,
    ...valuesTests,
    ...keyboardTests,
    ...labsTests,
    ...hostileTests,
    ...positionsTests,
    ...walkTests,
  ].filter((t) => !only || only.test(t.name))) {
    await run(name, async () => {
      const context = await browser.newContext({ viewport: viewport ?? { width: 1280, height: 900 } });
      await context.addInitScript(DEEP_QUERY);
      await forceBuild(context);
      const page = await context.newPage();
      const problems = [];
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
      page.on('request', (r) => {
        if (!isLocal(r.url())) problems.push(`outside request: ${r.url()}`);
      });
      page.on('requestfailed', (r) => problems.push(`failed request: ${r.url()}`));
      try {
        await page.goto(server.url);
        await page.waitForFunction(() => deepQuery('attention-playground')?.trace, null, {
          timeout: 10000,
        });
        let timer;
        const timeout = new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('timed out after 20 s')), 20000);
        });
        await Promise.race([fn(page, { screenshots: join(ROOT, 'build/screenshots') }), timeout]).finally(() =>
          clearTimeout(timer),
        );
        assert.deepEqual(
          problems.filter((p) => !allow?.test(p)),
          [],
          'console errors, uncaught exceptions or outside requests',
        );
      } finally {
        await context.close();
      }
    });
  }
  // Embedding tests open their own pages (file://, routed module pages); the same problem checks apply.
  for (const { name, fn, allow } of [...embedTests, ...walkEmbedTests].filter((t) => !only || only.test(t.name))) {
    await run(name, async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
      await context.addInitScript(DEEP_QUERY);
      await forceBuild(context);
      const page = await context.newPage();
      const problems = [],
        requests = [];
      context.on('console', (m) => {
        if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
      });
      context.on('weberror', (e) => problems.push(`uncaught: ${e.error().message}`));
      context.on('request', (r) => {
        requests.push(r.url());
        if (!isLocal(r.url()) && !r.url().startsWith('file:') && !r.url().startsWith('http://localhost:9/'))
          problems.push(`outside request: ${r.url()}`);
      });
      try {
        let timer;
        const timeout = new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('timed out after 30 s')), 30000);
        });
        await Promise.race([fn(page, { requests }), timeout]).finally(() => clearTimeout(timer));
        assert.deepEqual(
          problems.filter((p) => !allow?.test(p)),
          [],
          'console errors, uncaught exceptions or outside requests',
        );
      } finally {
        await context.close();
      }
    });
  }
} finally {
  await browser.close();
  await server.close();
}

const passed = results.filter(Boolean).length,
  failed = results.length - passed;
console.log(`browser suite: ${((performance.now() - started) / 1000).toFixed(1)} s`);
if (Object.keys(labFigures).length) console.log(`labs: ${JSON.stringify(labFigures)}`);
if (Object.keys(keyboardFigures).length) console.log(`keyboard: ${JSON.stringify(keyboardFigures)}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
