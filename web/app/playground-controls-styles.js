// The look of <playground-controls>, and of the form fields, buttons and segmented choices every part
// shares with it; composed by app/styles.js.

/** The controls card and its rows, fields, buttons, segmented radios and errors. */
export const CONTROLS_CSS = String.raw`
.ap playground-controls { display: block; background: var(--ap-card); border: 1px solid var(--ap-line); border-radius: 12px;
  padding: 14px 16px; box-shadow: 0 1px 2px var(--ap-shadow); }
.ap .ctl-row { display: flex; flex-wrap: wrap; gap: 12px 18px; align-items: flex-end; }
.ap .ctl-row + .ctl-row { margin-top: 12px; padding-top: 12px; border-top: 1px dashed var(--ap-line); }
.ap .field { display: flex; flex-direction: column; gap: 4px; min-width: 0; }
.ap .field > span:first-child, .ap legend { font-size: 11px; font-weight: 600; letter-spacing: .04em; text-transform: uppercase; color: var(--ap-muted); padding: 0; }
.ap .field.grow { flex: 1 1 320px; }
.ap .field.end { margin-left: auto; }
.ap input[type=text], .ap input[type=number], .ap select { border: 1px solid var(--ap-line-strong); border-radius: 8px; padding: 6px 9px; background: var(--ap-field); min-height: 34px; }
.ap input.sentence { width: 100%; font-size: 16px; font-weight: 500; }
.ap select { max-width: 100%; }
.ap input.num { width: 4.6em; font-family: var(--ap-mono); }
.ap input.seed { width: 4.2em; }
.ap .buttons { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
.ap .seed-label { font-size: 12px; color: var(--ap-muted); margin-left: 2px; }
.ap button { border: 1px solid var(--ap-line-strong); background: var(--ap-field); border-radius: 8px; padding: 6px 11px; min-height: 34px; cursor: pointer; }
.ap button:hover:not(:disabled) { border-color: var(--ap-highlight); color: var(--ap-highlight); }
.ap button:disabled, .ap button[aria-disabled=true] { opacity: .45; cursor: default; }
.ap [aria-invalid=true] { border-color: var(--ap-error) !important; background: var(--ap-error-bg) !important; }
.ap .field-error, .ap .cell-error { color: var(--ap-error); font-size: 13px; margin: 8px 0 0; white-space: pre-line; }
.ap .segmented { border: 0; padding: 0; margin: 0; display: inline-flex; flex-wrap: wrap; align-items: center; gap: 0; }
.ap .segmented legend { float: left; width: 100%; margin-bottom: 4px; }
.ap .seg { position: relative; }
.ap .seg input { position: absolute; opacity: 0; inset: 0; margin: 0; cursor: pointer; }
.ap .seg span { display: inline-block; padding: 6px 12px; min-height: 34px; border: 1px solid var(--ap-line-strong); margin-left: -1px; background: var(--ap-field); }
.ap .seg:first-of-type span { border-radius: 8px 0 0 8px; margin-left: 0; }
.ap .seg:last-of-type span { border-radius: 0 8px 8px 0; }
.ap .seg input:checked + span { background: var(--ap-highlight); border-color: var(--ap-highlight); color: var(--ap-on-highlight); }
.ap .seg input:focus-visible + span { outline: 2px solid var(--ap-highlight); outline-offset: 2px; }
`.trim();
