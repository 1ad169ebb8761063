// Iframe mode for index.html: with ?embed=1 the page shows only the playground, and the parent window can
// drive it by postMessage: {type:'set-state', state, id?} → {type:'state-set'|'error', id, message?};
// {type:'get-trace', id?} → {type:'trace', id, trace, state}; any other type with an id → {type:'error', id, message}.
// Posted to the parent: 'ready', 'state-change', 'computed'.
// Any origin by default; `&origins=https://a.example,https://b.example` answers and posts to those alone.
import { capOf } from './share-tools.js';
import { checkStateSize } from '../state/state-codec.js';

const params = new URLSearchParams(location.search);
const EMBED = params.get('embed') === '1';
const ORIGINS = allowedOrigins(params.get('origins'));
const framed = window.parent !== window;

if (EMBED) {
  document.documentElement.classList.add('ap-embed');
  const style = document.createElement('style');
  style.textContent =
    'html.ap-embed, html.ap-embed body { background: #fff; } html.ap-embed .intro, html.ap-embed footer { display: none; }' +
    ' html.ap-embed .page { max-width: none; padding: 8px; }';
  document.head.append(style);
}

/** A trace as plain data (typed arrays copied), safe to structured-clone across windows. */
export function plain(x) {
  if (ArrayBuffer.isView(x)) return x.slice();
  if (Array.isArray(x)) return x.map(plain);
  if (x && typeof x === 'object') {
    const out = {};
    for (const k in x) if (typeof x[k] !== 'function') out[k] = plain(x[k]);
    return out;
  }
  return x;
}

// "https://a.example" or "null" (a sandboxed or file:// parent); anything with a path, or not a URL, is not.
function originOf(entry) {
  if (entry === 'null') return 'null';
  try {
    const origin = new URL(entry).origin;
    return origin !== 'null' && entry.replace(/\/$/, '') === origin ? origin : null;
  } catch {
    return null;
  }
}

/** The origins named by `origins` (null: any).  An entry that is not an origin is dropped, with a warning. */
export function allowedOrigins(list) {
  if (list === null) return null;
  const out = [];
  for (const entry of list.split(/[\s,]+/).filter(Boolean)) {
    const origin = originOf(entry);
    if (origin) out.push(origin);
    else console.warn(`attention-playground: origins: "${entry}" is not an origin (like https://example.org); ignored`);
  }
  return out;
}

// Replies go to the asker; announcements to every allowed origin (the parent gets the one that matches it).
const post = (msg, to = null) => {
  if (!framed) return;
  if (to !== null) window.parent.postMessage(msg, to === 'null' ? '*' : to);
  else for (const origin of ORIGINS ?? ['*']) window.parent.postMessage(msg, origin === 'null' ? '*' : origin);
};
const element = customElements
  .whenDefined('attention-playground')
  .then(() => document.querySelector('attention-playground'));

if (EMBED && framed) {
  window.addEventListener('message', async (e) => {
    if (e.source !== window.parent || !e.data || typeof e.data !== 'object') return;
    if (ORIGINS && !ORIGINS.includes(e.origin)) return;
    const reply = ORIGINS ? e.origin : '*';
    const { type, id = null } = e.data;
    const el = await element;
    if (type === 'set-state') {
      try {
        // Bounded before anything walks it: the message is an object, and may be any size.
        el.state = checkStateSize(e.data.state, capOf(el), 'set-state');
        post({ type: 'state-set', id }, reply);
      } catch (err) {
        post({ type: 'error', id, message: err.message }, reply);
      }
    } else if (type === 'get-trace') {
      post({ type: 'trace', id, trace: plain(el.trace), state: el.state }, reply);
    } else if (id !== null) {
      // A message with an id waits for an answer; without one it may be meant for another listener.
      post(
        {
          type: 'error',
          id,
          message: `unknown message type ${JSON.stringify(type)}: expected "set-state" or "get-trace"`,
        },
        reply,
      );
    }
  });
  element.then((el) => {
    el.addEventListener('state-change', (e) => post({ type: 'state-change', state: e.detail.state }));
    el.addEventListener('computed', (e) => post({ type: 'computed', ms: e.detail.ms }));
    const announce = () => (el.trace ? post({ type: 'ready', state: el.state }) : requestAnimationFrame(announce));
    announce();
  });
}
