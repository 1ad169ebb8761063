// Iframe mode for index.html: with ?embed=1 the page shows only the playground, and the parent window can
// drive it by postMessage: {type:'set-state', state, id?} → {type:'state-set'|'error', id, message?};
// {type:'get-trace', id?} → {type:'trace', id, trace, state}; any other type with an id → {type:'error', id, message}.
// Posted to the parent: 'ready', 'state-change', 'computed'.
const EMBED = new URLSearchParams(location.search).get('embed') === '1';
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

const post = (msg) => {
  if (framed) window.parent.postMessage(msg, '*');
};
const element = customElements
  .whenDefined('attention-playground')
  .then(() => document.querySelector('attention-playground'));

if (EMBED && framed) {
  window.addEventListener('message', async (e) => {
    if (e.source !== window.parent || !e.data || typeof e.data !== 'object') return;
    const { type, id = null } = e.data;
    const el = await element;
    if (type === 'set-state') {
      try {
        el.state = e.data.state;
        post({ type: 'state-set', id });
      } catch (err) {
        post({ type: 'error', id, message: err.message });
      }
    } else if (type === 'get-trace') {
      post({ type: 'trace', id, trace: plain(el.trace), state: el.state });
    } else if (id !== null) {
      // A message with an id waits for an answer; without one it may be meant for another listener.
      post({
        type: 'error',
        id,
        message: `unknown message type ${JSON.stringify(type)}: expected "set-state" or "get-trace"`,
      });
    }
  });
  element.then((el) => {
    el.addEventListener('state-change', (e) => post({ type: 'state-change', state: e.detail.state }));
    el.addEventListener('computed', (e) => post({ type: 'computed', ms: e.detail.ms }));
    const announce = () => (el.trace ? post({ type: 'ready', state: el.state }) : requestAnimationFrame(announce));
    announce();
  });
}
