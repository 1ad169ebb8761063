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
//   4. everything transferred, gzipped (zlib level 6, as a server would send it);
//   5. the largest page the controls allow (24 tokens, D = dk = 16, 8 heads, W_O): method 1 and its floor,
//      real arrow keys (focus moves) and Page Up/Down (value steps) on an E cell timed by the Event Timing API
//      (keydown to the next paint; the API reports only events of 16 ms or more, the others count as under 16),
//      setting a full-size state from script, and a size change (D 16 -> 15 and back) until its frame is rendered.
// Usage: scripts/build wasm && node tests/browser/perf.mjs
//        node tests/browser/perf.mjs --walk   A/B: edits with a walk playing, paused, none, and the narration's
//        text alone, rotated, ROUNDS (6).
//        node tests/browser/perf.mjs --against DIR   A/B: section 5 and method 1 of the default page on this
//        build and on the site in DIR (another checkout's build/wasm/site), in rotated order, ROUNDS rounds (3);
//        also method 1 of the default page (1280×900, and the whole page on screen; and the whole page of a
//        playground showing only the panels both builds have, like for like), a page of 1 and of 12
//        playgrounds (the classic dist script, cold) until every one is interactive, and the gzipped dist size.
import { gzipSync } from 'node:zlib';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serve, launch, DEEP_QUERY, ROOT as ROOT_DIR } from './harness.mjs';
import { fullSize } from './labs-tests.mjs';

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
};
const fmt = (xs) =>
  `p50 ${pct(xs, 0.5).toFixed(2)} ms, p95 ${pct(xs, 0.95).toFixed(2)} ms, max ${Math.max(...xs).toFixed(2)} ms (n=${xs.length})`;

const ready = (page) =>
  page.waitForFunction(() => performance.getEntriesByName('attention-playground:interactive').length > 0);

// Method 1 on `page`: an edit of E row 1 column 2 at the start of a frame until the frame is rendered.
const frameCostOn = (page, noop, n = 300) =>
  page.evaluate(
    async ([noop, n]) => {
      const input = deepQuery('attention-playground [aria-label="E row 1 column 2"]');
      const frame = () => new Promise((r) => requestAnimationFrame(r));
      const out = [];
      for (let k = 0; k < n; k++) {
        await frame();
        out.push(
          await new Promise((resolve) =>
            requestAnimationFrame(() => {
              const t0 = performance.now();
              input.value = String(((k % 40) - 20) / 10);
              if (!noop) input.dispatchEvent(new Event('input', { bubbles: true }));
              scheduler.postTask(() => resolve(performance.now() - t0), { priority: 'user-blocking' });
            }),
          ),
        );
      }
      return out.slice(20);
    },
    [noop, n],
  );

// A fresh context at 1280×900 on url, the deep-query helpers installed, once the playground is interactive.
async function openPlayground(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(DEEP_QUERY);
  const page = await context.newPage();
  await page.goto(url);
  await ready(page);
  return { context, page };
}

// Method 1 with the viewport as tall as the page, so that no panel is left to content-visibility.
async function wholePageFrames(page) {
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: 1280, height: Math.min(height + 50, 16000) });
  return frameCostOn(page, false, 200);
}

