// The teaching labs, driven like the page tests: a fresh page with the default preset each.  Every lab
// renders engine-computed numbers; training lowers the loss; the cost lab's slope fits the times it measured.
import assert from 'node:assert/strict';
import { contrast } from '../../web/widgets/format.js';

const openLab = (page, name) => page.click(`playground-labs [role=tab][data-lab=${name}]`);
const num = (text, re) => Number(re.exec(text)?.[1].replace('\u2212', '-'));
// A run stops by itself once the loss is tiny: press Stop only if it is still going (checked and pressed
// in one step, so the run cannot end in between and leave a click waiting on a disabled button).
const stopIfRunning = (page) =>
  page.evaluate(() => {
    const stop = [...deepQueryAll('train-lab button')].find((b) => b.textContent === 'Stop');
    if (!stop.disabled) stop.click();
  });
const playgroundState = (page) => page.evaluate(() => deepQuery('attention-playground').state);

/** The largest page the controls allow: 24 tokens, D = dk = 16, 8 heads, W_O, and E row 1 column 1 = 3.9. */
export const FULL_WORDS =
  'the animal did not cross the street because it was too tired and the river bank grows money while java is a fine language';
export async function fullSize(page) {
  await page.evaluate(async (words) => {
    const el = deepQuery('attention-playground');
    el.setAttribute('tokens', words);
    el.setAttribute('d-model', '16');
    el.setAttribute('d-k', '16');
    el.setAttribute('heads', '8');
    const settle = () => new Promise((r) => setTimeout(r, 50)); // attribute changes apply after a task
    await settle();
    const wo = [...deepQueryAll(el, 'input[type=checkbox]')].find((c) =>
      /output projection/i.test(c.closest('label')?.textContent ?? ''),
    );
    if (!wo.checked) wo.click();
    await settle();
    const s = el.state;
    s.embeddings[0][0] = 3.9;
    el.state = s;
  }, FULL_WORDS);
}

/** Figures the suite reports at the end (training step time, cost-lab timings). */
export const labFigures = {};

