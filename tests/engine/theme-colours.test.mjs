// The heatmap scales and canvas inks of both themes, computed: axe-core cannot read text drawn on a canvas,
// so the contrast of every number against its cell, and the order of lightness, are checked here.  And how
// `theme="auto"` decides from what the page says.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { sequentialEntry, divergingEntry, contrast, legends } from '../../web/widgets/format.js';
import { PAINTS, decideTheme, parseRGBA, isDarkColour, themeProblem } from '../../web/widgets/theme.js';

const THEMES = ['light', 'dark'];
const steps = Array.from({ length: 101 }, (_, k) => k / 100);

// CIE L* (D65) of "rgb(r,g,b)" or "#rrggbb".
function lightness(css) {
  const c = css.startsWith('#')
    ? [1, 3, 5].map((i) => parseInt(css.slice(i, i + 2), 16))
    : css.match(/\d+/g).slice(0, 3).map(Number);
  const lin = (v) => (v <= 10.31 ? v / 3294.6 : ((v / 255 + 0.055) / 1.055) ** 2.4);
  const Y = 0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2]);
  return Y > 216 / 24389 ? 116 * Math.cbrt(Y) - 16 : (Y * 24389) / 27;
}

const scales = {
  sequential: steps.map((t) => sequentialEntry(t)),
  positive: steps.map((t) => divergingEntry(t)),
  negative: steps.map((t) => divergingEntry(-t)),
};

for (const theme of THEMES) {
  test(`${theme}: CIE L* moves one way along every scale, away from the panel's surface`, () => {
    const surface = lightness(PAINTS[theme].surface);
    for (const [name, list] of Object.entries(scales)) {
      const L = list.map((e) => lightness(e[theme].bg));
      // Light: from near white, darker with the value; dark: from near the surface, lighter with it.
      const sign = theme === 'light' ? -1 : 1;
      for (let k = 1; k < L.length; k++) {
        assert.ok(sign * (L[k] - L[k - 1]) >= 0, `${name}[${k}]: L* ${L[k - 1].toFixed(2)} then ${L[k].toFixed(2)}`);
      }
      assert.ok(sign * (L.at(-1) - L[0]) > 60, `${name}: L* spans only ${L[0].toFixed(1)} to ${L.at(-1).toFixed(1)}`);
      assert.ok(Math.abs(L[0] - surface) < 6, `${name}: zero (L* ${L[0].toFixed(1)}) stands out of the surface`);
    }
  });

  test(`${theme}: every number drawn on a cell meets 4.5:1 against the cell's colour`, () => {
    const failures = [];
    for (const [name, list] of Object.entries(scales)) {
      list.forEach((e, k) => {
        const { bg, ink } = e[theme];
        const ratio = contrast(bg, ink);
        if (!(ratio >= 4.5)) failures.push(`${name}[${k}] ${ink} on ${bg}: ${ratio.toFixed(2)}`);
      });
    }
    const p = PAINTS[theme];
    for (const stripe of [p.maskedLight, p.maskedDark]) {
      const ratio = contrast(p.maskedInk, stripe);
      if (!(ratio >= 4.5)) failures.push(`masked ${p.maskedInk} on ${stripe}: ${ratio.toFixed(2)}`);
    }
    const neutral = contrast(p.ink, p.neutral);
    if (!(neutral >= 4.5)) failures.push(`no value ${p.ink} on ${p.neutral}: ${neutral.toFixed(2)}`);
    assert.deepEqual(failures, []);
  });

  test(`${theme}: outlines (selection, focus) stand 3:1 apart from the surface`, () => {
    const p = PAINTS[theme];
    assert.ok(contrast(p.ink, p.surface) >= 4.5);
    assert.ok(contrast(p.focus, p.surface) >= 3);
  });
}

test('the legends are drawn from the same stops as the cells, per theme', () => {
  assert.ok(legends('light').sequential.includes(sequentialEntry(1).light.bg));
  assert.ok(legends('dark').sequential.includes(sequentialEntry(1).dark.bg));
  assert.ok(legends('dark').diverging.includes(divergingEntry(-1).dark.bg));
  assert.notEqual(legends('light').diverging, legends('dark').diverging);
});

test('a forced theme wins over everything the page says', () => {
  const page = { colorScheme: 'dark', background: [0, 0, 0], prefersDark: true };
  assert.equal(decideTheme({ ...page, attribute: 'light' }), 'light');
  assert.equal(decideTheme({ ...page, colorScheme: 'light', attribute: 'dark' }), 'dark');
});

test('auto: the used color-scheme where it names one theme alone, then the background, then the reader', () => {
  const white = [255, 255, 255],
    black = [18, 18, 18];
  assert.equal(decideTheme({ attribute: null, colorScheme: 'dark', background: white, prefersDark: false }), 'dark');
  assert.equal(decideTheme({ attribute: 'auto', colorScheme: 'only light', background: black }), 'light');
  // Both named (the browser follows the reader) or none: the page's background decides.
  assert.equal(decideTheme({ attribute: null, colorScheme: 'light dark', background: black }), 'dark');
  assert.equal(decideTheme({ attribute: null, colorScheme: 'normal', background: white, prefersDark: true }), 'light');
  assert.equal(decideTheme({ attribute: null, colorScheme: 'normal', background: null, prefersDark: true }), 'dark');
  assert.equal(decideTheme({ attribute: null, colorScheme: 'normal', background: null, prefersDark: false }), 'light');
});

test('colours as getComputedStyle gives them; which are dark', () => {
  assert.deepEqual(parseRGBA('rgb(19, 23, 31)'), [19, 23, 31, 1]);
  assert.deepEqual(parseRGBA('rgba(0, 0, 0, 0)'), [0, 0, 0, 0]);
  assert.deepEqual(parseRGBA('rgb(10 20 30 / 50%)'), [10, 20, 30, 0.5]);
  assert.equal(parseRGBA('oklch(0.2 0.01 250)'), null);
  assert.equal(isDarkColour([33, 37, 41]), true); // Bootstrap's dark body
  assert.equal(isDarkColour([32, 43, 56]), true); // Water.css dark
  assert.equal(isDarkColour([255, 255, 255]), false);
  assert.equal(isDarkColour([96, 96, 96]), true); // greys: dark where white text reads better than black
  assert.equal(isDarkColour([140, 140, 140]), false);
});

test('a theme value that is not a theme is named', () => {
  assert.equal(themeProblem(null), null);
  assert.equal(themeProblem('dark'), null);
  assert.match(themeProblem('night'), /^theme="night": expected "auto", "light" or "dark"/);
});