// Section 5 on a fresh page of the site at url.
async function fullSizeFigures(browser, url) {
  const { context, page } = await openPlayground(browser, url);
  const method1Default = await frameCostOn(page, false, 150);
  const state = await page.evaluate(async () => {
    const el = deepQuery('attention-playground');
    return el.state;
  });
  await fullSize(page);
  const full = await page.evaluate(() => deepQuery('attention-playground').state);
  // Setting the whole full-size state from script (after the default one), until its frame is rendered.
  const setState = [];
  for (let k = 0; k < 6; k++) {
    setState.push(
      await page.evaluate(
        ([s]) =>
          new Promise((resolve) =>
            requestAnimationFrame(() => {
              const t0 = performance.now();
              deepQuery('attention-playground').state = s;
              scheduler.postTask(() => resolve(performance.now() - t0), { priority: 'user-blocking' });
            }),
          ),
        [k % 2 ? full : state],
      ),
    );
    await page.waitForTimeout(100);
  }
  const set = setState.filter((_, k) => k % 2 === 1);
  await page.evaluate((s) => {
    deepQuery('attention-playground').state = s;
  }, full);
  await page.waitForTimeout(300);
  const method1 = await frameCostOn(page, false, 150);
  const floor = await frameCostOn(page, true, 80);
  // Real keys on E row 1 column 1: arrows move the focus (and the selected query), Page Up/Down step its value.
  const arrows = await timedKeys(browser, page, ['ArrowDown', 'ArrowUp']);
  const steps = await timedKeys(browser, page, ['PageUp', 'PageDown']);
  // A size change: D 16 -> 15 -> 16 ..., committed as the D field commits it, until its frame is rendered.
  const size = await page.evaluate(async () => {
    const d = [...deepQueryAll('attention-playground playground-controls input')].find((i) =>
      i.closest('label')?.textContent.trim().startsWith('D'),
    );
    const out = [];
    for (let k = 0; k < 8; k++) {
      await new Promise((r) => setTimeout(r, 100));
      out.push(
        await new Promise((resolve) =>
          requestAnimationFrame(() => {
            const t0 = performance.now();
            d.value = String(k % 2 ? 16 : 15);
            d.dispatchEvent(new Event('input', { bubbles: true }));
            d.dispatchEvent(new Event('change', { bubbles: true }));
            scheduler.postTask(() => resolve(performance.now() - t0), { priority: 'user-blocking' });
          }),
        ),
      );
    }
    return out;
  });
  await context.close();
  return {
    method1Default,
    method1,
    floor,
    keys: arrows.keys,
    steps: steps.keys,
    set,
    size,
    cpu: arrows.cpu,
    stepCpu: steps.cpu,
  };
}

// Real key presses, alternating between two keys, on E row 1 column 1: each timed from its hardware
// timestamp to the next paint (Event Timing), and traced for the main thread's CPU time per key, by phase,
// which a loaded machine distorts far less.
async function timedKeys(browser, page, [a, b]) {
  await page.evaluate(() => {
    window.__keys = [];
    window.__keysObserver?.disconnect();
    window.__keysObserver = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.name === 'keydown') window.__keys.push(e.duration);
    });
    window.__keysObserver.observe({ type: 'event', durationThreshold: 16 });
  });
  await page.getByRole('spinbutton', { name: 'E row 1 column 1', exact: true }).focus();
  const presses = 60;
  await browser.startTracing(page, { categories: ['devtools.timeline', 'blink'] });
  for (let k = 0; k < presses; k++) {
    await page.keyboard.press(k % 2 ? b : a);
    await page.waitForTimeout(50);
  }
  await page.waitForTimeout(300);
  const cpu = threadTime(JSON.parse(await browser.stopTracing()).traceEvents, presses);
  const reported = await page.evaluate(() => window.__keys);
  return { keys: [...reported, ...new Array(Math.max(0, presses - reported.length)).fill(0)], cpu };
}

const PHASES = {
  script: ['FunctionCall', 'RunMicrotasks'],
  style: ['UpdateLayoutTree'],
  layout: ['Layout'],
  prepaint: ['PrePaint'],
  paint: ['Paint'],
  layerize: ['Layerize'],
};
// Every task of the renderer's main thread (the phases above run inside them), then the phases.
const WHOLE_TASKS = { task: ['ThreadControllerImpl::RunTask'], ...PHASES };
// Thread time (ms) of the renderer's main thread per key press (or edit), by phase, from a Chromium trace.
// An event inside another of its phase is not counted again: a frame's Paint of #document holds a Paint
// of each composited layer it repaints, and a FunctionCall may run inside RunMicrotasks.
function threadTime(events, n, phases = PHASES) {
  const names = new Map();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args.name);
  const main = events
    .filter((e) => e.ph === 'X' && names.get(`${e.pid}:${e.tid}`) === 'CrRendererMain')
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur); // an outer event before the ones it holds
  const outermost = (kinds) => {
    let end = -Infinity,
      t = 0;
    for (const e of main) {
      if (!kinds.includes(e.name) || e.ts < end) continue;
      end = e.ts + e.dur;
      t += e.tdur ?? 0;
    }
    return t;
  };
  return Object.fromEntries(Object.entries(phases).map(([phase, kinds]) => [phase, outermost(kinds) / 1000 / n]));
}
const cpuLine = (c) =>
  Object.entries(c)
    .map(([k, v]) => `${k} ${v.toFixed(2)}`)
    .join(', ');

