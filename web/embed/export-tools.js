// Exports of what a playground shows: the shown head's matrices and a panel's figures, from the state and the
// engine's trace, and the file that saves them.  The formats sit beside it: text-exports.js (CSV, LaTeX,
// Markdown) and image-exports.js (SVG, PNG), re-exported here.
export { toCSV, toLatex, toMarkdown } from './text-exports.js';
export { toSVG, toPNG } from './image-exports.js';

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
    m('P', rowsOf(trace.positions), tok, 'd'),
    m('X', rowsOf(trace.x), tok, 'd'),
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

/**
 * A panel's figures for toSVG / toPNG: the matrices `names` lists (a panel's exports in the registry), in
 * order; 'arcs' is the weights drawn as lines between tokens, 'text' the sentence shaded by the weights of
 * the query (a token's index).
 */
export function panelFigures(all, names, { query = 0 } = {}) {
  const byName = new Map(all.map((m) => [m.name.replace(/ head \d+$/, ''), m]));
  const drawn = { arcs: 'attention arcs', text: 'text' };
  return names.flatMap((name) => {
    if (!drawn[name]) return byName.has(name) ? [byName.get(name)] : [];
    const w = byName.get('weights'),
      blocked = byName.get('masked').rows[query]?.map((x) => x === -Infinity) ?? [];
    return [{ ...w, name: w.name.replace('weights', drawn[name]), kind: name, query, blocked }];
  });
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
