// Embedding tests: dist/attention-playground.js as one classic <script> from file://, the ES-module
// form, attributes, sharing (hash, snippet), export/import, iframe postMessage, hostile token text, limits.
// Each test gets a browser and builds its own page; run.mjs fails a test on console errors or outside requests.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { ROOT, SITE } from './harness.mjs';

const DIST = join(ROOT, 'dist/attention-playground.js');
const FIXTURES = join(ROOT, 'build/embed-fixtures');

/** Writes an HTML page next to nothing but the dist script (loaded by absolute file:// URL). */
export function fixture(name, body, { head = '' } = {}) {
  mkdirSync(FIXTURES, { recursive: true });
  const file = join(FIXTURES, name);
  writeFileSync(
    file,
    `<!doctype html><html><head><meta charset="utf-8">${head}</head><body>\n${body}\n` +
      `<script src="${pathToFileURL(DIST).href}"></script></body></html>`,
  );
  return pathToFileURL(file).href;
}

/** Waits for n playgrounds with a trace (and, given `inside`, each with an element matching that selector). */
export const ready = (page, n = 1, inside = null) =>
  page.waitForFunction(
    ([n, inside]) => {
      const els = [...deepQueryAll('attention-playground')];
      return els.length >= n && els.every((e) => e.trace && (!inside || deepQuery(e, inside)));
    },
    [n, inside],
    { timeout: 10000 },
  );

const settle = (page) =>
  page.evaluate(() => new Promise((r) => setTimeout(() => requestAnimationFrame(() => requestAnimationFrame(r)), 0)));

/**
 * Clicks a control of the share bar once the page around it has stopped moving.  Scrolling to the bar is the
 * first time the panels above it render (content-visibility), and they take their real height two or three
 * frames later: a click begun before that lands its pointerup somewhere else.
 */
async function clickBar(page, selector) {
  const control = page.locator(selector);
  await control.scrollIntoViewIfNeeded();
  await settle(page);
  await settle(page);
  await control.click();
}

const stateOf = (page, i = 0) => page.evaluate((i) => deepQueryAll('attention-playground')[i].state, i);
const msgOf = (page, i = 0) =>
  page.evaluate((i) => {
    const m = deepQuery(deepQueryAll('attention-playground')[i], '.ap-embed-msg');
    return m && !m.hidden ? m.textContent : '';
  }, i);

async function typeCell(page, scope, name, value) {
  const input = page.locator(scope).getByRole('spinbutton', { name, exact: true });
  await input.fill(String(value));
  await input.press('Enter');
  await settle(page);
}

/**
 * Checks that every shown tensor under `scope` is drawn: its canvas has ink and holds what a full redraw
 * makes.  Returns how many were checked.
 */
async function tensorsDrawn(page, scope) {
  await settle(page);
  // Views far from the viewport are drawn ahead in idle time: wait until each has drawn once (its canvas is
  // sized at its first paint).
  await page.waitForFunction(
    (scope) =>
      [...deepQueryAll(`${scope} matrix-view`)]
        .filter((v) => v.checkVisibility())
        .every((v) => v.querySelector('canvas').width > 0),
    scope,
    { timeout: 5000 },
  );
  const drawn = await page.evaluate(
    (scope) =>
      [...deepQueryAll(`${scope} matrix-view`)]
        .filter((v) => v.checkVisibility())
        .map((v) => {
          const c = v.querySelector('canvas'),
            g = c.getContext('2d');
          const digest = () => {
            const d = g.getImageData(0, 0, c.width, c.height).data;
            let h = 0,
              ink = 0;
            for (let i = 0; i < d.length; i += 4) {
              h = (h * 31 + d[i] + 3 * d[i + 1] + 7 * d[i + 2] + 11 * d[i + 3]) | 0;
              if (d[i + 3]) ink += 1;
            }
            return { h, ink };
          };
          const shown = digest();
          v.paintNow(true);
          return { name: v.name, ink: shown.ink, same: shown.h === digest().h };
        }),
    scope,
  );
  for (const d of drawn)
    assert.ok(d.ink > 0 && d.same, `${d.name}: ${d.ink ? 'not what a full redraw makes' : 'nothing drawn'}`);
  return drawn.length;
}