const fullLines = (f) => [
  `  input event -> painted frame (method 1):            ${fmt(f.method1)}`,
  `    the same on the default page:                     ${fmt(f.method1Default)}`,
  `    p95 ratio full size / default:                    ${(pct(f.method1, 0.95) / pct(f.method1Default, 0.95)).toFixed(2)}`,
  `  floor: same frame, one input's text, no compute:    ${fmt(f.floor)}`,
  `  real arrow keys (focus moves), keydown -> next paint (Event Timing): ${fmt(f.keys)}, ${f.keys.filter((x) => x > 16).length} over 16 ms`,
  `  real Page Up/Down (value steps), keydown -> next paint: ${fmt(f.steps)}, ${f.steps.filter((x) => x > 16).length} over 16 ms`,
  `  \`state\` set to the full-size state until rendered: ${fmt(f.set)}`,
  `  size change (D 16 <-> 15) until rendered:           ${fmt(f.size)}`,
  `  main-thread CPU ms per arrow key (trace thread time): ${[].concat(f.cpu).map(cpuLine).join(' | ')}`,
  `  main-thread CPU ms per Page Up/Down:                  ${[].concat(f.stepCpu).map(cpuLine).join(' | ')}`,
];

// Method 1 on the default page at 1280×900, then with the whole page on screen.
async function editFrames(browser, url) {
  const { context, page } = await openPlayground(browser, url);
  const shown = await frameCostOn(page, false, 200);
  const whole = await wholePageFrames(page);
  await context.close();
  return { shown, whole };
}

