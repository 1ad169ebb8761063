// <context-lab>: one static vector, two contexts.  "bank" in the deposit and the river sentence, through the
// playground's head: its static embedding against its two contextual outputs (engine runs), their cosines, and
// a 2-D view (the first two principal axes of the vectors shown: presentation, computed here).
import { h, define, setText, scrollBox } from '../widgets/dom.js';
import { Panel } from '../panels/panel.js';
import { formatNumber } from '../widgets/format.js';
import { FEATURES, sentenceState } from '../state/presets.js';
import { getEngine, labHeader, rowOf, adoptLabStyles } from './lab-kit.js';

const WORD = 'bank',
  SENTENCES = [
    ['bank-deposit', 'var(--ap-plot-a)'],
    ['river-bank', 'var(--ap-plot-c)'],
  ];
const NS = 'http://www.w3.org/2000/svg';
const svgEl = (tag, attrs, text) => {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  if (text !== undefined) el.textContent = text;
  return el;
};
const dot = (a, b) => a.reduce((s, x, i) => s + x * b[i], 0);
const cosine = (a, b) => dot(a, b) / (Math.sqrt(dot(a, a) * dot(b, b)) || 1);

/** The two leading principal axes of the rows (power iteration on the covariance, with deflation). */
function principalAxes(rows) {
  const D = rows[0].length,
    mu = Array.from({ length: D }, (_, d) => rows.reduce((s, r) => s + r[d], 0) / rows.length);
  const X = rows.map((r) => r.map((x, d) => x - mu[d]));
  const C = Array.from({ length: D }, (_, i) =>
    Array.from({ length: D }, (_, j) => X.reduce((s, r) => s + r[i] * r[j], 0)),
  );
  const axes = [];
  for (let a = 0; a < 2; a++) {
    let v = Array.from({ length: D }, (_, d) => 1 + d * 0.1 + a);
    for (let it = 0; it < 200; it++) {
      for (const u of axes) {
        const p = dot(v, u);
        v = v.map((x, d) => x - p * u[d]);
      }
      const w = C.map((row) => dot(row, v)),
        n = Math.sqrt(dot(w, w));
      if (n < 1e-12) break;
      v = w.map((x) => x / n);
    }
    axes.push(v);
  }
  return {
    project: (r) =>
      axes.map((u) =>
        dot(
          r.map((x, d) => x - mu[d]),
          u,
        ),
      ),
  };
}

class ContextLab extends Panel {
  build() {
    adoptLabStyles(this);
    this.classList.add('lab');
    this._source = h('p', { class: 'note source' });
    this._vectors = h('table', { class: 'vectors' });
    this._cosines = h('table', { class: 'cosines' });
    this._plot = document.createElementNS(NS, 'svg');
    this._plot.classList.add('pca');
    this.append(
      ...labHeader(
        this,
        'Context: one word, two meanings',
        '“bank” has one static embedding, the same row in both sentences. Self-attention mixes in the values of the tokens it ' +
          'attends to, so its two contextual outputs move apart: towards finance beside “deposit money”, towards nature by the river.',
      ),
      this._source,
      // The vectors take the lab's whole width (wider than their room, they scroll in their own box); the
      // cosines and the plot share the row below, or stack on a narrow screen.
      h(
        'div',
        { class: 'lab-cols' },
        h(
          'div',
          { class: 'wide' },
          h('h3', {}, 'Vectors'),
          scrollBox(() => 'Vectors', this._vectors),
        ),
        h('div', {}, h('h3', {}, 'Cosine similarity'), this._cosines),
        h(
          'figure',
          { class: 'fig' },
          this._plot,
          h(
            'figcaption',
            {},
            'Static (hollow) and contextual (filled) vectors of both sentences ' +
              'on their first two principal axes (point at a dot for its word); arrows: “bank” moved by context',
          ),
        ),
      ),
    );
  }

