// The look of the pipeline's panels (panel.js and the panels beside it): the card, its heading and formula,
// the labelled tensors and the rows they sit in, the weights' figures and the sum.  Composed by app/styles.js.

/** Every panel's card, heading, step badge and formula, and the knobs and notes inside. */
export const PANEL_CSS = String.raw`
.ap .panel { display: block; min-width: 0; content-visibility: auto; contain-intrinsic-size: auto 480px; background: var(--ap-card); border: 1px solid var(--ap-line); border-radius: 12px;
  padding: 16px 18px 18px; box-shadow: 0 1px 2px var(--ap-shadow); scroll-margin-top: 12px; }
.ap .panel-head { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 10px; }
.ap .panel-head h2 { font-size: 16px; margin: 0; font-weight: 650; }
.ap .step { display: inline-flex; align-items: center; justify-content: center; min-width: 28px; height: 28px; padding: 0 8px;
  border-radius: 14px; background: var(--ap-highlight); color: var(--ap-on-highlight); font-size: 12px; font-weight: 700; white-space: nowrap; }
.ap .formula { margin-left: auto; font-family: var(--ap-math); font-size: 17px; color: var(--ap-ink); background: var(--ap-sunken);
  border: 1px solid var(--ap-line); border-radius: 8px; padding: 2px 10px; white-space: nowrap; }
.ap .formula math { font-family: inherit; }
.ap .head-tag { margin-left: 8px; font-size: 12px; font-weight: 600; color: var(--ap-highlight); background: var(--ap-highlight-soft); border-radius: 999px; padding: 2px 8px; vertical-align: middle; }
.ap .note { margin: 8px 0 12px; color: var(--ap-muted); max-width: 72ch; }
.ap .aside { margin: 10px 0 0; color: var(--ap-muted); font-size: 13px; }
.ap .design-notes ul { margin: 0; padding-left: 1.2em; font-size: 13px; max-width: 80ch; }
.ap .design-notes li { margin: 2px 0; }
.ap .design-notes li em { color: var(--ap-muted); }
.ap .design-notes li.changed em { color: var(--ap-ink); font-weight: 600; }
.ap h3.sub { font-size: 12px; text-transform: uppercase; letter-spacing: .05em; color: var(--ap-muted); margin: 18px 0 8px; }
.ap .knobs { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 12px; margin-bottom: 12px; }
.ap .check { display: inline-flex; align-items: center; gap: 6px; cursor: pointer; font-weight: 500; }
.ap .check input { width: 16px; height: 16px; accent-color: var(--ap-highlight); }
.ap .temp { display: inline-flex; align-items: center; gap: 8px; margin-left: 6px; white-space: nowrap; }
.ap input[type=range] { accent-color: var(--ap-highlight); width: 110px; }
.ap .e-row { display: flex; flex-wrap: wrap; gap: 18px 40px; align-items: flex-start; }
.ap .dims-box { flex: 1 1 300px; max-width: 560px; }
.ap .dims-box h3.sub { margin-top: 0; }
.ap .dims { display: grid; grid-template-columns: max-content 1fr; gap: 3px 14px; margin: 0; font-size: 13px; }
.ap .dims dt { font-weight: 600; }
.ap .dims dd { margin: 0; color: var(--ap-muted); }
`.trim();

/** A labelled tensor (name, shape, role) and the rows and arrows that lay tensors out. */
export const TENSOR_CSS = String.raw`
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
`.trim();

/** The weights panel's figures, their captions and colour legends. */
export const WEIGHTS_PANEL_CSS = String.raw`
.ap .weights-row { display: flex; flex-wrap: wrap; gap: 18px 28px; align-items: flex-start; }
.ap .fig { margin: 0; min-width: 0; max-width: 100%; }
.ap .fig figcaption { font-size: 12px; color: var(--ap-muted); margin-top: 8px; }
.ap .legend { display: flex; align-items: center; gap: 6px; }
.ap .legend .bar { display: inline-block; width: 120px; height: 10px; border-radius: 3px; border: 1px solid var(--ap-line); }
.ap .masked-key { margin-left: 10px; padding-left: 22px; position: relative; }
.ap .masked-key::before { content: ""; position: absolute; left: 0; top: 1px; width: 16px; height: 12px; border-radius: 3px;
  background: repeating-linear-gradient(135deg, var(--ap-masked-a) 0 3px, var(--ap-masked-b) 3px 6px); }
`.trim();

/** The sum panel's weighted sum, written out term by term. */
export const SUM_PANEL_CSS = String.raw`
.ap .sum-line { font-family: var(--ap-mono); font-size: 12.5px; color: var(--ap-ink); margin: 0 0 12px; line-height: 1.9; }
.ap .term { white-space: nowrap; background: var(--ap-highlight-soft); border-radius: 4px; padding: 1px 4px; }
`.trim();
