// When the <matrix-view>s draw: batched after the script that changed them, later when out of view, parked
// while their panel is skipped, and again on a zoom, a forced-colours switch or a theme switch.  Not how they
// draw (matrix-view-paint.js).  A view is told to draw through its public paintNow(); it reads back only its
// public painted and paintedTheme.
import { afterFrame } from './dom.js';
import { shownTheme } from './theme.js';

const views = new Set();
// Per view, whether the IntersectionObserver last saw it in the viewport (absent until its first report).
const onScreen = new WeakMap();
let dprQuery = null;

// A zoom changes devicePixelRatio: repaint every view at the new resolution.
function watchResolution() {
  dprQuery?.removeEventListener('change', watchResolution);
  dprQuery = matchMedia(`(resolution: ${devicePixelRatio}dppx)`);
  dprQuery.addEventListener('change', watchResolution, { once: true });
  for (const v of views) v.paintNow(true);
}

// Forced colours (high-contrast themes) restyle the page's text and boxes but not a canvas: then the views
// draw in the theme's system colours, as the page's own cells would be shown (the colour scale gives way).
export const forced = matchMedia('(forced-colors: active)');
forced.addEventListener('change', () => {
  for (const v of views) v.paintNow(true);
});

/** Repaints, at once, every view whose playground switched theme since it last drew. */
export function repaintThemed() {
  for (const v of views) if (v.paintedTheme && shownTheme(v) !== v.paintedTheme) v.paintNow(true);
}

// Views in view draw once the script that changed them has finished (a microtask): drawing text makes the
// browser bring the page's style up to date first, and between two panels' updates it is always stale, so
// drawing each view as it changed cost a style pass per view.
// Views out of the viewport draw in a task just after the frame instead of in it: their numbers (and
// accessible names) are set at once, only the pixels wait, and the task runs in the idle time before the
// next frame.  A view scrolling into view draws as soon as the IntersectionObserver reports it.  (No
// animation-frame fallback: a frame callback requested from an input event runs in that same frame.)

// A panel that content-visibility skips (far from the viewport) has no layout, and drawing text on a canvas
// inside it makes the browser style and lay out the whole panel first: views there wait, parked, until the
// browser renders the panel again (it does so well before the panel scrolls into view).
const skipped = new WeakSet(); // elements whose content-visibility: auto content is skipped now
const parked = new Set();
// The event does not leave a shadow root: listened to on each tree that holds views (a playground's root).
const heard = new WeakSet();
function hearVisibility(root) {
  if (heard.has(root)) return;
  heard.add(root);
  root.addEventListener('contentvisibilityautostatechange', onVisibility, true);
}
function onVisibility(e) {
  if (e.skipped) skipped.add(e.target);
  else {
    skipped.delete(e.target);
    for (const v of parked) {
      if (!e.target.contains(v) || inSkipped(v)) continue;
      parked.delete(v);
      queuePaint(v);
    }
  }
}
function inSkipped(el) {
  for (let p = el.parentElement; p; p = p.parentElement) if (skipped.has(p)) return true;
  return false;
}

// A view that has never drawn and is parked is drawn ahead in idle time, a few at a time: a jump to it (a
// link, Find, the scroll bar) then finds its numbers drawn, and a page of many playgrounds styles and lays
// out their far panels after it is interactive, not before.
const ahead = new Set();
let aheadTask = 0;
// Where there is no requestIdleCallback (WebKit): a task 50 ms on, with 10 ms to spend.
const whenIdle =
  globalThis.requestIdleCallback ??
  ((fn) =>
    setTimeout(() => {
      const end = performance.now() + 10;
      fn({ timeRemaining: () => Math.max(0, end - performance.now()) });
    }, 50));
function park(view) {
  parked.add(view);
  if (view.painted) return; // it has drawn once: it waits, parked, to be seen
  ahead.add(view);
  aheadTask ||= whenIdle(drawAhead);
}
function drawAhead(deadline) {
  aheadTask = 0;
  for (const v of ahead) {
    if (deadline.timeRemaining() < 4) break;
    ahead.delete(v);
    if (parked.delete(v)) v.paintNow();
  }
  if (ahead.size) aheadTask = whenIdle(drawAhead);
}

/** Views waiting to draw, all drawn together when `schedule` calls back (one call per batch). */
function drawQueue(schedule) {
  const queued = new Set();
  const flush = () => {
    const list = [...queued];
    queued.clear(); // first: a view that fails to draw must not keep the queue from being scheduled again
    for (const v of list) {
      if (!onScreen.get(v) && inSkipped(v)) park(v);
      else v.paintNow();
    }
  };
  return {
    add(view) {
      if (queued.size === 0) schedule(flush);
      queued.add(view);
    },
    delete: (view) => queued.delete(view),
  };
}
const soon = drawQueue(queueMicrotask);
const later = drawQueue(afterFrame);
const first = new Set(); // views waiting for the observer's first report

let seen = null;
function observe(view) {
  seen ??= new IntersectionObserver((entries) => {
    for (const e of entries) {
      onScreen.set(e.target, e.isIntersecting);
      if (first.delete(e.target)) (e.isIntersecting ? soon : later).add(e.target);
      else if (e.isIntersecting && (later.delete(e.target) || parked.delete(e.target))) queuePaint(e.target);
    }
  });
  seen.observe(view);
}

/** A view entering the page: it is repainted on a zoom or a theme switch, and its visibility is watched. */
export function attachView(view) {
  views.add(view);
  hearVisibility(view.getRootNode());
  if (!dprQuery) watchResolution();
  observe(view);
}

/** A view leaving the page: whatever it had yet to draw is dropped. */
export function detachView(view) {
  views.delete(view);
  onScreen.delete(view); // a new report comes when it is attached again
  seen?.unobserve(view);
  later.delete(view);
  soon.delete(view);
  first.delete(view);
  parked.delete(view);
  ahead.delete(view);
}

/** Draws the view's dirty cells after this script if it is on screen, else in the task after the frame. */
export function queuePaint(view) {
  const on = onScreen.get(view);
  if (on === undefined) first.add(view);
  else (on ? soon : later).add(view);
}
