// Exports of what a playground shows: any matrix as CSV, LaTeX or Markdown; any panel's figures (its tensors
// as heatmaps with their numbers, the weights' arc view) as a hand-built SVG or a PNG drawn on a canvas.
// Numbers come from the state and the engine's trace.
import { formatNumber, formatFloat32, sequential, diverging } from '../widgets/format.js';

const rowsOf = (m) =>
  Array.from({ length: m.rows }, (_, r) => Array.from(m.data.subarray(r * m.cols, (r + 1) * m.cols)));
const idx = (n, p) => Array.from({ length: n }, (_, k) => `${p}${k + 1}`);

/** Every matrix of the shown head, by name: { name, rows: number[][], rowLabels, colLabels, kind }. */
export function matrices(state, trace, head = 0) {
  const tok = state.tokens,
    hs = trace.heads[head],
    H = state.heads.length;
  const sfx = H > 1 ? ` head ${head + 1}` : '';
  const w = state.heads[head];
  const m = (name, rows, rowLabels, colPrefix, kind = 'signed') => ({
    name,
    rows,
    rowLabels,
    colLabels: idx(rows[0]?.length ?? 0, colPrefix),
    kind,
  });
  const tt = (name, t, kind) => ({ name, rows: rowsOf(t), rowLabels: tok, colLabels: tok.slice(), kind });
  const list = [
    m('E', state.embeddings, tok, 'd'),
    m(`W_Q${sfx}`, w.wq, idx(w.wq.length, 'd'), 'k'),
    m(`W_K${sfx}`, w.wk, idx(w.wk.length, 'd'), 'k'),
    m(`W_V${sfx}`, w.wv, idx(w.wv.length, 'd'), 'k'),
    m(`Q${sfx}`, rowsOf(hs.q), tok, 'k'),
    m(`K${sfx}`, rowsOf(hs.k), tok, 'k'),
    m(`V${sfx}`, rowsOf(hs.v), tok, 'k'),
    tt(`scores${sfx}`, hs.scores),
    tt(`scaled${sfx}`, hs.scaled),
    tt(`masked${sfx}`, hs.masked),
    tt(`weights${sfx}`, hs.weights, 'weights'),
    m(`head output${sfx}`, rowsOf(hs.output), tok, 'k'),
  ];
  if (H > 1 || state.wo) list.push(m('concat', rowsOf(trace.concat), tok, 'c'));
  if (state.wo) list.push(m('W_O', state.wo, idx(state.wo.length, 'c'), 'o'));
  list.push(m('output', rowsOf(trace.output), tok, 'o'));
  return list;
}

/** What each panel shows, by panel name: its matrices ('arcs': the weights as lines between tokens). */
export const PANEL_MATRICES = {
  embeddings: ['E'],
  projections: ['W_Q', 'W_K', 'W_V', 'Q', 'K', 'V'],
  scores: ['scores'],
  scale: ['scaled'],
  mask: ['masked'],
  weights: ['weights', 'arcs'],
  sum: ['weights', 'V', 'head output'],
  output: ['concat', 'W_O', 'output'],
};

/** A panel's figures for toSVG / toPNG: its matrices in order, the arc view drawn from the weights. */
export function panelFigures(all, panel) {
  const byName = new Map(all.map((m) => [m.name.replace(/ head \d+$/, ''), m]));
  return PANEL_MATRICES[panel].flatMap((name) => {
    if (name !== 'arcs') return byName.has(name) ? [byName.get(name)] : [];
    const w = byName.get('weights');
    return [{ ...w, name: w.name.replace('weights', 'attention arcs'), kind: 'arcs' }];
  });
}

const csvCell = (s) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/**
 * CSV with a header row of column labels and a first column of row labels; each number in the shortest text
 * that reads back to the same float32 the engine used (5.3, not 5.300000190734863).
 */
export function toCSV(mat) {
  const lines = [['', ...mat.colLabels].map(csvCell).join(',')];
  mat.rows.forEach((row, r) =>
    lines.push([csvCell(String(mat.rowLabels[r] ?? r + 1)), ...row.map(formatFloat32)].join(',')),
  );
  return lines.join('\n') + '\n';
}

const latexNumber = (x) =>
  x === -Infinity ? '-\\infty' : x === Infinity ? '\\infty' : formatNumber(x).replace('\u2212', '-');

/** A LaTeX bmatrix (amsmath). */
export function toLatex(mat) {
  const body = mat.rows.map((row) => '  ' + row.map(latexNumber).join(' & ')).join(' \\\\\n');
  return `\\begin{bmatrix}\n${body}\n\\end{bmatrix}\n`;
}

