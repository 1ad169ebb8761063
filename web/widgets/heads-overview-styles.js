// The look of <heads-overview>, one small map per head to choose from; composed by app/styles.js.

/** The heads' cards (the chosen one pressed) and their miniature weight maps. */
export const HEADS_OVERVIEW_CSS = String.raw`
.ap .heads { display: flex; flex-wrap: wrap; gap: 10px; }
.ap .head-card { display: flex; flex-direction: column; align-items: center; gap: 6px; padding: 8px; font-size: 12px; }
.ap .head-card[aria-pressed=true] { border-color: var(--ap-highlight); box-shadow: 0 0 0 2px var(--ap-highlight-soft); color: var(--ap-highlight); font-weight: 600; }
.ap .mini { display: grid; width: 84px; height: 84px; gap: 1px; }
`.trim();
