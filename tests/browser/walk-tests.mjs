// The walk through one query token: which cells each step lights (data-lit, against this file's own list of
// what each step involves), the narration against the trace, keyboard, reduced motion, attributes, the
// event and the link, an edit during a walk, multi-head and an embed with only some panels.
import assert from 'node:assert/strict';
import { contrast } from '../../web/widgets/format.js';
import { fixture, ready as readyAll } from './embed-tests.mjs';

// The walk's embeds: every playground drawn, with its walk or a panel in place.
const ready = (page, n = 1) => readyAll(page, n, 'walk-panel, .panel');

export const STEPS = ['projections', 'scores', 'scale', 'mask', 'softmax', 'weigh', 'sum'];

const settle = (page) =>
  page.evaluate(() => new Promise((r) => setTimeout(() => requestAnimationFrame(() => requestAnimationFrame(r)), 0)));

/** Per tensor shown, the [row, col] of every cell carrying data-lit, as "r,c" strings. */
export function litCells(page, scope = 'attention-playground') {
  return page.evaluate((scope) => {
    const el = deepQuery(scope);
    const views = {
      q: deepQueryAll(el, 'projections-panel matrix-view')[0],
      k: deepQueryAll(el, 'projections-panel matrix-view')[1],
      v: deepQueryAll(el, 'projections-panel matrix-view')[2],
      scores: deepQuery(el, 'scores-panel matrix-view'),
      scaled: deepQuery(el, 'scale-panel matrix-view'),
      masked: deepQuery(el, 'mask-panel matrix-view'),
      weights: deepQuery(el, 'weights-panel matrix-view'),
      z: deepQuery(el, 'sum-panel matrix-view'),
      concat: deepQuery(el, 'output-panel matrix-view[data-role=concat]'),
      output: deepQuery(el, 'output-panel matrix-view[data-role=output]'),
    };
    const out = {};
    for (const [name, view] of Object.entries(views)) {
      if (!view) continue;
      const lit = [];
      [...view.querySelectorAll('.r:not(.head)')].forEach((row, r) =>
        [...row.querySelectorAll('.c')].forEach((c, k) => c.hasAttribute('data-lit') && lit.push(`${r},${k}`)),
      );
      if (lit.length) out[name] = lit;
    }
    out.other = [...deepQueryAll(el, '[data-lit]')].filter(
      (c) => !Object.values(views).some((v) => v?.contains(c)),
    ).length;
    if (!out.other) delete out.other;
    return out;
  }, scope);
}

/** What a step involves for query i and key j, written out from the issue's table (not from the page's code). */
export function involved(step, { T, Dk, H, head, Dout, allowed }, i, j) {
  const row = (r, n) => Array.from({ length: n }, (_, c) => `${r},${c}`);
  const all = (n, m) => Array.from({ length: n }, (_, r) => row(r, m)).flat();
  const one = [`${i},${j}`];
  const concat = Array.from({ length: Dk }, (_, d) => `${i},${head * Dk + d}`);
  return {
    projections: { q: row(i, Dk), k: all(T, Dk), v: all(T, Dk) },
    scores: { q: row(i, Dk), k: row(j, Dk), scores: one },
    scale: { scores: one, scaled: one },
    mask: { masked: row(i, T) },
    softmax: { masked: row(i, T), weights: row(i, T) },
    weigh: { weights: row(i, T), v: allowed.flatMap((r) => row(r, Dk)) },
    sum: { z: row(i, Dk), concat, output: row(i, Dout) },
  }[step];
}

/** The shapes `involved` needs, from the playground's trace. */
const shapesOf = (page, i, scope = 'attention-playground') =>
  page.evaluate(
    ([i, scope]) => {
      const el = deepQuery(scope),
        t = el.trace;
      const head = Number(deepQuery(el, 'playground-controls input[type=radio]:checked')?.value ?? 0);
      const h = t.heads[head],
        T = h.weights.cols;
      const allowed = [];
      for (let j = 0; j < T; j++) if (h.masked.data[i * T + j] !== -Infinity) allowed.push(j);
      return { T, Dk: h.q.cols, H: t.heads.length, head, Dout: t.output.cols, allowed };
    },
    [i, scope],
  );

