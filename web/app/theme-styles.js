// The playground's colours in each theme, as the custom properties every part's rules read (--ap-ink,
// --ap-line, …); the canvases' own paints are in widgets/theme.js.  Composed by app/styles.js.
import { PAINTS } from '../widgets/theme.js';
import { legends } from '../widgets/format.js';

// Each theme's colours.  The public ones (--ap-accent, --ap-surface, --ap-surface-alt, --ap-border, --ap-text,
// --ap-text-muted) are read with a fallback, so that a host page sets them on the element and they win in
// both themes; the rest are internal.
const THEME_COLOURS = {
  light: {
    card: 'var(--ap-surface, #fff)',
    sunken: 'var(--ap-surface-alt, #f7f8fb)',
    field: 'var(--ap-surface, #fff)',
    'field-rest': 'var(--ap-surface-alt, #f8f9fc)',
    line: 'var(--ap-border, #e2e5ea)',
    'line-strong': '#c9ced6',
    ink: `var(--ap-text, ${PAINTS.light.ink})`,
    muted: `var(--ap-text-muted, ${PAINTS.light.muted})`,
    highlight: `var(--ap-accent, ${PAINTS.light.focus})`,
    'highlight-soft': '#e8eefc',
    'on-highlight': '#fff',
    page: '#f5f6f8',
    'map-hover': '#d6e0fa',
    warn: '#9a4a00',
    'warn-bg': '#fff4e0',
    'warn-line': '#f3c27a',
    'warn-ink': '#5c3200',
    error: '#b42318',
    'error-bg': '#fdecea',
    ok: '#23633a',
    'ok-bg': '#e6f4ea',
    dead: '#4b5563',
    'dead-bg': '#eceef2',
    arc: '#9aa7c7',
    'arc-pick': '#0d1f5c',
    // The labs' plot lines and points: 3:1 at least against the card (5.0–6.5:1 here).
    'plot-a': '#2f54c8',
    'plot-b': '#c2410c',
    'plot-c': '#15803d',
    'masked-a': PAINTS.light.maskedLight,
    'masked-b': '#d9dde4',
    shadow: 'rgb(20 30 60 / 5%)',
    scheme: 'light',
  },
  dark: {
    card: 'var(--ap-surface, #161b24)',
    sunken: 'var(--ap-surface-alt, #1b212b)',
    field: 'var(--ap-surface-alt, #1d232e)',
    'field-rest': 'var(--ap-surface-alt, #1a202a)',
    line: 'var(--ap-border, #2a3240)',
    'line-strong': '#4a5467',
    ink: `var(--ap-text, ${PAINTS.dark.ink})`,
    muted: `var(--ap-text-muted, ${PAINTS.dark.muted})`,
    highlight: `var(--ap-accent, ${PAINTS.dark.focus})`,
    'highlight-soft': '#222d4f',
    'on-highlight': '#0e1117',
    page: '#0e1117',
    'map-hover': '#2c3964',
    warn: '#f5b25c',
    'warn-bg': '#2f2413',
    'warn-line': '#7a5a26',
    'warn-ink': '#f7d29c',
    error: '#ff8f87',
    'error-bg': '#3b1816',
    ok: '#8fdba6',
    'ok-bg': '#173322',
    dead: '#b6bfcc',
    'dead-bg': '#262d38',
    arc: '#6d7fae',
    'arc-pick': '#dfe6ff',
    // Lighter on the dark card (6.9–9.9:1); the light theme's blue would be 2.6:1 there.
    'plot-a': '#7aa2ff',
    'plot-b': '#fb923c',
    'plot-c': '#4ade80',
    'masked-a': PAINTS.dark.maskedLight,
    'masked-b': PAINTS.dark.maskedDark,
    shadow: 'rgb(0 0 0 / 30%)',
    scheme: 'dark',
  },
};
const themeBlock = (th) =>
  Object.entries(THEME_COLOURS[th])
    .filter(([k]) => k !== 'scheme')
    .map(([k, v]) => `--ap-${k}: ${v};`)
    .join(' ') +
  ` --ap-legend-seq: ${legends(th).sequential}; --ap-legend-div: ${legends(th).diverging}; color-scheme: ${th};`;

/** Both themes' custom properties: light by default, dark under data-ap-theme=dark. */
export const THEME_CSS = String.raw`
.ap { ${themeBlock('light')} }
.ap[data-ap-theme=dark] { ${themeBlock('dark')} }
`.trim();
