// Positions on the page: the panel between E and the projections, its three modes (P and X against the trace;
// a learned table edited with the keyboard), the positions attribute with editable and panels, and the word
// order lab's figures against engine runs of the two sentences.
import assert from 'node:assert/strict';
import { checkShown } from './page-tests.mjs';

const settle = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
const state = (page) => page.evaluate(() => deepQuery('attention-playground').state);
/** A trace tensor as rows of numbers. */
const trace = (page, key) =>
  page.evaluate((key) => {
    const m = deepQuery('attention-playground').trace[key];
    return Array.from({ length: m.rows }, (_, r) => Array.from(m.data.slice(r * m.cols, (r + 1) * m.cols)));
  }, key);
const mode = (page) => page.locator('positions-panel input[type=radio]:checked').getAttribute('value');
const pick = (page, label) => page.click(`positions-panel label:has(input[value=${label}])`);

export const positionsTests = [
  {
    name: 'positions: the panel sits between E and the projections; None shows P = 0 and X = E',
    fn: async (page) => {
      const order = await page.locator('.pipeline > [data-panel]').evaluateAll((ps) => ps.map((p) => p.dataset.panel));
      const at = order.indexOf('embeddings');
      assert.deepEqual(order.slice(at, at + 3), ['embeddings', 'positions', 'projections']);
      assert.equal(await mode(page), 'none');
      const s = await state(page);
      assert.equal(s.positions, 'none');
      assert.ok((await trace(page, 'positions')).flat().every((v) => v === 0));
      assert.deepEqual(
        await trace(page, 'x'),
        s.embeddings.map((r) => r.map(Math.fround)),
      );
      const { bad } = await checkShown(page);
      assert.deepEqual(bad, []);
      assert.match(await page.textContent('positions-panel'), /P is all 0 and X is E/);
    },
  },

  {
    name: 'positions: sinusoidal and learned show the engine’s P and X; a learned cell is typed with the keyboard',
    fn: async (page) => {
      await pick(page, 'sinusoidal');
      await settle(page);
      assert.equal((await state(page)).positions, 'sinusoidal');
      const sin = await trace(page, 'positions');
      assert.equal(sin[1][0], Math.fround(Math.sin(1)));
      assert.equal(sin[0][1], 1);
      assert.deepEqual((await checkShown(page)).bad, []);
      assert.match(await page.textContent('positions-panel'), /Adding P also moves the named dimensions/);
      // The projections read X: Q = X·W_Q of the trace, not E·W_Q.
      const x = await trace(page, 'x'),
        E = (await state(page)).embeddings;
      assert.notDeepEqual(x, E);

      // Learned starts from the sinusoidal values: no number moves.
      const before = await trace(page, 'output');
      await page.focus('positions-panel input[value=learned]');
      await page.keyboard.press('Space');
      await settle(page);
      assert.equal(await mode(page), 'learned');
      assert.deepEqual((await state(page)).positions, sin);
      assert.deepEqual(await trace(page, 'output'), before);
      const cell = page.getByRole('spinbutton', { name: 'P (learned) row 1 column 1', exact: true });
      await cell.focus();
      await page.keyboard.type('12.5');
      await page.keyboard.press('Enter');
      await settle(page);
      const s = await state(page);
      assert.equal(s.positions[0][0], 12.5);
      assert.equal((await trace(page, 'x'))[0][0], Math.fround(s.embeddings[0][0] + 12.5));
      assert.deepEqual((await checkShown(page)).bad, []);
      // Text that is no number is kept, with a message naming the cell; the state keeps 12.5.
      await cell.focus();
      await page.keyboard.type('abc');
      await page.keyboard.press('Enter');
      await settle(page);
      assert.equal((await state(page)).positions[0][0], 12.5);
      assert.match(await page.textContent('positions-panel'), /still using 12\.5/i);
      await page.keyboard.press('Escape');
      // A larger D keeps the table and fills the new column with 0; a smaller one hides it, and back it comes.
      const D = (await state(page)).embeddings[0].length;
      const sizeD = page.getByRole('spinbutton', { name: 'D', exact: true });
      for (const d of [D + 1, D - 1, D]) {
        await sizeD.fill(String(d));
        await sizeD.press('Enter');
        await settle(page);
        const P = (await state(page)).positions;
        assert.equal(P[0].length, d);
        assert.equal(P[0][0], 12.5);
        if (d === D + 1)
          assert.ok(
            P.every((row) => row[D] === 0),
            'a new column starts at 0',
          );
        if (d === D) assert.deepEqual(P.slice(1), sin.slice(1), 'the hidden column comes back');
      }
      await pick(page, 'none');
      await settle(page);
      assert.equal((await state(page)).positions, 'none');
      assert.ok((await trace(page, 'positions')).flat().every((v) => v === 0));
      // Back to learned: the table edited before comes back.
      await pick(page, 'learned');
      await settle(page);
      assert.equal((await state(page)).positions[0][0], 12.5);
    },
  },

  {
    name: 'positions: a sentence change keeps the learned rows by position; the train lab trains P',
    fn: async (page) => {
      await pick(page, 'learned');
      await settle(page);
      const P = (await state(page)).positions;
      await page.fill('playground-controls input.sentence', 'money grows');
      await page.keyboard.press('Enter');
      await settle(page);
      const two = (await state(page)).positions;
      assert.deepEqual(two, P.slice(0, 2));
      await page.fill('playground-controls input.sentence', 'bank grows money today');
      await page.keyboard.press('Enter');
      await settle(page);
      const four = (await state(page)).positions;
      assert.deepEqual(four.slice(0, 3), P, 'the third row comes back');
      assert.ok(
        four[3].every((v) => v === 0),
        'a new position starts at 0',
      );
      // Train only P toward "bank" attending to "today".
      await page.click('playground-labs [role=tab][data-lab=train]');
      for (const key of ['wq', 'wk']) await page.uncheck(`train-lab input[value=${key}]`);
      await page.check('train-lab input[value=positions]');
      await page.click('train-lab .lab-cell >> nth=3');
      for (let k = 0; k < 3; k++) await page.click('train-lab button:text-is("Step")');
      await settle(page);
      const after = await state(page);
      assert.notDeepEqual(after.positions, four, `P moved: ${await page.textContent('train-lab .lab-figures')}`);
      assert.deepEqual(after.heads, (await state(page)).heads);
      await pick(page, 'sinusoidal');
      await settle(page);
      assert.ok(await page.locator('train-lab input[value=positions]').isDisabled(), 'only a learned P trains');
    },
  },

  {
    name: 'positions: the attribute, editable="P" and panels="positions"',
    fn: async (page) => {
      const el = () => page.locator('attention-playground');
      await el().evaluate((e) => e.setAttribute('positions', 'sinusoidal'));
      await settle(page);
      assert.equal((await state(page)).positions, 'sinusoidal');
      await el().evaluate((e) => e.setAttribute('positions', 'learned'));
      await settle(page);
      assert.match(await page.textContent('.ap-embed-msg'), /positions="learned": expected "none" or "sinusoidal"/);
      assert.equal((await state(page)).positions, 'sinusoidal', 'a bad value leaves the state as it was');
      await el().evaluate((e) => e.setAttribute('positions', 'none'));
      await el().evaluate((e) => e.setAttribute('editable', 'E'));
      await settle(page);
      assert.ok(await page.locator('positions-panel input[value=sinusoidal]').isDisabled(), 'locked unless P is named');
      await el().evaluate((e) => e.setAttribute('editable', 'E P'));
      await settle(page);
      assert.ok(!(await page.locator('positions-panel input[value=sinusoidal]').isDisabled()));
      await el().evaluate((e) => e.setAttribute('panels', 'positions weights'));
      await settle(page);
      const shown = await page
        .locator('.pipeline > [data-panel]:not([hidden])')
        .evaluateAll((ps) => ps.map((p) => p.dataset.panel));
      assert.deepEqual(shown, ['positions', 'weights']);
      // The link and the embed snippet carry the positions (the state's JSON).
      const json = await el().evaluate(async (e) => {
        const { embedSnippet } = await import('./embed/share-tools.js');
        e.state = { ...e.state, positions: 'sinusoidal' };
        return embedSnippet(e.state);
      });
      assert.match(json, /&quot;positions&quot;:&quot;sinusoidal&quot;|"positions":"sinusoidal"/);
    },
  },

  {
    name: 'word order lab: “dog”’s rows and their difference match engine runs of both sentences',
    fn: async (page) => {
      await page.click('playground-labs [role=tab][data-lab=order]');
      await settle(page);
      const check = () =>
        page.evaluate(async () => {
          const { createEngine } = await import('../wasm/engine.js');
          const { newRow } = await import('./state/state-ops.js');
          const { formatNorm } = await import('./labs/order-lab.js');
          const engine = (window.__orderEngine ??= await createEngine());
          const s = deepQuery('attention-playground').state,
            D = s.embeddings[0].length;
          const row = (w) => (s.tokens.includes(w) ? s.embeddings[s.tokens.indexOf(w)] : newRow(w, 0, D, null));
          const dog = (tokens, change) => {
            const t = engine.run({ ...s, ...change, tokens, embeddings: tokens.map(row) });
            const i = tokens.indexOf('dog');
            return Array.from(t.output.data.slice(i * t.output.cols, (i + 1) * t.output.cols));
          };
          const cases = {
            none: { positions: 'none', mask: 'none' },
            sinusoidal: { positions: 'sinusoidal', mask: 'none' },
            causal: { positions: 'none', mask: 'causal' },
          };
          const lab = deepQuery('order-lab');
          return Object.entries(cases).map(([key, change]) => {
            const a = dog(['dog', 'bites', 'man'], change),
              b = dog(['man', 'bites', 'dog'], change);
            const norm = Math.hypot(...a.map((v, k) => v - b[k]));
            const shown = lab.querySelector(`tr[data-case=${key}] td.norm`).textContent;
            const fig = lab.figures.find((f) => f.key === key);
            return {
              key,
              norm,
              want: formatNorm(norm),
              shown,
              same: JSON.stringify([fig.a, fig.b]) === JSON.stringify([a, b]),
            };
          });
        });
      for (const f of await check()) {
        assert.equal(f.shown, f.want, `${f.key}: shows ${f.shown}`);
        assert.ok(f.same, `${f.key}: the lab's rows are the engine's`);
      }
      const [none, sin, causal] = await check();
      assert.ok(none.norm < 1e-6, `no positions: ${none.norm}`);
      assert.ok(sin.norm > 0.01, `sinusoidal: ${sin.norm}`);
      assert.ok(causal.norm > 0.01, `causal: ${causal.norm}`);
      // The figures follow the playground: zero W_V gives zero rows everywhere.
      await page.click('playground-controls button:text-is("Zeros")');
      await settle(page);
      for (const f of await check()) assert.equal(f.shown, f.want);
    },
  },
];
