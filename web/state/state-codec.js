// The state <-> text codecs: the URL hash (JSON, deflated, base64url; a link carries the whole state exactly)
// and the size caps every way in (link, file, attribute, message) holds a state to, checked as text streams in.
// Failures throw an Error naming the input and the problem; the caller keeps its current state.
import { DISPLAY_LIMITS, normalize } from './state-ops.js';

const PREFIX = 's1.'; // format version: lets a future encoding coexist with old links
// The longest text JSON gives a number the engine accepts: a sign, "0.00000" and 17 significant digits.
const WIDEST_NUMBER = -0.0000012345678901234567;
const TOKEN_CHARS = 64; // room per token name
const FORMAT_ROOM = 2; // indentation and spacing a person's editor may add

const caps = new WeakMap();

/** The largest state the page shows: the engine's limits, capped by what the display takes. */
export function largestState(limits) {
  const T = Math.min(DISPLAY_LIMITS.tokens, limits.maxTokens),
    D = Math.min(DISPLAY_LIMITS.dModel, limits.maxDModel),
    Dk = Math.min(DISPLAY_LIMITS.Dk, limits.maxDK),
    H = Math.min(limits.maxHeads, Math.floor(limits.maxScoreCells / (T * T)));
  const m = (rows, cols) => Array.from({ length: rows }, () => new Array(cols).fill(WIDEST_NUMBER));
  return normalize({
    tokens: Array.from({ length: T }, () => 'w'.repeat(TOKEN_CHARS)),
    embeddings: m(T, D),
    heads: Array.from({ length: H }, () => ({ wq: m(D, Dk), wk: m(D, Dk), wv: m(D, Dk) })),
    wo: m(H * Dk, limits.maxDOut),
    scale: false,
    mask: m(T, T),
    temperature: WIDEST_NUMBER,
  });
}

/** The most characters a state's text may have: the largest state as "Save JSON" writes it, with room. */
export function stateCap(limits) {
  if (!caps.has(limits)) caps.set(limits, FORMAT_ROOM * JSON.stringify(largestState(limits), null, 1).length);
  return caps.get(limits);
}

const megabytes = (n) => `${Number((n / 1e6).toFixed(1))} MB`;
const tooLarge = (source, cap) => new Error(`${source}: the state would be larger than ${megabytes(cap)}; not loaded`);

/** Reads a byte stream to its end, cancelling it as soon as it passes cap bytes.  Throws `source: …`. */
export async function readCapped(stream, cap, source) {
  const reader = stream.getReader();
  const chunks = [];
  let n = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    n += value.byteLength;
    if (n > cap) {
      reader.cancel().catch(() => {});
      throw tooLarge(source, cap);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(n);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return bytes;
}

/** A file's or a response's text, read only up to the cap (file.stream() or response.body). */
export async function readStateText(stream, cap, source) {
  const bytes = await readCapped(stream, cap, source);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new Error(`${source}: not text (it is not valid UTF-8); not loaded`);
  }
}

/** Refuses `size` characters or bytes of state text when they pass the cap. */
export function checkTextSize(size, cap, source) {
  if (size > cap) throw tooLarge(source, cap);
}

/** Parses a state's JSON text; refuses text over the cap before parsing it. */
export function parseStateText(text, cap, source) {
  checkTextSize(text.length, cap, source);
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error(`${source}: not valid JSON (${err.message})`);
  }
}

/**
 * Refuses a value (a state delivered as an object) whose JSON text would pass the cap, counting every number
 * at its widest.  Each array's and object's length is checked before it is walked, so a huge one costs nothing.
 */
export function checkStateSize(value, cap, source) {
  let left = cap;
  const stack = [];
  // What a value adds to the text; containers add their brackets and separators and are walked later.
  const take = (x) => {
    if (typeof x === 'string') left -= x.length + 3;
    else if (typeof x === 'number') left -= 26;
    else if (x === null || typeof x !== 'object') left -= 6;
    else {
      const n = Array.isArray(x) ? x.length : Object.keys(x).length;
      left -= 2 + n;
      if (left >= 0) stack.push(x);
    }
    return left >= 0;
  };
  take(value);
  while (stack.length && left >= 0) {
    const x = stack.pop();
    if (Array.isArray(x)) {
      for (let i = 0; i < x.length && take(x[i]); i++);
    } else {
      for (const k in x) if (Object.hasOwn(x, k) && !((left -= k.length + 3) >= 0 && take(x[k]))) break;
    }
  }
  if (left < 0) throw tooLarge(source, cap);
  return value;
}

function toBase64Url(bytes) {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('link: the state part has characters a link never contains');
  if (text.length % 4 === 1) throw new Error('link: the state is damaged (was the link cut short?)');
  const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

async function pipe(bytes, stream) {
  const out = new Response(new Blob([bytes]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

// Deflate grows a slice by at most ~1032 times, and a decompressor inflates each chunk written to it whole: so
// the input goes in small slices, each once the output before it is read, and the output stops at the cap.
const SLICE = 1024;
async function inflateCapped(bytes, cap, source) {
  const inflate = new DecompressionStream('deflate-raw');
  const writer = inflate.writable.getWriter();
  const feed = (async () => {
    for (let i = 0; i < bytes.length; i += SLICE) await writer.write(bytes.subarray(i, i + SLICE));
    await writer.close();
  })();
  feed.catch(() => {}); // a damaged stream fails the reader too; a refusal cancels both
  return readCapped(inflate.readable, cap, source);
}

/** Encodes a state as a compact, URL-safe string (no '#'). */
export async function encodeState(state) {
  const json = new TextEncoder().encode(JSON.stringify(state));
  return PREFIX + toBase64Url(await pipe(json, new CompressionStream('deflate-raw')));
}

/**
 * Decodes encodeState's output, inflating no more than cap bytes of JSON (a link far larger than any state
 * it could carry is refused unread).  Throws `link: …` errors; the result still needs engine validation.
 */
export async function decodeState(text, cap) {
  if (!text.startsWith(PREFIX)) throw new Error(`link: not a playground state (expected it to start with "${PREFIX}")`);
  // Deflate never grows text by more than a few bytes per 16 KB block; base64 adds a third.
  if (text.length > PREFIX.length + Math.ceil((cap * 4) / 3) + 1024) throw tooLarge('link', cap);
  let bytes;
  try {
    bytes = await inflateCapped(fromBase64Url(text.slice(PREFIX.length)), cap, 'link');
  } catch (e) {
    if (e.message.startsWith('link:')) throw e;
    throw new Error('link: the state is damaged (it could not be decompressed; was the link cut short?)');
  }
  let json;
  try {
    json = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new Error('link: the state is damaged (it is not text)');
  }
  try {
    return JSON.parse(json);
  } catch {
    throw new Error('link: the state is damaged (its JSON does not parse)');
  }
}

/** Reads the state from a location hash like "#state=s1.…"; null when the hash carries none. */
export function stateParam(hash) {
  // Found by a regex, not URLSearchParams: a link's state is base64url, which needs no decoding, and
  // URLSearchParams takes seconds over the megabytes of a hostile link.
  const m = /(?:^#?|&)state=([^&]*)/.exec(hash);
  if (!m) return null;
  return /[%+]/.test(m[1]) ? new URLSearchParams(`state=${m[1]}`).get('state') : m[1];
}
