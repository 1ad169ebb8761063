// Every panel and lab of <attention-playground>, named once: the element builds them in this order, the map,
// the `panels` attribute, the export picker and the layout read them from here.  Importing it defines them.
import '../panels/walk-panel.js';
import '../panels/embeddings-panel.js';
import '../panels/positions-panel.js';
import '../panels/projections-panel.js';
import '../panels/scores-panel.js';
import '../panels/scale-panel.js';
import '../panels/mask-panel.js';
import '../panels/weights-panel.js';
import '../panels/text-panel.js';
import '../panels/sum-panel.js';
import '../panels/output-panel.js';
import '../labs/train-lab.js';
import '../labs/mistakes-lab.js';
import '../labs/saturation-lab.js';
import '../labs/cost-lab.js';
import '../labs/context-lab.js';
import '../labs/order-lab.js';
import '../labs/playground-labs.js';

/**
 * The pipeline, in order.  name: its `panels` value; label: its link in the map; span: how many of the
 * pipeline grid's six columns it takes beside short sentences (all six under long ones, and with `multi`
 * under several heads or W_O); exports: its matrices in the export picker, by the names the export bar
 * gives them ('arcs': the weights drawn as arcs); a panel without exports is not in the picker.
 */
export const PANELS = [
  { name: 'walk', tag: 'walk-panel', label: 'Walk', span: 6, exports: [] },
  { name: 'embeddings', tag: 'embeddings-panel', label: 'E', span: 6, exports: ['E'] },
  { name: 'positions', tag: 'positions-panel', label: '+P', span: 6, exports: ['P', 'X'] },
  {
    name: 'projections',
    tag: 'projections-panel',
    label: 'Q · K · V',
    span: 6,
    exports: ['W_Q', 'W_K', 'W_V', 'Q', 'K', 'V'],
  },
  { name: 'scores', tag: 'scores-panel', label: '1 QKᵀ', span: 2, exports: ['scores'] },
  { name: 'scale', tag: 'scale-panel', label: '2 ÷√dₖ ÷τ', span: 2, exports: ['scaled'] },
  { name: 'mask', tag: 'mask-panel', label: 'mask', span: 2, exports: ['masked'] },
  { name: 'weights', tag: 'weights-panel', label: '3 softmax', span: 6, exports: ['weights', 'arcs'] },
  { name: 'text', tag: 'text-panel', label: 'text', span: 6, exports: ['text'] },
  { name: 'sum', tag: 'sum-panel', label: '4–5 A·V', span: 3, multi: true, exports: ['weights', 'V', 'head output'] },
  { name: 'output', tag: 'output-panel', label: 'output', span: 3, multi: true, exports: ['concat', 'W_O', 'output'] },
];

/** The labs, as tabs of one panel (`labs`) or each on its own by name; aliases are older names `panels` keeps. */
export const LABS = [
  { name: 'train', tag: 'train-lab', label: 'Train' },
  { name: 'mistakes', tag: 'mistakes-lab', label: 'Mistakes' },
  { name: 'saturation', tag: 'saturation-lab', label: 'Saturation' },
  { name: 'cost', tag: 'cost-lab', label: 'Cost', aliases: ['scaling'] },
  { name: 'context', tag: 'context-lab', label: 'Context' },
  { name: 'order', tag: 'order-lab', label: 'Word order' },
];

/** All the labs as tabs: the pipeline's last panel unless `panels` names labs of its own. */
export const LAB_TABS = { name: 'labs', tag: 'playground-labs', label: 'Labs' };

/** Parts of the element around the panels that `panels` can also show or hide. */
export const PARTS = ['controls', 'map', 'point', 'status', 'tools'];

const ALIASES = new Map(LABS.flatMap((lab) => (lab.aliases ?? []).map((a) => [a, lab.name])));

/** The name a `panels` value stands for (an alias gives its lab's name). */
export const canonicalName = (name) => ALIASES.get(name) ?? name;
