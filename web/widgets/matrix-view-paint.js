// How a computed tensor's cells are drawn on a canvas: fills from the colour scale or the mask's stripes, the
// numbers, change bars, and the lit, selected and focus outlines (system colours under forced colours).  Plain
// data in (a 2D context, sizes, texts, scale entries, marks); not what a cell shows (matrix-view.js) nor when
// it is drawn (matrix-view-schedule.js).
import { PAINT } from '../app/styles.js';
import { PAINTS } from './theme.js';

export const GAP = 2; // px between cells; the grid's gap in matrix-styles.js
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
 * Sets up a context freshly sized for dpr device pixels per CSS px, numbers placed by align ('right' or
 * 'center').  Sizing a canvas resets its context: once after each resize, not on every paint.
 */
export function prepareContext(g, dpr, align) {
  g.setTransform(dpr, 0, 0, dpr, 0, 0);
  g.font = `12.5px ${PAINT.mono}`;
  g.direction = 'ltr';
  g.textBaseline = 'middle';
  g.textAlign = align;
}

/** Draws cells of one size in one theme on a context prepared by prepareContext: one painter per paint. */
export class CellPainter {
  #g;
  #w;
  #h;
  #theme;
  #paint;
  #forced;
  #accent;
  #tx;
  #stripes = null;

  /**
   * w, h: a cell's size in CSS px; theme: 'light' or 'dark'; forced: whether forced colours are on; accent:
   * the focus ring's colour (a host's --ap-accent), or undefined for the theme's; align: as prepareContext's.
   */
  constructor(g, { w, h, theme, forced, accent, align }) {
    this.#g = g;
    this.#w = w;
    this.#h = h;
    this.#theme = theme;
    this.#paint = PAINTS[theme];
    this.#forced = forced;
    this.#accent = accent;
    this.#tx = align === 'center' ? w / 2 : w - 4;
  }

  /**
   * Draws one cell at (x, y): entry is its scale entry (both themes' { bg, ink }) or MASKED; changed, lit,
   * selected and ring are its marks (a change bar, the walk's outline, the selection's, the keyboard focus).
   */
  cell(x, y, text, entry, changed, lit, selected, ring) {
    const g = this.#g,
      cw = this.#w,
      ch = this.#h,
      paint = this.#paint,
      fc = this.#forced,
      bg = entry[this.#theme];
    g.clearRect(x, y, cw, ch);
    g.beginPath();
    g.roundRect(x, y, cw, ch, 3);
    const masked = entry === MASKED;
    g.fillStyle = fc
      ? lit
        ? 'Highlight'
        : 'Canvas'
      : masked
        ? (this.#stripes ??= g.createPattern(hatchTile(this.#theme), 'repeat'))
        : bg.bg;
    g.fill();
    if (fc) {
      g.strokeStyle = 'GrayText';
      g.lineWidth = 1;
      g.stroke();
    }
    if (changed) {
      // A changed number: a bar along the cell's foot.
      g.fillStyle = fc ? 'Highlight' : paint.changed;
      g.beginPath();
      g.roundRect(x, y + ch - 3, cw, 3, [0, 0, 3, 3]);
      g.fill();
    }
    g.fillStyle = fc ? (lit ? 'HighlightText' : masked ? 'GrayText' : 'CanvasText') : masked ? paint.maskedInk : bg.ink;
    g.fillText(text, x + this.#tx, y + ch / 2 + 0.5, cw - 8);
    // A lit cell's outline, then the selected cell's and the keyboard focus: outlines inside the cell, as
    // the stylesheet drew them; a lit cell keeps its outline outside the selection's.
    if (lit) this.#outline(x, y, 3, fc ? 'HighlightText' : paint.lit);
    if (selected) this.#outline(x, y, 2, fc ? 'CanvasText' : paint.ink, lit ? 3 : 0);
    if (ring) this.#outline(x, y, 3, fc ? 'Highlight' : (this.#accent ?? paint.focus));
  }

  #outline(x, y, width, colour, inset = 0) {
    const g = this.#g,
      cw = this.#w - 2 * inset,
      ch = this.#h - 2 * inset,
      h = width / 2 + inset;
    g.strokeStyle = colour;
    g.lineWidth = width;
    g.beginPath();
    g.roundRect(x + h, y + h, cw - width, ch - width, Math.max(0, 3 - h));
    g.stroke();
  }
}