export const labsTests = [
  {
    name: 'labs: a Labs tab list after the pipeline opens each lab, one at a time',
    fn: async (page) => {
      const tabs = await page.locator('playground-labs [role=tab]').allTextContents();
      const labs = await page.evaluate(async () => (await import('./app/registry.js')).LABS.map((l) => l.label));
      assert.deepEqual(labs.slice(0, 5), ['Train', 'Mistakes', 'Saturation', 'Cost', 'Context']);
      assert.deepEqual(tabs, labs, 'a tab per lab of the registry, in its order');
      assert.ok(await page.locator('nav.pipeline-map a', { hasText: 'Labs' }).count(), 'the map links to the labs');
      for (const name of ['mistakes', 'saturation', 'context', 'order', 'train']) {
        await openLab(page, name);
        const shown = await page
          .locator('playground-labs [role=tabpanel]:not([hidden])')
          .evaluateAll((els) => els.map((e) => e.dataset.lab));
        assert.deepEqual(shown, [name]);
      }
    },
  },

  {
    name: 'train lab: a goal, Step and Run lower the loss and move the playground’s weights; undo restores them',
    fn: async (page) => {
      const before = await playgroundState(page);
      await openLab(page, 'train');
      assert.equal(await page.locator('train-lab .lab-cell').count(), 9, 'a 3×3 grid of the weights');
      const shownW = await page.locator('train-lab .lab-cell').first().textContent();
      const w00 = await page.evaluate(async () => {
        const { formatNumber } = await import('./widgets/format.js');
        return formatNumber(deepQuery('attention-playground').trace.heads[0].weights.data[0]);
      });
      assert.equal(shownW, w00, 'the grid shows the trace’s weights');
      await page.selectOption('train-lab select', { label: '“bank” attends to “grows”' });
      assert.equal(await page.locator('train-lab .lab-cell.target').count(), 1);
      const w01 = () => page.evaluate(() => deepQuery('attention-playground').trace.heads[0].weights.data[1]);
      const start = await w01();
      for (let k = 0; k < 3; k++) await page.click('train-lab button:text-is("Step")');
      await page.click('train-lab button:text-is("Run")');
      await page.waitForTimeout(600);
      await stopIfRunning(page);
      const text = await page.textContent('train-lab .lab-figures');
      const first = num(text, /loss ([\d.]+) →/),
        last = num(text, /→ ([\d.]+) after/);
      assert.ok(last < first / 2, `loss ${first} → ${last}: ${text}`);
      assert.ok((await w01()) > start + 0.2, `bank→grows weight ${start} → ${await w01()}`);
      const after = await playgroundState(page);
      assert.notDeepEqual(after.heads[0].wq, before.heads[0].wq, 'W_Q trained');
      assert.deepEqual(after.heads[0].wv, before.heads[0].wv, 'W_V untouched (not checked)');
      assert.ok(await page.locator('train-lab svg polyline').count(), 'a loss curve');
      labFigures.trainStep = num(text, /([\d.]+) ms per step/);
      await page.evaluate(() => {
        const el = deepQuery('attention-playground');
        el.undo();
        el.undo();
      });
      assert.deepEqual(
        (await playgroundState(page)).heads,
        before.heads,
        'two undos (the steps, the run) restore the weights',
      );
    },
  },

  {
    name: 'train lab: matrices the page locks (editable, readonly) are not trained',
    fn: async (page) => {
      const el = 'attention-playground';
      await page.evaluate((el) => deepQuery(el).setAttribute('editable', 'W_Q'), el);
      await openLab(page, 'train');
      const box = (label) => page.locator('train-lab .lab-bar label', { hasText: label }).locator('input');
      assert.ok(await box('W_K').isDisabled(), 'W_K is locked');
      assert.ok(!(await box('W_Q').isDisabled()), 'W_Q is editable');
      const before = await playgroundState(page);
      await page.selectOption('train-lab select', { label: '“bank” attends to “grows”' });
      for (let k = 0; k < 3; k++) await page.click('train-lab button:text-is("Step")');
      const after = await playgroundState(page);
      assert.notDeepEqual(after.heads[0].wq, before.heads[0].wq, 'W_Q trained');
      assert.deepEqual(after.heads[0].wk, before.heads[0].wk, 'W_K (locked) untouched');
      await page.evaluate((el) => {
        const p = deepQuery(el);
        p.removeAttribute('editable');
        p.setAttribute('readonly', '');
      }, el);
      await page.waitForFunction(() => deepQuery('train-lab .lab-figures').textContent.includes('locked on this page'));
      assert.ok(await page.locator('train-lab button:text-is("Step")').isDisabled(), 'nothing to train: Step is off');
      await page.evaluate((el) => deepQuery(el).removeAttribute('readonly'), el);
    },
  },

  {
    name: 'train lab: clicking a weight marks it as its row’s target; Reset returns to the untrained weights',
    fn: async (page) => {
      await openLab(page, 'train');
      const before = await playgroundState(page);
      await page.click('train-lab .lab-cell[data-i="2"][data-j="0"]');
      assert.equal(await page.locator('train-lab .lab-cell.target[data-i="2"][data-j="0"]').count(), 1);
      for (let k = 0; k < 4; k++) await page.click('train-lab button:text-is("Step")');
      assert.notDeepEqual((await playgroundState(page)).heads[0].wk, before.heads[0].wk);
      await page.click('train-lab button:text-is("Reset")');
      const reset = await playgroundState(page);
      reset.heads[0].wk.flat().forEach((x, k) => assert.ok(Math.abs(x - before.heads[0].wk.flat()[k]) < 1e-6));
    },
  },

  {
    name: 'train lab: an out-of-range learning rate says so in words and what stays in use; Step uses the rate the field shows',
    fn: async (page) => {
      await openLab(page, 'train');
      await page.selectOption('train-lab select', { label: '“bank” attends to “grows”' });
      const field = page.getByRole('spinbutton', { name: 'Learning rate' });
      const inUse = await field.inputValue();
      await field.fill('1000');
      await field.press('Enter');
      const text = await page.textContent('train-lab .lab-figures');
      assert.match(text, /learning rate of 1000 is too large: it can be at most 100; still using /, text);
      assert.ok(text.includes(`still using ${inUse}`), text);
      assert.doesNotMatch(text, /options\./, 'no internal names');
      assert.equal(await field.inputValue(), inUse, 'once committed, the field shows the rate in use again');
      for (const bad of ['0', '-1', '']) {
        await field.fill(bad);
        await field.press('Enter');
        assert.ok((await page.textContent('train-lab .lab-figures')).includes(`still using ${inUse}`), bad);
      }
      // The rate in use is the one shown: the step equals a trainer's step at that rate.
      await field.fill('0.3');
      await field.press('Enter');
      const before = await playgroundState(page);
      await field.fill('1000'); // typed, not committed: Step (which takes the focus) still must not use it
      await page.click('train-lab button:text-is("Step")');
      assert.equal(await field.inputValue(), '0.3');
      const expected = await page.evaluate(async (s) => {
        const { loadEngine } = await import('./app/engine-loader.js');
        const engine = await loadEngine();
        const target = [s.tokens.map((_, i) => s.tokens.map((_, j) => (i === 0 && j === 1 ? 1 : 0)))];
        return engine.trainer(s, { target, learningRate: 0.3, train: ['wq', 'wk'] }).step(1).state.heads[0].wq;
      }, before);
      const after = await playgroundState(page);
      after.heads[0].wq.flat().forEach((x, k) => assert.ok(Math.abs(x - expected.flat()[k]) < 1e-6, `W_Q ${k}`));
    },
  },

  {
    name: 'train lab: Clear targets and unmarking the last target throw nothing and drop the old goal’s figures',
    fn: async (page) => {
      await openLab(page, 'train');
      await page.selectOption('train-lab select', { label: '“bank” attends to “grows”' });
      for (let k = 0; k < 3; k++) await page.click('train-lab button:text-is("Step")');
      assert.match(await page.textContent('train-lab .lab-figures'), /loss [\d.]+ → [\d.]+ after 3 steps/);
      await page.click('train-lab button:text-is("Clear targets")');
      let text = await page.textContent('train-lab .lab-figures');
      assert.doesNotMatch(text, /loss|⚠/, text);
      assert.match(text, /no targets marked/);
      // Mark one, train, unmark it: the same.
      await page.click('train-lab .lab-cell[data-i="2"][data-j="0"]');
      await page.click('train-lab button:text-is("Step")');
      assert.match(await page.textContent('train-lab .lab-figures'), /after 1 steps/);
      await page.click('train-lab .lab-cell[data-i="2"][data-j="0"]');
      text = await page.textContent('train-lab .lab-figures');
      assert.doesNotMatch(text, /loss|⚠/, text);
      // Training toward a new target afterwards still works.
      await page.click('train-lab .lab-cell[data-i="1"][data-j="0"]');
      await page.click('train-lab button:text-is("Step")');
      assert.match(await page.textContent('train-lab .lab-figures'), /after 1 steps/);
    },
  },

  {
    name: 'train lab: a diverging run (24 tokens, D = dk = 16, 8 heads, rate 0.5) stops and suggests a smaller rate',
    fn: async (page) => {
      await fullSize(page);
      await openLab(page, 'train');
      await page.selectOption('train-lab select', { label: 'every token attends to itself' });
      const field = page.getByRole('spinbutton', { name: 'Learning rate' });
      await field.fill('0.5');
      await field.press('Enter');
      await page.click('train-lab button:text-is("Run")');
      await page.waitForFunction(() => /diverges/.test(deepQuery('train-lab .lab-figures').textContent));
      const text = await page.textContent('train-lab .lab-figures');
      assert.match(text, /Training diverges: the loss (rose on 3 steps in a row|grew from)/, text);
      assert.match(text, /try a smaller rate such as 0\.1/, text);
      assert.ok(await page.locator('train-lab button:text-is("Stop")').isDisabled(), 'the run stopped');
      const steps = num(text, /after (\d+) steps/);
      assert.ok(steps <= 10, `stopped after ${steps} steps`);
    },
  },

  {
    name: 'train lab at 360 × 740: the Goal menu and every control stay inside the lab’s card',
    viewport: { width: 360, height: 740 },
    fn: async (page) => {
      await openLab(page, 'train');
      await page.selectOption('train-lab select', { label: 'every token attends to the previous one' });
      const out = await page.evaluate(() => {
        const card = deepQuery('train-lab').getBoundingClientRect();
        return [...deepQueryAll('train-lab .lab-bar > *, train-lab select')]
          .map((el) => ({ what: el.textContent.slice(0, 30), right: el.getBoundingClientRect().right }))
          .filter((x) => x.right > card.right + 0.5 || x.right > innerWidth);
      });
      assert.deepEqual(out, [], 'controls past the card’s right edge');
    },
  },

  {
    name: 'train lab: under a causal mask the blocked weights cannot be targets; on the animal preset “it” can be trained to attend to “street”',
    fn: async (page) => {
      await page.evaluate(() => {
        const el = deepQuery('attention-playground');
        el.state = { ...el.state, mask: 'causal' };
      });
      await openLab(page, 'train');
      assert.equal(
        await page.locator('train-lab button.lab-cell').count(),
        6,
        'only the 6 allowed weights are buttons',
      );
      await page.evaluate(async () => {
        const { sentenceState } = await import('./state/presets.js');
        deepQuery('attention-playground').state = sentenceState('animal-street');
      });
      await page.selectOption('train-lab select', { label: '“it” attends to “street”' });
      await page.click('train-lab button:text-is("Run")');
      await page.waitForFunction(() => /→ 0\.0\d\d/.test(deepQuery('train-lab .lab-figures').textContent), null, {
        timeout: 8000,
      });
      await stopIfRunning(page);
      const s = await playgroundState(page),
        T = s.tokens.length,
        it = s.tokens.indexOf('it'),
        street = s.tokens.indexOf('street');
      const w = await page.evaluate(
        ([i, j, T]) => deepQuery('attention-playground').trace.heads[0].weights.data[i * T + j],
        [it, street, T],
      );
      assert.ok(w > 0.9, `it → street ${w}`);
    },
  },

  {
    name: 'mistakes lab: swapped Q/K gives the transposed scores, no √dk saturates, no mask leaks the future',
    fn: async (page) => {
      await openLab(page, 'mistakes');
      await page.click('mistakes-lab button.show-mistakes');
      const [swap, scale, mask] = await page.locator('mistakes-lab .lab-figures').allTextContents();
      assert.match(swap, /largest difference 0\.0000/);
      const maxW = [...scale.matchAll(/mean max weight ([\d.]+) → ([\d.]+)/g)][0];
      assert.ok(Number(maxW[2]) > Number(maxW[1]), scale);
      const grad = /Jacobian‖ ([\d.]+) → ([\d.]+)/.exec(scale);
      assert.ok(Number(grad[2]) < Number(grad[1]), scale);
      assert.match(mask, /3 future weights/);
      const leaks = await page.locator('mistakes-lab .leaks li').allTextContents();
      const want = await page.evaluate(async () => {
        const { formatNumber } = await import('./widgets/format.js');
        return formatNumber(deepQuery('attention-playground').trace.heads[0].weights.data[2]);
      });
      assert.ok(leaks.includes(`“bank” (1) read the future “money” (3) with weight ${want}`), leaks.join('\n'));
      assert.equal(await page.locator('mistakes-lab .lab-cell').count(), 6 * 9);
    },
  },

  {
    name: 'labs: plot lines and points take the theme: at least 3:1 against the card, light and dark',
    fn: async (page) => {
      // Each line's computed stroke against the lab's card, as WCAG contrast ratios.
      const contrasts = async () => {
        const { strokes, card } = await page.evaluate(() => {
          const lab = deepQuery('saturation-lab');
          return {
            strokes: [...lab.querySelectorAll('svg polyline')].map((l) => getComputedStyle(l).stroke),
            card: getComputedStyle(lab.closest('.panel') ?? lab).backgroundColor,
          };
        });
        return strokes.map((stroke) => contrast(stroke, card));
      };
      await openLab(page, 'saturation');
      for (const theme of ['light', 'dark']) {
        await page.evaluate((t) => deepQuery('attention-playground').setAttribute('theme', t), theme);
        await page.waitForTimeout(100);
        const got = await contrasts();
        assert.ok(got.length >= 2 && got.every((c) => c >= 3), `${theme}: ${got.map((c) => c.toFixed(2))}`);
      }
    },
  },

  {
    name: 'saturation lab: at a large dk the unscaled rows saturate (max weight up, Jacobian down)',
    fn: async (page) => {
      await openLab(page, 'saturation');
      const slider = page.locator('saturation-lab input[type=range]');
      await slider.fill(await slider.getAttribute('max'));
      const cell = (m, k) => page.locator(`saturation-lab tr[data-metric=${m}] td`).nth(k).textContent().then(Number);
      assert.ok((await cell('maxWeight', 1)) > (await cell('maxWeight', 0)) + 0.2);
      assert.ok((await cell('gradNorm', 1)) < (await cell('gradNorm', 0)) / 2);
      assert.ok((await cell('entropy', 1)) < (await cell('entropy', 0)));
      assert.equal(await page.locator('saturation-lab svg polyline').count(), 6);
    },
  },

  {
    name: 'cost lab: the slope shown fits the kernel times it measured; SIMD vs scalar; a 2048×2048 heatmap',
    fn: async (page) => {
      await openLab(page, 'cost');
      await page.waitForFunction(() => deepQuery('cost-lab').dataset.fullMs, null, { timeout: 15000 });
      // The slope shown is the least-squares fit of the times the lab measured and plots (n ≥ 256).  How near
      // it comes to 2 depends on the machine's load: the benchmarks (bench/) hold the kernel to O(n²), not this.
      // Figure and times in one synchronous read: a point of the sweep landing in between would split them.
      const [slopeText, simd] = await page.evaluate(() => [
        deepQuery('cost-lab .slope').textContent,
        deepQuery('cost-lab').times.simd,
      ]);
      const slope = num(slopeText, /simd: slope ([\d.]+)/);
      const fit = simd.filter(([n]) => n >= 256).map(([n, ms]) => [Math.log(n), Math.log(ms)]);
      const mx = fit.reduce((a, [x]) => a + x, 0) / fit.length,
        my = fit.reduce((a, [, y]) => a + y, 0) / fit.length;
      const want = fit.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0) / fit.reduce((a, [x]) => a + (x - mx) ** 2, 0);
      assert.ok(fit.length >= 3 && Math.abs(slope - want) <= 0.005, `slope shown ${slope}, fit of ${simd} ${want}`);
      const [first, last] = [simd[0], simd[simd.length - 1]];
      assert.ok(
        last[0] >= 8 * first[0] && last[1] > first[1],
        `the kernel at n = ${last[0]} took longer than at ${first[0]}`,
      );
      await page.selectOption('cost-lab select[aria-label="Tokens n"]', '2048');
      // "measuring at n = 2048…" comes first: wait for the figures themselves.
      await page.waitForFunction(
        () => /^n = 2048, d = .*speed-up/.test(deepQuery('cost-lab .at-n').textContent),
        null,
        { timeout: 15000 },
      );
      const text = await page.textContent('cost-lab .at-n');
      const speedup = num(text, /speed-up ×([\d.]+)/);
      assert.ok(speedup > 2, text);
      // It names the build whose kernel it timed, as the page's engine chose it.
      const relaxed = await page.evaluate(async () => (await import('../wasm/engine.js')).relaxedSimdSupported());
      const build = relaxed ? 'relaxed-SIMD build, fused multiply-add' : 'SIMD128 build';
      assert.ok(text.includes(`ms (SIMD, ${build}) vs`), text);
      assert.equal(
        await page.locator('cost-lab select[aria-label="Engine"] option').first().textContent(),
        `SIMD (xsimd → wasm, ${build})`,
      );
      labFigures.kernel2048 = await page.evaluate(() => Number(deepQuery('cost-lab').dataset.simdMs));
      labFigures.full2048 = await page.evaluate(() => Number(deepQuery('cost-lab').dataset.fullMs));
      labFigures.speedup2048 = speedup;
      labFigures.slope = slope;
      assert.equal(await page.locator('cost-lab canvas').evaluate((c) => c.width), 512);
    },
  },

  {
    name: 'context lab: one static “bank”, two contextual outputs from the engine, cosines and a 2-D plot',
    fn: async (page) => {
      await openLab(page, 'context');
      const rows = await page
        .locator('context-lab table.vectors tr')
        .evaluateAll((trs) => trs.slice(1).map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
      const { want, cosines } = await page.evaluate(async () => {
        const { formatNumber } = await import('./widgets/format.js');
        const { sentenceState } = await import('./state/presets.js');
        const engine = await (await import('./app/engine-loader.js')).loadEngine();
        const vectors = ['bank-deposit', 'river-bank'].map((id) => {
          const s = sentenceState(id),
            t = engine.run(s),
            i = s.tokens.indexOf('bank'),
            D = s.embeddings[0].length;
          return Array.from(t.output.data.subarray(i * D, i * D + D));
        });
        const s = sentenceState('bank-deposit');
        const all = [s.embeddings[s.tokens.indexOf('bank')], ...vectors];
        const dot = (a, b) => a.reduce((sum, x, k) => sum + x * b[k], 0);
        const cos = (a, b) => dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b));
        return {
          want: vectors.map((v) => v.map((x) => formatNumber(x))),
          cosines: all.map((a) => all.map((b) => cos(a, b))),
        };
      });
      assert.deepEqual(rows.slice(1), want, 'contextual rows are the engine’s outputs');
      const shown = await page
        .locator('context-lab table.cosines tr[data-row]')
        .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => Number(td.textContent))));
      // Each cell is the cosine of two of the vectors above, to the 3 decimals shown.
      assert.equal(shown.length, 3);
      shown.forEach((row, r) =>
        row.forEach((got, c) => assert.ok(Math.abs(got - cosines[r][c]) <= 5e-4, `cos[${r}][${c}] ${got}`)),
      );
      assert.ok(cosines[0][1] < 0.99 && cosines[0][2] < 0.99, 'context moves both banks off the static vector');
      assert.ok(cosines[1][2] < 0.9, 'the two contextual banks differ');
      assert.equal(await page.locator('context-lab svg.pca circle').count(), 2 * (8 + 6));
    },
  },

  {
    name: 'labs as `panels` values: <attention-playground panels="train context"> shows just those labs',
    fn: async (page) => {
      await page.evaluate(() => {
        const el = document.createElement('attention-playground');
        el.setAttribute('panels', 'train context');
        el.id = 'only-labs';
        document.body.append(el);
      });
      await page.waitForFunction(() => deepQuery('#only-labs')?.trace);
      const visible = await page
        .locator('#only-labs [data-panel]:not([hidden])')
        .evaluateAll((els) => els.map((e) => e.dataset.panel));
      assert.deepEqual(visible, ['train', 'context']);
      assert.equal(await page.locator('#only-labs playground-labs').count(), 0);
      await page.selectOption('#only-labs train-lab select', { index: 1 });
      await page.click('#only-labs train-lab button:text-is("Step")');
      assert.match(await page.textContent('#only-labs train-lab .lab-figures'), /after 1 steps/);
      assert.ok((await page.locator('#only-labs context-lab table.cosines td').count()) === 9);
    },
  },

  {
    name: 'labs as `panels` values: "cost" and its former name "scaling" both show the cost lab on its own',
    fn: async (page) => {
      for (const value of ['cost', 'scaling', 'weights, scaling']) {
        const shown = await page.evaluate(async (value) => {
          const el = document.createElement('attention-playground');
          el.setAttribute('panels', value);
          document.body.append(el);
          while (!el.trace) await new Promise((r) => setTimeout(r, 20));
          await new Promise((r) => requestAnimationFrame(r));
          const out = {
            visible: [...deepQueryAll(el, '[data-panel]:not([hidden])')].map((e) => e.dataset.panel),
            labs: deepQueryAll(el, 'playground-labs').length,
            cost: deepQueryAll(el, 'cost-lab').length,
            message: deepQuery(el, '.ap-embed-msg')?.hidden === false,
          };
          el.remove();
          return out;
        }, value);
        assert.deepEqual(
          shown,
          { visible: value.startsWith('weights') ? ['weights', 'cost'] : ['cost'], labs: 0, cost: 1, message: false },
          value,
        );
      }
    },
  },
];
