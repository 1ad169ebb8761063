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

function ramp(stops, n) {
  const rgb = stops.map((h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16)));
  return Array.from({ length: n }, (_, k) => {
    const t = (k / (n - 1)) * (rgb.length - 1),
      i = Math.min(Math.floor(t), rgb.length - 2),
      f = t - i;
    const c = rgb[i].map((v, ch) => Math.round(v + (rgb[i + 1][ch] - v) * f));
    // White text where it contrasts more than black (WCAG's relative luminance): one of the two always
    // reaches 4.5:1 on any colour, while the page's ink (not quite black) misses it on some mid blues.
    const lin = (v) => (v <= 10.31 ? v / 3294.6 : ((v / 255 + 0.055) / 1.055) ** 2.4);
    const L = 0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2]);
    return { bg: `rgb(${c[0]},${c[1]},${c[2]})`, dark: 1.05 / (L + 0.05) > (L + 0.05) / 0.05 };
  });
}

// Lightness carries the value (readable in grey and with every colour-vision deficiency); hue only tells
// sign: blue for positive, orange for negative.
const SEQ = ramp(
  ['#f7fbff', '#deebf7', '#c6dbef', '#9ecae1', '#6baed6', '#4292c6', '#2171b5', '#08519c', '#08306b'],
  101,
);
const POS = ramp(['#f7f7f7', '#d1e5f0', '#92c5de', '#4393c3', '#2166ac', '#053061'], 101);
const NEG = ramp(['#f7f7f7', '#fee0b6', '#fdb863', '#e08214', '#b35806', '#7f3b08'], 101);

/** Colour for a value in [0, 1] (attention weights): { bg, dark }. */
export function sequential(t) {
  return SEQ[Math.round(Math.min(Math.max(t, 0), 1) * 100)];
}

/** Colour for a value in [-1, 1] (signed tensors scaled by their largest magnitude). */
export function diverging(t) {
  const k = Math.round(Math.min(Math.abs(t), 1) * 100);
  return t < 0 ? NEG[k] : POS[k];
}

/** CSS gradients for the legends, from the same stops. */
export const LEGENDS = {
  sequential: `linear-gradient(90deg, ${SEQ.filter((_, i) => i % 10 === 0)
    .map((c) => c.bg)
    .join(', ')})`,
  diverging: `linear-gradient(90deg, ${[...NEG]
    .reverse()
    .concat(POS)
    .filter((_, i) => i % 10 === 0)
    .map((c) => c.bg)
    .join(', ')})`,
};
