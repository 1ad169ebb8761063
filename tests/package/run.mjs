// The npm package as a user takes it: `npm pack ./dist`, installed offline into a scratch project under
// build/package-test; one page bundles the ES module with esbuild, one loads the classic script; both open in
// Debian's Chromium, where the element must compute what the engine computes.  A TypeScript example is
// type-checked against the package's types, the manifest against its schema's types, and both against what
// the element really exposes (attributes, members, events, exports).  Prints "N passed, M failed".
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serve, launch, isLocal, testRunner, ROOT, SITE, DEEP_QUERY } from '../browser/harness.mjs';
import { describeElement, PLATFORM, TAG } from '../../scripts/element-manifest.mjs';

const WORK = join(ROOT, 'build/package-test');
const APP = join(WORK, 'app');
const PKG = join(APP, 'node_modules/attention-playground');
const BIN = join(ROOT, 'scripts/node_modules/.bin');
const EXPECTED_FILES = [
  'LICENSE',
  'NOTICE',
  'README.md',
  'attention-playground-define.d.ts',
  'attention-playground.d.ts',
  'attention-playground.js',
  'custom-elements.json',
  'element.mjs',
  'engine.d.ts',
  'index.mjs',
  'package.json',
  'playground-core.mjs',
  'trainer.d.ts',
];

const sh = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const pkgFile = (f) => readFileSync(join(PKG, f), 'utf8');
const manifestClass = () => JSON.parse(pkgFile('custom-elements.json')).modules[0].declarations[0];

let packed = null;
function packAndInstall() {
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(APP, { recursive: true });
  packed = JSON.parse(sh('npm', ['pack', './dist', '--json', '--pack-destination', WORK], ROOT))[0];
  writeFileSync(join(APP, 'package.json'), JSON.stringify({ name: 'scratch-tutorial', private: true }));
  sh('npm', ['install', join(WORK, packed.filename), '--offline', '--no-audit', '--no-fund'], APP);
  cpSync(join(ROOT, 'tests/package/app'), APP, { recursive: true });
}

const tests = [];
const test = (name, fn) => tests.push([name, fn]);

test('the tarball holds the package files, licence and notices, and nothing else', () => {
  assert.deepEqual(packed.files.map((f) => f.path).sort(), EXPECTED_FILES);
  const pkg = JSON.parse(pkgFile('package.json'));
  assert.equal(pkg.license, 'MIT');
  for (const k of ['dependencies', 'peerDependencies', 'optionalDependencies'])
    assert.equal(pkg[k], undefined, `the package has no ${k}`);
  assert.match(pkgFile('LICENSE'), /^MIT License\n\nCopyright \(c\) 2026 the Attention Playground authors/);
  for (const f of ['attention-playground.js', 'index.mjs', 'element.mjs', 'playground-core.mjs']) {
    const first = pkgFile(f).split('\n')[0];
    assert.match(first, /^\/\*! Attention Playground, MIT License\..*see LICENSE and NOTICE.*\*\/$/, `${f} line 1`);
  }
  const notice = pkgFile('NOTICE');
  for (const part of ['xsimd', 'Emscripten', 'musl', 'libc++', 'libc++abi', 'compiler-rt', 'Data sources'])
    assert.ok(notice.includes(part), `NOTICE lists ${part}`);
});

// One tsc program for both (checking the DOM's own types is most of its time, and skipped).
test("tsc --noEmit: a TypeScript usage example against the package's types, the manifest against its schema's", () => {
  const schema = join(ROOT, 'scripts/node_modules/custom-elements-manifest/schema.d.ts');
  writeFileSync(
    join(APP, 'manifest-check.ts'),
    `import type { Package } from ${JSON.stringify(schema.replace(/\.d\.ts$/, '.js'))};\n` +
      `export const manifest = ${pkgFile('custom-elements.json').trim()} satisfies Package;\n`,
  );
  try {
    sh(join(BIN, 'tsc'), ['-p', join(APP, 'tsconfig.json')], APP);
  } catch (e) {
    throw new Error(`tsc found type errors:\n${e.stdout}`);
  }
});

test('the manifest says what the types say (generated from them)', () => {
  const el = describeElement(join(PKG, 'attention-playground.d.ts'));
  const cls = manifestClass();
  assert.deepEqual(
    cls.attributes.map((a) => a.name),
    el.attributes.map((a) => a.name),
  );
  assert.deepEqual(
    cls.members.map((m) => m.name),
    el.members.map((m) => m.name),
  );
  assert.deepEqual(
    cls.events.map((e) => e.name),
    el.events.map((e) => e.name),
  );
});

