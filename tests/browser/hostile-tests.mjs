// Hostile input in the page: a deflate-bomb link, a huge JSON file, a huge `state` attribute and a huge
// set-state message are each refused at once with a message naming the cap, the state untouched;
// the iframe bridge keeps to the origins a page names; every attribute's refusals leave the element as it was.
import assert from 'node:assert/strict';
import fc from '../../scripts/node_modules/fast-check/lib/fast-check.js';
import { bombLink, bigJSONFile } from './hostile-inputs.mjs';

// A guard against hangs, not the target: the under-a-second figures are measured by bench/hostile.mjs (this
// machine is shared, and timed tests must not fail when it is busy).  The code before the caps took 3-15 s.
const SLOW = 3000;
const stateOf = (page) => page.evaluate(() => JSON.stringify(deepQuery('attention-playground').state));
const message = (page) =>
  page.evaluate(() => {
    const m = deepQuery('attention-playground .ap-embed-msg');
    return m && !m.hidden ? m.textContent : '';
  });

// Milliseconds from the page's start of an action until its message names the cap (polled in the page).
async function timeToRefusal(page, act, arg) {
  return page.evaluate(
    async ([act, arg]) => {
      const el = deepQuery('attention-playground');
      const t0 = performance.now();
      await new Function('el', 'arg', act)(el, arg);
      for (;;) {
        const m = deepQuery(el, '.ap-embed-msg');
        if (m && !m.hidden && /would be larger than/.test(m.textContent)) return performance.now() - t0;
        if (performance.now() - t0 > 5000) return Infinity;
        await new Promise((r) => setTimeout(r, 5));
      }
    },
    [act, arg],
  );
}

// An iframe of the page in embed mode, and the messages it posts to this window.
async function frame(page, query) {
  await page.evaluate((query) => {
    window.got = [];
    const f = document.createElement('iframe');
    f.id = 'embed';
    f.src = `index.html?embed=1${query}`;
    addEventListener('message', (e) => e.source === f.contentWindow && window.got.push(e.data));
    document.body.append(f);
  }, query);
}
const post = (page, msg) => page.evaluate((msg) => deepById('embed').contentWindow.postMessage(msg, '*'), msg);

