// A tutorial site's script, as its author writes it: the defining entry, and the class entry for a subclass
// under a tag of the site's own.  The package test bundles it with esbuild.
import { AttentionPlayground } from 'attention-playground';
import { AttentionPlayground as Base } from 'attention-playground/element';

class MyPlayground extends Base {}

const defined = await MyPlayground.define('my-playground');
window.facts = {
  sameClass: AttentionPlayground === Base,
  subclassTag: customElements.get('my-playground') === MyPlayground,
  isSubclass: document.querySelector('my-playground') instanceof AttentionPlayground,
  defined: defined === MyPlayground,
};
