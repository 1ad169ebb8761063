// Cross-engine suite: tests.mjs in Firefox ESR and WebKitGTK (and Chromium on request), through one driver per
// engine.  Usage: node tests/cross/run.mjs [firefox] [webkit] [chromium]   (default: firefox webkit; ONLY='regex'
// filters tests by name).  Starts itself under xvfb-run when WebKit is asked for and there is no display.
// A test fails on an uncaught exception, an unhandled rejection, a console error or a request that leaves this
// machine.  Saves build/screenshots/cross-<engine>.png for review; prints "N passed, M failed".
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT, serve, DEEP_QUERY } from '../browser/harness.mjs';
import { PROBE, figures, ready, tests } from './tests.mjs';

const DRIVERS = ['firefox', 'webkit', 'chromium'];
const engines = process.argv.slice(2);
if (!engines.length) engines.push('firefox', 'webkit');
for (const e of engines) if (!DRIVERS.includes(e)) throw new Error(`unknown engine "${e}" (${DRIVERS.join(', ')})`);

if (engines.includes('webkit') && !process.env.DISPLAY) {
  const r = spawnSync('xvfb-run', ['-a', process.execPath, fileURLToPath(import.meta.url), ...engines], {
    stdio: 'inherit',
  });
  if (r.error) throw new Error(`xvfb-run: ${r.error.message} (scripts/setup installs xvfb)`);
  process.exit(r.status ?? 1);
}

const TEST_TIMEOUT = Number(process.env.TEST_TIMEOUT ?? 90000);
const SHOTS = join(ROOT, 'build/screenshots');
mkdirSync(SHOTS, { recursive: true });
const only = process.env.ONLY ? new RegExp(process.env.ONLY) : null;
let passed = 0,
  failed = 0;

function report(ok, label, ms, e) {
  if (ok) {
    passed += 1;
    console.log(`ok   ${label} (${ms} ms)`);
  } else {
    failed += 1;
    const lines = String((e && e.stack) || e).split('\n');
    console.log(`FAIL ${label}\n     ${lines.slice(0, Number(process.env.LINES ?? 8)).join('\n     ')}`);
  }
}

function withTimeout(promise, ms) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const server = await serve({ head: `<script>${PROBE}</script><script>${DEEP_QUERY}</script>` });
try {
  for (const engine of engines) {
    const t0 = performance.now();
    let browser;
    try {
      browser = await (await import(`./driver-${engine}.mjs`)).launch();
      console.log(`== ${browser.version}`);
    } catch (e) {
      report(false, `[${engine}] launch`, 0, e);
      continue;
    }
    try {
      for (const t of tests.filter((t) => !only || only.test(t.name))) {
        const label = `[${engine}] ${t.name}`;
        const start = performance.now();
        let page;
        try {
          page = await browser.newPage(t.viewport);
          await withTimeout(
            (async () => {
              await page.goto(t.url ? t.url() : server.url);
              if (!t.url) await ready(page);
              await t.fn(page, { engine });
              const problems = await page.evaluate(() => [
                ...window.__probe.errors,
                ...window.__probe.outside().map((u) => `outside request: ${u}`),
              ]);
              assert.deepEqual(problems, [], 'page errors or outside requests');
            })(),
            TEST_TIMEOUT,
          );
          report(true, label, Math.round(performance.now() - start));
        } catch (e) {
          if (page) await page.screenshot(join(SHOTS, `cross-${engine}-failed.png`)).catch(() => {});
          report(false, label, Math.round(performance.now() - start), e);
        } finally {
          await page?.close().catch(() => {});
        }
      }
      const page = await browser.newPage();
      await page.goto(server.url);
      await ready(page);
      // Q, K and V with their token labels, the first tensors an engine could draw differently.
      await page.evaluate(async () => {
        deepQuery('projections-panel').scrollIntoView();
        await new Promise((r) => setTimeout(() => requestAnimationFrame(() => requestAnimationFrame(r)), 50));
      });
      await page.screenshot(join(SHOTS, `cross-${engine}.png`));
      await page.close();
    } finally {
      await browser.close().catch(() => {});
    }
    const extra = figures[engine] ? ` ${JSON.stringify(figures[engine])}` : '';
    console.log(`== ${browser.version}: ${((performance.now() - t0) / 1000).toFixed(1)} s${extra}`);
  }
} finally {
  await server.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
