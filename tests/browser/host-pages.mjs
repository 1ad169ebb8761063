// The one-script embed (dist/attention-playground.js, from file://) inside real host stylesheets from npm:
// Pico 2, Bootstrap 5.3 and Water.css 2, each light and dark, and a hand-made dark blog that shrinks
// html { font-size } to 62.5 % and sets a 19px serif body.  For each: axe-core finds nothing inside the element;
// the element is dark on a dark host and light on a light one, measured on its rendered pixels; the E grid's
// cell size and pitch are a bare page's; the host's own elements compute the same styles with and without our
// script; and a theme switch on the host while the page is open repaints the element, canvases included.
//   node tests/browser/host-pages.mjs [--dist <file>] [--report]   (--report: print figures, assert nothing;
//   ONLY='regex' runs the tests whose names match)
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, ROOT, testRunner } from './harness.mjs';

const args = process.argv.slice(2);
const DIST = args.includes('--dist') ? args[args.indexOf('--dist') + 1] : join(ROOT, 'dist/attention-playground.js');
const REPORT = args.includes('--report');
const require = createRequire(join(ROOT, 'scripts/node_modules/'));
const AXE = require.resolve('axe-core/axe.min.js');
const css = (pkg, file) => require.resolve(`${pkg}/${file}`);
const DIR = join(ROOT, 'build/host-pages');
mkdirSync(DIR, { recursive: true });
copyFileSync(DIST, join(DIR, 'attention-playground.js'));
for (const [name, file] of [
  ['pico.css', css('@picocss/pico', 'css/pico.min.css')],
  ['bootstrap.css', css('bootstrap', 'dist/css/bootstrap.min.css')],
  ['water-light.css', css('water.css', 'out/light.min.css')],
  ['water-dark.css', css('water.css', 'out/dark.min.css')],
  ['tailwind-preflight.css', css('tailwindcss', 'preflight.css')],
])
  copyFileSync(file, join(DIR, name));

const BLOG = `html { font-size: 62.5%; } body { margin: 0 auto; max-width: 960px; padding: 2rem; font: 19px/1.6 Georgia,
  "DejaVu Serif", serif; background: #fdfbf6; color: #2b2b2b; } html.night body { background: #17181c; color: #d8d8d8; }
  a { color: #b3541e; } html.night a { color: #f0a070; } table td { border-bottom: 1px solid currentColor; padding: .6em; }`;

/**
 * Host pages: [name, theme it is in, <html> attributes, <head> links and styles, how to switch its theme,
 * whether its content is in <main>].  Without <main>, the element sits straight in <body>, as on a bare page or
 * a layout that uses none, and axe then checks the whole page's landmarks.
 */
const HOSTS = [
  ['bare', 'light', '', '', null, true],
  ['bare, no <main>', 'light', '', '', null, false],
  ['pico light', 'light', 'data-theme="light"', '<link rel="stylesheet" href="pico.css">', 'pico', true],
  ['pico dark', 'dark', 'data-theme="dark"', '<link rel="stylesheet" href="pico.css">', 'pico', true],
  [
    'bootstrap light',
    'light',
    'data-bs-theme="light"',
    '<link rel="stylesheet" href="bootstrap.css">',
    'bootstrap',
    true,
  ],
  ['bootstrap dark', 'dark', 'data-bs-theme="dark"', '<link rel="stylesheet" href="bootstrap.css">', 'bootstrap', true],
  [
    'bootstrap dark, no <main>',
    'dark',
    'data-bs-theme="dark"',
    '<link rel="stylesheet" href="bootstrap.css">',
    null,
    false,
  ],
  ['water light', 'light', '', '<link rel="stylesheet" id="water" href="water-light.css">', 'water', true],
  ['water dark', 'dark', '', '<link rel="stylesheet" id="water" href="water-dark.css">', 'water', true],
  ['water light, no <main>', 'light', '', '<link rel="stylesheet" href="water-light.css">', null, false],
  ['tailwind preflight, no <main>', 'light', '', '<link rel="stylesheet" href="tailwind-preflight.css">', null, false],
  ['serif blog (62.5 %, 19px), dark', 'dark', 'class="night"', `<style>${BLOG}</style>`, 'blog', true],
];

// The host's own content, styled by its stylesheet: compared with and without our script.
const HOST_CONTENT = `<h1>A tutorial</h1><p>Prose with <a href="#x">a link</a> and
<code>code</code>.</p><table class="table"><thead><tr><th>a</th><th>b</th></tr></thead><tbody><tr><td>1</td>
<td>2</td></tr></tbody></table><button class="btn btn-primary">A button</button> <input aria-label="a field" value="x">
<attention-playground></attention-playground><p id="after">After the figure.</p>`;

