// The look of <row-diagnostics>, each row's softmax health as a table with badges; composed by app/styles.js.

/** The table, its badges (ok, saturated, dead) and the saturation warning. */
export const ROW_DIAGNOSTICS_CSS = String.raw`
.ap table.diag { border-collapse: collapse; font-size: 13px; font-variant-numeric: tabular-nums; }
.ap table.diag th, .ap table.diag td { padding: 5px 12px 5px 0; text-align: right; border-bottom: 1px solid var(--ap-line); white-space: nowrap; }
.ap table.diag thead th { font-size: 11px; text-transform: uppercase; letter-spacing: .04em; color: var(--ap-muted); font-weight: 600; cursor: help; }
.ap table.diag tbody th { text-align: left; font-weight: 500; }
.ap table.diag td { font-family: var(--ap-mono); }
.ap table.diag td:last-child, .ap table.diag th:last-child { text-align: left; }
.ap table.diag tr.on th { color: var(--ap-highlight); font-weight: 700; }
.ap .badge { font: 600 11.5px system-ui, sans-serif; border-radius: 999px; padding: 2px 8px; }
.ap .badge.ok { color: var(--ap-ok); background: var(--ap-ok-bg); }
.ap .badge.sat { color: var(--ap-warn); background: var(--ap-warn-bg); }
.ap .badge.dead { color: var(--ap-dead); background: var(--ap-dead-bg); }
.ap .saturation { background: var(--ap-warn-bg); border: 1px solid var(--ap-warn-line); color: var(--ap-warn-ink); border-radius: 8px; padding: 8px 12px; margin-bottom: 10px; white-space: pre-line; font-weight: 500; }
`.trim();
