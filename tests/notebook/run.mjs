// Notebook suite: executes views.ipynb on the venv's kernel (tests/notebook/install-venv) with nbconvert, then
// opens in Debian's Chromium, from file:// with every request that leaves the file system refused, the HTML
// nbconvert writes and the page save_html() wrote; then opens the executed notebook in Debian's classic
// jupyter-notebook and runs a cell live.  Each view must show the engine's numbers for the arrays the notebook
// gave (against the double-precision reference), views must be independent, and ten views must start one
// engine.  Prints the notebook's weight and "N passed, M failed"; exits non-zero on failure.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { launch, isLocal, testRunner, ROOT } from '../browser/harness.mjs';
import { assertClose, referenceForward } from '../engine/reference.mjs';

const OUT = join(ROOT, 'build/notebook');
const KERNEL = 'attention-playground-test';
const FIELDS = ['tokens', 'embeddings', 'heads', 'wo', 'scale', 'mask', 'temperature', 'positions'];
// The kernel, nbconvert and the notebook server read and write only under build/: the kernel the venv
// registered (JUPYTER_PATH), and a config, data (the trust database) and runtime folder of their own.
const ENV = {
  ...process.env,
  JUPYTER_PATH: join(ROOT, 'build/py/share/jupyter'),
  JUPYTER_CONFIG_DIR: join(OUT, 'jupyter/config'),
  JUPYTER_DATA_DIR: join(OUT, 'jupyter/data'),
  JUPYTER_RUNTIME_DIR: join(OUT, 'jupyter/runtime'),
  IPYTHONDIR: join(OUT, 'ipython'),
  NOTEBOOK_OUT: OUT,
  PYDEVD_DISABLE_FILE_VALIDATION: '1',
};
// Debian's jupyter tools by their full path: a Python first on PATH (a pyenv shim) may have others, or none.
const sh = (cmd, args) => execFileSync(cmd, args, { env: ENV, cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });

/** The state fields of what a view was given (the rest are the element's attributes). */
const stateOf = (given) => Object.fromEntries(FIELDS.filter((k) => k in given).map((k) => [k, given[k]]));

/** A view's trace against the reference forward pass of the state it was given. */
function assertTrace(trace, state, name) {
  const ref = referenceForward(state);
  trace.heads.forEach((h, i) => {
    for (const key of ['q', 'k', 'v', 'scores', 'weights', 'output'])
      assertClose(h[key], ref.heads[i][key], `${name}.heads[${i}].${key}`);
  });
  assertClose(trace.output, ref.output, `${name}.output`);
}

// Page side: the views' traces as plain data, and a count of engines started (each instantiates its module once).
const COUNT_ENGINES = () => {
  const instantiate = WebAssembly.instantiate;
  window.engineStarts = 0;
  WebAssembly.instantiate = function (...args) {
    window.engineStarts++;
    return instantiate.apply(this, args);
  };
};
const viewsOf = (selector) =>
  [...document.querySelectorAll(selector)].map((el) => {
    const plain = (m) => ({ rows: m.rows, cols: m.cols, data: Array.from(m.data) });
    const t = el.trace;
    return {
      state: el.state,
      trace: t && {
        heads: t.heads.map((h) => Object.fromEntries(Object.entries(h).map(([k, m]) => [k, m.data ? plain(m) : null]))),
        output: plain(t.output),
      },
    };
  });

/**
 * Opens url in a new context; requests other than file:, data: and blob: (and those in `ignore`; with `local`,
 * those to this machine) are refused and recorded, and so are failed responses (but those `allow` matches).
 */
