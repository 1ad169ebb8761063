// The panels attribute: which panels and parts show, in its order; an unknown name is named in the message.
import { h, setHidden } from '../widgets/dom.js';
import { PARTS, canonicalName } from '../app/registry.js';
import { embedOf, report } from './embed-messages.js';

/** Shows the panels and parts `panels` names, in its order (all when absent), and the pipeline map's links. */
export function applyPanels(host) {
  const el = host.element;
  const e = embedOf(host);
  const attr = el.getAttribute('panels');
  const asked =
    attr === null
      ? null
      : attr
          .split(/[\s,]+/)
          .filter(Boolean)
          .map(canonicalName);
  const show = (extra) => !asked || asked.includes(extra) || (extra === 'point' && asked.includes('controls'));
  setHidden(host.controls, !show('controls'));
  if (!show('point')) setHidden(host.point, true);
  setHidden(host.status, !show('status'));
  // Looked up once: `:scope >` queries walk the whole element, and this runs after every edit.
  const root = host.root;
  if (e.tools?.parentNode !== root) e.tools = root.querySelector(':scope > .ap-tools');
  if (e.map?.parentNode !== root) e.map = root.querySelector(':scope > nav.pipeline-map');
  const map = e.map;
  if (e.tools) setHidden(e.tools, !show('tools'));
  if (attr === e.panelsShown) return;
  e.panelsShown = attr;
  const all = host.panels.map((p) => p.dataset.panel);
  let names = all;
  if (asked) {
    const bad = asked.filter((n) => !all.includes(n) && !PARTS.includes(n));
    report(
      host,
      'panels',
      bad.length
        ? `panels="${attr}": no panel named ${bad.join(', ')} (panels: ${[...all, ...PARTS].join(' ')})`
        : null,
    );
    names = asked.filter((n) => all.includes(n));
    if (names.length === 0 && bad.length) names = all;
  } else report(host, 'panels', null);
  for (const p of host.panels) setHidden(p, !names.includes(p.dataset.panel));
  host.pipeline.append(...names.map((n) => host.panels.find((p) => p.dataset.panel === n)));
  if (map) {
    if (!e.mapLinks) e.mapLinks = [...map.querySelectorAll('a')];
    setHidden(map, !show('map') || names.length < 2);
    const links = names.map((n) => e.mapLinks.find((a) => a.getAttribute('href').endsWith(`-${n}`))).filter(Boolean);
    map.replaceChildren(
      ...links.flatMap((a, k) => (k ? [h('span', { class: 'flow', 'aria-hidden': 'true' }, '→'), a] : [a])),
    );
  }
}
