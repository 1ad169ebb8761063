// A panel's figures (its tensors as heatmaps with their numbers, the weights' arc view) as a hand-built SVG or
// a PNG drawn on a canvas: one walk over the figures, drawn by either.
import { formatNumber, sequential, diverging } from '../widgets/format.js';
import { PAINTS } from '../widgets/theme.js';

const CELL = 44,
  LABEL = 90,
  TITLE = 26,
  GAP = 24;

const ARC_ROW = 26,
  ARC_SPAN = 140,
  ARC_MAX_WIDTH = 10;

// The text figure: the words in lines of at most TEXT_WIDTH, each a box as wide as its word (an estimate of
// its characters: the file does not measure text), its weight below it.
const TEXT_WIDTH = 560,
  WORD_HEIGHT = 40,
  WORD_GAP = 6,
  CHAR = 8.4;

/** Where each word of a text figure goes: [{ x, y, w }] from the figure's corner, with the size of it all. */
function wordBoxes(words) {
  let x = 0,
    y = TITLE,
    width = 0;
  const boxes = words.map((word) => {
    const w = Math.max(44, String(word).length * CHAR + 16);
    if (x > 0 && x + w > TEXT_WIDTH) {
      x = 0;
      y += WORD_HEIGHT + WORD_GAP;
    }
    const box = { x, y, w };
    x += w + WORD_GAP;
    width = Math.max(width, x - WORD_GAP);
    return box;
  });
  return { boxes, width, height: y + WORD_HEIGHT };
}

/** Lays out matrices side by side: [{ mat, x, y, w, h }], with the total width and height. */
function layout(mats) {
  let x = 0,
    height = 0;
  const boxes = mats.map((mat) => {
    if (mat.kind === 'text') {
      const { width: w, height: hgt } = wordBoxes(mat.rowLabels);
      const box = { mat, x, y: 0, w, h: hgt };
      x += w + GAP;
      height = Math.max(height, hgt);
      return box;
    }
    const arcs = mat.kind === 'arcs';
    const w = arcs ? 2 * LABEL + ARC_SPAN : LABEL + mat.colLabels.length * CELL;
    const hgt = arcs ? TITLE + ARC_ROW / 2 + mat.rows.length * ARC_ROW : TITLE + CELL / 2 + mat.rows.length * CELL;
    const box = { mat, x, y: 0, w, h: hgt };
    x += w + GAP;
    height = Math.max(height, hgt);
    return box;
  });
  return { boxes, width: Math.max(1, x - GAP), height };
}

function colourOf(mat, theme) {
  const finite = mat.rows.flat().filter(Number.isFinite);
  const big = Math.max(1e-12, ...finite.map(Math.abs));
  const none = { bg: PAINTS[theme].maskedDark, ink: PAINTS[theme].maskedInk };
  return (x) =>
    !Number.isFinite(x) ? none : mat.kind === 'weights' ? sequential(x, theme) : diverging(x / big, theme);
}

// The weights as curves from each query (left) to each key (right), thickness = weight, as the page's arc view.
function drawArcs(mat, x, { text, curve }, theme) {
  const y = (i) => TITLE + ARC_ROW / 2 + i * ARC_ROW + ARC_ROW / 2,
    x0 = x + LABEL,
    x1 = x0 + ARC_SPAN;
  mat.rows.forEach((row, i) =>
    row.forEach((w, j) => {
      if (w >= 0.005) curve(x0, y(i), x1, y(j), w * ARC_MAX_WIDTH, PAINTS[theme].focus);
    }),
  );
  mat.rowLabels.forEach((t, i) => text(String(t).slice(0, 12), x0 - 6, y(i) + 4, { anchor: 'end', size: 12 }));
  mat.colLabels.forEach((t, j) => text(String(t).slice(0, 12), x1 + 6, y(j) + 4, { size: 12 }));
  text('query', x0 - 6, TITLE + 10, { anchor: 'end', size: 11, muted: true });
  text('key', x1 + 6, TITLE + 10, { size: 11, muted: true });
}

// The sentence, each word shaded by the query's weight on it (masked words in the masked colours), the query
// outlined.
function drawText(mat, x, { text, rect }, theme) {
  const row = mat.rows[mat.query] ?? [];
  wordBoxes(mat.colLabels).boxes.forEach((b, j) => {
    const v = row[j],
      masked = mat.blocked[j],
      c = masked ? { bg: PAINTS[theme].maskedDark, ink: PAINTS[theme].maskedInk } : sequential(v, theme);
    if (j === mat.query) rect(x + b.x - 2, b.y - 2, b.w + 4, WORD_HEIGHT + 4, PAINTS[theme].focus);
    rect(x + b.x, b.y, b.w, WORD_HEIGHT, c.bg);
    const mid = x + b.x + b.w / 2;
    text(mat.colLabels[j], mid, b.y + 17, { anchor: 'middle', size: 14, bold: j === mat.query, fill: c.ink });
    text(masked ? 'masked' : formatNumber(v), mid, b.y + 33, { anchor: 'middle', size: 11, fill: c.ink });
  });
}

