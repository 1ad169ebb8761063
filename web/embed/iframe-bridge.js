// Iframe mode for index.html: with ?embed=1 the page shows only the playground (in the theme `&theme=`
// names), and the parent window can drive it by postMessage: {type:'set-state', state, id?} → {type:'state-set'|'error', id, message?};
// {type:'set-theme', theme: 'auto'|'light'|'dark', id?} → {type:'theme-set'|'error', id, message?};
// {type:'get-trace', id?} → {type:'trace', id, trace, state}; any other type with an id → {type:'error', id, message}.
// Posted to the parent: 'ready', 'state-change', 'computed'.
// Any origin by default; `&origins=https://a.example,https://b.example` answers and posts to those alone.
import { checkStateSize, stateCap } from '../state/state-codec.js';
import { loadEngine } from '../app/engine-loader.js';

const params = new URLSearchParams(location.search);
export const EMBED = params.get('embed') === '1';
const THEMES = ['auto', 'light', 'dark'];
const ORIGINS = allowedOrigins(params.get('origins'));
const framed = window.parent !== window;

if (EMBED) {
  document.documentElement.classList.add('ap-embed');
  const style = document.createElement('style');
  style.textContent =
    'html.ap-embed, html.ap-embed body { background: var(--page-bg); }' +
    ' html.ap-embed .intro, html.ap-embed footer, html.ap-embed .theme-switch { display: none; }' +
    ' html.ap-embed .page { max-width: none; padding: 8px; }';
  document.head.append(style);
}

/** The iframe page's theme ("auto", "light", "dark"), which its playground follows; a bad value is named. */
function pageTheme(value) {
  if (value === null) return;
  if (!THEMES.includes(value)) throw new Error(`theme: "${value}" is not a theme; expected "auto", "light" or "dark"`);
  if (value === 'auto') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = value;
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

// `&theme=`: the page's theme; a value that is not one is shown by the playground (its theme attribute names it).
if (EMBED && params.has('theme')) {
  const value = params.get('theme');
  if (THEMES.includes(value)) pageTheme(value);
  else element.then((el) => el.setAttribute('theme', value));
}

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
        el.state = checkStateSize(e.data.state, stateCap((await loadEngine()).limits), 'set-state');
        post({ type: 'state-set', id }, reply);
      } catch (err) {
        post({ type: 'error', id, message: err.message }, reply);
      }
    } else if (type === 'set-theme') {
      try {
        pageTheme(String(e.data.theme));
        post({ type: 'theme-set', id }, reply);
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
          message: `unknown message type ${JSON.stringify(type)}: expected "set-state", "set-theme" or "get-trace"`,
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