const mdCell = (s) => String(s).replace(/[|\\`*_<>[\]]/g, (c) => `\\${c}`);

// Files take an ASCII minus: U+2212 does not read back as a number, in a spreadsheet or in code.
const asciiNumber = (x) => formatNumber(x).replace(/\u2212/g, '-');

/** A Markdown (GFM) table with the row and column labels. */
export function toMarkdown(mat) {
  const head = `| ${mdCell(mat.name)} | ${mat.colLabels.map(mdCell).join(' | ')} |`;
  const rule = `|---|${mat.colLabels.map(() => '---:').join('|')}|`;
  const rows = mat.rows.map(
    (row, r) => `| ${mdCell(mat.rowLabels[r] ?? r + 1)} | ${row.map(asciiNumber).join(' | ')} |`,
  );
  return [head, rule, ...rows].join('\n') + '\n';
}

const CELL = 44,
  LABEL = 90,
  TITLE = 26,
  GAP = 24;

const ARC_ROW = 26,
  ARC_SPAN = 140,
  ARC_MAX_WIDTH = 10;

/** Lays out matrices side by side: [{ mat, x, y, w, h }], with the total width and height. */
function layout(mats) {
  let x = 0,
    height = 0;
  const boxes = mats.map((mat) => {
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

function colourOf(mat) {
  const finite = mat.rows.flat().filter(Number.isFinite);
  const big = Math.max(1e-12, ...finite.map(Math.abs));
  return (x) =>
    !Number.isFinite(x) ? { bg: '#e2e5ea', dark: false } : mat.kind === 'weights' ? sequential(x) : diverging(x / big);
}

// The weights as curves from each query (left) to each key (right), thickness = weight, as the page's arc view.
function drawArcs(mat, x, { text, curve }) {
  const y = (i) => TITLE + ARC_ROW / 2 + i * ARC_ROW + ARC_ROW / 2,
    x0 = x + LABEL,
    x1 = x0 + ARC_SPAN;
  mat.rows.forEach((row, i) =>
    row.forEach((w, j) => {
      if (w >= 0.005) curve(x0, y(i), x1, y(j), w * ARC_MAX_WIDTH, '#2f54c8');
    }),
  );
  mat.rowLabels.forEach((t, i) => text(String(t).slice(0, 12), x0 - 6, y(i) + 4, { anchor: 'end', size: 12 }));
  mat.colLabels.forEach((t, j) => text(String(t).slice(0, 12), x1 + 6, y(j) + 4, { size: 12 }));
  text('query', x0 - 6, TITLE + 10, { anchor: 'end', size: 11, muted: true });
  text('key', x1 + 6, TITLE + 10, { size: 11, muted: true });
}

/** Walks every drawable item once: text(s, x, y, opts), rect(x, y, w, h, fill), curve(x0, y0, x1, y1, width, colour). */
function draw(mats, { text, rect, curve }) {
  const { boxes, width, height } = layout(mats);
  for (const { mat, x } of boxes) {
    text(mat.name, x, 18, { bold: true, size: 15 });
    if (mat.kind === 'arcs') {
      drawArcs(mat, x, { text, curve });
      continue;
    }
    const colour = colourOf(mat);
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
          light: c.dark,
        });
      });
    });
  }
  return { width, height };
}

const esc = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A standalone SVG of the figures (heatmaps, arcs); every string is escaped. */
export function toSVG(mats) {
  const parts = [];
  const { width, height } = draw(mats, {
    text: (s, x, y, o) =>
      parts.push(
        `<text x="${x}" y="${y}" font-size="${o.size}"${o.bold ? ' font-weight="700"' : ''}` +
          `${o.anchor ? ` text-anchor="${o.anchor}"` : ''} fill="${o.light ? '#fff' : o.muted ? '#5b6474' : '#1b2130'}">${esc(s)}</text>`,
      ),
    rect: (x, y, w, h, fill) =>
      parts.push(`<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="3" fill="${fill}"/>`),
    curve: (x0, y0, x1, y1, w, c) =>
      parts.push(
        `<path d="M${x0} ${y0} C${(x0 + x1) / 2} ${y0} ${(x0 + x1) / 2} ${y1} ${x1} ${y1}"` +
          ` fill="none" stroke="${c}" stroke-opacity="0.55" stroke-width="${w.toFixed(2)}"/>`,
      ),
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"` +
    ` font-family="system-ui, sans-serif"><rect width="100%" height="100%" fill="#fff"/>${parts.join('')}</svg>\n`
  );
}

/** The same figures drawn on a canvas (2× for sharpness); resolves a PNG Blob. */
export function toPNG(mats) {
  const probe = draw(mats, { text() {}, rect() {}, curve() {} });
  const canvas = document.createElement('canvas');
  canvas.width = probe.width * 2;
  canvas.height = probe.height * 2;
  const g = canvas.getContext('2d');
  g.scale(2, 2);
  g.fillStyle = '#fff';
  g.fillRect(0, 0, probe.width, probe.height);
  draw(mats, {
    text: (s, x, y, o) => {
      g.font = `${o.bold ? '700 ' : ''}${o.size}px system-ui, sans-serif`;
      g.textAlign = o.anchor === 'middle' ? 'center' : o.anchor === 'end' ? 'right' : 'left';
      g.fillStyle = o.light ? '#fff' : o.muted ? '#5b6474' : '#1b2130';
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
  });
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
}

/** Saves a Blob or text as a file through a temporary link. */
export function download(name, content, type = 'text/plain') {
  const blob = content instanceof Blob ? content : new Blob([content], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
