// The page tests run.mjs drives: each gets a fresh page showing the default preset ("bank grows money").
import assert from 'node:assert/strict';
import { join } from 'node:path';

const cell = (page, name) => page.getByRole('spinbutton', { name, exact: true });

/** Waits two frames: any coalesced edit has been computed and painted. */
const settle = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

const state = (page) => page.evaluate(() => deepQuery('attention-playground').state);

/** Every <matrix-view> against the trace tensor it claims to show; returns the mismatches. */
export function checkShown(page) {
  return page.evaluate(async () => {
    const { formatNumber } = await import('./widgets/format.js');
    const el = deepQuery('attention-playground'),
      t = el.trace;
    const head = Number(deepQuery(el, 'playground-controls input[type=radio]:checked')?.value ?? 0);
    const h = t.heads[head];
    const qkv = [...deepQueryAll(el, 'projections-panel matrix-view')];
    const pairs = [
      [qkv[0], h.q],
      [qkv[1], h.k],
      [qkv[2], h.v],
      ...[
        ['scores', h.scores],
        ['scale', h.scaled],
        ['mask', h.masked],
        ['weights', h.weights],
        ['sum', h.output],
      ].map(([panel, m]) => [deepQuery(el, `${panel}-panel matrix-view`), m]),
      [deepQuery(el, 'output-panel matrix-view[data-role=output]'), t.output],
      // P (while no table is edited in its place) and X = E + P.
      ...deepQueryAll(el, 'positions-panel matrix-view')
        .filter((v) => !v.hidden)
        .map((v) => [v, v.name === 'P' ? t.positions : t.x]),
    ];
    if (t.heads.length > 1 || el.state.wo)
      pairs.push([deepQuery(el, 'output-panel matrix-view[data-role=concat]'), t.concat]);
    const bad = [];
    let checked = 0;
    for (const [view, m] of pairs) {
      const rows = [...view.querySelectorAll('.r:not(.head)')];
      if (rows.length !== m.rows) {
        bad.push(`${view.name}: ${rows.length} rows shown, trace has ${m.rows}`);
        continue;
      }
      // A cell's number is drawn on the view's canvas and named, the same string, for screen readers.
      rows.forEach((tr, r) =>
        [...tr.querySelectorAll('.c')].forEach((td, c) => {
          const want = formatNumber(m.data[r * m.cols + c]);
          const shown = td
            .getAttribute('aria-label')
            .replace(/^.*: /, '')
            .replace(/, masked$/, '');
          checked += 1;
          if (shown !== want) bad.push(`${view.name}[${r}][${c}]: shows ${shown}, trace ${want}`);
        }),
      );
    }
    return { bad, checked };
  });
}

/** The numbers one row of a <matrix-view> shows (read from the cells' accessible names). */
const shownRow = (row) =>
  row.locator('.c').evaluateAll((tds) =>
    tds.map((td) =>
      td
        .getAttribute('aria-label')
        .replace(/^.*: /, '')
        .replace(/, masked$/, ''),
    ),
  );

export async function noNaN(page) {
  // The page's text, and the numbers the tensors' canvases draw (their cells' accessible names).
  const text = await page.evaluate(
    () =>
      document.body.innerText +
      [...deepQueryAll('matrix-view .c')].map((td) => td.getAttribute('aria-label')).join('\n'),
  );
  assert.ok(!/NaN|Infinity|undefined/.test(text), 'the page shows NaN, Infinity or undefined');
}

/** Resolves with the next `computed` event's detail (and the time it took to arrive). */
/** Listens for the next `computed` event (the listener is in place when this resolves); returns a waiter. */
async function nextComputed(page) {
  await page.evaluate(() => {
    window.__nextComputed = new Promise((resolve) =>
      document
        .querySelector('attention-playground')
        .addEventListener('computed', (e) => resolve({ ms: e.detail.ms, rows: e.detail.trace.output.rows }), {
          once: true,
        }),
    );
  });
  return () => page.evaluate(() => window.__nextComputed);
}

