// The parts of one playground's shell, built once: the controls, the example's point, the pipeline map, the
// panels (and the labs, as tabs or the ones `panels` names) and the status line.  DOM only: no listeners.
import { h, fittedBox } from '../widgets/dom.js';
import { PANELS, LABS, LAB_TABS, canonicalName } from './registry.js';
import { rovingFocus } from '../widgets/grid-keys.js';

/**
 * The parts, ids prefixed with `id`; `asked` is the `panels` attribute (or null), `say` the live region.
 * `nodes` are the shell's children, in order; `labelledBy` names the shell.
 */
export function buildParts(id, asked, say) {
  const controls = h('playground-controls', { part: 'controls' });
  // Live region: the example's point, spoken once when the reader picks an example (an edit leaves it be).
  const point = h('p', { class: 'point', 'aria-live': 'polite' });
  // Not a live region: the compute time is there to be read, never announced.
  const status = h('p', { class: 'status' });
  // Labs: all of them as tabs after the pipeline, or the ones `panels` names, each on its own.
  const names = (asked ?? '').split(/[\s,]+/).map(canonicalName),
    labs = LABS.filter((lab) => names.includes(lab.name));
  const parts = [...PANELS, ...(labs.length ? labs : [LAB_TABS])];
  // ::part() names for the host page: every panel, and the labs (as tabs or one by one).
  const panels = parts.map((p) =>
    h(p.tag, {
      id: `${id}-${p.name}`,
      'data-panel': p.name,
      'data-span': p.span,
      'data-multi': p.multi,
      part: PANELS.includes(p) ? 'panel' : 'panel labs',
    }),
  );
  if (!labs.length) panels.at(-1).labs = LABS;
  // One Tab stop for the links: ← → choose a step (grid-keys.js).  Still a nav, its links listed as links.
  // Named like the panels: with several playgrounds on a page, each says which it is (`which`).
  const which = h('span', { class: 'ap-which', id: `${id}-which`, hidden: true });
  const map = h(
    'nav',
    { class: 'pipeline-map', 'aria-labelledby': `${id}-map ${id}-which` },
    ...parts
      .map((p) => h('a', { href: `#${id}-${p.name}` }, p.label))
      .flatMap((a, k) => (k ? [h('span', { class: 'flow', 'aria-hidden': 'true' }, '→'), a] : [a])),
  );
  rovingFocus(map);
  const pipeline = h('div', { class: 'pipeline' }, ...panels);
  const nodes = [
    which,
    h('span', { id: `${id}-name`, hidden: true }, 'Attention playground'), // the shell's name (a region)
    h('span', { id: `${id}-map`, hidden: true }, 'Pipeline steps'), // the map's name (its links are replaced)
    controls,
    fittedBox(point), // its text follows edits (the effect can go): a layout boundary
    map,
    pipeline,
    fittedBox(status),
    say, // the panels' `announce` events: the weight selected, a new warning
  ];
  return { controls, point, status, which, panels, pipeline, nodes, labelledBy: `${id}-name ${id}-which` };
}

/**
 * What the embedding code (embed/) gets of a playground, handed to it rather than read from private fields:
 * the element, its shell (`root`) and store, its parts as they are once built (parts() is null before), and
 * render(mark) to show the store again, and loadState(state) for a state the reader loads.
 */
export function hostHandle(element, root, store, parts, render, loadState) {
  return {
    element,
    root,
    store,
    /** Shows a state the reader loaded (a file): one undo step, unlike the `state` property. */
    loadState,
    get panels() {
      return parts()?.panels ?? null;
    },
    get pipeline() {
      return parts()?.pipeline;
    },
    get controls() {
      return parts()?.controls;
    },
    get point() {
      return parts()?.point;
    },
    get status() {
      return parts()?.status;
    },
    render,
  };
}
