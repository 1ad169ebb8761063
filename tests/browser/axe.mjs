// Accessibility suite: axe-core (scripts/node_modules) on index.html and on each example page (examples/*.html,
// from file://, loading ../dist), with every panel and every lab rendered, under prefers-color-scheme light and
// dark.  Every violation fails, with its rule, its nodes and axe's summary.  Prints "N passed, M failed".
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serve, launch, ROOT, DEEP_QUERY } from './harness.mjs';

const require = createRequire(join(ROOT, 'scripts/node_modules/'));
const AXE = require.resolve('axe-core/axe.min.js');

/** Runs axe on the whole document, or on the element `within` finds; returns its violations as readable lines. */
async function violations(page, within = null) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  const found = await (within ?? page.locator(':root')).evaluate(async (el) => {
    const r = await window.axe.run(el, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`),
    }));
  });
  return found.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.help}) at ${n}`));
}

/**
 * Brings every panel on screen (a viewport as tall as the page, so content-visibility skips none), checks
 * the whole page with each playground's first lab open, then each other lab as it is opened.
 */
async function everyPanelAndLab(page, label) {
  const found = [];
  const tall = async () => {
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.setViewportSize({ width: 1280, height: Math.min(height + 50, 16000) });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  };
  await tall();
  const labs = page.locator('playground-labs');
  const tabs = await page.locator('playground-labs:visible [role=tab]').count();
  if (tabs === 0) found.push(...(await violations(page)).map((v) => `${label}: ${v}`));
  for (let i = 0; i < (await labs.count()); i++) {
    const lab = labs.nth(i);
    if (!(await lab.isVisible())) continue; // a figure showing only some panels
    const n = await lab.locator('[role=tab]').count();
    for (let k = 0; k < n; k++) {
      const tab = lab.locator('[role=tab]').nth(k);
      await tab.click();
      const name = await tab.textContent();
      // Labs that show more once asked: the three mistakes, the cost lab's measured sweep.
      const more = lab.locator('[role=tabpanel]:not([hidden]) button.show-mistakes');
      if (await more.count()) await more.click();
      const measure = lab.locator('[role=tabpanel]:not([hidden]) button.measure');
      if (await measure.count()) {
        await measure.click();
        await page.waitForFunction(
          (el) => !deepQuery(el, 'button.measure')?.disabled,
          await lab.locator('cost-lab').elementHandle(),
          { timeout: 60000 },
        );
      }
      await tall();
      const open = k === 0 ? null : lab.locator('[role=tabpanel]:not([hidden])');
      found.push(...(await violations(page, open)).map((v) => `${label}, ${name} lab: ${v}`));
    }
  }
  return found;
}

const pages = [
  ['index.html', (server) => server.url],
  ...readdirSync(join(ROOT, 'examples'))
    .filter((f) => f.endsWith('.html'))
    .map((f) => [`examples/${f}`, () => pathToFileURL(join(ROOT, 'examples', f)).href]),
];

const server = await serve();
const browser = await launch();
let passed = 0,
  failed = 0;
const started = performance.now();
try {
  for (const [name, url] of pages) {
    for (const colorScheme of ['light', 'dark']) {
      const t0 = performance.now();
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme });
      await context.addInitScript(DEEP_QUERY);
      const page = await context.newPage();
      try {
        await page.goto(url(server));
        await page.waitForFunction(
          () => {
            const all = [...deepQueryAll('attention-playground')];
            return all.length > 0 && all.every((el) => el.trace);
          },
          null,
          { timeout: 15000 },
        );
        const found = await everyPanelAndLab(page, `${name} (${colorScheme})`);
        assert.deepEqual(found, [], `${found.length} axe violations`);
        passed += 1;
        console.log(`ok   axe: ${name}, ${colorScheme} (${Math.round(performance.now() - t0)} ms)`);
      } catch (e) {
        failed += 1;
        console.log(`FAIL axe: ${name}, ${colorScheme}\n     ${String(e.message).split('\n').join('\n     ')}`);
      } finally {
        await context.close();
      }
    }
  }
} finally {
  await browser.close();
  await server.close();
}
console.log(`axe suite: ${((performance.now() - started) / 1000).toFixed(1)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
