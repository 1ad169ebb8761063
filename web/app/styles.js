// The playground's stylesheet, as a module so one script (native modules or a bundle) carries everything.
// Scoped under .ap; installed once per document (or shadow root) by adoptStyles.

/** Colours and the number font that matrix-view paints on its canvas; the stylesheet uses the same. */
export const PAINT = {
  ink: '#1b2130',
  focus: '#2f54c8',
  changed: '#f59f00',
  maskedInk: '#7b8494',
  maskedLight: '#eef0f4',
  maskedDark: '#e1e4ea',
  mono: 'ui-monospace, "SF Mono", "Cascadia Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace',
};

const CSS = String.raw`
.ap {
  --ap-bg: #f5f6f8; --ap-card: #fff; --ap-line: #e2e5ea; --ap-line-strong: #c9ced6;
  --ap-ink: ${PAINT.ink}; --ap-muted: #5b6474; --ap-accent: ${PAINT.focus}; --ap-accent-soft: #e8eefc;
  --ap-warn: #9a4a00; --ap-warn-bg: #fff4e0; --ap-error: #b42318; --ap-error-bg: #fdecea;
  --ap-changed: ${PAINT.changed}; --ap-cell: 2.05em;
  --ap-mono: ${PAINT.mono};
  --ap-math: "Cambria Math", "STIX Two Math", "Latin Modern Math", "Times New Roman", Georgia, serif;
  display: block; color: var(--ap-ink); font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
}
.ap *, .ap *::before, .ap *::after { box-sizing: border-box; }
.ap .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.ap [hidden] { display: none !important; }
/* fittedBox (dom.js): a size-contained box at its content's measured height; the content keeps its margins. */
.ap .fit { contain: strict; }
.ap .fit-in { display: flow-root; }
.ap button, .ap input, .ap select { font: inherit; color: inherit; }
.ap :focus-visible { outline: 2px solid var(--ap-accent); outline-offset: 1px; }

/* Controls */
.ap playground-controls { display: block; background: var(--ap-card); border: 1px solid var(--ap-line); border-radius: 12px;
  padding: 14px 16px; box-shadow: 0 1px 2px rgb(20 30 60 / 5%); }
.ap .ctl-row { display: flex; flex-wrap: wrap; gap: 12px 18px; align-items: flex-end; }
.ap .ctl-row + .ctl-row { margin-top: 12px; padding-top: 12px; border-top: 1px dashed var(--ap-line); }
.ap .field { display: flex; flex-direction: column; gap: 4px; min-width: 0; }
.ap .field > span:first-child, .ap legend { font-size: 11px; font-weight: 600; letter-spacing: .04em; text-transform: uppercase; color: var(--ap-muted); padding: 0; }
.ap .field.grow { flex: 1 1 320px; }
.ap .field.end { margin-left: auto; }
.ap input[type=text], .ap input[type=number], .ap select { border: 1px solid var(--ap-line-strong); border-radius: 8px; padding: 6px 9px; background: #fff; min-height: 34px; }
.ap input.sentence { width: 100%; font-size: 16px; font-weight: 500; }
.ap select { max-width: 100%; }
.ap input.num { width: 4.6em; font-family: var(--ap-mono); }
.ap input.seed { width: 4.2em; }
.ap .buttons { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
.ap .seed-label { font-size: 12px; color: var(--ap-muted); margin-left: 2px; }
.ap button { border: 1px solid var(--ap-line-strong); background: #fff; border-radius: 8px; padding: 6px 11px; min-height: 34px; cursor: pointer; }
.ap button:hover:not(:disabled) { border-color: var(--ap-accent); color: var(--ap-accent); }
.ap button:disabled { opacity: .45; cursor: default; }
.ap [aria-invalid=true] { border-color: var(--ap-error) !important; background: var(--ap-error-bg) !important; }
.ap .field-error, .ap .cell-error { color: var(--ap-error); font-size: 13px; margin: 8px 0 0; white-space: pre-line; }
.ap .segmented { border: 0; padding: 0; margin: 0; display: inline-flex; flex-wrap: wrap; align-items: center; gap: 0; }
.ap .segmented legend { float: left; width: 100%; margin-bottom: 4px; }
.ap .seg { position: relative; }
.ap .seg input { position: absolute; opacity: 0; inset: 0; margin: 0; cursor: pointer; }
.ap .seg span { display: inline-block; padding: 6px 12px; min-height: 34px; border: 1px solid var(--ap-line-strong); margin-left: -1px; background: #fff; }
.ap .seg:first-of-type span { border-radius: 8px 0 0 8px; margin-left: 0; }
.ap .seg:last-of-type span { border-radius: 0 8px 8px 0; }
.ap .seg input:checked + span { background: var(--ap-accent); border-color: var(--ap-accent); color: #fff; }
.ap .seg input:focus-visible + span { outline: 2px solid var(--ap-accent); outline-offset: 2px; }
.ap .point { margin: 14px 2px 0; font-size: 15px; color: var(--ap-ink); }
.ap .point::before { content: "Look: "; font-weight: 600; color: var(--ap-accent); }
.ap .point.gone::before { content: "Effect gone: "; color: var(--ap-muted); }

/* Pipeline map */
.ap .pipeline-map { display: flex; flex-wrap: wrap; align-items: center; gap: 4px 6px; margin: 14px 0; font-size: 13px; }
.ap .pipeline-map a { color: var(--ap-accent); background: var(--ap-accent-soft); border-radius: 999px; padding: 3px 10px; text-decoration: none; white-space: nowrap; }
.ap .pipeline-map a:hover { background: #d6e0fa; }
.ap .flow { color: var(--ap-muted); }

/* Panels */
.ap .pipeline { display: grid; grid-template-columns: repeat(6, minmax(0, 1fr)); gap: 16px; }
.ap .pipeline > * { grid-column: span 6; }
.ap .pipeline > [data-panel=scores], .ap .pipeline > [data-panel=scale], .ap .pipeline > [data-panel=mask] { grid-column: span 2; }
.ap .pipeline > [data-panel=sum], .ap .pipeline > [data-panel=output] { grid-column: span 3; }
.ap .pipeline.long > [data-panel], .ap .pipeline.multi > [data-panel=sum], .ap .pipeline.multi > [data-panel=output] { grid-column: span 6; }
@media (max-width: 1000px) { .ap .pipeline > [data-panel] { grid-column: span 6; } }
.ap .panel { display: block; min-width: 0; content-visibility: auto; contain-intrinsic-size: auto 480px; background: var(--ap-card); border: 1px solid var(--ap-line); border-radius: 12px;
  padding: 16px 18px 18px; box-shadow: 0 1px 2px rgb(20 30 60 / 5%); scroll-margin-top: 12px; }
.ap .panel-head { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 10px; }
.ap .panel-head h2 { font-size: 16px; margin: 0; font-weight: 650; }
.ap .step { display: inline-flex; align-items: center; justify-content: center; min-width: 28px; height: 28px; padding: 0 8px;
  border-radius: 14px; background: var(--ap-accent); color: #fff; font-size: 12px; font-weight: 700; white-space: nowrap; }
.ap .formula { margin-left: auto; font-family: var(--ap-math); font-size: 17px; color: #26304a; background: #f7f8fb;
  border: 1px solid var(--ap-line); border-radius: 8px; padding: 2px 10px; white-space: nowrap; }
.ap .formula sub, .ap .formula sup { font-size: 70%; }
.ap .head-tag { margin-left: 8px; font-size: 12px; font-weight: 600; color: var(--ap-accent); background: var(--ap-accent-soft); border-radius: 999px; padding: 2px 8px; vertical-align: middle; }
.ap .note { margin: 8px 0 12px; color: var(--ap-muted); max-width: 72ch; }
.ap .aside { margin: 10px 0 0; color: var(--ap-muted); font-size: 13px; }
.ap h3.sub { font-size: 12px; text-transform: uppercase; letter-spacing: .05em; color: var(--ap-muted); margin: 18px 0 8px; }
.ap .knobs { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 12px; margin-bottom: 12px; }
.ap .check { display: inline-flex; align-items: center; gap: 6px; cursor: pointer; font-weight: 500; }
.ap .check input { width: 16px; height: 16px; accent-color: var(--ap-accent); }
.ap .temp { display: inline-flex; align-items: center; gap: 8px; margin-left: 6px; white-space: nowrap; }
.ap input[type=range] { accent-color: var(--ap-accent); width: 110px; }
.ap .e-row { display: flex; flex-wrap: wrap; gap: 18px 40px; align-items: flex-start; }
.ap .dims-box { flex: 1 1 300px; max-width: 560px; }
.ap .dims-box h3.sub { margin-top: 0; }
.ap .dims { display: grid; grid-template-columns: max-content 1fr; gap: 3px 14px; margin: 0; font-size: 13px; }
.ap .dims dt { font-weight: 600; }
.ap .dims dd { margin: 0; color: var(--ap-muted); }

/* Tensors */
.ap .tensor { min-width: 0; }
.ap .tensor-label { display: flex; align-items: baseline; gap: 8px; margin-bottom: 6px; }
.ap .tensor-label b { font-family: var(--ap-math); font-size: 17px; font-style: italic; font-weight: 600; }
.ap .tensor-label b sub { font-size: 70%; }
.ap .shape { font-family: var(--ap-mono); font-size: 12px; color: var(--ap-muted); }
.ap .role { font-size: 12px; color: var(--ap-muted); }
.ap .qkv-row { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 250px), 1fr)); gap: 18px 24px; }
.ap .qkv { min-width: 0; display: flex; flex-direction: column; }
.ap .arrow { color: var(--ap-muted); font: 14px var(--ap-math); margin: 4px 0 8px 4.5em; }
.ap .out-row { display: flex; flex-wrap: wrap; gap: 18px 28px; align-items: flex-start; }
.ap .out-row > .tensor { max-width: 100%; }
.ap .grid-scroll { overflow-x: auto; max-width: 100%; padding-bottom: 2px; }
.ap table.grid { border-collapse: separate; border-spacing: 2px; font-family: var(--ap-mono); font-size: 12.5px; font-variant-numeric: tabular-nums; }
.ap table.grid th { font: 500 11.5px/1.2 system-ui, sans-serif; color: var(--ap-muted); padding: 0 4px; max-width: 7.5em; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.ap table.grid thead th { text-align: center; vertical-align: bottom; }
.ap table.grid th.noted { color: var(--ap-warn); font-style: italic; }
.ap table.grid th .row-mark { margin-left: 2px; font-style: normal; font-weight: 700; }
.ap .lexicon-note { margin: 8px 0 0; color: var(--ap-warn); font-size: 13px; max-width: 60ch; }
.ap table.grid tbody th { text-align: right; }
/* Editable grids are their own composited layers: an edit elsewhere (every tensor below a changed input)
   re-records the page's layer without their ~100 inputs.  Measured: layerize -0.25 to -0.3 ms a frame. */
.ap table.editable { position: relative; z-index: 0; will-change: transform; }
/* Computed tensors: a grid of fixed-size tracks (sizes set by matrix-view), its numbers, colours and cell
   outlines painted on one canvas over empty cells.  The canvas is the last thing painted there, so nothing
   over it needs a compositing layer; it lets pointer events through to the cells, which keep the table's
   semantics, hover and focus.  An edit repaints the canvas and lays nothing out. */
.ap .mx { position: relative; z-index: 0; display: inline-grid; width: max-content; vertical-align: top; gap: 2px;
  grid-template-columns: fit-content(calc(7.3em + 8px)) repeat(var(--cols), var(--cw)); grid-template-rows: 18px repeat(var(--rows), var(--ch));
  font: 12.5px var(--ap-mono); font-variant-numeric: tabular-nums; }
.ap .mx .r { display: contents; }
.ap .mx .mx-paint { position: absolute; z-index: 1; pointer-events: none; grid-area: 2 / 2 / -1 / -1; width: 100%; height: 100%; }
.ap .mx .rh, .ap .mx .ch { min-width: 0; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; font: 500 11.5px/var(--ch) system-ui, sans-serif; color: var(--ap-muted); }
.ap .mx .rh { text-align: right; padding-right: 6px; }
/* The label column fits its widest label as drawn (bold when selected, so selecting moves nothing) up to about
   12 letters; a guess from the letter count cut "money" in WebKit's and Firefox's fonts.  The grid is as wide as
   its tracks (width above), or a narrow screen would shrink this column instead of scrolling the grid. */
.ap .mx .rh::after { content: attr(title); display: block; height: 0; overflow: hidden; visibility: hidden; font-weight: 700; }
.ap .mx .head .rh, .ap .mx .ch { line-height: 18px; }
.ap .mx .ch { text-align: center; }
.ap .mx .selected.rh, .ap .mx .selected.ch { color: var(--ap-accent); font-weight: 700; }
.ap .mx .c:focus-visible { outline: none; }
.ap .mx[role=grid] .c { cursor: pointer; }
.ap table.editable td { background: none; padding: 0; text-align: right; }
/* Contained (size, layout): a new value in one input lays out that input, not the table and the page around it. */
.ap table.editable input { contain: size layout style; width: 3.9em; height: 26px; border: 1px solid var(--ap-line); border-radius: 4px; background: #f8f9fc;
  font: inherit; text-align: right; padding: 0 6px; cursor: ew-resize; }
.ap table.editable input:hover { border-color: var(--ap-line-strong); background: #fff; }
.ap table.editable input:focus { cursor: text; background: #fff; border-color: var(--ap-accent); outline: 2px solid var(--ap-accent-soft); outline-offset: 0; }
.ap table.editable input:focus:not([data-editing]) { caret-color: transparent; }
.ap table.editable input[data-changed] { box-shadow: inset 3px 0 0 var(--ap-changed); }
.ap matrix-editor.scrubbing, .ap matrix-editor.scrubbing input { cursor: ew-resize; user-select: none; }
.ap .cell-error { background: var(--ap-error-bg); border-radius: 6px; padding: 6px 10px; }

/* Weights */
.ap .weights-row { display: flex; flex-wrap: wrap; gap: 18px 28px; align-items: flex-start; }
.ap .fig { margin: 0; min-width: 0; max-width: 100%; }
.ap .fig figcaption { font-size: 12px; color: var(--ap-muted); margin-top: 8px; }
.ap .legend { display: flex; align-items: center; gap: 6px; }
.ap .legend .bar { display: inline-block; width: 120px; height: 10px; border-radius: 3px; border: 1px solid var(--ap-line); }
.ap .masked-key { margin-left: 10px; padding-left: 22px; position: relative; }
.ap .masked-key::before { content: ""; position: absolute; left: 0; top: 1px; width: 16px; height: 12px; border-radius: 3px;
  background: repeating-linear-gradient(135deg, #eef0f4 0 3px, #d9dde4 3px 6px); }
.ap .arcs-fig { flex: 0 1 330px; }
.ap svg.arcs { width: 100%; display: block; font: 12px system-ui, sans-serif; }
.ap svg.arcs .arc { fill: none; stroke: #9aa7c7; stroke-opacity: .22; }
.ap svg.arcs .arc.on { stroke: var(--ap-accent); stroke-opacity: .75; }
.ap svg.arcs .arc.pick { stroke: #0d1f5c; stroke-opacity: 1; }
.ap svg.arcs text { dominant-baseline: middle; fill: var(--ap-ink); }
.ap svg.arcs text[data-row] { cursor: pointer; }
.ap svg.arcs text.on { font-weight: 700; fill: var(--ap-accent); }
.ap svg.arcs text.head { fill: var(--ap-muted); font-size: 10.5px; text-transform: uppercase; letter-spacing: .06em; }
.ap svg.arcs text.num { font-family: var(--ap-mono); font-size: 11px; fill: var(--ap-muted); }
.ap weight-breakdown { display: block; flex: 1 1 300px; min-width: 0; background: #f7f8fb; border: 1px solid var(--ap-line); border-radius: 10px; padding: 12px 14px; }
.ap .bd-title { margin: 0 0 8px; }
.ap .muted { color: var(--ap-muted); }
.ap .bd-steps { list-style: none; margin: 0; padding: 0; font-family: var(--ap-mono); font-size: 12.5px; }
.ap .bd-steps li { display: grid; grid-template-columns: 4.6em 1fr; gap: 8px; padding: 5px 0; border-top: 1px solid var(--ap-line); overflow-wrap: anywhere; }
.ap .bd-label { font: 600 11px/1.9 system-ui, sans-serif; text-transform: uppercase; letter-spacing: .04em; color: var(--ap-muted); }
.ap .bd-steps .result { color: var(--ap-accent); font-size: 14px; }
.ap .warn { color: var(--ap-warn); }
.ap table.diag { border-collapse: collapse; font-size: 13px; font-variant-numeric: tabular-nums; }
.ap table.diag th, .ap table.diag td { padding: 5px 12px 5px 0; text-align: right; border-bottom: 1px solid var(--ap-line); white-space: nowrap; }
.ap table.diag thead th { font-size: 11px; text-transform: uppercase; letter-spacing: .04em; color: var(--ap-muted); font-weight: 600; cursor: help; }
.ap table.diag tbody th { text-align: left; font-weight: 500; }
.ap table.diag td { font-family: var(--ap-mono); }
.ap table.diag td:last-child, .ap table.diag th:last-child { text-align: left; }
.ap table.diag tr.on th { color: var(--ap-accent); font-weight: 700; }
.ap .badge { font: 600 11.5px system-ui, sans-serif; border-radius: 999px; padding: 2px 8px; }
.ap .badge.ok { color: #23633a; background: #e6f4ea; }
.ap .badge.sat { color: var(--ap-warn); background: var(--ap-warn-bg); }
.ap .badge.dead { color: #4b5563; background: #eceef2; }
.ap .saturation { background: var(--ap-warn-bg); border: 1px solid #f3c27a; color: #5c3200; border-radius: 8px; padding: 8px 12px; margin-bottom: 10px; white-space: pre-line; font-weight: 500; }

/* Sum and output */
.ap .sum-line { font-family: var(--ap-mono); font-size: 12.5px; color: var(--ap-ink); margin: 0 0 12px; line-height: 1.9; }
.ap .term { white-space: nowrap; background: var(--ap-accent-soft); border-radius: 4px; padding: 1px 4px; }
.ap .heads { display: flex; flex-wrap: wrap; gap: 10px; }
.ap .head-card { display: flex; flex-direction: column; align-items: center; gap: 6px; padding: 8px; font-size: 12px; }
.ap .head-card[aria-pressed=true] { border-color: var(--ap-accent); box-shadow: 0 0 0 2px var(--ap-accent-soft); color: var(--ap-accent); font-weight: 600; }
.ap .mini { display: grid; width: 84px; height: 84px; gap: 1px; }
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

const installed = new WeakSet();

/** Installs the stylesheet in the document or shadow root that holds el, once. */
export function adoptStyles(el) {
  const root = el.getRootNode();
  if (installed.has(root)) return;
  installed.add(root);
  const style = document.createElement('style');
  style.dataset.attentionPlayground = '';
  style.textContent = CSS;
  (root === document ? document.head : root).append(style);
}
