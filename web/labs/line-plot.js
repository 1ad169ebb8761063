// The labs' SVG line plots and their legends.  Presentation only: every point plotted comes from an engine
// trace or a timer.
import { h, setAttr } from '../widgets/dom.js';
import { formatNumber } from '../widgets/format.js';

const NS = 'http://www.w3.org/2000/svg';
const s = (tag, attrs = {}, text) => {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  if (text !== undefined) el.textContent = text;
  return el;
};

/**
 * Draws series [{ points: [[x, y]…], color, label, dash }] into an <svg> (replacing its content).
 * opts: { title (its accessible name), xLabel, yLabel, xLog, yLog, marker: x, yMin, yMax, width, height }.
 */
export function linePlot(svg, series, opts = {}) {
  const W = opts.width ?? 320,
    H = opts.height ?? 170,
    R = 10,
    Tp = 10,
    B = 30;
  setAttr(svg, 'viewBox', `0 0 ${W} ${H}`);
  setAttr(svg, 'role', 'img');
  // Named before anything is drawn: an empty plot (no step taken yet) is still an image that needs a name.
  const names = series.map((se) => se.label).filter(Boolean);
  setAttr(
    svg,
    'aria-label',
    opts.title ??
      `Plot of ${opts.yLabel ?? 'y'} against ${opts.xLabel ?? 'x'}${names.length ? `: ${names.join(', ')}` : ''}`,
  );
  const fx = opts.xLog ? Math.log10 : (x) => x,
    fy = opts.yLog ? Math.log10 : (y) => y;
  const pts = series.flatMap((se) => se.points).filter(([x, y]) => Number.isFinite(fx(x)) && Number.isFinite(fy(y)));
  svg.replaceChildren();
  if (!pts.length) return;
  let [x0, x1] = [Math.min(...pts.map((p) => fx(p[0]))), Math.max(...pts.map((p) => fx(p[0])))];
  let y0 = opts.yMin ?? Math.min(...pts.map((p) => fy(p[1]))),
    y1 = opts.yMax ?? Math.max(...pts.map((p) => fy(p[1])));
  if (x1 === x0) x1 = x0 + 1;
  if (y1 - y0 < 1e-9) {
    y0 -= 0.5;
    y1 += 0.5;
  }
  const lab = (v, log) => {
    const x = log ? 10 ** v : v;
    return Number.isInteger(x) ? String(x) : formatNumber(x, Math.abs(x) < 0.1 ? 3 : Math.abs(x) < 10 ? 2 : 0);
  };
  // The y axis sits right of its longest tick label (10px type, about 6px a character) and the axis name.
  const yTop = lab(y1, opts.yLog),
    yBottom = lab(y0, opts.yLog);
  const L = Math.max(46, 24 + 6 * Math.max(yTop.length, yBottom.length));
  const X = (x) => L + ((fx(x) - x0) / (x1 - x0)) * (W - L - R),
    Y = (y) => H - B - ((fy(y) - y0) / (y1 - y0)) * (H - Tp - B);
  svg.append(
    s('line', { x1: L, y1: H - B, x2: W - R, y2: H - B, class: 'axis' }),
    s('line', { x1: L, y1: Tp, x2: L, y2: H - B, class: 'axis' }),
    s('text', { x: L - 4, y: Tp + 8, 'text-anchor': 'end' }, yTop),
    s('text', { x: L - 4, y: H - B, 'text-anchor': 'end' }, yBottom),
    s('text', { x: L, y: H - B + 13, 'text-anchor': 'middle' }, lab(x0, opts.xLog)),
    s('text', { x: W - R, y: H - B + 13, 'text-anchor': 'end' }, lab(x1, opts.xLog)),
    s('text', { x: (L + W - R) / 2, y: H - 4, 'text-anchor': 'middle', class: 'axis-label' }, opts.xLabel ?? ''),
    s(
      'text',
      {
        x: 10,
        y: (Tp + H - B) / 2,
        'text-anchor': 'middle',
        class: 'axis-label',
        transform: `rotate(-90 10 ${(Tp + H - B) / 2})`,
      },
      opts.yLabel ?? '',
    ),
  );
  if (opts.marker !== undefined)
    svg.append(s('line', { x1: X(opts.marker), x2: X(opts.marker), y1: Tp, y2: H - B, class: 'marker' }));
  for (const se of series) {
    const ok = se.points.filter(([x, y]) => Number.isFinite(fx(x)) && Number.isFinite(fy(y)));
    svg.append(
      s('polyline', {
        points: ok.map(([x, y]) => `${X(x).toFixed(1)},${Y(y).toFixed(1)}`).join(' '),
        fill: 'none',
        style: `stroke:${se.color}`, // colours may be the theme's custom properties, which attributes cannot take
        'stroke-width': 2,
        'stroke-dasharray': se.dash ?? 'none',
        'data-series': se.label ?? '',
      }),
    );
    if (se.dots)
      for (const [x, y] of ok) svg.append(s('circle', { cx: X(x), cy: Y(y), r: 3, style: `fill:${se.color}` }));
  }
}

/** A legend line for plots: [[color, label, dash]…]. */
export const plotLegend = (items) =>
  h(
    'p',
    { class: 'lab-legend' },
    ...items.map(([color, label, dash]) =>
      h('span', {}, h('i', { style: `border-top:2px ${dash ? 'dashed' : 'solid'} ${color}` }), label),
    ),
  );
