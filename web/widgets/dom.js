// A tiny element builder and a guarded define, shared by every component.

/** h('div', { class: 'x', 'aria-label': 'y', onclick: f }, child, 'text') */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    else if (k === 'html')
      el.innerHTML = v; // only ever given constant markup (formulas)
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

/** customElements.define, once: modules may be loaded twice (a page and an embed). */
export function define(tag, cls) {
  if (!customElements.get(tag)) customElements.define(tag, cls);
}

let serial = 0;
/** A page-unique id prefix, so several playgrounds on one page never share ids. */
export function uid(prefix) {
  serial += 1;
  return `${prefix}-${serial}`;
}

/** Dispatches a bubbling CustomEvent from el. */
export function emit(el, type, detail) {
  el.dispatchEvent(new CustomEvent(type, { bubbles: true, detail }));
}

/**
 * Sets an element's text only when it differs: an identical write still dirties layout.  A lone text child
 * is edited in place (one characterData change) rather than replaced by a new node.
 */
export function setText(el, text) {
  const t = el.firstChild;
  if (t && t === el.lastChild && t.nodeType === Node.TEXT_NODE) {
    if (t.data !== text) t.data = text;
  } else if (el.textContent !== text) {
    el.textContent = text;
  }
}

/** Runs fn in a task of its own, which the browser runs after the frame being made (no earlier). */
export function afterFrame(fn) {
  if (globalThis.scheduler?.postTask) scheduler.postTask(fn);
  else setTimeout(fn, 0);
}

/** el.hidden = on, skipped when it already is: re-setting the attribute still restyles the element. */
export function setHidden(el, on) {
  if (el.hidden !== on) el.hidden = on;
}

/** An attribute write only when the value changes, for the same reason. */
export function setAttr(el, name, value) {
  if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}

const written = new WeakMap();
/**
 * Sets a control's property only when it changes.  Writing (even reading) a text field's value forces style
 * and layout, so values are compared with what was last written here; call forgetValue when the reader types.
 */
export function setProp(el, prop, v) {
  if (prop !== 'value') {
    if (el[prop] !== v) el[prop] = v;
    return;
  }
  if (written.get(el) === v) return;
  written.set(el, v);
  el.value = v;
}

export function forgetValue(el) {
  written.delete(el);
}

/**
 * A layout boundary around content whose size an edit rarely changes (new numbers, same lines).  Blink lays
 * out a size-contained box on its own; without one, any changed text relays the page out from its root, and
 * on a default edit that pass was most of the frame.  The box holds the content's last measured height; a
 * ResizeObserver refits it, in the same frame, when the content's height does change.  The box must not be
 * a flex or grid item (Blink lays those out with their container) and must get its width from outside.
 */
export function fittedBox(...content) {
  const inner = h('div', { class: 'fit-in' }, ...content);
  const box = h('div', { class: 'fit' }, inner);
  new ResizeObserver((entries) => {
    const height = `${entries[entries.length - 1].borderBoxSize[0].blockSize}px`;
    if (box.style.height !== height) box.style.height = height;
  }).observe(inner);
  return box;
}

/**
 * A box that scrolls sideways when its content is wider than the page.  While it does and nothing in it can
 * take the focus, it is a Tab stop of its own, named (a group), so that the keyboard can scroll it too.
 */
export function scrollBox(name, content) {
  const box = h('div', { class: 'grid-scroll' }, content);
  const fit = new ResizeObserver(() => {
    const stop =
      box.scrollWidth > box.clientWidth + 1 && !content.querySelector('[tabindex="0"], input, button, select, a[href]');
    if (stop === box.hasAttribute('tabindex')) return;
    if (stop) {
      box.tabIndex = 0;
      box.setAttribute('role', 'group');
      box.setAttribute('aria-label', `${name()} (scrolls sideways)`);
    } else {
      box.removeAttribute('tabindex');
      box.removeAttribute('role');
      box.removeAttribute('aria-label');
    }
  });
  fit.observe(box); // the page's width changed
  fit.observe(content); // the content's (a new shape)
  return box;
}
