// The playground's two themes: the colours its canvases paint with, and how `theme="auto"` (the default)
// chooses one from the page around the element.  Reads the page's styles, never writes them.

/** What the canvases draw with, per theme (the stylesheet's custom properties use the same). */
export const PAINTS = {
  light: {
    ink: '#1b2130',
    focus: '#2f54c8',
    changed: '#f59f00',
    lit: '#d6336c',
    maskedInk: '#525a68',
    maskedLight: '#eef0f4',
    maskedDark: '#e1e4ea',
    neutral: '#f7f7f7',
    surface: '#ffffff',
    muted: '#5b6474',
  },
  dark: {
    ink: '#e4e8f0',
    focus: '#8aa4ff',
    changed: '#f59f00',
    lit: '#ff6b9d',
    maskedInk: '#a3acbb',
    maskedLight: '#232a36',
    maskedDark: '#2e3644',
    neutral: '#1c2230',
    surface: '#161b24',
    muted: '#a0a9ba',
  },
};

export const THEME_NAMES = ['auto', 'light', 'dark'];

/** [r, g, b, a] of a computed colour "rgb(…)" / "rgba(…)" (what getComputedStyle gives), or null. */
export function parseRGBA(css) {
  const m = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/.exec(css.trim());
  if (!m) return null;
  const a = m[4] === undefined ? 1 : m[4].endsWith('%') ? parseFloat(m[4]) / 100 : Number(m[4]);
  return [Number(m[1]), Number(m[2]), Number(m[3]), a];
}

/** True where an [r, g, b] (0..255) is dark: white text contrasts with it more than black does. */
export function isDarkColour([r, g, b]) {
  const lin = (v) => (v <= 10.31 ? v / 3294.6 : ((v / 255 + 0.055) / 1.055) ** 2.4);
  const L = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  return 1.05 / (L + 0.05) > (L + 0.05) / 0.05;
}

/**
 * The theme to use, from what the page says, in this order: a forced `theme` attribute ("light" or "dark");
 * the host's used color-scheme where it names one of the two alone; the first opaque background behind the
 * element ([r, g, b] or null); the reader's prefers-color-scheme.
 */
export function decideTheme({ attribute, colorScheme, background, prefersDark }) {
  if (attribute === 'light' || attribute === 'dark') return attribute;
  const words = String(colorScheme ?? '').split(/\s+/);
  const light = words.includes('light'),
    dark = words.includes('dark');
  if (light !== dark) return dark ? 'dark' : 'light';
  if (background) return isDarkColour(background) ? 'dark' : 'light';
  return prefersDark ? 'dark' : 'light';
}

/** A message naming a `theme` value that is not one of THEME_NAMES, or null. */
export function themeProblem(value) {
  if (value === null || THEME_NAMES.includes(value)) return null;
  return `theme="${value}": expected "auto", "light" or "dark"; deciding from the page`;
}

let probe = null;
/** [r, g, b, a] of any CSS colour the browser knows (a 1×1 canvas converts what is not rgb()). */
function colourOf(css) {
  const parsed = parseRGBA(css);
  if (parsed) return parsed;
  probe ??= document.createElement('canvas').getContext('2d', { willReadFrequently: true });
  probe.clearRect(0, 0, 1, 1);
  probe.fillStyle = '#000';
  probe.fillStyle = css;
  probe.fillRect(0, 0, 1, 1);
  const [r, g, b, a] = probe.getImageData(0, 0, 1, 1).data;
  return [r, g, b, a / 255];
}

// The parent in the flat tree: a shadow root's parent is its host.
const composedParent = (n) => n.parentElement ?? n.parentNode?.host ?? null;

const prefersDark = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;

/** The theme `el` should show now (its `theme` attribute, else the page around it). */
export function themeFor(el) {
  const attribute = el.getAttribute('theme');
  if (attribute === 'light' || attribute === 'dark') return attribute;
  let background = null;
  for (let n = composedParent(el); n && !background; n = composedParent(n)) {
    const c = colourOf(getComputedStyle(n).backgroundColor);
    if (c[3] >= 0.99) background = c;
  }
  return decideTheme({
    attribute,
    // The page's, at the element: its parent's (the element's own stylesheet may set one of its own).
    colorScheme: getComputedStyle(composedParent(el) ?? el).colorScheme,
    background,
    prefersDark: !!prefersDark?.matches,
  });
}

const watchers = new Set();
let watching = false;
function notify() {
  for (const fn of watchers) fn();
}
function startWatching() {
  watching = true;
  // Pico and Bootstrap switch theme by an attribute on <html> (no event); an OS switch is a media change; a
  // page whose background fades to the new colour has it only when the transition ends.
  const attributeFilter = ['class', 'style', 'data-theme', 'data-bs-theme', 'data-color-scheme'];
  const seen = new MutationObserver(notify);
  seen.observe(document.documentElement, { attributes: true, attributeFilter });
  const watchBody = () => document.body && seen.observe(document.body, { attributes: true, attributeFilter });
  if (document.body) watchBody();
  else document.addEventListener('DOMContentLoaded', watchBody, { once: true });
  prefersDark?.addEventListener('change', notify);
  document.addEventListener('transitionend', (e) => {
    if (e.target === document.documentElement || e.target === document.body) notify();
  });
  // Stylesheets that arrive after the element was connected, or that a page swaps to change theme.
  addEventListener('load', notify, { once: true });
  document.addEventListener('load', (e) => e.target.localName === 'link' && notify(), true);
}

/** Calls fn whenever the page may have changed theme; returns the function that stops it. */
export function watchTheme(fn) {
  if (!watching) startWatching();
  watchers.add(fn);
  return () => watchers.delete(fn);
}

/** The theme a part of the playground shows: its playground's data-ap-theme ('light' unless it says dark). */
export const shownTheme = (node) =>
  node.closest?.('[data-ap-theme]')?.getAttribute('data-ap-theme') === 'dark' ? 'dark' : 'light';

// The host's optional accent (--ap-accent), as its playground resolved it: the stylesheet's focus rings
// follow it by themselves, a canvas's ring has to be told.  Read when the theme is applied.
const accents = new WeakMap();

/** Reads shell's --ap-accent; returns whether it changed. */
export function readAccent(shell) {
  const v = getComputedStyle(shell).getPropertyValue('--ap-accent').trim();
  if ((accents.get(shell) ?? '') === v) return false;
  if (v) accents.set(shell, v);
  else accents.delete(shell);
  return true;
}

/** The accent the host set for the playground node is in, or undefined. */
export const accentOf = (node) => accents.get(node.closest?.('[data-ap-theme]'));
