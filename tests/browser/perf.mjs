// Browser benchmark (not a test; scripts/test does not run it): on the default preset with every panel shown,
//   1. input event -> painted frame: an `input` event dispatched at the start of a frame (as Chrome delivers
//      rAF-aligned input), until the frame's rendering is done (a user-blocking task posted from that frame's
//      rAF runs after style, layout, paint and commit).  The same with a frame that only changes one input's
//      text and computes nothing is printed as the floor this machine imposes, and the same edit with the
//      whole page on screen (a viewport as tall as the page, so no panel is left to content-visibility);
//   2. real mouse scrubbing and real typing through Chromium's input pipeline (typing includes the wait for
//      the next vsync, up to 16.7 ms, that no page can avoid);
//   3. cold load to interactive: navigation start to the element's first render with the engine loaded,
//      a fresh browser context (empty cache) each time;
//   4. everything transferred, gzipped (zlib level 6, as a server would send it).
// Usage: scripts/build wasm && node tests/browser/perf.mjs
import { gzipSync } from 'node:zlib';
import { serve, launch } from './harness.mjs';

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
};
const fmt = (xs) =>
  `p50 ${pct(xs, 0.5).toFixed(2)} ms, p95 ${pct(xs, 0.95).toFixed(2)} ms, max ${Math.max(...xs).toFixed(2)} ms (n=${xs.length})`;

const server = await serve();
const browser = await launch();
const ready = (page) =>
  page.waitForFunction(() => performance.getEntriesByName('attention-playground:interactive').length > 0);

// 3 and 4: cold loads.
const loads = [];
let transfer = null;
for (let i = 0; i < 15; i++) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const bodies = [];
  page.on('response', async (r) => {
    try {
      bodies.push([r.url(), await r.body()]);
    } catch {
      /* redirects have no body */
    }
  });
  await page.goto(server.url);
  await ready(page);
  loads.push(await page.evaluate(() => performance.getEntriesByName('attention-playground:interactive')[0].startTime));
  if (!transfer) {
    await page.waitForTimeout(300);
    transfer = bodies.map(([url, b]) => ({
      url: url.replace(server.url, '/'),
      raw: b.length,
      gz: gzipSync(b, { level: 6 }).length,
    }));
  }
  await context.close();
}

const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const page = await context.newPage();
await page.goto(server.url);
await ready(page);

// 1: synthetic input at frame start, edit to painted frame; then the same frame with no edit (the floor).
const frameCost = (noop) =>
  page.evaluate(async (noop) => {
    const input = document.querySelector('attention-playground [aria-label="E row 1 column 2"]');
    const frame = () => new Promise((r) => requestAnimationFrame(r));
    const out = [];
    for (let n = 0; n < 300; n++) {
      await frame();
      out.push(
        await new Promise((resolve) =>
          requestAnimationFrame(() => {
            const t0 = performance.now();
            input.value = String(((n % 40) - 20) / 10);
            if (!noop) input.dispatchEvent(new Event('input', { bubbles: true }));
            scheduler.postTask(() => resolve(performance.now() - t0), { priority: 'user-blocking' });
          }),
        ),
      );
    }
    return out.slice(20);
  }, noop);
const synthetic = await frameCost(false);
const floor = await frameCost(true);
await page.evaluate(() => {
  const el = document.querySelector('attention-playground');
  el.undo();
});
// The same edit with the whole page on screen at once (a viewport as tall as the page): every panel renders.
const tallHeight = await page.evaluate(() => document.documentElement.scrollHeight);
await page.setViewportSize({ width: 1280, height: tallHeight });
await page.waitForTimeout(300);
const tall = await frameCost(false);
await page.evaluate(() => {
  const el = document.querySelector('attention-playground');
  el.undo();
});
await page.setViewportSize({ width: 1280, height: 900 });
await page.waitForTimeout(300);

// 2: real input.  Each event's timeStamp to the end of the frame that shows its result.
await page.evaluate(() => {
  window.__lat = [];
  const el = document.querySelector('attention-playground');
  let pending = null;
  for (const type of ['pointermove', 'keydown']) {
    window.addEventListener(
      type,
      (e) => {
        if (pending === null) pending = e.timeStamp;
      },
      true,
    );
  }
  el.addEventListener('computed', () => {
    if (pending === null) return;
    const t0 = pending;
    pending = null;
    requestAnimationFrame(() => {
      scheduler.postTask(() => window.__lat.push(performance.now() - t0), { priority: 'user-blocking' });
    });
  });
});
const box = await page.getByRole('spinbutton', { name: 'E row 2 column 2', exact: true }).boundingBox();
const y = box.y + box.height / 2;
await page.mouse.move(box.x + 5, y);
await page.mouse.down();
for (let k = 0; k < 240; k++) {
  await page.mouse.move(box.x + 5 + 60 * Math.sin(k / 10), y);
  await page.waitForTimeout(17);
}
await page.mouse.up();
const scrub = await page.evaluate(() => window.__lat.splice(0));
const cell = page.getByRole('spinbutton', { name: 'E row 3 column 3', exact: true });
await cell.focus();
for (let k = 0; k < 120; k++) {
  await page.keyboard.press(k % 2 ? 'PageUp' : 'PageDown');
  await page.waitForTimeout(25);
}
const typing = await page.evaluate(() => window.__lat.splice(0));
const engineMs = await page.evaluate(() => {
  const el = document.querySelector('attention-playground'),
    s = el.state;
  const t0 = performance.now();
  for (let i = 0; i < 500; i++) {
    s.embeddings[0][0] = i / 500;
    el.state = s;
  }
  return (performance.now() - t0) / 500;
});

await browser.close();
await server.close();

console.log('Attention Playground, default preset ("bank grows money"), every panel shown, headless Chromium');
console.log(`input event -> painted frame (event at frame start):  ${fmt(synthetic)}`);
console.log(`  floor: same frame, one input's text, no compute:    ${fmt(floor)}`);
console.log(`${`  the whole page on screen (1280×${tallHeight}):`.padEnd(54)}${fmt(tall)}`);
console.log(`real mouse scrub (event timeStamp -> frame done):     ${fmt(scrub)}`);
console.log(`real key presses (incl. wait for next vsync):         ${fmt(typing)}`);
console.log(`\`state\` set from script: engine run + DOM update (JS): ${engineMs.toFixed(3)} ms mean`);
console.log(
  `cold load to interactive:                             median ${pct(loads, 0.5).toFixed(0)} ms, p95 ${pct(loads, 0.95).toFixed(0)} ms, max ${Math.max(...loads).toFixed(0)} ms (n=${loads.length})`,
);
const raw = transfer.reduce((a, f) => a + f.raw, 0),
  gz = transfer.reduce((a, f) => a + f.gz, 0);
console.log(
  `transferred: ${transfer.length} files, ${(raw / 1024).toFixed(1)} KiB raw, ${(gz / 1024).toFixed(1)} KiB gzipped`,
);
for (const f of transfer.sort((a, b) => b.gz - a.gz).slice(0, 5))
  console.log(
    `  ${f.url.padEnd(28)} ${(f.raw / 1024).toFixed(1).padStart(6)} KiB raw ${(f.gz / 1024).toFixed(1).padStart(6)} KiB gz`,
  );