function hostPage(name, htmlAttrs, head, withScript, inMain) {
  const file = join(DIR, `${name.replace(/\W+/g, '-')}${withScript ? '' : '-bare'}.html`);
  const body = inMain ? `<main class="container">${HOST_CONTENT}</main>` : HOST_CONTENT;
  writeFileSync(
    file,
    `<!doctype html><html lang="en" ${htmlAttrs}><head><meta charset="utf-8"><title>${name}</title>${head}` +
      `${withScript ? '<script src="attention-playground.js"></script>' : ''}</head><body>${body}</body></html>`,
  );
  return pathToFileURL(file).href;
}

// Every computed value of the host's elements, custom properties included.  Computed, not resolved:
// getComputedStyle's margins, paddings and sizes are used values, read off the last layout, and a loaded machine
// sometimes gave body's auto margins as 0px there while its box was centred at the same width (1 run in about 6).
const hostStyles = (page) =>
  page.evaluate(() => {
    const out = {};
    for (const sel of [
      'html',
      'body',
      'h1',
      'p',
      'a',
      'code',
      'table',
      'th',
      'td',
      'button',
      'input',
      '#after',
      ...(document.querySelector('main') ? ['main'] : []),
    ])
      for (const [prop, values] of document.querySelector(sel).computedStyleMap())
        out[`${sel} ${prop}`] = values.map(String).join(', ');
    return out;
  });

const ready = (page) =>
  page.waitForFunction(() => document.querySelector('attention-playground')?.trace, null, { timeout: 15000 });
const frames = (page, n = 2) =>
  page.evaluate(
    (k) =>
      new Promise((r) =>
        (function f(i) {
          i ? requestAnimationFrame(() => f(i - 1)) : r();
        })(k),
      ),
    n,
  );

/** The mean relative luminance of the page's pixels in clip, as rendered (a screenshot decoded by the page). */
async function luminance(page, clip) {
  const png = (await page.screenshot({ clip })).toString('base64');
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0);
    const d = g.getImageData(0, 0, c.width, c.height).data;
    const lin = (v) => (v <= 10.31 ? v / 3294.6 : ((v / 255 + 0.055) / 1.055) ** 2.4);
    let sum = 0;
    for (let k = 0; k < d.length; k += 4) sum += 0.2126 * lin(d[k]) + 0.7152 * lin(d[k + 1]) + 0.0722 * lin(d[k + 2]);
    return sum / (d.length / 4);
  }, png);
}

/** Luminance of a panel's surface (inside its padding) and of a heatmap cell drawn on a canvas (its corner). */
async function shownLuminance(page) {
  const panel = page.locator('attention-playground embeddings-panel');
  await panel.scrollIntoViewIfNeeded();
  const p = await panel.boundingBox();
  const surface = await luminance(page, { x: p.x + 4, y: p.y + 4, width: 8, height: 6 });
  // Row 1, column 2 of the weights ("bank" to "grows", a small weight): its top-left corner, clear of the number.
  const cell = page.locator('attention-playground weights-panel matrix-view .c').nth(1);
  await cell.scrollIntoViewIfNeeded();
  const c = await cell.boundingBox();
  return { surface, cell: await luminance(page, { x: c.x + 3, y: c.y + 3, width: 8, height: 5 }) };
}

/** The E grid's first input, its size and the pitch to the next column and the next row. */
const gridPitch = (page) =>
  page.locator('attention-playground embeddings-panel table.editable').evaluate((t) => {
    const at = (r, c) => t.querySelectorAll('tbody tr')[r].querySelectorAll('input')[c].getBoundingClientRect();
    const a = at(0, 0),
      right = at(0, 1),
      down = at(1, 0);
    return { width: a.width, height: a.height, colPitch: right.x - a.x, rowPitch: down.y - a.y };
  });

/**
 * axe-core's violations at nodes inside the element.  wholePage: axe checks the whole document (landmarks are
 * judged by where they sit in it), and only what it finds inside the element counts.
 */
async function axeInside(page, wholePage = false) {
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: 1280, height: Math.min(height + 50, 16000) }); // no panel skipped
  await frames(page);
  await page.addScriptTag({ path: AXE });
  const found = await page.locator('attention-playground').evaluate(async (el, wholePage) => {
    const r = await window.axe.run(wholePage ? document : el, { resultTypes: ['violations'] });
    // A node inside a shadow root is targeted by a list: its host's selector first.
    const inside = (n) => !wholePage || (Array.isArray(n.target[0]) && el.matches(n.target[0][0]));
    return r.violations.flatMap((v) => v.nodes.filter(inside).map((n) => `${v.id} at ${n.target.flat().join(' ')}`));
  }, wholePage);
  await page.setViewportSize({ width: 1280, height: 900 });
  return found;
}