  render(model) {
    const engine = getEngine(),
      D = FEATURES.length,
      cur = model.state;
    // The playground's head when it fits the lexicon's dimensions and keeps outputs there; else the designed one.
    const fits = cur.embeddings[0].length === D && (!cur.wo || cur.wo[0].length === D);
    const runs = SENTENCES.map(([id]) => {
      const preset = sentenceState(id);
      const s = fits
        ? { ...preset, heads: cur.heads, wo: cur.wo, scale: cur.scale, temperature: cur.temperature }
        : preset;
      const t = engine.run(s),
        i = s.tokens.indexOf(WORD);
      return { id, s, t, i, out: rowOf(t.output, i), tokens: s.tokens };
    });
    setText(
      this._source,
      fits
        ? 'Using the playground’s current weights (edit W_Q, W_K, W_V above and watch this change).'
        : `Using the designed head: the playground’s d_model or W_O does not fit the ${D} named dimensions.`,
    );
    const staticVec = runs[0].s.embeddings[runs[0].i];
    // A sentence is one unbroken line after its "in": a label of two lines, never one word a line.
    const named = [
      [[`“${WORD}” static`], staticVec],
      ...runs.map((r) => [[`“${WORD}” in `, h('span', { class: 'sentence' }, `“${r.tokens.join(' ')}”`)], r.out]),
    ];
    this._vectors.replaceChildren(
      h('tr', {}, h('th', { scope: 'col' }, 'vector'), ...FEATURES.map((f) => h('th', { scope: 'col' }, f))),
      ...named.map(([label, v]) =>
        h('tr', {}, h('th', { scope: 'row' }, ...label), ...v.map((x) => h('td', {}, formatNumber(x)))),
      ),
    );
    const short = ['static', 'deposit', 'river'];
    this._cosines.replaceChildren(
      h('tr', {}, h('th', {}, 'cos'), ...short.map((s) => h('th', {}, s))),
      ...named.map(([, a], r) =>
        h(
          'tr',
          { 'data-row': short[r] },
          h('th', {}, short[r]),
          ...named.map(([, b]) => h('td', {}, formatNumber(cosine(a, b), 3))),
        ),
      ),
    );
    this._drawPlot(runs);
  }

  _drawPlot(runs) {
    const points = [];
    runs.forEach((r, k) =>
      r.tokens.forEach((tok, i) => {
        points.push({ v: r.s.embeddings[i], tok, filled: false, color: SENTENCES[k][1], key: `s${k}${i}` });
        points.push({
          v: rowOf(r.t.output, i),
          tok,
          filled: true,
          color: SENTENCES[k][1],
          key: `c${k}${i}`,
          where: k ? 'river' : 'deposit',
        });
      }),
    );
    const pca = principalAxes(points.map((p) => p.v));
    for (const p of points) p.xy = pca.project(p.v);
    const W = 380,
      H = 260,
      M = 28;
    const xs = points.map((p) => p.xy[0]),
      ys = points.map((p) => p.xy[1]);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    // Labels find their own room (placeLabels), so the dots may use the width on both sides alike.
    const X = (x) => M + ((x - x0) / (x1 - x0 || 1)) * (W - 2 * M),
      Y = (y) => H - M - ((y - y0) / (y1 - y0 || 1)) * (H - 2 * M);
    for (const p of points) [p.x, p.y, p.r] = [X(p.xy[0]), Y(p.xy[1]), p.tok === WORD ? 5 : 3.5];
    const svg = this._plot;
    svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', 'Principal-axes plot of static and contextual vectors');
    const axes = [
      { text: 'axis 1 →', x: W - 4, y: H - 6, anchor: 'end' },
      { text: '↑ axis 2', x: 4, y: 12, anchor: 'start' },
    ];
    svg.replaceChildren(
      svgEl('defs', {}),
      ...axes.map((a) => svgEl('text', { x: a.x, y: a.y, 'text-anchor': a.anchor }, a.text)),
    );
    const arrows = runs.map((r, k) => {
      const from = points.find((p) => p.key === `s${k}${r.i}`),
        to = points.find((p) => p.key === `c${k}${r.i}`);
      svg.append(
        svgEl('line', {
          x1: from.x,
          y1: from.y,
          x2: to.x,
          y2: to.y,
          style: `stroke:${SENTENCES[k][1]}`, // a theme's colour: a custom property, which attributes cannot take
          'stroke-width': 2,
          'stroke-dasharray': '4 2',
        }),
      );
      return [from, to];
    });
    for (const p of points) {
      const c = svgEl('circle', {
        cx: p.x,
        cy: p.y,
        r: p.r,
        style: `fill:${p.filled ? p.color : 'var(--ap-card)'};stroke:${p.color}`,
        'stroke-width': 1.5,
      });
      c.append(svgEl('title', {}, `${p.tok}, ${p.filled ? 'contextual' : 'static'}`));
      svg.append(c);
    }
    // Drawn after every dot, so that no dot hides a label; a halo of the card's colour keeps it legible over
    // the arrows.
    const labelled = points.filter((p) => p.tok === WORD && (p.filled || p.key === 's0' + runs[0].i));
    const texts = labelled.map((p) => (p.filled ? `${WORD} · ${p.where}` : `${WORD} (static)`));
    placeLabels(labelled, texts, {
      W,
      H,
      dots: points,
      arrows,
      taken: axes.map((a) => textBox(a, 1)),
    }).forEach((at, k) =>
      svg.append(
        svgEl(
          'text',
          {
            x: at.x,
            y: at.y,
            'text-anchor': at.anchor,
            style: 'font-weight:700;paint-order:stroke;stroke:var(--ap-card);stroke-width:3px;stroke-linejoin:round',
          },
          texts[k],
        ),
      ),
    );
  }
}