export const pageTests = [
  {
    name: 'an edit lays out only what it changed: no layout pass starts at the page root',
    fn: async (page) => {
      // Cells, inputs and rewritten text sit in layout boundaries (docs/rendering.md).  One change outside
      // them (text in a flex or grid item, say) makes every edit lay the whole page out again.  A viewport
      // tall enough for every panel: text changing inside a panel that content-visibility skips also starts
      // at the root (Chromium's doing, and cheap: nothing in the skipped panel is laid out).
      const browser = page.context().browser();
      await page.setViewportSize({ width: 1280, height: 5000 });
      await cell(page, 'E row 1 column 2').fill('0.1'); // the first edit also enables Undo
      await settle(page);
      await browser.startTracing(page, { categories: ['devtools.timeline'] });
      for (const v of ['0.3', '-1.25', '2']) {
        await cell(page, 'E row 1 column 2').fill(v);
        await settle(page);
      }
      const layouts = JSON.parse((await browser.stopTracing()).toString()).traceEvents.filter(
        (e) => e.name === 'Layout' && e.args?.beginData,
      );
      assert.ok(layouts.length >= 3, `expected a layout per edit, traced ${layouts.length}`);
      const fromRoot = layouts.filter((e) => !e.args.beginData.partialLayout).map((e) => e.args.beginData.dirtyObjects);
      assert.deepEqual(fromRoot, [], `layouts from the root (dirty objects each): ${fromRoot.join(', ')}`);
      assert.equal((await state(page)).embeddings[0][1], 2);
    },
  },

  {
    name: 'panels far out of view take an edit just after its frame, and are current when scrolled to',
    fn: async (page) => {
      // The frame that answers an edit renders only panels near the view; content-visibility skips the rest,
      // and they take the edit in a task right after the frame (app/panel-feed.js).
      await page.evaluate(() => window.scrollTo(0, 0));
      await settle(page);
      const skipped = () =>
        page.evaluate(() => !deepQuery('output-panel .panel-head').checkVisibility({ contentVisibilityAuto: true }));
      assert.ok(await skipped(), 'the output panel should be out of view and skipped at the top of the page');
      const edit = (v, scroll) =>
        page.evaluate(
          ([v, scroll]) =>
            new Promise((resolve) =>
              requestAnimationFrame(() => {
                const input = deepQuery('attention-playground [aria-label="E row 1 column 2"]');
                input.value = v;
                input.dispatchEvent(new Event('input', { bubbles: true }));
                if (scroll) deepQuery('output-panel').scrollIntoView();
                resolve();
              }),
            ),
          [v, scroll],
        );
      await edit('1.7', false);
      await page.evaluate(() => new Promise((r) => setTimeout(r, 0)));
      assert.equal((await state(page)).embeddings[0][1], 1.7);
      assert.deepEqual((await checkShown(page)).bad, []);
      // Scrolled into view in the same frame as the edit: shown current once it renders.
      await edit('-0.4', true);
      await settle(page);
      assert.ok(!(await skipped()), 'the output panel should be in view now');
      assert.deepEqual((await checkShown(page)).bad, []);
      await noNaN(page);
    },
  },

  {
    name: 'loads with the default preset, the pipeline in order, each step with its formula',
    fn: async (page) => {
      assert.equal(await page.locator('attention-playground').count(), 1);
      assert.deepEqual((await state(page)).tokens, ['bank', 'grows', 'money']);
      // Each step's title and formula, in the registry's order (a panel added there brings its own test).
      const shown = await page.evaluate(() =>
        [...deepQueryAll('attention-playground .pipeline > [data-span]')].map((p) => ({
          name: p.dataset.panel,
          title: p
            .querySelector('.panel-head h2')
            ?.textContent.replace(/head \d.*/, '')
            .trim(),
          formula: !!p.querySelector('.panel-head .formula'),
        })),
      );
      const TITLES = {
        embeddings: 'Token embeddings',
        projections: 'Queries, keys, values',
        scores: 'Raw scores',
        scale: 'Scale',
        mask: 'Mask',
        weights: 'Softmax weights',
        sum: 'Weight the values, then sum',
        output: 'Output: contextual embeddings',
      };
      const steps = Object.keys(TITLES);
      assert.deepEqual(
        shown.filter((p) => steps.includes(p.name)).map((p) => p.title),
        Object.values(TITLES),
      );
      assert.deepEqual(
        shown.filter((p) => !p.title || (!p.formula && p.name !== 'walk')).map((p) => p.name),
        [],
        'every panel has a title, and every step of the pipeline a formula (the walk is controls)',
      );
      // Formulas are MathML (a screen reader reads them as mathematics), one or more per formula.
      const maths = await page
        .locator('.panel-head .formula')
        .evaluateAll((fs) => fs.map((f) => f.querySelectorAll('math').length));
      assert.ok(
        maths.every((n) => n >= 1),
        `formulas without MathML: ${maths}`,
      );
      await noNaN(page);
    },
  },

  {
    name: 'the registry sets the panels, their order, the map, the layout and the export picker',
    fn: async (page) => {
      const { registry, shown } = await page.evaluate(async () => {
        const { PANELS, LAB_TABS } = await import('./app/registry.js');
        const el = deepQuery('attention-playground');
        return {
          registry: PANELS.map((p) => ({
            name: p.name,
            tag: p.tag,
            label: p.label,
            span: String(p.span),
            exports: !!p.exports?.length,
          })),
          shown: {
            panels: [...deepQueryAll(el, '.pipeline > [data-panel]')].map((p) => ({
              name: p.dataset.panel,
              tag: p.localName,
              span: p.dataset.span,
              columns: getComputedStyle(p).gridColumnStart,
            })),
            map: [...deepQueryAll(el, 'nav.pipeline-map a')].map((a) => a.textContent),
            picker: [...deepQueryAll(el, '.ap-panel-pick option')].map((o) => o.value),
            last: LAB_TABS.tag,
          },
        };
      });
      assert.deepEqual(
        shown.panels.slice(0, -1).map(({ name, tag, span }) => ({ name, tag, span })),
        registry.map(({ name, tag, span }) => ({ name, tag, span })),
      );
      assert.equal(shown.panels.at(-1).tag, shown.last, 'the labs come last');
      // Beside a short sentence (the default's three words) each panel takes the columns its entry gives.
      assert.deepEqual(
        shown.panels.slice(0, -1).map((p) => p.columns),
        registry.map((p) => `span ${p.span}`),
      );
      assert.deepEqual(shown.map, [...registry.map((p) => p.label), 'Labs']);
      assert.deepEqual(
        shown.picker,
        registry.filter((p) => p.exports).map((p) => p.name),
        'panels with exports',
      );
    },
  },

  {
    name: 'every tensor shown matches the trace',
    fn: async (page) => {
      const { bad, checked } = await checkShown(page);
      assert.deepEqual(bad, []);
      assert.ok(checked >= 9 * 3 + 18 * 5, `only ${checked} cells checked`);
    },
  },

  {
    name: 'a view cell focused by keyboard gets its ring in the host’s --ap-accent (drawn on the canvas)',
    fn: async (page) => {
      await page.evaluate(() => deepQuery('attention-playground').style.setProperty('--ap-accent', 'rgb(220, 20, 60)'));
      // The host changed its accent: the element reads it when it next applies its theme (a switch forces one).
      await page.evaluate(() => deepQuery('attention-playground').setAttribute('theme', 'light'));
      const grid = page.locator('weights-panel matrix-view [role=gridcell]');
      await grid.first().scrollIntoViewIfNeeded();
      await grid.first().focus();
      await page.keyboard.press('ArrowRight');
      await settle(page);
      const px = await page.evaluate(() => {
        const view = deepQuery('weights-panel matrix-view'),
          canvas = view.querySelector('canvas'),
          td = deepActive();
        const box = canvas.getBoundingClientRect(),
          r = td.getBoundingClientRect(),
          s = canvas.width / box.width;
        // The middle of the cell's left edge, inside the 3 px ring.
        return [
          ...canvas
            .getContext('2d')
            .getImageData(
              Math.round((r.left - box.left + 1.5) * s),
              Math.round((r.top - box.top + r.height / 2) * s),
              1,
              1,
            ).data,
        ];
      });
      assert.ok(Math.abs(px[0] - 220) < 30 && px[1] < 60 && Math.abs(px[2] - 60) < 30, `ring pixel ${px}`);
    },
  },

  {
    name: 'computed tensors are painted: every cell drawn, and an edit redraws the cells whose number changed',
    fn: async (page) => {
      await page.locator('scores-panel').scrollIntoViewIfNeeded();
      await settle(page);
      // Each cell's patch of its view's canvas: how much of it is painted, and a digest of its pixels.
      const patches = () =>
        page.evaluate(() => {
          const view = deepQuery('scores-panel matrix-view'),
            canvas = view.querySelector('canvas');
          const g = canvas.getContext('2d'),
            box = canvas.getBoundingClientRect(),
            s = canvas.width / box.width;
          return [...view.querySelectorAll('.c')].map((td) => {
            const r = td.getBoundingClientRect();
            const px = g.getImageData(
              Math.round((r.left - box.left) * s),
              Math.round((r.top - box.top) * s),
              Math.round(r.width * s),
              Math.round(r.height * s),
            ).data;
            let painted = 0,
              digest = 0;
            for (let i = 0; i < px.length; i += 4) {
              if (px[i + 3] > 0) painted += 1;
              digest = (digest * 31 + px[i] + 3 * px[i + 1] + 7 * px[i + 2] + 11 * px[i + 3]) | 0;
            }
            return { name: td.getAttribute('aria-label'), painted: painted / (px.length / 4), digest };
          });
        });
      const before = await patches();
      assert.equal(before.length, 9);
      for (const p of before)
        assert.ok(p.painted > 0.9, `cell ${p.name}: only ${(100 * p.painted).toFixed(0)}% of it painted`);
      await cell(page, 'E row 1 column 2').fill('-1.5');
      await settle(page);
      const after = await patches();
      const changed = after.filter((p, k) => p.name !== before[k].name);
      assert.ok(changed.length > 0, 'the edit changed no score');
      for (const p of changed)
        assert.notEqual(p.digest, before[after.indexOf(p)].digest, `${p.name} is named anew but not redrawn`);
      assert.deepEqual((await checkShown(page)).bad, []);
    },
  },

  {
    name: "tensors out of view draw just after the edit's frame: by the next frame each canvas equals a full redraw",
    fn: async (page) => {
      // At the top of the page the tensors below (Q, K, V, scores, ..., weights) are out of view: they take
      // their numbers at once and their pixels in a task after the frame (matrix-view.js, the `later` draw queue).
      await page.evaluate(() => window.scrollTo(0, 0));
      await settle(page);
      const r = await page.evaluate(
        () =>
          new Promise((resolve) => {
            const views = [...deepQueryAll('attention-playground matrix-view')].filter(
              (v) => v.querySelector('canvas') && v.checkVisibility({ contentVisibilityAuto: true }),
            );
            const digest = (v) => {
              const c = v.querySelector('canvas'),
                d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
              let h = 0;
              for (let i = 0; i < d.length; i += 4)
                h = (h * 31 + d[i] + 3 * d[i + 1] + 7 * d[i + 2] + 11 * d[i + 3]) | 0;
              return h;
            };
            requestAnimationFrame(() => {
              const before = views.map(digest);
              const input = deepQuery('attention-playground [aria-label="E row 1 column 2"]');
              input.value = '-1.9';
              input.dispatchEvent(new Event('input', { bubbles: true }));
              requestAnimationFrame(() => {
                const next = views.map(digest);
                for (const v of views) v.paintNow(true);
                resolve({
                  names: views.map((v) => v.name),
                  before,
                  next,
                  full: views.map(digest),
                  below: views.map((v) => v.getBoundingClientRect().top > innerHeight),
                });
              });
            });
          }),
      );
      assert.ok(r.below.filter(Boolean).length >= 5, `expected the tensors below the fold among the views: ${r.names}`);
      r.names.forEach((name, k) =>
        assert.equal(r.next[k], r.full[k], `${name}: the next frame's pixels are not a full redraw's`),
      );
      assert.ok(
        r.next.some((d, k) => d !== r.before[k]),
        'the edit redrew nothing',
      );
      assert.deepEqual((await checkShown(page)).bad, []);
    },
  },

  {
    name: 'tensors in a panel the browser skips (far out of view) wait, and draw the edit once the panel is rendered',
    fn: async (page) => {
      await page.evaluate(() => window.scrollTo(0, 0));
      await settle(page);
      const skippedViews = () =>
        page.evaluate(() =>
          [...deepQueryAll('attention-playground output-panel matrix-view')]
            .filter((v) => v.querySelector('canvas') && !v.checkVisibility({ contentVisibilityAuto: true }))
            .map((v) => v.name),
        );
      assert.ok((await skippedViews()).length > 0, 'the output panel is skipped at the top of the page');
      await page.evaluate(() => {
        const input = deepQuery('attention-playground [aria-label="E row 1 column 1"]');
        input.value = '-1.7';
        input.dispatchEvent(new Event('input', { bubbles: true }));
      });
      await settle(page);
      await page.locator('output-panel').scrollIntoViewIfNeeded();
      await settle(page);
      await settle(page);
      const r = await page.evaluate(() => {
        const digest = (c) => {
          const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
          let h = 0;
          for (let i = 0; i < d.length; i += 4) h = (h * 31 + d[i] + 3 * d[i + 1] + 7 * d[i + 2] + 11 * d[i + 3]) | 0;
          return h;
        };
        return [...deepQueryAll('attention-playground output-panel matrix-view')]
          .filter((v) => v.querySelector('canvas'))
          .map((v) => {
            const c = v.querySelector('canvas'),
              shown = digest(c);
            v.paintNow(true);
            return { name: v.name, same: shown === digest(c) };
          });
      });
      assert.ok(r.length > 0);
      for (const v of r) assert.ok(v.same, `${v.name}: not what a full redraw makes`);
      assert.deepEqual((await checkShown(page)).bad, []);
    },
  },

  {
    name: 'the selected weight is outlined on its canvas, alone; a row selection (step 4–5) outlines no cell',
    fn: async (page) => {
      await page.locator('weights-panel .r:not(.head)').nth(2).locator('.c').nth(1).hover();
      await page.mouse.move(0, 0); // off the grids, so the scroll below puts no other cell under the pointer
      await page.locator('sum-panel').scrollIntoViewIfNeeded();
      await settle(page);
      // Which cells of a view have the outline's ink at their left edge, half-way down (after a full redraw,
      // as a zoom or a new shape would do, so no cell keeps an older drawing).
      const outlined = (panel) =>
        page.evaluate((panel) => {
          const view = deepQuery(`${panel} matrix-view`),
            c = view.querySelector('canvas'),
            g = c.getContext('2d');
          view.paintNow(true);
          const box = c.getBoundingClientRect(),
            s = c.width / box.width;
          return [...view.querySelectorAll('.c')]
            .map((td) => {
              const r = td.getBoundingClientRect();
              const [R, G, B] = g.getImageData(
                Math.round((r.left - box.left + 1) * s),
                Math.round((r.top - box.top + r.height / 2) * s),
                1,
                1,
              ).data;
              return R === 0x1b && G === 0x21 && B === 0x30;
            })
            .flatMap((on, k) => (on ? [k] : []));
        }, panel);
      assert.deepEqual(await outlined('weights-panel'), [7], 'row 3, column 2 of the weights');
      assert.deepEqual(await outlined('sum-panel'), [], 'the head output shows its row by its header, no cell');
    },
  },

  {
    name: "forced colours (high contrast): the tensors draw in the theme's system colours, and back",
    fn: async (page) => {
      await page.locator('scores-panel').scrollIntoViewIfNeeded();
      await settle(page);
      // Each scores cell's fill (a pixel inside its corner, clear of the number) and the theme's Canvas colour.
      const fills = () =>
        page.evaluate(() => {
          const view = deepQuery('scores-panel matrix-view'),
            c = view.querySelector('canvas'),
            g = c.getContext('2d');
          const box = c.getBoundingClientRect(),
            s = c.width / box.width;
          const probe = document.createElement('canvas').getContext('2d');
          probe.fillStyle = 'Canvas';
          probe.fillRect(0, 0, 1, 1);
          const hex = (d) => [...d.slice(0, 3)].map((v) => v.toString(16).padStart(2, '0')).join('');
          return {
            canvas: hex(probe.getImageData(0, 0, 1, 1).data),
            cells: [...view.querySelectorAll('.c')].map((td) => {
              const r = td.getBoundingClientRect();
              return hex(
                g.getImageData(Math.round((r.left - box.left + 3) * s), Math.round((r.top - box.top + 4) * s), 1, 1)
                  .data,
              );
            }),
          };
        });
      const normal = await fills();
      assert.ok(new Set(normal.cells).size > 2, `the colour scale should show: ${normal.cells}`);
      await page.emulateMedia({ forcedColors: 'active' });
      await settle(page);
      const forcedFills = await fills();
      assert.deepEqual(
        forcedFills.cells,
        forcedFills.cells.map(() => forcedFills.canvas),
        "every cell on the theme's Canvas colour",
      );
      await page.emulateMedia({ forcedColors: 'none' });
      await settle(page);
      assert.deepEqual((await fills()).cells, normal.cells, 'the colour scale comes back');
    },
  },

  {
    name: 'editing a cell by keyboard recomputes every tensor; arrow keys move, Page Up steps, Enter edits and commits',
    fn: async (page) => {
      const before = await page.evaluate(() => Array.from(deepQuery('attention-playground').trace.heads[0].q.data));
      const e12 = cell(page, 'E row 1 column 2');
      await e12.focus();
      await page.keyboard.press('Control+A');
      const computed = await nextComputed(page);
      await page.keyboard.type('0.9');
      await computed();
      await settle(page);
      const s = await state(page);
      assert.equal(s.embeddings[0][1], 0.9);
      const after = await page.evaluate(() => Array.from(deepQuery('attention-playground').trace.heads[0].q.data));
      assert.notDeepEqual(after, before, 'Q did not change');
      assert.deepEqual((await checkShown(page)).bad, []);
      assert.ok((await page.locator('scores-panel .c[data-changed]').count()) > 0, 'changed cells are not marked');
      // Grid cells an edit changed without being typed in (a projection preset here) are marked, and the
      // marks go with the next edit.
      const marked = () => page.evaluate(() => deepQueryAll('matrix-editor input[data-changed]').length);
      assert.equal(await marked(), 1, 'the cell just edited is marked, as after an undo');
      const prior = await state(page);
      await page.getByRole('button', { name: 'Identity' }).click();
      await settle(page);
      const next = await state(page);
      const differ = ['wq', 'wk', 'wv'].reduce(
        (n, k) => n + next.heads[0][k].flat().filter((x, i) => x !== prior.heads[0][k].flat()[i]).length,
        0,
      );
      assert.ok(differ > 0);
      assert.equal(await marked(), differ, 'a preset that rewrites W_Q, W_K, W_V marks the entries it changed');
      await e12.fill('0.8');
      await settle(page);
      assert.equal(await marked(), 1, "the next edit clears the grids' marks, all but its own cell's");
      await e12.fill('0.9');
      await page.keyboard.press('Enter'); // commits and moves down
      await settle(page);
      const at = () => page.evaluate(() => deepActive().getAttribute('aria-label'));
      assert.equal(await at(), 'E row 2 column 2');
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('PageUp');
      await settle(page);
      assert.equal((await state(page)).embeddings[0][1], 1);
      await page.keyboard.press('ArrowRight');
      assert.equal(await at(), 'E row 1 column 3');
      const text13 = await cell(page, 'E row 1 column 3').inputValue();
      await page.keyboard.press('Enter'); // begins an edit, the caret after the number
      await page.keyboard.type('2');
      await page.keyboard.press('Enter');
      assert.equal(await at(), 'E row 2 column 3');
      assert.equal((await state(page)).embeddings[0][2], Number(`${text13}2`));
      assert.deepEqual((await checkShown(page)).bad, []);
    },
  },

  {
    name: 'bad input ("abc", "", "1e999", "NaN", 2e6) shows a message at commit and changes nothing',
    fn: async (page) => {
      const e11 = cell(page, 'E row 1 column 1');
      const v0 = String((await state(page)).embeddings[0][0]);
      for (const [text, how, message] of [
        ['abc', 'type', /not a number/],
        ['', 'fill', /empty/],
        ['1e999', 'fill', /too large/],
        ['NaN', 'type', /not a number/],
        ['2e6', 'fill', /.+/],
      ]) {
        const s0 = await state(page);
        await page.evaluate(() => {
          window.__trace = deepQuery('attention-playground').trace;
        });
        await e11.focus();
        await page.keyboard.press('Control+A');
        if (how === 'type') await page.keyboard.type(text);
        else await e11.fill(text);
        await settle(page);
        await page.keyboard.press('Enter'); // text is judged when committed
        await settle(page);
        const alert = page.locator('embeddings-panel .cell-error');
        assert.ok(await alert.isVisible(), `no message for "${text}"`);
        assert.match(await alert.textContent(), message);
        assert.ok((await alert.textContent()).includes(`still using ${v0}`), 'names the value kept');
        assert.match(await alert.textContent(), /^E row 1 column 1: /);
        assert.equal(await e11.getAttribute('aria-invalid'), 'true');
        assert.deepEqual(await state(page), s0, `state changed after "${text}"`);
        assert.ok(
          await page.evaluate(() => window.__trace === deepQuery('attention-playground').trace),
          'trace changed',
        );
        await noNaN(page);
        await page.keyboard.press('Escape');
        assert.equal(await e11.inputValue(), v0);
        assert.ok(!(await alert.isVisible()));
      }
    },
  },

  {
    name: 'limits on tokens, D, d_k and heads give messages; an invalid `state` throws the engine message',
    fn: async (page) => {
      const s0 = await state(page);
      for (const [label, value] of [
        ['D', '99'],
        ['Heads', '9'],
        ['Heads', '0'],
        ['Dk', '17'],
      ]) {
        const input =
          label === 'Dk'
            ? page.locator('playground-controls input[type=number]').nth(1)
            : page.getByLabel(label, { exact: true });
        await input.fill(value);
        await input.press('Enter');
        await settle(page);
        assert.ok(
          await page.locator('playground-controls .field-error').isVisible(),
          `no message for ${label} = ${value}`,
        );
        assert.deepEqual(await state(page), s0);
      }
      const sentence = page.getByLabel('Sentence');
      await sentence.fill(Array.from({ length: 30 }, (_, i) => `w${i}`).join(' '));
      await settle(page);
      assert.match(await page.locator('playground-controls .field-error').textContent(), /30 words is above/);
      assert.deepEqual(await state(page), s0);
      const thrown = await page.evaluate(() => {
        const el = deepQuery('attention-playground'),
          s = el.state;
        s.heads[0].wk = s.heads[0].wk.map((r) => r.slice(0, 3));
        try {
          el.state = s;
          return null;
        } catch (e) {
          return e.message;
        }
      });
      assert.match(thrown, /^state\.heads\[0\]\.wk: /);
      const big = await page.evaluate(() => {
        const el = deepQuery('attention-playground'),
          s = el.state;
        s.tokens = Array.from({ length: 40 }, (_, i) => `t${i}`);
        s.embeddings = s.tokens.map(() => new Array(s.embeddings[0].length).fill(0));
        try {
          el.state = s;
          return null;
        } catch (e) {
          return e.message;
        }
      });
      assert.match(big, /40 tokens is above/);
      assert.deepEqual(await state(page), s0);
      await noNaN(page);
    },
  },

  {
    name: 'accessible names: E, W_Q/W_K/W_V (with heads), W_O; heatmap cells expose values',
    fn: async (page) => {
      for (const n of ['E row 1 column 2', 'W_Q row 1 column 2', 'W_K row 6 column 6', 'W_V row 2 column 1'])
        assert.equal(await cell(page, n).count(), 1, n);
      await page.getByLabel('Heads', { exact: true }).fill('2');
      await page.getByLabel('Heads', { exact: true }).press('Enter');
      await settle(page);
      assert.equal(await cell(page, 'W_Q head 1 row 1 column 2').count(), 1);
      await page.getByRole('radio', { name: 'Head 2' }).check();
      await settle(page);
      for (const k of ['W_Q', 'W_K', 'W_V']) assert.equal(await cell(page, `${k} head 2 row 1 column 2`).count(), 1, k);
      await page.getByLabel(/output projection/).check();
      await settle(page);
      assert.equal(await cell(page, 'W_O row 1 column 2').count(), 1);
      assert.equal(await cell(page, 'W_O row 12 column 6').count(), 1);
      await page.getByRole('radio', { name: 'Head 1' }).check();
      await settle(page);
      const w = await page.evaluate(() => deepQuery('attention-playground').trace.heads[0].weights.data[2]);
      const gc = page.getByRole('gridcell', { name: 'bank to money: ' + w.toFixed(2) });
      assert.ok((await gc.count()) >= 1, 'weights cell bank to money');
      assert.deepEqual((await checkShown(page)).bad, []);
    },
  },

  {
    name: 'undo and redo (Ctrl+Z, Ctrl+Shift+Z) of cell, sentence and control edits',
    fn: async (page) => {
      const s0 = await state(page);
      const c = cell(page, 'W_K row 1 column 1');
      await c.focus();
      await page.keyboard.press('Control+A');
      await page.keyboard.type('-2.5');
      await page.keyboard.press('Enter');
      await settle(page);
      const s1 = await state(page);
      assert.equal(s1.heads[0].wk[0][0], -2.5);
      await page.getByLabel('Sentence').fill('bank grows more money');
      await settle(page);
      await page.getByRole('radio', { name: 'Causal', exact: true }).check();
      await settle(page);
      const s3 = await state(page);
      assert.equal(s3.mask, 'causal');
      assert.deepEqual(s3.tokens, ['bank', 'grows', 'more', 'money']);
      assert.deepEqual(s3.embeddings[3], s1.embeddings[2], 'money kept its row');
      await page.keyboard.press('Control+z');
      await settle(page);
      assert.equal((await state(page)).mask, 'none');
      await page.keyboard.press('Control+z');
      await page.keyboard.press('Control+z');
      await settle(page);
      assert.deepEqual(await state(page), s0);
      assert.equal(await cell(page, 'W_K row 1 column 1').inputValue(), '1');
      assert.equal(await page.getByLabel('Sentence').inputValue(), 'bank grows money');
      await page.keyboard.press('Control+Shift+Z');
      await settle(page);
      assert.deepEqual(await state(page), s1);
      assert.deepEqual((await checkShown(page)).bad, []);
    },
  },

  {
    name: 'state-change and computed events; `state` set from script',
    fn: async (page) => {
      const got = await page.evaluate(async () => {
        const el = deepQuery('attention-playground');
        const events = [];
        el.addEventListener('state-change', (e) => events.push(['state-change', e.detail.state.embeddings[0][0]]));
        el.addEventListener('computed', (e) =>
          events.push(['computed', typeof e.detail.ms, e.detail.trace === el.trace]),
        );
        const input = deepQuery(el, '[aria-label="E row 1 column 1"]');
        input.value = '0.25';
        input.dispatchEvent(new Event('input', { bubbles: true }));
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        const s = el.state;
        s.temperature = 2;
        el.state = s;
        return { events, t: el.state.temperature, trace: el.trace.heads[0].scaled.data[0] };
      });
      assert.deepEqual(got.events.slice(0, 2), [
        ['computed', 'number', true],
        ['state-change', 0.25],
      ]);
      assert.deepEqual(got.events[2], ['computed', 'number', true]);
      assert.equal(got.t, 2);
      assert.deepEqual((await checkShown(page)).bad, []);
    },
  },

  {
    name: 'mask: causal shows −∞ and zero weights; clicking a cell makes a custom mask',
    fn: async (page) => {
      await page.getByRole('radio', { name: 'Causal', exact: true }).check();
      await settle(page);
      const masked = await shownRow(page.locator('mask-panel .r:not(.head)').first());
      assert.deepEqual(masked.slice(1), ['−∞', '−∞']);
      assert.deepEqual((await shownRow(page.locator('weights-panel .r:not(.head)').first())).slice(1), [
        '0.00',
        '0.00',
      ]);
      assert.equal(
        await page.getByRole('gridcell', { name: 'bank to money: 0.00, masked' }).count(),
        1,
        'a masked weight is not named as masked',
      );
      await page.locator('mask-panel .r:not(.head)').nth(2).locator('.c').first().click();
      await settle(page);
      const s = await state(page);
      assert.deepEqual(s.mask, [
        [1, 0, 0],
        [1, 1, 0],
        [0, 1, 1],
      ]);
      assert.deepEqual((await checkShown(page)).bad, []);
      await noNaN(page);
    },
  },

  {
    name: 'dragging a cell sideways scrubs its value, as one undo step',
    fn: async (page) => {
      const v0 = (await state(page)).embeddings[0][0];
      await cell(page, 'E row 1 column 1').scrollIntoViewIfNeeded();
      await settle(page);
      const box = await cell(page, 'E row 1 column 1').boundingBox();
      const y = box.y + box.height / 2;
      await page.mouse.move(box.x + 10, y);
      await page.mouse.down();
      for (let dx = 5; dx <= 40; dx += 5) await page.mouse.move(box.x + 10 + dx, y);
      await page.mouse.up();
      await settle(page);
      const v = (await state(page)).embeddings[0][0];
      assert.ok(Math.abs(v - (v0 + 0.4)) < 0.011, `scrubbed from ${v0} to ${v}`);
      assert.deepEqual((await checkShown(page)).bad, []);
      await page.keyboard.press('Control+z');
      await settle(page);
      assert.equal((await state(page)).embeddings[0][0], v0);
    },
  },

  {
    name: 'hovering or focusing a weight shows its arithmetic with the trace numbers',
    fn: async (page) => {
      const { formatNumber: f } = await import(new URL('../../build/wasm/site/web/widgets/format.js', import.meta.url));
      const t = await page.evaluate(() => {
        const h = deepQuery('attention-playground').trace.heads[0],
          Dk = h.q.cols;
        return {
          s: h.scores.data[1],
          w: h.weights.data[1],
          q: Array.from(h.q.data.slice(0, Dk)),
          k: Array.from(h.k.data.slice(Dk, 2 * Dk)),
        };
      });
      await page.locator('weights-panel .r:not(.head)').first().locator('.c').nth(1).hover();
      const text = await page.locator('weight-breakdown').textContent();
      assert.match(text, /How bank attends to grows/);
      assert.ok(text.includes(`${f(t.q[0])}×${f(t.k[0])} + `), 'sum of products');
      assert.ok(text.includes(`= ${f(t.s)}`), 'score total');
      assert.ok(text.includes(f(t.w, 3)), 'weight');
      await page.locator('weights-panel .r:not(.head)').nth(2).locator('.c').first().focus();
      await page.keyboard.press('ArrowRight');
      assert.match(await page.locator('weight-breakdown').textContent(), /How money attends to grows/);
    },
  },
  {
    name: "the breakdown's exp and row sum are the softmax's own (rowMax, rowSum): the page exponentiates nothing",
    fn: async (page) => {
      const { formatNumber: f } = await import(new URL('../../build/wasm/site/web/widgets/format.js', import.meta.url));
      const t = await page.evaluate(() => {
        const h = deepQuery('attention-playground').trace.heads[0];
        // Every call of Math.exp from here on is counted: the breakdown must take the trace's numbers.
        window.expCalls = 0;
        const exp = Math.exp;
        Math.exp = (x) => (window.expCalls++, exp(x));
        const T = h.weights.cols;
        return { m: h.rowMax[2], z: h.rowSum[2], s: h.masked.data[2 * T + 1], w: h.weights.data[2 * T + 1] };
      });
      await page.locator('weights-panel .r:not(.head)').nth(2).locator('.c').nth(1).hover();
      const text = await page.locator('weight-breakdown').textContent();
      assert.match(text, /How money attends to grows/);
      const less = t.m < 0 ? `− (${f(t.m)})` : `− ${f(t.m)}`;
      assert.ok(text.includes(`e^(${f(t.s)} ${less})`), `the row max ${f(t.m)} in: ${text}`);
      assert.ok(
        text.includes(`Σ_row e^(s′ − max) ${f(t.z, 3)} = ${f(t.w, 3)}`),
        `the row sum ${f(t.z, 3)} in: ${text}`,
      );
      assert.equal(await page.evaluate(() => window.expCalls), 0, 'Math.exp calls while the breakdown updated');
    },
  },

  {
    name: 'the arc view: pointing at a line selects its weight, at a query token its row; named for screen readers',
    fn: async (page) => {
      const arcs = page.locator('attention-arcs svg');
      await arcs.scrollIntoViewIfNeeded();
      await settle(page);
      // The figure is 320 units wide: query tokens end at x = 104, lines run to x = 196, rows are 24 high
      // from y = 26.  Halfway along, the line from query 3 to key 3 is the only one at row 3's height.
      const box = await arcs.boundingBox(),
        u = box.width / 320,
        rowY = (i) => 26 + 24 * i + 12;
      await page.mouse.move(box.x + 150 * u, box.y + rowY(2) * u);
      assert.match(await page.locator('weight-breakdown').textContent(), /How money attends to money/);
      await page.mouse.move(box.x + 90 * u, box.y + rowY(1) * u);
      assert.match(await page.locator('weight-breakdown').textContent(), /How grows attends to money/);
      const w = await page.evaluate(() =>
        Array.from(deepQuery('attention-playground').trace.heads[0].weights.data.slice(3, 6)),
      );
      assert.equal(
        await arcs.getAttribute('aria-label'),
        `Attention from “grows”: ${['bank', 'grows', 'money'].map((t, j) => `${t} ${w[j].toFixed(2)}`).join(', ')}`,
      );
    },
  },

  {
    name: 'saturation: no ÷√d_k and a low temperature show the warning',
    fn: async (page) => {
      await page.getByLabel(/Divide by/).uncheck();
      await page.getByLabel('Temperature τ', { exact: true }).fill('0.05');
      await page.getByLabel('Temperature τ', { exact: true }).press('Enter');
      await settle(page);
      const flags = await page.evaluate(() => deepQuery('attention-playground').trace.flags.saturatedRows[0]);
      assert.ok(flags.length > 0);
      assert.ok(await page.locator('row-diagnostics .saturation').isVisible());
      assert.equal(await page.locator('row-diagnostics .badge.sat').count(), flags.length);
      await page.getByLabel('Temperature τ', { exact: true }).fill('0.0001');
      await page.getByLabel('Temperature τ', { exact: true }).press('Enter');
      await settle(page);
      assert.match(await page.locator('scale-panel .field-error').textContent(), /Temperature/);
      assert.equal((await state(page)).temperature, 0.05);
      await noNaN(page);
    },
  },

  {
    name: 'examples: “it” attends most to “animal”; many heads and W_O stay consistent',
    fn: async (page) => {
      await page
        .getByLabel('Examples')
        .selectOption({ label: "The animal didn't cross the street because it was too tired" });
      await settle(page);
      const row = await shownRow(page.locator('weights-panel .r:not(.head)').nth(7));
      const best = row.map(Number).indexOf(Math.max(...row.map(Number)));
      assert.equal(best, 1, `it → ${best}: ${row}`);
      assert.match(await page.locator('weight-breakdown').textContent(), /How it attends to animal/);
      await page.getByLabel('Heads', { exact: true }).fill('8');
      await page.getByLabel('Heads', { exact: true }).press('Enter');
      await page.getByLabel(/output projection/).check();
      await settle(page);
      await page.getByRole('button', { name: 'Show head 5' }).click();
      await settle(page);
      assert.deepEqual((await checkShown(page)).bad, []);
      await noNaN(page);
    },
  },

  {
    name: 'a typed sentence takes its rows from the lexicon; unknown words are marked; edited rows are kept',
    fn: async (page) => {
      const lexicon = (words, D) =>
        page.evaluate(
          async ([ws, d]) => {
            const { lexiconVector } = await import('./state/lexicon.js');
            return ws.map((w) => lexiconVector(w, d));
          },
          [words, D],
        );
      const D0 = (await state(page)).embeddings[0].length;
      await cell(page, 'E row 1 column 1').fill('3');
      await settle(page);
      await page.getByLabel('Sentence').fill('the bank zorblat river grows');
      await settle(page);
      let s = await state(page);
      assert.deepEqual(s.tokens, ['the', 'bank', 'zorblat', 'river', 'grows']);
      assert.equal(s.embeddings[1][0], 3, 'the edited row of "bank" is kept');
      const [the, river, grows] = await lexicon(['the', 'river', 'grows'], D0);
      assert.deepEqual([s.embeddings[0], s.embeddings[3], s.embeddings[4]], [the, river, grows]);
      assert.ok(river.some((x) => x !== 0) && grows.some((x) => x !== 0));
      assert.deepEqual(s.embeddings[2], new Array(D0).fill(0));
      // The unknown word says so: its row header, its cells' names, a line under E.
      const header = page.locator('embeddings-panel tbody th').nth(2);
      assert.match(await header.getAttribute('class'), /noted/);
      assert.match(await header.textContent(), /zorblat\?/);
      assert.equal(await cell(page, 'E row 3 column 1 (zorblat: not in the lexicon)').count(), 1);
      assert.equal(await cell(page, 'E row 4 column 1').count(), 1, 'a known word is not marked');
      assert.match(await page.locator('embeddings-panel .lexicon-note').textContent(), /“zorblat”/);
      await page.getByLabel('Sentence').fill('the bank river grows');
      await settle(page);
      assert.ok(await page.locator('embeddings-panel .lexicon-note').isHidden());
      // Fewer dimensions than the lexicon's: the first D; more: unnamed columns at 0, and the page says so.
      const legend = () => page.locator('embeddings-panel .dims dt').allTextContents();
      assert.equal((await legend()).length, D0);
      await page.getByLabel('D', { exact: true }).fill('4');
      await page.getByLabel('D', { exact: true }).press('Enter');
      await settle(page);
      assert.equal((await legend()).length, 4);
      assert.match(await page.locator('embeddings-panel .dims-box').textContent(), /first 4 of the lexicon's/);
      await page.getByLabel('Sentence').fill('the bank river grows money');
      await settle(page);
      assert.deepEqual((await state(page)).embeddings[4], (await lexicon(['money'], 4))[0]);
      await page.getByLabel('D', { exact: true }).fill('16');
      await page.getByLabel('D', { exact: true }).press('Enter');
      await settle(page);
      await page.getByLabel('Sentence').fill('the bank river grows money guitar');
      await settle(page);
      s = await state(page);
      assert.deepEqual(s.embeddings[5], (await lexicon(['guitar'], 16))[0]);
      assert.deepEqual(s.embeddings[5].slice(D0), new Array(16 - D0).fill(0));
      const cols = await page.locator('embeddings-panel thead th[scope=col]').allTextContents();
      assert.deepEqual(cols.slice(D0), new Array(16 - D0).fill('unnamed'));
      assert.match(
        await page.locator('embeddings-panel .dims-box').textContent(),
        new RegExp(`columns ${D0 + 1}–16 are unnamed and start at 0`),
      );
      // The tokens attribute fills rows the same way.
      await page.evaluate(() => {
        const el = document.createElement('attention-playground');
        el.id = 'typed';
        el.setAttribute('tokens', 'my guitar zorblat');
        document.body.append(el);
      });
      await page.waitForFunction(() => deepQuery('#typed')?.trace?.output.rows === 3);
      const typed = await page.evaluate(() => deepQuery('#typed').state.embeddings);
      assert.deepEqual(typed.slice(0, 2), await lexicon(['my', 'guitar'], D0));
      assert.equal(
        await page
          .locator('#typed embeddings-panel')
          .getByRole('spinbutton', { name: /zorblat: not in the lexicon/ })
          .count(),
        D0,
      );
      assert.deepEqual((await checkShown(page)).bad, []);
      await noNaN(page);
    },
  },

  {
    name: 'at 360 px wide the page stacks without horizontal scrolling',
    viewport: { width: 360, height: 800 },
    fn: async (page, { screenshots }) => {
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360), 'page scrolls sideways');
      await page.addStyleTag({ content: '.ap .panel { content-visibility: visible !important; }' });
      await page.screenshot({ path: join(screenshots, 'playground-360.png'), fullPage: true });
    },
  },

  {
    name: 'the whole page at 1280×900: every panel laid out and inside the window, every tensor painted, no NaN',
    viewport: { width: 1280, height: 900 },
    fn: async (page, { screenshots }) => {
      // Off-screen panels are skipped by content-visibility until scrolled to; a full-page capture needs them drawn.
      await page.addStyleTag({ content: '.ap .panel { content-visibility: visible !important; }' });
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
      const panels = await page.locator('.ap .panel').evaluateAll((els) =>
        els
          .filter((el) => !el.closest('[hidden]'))
          .map((el) => {
            const r = el.getBoundingClientRect();
            return { name: el.localName, height: r.height, left: r.left, right: r.right };
          }),
      );
      assert.ok(panels.length >= 8, `expected the playground's panels, found ${panels.length}`);
      for (const p of panels) {
        assert.ok(p.height > 0, `${p.name} has no height`);
        assert.ok(p.left >= 0 && p.right <= 1280, `${p.name} spans ${p.left}..${p.right} px, outside the window`);
      }
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 1280), 'page scrolls sideways');
      const blank = await page.locator('.ap matrix-view canvas').evaluateAll((cs) =>
        cs
          .filter((c) => c.width > 0 && !c.closest('[hidden]'))
          .filter(
            (c) =>
              !c
                .getContext('2d')
                .getImageData(0, 0, c.width, c.height)
                .data.some((v, i) => i % 4 === 3 && v),
          )
          .map((c) => c.closest('matrix-view').name),
      );
      assert.deepEqual(blank, [], 'tensors with nothing painted');
      await noNaN(page);
      await page.screenshot({ path: join(screenshots, 'playground.png'), fullPage: true });
    },
  },
];