// A page of n playgrounds loading the classic dist script; it marks `all-interactive` when every playground
// has drawn its first trace: its scores carry the trace's numbers (each cell's name is set as the trace is
// rendered, on screen or not), and the frame after that has rendered.
const manyPage = (n) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${n}</title></head><body>` +
  Array.from(
    { length: n },
    (_, k) => `<h2>Figure ${k + 1}</h2><attention-playground seed="${k + 1}"></attention-playground>`,
  ).join('\n') +
  `<script src="attention-playground.js"></script><script>
  const drawn = (el) => (el.shadowRoot ?? el).querySelector('scores-panel matrix-view [aria-label]');
  (function check() {
    const all = [...document.querySelectorAll('attention-playground')];
    if (all.length === ${n} && all.every(drawn))
      requestAnimationFrame(() => scheduler.postTask(() => performance.mark('all-interactive'), { priority: 'user-blocking' }));
    else requestAnimationFrame(check);
  })();
  </script></body></html>`;

// The panels both sides of an A/B have (the parent of the shadow-DOM work lacks the walk, positions and the
// word-order lab): one playground showing only those, for the whole-page edit frame like for like.
const COMMON_PANELS =
  'controls embeddings projections scores scale mask weights sum output map point status tools labs';
const commonPage =
  `<!doctype html><html><head><meta charset="utf-8"><title>common panels</title></head><body>` +
  `<attention-playground panels="${COMMON_PANELS}"></attention-playground>` +
  `<script src="attention-playground.js"></script></body></html>`;

// Method 1 with the whole page on screen, on the page of the panels both sides have.
async function commonFrames(browser, url) {
  const { context, page } = await openPlayground(browser, url);
  const frames = await wholePageFrames(page);
  await context.close();
  return frames;
}

async function interactiveMs(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } }); // empty cache
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByName('all-interactive').length > 0, null, {
    timeout: 60000,
  });
  const ms = await page.evaluate(() => performance.getEntriesByName('all-interactive')[0].startTime);
  await context.close();
  return ms;
}

// --walk: method 1 with a walk playing (Play pressed: a step every 1.5 s, lit cells and narration following each
// edit), with the same walk paused, with no walk, and with no walk but the narration's text rewritten by
// each edit ('text': the one change item 4 of the walk's issue asks of every edit, with nothing else of the
// walk; the floor a walk's edit cannot go below), on one page, in rotated order, ROUNDS rounds (6) of 80 edits
// an arm (method 1 times the last 60), on the default page and at full size.  ARMS picks some of the arms
// (none,text,paused,playing), SIZES some of the pages (default,full size).  Round r starts both walks at the
// same step, the first six in turn, as each step's narration costs its own layout: the playing walk advances
// from it, the paused one stays.
// Each block is traced: the renderer's main-thread time per edit (every task of the block, the walk's own timer,
// step changes and animation frames included, divided by its edits) resolves 0.1 ms, where method 1's wall time
// on two cores moves by more from run to run.  Printed per arm: method 1's p50 and p95, the main-thread ms per
// edit (its median over the rounds) by phase; per pair of arms: the ratio of main-thread time, its median and
// range over the rounds (each round's arms run back to back), and the ratio of method 1's p50.
if (process.argv.includes('--walk')) {
  const server = await serve();
  const browser = await launch();
  const { page } = await openPlayground(browser, server.url);
  const STEPS = ['projections', 'scores', 'scale', 'mask', 'softmax', 'weigh'];
  // arm: 'none' (no walk), 'paused' (a walk at step `from`, not playing), 'playing' (Play pressed at `from`)
  // or 'text' (no walk, but each edit rewrites the idle narration with step `from`'s narration, its digits
  // shifted by one per edit: the text change item 4 asks of every edit, with nothing else of the walk).
  const walk = (arm, from) =>
    page.evaluate(
      ([arm, from]) => {
        const el = document.querySelector('attention-playground');
        const say = el.shadowRoot.querySelector('walk-panel .walk-say > span');
        el.step = null; // ends the walk (and its timer)
        window.__floor = null;
        if (arm === 'text') {
          el.step = from;
          const narration = say.textContent;
          el.step = null;
          let shift = 0;
          window.__floor = () =>
            (say.firstChild.data = narration.replace(/\d/g, (d) => String((Number(d) + ++shift) % 10)));
          if (!window.__floorListening) el.addEventListener('state-change', () => window.__floor?.());
          window.__floorListening = true;
        }
        if (arm === 'none' || arm === 'text') return;
        el.step = from;
        if (arm === 'playing') el.shadowRoot.querySelector('walk-panel .walk-play').click(); // Play from there
      },
      [arm, from],
    );
  const rounds = Number(process.env.ROUNDS ?? 6),
    edits = 60,
    arms = (process.env.ARMS ?? 'none,text,paused,playing').split(',');
  const median = (xs) => pct(xs, 0.5);
  for (const size of (process.env.SIZES ?? 'default,full size').split(',')) {
    if (size === 'full size') await fullSize(page);
    const wall = Object.fromEntries(arms.map((a) => [a, []]));
    const cpu = Object.fromEntries(arms.map((a) => [a, []])); // per round: { task, script, style, … } ms per edit
    for (let r = 0; r < rounds; r++) {
      for (let k = 0; k < arms.length; k++) {
        const arm = arms[(k + r) % arms.length]; // rotated: each arm in each position
        await walk(arm, STEPS[r % STEPS.length]);
        await page.waitForTimeout(200);
        await browser.startTracing(page, { categories: ['devtools.timeline', 'blink', 'toplevel'] });
        wall[arm].push(...(await frameCostOn(page, false, edits + 20)));
        cpu[arm].push(threadTime(JSON.parse(await browser.stopTracing()).traceEvents, edits + 20, WHOLE_TASKS));
      }
    }
    await walk('none');
    for (const arm of arms) {
      const by = Object.fromEntries(Object.keys(WHOLE_TASKS).map((p) => [p, median(cpu[arm].map((c) => c[p]))]));
      console.log(`${size}: walk ${arm.padEnd(7)}: method 1 ${fmt(wall[arm])}`);
      console.log(
        `${size}: walk ${arm.padEnd(7)}: main-thread ms per edit (median of ${rounds} rounds): ${cpuLine(by)}`,
      );
    }
    for (const [a, b] of [
      ['playing', 'paused'],
      ['playing', 'none'],
      ['paused', 'none'],
      ['text', 'none'],
      ['paused', 'text'],
      ['playing', 'text'],
    ].filter((pair) => pair.every((arm) => arms.includes(arm)))) {
      const ratios = cpu[a].map((c, r) => c.task / cpu[b][r].task);
      console.log(
        `${size}: walk ${a} / ${b}: main-thread time per edit ${median(ratios).toFixed(3)} ` +
          `(rounds ${Math.min(...ratios).toFixed(3)}–${Math.max(...ratios).toFixed(3)}), ` +
          `method 1 p50 ${(median(wall[a]) / median(wall[b])).toFixed(2)}, p95 ${(pct(wall[a], 0.95) / pct(wall[b], 0.95)).toFixed(2)}`,
      );
    }
  }
  await browser.close();
  await server.close();
  process.exit(0);
}

const against = process.argv.indexOf('--against');
if (against > 0) {
  const other = process.argv[against + 1];
  const dists = [join(ROOT_DIR, 'dist/attention-playground.js'), join(other, '../../../dist/attention-playground.js')];
  const many = dists.map((dist, k) => {
    const dir = join(ROOT_DIR, `build/perf-many/${k}`);
    mkdirSync(dir, { recursive: true });
    copyFileSync(dist, join(dir, 'attention-playground.js'));
    writeFileSync(join(dir, 'one.html'), manyPage(1));
    writeFileSync(join(dir, 'twelve.html'), manyPage(12));
    writeFileSync(join(dir, 'common.html'), commonPage);
    return dir;
  });
  const sites = [
    ['this build', await serve()],
    [other, await serve({ root: other })],
  ];
  const manySites = await Promise.all(many.map((root) => serve({ root })));
  const browser = await launch();
  const rounds = Number(process.env.ROUNDS ?? 3),
    got = sites.map(() => []),
    edits = sites.map(() => ({ shown: [], whole: [], common: [] })),
    loads = sites.map(() => ({ one: [], twelve: [] }));
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 ? [1, 0] : [0, 1];
    for (const k of order) {
      got[k].push(await fullSizeFigures(browser, sites[k][1].url));
      const e = await editFrames(browser, sites[k][1].url);
      edits[k].shown.push(...e.shown);
      edits[k].whole.push(...e.whole);
      edits[k].common.push(...(await commonFrames(browser, `${manySites[k].url}common.html`)));
      for (let i = 0; i < 3; i++) {
        loads[k].one.push(await interactiveMs(browser, `${manySites[k].url}one.html`));
        loads[k].twelve.push(await interactiveMs(browser, `${manySites[k].url}twelve.html`));
      }
    }
  }
  await browser.close();
  const merged = got.map((runs) =>
    Object.fromEntries(Object.keys(runs[0]).map((key) => [key, runs.flatMap((x) => x[key])])),
  );
  console.log(`A/B, ${rounds} rounds in rotated order; every figure below pools the rounds`);
  sites.forEach(([name], k) => {
    console.log(`${name}:`);
    for (const line of fullLines(merged[k])) console.log(line);
  });
  const ratio = (key, p) => (pct(merged[0][key], p) / pct(merged[1][key], p)).toFixed(2);
  console.log(`this build / ${other}:`);
  console.log(
    `  method 1 at full size p95 ${ratio('method1', 0.95)}, keydown -> paint p95: arrows ${ratio('keys', 0.95)}, ` +
      `Page Up/Down ${ratio('steps', 0.95)}, ` +
      `state set p50 ${ratio('set', 0.5)}, size change p50 ${ratio('size', 0.5)}, floor p50 ${ratio('floor', 0.5)}`,
  );
  const cpuSum = (k, key) => merged[k][key].reduce((t, c) => t + Object.values(c).reduce((a, b) => a + b, 0), 0);
  console.log(
    `  main-thread CPU per key, all phases, all rounds: arrow ${(cpuSum(0, 'cpu') / cpuSum(1, 'cpu')).toFixed(2)}, ` +
      `Page Up/Down ${(cpuSum(0, 'stepCpu') / cpuSum(1, 'stepCpu')).toFixed(2)}`,
  );
  sites.forEach(([name], k) => {
    const med = (xs) => pct(xs, 0.5);
    const gz = gzipSync(readFileSync(dists[k]), { level: 9 }).length;
    console.log(`${name}:`);
    console.log(`  default page, method 1 at 1280×900:           ${fmt(edits[k].shown)}`);
    console.log(`  default page, method 1, whole page on screen: ${fmt(edits[k].whole)}`);
    console.log(`  the panels both have, whole page on screen:   ${fmt(edits[k].common)}`);
    console.log(
      `  all-interactive, cold: 1 playground median ${med(loads[k].one).toFixed(0)} ms, 12 playgrounds median ` +
        `${med(loads[k].twelve).toFixed(0)} ms: 12 / 1 = ${(med(loads[k].twelve) / med(loads[k].one)).toFixed(2)} ` +
        `(n=${loads[k].one.length} each)`,
    );
    console.log(`  dist/attention-playground.js gzip -9: ${(gz / 1000).toFixed(1)} KB`);
  });
  const p95 = (k, key) => pct(edits[k][key], 0.95);
  console.log(
    `this build / ${other}: method 1 p95 at 1280×900 ${(p95(0, 'shown') / p95(1, 'shown')).toFixed(2)}, ` +
      `whole page ${(p95(0, 'whole') / p95(1, 'whole')).toFixed(2)}, ` +
      `whole page of the panels both have ${(p95(0, 'common') / p95(1, 'common')).toFixed(2)} ` +
      `(p50 ${(pct(edits[0].common, 0.5) / pct(edits[1].common, 0.5)).toFixed(2)})`,
  );
  for (const s of manySites) await s.close();
  for (const [, s] of sites) await s.close();
  process.exit(0);
}

const server = await serve();
const browser = await launch();

// 3 and 4: cold loads.
const loads = [];
let transfer = null;
for (let i = 0; i < 15; i++) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(DEEP_QUERY);
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
      url: url.replace(server.root, '/'),
      raw: b.length,
      gz: gzipSync(b, { level: 6 }).length,
    }));
  }
  await context.close();
}

const { page } = await openPlayground(browser, server.url);

// 1: synthetic input at frame start, edit to painted frame; then the same frame with no edit (the floor).
const frameCost = (noop) =>
  page.evaluate(async (noop) => {
    const input = deepQuery('attention-playground [aria-label="E row 1 column 2"]');
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
  const el = deepQuery('attention-playground');
  el.undo();
});
// The same edit with the whole page on screen at once (a viewport as tall as the page): every panel renders.
const tallHeight = await page.evaluate(() => document.documentElement.scrollHeight);
await page.setViewportSize({ width: 1280, height: tallHeight });
await page.waitForTimeout(300);
const tall = await frameCost(false);
await page.evaluate(() => {
  const el = deepQuery('attention-playground');
  el.undo();
});
await page.setViewportSize({ width: 1280, height: 900 });
await page.waitForTimeout(300);

// 2: real input.  Each event's timeStamp to the end of the frame that shows its result.
await page.evaluate(() => {
  window.__lat = [];
  const el = deepQuery('attention-playground');
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
// The E grid sits below the fold at 1280×900: scroll it in, or the drag happens off screen and times nothing.
const scrubbed = page.getByRole('spinbutton', { name: 'E row 2 column 2', exact: true });
await scrubbed.scrollIntoViewIfNeeded();
const box = await scrubbed.boundingBox();
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
  const el = deepQuery('attention-playground'),
    s = el.state;
  const t0 = performance.now();
  for (let i = 0; i < 500; i++) {
    s.embeddings[0][0] = i / 500;
    el.state = s;
  }
  return (performance.now() - t0) / 500;
});

const full = await fullSizeFigures(browser, server.url);
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
console.log('The largest page the controls allow: 24 tokens, D = dk = 16, 8 heads, W_O, E row 1 column 1 = 3.9');
for (const line of fullLines(full)) console.log(line);
for (const f of transfer.sort((a, b) => b.gz - a.gz).slice(0, 5))
  console.log(
    `  ${f.url.padEnd(28)} ${(f.raw / 1024).toFixed(1).padStart(6)} KiB raw ${(f.gz / 1024).toFixed(1).padStart(6)} KiB gz`,
  );