/**
 * The plot's labels are 10-unit system-ui text, placed before they are laid out (a hidden lab measures
 * nothing): their width is estimated from the characters, generously, as a wide font sets them in bold.
 */
const textWidth = (text, bold = false) => text.length * (bold ? 6.8 : 6.2);
const ASCENT = 9.5,
  DESCENT = 3;
/** The box of a label {text, x, y (its baseline), anchor (its text-anchor)}, grown by pad on each side. */
const textBox = ({ text, x, y, anchor = 'start' }, pad = 0, bold = false) => {
  const w = textWidth(text, bold),
    l = x - { start: 0, middle: w / 2, end: w }[anchor];
  return { l: l - pad, r: l + w + pad, t: y - ASCENT - pad, b: y + DESCENT + pad };
};
const boxesMeet = (a, b) => a.l < b.r && b.l < a.r && a.t < b.b && b.t < a.b;
const boxMeetsDot = (box, d) =>
  Math.hypot(Math.max(box.l, Math.min(d.x, box.r)) - d.x, Math.max(box.t, Math.min(d.y, box.b)) - d.y) < d.r + 1;
const boxMeetsLine = (box, [a, b]) => {
  for (let s = 0; s <= 24; s++) {
    const x = a.x + ((b.x - a.x) * s) / 24,
      y = a.y + ((b.y - a.y) * s) / 24;
    if (x > box.l && x < box.r && y > box.t && y < box.b) return true;
  }
  return false;
};

/**
 * Where each dot's label goes (x, baseline and text-anchor): of the places around the dot, kept inside the
 * plot, the cheapest: covering a label already placed costs most, then covering a dot, then the distance
 * from the dot, and least an arrow crossed (the label's halo keeps it legible).  Greedy, in order.
 */
function placeLabels(anchors, texts, { W, H, dots, arrows, taken }) {
  const placed = [...taken];
  return anchors.map((p, k) => {
    const w = textWidth(texts[k], true);
    // [x, baseline, anchor]: the label's end nearest the dot is set, so that an estimate too wide for the
    // font leaves its gap on the far side.  Rings farther out, at a cost, for a dot in a crowd.
    const spots = [0, 8, 16].flatMap((far) => {
      const g = p.r + 3 + far;
      return [
        [p.x + g, p.y + 3.5, 'start', far], // right
        [p.x - g, p.y + 3.5, 'end', far], // left
        [p.x + g - 2, p.y - g, 'start', far], // up right
        [p.x - g + 2, p.y - g, 'end', far], // up left
        [p.x + g - 2, p.y + g + ASCENT - 1, 'start', far], // down right
        [p.x - g + 2, p.y + g + ASCENT - 1, 'end', far], // down left
        [p.x, p.y - g - 1, 'middle', far], // above
        [p.x, p.y + g + ASCENT, 'middle', far], // below
      ];
    });
    let best = null;
    for (const [x0, y0, anchor, far] of spots) {
      const left = { start: 0, middle: w / 2, end: w }[anchor];
      const x = Math.min(Math.max(x0, 2 + left), W - 2 - w + left),
        y = Math.min(Math.max(y0, 2 + ASCENT), H - 2 - DESCENT);
      const box = textBox({ text: texts[k], x, y, anchor }, 1, true);
      const cost =
        10 * dots.filter((d) => boxMeetsDot(box, d)).length +
        20 * placed.filter((b) => boxesMeet(box, b)).length +
        arrows.filter((a) => boxMeetsLine(box, a)).length / 2 +
        far / 8 +
        Math.hypot(x - x0, y - y0) / 20;
      if (!best || cost < best.cost) best = { cost, x, y, anchor, box };
    }
    placed.push(best.box);
    return { x: best.x, y: best.y, anchor: best.anchor };
  });
}

define('context-lab', ContextLab);
