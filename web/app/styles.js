// The playground's stylesheet, as a module so one script (native modules or a bundle) carries everything.
// Scoped under .ap, the one box in each playground's shadow root; adopted as constructable stylesheets made
// once per document and shared by every playground in it.  Each part's rules sit beside it (its *-styles.js);
// here are the shell's own (the box, the point, the map, the grid of panels, narrow screens) and the order
// the parts cascade in, which is the one sheet's order.

import { THEME_CSS } from './theme-styles.js';
import { CONTROLS_CSS } from './playground-controls-styles.js';
import { PANEL_CSS, TENSOR_CSS, WEIGHTS_PANEL_CSS, SUM_PANEL_CSS } from '../panels/panel-styles.js';
import { PAINT, MATRIX_CSS } from '../widgets/matrix-styles.js';
import { ATTENTION_ARCS_CSS } from '../widgets/attention-arcs-styles.js';
import { WEIGHT_BREAKDOWN_CSS } from '../widgets/weight-breakdown-styles.js';
import { ROW_DIAGNOSTICS_CSS } from '../widgets/row-diagnostics-styles.js';
import { HEADS_OVERVIEW_CSS } from '../widgets/heads-overview-styles.js';

export { PAINT };

const CSS = String.raw`
${THEME_CSS}
.ap {
  --ap-changed: ${PAINT.changed}; --ap-cell: 2.05em;
  --ap-mono: var(--ap-number-font, ${PAINT.mono});
  --ap-math: "Cambria Math", "STIX Two Math", "Latin Modern Math", "Times New Roman", Georgia, serif;
  display: block; color: var(--ap-ink); font-size: 14px; line-height: 1.45; font-weight: 400; font-style: normal;
  letter-spacing: normal; text-align: start; text-transform: none;
  /* Prose takes the host page's family unless --ap-font names one (unset, this declaration falls back to
     inheriting it). */
  font-family: var(--ap-font);
}
.ap *, .ap *::before, .ap *::after { box-sizing: border-box; }
.ap[data-ap-forced] { background: var(--ap-page); }
.ap .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.ap [hidden] { display: none !important; }
/* fittedBox (dom.js): a size-contained box at its content's measured height; the content keeps its margins. */
.ap .fit { contain: strict; }
.ap .fit-in { display: flow-root; }
.ap button, .ap input, .ap select { font: inherit; color: inherit; }
.ap :focus-visible { outline: 2px solid var(--ap-highlight); outline-offset: 1px; }

/* Controls */
${CONTROLS_CSS}
.ap .point { margin: 14px 2px 0; font-size: 15px; color: var(--ap-ink); }
.ap .point::before { content: "Look: "; font-weight: 600; color: var(--ap-highlight); }
.ap .point.gone::before { content: "Effect gone: "; color: var(--ap-muted); }

/* Pipeline map */
.ap .pipeline-map { display: flex; flex-wrap: wrap; align-items: center; gap: 4px 6px; margin: 14px 0; font-size: 13px; }
.ap .pipeline-map a { color: var(--ap-highlight); background: var(--ap-highlight-soft); border-radius: 999px; padding: 3px 10px; text-decoration: none; white-space: nowrap; }
.ap .pipeline-map a:hover { background: var(--ap-map-hover); }
.ap .flow { color: var(--ap-muted); }

/* Panels */
.ap .pipeline { display: grid; grid-template-columns: repeat(6, minmax(0, 1fr)); gap: 16px; }
.ap .pipeline > * { grid-column: span 6; }
/* Each panel's share of the six columns comes from the registry (app/registry.js), as data-span. */
.ap .pipeline > [data-span="2"] { grid-column: span 2; }
.ap .pipeline > [data-span="3"] { grid-column: span 3; }
.ap .pipeline.long > [data-panel], .ap .pipeline.multi > [data-multi] { grid-column: span 6; }
@media (max-width: 1000px) { .ap .pipeline > [data-panel] { grid-column: span 6; } }
${PANEL_CSS}

/* Tensors */
${TENSOR_CSS}
${MATRIX_CSS}

/* Weights */
${WEIGHTS_PANEL_CSS}
${ATTENTION_ARCS_CSS}
${WEIGHT_BREAKDOWN_CSS}
${ROW_DIAGNOSTICS_CSS}

/* Sum and output */
${SUM_PANEL_CSS}
${HEADS_OVERVIEW_CSS}
.ap .status { margin: 14px 2px 0; font-size: 12px; color: var(--ap-muted); }

@media (max-width: 640px) {
  .ap .panel { padding: 12px 12px 14px; border-radius: 10px; }
  .ap playground-controls { padding: 12px; }
  .ap .formula { margin-left: 0; font-size: 15px; white-space: normal; }
  .ap .field.end { margin-left: 0; }
  .ap .arcs-fig { flex-basis: 100%; }
}
@media (prefers-reduced-motion: reduce) {
  .ap *, .ap *::before, .ap *::after { transition: none !important; animation: none !important; scroll-behavior: auto !important; }
}
`;

const sheets = new WeakMap(); // document → Map(css text → CSSStyleSheet)

/** The one constructable stylesheet of `css` in doc: every shadow root there shares it. */
function sheetOf(doc, css) {
  if (!sheets.has(doc)) sheets.set(doc, new Map());
  const made = sheets.get(doc);
  if (!made.has(css)) {
    const sheet = new doc.defaultView.CSSStyleSheet();
    sheet.replaceSync(css);
    made.set(css, sheet);
  }
  return made.get(css);
}

/** Adopts the stylesheets `texts` into root (a shadow root, or a document for a part used on its own), once. */
export function adoptSheets(root, ...texts) {
  const doc = root.ownerDocument ?? root;
  const missing = texts.map((t) => sheetOf(doc, t)).filter((sheet) => !root.adoptedStyleSheets.includes(sheet));
  if (missing.length) root.adoptedStyleSheets = [...root.adoptedStyleSheets, ...missing];
}

// The host element itself: a block, hidden by `hidden`.  Nothing else of the page is styled.
const HOST_CSS = ':host { display: block; } :host([hidden]) { display: none; }';

/** The playground's own stylesheets, and those of its parts (`texts`), into its shadow root. */
export function adoptStyles(root, ...texts) {
  adoptSheets(root, HOST_CSS, CSS, ...texts);
}