const narration = (page, scope = 'attention-playground') =>
  page.evaluate((s) => deepQuery(deepQuery(s), 'walk-panel .walk-say').textContent, scope);

/** Everything a narration's numbers are checked against: the shown head's tensors for (i, j). */
function traceNumbers(page, i, j) {
  return page.evaluate(
    ([i, j]) => {
      const el = deepQuery('attention-playground'),
        t = el.trace;
      const h = t.heads[Number(deepQuery(el, 'playground-controls input[type=radio]:checked')?.value ?? 0)];
      const T = h.weights.cols,
        Dk = h.q.cols;
      const rowOf = (m, r) => Array.from(m.data.slice(r * m.cols, (r + 1) * m.cols));
      return {
        q: rowOf(h.q, i),
        k: rowOf(h.k, j),
        v: rowOf(h.v, j),
        z: rowOf(h.output, i),
        out: rowOf(t.output, i),
        w: rowOf(h.weights, i),
        s: h.scores.data[i * T + j],
        scaled: h.scaled.data[i * T + j],
        masked: h.masked.data[i * T + j],
        m: h.rowMax[i],
        sum: h.rowSum[i],
        Dk,
      };
    },
    [i, j],
  );
}

async function format() {
  return (await import(new URL('../../build/wasm/site/web/widgets/format.js', import.meta.url))).formatNumber;
}

/** Checks each step's narration carries the trace's numbers, formatted as the page shows them. */
async function checkNarration(page, i, j, { tokens }) {
  const f = await format();
  const vec = (xs) => `(${xs.map((x) => f(x)).join(', ')})`;
  for (const step of STEPS) {
    await page.evaluate((s) => (deepQuery('attention-playground').step = s), step);
    const t = await traceNumbers(page, i, j),
      say = await narration(page);
    const has = (text, what) => assert.ok(say.includes(text), `${step}: ${what} "${text}" in: ${say}`);
    if (step === 'projections') has(`q = x·W_Q = ${vec(t.q)}`, 'q_i');
    if (step === 'scores') {
      has(`${tokens[i]}’s query meets ${tokens[j]}’s key`, 'who');
      has(`q·k = ${t.q.map((x, d) => `${f(x)}×${f(t.k[d])}`).join(' + ')} = ${f(t.s)}`, 'products and score');
    }
    if (step === 'scale') has(`${f(t.s)} ÷ √${t.Dk} = ${f(t.scaled)}`, 'scaling');
    if (step === 'mask') has(t.masked === -Infinity ? 'is blocked: −∞' : `score ${f(t.masked)} stays`, 'mask');
    if (step === 'softmax') {
      has(`largest score is ${f(t.m)}`, 'row max');
      has(`gives ${f(t.sum, 3)}`, 'row sum');
      const less = t.m < 0 ? `− (${f(t.m)})` : `− ${f(t.m)}`; // a negative max in parentheses
      if (t.masked !== -Infinity) has(`e^(${f(t.masked)} ${less}) ÷ ${f(t.sum, 3)} = ${f(t.w[j], 3)}`, 'weight');
    }
    if (step === 'weigh' && t.masked !== -Infinity) has(`${f(t.w[j], 3)} × ${vec(t.v)}`, 'a·v');
    if (step === 'sum') {
      has(`= ${vec(t.z)}`, 'z_i');
      has(`${f(t.w[0], 3)}·v_${tokens[0]}`, 'first term');
    }
  }
}

