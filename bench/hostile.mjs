// The hostile-input table, measured: each input from tests/browser/hostile-inputs.mjs, given to the page
// (build/wasm/site) in Debian's Chromium; time until its message, the JS heap's peak (sampled every 5 ms)
// and the message.  Usage: scripts/build wasm && node bench/hostile.mjs
import { serve, launch } from '../tests/browser/harness.mjs';
import { bombLink, bigJSONFile } from '../tests/browser/hostile-inputs.mjs';

const links = [
  ['1.3 MB link (10⁹ spaces)', await bombLink(1e9)],
  ['259 KB link (2·10⁸ spaces)', await bombLink(2e8)],
];
const server = await serve();
const browser = await launch();
const page = await browser.newPage();
await page.goto(server.url);
await page.waitForFunction(() => document.querySelector('attention-playground')?.trace);

// Runs act in the page; returns ms until the element's message changes, the peak heap, the message.
const measure = (act, arg) =>
  page.evaluate(
    async ([act, arg]) => {
      const el = document.querySelector('attention-playground');
      const box = el.querySelector('.ap-embed-msg');
      box.textContent = '';
      const before = JSON.stringify(el.state);
      let peak = performance.memory.usedJSHeapSize;
      const sampler = setInterval(() => (peak = Math.max(peak, performance.memory.usedJSHeapSize)), 5);
      const t0 = performance.now();
      let t1 = null; // a link: when the browser, done with the URL, tells the page
      addEventListener('hashchange', () => (t1 = performance.now()), { once: true });
      const reply = await new (async () => {}).constructor('el', 'arg', act)(el, arg);
      while (!reply && !box.textContent && performance.now() - t0 < 30000) await new Promise((r) => setTimeout(r, 2));
      const ms = performance.now() - t0;
      const end = performance.now();
      clearInterval(sampler);
      peak = Math.max(peak, performance.memory.usedJSHeapSize);
      return {
        ms,
        fromEvent: t1 === null ? null : end - t1,
        heapMB: peak / 2 ** 20,
        message: reply ?? box.textContent,
        same: before === JSON.stringify(el.state),
      };
    },
    [act, arg],
  );

const rows = [];
for (const [name, link] of links) rows.push([name, await measure('location.hash = "#state=" + arg;', link)]);
await page.evaluate(`window.hugeFile = (${bigJSONFile})(6e6)`);
rows.push([
  '60 MB JSON file',
  await measure(`const input = el.querySelector('.ap-tools input[type=file]'), dt = new DataTransfer();
    dt.items.add(window.hugeFile); input.files = dt.files; input.dispatchEvent(new Event('change'));`),
]);
await page.evaluate('delete window.hugeFile');
rows.push(['6 MB state attribute', await measure('el.setAttribute("state", "[" + "0,".repeat(3e6) + "0]");')]);
// set-state goes through an iframe in embed mode; its reply is the message.
await page.evaluate(() => {
  const f = document.createElement('iframe');
  f.id = 'embed';
  f.src = 'index.html?embed=1';
  window.got = [];
  addEventListener('message', (e) => e.source === f.contentWindow && window.got.push(e.data));
  document.body.append(f);
});
await page.waitForFunction(() => window.got.some((m) => m.type === 'ready'), null, { timeout: 20000 });
rows.push([
  'set-state, 3·10⁶ numbers',
  await measure(`const big = { tokens: ['a'], embeddings: [new Array(3e6).fill(1)] };
    document.getElementById('embed').contentWindow.postMessage({ type: 'set-state', id: 1, state: big }, '*');
    while (!window.got.some((m) => m.id === 1)) await new Promise((r) => setTimeout(r, 2));
    return window.got.find((m) => m.id === 1).message;`),
]);
console.log(
  '| input | refused after | after the hashchange | JS heap peak | state kept | message |\n|---|---|---|---|---|---|',
);
for (const [name, r] of rows)
  console.log(
    `| ${name} | ${r.ms.toFixed(0)} ms | ${r.fromEvent === null ? '' : `${r.fromEvent.toFixed(0)} ms`} | ${r.heapMB.toFixed(0)} MB | ${r.same ? 'yes' : 'NO'} | ${r.message} |`,
  );
await browser.close();
server.close?.();
process.exit(0);
