// Hostile inputs as a learner might be handed them: a deflate-bomb link, a huge JSON file, a huge `state`
// attribute, a huge set-state message.  Built here for the browser tests and for bench/hostile.mjs.
import { createDeflateRaw } from 'node:zlib';

/** `s1.` + base64url(deflate-raw(`{"tokens":[` + n spaces + `]}`)), the link of the hostile-input table. */
export async function bombLink(spaces) {
  const z = createDeflateRaw({ level: 1 }); // runs of one byte compress as well at level 1, and faster
  const out = [];
  z.on('data', (c) => out.push(c));
  const done = new Promise((resolve) => z.on('end', resolve));
  const chunk = Buffer.alloc(1 << 20, 32);
  z.write('{"tokens":[');
  for (let left = spaces; left > 0; left -= chunk.length) {
    const part = left >= chunk.length ? chunk : chunk.subarray(0, left);
    if (!z.write(part)) await new Promise((resolve) => z.once('drain', resolve));
  }
  z.end(']}');
  await done;
  return `s1.${Buffer.concat(out).toString('base64url')}`;
}

/** In the page: `{"tokens":["a"],"embeddings":[[1.0000000,… n times]]}` as a File (10 bytes a number). */
export function bigJSONFile(n, name = 'huge.json') {
  const part = '1.0000000,'.repeat(1 << 16);
  const parts = ['{"tokens":["a"],"embeddings":[['];
  for (let left = n; left > 0; left -= 1 << 16) parts.push(left >= 1 << 16 ? part : '1.0000000,'.repeat(left));
  parts.push('1]]}');
  return new File(parts, name, { type: 'application/json' });
}
