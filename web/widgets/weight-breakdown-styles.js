// The look of <weight-breakdown>, one weight's arithmetic step by step; composed by app/styles.js.

/** The breakdown's box and its list of steps, the result in the highlight. */
export const WEIGHT_BREAKDOWN_CSS = String.raw`
.ap weight-breakdown { display: block; flex: 1 1 300px; min-width: 0; background: var(--ap-sunken); border: 1px solid var(--ap-line); border-radius: 10px; padding: 12px 14px; }
.ap .bd-title { margin: 0 0 8px; }
.ap .muted { color: var(--ap-muted); }
.ap .bd-steps { list-style: none; margin: 0; padding: 0; font-family: var(--ap-mono); font-size: 12.5px; }
.ap .bd-steps li { display: grid; grid-template-columns: 4.6em 1fr; gap: 8px; padding: 5px 0; border-top: 1px solid var(--ap-line); overflow-wrap: anywhere; }
.ap .bd-label { font: 600 11px/1.9 system-ui, sans-serif; text-transform: uppercase; letter-spacing: .04em; color: var(--ap-muted); }
.ap .bd-steps .result { color: var(--ap-highlight); font-size: 14px; }
.ap .warn { color: var(--ap-warn); }
`.trim();
