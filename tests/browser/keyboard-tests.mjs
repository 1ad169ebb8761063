// Keyboard and screen-reader tests run.mjs drives (each on a fresh default page): one Tab stop per grid, the
// grids' key map cell by cell (web/widgets/grid-keys.js), the sliders' value text, quiet live regions, and cell text
// judged when committed.
import assert from 'node:assert/strict';

const settle = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
const state = (page) => page.evaluate(() => deepQuery('attention-playground').state);
const focused = (page) => page.evaluate(() => deepActive().getAttribute('aria-label'));
const cell = (page, name) => page.getByRole('spinbutton', { name, exact: true });

/** Figures the suite prints at the end (the Tab-stop count). */
export const keyboardFigures = {};

/** Presses Tab from the page's start until the focus leaves the playground; returns what it stopped on. */
async function tabStops(page) {
  await page.evaluate(() => deepActive()?.blur());
  const stops = [];
  for (let i = 0; i < 400; i++) {
    await page.keyboard.press('Tab');
    const at = await page.evaluate(() => {
      const a = deepActive(),
        ap = deepQuery('attention-playground');
      const grid = a.closest('[role=grid]');
      if (grid) grid.dataset.seen ??= String(deepQueryAll('[data-seen]').length);
      return {
        inside: deepContains(ap, a),
        grid: grid ? `${grid.getAttribute('aria-label')} #${grid.dataset.seen}` : null,
        what: `${a.localName} ${a.getAttribute('aria-label') ?? a.textContent.trim().slice(0, 30)}`,
      };
    });
    if (!at.inside && stops.length) break;
    if (at.inside) stops.push(at);
  }
  return stops;
}

/**
 * Counts what the live regions would say: every change of a live region's text, seen by a MutationObserver
 * (aria-live, status, alert and log regions, wherever they are).  Returns a function giving the changes.
 */
