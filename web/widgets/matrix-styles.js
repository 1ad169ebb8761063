// The look of <matrix-view> and <matrix-editor>: the computed tensors' painted grids and the editable tables,
// with the paints matrix-view draws its canvas with.  Composed into the one playground sheet by app/styles.js.
import { PAINTS } from './theme.js';

/** Colours and the number font that matrix-view paints on its canvas (light theme; theme.js has both). */
export const PAINT = {
  ...PAINTS.light,
  mono: 'ui-monospace, "SF Mono", "Cascadia Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace',
};

/** The grids: editable tables of inputs, painted canvases over empty cells, their labels and errors. */
export const MATRIX_CSS = String.raw`
.ap .grid-scroll { overflow-x: auto; max-width: 100%; padding-bottom: 2px; }
.ap table.grid { border-collapse: separate; border-spacing: 2px; font-family: var(--ap-mono); font-size: 12.5px; font-variant-numeric: tabular-nums; }
.ap table.grid th { font: 500 11.5px/1.2 system-ui, sans-serif; color: var(--ap-muted); padding: 0 4px; max-width: 7.5em; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.ap table.grid thead th { text-align: center; vertical-align: bottom; }
.ap table.grid th.noted { color: var(--ap-warn); font-style: italic; }
.ap table.grid th .row-mark { margin-left: 2px; font-style: normal; font-weight: 700; }
.ap .lexicon-note { margin: 8px 0 0; color: var(--ap-warn); font-size: 13px; max-width: 60ch; }
.ap table.grid tbody th { text-align: right; }
/* Editable grids are their own composited layers: an edit elsewhere (every tensor below a changed input)
   re-records the page's layer without their ~100 inputs.  Measured: layerize -0.25 to -0.3 ms a frame.
   The token grids (E, learned P: a row per token, up to 24 × 16) make each row a layer too, so a new value in
   one input re-records its row rather than the grid.  At full size, a frame that changes one E input went
   from 6.9 to 4.8 ms (p50; paint 1.97 -> 0.99, layerize 1.26 -> 0.34 ms), near the default page's cost.  The
   price is in frames that relayerize the whole page (an arrow key's focus move): +0.9 to +1.7 ms of layerize
   there, paint -1 ms.  Not every grid: with the weight grids' rows as layers too (W_O alone has 128), an edit's layerize on
   the whole default page went from 2.1 to 4.0 ms.  Row groups (a tbody layer per 4 or 8 rows) saved no more,
   and one tbody layer of all the rows cost 5 ms of layerize a frame. */
.ap table.editable { position: relative; z-index: 0; will-change: transform; }
.ap matrix-editor:is([data-target=embeddings], [data-target=positions]) tbody tr { will-change: transform; }
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
.ap .mx .selected.rh, .ap .mx .selected.ch { color: var(--ap-highlight); font-weight: 700; }
.ap .mx .c:focus-visible { outline: none; }
.ap .mx[role=grid] .c { cursor: pointer; }
.ap table.editable td { background: none; padding: 0; text-align: right; }
/* Contained (size, layout): a new value in one input lays out that input, not the table and the page around it. */
.ap table.editable input { contain: size layout style; width: 3.9em; height: 26px; border: 1px solid var(--ap-line); border-radius: 4px; background: var(--ap-field-rest);
  font: inherit; text-align: right; padding: 0 3px; cursor: ew-resize; text-overflow: ellipsis; }
.ap table.editable input:hover { border-color: var(--ap-line-strong); background: var(--ap-field); }
/* A focused cell whose digits do not fit (data-wide) shows them all: it grows to the left over its neighbour,
   its margin box (the table's column) unchanged.  --ap-chars is the length of its text (matrix-editor.js). */
.ap table.editable input[data-wide]:focus { --ap-full: max(3.9em, calc(var(--ap-chars, 0) * 1.1ch + 10px)); width: var(--ap-full);
  margin-left: calc(3.9em - var(--ap-full)); position: relative; z-index: 1; }
.ap table.editable input:focus { cursor: text; background: var(--ap-field); border-color: var(--ap-highlight); outline: 2px solid var(--ap-highlight-soft); outline-offset: 0; }
.ap table.editable input:focus:not([data-editing]) { caret-color: transparent; }
.ap table.editable input[data-changed] { box-shadow: inset 3px 0 0 var(--ap-changed); }
.ap matrix-editor.scrubbing, .ap matrix-editor.scrubbing input { cursor: ew-resize; user-select: none; }
.ap .cell-error { background: var(--ap-error-bg); border-radius: 6px; padding: 6px 10px; }
`.trim();
