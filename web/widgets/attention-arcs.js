// <attention-arcs>: the weights as lines from each query (left) to each key (right); thickness = weight.
// The selected query's lines are drawn strong with their numbers; hover a token or a line to select it.
import { define, emit, setText, setAttr, fittedBox } from './dom.js';
import { formatNumber } from './format.js';

const NS = 'http://www.w3.org/2000/svg';
const ROW = 24,
  TOP = 26,
  WIDTH = 320,
  XL = 104,
  XR = 196,
  MAX_STROKE = 10;
// The keys' names end before the weights' numbers ("1.00" in 11px mono, right-aligned at WIDTH - 4).
const KEY_ROOM = WIDTH - 4 - 4 * 6.7 - 8 - (XR + 8),
  QUERY_ROOM = XL - 8 - 2;

let measurer = null;
/** text, shortened with an ellipsis to fit px in the labels' font (bold: a selected query is bold). */
function fit(text, px, bold) {
  measurer ??= document.createElement('canvas').getContext('2d');
  measurer.font = `${bold ? 700 : 400} 12px system-ui, sans-serif`;
  if (measurer.measureText(text).width <= px) return text;
  let n = text.length - 1;
  while (n > 1 && measurer.measureText(text.slice(0, n) + '…').width > px) n--;
  return text.slice(0, n) + '…';
}

function svg(tag, attrs = {}, text) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  if (text !== undefined) el.textContent = text;
  return el;
}

class AttentionArcs extends HTMLElement {
  constructor() {
    super();
    this._T = -1;
    this._tokens = '';
  }

  connectedCallback() {
    if (this._svg) return;
    this._svg = svg('svg', { role: 'img', class: 'arcs' });
    this.append(fittedBox(this._svg));
    this._svg.addEventListener('pointerover', (e) => {
      const i = e.target.dataset?.row,
        j = e.target.dataset?.col;
      if (i !== undefined)
        emit(this, 'cell-select', { row: Number(i), col: j !== undefined ? Number(j) : this._cell[1] });
    });
  }

  /** { tokens, weights (trace matrix), cell: [query, key] } */
  set model({ tokens, weights, cell }) {
    this._cell = cell;
    const T = tokens.length,
      key = tokens.join('\u0001');
    if (T !== this._T || key !== this._tokens) this._build(tokens);
    const [si, sj] = cell,
      w = weights.data;
    for (let i = 0; i < T; i++) {
      for (let j = 0; j < T; j++) {
        const n = i * T + j,
          p = this._paths[n];
        const width = (w[n] * MAX_STROKE).toFixed(2),
          cls = i === si ? (j === sj ? 'arc on pick' : 'arc on') : 'arc';
        if (width !== this._width[n]) p.setAttribute('stroke-width', (this._width[n] = width));
        if (cls !== this._class[n]) p.setAttribute('class', (this._class[n] = cls));
      }
      const cls = i === si ? 'tok on' : 'tok';
      setAttr(this._left[i], 'class', cls);
    }
    const parts = [];
    for (let j = 0; j < T; j++) {
      const text = formatNumber(w[si * T + j]);
      setText(this._nums[j], text);
      parts.push(`${tokens[j]} ${text}`);
    }
    const label = `Attention from “${tokens[si]}”: ${parts.join(', ')}`;
    if (label !== this._label) this._svg.setAttribute('aria-label', (this._label = label));
  }

  _build(tokens) {
    const T = tokens.length;
    this._T = T;
    this._tokens = tokens.join('\u0001');
    const height = TOP + T * ROW;
    this._svg.setAttribute('viewBox', `0 0 ${WIDTH} ${height}`);
    this._svg.style.maxHeight = `${height * 1.3}px`;
    const y = (i) => TOP + i * ROW + ROW / 2;
    const xm = (XL + XR) / 2;
    const g = svg('g', { class: 'lines' });
    this._paths = [];
    this._width = [];
    this._class = [];
    for (let i = 0; i < T; i++) {
      for (let j = 0; j < T; j++) {
        const p = svg('path', {
          d: `M${XL} ${y(i)} C${xm} ${y(i)} ${xm} ${y(j)} ${XR} ${y(j)}`,
          'data-row': i,
          'data-col': j,
        });
        this._paths.push(p);
        g.append(p);
      }
    }
    // A shortened name keeps the whole word as its tooltip.
    const label = (t, room, bold, attrs) => {
      const el = svg('text', attrs, fit(t, room, bold));
      if (el.textContent !== t) el.append(svg('title', {}, t));
      return el;
    };
    this._left = tokens.map((t, i) =>
      label(t, QUERY_ROOM, true, { x: XL - 8, y: y(i), 'text-anchor': 'end', 'data-row': i }),
    );
    const right = tokens.map((t, j) => label(t, KEY_ROOM, false, { x: XR + 8, y: y(j), class: 'tok' }));
    this._nums = tokens.map((_, j) => svg('text', { x: WIDTH - 4, y: y(j), 'text-anchor': 'end', class: 'num' }));
    this._svg.replaceChildren(
      svg('text', { x: XL - 8, y: 12, 'text-anchor': 'end', class: 'head' }, 'query'),
      svg('text', { x: XR + 8, y: 12, class: 'head' }, 'key'),
      g,
      ...this._left,
      ...right,
      ...this._nums,
    );
  }
}

define('attention-arcs', AttentionArcs);
