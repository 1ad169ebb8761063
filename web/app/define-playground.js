// The playgrounds of a document as a set: registering the class once the engine has started, and telling
// several playgrounds on one page apart in their landmarks' names.
import { loadEngine } from './engine-loader.js';
import { setText } from '../widgets/dom.js';

/**
 * Registers cls as `tag` in `registry` once the page's engine has started (started(engine) is told first);
 * resolves to the class the tag names.  A tag already defined is left as it is; an engine that cannot start
 * says so in every such element, and the promise rejects.
 */
export function defineWhenReady(cls, tag, registry, started) {
  return loadEngine().then(
    (engine) => {
      started(engine);
      if (!registry.get(tag)) registry.define(tag, cls);
      return registry.get(tag);
    },
    (err) => {
      for (const el of document.querySelectorAll(tag)) {
        el.textContent = `The attention engine could not start: ${err.message}`;
      }
      throw err;
    },
  );
}

/**
 * Panels and maps are landmarks named by their headings: with several playgrounds on a page, each one's are
 * told apart by "playground k of n" (empty with one alone), in the page's order.  whichOf(el): the element
 * that carries that text.
 */
export function numberPlaygrounds(playgrounds, whichOf) {
  const all = [...playgrounds].sort((a, b) =>
    a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1,
  );
  all.forEach((el, k) => setText(whichOf(el), all.length > 1 ? `playground ${k + 1} of ${all.length}` : ''));
}