async function open(browser, url, { ignore = new Set(), javaScript = true, local = false, allow = null } = {}) {
  const context = await browser.newContext({ javaScriptEnabled: javaScript, viewport: { width: 1280, height: 900 } });
  if (javaScript) await context.addInitScript(COUNT_ENGINES);
  const problems = [];
  await context.route('**/*', (route) => {
    const u = route.request().url();
    if (/^(file|data|blob):/.test(u) || (local && isLocal(u))) return route.continue();
    if (!ignore.has(u)) problems.push(`outside request: ${u}`);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400 && !allow?.test(r.url())) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  page.on('console', (m) => {
    const t = m.text();
    // A failed load is the response's problem, recorded above with its URL.
    if (m.type() !== 'error' || t.startsWith('Failed to load resource') || allow?.test(t)) return;
    if (![...ignore].some((u) => t.includes(u))) problems.push(`console error: ${t}`);
  });
  await page.goto(url);
  return { page, problems, close: () => context.close() };
}

const allComputed = (selector, n) => (page) =>
  page.waitForFunction(
    ([s, k]) => [...document.querySelectorAll(s)].filter((el) => el.trace).length >= k,
    [selector, n],
    {
      timeout: 20000,
    },
  );

/** Retries fn until it stops throwing: a view shows its first trace before its attributes' state is computed. */
async function eventually(fn, ms = 15000) {
  const end = performance.now() + ms;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      if (performance.now() > end) throw err;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

function freePort() {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const { run, results } = testRunner();
const t0 = performance.now();
rmSync(OUT, { recursive: true, force: true });
mkdirSync(join(OUT, 'live'), { recursive: true });

// nbconvert --execute --to html, in two steps so that the executed notebook is kept for the live check and
// its weight: execute to a notebook, then convert that to HTML (the same HTML, executed once).
const ipynb = join(OUT, 'views.executed.ipynb'),
  htmlFile = join(OUT, 'views.executed.html'),
  saved = join(OUT, 'saved.html');
let notebook = null;
await run('nbconvert executes the notebook on the venv kernel, and writes it as HTML', () => {
  sh('/usr/bin/jupyter-nbconvert', [
    '--execute',
    '--to',
    'notebook',
    `--ExecutePreprocessor.kernel_name=${KERNEL}`,
    '--ExecutePreprocessor.timeout=60',
    '--output-dir',
    OUT,
    '--output',
    'views.executed',
    join(ROOT, 'tests/notebook/views.ipynb'),
  ]);
  sh('/usr/bin/jupyter-nbconvert', ['--to', 'html', '--output-dir', OUT, ipynb]);
  notebook = JSON.parse(readFileSync(ipynb, 'utf8'));
});
if (!notebook) process.exit(1);
const given = JSON.parse(readFileSync(join(OUT, 'given.json'), 'utf8'));
const text = (t) => (Array.isArray(t) ? t.join('') : (t ?? ''));
const views = notebook.cells
  .flatMap((c) => c.outputs ?? [])
  .filter((o) => text(o.data?.['text/html']).includes('<attention-playground'));

await run('the wrong-shape cell raised ValueError naming state.heads[0].wk, and rendered nothing', () => {
  const cell = notebook.cells.find((c) => c.metadata?.tags?.includes('raises-exception'));
  const errors = cell.outputs.filter((o) => o.output_type === 'error');
  assert.equal(errors.length, 1);
  assert.equal(errors[0].ename, 'ValueError');
  assert.equal(errors[0].evalue, 'state.heads[0].wk: expected 4×2, got 4×3');
  assert.deepEqual(
    cell.outputs.filter((o) => o.output_type !== 'error'),
    [],
  );
});

await run('ten views, each with its own text fallback', () => {
  assert.equal(views.length, 10);
  for (const v of views)
    assert.match(
      text(v.data['text/plain']),
      /^Attention Playground · (tokens: .*|\d+ unnamed tokens) · T = \d+.* · open in Jupyter to interact$/,
    );
});

const size = (f) => statSync(f).size;
const weigh = (f) => `${size(f)} bytes (${gzipSync(readFileSync(f)).length} gzipped)`;
console.log(
  `     weight of ten views: views.executed.ipynb ${weigh(ipynb)}, views.executed.html ${weigh(htmlFile)}; one output ${text(views[0]?.data['text/html']).length} characters`,
);

const browser = await launch();
try {
  // The template's own requests: what nbconvert's HTML asks for before the first cell (Debian's points at files).
  const head = readFileSync(htmlFile, 'utf8').split('<body')[0];
  const template = new Set([...head.matchAll(/(?:src|href)="(https?:[^"]+)"/g)].map((m) => m[1]));
  const PLAYGROUNDS = 'attention-playground';

  await run(
    'nbconvert HTML, file://: each view computed the arrays given, and ten views start one engine',
    async () => {
      const { page, problems, close } = await open(browser, pathToFileURL(htmlFile).href, { ignore: template });
      try {
        await allComputed(PLAYGROUNDS, 10)(page);
        const arrays = given.filter((g) => 'embeddings' in g);
        assert.ok(arrays.length >= 7, `${arrays.length} views from arrays`);
        await eventually(async () => {
          const shown = await page.evaluate(viewsOf, PLAYGROUNDS);
          arrays.forEach((g, i) => {
            for (const k of ['embeddings', 'heads', 'wo', 'mask', 'positions'])
              if (k in g) assert.deepEqual(shown[i].state[k], g[k], `view ${i + 1}: ${k}`);
            assertTrace(shown[i].trace, stateOf(g), `view ${i + 1}`);
          });
          // The views the element made itself (presets, a sentence) are checked against the state they show.
          shown.slice(arrays.length).forEach((v, i) => assertTrace(v.trace, v.state, `view ${arrays.length + i + 1}`));
          assert.deepEqual(shown[arrays.length].state.tokens, ['We', 'sat', 'by', 'the', 'river', 'bank']);
        });
        const engines = await page.evaluate(() => ({
          starts: window.engineStarts,
          scripts: [...document.scripts].filter((s) => !s.type && s.text.startsWith('/*! Attention Playground')).length,
          fallbacksShown: [...document.querySelectorAll('attention-playground > p')].filter(
            (p) => p.getClientRects().length,
          ).length,
        }));
        assert.deepEqual(engines, { starts: 1, scripts: 1, fallbacksShown: 0 });
        const errorText = await page.evaluate(() => document.body.innerText);
        assert.match(errorText, /ValueError: state\.heads\[0\]\.wk: expected 4×2, got 4×3/);
        assert.deepEqual(problems, []);
      } finally {
        await close();
      }
    },
  );

  await run('nbconvert HTML: two views are independent (an edit in one leaves the other as it was)', async () => {
    const { page, problems, close } = await open(browser, pathToFileURL(htmlFile).href, { ignore: template });
    try {
      await allComputed(PLAYGROUNDS, 10)(page);
      await eventually(async () =>
        assertTrace((await page.evaluate(viewsOf, PLAYGROUNDS))[0].trace, stateOf(given[0]), 'view 1'),
      );
      const edited = structuredClone(stateOf(given[0]));
      edited.embeddings[1][2] += 1.5;
      const before = await page.evaluate(viewsOf, PLAYGROUNDS);
      await page.evaluate((s) => {
        const el = document.querySelector('attention-playground');
        const done = new Promise((resolve) => el.addEventListener('computed', resolve, { once: true }));
        el.state = s;
        return done;
      }, edited);
      const after = await page.evaluate(viewsOf, PLAYGROUNDS);
      assertTrace(after[0].trace, edited, 'the edited view');
      assert.notDeepEqual(after[0].trace.output, before[0].trace.output);
      assert.deepEqual(after.slice(1), before.slice(1), 'the other nine views');
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  await run(
    'nbconvert HTML without scripts (as GitHub and nbviewer previews): each view shows its text fallback',
    async () => {
      const { page, problems, close } = await open(browser, pathToFileURL(htmlFile).href, {
        ignore: template,
        javaScript: false,
      });
      try {
        const texts = await page.evaluate(() =>
          [...document.querySelectorAll('attention-playground > p')]
            .filter((p) => p.getClientRects().length)
            .map((p) => p.innerText),
        );
        assert.equal(texts.length, 10);
        assert.match(
          texts[0],
          /^Attention Playground · tokens: the cat sat · T = 3, D = 4, 1 head of dₖ = 2 · open in Jupyter to interact$/,
        );
        texts.forEach((t) => assert.match(t, /open in Jupyter to interact$/));
        assert.deepEqual(problems, []);
      } finally {
        await close();
      }
    },
  );

  await run(
    'save_html(): the page opens alone from file://, requests nothing, and shows the arrays given',
    async () => {
      const { page, problems, close } = await open(browser, pathToFileURL(saved).href);
      try {
        await allComputed(PLAYGROUNDS, 1)(page);
        await eventually(async () =>
          assertTrace((await page.evaluate(viewsOf, PLAYGROUNDS))[0].trace, stateOf(given[0]), 'saved view'),
        );
        assert.equal(await page.evaluate(() => window.engineStarts), 1);
        assert.deepEqual(problems, []);
      } finally {
        await close();
      }
    },
  );

  await run(
    'live: the executed notebook in classic jupyter-notebook renders its views, and a cell run again renders anew',
    async () => {
      const live = join(OUT, 'live/views.ipynb');
      copyFileSync(ipynb, live);
      sh('/usr/bin/python3', ['-m', 'nbformat.sign', live]); // as if the reader had run it: a notebook's own outputs run their scripts when trusted
      const port = await freePort();
      const server = spawn(
        '/usr/bin/jupyter-notebook',
        [
          '--no-browser',
          '--allow-root',
          '--ip=127.0.0.1',
          `--port=${port}`,
          '--port-retries=0',
          '--NotebookApp.token=',
          '--NotebookApp.password=',
          `--notebook-dir=${join(OUT, 'live')}`,
        ],
        { env: ENV, cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] },
      );
      let log = '';
      server.stderr.on('data', (d) => (log += d));
      const exited = new Promise((resolve) => server.on('exit', resolve));
      try {
        await new Promise((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`jupyter-notebook did not start:\n${log}`)), 20000);
          server.stderr.on('data', () => {
            if (log.includes(`127.0.0.1:${port}/`)) {
              clearTimeout(timer);
              resolve();
            }
          });
        });
        // The classic notebook always tries the ipywidgets extension, which Debian's notebook does not ship.
        const { page, problems, close } = await open(browser, `http://127.0.0.1:${port}/notebooks/views.ipynb`, {
          local: true,
          allow: /\/nbextensions\/widgets\/notebook\/js\/extension\.js/,
        });
        try {
          // The stored outputs, inserted by the notebook's output area (jQuery) when the page opens.
          await allComputed(PLAYGROUNDS, 10)(page);
          await eventually(async () => {
            const stored = await page.evaluate(viewsOf, PLAYGROUNDS);
            assertTrace(stored[0].trace, stateOf(given[0]), 'stored view 1');
            assertTrace(stored[1].trace, stateOf(given[1]), 'stored view 2');
          });
          // Run the set-up cell and view 2's cell on the kernel: a new output replaces the stored one.
          await page.waitForFunction(() => window.Jupyter?.notebook?.kernel?.is_connected(), null, { timeout: 20000 });
          const oldId = await page.evaluate(() => document.querySelectorAll('.attention-playground-output')[1].id);
          await page.evaluate(() => {
            const cells = window.Jupyter.notebook.get_cells();
            const setup = cells.findIndex((c) => c.get_text().includes('import attention_playground'));
            const second = cells.findIndex((c) => c.get_text().includes('"a b c d e"'));
            window.Jupyter.notebook.execute_cells([setup, second]);
          });
          await page.waitForFunction(
            (id) => {
              const out = document.querySelectorAll('.attention-playground-output')[1];
              return out && out.id !== id && out.querySelector('attention-playground').trace;
            },
            oldId,
            { timeout: 20000 },
          );
          const rerun = await eventually(async () => {
            const shown = await page.evaluate(viewsOf, PLAYGROUNDS);
            assertTrace(shown[1].trace, stateOf(given[1]), 'view 2, run live');
            return shown;
          });
          assert.equal(await page.evaluate(() => window.engineStarts), 1, 'engines started');
          // The live view and a stored one are independent.
          const edited = structuredClone(stateOf(given[1]));
          edited.embeddings[0][0] -= 2;
          await page.evaluate((s) => {
            const el = document.querySelectorAll('attention-playground')[1];
            const done = new Promise((resolve) => el.addEventListener('computed', resolve, { once: true }));
            el.state = s;
            return done;
          }, edited);
          const after = await page.evaluate(viewsOf, PLAYGROUNDS);
          assertTrace(after[1].trace, edited, 'view 2 edited');
          assert.deepEqual(after[0], rerun[0], 'view 1 after view 2 was edited');
          assert.deepEqual(problems, []);
        } finally {
          await close();
        }
      } finally {
        server.kill('SIGTERM');
        await exited;
      }
    },
  );
} finally {
  await browser.close();
}

const failed = results.filter((r) => !r).length;
console.log(
  `notebook suite: ${results.length - failed} passed, ${failed} failed (${((performance.now() - t0) / 1000).toFixed(1)} s)`,
);
process.exit(failed ? 1 : 0);