async function switchTheme(page, kind, to) {
  await page.evaluate(
    ([kind, to]) => {
      const html = document.documentElement;
      if (kind === 'pico') html.dataset.theme = to;
      else if (kind === 'bootstrap') html.dataset.bsTheme = to;
      else if (kind === 'water')
        document.getElementById('water').href = `water-${to}.css`; // no attribute flips
      else html.classList.toggle('night', to === 'dark');
    },
    [kind, to],
  );
  await page.waitForTimeout(400); // the new sheet, a host's own transition on its background, our repaint
}

/**
 * The dark-blog recipe as README.md prints it (the html block after "A dark blog, worked through"), with a
 * forced light figure added on the dark page: the recipe's colours must not follow it into a light theme.
 */
function recipePage() {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const at = readme.indexOf('A dark blog, worked through');
  assert.ok(at >= 0, 'README.md has the dark-blog recipe');
  const html = /```html\n([\s\S]*?)```/.exec(readme.slice(at))[1];
  assert.match(html, /<script src="attention-playground\.js"><\/script>/, 'the recipe loads the script beside it');
  const file = join(DIR, 'readme-recipe.html');
  writeFileSync(
    file,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>recipe</title></head><body>${html}` +
      '<attention-playground theme="light" preset="java"></attention-playground></body></html>',
  );
  return pathToFileURL(file).href;
}

/**
 * Text inside each playground whose contrast with what is behind it is under 4.5:1: every visible element
 * with text of its own (SVG text by its fill; a field by its value), against its backgrounds composited up to
 * the first opaque one, opacity included.  Disabled controls are exempt (WCAG 1.4.3), canvases are not text.
 */
const lowContrast = (page) =>
  page.evaluate(() => {
    const rgba = (c) => {
      const m = c.match(/[\d.]+/g)?.map(Number) ?? [0, 0, 0, 0];
      return [m[0], m[1], m[2], m[3] ?? 1];
    };
    const over = (top, below) => top.slice(0, 3).map((v, i) => v * top[3] + below[i] * (1 - top[3]));
    const lum = (c) =>
      c
        .map((v) => v / 255)
        .map((v) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
        .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
    const ratio = (a, b) => {
      const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
      return (x + 0.05) / (y + 0.05);
    };
    const parent = (n) => n.parentElement ?? n.parentNode?.host ?? null;
    const behind = (el) => {
      const layers = [];
      let alpha = 1;
      for (let n = el; n; n = parent(n)) {
        const cs = getComputedStyle(n);
        alpha *= Number(cs.opacity);
        const bg = rgba(cs.backgroundColor);
        if (bg[3] > 0) layers.push(bg);
        if (bg[3] >= 1) break;
      }
      return { bg: layers.reverse().reduce((below, top) => over(top, below), [255, 255, 255]), alpha };
    };
    const all = (root) =>
      [...root.querySelectorAll('*')].flatMap((e) => [e, ...(e.shadowRoot ? all(e.shadowRoot) : [])]);
    const bad = [];
    document.querySelectorAll('attention-playground').forEach((pg, k) => {
      for (const el of all(pg.shadowRoot)) {
        const field = el.matches('input:not([type=radio],[type=checkbox],[type=range],[type=file]), select, textarea');
        const text = field
          ? (el.value ?? '')
          : [...el.childNodes]
              .filter((t) => t.nodeType === 3)
              .map((t) => t.data)
              .join('')
              .trim();
        if (!text || el.closest('[hidden]') || !el.checkVisibility({ opacityProperty: true, visibilityProperty: true }))
          continue;
        if (el.matches(':disabled') || el.closest('[aria-disabled=true]')) continue;
        const box = el.getBoundingClientRect();
        if (box.width < 2 || box.height < 2) continue; // visually hidden text for screen readers
        const cs = getComputedStyle(el);
        const ink = rgba(el instanceof SVGElement ? cs.fill : cs.color);
        const { bg, alpha } = behind(el);
        const r = ratio(over([...ink.slice(0, 3), ink[3] * alpha], bg), bg);
        if (r < 4.5)
          bad.push(
            `#${k} ${el.localName}.${el.className?.baseVal ?? el.className} "${text.slice(0, 20)}": ${r.toFixed(2)}`,
          );
      }
    });
    return bad;
  });