export const walkTests = [
  {
    name: 'walk: the current step stands out in both themes: filled, its label 4.5:1 on the fill',
    fn: async (page) => {
      await page.emulateMedia({ reducedMotion: 'reduce' }); // the colours as they end, not mid-transition
      for (const theme of ['light', 'dark']) {
        const { bg, fg } = await page.evaluate(async (theme) => {
          const el = deepQuery('attention-playground');
          el.setAttribute('theme', theme);
          el.step = 'weigh';
          await new Promise((r) => requestAnimationFrame(() => r()));
          const b = deepQuery(el, 'walk-panel .walk-steps button[aria-current=step]');
          const cs = getComputedStyle(b);
          return { bg: cs.backgroundColor, fg: cs.color };
        }, theme);
        const [, , , a = 1] = bg.match(/[\d.]+/g).map(Number);
        assert.ok(a === 1, `${theme}: the current step is filled (background ${bg})`);
        assert.ok(contrast(bg, fg) >= 4.5, `${theme}: label ${fg} on ${bg}`);
      }
      await page.emulateMedia({ reducedMotion: null });
    },
  },
  {
    name: 'walk: each step lights exactly the cells it involves (causal mask, query 2, key 1), and nothing when it ends',
    fn: async (page) => {
      await page.locator('mask-panel label', { hasText: 'Causal' }).click();
      await page.evaluate(() => {
        const el = deepQuery('attention-playground');
        el.query = 2;
      });
      await page.locator('weights-panel .r:not(.head)').nth(1).locator('.c').first().hover();
      const shapes = await shapesOf(page, 1);
      assert.deepEqual(shapes.allowed, [0, 1]);
      for (const step of STEPS) {
        await page.evaluate((s) => (deepQuery('attention-playground').step = s), step);
        await settle(page);
        assert.deepEqual(await litCells(page), involved(step, shapes, 1, 0), step);
      }
      await page.getByRole('button', { name: 'End walk' }).click();
      assert.deepEqual(await litCells(page), {}, 'no lit cells once the walk ends');
      assert.equal(await page.evaluate(() => deepQuery('attention-playground').step), null);
    },
  },
  {
    name: 'walk: the narration says each step with the trace’s numbers, to the digits shown',
    fn: async (page) => {
      await page.evaluate(() => (deepQuery('attention-playground').query = 1));
      await checkNarration(page, 0, 2, { tokens: ['bank', 'grows', 'money'] });
    },
  },
  {
    name: 'walk: keyboard only: Tab to the controls, Enter on Next, ← → along them, the query picker, the steps; announced once',
    fn: async (page) => {
      const el = 'deepQuery("attention-playground")';
      const next = page.getByRole('button', { name: 'Next step' });
      for (const name of ['Previous step', 'Play', 'Next step', 'End walk'])
        assert.equal(await page.getByRole('button', { name, exact: true }).count(), 1, name);
      for (const name of ['Query', 'Key']) assert.equal(await page.getByLabel(name, { exact: true }).count(), 1, name);
      await page.locator('playground-controls input.sentence').focus();
      // Tab along until the walk's toolbar takes the focus (it is one Tab stop).
      for (let n = 0; n < 40; n++) {
        await page.keyboard.press('Tab');
        if (await page.evaluate(() => deepActive()?.closest('walk-panel [role=toolbar]'))) break;
      }
      assert.ok(await page.evaluate(() => !!deepActive()?.closest('walk-panel')), 'the walk takes the focus');
      await next.focus();
      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate(`${el}.step`), 'projections');
      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate(`${el}.step`), 'scores');
      await page.keyboard.press('ArrowLeft'); // Play
      await page.keyboard.press('ArrowLeft'); // Previous
      await page.keyboard.press('Space');
      assert.equal(await page.evaluate(`${el}.step`), 'projections');
      // The query picker, in the same toolbar: → past Play, Next and End walk; ↓ picks the next token.
      for (let n = 0; n < 4; n++) await page.keyboard.press('ArrowRight');
      assert.equal(await page.evaluate(() => deepActive().id.endsWith('-query')), true, '→ reaches Query');
      await page.keyboard.press('ArrowDown');
      assert.equal(await page.evaluate(`${el}.query`), 2);
      // The steps: one Tab stop, → along them, Enter jumps.
      await page.keyboard.press('Tab');
      for (let n = 0; n < 4; n++) await page.keyboard.press('ArrowRight');
      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate(`${el}.step`), 'softmax');
      // Pressed through to the end, Next keeps the focus.
      await next.focus();
      for (let n = 0; n < 4; n++) await page.keyboard.press('Enter');
      assert.equal(await page.evaluate(`${el}.step`), 'sum');
      assert.equal(await page.evaluate(() => deepActive().getAttribute('aria-label')), 'Next step');
      // Announced after the quiet time, once: the step and its narration.
      await page.waitForTimeout(900);
      const said = await page.evaluate(
        () => deepQuery('attention-playground .ap > p.sr-only[role=status]').textContent,
      );
      assert.match(said, /^Step 7 of 7, Sum\. grows’s new vector: z = /);
    },
  },
  {
    name: 'walk: Play advances about every 1.5 s; under reduced motion, or just after an edit, steps change at once, without transitions',
    fn: async (page) => {
      // The narration's entrance: the animation its stylesheet gives it once a step is shown (read from the
      // computed style, not from running animations, which a slow machine may already have finished).
      const entrance = () =>
        page.evaluate(() => {
          const say = deepQuery('walk-panel .walk-say-box');
          return say.classList.contains('fresh') ? getComputedStyle(say).animationName : 'not shown yet';
        });
      await page.evaluate(() => {
        window.__steps = [];
        deepQuery('attention-playground').addEventListener('step-change', (e) =>
          window.__steps.push([e.detail.step, performance.now()]),
        );
      });
      const step = () => page.evaluate(() => deepQuery('attention-playground').step);
      const waitStep = (name) =>
        page.waitForFunction((name) => deepQuery('attention-playground').step === name, name, { timeout: 6000 });
      const gap = (to) =>
        page.evaluate((to) => {
          const k = window.__steps.findIndex(([s]) => s === to);
          return window.__steps[k][1] - window.__steps[k - 1][1];
        }, to);
      await page.getByRole('button', { name: 'Play', exact: true }).click();
      assert.equal(await step(), 'projections');
      assert.equal(await page.getByRole('button', { name: 'Pause', exact: true }).count(), 1);
      await waitStep('scores');
      const first = await gap('scores');
      assert.ok(first >= 1400 && first < 3000, `projections → scores after ${first} ms`);
      await page.getByRole('button', { name: 'Pause', exact: true }).click();
      const paused = await step();
      await page.waitForTimeout(1700);
      assert.equal(await step(), paused, 'paused');
      await page.emulateMedia({ reducedMotion: 'reduce' });
      await page.evaluate(() => (deepQuery('attention-playground').step = 'mask'));
      await page.getByRole('button', { name: 'Next step' }).click();
      assert.equal(await step(), 'softmax', 'Next changes the step at once');
      await settle(page);
      assert.equal(await entrance(), 'none', 'no animation under reduced motion');
      await page.getByRole('button', { name: 'Play', exact: true }).click();
      await waitStep('weigh');
      const reduced = await gap('weigh');
      assert.ok(reduced >= 1400 && reduced < 3000, `softmax → weigh after ${reduced} ms`);
      await page.getByRole('button', { name: 'Pause', exact: true }).click();
      await page.emulateMedia({ reducedMotion: 'no-preference' });
      await page.getByRole('button', { name: 'Next step' }).click();
      await settle(page);
      assert.equal(await entrance(), 'ap-walk-in', 'the narration animates where motion is allowed');
      // While the reader edits (the last edit under a second ago), a new step shows at once, its numbers
      // already moving; a second after the last edit the entrance is back.
      await page.evaluate(() => (deepQuery('attention-playground').step = 'scale'));
      await page.getByRole('spinbutton', { name: 'E row 1 column 1', exact: true }).fill('3');
      await page.getByRole('button', { name: 'Next step' }).click();
      await settle(page);
      assert.equal(await step(), 'mask');
      assert.equal(await entrance(), 'not shown yet', 'no entrance just after an edit');
      await page.waitForTimeout(1100);
      await page.getByRole('button', { name: 'Next step' }).click();
      await settle(page);
      assert.equal(await entrance(), 'ap-walk-in', 'the entrance is back a second after the last edit');
    },
  },
  {
    name: 'walk: in the scores step Play meets the keys one at a time, from the first, each lit and narrated; then it scales',
    fn: async (page) => {
      // Every (step, key) the page shows while playing, in order, with the narration and the lit K rows.
      await page.evaluate(() => {
        window.__seen = [];
        const el = deepQuery('attention-playground');
        const look = () => {
          const key = deepQuery(el, 'walk-panel select[aria-label=Key]').value,
            at = `${el.step}:${el.step === 'scores' ? key : ''}`;
          if (el.step && window.__seen.at(-1)?.at !== at) {
            const k = deepQueryAll(el, 'projections-panel matrix-view')[1];
            const rows = [...k.querySelectorAll('.r:not(.head)')].flatMap((r, n) =>
              r.querySelector('.c[data-lit]') ? [n] : [],
            );
            window.__seen.push({ at, say: deepQuery(el, 'walk-panel .walk-say').textContent, kRows: rows });
          }
          if (el.step !== 'scale') requestAnimationFrame(look);
        };
        requestAnimationFrame(look);
      });
      const tokens = await page.evaluate(() => deepQuery('attention-playground').state.tokens);
      await page.evaluate(() => deepQuery('attention-playground').setAttribute('query', '2'));
      await page.getByRole('button', { name: 'Play', exact: true }).click();
      await page.waitForFunction(() => deepQuery('attention-playground').step === 'scale', null, {
        timeout: 1500 * (tokens.length + 3),
      });
      await settle(page);
      const seen = await page.evaluate(() => window.__seen);
      assert.deepEqual(
        seen.map((s) => s.at),
        ['projections:', ...tokens.map((_, j) => `scores:${j}`), 'scale:'],
      );
      tokens.forEach((t, j) => {
        const at = seen[1 + j];
        assert.ok(at.say.includes(`${tokens[1]}’s query meets ${t}’s key`), at.say);
        assert.deepEqual(at.kRows, [j], `key ${j + 1}: the lit row of K`);
      });
      assert.equal(await page.evaluate(() => deepQuery('attention-playground').getAttribute('query')), '2');
    },
  },
  {
    name: 'walk: lit cells stay visible under forced colours (drawn in the theme’s highlight, unlike the cells around them)',
    fn: async (page) => {
      await page.emulateMedia({ forcedColors: 'active' });
      await page.evaluate(() => {
        const el = deepQuery('attention-playground');
        el.query = 1;
        el.step = 'softmax';
      });
      const view = page.locator('weights-panel matrix-view');
      await view.scrollIntoViewIfNeeded();
      await settle(page);
      // The canvas's pixels near the left edge of a lit cell (row 1) and of a dark one (row 2), same column.
      const [lit, dark] = await page.evaluate(() => {
        const v = deepQuery('weights-panel matrix-view'),
          canvas = v.querySelector('canvas'),
          box = canvas.getBoundingClientRect();
        const g = canvas.getContext('2d'),
          scale = canvas.width / box.width;
        const at = (cell) => {
          const b = cell.getBoundingClientRect();
          return Array.from(
            g.getImageData(Math.round((b.left - box.left + 6) * scale), Math.round((b.top - box.top + 6) * scale), 1, 1)
              .data,
          ).join(',');
        };
        const rows = v.querySelectorAll('.r:not(.head)');
        return [at(rows[0].querySelectorAll('.c')[0]), at(rows[1].querySelectorAll('.c')[0])];
      });
      assert.notEqual(lit, dark, 'a lit cell is drawn unlike its unlit neighbour');
      assert.equal(await page.locator('weights-panel [data-lit]').count(), 3);
    },
  },
  {
    name: 'walk: an edit during a walk updates the lit cells and the narration in the same task as its compute',
    // Tall enough that the scores panel is rendered (a panel far out of view takes an edit just after its frame).
    viewport: { width: 1280, height: 2600 },
    fn: async (page) => {
      const f = await format();
      await page.evaluate(() => {
        const el = deepQuery('attention-playground');
        el.query = 1;
        el.step = 'scores';
        el.addEventListener('computed', () => {
          const h = el.trace.heads[0];
          window.seen = {
            say: deepQuery(el, 'walk-panel .walk-say').textContent,
            score: h.scores.data[2],
            lit: [...deepQueryAll(el, 'scores-panel [data-lit]')].map((c) => c.getAttribute('aria-label')),
          };
        });
      });
      const input = page.getByRole('spinbutton', { name: 'E row 1 column 1', exact: true });
      await input.focus();
      await page.keyboard.type('7');
      await page.keyboard.press('Enter');
      const seen = await page.evaluate(() => window.seen);
      assert.ok(seen.say.endsWith(`= ${f(seen.score)}.`), `${seen.say} ends with the new score ${f(seen.score)}`);
      assert.deepEqual(seen.lit, [`bank to money: ${f(seen.score)}`]);
    },
  },
  {
    name: 'walk: the attributes, the properties, step-change, selecting a cell, bad values named, readonly',
    fn: async (page) => {
      const events = await page.evaluate(() => {
        const el = deepQuery('attention-playground');
        window.changes = [];
        el.addEventListener('step-change', (e) => window.changes.push(e.detail));
        el.setAttribute('query', '3');
        el.setAttribute('step', 'mask');
        return window.changes;
      });
      assert.deepEqual(events.at(-1), { step: 'mask', query: 3 });
      const picked = await page.evaluate(() => {
        const el = deepQuery('attention-playground');
        return [el.step, el.query, deepQuery(el, 'scores-panel .rh.selected')?.textContent];
      });
      assert.deepEqual(picked, ['mask', 3, 'money'], 'query 3 selects money’s row');
      await page.locator('scores-panel .r:not(.head)').nth(1).locator('.c').nth(2).hover();
      assert.equal(await page.evaluate(() => deepQuery('attention-playground').getAttribute('query')), '2');
      assert.deepEqual(await page.evaluate(() => window.changes.at(-1)), { step: 'mask', query: 2 });
      await page.getByRole('button', { name: 'Next step' }).click();
      assert.deepEqual(await page.evaluate(() => window.changes.at(-1)), { step: 'softmax', query: 2 });
      assert.equal(await page.evaluate(() => deepQuery('attention-playground').getAttribute('step')), 'softmax');
      const msg = await page.evaluate(() => {
        const el = deepQuery('attention-playground');
        el.setAttribute('step', 'explode');
        el.setAttribute('query', '9');
        return [el.step, el.query, deepQuery(el, '.ap-embed-msg').textContent];
      });
      assert.equal(msg[0], 'softmax', 'a bad step changes nothing');
      assert.equal(msg[1], 2, 'a bad query changes nothing');
      assert.match(msg[2], /step="explode": expected one of projections, scores, scale, mask, softmax, weigh, sum/);
      assert.match(msg[2], /query="9": expected a whole number from 1 to 3/);
      await assert.rejects(
        page.evaluate(() => (deepQuery('attention-playground').step = 'nope')),
        /step: expected one of/,
      );
      // readonly: the walk changes no state, and still runs.
      const before = await page.evaluate(() => {
        const el = deepQuery('attention-playground');
        el.setAttribute('readonly', '');
        el.setAttribute('step', 'scores');
        el.setAttribute('query', '1');
        return JSON.stringify(el.state);
      });
      await settle(page);
      await page.getByRole('button', { name: 'Next step' }).click();
      const after = await page.evaluate(() => {
        const el = deepQuery('attention-playground');
        return [el.step, JSON.stringify(el.state), deepQuery(el, '.ap-embed-msg').hidden];
      });
      assert.deepEqual(after, ['scale', before, true]);
    },
  },
  {
    name: 'walk: the link carries #state=…&step=…&query=…, and so does the embed snippet; a link restores the walk',
    fn: async (page, { url }) => {
      await page.evaluate(() => {
        const el = deepQuery('attention-playground');
        el.query = 2;
        el.step = 'scores';
      });
      await page.waitForFunction(() => /&step=scores&query=2$/.test(location.hash), null, { timeout: 5000 });
      const link = await page.evaluate(() => location.href);
      assert.match(link, /#state=[^&]+&step=scores&query=2$/);
      const bar = page.locator('.ap-copy-embed');
      await bar.scrollIntoViewIfNeeded();
      await bar.click();
      const snippet = await page.locator('.ap-share-out').inputValue();
      assert.match(snippet, /<attention-playground state='[^']+' step="scores" query="2"><\/attention-playground>/);
      const copy = page.locator('.ap-copy-link');
      await copy.click();
      // The link is encoded asynchronously (deflate), then shown.
      await page.waitForFunction(() => /#state=/.test(deepQuery('.ap-share-out').value), null, {
        timeout: 5000,
      });
      assert.match(await page.locator('.ap-share-out').inputValue(), /#state=[^&]+&step=scores&query=2$/);
      // Opened afresh, the link shows the same step and query.
      await page.goto('about:blank');
      await page.goto(link.replace('&step=scores&query=2', '&step=softmax&query=3'));
      await page.waitForFunction(() => deepQuery('attention-playground')?.step === 'softmax', null, {
        timeout: 10000,
      });
      assert.equal(await page.evaluate(() => deepQuery('attention-playground').query), 3);
      assert.ok((await litCells(page)).weights, 'the restored step lights its cells');
      void url;
    },
  },
  {
    name: 'walk: multi-head: the walk follows the head shown, and the head picker works during a walk',
    fn: async (page) => {
      // A new sentence rebuilds the pickers' options: they still show the selected query and key.
      await page.evaluate(() => deepQuery('attention-playground').setAttribute('tokens', 'bank grows money fast'));
      await settle(page);
      const pickers = await page.evaluate(() =>
        [...deepQueryAll('walk-panel select')].map((s) => s.selectedOptions[0].textContent),
      );
      assert.deepEqual(pickers, ['1 bank', '3 money']);
      const heads = page.locator('playground-controls input[type=number]').nth(2);
      await heads.fill('2');
      await heads.press('Enter');
      await settle(page);
      await page.evaluate(() => {
        const el = deepQuery('attention-playground');
        el.query = 1;
        el.step = 'sum';
      });
      for (const head of [0, 1]) {
        await page.locator(`playground-controls input[type=radio][value="${head}"]`).check({ force: true });
        await settle(page);
        const shapes = await shapesOf(page, 0);
        assert.equal(shapes.head, head);
        const j = await page.evaluate(() => deepQuery('attention-playground').trace && 2);
        assert.deepEqual(await litCells(page), involved('sum', shapes, 0, j), `head ${head + 1}`);
        const f = await format();
        const z = await traceNumbers(page, 0, 2);
        assert.ok((await narration(page)).includes(`(${z.z.map((x) => f(x)).join(', ')})`), `head ${head + 1} z`);
        assert.match(await narration(page), new RegExp(`head ${head + 1} of 2`));
      }
    },
  },
];

