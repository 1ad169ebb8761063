// What the embedding layer tracks of each playground, and the one message that names every problem with
// what its author set (an attribute, the link, a file).

const embeds = new WeakMap(); // host handle → what the embedding layer tracks of it
/** The record this layer keeps of a host: what is pending, the problems, the message. */
export function embedOf(host) {
  if (!embeds.has(host))
    embeds.set(host, { stateDirty: false, scheduled: false, problems: new Map(), srcToken: 0, changed: new Set() });
  return embeds.get(host);
}

/** Shows (or clears, with null) the problem of one source: an attribute, the link, a file. */
export function report(host, source, problem) {
  const e = embedOf(host);
  if (problem) e.problems.set(source, problem);
  else e.problems.delete(source);
  if (!e.msg) return;
  e.msg.textContent = [...e.problems.values()].join('\n');
  e.msg.hidden = e.problems.size === 0;
}