const isDark = (l) => l < 0.18;
const started = performance.now();
const browser = await launch();
const { run: runAll, results } = testRunner();
const only = process.env.ONLY ? new RegExp(process.env.ONLY) : null;
const run = (name, fn) => (!only || only.test(name) ? runAll(name, fn) : null);
const figures = [];
let bare = null;
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  for (const [name, theme, attrs, head, kind, inMain] of HOSTS) {
    await run(`host page: ${name}`, async () => {
      const page = await context.newPage();
      page.on('pageerror', (e) => console.log(`     page error: ${e.message}`));
      try {
        await page.goto(hostPage(name, attrs, head, false, inMain));
        const without = await hostStyles(page);
        await page.goto(hostPage(name, attrs, head, true, inMain));
        await ready(page);
        const withScript = await hostStyles(page);
        const t = [performance.now()];
        const keys = new Set([...Object.keys(without), ...Object.keys(withScript)]);
        const changed = [...keys]
          .filter((k) => without[k] !== withScript[k])
          .map((k) => `${k}: ${without[k]} -> ${withScript[k]}`);
        const pitch = await gridPitch(page);
        bare ??= pitch;
        const shown = await shownLuminance(page);
        t.push(performance.now());
        const axe = await axeInside(page, !inMain);
        t.push(performance.now());
        let switched = null;
        if (kind) {
          const other = theme === 'dark' ? 'light' : 'dark';
          await switchTheme(page, kind, other);
          switched = await shownLuminance(page);
          await switchTheme(page, kind, theme);
        }
        t.push(performance.now());
        if (process.env.HOST_TIMES) console.log(t.slice(1).map((x, i) => Math.round(x - t[i])));
        figures.push({ name, axe: axe.length, pitch, shown, switched, changed: changed.length });
        if (REPORT) return;
        assert.deepEqual(axe, [], `${axe.length} axe violations inside the element`);
        assert.equal(isDark(shown.surface), theme === 'dark', `panel surface luminance ${shown.surface.toFixed(3)}`);
        assert.equal(isDark(shown.cell), theme === 'dark', `heatmap cell luminance ${shown.cell.toFixed(3)}`);
        assert.deepEqual(pitch, bare, 'E grid cell size and pitch differ from the bare page');
        assert.deepEqual(changed, [], "the host's own elements compute other styles with our script");
        if (switched) {
          assert.equal(isDark(switched.surface), theme !== 'dark', `after the switch: surface ${switched.surface}`);
          assert.equal(isDark(switched.cell), theme !== 'dark', `after the switch: canvas cell ${switched.cell}`);
        }
      } finally {
        await page.close();
      }
    });
  }
  await run(
    "host page: README's dark-blog recipe, a light section and a forced light figure: text ≥ 4.5:1",
    async () => {
      const page = await context.newPage();
      try {
        await page.goto(recipePage());
        await page.waitForFunction(
          () => [...document.querySelectorAll('attention-playground')].every((e) => e.trace),
          null,
          { timeout: 15000 },
        );
        await frames(page);
        const states = await page.evaluate(() =>
          [...document.querySelectorAll('attention-playground')].map((e) =>
            e.matches(':state(dark)') ? 'dark' : e.matches(':state(light)') ? 'light' : 'none',
          ),
        );
        assert.deepEqual(states, ['dark', 'light', 'light'], ':state() names the theme each figure shows');
        const height = await page.evaluate(() => document.documentElement.scrollHeight);
        await page.setViewportSize({ width: 1280, height: Math.min(height + 50, 16000) }); // every panel rendered
        await frames(page, 4);
        const bad = await lowContrast(page);
        assert.deepEqual(bad, [], `${bad.length} texts under 4.5:1`);
      } finally {
        await page.close();
      }
    },
  );
} finally {
  await browser.close();
}
if (REPORT || results.includes(false)) {
  for (const f of figures) {
    const p = f.pitch;
    console.log(
      `     ${f.name}: axe ${f.axe}; E cell ${p.width.toFixed(1)}×${p.height.toFixed(1)}, pitch ` +
        `${p.colPitch.toFixed(1)} × ${p.rowPitch.toFixed(1)} px; surface L ${f.shown.surface.toFixed(3)}, cell L ` +
        `${f.shown.cell.toFixed(3)}${f.switched ? `; switched: ${f.switched.surface.toFixed(3)}, ${f.switched.cell.toFixed(3)}` : ''}` +
        `; host styles changed: ${f.changed}`,
    );
  }
}
console.log(`host pages: ${((performance.now() - started) / 1000).toFixed(1)} s`);
const failed = results.filter((r) => !r).length;
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