export const embedTests = [
  {
    name: 'embed: one classic <script> from file://, two elements share one engine; editing one leaves the other unchanged',
    fn: async (page, { requests }) => {
      await page.goto(
        fixture(
          'two.html',
          '<attention-playground id="a"></attention-playground>\n<attention-playground id="b"></attention-playground>',
        ),
      );
      await ready(page, 2);
      const scripts = requests.filter((u) => !u.startsWith('data:') && !u.endsWith('two.html'));
      assert.deepEqual(
        scripts.map((u) => u.split('/').pop()),
        ['attention-playground.js'],
        'the page loads one file',
      );
      const before = await stateOf(page, 1);
      await typeCell(page, '#a', 'E row 1 column 1', 3);
      assert.equal((await stateOf(page, 0)).embeddings[0][0], 3);
      assert.deepEqual(await stateOf(page, 1), before, 'the second element did not change');
      const outs = await page.evaluate(() =>
        [...deepQueryAll('attention-playground')].map((e) => Array.from(e.trace.output.data)),
      );
      assert.notDeepEqual(outs[0], outs[1]);
      const gz = gzipSync(readFileSync(DIST), { level: 9 }).length;
      assert.ok(gz <= 260 * 1024, `dist/attention-playground.js is ${gz} bytes gzipped (budget 260 KB, two builds)`);
    },
  },

  {
    name: 'embed: the ES-module form (dist/attention-playground.mjs) defines a working element',
    fn: async (page) => {
      await page.route('http://localhost:9/**', (route) => {
        const path = new URL(route.request().url()).pathname;
        if (path === '/index.html')
          return route.fulfill({
            contentType: 'text/html',
            body: '<!doctype html><attention-playground tokens="a b c"></attention-playground><script type="module">import "./attention-playground.mjs";</script>',
          });
        return route.fulfill({
          contentType: 'text/javascript',
          body: readFileSync(join(ROOT, 'dist/attention-playground.mjs')),
        });
      });
      await page.goto('http://localhost:9/index.html');
      await ready(page);
      assert.deepEqual((await stateOf(page)).tokens, ['a', 'b', 'c']);
    },
  },

  {
    name: 'embed: attributes set the state (tokens, d-model, d-k, heads, mask, scale, temperature, seed) and apply live',
    fn: async (page) => {
      await page.goto(
        fixture(
          'attrs.html',
          '<attention-playground tokens="the cat sat" d-model="4" d-k="3" heads="2" mask="causal" scale="false" temperature="2" seed="7"></attention-playground>',
        ),
      );
      await ready(page);
      let s = await stateOf(page);
      assert.deepEqual(s.tokens, ['the', 'cat', 'sat']);
      assert.equal(s.embeddings[0].length, 4);
      assert.equal(s.heads.length, 2);
      assert.equal(s.heads[0].wq[0].length, 3);
      assert.equal(s.mask, 'causal');
      assert.equal(s.scale, false);
      assert.equal(s.temperature, 2);
      assert.equal(await msgOf(page), '');
      await page.evaluate(() => {
        const el = deepQuery('attention-playground');
        el.setAttribute('tokens', 'we sat by the river bank');
        el.setAttribute('heads', '1');
        el.setAttribute('mask', 'none');
      });
      await settle(page);
      s = await stateOf(page);
      assert.deepEqual(s.tokens, ['we', 'sat', 'by', 'the', 'river', 'bank']);
      assert.equal(s.heads.length, 1);
      assert.equal(s.mask, 'none');
      const t = await page.evaluate(() => deepQuery('attention-playground').trace.heads[0].weights.rows);
      assert.equal(t, 6, 'the trace follows the new attributes');
    },
  },

  {
    name: 'embed: panels (which, in order), readonly, editable="E" locks the rest, compact',
    fn: async (page) => {
      await page.goto(
        fixture(
          'panels.html',
          '<attention-playground id="a" panels="weights scores" readonly compact></attention-playground>\n' +
            '<attention-playground id="b" editable="W_Q"></attention-playground>',
        ),
      );
      await ready(page, 2);
      const shown = await page.evaluate(() =>
        [...deepQueryAll('#a .pipeline > [data-panel]')].filter((p) => !p.hidden).map((p) => p.dataset.panel),
      );
      assert.deepEqual(shown, ['weights', 'scores']);
      // Showing only some panels moves them in the page as the element starts, which once dropped their
      // tensors' first draw.
      assert.equal(await tensorsDrawn(page, '#a'), 2);
      assert.ok(await page.locator('#a playground-controls').isHidden());
      assert.ok(await page.evaluate(() => deepQuery('#a .ap').classList.contains('ap-compact')));
      const before = await stateOf(page, 1);
      const e = page.locator('#b').getByRole('spinbutton', { name: 'E row 1 column 1', exact: true });
      assert.equal(await e.getAttribute('aria-readonly'), 'true');
      await e.focus();
      for (const key of ['PageUp', 'Shift+PageDown', 'Enter', 'ArrowUp', '5', 'Enter']) await page.keyboard.press(key);
      await settle(page);
      assert.deepEqual((await stateOf(page, 1)).embeddings, before.embeddings, 'a locked cell does not change');
      const wq = page.locator('#b projections-panel').getByRole('spinbutton').first();
      await wq.focus();
      await page.keyboard.press('PageUp');
      await settle(page);
      assert.notDeepEqual((await stateOf(page, 1)).heads[0].wq, before.heads[0].wq, 'W_Q stays editable');
      await page.evaluate(() => deepQuery('#a').setAttribute('panels', 'embeddings'));
      await settle(page);
      assert.deepEqual(
        await page.evaluate(() =>
          [...deepQueryAll('#a .pipeline > [data-panel]')].filter((p) => !p.hidden).map((p) => p.dataset.panel),
        ),
        ['embeddings'],
      );
    },
  },

  {
    name: 'embed: a mask cell takes Enter only where the mask is editable (readonly and editable="E" keep it)',
    fn: async (page) => {
      await page.goto(
        fixture(
          'mask-locks.html',
          '<attention-playground readonly></attention-playground>\n' +
            '<attention-playground editable="E"></attention-playground>\n' +
            '<attention-playground editable="mask"></attention-playground>',
        ),
      );
      await ready(page, 3);
      for (const [i, editable] of [
        [0, false],
        [1, false],
        [2, true],
      ]) {
        const cell = page.locator('attention-playground').nth(i).locator('mask-panel [role=gridcell]').nth(1);
        await cell.scrollIntoViewIfNeeded();
        await cell.focus();
        await page.keyboard.press('Enter');
        await settle(page);
        const mask = (await stateOf(page, i)).mask;
        if (editable) assert.equal(mask[0][1], 0, 'editable="mask": Enter blocks the cell');
        else assert.equal(mask, 'none', `playground ${i + 1}: a locked mask does not change`);
      }
    },
  },

  {
    name: 'embed: malformed attributes, state JSON and src leave a working default element with a message naming the problem',
    allow: /Failed to load resource|blocked by CORS policy/,
    fn: async (page) => {
      await page.goto(
        fixture(
          'bad.html',
          '<attention-playground id="a" heads="lots" mask="diagonal" temperature="hot"></attention-playground>\n' +
            '<attention-playground id="b" state="{not json"></attention-playground>\n' +
            '<attention-playground id="c" src="missing-file.json"></attention-playground>\n' +
            '<attention-playground id="d" state=\'{"tokens":["a"],"embeddings":[[1,"x"]],"heads":[{"wq":[[1],[1]],"wk":[[1],[1]],"wv":[[1],[1]]}]}\'></attention-playground>\n' +
            '<attention-playground id="e" panels="weights nonsense"></attention-playground>',
        ),
      );
      await page.waitForFunction(
        () => [...deepQueryAll('attention-playground')].every((e) => e.trace && !deepQuery(e, '.ap-embed-msg').hidden),
        null,
        { timeout: 10000 },
      );
      const msgs = await Promise.all([0, 1, 2, 3, 4].map((i) => msgOf(page, i)));
      assert.match(msgs[0], /heads="lots"/);
      assert.match(msgs[0], /mask="diagonal"/);
      assert.match(msgs[0], /temperature="hot"/);
      assert.match(msgs[1], /state: not valid JSON/);
      assert.match(msgs[2], /src="missing-file.json"/);
      assert.match(msgs[3], /embeddings\[0\]\[1\]/);
      assert.match(msgs[4], /no panel named nonsense/);
      for (const i of [1, 2, 3])
        assert.deepEqual((await stateOf(page, i)).tokens, ['bank', 'grows', 'money'], `element ${i} shows the default`);
      await typeCell(page, '#b', 'E row 1 column 1', 2);
      assert.equal((await stateOf(page, 1)).embeddings[0][0], 2, 'still editable');
    },
  },

  {
    name: 'embed: src loads the state from a JSON file',
    fn: async (page) => {
      mkdirSync(FIXTURES, { recursive: true });
      const state = {
        tokens: ['x', 'y'],
        embeddings: [
          [1, 0],
          [0, 1],
        ],
        heads: [
          {
            wq: [
              [1, 0],
              [0, 1],
            ],
            wk: [
              [1, 0],
              [0, 1],
            ],
            wv: [
              [2, 0],
              [0, 2],
            ],
          },
        ],
        wo: null,
        scale: true,
        mask: 'none',
        temperature: 1,
        positions: 'none',
      };
      writeFileSync(join(FIXTURES, 'two-tokens.json'), JSON.stringify(state));
      await page.route('http://localhost:9/**', (route) => {
        const path = new URL(route.request().url()).pathname;
        if (path === '/page.html')
          return route.fulfill({
            contentType: 'text/html',
            body: '<!doctype html><attention-playground src="two-tokens.json"></attention-playground><script src="ap.js"></script>',
          });
        if (path === '/ap.js') return route.fulfill({ contentType: 'text/javascript', body: readFileSync(DIST) });
        return route.fulfill({
          contentType: 'application/json',
          body: readFileSync(join(FIXTURES, 'two-tokens.json')),
        });
      });
      await page.goto('http://localhost:9/page.html');
      await page.waitForFunction(() => deepQuery('attention-playground')?.trace?.output.rows === 2, null, {
        timeout: 10000,
      });
      assert.deepEqual(await stateOf(page), state);
    },
  },

  {
    name: 'embed: token text with HTML or script is shown as text and never run',
    fn: async (page) => {
      const evil =
        '<img src=x onerror="window.__pwned=1"> <script>window.__pwned=2</script> "><svg/onload=window.__pwned=3>';
      const url = fixture('hostile.html', `<attention-playground id="a"></attention-playground>`);
      await page.goto(url);
      await ready(page);
      await page.evaluate((evil) => deepQuery('#a').setAttribute('tokens', evil), evil);
      await settle(page);
      const s = await stateOf(page);
      assert.equal(s.tokens.join(' '), evil.split(/\s+/).join(' '));
      // And through the sentence box, the way a reader would type it.
      const box = page.locator('#a input.sentence');
      await box.fill('<b>bold</b> <i onmouseover=alert(1)>x</i>');
      await settle(page);
      await page.mouse.move(300, 400);
      assert.equal(await page.evaluate(() => window.__pwned), undefined, 'no injected code ran');
      const injected = await page.evaluate(
        () =>
          [...deepQueryAll('#a *')].filter(
            (e) =>
              e.localName === 'img' ||
              e.localName === 'script' ||
              (e.localName === 'b' && e.textContent === 'bold') ||
              [...e.attributes].some((a) => /^on/.test(a.name)),
          ).length,
      );
      assert.equal(injected, 0, 'no injected elements or handlers');
      assert.ok((await page.locator('#a .ap').innerText()).includes('<b>bold</b>'), 'the text is shown as typed');
      // The SVG export escapes it too.
      await page.evaluate((evil) => deepQuery('#a').setAttribute('tokens', evil), evil);
      await settle(page);
      await page.locator('#a .ap-panel-pick').selectOption('weights');
      const dl = page.waitForEvent('download');
      await clickBar(page, '#a .ap-svg');
      const file = join(FIXTURES, 'hostile.svg');
      await (await dl).saveAs(file);
      const svg = readFileSync(file, 'utf8');
      assert.ok(
        !/<img|<script|<svg\/onload/.test(svg) && svg.match(/<svg/g).length === 1,
        'no markup from tokens in the SVG',
      );
      assert.ok(svg.includes('&#60;img'), 'the token text is there, escaped');
    },
  },

  {
    name: 'embed: limits on T, D, Dk and H hold, with a message',
    fn: async (page) => {
      const words = Array.from({ length: 30 }, (_, i) => `w${i}`).join(' ');
      await page.goto(
        fixture(
          'limits.html',
          `<attention-playground tokens="${words}" d-model="99" d-k="40" heads="9"></attention-playground>`,
        ),
      );
      await page.waitForFunction(() => !deepQuery('attention-playground .ap-embed-msg')?.hidden, null, {
        timeout: 10000,
      });
      const msg = await msgOf(page);
      assert.match(msg, /tokens=.*30 words is above this page's limit of 24/);
      assert.match(msg, /d-model="99": expected a whole number from 1 to 16/);
      assert.match(msg, /d-k="40": expected a whole number from 1 to 16/);
      assert.match(msg, /heads="9": expected a whole number from 1 to 8/);
      const s = await stateOf(page);
      assert.ok(s.tokens.length <= 24 && s.embeddings[0].length <= 16 && s.heads.length <= 8);
      // A state past the limits through the property: refused, nothing changes.
      const err = await page.evaluate(() => {
        const el = deepQuery('attention-playground');
        const T = 40,
          row = [1, 0];
        try {
          el.state = {
            tokens: Array.from({ length: T }, (_, i) => `t${i}`),
            embeddings: Array.from({ length: T }, () => row),
            heads: [{ wq: [[1], [0]], wk: [[1], [0]], wv: [[1], [0]] }],
          };
          return null;
        } catch (e) {
          return e.message;
        }
      });
      assert.match(err, /40 tokens is above this page's limit of 24/);
    },
  },

  {
    name: 'share: the state round-trips through the URL hash (url-state); a malformed hash gives the default and a message',
    fn: async (page) => {
      const url = fixture('hash.html', '<attention-playground url-state></attention-playground>');
      await page.goto(url);
      await ready(page);
      await typeCell(page, 'attention-playground', 'E row 1 column 1', 4.5);
      await page.waitForFunction(() => location.hash.startsWith('#state=s1.'), null, { timeout: 5000 });
      const want = await stateOf(page);
      const link = await page.evaluate(() => location.href);
      const page2 = await page.context().newPage();
      await page2.goto(link);
      await page2.waitForFunction(() => deepQuery('attention-playground')?.state?.embeddings[0][0] === 4.5, null, {
        timeout: 10000,
      });
      assert.deepEqual(await stateOf(page2), want);
      // A link opens on its state with nothing to undo: Undo would give the default sentence.
      await page2.evaluate(() => deepQuery('attention-playground').undo());
      assert.deepEqual(await stateOf(page2), want, 'undo() after opening a link keeps its state');
      assert.ok(await page2.locator('attention-playground button[title^="Undo"]').isDisabled());
      await page2.close();
      const page3 = await page.context().newPage();
      await page3.goto(`${url}#state=s1.garbage!!`);
      await page3.waitForFunction(() => !deepQuery('attention-playground .ap-embed-msg')?.hidden, null, {
        timeout: 10000,
      });
      assert.match(await msgOf(page3), /link: .*showing the default state/);
      assert.deepEqual((await stateOf(page3)).tokens, ['bank', 'grows', 'money']);
      await page3.close();
    },
  },

  {
    name: 'share: "copy link" and "copy embed snippet" carry the current state; the snippet recreates it',
    fn: async (page) => {
      await page.goto(
        fixture('snippet.html', '<attention-playground url-state tokens="river bank"></attention-playground>'),
      );
      await ready(page);
      await page.evaluate(() => deepQuery('attention-playground').setAttribute('temperature', '0.5'));
      await settle(page);
      await clickBar(page, '.ap-copy-link');
      await page.waitForFunction(() => deepQuery('.ap-share-out').value.includes('#state=s1.'));
      await clickBar(page, '.ap-copy-embed');
      await page.waitForFunction(() => deepQuery('.ap-share-out').value.includes('<attention-playground state='));
      const snippet = await page.locator('.ap-share-out').inputValue();
      assert.match(snippet, /^<script src="[^"]*attention-playground\.js"><\/script>\n<attention-playground state='/);
      const want = await stateOf(page);
      await page.goto(fixture('from-snippet.html', snippet.replace(/<script[^>]*><\/script>\n/, '')));
      await ready(page);
      assert.deepEqual(await stateOf(page), want);
    },
  },

  {
    name: 'export: JSON save → load round trip; CSV, LaTeX, Markdown of a matrix; SVG and PNG of a panel',
    fn: async (page) => {
      await page.goto(
        fixture(
          'export.html',
          '<attention-playground id="a" tokens="I went to the bank"></attention-playground><attention-playground id="b"></attention-playground>',
        ),
      );
      await ready(page, 2);
      const save = page.waitForEvent('download');
      await clickBar(page, '#a .ap-save-json');
      const json = join(FIXTURES, 'saved.json');
      await (await save).saveAs(json);
      const chooser = page.waitForEvent('filechooser');
      await clickBar(page, '#b .ap-load-json');
      await (await chooser).setFiles(json);
      await page.waitForFunction(() => deepQuery('#b').state.tokens.length === 5);
      assert.deepEqual(await stateOf(page, 1), await stateOf(page, 0));
      // The reader loaded it: one undo step back to the sentence #b opened with.
      await page.evaluate(() => deepQuery('#b').undo());
      assert.deepEqual((await stateOf(page, 1)).tokens, ['bank', 'grows', 'money'], 'undo takes a loaded file back');
      await page.evaluate(() => deepQuery('#b').redo());
      const pick = page.locator('#a .ap-matrix-pick');
      await pick.focus();
      await pick.selectOption('weights');
      const csvDl = page.waitForEvent('download');
      await clickBar(page, '#a .ap-csv');
      const csvPath = join(FIXTURES, 'weights.csv');
      await (await csvDl).saveAs(csvPath);
      const csv = readFileSync(csvPath, 'utf8').trim().split('\n');
      assert.equal(csv[0], ',I,went,to,the,bank');
      const w = await page.evaluate(() => Array.from(deepQuery('#a').trace.heads[0].weights.data.subarray(0, 5)));
      // The shortest text that reads back to the engine's float32.
      assert.deepEqual(
        csv[1]
          .split(',')
          .slice(1)
          .map((x) => Math.fround(Number(x))),
        w,
        'CSV holds the engine weights',
      );
      await clickBar(page, '#a .ap-latex');
      await page.waitForFunction(() => deepQuery('#a .ap-share-out').value.startsWith('\\begin{bmatrix}'));
      await clickBar(page, '#a .ap-markdown');
      await page.waitForFunction(() => deepQuery('#a .ap-share-out').value.startsWith('| weights | I | went |'));
      await page.locator('#a .ap-panel-pick').selectOption('weights');
      for (const [cls, ext] of [
        ['.ap-svg', 'svg'],
        ['.ap-png', 'png'],
      ]) {
        const dl = page.waitForEvent('download');
        await clickBar(page, `#a ${cls}`);
        const d = await dl;
        assert.equal(d.suggestedFilename(), `weights.${ext}`);
        const p = join(FIXTURES, `weights.${ext}`);
        await d.saveAs(p);
        const bytes = readFileSync(p);
        if (ext === 'svg') {
          const svg = bytes.toString();
          assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[\s\S]*>bank<\/text>/);
          // The weights panel's figure: the heatmap and the arc view, one line per weight ≥ 0.005, width 10·weight.
          const all = await page.evaluate(() => Array.from(deepQuery('#a').trace.heads[0].weights.data));
          const widths = [...svg.matchAll(/<path [^>]*stroke-width="([\d.]+)"/g)].map((m) => Number(m[1]));
          assert.ok(svg.includes('>attention arcs</text>'));
          assert.deepEqual(
            widths,
            all.filter((x) => x >= 0.005).map((x) => Number((10 * x).toFixed(2))),
          );
        } else assert.deepEqual([...bytes.subarray(1, 4)], [0x50, 0x4e, 0x47]);
      }
      // A bad JSON file leaves the state and says why.
      const bad = join(FIXTURES, 'bad.json');
      writeFileSync(bad, '{"tokens": [');
      const before = await stateOf(page, 1);
      const chooser2 = page.waitForEvent('filechooser');
      await clickBar(page, '#b .ap-load-json');
      await (await chooser2).setFiles(bad);
      await page.waitForFunction(() => !deepQuery('#b .ap-embed-msg').hidden);
      assert.match(await msgOf(page, 1), /file "bad.json": not valid JSON/);
      assert.deepEqual(await stateOf(page, 1), before);
    },
  },
  {
    name: 'iframe: ?embed=1 hides the page chrome; postMessage set-state, get-trace, and state-change/computed events reach the parent',
    fn: async (page) => {
      await page.route('http://localhost:9/**', (route) => {
        const path = new URL(route.request().url()).pathname;
        if (path === '/parent.html') {
          return route.fulfill({
            contentType: 'text/html',
            body: `<!doctype html><iframe id="f" src="/site/web/index.html?embed=1" width="1200" height="800"></iframe>
          <script>window.got = []; addEventListener('message', (e) => { if (e.source === deepById('f').contentWindow) window.got.push(e.data); });</script>`,
          });
        }
        const file = join(SITE, decodeURIComponent(path.replace(/^\/site\//, '')));
        const type = file.endsWith('.html') ? 'text/html' : 'text/javascript';
        try {
          return route.fulfill({ contentType: type, body: readFileSync(file) });
        } catch {
          return route.fulfill({ status: 404, body: '' });
        }
      });
      await page.goto('http://localhost:9/parent.html');
      await page.waitForFunction(() => window.got.some((m) => m.type === 'ready'), null, { timeout: 10000 });
      const frame = page.frameLocator('#f');
      assert.ok(await frame.locator('header.intro').isHidden(), 'no page chrome in embed mode');
      assert.ok(await frame.locator('attention-playground').isVisible());
      const state = {
        tokens: ['a', 'b'],
        embeddings: [
          [1, 0],
          [0, 1],
        ],
        heads: [
          {
            wq: [
              [1, 0],
              [0, 1],
            ],
            wk: [
              [1, 0],
              [0, 1],
            ],
            wv: [
              [1, 0],
              [0, 1],
            ],
          },
        ],
        wo: null,
        scale: true,
        mask: 'none',
        temperature: 1,
      };
      await page.evaluate(
        (state) => deepById('f').contentWindow.postMessage({ type: 'set-state', state, id: 1 }, '*'),
        state,
      );
      await page.waitForFunction(() => window.got.some((m) => m.type === 'state-set' && m.id === 1));
      // The parent's state is where the reader starts: nothing to undo.
      assert.ok(await frame.locator('button[title^="Undo"]').isDisabled(), 'Undo is disabled after set-state');
      await page.evaluate(() => deepById('f').contentWindow.postMessage({ type: 'get-trace', id: 2 }, '*'));
      await page.waitForFunction(() => window.got.some((m) => m.type === 'trace' && m.id === 2));
      const reply = await page.evaluate(() => {
        const m = window.got.find((x) => x.type === 'trace');
        return {
          tokens: m.state.tokens,
          rows: m.trace.heads[0].weights.rows,
          w: Array.from(m.trace.heads[0].weights.data),
        };
      });
      assert.deepEqual(reply.tokens, ['a', 'b']);
      assert.equal(reply.rows, 2);
      const e = Math.exp(1 / Math.SQRT2),
        want = e / (e + 1);
      assert.ok(Math.abs(reply.w[0] - want) < 1e-5, `softmax weight ${reply.w[0]} vs ${want}`);
      await page.evaluate(() =>
        document
          .getElementById('f')
          .contentWindow.postMessage({ type: 'set-state', state: { tokens: ['a'] }, id: 3 }, '*'),
      );
      await page.waitForFunction(() => window.got.some((m) => m.type === 'error' && m.id === 3));
      // A message of a type the bridge does not know, sent with an id, is answered with an error naming it.
      await page.evaluate(() => deepById('f').contentWindow.postMessage({ type: 'get-stat', id: 4 }, '*'));
      const unknown = await page.waitForFunction(() => window.got.find((m) => m.type === 'error' && m.id === 4));
      assert.match((await unknown.jsonValue()).message, /unknown message type "get-stat"/);
      const input = frame.getByRole('spinbutton', { name: 'E row 1 column 1', exact: true });
      await input.fill('2');
      await input.press('Enter');
      await page.waitForFunction(
        () =>
          window.got.some((m) => m.type === 'state-change' && m.state.embeddings[0][0] === 2) &&
          window.got.some((m) => m.type === 'computed'),
      );
    },
  },
  {
    name: 'examples: the five-step tutorial and the two-bank page load ../dist from file://, each figure with only its panels',
    fn: async (page) => {
      await page.goto(pathToFileURL(join(ROOT, 'examples/tutorial.html')).href);
      await ready(page, 5);
      const shown = await page.evaluate(() =>
        [...deepQueryAll('attention-playground')].map((el) =>
          [...deepQueryAll(el, '.pipeline > [data-panel]')]
            .filter((p) => !p.hidden)
            .map((p) => p.dataset.panel)
            .join(' '),
        ),
      );
      assert.deepEqual(shown, [
        'walk embeddings scores',
        'walk scores scale',
        'walk mask weights',
        'walk weights sum',
        'walk sum output',
      ]);
      // Each figure is pinned to its step, for the first token, by the step and query attributes.
      const walks = await page.evaluate(() =>
        [...deepQueryAll('attention-playground')].map((el) => `${el.step} ${el.query}`),
      );
      assert.deepEqual(walks, ['scores 1', 'scale 1', 'softmax 1', 'weigh 1', 'sum 1']);
      assert.ok((await tensorsDrawn(page, 'body')) >= 8);
      for (let i = 0; i < 5; i++) assert.equal(await msgOf(page, i), '');
      await page.goto(pathToFileURL(join(ROOT, 'examples/bank.html')).href);
      await ready(page, 2);
      const bank = await page.evaluate(() =>
        [...deepQueryAll('attention-playground')].map((el) => {
          const s = el.state,
            t = el.trace,
            i = s.tokens.indexOf('bank'),
            D = t.output.cols;
          return { finance: t.output.data[i * D], nature: t.output.data[i * D + 1], e: s.embeddings[i] };
        }),
      );
      assert.deepEqual(bank[0].e, bank[1].e, 'one static vector');
      assert.ok(bank[0].finance > bank[0].nature && bank[1].nature > bank[1].finance, JSON.stringify(bank));
    },
  },
  {
    name: 'share: index.html keeps its state in the hash; the link restores it in a new tab',
    fn: async (page) => {
      const routeSite = (route) => {
        const path = new URL(route.request().url()).pathname.replace(/^\/site\//, '');
        const file = join(SITE, decodeURIComponent(path));
        const type = file.endsWith('.html') ? 'text/html' : 'text/javascript';
        try {
          return route.fulfill({ contentType: type, body: readFileSync(file) });
        } catch {
          return route.fulfill({ status: 404, body: '' });
        }
      };
      await page.context().route('http://localhost:9/**', routeSite);
      await page.goto('http://localhost:9/site/web/index.html');
      await ready(page);
      await page.evaluate(() => deepQuery('attention-playground').setAttribute('mask', 'causal'));
      await typeCell(page, 'attention-playground', 'E row 2 column 1', -1.25);
      await page.waitForFunction(() => location.hash.startsWith('#state=s1.'), null, { timeout: 5000 });
      await page.waitForTimeout(400);
      const want = await stateOf(page),
        link = await page.evaluate(() => location.href);
      assert.equal(want.mask, 'causal');
      const page2 = await page.context().newPage();
      await page2.goto(link);
      await page2.waitForFunction(() => deepQuery('attention-playground')?.state?.embeddings[1][0] === -1.25, null, {
        timeout: 10000,
      });
      assert.deepEqual(await stateOf(page2), want);
      // A link opens on its state with nothing to undo: Undo would give the default sentence.
      await page2.evaluate(() => deepQuery('attention-playground').undo());
      assert.deepEqual(await stateOf(page2), want, 'undo() after opening a link keeps its state');
      assert.ok(await page2.locator('attention-playground button[title^="Undo"]').isDisabled());
      await page2.close();
    },
  },
];
