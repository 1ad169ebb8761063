// How numbers and colours look: formatting, parsing what a reader types, and colour-blind-safe scales.
// Presentation only: nothing here computes attention.

const MINUS = '\u2212';

/** A tensor entry for display: fixed decimals, a true minus sign, "−∞" for masked, exponents when huge. */
export function formatNumber(x, digits = 2) {
  if (x === -Infinity) return MINUS + '∞';
  if (x === Infinity) return '∞';
  if (!Number.isFinite(x)) return '—';
  const a = Math.abs(x);
  let s = a >= 1e4 ? x.toExponential(1).replace('e+', 'e') : x.toFixed(digits);
  if (/^-0\.?0*$/.test(s)) s = s.slice(1);
  return s.replace('-', MINUS);
}

/** An editable value as typed: short, plain ASCII so it round-trips through parseNumber. */
export function formatEdit(x) {
  const s = String(x);
  return s.length <= 8 ? s : String(Number(x.toPrecision(5)));
}

/**
 * A number at rest in an editable cell, in at most `width` characters (the cell's width, matrix-styles.js): the value
 * as it reads back exactly when that fits ("0.5", "−2"), else rounded to fit, as a computed cell is ("0.841",
 * "−123", "1.0e6", "1e-4").  A true minus; the full value is shown while the cell is edited (formatFloat32).
 */
export function formatFit(x, width = 5) {
  if (!Number.isFinite(x)) return formatNumber(x);
  const exact = formatFloat32(x).replace(/^-/, MINUS);
  if (exact.length <= width) return exact;
  const sign = x < 0 ? MINUS : '',
    a = Math.abs(x),
    room = width - sign.length;
  if (a >= 0.01) {
    for (let d = Math.max(0, room - 2); d >= 0; d--) {
      const s = a.toFixed(d);
      if (s.length <= room && Number(s) !== 0) return sign + s;
    }
  }
  for (let k = Math.max(0, room - 4); k >= 0; k--) {
    const s = a.toExponential(k).replace('e+', 'e');
    if (s.length <= room || k === 0) return sign + s;
  }
}

/** Items in a sentence: "a", "a and b", "a, b and c". */
export function formatList(items) {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/**
 * A number in a sentence, as people read it: thousands grouped, a true minus, every digit the value has
 * ("1,000,001", "0.0001", "−2.5"); beyond 10^15 in e-notation as typed ("1e300").  Messages use it, not %g.
 */
export function formatPlain(x) {
  if (x === Infinity) return '∞';
  if (x === -Infinity) return MINUS + '∞';
  if (Number.isNaN(x)) return 'not a number';
  const a = Math.abs(x);
  let s;
  if (a >= 1e15 || (a > 0 && a < 1e-6)) s = a.toExponential().replace('e+', 'e');
  else {
    const [int, frac] = String(a).split('.');
    s = int.replace(/\B(?=(\d{3})+$)/g, ',') + (frac ? `.${frac}` : '');
  }
  return (x < 0 ? MINUS : '') + s;
}

/**
 * The shortest decimal text that reads back to the same float32 as x: 5.3, not 5.300000190734863.  Plain
 * ASCII (for files); up to 9 significant digits, which every float32 needs at most.
 */
export function formatFloat32(x) {
  const f = Math.fround(x);
  if (!Number.isFinite(f)) return String(f);
  if (f === 0) return '0';
  for (let p = 1; p < 9; p++) {
    const s = f.toPrecision(p);
    if (Math.fround(Number(s)) === f) return String(Number(s));
  }
  return String(Number(f.toPrecision(9)));
}

/** Parses a cell's text: { value } or { error } with a message meant for the reader. */
export function parseNumber(text) {
  const t = text.trim().replace(/\u2212/g, '-');
  if (t === '') return { error: 'empty: type a number' };
  const v = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t) ? Number(t) : NaN;
  if (Number.isNaN(v)) return { error: 'not a number: type digits, like 0.5 or -2' };
  if (!Number.isFinite(v)) return { error: 'too large to be a number here' };
  return { value: v };
}

// WCAG's relative luminance of an [r, g, b] in 0..255.
const lin = (v) => (v <= 10.31 ? v / 3294.6 : ((v / 255 + 0.055) / 1.055) ** 2.4);
const luminance = (c) => 0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2]);
const rgbOf = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