export const hostileTests = [
  {
    name: 'hostile: a bomb link, a 60 MB JSON file and a huge state attribute are refused at once, by name, the state untouched',
    fn: async (page) => {
      const before = await stateOf(page);
      const link = await bombLink(3e7); // inflates to 30 MB (bench/hostile.mjs measures the table's larger ones)
      const ms = await timeToRefusal(page, 'location.hash = "#state=" + arg;', link);
      assert.ok(ms < SLOW, `link refused after ${ms} ms`);
      assert.match(await message(page), /^link: the state would be larger than [\d.]+ MB; not loaded/m);
      assert.equal(await stateOf(page), before, 'the link left the state as it was');

      await page.evaluate(`window.hugeFile = (${bigJSONFile})(6e6)`); // made before the clock starts
      const fileMs = await timeToRefusal(
        page,
        `const input = deepQuery(el, '.ap-tools input[type=file]'), dt = new DataTransfer();
         dt.items.add(window.hugeFile);
         input.files = dt.files;
         input.dispatchEvent(new Event('change'));`,
      );
      assert.ok(fileMs < SLOW, `file refused after ${fileMs} ms`);
      assert.match(await message(page), /file "huge\.json": the state would be larger than/);
      assert.equal(await stateOf(page), before, 'the file left the state as it was');

      const attrMs = await timeToRefusal(page, 'el.setAttribute("state", "[" + "0,".repeat(3e6) + "0]");');
      assert.ok(attrMs < SLOW, `state attribute refused after ${attrMs} ms`);
      assert.match(await message(page), /^state: the state would be larger than [\d.]+ MB; not loaded$/m);
      assert.equal(await stateOf(page), before, 'the attribute left the state as it was');
    },
  },
  {
    name: 'hostile: set-state of a huge object is refused at once; with origins=… the bridge answers and posts only there',
    fn: async (page) => {
      await frame(page, '');
      await page.waitForFunction(() => window.got.some((m) => m.type === 'ready'), null, { timeout: 10000 });
      const ms = await page.evaluate(async () => {
        const t0 = performance.now();
        document
          .getElementById('embed')
          .contentWindow.postMessage(
            { type: 'set-state', id: 7, state: { tokens: ['a'], embeddings: [new Array(3e5).fill(1)] } },
            '*',
          );
        while (!window.got.some((m) => m.id === 7)) await new Promise((r) => setTimeout(r, 5));
        return performance.now() - t0;
      });
      assert.ok(ms < SLOW, `refused after ${ms} ms`);
      const reply = await page.evaluate(() => window.got.find((m) => m.id === 7));
      assert.equal(reply.type, 'error');
      assert.match(reply.message, /^set-state: the state would be larger than [\d.]+ MB; not loaded$/);

      // Named elsewhere: nothing reaches this page, and what it posts is ignored.
      await page.evaluate(() => deepById('embed').remove());
      await frame(page, '&origins=https://tutorial.example');
      await page.waitForFunction(() => deepById('embed').contentDocument?.querySelector('attention-playground')?.trace);
      await post(page, { type: 'get-trace', id: 8 });
      await page.waitForTimeout(500);
      assert.deepEqual(await page.evaluate(() => window.got), [], 'no ready, no reply to an origin not named');
      // Named here: answered.
      await page.evaluate(() => deepById('embed').remove());
      const here = await page.evaluate(() => location.origin);
      await frame(page, `&origins=https://tutorial.example,${encodeURIComponent(here)}`);
      await page.waitForFunction(() => window.got.some((m) => m.type === 'ready'), null, { timeout: 10000 });
      await post(page, { type: 'get-trace', id: 9 });
      await page.waitForFunction(() => window.got.some((m) => m.type === 'trace' && m.id === 9));
    },
  },
  {
    name: 'attributes (property): every value an attribute refuses leaves the element as it was, and names the attribute',
    allow: /Fetch API cannot load|Failed to load resource/, // the src values that fetch nothing
    fn: async (page) => {
      const number = fc.oneof(fc.integer({ min: -3, max: 40 }).map(String), fc.double().map(String), fc.string());
      const values = {
        tokens: fc.oneof(fc.string(), fc.constant(' '), fc.constant('w '.repeat(30))),
        'd-model': number,
        'd-k': number,
        heads: number,
        mask: fc.oneof(fc.constantFrom('none', 'causal', 'diagonal', ''), fc.string()),
        scale: fc.oneof(fc.constantFrom('true', 'off', 'yes', ''), fc.string()),
        temperature: number,
        seed: number,
        preset: fc.oneof(fc.constantFrom('river-bank', 'java', 'nope'), fc.string()),
        state: fc.oneof(
          fc.string(),
          fc.jsonValue().map((v) => JSON.stringify(v)),
          fc.constant(
            JSON.stringify({ tokens: ['a'], embeddings: [[1]], heads: [{ wq: [[1]], wk: [[1]], wv: [[2]] }] }),
          ),
          fc.constant('<huge>'), // built in the page: 6 MB through the protocol would take seconds
        ),
        src: fc.oneof(fc.string(), fc.constantFrom('missing.json', 'data:,{', 'javascript:1')),
      };
      const cases = fc.sample(fc.oneof(...Object.entries(values).map(([name, v]) => v.map((value) => [name, value]))), {
        numRuns: 60,
        seed: 20261201,
      });
      // A small element of its own (one panel), so that each accepted value re-renders little.
      await page.evaluate(() => {
        const el = document.createElement('attention-playground');
        el.id = 'prop';
        el.setAttribute('panels', 'weights');
        document.body.append(el);
      });
      await page.waitForFunction(() => deepById('prop').trace);
      const results = await page.evaluate(async (cases) => {
        const el = deepById('prop');
        const out = [];
        for (const [name, given] of cases) {
          const value = given === '<huge>' ? `[${'0,'.repeat(3e6)}0]` : given;
          const before = JSON.stringify(el.state);
          const t0 = performance.now();
          el.setAttribute(name, value);
          await new Promise((r) => setTimeout(r, name === 'src' ? 200 : 20));
          const m = deepQuery(el, '.ap-embed-msg');
          const text = m && !m.hidden ? m.textContent : '';
          const ms = performance.now() - t0;
          const named = text.split('\n').some((l) => l.startsWith(`${name}=`) || l.startsWith(`${name}:`));
          out.push({ name, value: value.slice(0, 40), named, same: before === JSON.stringify(el.state), text, ms });
        }
        for (const name of cases.map((c) => c[0])) el.removeAttribute(name);
        await new Promise((r) => setTimeout(r, 50));
        return out;
      }, cases);
      let refused = 0;
      for (const r of results) {
        assert.ok(r.ms < SLOW, `${r.name}="${r.value}" took ${r.ms} ms`);
        if (!r.named) continue;
        refused++;
        assert.ok(r.same, `${r.name}="${r.value}" was refused (${r.text}) but changed the state`);
      }
      assert.ok(refused >= 5, `only ${refused} of ${cases.length} values were refused`);
      const left = await page.evaluate(() => deepQuery('#prop .ap-embed-msg').hidden);
      assert.ok(left, 'no message once the attributes are gone');
    },
  },
];