async function listenToLiveRegions(page) {
  await page.evaluate(() => {
    const said = (window.__said = []);
    const regions = [...deepQueryAll('[aria-live]:not([aria-live=off]), [role=status], [role=alert], [role=log]')];
    const last = new Map(regions.map((r) => [r, r.textContent]));
    const observer = new MutationObserver((records) => {
      for (const r of new Set(records.map((m) => regions.find((g) => g.contains(m.target))))) {
        if (!r || r.textContent === last.get(r) || r.closest('[hidden]')) continue;
        last.set(r, r.textContent);
        if (r.textContent.trim()) said.push(r.textContent.trim());
      }
    });
    for (const r of regions)
      observer.observe(r, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  return () => page.evaluate(() => window.__said.slice());
}

const QUIET = 700; // the playground's wait before it announces (app/announcer.js)

export const keyboardTests = [
  {
    name: 'keyboard: each grid is one Tab stop; crossing the default playground takes at most 40 presses',
    fn: async (page) => {
      const stops = await tabStops(page);
      keyboardFigures.tabStops = stops.length;
      const perGrid = {};
      for (const s of stops) if (s.grid) perGrid[s.grid] = (perGrid[s.grid] ?? 0) + 1;
      const twice = Object.entries(perGrid).filter(([, n]) => n > 1);
      assert.deepEqual(twice, [], 'a grid with more than one Tab stop');
      const grids = await page.evaluate(() => deepQueryAll('attention-playground [role=grid]').length);
      assert.ok(Object.keys(perGrid).length >= 8, `only ${Object.keys(perGrid).length} of ${grids} grids reached`);
      assert.ok(stops.length <= 40, `${stops.length} Tab stops:\n${stops.map((s) => s.what).join('\n')}`);
      // A row of related buttons is one toolbar stop: → reaches the next button, and the stop follows it.
      for (const [bar, first, next] of [
        ['Projections', 'Designed', 'Identity'],
        ['Training', 'Step', 'Run'],
      ]) {
        const toolbar = page.getByRole('toolbar', { name: bar });
        await toolbar.getByRole('button', { name: first }).focus();
        await page.keyboard.press('ArrowRight');
        assert.equal(await page.evaluate(() => deepActive().textContent), next, `→ in ${bar}`);
        assert.equal(await toolbar.locator('button[tabindex="0"]').count(), 1, `${bar} has one Tab stop`);
      }
      // Shift+Tab back into a grid lands on the cell last focused there.
      await cell(page, 'E row 2 column 3').focus();
      await page.keyboard.press('Tab');
      await page.keyboard.press('Shift+Tab');
      assert.equal(await focused(page), 'E row 2 column 3');
    },
  },

  {
    name: 'keyboard: the editable grid key map, cell by cell (move, step, type, Enter, Escape, F2)',
    fn: async (page) => {
      const e = async () => (await state(page)).embeddings;
      const E0 = await e();
      const rows = E0.length,
        cols = E0[0].length;
      await cell(page, 'E row 1 column 1').focus();
      const moves = [
        ['ArrowRight', 'E row 1 column 2'],
        ['ArrowDown', 'E row 2 column 2'],
        ['ArrowLeft', 'E row 2 column 1'],
        ['ArrowLeft', 'E row 2 column 1'], // the edge: stays
        ['ArrowUp', 'E row 1 column 1'],
        ['ArrowUp', 'E row 1 column 1'],
        ['End', `E row 1 column ${cols}`],
        ['Home', 'E row 1 column 1'],
        ['Control+End', `E row ${rows} column ${cols}`],
        ['ArrowDown', `E row ${rows} column ${cols}`],
        ['Control+Home', 'E row 1 column 1'],
      ];
      for (const [key, to] of moves) {
        await page.keyboard.press(key);
        assert.equal(await focused(page), to, `after ${key}`);
      }
      assert.deepEqual(await e(), E0, 'moving changed a value');
      // Steps: Page Up/Down by 0.1, Shift by 1, Alt by 0.01; the focus stays.
      const v0 = E0[0][0];
      const steps = [
        ['PageUp', 0.1],
        ['PageDown', -0.1],
        ['Shift+PageUp', 1],
        ['Alt+PageDown', -0.01],
      ];
      let want = v0;
      for (const [key, d] of steps) {
        await page.keyboard.press(key);
        await settle(page);
        want = Math.round((want + d) * 1e6) / 1e6;
        assert.equal((await e())[0][0], want, `after ${key}`);
        assert.equal(await focused(page), 'E row 1 column 1');
      }
      // Escape cancels the steps since the last commit.
      await page.keyboard.press('Escape');
      await settle(page);
      assert.equal((await e())[0][0], v0, 'Escape brings the committed value back');
      // Typing replaces the number and begins an edit: arrows then move in the text, ↑/↓ step.
      await page.keyboard.type('7');
      await settle(page);
      assert.equal((await e())[0][0], 7);
      await page.keyboard.press('ArrowLeft');
      assert.equal(await focused(page), 'E row 1 column 1', '← while editing moves the caret, not the focus');
      await page.keyboard.press('ArrowUp');
      await settle(page);
      assert.equal((await e())[0][0], 7.1, '↑ while editing steps');
      // Enter commits and moves down; Shift+Enter commits and moves up.
      await page.keyboard.press('Enter');
      assert.equal(await focused(page), 'E row 2 column 1');
      await page.keyboard.type('2');
      await page.keyboard.press('Shift+Enter');
      assert.equal(await focused(page), 'E row 1 column 1');
      await settle(page);
      assert.equal((await e())[1][0], 2);
      // Escape while editing: the number from before the edit, and every tensor with it.
      const trace0 = await page.evaluate(() =>
        Array.from(deepQuery('attention-playground').trace.heads[0].weights.data),
      );
      await page.keyboard.type('3.5');
      await settle(page);
      assert.equal((await e())[0][0], 3.5);
      await page.keyboard.press('Escape');
      await settle(page);
      assert.equal((await e())[0][0], 7.1);
      assert.equal(await cell(page, 'E row 1 column 1').inputValue(), '7.1');
      const trace1 = await page.evaluate(() =>
        Array.from(deepQuery('attention-playground').trace.heads[0].weights.data),
      );
      assert.deepEqual(trace1, trace0, 'the weights after Escape');
      // Enter (and F2) edit the number as it is: the caret at its end, so typing appends.
      await page.keyboard.press('Enter');
      await page.keyboard.type('5');
      await page.keyboard.press('Enter');
      await settle(page);
      assert.equal((await e())[0][0], 7.15);
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('F2');
      await page.keyboard.press('Backspace');
      await page.keyboard.press('Enter');
      await settle(page);
      assert.equal((await e())[0][0], 7.1);
      // An undo under the focus is what Escape then keeps (it cancels only what came after it).
      await cell(page, 'E row 1 column 1').focus();
      await page.keyboard.press('PageUp');
      await page.keyboard.press('ArrowRight'); // moving commits: one undo step
      await page.keyboard.press('ArrowLeft');
      await settle(page);
      assert.equal((await e())[0][0], 7.2);
      await page.keyboard.press('Control+z');
      await settle(page);
      assert.equal((await e())[0][0], 7.1);
      await page.keyboard.press('Escape');
      await settle(page);
      assert.equal((await e())[0][0], 7.1, 'Escape after an undo brought the undone value back');
      // Tab leaves the grid.
      await page.keyboard.press('Tab');
      assert.ok(!(await page.evaluate(() => !!deepActive().closest('matrix-editor[data-target=embeddings]'))));
    },
  },

  {
    name: 'keyboard: the computed grids, the mask grid and the train lab grid move the same way; Enter acts',
    fn: async (page) => {
      const T = (await state(page)).tokens.length;
      const tokens = (await state(page)).tokens;
      const label = (i, j) => (l) => l.startsWith(`${tokens[i]} to ${tokens[j]}:`);
      for (const panel of ['scores-panel', 'scale-panel', 'mask-panel', 'weights-panel']) {
        await page.locator(`${panel} [role=gridcell]`).first().focus();
        for (const [key, i, j] of [
          ['ArrowRight', 0, 1],
          ['ArrowDown', 1, 1],
          ['End', 1, T - 1],
          ['Home', 1, 0],
          ['Control+End', T - 1, T - 1],
          ['Control+Home', 0, 0],
          ['ArrowLeft', 0, 0],
        ]) {
          await page.keyboard.press(key);
          const at = await focused(page);
          assert.ok(label(i, j)(at), `${panel}, ${key}: on “${at}”, expected ${tokens[i]} to ${tokens[j]}`);
        }
        const describedBy = await page
          .locator(`${panel} [role=grid]`)
          .evaluate((g) => deepById(g.getAttribute('aria-describedby'))?.textContent);
        assert.match(describedBy ?? '', /Arrow keys move/, `${panel}: the grid is described by its keys`);
      }
      // Enter on a mask cell blocks it.
      await page.locator('mask-panel [role=gridcell]').nth(1).focus();
      await page.keyboard.press('Enter');
      await settle(page);
      assert.equal((await state(page)).mask[0][1], 0, 'Enter on a mask cell blocks it');
      // The train lab's grid: arrows move, Enter marks a target.
      await page.locator('playground-labs [role=tab]', { hasText: 'Train' }).click();
      const grid = page.locator('train-lab [role=grid]');
      await grid.locator('[role=gridcell]').first().focus();
      await page.keyboard.press('ArrowRight'); // the cell just masked: shown, not a button
      assert.ok(label(0, 1)(await focused(page)));
      await page.keyboard.press('ArrowDown');
      assert.ok(label(1, 1)(await focused(page)));
      await page.keyboard.press('Enter');
      await settle(page);
      assert.match((await focused(page)) ?? 'nothing focused', /, target$/, 'Enter marks the target');
      assert.equal(await grid.locator('[tabindex="0"]').count(), 1, 'one Tab stop in the lab grid');
    },
  },

  {
    name: 'sliders: temperature and both d_k sliders give their real value as text (τ = 1, d_k = 64)',
    fn: async (page) => {
      const slider = page.getByRole('slider', { name: /Temperature/ });
      assert.equal(await slider.getAttribute('aria-valuetext'), 'τ = 1');
      await slider.focus();
      await page.keyboard.press('End');
      await settle(page);
      assert.equal((await state(page)).temperature, 100);
      assert.equal(await slider.getAttribute('aria-valuetext'), 'τ = 100');
      await page.keyboard.press('Home');
      await settle(page);
      assert.equal(await slider.getAttribute('aria-valuetext'), 'τ = 0.01');
      const Dk = (await state(page)).heads[0].wq[0].length;
      const labs = page.locator('playground-labs');
      await labs.locator('[role=tab]', { hasText: 'Saturation' }).click();
      const sat = page.locator('saturation-lab input[type=range]');
      for (const key of [null, 'End', 'Home']) {
        if (key) {
          await sat.focus();
          await page.keyboard.press(key);
        }
        const k = Number(await sat.inputValue());
        assert.equal(await sat.getAttribute('aria-valuetext'), `d_k = ${Dk * k}`, `saturation, after ${key}`);
        assert.equal((await page.locator('saturation-lab output').textContent()).trim(), String(Dk * k));
      }
      await labs.locator('[role=tab]', { hasText: 'Mistakes' }).click();
      await page.locator('mistakes-lab button.show-mistakes').click();
      const mis = page.locator('mistakes-lab input[type=range]');
      for (const key of [null, 'End']) {
        if (key) {
          await mis.focus();
          await page.keyboard.press(key);
        }
        const k = Number(await mis.inputValue());
        assert.equal(await mis.getAttribute('aria-valuetext'), `d_k = ${Dk * k}`, `mistakes, after ${key}`);
      }
      // Every slider on the page says something other than its raw value.
      const bare = await page.evaluate(() =>
        [...deepQueryAll('input[type=range]')]
          .filter((s) => !s.closest('[hidden]') && !s.getAttribute('aria-valuetext'))
          .map((s) => s.getAttribute('aria-label')),
      );
      assert.deepEqual(bare, [], 'sliders without value text');
    },
  },

  {
    name: 'live regions: typing 10 keys announces at most once; a selected weight is announced once, after the keys stop',
    fn: async (page) => {
      // Every panel on screen (none skipped by content-visibility, so every region follows each edit); a
      // weight selected first (its breakdown is shown), then 10 keys typed into a cell of E.
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      await page.setViewportSize({ width: 1280, height: Math.min(height, 8000) });
      await page.locator('weights-panel [role=gridcell]').first().focus();
      await page.waitForTimeout(QUIET + 300);
      const said = await listenToLiveRegions(page);
      await cell(page, 'E row 1 column 1').focus();
      for (const key of '0.12345678') await page.keyboard.press(key);
      await page.keyboard.press('Enter');
      await page.waitForTimeout(QUIET + 300);
      const typing = await said();
      assert.ok(typing.length <= 1, `${typing.length} announcements while typing 10 keys: ${typing.join(' | ')}`);
      assert.equal((await state(page)).embeddings[0][0], 0.12345678);
      // Moving through three weights: one announcement, the last weight's arithmetic, after the keys stop.
      const before = (await said()).length;
      await page.locator('weights-panel [role=gridcell]').first().focus();
      for (const key of ['ArrowRight', 'ArrowRight', 'ArrowDown']) await page.keyboard.press(key);
      assert.equal((await said()).length, before, 'announced while the keys were still being pressed');
      await page.waitForTimeout(QUIET + 300);
      const moved = (await said()).slice(before);
      const tokens = (await state(page)).tokens;
      assert.equal(moved.length, 1, `announcements: ${moved.join(' | ')}`);
      assert.match(moved[0], new RegExp(`^How ${tokens[1]} attends to ${tokens[2]}: .*weight \\d`));
      // The compute time is not announced at all.
      const status = await page.locator('attention-playground p.status').evaluate((p) => ({
        role: p.getAttribute('role'),
        live: p.closest('[aria-live], [role=status]') !== null,
      }));
      assert.deepEqual(status, { role: null, live: false });
    },
  },

  {
    name: 'cell text is judged on commit: typing "-0.5" raises no error; "1e", "-" and "." get their message at commit',
    fn: async (page) => {
      const e11 = cell(page, 'E row 1 column 1');
      const alert = page.locator('embeddings-panel .cell-error');
      await e11.focus();
      for (const key of '-0.5') {
        await page.keyboard.press(key);
        await settle(page);
        assert.ok(!(await alert.isVisible()), `a message after typing "${key}"`);
        assert.equal(await e11.getAttribute('aria-invalid'), null);
      }
      await page.keyboard.press('Enter');
      await settle(page);
      assert.equal((await state(page)).embeddings[0][0], -0.5);
      assert.ok(!(await alert.isVisible()));
      // "1" is a number on the way to "1e", and in force while "1e" is typed; refused at the commit, the text
      // keeps the number from before the edit.
      for (const [text, commit, kept] of [
        ['1e', 'Enter', '−0.5'],
        ['-', 'Tab', '−0.5'],
        ['.', 'Enter', '−0.5'],
      ]) {
        await e11.focus();
        await page.keyboard.type(text);
        await settle(page);
        assert.ok(!(await alert.isVisible()), `a message while "${text}" is typed`);
        await page.keyboard.press(commit);
        await settle(page);
        assert.ok(await alert.isVisible(), `no message for "${text}" at commit (${commit})`);
        assert.match(await alert.textContent(), new RegExp(`E row 1 column 1: not a number.*still using ${kept}$`));
        assert.equal(await e11.inputValue(), text, 'the text typed is kept');
        assert.equal((await state(page)).embeddings[0][0], Number(kept.replace('−', '-')));
        if (commit === 'Enter') assert.equal(await focused(page), 'E row 1 column 1', 'Enter stays on a bad cell');
        await e11.focus();
        await page.keyboard.press('Escape');
        assert.ok(!(await alert.isVisible()));
        assert.equal(await e11.inputValue(), '-0.5');
      }
    },
  },
];
