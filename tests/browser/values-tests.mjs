// Values and what the controls say is in use: sizes and the temperature apply on commit, a smaller size hides
// values without losing them, refused text says what is still in use, locked controls look locked, and the
// messages and exports write numbers as people read them.  Each gets a fresh page on the default preset.
import assert from 'node:assert/strict';

const settle = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
const state = (page) => page.evaluate(() => document.querySelector('attention-playground').state);
const sizeField = (page, n) => page.locator('playground-controls input[type=number]').nth(n);
const controlsMessage = (page) => page.locator('playground-controls .field-error');

/** Selects a field's text and types into it key by key, as a reader does. */
async function typeInto(page, field, text) {
  await field.focus();
  await page.keyboard.press('Control+A');
  if (text === '') await page.keyboard.press('Delete');
  else await page.keyboard.type(text);
  await settle(page);
}

export const valuesTests = [
  {
    name: 'values: D and d_k apply on commit, not per keystroke; a smaller size hides values and growing brings them back',
    fn: async (page) => {
      const s0 = await state(page);
      const D0 = s0.embeddings[0].length,
        Dk0 = s0.heads[0].wq[0].length;
      const D = sizeField(page, 0),
        DkField = sizeField(page, 1);
      // Growing to the page's largest D, typed "1" then "6": applied per keystroke, D = 1 would come first.
      const big = Number(await D.getAttribute('max'));
      assert.ok(D0 > 2 && D0 < big && big >= 10 && Dk0 > 1, `D = ${D0} of ${big}, d_k = ${Dk0} leave no room`);
      await typeInto(page, D, String(big));
      assert.deepEqual(await state(page), s0, 'typing alone changed the state');
      assert.equal(await D.inputValue(), String(big));
      await page.keyboard.press('Enter');
      await settle(page);
      let s = await state(page);
      assert.equal(s.embeddings[0].length, big);
      assert.deepEqual(
        s.embeddings.map((r) => r.slice(0, D0)),
        s0.embeddings,
        `E lost values on the way to ${big}`,
      );
      // Shrink to 2 (leaving the field commits), then grow back: every hidden column returns.
      await typeInto(page, D, '2');
      await page.getByLabel('Sentence').focus();
      await settle(page);
      s = await state(page);
      assert.equal(s.embeddings[0].length, 2);
      assert.ok(!JSON.stringify(s).includes('"wo"') || s.wo === null);
      await typeInto(page, D, String(D0));
      await page.keyboard.press('Enter');
      await settle(page);
      assert.deepEqual(await state(page), s0, `D ${D0} → 2 → ${D0} did not restore every value`);
      // The arrow keys commit at once, one step each.
      await D.focus();
      await page.keyboard.press('ArrowDown');
      await settle(page);
      assert.equal((await state(page)).embeddings[0].length, D0 - 1);
      await page.keyboard.press('ArrowUp');
      await settle(page);
      assert.deepEqual(await state(page), s0, 'the arrow keys lost a column');
      // d_k: W_Q, W_K, W_V keep their columns through d_k → 1 → d_k.
      await typeInto(page, DkField, '1');
      await page.keyboard.press('Enter');
      await settle(page);
      assert.equal((await state(page)).heads[0].wq[0].length, 1);
      await typeInto(page, DkField, String(Dk0));
      await page.keyboard.press('Enter');
      await settle(page);
      assert.deepEqual(await state(page), s0, `d_k ${Dk0} → 1 → ${Dk0} did not restore W_Q, W_K, W_V`);
    },
  },

  {
    name: 'values: links and JSON carry only what is shown; heads and W_O come back too',
    fn: async (page) => {
      await page.getByLabel(/Use an output projection/).check();
      await settle(page);
      const heads = page.getByLabel('Heads', { exact: true });
      await typeInto(page, heads, '3');
      await page.keyboard.press('Enter');
      await settle(page);
      // The first row of W_O that head 3 feeds: two heads hide it.
      const row = 2 * (await state(page)).heads[0].wv[0].length;
      await page.evaluate((r) => {
        const el = document.querySelector('attention-playground'),
          input = el.querySelector(`[aria-label="W_O row ${r + 1} column 2"]`);
        input.value = '7.5';
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }, row);
      await settle(page);
      const full = await state(page);
      const D0 = full.embeddings[0].length;
      assert.equal(full.wo[row][1], 7.5);
      await typeInto(page, heads, '2');
      await page.keyboard.press('Enter');
      await typeInto(page, sizeField(page, 0), '3');
      await page.keyboard.press('Enter');
      await settle(page);
      const small = await state(page);
      assert.equal(small.heads.length, 2);
      assert.equal(small.embeddings[0].length, 3);
      const back = await page.evaluate(async () => {
        const { stateLink } = await import('./embed/share-tools.js'),
          { decodeState, stateParam } = await import('./state/state-codec.js');
        const link = await stateLink(document.querySelector('attention-playground').state);
        return decodeState(stateParam(new URL(link).hash));
      });
      assert.equal(JSON.stringify(back), JSON.stringify(small), 'the link carries something else than the state shown');
      assert.doesNotMatch(JSON.stringify(small), /(?<![\d.])7\.5(?!\d)/, 'a hidden value reached the JSON');
      await typeInto(page, sizeField(page, 0), String(D0));
      await page.keyboard.press('Enter');
      await typeInto(page, heads, '3');
      await page.keyboard.press('Enter');
      await settle(page);
      assert.deepEqual(await state(page), full, `heads 3 → 2 and D ${D0} → 3 and back did not restore every value`);
    },
  },

  {
    name: 'values: a word that leaves the sentence keeps its edited row when it comes back',
    fn: async (page) => {
      await page.evaluate(() => {
        const input = document.querySelector('[aria-label="E row 1 column 2"]');
        input.value = '4.25';
        input.dispatchEvent(new Event('input', { bubbles: true }));
      });
      await settle(page);
      const row = (await state(page)).embeddings[0];
      assert.equal(row[1], 4.25);
      const sentence = page.getByLabel('Sentence');
      await sentence.focus();
      await page.keyboard.press('Home');
      await page.keyboard.press('Delete'); // "ank grows money"
      await settle(page);
      assert.deepEqual((await state(page)).tokens, ['ank', 'grows', 'money']);
      await page.keyboard.type('b');
      await settle(page);
      assert.deepEqual((await state(page)).embeddings[0], row, '“bank” lost its edited row');
    },
  },

  {
    name: 'values: a refused size says why and what is still in use; "2.5" never becomes "52"',
    fn: async (page) => {
      const s0 = await state(page);
      const D0 = s0.embeddings[0].length;
      const D = sizeField(page, 0);
      for (const [text, problem] of [
        ['2.5', /“2\.5” is not a whole number/],
        ['', /empty/],
        ['0', /0 is below 1/],
        ['99', /99 is above this page's limit of 16/],
      ]) {
        await typeInto(page, D, text);
        assert.equal(await D.inputValue(), text);
        await page.keyboard.press('Enter');
        await settle(page);
        assert.deepEqual(await state(page), s0, `D = "${text}" changed the state`);
        const msg = await controlsMessage(page).textContent();
        assert.match(msg, problem);
        assert.match(msg, new RegExp(`Still using ${D0}\\.`));
        assert.equal(await D.getAttribute('aria-invalid'), 'true');
        // Leaving the field keeps the text, marked invalid, with its message: never shown as if in use.
        await page.getByLabel('Sentence').focus();
        await settle(page);
        assert.equal(await D.inputValue(), text);
        assert.equal(await D.getAttribute('aria-invalid'), 'true');
        assert.ok(await controlsMessage(page).isVisible());
      }
      await D.focus();
      await page.keyboard.press('Escape');
      assert.equal(await D.inputValue(), String(D0));
      assert.equal(await D.getAttribute('aria-invalid'), null);
      assert.ok(!(await controlsMessage(page).isVisible()));
    },
  },

  {
    name: 'values: seed −1, an empty seed and 2.5 get a message naming the seed still in use',
    fn: async (page) => {
      const seed = page.locator('playground-controls input.seed');
      for (const text of ['-1', '', '2.5']) {
        await typeInto(page, seed, text);
        await page.keyboard.press('Enter');
        await settle(page);
        assert.match(await controlsMessage(page).textContent(), /Seed for random projections: .*Still using 1\./);
        assert.equal(await seed.getAttribute('aria-invalid'), 'true');
      }
      await typeInto(page, seed, '42');
      await page.keyboard.press('Enter');
      await settle(page);
      assert.ok(!(await controlsMessage(page).isVisible()));
      assert.equal(await seed.getAttribute('aria-invalid'), null);
    },
  },

  {
    name: 'values: the temperature applies on commit; refused text says what is still in use and stays marked',
    fn: async (page) => {
      const temp = page.getByLabel('Temperature τ', { exact: true }),
        msg = page.locator('scale-panel .field-error');
      const t = async () => (await state(page)).temperature;
      await typeInto(page, temp, '5000');
      assert.equal(await t(), 1, 'typing alone changed the temperature');
      await page.keyboard.press('Enter');
      await settle(page);
      assert.equal(await t(), 1, '5000 was refused, but the engine left 1');
      assert.match(await msg.textContent(), /^Temperature: 5,000 is outside 0\.001 to 1,000\. Still using 1\.$/);
      await typeInto(page, temp, '0.05');
      await page.keyboard.press('Enter');
      await settle(page);
      assert.equal(await t(), 0.05);
      assert.ok(!(await msg.isVisible()));
      for (const [text, problem] of [
        ['0.0001', /0\.0001 is outside 0\.001 to 1,000/],
        ['0', /0 is outside/],
        ['abc', /not a number/],
      ]) {
        await typeInto(page, temp, text);
        await page.getByLabel('Sentence').focus(); // leaving the field commits
        await settle(page);
        assert.equal(await t(), 0.05, `"${text}" changed the temperature`);
        assert.match(await msg.textContent(), problem);
        assert.match(await msg.textContent(), /Still using 0\.05\.$/);
        assert.equal(await temp.inputValue(), text);
        assert.equal(await temp.getAttribute('aria-invalid'), 'true');
      }
      // The slider replaces refused text with the value it sets.
      await page.getByLabel('Temperature (slider, logarithmic)').fill('0');
      await settle(page);
      assert.equal(await t(), 1);
      assert.equal(await temp.inputValue(), '1');
      assert.equal(await temp.getAttribute('aria-invalid'), null);
      assert.ok(!(await msg.isVisible()));
    },
  },

  {
    name: 'values: a cell beyond ±1,000,000 reads "1,000,001 is outside ±1,000,000; still using 1,000,000"',
    fn: async (page) => {
      const c = page.getByRole('spinbutton', { name: 'E row 1 column 1', exact: true });
      await typeInto(page, c, '1000000');
      await page.keyboard.press('Enter');
      await settle(page);
      assert.equal((await state(page)).embeddings[0][0], 1e6);
      await c.fill('1000001');
      await settle(page);
      const text = await page.locator('embeddings-panel .cell-error').textContent();
      assert.equal(text, 'E row 1 column 1: 1,000,001 is outside ±1,000,000; still using 1,000,000');
      assert.equal((await state(page)).embeddings[0][0], 1e6);
    },
  },

  {
    name: 'values: the saturation warning gives the advice that applies',
    fn: async (page) => {
      const warn = page.locator('row-diagnostics .saturation');
      const temp = page.getByLabel('Temperature τ', { exact: true });
      await typeInto(page, temp, '0.001');
      await page.keyboard.press('Enter');
      await settle(page);
      assert.equal((await state(page)).scale, true);
      assert.ok(await warn.isVisible(), 'no warning at τ = 0.001');
      let text = await warn.textContent();
      assert.match(text, /Raise the temperature τ \(now 0\.001\)/);
      assert.doesNotMatch(text, /Turn ÷√d_k on/);
      await page.getByLabel(/Divide by/).uncheck();
      await settle(page);
      text = await warn.textContent();
      assert.match(text, /Turn ÷√d_k on or raise the temperature τ \(now 0\.001\)/);
      // ÷√d_k on, τ = 1, scores made large: the advice is neither of the two already taken.
      await page.evaluate(() => {
        const el = document.querySelector('attention-playground'),
          s = el.state;
        s.embeddings = s.embeddings.map((r) => r.map((x) => x * 30));
        el.state = { ...s, scale: true, temperature: 1 };
      });
      await settle(page);
      assert.ok(await warn.isVisible(), 'no warning with E × 30');
      assert.match(
        await warn.textContent(),
        /÷√d_k is on: raise the temperature τ \(now 1\) above 1, or make the values/,
      );
    },
  },
  {
    name: 'values: with editable="E" the locked controls look and announce locked, and say why',
    fn: async (page) => {
      await page.evaluate(() => document.querySelector('attention-playground').setAttribute('editable', 'E'));
      await settle(page);
      const wo = page.getByLabel(/Use an output projection/);
      for (const control of [
        wo,
        page.getByLabel(/Divide by/),
        page.getByLabel('Temperature τ', { exact: true }),
        page.getByLabel('D', { exact: true }),
        page.getByRole('button', { name: 'Identity' }),
      ]) {
        assert.ok(await control.isDisabled(), `${control} is not disabled`);
        assert.equal(await control.getAttribute('title'), 'Locked: this playground lets you edit only E');
      }
      // The accessible description carries the reason; the label greys with its checkbox.
      assert.equal(
        await wo.evaluate((c) => getComputedStyle(c.closest('label')).opacity),
        '0.5',
        'the W_O label does not look locked',
      );
      const s0 = await state(page);
      await wo.click({ force: true });
      await settle(page);
      assert.deepEqual(await state(page), s0);
      const wq = page.locator('projections-panel matrix-editor').first();
      assert.equal(await wq.getAttribute('title'), 'Locked: this playground lets you edit only E');
      assert.equal(await page.locator('embeddings-panel matrix-editor').getAttribute('title'), null);
      // Unlocked again: enabled, and the controls' own titles are back.
      await page.evaluate(() => document.querySelector('attention-playground').removeAttribute('editable'));
      await settle(page);
      assert.ok(await wo.isEnabled());
      assert.equal(await wo.getAttribute('title'), null);
      assert.match(await page.getByRole('button', { name: 'Identity' }).getAttribute('title'), /W_Q = W_K = W_V = I/);
      await wo.check();
      await settle(page);
      assert.ok((await state(page)).wo);
    },
  },
  {
    name: 'values: a preset\'s "Look:" caption says the effect is gone once an edit removes it, from the trace',
    fn: async (page) => {
      const point = page.locator('attention-playground .point');
      const javaGives = () =>
        page.evaluate(() => {
          const el = document.querySelector('attention-playground'),
            t = el.state.tokens;
          return el.trace.heads[0].weights.data[t.indexOf('Java') * t.length + t.indexOf('programming')];
        });
      await page.getByLabel('Examples').selectOption('java');
      await settle(page);
      const loaded = await javaGives();
      const said = await point.textContent();
      assert.match(said, /settles it/);
      assert.equal(await point.getAttribute('class'), 'point');
      // Zero projections: every score 0, so “Java” spreads its weight evenly; the trace says how much is left.
      await page.getByRole('button', { name: 'Zeros' }).click();
      await settle(page);
      const w = await javaGives();
      assert.notEqual(w.toFixed(2), loaded.toFixed(2), 'the edit left the weight as loaded');
      assert.match(await point.getAttribute('class'), /\bgone\b/);
      assert.equal(
        await point.textContent(),
        `“Java” now gives “programming” ${w.toFixed(2)}, against ${loaded.toFixed(2)} in the example as loaded: undo, or choose the example again, to see its point.`,
      );
      assert.equal(await point.evaluate((p) => getComputedStyle(p, '::before').content), '"Effect gone: "');
      await page.keyboard.press('Control+z');
      await settle(page);
      assert.equal(await point.textContent(), said);
    },
  },

  {
    name: 'values: the cell just edited is marked as changed, as after an undo',
    fn: async (page) => {
      const c = page.getByRole('spinbutton', { name: 'E row 2 column 3', exact: true });
      await typeInto(page, c, '0.75');
      await page.keyboard.press('Enter');
      await settle(page);
      assert.equal((await state(page)).embeddings[1][2], 0.75);
      assert.equal(await c.getAttribute('data-changed'), '');
      assert.equal(await c.inputValue(), '0.75');
    },
  },

  {
    name: 'values: the saturation lab counts the saturated rows it shows, from the engine',
    fn: async (page) => {
      await page.click('playground-labs [role=tab][data-lab=saturation]');
      const slider = page.locator('saturation-lab input[type=range]');
      await slider.fill(await slider.getAttribute('max'));
      await settle(page);
      const note = await page.locator('saturation-lab .sat-rows').textContent();
      const want = await page.evaluate(async () => {
        const { widen } = await import('./labs/lab-kit.js'),
          engine = await (await import('../wasm/engine.js')).createEngine();
        const el = document.querySelector('attention-playground'),
          lab = el.querySelector('saturation-lab'),
          s = el.state,
          k = Number(lab.querySelector('input[type=range]').value);
        const count = (scale) => engine.run({ ...widen(s, k), scale }).flags.saturatedRows[0].length;
        return { Dk: s.heads[0].wq[0].length * k, off: count(false), on: count(true), T: s.tokens.length };
      });
      assert.equal(
        note,
        `At dₖ = ${want.Dk}, saturated (one weight ≥ 0.99): ${want.off} of ${want.T} rows without ÷√dₖ, ${want.on} of ${want.T} rows with it.`,
      );
    },
  },
  {
    name: 'values: a count of one takes the singular: 1 score per head',
    fn: async (page) => {
      await page.getByLabel('Sentence').fill('bank');
      await settle(page);
      assert.match(await page.locator('scores-panel').textContent(), /1×1 = 1 score per head:/);
    },
  },
];
