// The state <-> URL-hash codec: JSON, deflated, base64url.  A link carries the whole state exactly.
// Decoding failures throw an Error naming the problem; the caller keeps its current state.

const PREFIX = 's1.'; // format version: lets a future encoding coexist with old links

function toBase64Url(bytes) {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('link: the state part has characters a link never contains');
  const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

async function pipe(bytes, stream) {
  const out = new Response(new Blob([bytes]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

/** Encodes a state as a compact, URL-safe string (no '#'). */
export async function encodeState(state) {
  const json = new TextEncoder().encode(JSON.stringify(state));
  return PREFIX + toBase64Url(await pipe(json, new CompressionStream('deflate-raw')));
}

/** Decodes encodeState's output.  Throws `link: …` errors; the result still needs engine validation. */
export async function decodeState(text) {
  if (!text.startsWith(PREFIX)) throw new Error(`link: not a playground state (expected it to start with "${PREFIX}")`);
  let json;
  try {
    json = new TextDecoder('utf-8', { fatal: true }).decode(
      await pipe(fromBase64Url(text.slice(PREFIX.length)), new DecompressionStream('deflate-raw')),
    );
  } catch (e) {
    if (e.message.startsWith('link:')) throw e;
    throw new Error('link: the state is damaged (it could not be decompressed; was the link cut short?)');
  }
  try {
    return JSON.parse(json);
  } catch {
    throw new Error('link: the state is damaged (its JSON does not parse)');
  }
}

/** Reads the state from a location hash like "#state=s1.…"; null when the hash carries none. */
export function stateParam(hash) {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  return params.get('state');
}
