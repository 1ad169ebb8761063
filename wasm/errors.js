// The one way engine.js and trainer.js word a problem: an Error whose message starts with the path.

/** A short description of a value that was not what a field needs, as a message quotes it. */
export function describe(v) {
  if (typeof v === 'string') return JSON.stringify(v.length > 20 ? v.slice(0, 20) + '…' : v);
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  return String(v);
}

/** An Error "path: problem", with the path kept as e.path for callers that highlight the field. */
export function fail(path, problem) {
  const e = new Error(`${path}: ${problem}`);
  e.path = path;
  return e;
}

/** "1 token", "3 tokens": a count with its noun. */
export const plural = (n, noun) => `${n} ${noun}${n === 1 ? '' : 's'}`;