/** The WCAG contrast ratio of two "#rrggbb" or "rgb(r,g,b)" colours. */
export function contrast(a, b) {
  const parse = (c) => (c.startsWith('#') ? rgbOf(c) : c.match(/\d+/g).slice(0, 3).map(Number));
  const [x, y] = [luminance(parse(a)), luminance(parse(b))].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

/** The ink that contrasts more with bg: the theme's light ink or its dark one. */
export const inkOn = (bg, inks) => (contrast(bg, inks.light) > contrast(bg, inks.dark) ? inks.light : inks.dark);

// The numbers' inks on a coloured cell, per theme: one of the two reaches 4.5:1 on every colour of the scales
// (tests/engine/theme-colours.test.mjs computes it).
// Pure white and black: the page's near-black ink misses 4.5:1 on the mid blues.
export const CELL_INKS = {
  light: { light: '#ffffff', dark: '#000000' },
  dark: { light: '#ffffff', dark: '#000000' },
};

function ramp(stops, n, inks) {
  const rgb = stops.map(rgbOf);
  return Array.from({ length: n }, (_, k) => {
    const t = (k / (n - 1)) * (rgb.length - 1),
      i = Math.min(Math.floor(t), rgb.length - 2),
      f = t - i;
    const c = rgb[i].map((v, ch) => Math.round(v + (rgb[i + 1][ch] - v) * f));
    const bg = `rgb(${c[0]},${c[1]},${c[2]})`,
      ink = inkOn(bg, inks);
    return { bg, ink, dark: ink === inks.light };
  });
}

// Lightness carries the value (readable in grey and with every colour-vision deficiency); hue only tells
// sign: blue for positive, orange for negative.  Light: zero is near white and darkens with the value; dark:
// zero is near the panel's surface and brightens with it.  CIE L* is monotonic along every scale.
export const SCALE_STOPS = {
  light: {
    sequential: ['#f7fbff', '#deebf7', '#c6dbef', '#9ecae1', '#6baed6', '#4292c6', '#2171b5', '#08519c', '#08306b'],
    positive: ['#f7f7f7', '#d1e5f0', '#92c5de', '#4393c3', '#2166ac', '#053061'],
    negative: ['#f7f7f7', '#fee0b6', '#fdb863', '#e08214', '#b35806', '#7f3b08'],
  },
  dark: {
    sequential: ['#1c2230', '#1b2d4a', '#1b3d66', '#215487', '#2b6ea8', '#3f8ac6', '#62a6de', '#93c4ee', '#c9e2f8'],
    positive: ['#1c2230', '#1a3350', '#1f4f7c', '#2b6fa8', '#4f95cf', '#9ccaf0'],
    negative: ['#1c2230', '#3d2a17', '#62401a', '#8c5a1c', '#bb7d2a', '#f0b468'],
  },
};

// Each entry is one shared object per step holding both themes' colours ({ light, dark }), so that a view
// can compare entries by identity and repaint in the other theme without recomputing them.
const scales = Object.fromEntries(
  ['sequential', 'positive', 'negative'].map((kind) => {
    const [l, d] = ['light', 'dark'].map((th) => ramp(SCALE_STOPS[th][kind], 101, CELL_INKS[th]));
    return [kind, l.map((light, k) => ({ light, dark: d[k] }))];
  }),
);

/** The scale step of a value in [0, 1] (attention weights), both themes: { light, dark } of { bg, ink, dark }. */
export function sequentialEntry(t) {
  return scales.sequential[Math.round(Math.min(Math.max(t, 0), 1) * 100)];
}

/** The scale step of a value in [-1, 1] (signed tensors scaled by their largest magnitude), both themes. */
export function divergingEntry(t) {
  const k = Math.round(Math.min(Math.abs(t), 1) * 100);
  return (t < 0 ? scales.negative : scales.positive)[k];
}

/** Colour for a value in [0, 1] in a theme ('light' or 'dark'): { bg, ink, dark }. */
export const sequential = (t, theme = 'light') => sequentialEntry(t)?.[theme];

/** Colour for a value in [-1, 1] in a theme. */
export const diverging = (t, theme = 'light') => divergingEntry(t)?.[theme];

/** CSS gradients for the legends, from the same stops, per theme. */
export function legends(theme = 'light') {
  const every10 = (list) =>
    list
      .filter((_, i) => i % 10 === 0)
      .map((c) => c[theme].bg)
      .join(', ');
  return {
    sequential: `linear-gradient(90deg, ${every10(scales.sequential)})`,
    diverging: `linear-gradient(90deg, ${every10([...scales.negative].reverse().concat(scales.positive))})`,
  };
}
export const LEGENDS = legends('light');
