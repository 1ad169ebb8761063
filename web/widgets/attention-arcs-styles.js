// The look of <attention-arcs>, the SVG of each token's attention to the others; composed by app/styles.js.

/** The arcs' figure and the SVG's lines and labels, lit for the selected row. */
export const ATTENTION_ARCS_CSS = String.raw`
.ap .arcs-fig { flex: 0 1 330px; }
.ap svg.arcs { width: 100%; display: block; font: 12px system-ui, sans-serif; }
.ap svg.arcs .arc { fill: none; stroke: var(--ap-arc); stroke-opacity: .22; }
.ap svg.arcs .arc.on { stroke: var(--ap-highlight); stroke-opacity: .75; }
.ap svg.arcs .arc.pick { stroke: var(--ap-arc-pick); stroke-opacity: 1; }
.ap svg.arcs text { dominant-baseline: middle; fill: var(--ap-ink); }
.ap svg.arcs text[data-row] { cursor: pointer; }
.ap svg.arcs text.on { font-weight: 700; fill: var(--ap-highlight); }
.ap svg.arcs text.head { fill: var(--ap-muted); font-size: 10.5px; text-transform: uppercase; letter-spacing: .06em; }
.ap svg.arcs text.num { font-family: var(--ap-mono); font-size: 11px; fill: var(--ap-muted); }
`.trim();