test('the events the manifest names are those the element dispatches (its source)', () => {
  // The element, its walk (which dispatches step-change at the element) and its shell's events (computed,
  // state-change, dispatched at the element).
  const src = ['web/app/attention-playground.js', 'web/app/playground-walk.js', 'web/app/shell-events.js']
    .map((f) => readFileSync(join(ROOT, f), 'utf8'))
    .join('\n');
  const dispatched = [
    ...src.matchAll(/(?:this|this\._el|element)\.dispatchEvent\(\s*new CustomEvent\(\s*'([^']+)'/g),
  ].map((m) => m[1]);
  assert.deepEqual(
    manifestClass()
      .events.map((e) => e.name)
      .sort(),
    [...new Set(dispatched)].sort(),
  );
});

test('esbuild bundles the ES module entries into one engine', () => {
  sh(join(BIN, 'esbuild'), ['main.js', '--bundle', '--format=esm', '--log-level=error', '--outfile=out/main.js'], APP);
  const out = readFileSync(join(APP, 'out/main.js'), 'utf8');
  // The engine's two builds (SIMD128 and relaxed SIMD) are inlined as base64 of their gzip, whose magic number
  // 1f 8b 08 reads H4sI: one engine is two of them.
  assert.equal(out.split('H4sI').length - 1, 2, 'one copy of the engine (two builds) in the bundle');
});

/** Opens a page of the scratch project; fails on console errors, uncaught exceptions, outside requests. */
async function open(browser, url, fn) {
  const page = await browser.newPage();
  await page.addInitScript(DEEP_QUERY);
  const problems = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on(
    'request',
    (r) => !isLocal(r.url()) && !r.url().startsWith('file:') && problems.push(`outside request: ${r.url()}`),
  );
  try {
    await page.goto(url);
    await fn(page);
  } finally {
    await page.close();
  }
  assert.deepEqual(problems, []);
}

const computed = (page, selector) =>
  page.waitForFunction((s) => deepQuery(s)?.trace?.output, selector, { timeout: 15000 });

/** The element's state and output, and the engine's output for that state run in Node. */
async function agreesWithEngine(page, selector, engine) {
  const { state, output } = await page.evaluate((s) => {
    const el = deepQuery(s);
    return { state: el.state, output: Array.from(el.trace.output.data) };
  }, selector);
  const want = Array.from(engine.run(state).output.data);
  assert.equal(output.length, want.length);
  output.forEach((x, i) =>
    assert.ok(Math.abs(x - want[i]) <= 2e-5 * Math.max(1, Math.abs(want[i])), `${selector} [${i}]`),
  );
}

async function typeCell(page, scope, name, value) {
  const input = page.locator(scope).getByRole('spinbutton', { name, exact: true }).first();
  await input.fill(String(value));
  await input.press('Enter');
}

const browserTests = (engine) => [
  [
    'the bundled page: <attention-playground> and a subclass under its own tag compute; one class, one engine',
    (browser, url) =>
      open(browser, `${url}bundled.html`, async (page) => {
        await computed(page, 'attention-playground');
        await computed(page, 'my-playground');
        await agreesWithEngine(page, 'attention-playground', engine);
        await agreesWithEngine(page, 'my-playground', engine);
        const facts = await page.evaluate(() => ({ ...window.facts }));
        assert.deepEqual(facts, { sameClass: true, subclassTag: true, isSubclass: true, defined: true });
        await typeCell(page, 'attention-playground', 'E row 1 column 1', 12.5);
        await page.waitForFunction(() => deepQuery('attention-playground').state.embeddings[0][0] === 12.5);
        await agreesWithEngine(page, 'attention-playground', engine);
        // The train lab under another tag still obeys that element's locks (editable="E": W_Q stays locked).
        const locked = await page.evaluate(
          () => deepQuery('my-playground train-lab input[type=checkbox][value=wq]')?.disabled,
        );
        assert.equal(locked, true, 'W_Q cannot be trained in <my-playground editable="E">');
      }),
  ],
  [
    'the classic-script page computes, from file:// too',
    async (browser, url) => {
      for (const u of [`${url}classic.html`, pathToFileURL(join(APP, 'classic.html')).href]) {
        await open(browser, u, async (page) => {
          await computed(page, 'attention-playground');
          await agreesWithEngine(page, 'attention-playground', engine);
        });
      }
    },
  ],
  [
    'what the element really exposes matches the manifest and the types: attributes, members, events, exports',
    (browser, url) =>
      open(browser, `${url}bundled.html`, async (page) => {
        await computed(page, 'attention-playground');
        const real = await page.evaluate(async (tag) => {
          const C = customElements.get(tag);
          const members = (obj, skip) =>
            Object.getOwnPropertyNames(obj)
              .filter((n) => !skip.includes(n) && !n.startsWith('_'))
              .map((n) => {
                const d = Object.getOwnPropertyDescriptor(obj, n);
                return typeof d.value === 'function'
                  ? { name: n, kind: 'method' }
                  : { name: n, kind: 'field', readonly: !d.set };
              });
          // Events dispatched at the element while the reader edits and undoes, the state is set and a walk runs.
          const el = deepQuery(tag);
          const dispatch = el.dispatchEvent;
          window.seen = new Set();
          el.dispatchEvent = function (e) {
            window.seen.add(e.type);
            return dispatch.call(this, e);
          };
          window.restore = () => {
            el.dispatchEvent = dispatch;
          };
          const element = await import('./node_modules/attention-playground/element.mjs');
          const index = await import('./node_modules/attention-playground/index.mjs');
          return {
            observed: [...C.observedAttributes],
            members: members(C.prototype, ['constructor']),
            statics: members(C, ['length', 'name', 'prototype']),
            exports: { element: Object.keys(element), index: Object.keys(index) },
          };
        }, TAG);
        await typeCell(page, 'attention-playground', 'E row 2 column 3', -7.25);
        real.events = await page.evaluate(async () => {
          const el = deepQuery('attention-playground');
          el.undo();
          const state = el.state;
          el.state = state;
          el.step = 'scores'; // a walk begins and ends
          el.step = null;
          await new Promise((r) => setTimeout(r, 50));
          window.restore();
          return [...window.seen];
        });
        const cls = manifestClass();
        const types = describeElement(join(PKG, 'attention-playground.d.ts'));
        // Every attribute the element observes is described, and the one it reads once (url-state) too.
        const attrs = cls.attributes.map((a) => a.name);
        assert.deepEqual(
          attrs.filter((a) => real.observed.includes(a)),
          real.observed,
          'observedAttributes',
        );
        assert.deepEqual(
          attrs.filter((a) => !real.observed.includes(a)),
          ['url-state'],
          'described attributes the element does not observe',
        );
        const view = (m) => `${m.static ? 'static ' : ''}${m.kind} ${m.name}${m.readonly ? ' (readonly)' : ''}`;
        const runtime = [...real.statics.map((m) => ({ ...m, static: true })), ...real.members]
          .filter((m) => !PLATFORM.has(m.name))
          .map(view)
          .sort();
        assert.deepEqual(cls.members.map(view).sort(), runtime, 'public members');
        for (const m of [...real.members, ...real.statics].filter((m) => PLATFORM.has(m.name)))
          assert.ok(types.declared.includes(m.name), `${m.name} is declared in the types`);
        const events = cls.events.map((e) => e.name);
        assert.deepEqual(real.events.filter((e) => events.includes(e)).sort(), [...events].sort(), 'dispatched events');
        assert.deepEqual(real.exports.element, ['AttentionPlayground'], 'element.mjs exports');
        assert.deepEqual(real.exports.index, ['AttentionPlayground'], 'index.mjs exports');
      }),
  ],
];

const { run, results } = testRunner({ stackLines: 12 });

await run('npm pack ./dist, and install the tarball offline into a scratch project', packAndInstall);
if (packed) {
  for (const [name, fn] of tests) await run(name, fn);
  const { createEngine } = await import(pathToFileURL(join(SITE, 'wasm/engine.js')).href);
  const engine = await createEngine();
  const server = await serve({ root: APP });
  const browser = await launch();
  try {
    for (const [name, fn] of browserTests(engine)) await run(name, () => fn(browser, server.url));
  } finally {
    await browser.close();
    await server.close();
  }
  console.log(`package: ${packed.filename}, ${packed.size} bytes packed, ${packed.unpackedSize} unpacked`);
  for (const f of packed.files) console.log(`  ${String(f.size).padStart(7)}  ${f.path}`);
}
const failed = results.filter((r) => !r).length;
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
