// The state's shape: its dimensions, what this page can show, and the normal form every edit starts from.
// No DOM, no engine; the engine checks everything else.

/** What this page can show live.  The engine takes far more; grids of that size would freeze the tab. */
export const DISPLAY_LIMITS = { tokens: 24, dModel: 16, Dk: 16 };

/** An error naming the field at fault (path), as the engine's are. */
export const fail = (path, problem) => Object.assign(new Error(`${path}: ${problem}`), { path });

/** Fills optional fields with the engine's defaults and copies every array, so outside edits cannot reach in. */
export function normalize(state) {
  if (state === null || typeof state !== 'object' || Array.isArray(state)) return state; // the engine names it
  const copy = (m) => (Array.isArray(m) ? m.map((r) => (Array.isArray(r) ? r.slice() : r)) : m);
  const T = Array.isArray(state.embeddings) ? state.embeddings.length : 0;
  return {
    tokens: Array.isArray(state.tokens)
      ? state.tokens.slice()
      : (state.tokens ?? Array.from({ length: T }, (_, i) => `t${i + 1}`)),
    embeddings: copy(state.embeddings),
    heads: Array.isArray(state.heads)
      ? state.heads.map((h) => (h && typeof h === 'object' ? { wq: copy(h.wq), wk: copy(h.wk), wv: copy(h.wv) } : h))
      : state.heads,
    wo: state.wo === undefined ? null : copy(state.wo),
    scale: state.scale ?? true,
    mask: copy(state.mask ?? 'none'),
    temperature: state.temperature ?? 1,
    positions: copy(state.positions ?? 'none'),
  };
}

/** Throws when a state the engine accepts is too large to show; call after the engine has checked it. */
export function checkDisplayLimits(state) {
  const T = state.embeddings.length,
    D = state.embeddings[0]?.length ?? 0,
    Dk = state.heads[0]?.wq[0]?.length ?? 0;
  const L = DISPLAY_LIMITS;
  if (T > L.tokens) throw fail('state.embeddings', `${T} tokens is above this page's limit of ${L.tokens}`);
  if (D > L.dModel) throw fail('state.embeddings', `D = ${D} is above this page's limit of ${L.dModel}`);
  if (Dk > L.Dk) throw fail('state.heads[0].wq', `Dk = ${Dk} is above this page's limit of ${L.Dk}`);
}

export const dims = (state) => ({
  T: state.embeddings.length,
  D: state.embeddings[0].length,
  Dk: state.heads[0].wq[0].length,
  H: state.heads.length,
});
