// How a <matrix-view> draws its cells on its canvas: fills from the colour scale or the mask's stripes, the
// numbers, change bars, and the lit, selected and focus outlines (system colours under forced colours).
// Not when it draws (matrix-view-schedule.js).
import { PAINT } from '../app/styles.js';
import { PAINTS, shownTheme, accentOf } from './theme.js';
import { forced } from './matrix-view-schedule.js';

const GAP = 2; // px between cells; the grid's gap in matrix-styles.js
export const MASKED = {}; // a blocked cell's fill: the stripes
// A number with no place on the scale (never expected: '—'), as a scale entry of both themes.
export const NEUTRAL = Object.fromEntries(
  ['light', 'dark'].map((th) => [th, { bg: PAINTS[th].neutral, ink: PAINTS[th].ink, dark: th === 'dark' }]),
);

const hatch = {};
/** The masked cells' diagonal stripes in a theme, as a canvas pattern tile. */
function hatchTile(theme) {
  if (hatch[theme]) return hatch[theme];
  const tile = (hatch[theme] = document.createElement('canvas'));
  tile.width = tile.height = 8;
  const g = tile.getContext('2d');
  g.fillStyle = PAINTS[theme].maskedLight;
  g.fillRect(0, 0, 8, 8);
  g.strokeStyle = PAINTS[theme].maskedDark;
  g.lineWidth = 2.8;
  g.beginPath();
  for (const k of [-8, 0, 8]) {
    g.moveTo(k - 1, 9);
    g.lineTo(k + 9, -1);
  }
  g.stroke();
  return tile;
}

/**
 * Sizes the view's canvas in device pixels (numbers stay sharp; the CSS size is the grid area's) and sets up
 * its context, which resizing resets: once here, not on every paint.  A new canvas is fitted at its first
 * paint, so one that never draws (in a far panel of a page of many playgrounds) holds no pixels.  Setting
 * its font brings the page's style up to date, as the first number drawn would anyway.
 */
function fitCanvas(view, dpr) {
  view._dpr = dpr;
  const cw = view._cw,
    ch = view.cellSize[1];
  view._canvas.width = Math.max(0, Math.round((view._cols * (cw + GAP) - GAP) * dpr));
  view._canvas.height = Math.max(0, Math.round((view._rows * (ch + GAP) - GAP) * dpr));
  const g = (view._ctx = view._canvas.getContext('2d'));
  g.setTransform(dpr, 0, 0, dpr, 0, 0);
  g.font = `12.5px ${PAINT.mono}`;
  g.direction = 'ltr';
  g.textBaseline = 'middle';
  g.textAlign = view.align;
}

/** Draws the view's cells marked dirty, now (all of them when full, or when the resolution or theme changed). */
export function paintCells(view, full) {
  const cw = view._cw,
    ch = view.cellSize[1],
    cols = view._cols;
  const dpr = devicePixelRatio || 1;
  if (dpr !== view._dpr) {
    fitCanvas(view, dpr);
    full = true;
  }
  const theme = shownTheme(view),
    paint = PAINTS[theme];
  if (theme !== view._theme) {
    view._theme = theme;
    full = true;
  }
  const g = view._ctx;
  const tx = view.align === 'center' ? cw / 2 : cw - 4;
  const fc = forced.matches;
  let stripes = null;
  for (let k = 0; k < view._cells.length; k++) {
    if (!full && !view._dirty[k]) continue;
    view._dirty[k] = false;
    const text = view._text[k],
      entry = view._bg[k],
      bg = entry[theme];
    if (text === undefined) continue;
    const x = (k % cols) * (cw + GAP),
      y = Math.floor(k / cols) * (ch + GAP);
    g.clearRect(x, y, cw, ch);
    g.beginPath();
    g.roundRect(x, y, cw, ch, 3);
    const masked = entry === MASKED,
      lit = view._lit.has(k);
    g.fillStyle = fc
      ? lit
        ? 'Highlight'
        : 'Canvas'
      : masked
        ? (stripes ??= g.createPattern(hatchTile(theme), 'repeat'))
        : bg.bg;
    g.fill();
    if (fc) {
      g.strokeStyle = 'GrayText';
      g.lineWidth = 1;
      g.stroke();
    }
    if (view._marked[k]) {
      // A changed number: a bar along the cell's foot.
      g.fillStyle = fc ? 'Highlight' : paint.changed;
      g.beginPath();
      g.roundRect(x, y + ch - 3, cw, 3, [0, 0, 3, 3]);
      g.fill();
    }
    g.fillStyle = fc ? (lit ? 'HighlightText' : masked ? 'GrayText' : 'CanvasText') : masked ? paint.maskedInk : bg.ink;
    g.fillText(text, x + tx, y + ch / 2 + 0.5, cw - 8);
    // A lit cell's outline, then the selected cell's and the keyboard focus: outlines inside the cell, as
    // the stylesheet drew them; a lit cell keeps its outline outside the selection's.
    // A selection [row, -1] is a whole row: only its header is highlighted.
    if (lit) outline(view, x, y, 3, fc ? 'HighlightText' : paint.lit);
    const sel = view._selected,
      inset = lit ? 3 : 0;
    if (sel && sel[1] >= 0 && sel[0] * cols + sel[1] === k)
      outline(view, x, y, 2, fc ? 'CanvasText' : paint.ink, inset);
    if (view._ring === k) outline(view, x, y, 3, fc ? 'Highlight' : (accentOf(view) ?? paint.focus));
  }
}

function outline(view, x, y, width, colour, inset = 0) {
  const g = view._ctx,
    cw = view._cw - 2 * inset,
    ch = view.cellSize[1] - 2 * inset,
    h = width / 2 + inset;
  g.strokeStyle = colour;
  g.lineWidth = width;
  g.beginPath();
  g.roundRect(x + h, y + h, cw - width, ch - width, Math.max(0, 3 - h));
  g.stroke();
}
