// Put first in every page the browser suites open (Playwright's init script; the cross-engine suite's
// <head>): queries for the tests that see into open shadow roots, as Playwright's CSS locators do.  A
// selector matches across a shadow boundary as if the shadow root's children were its host's children:
// deepQuery('attention-playground matrix-view .c'), deepQuery(host, 'input'), deepQueryAll(...),
// deepById(id), deepActive() (the focused element inside any shadow root), deepContains(a, b).
(() => {
  const hosts = [];
  const attach = Element.prototype.attachShadow;
  // Recorded as they are made, so that a query need not walk the whole page to find them.
  Element.prototype.attachShadow = function attachShadow(init) {
    const root = attach.call(this, init);
    if (init?.mode === 'open') hosts.push(this);
    return root;
  };

  // The compounds of each selector in a list, each with the combinator before it: [[{ c, comb }…]…].
  function parse(selector) {
    const lists = [];
    let parts = [],
      cur = '',
      pending = null,
      depth = 0,
      quote = null;
    const push = () => {
      if (cur.trim()) parts.push({ c: cur.trim(), comb: parts.length ? (pending ?? ' ') : null });
      cur = '';
      pending = null;
    };
    for (let i = 0; i < selector.length; i++) {
      const ch = selector[i];
      if (quote) {
        cur += ch;
        if (ch === '\\') cur += selector[++i];
        else if (ch === quote) quote = null;
        continue;
      }
      if (ch === '"' || ch === "'") quote = ch;
      else if (ch === '[' || ch === '(') depth++;
      else if (ch === ']' || ch === ')') depth--;
      else if (depth === 0 && ch === ',') {
        push();
        lists.push(parts);
        parts = [];
        continue;
      } else if (depth === 0 && /\s/.test(ch)) {
        if (cur.trim()) {
          const p = pending;
          push();
          pending = p;
        }
        continue;
      } else if (depth === 0 && (ch === '>' || ch === '+' || ch === '~')) {
        if (cur.trim()) push();
        pending = ch;
        continue;
      }
      cur += ch;
    }
    push();
    lists.push(parts);
    return lists;
  }

  const parentOf = (e) => e.parentElement ?? (e.parentNode instanceof ShadowRoot ? e.parentNode.host : null);

  function matchesAt(e, parts, i) {
    if (!e.matches(parts[i].c)) return false;
    if (i === 0) return true;
    const comb = parts[i].comb;
    if (comb === '>') {
      const p = parentOf(e);
      return !!p && matchesAt(p, parts, i - 1);
    }
    if (comb === '+') {
      const s = e.previousElementSibling;
      return !!s && matchesAt(s, parts, i - 1);
    }
    const next = comb === '~' ? (n) => n.previousElementSibling : parentOf;
    for (let p = next(e); p; p = next(p)) if (matchesAt(p, parts, i - 1)) return true;
    return false;
  }

  const within = (root, node) => {
    for (let n = node; n; n = parentOf(n)) if (n === root) return true;
    return root === document && node.isConnected;
  };

  // The trees to look in, in the page's order: root's own (the document, or an element's light DOM), then the
  // shadow roots of the hosts inside it (the host itself included).
  function scopes(root) {
    const inside = hosts
      .filter((h) => h.isConnected && h.shadowRoot && (h === root || within(root, h)))
      .sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
    return [root, ...inside.map((h) => h.shadowRoot)];
  }

  function deepAll(selector, root = document) {
    const lists = parse(selector);
    const found = new Set();
    for (const scope of scopes(root)) {
      for (const parts of lists) {
        for (const e of scope.querySelectorAll(parts.at(-1).c)) {
          if (!found.has(e) && matchesAt(e, parts, parts.length - 1)) found.add(e);
        }
      }
    }
    return [...found];
  }

  // deepQuery(selector) or deepQuery(root, selector).
  const args = (a, b) => (typeof a === 'string' ? [a, document] : [b, a]);
  window.deepQueryAll = (a, b) => deepAll(...args(a, b));
  window.deepQuery = (a, b) => deepAll(...args(a, b))[0] ?? null;
  window.deepById = (id) => {
    const direct = document.getElementById(id);
    if (direct) return direct;
    for (const h of hosts) {
      const e = h.isConnected && h.shadowRoot?.getElementById(id);
      if (e) return e;
    }
    return null;
  };
  window.deepActive = () => {
    let a = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    return a;
  };
  window.deepContains = (a, b) => {
    for (let n = b; n; n = parentOf(n)) if (n === a) return true;
    return false;
  };
})();
