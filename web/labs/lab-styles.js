// The labs' stylesheet: the tabs, a lab's card, its bars, grids, plots and tables.
import { adoptSheets } from '../app/styles.js';

const CSS = String.raw`
.ap playground-labs { display: block; }
.ap playground-labs .lab { border: 0; padding: 0; }
.ap .lab-tabs { display: flex; flex-wrap: wrap; gap: 6px; margin: 8px 0 10px; }
.ap .lab-tabs [aria-selected=true] { background: var(--ap-highlight-soft); border-color: var(--ap-highlight); color: var(--ap-highlight); font-weight: 600; }
.ap .lab { display: block; background: var(--ap-card); border: 1px solid var(--ap-line); border-radius: 12px; padding: 14px 16px; min-width: 0; }
.ap .lab-head h2 { font-size: 17px; margin: 0 0 4px; }
.ap .lab .note { color: var(--ap-muted); margin: 0 0 10px; max-width: 80ch; }
.ap .lab-bar { display: flex; flex-wrap: wrap; gap: 8px 14px; align-items: center; margin: 8px 0; }
.ap .lab-bar label { display: inline-flex; gap: 5px; align-items: center; }
.ap .lab-bar label { max-width: 100%; min-width: 0; }
.ap .lab-bar select { min-width: 0; max-width: 100%; text-overflow: ellipsis; }
.ap .lab-cols { display: flex; flex-wrap: wrap; gap: 14px 22px; align-items: flex-start; }
.ap .lab-cols > * { flex: 1 1 280px; min-width: 0; }
.ap .lab-cols > .wide { flex-basis: 100%; }
.ap .lab-grid { display: grid; gap: 2px; font: 12px var(--ap-mono); max-width: 100%; overflow-x: auto; }
.ap .lab-grid .lab-r { display: contents; }
.ap .lab-col, .ap .lab-row { font-size: 11px; color: var(--ap-muted); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.ap .lab-col { text-align: center; } .ap .lab-row { text-align: right; padding-right: 4px; align-self: center; }
.ap .lab-cell { min-height: 26px; padding: 2px; border: 1px solid transparent; border-radius: 4px; text-align: center; font: inherit; color: #000; }
.ap button.lab-cell { cursor: pointer; }
.ap .lab-cell.dark { color: #fff; }
.ap .lab-cell.target { outline: 3px solid var(--ap-changed); outline-offset: -3px; }
.ap .lab svg { width: 100%; max-width: 420px; height: auto; font: 10px system-ui, sans-serif; fill: var(--ap-muted); }
.ap .lab svg .axis { stroke: var(--ap-line-strong); } .ap .lab svg .marker { stroke: var(--ap-changed); stroke-dasharray: 3 3; }
.ap .lab-legend { display: flex; gap: 14px; font-size: 12px; color: var(--ap-muted); margin: 0; }
.ap .lab-legend i { display: inline-block; width: 18px; margin-right: 5px; vertical-align: middle; }
.ap .lab-figures { font: 13px var(--ap-mono); display: flex; flex-wrap: wrap; gap: 4px 16px; margin: 6px 0; }
.ap .lab table { border-collapse: collapse; font: 12px var(--ap-mono); }
.ap .lab td, .ap .lab th { border: 1px solid var(--ap-line); padding: 3px 7px; text-align: right; }
.ap .lab th { font-family: system-ui, sans-serif; font-weight: 600; text-align: left; }
.ap .lab h3 { font-size: 14px; margin: 12px 0 6px; }
.ap .lab canvas { width: 100%; max-width: 380px; image-rendering: pixelated; border: 1px solid var(--ap-line); }
.ap .lab .warn { color: var(--ap-warn); }
.ap .lab .scroll { overflow-x: auto; }
.ap .lab table.vectors .sentence { white-space: nowrap; }
.ap .lab table.order td.verdict { text-align: left; font-family: system-ui, sans-serif; min-width: 28ch; }
`;

/** The labs' stylesheet, adopted by the playground into its shadow root. */
export const LAB_CSS = CSS;

/** Adopts the labs' stylesheet where the lab is (its playground's shadow root: already there), once. */
export function adoptLabStyles(lab) {
  adoptSheets(lab.getRootNode(), CSS);
}
