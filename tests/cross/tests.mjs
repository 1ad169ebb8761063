// The cross-engine tests: each written once against the page interface of the drivers (driver-*.mjs) and run
// in every engine by run.mjs.  Each gets a fresh page at `ctx.url`; run.mjs fails it on any page error.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, DEEP_QUERY } from '../browser/harness.mjs';
import { checkShown, noNaN } from '../browser/page-tests.mjs';
import { referenceForward, randomState, rng } from '../engine/reference.mjs';

export const PROBE = readFileSync(new URL('./probe.js', import.meta.url), 'utf8');
const DIST = join(ROOT, 'dist/attention-playground.js');
const FIXTURES = join(ROOT, 'build/cross-fixtures');
const TOL = 2e-5;

/** Polls fn(arg) in the page until it is truthy; returns that value. */
export async function waitFor(page, fn, arg, { timeout = 15000, what = String(fn) } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    const v = await page.evaluate(fn, arg);
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Waits until n playgrounds have a trace. */
export const ready = (page, n = 1) =>
  waitFor(
    page,
    (n) => {
      const els = [...deepQueryAll('attention-playground')];
      return els.length >= n && els.every((e) => e.trace);
    },
    n,
    { what: `${n} playground(s) computed` },
  );

/** A task, then two frames: coalesced edits are computed and painted. */
const settle = (page) =>
  page.evaluate(() => new Promise((r) => setTimeout(() => requestAnimationFrame(() => requestAnimationFrame(r)), 0)));

/**
 * Clicks an element once the page around it has stopped moving: scrolling to it is the first time the panels
 * near it render (content-visibility), and they take their real height a frame or two later.
 */
async function click(page, selector) {
  await page.evaluate((sel) => deepQuery(sel).scrollIntoView({ block: 'center' }), selector);
  await settle(page);
  await settle(page);
  await page.click(selector);
}

const stateOf = (page, i = 0) => page.evaluate((i) => deepQueryAll('attention-playground')[i].state, i);
const cell = (name, scope = '') => `${scope} [aria-label="${name}"]`.trim();

/** Replaces the focused field's text by typing. */
async function retype(page, selector, text) {
  await page.focus(selector);
  await page.press('Control+a');
  if (text === '') await page.press('Backspace');
  else await page.type(text);
}

/** Sets a field's text at once, as a paste would (typing "1e999" would pass through the number 1). */
const fill = (page, selector, text) =>
  page.evaluate(
    ([selector, text]) => {
      const el = deepQuery(selector);
      el.focus();
      el.value = text;
      el.dispatchEvent(new Event('input', { bubbles: true }));
    },
    [selector, text],
  );

/** The trace of playground i as plain arrays (the tensors the reference also computes). */
const traceOf = (page, i = 0) =>
  page.evaluate((i) => {
    const t = deepQueryAll('attention-playground')[i].trace;
    const m = (x) => ({ rows: x.rows, cols: x.cols, data: Array.from(x.data) });
    return {
      heads: t.heads.map((h) =>
        Object.fromEntries(['q', 'k', 'v', 'scores', 'weights', 'output'].map((k) => [k, m(h[k])])),
      ),
      concat: m(t.concat),
      output: m(t.output),
    };
  }, i);

/** Largest |a − b| / max(1, |b|) between a trace and the reference for its state, with where it is. */
function worstError(trace, state) {
  const ref = referenceForward(state);
  let worst = { err: 0, where: 'nothing' };
  const check = (where, got, want) => {
    const flat = want.flat();
    assert.equal(got.data.length, flat.length, `${where}: ${got.data.length} values, reference has ${flat.length}`);
    flat.forEach((b, i) => {
      const err = Math.abs(got.data[i] - b) / Math.max(1, Math.abs(b));
      if (!(err <= worst.err)) worst = { err, where: `${where}[${Math.floor(i / got.cols)}][${i % got.cols}]` };
    });
  };
  trace.heads.forEach((h, k) => {
    for (const name of ['q', 'k', 'v', 'scores', 'weights', 'output'])
      check(`head ${k} ${name}`, h[name], ref.heads[k][name]);
  });
  check('concat', trace.concat, ref.concat);
  check('output', trace.output, ref.output);
  return worst;
}

function assertMatchesReference(trace, state, label) {
  const w = worstError(trace, state);
  assert.ok(w.err <= TOL, `${label}: ${w.where} differs from the reference by ${w.err.toExponential(2)}`);
  return w.err;
}

/** An HTML file that loads the single-file embed from file://, the probe first. */
function fixture(name, body) {
  mkdirSync(FIXTURES, { recursive: true });
  const file = join(FIXTURES, name);
  writeFileSync(
    file,
    `<!doctype html><html><head><meta charset="utf-8"><script>${PROBE}</script><script>${DEEP_QUERY}</script>` +
      `</head><body>\n${body}\n` +
      `<script src="${pathToFileURL(DIST).href}"></script></body></html>`,
  );
  return pathToFileURL(file).href;
}

/**
 * What a reader of the context lab would find wrong in its layout, as sentences: the plot over the vectors
 * table, a column that no scroll reaches (or only a pointer can scroll to), a plot label cut off by the plot's
 * edge or over a dot, a sentence label wrapped past two lines.  The lab must be open and drawn.
 */
const contextLayoutProblems = (page) =>
  page.evaluate(() => {
    const problems = [];
    const lab = deepQuery('context-lab'),
      table = deepQuery('context-lab table.vectors'),
      plot = deepQuery('context-lab svg.pca');
    const box = (el) => el.getBoundingClientRect();
    const inside = (a, b, slack = 0.5) =>
      a.left >= b.left - slack && a.right <= b.right + slack && a.top >= b.top - slack && a.bottom <= b.bottom + slack;
    const apart = (a, b) => a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;
    const fmt = (r) => `[${Math.round(r.left)}, ${Math.round(r.top)}, ${Math.round(r.right)}, ${Math.round(r.bottom)}]`;
    if (!apart(box(table), box(plot))) problems.push(`the plot ${fmt(box(plot))} covers the table ${fmt(box(table))}`);

    // Every box between the table and the lab that is narrower than its content must scroll, and a keyboard
    // must be able to reach it: a named Tab stop.
    const scrollers = [];
    for (let el = table; el && el !== lab; el = el.parentElement) {
      if (el.scrollWidth <= el.clientWidth + 1) continue;
      const overflow = getComputedStyle(el).overflowX;
      if (overflow !== 'auto' && overflow !== 'scroll')
        problems.push(`<${el.localName} class="${el.className}"> is narrower than its content and does not scroll`);
      else if (el.tabIndex < 0 && table.tabIndex < 0) problems.push('the table scrolls but no key reaches it');
      else if (!(el.getAttribute('aria-label') || table.getAttribute('aria-label') || table.querySelector('caption')))
        problems.push('the table’s scroll box has no name');
      scrollers.push(el);
    }
    const view = { left: 0, top: 0, right: innerWidth, bottom: innerHeight };
    for (const tr of table.rows) {
      const last = tr.cells[tr.cells.length - 1];
      last.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      const r = box(last);
      for (const seen of [...scrollers.map(box), box(lab), view])
        if (!inside(r, seen)) {
          problems.push(`“${last.textContent}” of row ${tr.rowIndex} ${fmt(r)} stays out of view ${fmt(seen)}`);
          break;
        }
    }
    for (const s of scrollers) s.scrollLeft = 0;

    const dots = [...plot.querySelectorAll('circle')].map((c) => {
      const r = box(c);
      return { x: (r.left + r.right) / 2, y: (r.top + r.bottom) / 2, name: c.textContent };
    });
    for (const t of plot.querySelectorAll('text')) {
      const r = box(t);
      if (!inside(r, box(plot)))
        problems.push(`plot label “${t.textContent}” ${fmt(r)} is cut by the plot ${fmt(box(plot))}`);
      const under = dots.filter((d) => d.x > r.left && d.x < r.right && d.y > r.top && d.y < r.bottom);
      if (under.length) problems.push(`plot label “${t.textContent}” covers ${under.map((d) => d.name).join(', ')}`);
    }

    // Lines of a sentence label: its text's line boxes, told apart by their tops.
    for (const th of [...table.querySelectorAll('tr > th:first-child')].slice(1)) {
      const range = document.createRange();
      range.selectNodeContents(th);
      const tops = [...range.getClientRects()].map((r) => r.top).sort((a, b) => a - b);
      const lines = tops.filter((t, i) => !i || t - tops[i - 1] > 4).length;
      if (lines > 2) problems.push(`“${th.textContent}” wraps to ${lines} lines`);
    }
    return problems;
  });

/** Opens the context lab on the page, or waits for it in a one-lab embed, and checks its layout in both themes. */
async function contextLayout(page, { embed = false } = {}) {
  if (embed) await ready(page);
  else await click(page, 'playground-labs [role=tab][data-lab=context]');
  await waitFor(page, () => deepQueryAll('context-lab svg.pca circle').length, undefined, {
    what: 'the context lab’s plot',
  });
  for (const theme of ['light', 'dark']) {
    await page.evaluate(
      ([theme, embed]) => {
        if (embed) deepQuery('attention-playground').setAttribute('theme', theme);
        else document.documentElement.dataset.theme = theme; // the page's switch; the playground follows it
        deepQuery('context-lab').scrollIntoView();
      },
      [theme, embed],
    );
    await settle(page);
    await settle(page);
    const shown = await page.evaluate(() => [
      deepQuery('attention-playground .ap').getAttribute('data-ap-theme'),
      innerWidth,
    ]);
    assert.equal(shown[0], theme, 'the theme shown');
    // WebKitGTK's MiniBrowser keeps its window wider than 360 px: the width is in the message.
    assert.deepEqual(await contextLayoutProblems(page), [], `${theme} theme, ${shown[1]} px wide`);
  }
}

/** Figures per engine, printed by run.mjs. */
export const figures = {};

export const tests = [
  {
    name: 'the page computes; every tensor shown equals the trace; random states match the reference',
    fn: async (page, { engine }) => {
      assert.deepEqual((await stateOf(page)).tokens, ['bank', 'grows', 'money']);
      assertMatchesReference(await traceOf(page), await stateOf(page), 'default preset');
      const shown = await checkShown(page);
      assert.deepEqual(shown.bad, []);
      assert.ok(shown.checked >= 9 * 3 + 18 * 5, `only ${shown.checked} cells checked`);
      const next = rng(16);
      const sizes = [
        { T: 1, D: 1, Dk: 1, H: 1 },
        { T: 3, D: 5, Dk: 3, H: 1, mask: 'causal' },
        { T: 7, D: 4, Dk: 5, H: 2, Dout: 3 },
        { T: 24, D: 16, Dk: 16, H: 8, Dout: 16 },
        { T: 9, D: 3, Dk: 2, H: 3, scale: false, temperature: 0.25 },
        { T: 17, D: 16, Dk: 7, H: 4, mask: 'causal', temperature: 3.5 },
        { T: 5, D: 2, Dk: 16, H: 1, scale: false },
        { T: 24, D: 8, Dk: 4, H: 2, mask: 'custom' },
      ];
      const states = Array.from({ length: 16 }, (_, k) => {
        const size = sizes[k % sizes.length];
        const s = randomState(next, { ...size, mask: size.mask === 'custom' ? 'none' : size.mask });
        // Larger entries in the second pass push softmax towards saturation.
        if (k >= sizes.length) for (const h of s.heads) h.wq = h.wq.map((r) => r.map((x) => x * 4));
        if (size.mask === 'custom')
          s.mask = s.tokens.map((_, i) => s.tokens.map((_, j) => (next() < 0.6 || i === j ? 1 : 0)));
        return s;
      });
      // Three through the element (a new shape rebuilds every panel, the slow part in WebKit), the rest
      // through the page's engine: the same WebAssembly, without the page around it.
      let worst = 0;
      for (const k of [1, 3, 7]) {
        await page.evaluate((s) => {
          deepQuery('attention-playground').state = s;
        }, states[k]);
        worst = Math.max(worst, assertMatchesReference(await traceOf(page), states[k], `random state ${k} (element)`));
      }
      assert.deepEqual((await checkShown(page)).bad, [], 'the last random state as shown');
      await noNaN(page);
      const traces = await page.evaluate(async (states) => {
        const engine = await (await import('./app/engine-loader.js')).loadEngine();
        const m = (x) => ({ rows: x.rows, cols: x.cols, data: Array.from(x.data) });
        return states.map((s) => {
          const t = engine.run(s);
          return {
            heads: t.heads.map((h) =>
              Object.fromEntries(['q', 'k', 'v', 'scores', 'weights', 'output'].map((k) => [k, m(h[k])])),
            ),
            concat: m(t.concat),
            output: m(t.output),
          };
        });
      }, states);
      traces.forEach((t, k) => {
        worst = Math.max(
          worst,
          assertMatchesReference(t, states[k], `random state ${k} (${JSON.stringify(states[k].tokens.length)} tokens)`),
        );
      });
      // Each engine gets the build it supports: relaxed SIMD where WebAssembly.validate accepts it.
      const [relaxed, supported] = await page.evaluate(async () => [
        (await (await import('./app/engine-loader.js')).loadEngine()).features.relaxedSimd,
        (await import('../wasm/engine.js')).relaxedSimdSupported(),
      ]);
      assert.equal(relaxed, supported, 'the build follows the support');
      const build = relaxed ? 'relaxed' : 'simd128';
      figures[engine] = { ...figures[engine], build, worstRelativeError: Number(worst.toExponential(2)) };
    },
  },

  {
    name: 'keyboard: typing in E recomputes every tensor; arrows move, Page Up/Down step, Enter commits and moves down',
    fn: async (page) => {
      const active = () => page.evaluate(() => deepActive().getAttribute('aria-label'));
      const before = await traceOf(page);
      // Focusing a cell selects its number: typing replaces it, and each keystroke that leaves a number counts.
      await page.focus(cell('E row 1 column 2'));
      await page.type('-123.456');
      await settle(page);
      let s = await stateOf(page);
      assert.equal(s.embeddings[0][1], -123.456);
      const after = await traceOf(page);
      assert.notDeepEqual(after.heads[0].q.data, before.heads[0].q.data, 'Q did not change');
      assertMatchesReference(after, s, 'after typing -123.456');
      assert.deepEqual((await checkShown(page)).bad, []);
      await page.press('Enter');
      assert.equal(await active(), 'E row 2 column 2', 'Enter commits and moves down');
      await page.press('ArrowUp');
      assert.equal(await active(), 'E row 1 column 2');
      assert.equal(await page.evaluate((sel) => deepQuery(sel).value, cell('E row 1 column 2')), '-123.456');
      await page.type('0.9');
      await page.press('Enter');
      await page.press('ArrowUp');
      await page.press('PageUp');
      await settle(page);
      s = await stateOf(page);
      assert.equal(s.embeddings[0][1], 1, 'Page Up steps by 0.1');
      assertMatchesReference(await traceOf(page), s, 'after Page Up');
      await page.press('Shift+PageUp');
      await page.press('Alt+PageDown');
      await settle(page);
      s = await stateOf(page);
      assert.equal(s.embeddings[0][1], 1.99, 'Shift+Page Up steps by 1, Alt+Page Down by 0.01');
      assertMatchesReference(await traceOf(page), s, 'after Shift+Page Up, Alt+Page Down');
      await page.press('ArrowRight');
      assert.equal(await active(), 'E row 1 column 3');
      await page.press('ArrowDown');
      assert.equal(await active(), 'E row 2 column 3');
      // The grid is one Tab stop that remembers its cell.
      await page.press('Tab');
      assert.ok(!/^E row/.test((await active()) ?? ''), 'Tab leaves the grid');
      await page.press('Shift+Tab');
      assert.equal(await active(), 'E row 2 column 3', 'Shift+Tab comes back to the same cell');
      await page.focus(cell('W_Q row 2 column 1'));
      await page.type('1e6');
      await page.press('Enter');
      await settle(page);
      s = await stateOf(page);
      assert.equal(s.heads[0].wq[1][0], 1e6);
      assert.equal(await active(), 'W_Q row 3 column 1');
      assertMatchesReference(await traceOf(page), s, 'W_Q entry 1e6');
      assert.deepEqual((await checkShown(page)).bad, []);
      await noNaN(page);
    },
  },

  {
    name: 'bad input ("abc", "", "1e999", "2e6") gets a message naming the cell at Enter and changes nothing; Escape restores',
    fn: async (page) => {
      const input = cell('E row 1 column 1');
      // The preset's number, as the cell shows it and the message names it.
      const shown = await page.evaluate((sel) => deepQuery(sel).value, input);
      assert.equal(Number(shown), (await stateOf(page)).embeddings[0][0]);
      const still = new RegExp(`E row 1 column 1: .*still using ${shown.replace(/[.-]/g, '\\$&')}$`);
      const look = () =>
        page.evaluate((sel) => {
          const alert = deepQuery('embeddings-panel .cell-error');
          const el = deepQuery(sel);
          return {
            shown: !alert.hidden && alert.getClientRects().length > 0,
            text: alert.textContent,
            invalid: el.getAttribute('aria-invalid'),
            focused: deepActive() === el,
            same: window.__trace === deepQuery('attention-playground').trace,
          };
        }, input);
      for (const [text, how, message] of [
        ['abc', 'type', /not a number/],
        ['', 'type', /empty/],
        ['1e999', 'fill', /too large/],
        ['2e6', 'fill', /.+/],
      ]) {
        const s0 = await stateOf(page);
        await page.evaluate(() => {
          window.__trace = deepQuery('attention-playground').trace;
        });
        if (how === 'fill') await fill(page, input, text);
        else {
          await page.focus(input);
          if (text === '') await page.press('Backspace');
          else await page.type(text);
        }
        await settle(page);
        // Text on its way to a number is no error while it is typed: the message waits for the commit.  A
        // number the engine refuses (2e6) is refused as it is typed, and its message stays through the commit.
        if (text !== '2e6')
          assert.equal((await look()).shown, false, `a message for "${text}" before it was committed`);
        await page.press('Enter');
        await settle(page);
        const got = await look();
        assert.ok(got.shown, `no message for "${text}"`);
        assert.match(got.text, message);
        assert.match(got.text, still);
        assert.equal(got.invalid, 'true');
        assert.ok(got.focused, `Enter left the cell with "${text}"`);
        assert.equal(
          await page.evaluate((sel) => deepQuery(sel).value, input),
          text,
          `the text "${text}" was not kept`,
        );
        assert.ok(got.same, `the trace changed after "${text}"`);
        assert.deepEqual(await stateOf(page), s0, `the state changed after "${text}"`);
        await noNaN(page);
        await page.press('Escape');
        assert.deepEqual(
          await page.evaluate((sel) => [deepQuery(sel).value, deepQuery('embeddings-panel .cell-error').hidden], input),
          [shown, true],
        );
      }
    },
  },

  {
    name: 'undo and redo (Ctrl+Z, Ctrl+Shift+Z) of a cell and a sentence edit',
    fn: async (page) => {
      const s0 = await stateOf(page);
      await retype(page, cell('W_K row 1 column 1'), '-2.5');
      await page.press('Enter');
      await settle(page);
      const s1 = await stateOf(page);
      assert.equal(s1.heads[0].wk[0][0], -2.5);
      await retype(page, 'playground-controls input.sentence', 'bank grows more money');
      await page.press('Tab');
      await settle(page);
      const s2 = await stateOf(page);
      assert.deepEqual(s2.tokens, ['bank', 'grows', 'more', 'money']);
      assert.deepEqual(s2.embeddings[3], s1.embeddings[2], 'money kept its row');
      await page.press('Control+z');
      await settle(page);
      assert.deepEqual(await stateOf(page), s1);
      await page.press('Control+z');
      await settle(page);
      assert.deepEqual(await stateOf(page), s0);
      assert.equal(await page.evaluate((sel) => deepQuery(sel).value, cell('W_K row 1 column 1')), '1');
      assert.equal(
        await page.evaluate(() => deepQuery('playground-controls input.sentence').value),
        'bank grows money',
      );
      await page.press('Control+Shift+z');
      await settle(page);
      assert.deepEqual(await stateOf(page), s1);
      assertMatchesReference(await traceOf(page), s1, 'after redo');
      assert.deepEqual((await checkShown(page)).bad, []);
      // Keys typed and committed (Enter, Tab) within one frame, as WebKit's driver delivers them and a quick
      // typist on a busy page does: the value that waited for its frame is part of the one undo step.
      const steps = await page.evaluate(async () => {
        const el = deepQuery('attention-playground'),
          input = deepQuery(el, '[aria-label="E row 2 column 1"]');
        const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        await frame();
        const before = el.state.embeddings[1][0];
        input.focus();
        for (const v of ['7', '7.', '7.2', '7.25']) {
          input.value = v;
          input.dispatchEvent(new Event('input', { bubbles: true }));
        }
        input.dispatchEvent(new Event('change', { bubbles: true }));
        await frame();
        const typed = el.state.embeddings[1][0];
        el.undo();
        return [before, typed, el.state.embeddings[1][0]];
      });
      assert.deepEqual(steps, [steps[0], 7.25, steps[0]], 'one undo step for the typed 7.25');
    },
  },

  {
    name: 'row labels are shown whole (“money”, “mummy”, “swimmer”), also when selected and at 360 px wide',
    viewport: { width: 360, height: 800 },
    fn: async (page) => {
      // Measured with every panel laid out (content-visibility skips those out of view).
      const cut = () =>
        page.evaluate(() => {
          const panels = [...deepQueryAll('attention-playground [data-panel]')];
          for (const p of panels) p.style.contentVisibility = 'visible';
          const out = [...deepQueryAll('attention-playground matrix-view .rh[role=rowheader]')]
            .filter((rh) => rh.scrollWidth > rh.clientWidth)
            .map(
              (rh) =>
                `${rh.closest('matrix-view').name}: "${rh.textContent}" (${rh.scrollWidth} > ${rh.clientWidth} px)`,
            );
          for (const p of panels) p.style.contentVisibility = '';
          return out;
        });
      assert.deepEqual(await cut(), []);
      // Eight tokens: the weights grid is wider than a 360 px screen and scrolls; its labels stay whole.
      await retype(page, 'playground-controls input.sentence', 'mummy swimmer women money went to the bank');
      await page.press('Tab');
      await settle(page);
      assert.equal((await stateOf(page)).tokens.length, 8);
      assert.deepEqual(await cut(), []);
      // A selected row's label is bold.
      await page.evaluate(() => deepQuery('weights-panel matrix-view').scrollIntoView({ block: 'center' }));
      await click(page, 'weights-panel matrix-view .c[data-row="3"][data-col="0"]');
      await settle(page);
      assert.ok(await page.evaluate(() => !!deepQuery('matrix-view .selected.rh')), 'no label is selected');
      assert.deepEqual(await cut(), []);
    },
  },

  {
    name: 'embed: two elements from one classic <script> over file://; editing one leaves the other unchanged',
    url: () =>
      fixture(
        'two.html',
        '<attention-playground id="a"></attention-playground>\n' +
          '<attention-playground id="b" tokens="the cat sat" d-model="4" d-k="2" heads="2" mask="causal" seed="3"></attention-playground>',
      ),
    fn: async (page) => {
      await ready(page, 2);
      const b0 = await stateOf(page, 1);
      assert.deepEqual(b0.tokens, ['the', 'cat', 'sat']);
      assert.equal(b0.heads.length, 2);
      await retype(page, cell('E row 1 column 1', '#a'), '3');
      await page.press('Enter');
      await settle(page);
      const a = await stateOf(page, 0);
      assert.equal(a.embeddings[0][0], 3);
      assert.deepEqual(await stateOf(page, 1), b0, 'the second element did not change');
      assertMatchesReference(await traceOf(page, 0), a, '#a');
      assertMatchesReference(await traceOf(page, 1), b0, '#b');
      await noNaN(page);
    },
  },

  {
    name: 'embed: an author’s state (preset, tokens, the state property) opens with nothing to undo; the reader’s first edit is the first step',
    url: () =>
      fixture(
        'undo-start.html',
        '<attention-playground id="p" preset="river-bank"></attention-playground>\n' +
          '<attention-playground id="t" tokens="the cat sat" seed="3"></attention-playground>\n' +
          '<attention-playground id="s"></attention-playground>\n' +
          '<script>customElements.whenDefined("attention-playground").then(() => {' +
          ' document.getElementById("s").state = { tokens: ["x", "y"], embeddings: [[1, 0], [0, 1]],' +
          ' heads: [{ wq: [[1, 0], [0, 1]], wk: [[1, 0], [0, 1]], wv: [[1, 0], [0, 1]] }] }; });</script>',
      ),
    fn: async (page) => {
      await ready(page, 3);
      await settle(page);
      const undoOff = (id) =>
        page.evaluate((id) => deepQuery(`#${id} playground-controls button[title^="Undo"]`).disabled, id);
      const loaded = {};
      for (const id of ['p', 't', 's']) {
        loaded[id] = await page.evaluate((id) => document.getElementById(id).state, id);
        assert.ok(await undoOff(id), `#${id}: Undo is disabled on load`);
      }
      assert.deepEqual(loaded.s.tokens, ['x', 'y']);
      // Ctrl+Z with the focus in the author's figure leaves it as it is.
      await page.focus(cell('E row 1 column 1', '#p'));
      await page.press('Control+z');
      await settle(page);
      assert.deepEqual(await stateOf(page, 0), loaded.p, 'Ctrl+Z on load kept the preset');
      await page.evaluate(() => ['t', 's'].forEach((id) => document.getElementById(id).undo()));
      assert.deepEqual(await stateOf(page, 1), loaded.t, 'undo() on load kept the tokens');
      assert.deepEqual(await stateOf(page, 2), loaded.s, 'undo() on load kept the state set');
      // The first edit is the one step back.
      await retype(page, cell('E row 1 column 1', '#p'), '4');
      await page.press('Enter');
      await settle(page);
      assert.equal((await stateOf(page, 0)).embeddings[0][0], 4);
      assert.ok(!(await undoOff('p')), 'an edit enables Undo');
      await page.press('Control+z');
      await settle(page);
      assert.deepEqual(await stateOf(page, 0), loaded.p, 'Undo returns to the preset as loaded');
      assert.ok(await undoOff('p'), 'and no further');
    },
  },

  {
    name: 'a refused number keeps the value from before the edit (not a prefix typed on the way), for the engine, the message and screen readers; the cell never cuts its text',
    fn: async (page) => {
      await ready(page);
      const sel = cell('E row 1 column 3');
      const before = (await stateOf(page)).embeddings[0][2];
      for (const [typed, commit] of [
        ['123456789', 'Tab'],
        ['1,5', 'Enter'],
      ]) {
        await retype(page, sel, typed);
        await page.press(commit);
        await settle(page);
        const s = await stateOf(page);
        assert.equal(s.embeddings[0][2], before, `"${typed}": the engine keeps ${before}`);
        const seen = await page.evaluate((sel) => {
          const i = deepQuery(sel);
          return {
            now: i.getAttribute('aria-valuenow'),
            text: i.getAttribute('aria-valuetext'),
            msg: deepQuery('embeddings-panel .cell-error').textContent,
            value: i.value,
          };
        }, sel);
        assert.equal(Number(seen.now), before, `"${typed}": aria-valuenow`);
        assert.equal(Number(seen.text), before, `"${typed}": aria-valuetext`);
        assert.match(seen.msg, new RegExp(`still using ${String(before).replace('-', '−')}$`), seen.msg);
        assert.equal(seen.value, typed, 'the text typed is kept for the reader to fix');
        await page.focus(sel);
        await page.press('Escape');
        await settle(page);
      }
      // Nothing to undo: each refusal took its keystrokes back.
      assert.ok(
        await page.evaluate(() => deepQuery('playground-controls button[title^="Undo"]').disabled),
        'no undo step was left',
      );
      // Refused text left in a cell, then Reset example (after another edit): the cell shows the number in
      // force again, with no message.
      await retype(page, sel, '123456789');
      await page.press('Tab');
      await retype(page, cell('E row 3 column 3'), '2');
      await page.press('Enter');
      await settle(page);
      await click(page, 'playground-controls button[title^="Back to the example"]');
      await settle(page);
      const after = await page.evaluate((sel) => {
        const i = deepQuery(sel);
        return {
          value: i.value,
          invalid: i.getAttribute('aria-invalid'),
          msg: deepQuery('embeddings-panel .cell-error').hidden,
        };
      }, sel);
      const { formatFit } = await import(new URL('../../build/wasm/site/web/widgets/format.js', import.meta.url));
      assert.deepEqual(
        after,
        { value: formatFit(before), invalid: null, msg: true },
        'the refused text went with its message',
      );
    },
  },

  {
    name: 'undoing an example brings back the Examples select and the hint of the state before it; redo, the example again',
    fn: async (page) => {
      await ready(page);
      const shown = () =>
        page.evaluate(() => ({
          example: deepQuery('playground-controls select').value,
          tokens: deepQuery('attention-playground').state.tokens.join(' '),
          point: deepQuery('attention-playground .point').textContent,
        }));
      const first = await shown();
      assert.equal(first.example, 'bank-grows-money');
      await page.evaluate(() => {
        const sel = deepQuery('playground-controls select');
        sel.value = 'java';
        sel.dispatchEvent(new Event('change', { bubbles: true }));
      });
      await settle(page);
      const java = await shown();
      assert.equal(java.example, 'java');
      await page.focus('playground-controls select');
      await page.press('Control+z');
      await settle(page);
      assert.deepEqual(await shown(), first, 'the select, the sentence and the hint are the first example’s again');
      await page.press('Control+Shift+z');
      await settle(page);
      assert.deepEqual(await shown(), java, 'redo: the example again');
    },
  },

  {
    name: 'Reset example brings back the example or the author’s state as loaded, as one undo step; ← → reach it from Undo',
    url: () =>
      fixture(
        'reset.html',
        '<attention-playground id="a"></attention-playground>\n' +
          '<attention-playground id="b" preset="java"></attention-playground>',
      ),
    fn: async (page) => {
      await ready(page, 2);
      await settle(page);
      const reset = (id) => `#${id} playground-controls button[title^="Back to the example"]`;
      const off = (id) => page.evaluate((sel) => deepQuery(sel).disabled, reset(id));
      const loaded = [await stateOf(page, 0), await stateOf(page, 1)];
      assert.ok((await off('a')) && (await off('b')), 'nothing to reset on load');
      // #a: a cell and the sentence change; the examples select then says no example.
      await retype(page, cell('E row 1 column 1', '#a'), '3');
      await page.press('Enter');
      await retype(page, '#a playground-controls input.sentence', 'bank grows more money');
      await page.press('Tab');
      await settle(page);
      const edited = await stateOf(page, 0);
      assert.ok(!(await off('a')));
      // From the keyboard: Undo holds the toolbar's stop; → goes to Redo (disabled: skipped) and Reset.
      await page.focus('#a playground-controls button[title^="Undo"]');
      await page.press('ArrowRight');
      assert.equal(await page.evaluate(() => deepActive().textContent), '⟲ Reset example', 'the arrow reaches Reset');
      await page.press('Enter');
      await settle(page);
      assert.deepEqual(await stateOf(page, 0), loaded[0], 'Reset brought the example back');
      assert.equal(
        await page.evaluate(() => deepActive()?.textContent),
        '↶ Undo',
        'Reset, now off, handed the keyboard to Undo',
      );
      assert.equal(await page.evaluate(() => deepQuery('#a playground-controls select').value), 'bank-grows-money');
      assert.ok(await off('a'), 'nothing left to reset');
      await page.evaluate(() => deepQuery('#a').undo());
      assert.deepEqual(await stateOf(page, 0), edited, 'Undo takes the reset back, in one step');
      // #b: the author's preset is what Reset brings back.
      await retype(page, cell('W_Q row 1 column 1', '#b'), '-4');
      await page.press('Enter');
      await settle(page);
      await click(page, reset('b'));
      await settle(page);
      assert.deepEqual(await stateOf(page, 1), loaded[1], 'Reset brought the preset back');
      assertMatchesReference(await traceOf(page, 1), loaded[1], '#b after reset');
    },
  },

  {
    name: 'text view: each head’s line shades the words by the query’s weights, the numbers the trace’s; pressing a word makes it the query; the SVG export holds it',
    url: () =>
      fixture(
        'text-view.html',
        '<attention-playground panels="text weights tools" preset="animal-street" heads="2" seed="5"></attention-playground>',
      ),
    fn: async (page) => {
      await ready(page);
      await settle(page);
      const { formatNumber: f } = await import(new URL('../../build/wasm/site/web/widgets/format.js', import.meta.url));
      const shown = () =>
        page.evaluate(() => {
          const el = deepQuery('attention-playground'),
            lum = (c) => {
              const [r, g, b] = c.match(/[\d.]+/g).map(Number);
              return 0.2126 * r + 0.7152 * g + 0.0722 * b;
            };
          return {
            query: el.query - 1,
            T: el.trace.heads[0].weights.cols,
            weights: el.trace.heads.map((h) => Array.from(h.weights.data)),
            masked: el.trace.heads.map((h) => Array.from(h.masked.data, (x) => x === -Infinity)),
            lines: [...deepQueryAll('text-panel .text-line')].map((line) =>
              [...line.querySelectorAll('.word')].map((w) => ({
                text: w.querySelector('small').textContent,
                said: w.textContent,
                query: w.classList.contains('query'),
                lum: lum(getComputedStyle(w).backgroundColor),
              })),
            ),
          };
        });
      const check = (s) => {
        assert.equal(s.lines.length, 2, 'one line per head');
        s.lines.forEach((line, k) => {
          const row = s.weights[k].slice(s.query * s.T, (s.query + 1) * s.T),
            blocked = s.masked[k].slice(s.query * s.T, (s.query + 1) * s.T);
          line.forEach((w, j) => {
            assert.equal(w.text, blocked[j] ? 'masked' : f(row[j]), `head ${k + 1} word ${j + 1}: the trace’s weight`);
            assert.ok(w.said.endsWith(blocked[j] ? ', masked' : `, weight ${f(row[j])}`), w.said);
            assert.equal(w.query, j === s.query, `word ${j + 1}: the query is marked`);
          });
          // The light theme's scale darkens as the weight grows: shades in the order of the weights.
          const open = line.map((w, j) => [row[j], w.lum]).filter((_, j) => !blocked[j]);
          for (const [a, la] of open)
            for (const [b, lb] of open) if (a > b + 0.02) assert.ok(la < lb, `a weight ${a} is darker than ${b}`);
        });
      };
      check(await shown());
      // The second word becomes the query when pressed.
      await click(page, 'text-panel .text-line button.word[data-k="1"]');
      await settle(page);
      const after = await shown();
      assert.equal(after.query, 1, 'the pressed word is the query');
      check(after);
      // The panel's SVG export: the words, each with its weight.
      await page.evaluate(() => {
        deepQuery('.ap-panel-pick').value = 'text';
      });
      await click(page, '.ap-svg');
      await waitFor(page, () => window.__probe.files.length === 1, undefined, { what: 'the SVG' });
      const [svg] = await page.evaluate(() => Promise.all(window.__probe.files));
      assert.equal(svg.name, 'text.svg');
      const texts = await page.evaluate(
        (text) =>
          [...new DOMParser().parseFromString(text, 'image/svg+xml').querySelectorAll('text')].map(
            (t) => t.textContent,
          ),
        svg.text,
      );
      const tokens = (await stateOf(page)).tokens;
      const row = after.weights[0].slice(after.T, 2 * after.T);
      tokens.forEach((t, j) => {
        assert.ok(texts.includes(t), `the SVG has "${t}"`);
        assert.ok(texts.includes(after.masked[0][after.T + j] ? 'masked' : f(row[j])), `and its weight`);
      });
    },
  },

  {
    name: 'why the designed head works: its notes name the cells as loaded, say what an edit changed, and hide for other weights',
    fn: async (page) => {
      await ready(page);
      const notes = () =>
        page.evaluate(() => {
          const d = deepQuery('projections-panel .design-notes');
          return d.hidden ? null : [...d.querySelectorAll('li')].map((li) => li.textContent);
        });
      const loaded = await notes();
      const s = await stateOf(page);
      const pronoun = loaded.find((t) => t.startsWith('W_Q row pronoun, column 3'));
      assert.ok(pronoun, `a note for W_Q[pronoun][3]: ${loaded.join(' | ')}`);
      assert.equal(s.heads[0].wq[4][2], 8, 'the state holds the value the note gives');
      assert.match(pronoun, /= 8: a pronoun’s query looks hard for something living\. As designed\.$/);
      assert.ok(
        loaded.every((t) => t.endsWith('As designed.')),
        'the example as loaded',
      );
      await retype(page, cell('W_Q row 5 column 3'), '2');
      await page.press('Enter');
      await settle(page);
      const edited = await notes();
      assert.ok(
        edited.some((t) => t.startsWith('W_Q row pronoun') && t.endsWith('You changed W_Q[pronoun][3] to 2.')),
        edited.join(' | '),
      );
      await click(page, 'playground-controls button[title^="Seeded random"]');
      await settle(page);
      assert.equal(await notes(), null, 'random weights are not the design: no notes');
    },
  },

  {
    name: 'editable cells show a number rounded to fit at rest (never cut mid-digit), every digit while focused',
    fn: async (page) => {
      await ready(page);
      const sin1 = Math.sin(1);
      await page.evaluate((sin1) => {
        const el = deepQuery('attention-playground'),
          s = el.state;
        Object.assign(s.embeddings[0], [1000000, -123.456, sin1, 1.92345, 0.0001234, -1000000]);
        s.heads[0].wq[0][0] = 1.92345;
        s.positions = s.embeddings.map((row, i) => row.map((_, j) => (i === 1 && j < 2 ? Math.cos(1) : 0)));
        el.state = s;
      }, sin1);
      await settle(page);
      const shown = (name) =>
        page.evaluate((sel) => {
          const i = deepQuery(sel);
          i.scrollIntoView({ block: 'center' });
          return { value: i.value, full: i.getAttribute('aria-valuetext'), cut: i.scrollWidth > i.clientWidth };
        }, cell(name));
      const want = {
        'E row 1 column 1': ['1.0e6', '1000000'],
        'E row 1 column 2': ['−123', '-123.456'],
        'E row 1 column 3': ['0.841', '0.84147096'],
        'E row 1 column 4': ['1.923', '1.92345'],
        'E row 1 column 5': ['1e-4', '0.0001234'],
        'E row 1 column 6': ['−1e6', '-1000000'],
        'W_Q row 1 column 1': ['1.923', '1.92345'],
        'P (learned) row 2 column 1': ['0.540', '0.5403023'],
      };
      for (const [name, [rest, full]] of Object.entries(want)) {
        const got = await shown(name);
        assert.deepEqual(got, { value: rest, full, cut: false }, `${name} at rest`);
      }
      // No editable cell anywhere on the page cuts its text.
      const cut = await page.evaluate(() =>
        [...deepQueryAll('matrix-editor input')]
          .filter((i) => i.checkVisibility() && i.scrollWidth > i.clientWidth)
          .map((i) => `${i.getAttribute('aria-label')}: ${i.value}`),
      );
      assert.deepEqual(cut, []);
      for (const name of ['E row 1 column 2', 'P (learned) row 2 column 1']) {
        await page.focus(cell(name));
        const focused = await shown(name);
        assert.equal(focused.value, want[name][1], `${name} focused shows every digit`);
        assert.ok(!focused.cut, `${name} focused: the widened cell holds the text`);
      }
      await page.press('Tab');
      await settle(page);
      assert.equal((await shown('P (learned) row 2 column 1')).value, '0.540', 'rounded again after the focus left');
      // Moving through a rounded cell and on changes nothing.
      const s0 = await stateOf(page);
      await page.focus(cell('E row 1 column 3'));
      await page.press('ArrowRight');
      await page.press('F2');
      await page.press('Enter');
      await settle(page);
      assert.deepEqual(await stateOf(page), s0, 'the rounded text was not read back');
    },
  },

  {
    name: 'walk: step and query attributes light the cells each step involves; Next and the keyboard walk on; the narration is the trace’s',
    url: () =>
      fixture(
        'walk.html',
        '<attention-playground preset="bank-grows-money" panels="walk projections scores weights" step="scores" query="1"></attention-playground>',
      ),
    fn: async (page) => {
      await ready(page);
      await waitFor(page, () => deepQuery('attention-playground').step === 'scores', null, {
        what: 'the step attribute applied',
      });
      const lit = () =>
        page.evaluate(() =>
          [...deepQueryAll('attention-playground [data-panel]:not([hidden]) [data-lit]')].map(
            (c) => `${c.closest('[data-panel]').dataset.panel}:${c.getAttribute('aria-label')}`,
          ),
        );
      const t = await page.evaluate(() => {
        const h = deepQuery('attention-playground').trace.heads[0];
        return { Dk: h.q.cols, s: h.scores.data[2], w: Array.from(h.weights.data.slice(0, 3)) };
      });
      const { formatNumber: f } = await import(new URL('../../build/wasm/site/web/widgets/format.js', import.meta.url));
      const scores = await lit();
      assert.equal(scores.filter((x) => x.startsWith('projections:')).length, 2 * t.Dk, 'q_1 and k_3');
      assert.deepEqual(
        scores.filter((x) => !x.startsWith('projections:')),
        [`scores:bank to money: ${f(t.s)}`],
      );
      const say = await page.evaluate(() => deepQuery('.walk-say').textContent);
      assert.ok(say.includes(`bank’s query meets money’s key`) && say.endsWith(`= ${f(t.s)}.`), say);
      await click(page, 'walk-panel [aria-label="Next step"]'); // scale: of its panels only the scores are shown
      assert.deepEqual(await lit(), [`scores:bank to money: ${f(t.s)}`]);
      await page.press('Enter'); // mask
      await page.press('Enter'); // softmax: the weights row of query 1
      assert.equal(await page.evaluate(() => deepQuery('attention-playground').step), 'softmax');
      assert.deepEqual(
        await lit(),
        ['bank', 'grows', 'money'].map((k, j) => `weights:bank to ${k}: ${f(t.w[j])}`),
      );
      await noNaN(page);
    },
  },

  ...[
    { width: 1280, height: 800 },
    { width: 360, height: 640 },
  ].map((viewport) => ({
    name: `walk at ${viewport.width}×${viewport.height}: Next from the keyboard brings the lit cell into view below the bar that stays in view, with the lit numbers; Play never scrolls the page`,
    viewport,
    fn: async (page) => {
      await ready(page);
      const next = 'walk-panel [aria-label="Next step"]';
      await page.evaluate((sel) => deepQuery(sel).scrollIntoView({ block: 'center' }), next);
      await settle(page);
      await page.focus(next);
      await page.press('Enter'); // projections
      await page.press('Enter'); // scores: query 1, key 1
      const seen = () =>
        page.evaluate(() => {
          const el = deepQuery('attention-playground'),
            lit = [...deepQueryAll('attention-playground [data-lit]')].at(-1),
            bar = deepQuery('walk-panel').getBoundingClientRect(),
            cell = lit.getBoundingClientRect();
          return {
            step: el.step,
            panel: lit.closest('[data-panel]').dataset.panel,
            barTop: bar.top,
            barBottom: bar.bottom,
            cellTop: cell.top,
            cellBottom: cell.bottom,
            height: innerHeight,
            inView: cell.top >= bar.bottom && cell.bottom <= innerHeight,
          };
        });
      await waitFor(page, () => deepQuery('attention-playground').step === 'scores', null, { what: 'two steps' });
      // The scroll is smooth where motion is allowed: wait for it to end.
      let at = await seen();
      for (let k = 0; k < 40 && !at.inView; k++) {
        await new Promise((r) => setTimeout(r, 100));
        at = await seen();
      }
      // …and for the page to rest (the last of a smooth scroll, its correction a little later).
      await new Promise((r) => setTimeout(r, 1000));
      for (let y = -1, k = 0; k < 30; k++) {
        await new Promise((r) => setTimeout(r, 200));
        const now = await page.evaluate(() => scrollY);
        if (now === y) break;
        y = now;
      }
      at = await seen();
      assert.equal(at.panel, 'scores', 'the step’s result is its last lit cell');
      assert.ok(at.inView, `the lit score cell is in view below the bar: ${JSON.stringify(at)}`);
      assert.ok(at.barTop <= 0 && at.barBottom > 40, `the bar stays at the top of the view: ${JSON.stringify(at)}`);
      // The bar's copy of the numbers is the trace's.
      const { formatNumber: f } = await import(new URL('../../build/wasm/site/web/widgets/format.js', import.meta.url));
      const [nums, t] = await page.evaluate(() => {
        const el = deepQuery('attention-playground'),
          h = el.trace.heads[0],
          T = h.weights.cols;
        const [i, j] = [el.query - 1, Number(deepQuery('walk-panel select[aria-label="Key"]').value)];
        return [
          Object.fromEntries(
            [...deepQueryAll('walk-panel .walk-nums .num')].map((n) => [
              n.firstChild.textContent,
              [n.lastChild.textContent, n.hasAttribute('data-on')],
            ]),
          ),
          { s: h.scores.data[i * T + j], w: h.weights.data[i * T + j] },
        ];
      });
      assert.deepEqual(nums['q·k'], [f(t.s), true], 'the score, lit');
      assert.deepEqual(nums.weight, [f(t.w, 3), false], 'the weight, not lit in this step');
      // Play moves the walk on and leaves the page where it is.
      await page.focus('walk-panel .walk-play');
      const y0 = await page.evaluate(() => scrollY);
      await page.press('Enter');
      await waitFor(
        page,
        () =>
          deepQuery('attention-playground').step !== 'scores' ||
          deepQuery('walk-panel select[aria-label="Key"]').value !== '0',
        null,
        {
          what: 'Play to move on',
          timeout: 4000,
        },
      );
      await new Promise((r) => setTimeout(r, 1700));
      // Within a pixel: Firefox's scroll anchoring may move it by a fraction as a panel's height rounds anew.
      const y1 = await page.evaluate(() => scrollY);
      assert.ok(Math.abs(y1 - y0) < 1, `Play did not scroll the page (${y0} → ${y1})`);
      await page.press('Enter'); // pause
    },
  })),

  {
    name: 'labs: each of the five opens and computes',
    fn: async (page) => {
      const open = async (name) => {
        await click(page, `playground-labs [role=tab][data-lab=${name}]`);
        await settle(page);
        assert.deepEqual(
          await page.evaluate(() =>
            [...deepQueryAll('playground-labs [role=tabpanel]:not([hidden])')].map((e) => e.dataset.lab),
          ),
          [name],
        );
      };
      const fmt = (path) =>
        page.evaluate(async (path) => {
          const { formatNumber } = await import('./widgets/format.js');
          const t = deepQuery('attention-playground').trace;
          return formatNumber(path.reduce((x, k) => x[k], t));
        }, path);

      // First: the context lab shows the playground's head, which training then changes.
      await open('context');
      const ctx = await page.evaluate(async () => {
        const { formatNumber } = await import('./widgets/format.js');
        const { sentenceState } = await import('./state/presets.js');
        const engine = await (await import('./app/engine-loader.js')).loadEngine();
        const want = ['bank-deposit', 'river-bank'].map((id) => {
          const s = sentenceState(id),
            t = engine.run(s),
            i = s.tokens.indexOf('bank'),
            D = t.output.cols;
          return Array.from(t.output.data.subarray(i * D, (i + 1) * D), (x) => formatNumber(x));
        });
        const rows = [...deepQueryAll('context-lab table.vectors tr')]
          .slice(2)
          .map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent));
        return { want, rows, dots: deepQueryAll('context-lab svg.pca circle').length };
      });
      assert.deepEqual(ctx.rows, ctx.want, 'contextual rows are the engine’s outputs');
      assert.ok(ctx.dots > 0, 'the principal-axes plot is drawn');

      await open('train');
      const w00 = () => page.evaluate(() => deepQuery('train-lab .lab-cell').textContent);
      assert.equal(await w00(), await fmt(['heads', 0, 'weights', 'data', 0]), 'the grid shows the trace’s weights');
      const wq0 = (await stateOf(page)).heads[0].wq;
      await page.evaluate(() => {
        const goal = deepQuery('train-lab select');
        goal.selectedIndex = 1;
        goal.dispatchEvent(new Event('change', { bubbles: true }));
      });
      await click(page, 'train-lab .lab-bar.buttons button:nth-child(1)');
      await click(page, 'train-lab .lab-bar.buttons button:nth-child(1)');
      await settle(page);
      const text = await page.evaluate(() => deepQuery('train-lab .lab-figures').textContent);
      const loss = /loss ([\d.]+) → ([\d.]+) after 2 steps/.exec(text);
      assert.ok(loss && Number(loss[2]) < Number(loss[1]), text);
      assert.notDeepEqual((await stateOf(page)).heads[0].wq, wq0, 'training moved W_Q');
      assert.equal(await w00(), await fmt(['heads', 0, 'weights', 'data', 0]), 'the grid follows the training');

      await open('mistakes');
      await click(page, 'mistakes-lab button.show-mistakes');
      await settle(page);
      const [swap, scale, mask] = await page.evaluate(() =>
        [...deepQueryAll('mistakes-lab .lab-figures')].map((p) => p.textContent),
      );
      assert.match(swap, /largest difference 0\.0000/);
      assert.match(scale, /mean max weight [\d.]+ → [\d.]+/);
      assert.match(mask, /future weights/);

      await open('saturation');
      const sat = await page.evaluate(() =>
        Object.fromEntries(
          ['maxWeight', 'gradNorm'].map((m) => [
            m,
            [...deepQueryAll(`saturation-lab tr[data-metric=${m}] td`)].map((td) => Number(td.textContent)),
          ]),
        ),
      );
      assert.ok(sat.maxWeight.length >= 2 && sat.maxWeight.every(Number.isFinite), JSON.stringify(sat));
      assert.ok(
        sat.gradNorm.every((x) => Number.isFinite(x) && x >= 0),
        JSON.stringify(sat),
      );

      // The cost lab times the kernel from n = 64 up when first opened: enough to see it fit a slope (n up
      // to 512); the full Playwright suite checks the rest.  The slope shown must be the least-squares fit of
      // the times it measured; its value depends on the machine's load (and WebKit's coarse clock), not on us.
      await open('cost');
      const slope = await waitFor(
        page,
        () => /simd: slope (-?\d+\.\d+)/.exec(deepQuery('cost-lab .slope').textContent)?.[1],
        undefined,
        { timeout: 60000, what: 'the cost lab’s fitted slope' },
      );
      // The sweep goes on after the first slope appears: read the figure and the times it was fitted to in
      // one synchronous evaluate, so a point landing in between cannot split them.
      const { shown, fit } = await page.evaluate(() => {
        const shown = Number(/simd: slope (-?\d+\.\d+)/.exec(deepQuery('cost-lab .slope').textContent)[1]);
        const p = deepQuery('cost-lab').times.simd.filter(([n]) => n >= 256);
        const xs = p.map(([n]) => Math.log(n)),
          ys = p.map(([, ms]) => Math.log(ms));
        const mx = xs.reduce((a, b) => a + b, 0) / xs.length,
          my = ys.reduce((a, b) => a + b, 0) / ys.length;
        const den = xs.reduce((a, x) => a + (x - mx) ** 2, 0);
        return { shown, fit: xs.reduce((a, x, i) => a + (x - mx) * (ys[i] - my), 0) / den };
      });
      assert.ok(
        Math.abs(shown - fit) <= 0.005,
        `slope shown ${shown} (first ${slope}), fit of the measured times ${fit}`,
      );
      assert.ok((await page.evaluate(() => deepQueryAll('cost-lab svg circle').length)) >= 4);
    },
  },

  ...[1280, 1024, 360].map((width) => ({
    name: `context lab at ${width} px, light and dark: the plot beside or below the table, every column scrolls into view, plot labels inside the plot and off the dots, sentence labels in two lines`,
    viewport: { width, height: 800 },
    fn: (page) => contextLayout(page),
  })),

  {
    name: 'context lab alone (panels="context" over file://) at 360 px: its layout as on the page',
    viewport: { width: 360, height: 800 },
    url: () => fixture('context.html', '<attention-playground panels="context"></attention-playground>'),
    fn: (page) => contextLayout(page, { embed: true }),
  },

  {
    name: 'export: Save JSON, CSV, SVG and PNG give valid files that read back; a saved JSON loads into a second element',
    url: () =>
      fixture(
        'export.html',
        '<attention-playground id="a" tokens="I went to the bank"></attention-playground>\n' +
          '<attention-playground id="b"></attention-playground>',
      ),
    fn: async (page) => {
      await ready(page, 2);
      const taken = () => page.evaluate(() => Promise.all(window.__probe.files));
      await click(page, '#a .ap-save-json');
      await page.evaluate(() => {
        const pick = deepQuery('#a .ap-matrix-pick');
        pick.dispatchEvent(new Event('focus'));
        pick.value = 'weights';
        deepQuery('#a .ap-panel-pick').value = 'weights';
      });
      await click(page, '#a .ap-csv');
      await click(page, '#a .ap-svg');
      await click(page, '#a .ap-png');
      await waitFor(page, () => window.__probe.files.length === 4, undefined, { what: 'four exported files' });
      const [json, csv, svg, png] = await taken();
      const a = await stateOf(page, 0);

      assert.equal(json.name, 'attention-state.json');
      assert.deepEqual(JSON.parse(json.text), a, 'the saved JSON is the state');

      assert.equal(csv.name, 'weights.csv');
      const rows = csv.text.trim().split('\n');
      assert.equal(rows[0], ',I,went,to,the,bank');
      const w = (await traceOf(page, 0)).heads[0].weights.data;
      assert.deepEqual(
        rows.slice(1).flatMap((r) =>
          r
            .split(',')
            .slice(1)
            .map((x) => Math.fround(Number(x))),
        ),
        w,
        'the CSV holds the engine’s weights',
      );

      assert.equal(svg.name, 'weights.svg');
      const parsed = await page.evaluate((text) => {
        const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
        return {
          error: doc.querySelector('parsererror')?.textContent ?? null,
          root: doc.documentElement.localName,
          texts: [...doc.querySelectorAll('text')].map((t) => t.textContent),
        };
      }, svg.text);
      assert.equal(parsed.error, null, 'the SVG parses');
      assert.equal(parsed.root, 'svg');
      for (const t of ['I', 'went', 'bank', 'attention arcs'])
        assert.ok(parsed.texts.includes(t), `the SVG names "${t}"`);

      assert.equal(png.name, 'weights.png');
      assert.deepEqual(png.head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG signature');
      assert.ok(png.png[0] > 100 && png.png[1] > 100, `the PNG decodes (${png.png})`);

      // The saved file, loaded through the second element's file picker.
      mkdirSync(FIXTURES, { recursive: true });
      const saved = join(FIXTURES, 'saved.json');
      writeFileSync(saved, json.text);
      await page.setFiles('#b input[type=file]', saved);
      await waitFor(page, () => deepQuery('#b').state.tokens.length === 5, undefined, {
        what: 'the JSON loaded into #b',
      });
      assert.deepEqual(await stateOf(page, 1), a);
      assertMatchesReference(await traceOf(page, 1), a, '#b after loading');
    },
  },
];