/** Tests on pages of their own (the embed's classic script from file://). */
export const walkEmbedTests = [
  {
    name: 'walk embed: panels="walk scores" step="scores" query="2" lights only the panels present; panels="weights" alone lights its row',
    fn: async (page) => {
      await page.goto(
        fixture(
          'walk.html',
          '<attention-playground id="a" preset="bank-grows-money" panels="walk scores" step="scores" query="2"></attention-playground>\n' +
            '<attention-playground id="b" preset="bank-grows-money" panels="weights" step="softmax" query="3"></attention-playground>',
        ),
      );
      await ready(page, 2);
      await settle(page);
      const a = await litCells(page, '#a'),
        b = await litCells(page, '#b');
      const j = await page.evaluate(() => deepQuery('#a').trace && 2);
      assert.deepEqual(a.scores, [`1,${j}`], 'the score cell of query 2');
      assert.deepEqual(b.weights, ['2,0', '2,1', '2,2'], 'the weights row of query 3');
      const visible = await page.evaluate(
        () => [...deepQueryAll('#a [data-lit]')].filter((c) => c.closest('[hidden]') === null).length,
      );
      assert.equal(visible, 1, 'only the scores panel shows lit cells');
      assert.match(await page.evaluate(() => deepQuery('#a .walk-say').textContent), /grows’s query meets money’s key/);
      assert.equal(await page.evaluate(() => deepQuery('#b').step), 'softmax');
      assert.equal(await page.evaluate(() => deepQuery('#b walk-panel').hidden), true);
    },
  },
];