/**
 * Walks every drawable item once, in a theme's colours: text(s, x, y, opts), rect(x, y, w, h, fill),
 * curve(x0, y0, x1, y1, width, colour).  A text's opts.fill is its colour when it sits on a cell.
 */
function draw(mats, { text, rect, curve }, theme) {
  const { boxes, width, height } = layout(mats);
  for (const { mat, x } of boxes) {
    text(mat.name, x, 18, { bold: true, size: 15 });
    if (mat.kind === 'arcs') {
      drawArcs(mat, x, { text, curve }, theme);
      continue;
    }
    if (mat.kind === 'text') {
      drawText(mat, x, { text, rect }, theme);
      continue;
    }
    const colour = colourOf(mat, theme);
    mat.colLabels.forEach((c, j) =>
      text(c, x + LABEL + j * CELL + CELL / 2, TITLE + 14, { anchor: 'middle', size: 11, muted: true }),
    );
    mat.rows.forEach((row, i) => {
      const y = TITLE + CELL / 2 + i * CELL;
      text(String(mat.rowLabels[i] ?? i + 1).slice(0, 12), x + LABEL - 6, y + CELL / 2 + 4, {
        anchor: 'end',
        size: 12,
      });
      row.forEach((v, j) => {
        const c = colour(v);
        rect(x + LABEL + j * CELL, y, CELL - 2, CELL - 2, c.bg);
        text(formatNumber(v), x + LABEL + j * CELL + CELL / 2 - 1, y + CELL / 2 + 3, {
          anchor: 'middle',
          size: 11,
          fill: c.ink,
        });
      });
    });
  }
  return { width, height };
}

const esc = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

// A text's colour: its cell's ink, else the theme's.
const inkOf = (o, theme) => o.fill ?? (o.muted ? PAINTS[theme].muted : PAINTS[theme].ink);

/** A standalone SVG of the figures (heatmaps, arcs) in a theme ('light' or 'dark'); every string is escaped. */
export function toSVG(mats, theme = 'light') {
  const parts = [];
  const { width, height } = draw(
    mats,
    {
      text: (s, x, y, o) =>
        parts.push(
          `<text x="${x}" y="${y}" font-size="${o.size}"${o.bold ? ' font-weight="700"' : ''}` +
            `${o.anchor ? ` text-anchor="${o.anchor}"` : ''} fill="${inkOf(o, theme)}">${esc(s)}</text>`,
        ),
      rect: (x, y, w, h, fill) =>
        parts.push(`<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="3" fill="${fill}"/>`),
      curve: (x0, y0, x1, y1, w, c) =>
        parts.push(
          `<path d="M${x0} ${y0} C${(x0 + x1) / 2} ${y0} ${(x0 + x1) / 2} ${y1} ${x1} ${y1}"` +
            ` fill="none" stroke="${c}" stroke-opacity="0.55" stroke-width="${w.toFixed(2)}"/>`,
        ),
    },
    theme,
  );
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"` +
    ` font-family="system-ui, sans-serif"><rect width="100%" height="100%" fill="${PAINTS[theme].surface}"/>${parts.join('')}</svg>\n`
  );
}

/** The same figures drawn on a canvas (2× for sharpness) in a theme; resolves a PNG Blob. */
export function toPNG(mats, theme = 'light') {
  const probe = draw(mats, { text() {}, rect() {}, curve() {} }, theme);
  const canvas = document.createElement('canvas');
  canvas.width = probe.width * 2;
  canvas.height = probe.height * 2;
  const g = canvas.getContext('2d');
  g.scale(2, 2);
  g.fillStyle = PAINTS[theme].surface;
  g.fillRect(0, 0, probe.width, probe.height);
  draw(
    mats,
    {
      text: (s, x, y, o) => {
        g.font = `${o.bold ? '700 ' : ''}${o.size}px system-ui, sans-serif`;
        g.textAlign = o.anchor === 'middle' ? 'center' : o.anchor === 'end' ? 'right' : 'left';
        g.fillStyle = inkOf(o, theme);
        g.fillText(s, x, y);
      },
      rect: (x, y, w, h, fill) => {
        g.fillStyle = fill;
        g.fillRect(x, y, w, h);
      },
      curve: (x0, y0, x1, y1, w, c) => {
        g.save();
        g.globalAlpha = 0.55;
        g.strokeStyle = c;
        g.lineWidth = w;
        g.beginPath();
        g.moveTo(x0, y0);
        g.bezierCurveTo((x0 + x1) / 2, y0, (x0 + x1) / 2, y1, x1, y1);
        g.stroke();
        g.restore();
      },
    },
    theme,
  );
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
}
